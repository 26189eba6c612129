"""Capacity plan: monthly contacts to FTE and heads for the next months, the hiring plan, the
FTE bridge and saved scenarios compared on them."""

from __future__ import annotations

import streamlit as st

from kcc.ui.state import init_page
from kcc.ui.views import capacity as view
from kcc.ui.views import capacity_tabs as tabs

con, tr = init_page("capacity")
st.title(tr("capacity.title"))
st.caption(tr("capacity.intro"))

baseline = view.baseline_result(con, tr)
roster_fte = view.rostered_fte_at_start(con, baseline)
settings = view.with_cover(con, view.settings_form(con, tr, roster_fte), tr)
view.start_heads_notice(con, tr, settings, roster_fte)
specs = view.saved_specs(con)
top = st.columns([2, 3])
scenario = top[0].selectbox(tr("capacity.scenario"), [view.BASELINE, *specs], key="capacity.scenario",
                            format_func=lambda n: tr("capacity.scenario_none") if n == view.BASELINE else n)
with top[1]:
    driver = view.driver_upload(tr)
# a centre without interval history has no baseline plan for a scenario to scale
scale = view.scenario_scale(con, tr, scenario, specs) if scenario != view.BASELINE and baseline else {}
context = view.make_plan(con, tr, settings, driver, scale, "" if scenario == view.BASELINE else scenario, baseline)
if context is None:
    st.stop()
tabs.headline(tr, context)
view.explain(tr, context)
plan_tab, hiring_tab, bridge_tab, compare_tab = st.tabs(
    [tr("capacity.tab_plan"), tr("capacity.tab_hiring"), tr("capacity.tab_bridge"), tr("capacity.tab_scenarios")])
with plan_tab:
    tabs.plan_tab(tr, context)
with hiring_tab:
    tabs.hiring_tab(tr, context)
with bridge_tab:
    tabs.bridge_tab(tr, context)
with compare_tab:
    tabs.compare_tab(con, tr, context, specs)
