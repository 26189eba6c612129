"""Chart layout rules that need no browser: time units, zooms stated, long names, one layout.

What Chromium draws (overlaps, clipping, tick steps) is checked in
``tests/browser/test_chart_fit.py`` on the same gallery of charts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from kcc import charts
from kcc.charts.common import LEGEND_BELOW, percent_axis, wrap_label, zero_aligned_ranges
from tests.charts import gallery


def test_the_gallery_holds_every_chart_builder() -> None:
    """A builder missing from the gallery escapes every check of this file and of the browser's
    (the Capacity plan's three and the shift cover's did, with the legend on the axis title)."""
    import inspect
    import pkgutil
    from importlib import import_module

    import kcc.charts

    builders = set()
    for module in pkgutil.iter_modules(kcc.charts.__path__):
        if module.name == "common":
            continue  # helpers that change a figure the builders made
        found = import_module(f"kcc.charts.{module.name}")
        builders |= {f"{module.name}.{name}" for name, obj in inspect.getmembers(found, inspect.isfunction)
                     if obj.__module__ == found.__name__ and not name.startswith("_")
                     and inspect.signature(obj).return_annotation in ("go.Figure", go.Figure)}
    shown = {".".join(name.split(".")[:2]) for name in gallery.BUILDERS}
    assert builders - shown == set()


@pytest.mark.parametrize("name", sorted(gallery.BUILDERS))
def test_every_chart_ends_with_the_shared_layout(name: str) -> None:
    """Legend below the x-axis title, axes that grow their margins, secondary axes with ticks
    of their own (plotly.js otherwise puts them on the first axis's grid: 465 / 931 / 1,396)."""
    fig = gallery.figure(name)
    assert fig.layout.legend.yref == LEGEND_BELOW["yref"] and fig.layout.legend.y == 0
    axes = [fig.layout[k] for k in fig.layout if k.startswith(("xaxis", "yaxis"))]
    assert axes and all(axis.automargin for axis in axes)
    for axis in axes:
        if axis.overlaying:
            assert axis.tickmode == "auto"


def test_waits_over_two_minutes_are_drawn_in_minutes() -> None:
    fig = gallery.figure("staffing.kpi_chart.asa")  # WhatsApp-like waits of 200-1,200 s
    assert fig.layout.yaxis.title.text.endswith("[min]")
    assert max(fig.data[0].y) == pytest.approx(20.0)  # 1,200 s
    assert fig.layout.shapes[0].y0 == pytest.approx(15.0)  # the 900 s target line, same unit
    # its label sits on the bars at the plot's left edge: a backing of its own keeps it legible
    assert fig.layout.annotations[0].bgcolor == "rgba(255, 255, 255, 0.85)"
    short = charts.kpi_chart(pd.DataFrame({"period": pd.date_range("2026-11-16", periods=2),
                                           "asa_s": [20.0, 45.0]}), "asa_s", None, percent=False)
    assert short.layout.yaxis.title.text.endswith("[s]") and list(short.data[0].y) == [20.0, 45.0]


def test_the_calculator_and_engine_check_use_minutes_for_long_waits() -> None:
    fig = gallery.figure("engine.simulation_chart")  # ASA 1,018 s
    asa_panel = next(i for i, t in enumerate(fig.layout.annotations) if t.text == "ASA") + 1
    assert fig.layout[f"yaxis{asa_panel}"].title.text == "min"
    curve = pd.DataFrame({"agents": [10, 11], "service_level": [0.5, 0.6], "asa_s": [1800.0, 900.0],
                          "p_abandon": [0.0, 0.0], "occupancy": [0.9, 0.8]})
    fig = charts.metrics_vs_agents_chart(curve)
    assert fig.layout.yaxis2.title.text == "ASA [min]" and list(fig.data[3].y) == [30.0, 15.0]


def test_percentage_axes_run_0_to_100_unless_the_title_states_a_zoom() -> None:
    assert tuple(gallery.figure("staffing.kpi_chart.service_level").layout.yaxis.range) == (0, 100)
    assert tuple(gallery.figure("scenarios.reachability_chart").layout.yaxis.range) == (0, 100)
    daily = pd.DataFrame({"period": pd.date_range("2026-11-16", periods=3), "p_abandon": [0.04, 0.06, 0.05]})
    fig = charts.kpi_chart(daily, "p_abandon", 0.05, {"axis": "abandoned", "zoom": "{axis}, scale 0-{top}"})
    assert tuple(fig.layout.yaxis.range) == (0, 10)
    assert fig.layout.yaxis.title.text == "abandoned [%], scale 0-10"
    high = charts.kpi_chart(daily.assign(p_abandon=[0.4, 0.7, 0.5]), "p_abandon", 0.05,
                            {"axis": "abandoned", "zoom": "{axis}, scale 0-{top}"})
    assert tuple(high.layout.yaxis.range) == (0, 100) and high.layout.yaxis.title.text == "abandoned [%]"


def test_a_zoom_around_the_values_names_its_range() -> None:
    fig = percent_axis(charts.kpi_chart(pd.DataFrame({"period": [1], "service_level": [0.8]}),
                                        "service_level", None), [79.2, 80.9], zoom="% ({low}-{top})")
    assert tuple(fig.layout.yaxis.range) == (75, 85) and fig.layout.yaxis.title.text == "% (75-85)"


def test_long_scenario_names_are_wrapped_beside_horizontal_bars_with_the_full_name_in_the_hover() -> None:
    fig = gallery.figure("scenarios.comparison_chart")
    long_name = gallery.SCENARIO_NAMES[1]
    for trace in fig.data:
        assert trace.orientation == "h"
        shown = trace.y[1]
        assert shown.count("<br>") == 1 and shown.endswith("…")
        assert all(len(line) <= 25 for line in shown.split("<br>"))
        assert trace.customdata[1] == long_name
    assert all(not axis.tickangle for k in fig.layout if k.startswith("yaxis") for axis in [fig.layout[k]])


def test_bar_values_follow_the_figure_number_format() -> None:
    """``587,938.6`` was written by Python in English; plotly's template uses the figure's
    separators (``587.939`` in Dutch)."""
    fig = gallery.figure("scenarios.comparison_chart")
    assert all(trace.text is None and "%{x" in trace.texttemplate for trace in fig.data)


@pytest.mark.parametrize(("text", "expected"), [
    ("Baseline", "Baseline"),
    ("Evening opening until 22:00 with home workers", "Evening opening<br>until 22:00 wit…"),
    ("A<b>&", "A&lt;b&gt;&amp;"),
    ("", ""),
])
def test_wrap_label(text: str, expected: str) -> None:
    assert wrap_label(text, 16) == expected


def test_scenario_intraday_ticks_fall_on_whole_hours() -> None:
    fig = gallery.figure("scenarios.intraday_chart")
    ticks = list(fig.layout.xaxis.tickvals)
    assert ticks and all(t.endswith(":00") and int(t[:2]) % 2 == 0 for t in ticks)
    assert np.all(np.diff([int(t[:2]) for t in ticks]) == 2)


@pytest.mark.parametrize(("left", "right"), [
    ([1.2, 1.0, 0.5, 0.0, 0.3, -0.2, 0.0], [1500, 1300, 600, 0, 400, -250, 0]),  # mostly up
    ([0.0] * 7, [0.0] * 7),  # the baseline: no change at all
    ([-3.0, -1.0], [50.0, 200.0]),  # opposite signs
    ([2.0, np.nan], [-10.0, 0.0]),
])
def test_twin_axes_share_their_zero_line(left: list[float], right: list[float]) -> None:
    """The two axes of a difference and its cost put zero at the same height and hold their
    values; on the baseline (all zero) zero is in the middle of both, not at the foot of one
    (where the cost line drew at -1 FTE)."""
    ranges = zero_aligned_ranges(left, right)
    heights = [-low / (high - low) for low, high in ranges]
    assert heights[0] == pytest.approx(heights[1])
    for (low, high), values in zip(ranges, (left, right), strict=True):
        finite = [v for v in values if np.isfinite(v)]
        assert low < high and low <= min(finite) and max(finite) <= high
    if not any(left) and not any(right):
        assert ranges == [[-1.0, 1.0], [-1.0, 1.0]]
    fig = charts.weekday_delta_chart(pd.DataFrame({"weekday": range(len(left)), "delta_fte": left,
                                                   "delta_cost_eur_per_week": right}), gallery.WEEKDAYS_SHORT)
    assert [list(fig.layout.yaxis.range), list(fig.layout.yaxis2.range)] == ranges  # NaN is drawn as 0
