"""Interval forecasts of offered contacts: a daily model times an intraday profile.

The forecast of one series (one channel and queue) is built in four steps:

1. **Daily totals** per local date. Days and intervals absent from the history are closed
   (zero). Weekdays that are (almost) always closed stay closed; the model sees only the open
   weekdays, so a Monday-Friday centre is a series with a five-day season.
2. **Special days** are replaced by a baseline before fitting: public holidays (``holidays``
   package), the days just before and after them, unscheduled closures (zero on an open
   weekday), days of campaigns, mailings and closures, and days of any event tagged
   ``exclude_from_training``. Their factor against the baseline is learned from the history
   (per holiday name; pooled for the days around holidays) and applied to future special days.
3. **A daily model** on the cleaned open-day series: statsmodels exponential smoothing with a
   multiplicative weekly season (``"ets"``), the mean of the last eight same weekdays
   (``"weekday_mean"``) or the weekly seasonal naive (``"seasonal_naive"``). ``"auto"`` fits all
   three at six rolling origins (four weeks apart) inside the history and keeps the one with
   the lowest error.
   When the history spans more than about thirteen months (``YEARLY_MIN_DAYS``), a yearly
   season (Fourier terms in the day of the year) and a log-linear growth trend are fitted
   next to the weekday effects on the log daily totals; the model runs on the series with
   season and trend divided out and its forecast is multiplied back by both. They are
   refitted at every inner origin, so the intervals stay honest.
   The same inner backtest gives the empirical distribution of the daily log errors, from
   which the prediction intervals are taken (widened by ``INTERVAL_INFLATION``), so they are
   as wide as the method's errors were.
4. **An intraday profile** per weekday (share of the day per local time of day, from the last
   eight normal same weekdays) spreads the daily forecast over intervals. The future grid is
   built in the history's time zone, so a DST day has 92 or 100 quarter hours. Interval
   bounds add the profile's own scatter (over-dispersed Poisson) to the daily bounds.

Future events multiply the day: ``1 + uplift_pct / 100`` (the user's uplift, or the uplift
learned from past events of the same kind when it is left empty); a closure sets it to zero.

References
----------
.. [1] Hyndman, R.J. & Athanasopoulos, G. (2021). *Forecasting: Principles and Practice*, 3rd
   ed., OTexts. Ch. 5.10 (time series cross-validation), 5.8 (MASE), 8 (exponential smoothing).
.. [2] Hyndman, R.J. & Koehler, A.B. (2006). "Another look at measures of forecast accuracy".
   *International Journal of Forecasting* 22(4), 679-688.
.. [3] Weinberg, J., Brown, L.D. & Stroud, J.R. (2007). "Bayesian forecasting of an
   inhomogeneous Poisson process with applications to call center data". *JASA* 102(480),
   1185-1198 (daily volume times a within-day profile).
.. [4] Seabold, S. & Perktold, J. (2010). "statsmodels: Econometric and statistical modeling
   with Python". *Proc. 9th Python in Science Conference*.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Final

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from kcc.events import expand_events, holiday_dates, validate_events

#: Methods ``forecast`` accepts.
METHODS: Final[tuple[str, ...]] = ("auto", "ets", "weekday_mean", "seasonal_naive")
#: Methods ``"auto"`` chooses from, in order of preference on a tie.
CANDIDATES: Final[tuple[str, ...]] = ("ets", "weekday_mean", "seasonal_naive")
#: Baselines ``backtest`` reports next to the methods (computed on the raw history).
BASELINES: Final[tuple[str, ...]] = ("baseline_naive_7d", "baseline_mean_4w")

#: Shortest history ``forecast`` accepts [days].
MIN_HISTORY_DAYS: Final[int] = 7
#: Shortest history for a model other than the seasonal naive [days].
MIN_MODEL_DAYS: Final[int] = 28
#: Recent same weekdays the intraday profile and ``weekday_mean`` average over.
PROFILE_WEEKS: Final[int] = 8
MEAN_WEEKS: Final[int] = 8
#: Weeks of open days exponential smoothing is fitted on: a year is enough for a weekly
#: season and keeps a fit fast on long histories.
ETS_WINDOW_WEEKS: Final[int] = 52
#: Histories whose open days span at least this many days get a yearly season and a growth
#: trend (log-linear, fitted on the daily totals next to the weekday effects): with less than
#: about thirteen months a yearly season cannot be told apart from a trend.
YEARLY_MIN_DAYS: Final[int] = 400
#: Fourier harmonics of the yearly season: 10 resolves features a few weeks wide (a January
#: peak); on the demo channels 3, 6 and 10 harmonics score within a few % of each other.
YEARLY_HARMONICS: Final[int] = 10
#: Inner backtest: number of rolling origins, their horizon and the weeks between them.
CALIBRATION_ORIGINS: Final[int] = 6
CALIBRATION_WEEKS: Final[int] = 4
#: Four weeks apart the six windows do not overlap and reach 24 weeks back: the choice is
#: then the same at every outer backtest origin on all six benchmark series (two weeks apart
#: it flipped between methods) and the 80 % day intervals cover 79-88 % of days.
CALIBRATION_STEP_WEEKS: Final[int] = 4
#: Widening of the measured log-error quantiles: few, overlapping inner origins understate
#: the spread (measured on both real series: 80 % intervals then cover 77-84 % of days).
INTERVAL_INFLATION: Final[float] = 1.2
#: A learned special-day factor below this means the centre was closed.
CLOSED_FACTOR: Final[float] = 0.02
#: Event kinds whose days are replaced by the baseline before fitting (their effect is
#: modelled by the uplift); any kind is also left out when tagged ``exclude_from_training``.
MODELLED_KINDS: Final[frozenset[str]] = frozenset({"campaign", "mailing", "closure"})

_DAY = pd.Timedelta(days=1)
#: Prediction bounds per level [%]: (lower, upper) arrays.
_Bounds = dict[int, tuple[np.ndarray, np.ndarray]]


class InsufficientHistoryError(ValueError):
    """The history is too short to forecast at all (less than ``MIN_HISTORY_DAYS`` days)."""


class ShortHistoryWarning(UserWarning):
    """The history is too short for the requested model; the seasonal naive was used."""


@dataclass(frozen=True, eq=False)
class ForecastResult:
    """Everything a forecast produced.

    Attributes
    ----------
    intervals : pandas.DataFrame
        ``ds, yhat, yhat_lo_<level>, yhat_hi_<level>`` per interval [contacts per interval].
    daily : pandas.DataFrame
        ``date, yhat, yhat_lo_<level>, yhat_hi_<level>`` per local day [contacts per day],
        with ``is_open``, ``holiday`` (name or ``""``), ``events`` (names) and ``factor``
        (special-day and event multiplier, 1 on a normal day).
    method : str
        Method actually used.
    requested_method : str
        Method asked for.
    fallback : bool
        True when the history was too short for the requested method.
    message : str
        Why the fallback happened (English), empty otherwise.
    history_days : int
        Days from the first to the last day of the history.
    interval_min : int
        Interval length of history and forecast [min].
    selection : pandas.DataFrame
        Inner backtest of the candidates: ``method, wmape`` (daily, fraction), ``chosen``.
    learned_uplift_pct : dict
        Uplift learned per event kind from the history [%].
    """

    intervals: pd.DataFrame
    daily: pd.DataFrame
    method: str
    requested_method: str
    fallback: bool
    message: str
    history_days: int
    interval_min: int
    selection: pd.DataFrame
    learned_uplift_pct: dict[str, float] = field(default_factory=dict)


# --------------------------------------------------------------------------- history grid


@dataclass(frozen=True, eq=False)
class _Grid:
    """History as a day x time-of-day matrix on local wall-clock time."""

    tz: tzinfo | None
    interval_min: int
    dates: pd.DatetimeIndex  # naive local midnights, every day from first to last
    matrix: np.ndarray  # contacts per (date, time of day) [contacts]

    @property
    def daily(self) -> np.ndarray:
        return self.matrix.sum(axis=1)

    def head(self, n_days: int) -> _Grid:
        return _Grid(self.tz, self.interval_min, self.dates[:n_days], self.matrix[:n_days])


def _prepare(history: pd.DataFrame) -> _Grid:
    """Validate a history frame and put it on a day x time-of-day grid."""
    if not isinstance(history, pd.DataFrame) or not {"ds", "y"} <= set(history.columns):
        raise ValueError("history must be a DataFrame with columns 'ds' and 'y'")
    if len(history) == 0:
        raise InsufficientHistoryError(
            f"history is empty; a forecast needs at least {MIN_HISTORY_DAYS} days"
        )
    ds = history["ds"]
    if not isinstance(ds.dtype, pd.DatetimeTZDtype) and not pd.api.types.is_datetime64_dtype(ds):
        ds = pd.to_datetime(ds)
    y = pd.to_numeric(history["y"], errors="coerce").to_numpy(dtype=float)
    if np.isnan(y).any():
        raise ValueError(f"history: y has {int(np.isnan(y).sum())} missing or non-numeric values")
    if (y < 0).any():
        raise ValueError("history: y must not be negative")
    if ds.isna().any():
        raise ValueError("history: ds has missing timestamps")
    if ds.duplicated().any():
        raise ValueError(f"history: ds has duplicate timestamps, first {ds[ds.duplicated()].iloc[0]}")
    tz = getattr(ds.dtype, "tz", None)
    # Seconds since the epoch (UTC for tz-aware input), so DST days give true steps.
    instants_s = np.sort(pd.DatetimeIndex(ds).as_unit("s").asi8)
    steps_min = np.diff(instants_s) / 60.0
    interval_min = int(round(steps_min.min())) if len(steps_min) else 60
    if interval_min < 1 or 1440 % interval_min or (len(steps_min) and steps_min.min() % 1):
        raise ValueError(
            f"history: interval of {steps_min.min() if len(steps_min) else 0:g} min does not "
            "divide a day; use a regular interval of 5-60 min"
        )
    local = ds.dt.tz_localize(None) if tz else ds
    tod_min = (local.dt.hour * 60 + local.dt.minute).to_numpy()
    if (tod_min % interval_min).any() or (local.dt.second != 0).any():
        raise ValueError(f"history: timestamps are not on the {interval_min}-minute grid")
    day = local.dt.normalize()
    dates = pd.date_range(day.min(), day.max(), freq="D")
    row = ((day - dates[0]) // _DAY).to_numpy(dtype=np.int64)
    matrix = np.zeros((len(dates), 1440 // interval_min))
    np.add.at(matrix, (row, tod_min // interval_min), y)
    return _Grid(tz, interval_min, dates, matrix)


# --------------------------------------------------------------------------- calendar


@dataclass(frozen=True, eq=False)
class _Calendar:
    """Special-day flags for every date of history and horizon (same index)."""

    dates: pd.DatetimeIndex
    holiday: np.ndarray  # holiday name or ""
    excluded: np.ndarray  # bool: past event left out of training
    event_names: np.ndarray  # str, names joined
    event_kinds: list[list[tuple[str, float]]]  # (kind, uplift_pct or NaN) per date


def _calendar(dates: pd.DatetimeIndex, country: str | None, events: pd.DataFrame) -> _Calendar:
    n = len(dates)
    holiday = np.full(n, "", dtype=object)
    if country:
        hol = holiday_dates(country, range(dates[0].year, dates[-1].year + 1))
        pos = dates.get_indexer(pd.DatetimeIndex(hol["date"]))
        ok = pos >= 0
        holiday[pos[ok]] = hol["name"].to_numpy()[ok]
    excluded = np.zeros(n, dtype=bool)
    names = np.full(n, "", dtype=object)
    kinds: list[list[tuple[str, float]]] = [[] for _ in range(n)]
    days = expand_events(events, dates[0].date(), dates[-1].date())
    if len(days):
        pos = dates.get_indexer(pd.DatetimeIndex(days["date"]))
        for p, name, kind, uplift, excl in zip(
            pos,
            days["name"],
            days["kind"],
            days["uplift_pct"],
            days["exclude_from_training"],
            strict=True,
        ):
            excluded[p] |= bool(excl) or kind in MODELLED_KINDS
            names[p] = f"{names[p]}; {name}" if names[p] else name
            kinds[p].append((kind, float(uplift)))
    return _Calendar(dates, holiday, excluded, names, kinds)


def _open_weekdays(grid: _Grid, holiday: np.ndarray) -> np.ndarray:
    """Weekdays open on most of their last eight non-holiday occurrences."""
    weekday = grid.dates.day_of_week.to_numpy()
    daily = grid.daily
    is_open = np.zeros(7, dtype=bool)
    for w in range(7):
        rows = np.flatnonzero((weekday == w) & (holiday[: len(daily)] == ""))[-PROFILE_WEEKS:]
        if len(rows):
            is_open[w] = (daily[rows] > 0).mean() >= 0.5
    return is_open


# --------------------------------------------------------------------------- daily models


def _predict(method: str, z: np.ndarray, period: int, steps: int) -> np.ndarray:
    """Forecast ``steps`` values of the open-day series ``z`` with a season of ``period``."""
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
        with warnings.catch_warnings():
            # The optimiser may stop early on flat stretches; the result is checked below.
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            model = ExponentialSmoothing(
                z,
                seasonal=seasonal,
                seasonal_periods=period if seasonal else None,
                initialization_method="estimated",
            )
            out = np.asarray(model.fit().forecast(steps), dtype=float)
        if not np.isfinite(out).all():
            return _predict("weekday_mean", z, period, steps)
        return np.maximum(out, 0.0)
    raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")


def _yearly_log_factor(
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


def _predict_adjusted(
    method: str,
    z: np.ndarray,
    period: int,
    steps: int,
    yearly: tuple[np.ndarray, np.ndarray] | None,
) -> np.ndarray:
    """``_predict`` on the series with its yearly season and trend (log scale) taken out and
    put back; plain ``_predict`` when ``yearly`` is None."""
    if yearly is None:
        return _predict(method, z, period, steps)
    past, future = yearly
    return _predict(method, z / np.exp(past), period, steps) * np.exp(future[:steps])


def _baseline_values(z: np.ndarray, special: np.ndarray, period: int) -> np.ndarray:
    """Baseline for special days: median of the last four normal same-season values."""
    out = z.astype(float).copy()
    normal = ~special
    fallback = float(np.mean(z[normal])) if normal.any() else float(np.mean(z))
    for i in np.flatnonzero(special):
        prev = [j for j in range(i - period, -1, -period) if normal[j]][:4]
        if not prev:
            prev = [j for j in range(i + period, len(z), period) if normal[j]][:4]
        out[i] = float(np.median(z[prev])) if prev else fallback
    return out


def _symmetric_baseline(
    daily: np.ndarray, normal: np.ndarray, rows: np.ndarray, weeks: int = 4
) -> np.ndarray:
    """Median of the same weekday up to ``weeks`` weeks before and after each row."""
    out = np.full(len(rows), np.nan)
    n = len(daily)
    for k, i in enumerate(rows):
        around = [i + 7 * s for s in range(-weeks, weeks + 1) if s and 0 <= i + 7 * s < n]
        values = [daily[j] for j in around if normal[j]]
        if values:
            out[k] = float(np.median(values))
    return out


@dataclass(frozen=True, eq=False)
class _Daily:
    """Daily forecast of one method over the horizon (calendar days)."""

    yhat: np.ndarray
    bounds: dict[int, tuple[np.ndarray, np.ndarray]]  # level -> (lo, hi)


@dataclass(frozen=True, eq=False)
class _Core:
    """What the daily stage produced for every method fitted."""

    daily: dict[str, _Daily]
    chosen: str
    selection: pd.DataFrame
    factor: np.ndarray  # special-day x event multiplier per future date
    is_open: np.ndarray  # per future date
    learned_uplift_pct: dict[str, float]
    normal_hist: np.ndarray  # per history date: open, not special
    fallback: bool
    message: str


def _log_errors(actual: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    ok = (actual > 0) & (predicted > 0)
    return np.log(actual[ok] / predicted[ok])


def _quantile_bounds(
    yhat_z: np.ndarray, errors: np.ndarray, widen: np.ndarray, levels: Sequence[int]
) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    out: dict[int, tuple[np.ndarray, np.ndarray]] = {}
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


def _daily_core(
    grid: _Grid,
    cal: _Calendar,
    horizon_days: int,
    methods: Sequence[str],
    levels: Sequence[int],
) -> _Core:
    """Fit the daily stage on ``grid`` and forecast ``horizon_days`` days after it."""
    n_hist = len(grid.dates)
    daily = grid.daily
    weekday_all = cal.dates.day_of_week.to_numpy()
    is_open_wd = _open_weekdays(grid, cal.holiday)
    if not is_open_wd.any():
        raise InsufficientHistoryError("history has no contacts on any weekday")
    open_all = is_open_wd[weekday_all]
    period = int(is_open_wd.sum())
    hol_all = cal.holiday != ""
    # The day before a holiday and the first open day after one behave differently too.
    before_all = np.zeros(len(cal.dates), dtype=bool)
    before_all[:-1] = hol_all[1:] & ~hol_all[:-1]
    after_all = np.zeros(len(cal.dates), dtype=bool)
    for i in np.flatnonzero(hol_all & open_all):
        j = i + 1
        while j < len(cal.dates) and (hol_all[j] or not open_all[j]):
            j += 1
        if j < len(cal.dates):
            after_all[j] = True
    after_all &= ~hol_all & ~before_all

    h_open = open_all[:n_hist]
    unscheduled = h_open & (daily == 0) & ~hol_all[:n_hist]
    special_h = hol_all[:n_hist] | before_all[:n_hist] | after_all[:n_hist]
    special_h |= cal.excluded[:n_hist] | unscheduled
    normal_hist = h_open & ~special_h

    z_raw = daily[h_open]
    z_special = special_h[h_open]
    if z_special.all():
        z_special = np.zeros_like(z_special)
    z = _baseline_values(z_raw, z_special, period)

    # Learned special-day factors, from actual / baseline on the history.
    base_hist = np.zeros(n_hist)
    base_hist[h_open] = z
    ratio = np.divide(daily, base_hist, out=np.full(n_hist, np.nan), where=base_hist > 0)
    by_name: dict[str, list[float]] = {}
    for i in np.flatnonzero(hol_all[:n_hist] & h_open & ~cal.excluded[:n_hist]):
        if np.isfinite(ratio[i]):
            by_name.setdefault(str(cal.holiday[i]), []).append(float(ratio[i]))
    pooled_holiday = (
        float(np.median([v for vs in by_name.values() for v in vs])) if by_name else 1.0
    )

    def pooled(mask: np.ndarray) -> float:
        values = ratio[: n_hist][mask[:n_hist] & h_open & ~cal.excluded[:n_hist]]
        values = values[np.isfinite(values)]
        return float(np.median(values)) if len(values) >= 2 else 1.0

    before_factor, after_factor = pooled(before_all), pooled(after_all)

    learned = _learned_uplifts(daily, normal_hist, cal, n_hist)

    fut = slice(n_hist, n_hist + horizon_days)
    fut_open = open_all[fut]
    factor = np.ones(horizon_days)
    for k, i in enumerate(range(n_hist, n_hist + horizon_days)):
        if hol_all[i]:
            vals = by_name.get(str(cal.holiday[i]))
            factor[k] = float(np.mean(vals)) if vals else pooled_holiday
        elif before_all[i]:
            factor[k] = before_factor
        elif after_all[i]:
            factor[k] = after_factor
        for kind, uplift in cal.event_kinds[i]:
            if kind == "closure":
                factor[k] = 0.0
            else:
                pct = uplift if np.isfinite(uplift) else learned.get(kind, np.nan)
                factor[k] *= 1 + (pct if np.isfinite(pct) else 0.0) / 100
    factor[factor < CLOSED_FACTOR] = 0.0

    # Day numbers and weekdays of the open days, for the yearly season.
    day_number = ((cal.dates - pd.Timestamp("1970-01-01")) // _DAY).to_numpy(dtype=float)
    z_days = day_number[:n_hist][h_open]
    z_weekday = weekday_all[:n_hist][h_open]
    future_days = day_number[fut][fut_open]

    # Inner rolling-origin backtest: choose the method and measure its errors.
    n_z = len(z)
    steps = int(fut_open.sum())
    cal_h = min(CALIBRATION_WEEKS * period, max(n_z - 4 * period, 0))
    spacing = CALIBRATION_STEP_WEEKS * period
    origins = [
        n_z - cal_h - j * spacing
        for j in range(CALIBRATION_ORIGINS)
        if cal_h >= period and n_z - cal_h - j * spacing >= 4 * period
    ]
    fallback = n_hist < MIN_MODEL_DAYS and any(m != "seasonal_naive" for m in methods)
    message = ""
    if fallback:
        message = (
            f"History covers {n_hist} days; a model needs at least {MIN_MODEL_DAYS} days "
            "(four weeks). Used the weekly seasonal naive instead."
        )
        methods = ["seasonal_naive"]
    errors: dict[str, np.ndarray] = {}
    scores: dict[str, float] = {}
    abs_err = {m: 0.0 for m in methods}
    total = 0.0
    errs: dict[str, list[np.ndarray]] = {m: [] for m in methods}
    for o in origins:
        yearly = _yearly_log_factor(z[:o], z_days[:o], z_weekday[:o], z_days[o : o + cal_h])
        actual = z_raw[o : o + cal_h]
        mask = ~z_special[o : o + cal_h]
        total += float(actual[mask].sum())
        for method in methods:
            pred = _predict_adjusted(method, z[:o], period, cal_h, yearly)
            err = np.abs(actual - pred)[mask]
            abs_err[method] += float(err.sum())
            errs[method].append(_log_errors(actual[mask], pred[mask]))
    for method in methods:
        errors[method] = np.concatenate(errs[method]) if errs[method] else np.zeros(0)
        scores[method] = abs_err[method] / total if total > 0 else np.nan
    if not origins:
        # No room for an inner backtest: seasonal-naive errors in the sample, per week ahead.
        prev = z[:-period] if n_z > period else z
        naive_err = _log_errors(z[period:], prev[: max(n_z - period, 0)])
        for method in methods:
            errors[method] = naive_err
    finite = {m: s for m, s in scores.items() if np.isfinite(s)}
    chosen = min(finite, key=lambda m: (finite[m], methods.index(m))) if finite else methods[0]

    widen = np.ones(steps)
    if steps:
        ahead = np.arange(1, steps + 1)
        reach = max(cal_h, period) if origins else period
        # Beyond the horizon the errors were measured on, widen like a random walk.
        widen = np.sqrt(np.maximum(ahead / reach, 1.0)) if origins else np.sqrt(
            np.ceil(ahead / period)
        )
    yearly_now = _yearly_log_factor(z, z_days, z_weekday, future_days)
    out: dict[str, _Daily] = {}
    for method in methods:
        yz = _predict_adjusted(method, z, period, steps, yearly_now)
        bounds_z = _quantile_bounds(yz, errors[method], widen, levels)
        yhat = np.zeros(horizon_days)
        yhat[fut_open] = yz
        bounds = {}
        for lev, (lo_z, hi_z) in bounds_z.items():
            lo, hi = np.zeros(horizon_days), np.zeros(horizon_days)
            lo[fut_open], hi[fut_open] = lo_z, hi_z
            bounds[lev] = (lo * factor, hi * factor)
        out[method] = _Daily(yhat * factor, bounds)
    selection = pd.DataFrame(
        {
            "method": list(methods),
            "wmape": [scores.get(m, np.nan) for m in methods],
            "chosen": [m == chosen for m in methods],
        }
    )
    return _Core(
        out,
        chosen,
        selection,
        factor,
        fut_open & (factor > 0),
        learned,
        normal_hist,
        fallback,
        message,
    )


def _learned_uplifts(
    daily: np.ndarray, normal: np.ndarray, cal: _Calendar, n_hist: int
) -> dict[str, float]:
    """Uplift per event kind from past event days against a symmetric same-weekday baseline."""
    rows_by_kind: dict[str, list[int]] = {}
    for i in range(n_hist):
        if cal.holiday[i] or daily[i] <= 0:
            continue
        for kind, _ in cal.event_kinds[i]:
            rows_by_kind.setdefault(kind, []).append(i)
    event_day = np.array([bool(k) for k in cal.event_kinds[:n_hist]], dtype=bool)
    clean = normal & ~event_day
    learned: dict[str, float] = {}
    for kind, rows in rows_by_kind.items():
        if kind == "closure":
            continue
        idx = np.array(sorted(set(rows)))
        base = _symmetric_baseline(daily, clean, idx)
        ok = np.isfinite(base) & (base > 0)
        if ok.any():
            learned[kind] = float((daily[idx][ok].sum() / base[ok].sum() - 1) * 100)
    return learned


# --------------------------------------------------------------------------- intraday


def _profile(grid: _Grid, normal: np.ndarray) -> tuple[np.ndarray, float]:
    """Share of the day per (weekday, time of day) and the over-dispersion of that split."""
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


def _future_index(grid: _Grid, horizon_days: int) -> pd.DatetimeIndex:
    """Interval starts of the horizon, built from the local-day range in the history's zone."""
    start = grid.dates[-1] + _DAY
    end = start + horizon_days * _DAY
    freq = f"{grid.interval_min}min"
    if grid.tz is None:
        return pd.date_range(start, end, freq=freq, inclusive="left")
    # Absolute steps between two local midnights give 92/100 quarter hours on DST days.
    lo = start.tz_localize(grid.tz, ambiguous=True, nonexistent="shift_forward")
    hi = end.tz_localize(grid.tz, ambiguous=True, nonexistent="shift_forward")
    return pd.date_range(lo, hi, freq=freq, inclusive="left")


def _spread(
    grid: _Grid,
    index: pd.DatetimeIndex,
    daily: _Daily,
    profile: np.ndarray,
    dispersion: float,
    levels: Sequence[int],
) -> pd.DataFrame:
    """Daily forecast x intraday profile on the future grid, with interval bounds."""
    local = index.tz_localize(None) if grid.tz is not None else index
    day_pos = ((local.normalize() - (grid.dates[-1] + _DAY)) // _DAY).to_numpy(dtype=np.int64)
    tod = ((local.hour * 60 + local.minute) // grid.interval_min).to_numpy()
    share = profile[local.day_of_week.to_numpy(), tod]
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
    return pd.DataFrame(out)


# --------------------------------------------------------------------------- public API


def _check_args(horizon_days: int, method: str, level: Sequence[int]) -> tuple[int, ...]:
    if int(horizon_days) != horizon_days or not 1 <= horizon_days <= 731:
        raise ValueError(f"horizon_days must be a whole number of days in 1..731; got {horizon_days}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    levels = tuple(int(v) for v in level)
    if any(not 0 < v < 100 for v in levels):
        raise ValueError(f"level must be percentages between 0 and 100; got {tuple(level)}")
    return levels


def _events_for(events: pd.DataFrame | None, channel: str | None) -> pd.DataFrame:
    frame = validate_events(events)
    if channel is not None and len(frame):
        keep = np.array([not c or channel in c for c in frame["channels"]], dtype=bool)
        frame = frame[keep].reset_index(drop=True)
    return frame


def _run(
    grid: _Grid,
    horizon_days: int,
    method: str,
    events: pd.DataFrame,
    country: str | None,
    levels: Sequence[int],
    methods: Sequence[str] | None = None,
) -> tuple[_Core, pd.DatetimeIndex, _Calendar]:
    n_hist = len(grid.dates)
    if n_hist < MIN_HISTORY_DAYS:
        raise InsufficientHistoryError(
            f"History covers {n_hist} days; a forecast needs at least {MIN_HISTORY_DAYS} days "
            "(one full week)."
        )
    all_dates = pd.date_range(grid.dates[0], grid.dates[-1] + horizon_days * _DAY, freq="D")
    cal = _calendar(all_dates, country, events)
    if methods is None:
        methods = list(CANDIDATES) if method == "auto" else [method]
    core = _daily_core(grid, cal, horizon_days, list(methods), levels)
    return core, all_dates, cal


def fit_forecast(
    history: pd.DataFrame,
    horizon_days: int,
    *,
    method: str = "auto",
    events: pd.DataFrame | None = None,
    country: str | None = "NL",
    level: Sequence[int] = (80, 95),
    channel: str | None = None,
) -> ForecastResult:
    """Forecast one series and keep the daily view, the method chosen and the reasons.

    Parameters are those of ``forecast``.

    Returns
    -------
    ForecastResult
        ``intervals`` is what ``forecast`` returns; see the class for the rest.

    Raises
    ------
    InsufficientHistoryError
        When the history covers fewer than ``MIN_HISTORY_DAYS`` days or has no contacts.
    ValueError
        For a malformed history, horizon, method, level or events frame.

    Warns
    -----
    ShortHistoryWarning
        When the history covers fewer than ``MIN_MODEL_DAYS`` days: the weekly seasonal
        naive is used and ``fallback`` is True.

    References
    ----------
    .. [1] Hyndman & Athanasopoulos (2021), *Forecasting: Principles and Practice*, 3rd ed.
    """
    levels = _check_args(horizon_days, method, level)
    horizon_days = int(horizon_days)
    grid = _prepare(history)
    frame = _events_for(events, channel)
    core, all_dates, cal = _run(grid, horizon_days, method, frame, country, levels)
    used = core.chosen
    if core.fallback:
        warnings.warn(core.message, ShortHistoryWarning, stacklevel=2)
    profile, dispersion = _profile(grid, core.normal_hist)
    index = _future_index(grid, horizon_days)
    intervals = _spread(grid, index, core.daily[used], profile, dispersion, levels)
    fut = slice(len(grid.dates), len(all_dates))
    day = core.daily[used]
    daily = pd.DataFrame({"date": all_dates[fut], "yhat": day.yhat})
    for lev in levels:
        daily[f"yhat_lo_{lev}"] = day.bounds[lev][0]
        daily[f"yhat_hi_{lev}"] = day.bounds[lev][1]
    daily["is_open"] = core.is_open
    daily["holiday"] = cal.holiday[fut].astype(str)
    daily["events"] = cal.event_names[fut].astype(str)
    daily["factor"] = core.factor
    for key, value in (
        ("method", used),
        ("requested_method", method),
        ("fallback", core.fallback),
        ("message", core.message),
        ("interval_min", grid.interval_min),
    ):
        intervals.attrs[key] = value
    return ForecastResult(
        intervals=intervals,
        daily=daily,
        method=used,
        requested_method=method,
        fallback=core.fallback,
        message=core.message,
        history_days=len(grid.dates),
        interval_min=grid.interval_min,
        selection=core.selection,
        learned_uplift_pct=core.learned_uplift_pct,
    )


def forecast(
    history: pd.DataFrame,
    horizon_days: int,
    *,
    method: str = "auto",
    events: pd.DataFrame | None = None,
    country: str | None = "NL",
    level: Sequence[int] = (80, 95),
    channel: str | None = None,
) -> pd.DataFrame:
    """Forecast offered contacts per interval for the days after the history.

    Parameters
    ----------
    history : pandas.DataFrame
        One series: ``ds`` (interval start, local time; tz-aware or naive) and ``y`` (offered
        contacts per interval). The interval (5-60 min) is the smallest step between starts.
        Days and intervals absent from the history are closed.
    horizon_days : int
        Days to forecast after the last day of the history, 1..731 [days].
    method : {"auto", "ets", "weekday_mean", "seasonal_naive"}
        Daily model; ``"auto"`` picks per series by an inner rolling-origin backtest.
    events : pandas.DataFrame, optional
        Event calendar (``kcc.store.read_events``): past events are learned from or kept out
        of training, future ones change the forecast (see the module docstring).
    country : str or None
        Holiday calendar (``"NL"``, ``"BE"``, ``"DE"``, ``"GB"``, ...); None for none.
    level : sequence of int
        Prediction-interval levels [%].
    channel : str, optional
        Keep only events of this channel (an event without channels touches every channel).

    Returns
    -------
    pandas.DataFrame
        One row per interval of the horizon: ``ds`` (same time zone awareness as the history),
        ``yhat``, ``yhat_lo_<level>``, ``yhat_hi_<level>`` [contacts per interval]; closed
        intervals are 0. ``attrs`` holds ``method`` (used), ``requested_method``, ``fallback``,
        ``message`` and ``interval_min``.

    Raises
    ------
    InsufficientHistoryError
        When the history covers fewer than ``MIN_HISTORY_DAYS`` (7) days.
    ValueError
        For a malformed history, horizon, method, level or events frame.

    Warns
    -----
    ShortHistoryWarning
        When the history covers fewer than ``MIN_MODEL_DAYS`` (28) days; the weekly seasonal
        naive is used, ``attrs["fallback"]`` is True and ``attrs["message"]`` says why.

    References
    ----------
    .. [1] Hyndman & Athanasopoulos (2021), *Forecasting: Principles and Practice*, 3rd ed.,
       ch. 8 (exponential smoothing).
    .. [2] Weinberg, Brown & Stroud (2007), JASA 102(480) (daily volume x intraday profile).

    Examples
    --------
    >>> fc = forecast(history, 28)  # doctest: +SKIP
    >>> fc.columns.tolist()  # doctest: +SKIP
    ['ds', 'yhat', 'yhat_lo_80', 'yhat_hi_80', 'yhat_lo_95', 'yhat_hi_95']
    """
    return fit_forecast(
        history,
        horizon_days,
        method=method,
        events=events,
        country=country,
        level=level,
        channel=channel,
    ).intervals


def learn_event_uplift(
    history: pd.DataFrame,
    events: pd.DataFrame,
    kind: str,
    *,
    country: str | None = "NL",
    channel: str | None = None,
) -> float:
    """Uplift of past events of one kind, learned from the history.

    Each open, non-holiday day of a past event of ``kind`` is compared with the median of
    the same weekday up to four weeks before and after it (normal days only: no holidays,
    closures or other events). The uplift is the pooled ratio minus one.

    Parameters
    ----------
    history : pandas.DataFrame
        ``ds`` and ``y`` as for ``forecast``.
    events : pandas.DataFrame
        Event calendar; only events of ``kind`` inside the history count.
    kind : str
        Event kind (``"campaign"``, ``"mailing"``, ...).
    country : str or None
        Holiday calendar used to leave holidays out.
    channel : str, optional
        Keep only events of this channel.

    Returns
    -------
    float
        Extra volume on the event days against the baseline [%]; NaN when the history holds
        no event of that kind.

    References
    ----------
    .. [1] Hyndman & Athanasopoulos (2021), *Forecasting: Principles and Practice*, 3rd ed.,
       ch. 7.4 (intervention / dummy variables for special events).
    """
    grid = _prepare(history)
    frame = _events_for(events, channel)
    frame = frame[frame["kind"] == kind]
    cal = _calendar(grid.dates, country, frame)
    is_open_wd = _open_weekdays(grid, cal.holiday)
    daily = grid.daily
    normal = is_open_wd[grid.dates.day_of_week.to_numpy()] & (cal.holiday == "") & (daily > 0)
    return _learned_uplifts(daily, normal, cal, len(grid.dates)).get(kind, np.nan)


# --------------------------------------------------------------------------- backtest


def _baseline_matrix(train: np.ndarray, horizon_days: int, kind: str) -> np.ndarray:
    """Raw baselines on the day x time-of-day matrix (no holiday handling)."""
    n = len(train)
    if kind == "baseline_naive_7d":
        last = train[n - 7 :]
        return np.concatenate([last] * (horizon_days // 7 + 1))[:horizon_days]
    k = min(4, n // 7)
    weeks = train[n - 7 * k :].reshape(k, 7, -1).mean(axis=0)
    return np.concatenate([weeks] * (horizon_days // 7 + 1))[:horizon_days]


def _metrics(
    actual: np.ndarray,
    pred: np.ndarray,
    scale: float,
    bounds: dict[int, tuple[np.ndarray, np.ndarray]],
) -> dict[str, float]:
    total = float(actual.sum())
    err = pred - actual
    out = {
        "mase": float(np.abs(err).mean() / scale) if scale > 0 else np.nan,
        "wmape": float(np.abs(err).sum() / total) if total > 0 else np.nan,
        "bias": float(err.sum() / total) if total > 0 else np.nan,
    }
    active = (actual > 0) | (pred > 0)
    for lev, (lo, hi) in bounds.items():
        inside = (actual >= lo - 1e-9) & (actual <= hi + 1e-9)
        out[f"coverage_{lev}"] = float(inside[active].mean()) if active.any() else np.nan
    return out


def backtest(
    history: pd.DataFrame,
    horizon_days: int,
    *,
    origins: int = 4,
    method: str = "auto",
    events: pd.DataFrame | None = None,
    country: str | None = "NL",
    channel: str | None = None,
    step_days: int | None = None,
    level: Sequence[int] = (80, 95),
) -> pd.DataFrame:
    """Rolling-origin backtest of the forecast against the actual history.

    The last ``origins`` cut-offs lie ``step_days`` apart (default ``horizon_days``, so the
    test windows do not overlap) and the last window ends with the history. At each cut-off
    the model sees only the days before it.

    Parameters
    ----------
    history : pandas.DataFrame
        ``ds`` and ``y`` as for ``forecast``.
    horizon_days : int
        Days forecast at each origin [days].
    origins : int
        Number of cut-offs.
    method : str
        As for ``forecast``. With ``"auto"`` the table holds ``auto`` and each candidate.
    events, country, channel
        As for ``forecast``.
    step_days : int, optional
        Days between cut-offs; ``horizon_days`` when None.
    level : sequence of int
        Prediction-interval levels for the coverage columns [%].

    Returns
    -------
    pandas.DataFrame
        One row per origin, method and grain: ``origin`` (first forecast day), ``method``
        (the methods plus ``baseline_naive_7d``, the weekly seasonal naive, and
        ``baseline_mean_4w``, the mean of the same interval on the last four same weekdays),
        ``chosen`` (method ``auto`` picked), ``grain`` (``"day"`` or ``"interval"``),
        ``horizon_days``, ``mase`` (MAE over the in-sample MAE of the weekly seasonal naive),
        ``wmape`` (sum of absolute errors over sum of actuals, fraction), ``bias`` (sum of
        errors over sum of actuals, fraction; positive = over-forecast) and ``coverage_<level>``
        (share of open days/intervals inside the prediction interval, fraction).

    Raises
    ------
    InsufficientHistoryError
        When no cut-off leaves at least ``MIN_HISTORY_DAYS`` days of training history.

    References
    ----------
    .. [1] Hyndman & Koehler (2006), "Another look at measures of forecast accuracy", IJF
       22(4) (MASE).
    .. [2] Hyndman & Athanasopoulos (2021), *FPP3*, ch. 5.10 (time series cross-validation).
    """
    levels = _check_args(horizon_days, method, level)
    horizon_days = int(horizon_days)
    if origins < 1:
        raise ValueError(f"origins must be at least 1; got {origins}")
    step = int(step_days or horizon_days)
    grid = _prepare(history)
    frame = _events_for(events, channel)
    n = len(grid.dates)
    cuts = [n - horizon_days - j * step for j in range(origins - 1, -1, -1)]
    cuts = [c for c in cuts if c >= MIN_HISTORY_DAYS]
    if not cuts:
        raise InsufficientHistoryError(
            f"History covers {n} days; a backtest over {horizon_days} days needs at least "
            f"{MIN_HISTORY_DAYS + horizon_days} days."
        )
    methods = list(CANDIDATES) if method == "auto" else [method]
    rows: list[dict[str, object]] = []
    for cut in cuts:
        train = grid.head(cut)
        actual = grid.matrix[cut : cut + horizon_days]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ShortHistoryWarning)
            core, _, _ = _run(train, horizon_days, method, frame, country, levels, methods)
        profile, dispersion = _profile(train, core.normal_hist)
        index = _future_index(train, horizon_days)
        daily_train = train.daily
        scale_day = float(np.abs(daily_train[7:] - daily_train[:-7]).mean()) if cut > 7 else np.nan
        scale_int = (
            float(np.abs(train.matrix[7:] - train.matrix[:-7]).mean()) if cut > 7 else np.nan
        )
        results: dict[str, tuple[np.ndarray, _Bounds, np.ndarray, _Bounds]] = {}
        for m, day in core.daily.items():
            spread = _spread(train, index, day, profile, dispersion, levels)
            mat = _to_matrix(train, index, spread, horizon_days)
            spread_bounds = {lev: (mat[f"yhat_lo_{lev}"], mat[f"yhat_hi_{lev}"]) for lev in levels}
            results[m] = (day.yhat, day.bounds, mat["yhat"], spread_bounds)
        if method == "auto":
            results = {"auto": results[core.chosen], **results}
        for b in BASELINES:
            mat = _baseline_matrix(train.matrix, horizon_days, b)
            results[b] = (mat.sum(axis=1), {}, mat, {})
        for m, (d_pred, d_bounds, i_pred, i_bounds) in results.items():
            for grain, act, pred, bnd, scale in (
                ("day", actual.sum(axis=1), d_pred, d_bounds, scale_day),
                ("interval", actual, i_pred, i_bounds, scale_int),
            ):
                metrics = _metrics(act, pred, scale, bnd)
                rows.append(
                    {
                        "origin": grid.dates[cut],
                        "method": m,
                        "chosen": core.chosen if m == "auto" else "",
                        "grain": grain,
                        "horizon_days": horizon_days,
                        **metrics,
                    }
                )
    out = pd.DataFrame(rows)
    for lev in levels:
        if f"coverage_{lev}" not in out:
            out[f"coverage_{lev}"] = np.nan
    return out


def _to_matrix(
    grid: _Grid, index: pd.DatetimeIndex, frame: pd.DataFrame, horizon_days: int
) -> dict[str, np.ndarray]:
    """Put interval forecasts back on the day x time-of-day grid (DST duplicates summed)."""
    local = index.tz_localize(None) if grid.tz is not None else index
    row = ((local.normalize() - (grid.dates[-1] + _DAY)) // _DAY).to_numpy(dtype=np.int64)
    col = ((local.hour * 60 + local.minute) // grid.interval_min).to_numpy()
    out = {}
    for column in frame.columns.drop("ds"):
        mat = np.zeros((horizon_days, grid.matrix.shape[1]))
        np.add.at(mat, (row, col), frame[column].to_numpy())
        out[column] = mat
    return out


def summarise_backtest(table: pd.DataFrame) -> pd.DataFrame:
    """Mean of the backtest metrics over origins, per method and grain.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of ``backtest``.

    Returns
    -------
    pandas.DataFrame
        ``method, grain, origins`` and the mean of every metric column.
    """
    metric_cols = [c for c in table.columns if c in ("mase", "wmape", "bias") or c.startswith("coverage_")]
    grouped = table.groupby(["method", "grain"], sort=False)
    out = grouped[metric_cols].mean()
    out.insert(0, "origins", grouped.size())
    return out.reset_index()
