"""Small wording helpers every part of the summary shares: translation, channel and weekday
names, opening hours in words."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeGuard

import numpy as np

from kcc.config import CHANNELS
from kcc.i18n import t

#: A number whose parts a hyphen joins and no line may split: a date (``14-09-2026``), a month
#: (``2026-11``), an ISO week (``2027-W02``) or a time range (``08:00-20:00``). A renderer
#: keeps each on one line (LibreOffice and browsers start a new line after a hyphen).
HYPHENATED_NUMBER: Final[re.Pattern[str]] = re.compile(r"\d(?:[\d:]*\d)?(?:-W?\d(?:[\d:]*\d)?)+")


def tr_for(lang: str) -> Callable[..., str]:
    """``t`` with the language fixed: ``tr(key, **fmt)``."""

    def tr(key: str, **fmt: object) -> str:
        return t(key, lang, **fmt)

    return tr


def finite(value: float | None) -> TypeGuard[float]:
    """Whether ``value`` is a finite number (not None, NaN or infinite)."""
    return value is not None and isinstance(value, (int, float, np.floating, np.integer)) and math.isfinite(value)


def channel_name(channel: str, lang: str) -> str:
    """A known channel's name in ``lang``; any other id as it is."""
    return t(f"common.ch_{channel}", lang) if channel in CHANNELS else channel


def _weekday_short(day: int, lang: str) -> str:
    return t(f"common.weekday_short_{day}", lang)


def hours_text(hours: Mapping[Any, Sequence[str] | None] | None, lang: str = "en") -> str:
    """Opening hours per weekday, worded with equal consecutive days grouped.

    Parameters
    ----------
    hours : mapping
        Weekday (``0`` or ``"0"`` = Monday .. 6) -> ``(open, close)`` local times as
        ``"HH:MM"`` (``"24:00"`` allowed), or ``None`` when closed; a missing weekday is closed.
    lang : str
        ``"en"`` or ``"nl"``.

    Returns
    -------
    str
        E.g. ``"Mon-Fri 08:00-20:00, Sat 09:00-17:00, Sun closed"``; empty when ``hours`` is
        None.
    """
    if hours is None:
        return ""
    norm: dict[int, tuple[str, str] | None] = {}
    for key, value in hours.items():
        norm[int(key)] = tuple(value)[:2] if value else None  # type: ignore[assignment]  # (open, close) pair
    days = [norm.get(d) for d in range(7)]
    parts: list[str] = []
    start = 0
    while start < 7:
        end = start
        while end + 1 < 7 and days[end + 1] == days[start]:
            end += 1
        label = _weekday_short(start, lang) if end == start else (
            f"{_weekday_short(start, lang)}-{_weekday_short(end, lang)}"
        )
        span = days[start]
        if span is None:
            what = t("report.closed", lang)
        elif span[0] in {"00:00", "0:00"} and span[1] in {"24:00", "23:59"}:
            what = t("report.all_day", lang)
        else:
            what = f"{span[0]}-{span[1]}"
        parts.append(f"{label} {what}")
        start = end + 1
    return ", ".join(parts)
