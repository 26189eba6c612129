"""The recent history a plan takes its handle times and start backlog from
(``kcc.pipeline.recent_history``) is cut to its weeks in the database: the same frame as reading
the whole history and cutting it in pandas, on both back ends, however a clock change falls."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcc import config, pipeline, store


def _record(name: str) -> store.ImportRecord:
    return store.ImportRecord(file_name=name, kind="intervals", imported_by="tester", rows_read=0)


def _quarter_hours(channel: str, end: str, days: int, tz: str, seed: int) -> pd.DataFrame:
    """``channel`` every quarter-hour from 08:00 to 18:00 for ``days`` days up to ``end``."""
    local = [day + pd.Timedelta(minutes=15 * q)
             for day in pd.date_range(end=end, periods=days, freq="D") for q in range(32, 72)]
    ds = pd.DatetimeIndex(local).tz_localize(tz)
    offered = np.random.default_rng(seed).poisson(20, len(ds)).astype(float)
    return pd.DataFrame({"channel": channel, "queue": "default", "ds": ds, "interval_min": 15,
                         "offered": offered, "answered": offered, "abandoned": 0.0, "aht_s": 300.0})


def _days(channel: str, end: str, days: int, tz: str) -> pd.DataFrame:
    """Daily totals of ``channel`` (no time of day) for ``days`` days up to ``end``."""
    ds = pd.date_range(end=end, periods=days, freq="D").tz_localize(tz)
    return pd.DataFrame({"channel": channel, "queue": "default", "ds": ds, "interval_min": config.DAY_MIN,
                         "offered": 400.0, "answered": 400.0, "abandoned": 0.0, "aht_s": 600.0})


def _whole_history_cut(con: store.Connection, weeks: int | None) -> pd.DataFrame:
    """The window as it was first computed: every row read, then cut in pandas (the oracle)."""
    frame = store.read_intervals(con)
    frame = frame[frame["interval_min"] < config.DAY_MIN].reset_index(drop=True)
    if weeks is not None and len(frame):
        last = frame["ds"].max()
        frame = frame[frame["ds"] > last - pd.Timedelta(weeks=weeks)].reset_index(drop=True)
    return frame


@pytest.mark.parametrize(("end", "tz", "first_hour"), [
    # the eight weeks cross the change to summer time: they start at 16:45 winter time, an hour
    # before the last interval's 17:45, so the first day keeps its last quarter-hours only
    ("2025-04-10", "Europe/Amsterdam", 17),
    # ... and back to winter time: they start at 18:45 summer time, after that day's intervals
    ("2025-11-20", "America/New_York", 8),
])
def test_the_recent_weeks_are_the_whole_history_cut_in_pandas(mem_con: store.Connection, end: str,
                                                               tz: str, first_hour: int) -> None:
    centre = store.create_centre(mem_con, "Bank", time_zone=tz)
    con = store.for_centre(mem_con, centre.centre_id)
    store.replace_intervals(con, pd.concat([
        _quarter_hours("phone", end, 120, tz, seed=1),
        _quarter_hours("chat", str(pd.Timestamp(end) - pd.Timedelta(days=3)), 90, tz, seed=2),
        _days("email", str(pd.Timestamp(end) + pd.Timedelta(days=10)), 150, tz),  # newer, no time of day
    ], ignore_index=True), _record("history.csv"))
    # newer intervals of another centre move nothing
    store.replace_intervals(mem_con, _quarter_hours("phone", str(pd.Timestamp(end) + pd.Timedelta(days=30)), 20,
                                                    "Europe/Amsterdam", seed=3), _record("other.csv"))
    for weeks in (None, 1, 3, plan_weeks := pipeline.plan.AHT_HISTORY_WEEKS):
        expected = _whole_history_cut(con, weeks)
        pd.testing.assert_frame_equal(pipeline.recent_history(con, weeks), expected, obj=f"{weeks} weeks")
    window = _whole_history_cut(con, plan_weeks)
    # the window is measured in hours, not calendar days
    assert window["ds"].min().hour == first_hour
    # and the database, not pandas, left out the older history: it keeps a day and an hour more
    # at most
    read = store.read_intervals(con, recent_weeks=plan_weeks)
    oldest = window["ds"].max() - pd.Timedelta(weeks=plan_weeks) - pd.Timedelta(hours=25)
    assert read.loc[read["interval_min"] < config.DAY_MIN, "ds"].min() >= oldest
    assert len(read) < len(store.read_intervals(con))


def test_a_centre_with_daily_totals_only_has_no_recent_intervals(mem_con: store.Connection) -> None:
    store.replace_intervals(mem_con, _days("phone", "2025-03-01", 60, "Europe/Amsterdam"), _record("days.csv"))
    recent = pipeline.recent_history(mem_con)
    assert recent.empty
    pd.testing.assert_frame_equal(recent, _whole_history_cut(mem_con, pipeline.plan.AHT_HISTORY_WEEKS))
