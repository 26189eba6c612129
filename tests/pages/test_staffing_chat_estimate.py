"""The Staffing settings for chat show h1 and p estimated from imported chats, with their
assumption, and apply them on request; without such chats they say how to get them."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import importer, pipeline, plan, store
from kcc.i18n import t
from kcc.ui.views.staffing import TAB_KEY
from tests.conftest import ROOT
from tests.ingest.test_chat_sessions_import import _chat_file
from tests.pages.helpers import decimal_value, page_texts
from tests.staffing.chat_history import chat_history

PAGE = str(ROOT / "pages" / "staffing.py")


@pytest.fixture
def chat_db(demo_db: Path) -> Path:
    """The demo with a day of chats that name their agent and end time (h1 600 s, p 0.5)."""
    history = chat_history(chats_per_hour=120, h1_s=600.0, penalty=0.5, agents=16, cap=3,
                           hours=20, seed=3, start="2023-01-09 08:00")
    con = store.connect(str(demo_db))
    source = importer.read_source(_chat_file(history), "chats.csv")
    result = importer.run_import(con, source, importer.guess_mapping(source),
                                 confirm=importer.WARNING_CODES)
    assert result.ok, result.problems
    con.close()
    return demo_db


def _chat_settings(lang: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=240)
    at.session_state["lang"] = lang
    at.session_state[TAB_KEY] = t("staffing.tab_targets", lang)
    at.run()
    at.selectbox(key="staffing.channel").set_value("chat").run()
    assert not at.exception
    return at


def test_staffing_settings_show_and_apply_the_chat_estimate(chat_db: Path) -> None:
    con = store.connect(str(chat_db))
    fit = pipeline.chat_estimate(con)
    con.close()
    assert fit is not None and fit.method == "overlap"
    h1, p = f"{fit.handle_time_s:,.0f}", f"{100 * fit.penalty_per_extra_session:.0f}%"

    at = _chat_settings("en")
    text = page_texts(at, ("caption",), with_metrics=False)
    assert f"Estimated from history: h1 = {h1} s, slow-down p = {p} per extra session (" in text
    assert "assumption: the sessions an agent held are the overlap of its chats" in text
    at.button(key="staffing.chat_estimate_use").click().run()
    assert not at.exception
    chat = at.session_state["plan.settings_json"]["targets"]["chat"]
    assert chat["penalty_per_extra_session"] == pytest.approx(fit.penalty_per_extra_session, abs=1e-3)
    assert chat["history_sessions"] == pytest.approx(fit.history_sessions, abs=0.01)
    assert at.number_input(key="staffing.penalty_pct").value == round(100 * fit.penalty_per_extra_session, 1)

    nl = _chat_settings("nl")
    text = page_texts(nl, ("caption",), with_metrics=False)
    assert f"Geschat uit de historie: h1 = {h1.replace(',', '.')} s, vertraging p = {p} per extra sessie (" in text
    assert nl.button(key="staffing.chat_estimate_use").label == "Gebruik de schatting"


def test_without_chat_details_the_settings_say_how_to_measure(shared_demo_db: Path) -> None:
    for lang, words in (("en", "No estimate from history: import chat contacts with an agent id"),
                        ("nl", "Geen schatting uit de historie: importeer chatcontacten met een medewerker-id")):
        at = _chat_settings(lang)
        assert words in page_texts(at, ("caption",), with_metrics=False)
        assert "staffing.chat_estimate_use" not in [b.key for b in at.button]


def test_the_calculator_starts_at_the_centres_chat(shared_demo_db: Path) -> None:
    con = store.connect(str(shared_demo_db))
    history = pipeline.recent_history(con)
    chat = plan.default_settings(store.read_settings(con), history).targets_for("chat")
    con.close()
    h1_s = pipeline.chat_lone_session_s(history, chat)
    assert h1_s is not None
    for lang, words in (("en", "Starts at this centre's chat as the plan and the levers staff it"),
                        ("nl", "Begint bij de chat van dit centrum zoals het plan en de hefbomen")):
        at = AppTest.from_file(str(ROOT / "pages" / "calculator.py"), default_timeout=120)
        at.session_state["lang"] = lang
        at.run()
        at.radio(key="calc.mode").set_value("chat").run()
        assert not at.exception
        assert words in page_texts(at, ("caption",), with_metrics=False)
        assert decimal_value(at, "calc.chat_h1_s") == round(h1_s)
        assert decimal_value(at, "calc.chat_penalty_pct") == 100 * chat.penalty_per_extra_session
