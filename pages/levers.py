"""Strategy levers: move a lever, see what it does to reachability, service, staff and money."""

from __future__ import annotations

import streamlit as st

from kcc.ui import scenario_cache as cache
from kcc.ui.state import init_page
from kcc.ui.views.levers import LeversView

con, tr = init_page("levers")
st.title(tr("levers.title"))
base = cache.baseline(con, tr)
if base is None:
    st.info(tr("common.no_data"))
    st.stop()

spec = cache.working_spec()
plan_settings = cache.settings(con)
with st.spinner(tr("levers.computing")):
    result = cache.evaluate(con, base, spec, cache.working_name() or tr("levers.working"))
    reference = cache.evaluate(con, base, spec.baseline(), tr("scenarios.baseline"))

view = LeversView(con, tr, base, spec, plan_settings, result, reference)
view.top()
tabs = st.tabs([tr("levers.tab_hours"), tr("levers.tab_mix"), tr("levers.tab_targets"), tr("levers.tab_fcr"),
                tr("levers.tab_stress"), tr("levers.tab_costs")])
with tabs[0]:
    view.opening_hours()
with tabs[1]:
    view.channel_mix()
with tabs[2]:
    view.targets()
with tabs[3]:
    view.fcr()
with tabs[4]:
    view.stress()
with tabs[5]:
    view.costs()
