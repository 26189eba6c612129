"""Scheduled agents from available agents (shrinkage) and whole agent counts."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kcc.checks import in_interval
from kcc.queueing import INT_AGENTS_CEILING

__all__ = ["EPS", "scheduled_agents", "whole_agents"]

EPS = 1e-9  # guards ceil/floor against 14 / 0.7 = 20.000000000000004


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
    in_interval("shrinkage", shrinkage, 0, 1, high_open=True)
    n = np.asarray(agents, dtype=float)
    return whole_agents(np.ceil(n / (1.0 - shrinkage) - EPS))


def whole_agents(agents: NDArray[np.float64]) -> NDArray[np.int64]:
    """Whole agent counts as int64, saturating instead of overflowing."""
    return np.minimum(agents, INT_AGENTS_CEILING).astype(np.int64)
