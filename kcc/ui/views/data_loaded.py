"""Sections of the Data page about what is already loaded: the import history, the loaded
series with their charts, and the reset to the demo. Store reads go through the Data view's
cached :func:`kcc.ui.views.data.stored`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kcc import config, plan, store
from kcc.access import Action
from kcc.charts import data as charts_data
from kcc.i18n import show_stored
from kcc.ui import access
from kcc.ui.state import Translator, load_demo_with_progress
from kcc.ui.views.data import RESULT_KEY, stored
from kcc.ui.widgets import (
    channel_label,
    date_format,
    datetime_format,
    fmt_day,
    fmt_number,
    numbers_table,
    person_label,
    plotly_chart,
    queue_label,
)

# --------------------------------------------------------------------------- history


def interval_text(interval_min: object, tr: Translator) -> str:
    """A stored series' step as a reader says it: ``15 min``, or ``day``, ``week``, ``month``
    for period totals (a month is stored as its days in minutes, 44640 for 31 days)."""
    if interval_min is None or pd.isna(interval_min):
        return "–"
    minutes = int(interval_min)  # type: ignore[call-overload]  # a stored whole number
    try:
        granularity = config.granularity_of(minutes)
    except ValueError:
        return f"{minutes} min"
    return f"{minutes} min" if granularity == "interval" else tr(f"data.summary.granularity_{granularity}")


def history(con: store.Connection, tr: Translator, lang: str) -> None:
    """Every import, newest first."""
    st.header(tr("data.history.header"))
    imports = stored(con, "imports")
    if imports.empty:
        st.info(tr("data.history.empty"))
        return
    counts = ["rows_read", "rows_imported", "rows_ignored", "rows_replaced"]
    shown = imports.assign(
        kind=[tr(f"data.history.kind_{k}") if k else "" for k in imports["kind"]],
        imported_by=[person_label(u, tr) for u in imports["imported_by"]],
        interval_min=[interval_text(n, tr) for n in imports["interval_min"]],
        channels=[", ".join(channel_label(c, tr) for c in plan.channel_order(config.channel_list(v)))
                  for v in imports["channels"]],
        message=[show_stored(m, lang) for m in imports["message"]],
    )[["imported_at", "file_name", "kind", "imported_by", *counts, "interval_min", "period_start",
       "period_end", "channels", "message"]]
    numbers_table(
        shown, dict.fromkeys(counts, 0),
        column_config={
            "imported_at": st.column_config.DatetimeColumn(tr("data.history.when"), format=datetime_format()),
            "file_name": tr("data.history.file"),
            "kind": tr("data.history.kind"),
            "imported_by": tr("data.history.by"),
            "rows_read": st.column_config.NumberColumn(tr("data.history.rows_read")),
            "rows_imported": st.column_config.NumberColumn(tr("data.history.rows_imported")),
            "rows_ignored": st.column_config.NumberColumn(tr("data.history.rows_ignored")),
            "rows_replaced": st.column_config.NumberColumn(tr("data.history.rows_replaced")),
            "interval_min": tr("data.history.interval"),
            "period_start": st.column_config.DatetimeColumn(tr("data.history.period"), format=date_format()),
            "period_end": st.column_config.DatetimeColumn(tr("data.history.period_end"), format=date_format()),
            "channels": tr("data.history.channels"),
            "message": tr("data.history.note"),
        },
        hide_index=True,
        width="stretch",
    )


# --------------------------------------------------------------------------- summary + charts


def summary(con: store.Connection, tr: Translator) -> None:
    """What is loaded: totals, one row per series, daily volumes and the intraday pattern."""
    st.header(tr("data.summary.header"))
    series = stored(con, "series")
    if series.empty:
        st.info(tr("data.summary.empty"))
        return
    # phone first, as on every other page (the store sorts by channel id: chat, email, phone)
    rank = {c: i for i, c in enumerate(plan.channel_order(series["channel"]))}
    series = (series.assign(_rank=series["channel"].map(rank)).sort_values(["_rank", "queue"], kind="stable")
              .drop(columns="_rank").reset_index(drop=True))
    first, last = series["first_ds"].min(), series["last_ds"].max()
    c1, c2 = st.columns(2)
    c1.metric(tr("data.summary.total"), tr("data.summary.total_value", value=float(series["offered"].sum())))
    days = (last.date() - first.date()).days + 1
    # the dates as the value (short enough for a tile), the length of the period under it
    c2.metric(tr("data.summary.period"), f"{fmt_day(first)} – {fmt_day(last)}",
              f"{fmt_number(days)} {tr('overview.unit_days')}", delta_color="off", delta_arrow="off")
    numbers_table(
        series.assign(channel=series["channel"].map(lambda c: channel_label(c, tr)),
                      queue=[queue_label(q, tr) for q in series["queue"]],
                      interval_min=[interval_text(n, tr) for n in series["interval_min"]]),
        dict.fromkeys(["days", "offered", "answered", "abandoned", "closed_attempts"], 0),
        column_config={
            "channel": tr("data.summary.channel"),
            "queue": tr("data.summary.queue"),
            "interval_min": tr("data.summary.interval"),
            "first_ds": st.column_config.DatetimeColumn(tr("data.summary.first"), format=datetime_format()),
            "last_ds": st.column_config.DatetimeColumn(tr("data.summary.last"), format=datetime_format()),
            "days": st.column_config.NumberColumn(tr("data.summary.days")),
            "offered": st.column_config.NumberColumn(tr("data.summary.offered")),
            "answered": st.column_config.NumberColumn(tr("data.summary.answered")),
            "abandoned": st.column_config.NumberColumn(tr("data.summary.abandoned")),
            "closed_attempts": st.column_config.NumberColumn(tr("data.summary.closed")),
        },
        hide_index=True,
        width="stretch",
    )
    _charts(con, tr, series)


def _charts(con: store.Connection, tr: Translator, series: pd.DataFrame) -> None:
    weekdays = [tr(f"data.weekday.{i}") for i in range(7)]
    plotly_chart(
        charts_data.volume_by_day(
            stored(con, "daily"), title=tr("data.chart.daily"), x_title=tr("data.chart.date"),
            y_title=tr("data.chart.contacts"),
            channel_names={c: channel_label(c, tr) for c in series["channel"]},
        ),
        key="data.chart.daily",
    )
    channels = list(dict.fromkeys(series["channel"]))
    channel = st.selectbox(
        tr("data.summary.channel_filter"), channels, format_func=lambda c: channel_label(c, tr),
        key="data.chart_channel",
    )
    profile = stored(con, "profile", channel)
    plotly_chart(
        charts_data.intraday_by_weekday(
            profile, title=tr("data.chart.intraday"), weekday_names=weekdays,
            x_title=tr("data.chart.time_of_day"), y_title=tr("data.chart.contacts_per_interval"),
        ),
        key="data.chart.intraday",
    )
    plotly_chart(
        charts_data.weekday_heatmap(
            profile, title=tr("data.chart.heatmap"), weekday_names=weekdays,
            x_title=tr("data.chart.time_of_day"), y_title=tr("data.chart.weekday"),
            z_title=tr("data.chart.contacts_per_interval"),
        ),
        key="data.chart.heatmap",
    )


# --------------------------------------------------------------------------- reset


def reset_section(con: store.Connection, tr: Translator) -> None:
    """Empty the database and load the demo centre, after a confirmation (for admins; the
    Centres section above says why to anyone else)."""
    if not access.can(Action.MANAGE_CENTRES):
        return
    st.header(tr("data.reset.header"))
    st.caption(tr("data.reset.help"))
    confirm = st.checkbox(tr("data.reset.confirm"), key="data.reset_confirm")
    if st.button(tr("data.reset.button"), disabled=not confirm, key="data.reset"):
        _reload_demo(con, tr)
        st.session_state.pop(RESULT_KEY, None)
        st.success(tr("data.reset.done"))


@access.requires(Action.MANAGE_CENTRES)
def _reload_demo(con: store.Connection, tr: Translator) -> None:
    load_demo_with_progress(con, tr)
