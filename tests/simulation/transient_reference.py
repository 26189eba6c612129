"""A slow, independent reference for the carried time-varying queue (M(t)/M/n(t)).

The number of items in the system is a birth-death chain whose rates change at interval
boundaries. This reference solves it interval by interval with matrix exponentials instead of
uniformisation:

* the generator ``Q`` of an open interval is written out in full: ``lambda`` up from every
  state but the top one, ``min(k, n) / h`` down from state ``k``;
* the distribution at the interval's end is ``p expm(Q t)``;
* the time-average distribution over the interval, which its Poisson arrivals find, is
  ``p (1/t) integral_0^t expm(Q s) ds``, read off the top-right block of the block
  exponential ``expm([[0, p], [0, Q]] t)`` (Van Loan [1]_; the textbook
  ``expm([[Q, I], [0, 0]] t)`` gives the same integral for every ``p`` at twice the size);
* an arrival finding ``k >= n`` in the system waits for ``k - n + 1`` completions at rate
  ``n / h``: picked up within ``T`` when a Poisson count with mean ``n T / h`` exceeds
  ``k - n`` (``scipy.stats.poisson.sf``), mean wait ``(k - n + 1) h / n``;
* in a closed interval nothing moves; what arrives then (and the start backlog, at the first
  opening) joins the next opening as a Poisson batch behind what was left, first in first
  out, and the batch's member ``j`` (0-based, present when the batch holds more than ``j``)
  finds ``k + j`` ahead of it;
* agents are floored to whole agents (a fraction of an agent answers nothing; within 1e-9
  under a whole agent counts as that agent, as the module documents).

The state space is sized generously and every step checks that the chance of reaching its top
stays negligible, so the truncation never shows in the figures. Nothing here is shared with
``kcc.queueing.transient``; it is meant to be read, not to be fast.

References
----------
.. [1] C. F. Van Loan, "Computing integrals involving the matrix exponential", IEEE
   Transactions on Automatic Control 23 (1978) 395-404.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import linalg, stats

__all__ = ["ReferenceQueue", "reference_queue"]

#: Largest chance allowed at the top state after any step. [-]
TOP_MASS = 1e-13


@dataclass(frozen=True)
class ReferenceQueue:
    """Per interval: on-time share, mean wait [s] and occupancy, as in the module's result."""

    on_time_share: NDArray[np.float64]
    wait_s: NDArray[np.float64]
    occupancy: NDArray[np.float64]


def generator(rate: float, agents: int, service: float, size: int) -> NDArray[np.float64]:
    """The birth-death generator on states ``0..size-1`` (no births from the top state)."""
    q = np.zeros((size, size))
    for k in range(size):
        if k + 1 < size:
            q[k, k + 1] = rate
        if k > 0:
            q[k, k - 1] = service * min(k, agents)
        q[k, k] = -q[k].sum()
    return q


def interval_step(p: NDArray[np.float64], q: NDArray[np.float64],
                  length_s: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The distribution ``p expm(Q t)`` at the interval's end and the time average
    ``p (1/t) integral_0^t expm(Q s) ds`` over it, both from one block exponential.

    Van Loan: for ``M = [[A, B], [0, C]]``, ``expm(M t) = [[expm(A t), X], [0, expm(C t)]]``
    with ``X = integral_0^t expm(A (t - s)) B expm(C s) ds``. With ``A = 0`` (1 x 1),
    ``B = p`` and ``C = Q`` that is ``X = p integral_0^t expm(Q s) ds``; the same identity with
    ``A = Q, B = I, C = 0`` gives the whole integral, at twice the size.
    """
    size = q.shape[0]
    block = np.zeros((size + 1, size + 1))
    block[0, 1:] = p
    block[1:, 1:] = q
    big = linalg.expm(block * length_s)
    return p @ big[1:, 1:], big[0, 1:] / length_s


def on_time(k: int, agents: int, service: float, answer_s: float) -> float:
    """Chance that an arrival finding ``k`` in the system is picked up within ``answer_s``."""
    if k < agents:
        return 1.0
    if agents == 0:
        return 0.0
    return float(stats.poisson.sf(k - agents, agents * service * answer_s))


def completions_ahead(k: int, agents: int) -> int:
    """Completions an arrival finding ``k`` in the system waits for."""
    return max(k - agents + 1, 0)


def add_batch(p: NDArray[np.float64], mean: float) -> NDArray[np.float64]:
    """Distribution of ``K + B``, ``K ~ p`` and ``B ~ Poisson(mean)`` independent."""
    size = p.size
    pmf = stats.poisson.pmf(np.arange(size), mean)
    out = np.zeros(size)
    for k in range(size):
        for j in range(size - k):
            out[k + j] += p[k] * pmf[j]
    assert out.sum() > 1.0 - TOP_MASS, "state space too small"
    return out


def batch_figures(p: NDArray[np.float64], mean: float, agents: int, service: float,
                  answer_s: float) -> tuple[float, float]:
    """On-time share and mean wait [s] of a Poisson batch joining behind ``p``."""
    members = int(mean + 12.0 * math.sqrt(mean) + 30)
    found = [on_time(m, agents, service, answer_s) for m in range(p.size + members)]
    on_time_items, waits = 0.0, 0.0
    for j in range(members):
        present = float(stats.poisson.sf(j, mean))  # the batch holds more than j
        for k in range(p.size):
            on_time_items += present * p[k] * found[k + j]
            waits += present * p[k] * completions_ahead(k + j, agents)
    share = on_time_items / mean
    wait = waits / mean / (agents * service) if agents > 0 else math.inf
    return share, wait


def reference_queue(arrivals: NDArray[np.float64], agents: NDArray[np.float64],
                    open_flags: NDArray[np.bool_], interval_s: float, handle_s: float,
                    answer_s: float, *, start_items: float = 0.0, size: int | None = None) -> ReferenceQueue:
    """Runs the chain interval by interval from empty; see the module docstring."""
    n = len(arrivals)
    service = 1.0 / handle_s
    staff = [int(math.floor(max(float(a), 0.0) + 1e-9)) for a in agents]
    if size is None:  # any size will do that passes the checks on the top state below
        most = max(float(np.max(arrivals, initial=0.0)), float(np.sum(arrivals)) / 4.0 + start_items)
        size = int(max(staff, default=0) + 3.0 * most + 40)
    p = np.zeros(size)
    p[0] = 1.0
    share = np.full(n, np.nan)
    wait = np.full(n, np.nan)
    occupancy = np.zeros(n)
    waiting_closed: list[int] = []  # closed intervals whose arrivals wait for the next opening
    batch = start_items
    for i in range(n):
        if not open_flags[i]:
            batch += float(arrivals[i])
            if arrivals[i] > 0:
                waiting_closed.append(i)
            continue
        a = staff[i]
        if batch > 0:
            batch_share, batch_wait = batch_figures(p, batch, a, service, answer_s)
            for c in waiting_closed:
                share[c], wait[c] = batch_share, batch_wait
            p = add_batch(p, batch)
        waiting_closed, batch = [], 0.0
        rate = float(arrivals[i]) / interval_s
        p, seen = interval_step(p, generator(rate, a, service, size), interval_s)
        assert p[-1] < TOP_MASS and seen[-1] < TOP_MASS, "state space too small"
        if rate > 0:
            found = [on_time(k, a, service, answer_s) for k in range(size)]
            share[i] = sum(seen[k] * found[k] for k in range(size))
            ahead = sum(seen[k] * completions_ahead(k, a) for k in range(size))
            wait[i] = ahead / (a * service) if a > 0 else math.inf
        occupancy[i] = sum(seen[k] * min(k, a) for k in range(size)) / a if a > 0 else 0.0
    return ReferenceQueue(share, wait, occupancy)
