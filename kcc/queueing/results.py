"""Result types of the queueing maths: :class:`QueueMetrics` and :class:`Requirement`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray

__all__ = ["INT_AGENTS_CEILING", "FloatArray", "QueueMetrics", "Requirement"]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class QueueMetrics:
    """Service delivered per interval; every field is an array of the broadcast shape.

    Attributes
    ----------
    load_erlangs : ndarray
        Offered load ``calls * aht_s / interval_s``. [Erlang]
    feasible : ndarray of bool
        False where Erlang C has ``agents <= load`` (the queue grows without bound).
    p_wait : ndarray
        Share of offered calls that find every agent busy and queue. [0..1]
    service_level : ndarray
        Share of *offered* calls answered within ``answer_time_s``; abandoned and blocked
        calls count as not answered in time. [0..1]
    sl_of_answered : ndarray
        Share of *answered* calls answered within ``answer_time_s``. [0..1]
    asa_s : ndarray
        Average speed of answer: mean wait of answered calls. [s]
    mean_wait_all_s : ndarray
        Mean wait over all offered calls (abandoned ones until they hang up, blocked
        ones zero). [s]
    p_abandon : ndarray
        Share of offered calls that abandon. [0..1]
    p_block : ndarray
        Share of offered calls that get a busy signal (only with ``lines``). [0..1]
    occupancy : ndarray
        Carried load divided by agents. [0..1]
    erlang_b : ndarray
        Erlang B blocking probability ``B(agents, load)`` for reference. [0..1]
    approximate : ndarray of bool
        True where the load or the agents exceed ``kcc.config.MAX_EXACT_AGENTS`` (or more
        than 10,000 waiting places would matter with ``lines``): the numbers come from the
        large-system route, finite and monotone but not checked to 1e-9 there.
    """

    load_erlangs: FloatArray
    feasible: NDArray[np.bool_]
    p_wait: FloatArray
    service_level: FloatArray
    sl_of_answered: FloatArray
    asa_s: FloatArray
    mean_wait_all_s: FloatArray
    p_abandon: FloatArray
    p_block: FloatArray
    occupancy: FloatArray
    erlang_b: FloatArray
    approximate: NDArray[np.bool_]

    def to_frame(self) -> pd.DataFrame:
        """Return the metrics as a tidy frame, one row per element (flattened)."""
        return pd.DataFrame({f.name: np.ravel(getattr(self, f.name)) for f in fields(self)})


@dataclass(frozen=True, eq=False)
class Requirement:
    """Fewest agents per interval that meet the targets (:func:`required_staffing`).

    Attributes
    ----------
    agents : ndarray of float
        Whole numbers of agents, in the broadcast shape (float, so that any finite load has
        an answer; above 2**53 the nearest number a float holds). [agents]
    approximate : ndarray of bool
        True where the load or the answer exceeds ``kcc.config.MAX_EXACT_AGENTS`` (or more
        than 10,000 waiting places matter with ``lines``): found with the large-system
        route, finite and monotone but not checked to the exact engine's accuracy.
    """

    agents: FloatArray
    approximate: NDArray[np.bool_]


#: Agent counts kept as int64 (``required_agents``, ``kcc.staffing``) saturate here: only an
#: absurd load (flagged ``approximate``) gets near it.
INT_AGENTS_CEILING: Final[float] = float(2**62)
