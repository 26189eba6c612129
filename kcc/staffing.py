"""Staffing layer: from volumes and targets to agents, FTE, cost -- and back to KPIs.

Pure functions over tidy frames, on top of :mod:`kcc.queueing`:

* :func:`staffing_plan` -- per interval: required agents, scheduled agents with shrinkage,
  FTE hours, occupancy, cost.
* :func:`roster_kpis` and :func:`aggregate_kpis` -- reverse mode: rostered agents per
  interval to achieved KPIs per interval, and volume-weighted per day and week.
* :func:`estimate_patience` / :func:`estimate_patience_from_contacts` -- mean patience.
* :func:`chat_agents_workload` / :func:`chat_agents_queueing` -- concurrent chat sessions.
* :func:`deferred_staffing` -- e-mail, WhatsApp, back office: a FIFO backlog worked in open
  hours against "X% answered within H open hours".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from kcc.queueing import INT_AGENTS_CEILING, queue_metrics, required_agents, required_staffing

__all__ = [
    "ChatSpec",
    "DeferredPlan",
    "DeferredSpec",
    "PatienceEstimate",
    "StaffingSpec",
    "aggregate_kpis",
    "chat_agents_queueing",
    "chat_agents_workload",
    "deferred_staffing",
    "estimate_patience",
    "estimate_patience_from_contacts",
    "roster_kpis",
    "scheduled_agents",
    "staffing_plan",
]

_EPS = 1e-9  # guards ceil/floor against 14 / 0.7 = 20.000000000000004


def _in_range(
    name: str,
    value: float | None,
    low: float,
    high: float,
    *,
    low_open: bool = False,
    high_open: bool = False,
    allow_none: bool = False,
) -> None:
    if value is None:
        if allow_none:
            return
        raise ValueError(f"{name} is required")
    ok_low = value > low if low_open else value >= low
    ok_high = value < high if high_open else value <= high
    if not (math.isfinite(value) or high == math.inf) or not (ok_low and ok_high):
        lo = "(" if low_open else "["
        hi = ")" if high_open else "]"
        raise ValueError(f"{name} must be in {lo}{low:g}, {high:g}{hi}, got {value!r}")


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
        _in_range("interval_min", self.interval_min, 5, 1440)
        _in_range("aht_s", self.aht_s, 0, 86_400, low_open=True)
        _in_range("answer_time_s", self.answer_time_s, 0, 86_400)
        _in_range(
            "target_service_level",
            self.target_service_level,
            0,
            1,
            low_open=True,
            high_open=True,
            allow_none=True,
        )
        _in_range("target_asa_s", self.target_asa_s, 0, 86_400, low_open=True, allow_none=True)
        _in_range("max_occupancy", self.max_occupancy, 0, 1, low_open=True, allow_none=True)
        _in_range("max_abandon", self.max_abandon, 0, 1, low_open=True, allow_none=True)
        _in_range("patience_s", self.patience_s, 0, math.inf, allow_none=True)
        _in_range("shrinkage", self.shrinkage, 0, 1, high_open=True)
        _in_range("cost_eur_per_hour", self.cost_eur_per_hour, 0, 10_000)
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


def scheduled_agents(agents: ArrayLike, shrinkage: float) -> NDArray[np.int64]:
    """Agents to schedule so that ``agents`` are available: ``ceil(n / (1 - shrinkage))``.

    Parameters
    ----------
    agents : array_like
        Agents needed on the phones. [agents]
    shrinkage : float
        Share of scheduled time lost to breaks, meetings, absence. [0..1)

    Returns
    -------
    ndarray of int64
        Saturating at ``kcc.queueing.INT_AGENTS_CEILING`` (an absurd load, never a real one).
    """
    _in_range("shrinkage", shrinkage, 0, 1, high_open=True)
    n = np.asarray(agents, dtype=float)
    return _whole(np.ceil(n / (1.0 - shrinkage) - _EPS))


def _whole(agents: NDArray[np.float64]) -> NDArray[np.int64]:
    """Whole agent counts as int64, saturating instead of overflowing."""
    return np.minimum(agents, INT_AGENTS_CEILING).astype(np.int64)


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
        service_level, asa_s, p_abandon, occupancy, cost_eur, approximate``. ``fte_hours`` is
        scheduled agent hours in the interval; ``occupancy`` is carried load / required
        agents; ``approximate`` marks intervals beyond the exact queueing range
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
    n = _whole(need.agents)
    scheduled = scheduled_agents(need.agents, spec.shrinkage)
    fte_hours = scheduled * spec.interval_min / 60.0
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
            "cost_eur": fte_hours * spec.cost_eur_per_hour,
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
    available = np.floor(rostered * (1.0 - spec.shrinkage) + _EPS)
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


@dataclass(frozen=True)
class PatienceEstimate:
    """Mean patience from history, with the data it rests on.

    Attributes
    ----------
    patience_s : float
        ``wait_s_total / abandoned``; NaN when there are no abandons. [s]
    wait_s_total : float
        Total time waited by all queued contacts (answered and abandoned). [s]
    abandoned : float
        Number of abandoned contacts.
    rows_used : int
        Intervals (or contacts) that carried both numbers.
    source : str
        ``"intervals"`` or ``"contacts"``.
    """

    patience_s: float
    wait_s_total: float
    abandoned: float
    rows_used: int
    source: str


def estimate_patience(intervals: pd.DataFrame) -> PatienceEstimate:
    """Mean patience = total wait of all queued contacts / number of abandons.

    For exponential patience this is the maximum-likelihood estimator: every queued
    contact is observed for its wait (censored when answered), and abandons are the
    events, so ``theta_hat = abandons / exposure``.

    Parameters
    ----------
    intervals : DataFrame
        The store's interval frame with ``wait_s_total`` and ``abandoned``; rows where
        either is NaN are skipped.

    References
    ----------
    .. [1] A. Mandelbaum, S. Zeltyn, "Estimating characteristics of queueing networks
       using transactional data", Queueing Systems 29, 1998.
    """
    for col in ("wait_s_total", "abandoned"):
        if col not in intervals.columns:
            raise ValueError(f"intervals needs a column {col!r}")
    wait = intervals["wait_s_total"].to_numpy(dtype=float)
    ab = intervals["abandoned"].to_numpy(dtype=float)
    ok = np.isfinite(wait) & np.isfinite(ab)
    total_wait, total_ab = float(wait[ok].sum()), float(ab[ok].sum())
    return PatienceEstimate(
        patience_s=total_wait / total_ab if total_ab > 0 else math.nan,
        wait_s_total=total_wait,
        abandoned=total_ab,
        rows_used=int(ok.sum()),
        source="intervals",
    )


def estimate_patience_from_contacts(contacts: pd.DataFrame) -> PatienceEstimate:
    """Mean patience from contact records: ``sum(wait_s) / count(abandoned)``.

    Parameters
    ----------
    contacts : DataFrame
        One row per contact with ``wait_s`` (time in queue [s]) and ``abandoned`` (bool).
    """
    for col in ("wait_s", "abandoned"):
        if col not in contacts.columns:
            raise ValueError(f"contacts needs a column {col!r}")
    wait = contacts["wait_s"].to_numpy(dtype=float)
    ab = contacts["abandoned"].astype(bool).to_numpy()
    ok = np.isfinite(wait)
    total_wait, total_ab = float(wait[ok].sum()), float(ab[ok].sum())
    return PatienceEstimate(
        patience_s=total_wait / total_ab if total_ab > 0 else math.nan,
        wait_s_total=total_wait,
        abandoned=total_ab,
        rows_used=int(ok.sum()),
        source="contacts",
    )


@dataclass(frozen=True)
class ChatSpec:
    """Chat agents handling several sessions at once.

    Attributes
    ----------
    handle_time_s : float
        Session handle time when an agent has one session. [s] (> 0)
    concurrency : float
        Sessions an agent handles at once. [1..10]
    productivity : float
        Share of agent time available for chat. (0..1]
    penalty_per_extra_session : float
        Handle-time increase per extra concurrent session: each session lasts
        ``handle_time_s * (1 + penalty * (concurrency - 1))``. [0..2]
    """

    handle_time_s: float = 1200.0
    concurrency: float = 2.5
    productivity: float = 0.75
    penalty_per_extra_session: float = 0.0

    def __post_init__(self) -> None:
        _in_range("handle_time_s", self.handle_time_s, 0, 86_400, low_open=True)
        _in_range("concurrency", self.concurrency, 1, 10)
        _in_range("productivity", self.productivity, 0, 1, low_open=True)
        _in_range("penalty_per_extra_session", self.penalty_per_extra_session, 0, 2)

    @property
    def session_time_s(self) -> float:
        """Handle time of one session at full concurrency. [s]"""
        return self.handle_time_s * (
            1.0 + self.penalty_per_extra_session * (self.concurrency - 1.0)
        )


def chat_agents_workload(
    chats: ArrayLike, interval_s: float, spec: ChatSpec
) -> NDArray[np.float64]:
    """Workload mode: ``chats * session_time / (interval * concurrency * productivity)``.

    "60 chats per 30 min, handle time 20 min, concurrency 2.5, productivity 75%" gives
    ``60 * 1200 / (1800 * 2.5 * 0.75) = 21.3`` agents (not rounded: a workload figure).
    """
    c = np.asarray(chats, dtype=float)
    return c * spec.session_time_s / (interval_s * spec.concurrency * spec.productivity)


def chat_agents_queueing(
    chats: ArrayLike,
    interval_s: float,
    spec: ChatSpec,
    response_time_s: float,
    target_share: float,
    patience_s: float | None = None,
) -> NDArray[np.int64]:
    """Queueing mode: agents so that ``target_share`` of chats get a first response
    within ``response_time_s``.

    Each agent offers ``concurrency`` session slots; the slots form an Erlang C (or A with
    ``patience_s``) queue with the per-session time :attr:`ChatSpec.session_time_s`. The
    slots needed are turned into agents with ``ceil(slots / (concurrency * productivity))``.
    """
    slots = required_agents(
        chats,
        interval_s,
        spec.session_time_s,
        response_time_s,
        target_service_level=target_share,
        patience_s=patience_s,
    )
    return _whole(np.ceil(slots / (spec.concurrency * spec.productivity) - _EPS))


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
    """

    handle_time_s: float = 360.0
    target_share: float = 0.9
    target_open_hours: float = 8.0

    def __post_init__(self) -> None:
        _in_range("handle_time_s", self.handle_time_s, 0, 86_400, low_open=True)
        _in_range("target_share", self.target_share, 0, 1, low_open=True)
        _in_range("target_open_hours", self.target_open_hours, 0, 10_000, low_open=True)


@dataclass(frozen=True)
class DeferredPlan:
    """Result of :func:`deferred_staffing`.

    Attributes
    ----------
    intervals : DataFrame
        ``ds, open, arrivals, agents, capacity_items, handled, backlog_end,
        on_time_share`` per interval (``on_time_share`` of the items that arrived in it,
        NaN where their deadline lies beyond the horizon or none arrived).
    achieved_share : float
        Share of items (with a deadline inside the horizon) answered in time.
    required_share : float
        The share the greedy pass had to aim for to achieve ``target_share`` under FIFO.
    """

    intervals: pd.DataFrame
    achieved_share: float
    required_share: float


def _deadlines(
    open_flags: NDArray[np.bool_], interval_min: float, hours: float
) -> NDArray[np.int64]:
    """Index of the interval by whose end an item arriving at the start of each interval
    has had ``hours`` of open time (``len`` when that is beyond the horizon)."""
    open_min = np.cumsum(open_flags * interval_min)
    before = np.concatenate([[0.0], open_min[:-1]])
    return np.searchsorted(open_min, before + hours * 60.0 - 1e-9, side="left")


def _fifo_on_time(
    arrivals: NDArray[np.float64], done_cum: NDArray[np.float64], deadline: NDArray[np.int64]
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Items of each arrival interval finished by their deadline, under FIFO."""
    arrived_before = np.concatenate([[0.0], np.cumsum(arrivals)[:-1]])
    inside = deadline < arrivals.size
    done_by_deadline = np.where(inside, done_cum[np.minimum(deadline, arrivals.size - 1)], 0.0)
    return np.clip(done_by_deadline - arrived_before, 0.0, arrivals), inside


class _Greedy:
    """The greedy pass of :func:`deferred_staffing`, for any aimed-at share.

    Per open interval ``j`` (closed ones keep the output and get nobody)::

        need = max(s * D_j - C, 0)
        k_j  = ceil(need / items_per_agent - eps)        (0 when need == 0)
        C    = min(C + k_j * items_per_agent, A_j)       (A_j = items arrived by j)

    Between two intervals where the cap ``A_j`` binds, ``C`` moves on the lattice
    ``C_start + m * items_per_agent`` and ``m_j = ceil((s * D_j - C_start) / items_per_agent
    - eps)`` is non-decreasing (``D`` is), so a block of intervals is guessed at once with
    numpy and then checked element by element against the recursion above, with the very
    same float operations (``np.cumsum`` adds in order). The checked prefix is kept; where
    the guess fails (the cap binds, or a rounding tie) the recursion runs in plain Python for
    a stretch before guessing again. The result is identical to the interval-by-interval loop.
    """

    _BLOCK_MIN = 64
    _BLOCK_MAX = 4096
    _SCALAR_MIN = 16
    _SCALAR_MAX = 1024

    def __init__(
        self,
        arrivals: NDArray[np.float64],
        open_flags: NDArray[np.bool_],
        deadline: NDArray[np.int64],
        items_per_agent: float,
    ) -> None:
        n = arrivals.size
        due = np.zeros(n + 1)
        np.add.at(due, np.minimum(deadline, n), arrivals)
        self.n = n
        self.items_per_agent = items_per_agent
        self.open_idx = np.flatnonzero(open_flags)
        self.due_cum = np.cumsum(due[:n])[self.open_idx]
        self.cap = np.cumsum(arrivals)[self.open_idx]
        self.cap_list: list[float] = self.cap.tolist()
        # for every interval, the last open interval at or before it (-1: none yet)
        self.last_open = np.searchsorted(self.open_idx, np.arange(n), side="right") - 1

    def __call__(self, share: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Agents per interval and cumulative items handled by the end of each interval."""
        ipa = self.items_per_agent
        aim = share * self.due_cum
        aim_list: list[float] = aim.tolist()
        cap, cap_list = self.cap, self.cap_list
        m = aim.size
        done_open = np.empty(m)
        k_open = np.empty(m)
        done = 0.0
        i = 0
        block, scalar = self._BLOCK_MIN, self._SCALAR_MIN
        while i < m:
            stop = min(i + block, m)
            a = aim[i:stop]
            steps = np.maximum.accumulate(np.maximum(np.ceil((a - done) / ipa - _EPS), 0.0))
            k = np.diff(steps, prepend=0.0)
            path = np.cumsum(np.concatenate(([done], k * ipa)))
            need = np.maximum(a - path[:-1], 0.0)
            k_check = np.where(need > 0, np.ceil(need / ipa - _EPS), 0.0)
            bad = np.flatnonzero((k_check != k) | (path[1:] > cap[i:stop]))
            good = stop - i if bad.size == 0 else int(bad[0])
            if good:
                done_open[i : i + good] = path[1 : good + 1]
                k_open[i : i + good] = k[:good]
                done = float(path[good])
                i += good
            if bad.size == 0:
                block = min(2 * block, self._BLOCK_MAX)
                continue
            # the guess failed at ``i``: the recursion itself for a stretch
            scalar = min(2 * scalar, self._SCALAR_MAX) if good < 16 else self._SCALAR_MIN
            block = self._BLOCK_MIN
            end = min(i + scalar, m)
            for j in range(i, end):
                need_j = max(aim_list[j] - done, 0.0)
                k_j = math.ceil(need_j / ipa - _EPS) if need_j > 0 else 0
                done = min(done + k_j * ipa, cap_list[j])
                done_open[j] = done
                k_open[j] = k_j
            i = end
        agents = np.zeros(self.n)
        agents[self.open_idx] = k_open
        if not m:
            return agents, np.zeros(self.n)
        done_cum = np.where(self.last_open >= 0, done_open[np.maximum(self.last_open, 0)], 0.0)
        return agents, done_cum


def deferred_staffing(work: pd.DataFrame, spec: DeferredSpec, interval_min: int) -> DeferredPlan:
    """Lowest staffing per open interval meeting "X% answered within H open hours".

    Algorithm: each interval's items get a deadline, the interval by whose end they have
    had ``H`` open hours (time while closed does not count). Working FIFO, the items
    handled by the end of interval ``j`` are the first ``C_j`` in arrival order, so
    an item is on time exactly when ``C`` at its deadline reaches its rank. A greedy pass
    staffs each open interval with the fewest whole agents that keep ``C_j >= s * D_j``
    (``D_j`` = items due by ``j``), working ahead on the backlog with any spare capacity;
    closed intervals get nobody. Under FIFO ``s = X`` can fall a little short of ``X%``
    (late items are not always the ones the curve lets slip), so ``s`` is raised by
    bisection in ``[X, 1]`` until the FIFO evaluation reaches the target; ``s = 1`` meets
    every deadline and needs the fewest agents that do so interval by interval.
    Each greedy pass guesses blocks of open intervals at once and checks the guess against
    the interval-by-interval recursion (``_Greedy``), so its result is that of the plain loop.

    Parameters
    ----------
    work : DataFrame
        ``ds``, ``arrivals`` (items arriving per interval) and ``open`` (bool).
    spec : DeferredSpec
    interval_min : int
        Interval length. [min]

    Returns
    -------
    DeferredPlan
    """
    for col in ("ds", "arrivals", "open"):
        if col not in work.columns:
            raise ValueError(f"work needs a column {col!r}")
    _in_range("interval_min", interval_min, 1, 1440)
    arrivals = np.clip(np.nan_to_num(work["arrivals"].to_numpy(dtype=float)), 0.0, None)
    open_flags = work["open"].to_numpy(dtype=bool)
    items_per_agent = interval_min * 60.0 / spec.handle_time_s
    deadline = _deadlines(open_flags, interval_min, spec.target_open_hours)

    greedy = _Greedy(arrivals, open_flags, deadline, items_per_agent)

    def achieved(share: float) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
        agents, done_cum = greedy(share)
        on_time, inside = _fifo_on_time(arrivals, done_cum, deadline)
        total = arrivals[inside].sum()
        return (on_time[inside].sum() / total if total > 0 else 1.0), agents, done_cum

    target = spec.target_share
    share_lo, share_hi = target, 1.0
    got, agents, done_cum = achieved(target)
    used = target
    if got < target - 1e-12:
        got_hi, agents_hi, done_hi = achieved(1.0)
        for _ in range(30):
            mid = 0.5 * (share_lo + share_hi)
            g_mid, a_mid, d_mid = achieved(mid)
            if g_mid >= target - 1e-12:
                share_hi, got_hi, agents_hi, done_hi = mid, g_mid, a_mid, d_mid
            else:
                share_lo = mid
            if share_hi - share_lo < 1e-6:
                break
        got, agents, done_cum, used = got_hi, agents_hi, done_hi, share_hi
    on_time, inside = _fifo_on_time(arrivals, done_cum, deadline)
    handled = np.diff(np.concatenate([[0.0], done_cum]))
    backlog = np.cumsum(arrivals) - done_cum
    with np.errstate(invalid="ignore", divide="ignore"):
        share_per = np.where(inside & (arrivals > 0), on_time / arrivals, np.nan)
    frame = pd.DataFrame(
        {
            "ds": work["ds"].reset_index(drop=True),
            "open": open_flags,
            "arrivals": arrivals,
            "agents": agents.astype(np.int64),
            "capacity_items": agents * items_per_agent,
            "handled": handled,
            "backlog_end": np.maximum(backlog, 0.0),
            "on_time_share": share_per,
        }
    )
    return DeferredPlan(intervals=frame, achieved_share=float(got), required_share=float(used))
