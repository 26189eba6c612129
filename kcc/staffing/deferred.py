"""Deferred work (e-mail, WhatsApp, back office): the agents a planner would roster for "X%
answered within H open hours".

Two behaviours, split at :data:`QUEUE_MAX_TARGET_H`:

* a response time of more than two open hours (e-mail) is a backlog: one level of agents per
  day, the fewest agent-hours (a linear programme solved by HiGHS, rounded up per day) for which the FIFO
  backlog of ``kcc.queueing.backlog`` meets every deadline with a stochastic margin;
* a response time of two open hours or less (WhatsApp, social) is a queue: Erlang C per open
  interval with the response time as the answer time and an occupancy cap; nothing is deferred.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, hstack, vstack

from kcc.checks import in_interval, number_in
from kcc.i18n import TranslatedError
from kcc.queueing import queue_metrics, required_staffing, transient_erlang_c
from kcc.queueing.backlog import fifo_finished
from kcc.staffing.hours import EPS

__all__ = [
    "QUEUE_MAX_TARGET_H",
    "SAFETY_Z",
    "DeferredError",
    "DeferredPlan",
    "DeferredSpec",
    "deferred_staffing",
    "queue_service",
]

#: Response times up to this many open hours are queues (Erlang C, no deferral); longer ones a
#: backlog worked at a level per day. Two hours: a WhatsApp or social message is answered while
#: the customer still waits for it; an e-mail is not. [h]
QUEUE_MAX_TARGET_H: Final[float] = 2.0

#: Stochastic margin of the backlog plan: every deadline is met with this many standard
#: deviations of the random work due in the last response window (Poisson arrivals,
#: exponential handle times: variance ``2 N`` items for ``N`` items expected). [-]
SAFETY_Z: Final[float] = 1.0

#: What the queue behaviour adds to the target share it aims at in Erlang C's steady state. [-]
QUEUE_MARGIN: Final[float] = 0.04

#: Default occupancy cap of the queue behaviour. [-]
QUEUE_MAX_OCCUPANCY: Final[float] = 0.85

#: Weight of the day's peak agents against agent-hours in the backlog programme: one agent
#: less at the peak is worth this share of an agent's open day. [-]
_PEAK_WEIGHT: Final[float] = 0.1


class DeferredError(TranslatedError):
    """Deferred work that cannot be planned as asked (texts ``staffing.deferred.error.<code>``)."""

    texts = "staffing.deferred.error"
    labels = {"target_open_hours": "staffing.response_time_h"}


@dataclass(frozen=True)
class DeferredSpec:
    """Deferred work (e-mail, WhatsApp, back office) with a target in open hours.

    Attributes
    ----------
    handle_time_s : float
        Work time per item. [s] (> 0)
    target_share : float
        Share of items to answer within ``target_open_hours``. (0..1]
    target_open_hours : float
        Response-time target counted in open hours only. [h] (> 0)
    start_backlog_items : float
        Items waiting when the plan starts; they are taken to have arrived just before it
        (due within the first ``target_open_hours``). [items] (>= 0)
    max_occupancy : float
        Occupancy cap of the queue behaviour (targets up to ``QUEUE_MAX_TARGET_H``). (0..1]
    safety_z : float
        Stochastic margin of the backlog behaviour (``SAFETY_Z``). [standard deviations]
    """

    handle_time_s: float = 360.0
    target_share: float = 0.9
    target_open_hours: float = 8.0
    start_backlog_items: float = 0.0
    max_occupancy: float = QUEUE_MAX_OCCUPANCY
    safety_z: float = SAFETY_Z

    def __post_init__(self) -> None:
        in_interval("handle_time_s", self.handle_time_s, 0, 86_400, low_open=True)
        in_interval("target_share", self.target_share, 0, 1, low_open=True)
        in_interval("target_open_hours", self.target_open_hours, 0, 10_000, low_open=True)
        number_in("start_backlog_items", self.start_backlog_items, 0, 1e9)
        in_interval("max_occupancy", self.max_occupancy, 0, 1, low_open=True)
        number_in("safety_z", self.safety_z, 0, 5)

    @property
    def is_queue(self) -> bool:
        """The target is short enough to be a queue (``QUEUE_MAX_TARGET_H``)."""
        return self.target_open_hours <= QUEUE_MAX_TARGET_H


@dataclass(frozen=True)
class DeferredPlan:
    """Result of :func:`deferred_staffing`.

    Attributes
    ----------
    intervals : DataFrame
        ``ds, open, arrivals, agents, capacity_items, handled, backlog_end, on_time_share`` per
        interval of the work given (``on_time_share`` of the items that arrived in it in the
        fluid model, or Erlang C's service level for a queue; NaN where none arrived).
    achieved_share : float
        Share of the items answered in time in the fluid model (a queue: Erlang C's service
        level weighted by arrivals).
    required_share : float
        The share every deadline was planned for before the stochastic margin.
    extension : DataFrame
        The same columns for the open time after the work given that the plan assumed so the
        last days' items are staffed (the last week repeated); empty for a queue.
    mode : str
        ``"backlog"`` or ``"queue"``.
    """

    intervals: pd.DataFrame
    achieved_share: float
    required_share: float
    extension: pd.DataFrame | None = None
    mode: str = "backlog"


# ---------------------------------------------------------------------------- the day grid


def _day_of(ds: pd.Series, interval_min: int) -> NDArray[np.int64]:
    """A day number per interval: the local date of timestamps, else ``index // per day``."""
    if pd.api.types.is_datetime64_any_dtype(ds):
        local = ds.dt.tz_localize(None) if getattr(ds.dt, "tz", None) is not None else ds
        days = local.dt.normalize()
        return ((days - days.iloc[0]).dt.days).to_numpy(np.int64) if len(ds) else np.zeros(0, np.int64)
    return np.arange(len(ds), dtype=np.int64) // max(1, 1440 // interval_min)


def _extended(arrivals: NDArray[np.float64], open_flags: NDArray[np.bool_], day: NDArray[np.int64],
              interval_min: int, hours: float) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int64]]:
    """The work with the last week (or the whole horizon when shorter) repeated until every
    item of the horizon has its response time of open hours inside, and a day more."""
    n = arrivals.size
    per_week = 7 * 1440 // interval_min
    period = min(n, per_week)
    open_in_period_h = open_flags[n - period:].sum() * interval_min / 60.0
    if open_in_period_h <= 0:
        return arrivals, open_flags, day
    repeats = math.ceil((hours + 24.0) / open_in_period_h)
    tail = slice(n - period, n)
    days_in_period = int(day[tail][-1] - day[tail][0]) + 1
    shift = max(days_in_period, 7 if period == per_week else days_in_period)
    ext_days = [day[tail] + shift * (r + 1) for r in range(repeats)]
    return (np.concatenate([arrivals] + [arrivals[tail]] * repeats),
            np.concatenate([open_flags] + [open_flags[tail]] * repeats),
            np.concatenate([day, *ext_days]))


# ---------------------------------------------------------------------------- backlog behaviour


@dataclass(frozen=True)
class _OpenWork:
    """The work on the open intervals only: closed intervals' arrivals join the next open one."""

    open_idx: NDArray[np.int64]
    arrived: NDArray[np.float64]  # cumulative items arrived by each open interval's end
    arrivals: NDArray[np.float64]  # items per open interval (the start backlog in the first)
    day: NDArray[np.int64]  # day number (0..) of each open interval
    lag: int  # open intervals from an item's arrival interval to its deadline interval


def _open_work(arrivals: NDArray[np.float64], open_flags: NDArray[np.bool_], day: NDArray[np.int64],
               spec: DeferredSpec, interval_min: int) -> _OpenWork:
    open_idx = np.flatnonzero(open_flags)
    m = open_idx.size
    to_open = np.searchsorted(open_idx, np.arange(arrivals.size), side="left")
    per_open = np.zeros(m + 1)
    np.add.at(per_open, np.minimum(to_open, m), arrivals)
    per_open = per_open[:m]
    per_open[0] += spec.start_backlog_items
    _, day_no = np.unique(day[open_idx], return_inverse=True)
    lag = max(1, math.ceil(spec.target_open_hours * 60.0 / interval_min - EPS))
    return _OpenWork(open_idx, np.cumsum(per_open), per_open, day_no.astype(np.int64), lag)


def _required_finished(work: _OpenWork, share: float, z: float) -> NDArray[np.float64]:
    """Items to have finished by each open interval's end: ``share`` of the items due by then
    plus ``z`` standard deviations of the work due within the last response window."""
    lag = work.lag
    due = np.concatenate([np.zeros(lag - 1), work.arrived])[: work.arrived.size]
    due_before = np.concatenate([np.zeros(lag), due])[: due.size]
    margin = z * np.sqrt(2.0 * np.maximum(due - due_before, 0.0))
    return np.minimum(share * due + np.where(due > 0, margin, 0.0), work.arrived)


def _level_programme(work: _OpenWork, need: NDArray[np.float64], items_per_agent: float,
                     interval_h: float) -> NDArray[np.float64]:
    """Whole agents per day, level over its open intervals, with (up to rounding each day up)
    the fewest agent-hours (and a lower peak) for which the FIFO work finished reaches ``need`` at every open interval.

    Variables ``F_k`` (work finished by open interval ``k``), ``x_d`` (agents of day ``d``)
    and the peak ``p``. ``F_k <= F_{k-1} + ipa * x_{d(k)}`` and ``F_k <= A_k`` allow exactly the
    finished work FIFO can reach (Lindley's recursion is their largest solution), so
    ``F_k >= need_k`` holds for the real backlog too.
    """
    m = need.size
    n_days = int(work.day.max()) + 1
    open_per_day = np.bincount(work.day, minlength=n_days).astype(float)
    rows = np.arange(m)
    flow = coo_matrix((np.ones(m), (rows, rows)), shape=(m, m)).tocsr()
    flow = flow - coo_matrix((np.ones(m - 1), (rows[1:], rows[:-1])), shape=(m, m)).tocsr()
    staff = coo_matrix((np.full(m, -items_per_agent), (rows, work.day)), shape=(m, n_days))
    peak_rows = vstack([coo_matrix((m, 1)).tocsr(), coo_matrix((n_days, 1)).tocsr()])
    day_rows = np.arange(n_days)
    level = hstack([coo_matrix((n_days, m)),
                    coo_matrix((np.ones(n_days), (day_rows, day_rows)), shape=(n_days, n_days))])
    matrix = vstack([hstack([flow, staff]), level]).tocsr()
    matrix = hstack([matrix, peak_rows - vstack([coo_matrix((m, 1)),
                                                 coo_matrix(np.ones((n_days, 1)))])]).tocsr()
    upper = np.concatenate([np.zeros(m), np.zeros(n_days)])
    constraint = LinearConstraint(matrix, -np.inf, upper)
    day_cost = open_per_day * interval_h
    cost = np.concatenate([np.zeros(m), day_cost, [_PEAK_WEIGHT * float(day_cost.mean())]])
    x_max = math.ceil(float(work.arrived[-1]) / items_per_agent) + 1
    lower = np.concatenate([need, np.zeros(n_days), [0.0]])
    high = np.concatenate([work.arrived, np.full(n_days, float(x_max)), [float(x_max)]])
    # the linear relaxation, rounded up: more agents on a day never finish less work, so the
    # rounded plan still meets every ``need`` (a branch and bound over the days takes minutes)
    result = milp(cost, constraints=constraint, bounds=Bounds(lower, high))
    if result.x is None:  # cannot happen: need <= arrived, so x_max agents always do it
        raise RuntimeError(f"deferred staffing programme failed: {result.message}")
    x = np.ceil(result.x[m: m + n_days] - 1e-6)
    return x[work.day]


def _fluid_on_time(work: _OpenWork, agents_open: NDArray[np.float64], items_per_agent: float,
                   inside: NDArray[np.bool_]) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
    """FIFO on-time share of the items arriving at ``inside`` open intervals, the finished work
    and each open interval's on-time items."""
    finished = fifo_finished(work.arrivals, agents_open * items_per_agent)
    m = finished.size
    deadline = np.minimum(np.arange(m) + work.lag - 1, m - 1)
    before = np.concatenate([[0.0], work.arrived[:-1]])
    on_time = np.clip(finished[deadline] - before, 0.0, work.arrivals)
    total = work.arrivals[inside].sum()
    return (float(on_time[inside].sum() / total) if total > 0 else 1.0), finished, on_time


def _backlog_plan(frame: pd.DataFrame, arrivals: NDArray[np.float64], open_flags: NDArray[np.bool_],
                  spec: DeferredSpec, interval_min: int) -> DeferredPlan:
    n = arrivals.size
    day = _day_of(frame["ds"], interval_min)
    ext_arr, ext_open, ext_day = _extended(arrivals, open_flags, day, interval_min,
                                           spec.target_open_hours)
    work = _open_work(ext_arr, ext_open, ext_day, spec, interval_min)
    ipa = interval_min * 60.0 / spec.handle_time_s
    inside = work.open_idx < n
    inside[0] = True  # the start backlog belongs to the horizon
    share = spec.target_share
    agents_open = _level_programme(work, _required_finished(work, share, spec.safety_z), ipa,
                                   interval_min / 60.0)
    got, finished, on_time = _fluid_on_time(work, agents_open, ipa, inside)
    for _ in range(12):  # FIFO lets other items slip than the curve: aim higher until it holds
        if got >= spec.target_share - 1e-12 or share >= 1.0:
            break
        share = min(1.0, share + max(2 * (spec.target_share - got), 0.005))
        agents_open = _level_programme(work, _required_finished(work, share, spec.safety_z), ipa,
                                       interval_min / 60.0)
        got, finished, on_time = _fluid_on_time(work, agents_open, ipa, inside)
    full = _full_frame(ext_arr, ext_open, work, agents_open, finished, on_time, ipa,
                      spec.start_backlog_items)
    ds = frame["ds"].reset_index(drop=True)
    head = full.iloc[:n].reset_index(drop=True)
    head.insert(0, "ds", ds)
    tail = full.iloc[n:].reset_index(drop=True)
    return DeferredPlan(head, got, share, tail, "backlog")


def _full_frame(arrivals: NDArray[np.float64], open_flags: NDArray[np.bool_], work: _OpenWork,
                agents_open: NDArray[np.float64], finished: NDArray[np.float64],
                on_time: NDArray[np.float64], ipa: float, start_items: float) -> pd.DataFrame:
    """Per interval (closed ones included): agents, capacity, finished work and on-time share."""
    n = arrivals.size
    agents = np.zeros(n)
    agents[work.open_idx] = agents_open
    last_open = np.searchsorted(work.open_idx, np.arange(n), side="right") - 1
    done_cum = np.where(last_open >= 0, finished[np.maximum(last_open, 0)], 0.0)
    arrived = np.cumsum(arrivals) + start_items
    share_open = np.full(work.open_idx.size, np.nan)
    busy = work.arrivals > 0
    share_open[busy] = on_time[busy] / work.arrivals[busy]
    to_open = np.minimum(np.searchsorted(work.open_idx, np.arange(n), side="left"),
                         work.open_idx.size - 1)
    return pd.DataFrame({
        "open": open_flags,
        "arrivals": arrivals,
        "agents": agents.astype(np.int64),
        "capacity_items": agents * ipa,
        "handled": np.diff(np.concatenate([[0.0], done_cum])),
        "backlog_end": np.maximum(arrived - done_cum, 0.0),
        "on_time_share": np.where(arrivals > 0, share_open[to_open], np.nan),
    })


# ---------------------------------------------------------------------------- queue behaviour


def _queue_plan(frame: pd.DataFrame, arrivals: NDArray[np.float64], open_flags: NDArray[np.bool_],
                spec: DeferredSpec, interval_min: int) -> DeferredPlan:
    """Erlang C per open interval, answer time = the response time.

    What arrives while closed (and the start backlog) waits at the opening as a batch. Extra
    agents clear it first (FIFO), at most ``_BATCH_EXTRA`` of the day's highest Erlang need at
    a time, so the opening is not a spike no roster would hold; the batch items they cannot
    reach within half the response time count as late; the other intervals aim at a higher service
    level until the arrival-weighted share meets the target plus ``QUEUE_MARGIN`` (what
    arrives while a batch is cleared waits behind it, and a queue carries over from one
    interval to the next: both cost Erlang's steady state a few points in simulation).
    """
    n = arrivals.size
    open_idx, batch = _opening_batches(arrivals, open_flags, spec.start_backlog_items)
    flow = arrivals[open_idx]
    day = _day_of(frame["ds"], interval_min)[open_idx]
    interval_s = interval_min * 60.0
    answer_s = spec.target_open_hours * 3600.0
    total = float(flow.sum() + batch.sum())

    def staff(share: float, cap: float) -> tuple[NDArray[np.float64], NDArray[np.float64], float]:
        need = required_staffing(flow, interval_s, spec.handle_time_s, answer_s,
                                 target_service_level=min(share, 1.0 - 1e-6),
                                 max_occupancy=spec.max_occupancy).agents
        need = np.where(flow > 0, need, 0.0)
        sl = np.asarray(queue_metrics(flow, interval_s, spec.handle_time_s, need,
                                      answer_s).service_level, dtype=float)
        extra, flow_ok, batch_on_time = _batch_agents(batch, need, day, spec.handle_time_s,
                                                      interval_s, answer_s, cap)
        in_time = np.where(flow_ok, np.nan_to_num(sl), 0.0)
        got = (float((in_time * flow).sum()) + batch_on_time) / total
        return need + extra, sl, got

    share = spec.target_share
    aim = min(spec.target_share + QUEUE_MARGIN, 1.0 - 1e-6)
    # a higher cap on the batch's extra agents only where the aim cannot be met below it
    for cap in _BATCH_EXTRA:
        agents_open, sl, got = staff(share, cap)
        low, high = share, 1.0 - 1e-6
        if got >= aim:
            break
        if staff(high, cap)[2] < aim:
            continue
        for _ in range(20):  # the fewest agents whose arrival-weighted share meets the aim
            mid = 0.5 * (low + high)
            if staff(mid, cap)[2] >= aim:
                high = mid
            else:
                low = mid
        share = high
        agents_open, sl, got = staff(share, cap)
        break
    agents = np.zeros(n)
    agents[open_idx] = agents_open
    on_time = np.full(n, np.nan)
    on_time[open_idx] = np.where(flow > 0, sl, np.nan)
    out = pd.DataFrame({
        "ds": frame["ds"].reset_index(drop=True),
        "open": open_flags,
        "arrivals": arrivals,
        "agents": agents.astype(np.int64),
        "capacity_items": agents * interval_s / spec.handle_time_s,
        "handled": np.zeros(n),
        "backlog_end": np.zeros(n),
        "on_time_share": on_time,
    })
    out.loc[open_idx, "handled"] = flow + batch
    return DeferredPlan(out, got, share, out.iloc[:0].copy(), "queue")


def _opening_batches(arrivals: NDArray[np.float64], open_flags: NDArray[np.bool_],
                     start_items: float) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """The open intervals and the items waiting at each one's start: what arrived while
    closed before it (after the last open interval: outside the plan) and, at the first, the
    start backlog."""
    open_idx = np.flatnonzero(open_flags)
    m = open_idx.size
    to_open = np.searchsorted(open_idx, np.arange(arrivals.size), side="left")
    batch = np.zeros(m + 1)
    closed = ~open_flags
    np.add.at(batch, np.minimum(to_open[closed], m), arrivals[closed])
    batch = batch[:m]
    if m:
        batch[0] += start_items
    return open_idx, batch


#: The extra agents that clear a queue's opening batch: at most this share of the day's
#: highest Erlang need at a time, the next one only where the target cannot be met below it. [-]
_BATCH_EXTRA: Final[tuple[float, ...]] = (0.5, 1.0, 1.5, 2.0, 3.0, 1e9)


def _batch_agents(batch: NDArray[np.float64], need: NDArray[np.float64], day: NDArray[np.int64],
                  handle_s: float, interval_s: float,
                  answer_s: float, cap_share: float) -> tuple[NDArray[np.float64], NDArray[np.float64], float]:
    """Extra agents per open interval that clear each opening batch, where what arrives is
    still in time, and the batch items picked up within the response time.

    At the opening all ``n + e`` agents take the batch first (FIFO): its ``i``-th item is
    picked up after about ``i h / (n + e)``, so ``(n + e) T / h`` of it are in time, and it is
    gone after ``tau = B h / (n + e)``. ``e`` is the fewest extra agents with ``tau <= T / 2``
    (what arrives meanwhile is still in time), capped; with a longer ``tau`` the arrivals of the
    intervals it covers are counted late.
    """
    m = batch.size
    extra = np.zeros(m)
    flow_ok = np.ones(m, dtype=bool)
    on_time = 0.0
    day_peak = pd.Series(need).groupby(day).transform("max").to_numpy()
    for j in np.flatnonzero(batch > 0):
        work_s = float(batch[j]) * handle_s
        n = float(need[j])
        cap = max(1.0, math.ceil(min(cap_share * day_peak[j], 1e12) - EPS))
        e = float(min(max(math.ceil(2.0 * work_s / answer_s - n - EPS), 0), cap))
        if n + e <= 0:
            e = 1.0
        tau_s = work_s / (n + e)
        steps = max(1, math.ceil(tau_s / interval_s - EPS))
        extra[j: j + steps] += e
        if tau_s > 0.5 * answer_s:
            flow_ok[j: j + steps] = False
        on_time += min(float(batch[j]), (n + e) * answer_s / handle_s)
    return extra, flow_ok, on_time


def deferred_staffing(work: pd.DataFrame, spec: DeferredSpec, interval_min: int) -> DeferredPlan:
    """Agents per open interval a planner would roster for "X% answered within H open hours".

    A response time of more than ``QUEUE_MAX_TARGET_H`` open hours is a backlog: each day
    gets one level of whole agents over its open intervals, the fewest agent-hours (a linear
    programme, HiGHS, each day rounded up) for which the FIFO backlog finishes, by every open
    interval's end, ``X%`` of the items due by then plus ``safety_z`` standard deviations of the
    work due within the last response window (Poisson arrivals and exponential handle times
    give ``2 N`` items of variance for ``N`` expected): the target then holds when arrivals
    and handle times are random, not only in the fluid model. If FIFO lets other items slip
    than the aimed-at curve, the aim is raised until the fluid model meets the target. The
    horizon is extended by the last week repeated until every item has had its response time,
    so the last days are staffed (``DeferredPlan.extension``). ``start_backlog_items`` wait at
    the start.

    A response time of ``QUEUE_MAX_TARGET_H`` or less is a queue: Erlang C per open interval
    with the response time as the answer time, the target share as the service level and the
    occupancy cap ``max_occupancy``; items arriving while closed join the first open interval.

    Closed intervals (nights, Sundays, public holidays: ``open`` False) get nobody and do not
    count towards the response time.

    Parameters
    ----------
    work : DataFrame
        ``ds`` (timestamps: days are their local dates; or interval numbers from the first
        day's midnight), ``arrivals`` (items arriving per interval) and ``open`` (bool).
    spec : DeferredSpec
    interval_min : int
        Interval length. [min]

    Returns
    -------
    DeferredPlan

    Raises
    ------
    DeferredError
        ``no_open_time`` when arrivals come but no interval is open, and
        ``target_beyond_horizon`` when the response time is longer than all open time of the
        horizon (the message names ``target_open_hours``).
    """
    for col in ("ds", "arrivals", "open"):
        if col not in work.columns:
            raise ValueError(f"work needs a column {col!r}")
    in_interval("interval_min", interval_min, 1, 1440)
    arrivals = np.clip(np.nan_to_num(work["arrivals"].to_numpy(dtype=float)), 0.0, None)
    open_flags = work["open"].to_numpy(dtype=bool)
    open_h = float(open_flags.sum()) * interval_min / 60.0
    if arrivals.sum() + spec.start_backlog_items <= 0 or not len(work):
        empty = _empty(work, open_flags, arrivals)
        return DeferredPlan(empty, 1.0, spec.target_share, empty.iloc[:0].copy(),
                            "queue" if spec.is_queue else "backlog")
    if not open_flags.any():
        raise DeferredError("no_open_time", field="open")
    if spec.target_open_hours > open_h:
        raise DeferredError("target_beyond_horizon", field="target_open_hours",
                            value=spec.target_open_hours, open_h=open_h)
    if spec.is_queue:
        return _queue_plan(work, arrivals, open_flags, spec, interval_min)
    return _backlog_plan(work, arrivals, open_flags, spec, interval_min)


def queue_service(work: pd.DataFrame, spec: DeferredSpec, interval_min: int,
                  agents: NDArray[np.float64]) -> pd.DataFrame:
    """Service whole agents give a short response-time target: the time-varying Erlang C
    queue carried from interval to interval and over closed time
    (``kcc.queueing.transient_erlang_c``), with the response time as the answer time.

    Erlang C per interval (the requirement's model) reads an interval whose load reaches its
    agents as answering nobody in time and forgets the queue at its end; the carried queue
    lets it drain in the quieter interval after, as the plan check's simulation does. What
    waits at an opening (closed-time arrivals, the start backlog) joins the queue left at the
    last closing, first in first out. Fractions of an agent answer nothing.

    Parameters
    ----------
    work : DataFrame
        ``ds``, ``arrivals`` and ``open`` as for :func:`deferred_staffing`.
    spec : DeferredSpec
    interval_min : int
        Interval length. [min]
    agents : array_like
        Agents available per interval. [agents]

    Returns
    -------
    DataFrame
        ``ds, on_time_share, response_s, occupancy`` per interval: the share of the interval's
        arrivals picked up within the response time (for closed intervals: of the batch they
        join; NaN where none arrived or nothing is open after them), their mean wait in open
        time [s] and the share of the agents' time worked.
    """
    arrivals = np.clip(np.nan_to_num(work["arrivals"].to_numpy(dtype=float)), 0.0, None)
    open_flags = work["open"].to_numpy(dtype=bool)
    got = transient_erlang_c(arrivals, np.asarray(agents, dtype=float), open_flags,
                             interval_min * 60.0, spec.handle_time_s, spec.target_open_hours * 3600.0,
                             start_items=spec.start_backlog_items, day=_day_numbers(work["ds"], interval_min))
    return pd.DataFrame({"ds": work["ds"].reset_index(drop=True), "on_time_share": got.on_time_share,
                         "response_s": got.wait_s, "occupancy": got.occupancy})


def _day_numbers(ds: pd.Series, interval_min: int) -> NDArray[np.int64]:
    """Day of each interval: its local date for timestamps, whole days of intervals from the
    first for interval numbers (the carried queue needs them only for its speed)."""
    stamps = pd.Series(ds).reset_index(drop=True)
    if isinstance(stamps.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(stamps):
        dates = stamps.dt.tz_localize(None) if isinstance(stamps.dtype, pd.DatetimeTZDtype) else stamps
        days = dates.dt.normalize()
        return ((days - days.iloc[0]) // pd.Timedelta(days=1)).to_numpy(dtype=np.int64)
    return np.arange(len(stamps), dtype=np.int64) // max(1, 1440 // interval_min)


def _empty(work: pd.DataFrame, open_flags: NDArray[np.bool_], arrivals: NDArray[np.float64]) -> pd.DataFrame:
    n = arrivals.size
    zeros = np.zeros(n)
    return pd.DataFrame({"ds": work["ds"].reset_index(drop=True), "open": open_flags,
                         "arrivals": arrivals, "agents": zeros.astype(np.int64),
                         "capacity_items": zeros, "handled": zeros, "backlog_end": zeros,
                         "on_time_share": np.full(n, np.nan)})
