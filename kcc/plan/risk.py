"""Risk of a plan: the P90 requirement of a week or month, and the probability that a day or
week meets its service level with the roster as it is, both from the day-level forecast error.

The forecast's uncertainty is a day-level one (``kcc.forecast``): the daily model's error moves
every interval of a day together, and the intraday profile spreads it. So

* a day's P90 requirement is the sum of its intervals' P90 requirements (each interval at the
  day's 90th percentile of the expected count; Erlang covers the random arrivals around it);
* a week's or month's P90 is not the sum of its days' P90s, which would assume every day of the
  period misses the same way. Days share part of their error (a level shift moves them all,
  a single day's surprise does not): ``DAY_ERROR_CORRELATION`` is the assumed correlation of
  the errors of two days, and the period's P90 combines the days' spreads with it under a
  normal approximation;
* the day's volume factor is log-normal with the spread of its P90 bound:
  ``sigma = log(P90 / P50) / z_0.9``; the probability the day meets its target is the
  probability that its factor stays below the factor at which the roster's service level
  falls to the target.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import numpy as np
import pandas as pd
from scipy import stats

from kcc.plan.build import open_mask
from kcc.plan.frames import local_naive
from kcc.plan.models import achieve
from kcc.plan.settings import PlanSettings

#: Assumed correlation of the forecast errors of two days of one period: a level shift is
#: shared, a day's own surprise is not. 0 would make the weekly P90 the narrowest (independent
#: days), 1 the sum of the days' P90s. [-]
DAY_ERROR_CORRELATION: Final[float] = 0.5

#: Standard normal quantile of the P90. [-]
Z_P90: Final[float] = float(stats.norm.ppf(0.9))

#: Volume factors the roster's service level is evaluated at (the day's whole volume times the
#: factor); wide enough that a day's probability outside them is below 0.1% for the spreads
#: forecasts have (a factor of 2 is 5.4 standard deviations of a 10% day error). [-]
RISK_FACTORS: Final[np.ndarray] = np.exp(np.linspace(np.log(0.5), np.log(2.0), 25))

#: Periods ``service_risk`` sums over: days, weeks (Monday to Sunday) or the whole plan.
RISK_PERIODS: Final[tuple[str, ...]] = ("D", "W", "all")
#: Columns of ``service_risk``.
RISK_COLUMNS: Final[tuple[str, ...]] = (
    "channel", "period", "volume", "service_level", "target", "error_sd", "factor_at_target",
    "p_meet",
)


def period_p90(p50: np.ndarray, p90: np.ndarray,
               correlation: float = DAY_ERROR_CORRELATION) -> float:
    """P90 of a period's total from its days' P50 and P90 (normal approximation).

    ``sum(p50) + sqrt((1 - rho) sum(s^2) + rho (sum s)^2)`` with ``s = p90 - p50`` per day:
    the days' spreads combined with a common correlation ``rho`` between any two days.

    Parameters
    ----------
    p50, p90 : numpy.ndarray
        Per day: the median and the 90th percentile (agent hours, contacts, ...).
    correlation : float
        Correlation of two days' errors, 0 (independent) to 1 (the sum of the P90s). [-]

    Returns
    -------
    float
        The period's 90th percentile, in the unit of ``p50``.
    """
    p50 = np.asarray(p50, dtype=float)
    spread = np.clip(np.asarray(p90, dtype=float) - p50, 0.0, None)
    var = (1.0 - correlation) * float((spread**2).sum()) + correlation * float(spread.sum()) ** 2
    return float(p50.sum()) + float(np.sqrt(var))


def _day_error_sd(volume: np.ndarray, volume_hi: np.ndarray) -> np.ndarray:
    """Log-normal spread of a day's volume from its P50 and P90 sums. [-]"""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(volume > 0, volume_hi / volume, 1.0)
    return np.log(np.maximum(ratio, 1.0)) / Z_P90


def _period_error_sd(day_sd: np.ndarray, day_volume: np.ndarray,
                     correlation: float = DAY_ERROR_CORRELATION) -> float:
    """Spread of a period's log volume from its days' spreads (weights: volume shares). [-]"""
    total = float(day_volume.sum())
    if total <= 0:
        return 0.0
    s = day_sd * day_volume / total
    return float(np.sqrt((1.0 - correlation) * (s**2).sum() + correlation * s.sum() ** 2))


def _period_sl(sl: np.ndarray, volume: np.ndarray, period: np.ndarray,
               periods: np.ndarray) -> np.ndarray:
    """Volume-weighted service level per period (NaN without volume). [-]"""
    ok = np.isfinite(sl) & (volume > 0)
    index = np.searchsorted(periods, period)
    num = np.bincount(index, weights=np.where(ok, sl * volume, 0.0), minlength=len(periods))
    den = np.bincount(index, weights=np.where(ok, volume, 0.0), minlength=len(periods))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, np.nan)


def _meets(level: np.ndarray, target: float) -> np.ndarray:
    """Service levels that meet ``target`` (NaN, a period without volume, counts as meeting)."""
    return np.nan_to_num(level, nan=1.0) >= target - 1e-12


def _interpolated(curve: np.ndarray, k: int, target: float) -> float:
    """The factor at ``target`` between ``RISK_FACTORS[k - 1]`` (meets) and ``[k]`` (misses,
    the first that does); the grid's ends for ``k`` 0 and ``len(RISK_FACTORS)``. Only those
    two entries of ``curve`` are read."""
    if k >= len(RISK_FACTORS):
        return float(RISK_FACTORS[-1])
    if k == 0:
        return float(RISK_FACTORS[0])
    lo, hi = np.log(RISK_FACTORS[k - 1]), np.log(RISK_FACTORS[k])
    a, b = curve[k - 1] - target, curve[k] - target
    w = a / (a - b) if a != b else 0.0
    return float(np.exp(lo + w * (hi - lo)))


def _first_misses(level_at: Callable[[int], np.ndarray], periods: int, target: float) -> np.ndarray:
    """Per period, the index of the first factor of ``RISK_FACTORS`` whose service level misses
    ``target`` (``len(RISK_FACTORS)`` when none does), found by bisection.

    ``level_at(i)`` is every period's service level at factor ``i``. A queue answers a smaller
    share in time as its volume grows with the same agents, so along the factors a period meets
    the target up to some factor and misses from the next on, and bisection finds the first miss
    the scan of every factor finds. All periods search at once and use each other's factors:
    a factor worked out for one period is a step for every period whose bracket holds it. A
    week takes 5 factors of 25; the demo's fortnight of WhatsApp days takes 8
    (``benchmarks/bench_risk_search.py``).
    """
    count = len(RISK_FACTORS)
    meets_below = np.full(periods, -1)  # the largest factor known to meet (-1: none yet)
    first_miss = np.full(periods, count)  # the smallest factor known to miss
    known: dict[int, np.ndarray] = {}
    while True:
        open_ = np.flatnonzero(first_miss - meets_below > 1)
        if not open_.size:
            return first_miss
        # after each sweep no factor worked out lies inside a bracket: every open one halves
        for i in sorted({int(m) for m in (meets_below[open_] + first_miss[open_]) // 2}):
            known[i] = _meets(level_at(i), target)
        for i, meets in sorted(known.items()):  # rising, so one sweep takes every step in reach
            inside = (meets_below < i) & (i < first_miss)
            meets_below = np.where(inside & meets, i, meets_below)
            first_miss = np.where(inside & ~meets, i, first_miss)


def service_risk(plan: pd.DataFrame, settings: PlanSettings, freq: str = "D", *,
                 open_hours: Mapping[str, Any] | None = None,
                 correlation: float = DAY_ERROR_CORRELATION) -> pd.DataFrame:
    """Probability that each day (or week, or the whole plan) meets its service level with the
    roster as it is.

    The roster's service level is evaluated with every interval's volume times a factor
    (``RISK_FACTORS``, the maths of ``build_plan``'s reverse mode); the factor at which the
    period's volume-weighted service level falls to the target is compared with the day-level
    forecast error (log-normal, spread from ``volume_hi``, the P90). Pass the plan from its
    first day (the backlog of deferred work carries across days).

    Parameters
    ----------
    plan : pandas.DataFrame
        ``build_plan`` output (``volume_hi`` the P90 of the expected count), any channels.
    settings : PlanSettings
        The settings the plan was built with (targets).
    freq : {"D", "W", "all"}
        Per day, per week (Monday to Sunday, local dates) or the whole plan as one period (the
        Overview's coming seven days, which start on any weekday).
    open_hours : mapping, optional
        As ``build_plan``'s: when deferred work is picked up.
    correlation : float
        ``DAY_ERROR_CORRELATION``: the weekly spread from the days'.

    Returns
    -------
    pandas.DataFrame
        ``RISK_COLUMNS``: ``period`` (naive local start date), ``volume`` [contacts],
        ``service_level`` and ``target`` [0..1] at the forecast, ``error_sd`` (log-normal
        spread of the period's volume) [-], ``factor_at_target`` (volume factor at which the
        service level falls to the target) [-], ``p_meet`` [0..1]. Channels nobody staffs are
        left out.
    """
    if freq not in RISK_PERIODS:
        raise ValueError(f"freq must be 'D', 'W' or 'all', got {freq!r}")
    rows_out: list[dict[str, Any]] = []
    staffed = plan[plan["model"] != "none"]
    for channel, rows in staffed.groupby("channel", sort=False):
        rows_out.extend(_channel_risk(str(channel), rows.reset_index(drop=True), settings, freq,
                                      open_hours or {}, correlation))
    return pd.DataFrame(rows_out, columns=list(RISK_COLUMNS))


def _channel_risk(channel: str, rows: pd.DataFrame, settings: PlanSettings, freq: str,
                  open_hours: Mapping[str, Any], correlation: float) -> list[dict[str, Any]]:
    targets = settings.targets_for(channel)
    model = str(rows["model"].iloc[0])
    volume = rows["volume"].to_numpy(float)
    aht = rows["aht_s"].to_numpy(float)
    interval_s = rows["interval_min"].to_numpy(float) * 60.0
    available = rows["available"].to_numpy(float)
    mask = open_mask(rows, open_hours)
    day = local_naive(rows["ds"]).dt.normalize()
    if freq == "D":
        start = day
    elif freq == "W":
        start = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    else:
        start = pd.Series(day.min(), index=day.index)
    period = start.to_numpy()
    periods = np.unique(period)
    curves = np.full((len(RISK_FACTORS), len(periods)), np.nan)

    def level_at(i: int) -> np.ndarray:
        kpis = achieve(model, targets, volume * RISK_FACTORS[i], aht, interval_s, available, rows["ds"], mask)
        curves[i] = _period_sl(kpis.service_level, volume, period, periods)
        return curves[i]

    first_miss = _first_misses(level_at, len(periods), targets.target_service_level)
    at_forecast = _period_sl(rows["service_level"].to_numpy(float), volume, period, periods)
    days = day.to_numpy()
    unique_days, day_index = np.unique(days, return_inverse=True)
    day_volume = np.bincount(day_index, weights=volume)
    day_hi = np.bincount(day_index, weights=rows["volume_hi"].to_numpy(float))
    day_sd = _day_error_sd(day_volume, day_hi)
    day_period = period[np.searchsorted(days, unique_days)]
    out = []
    for j, p in enumerate(periods):
        pick = day_period == p
        vol = float(day_volume[pick].sum())
        sd = _period_error_sd(day_sd[pick], day_volume[pick], correlation)
        if vol <= 0:
            factor, p_meet = np.nan, np.nan
        else:
            factor = _interpolated(curves[:, j], int(first_miss[j]), targets.target_service_level)
            p_meet = (float(stats.norm.cdf(np.log(factor) / sd)) if sd > 0
                      else float(factor >= 1.0))
        out.append({"channel": channel, "period": pd.Timestamp(p), "volume": vol,
                    "service_level": float(at_forecast[j]), "target": targets.target_service_level,
                    "error_sd": sd, "factor_at_target": factor, "p_meet": p_meet})
    return out
