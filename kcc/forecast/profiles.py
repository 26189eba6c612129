"""Intraday profiles for series counted per day, week or month.

Intraday staffing needs volumes per interval. A series of period totals is spread over days
by a profile's weekday shares (``days_from_periods``) and its daily forecast over intervals by
the profile's shares per weekday and time of day (``spread_days``). The profile comes from
another series with interval data (``profile_from_history``: its last ``PROFILE_WEEKS`` weeks)
or is the standard one (``standard_profile``), a typical contact-centre week:

* weekdays open 08:00-20:00, busiest 09:00-12:00 with a smaller peak 13:00-16:00 and a quiet
  evening; Saturday 09:00-17:00; Sunday closed;
* of a week's contacts Monday takes 22 %, Tuesday 19 %, Wednesday to Friday 18, 17 and 16 %,
  Saturday 8 % and Sunday none (Monday's peak after the weekend, the Friday dip).

A daily series keeps its own weekday pattern; only the split within each day is the profile's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from kcc.forecast.constants import PROFILE_WEEKS

#: Share of a week's contacts per weekday (Monday first) in the standard profile.
STANDARD_WEEKDAY_SHARES: Final[tuple[float, ...]] = (0.22, 0.19, 0.18, 0.17, 0.16, 0.08, 0.0)
#: Relative contacts per hour of an open weekday (00:00 first) in the standard profile.
STANDARD_WEEKDAY_HOURS: Final[tuple[float, ...]] = (
    0, 0, 0, 0, 0, 0, 0, 0, 7, 10, 11, 10, 8, 8, 9, 8, 7, 6, 4, 3, 0, 0, 0, 0,
)
#: Relative contacts per hour of Saturday (and of Sunday when a daily series has contacts).
STANDARD_WEEKEND_HOURS: Final[tuple[float, ...]] = (
    0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 10, 10, 9, 8, 7, 6, 5, 0, 0, 0, 0, 0, 0, 0,
)


@dataclass(frozen=True)
class IntradayProfile:
    """How a day's contacts spread over its intervals, and a week's over its days.

    Attributes
    ----------
    interval_min : int
        Interval length of ``shares``. [min]
    shares : tuple of tuple of float
        Seven rows (Monday first) of shares per interval of the local day, each summing to 1.
    weekday_shares : tuple of float
        Share of a week's contacts per weekday, summing to 1.
    """

    interval_min: int
    shares: tuple[tuple[float, ...], ...]
    weekday_shares: tuple[float, ...]

    def __post_init__(self) -> None:
        if self.interval_min < 1 or 1440 % self.interval_min:
            raise ValueError(f"interval_min must divide a day, got {self.interval_min}")
        if len(self.shares) != 7 or any(len(r) != 1440 // self.interval_min for r in self.shares):
            raise ValueError("shares must hold 7 rows of one share per interval of the day")
        if len(self.weekday_shares) != 7:
            raise ValueError("weekday_shares must hold 7 shares")

    def matrix(self) -> np.ndarray:
        """``shares`` as a 7 x intervals-per-day array."""
        return np.asarray(self.shares, dtype=float)


def _normalised(row: np.ndarray) -> tuple[float, ...]:
    total = float(row.sum())
    return tuple(float(v) for v in (row / total if total > 0 else np.full(len(row), 1 / len(row))))


def standard_profile(interval_min: int = 15) -> IntradayProfile:
    """The built-in typical contact-centre week (see the module) at ``interval_min``."""
    per_hour = 60 // interval_min if interval_min <= 60 else 1
    if interval_min > 60 or 60 % interval_min:
        raise ValueError(f"interval_min must divide an hour, got {interval_min}")
    weekday = np.repeat(np.asarray(STANDARD_WEEKDAY_HOURS, dtype=float), per_hour)
    weekend = np.repeat(np.asarray(STANDARD_WEEKEND_HOURS, dtype=float), per_hour)
    rows = tuple(_normalised(weekday if w < 5 else weekend) for w in range(7))
    return IntradayProfile(interval_min, rows, _normalised(np.asarray(STANDARD_WEEKDAY_SHARES)))


def profile_from_history(history: pd.DataFrame) -> IntradayProfile:
    """The profile of an interval series: its last ``PROFILE_WEEKS`` weeks, per weekday and
    local time of day; a weekday without contacts takes the pooled split of the other days.

    Parameters
    ----------
    history : pandas.DataFrame
        ``ds`` (interval starts, local; tz-aware or naive) and ``y`` of one intraday series.
    """
    ds = pd.to_datetime(history["ds"])
    local = ds.dt.tz_localize(None) if getattr(ds.dtype, "tz", None) is not None else ds
    steps = np.diff(np.sort(local.unique()).astype("datetime64[m]").astype(np.int64))
    interval_min = int(steps[steps > 0].min()) if (steps > 0).any() else 60
    recent = local >= local.max().normalize() - pd.Timedelta(weeks=PROFILE_WEEKS)
    local, y = local[recent], history["y"].astype(float)[recent]
    tod = ((local.dt.hour * 60 + local.dt.minute) // interval_min).to_numpy()
    weekday = local.dt.day_of_week.to_numpy()
    sums = np.zeros((7, 1440 // interval_min))
    np.add.at(sums, (weekday, tod), y.to_numpy())
    pooled = sums.sum(axis=0)
    rows = tuple(_normalised(sums[w] if sums[w].sum() > 0 else pooled) for w in range(7))
    return IntradayProfile(interval_min, rows, _normalised(sums.sum(axis=1)))


def days_from_periods(history: pd.DataFrame, profile: IntradayProfile) -> pd.DataFrame:
    """Daily ``ds, y`` from totals per day, week or month: each period's total over its days
    by the profile's weekday shares (evenly when the period's weekdays all have no share).

    Parameters
    ----------
    history : pandas.DataFrame
        ``ds`` (the period's local midnight, tz-aware), ``y`` and ``interval_min`` (the
        period's length [min]).
    profile : IntradayProfile
        Its ``weekday_shares`` are used.
    """
    tz = history["ds"].dt.tz
    weights = np.asarray(profile.weekday_shares)
    parts = []
    for start, total, minutes in zip(history["ds"].dt.tz_localize(None), history["y"],
                                     history["interval_min"], strict=True):
        days = pd.date_range(start, periods=max(1, int(minutes) // 1440), freq="D")
        w = weights[days.day_of_week]
        w = w / w.sum() if w.sum() > 0 else np.full(len(days), 1 / len(days))
        parts.append(pd.DataFrame({"ds": days, "y": float(total) * w}))
    out = pd.concat(parts, ignore_index=True)
    out["ds"] = out["ds"].dt.tz_localize(tz, ambiguous=True, nonexistent="shift_forward")
    return out


def spread_days(daily: pd.DataFrame, profile: IntradayProfile) -> pd.DataFrame:
    """A daily forecast spread over the profile's intervals.

    Parameters
    ----------
    daily : pandas.DataFrame
        ``ds`` (local midnights, tz-aware) and the forecast columns (``yhat``,
        ``yhat_lo_<level>``, ...) per day.
    profile : IntradayProfile
        Shares per weekday and time of day.

    Returns
    -------
    pandas.DataFrame
        The same columns per interval of each day; each day's intervals add up to its value.
    """
    tz = daily["ds"].dt.tz
    shares = profile.matrix()
    n = shares.shape[1]
    local_days = daily["ds"].dt.tz_localize(None)
    starts = (local_days.to_numpy()[:, None]
              + (np.arange(n) * profile.interval_min).astype("timedelta64[m]")[None, :]).ravel()
    share = shares[local_days.dt.day_of_week.to_numpy()].ravel()
    out = pd.DataFrame({"ds": pd.DatetimeIndex(starts).tz_localize(
        tz, ambiguous="NaT", nonexistent="NaT")})
    for column in daily.columns.drop("ds"):
        out[column] = np.repeat(daily[column].to_numpy(dtype=float), n) * share
    # the hour summer time skips or repeats is left out: a night hour, closed in practice
    return out.dropna(subset=["ds"]).reset_index(drop=True)
