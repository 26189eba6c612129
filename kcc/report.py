"""The contact-strategy summary for the board: one model, five file formats.

``build_summary`` turns the evaluations of the baseline and of the chosen scenario
(``kcc.scenarios.evaluate_scenario``: their interval plans per the Plan contract in
``docs/ARCHITECTURE.md``, reachability and stress test), the plan settings and the user's
wording into a frozen ``StrategySummary``. ``layout`` lays a summary out as sections of key facts, tables and charts;
every renderer draws those same sections, so the deck, the PDF, the web page and the Markdown
say the same thing:

========  ====================================================================================
format    renderer
========  ====================================================================================
pptx      ``to_pptx``: a title slide and one slide per section; native, editable charts and
          tables (python-pptx)
pdf       ``to_pdf``: a printable report, charts drawn with fpdf2 primitives
xlsx      ``to_xlsx``: the interval plan and the weekly and monthly budget, with formulas
          (FTE = hours / (contract hours x weeks), cost = FTE x contract hours x weeks x rate)
html      ``to_html``: self-contained, interactive plotly charts with plotly.js inlined
md        ``to_markdown``: headings, bullets and pipe tables (chart data as tables)
========  ====================================================================================

The module is pure: no Streamlit, no SQL. Shares are fractions 0..1 in the model and
percentages only in what is rendered.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
import pandas as pd

from kcc.config import CHANNELS
from kcc.formatting import (
    FORMULA_START, escape_markdown, escape_plotly, fmt_date, fmt_eur, fmt_number, fmt_pct, localise_figure,
)
from kcc.i18n import t

if TYPE_CHECKING:
    from fpdf import FPDF

    from kcc.plan import PlanSettings
    from kcc.scenarios import ChannelHours, ScenarioResult, ScenarioSpec, SurgeResult, SurgeTest

#: Sections of the summary, in reading order.
SECTIONS: Final[tuple[str, ...]] = (
    "role",
    "goals",
    "channels",
    "hours",
    "plan",
    "budget",
    "flex",
    "risks",
    "assumptions",
)

#: Roles a contact centre can choose for itself.
ROLES: Final[tuple[str, ...]] = ("add_value", "learn", "minimise_cost")

#: File formats and their MIME types.
FORMATS: Final[dict[str, str]] = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html",
    "md": "text/markdown",
}

#: Channels counted as digital (not phone) when the report speaks of the channel mix.
DIGITAL_CHANNELS: Final[frozenset[str]] = frozenset({"chat", "email", "whatsapp", "self_service"})

#: Most interval rows written to the workbook; a year of 15-minute intervals for five channels fits.
MAX_PLAN_ROWS: Final[int] = 200_000

_LANGUAGES: Final[tuple[str, ...]] = ("en", "nl")
_DASH: Final[str] = "-"


# =========================================================================== the model


@dataclass(frozen=True)
class ChannelGoal:
    """KPI targets of one channel (``None`` where not set).

    Attributes
    ----------
    channel : str
        Channel id.
    target_service_level : float or None
        Share answered within ``answer_time_s``. [0..1]
    answer_time_s : float or None
        Answer time of the service-level target. [s]
    target_asa_s : float or None
        Average speed of answer target. [s]
    max_abandon : float or None
        Highest acceptable share abandoned. [0..1]
    max_occupancy : float or None
        Occupancy cap. [0..1]
    response_time_h : float or None
        Response-time target of deferred work (e-mail, WhatsApp). [h]
    """

    channel: str
    target_service_level: float | None = None
    answer_time_s: float | None = None
    target_asa_s: float | None = None
    max_abandon: float | None = None
    max_occupancy: float | None = None
    response_time_h: float | None = None


@dataclass(frozen=True)
class ChannelOutcome:
    """One channel over the plan period, baseline against scenario.

    Attributes
    ----------
    channel : str
        Channel id.
    volume_base, volume_scen : float
        Forecast contacts over the period. [contacts]
    service_level_base, service_level_scen : float or None
        Achieved service level with the roster, volume-weighted. [0..1]
    abandon_base, abandon_scen : float or None
        Achieved abandonment with the roster, volume-weighted. [0..1]
    reach_base, reach_scen : float or None
        Share of demand that meets an open channel. [0..1]
    hours_base, hours_scen : str
        Opening hours, worded (e.g. ``"Mon-Fri 08:00-20:00, Sat 09:00-17:00, Sun closed"``).
    required_fte_base, required_fte_scen : float
        Average requirement including shrinkage. [FTE]
    rostered_fte : float
        Average rostered staff. [FTE]
    cost_base_eur, cost_scen_eur : float
        Cost of the requirement over the period. [EUR]
    """

    channel: str
    volume_base: float
    volume_scen: float
    service_level_base: float | None = None
    service_level_scen: float | None = None
    abandon_base: float | None = None
    abandon_scen: float | None = None
    reach_base: float | None = None
    reach_scen: float | None = None
    hours_base: str = ""
    hours_scen: str = ""
    required_fte_base: float = 0.0
    required_fte_scen: float = 0.0
    rostered_fte: float = 0.0
    cost_base_eur: float = 0.0
    cost_scen_eur: float = 0.0


@dataclass(frozen=True)
class BudgetRow:
    """Paid hours of one channel in one week or month; FTE and cost follow from them.

    Attributes
    ----------
    period : str
        ``"2026-W47"`` for a week, ``"2026-11"`` for a month.
    channel : str
        Channel id.
    weeks : float
        Length of the period inside the plan (days / 7). [weeks]
    hours_base_h, hours_scen_h : float
        Required paid hours including shrinkage, baseline and scenario. [h]
    hours_rostered_h : float
        Rostered paid hours. [h]
    rate_base_eur_per_hour, rate_scen_eur_per_hour : float
        Loaded cost of one paid hour in the baseline and in the scenario; the roster is priced
        at the baseline rate. [EUR/h]
    """

    period: str
    channel: str
    weeks: float
    hours_base_h: float
    hours_scen_h: float
    hours_rostered_h: float
    rate_base_eur_per_hour: float
    rate_scen_eur_per_hour: float

    def fte(self, hours_h: float, contract_hours_per_week: float) -> float:
        """FTE of ``hours_h`` paid hours in this period: hours / (contract hours x weeks). [FTE]"""
        return hours_h / (contract_hours_per_week * self.weeks) if self.weeks > 0 else 0.0

    @property
    def cost_base_eur(self) -> float:
        """Cost of the baseline requirement. [EUR]"""
        return self.hours_base_h * self.rate_base_eur_per_hour

    @property
    def cost_scen_eur(self) -> float:
        """Cost of the scenario requirement. [EUR]"""
        return self.hours_scen_h * self.rate_scen_eur_per_hour

    @property
    def cost_rostered_eur(self) -> float:
        """Cost of the roster. [EUR]"""
        return self.hours_rostered_h * self.rate_base_eur_per_hour


@dataclass(frozen=True)
class Item:
    """A named value with its unit: a flexibility lever or an assumption.

    Attributes
    ----------
    name : str
        Label in the summary's language.
    unit : str
        Unit shown beside the value (``"%"``, ``"s"``, ``"EUR/h"``, ``""``).
    values : tuple of (str, float or str or None)
        ``(channel, value)`` pairs; channel ``""`` for a value that holds for all channels.
        Shares are fractions and shown as percentages when ``unit == "%"``.
    source : str
        Where the value comes from (setting, default, scenario, stress test), worded.
    """

    name: str
    unit: str
    values: tuple[tuple[str, float | str | None], ...]
    source: str = ""

    @property
    def per_channel(self) -> bool:
        """Whether the item has a value per channel."""
        return any(channel for channel, _ in self.values)


@dataclass(frozen=True)
class StressSummary:
    """Outcome of a surge stress test, without and with the flex pool.

    Attributes
    ----------
    channel : str
        Channel id (or a worded list of channels).
    surge : float
        Demand above forecast during the surge. [share, 0.3 = +30 %]
    duration_h : float
        Length of the surge. [h]
    peak_backlog_without, peak_backlog_with : float
        Largest backlog. [contacts]
    service_level_without, service_level_with : float or None
        Service level of the surge day, volume-weighted. [0..1]
    recovery_without_h, recovery_with_h : float or None
        Time from the end of the surge until the backlog is gone; ``None`` when it is not gone
        within the test period. [h]
    extra_cost_eur : float or None
        Cost of the flex capacity used. [EUR]
    hour_labels : tuple of str
        Labels of the backlog curve (hours since the surge started).
    backlog_without, backlog_with : tuple of float
        Backlog per hour. [contacts]
    """

    channel: str
    surge: float
    duration_h: float
    peak_backlog_without: float
    peak_backlog_with: float
    service_level_without: float | None = None
    service_level_with: float | None = None
    recovery_without_h: float | None = None
    recovery_with_h: float | None = None
    extra_cost_eur: float | None = None
    hour_labels: tuple[str, ...] = ()
    backlog_without: tuple[float, ...] = ()
    backlog_with: tuple[float, ...] = ()


@dataclass(frozen=True)
class StrategySummary:
    """Everything the board summary says: a chosen scenario against the baseline.

    Attributes
    ----------
    title : str
        Document title.
    language : str
        ``"en"`` or ``"nl"``.
    scenario_name, baseline_name : str
        Names of the chosen scenario and of the baseline.
    period_start, period_end : datetime.date
        First and last day of the plan period.
    prepared_by : str
        Who made the summary.
    prepared_on : datetime.date
        When.
    role : str
        One of ``ROLES``.
    role_text : str
        The role in the user's words.
    goals : tuple of ChannelGoal
        KPI targets per channel in the scenario.
    channels : tuple of ChannelOutcome
        Per channel outcomes, baseline against scenario.
    weekly, monthly : tuple of BudgetRow
        Budget per week and per month and channel.
    contract_hours_per_week : float
        Paid hours of one FTE. [h/week]
    flex : tuple of Item
        Flexible capacity (flex pool, outsourcing, overtime, premium).
    stress : StressSummary or None
        Stress-test outcome, when one was run.
    risks : tuple of str
        Risks, worded.
    assumptions : tuple of Item
        Every input that is not measured in the data, with its value.
    texts : tuple of (str, str)
        ``(section, text)``: the user's own text per section.
    interval_plan : pandas.DataFrame or None
        The scenario's interval plan (Plan contract columns) for the workbook; not compared.
    """

    title: str
    language: str
    scenario_name: str
    baseline_name: str
    period_start: date
    period_end: date
    prepared_by: str
    prepared_on: date
    role: str
    role_text: str
    goals: tuple[ChannelGoal, ...]
    channels: tuple[ChannelOutcome, ...]
    weekly: tuple[BudgetRow, ...]
    monthly: tuple[BudgetRow, ...]
    contract_hours_per_week: float
    flex: tuple[Item, ...] = ()
    stress: StressSummary | None = None
    risks: tuple[str, ...] = ()
    assumptions: tuple[Item, ...] = ()
    texts: tuple[tuple[str, str], ...] = ()
    interval_plan: pd.DataFrame | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.language not in _LANGUAGES:
            raise ValueError(f"language must be one of {_LANGUAGES}, got {self.language!r}")
        if self.role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, got {self.role!r}")
        if not self.contract_hours_per_week > 0:
            raise ValueError(
                f"contract_hours_per_week must be above 0 h, got {self.contract_hours_per_week!r}"
            )
        if self.period_end < self.period_start:
            raise ValueError(
                f"period_end ({self.period_end}) must not be before period_start ({self.period_start})"
            )
        unknown = {key for key, _ in self.texts} - set(SECTIONS)
        if unknown:
            raise ValueError(f"texts name unknown sections {sorted(unknown)}; allowed: {SECTIONS}")

    def text(self, section: str) -> str:
        """The user's text for ``section`` (empty when none)."""
        return next((text for key, text in self.texts if key == section), "")

    @property
    def weeks(self) -> float:
        """Length of the plan period. [weeks]"""
        return ((self.period_end - self.period_start).days + 1) / 7.0

    def totals(self) -> dict[str, float]:
        """Period totals: contacts, average FTE and cost, baseline, scenario and rostered.

        Returns
        -------
        dict
            ``volume_base, volume_scen`` [contacts], ``fte_base, fte_scen, fte_rostered``
            [FTE], ``cost_base_eur, cost_scen_eur, cost_rostered_eur`` [EUR].
        """
        hours = {
            "base": sum(r.hours_base_h for r in self.monthly),
            "scen": sum(r.hours_scen_h for r in self.monthly),
            "rostered": sum(r.hours_rostered_h for r in self.monthly),
        }
        denominator = self.contract_hours_per_week * self.weeks
        return {
            "volume_base": sum(c.volume_base for c in self.channels),
            "volume_scen": sum(c.volume_scen for c in self.channels),
            "fte_base": hours["base"] / denominator,
            "fte_scen": hours["scen"] / denominator,
            "fte_rostered": hours["rostered"] / denominator,
            "cost_base_eur": sum(r.cost_base_eur for r in self.monthly),
            "cost_scen_eur": sum(r.cost_scen_eur for r in self.monthly),
            "cost_rostered_eur": sum(r.cost_rostered_eur for r in self.monthly),
        }

    def budget_by_period(self, freq: Literal["week", "month"]) -> pd.DataFrame:
        """Budget summed over channels per week or month.

        Returns
        -------
        pandas.DataFrame
            ``period, weeks, fte_base, fte_scen, fte_rostered`` [FTE] and ``cost_base_eur,
            cost_scen_eur, cost_rostered_eur`` [EUR], one row per period in order.
        """
        rows = self.weekly if freq == "week" else self.monthly
        records = []
        for period in dict.fromkeys(r.period for r in rows):
            group = [r for r in rows if r.period == period]
            weeks = group[0].weeks
            denominator = self.contract_hours_per_week * weeks if weeks > 0 else math.inf
            records.append(
                {
                    "period": period,
                    "weeks": weeks,
                    "fte_base": sum(r.hours_base_h for r in group) / denominator,
                    "fte_scen": sum(r.hours_scen_h for r in group) / denominator,
                    "fte_rostered": sum(r.hours_rostered_h for r in group) / denominator,
                    "cost_base_eur": sum(r.cost_base_eur for r in group),
                    "cost_scen_eur": sum(r.cost_scen_eur for r in group),
                    "cost_rostered_eur": sum(r.cost_rostered_eur for r in group),
                }
            )
        return pd.DataFrame.from_records(
            records,
            columns=["period", "weeks", "fte_base", "fte_scen", "fte_rostered",
                     "cost_base_eur", "cost_scen_eur", "cost_rostered_eur"],
        )


# =========================================================================== wording


def _tr(lang: str) -> Callable[..., str]:
    def tr(key: str, **fmt: object) -> str:
        return t(key, lang, **fmt)

    return tr


def _finite(value: float | None) -> bool:
    return value is not None and isinstance(value, (int, float, np.floating, np.integer)) and math.isfinite(value)


def _channel_name(channel: str, lang: str) -> str:
    return t(f"common.ch_{channel}", lang) if channel in CHANNELS else channel


def _weekday_short(day: int, lang: str) -> str:
    name = t(f"common.weekday_{day}", lang)
    return name[:3] if lang == "en" else name[:2]


def hours_text(hours: Mapping[Any, Sequence[str] | None] | None, lang: str = "en") -> str:
    """Opening hours per weekday, worded with equal consecutive days grouped.

    Parameters
    ----------
    hours : mapping
        Weekday (``0`` or ``"0"`` = Monday .. 6) -> ``(open, close)`` local times as
        ``"HH:MM"`` (``"24:00"`` allowed), or ``None`` when closed; a missing weekday is closed.
    lang : str
        ``"en"`` or ``"nl"``.

    Returns
    -------
    str
        E.g. ``"Mon-Fri 08:00-20:00, Sat 09:00-17:00, Sun closed"``; empty when ``hours`` is
        None.
    """
    if hours is None:
        return ""
    norm: dict[int, tuple[str, str] | None] = {}
    for key, value in hours.items():
        norm[int(key)] = tuple(value)[:2] if value else None  # type: ignore[assignment]
    days = [norm.get(d) for d in range(7)]
    parts: list[str] = []
    start = 0
    while start < 7:
        end = start
        while end + 1 < 7 and days[end + 1] == days[start]:
            end += 1
        label = _weekday_short(start, lang) if end == start else (
            f"{_weekday_short(start, lang)}-{_weekday_short(end, lang)}"
        )
        span = days[start]
        if span is None:
            what = t("report.closed", lang)
        elif span[0] in {"00:00", "0:00"} and span[1] in {"24:00", "23:59"}:
            what = t("report.all_day", lang)
        else:
            what = f"{span[0]}-{span[1]}"
        parts.append(f"{label} {what}")
        start = end + 1
    return ", ".join(parts)


# =========================================================================== layout


@dataclass(frozen=True)
class Series:
    """One data series of a chart: name with unit, and one value per category."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A chart every renderer can draw natively.

    Attributes
    ----------
    key : str
        Stable id (``"goals.sl"``), for tests and anchors.
    title : str
        Title with unit.
    kind : {"bar", "line"}
        Clustered columns or lines.
    categories : tuple of str
        X-axis categories.
    series : tuple of Series
        Values per category; ``None`` = no value.
    unit : str
        Value-axis title.
    """

    key: str
    title: str
    kind: Literal["bar", "line"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str


@dataclass(frozen=True)
class Table:
    """A table of already-formatted cells; units live in the column headers.

    Attributes
    ----------
    key : str
        Stable id (``"budget.month"``).
    columns : tuple of str
        Header cells.
    rows : tuple of tuple of str
        Body cells.
    total : bool
        Whether the last row is a total row (shown in bold).
    title : str
        Optional caption.
    """

    key: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: bool = False
    title: str = ""


_NUMERIC: Final[re.Pattern[str]] = re.compile(r"^[+-]?[\d.,]+%?$")


def numeric_columns(table: Table) -> tuple[bool, ...]:
    """Per column whether its cells are numbers (shown right-aligned); cells without any digit
    (``-``, "not set") do not count against it."""
    def numeric(text: str) -> bool:
        text = text.replace("EUR ", "").strip("*")
        return bool(_NUMERIC.match(text)) or not any(ch.isdigit() for ch in text)

    cells = [[row[c] for row in table.rows if c < len(row)] for c in range(len(table.columns))]
    return tuple(
        c > 0 and all(numeric(x) for x in column) and any(any(ch.isdigit() for ch in x) for x in column)
        for c, column in enumerate(cells)
    )


@dataclass(frozen=True)
class Section:
    """One section of the summary as it is shown: the user's text, facts, tables, charts."""

    key: str
    title: str
    text: str
    facts: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()


def _r(value: float | None, decimals: int) -> float | None:
    """Round a chart value (charts show what the tables show)."""
    return round(float(value), decimals) if _finite(value) else None


def _pct_value(share: float | None) -> float | None:
    return _r(100.0 * share, 1) if _finite(share) else None  # type: ignore[operator]


def _delta_pct(base: float, scen: float, lang: str) -> str:
    if not base:
        return _DASH
    change = (scen - base) / base
    return ("+" if change >= 0 else "") + fmt_pct(change, 1, lang)


def _role_section(s: StrategySummary) -> Section:
    tr = _tr(s.language)
    facts = (tr("report.role_chosen", role=tr(f"report.role_{s.role}")),)
    text = "\n\n".join(part for part in (s.role_text.strip(), s.text("role").strip()) if part)
    return Section("role", tr("report.sec_role"), text, facts)


def _goals_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = _tr(lang)
    columns = (
        tr("report.col_channel"), tr("report.col_target_sl"), tr("report.col_answer_s"),
        tr("report.col_target_asa"), tr("report.col_max_abandon"), tr("report.col_max_occupancy"),
        tr("report.col_response_h"),
    )
    rows = tuple(
        (
            _channel_name(g.channel, lang),
            fmt_number(_pct_value(g.target_service_level), 1, lang),
            fmt_number(g.answer_time_s, 0, lang),
            fmt_number(g.target_asa_s, 0, lang),
            fmt_number(_pct_value(g.max_abandon), 1, lang),
            fmt_number(_pct_value(g.max_occupancy), 1, lang),
            fmt_number(g.response_time_h, 2 if _finite(g.response_time_h) and g.response_time_h < 1 else 1, lang),
        )
        for g in s.goals
    )
    targets = {g.channel: g.target_service_level for g in s.goals}
    live = [c for c in s.channels if _finite(c.service_level_base) or _finite(c.service_level_scen)]
    facts = tuple(
        tr(
            "report.fact_sl",
            channel=_channel_name(c.channel, lang),
            scen=fmt_pct(c.service_level_scen, 1, lang),
            target=fmt_pct(targets.get(c.channel), 1, lang),
            base=fmt_pct(c.service_level_base, 1, lang),
            abandon_scen=fmt_pct(c.abandon_scen, 1, lang),
            abandon_base=fmt_pct(c.abandon_base, 1, lang),
        )
        for c in live
    )
    charts: tuple[Chart, ...] = ()
    sl_label = tr("common.kpi_sl_roster")  # the service the roster as it is delivers, as on screen
    if live:
        charts = (
            Chart(
                "goals.sl", tr("report.chart_sl"), "bar",
                tuple(_channel_name(c.channel, lang) for c in live),
                (
                    Series(tr("report.series_target"), tuple(_pct_value(targets.get(c.channel)) for c in live)),
                    Series(tr("report.label_base", label=sl_label), tuple(_pct_value(c.service_level_base) for c in live)),
                    Series(tr("report.label_scen", label=sl_label), tuple(_pct_value(c.service_level_scen) for c in live)),
                ),
                tr("report.axis_pct"),
            ),
        )
    return Section("goals", tr("report.sec_goals"), s.text("goals"), facts,
                   (Table("goals.targets", columns, rows),), charts)


def _channels_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = _tr(lang)
    total_base = sum(c.volume_base for c in s.channels) or math.nan
    total_scen = sum(c.volume_scen for c in s.channels) or math.nan
    rows = tuple(
        (
            _channel_name(c.channel, lang),
            fmt_number(c.volume_base, 0, lang),
            fmt_number(c.volume_scen, 0, lang),
            fmt_number(100.0 * c.volume_base / total_base, 1, lang),
            fmt_number(100.0 * c.volume_scen / total_scen, 1, lang),
        )
        for c in s.channels
    )
    columns = (
        tr("report.col_channel"), tr("report.col_volume_base"), tr("report.col_volume_scen"),
        tr("report.col_share_base"), tr("report.col_share_scen"),
    )
    digital_base = sum(c.volume_base for c in s.channels if c.channel in DIGITAL_CHANNELS) / total_base
    digital_scen = sum(c.volume_scen for c in s.channels if c.channel in DIGITAL_CHANNELS) / total_scen
    facts = (tr("report.fact_mix", base=fmt_pct(digital_base, 1, lang), scen=fmt_pct(digital_scen, 1, lang)),)
    chart = Chart(
        "channels.volume", tr("report.chart_volume"), "bar",
        tuple(_channel_name(c.channel, lang) for c in s.channels),
        (
            Series(tr("report.series_volume_base"), tuple(_r(c.volume_base, 0) for c in s.channels)),
            Series(tr("report.series_volume_scen"), tuple(_r(c.volume_scen, 0) for c in s.channels)),
        ),
        tr("report.axis_contacts"),
    )
    return Section("channels", tr("report.sec_channels"), s.text("channels"), facts,
                   (Table("channels.mix", columns, rows),), (chart,))


def _weighted(values: Iterable[float | None], weights: Iterable[float]) -> float | None:
    pairs = [(v, w) for v, w in zip(values, weights, strict=True) if _finite(v) and w > 0]
    total = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / total if total > 0 else None  # type: ignore[operator]


def _hours_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = _tr(lang)
    columns = (
        tr("report.col_channel"), tr("report.col_hours_base"), tr("report.col_hours_scen"),
        tr("report.col_reach_base"), tr("report.col_reach_scen"),
    )
    rows = tuple(
        (
            _channel_name(c.channel, lang),
            c.hours_base or _DASH,
            c.hours_scen or _DASH,
            fmt_number(_pct_value(c.reach_base), 1, lang),
            fmt_number(_pct_value(c.reach_scen), 1, lang),
        )
        for c in s.channels
    )
    reach_base = _weighted((c.reach_base for c in s.channels), (c.volume_base for c in s.channels))
    reach_scen = _weighted((c.reach_scen for c in s.channels), (c.volume_scen for c in s.channels))
    facts = (tr("report.fact_reach", base=fmt_pct(reach_base, 1, lang), scen=fmt_pct(reach_scen, 1, lang)),)
    with_reach = [c for c in s.channels if _finite(c.reach_base) or _finite(c.reach_scen)]
    charts: tuple[Chart, ...] = ()
    if with_reach:
        charts = (
            Chart(
                "hours.reach", tr("report.chart_reach"), "bar",
                tuple(_channel_name(c.channel, lang) for c in with_reach),
                (
                    Series(tr("report.series_reach_base"), tuple(_pct_value(c.reach_base) for c in with_reach)),
                    Series(tr("report.series_reach_scen"), tuple(_pct_value(c.reach_scen) for c in with_reach)),
                ),
                tr("report.axis_pct"),
            ),
        )
    return Section("hours", tr("report.sec_hours"), s.text("hours"), facts,
                   (Table("hours.table", columns, rows),), charts)


def _plan_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = _tr(lang)
    tot = s.totals()
    facts = (
        tr("report.fact_period", start=fmt_date(s.period_start, lang), end=fmt_date(s.period_end, lang),
           weeks=fmt_number(s.weeks, 0, lang)),
        tr("report.fact_volume", base=f"{fmt_number(tot['volume_base'], 0, lang)} {tr('report.axis_contacts')}",
           scen=f"{fmt_number(tot['volume_scen'], 0, lang)} {tr('report.axis_contacts')}",
           delta=_delta_pct(tot["volume_base"], tot["volume_scen"], lang)),
        tr("report.fact_fte", base=f"{fmt_number(tot['fte_base'], 1, lang)} {tr('report.axis_fte')}",
           scen=f"{fmt_number(tot['fte_scen'], 1, lang)} {tr('report.axis_fte')}",
           rostered=f"{fmt_number(tot['fte_rostered'], 1, lang)} {tr('report.axis_fte')}"),
        tr("report.fact_cost", base=fmt_eur(tot["cost_base_eur"], lang), scen=fmt_eur(tot["cost_scen_eur"], lang),
           delta=fmt_eur(tot["cost_scen_eur"] - tot["cost_base_eur"], lang, signed=True)),
    )
    columns = (
        tr("report.col_channel"), tr("report.col_volume_scen"), tr("report.col_fte_base"),
        tr("report.col_fte_scen"), tr("report.col_fte_rostered"), tr("report.col_gap_fte"),
    )
    rows = tuple(
        (
            _channel_name(c.channel, lang),
            fmt_number(c.volume_scen, 0, lang),
            fmt_number(c.required_fte_base, 1, lang),
            fmt_number(c.required_fte_scen, 1, lang),
            fmt_number(c.rostered_fte, 1, lang),
            fmt_number(c.rostered_fte - c.required_fte_scen, 1, lang),
        )
        for c in s.channels
    )
    weekly = s.budget_by_period("week")
    chart = Chart(
        "plan.fte_week", tr("report.chart_fte_week"), "line",
        tuple(weekly["period"]),
        (
            Series(tr("report.series_fte_base"), tuple(_r(v, 1) for v in weekly["fte_base"])),
            Series(tr("report.series_fte_scen"), tuple(_r(v, 1) for v in weekly["fte_scen"])),
            Series(tr("report.series_fte_rostered"), tuple(_r(v, 1) for v in weekly["fte_rostered"])),
        ),
        tr("report.axis_fte"),
    )
    return Section("plan", tr("report.sec_plan"), s.text("plan"), facts,
                   (Table("plan.channels", columns, rows),), (chart,))


def _budget_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = _tr(lang)
    tot = s.totals()
    monthly = s.budget_by_period("month")
    columns = (
        tr("report.col_month"), tr("report.col_fte_base"), tr("report.col_fte_scen"),
        tr("report.col_fte_rostered"), tr("report.col_cost_base"), tr("report.col_cost_scen"),
        tr("report.col_cost_rostered"),
    )
    body = [
        (
            str(row.period),
            fmt_number(row.fte_base, 1, lang),
            fmt_number(row.fte_scen, 1, lang),
            fmt_number(row.fte_rostered, 1, lang),
            fmt_number(row.cost_base_eur, 0, lang),
            fmt_number(row.cost_scen_eur, 0, lang),
            fmt_number(row.cost_rostered_eur, 0, lang),
        )
        for row in monthly.itertuples()
    ]
    body.append(
        (
            tr("report.total"),
            fmt_number(tot["fte_base"], 1, lang),
            fmt_number(tot["fte_scen"], 1, lang),
            fmt_number(tot["fte_rostered"], 1, lang),
            fmt_number(tot["cost_base_eur"], 0, lang),
            fmt_number(tot["cost_scen_eur"], 0, lang),
            fmt_number(tot["cost_rostered_eur"], 0, lang),
        )
    )
    facts = (
        tr("report.fact_budget_total", scen=fmt_eur(tot["cost_scen_eur"], lang),
           base=fmt_eur(tot["cost_base_eur"], lang), rostered=fmt_eur(tot["cost_rostered_eur"], lang)),
        tr("report.fact_contract", hours=fmt_number(s.contract_hours_per_week, 1, lang)),
    )
    chart = Chart(
        "budget.cost_month", tr("report.chart_cost_month"), "bar",
        tuple(monthly["period"]),
        (
            Series(tr("report.series_cost_base"), tuple(_r(v, 0) for v in monthly["cost_base_eur"])),
            Series(tr("report.series_cost_scen"), tuple(_r(v, 0) for v in monthly["cost_scen_eur"])),
            Series(tr("report.series_cost_rostered"), tuple(_r(v, 0) for v in monthly["cost_rostered_eur"])),
        ),
        tr("report.axis_eur"),
    )
    return Section("budget", tr("report.sec_budget"), s.text("budget"), facts,
                   (Table("budget.month", columns, tuple(body), total=True),), (chart,))


def _item_value(value: float | str | None, unit: str, lang: str) -> str:
    if value is None:
        return t("report.not_set", lang)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return t("report.yes" if value else "report.no", lang)
    if unit == "%":
        return fmt_number(100.0 * value, 1, lang)
    decimals = 0 if float(value).is_integer() or abs(value) >= 100 else 2
    return fmt_number(value, decimals, lang)


def _flex_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = _tr(lang)
    rows = tuple(
        (item.name, _item_value(item.values[0][1] if item.values else None, item.unit, lang), item.unit)
        for item in s.flex
    )
    columns = (tr("report.col_item"), tr("report.col_value"), tr("report.col_unit"))
    tables = (Table("flex.items", columns, rows),) if rows else ()
    facts = () if rows else (tr("report.fact_flex_none"),)
    return Section("flex", tr("report.sec_flex"), s.text("flex"), facts, tables)


def _recovery_text(hours: float | None, lang: str) -> str:
    if hours is None:
        return t("report.not_recovered", lang)
    return t("report.fact_recovered_after", lang, hours=f"{fmt_number(hours, 1, lang)} {t('common.unit_h', lang)}")


def _risks_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = _tr(lang)
    facts = list(s.risks) or [tr("report.risk_none")]
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    st = s.stress

    def recovery(hours: float | None) -> str:
        return fmt_number(hours, 1, lang) if hours is not None else tr("report.not_recovered")

    if st is None:
        facts.append(tr("report.fact_no_stress"))
    else:
        facts.append(
            tr("report.fact_stress", surge=fmt_pct(st.surge, 0, lang),
               hours=f"{fmt_number(st.duration_h, 1, lang)} {tr('common.unit_h')}",
               channel=_channel_name(st.channel, lang),
               without=_recovery_text(st.recovery_without_h, lang),
               with_=_recovery_text(st.recovery_with_h, lang))
        )
        rows = (
            (tr("report.stress_peak_backlog"), fmt_number(st.peak_backlog_without, 0, lang),
             fmt_number(st.peak_backlog_with, 0, lang)),
            (tr("report.stress_min_sl"), fmt_number(_pct_value(st.service_level_without), 1, lang),
             fmt_number(_pct_value(st.service_level_with), 1, lang)),
            (tr("report.stress_recovery"), recovery(st.recovery_without_h), recovery(st.recovery_with_h)),
            (tr("report.stress_extra_cost"), fmt_number(0.0, 0, lang), fmt_number(st.extra_cost_eur, 0, lang)),
        )
        tables = (Table("risks.stress", (tr("report.col_measure"), tr("report.col_without_flex"),
                                         tr("report.col_with_flex")), rows),)
        if st.hour_labels:
            charts = (
                Chart(
                    "risks.backlog", tr("report.chart_stress"), "line", st.hour_labels,
                    (
                        Series(tr("report.series_backlog_without"), tuple(_r(v, 0) for v in st.backlog_without)),
                        Series(tr("report.series_backlog_with"), tuple(_r(v, 0) for v in st.backlog_with)),
                    ),
                    tr("report.axis_contacts"),
                ),
            )
    return Section("risks", tr("report.sec_risks"), s.text("risks"), tuple(facts), tables, charts)


def _assumptions_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = _tr(lang)
    per_channel = [a for a in s.assumptions if a.per_channel]
    general = [a for a in s.assumptions if not a.per_channel]
    channels = [c.channel for c in s.channels] or list(dict.fromkeys(ch for a in per_channel for ch, _ in a.values))
    tables: list[Table] = []
    if per_channel:
        columns = (tr("report.col_item"), tr("report.col_unit"),
                   *(_channel_name(c, lang) for c in channels), tr("report.col_source"))
        rows = tuple(
            (a.name, a.unit, *(_item_value(dict(a.values).get(c), a.unit, lang) if c in dict(a.values) else _DASH
                               for c in channels), a.source)
            for a in per_channel
        )
        tables.append(Table("assumptions.channel", columns, rows, title=tr("report.table_per_channel")))
    if general:
        columns = (tr("report.col_item"), tr("report.col_value"), tr("report.col_unit"), tr("report.col_source"))
        rows = tuple((a.name, _item_value(a.values[0][1] if a.values else None, a.unit, lang), a.unit, a.source)
                     for a in general)
        tables.append(Table("assumptions.general", columns, rows, title=tr("report.table_general")))
    return Section("assumptions", tr("report.sec_assumptions"), s.text("assumptions"),
                   (tr("report.fact_assumptions"),), tuple(tables))


_SECTION_BUILDERS: Final[dict[str, Callable[[StrategySummary], Section]]] = {
    "role": _role_section,
    "goals": _goals_section,
    "channels": _channels_section,
    "hours": _hours_section,
    "plan": _plan_section,
    "budget": _budget_section,
    "flex": _flex_section,
    "risks": _risks_section,
    "assumptions": _assumptions_section,
}


def layout(summary: StrategySummary) -> tuple[Section, ...]:
    """Lay the summary out as sections, in ``SECTIONS`` order; every renderer draws these.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    tuple of Section
        One per entry of ``SECTIONS``.
    """
    return tuple(_SECTION_BUILDERS[key](summary) for key in SECTIONS)


def subtitle(summary: StrategySummary) -> str:
    """``Scenario "X" against "Baseline" · start to end`` in the summary's language."""
    lang = summary.language
    return t("report.subtitle", lang, scenario=summary.scenario_name, baseline=summary.baseline_name,
             start=fmt_date(summary.period_start, lang), end=fmt_date(summary.period_end, lang))


def prepared_line(summary: StrategySummary) -> str:
    """``Prepared <date> by <user>``."""
    lang = summary.language
    return t("report.generated", lang, date=fmt_date(summary.prepared_on, lang), user=summary.prepared_by)


# =========================================================================== PowerPoint

_PALETTE: Final[tuple[tuple[int, int, int], ...]] = (
    (0x1F, 0x4E, 0x79),  # dark blue: target / baseline
    (0xE0, 0x7A, 0x1F),  # orange: scenario
    (0x5B, 0x9B, 0x4B),  # green: rostered
    (0x9E, 0x3A, 0x8C),
    (0x7F, 0x7F, 0x7F),
)
_HEAD_RGB: Final[tuple[int, int, int]] = (0x1F, 0x4E, 0x79)


def _facts_and_text(section: Section) -> list[tuple[str, bool]]:
    """Paragraphs of a section's text block: ``(text, is_bullet)``."""
    paragraphs = [(p.strip(), False) for p in section.text.split("\n\n") if p.strip()]
    return paragraphs + [(fact, True) for fact in section.facts]


# --------------------------------------------------------------------------- slide layout
#
# PowerPoint grows a table row to fit its text but never moves a table or makes a font
# smaller, so a deck must size its tables itself. Text widths are estimated from the number
# of characters: an average character of the deck's font (Calibri) is about half its size.

_EMU_PER_INCH: Final[int] = 914_400
_EMU_PER_PT: Final[int] = 12_700
#: Average width of a character of the deck's font, as a share of the font size.
_CHAR_EM: Final[float] = 0.55
#: Cell margins: python-pptx's 0.1 inch left and right; 0.03 inch top and bottom (set below).
_CELL_PAD_W: Final[int] = 2 * 91_440
_CELL_PAD_H: Final[int] = 2 * 27_432
#: Table font sizes tried, largest first [pt]; beside a chart at least 9 pt.
_TABLE_FONTS_PT: Final[tuple[int, ...]] = (12, 11, 10, 9, 8)
#: Slide geometry (16:9) [EMU].
SLIDE_W: Final[int] = int(13.333 * _EMU_PER_INCH)
SLIDE_H: Final[int] = int(7.5 * _EMU_PER_INCH)
_MARGIN: Final[int] = int(0.5 * _EMU_PER_INCH)
_BODY_W: Final[int] = SLIDE_W - 2 * _MARGIN
_BODY_TOP: Final[int] = int(1.2 * _EMU_PER_INCH)
_BODY_BOTTOM: Final[int] = SLIDE_H - int(0.35 * _EMU_PER_INCH)
_GAP: Final[int] = int(0.25 * _EMU_PER_INCH)
#: Characters per line of the text block at 14 pt across the body width.
_TEXT_CHARS_PER_LINE: Final[int] = 120


@dataclass(frozen=True)
class TableFit:
    """A table sized for a width on a slide.

    Attributes
    ----------
    font_pt : int
        Font size of every cell. [pt]
    col_widths : tuple of int
        Column widths, summing to the width asked for. [EMU]
    row_heights : tuple of int
        Height each row needs with its text wrapped at word boundaries, header first. [EMU]
    """

    font_pt: int
    col_widths: tuple[int, ...]
    row_heights: tuple[int, ...]


@dataclass(frozen=True)
class Placement:
    """A chart or (part of) a table at a place on a slide; sizes in EMU.

    ``rows`` is the half-open range of body rows a table part shows (the header is repeated
    on every part); None for a chart.
    """

    item: Chart | Table
    left: int
    top: int
    width: int
    height: int
    fit: TableFit | None = None
    rows: tuple[int, int] | None = None


@dataclass(frozen=True)
class SlidePlan:
    """One slide of a section: the first carries the section's text, later ones continue it."""

    continued: bool
    placements: tuple[Placement, ...]


def _char_emu(font_pt: float) -> float:
    return _CHAR_EM * font_pt * _EMU_PER_PT


def _wrapped_lines(text: str, width_emu: float, font_pt: float) -> int:
    """Lines a text takes in a cell of this width, wrapped at spaces (greedy, as PowerPoint)."""
    per_line = max(1, int((width_emu - _CELL_PAD_W) / _char_emu(font_pt) + 1e-6))
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        if used and used + 1 + size > per_line:
            lines, used = lines + 1, size
        else:
            used += size + (1 if used else 0)
        while used > per_line:  # a word longer than the line breaks inside itself
            lines, used = lines + 1, used - per_line
    return lines


def _share_width(least: list[float], wish: list[float], total: float) -> list[float]:
    """Column widths filling ``total``: the widths wished for, scaled up when they fit; else
    each column's least width plus a share of the rest by how much more it wished for; when
    even the least widths do not fit, those scaled down (words then break)."""
    if sum(wish) <= total or sum(least) >= total:
        base = wish if sum(wish) <= total else least
        return [w * total / sum(base) for w in base]
    slack = [w - lo for w, lo in zip(wish, least, strict=True)]
    extra = total - sum(least)
    return [lo + extra * sl / sum(slack) for lo, sl in zip(least, slack, strict=True)]


def _column_chars(table: Table) -> tuple[list[int], list[int]]:
    """Per column the characters it needs at least (its longest header word, its longest
    number or word) and the characters it would like (its texts whole, long ones capped)."""
    numeric = numeric_columns(table)
    columns = [[row[c] if c < len(row) else "" for row in table.rows] for c in range(len(table.columns))]

    def unbroken(text: str, whole: bool) -> int:
        return len(text) if whole else max((len(word) for word in text.split()), default=0)

    least = [max([unbroken(header, False), 1, *(unbroken(x, numeric[c]) for x in columns[c])])
             for c, header in enumerate(table.columns)]
    wish = [max([least[c], min(len(header), 18), *(min(len(x), 40) for x in columns[c])])
            for c, header in enumerate(table.columns)]
    return least, wish


def fit_table(table: Table, width_emu: int, fonts: tuple[int, ...] = _TABLE_FONTS_PT) -> TableFit | None:
    """Column widths and a font with which no word or number of ``table`` is broken.

    A column is at least as wide as its longest header word and its longest cell (numbers
    whole, texts by their longest word); room left goes to the columns whose texts would
    otherwise wrap. The largest font of ``fonts`` that fits wins.

    Parameters
    ----------
    table : Table
        The table.
    width_emu : int
        Width to fill. [EMU]
    fonts : tuple of int
        Font sizes to try, largest first. [pt]

    Returns
    -------
    TableFit or None
        None when even the smallest font cannot keep every word whole in this width.
    """
    n = len(table.columns)
    least, wish = _column_chars(table)
    for font in fonts:
        char = _char_emu(font)
        low = [m * char + _CELL_PAD_W for m in least]
        if sum(low) > width_emu:
            continue
        widths = _share_width(low, [w * char + _CELL_PAD_W for w in wish], width_emu)
        whole = [int(w) for w in widths]
        whole[-1] += width_emu - sum(whole)
        heights = tuple(
            int(max(_wrapped_lines(cells[c], whole[c], font) for c in range(n)) * font * 1.2 * _EMU_PER_PT)
            + _CELL_PAD_H
            for cells in [list(table.columns), *([row[c] if c < len(row) else "" for c in range(n)]
                                                 for row in table.rows)]
        )
        return TableFit(font, tuple(whole), heights)
    return None


def _row_pages(fit: TableFit, first_height: int, height: int) -> list[tuple[int, int]]:
    """Body-row ranges per table part: the first part gets ``first_height``, later parts
    ``height``; each part repeats the header. At least one row per part."""
    parts: list[tuple[int, int]] = []
    start, room = 0, first_height - fit.row_heights[0]
    for index, row_height in enumerate(fit.row_heights[1:]):
        if row_height > room and index > start:
            parts.append((start, index))
            start, room = index, height - fit.row_heights[0]
        room -= row_height
    parts.append((start, len(fit.row_heights) - 1))
    return parts


def text_block_height(section: Section) -> int:
    """Height of a section's text block on its first slide (0 without text). [EMU]"""
    paragraphs = _facts_and_text(section)
    if not paragraphs:
        return 0
    lines = sum(1 + len(text) // _TEXT_CHARS_PER_LINE for text, _ in paragraphs)
    cap = 2.6 if (section.charts or section.tables) else 5.8
    return int(min(0.35 + 0.3 * lines, cap) * _EMU_PER_INCH)


def _side_by_side(items: list[Chart | Table], top: int) -> list[Placement] | None:
    """Every item in one row across the body, tables at 9 pt or more and whole; or None."""
    height = _BODY_BOTTOM - top
    free = _BODY_W - _GAP * (len(items) - 1)
    tables = [item for item in items if isinstance(item, Table)]
    charts = len(items) - len(tables)
    chart_w = int(free * 0.42 / max(charts, 1)) if tables else free // max(charts, 1)
    table_room = free - chart_w * charts
    # tables share their room by the characters they would like (a cell margin counted as one)
    wishes = [sum(_column_chars(table)[1]) + len(table.columns) for table in tables]
    left, placements = _MARGIN, []
    for item in items:
        if isinstance(item, Chart):
            width = chart_w
            placements.append(Placement(item, left, top, width, height))
        else:
            share = wishes[tables.index(item)] / sum(wishes)
            width = int(table_room * share)
            fit = fit_table(item, width, fonts=tuple(f for f in _TABLE_FONTS_PT if f >= 9))
            if fit is None or sum(fit.row_heights) > height:
                return None
            placements.append(Placement(item, left, top, width, sum(fit.row_heights), fit,
                                        (0, len(item.rows))))
        left += width + _GAP
    return placements


def plan_slides(section: Section) -> list[SlidePlan]:
    """Where each chart and table of a section goes: one slide when everything fits beside
    each other, else charts first and the tables at full width after them, split over
    continuation slides (header repeated) where they are too long.

    Parameters
    ----------
    section : Section
        The section.

    Returns
    -------
    list of SlidePlan
        The section's slides, the first with ``continued`` False. Every body row of every
        table is on exactly one slide, and nothing reaches below the slide's bottom margin
        (a single row taller than a slide excepted).
    """
    text_h = text_block_height(section)
    top = _BODY_TOP + (text_h + int(0.1 * _EMU_PER_INCH) if text_h else 0)
    items: list[Chart | Table] = [*section.charts, *section.tables]
    if not items:
        return [SlidePlan(False, ())]
    together = _side_by_side(items, top)
    if together is not None:
        return [SlidePlan(False, tuple(together))]
    slides: list[list[Placement]] = [[]]
    rest = list(section.tables)
    if section.charts:
        beside = _side_by_side([*section.charts, rest[0]], top) if rest else None
        if beside is not None:
            slides[0] = beside
            rest = rest[1:]
        else:
            slides[0] = _side_by_side(list(section.charts), top) or []
        cursor = _BODY_BOTTOM  # the tables start on a new slide
    else:
        cursor = top
    for table in rest:
        fit = fit_table(table, _BODY_W) or fit_table(table, _BODY_W, fonts=(8,))
        if fit is None:  # a word wider than the slide: keep the widths proportional
            fit = TableFit(8, tuple(_BODY_W // len(table.columns) for _ in table.columns),
                           tuple(int(0.3 * _EMU_PER_INCH) for _ in range(len(table.rows) + 1)))
        if _BODY_BOTTOM - cursor < fit.row_heights[0] + min(fit.row_heights[1:], default=0) * 2:
            slides.append([])
            cursor = _BODY_TOP
        parts = _row_pages(fit, _BODY_BOTTOM - cursor, _BODY_BOTTOM - _BODY_TOP)
        for number, rows in enumerate(parts):
            if number:
                slides.append([])
                cursor = _BODY_TOP
            height = fit.row_heights[0] + sum(fit.row_heights[1 + rows[0]:1 + rows[1]])
            slides[-1].append(Placement(table, _MARGIN, cursor, _BODY_W, height, fit, rows))
            cursor += height + _GAP
    return [SlidePlan(index > 0, tuple(p)) for index, p in enumerate(slides)]


@cache
def _literal_chart_data() -> type:
    """python-pptx's ``CategoryChartData`` whose embedded workbook (the chart's data, which
    PowerPoint opens in Excel) keeps every name as text: XlsxWriter would otherwise write a
    name starting with ``=`` as a formula and one starting with ``http://`` as a link."""
    from contextlib import contextmanager

    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from pptx.util import lazyproperty
    from xlsxwriter import Workbook

    class LiteralWorkbookWriter(CategoryWorkbookWriter):  # type: ignore[misc]
        @contextmanager
        def _open_worksheet(self, xlsx_file: Any) -> Any:
            workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False})
            yield workbook, workbook.add_worksheet()
            workbook.close()

    class LiteralChartData(CategoryChartData):  # type: ignore[misc]
        @lazyproperty
        def _workbook_writer(self) -> Any:
            return LiteralWorkbookWriter(self)

    return LiteralChartData


def to_pptx(summary: StrategySummary) -> bytes:
    """The summary as a 16:9 PowerPoint deck.

    A title slide, then a slide per section: the user's text and the key facts on top,
    charts as native PowerPoint charts (editable, with their data in the deck) and tables as
    native tables, sized so no word or number breaks (``plan_slides``). A table too long for
    the slide continues on the next, titled "(continued)", with its header repeated.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    bytes
        The ``.pptx`` file.
    """
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    prs.core_properties.title = summary.title
    prs.core_properties.author = summary.prepared_by
    prs.core_properties.language = "nl-NL" if summary.language == "nl" else "en-GB"
    margin, width = Inches(0.5), Inches(12.333)

    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = summary.title
    slide.shapes.title.left, slide.shapes.title.top = margin, Inches(2.0)
    slide.shapes.title.width, slide.shapes.title.height = width, Inches(1.6)
    sub = slide.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = margin, Inches(3.8), width, Inches(1.5)
    sub.text_frame.text = subtitle(summary)
    sub.text_frame.add_paragraph().text = prepared_line(summary)
    for paragraph in sub.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(20)

    def add_chart(target: Any, chart: Chart, box: tuple[int, int, int, int]) -> None:
        data = _literal_chart_data()(number_format="#,##0.0")
        data.categories = list(chart.categories)
        for series in chart.series:
            data.add_series(series.name, list(series.values))
        kind = XL_CHART_TYPE.COLUMN_CLUSTERED if chart.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
        graphic = target.shapes.add_chart(kind, *box, data).chart
        graphic.has_title = True
        graphic.chart_title.text_frame.text = chart.title
        graphic.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
        graphic.has_legend = True
        graphic.legend.position = XL_LEGEND_POSITION.BOTTOM
        graphic.legend.include_in_layout = False
        graphic.legend.font.size = Pt(10)
        axis = graphic.value_axis
        axis.has_title = True
        axis.axis_title.text_frame.text = chart.unit
        axis.tick_labels.font.size = Pt(10)
        values = [abs(v) for series in chart.series for v in series.values if v is not None]
        if values and max(values) >= 1000:  # thousands separated, in the reader's own locale
            axis.tick_labels.number_format = "#,##0"
            axis.tick_labels.number_format_is_linked = False
        graphic.category_axis.tick_labels.font.size = Pt(9)
        for index, plot_series in enumerate(graphic.plots[0].series):
            rgb = RGBColor(*_PALETTE[index % len(_PALETTE)])
            if chart.kind == "bar":
                plot_series.format.fill.solid()
                plot_series.format.fill.fore_color.rgb = rgb
            else:
                plot_series.format.line.color.rgb = rgb
                plot_series.smooth = False

    def add_table(target: Any, place: Placement) -> None:
        table, fit, (first, stop) = place.item, place.fit, place.rows or (0, 0)
        if not isinstance(table, Table) or fit is None:
            raise TypeError("a table placement needs a table and its fit")
        body = list(range(first, stop))
        shape = target.shapes.add_table(1 + len(body), len(table.columns), place.left, place.top,
                                        place.width, place.height)
        grid = shape.table
        for c, column_width in enumerate(fit.col_widths):
            grid.columns[c].width = Emu(column_width)
        heights = [fit.row_heights[0], *(fit.row_heights[1 + r] for r in body)]
        cells = [table.columns, *(table.rows[r] for r in body)]
        numeric = numeric_columns(table)
        for r, row in enumerate(cells):
            grid.rows[r].height = Emu(heights[r])
            total_row = table.total and r > 0 and body[r - 1] == len(table.rows) - 1
            for c, value in enumerate(row):
                cell = grid.cell(r, c)
                cell.text = str(value)
                cell.margin_top = cell.margin_bottom = Emu(_CELL_PAD_H // 2)
                for paragraph in cell.text_frame.paragraphs:
                    paragraph.alignment = PP_ALIGN.RIGHT if numeric[c] else PP_ALIGN.LEFT
                    for run in paragraph.runs:
                        run.font.size = Pt(fit.font_pt)
                        run.font.bold = r == 0 or total_row

    continued = t("report.continued", summary.language)
    for section in layout(summary):
        for plan in plan_slides(section):
            slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
            title = slide.shapes.title
            title.text = f"{section.title} ({continued})" if plan.continued else section.title
            title.left, title.top, title.width, title.height = margin, Inches(0.25), width, Inches(0.9)
            title.text_frame.paragraphs[0].runs[0].font.size = Pt(30)
            title.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(*_HEAD_RGB)
            paragraphs = [] if plan.continued else _facts_and_text(section)
            if paragraphs:
                box = slide.shapes.add_textbox(margin, _BODY_TOP, width, text_block_height(section)).text_frame
                box.word_wrap = True
                for index, (text, bullet) in enumerate(paragraphs):
                    paragraph = box.paragraphs[0] if index == 0 else box.add_paragraph()
                    paragraph.text = ("\u2022 " if bullet else "") + text
                    paragraph.space_after = Pt(4)
                    for run in paragraph.runs:
                        run.font.size = Pt(15 if not bullet else 14)
            for place in plan.placements:
                if isinstance(place.item, Chart):
                    add_chart(slide, place.item, (place.left, place.top, place.width, place.height))
                else:
                    add_table(slide, place)

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# =========================================================================== PDF

# The PDF uses the core Helvetica font (no font file to ship); it covers Latin-1, which holds
# every Dutch letter, so only typographic signs need a plain stand-in.
_LATIN1_STAND_INS: Final[dict[int, str]] = {
    ord("\u2013"): "-", ord("\u2014"): "-", ord("\u2212"): "-", ord("\u2026"): "...",
    ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"',
    ord("\u2022"): "-", ord("\u20ac"): "EUR", ord("\u2264"): "<=", ord("\u2265"): ">=",
    ord("\u00a0"): " ", ord("\u202f"): " ",
}


def _latin1(text: str) -> str:
    return text.translate(_LATIN1_STAND_INS).encode("latin-1", "replace").decode("latin-1")


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks if span > 0 else 1.0
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)


def _draw_pdf_chart(pdf: FPDF, chart: Chart, x: float, y: float, w: float, h: float, lang: str) -> None:
    """Draw ``chart`` in the box ``(x, y, w, h)`` [mm] with fpdf2 primitives."""
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "B", 10)
    pdf.set_xy(x, y)
    pdf.cell(w, 5, _latin1(chart.title), align="C")
    values = [v for s in chart.series for v in s.values if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    step = _nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if high == low:
        high = low + step
    px, py = x + 20, y + 8
    pw, ph = w - 22, h - 8 - 16
    n = max(len(chart.categories), 1)

    def y_of(value: float) -> float:
        return py + ph - (value - low) / (high - low) * ph

    pdf.set_font("helvetica", "", 7)
    pdf.set_draw_color(210, 210, 210)
    pdf.set_line_width(0.1)
    tick = low
    while tick <= high + step / 2:
        ty = y_of(tick)
        pdf.line(px, ty, px + pw, ty)
        pdf.set_xy(x, ty - 2)
        pdf.cell(19, 4, fmt_number(tick, 0 if step >= 1 else 1, lang), align="R")
        tick += step
    pdf.set_draw_color(90, 90, 90)
    pdf.line(px, py, px, py + ph)
    pdf.line(px, y_of(0.0), px + pw, y_of(0.0))
    slot = pw / n
    widest = max((pdf.get_string_width(_latin1(c)) for c in chart.categories), default=0.0)
    every = max(1, math.ceil((widest + 2) / slot))  # skip labels rather than overlap them
    for i, category in enumerate(chart.categories):
        if i % every == 0:
            pdf.set_xy(px + i * slot - slot * (every - 1) / 2, py + ph + 1)
            pdf.cell(slot * every, 4, _latin1(category), align="C")
    n_series = max(len(chart.series), 1)
    for index, series in enumerate(chart.series):
        rgb = _PALETTE[index % len(_PALETTE)]
        pdf.set_fill_color(*rgb)
        pdf.set_draw_color(*rgb)
        if chart.kind == "bar":
            bar_w = slot * 0.8 / n_series
            for i, value in enumerate(series.values):
                if value is None:
                    continue
                top, base = y_of(max(value, 0.0)), y_of(min(value, 0.0))
                pdf.rect(px + i * slot + slot * 0.1 + index * bar_w, top, bar_w, max(base - top, 0.05), style="F")
        else:
            pdf.set_line_width(0.5)
            points = [(px + (i + 0.5) * slot, y_of(v)) for i, v in enumerate(series.values) if v is not None]
            for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
                pdf.line(x1, y1, x2, y2)
            for px_, py_ in points if len(points) <= 40 else ():
                pdf.rect(px_ - 0.6, py_ - 0.6, 1.2, 1.2, style="F")
            pdf.set_line_width(0.1)
    # legend on one line under the axis labels
    pdf.set_font("helvetica", "", 7)
    lx, ly = px, py + ph + 7
    for index, series in enumerate(chart.series):
        pdf.set_fill_color(*_PALETTE[index % len(_PALETTE)])
        pdf.rect(lx, ly + 1, 3, 2.5, style="F")
        label = _latin1(series.name)
        pdf.set_xy(lx + 4, ly)
        label_w = pdf.get_string_width(label) + 2
        pdf.cell(label_w, 4.5, label)
        lx += 4 + label_w + 4
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(0, 0, 0)


def _pdf_table_widths(pdf: Any, table: Table, usable_mm: float) -> tuple[int, list[float]]:
    """A font size and column widths [mm] with which no word or number of ``table`` breaks:
    each column gets its widest unbreakable text (measured in the PDF's own font), the rest
    of the width goes to the columns whose texts would wrap; the largest of 9, 8 and 7 pt
    that fits wins (at 7 pt the widths are shared out as well as they go)."""
    numeric = numeric_columns(table)
    n = len(table.columns)
    columns = [[_latin1(row[c]) if c < len(row) else "" for row in table.rows] for c in range(n)]
    headers = [_latin1(h) for h in table.columns]
    pad = 2 * pdf.c_margin + 0.6

    def measure(size: int) -> tuple[list[float], list[float]]:
        def width(text: str, bold: bool = False) -> float:
            pdf.set_font("helvetica", "B" if bold else "", size)
            return float(pdf.get_string_width(text))

        least, wish = [], []
        for c in range(n):
            words = [width(w, True) for w in headers[c].split()] or [0.0]
            cells = [width(x) if numeric[c] else max([width(w) for w in x.split()] or [0.0])
                     for x in columns[c]]
            least.append(max([*words, *cells, 4.0]) + pad)
            full = [min(width(x), 70.0) + pad for x in columns[c]]
            wish.append(max([least[c], min(width(headers[c], True), 30.0) + pad, *full]))
        return least, wish

    for size in (9, 8, 7):
        least, wish = measure(size)
        if sum(least) <= usable_mm:
            break
    return size, _share_width(least, wish, usable_mm)


def to_pdf(summary: StrategySummary) -> bytes:
    """The summary as a printable A4 report: a title page, then one page per section.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    bytes
        The ``.pdf`` file.
    """
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos
    from fpdf.fonts import FontFace

    lang = summary.language
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title(_latin1(summary.title))
    pdf.set_author(_latin1(summary.prepared_by))
    pdf.set_lang("nl-NL" if lang == "nl" else "en-GB")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    usable = pdf.w - 30

    pdf.add_page()
    pdf.set_y(90)
    pdf.set_font("helvetica", "B", 28)
    pdf.set_text_color(*_HEAD_RGB)
    pdf.multi_cell(usable, 12, _latin1(summary.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "", 13)
    pdf.ln(4)
    pdf.multi_cell(usable, 7, _latin1(subtitle(summary)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.multi_cell(usable, 7, _latin1(prepared_line(summary)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    for section in layout(summary):
        pdf.add_page()
        pdf.set_font("helvetica", "B", 18)
        pdf.set_text_color(*_HEAD_RGB)
        pdf.multi_cell(usable, 9, _latin1(section.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(2)
        for text, bullet in _facts_and_text(section):
            pdf.set_font("helvetica", "", 10)
            if bullet:
                pdf.cell(5, 5.5, "-")
                pdf.multi_cell(usable - 5, 5.5, _latin1(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            else:
                pdf.multi_cell(usable, 5.5, _latin1(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        for chart in section.charts:
            pdf.ln(3)
            if pdf.will_page_break(85):
                pdf.add_page()
            top = pdf.get_y()
            _draw_pdf_chart(pdf, chart, pdf.l_margin, top, usable, 80, lang)
            pdf.set_xy(pdf.l_margin, top + 82)
        for table in section.tables:
            pdf.ln(3)
            if table.title:
                pdf.set_font("helvetica", "B", 10)
                pdf.cell(usable, 6, _latin1(table.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            size, widths = _pdf_table_widths(pdf, table, usable)
            pdf.set_font("helvetica", "", size)
            with pdf.table(
                col_widths=tuple(widths),
                width=usable,
                line_height=size * 0.55,
                text_align=tuple("RIGHT" if numeric else "LEFT" for numeric in numeric_columns(table)),
                headings_style=FontFace(emphasis="BOLD", fill_color=(225, 232, 240)),
                borders_layout="HORIZONTAL_LINES",
            ) as grid:
                heading = grid.row()
                for cell in table.columns:
                    heading.cell(_latin1(cell))
                for index, row in enumerate(table.rows):
                    line = grid.row()
                    bold = table.total and index == len(table.rows) - 1
                    for cell in row:
                        line.cell(_latin1(cell), style=FontFace(emphasis="BOLD") if bold else None)
    return bytes(pdf.output())


# =========================================================================== HTML

_HTML_CSS: Final[str] = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;
color:#1d2733;background:#f6f7f9}
header{background:#1f4e79;color:#fff;padding:2.5rem 2rem}
header h1{margin:0 0 .5rem 0;font-size:2.2rem}
header p{margin:.2rem 0;opacity:.9}
nav{padding:.6rem 2rem;background:#fff;border-bottom:1px solid #dde2e8}
nav a{margin-right:1.2rem;color:#1f4e79;text-decoration:none;font-size:.9rem}
main{max-width:1150px;margin:0 auto;padding:1rem 2rem 3rem}
section{background:#fff;border-radius:8px;padding:1.2rem 1.6rem;margin:1.2rem 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{color:#1f4e79;margin-top:0}
table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}
th,td{padding:.3rem .7rem;border-bottom:1px solid #e3e7ec;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#e1e8f0}
tr.total td{font-weight:bold}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
.chart{margin:.6rem 0}
@media print{nav{display:none}section{box-shadow:none;page-break-inside:avoid}}
"""


def chart_figure(chart: Chart) -> Any:
    """A report chart as a plotly figure (grouped bars or lines), the same series and values.

    Parameters
    ----------
    chart : Chart
        The chart.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    figure = go.Figure()
    # names and categories can come from data or users: text, not plotly's HTML
    categories = [escape_plotly(c) for c in chart.categories]
    for index, series in enumerate(chart.series):
        color = "rgb({},{},{})".format(*_PALETTE[index % len(_PALETTE)])
        values = [None if v is None else v for v in series.values]
        if chart.kind == "bar":
            figure.add_trace(go.Bar(name=escape_plotly(series.name), x=categories, y=values, marker_color=color))
        else:
            figure.add_trace(go.Scatter(name=escape_plotly(series.name), x=categories, y=values,
                                        mode="lines+markers", line={"color": color}))
    figure.update_layout(
        title=escape_plotly(chart.title), barmode="group", template="plotly_white", height=420,
        yaxis_title=escape_plotly(chart.unit), legend={"orientation": "h", "y": -0.15},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
    )
    figure.update_xaxes(type="category")
    return figure


def _html_table(table: Table) -> str:
    esc = html.escape
    align = ["right" if numeric else "left" for numeric in numeric_columns(table)]
    head = "".join(f'<th style="text-align:{a}">{esc(c)}</th>' for c, a in zip(table.columns, align, strict=True))
    body = []
    for index, row in enumerate(table.rows):
        css = ' class="total"' if table.total and index == len(table.rows) - 1 else ""
        cells = "".join(f'<td style="text-align:{a}">{esc(c)}</td>' for c, a in zip(row, align, strict=True))
        body.append(f"<tr{css}>{cells}</tr>")
    caption = f"<caption>{esc(table.title)}</caption>" if table.title else ""
    return (f'<table data-key="{esc(table.key)}">{caption}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def to_html(summary: StrategySummary) -> bytes:
    """The summary as one self-contained web page with interactive plotly charts.

    plotly.js is inlined once in the page, so the file works offline and can be mailed.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    bytes
        UTF-8 HTML.
    """
    import plotly.io as pio
    from plotly.offline import get_plotlyjs

    esc = html.escape
    sections = layout(summary)
    nav = "".join(f'<a href="#{s.key}">{esc(s.title)}</a>' for s in sections)
    parts: list[str] = []
    for section in sections:
        body = [f'<section id="{section.key}"><h2>{esc(section.title)}</h2>']
        body += [f"<p>{esc(p.strip())}</p>" for p in section.text.split("\n\n") if p.strip()]
        if section.facts:
            body.append("<ul>" + "".join(f"<li>{esc(f)}</li>" for f in section.facts) + "</ul>")
        for chart in section.charts:
            figure = localise_figure(chart_figure(chart), summary.language)
            div = pio.to_html(figure, include_plotlyjs=False, full_html=False,
                              div_id=f"chart-{chart.key.replace('.', '-')}",
                              config={"displaylogo": False, "responsive": True})
            body.append(f'<div class="chart">{div}</div>')
        body += [_html_table(table) for table in section.tables]
        body.append("</section>")
        parts.append("\n".join(body))
    page = f"""<!DOCTYPE html>
<html lang="{summary.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(summary.title)}</title>
<style>{_HTML_CSS}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head>
<body>
<header><h1>{esc(summary.title)}</h1><p>{esc(subtitle(summary))}</p><p>{esc(prepared_line(summary))}</p></header>
<nav>{nav}</nav>
<main>
{chr(10).join(parts)}
</main>
</body>
</html>
"""
    return page.encode("utf-8")


# =========================================================================== Markdown


def _md_cell(text: str) -> str:
    return escape_markdown(text).replace("\n", " ")


def _md_table(columns: Sequence[str], rows: Iterable[Sequence[str]], total: bool = False) -> list[str]:
    rows = [tuple(row) for row in rows]
    numeric = numeric_columns(Table("", tuple(columns), tuple(rows)))
    lines = ["| " + " | ".join(_md_cell(c) for c in columns) + " |",
             "|" + "|".join("---:" if n else ":---" for n in numeric) + "|"]
    for index, row in enumerate(rows):
        cells = [_md_cell(c) for c in row]
        if total and index == len(rows) - 1:
            cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def to_markdown(summary: StrategySummary) -> str:
    """The summary as Markdown: a heading per section, facts as bullets, tables as pipe tables
    and each chart's data as a table.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    str
        Markdown text.
    """
    lang = summary.language
    md = escape_markdown  # every text of the summary is plain text (titles, names, the user's words)
    lines = [f"# {md(summary.title)}", "", f"*{md(subtitle(summary))}*", "", md(prepared_line(summary)), ""]
    for section in layout(summary):
        lines += [f"## {md(section.title)}", ""]
        for paragraph in section.text.split("\n\n"):
            if paragraph.strip():
                lines += [md(paragraph.strip()), ""]
        if section.facts:
            lines += [f"- {md(fact)}" for fact in section.facts] + [""]
        for table in section.tables:
            if table.title:
                lines += [f"**{md(table.title)}**", ""]
            lines += _md_table(table.columns, table.rows, table.total) + [""]
        for chart in section.charts:
            lines += [f"**{md(t('report.chart_data', lang, title=chart.title))}**", ""]
            decimals = 0 if chart.unit in {t("report.axis_eur", lang), t("report.axis_contacts", lang)} else 1
            rows = [
                (category, *(fmt_number(s.values[i], decimals, lang) for s in chart.series))
                for i, category in enumerate(chart.categories)
            ]
            lines += _md_table(("", *(s.name for s in chart.series)), rows) + [""]
    return "\n".join(lines)


# =========================================================================== Excel

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
    names = [_channel_name(c, lang) for c in rows["channel"]]
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
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = summary.language
    tr = _tr(lang)
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="E1E8F0")

    def cell(ws: Any, value: Any, *, fmt: str | None = None, strong: bool = False, head: bool = False,
             formula: bool = False) -> Any:
        item = WriteOnlyCell(ws, value=_clean(value))
        if isinstance(item.value, str) and not formula:
            # Text (a title, a scenario or user name, a typed paragraph) stays text even when
            # it starts like a formula; only the workbook's own formulas are formulas.
            item.data_type = "s"
            item.quotePrefix = item.value.startswith(FORMULA_START)
        if fmt:
            item.number_format = fmt
        if strong or head:
            item.font = bold
        if head:
            item.fill = head_fill
        return item

    def widths(ws: Any, values: Sequence[float]) -> None:
        for index, width in enumerate(values, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width

    # --- summary: the facts a reader sees first
    ws = wb.create_sheet(tr("report.sheet_summary"))
    widths(ws, [110])
    ws.append([cell(ws, summary.title, strong=True)])
    ws.append([cell(ws, subtitle(summary))])
    ws.append([cell(ws, prepared_line(summary))])
    for section in layout(summary):
        ws.append([])
        ws.append([cell(ws, section.title, strong=True)])
        for text, bullet in _facts_and_text(section):
            ws.append([cell(ws, ("- " if bullet else "") + text)])

    # --- inputs every formula refers to
    inputs_title = tr("report.sheet_inputs")
    ws = wb.create_sheet(inputs_title)
    widths(ws, [36, 22, 22])
    ws.append([cell(ws, tr("report.xl_contract_h"), strong=True), cell(ws, summary.contract_hours_per_week, fmt="0.0")])
    ws.append([])
    ws.append([cell(ws, tr("report.col_channel"), head=True), cell(ws, tr("report.xl_rate_base"), head=True),
               cell(ws, tr("report.xl_rate_scen"), head=True)])
    rates: dict[str, tuple[float, float]] = {}
    for row in (*summary.monthly, *summary.weekly):
        rates.setdefault(row.channel, (row.rate_base_eur_per_hour, row.rate_scen_eur_per_hour))
    rate_row: dict[str, int] = {}
    for offset, (channel, (base_rate, scen_rate)) in enumerate(rates.items()):
        ws.append([cell(ws, _channel_name(channel, lang)), cell(ws, base_rate, formula=True, fmt="#,##0.00"),
                   cell(ws, scen_rate, formula=True, fmt="#,##0.00")])
        rate_row[channel] = 4 + offset
    contract_ref = _sheet_ref(inputs_title, "$B$1")

    # --- budget per week and per month
    budget_head = (
        "report.col_channel", "report.xl_weeks", "report.xl_hours_base", "report.xl_hours_scen",
        "report.xl_hours_rostered", "report.xl_contract_h", "report.xl_rate_base", "report.xl_rate_scen",
        "report.xl_fte_base", "report.xl_fte_scen", "report.xl_fte_rostered", "report.xl_cost_base",
        "report.xl_cost_scen", "report.xl_cost_rostered", "report.xl_cost_delta",
    )
    for sheet_key, period_key, rows in (
        ("report.sheet_week", "report.col_week", summary.weekly),
        ("report.sheet_month", "report.col_month", summary.monthly),
    ):
        ws = wb.create_sheet(tr(sheet_key))
        ws.freeze_panes = "C2"
        widths(ws, [11, 13, 10, 16, 16, 16, 16, 14, 14, 11, 11, 11, 16, 16, 16, 16])
        ws.append([cell(ws, tr(period_key), head=True), *(cell(ws, tr(key), head=True) for key in budget_head)])
        first = 2
        for r, row in enumerate(rows, start=first):
            at = rate_row[row.channel]
            same = rates[row.channel] == (row.rate_base_eur_per_hour, row.rate_scen_eur_per_hour)
            base_rate = f"={_sheet_ref(inputs_title, f'$B${at}')}" if same else row.rate_base_eur_per_hour
            scen_rate = f"={_sheet_ref(inputs_title, f'$C${at}')}" if same else row.rate_scen_eur_per_hour
            ws.append([
                cell(ws, row.period),
                cell(ws, _channel_name(row.channel, lang)),
                cell(ws, row.weeks, fmt="0.000"),
                cell(ws, row.hours_base_h, fmt="#,##0.0"),
                cell(ws, row.hours_scen_h, fmt="#,##0.0"),
                cell(ws, row.hours_rostered_h, fmt="#,##0.0"),
                cell(ws, f"={contract_ref}", formula=True, fmt="0.0"),
                cell(ws, base_rate, formula=True, fmt="#,##0.00"),
                cell(ws, scen_rate, formula=True, fmt="#,##0.00"),
                # FTE = hours / (contract hours x weeks)
                cell(ws, f"=D{r}/(G{r}*C{r})", formula=True, fmt="#,##0.0"),
                cell(ws, f"=E{r}/(G{r}*C{r})", formula=True, fmt="#,##0.0"),
                cell(ws, f"=F{r}/(G{r}*C{r})", formula=True, fmt="#,##0.0"),
                # cost = FTE x contract hours x weeks x rate
                cell(ws, f"=J{r}*G{r}*C{r}*H{r}", formula=True, fmt="#,##0"),
                cell(ws, f"=K{r}*G{r}*C{r}*I{r}", formula=True, fmt="#,##0"),
                cell(ws, f"=L{r}*G{r}*C{r}*H{r}", formula=True, fmt="#,##0"),
                cell(ws, f"=N{r}-M{r}", formula=True, fmt="#,##0"),
            ])
        last, total = first + len(rows) - 1, first + len(rows)
        ws.append([
            cell(ws, tr("report.total"), strong=True),
            None,
            # the period's length, not the sum over channels, so total FTE is an average
            cell(ws, summary.weeks, fmt="0.000", strong=True),
            *(cell(ws, f"=SUM({c}{first}:{c}{last})", formula=True, fmt="#,##0.0", strong=True) for c in "DEF"),
            cell(ws, f"={contract_ref}", formula=True, fmt="0.0", strong=True),
            None,
            None,
            *(cell(ws, f"={h}{total}/(G{total}*C{total})", formula=True, fmt="#,##0.0", strong=True) for h in "DEF"),
            *(cell(ws, f"=SUM({c}{first}:{c}{last})", formula=True, fmt="#,##0", strong=True) for c in "MNOP"),
        ])

    # --- the interval plan of the scenario
    ws = wb.create_sheet(tr("report.sheet_plan"))
    ws.freeze_panes = "C3"
    widths(ws, [13, 19, *([14] * len(_PLAN_COLUMNS))])
    ws.append([cell(ws, tr("report.xl_plan_note", scenario=summary.scenario_name))])  # row 1; data from row 3
    ws.append([cell(ws, tr("report.col_channel"), head=True), cell(ws, tr("report.xl_interval"), head=True),
               *(cell(ws, tr(key), head=True) for _, key, _ in _PLAN_COLUMNS)])
    plan = summary.interval_plan
    if plan is not None and len(plan):
        rows_, truncated = _plan_rows(plan, lang)
        for name, start, *values in rows_:
            # the gap is the one formula of a plan row
            ws.append([cell(ws, name), start, *(cell(ws, v, formula=True) if isinstance(v, str) else v
                                                for v in values)])
        if truncated:
            ws.append([cell(ws, tr("report.xl_truncated", rows=MAX_PLAN_ROWS))])

    wb.calculation.fullCalcOnLoad = True  # formulas carry no cached values; compute on open
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# =========================================================================== all formats

_RENDERERS: Final[dict[str, Callable[[StrategySummary], bytes]]] = {
    "pptx": to_pptx,
    "pdf": to_pdf,
    "xlsx": to_xlsx,
    "html": to_html,
    "md": lambda summary: to_markdown(summary).encode("utf-8"),
}


def render(summary: StrategySummary, fmt: str) -> bytes:
    """The summary in one of ``FORMATS``.

    Parameters
    ----------
    summary : StrategySummary
    fmt : str
        A key of ``FORMATS``.

    Returns
    -------
    bytes
        The file (Markdown and HTML as UTF-8).

    Raises
    ------
    ValueError
        For an unknown format, naming the allowed ones.
    """
    if fmt not in _RENDERERS:
        raise ValueError(f"format must be one of {tuple(_RENDERERS)}, got {fmt!r}")
    return _RENDERERS[fmt](summary)


def file_name(summary: StrategySummary, fmt: str) -> str:
    """A download name such as ``contact-strategy_scenario-a_2026-11-16.pptx``."""
    stem = re.sub(r"[^a-z0-9]+", "-", f"{summary.title}_{summary.scenario_name}".lower()).strip("-")
    return f"{stem or 'summary'}_{summary.period_start.isoformat()}.{fmt}"


# =========================================================================== building a summary


def _local_naive(ds: pd.Series) -> pd.Series:
    ds = pd.to_datetime(ds)
    return ds.dt.tz_localize(None) if ds.dt.tz is not None else ds


def _channel_order(channels: Iterable[str]) -> list[str]:
    order = {c: i for i, c in enumerate(CHANNELS)}
    return sorted(set(channels), key=lambda c: (order.get(c, len(order)), c))


def channel_hours_text(hours: ChannelHours | None, lang: str = "en") -> str:
    """Opening hours of one channel worded, as ``hours_text`` does.

    Parameters
    ----------
    hours : kcc.scenarios.ChannelHours or None
        ``None`` means open around the clock.
    lang : {"en", "nl"}

    Returns
    -------
    str
    """
    from kcc.scenarios import format_hhmm

    if hours is None:
        return hours_text({d: ("00:00", "24:00") for d in range(7)}, lang)
    return hours_text(
        {d: None if o == c else (format_hhmm(o), format_hhmm(c))
         for d, (o, c) in enumerate(zip(hours.open_min, hours.close_min, strict=True))},
        lang,
    )


def stress_from_surge(result: SurgeResult, surge: SurgeTest) -> StressSummary:
    """The stress test as the summary tells it.

    The backlog curve is taken once an hour, from the hour before the surge until two hours
    after the slower recovery (at most a day), labelled in hours since the surge started.

    Parameters
    ----------
    result : kcc.scenarios.SurgeResult
        ``kcc.scenarios.simulate_surge`` output.
    surge : kcc.scenarios.SurgeTest
        The surge that was simulated.

    Returns
    -------
    StressSummary
    """
    def hours_or_none(minutes: float) -> float | None:
        return None if not math.isfinite(minutes) else minutes / 60.0

    frame = result.intervals
    labels: tuple[str, ...] = ()
    without: tuple[float, ...] = ()
    with_: tuple[float, ...] = ()
    if frame is not None and len(frame):
        ds = pd.DatetimeIndex(frame["ds"])
        local = ds.tz_localize(None) if ds.tz is not None else ds
        first_day = local[local.day_of_week == surge.weekday].normalize()
        start = (first_day[0] if len(first_day) else local[0].normalize()) + pd.Timedelta(minutes=surge.start_min)
        offset_min = ((local - start).total_seconds() / 60.0).to_numpy()
        # one point per hour: the backlog at the end of each whole hour since the start
        step = max(1, round(60 / max(int(frame["interval_min"].iloc[0]), 1)))
        pick = np.flatnonzero(np.isclose(np.mod(offset_min + float(frame["interval_min"].iloc[0]), 60.0), 0.0))
        if not pick.size:
            pick = np.arange(0, len(frame), step)
        # show the surge and its recovery, not the quiet day after it
        recoveries = [m for m in (result.recovery_min_without, result.recovery_min_with) if math.isfinite(m)]
        horizon_min = surge.duration_min + (max(recoveries) if recoveries else 360.0) + 120.0
        pick = pick[offset_min[pick] < min(horizon_min, 24 * 60.0)]
        labels = tuple(f"{(offset_min[i] + float(frame['interval_min'].iloc[0])) / 60.0:+.0f} h" for i in pick)
        without = tuple(float(v) for v in frame["backlog_without"].to_numpy(float)[pick])
        with_ = tuple(float(v) for v in frame["backlog_with"].to_numpy(float)[pick])
    return StressSummary(
        channel=surge.channel,
        surge=float(surge.uplift),
        duration_h=surge.duration_min / 60.0,
        peak_backlog_without=float(result.peak_backlog_without),
        peak_backlog_with=float(result.peak_backlog_with),
        service_level_without=float(result.service_level_without) if _finite(result.service_level_without) else None,
        service_level_with=float(result.service_level_with) if _finite(result.service_level_with) else None,
        recovery_without_h=hours_or_none(float(result.recovery_min_without)),
        recovery_with_h=hours_or_none(float(result.recovery_min_with)),
        extra_cost_eur=float(result.flex_cost_eur),
        hour_labels=labels,
        backlog_without=without,
        backlog_with=with_,
    )


def _budget_rows(base: pd.DataFrame, scen: pd.DataFrame, key: str, base_settings: PlanSettings,
                 scen_settings: PlanSettings) -> tuple[BudgetRow, ...]:
    """Weekly or monthly rows of two ``kcc.plan.budget_bridge`` tables side by side."""
    columns = ["channel", key, "days", "required_agent_hours", "rostered_agent_hours"]
    merged = pd.merge(
        base.reindex(columns=columns), scen.reindex(columns=columns),
        on=["channel", key], how="outer", suffixes=("_b", "_s"),
    )
    if merged.empty:
        return ()
    merged["days"] = merged["days_s"].fillna(merged["days_b"]).astype(float)
    merged = merged.fillna(0.0)
    merged["_order"] = merged["channel"].map({c: i for i, c in enumerate(CHANNELS)}).fillna(len(CHANNELS))
    merged = merged.sort_values([key, "_order"])
    rows = []
    for row in merged.itertuples(index=False):
        start = pd.Timestamp(getattr(row, key))
        if key == "week":
            iso = start.isocalendar()
            label = f"{iso[0]}-W{iso[1]:02d}"
        else:
            label = f"{start:%Y-%m}"
        rows.append(BudgetRow(
            period=label,
            channel=str(row.channel),
            weeks=float(row.days) / 7.0,
            hours_base_h=float(row.required_agent_hours_b),
            hours_scen_h=float(row.required_agent_hours_s),
            # the roster is the same in both; take the scenario's rows, else the baseline's
            hours_rostered_h=float(row.rostered_agent_hours_s or row.rostered_agent_hours_b),
            rate_base_eur_per_hour=float(base_settings.cost_for(str(row.channel))),
            rate_scen_eur_per_hour=float(scen_settings.cost_for(str(row.channel))),
        ))
    return tuple(rows)


def _goals(settings: PlanSettings, channels: Sequence[str]) -> tuple[ChannelGoal, ...]:
    from kcc import plan

    goals = []
    for channel in channels:
        targets = settings.targets_for(channel)
        model = plan.channel_model(channel, targets)
        if model == "none":
            continue
        deferred = model == "backlog"
        goals.append(ChannelGoal(
            channel=channel,
            target_service_level=targets.target_service_level,
            answer_time_s=None if deferred else targets.answer_time_s,
            target_asa_s=None if deferred else targets.target_asa_s,
            max_abandon=None if deferred else targets.max_abandon,
            max_occupancy=targets.max_occupancy,
            response_time_h=targets.response_time_h if deferred else None,
        ))
    return tuple(goals)


def _assumptions(settings: PlanSettings, scen_settings: PlanSettings, spec: ScenarioSpec,
                 channels: Sequence[str], lang: str) -> tuple[Item, ...]:
    """Every input that is not measured in the data, as the scenario uses it."""
    from kcc import plan

    tr = _tr(lang)
    staffed = [c for c in channels if plan.channel_model(c, scen_settings.targets_for(c)) != "none"]
    live = [c for c in staffed if plan.channel_model(c, scen_settings.targets_for(c)) != "backlog"]
    deferred = [c for c in staffed if c not in live]
    chat = [c for c in staffed if plan.channel_model(c, scen_settings.targets_for(c)) == "chat"]

    def source(changed: bool) -> str:
        return tr("report.source_scenario" if changed else "report.source_setting")

    def per_channel(key: str, unit: str, which: Sequence[str],
                    get: Callable[[PlanSettings, str], float | None]) -> Item | None:
        values = tuple((c, get(scen_settings, c)) for c in which)
        if not values or all(v is None for _, v in values):
            return None
        changed = any(get(scen_settings, c) != get(settings, c) for c in which)
        return Item(tr(key), unit, values, source(changed))

    sec, pct = tr("common.unit_s"), "%"
    items = [
        per_channel("report.as_target_sl", pct, staffed, lambda s, c: s.targets_for(c).target_service_level),
        per_channel("report.as_answer_s", sec, live, lambda s, c: s.targets_for(c).answer_time_s),
        per_channel("report.as_response_h", tr("common.unit_h"), deferred,
                    lambda s, c: s.targets_for(c).response_time_h),
        per_channel("report.as_asa", sec, live, lambda s, c: s.targets_for(c).target_asa_s),
        per_channel("report.as_max_abandon", pct, live, lambda s, c: s.targets_for(c).max_abandon),
        per_channel("report.as_max_occupancy", pct, staffed, lambda s, c: s.targets_for(c).max_occupancy),
        per_channel("report.as_concurrency", tr("report.unit_sessions"), chat,
                    lambda s, c: s.targets_for(c).concurrency),
        per_channel("report.as_shrinkage", pct, staffed, lambda s, c: s.shrinkage_for(c)),
        per_channel("report.as_cost_hour", tr("report.unit_eur_h"), staffed, lambda s, c: s.cost_for(c)),
    ]
    out = [item for item in items if item is not None]
    per_contact = tuple((c.channel, c.cost_eur_per_contact) for c in spec.costs if c.cost_eur_per_contact)
    if per_contact:
        out.append(Item(tr("report.as_cost_contact"), tr("report.unit_eur_contact"), per_contact, source(True)))
    if spec.fcr:
        out.append(Item(tr("report.as_fcr_base"), pct, tuple((f.channel, f.fcr_baseline) for f in spec.fcr),
                        source(True)))
        out.append(Item(tr("report.as_fcr"), pct, tuple((f.channel, f.fcr) for f in spec.fcr), source(True)))
        longer = tuple((f.channel, f.aht_change) for f in spec.fcr if f.aht_change)
        if longer:
            out.append(Item(tr("report.as_aht_change"), pct, longer, source(True)))
    general = [
        Item(tr("report.as_contract"), tr("report.unit_h_week"), (("", float(settings.contract_hours_per_week)),),
             source(False)),
        Item(tr("report.flex_premium"), pct, (("", float(scen_settings.flex_premium)),),
             source(scen_settings.flex_premium != settings.flex_premium)),
    ]
    behaviour = spec.closed_hours
    default = type(behaviour)()
    changed = behaviour != default
    general += [
        Item(tr("report.as_callback"), pct, (("", behaviour.callback_share),), source(changed)),
        Item(tr("report.as_digital", channel=_channel_name(behaviour.digital_channel, lang)), pct,
             (("", behaviour.digital_share),), source(changed)),
        Item(tr("report.as_lost"), pct, (("", behaviour.lost_share),), source(changed)),
        Item(tr("report.as_redial"), tr("common.unit_min"), (("", behaviour.redial_window_min),), source(changed)),
    ]
    for shift in spec.shifts:
        names = {"source": _channel_name(shift.source, lang), "target": _channel_name(shift.target, lang)}
        general += [
            Item(tr("report.as_shift", **names), pct, (("", shift.share),), source(True)),
            Item(tr("report.as_shift_containment", **names), pct, (("", shift.containment),), source(True)),
            Item(tr("report.as_shift_failure", **names), pct, (("", shift.failure_share),), source(True)),
        ]
        if shift.aht_s is not None:
            general.append(Item(tr("report.as_shift_aht", **names), sec, (("", shift.aht_s),), source(True)))
    surge = spec.surge
    if surge is not None:
        stress = tr("report.source_stress")
        from kcc.scenarios import format_hhmm

        general += [
            Item(tr("report.as_surge_uplift", channel=_channel_name(surge.channel, lang)), pct,
                 (("", surge.uplift),), stress),
            Item(tr("report.as_surge_start"), "",
                 (("", f"{t(f'common.weekday_{surge.weekday}', lang)} {format_hhmm(surge.start_min)}"),), stress),
            Item(tr("report.as_surge_duration"), tr("common.unit_min"), (("", surge.duration_min),), stress),
            *(Item(i.name, i.unit, i.values, stress) for i in _flex_items(surge, None, lang)[1:]),
        ]
    return tuple(out + general)


def _flex_items(surge: SurgeTest | None, result: SurgeResult | None, lang: str,
                premium: float | None = None) -> tuple[Item, ...]:
    """Flexible capacity: the premium and the stress test's flex pool, outsourcing, overtime."""
    tr = _tr(lang)
    agents, minutes = tr("report.unit_agents"), tr("common.unit_min")
    items = [Item(tr("report.flex_premium"), "%", (("", premium),))]
    if surge is not None:
        # the details of a source of capacity matter only when it has agents
        items.append(Item(tr("report.flex_pool_agents"), agents, (("", surge.home_agents),)))
        if surge.home_agents:
            items += [Item(tr("report.flex_block_min"), minutes, (("", surge.home_block_min),)),
                      Item(tr("report.flex_start_delay_min"), minutes, (("", surge.home_delay_min),))]
        items.append(Item(tr("report.flex_outsourcing_agents"), agents, (("", surge.outsource_agents),)))
        if surge.outsource_agents:
            items.append(Item(tr("report.flex_outsource_delay_min"), minutes, (("", surge.outsource_delay_min),)))
        items.append(Item(tr("report.flex_overtime_agents"), agents, (("", surge.overtime_agents),)))
        if surge.overtime_agents:
            items.append(Item(tr("report.flex_overtime_min"), minutes, (("", surge.overtime_min),)))
    if result is not None:
        items += [
            Item(tr("report.flex_hours"), tr("common.unit_h"), (("", round(float(result.flex_agent_hours), 1)),)),
            Item(tr("report.flex_cost"), "EUR", (("", round(float(result.flex_cost_eur))),)),
        ]
    return tuple(items)


def _risks(channels: Sequence[ChannelOutcome], goals: Sequence[ChannelGoal], cost_delta_eur: float,
           stress: StressSummary | None, scen_plan: pd.DataFrame, weekly: Sequence[BudgetRow],
           contract_hours: float, lang: str) -> tuple[str, ...]:
    """Risks a board should hear about, worded: roster gaps, missed targets, cost, surge."""
    tr = _tr(lang)
    risks: list[str] = []
    staffed = scen_plan[(scen_plan["model"] != "none") & (scen_plan["volume"] > 0)] if len(scen_plan) else scen_plan
    if len(staffed):
        short_share = float((staffed["gap"] < -1e-9).mean())
        gaps: dict[str, float] = {}
        for row in weekly:
            gap_fte = row.fte(row.hours_rostered_h - row.hours_scen_h, contract_hours)
            gaps[row.period] = gaps.get(row.period, 0.0) + gap_fte
        worst = min(gaps, key=gaps.__getitem__) if gaps else None
        # a few short intervals are normal; the board hears of it above 5% of open intervals
        if short_share > 0.05 and worst is not None and gaps[worst] < 0:
            risks.append(tr("report.risk_short", share=fmt_pct(short_share, 0, lang),
                            gap=f"{fmt_number(-gaps[worst], 1, lang)} {tr('report.axis_fte')}", week=worst))
    goal_of = {g.channel: g for g in goals}
    for channel in channels:
        goal = goal_of.get(channel.channel)
        if goal is None:
            continue
        name = _channel_name(channel.channel, lang)
        if (_finite(channel.service_level_scen) and goal.target_service_level is not None
                and channel.service_level_scen < goal.target_service_level - 0.005):  # type: ignore[operator]
            risks.append(tr("report.risk_sl", channel=name, achieved=fmt_pct(channel.service_level_scen, 1, lang),
                            target=fmt_pct(goal.target_service_level, 1, lang)))
        if (_finite(channel.abandon_scen) and goal.max_abandon is not None
                and channel.abandon_scen > goal.max_abandon + 0.0005):  # type: ignore[operator]
            risks.append(tr("report.risk_abandon", channel=name, achieved=fmt_pct(channel.abandon_scen, 1, lang),
                            target=fmt_pct(goal.max_abandon, 1, lang)))
    if cost_delta_eur > 0.5:
        risks.append(tr("report.risk_cost_up", delta=fmt_eur(cost_delta_eur, lang)))
    if stress is not None and stress.recovery_without_h is None:
        risks.append(tr("report.risk_stress", surge=fmt_pct(stress.surge, 0, lang)))
    return tuple(risks)


def build_summary(
    baseline: ScenarioResult,
    scenario: ScenarioResult,
    settings: PlanSettings,
    *,
    language: str = "en",
    role: str = "add_value",
    role_text: str = "",
    texts: Mapping[str, str] | None = None,
    title: str = "",
    opening_hours: Sequence[ChannelHours] | None = None,
    prepared_by: str = "",
    prepared_on: date | None = None,
) -> StrategySummary:
    """The board summary of ``scenario`` against ``baseline``.

    Parameters
    ----------
    baseline, scenario : kcc.scenarios.ScenarioResult
        ``kcc.scenarios.evaluate_scenario`` of the baseline spec (``spec.baseline()``) and of
        the chosen spec, on the same demand and roster. Their ``plan`` frames give the
        requirement, roster, KPIs and budget; ``scenario.by_channel`` the reachability;
        ``scenario.surge`` the stress test.
    settings : kcc.plan.PlanSettings
        Baseline plan settings; the scenario's follow with ``kcc.scenarios.scenario_settings``.
    language : {"en", "nl"}
        Language of every text in the summary.
    role : {"add_value", "learn", "minimise_cost"}
        The role the centre chooses.
    role_text : str
        The role in the user's words; default a standard wording of ``role``.
    texts : mapping of str to str, optional
        The user's text per section (keys from ``SECTIONS``); empty texts are left out.
    title : str
        Document title; default "Contact strategy".
    opening_hours : sequence of kcc.scenarios.ChannelHours, optional
        Baseline opening hours (the ``opening_hours`` setting); default as the data shows them.
    prepared_by : str
        Who prepares the summary.
    prepared_on : datetime.date, optional
        Default today.

    Returns
    -------
    StrategySummary

    Raises
    ------
    ValueError
        For an unknown language, role or section, naming the allowed values.
    """
    from kcc import plan as plan_mod
    from kcc import scenarios

    if language not in _LANGUAGES:
        raise ValueError(f"language must be one of {_LANGUAGES}, got {language!r}")
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, got {role!r}")
    lang = language
    base_settings = scenarios.scenario_settings(settings, baseline.spec)
    scen_settings = scenarios.scenario_settings(settings, scenario.spec)
    contract = float(settings.contract_hours_per_week)
    base_plan, scen_plan = baseline.plan, scenario.plan

    days = _local_naive(pd.concat([base_plan["ds"], scen_plan["ds"]])).dt.normalize()
    start, end = days.min().date(), days.max().date()
    weeks = ((end - start).days + 1) / 7.0

    volume_base = baseline.demand.groupby("channel")["volume"].sum()
    volume_scen = scenario.demand.groupby("channel")["volume"].sum()
    channels = _channel_order(
        [c for c in set(volume_base.index) | set(volume_scen.index)
         if volume_base.get(c, 0.0) > 0 or volume_scen.get(c, 0.0) > 0]
    )
    by_channel = scenario.by_channel.set_index("channel") if "channel" in scenario.by_channel else scenario.by_channel
    base_hours = {h.channel: h for h in (opening_hours if opening_hours is not None
                                          else scenarios.infer_opening_hours(baseline.demand))}

    def kpis(frame: pd.DataFrame, channel: str) -> tuple[float | None, float | None, float, float]:
        rows = frame[frame["channel"] == channel]
        if rows.empty or (rows["model"] == "none").all():
            return None, None, 0.0, 0.0
        tot = plan_mod.total(rows)
        sl, ab = float(tot["service_level"]), float(tot["p_abandon"])
        return (sl if math.isfinite(sl) else None, ab if math.isfinite(ab) else None,
                float(tot["required_agent_hours"]), float(tot["rostered_agent_hours"]))

    def reach(channel: str, column: str) -> float | None:
        if channel not in by_channel.index or column not in by_channel:
            return None
        value = float(by_channel.loc[channel, column])
        return value if math.isfinite(value) else None

    outcomes = []
    for channel in channels:
        sl_b, ab_b, hours_b, rostered_h = kpis(base_plan, channel)
        sl_s, ab_s, hours_s, rostered_s = kpis(scen_plan, channel)
        hours_scen = scenario.spec.hours_for(channel) or base_hours.get(channel)
        outcomes.append(ChannelOutcome(
            channel=channel,
            volume_base=float(volume_base.get(channel, 0.0)),
            volume_scen=float(volume_scen.get(channel, 0.0)),
            service_level_base=sl_b, service_level_scen=sl_s,
            abandon_base=ab_b, abandon_scen=ab_s,
            reach_base=reach(channel, "reachability_baseline"),
            reach_scen=reach(channel, "reachability"),
            hours_base=channel_hours_text(base_hours.get(channel), lang),
            hours_scen=channel_hours_text(hours_scen, lang),
            required_fte_base=hours_b / (contract * weeks),
            required_fte_scen=hours_s / (contract * weeks),
            rostered_fte=(rostered_s or rostered_h) / (contract * weeks),
            cost_base_eur=hours_b * base_settings.cost_for(channel),
            cost_scen_eur=hours_s * scen_settings.cost_for(channel),
        ))

    bridge_base = plan_mod.budget_bridge(base_plan, base_settings)
    bridge_scen = plan_mod.budget_bridge(scen_plan, scen_settings)
    weekly = _budget_rows(bridge_base.weekly, bridge_scen.weekly, "week", base_settings, scen_settings)
    monthly = _budget_rows(bridge_base.monthly, bridge_scen.monthly, "month", base_settings, scen_settings)

    surge = scenario.spec.surge
    stress = stress_from_surge(scenario.surge, surge) if scenario.surge is not None and surge is not None else None
    goals = _goals(scen_settings, channels)
    cost_delta = sum(r.cost_scen_eur - r.cost_base_eur for r in monthly)
    risks = _risks(outcomes, goals, cost_delta, stress, scen_plan, weekly, contract, lang)
    user_texts = tuple((key, str(text).strip()) for key, text in (texts or {}).items() if str(text).strip())
    return StrategySummary(
        title=title.strip() or t("report.default_title", lang),
        language=lang,
        scenario_name=scenario.name or t("report.scenario", lang),
        baseline_name=baseline.name or t("report.baseline", lang),
        period_start=start,
        period_end=end,
        prepared_by=prepared_by,
        prepared_on=prepared_on or date.today(),
        role=role,
        role_text=role_text.strip() or t(f"report.role_default_{role}", lang),
        goals=goals,
        channels=tuple(outcomes),
        weekly=weekly,
        monthly=monthly,
        contract_hours_per_week=contract,
        flex=_flex_items(surge, scenario.surge, lang, float(scen_settings.flex_premium)),
        stress=stress,
        risks=risks,
        assumptions=_assumptions(settings, scen_settings, scenario.spec, channels, lang),
        texts=user_texts,
        interval_plan=scen_plan,
    )
