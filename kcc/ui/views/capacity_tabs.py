"""Tabs of the Capacity plan page: the plan per month and channel, the hiring plan, the FTE
bridge as a waterfall, and saved scenarios compared on the plan."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kcc import capacity, formatting, store
from kcc.charts import capacity as charts
from kcc.formatting import format_columns
from kcc.scenarios import ScenarioSpec
from kcc.ui.state import Translator
from kcc.ui.views.capacity import BASELINE, Context, plan_for
from kcc.ui.widgets import channel_label, fmt_compact, fmt_month, fmt_number, lang, plotly_chart

ALL = "\u0000all"


def _labels(tr: Translator) -> dict[str, str]:
    steps = {k: tr(f"capacity.step_{k}") for k in ("contact_h", "in_shift_h", "required_h", "cover_h",
                                                    "rostered_h", "out_of_shift_h", "paid_h")}
    return {**steps, "axis_hours": tr("capacity.axis_hours"), "axis_eur": tr("capacity.axis_eur"),
            "axis_heads": tr("capacity.axis_heads"), "need_heads": tr("capacity.col_need_heads"),
            "heads": tr("capacity.col_heads"), "effective_heads": tr("capacity.col_effective"),
            "hires": tr("capacity.col_hires"), "month": tr("capacity.col_month")}


def headline(tr: Translator, context: Context) -> None:
    """Four numbers over the whole plan."""
    totals = context.plan.totals()
    cols = st.columns(4)
    cols[0].metric(tr("capacity.kpi_peak"), fmt_number(totals["peak_need_heads"], 1))
    cols[1].metric(tr("capacity.kpi_hires"), fmt_number(totals["hires"], 0))
    cols[2].metric(tr("capacity.kpi_cost"), fmt_compact(totals["cost_eur"]))
    cols[3].metric(tr("capacity.kpi_short"), fmt_number(totals["short_months"], 0))


def plan_tab(tr: Translator, context: Context) -> None:
    """Per month and channel: contacts, workload, requirement, rostered and paid hours, FTE, heads."""
    rows = context.plan.channels
    shown = pd.DataFrame({
        tr("capacity.col_month"): [fmt_month(m) for m in rows["period"]],
        tr("common.channel"): [channel_label(c, tr) for c in rows["channel"]],
        tr("capacity.col_contacts"): rows["contacts"], tr("capacity.col_workload_h"): rows["workload_h"],
        tr("capacity.col_required_h"): rows["required_h"], tr("capacity.col_rostered_h"): rows["rostered_h"],
        tr("capacity.col_paid_h"): rows["paid_h"], tr("capacity.col_fte"): rows["fte"],
        tr("capacity.col_need_heads"): rows["heads"],
    })
    numbers = {c: (lambda v: fmt_number(v, 0)) for c in shown.columns[2:7]}
    numbers.update({c: (lambda v: fmt_number(v, 1)) for c in shown.columns[7:]})
    st.dataframe(format_columns(shown, numbers), hide_index=True, key="capacity.plan_table", width="stretch")


def hiring_tab(tr: Translator, context: Context) -> None:
    """Hires, heads, the gap and the cost per month, as a chart and a table."""
    months = context.plan.months
    plotly_chart(charts.heads_chart(months, labels=_labels(tr), title=tr("capacity.chart_heads")),
                 key="capacity.heads_chart", width="stretch")
    shown = pd.DataFrame({
        tr("capacity.col_month"): [fmt_month(m) for m in months["month"]],
        tr("capacity.col_need_heads"): months["need_heads"], tr("capacity.col_classes"): months["classes"],
        tr("capacity.col_hires"): months["hires"], tr("capacity.col_already_hired"): months["already_hired"],
        tr("capacity.col_leavers"): months["leavers"],
        tr("capacity.col_heads"): months["heads"], tr("capacity.col_effective"): months["effective_heads"],
        tr("capacity.col_gap"): months["gap_heads"], tr("capacity.col_cost"): months["cost_eur"],
    })
    formats = {c: (lambda v: fmt_number(v, 1)) for c in shown.columns[1:9]}
    formats[tr("capacity.col_cost")] = lambda v: fmt_number(v, 0)
    st.dataframe(format_columns(shown, formats), hide_index=True, key="capacity.hiring_table", width="stretch")


def _bridge_rows(tr: Translator, context: Context, freq: str) -> pd.DataFrame:
    if freq == "plan":
        return context.plan.channels
    if context.baseline is None:
        st.info(tr("capacity.needs_plan"))
        return pd.DataFrame()
    return capacity.plan_bridge(context.baseline.plan, context.plan.fte_spec, context.costs, freq)


def bridge_tab(tr: Translator, context: Context) -> None:
    """The bridge of one period, one channel or all, in hours or EUR, as a waterfall."""
    cols = st.columns(4)
    freq = cols[0].selectbox(tr("capacity.bridge_freq"), ["plan", "W", "M"], key="capacity.bridge_freq",
                             format_func=lambda f: tr({"plan": "capacity.freq_month_plan", "W": "capacity.freq_week",
                                                       "M": "capacity.freq_month"}[f]))
    rows = _bridge_rows(tr, context, freq)
    if rows.empty:
        return
    periods = sorted(rows["period"].unique())
    language = lang()  # bound now: the picker formats its options again outside this run
    period = cols[1].selectbox(tr("capacity.bridge_period"), periods, key="capacity.bridge_period",
                               format_func=lambda p: formatting.fmt_month(pd.Timestamp(p), language)
                               if freq != "W" else formatting.fmt_date(pd.Timestamp(p).date(), language))
    channels = [ALL, *sorted(rows["channel"].unique())]
    channel = cols[2].selectbox(tr("common.channel"), channels, key="capacity.bridge_channel",
                                format_func=lambda c: tr("capacity.all_channels") if c == ALL else channel_label(c, tr))
    unit = cols[3].radio(tr("capacity.bridge_unit"), ["h", "eur"], key="capacity.bridge_unit", horizontal=True,
                         format_func=lambda u: tr("capacity.unit_hours" if u == "h" else "capacity.unit_eur"))
    picked = rows[(rows["period"] == period) & ((rows["channel"] == channel) | (channel == ALL))]
    total = capacity.bridge_total(picked, context.plan.fte_spec)
    plotly_chart(charts.bridge_waterfall(total.steps(unit), unit=unit, labels=_labels(tr)),
                 key="capacity.bridge_chart", width="stretch")
    st.markdown(tr("capacity.bridge_result", paid=fmt_number(total.paid_h, 0), fte=fmt_number(total.fte, 1),
                   heads=fmt_number(total.heads, 1), per_head=fmt_number(context.plan.fte_spec.fte_per_head, 2)))


def compare_tab(con: store.Connection, tr: Translator, context: Context,
                specs: dict[str, ScenarioSpec]) -> None:
    """Saved scenarios side by side on the capacity plan: peak heads, hires, cost, months short."""
    if not specs:
        st.info(tr("capacity.compare_none"))
        return
    if context.baseline is None:
        st.info(tr("capacity.needs_plan"))
        return
    names = st.multiselect(tr("capacity.compare_pick"), [BASELINE, *specs], default=[BASELINE],
                           key="capacity.compare", format_func=lambda n: tr("capacity.scenario_none")
                           if n == BASELINE else n, placeholder=tr("common.choose_options"))
    rows = {}
    for name in names:
        totals = plan_for(con, tr, context, name, specs).totals()
        rows[tr("capacity.scenario_none") if name == BASELINE else name] = totals
    if not rows:
        return
    table = pd.DataFrame.from_dict(rows, orient="index")
    plotly_chart(charts.compare_chart(table, "peak_need_heads", axis=tr("capacity.kpi_peak")),
                 key="capacity.compare_chart", width="stretch")
    shown = pd.DataFrame({
        tr("capacity.col_scenario"): table.index, tr("capacity.kpi_peak"): table["peak_need_heads"],
        tr("capacity.kpi_hires"): table["hires"], tr("capacity.kpi_cost"): table["cost_eur"],
        tr("capacity.kpi_short"): table["short_months"],
    })
    formats = {column: (lambda v: fmt_number(v, 0)) for column in shown.columns[2:]}
    formats[tr("capacity.kpi_peak")] = lambda v: fmt_number(v, 1)
    st.dataframe(format_columns(shown, formats), hide_index=True, key="capacity.compare_table", width="stretch")
