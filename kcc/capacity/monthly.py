"""Monthly contact totals from history of any granularity, and their forecast.

History arrives as intervals (15-60 min), days (``interval_min`` 1440), weeks (10080) or
calendar months (the month's own minutes), each row starting at local midnight for the long
ones. A day, week or month row is spread evenly over its days, so a week that straddles two
months counts pro rata by days in each; the days are then summed by local calendar month.

The forecast models the daily rate of each month (total / days in the month, so February's
short month is no dip) per channel with statsmodels' exponential smoothing: a damped additive
trend, and a yearly season (multiplicative) once two full years are known; a damped trend alone
from six months; the mean below that.
"""

from __future__ import annotations

import math
import warnings
from typing import Final

import numpy as np
import pandas as pd
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from kcc.capacity.spec import CapacityError

__all__ = [
    "DAY_MIN",
    "backtest_monthly",
    "event_uplift",
    "forecast_channel",
    "month_days",
    "monthly_forecast",
    "monthly_totals",
    "seasonal_naive",
]

#: Minutes of one day; a row of this length or longer is a day, week or month.
DAY_MIN: Final[int] = 1440
#: Complete months needed for a yearly season (two full cycles).
SEASON_MONTHS: Final[int] = 24
#: Complete months needed for a trend.
TREND_MONTHS: Final[int] = 6


def month_days(months: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    """Days in each month (first days as naive timestamps). [days]"""
    return np.asarray(pd.DatetimeIndex(months).days_in_month, dtype=float)


def _local_dates(ds: pd.Series) -> pd.Series:
    stamps = pd.to_datetime(ds)
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    return stamps.dt.normalize()


def _daily(rows: pd.DataFrame) -> pd.DataFrame:
    """``channel, date, offered`` per local day; long rows spread evenly over their days."""
    day = _local_dates(rows["ds"])
    minutes = rows["interval_min"].to_numpy(np.int64)
    short = minutes < DAY_MIN
    # a long row lasts its days; a month holding a clock change is 60 minutes off whole days
    n_days = np.where(short, 1, np.maximum(1, np.rint(minutes / DAY_MIN))).astype(np.int64)
    repeat = np.repeat(np.arange(len(rows)), n_days)
    offset = np.arange(len(repeat)) - np.repeat(np.cumsum(n_days) - n_days, n_days)
    values = rows["offered"].to_numpy(float)
    return pd.DataFrame({
        "channel": rows["channel"].to_numpy()[repeat],
        "date": day.to_numpy()[repeat] + offset.astype("timedelta64[D]"),
        "offered": values[repeat] / n_days[repeat],
    })


def monthly_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """Offered contacts per channel and local calendar month, from rows of any granularity.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``channel, ds, interval_min, offered`` (the volume contract; ``ds`` local, tz-aware or
        naive; queues are summed).

    Returns
    -------
    pandas.DataFrame
        ``channel, month`` (naive first day), ``offered`` [contacts], ``days`` (days in the
        month), ``complete`` (the channel's history covers the whole month).
    """
    columns = ["channel", "month", "offered", "days", "complete"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    daily = _daily(rows)
    daily["month"] = daily["date"].dt.to_period("M").dt.to_timestamp()
    span = daily.groupby("channel")["date"].agg(["min", "max"])
    out = daily.groupby(["channel", "month"], sort=True)["offered"].sum().reset_index()
    out["days"] = month_days(out["month"]).astype(int)
    month_end = out["month"] + pd.to_timedelta(out["days"] - 1, unit="D")
    first = out["channel"].map(span["min"])
    last = out["channel"].map(span["max"])
    out["complete"] = (first <= out["month"]) & (last >= month_end)
    return out[columns]


def seasonal_naive(history: pd.Series, months: pd.DatetimeIndex) -> np.ndarray:
    """The yearly seasonal naive: each month's daily rate as the same month a year before.

    Parameters
    ----------
    history : pandas.Series
        Contacts per month (index: first days), complete months.
    months : pandas.DatetimeIndex
        Months to forecast, at most a year after the history's last.

    Returns
    -------
    ndarray
        Contacts per month; NaN where the month a year before is unknown.
    """
    rate = history / month_days(history.index)
    before = rate.reindex(months - pd.DateOffset(years=1)).to_numpy(float)
    return before * month_days(months)


def _fit_rate(rate: pd.Series, steps: int) -> tuple[np.ndarray, str]:
    """Daily rates of the next ``steps`` months and the method's name."""
    n = len(rate)
    values = rate.to_numpy(float)
    if n < TREND_MONTHS:
        return np.full(steps, float(values.mean())), "mean"
    seasonal = n >= SEASON_MONTHS
    multiplicative = seasonal and bool((values > 0).all())
    model = ExponentialSmoothing(
        values, trend="add", damped_trend=True,
        seasonal=("mul" if multiplicative else "add") if seasonal else None,
        seasonal_periods=12 if seasonal else None, initialization_method="estimated",
    )
    with warnings.catch_warnings():
        # a short or flat series may not converge to the optimum; its fit is still usable
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        fitted = model.fit(optimized=True)
    forecast = np.clip(np.asarray(fitted.forecast(steps), dtype=float), 0.0, None)
    return forecast, "ets_yearly" if seasonal else "ets_trend"


def forecast_channel(history: pd.Series, months: pd.DatetimeIndex) -> tuple[np.ndarray, str]:
    """Contacts per month of one channel for ``months`` (consecutive, after the history).

    Parameters
    ----------
    history : pandas.Series
        Contacts per complete month (index: first days, consecutive).
    months : pandas.DatetimeIndex
        Months to forecast.

    Returns
    -------
    (ndarray, str)
        Contacts per month [contacts] and the method (``ets_yearly``, ``ets_trend``, ``mean``).
    """
    history = history.sort_index()
    last = history.index[-1]
    steps = (months[-1].year - last.year) * 12 + months[-1].month - last.month
    rate = history / month_days(history.index)
    rates, method = _fit_rate(rate, max(steps, 1))
    ahead = pd.date_range(last + pd.DateOffset(months=1), periods=len(rates), freq="MS")
    by_month = pd.Series(rates, index=ahead).reindex(months).to_numpy(float)
    return by_month * month_days(months), method


def monthly_forecast(totals: pd.DataFrame, horizon_months: int,
                     start: pd.Timestamp | None = None) -> pd.DataFrame:
    """Contacts per channel and month for ``horizon_months`` months.

    Parameters
    ----------
    totals : pandas.DataFrame
        :func:`monthly_totals` output; only complete months are learned from.
    horizon_months : int
        Months to plan.
    start : pandas.Timestamp, optional
        First month of the plan; by default the month after the newest complete month.

    Returns
    -------
    pandas.DataFrame
        ``channel, month, contacts`` [contacts], ``days``, ``method``.

    Raises
    ------
    CapacityError
        ``empty_history`` when no channel has a complete month.
    """
    complete = totals[totals["complete"].astype(bool)]
    if complete.empty:
        raise CapacityError("empty_history")
    first = (pd.Timestamp(start).to_period("M").to_timestamp() if start is not None
             else complete["month"].max() + pd.DateOffset(months=1))
    months = pd.date_range(first, periods=horizon_months, freq="MS")
    frames = []
    for channel, group in complete.groupby("channel", sort=True):
        history = group.set_index("month")["offered"].astype(float)
        history = history[history.index < first]
        if history.empty:
            continue
        # a gap inside the history (a month missing) is filled by its neighbours
        full = pd.date_range(history.index.min(), history.index.max(), freq="MS")
        history = history.reindex(full).interpolate(limit_direction="both")
        values, method = forecast_channel(history, months)
        frames.append(pd.DataFrame({"channel": channel, "month": months, "contacts": values,
                                    "days": month_days(months).astype(int), "method": method}))
    if not frames:
        raise CapacityError("empty_history")
    return pd.concat(frames, ignore_index=True)


def event_uplift(forecast: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """``forecast`` with planned events' uplift added pro rata by the days they cover.

    Parameters
    ----------
    forecast : pandas.DataFrame
        :func:`monthly_forecast` output.
    events : pandas.DataFrame
        ``kcc.store.read_events``: ``start_date, end_date, channels, uplift_pct`` (an empty
        ``channels`` means every channel).

    Returns
    -------
    pandas.DataFrame
        The same frame, ``contacts`` raised by ``uplift_pct`` on the share of each month's
        days an event covers, and ``event_contacts``, the part added. [contacts]
    """
    out = forecast.copy()
    out["event_contacts"] = 0.0
    if events is None or events.empty or out.empty:
        return out
    month_end = out["month"] + pd.to_timedelta(out["days"] - 1, unit="D")
    for event in events.itertuples():
        uplift = float(getattr(event, "uplift_pct", 0.0) or 0.0) / 100.0
        if not uplift or not math.isfinite(uplift):
            continue
        start, end = pd.Timestamp(event.start_date), pd.Timestamp(event.end_date)
        overlap = (np.minimum(month_end, end) - np.maximum(out["month"], start)).dt.days + 1
        channels = list(getattr(event, "channels", None) or [])
        hit = out["channel"].isin(channels) if channels else pd.Series(True, index=out.index)
        share = np.clip(overlap, 0, None) / out["days"]
        out["event_contacts"] += np.where(hit, out["contacts"] * uplift * share, 0.0)
    out["contacts"] = out["contacts"] + out["event_contacts"]
    return out


def backtest_monthly(totals: pd.Series, horizon_months: int = 12, origins: int = 3) -> pd.DataFrame:
    """Rolling-origin accuracy of the monthly forecast against the yearly seasonal naive.

    Parameters
    ----------
    totals : pandas.Series
        Contacts per complete month of one series (index: first days).
    horizon_months : int
        Months forecast from each origin.
    origins : int
        Origins, the last one ``horizon_months`` before the end, each a month apart.

    Returns
    -------
    pandas.DataFrame
        ``origin, month, actual, forecast, naive`` [contacts] per month forecast.
    """
    totals = totals.sort_index()
    rows = []
    for k in range(origins):
        cut = len(totals) - horizon_months - (origins - 1 - k)
        if cut < 13:
            continue
        train, test = totals.iloc[:cut], totals.iloc[cut:cut + horizon_months]
        months = pd.DatetimeIndex(test.index)
        forecast, _ = forecast_channel(train, months)
        naive = seasonal_naive(train, months)
        rows.append(pd.DataFrame({"origin": train.index[-1], "month": months, "actual": test.to_numpy(float),
                                  "forecast": forecast, "naive": naive}))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        columns=["origin", "month", "actual", "forecast", "naive"])
