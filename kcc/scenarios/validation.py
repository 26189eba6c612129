"""Checks a lever's fields go through, the time grid they snap to and the error a user can cause.

Each check returns the value normalised or raises a message naming the field and the allowed
range; :class:`ScenarioError` carries the texts (``levers.error.<code>``) a user reads in
their language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, Final

import numpy as np

from kcc import config, i18n

#: Opening and closing times snap to this grid. [min]
TIME_STEP_MIN: Final[int] = 15
MINUTES_PER_DAY: Final[int] = 1440
WEEKDAYS: Final[int] = 7


class ScenarioError(i18n.TranslatedError):
    """A lever setting or a shared link a user can get wrong (texts ``levers.error.<code>``)."""

    texts = "levers.error"


def is_number(value: object) -> bool:
    """True for a real number (numpy scalars included); False for booleans and anything else."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def check_range(name: str, value: object, low: float, high: float, unit: str = "") -> float:
    """Return ``value`` as float or raise a message naming the field and the allowed range."""
    suffix = f" {unit}" if unit else ""
    if not is_number(value) or not math.isfinite(float(value)) or not low <= float(value) <= high:  # type: ignore[arg-type]
        raise ValueError(f"{name} must be between {low:g} and {high:g}{suffix}, got {value!r}")
    return float(value)  # type: ignore[arg-type]


def check_int(name: str, value: object, low: int, high: int, unit: str = "", step: int = 1) -> int:
    """Return ``value`` as int or raise a message naming the field, the range and the ``step``."""
    suffix = f" {unit}" if unit else ""
    ok = is_number(value) and float(value) == int(value)  # type: ignore[arg-type, call-overload]
    if not ok or not low <= int(value) <= high or int(value) % step:  # type: ignore[arg-type, call-overload]
        every = f" in steps of {step}" if step > 1 else ""
        raise ValueError(f"{name} must be a whole number between {low} and {high}{suffix}{every}, got {value!r}")
    return int(value)  # type: ignore[arg-type, call-overload]


def check_optional(name: str, value: object, low: float, high: float, unit: str = "") -> float | None:
    """None stays None (keep the baseline); anything else goes through :func:`check_range`."""
    return None if value is None else check_range(name, value, low, high, unit)


def check_channel(name: str, value: object) -> str:
    """Return ``value`` if it is a known channel (``kcc.config.CHANNELS``), else raise naming the field."""
    if value not in config.CHANNELS:
        raise ValueError(f"{name} must be one of {', '.join(config.CHANNELS)}, got {value!r}")
    return str(value)


def check_unique(name: str, items: Sequence[Any], key: Callable[[Any], object]) -> None:
    """Raise a message naming the field when two ``items`` share a ``key``."""
    seen: set[object] = set()
    for item in items:
        k = key(item)
        if k in seen:
            raise ValueError(f"{name} lists {k!r} twice")
        seen.add(k)


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
