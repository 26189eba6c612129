"""Sections of the Levers page: the headline tiles, saving, and one tab per lever.

Every number shown comes from a :class:`kcc.scenarios.ScenarioResult` or from
``kcc.scenarios.inputs``; the sections only read widgets, build spec parts and render. The
tabs live one group to a module (``levers_access``, ``levers_service``, ``levers_stress``)
on the shared ``levers_common.LeversBase``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from kcc import store
from kcc.access import Action
from kcc.formatting import escape_markdown, format_columns
from kcc.ui import access
from kcc.ui import scenario_cache as cache
from kcc.ui.state import current_user
from kcc.ui.views.levers_access import AccessTabs
from kcc.ui.views.levers_common import points, with_unit
from kcc.ui.views.levers_service import ServiceTabs
from kcc.ui.views.levers_stress import StressTabs
from kcc.ui.widgets import (
    TILE,
    change_metric,
    error_text,
    fmt_compact,
    fmt_day,
    fmt_number,
    fmt_pct,
    fmt_signed,
    period_picker,
)

#: Widget key of the page's open tab (``kcc.ui.widgets.lazy_tabs``; a test opens a tab by setting it).
TAB_KEY: Final[str] = "levers.tab"
#: The tabs in the page's order, each with the choosers that stay while another tab is open
#: (``kcc.ui.widgets.lazy_tabs``). The lever forms are drawn from the working scenario.
TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tab_hours", ("levers.hours_channel", "levers.peak_weekday")),
    ("tab_mix", ()),
    ("tab_targets", ("levers.target_channel",)),
    ("tab_fcr", ()),
    ("tab_stress", ()),
    ("tab_costs", ()),
)


class LeversView(AccessTabs, ServiceTabs, StressTabs):
    """The Levers page's sections: the headline and saving on top (below), one method per tab
    from the tab groups; what they read is ``LeversBase``'s fields."""

    # ----------------------------------------------------------------------- top

    def headline(self) -> None:
        """The scenario's numbers with the same labels and definitions as Overview and Staffing;
        the small print is the difference with the baseline."""
        tr, res, ref = self.tr, self.result, self.reference
        cols: Sequence[DeltaGenerator] = st.columns(4)
        change_metric(cols[0], tr("common.kpi_required_fte"), fmt_number(res.fte, 1), fmt_signed(res.fte - ref.fte, 1),
                      lower_is_better=True, **TILE)
        cols[1].metric(tr("common.kpi_rostered_fte"), fmt_number(res.fte_rostered, 1), **TILE)
        change_metric(cols[2], tr("common.kpi_cost_required_month"), fmt_compact(res.cost_eur_per_month),
                      fmt_compact(res.cost_eur_per_month - ref.cost_eur_per_month, signed=True),
                      lower_is_better=True, **TILE)
        change_metric(cols[3], tr("common.kpi_reachability"), fmt_pct(res.reachability),
                      points(res.reachability - ref.reachability), **TILE)
        cols = st.columns([0.9, 1, 1, 1.1])
        help_sl = tr("common.kpi_sl_help")
        change_metric(cols[0], tr("common.kpi_sl_roster"), fmt_pct(res.service_level_roster),
                      points(res.service_level_roster - ref.service_level_roster), help=help_sl, **TILE)
        change_metric(cols[1], tr("common.kpi_sl_required"), fmt_pct(res.service_level),
                      points(res.service_level - ref.service_level), help=help_sl, **TILE)
        change_metric(cols[2], tr("common.kpi_abandon_roster"), fmt_pct(res.p_abandon_roster),
                      points(res.p_abandon_roster - ref.p_abandon_roster), lower_is_better=True, **TILE)
        change_metric(cols[3], tr("common.kpi_abandon_required"), fmt_pct(res.p_abandon),
                      points(res.p_abandon - ref.p_abandon), lower_is_better=True, **TILE)

    def attribution_table(self) -> None:
        """Each lever's own effect (only that lever against the baseline), what they do together
        beyond that, and the whole scenario: the rows add up to the total."""
        tr, split = self.tr, self.split
        if not split.levers:
            return
        fte = tr("common.unit_fte")
        rows = [(tr(f"levers.lever_{lever}"), effect) for lever, effect in split.own]
        rows += [(tr("levers.interaction"), split.interaction), (tr("levers.whole_scenario"), split.total)]
        table = pd.DataFrame({
            "lever": [name for name, _ in rows],
            "delta_fte": [e.delta_fte for _, e in rows],
            "delta_cost": [e.delta_cost_eur_per_month for _, e in rows],
            "caught": [e.caught_per_week for _, e in rows],
        })
        table = format_columns(table, {"delta_fte": with_unit(1, fte, sign=True),
                                       "delta_cost": with_unit(0, tr("levers.unit_eur_month"), sign=True),
                                       "caught": with_unit(0, sign=True)})
        with st.expander(tr("levers.attribution_title"), expanded=len(split.levers) > 1):
            st.caption(tr("levers.attribution_intro"))
            st.dataframe(table, hide_index=True, key="levers.attribution_table", column_config={
                "lever": tr("levers.c_lever"), "delta_fte": tr("levers.m_delta_fte"),
                "delta_cost": tr("levers.m_delta_cost"), "caught": tr("levers.m_caught"),
            })

    def top(self) -> None:
        """The baseline's period and picker, the headline, the working scenario and saving it."""
        tr, base, spec = self.tr, self.base, self.spec
        top = st.columns([3, 1])
        top[0].caption(tr("levers.baseline_caption", start=fmt_day(base.start),
                          end=fmt_day(base.end), weeks=base.weeks))
        with top[1]:
            period_picker(tr, cache.period_choices(), cache.period_weeks(), cache.PERIOD_STATE_KEY,
                          "levers.period_weeks")
        self.headline()
        self.attribution_table()

        top = st.columns([3, 1])
        top[0].caption(tr("levers.working_caption",
                          name=escape_markdown(cache.working_name()) or tr("levers.unsaved")))
        if top[1].button(tr("levers.reset"), key="levers.reset", disabled=spec == spec.baseline()):
            cache.set_working_spec(spec.baseline(), name="")
            st.rerun()

        with st.expander(tr("levers.save_title")):
            may_save = access.allowed(Action.SAVE_SCENARIO, tr)
            with st.form("levers.save_form"):
                save_name = st.text_input(tr("scenarios.name"), value=cache.working_name(), max_chars=80,
                                          key="levers.save_name")
                save_desc = st.text_area(tr("scenarios.description"), key="levers.save_description", max_chars=500)
                if st.form_submit_button(tr("levers.save"), disabled=not may_save):
                    if not save_name.strip():
                        st.error(tr("scenarios.name_required"))
                    else:
                        try:
                            cache.save(self.con, save_name.strip(), spec, save_desc, current_user(tr))
                        except store.ScenarioChangedError as exc:  # another planner saved it first
                            st.error(error_text(exc))
                            return
                        cache.set_working_spec(spec, name=save_name.strip())
                        st.success(tr("scenarios.saved", name=escape_markdown(save_name.strip())))
