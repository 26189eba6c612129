"""Forecasts of a weekly or monthly series at its own grain, with their backtest.

A series stored as week or month totals (``kcc.config.granularity_of``) was never seen per
day, so it is forecast and scored per week or month, with the models that already exist:

- **weeks**: the daily model (``kcc.forecast.fit_forecast``) on the weeks spread over their
  days (``kcc.pipeline.series_history``), summed back to weeks. A spread week's days are fixed
  shares of one total, so their errors move together and the week's bounds are the sums of
  the day bounds (quantiles of comonotone parts add up).
- **months**: the Capacity plan's monthly model (``kcc.capacity.monthly_forecast`` with the
  planned events' uplift, ``event_uplift``), so both pages show the same months. Its bounds
  come from the log errors of the monthly backtest (``backtest_monthly``) by the daily
  forecast's rule (``kcc.forecast.quantile_bounds``).

The backtest is scored with the daily backtest's measures (``kcc.forecast.accuracy``) on the
period totals: MASE against the in-sample error of last week's total (weeks) or of the same
month a year before (months), wMAPE, bias and, for weeks, the share inside the 80 % band.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from kcc.capacity import backtest_monthly, event_uplift, monthly_forecast, monthly_totals
from kcc.config import granularity_of
from kcc.forecast import (
    SELECTION_HORIZON_DAYS,
    SELECTION_ORIGINS,
    ForecastResult,
    ShortHistoryWarning,
    accuracy,
    fit_forecast,
    log_errors,
    quantile_bounds,
)
from kcc.warning_filters import ignoring

__all__ = [
    "LEVELS",
    "MIN_BACKTEST_MONTHS",
    "MIN_BACKTEST_WEEKS",
    "MONTH_BACKTEST_MAX_MONTHS",
    "MONTH_BACKTEST_ORIGINS",
    "PERIOD_GRAINS",
    "WEEK_BACKTEST_ORIGINS",
    "WEEK_BACKTEST_WEEKS",
    "PeriodForecast",
    "monthly_backtest",
    "period_forecast_monthly",
    "period_forecast_weekly",
    "period_grain",
    "period_totals",
    "summarise_period_backtest",
    "weekly_backtest",
]

#: Granularities forecast at their own grain.
PERIOD_GRAINS: Final[tuple[str, ...]] = ("week", "month")
#: Prediction-band levels of the period forecast [%].
LEVELS: Final[tuple[int, ...]] = (80, 95)
#: Weekly backtest: the daily page's design (four origins of four weeks).
WEEK_BACKTEST_ORIGINS: Final[int] = SELECTION_ORIGINS
WEEK_BACKTEST_WEEKS: Final[int] = SELECTION_HORIZON_DAYS // 7
#: Monthly backtest: three origins a month apart, up to a year ahead (``backtest_monthly``).
MONTH_BACKTEST_ORIGINS: Final[int] = 3
MONTH_BACKTEST_MAX_MONTHS: Final[int] = 12
#: Weeks before a weekly origin: MASE's scale needs two.
_WEEK_TRAIN_MIN: Final[int] = 2
#: Months before a monthly origin: the same month a year before must be known.
_MONTH_TRAIN_MIN: Final[int] = 13
#: Shortest histories with a backtest: two weeks before the last origin's window; a year and
#: a month before the first of the monthly origins.
MIN_BACKTEST_WEEKS: Final[int] = WEEK_BACKTEST_WEEKS + _WEEK_TRAIN_MIN
MIN_BACKTEST_MONTHS: Final[int] = _MONTH_TRAIN_MIN + MONTH_BACKTEST_ORIGINS


@dataclass(frozen=True, eq=False)
class PeriodForecast:
    """A weekly or monthly series and its forecast at that grain.

    Attributes
    ----------
    granularity : str
        ``"week"`` or ``"month"``.
    history : pandas.DataFrame
        ``period`` (naive local first day) and ``y`` [contacts per period], as stored.
    forecast : pandas.DataFrame
        ``period``, ``yhat``, ``yhat_lo_<level>``, ``yhat_hi_<level>`` [contacts per period].
    method : str
        Weeks: the daily model's method (``kcc.forecast.METHODS``); months: the monthly
        model's (``ets_yearly``, ``ets_trend``, ``mean``).
    errors : int
        Backtest errors the monthly bounds rest on (0 for weeks, whose bounds are the daily
        model's).
    daily : ForecastResult or None
        Weeks: the daily forecast the weeks add up (holidays, events, how the method was
        chosen); None for months.
    """

    granularity: str
    history: pd.DataFrame
    forecast: pd.DataFrame
    method: str
    errors: int = 0
    daily: ForecastResult | None = None
    learned_uplift_pct: dict[str, float] = field(default_factory=dict)


def period_grain(interval_min: int) -> str | None:
    """``"week"`` or ``"month"`` for a series stored in rows of ``interval_min`` minutes, None
    for an intraday or daily series (forecast per day as before)."""
    grain = granularity_of(int(interval_min))
    return grain if grain in PERIOD_GRAINS else None


def period_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """The stored periods of one series as ``period`` (naive local first day) and ``y``.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``ds`` (the period's local midnight, tz-aware or naive) and ``offered`` or ``y``
        [contacts per period].
    """
    ds = pd.to_datetime(rows["ds"])
    if getattr(ds.dt, "tz", None) is not None:
        ds = ds.dt.tz_localize(None)
    y = rows["y"] if "y" in rows else rows["offered"]
    out = pd.DataFrame({"period": ds.dt.normalize().to_numpy(), "y": y.astype(float).to_numpy()})
    return out.sort_values("period", ignore_index=True)


def _week_sums(daily: pd.DataFrame, weeks: int, levels: Sequence[int]) -> pd.DataFrame:
    """The first ``weeks`` x 7 days of a daily forecast as week totals, bounds summed."""
    days = daily.iloc[: 7 * weeks]
    week = np.arange(len(days)) // 7
    columns = ["yhat", *(f"yhat_{s}_{lev}" for lev in levels for s in ("lo", "hi"))]
    out = days[columns].groupby(week).sum()
    out.insert(0, "period", days["date"].to_numpy()[::7][: len(out)])
    return out.reset_index(drop=True)


def period_forecast_weekly(
    periods: pd.DataFrame, days: pd.DataFrame, horizon_weeks: int, *, method: str = "auto",
    events: pd.DataFrame | None = None, country: str | None = "NL", channel: str | None = None,
    holiday_treatments: Mapping[Any, float] | None = None, levels: Sequence[int] = LEVELS,
) -> PeriodForecast:
    """Contacts per week of a weekly series for ``horizon_weeks`` weeks.

    Parameters
    ----------
    periods : pandas.DataFrame
        The stored weeks (``period_totals`` input or output).
    days : pandas.DataFrame
        ``ds, y``: the weeks spread over their days (``kcc.pipeline.series_history``).
    horizon_weeks : int
        Weeks to forecast after the last stored week.
    method, events, country, channel, holiday_treatments, levels
        As for ``kcc.forecast.fit_forecast``.

    Raises
    ------
    kcc.forecast.InsufficientHistoryError
        When the history is too short for any forecast.
    """
    with ignoring(ShortHistoryWarning):  # the page shows the fallback from the daily result
        daily = fit_forecast(days, 7 * int(horizon_weeks), method=method, events=events, country=country,
                             level=levels, channel=channel, holiday_treatments=holiday_treatments)
    history = periods if "period" in periods else period_totals(periods)
    return PeriodForecast("week", history, _week_sums(daily.daily, int(horizon_weeks), levels), daily.method,
                          daily=daily, learned_uplift_pct=daily.learned_uplift_pct)


def _month_rows(history: pd.DataFrame, channel: str) -> pd.DataFrame:
    """``monthly_totals`` input of one series' months."""
    days = history["period"].dt.days_in_month.to_numpy()
    return pd.DataFrame({"channel": channel, "ds": history["period"], "interval_min": days * 1440,
                         "offered": history["y"]})


def _complete_months(history: pd.DataFrame, channel: str) -> pd.DataFrame:
    totals = monthly_totals(_month_rows(history, channel))
    return totals[totals["complete"].astype(bool)]


def period_forecast_monthly(
    periods: pd.DataFrame, horizon_months: int, *, events: pd.DataFrame | None = None,
    channel: str = "phone", levels: Sequence[int] = LEVELS,
) -> PeriodForecast:
    """Contacts per month of a monthly series for ``horizon_months`` months: the Capacity
    plan's forecast of these months, bounds from its backtest's log errors.

    Parameters
    ----------
    periods : pandas.DataFrame
        The stored months (``period_totals`` input or output).
    horizon_months : int
        Months to forecast after the last stored month.
    events : pandas.DataFrame, optional
        ``kcc.store.read_events``; events touching ``channel`` add their uplift.
    channel : str
        The series' channel (which events touch it).
    levels : sequence of int
        Band levels [%].

    Raises
    ------
    kcc.capacity.CapacityError
        ``empty_history`` when the series holds no month.
    """
    history = periods if "period" in periods else period_totals(periods)
    monthly = monthly_forecast(_complete_months(history, channel), int(horizon_months))
    monthly = event_uplift(monthly, events if events is not None else pd.DataFrame())
    errors = _monthly_errors(history, channel)
    widen = np.ones(len(monthly))
    bounds = quantile_bounds(monthly["contacts"].to_numpy(float), errors, widen, levels)
    out = pd.DataFrame({"period": monthly["month"].to_numpy(), "yhat": monthly["contacts"].to_numpy(float)})
    for lev, (lo, hi) in bounds.items():
        out[f"yhat_lo_{lev}"], out[f"yhat_hi_{lev}"] = lo, hi
    return PeriodForecast("month", history, out, str(monthly["method"].iloc[0]), errors=len(errors))


def _monthly_table(history: pd.DataFrame, channel: str) -> pd.DataFrame:
    """``backtest_monthly`` of the series' complete months, over the longest horizon (up to
    a year) that leaves every origin a year and a month to learn from; empty when none does."""
    complete = _complete_months(history, channel).set_index("month")["offered"].astype(float)
    horizon = min(MONTH_BACKTEST_MAX_MONTHS, len(complete) - _MONTH_TRAIN_MIN - (MONTH_BACKTEST_ORIGINS - 1))
    if horizon < 1:
        return pd.DataFrame(columns=["origin", "month", "actual", "forecast", "naive"])
    return backtest_monthly(complete, horizon_months=horizon, origins=MONTH_BACKTEST_ORIGINS)


def _monthly_errors(history: pd.DataFrame, channel: str) -> np.ndarray:
    table = _monthly_table(history, channel)
    return log_errors(table["actual"].to_numpy(float), table["forecast"].to_numpy(float))


def monthly_backtest(periods: pd.DataFrame, *, channel: str = "phone") -> pd.DataFrame:
    """Rolling-origin accuracy of the monthly forecast and the yearly seasonal naive.

    Returns
    -------
    pandas.DataFrame
        One row per origin and method (``monthly``, ``baseline_same_month_last_year``):
        ``origin`` (first forecast month), ``method``, ``horizon`` [months], ``mase`` (scale:
        in-sample MAE of the same month a year before), ``wmape``, ``bias`` (fractions) and
        ``coverage_<level>`` (NaN: the bounds are drawn from these very errors). Empty when
        the history is too short.
    """
    history = periods if "period" in periods else period_totals(periods)
    table = _monthly_table(history, channel)
    months = _complete_months(history, channel).set_index("month")["offered"].astype(float)
    rows: list[dict[str, object]] = []
    for origin, window in table.groupby("origin", sort=True):
        train = months[months.index <= origin].to_numpy()
        scale = float(np.abs(train[12:] - train[:-12]).mean())
        actual = window["actual"].to_numpy(float)
        for name, column in (("monthly", "forecast"), ("baseline_same_month_last_year", "naive")):
            scores = accuracy(actual, window[column].to_numpy(float), scale, {})
            rows.append({"origin": window["month"].min(), "method": name, "horizon": len(window),
                         **scores, **{f"coverage_{lev}": np.nan for lev in LEVELS}})
    return pd.DataFrame(rows, columns=["origin", "method", "horizon", "mase", "wmape", "bias",
                                       *(f"coverage_{lev}" for lev in LEVELS)])


def _week_baselines(train: np.ndarray, weeks: int) -> dict[str, np.ndarray]:
    """Last week's total, and the mean of the last four weeks, repeated."""
    return {"baseline_last_week": np.full(weeks, train[-1]),
            "baseline_mean_4_weeks": np.full(weeks, train[-4:].mean())}


def weekly_backtest(
    periods: pd.DataFrame, days: pd.DataFrame, *, method: str = "auto", events: pd.DataFrame | None = None,
    country: str | None = "NL", channel: str | None = None, origins: int = WEEK_BACKTEST_ORIGINS,
    horizon_weeks: int = WEEK_BACKTEST_WEEKS, levels: Sequence[int] = LEVELS,
) -> pd.DataFrame:
    """Rolling-origin accuracy of the weekly forecast and two baselines on week totals.

    The last ``origins`` origins lie ``horizon_weeks`` apart, the last window ending with the
    history; at each the model sees only the days of the weeks before it.

    Returns
    -------
    pandas.DataFrame
        One row per origin and method (``method`` as asked, ``baseline_last_week``,
        ``baseline_mean_4_weeks``): ``origin`` (first forecast week), ``method``, ``horizon``
        [weeks], ``mase`` (scale: in-sample MAE of last week's total), ``wmape``, ``bias`` and
        ``coverage_<level>`` (fractions). Empty when no origin has two weeks before it (``MIN_BACKTEST_WEEKS``).
    """
    history = periods if "period" in periods else period_totals(periods)
    totals = history["y"].to_numpy(float)
    local = days["ds"].dt.tz_localize(None) if days["ds"].dt.tz is not None else days["ds"]
    rows: list[dict[str, object]] = []
    for k in range(origins):
        cut = len(history) - horizon_weeks * (origins - k)
        if cut < _WEEK_TRAIN_MIN:
            continue
        start = history["period"].iloc[cut]
        predicted = period_forecast_weekly(
            history.iloc[:cut], days[(local < start).to_numpy()], horizon_weeks, method=method,
            events=events, country=country, channel=channel, levels=levels,
        ).forecast  # fmt: skip
        actual, train = totals[cut:cut + horizon_weeks], totals[:cut]
        scale = float(np.abs(np.diff(train)).mean())
        bounds = {lev: (predicted[f"yhat_lo_{lev}"].to_numpy(), predicted[f"yhat_hi_{lev}"].to_numpy())
                  for lev in levels}
        named = {method: (predicted["yhat"].to_numpy(), bounds)}
        named |= {b: (v, {}) for b, v in _week_baselines(train, horizon_weeks).items()}
        for name, (pred, bnd) in named.items():
            scores = accuracy(actual, pred[: len(actual)], scale, {lev: (lo[: len(actual)], hi[: len(actual)])
                                                                 for lev, (lo, hi) in bnd.items()})
            rows.append({"origin": start, "method": name, "horizon": len(actual), **scores})
    out = pd.DataFrame(rows, columns=["origin", "method", "horizon", "mase", "wmape", "bias",
                                      *(f"coverage_{lev}" for lev in levels)])
    return out


def summarise_period_backtest(table: pd.DataFrame) -> pd.DataFrame:
    """Mean of a period backtest's measures over its origins, per method (first-seen order).

    Returns
    -------
    pandas.DataFrame
        ``method, origins, horizon`` and the mean ``mase, wmape, bias, coverage_<level>``.
    """
    metrics = [c for c in table.columns if c in ("mase", "wmape", "bias") or c.startswith("coverage_")]
    grouped = table.groupby("method", sort=False)
    out = grouped[metrics].mean()
    out.insert(0, "horizon", grouped["horizon"].max())
    out.insert(0, "origins", grouped.size())
    return out.reset_index()
