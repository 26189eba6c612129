"""Charts of the loaded history (pure builders): translated legends, readable time axes."""

from __future__ import annotations

import pandas as pd

from kcc import config
from kcc.charts import data as charts_data

QUARTERS = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 15, 30, 45)]


def _profile() -> pd.DataFrame:
    return pd.DataFrame([{"weekday": d, "time_of_day": t, "offered": float(i % 7)}
                         for d in range(7) for i, t in enumerate(QUARTERS)])


def test_daily_volumes_name_channels_in_the_readers_language() -> None:
    daily = pd.DataFrame({"date": pd.date_range("2026-11-02", periods=3).date.tolist() * 2,
                          "channel": ["phone"] * 3 + ["email"] * 3, "offered": [1.0] * 6})
    fig = charts_data.volume_by_day(daily, title="t", x_title="x", y_title="y",
                                    channel_names={"phone": "Telefoon", "email": "E-mail"})
    assert [trace.name for trace in fig.data] == ["Telefoon", "E-mail"]
    assert fig.data[0].line.color == config.CHANNEL_COLORS["phone"]


def test_time_of_day_axes_label_every_second_hour() -> None:
    names = ["ma", "di", "wo", "do", "vr", "za", "zo"]
    profile = charts_data.intraday_by_weekday(_profile(), title="t", weekday_names=names, x_title="x",
                                              y_title="y")
    heat = charts_data.weekday_heatmap(_profile(), title="t", weekday_names=names, x_title="x",
                                       y_title="y", z_title="z")
    expected = [f"{h:02d}:00" for h in range(0, 24, 2)]
    assert list(profile.layout.xaxis.tickvals) == expected
    assert list(heat.layout.xaxis.tickvals) == expected
    assert list(heat.data[0].x) == QUARTERS, "every quarter hour is still drawn"


def test_a_time_no_monday_had_a_contact_keeps_its_place_on_the_day_axis() -> None:
    """A per-call file has no row for a quarter hour without calls. Monday's line brought the
    axis its times in order, so a night time only Tuesday had went to the axis's end, after
    23:45, and the lines jumped there (the anonymous bank's February 1999 in a new centre)."""
    rows = [{"weekday": 0, "time_of_day": q, "offered": 2.0} for q in QUARTERS[28:92]]
    rows += [{"weekday": 1, "time_of_day": q, "offered": 1.0} for q in ("00:15", "03:30", *QUARTERS[28:92])]
    fig = charts_data.intraday_by_weekday(pd.DataFrame(rows), title="t", weekday_names=list("mtwTfsS"),
                                          x_title="x", y_title="y")
    assert [trace.name for trace in fig.data] == ["m", "t"]
    for trace in fig.data:
        assert list(trace.x) == ["00:15", "03:30", *QUARTERS[28:92]], "one axis, in time order"
    monday, tuesday = (dict(zip(trace.x, trace.y, strict=True)) for trace in fig.data)
    assert monday["00:15"] == 0.0 and monday["03:30"] == 0.0, "no Monday had a contact then: a mean of 0"
    assert monday["07:00"] == 2.0 and tuesday["03:30"] == 1.0


def test_a_day_without_contacts_is_drawn_at_zero() -> None:
    """Weekdays only (the US bank's file): Saturday and Sunday are closed days at 0, as the
    forecast reads them, so the line does not run from Friday to Monday."""
    days = [d for d in pd.date_range("2003-03-03", "2003-03-14", freq="D") if d.day_of_week < 5]
    daily = pd.DataFrame({"date": [d.date() for d in days], "channel": "phone", "offered": 100.0})
    fig = charts_data.volume_by_day(daily, title="t", x_title="x", y_title="y")
    (line,) = fig.data
    assert len(line.x) == 12 and list(line.y) == [100.0] * 5 + [0.0, 0.0] + [100.0] * 5
