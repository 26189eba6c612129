"""Every chart builder drawn by plotly.js in Chromium, at the app's widths, fits its frame.

The gallery (``tests/charts/gallery.py``) builds each chart on demo-sized data, in English and
in Dutch number format; Chromium lays it out at 1400 px (the whole window) and 1000 px (the
page beside the sidebar), a chart a page puts in one of two columns at 400 px too, and the text
boxes are checked one class of defect per test.
Set ``KCC_CHART_SHOTS`` to a folder to keep a screenshot of each chart for a reviewer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from kcc.formatting import localise_figure
from tests.browser import chart_fit
from tests.charts import gallery

#: Chart widths of the app at a 1400 px window: the whole window, the page beside the sidebar. [px]
WIDTHS = (1400, 1000)
#: Charts a page puts in one of two columns, checked at that width too: a column's at a 1280 px
#: window, the narrowest laptop screen a planner brings. [px]
HALF_WIDTH = 400
IN_COLUMNS = ("staffing.kpi_chart.service_level", "staffing.kpi_chart.asa", "scenarios.weekday_delta_chart",
              "scenarios.reachability_chart")

_DRAW_JS = """async ([spec, width]) => {
  document.body.innerHTML = '';
  const gd = document.createElement('div');
  gd.style.width = width + 'px';
  document.body.appendChild(gd);
  await Plotly.newPlot(gd, spec.data, spec.layout, {responsive: false});
  return (%s)(gd);
}""" % chart_fit.MEASURE_JS


@pytest.fixture(scope="module")
def measured(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    """``"<chart> <lang> <width>px"`` -> what Chromium drew, for every gallery chart."""
    shots = os.environ.get("KCC_CHART_SHOTS")
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    tab.set_content("<html><body style='margin:0'></body></html>")
    tab.add_script_tag(path=str(chart_fit.PLOTLY_JS))
    out: dict[str, dict[str, Any]] = {}
    for name in gallery.BUILDERS:
        # English at the whole window; Dutch (its number format) beside the sidebar and in a column
        for lang, widths in (("en", WIDTHS[:1]), ("nl", WIDTHS[1:] + ((HALF_WIDTH,) if name in IN_COLUMNS else ()))):
            spec = json.loads(localise_figure(gallery.figure(name), lang).to_json())
            for width in widths:
                key = f"{name} {lang} {width}px"
                out[key] = tab.evaluate(_DRAW_JS, [spec, width])
                if shots:
                    tab.screenshot(path=str(Path(shots) / f"{key.replace(' ', '_')}.png"))
    tab.close()
    yield out


def _report(measured: dict[str, dict[str, Any]], check: Any) -> list[str]:
    return [f"{key}: {problem}" for key, drawn in measured.items() for problem in check(drawn)]


def test_no_text_overlaps_another(measured: dict[str, dict[str, Any]]) -> None:
    """Titles, legends, axis titles, subplot titles, tick labels and bar texts stay apart."""
    assert not _report(measured, chart_fit.overlaps)


def test_no_axis_title_lies_on_another_panel(measured: dict[str, dict[str, Any]]) -> None:
    """In a row of panels, each y axis's title stays beside its own panel: the engine check's
    ASA title "s" sat on the service-level panel's grid."""
    assert not _report(measured, chart_fit.titles_over_plots)


def test_no_tick_label_runs_into_the_next(measured: dict[str, dict[str, Any]]) -> None:
    assert not _report(measured, chart_fit.crowded_ticks)


def test_no_text_is_clipped(measured: dict[str, dict[str, Any]]) -> None:
    assert not _report(measured, chart_fit.clipped)


def test_ticks_are_round(measured: dict[str, dict[str, Any]]) -> None:
    """No 465 / 931 / 1,396: a secondary axis gets round ticks of its own."""
    assert not _report(measured, chart_fit.odd_ticks)


def test_percentage_axes_run_0_to_100_or_state_their_zoom(measured: dict[str, dict[str, Any]]) -> None:
    assert not _report(measured, chart_fit.percent_beyond_range)


def test_value_axes_name_their_unit(measured: dict[str, dict[str, Any]]) -> None:
    """Every numeric y axis says what it counts: ``[unit]``, ``%`` or a time unit."""
    def unitless(drawn: dict[str, Any]) -> list[str]:
        return [f"{a['name']} titled {a['title']!r}" for a in drawn["axes"]
                if a["name"].startswith("y") and a["type"] == "linear" and a["ticks"]
                and not any(u in a["title"] for u in ("[", "%", "min", "EUR"))
                and a["title"] not in ("s", "h", "u")]
    assert not _report(measured, unitless)


def test_the_checks_find_what_they_look_for(browser: Any) -> None:
    """The checks fail on the defects of old: a legend on the axis title, a secondary axis on
    the first one's grid, a percentage axis to 105, a tick label cut at the edge, seven weekday
    names run together, a panel's axis title on its neighbour's grid."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, specs=[[{"secondary_y": True}], [{}]])
    fig.add_bar(x=[1, 2, 3], y=[72.0, 90.0, 100.0], name="service level", row=1, col=1)
    fig.add_scatter(x=[1, 2, 3], y=[465.3, 1000.0, 1396.0], name="demand", secondary_y=True, row=1, col=1)
    fig.add_scatter(x=[1, 2, 3], y=[1, 2, 3], name="backlog", row=2, col=1)
    fig.update_xaxes(title_text="hour of day", row=2, col=1)
    fig.add_annotation(x=1.15, xref="paper", y=0.5, yref="paper", text="a note past the edge", showarrow=False)
    fig.update_layout(legend={"orientation": "h"}, yaxis={"title": "service level [%]", "range": [0, 105]},
                      yaxis2={"title": "demand [contacts]"}, margin={"l": 0, "r": 0, "t": 10})
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    tab.set_content("<html><body style='margin:0'></body></html>")
    tab.add_script_tag(path=str(chart_fit.PLOTLY_JS))
    drawn = tab.evaluate(_DRAW_JS, [json.loads(fig.to_json()), 600])
    weekdays = go.Figure(go.Bar(x=list(gallery.WEEKDAYS), y=[1.2, 1.0, 0.5, 0.0, 0.3, -0.2, 0.0]))
    weekdays.update_xaxes(tickangle=0)
    crowded = tab.evaluate(_DRAW_JS, [json.loads(weekdays.to_json()), 300])
    panels = make_subplots(rows=1, cols=2, horizontal_spacing=0.01)
    panels.add_scatter(x=[1, 2], y=[85.0, 95.0], row=1, col=1)
    panels.add_scatter(x=[1, 2], y=[3.0, 5.0], row=1, col=2)
    panels.update_yaxes(title_text="service level [%]", row=1, col=1)
    panels.update_yaxes(title_text="ASA [s]", row=1, col=2)
    squeezed = tab.evaluate(_DRAW_JS, [json.loads(panels.to_json()), 600])
    tab.close()
    assert any("'ASA [s]'" in p and "subplot xy" in p for p in chart_fit.titles_over_plots(squeezed))
    assert any("legend" in p and "hour of day" in p for p in chart_fit.overlaps(drawn))
    assert chart_fit.odd_ticks(drawn) and chart_fit.percent_beyond_range(drawn)
    assert chart_fit.clipped(drawn)
    assert chart_fit.crowded_ticks(crowded)
