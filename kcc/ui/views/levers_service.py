"""The Levers page's tabs on the service promised: a channel's KPI targets with the
service-level frontier, and first-contact resolution.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from kcc import store
from kcc.access import Action
from kcc.charts import scenarios as charts
from kcc.formatting import format_columns
from kcc.plan import DEFERRED_CHANNELS
from kcc.scenarios import (
    MAX_REPEAT_WINDOW_DAYS,
    RepeatSettings,
    TargetOverride,
    inputs,
    scenario_settings,
    unidentified_values,
)
from kcc.ui import access
from kcc.ui import scenario_cache as cache
from kcc.ui.views.levers_common import LeversBase, apply, points, with_unit
from kcc.ui.widgets import (
    TILE,
    change_metric,
    decimal_input,
    error_text,
    fmt_compact,
    fmt_pct,
    fmt_signed,
    plotly_chart,
)


class ServiceTabs(LeversBase):
    """The Targets and First-contact resolution tabs."""

    # ----------------------------------------------------------------------- targets

    def targets(self) -> None:
        """A channel's KPI targets and the service-level frontier."""
        tr, spec = self.tr, self.spec
        channel = st.selectbox(tr("levers.target_channel"), self.staffed, format_func=self.channel_name,
                               key="levers.target_channel")
        now = scenario_settings(self.plan_settings, spec).targets_for(channel)
        deferred = channel in DEFERRED_CHANNELS
        with st.form("levers.targets_form"):
            cols = st.columns(3)
            if deferred:
                level = cols[0].slider(tr("levers.response_share"), 50, 99, round(100 * now.target_service_level), 1,
                                       format="%d %%", key=f"levers.response_share_{channel}")
                response_h = decimal_input(cols[1],
                    tr("levers.response_time_h"), 0.25, 720.0,
                    float(now.response_time_h or inputs.DEFAULT_RESPONSE_TIME_H), 0.25,
                    key=f"levers.response_h_{channel}")
            else:
                level = cols[0].slider(tr("levers.target_sl"), 50, 99, round(100 * now.target_service_level), 1,
                                       format="%d %%", key=f"levers.target_sl_{channel}")
                answer = cols[1].number_input(tr("levers.answer_time_s"), 1, 3600, int(now.answer_time_s), 5,
                                              key=f"levers.answer_s_{channel}")
                asa = cols[2].number_input(tr("levers.target_asa_s"), 0, 3600, int(now.target_asa_s or 0), 5,
                                           key=f"levers.asa_s_{channel}")
                cols = st.columns(3)
                abandon = cols[0].slider(tr("levers.max_abandon"), 0, 50, round(100 * (now.max_abandon or 0)), 1,
                                         format="%d %%", key=f"levers.abandon_{channel}")
                occupancy = cols[1].slider(tr("levers.max_occupancy"), 50, 100,
                                           round(100 * (now.max_occupancy or 1.0)), 1,
                                           format="%d %%", key=f"levers.occupancy_{channel}")
            set_targets = st.form_submit_button(tr("levers.apply"))
        if set_targets:
            try:
                if deferred:
                    override = TargetOverride(channel, response_share=level / 100, response_time_h=float(response_h))
                else:
                    override = TargetOverride(channel, target_service_level=level / 100, answer_time_s=float(answer),
                                              target_asa_s=float(asa) if asa else None,
                                              max_abandon=abandon / 100 if abandon else None,
                                              max_occupancy=occupancy / 100)
                wanted = spec.with_target(override)
                # a response time longer than the period's open time is refused here, naming the field
                cache.evaluate(self.con, self.base, wanted, tr("levers.working"))
                apply(wanted)
            except ValueError as exc:
                st.error(error_text(exc))
        self._targets_numbers()
        st.caption(tr("levers.frontier_intro"))
        self._frontier(channel, now.target_service_level)

    def _targets_numbers(self) -> None:
        """The targets' own effect: staff and cost for the new targets alone, and the service
        they buy when staffed as required."""
        tr, ref = self.tr, self.reference
        own, alone = self._own_effect("targets"), self._alone("targets")
        cols = st.columns(3)
        cols[0].metric(tr("levers.m_delta_fte"), fmt_signed(own.delta_fte, 1), **TILE)
        cols[1].metric(tr("levers.m_delta_cost"), fmt_compact(own.delta_cost_eur_per_month, signed=True),
                       **TILE)
        change_metric(cols[2], tr("common.kpi_sl_required"), fmt_pct(alone.service_level),
                      points(alone.service_level - ref.service_level), help=tr("common.kpi_sl_help"), **TILE)
        self._whole_and_interaction("targets")

    def _frontier(self, channel: str, target_service_level: float) -> None:
        tr = self.tr
        frontier = cache.frontier(self.con, self.base, self.spec, channel)
        if not len(frontier):
            return
        plotly_chart(charts.frontier_chart(frontier, self.labels, tr("levers.chart_frontier"), target_service_level),
                     key="levers.chart_frontier")
        eur_unit = tr("common.unit_eur")
        shown = format_columns(frontier, {
            "target_service_level": lambda v: fmt_pct(v, 0), "fte": with_unit(1, tr("common.unit_fte")),
            "cost_eur_per_month": with_unit(0, eur_unit), "marginal_cost_eur_per_point": with_unit(0, eur_unit),
        })
        st.dataframe(shown, hide_index=True, key="levers.frontier_table", column_config={
            "target_service_level": tr("levers.ax_target_sl"), "fte": tr("levers.ax_fte"),
            "cost_eur_per_month": tr("levers.ax_cost"), "marginal_cost_eur_per_point": tr("levers.ax_marginal"),
        })

    # ----------------------------------------------------------------------- first-contact resolution

    def fcr(self) -> None:
        """First-contact resolution today and as a goal, per staffed channel."""
        tr, spec, names = self.tr, self.spec, self.channel_names
        st.caption(tr("levers.fcr_intro"))
        measured = cache.repeat_rates(self.con, self._fcr_measure())
        with st.form("levers.fcr_form"):
            values = {}
            for channel in self.staffed:
                lever = spec.fcr_for(channel)
                measure = measured.get(channel)
                today = inputs.fcr_today(lever, measure.repeat_rate if measure else None)
                goal = lever.fcr if lever else today
                longer = lever.aht_change if lever else 0.0
                cols: Sequence[DeltaGenerator] = st.columns([2, 3, 3, 3])
                cols[0].markdown(f"**{names[channel]}**")
                source_key = "levers.fcr_measured" if channel in measured else "levers.fcr_input"
                base_pct = cols[1].slider(tr("levers.fcr_today") + f" ({tr(source_key)})", 5, 100, round(100 * today),
                                          1, format="%d %%", key=f"levers.fcr_base_{channel}")
                goal_pct = cols[2].slider(tr("levers.fcr_goal"), 5, 100, round(100 * goal), 1, format="%d %%",
                                          key=f"levers.fcr_goal_{channel}")
                aht_pct = cols[3].slider(tr("levers.fcr_aht"), -50, 100, round(100 * longer), 1, format="%d %%",
                                         key=f"levers.fcr_aht_{channel}", help=tr("levers.fcr_aht_help"))
                values[channel] = (base_pct, goal_pct, aht_pct)
                if measure is not None:
                    cols[1].caption(tr("levers.fcr_basis", fcr=fmt_pct(measure.fcr, 0), contacts=measure.contacts,
                                       days=measure.window_days, left_out=measure.unidentified))
            set_fcr = st.form_submit_button(tr("levers.apply"))
        if set_fcr:
            try:
                apply(dataclasses.replace(spec, fcr=inputs.fcr_levers(values)))
            except ValueError as exc:
                st.error(error_text(exc))
        own, alone = self._own_effect("fcr"), self._alone("fcr")
        cols = st.columns(3)
        change_metric(cols[0], tr("common.kpi_contacts_week"), fmt_compact(alone.contacts_per_week),
                      fmt_compact(alone.contacts_per_week - self.reference.contacts_per_week, signed=True),
                      lower_is_better=True, **TILE)
        cols[1].metric(tr("levers.m_delta_fte"), fmt_signed(own.delta_fte, 1), **TILE)
        cols[2].metric(tr("levers.m_delta_cost"), fmt_compact(own.delta_cost_eur_per_month, signed=True),
                       **TILE)
        self._whole_and_interaction("fcr")
        plotly_chart(charts.channel_delta_chart(alone.by_channel, names, self.labels, tr("levers.chart_channels")),
                     key="levers.chart_fcr")

    def _fcr_measure(self) -> RepeatSettings:
        """How the centre measures FCR from customer ids, kept for the centre when changed."""
        tr, kept = self.tr, cache.repeat_settings(self.con)
        centre = store.centre_of(self.con)  # keys per centre: switching centre shows that centre's measure
        with st.form("levers.fcr_measure_form"):
            cols = st.columns([3, 1])
            unknown = cols[0].text_input(tr("levers.fcr_unidentified"), ", ".join(kept.unidentified),
                                         help=tr("levers.fcr_unidentified_help"),
                                         key=f"levers.fcr_unidentified.{centre}")
            window = cols[1].number_input(tr("levers.fcr_window_days"), 1, MAX_REPEAT_WINDOW_DAYS, kept.window_days,
                                          1, help=tr("levers.fcr_window_help"), key=f"levers.fcr_window_days.{centre}")
            keep = st.form_submit_button(tr("levers.fcr_keep"), disabled=not access.can(Action.EDIT_PLAN),
                                         help=access.reason(Action.EDIT_PLAN))
        if keep:
            try:
                wanted = RepeatSettings(unidentified_values(unknown), int(window))
            except ValueError as exc:
                st.error(error_text(exc))
            else:
                if wanted != kept:
                    cache.keep_repeat_settings(self.con, wanted)
                    kept = wanted
                st.success(tr("levers.fcr_kept"))
        return kept
