"""Field checks every spec and setting shares: numbers in a range, whole numbers, shares, one
of a set, no duplicates.

Each check returns the value it checked (as ``float`` or ``int`` where it says so) or raises
:class:`FieldError`, a :class:`kcc.i18n.TranslatedError` (so a ``ValueError``) whose English
``str()`` names the field, the allowed range and the value given, and whose ``message("nl")``
says the same in Dutch (texts ``checks.error.<code>``). A unit is given as it is written in
English (``"s"``, ``"EUR/h"``) and shown in the reader's language.

The checks differ in their wording only where the specs worded their ranges differently
before (``between 0 and 1`` for a lever, ``a share above 0 up to 1`` for a plan setting, the
interval notation ``(0, 1]`` for a staffing spec); new code should use :func:`number_in`,
:func:`whole_number`, :func:`one_of` and :func:`unique`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from typing import Any, Final, TypeGuard, TypeVar

import numpy as np

from kcc.formatting import is_number, parse_typed
from kcc.i18n import TranslatedError, t

__all__ = [
    "UNITS",
    "FieldError",
    "above",
    "above_at_most",
    "at_least",
    "in_interval",
    "is_number",
    "number_in",
    "one_of",
    "share",
    "shown_value",
    "typed_number",
    "unique",
    "whole_at_least",
    "whole_number",
]

_T = TypeVar("_T")

#: Units a check can name, as written in English -> their text key.
UNITS: Final[dict[str, str]] = {
    "%": "checks.unit.pct",
    "s": "checks.unit.s",
    "min": "checks.unit.min",
    "h": "checks.unit.h",
    "h/week": "checks.unit.h_per_week",
    "weeks": "checks.unit.weeks",
    "days": "checks.unit.days",
    "agents": "checks.unit.agents",
    "items": "checks.unit.items",
    "sessions per agent": "checks.unit.sessions_per_agent",
    "EUR/h": "checks.unit.eur_per_h",
    "EUR/contact": "checks.unit.eur_per_contact",
    "EUR/month": "checks.unit.eur_per_month",
}


class FieldError(TranslatedError):
    """A field outside its allowed values (texts ``checks.error.<code>``).

    Fields: ``field`` (its name in code), ``value`` (the value given: a number, or the
    ``repr`` of anything else), the bounds, and ``unit`` (a key of :data:`UNITS` or ``""``).
    """

    texts = "checks.error"

    def __init__(self, code: str, **fields: Any) -> None:
        unit = fields.get("unit", "")
        if unit and unit not in UNITS:
            raise KeyError(f"no text for the unit {unit!r}; add it to kcc.checks.UNITS")
        if "value" in fields:
            fields["value"] = shown_value(fields["value"])
        super().__init__(code, **fields)

    def _fields(self, lang: str, *, labelled: bool, escape: Callable[[str], str] | None) -> dict[str, Any]:
        fields = super()._fields(lang, labelled=labelled, escape=escape)
        unit = self.fields.get("unit", "")
        fields["unit"] = f" {t(UNITS[unit], lang)}" if unit else ""
        return fields


def shown_value(value: object) -> object:
    """A value as a message shows it: a number as itself (so it follows the reader's
    language), anything else as its ``repr``."""
    return value if is_number(value) else repr(value)


def _finite(value: object) -> TypeGuard[int | float | np.integer | np.floating]:
    return is_number(value) and math.isfinite(float(value))


def number_in(name: str, value: object, low: float, high: float, *, unit: str = "",
              optional: bool = False) -> float | None:
    """``value`` as a float from ``low`` to ``high`` (both included).

    ``None`` passes as ``None`` when ``optional`` (keep a baseline), else it is out of range.

    Raises
    ------
    FieldError
        ``"<name> must be between <low> and <high> <unit>, got <value>"``.
    """
    if value is None and optional:
        return None
    if not _finite(value) or not low <= float(value) <= high:
        raise FieldError("range", field=name, value=value, low=low, high=high, unit=unit)
    return float(value)


def whole_number(name: str, value: object, low: int, high: int, *, unit: str = "", step: int = 1) -> int:
    """``value`` as an int from ``low`` to ``high`` (both included), a multiple of ``step``.

    Raises
    ------
    FieldError
        ``"<name> must be a whole number between <low> and <high> <unit>[ in steps of <step>],
        got <value>"``.
    """
    ok = _finite(value) and float(value).is_integer()
    if not ok or not low <= int(value) <= high or int(value) % step:  # type: ignore[call-overload]  # ok: a number
        code = "whole_step" if step > 1 else "whole"
        raise FieldError(code, field=name, value=value, low=low, high=high, unit=unit, step=step)
    return int(value)  # type: ignore[call-overload]  # ok above: a finite number


def typed_number(name: str, text: str, lang: str) -> float:
    """A number a person typed in the language's convention (``kcc.formatting.parse_typed``).

    Raises
    ------
    FieldError
        ``"<name>: '<text>' is not a number; type it like 1234.5"`` (``1234,5`` in Dutch).
    """
    try:
        number = parse_typed(text, lang)
    except ValueError:
        raise FieldError("typed", field=name, value=text) from None
    if not math.isfinite(number):
        raise FieldError("typed", field=name, value=text)
    return number


def whole_at_least(name: str, value: object, low: int) -> int:
    """``value`` as an int of ``low`` or more.

    Raises
    ------
    FieldError
        ``"<name> must be a whole number of <low> or more, got <value>"``.
    """
    if not _finite(value) or not float(value).is_integer() or int(value) < low:
        raise FieldError("whole_at_least", field=name, value=value, low=low)
    return int(value)


def at_least(name: str, value: object, low: float) -> float:
    """``value`` as a finite float of ``low`` or more.

    Raises
    ------
    FieldError
        ``"<name> must be a finite number of <low> or more, got <value>"``.
    """
    if not _finite(value) or float(value) < low:
        raise FieldError("at_least", field=name, value=value, low=low)
    return float(value)


def above(name: str, value: object, low: float = 0.0, *, unit: str = "") -> float:
    """``value`` as a float above ``low`` (infinity included: a limit may be switched off).

    Raises
    ------
    FieldError
        ``"<name> must be above <low> <unit>, got <value>"``.
    """
    if not is_number(value) or not float(value) > low:
        raise FieldError("above", field=name, value=value, low=low, unit=unit)
    return float(value)


def above_at_most(name: str, value: object, high: float, *, low: float = 0.0, unit: str = "",
                  optional: bool = False) -> float | None:
    """``value`` as a float above ``low`` up to ``high`` (a plan setting's time or hours).

    Raises
    ------
    FieldError
        ``"<name> must be above <low> and at most <high> <unit>, got <value>"``;
        ``"<name> is required"`` for ``None`` unless ``optional``.
    """
    if value is None:
        _missing(name, optional)
        return None
    if not _finite(value) or not low < float(value) <= high:
        raise FieldError("above_at_most", field=name, value=value, low=low, high=high, unit=unit)
    return float(value)


def share(name: str, value: object, *, low: float = 0.0, high: float = 1.0, low_open: bool = True,
          optional: bool = False) -> float | None:
    """``value`` as a share above ``low`` (from ``low`` when not ``low_open``) up to ``high``.

    Raises
    ------
    FieldError
        ``"<name> must be a share above|from <low> up to <high>, got <value>"``;
        ``"<name> is required"`` for ``None`` unless ``optional``.
    """
    if value is None:
        _missing(name, optional)
        return None
    ok = _finite(value) and (low < float(value) if low_open else low <= float(value))
    if not ok or not float(value) <= high:  # type: ignore[arg-type]  # ok: a finite number
        code = "share_above" if low_open else "share_from"
        raise FieldError(code, field=name, value=value, low=low, high=high)
    return float(value)  # type: ignore[arg-type]  # ok above: a finite number


def in_interval(name: str, value: object, low: float, high: float, *, low_open: bool = False,
                high_open: bool = False, optional: bool = False) -> float | None:
    """``value`` as a float in an interval written ``[low, high]``, ``(low, high)``, ...

    Infinity passes only when ``high`` is infinite.

    Raises
    ------
    FieldError
        ``"<name> must be in (<low>, <high>], got <value>"``; ``"<name> is required"`` for
        ``None`` unless ``optional``.
    """
    if value is None:
        _missing(name, optional)
        return None
    number = float(value) if is_number(value) else math.nan
    ok_low = number > low if low_open else number >= low
    ok_high = number < high if high_open else number <= high
    if not (math.isfinite(number) or (high == math.inf and number == math.inf)) or not (ok_low and ok_high):
        raise FieldError("interval", field=name, value=value, low=low, high=high,
                         left="(" if low_open else "[", right=")" if high_open else "]")
    return number


def one_of(name: str, value: _T, allowed: Collection[object], *, shown: str | None = None) -> _T:
    """``value`` when it is one of ``allowed``.

    Raises
    ------
    FieldError
        ``"<name> must be one of <allowed>, got <value>"``; ``shown`` words the allowed
        values (by default joined with commas).
    """
    if value not in allowed:
        listed = ", ".join(str(a) for a in allowed) if shown is None else shown
        raise FieldError("one_of", field=name, value=value, allowed=listed)
    return value


def unique(name: str, items: Sequence[_T], key: Callable[[_T], object]) -> None:
    """Raise when two ``items`` share a ``key``.

    Raises
    ------
    FieldError
        ``"<name> lists <key> twice"``.
    """
    seen: set[object] = set()
    for item in items:
        k = key(item)
        if k in seen:
            raise FieldError("twice", field=name, value=k)
        seen.add(k)


def _missing(name: str, optional: bool) -> None:
    if not optional:
        raise FieldError("required", field=name)
