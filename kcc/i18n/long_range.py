"""Texts of series counted per day, week or month: what a page that needs intervals says,
and the intraday profile that spreads them."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str]]] = {
    "long_range.granularity.day": ("daily totals", "dagtotalen"),
    "long_range.granularity.week": ("weekly totals", "weektotalen"),
    "long_range.granularity.month": ("monthly totals", "maandtotalen"),
    "long_range.needs_intervals": (
        "Intraday staffing needs interval data (contacts per 15, 30 or 60 minutes). These "
        "series hold {what} only: {series}. Choose an intraday profile below to spread their "
        "daily volume over intervals; until then they are not planned.",
        "Personeelsplanning per interval heeft intervalgegevens nodig (contacten per 15, 30 of "
        "60 minuten). Deze reeksen bevatten alleen {what}: {series}. Kies hieronder een "
        "dagprofiel om hun volume per dag over intervallen te verdelen; tot dan worden ze niet "
        "gepland.",
    ),
    "long_range.spread_by": (
        "{series} hold {what}: their daily volume is spread over intervals with {profile}.",
        "{series} bevatten {what}: hun volume per dag wordt over intervallen verdeeld met "
        "{profile}.",
    ),
    "long_range.profile": ("Intraday profile", "Dagprofiel"),
    "long_range.profile_help": (
        "The standard profile is a typical contact-centre week: weekdays 08:00-20:00 with a "
        "morning peak, Saturday 09:00-17:00, Sunday closed. Another series' profile is its "
        "split of the day over the last eight weeks.",
        "Het standaardprofiel is een gewone KCC-week: werkdagen 08:00-20:00 met een "
        "ochtendpiek, zaterdag 09:00-17:00, zondag gesloten. Het profiel van een andere reeks "
        "is de verdeling van de dag over de laatste acht weken.",
    ),
    "long_range.standard": ("the standard profile", "het standaardprofiel"),
    "long_range.of_series": ("the profile of {centre} · {series}", "het profiel van {centre} · {series}"),
    "long_range.use": ("Use this profile", "Dit profiel gebruiken"),
    "long_range.change": ("Change the intraday profile", "Dagprofiel wijzigen"),
    "long_range.saved": ("Intraday profile saved for this centre.", "Dagprofiel opgeslagen voor dit centrum."),
}
