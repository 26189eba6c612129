"""Texts of the Strategy page: the qualitative choices of a contact strategy
(``kcc.scenarios.StrategyChoices``) and their errors."""

TEXTS: dict[str, tuple[str, str]] = {
    # ----- errors of the choices (kcc.scenarios.ScenarioError)
    "levers.error.text_too_long": (
        "{field}: at most {limit} characters, got {chars}",
        "{field}: hoogstens {limit} tekens, nu {chars}",
    ),
    "levers.error.milestone_date": (
        "milestone date {value!r} is not a date (YYYY-MM-DD)",
        "mijlpaaldatum {value!r} is geen datum (JJJJ-MM-DD)",
    ),
    "levers.error.too_many_milestones": (
        "at most {limit} milestones, got {count}",
        "hoogstens {limit} mijlpalen, nu {count}",
    ),
}
