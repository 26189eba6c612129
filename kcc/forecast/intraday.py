"""The intraday stage: a profile per weekday spreads the daily forecast over intervals.

The profile is the share of the day per local time of day, from the last eight normal same
weekdays. Interval bounds add the profile's own scatter (an over-dispersed Poisson) to the
daily bounds: they cover the count that will arrive. The rate bounds (``yhat_rate_hi_<level>``)
leave that scatter out: they bound the expected count, the forecast's own uncertainty, which
is what staffing for a percentile needs (Erlang already covers the random arrivals around the
expected count).

References
----------
.. [1] Weinberg, J., Brown, L.D. & Stroud, J.R. (2007). "Bayesian forecasting of an
   inhomogeneous Poisson process with applications to call center data". *JASA* 102(480),
   1185-1198 (daily volume times a within-day profile).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from kcc.forecast.constants import PROFILE_WEEKS
from kcc.forecast.daily import DailyForecast
from kcc.forecast.grid import HistoryGrid, horizon_positions


def intraday_profile(grid: HistoryGrid, normal: np.ndarray) -> tuple[np.ndarray, float]:
    """Share of the day per (weekday, time of day) and the over-dispersion of that split.

    Parameters
    ----------
    grid : HistoryGrid
        The history.
    normal : numpy.ndarray
        Per history day: open and not special.

    Returns
    -------
    profile : numpy.ndarray
        7 x intervals-per-day shares, each row summing to 1; a weekday without normal days
        takes the pooled profile of the last ``PROFILE_WEEKS`` weeks of normal days.
    dispersion : float
        Squared residual over expected count of the profile's fit, at least 1 (Poisson).
    """
    weekday = grid.dates.day_of_week.to_numpy()
    daily = grid.daily
    n_tod = grid.matrix.shape[1]
    usable = normal & (daily > 0)
    recent = np.flatnonzero(usable)[-7 * PROFILE_WEEKS :]
    pooled_rows = recent if len(recent) else np.flatnonzero(daily > 0)
    pooled = grid.matrix[pooled_rows].sum(axis=0)
    pooled = pooled / pooled.sum() if pooled.sum() > 0 else np.full(n_tod, 1 / n_tod)
    profile = np.tile(pooled, (7, 1))
    resid2 = 0.0
    expected_total = 0.0
    for w in range(7):
        rows = np.flatnonzero(usable & (weekday == w))[-PROFILE_WEEKS:]
        if not len(rows):
            continue
        share = grid.matrix[rows].sum(axis=0) / daily[rows].sum()
        profile[w] = share
        expected = np.outer(daily[rows], share)
        resid2 += float(((grid.matrix[rows] - expected) ** 2).sum())
        expected_total += float(expected.sum())
    dispersion = resid2 / expected_total if expected_total > 0 else 1.0
    return profile, max(dispersion, 1.0)


def spread(
    grid: HistoryGrid,
    index: pd.DatetimeIndex,
    daily: DailyForecast,
    profile: np.ndarray,
    dispersion: float,
    levels: Sequence[int],
) -> pd.DataFrame:
    """Daily forecast x intraday profile on the future grid, with interval bounds.

    Parameters
    ----------
    grid : HistoryGrid
        The history (its last day and interval).
    index : pandas.DatetimeIndex
        Interval starts of the horizon (``kcc.forecast.grid.future_index``).
    daily : DailyForecast
        Forecast per horizon day.
    profile, dispersion
        From ``intraday_profile``.
    levels : sequence of int
        Prediction-interval levels [%].

    Returns
    -------
    pandas.DataFrame
        ``ds, yhat, yhat_lo_<level>, yhat_hi_<level>, yhat_rate_hi_<level>`` [contacts per
        interval]; ``yhat_rate_hi_<level>`` is the day's upper bound spread by the profile, the
        expected count's upper bound without the count noise (each interval of a day moves
        with the day's forecast error: the error is a day-level one).
    """
    day_pos, tod, weekday = horizon_positions(grid, index)
    share = profile[weekday, tod]
    day_sum = np.bincount(day_pos, weights=share, minlength=len(daily.yhat))
    # Renormalise per day so a 23- or 25-hour day still sums to the daily forecast.
    share = np.divide(share, day_sum[day_pos], out=np.zeros_like(share), where=day_sum[day_pos] > 0)
    yhat = daily.yhat[day_pos] * share
    out = {"ds": index, "yhat": yhat}
    for lev in levels:
        z = float(stats.norm.ppf(0.5 + lev / 200))
        lo_day, hi_day = daily.bounds[lev]
        noise = z * np.sqrt(dispersion * yhat)
        lo = yhat - np.hypot(yhat - lo_day[day_pos] * share, noise)
        hi = yhat + np.hypot(hi_day[day_pos] * share - yhat, noise)
        out[f"yhat_lo_{lev}"] = np.maximum(lo, 0.0)
        out[f"yhat_hi_{lev}"] = hi
        out[f"yhat_rate_hi_{lev}"] = np.maximum(hi_day[day_pos] * share, yhat)
    return pd.DataFrame(out)
