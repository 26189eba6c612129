"""Sections of the Levers page: the headline tiles, saving, and one tab per lever.

Every number shown comes from a :class:`kcc.scenarios.ScenarioResult` or from
``kcc.scenarios.inputs``; the sections only read widgets, build spec parts and render.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from kcc import config, store
from kcc.charts import scenarios as charts
from kcc.formatting import escape_markdown, format_columns
from kcc.plan import DEFERRED_CHANNELS
from kcc.scenarios import (
    MAX_REPEAT_WINDOW_DAYS,
    MINUTES_PER_DAY,
    TIME_STEP_MIN,
    Attribution,
    ClosedHoursBehaviour,
    Effect,
    RepeatSettings,
    ScenarioResult,
    ScenarioSpec,
    SurgeTest,
    TargetOverride,
    format_hhmm,
    inputs,
    scenario_settings,
    unidentified_values,
)
from kcc.ui import scenario_cache as cache
from kcc.ui.scenario_cache import Baseline
from kcc.ui.state import Translator, current_user
from kcc.ui.widgets import (
    channel_label,
    error_text,
    fmt_compact,
    fmt_day,
    fmt_number,
    fmt_pct,
    fmt_signed,
    fmt_unit,
    period_picker,
    plotly_chart,
)

TIMES = list(range(0, MINUTES_PER_DAY + 1, TIME_STEP_MIN))

# Axis and legend keys of the scenario charts -> i18n key.
_LABEL_KEYS = {
    "baseline": "scenarios.baseline", "scenario": "levers.working", "hour": "levers.ax_hour",
    "reachability": "levers.ax_reachability", "arrivals": "levers.ax_arrivals",
    "weekday": "levers.ax_weekday", "delta_fte": "levers.ax_delta_fte",
    "delta_cost": "levers.ax_delta_cost", "fte": "levers.ax_fte", "cost": "levers.ax_cost",
    "target_sl": "levers.ax_target_sl", "marginal": "levers.ax_marginal", "time": "levers.ax_time",
    "backlog": "levers.ax_backlog", "service_level": "levers.ax_service_level",
    "without": "levers.without_flex", "with": "levers.with_flex", "volume": "levers.ax_volume",
    "surge_volume": "levers.ax_surge_volume", "flex_agents": "levers.ax_flex_agents",
    "time_of_day": "levers.ax_time_of_day", "volume_per_day": "levers.ax_volume_interval",
}


def apply(new_spec: ScenarioSpec) -> None:
    """Make ``new_spec`` the working scenario and show it."""
    cache.set_working_spec(new_spec)
    st.rerun()


def with_unit(decimals: int, unit: str = "", *, sign: bool = False) -> Callable[[float], str]:
    """Formatter of a table column: the language's number format, then the unit."""
    def fmt(value: float) -> str:
        return fmt_unit(value, unit, decimals, signed=sign)
    return fmt


def points(value: float) -> str:
    """A difference of two shares, in percentage points."""
    return "–" if not math.isfinite(value) else fmt_unit(100 * value, "%", 1, signed=True)


@dataclass(frozen=True, eq=False)
class LeversView:
    """What every section of the Levers page reads: the store, the language, the baseline, the
    working spec and its result beside the baseline's, each lever's result alone and the
    split of the scenario's change into the levers' own effects and their interaction."""

    con: store.Connection
    tr: Translator
    base: Baseline
    spec: ScenarioSpec
    plan_settings: Any
    result: ScenarioResult
    reference: ScenarioResult
    alone: Mapping[str, ScenarioResult]
    split: Attribution

    # ----------------------------------------------------------------------- shared bits

    @property
    def weekdays(self) -> list[str]:
        """Weekday names, Monday first, in the session language."""
        return [self.tr(f"common.weekday_{d}") for d in range(7)]

    @property
    def channels(self) -> list[str]:
        """Channels in the baseline demand, in the configured order."""
        present = set(self.base.demand["channel"])
        return [c for c in config.CHANNELS if c in present]

    @property
    def staffed(self) -> list[str]:
        """Channels agents work (all but self-service)."""
        return [c for c in self.channels if c != "self_service"]

    @property
    def labels(self) -> dict[str, str]:
        """Chart, axis and series labels in the session language, by name."""
        return {name: self.tr(key) for name, key in _LABEL_KEYS.items()}

    @property
    def channel_names(self) -> dict[str, str]:
        """Every configured channel's name in the session language, by channel id."""
        return {c: channel_label(c, self.tr) for c in config.CHANNELS}

    def channel_name(self, channel: str) -> str:
        """A channel's name in the session language (its id when unknown: never None, which a
        selectbox cannot show)."""
        return self.channel_names.get(channel, channel)

    def _contacts(self, value: float) -> str:
        return f"{fmt_number(value)} {self.tr('common.unit_contacts')}"

    # ----------------------------------------------------------------------- top

    def headline(self) -> None:
        """The scenario's numbers with the same labels and definitions as Overview and Staffing;
        the small print is the difference with the baseline."""
        tr, res, ref = self.tr, self.result, self.reference
        cols: Sequence[DeltaGenerator] = st.columns(4)
        cols[0].metric(tr("common.kpi_required_fte"), fmt_number(res.fte, 1), fmt_signed(res.fte - ref.fte, 1),
                       delta_color="inverse", border=True)
        cols[1].metric(tr("common.kpi_rostered_fte"), fmt_number(res.fte_rostered, 1), border=True)
        cols[2].metric(tr("common.kpi_cost_required_month"), fmt_compact(res.cost_eur_per_month),
                       fmt_compact(res.cost_eur_per_month - ref.cost_eur_per_month, signed=True),
                       delta_color="inverse", border=True)
        cols[3].metric(tr("common.kpi_reachability"), fmt_pct(res.reachability),
                       points(res.reachability - ref.reachability), border=True)
        cols = st.columns([0.9, 1, 1, 1.1])
        help_sl = tr("common.kpi_sl_help")
        cols[0].metric(tr("common.kpi_sl_roster"), fmt_pct(res.service_level_roster),
                       points(res.service_level_roster - ref.service_level_roster), help=help_sl, border=True)
        cols[1].metric(tr("common.kpi_sl_required"), fmt_pct(res.service_level),
                       points(res.service_level - ref.service_level), help=help_sl, border=True)
        cols[2].metric(tr("common.kpi_abandon_roster"), fmt_pct(res.p_abandon_roster),
                       points(res.p_abandon_roster - ref.p_abandon_roster), delta_color="inverse", border=True)
        cols[3].metric(tr("common.kpi_abandon_required"), fmt_pct(res.p_abandon),
                       points(res.p_abandon - ref.p_abandon), delta_color="inverse", border=True)

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
            with st.form("levers.save_form"):
                save_name = st.text_input(tr("scenarios.name"), value=cache.working_name(), max_chars=80,
                                          key="levers.save_name")
                save_desc = st.text_area(tr("scenarios.description"), key="levers.save_description", max_chars=500)
                if st.form_submit_button(tr("levers.save")):
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
        self._hours_numbers()
        self._hours_charts(channel)

    def _whole_and_interaction(self, lever: str) -> None:
        """Beside a tab's own figures: the whole scenario's and what the levers add together,
        when other levers are on too."""
        split = self.split
        if not split.levers or split.levers == (lever,):
            return
        total, mix = split.total, split.interaction
        key = ("levers.whole_and_interaction" if abs(total.extra_open_hours_per_week) > 1e-9
               else "levers.whole_and_interaction_no_hours")
        st.caption(self.tr(key, fte=fmt_signed(total.delta_fte, 1), cost=fmt_signed(total.delta_cost_eur_per_month),
                           per_hour=fmt_number(total.cost_eur_per_extra_hour),
                           interaction=fmt_signed(mix.delta_cost_eur_per_month)))

    def _alone(self, lever: str) -> ScenarioResult:
        """The scenario with only ``lever`` as in the working spec (the baseline when the spec
        leaves it as is)."""
        return self.alone.get(lever, self.reference)

    def _own_effect(self, lever: str) -> Effect:
        """A tab's headline: the caption naming it the lever's own effect, and that effect."""
        st.caption(self.tr("levers.own_effect", lever=self.tr(f"levers.lever_{lever}")))
        return self.split.own_effect(lever)

    def _hours_numbers(self) -> None:
        tr = self.tr
        own: Effect = self.split.own_effect("opening_hours")
        # the opening hours alone against the baseline, so other levers are not credited to them
        result = self._alone("opening_hours")
        extra_hours = own.extra_open_hours_per_week
        per_hour = own.cost_eur_per_extra_hour
        st.caption(tr("levers.own_effect", lever=tr("levers.lever_opening_hours")))
        cols = st.columns(5)
        cols[0].metric(tr("levers.m_extra_hours"), fmt_signed(extra_hours, 1), border=True)
        cols[1].metric(tr("levers.m_caught"), fmt_signed(own.caught_per_week), border=True)
        cols[2].metric(tr("levers.m_delta_fte"), fmt_signed(own.delta_fte, 1), border=True)
        cols[3].metric(tr("levers.m_delta_cost"), fmt_compact(own.delta_cost_eur_per_month, signed=True),
                       border=True)
        cols[4].metric(tr("levers.m_cost_per_hour"), fmt_number(per_hour), border=True)
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
        plotly_chart(charts.weekday_delta_chart(result.by_weekday, weekdays, labels, tr("levers.chart_weekday")),
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
        cols[0].metric(tr("levers.m_moved"), fmt_number(moved), border=True)
        cols[1].metric(tr("levers.m_lost_customers"), fmt_number(lost), f"{fmt_pct(share, 0)}",
                       delta_color="off", border=True, help=tr("levers.m_lost_help"))
        cols[2].metric(tr("levers.m_delta_cost"), fmt_compact(own.delta_cost_eur_per_month, signed=True),
                       border=True, help=tr("levers.own_effect", lever=tr("levers.lever_channel_mix")))
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
                response_h = cols[1].number_input(
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
                apply(spec.with_target(override))
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
        cols[0].metric(tr("levers.m_delta_fte"), fmt_signed(own.delta_fte, 1), border=True)
        cols[1].metric(tr("levers.m_delta_cost"), fmt_compact(own.delta_cost_eur_per_month, signed=True),
                       border=True)
        cols[2].metric(tr("common.kpi_sl_required"), fmt_pct(alone.service_level),
                       points(alone.service_level - ref.service_level), help=tr("common.kpi_sl_help"), border=True)
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
        cols[0].metric(tr("common.kpi_contacts_week"), fmt_compact(alone.contacts_per_week),
                       fmt_compact(alone.contacts_per_week - self.reference.contacts_per_week, signed=True),
                       delta_color="inverse", border=True)
        cols[1].metric(tr("levers.m_delta_fte"), fmt_signed(own.delta_fte, 1), border=True)
        cols[2].metric(tr("levers.m_delta_cost"), fmt_compact(own.delta_cost_eur_per_month, signed=True),
                       border=True)
        self._whole_and_interaction("fcr")
        plotly_chart(charts.channel_delta_chart(alone.by_channel, names, self.labels, tr("levers.chart_channels")),
                     key="levers.chart_fcr")

    def _fcr_measure(self) -> RepeatSettings:
        """How the centre measures FCR from customer ids, kept for the centre when changed."""
        tr, kept = self.tr, cache.repeat_settings(self.con)
        with st.form("levers.fcr_measure_form"):
            cols = st.columns([3, 1])
            unknown = cols[0].text_input(tr("levers.fcr_unidentified"), ", ".join(kept.unidentified),
                                         help=tr("levers.fcr_unidentified_help"), key="levers.fcr_unidentified")
            window = cols[1].number_input(tr("levers.fcr_window_days"), 1, MAX_REPEAT_WINDOW_DAYS, kept.window_days,
                                          1, help=tr("levers.fcr_window_help"), key="levers.fcr_window_days")
            keep = st.form_submit_button(tr("levers.fcr_keep"))
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
            cols = st.columns(4)
            s_duration = cols[0].number_input(tr("levers.surge_duration"), 15, 1440, surge.duration_min, 15,
                                              key="levers.surge_duration")
            home = cols[1].number_input(tr("levers.home_agents"), 0, 1000, surge.home_agents, 1,
                                        key="levers.home_agents")
            block = cols[2].number_input(tr("levers.home_block"), 30, 480, surge.home_block_min, 15,
                                         key="levers.home_block")
            home_delay = cols[3].number_input(tr("levers.home_delay"), 0, 1440, surge.home_delay_min, 15,
                                              key="levers.home_delay")
            cols = st.columns(4)
            outsource = cols[0].number_input(tr("levers.outsource_agents"), 0, 1000, surge.outsource_agents, 1,
                                             key="levers.outsource_agents")
            out_delay = cols[1].number_input(tr("levers.outsource_delay"), 0, 1440, surge.outsource_delay_min, 15,
                                             key="levers.outsource_delay")
            overtime = cols[2].number_input(tr("levers.overtime_agents"), 0, 1000, surge.overtime_agents, 1,
                                            key="levers.overtime_agents")
            overtime_min = cols[3].number_input(tr("levers.overtime_min"), 0, 480, surge.overtime_min, 15,
                                                key="levers.overtime_min")
            run = st.form_submit_button(tr("levers.surge_run"))
        if run:
            try:
                new = SurgeTest(s_channel, uplift / 100, int(s_day), int(s_start), int(s_duration), int(home),
                                int(block), int(home_delay), int(outsource), int(out_delay), int(overtime),
                                int(overtime_min))
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
        cols[2].metric(tr("levers.m_peak_backlog"), self._contacts(outcome.peak_backlog_with),
                       fmt_signed(outcome.peak_backlog_with - outcome.peak_backlog_without), delta_color="inverse")
        cols[3].metric(tr("levers.m_surge_sl"), fmt_pct(outcome.service_level_with),
                       points(outcome.service_level_with - outcome.service_level_without))
        cols = st.columns(3)
        cols[0].metric(tr("levers.m_abandoned"), self._contacts(outcome.abandoned_with),
                       fmt_signed(outcome.abandoned_with - outcome.abandoned_without), delta_color="inverse")
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
                    rate = cols[1].number_input(tr("levers.cost_hour"), 0.0, 1000.0,
                                                float(scn_settings.cost_for(channel)), 0.5,
                                                key=f"levers.cost_hour_{channel}")
                per = cols[2].number_input(tr("levers.cost_contact"), 0.0, 1000.0,
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
        cols[0].metric(tr("common.kpi_cost_required_month"), fmt_compact(alone.cost_eur_per_month),
                       fmt_compact(own.delta_cost_eur_per_month, signed=True), delta_color="inverse", border=True)
        cols[1].metric(tr("levers.m_cost_contact"), fmt_number(alone.cost_eur_per_contact, 2),
                       fmt_signed(alone.cost_eur_per_contact - self.reference.cost_eur_per_contact, 2),
                       delta_color="inverse", border=True)
        cols[2].metric(tr("levers.m_handled"), fmt_compact(alone.handled_per_week), border=True)
        self._whole_and_interaction("costs")
        plotly_chart(charts.channel_delta_chart(alone.by_channel, names, self.labels, tr("levers.chart_channels")),
                     key="levers.chart_costs")
