"""The time grid a lever's times snap to and the error a user can cause with a lever.

A lever's fields go through the checks of :mod:`kcc.checks` (each names the field and the
allowed range); :class:`ScenarioError` carries the texts (``levers.error.<code>``) of the
checks that concern more than one field or a shared link.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from kcc import i18n

#: Opening and closing times snap to this grid. [min]
TIME_STEP_MIN: Final[int] = 15
MINUTES_PER_DAY: Final[int] = 1440
WEEKDAYS: Final[int] = 7


class ScenarioError(i18n.TranslatedError):
    """A lever setting or a shared link a user can get wrong (texts ``levers.error.<code>``)."""

    texts = "levers.error"


def set_field(obj: object, name: str, value: object) -> None:
    """Set attribute ``name`` of a frozen dataclass (only from its ``__post_init__``)."""
    object.__setattr__(obj, name, value)  # frozen dataclasses normalise in __post_init__


def parse_hhmm(text: str) -> int:
    """``"08:30"`` -> 510 minutes after midnight (``"24:00"`` -> 1440)."""
    hours, minutes = text.strip().split(":")
    return int(hours) * 60 + int(minutes)


def format_hhmm(minutes: int) -> str:
    """510 -> ``"08:30"``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def remainder(total: float, parts: Sequence[float]) -> float:
    """``total - sum(parts)``, nudged by the last bit where rounding would make the parts
    plus the remainder miss the total, so parts shown beside their total add up to it:
    ``math.fsum(parts) + remainder == total`` exactly whenever a float can hold it (always
    when the parts' sum is within a factor two of the total), else to one unit in the last
    place of the parts' sum."""
    partial = math.fsum(parts)
    rest = total - partial
    for _ in range(4):
        missed = (partial + rest) - total
        if missed == 0:
            break
        rest = math.nextafter(rest, -math.inf if missed > 0 else math.inf)
    return rest
