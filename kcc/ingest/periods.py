"""Long-range count files: totals per day, week or calendar month.

A counts file whose starts carry no time of day (``1-1-2013``, ``2024-W05``, ``Apr 2024``), or
whose starts are all midnights at least a day apart, holds period totals. Its granularity is
read from the format (a month or ISO-week format) or from the steps between a series' dates:
first days of months at least 28 days apart are months, steps that are all whole weeks are
weeks, anything else is days (a daily file may skip closed days). Each row is stored as it
is, with ``ds`` at the period's local midnight and ``interval_min`` the period's length in
minutes (``kcc.config.granularity_of`` reads it back).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kcc import config, store
from kcc.ingest.checks import interval_length
from kcc.ingest.problems import NOTICE, ImportProblem, make_problem
from kcc.ingest.values import ISO_WEEK_FORMAT, MONTH_FORMATS


def has_time_of_day(fmt: str) -> bool:
    """The format reads a time of day (hours)."""
    return "%H" in fmt or "%I" in fmt


def is_long_range(local: pd.Series, keys: pd.DataFrame, fmt: str) -> bool:
    """The rows are period totals: the format has no time of day, or every start is a
    midnight and no series has two starts on one day (more than one row)."""
    readable = local.dropna()
    if readable.empty:
        return False
    if not has_time_of_day(fmt):
        return True
    midnights = bool((readable == readable.dt.normalize()).all())
    if not midnights or len(readable) < 2:
        return False
    length, _ = interval_length(keys.assign(ds=local).dropna(subset=["ds"]))
    return length is None


def detect_granularity(local: pd.Series, keys: pd.DataFrame, fmt: str) -> str:
    """``day``, ``week`` or ``month`` of period starts (naive local midnights).

    Parameters
    ----------
    local : pandas.Series
        Period starts, one per row.
    keys : pandas.DataFrame
        ``channel, queue`` of each row: steps are measured within a series.
    fmt : str
        The mapping's date format; a month or ISO-week format decides by itself.
    """
    if fmt in MONTH_FORMATS:
        return "month"
    if fmt == ISO_WEEK_FORMAT:
        return "week"
    steps = []
    for _, group in keys.assign(_t=local).groupby(["channel", "queue"], sort=False):
        days = group["_t"].drop_duplicates().sort_values()
        steps.append((days.diff().dt.days.dropna()).to_numpy())
    all_steps = np.concatenate(steps) if steps else np.array([])
    if not len(all_steps):
        return "day"
    if bool((local.dt.day == 1).all()) and all_steps.min() >= 28:
        return "month"
    if bool((all_steps % 7 == 0).all()) and np.median(all_steps) == 7:
        return "week"
    return "day"


def period_minutes(starts: pd.Series, granularity: str) -> pd.Series:
    """Length of each period in minutes: a day, a week, or the calendar month's days."""
    if granularity == "day":
        return pd.Series(config.DAY_MIN, index=starts.index, dtype="int64")
    if granularity == "week":
        return pd.Series(config.WEEK_MIN, index=starts.index, dtype="int64")
    return (starts.dt.days_in_month * config.DAY_MIN).astype("int64")


def separate_queue(queue: str, granularity: str) -> str:
    """Queue name of the series a long-range file's rows go to when ``queue`` is stored at
    another granularity (a later file of the same granularity finds it again)."""
    return f"{queue} ({granularity})"


def separate_periods(
    con: store.Connection, file: str, series: pd.DataFrame, granularity: str,
) -> tuple[dict[tuple[str, str], str], list[ImportProblem]]:
    """Series stored at another granularity than ``granularity``: the queue each goes to
    instead, and a notice per series saying why (two granularities never mix in a series)."""
    renames: dict[tuple[str, str], str] = {}
    problems: list[ImportProblem] = []
    for channel, queue in series[["channel", "queue"]].drop_duplicates().itertuples(index=False):
        if store.series_interval_min(con, channel, queue) is None:
            continue
        stored = store.series_granularity(con, channel, queue)
        if stored == granularity:
            continue
        new = separate_queue(queue, granularity)
        renames[(channel, queue)] = new
        problems.append(make_problem("separate_periods", file, severity=NOTICE,
                                     series=f"{channel}/{queue}", new_series=f"{channel}/{new}"))
    return renames, problems
