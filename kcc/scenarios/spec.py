"""The scenario spec: a frozen, versioned set of levers and its parts, with their
serialisation (``to_dict``/``from_dict`` with migrations, ``to_query``/``from_query``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

import numpy as np

from kcc import checks, config
from kcc.checks import is_number
from kcc.scenarios.link import (
    QUERY_NAME,
    QUERY_SPEC,
    QUERY_VERSION,
    pack_spec,
    unpack_query,
)
from kcc.scenarios.strategy import StrategyChoices
from kcc.scenarios.validation import (
    MINUTES_PER_DAY,
    TIME_STEP_MIN,
    WEEKDAYS,
    ScenarioError,
    format_hhmm,
    set_field,
)
from kcc.targets import DEFERRED_CHANNELS, ChannelTargets

#: Version 2 adds ``strategy`` (the qualitative choices); a version-1 spec has none.
SPEC_VERSION: Final[int] = 2

_T = TypeVar("_T")


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
        checks.one_of(f"{name}.channel", self.channel, config.CHANNELS)
        for attr in ("open_min", "close_min"):
            values = tuple(getattr(self, attr))
            if len(values) != WEEKDAYS:
                raise ValueError(f"{name}.{attr} must hold 7 weekdays (Monday first), got {len(values)}")
            set_field(self, attr, tuple(
                checks.whole_number(f"{name}.{attr}[{d}]", v, 0, MINUTES_PER_DAY, unit="min", step=TIME_STEP_MIN)
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
        set_field(self, "callback_share", checks.number_in("closed_hours.callback_share", self.callback_share, 0, 1))
        set_field(self, "digital_share", checks.number_in("closed_hours.digital_share", self.digital_share, 0, 1))
        if self.callback_share + self.digital_share > 1 + 1e-9:
            raise ScenarioError("closed_shares", total=float(self.callback_share + self.digital_share))
        checks.one_of("closed_hours.digital_channel", self.digital_channel, config.CHANNELS)
        set_field(self, "redial_window_min", checks.whole_number(
            "closed_hours.redial_window_min", self.redial_window_min, TIME_STEP_MIN, 480, unit="min", step=TIME_STEP_MIN
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
        checks.one_of(f"{name}.source", self.source, config.CHANNELS)
        checks.one_of(f"{name}.target", self.target, config.CHANNELS)
        if self.source == self.target:
            raise ScenarioError("same_channel", name=name)
        set_field(self, "share", checks.number_in(f"{name}.share", self.share, 0, 1))
        set_field(self, "aht_s", checks.number_in(f"{name}.aht_s", self.aht_s, 1, 86_400, unit="s", optional=True))
        set_field(self, "containment", checks.number_in(f"{name}.containment", self.containment, 0, 1))
        set_field(self, "failure_share", checks.number_in(f"{name}.failure_share", self.failure_share, 0, 1))
        if self.containment + self.failure_share > 1 + 1e-9:
            raise ScenarioError("mix_shares", name=name,
                                total=float(self.containment + self.failure_share))


#: Each KPI target's field, allowed range and unit.
_TARGET_RANGES: Final[tuple[tuple[str, float, float, str], ...]] = (
    ("target_service_level", 0.01, 0.999, ""),
    ("answer_time_s", 1, 604_800, "s"),
    ("target_asa_s", 1, 86_400, "s"),
    ("max_abandon", 0.001, 0.999, ""),
    ("max_occupancy", 0.3, 1.0, ""),
    ("response_time_h", 0.25, 720, "h"),
    ("response_share", 0.01, 0.999, ""),
)


@dataclass(frozen=True)
class TargetOverride:
    """KPI targets of one channel; None keeps the baseline setting.

    A partial ``kcc.targets.ChannelTargets``: :meth:`changes` names the fields it sets on the
    baseline's targets. Its own fields are the lever as saved and shared (``to_dict``), with
    the scenario's ranges; ``response_share`` is the service level of deferred work.

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
        checks.one_of(f"{name}.channel", self.channel, config.CHANNELS)
        for attr, low, high, unit in _TARGET_RANGES:
            set_field(self, attr, checks.number_in(
                f"{name}.{attr}", getattr(self, attr), low, high, unit=unit, optional=True))

    def changes(self) -> dict[str, float]:
        """The ``kcc.targets.ChannelTargets`` fields this override sets (the rest keep the
        baseline's), for ``dataclasses.replace`` or ``PlanSettings.with_targets``.

        Deferred channels (``kcc.targets.DEFERRED_CHANNELS``) take their service level from
        ``response_share``, live channels from ``target_service_level``; the other is ignored.
        """
        out: dict[str, float] = {}
        deferred = self.channel in DEFERRED_CHANNELS
        level = self.response_share if deferred else self.target_service_level
        if level is not None:
            out["target_service_level"] = level
        for name in ("answer_time_s", "target_asa_s", "max_abandon", "max_occupancy", "response_time_h"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    def apply_to(self, targets: ChannelTargets) -> ChannelTargets:
        """``targets`` with this override's changes (validated again as ``ChannelTargets``)."""
        return dataclasses.replace(targets, **self.changes())


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
        checks.one_of(f"{name}.channel", self.channel, config.CHANNELS)
        set_field(self, "fcr_baseline", checks.number_in(f"{name}.fcr_baseline", self.fcr_baseline, 0.05, 1))
        set_field(self, "fcr", checks.number_in(f"{name}.fcr", self.fcr, 0.05, 1))
        set_field(self, "aht_change", checks.number_in(f"{name}.aht_change", self.aht_change, -0.5, 1))

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
        checks.one_of("surge.channel", self.channel, config.CHANNELS)
        set_field(self, "uplift", checks.number_in("surge.uplift", self.uplift, 0, 5))
        set_field(self, "weekday", checks.whole_number("surge.weekday", self.weekday, 0, 6))
        last_start_min = MINUTES_PER_DAY - TIME_STEP_MIN
        set_field(self, "start_min", checks.whole_number(
            "surge.start_min", self.start_min, 0, last_start_min, unit="min", step=TIME_STEP_MIN))
        set_field(self, "duration_min", checks.whole_number(
            "surge.duration_min", self.duration_min, TIME_STEP_MIN, 7 * MINUTES_PER_DAY, unit="min",
            step=TIME_STEP_MIN))
        for attr in ("home_agents", "outsource_agents", "overtime_agents"):
            set_field(self, attr, checks.whole_number(f"surge.{attr}", getattr(self, attr), 0, 10_000, unit="agents"))
        set_field(self, "home_block_min", checks.whole_number(
            "surge.home_block_min", self.home_block_min, 30, 480, unit="min", step=TIME_STEP_MIN))
        for attr in ("home_delay_min", "outsource_delay_min"):
            set_field(self, attr, checks.whole_number(
                f"surge.{attr}", getattr(self, attr), 0, MINUTES_PER_DAY, unit="min", step=TIME_STEP_MIN))
        set_field(self, "overtime_min", checks.whole_number(
            "surge.overtime_min", self.overtime_min, 0, 480, unit="min", step=TIME_STEP_MIN))

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
        checks.one_of(f"{name}.channel", self.channel, config.CHANNELS)
        set_field(self, "cost_eur_per_hour", checks.number_in(
            f"{name}.cost_eur_per_hour", self.cost_eur_per_hour, 0, 1000, unit="EUR/h", optional=True))
        set_field(self, "cost_eur_per_contact", checks.number_in(
            f"{name}.cost_eur_per_contact", self.cost_eur_per_contact, 0, 1000, unit="EUR/contact"))


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
    strategy : kcc.scenarios.StrategyChoices or None
        The qualitative choices the board summary words (role, channel purposes, promises,
        approved budget, people risk, calamity plans, timeline, decision); None takes the
        centre's default. Changes no number.
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
    strategy: StrategyChoices | None = None
    version: int = SPEC_VERSION

    def __post_init__(self) -> None:
        if self.version != SPEC_VERSION:
            raise ValueError(
                f"version must be {SPEC_VERSION} (migrate older specs with from_dict), got {self.version!r}"
            )
        for attr, kind in (
            ("opening_hours", ChannelHours), ("shifts", ChannelShift), ("targets", TargetOverride),
            ("fcr", FcrLever), ("costs", CostOverride),
        ):
            items = tuple(getattr(self, attr))
            for item in items:
                if not isinstance(item, kind):
                    raise ValueError(f"{attr} must hold {kind.__name__} items, got {type(item).__name__}")
            set_field(self, attr, items)
        if not isinstance(self.closed_hours, ClosedHoursBehaviour):
            raise ValueError(f"closed_hours must be a ClosedHoursBehaviour, got {type(self.closed_hours).__name__}")
        if self.strategy is not None and not isinstance(self.strategy, StrategyChoices):
            raise ValueError(f"strategy must be a StrategyChoices or None, got {type(self.strategy).__name__}")
        if self.surge is not None and not isinstance(self.surge, SurgeTest):
            raise ValueError(f"surge must be a SurgeTest or None, got {type(self.surge).__name__}")
        for attr in ("opening_hours", "targets", "fcr", "costs"):
            checks.unique(attr, getattr(self, attr), lambda item: item.channel)
        checks.unique("shifts", self.shifts, lambda s: (s.source, s.target))
        set_field(self, "flex_premium", checks.number_in("flex_premium", self.flex_premium, 0, 3, optional=True))

    # ----- lookups and edits (a spec is immutable: edits return a copy)

    def hours_for(self, channel: str) -> ChannelHours | None:
        """The scenario's hours of ``channel``, or None when it keeps the baseline."""
        return next((h for h in self.opening_hours if h.channel == channel), None)

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
        """The baseline under the same customer assumptions (closed-hours behaviour) and the
        same stated strategy."""
        return ScenarioSpec(closed_hours=self.closed_hours, strategy=self.strategy)

    def levers_only(self) -> ScenarioSpec:
        """This spec without its strategy choices: what its numbers depend on (a cache key)."""
        return self if self.strategy is None else dataclasses.replace(self, strategy=None)

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
        if not is_number(version) or int(version) < 1:
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
        params = {QUERY_VERSION: str(self.version), QUERY_SPEC: pack_spec(self.to_dict())}
        if name:
            params[QUERY_NAME] = name
        return params

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> ScenarioSpec:
        """Read a spec back from ``to_query`` parameters (``st.query_params`` or a dict).

        Raises
        ------
        ValueError
            The link lacks the scenario, is too long, is damaged, or holds an invalid spec
            (a ``ScenarioError`` when a link's content fails the spec's own shape).
        """
        data = unpack_query(params)
        try:
            return cls.from_dict(data)
        except (TypeError, KeyError, AttributeError, IndexError, RecursionError, OverflowError) as exc:
            # A hand-made link can hold any JSON; one the checks do not foresee is damaged.
            raise ScenarioError("link_damaged", parameter=repr(QUERY_SPEC)) from exc


def _v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had no strategy choices: the centre's default applies."""
    return {**payload, "strategy": None}


#: Spec migrations: version -> function turning a dict of that version into the next.
_MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {1: _v1_to_v2}

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
    names = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]  # cls: a spec dataclass
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise ValueError(f"unknown scenario field(s){' in ' + path if path else ''}: {', '.join(unknown)}")
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if cls is ScenarioSpec and key == "strategy":
            kwargs[key] = None if value is None else StrategyChoices.from_dict(value)
        elif cls is ScenarioSpec and key in _PARTS:
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
