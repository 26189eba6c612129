"""Staffing: forecast versus roster per interval — requirement, gaps, risk and budget."""

from __future__ import annotations

import streamlit as st

from kcc import config, plan
from kcc.charts import staffing as charts
from kcc.i18n import TranslatedError
from kcc.ui import centres, long_range, plan_cache
from kcc.ui.state import current_user, init_page
from kcc.ui.views import risk as risk_view
from kcc.ui.views import shift_cover as shift_cover_view
from kcc.ui.views import simulation as simulation_view
from kcc.ui.views import staffing as view
from kcc.ui.views import staffing_interval as interval_view
from kcc.ui.views import staffing_settings
from kcc.ui.widgets import channel_label, error_text, lazy_tabs, plotly_chart

con, tr = init_page("staffing")
ss = st.session_state

st.title(tr("staffing.title"))
st.caption(tr("staffing.caption"))

series = plan_cache.series(con)
if series.empty:
    st.info(tr("common.no_data"))
    st.stop()
if long_range.interval_notice(con, tr, "staffing", series):
    st.stop()

settings = plan_cache.current_settings(con)
channels = view.channel_order(c for c in series["channel"] if c not in plan.UNSTAFFED_CHANNELS)
view.apply_query_params(channels)

# --------------------------------------------------------------------------- controls
view.sync_widget("staffing.horizon_weeks", plan_cache.HORIZON_STATE_KEY)
view.sync_widget("staffing.roster_source", plan_cache.ROSTER_SOURCE_STATE_KEY)
view.default_state("staffing.horizon_weeks", plan_cache.horizon_weeks())
view.default_state("staffing.roster_source", plan_cache.roster_source())
top = st.columns([2, 2, 3])
channel = top[0].selectbox(
    tr("common.channel"), channels, key="staffing.channel",
    format_func=lambda c: channel_label(c, tr), on_change=staffing_settings.forget_target_inputs,
)
choices = list(plan_cache.HORIZON_CHOICES_WEEKS)
if ss["staffing.horizon_weeks"] not in choices:
    ss["staffing.horizon_weeks"] = plan_cache.DEFAULT_HORIZON_WEEKS
top[1].selectbox(
    tr("staffing.horizon"), choices, key="staffing.horizon_weeks",
    format_func=lambda w: tr("staffing.weeks", n=w),
    on_change=view.copy_state, args=("staffing.horizon_weeks", plan_cache.HORIZON_STATE_KEY),
)
sources = list(plan_cache.ROSTER_SOURCES)
top[2].radio(
    tr("staffing.roster_source"), sources, key="staffing.roster_source", horizontal=True,
    format_func=lambda s: tr(f"staffing.source_{s}"),
    on_change=view.copy_state, args=("staffing.roster_source", plan_cache.ROSTER_SOURCE_STATE_KEY),
)
centres.plan_start_picker(con, tr, plan_cache.horizon(con))

head = st.container()
# Only the open tab runs: the day risk's carried queue and the simulation cost seconds.
kept = {"tab_chart": view.PERIOD_KEYS, "tab_heatmap": interval_view.INTERVAL_KEYS,
        "tab_simulation": simulation_view.KEPT_KEYS, "tab_cover": shift_cover_view.KEPT_KEYS}
tabs = dict(zip(view.TAB_NAMES, lazy_tabs([tr(f"staffing.{name}") for name in view.TAB_NAMES], view.TAB_KEY,
                                          [kept.get(name, ()) for name in view.TAB_NAMES]), strict=True))

# Settings first (their forms change what is computed below), shown in their own tabs.
if tabs["tab_targets"].open:
    with tabs["tab_targets"]:
        settings = staffing_settings.targets_form(con, tr, settings, channel)
if tabs["tab_budget"].open:
    with tabs["tab_budget"]:
        settings = staffing_settings.budget_form(tr, settings, channels)
if tabs["tab_roster"].open:
    with tabs["tab_roster"]:
        view.roster_inputs(con, tr, current_user(tr))

try:
    the_plan = plan_cache.get_plan(con, tr, settings)
except TranslatedError as exc:  # a target the chosen period cannot hold, e.g. after a shorter horizon
    head.error(tr("staffing.not_planned", reason=error_text(exc)))
    st.stop()
rows = the_plan[the_plan["channel"] == channel]
with head:
    view.stale_notice(tr, plan_cache.horizon(con))
    centres.ended_early_notice(tr, plan_cache.horizon(con))
    centres.no_roster_notice(con, tr)
    view.headline(tr, rows, settings, channel)
    if rows["approximate"].any():  # an absurd volume: the queueing maths left its exact range
        st.warning(tr("staffing.approximate", n=int(rows["approximate"].sum()),
                      limit=config.MAX_EXACT_AGENTS))

# --------------------------------------------------------------------------- day / week chart
if tabs["tab_chart"].open:
    with tabs["tab_chart"]:
        shown = view.period_picker(tr, rows)
        plotly_chart(
            charts.staffing_chart(shown, view.chart_labels(tr),
                                  title=tr("staffing.chart_title", channel=channel_label(channel, tr))),
            key="staffing.chart", width="stretch",
        )
        st.caption(tr("staffing.chart_note"))

# --------------------------------------------------------------------------- heat map + detail
if tabs["tab_heatmap"].open:
    with tabs["tab_heatmap"]:
        table = plan.gap_heatmap(the_plan, channel)
        weekdays = [tr(f"common.weekday_{d}") for d in range(7)]
        event = plotly_chart(
            charts.gap_heatmap_chart(table, weekdays, {"colorbar": tr("staffing.gap_axis")},
                                     title=tr("staffing.heatmap_title")),
            key="staffing.heatmap", on_select="rerun", selection_mode="points", width="stretch",
        )
        st.caption(tr("staffing.heatmap_note"))
        ds = interval_view.interval_picker(tr, rows, table, event)
        if ds is not None:
            interval_view.interval_detail(tr, the_plan, settings, channel, ds)

# --------------------------------------------------------------------------- KPIs, simulation, cover
if tabs["tab_kpis"].open:
    with tabs["tab_kpis"]:
        view.kpi_section(tr, the_plan, settings, channel)
        risk_view.day_risk(con, tr, the_plan, settings, channel)
if tabs["tab_simulation"].open:
    with tabs["tab_simulation"]:
        simulation_view.section(con, tr, the_plan, settings, channel)
if tabs["tab_cover"].open:
    with tabs["tab_cover"]:
        shift_cover_view.section(con, tr, the_plan, settings, channel)

# --------------------------------------------------------------------------- budget bridge
if tabs["tab_budget"].open:
    with tabs["tab_budget"]:
        view.budget_section(tr, plan.budget_bridge(the_plan, settings))
