"""Voice-like queues: required agents, FTE hours and cost per interval, and reverse mode
(the KPIs a roster achieves, per interval and volume-weighted per day or week)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from kcc.checks import in_interval
from kcc.queueing import queue_metrics, required_staffing
from kcc.staffing.hours import (
    EPS,
    agent_hours,
    labour_cost_eur,
    paid_agents,
    scheduled_agents,
    whole_agents,
)

__all__ = ["StaffingSpec", "aggregate_kpis", "roster_kpis", "staffing_plan"]


@dataclass(frozen=True)
class StaffingSpec:
    """Targets and costs for one channel's voice-like queue.

    Attributes
    ----------
    interval_min : int
        Planning interval. [min] (5..1440)
    aht_s : float
        Average handle time. [s] (> 0)
    answer_time_s : float
        Service-level threshold. [s] (>= 0)
    target_service_level : float or None
        Share of offered calls answered within ``answer_time_s``. (0..1, exclusive)
    target_asa_s : float or None
        Maximum average speed of answer. [s]
    max_occupancy : float or None
        Occupancy cap. (0..1]
    max_abandon : float or None
        Maximum share of calls that abandon. (0..1]
    patience_s : float or None
        Mean patience; None means nobody abandons (Erlang C). [s]
    shrinkage : float
        Share of paid time not available for calls (breaks, training, absence). [0..1)
    cost_eur_per_hour : float
        Loaded cost of one scheduled agent hour. [EUR/h]
    lines : int or None
        Maximum calls in the system (None = no limit).
    """

    interval_min: int = 15
    aht_s: float = 300.0
    answer_time_s: float = 20.0
    target_service_level: float | None = 0.8
    target_asa_s: float | None = None
    max_occupancy: float | None = 0.85
    max_abandon: float | None = None
    patience_s: float | None = None
    shrinkage: float = 0.3
    cost_eur_per_hour: float = 35.0
    lines: int | None = None

    def __post_init__(self) -> None:
        in_interval("interval_min", self.interval_min, 5, 1440)
        in_interval("aht_s", self.aht_s, 0, 86_400, low_open=True)
        in_interval("answer_time_s", self.answer_time_s, 0, 86_400)
        in_interval(
            "target_service_level",
            self.target_service_level,
            0,
            1,
            low_open=True,
            high_open=True,
            optional=True,
        )
        in_interval("target_asa_s", self.target_asa_s, 0, 86_400, low_open=True, optional=True)
        in_interval("max_occupancy", self.max_occupancy, 0, 1, low_open=True, optional=True)
        in_interval("max_abandon", self.max_abandon, 0, 1, low_open=True, optional=True)
        in_interval("patience_s", self.patience_s, 0, math.inf, optional=True)
        in_interval("shrinkage", self.shrinkage, 0, 1, high_open=True)
        in_interval("cost_eur_per_hour", self.cost_eur_per_hour, 0, 10_000)
        if self.lines is not None and (self.lines < 1 or int(self.lines) != self.lines):
            raise ValueError(f"lines must be a whole number >= 1 or None, got {self.lines!r}")
        if all(
            v is None
            for v in (
                self.target_service_level,
                self.target_asa_s,
                self.max_occupancy,
                self.max_abandon,
            )
        ):
            raise ValueError(
                "give at least one target: target_service_level, target_asa_s, "
                "max_occupancy or max_abandon"
            )

    @property
    def interval_s(self) -> float:
        """Interval length. [s]"""
        return self.interval_min * 60.0



def _volume_columns(
    volumes: pd.DataFrame, aht_s: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    for col in ("offered", "calls", "y", "yhat"):
        if col in volumes.columns:
            calls = volumes[col].to_numpy(dtype=float)
            break
    else:
        raise ValueError("volumes needs a column 'offered', 'calls', 'y' or 'yhat'")
    calls = np.nan_to_num(np.clip(calls, 0.0, None))
    if "aht_s" in volumes.columns:
        aht = volumes["aht_s"].to_numpy(dtype=float)
        aht = np.where(np.isfinite(aht) & (aht > 0), aht, aht_s)
    else:
        aht = np.full(calls.size, aht_s)
    return calls, aht


def staffing_plan(volumes: pd.DataFrame, spec: StaffingSpec) -> pd.DataFrame:
    """Required and scheduled agents, FTE hours and cost per interval.

    Parameters
    ----------
    volumes : DataFrame
        One row per interval with ``ds`` and a volume column (``offered``, ``calls``, ``y``
        or ``yhat``); an ``aht_s`` column overrides ``spec.aht_s`` where it is known.
    spec : StaffingSpec

    Returns
    -------
    DataFrame
        ``ds, calls, aht_s, load_erlangs, agents_required, agents_scheduled, fte_hours,
        service_level, asa_s, p_abandon, occupancy, cost_eur, approximate``.
        ``agents_scheduled`` is the head count ``ceil(n / (1 - shrinkage))``; ``fte_hours``
        the paid hours ``n / (1 - shrinkage) x interval`` (not rounded, so they add up);
        ``occupancy`` is carried load / required agents; ``approximate`` marks intervals beyond the exact queueing range
        (``kcc.config.MAX_EXACT_AGENTS``).
    """
    calls, aht = _volume_columns(volumes, spec.aht_s)
    need = required_staffing(
        calls,
        spec.interval_s,
        aht,
        spec.answer_time_s,
        target_service_level=spec.target_service_level,
        target_asa_s=spec.target_asa_s,
        max_occupancy=spec.max_occupancy,
        max_abandon=spec.max_abandon,
        patience_s=spec.patience_s,
        lines=spec.lines,
    )
    m = queue_metrics(
        calls,
        spec.interval_s,
        aht,
        need.agents,
        spec.answer_time_s,
        patience_s=spec.patience_s,
        lines=spec.lines,
    )
    n = whole_agents(need.agents)
    scheduled = scheduled_agents(need.agents, spec.shrinkage)
    # hours of the paid requirement, n / (1 - s), not of the rounded head count
    fte_hours = agent_hours(paid_agents(need.agents.astype(float), spec.shrinkage),
                            float(spec.interval_min))
    out = pd.DataFrame(
        {
            "ds": volumes["ds"].to_numpy() if "ds" in volumes.columns else np.arange(calls.size),
            "calls": calls,
            "aht_s": aht,
            "load_erlangs": m.load_erlangs,
            "agents_required": n,
            "agents_scheduled": scheduled,
            "fte_hours": fte_hours,
            "service_level": m.service_level,
            "asa_s": m.asa_s,
            "p_abandon": m.p_abandon,
            "occupancy": m.occupancy,
            "cost_eur": labour_cost_eur(fte_hours, spec.cost_eur_per_hour),
            "approximate": need.approximate | m.approximate,
        }
    )
    if "ds" in volumes.columns:
        out["ds"] = volumes["ds"].reset_index(drop=True)
    return out


def roster_kpis(roster: pd.DataFrame, spec: StaffingSpec) -> pd.DataFrame:
    """Reverse mode: the KPIs a roster achieves per interval.

    Parameters
    ----------
    roster : DataFrame
        ``ds``, a volume column (as in :func:`staffing_plan`) and ``agents`` -- rostered
        (scheduled) agents; ``floor(agents * (1 - shrinkage))`` of them answer calls.
    spec : StaffingSpec
        Only ``interval_min, aht_s, answer_time_s, patience_s, shrinkage, lines`` are used.

    Returns
    -------
    DataFrame
        ``ds, calls, agents_rostered, agents_available, load_erlangs, answered,
        service_level, asa_s, p_abandon, occupancy, feasible, approximate``.
    """
    if "agents" not in roster.columns:
        raise ValueError("roster needs a column 'agents' (rostered agents per interval)")
    calls, aht = _volume_columns(roster, spec.aht_s)
    rostered = np.clip(np.nan_to_num(roster["agents"].to_numpy(dtype=float)), 0.0, None)
    available = np.floor(rostered * (1.0 - spec.shrinkage) + EPS)
    m = queue_metrics(
        calls,
        spec.interval_s,
        aht,
        available,
        spec.answer_time_s,
        patience_s=spec.patience_s,
        lines=spec.lines,
    )
    return pd.DataFrame(
        {
            "ds": roster["ds"].reset_index(drop=True),
            "calls": calls,
            "agents_rostered": rostered,
            "agents_available": available,
            "load_erlangs": m.load_erlangs,
            "answered": calls * (1.0 - m.p_abandon - m.p_block),
            "service_level": m.service_level,
            "asa_s": m.asa_s,
            "p_abandon": m.p_abandon,
            "occupancy": m.occupancy,
            "feasible": m.feasible,
            "approximate": m.approximate,
        }
    )


def aggregate_kpis(per_interval: pd.DataFrame, freq: str = "day") -> pd.DataFrame:
    """Volume-weighted KPIs per local day or ISO week (never plain means of percentages).

    Parameters
    ----------
    per_interval : DataFrame
        Output of :func:`roster_kpis` (tz-aware ``ds``).
    freq : {"day", "week"}
        Group by local calendar date, or by the Monday starting the local week.

    Returns
    -------
    DataFrame
        ``period, calls, answered, service_level, asa_s, p_abandon, occupancy,
        agent_hours, intervals``. ``service_level`` and ``p_abandon`` are weighted by
        offered calls, ``asa_s`` by answered calls, ``occupancy`` by available agents
        (so it equals carried load / agents over the period). An unstable interval
        (``asa_s = inf``) makes the period's ASA infinite.
    """
    if freq not in ("day", "week"):
        raise ValueError(f"freq must be 'day' or 'week', got {freq!r}")
    df = per_interval
    # local dates of the tz-aware instants: a DST day keeps its 92 or 100 quarter-hours
    dates = pd.Series(pd.to_datetime(df["ds"]).dt.date, index=df.index)
    if freq == "week":
        dates = dates.map(lambda d: d - pd.Timedelta(days=d.weekday()))
    calls = df["calls"].to_numpy(dtype=float)
    answered = df["answered"].to_numpy(dtype=float)
    agents = df["agents_available"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        asa_weighted = np.where(answered > 0, df["asa_s"].to_numpy(dtype=float) * answered, 0.0)
    work = pd.DataFrame(
        {
            "period": dates.to_numpy(),
            "calls": calls,
            "answered": answered,
            "sl_calls": df["service_level"].to_numpy(dtype=float) * calls,
            "ab_calls": df["p_abandon"].to_numpy(dtype=float) * calls,
            "wait_answered_s": asa_weighted,
            "busy_agents": df["occupancy"].to_numpy(dtype=float) * agents,
            "agents": agents,
            "intervals": 1,
        }
    )
    g = work.groupby("period", sort=True).sum(numeric_only=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = pd.DataFrame(
            {
                "period": g.index,
                "calls": g["calls"].to_numpy(),
                "answered": g["answered"].to_numpy(),
                "service_level": np.where(g["calls"] > 0, g["sl_calls"] / g["calls"], 1.0),
                "asa_s": np.where(g["answered"] > 0, g["wait_answered_s"] / g["answered"], 0.0),
                "p_abandon": np.where(g["calls"] > 0, g["ab_calls"] / g["calls"], 0.0),
                "occupancy": np.where(g["agents"] > 0, g["busy_agents"] / g["agents"], 0.0),
                "intervals": g["intervals"].to_numpy(),
            }
        )
    return out.reset_index(drop=True)
