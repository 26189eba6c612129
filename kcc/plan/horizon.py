"""The plan's horizon: which days to plan and which series to plan for them (stale series
left out).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

import numpy as np
import pandas as pd

from kcc import config
from kcc.plan.frames import PlanError, local_naive

#: A series whose history ends more than this many weeks before the plan starts is left out
#: of the plan (forecasting it across the gap would be guesswork). [weeks]
STALE_HISTORY_WEEKS: Final[int] = 8


@dataclass(frozen=True)
class StaleSeries:
    """A series left out of the plan because its history ended long before the plan starts.

    Attributes
    ----------
    channel, queue : str
        The series.
    last_day : datetime.date
        Local date of the series' last history interval.
    """

    channel: str
    queue: str
    last_day: date


@dataclass(frozen=True)
class PlanHorizon:
    """The days a plan covers and the series it plans (``plan_horizon``).

    Attributes
    ----------
    start : datetime.date
        First local day of the plan: the day after the most recent history end of any series.
    end : datetime.date
        Local day after the plan's last day (exclusive).
    forecast_days : tuple of (str, str, int)
        ``(channel, queue, days)`` of every planned series: the days to forecast after the
        series' own history so the forecast reaches ``end``.
    stale : tuple of StaleSeries
        Series left out: history ending more than ``stale_weeks`` weeks before ``start``.
    stale_weeks : int
        The rule's threshold. [weeks]
    ended_early : tuple of StaleSeries
        Planned series whose history ends before the newest history of any series (each is
        forecast from its own last day); the pages name them with that day.
    newest_day : date or None
        Local date of the newest history of any series.
    """

    start: date
    end: date
    forecast_days: tuple[tuple[str, str, int], ...]
    stale: tuple[StaleSeries, ...]
    stale_weeks: int = STALE_HISTORY_WEEKS
    ended_early: tuple[StaleSeries, ...] = ()
    newest_day: date | None = None

    @property
    def days(self) -> int:
        """Days the plan covers. [d]"""
        return (self.end - self.start).days


def _local_date(value: Any) -> date:
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.date()


def plan_horizon(series: pd.DataFrame, weeks: int, *,
                 stale_weeks: int = STALE_HISTORY_WEEKS, start: date | None = None) -> PlanHorizon:
    """Which days to plan and which series to plan for them.

    The plan starts the day after the most recent history end across the series given (one
    centre's: ``kcc.store.series_summary`` of its connection), or on ``start``, and runs
    ``weeks`` weeks. A series whose history ended more than ``stale_weeks`` weeks before that
    start is left out (forecasting it across the gap would be guesswork); every other series is
    forecast from its own history end up to the plan's end.

    Parameters
    ----------
    series : pandas.DataFrame
        One row per series with ``channel, queue, last_ds`` (``kcc.store.series_summary``);
        ``last_ds`` is the start of the series' last interval, local time (tz-aware or naive).
    weeks : int
        Plan length, 1 up to 104. [weeks]
    stale_weeks : int, default ``STALE_HISTORY_WEEKS``
        Largest gap between a series' history end and the plan start that is still planned,
        0 up to 520. [weeks]
    start : date, optional
        First day of the plan, not before the day after the newest history; default that day.

    Returns
    -------
    PlanHorizon

    Raises
    ------
    PlanError
        When ``series`` is empty or lacks a column, ``weeks`` / ``stale_weeks`` is out of
        range, or ``start`` lies within the history.

    Examples
    --------
    A demo queue up to 2026-11-15 and a bank queue ending 2003-10-24, 13 weeks:
    the plan runs 2026-11-16 .. 2027-02-14 and the bank queue is stale.
    """
    missing = [c for c in ("channel", "queue", "last_ds") if c not in series]
    if missing:
        raise PlanError(f"series frame lacks column(s): {', '.join(missing)}")
    if series.empty:
        raise PlanError("no series to plan: import history first")
    if not isinstance(weeks, (int, np.integer)) or not 1 <= weeks <= config.MAX_PLAN_WEEKS:
        raise PlanError(
            f"weeks must be a whole number from 1 up to {config.MAX_PLAN_WEEKS}, got {weeks!r}"
        )
    if not isinstance(stale_weeks, (int, np.integer)) or not 0 <= stale_weeks <= 520:
        raise PlanError(f"stale_weeks must be a whole number from 0 up to 520, got {stale_weeks!r}")
    last_days = [_local_date(v) for v in series["last_ds"]]
    newest = max(last_days)
    if start is None:
        start = newest + timedelta(days=1)
    elif start <= newest:
        # a forecast starts after the history; planning inside it would mix the two
        raise PlanError(f"start must be after the newest history ({newest}), got {start}")
    end = start + timedelta(weeks=int(weeks))
    oldest_fresh = start - timedelta(weeks=int(stale_weeks))
    order = {c: i for i, c in enumerate(config.CHANNELS)}
    rows = sorted(zip(series["channel"].astype(str), series["queue"].astype(str), last_days,
                      strict=True), key=lambda r: (order.get(r[0], len(order)), r[0], r[1]))
    # the history ends at the close of its last day: the gap runs from the next day
    fresh = [r for r in rows if r[2] + timedelta(days=1) >= oldest_fresh]
    planned = tuple((c, q, (end - last).days - 1) for c, q, last in fresh)
    stale = tuple(StaleSeries(c, q, last) for c, q, last in rows if (c, q, last) not in fresh)
    early = tuple(StaleSeries(c, q, last) for c, q, last in fresh if last < newest)
    return PlanHorizon(start, end, planned, stale, int(stale_weeks), early, newest)


def within_horizon(frame: pd.DataFrame, horizon: PlanHorizon) -> pd.DataFrame:
    """The rows of a frame with a local ``ds`` column that fall on the plan's days.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame with ``ds`` (a demand frame, a forecast).
    horizon : PlanHorizon

    Returns
    -------
    pandas.DataFrame
        The rows with ``horizon.start <= local date of ds < horizon.end``, index reset.
    """
    if frame.empty:
        return frame.reset_index(drop=True)
    day = local_naive(frame["ds"]).dt.normalize()
    keep = (day >= pd.Timestamp(horizon.start)) & (day < pd.Timestamp(horizon.end))
    return frame[keep].reset_index(drop=True)


def first_open_day(plan_rows: pd.DataFrame) -> date | None:
    """The first day of a plan on which staff is needed (else contacts are expected): the day a
    chart opens on, so a plan starting on a closed Sunday does not open on an empty day.

    Parameters
    ----------
    plan_rows : pandas.DataFrame
        Plan rows (``ds``, ``volume``, ``required``), e.g. one channel's.

    Returns
    -------
    datetime.date or None
        That day; the plan's first day when no day has any; None for no rows.
    """
    if plan_rows.empty:
        return None
    days = local_naive(plan_rows["ds"]).dt.date
    for column in ("required", "volume"):  # e-mail arrives on a closed Sunday, but nobody works it
        busy = plan_rows[column].fillna(0) > 0
        if busy.any():
            return min(days[busy])
    return min(days)
