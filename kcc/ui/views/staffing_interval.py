"""Below the Staffing page's gap heat map: the interval picker (a click on the heat map sets its
weekday and time) and "show the maths" of the chosen interval."""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
import streamlit as st

from kcc import plan, staffing
from kcc.charts import staffing as charts
from kcc.ui.state import Translator
from kcc.ui.views.staffing import default_state, fmt_kpi
from kcc.ui.widgets import channel_label, fmt_day, fmt_moment, fmt_number, fmt_pct, fmt_unit, plotly_chart

#: The picker's choices, which stay while another tab is open (``kcc.ui.widgets.lazy_tabs``).
INTERVAL_KEYS: Final[tuple[str, ...]] = ("staffing.pick_weekday", "staffing.pick_time", "staffing.pick_date")


def _selected_point(event: Any) -> tuple[str, str] | None:
    try:
        points = event.selection.points if hasattr(event, "selection") else event["selection"]["points"]
    except (KeyError, TypeError, AttributeError):
        return None
    if not points:
        return None
    point = points[0]
    return str(point.get("y")), str(point.get("x"))


def interval_picker(
    tr: Translator, rows: pd.DataFrame, table: pd.DataFrame, event: Any
) -> pd.Timestamp | None:
    """Weekday, time of day and date of the interval to explain; a heat-map click sets the
    first two. Defaults to the worst cell."""
    ss = st.session_state
    if rows.empty or table.empty:
        return None
    weekday_names = [tr(f"common.weekday_{d}") for d in range(7)]
    times = list(table.columns)
    clicked = _selected_point(event)
    if clicked is not None and clicked != ss.get("staffing.last_click"):
        ss["staffing.last_click"] = clicked
        if clicked[0] in weekday_names and clicked[1] in times:
            ss["staffing.pick_weekday"] = weekday_names.index(clicked[0])
            ss["staffing.pick_time"] = clicked[1]
            ss.pop("staffing.pick_date", None)
    worst = table.stack().astype(float)
    worst_wd, worst_time = worst.idxmin() if len(worst) else (0, times[0])
    if ss.get("staffing.pick_time") not in times:
        ss.pop("staffing.pick_time", None)
    default_state("staffing.pick_weekday", int(worst_wd))
    default_state("staffing.pick_time", worst_time)
    cols = st.columns(3)
    weekday = cols[0].selectbox(tr("staffing.pick_weekday"), list(range(7)),
                                format_func=weekday_names.__getitem__, key="staffing.pick_weekday")
    time_of_day = cols[1].selectbox(tr("staffing.pick_time"), times, key="staffing.pick_time")
    local = rows["ds"].dt.tz_localize(None)
    match = rows[(local.dt.day_of_week == weekday) & (local.dt.strftime("%H:%M") == time_of_day)]
    if match.empty:
        st.info(tr("staffing.no_interval"))
        return None
    options = [ts.isoformat() for ts in match["ds"]]
    if ss.get("staffing.pick_date") not in options:
        ss["staffing.pick_date"] = options[int(match["gap"].to_numpy().argmin())]
    choice = cols[2].selectbox(
        tr("staffing.pick_date"), options, key="staffing.pick_date",
        # Labels made now: a format function reading the session later (a test) sees none.
        format_func={option: fmt_day(option) for option in options}.__getitem__,
    )
    return pd.Timestamp(choice)


def interval_detail(tr: Translator, the_plan: pd.DataFrame, settings: plan.PlanSettings,
                    channel: str, ds: pd.Timestamp) -> None:
    """"Show the maths" of one interval."""
    detail = plan.interval_detail(the_plan, channel, ds, settings)
    local = detail.ds.tz_localize(None)
    st.subheader(tr("staffing.detail_title", channel=channel_label(channel, tr),
                    when=fmt_moment(local)))
    st.markdown(tr(f"staffing.model_{detail.model}"))
    left, right = st.columns(2)
    with left:
        st.markdown("**" + tr("staffing.detail_inputs") + "**")
        inputs = pd.DataFrame({
            tr("staffing.col_input"): [tr(f"staffing.input_{n}") for n in detail.inputs["name"]],
            tr("staffing.col_value"): [_fmt_input(tr, v, u) for v, u in
                                       zip(detail.inputs["value"], detail.inputs["unit"], strict=True)],
        })
        st.dataframe(inputs, hide_index=True, width="stretch")
    with right:
        st.markdown("**" + tr("staffing.detail_why") + "**")
        st.markdown(tr(
            "staffing.why_text",
            required=fmt_number(detail.required, 1 if detail.model == "backlog" else 0),
            shrinkage=fmt_pct(detail.shrinkage, 0),
            paid=fmt_number(detail.required_scheduled, 1),
            scheduled=fmt_number(float(staffing.head_count(detail.required_scheduled))),
            p90=fmt_number(detail.required_p90, 0),
            rostered=fmt_number(detail.rostered, 1),
            available=fmt_number(detail.available, 1),
            gap=fmt_number(detail.gap, 1),
        ))
        if detail.binding:
            names = ", ".join(tr(f"staffing.target_name_{b}") for b in detail.binding)
            st.markdown(tr("staffing.binding", targets=names))
        achieved = pd.DataFrame({
            tr("staffing.col_kpi"): [tr(f"staffing.kpi_{k}") for k in detail.achieved["kpi"]],
            tr("staffing.col_achieved"): [fmt_kpi(k, v) for k, v in
                                          zip(detail.achieved["kpi"], detail.achieved["value"], strict=True)],
            tr("staffing.col_target"): [fmt_kpi(k, v) for k, v in
                                        zip(detail.achieved["kpi"], detail.achieved["target"], strict=True)],
        })
        st.dataframe(achieved, hide_index=True, width="stretch")
    if len(detail.curve):
        targets = settings.targets_for(channel)
        plotly_chart(
            charts.curve_chart(detail.curve, targets.target_service_level,
                               {"axis_agents": tr("staffing.curve_axis_agents"),
                                "axis_sl": tr("staffing.curve_axis_sl")},
                               title=tr("staffing.curve_title")),
            key="staffing.curve", width="stretch",
        )
        curve = detail.curve
        st.dataframe(pd.DataFrame({
            tr("staffing.curve_axis_agents"): [fmt_number(a) for a in curve["agents"]],
            tr("staffing.kpi_service_level"): [fmt_pct(v) for v in curve["service_level"]],
            tr("staffing.kpi_asa_s"): [fmt_kpi("asa_s", v) for v in curve["asa_s"]],
            tr("staffing.kpi_p_abandon"): [fmt_pct(v) for v in curve["p_abandon"]],
            tr("staffing.kpi_occupancy"): [fmt_pct(v) for v in curve["occupancy"]],
            tr("staffing.col_meets"): [tr("staffing.yes") if m else tr("staffing.no")
                                       for m in curve["meets_targets"]],
        }), hide_index=True, width="stretch")


#: Units of the interval inputs that read differently in Dutch.
_INPUT_UNITS = {"contacts": "common.unit_contacts", "sessions": "staffing.unit_sessions"}


def _fmt_input(tr: Translator, value: float, unit: str) -> str:
    if unit == "share":
        return fmt_pct(value)
    decimals = 0 if unit in ("min", "s") and float(value).is_integer() else 1
    return fmt_unit(value, tr(_INPUT_UNITS[unit]) if unit in _INPUT_UNITS else unit, decimals)
