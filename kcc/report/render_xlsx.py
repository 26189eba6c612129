"""The summary as a planner's workbook: key facts, inputs, the budget with formulas and the
scenario's interval plan.

Every formula is written with its value (XlsxWriter's cached result), worked out here from the
same numbers the sheet holds, so a viewer that does not calculate (a mail preview, a phone, a
reader library) shows the numbers too; Excel and LibreOffice calculate again on opening.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

import numpy as np
import pandas as pd
from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kcc.config import CHANNELS
from kcc.formatting import FORMULA_START
from kcc.report.capacity import capacity_sheet
from kcc.report.model import BudgetRow, StrategySummary
from kcc.report.sections import facts_and_text, layout, prepared_line, subtitle
from kcc.report.wording import channel_name, tr_for

#: Most interval rows written to the workbook; a year of 15-minute intervals for five channels fits.
MAX_PLAN_ROWS: Final[int] = 200_000

#: Interval-plan columns of the workbook after channel and interval start: (Plan-contract
#: column, text key, scale). Shares are written as percentages (scale 100), like on screen.
_PLAN_COLUMNS: Final[tuple[tuple[str, str, float], ...]] = (
    ("volume", "report.xl_volume", 1.0),
    ("volume_hi", "report.xl_volume_hi", 1.0),
    ("aht_s", "report.xl_aht", 1.0),
    ("required", "report.xl_required", 1.0),
    ("required_scheduled", "report.xl_required_scheduled", 1.0),
    ("rostered", "report.xl_rostered", 1.0),
    ("gap", "report.xl_gap", 1.0),
    ("service_level", "report.kpi_in_time_roster", 100.0),
    ("asa_s", "report.xl_asa", 1.0),
    ("p_abandon", "report.kpi_abandoned_roster", 100.0),
    ("occupancy", "report.xl_occupancy", 100.0),
)


@dataclass(frozen=True)
class _Formula:
    """A formula with the value it gives on the sheet's own numbers."""

    text: str
    value: float | None


def _plan_rows(plan: pd.DataFrame, lang: str) -> tuple[list[list[Any]], bool]:
    """Rows of the interval-plan sheet, from spreadsheet row 3 on, and whether rows were cut.

    Intervals with nothing in them (closed, no roster) are left out: they hold no decision
    and would make the workbook slow to write and to scroll. ``gap`` is a formula.
    """
    busy = np.zeros(len(plan), dtype=bool)
    for name in ("volume", "required_scheduled", "rostered"):
        if name in plan:
            busy |= plan[name].fillna(0.0).to_numpy(float) > 0
    order = plan["channel"].map({c: i for i, c in enumerate(CHANNELS)}).fillna(len(CHANNELS))
    rows = plan[busy].assign(_order=order[busy]).sort_values(["_order", "ds"], kind="stable")
    truncated = len(rows) > MAX_PLAN_ROWS
    rows = rows.iloc[:MAX_PLAN_ROWS]
    ds = pd.to_datetime(rows["ds"])
    local = (ds.dt.tz_localize(None) if ds.dt.tz is not None else ds).dt.to_pydatetime().tolist()
    names = [channel_name(c, lang) for c in rows["channel"]]
    letter = {name: chr(ord("C") + i) for i, (name, _, _) in enumerate(_PLAN_COLUMNS)}
    values_of: dict[str, list[Any]] = {}
    for name, _, scale in _PLAN_COLUMNS:
        if name == "gap":
            continue
        values = rows[name].to_numpy(float) * scale if name in rows else np.full(len(rows), np.nan)
        values = np.round(values, 3)
        values_of[name] = [None if not math.isfinite(v) else v for v in values.tolist()]
    rostered, required = values_of["rostered"], values_of["required_scheduled"]
    values_of["gap"] = [
        _Formula(f"={letter['rostered']}{r}-{letter['required_scheduled']}{r}",
                 (rostered[i] or 0.0) - (required[i] or 0.0))
        for i, r in enumerate(range(3, 3 + len(rows)))
    ]
    columns = [values_of[name] for name, _, _ in _PLAN_COLUMNS]
    return [[names[i], local[i], *(col[i] for col in columns)] for i in range(len(rows))], truncated


def _sheet_ref(title: str, cell: str) -> str:
    """``'Sheet name'!A1``, quotes in the name doubled."""
    return "'" + title.replace("'", "''") + "'!" + cell


def _clean(value: Any) -> Any:
    """A value the workbook can hold: no NaN, no numpy scalars."""
    if value is None:
        return None
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


#: Header keys of the budget sheets after the period column (columns B to P).
_BUDGET_HEAD: Final[tuple[str, ...]] = (
    "report.col_channel", "report.xl_weeks", "report.xl_hours_base", "report.xl_hours_scen",
    "report.xl_hours_rostered", "report.xl_contract_h", "report.xl_rate_base", "report.xl_rate_scen",
    "report.xl_fte_base", "report.xl_fte_scen", "report.xl_fte_rostered", "report.xl_cost_base",
    "report.xl_cost_scen", "report.xl_cost_rostered", "report.xl_cost_delta",
)


@dataclass
class _Book:
    """The workbook being written and its cell formats, made once per kind."""

    workbook: Any
    formats: dict[tuple[str | None, bool, bool, bool], Format] = field(default_factory=dict)

    def style(self, num: str | None = None, *, strong: bool = False, head: bool = False,
              quote: bool = False) -> Format | None:
        key = (num, strong or head, head, quote)
        if key == (None, False, False, False):
            return None
        if key not in self.formats:
            props: dict[str, Any] = {}
            if num:
                props["num_format"] = num
            if strong or head:
                props["bold"] = True
            if head:
                props.update(bg_color="#E1E8F0", pattern=1)
            if quote:
                props["quote_prefix"] = True
            self.formats[key] = self.workbook.add_format(props)
        return self.formats[key]

    def put(self, ws: Worksheet, row: int, col: int, value: Any, *, num: str | None = None,
            strong: bool = False, head: bool = False) -> None:
        """Write one cell (0-based): text stays text, a ``_Formula`` is a formula with its value."""
        value = _clean(value)
        if value is None:
            return
        if isinstance(value, _Formula):
            cached = _clean(value.value)
            ws.write_formula(row, col, value.text, self.style(num, strong=strong, head=head),
                             cached if cached is not None else "")
        elif isinstance(value, str):
            # Text (a title, a scenario or user name, a typed paragraph) stays text even when
            # it starts like a formula; only the workbook's own formulas are formulas.
            ws.write_string(row, col, value, self.style(num, strong=strong, head=head,
                                                        quote=value.startswith(FORMULA_START)))
        elif isinstance(value, datetime):
            ws.write_datetime(row, col, value, self.style(num or "yyyy-mm-dd hh:mm", strong=strong, head=head))
        else:
            ws.write_number(row, col, float(value), self.style(num, strong=strong, head=head))

    def put_row(self, ws: Worksheet, row: int, values: Sequence[Any], **style: Any) -> None:
        for col, value in enumerate(values):
            self.put(ws, row, col, value, **style)


def _set_widths(ws: Worksheet, values: Sequence[float]) -> None:
    for index, width in enumerate(values):
        ws.set_column(index, index, width)


@dataclass(frozen=True)
class _Inputs:
    """Where the inputs sheet holds what the budget formulas refer to."""

    title: str
    #: Channel -> (baseline, scenario) loaded hourly rate, as written. [EUR/h]
    rates: dict[str, tuple[float, float]]
    #: Channel -> spreadsheet row of its rates.
    rate_row: dict[str, int]
    #: Absolute reference of the contract hours, and their value.
    contract_ref: str
    contract_h: float


def _summary_sheet(book: _Book, summary: StrategySummary, tr: Callable[..., str]) -> None:
    """The facts a reader sees first."""
    ws = book.workbook.add_worksheet(tr("report.sheet_summary"))
    _set_widths(ws, [110])
    lines: list[tuple[str, bool]] = [(summary.title, True), (subtitle(summary), False),
                                     (prepared_line(summary), False)]
    for section in layout(summary):
        lines += [("", False), (section.title, True)]
        lines += [(("- " if bullet else "") + text, False) for text, bullet in facts_and_text(section)]
    for row, (text, strong) in enumerate(lines):
        if text:
            book.put(ws, row, 0, text, strong=strong)


def _inputs_sheet(book: _Book, summary: StrategySummary, tr: Callable[..., str]) -> _Inputs:
    """The inputs every formula refers to: contract hours and each channel's hourly rates."""
    lang = summary.language
    title = tr("report.sheet_inputs")
    ws = book.workbook.add_worksheet(title)
    _set_widths(ws, [36, 22, 22])
    book.put(ws, 0, 0, tr("report.xl_contract_h"), strong=True)
    book.put(ws, 0, 1, summary.contract_hours_per_week, num="0.0")
    book.put_row(ws, 2, [tr("report.col_channel"), tr("report.xl_rate_base"), tr("report.xl_rate_scen")], head=True)
    rates: dict[str, tuple[float, float]] = {}
    for row in (*summary.monthly, *summary.weekly):
        rates.setdefault(row.channel, (row.rate_base_eur_per_hour, row.rate_scen_eur_per_hour))
    rate_row: dict[str, int] = {}
    for offset, (channel, (base_rate, scen_rate)) in enumerate(rates.items()):
        book.put(ws, 3 + offset, 0, channel_name(channel, lang))
        book.put(ws, 3 + offset, 1, base_rate, num="#,##0.00")
        book.put(ws, 3 + offset, 2, scen_rate, num="#,##0.00")
        rate_row[channel] = 4 + offset
    return _Inputs(title, rates, rate_row, _sheet_ref(title, "$B$1"), float(summary.contract_hours_per_week))


def _budget_row(row: BudgetRow, r: int, inputs: _Inputs, lang: str) -> list[tuple[Any, str | None]]:
    """Spreadsheet row ``r`` of a budget sheet: hours as numbers, FTE and cost as formulas
    with their values."""
    at = inputs.rate_row[row.channel]
    same = inputs.rates[row.channel] == (row.rate_base_eur_per_hour, row.rate_scen_eur_per_hour)
    base, scen = row.rate_base_eur_per_hour, row.rate_scen_eur_per_hour
    base_rate: Any = _Formula(f"={_sheet_ref(inputs.title, f'$B${at}')}", base) if same else base
    scen_rate: Any = _Formula(f"={_sheet_ref(inputs.title, f'$C${at}')}", scen) if same else scen
    contract, weeks = inputs.contract_h, row.weeks
    # FTE = hours / (contract hours x weeks); cost = FTE x contract hours x weeks x rate: the
    # values in the order the formulas compute them
    fte = [hours / (contract * weeks) if contract * weeks else None
           for hours in (row.hours_base_h, row.hours_scen_h, row.hours_rostered_h)]
    cost = [f * contract * weeks * rate if f is not None else None
            for f, rate in zip(fte, (base, scen, base), strict=True)]
    delta = cost[1] - cost[0] if cost[0] is not None and cost[1] is not None else None
    return [
        (row.period, None), (channel_name(row.channel, lang), None), (row.weeks, "0.000"),
        (row.hours_base_h, "#,##0.0"), (row.hours_scen_h, "#,##0.0"), (row.hours_rostered_h, "#,##0.0"),
        (_Formula(f"={inputs.contract_ref}", contract), "0.0"),
        (base_rate, "#,##0.00"), (scen_rate, "#,##0.00"),
        (_Formula(f"=D{r}/(G{r}*C{r})", fte[0]), "#,##0.0"),
        (_Formula(f"=E{r}/(G{r}*C{r})", fte[1]), "#,##0.0"),
        (_Formula(f"=F{r}/(G{r}*C{r})", fte[2]), "#,##0.0"),
        (_Formula(f"=J{r}*G{r}*C{r}*H{r}", cost[0]), "#,##0"),
        (_Formula(f"=K{r}*G{r}*C{r}*I{r}", cost[1]), "#,##0"),
        (_Formula(f"=L{r}*G{r}*C{r}*H{r}", cost[2]), "#,##0"),
        (_Formula(f"=N{r}-M{r}", delta), "#,##0"),
    ]


def _budget_sheet(book: _Book, summary: StrategySummary, tr: Callable[..., str], sheet_key: str,
                  period_key: str, rows: Sequence[BudgetRow], inputs: _Inputs) -> None:
    """The budget per week or per month and channel, with a total row of sums."""
    ws = book.workbook.add_worksheet(tr(sheet_key))
    ws.freeze_panes(1, 2)
    _set_widths(ws, [11, 13, 10, 16, 16, 16, 16, 14, 14, 11, 11, 11, 16, 16, 16, 16])
    book.put_row(ws, 0, [tr(period_key), *(tr(key) for key in _BUDGET_HEAD)], head=True)
    first = 2
    written: list[list[tuple[Any, str | None]]] = []
    for r, row in enumerate(rows, start=first):
        cells = _budget_row(row, r, inputs, summary.language)
        written.append(cells)
        for col, (value, num) in enumerate(cells):
            book.put(ws, r - 1, col, value, num=num)
    last, total = first + len(rows) - 1, first + len(rows)

    def column_sum(col: int) -> float:
        values = [cells[col][0] for cells in written]
        numbers = [v.value if isinstance(v, _Formula) else v for v in values]
        return float(sum(float(v) for v in numbers if v is not None))

    sums = {c: column_sum(ord(c) - ord("A")) for c in "DEFMNOP"}
    contract, weeks = inputs.contract_h, summary.weeks
    book.put(ws, total - 1, 0, tr("report.total"), strong=True)
    # the period's length, not the sum over channels, so total FTE is an average
    book.put(ws, total - 1, 2, weeks, num="0.000", strong=True)
    for c in "DEF":
        book.put(ws, total - 1, ord(c) - ord("A"), _Formula(f"=SUM({c}{first}:{c}{last})", sums[c]),
                 num="#,##0.0", strong=True)
    book.put(ws, total - 1, 6, _Formula(f"={inputs.contract_ref}", contract), num="0.0", strong=True)
    for h, c in zip("DEF", "JKL", strict=True):
        value = sums[h] / (contract * weeks) if contract * weeks else None
        book.put(ws, total - 1, ord(c) - ord("A"), _Formula(f"={h}{total}/(G{total}*C{total})", value),
                 num="#,##0.0", strong=True)
    for c in "MNOP":
        book.put(ws, total - 1, ord(c) - ord("A"), _Formula(f"=SUM({c}{first}:{c}{last})", sums[c]),
                 num="#,##0", strong=True)


def _plan_sheet(book: _Book, summary: StrategySummary, tr: Callable[..., str]) -> None:
    """The scenario's interval plan, busy intervals only, from spreadsheet row 3."""
    ws = book.workbook.add_worksheet(tr("report.sheet_plan"))
    ws.freeze_panes(2, 2)
    _set_widths(ws, [13, 19, *([14] * len(_PLAN_COLUMNS))])
    book.put(ws, 0, 0, tr("report.xl_plan_note", scenario=summary.scenario_name))  # row 1; data from row 3
    book.put_row(ws, 1, [tr("report.col_channel"), tr("report.xl_interval"), *(tr(key) for _, key, _ in _PLAN_COLUMNS)],
                 head=True)
    plan = summary.interval_plan
    if plan is not None and len(plan):
        rows_, truncated = _plan_rows(plan, summary.language)
        for index, values in enumerate(rows_):
            book.put_row(ws, 2 + index, values)
        if truncated:
            book.put(ws, 2 + len(rows_), 0, tr("report.xl_truncated", rows=MAX_PLAN_ROWS))


def to_xlsx(summary: StrategySummary) -> bytes:
    """The summary as a planner's workbook.

    Sheets: a summary (the key facts), the inputs (contract hours, loaded hourly rates), the
    budget per week and per month with formulas (FTE = hours / (contract hours x weeks), cost =
    FTE x contract hours x weeks x rate, totals with SUM), and the scenario's interval plan
    (forecast, required, rostered, gap = rostered - required as a formula, achieved KPIs).
    Every formula carries its value, so viewers that do not calculate show numbers.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    bytes
        The ``.xlsx`` file.
    """
    tr = tr_for(summary.language)
    out = io.BytesIO()
    workbook = Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                              "strings_to_numbers": False})
    book = _Book(workbook)
    _summary_sheet(book, summary, tr)
    inputs = _inputs_sheet(book, summary, tr)
    for sheet_key, period_key, rows in (
        ("report.sheet_week", "report.col_week", summary.weekly),
        ("report.sheet_month", "report.col_month", summary.monthly),
    ):
        _budget_sheet(book, summary, tr, sheet_key, period_key, rows, inputs)
    _plan_sheet(book, summary, tr)
    if summary.capacity is not None:
        capacity_sheet(workbook, summary.capacity, summary.language)
    workbook.close()  # XlsxWriter marks the workbook to calculate again when Excel opens it
    return out.getvalue()
