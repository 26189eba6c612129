"""Range checks of the staffing specs, with a message naming the field and the range."""

from __future__ import annotations

import math

__all__ = ["in_range"]


def in_range(
    name: str,
    value: float | None,
    low: float,
    high: float,
    *,
    low_open: bool = False,
    high_open: bool = False,
    allow_none: bool = False,
) -> None:
    """Raise ``ValueError`` naming ``name`` unless ``value`` lies in the range.

    ``low_open`` / ``high_open`` exclude the bound; ``None`` passes only with ``allow_none``.
    """
    if value is None:
        if allow_none:
            return
        raise ValueError(f"{name} is required")
    ok_low = value > low if low_open else value >= low
    ok_high = value < high if high_open else value <= high
    if not (math.isfinite(value) or high == math.inf) or not (ok_low and ok_high):
        lo = "(" if low_open else "["
        hi = ")" if high_open else "]"
        raise ValueError(f"{name} must be in {lo}{low:g}, {high:g}{hi}, got {value!r}")
