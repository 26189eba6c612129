"""The Forecast page of a series of week or month totals: history and forecast per week or
month with its band, the forecast table and the backtest at that grain
(``kcc.period_forecast``)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from kcc import store
from kcc.capacity import CapacityError
from kcc.charts import forecast as charts
from kcc.forecast import MIN_HISTORY_DAYS, MIN_MODEL_DAYS, InsufficientHistoryError
from kcc.period_forecast import LEVELS, MIN_BACKTEST_MONTHS, MIN_BACKTEST_WEEKS, PeriodForecast
from kcc.ui import forecast_cache as cache
from kcc.ui.state import Translator
from kcc.ui.views import holidays as holidays_view
from kcc.ui.views.forecast import event_calendar
from kcc.ui.widgets import error_text, fmt_day, fmt_month, fmt_number, numbers_table, plotly_chart


def _when(grain: str, period: Any) -> str:
    return fmt_month(period) if grain == "month" else fmt_day(period)


def _method_line(tr: Translator, result: PeriodForecast) -> str:
    if result.granularity == "month":
        line = tr("forecast.month_method_line", method=tr(f"capacity.method_{result.method}"))
        band = (tr("forecast.month_band_from", n=result.errors) if result.errors > 0
                else tr("forecast.month_band_assumed"))
        return f"{line} · {band}"
    line = tr("forecast.used_method_line", method=tr(f"forecast.method_{result.method}"))
    daily = result.daily
    return f"{line} · {tr('forecast.auto_on_days')}" if daily is not None and daily.requested_method == "auto" else line


def _figures(tr: Translator, result: PeriodForecast) -> None:
    grain, future = result.granularity, result.forecast
    peak = future.loc[future["yhat"].idxmax()]
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("forecast.total"), fmt_number(future["yhat"].sum()))
    c2.metric(tr(f"forecast.per_period.{grain}"), fmt_number(future["yhat"].mean()))
    c3.metric(tr(f"forecast.peak_period.{grain}"), fmt_number(peak["yhat"]),
              help=tr("forecast.peak_help", when=_when(grain, peak["period"])))
    labels = {"title": tr(f"forecast.chart_title.{grain}"), "y_axis": tr(f"forecast.axis_contacts_per.{grain}"),
              "history": tr("forecast.history"), "forecast": tr("forecast.forecast"),
              "band": tr("forecast.band", level="{level}"), "holiday": tr("forecast.holiday"),
              "event": tr("forecast.event")}
    plotly_chart(charts.period_chart(result.history, future, levels=LEVELS, labels=labels),
                 key="forecast.period_chart", width="stretch")
    st.subheader(tr(f"forecast.period_table.{grain}"))
    names = {"period": tr(f"forecast.col_period.{grain}"), "yhat": tr("forecast.col_period_yhat"),
             "lo": tr("forecast.col_period_lo"), "hi": tr("forecast.col_period_hi")}
    table = charts.period_table(future, names)
    table[names["period"]] = [_when(grain, p) for p in table[names["period"]]]
    numbers_table(table, {names[k]: 0 for k in ("yhat", "lo", "hi")}, hide_index=True,
                  key="forecast.period_table")


def _backtest(con: store.Connection, tr: Translator, channel: str, queue: str, grain: str, method: str,
              country: str) -> None:
    st.subheader(tr("forecast.backtest_title"))
    with st.spinner(tr("forecast.backtesting")):
        summary = cache.period_backtest(con, channel, queue, grain, method, country)
    if summary is None:
        st.info(tr(f"forecast.period_backtest_short.{grain}", weeks=MIN_BACKTEST_WEEKS,
                   months=MIN_BACKTEST_MONTHS))
        return
    st.markdown(tr(f"forecast.period_backtest_explain.{grain}", origins=int(summary["origins"].max()),
                   horizon=int(summary["horizon"].max())))
    labels = {"method": tr("forecast.col_method"), "mase": tr(f"forecast.col_mase.{grain}"),
              "wmape": tr(f"forecast.col_wmape.{grain}"), "bias": tr("forecast.col_bias"),
              "coverage": tr(f"forecast.col_coverage.{grain}")}
    labels |= {f"method_{m}": tr(f"forecast.method_{m}") for m in summary["method"]}
    labels["method_auto"] = tr("forecast.method_auto_backtest")
    shown = charts.period_backtest_display(summary, labels)
    places = {"mase": 3, "wmape": 1, "bias": 1, "coverage": 0}
    numbers_table(shown, {labels[k]: n for k, n in places.items() if labels[k] in shown},
                  hide_index=True, key="forecast.period_backtest")


def period_page(con: store.Connection, tr: Translator, channel: str, queue: str, grain: str, horizon: int,
                method: str, country: str, periods: int) -> None:
    """Everything the Forecast page shows for a weekly or monthly series, the event calendar
    last; ``periods`` are the weeks or months it holds (for the too-short message)."""
    st.info(tr(f"forecast.period_caption.{grain}"))
    try:
        with st.spinner(tr("forecast.fitting")):
            result = cache.period_forecast(con, channel, queue, grain, horizon, method, country)
    except InsufficientHistoryError:
        # only weeks reach the daily model, which counts their days
        st.warning(tr("forecast.too_short", days=7 * periods, min_days=MIN_HISTORY_DAYS))
        return
    except CapacityError as error:
        st.warning(error_text(error))
        return
    if result.daily is not None and result.daily.fallback:
        st.warning(tr("forecast.fallback", days=result.daily.history_days, min_days=MIN_MODEL_DAYS))
    st.caption(_method_line(tr, result))
    _figures(tr, result)
    if result.daily is not None:  # weeks: a holiday marked closed takes its day out of the week
        holidays_view.horizon_holidays(con, tr, result.daily.daily)
    _backtest(con, tr, channel, queue, grain, method, country)
    event_calendar(con, tr, result)
