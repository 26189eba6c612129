"""The summary as a planner's workbook: key facts, inputs, the budget with formulas and the
scenario's interval plan."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from kcc.config import CHANNELS
from kcc.formatting import FORMULA_START
from kcc.report.capacity import capacity_sheet, with_cached_values
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
    ("service_level", "common.kpi_sl_roster", 100.0),
    ("asa_s", "report.xl_asa", 1.0),
    ("p_abandon", "common.kpi_abandon_roster", 100.0),
    ("occupancy", "report.xl_occupancy", 100.0),
)


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
    columns: list[list[Any]] = []
    for name, _, scale in _PLAN_COLUMNS:
        if name == "gap":
            rostered, required = letter["rostered"], letter["required_scheduled"]
            columns.append([f"={rostered}{r}-{required}{r}" for r in range(3, 3 + len(rows))])
            continue
        values = rows[name].to_numpy(float) * scale if name in rows else np.full(len(rows), np.nan)
        values = np.round(values, 3)
        columns.append([None if not math.isfinite(v) else v for v in values.tolist()])
    return [[names[i], local[i], *(col[i] for col in columns)] for i in range(len(rows))], truncated


def _sheet_ref(title: str, cell: str) -> str:
    """``'Sheet name'!A1``, quotes in the name doubled."""
    return "'" + title.replace("'", "''") + "'!" + cell


def _clean(value: Any) -> Any:
    """A value openpyxl can write: no NaN, no numpy scalars."""
    if value is None:
        return None
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


_BOLD: Final[Font] = Font(bold=True)
_HEAD_FILL: Final[PatternFill] = PatternFill("solid", fgColor="E1E8F0")
#: Header keys of the budget sheets after the period column (columns B to P).
_BUDGET_HEAD: Final[tuple[str, ...]] = (
    "report.col_channel", "report.xl_weeks", "report.xl_hours_base", "report.xl_hours_scen",
    "report.xl_hours_rostered", "report.xl_contract_h", "report.xl_rate_base", "report.xl_rate_scen",
    "report.xl_fte_base", "report.xl_fte_scen", "report.xl_fte_rostered", "report.xl_cost_base",
    "report.xl_cost_scen", "report.xl_cost_rostered", "report.xl_cost_delta",
)


@dataclass(frozen=True)
class _Inputs:
    """Where the inputs sheet holds what the budget formulas refer to."""

    title: str
    #: Channel -> (baseline, scenario) loaded hourly rate, as written. [EUR/h]
    rates: dict[str, tuple[float, float]]
    #: Channel -> spreadsheet row of its rates.
    rate_row: dict[str, int]
    #: Absolute reference of the contract hours.
    contract_ref: str


def _cell(ws: Any, value: Any, *, fmt: str | None = None, strong: bool = False, head: bool = False,
          formula: bool = False) -> Cell:
    """A styled cell; text stays text unless ``formula``."""
    item = WriteOnlyCell(ws, value=_clean(value))
    if isinstance(item.value, str) and not formula:
        # Text (a title, a scenario or user name, a typed paragraph) stays text even when
        # it starts like a formula; only the workbook's own formulas are formulas.
        item.data_type = "s"
        item.quotePrefix = item.value.startswith(FORMULA_START)
    if fmt:
        item.number_format = fmt
    if strong or head:
        item.font = _BOLD
    if head:
        item.fill = _HEAD_FILL
    return item


def _set_widths(ws: Any, values: Sequence[float]) -> None:
    for index, width in enumerate(values, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _summary_sheet(wb: Workbook, summary: StrategySummary, tr: Callable[..., str]) -> None:
    """The facts a reader sees first."""
    ws = wb.create_sheet(tr("report.sheet_summary"))
    _set_widths(ws, [110])
    ws.append([_cell(ws, summary.title, strong=True)])
    ws.append([_cell(ws, subtitle(summary))])
    ws.append([_cell(ws, prepared_line(summary))])
    for section in layout(summary):
        ws.append([])
        ws.append([_cell(ws, section.title, strong=True)])
        for text, bullet in facts_and_text(section):
            ws.append([_cell(ws, ("- " if bullet else "") + text)])


def _inputs_sheet(wb: Workbook, summary: StrategySummary, tr: Callable[..., str]) -> _Inputs:
    """The inputs every formula refers to: contract hours and each channel's hourly rates."""
    lang = summary.language
    title = tr("report.sheet_inputs")
    ws = wb.create_sheet(title)
    _set_widths(ws, [36, 22, 22])
    ws.append([_cell(ws, tr("report.xl_contract_h"), strong=True),
               _cell(ws, summary.contract_hours_per_week, fmt="0.0")])
    ws.append([])
    ws.append([_cell(ws, tr("report.col_channel"), head=True), _cell(ws, tr("report.xl_rate_base"), head=True),
               _cell(ws, tr("report.xl_rate_scen"), head=True)])
    rates: dict[str, tuple[float, float]] = {}
    for row in (*summary.monthly, *summary.weekly):
        rates.setdefault(row.channel, (row.rate_base_eur_per_hour, row.rate_scen_eur_per_hour))
    rate_row: dict[str, int] = {}
    for offset, (channel, (base_rate, scen_rate)) in enumerate(rates.items()):
        ws.append([_cell(ws, channel_name(channel, lang)), _cell(ws, base_rate, formula=True, fmt="#,##0.00"),
                   _cell(ws, scen_rate, formula=True, fmt="#,##0.00")])
        rate_row[channel] = 4 + offset
    return _Inputs(title, rates, rate_row, _sheet_ref(title, "$B$1"))


def _budget_row(ws: Any, row: BudgetRow, r: int, inputs: _Inputs, lang: str) -> list[Any]:
    """Spreadsheet row ``r`` of a budget sheet: hours as numbers, FTE and cost as formulas."""
    at = inputs.rate_row[row.channel]
    same = inputs.rates[row.channel] == (row.rate_base_eur_per_hour, row.rate_scen_eur_per_hour)
    base_rate = f"={_sheet_ref(inputs.title, f'$B${at}')}" if same else row.rate_base_eur_per_hour
    scen_rate = f"={_sheet_ref(inputs.title, f'$C${at}')}" if same else row.rate_scen_eur_per_hour
    return [
        _cell(ws, row.period),
        _cell(ws, channel_name(row.channel, lang)),
        _cell(ws, row.weeks, fmt="0.000"),
        _cell(ws, row.hours_base_h, fmt="#,##0.0"),
        _cell(ws, row.hours_scen_h, fmt="#,##0.0"),
        _cell(ws, row.hours_rostered_h, fmt="#,##0.0"),
        _cell(ws, f"={inputs.contract_ref}", formula=True, fmt="0.0"),
        _cell(ws, base_rate, formula=True, fmt="#,##0.00"),
        _cell(ws, scen_rate, formula=True, fmt="#,##0.00"),
        # FTE = hours / (contract hours x weeks)
        _cell(ws, f"=D{r}/(G{r}*C{r})", formula=True, fmt="#,##0.0"),
        _cell(ws, f"=E{r}/(G{r}*C{r})", formula=True, fmt="#,##0.0"),
        _cell(ws, f"=F{r}/(G{r}*C{r})", formula=True, fmt="#,##0.0"),
        # cost = FTE x contract hours x weeks x rate
        _cell(ws, f"=J{r}*G{r}*C{r}*H{r}", formula=True, fmt="#,##0"),
        _cell(ws, f"=K{r}*G{r}*C{r}*I{r}", formula=True, fmt="#,##0"),
        _cell(ws, f"=L{r}*G{r}*C{r}*H{r}", formula=True, fmt="#,##0"),
        _cell(ws, f"=N{r}-M{r}", formula=True, fmt="#,##0"),
    ]


def _budget_sheet(wb: Workbook, summary: StrategySummary, tr: Callable[..., str], sheet_key: str,
                  period_key: str, rows: Sequence[BudgetRow], inputs: _Inputs) -> None:
    """The budget per week or per month and channel, with a total row of sums."""
    ws = wb.create_sheet(tr(sheet_key))
    ws.freeze_panes = "C2"
    _set_widths(ws, [11, 13, 10, 16, 16, 16, 16, 14, 14, 11, 11, 11, 16, 16, 16, 16])
    ws.append([_cell(ws, tr(period_key), head=True), *(_cell(ws, tr(key), head=True) for key in _BUDGET_HEAD)])
    first = 2
    for r, row in enumerate(rows, start=first):
        ws.append(_budget_row(ws, row, r, inputs, summary.language))
    last, total = first + len(rows) - 1, first + len(rows)
    ws.append([
        _cell(ws, tr("report.total"), strong=True),
        None,
        # the period's length, not the sum over channels, so total FTE is an average
        _cell(ws, summary.weeks, fmt="0.000", strong=True),
        *(_cell(ws, f"=SUM({c}{first}:{c}{last})", formula=True, fmt="#,##0.0", strong=True) for c in "DEF"),
        _cell(ws, f"={inputs.contract_ref}", formula=True, fmt="0.0", strong=True),
        None,
        None,
        *(_cell(ws, f"={h}{total}/(G{total}*C{total})", formula=True, fmt="#,##0.0", strong=True) for h in "DEF"),
        *(_cell(ws, f"=SUM({c}{first}:{c}{last})", formula=True, fmt="#,##0", strong=True) for c in "MNOP"),
    ])


def _plan_sheet(wb: Workbook, summary: StrategySummary, tr: Callable[..., str]) -> None:
    """The scenario's interval plan, busy intervals only, from spreadsheet row 3."""
    ws = wb.create_sheet(tr("report.sheet_plan"))
    ws.freeze_panes = "C3"
    _set_widths(ws, [13, 19, *([14] * len(_PLAN_COLUMNS))])
    ws.append([_cell(ws, tr("report.xl_plan_note", scenario=summary.scenario_name))])  # row 1; data from row 3
    ws.append([_cell(ws, tr("report.col_channel"), head=True), _cell(ws, tr("report.xl_interval"), head=True),
               *(_cell(ws, tr(key), head=True) for _, key, _ in _PLAN_COLUMNS)])
    plan = summary.interval_plan
    if plan is not None and len(plan):
        rows_, truncated = _plan_rows(plan, summary.language)
        for name, start, *values in rows_:
            # the gap is the one formula of a plan row
            ws.append([_cell(ws, name), start, *(_cell(ws, v, formula=True) if isinstance(v, str) else v
                                                 for v in values)])
        if truncated:
            ws.append([_cell(ws, tr("report.xl_truncated", rows=MAX_PLAN_ROWS))])


def to_xlsx(summary: StrategySummary) -> bytes:
    """The summary as a planner's workbook.

    Sheets: a summary (the key facts), the inputs (contract hours, loaded hourly rates), the
    budget per week and per month with formulas (FTE = hours / (contract hours x weeks), cost =
    FTE x contract hours x weeks x rate, totals with SUM), and the scenario's interval plan
    (forecast, required, rostered, gap = rostered - required as a formula, achieved KPIs).

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
    wb = Workbook(write_only=True)
    _summary_sheet(wb, summary, tr)
    inputs = _inputs_sheet(wb, summary, tr)
    for sheet_key, period_key, rows in (
        ("report.sheet_week", "report.col_week", summary.weekly),
        ("report.sheet_month", "report.col_month", summary.monthly),
    ):
        _budget_sheet(wb, summary, tr, sheet_key, period_key, rows, inputs)
    _plan_sheet(wb, summary, tr)
    cached = capacity_sheet(wb, summary.capacity, summary.language) if summary.capacity is not None else None
    wb.calculation.fullCalcOnLoad = True  # the budget's formulas carry no cached values; compute on open
    out = io.BytesIO()
    wb.save(out)
    if cached is None:
        return out.getvalue()
    return with_cached_values(out.getvalue(), len(wb.worksheets), cached[1])
