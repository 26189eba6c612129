"""The journey of issue 16 in Chromium: upload a daily count file (``date;calls;weekday``,
dates like ``1-1-2013``) into a new centre, unedited -> Capacity plan -> set the hiring plan's
starting heads and attrition and save -> board deck and workbook, whose capacity and hiring
plan must carry the page's figures; then the same Capacity page in Dutch."""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from kcc.formatting import WORD_JOINER, fmt_number
from kcc.i18n import t
from kcc.report.capacity import FIRST_ROW
from tests.browser.conftest import assert_no_exception, click_until_asked, serve_copy, wait_idle
from tests.browser.journey_steps import generate_and_download, go, journey_tab, metric, upload_into_new_centre

#: Days of history: two years, so the forecast learns the yearly season.
DAYS = 730
#: What the planner sets on the Capacity plan page.
START_HEADS, ATTRITION_PCT = 30, 2.0


def _daily_file(folder: Path) -> Path:
    """The daily file managers hold: semicolon separated, day-month-year dates without leading
    zeros, calls with a weekly pattern (quiet weekends) and a yearly one (busy winters)."""
    week = (1.25, 1.1, 1.0, 1.0, 0.95, 0.45, 0.3)
    rows = [f"{d.day}-{d.month}-{d.year};"
            f"{round(900 * week[d.day_of_week] * (1 + 0.25 * math.cos(2 * math.pi * (d.day_of_year - 15) / 365.25)))};"
            f"{d.day_name()}" for d in pd.date_range("2013-01-01", periods=DAYS, freq="D")]
    path = folder / "daily_calls.csv"
    path.write_text("date;calls;weekday\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def journey_url(visited_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on a private copy of the demo database after its first visit (the journey
    writes a centre of its own to it)."""
    with serve_copy(visited_demo_template, tmp_path_factory, "daily-journey") as url:
        yield url


def _number(text: str) -> float:
    """A number as the English pages and deck write it (``1,234.5``)."""
    return float(text.replace(",", ""))


def _grid_rows(table) -> list[list[str]]:  # noqa: ANN001 - a locator of an st.dataframe
    """The rows a dataframe shows, as text (its grid keeps an accessible table of the cells)."""
    table.locator('[role="gridcell"]').first.wait_for(state="attached")  # kept hidden under the canvas
    cells = table.locator('[role="row"]').evaluate_all(
        "rows => rows.map(r => Array.from(r.querySelectorAll('[role=gridcell]')).map(c => c.textContent.trim()))")
    return [row for row in cells if row]


def _deck_section(deck: Presentation, lang: str) -> tuple[str, list[list[str]]]:
    """The text and the table rows (header first) of the deck's capacity and hiring plan,
    whose table continues on the slides after the first."""
    title = t("capacity.report_title", lang)
    text, rows = [], []
    for slide in deck.slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text.startswith(title):
            # read as shown: the deck joins a date's or month's parts with an invisible word joiner
            text += [s.text_frame.text.replace(WORD_JOINER, "") for s in slide.shapes
                     if s.has_text_frame and s != slide.shapes.title]
            for table in (s.table for s in slide.shapes if s.has_table):
                cells = [[c.text.replace(WORD_JOINER, "") for c in row.cells] for row in table.rows]
                rows += cells if not rows else cells[1:]  # the header repeats on each slide
    assert rows, f"no table on a slide {title!r}"
    return "\n".join(text), rows


def test_a_daily_file_from_upload_to_hiring_plan_and_board_deck(browser, journey_url: str,  # noqa: ANN001
                                                                tmp_path: Path) -> None:
    file = _daily_file(tmp_path)
    with journey_tab(browser) as page:
        # ------------------------------------------------------------------ Data: a new centre
        query = upload_into_new_centre(page, journey_url, file, "Daily centre")

        # ------------------------------------------------------------------ Capacity plan
        go(page, journey_url, "capacity", query)
        assert page.locator("h1").first.inner_text().strip() == t("capacity.title", "en")
        default_hires = metric(page, t("capacity.kpi_hires", "en"))
        page.get_by_text(t("capacity.settings", "en"), exact=True).click()
        settings = page.locator('[data-testid="stForm"]').filter(
            has=page.get_by_role("button", name=t("capacity.save", "en")))
        settings.get_by_label(t("capacity.field.start_heads", "en"), exact=True).fill(str(START_HEADS))
        settings.get_by_label(t("capacity.field.attrition_per_month", "en") + " [%]",
                              exact=True).fill(str(ATTRITION_PCT))
        click_until_asked(page, settings.get_by_role("button", name=t("capacity.save", "en")))
        wait_idle(page, timeout_ms=240_000)
        assert_no_exception(page)
        page.get_by_text(t("capacity.saved", "en")).wait_for()
        hires = metric(page, t("capacity.kpi_hires", "en"))
        peak = metric(page, t("capacity.kpi_peak", "en"))
        assert hires != default_hires, "the hiring plan ignores the starting heads"
        page.get_by_role("tab", name=t("capacity.tab_hiring", "en")).click()
        wait_idle(page)
        hiring = page.locator('[role="tabpanel"]:visible [data-testid="stDataFrame"]')
        shown = _grid_rows(hiring)
        assert len(shown) >= 6, shown
        # month, need heads, classes, hires, already hired, leavers, heads, effective, gap, cost
        page_rows = {row[0]: (_number(row[1]), _number(row[3]), _number(row[6]), _number(row[8]), _number(row[9]))
                     for row in shown}
        first = shown[0]
        assert _number(first[6]) == pytest.approx(START_HEADS * (1 - ATTRITION_PCT / 100) + _number(first[3]),
                                                  abs=0.051), first
        assert_no_exception(page)

        # ------------------------------------------------------------------ Board deck and workbook
        go(page, journey_url, "export", query)
        # daily totals: the page asks how to spread them over the day; the standard profile
        page.get_by_role("button", name=t("long_range.use", "en")).click()
        wait_idle(page, timeout_ms=300_000)
        assert_no_exception(page)
        files = generate_and_download(page, "en", tmp_path)
        facts, deck = _deck_section(Presentation(io.BytesIO(files["pptx"])), "en")
        assert f"at most {peak} heads needed, {hires} hires" in facts, facts
        assert deck[0] == [t(k, "en") for k in ("capacity.col_month", "capacity.col_need_heads", "capacity.col_hires",
                                                 "capacity.col_heads", "capacity.col_gap", "capacity.col_cost")]
        deck_rows = {row[0]: tuple(_number(v) for v in row[1:]) for row in deck[1:]}
        for month, figures in page_rows.items():
            assert deck_rows.get(month) == pytest.approx(figures), (month, figures, deck_rows.get(month))
        book = load_workbook(io.BytesIO(files["xlsx"]), data_only=True)
        sheet = book[t("capacity.sheet", "en")]
        assert sheet["B6"].value == START_HEADS and sheet["B5"].value == pytest.approx(ATTRITION_PCT / 100)
        months = len(deck_rows)
        total = FIRST_ROW + months
        assert sheet[f"A{total}"].value == t("report.total", "en")
        assert fmt_number(sheet[f"H{total}"].value, 0, "en") == hires
        assert fmt_number(max(sheet[f"G{r}"].value for r in range(FIRST_ROW, total)), 1, "en") == peak
        checked = 0
        for r in range(FIRST_ROW, total):  # month, need heads, hires, heads: the page's
            month = sheet[f"A{r}"].value
            if month in page_rows:
                need, hired, heads = (sheet[f"{c}{r}"].value for c in "GHI")
                assert (round(need, 1), round(hired), round(heads, 1)) == pytest.approx(page_rows[month][:3]), month
                checked += 1
        assert checked == len(page_rows)

        # ------------------------------------------------------------------ Capacity plan in Dutch
        go(page, journey_url, "capacity", f"{query}&lang=nl")
        assert page.locator("h1").first.inner_text().strip() == t("capacity.title", "nl")
        assert metric(page, t("capacity.kpi_hires", "nl")) == fmt_number(_number(hires), 0, "nl")
        assert metric(page, t("capacity.kpi_peak", "nl")) == fmt_number(_number(peak), 1, "nl")
        assert "," in metric(page, t("capacity.kpi_peak", "nl"))  # a decimal comma
        labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
        assert not any(t("capacity.kpi_hires", "en") in label for label in labels), labels
        page.get_by_role("tab", name=t("capacity.tab_hiring", "nl")).click()
        wait_idle(page)
        dutch = _grid_rows(page.locator('[role="tabpanel"]:visible [data-testid="stDataFrame"]'))
        english_month = shown[0][0]
        assert dutch[0][0] == f"{english_month[5:]}-{english_month[:4]}", dutch[0]  # 2015-01 -> 01-2015
        assert dutch[0][6] == fmt_number(_number(first[6]), 1, "nl"), dutch[0]  # heads: 29,4
        assert dutch[0][9] == fmt_number(_number(first[9]), 0, "nl"), dutch[0]  # cost: 123.456
        assert_no_exception(page)
