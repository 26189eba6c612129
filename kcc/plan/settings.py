"""Plan settings: the plan-wide ``PlanSettings`` with one ``kcc.targets.ChannelTargets`` per
channel, their JSON form, the defaults read from the stored settings, and each channel's
staffing model.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Final

import pandas as pd

from kcc import checks, config, staffing
from kcc.targets import DEFERRED_CHANNELS, UNSTAFFED_CHANNELS, ChannelTargets

#: Staffing models a channel can use (see the ``kcc.plan`` docstring).
MODELS: Final[tuple[str, ...]] = ("erlang_a", "erlang_c", "chat", "backlog", "none")

#: Targets when nothing is stored: 80% in 20 s on the phone, 80% in 60 s for chat, 90% of
#: e-mails within 8 open hours, 90% of WhatsApp messages within 1 open hour.
DEFAULT_TARGETS: Final[dict[str, ChannelTargets]] = {
    "phone": ChannelTargets(0.8, 20.0, max_occupancy=0.85),
    "chat": ChannelTargets(0.8, 60.0, max_occupancy=0.85, concurrency=2.0),
    "email": ChannelTargets(0.9, 20.0, max_occupancy=None, response_time_h=8.0),
    "whatsapp": ChannelTargets(0.9, 20.0, max_occupancy=None, response_time_h=1.0),
    "self_service": ChannelTargets(0.8, 20.0, max_occupancy=None),
}

#: Shrinkage when nothing is stored (breaks, training, meetings, sickness). [-]
DEFAULT_SHRINKAGE: Final[dict[str, float]] = {
    "phone": 0.30,
    "chat": 0.30,
    "email": 0.25,
    "whatsapp": 0.25,
    "self_service": 0.0,
}

#: Loaded hourly cost of an agent when nothing is stored. [EUR/h]
DEFAULT_COST_EUR_PER_HOUR: Final[dict[str, float]] = {
    "phone": 38.0,
    "chat": 38.0,
    "email": 35.0,
    "whatsapp": 35.0,
    "self_service": 0.0,
}

#: Highest minimum staffing a channel can be given per open interval. [agents]
MAX_MIN_AGENTS: Final[float] = 1000.0

Pairs = tuple[tuple[str, Any], ...]
#: A per-channel field as given: a mapping or pairs; ``PlanSettings`` stores it as sorted pairs.
ChannelValues = Mapping[str, Any] | Pairs


def _pairs(value: Mapping[str, Any] | Iterable[tuple[str, Any]], name: str) -> Pairs:
    items = dict(value.items() if isinstance(value, Mapping) else value)
    for key in items:
        if not isinstance(key, str) or not key:
            raise ValueError(f"{name} must be keyed by channel id, got key {key!r}")
    order = {c: i for i, c in enumerate(config.CHANNELS)}
    return tuple(sorted(items.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


@dataclass(frozen=True)
class PlanSettings:
    """Everything a plan depends on besides demand and roster; hashable (a cache key).

    Mappings given for the per-channel fields are stored as sorted ``(channel, value)`` tuples,
    so two equal settings hash alike; read them with ``targets_for``, ``shrinkage_for`` and
    ``cost_for``.

    Attributes
    ----------
    targets : mapping of str to ChannelTargets
        Targets and model inputs per channel; channels without an entry use
        ``DEFAULT_TARGETS``.
    shrinkage : mapping of str to float
        Share of paid time not available for contacts per channel, 0 up to 0.9. [-]
    cost_eur_per_hour : mapping of str to float
        Loaded hourly cost of an agent per channel, 0 up to 1000. [EUR/h]
    min_agents : mapping of str to float
        Fewest agents on the contacts in every open interval per channel, 0 (none) up to
        ``MAX_MIN_AGENTS``, before shrinkage: the plan never asks for fewer, however quiet the
        interval (someone must be there to answer). Channels without an entry have none. [agents]
    flex_premium : float
        Extra cost of flex or outsourced hours over the loaded cost, 0 up to 5 (0.25 = 25%
        more). [-]
    contract_hours_per_week : float
        Paid hours of one FTE, above 0 up to 60. [h/week]

    Raises
    ------
    ValueError
        When a field is outside its range; the message names the field and the range.
    """

    targets: ChannelValues = field(default_factory=lambda: _pairs(DEFAULT_TARGETS, "targets"))
    shrinkage: ChannelValues = field(default_factory=lambda: _pairs(DEFAULT_SHRINKAGE, "shrinkage"))
    cost_eur_per_hour: ChannelValues = field(
        default_factory=lambda: _pairs(DEFAULT_COST_EUR_PER_HOUR, "cost_eur_per_hour")
    )
    flex_premium: float = 0.25
    contract_hours_per_week: float = 36.0
    min_agents: ChannelValues = ()

    def __post_init__(self) -> None:
        targets = _pairs(self.targets, "targets")
        for channel, value in targets:
            if not isinstance(value, ChannelTargets):
                raise ValueError(f"targets[{channel!r}] must be a ChannelTargets, got {value!r}")
        object.__setattr__(self, "targets", targets)
        shrinkage = _pairs(self.shrinkage, "shrinkage")
        for channel, value in shrinkage:
            checks.share(f"shrinkage[{channel!r}]", value, high=0.9, low_open=False)
        object.__setattr__(self, "shrinkage", tuple((c, float(v)) for c, v in shrinkage))
        costs = _pairs(self.cost_eur_per_hour, "cost_eur_per_hour")
        for channel, value in costs:
            checks.number_in(f"cost_eur_per_hour[{channel!r}]", value, 0, 1000, unit="EUR/h")
        object.__setattr__(self, "cost_eur_per_hour", tuple((c, float(v)) for c, v in costs))
        minimum = _pairs(self.min_agents, "min_agents")
        for channel, value in minimum:
            checks.number_in(f"min_agents[{channel!r}]", value, 0, MAX_MIN_AGENTS, unit="agents")
        object.__setattr__(self, "min_agents", tuple((c, float(v)) for c, v in minimum if v))
        checks.share("flex_premium", self.flex_premium, high=5, low_open=False)
        checks.above_at_most("contract_hours_per_week", self.contract_hours_per_week, 60, unit="h/week")

    def __deepcopy__(self, memo: dict[int, Any]) -> PlanSettings:
        # Immutable all the way down, so a copy is itself. A plan frame carries its settings in
        # ``attrs``, which pandas deep-copies on every column read.
        return self

    def targets_for(self, channel: str) -> ChannelTargets:
        """Targets of ``channel`` (the default targets when none are set)."""
        found = dict(self.targets).get(channel)
        return found or DEFAULT_TARGETS.get(channel, ChannelTargets())

    def shrinkage_for(self, channel: str) -> float:
        """Shrinkage of ``channel``. [-]"""
        return float(dict(self.shrinkage).get(channel, DEFAULT_SHRINKAGE.get(channel, 0.3)))

    def min_agents_for(self, channel: str) -> float:
        """Fewest agents of ``channel`` in an open interval (0: no minimum). [agents]"""
        return float(dict(self.min_agents).get(channel, 0.0))

    def cost_for(self, channel: str) -> float:
        """Loaded hourly cost of ``channel``. [EUR/h]"""
        found = dict(self.cost_eur_per_hour).get(channel)
        return float(found if found is not None else DEFAULT_COST_EUR_PER_HOUR.get(channel, 0.0))

    def with_targets(self, channel: str, **changes: Any) -> PlanSettings:
        """A copy with some target fields of ``channel`` changed (validated again)."""
        targets = dict(self.targets)
        targets[channel] = replace(self.targets_for(channel), **changes)
        return replace(self, targets=_pairs(targets, "targets"))

    def with_channel_values(
        self,
        *,
        shrinkage: Mapping[str, float] | None = None,
        cost_eur_per_hour: Mapping[str, float] | None = None,
        min_agents: Mapping[str, float] | None = None,
    ) -> PlanSettings:
        """A copy with some channels' shrinkage, hourly cost or minimum staffing changed."""
        new_shrinkage = {**dict(self.shrinkage), **dict(shrinkage or {})}
        new_costs = {**dict(self.cost_eur_per_hour), **dict(cost_eur_per_hour or {})}
        new_minimum = {**dict(self.min_agents), **dict(min_agents or {})}
        return replace(self, shrinkage=_pairs(new_shrinkage, "shrinkage"),
                       cost_eur_per_hour=_pairs(new_costs, "cost_eur_per_hour"),
                       min_agents=_pairs(new_minimum, "min_agents"))

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-able form, for ``kcc.store.write_setting`` (see ``settings_from_json``)."""
        return {
            "targets": {c: {f.name: getattr(t, f.name) for f in fields(t)} for c, t in dict(self.targets).items()},
            "shrinkage": dict(self.shrinkage),
            "cost_eur_per_hour": dict(self.cost_eur_per_hour),
            "flex_premium": self.flex_premium,
            "contract_hours_per_week": self.contract_hours_per_week,
            "min_agents": dict(self.min_agents),
        }


#: Settings key the plan settings are stored under (``kcc.store.write_setting``).
SETTINGS_KEY: Final[str] = "plan.settings"


def settings_from_json(value: Mapping[str, Any]) -> PlanSettings:
    """Plan settings from their ``PlanSettings.to_json`` form; unknown fields are ignored and
    missing ones take the defaults."""
    known = {f.name for f in fields(ChannelTargets)}
    kwargs: dict[str, Any] = {}
    if "targets" in value:
        kwargs["targets"] = {
            channel: ChannelTargets(**{k: v for k, v in spec.items() if k in known})
            for channel, spec in dict(value["targets"]).items()
        }
    for name in ("shrinkage", "cost_eur_per_hour", "min_agents"):
        if name in value:
            kwargs[name] = dict(value[name])
    for name in ("flex_premium", "contract_hours_per_week"):
        if name in value:
            kwargs[name] = float(value[name])
    return PlanSettings(**kwargs)


def _number_map(value: Any) -> dict[str, float]:
    """Channel -> number from a stored setting (a mapping, or channel -> {"...": number})."""
    if not isinstance(value, Mapping):
        return {}
    out: dict[str, float] = {}
    for channel, item in value.items():
        if isinstance(item, Mapping):
            numbers = [v for v in item.values() if isinstance(v, (int, float))]
            if "total" in item and isinstance(item["total"], (int, float)):
                out[str(channel)] = float(item["total"])
            elif numbers:
                # planned + unplanned parts add up to the channel's shrinkage
                out[str(channel)] = float(sum(numbers))
        elif isinstance(item, (int, float)) and not isinstance(item, bool):
            out[str(channel)] = float(item)
    return out


def _targets_from_service(channel: str, spec: Mapping[str, Any]) -> ChannelTargets:
    """Targets from a stored ``service_targets`` entry (``service_level``, ``answer_time_s``)."""
    base = DEFAULT_TARGETS.get(channel, ChannelTargets())
    level = spec.get("service_level", base.target_service_level)
    answer_s = spec.get("answer_time_s")
    changes: dict[str, Any] = {"target_service_level": float(level)}
    if answer_s is not None:
        if channel in DEFERRED_CHANNELS:
            # deferred work keeps its threshold as a response time in hours
            changes["response_time_h"] = float(answer_s) / 3600.0
        else:
            changes["answer_time_s"] = float(answer_s)
    return replace(base, **changes)


def default_settings(
    con_settings: Mapping[str, Any], history: pd.DataFrame | None = None
) -> PlanSettings:
    """Plan settings from the stored settings, with patience estimated from history.

    Parameters
    ----------
    con_settings : mapping
        Stored settings by key (``kcc.store.read_settings``). ``plan.settings`` (a saved
        ``PlanSettings.to_json``) wins; otherwise these keys are read when present:
        ``service_targets`` (channel -> ``service_level``, ``answer_time_s``; for e-mail and
        WhatsApp the answer time becomes the response time), ``shrinkage`` (channel -> share,
        or channel -> parts such as planned and unplanned that add up), ``cost_eur_per_hour``,
        ``flex_premium_share`` and ``contract_hours_per_fte``. The rest comes from the module
        defaults.
    history : pandas.DataFrame, optional
        Volume-contract frame; when given (and no ``plan.settings`` is saved), phone channels
        get the mean patience estimated from it (total waiting time of queued callers /
        abandons), so the plan uses Erlang A.

    Returns
    -------
    PlanSettings
    """
    saved = con_settings.get(SETTINGS_KEY)
    if isinstance(saved, Mapping):
        settings = settings_from_json(saved)
    else:
        settings = PlanSettings()
        service = con_settings.get("service_targets")
        if isinstance(service, Mapping):
            targets = dict(settings.targets)
            for channel, spec in service.items():
                if isinstance(spec, Mapping):
                    targets[str(channel)] = _targets_from_service(str(channel), spec)
            settings = replace(settings, targets=_pairs(targets, "targets"))
        shrinkage = _number_map(con_settings.get("shrinkage"))
        costs = _number_map(con_settings.get("cost_eur_per_hour"))
        shrinkage = {c: min(max(v, 0.0), 0.9) for c, v in shrinkage.items()}
        settings = settings.with_channel_values(shrinkage=shrinkage, cost_eur_per_hour=costs)
        for key, name in (("flex_premium_share", "flex_premium"), ("flex_premium", "flex_premium"),
                          ("contract_hours_per_fte", "contract_hours_per_week"),
                          ("contract_hours_per_week", "contract_hours_per_week")):
            value = con_settings.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                number: dict[str, Any] = {name: float(value)}
                settings = replace(settings, **number)
        if history is not None and len(history):
            for channel, patience in estimate_patience(history).items():
                if channel_model(channel, settings.targets_for(channel)) in ("erlang_c", "chat"):
                    settings = settings.with_targets(channel, patience_s=patience)
    return settings


def channel_order(channels: Iterable[str]) -> list[str]:
    """Channel ids without repeats, in display order (``kcc.config.CHANNELS`` first)."""
    order = {c: i for i, c in enumerate(config.CHANNELS)}
    return sorted({str(c) for c in channels}, key=lambda c: (order.get(c, len(order)), c))


def channel_model(channel: str, targets: ChannelTargets) -> str:
    """Staffing model of a channel: one of ``MODELS``.

    Deferred channels (e-mail, WhatsApp) and any channel with a response time use the backlog
    model, chat the concurrency model, self-service none, and the rest (phone) Erlang A when a
    patience is known, else Erlang C.
    """
    if channel in UNSTAFFED_CHANNELS:
        return "none"
    if channel in DEFERRED_CHANNELS or targets.response_time_h is not None:
        return "backlog"
    if channel == "chat":
        return "chat"
    return "erlang_a" if targets.patience_s is not None else "erlang_c"


def estimate_patience(history: pd.DataFrame) -> dict[str, float]:
    """Mean patience per live channel (phone, chat) from the history. [s]

    The standard estimator (``kcc.staffing.estimate_patience``): total time waited by all
    queued contacts / number of abandons (exponential patience, maximum likelihood with
    censoring). Deferred and unstaffed channels, and channels without abandons or waiting
    times, are left out (Erlang C).
    """
    out: dict[str, float] = {}
    for channel, rows in history.groupby("channel", sort=False):
        if channel in DEFERRED_CHANNELS or channel in UNSTAFFED_CHANNELS:
            continue
        value = _patience_of(rows)
        if value is not None and math.isfinite(value) and 0 < value <= 86_400:
            out[str(channel)] = float(value)
    return out


def _patience_of(rows: pd.DataFrame) -> float | None:
    estimate = staffing.estimate_patience(rows)
    return float(estimate.patience_s) if estimate.abandoned > 0 else None
