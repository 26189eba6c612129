"""Forecast versus staffing: the interval plan every planning screen reads.

For every channel and interval the plan holds the forecast volume (P50 and the 80% upper
bound), the agents required to meet the channel's targets, the agents scheduled once shrinkage
is added, the agents rostered, the gap between them, the service the roster as it is achieves
(reverse mode), and what it costs. From the plan this module derives the period summaries
(volume-weighted, never plain averages of interval KPIs), the budget bridge (interval
requirement -> weekly FTE -> monthly EUR), the overview tiles, the worst understaffed periods
and the "show the maths" detail of one interval.

The module is pure: no Streamlit, no SQL. The queueing maths comes from ``kcc.queueing`` and
``kcc.staffing`` (requirement, reverse mode, shrinkage, patience estimate, deferred work).

Models per channel
------------------
``erlang_a``
    Phone with a known mean patience: M/M/n+M (callers abandon) [1]_, through
    ``kcc.staffing.staffing_plan`` and ``kcc.staffing.roster_kpis``.
``erlang_c``
    Phone without a patience: M/M/n, nobody abandons [2]_.
``chat``
    Chat sessions with concurrency: session slots are queued like calls (Erlang A with the
    chat patience, else C) and an agent holds ``concurrency`` slots, as in
    ``kcc.staffing.chat_agents_queueing``; written here because that function takes one handle
    time for all intervals and has no reverse mode.
``backlog``
    E-mail and WhatsApp: deferred work answered first-in first-out within a response time
    counted in open hours; the backlog carries across intervals and days. The requirement is
    ``kcc.staffing.deferred_staffing``; the roster's service is a fluid FIFO backlog here.
``none``
    Self-service: no agents.

References
----------
.. [1] Garnett, O., Mandelbaum, A. and Reiman, M. (2002). "Designing a call center with
   impatient customers." Manufacturing & Service Operations Management 4(3), 208-227.
.. [2] Gans, N., Koole, G. and Mandelbaum, A. (2003). "Telephone call centers: tutorial,
   review, and research prospects." Manufacturing & Service Operations Management 5(2), 79-141.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from typing import Any, Final

import numpy as np
import pandas as pd

from kcc import config
from kcc.formatting import csv_text

#: Staffing models a channel can use (see the module docstring).
MODELS: Final[tuple[str, ...]] = ("erlang_a", "erlang_c", "chat", "backlog", "none")

#: Channels answered later (deferred work with a response time).
DEFERRED_CHANNELS: Final[frozenset[str]] = frozenset({"email", "whatsapp"})

#: Channels nobody staffs.
UNSTAFFED_CHANNELS: Final[frozenset[str]] = frozenset({"self_service"})

#: Handle time used when history has none for a channel. [s]
DEFAULT_AHT_S: Final[dict[str, float]] = {
    "phone": 300.0,
    "chat": 600.0,
    "email": 480.0,
    "whatsapp": 360.0,
    "self_service": 0.0,
}

#: Weeks of history the handle-time profile by weekday and time of day is learned from.
AHT_HISTORY_WEEKS: Final[int] = 8

#: Summary frequencies: day, week (starting Monday), month.
FREQS: Final[tuple[str, ...]] = ("D", "W", "M")

#: Columns of the demand frame (``demand_from_forecast``).
DEMAND_COLUMNS: Final[tuple[str, ...]] = (
    "channel",
    "queue",
    "ds",
    "interval_min",
    "volume",
    "volume_hi",
    "aht_s",
)

#: Columns of the plan frame (``build_plan``).
PLAN_COLUMNS: Final[tuple[str, ...]] = (
    "channel",
    "ds",
    "interval_min",
    "model",
    "volume",
    "volume_hi",
    "aht_s",
    "required",
    "required_p90",
    "required_scheduled",
    "required_scheduled_p90",
    "rostered",
    "available",
    "gap",
    "service_level",
    "asa_s",
    "p_abandon",
    "occupancy",
    "cost_required_eur",
    "cost_rostered_eur",
    "approximate",
)

_EPS: Final[float] = 1e-9


class PlanError(ValueError):
    """The inputs of a plan do not fit together; the message says which and how."""


# --------------------------------------------------------------------------- settings


def _check_share(name: str, value: float | None, *, low: float = 0.0, high: float = 1.0,
                 optional: bool = True, open_low: bool = True) -> None:
    if value is None:
        if optional:
            return
        raise ValueError(f"{name} is required (a share between {low} and {high})")
    ok = isinstance(value, (int, float)) and math.isfinite(value)
    ok = ok and (low < value if open_low else low <= value) and value <= high
    if not ok:
        bound = "above" if open_low else "from"
        raise ValueError(f"{name} must be a share {bound} {low:g} up to {high:g}, got {value!r}")


def _check_positive(name: str, value: float | None, high: float, unit: str,
                    optional: bool = True) -> None:
    if value is None:
        if optional:
            return
        raise ValueError(f"{name} is required (above 0 up to {high} {unit})")
    ok = isinstance(value, (int, float)) and math.isfinite(value) and 0 < value <= high
    if not ok:
        raise ValueError(f"{name} must be above 0 and at most {high} {unit}, got {value!r}")


@dataclass(frozen=True)
class ChannelTargets:
    """Service targets and model inputs of one channel.

    Attributes
    ----------
    target_service_level : float
        Share of offered contacts to answer within ``answer_time_s`` (live channels) or
        ``response_time_h`` (deferred channels), above 0 up to 1. [-]
    answer_time_s : float
        Answer-time threshold of the service level of live channels, above 0 up to 3600. [s]
    target_asa_s : float or None
        Optional cap on the mean wait of answered contacts, above 0 up to 3600. [s]
    max_abandon : float or None
        Optional cap on the abandonment share (Erlang A only), above 0 up to 1. [-]
    max_occupancy : float or None
        Optional cap on agent occupancy, above 0 up to 1. [-]
    patience_s : float or None
        Mean patience of waiting callers, above 0 up to 86400; ``None`` means nobody abandons
        (Erlang C). [s]
    concurrency : float
        Chat sessions one agent handles in parallel, 1 up to 10. [sessions]
    response_time_h : float or None
        Deferred work: response-time target counted in open hours, above 0 up to 720; ``None``
        for live channels. [h]

    Raises
    ------
    ValueError
        When a field is outside its range; the message names the field and the range.
    """

    target_service_level: float = 0.8
    answer_time_s: float = 20.0
    target_asa_s: float | None = None
    max_abandon: float | None = None
    max_occupancy: float | None = 0.85
    patience_s: float | None = None
    concurrency: float = 1.0
    response_time_h: float | None = None

    def __post_init__(self) -> None:
        _check_share("target_service_level", self.target_service_level, optional=False)
        _check_positive("answer_time_s", self.answer_time_s, 3600, "s", optional=False)
        _check_positive("target_asa_s", self.target_asa_s, 3600, "s")
        _check_share("max_abandon", self.max_abandon)
        _check_share("max_occupancy", self.max_occupancy)
        _check_positive("patience_s", self.patience_s, 86_400, "s")
        ok = isinstance(self.concurrency, (int, float)) and 1 <= self.concurrency <= 10
        if not ok:
            raise ValueError(
                f"concurrency must be between 1 and 10 sessions per agent, got {self.concurrency!r}"
            )
        _check_positive("response_time_h", self.response_time_h, 720, "h")

    @property
    def response_share(self) -> float:
        """Deferred work: share to answer within ``response_time_h`` (the service level). [-]"""
        return self.target_service_level


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

Pairs = tuple[tuple[str, Any], ...]


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

    targets: Pairs = field(default_factory=lambda: _pairs(DEFAULT_TARGETS, "targets"))
    shrinkage: Pairs = field(default_factory=lambda: _pairs(DEFAULT_SHRINKAGE, "shrinkage"))
    cost_eur_per_hour: Pairs = field(
        default_factory=lambda: _pairs(DEFAULT_COST_EUR_PER_HOUR, "cost_eur_per_hour")
    )
    flex_premium: float = 0.25
    contract_hours_per_week: float = 36.0

    def __post_init__(self) -> None:
        targets = _pairs(self.targets, "targets")
        for channel, value in targets:
            if not isinstance(value, ChannelTargets):
                raise ValueError(f"targets[{channel!r}] must be a ChannelTargets, got {value!r}")
        object.__setattr__(self, "targets", targets)
        shrinkage = _pairs(self.shrinkage, "shrinkage")
        for channel, value in shrinkage:
            ok = isinstance(value, (int, float)) and 0 <= value <= 0.9
            if not ok:
                raise ValueError(
                    f"shrinkage[{channel!r}] must be a share from 0 up to 0.9, got {value!r}"
                )
        object.__setattr__(self, "shrinkage", tuple((c, float(v)) for c, v in shrinkage))
        costs = _pairs(self.cost_eur_per_hour, "cost_eur_per_hour")
        for channel, value in costs:
            ok = isinstance(value, (int, float)) and math.isfinite(value) and 0 <= value <= 1000
            if not ok:
                raise ValueError(
                    f"cost_eur_per_hour[{channel!r}] must be from 0 up to 1000 EUR/h, got {value!r}"
                )
        object.__setattr__(self, "cost_eur_per_hour", tuple((c, float(v)) for c, v in costs))
        ok = isinstance(self.flex_premium, (int, float)) and 0 <= self.flex_premium <= 5
        if not ok:
            raise ValueError(f"flex_premium must be a share from 0 up to 5, got {self.flex_premium!r}")
        _check_positive("contract_hours_per_week", self.contract_hours_per_week, 60, "h/week",
                        optional=False)

    def targets_for(self, channel: str) -> ChannelTargets:
        """Targets of ``channel`` (the default targets when none are set)."""
        found = dict(self.targets).get(channel)
        return found or DEFAULT_TARGETS.get(channel, ChannelTargets())

    def shrinkage_for(self, channel: str) -> float:
        """Shrinkage of ``channel``. [-]"""
        return float(dict(self.shrinkage).get(channel, DEFAULT_SHRINKAGE.get(channel, 0.3)))

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
    ) -> PlanSettings:
        """A copy with some channels' shrinkage or hourly cost changed."""
        new_shrinkage = {**dict(self.shrinkage), **dict(shrinkage or {})}
        new_costs = {**dict(self.cost_eur_per_hour), **dict(cost_eur_per_hour or {})}
        return replace(self, shrinkage=_pairs(new_shrinkage, "shrinkage"),
                       cost_eur_per_hour=_pairs(new_costs, "cost_eur_per_hour"))

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-able form, for ``kcc.store.write_setting`` (see ``settings_from_json``)."""
        return {
            "targets": {c: {f.name: getattr(t, f.name) for f in fields(t)} for c, t in self.targets},
            "shrinkage": dict(self.shrinkage),
            "cost_eur_per_hour": dict(self.cost_eur_per_hour),
            "flex_premium": self.flex_premium,
            "contract_hours_per_week": self.contract_hours_per_week,
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
    for name in ("shrinkage", "cost_eur_per_hour"):
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
                settings = replace(settings, **{name: float(value)})
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
    from kcc import staffing

    estimate = staffing.estimate_patience(rows)
    return float(estimate.patience_s) if estimate.abandoned > 0 else None


# --------------------------------------------------------------------------- demand


def _local_naive(ds: pd.Series) -> pd.Series:
    return ds.dt.tz_localize(None) if ds.dt.tz is not None else ds


def aht_profile(history: pd.DataFrame, weeks: int = AHT_HISTORY_WEEKS) -> pd.DataFrame:
    """Handle time per channel, queue, weekday and time of day from recent history.

    Each cell is weighted by answered contacts (offered when answered is unknown) over the last
    ``weeks`` weeks of each series: ``sum(aht_s * answered) / sum(answered)``.

    Returns
    -------
    pandas.DataFrame
        ``channel, queue, weekday, minute, aht_s`` (``minute`` of the local day).
    """
    columns = ["channel", "queue", "weekday", "minute", "aht_s"]
    if history.empty:
        return pd.DataFrame(columns=columns)
    frame = history[["channel", "queue", "ds", "aht_s", "answered", "offered"]].copy()
    last = frame.groupby(["channel", "queue"])["ds"].transform("max")
    frame = frame[frame["ds"] > last - pd.Timedelta(weeks=weeks)]
    weight = frame["answered"].where(frame["answered"].notna(), frame["offered"]).astype(float)
    ok = frame["aht_s"].notna() & (weight > 0) & np.isfinite(frame["aht_s"].astype(float))
    frame = frame[ok]
    weight = weight[ok]
    local = _local_naive(frame["ds"])
    frame = frame.assign(
        weekday=local.dt.day_of_week.astype("int64"),
        minute=(local.dt.hour * 60 + local.dt.minute).astype("int64"),
        w=weight,
        wa=weight * frame["aht_s"].astype(float),
    )
    out = frame.groupby(["channel", "queue", "weekday", "minute"], as_index=False)[["w", "wa"]].sum()
    out["aht_s"] = out["wa"] / out["w"]
    return out[columns]


def demand_from_forecast(
    history: pd.DataFrame,
    forecasts: pd.DataFrame,
    *,
    level: int = 80,
    aht_weeks: int = AHT_HISTORY_WEEKS,
) -> pd.DataFrame:
    """Demand frame: forecast volume with its upper bound and the expected handle time.

    Parameters
    ----------
    history : pandas.DataFrame
        Volume-contract frame (``kcc.store.read_intervals``) the handle times are learned
        from.
    forecasts : pandas.DataFrame
        ``kcc.forecast.forecast`` output of each series stacked, with ``channel`` and
        ``queue`` columns added: ``channel, queue, ds, yhat, yhat_hi_<level>``.
    level : int, default 80
        Prediction-interval level whose upper bound is ``volume_hi``. [%]
    aht_weeks : int, default 8
        Weeks of history for the handle-time profile. [weeks]

    Returns
    -------
    pandas.DataFrame
        ``channel, queue, ds, interval_min, volume, volume_hi, aht_s``. ``aht_s`` is the
        handle time of the same weekday and time of day, else of the same time of day, else
        the series mean, else ``DEFAULT_AHT_S``.

    Raises
    ------
    PlanError
        When a forecast column is missing.
    """
    hi = f"yhat_hi_{level}"
    missing = [c for c in ("channel", "queue", "ds", "yhat", hi) if c not in forecasts]
    if missing:
        raise PlanError(f"forecast frame lacks column(s): {', '.join(missing)}")
    out = forecasts[["channel", "queue", "ds", "yhat", hi]].rename(
        columns={"yhat": "volume", hi: "volume_hi"}
    )
    out = out.sort_values(["channel", "queue", "ds"]).reset_index(drop=True)
    out["volume"] = out["volume"].astype(float).clip(lower=0.0).fillna(0.0)
    out["volume_hi"] = np.maximum(out["volume_hi"].astype(float).fillna(0.0), out["volume"])
    out["interval_min"] = _interval_min_of(out).astype("int64")
    local = _local_naive(out["ds"])
    out["weekday"] = local.dt.day_of_week.astype("int64")
    out["minute"] = (local.dt.hour * 60 + local.dt.minute).astype("int64")
    profile = aht_profile(history, aht_weeks)
    keys = ["channel", "queue"]
    out = out.merge(profile, on=[*keys, "weekday", "minute"], how="left")
    by_time = profile.groupby([*keys, "minute"], as_index=False)["aht_s"].median()
    out = out.merge(by_time.rename(columns={"aht_s": "aht_time"}), on=[*keys, "minute"], how="left")
    by_series = profile.groupby(keys, as_index=False)["aht_s"].median()
    out = out.merge(by_series.rename(columns={"aht_s": "aht_series"}), on=keys, how="left")
    default = out["channel"].map(DEFAULT_AHT_S).astype(float).fillna(DEFAULT_AHT_S["phone"])
    out["aht_s"] = (
        out["aht_s"].fillna(out["aht_time"]).fillna(out["aht_series"]).fillna(default).astype(float)
    )
    return out[list(DEMAND_COLUMNS)]


#: A series whose history ends more than this many weeks before the plan starts is left out
#: of the plan (forecasting it across the gap would be guesswork). [weeks]
STALE_HISTORY_WEEKS: Final[int] = 8


@dataclass(frozen=True)
class StaleSeries:
    """A series left out of the plan because its history ended long before the plan starts.

    Attributes
    ----------
    channel, queue : str
        The series.
    last_day : datetime.date
        Local date of the series' last history interval.
    """

    channel: str
    queue: str
    last_day: date


@dataclass(frozen=True)
class PlanHorizon:
    """The days a plan covers and the series it plans (``plan_horizon``).

    Attributes
    ----------
    start : datetime.date
        First local day of the plan: the day after the most recent history end of any series.
    end : datetime.date
        Local day after the plan's last day (exclusive).
    forecast_days : tuple of (str, str, int)
        ``(channel, queue, days)`` of every planned series: the days to forecast after the
        series' own history so the forecast reaches ``end``.
    stale : tuple of StaleSeries
        Series left out: history ending more than ``stale_weeks`` weeks before ``start``.
    stale_weeks : int
        The rule's threshold. [weeks]
    """

    start: date
    end: date
    forecast_days: tuple[tuple[str, str, int], ...]
    stale: tuple[StaleSeries, ...]
    stale_weeks: int = STALE_HISTORY_WEEKS

    @property
    def days(self) -> int:
        """Days the plan covers. [d]"""
        return (self.end - self.start).days


def _local_date(value: Any) -> date:
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.date()


def plan_horizon(series: pd.DataFrame, weeks: int, *,
                 stale_weeks: int = STALE_HISTORY_WEEKS) -> PlanHorizon:
    """Which days to plan and which series to plan for them.

    The plan starts the day after the most recent history end across all series and runs
    ``weeks`` weeks. A series whose history ended more than ``stale_weeks`` weeks before that
    start is left out (forecasting it across the gap would be guesswork); every other series is
    forecast from its own history end up to the plan's end.

    Parameters
    ----------
    series : pandas.DataFrame
        One row per series with ``channel, queue, last_ds`` (``kcc.store.series_summary``);
        ``last_ds`` is the start of the series' last interval, local time (tz-aware or naive).
    weeks : int
        Plan length, 1 up to 104. [weeks]
    stale_weeks : int, default ``STALE_HISTORY_WEEKS``
        Largest gap between a series' history end and the plan start that is still planned,
        0 up to 520. [weeks]

    Returns
    -------
    PlanHorizon

    Raises
    ------
    PlanError
        When ``series`` is empty or lacks a column, or ``weeks`` / ``stale_weeks`` is out of
        range.

    Examples
    --------
    A demo queue up to 2026-11-15 and a bank queue ending 2003-10-24, 13 weeks:
    the plan runs 2026-11-16 .. 2027-02-14 and the bank queue is stale.
    """
    missing = [c for c in ("channel", "queue", "last_ds") if c not in series]
    if missing:
        raise PlanError(f"series frame lacks column(s): {', '.join(missing)}")
    if series.empty:
        raise PlanError("no series to plan: import history first")
    if not isinstance(weeks, (int, np.integer)) or not 1 <= weeks <= config.MAX_PLAN_WEEKS:
        raise PlanError(
            f"weeks must be a whole number from 1 up to {config.MAX_PLAN_WEEKS}, got {weeks!r}"
        )
    if not isinstance(stale_weeks, (int, np.integer)) or not 0 <= stale_weeks <= 520:
        raise PlanError(f"stale_weeks must be a whole number from 0 up to 520, got {stale_weeks!r}")
    last_days = [_local_date(v) for v in series["last_ds"]]
    start = max(last_days) + timedelta(days=1)
    end = start + timedelta(weeks=int(weeks))
    oldest_fresh = start - timedelta(weeks=int(stale_weeks))
    order = {c: i for i, c in enumerate(config.CHANNELS)}
    rows = sorted(zip(series["channel"].astype(str), series["queue"].astype(str), last_days,
                      strict=True), key=lambda r: (order.get(r[0], len(order)), r[0], r[1]))
    # the history ends at the close of its last day: the gap runs from the next day
    fresh = [r for r in rows if r[2] + timedelta(days=1) >= oldest_fresh]
    planned = tuple((c, q, (end - last).days - 1) for c, q, last in fresh)
    stale = tuple(StaleSeries(c, q, last) for c, q, last in rows if (c, q, last) not in fresh)
    return PlanHorizon(start, end, planned, stale, int(stale_weeks))


def within_horizon(frame: pd.DataFrame, horizon: PlanHorizon) -> pd.DataFrame:
    """The rows of a frame with a local ``ds`` column that fall on the plan's days.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame with ``ds`` (a demand frame, a forecast).
    horizon : PlanHorizon

    Returns
    -------
    pandas.DataFrame
        The rows with ``horizon.start <= local date of ds < horizon.end``, index reset.
    """
    if frame.empty:
        return frame.reset_index(drop=True)
    day = _local_naive(frame["ds"]).dt.normalize()
    keep = (day >= pd.Timestamp(horizon.start)) & (day < pd.Timestamp(horizon.end))
    return frame[keep].reset_index(drop=True)


def _interval_min_of(frame: pd.DataFrame) -> pd.Series:
    """Interval length per row from the spacing of ``ds`` within each series. [min]"""
    if "interval_min" in frame:
        return frame["interval_min"]
    keys = [c for c in ("channel", "queue") if c in frame]
    step = frame.groupby(keys)["ds"].transform(lambda s: s.diff().dropna().min())
    minutes = (step.dt.total_seconds() / 60).fillna(15.0)
    return minutes.clip(lower=1).round().astype("int64")


# --------------------------------------------------------------------------- roster alignment


def align_roster(demand: pd.DataFrame, roster: pd.DataFrame) -> np.ndarray:
    """Rostered agents for each row of a per-channel demand frame.

    A roster at the same interval length is matched exactly; a finer roster is averaged over
    each demand interval, a coarser one holds its value through the demand intervals it spans.
    Intervals without a roster row have 0 agents.

    Parameters
    ----------
    demand : pandas.DataFrame
        ``channel, ds, interval_min`` (one row per channel and interval).
    roster : pandas.DataFrame
        ``channel, ds, interval_min, agents`` (``kcc.store.read_roster`` or
        ``kcc.roster.expand_shifts``).

    Returns
    -------
    numpy.ndarray
        Agents per demand row. [agents]
    """
    out = np.zeros(len(demand))
    if roster is None or roster.empty or demand.empty:
        return out
    roster = roster[["channel", "ds", "interval_min", "agents"]]
    key_ns = _epoch_s(demand["ds"])
    for channel, rows in roster.groupby("channel", sort=False):
        pick = np.flatnonzero((demand["channel"] == channel).to_numpy())
        if not pick.size:
            continue
        r_s = _epoch_s(rows["ds"])
        order = np.argsort(r_s, kind="stable")
        r_s = r_s[order]
        agents = rows["agents"].to_numpy(float)[order]
        width_r = rows["interval_min"].to_numpy("int64")[order] * 60
        d_s = key_ns[pick]
        width_d = demand["interval_min"].to_numpy("int64")[pick] * 60
        # agent-seconds of the roster inside each demand interval, by cumulative integration
        ends = r_s + width_r
        times = np.concatenate([r_s, ends])
        slope = np.concatenate([agents, -agents])
        srt = np.argsort(times, kind="stable")
        times, slope = times[srt], slope[srt]
        slope_sum = np.concatenate([[0.0], np.cumsum(slope)])
        intercept = np.concatenate([[0.0], np.cumsum(slope * times)])
        covered = (_integral(times, slope_sum, intercept, d_s + width_d)
                   - _integral(times, slope_sum, intercept, d_s))
        out[pick] = covered / width_d
    return out


def _integral(times: np.ndarray, slope_sum: np.ndarray, intercept: np.ndarray,
              t: np.ndarray) -> np.ndarray:
    """Agent-seconds rostered before each ``t`` (piecewise linear, from cumulative sums)."""
    at = np.searchsorted(times, t, side="right")
    return t * slope_sum[at] - intercept[at]


def _epoch_s(ds: pd.Series) -> np.ndarray:
    return ds.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[s]").astype("int64").to_numpy() \
        if ds.dt.tz is not None else ds.astype("datetime64[s]").astype("int64").to_numpy()


# --------------------------------------------------------------------------- models


@dataclass(frozen=True)
class _Kpis:
    service_level: np.ndarray
    asa_s: np.ndarray
    p_abandon: np.ndarray
    occupancy: np.ndarray
    approximate: np.ndarray  # beyond the exact queueing range (kcc.config.MAX_EXACT_AGENTS)


@dataclass(frozen=True)
class _Need:
    agents: np.ndarray
    approximate: np.ndarray


def _single_interval_min(interval_s: np.ndarray) -> int:
    lengths = np.unique(interval_s)
    if len(lengths) > 1:
        raise PlanError(
            f"a channel's demand must use one interval length, got {sorted(lengths / 60)} min"
        )
    return int(round(float(lengths[0]) / 60.0)) if len(lengths) else 15


def _voice_spec(model: str, targets: ChannelTargets, interval_s: np.ndarray) -> Any:
    """``kcc.staffing.StaffingSpec`` of a phone-like queue (shrinkage is applied by the plan)."""
    from kcc import staffing

    erlang_a = model == "erlang_a"
    return staffing.StaffingSpec(
        interval_min=_single_interval_min(interval_s),
        answer_time_s=targets.answer_time_s,
        target_service_level=targets.target_service_level,
        target_asa_s=targets.target_asa_s,
        max_occupancy=targets.max_occupancy,
        max_abandon=targets.max_abandon if erlang_a else None,
        patience_s=targets.patience_s if erlang_a else None,
        shrinkage=0.0,
        cost_eur_per_hour=0.0,
    )


def _require(model: str, targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
             interval_s: np.ndarray, ds: pd.Series, open_mask: np.ndarray) -> _Need:
    """Agents needed per interval (before shrinkage) by the channel's model. [agents]"""
    exact = np.zeros(len(volume), dtype=bool)
    if model == "none" or not len(volume):
        return _Need(np.zeros(len(volume)), exact)
    if model in ("erlang_a", "erlang_c"):
        from kcc import staffing

        frame = pd.DataFrame({"offered": volume, "aht_s": aht_s})
        need = staffing.staffing_plan(frame, _voice_spec(model, targets, interval_s))
        return _Need(need["agents_required"].to_numpy(float),
                     need["approximate"].to_numpy(bool))
    if model == "chat":
        return _chat_required(targets, volume, aht_s, interval_s)
    return _Need(_backlog_required(targets, volume, aht_s, interval_s, ds, open_mask), exact)


def _achieve(model: str, targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
             interval_s: np.ndarray, available: np.ndarray, ds: pd.Series | None,
             open_mask: np.ndarray) -> _Kpis:
    """KPIs the available agents achieve (reverse mode)."""
    n = len(volume)
    if model == "none" or not n:
        nan = np.full(n, np.nan)
        return _Kpis(nan, nan, nan, nan, np.zeros(n, dtype=bool))
    if model in ("erlang_a", "erlang_c"):
        from kcc import staffing

        # roster_kpis answers with floor(agents): a fraction of an agent answers no call
        frame = pd.DataFrame({"ds": np.arange(n), "offered": volume, "aht_s": aht_s,
                              "agents": available})
        m = staffing.roster_kpis(frame, _voice_spec(model, targets, interval_s))
        return _kpis_from_metrics(m, volume)
    if model == "chat":
        return _chat_achieved(targets, volume, aht_s, interval_s, available)
    return _backlog_achieved(targets, volume, aht_s, interval_s, available, open_mask)


def _field(m: Any, name: str) -> np.ndarray:
    value = m[name] if isinstance(m, (pd.DataFrame, Mapping)) else getattr(m, name)
    return np.asarray(value, dtype=float)


def _kpis_from_metrics(m: Any, volume: np.ndarray) -> _Kpis:
    busy = volume > 0
    sl = np.where(busy, _field(m, "service_level"), np.nan)
    asa = np.where(busy, _field(m, "asa_s"), np.nan)
    abandon = np.where(busy, np.nan_to_num(_field(m, "p_abandon"), nan=0.0), np.nan)
    occ = np.nan_to_num(_field(m, "occupancy"), nan=0.0)
    return _Kpis(sl, asa, abandon, occ, np.asarray(_field(m, "approximate"), dtype=bool))


def _chat_required(targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
                   interval_s: np.ndarray) -> _Need:
    """Chat agents: session slots by Erlang C/A, an agent holding ``concurrency`` slots."""
    from kcc.queueing import required_staffing

    slots = required_staffing(
        volume, interval_s, aht_s, targets.answer_time_s,
        target_service_level=targets.target_service_level, target_asa_s=targets.target_asa_s,
        max_occupancy=targets.max_occupancy, patience_s=targets.patience_s,
    )
    return _Need(np.ceil(slots.agents / targets.concurrency - _EPS), slots.approximate)


def _chat_achieved(targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
                   interval_s: np.ndarray, available: np.ndarray) -> _Kpis:
    from kcc.queueing import queue_metrics

    slots = np.floor(available * targets.concurrency + _EPS)
    m = queue_metrics(volume, interval_s, aht_s, slots, targets.answer_time_s,
                      patience_s=targets.patience_s)
    return _kpis_from_metrics(m, volume)


def _open_index(open_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Open intervals, and for every interval the open interval its arrivals queue for."""
    open_idx = np.flatnonzero(open_mask)
    # arrivals in a closed interval wait for the next open one
    target = np.searchsorted(open_idx, np.arange(len(open_mask)), side="left")
    return open_idx, target


def _response_intervals(targets: ChannelTargets, interval_s: np.ndarray) -> int:
    step = float(np.median(interval_s)) if len(interval_s) else 900.0
    return max(1, int(math.ceil(float(targets.response_time_h or 1.0) * 3600.0 / step - _EPS)))


def _reference_aht_s(volume: np.ndarray, aht_s: np.ndarray) -> float:
    ok = (volume > 0) & np.isfinite(aht_s) & (aht_s > 0)
    return float((volume[ok] * aht_s[ok]).sum() / volume[ok].sum()) if ok.any() else 300.0


def _backlog_required(targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
                      interval_s: np.ndarray, ds: pd.Series, open_mask: np.ndarray) -> np.ndarray:
    """Deferred work: ``kcc.staffing.deferred_staffing``, the fewest whole agents per open
    interval that answer the target share within the response time (open hours), FIFO.

    That model takes one handle time, so the work is counted in items of the channel's
    volume-weighted handle time (an interval with a longer handle time brings more work).
    """
    from kcc import staffing

    n = len(volume)
    if not open_mask.any() or volume.sum() <= 0:
        return np.zeros(n)
    reference_s = _reference_aht_s(volume, aht_s)
    items = volume * np.where(np.isfinite(aht_s) & (aht_s > 0), aht_s, reference_s) / reference_s
    spec = staffing.DeferredSpec(
        handle_time_s=reference_s,
        target_share=targets.target_service_level,
        target_open_hours=float(targets.response_time_h or 8.0),
    )
    work = pd.DataFrame({"ds": np.arange(n), "arrivals": items, "open": open_mask})
    result = staffing.deferred_staffing(work, spec, _single_interval_min(interval_s))
    return result.intervals["agents"].to_numpy(float)


def _backlog_achieved(targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
                      interval_s: np.ndarray, available: np.ndarray,
                      open_mask: np.ndarray) -> _Kpis:
    """Reverse mode of deferred work: a fluid first-in first-out backlog of work worked by the
    available agents in open intervals (``kcc.staffing`` has no reverse mode for it).

    ``service_level`` is the share of each interval's work finished within the response time
    (counted in open intervals; NaN when that deadline lies after the plan and the work is
    not done), ``asa_s`` the mean response time of its middle contact in open time [s] (NaN
    when unfinished at the plan's end), ``occupancy`` the share of available capacity used.
    """
    n = len(volume)
    sl = np.full(n, np.nan)
    resp = np.full(n, np.nan)
    occ = np.zeros(n)
    open_idx, target = _open_index(open_mask)
    exact = np.zeros(n, dtype=bool)
    if not open_idx.size:
        return _Kpis(sl, resp, np.where(volume > 0, 0.0, np.nan), occ, exact)
    m = open_idx.size
    work = volume * np.where(np.isfinite(aht_s) & (aht_s > 0), aht_s, 0.0)
    arrive = np.zeros(m + 1)
    np.add.at(arrive, np.minimum(target, m), work)
    arrive = arrive[:m]  # work after the last open interval falls outside the plan
    capacity = available[open_idx] * interval_s[open_idx]  # agent-seconds per interval
    # Lindley recursion in closed form: backlog_k = S_k - min(0, min_{j<=k} S_j)
    s_cum = np.cumsum(arrive - capacity)
    backlog = s_cum - np.minimum(0.0, np.minimum.accumulate(s_cum))
    cum_arr = np.cumsum(arrive)
    done = cum_arr - backlog  # work finished by the end of open interval k
    r = _response_intervals(targets, interval_s)
    before = cum_arr - arrive
    late_end = np.minimum(np.arange(m) + r - 1, m - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.clip((done[late_end] - before) / arrive, 0.0, 1.0)
        # a deadline after the plan's end is unknown unless the cohort is already done
        censored = (np.arange(m) + r - 1 > m - 1) & (done[m - 1] < cum_arr - 1e-6)
        share = np.where(censored, np.nan, share)
        # the middle of each cohort is finished when ``done`` passes it
        middle = before + arrive / 2.0
        finish = np.searchsorted(done, middle - 1e-6, side="left").astype(float)
        width = interval_s[open_idx]
        wait_s = np.where(finish < m, (finish - np.arange(m) + 0.5) * width, np.nan)
        used = np.minimum(capacity, arrive + np.concatenate([[0.0], backlog[:-1]]))
        occ_open = np.where(capacity > 0, used / capacity, 0.0)
    busy = arrive > 0
    per_sl = np.where(busy, share, np.nan)
    per_wait = np.where(busy, wait_s, np.nan)
    # each interval's contacts are reported on the interval they arrived in
    at = np.minimum(target, m - 1)
    sl = np.where(volume > 0, per_sl[at], np.nan)
    resp = np.where(volume > 0, per_wait[at], np.nan)
    occ[open_idx] = occ_open
    return _Kpis(sl, resp, np.where(volume > 0, 0.0, np.nan), occ, exact)


# --------------------------------------------------------------------------- the plan


def _per_channel_demand(demand: pd.DataFrame) -> pd.DataFrame:
    """Sum the queues of each channel; handle time weighted by volume."""
    missing = [c for c in ("channel", "ds", "volume", "aht_s") if c not in demand]
    if missing:
        raise PlanError(f"demand frame lacks column(s): {', '.join(missing)}")
    frame = demand.copy()
    if "volume_hi" not in frame:
        frame["volume_hi"] = frame["volume"]
    if "interval_min" not in frame:
        frame["interval_min"] = _interval_min_of(frame)
    frame["w"] = frame["volume"].astype(float).clip(lower=0) + _EPS
    frame["wa"] = frame["w"] * frame["aht_s"].astype(float)
    out = frame.groupby(["channel", "ds"], as_index=False, sort=True).agg(
        interval_min=("interval_min", "max"),
        volume=("volume", "sum"),
        volume_hi=("volume_hi", "sum"),
        w=("w", "sum"),
        wa=("wa", "sum"),
    )
    out["aht_s"] = out["wa"] / out["w"]
    out["interval_min"] = out["interval_min"].astype("int64")
    return out.drop(columns=["w", "wa"])


def _scheduled(required: np.ndarray, shrinkage: float) -> np.ndarray:
    """Agents to schedule so that ``required`` remain after shrinkage: ceil(n / (1 - s))."""
    from kcc import staffing

    return staffing.scheduled_agents(np.clip(required, 0.0, None), shrinkage).astype(float)


def build_plan(
    demand: pd.DataFrame,
    roster: pd.DataFrame | None,
    settings: PlanSettings,
    *,
    open_hours: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """The interval plan: requirement, roster, gap, achieved KPIs and cost per channel.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame (``demand_from_forecast``): ``channel, ds, volume, aht_s`` and optionally
        ``queue, interval_min, volume_hi``. Queues of a channel are added up.
    roster : pandas.DataFrame or None
        ``channel, ds, interval_min, agents``; aligned to the demand intervals
        (``align_roster``).
    settings : PlanSettings
        Targets, shrinkage, cost per channel.
    open_hours : mapping, optional
        Per channel the hours deferred work is picked up (``service_hours``): weekday
        ``"0"`` (Monday) .. ``"6"`` -> ``[open, close]`` local ``"HH:MM"`` or None (closed).
        The backlog model works, and counts its response time, only in those hours. Channels
        without an entry are open wherever the forecast has volume.

    Returns
    -------
    pandas.DataFrame
        ``PLAN_COLUMNS``, one row per channel and interval, sorted by channel and ``ds``:

        - ``required`` / ``required_p90``: agents needed for the P50 / the 80% upper bound of
          the forecast, before shrinkage [agents];
        - ``required_scheduled`` / ``required_scheduled_p90``: ``ceil(required / (1 -
          shrinkage))`` [agents];
        - ``rostered``: agents on the roster; ``available = rostered * (1 - shrinkage)``
          [agents];
        - ``gap = rostered - required_scheduled``; negative means short [agents];
        - ``service_level, asa_s, p_abandon, occupancy``: achieved with the roster as it is
          (NaN where there is no volume; ``service_level`` and ``asa_s`` of the backlog model
          are measured against the response time);
        - ``cost_required_eur`` / ``cost_rostered_eur``: agent hours x loaded cost [EUR];
        - ``approximate``: the queueing maths left its exact range in this interval (a load
          or staffing above ``kcc.config.MAX_EXACT_AGENTS``): the numbers are finite and
          monotone but approximate.

    Raises
    ------
    PlanError
        When the demand frame lacks a column.
    """
    per = _per_channel_demand(demand)
    per["rostered"] = align_roster(per, roster) if roster is not None else 0.0
    is_open = _open_mask(per, open_hours or {})
    n = len(per)
    cols: dict[str, np.ndarray] = {
        name: np.full(n, np.nan)
        for name in ("required", "required_p90", "required_scheduled", "required_scheduled_p90",
                     "available", "service_level", "asa_s", "p_abandon", "occupancy")
    }
    model_col = np.empty(n, dtype=object)
    approx_col = np.zeros(n, dtype=bool)
    for channel, index in per.groupby("channel", sort=False).indices.items():
        rows = per.iloc[index]
        targets = settings.targets_for(channel)
        model = channel_model(channel, targets)
        shrink = settings.shrinkage_for(channel) if model != "none" else 0.0
        volume = rows["volume"].to_numpy(float)
        volume_hi = rows["volume_hi"].to_numpy(float)
        aht = rows["aht_s"].to_numpy(float)
        interval_s = rows["interval_min"].to_numpy(float) * 60.0
        ds = rows["ds"]
        mask = is_open[index]
        need_p50 = _require(model, targets, volume, aht, interval_s, ds, mask)
        need_p90 = _require(model, targets, volume_hi, aht, interval_s, ds, mask)
        need = need_p50.agents
        need_hi = np.maximum(need_p90.agents, need)
        rostered = rows["rostered"].to_numpy(float)
        available = rostered * (1.0 - shrink)
        kpis = _achieve(model, targets, volume, aht, interval_s, available, ds, mask)
        cols["required"][index] = need
        cols["required_p90"][index] = need_hi
        cols["required_scheduled"][index] = _scheduled(need, shrink)
        cols["required_scheduled_p90"][index] = _scheduled(need_hi, shrink)
        cols["available"][index] = available
        cols["service_level"][index] = kpis.service_level
        cols["asa_s"][index] = kpis.asa_s
        cols["p_abandon"][index] = kpis.p_abandon
        cols["occupancy"][index] = kpis.occupancy
        model_col[index] = model
        approx_col[index] = need_p50.approximate | need_p90.approximate | kpis.approximate
    out = per.assign(model=model_col, approximate=approx_col, **cols)
    out["gap"] = out["rostered"] - out["required_scheduled"]
    out = with_costs(out, settings)
    return out[list(PLAN_COLUMNS)].reset_index(drop=True)


def with_costs(plan: pd.DataFrame, settings: PlanSettings) -> pd.DataFrame:
    """The plan priced with ``settings``' hourly costs (a copy; nothing else changes).

    ``cost_required_eur = required_scheduled x hours x cost`` and ``cost_rostered_eur =
    rostered x hours x cost`` per interval [EUR]. Costs do not change the queueing maths, so a
    cached plan can be re-priced without staffing it again. ``attrs["settings"]`` is set to
    ``settings``.
    """
    out = plan.copy()
    hours = out["interval_min"].to_numpy(float) / 60.0
    rates = {c: settings.cost_for(c) for c in pd.unique(out["channel"])}
    rate = out["channel"].map(rates).to_numpy(float) if len(out) else np.zeros(0)
    out["cost_required_eur"] = out["required_scheduled"].to_numpy(float) * hours * rate
    out["cost_rostered_eur"] = out["rostered"].to_numpy(float) * hours * rate
    out.attrs["settings"] = settings
    return out


def service_hours(con_settings: Mapping[str, Any]) -> dict[str, Any]:
    """Hours each channel works its contacts, from the stored settings.

    ``working_hours`` (when deferred work is picked up, e.g. e-mail in office hours) wins over
    ``opening_hours`` (when contacts are accepted). Each is channel -> weekday ``"0"`` ..
    ``"6"`` -> ``[open, close]`` or None.
    """
    out: dict[str, Any] = {}
    for key in ("opening_hours", "working_hours"):
        value = con_settings.get(key)
        if isinstance(value, Mapping):
            out.update({str(c): v for c, v in value.items() if isinstance(v, Mapping)})
    return out


def _minute_of(text: str) -> int:
    hour, minute = str(text).split(":")[:2]
    return int(hour) * 60 + int(minute)


def _open_mask(per: pd.DataFrame, open_hours: Mapping[str, Any]) -> np.ndarray:
    """Whether each channel row is inside its service hours (see ``build_plan``)."""
    has_volume = (per["volume"].to_numpy(float) > 0) | (per["volume_hi"].to_numpy(float) > 0)
    mask = has_volume.copy()
    if per.empty:
        return mask
    local = _local_naive(per["ds"])
    weekday = local.dt.day_of_week.to_numpy()
    minute = (local.dt.hour * 60 + local.dt.minute).to_numpy()
    channels = per["channel"].to_numpy()
    for channel, week in open_hours.items():
        pick = channels == channel
        if not pick.any():
            continue
        inside = np.zeros(len(per), dtype=bool)
        for day in range(7):
            hours = week.get(str(day)) if isinstance(week, Mapping) else None
            if not hours:
                continue
            start, end = _minute_of(hours[0]), _minute_of(hours[1])
            inside |= (weekday == day) & (minute >= start) & (minute < end)
        mask[pick] = inside[pick]
    return mask


# --------------------------------------------------------------------------- summaries


def period_start(ds: pd.Series, freq: str) -> pd.Series:
    """Local start date of the day, week (Monday) or month holding each timestamp.

    Parameters
    ----------
    ds : pandas.Series
        tz-aware interval starts.
    freq : {"D", "W", "M"}
        Period.

    Returns
    -------
    pandas.Series
        Naive midnight timestamps of the period's first local day.
    """
    if freq not in FREQS:
        raise PlanError(f"freq must be one of {', '.join(FREQS)}, got {freq!r}")
    day = _local_naive(ds).dt.normalize()
    if freq == "D":
        return day
    if freq == "W":
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    return day.dt.to_period("M").dt.start_time


def _with_weights(plan: pd.DataFrame) -> pd.DataFrame:
    """Sums that period KPIs are built from (volume-weighted, never plain averages)."""
    hours = plan["interval_min"].to_numpy(float) / 60.0
    volume = plan["volume"].to_numpy(float)
    sl = plan["service_level"].to_numpy(float)
    asa = plan["asa_s"].to_numpy(float)
    abandon = plan["p_abandon"].to_numpy(float)
    kpi = np.isfinite(sl) & (volume > 0)
    answered = np.where(kpi, volume * (1.0 - np.nan_to_num(abandon)), 0.0)
    # an unknown wait (NaN) drops out; an unstable queue's infinite wait stays infinite
    answered = np.where(np.isnan(asa), 0.0, answered)
    gap = plan["gap"].to_numpy(float)
    with np.errstate(invalid="ignore"):
        asa_w = np.where(answered > 0, asa * answered, 0.0)
    return pd.DataFrame(
        {
            "volume": volume,
            "volume_hi": plan["volume_hi"].to_numpy(float),
            "required_agent_hours": plan["required_scheduled"].to_numpy(float) * hours,
            "required_p90_agent_hours": plan["required_scheduled_p90"].to_numpy(float) * hours,
            "rostered_agent_hours": plan["rostered"].to_numpy(float) * hours,
            "short_agent_hours": np.clip(-gap, 0, None) * hours,
            "over_agent_hours": np.clip(gap, 0, None) * hours,
            "cost_required_eur": plan["cost_required_eur"].to_numpy(float),
            "cost_rostered_eur": plan["cost_rostered_eur"].to_numpy(float),
            "_kpi_volume": np.where(kpi, volume, 0.0),
            "_sl_w": np.where(kpi, sl * volume, 0.0),
            "_abandon_w": np.where(kpi, np.nan_to_num(abandon) * volume, 0.0),
            "_answered": answered,
            "_asa_w": asa_w,
            "_avail_h": plan["available"].to_numpy(float) * hours,
            "_busy_h": np.nan_to_num(plan["occupancy"].to_numpy(float))
            * plan["available"].to_numpy(float) * hours,
        },
        index=plan.index,
    )


def _finish_kpis(sums: pd.DataFrame) -> pd.DataFrame:
    with np.errstate(invalid="ignore", divide="ignore"):
        sums["service_level"] = np.where(sums["_kpi_volume"] > 0,
                                         sums["_sl_w"] / sums["_kpi_volume"], np.nan)
        sums["p_abandon"] = np.where(sums["_kpi_volume"] > 0,
                                     sums["_abandon_w"] / sums["_kpi_volume"], np.nan)
        sums["asa_s"] = np.where(sums["_answered"] > 0, sums["_asa_w"] / sums["_answered"], np.nan)
        sums["occupancy"] = np.where(sums["_avail_h"] > 0, sums["_busy_h"] / sums["_avail_h"],
                                     np.nan)
    return sums.drop(columns=[c for c in sums.columns if c.startswith("_")])


def summarise(plan: pd.DataFrame, freq: str = "D") -> pd.DataFrame:
    """The plan per day, week or month and channel, KPIs weighted by volume.

    ``service_level`` and ``p_abandon`` are weighted by offered volume, ``asa_s`` by answered
    volume and ``occupancy`` by available agent hours — the share of all contacts of the
    period, not the mean of interval shares (a quiet interval at 100% and a peak at 50% are not
    75%).

    Parameters
    ----------
    plan : pandas.DataFrame
        ``build_plan`` output.
    freq : {"D", "W", "M"}
        Day, week (Monday to Sunday, local dates) or calendar month.

    Returns
    -------
    pandas.DataFrame
        ``channel, period, days, volume, volume_hi, required_agent_hours,
        required_p90_agent_hours, rostered_agent_hours, short_agent_hours, over_agent_hours,
        cost_required_eur, cost_rostered_eur, service_level, p_abandon, asa_s, occupancy``;
        ``period`` is the naive local start date, ``days`` the days of the plan inside it.
    """
    if plan.empty:
        return pd.DataFrame(columns=["channel", "period", "days"])
    sums = _with_weights(plan)
    sums["channel"] = plan["channel"].to_numpy()
    sums["period"] = period_start(plan["ds"], freq).to_numpy()
    sums["_day"] = _local_naive(plan["ds"]).dt.normalize().to_numpy()
    grouped = sums.groupby(["channel", "period"], sort=False)
    out = grouped.sum(numeric_only=True)
    out.insert(0, "days", grouped["_day"].nunique())
    out = _finish_kpis(out.drop(columns=[c for c in out.columns if c == "_day"]))
    out = out.reset_index()
    order = {c: i for i, c in enumerate(config.CHANNELS)}
    out["_o"] = out["channel"].map(order).fillna(len(order))
    return out.sort_values(["_o", "period"]).drop(columns="_o").reset_index(drop=True)


def total(plan: pd.DataFrame, *, staffed_only: bool = True) -> pd.Series:
    """One volume-weighted summary over all rows of ``plan`` (all channels together).

    With several channels the service level is the share of all contacts answered within their
    own channel's target time. ``staffed_only`` leaves unstaffed channels (self-service) out.
    """
    rows = plan[plan["model"] != "none"] if staffed_only else plan
    sums = _with_weights(rows).sum(numeric_only=True).to_frame().T
    return _finish_kpis(sums).iloc[0]


# --------------------------------------------------------------------------- budget


@dataclass(frozen=True)
class BudgetBridge:
    """Interval requirement -> weekly FTE -> monthly EUR, required against rostered.

    Attributes
    ----------
    weekly : pandas.DataFrame
        ``channel, week, days, required_agent_hours, required_p90_agent_hours,
        rostered_agent_hours, required_fte, required_p90_fte, rostered_fte, fte_gap``
        (rostered - required; negative = short). FTE of a partial week are scaled to its days.
    monthly : pandas.DataFrame
        ``channel, month, days, required_agent_hours, rostered_agent_hours,
        short_agent_hours, over_agent_hours, required_fte, rostered_fte, cost_required_eur,
        cost_rostered_eur, cost_flex_eur`` (the short hours bought as flex at the premium),
        ``cost_over_eur`` (rostered hours beyond the requirement) and ``cost_total_eur``
        (rostered + flex).
    contract_hours_per_week : float
        Paid hours of one FTE used. [h/week]
    """

    weekly: pd.DataFrame
    monthly: pd.DataFrame
    contract_hours_per_week: float

    def to_frame(self) -> pd.DataFrame:
        """Both tables stacked in one long frame (for a CSV download)."""
        weekly = self.weekly.rename(columns={"week": "period"}).assign(table="weekly_fte")
        monthly = self.monthly.rename(columns={"month": "period"}).assign(table="monthly_eur")
        out = pd.concat([weekly, monthly], ignore_index=True)
        return out[["table", *[c for c in out.columns if c != "table"]]]

    def to_csv(self) -> str:
        """``to_frame`` as CSV; a text cell that starts like a formula gets a quote
        (``kcc.formatting.csv_text``), so a spreadsheet opens it as text."""
        return self.to_frame().map(csv_text).to_csv(index=False)

    def to_xlsx(self) -> bytes:
        """Both tables as an Excel workbook (sheets ``weekly_fte`` and ``monthly_eur``)."""
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            for name, frame in (("weekly_fte", self.weekly), ("monthly_eur", self.monthly)):
                out = frame.copy()
                for column in ("week", "month"):
                    if column in out:
                        out[column] = pd.to_datetime(out[column]).dt.date
                out.to_excel(writer, sheet_name=name, index=False)
                for row in writer.sheets[name].iter_rows():
                    for cell in row:
                        if cell.data_type == "f":  # this workbook has no formulas: text stays text
                            cell.data_type = "s"
        return buffer.getvalue()


def budget_bridge(plan: pd.DataFrame, settings: PlanSettings) -> BudgetBridge:
    """Weekly FTE and monthly cost of the requirement against the roster.

    ``FTE = agent hours / (contract hours per week x days / 7)``; cost is agent hours x the
    channel's loaded hourly cost, and short hours covered by flex cost ``(1 + flex_premium)``
    times that. Costs are recomputed from hours and ``settings`` (not read from the plan), so
    editing a cost or the contract hours needs no new plan.

    Parameters
    ----------
    plan : pandas.DataFrame
        ``build_plan`` output.
    settings : PlanSettings
        Contract hours, hourly cost per channel, flex premium.

    Returns
    -------
    BudgetBridge
    """
    staffed = plan[plan["model"] != "none"]
    hours_per_week = settings.contract_hours_per_week
    weekly = summarise(staffed, "W").rename(columns={"period": "week"})
    monthly = summarise(staffed, "M").rename(columns={"period": "month"})
    for frame in (weekly, monthly):
        if frame.empty:
            continue
        fte_hours = hours_per_week * frame["days"].astype(float) / 7.0
        frame["required_fte"] = frame["required_agent_hours"] / fte_hours
        frame["required_p90_fte"] = frame["required_p90_agent_hours"] / fte_hours
        frame["rostered_fte"] = frame["rostered_agent_hours"] / fte_hours
        frame["fte_gap"] = frame["rostered_fte"] - frame["required_fte"]
    if not monthly.empty:
        rate = monthly["channel"].map(settings.cost_for).astype(float)
        monthly["cost_eur_per_hour"] = rate
        monthly["cost_required_eur"] = monthly["required_agent_hours"] * rate
        monthly["cost_rostered_eur"] = monthly["rostered_agent_hours"] * rate
        monthly["cost_flex_eur"] = monthly["short_agent_hours"] * rate * (1 + settings.flex_premium)
        monthly["cost_over_eur"] = monthly["over_agent_hours"] * rate
        monthly["cost_total_eur"] = monthly["cost_rostered_eur"] + monthly["cost_flex_eur"]
    week_cols = ["channel", "week", "days", "required_agent_hours", "required_p90_agent_hours",
                 "rostered_agent_hours", "required_fte", "required_p90_fte", "rostered_fte",
                 "fte_gap"]
    month_cols = ["channel", "month", "days", "required_agent_hours", "rostered_agent_hours",
                  "short_agent_hours", "over_agent_hours", "required_fte", "rostered_fte",
                  "cost_eur_per_hour", "cost_required_eur", "cost_rostered_eur", "cost_flex_eur",
                  "cost_over_eur", "cost_total_eur"]
    weekly = weekly.reindex(columns=week_cols)
    monthly = monthly.reindex(columns=month_cols)
    return BudgetBridge(weekly.reset_index(drop=True), monthly.reset_index(drop=True),
                        float(hours_per_week))


# --------------------------------------------------------------------------- overview


#: Tile periods: the coming week (7 days) and the coming month (one calendar month of days).
TILE_PERIODS: Final[tuple[str, ...]] = ("week", "month")


def overview_tiles(
    plan: pd.DataFrame, settings: PlanSettings, start: pd.Timestamp | None = None
) -> pd.DataFrame:
    """Numbers for the home page: the coming week and month, per channel and in total.

    Parameters
    ----------
    plan : pandas.DataFrame
        ``build_plan`` output.
    settings : PlanSettings
        For the contract hours of an FTE.
    start : pandas.Timestamp, optional
        First local day of the coming week; default the plan's first day.

    Returns
    -------
    pandas.DataFrame
        ``period`` ("week" / "month"), ``channel`` (a channel id or ``"all"``), ``start``,
        ``end`` (exclusive, naive local dates), ``days``, ``contacts``, ``required_fte``,
        ``rostered_fte``, ``service_level``, ``p_abandon``, ``cost_required_eur``,
        ``cost_rostered_eur``. ``"all"`` leaves self-service out of the FTE and KPIs but counts
        its contacts.
    """
    columns = ["period", "channel", "start", "end", "days", "contacts", "required_fte",
               "rostered_fte", "service_level", "p_abandon", "cost_required_eur",
               "cost_rostered_eur"]
    if plan.empty:
        return pd.DataFrame(columns=columns)
    local_day = _local_naive(plan["ds"]).dt.normalize()
    first = pd.Timestamp(start).normalize() if start is not None else local_day.min()
    if first.tzinfo is not None:
        first = first.tz_localize(None)
    rows = []
    for period in TILE_PERIODS:
        end = first + (pd.Timedelta(days=7) if period == "week" else pd.DateOffset(months=1))
        part = plan[(local_day >= first) & (local_day < end)]
        days = int(_local_naive(part["ds"]).dt.normalize().nunique()) if len(part) else 0
        fte_hours = settings.contract_hours_per_week * max(days, 1) / 7.0
        groups = [("all", part)] + [(c, g) for c, g in part.groupby("channel", sort=False)]
        for channel, rows_ in groups:
            staffed = rows_[rows_["model"] != "none"]
            tot = total(staffed, staffed_only=True) if len(staffed) else None
            rows.append({
                "period": period,
                "channel": channel,
                "start": first,
                "end": pd.Timestamp(end),
                "days": days,
                "contacts": float(rows_["volume"].sum()),
                "required_fte": float(tot["required_agent_hours"] / fte_hours) if tot is not None else 0.0,
                "rostered_fte": float(tot["rostered_agent_hours"] / fte_hours) if tot is not None else 0.0,
                "service_level": float(tot["service_level"]) if tot is not None else np.nan,
                "p_abandon": float(tot["p_abandon"]) if tot is not None else np.nan,
                "cost_required_eur": float(rows_["cost_required_eur"].sum()),
                "cost_rostered_eur": float(rows_["cost_rostered_eur"].sum()),
            })
    return pd.DataFrame(rows, columns=columns)


def worst_gaps(plan: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` worst understaffed periods: runs of consecutive short intervals per channel.

    A period is a run of consecutive intervals of one channel where the roster is below the
    scheduled requirement (``gap < 0``); runs are ranked by their shortfall in agent hours.

    Returns
    -------
    pandas.DataFrame
        ``channel, start, end`` (tz-aware, ``end`` exclusive), ``intervals``,
        ``short_agent_hours``, ``max_short_agents``, ``volume``, ``service_level``
        (volume-weighted, achieved), sorted worst first.
    """
    columns = ["channel", "start", "end", "intervals", "short_agent_hours", "max_short_agents",
               "volume", "service_level"]
    if plan.empty:
        return pd.DataFrame(columns=columns)
    frame = plan.sort_values(["channel", "ds"]).reset_index(drop=True)
    short = (frame["gap"].to_numpy(float) < -_EPS) & (frame["model"] != "none").to_numpy()
    step = pd.to_timedelta(frame["interval_min"], unit="min")
    contiguous = (frame["channel"] == frame["channel"].shift()) & (
        frame["ds"] == (frame["ds"] + step).shift()
    )
    new_run = short & ~(contiguous.to_numpy() & np.roll(short, 1))
    run_id = np.cumsum(new_run)
    frame = frame[short].assign(_run=run_id[short])
    if frame.empty:
        return pd.DataFrame(columns=columns)
    hours = frame["interval_min"] / 60.0
    frame = frame.assign(
        _short_h=-frame["gap"] * hours,
        _short=-frame["gap"],
        _end=frame["ds"] + pd.to_timedelta(frame["interval_min"], unit="min"),
        _kv=np.where(frame["service_level"].notna(), frame["volume"], 0.0),
        _slw=np.where(frame["service_level"].notna(), frame["service_level"] * frame["volume"], 0.0),
    )
    runs = frame.groupby("_run").agg(
        channel=("channel", "first"),
        start=("ds", "min"),
        end=("_end", "max"),
        intervals=("ds", "size"),
        short_agent_hours=("_short_h", "sum"),
        max_short_agents=("_short", "max"),
        volume=("volume", "sum"),
        _kv=("_kv", "sum"),
        _slw=("_slw", "sum"),
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        runs["service_level"] = np.where(runs["_kv"] > 0, runs["_slw"] / runs["_kv"], np.nan)
    runs = runs.sort_values(["short_agent_hours", "start"], ascending=[False, True]).head(n)
    return runs[columns].reset_index(drop=True)


def gap_heatmap(plan: pd.DataFrame, channel: str) -> pd.DataFrame:
    """Mean gap per weekday and local time of day for one channel. [agents]

    Returns
    -------
    pandas.DataFrame
        Index ``weekday`` (0 = Monday .. 6), columns ``"HH:MM"`` times of day, values the
        mean of ``gap`` over the plan's days with that weekday (negative = short).
    """
    rows = plan[plan["channel"] == channel]
    if rows.empty:
        return pd.DataFrame()
    local = _local_naive(rows["ds"])
    frame = pd.DataFrame({"weekday": local.dt.day_of_week.to_numpy(),
                          "time": local.dt.strftime("%H:%M").to_numpy(),
                          "gap": rows["gap"].to_numpy(float)})
    table = frame.pivot_table(index="weekday", columns="time", values="gap", aggfunc="mean")
    return table.reindex(index=range(7))


# --------------------------------------------------------------------------- one interval


@dataclass(frozen=True)
class IntervalDetail:
    """Everything behind one interval's numbers ("show the maths").

    Attributes
    ----------
    channel : str
        Channel id.
    ds : pandas.Timestamp
        Interval start (tz-aware local time).
    model : str
        One of ``MODELS``.
    inputs : pandas.DataFrame
        ``name, value, unit``: volume, handle time, interval, targets and model inputs.
    required : float
        Agents needed before shrinkage. [agents]
    required_p90 : float
        Agents needed for the 80% upper forecast bound. [agents]
    shrinkage : float
        Share of paid time not on contacts. [-]
    required_scheduled : float
        ``ceil(required / (1 - shrinkage))``. [agents]
    rostered : float
        Agents on the roster. [agents]
    available : float
        ``rostered * (1 - shrinkage)``. [agents]
    gap : float
        ``rostered - required_scheduled``. [agents]
    binding : tuple of str
        The targets one agent fewer would miss (``target_service_level``, ``target_asa_s``,
        ``max_abandon``, ``max_occupancy``): why not one fewer. Empty when none is needed.
    achieved : pandas.DataFrame
        ``kpi, value, target``: service level, ASA, abandonment, occupancy with the roster.
    curve : pandas.DataFrame
        ``agents, service_level, asa_s, p_abandon, occupancy, meets_targets`` around the
        requirement: why this number of agents and not one fewer. For the backlog model
        ``service_level`` is the channel's on-time share over the plan with every other
        interval at its requirement (the target is a share of the period).
    """

    channel: str
    ds: pd.Timestamp
    model: str
    inputs: pd.DataFrame
    required: float
    required_p90: float
    shrinkage: float
    required_scheduled: float
    rostered: float
    available: float
    gap: float
    binding: tuple[str, ...]
    achieved: pd.DataFrame
    curve: pd.DataFrame


def _target_checks(model: str, targets: ChannelTargets, sl: np.ndarray, asa: np.ndarray,
                   abandon: np.ndarray, occupancy: np.ndarray) -> dict[str, np.ndarray]:
    """Per target, whether each row meets it (targets the model does not use are left out)."""
    checks = {"target_service_level":
              np.nan_to_num(sl, nan=1.0) >= targets.target_service_level - 1e-12}
    if model in ("erlang_a", "erlang_c", "chat"):
        if targets.target_asa_s is not None:
            checks["target_asa_s"] = np.nan_to_num(asa, nan=0.0) <= targets.target_asa_s
        if targets.max_abandon is not None and model == "erlang_a":
            checks["max_abandon"] = np.nan_to_num(abandon, nan=0.0) <= targets.max_abandon
        if targets.max_occupancy is not None:
            checks["max_occupancy"] = np.nan_to_num(occupancy, nan=0.0) <= targets.max_occupancy + 1e-12
    return checks


def _meets(model: str, targets: ChannelTargets, sl: np.ndarray, asa: np.ndarray,
           abandon: np.ndarray, occupancy: np.ndarray) -> np.ndarray:
    checks = _target_checks(model, targets, sl, asa, abandon, occupancy)
    return np.logical_and.reduce(list(checks.values()))


def interval_detail(
    plan: pd.DataFrame, channel: str, ds: pd.Timestamp, settings: PlanSettings | None = None
) -> IntervalDetail:
    """The maths of one interval: inputs, model, agents needed and why, achieved KPIs.

    Parameters
    ----------
    plan : pandas.DataFrame
        ``build_plan`` output.
    channel : str
        Channel id.
    ds : pandas.Timestamp
        Interval start (tz-aware, or naive local time).
    settings : PlanSettings, optional
        The settings the plan was built with; default the ones ``build_plan`` attached.

    Returns
    -------
    IntervalDetail

    Raises
    ------
    PlanError
        When the plan has no such interval.
    """
    settings = settings or plan.attrs.get("settings") or PlanSettings()
    rows = plan[plan["channel"] == channel]
    stamp = pd.Timestamp(ds)
    if stamp.tzinfo is None and len(rows) and rows["ds"].dt.tz is not None:
        stamp = stamp.tz_localize(rows["ds"].dt.tz, ambiguous=True, nonexistent="shift_forward")
    hit = rows[rows["ds"] == stamp]
    if hit.empty:
        raise PlanError(f"the plan has no interval {stamp} for channel {channel!r}")
    row = hit.iloc[0]
    targets = settings.targets_for(channel)
    model = str(row["model"])
    shrink = settings.shrinkage_for(channel) if model != "none" else 0.0
    interval_s = float(row["interval_min"]) * 60.0
    inputs = [
        ("volume", float(row["volume"]), "contacts"),
        ("volume_hi", float(row["volume_hi"]), "contacts"),
        ("aht_s", float(row["aht_s"]), "s"),
        ("interval_min", float(row["interval_min"]), "min"),
        ("load_erlangs", float(row["volume"]) * float(row["aht_s"]) / interval_s, "Erlang"),
        ("target_service_level", targets.target_service_level, "share"),
    ]
    if model == "backlog":
        inputs.append(("response_time_h", float(targets.response_time_h or 0.0), "h"))
    elif model != "none":
        inputs.append(("answer_time_s", targets.answer_time_s, "s"))
        for name, unit in (("target_asa_s", "s"), ("max_abandon", "share"),
                           ("max_occupancy", "share"), ("patience_s", "s")):
            value = getattr(targets, name)
            if value is not None and (name != "patience_s" or model == "erlang_a"):
                inputs.append((name, float(value), unit))
        if model == "chat":
            inputs.append(("concurrency", targets.concurrency, "sessions"))
    inputs.append(("shrinkage", shrink, "share"))
    inputs_frame = pd.DataFrame(inputs, columns=["name", "value", "unit"])

    curve = _curve(model, targets, rows, hit.index[0], interval_s, float(row["required"]))
    limits = {"service_level": targets.target_service_level, "asa_s": targets.target_asa_s,
              "p_abandon": targets.max_abandon, "occupancy": targets.max_occupancy}
    achieved = pd.DataFrame(
        [(kpi, float(row[kpi]), np.nan if limit is None else float(limit))
         for kpi, limit in limits.items()],
        columns=["kpi", "value", "target"],
    )
    binding: tuple[str, ...] = ()
    fewer = curve[curve["agents"] == float(row["required"]) - 1.0] if len(curve) else curve
    if model in ("erlang_a", "erlang_c", "chat") and len(fewer):
        one = fewer.iloc[0]
        checks = _target_checks(model, targets, *(np.array([float(one[c])]) for c in
                                                  ("service_level", "asa_s", "p_abandon", "occupancy")))
        binding = tuple(name for name, ok in checks.items() if not bool(ok[0]))
    elif model == "backlog" and len(fewer) and not bool(fewer.iloc[0]["meets_targets"]):
        binding = ("target_service_level",)
    return IntervalDetail(
        channel=channel,
        ds=pd.Timestamp(row["ds"]),
        model=model,
        inputs=inputs_frame,
        required=float(row["required"]),
        required_p90=float(row["required_p90"]),
        shrinkage=shrink,
        required_scheduled=float(row["required_scheduled"]),
        rostered=float(row["rostered"]),
        available=float(row["available"]),
        gap=float(row["gap"]),
        binding=binding,
        achieved=achieved,
        curve=curve,
    )


def _curve(model: str, targets: ChannelTargets, rows: pd.DataFrame, at: Any, interval_s: float,
           required: float) -> pd.DataFrame:
    """KPIs for agent counts around the requirement of one interval (row ``at`` of ``rows``)."""
    columns = ["agents", "service_level", "asa_s", "p_abandon", "occupancy", "meets_targets"]
    if model == "none":
        return pd.DataFrame(columns=columns)
    low = max(0, int(math.floor(required)) - 3)
    agents = np.arange(low, int(math.ceil(required)) + 4, dtype=float)
    k = len(agents)
    if model == "backlog":
        # The backlog carries over and the target is a share of the whole period: staff every
        # other interval at its requirement, vary this one, and report the channel's share.
        pos = rows.index.get_loc(at)
        volume = rows["volume"].to_numpy(float)
        aht = rows["aht_s"].to_numpy(float)
        isec = rows["interval_min"].to_numpy(float) * 60.0
        base = rows["required"].to_numpy(float)
        # service hours are not kept in the plan; staffed or rostered intervals are open
        mask = (base > 0) | (rows["rostered"].to_numpy(float) > 0)
        mask[pos] = True
        out = []
        for a in agents:
            trial = base.copy()
            trial[pos] = a
            kp = _backlog_achieved(targets, volume, aht, isec, trial, mask)
            known = np.isfinite(kp.service_level) & (volume > 0)
            share = (kp.service_level[known] * volume[known]).sum() / max(volume[known].sum(), _EPS)
            out.append((share, kp.asa_s[pos], kp.p_abandon[pos], kp.occupancy[pos]))
        sl, asa, ab, occ = (np.array(v, dtype=float) for v in zip(*out, strict=True))
    else:
        row = rows.loc[at]
        volume = np.full(k, float(row["volume"]))
        aht = np.full(k, float(row["aht_s"]))
        isec = np.full(k, interval_s)
        kp = _achieve(model, targets, volume, aht, isec, agents, None, np.ones(k, bool))
        sl, asa, ab, occ = kp.service_level, kp.asa_s, kp.p_abandon, kp.occupancy
    meets = _meets(model, targets, sl, asa, ab, occ)
    return pd.DataFrame({"agents": agents, "service_level": sl, "asa_s": asa, "p_abandon": ab,
                         "occupancy": occ, "meets_targets": meets})
