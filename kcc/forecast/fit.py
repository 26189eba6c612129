"""The forecast of one series: grid, calendar, daily stage and intraday stage put together."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from kcc.forecast.calendar import Calendar, build_calendar, events_for_channel
from kcc.forecast.constants import (
    CANDIDATES,
    DAY,
    MAX_HORIZON_DAYS,
    METHODS,
    MIN_HISTORY_DAYS,
)
from kcc.forecast.daily import DailyStage, daily_stage
from kcc.forecast.grid import HistoryGrid, future_index, prepare_grid
from kcc.forecast.intraday import intraday_profile, spread
from kcc.forecast.result import (
    ForecastResult,
    InsufficientHistoryError,
    ShortHistoryWarning,
)
from kcc.forecast.selection import select_method


def check_args(horizon_days: int, method: str, level: Sequence[int]) -> tuple[int, ...]:
    """Check the arguments ``forecast`` and ``backtest`` share; return the levels as ints.

    Raises
    ------
    ValueError
        For a horizon outside 1..``MAX_HORIZON_DAYS`` days, an unknown method or a level
        outside 0..100 %.
    """
    if int(horizon_days) != horizon_days or not 1 <= horizon_days <= MAX_HORIZON_DAYS:
        raise ValueError(
            f"horizon_days must be a whole number of days in 1..{MAX_HORIZON_DAYS}; got {horizon_days}"
        )
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    levels = tuple(int(v) for v in level)
    if any(not 0 < v < 100 for v in levels):
        raise ValueError(f"level must be percentages between 0 and 100; got {tuple(level)}")
    return levels


def run_daily(
    grid: HistoryGrid,
    horizon_days: int,
    method: str,
    events: pd.DataFrame,
    country: str | None,
    levels: Sequence[int],
    methods: Sequence[str] | None = None,
    holiday_treatments: Mapping[Any, float] | None = None,
) -> tuple[DailyStage, pd.DatetimeIndex, Calendar]:
    """Calendar of history and horizon, and the daily stage on it.

    ``methods`` are the methods fitted; by default the candidates for ``"auto"``, else
    ``method`` alone; ``holiday_treatments`` as for ``forecast``.

    Returns
    -------
    tuple
        The daily stage, the dates of history and horizon, and their calendar.

    Raises
    ------
    InsufficientHistoryError
        When the history covers fewer than ``MIN_HISTORY_DAYS`` days or has no contacts.
    """
    n_hist = len(grid.dates)
    if n_hist < MIN_HISTORY_DAYS:
        raise InsufficientHistoryError(
            f"History covers {n_hist} days; a forecast needs at least {MIN_HISTORY_DAYS} days "
            "(one full week)."
        )
    all_dates = pd.date_range(grid.dates[0], grid.dates[-1] + horizon_days * DAY, freq="D")
    cal = build_calendar(all_dates, country, events, holiday_treatments)
    if methods is None:
        methods = list(CANDIDATES) if method == "auto" else [method]
    stage = daily_stage(grid, cal, horizon_days, list(methods), levels)
    return stage, all_dates, cal


def _daily_frame(
    stage: DailyStage, dates: pd.DatetimeIndex, cal: Calendar, levels: Sequence[int]
) -> pd.DataFrame:
    """The chosen method's daily forecast with the day's flags, on the horizon ``dates``."""
    fut = slice(len(cal.dates) - len(dates), len(cal.dates))
    day = stage.daily[stage.chosen]
    daily = pd.DataFrame({"date": dates, "yhat": day.yhat})
    for lev in levels:
        daily[f"yhat_lo_{lev}"] = day.bounds[lev][0]
        daily[f"yhat_hi_{lev}"] = day.bounds[lev][1]
    daily["is_open"] = stage.is_open
    daily["holiday"] = cal.holiday[fut].astype(str)
    daily["holiday_basis"] = _holiday_basis(stage, cal, fut)
    daily["events"] = cal.event_names[fut].astype(str)
    daily["factor"] = stage.factor
    return daily


def _holiday_basis(stage: DailyStage, cal: Calendar, fut: slice) -> list[str]:
    """How each horizon day's holiday is treated: ``closed`` or ``reduced`` (the user's
    choice), ``learned`` (a factor from the history) or ``unseen`` (never in the history:
    a normal day); empty on other days."""
    treatment = cal.treatment if cal.treatment is not None else np.full(len(cal.dates), np.nan)
    out = []
    for name, share in zip(cal.holiday[fut], treatment[fut], strict=True):
        if np.isfinite(share):
            out.append("closed" if share == 0 else "reduced")
        elif not name:
            out.append("")
        else:
            out.append("learned" if str(name) in stage.learned_holidays else "unseen")
    return out


def fit_forecast(
    history: pd.DataFrame,
    horizon_days: int,
    *,
    method: str = "auto",
    events: pd.DataFrame | None = None,
    country: str | None = "NL",
    level: Sequence[int] = (80, 95),
    channel: str | None = None,
    holiday_treatments: Mapping[Any, float] | None = None,
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
    levels = check_args(horizon_days, method, level)
    horizon_days = int(horizon_days)
    grid = prepare_grid(history)
    frame = events_for_channel(events, channel)
    selection = select_method(grid, frame, country) if method == "auto" else None
    chosen = [selection.method] if selection is not None and selection.method else None
    stage, all_dates, cal = run_daily(grid, horizon_days, method, frame, country, levels, chosen,
                                      holiday_treatments)
    used = stage.chosen
    if chosen and selection is not None:  # chosen implies a selection
        selected_by, scores = "backtest", selection.scores
    else:
        selected_by = "inner" if method == "auto" else ""
        scores = stage.selection
    if stage.fallback:
        warnings.warn(stage.message, ShortHistoryWarning, stacklevel=2)
    profile, dispersion = intraday_profile(grid, stage.normal_hist)
    index = future_index(grid, horizon_days)
    intervals = spread(grid, index, stage.daily[used], profile, dispersion, levels)
    daily = _daily_frame(stage, all_dates[len(grid.dates) :], cal, levels)
    for key, value in (
        ("method", used),
        ("requested_method", method),
        ("fallback", stage.fallback),
        ("message", stage.message),
        ("interval_min", grid.interval_min),
    ):
        intervals.attrs[key] = value
    return ForecastResult(
        intervals=intervals,
        daily=daily,
        method=used,
        requested_method=method,
        fallback=stage.fallback,
        message=stage.message,
        history_days=len(grid.dates),
        interval_min=grid.interval_min,
        selection=scores,
        selected_by=selected_by,
        learned_uplift_pct=stage.learned_uplift_pct,
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
    holiday_treatments: Mapping[Any, float] | None = None,
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
        Daily model; ``"auto"`` picks per series the method with the lowest daily MASE in
        the rolling-origin backtest the Forecast page shows (``kcc.forecast.selection``).
    events : pandas.DataFrame, optional
        Event calendar (``kcc.store.read_events``): past events are learned from or kept out
        of training, future ones change the forecast (see the package docstring).
    country : str or None
        Holiday calendar (``"NL"``, ``"BE"``, ``"DE"``, ``"GB"``, ...); None for none.
    level : sequence of int
        Prediction-interval levels [%].
    channel : str, optional
        Keep only events of this channel (an event without channels touches every channel).
    holiday_treatments : mapping of date to float, optional
        Days (holidays) the user treated: the share of a normal day, 0 for closed (no
        contacts). A holiday without one takes the factor learned from the history, or is a
        normal day when the history never showed it on an open weekday.

    Returns
    -------
    pandas.DataFrame
        One row per interval of the horizon: ``ds`` (same time zone awareness as the history),
        ``yhat``, ``yhat_lo_<level>``, ``yhat_hi_<level>`` (the count that will arrive) and
        ``yhat_rate_hi_<level>`` (the expected count, forecast uncertainty only: what a
        percentile plan staffs for) [contacts per interval]; closed intervals are 0.
        ``attrs`` holds ``method`` (used), ``requested_method``, ``fallback``, ``message`` and
        ``interval_min``.

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
    ['ds', 'yhat', 'yhat_lo_80', 'yhat_hi_80', 'yhat_rate_hi_80', 'yhat_lo_95', ...]
    """
    return fit_forecast(
        history,
        horizon_days,
        method=method,
        events=events,
        country=country,
        level=level,
        channel=channel,
        holiday_treatments=holiday_treatments,
    ).intervals

