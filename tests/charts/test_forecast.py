"""The forecast chart marks exactly the holidays and event days of the forecast."""

from __future__ import annotations

import pandas as pd

from kcc.charts import forecast_chart
from kcc.charts.forecast import period_backtest_display, period_chart, period_table

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


def _months() -> tuple[pd.DataFrame, pd.DataFrame]:
    history = pd.DataFrame({"period": pd.date_range("2025-01-01", periods=6, freq="MS"), "y": 9_000.0})
    future = pd.DataFrame({"period": pd.date_range("2025-07-01", periods=3, freq="MS"),
                           "yhat": [9_100.4, 9_200.6, 9_300.0], "yhat_lo_80": 8_500.0, "yhat_hi_80": 9_900.0})
    return history, future


def test_the_period_chart_shows_one_point_a_month_and_no_day_markers() -> None:
    history, future = _months()
    fig = period_chart(history, future, levels=(80,), labels={**LABELS, "y_axis": "Contacts per month"})
    traces = {trace.name: trace for trace in fig.data}
    assert set(traces) == {"History", "Forecast", "80% interval"}
    assert list(pd.to_datetime(traces["Forecast"].x)) == list(future["period"])
    assert list(traces["History"].y) == [9_000.0] * 6
    assert traces["Forecast"].mode == "lines+markers" and traces["80% interval"].fill == "toself"
    assert fig.layout.yaxis.title.text == "Contacts per month"


def test_the_period_table_rounds_to_whole_contacts() -> None:
    names = {"period": "Month", "yhat": "Forecast", "lo": "Low", "hi": "High"}
    table = period_table(_months()[1], names)
    assert list(table.columns) == ["Month", "Forecast", "Low", "High"]
    assert list(table["Forecast"]) == [9_100.0, 9_201.0, 9_300.0]


def test_the_period_backtest_leaves_out_coverage_when_no_method_has_bands() -> None:
    summary = pd.DataFrame({"method": ["monthly", "baseline_same_month_last_year"], "origins": 3, "horizon": 12,
                            "mase": [0.51234, 1.0], "wmape": [0.0412, 0.05], "bias": [-0.013, 0.0],
                            "coverage_80": float("nan"), "coverage_95": float("nan")})
    labels = {"method": "Method", "mase": "MASE", "wmape": "wMAPE [%]", "bias": "Bias [%]", "coverage": "80% [%]",
              "method_monthly": "Monthly model"}
    shown = period_backtest_display(summary, labels)
    assert list(shown.columns) == ["Method", "MASE", "wMAPE [%]", "Bias [%]"]
    assert list(shown["Method"]) == ["Monthly model", "baseline_same_month_last_year"]
    assert list(shown["wMAPE [%]"]) == [4.1, 5.0] and list(shown["MASE"]) == [0.512, 1.0]
    with_bands = period_backtest_display(summary.assign(coverage_80=[0.75, float("nan")]), labels)
    assert list(with_bands["80% [%]"].fillna(-1)) == [75.0, -1]


def test_a_day_without_contacts_in_the_history_is_drawn_at_zero_as_the_forecast_learns_it() -> None:
    """A centre open Monday to Friday: its history holds no weekend intervals. The forecast
    takes those days as closed (``kcc.forecast.grid``) and draws 0 ahead, so the history's line
    must drop to 0 on them too, not run from Friday to Monday."""
    from kcc.charts import history_daily
    from kcc.forecast.grid import prepare_grid

    days = [d for d in pd.date_range("2003-03-03", "2003-03-28", freq="D") if d.day_of_week < 5]
    ds = pd.DatetimeIndex([d + pd.Timedelta(hours=h) for d in days for h in (9, 10)]).tz_localize("America/New_York")
    history = pd.DataFrame({"ds": ds, "y": 5.0})
    daily = history_daily(history)
    assert list(daily["date"]) == list(pd.date_range("2003-03-03", "2003-03-28", freq="D"))
    grid = prepare_grid(history)
    assert list(daily["y"]) == list(grid.daily), "the days and totals the forecast learns from"
    assert daily.set_index("date").loc["2003-03-08", "y"] == 0 and daily["y"].max() == 10.0
    assert history_daily(history, weeks=1)["date"].min() == pd.Timestamp("2003-03-22"), "a week ends on the last day"
