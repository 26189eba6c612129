"""The daily stage: daily totals of the open days, a daily model, its errors and bounds.

The model sees only the open weekdays, so a Monday-Friday centre is a series with a five-day
season, with its special days replaced by a baseline (``kcc.forecast.calendar``). Methods:
statsmodels exponential smoothing with a multiplicative weekly season (``"ets"``), the mean
of the last eight same weekdays (``"weekday_mean"``) or the weekly seasonal naive
(``"seasonal_naive"``). ``"auto"`` fits all three at six rolling origins (four weeks apart)
inside the history and keeps the one with the lowest error.

When the history spans more than about thirteen months (``YEARLY_MIN_DAYS``), a yearly season
(Fourier terms in the day of the year) and a log-linear growth trend are fitted next to the
weekday effects on the log daily totals; the model runs on the series with season and trend
divided out and its forecast is multiplied back by both. They are refitted at every inner
origin, so the intervals stay honest. The same inner backtest gives the empirical
distribution of the daily log errors, from which the prediction intervals are taken (widened
by ``INTERVAL_INFLATION``), so they are as wide as the method's errors were.

References
----------
.. [1] Hyndman, R.J. & Athanasopoulos, G. (2021). *Forecasting: Principles and Practice*, 3rd
   ed., OTexts. Ch. 5.10 (time series cross-validation), 7.4 and 12.1 (harmonic
   regression), 8 (exponential smoothing).
.. [2] Seabold, S. & Perktold, J. (2010). "statsmodels: Econometric and statistical modeling
   with Python". *Proc. 9th Python in Science Conference*.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from kcc.forecast.calendar import (
    Calendar,
    baseline_values,
    day_flags,
    future_factor,
    learn_special_day_factors,
    learned_uplifts,
    open_weekdays,
    special_history_days,
)
from kcc.forecast.constants import (
    CALIBRATION_ORIGINS,
    CALIBRATION_STEP_WEEKS,
    CALIBRATION_WEEKS,
    DAY,
    ETS_WINDOW_WEEKS,
    INTERVAL_INFLATION,
    MEAN_WEEKS,
    METHODS,
    MIN_MODEL_DAYS,
    YEARLY_HARMONICS,
    YEARLY_MIN_DAYS,
    Bounds,
)
from kcc.forecast.grid import HistoryGrid
from kcc.forecast.result import InsufficientHistoryError
from kcc.memo import Memo, digest
from kcc.warning_filters import ignoring

# --------------------------------------------------------------------------- results


@dataclass(frozen=True, eq=False)
class DailyForecast:
    """Daily forecast of one method over the horizon (calendar days).

    Attributes
    ----------
    yhat : numpy.ndarray
        Contacts per day, 0 on closed days [contacts per day].
    bounds : dict of int to (numpy.ndarray, numpy.ndarray)
        Lower and upper prediction bound per level [%] [contacts per day].
    """

    yhat: np.ndarray
    bounds: Bounds


@dataclass(frozen=True, eq=False)
class DailyStage:
    """What the daily stage produced for every method fitted.

    Attributes
    ----------
    daily : dict of str to DailyForecast
        Forecast per method fitted.
    chosen : str
        Method with the lowest inner-backtest error (the only one after a fallback).
    selection : pandas.DataFrame
        ``method, wmape, chosen`` of the inner backtest.
    factor : numpy.ndarray
        Special-day x event multiplier per horizon day.
    is_open : numpy.ndarray
        Open weekday and factor above zero, per horizon day.
    learned_uplift_pct : dict of str to float
        Uplift learned per event kind [%].
    normal_hist : numpy.ndarray
        Per history day: open and not special (what the intraday profile learns from).
    fallback : bool
        The history was too short for a model; the seasonal naive was used.
    message : str
        Why the fallback happened (English), empty otherwise.
    learned_holidays : frozenset of str
        Holidays whose factor was learned from the history (seen on an open weekday).
    """

    daily: dict[str, DailyForecast]
    chosen: str
    selection: pd.DataFrame
    factor: np.ndarray
    is_open: np.ndarray
    learned_uplift_pct: dict[str, float]
    normal_hist: np.ndarray
    fallback: bool
    message: str
    learned_holidays: frozenset[str] = frozenset()


@dataclass(frozen=True, eq=False)
class OpenDaySeries:
    """The history's open days as one series with a season of ``period`` days.

    Attributes
    ----------
    raw : numpy.ndarray
        Contacts per open day [contacts per day].
    special : numpy.ndarray
        True on special days (all False when every day is special).
    z : numpy.ndarray
        ``raw`` with the special days replaced by their baseline [contacts per day].
    period : int
        Open weekdays per week.
    day_number : numpy.ndarray
        Days since 1970-01-01 of each open day (for the yearly season).
    weekday : numpy.ndarray
        Weekday of each open day (0 = Monday).
    """

    raw: np.ndarray
    special: np.ndarray
    z: np.ndarray
    period: int
    day_number: np.ndarray
    weekday: np.ndarray


@dataclass(frozen=True, eq=False)
class Calibration:
    """The inner rolling-origin backtest on the open-day series.

    Attributes
    ----------
    horizon : int
        Open days forecast at each inner origin.
    origins : list of int
        Positions in the open-day series where the inner forecasts start.
    errors : dict of str to numpy.ndarray
        Log errors ``log(actual / forecast)`` per method, on normal days.
    scores : dict of str to float
        wMAPE per method over all origins (fraction; NaN without origins).
    chosen : str
        Method with the lowest finite score, the first method on a tie or without scores.
    """

    horizon: int
    origins: list[int]
    errors: dict[str, np.ndarray]
    scores: dict[str, float]
    chosen: str


# --------------------------------------------------------------------------- models


#: Exponential smoothing fits by the digest of the stretch of history they fit and the model's
#: season (``kcc.memo``). A series' method selection scores the methods at earlier origins, and
#: their inner backtests cut the history where the final fit's calibration cuts it too: 16 of
#: the 44 fits of the demo's first visit were repeats. A fit depends on nothing else.
ETS_FIT_MEMO: Final[Memo[Any]] = Memo(max_entries=256)


def _ets_fit(z: np.ndarray, seasonal: str | None, period: int) -> Any:
    """The fitted exponential smoothing of ``z`` (statsmodels' results), from ``ETS_FIT_MEMO``
    when the same stretch was fitted before; callers only forecast from it."""

    def fit() -> Any:
        with ignoring(ConvergenceWarning, RuntimeWarning):
            return ExponentialSmoothing(
                z,
                seasonal=seasonal,
                seasonal_periods=period if seasonal else None,
                initialization_method="estimated",
            ).fit()

    return ETS_FIT_MEMO.get(digest(("ets", np.asarray(z, dtype=float), seasonal, int(period))), fit)


def predict(method: str, z: np.ndarray, period: int, steps: int) -> np.ndarray:
    """Forecast ``steps`` values of the open-day series ``z`` with a season of ``period``.

    Parameters
    ----------
    method : {"ets", "weekday_mean", "seasonal_naive"}
        Daily model; with fewer than two seasons of data the seasonal naive is used.
    z : numpy.ndarray
        Open-day series [contacts per day].
    period : int
        Season length [open days].
    steps : int
        Values to forecast.

    Returns
    -------
    numpy.ndarray
        ``steps`` non-negative values [contacts per day].

    Raises
    ------
    ValueError
        For an unknown method.
    """
    n = len(z)
    if steps <= 0:
        return np.zeros(0)
    if method == "seasonal_naive" or n < 2 * period:
        return np.resize(z[-period:], steps)
    if method == "weekday_mean":
        k = min(MEAN_WEEKS, n // period)
        return np.resize(z[n - k * period :].reshape(k, period).mean(axis=0), steps)
    if method == "ets":
        z = z[-ETS_WINDOW_WEEKS * period :]
        positive = bool(z.min() > 0)
        seasonal = None if period == 1 else ("mul" if positive else "add")
        # The optimiser may stop early on flat stretches; the result is checked below.
        with ignoring(ConvergenceWarning, RuntimeWarning):
            out = np.asarray(_ets_fit(z, seasonal, period).forecast(steps), dtype=float)
        if not np.isfinite(out).all():
            return predict("weekday_mean", z, period, steps)
        return np.maximum(out, 0.0)
    raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")


def yearly_log_factor(
    z: np.ndarray, days: np.ndarray, weekday: np.ndarray, future_days: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """Yearly season and growth of the open-day series ``z`` on the log scale.

    ``log z = weekday effect + slope * t + sum_k (a_k sin 2 pi k t + b_k cos 2 pi k t)`` by
    least squares on the days with contacts (``t`` in years), the harmonic regression of
    Hyndman & Athanasopoulos (2021, ch. 7.4 and 12.1). Returns the season-and-trend term on
    the history days and on ``future_days`` (day numbers), or None when the history is too
    short to tell a yearly season from a trend.
    """
    if len(days) < 2 or days[-1] - days[0] < YEARLY_MIN_DAYS:
        return None
    ok = z > 0
    t = (days - days[-1]) / 365.25

    def season(t_years: np.ndarray) -> np.ndarray:
        k = np.arange(1, YEARLY_HARMONICS + 1)
        angle = 2 * np.pi * np.outer(t_years + days[-1] / 365.25, k)
        return np.hstack([t_years[:, None], np.sin(angle), np.cos(angle)])

    present = np.unique(weekday[ok])
    dummies = (weekday[ok][:, None] == present[None, :]).astype(float)
    design = np.hstack([dummies, season(t[ok])])
    # Normal equations: a few columns, hundreds of rows (lstsq's SVD is slower).
    try:
        coef = np.linalg.solve(design.T @ design, design.T @ np.log(z[ok]))
    except np.linalg.LinAlgError:
        return None
    beta = coef[len(present) :]
    if not np.isfinite(beta).all():
        return None
    t_future = (future_days - days[-1]) / 365.25
    return season(t) @ beta, season(t_future) @ beta


def predict_adjusted(
    method: str,
    z: np.ndarray,
    period: int,
    steps: int,
    yearly: tuple[np.ndarray, np.ndarray] | None,
) -> np.ndarray:
    """Forecast like ``predict`` with the yearly season and trend taken out and put back.

    ``yearly`` is the log-scale term of ``yearly_log_factor`` (history, future); without it
    this is plain ``predict``.
    """
    if yearly is None:
        return predict(method, z, period, steps)
    past, future = yearly
    return predict(method, z / np.exp(past), period, steps) * np.exp(future[:steps])


def log_errors(actual: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """``log(actual / predicted)`` where both are positive."""
    ok = (actual > 0) & (predicted > 0)
    return np.log(actual[ok] / predicted[ok])


def quantile_bounds(
    yhat_z: np.ndarray, errors: np.ndarray, widen: np.ndarray, levels: Sequence[int]
) -> Bounds:
    """Prediction bounds from the empirical quantiles of the log errors.

    With fewer than ten errors a normal law on the log scale is used (standard deviation at
    least 10 %). The quantiles always include zero, are widened by ``INTERVAL_INFLATION``
    and scaled per step by ``widen``.
    """
    out: Bounds = {}
    for lev in levels:
        alpha = (1 - lev / 100) / 2
        if len(errors) >= 10:
            q_lo, q_hi = np.quantile(errors, [alpha, 1 - alpha])
        else:
            # Too few errors for quantiles: a normal law on the log scale, floor 10 %.
            sd = max(float(np.std(errors)) if len(errors) > 1 else 0.0, 0.1)
            q_lo, q_hi = stats.norm.ppf([alpha, 1 - alpha]) * sd
        q_lo, q_hi = min(q_lo, 0.0) * INTERVAL_INFLATION, max(q_hi, 0.0) * INTERVAL_INFLATION
        out[lev] = (yhat_z * np.exp(q_lo * widen), yhat_z * np.exp(q_hi * widen))
    return out


# --------------------------------------------------------------------------- stage steps


def day_numbers(dates: pd.DatetimeIndex) -> np.ndarray:
    """Days since 1970-01-01 of each date, as floats."""
    return ((dates - pd.Timestamp("1970-01-01")) // DAY).to_numpy(dtype=float)


def open_day_series(
    daily: np.ndarray, cal: Calendar, h_open: np.ndarray, special: np.ndarray, period: int
) -> OpenDaySeries:
    """The open history days as one series, special days replaced by their baseline.

    When every open day is special, none is treated as special (nothing to take a baseline
    from).
    """
    n_hist = len(daily)
    z_raw = daily[h_open]
    z_special = special[h_open]
    if z_special.all():
        z_special = np.zeros_like(z_special)
    z = baseline_values(z_raw, z_special, period)
    z_days = day_numbers(cal.dates)[:n_hist][h_open]
    z_weekday = cal.dates.day_of_week.to_numpy()[:n_hist][h_open]
    return OpenDaySeries(z_raw, z_special, z, period, z_days, z_weekday)


def methods_for_history(n_hist: int, methods: Sequence[str]) -> tuple[list[str], bool, str]:
    """The methods a history of ``n_hist`` days can fit, whether that is a fallback and why.

    Below ``MIN_MODEL_DAYS`` only the weekly seasonal naive is fitted.
    """
    if n_hist < MIN_MODEL_DAYS and any(m != "seasonal_naive" for m in methods):
        message = (
            f"History covers {n_hist} days; a model needs at least {MIN_MODEL_DAYS} days "
            "(four weeks). Used the weekly seasonal naive instead."
        )
        return ["seasonal_naive"], True, message
    return list(methods), False, ""


def calibration_origins(n_z: int, period: int) -> tuple[int, list[int]]:
    """Horizon and origins of the inner backtest on an open-day series of ``n_z`` days.

    Up to ``CALIBRATION_ORIGINS`` origins, ``CALIBRATION_STEP_WEEKS`` weeks apart, each
    forecasting ``CALIBRATION_WEEKS`` weeks (less on a short series) and each leaving at least
    four weeks to fit on; none when the horizon would be shorter than a week.
    """
    cal_h = min(CALIBRATION_WEEKS * period, max(n_z - 4 * period, 0))
    spacing = CALIBRATION_STEP_WEEKS * period
    origins = [
        n_z - cal_h - j * spacing
        for j in range(CALIBRATION_ORIGINS)
        if cal_h >= period and n_z - cal_h - j * spacing >= 4 * period
    ]
    return cal_h, origins


def calibrate(series: OpenDaySeries, methods: Sequence[str]) -> Calibration:
    """Inner rolling-origin backtest: choose the method and measure its errors.

    Errors and scores count the normal days of each window only. Without room for an inner
    backtest every method gets the in-sample errors of the seasonal naive one week ahead.
    """
    z, period = series.z, series.period
    cal_h, origins = calibration_origins(len(z), period)
    abs_err = {m: 0.0 for m in methods}
    total = 0.0
    errs: dict[str, list[np.ndarray]] = {m: [] for m in methods}
    for o in origins:
        yearly = yearly_log_factor(
            z[:o], series.day_number[:o], series.weekday[:o], series.day_number[o : o + cal_h]
        )
        actual = series.raw[o : o + cal_h]
        mask = ~series.special[o : o + cal_h]
        total += float(actual[mask].sum())
        for method in methods:
            pred = predict_adjusted(method, z[:o], period, cal_h, yearly)
            err = np.abs(actual - pred)[mask]
            abs_err[method] += float(err.sum())
            errs[method].append(log_errors(actual[mask], pred[mask]))
    errors: dict[str, np.ndarray] = {}
    scores: dict[str, float] = {}
    for method in methods:
        errors[method] = np.concatenate(errs[method]) if errs[method] else np.zeros(0)
        scores[method] = abs_err[method] / total if total > 0 else np.nan
    if not origins:
        # No room for an inner backtest: seasonal-naive errors in the sample, per week ahead.
        n_z = len(z)
        prev = z[:-period] if n_z > period else z
        naive_err = log_errors(z[period:], prev[: max(n_z - period, 0)])
        for method in methods:
            errors[method] = naive_err
    finite = {m: s for m, s in scores.items() if np.isfinite(s)}
    chosen = min(finite, key=lambda m: (finite[m], methods.index(m))) if finite else methods[0]
    return Calibration(cal_h, origins, errors, scores, chosen)


def widening(steps: int, calibration: Calibration, period: int) -> np.ndarray:
    """Factor on the log-error quantiles per open day ahead.

    Up to the inner backtest's horizon the measured errors hold as they are; beyond it they
    grow like a random walk's. Without inner origins they grow per week ahead.
    """
    if not steps:
        return np.ones(steps)
    ahead = np.arange(1, steps + 1)
    if calibration.origins:
        reach = max(calibration.horizon, period)
        return np.sqrt(np.maximum(ahead / reach, 1.0))
    return np.sqrt(np.ceil(ahead / period))


def horizon_forecasts(
    series: OpenDaySeries,
    calibration: Calibration,
    methods: Sequence[str],
    future_days: np.ndarray,
    fut_open: np.ndarray,
    factor: np.ndarray,
    levels: Sequence[int],
) -> dict[str, DailyForecast]:
    """Forecast every method on the whole series and put it on the horizon's calendar days.

    Parameters
    ----------
    series : OpenDaySeries
        The cleaned history.
    calibration : Calibration
        The errors each method made in the inner backtest.
    methods : sequence of str
        Methods to forecast.
    future_days : numpy.ndarray
        Day numbers of the open horizon days.
    fut_open : numpy.ndarray
        Per horizon day: the weekday is open.
    factor : numpy.ndarray
        Special-day x event multiplier per horizon day.
    levels : sequence of int
        Prediction-interval levels [%].
    """
    horizon_days = len(fut_open)
    steps = int(fut_open.sum())
    widen = widening(steps, calibration, series.period)
    yearly_now = yearly_log_factor(series.z, series.day_number, series.weekday, future_days)
    out: dict[str, DailyForecast] = {}
    for method in methods:
        yz = predict_adjusted(method, series.z, series.period, steps, yearly_now)
        yhat = np.zeros(horizon_days)
        yhat[fut_open] = yz
        bounds_z = quantile_bounds(yz, calibration.errors[method], widen, levels)
        bounds: Bounds = {}
        for lev, (lo_z, hi_z) in bounds_z.items():
            lo, hi = np.zeros(horizon_days), np.zeros(horizon_days)
            lo[fut_open], hi[fut_open] = lo_z, hi_z
            bounds[lev] = (lo * factor, hi * factor)
        out[method] = DailyForecast(yhat * factor, bounds)
    return out


# --------------------------------------------------------------------------- the stage


@dataclass(frozen=True, eq=False)
class StageInputs:
    """What every daily model starts from: the cleaned series and the horizon's calendar.

    Attributes
    ----------
    series : OpenDaySeries
        The history's open days with the special days replaced by their baseline.
    factor : numpy.ndarray
        Special-day x event multiplier per horizon day.
    fut_open : numpy.ndarray
        Per horizon day: the weekday is open.
    future_days : numpy.ndarray
        Day numbers of the open horizon days.
    learned_uplift_pct : dict of str to float
        Uplift learned per event kind [%].
    normal_hist : numpy.ndarray
        Per history day: open and not special.
    """

    series: OpenDaySeries
    factor: np.ndarray
    fut_open: np.ndarray
    future_days: np.ndarray
    learned_uplift_pct: dict[str, float]
    normal_hist: np.ndarray
    learned_holidays: frozenset[str] = frozenset()


def stage_inputs(grid: HistoryGrid, cal: Calendar, horizon_days: int) -> StageInputs:
    """Clean the history and learn the special-day factors of the horizon.

    Raises
    ------
    InsufficientHistoryError
        When no weekday has contacts.
    """
    n_hist = len(grid.dates)
    daily = grid.daily
    is_open_wd = open_weekdays(grid, cal.holiday)
    if not is_open_wd.any():
        raise InsufficientHistoryError("history has no contacts on any weekday")
    period = int(is_open_wd.sum())
    flags = day_flags(cal, is_open_wd)
    h_open = flags.open[:n_hist]
    special = special_history_days(daily, flags, cal)
    normal_hist = h_open & ~special
    series = open_day_series(daily, cal, h_open, special, period)

    baseline = np.zeros(n_hist)
    baseline[h_open] = series.z
    factors = learn_special_day_factors(daily, baseline, flags, cal)
    learned = learned_uplifts(daily, normal_hist, cal, n_hist)
    factor = future_factor(flags, cal, factors, learned, n_hist, horizon_days)
    fut = slice(n_hist, n_hist + horizon_days)
    fut_open = flags.open[fut]
    future_days = day_numbers(cal.dates)[fut][fut_open]
    return StageInputs(series, factor, fut_open, future_days, learned, normal_hist,
                       frozenset(factors.by_holiday))


def point_forecasts(grid: HistoryGrid, cal: Calendar, horizon_days: int,
                    methods: Sequence[str]) -> dict[str, np.ndarray]:
    """The daily point forecasts of ``methods`` over the horizon, without the inner backtest.

    The same numbers as ``daily_stage(...).daily[method].yhat`` (the bounds need the inner
    backtest; a point forecast does not), for choosing a method cheaply.

    Returns
    -------
    dict of str to numpy.ndarray
        Contacts per calendar day of the horizon, per method the history can fit
        (``methods_for_history``) [contacts per day].
    """
    inputs = stage_inputs(grid, cal, horizon_days)
    series, fut_open = inputs.series, inputs.fut_open
    fitted, _, _ = methods_for_history(len(grid.dates), methods)
    steps = int(fut_open.sum())
    yearly_now = yearly_log_factor(series.z, series.day_number, series.weekday, inputs.future_days)
    out: dict[str, np.ndarray] = {}
    for method in fitted:
        yhat = np.zeros(len(fut_open))
        yhat[fut_open] = predict_adjusted(method, series.z, series.period, steps, yearly_now)
        out[method] = yhat * inputs.factor
    return out


def daily_stage(
    grid: HistoryGrid,
    cal: Calendar,
    horizon_days: int,
    methods: Sequence[str],
    levels: Sequence[int],
) -> DailyStage:
    """Fit the daily stage on ``grid`` and forecast ``horizon_days`` days after it.

    Parameters
    ----------
    grid : HistoryGrid
        The history.
    cal : Calendar
        Flags for every date of history and horizon.
    horizon_days : int
        Days to forecast [days].
    methods : sequence of str
        Methods to fit; the first is kept on a tie.
    levels : sequence of int
        Prediction-interval levels [%].

    Raises
    ------
    InsufficientHistoryError
        When no weekday has contacts.
    """
    inputs = stage_inputs(grid, cal, horizon_days)
    series, factor, fut_open = inputs.series, inputs.factor, inputs.fut_open
    methods, fallback, message = methods_for_history(len(grid.dates), methods)
    calibration = calibrate(series, methods)
    out = horizon_forecasts(series, calibration, methods, inputs.future_days, fut_open, factor, levels)
    selection = pd.DataFrame(
        {
            "method": list(methods),
            "wmape": [calibration.scores.get(m, np.nan) for m in methods],
            "chosen": [m == calibration.chosen for m in methods],
        }
    )
    return DailyStage(
        daily=out,
        chosen=calibration.chosen,
        selection=selection,
        factor=factor,
        is_open=fut_open & (factor > 0),
        learned_uplift_pct=inputs.learned_uplift_pct,
        normal_hist=inputs.normal_hist,
        fallback=fallback,
        message=message,
        learned_holidays=inputs.learned_holidays,
    )
