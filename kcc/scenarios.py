"""Strategy scenarios: a frozen, versioned set of levers applied to the baseline demand.

A :class:`ScenarioSpec` holds the choices a manager makes (opening hours, what customers do
while a channel is closed, channel-mix shifts, KPI targets, first-contact resolution, a stress
test and costs). The lever functions turn the baseline demand frame into the demand a
scenario creates, and :func:`evaluate_scenario` staffs it through ``kcc.plan`` so a scenario
can be compared with the baseline in FTE, EUR, service level, abandonment and reachability.

The pipeline, in order:

1. :func:`unconstrain_demand` - the demand as it *arrives*: recorded volume plus contacts
   attempted while closed (``closed_attempts``, or estimated from the digital channels'
   24-hour pattern when a channel has none), minus the callbacks and channel moves those closed
   hours caused in the record (the morning redial peak);
2. :func:`apply_fcr` - fewer repeat contacts when first-contact resolution rises;
3. :func:`apply_channel_mix` - shares of one channel's demand moved to another;
4. :func:`apply_opening_hours` - demand meeting a closed channel calls back at the next
   opening (spread over a redial window), moves to a digital channel or is lost; accepted
   written contacts outside working hours wait for the next working interval.

Shares are fractions (0..1) throughout; times carry their unit in the name.

The demand frame has the columns ``channel, ds, interval_min, volume, aht_s`` and optionally
``queue, volume_hi, closed_attempts``; queues are summed per channel.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import math
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

import numpy as np
import pandas as pd

from kcc import config, i18n

SPEC_VERSION: Final[int] = 1
#: Opening and closing times snap to this grid. [min]
TIME_STEP_MIN: Final[int] = 15
MINUTES_PER_DAY: Final[int] = 1440
WEEKDAYS: Final[int] = 7
#: Channels handled without agents.
NO_AGENT_CHANNELS: Final[frozenset[str]] = frozenset({"self_service"})
#: Weeks per month for monthly money. [weeks/month]
WEEKS_PER_MONTH: Final[float] = 52.0 / 12.0
#: Query parameter names of a shared scenario link.
QUERY_SPEC: Final[str] = "scenario"
QUERY_VERSION: Final[str] = "sv"
QUERY_NAME: Final[str] = "name"

_T = TypeVar("_T")


# --------------------------------------------------------------------------- validation



class ScenarioError(i18n.TranslatedError):
    """A lever setting or a shared link a user can get wrong (texts ``levers.error.<code>``)."""

    texts = "levers.error"

def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _check_range(name: str, value: object, low: float, high: float, unit: str = "") -> float:
    """Return ``value`` as float or raise a message naming the field and the allowed range."""
    suffix = f" {unit}" if unit else ""
    if not _is_number(value) or not math.isfinite(float(value)) or not low <= float(value) <= high:  # type: ignore[arg-type]
        raise ValueError(f"{name} must be between {low:g} and {high:g}{suffix}, got {value!r}")
    return float(value)  # type: ignore[arg-type]


def _check_int(name: str, value: object, low: int, high: int, unit: str = "", step: int = 1) -> int:
    suffix = f" {unit}" if unit else ""
    ok = _is_number(value) and float(value) == int(value)  # type: ignore[arg-type]
    if not ok or not low <= int(value) <= high or int(value) % step:  # type: ignore[arg-type]
        every = f" in steps of {step}" if step > 1 else ""
        raise ValueError(f"{name} must be a whole number between {low} and {high}{suffix}{every}, got {value!r}")
    return int(value)  # type: ignore[arg-type]


def _check_optional(name: str, value: object, low: float, high: float, unit: str = "") -> float | None:
    return None if value is None else _check_range(name, value, low, high, unit)


def _check_channel(name: str, value: object) -> str:
    if value not in config.CHANNELS:
        raise ValueError(f"{name} must be one of {', '.join(config.CHANNELS)}, got {value!r}")
    return str(value)


def _check_unique(name: str, items: Sequence[Any], key: Callable[[Any], object]) -> None:
    seen: set[object] = set()
    for item in items:
        k = key(item)
        if k in seen:
            raise ValueError(f"{name} lists {k!r} twice")
        seen.add(k)


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)  # frozen dataclasses normalise in __post_init__


def parse_hhmm(text: str) -> int:
    """``"08:30"`` -> 510 minutes after midnight (``"24:00"`` -> 1440)."""
    hours, minutes = text.strip().split(":")
    return int(hours) * 60 + int(minutes)


def format_hhmm(minutes: int) -> str:
    """510 -> ``"08:30"``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --------------------------------------------------------------------------- spec parts


@dataclass(frozen=True)
class ChannelHours:
    """When a channel accepts contacts, per weekday (0 = Monday).

    Attributes
    ----------
    channel : str
        Channel id.
    open_min, close_min : tuple of 7 int
        Opening and closing time per weekday. [min after local midnight, multiples of 15]
        ``open_min == close_min`` means closed all day; ``(0, 1440)`` means open all day.
    """

    channel: str
    open_min: tuple[int, ...]
    close_min: tuple[int, ...]

    def __post_init__(self) -> None:
        name = f"opening_hours[{self.channel}]"
        _check_channel(f"{name}.channel", self.channel)
        for attr in ("open_min", "close_min"):
            values = tuple(getattr(self, attr))
            if len(values) != WEEKDAYS:
                raise ValueError(f"{name}.{attr} must hold 7 weekdays (Monday first), got {len(values)}")
            _set(self, attr, tuple(
                _check_int(f"{name}.{attr}[{d}]", v, 0, MINUTES_PER_DAY, "min", TIME_STEP_MIN)
                for d, v in enumerate(values)
            ))
        for d in range(WEEKDAYS):
            if self.close_min[d] < self.open_min[d]:
                raise ScenarioError("close_before_open", name=name, day=d,
                                    closes=format_hhmm(self.close_min[d]),
                                    opens=format_hhmm(self.open_min[d]))

    @classmethod
    def weekly(
        cls,
        channel: str,
        open_min: int,
        close_min: int,
        weekdays: Iterable[int] = range(WEEKDAYS),
    ) -> ChannelHours:
        """The same hours on ``weekdays``, closed on the other days."""
        days = set(weekdays)
        return cls(
            channel,
            tuple(open_min if d in days else 0 for d in range(WEEKDAYS)),
            tuple(close_min if d in days else 0 for d in range(WEEKDAYS)),
        )

    @classmethod
    def always(cls, channel: str) -> ChannelHours:
        """Open 24 hours a day, 7 days a week."""
        return cls.weekly(channel, 0, MINUTES_PER_DAY)

    def with_day(self, weekday: int, open_min: int, close_min: int) -> ChannelHours:
        """A copy with other hours on one weekday."""
        opens, closes = list(self.open_min), list(self.close_min)
        opens[weekday], closes[weekday] = open_min, close_min
        return ChannelHours(self.channel, tuple(opens), tuple(closes))

    def is_closed(self, weekday: int) -> bool:
        """True when the channel is closed all day on ``weekday``."""
        return self.open_min[weekday] == self.close_min[weekday]

    @property
    def open_hours_per_week(self) -> float:
        """Opening hours in a week. [h]"""
        return sum(c - o for o, c in zip(self.open_min, self.close_min, strict=True)) / 60.0


@dataclass(frozen=True)
class ClosedHoursBehaviour:
    """What customers do when they meet a closed channel (assumptions the user sets).

    Attributes
    ----------
    callback_share : float
        Share that tries again at the next opening. [0..1]
    digital_share : float
        Share that moves to ``digital_channel`` at once. [0..1]
    digital_channel : str
        Channel the movers use (e-mail accepts around the clock).
    redial_window_min : int
        Callbacks arrive in this window after the opening, front-loaded (the redial peak). [min]

    The rest, ``lost_share = 1 - callback_share - digital_share``, is lost.
    """

    callback_share: float = 0.6
    digital_share: float = 0.15
    digital_channel: str = "email"
    redial_window_min: int = 60

    def __post_init__(self) -> None:
        _set(self, "callback_share", _check_range("closed_hours.callback_share", self.callback_share, 0, 1))
        _set(self, "digital_share", _check_range("closed_hours.digital_share", self.digital_share, 0, 1))
        if self.callback_share + self.digital_share > 1 + 1e-9:
            raise ScenarioError("closed_shares", total=float(self.callback_share + self.digital_share))
        _check_channel("closed_hours.digital_channel", self.digital_channel)
        _set(self, "redial_window_min", _check_int(
            "closed_hours.redial_window_min", self.redial_window_min, TIME_STEP_MIN, 480, "min", TIME_STEP_MIN
        ))

    @property
    def lost_share(self) -> float:
        """Share of closed-hours demand that is lost. [0..1]"""
        return max(0.0, 1.0 - self.callback_share - self.digital_share)


@dataclass(frozen=True)
class ChannelShift:
    """Move a share of one channel's demand to another channel (or self-service).

    Attributes
    ----------
    source, target : str
        Channel ids; they must differ.
    share : float
        Share of the source's demand that moves. [0..1]
    aht_s : float or None
        Handle time of a moved contact in the target; None = the target's own. [s]
    containment : float
        Share of moved contacts resolved in the target (for self-service: without an agent). [0..1]
    failure_share : float
        Share of moved contacts that fail there and contact the source anyway (failure
        demand). [0..1]; ``containment + failure_share <= 1``, the rest gives up.
    """

    source: str
    target: str
    share: float
    aht_s: float | None = None
    containment: float = 1.0
    failure_share: float = 0.0

    def __post_init__(self) -> None:
        name = f"shifts[{self.source}->{self.target}]"
        _check_channel(f"{name}.source", self.source)
        _check_channel(f"{name}.target", self.target)
        if self.source == self.target:
            raise ScenarioError("same_channel", name=name)
        _set(self, "share", _check_range(f"{name}.share", self.share, 0, 1))
        _set(self, "aht_s", _check_optional(f"{name}.aht_s", self.aht_s, 1, 86_400, "s"))
        _set(self, "containment", _check_range(f"{name}.containment", self.containment, 0, 1))
        _set(self, "failure_share", _check_range(f"{name}.failure_share", self.failure_share, 0, 1))
        if self.containment + self.failure_share > 1 + 1e-9:
            raise ScenarioError("mix_shares", name=name,
                                total=float(self.containment + self.failure_share))


@dataclass(frozen=True)
class TargetOverride:
    """KPI targets of one channel; None keeps the baseline setting.

    Attributes
    ----------
    channel : str
    target_service_level : float or None
        Share answered within ``answer_time_s``. [0..1]
    answer_time_s : float or None
        Service-level answer time. [s]
    target_asa_s : float or None
        Maximum average speed of answer. [s]
    max_abandon : float or None
        Maximum abandonment. [0..1]
    max_occupancy : float or None
        Occupancy cap. [0..1]
    response_time_h : float or None
        E-mail/WhatsApp response time. [h]
    response_share : float or None
        Share answered within the response time. [0..1]
    """

    channel: str
    target_service_level: float | None = None
    answer_time_s: float | None = None
    target_asa_s: float | None = None
    max_abandon: float | None = None
    max_occupancy: float | None = None
    response_time_h: float | None = None
    response_share: float | None = None

    def __post_init__(self) -> None:
        name = f"targets[{self.channel}]"
        _check_channel(f"{name}.channel", self.channel)
        _set(self, "target_service_level", _check_optional(f"{name}.target_service_level", self.target_service_level, 0.01, 0.999))
        _set(self, "answer_time_s", _check_optional(f"{name}.answer_time_s", self.answer_time_s, 1, 604_800, "s"))
        _set(self, "target_asa_s", _check_optional(f"{name}.target_asa_s", self.target_asa_s, 1, 86_400, "s"))
        _set(self, "max_abandon", _check_optional(f"{name}.max_abandon", self.max_abandon, 0.001, 0.999))
        _set(self, "max_occupancy", _check_optional(f"{name}.max_occupancy", self.max_occupancy, 0.3, 1.0))
        _set(self, "response_time_h", _check_optional(f"{name}.response_time_h", self.response_time_h, 0.25, 720, "h"))
        _set(self, "response_share", _check_optional(f"{name}.response_share", self.response_share, 0.01, 0.999))


@dataclass(frozen=True)
class FcrLever:
    """First-contact resolution of one channel, today and in the scenario, and the handle
    time that goes with it.

    Every unresolved contact comes back once more, so the demand is ``unique / fcr`` and the
    repeat-contact rate is ``1 - fcr``; moving FCR from ``fcr_baseline`` to ``fcr`` scales
    the channel's demand by ``fcr_baseline / fcr``. Resolving more the first time often takes
    longer contacts (or a knowledge base makes them shorter): ``aht_change`` scales the
    channel's handle time, so the workload changes by ``volume_factor * (1 + aht_change)``.

    Attributes
    ----------
    channel : str
    fcr_baseline : float
        Share of contacts resolved the first time today. [0.05..1]
    fcr : float
        The same in the scenario. [0.05..1]
    aht_change : float
        Relative change of the channel's handle time in the scenario, e.g. ``0.1`` for 10 %
        longer contacts. [-0.5..1]
    """

    channel: str
    fcr_baseline: float
    fcr: float
    aht_change: float = 0.0

    def __post_init__(self) -> None:
        name = f"fcr[{self.channel}]"
        _check_channel(f"{name}.channel", self.channel)
        _set(self, "fcr_baseline", _check_range(f"{name}.fcr_baseline", self.fcr_baseline, 0.05, 1))
        _set(self, "fcr", _check_range(f"{name}.fcr", self.fcr, 0.05, 1))
        _set(self, "aht_change", _check_range(f"{name}.aht_change", self.aht_change, -0.5, 1))

    @property
    def workload_factor(self) -> float:
        """Agent workload in the scenario relative to today: volume times handle time. [-]"""
        return self.volume_factor * (1.0 + self.aht_change)

    @property
    def volume_factor(self) -> float:
        """Demand in the scenario relative to today. [-]"""
        return self.fcr_baseline / self.fcr


@dataclass(frozen=True)
class SurgeTest:
    """A surge above the forecast and the flexible capacity that meets it.

    Attributes
    ----------
    channel : str
        Channel hit by the surge.
    uplift : float
        Demand above forecast during the surge (0.5 = +50%). [0..5]
    weekday : int
        Day of the surge (0 = Monday); the first such day of the demand is used.
    start_min : int
        Start of the surge. [min after local midnight]
    duration_min : int
        Length of the surge. [min]
    home_agents : int
        Home-working agents who log in for short blocks. [agents]
    home_block_min : int
        Length of one home block; blocks follow each other until the surge ends. [min]
    home_delay_min : int
        Time until home agents are logged in. [min after surge start]
    outsource_agents : int
        Agents of an outsourcing partner. [agents]
    outsource_delay_min : int
        Time until the partner's agents answer. [min after surge start]
    overtime_agents : int
        Own agents who stay on after the surge. [agents]
    overtime_min : int
        Overtime per agent, right after the surge. [min]
    """

    channel: str = "phone"
    uplift: float = 0.5
    weekday: int = 0
    start_min: int = 9 * 60
    duration_min: int = 240
    home_agents: int = 0
    home_block_min: int = 90
    home_delay_min: int = 30
    outsource_agents: int = 0
    outsource_delay_min: int = 120
    overtime_agents: int = 0
    overtime_min: int = 60

    def __post_init__(self) -> None:
        _check_channel("surge.channel", self.channel)
        _set(self, "uplift", _check_range("surge.uplift", self.uplift, 0, 5))
        _set(self, "weekday", _check_int("surge.weekday", self.weekday, 0, 6))
        _set(self, "start_min", _check_int("surge.start_min", self.start_min, 0, MINUTES_PER_DAY - TIME_STEP_MIN, "min", TIME_STEP_MIN))
        _set(self, "duration_min", _check_int("surge.duration_min", self.duration_min, TIME_STEP_MIN, 7 * MINUTES_PER_DAY, "min", TIME_STEP_MIN))
        for attr in ("home_agents", "outsource_agents", "overtime_agents"):
            _set(self, attr, _check_int(f"surge.{attr}", getattr(self, attr), 0, 10_000, "agents"))
        _set(self, "home_block_min", _check_int("surge.home_block_min", self.home_block_min, 30, 480, "min", TIME_STEP_MIN))
        for attr in ("home_delay_min", "outsource_delay_min"):
            _set(self, attr, _check_int(f"surge.{attr}", getattr(self, attr), 0, MINUTES_PER_DAY, "min", TIME_STEP_MIN))
        _set(self, "overtime_min", _check_int("surge.overtime_min", self.overtime_min, 0, 480, "min", TIME_STEP_MIN))

    @property
    def has_flex(self) -> bool:
        """True when any flexible capacity is set."""
        return bool(self.home_agents or self.outsource_agents or (self.overtime_agents and self.overtime_min))


@dataclass(frozen=True)
class CostOverride:
    """Money of one channel; None keeps the baseline setting.

    Attributes
    ----------
    channel : str
    cost_eur_per_hour : float or None
        Loaded cost of one paid agent hour. [EUR/h]
    cost_eur_per_contact : float
        Variable cost per handled contact on top of the agent time (telephony, licences,
        the self-service platform). [EUR/contact]
    """

    channel: str
    cost_eur_per_hour: float | None = None
    cost_eur_per_contact: float = 0.0

    def __post_init__(self) -> None:
        name = f"costs[{self.channel}]"
        _check_channel(f"{name}.channel", self.channel)
        _set(self, "cost_eur_per_hour", _check_optional(f"{name}.cost_eur_per_hour", self.cost_eur_per_hour, 0, 1000, "EUR/h"))
        _set(self, "cost_eur_per_contact", _check_range(f"{name}.cost_eur_per_contact", self.cost_eur_per_contact, 0, 1000, "EUR/contact"))


# --------------------------------------------------------------------------- the spec


@dataclass(frozen=True)
class ScenarioSpec:
    """Every lever of one scenario; an empty spec is the baseline.

    Attributes
    ----------
    opening_hours : tuple of ChannelHours
        Hours per channel; channels not listed keep the baseline hours.
    closed_hours : ClosedHoursBehaviour
        What customers do when they meet a closed channel.
    shifts : tuple of ChannelShift
        Channel-mix shifts, applied in order.
    targets : tuple of TargetOverride
        KPI targets per channel.
    fcr : tuple of FcrLever
        First-contact resolution per channel.
    surge : SurgeTest or None
        The stress test.
    costs : tuple of CostOverride
        Costs per channel.
    flex_premium : float or None
        Extra cost of flexible/outsourced hours over the loaded hourly cost (0.3 = +30%); None
        keeps the baseline setting. [0..3]
    version : int
        Spec version (``SPEC_VERSION``); older stored specs are migrated on load.
    """

    opening_hours: tuple[ChannelHours, ...] = ()
    closed_hours: ClosedHoursBehaviour = field(default_factory=ClosedHoursBehaviour)
    shifts: tuple[ChannelShift, ...] = ()
    targets: tuple[TargetOverride, ...] = ()
    fcr: tuple[FcrLever, ...] = ()
    surge: SurgeTest | None = None
    costs: tuple[CostOverride, ...] = ()
    flex_premium: float | None = None
    version: int = SPEC_VERSION

    def __post_init__(self) -> None:
        if self.version != SPEC_VERSION:
            raise ValueError(f"version must be {SPEC_VERSION} (migrate older specs with from_dict), got {self.version!r}")
        for attr, kind in (
            ("opening_hours", ChannelHours), ("shifts", ChannelShift), ("targets", TargetOverride),
            ("fcr", FcrLever), ("costs", CostOverride),
        ):
            items = tuple(getattr(self, attr))
            for item in items:
                if not isinstance(item, kind):
                    raise ValueError(f"{attr} must hold {kind.__name__} items, got {type(item).__name__}")
            _set(self, attr, items)
        if not isinstance(self.closed_hours, ClosedHoursBehaviour):
            raise ValueError(f"closed_hours must be a ClosedHoursBehaviour, got {type(self.closed_hours).__name__}")
        if self.surge is not None and not isinstance(self.surge, SurgeTest):
            raise ValueError(f"surge must be a SurgeTest or None, got {type(self.surge).__name__}")
        for attr in ("opening_hours", "targets", "fcr", "costs"):
            _check_unique(attr, getattr(self, attr), lambda item: item.channel)
        _check_unique("shifts", self.shifts, lambda s: (s.source, s.target))
        _set(self, "flex_premium", _check_optional("flex_premium", self.flex_premium, 0, 3))

    # ----- lookups and edits (a spec is immutable: edits return a copy)

    def hours_for(self, channel: str) -> ChannelHours | None:
        """The scenario's hours of ``channel``, or None when it keeps the baseline."""
        return next((h for h in self.opening_hours if h.channel == channel), None)

    def target_for(self, channel: str) -> TargetOverride | None:
        """The scenario's targets of ``channel``, or None."""
        return next((t for t in self.targets if t.channel == channel), None)

    def cost_for(self, channel: str) -> CostOverride | None:
        """The scenario's costs of ``channel``, or None."""
        return next((c for c in self.costs if c.channel == channel), None)

    def fcr_for(self, channel: str) -> FcrLever | None:
        """The scenario's FCR lever of ``channel``, or None."""
        return next((f for f in self.fcr if f.channel == channel), None)

    def with_hours(self, hours: ChannelHours) -> ScenarioSpec:
        """A copy with ``hours`` replacing that channel's hours."""
        rest = tuple(h for h in self.opening_hours if h.channel != hours.channel)
        return dataclasses.replace(self, opening_hours=(*rest, hours))

    def with_target(self, target: TargetOverride) -> ScenarioSpec:
        """A copy with ``target`` replacing that channel's targets."""
        rest = tuple(t for t in self.targets if t.channel != target.channel)
        return dataclasses.replace(self, targets=(*rest, target))

    def with_cost(self, cost: CostOverride) -> ScenarioSpec:
        """A copy with ``cost`` replacing that channel's costs."""
        rest = tuple(c for c in self.costs if c.channel != cost.channel)
        return dataclasses.replace(self, costs=(*rest, cost))

    def with_fcr(self, lever: FcrLever) -> ScenarioSpec:
        """A copy with ``lever`` replacing that channel's FCR lever."""
        rest = tuple(f for f in self.fcr if f.channel != lever.channel)
        return dataclasses.replace(self, fcr=(*rest, lever))

    def baseline(self) -> ScenarioSpec:
        """The baseline under the same customer assumptions (closed-hours behaviour)."""
        return ScenarioSpec(closed_hours=self.closed_hours)

    # ----- serialisation

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict; ``ScenarioSpec.from_dict(spec.to_dict()) == spec``."""
        return _jsonable(dataclasses.asdict(self))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScenarioSpec:
        """Build (and validate) a spec from ``to_dict`` output, migrating older versions.

        Raises
        ------
        ValueError
            Unknown fields, a version newer than this app, or a value out of range; the
            message names the field.
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"a scenario spec must be a mapping, got {type(data).__name__}")
        payload = dict(data)
        version = payload.get("version", SPEC_VERSION)
        if not _is_number(version) or int(version) < 1:
            raise ValueError(f"version must be a whole number from 1, got {version!r}")
        version = int(version)
        if version > SPEC_VERSION:
            raise ScenarioError("newer_version", version=version, supported=SPEC_VERSION)
        while version < SPEC_VERSION:
            payload = _MIGRATIONS[version](payload)
            version += 1
        payload["version"] = SPEC_VERSION
        return _build(cls, payload, "")

    def to_query(self, name: str | None = None) -> dict[str, str]:
        """Query parameters that carry this spec in a link (compressed, URL-safe).

        Parameters
        ----------
        name : str, optional
            Scenario name to show when the link is opened.
        """
        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        packed = base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii").rstrip("=")
        params = {QUERY_VERSION: str(self.version), QUERY_SPEC: packed}
        if name:
            params[QUERY_NAME] = name
        return params

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> ScenarioSpec:
        """Read a spec back from ``to_query`` parameters (``st.query_params`` or a dict).

        Raises
        ------
        ValueError
            The link lacks the scenario, is damaged, or holds an invalid spec.
        """
        raw = params.get(QUERY_SPEC)
        if isinstance(raw, (list, tuple)):
            raw = raw[-1] if raw else None
        if not raw:
            raise ScenarioError("link_missing", parameter=repr(QUERY_SPEC))
        try:
            padded = str(raw) + "=" * (-len(str(raw)) % 4)
            data = json.loads(zlib.decompress(base64.urlsafe_b64decode(padded)).decode("utf-8"))
        except (ValueError, zlib.error) as exc:
            raise ScenarioError("link_damaged", parameter=repr(QUERY_SPEC)) from exc
        return cls.from_dict(data)


#: Spec migrations: version -> function turning a dict of that version into the next.
_MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {}

_PARTS: Final[dict[str, type]] = {
    "opening_hours": ChannelHours,
    "closed_hours": ClosedHoursBehaviour,
    "shifts": ChannelShift,
    "targets": TargetOverride,
    "fcr": FcrLever,
    "surge": SurgeTest,
    "costs": CostOverride,
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    return value


def _build(cls: type[_T], data: Mapping[str, Any], path: str) -> _T:
    """Construct dataclass ``cls`` from a mapping, with messages naming unknown fields."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{path or 'spec'} must be a mapping, got {type(data).__name__}")
    names = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise ValueError(f"unknown scenario field(s){' in ' + path if path else ''}: {', '.join(unknown)}")
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if cls is ScenarioSpec and key in _PARTS:
            part = _PARTS[key]
            if key in ("closed_hours", "surge"):
                kwargs[key] = None if value is None else _build(part, value, key)
            else:
                if not isinstance(value, (list, tuple)):
                    raise ValueError(f"{key} must be a list, got {type(value).__name__}")
                kwargs[key] = tuple(_build(part, item, f"{key}[{i}]") for i, item in enumerate(value))
        elif isinstance(value, list):
            kwargs[key] = tuple(value)
        else:
            kwargs[key] = value
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a missing required field
        raise ValueError(f"{path or 'spec'}: {exc}") from exc


# --------------------------------------------------------------------------- baseline hours


def hours_from_setting(value: Mapping[str, Any] | None) -> tuple[ChannelHours, ...]:
    """Read the ``opening_hours``/``working_hours`` setting into :class:`ChannelHours`.

    Parameters
    ----------
    value : mapping
        ``{channel: {"0": ["08:00", "20:00"] or None, ..., "6": ...}}`` (weekday 0 = Monday).

    Returns
    -------
    tuple of ChannelHours
        One per channel in the setting; an unknown channel is skipped.
    """
    out: list[ChannelHours] = []
    for channel, days in (value or {}).items():
        if channel not in config.CHANNELS:
            continue
        opens, closes = [], []
        for d in range(WEEKDAYS):
            span = (days or {}).get(str(d), (days or {}).get(d))
            first, last = (0, 0) if not span else (parse_hhmm(span[0]), parse_hhmm(span[1]))
            opens.append(first)
            closes.append(last)
        out.append(ChannelHours(channel, tuple(opens), tuple(closes)))
    return tuple(out)


def infer_opening_hours(demand: pd.DataFrame) -> tuple[ChannelHours, ...]:
    """Opening hours as the data shows them: per channel and weekday, the first to the last
    slot that ever had volume.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame (``channel, ds, interval_min, volume``).

    Returns
    -------
    tuple of ChannelHours
    """
    frame = demand[demand["volume"] > 0]
    minute = frame["ds"].dt.hour * 60 + frame["ds"].dt.minute
    end = minute + frame["interval_min"]
    keys = pd.DataFrame({"channel": frame["channel"], "weekday": frame["ds"].dt.day_of_week, "open": minute, "close": end})
    spans = keys.groupby(["channel", "weekday"]).agg(open=("open", "min"), close=("close", "max"))
    out = []
    for channel in sorted(set(demand["channel"]) & set(config.CHANNELS), key=config.CHANNELS.index):
        opens, closes = [0] * WEEKDAYS, [0] * WEEKDAYS
        for d in range(WEEKDAYS):
            if (channel, d) in spans.index:
                row = spans.loc[(channel, d)]
                opens[d] = int(row["open"]) // TIME_STEP_MIN * TIME_STEP_MIN
                closes[d] = min(MINUTES_PER_DAY, -(-int(row["close"]) // TIME_STEP_MIN) * TIME_STEP_MIN)
        out.append(ChannelHours(channel, tuple(opens), tuple(closes)))
    return tuple(out)


# --------------------------------------------------------------------------- closed-hours demand ahead

#: Weeks of history the closed-hours profile of a forecast is learned from. [weeks]
CLOSED_PROFILE_WEEKS: Final[int] = 8


def forecast_closed_attempts(history: pd.DataFrame, demand: pd.DataFrame, *, weeks: int = CLOSED_PROFILE_WEEKS) -> pd.DataFrame:
    """Contacts that will be attempted while a channel is closed, for a forecast demand frame.

    Per series (channel and queue), weekday and time of day: the mean ``closed_attempts`` of
    the same weekday over the last ``weeks`` weeks of history, scaled to the forecast level by
    ``forecast volume of the day / mean recorded volume of that weekday``. A weekday the
    channel is closed all day (no recorded volume, e.g. phone on Sunday) is scaled by the
    series' overall ratio (forecast / recorded volume of a mean week, each weekday counted
    once). Days a
    channel was closed all day although that weekday normally has volume (public holidays) are
    left out of the profile.

    Parameters
    ----------
    history : pandas.DataFrame
        Volume-contract frame (``kcc.store.read_intervals``): ``channel, ds, offered`` and
        ``closed_attempts`` (missing means none), optionally ``queue``.
    demand : pandas.DataFrame
        Demand frame (``kcc.plan.demand_from_forecast``): ``channel, ds, volume``, optionally
        ``queue``.
    weeks : int, default 8
        Weeks of history per series. [weeks]

    Returns
    -------
    pandas.DataFrame
        A copy of ``demand`` with ``closed_attempts`` [contacts] per row (0 where the history
        records none).

    Raises
    ------
    ValueError
        When ``weeks`` is not a whole number from 1 to 104.
    """
    weeks = _check_int("weeks", weeks, 1, 104, "weeks")
    out = demand.copy()
    out["closed_attempts"] = 0.0
    if history.empty or demand.empty or "closed_attempts" not in history:
        return out
    keys = [k for k in ("channel", "queue") if k in history and k in demand]
    hist = history[[*keys, "ds", "offered", "closed_attempts"]].copy()
    last = hist.groupby(keys)["ds"].transform("max")
    hist = hist[hist["ds"] > last - pd.Timedelta(weeks=weeks)]
    local = hist["ds"].dt.tz_localize(None) if hist["ds"].dt.tz is not None else hist["ds"]
    hist = hist.assign(
        day=local.dt.normalize(), weekday=local.dt.day_of_week.astype("int64"),
        minute=(local.dt.hour * 60 + local.dt.minute).astype("int64"),
        offered=hist["offered"].astype(float).fillna(0.0),
        closed_attempts=hist["closed_attempts"].astype(float).fillna(0.0),
    )
    days = hist.groupby([*keys, "day"], as_index=False).agg(
        weekday=("weekday", "first"), offered=("offered", "sum"), closed=("closed_attempts", "sum"))
    typical = days.groupby([*keys, "weekday"])["offered"].transform("median")
    days = days[~((days["offered"] <= 0) & (typical > 0))]  # holidays: closed although normally open
    hist = hist.merge(days[[*keys, "day"]], on=[*keys, "day"], how="inner")
    n_days = days.groupby([*keys, "weekday"]).size().rename("n_days")
    profile = (hist.groupby([*keys, "weekday", "minute"])["closed_attempts"].sum().to_frame("closed")
               .join(n_days, on=[*keys, "weekday"]))
    profile["closed"] = profile["closed"] / profile["n_days"]
    level = days.groupby([*keys, "weekday"])["offered"].mean().rename("level")

    local = out["ds"].dt.tz_localize(None) if out["ds"].dt.tz is not None else out["ds"]
    frame = out[keys].assign(
        day=local.dt.normalize().to_numpy(), weekday=local.dt.day_of_week.astype("int64").to_numpy(),
        minute=(local.dt.hour * 60 + local.dt.minute).astype("int64").to_numpy(),
        volume=out["volume"].astype(float).clip(lower=0).fillna(0.0).to_numpy(),
    )
    day_volume = frame.groupby([*keys, "day"])["volume"].transform("sum")
    # the series' overall ratio over a balanced week: the mean forecast day of each weekday
    # against the mean recorded day of that weekday, summed over the weekdays both have
    forecast_day = frame.groupby([*keys, "day"], as_index=False).agg(weekday=("weekday", "first"), volume=("volume", "sum"))
    weekly = (forecast_day.groupby([*keys, "weekday"])["volume"].mean().rename("forecast").to_frame()
              .join(level, how="inner").groupby(keys).sum())
    overall = (weekly["forecast"] / weekly["level"].where(weekly["level"] > 0)).rename("overall")
    frame = (frame.assign(day_volume=day_volume.to_numpy())
             .join(level, on=[*keys, "weekday"]).join(overall, on=keys)
             .join(profile["closed"], on=[*keys, "weekday", "minute"]))
    with np.errstate(invalid="ignore", divide="ignore"):
        by_day = frame["day_volume"] / frame["level"].where(frame["level"] > 0)
        by_series = frame["overall"]
    ratio = by_day.fillna(by_series).fillna(0.0)
    out["closed_attempts"] = (frame["closed"].fillna(0.0) * ratio).to_numpy(float)
    return out


# --------------------------------------------------------------------------- the demand grid


@dataclass
class _Grid:
    """Demand as channel x interval matrices on one shared time grid (internal)."""

    ds: pd.DatetimeIndex
    interval_min: int
    channels: list[str]
    volume: np.ndarray  # [contacts], shape (channels, intervals)
    aht_s: np.ndarray  # [s], no NaN
    closed: np.ndarray  # contacts attempted while closed [contacts]
    hi_ratio: np.ndarray  # volume_hi / volume per channel [-]
    hi: np.ndarray  # volume_hi per interval (the 80% upper forecast bound) [contacts]
    queue: str = config.DEFAULT_QUEUE

    @property
    def minute(self) -> np.ndarray:
        return (self.ds.hour * 60 + self.ds.minute).to_numpy()

    @property
    def weekday(self) -> np.ndarray:
        return self.ds.day_of_week.to_numpy()

    @property
    def day(self) -> np.ndarray:
        """Index of the local date of each interval."""
        dates = self.ds.tz_localize(None).normalize() if self.ds.tz is not None else self.ds.normalize()
        return np.unique(dates, return_inverse=True)[1]

    def row(self, channel: str) -> int:
        if channel not in self.channels:
            self.channels.append(channel)
            zeros = np.zeros((1, len(self.ds)))
            self.volume = np.vstack([self.volume, zeros])
            self.closed = np.vstack([self.closed, zeros])
            self.aht_s = np.vstack([self.aht_s, np.full((1, len(self.ds)), _default_aht_s(channel))])
            self.hi_ratio = np.append(self.hi_ratio, 1.0)
            self.hi = np.vstack([self.hi, zeros])
        return self.channels.index(channel)


def _default_aht_s(channel: str) -> float:
    from kcc import plan

    return float(plan.DEFAULT_AHT_S.get(channel, 300.0))


def _to_grid(demand: pd.DataFrame) -> _Grid:
    missing = [c for c in ("channel", "ds", "interval_min", "volume", "aht_s") if c not in demand]
    if missing:
        raise ValueError(f"demand frame lacks column(s): {', '.join(missing)}")
    if demand.empty:
        raise ValueError("demand frame is empty")
    lengths = demand["interval_min"].unique()
    if len(lengths) != 1:
        raise ValueError(f"demand frame mixes interval lengths {sorted(int(x) for x in lengths)} min; use one")
    frame = demand.assign(
        volume=demand["volume"].astype(float).clip(lower=0).fillna(0.0),
        closed_attempts=demand["closed_attempts"].astype(float).fillna(0.0) if "closed_attempts" in demand else 0.0,
        volume_hi=demand["volume_hi"].astype(float) if "volume_hi" in demand else demand["volume"].astype(float),
        aht_s=demand["aht_s"].astype(float),
    )
    frame["work"] = frame["volume"] * frame["aht_s"].fillna(0.0)
    frame["w"] = frame["volume"].where(frame["aht_s"].notna(), 0.0)
    ds = pd.DatetimeIndex(np.sort(frame["ds"].unique()))
    channels = sorted(frame["channel"].unique(), key=lambda c: (config.CHANNELS.index(c) if c in config.CHANNELS else 99, c))
    ci = frame["channel"].map({c: i for i, c in enumerate(channels)}).to_numpy()
    ti = ds.get_indexer(pd.DatetimeIndex(frame["ds"]))
    shape = (len(channels), len(ds))

    def matrix(column: str) -> np.ndarray:
        out = np.zeros(shape)
        np.add.at(out, (ci, ti), frame[column].to_numpy(float))
        return out

    volume, closed, work, weight, hi = (matrix(c) for c in ("volume", "closed_attempts", "work", "w", "volume_hi"))
    aht = np.full(shape, np.nan)
    np.divide(work, weight, out=aht, where=weight > 0)
    # one queue per channel and interval: keep its handle time as given (bit for bit), so the
    # baseline is staffed exactly as ``kcc.plan`` staffs the same demand
    rows = np.zeros(shape)
    np.add.at(rows, (ci, ti), 1.0)
    given = np.full(shape, np.nan)
    given[ci, ti] = frame["aht_s"].to_numpy(float)
    aht = np.where((rows == 1) & np.isfinite(given), given, aht)
    for c, channel in enumerate(channels):
        mean = work[c].sum() / weight[c].sum() if weight[c].sum() > 0 else _default_aht_s(channel)
        # an interval nobody was served in (closed, quiet) takes the channel's mean handle time
        aht[c] = np.where(np.isfinite(aht[c]), aht[c], mean)
    total = volume.sum(axis=1)
    hi_ratio = np.where(total > 0, hi.sum(axis=1) / np.where(total > 0, total, 1.0), 1.0)
    queue = str(frame["queue"].iloc[0]) if "queue" in frame and frame["queue"].nunique() == 1 else config.DEFAULT_QUEUE
    return _Grid(ds, int(lengths[0]), list(channels), volume, aht, closed, np.maximum(hi_ratio, 1.0),
                 np.maximum(hi, volume), queue)


def _hours_table(grid: _Grid, hours: Iterable[ChannelHours]) -> tuple[np.ndarray, np.ndarray]:
    """Open/close minutes per channel row and weekday; channels without hours: always open."""
    opens = np.zeros((len(grid.channels), WEEKDAYS), dtype=int)
    closes = np.full((len(grid.channels), WEEKDAYS), MINUTES_PER_DAY, dtype=int)
    for h in hours:
        if h.channel in grid.channels:
            c = grid.channels.index(h.channel)
            opens[c], closes[c] = h.open_min, h.close_min
    return opens, closes


def _open_mask(grid: _Grid, hours: Iterable[ChannelHours]) -> np.ndarray:
    """Bool (channels, intervals): the channel accepts contacts in that interval."""
    opens, closes = _hours_table(grid, hours)
    minute, weekday = grid.minute, grid.weekday
    mask = (minute >= opens[:, weekday]) & (minute < closes[:, weekday])
    for c, channel in enumerate(grid.channels):
        if channel in NO_AGENT_CHANNELS:
            mask[c] = True
    return mask & ~_closed_days(grid)


def _closed_days(grid: _Grid) -> np.ndarray:
    """Days the record shows a channel closed all day (public holidays): no volume but
    attempts. They stay closed in every scenario."""
    day = grid.day
    n_days = day.max() + 1
    out = np.zeros(grid.volume.shape, dtype=bool)
    for c in range(len(grid.channels)):
        volume = np.bincount(day, weights=grid.volume[c], minlength=n_days)
        closed = np.bincount(day, weights=grid.closed[c], minlength=n_days)
        out[c] = ((volume <= 0) & (closed > 0))[day]
    return out


def _redial_weights(window_min: int, interval_min: int) -> np.ndarray:
    """Front-loaded share of callbacks per interval after the opening (the redial peak)."""
    k = max(1, window_min // interval_min)
    w = np.arange(k, 0, -1, dtype=float)
    return w / w.sum()


def _to_next_open(mass: np.ndarray, is_open: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, float]:
    """Move ``mass`` to the next open interval(s), spread by ``weights`` over consecutive open
    intervals. The grid wraps (a typical week repeats), so nothing falls off the end.

    Returns the moved mass per interval and the mass that found no open interval at all.
    """
    out = np.zeros_like(mass)
    idx = np.flatnonzero(is_open)
    if idx.size == 0:
        return out, float(mass.sum())
    rank = np.searchsorted(idx, np.arange(mass.size), side="left") % idx.size
    per_rank = np.bincount(rank, weights=mass, minlength=idx.size)
    for j, w in enumerate(weights):
        out[idx[(np.arange(idx.size) + j) % idx.size]] += per_rank * w
    return out, 0.0


@dataclass
class _Constrained:
    volume: np.ndarray
    reached: np.ndarray
    callbacks: np.ndarray
    digital_in: np.ndarray
    lost: np.ndarray


def _constrain(grid: _Grid, arrivals: np.ndarray, accept: np.ndarray, behaviour: ClosedHoursBehaviour) -> _Constrained:
    """Demand meeting closed channels: call back at the next opening, move, or get lost."""
    closed = np.where(accept, 0.0, arrivals)
    reached = np.where(accept, arrivals, 0.0)
    callbacks = np.zeros_like(arrivals)
    digital_in = np.zeros_like(arrivals)
    lost = closed * behaviour.lost_share
    weights = _redial_weights(behaviour.redial_window_min, grid.interval_min)
    g = grid.channels.index(behaviour.digital_channel) if behaviour.digital_channel in grid.channels else None
    movers = np.zeros(arrivals.shape[1])
    for c in range(len(grid.channels)):
        if not closed[c].any():
            continue
        back = closed[c] * behaviour.callback_share
        move = closed[c] * behaviour.digital_share
        if g is None or c == g:
            back = back + move  # no other channel to move to: they try again later
        else:
            movers += move
        moved, stranded = _to_next_open(back, accept[c], weights)
        callbacks[c] += moved
        lost[c, 0] += stranded
    if g is not None and movers.any():
        landed, stranded = _to_next_open(np.where(accept[g], 0.0, movers), accept[g], np.ones(1))
        digital_in[g] += np.where(accept[g], movers, 0.0) + landed
        lost[g, 0] += stranded
    volume = reached + callbacks + digital_in
    return _Constrained(volume, reached, callbacks, digital_in, lost)


def _estimate_closed(grid: _Grid, accept: np.ndarray) -> np.ndarray:
    """Closed-hours attempts, measured or (for a channel that records none) estimated from the
    24-hour pattern of the channels that are open around the clock (e-mail)."""
    closed = grid.closed.copy()
    always = [c for c in range(len(grid.channels)) if accept[c].all() and grid.channels[c] not in NO_AGENT_CHANNELS]
    if not always:
        return closed
    slots = MINUTES_PER_DAY // grid.interval_min
    slot = grid.minute // grid.interval_min
    weekday, day = grid.weekday, grid.day
    n_days = day.max() + 1
    key = weekday * slots + slot
    digital = grid.volume[always].sum(axis=0)
    counts = np.bincount(key, minlength=WEEKDAYS * slots)
    profile = np.bincount(key, weights=digital, minlength=WEEKDAYS * slots) / np.maximum(counts, 1)
    shape = profile[key]  # expected digital arrivals in the same weekday and time of day
    for c in range(len(grid.channels)):
        if closed[c].sum() > 0 or accept[c].all() or grid.channels[c] in NO_AGENT_CHANNELS:
            continue
        open_volume = np.bincount(day, weights=np.where(accept[c], grid.volume[c], 0.0), minlength=n_days)
        open_shape = np.bincount(day, weights=np.where(accept[c], shape, 0.0), minlength=n_days)
        scale = np.divide(open_volume, open_shape, out=np.zeros(n_days), where=open_shape > 0)
        closed[c] = np.where(accept[c], 0.0, shape * scale[day])
    return closed


def _unconstrain(grid: _Grid, accept: np.ndarray, behaviour: ClosedHoursBehaviour, estimate_closed: bool) -> np.ndarray:
    """Arrivals: the record plus closed-hours attempts, minus the callbacks and moves those
    attempts put into the record."""
    closed = _estimate_closed(grid, accept) if estimate_closed else grid.closed
    effect = _constrain(grid, closed, accept, behaviour)
    arrivals = grid.volume + np.where(accept, 0.0, closed) - effect.callbacks - effect.digital_in
    return np.clip(arrivals, 0.0, None)


def _tile_ds(ds: pd.DatetimeIndex, times: int) -> pd.DatetimeIndex:
    stamps = pd.DatetimeIndex(np.tile(ds.as_unit("ns").asi8, times).view("datetime64[ns]"))
    return stamps.tz_localize("UTC").tz_convert(ds.tz) if ds.tz is not None else stamps


def _grid_frame(grid: _Grid, volume: np.ndarray, volume_hi: np.ndarray | None = None, **extra: np.ndarray) -> pd.DataFrame:
    """Long demand frame, sorted by channel id then ``ds`` (the order ``kcc.plan`` uses)."""
    n_c, n_t = volume.shape
    if volume_hi is None:
        volume_hi = volume * grid.hi_ratio[:, None]
    order = np.argsort(np.array(grid.channels, dtype=object), kind="stable")
    channels = np.array(grid.channels, dtype=object)[order]
    out = pd.DataFrame({
        "channel": np.repeat(channels, n_t),
        "queue": grid.queue,
        "ds": _tile_ds(grid.ds, n_c),
        "interval_min": np.int64(grid.interval_min),
        "volume": volume[order].ravel(),
        "volume_hi": volume_hi[order].ravel(),
        "aht_s": grid.aht_s[order].ravel(),
    })
    for name, values in extra.items():
        out[name] = values[order].ravel()
    out["interval_min"] = out["interval_min"].astype("int64")
    return out


# --------------------------------------------------------------------------- the levers


def unconstrain_demand(
    demand: pd.DataFrame,
    recorded_hours: Sequence[ChannelHours],
    behaviour: ClosedHoursBehaviour,
    *,
    estimate_closed: bool = True,
) -> pd.DataFrame:
    """The demand as it arrives, before closed hours reshaped it.

    ``arrivals = volume + closed_attempts - callbacks - moved``: contacts attempted while closed
    are added where they happened and the callbacks and channel moves they caused (per
    ``behaviour``) are taken out of the record.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame with ``closed_attempts`` (missing means 0).
    recorded_hours : sequence of ChannelHours
        Opening hours the record was made under; channels not listed were always open.
    behaviour : ClosedHoursBehaviour
        What customers do when they meet a closed channel.
    estimate_closed : bool, default True
        Estimate the closed-hours attempts of a channel that records none from the 24-hour
        pattern of the channels open around the clock.

    Returns
    -------
    pandas.DataFrame
        Demand frame whose ``volume`` is the arrivals and ``closed_attempts`` 0.
    """
    grid = _to_grid(demand)
    accept = _open_mask(grid, recorded_hours)
    arrivals = _unconstrain(grid, accept, behaviour, estimate_closed)
    return _grid_frame(grid, arrivals, closed_attempts=np.zeros_like(arrivals))


def apply_opening_hours(
    demand: pd.DataFrame,
    hours: Sequence[ChannelHours],
    behaviour: ClosedHoursBehaviour,
    *,
    recorded_hours: Sequence[ChannelHours] | None = None,
    estimate_closed: bool = True,
) -> pd.DataFrame:
    """Reshape demand by opening hours.

    Demand arriving while a channel is closed calls back at its next opening (``callback_share``,
    spread front-loaded over ``redial_window_min``: the redial peak), moves to
    ``digital_channel`` (``digital_share``; at its next opening if that is closed too) or is lost.
    Self-service is always open.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame. Without ``recorded_hours``, ``volume + closed_attempts`` is taken as the
        arrivals; with it, the frame is first un-constrained (:func:`unconstrain_demand`).
    hours : sequence of ChannelHours
        The opening hours to apply; channels not listed are always open.
    behaviour : ClosedHoursBehaviour
        Callback, move and loss shares.
    recorded_hours : sequence of ChannelHours, optional
        Hours the record was made under. The record then stays the anchor: the result is the
        recorded volume plus the change the new hours make, so applying the recorded hours
        returns the record unchanged.
    estimate_closed : bool, default True
        See :func:`unconstrain_demand`.

    Returns
    -------
    pandas.DataFrame
        ``channel, queue, ds, interval_min, volume, volume_hi, aht_s`` (what agents face) and
        ``arrivals`` (demand as it arrives), ``is_open``, ``reached`` (arrivals meeting an open
        channel), ``callbacks``, ``digital_in``, ``lost`` [contacts].
    """
    grid = _to_grid(demand)
    if behaviour.digital_share > 0:
        grid.row(behaviour.digital_channel)
    accept = _open_mask(grid, hours)
    if recorded_hours is None:
        arrivals = grid.volume + grid.closed
        out = _constrain(grid, arrivals, accept, behaviour)
        volume = out.volume
    else:
        recorded = _open_mask(grid, recorded_hours)
        arrivals = _unconstrain(grid, recorded, behaviour, estimate_closed)
        out = _constrain(grid, arrivals, accept, behaviour)
        # The record stays the anchor: only the change the new hours make is modelled.
        volume = np.clip(grid.volume + out.volume - _constrain(grid, arrivals, recorded, behaviour).volume, 0.0, None)
    return _grid_frame(
        grid, volume, arrivals=arrivals, is_open=accept, reached=out.reached,
        callbacks=out.callbacks, digital_in=out.digital_in, lost=out.lost,
    )


def apply_fcr(demand: pd.DataFrame, levers: Sequence[FcrLever]) -> pd.DataFrame:
    """Scale each channel's demand by ``fcr_baseline / fcr`` (fewer repeat contacts) and its
    handle time by ``1 + aht_change``.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame; ``volume``, ``volume_hi`` and ``closed_attempts`` are scaled.
    levers : sequence of FcrLever

    Returns
    -------
    pandas.DataFrame
        A copy; ``aht_s`` scaled by ``1 + aht_change`` of each lever.
    """
    out = demand.copy()
    factor = out["channel"].map({lv.channel: lv.volume_factor for lv in levers}).fillna(1.0).to_numpy(float)
    for column in ("volume", "volume_hi", "closed_attempts", "arrivals"):
        if column in out:
            out[column] = out[column].astype(float) * factor
    longer = out["channel"].map({lv.channel: 1.0 + lv.aht_change for lv in levers}).fillna(1.0).to_numpy(float)
    if "aht_s" in out and (longer != 1.0).any():
        out["aht_s"] = out["aht_s"].astype(float) * longer
    return out


def _mix(grid: _Grid, arrivals: np.ndarray, shifts: Sequence[ChannelShift]) -> tuple[np.ndarray, np.ndarray]:
    """Apply channel shifts to the arrivals matrix; returns (arrivals, given-up per channel)."""
    arrivals = arrivals.copy()
    gave_up = np.zeros_like(arrivals)
    for shift in shifts:
        if shift.share <= 0:
            continue
        if shift.source not in grid.channels:
            continue
        for channel in (shift.target,):
            if channel not in grid.channels:
                grid.row(channel)
                arrivals = np.vstack([arrivals, np.zeros((1, arrivals.shape[1]))])
                gave_up = np.vstack([gave_up, np.zeros((1, gave_up.shape[1]))])
        s, t = grid.channels.index(shift.source), grid.channels.index(shift.target)
        moved = arrivals[s] * shift.share
        contained = moved * shift.containment
        failed = moved * shift.failure_share
        aht_in = shift.aht_s if shift.aht_s is not None else grid.aht_s[t]
        work = arrivals[t] * grid.aht_s[t] + contained * aht_in
        arrivals[t] = arrivals[t] + contained
        grid.aht_s[t] = np.where(arrivals[t] > 0, work / np.where(arrivals[t] > 0, arrivals[t], 1.0), grid.aht_s[t])
        arrivals[s] = arrivals[s] - moved + failed
        gave_up[s] += moved - contained - failed
    return arrivals, gave_up


def apply_channel_mix(demand: pd.DataFrame, shifts: Sequence[ChannelShift]) -> pd.DataFrame:
    """Move shares of one channel's demand to another, in order.

    Of the moved contacts, ``containment`` are handled in the target (with ``aht_s`` or the
    target's own handle time; self-service needs no agent), ``failure_share`` come back to the
    source (failure demand) and the rest give up.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame; ``volume`` is moved (``closed_attempts`` is added to it first).
    shifts : sequence of ChannelShift

    Returns
    -------
    pandas.DataFrame
        Demand frame with ``volume`` after the shifts, ``gave_up`` [contacts] and the target's
        handle time weighted by the contacts it handles.
    """
    grid = _to_grid(demand)
    arrivals, gave_up = _mix(grid, grid.volume + grid.closed, shifts)
    return _grid_frame(grid, arrivals, gave_up=gave_up, closed_attempts=np.zeros_like(arrivals))


def hours_to_setting(hours: Iterable[ChannelHours]) -> dict[str, dict[str, list[str] | None]]:
    """:class:`ChannelHours` -> the stored setting form (inverse of :func:`hours_from_setting`)."""
    return {
        h.channel: {
            str(d): (None if h.is_closed(d) else [format_hhmm(h.open_min[d]), format_hhmm(h.close_min[d])])
            for d in range(WEEKDAYS)
        }
        for h in hours
    }


# --------------------------------------------------------------------------- the pipeline


@dataclass
class _Pipeline:
    grid: _Grid
    base_accept: np.ndarray
    scn_accept: np.ndarray
    base_arrivals: np.ndarray
    scn_arrivals: np.ndarray
    base: _Constrained
    scn: _Constrained
    base_volume: np.ndarray
    scn_volume: np.ndarray
    gave_up: np.ndarray
    base_hours: tuple[ChannelHours, ...]
    scn_hours: tuple[ChannelHours, ...]


def _merge_hours(base: Sequence[ChannelHours], spec: ScenarioSpec) -> tuple[ChannelHours, ...]:
    overrides = {h.channel: h for h in spec.opening_hours}
    merged = [overrides.pop(h.channel, h) for h in base]
    return (*merged, *overrides.values())


def _run_pipeline(demand: pd.DataFrame, spec: ScenarioSpec, opening_hours: Sequence[ChannelHours] | None) -> _Pipeline:
    grid = _to_grid(demand)
    behaviour = spec.closed_hours
    needed = [s.target for s in spec.shifts if s.share > 0]
    if behaviour.digital_share > 0:
        needed.append(behaviour.digital_channel)
    for channel in needed:
        grid.row(channel)
    base_hours = tuple(opening_hours) if opening_hours is not None else infer_opening_hours(demand)
    scn_hours = _merge_hours(base_hours, spec)
    base_accept = _open_mask(grid, base_hours)
    scn_accept = _open_mask(grid, scn_hours)
    arrivals = _unconstrain(grid, base_accept, behaviour, estimate_closed=True)
    base = _constrain(grid, arrivals, base_accept, behaviour)
    factor = np.array([spec.fcr_for(c).volume_factor if spec.fcr_for(c) else 1.0 for c in grid.channels])
    scn_arrivals, gave_up = _mix(grid, arrivals * factor[:, None], spec.shifts)
    for row, channel in enumerate(grid.channels):
        lever = spec.fcr_for(channel)
        if lever is not None and lever.aht_change:  # the grid's handle times are the scenario's
            grid.aht_s[row] = grid.aht_s[row] * (1.0 + lever.aht_change)
    scn = _constrain(grid, scn_arrivals, scn_accept, behaviour)
    # The record stays the anchor: only the change the levers make is modelled. Where the
    # levers change nothing the record is kept as it is (no rounding from adding and
    # subtracting), so the baseline spec staffs exactly what ``kcc.plan`` staffs.
    delta = scn.volume - base.volume
    scn_volume = np.where(delta == 0.0, grid.volume, np.clip(grid.volume + delta, 0.0, None))
    return _Pipeline(grid, base_accept, scn_accept, arrivals, scn_arrivals, base, scn,
                     grid.volume.copy(), scn_volume, gave_up, base_hours, scn_hours)


def scenario_demand(
    demand: pd.DataFrame,
    spec: ScenarioSpec,
    opening_hours: Sequence[ChannelHours] | None = None,
) -> pd.DataFrame:
    """The demand a scenario creates, interval by interval, beside the baseline.

    Parameters
    ----------
    demand : pandas.DataFrame
        Baseline demand frame with ``closed_attempts``.
    spec : ScenarioSpec
    opening_hours : sequence of ChannelHours, optional
        Baseline opening hours (default: inferred from the data).

    Returns
    -------
    pandas.DataFrame
        Demand frame (``volume`` and ``volume_hi`` are the scenario's) plus ``volume_baseline``,
        ``volume_hi_baseline``, ``arrivals``,
        ``arrivals_baseline``, ``reached``, ``reached_baseline``, ``callbacks``, ``digital_in``,
        ``lost``, ``gave_up`` [contacts] and ``is_open``, ``is_open_baseline``.
    """
    p = _run_pipeline(demand, spec, opening_hours)
    return _pipeline_frame(p)


def _pipeline_frame(p: _Pipeline) -> pd.DataFrame:
    grid = p.grid
    # the upper bound moves with the volume (its ratio per interval); unchanged where the
    # levers leave the volume unchanged
    safe = np.where(grid.volume > 0, grid.volume, 1.0)
    ratio = np.maximum(np.where(grid.volume > 0, grid.hi / safe, grid.hi_ratio[:, None]), 1.0)
    scn_hi = np.where(p.scn_volume == p.base_volume, grid.hi, p.scn_volume * ratio)
    return _grid_frame(
        p.grid, p.scn_volume, scn_hi, volume_hi_baseline=grid.hi, volume_baseline=p.base_volume, arrivals=p.scn_arrivals,
        arrivals_baseline=p.base_arrivals, reached=p.scn.reached, reached_baseline=p.base.reached,
        callbacks=p.scn.callbacks, digital_in=p.scn.digital_in, lost=p.scn.lost, gave_up=p.gave_up,
        is_open=p.scn_accept, is_open_baseline=p.base_accept,
    )


# --------------------------------------------------------------------------- settings


def scenario_settings(settings: Any, spec: ScenarioSpec) -> Any:
    """Plan settings with the scenario's targets, hourly costs and flex premium.

    Parameters
    ----------
    settings : kcc.plan.PlanSettings
        Baseline settings.
    spec : ScenarioSpec

    Returns
    -------
    kcc.plan.PlanSettings
    """
    from kcc import plan

    out = settings
    for t in spec.targets:
        changes: dict[str, Any] = {}
        deferred = t.channel in plan.DEFERRED_CHANNELS
        if t.target_service_level is not None and not deferred:
            changes["target_service_level"] = t.target_service_level
        if t.response_share is not None and deferred:
            changes["target_service_level"] = t.response_share
        for name in ("answer_time_s", "target_asa_s", "max_abandon", "max_occupancy", "response_time_h"):
            value = getattr(t, name)
            if value is not None:
                changes[name] = value
        if changes:
            out = out.with_targets(t.channel, **changes)
    rates = {c.channel: c.cost_eur_per_hour for c in spec.costs if c.cost_eur_per_hour is not None}
    if rates:
        out = out.with_channel_values(cost_eur_per_hour=rates)
    if spec.flex_premium is not None:
        out = dataclasses.replace(out, flex_premium=spec.flex_premium)
    return out


# --------------------------------------------------------------------------- stress test


@dataclass(frozen=True, eq=False)
class SurgeResult:
    """A surge played through the queue, without and with the flex pool.

    Attributes
    ----------
    intervals : pandas.DataFrame
        ``ds, interval_min, volume`` (forecast), ``surge_volume`` (with the surge),
        ``agents`` (productive agents on the roster), ``flex_agents``, and per variant
        (suffix ``_without`` / ``_with``): ``backlog`` (contacts waiting at the interval's end),
        ``service_level`` [0..1], ``abandoned`` [contacts].
    recovery_min_without, recovery_min_with : float
        Time from the end of the surge until the backlog has cleared (below one contact);
        ``inf`` when it does not clear in the simulated period. [min]
    peak_backlog_without, peak_backlog_with : float
        Largest backlog. [contacts]
    service_level_without, service_level_with : float
        Service level over the surge day, weighted by volume. [0..1]
    abandoned_without, abandoned_with : float
        Contacts that gave up over the simulated period. [contacts]
    flex_agent_hours : float
        Flexible hours used. [h]
    flex_cost_eur : float
        Their cost at the loaded hourly cost plus the flex premium. [EUR]
    """

    intervals: pd.DataFrame
    recovery_min_without: float
    recovery_min_with: float
    peak_backlog_without: float
    peak_backlog_with: float
    service_level_without: float
    service_level_with: float
    abandoned_without: float
    abandoned_with: float
    flex_agent_hours: float
    flex_cost_eur: float


def flex_agents(surge: SurgeTest, ds: pd.DatetimeIndex, interval_min: int, start: pd.Timestamp) -> np.ndarray:
    """Flexible agents per interval (partly covered intervals count pro rata). [agents]

    Home agents log in ``home_delay_min`` after the surge starts and work whole blocks of
    ``home_block_min`` until the surge is over; the outsourcing partner answers from
    ``outsource_delay_min`` until the surge ends; overtime agents stay ``overtime_min`` after it.
    """
    t0 = ((ds - start).total_seconds() / 60.0).to_numpy()
    t1 = t0 + interval_min

    def cover(begin: float, end: float) -> np.ndarray:
        return np.clip(np.minimum(t1, end) - np.maximum(t0, begin), 0.0, None) / interval_min

    out = np.zeros(len(ds))
    if surge.home_agents:
        begin = float(surge.home_delay_min)
        blocks = max(1, math.ceil(max(surge.duration_min - begin, 0.0) / surge.home_block_min))
        out += surge.home_agents * cover(begin, begin + blocks * surge.home_block_min)
    if surge.outsource_agents and surge.outsource_delay_min < surge.duration_min:
        out += surge.outsource_agents * cover(float(surge.outsource_delay_min), float(surge.duration_min))
    if surge.overtime_agents and surge.overtime_min:
        out += surge.overtime_agents * cover(float(surge.duration_min), float(surge.duration_min + surge.overtime_min))
    return out


def _fluid_queue(
    arrivals: np.ndarray, agents: np.ndarray, aht_s: np.ndarray, interval_s: float,
    patience_s: float | None, answer_time_s: float, substeps: int = 12,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Fluid model of a queue with abandonment, carried across intervals.

    Per sub-step, with arrival rate ``lam``, service capacity ``n mu`` and abandonment rate
    ``theta`` per waiting contact, the queue follows ``dq/dt = lam - n mu - theta q`` while it
    is positive (solved exactly within the step).

    Parameters
    ----------
    arrivals, agents, aht_s : ndarray, shape (variants, intervals)
    interval_s : float
    patience_s : float or None
        Mean patience; None means nobody abandons (a backlog of written contacts).
    answer_time_s : float
        Service-level threshold. [s]

    Returns
    -------
    backlog_end : (variants, intervals) contacts waiting at each interval's end
    within : (variants, intervals) share of the interval in which a new contact's fluid wait
        ``q / (n mu)`` is within ``answer_time_s``
    abandoned : (variants, intervals) [contacts]
    backlog_steps : (variants, intervals * substeps) backlog at each sub-step's end
    """
    theta = 0.0 if patience_s is None else 1.0 / patience_s
    h = interval_s / substeps
    n_var, n_int = arrivals.shape
    q = np.zeros(n_var)
    backlog_end = np.zeros((n_var, n_int))
    within = np.zeros((n_var, n_int))
    abandoned = np.zeros((n_var, n_int))
    steps = np.zeros((n_var, n_int * substeps))
    for i in range(n_int):
        lam = arrivals[:, i] / interval_s
        cap = agents[:, i] / aht_s[:, i]
        drift = lam - cap
        ok = np.zeros(n_var)
        for k in range(substeps):
            with np.errstate(divide="ignore", invalid="ignore"):
                wait = np.where(cap > 0, q / cap, np.where(q > 0, np.inf, 0.0))
            ok += wait <= answer_time_s
            if theta > 0:
                q_inf = drift / theta
                decay = math.exp(-theta * h)
                q_new = np.maximum(q_inf + (q - q_inf) * decay, 0.0)
                # time until the queue empties when it drains (q_inf < 0), else the whole step
                with np.errstate(divide="ignore", invalid="ignore"):
                    t_zero = np.where(q_inf < 0, np.log(np.maximum((q - q_inf) / -q_inf, 1.0)) / theta, h)
                t_pos = np.minimum(t_zero, h)
                integral = q_inf * t_pos + (q - q_inf) * (1 - np.exp(-theta * t_pos)) / theta
                abandoned[:, i] += theta * np.maximum(integral, 0.0)
            else:
                q_new = np.maximum(q + drift * h, 0.0)
            q = q_new
            steps[:, i * substeps + k] = q
        backlog_end[:, i] = q
        within[:, i] = ok / substeps
    return backlog_end, within, abandoned, steps


def simulate_surge(
    plan_rows: pd.DataFrame,
    surge: SurgeTest,
    *,
    answer_time_s: float,
    patience_s: float | None = None,
    concurrency: float = 1.0,
    cost_eur_per_hour: float = 0.0,
    flex_premium: float = 0.0,
    hours_after_min: int = MINUTES_PER_DAY,
) -> SurgeResult:
    """Play a surge through one channel's queue, without and with the flex pool.

    The surge multiplies the forecast by ``1 + uplift`` from ``start_min`` on the first
    ``weekday`` of the frame for ``duration_min``. Waiting contacts are carried from interval to
    interval by a fluid model (:func:`_fluid_queue`); the service level of an interval is the
    lower of the Erlang service level of its own contacts (``kcc.queueing.queue_metrics``,
    Erlang A with a patience) and the share of the interval in which the carried backlog lets a
    new contact be answered within ``answer_time_s``.

    Parameters
    ----------
    plan_rows : pandas.DataFrame
        One channel's plan rows (``kcc.plan.build_plan``): ``ds, interval_min, volume, aht_s,
        available`` (productive agents on the roster).
    surge : SurgeTest
    answer_time_s : float
        Service-level threshold (response time for written channels). [s]
    patience_s : float, optional
        Mean patience (None: nobody abandons). [s]
    concurrency : float, default 1
        Chat sessions per agent; an agent's capacity is ``concurrency`` contacts at a time.
    cost_eur_per_hour : float
        Loaded hourly cost of the channel. [EUR/h]
    flex_premium : float
        Extra cost of a flexible hour. [-]
    hours_after_min : int
        Minutes simulated after the surge ends. [min]

    Returns
    -------
    SurgeResult
    """
    rows = plan_rows.sort_values("ds").reset_index(drop=True)
    if rows.empty:
        raise ScenarioError("surge_no_intervals")
    ds = pd.DatetimeIndex(rows["ds"])
    interval_min = int(rows["interval_min"].iloc[0])
    local_days = ds.tz_localize(None).normalize() if ds.tz is not None else ds.normalize()
    day_hits = local_days[ds.day_of_week == surge.weekday]
    if len(day_hits) == 0:
        raise ScenarioError("surge_no_day", day=surge.weekday)
    start = day_hits[0] + pd.Timedelta(minutes=surge.start_min)
    if ds.tz is not None:
        start = start.tz_localize(ds.tz, nonexistent="shift_forward", ambiguous=False)
    end = start + pd.Timedelta(minutes=surge.duration_min)
    keep = (ds >= start - pd.Timedelta(hours=2)) & (ds < end + pd.Timedelta(minutes=hours_after_min))
    rows, ds = rows[keep].reset_index(drop=True), ds[keep]
    t0 = ((ds - start).total_seconds() / 60.0).to_numpy()
    in_surge = np.clip(np.minimum(t0 + interval_min, surge.duration_min) - np.maximum(t0, 0.0), 0.0, None) / interval_min
    volume = rows["volume"].to_numpy(float)
    surged = volume * (1.0 + surge.uplift * in_surge)
    agents = rows["available"].to_numpy(float) * concurrency
    flex = flex_agents(surge, ds, interval_min, start)
    aht = np.nan_to_num(rows["aht_s"].to_numpy(float), nan=_default_aht_s("phone"))
    interval_s = interval_min * 60.0
    n_agents = np.vstack([agents, agents + flex * concurrency])
    arrivals = np.vstack([surged, surged])
    aht2 = np.vstack([aht, aht])
    backlog, within, abandoned, steps = _fluid_queue(arrivals, n_agents, aht2, interval_s, patience_s, answer_time_s)
    from kcc.queueing import queue_metrics

    m = queue_metrics(arrivals, interval_s, aht2, np.floor(n_agents + 1e-9), answer_time_s, patience_s=patience_s)
    erlang_sl = np.nan_to_num(np.asarray(m.service_level, dtype=float), nan=0.0)
    erlang_ab = np.nan_to_num(np.asarray(m.p_abandon, dtype=float), nan=0.0) * arrivals
    sl = np.where(arrivals > 0, np.minimum(erlang_sl, within), np.nan)
    gave_up = np.maximum(abandoned, erlang_ab) if patience_s is not None else abandoned
    # recovery: first sub-step after the surge's end with less than one contact waiting
    substeps = steps.shape[1] // max(len(ds), 1)
    step_end = (np.repeat(t0, substeps) + np.tile(np.arange(1, substeps + 1) * interval_min / substeps, len(ds)))
    after = step_end >= surge.duration_min
    recovery = []
    for v in range(2):
        clear = np.flatnonzero(after & (steps[v] < 1.0))
        first_after = np.flatnonzero(after)
        if not clear.size:
            recovery.append(math.inf)
        elif first_after.size and clear[0] == first_after[0]:
            recovery.append(0.0)  # nothing left waiting when the surge ends
        else:
            recovery.append(float(step_end[clear[0]] - surge.duration_min))
    surge_day = np.asarray(local_days[keep] == day_hits[0], dtype=bool)
    weights = np.where(surge_day & (arrivals[0] > 0), arrivals[0], 0.0)

    def day_sl(v: int) -> float:
        return float(np.nansum(sl[v] * weights) / weights.sum()) if weights.sum() > 0 else float("nan")

    flex_hours = float(flex.sum() * interval_min / 60.0)
    frame = pd.DataFrame({
        "ds": ds, "interval_min": interval_min, "volume": volume, "surge_volume": surged,
        "agents": agents / concurrency, "flex_agents": flex,
        "backlog_without": backlog[0], "backlog_with": backlog[1],
        "service_level_without": sl[0], "service_level_with": sl[1],
        "abandoned_without": gave_up[0], "abandoned_with": gave_up[1],
    })
    return SurgeResult(
        intervals=frame,
        recovery_min_without=recovery[0], recovery_min_with=recovery[1],
        peak_backlog_without=float(backlog[0].max(initial=0.0)), peak_backlog_with=float(backlog[1].max(initial=0.0)),
        service_level_without=day_sl(0), service_level_with=day_sl(1),
        abandoned_without=float(gave_up[0].sum()), abandoned_with=float(gave_up[1].sum()),
        flex_agent_hours=flex_hours,
        flex_cost_eur=flex_hours * cost_eur_per_hour * (1.0 + flex_premium),
    )


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """What a scenario does, in the numbers a board reads.

    Money and FTE are per month and per week of the evaluated period; KPIs are weighted by
    volume over the staffed channels.

    Attributes
    ----------
    name : str
    spec : ScenarioSpec
    weeks : float
        Length of the evaluated period. [weeks]
    fte : float
        FTE needed to meet the targets, shrinkage included. [FTE]
    fte_rostered : float
        FTE on the roster. [FTE]
    cost_eur_per_month : float
        Cost of the required hours plus the cost per contact. [EUR/month]
    cost_eur_per_contact : float
        ``cost_eur_per_month`` per handled contact. [EUR/contact]
    service_level, p_abandon : float
        Achieved when staffed as required. [0..1]
    service_level_roster, p_abandon_roster : float
        Achieved with the roster as it is. [0..1]
    reachability : float
        Share of demand meeting an open channel. [0..1]
    contacts_per_week : float
        Demand as it arrives, all channels. [contacts/week]
    handled_per_week : float
        Contacts handled by agents or contained in self-service. [contacts/week]
    lost_per_week : float
        Contacts lost to closed hours or given up after a channel shift. [contacts/week]
    delta_fte, delta_cost_eur_per_month, caught_per_week : float
        Against the baseline: extra FTE, extra cost, extra contacts reaching an open channel.
    by_channel : pandas.DataFrame
        ``channel, fte, fte_rostered, cost_eur_per_month, service_level, p_abandon,
        reachability, contacts_per_week, lost_per_week`` and the baseline's ``*_baseline``.
    by_weekday : pandas.DataFrame
        ``weekday, open_hours, open_hours_baseline, delta_open_hours [h/week], fte, fte_baseline,
        delta_fte [FTE], cost_eur_per_week, delta_cost_eur_per_week [EUR/week], caught_per_week
        [contacts/week], cost_eur_per_extra_hour [EUR/h], cost_eur_per_caught_contact
        [EUR/contact]``.
    by_hour : pandas.DataFrame
        ``channel, hour, arrivals, reached, reached_baseline [contacts/week], reachability,
        reachability_baseline [0..1]``.
    morning_peak : pandas.DataFrame
        Per channel and weekday the first hour after opening: ``open_min``, ``first_hour_volume``,
        ``first_hour_volume_baseline``, ``first_hour_callbacks`` [contacts/day] and
        ``peak_required``, ``peak_required_baseline`` [agents].
    demand : pandas.DataFrame
        :func:`scenario_demand` output.
    plan : pandas.DataFrame
        ``kcc.plan.build_plan`` of the scenario demand.
    surge : SurgeResult or None
    """

    name: str
    spec: ScenarioSpec
    weeks: float
    fte: float
    fte_rostered: float
    cost_eur_per_month: float
    cost_eur_per_contact: float
    service_level: float
    p_abandon: float
    service_level_roster: float
    p_abandon_roster: float
    reachability: float
    contacts_per_week: float
    handled_per_week: float
    lost_per_week: float
    delta_fte: float
    delta_cost_eur_per_month: float
    caught_per_week: float
    by_channel: pd.DataFrame
    by_weekday: pd.DataFrame
    by_hour: pd.DataFrame
    morning_peak: pd.DataFrame
    demand: pd.DataFrame
    plan: pd.DataFrame
    surge: SurgeResult | None = None

    def headline(self) -> dict[str, float]:
        """The scalar numbers (for tables and tests)."""
        return {
            name: getattr(self, name)
            for name in (
                "fte", "fte_rostered", "cost_eur_per_month", "cost_eur_per_contact", "service_level",
                "p_abandon", "service_level_roster", "p_abandon_roster", "reachability",
                "contacts_per_week", "handled_per_week", "lost_per_week", "delta_fte",
                "delta_cost_eur_per_month", "caught_per_week",
            )
        }


def _roster_from_plan(plan_frame: pd.DataFrame) -> pd.DataFrame:
    return plan_frame[["channel", "ds", "interval_min"]].assign(agents=plan_frame["required_scheduled"].to_numpy(float))


def _plan_for(demand_frame: pd.DataFrame, roster: pd.DataFrame | None, settings: Any, hours: Sequence[ChannelHours], working: Sequence[ChannelHours]) -> pd.DataFrame:
    from kcc import plan

    staffed = demand_frame[~demand_frame["channel"].isin(NO_AGENT_CHANNELS)]
    service = hours_to_setting([*hours, *working])
    return plan.build_plan(staffed[list(plan.DEMAND_COLUMNS)], roster, settings, open_hours=service)


def _summary(p: _Pipeline, frame: pd.DataFrame, plan_frame: pd.DataFrame, staffed_plan: pd.DataFrame | None,
             settings: Any, spec: ScenarioSpec, which: str) -> dict[str, Any]:
    """Scalars and per-channel/weekday sums of one side (``scn`` or ``base``).

    FTE and KPIs use the definitions of the Staffing and Overview pages (``kcc.plan.total``:
    agent hours / (contract hours x days / 7), KPIs weighted by volume), so the baseline
    scenario shows the plan's numbers for the same days.
    """
    from kcc import plan

    suffix = "" if which == "scn" else "_baseline"
    days = max(1, len(np.unique(p.grid.day)))
    weeks = days / 7.0
    hours = plan_frame["interval_min"].to_numpy(float) / 60.0
    agent_hours = plan_frame["required_scheduled"].to_numpy(float) * hours
    per_contact = {c.channel: c.cost_eur_per_contact for c in spec.costs} if which == "scn" else {}
    volume = frame[f"volume{suffix}"].to_numpy(float)
    contact_cost = (frame["channel"].map(per_contact).fillna(0.0).to_numpy(float) * volume).sum()
    contract = float(settings.contract_hours_per_week)
    cost = plan_frame["cost_required_eur"].to_numpy(float).sum() + contact_cost
    kpi = staffed_plan if staffed_plan is not None else plan_frame
    arrivals = frame[f"arrivals{suffix}"]
    reached = frame[f"reached{suffix}"]
    lost = (p.scn.lost.sum() + p.gave_up.sum()) if which == "scn" else p.base.lost.sum()
    by_channel = pd.DataFrame({
        "channel": plan_frame["channel"], "agent_hours": agent_hours,
        "rostered_hours": plan_frame["rostered"].to_numpy(float) * hours,
        "cost": plan_frame["cost_required_eur"].to_numpy(float),
    }).groupby("channel").sum()
    out_channel = pd.DataFrame({
        f"fte{suffix}": by_channel["agent_hours"] / weeks / contract,
        f"fte_rostered{suffix}": by_channel["rostered_hours"] / weeks / contract,
        f"cost_eur_per_month{suffix}": by_channel["cost"] / weeks * WEEKS_PER_MONTH,
    })
    kpis = pd.DataFrame.from_dict({
        channel: plan.total(g, staffed_only=False)[["service_level", "p_abandon"]].to_numpy(float)
        for channel, g in kpi.groupby("channel")
    }, orient="index", columns=[f"service_level{suffix}", f"p_abandon{suffix}"])
    flows = pd.DataFrame({"channel": frame["channel"], "a": arrivals, "r": reached}).groupby("channel").sum()
    flows[f"reachability{suffix}"] = flows["r"] / flows["a"].where(flows["a"] > 0)
    flows[f"contacts_per_week{suffix}"] = flows["a"] / weeks
    lost_rows = p.scn.lost + p.gave_up if which == "scn" else p.base.lost
    lost_by = pd.Series(lost_rows.sum(axis=1) / weeks, index=p.grid.channels, name=f"lost_per_week{suffix}")
    per_channel = flows[[f"reachability{suffix}", f"contacts_per_week{suffix}"]].join(out_channel, how="left").join(kpis, how="left").join(lost_by, how="left")
    # per weekday: agent hours and money per week of that weekday
    local = pd.DatetimeIndex(plan_frame["ds"])
    weekday = local.day_of_week.to_numpy()
    local_days = p.grid.ds.tz_localize(None).normalize() if p.grid.ds.tz is not None else p.grid.ds.normalize()
    day_counts = pd.Series(local_days.unique()).dt.day_of_week.value_counts()
    wd = pd.DataFrame({"weekday": weekday, "h": agent_hours, "c": plan_frame["cost_required_eur"].to_numpy(float)}).groupby("weekday").sum()
    reach_wd = pd.DataFrame({"weekday": pd.DatetimeIndex(frame["ds"]).day_of_week, "r": reached}).groupby("weekday").sum()
    by_weekday = pd.DataFrame(index=pd.RangeIndex(WEEKDAYS, name="weekday"))
    count = day_counts.reindex(range(WEEKDAYS)).fillna(0).to_numpy(float)
    safe = np.where(count > 0, count, np.nan)
    by_weekday[f"fte{suffix}"] = wd["h"].reindex(range(WEEKDAYS)).fillna(0).to_numpy() / safe / contract
    by_weekday[f"cost_eur_per_week{suffix}"] = wd["c"].reindex(range(WEEKDAYS)).fillna(0).to_numpy() / safe
    by_weekday[f"reached_per_week{suffix}"] = reach_wd["r"].reindex(range(WEEKDAYS)).fillna(0).to_numpy() / safe
    handled = volume[~frame["channel"].isin(NO_AGENT_CHANNELS).to_numpy()].sum() + frame.loc[frame["channel"].isin(NO_AGENT_CHANNELS), f"volume{suffix}"].sum()
    fte_hours = contract * days / 7.0
    with_roster = plan.total(plan_frame, staffed_only=False)
    staffed = plan.total(kpi, staffed_only=False)
    return {
        "weeks": weeks,
        "fte": float(with_roster["required_agent_hours"] / fte_hours),
        "fte_rostered": float(with_roster["rostered_agent_hours"] / fte_hours),
        "cost_eur_per_month": cost / weeks * WEEKS_PER_MONTH,
        "cost_eur_per_contact": cost / handled if handled > 0 else float("nan"),
        "service_level": float(staffed["service_level"]),
        "p_abandon": float(staffed["p_abandon"]),
        "service_level_roster": float(with_roster["service_level"]),
        "p_abandon_roster": float(with_roster["p_abandon"]),
        "reachability": float(reached.sum() / arrivals.sum()) if arrivals.sum() > 0 else float("nan"),
        "contacts_per_week": float(arrivals.sum() / weeks),
        "handled_per_week": float(handled / weeks),
        "lost_per_week": float(lost / weeks),
        "reached_per_week": float(reached.sum() / weeks),
        "by_channel": per_channel,
        "by_weekday": by_weekday,
    }


def _open_hours_per_weekday(hours: Sequence[ChannelHours], channels: Iterable[str]) -> np.ndarray:
    wanted = set(channels) - NO_AGENT_CHANNELS
    total = np.zeros(WEEKDAYS)
    for h in hours:
        if h.channel in wanted:
            total += (np.array(h.close_min) - np.array(h.open_min)) / 60.0
    return total


def _by_hour(frame: pd.DataFrame, weeks: float) -> pd.DataFrame:
    hour = pd.DatetimeIndex(frame["ds"]).hour
    out = (
        frame.assign(hour=hour)
        .groupby(["channel", "hour"], as_index=False)[["arrivals", "reached", "arrivals_baseline", "reached_baseline"]]
        .sum()
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        out["reachability"] = out["reached"] / out["arrivals"].where(out["arrivals"] > 0)
        out["reachability_baseline"] = out["reached_baseline"] / out["arrivals_baseline"].where(out["arrivals_baseline"] > 0)
    for column in ("arrivals", "reached", "arrivals_baseline", "reached_baseline"):
        out[column] = out[column] / weeks
    return out


def _morning_peak(p: _Pipeline, frame: pd.DataFrame, plan_scn: pd.DataFrame, plan_base: pd.DataFrame) -> pd.DataFrame:
    rows = []
    local = pd.DatetimeIndex(frame["ds"])
    minute = (local.hour * 60 + local.minute).to_numpy()
    weekday = local.day_of_week.to_numpy()
    day = (local.tz_localize(None).normalize() if local.tz is not None else local.normalize())
    scn_hours = {h.channel: h for h in p.scn_hours}
    base_hours = {h.channel: h for h in p.base_hours}
    pm = pd.DatetimeIndex(plan_scn["ds"])
    pb = pd.DatetimeIndex(plan_base["ds"])
    for channel, h in scn_hours.items():
        if channel in NO_AGENT_CHANNELS or channel not in set(frame["channel"]):
            continue
        b = base_hours.get(channel, h)
        pick = (frame["channel"] == channel).to_numpy()
        for d in range(WEEKDAYS):
            if h.is_closed(d) or h.open_min[d] == 0 and h.close_min[d] == MINUTES_PER_DAY:
                continue
            on_day = pick & (weekday == d)
            n_days = len(pd.unique(day[on_day])) or 1
            first = on_day & (minute >= h.open_min[d]) & (minute < h.open_min[d] + 60)
            first_b = on_day & (minute >= b.open_min[d]) & (minute < b.open_min[d] + 60)
            sel_s = (plan_scn["channel"] == channel).to_numpy() & (pm.day_of_week == d)
            sel_b = (plan_base["channel"] == channel).to_numpy() & (pb.day_of_week == d)
            rows.append({
                "channel": channel, "weekday": d, "open_min": h.open_min[d], "open_min_baseline": b.open_min[d],
                "first_hour_volume": frame.loc[first, "volume"].sum() / n_days,
                "first_hour_volume_baseline": frame.loc[first_b, "volume_baseline"].sum() / n_days,
                "first_hour_callbacks": frame.loc[first, "callbacks"].sum() / n_days,
                "peak_required": float(plan_scn.loc[sel_s, "required_scheduled"].max()) if sel_s.any() else 0.0,
                "peak_required_baseline": float(plan_base.loc[sel_b, "required_scheduled"].max()) if sel_b.any() else 0.0,
            })
    return pd.DataFrame(rows, columns=[
        "channel", "weekday", "open_min", "open_min_baseline", "first_hour_volume", "first_hour_volume_baseline",
        "first_hour_callbacks", "peak_required", "peak_required_baseline",
    ])


def evaluate_scenario(
    baseline_demand: pd.DataFrame,
    roster: pd.DataFrame | None,
    settings: Any,
    spec: ScenarioSpec,
    *,
    opening_hours: Sequence[ChannelHours] | None = None,
    working_hours: Sequence[ChannelHours] = (),
    name: str = "",
    staffed_kpis: bool = True,
) -> ScenarioResult:
    """Apply a scenario to the baseline and staff both through ``kcc.plan.build_plan``.

    Parameters
    ----------
    baseline_demand : pandas.DataFrame
        Demand frame (``channel, ds, interval_min, volume, aht_s``, optionally ``queue,
        volume_hi, closed_attempts``), e.g. a recent stretch of history or a forecast.
    roster : pandas.DataFrame or None
        ``channel, ds, interval_min, agents`` over the same period.
    settings : kcc.plan.PlanSettings
        Baseline targets, shrinkage, costs.
    spec : ScenarioSpec
    opening_hours : sequence of ChannelHours, optional
        Baseline opening hours (when contacts are accepted); default inferred from the data.
    working_hours : sequence of ChannelHours
        Hours deferred work is picked up (e-mail office hours) when they differ.
    name : str
        Shown in comparisons.
    staffed_kpis : bool, default True
        Also compute service level and abandonment when staffed as required (a second plan).

    Returns
    -------
    ScenarioResult
    """
    p = _run_pipeline(baseline_demand, spec, opening_hours)
    frame = _pipeline_frame(p)
    scn_settings = scenario_settings(settings, spec)
    base_frame = frame.assign(volume=frame["volume_baseline"], volume_hi=frame["volume_hi_baseline"])
    plan_scn = _plan_for(frame, roster, scn_settings, p.scn_hours, working_hours)
    plan_base = _plan_for(base_frame, roster, settings, p.base_hours, working_hours)
    staffed_scn = staffed_base = None
    if staffed_kpis:
        staffed_scn = _plan_for(frame, _roster_from_plan(plan_scn), scn_settings, p.scn_hours, working_hours)
        staffed_base = _plan_for(base_frame, _roster_from_plan(plan_base), settings, p.base_hours, working_hours)
    s = _summary(p, frame, plan_scn, staffed_scn, scn_settings, spec, "scn")
    b = _summary(p, frame, plan_base, staffed_base, settings, spec.baseline(), "base")
    by_channel = s["by_channel"].join(b["by_channel"], how="outer").reset_index(names="channel")
    by_weekday = s["by_weekday"].join(b["by_weekday"]).reset_index()
    channels = set(frame["channel"])
    by_weekday["open_hours"] = _open_hours_per_weekday(p.scn_hours, channels)
    by_weekday["open_hours_baseline"] = _open_hours_per_weekday(p.base_hours, channels)
    by_weekday["delta_open_hours"] = by_weekday["open_hours"] - by_weekday["open_hours_baseline"]
    by_weekday["delta_fte"] = by_weekday["fte"] - by_weekday["fte_baseline"]
    by_weekday["delta_cost_eur_per_week"] = by_weekday["cost_eur_per_week"] - by_weekday["cost_eur_per_week_baseline"]
    by_weekday["caught_per_week"] = by_weekday["reached_per_week"] - by_weekday["reached_per_week_baseline"]
    with np.errstate(invalid="ignore", divide="ignore"):
        changed = by_weekday["delta_open_hours"].abs() > 1e-9
        by_weekday["cost_eur_per_extra_hour"] = (by_weekday["delta_cost_eur_per_week"] / by_weekday["delta_open_hours"]).where(changed)
        caught = by_weekday["caught_per_week"].abs() > 1e-9
        by_weekday["cost_eur_per_caught_contact"] = (by_weekday["delta_cost_eur_per_week"] / by_weekday["caught_per_week"]).where(caught)
    surge = None
    if spec.surge is not None and spec.surge.channel in set(plan_scn["channel"]):
        surge = _surge_for(plan_scn, scn_settings, spec.surge)
    return ScenarioResult(
        name=name,
        spec=spec,
        weeks=s["weeks"],
        fte=s["fte"], fte_rostered=s["fte_rostered"], cost_eur_per_month=s["cost_eur_per_month"],
        cost_eur_per_contact=s["cost_eur_per_contact"], service_level=s["service_level"],
        p_abandon=s["p_abandon"], service_level_roster=s["service_level_roster"],
        p_abandon_roster=s["p_abandon_roster"], reachability=s["reachability"],
        contacts_per_week=s["contacts_per_week"], handled_per_week=s["handled_per_week"],
        lost_per_week=s["lost_per_week"],
        delta_fte=s["fte"] - b["fte"], delta_cost_eur_per_month=s["cost_eur_per_month"] - b["cost_eur_per_month"],
        caught_per_week=s["reached_per_week"] - b["reached_per_week"],
        by_channel=by_channel, by_weekday=by_weekday, by_hour=_by_hour(frame, s["weeks"]),
        morning_peak=_morning_peak(p, frame, plan_scn, plan_base),
        demand=frame, plan=plan_scn, surge=surge,
    )


def _surge_for(plan_frame: pd.DataFrame, settings: Any, surge: SurgeTest) -> SurgeResult:
    from kcc import plan

    rows = plan_frame[plan_frame["channel"] == surge.channel]
    targets = settings.targets_for(surge.channel)
    model = plan.channel_model(surge.channel, targets)
    if model == "backlog":
        answer_s, patience = float(targets.response_time_h or 1.0) * 3600.0, None
    else:
        answer_s, patience = float(targets.answer_time_s), targets.patience_s
    return simulate_surge(
        rows, surge, answer_time_s=answer_s, patience_s=patience,
        concurrency=float(targets.concurrency) if model == "chat" else 1.0,
        cost_eur_per_hour=settings.cost_for(surge.channel), flex_premium=float(settings.flex_premium),
    )


def compare(results: Sequence[ScenarioResult]) -> pd.DataFrame:
    """Scenarios side by side, with the difference to the first one.

    Parameters
    ----------
    results : sequence of ScenarioResult
        Two to four, the reference first.

    Returns
    -------
    pandas.DataFrame
        One row per scenario: ``name`` and the :meth:`ScenarioResult.headline` numbers, plus
        ``diff_fte [FTE]``, ``diff_cost_eur_per_month [EUR/month]``, ``diff_service_level``,
        ``diff_p_abandon``, ``diff_reachability [0..1]`` against the first.
    """
    if not results:
        return pd.DataFrame()
    rows = [{"name": r.name or f"#{i + 1}", **r.headline()} for i, r in enumerate(results)]
    out = pd.DataFrame(rows)
    for column in ("fte", "cost_eur_per_month", "service_level", "p_abandon", "reachability"):
        out[f"diff_{column}"] = out[column] - out[column].iloc[0]
    return out


def sl_frontier(
    demand: pd.DataFrame,
    roster: pd.DataFrame | None,
    settings: Any,
    channel: str,
    levels: Sequence[float] = (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95),
    *,
    spec: ScenarioSpec | None = None,
    opening_hours: Sequence[ChannelHours] | None = None,
    working_hours: Sequence[ChannelHours] = (),
) -> pd.DataFrame:
    """Service-level target against FTE and cost for one channel.

    Parameters
    ----------
    demand : pandas.DataFrame
        Baseline demand frame.
    roster : pandas.DataFrame or None
    settings : kcc.plan.PlanSettings
    channel : str
    levels : sequence of float
        Service-level targets to staff for. [0..1]
    spec : ScenarioSpec, optional
        Scenario whose demand and settings are used (default: the baseline).
    opening_hours, working_hours : see :func:`evaluate_scenario`.

    Returns
    -------
    pandas.DataFrame
        ``target_service_level [0..1], fte [FTE], cost_eur_per_month [EUR/month],
        marginal_cost_eur_per_point`` (extra cost per month of each extra percentage point over
        the previous level).
    """
    spec = spec or ScenarioSpec()
    p = _run_pipeline(demand, spec, opening_hours)
    frame = _pipeline_frame(p)
    frame = frame[frame["channel"] == channel]
    if frame.empty:
        raise ValueError(f"channel {channel!r} has no demand")
    base = scenario_settings(settings, spec)
    weeks = max(1, len(np.unique(p.grid.day))) / 7.0
    key = "target_service_level"
    rows = []
    for level in sorted(levels):
        _check_range("levels", level, 0.01, 0.999)
        staffed = _plan_for(frame, roster, base.with_targets(channel, **{key: float(level)}), p.scn_hours, working_hours)
        hours = staffed["interval_min"].to_numpy(float) / 60.0
        agent_hours = (staffed["required_scheduled"].to_numpy(float) * hours).sum()
        rows.append({
            "target_service_level": float(level),
            "fte": agent_hours / weeks / float(base.contract_hours_per_week),
            "cost_eur_per_month": staffed["cost_required_eur"].sum() / weeks * WEEKS_PER_MONTH,
        })
    out = pd.DataFrame(rows)
    points = out["target_service_level"].diff() * 100.0
    out["marginal_cost_eur_per_point"] = out["cost_eur_per_month"].diff() / points
    return out
