"""A time-varying Erlang C queue solved exactly over a run of intervals (M(t)/M/n(t)).

Erlang C per interval takes each interval to be in steady state on its own: an interval whose
load reaches its agents answers nobody in time, however short it is, and a queue left at its
end is forgotten. Over a 15-minute interval with a handle time of several minutes neither
holds. Here the number of items in the system is a birth-death chain whose rates change at
interval boundaries; its distribution is carried from one interval to the next (and over
closed time, when nothing moves) and found exactly by uniformisation [1]_.

Per open interval: arrivals at rate ``lambda``, ``n`` agents each finishing at rate ``1 / h``.
The time-average distribution ``p_bar`` over the interval is what its arrivals find (Poisson
arrivals see time averages). An arrival finding ``k >= n`` in the system waits for
``k - n + 1`` completions at rate ``n / h``, so it is picked up within ``T`` with probability
``P(Poisson(n T / h) >= k - n + 1)``. What arrives while closed waits at the next opening as a
Poisson batch, behind what was left, first in first out.

The days are solved side by side (one array row per day) and the queue a day leaves is
carried into the next by repeating the days it changes until nothing does, which gives the
sequential answer.

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
_TAIL: Final[float] = 1e-12
#: A day whose incoming queue changed less than this (total variation) is not solved again. [-]
_CARRY_TOL: Final[float] = 1e-6


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
        Mean wait of those arrivals in open time. [s]
    occupancy : ndarray
        Mean share of the agents busy in an open interval; 0 when closed. [-]
    """

    on_time_share: NDArray[np.float64]
    wait_s: NDArray[np.float64]
    occupancy: NDArray[np.float64]


def _within(states: NDArray[np.float64], agents: NDArray[np.float64],
            served: NDArray[np.float64]) -> NDArray[np.float64]:
    """P(picked up within the answer time) of an arrival finding ``states`` in the system:
    ``states - agents + 1`` completions, ``served`` of them expected within it (rows: days)."""
    need = states - agents[:, None] + 1.0
    got = special.gammainc(np.maximum(need, 1.0), np.maximum(served, 1e-300)[:, None])
    return np.where(need <= 0, 1.0, np.where(agents[:, None] > 0, got, 0.0))


def _poisson_table(means: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Poisson pmf and survival ``P(N > k)`` per row for ``k = 0..`` until every row's tail
    is below ``_TAIL``."""
    top = float(means.max(initial=0.0))
    terms = int(top + 10.0 * math.sqrt(top) + 20)
    k = np.arange(terms, dtype=float)
    safe = np.maximum(means, 1e-300)[:, None]
    pmf = np.where(means[:, None] > 0, np.exp(k * np.log(safe) - safe - special.gammaln(k + 1.0)),
                   (k == 0).astype(float))
    survival = np.where(means[:, None] > 0, special.gammainc(k + 1.0, safe), 0.0)  # P(N > k)
    beyond = np.flatnonzero(survival.max(axis=0) < _TAIL)
    last = int(beyond[0]) + 1 if beyond.size else terms
    return pmf[:, :last], survival[:, :last]


def _step(p: NDArray[np.float64], rate: NDArray[np.float64], agents: NDArray[np.float64],
          service: float, length_s: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Distributions (rows) at the end of one interval and their time averages."""
    size = p.shape[1]
    states = np.arange(size, dtype=float)
    birth = np.repeat(rate[:, None], size, axis=1)
    birth[:, -1] = 0.0  # the state space's edge holds: what would pass it is late anyway
    death = service * np.minimum(states[None, :], agents[:, None])
    total = rate + agents * service
    total = np.where(total > 0, total, 1.0)
    stay = 1.0 - (birth + death) / total[:, None]
    up, down = birth[:, :-1] / total[:, None], death[:, 1:] / total[:, None]
    pmf, survival = _poisson_table(np.where(rate + agents > 0, total * length_s, 0.0))
    end = pmf[:, :1] * p
    mean = survival[:, :1] * p
    v = p
    for k in range(1, pmf.shape[1]):
        nxt = v * stay
        nxt[:, 1:] += v[:, :-1] * up
        nxt[:, :-1] += v[:, 1:] * down
        v = nxt
        end += pmf[:, k:k + 1] * v
        mean += survival[:, k:k + 1] * v
    end /= end.sum(axis=1, keepdims=True)
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


def _batch_on_time(p: NDArray[np.float64], batch: float, agents: float, served: float,
                   service: float) -> tuple[float, float]:
    """Share of a Poisson batch (mean ``batch``) picked up within the answer time behind the
    queue ``p`` at the opening, and its mean wait. [-], [s]"""
    size = p.size
    m = np.arange(size, dtype=float)
    g = _within(m, np.array([agents]), np.array([served]))[0]
    in_time = np.correlate(g, p, mode="full")[size - 1:][:size]  # j batch items ahead
    ahead = np.correlate(np.maximum(m - agents + 1.0, 0.0), p, mode="full")[size - 1:][:size]
    at_least = special.gammainc(m + 1.0, batch)  # P(B >= j + 1)
    wait = float((at_least * ahead).sum() / batch) / (agents * service) if agents > 0 else np.inf
    return float((at_least * in_time).sum() / batch), wait


@dataclass
class _Days:
    """The intervals as a day x time-of-day grid (padding: closed, nothing arrives)."""

    where: NDArray[np.int64]  # grid cell (day * width + slot) of each interval
    rate: NDArray[np.float64]  # arrivals per second
    agents: NDArray[np.float64]
    open: NDArray[np.bool_]
    waiting: NDArray[np.float64]  # items waiting at an open cell's start (batch)


def _grid(arrivals: NDArray[np.float64], staff: NDArray[np.float64], open_flags: NDArray[np.bool_],
          waiting: NDArray[np.float64], day: NDArray[np.int64], interval_s: float) -> _Days:
    first = np.r_[0, np.flatnonzero(np.diff(day)) + 1]
    slot = np.arange(day.size) - np.repeat(first, np.diff(np.r_[first, day.size]))
    row = np.repeat(np.arange(first.size), np.diff(np.r_[first, day.size]))
    width = int(slot.max(initial=0)) + 1
    where = row * width + slot
    shape = (first.size, width)

    def put(values: NDArray, fill: float | bool) -> NDArray:
        out = np.full(shape[0] * shape[1], fill, dtype=np.asarray(values).dtype)
        out[where] = values
        return out.reshape(shape)

    return _Days(where, put(arrivals / interval_s, 0.0), put(staff, 0.0), put(open_flags, False),
                 put(waiting, 0.0))


def transient_erlang_c(arrivals: NDArray[np.float64], agents: NDArray[np.float64],
                       open_flags: NDArray[np.bool_], interval_s: float, handle_s: float,
                       answer_s: float, *, start_items: float = 0.0,
                       day: NDArray[np.int64] | None = None) -> TransientQueue:
    """The time-varying Erlang C queue over consecutive intervals, exactly.

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
        Interval length. [s]
    handle_s : float
        Mean handle time, exponential. [s]
    answer_s : float
        Answer time the on-time share counts, in open time. [s]
    start_items : float
        Expected items (Poisson) waiting at the first open interval. [items]
    day : ndarray of int, optional
        Day number of each interval, non-decreasing (days are solved side by side); default
        whole days of ``interval_s`` from the first interval.

    Returns
    -------
    TransientQueue
    """
    arrivals = np.clip(np.nan_to_num(np.asarray(arrivals, float)), 0.0, None)
    staff = np.floor(np.clip(np.nan_to_num(np.asarray(agents, float)), 0.0, None) + 1e-9)
    open_flags = np.asarray(open_flags, bool)
    n = arrivals.size
    if day is None:
        day = np.arange(n) // max(1, int(round(86_400.0 / interval_s)))
    service = 1.0 / handle_s
    waiting = _closed_batches(arrivals, open_flags, start_items)
    size = _state_space(arrivals, staff, open_flags, waiting)
    days = _grid(arrivals, staff, open_flags, waiting, np.asarray(day), interval_s)
    rows = days.rate.shape[0]
    start = np.zeros((rows, size))
    start[:, 0] = 1.0
    out = np.full((5, *days.rate.shape), np.nan)  # share, wait, occupancy, batch share, wait
    todo = np.arange(rows)
    ends = start.copy()
    for _ in range(rows):  # each pass settles at least one more day; most settle at once
        ends[todo] = _solve_days(days, todo, start[todo], service, interval_s, answer_s, out)
        carried = np.vstack([start[:1], ends[:-1]])
        changed = np.flatnonzero(np.abs(carried - start).sum(axis=1) > _CARRY_TOL)
        start = carried
        if not changed.size:
            break
        todo = changed
    share, wait, occupancy, batch_share, batch_wait = (part.reshape(-1)[days.where] for part in out)
    share, wait = _closed_share(share, wait, batch_share, batch_wait, arrivals, open_flags)
    return TransientQueue(share, wait, np.nan_to_num(np.where(open_flags, occupancy, 0.0)))


def _solve_days(days: _Days, todo: NDArray[np.int64], p: NDArray[np.float64], service: float,
                interval_s: float, answer_s: float, out: NDArray[np.float64]) -> NDArray[np.float64]:
    """Runs the days ``todo`` from their starting distributions ``p``; writes each open cell's
    share, wait, occupancy and its opening batch's share and wait into ``out`` (5 layers) and
    returns the days' end distributions."""
    size = p.shape[1]
    states = np.arange(size, dtype=float)
    p = p.copy()
    for j in range(days.rate.shape[1]):
        live = np.flatnonzero(days.open[todo, j])
        if not live.size:
            continue
        cells = todo[live]
        a, rate = days.agents[cells, j], days.rate[cells, j]
        served = a * service * answer_s
        for r, cell, agents, within in zip(live.tolist(), cells.tolist(), a.tolist(), served.tolist(),
                                            strict=True):
            batch = float(days.waiting[cell, j])
            if batch > 0:
                out[3, cell, j], out[4, cell, j] = _batch_on_time(p[r], batch, agents, within, service)
                p[r] = _join_batch(p[r], batch)
        end, mean = _step(p[live], rate, a, service, interval_s)
        p[live] = end
        ahead = np.maximum(states[None, :] - a[:, None] + 1.0, 0.0)
        busy = rate > 0
        out[0, cells, j] = np.where(busy, (mean * _within(states, a, served)).sum(axis=1), np.nan)
        out[1, cells, j] = np.where(busy & (a > 0), (mean * ahead).sum(axis=1)
                                    / np.maximum(a * service, 1e-300), np.where(busy, np.inf, np.nan))
        out[2, cells, j] = np.where(a > 0, (mean * np.minimum(states[None, :], a[:, None])).sum(axis=1)
                                    / np.maximum(a, 1.0), 0.0)
    return p


def _closed_batches(arrivals: NDArray[np.float64], open_flags: NDArray[np.bool_],
                    start_items: float) -> NDArray[np.float64]:
    """Items waiting at each open interval's start: what arrived while closed before it and,
    at the first, the start backlog."""
    open_idx = np.flatnonzero(open_flags)
    waiting = np.zeros(arrivals.size)
    if not open_idx.size:
        return waiting
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
    if open_idx.size:
        joins = np.searchsorted(open_idx, closed, side="left")
        inside = (joins < open_idx.size) & (arrivals[closed] > 0)
        share[closed[inside]] = batch_share[open_idx[joins[inside]]]
        wait[closed[inside]] = batch_wait[open_idx[joins[inside]]]
    return share, wait
