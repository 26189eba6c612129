"""Chart builders of the scenario pages draw what they are given, with units on the axes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from kcc.charts import scenarios as charts
from kcc.scenarios import ChannelHours, ClosedHoursBehaviour, ScenarioSpec, SurgeTest, scenario_demand, simulate_surge
from tests.scenarios.test_scenarios import surge_rows, week_frame


def test_reachability_and_intraday_charts() -> None:
    frame = week_frame({"phone": (480, 1200), "email": (0, 1440)}, closed_attempts=2.0)
    hours = (ChannelHours.weekly("phone", 480, 1200), ChannelHours.always("email"))
    demand = scenario_demand(frame, ScenarioSpec(opening_hours=(ChannelHours.weekly("phone", 480, 1320),)), hours)
    by_hour = demand.assign(hour=demand["ds"].dt.hour).groupby(["channel", "hour"], as_index=False)[
        ["arrivals", "reached", "arrivals_baseline", "reached_baseline"]].sum()
    fig = charts.reachability_chart(by_hour, "phone")
    assert isinstance(fig, go.Figure) and len(fig.data) == 3
    assert fig.layout.yaxis.title.text == "reachability [%]"
    assert max(fig.data[2].y) <= 100
    fig = charts.intraday_chart(demand, "phone", 0)
    assert len(fig.data) == 2 and len(fig.data[0].x) == 96


def test_delta_frontier_surge_and_comparison_charts() -> None:
    by_weekday = pd.DataFrame({"weekday": range(7), "delta_fte": [1, 1, 0.5, 0, 0, -0.2, 0],
                               "delta_cost_eur_per_week": [100, 90, 50, 0, 0, -20, 0]})
    fig = charts.weekday_delta_chart(by_weekday, [f"d{i}" for i in range(7)])
    assert list(fig.data[0].x) == [f"d{i}" for i in range(7)]
    by_channel = pd.DataFrame({"channel": ["phone", "chat"], "fte": [10, 5], "fte_baseline": [9, 5],
                               "cost_eur_per_month": [1000, 500], "cost_eur_per_month_baseline": [900, 500]})
    assert len(charts.channel_delta_chart(by_channel, {"phone": "Telefoon"}).data) == 4
    frontier = pd.DataFrame({"target_service_level": [0.7, 0.8, 0.9], "fte": [10, 11, 13],
                             "cost_eur_per_month": [100, 110, 130], "marginal_cost_eur_per_point": [np.nan, 1, 2]})
    fig = charts.frontier_chart(frontier, current=0.8)
    assert list(fig.data[0].x) == [70, 80, 90]
    result = simulate_surge(surge_rows(), SurgeTest(uplift=1.0, home_agents=5), answer_time_s=20.0)
    assert len(charts.surge_chart(result.intervals).data) == 7
    table = pd.DataFrame({"name": ["a", "b"], "fte": [1.0, 2.0], "cost_eur_per_month": [10.0, 20.0],
                          "service_level": [0.8, 0.9], "p_abandon": [0.05, 0.03], "reachability": [0.9, 0.95]})
    for column in ("fte", "cost_eur_per_month", "service_level", "p_abandon", "reachability"):
        table[f"diff_{column}"] = table[column] - table[column].iloc[0]
    fig = charts.comparison_chart(table, differences=True)
    assert len(fig.data) == 5 and fig.data[2].x[1] == pytest.approx(10.0)  # 0.1 -> 10 percentage points
    assert ClosedHoursBehaviour().lost_share == 0.25


def test_scenario_names_are_text_in_the_comparison_chart() -> None:
    names = ["Baseline", "<b>Late</b> & <i>early</i>"]
    table = pd.DataFrame({"name": names, "fte": [1.0, 2.0], "cost_eur_per_month": [10.0, 20.0],
                          "service_level": [0.8, 0.9], "p_abandon": [0.05, 0.03], "reachability": [0.9, 0.95]})
    fig = charts.comparison_chart(table)
    for trace in fig.data:
        assert list(trace.y) == ["Baseline", "&lt;b&gt;Late&lt;/b&gt; &amp;<br>&lt;i&gt;early&lt;/i&gt;"]
        assert list(trace.customdata) == ["Baseline", "&lt;b&gt;Late&lt;/b&gt; &amp; &lt;i&gt;early&lt;/i&gt;"]
