"""Texts of the horizon's public holidays on the Forecast page: the treatment each gets and
the one-click choices to mark one closed or reduced."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str]]] = {
    "holidays.title": ("Public holidays in the horizon", "Feestdagen in de horizon"),
    "holidays.intro": (
        "How each holiday is forecast. A holiday the history never shows on an open day is "
        "treated as a normal day, not as closed: mark it closed or reduced when you know "
        "better. The choice is saved for this centre and the plan follows it (closed: no "
        "contacts and no deferred work that day).",
        "Hoe elke feestdag wordt voorspeld. Een feestdag die de historie nooit op een open dag "
        "laat zien, geldt als gewone dag, niet als gesloten: markeer hem als gesloten of "
        "beperkt als u het beter weet. De keuze wordt voor dit centrum bewaard en het plan "
        "volgt haar (gesloten: geen contacten en geen uitgesteld werk die dag).",
    ),
    "holidays.learned": (
        "learned from history: {pct} % of a normal day",
        "geleerd uit de historie: {pct} % van een gewone dag",
    ),
    "holidays.unseen": ("no history: treated as a normal day", "geen historie: geldt als gewone dag"),
    "holidays.closed": ("marked closed: no contacts", "gemarkeerd als gesloten: geen contacten"),
    "holidays.reduced": ("marked reduced: {pct} % of a normal day", "gemarkeerd als beperkt: {pct} % van een gewone dag"),
    "holidays.mark_closed": ("Closed", "Gesloten"),
    "holidays.pct": ("Share of a normal day [%]", "Aandeel van een gewone dag [%]"),
    "holidays.mark_reduced": ("Reduced", "Beperkt"),
    "holidays.reset": ("Reset", "Herstel"),
}
