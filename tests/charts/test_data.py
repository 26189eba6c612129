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
