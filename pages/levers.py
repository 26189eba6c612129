"""Strategy levers: move a lever, see what it does to reachability, service, staff and money."""

from __future__ import annotations

import streamlit as st

from kcc.i18n import TranslatedError
from kcc.scenarios import Effect, attribution
from kcc.ui import long_range, plan_cache
from kcc.ui import scenario_cache as cache
from kcc.ui.state import init_page
from kcc.ui.views.levers import TAB_KEY, TABS, LeversView
from kcc.ui.widgets import error_text, lazy_tabs

con, tr = init_page("levers")
st.title(tr("levers.title"))
if long_range.interval_notice(con, tr, "levers", plan_cache.series(con)):
    st.stop()
base = cache.baseline(con, tr)
if base is None:
    st.info(tr("common.no_data"))
    st.stop()

link_error = cache.restore_from_link()  # a reload or a shared link brings its scenario back
if link_error is not None:
    st.error(tr("scenarios.link_error", error=error_text(link_error)))
spec = cache.working_spec()
plan_settings = cache.settings(con)

names = (cache.working_name() or tr("levers.working"), tr("scenarios.baseline"))
try:
    with st.spinner(tr("levers.computing")):
        result, reference, alone = cache.working_results(con, base, spec, *names)
except TranslatedError as exc:  # e.g. a response time longer than a shorter period's open time
    st.error(tr("levers.not_evaluated", reason=error_text(exc)))
    spec = spec.baseline()
    cache.set_working_spec(spec)
    with st.spinner(tr("levers.computing")):
        result, reference, alone = cache.working_results(con, base, spec, *names)
cache.keep_in_link(spec, cache.working_name())
split = attribution(Effect.of(result), {lever: Effect.of(r) for lever, r in alone.items()})

view = LeversView(con, tr, base, spec, plan_settings, result, reference, alone, split)
view.top()
# Only the open tab runs: each draws its lever's own effect and charts.
tabs = lazy_tabs([tr(f"levers.{name}") for name, _ in TABS], TAB_KEY, (kept for _, kept in TABS))
for tab, draw in zip(tabs, (view.opening_hours, view.channel_mix, view.targets, view.fcr, view.stress, view.costs),
                     strict=True):
    if tab.open:
        with tab:
            draw()
