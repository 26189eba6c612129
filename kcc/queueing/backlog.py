"""Deferred work (e-mail, WhatsApp, back office) as a first-in first-out backlog worked in
open time, judged against a deadline counted in open time ("90% within 8 open hours").

One model, two directions:

* reverse -- the service given capacity: :func:`fifo_backlog` (``kcc.plan`` with the roster);
* forward -- the fewest whole agents for a target: ``kcc.staffing.deferred_staffing``, a
  greedy pass whose finished work follows the same recursion and which is judged by the same
  :func:`open_deadlines` and :func:`fifo_on_time`.

The work is fluid (fractions of an item are fine), nobody abandons and whole intervals are the
time step: what arrives in an interval can be worked in it, and the cumulative work finished
by the end of interval ``k`` is ``F_k = min(F_{k-1} + capacity_k, A_k)`` (``A_k`` = work
arrived by then; Lindley's recursion on the backlog ``A_k - F_k``). Under FIFO, a cohort of
work is finished in time exactly as far as ``F`` at its deadline passes its place in the line.

A real-time queue whose contacts wait seconds and give up is another behaviour:
:mod:`kcc.queueing.fluid`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["Backlog", "fifo_backlog", "fifo_finished", "fifo_on_time", "open_deadlines"]

#: Work below this is treated as finished when a deadline lies beyond the horizon. [work]
_DONE_TOLERANCE = 1e-6


def open_deadlines(
    open_flags: NDArray[np.bool_], interval_min: float, hours: float
) -> NDArray[np.int64]:
    """Each interval's deadline: the interval by whose end work arriving at its start has had
    ``hours`` of open time (time while closed does not count).

    Parameters
    ----------
    open_flags : ndarray of bool
        Open intervals.
    interval_min : float
        Interval length. [min]
    hours : float
        Response time in open hours. [h] (> 0)

    Returns
    -------
    ndarray of int64
        Index of the deadline interval; ``len(open_flags)`` where it lies beyond the horizon.
        Work arriving in a closed interval waits for the next open one.
    """
    open_min = np.cumsum(open_flags * interval_min)
    before = np.concatenate([[0.0], open_min[:-1]])
    return np.searchsorted(open_min, before + hours * 60.0 - 1e-9, side="left")


def fifo_finished(arrivals: NDArray[np.float64], capacity: NDArray[np.float64]) -> NDArray[np.float64]:
    """Cumulative work finished by the end of each interval, worked first in first out.

    ``F_k = min(F_{k-1} + capacity_k, A_k)`` in closed form: the backlog ``A_k - F_k`` is
    ``S_k - min(0, min_{j<=k} S_j)`` with ``S`` the cumulative arrivals minus capacity.

    Parameters
    ----------
    arrivals, capacity : ndarray
        Work arriving and work the agents can do per interval (same unit, e.g. seconds of
        handling or items).

    Returns
    -------
    ndarray
        ``F`` per interval (same unit).
    """
    return np.cumsum(arrivals) - _lindley_backlog(arrivals, capacity)


def _lindley_backlog(arrivals: NDArray[np.float64], capacity: NDArray[np.float64]) -> NDArray[np.float64]:
    """Work waiting at each interval's end, ``max(B_{k-1} + arrivals_k - capacity_k, 0)``."""
    s_cum = np.cumsum(arrivals - capacity)
    return s_cum - np.minimum(0.0, np.minimum.accumulate(s_cum))


def fifo_on_time(
    arrivals: NDArray[np.float64], finished: NDArray[np.float64], deadline: NDArray[np.int64]
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Work of each interval's arrivals finished by its deadline, under FIFO.

    Parameters
    ----------
    arrivals : ndarray
        Work arriving per interval.
    finished : ndarray
        Cumulative work finished by the end of each interval (:func:`fifo_finished`).
    deadline : ndarray of int
        Deadline interval per interval (:func:`open_deadlines`).

    Returns
    -------
    on_time : ndarray
        Work finished in time, ``0..arrivals``; where the deadline lies beyond the horizon,
        the work finished by the horizon's end.
    inside : ndarray of bool
        The deadline lies inside the horizon.
    """
    n = arrivals.size
    arrived_before = np.concatenate([[0.0], np.cumsum(arrivals)[:-1]])
    inside = deadline < n
    by_deadline = finished[np.minimum(deadline, n - 1)] if n else finished
    return np.clip(by_deadline - arrived_before, 0.0, arrivals), inside


@dataclass(frozen=True, eq=False)
class Backlog:
    """Result of :func:`fifo_backlog`; arrays per interval.

    Attributes
    ----------
    finished : ndarray
        Cumulative work finished by the interval's end.
    backlog : ndarray
        Work waiting at the interval's end.
    on_time_share : ndarray
        Share of the interval's arrivals finished by their deadline [0..1]; NaN without
        arrivals, and where the deadline lies beyond the horizon unless all of them are done.
    wait_intervals : ndarray
        Response time of the middle of the interval's arrivals, from the middle of its interval
        to the end of the interval that finishes it [intervals]; NaN without arrivals or when
        unfinished at the horizon's end.
    occupancy : ndarray
        Share of the capacity used [0..1]; 0 without capacity.
    """

    finished: NDArray[np.float64]
    backlog: NDArray[np.float64]
    on_time_share: NDArray[np.float64]
    wait_intervals: NDArray[np.float64]
    occupancy: NDArray[np.float64]


def fifo_backlog(
    arrivals: NDArray[np.float64], capacity: NDArray[np.float64], deadline: NDArray[np.int64]
) -> Backlog:
    """Service a FIFO backlog gives with the capacity it has (reverse mode).

    Parameters
    ----------
    arrivals : ndarray
        Work arriving per interval (e.g. seconds of handling). Pass open intervals only, or
        closed ones with no capacity.
    capacity : ndarray
        Work the agents can do per interval (same unit).
    deadline : ndarray of int
        Deadline interval per interval (:func:`open_deadlines`).

    Returns
    -------
    Backlog
    """
    m = arrivals.size
    arrived = np.cumsum(arrivals)
    backlog = _lindley_backlog(arrivals, capacity)
    finished = arrived - backlog
    on_time, inside = fifo_on_time(arrivals, finished, deadline)
    step = np.arange(m)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = on_time / arrivals
        # a deadline after the horizon is unknown unless the cohort is already done
        unfinished = (~inside) & (finished[m - 1] < arrived - _DONE_TOLERANCE) if m else inside
        share = np.where(unfinished, np.nan, share)
        # the middle of each cohort is finished when ``finished`` passes it
        middle = np.concatenate([[0.0], arrived[:-1]]) + arrivals / 2.0
        finish = np.searchsorted(finished, middle - _DONE_TOLERANCE, side="left").astype(float)
        wait = np.where(finish < m, finish - step + 0.5, np.nan)
        used = np.minimum(capacity, arrivals + np.concatenate([[0.0], backlog[:-1]]))
        occupancy = np.where(capacity > 0, used / capacity, 0.0)
    busy = arrivals > 0
    return Backlog(
        finished=finished,
        backlog=backlog,
        on_time_share=np.where(busy, share, np.nan),
        wait_intervals=np.where(busy, wait, np.nan),
        occupancy=occupancy,
    )
