"""A real-time queue with abandonment as a fluid, carried across intervals: contacts waiting,
answered by the agents at their service rate and giving up at the rate of their patience.

The surge stress test (``kcc.scenarios.simulate_surge``) plays a burst of phone or chat
contacts through it. Deferred work worked in open hours against a deadline is another
behaviour: :mod:`kcc.queueing.backlog` (no abandonment, whole intervals, open time only). With
no patience, this queue follows the same Lindley recursion as the backlog, on sub-steps of each
interval and counted in contacts rather than work.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["FluidQueue", "fluid_queue"]


@dataclass(frozen=True, eq=False)
class FluidQueue:
    """Result of :func:`fluid_queue`; arrays of shape (variants, intervals) unless stated.

    Attributes
    ----------
    backlog_end : ndarray
        Contacts waiting at each interval's end. [contacts]
    within : ndarray
        Share of the interval's sub-steps at whose start a new contact's fluid wait
        ``q / (n mu)`` is within ``answer_time_s``. [0..1]
    abandoned : ndarray
        Contacts that gave up in the interval. [contacts]
    backlog_steps : ndarray, shape (variants, intervals * substeps)
        Contacts waiting at each sub-step's end. [contacts]
    """

    backlog_end: NDArray[np.float64]
    within: NDArray[np.float64]
    abandoned: NDArray[np.float64]
    backlog_steps: NDArray[np.float64]


def fluid_queue(
    arrivals: NDArray[np.float64], agents: NDArray[np.float64], aht_s: NDArray[np.float64],
    interval_s: float, patience_s: float | None, answer_time_s: float, substeps: int = 12,
) -> FluidQueue:
    """Fluid model of a queue with abandonment, carried across intervals from an empty queue.

    Per sub-step, with arrival rate ``lam``, service capacity ``n mu`` and abandonment rate
    ``theta`` per waiting contact, the queue follows ``dq/dt = lam - n mu - theta q`` while it
    is positive, solved exactly within the step: ``q(t) = q_inf + (q0 - q_inf) exp(-theta t)``
    with ``q_inf = (lam - n mu) / theta`` (``q0 + (lam - n mu) t`` without abandonment), and
    ``theta`` times its integral abandons.

    Parameters
    ----------
    arrivals, agents, aht_s : ndarray, shape (variants, intervals)
        Contacts arriving [contacts], agents answering [agents] and handle time [s] per
        interval.
    interval_s : float
        Interval length. [s]
    patience_s : float or None
        Mean patience [s]; None means nobody abandons.
    answer_time_s : float
        Service-level threshold. [s]
    substeps : int, default 12
        Sub-steps per interval.

    Returns
    -------
    FluidQueue
    """
    theta = 0.0 if patience_s is None else 1.0 / patience_s
    h = interval_s / substeps
    n_var, n_int = arrivals.shape
    q = np.zeros(n_var)
    backlog_end = np.zeros((n_var, n_int))
    within = np.zeros((n_var, n_int))
    abandoned = np.zeros((n_var, n_int))
    steps = np.zeros((n_var, n_int * substeps))
    for i in range(n_int):
        lam = arrivals[:, i] / interval_s
        cap = agents[:, i] / aht_s[:, i]
        drift = lam - cap
        ok = np.zeros(n_var)
        for k in range(substeps):
            with np.errstate(divide="ignore", invalid="ignore"):
                wait = np.where(cap > 0, q / cap, np.where(q > 0, np.inf, 0.0))
            ok += wait <= answer_time_s
            if theta > 0:
                q_inf = drift / theta
                decay = math.exp(-theta * h)
                q_new = np.maximum(q_inf + (q - q_inf) * decay, 0.0)
                # time until the queue empties when it drains (q_inf < 0), else the whole step
                with np.errstate(divide="ignore", invalid="ignore"):
                    t_zero = np.where(q_inf < 0, np.log(np.maximum((q - q_inf) / -q_inf, 1.0)) / theta, h)
                t_pos = np.minimum(t_zero, h)
                integral = q_inf * t_pos + (q - q_inf) * (1 - np.exp(-theta * t_pos)) / theta
                abandoned[:, i] += theta * np.maximum(integral, 0.0)
            else:
                q_new = np.maximum(q + drift * h, 0.0)
            q = q_new
            steps[:, i * substeps + k] = q
        backlog_end[:, i] = q
        within[:, i] = ok / substeps
    return FluidQueue(backlog_end, within, abandoned, steps)
