"""Strategy: the choices a board summary words beside the numbers (role, channel purposes,
promises, approved budget, people risk, calamity plans, timeline, the decision) and the
centre's logo."""

from __future__ import annotations

import streamlit as st

from kcc.ui import scenario_cache as cache
from kcc.ui.state import init_page
from kcc.ui.views import strategy as view

con, tr = init_page("strategy")
st.title(tr("strategy.title"))
st.caption(tr("strategy.intro"))

cache.restore_from_link()
working = cache.working_spec()
cache.keep_in_link(working, cache.working_name())
st.caption(tr("strategy.source_scenario" if working.strategy is not None else "strategy.source_default"))
view.choices_form(con, tr, view.choices_for(con, working))
view.logo_section(con, tr)
