"""One interval's maths ("show the maths"): inputs, model, agents needed and why, achieved KPIs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kcc.plan.frames import EPS, PlanError, local_naive
from kcc.plan.models import QUEUE_MAX_TARGET_H, achieve
from kcc.plan.settings import ChannelTargets, PlanSettings
from kcc.queueing import chat_load


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
        ``name, value, unit``: volume, handle time, interval, targets and model inputs. Chat
        adds its slow-down inputs (``penalty_per_extra_session``, ``history_sessions``), the
        lone session's handle time ``lone_session_s`` and, at the requirement and the
        interval's load, the mean ``sessions_per_agent`` and ``effective_session_s``, the mean
        time a session lasts (``kcc.queueing.chat_load``).
    required : float
        Agents needed before shrinkage. [agents]
    required_p90 : float
        Agents needed for the P90 forecast. [agents]
    shrinkage : float
        Share of paid time not on contacts. [-]
    required_scheduled : float
        Paid agents ``required / (1 - shrinkage)``, not rounded (the head count to schedule is
        ``kcc.staffing.head_count`` of it). [agents]
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
    hit = _interval_rows(rows, channel, ds)
    row = hit.iloc[0]
    targets = settings.targets_for(channel)
    model = str(row["model"])
    shrink = settings.shrinkage_for(channel) if model != "none" else 0.0
    interval_s = float(row["interval_min"]) * 60.0
    inputs_frame = _inputs(model, targets, row, interval_s, shrink)
    curve = _curve(model, targets, rows, hit.index[0], interval_s, float(row["required"]))
    achieved = _achieved(targets, row)
    binding = _binding(model, targets, curve, float(row["required"]))
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


def _interval_rows(rows: pd.DataFrame, channel: str, ds: pd.Timestamp) -> pd.DataFrame:
    """The plan rows of one channel's interval ``ds`` (a naive ``ds`` is read as local time).

    Raises
    ------
    PlanError
        When the channel's rows have no such interval.
    """
    stamp = pd.Timestamp(ds)
    if stamp.tzinfo is None and len(rows) and rows["ds"].dt.tz is not None:
        stamp = stamp.tz_localize(rows["ds"].dt.tz, ambiguous=True, nonexistent="shift_forward")
    hit = rows[rows["ds"] == stamp]
    if hit.empty:
        raise PlanError(f"the plan has no interval {stamp} for channel {channel!r}")
    return hit


def _inputs(model: str, targets: ChannelTargets, row: pd.Series, interval_s: float,
            shrink: float) -> pd.DataFrame:
    """``name, value, unit`` of the interval's inputs and the targets its model uses."""
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
            if value is not None and (name != "patience_s" or model in ("erlang_a", "chat")):
                inputs.append((name, float(value), unit))
        if model == "chat":
            inputs.append(("concurrency", targets.concurrency, "sessions"))
            inputs.extend(_chat_inputs(targets, row, interval_s))
    inputs.append(("shrinkage", shrink, "share"))
    return pd.DataFrame(inputs, columns=["name", "value", "unit"])


def _chat_inputs(targets: ChannelTargets, row: pd.Series,
                 interval_s: float) -> list[tuple[str, float, str]]:
    """Chat's slow-down inputs and what they do at the requirement and the interval's load."""
    h1 = float(targets.lone_session_s(np.asarray(float(row["aht_s"]))))
    load = chat_load(float(row["volume"]), interval_s, h1, float(row["required"]),
                     targets.concurrency, penalty=targets.penalty_per_extra_session,
                     patience_s=targets.patience_s)
    return [
        ("penalty_per_extra_session", targets.penalty_per_extra_session, "share"),
        ("history_sessions", targets.history_sessions, "sessions"),
        ("lone_session_s", h1, "s"),
        ("sessions_per_agent", float(load.sessions_per_agent), "sessions"),
        ("effective_session_s", float(load.session_s), "s"),
    ]


def _achieved(targets: ChannelTargets, row: pd.Series) -> pd.DataFrame:
    """``kpi, value, target`` of the interval's achieved KPIs (target NaN when not set)."""
    limits = {"service_level": targets.target_service_level, "asa_s": targets.target_asa_s,
              "p_abandon": targets.max_abandon, "occupancy": targets.max_occupancy}
    return pd.DataFrame(
        [(kpi, float(row[kpi]), np.nan if limit is None else float(limit))
         for kpi, limit in limits.items()],
        columns=["kpi", "value", "target"],
    )


def _binding(model: str, targets: ChannelTargets, curve: pd.DataFrame,
             required: float) -> tuple[str, ...]:
    """The targets one agent fewer than ``required`` would miss, read from the curve."""
    binding: tuple[str, ...] = ()
    fewer = curve[curve["agents"] == required - 1.0] if len(curve) else curve
    if model in ("erlang_a", "erlang_c", "chat") and len(fewer):
        one = fewer.iloc[0]
        checks = _target_checks(model, targets, *(np.array([float(one[c])]) for c in
                                                  ("service_level", "asa_s", "p_abandon", "occupancy")))
        binding = tuple(name for name, ok in checks.items() if not bool(ok[0]))
    elif model == "backlog" and len(fewer) and not bool(fewer.iloc[0]["meets_targets"]):
        binding = ("target_service_level",)
    return binding


def _carry_window(rows: pd.DataFrame, at: Any) -> pd.DataFrame:
    """The rows from the day before the interval ``at`` to the end of the day after it (local
    days): where varying its agents moves a queue carried between intervals."""
    day = local_naive(rows["ds"]).dt.normalize()
    own = day.loc[at]
    keep = (day >= own - pd.Timedelta(days=1)) & (day <= own + pd.Timedelta(days=1))
    return rows[keep.to_numpy()]


def _backlog_curve(model: str, targets: ChannelTargets, rows: pd.DataFrame, at: Any,
                   agents: np.ndarray) -> tuple[np.ndarray, ...]:
    """Service level of the channel, and ASA, abandonment and occupancy of the interval ``at``,
    for each count of ``agents`` there, every other interval at its requirement."""
    # The backlog carries over and the target is a share of the whole period: staff every
    # other interval at its requirement, vary this one, and report the channel's share.
    # For a short target only a window changes (the day before, for the queue carried in, to
    # the day after): outside it the figures of the requirement stand, so each count costs
    # days, not the horizon. Service hours are not kept in the plan; staffed or rostered intervals are open.
    every = rows["required"].to_numpy(float)
    opened = (every > 0) | (rows["rostered"].to_numpy(float) > 0)
    opened[rows.index.get_loc(at)] = True
    # the channel staffed at its requirement, once over the whole period
    whole = achieve(model, targets, rows["volume"].to_numpy(float), rows["aht_s"].to_numpy(float),
                    rows["interval_min"].to_numpy(float) * 60.0, every, rows["ds"], opened)
    # a short target's queue (Erlang C carried between intervals) forgets a day back; a long
    # target's backlog carries for days, and its FIFO solve over the period is quick
    window = _carry_window(rows, at) if float(targets.response_time_h or 8.0) <= QUEUE_MAX_TARGET_H else rows
    inside = rows.index.isin(window.index)
    pos = window.index.get_loc(at)
    volume = window["volume"].to_numpy(float)
    aht = window["aht_s"].to_numpy(float)
    isec = window["interval_min"].to_numpy(float) * 60.0
    base = every[inside]
    mask = opened[inside]
    all_volume = rows["volume"].to_numpy(float)
    known_out = ~inside & np.isfinite(whole.service_level) & (all_volume > 0)
    out_served = float((whole.service_level[known_out] * all_volume[known_out]).sum())
    out_volume = float(all_volume[known_out].sum())
    out = []
    for a in agents:
        trial = base.copy()
        trial[pos] = a
        kp = achieve(model, targets, volume, aht, isec, trial, window["ds"], mask)
        known = np.isfinite(kp.service_level) & (volume > 0)
        share = ((kp.service_level[known] * volume[known]).sum() + out_served) / max(
            volume[known].sum() + out_volume, EPS)
        out.append((share, kp.asa_s[pos], kp.p_abandon[pos], kp.occupancy[pos]))
    return tuple(np.array(v, dtype=float) for v in zip(*out, strict=True))


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
        sl, asa, ab, occ = _backlog_curve(model, targets, rows, at, agents)
    else:
        row = rows.loc[at]
        volume = np.full(k, float(row["volume"]))
        aht = np.full(k, float(row["aht_s"]))
        isec = np.full(k, interval_s)
        kp = achieve(model, targets, volume, aht, isec, agents, None, np.ones(k, bool))
        sl, asa, ab, occ = kp.service_level, kp.asa_s, kp.p_abandon, kp.occupancy
    meets = _meets(model, targets, sl, asa, ab, occ)
    return pd.DataFrame({"agents": agents, "service_level": sl, "asa_s": asa, "p_abandon": ab,
                         "occupancy": occ, "meets_targets": meets})
