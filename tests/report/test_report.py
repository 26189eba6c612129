"""The board summary: each file opened with its own library and read as a board member would.

Renderers are checked on a constructed summary with known numbers (so a failure points at the
renderer), then ``build_summary`` on the demo centre (the numbers agree with the plan's budget
bridge, a scenario without levers equals the baseline) and all formats within seconds.
"""

from __future__ import annotations

import dataclasses
import html
import io
import math
import re
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from kcc import plan as kcc_plan
from kcc import report, scenarios
from kcc.formatting import CHART_SEPARATORS, escape_markdown, fmt_month
from kcc.i18n import t
from kcc.report import (
    BudgetRow,
    ChannelGoal,
    ChannelOutcome,
    Item,
    StrategySummary,
    StressSummary,
    render_pdf,
    slides,
)
from tests.scenarios.test_scenarios import week_frame

CHANNELS = ("phone", "chat")
MONTHS = (("2026-11", 15 / 7), ("2026-12", 6 / 7))


def interval_plan() -> pd.DataFrame:
    """One plan week of two channels, closed at night (rows with nothing in them)."""
    ds = pd.date_range("2026-11-16", periods=96 * 7, freq="15min", tz="Europe/Amsterdam")
    hour = ds.hour.to_numpy()
    open_ = (hour >= 8) & (hour < 20)
    frames = []
    for k, channel in enumerate(CHANNELS):
        volume = np.where(open_, 20.0 + 5 * k + hour, 0.0)
        required = np.where(open_, np.ceil(volume / 4), 0.0)
        rostered = np.where(open_, required - 1 + (hour % 3), 0.0)
        frames.append(pd.DataFrame({
            "channel": channel, "ds": ds, "interval_min": 15, "model": "erlang_a",
            "volume": volume, "volume_hi": volume * 1.2, "aht_s": 300.0,
            "required": required * 0.8, "required_p90": required, "required_scheduled": required,
            "required_scheduled_p90": required + 1, "rostered": rostered, "available": rostered * 0.7,
            "gap": rostered - required,
            "service_level": np.where(open_, 0.75 + 0.01 * (hour % 5), np.nan),
            "asa_s": np.where(open_, 25.0, np.nan), "p_abandon": np.where(open_, 0.04, np.nan),
            "occupancy": np.where(open_, 0.82, np.nan),
            "cost_required_eur": required * 0.25 * 38, "cost_rostered_eur": rostered * 0.25 * 38,
        }))
    return pd.concat(frames, ignore_index=True)


def make_summary(lang: str = "en", **changes: Any) -> StrategySummary:
    """A summary with round, known numbers."""
    weekly = tuple(
        BudgetRow(f"2026-W{47 + w:02d}", c, 1.0, 1000.0 + 100 * w + 10 * k, 1100.0 + 100 * w, 990.0, 38.0, 40.0)
        for w in range(3) for k, c in enumerate(CHANNELS)
    )
    monthly = tuple(
        BudgetRow(month, c, weeks, 1000.0 * weeks + 10 * k, 1100.0 * weeks, 990.0 * weeks, 38.0, 40.0)
        for month, weeks in MONTHS for k, c in enumerate(CHANNELS)
    )
    fields: dict[str, Any] = {
        "title": "Contact strategy 2027",
        "language": lang,
        "scenario_name": "Open until 22:00",
        "baseline_name": "Baseline",
        "period_start": date(2026, 11, 16),
        "period_end": date(2026, 12, 6),
        "prepared_by": "Anna",
        "prepared_on": date(2026, 11, 1),
        "role": "learn",
        "role_text": "We learn from every contact.",
        "goals": (ChannelGoal("phone", 0.8, 30, None, 0.05, 0.85), ChannelGoal("chat", 0.8, 60, 40, None, 0.85)),
        "channels": (
            ChannelOutcome("phone", 12000, 12600, 0.762, 0.815, 0.041, 0.031, 0.9, 0.95,
                           "Mon-Fri 08:00-20:00", "Mon-Fri 08:00-22:00", 30.5, 33.25, 29.0, 110000, 121000),
            ChannelOutcome("chat", 3000, 3300, 0.70, 0.72, 0.05, 0.05, 0.97, 0.97,
                           "Mon-Fri 08:00-22:00", "Mon-Fri 08:00-22:00", 9.0, 9.5, 9.5, 30000, 32000),
        ),
        "weekly": weekly,
        "monthly": monthly,
        "contract_hours_per_week": 36.0,
        "flex": (Item("flex premium", "%", (("", 0.3),)), Item("flex pool", "agents", (("", 10),))),
        "stress": StressSummary("phone", 0.5, 4.0, 812.0, 305.0, 0.21, 0.55, None, 6.5, 2400.0,
                                ("-1 h", "+0 h", "+1 h", "+2 h"), (0.0, 120.0, 400.0, 812.0),
                                (0.0, 60.0, 200.0, 305.0)),
        "risks": ("Phone is short on Monday mornings.",),
        "assumptions": (
            Item("service-level target", "%", (("phone", 0.8), ("chat", 0.8)), "setting"),
            Item("contract hours per FTE", "h/week", (("", 36.0),), "setting"),
        ),
        "texts": (("budget", "The budget asks for two more agents."),),
        "interval_plan": interval_plan(),
    }
    fields.update(changes)
    return StrategySummary(**fields)


@pytest.fixture(scope="module", params=["en", "nl"])
def rendered(request: pytest.FixtureRequest) -> tuple[StrategySummary, dict[str, bytes]]:
    summary = make_summary(request.param)
    return summary, {fmt: report.render(summary, fmt) for fmt in report.FORMATS}


def section_titles(lang: str) -> list[str]:
    return [t(f"report.sec_{key}", lang) for key in report.SECTIONS]


# --------------------------------------------------------------------------- the model


def test_totals_follow_from_hours_contract_and_rates() -> None:
    s = make_summary()
    tot = s.totals()
    hours_scen = sum(r.hours_scen_h for r in s.monthly)
    assert s.weeks == pytest.approx(3.0)
    assert tot["fte_scen"] == pytest.approx(hours_scen / (36.0 * 3.0))
    assert tot["cost_scen_eur"] == pytest.approx(hours_scen * 40.0)
    assert tot["cost_rostered_eur"] == pytest.approx(sum(r.hours_rostered_h for r in s.monthly) * 38.0)
    month = s.budget_by_period("month")
    assert list(month["period"]) == ["2026-11", "2026-12"]
    assert month["cost_base_eur"].sum() == pytest.approx(tot["cost_base_eur"])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"language": "de"}, "language must be one of ('en', 'nl'), got 'de'"),
        ({"role": "grow"}, "role must be one of ('add_value', 'learn', 'minimise_cost'), got 'grow'"),
        ({"contract_hours_per_week": 0.0}, "contract_hours_per_week must be above 0 h, got 0.0"),
        ({"texts": (("intro", "x"),)}, "texts name unknown sections ['intro']"),
        ({"period_end": date(2026, 11, 1)}, "period_end (2026-11-01) must not be before period_start (2026-11-16)"),
    ],
)
def test_invalid_summary_is_refused_with_a_clear_message(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as error:
        make_summary(**changes)
    assert message in str(error.value)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match=r"format must be one of \('pptx', 'pdf', 'xlsx', 'html', 'md'\), got 'doc'"):
        report.render(make_summary(), "doc")


def test_numbers_and_hours_are_worded_per_language() -> None:
    assert report.fmt_number(1234567.891, 1, "en") == "1,234,567.9"
    assert report.fmt_number(1234567.891, 1, "nl") == "1.234.567,9"
    assert report.fmt_pct(0.8153, 1, "nl") == "81,5%"
    assert report.fmt_eur(-1200, "en", signed=True) == "-EUR 1,200"
    assert report.fmt_number(float("nan")) == "-"
    week = {d: ("08:00", "20:00") for d in range(5)} | {5: ("09:00", "17:00"), 6: None}
    assert report.hours_text(week, "en") == "Mon-Fri 08:00-20:00, Sat 09:00-17:00, Sun closed"
    assert report.hours_text(week, "nl") == "ma-vr 08:00-20:00, za 09:00-17:00, zo gesloten"
    assert report.hours_text({d: ("00:00", "24:00") for d in range(7)}, "en") == "Mon-Sun 24 h"


def test_layout_has_every_section_in_order_with_the_users_texts() -> None:
    sections = report.layout(make_summary())
    assert [s.key for s in sections] == list(report.SECTIONS)
    assert sections[report.SECTIONS.index("role")].text.startswith("We learn from every contact.")
    budget = sections[report.SECTIONS.index("budget")]
    assert budget.text == "The budget asks for two more agents."
    assert budget.tables[0].rows[-1][0] == "Total"


@pytest.mark.parametrize(("lang", "fact", "cell"), [
    ("en", "with it 390 min after the surge", "390"),
    ("nl", "met flexpool 390 min na de piek", "390"),
])
def test_the_stress_tests_recovery_is_told_in_minutes_as_on_the_levers_page(lang: str, fact: str, cell: str) -> None:
    """The Strategy levers page shows the recovery in whole minutes; the summary says the same.
    In hours with one decimal, a recovery of 2.5 minutes read "0.0 h", as if nothing had waited."""
    risks = report.layout(make_summary(lang))[report.SECTIONS.index("risks")]
    assert any(fact in f for f in risks.facts), risks.facts
    assert any(t("report.not_recovered", lang) in f for f in risks.facts)
    table = next(tb for tb in risks.tables if tb.key == "risks.stress")
    row = next(r for r in table.rows if r[0] == t("report.stress_recovery", lang))
    assert row[1:] == (t("report.not_recovered", lang), cell)
    assert row[0].endswith("[min]")
    quick = report.layout(make_summary(lang, stress=dataclasses.replace(make_summary().stress, recovery_with_h=2.5 / 60)))
    table = next(tb for tb in quick[report.SECTIONS.index("risks")].tables if tb.key == "risks.stress")
    assert next(r for r in table.rows if r[0] == t("report.stress_recovery", lang))[2] == report.fmt_number(2.5, 0, lang)


def test_the_stress_charts_hours_are_labelled_in_the_summarys_language(demo_results: dict[str, Any]) -> None:
    """The deck's stress chart counts hours since the surge began: "+1 h" in English, "+1 u" in
    Dutch, as every Dutch hour in the summary reads ("4,0 u")."""
    result = demo_results["same"]
    english = report.stress_from_surge(result.surge, result.spec.surge, "en").hour_labels
    dutch = report.stress_from_surge(result.surge, result.spec.surge, "nl").hour_labels
    assert english[:3] == ("-1 h", "+0 h", "+1 h")
    assert dutch == tuple(label.replace(" h", " u") for label in english)


# --------------------------------------------------------------------------- PowerPoint


def _slide_title(slide: Any) -> str:
    return slide.shapes.title.text_frame.text


def section_slides(deck: Any, lang: str) -> dict[str, list[Any]]:
    """The slides of each section, in order: its own slide, then any titled "(continued)"."""
    keys = {t(f"report.sec_{key}", lang): key for key in report.SECTIONS}
    suffix = f" ({t('report.continued', lang)})"
    out: dict[str, list[Any]] = {}
    for slide in list(deck.slides)[1:]:
        title = _slide_title(slide)
        key = keys[title.removesuffix(suffix)]
        if title.endswith(suffix):
            assert list(out)[-1] == key, f"{title!r} does not follow its section"
        else:
            assert key not in out, f"two slides titled {title!r}"
        out.setdefault(key, []).append(slide)
    return out


def test_pptx_has_a_title_slide_and_one_slide_per_section(rendered: tuple[StrategySummary, dict[str, bytes]]) -> None:
    summary, files = rendered
    deck = Presentation(io.BytesIO(files["pptx"]))
    assert _slide_title(deck.slides[0]) == summary.title
    assert list(section_slides(deck, summary.language)) == list(report.SECTIONS)
    subtitle = deck.slides[0].placeholders[1].text_frame.text
    assert summary.scenario_name in subtitle
    assert ("tegenover" in subtitle) == (summary.language == "nl")


def test_pptx_charts_are_native_charts_with_the_summary_numbers(
    rendered: tuple[StrategySummary, dict[str, bytes]],
) -> None:
    summary, files = rendered
    lang = summary.language
    deck = Presentation(io.BytesIO(files["pptx"]))
    slides = section_slides(deck, lang)
    charts = {key: [s.chart for slide in group for s in slide.shapes if s.has_chart]
              for key, group in slides.items()}
    assert all(not s.shape_type == 13 for slide in deck.slides for s in slide.shapes), "no pictures"
    # budget: cost per month, scenario series = hours x scenario rate
    (cost,) = charts["budget"]
    series = {s.name: list(s.values) for s in cost.plots[0].series}
    month = summary.budget_by_period("month")
    # the months as the language writes them: 2026-11 in English, 11-2026 in Dutch
    assert list(cost.plots[0].categories) == [
        fmt_month(date(int(p[:4]), int(p[5:7]), 1), lang) for p in month["period"]]
    assert list(cost.plots[0].categories)[0] == {"en": "2026-11", "nl": "11-2026"}[lang]
    assert series[t("report.series_cost_scen", lang)] == pytest.approx(list(month["cost_scen_eur"].round(0)))
    assert series[t("report.series_cost_base", lang)] == pytest.approx(list(month["cost_base_eur"].round(0)))
    # goals: service level per channel in %, target first
    (sl,) = charts["goals"]
    series = {s.name: list(s.values) for s in sl.plots[0].series}
    sl_label = t("report.kpi_in_time_roster", lang)
    assert series[t("report.label_scen", lang, label=sl_label)] == pytest.approx([81.5, 72.0])
    assert series[t("report.series_target", lang)] == pytest.approx([80.0, 80.0])
    assert list(sl.plots[0].categories) == [t("common.ch_phone", lang), t("common.ch_chat", lang)]
    # stress test backlog curve, without and with the flex pool
    (backlog,) = charts["risks"]
    series = {s.name: list(s.values) for s in backlog.plots[0].series}
    assert series[t("report.series_backlog_without", lang)] == [0.0, 120.0, 400.0, 812.0]
    assert series[t("report.series_backlog_with", lang)] == [0.0, 60.0, 200.0, 305.0]
    # weekly FTE lines: baseline, scenario, rostered
    (fte,) = charts["plan"]
    assert [s.name for s in fte.plots[0].series] == [
        t("report.series_fte_base", lang), t("report.series_fte_scen", lang), t("report.series_fte_rostered", lang)]
    assert list(fte.plots[0].series[1].values) == pytest.approx([61.1, 66.7, 72.2])  # 2,200 h / 36 h ...


def test_pptx_tables_equal_the_core_numbers(rendered: tuple[StrategySummary, dict[str, bytes]]) -> None:
    summary, files = rendered
    lang = summary.language
    deck = Presentation(io.BytesIO(files["pptx"]))
    (slide,) = section_slides(deck, lang)["budget"]
    (table,) = [s.table for s in slide.shapes if s.has_table]
    cells = [[table.cell(r, c).text for c in range(len(table.columns))] for r in range(len(table.rows))]
    tot = summary.totals()
    assert cells[0][0] == t("report.col_month", lang)
    assert cells[-1] == [
        t("report.total", lang),
        report.fmt_number(tot["fte_base"], 1, lang),
        report.fmt_number(tot["fte_scen"], 1, lang),
        report.fmt_number(tot["fte_rostered"], 1, lang),
        report.fmt_number(tot["cost_base_eur"], 0, lang),
        report.fmt_number(tot["cost_scen_eur"], 0, lang),
        report.fmt_number(tot["cost_rostered_eur"], 0, lang),
    ]
    assert cells[-1][5] == ("264,000" if lang == "en" else "264.000")  # 6,600 h x EUR 40/h


def _assert_laid_out(section: report.Section) -> list[report.SlidePlan]:
    """Every table row on exactly one slide, no word broken, nothing off the slide, no overlap."""
    plans = report.plan_slides(section)
    assert plans and not plans[0].continued and all(p.continued for p in plans[1:])
    shown: dict[str, list[int]] = {table.key: [] for table in section.tables}
    charts = []
    for plan in plans:
        boxes = [(p.left, p.top, p.left + p.width, p.top + p.height) for p in plan.placements]
        for i, a in enumerate(boxes):
            assert a[0] >= 0 and a[2] <= report.SLIDE_W, f"{section.key}: off the slide sideways"
            for b in boxes[i + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], f"{section.key}: overlap"
        for place in plan.placements:
            if isinstance(place.item, report.Chart):
                charts.append(place.item.key)
                continue
            fit, (first, stop) = place.fit, place.rows
            shown[place.item.key] += list(range(first, stop))
            if stop - first > 1:
                assert place.top + place.height <= report.SLIDE_H, f"{section.key}: table runs off the slide"
            assert sum(fit.col_widths) == place.width
            for row in [place.item.columns, *place.item.rows[first:stop]]:
                for text, width in zip(row, fit.col_widths, strict=True):
                    per_line = (width - slides.CELL_PAD_W_EMU) / slides.char_width_emu(fit.font_pt)
                    longest = max((len(w) for w in text.split()), default=0)
                    assert longest <= per_line + 1e-6, f"{section.key}: {text!r} breaks inside a word"
    assert charts == [chart.key for chart in section.charts]
    for table in section.tables:
        assert shown[table.key] == list(range(len(table.rows))), f"{table.key}: rows lost or repeated"
    return plans


def test_every_demo_section_is_laid_out_without_broken_words_or_lost_rows(
    demo_results: dict[str, Any],
) -> None:
    r = demo_results
    for lang in ("en", "nl"):
        summary = report.build_summary(r["baseline"], r["longer"], r["settings"], opening_hours=r["hours"],
                                       language=lang)
        for section in report.layout(summary):
            _assert_laid_out(section)


def test_pdf_tables_keep_every_word_and_number_whole(demo_results: dict[str, Any]) -> None:
    from fpdf import FPDF

    r = demo_results
    summary = report.build_summary(r["baseline"], r["longer"], r["settings"], opening_hours=r["hours"],
                                   language="nl")
    pdf = FPDF(format="A4")
    pdf.add_page()
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    for section in report.layout(summary):
        for table in section.tables:
            size, widths = render_pdf.pdf_table_widths(pdf, table, usable)
            assert sum(widths) == pytest.approx(usable)
            numeric = report.numeric_columns(table)
            for r_index, row in enumerate([table.columns, *table.rows]):
                pdf.set_font("helvetica", "B" if r_index == 0 else "", size)
                for c, (text, width) in enumerate(zip(row, widths, strict=True)):
                    pieces = [text] if numeric[c] and r_index else text.split()
                    widest = max((pdf.get_string_width(render_pdf.latin1(p)) for p in pieces), default=0)
                    assert widest + 2 * pdf.c_margin <= width + 1e-6, f"{table.key}: {text!r} breaks"


def test_a_long_table_continues_on_the_next_slide_with_its_header() -> None:
    rows = tuple((f"2026-W{w:02d}", f"{100 + w},5", f"{1000 * w:,}".replace(",", ".")) for w in range(1, 61))
    table = report.Table("plan.week", ("Week", "Benodigd [fte]", "Kosten [EUR]"), rows)
    chart = report.Chart("plan.fte", "Fte", "line", ("a", "b"), (report.Series("x", (1.0, 2.0)),), "fte")
    section = report.Section("plan", "Plan", "", ("One fact.",), tables=(table,), charts=(chart,))
    plans = _assert_laid_out(section)
    assert len(plans) >= 3, "60 rows do not fit beside a chart, nor on one slide"
    assert [type(p.item) for p in plans[0].placements] == [report.Chart]
    parts = [p.rows for plan in plans[1:] for p in plan.placements]
    assert parts[0][0] == 0 and parts[-1][1] == 60
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False)), "parts follow on without gaps"
    summary = make_summary("nl")
    deck = Presentation(io.BytesIO(report.to_pptx(summary)))
    sections = report.layout(summary)
    # the same plan drives the deck: a section's slides are the plans of its section
    assert [len(group) for group in section_slides(deck, "nl").values()] == [
        len(report.plan_slides(sec)) for sec in sections
    ]


def test_a_table_takes_a_smaller_font_before_it_breaks_words() -> None:
    # four columns headed by a 14-letter word: 5.4 M EMU wide at 12 pt, 3.9 M at 8 pt
    header = tuple(f"Bereikbaarheid {c}" for c in range(4))
    table = report.Table("t", header, (tuple(f"{c * 1111:,}" for c in range(4)),))
    wide = report.fit_table(table, report.SLIDE_W)
    narrow = report.fit_table(table, 4_200_000)
    assert wide is not None and narrow is not None
    assert (wide.font_pt, narrow.font_pt) == (12, 8)
    assert narrow.row_heights[0] > wide.row_heights[0], "the narrow header wraps at its space"
    assert report.fit_table(table, 3_000_000) is None, "no font keeps these words whole"


# --------------------------------------------------------------------------- Excel

_REF = re.compile(r"(?:'((?:[^']|'')+)'!)?\$?([A-Z]{1,3})\$?(\d+)")
_SUM = re.compile(r"SUM\((?:'((?:[^']|'')+)'!)?\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)\)")


def _value(wb: Any, sheet: str, ref: str) -> float:
    value = wb[sheet][ref].value
    if isinstance(value, str) and value.startswith("="):
        return _evaluate(wb, sheet, value[1:])
    return 0.0 if value is None else float(value)


def _evaluate(wb: Any, sheet: str, expr: str) -> float:
    """Evaluate the formulas the workbook uses: cell references, + - * / and SUM of a column
    (of this sheet or another)."""

    def total(m: re.Match[str]) -> str:
        where = (m.group(1) or sheet).replace("''", "'")
        column, first, last = m.group(2), int(m.group(3)), int(m.group(5))
        return repr(sum(_value(wb, where, f"{column}{r}") for r in range(first, last + 1)))

    expr = _SUM.sub(total, expr)
    expr = _REF.sub(lambda m: repr(_value(wb, (m.group(1) or sheet).replace("''", "'"),
                                          f"{m.group(2)}{m.group(3)}")), expr)
    assert re.fullmatch(r"[\d.eE+\-*/() ]+", expr), expr
    return float(eval(expr))  # noqa: S307 - arithmetic only, checked above


def test_xlsx_budget_has_formulas_consistent_with_the_summary(
    rendered: tuple[StrategySummary, dict[str, bytes]],
) -> None:
    summary, files = rendered
    lang = summary.language
    wb = load_workbook(io.BytesIO(files["xlsx"]))
    assert wb.sheetnames == [t(f"report.sheet_{k}", lang) for k in ("summary", "inputs", "week", "month", "plan")]
    month = wb[t("report.sheet_month", lang)]
    name = month.title
    assert month["J2"].value == "=D2/(G2*C2)"  # FTE = hours / (contract hours x weeks)
    assert month["N2"].value == "=K2*G2*C2*I2"  # cost = FTE x contract hours x weeks x rate
    assert str(month["G2"].value).startswith("='")  # contract hours come from the inputs sheet
    for r, row in enumerate(summary.monthly, start=2):
        assert _value(wb, name, f"J{r}") == pytest.approx(row.fte(row.hours_base_h, 36.0))
        assert _value(wb, name, f"N{r}") == pytest.approx(row.cost_scen_eur)
        assert _value(wb, name, f"O{r}") == pytest.approx(row.cost_rostered_eur)
    last = len(summary.monthly) + 2
    tot = summary.totals()
    assert month[f"A{last}"].value == t("report.total", lang)
    assert month[f"N{last}"].value.startswith("=SUM(N2:N")
    assert _value(wb, name, f"N{last}") == pytest.approx(tot["cost_scen_eur"])
    assert _value(wb, name, f"J{last}") == pytest.approx(tot["fte_base"])
    assert _value(wb, name, f"P{last}") == pytest.approx(tot["cost_scen_eur"] - tot["cost_base_eur"])
    week = wb[t("report.sheet_week", lang)]
    assert _value(wb, week.title, f"K{len(summary.weekly) + 2}") == pytest.approx(
        sum(r.hours_scen_h for r in summary.weekly) / (36.0 * summary.weeks))


def test_xlsx_interval_plan_holds_every_busy_interval_with_a_gap_formula(
    rendered: tuple[StrategySummary, dict[str, bytes]],
) -> None:
    summary, files = rendered
    lang = summary.language
    ws = load_workbook(io.BytesIO(files["xlsx"]))[t("report.sheet_plan", lang)]
    header = [c.value for c in ws[2]]
    assert header[:4] == [t("report.col_channel", lang), t("report.xl_interval", lang),
                          t("report.xl_volume", lang), t("report.xl_volume_hi", lang)]
    plan = summary.interval_plan
    busy = plan[(plan["volume"] > 0) | (plan["rostered"] > 0) | (plan["required_scheduled"] > 0)]
    assert ws.max_row == 2 + len(busy)
    gap, rostered, required = (header.index(t(k, lang)) for k in
                               ("report.xl_gap", "report.xl_rostered", "report.xl_required_scheduled"))
    first = [c.value for c in ws[3]]
    assert first[0] == t("common.ch_phone", lang)
    assert first[1] == busy["ds"].iloc[0].tz_localize(None).to_pydatetime()
    assert first[gap] == "=H3-G3"
    assert first[rostered] - first[required] == pytest.approx(busy["gap"].iloc[0])
    sl = header.index(t("report.kpi_in_time_roster", lang))
    assert first[sl] == pytest.approx(100 * busy["service_level"].iloc[0])


# --------------------------------------------------------------------------- PDF


def test_pdf_reads_back_with_section_titles_and_key_numbers(
    rendered: tuple[StrategySummary, dict[str, bytes]],
) -> None:
    summary, files = rendered
    lang = summary.language
    reader = PdfReader(io.BytesIO(files["pdf"]))
    assert len(reader.pages) >= 1 + len(report.SECTIONS)
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert summary.title in pages[0]
    for number, title in enumerate(section_titles(lang), start=1):
        assert title in pages[number], title
    tot = summary.totals()
    assert report.fmt_eur(tot["cost_scen_eur"], lang) in text
    assert report.fmt_number(tot["cost_scen_eur"], 0, lang) in text
    assert "The budget asks for two more agents." in text
    assert ("Totaal" in text) == (lang == "nl")


# --------------------------------------------------------------------------- HTML and Markdown


def test_html_is_self_contained_with_interactive_charts(
    rendered: tuple[StrategySummary, dict[str, bytes]],
) -> None:
    summary, files = rendered
    page = files["html"].decode("utf-8")
    assert f'<html lang="{summary.language}">' in page
    assert not re.search(r"<script[^>]+src=", page), "every script is inline (works offline)"
    assert not re.search(r"<link[^>]+href=", page), "no external style sheets"
    assert len(page) > 3_000_000, "plotly.js itself is in the page"
    assert "Plotly.newPlot" in page
    separators = CHART_SEPARATORS[summary.language]
    assert page.count(f'"separators":"{separators}"') == page.count("Plotly.newPlot("), (
        "every chart reads numbers in the summary's language"
    )
    charts = [c for s in report.layout(summary) for c in s.charts]
    for chart in charts:
        assert f'id="chart-{chart.key.replace(".", "-")}"' in page
    for key, title in zip(report.SECTIONS, section_titles(summary.language), strict=True):
        assert f'<section id="{key}"><h2>{title}</h2>' in page.replace("&#x27;", "'")


def test_markdown_has_a_heading_per_section_and_pipe_tables(
    rendered: tuple[StrategySummary, dict[str, bytes]],
) -> None:
    summary, files = rendered
    text = files["md"].decode("utf-8")
    assert text.startswith(f"# {summary.title}\n")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == section_titles(summary.language)
    total = report.fmt_number(summary.totals()["cost_scen_eur"], 0, summary.language)
    assert f"**{total}**" in text
    assert "|:---|---:|" in text


def test_chart_figure_carries_the_same_series() -> None:
    chart = report.layout(make_summary())[report.SECTIONS.index("channels")].charts[0]
    figure = report.chart_figure(chart)
    assert [trace.name for trace in figure.data] == [s.name for s in chart.series]
    assert list(figure.data[1].y) == [12600.0, 3300.0]


# --------------------------------------------------------------------------- the demo centre


def test_summary_of_the_demo_agrees_with_the_budget_bridge(demo_results: dict[str, Any]) -> None:
    from kcc import plan, scenarios

    r = demo_results
    summary = report.build_summary(r["baseline"], r["longer"], r["settings"], language="nl",
                                   role="minimise_cost", opening_hours=r["hours"],
                                   texts={"risks": "Let op de maandag."}, prepared_by="Bo")
    bridge = plan.budget_bridge(r["longer"].plan, scenarios.scenario_settings(r["settings"], r["longer"].spec))
    assert summary.totals()["cost_scen_eur"] == pytest.approx(bridge.monthly["cost_required_eur"].sum())
    assert sum(row.hours_rostered_h for row in summary.weekly) == pytest.approx(
        bridge.weekly["rostered_agent_hours"].sum())
    assert [c.channel for c in summary.channels] == ["phone", "chat", "email", "whatsapp"]
    phone = summary.channels[0]
    assert phone.hours_scen.startswith("ma 08:00-22:00, di-vr 08:00-20:00")
    assert phone.reach_scen >= phone.reach_base
    assert summary.role_text == t("report.role_default_minimise_cost", "nl")
    assert summary.text("risks") == "Let op de maandag."
    assert summary.stress is not None and summary.stress.peak_backlog_with <= summary.stress.peak_backlog_without
    names = [a.name for a in summary.assumptions]
    assert t("report.as_contract", "nl") in names and t("report.as_shrinkage", "nl") in names
    assert t("report.as_callback", "nl") in names
    longer_chats = next(a for a in summary.assumptions if a.name == t("report.as_aht_change", "nl"))
    assert longer_chats.values == (("chat", 0.1),)
    assert summary.goals[0].target_service_level == r["settings"].targets_for("phone").target_service_level


def test_a_scenario_without_levers_equals_the_baseline(demo_results: dict[str, Any]) -> None:
    r = demo_results
    summary = report.build_summary(r["baseline"], r["same"], r["settings"], opening_hours=r["hours"])
    tot = summary.totals()
    assert tot["cost_scen_eur"] == pytest.approx(tot["cost_base_eur"])
    assert tot["volume_scen"] == pytest.approx(tot["volume_base"])
    for channel in summary.channels:
        assert channel.hours_scen == channel.hours_base
        assert channel.required_fte_scen == pytest.approx(channel.required_fte_base)


def test_every_format_of_the_demo_renders(demo_results: dict[str, Any]) -> None:
    r = demo_results
    summary = report.build_summary(r["baseline"], r["longer"], r["settings"], opening_hours=r["hours"])
    files = {fmt: report.render(summary, fmt) for fmt in report.FORMATS}
    assert all(len(data) > 1000 for data in files.values())
    deck = Presentation(io.BytesIO(files["pptx"]))
    assert list(section_slides(deck, summary.language)) == list(report.SECTIONS)
    assert not math.isnan(summary.totals()["fte_scen"])


# --------------------------------------------------------------------------- labels as on screen


def test_service_level_and_abandonment_carry_plain_labels_in_every_format(
    rendered: tuple[StrategySummary, dict[str, bytes]],
) -> None:
    """The figures are the ones the roster as it is delivers, labelled in plain words a board
    reads (unit included): never jargon such as "SL baseline" or "SL, roster as it is"."""
    summary, files = rendered
    lang = summary.language
    sl, abandoned = t("report.kpi_in_time_roster", lang), t("report.kpi_abandoned_roster", lang)
    assert sl == {"en": "Answered in time, current roster [%]", "nl": "Op tijd beantwoord, huidig rooster [%]"}[lang]
    base, scen = t("report.label_base", lang, label=sl), t("report.label_scen", lang, label=sl)
    in_time = {"en": "answered in time with the current roster",
               "nl": "op tijd beantwoord met het huidige rooster"}[lang]
    hang_up = {"en": "hang up first", "nl": "hangt eerder op"}[lang]
    bare = ("SL baseline", "Baseline SL", "Scenario SL", "SL basis", "Basis SL", "SL, roster as it is",
            "SL, huidig rooster")
    # PowerPoint: the goals chart's series
    deck = Presentation(io.BytesIO(files["pptx"]))
    goals = section_slides(deck, lang)["goals"][0]
    (chart,) = [s.chart for s in goals.shapes if s.has_chart]
    assert [s.name for s in chart.plots[0].series][1:] == [base, scen]
    # Excel: the interval plan's headers
    book = load_workbook(io.BytesIO(files["xlsx"]))
    headers = {str(c.value) for ws in book.worksheets for row in ws.iter_rows(max_row=2) for c in row}
    assert {sl, abandoned} <= headers
    # PDF, HTML, Markdown: the chart's series and the facts
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages)
    html_page = files["html"].decode("utf-8").replace("&#x27;", "'")
    markdown = files["md"].decode("utf-8")
    for name, text in (("pdf", " ".join(pdf.split())), ("html", html_page), ("md", markdown)):
        assert in_time in text and hang_up in text, name
        assert not any(word in text for word in bare), name
    assert base in html_page and scen in html_page
    # Markdown escapes every text it writes (the unit's brackets are link syntax there)
    assert escape_markdown(base) in markdown and escape_markdown(scen) in markdown


# --------------------------------------------------------------------------- labels as text

#: A label a careless or hostile user could type: Markdown, HTML, LaTeX, a Streamlit colour.
HOSTILE = '--x ![px](http://127.0.0.1:9/p.png) <b>b</b> :red[r] $x$ =HYPERLINK("http://x","y")'
#: A typed title that is a spreadsheet formula.
FORMULA = '=HYPERLINK("http://127.0.0.1:9/p","click")'


@pytest.fixture(scope="module", params=["en", "nl"])
def hostile(request: pytest.FixtureRequest) -> tuple[StrategySummary, dict[str, bytes]]:
    """Every text a user or a data file brings into the summary is hostile; one channel id too
    (it is shown as it is and is a category of the charts)."""
    plain = make_summary(request.param)
    chat = plain.channels[1]
    summary = make_summary(
        request.param, title=FORMULA, scenario_name=HOSTILE, prepared_by=HOSTILE, role_text=HOSTILE,
        texts=(("budget", HOSTILE),),
        channels=(plain.channels[0], dataclasses.replace(chat, channel=FORMULA)),
    )
    return summary, {fmt: report.render(summary, fmt) for fmt in report.FORMATS}


def test_xlsx_keeps_typed_text_as_text_and_its_own_formulas_as_formulas(
    hostile: tuple[StrategySummary, dict[str, bytes]],
) -> None:
    summary, files = hostile
    book = load_workbook(io.BytesIO(files["xlsx"]))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    typed = [c for c in cells if isinstance(c.value, str) and (FORMULA in c.value or HOSTILE in c.value)]
    first = book.worksheets[0]["A1"]
    assert first.value == FORMULA and first.data_type == "s" and first.quotePrefix  # the QA case
    assert {c.value for c in typed} >= {FORMULA, HOSTILE, report.subtitle(summary), report.prepared_line(summary)}
    assert all(c.data_type == "s" for c in typed)
    # the workbook's own formulas (FTE, cost, totals, gap) are still formulas
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert any(f.startswith("=SUM(") for f in formulas) and any(f.startswith("=J") for f in formulas)
    plan = book.worksheets[-1]
    assert plan["A1"].value == t("report.xl_plan_note", summary.language, scenario=HOSTILE)
    assert plan["A1"].data_type == "s" and plan["I3"].data_type == "f"  # the gap of the first interval


def test_html_keeps_dates_and_time_ranges_on_one_line() -> None:
    """A browser starts a new line after a hyphen where a word does not fit: the Dutch page's
    people section read "op 14-" at a line's end and "09-2026" under it. Dates, months, weeks
    and time ranges are kept whole; the text reads as before."""
    summary = make_summary("nl", risks=("Vacatures op 14-09-2026 open, ma-vr 08:00-20:00, piek in 2027-W02 <b>.",))
    page = report.render(summary, "html").decode("utf-8")
    assert ".nb{white-space:nowrap}" in page
    assert ('<li>Vacatures op <span class="nb">14-09-2026</span> open, ma-vr <span class="nb">08:00-20:00</span>, '
            'piek in <span class="nb">2027-W02</span> &lt;b&gt;.</li>') in page
    assert re.sub(r"<[^>]+>", "", page).count("14-09-2026") >= 1


def test_the_deck_and_the_web_page_keep_the_same_numbers_whole() -> None:
    """One rule for what no line may split, in the deck (a word joiner after each hyphen) and on
    the web page (a span that does not wrap): dates, months, ISO weeks and time ranges."""
    from kcc.formatting import WORD_JOINER
    from kcc.report.render_pptx import unbroken

    text = "op 14-09-2026, in 2027-W02, ma-vr 08:00-20:00, 2026-11; -5,2 fte; e-mail"
    joined = unbroken(text)
    assert joined.replace(WORD_JOINER, "") == text
    assert joined.count(WORD_JOINER) == 5, "2 in the date, 1 in the week, 1 in the range, 1 in the month"
    assert "-" + WORD_JOINER + "W02" in joined and "e-mail" in joined and "-5,2" in joined
    page = report.render(make_summary("nl", risks=("Vanaf 01-03-1999: open 08:00-20:00.",)), "html").decode("utf-8")
    assert '<span class="nb">01-03-1999</span>: open <span class="nb">08:00-20:00</span>.' in page


def test_html_and_markdown_escape_typed_text(hostile: tuple[StrategySummary, dict[str, bytes]]) -> None:
    from kcc.formatting import escape_markdown

    summary, files = hostile
    page = files["html"].decode("utf-8")
    assert "<b>b</b>" not in page and "&lt;b&gt;b&lt;/b&gt;" in page
    assert f"<title>{html.escape(FORMULA)}</title>" in page
    assert f"<p>{html.escape(HOSTILE)}</p>" in page  # the role in the user's words
    md = files["md"].decode("utf-8")
    for markup in ("![", "<b>", ":red[", "$x$"):
        assert markup not in md, markup
    assert md.startswith(f"# {escape_markdown(FORMULA)}\n")
    assert escape_markdown(HOSTILE) in md.split("\n")  # the user's paragraph, escaped as a whole
    assert f"*{escape_markdown(report.subtitle(summary))}*" in md


def test_pptx_and_pdf_show_typed_text_literally(hostile: tuple[StrategySummary, dict[str, bytes]]) -> None:
    summary, files = hostile
    deck = Presentation(io.BytesIO(files["pptx"]))
    assert deck.slides[0].shapes.title.text_frame.text == FORMULA
    assert deck.slides[0].placeholders[1].text_frame.text.splitlines() == [
        report.subtitle(summary), report.prepared_line(summary)]
    body = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    assert any(HOSTILE in text for text in body)
    # the charts' data (opened in Excel from PowerPoint) keeps the channel named like a formula as text
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    named = [c for c in charts if FORMULA in c.plots[0].categories]
    assert named
    for chart in named:
        book = load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
        values = {c.value: c.data_type for row in book.active.iter_rows() for c in row if c.value is not None}
        assert values[FORMULA] == "s"
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages).split())
    assert FORMULA in pdf and "<b>b</b>" in pdf and "![px]" in pdf


@pytest.mark.parametrize(("lang", "share_name", "count_name", "unit"), [
    ("en", "Phone to Self-service: share that gives up (lost customers)", "Phone to Self-service: lost customers",
     "contacts/week"),
    ("nl", "Telefoon naar Selfservice: aandeel dat afhaakt (verloren klanten)",
     "Telefoon naar Selfservice: verloren klanten", "contacten/week"),
])
def test_a_channel_shift_reports_its_lost_customers(lang: str, share_name: str, count_name: str, unit: str) -> None:
    frame = week_frame({"phone": (480, 1200)}, days=14)
    spec = scenarios.ScenarioSpec(shifts=(scenarios.ChannelShift("phone", "self_service", 0.1, containment=0.6,
                                                                 failure_share=0.3),))
    settings_ = kcc_plan.PlanSettings()

    def evaluate(s: scenarios.ScenarioSpec) -> scenarios.ScenarioResult:
        return scenarios.evaluate_scenario(frame, None, settings_, s, staffed_kpis=False)

    result = evaluate(spec)
    summary = report.build_summary(evaluate(spec.baseline()), result, settings_, language=lang)
    items = {item.name: item for item in summary.assumptions}
    assert items[share_name].unit == "%" and items[share_name].values[0][1] == pytest.approx(0.1)
    moved = 0.1 * frame["volume"].sum() / 2.0
    assert items[count_name].unit == unit
    assert items[count_name].values[0][1] == round(0.1 * moved)


def test_the_fte_per_week_chart_draws_whole_weeks_and_the_tables_keep_every_week() -> None:
    """A weekday centre planned from a Saturday (the US bank's history ends on a Friday): the
    first plan week holds its closed Saturday and Sunday, the last its Monday to Friday. Their
    FTE over their own days (0, and 7/5 of a whole week's) is no weekly FTE; the chart leaves
    them out and the budget keeps them."""
    def row(period: str, weeks: float, hours: float) -> BudgetRow:
        return BudgetRow(period, "phone", weeks, hours, hours, 0.0, 38.0, 38.0)

    weekly = (row("2003-W43", 2 / 7, 0.0), row("2003-W44", 1.0, 3600.0), row("2003-W45", 1.0, 3600.0),
              row("2004-W04", 5 / 7, 3600.0))
    summary = make_summary(weekly=weekly, channels=make_summary().channels[:1])
    assert list(summary.budget_by_period("week")["fte_base"].round(1)) == [0.0, 100.0, 100.0, 140.0]
    (chart,) = [c for section in report.layout(summary) for c in section.charts if c.key == "plan.fte_week"]
    assert chart.categories == ("2003-W44", "2003-W45")
    assert [series.values for series in chart.series][0] == (100.0, 100.0)
    # the largest weekly shortfall the risks name is a whole week's
    from kcc.report.build import _risks

    short = pd.DataFrame({"model": "erlang_a", "volume": 10.0, "gap": [-1.0] * 9 + [0.0]})
    (line,) = _risks((), (), 0.0, None, short, weekly, 36.0, "en")
    assert line == t("report.risk_short", "en", share="90%", gap="100.0 FTE", week="2003-W44"), line
    # every week stays in the workbook's weekly budget
    sheet = load_workbook(io.BytesIO(report.to_xlsx(summary)))
    texts = {str(c.value) for ws in sheet.worksheets for r in ws.iter_rows() for c in r if c.value is not None}
    assert {"2003-W43", "2004-W04"} <= texts
