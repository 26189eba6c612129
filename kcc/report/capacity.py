"""The board summary's capacity and hiring plan: one section (facts, a chart of heads per month,
a table) and one workbook sheet with formulas and their cached values.

Self-contained: the summary carries a ``kcc.capacity.CapacityPlan`` in
``StrategySummary.capacity`` (or None); ``layout`` appends :func:`capacity_section` and
``to_xlsx`` calls :func:`capacity_sheet`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import Final

from xlsxwriter import Workbook
from xlsxwriter.format import Format

from kcc.capacity import CapacityPlan
from kcc.formatting import fmt_date, fmt_eur, fmt_month, fmt_number, fmt_pct
from kcc.report.model import StrategySummary
from kcc.report.outlook import WEEKS_PER_YEAR, people_rows
from kcc.report.sections import OPTIONAL_SECTIONS, Chart, Section, Series, Table
from kcc.report.wording import tr_for

__all__ = ["FIRST_ROW", "capacity_section", "capacity_sheet", "with_capacity"]

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


def capacity_section(plan: CapacityPlan, lang: str) -> Section:
    """The capacity and hiring plan as a section of the summary."""
    tr = tr_for(lang)
    months, totals, hiring = plan.months, plan.totals(), plan.hiring.spec
    facts = (
        tr("capacity.report_fact", months=len(months), start=fmt_date(months["month"].iloc[0].date(), lang),
           peak=fmt_number(totals["peak_need_heads"], 1, lang), hires=fmt_number(totals["hires"], 0, lang),
           cost=fmt_eur(totals["cost_eur"], lang), short=fmt_number(totals["short_months"], 0, lang)),
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
    so a viewer that does not calculate shows the numbers too.

    Returns
    -------
    str
        The sheet's title.
    """
    tr: Callable[..., str] = tr_for(lang)
    title = tr("capacity.sheet")
    ws = workbook.add_worksheet(title[:31])
    formats: dict[str, Format] = {}

    def style(num: str) -> Format | None:
        if not num:
            return None
        if num not in formats:
            formats[num] = workbook.add_format({"num_format": num})
        return formats[num]

    spec, hiring, months = plan.fte_spec, plan.hiring.spec, plan.months
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
        values = {"B": month.days, "D": month.paid_h, "E": month.cost_eur_per_hour,
                  "H": month.hires, "J": month.training_heads}
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
