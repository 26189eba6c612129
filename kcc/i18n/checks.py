"""Texts of the field checks every spec and setting shares (``kcc.checks``)."""

TEXTS: dict[str, tuple[str, str]] = {
    "checks.error.range": (
        "{field} must be between {low:g} and {high:g}{unit}, got {value}",
        "{field} moet tussen {low:g} en {high:g}{unit} liggen, niet {value}",
    ),
    "checks.error.whole": (
        "{field} must be a whole number between {low} and {high}{unit}, got {value}",
        "{field} moet een geheel getal van {low} tot en met {high}{unit} zijn, niet {value}",
    ),
    "checks.error.whole_step": (
        "{field} must be a whole number between {low} and {high}{unit} in steps of {step}, got {value}",
        "{field} moet een geheel getal van {low} tot en met {high}{unit} zijn, in stappen van {step}, niet {value}",
    ),
    "checks.error.whole_at_least": (
        "{field} must be a whole number of {low} or more, got {value}",
        "{field} moet een geheel getal van {low} of meer zijn, niet {value}",
    ),
    "checks.error.share_above": (
        "{field} must be a share above {low:g} up to {high:g}, got {value}",
        "{field} moet een aandeel boven {low:g} tot en met {high:g} zijn, niet {value}",
    ),
    "checks.error.share_from": (
        "{field} must be a share from {low:g} up to {high:g}, got {value}",
        "{field} moet een aandeel van {low:g} tot en met {high:g} zijn, niet {value}",
    ),
    "checks.error.above_at_most": (
        "{field} must be above {low:g} and at most {high:g}{unit}, got {value}",
        "{field} moet boven {low:g} en hoogstens {high:g}{unit} liggen, niet {value}",
    ),
    "checks.error.above": (
        "{field} must be above {low:g}{unit}, got {value}",
        "{field} moet boven {low:g}{unit} liggen, niet {value}",
    ),
    "checks.error.at_least": (
        "{field} must be a finite number of {low:g} or more, got {value}",
        "{field} moet een eindig getal van {low:g} of meer zijn, niet {value}",
    ),
    "checks.error.interval": (
        "{field} must be in {left}{low:g}, {high:g}{right}, got {value}",
        "{field} moet in {left}{low:g}; {high:g}{right} liggen, niet {value}",
    ),
    "checks.error.required": ("{field} is required", "{field} is verplicht"),
    "checks.error.typed": (
        "{field}: {value} is not a number; type it like 1234.5",
        "{field}: {value} is geen getal; typ het zoals 1234,5",
    ),
    "checks.error.one_of": (
        "{field} must be one of {allowed}, got {value}",
        "{field} moet een van {allowed} zijn, niet {value}",
    ),
    "checks.error.twice": ("{field} lists {value} twice", "{field} noemt {value} twee keer"),
    "checks.unit.pct": ("%", "%"),
    "checks.unit.s": ("s", "s"),
    "checks.unit.min": ("min", "min"),
    "checks.unit.h": ("h", "u"),
    "checks.unit.h_per_week": ("h/week", "u/week"),
    "checks.unit.weeks": ("weeks", "weken"),
    "checks.unit.days": ("days", "dagen"),
    "checks.unit.agents": ("agents", "medewerkers"),
    "checks.unit.items": ("items", "berichten"),
    "checks.unit.sessions_per_agent": ("sessions per agent", "sessies per medewerker"),
    "checks.unit.eur_per_h": ("EUR/h", "EUR/u"),
    "checks.unit.eur_per_contact": ("EUR/contact", "EUR/contact"),
    "checks.unit.eur_per_month": ("EUR/month", "EUR/maand"),
}
