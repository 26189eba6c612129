"""Mean patience of waiting callers, estimated from history."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["PatienceEstimate", "estimate_patience", "estimate_patience_from_contacts"]


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
