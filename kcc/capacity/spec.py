"""What a planner sets for the capacity plan: the FTE bridge (contract, shrinkage, cover
efficiency, FTE per head) and the hiring rules, as frozen, validated specs.

A value out of range raises :class:`CapacityFieldError`, a :class:`kcc.checks.FieldError` that
names the field by its on-screen label in the reader's language (texts ``capacity.field.*``).
Problems that are not one field's range (a lead time longer than the horizon, an empty
history) raise :class:`CapacityError` (texts ``capacity.error.*``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any, Final, TypeVar

from kcc import checks
from kcc.checks import FieldError
from kcc.i18n import TranslatedError

__all__ = [
    "COVER_EFFICIENCY_KEY",
    "DEFAULT_EFFICIENCY",
    "FIELD_LABELS",
    "SETTINGS_KEY",
    "CapacityError",
    "CapacityFieldError",
    "CapacitySettings",
    "CoverEfficiency",
    "FteSpec",
    "HiringSpec",
    "cover_efficiencies",
    "heads_per_month",
    "with_cover_efficiencies",
    "with_cover_efficiency",
]

#: Schedule efficiency (required / rostered hours) assumed until a shift cover has been run:
#: an optimal cover of the demo's requirement with 4-8 hour shifts reaches 78-91 %.
DEFAULT_EFFICIENCY: Final[float] = 0.85
#: Setting key of a centre's capacity settings (one JSON value, written in one transaction).
SETTINGS_KEY: Final[str] = "capacity.settings"
#: Setting key of the schedule efficiency the last shift cover of each channel measured:
#: ``{channel: {"efficiency": required / rostered hours, "week": ISO date of the week's first day}}``.
COVER_EFFICIENCY_KEY: Final[str] = "capacity.cover_efficiency"
#: Longest plan. [months]
MAX_HORIZON_MONTHS: Final[int] = 36

#: Field name in code -> text key of its on-screen label.
FIELD_LABELS: Final[dict[str, str]] = {
    name: f"capacity.field.{name}" for name in (
        "contract_hours_per_week", "in_shift_shrinkage", "out_of_shift_shrinkage", "efficiency",
        "fte_per_head", "start_heads", "attrition_per_month", "lead_time_months", "training_weeks",
        "training_productivity", "class_size", "max_classes_per_month", "horizon_months", "already_hired",
        "cost_eur_per_hire",
    )
}

_T = TypeVar("_T")


class CapacityFieldError(FieldError):
    """A capacity setting out of range, named by its label (``capacity.field.<name>``)."""

    labels = FIELD_LABELS


class CapacityError(TranslatedError):
    """A capacity plan that cannot be made as asked (texts ``capacity.error.<code>``)."""

    texts = "capacity.error"
    labels = FIELD_LABELS


def _labelled(check: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    """Run a ``kcc.checks`` check; its error names the field by its capacity label."""
    try:
        return check(*args, **kwargs)
    except FieldError as exc:
        raise CapacityFieldError(exc.code, **exc.fields) from None


@dataclass(frozen=True)
class FteSpec:
    """From hours on the floor to paid hours, FTE and people.

    Attributes
    ----------
    contract_hours_per_week : float
        Paid hours of one FTE. [h/week] (12..48)
    in_shift_shrinkage : float
        Share of time on shift not on contacts: breaks, coaching, meetings. [0..0.6]
    out_of_shift_shrinkage : float
        Share of contract hours not rostered: annual leave, public holidays, sickness,
        training. [0..0.6]
    efficiency : float
        Schedule efficiency, required hours / rostered hours, used for every channel without
        its own (the shift cover's). (0.3..1]
    fte_per_head : float
        Average contract of one person. [FTE/head] (0.1..1.2)
    efficiency_by_channel : tuple of (str, float)
        Per channel the efficiency a shift cover measured; overrides ``efficiency``.
    """

    contract_hours_per_week: float = 36.0
    in_shift_shrinkage: float = 0.12
    out_of_shift_shrinkage: float = 0.18
    efficiency: float = DEFAULT_EFFICIENCY
    fte_per_head: float = 0.85
    efficiency_by_channel: tuple[tuple[str, float], ...] = field(default=())

    def __post_init__(self) -> None:
        _labelled(checks.number_in, "contract_hours_per_week", self.contract_hours_per_week, 12, 48, unit="h/week")
        _labelled(checks.number_in, "in_shift_shrinkage", self.in_shift_shrinkage, 0, 0.6)
        _labelled(checks.number_in, "out_of_shift_shrinkage", self.out_of_shift_shrinkage, 0, 0.6)
        _labelled(checks.number_in, "efficiency", self.efficiency, 0.3, 1)
        _labelled(checks.number_in, "fte_per_head", self.fte_per_head, 0.1, 1.2)
        for _, value in self.efficiency_by_channel:
            _labelled(checks.number_in, "efficiency", value, 0.3, 1)

    def efficiency_for(self, channel: str) -> float:
        """The channel's measured schedule efficiency, else the default one. (0..1]"""
        return dict(self.efficiency_by_channel).get(channel, self.efficiency)


@dataclass(frozen=True)
class HiringSpec:
    """The hiring rules of the capacity plan.

    Attributes
    ----------
    start_heads : float
        People employed at the plan's start. [heads] (0..100,000)
    attrition_per_month : float
        Share of people leaving each month. [0..1]
    lead_time_months : int
        Months from the decision to hire to the first day of a class; shorter than the horizon.
    training_weeks : int
        Weeks a new person trains at reduced productivity. [weeks] (0..52)
    training_productivity : float
        Productivity while training, as a share of a trained person. [0..1]
    class_size : int
        People per training class. [heads] (1..500)
    max_classes_per_month : int
        Classes that can start in one month. (0..50)
    horizon_months : int
        Length of the plan. [months] (1..36)
    already_hired : tuple of float
        People already hired or in training who start in the plan's first months, one number per
        month from the first; no longer than the lead time (later hires are the plan's). [heads]
    cost_eur_per_hire : float
        Recruitment and onboarding cost of one person the plan hires. [EUR] (0..100,000)
    """

    start_heads: float = 0.0
    attrition_per_month: float = 0.015
    lead_time_months: int = 2
    training_weeks: int = 4
    training_productivity: float = 0.5
    class_size: int = 10
    max_classes_per_month: int = 2
    horizon_months: int = 18
    already_hired: tuple[float, ...] = ()
    cost_eur_per_hire: float = 0.0

    def __post_init__(self) -> None:
        _labelled(checks.number_in, "start_heads", self.start_heads, 0, 100_000)
        _labelled(checks.number_in, "attrition_per_month", self.attrition_per_month, 0, 1)
        _labelled(checks.whole_number, "horizon_months", self.horizon_months, 1, MAX_HORIZON_MONTHS)
        _labelled(checks.whole_number, "lead_time_months", self.lead_time_months, 0, MAX_HORIZON_MONTHS)
        if self.lead_time_months >= self.horizon_months:
            raise CapacityError("lead_time", field="lead_time_months", value=self.lead_time_months,
                                horizon=self.horizon_months)
        _labelled(checks.whole_number, "training_weeks", self.training_weeks, 0, 52, unit="weeks")
        _labelled(checks.number_in, "training_productivity", self.training_productivity, 0, 1)
        _labelled(checks.whole_number, "class_size", self.class_size, 1, 500)
        _labelled(checks.whole_number, "max_classes_per_month", self.max_classes_per_month, 0, 50)
        for heads in self.already_hired:
            _labelled(checks.number_in, "already_hired", heads, 0, 100_000)
        if len(self.already_hired) > self.lead_time_months:
            raise CapacityError("already_hired_after_lead", field="already_hired", months=len(self.already_hired),
                                lead=self.lead_time_months)
        _labelled(checks.number_in, "cost_eur_per_hire", self.cost_eur_per_hire, 0, 100_000)


@dataclass(frozen=True)
class CapacitySettings:
    """A centre's capacity settings as one stored value (``SETTINGS_KEY``)."""

    fte: FteSpec = field(default_factory=FteSpec)
    hiring: HiringSpec = field(default_factory=HiringSpec)

    def to_json(self) -> dict[str, Any]:
        """JSON-safe form; :meth:`from_json` reads it back."""
        return json.loads(json.dumps(asdict(self)))

    @classmethod
    def from_json(cls, value: Mapping[str, Any] | None) -> CapacitySettings:
        """Settings from :meth:`to_json` (defaults for what is missing).

        Raises
        ------
        CapacityFieldError, CapacityError
            When a stored value is out of range.
        """
        value = value or {}
        fte_values = dict(value.get("fte") or {})
        fte_values["efficiency_by_channel"] = tuple(
            (str(c), float(v)) for c, v in fte_values.get("efficiency_by_channel", ()))
        hiring_values = dict(value.get("hiring") or {})
        hiring_values["already_hired"] = tuple(float(v) for v in hiring_values.get("already_hired", ()))
        return cls(FteSpec(**fte_values), HiringSpec(**hiring_values))


# --------------------------------------------------------------------------- the shift cover's efficiency


@dataclass(frozen=True)
class CoverEfficiency:
    """The schedule efficiency a shift cover measured for one channel.

    Attributes
    ----------
    channel : str
    efficiency : float
        Required hours / rostered hours of the cover. (0..1]
    week : date
        First day of the week the cover was solved for.
    """

    channel: str
    efficiency: float
    week: date


def with_cover_efficiency(stored: Any, channel: str, efficiency: float, week: date) -> dict[str, Any]:
    """The setting ``COVER_EFFICIENCY_KEY`` with ``channel``'s cover of ``week`` in it (the
    other channels' kept): what a solved cover writes."""
    value = {str(c): v for c, v in stored.items()} if isinstance(stored, Mapping) else {}
    value[str(channel)] = {"efficiency": float(efficiency), "week": week.isoformat()}
    return value


def cover_efficiencies(stored: Any) -> tuple[CoverEfficiency, ...]:
    """The covers of the setting ``COVER_EFFICIENCY_KEY`` by channel; an entry that does not read,
    or whose efficiency lies outside the range the FTE bridge accepts (0.3..1), is left out."""
    if not isinstance(stored, Mapping):
        return ()
    out = []
    for channel, entry in sorted(stored.items()):
        try:
            efficiency = float(entry["efficiency"])
            week = date.fromisoformat(str(entry["week"]))
        except (KeyError, TypeError, ValueError):
            continue
        if math.isfinite(efficiency) and 0.3 <= efficiency <= 1:
            out.append(CoverEfficiency(str(channel), efficiency, week))
    return tuple(out)


def with_cover_efficiencies(spec: FteSpec, covers: tuple[CoverEfficiency, ...]) -> FteSpec:
    """``spec`` with each channel's measured efficiency (the default stays for the others)."""
    if not covers:
        return spec
    return replace(spec, efficiency_by_channel=tuple((c.channel, c.efficiency) for c in covers))


def heads_per_month(text: str) -> tuple[float, ...]:
    """Numbers typed one per month (``"6 0 4"``, ``"6; 0; 4,5"``: a decimal comma reads as a point
    when semicolons or spaces separate the numbers) as heads per month.

    Raises
    ------
    CapacityError
        ``already_hired_text`` when a part is not a number.
    """
    cleaned = str(text).strip()
    if not cleaned:
        return ()
    parts = cleaned.replace(";", " ").split()
    try:
        return tuple(float(p.replace(",", ".")) for p in parts)
    except ValueError:
        raise CapacityError("already_hired_text", field="already_hired", value=cleaned) from None
