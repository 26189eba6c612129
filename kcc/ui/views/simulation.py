"""The Staffing page's plan check: "Simulate this plan" for a week, with a progress bar, a
per-day table and a chart of the model against the simulation; and the last check of the plan
for the board summary.

The result lives in a session-state key no widget owns (``RESULT_STATE_KEY``) together with
the plan it was made for (the plan key and the settings), so it survives page changes and is
shown, and exported, only while the plan is still the same.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any, Final

import pandas as pd
import streamlit as st

from kcc import plan, simulation, store
from kcc.charts.simulation import simulation_chart
from kcc.simulation import SimulationResult, SimulationSpec
from kcc.ui import plan_cache
from kcc.ui.state import Translator
from kcc.ui.widgets import channel_label, error_text, fmt_day, fmt_number, fmt_pct, fmt_unit, plotly_chart

#: Session-state key of the last check: ``{"plan": identity, "result": SimulationResult}``.
RESULT_STATE_KEY: Final[str] = "simulation.last"
#: The choices that stay while another tab is open (``kcc.ui.widgets.lazy_tabs``).
KEPT_KEYS: Final[tuple[str, ...]] = ("simulation.week",)


def plan_identity(con: store.Connection, settings: plan.PlanSettings) -> tuple[Any, ...]:
    """What the Staffing page's plan is made of: the cached plan's key and its settings."""
    return (plan_cache.plan_key(con), settings)


def last_result(con: store.Connection, settings: plan.PlanSettings) -> SimulationResult | None:
    """The last check of the plan these settings make now; None when none was run for it."""
    stored = st.session_state.get(RESULT_STATE_KEY)
    if not stored or stored["plan"] != plan_identity(con, settings):
        return None
    result: SimulationResult = stored["result"]
    return result


def for_export(con: store.Connection, settings: plan.PlanSettings, start: date, end: date,
               *, baseline: bool) -> SimulationResult | None:
    """The check to put in a board summary of the baseline over ``start..end``: the last one of
    this plan, when its week lies inside the period (a scenario's plan is another plan)."""
    result = last_result(con, settings) if baseline else None
    return result if result is not None and start <= result.start and result.end <= end else None


def _run(con: store.Connection, tr: Translator, the_plan: pd.DataFrame,
         settings: plan.PlanSettings, week: date) -> None:
    bar = st.progress(0.0, text=tr("simulation.progress_start"))

    def progress(done: int, total: int, channel: str) -> None:
        bar.progress(done / total, text=tr("simulation.progress", channel=channel_label(channel, tr),
                                           done=done, total=total))

    started = time.perf_counter()
    try:
        result = simulation.simulate_plan(
            the_plan, week, SimulationSpec(), settings=settings, progress=progress,
            open_hours=plan.service_hours(plan_cache.stored_settings(con)),
        )
    except simulation.SimulationError as error:
        bar.empty()
        st.error(error_text(error))
        return
    bar.empty()
    st.session_state[RESULT_STATE_KEY] = {"plan": plan_identity(con, settings), "result": result}
    st.success(tr("simulation.done", runs=result.spec.replications, start=fmt_day(result.start),
                  seconds=fmt_number(time.perf_counter() - started, 1)))


def day_table(tr: Translator, result: SimulationResult, channel: str) -> pd.DataFrame:
    """The per-day table of one channel (and its week), as text in the session's language."""
    rows = pd.concat([result.days[result.days["channel"] == channel],
                      result.week[result.week["channel"] == channel]], ignore_index=True)
    if rows.empty:
        return pd.DataFrame()
    measure = tr(f"simulation.measure_{rows['measure'].iloc[0]}")
    level = fmt_pct(result.spec.confidence, 0)
    labels = [fmt_day(d) for d in rows["day"].iloc[:-1]] + [tr("simulation.row_week")]
    table = {
        tr("simulation.col_day"): labels,
        tr("simulation.col_offered"): [fmt_number(v) for v in rows["offered"]],
        tr("simulation.col_model", measure=measure): [fmt_pct(v) for v in rows["model_share"]],
        tr("simulation.col_sim", measure=measure): [fmt_pct(v) for v in rows["share"]],
        tr("simulation.col_ci", level=level): [
            f"{fmt_pct(lo)} – {fmt_pct(hi)}" if pd.notna(lo) else "–"
            for lo, hi in zip(rows["share_lo"], rows["share_hi"], strict=True)],
    }
    if rows["measure"].iloc[0] == "answer":
        table[tr("simulation.col_abandon_model")] = [fmt_pct(v) for v in rows["model_abandon"]]
        table[tr("simulation.col_abandon_sim")] = [fmt_pct(v) for v in rows["abandon"]]
    return pd.DataFrame(table)


def verdict(tr: Translator, found: simulation.Agreement) -> None:
    """One line on what the simulation says of the plan: a warning for the days the model
    promises more than the roster gives, else that the plan is on the safe side."""
    if found.days == 0:
        return
    points = tr("common.unit_points")
    if found.optimistic:
        st.warning(tr("simulation.verdict_optimistic", optimistic=found.optimistic, days=found.days,
                      worse=fmt_unit(100 * found.most_worse, points, 1),
                      dates=", ".join(fmt_day(d) for d in found.worse_days)))
    elif found.cautious:
        st.success(tr("simulation.verdict_cautious", within=found.within, cautious=found.cautious, days=found.days,
                      better=fmt_unit(100 * found.most_better, points, 1)))
    else:
        st.success(tr("simulation.verdict_within", days=found.days))


def section(con: store.Connection, tr: Translator, the_plan: pd.DataFrame,
            settings: plan.PlanSettings, channel: str) -> None:
    """"Simulate this plan": week picker, button with progress bar, per-day table and chart."""
    weeks = simulation.plan_weeks(the_plan)
    if not weeks:
        st.info(tr("simulation.no_weeks"))
        return
    spec = SimulationSpec()
    st.caption(tr("simulation.intro", runs=spec.replications, level=fmt_pct(spec.confidence, 0)))
    cols = st.columns([3, 2], vertical_alignment="bottom")
    # labels made now: a format function must not read the session when it is called later
    labels = {d: tr("simulation.week_option", start=fmt_day(d)) for d in weeks}
    week = cols[0].selectbox(tr("simulation.week"), weeks, key="simulation.week",
                             format_func=labels.__getitem__)
    if cols[1].button(tr("simulation.run"), key="simulation.run", type="primary"):
        _run(con, tr, the_plan, settings, week)
    result = last_result(con, settings)
    if result is None or result.start != week:
        st.info(tr("simulation.press"))
        return
    table = day_table(tr, result, channel)
    if table.empty:
        return
    verdict(tr, simulation.agreement(result.days, channel))
    st.dataframe(table, hide_index=True, width="stretch", key="simulation.table")
    days = result.days[result.days["channel"] == channel]
    targets = settings.targets_for(channel)
    plotly_chart(simulation_chart(
        days, [fmt_day(d) for d in days["day"]], targets.target_service_level,
        {"model": tr("simulation.series_model"), "simulated": tr("simulation.series_sim"),
         "target": tr("simulation.series_target"), "axis": tr("simulation.axis")},
        title=tr("simulation.chart_title", channel=channel_label(channel, tr)),
    ), key="simulation.chart", width="stretch")
    st.caption(tr("simulation.note", answer=f"{fmt_number(targets.answer_time_s)} s"))
