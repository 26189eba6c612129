"""Forecast: per-series interval forecast with holidays and events, backtest, event calendar;
a series of week or month totals per week or month."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kcc.charts import forecast as charts
from kcc.forecast import MIN_HISTORY_DAYS, MIN_MODEL_DAYS, InsufficientHistoryError
from kcc.ui import forecast_cache as cache
from kcc.ui import long_range
from kcc.ui.state import init_page
from kcc.ui.views import forecast_periods as periods_view
from kcc.ui.views import holidays as holidays_view
from kcc.ui.views.forecast import event_calendar, method_line, settings_form
from kcc.ui.widgets import date_format, fmt_moment, fmt_number, numbers_table, plotly_chart

con, tr = init_page("forecast")

LEVELS = (80, 95)


def _n(value: float) -> str:
    return fmt_number(value)


st.title(tr("forecast.title"))
st.caption(tr("forecast.intro"))

summary = cache.series(con)
if summary.empty:
    st.info(tr("common.no_data"))
    st.stop()
long_range.interval_notice(con, tr, "forecast", summary)  # a daily forecast needs no profile

# --------------------------------------------------------------------------- settings
choice = settings_form(tr, summary)
channel, queue, grain = choice.channel, choice.queue, choice.grain
horizon_days, method, country = choice.horizon, choice.method, choice.country
if grain:  # a series of week or month totals is forecast per week or month
    periods_view.period_page(con, tr, channel, queue, grain, horizon_days, method, country, choice.days)
    st.stop()

# --------------------------------------------------------------------------- forecast
try:
    with st.spinner(tr("forecast.fitting")):
        result = cache.forecast(con, channel, queue, int(horizon_days), str(method), str(country))
except InsufficientHistoryError:
    st.warning(tr("forecast.too_short", days=choice.days, min_days=MIN_HISTORY_DAYS))
    st.stop()
if result.fallback:
    st.warning(tr("forecast.fallback", days=result.history_days, min_days=MIN_MODEL_DAYS))

daily = result.daily
open_days = daily[daily["is_open"]]
peak = result.intervals.loc[result.intervals["yhat"].idxmax()]
st.caption(method_line(tr, result))
c1, c2, c3 = st.columns(3)
c1.metric(tr("forecast.total"), _n(daily["yhat"].sum()))
c2.metric(tr("forecast.per_day"), _n(open_days["yhat"].mean() if len(open_days) else 0))
c3.metric(
    tr("forecast.peak_interval", minutes=result.interval_min),
    _n(peak["yhat"]),
    help=tr("forecast.peak_help", when=fmt_moment(peak["ds"])),
)

labels = {
    "title": tr("forecast.chart_title"),
    "y_axis": tr("forecast.axis_contacts_per_day"),
    "history": tr("forecast.history"),
    "forecast": tr("forecast.forecast"),
    "band": tr("forecast.band", level="{level}"),
    "holiday": tr("forecast.holiday"),
    "event": tr("forecast.event"),
}
history = cache.history(con, channel, queue)
plotly_chart(
    charts.forecast_chart(charts.history_daily(history), daily, levels=LEVELS, labels=labels),
    key="forecast.chart", width="stretch",
)  # fmt: skip
first_week = result.intervals[result.intervals["ds"] < result.intervals["ds"].iloc[0] + pd.Timedelta(days=7)]
plotly_chart(
    charts.intraday_chart(
        first_week, level=80,
        labels={**labels, "title": tr("forecast.intraday_title"),
                "y_axis": tr("forecast.axis_contacts_per_interval", minutes=result.interval_min)},
    ),
    key="forecast.intraday_chart", width="stretch",
)  # fmt: skip

st.subheader(tr("forecast.special_days"))
special = charts.special_days_table(
    daily,
    {k: tr(f"forecast.col_{k}") for k in ("date", "holiday", "events", "factor", "yhat")},
)
if special.empty:
    st.caption(tr("forecast.no_special_days"))
else:
    numbers_table(
        special, {tr("forecast.col_factor"): 0, tr("forecast.col_yhat"): 0},
        hide_index=True, key="forecast.special_days",
        column_config={tr("forecast.col_date"): st.column_config.DateColumn(format=date_format())},
    )
holidays_view.horizon_holidays(con, tr, daily)

# --------------------------------------------------------------------------- backtest
st.subheader(tr("forecast.backtest_title"))
st.markdown(
    tr("forecast.backtest_explain", origins=cache.BACKTEST_ORIGINS, horizon=cache.BACKTEST_HORIZON_DAYS)
)
with st.spinner(tr("forecast.backtesting")):
    bt = cache.backtest_summary(con, channel, queue, str(method), str(country))
if bt is None:
    st.info(tr("forecast.backtest_short", horizon=cache.BACKTEST_HORIZON_DAYS))
else:
    bt_labels = {
        k: tr(f"forecast.col_{k}")
        for k in ("method", "day_mase", "day_wmape", "interval_wmape", "bias", "coverage")
    }
    bt_labels |= {f"method_{m}": tr(f"forecast.method_{m}") for m in bt["method"].unique()}
    bt_labels["method_auto"] = tr("forecast.method_auto_backtest")
    places = {"day_mase": 3, "day_wmape": 1, "interval_wmape": 1, "bias": 1, "coverage": 0}
    numbers_table(
        charts.backtest_display(bt, bt_labels), {bt_labels[k]: n for k, n in places.items()},
        hide_index=True, key="forecast.backtest",
    )

# --------------------------------------------------------------------------- event calendar
event_calendar(con, tr, result)
