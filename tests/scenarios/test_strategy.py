"""The strategy's stated choices kept in the scenario spec: round trips, the version-1
migration, and the errors a user can make, in English and Dutch."""

from __future__ import annotations

import pytest

from kcc import store
from kcc.scenarios import (
    SPEC_VERSION,
    CalamityPlan,
    ChannelNote,
    Milestone,
    ScenarioError,
    ScenarioSpec,
    StrategyChoices,
    TargetOverride,
)

CHOICES = StrategyChoices(
    role="minimise_cost", role_text="Self-service first.",
    purposes=(ChannelNote("phone", "Urgent questions"),), promises=(ChannelNote("email", "Next working day"),),
    approved_budget_eur_per_month=600_000.0, attrition_per_year=0.12, hiring_lead_weeks=10,
    calamities=(CalamityPlan("website", 2.0, ("phone", "phone", "email"), "Banner on the app"),),
    milestones=(Milestone("2027-03-01", "Chatbot live"), Milestone("2027-01-15", "Decision")),
    decision="Approve the self-service programme.",
)


def test_choices_survive_a_spec_round_trip_and_a_link() -> None:
    spec = ScenarioSpec(targets=(TargetOverride("phone", target_service_level=0.85),), strategy=CHOICES)
    assert ScenarioSpec.from_dict(spec.to_dict()) == spec
    assert ScenarioSpec.from_query(spec.to_query("X")) == spec
    assert [m.when for m in CHOICES.milestones] == ["2027-01-15", "2027-03-01"]  # in date order
    assert CHOICES.calamity("website").fallback == ("phone", "email")  # each channel once


def test_a_version_1_spec_loads_without_choices(mem_con) -> None:  # noqa: ANN001
    """A scenario saved before the strategy choices existed loads as version 2, with the
    centre's default (None) in place of choices, and its levers unchanged."""
    old = {"version": 1, "opening_hours": [], "shifts": [], "targets": [
        {"channel": "phone", "target_service_level": 0.85, "answer_time_s": None, "target_asa_s": None,
         "max_abandon": None, "max_occupancy": None, "response_share": None, "response_time_h": None}],
        "fcr": [], "surge": None, "costs": [], "flex_premium": None}
    store.save_scenario(mem_con, name="Old", spec=old, spec_version=1, user="Ann")
    stored = store.read_scenarios(mem_con).iloc[0]
    spec = ScenarioSpec.from_dict(stored["spec"])
    assert (spec.version, SPEC_VERSION, spec.strategy) == (2, 2, None)
    assert spec.targets[0].target_service_level == 0.85


def test_choices_change_no_number_and_stay_with_the_baseline() -> None:
    spec = ScenarioSpec(targets=(TargetOverride("phone", target_service_level=0.85),), strategy=CHOICES)
    assert spec.levers_only() == ScenarioSpec(targets=spec.targets)
    assert spec.baseline().strategy == CHOICES and spec.baseline().levers_only() == ScenarioSpec()


@pytest.mark.parametrize(("make", "english", "dutch"), [
    (lambda: StrategyChoices(decision="x" * 601),
     "strategy.decision: at most 600 characters, got 601", "strategy.decision: hoogstens 600 tekens, nu 601"),
    (lambda: Milestone("15-01-2027", "Decision"),
     "milestone date '15-01-2027' is not a date (YYYY-MM-DD)",
     "mijlpaaldatum '15-01-2027' is geen datum (JJJJ-MM-DD)"),
    (lambda: StrategyChoices(milestones=tuple(Milestone(f"2027-01-{d:02d}", "m") for d in range(1, 14))),
     "at most 12 milestones, got 13", "hoogstens 12 mijlpalen, nu 13"),
])
def test_a_choice_out_of_bounds_says_why_in_both_languages(make, english: str, dutch: str) -> None:  # noqa: ANN001
    with pytest.raises(ScenarioError) as caught:
        make()
    assert str(caught.value) == english and caught.value.message("nl") == dutch


def test_a_share_or_lead_time_out_of_range_is_a_field_error_in_both_languages() -> None:
    with pytest.raises(ValueError) as caught:
        StrategyChoices(attrition_per_year=1.5)
    assert "strategy.attrition_per_year" in str(caught.value)
    with pytest.raises(ValueError) as caught:
        StrategyChoices(approved_budget_eur_per_month=-1.0)
    assert "EUR/month" in str(caught.value) and "EUR/maand" in caught.value.message("nl")  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="unknown strategy field"):
        StrategyChoices.from_dict({"budget": 1})
