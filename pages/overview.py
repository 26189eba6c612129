"""Overview (home): what is loaded, the coming week and month, the worst gaps, data freshness."""

from __future__ import annotations

import streamlit as st

from kcc import plan, store
from kcc.charts import staffing as charts
from kcc.ui import centres, long_range, plan_cache
from kcc.ui.state import init_page
from kcc.ui.views import overview as view
from kcc.ui.views import risk as risk_view
from kcc.ui.views.staffing import stale_notice
from kcc.ui.widgets import channel_label, plotly_chart

con, tr = init_page("overview")
st.title(tr("common.app_title"))
st.caption(tr("common.tagline"))

summary = plan_cache.series(con)
if summary.empty:
    st.info(tr("common.no_data"))
    st.stop()
if long_range.interval_notice(con, tr, "overview", summary):
    st.stop()

# --------------------------------------------------------------------------- what is loaded
st.subheader(tr("overview.loaded_title"))
view.loaded_summary(tr, summary)
daily = plan_cache.daily(con)
weekly = charts.weekly_totals(daily)  # a week smooths the weekend dips a board would squint at
per_week = len(weekly) < len(daily)
plotly_chart(
    charts.volume_chart(weekly, {c: channel_label(c, tr) for c in weekly["channel"].unique()},
                        title=tr("overview.volume_chart_title_week" if per_week else "overview.volume_chart_title"),
                        axis=tr("overview.axis_contacts_per_week" if per_week else "overview.axis_contacts_per_day")),
    key="overview.volume_chart", width="stretch",
)

# --------------------------------------------------------------------------- coming week, month
settings = plan_cache.current_settings(con)
the_plan = plan_cache.get_plan(con, tr, settings)
stale_notice(tr, plan_cache.horizon(con))
centres.ended_early_notice(tr, plan_cache.horizon(con))
centres.no_roster_notice(con, tr)
tiles = plan.overview_tiles(the_plan, settings)
for period in plan.TILE_PERIODS:
    view.tiles_row(tr, tiles[tiles["period"] == period], period)
risk_view.week_risk(con, tr, the_plan, settings)

# --------------------------------------------------------------------------- worst gaps
st.subheader(tr("overview.gaps_title"))
view.worst_gaps_list(tr, plan.worst_gaps(the_plan, n=3))

# --------------------------------------------------------------------------- findings
st.subheader(tr("report.sec_findings"))
view.findings_list(tr, the_plan, settings, plan_cache.plan_key(con))

# --------------------------------------------------------------------------- freshness
st.subheader(tr("overview.freshness_title"))
view.freshness(tr, plan_cache.last_import(con), summary, store.timezone_of(con))
