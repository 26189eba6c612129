"""The history as a day x time-of-day matrix on local wall-clock time, and the future grid.

Days and intervals absent from the history are closed (zero). Working on local days keeps a
DST day whole: the future grid is built in the history's time zone, so such a day has 92 or
100 quarter hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

import numpy as np
import pandas as pd

from kcc.config import DAY_MIN
from kcc.forecast.constants import DAY, MIN_HISTORY_DAYS
from kcc.forecast.result import InsufficientHistoryError


@dataclass(frozen=True, eq=False)
class HistoryGrid:
    """History as a day x time-of-day matrix on local wall-clock time.

    Attributes
    ----------
    tz : datetime.tzinfo or None
        Time zone of the history's timestamps; None for naive timestamps.
    interval_min : int
        Interval length [min].
    dates : pandas.DatetimeIndex
        Naive local midnights, every day from the first to the last day of the history.
    matrix : numpy.ndarray
        Contacts per (date, time of day) [contacts per interval].
    """

    tz: tzinfo | None
    interval_min: int
    dates: pd.DatetimeIndex
    matrix: np.ndarray

    @property
    def daily(self) -> np.ndarray:
        """Contacts per day [contacts per day]."""
        return self.matrix.sum(axis=1)

    def head(self, n_days: int) -> HistoryGrid:
        """The first ``n_days`` days, as the history a backtest origin sees."""
        return HistoryGrid(self.tz, self.interval_min, self.dates[:n_days], self.matrix[:n_days])


def prepare_grid(history: pd.DataFrame) -> HistoryGrid:
    """Validate a history frame and put it on a day x time-of-day grid.

    Parameters
    ----------
    history : pandas.DataFrame
        ``ds`` (interval start, tz-aware or naive) and ``y`` (contacts per interval).

    Returns
    -------
    HistoryGrid
        Every day from the first to the last day of the history.

    Raises
    ------
    InsufficientHistoryError
        When the history is empty.
    ValueError
        When a column is missing, ``y`` is missing, non-numeric or negative, ``ds`` is missing
        or duplicated, or the timestamps are not on one regular grid that divides a day.
    """
    ds, y = _validated_columns(history)
    tz = getattr(ds.dtype, "tz", None)
    local = ds.dt.tz_localize(None) if tz else ds
    # a daily series (local midnights, one a day) is steps of 23-25 h across summer time
    interval_min = DAY_MIN if _is_daily(local) else _interval_min(ds)
    tod_min = (local.dt.hour * 60 + local.dt.minute).to_numpy()
    if (tod_min % interval_min).any() or (local.dt.second != 0).any():
        raise ValueError(f"history: timestamps are not on the {interval_min}-minute grid")
    day = local.dt.normalize()
    dates = pd.date_range(day.min(), day.max(), freq="D")
    row = ((day - dates[0]) // DAY).to_numpy(dtype=np.int64)
    matrix = np.zeros((len(dates), 1440 // interval_min))
    np.add.at(matrix, (row, tod_min // interval_min), y)
    return HistoryGrid(tz, interval_min, dates, matrix)


def _validated_columns(history: pd.DataFrame) -> tuple[pd.Series, np.ndarray]:
    """``ds`` as datetimes and ``y`` as floats, after the checks ``prepare_grid`` names."""
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
    return ds, y


def _is_daily(local: pd.Series) -> bool:
    """Local midnights, at most one a day, more than one: totals per day."""
    return len(local) > 1 and bool((local == local.dt.normalize()).all())


def _interval_min(ds: pd.Series) -> int:
    """The smallest step between interval starts [min]; 60 for a single timestamp."""
    # Seconds since the epoch (UTC for tz-aware input), so DST days give true steps.
    instants_s = np.sort(pd.DatetimeIndex(ds).as_unit("s").asi8)
    steps_min = np.diff(instants_s) / 60.0
    interval_min = int(round(steps_min.min())) if len(steps_min) else 60
    if interval_min < 1 or 1440 % interval_min or (len(steps_min) and steps_min.min() % 1):
        raise ValueError(
            f"history: interval of {steps_min.min() if len(steps_min) else 0:g} min does not "
            "divide a day; use a regular interval of 5-60 min"
        )
    return interval_min


def future_index(grid: HistoryGrid, horizon_days: int) -> pd.DatetimeIndex:
    """Interval starts of the horizon, built from the local-day range in the history's zone.

    Parameters
    ----------
    grid : HistoryGrid
        The history; the horizon starts the day after its last day.
    horizon_days : int
        Days to cover [days].

    Returns
    -------
    pandas.DatetimeIndex
        Interval starts, tz-aware when the history was.
    """
    start = grid.dates[-1] + DAY
    end = start + horizon_days * DAY
    # a daily grid steps by calendar day, so each start stays a local midnight
    freq = "D" if grid.interval_min == DAY_MIN else f"{grid.interval_min}min"
    if grid.tz is None:
        return pd.date_range(start, end, freq=freq, inclusive="left")
    # Absolute steps between two local midnights give 92/100 quarter hours on DST days.
    lo = start.tz_localize(grid.tz, ambiguous=True, nonexistent="shift_forward")
    hi = end.tz_localize(grid.tz, ambiguous=True, nonexistent="shift_forward")
    return pd.date_range(lo, hi, freq=freq, inclusive="left")


def horizon_positions(
    grid: HistoryGrid, index: pd.DatetimeIndex
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each interval start of the horizon falls on the local day x time-of-day grid.

    Returns
    -------
    tuple of numpy.ndarray
        Day of the horizon (0 = the day after the history), time-of-day column and weekday
        (0 = Monday) per interval start.
    """
    local = index.tz_localize(None) if grid.tz is not None else index
    day_pos = ((local.normalize() - (grid.dates[-1] + DAY)) // DAY).to_numpy(dtype=np.int64)
    tod = ((local.hour * 60 + local.minute) // grid.interval_min).to_numpy()
    return day_pos, tod, local.day_of_week.to_numpy()
