"""The Export page as a user meets it (AppTest): pick a scenario, word the role, build the
summary, see the preview and get a download button per format; once in Dutch."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from kcc import report, store
from kcc.i18n import t
from kcc.scenarios import SPEC_VERSION, ChannelHours, ScenarioSpec, StrategyChoices
from tests.pages.helpers import page_texts

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "export.py")
#: The element kinds this page's text checks read.
TEXT_KINDS = ("title", "subheader", "markdown", "caption", "info")

#: Scenario period: the summary's sections, texts and files do not depend on it, and the default
#: 13 weeks make every evaluation and export take seconds. [weeks]
PERIOD_WEEKS = 1
LATE = ScenarioSpec(opening_hours=(ChannelHours("phone", (480,) * 5 + (540, 0), (1320,) * 5 + (1020, 0)),),
                    strategy=StrategyChoices(role="learn", role_text="We learn from every call.",
                                             decision="Approve the evening hours."))


def _generate(at: AppTest) -> AppTest:
    return at.button(key="export.generate").click().run()


def test_build_a_summary_of_a_saved_scenario(demo_db: Path) -> None:
    con = store.connect(str(demo_db))
    store.save_scenario(con, name="Late", spec=LATE.to_dict(), spec_version=SPEC_VERSION, user="Ann")
    con.close()
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["scenario.period_weeks"] = PERIOD_WEEKS
    at.session_state["user"] = "Ann"
    at.run()
    assert not at.exception
    assert t("report.press_generate", "en") in page_texts(at, TEXT_KINDS, with_metrics=False)
    at.selectbox(key="export.scenario").set_value("Late")
    at.text_area(key="export.text_budget").input("Two more agents in the evening.")
    at = _generate(at)
    assert not at.exception and not at.error
    text = page_texts(at, TEXT_KINDS, with_metrics=False)
    assert t("report.preview", "en") in text and "Late" in text
    # the role and the decision come from the scenario's strategy choices (Strategy page)
    assert "We learn from every call." in text and "Two more agents in the evening." in text
    assert "Approve the evening hours." in text
    assert at.session_state["export.result"]["summary"].role == "learn"
    # the sections, then the capacity and hiring plan of the Capacity plan page's settings
    assert [tab.label for tab in at.tabs] == [*(t(f"report.sec_{k}", "en") for k in report.SECTIONS),
                                              t("capacity.report_title", "en")]
    assert len(at.get("plotly_chart")) >= 5
    files = at.session_state["export.result"]["files"]
    assert set(files) == set(report.FORMATS)
    deck = Presentation(io.BytesIO(files["pptx"]))
    assert deck.slides[0].shapes.title.text_frame.text == t("report.default_title", "en")
    assert "Late" in deck.slides[0].placeholders[1].text_frame.text
    buttons = [b for b in at.get("download_button")]
    assert len(buttons) == len(report.FORMATS)


def test_export_page_in_dutch(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["scenario.period_weeks"] = PERIOD_WEEKS
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    assert t("report.page_title", "nl") in page_texts(at, TEXT_KINDS, with_metrics=False)
    at = _generate(at)
    assert not at.exception
    # the sections, then the capacity and hiring plan of the Capacity plan page's settings
    assert [tab.label for tab in at.tabs] == [*(t(f"report.sec_{k}", "nl") for k in report.SECTIONS),
                                              t("capacity.report_title", "nl")]
    summary = at.session_state["export.result"]["summary"]
    assert summary.language == "nl" and summary.title == "Contactstrategie"
    # no user name: the centre's name prepares it, never "anoniem"
    assert summary.prepared_by == summary.centre_name == t("centres.demo_name", "nl") and "anoniem" not in report.prepared_line(summary)
    assert summary.stress is not None  # the page's stress test is added to a spec without one
    md = at.session_state["export.result"]["files"]["md"].decode("utf-8")
    assert "## Risico's en stresstest" in md
    # no headcount saved: the capacity plan starts from the roster's first week, and says so
    capacity = summary.capacity
    assert capacity.start_roster_fte == pytest.approx(110.6, abs=0.05)
    assert capacity.hiring.spec.start_heads == round(capacity.start_roster_fte / capacity.fte_spec.fte_per_head)
    assert "geschat uit de eerste roosterweek (110,6 ingeroosterde fte" in md
