"""The Staffing page's "Shift cover": the rules form, a solve with a progress indicator, the
schedule efficiency, required against covered per interval, the shift list, and one click to
use the cover as the week's shift-pattern roster.

The last cover lives in a session-state key no widget owns (``RESULT_STATE_KEY``) with what
it was made for (data, settings, channel, week), so it survives reruns and page changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

import pandas as pd
import streamlit as st

from kcc import capacity, plan, shifts, simulation, store
from kcc.access import Action
from kcc.charts.shifts import cover_chart
from kcc.shifts import CoverResult, ShiftRules
from kcc.ui import access, plan_cache
from kcc.ui.state import Translator
from kcc.ui.widgets import (
    channel_label,
    decimal_input,
    error_text,
    fmt_day,
    fmt_number,
    fmt_pct,
    fmt_unit,
    plotly_chart,
)

#: Session-state key of the last cover: ``{"for": identity, "result", "required"}``.
RESULT_STATE_KEY: Final[str] = "shift_cover.last"
#: A message to show after the rerun that "Use as roster" starts.
FLASH_STATE_KEY: Final[str] = "shift_cover.flash"
#: The week, which stays while another tab is open (``kcc.ui.widgets.lazy_tabs``); the rules
#: form starts from the rules of the last cover solved.
KEPT_KEYS: Final[tuple[str, ...]] = ("shift_cover.week",)

_LENGTH_CHOICES_MIN: Final[tuple[int, ...]] = (120, 180, 240, 300, 360, 420, 480, 540, 600)
_CLOCK_CHOICES: Final[tuple[str, ...]] = tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(0, 24 * 60 + 1, 30))


def _identity(con: store.Connection, settings: plan.PlanSettings, channel: str,
              week: date) -> tuple[Any, ...]:
    """What a cover was made for: the volumes, the settings, the channel and the week (a
    roster write leaves it standing)."""
    return (plan_cache.data_key(con).volumes_only(), plan_cache.horizon_weeks(), settings, channel, week)


def rules_form(tr: Translator, shown: ShiftRules | None = None) -> tuple[dict[str, Any], bool]:
    """The rules as the planner sets them, and whether Solve was pressed. The fields start from
    ``shown``, the rules of the last cover solved in this session (the defaults without one), so
    they are there again after another tab."""
    defaults = shown or ShiftRules()
    with st.form("shift_cover.form"):
        cols = st.columns(4)
        lengths = cols[0].multiselect(
            tr("shift_cover.lengths"), list(_LENGTH_CHOICES_MIN), default=list(defaults.lengths_min),
            key="shift_cover.lengths", format_func=lambda m: fmt_unit(m / 60, "h", 1 if m % 60 else 0),
            placeholder=tr("common.choose_options"))
        steps = [15, 30, 60]
        step = cols[1].selectbox(tr("shift_cover.step"), steps, key="shift_cover.step",
                                 index=steps.index(defaults.start_step_min) if defaults.start_step_min in steps else 0,
                                 format_func=lambda m: fmt_unit(m, "min"))
        earliest = cols[2].selectbox(tr("shift_cover.earliest"), _CLOCK_CHOICES, key="shift_cover.earliest",
                                     index=_CLOCK_CHOICES.index(defaults.earliest_start))
        latest = cols[3].selectbox(tr("shift_cover.latest"), _CLOCK_CHOICES, key="shift_cover.latest",
                                   index=_CLOCK_CHOICES.index(defaults.latest_end))
        cols = st.columns(4)
        pause = cols[0].number_input(tr("shift_cover.break"), 0, 120, defaults.break_min, 15,
                                     key="shift_cover.break")
        over_h = decimal_input(cols[1], tr("shift_cover.break_over"), 0.0, 12.0, defaults.break_over_min / 60,
                                      0.5, key="shift_cover.break_over")
        part = cols[2].number_input(tr("shift_cover.part_time"), 0, 100, round(100 * defaults.max_part_time_share), 5,
                                    key="shift_cover.part_time")
        floor = cols[3].number_input(tr("shift_cover.min_floor"), 0, 1000, defaults.min_on_floor, 1,
                                     key="shift_cover.min_floor")
        cols = st.columns(4)
        home = cols[0].number_input(tr("shift_cover.home_len"), 15, 240, defaults.home_block_min, 15,
                                    key="shift_cover.home_len")
        home_cap = cols[1].number_input(tr("shift_cover.home_cap"), 0, 1000, defaults.home_blocks_per_day, 1,
                                        key="shift_cover.home_cap")
        weight = decimal_input(cols[2], tr("shift_cover.home_weight"), 0.1, 10.0, defaults.home_weight, 0.05,
                                      key="shift_cover.home_weight")
        limit = cols[3].number_input(tr("shift_cover.time_limit"), 1, 600, int(defaults.time_limit_s), 1,
                                     key="shift_cover.time_limit")
        pressed = st.form_submit_button(tr("shift_cover.solve"), type="primary")
    return {
        "lengths_min": tuple(int(v) for v in lengths), "start_step_min": int(step),
        "earliest_start": earliest, "latest_end": latest, "break_min": int(pause),
        "break_step_min": max(30, int(step)),
        "break_over_min": round(over_h * 60), "max_part_time_share": part / 100,
        "min_on_floor": int(floor), "home_block_min": int(home), "home_blocks_per_day": int(home_cap),
        "home_weight": float(weight), "time_limit_s": float(limit),
    }, pressed


def _solve(con: store.Connection, tr: Translator, the_plan: pd.DataFrame,
           settings: plan.PlanSettings, channel: str, week: date, fields: dict[str, Any]) -> None:
    required = shifts.plan_requirement(the_plan, channel, week)
    try:
        rules = ShiftRules(**fields)
        with st.spinner(tr("shift_cover.solving", seconds=fmt_number(rules.time_limit_s))):
            result = shifts.cover(required, rules)
    except ValueError as error:  # a FieldError or ShiftCoverError: the message names the field
        st.error(error_text(error))
        return
    if access.can(Action.EDIT_PLAN):  # a viewer may try a cover; only a planner's is kept
        remember_efficiency(con, result, channel, week)
    st.session_state[RESULT_STATE_KEY] = {"for": _identity(con, settings, channel, week),
                                          "result": result, "required": required, "rules": rules}


@access.requires(Action.EDIT_PLAN)
def remember_efficiency(con: store.Connection, result: CoverResult, channel: str, week: date) -> None:
    """Save the cover's schedule efficiency for the centre (one setting write), which the
    Capacity plan uses for this channel; a cover short of the requirement measures nothing."""
    if result.under_hours > 0 or not 0 < result.efficiency <= 1:
        return
    stored = store.read_setting(con, capacity.COVER_EFFICIENCY_KEY)
    store.write_setting(con, capacity.COVER_EFFICIENCY_KEY,
                        capacity.with_cover_efficiency(stored, channel, result.efficiency, shifts.week_of(week)[0]))


def section(con: store.Connection, tr: Translator, the_plan: pd.DataFrame,
            settings: plan.PlanSettings, channel: str) -> None:
    """"Shift cover" for the chosen channel and a week of the plan."""
    flash = st.session_state.pop(FLASH_STATE_KEY, None)
    if flash:
        st.success(flash)
    weeks = simulation.plan_weeks(the_plan)
    if not weeks:
        st.info(tr("shift_cover.no_weeks"))
        return
    st.caption(tr("shift_cover.intro"))
    st.caption(tr("shift_cover.breaks_and_shrinkage", shrinkage=fmt_pct(settings.shrinkage_for(channel))))
    labels = {d: tr("simulation.week_option", start=fmt_day(d)) for d in weeks}
    week = st.selectbox(tr("shift_cover.week"), weeks, key="shift_cover.week",
                        format_func=labels.__getitem__)
    last = st.session_state.get(RESULT_STATE_KEY)
    fields, pressed = rules_form(tr, last.get("rules") if last else _window_rules(the_plan, channel, week))
    if pressed:
        _solve(con, tr, the_plan, settings, channel, week, fields)
    stored = st.session_state.get(RESULT_STATE_KEY)
    if not stored or stored["for"] != _identity(con, settings, channel, week):
        st.info(tr("shift_cover.press"))
        return
    result: CoverResult = stored["result"]
    _figures(tr, result)
    plotly_chart(cover_chart(stored["required"], result.coverage, {
        "required": tr("shift_cover.series_required"), "covered": tr("shift_cover.series_covered"),
        "over": tr("shift_cover.series_over"), "under": tr("shift_cover.series_under"),
        "axis": tr("shift_cover.axis")}, title=tr("shift_cover.chart_title", channel=channel_label(channel, tr))),
        key="shift_cover.chart", width="stretch")
    st.dataframe(shift_table(tr, result), hide_index=True, width="stretch", key="shift_cover.table")
    use_as_roster(con, tr, result, channel, week)


def _window_rules(the_plan: pd.DataFrame, channel: str, week: date) -> ShiftRules:
    """The default rules with their start window (07:00-22:00) widened to reach every hour the
    week needs agents: a centre open until midnight, or all night, would otherwise find that
    need left uncovered before the planner changes a field."""
    rows = the_plan[the_plan["channel"] == channel]
    need = shifts.need_window(shifts.plan_requirement(the_plan, channel, week),
                              int(rows["interval_min"].iloc[0]) if len(rows) else 15)
    default = ShiftRules()
    if need is None:
        return default
    # zero-padded "HH:MM" texts sort as the times they name ("24:00" last)
    return ShiftRules(earliest_start=min(need[0], default.earliest_start),
                      latest_end=max(need[1], default.latest_end))


def _figures(tr: Translator, result: CoverResult) -> None:
    cols = st.columns(4)
    cols[0].metric(tr("shift_cover.efficiency"), fmt_pct(result.efficiency))
    cols[1].metric(tr("shift_cover.required_hours"), fmt_number(result.required_hours, 1))
    cols[2].metric(tr("shift_cover.rostered_hours"), fmt_number(result.rostered_hours, 1))
    cols[3].metric(tr("shift_cover.shifts"), fmt_number(result.shift_count))
    st.caption(tr("shift_cover.solved", gap=fmt_pct(result.mip_gap, 2), seconds=fmt_number(result.solve_s, 1),
                  status=tr(f"shift_cover.status_{result.status}")))
    if result.under_hours > 0:
        st.warning(tr("shift_cover.under", hours=fmt_number(result.under_hours, 1)))


def shift_table(tr: Translator, result: CoverResult) -> pd.DataFrame:
    """The shift list in the session's language."""
    rows = result.shifts
    return pd.DataFrame({
        tr("shift_cover.col_day"): [fmt_day(d) for d in rows["date"]],
        tr("shift_cover.col_start"): list(rows["start"]),
        tr("shift_cover.col_length"): [fmt_unit(m / 60, "h", 2 if m % 30 else (1 if m % 60 else 0))
                                       for m in rows["length_min"]],
        tr("shift_cover.col_break"): [b or "–" for b in rows["break_start"]],
        tr("shift_cover.col_kind"): [tr(f"shift_cover.kind_{k.replace(' ', '_').replace('-', '_')}")
                                     for k in rows["kind"]],
        tr("shift_cover.col_count"): rows["count"].astype(int).tolist(),
    })


@access.requires(Action.EDIT_PLAN)
def _swap_shifts(con: store.Connection, change: shifts.RosterChange) -> None:
    store.swap_shifts(con, change.remove_ids, change.add)


def use_as_roster(con: store.Connection, tr: Translator, result: CoverResult, channel: str,
                  week: date) -> None:
    """One click: the cover becomes that week's shift patterns of the channel (the earlier
    cover of that week replaced; the user's own patterns only when they tick the box)."""
    current = store.read_shifts(con)
    change = shifts.roster_change(result, current, channel, week)
    replace_own = False
    if len(change.own):
        names = ", ".join(sorted({str(n) for n in change.own["name"]}))
        replace_own = st.checkbox(tr("shift_cover.replace_own", n=len(change.own), names=names),
                                  key="shift_cover.replace_own")
    if not st.button(tr("shift_cover.use"), key="shift_cover.use", disabled=not access.can(Action.EDIT_PLAN),
                     help=access.reason(Action.EDIT_PLAN)):
        return
    if replace_own:
        change = shifts.roster_change(result, current, channel, week, replace_own=True)
    _swap_shifts(con, change)
    st.session_state[plan_cache.ROSTER_SOURCE_STATE_KEY] = "shifts"
    message = tr("shift_cover.used", n=len(change.add), start=fmt_day(shifts.week_of(week)[0]))
    if len(change.own) and not replace_own:
        message += " " + tr("shift_cover.kept_own", n=len(change.own))
    st.session_state[FLASH_STATE_KEY] = message
    st.rerun()
