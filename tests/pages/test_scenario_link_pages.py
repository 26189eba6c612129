"""The working scenario lives in the URL on every page that shows it (Levers, Scenarios,
Export), so a reload or a copied link brings it back; choosing another centre drops it (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from kcc.i18n import t
from kcc.scenarios import ChannelHours, FcrLever, ScenarioSpec
from kcc.ui.scenario_cache import LINK_LOADED_KEY, WORKING_NAME_KEY, WORKING_SPEC_KEY
from kcc.ui.state import CENTRE_SESSION_KEYS

PAGES = Path(__file__).resolve().parents[2] / "pages"
LATE = ScenarioSpec(opening_hours=(ChannelHours("phone", (480,) * 5 + (540, 0), (1320,) * 5 + (1020, 0)),),
                    fcr=(FcrLever("phone", 0.7, 0.8),))
#: A short period: the link, not the numbers, is under test. [weeks]
PERIOD_WEEKS = 1


def _param(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def _fresh(page: str, params: dict[str, str]) -> AppTest:
    """A new session opened on ``page`` with only the URL: a reload or a copied link."""
    at = AppTest.from_file(str(PAGES / page), default_timeout=240)
    at.session_state["scenario.period_weeks"] = PERIOD_WEEKS
    at.query_params.update(params)
    return at.run()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_export_page_keeps_and_restores_the_working_scenario(shared_demo_db: Path, lang: str) -> None:
    at = _fresh("export.py", {**LATE.to_query(name="Late phone"), "lang": lang})
    assert not at.exception
    assert ScenarioSpec.from_dict(at.session_state[WORKING_SPEC_KEY]) == LATE
    # the picker offers the working scenario by its name, and the URL keeps it
    picker = at.selectbox(key="export.scenario")
    assert t("report.working_option", lang, name="Late phone") in picker.options
    assert _param(at, "scenario") == LATE.to_query()["scenario"] and _param(at, "name") == "Late phone"


def test_the_scenarios_page_puts_the_working_scenario_in_its_url(shared_demo_db: Path) -> None:
    at = AppTest.from_file(str(PAGES / "scenarios.py"), default_timeout=240)
    at.session_state["scenario.period_weeks"] = PERIOD_WEEKS
    at.session_state[WORKING_SPEC_KEY] = LATE.to_dict()
    at.session_state[WORKING_NAME_KEY] = "Late phone"
    at.run()
    assert not at.exception
    params = {k: _param(at, k) for k in ("scenario", "sv", "name")}
    assert params["scenario"] == LATE.to_query()["scenario"] and params["name"] == "Late phone"
    # a reload of that URL brings it back, and says so
    fresh = _fresh("scenarios.py", {k: v for k, v in params.items() if v is not None})
    assert not fresh.exception
    assert ScenarioSpec.from_dict(fresh.session_state[WORKING_SPEC_KEY]) == LATE
    assert fresh.session_state[WORKING_NAME_KEY] == "Late phone"
    assert any(t("scenarios.link_loaded", "en", name="Late phone") == s.value for s in fresh.success)


def test_the_session_keys_of_a_centre_are_the_ones_the_pages_use() -> None:
    from kcc.ui import plan_cache

    assert {plan_cache.SETTINGS_STATE_KEY, WORKING_SPEC_KEY, WORKING_NAME_KEY, LINK_LOADED_KEY,
            "export.result"} <= set(CENTRE_SESSION_KEYS)


@pytest.mark.parametrize("page", ["levers.py", "scenarios.py", "export.py"])
def test_choosing_another_centre_drops_the_working_scenario(demo_db: Path, page: str) -> None:
    con = store.connect(str(demo_db))
    try:
        other = store.create_centre(con, "Bank B", time_zone="America/New_York", country="US")
    finally:
        con.close()
    at = AppTest.from_file(str(PAGES / page), default_timeout=240)
    # the demo's working scenario, opened from its link in this session...
    query = LATE.to_query(name="Late phone")
    at.session_state["centre.id"] = store.DEMO_CENTRE_ID
    at.session_state[WORKING_SPEC_KEY] = LATE.to_dict()
    at.session_state[WORKING_NAME_KEY] = "Late phone"
    at.session_state[LINK_LOADED_KEY] = query["scenario"]
    # ...then the user picks Bank B: the link names it, the scenario is still in the URL
    at.query_params.update({**query, "centre": str(other.centre_id)})
    at.run()
    assert not at.exception
    assert WORKING_SPEC_KEY not in at.session_state and WORKING_NAME_KEY not in at.session_state
    assert _param(at, "scenario") is None and _param(at, "name") is None
    assert _param(at, "centre") == str(other.centre_id)


@pytest.mark.parametrize(("page", "lang", "link"), [
    ("levers.py", "en", "A" * 5000),
    ("scenarios.py", "nl", "A" * 5000),
    ("export.py", "en", "not-a-scenario"),
])
def test_a_bad_or_oversized_link_says_so_and_opens_the_default_scenario(
    shared_demo_db: Path, page: str, lang: str, link: str
) -> None:
    at = AppTest.from_file(str(PAGES / page), default_timeout=240)
    at.session_state["scenario.period_weeks"] = PERIOD_WEEKS
    at.session_state[WORKING_SPEC_KEY] = LATE.to_dict()  # what the session had before the link
    at.session_state[WORKING_NAME_KEY] = "Late phone"
    at.query_params.update({"scenario": link, "name": "<b>x</b>", "lang": lang})
    at.run()
    assert not at.exception
    code = "link_too_long" if len(link) > 4096 else "link_damaged"
    reason = t(f"levers.error.{code}", lang, parameter="'scenario'", size=len(link), limit=4096)
    expected = t("scenarios.link_error", lang, error=reason)
    assert expected.startswith({"en": "The link could not be opened: the scenario link is ",
                                "nl": "De link kon niet worden geopend: de scenariolink is "}[lang])
    assert expected in [e.value for e in at.error]
    assert WORKING_SPEC_KEY not in at.session_state or \
        ScenarioSpec.from_dict(at.session_state[WORKING_SPEC_KEY]) == ScenarioSpec()
    assert _param(at, "scenario") is None, "the default scenario leaves the URL clean"
