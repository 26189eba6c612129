"""The shift cover chart: required and covered lines, over-cover up and under-cover down."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kcc.charts.shifts import cover_chart


def test_over_and_under_cover_are_drawn_apart() -> None:
    ds = pd.date_range("2026-11-16 08:00", periods=4, freq="15min", tz="Europe/Amsterdam")
    required = pd.DataFrame({"ds": ds, "agents": [2.0, 3.0, 4.0, 1.0]})
    coverage = pd.DataFrame({"ds": ds, "agents": [3.0, 3.0, 2.0, 1.0]})
    fig = cover_chart(required, coverage, {"over": "Overdekking"}, title="Telefoon")
    traces = {trace.name: trace for trace in fig.data}
    assert np.array_equal(traces["Overdekking"].y, [1, 0, 0, 0])
    assert np.array_equal(traces["Under-cover [agents]"].y, [0, 0, -2, 0])
    assert list(traces["Required [agents]"].y) == [2, 3, 4, 1]
    assert fig.layout.title.text == "Telefoon"
