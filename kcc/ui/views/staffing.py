"""Sections of the Staffing page (the page stays thin), and the helpers the Overview shares.

Every widget has an explicit ``staffing.*`` key; every number is shown with its unit through
the ``fmt_*`` helpers (decimal comma in Dutch). The target and budget forms are in
``staffing_settings``, the heat map's interval picker and "show the maths" in
``staffing_interval``, the Overview's sections in ``overview``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Final

import pandas as pd
import streamlit as st

from kcc import config, plan, roster_input, staffing, store
from kcc.access import Action
from kcc.charts import staffing as charts
from kcc.formatting import escape_markdown
from kcc.i18n import stored_text
from kcc.ui import access, plan_cache
from kcc.ui.state import Translator
from kcc.ui.views.staffing_settings import forget_target_inputs
from kcc.ui.widgets import (
    change_metric,
    channel_label,
    date_format,
    error_text,
    file_uploader,
    fmt_day,
    fmt_duration,
    fmt_month,
    fmt_number,
    fmt_pct,
    fmt_unit,
    plotly_chart,
    series_label,
)

# --------------------------------------------------------------------------- session state


def copy_state(widget_key: str, state_key: str) -> None:
    """Callback: keep a widget's value in a session key no widget owns."""
    st.session_state[state_key] = st.session_state[widget_key]


def sync_widget(widget_key: str, state_key: str) -> None:
    """Before a widget is drawn: show the value its session key holds (set elsewhere)."""
    if state_key in st.session_state and st.session_state.get(widget_key) != st.session_state[state_key]:
        st.session_state[widget_key] = st.session_state[state_key]


def default_state(key: str, value: Any) -> None:
    """Give a widget its first value through the session (it may also be set elsewhere, so
    the widget is created without ``index`` / ``value``)."""
    if key not in st.session_state:
        st.session_state[key] = value



# --------------------------------------------------------------------------- roster inputs

_import_roster = access.requires(Action.IMPORT)(store.replace_roster)
_save_shifts = access.requires(Action.EDIT_PLAN)(store.replace_shifts)


def roster_inputs(con: store.Connection, tr: Translator, user: str) -> None:
    """Upload agents per interval, or edit the shift patterns."""
    st.subheader(tr("staffing.roster_upload_title"))
    st.caption(tr("staffing.roster_upload_help"))
    upload = file_uploader(tr, tr("staffing.roster_upload"), types=["csv", "tsv", "txt", "xlsx", "parquet"],
                           max_mb=int(st.get_option("server.maxUploadSize")), key="staffing.roster_upload",
                           disabled=not access.allowed(Action.IMPORT, tr))
    if upload is not None and st.button(tr("staffing.roster_import"), key="staffing.roster_import"):
        parsed = roster_input.parse_roster(upload.getvalue(), upload.name, tz=store.timezone_of(con))
        if not parsed.ok:
            st.error(tr("staffing.roster_not_imported", file=escape_markdown(upload.name)))
            for problem in parsed.problems:
                st.markdown("- " + roster_problem_text(tr, problem))
        else:
            outcome = _import_roster(
                con, parsed.frame,
                store.ImportRecord(file_name=upload.name, kind="roster", imported_by=user,
                                   rows_read=parsed.rows_read,
                                   message=stored_text("data.history.roster", n=len(parsed.frame))),
            )
            st.session_state[plan_cache.ROSTER_SOURCE_STATE_KEY] = "roster"
            st.success(tr("staffing.roster_imported", rows=outcome.rows_imported,
                          replaced=outcome.rows_replaced))

    st.subheader(tr("staffing.shifts_title"))
    st.caption(tr("staffing.shifts_help"))
    may_edit = access.allowed(Action.EDIT_PLAN, tr)
    table = roster_input.shifts_to_editor(store.read_shifts(con))
    edited = st.data_editor(
        table, key="staffing.shift_editor", num_rows="dynamic", hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn(tr("staffing.shift_name"), required=True),
            "channels": st.column_config.MultiselectColumn(
                tr("staffing.shift_channels"), options=list(config.CHANNELS),
                format_func=lambda c: channel_label(c, tr)),
            "start_time": st.column_config.TextColumn(tr("staffing.shift_start"), help="HH:MM"),
            "length_min": st.column_config.NumberColumn(tr("staffing.shift_length"),
                                                        min_value=15, max_value=1440, step=15),
            "weekdays": st.column_config.MultiselectColumn(
                tr("staffing.shift_weekdays"), options=[str(d) for d in range(7)],
                format_func=lambda d: tr(f"common.weekday_short_{d}")),
            "headcount": st.column_config.NumberColumn(tr("staffing.shift_headcount"),
                                                       min_value=0, max_value=10_000, step=1),
            "location": st.column_config.SelectboxColumn(
                tr("staffing.shift_location"), options=["site", "home"],
                format_func=lambda v: tr(f"staffing.location_{v}")),
            "valid_from": st.column_config.DateColumn(tr("staffing.shift_valid_from"), format=date_format()),
            "valid_to": st.column_config.DateColumn(tr("staffing.shift_valid_to"), format=date_format()),
        },
    )
    if st.button(tr("staffing.shifts_save"), key="staffing.shifts_save", disabled=not may_edit):
        try:
            frame = roster_input.shifts_from_editor(edited)
        except ValueError as exc:
            st.error(tr("staffing.invalid", reason=error_text(exc)))
        else:
            _save_shifts(con, frame)
            st.session_state[plan_cache.ROSTER_SOURCE_STATE_KEY] = "shifts"
            st.success(tr("staffing.shifts_saved", n=len(frame)))


def roster_problem_text(tr: Translator, problem: roster_input.RosterProblem) -> str:
    """One roster-file problem in the page's language, as Markdown (the file's values and
    column names shown literally)."""
    if problem.error is not None:
        return error_text(problem.error)
    text = tr(f"staffing.roster_problem_{problem.code}", value=escape_markdown(problem.value),
              column=escape_markdown(problem.column))
    return tr("staffing.row_prefix", row=problem.row) + text if problem.row else text


# --------------------------------------------------------------------------- headline


def headline(tr: Translator, rows: pd.DataFrame, settings: plan.PlanSettings, channel: str) -> None:
    """Metrics of one channel over the plan horizon, with units."""
    if rows.empty:
        return
    tot = plan.total(rows)
    days = int(rows["ds"].dt.tz_localize(None).dt.normalize().nunique())
    weeks = staffing.weeks_of(float(days))
    targets = settings.targets_for(channel)
    start = rows["ds"].min().tz_localize(None).date()
    end = rows["ds"].max().tz_localize(None).date()
    st.markdown(tr("staffing.horizon_text", start=fmt_day(start), end=fmt_day(end), days=days))
    fte = tr("common.unit_fte")
    required_fte = staffing.fte(float(tot["required_agent_hours"]), settings.contract_hours_per_week, weeks)
    rostered_fte = staffing.fte(float(tot["rostered_agent_hours"]), settings.contract_hours_per_week, weeks)
    cols = st.columns(5)
    # units go in the labels so the big numbers fit their tiles; the same labels and
    # definitions as the Overview and the scenario pages
    cols[0].metric(tr("common.kpi_contacts_week"), fmt_number(tot["volume"] / max(days, 1) * 7.0))
    cols[1].metric(tr("common.kpi_required_fte"), fmt_number(required_fte, 1))
    change_metric(cols[2], tr("common.kpi_rostered_fte"), fmt_number(rostered_fte, 1),
                  fmt_unit(rostered_fte - required_fte, fte, 1, signed=True))
    sl = tot["service_level"]
    cols[3].metric(tr("common.kpi_sl_roster"), fmt_pct(sl), help=tr("common.kpi_sl_help"),
                   delta=None if pd.isna(sl) else
                   tr("staffing.vs_target", target=fmt_pct(targets.target_service_level, 0)),
                   delta_color="green" if (pd.isna(sl) or sl >= targets.target_service_level)
                   else "red", delta_arrow="off")
    cols[4].metric(with_unit(tr("staffing.m_short_hours"), tr("staffing.unit_agent_hours")),
                   fmt_number(tot["short_agent_hours"]))


def with_unit(label: str, unit: str) -> str:
    """A label with its unit in brackets (``Phone [contacts]``)."""
    return f"{label} [{unit}]"


# --------------------------------------------------------------------------- chart


def chart_labels(tr: Translator) -> dict[str, str]:
    """Translated legend and axis texts of ``charts.staffing_chart``."""
    keys = ("volume", "required", "band", "rostered", "gap", "axis_volume", "axis_agents",
            "axis_gap")
    return {k: tr(f"staffing.chart_{k}") for k in keys}


#: Widget key of the page's open tab (``kcc.ui.widgets.lazy_tabs``; a test opens a tab by setting it).
TAB_KEY: Final[str] = "staffing.tab"
#: The page's tabs, in order (their labels are ``staffing.<name>``).
TAB_NAMES: Final[tuple[str, ...]] = ("tab_chart", "tab_heatmap", "tab_kpis", "tab_simulation", "tab_budget",
                                     "tab_targets", "tab_roster", "tab_cover")
#: The chart tab's choices (``period_picker``) that stay while another tab is open.
PERIOD_KEYS: Final[tuple[str, ...]] = ("staffing.view", "staffing.day")


def period_picker(tr: Translator, rows: pd.DataFrame) -> pd.DataFrame:
    """Day or week view and the day to show; returns the plan rows to draw."""
    if rows.empty:
        return rows
    local = rows["ds"].dt.tz_localize(None)
    days = sorted(local.dt.date.unique())
    cols = st.columns([1, 2])
    view = cols[0].radio(tr("staffing.view"), ["day", "week"], horizontal=True,
                         key="staffing.view", format_func=lambda v: tr(f"staffing.view_{v}"))
    if st.session_state.get("staffing.day") not in days:
        st.session_state["staffing.day"] = plan.first_open_day(rows) or days[0]  # not a closed Sunday
    day = cols[1].date_input(tr("staffing.day"), min_value=days[0], max_value=days[-1],
                             key="staffing.day", format=date_format())
    if view == "day":
        return rows[local.dt.date == day]
    monday = day - pd.Timedelta(days=day.weekday())
    return rows[(local.dt.date >= monday) & (local.dt.date < monday + pd.Timedelta(days=7))]


def ftes(tr: Translator, values: Iterable[float]) -> list[str]:
    """FTE values as text with their unit, one decimal."""
    return [fmt_unit(v, tr("common.unit_fte"), 1) for v in values]


def fmt_kpi(kpi: str, value: float) -> str:
    """A KPI as shown: a time with its unit, a response time in hours, else a percentage."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if kpi == "asa_s":
        # seconds, minutes over two minutes, hours for deferred work
        return fmt_duration(value)
    if kpi == "response_h":
        return fmt_unit(value, "h", 1)
    return fmt_pct(value)


# --------------------------------------------------------------------------- KPIs


def kpi_table(tr: Translator, summary: pd.DataFrame, settings: plan.PlanSettings,
              period_label: str | None = None) -> pd.DataFrame:
    """Achieved KPIs next to the targets, formatted with units."""
    out = pd.DataFrame()
    if period_label is not None:
        out[period_label] = [fmt_day(d) for d in pd.to_datetime(summary["period"])]
    out[tr("common.channel")] = [channel_label(c, tr) for c in summary["channel"]]
    out[tr("staffing.col_volume")] = [fmt_unit(v, tr("common.unit_contacts")) for v in summary["volume"]]
    out[tr("staffing.kpi_service_level")] = [fmt_pct(v) for v in summary["service_level"]]
    out[tr("staffing.col_target")] = [fmt_pct(settings.targets_for(c).target_service_level, 0)
                                      for c in summary["channel"]]
    out[tr("staffing.kpi_asa_s")] = [fmt_kpi("asa_s", v) for v in summary["asa_s"]]
    out[tr("staffing.kpi_p_abandon")] = [fmt_pct(v) for v in summary["p_abandon"]]
    out[tr("staffing.kpi_occupancy")] = [fmt_pct(v) for v in summary["occupancy"]]
    out[tr("staffing.col_short_hours")] = [fmt_unit(v, tr("staffing.unit_agent_hours"))
                                           for v in summary["short_agent_hours"]]
    return out


def kpi_section(tr: Translator, the_plan: pd.DataFrame, settings: plan.PlanSettings,
                channel: str) -> None:
    """Achieved KPIs with the roster as it is, per channel, against the targets."""
    st.markdown(tr("staffing.kpis_intro"))
    staffed = the_plan[the_plan["model"] != "none"]
    channels = channel_order(staffed["channel"])
    if channels:
        frame = pd.DataFrame([plan.total(staffed[staffed["channel"] == c]) for c in channels])
        frame.insert(0, "channel", channels)
        st.dataframe(kpi_table(tr, frame, settings), hide_index=True, width="stretch",
                     key="staffing.kpi_table")
    rows = staffed[staffed["channel"] == channel]
    if rows.empty:
        return
    daily = plan.summarise(rows, "D")
    targets = settings.targets_for(channel)
    cols = st.columns(2)
    with cols[0]:
        plotly_chart(charts.kpi_chart(
            daily, "service_level", targets.target_service_level,
            {"achieved": tr("staffing.achieved"), "target": tr("staffing.target"),
             "axis": tr("staffing.axis_sl")},
            title=tr("staffing.kpi_chart_sl", channel=channel_label(channel, tr))),
            key="staffing.kpi_chart_sl", width="stretch")
    with cols[1]:
        plotly_chart(charts.kpi_chart(
            daily, "p_abandon", targets.max_abandon,
            {"achieved": tr("staffing.achieved"), "target": tr("staffing.target"),
             "axis": tr("staffing.axis_abandon"), "zoom": tr("common.axis_zoom")},
            title=tr("staffing.kpi_chart_abandon", channel=channel_label(channel, tr))),
            key="staffing.kpi_chart_abandon", width="stretch")
    weekly = plan.summarise(rows, "W")
    st.markdown("**" + tr("staffing.kpis_weekly") + "**")
    st.dataframe(kpi_table(tr, weekly, settings, tr("staffing.col_week")), hide_index=True,
                 width="stretch", key="staffing.kpi_weekly")


# --------------------------------------------------------------------------- budget


def budget_section(tr: Translator, bridge: plan.BudgetBridge) -> None:
    """The budget bridge tables, chart and downloads."""
    st.markdown(tr("staffing.budget_intro", hours=fmt_number(bridge.contract_hours_per_week, 1)))
    if bridge.monthly.empty:
        return
    monthly = bridge.monthly
    plotly_chart(charts.budget_chart(
        monthly, {"required": tr("staffing.cost_required"), "rostered": tr("staffing.cost_rostered"),
                  "flex": tr("staffing.cost_flex"), "axis": "EUR"},
        title=tr("staffing.budget_chart_title")), key="staffing.budget_chart", width="stretch")
    st.markdown("**" + tr("staffing.budget_monthly") + "**")
    st.dataframe(pd.DataFrame({
        tr("staffing.col_month"): [fmt_month(m) for m in pd.to_datetime(monthly["month"])],
        tr("common.channel"): [channel_label(c, tr) for c in monthly["channel"]],
        tr("staffing.col_days"): monthly["days"].astype(int),
        tr("staffing.col_required_fte"): ftes(tr, monthly["required_fte"]),
        tr("staffing.col_rostered_fte"): ftes(tr, monthly["rostered_fte"]),
        tr("staffing.cost_required"): [fmt_unit(v, "EUR", unit_first=True) for v in monthly["cost_required_eur"]],
        tr("staffing.cost_rostered"): [fmt_unit(v, "EUR", unit_first=True) for v in monthly["cost_rostered_eur"]],
        tr("staffing.cost_flex"): [fmt_unit(v, "EUR", unit_first=True) for v in monthly["cost_flex_eur"]],
        tr("staffing.cost_total"): [fmt_unit(v, "EUR", unit_first=True) for v in monthly["cost_total_eur"]],
    }), hide_index=True, width="stretch", key="staffing.budget_monthly")
    weekly = bridge.weekly
    st.markdown("**" + tr("staffing.budget_weekly") + "**")
    st.dataframe(pd.DataFrame({
        tr("staffing.col_week"): [fmt_day(w) for w in pd.to_datetime(weekly["week"])],
        tr("common.channel"): [channel_label(c, tr) for c in weekly["channel"]],
        tr("staffing.col_days"): weekly["days"].astype(int),
        tr("staffing.col_required_fte"): ftes(tr, weekly["required_fte"]),
        tr("staffing.col_required_p90_fte"): ftes(tr, weekly["required_p90_fte"]),
        tr("staffing.col_rostered_fte"): ftes(tr, weekly["rostered_fte"]),
        tr("staffing.col_fte_gap"): ftes(tr, weekly["fte_gap"]),
    }), hide_index=True, width="stretch", key="staffing.budget_weekly")
    cols = st.columns(2)
    # callables: the files are built only when someone downloads them
    cols[0].download_button(tr("staffing.download_csv"),
                            bridge.to_csv,
                            file_name="budget_bridge.csv", mime="text/csv",
                            key="staffing.download_csv", on_click="ignore")
    cols[1].download_button(tr("staffing.download_xlsx"), bridge.to_xlsx,
                            file_name="budget_bridge.xlsx",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            key="staffing.download_xlsx", on_click="ignore")


def channel_order(channels: Iterable[str]) -> list[str]:
    """Channel ids in display order."""
    return plan.channel_order(channels)


def apply_query_params(channels: Sequence[str]) -> None:
    """A link from the Overview (``?channel=phone&day=2026-11-16``) opens that channel and day,
    once per link."""
    params = st.query_params
    wanted = (params.get("channel"), params.get("day"))
    if wanted == (None, None) or st.session_state.get("staffing.query_applied") == wanted:
        return
    st.session_state["staffing.query_applied"] = wanted
    if wanted[0] in channels and st.session_state.get("staffing.channel") != wanted[0]:
        st.session_state["staffing.channel"] = wanted[0]
        forget_target_inputs()
    if wanted[1]:
        try:
            st.session_state["staffing.day"] = pd.Timestamp(wanted[1]).date()
        except ValueError:
            pass


# --------------------------------------------------------------------------- shared with the Overview


def stale_notice(tr: Translator, horizon: plan.PlanHorizon | None) -> None:
    """A warning naming the series the plan leaves out (history ending long before the plan
    starts); nothing when every series is planned."""
    if horizon is None or not horizon.stale:
        return
    lines = [
        "- " + tr("staffing.stale_series", series=escape_markdown(series_label(s.channel, s.queue, tr)),
                  last_day=fmt_day(s.last_day), weeks=horizon.stale_weeks)
        for s in horizon.stale
    ]
    st.warning("\n".join([tr("staffing.stale_title", start=fmt_day(horizon.start)), "", *lines]))


