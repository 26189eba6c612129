"""The journey of issue 14 on real data, in Chromium: upload a bank's file into a new centre,
then Overview -> Forecast -> Staffing -> Strategy levers (longer hours, a channel shift, a
higher target) -> save -> Scenarios -> Board summary, in English and in Dutch.

Every page must show that centre's numbers: the test plans the same file through
``kcc.pipeline`` in a database of its own and compares. The deck's figures must be the
pages'. Without ``../shared/data/real`` the journeys upload seeded files of the same shape
(``tests/journey_files.py``).
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pptx import Presentation

from kcc import config, importer, pipeline, plan, staffing, store
from kcc.formatting import fmt_number
from kcc.i18n import t
from kcc.scenarios import ScenarioSpec, repeat_measures
from tests.browser.conftest import (
    assert_no_exception,
    click_until_asked,
    load_aware_ms,
    open_tab,
    serve_copy,
    wait_idle,
    x_ticks,
)
from tests.browser.journey_steps import generate_and_download, go, journey_tab, metric, upload_into_new_centre
from tests.journey_files import ANONYMOUS_BANK, US_BANK, journey_file

WEEKS = pipeline.DEFAULT_PERIOD_WEEKS


@dataclass(frozen=True)
class Expected:
    """The centre planned by the pipeline, outside the app."""

    tiles: object
    staffing_volume_week: float
    staffing_fte: float
    baseline_fte: float
    fcr: object


def _plan_of(file: Path, name: str) -> Expected:
    con = store.connect(":memory:")
    try:
        centre = store.create_centre(con, name, time_zone=config.timezone(), country="NL")
        bound = store.for_centre(con, centre.centre_id)
        source = importer.read_source(file.read_bytes(), file.name)
        assert importer.run_import(bound, source, importer.guess_mapping(source), user="tester").ok
        run = pipeline.run_plan(bound)
        rows = run.plan[run.plan["channel"] == "phone"]
        total = plan.total(rows)
        days = int(rows["ds"].dt.tz_localize(None).dt.normalize().nunique())
        fte = staffing.fte(float(total["required_agent_hours"]), run.settings.contract_hours_per_week,
                           staffing.weeks_of(float(days)))
        base = pipeline.scenario_baseline(run.demand, run.roster, run.history, run.stored, WEEKS)
        assert base is not None
        baseline = pipeline.evaluate(base, run.settings, ScenarioSpec())
        fcr = repeat_measures(store.read_repeat_rates(bound)).get("phone")
        return Expected(plan.overview_tiles(run.plan, run.settings), float(total["volume"]) / days * 7, fte,
                        baseline.fte, fcr)
    finally:
        con.close()


@pytest.fixture(scope="module")
def journey_url(visited_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for both journeys, on a private copy of the demo database after its first
    visit (the journeys plan their own centres; the demo's plans are stored already)."""
    with serve_copy(visited_demo_template, tmp_path_factory, "journey") as url:
        yield url


@pytest.fixture(scope="module")
def demo_week_contacts(visited_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> float:
    db = tmp_path_factory.mktemp("demo-plan") / "kcc.duckdb"
    shutil.copyfile(visited_demo_template, db)
    con = store.connect(str(db))
    try:
        run = pipeline.run_plan(con)
        tiles = plan.overview_tiles(run.plan, run.settings)
        return float(tiles[(tiles["period"] == "week") & (tiles["channel"] == "all")]["contacts"].iloc[0])
    finally:
        con.close()


def _nav(page, label: str) -> None:  # noqa: ANN001
    """Go to another page from the sidebar, keeping the session (and its working scenario)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_text(label, exact=True).click()
    wait_idle(page, timeout_ms=240_000)
    assert_no_exception(page)


def _apply(form) -> None:  # noqa: ANN001 - a locator of the lever's form
    page = form.page
    form.get_by_role("button").last.click()
    wait_idle(page, timeout_ms=240_000)
    assert_no_exception(page)


def _build_and_download(page, lang: str, scenario: str, folder: Path) -> tuple[Presentation, object]:  # noqa: ANN001
    box = page.get_by_role("combobox", name=t("report.pick_scenario", lang))
    box.click()
    page.get_by_role("option", name=scenario, exact=True).click()
    files = generate_and_download(page, lang, folder)
    return Presentation(io.BytesIO(files["pptx"])), load_workbook(io.BytesIO(files["xlsx"]))


def _plan_table(deck: Presentation, lang: str) -> dict[str, str]:
    """The phone row of the deck's "Forecast and staffing plan" table, by column."""
    title = t("report.sec_plan", lang)
    for slide in deck.slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text == title:
            table = next(s.table for s in slide.shapes if s.has_table)
            header = [c.text for c in table.rows[0].cells]
            row = next(r for r in list(table.rows)[1:] if r.cells[0].text == t("common.ch_phone", lang))
            return dict(zip(header, [c.text for c in row.cells], strict=True))
    raise AssertionError(f"no slide {title!r}")


def _summary_text(workbook) -> str:  # noqa: ANN001
    return "\n".join(str(row[0]) for row in workbook.worksheets[0].iter_rows(values_only=True) if row[0])


@pytest.mark.parametrize(("relative", "name"), [(US_BANK, "US bank"), (ANONYMOUS_BANK, "Anonymous Bank")],
                         ids=["us-bank", "anonymous-bank"])
def test_a_new_centre_from_upload_to_board_deck(browser, journey_url: str, demo_week_contacts: float,  # noqa: ANN001
                                                 relative: str, name: str, tmp_path: Path) -> None:
    file = journey_file(relative, tmp_path)
    expected = _plan_of(file, name)
    with journey_tab(browser) as page:
        # ------------------------------------------------------------------ Data: a new centre
        query = upload_into_new_centre(page, journey_url, file, name)

        # ------------------------------------------------------------------ Overview
        go(page, journey_url, "overview", query)
        week = expected.tiles[(expected.tiles["period"] == "week") & (expected.tiles["channel"] == "all")].iloc[0]
        shown = metric(page, t("common.kpi_contacts_week", "en"))
        assert shown == fmt_number(float(week["contacts"]), 0, "en")
        assert shown != fmt_number(demo_week_contacts, 0, "en"), "the Overview shows the demo"

        # ------------------------------------------------------------------ Forecast
        _nav(page, t("common.nav_forecast", "en"))
        page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
        years = x_ticks(page)
        first_year = str(week["start"].year)
        assert any(first_year in tick for tick in years), years  # this centre's history, not the demo's

        # ------------------------------------------------------------------ Staffing
        _nav(page, t("common.nav_staffing", "en"))
        assert metric(page, t("common.kpi_contacts_week", "en")) == fmt_number(expected.staffing_volume_week, 0, "en")
        assert metric(page, t("common.kpi_required_fte", "en")) == fmt_number(expected.staffing_fte, 1, "en")

        # ------------------------------------------------------------------ Strategy levers
        _nav(page, t("common.nav_levers", "en"))
        required = t("common.kpi_required_fte", "en")
        assert metric(page, required) == fmt_number(expected.baseline_fte, 1, "en")
        panel = page.locator('[role="tabpanel"]:visible')
        hours = panel.locator('[data-testid="stForm"]').first
        closing = hours.locator('[data-testid="stSlider"]').filter(
            has_text=t("levers.mon_fri", "en")).get_by_role("slider").nth(1)
        closing.focus()
        for _ in range(4):  # one hour longer on weekdays
            closing.press("ArrowRight")
        _apply(hours)
        # five weekdays an hour longer, or less where the history already ran till midnight
        extra = metric(page, t("levers.m_extra_hours", "en"))
        if float(extra) == 0:  # open until midnight already (a generated stand-in): open earlier
            opening = hours.locator('[data-testid="stSlider"]').filter(
                has_text=t("levers.mon_fri", "en")).get_by_role("slider").nth(0)
            opening.focus()
            for _ in range(4):
                opening.press("ArrowLeft")
            _apply(hours)
            extra = metric(page, t("levers.m_extra_hours", "en"))
        assert extra.startswith("+") and 0 < float(extra) <= 5.0, extra
        open_tab(page, t("levers.tab_mix", "en"))
        _apply(page.locator('[role="tabpanel"]:visible [data-testid="stForm"]').first)
        assert metric(page, t("levers.m_moved", "en")) != "0"
        open_tab(page, t("levers.tab_targets", "en"))
        targets = page.locator('[role="tabpanel"]:visible [data-testid="stForm"]').first
        level = targets.locator('[data-testid="stSlider"]').filter(
            has_text=t("levers.target_sl", "en")).get_by_role("slider")
        level.focus()
        for _ in range(10):  # 80 % -> 90 %
            level.press("ArrowRight")
        _apply(targets)
        scenario_fte = metric(page, required)
        assert scenario_fte != fmt_number(expected.baseline_fte, 1, "en")
        if expected.fcr is not None:
            open_tab(page, t("levers.tab_fcr", "en"))
            basis = t("levers.fcr_basis", "en", fcr="",
                      contacts=expected.fcr.contacts, days=expected.fcr.window_days,
                      left_out=expected.fcr.unidentified)
            caption = page.locator('[role="tabpanel"]:visible [data-testid="stCaptionContainer"]').filter(
                has_text="identified customers").first.inner_text()
            assert basis.split(" from ")[1] == caption.split(" from ")[1], caption
            assert expected.fcr.unidentified > 0
        # save it
        scenario = f"{name}: longer hours, shift, 90 %"
        page.get_by_text(t("levers.save_title", "en")).click()
        save = t("levers.save", "en")
        form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name=save))
        form.get_by_label(t("scenarios.name", "en"), exact=True).fill(scenario)
        click_until_asked(page, form.get_by_role("button", name=save))
        wait_idle(page, timeout_ms=240_000)
        assert_no_exception(page)
        saved = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text=scenario)
        try:  # a busy machine may start the save's run after wait_idle has looked for one
            saved.first.wait_for(timeout=load_aware_ms(60_000))
        except PlaywrightTimeout:
            raise AssertionError(f"no word that {scenario!r} was saved; the form shows: {form.inner_text()}") from None

        # ------------------------------------------------------------------ Scenarios
        _nav(page, t("common.nav_scenarios", "en"))
        chart = page.locator('[data-testid="stPlotlyChart"]').first.locator(".js-plotly-plot")
        chart.wait_for()
        # horizontal bars carry values on x; plotly keeps numbers as typed arrays, its full data decoded
        values = json.loads(chart.evaluate(
            "el => JSON.stringify(el._fullData.map(t => Array.from(t.x || [])))"))
        shown_fte = [fmt_number(float(y), 1, "en") for ys in values for y in ys if isinstance(y, int | float)]
        assert scenario_fte in shown_fte and fmt_number(expected.baseline_fte, 1, "en") in shown_fte, shown_fte

        # ------------------------------------------------------------------ Board summary, English
        _nav(page, t("common.nav_export", "en"))
        deck, workbook = _build_and_download(page, "en", scenario, tmp_path)
        row = _plan_table(deck, "en")
        assert row[t("report.col_fte_base", "en")] == fmt_number(expected.baseline_fte, 1, "en")
        assert row[t("report.col_fte_scen", "en")] == scenario_fte
        summary = _summary_text(workbook)
        assert f"{fmt_number(expected.baseline_fte, 1, 'en')} FTE in the baseline, {scenario_fte} FTE" in summary

        # ------------------------------------------------------------------ the same in Dutch
        go(page, journey_url, "export", f"{query}&lang=nl")
        deck, workbook = _build_and_download(page, "nl", scenario, tmp_path)
        row = _plan_table(deck, "nl")
        dutch = scenario_fte.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
        assert row[t("report.col_fte_base", "nl")] == fmt_number(expected.baseline_fte, 1, "nl")
        assert row[t("report.col_fte_scen", "nl")] == dutch
        assert dutch in _summary_text(workbook)

