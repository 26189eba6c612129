"""The board summary's capacity and hiring plan: one section (facts, a chart of heads per month,
a table) and one workbook sheet with formulas and their cached values.

Self-contained: the summary carries a ``kcc.capacity.CapacityPlan`` in
``StrategySummary.capacity`` (or None); ``layout`` appends :func:`capacity_section` and
``to_xlsx`` calls :func:`capacity_sheet` and :func:`with_cached_values`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from kcc.capacity import CapacityPlan
from kcc.formatting import fmt_date, fmt_eur, fmt_month, fmt_number, fmt_pct
from kcc.report.model import StrategySummary
from kcc.report.sections import OPTIONAL_SECTIONS, Chart, Section, Series, Table
from kcc.report.wording import tr_for

__all__ = ["FIRST_ROW", "capacity_section", "capacity_sheet", "with_cached_values"]

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


def _cell(ws: Any, value: Any, fmt: str = "", *, text: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if text:
        cell.data_type = "s"
    if fmt:
        cell.number_format = fmt
    return cell


def capacity_sheet(wb: Workbook, plan: CapacityPlan, lang: str) -> tuple[str, dict[str, float]]:
    """Add the capacity sheet: inputs, then per month the hours, FTE, heads, hires and cost,
    the derived columns as formulas.

    Returns
    -------
    (str, dict)
        The sheet's title and the model's value of every formula cell by reference, for
        :func:`with_cached_values`.
    """
    tr: Callable[..., str] = tr_for(lang)
    title = tr("capacity.sheet")
    ws = wb.create_sheet(title)
    spec, hiring, months = plan.fte_spec, plan.hiring.spec, plan.months
    ws.append([_cell(ws, tr("capacity.report_title"), text=True)])
    ws.append([])
    for key, value in (("report.xl_contract_h", spec.contract_hours_per_week),
                       ("capacity.xl_fte_per_head", spec.fte_per_head),
                       ("capacity.xl_attrition", hiring.attrition_per_month),
                       ("capacity.xl_start_heads", hiring.start_heads),
                       ("capacity.xl_cost_per_hire", hiring.cost_eur_per_hire)):
        ws.append([_cell(ws, tr(key), text=True), value])  # rows 3-7: $B$3 ... $B$7
    ws.append([_cell(ws, tr(key), text=True) for key, _ in _HEAD])  # row 8
    cached: dict[str, float] = {}
    for offset, row in enumerate(months.itertuples()):
        r = FIRST_ROW + offset
        before = "$B$6" if offset == 0 else f"I{r - 1}"
        formulas = {
            "C": (f"=B{r}/7", row.days / 7), "F": (f"=D{r}/($B$3*C{r})", row.fte),
            "G": (f"=F{r}/$B$4", row.need_heads), "I": (f"={before}*(1-$B$5)+H{r}", row.heads),
            "K": (f"=I{r}-J{r}", row.effective_heads), "L": (f"=K{r}-G{r}", row.gap_heads),
            # the plan's own hires cost a hire each; those already hired (only before the lead time) do not
            "M": (f"=I{r}*$B$4*$B$3*C{r}*E{r}" + (f"+H{r}*$B$7" if offset >= hiring.lead_time_months else ""),
                  row.cost_eur),
            "N": (f"=D{r}*E{r}", row.need_cost_eur),
        }
        values = {"A": fmt_month(row.month.date(), lang), "B": row.days, "D": row.paid_h, "E": row.cost_eur_per_hour,
                  "H": row.hires, "J": row.training_heads}
        cells = []
        for column, (_, fmt) in zip("ABCDEFGHIJKLMN", _HEAD, strict=True):
            if column in formulas:
                formula, value = formulas[column]
                cells.append(_cell(ws, formula, fmt))
                cached[f"{column}{r}"] = float(value)
            else:
                cells.append(_cell(ws, values[column], fmt, text=column == "A"))
        ws.append(cells)
    last, total = FIRST_ROW + len(months) - 1, FIRST_ROW + len(months)
    ws.append([_cell(ws, tr("report.total"), text=True), *([None] * 6),
               _cell(ws, f"=SUM(H{FIRST_ROW}:H{last})", "#,##0"), *([None] * 4),
               _cell(ws, f"=SUM(M{FIRST_ROW}:M{last})", "#,##0"), _cell(ws, f"=SUM(N{FIRST_ROW}:N{last})", "#,##0")])
    cached[f"H{total}"] = float(months["hires"].sum())
    cached[f"M{total}"] = float(months["cost_eur"].sum())
    cached[f"N{total}"] = float(months["need_cost_eur"].sum())
    return title, cached


def with_cached_values(xlsx: bytes, sheet_number: int, values: Mapping[str, float]) -> bytes:
    """``xlsx`` with the model's values written as the cached results of formula cells of sheet
    ``sheet_number`` (1-based), so a reader that does not calculate (a previewer, a script
    reading cached values) sees the numbers; Excel and LibreOffice calculate them again."""
    name = f"xl/worksheets/sheet{sheet_number}.xml"
    pattern = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>')

    def fill(match: re.Match[str]) -> str:
        ref = match.group(1)
        if ref not in values:
            return match.group(0)
        return f'<c r="{ref}"{match.group(2)}><f>{match.group(3)}</f><v>{values[ref]!r}</v></c>'

    source, out = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == name:
                data = pattern.sub(fill, data.decode("utf-8")).encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


def _summary_section(summary: StrategySummary) -> Section | None:
    return None if summary.capacity is None else capacity_section(summary.capacity, summary.language)


OPTIONAL_SECTIONS.append(_summary_section)
