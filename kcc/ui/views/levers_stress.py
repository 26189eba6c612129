"""The Levers page's tabs on risk and money: the surge stress test with flexible staff, and
the costs per hour, per contact and of flex.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from kcc.charts import scenarios as charts
from kcc.scenarios import (
    SurgeTest,
    format_hhmm,
    inputs,
    scenario_settings,
)
from kcc.ui.views.levers_common import TIMES, LeversBase, apply, points
from kcc.ui.widgets import (
    TILE,
    change_metric,
    decimal_input,
    error_text,
    fmt_compact,
    fmt_number,
    fmt_pct,
    fmt_signed,
    plotly_chart,
)

#: The stress test's flexible-capacity inputs, four to a row: (``SurgeTest`` field, text and
#: widget key under ``levers.``, least, most, step).
_FLEX_INPUTS: tuple[tuple[tuple[str, str, int, int, int], ...], ...] = (
    (("duration_min", "surge_duration", 15, 1440, 15), ("home_agents", "home_agents", 0, 1000, 1),
     ("home_block_min", "home_block", 30, 480, 15), ("home_delay_min", "home_delay", 0, 1440, 15)),
    (("outsource_agents", "outsource_agents", 0, 1000, 1), ("outsource_delay_min", "outsource_delay", 0, 1440, 15),
     ("overtime_agents", "overtime_agents", 0, 1000, 1), ("overtime_min", "overtime_min", 0, 480, 15)),
)


class StressTabs(LeversBase):
    """The Stress test and Costs tabs."""

    # ----------------------------------------------------------------------- stress test

    def stress(self) -> None:
        """A surge on one channel, with and without flexible staff."""
        tr, spec = self.tr, self.spec
        st.caption(tr("levers.stress_intro"))
        surge = spec.surge or SurgeTest()
        live = self.staffed
        weekdays = self.weekdays
        with st.form("levers.stress_form"):
            cols = st.columns(4)
            s_channel = cols[0].selectbox(tr("levers.surge_channel"), live, format_func=self.channel_name,
                                          index=live.index(surge.channel) if surge.channel in live else 0,
                                          key="levers.surge_channel")
            uplift = cols[1].slider(tr("levers.surge_uplift"), 0, 300, round(100 * surge.uplift), 5,
                                    format="+%d %%", key="levers.surge_uplift")
            s_day = cols[2].selectbox(tr("levers.surge_weekday"), range(7), index=surge.weekday,
                                      format_func=weekdays.__getitem__, key="levers.surge_weekday")
            s_start = cols[3].select_slider(tr("levers.surge_start"), options=TIMES[:-1], value=surge.start_min,
                                            format_func=format_hhmm, key="levers.surge_start")
            flex = {field: column.number_input(tr(f"levers.{key}"), low, high, getattr(surge, field), step,
                                               key=f"levers.{key}")
                    for row in _FLEX_INPUTS
                    for column, (field, key, low, high, step) in zip(st.columns(4), row, strict=True)}
            run = st.form_submit_button(tr("levers.surge_run"))
        if run:
            try:
                new = SurgeTest(s_channel, uplift / 100, int(s_day), int(s_start),
                                **{field: int(value) for field, value in flex.items()})
                apply(dataclasses.replace(spec, surge=new))
            except ValueError as exc:
                st.error(error_text(exc))
        if spec.surge is not None and st.button(tr("levers.surge_remove"), key="levers.surge_remove"):
            apply(dataclasses.replace(spec, surge=None))
        self._surge_outcome()

    def _surge_outcome(self) -> None:
        tr = self.tr
        outcome = self.result.surge
        if outcome is None:
            st.info(tr("levers.surge_none"))
            return

        def minutes(value: float) -> str:
            if not math.isfinite(value):
                return tr("levers.not_recovered")
            return f"{fmt_number(value)} {tr('common.unit_min')}"

        cols: Sequence[DeltaGenerator] = st.columns(4)
        cols[0].metric(tr("levers.m_recovery_without"), minutes(outcome.recovery_min_without))
        cols[1].metric(tr("levers.m_recovery_with"), minutes(outcome.recovery_min_with))
        change_metric(cols[2], tr("levers.m_peak_backlog"), self._contacts(outcome.peak_backlog_with),
                      fmt_signed(outcome.peak_backlog_with - outcome.peak_backlog_without), lower_is_better=True)
        change_metric(cols[3], tr("levers.m_surge_sl"), fmt_pct(outcome.service_level_with),
                      points(outcome.service_level_with - outcome.service_level_without))
        cols = st.columns(3)
        change_metric(cols[0], tr("levers.m_abandoned"), self._contacts(outcome.abandoned_with),
                      fmt_signed(outcome.abandoned_with - outcome.abandoned_without), lower_is_better=True)
        cols[1].metric(tr("levers.m_flex_hours"), f"{fmt_number(outcome.flex_agent_hours, 1)} {tr('common.unit_h')}")
        cols[2].metric(tr("levers.m_flex_cost"), f"{fmt_number(outcome.flex_cost_eur)} {tr('common.unit_eur')}")
        plotly_chart(charts.surge_chart(outcome.intervals, self.labels, tr("levers.chart_surge")),
                     key="levers.chart_surge")

    # ----------------------------------------------------------------------- costs

    def costs(self) -> None:
        """Cost per hour and per contact per channel, and the flex premium."""
        tr, spec, names = self.tr, self.spec, self.channel_names
        st.caption(tr("levers.costs_intro"))
        scn_settings = scenario_settings(self.plan_settings, spec)
        with st.form("levers.costs_form"):
            rates: dict[str, tuple[float | None, float]] = {}
            for channel in (*self.staffed, "self_service"):
                cols: Sequence[DeltaGenerator] = st.columns([2, 3, 3])
                cols[0].markdown(f"**{names[channel]}**")
                override = spec.cost_for(channel)
                rate = None
                if channel != "self_service":
                    rate = decimal_input(cols[1], tr("levers.cost_hour"), 0.0, 1000.0,
                                                float(scn_settings.cost_for(channel)), 0.5,
                                                key=f"levers.cost_hour_{channel}")
                per = decimal_input(cols[2], tr("levers.cost_contact"), 0.0, 1000.0,
                                           float(override.cost_eur_per_contact if override else 0.0), 0.05,
                                           key=f"levers.cost_contact_{channel}")
                rates[channel] = (rate, per)
            premium = st.slider(tr("levers.flex_premium"), 0, 300, round(100 * scn_settings.flex_premium), 5,
                                format="%d %%", key="levers.flex_premium")
            set_costs = st.form_submit_button(tr("levers.apply"))
        if set_costs:
            try:
                overrides = inputs.cost_overrides(self.plan_settings, rates)
                flex = inputs.flex_premium_override(self.plan_settings, premium / 100)
                apply(dataclasses.replace(spec, costs=overrides, flex_premium=flex))
            except ValueError as exc:
                st.error(error_text(exc))
        own, alone = self._own_effect("costs"), self._alone("costs")
        cols = st.columns(3)
        change_metric(cols[0], tr("common.kpi_cost_required_month"), fmt_compact(alone.cost_eur_per_month),
                      fmt_compact(own.delta_cost_eur_per_month, signed=True), lower_is_better=True, **TILE)
        change_metric(cols[1], tr("levers.m_cost_contact"), fmt_number(alone.cost_eur_per_contact, 2),
                      fmt_signed(alone.cost_eur_per_contact - self.reference.cost_eur_per_contact, 2),
                      lower_is_better=True, **TILE)
        cols[2].metric(tr("levers.m_handled"), fmt_compact(alone.handled_per_week), **TILE)
        self._whole_and_interaction("costs")
        plotly_chart(charts.channel_delta_chart(alone.by_channel, names, self.labels, tr("levers.chart_channels")),
                     key="levers.chart_costs")
