"""Scenarios: save, describe, duplicate and delete; compare two to four; share one as a link."""

from __future__ import annotations

import streamlit as st

from kcc.ui import long_range, plan_cache
from kcc.ui import scenario_cache as cache
from kcc.ui.state import init_page
from kcc.ui.views import scenarios as view
from kcc.ui.widgets import fmt_day, period_picker

con, tr = init_page("scenarios")
st.title(tr("scenarios.title"))
st.caption(tr("scenarios.intro"))
if long_range.interval_notice(con, tr, "scenarios", plan_cache.series(con)):
    st.stop()
base = cache.baseline(con, tr)
if base is None:
    st.info(tr("common.no_data"))
    st.stop()
top = st.columns([3, 1])
top[0].caption(tr("levers.baseline_caption", start=fmt_day(base.start),
                  end=fmt_day(base.end), weeks=base.weeks))
with top[1]:
    period_picker(tr, cache.period_choices(), cache.period_weeks(), cache.PERIOD_STATE_KEY, "scenarios.period_weeks")

view.open_shared_link(tr)
# The comparison's "working scenario" is the one this run started with, whatever the buttons
# below load or save.
working = cache.working_spec()
view.save_section(con, tr, working)
specs = view.saved_section(con, tr)
view.compare_section(con, tr, base, working, specs)
