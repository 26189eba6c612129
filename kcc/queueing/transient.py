"""A time-varying Erlang C queue carried across intervals and closed time (M(t)/M/n(t)), exactly.

Erlang C per interval takes every interval to be in steady state on its own: an interval whose
load reaches its agents answers nobody in time, however short it is, and a queue left at its
end is forgotten. With a 15-minute interval and a handle time of several minutes neither
holds, and a short response target (WhatsApp: 80% within 15 open minutes) reads several points
low. Here the number of items in the system is a birth-death chain whose rates change at
interval boundaries; its distribution is carried from one interval to the next (and over
closed time, when nothing moves) and found by uniformisation [1]_.

Per open interval: arrivals at rate ``lambda``, ``n`` whole agents each finishing at rate
``1 / h``. The time-average distribution over the interval is what its arrivals find (Poisson
arrivals see time averages). An arrival finding ``k >= n`` in the system waits for
``k - n + 1`` completions at rate ``n / h``, so it is picked up within ``T`` with probability
``P(Poisson(n T / h) >= k - n + 1)``. What arrives while closed waits at the next opening as a
Poisson batch, behind what was left, first in first out.

Speed: a week's days run one after the other in one array row and the weeks side by side, one
slot at a time; the queue a week leaves is carried into the next by solving again, each row
stopping at the first day whose start is within ``_CARRY_TOL`` of the last solve's (a queue
forgets where it started within a few days). Within an interval the uniformised powers go into
one buffer and are weighted by the Poisson terms at once; what depends only on the head count
(the chance to be picked up in time from each state) is computed once per head count.

References
----------
.. [1] W. K. Grassmann, "Transient solutions in Markovian queueing systems", Computers &
   Operations Research 4 (1977) 47-53 (uniformisation).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray
from scipy import special

__all__ = ["TransientQueue", "transient_erlang_c"]

#: Probability mass of the uniformised Poisson sum left out per interval. [-]
_TAIL: Final[float] = 1e-13
#: A day whose incoming distribution changed less than this (total variation) is not solved
#: again; the figures then move by less than this. [-]
_CARRY_TOL: Final[float] = 1e-11
#: Consecutive days solved one after the other in one array row; the rows (weeks) are solved
#: side by side and the queue a week leaves is carried into the next by solving again. A week
#: forgets where it started far better than a day does, so one more pass, stopped early,
#: usually settles it; fewer and longer rows would leave numpy's per-call cost in charge. [days]
_DAYS_PER_ROW: Final[int] = 7
#: Half a whole agent: counts of agents are floored after adding it less than this. [agents]
_EPS: Final[float] = 1e-9


@dataclass(frozen=True, eq=False)
class TransientQueue:
    """Result of :func:`transient_erlang_c`, per interval.

    Attributes
    ----------
    on_time_share : ndarray
        Share of the interval's arrivals picked up within the answer time; for a closed
        interval the share of the batch it joins at the next opening; NaN where nothing
        arrives or nothing is open after it. [-]
    wait_s : ndarray
        Mean wait of those arrivals in open time; ``inf`` where no agent works. [s]
    occupancy : ndarray
        Mean share of the agents busy in an open interval; 0 when closed or unstaffed. [-]
    """

    on_time_share: NDArray[np.float64]
    wait_s: NDArray[np.float64]
    occupancy: NDArray[np.float64]


@dataclass(frozen=True)
class _PerAgents:
    """What depends on the head count only, per state ``k`` (rows: head counts 0..max)."""

    within: NDArray[np.float64]  # P(picked up within the answer time | k in the system)
    ahead: NDArray[np.float64]  # completions to wait for: max(k - n + 1, 0)
    busy: NDArray[np.float64]  # agents busy: min(k, n)


def _per_agents(top: int, size: int, service: float, answer_s: float) -> _PerAgents:
    n = np.arange(top + 1, dtype=float)[:, None]
    k = np.arange(size, dtype=float)[None, :]
    need = k - n + 1.0
    got = special.gammainc(np.maximum(need, 1.0), np.maximum(n * service * answer_s, 1e-300))
    within = np.where(need <= 0, 1.0, np.where(n > 0, got, 0.0))
    return _PerAgents(within, np.maximum(need, 0.0), np.minimum(k, n))


@dataclass(frozen=True)
class _Grid:
    """The intervals as a row (``_DAYS_PER_ROW`` consecutive days) x slot grid (padding:
    closed, nothing arrives)."""

    where: NDArray[np.int64]  # grid cell (row * width + slot) of each interval
    rate: NDArray[np.float64]  # arrivals per second
    agents: NDArray[np.int64]
    open: NDArray[np.bool_]
    waiting: NDArray[np.float64]  # items waiting at an open cell's start (batch)
    first: NDArray[np.bool_]  # the cell starts a day
    day: NDArray[np.int64]  # day of the cell within its row


def _grid(arrivals: NDArray[np.float64], staff: NDArray[np.int64], open_flags: NDArray[np.bool_],
          waiting: NDArray[np.float64], rank: NDArray[np.int64], interval_s: float) -> _Grid:
    row = rank // _DAYS_PER_ROW
    first = np.r_[0, np.flatnonzero(np.diff(row)) + 1]
    lengths = np.diff(np.r_[first, row.size])
    slot = np.arange(row.size) - np.repeat(first, lengths)
    width = int(slot.max(initial=0)) + 1
    where = row * width + slot
    shape = (int(row.max(initial=0)) + 1, width)

    def put(values: NDArray, fill: float | bool) -> NDArray:
        out = np.full(shape[0] * shape[1], fill, dtype=np.asarray(values).dtype)
        out[where] = values
        return out.reshape(shape)

    starts = np.r_[True, np.diff(rank) != 0]
    return _Grid(where, put(arrivals / interval_s, 0.0), put(staff, 0), put(open_flags, False),
                 put(waiting, 0.0), put(starts, False), put(rank % _DAYS_PER_ROW, 0))


def transient_erlang_c(arrivals: NDArray[np.float64], agents: NDArray[np.float64],
                       open_flags: NDArray[np.bool_], interval_s: float, handle_s: float,
                       answer_s: float, *, start_items: float = 0.0,
                       day: NDArray[np.int64] | None = None) -> TransientQueue:
    """The time-varying Erlang C queue over consecutive intervals, carried across them.

    Parameters
    ----------
    arrivals : ndarray
        Expected items arriving per interval (Poisson). [items]
    agents : ndarray
        Agents working per interval; a fraction of an agent answers nothing. [agents]
    open_flags : ndarray of bool
        Intervals in which items are picked up; in closed ones nothing moves and arrivals wait
        for the next opening.
    interval_s : float
        Interval length. [s] (> 0)
    handle_s : float
        Mean handle time, exponential. [s] (> 0)
    answer_s : float
        Answer time the on-time share counts, in open time. [s] (>= 0)
    start_items : float
        Expected items (Poisson) waiting at the first open interval. [items]
    day : ndarray of int, optional
        Day number of each interval, non-decreasing. Only the speed depends on it (days are
        solved side by side and the queue carried between them until it settles); default
        whole days of ``interval_s`` from the first interval. Local dates, so a day starts
        and ends closed, need the fewest passes.

    Returns
    -------
    TransientQueue

    Raises
    ------
    ValueError
        When the arrays differ in length or a time is out of range.

    References
    ----------
    .. [1] W. K. Grassmann, "Transient solutions in Markovian queueing systems", Computers &
       Operations Research 4 (1977) 47-53.
    """
    arrivals = np.clip(np.nan_to_num(np.asarray(arrivals, dtype=float)), 0.0, None)
    staff = np.floor(np.clip(np.nan_to_num(np.asarray(agents, dtype=float)), 0.0, 1e6) + _EPS)
    open_flags = np.asarray(open_flags, dtype=bool)
    n = arrivals.size
    if staff.size != n or open_flags.size != n:
        raise ValueError("arrivals, agents and open_flags need the same length")
    if not (interval_s > 0 and handle_s > 0 and answer_s >= 0):
        raise ValueError("interval_s and handle_s must be > 0 and answer_s >= 0")
    day = (np.arange(n) // max(1, int(round(86_400.0 / interval_s))) if day is None
           else np.asarray(day, dtype=np.int64))
    if day.size != n or np.any(np.diff(day) < 0):
        raise ValueError("day needs one non-decreasing number per interval")
    if not n or not open_flags.any():
        nan = np.full(n, np.nan)
        return TransientQueue(nan, nan.copy(), np.zeros(n))
    service = 1.0 / handle_s
    waiting = _closed_batches(arrivals, open_flags, start_items)
    size = _state_space(arrivals, staff, open_flags, waiting)
    rank = np.cumsum(np.r_[0, np.diff(day) != 0])
    grid = _grid(arrivals, staff.astype(np.int64), open_flags, waiting, rank, interval_s)
    heads = _per_agents(int(staff.max(initial=0.0)), size, service, answer_s)
    rows, width = grid.rate.shape
    start = np.zeros((rows, size))
    start[:, 0] = 1.0
    out = np.full((5, rows, width), np.nan)  # share, wait, occupancy, batch share, wait
    ends = np.empty((rows, size))
    trace = np.empty((rows, _DAYS_PER_ROW, size))  # each row's distribution at each day's start
    todo = np.arange(rows)
    for settled in range(rows):  # each pass settles at least one more day; most settle at once
        _solve_days(grid, todo, start[todo], service, interval_s, heads, out, ends, trace,
                    again=settled > 0)
        carried = np.vstack([start[:1], ends[:-1]])
        todo = np.flatnonzero(np.abs(carried - start).sum(axis=1) > _CARRY_TOL)
        start = carried
        if not todo.size:
            break
    share, wait, occupancy, batch_share, batch_wait = (part.reshape(-1)[grid.where] for part in out)
    share, wait = _closed_share(share, wait, batch_share, batch_wait, arrivals, open_flags)
    return TransientQueue(share, wait, np.nan_to_num(np.where(open_flags, occupancy, 0.0)))


def _solve_days(grid: _Grid, todo: NDArray[np.int64], p: NDArray[np.float64], service: float,
                interval_s: float, heads: _PerAgents, out: NDArray[np.float64],
                ends: NDArray[np.float64], trace: NDArray[np.float64], *, again: bool) -> None:
    """Runs the rows of days ``todo`` from their starting distributions ``p`` (rows); writes each open
    cell's share, wait, occupancy and its opening batch's share and wait into ``out`` (5
    layers), each day's starting distribution into ``trace`` and the days' end distributions
    into ``ends``. Solving ``again``, a day stops where its distribution is within
    ``_CARRY_TOL`` of the last solve's at a day's start (the chain only contracts
    differences): the rest of that row stands."""
    p = p.copy()
    for j in range(grid.rate.shape[1]):
        first = grid.first[todo, j]
        if first.any():
            if again:
                moved = ~first
                moved[first] = (np.abs(p[first] - trace[todo[first], grid.day[todo[first], j]]).sum(axis=1)
                                > _CARRY_TOL)
                todo, p, first = todo[moved], p[moved], first[moved]
                if not todo.size:
                    return
            trace[todo[first], grid.day[todo[first], j]] = p[first]
        live = np.flatnonzero(grid.open[todo, j])
        if not live.size:
            continue
        cells = todo[live]
        a, rate = grid.agents[cells, j], grid.rate[cells, j]
        batch = grid.waiting[cells, j]
        for r, cell, b in zip(live[batch > 0].tolist(), cells[batch > 0].tolist(),
                              batch[batch > 0].tolist(), strict=True):
            n = int(grid.agents[cell, j])
            out[3, cell, j], out[4, cell, j] = _batch_on_time(p[r], b, n, heads, service)
            p[r] = _join_batch(p[r], b)
        end, mean = _step(p[live], rate, a, service, interval_s)
        p[live] = end
        has = rate > 0
        out[0, cells, j] = np.where(has, (mean * heads.within[a]).sum(axis=1), np.nan)
        wait = (mean * heads.ahead[a]).sum(axis=1) / np.maximum(a * service, 1e-300)
        out[1, cells, j] = np.where(has, np.where(a > 0, wait, np.inf), np.nan)
        out[2, cells, j] = (mean * heads.busy[a]).sum(axis=1) / np.maximum(a, 1)
    ends[todo] = p


def _poisson_weights(means: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Poisson pmf and survival ``P(N > k)`` per row for ``k = 0..`` until every row's tail is
    below ``_TAIL`` (columns: terms)."""
    top = float(means.max(initial=0.0))
    terms = int(top + 10.0 * math.sqrt(top) + 20)
    k = np.arange(terms, dtype=float)
    safe = np.maximum(means, 1e-300)[:, None]
    pmf = np.where(means[:, None] > 0, np.exp(k * np.log(safe) - safe - special.gammaln(k + 1.0)),
                   (k == 0).astype(float))
    # P(N > k) from the top down keeps the small tail exact
    survival = np.cumsum(pmf[:, ::-1], axis=1)[:, ::-1] - pmf
    survival += np.where(means[:, None] > 0, special.gammainc(float(terms), safe), 0.0)
    beyond = np.flatnonzero(survival.max(axis=0) < _TAIL)
    last = int(beyond[0]) + 1 if beyond.size else terms
    return pmf[:, :last], survival[:, :last]


def _step(p: NDArray[np.float64], rate: NDArray[np.float64], agents: NDArray[np.int64],
          service: float, length_s: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Distributions (rows) at the end of one interval and their time averages."""
    rows, size = p.shape
    states = np.arange(size, dtype=float)
    total = rate + agents * service
    total = np.where(total > 0, total, 1.0)
    up = (rate / total)[:, None]
    down = service * np.minimum(states[None, 1:], agents[:, None]) / total[:, None]
    stay = np.empty((rows, size))
    stay[:, :-1] = 1.0 - up
    stay[:, -1] = 1.0  # the state space's edge holds: what would pass it is late anyway
    stay[:, 1:] -= down
    # All rows as one flat run, so each step is three products on whole contiguous arrays (half
    # the time of row-wise views on the demo). A move across a row's edge weighs exactly zero, so
    # the rows stay apart and every sum is the same to the last bit.
    rise = np.zeros((rows, size))
    rise[:, :-1] = up
    fall = np.zeros((rows, size))
    fall[:, 1:] = down
    flat_stay, flat_rise, flat_fall = stay.ravel(), rise.ravel()[:-1], fall.ravel()[1:]
    pmf, survival = _poisson_weights(np.where(rate + agents > 0, total * length_s, 0.0))
    flat = np.empty((pmf.shape[1], rows * size))  # p U^k, one contiguous block per k
    flat[0] = p.ravel()
    scratch = np.empty(rows * size - 1)
    for k in range(1, pmf.shape[1]):
        v, nxt = flat[k - 1], flat[k]
        np.multiply(v, flat_stay, out=nxt)
        np.multiply(v[:-1], flat_rise, out=scratch)
        nxt[1:] += scratch
        np.multiply(v[1:], flat_fall, out=scratch)
        nxt[:-1] += scratch
    powers = flat.reshape(pmf.shape[1], rows, size)
    # einsum adds the weighted powers term by term as the product-and-sum did, to the same bits,
    # without the (terms x rows x states) product in between: two fifths less time per step
    # (the demo's plans with e-mail at 2 h: 10.2 s -> 5.9 s of steps, every one bit-identical)
    end = np.einsum("rk,krs->rs", pmf, powers)
    mean = np.einsum("rk,krs->rs", survival, powers)
    end = end / end.sum(axis=1, keepdims=True)
    mean_sum = mean.sum(axis=1, keepdims=True)
    mean = np.where(mean_sum > 0, mean / np.where(mean_sum > 0, mean_sum, 1.0), p)
    return end, mean


def _join_batch(p: NDArray[np.float64], batch: float) -> NDArray[np.float64]:
    """``p`` plus a Poisson number of items with mean ``batch``, held at the state space's edge."""
    size = p.size
    k = np.arange(size, dtype=float)
    pmf = np.exp(k * math.log(batch) - batch - special.gammaln(k + 1.0))
    joined = np.convolve(p, pmf)
    joined[size - 1] += joined[size:].sum()
    out = joined[:size]
    return out / out.sum()


def _batch_on_time(p: NDArray[np.float64], batch: float, agents: int, heads: _PerAgents,
                   service: float) -> tuple[float, float]:
    """Share of a Poisson batch (mean ``batch``) picked up within the answer time behind the
    queue ``p`` at the opening, and its mean wait. [-], [s]"""
    size = p.size
    in_time = np.correlate(heads.within[agents], p, mode="full")[size - 1:][:size]  # j ahead
    ahead = np.correlate(heads.ahead[agents], p, mode="full")[size - 1:][:size]
    at_least = special.gammainc(np.arange(size, dtype=float) + 1.0, batch)  # P(B >= j + 1)
    wait = float((at_least * ahead).sum() / batch) / (agents * service) if agents > 0 else math.inf
    return float((at_least * in_time).sum() / batch), wait


def _closed_batches(arrivals: NDArray[np.float64], open_flags: NDArray[np.bool_],
                    start_items: float) -> NDArray[np.float64]:
    """Items waiting at each open interval's start: what arrived while closed before it and,
    at the first, the start backlog."""
    open_idx = np.flatnonzero(open_flags)
    waiting = np.zeros(arrivals.size)
    joins = np.searchsorted(open_idx, np.arange(arrivals.size), side="left")
    closed = ~open_flags & (joins < open_idx.size)
    np.add.at(waiting, open_idx[joins[closed]], arrivals[closed])
    waiting[open_idx[0]] += max(float(start_items), 0.0)
    return waiting


def _state_space(arrivals: NDArray[np.float64], staff: NDArray[np.float64],
                 open_flags: NDArray[np.bool_], waiting: NDArray[np.float64]) -> int:
    """States kept: room for the most agents, an interval's arrivals and the largest batch
    several standard deviations over, plus a margin for a queue carried over."""
    busiest = float(np.max(arrivals[open_flags], initial=0.0))
    batch = float(waiting.max(initial=0.0))
    return int(staff.max(initial=0.0) + 2.0 * busiest + batch + 6.0 * math.sqrt(batch + busiest) + 20)


def _closed_share(open_share: NDArray[np.float64], open_wait: NDArray[np.float64],
                  batch_share: NDArray[np.float64], batch_wait: NDArray[np.float64],
                  arrivals: NDArray[np.float64],
                  open_flags: NDArray[np.bool_]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Open intervals keep their own figures; a closed interval's arrivals take those of the
    batch they join at the next opening (NaN when nothing opens after them)."""
    share, wait = open_share.copy(), open_wait.copy()
    open_idx = np.flatnonzero(open_flags)
    closed = np.flatnonzero(~open_flags)
    share[closed] = np.nan
    wait[closed] = np.nan
    joins = np.searchsorted(open_idx, closed, side="left")
    inside = (joins < open_idx.size) & (arrivals[closed] > 0)
    share[closed[inside]] = batch_share[open_idx[joins[inside]]]
    wait[closed[inside]] = batch_wait[open_idx[joins[inside]]]
    return share, wait
