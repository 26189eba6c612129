"""The forecast chart marks exactly the holidays and event days of the forecast."""

from __future__ import annotations

import pandas as pd

from kcc.charts import forecast_chart

LABELS = {"title": "t", "y_axis": "y", "history": "History", "forecast": "Forecast",
          "band": "{level}% interval", "holiday": "Holiday", "event": "Event"}


def _daily(holiday: list[str], events: list[str]) -> pd.DataFrame:
    dates = pd.date_range("2026-12-21", periods=len(holiday), freq="D").date
    return pd.DataFrame({"date": dates, "yhat": [100.0 + i for i in range(len(holiday))],
                         "yhat_lo_80": 90.0, "yhat_hi_80": 110.0,
                         "holiday": holiday, "events": events})


def test_holidays_and_events_are_marked_on_their_days() -> None:
    forecast = _daily(["", "", "", "", "Eerste Kerstdag", "Tweede Kerstdag", ""],
                      ["", "Mailing", "", "", "", "", ""])
    history = pd.DataFrame({"date": forecast["date"] - pd.Timedelta(days=7), "y": 95.0})
    fig = forecast_chart(history, forecast, levels=(80,), labels=LABELS)
    traces = {trace.name: trace for trace in fig.data}
    assert list(traces["Holiday"].text) == ["Eerste Kerstdag", "Tweede Kerstdag"]
    assert list(traces["Holiday"].y) == [104.0, 105.0]
    assert list(traces["Event"].text) == ["Mailing"]


def test_no_markers_without_holidays_or_events() -> None:
    forecast = _daily([""] * 3, [""] * 3)
    history = pd.DataFrame({"date": forecast["date"] - pd.Timedelta(days=7), "y": 95.0})
    names = {trace.name for trace in forecast_chart(history, forecast, levels=(80,), labels=LABELS).data}
    assert "Holiday" not in names and "Event" not in names


def test_event_names_are_text_in_the_chart_not_plotly_html() -> None:
    forecast = _daily(["", ""], ["<b>Sale</b> & <a href='http://x'>more</a>", ""])
    history = pd.DataFrame({"date": forecast["date"] - pd.Timedelta(days=7), "y": 95.0})
    traces = {trace.name: trace for trace in forecast_chart(history, forecast, levels=(80,), labels=LABELS).data}
    assert list(traces["Event"].text) == ["&lt;b&gt;Sale&lt;/b&gt; &amp; &lt;a href='http://x'&gt;more&lt;/a&gt;"]
