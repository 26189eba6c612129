"""Deferred work (e-mail, WhatsApp, back office): the fewest agents for "X% answered within
H open hours", the forward mode of the FIFO backlog in ``kcc.queueing.backlog`` (its deadlines
and its on-time rule; the plan's reverse mode uses the same model)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from kcc.checks import in_interval
from kcc.queueing.backlog import fifo_on_time, open_deadlines
from kcc.staffing.hours import EPS

__all__ = ["DeferredPlan", "DeferredSpec", "deferred_staffing"]


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
        in_interval("handle_time_s", self.handle_time_s, 0, 86_400, low_open=True)
        in_interval("target_share", self.target_share, 0, 1, low_open=True)
        in_interval("target_open_hours", self.target_open_hours, 0, 10_000, low_open=True)


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
            steps = np.maximum.accumulate(np.maximum(np.ceil((a - done) / ipa - EPS), 0.0))
            k = np.diff(steps, prepend=0.0)
            path = np.cumsum(np.concatenate(([done], k * ipa)))
            need = np.maximum(a - path[:-1], 0.0)
            k_check = np.where(need > 0, np.ceil(need / ipa - EPS), 0.0)
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
                k_j = math.ceil(need_j / ipa - EPS) if need_j > 0 else 0
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
    in_interval("interval_min", interval_min, 1, 1440)
    arrivals = np.clip(np.nan_to_num(work["arrivals"].to_numpy(dtype=float)), 0.0, None)
    open_flags = work["open"].to_numpy(dtype=bool)
    items_per_agent = interval_min * 60.0 / spec.handle_time_s
    deadline = open_deadlines(open_flags, interval_min, spec.target_open_hours)

    greedy = _Greedy(arrivals, open_flags, deadline, items_per_agent)

    def achieved(share: float) -> tuple[float, NDArray[np.float64], NDArray[np.float64]]:
        agents, done_cum = greedy(share)
        on_time, inside = fifo_on_time(arrivals, done_cum, deadline)
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
    on_time, inside = fifo_on_time(arrivals, done_cum, deadline)
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
