"""Tabs that draw only the open one (``kcc.ui.widgets.lazy_tabs``) on the Staffing and Strategy
levers pages (AppTest): a closed tab computes nothing, a reader's choices in a tab are there again
when they come back to it, and a language switch keeps the same tab open."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from kcc.i18n import t
from kcc.ui.views import levers, staffing
from kcc.ui.views.risk import STAFFING_RISK_DAYS
from tests.conftest import ROOT
from tests.pages.helpers import open_tab

STAFFING = str(ROOT / "pages" / "staffing.py")
LEVERS = str(ROOT / "pages" / "levers.py")


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_only_the_open_tab_is_drawn(shared_demo_db: Path) -> None:
    at = AppTest.from_file(STAFFING, default_timeout=300).run()
    assert not at.exception
    risk_title = t("risk.title_days", "en", days=STAFFING_RISK_DAYS)
    assert len(at.get("plotly_chart")) == 1, "the day chart only, not the heat map, KPI and budget charts"
    assert risk_title not in _markdown(at), "the day risk (a carried queue per day) waits for its tab"
    assert not [s for s in at.selectbox if s.key == "simulation.week"]
    kpis = open_tab(at, staffing.TAB_KEY, t("staffing.tab_kpis", "en"))
    assert not kpis.exception
    assert risk_title in _markdown(kpis)
    assert not [d for d in kpis.date_input if d.key == "staffing.day"], "the chart tab's picker is not drawn"


def test_a_choice_in_a_tab_is_there_again_after_another_tab(shared_demo_db: Path) -> None:
    at = AppTest.from_file(STAFFING, default_timeout=300)
    at.session_state[staffing.TAB_KEY] = t("staffing.tab_simulation", "en")
    at.run()
    week = at.selectbox(key="simulation.week")
    assert len(week.options) >= 2
    week.select_index(1).run()
    open_tab(at, staffing.TAB_KEY, t("staffing.tab_chart", "en"))
    at.radio(key="staffing.view").set_value("week").run()
    open_tab(at, staffing.TAB_KEY, t("staffing.tab_budget", "en"))
    open_tab(at, staffing.TAB_KEY, t("staffing.tab_simulation", "en"))
    assert not at.exception
    assert at.selectbox(key="simulation.week").index == 1, "the second week, as chosen"
    open_tab(at, staffing.TAB_KEY, t("staffing.tab_chart", "en"))
    assert at.radio(key="staffing.view").value == "week"
    assert not at.warning, "no 'value set through the session' warning"


def test_a_language_switch_keeps_the_open_tab(shared_demo_db: Path) -> None:
    at = AppTest.from_file(LEVERS, default_timeout=300)
    at.session_state[levers.TAB_KEY] = t("levers.tab_fcr", "en")
    at.run()
    assert [s for s in at.slider if s.key == "levers.fcr_base_phone"]
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    assert at.session_state[levers.TAB_KEY] == t("levers.tab_fcr", "nl")
    assert [s for s in at.slider if s.key == "levers.fcr_base_phone"], "the FCR tab is still open"
    assert not [s for s in at.selectbox if s.key == "levers.hours_channel"], "not the first tab"
