"""Texts of the risk sections: the chance a day or week meets its service level."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str]]] = {
    "risk.title_days": (
        "Chance each day meets its service level (first {days} days, roster as it is)",
        "Kans dat elke dag de servicenorm haalt (eerste {days} dagen, rooster zoals het is)",
    ),
    "risk.computing": (
        "Working out each day's chance to meet the target…",
        "Kans per dag om de norm te halen wordt berekend…",
    ),
    "risk.title_week": (
        "Chance the coming week meets its service level",
        "Kans dat de komende week de servicenorm haalt",
    ),
    "risk.col_day": ("Day", "Dag"),
    "risk.col_volume": ("Forecast [contacts]", "Prognose [contacten]"),
    "risk.col_service_level": ("Service level at forecast [%]", "Serviceniveau bij prognose [%]"),
    "risk.col_target": ("Target [%]", "Norm [%]"),
    "risk.col_p_meet": ("Chance to meet the target [%]", "Kans de norm te halen [%]"),
    "risk.per_day": ("Per day", "Per dag"),
    "risk.none": (
        "No staffed contacts in this period, so there is no service level to meet.",
        "Geen bemande contacten in deze periode, dus geen servicenorm om te halen.",
    ),
    "risk.metric_help": (
        "Service level of the week at the forecast {sl}, target {target}. The chance counts "
        "how often the week's volume stays below the level at which the roster drops to the target.",
        "Serviceniveau van de week bij de prognose {sl}, norm {target}. De kans telt hoe vaak het "
        "volume van de week onder het niveau blijft waarbij het rooster onder de norm zakt.",
    ),
    "risk.note": (
        "From the forecast's day-level error: the day's volume varies as its P90 band says, and the "
        "chance is how often it stays below the volume at which the roster's service level falls "
        "to the target. Random arrivals within the day are in the service level itself (Erlang). "
        "Days of one week are taken to share {correlation} of their error.",
        "Uit de dagfout van de prognose: het volume van de dag varieert zoals de P90-band zegt, en "
        "de kans is hoe vaak het onder het volume blijft waarbij het serviceniveau van het rooster "
        "tot de norm zakt. Toevallige aankomsten binnen de dag zitten in het serviceniveau zelf "
        "(Erlang). Dagen van één week delen naar aanname {correlation} van hun fout.",
    ),
}
