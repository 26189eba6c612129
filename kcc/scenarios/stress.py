"""The stress test: a surge above the forecast played through one channel's queue, without
and with the flexible capacity that meets it."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kcc.queueing import (
    QueueMetrics,
    chat_metrics,
    full_load_sessions_per_hour,
    lone_session_s,
    queue_metrics,
)
from kcc.queueing.fluid import fluid_queue
from kcc.scenarios.demand import default_aht_s
from kcc.scenarios.spec import SurgeTest
from kcc.scenarios.validation import MINUTES_PER_DAY, ScenarioError
from kcc.staffing import agent_hours, labour_cost_eur


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


@dataclass(frozen=True, eq=False)
class _SurgeWindow:
    """The stretch of plan rows a surge is played through (two hours before it starts until
    ``hours_after_min`` after it ends)."""

    rows: pd.DataFrame
    ds: pd.DatetimeIndex
    interval_min: int
    #: The surge's start (the first ``surge.weekday`` of the rows at ``start_min``).
    start: pd.Timestamp
    #: Minutes from the surge's start to each interval's start. [min]
    t0: np.ndarray
    #: Per row: on the local day of the surge.
    surge_day: np.ndarray


def _surge_window(plan_rows: pd.DataFrame, surge: SurgeTest, hours_after_min: int) -> _SurgeWindow:
    """Find the surge's day and cut the rows around it.

    Raises
    ------
    ScenarioError
        The rows are empty or hold no ``surge.weekday``.
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
    surge_day = np.asarray(local_days[keep] == day_hits[0], dtype=bool)
    return _SurgeWindow(rows, ds, interval_min, start, t0, surge_day)


@dataclass(frozen=True)
class _Servers:
    """How a channel's agents serve: one contact each (phone), or chat sessions that slow down
    the more an agent holds (``kcc.queueing.chat``)."""

    concurrency: float = 1.0
    penalty: float = 0.0
    history_sessions: float = 1.0

    @property
    def is_chat(self) -> bool:
        return self.concurrency > 1.0 or self.penalty > 0.0 or self.history_sessions > 1.0

    def fluid(self, agents: np.ndarray, aht_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Servers and their handle time for the fluid queue: an agent's ``concurrency`` slots,
        each completing at the chain's full-load rate, so the team completes
        ``agents x full_load_sessions_per_hour`` sessions per hour. [slots], [s]"""
        if not self.is_chat:
            return agents, aht_s
        h1 = lone_session_s(aht_s, self.penalty, self.history_sessions)
        per_slot_s = self.concurrency * 3600.0 / full_load_sessions_per_hour(
            h1, self.concurrency, self.penalty)
        return agents * self.concurrency, per_slot_s

    def erlang(self, arrivals: np.ndarray, interval_s: float, aht_s: np.ndarray,
               agents: np.ndarray, answer_time_s: float, patience_s: float | None) -> QueueMetrics:
        """The steady-state service of each interval's own contacts (Erlang, or the chat chain)."""
        whole = np.floor(agents + 1e-9)  # a fraction of an agent answers nobody
        if not self.is_chat:
            return queue_metrics(arrivals, interval_s, aht_s, whole, answer_time_s, patience_s=patience_s)
        h1 = lone_session_s(aht_s, self.penalty, self.history_sessions)
        return chat_metrics(arrivals, interval_s, h1, whole, self.concurrency, answer_time_s,
                            penalty=self.penalty, patience_s=patience_s)


def _play_queue(
    arrivals: np.ndarray, agents: np.ndarray, aht_s: np.ndarray, interval_s: float,
    patience_s: float | None, answer_time_s: float, servers: _Servers,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Backlog, service level and abandonment per variant and interval.

    The service level of an interval is the lower of the Erlang service level of its own
    contacts and the fluid model's share within ``answer_time_s``; abandonment the larger of
    the two models' (the fluid model's alone when nobody abandons).

    Returns
    -------
    backlog : (variants, intervals) contacts waiting at each interval's end
    service_level : (variants, intervals) [0..1], NaN without arrivals
    gave_up : (variants, intervals) [contacts]
    backlog_steps : (variants, intervals * substeps) backlog at each sub-step's end
    """
    fluid = fluid_queue(arrivals, *servers.fluid(agents, aht_s), interval_s, patience_s, answer_time_s)
    m = servers.erlang(arrivals, interval_s, aht_s, agents, answer_time_s, patience_s)
    erlang_sl = np.nan_to_num(np.asarray(m.service_level, dtype=float), nan=0.0)
    erlang_ab = np.nan_to_num(np.asarray(m.p_abandon, dtype=float), nan=0.0) * arrivals
    sl = np.where(arrivals > 0, np.minimum(erlang_sl, fluid.within), np.nan)
    gave_up = np.maximum(fluid.abandoned, erlang_ab) if patience_s is not None else fluid.abandoned
    return fluid.backlog_end, sl, gave_up, fluid.backlog_steps


def _recovery_min(steps: np.ndarray, t0: np.ndarray, interval_min: int, duration_min: int) -> list[float]:
    """Per variant: minutes from the surge's end to the first sub-step with less than one
    contact waiting (0 when nothing waits at the end, ``inf`` when it never clears). [min]"""
    substeps = steps.shape[1] // max(len(t0), 1)
    step_end = (np.repeat(t0, substeps) + np.tile(np.arange(1, substeps + 1) * interval_min / substeps, len(t0)))
    after = step_end >= duration_min
    recovery = []
    for v in range(steps.shape[0]):
        clear = np.flatnonzero(after & (steps[v] < 1.0))
        first_after = np.flatnonzero(after)
        if not clear.size:
            recovery.append(math.inf)
        elif first_after.size and clear[0] == first_after[0]:
            recovery.append(0.0)  # nothing left waiting when the surge ends
        else:
            recovery.append(float(step_end[clear[0]] - duration_min))
    return recovery


def simulate_surge(
    plan_rows: pd.DataFrame,
    surge: SurgeTest,
    *,
    answer_time_s: float,
    patience_s: float | None = None,
    concurrency: float = 1.0,
    penalty_per_extra_session: float = 0.0,
    history_sessions: float = 1.0,
    cost_eur_per_hour: float = 0.0,
    flex_premium: float = 0.0,
    hours_after_min: int = MINUTES_PER_DAY,
) -> SurgeResult:
    """Play a surge through one channel's queue, without and with the flex pool.

    The surge multiplies the forecast by ``1 + uplift`` from ``start_min`` on the first
    ``weekday`` of the frame for ``duration_min``. Waiting contacts are carried from interval to
    interval by a fluid model (``kcc.queueing.fluid.fluid_queue``); the service level of an
    interval is the lower of the Erlang service level of its own contacts (``queue_metrics``,
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
        Chat sessions an agent holds at most. [sessions]
    penalty_per_extra_session : float, default 0
        Chat: handle-time increase per extra session an agent holds. [-]
    history_sessions : float, default 1
        Chat: mean sessions held when the plan's handle time was measured; the lone-session
        handle time is ``kcc.queueing.lone_session_s``. [sessions]

    Chat agents (concurrency above 1, or a slow-down) are played as the chain of
    ``kcc.queueing.chat``: the fluid queue drains at the team's full-load completion rate
    (``kcc.queueing.full_load_sessions_per_hour`` per agent, every slot busy), and an
    interval's own service is ``kcc.queueing.chat_metrics``.
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
    window = _surge_window(plan_rows, surge, hours_after_min)
    rows, ds, interval_min, t0 = window.rows, window.ds, window.interval_min, window.t0
    overlap_min = np.minimum(t0 + interval_min, surge.duration_min) - np.maximum(t0, 0.0)
    in_surge = np.clip(overlap_min, 0.0, None) / interval_min
    volume = rows["volume"].to_numpy(float)
    surged = volume * (1.0 + surge.uplift * in_surge)
    agents = rows["available"].to_numpy(float)
    flex = flex_agents(surge, ds, interval_min, window.start)
    aht = np.nan_to_num(rows["aht_s"].to_numpy(float), nan=default_aht_s("phone"))
    n_agents = np.vstack([agents, agents + flex])
    arrivals = np.vstack([surged, surged])
    servers = _Servers(float(concurrency), float(penalty_per_extra_session), float(history_sessions))
    backlog, sl, gave_up, steps = _play_queue(arrivals, n_agents, np.vstack([aht, aht]), interval_min * 60.0,
                                              patience_s, answer_time_s, servers)
    recovery = _recovery_min(steps, t0, interval_min, surge.duration_min)
    weights = np.where(window.surge_day & (arrivals[0] > 0), arrivals[0], 0.0)

    def day_sl(v: int) -> float:
        return float(np.nansum(sl[v] * weights) / weights.sum()) if weights.sum() > 0 else float("nan")

    flex_hours = float(agent_hours(float(flex.sum()), float(interval_min)))
    frame = pd.DataFrame({
        "ds": ds, "interval_min": interval_min, "volume": volume, "surge_volume": surged,
        "agents": agents, "flex_agents": flex,
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
        flex_cost_eur=labour_cost_eur(flex_hours, cost_eur_per_hour, flex_premium),
    )
