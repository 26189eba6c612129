"""The golden run: the demo centre's plan, scenarios and board summary are what they were.

The files in ``tests/golden/`` were captured on the code before a restructuring
(``python -m tests.golden.capture``); these tests recompute the same numbers
(``tests.golden.compute.run``) and compare: integers, text and moments exactly, floats to a
relative 1e-5 (``tests.golden.compare`` says why). A failure names the channel, interval or
scenario and the column. The comparison itself is checked on small known cases first, so a
silent comparison cannot pass for a golden run.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from kcc import report
from tests.english_words import english_in
from tests.golden import capture, compute
from tests.golden.compare import ATOL, RTOL, explain, frame_differences, json_differences
from tests.golden.compute import GoldenRun, numbers_in

PLAN_KEYS = ("channel", "ds")
DAY_KEYS = ("scenario", "channel", "day")


# --------------------------------------------------------------------------- the comparison


def _small_plan() -> pd.DataFrame:
    ds = pd.date_range("2026-11-16 08:00", periods=3, freq="15min", tz="Europe/Amsterdam")
    return pd.DataFrame({
        "channel": ["phone"] * 3, "ds": ds, "interval_min": [15, 15, 15], "model": ["erlang_a"] * 3,
        "required_scheduled": [12.0, 13.0, 14.0], "service_level": [0.8, np.nan, 0.9],
    })


def test_a_changed_cell_is_named_by_channel_interval_and_column() -> None:
    golden, now = _small_plan(), _small_plan()
    now.loc[1, "required_scheduled"] = 14.0
    diff = frame_differences("plan", golden, now, PLAN_KEYS)
    assert diff == ["plan: channel=phone, ds=2026-11-16T08:15:00+01:00, column required_scheduled: "
                    "golden 13.0, now 14.0 (relative +7.69e-02)"]
    message = explain("interval plan", diff)
    assert message.startswith("interval plan: 1 difference(s) from the golden run")
    assert "python -m tests.golden.capture" in message


def test_rounding_noise_passes_and_a_visible_change_fails() -> None:
    golden, now = _small_plan(), _small_plan()
    now["required_scheduled"] *= 1 + RTOL / 10  # another order of sums, another processor
    now.loc[0, "service_level"] += ATOL / 10
    assert frame_differences("plan", golden, now, PLAN_KEYS) == []
    now.loc[2, "service_level"] = 0.9 * (1 + 1e-4)  # one shown decimal of a hundred FTE
    assert len(frame_differences("plan", golden, now, PLAN_KEYS)) == 1
    now.loc[1, "service_level"] = 0.0  # NaN (no volume) became a number
    assert len(frame_differences("plan", golden, now, PLAN_KEYS)) == 2


def test_text_integers_and_rows_must_match_exactly() -> None:
    golden, now = _small_plan(), _small_plan()
    now.loc[0, "model"] = "erlang_c"
    now.loc[0, "interval_min"] = 30
    diff = frame_differences("plan", golden, now.drop(index=2), PLAN_KEYS)
    assert any("1 golden rows missing now, first channel=phone, ds=2026-11-16T08:30:00+01:00" in d
               for d in diff)
    assert any("column model: golden 'erlang_a', now 'erlang_c'" in d for d in diff)
    assert any("column interval_min: golden 15, now 30" in d for d in diff)
    assert frame_differences("plan", golden, now.drop(columns="model"), PLAN_KEYS)[0] == \
        "plan: columns missing now: ['model']"


def test_json_differences_name_the_path() -> None:
    golden = {"results": {"fcr": {"headline": {"fte": 108.16, "weeks": 13}, "risks": ["3,0%"]}}}
    assert json_differences(golden, {"results": {"fcr": {"headline": {"fte": 108.16 * (1 + 1e-12),
                                                                        "weeks": 13},
                                                           "risks": ("3,0%",)}}}) == []
    diff = json_differences(golden, {"results": {"fcr": {"headline": {"fte": 108.3, "weeks": 14.0},
                                                         "risks": ["3.0%"], "new": 1}}})
    assert "/results/fcr/headline/fte: golden 108.16, now 108.3 (relative +1.29e-03)" in diff
    assert "/results/fcr/headline/weeks: golden 13, now 14.0 (relative +7.69e-02)" in diff
    assert "/results/fcr/risks[0]: golden '3,0%', now '3.0%'" in diff
    assert "/results/fcr/new: new, not in the golden run" in diff
    assert json_differences({"sl": math.nan}, {"sl": math.nan}) == []
    assert json_differences({"sl": math.nan}, {"sl": None}) == ["/sl: golden nan, now None"]
    assert json_differences({"n": 3}, {"n": 4}) == ["/n: golden 3, now 4 (relative +3.33e-01)"]


def test_numbers_in_keeps_the_numbers_as_each_language_writes_them() -> None:
    assert numbers_in("Required FTE 1,234.5 (+3.0%) on 2026-11-16") == [
        "1,234.5", "+3.0%", "2026", "11", "16"]
    assert numbers_in("Benodigde fte 1.234,5 (-3,0%)") == ["1.234,5", "-3,0%"]
    assert numbers_in("Mon-Fri 08:00-20:00, Sun closed") == ["08:00", "20:00"]
    assert numbers_in("week 2026-W47") == ["2026", "47"]
    assert numbers_in("no numbers here") == []


# --------------------------------------------------------------------------- the golden run


@pytest.fixture(scope="module")
def golden() -> GoldenRun:
    return capture.read()


@pytest.fixture(scope="module")
def now() -> GoldenRun:
    return compute.run()


def test_golden_run_mirrors_the_pages_defaults() -> None:
    from kcc import demo
    from kcc.ui import plan_cache, scenario_cache

    assert compute.HORIZON_WEEKS == plan_cache.DEFAULT_HORIZON_WEEKS
    assert compute.PERIOD_WEEKS == scenario_cache.DEFAULT_PERIOD_WEEKS
    assert compute.DEMO_SEED == 2026 and demo.PLAN_START.isoformat() == "2026-11-16"


def test_golden_files_are_small() -> None:
    paths = [capture.PLAN_FILE, capture.SCENARIO_DAYS_FILE, *capture.JSON_FILES.values()]
    assert sum(p.stat().st_size for p in paths) < 2_000_000


@pytest.mark.slow
def test_the_13_week_plan_per_interval_is_unchanged(golden: GoldenRun, now: GoldenRun) -> None:
    assert len(golden.plan) == 4 * 91 * 96  # four channels, 13 weeks of quarter-hours (no DST change)
    diff = frame_differences("plan", golden.plan, now.plan, PLAN_KEYS)
    assert not diff, explain("13-week interval plan", diff)


@pytest.mark.slow
def test_what_overview_and_staffing_show_is_unchanged(golden: GoldenRun, now: GoldenRun) -> None:
    diff = json_differences(golden.numbers["plan_views"], now.numbers["plan_views"], "plan_views")
    assert not diff, explain("Overview and Staffing numbers", diff)


@pytest.mark.slow
def test_every_levers_scenario_result_is_unchanged(golden: GoldenRun, now: GoldenRun) -> None:
    assert set(golden.numbers["scenarios"]["results"]) == {
        "baseline", "opening_hours", "closed_hours", "channel_mix", "targets", "fcr", "surge",
        "costs", "combined"}
    diff = json_differences(golden.numbers["scenarios"], now.numbers["scenarios"], "scenarios")
    diff += frame_differences("scenario days", golden.scenario_days, now.scenario_days, DAY_KEYS)
    assert not diff, explain("scenario results", diff)


@pytest.mark.slow
def test_the_board_summarys_numbers_are_unchanged(golden: GoldenRun, now: GoldenRun) -> None:
    diff = json_differences(golden.numbers["report"], now.numbers["report"], "report")
    assert not diff, explain("board summary", diff)


def _deck_texts(deck: bytes) -> list[str]:
    """Every text a reader meets in a deck: text boxes, table cells, and each chart's title,
    axis titles, series names and categories."""
    texts: list[str] = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                chart = shape.chart
                texts.append(chart.chart_title.text_frame.text if chart.has_title else "")
                texts.append(chart.value_axis.axis_title.text_frame.text if chart.value_axis.has_title else "")
                texts += [str(series.name) for series in chart.plots[0].series]
                texts += [str(category) for category in chart.plots[0].categories]
    return texts


def test_the_dutch_board_summary_holds_no_english(now: GoldenRun) -> None:
    """The demo centre's board summary, built as the Export page builds it, read in Dutch: no
    English word of the app's own texts in the deck, the Markdown or the workbook."""
    summary = now.summaries["nl"]
    workbook = load_workbook(io.BytesIO(report.to_xlsx(summary)))
    cells = [str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str) and not cell.value.startswith("=")]
    for name, texts in (("deck", _deck_texts(report.to_pptx(summary))),
                        ("markdown", report.to_markdown(summary).splitlines()),
                        ("workbook", [*workbook.sheetnames, *cells])):
        assert len(texts) > 50, name
        assert english_in(texts) == {}, name
    # the English summary does hold those words, so the check can fail
    assert english_in(_deck_texts(report.to_pptx(now.summaries["en"])))
