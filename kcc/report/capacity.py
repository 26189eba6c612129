"""The board summary's capacity and hiring plan: one section (facts, a chart of heads per month,
a table) and two workbook sheets with formulas and their cached values: the month table, and
the FTE bridge per month and channel whose paid hours the month table adds up.

Self-contained: the summary carries a ``kcc.capacity.CapacityPlan`` in
``StrategySummary.capacity`` (or None); ``layout`` appends :func:`capacity_section` and
``to_xlsx`` calls :func:`capacity_sheet`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import Final

import pandas as pd
from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kcc.capacity import CapacityPlan
from kcc.formatting import fmt_date, fmt_eur, fmt_month, fmt_number, fmt_pct
from kcc.report.model import StrategySummary
from kcc.report.outlook import WEEKS_PER_YEAR, people_rows
from kcc.report.sections import OPTIONAL_SECTIONS, Chart, Section, Series, Table
from kcc.report.wording import channel_name, tr_for

__all__ = ["BRIDGE_INPUT_ROW", "FIRST_ROW", "bridge_first_row", "capacity_section", "capacity_sheet",
           "with_capacity"]

#: Spreadsheet row of the first month on the capacity sheet.
FIRST_ROW: Final[int] = 9
#: Columns of the sheet's month table: (header key, number format).
_HEAD: Final[tuple[tuple[str, str], ...]] = (
    ("capacity.col_month", ""), ("capacity.xl_days", "0"), ("capacity.xl_weeks", "0.000"),
    ("capacity.col_paid_h", "#,##0.0"), ("capacity.xl_rate", "#,##0.00"), ("capacity.col_fte", "#,##0.0"),
    ("capacity.col_need_heads", "#,##0.0"), ("capacity.col_hires", "#,##0"), ("capacity.col_heads", "#,##0.0"),
    ("capacity.col_leavers", "#,##0.0"), ("capacity.col_effective", "#,##0.0"), ("capacity.col_gap", "#,##0.0"),
    ("capacity.col_cost", "#,##0"), ("capacity.col_need_cost", "#,##0"),
)
#: Spreadsheet row of the first channel's inputs on the bridge sheet (their header is the row above).
BRIDGE_INPUT_ROW: Final[int] = 4
#: Columns A-H of the bridge sheet's inputs, one row per channel: (header key, number format).
_BRIDGE_INPUTS: Final[tuple[tuple[str, str], ...]] = (
    ("report.col_channel", ""), ("capacity.xl_aht", "0.0"), ("capacity.xl_scale", "0.000"),
    ("capacity.xl_factor", "0.000"), ("capacity.field.in_shift_shrinkage", "0.0%"),
    ("capacity.field.efficiency", "0.0%"), ("capacity.field.out_of_shift_shrinkage", "0.0%"),
    ("capacity.xl_rate", "#,##0.00"),
)
#: Columns A-L of the bridge, one row per month and channel: (header key, number format).
_BRIDGE_HEAD: Final[tuple[tuple[str, str], ...]] = (
    ("capacity.col_month", ""), ("report.col_channel", ""), ("capacity.col_contacts", "#,##0"),
    ("capacity.col_workload_h", "#,##0.0"), ("capacity.xl_contact_h", "#,##0.0"),
    ("capacity.xl_in_shift_h", "#,##0.0"), ("capacity.col_required_h", "#,##0.0"),
    ("capacity.xl_cover_h", "#,##0.0"), ("capacity.col_rostered_h", "#,##0.0"),
    ("capacity.xl_out_of_shift_h", "#,##0.0"), ("capacity.col_paid_h", "#,##0.0"),
    ("capacity.xl_paid_eur", "#,##0"),
)
#: Bridge columns C-L and the plan's column each caches.
_BRIDGE_VALUES: Final[tuple[tuple[str, str], ...]] = (
    ("C", "contacts"), ("D", "workload_h"), ("E", "contact_h"), ("F", "in_shift_h"), ("G", "required_h"),
    ("H", "cover_h"), ("I", "rostered_h"), ("J", "out_of_shift_h"), ("K", "paid_h"), ("L", "paid_eur"),
)


def bridge_first_row(channels: int) -> int:
    """Spreadsheet row of the bridge sheet's first month and channel: after the inputs of
    ``channels`` channels, a blank row and the header."""
    return BRIDGE_INPUT_ROW + channels + 2


def _sheet_ref(title: str, cell: str) -> str:
    """``'Sheet name'!A1``, quotes in the name doubled."""
    return "'" + title.replace("'", "''") + "'!" + cell


def _start_fact(plan: CapacityPlan, lang: str) -> str:
    """Where the plan's heads at the start come from: stated, the roster's, or none."""
    tr, heads = tr_for(lang), plan.hiring.spec.start_heads
    if heads <= 0:
        return tr("capacity.report_start_none")
    if plan.start_roster_fte is not None:
        return tr("capacity.report_start_roster", heads=fmt_number(heads, 0, lang),
                  fte=fmt_number(plan.start_roster_fte, 1, lang),
                  per_head=fmt_number(plan.fte_spec.fte_per_head, 2, lang))
    return tr("capacity.report_start", heads=fmt_number(heads, 0, lang))


def capacity_section(plan: CapacityPlan, lang: str) -> Section:
    """The capacity and hiring plan as a section of the summary."""
    tr = tr_for(lang)
    months, totals, hiring = plan.months, plan.totals(), plan.hiring.spec
    facts = (
        tr("capacity.report_fact", months=len(months), start=fmt_date(months["month"].iloc[0].date(), lang),
           peak=fmt_number(totals["peak_need_heads"], 1, lang), hires=fmt_number(totals["hires"], 0, lang),
           cost=fmt_eur(totals["cost_eur"], lang), short=fmt_number(totals["short_months"], 0, lang)),
        _start_fact(plan, lang),
        tr("capacity.report_rule", class_size=hiring.class_size, max_classes=hiring.max_classes_per_month,
           lead=hiring.lead_time_months, attrition=fmt_pct(hiring.attrition_per_month, 1, lang),
           training=hiring.training_weeks, productivity=fmt_pct(hiring.training_productivity, 0, lang)),
    )
    labels = tuple(fmt_month(m.date(), lang) for m in months["month"])
    chart = Chart("capacity.heads", tr("capacity.chart_heads"), "line", labels, tuple(
        Series(tr(key), tuple(round(float(v), 1) for v in months[column]))
        for key, column in (("capacity.col_need_heads", "need_heads"), ("capacity.col_heads", "heads"),
                            ("capacity.col_effective", "effective_heads"))
    ), tr("capacity.axis_heads"))
    columns = (tr("capacity.col_month"), tr("capacity.col_need_heads"), tr("capacity.col_hires"),
               tr("capacity.col_heads"), tr("capacity.col_gap"), tr("capacity.col_cost"))
    rows = tuple(
        (label, fmt_number(r.need_heads, 1, lang), fmt_number(r.hires, 0, lang), fmt_number(r.heads, 1, lang),
         fmt_number(r.gap_heads, 1, lang), fmt_number(r.cost_eur, 0, lang))
        for label, r in zip(labels, months.itertuples(), strict=True)
    )
    return Section("capacity", tr("capacity.report_title"), "", facts, (Table("capacity.months", columns, rows),),
                   (chart,))


def capacity_sheet(workbook: Workbook, plan: CapacityPlan, lang: str) -> str:
    """Add the capacity sheet: inputs, then per month the hours, FTE, heads, hires and cost,
    the derived columns as formulas, each written with the model's value as its cached result
    so a viewer that does not calculate shows the numbers too; and after it the bridge sheet
    (``capacity.bridge_sheet``), whose paid hours the month table's paid hours add up.

    Returns
    -------
    str
        The sheet's title.
    """
    tr: Callable[..., str] = tr_for(lang)
    title = tr("capacity.sheet")[:31]
    ws = workbook.add_worksheet(title)
    formats: dict[str, Format] = {}

    def style(num: str) -> Format | None:
        if not num:
            return None
        if num not in formats:
            formats[num] = workbook.add_format({"num_format": num})
        return formats[num]

    spec, hiring, months = plan.fte_spec, plan.hiring.spec, plan.months
    bridge_title = tr("capacity.bridge_sheet")[:31]
    bridge_rows = _bridge_sheet(workbook.add_worksheet(bridge_title), plan, tr, lang, title, style)
    ws.write_string(0, 0, tr("capacity.report_title"))
    for row, (key, value) in enumerate((("report.xl_contract_h", spec.contract_hours_per_week),
                                        ("capacity.xl_fte_per_head", spec.fte_per_head),
                                        ("capacity.xl_attrition", hiring.attrition_per_month),
                                        ("capacity.xl_start_heads", hiring.start_heads),
                                        ("capacity.xl_cost_per_hire", hiring.cost_eur_per_hire)), start=2):
        ws.write_string(row, 0, tr(key))  # rows 3-7: $B$3 ... $B$7
        ws.write_number(row, 1, float(value))
    for col, (key, _) in enumerate(_HEAD):
        ws.write_string(FIRST_ROW - 2, col, tr(key))  # row 8
    for offset, month in enumerate(months.itertuples()):
        r = FIRST_ROW + offset
        before = "$B$6" if offset == 0 else f"I{r - 1}"
        formulas = {
            "C": (f"=B{r}/7", month.days / 7), "F": (f"=D{r}/($B$3*C{r})", month.fte),
            "G": (f"=F{r}/$B$4", month.need_heads), "I": (f"={before}*(1-$B$5)+H{r}", month.heads),
            "K": (f"=I{r}-J{r}", month.effective_heads), "L": (f"=K{r}-G{r}", month.gap_heads),
            # the plan's own hires cost a hire each; those already hired (only before the lead time) do not
            "M": (f"=I{r}*$B$4*$B$3*C{r}*E{r}" + (f"+H{r}*$B$7" if offset >= hiring.lead_time_months else ""),
                  month.cost_eur),
            "N": (f"=D{r}*E{r}", month.need_cost_eur),
        }
        values = {"B": month.days, "E": month.cost_eur_per_hour, "H": month.hires, "J": month.training_heads}
        rows = bridge_rows.get(pd.Timestamp(month.month))
        if rows is None:
            values["D"] = month.paid_h
        else:  # the month's paid hours are its channels' on the bridge sheet, its rate their EUR per hour
            formulas["D"] = (f"=SUM({_sheet_ref(bridge_title, f'K{rows[0]}:K{rows[1]}')})", month.paid_h)
            if month.paid_h > 0:
                del values["E"]
                formulas["E"] = (f"=SUM({_sheet_ref(bridge_title, f'L{rows[0]}:L{rows[1]}')})/D{r}",
                                 month.cost_eur_per_hour)
        ws.write_string(r - 1, 0, fmt_month(month.month.date(), lang))
        for col, (column, (_, num)) in enumerate(zip("ABCDEFGHIJKLMN", _HEAD, strict=True)):
            if column in formulas:
                formula, value = formulas[column]
                ws.write_formula(r - 1, col, formula, style(num), float(value))
            elif column in values:
                ws.write_number(r - 1, col, float(values[column]), style(num))
    last, total = FIRST_ROW + len(months) - 1, FIRST_ROW + len(months)
    ws.write_string(total - 1, 0, tr("report.total"))
    for col, column, name in ((7, "H", "hires"), (12, "M", "cost_eur"), (13, "N", "need_cost_eur")):
        ws.write_formula(total - 1, col, f"=SUM({column}{FIRST_ROW}:{column}{last})", style("#,##0"),
                         float(months[name].sum()))
    return title


def _bridge_sheet(ws: Worksheet, plan: CapacityPlan, tr: Callable[..., str], lang: str, capacity_title: str,
                  style: Callable[[str], Format | None]) -> dict[pd.Timestamp, tuple[int, int]]:
    """Write the FTE bridge: inputs per channel, then per month and channel contacts -> workload
    -> contact, required, rostered and paid hours -> paid EUR, each step a formula with the plan's
    value cached (the formulas of :func:`kcc.capacity.plan.capacity_plan` and
    :func:`kcc.capacity.bridge.bridge_frame`), and the steps' additions between them.

    Returns
    -------
    dict
        Per month (first day) the spreadsheet rows, first and last, of its channels.
    """
    spec, detail = plan.fte_spec, plan.channels
    # months in order, the channels of a month in the plan's order: each month's rows are adjacent
    rows = detail.sort_values("period", kind="stable").reset_index(drop=True)
    channels = list(dict.fromkeys(str(c) for c in detail["channel"]))
    aht_s, scale = dict(plan.aht_s), dict(plan.scale)
    ws.write_string(0, 0, tr("capacity.xl_bridge_title"))
    ws.write_string(1, 0, tr("capacity.xl_bridge_note", sheet=capacity_title))
    for col, (key, _) in enumerate(_BRIDGE_INPUTS):
        ws.write_string(BRIDGE_INPUT_ROW - 2, col, tr(key))
    input_row: dict[str, int] = {}
    for offset, channel in enumerate(channels):
        r = BRIDGE_INPUT_ROW + offset
        input_row[channel] = r
        first = detail[detail["channel"] == channel].iloc[0]
        ws.write_string(r - 1, 0, channel_name(channel, lang))
        # every month of a channel shares these (the plan's per-channel settings)
        for col, value in enumerate((aht_s.get(channel, 0.0), scale.get(channel, 1.0), first["factor"],
                                     spec.in_shift_shrinkage, first["efficiency"], spec.out_of_shift_shrinkage,
                                     first["cost_eur_per_hour"]), start=1):
            ws.write_number(r - 1, col, float(value), style(_BRIDGE_INPUTS[col][1]))
    start = bridge_first_row(len(channels))
    for col, (key, _) in enumerate(_BRIDGE_HEAD):
        ws.write_string(start - 2, col, tr(key))
    months: dict[pd.Timestamp, tuple[int, int]] = {}
    for offset, row in enumerate(rows.itertuples()):
        r, i = start + offset, input_row[str(row.channel)]
        period = pd.Timestamp(row.period)
        months[period] = (months.get(period, (r, r))[0], r)
        formulas = {
            # workload_h = contacts x handle time / 3600 x the scenario's scale, in the plan's order
            "D": f"=C{r}*$B${i}/3600*$C${i}", "E": f"=D{r}*$D${i}",
            "F": f"=G{r}-E{r}", "G": f"=E{r}/(1-$E${i})",  # paid_agents(contact, in-shift shrinkage)
            "H": f"=I{r}-G{r}", "I": f"=G{r}/$F${i}",  # rostered_hours(required, efficiency)
            "J": f"=K{r}-I{r}", "K": f"=I{r}/(1-$G${i})",  # paid_agents(rostered, out-of-shift shrinkage)
            "L": f"=K{r}*$H${i}",  # labour_cost_eur(paid, rate)
        }
        ws.write_string(r - 1, 0, fmt_month(period.date(), lang))
        ws.write_string(r - 1, 1, channel_name(str(row.channel), lang))
        for column, name in _BRIDGE_VALUES:
            col, value = ord(column) - ord("A"), float(getattr(row, name))
            if column in formulas:
                ws.write_formula(r - 1, col, formulas[column], style(_BRIDGE_HEAD[col][1]), value)
            else:
                ws.write_number(r - 1, col, value, style(_BRIDGE_HEAD[col][1]))
    if len(rows):
        total = start + len(rows)
        ws.write_string(total - 1, 0, tr("report.total"))
        for column, name in _BRIDGE_VALUES:
            col = ord(column) - ord("A")
            ws.write_formula(total - 1, col, f"=SUM({column}{start}:{column}{total - 1})",
                             style(_BRIDGE_HEAD[col][1]), float(rows[name].sum()))
    ws.set_column(0, 1, 14)
    ws.set_column(2, len(_BRIDGE_HEAD) - 1, 16)
    return months


def with_capacity(summary: StrategySummary, plan: CapacityPlan | None) -> StrategySummary:
    """``summary`` carrying the capacity and hiring plan; its people figures (leavers, hires,
    the day vacancies must open) then use the plan's attrition and lead time, so one deck
    holds one set of hiring assumptions. Without a plan, the Strategy page's stated ones stay.

    The plan's monthly attrition ``m`` is ``1 - (1 - m)^12`` a year; its lead time in months
    is ``months x 52 / 12`` weeks, rounded up.
    """
    if plan is None:
        return dataclasses.replace(summary, capacity=None)
    hiring = plan.hiring.spec
    choices = dataclasses.replace(
        summary.strategy, attrition_per_year=1.0 - (1.0 - hiring.attrition_per_month) ** 12,
        hiring_lead_weeks=math.ceil(hiring.lead_time_months * WEEKS_PER_YEAR / 12 - 1e-9))
    people, hire_by = people_rows(summary.channels, choices, summary.weeks, summary.period_start)
    return dataclasses.replace(summary, capacity=plan, strategy=choices, people=people, hire_by=hire_by)


def _summary_section(summary: StrategySummary) -> Section | None:
    return None if summary.capacity is None else capacity_section(summary.capacity, summary.language)


OPTIONAL_SECTIONS.append(_summary_section)
