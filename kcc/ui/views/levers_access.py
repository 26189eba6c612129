"""The Levers page's tabs on when and where customers reach the centre: opening hours (with
what customers do while closed) and the channel mix.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from kcc.charts import scenarios as charts
from kcc.formatting import format_columns
from kcc.scenarios import (
    ClosedHoursBehaviour,
    Effect,
    format_hhmm,
    inputs,
)
from kcc.ui.views.levers_common import TIMES, LeversBase, apply, with_unit
from kcc.ui.widgets import (
    TILE,
    error_text,
    fmt_compact,
    fmt_number,
    fmt_pct,
    fmt_signed,
    fmt_unit,
    plotly_chart,
)


class AccessTabs(LeversBase):
    """The Opening hours and Channel mix tabs."""

    # ----------------------------------------------------------------------- opening hours

    def opening_hours(self) -> None:
        """Opening hours per channel, what customers do while closed, and what it costs."""
        tr, spec = self.tr, self.spec
        st.caption(tr("levers.hours_intro"))
        base_hours = {h.channel: h for h in self.base.opening_hours}
        hour_channels = [c for c in self.channels if c in base_hours]
        if not hour_channels:
            st.info(tr("levers.no_hours"))
            return
        channel = st.selectbox(tr("levers.hours_channel"), hour_channels, format_func=self.channel_name,
                               key="levers.hours_channel")
        current = spec.hours_for(channel) or base_hours[channel]
        behaviour = spec.closed_hours
        weekdays = self.weekdays
        groups = [(tr("levers.mon_fri"), (0, 1, 2, 3, 4)), (weekdays[5], (5,)), (weekdays[6], (6,))]
        with st.form("levers.hours_form"):
            always = st.checkbox(tr("levers.always_open"), value=inputs.always_open(current),
                                 key=f"levers.always_{channel}")
            spans: list[inputs.DaySpan] = []
            for index, (label, days) in enumerate(groups):
                first = days[0]
                left, right = st.columns([1, 4])
                closed = left.checkbox(tr("levers.closed"), value=current.is_closed(first),
                                       key=f"levers.closed_{channel}_{index}")
                span = right.select_slider(label, options=TIMES, value=inputs.form_span(current, first),
                                           format_func=format_hhmm, key=f"levers.span_{channel}_{index}")
                spans.append((days, closed, span))
            st.markdown(f"**{tr('levers.behaviour_title')}**")
            cols = st.columns(4)
            callback_pct = cols[0].slider(tr("levers.callback_pct"), 0, 100, round(100 * behaviour.callback_share), 5,
                                          format="%d %%", key="levers.callback_pct")
            digital_pct = cols[1].slider(tr("levers.digital_pct"), 0, 100, round(100 * behaviour.digital_share), 5,
                                         format="%d %%", key="levers.digital_pct")
            options = [c for c in ("email", "whatsapp", "chat") if c in self.channels] or ["email"]
            digital_channel = cols[2].selectbox(
                tr("levers.digital_channel"), options, format_func=self.channel_name,
                index=options.index(behaviour.digital_channel) if behaviour.digital_channel in options else 0,
                key="levers.digital_channel")
            redial = cols[3].select_slider(tr("levers.redial_window"), options=list(range(15, 241, 15)),
                                           value=behaviour.redial_window_min, format_func=lambda m: fmt_unit(m, "min"),
                                           key="levers.redial_window")
            submitted = st.form_submit_button(tr("levers.apply"))
        if submitted:
            try:
                hours = inputs.hours_from_form(channel, current, always, spans)
                new_behaviour = ClosedHoursBehaviour(callback_pct / 100, digital_pct / 100, digital_channel, redial)
                apply(dataclasses.replace(spec.with_hours(hours), closed_hours=new_behaviour))
            except ValueError as exc:
                st.error(error_text(exc))
        st.caption(tr("levers.lost_share", pct=fmt_pct(behaviour.lost_share, 0)))
        if behaviour.digital_share > 0 and behaviour.digital_channel not in self.channels:
            st.info(tr("levers.no_digital_channel", channel=self.channel_name(behaviour.digital_channel),
                       pct=fmt_pct(behaviour.digital_share, 0)))
        self._hours_numbers()
        self._hours_charts(channel)

    def _hours_numbers(self) -> None:
        tr = self.tr
        own: Effect = self.split.own_effect("opening_hours")
        # the opening hours alone against the baseline, so other levers are not credited to them
        result = self._alone("opening_hours")
        extra_hours = own.extra_open_hours_per_week
        per_hour = own.cost_eur_per_extra_hour
        st.caption(tr("levers.own_effect", lever=tr("levers.lever_opening_hours")))
        cols = st.columns(5)
        cols[0].metric(tr("levers.m_extra_hours"), fmt_signed(extra_hours, 1), **TILE)
        cols[1].metric(tr("levers.m_caught"), fmt_signed(own.caught_per_week), **TILE)
        cols[2].metric(tr("levers.m_delta_fte"), fmt_signed(own.delta_fte, 1), **TILE)
        cols[3].metric(tr("levers.m_delta_cost"), fmt_compact(own.delta_cost_eur_per_month, signed=True),
                       **TILE)
        cols[4].metric(tr("levers.m_cost_per_hour"), fmt_number(per_hour), **TILE)
        if abs(extra_hours) > 1e-9:
            st.info(tr("levers.hours_answer", hours=fmt_signed(extra_hours, 1),
                       cost=fmt_signed(own.delta_cost_eur_per_month), fte=fmt_signed(own.delta_fte, 1),
                       caught=fmt_signed(own.caught_per_week), per_hour=fmt_number(per_hour),
                       per_contact=fmt_number(own.cost_eur_per_caught_contact, 2)))
        self._whole_and_interaction("opening_hours")
        wd = result.by_weekday
        weekdays = self.weekdays
        table = wd.assign(weekday=[weekdays[d] for d in wd["weekday"]])[
            ["weekday", "open_hours_baseline", "open_hours", "delta_fte", "delta_cost_eur_per_week",
             "caught_per_week", "cost_eur_per_extra_hour", "cost_eur_per_caught_contact"]]
        hour, fte_unit, eur_unit = tr("common.unit_h"), tr("common.unit_fte"), tr("common.unit_eur")
        table = format_columns(table, {
            "open_hours_baseline": with_unit(1, hour), "open_hours": with_unit(1, hour),
            "delta_fte": with_unit(2, fte_unit, sign=True),
            "delta_cost_eur_per_week": with_unit(0, eur_unit, sign=True),
            "caught_per_week": with_unit(0, sign=True),
            "cost_eur_per_extra_hour": with_unit(0, f"{eur_unit}/{hour}"),
            "cost_eur_per_caught_contact": with_unit(2, eur_unit),
        })
        st.dataframe(table, hide_index=True, key="levers.weekday_table", column_config={
            "weekday": tr("levers.ax_weekday"),
            "open_hours_baseline": tr("levers.c_open_base"), "open_hours": tr("levers.c_open"),
            "delta_fte": tr("levers.ax_delta_fte"), "delta_cost_eur_per_week": tr("levers.ax_delta_cost"),
            "caught_per_week": tr("levers.c_caught"), "cost_eur_per_extra_hour": tr("levers.c_cost_hour"),
            "cost_eur_per_caught_contact": tr("levers.c_cost_contact"),
        })

    def _hours_charts(self, channel: str) -> None:
        tr, result, labels, weekdays = self.tr, self.result, self.labels, self.weekdays
        left, right = st.columns(2)
        plotly_chart(charts.reachability_chart(result.by_hour, channel, labels, tr("levers.chart_reach")),
                     key="levers.chart_reach", where=left)
        short_names = [tr(f"common.weekday_short_{d}") for d in range(7)]
        plotly_chart(charts.weekday_delta_chart(result.by_weekday, short_names, labels, tr("levers.chart_weekday")),
                     key="levers.chart_weekday", where=right)
        peak_day = st.selectbox(tr("levers.peak_weekday"), range(7), format_func=weekdays.__getitem__,
                                key="levers.peak_weekday")
        plotly_chart(charts.intraday_chart(result.demand, channel, peak_day, labels, tr("levers.chart_peak")),
                     key="levers.chart_peak")
        peak = result.morning_peak[result.morning_peak["channel"] == channel]
        if len(peak):
            number = st.column_config.NumberColumn
            st.dataframe(peak.assign(weekday=[weekdays[d] for d in peak["weekday"]],
                                     open_min=[format_hhmm(m) for m in peak["open_min"]])[
                ["weekday", "open_min", "first_hour_volume_baseline", "first_hour_volume", "first_hour_callbacks",
                 "peak_required_baseline", "peak_required"]],
                hide_index=True, key="levers.peak_table", column_config={
                    "weekday": tr("levers.ax_weekday"), "open_min": tr("levers.c_opens"),
                    "first_hour_volume_baseline": number(tr("levers.c_first_base"), format="%.0f"),
                    "first_hour_volume": number(tr("levers.c_first"), format="%.0f"),
                    "first_hour_callbacks": number(tr("levers.c_callbacks"), format="%.0f"),
                    "peak_required_baseline": number(tr("levers.c_peak_base"), format="%.0f"),
                    "peak_required": number(tr("levers.c_peak"), format="%.0f"),
                })

    # ----------------------------------------------------------------------- channel mix

    def channel_mix(self) -> None:
        """Shares of one channel's demand moved to another; where every moved contact ends up."""
        tr, spec, channels, names = self.tr, self.spec, self.channels, self.channel_names
        st.caption(tr("levers.mix_intro"))
        with st.form("levers.mix_form"):
            cols: Sequence[DeltaGenerator] = st.columns(3)
            source = cols[0].selectbox(tr("levers.mix_source"), channels, format_func=self.channel_name,
                                       key="levers.mix_source")
            targets = [*channels, "self_service"]
            target = cols[1].selectbox(tr("levers.mix_target"), targets, index=len(targets) - 1,
                                       format_func=self.channel_name, key="levers.mix_target")
            share = cols[2].slider(tr("levers.mix_share"), 0, 50, round(100 * inputs.SUGGESTED_SHIFT_SHARE), 1,
                                   format="%d %%", key="levers.mix_share")
            cols = st.columns(4)
            aht = cols[0].number_input(tr("levers.mix_aht"), 0, 7200, 0, 10, key="levers.mix_aht_s")
            handled = cols[1].slider(tr("levers.mix_containment"), 0, 100,
                                     round(100 * inputs.SUGGESTED_CONTAINMENT), 5, format="%d %%",
                                     key="levers.mix_containment")
            back = cols[2].slider(tr("levers.mix_failure"), 0, 100, round(100 * inputs.SUGGESTED_FAILURE_SHARE), 5,
                                  format="%d %%", key="levers.mix_failure")
            lost = cols[3].slider(tr("levers.mix_lost"), 0, 100, round(100 * inputs.SUGGESTED_LOST_SHARE), 5,
                                  format="%d %%", key="levers.mix_lost", help=tr("levers.mix_lost_help"))
            add = st.form_submit_button(tr("levers.mix_add"))
        if add:
            try:
                shift = inputs.shift_from_form(source, target, share, aht, handled, back, lost)
                rest = tuple(s for s in spec.shifts if (s.source, s.target) != (source, target))
                apply(dataclasses.replace(spec, shifts=(*rest, shift)))
            except ValueError as exc:
                st.error(error_text(exc))
        if spec.shifts:
            st.dataframe(pd.DataFrame([{
                tr("levers.mix_source"): names.get(s.source, s.source),
                tr("levers.mix_target"): names.get(s.target, s.target),
                tr("levers.mix_share"): fmt_pct(s.share, 0),
                tr("levers.mix_aht"): "–" if s.aht_s is None else f"{fmt_number(s.aht_s)} {tr('common.unit_s')}",
                tr("levers.mix_containment"): fmt_pct(s.containment, 0),
                tr("levers.mix_failure"): fmt_pct(s.failure_share, 0),
                tr("levers.mix_lost"): fmt_pct(max(0.0, 1 - s.containment - s.failure_share), 0),
            } for s in spec.shifts]), hide_index=True, key="levers.mix_table")
            self._shift_flows()
            if st.button(tr("levers.mix_clear"), key="levers.mix_clear"):
                apply(dataclasses.replace(spec, shifts=()))
        else:
            st.caption(tr("levers.mix_none"))
        plotly_chart(charts.channel_delta_chart(self._alone("channel_mix").by_channel, names, self.labels,
                                                tr("levers.chart_channels")), key="levers.chart_mix")

    def _shift_flows(self) -> None:
        """Every moved contact: handled in the new channel, back in the old one, or a lost
        customer (never a saving)."""
        tr, names = self.tr, self.channel_names
        flows = self.result.shift_flows
        if flows.empty:
            return
        per_week = tr("levers.unit_contacts_week")
        moved, lost = float(flows["moved_per_week"].sum()), float(flows["lost_per_week"].sum())
        share = lost / moved if moved > 0 else 0.0
        own = self.split.own_effect("channel_mix")
        cols = st.columns(3)
        cols[0].metric(tr("levers.m_moved"), fmt_number(moved), **TILE)
        cols[1].metric(tr("levers.m_lost_customers"), fmt_number(lost), f"{fmt_pct(share, 0)}",
                       delta_color="off", **TILE, help=tr("levers.m_lost_help"))
        cols[2].metric(tr("levers.m_delta_cost"), fmt_compact(own.delta_cost_eur_per_month, signed=True),
                       **TILE, help=tr("levers.own_effect", lever=tr("levers.lever_channel_mix")))
        if lost > 0:
            st.warning(tr("levers.lost_customers", lost=fmt_number(lost), unit=per_week, share=fmt_pct(share, 1)))
        table = flows.assign(source=[names.get(c, c) for c in flows["source"]],
                             target=[names.get(c, c) for c in flows["target"]])
        table = format_columns(table[["source", "target", "moved_per_week", "handled_per_week",
                                      "came_back_per_week", "lost_per_week", "lost_share"]], {
            "moved_per_week": with_unit(0, per_week), "handled_per_week": with_unit(0, per_week),
            "came_back_per_week": with_unit(0, per_week), "lost_per_week": with_unit(0, per_week),
            "lost_share": lambda v: fmt_pct(v, 1) if math.isfinite(v) else "–",
        })
        st.dataframe(table, hide_index=True, key="levers.flows_table", column_config={
            "source": tr("levers.mix_source"), "target": tr("levers.mix_target"),
            "moved_per_week": tr("levers.c_moved"), "handled_per_week": tr("levers.c_handled"),
            "came_back_per_week": tr("levers.c_came_back"), "lost_per_week": tr("levers.c_lost"),
            "lost_share": tr("levers.c_lost_share"),
        })
        self._whole_and_interaction("channel_mix")
