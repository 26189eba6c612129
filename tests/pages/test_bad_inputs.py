"""Bad inputs on the Staffing settings, Levers and Calculator pages (AppTest): a message naming
the field in the reader's language, nothing applied, and no stack trace."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc.formatting import fmt_typed, parse_typed
from kcc.i18n import t
from kcc.ui.views import levers, staffing
from tests.conftest import ROOT
from tests.pages.helpers import decimal_field, decimal_value, set_decimal, submit

STAFFING = str(ROOT / "pages" / "staffing.py")
LEVERS = str(ROOT / "pages" / "levers.py")
CALCULATOR = str(ROOT / "pages" / "calculator.py")


def _page(path: str, lang: str, tab: tuple[str, str] | None = None) -> AppTest:
    """The page in ``lang``, with ``tab`` open: its tabs' key and the tab's text key."""
    at = AppTest.from_file(path, default_timeout=300)
    at.session_state["lang"] = lang
    if tab is not None:
        at.session_state[tab[0]] = t(tab[1], lang)
    return at.run()


#: The tabs that hold the settings forms.
STAFFING_TARGETS = (staffing.TAB_KEY, "staffing.tab_targets")
STAFFING_BUDGET = (staffing.TAB_KEY, "staffing.tab_budget")
LEVERS_TARGETS = (levers.TAB_KEY, "levers.tab_targets")


def _errors(at: AppTest) -> list[str]:
    assert not at.exception, [e.message for e in at.exception]
    return [e.value.replace("\\", "") for e in at.error]  # the field's label is Markdown-escaped


STAFFING_CASES = {
    # channel, widget key, bad value, English message, Dutch message
    "min_agents": ("phone", "staffing.min_agents", -2.0,
                   "Not applied: Minimum agents per open interval must be between 0 and 1000 agents, got -2.0",
                   "Niet toegepast: Minimaal aantal medewerkers per open interval moet tussen 0 en 1000 "
                   "medewerkers liggen, niet -2,0"),
    "occupancy": ("phone", "staffing.max_occupancy", 150.0,
                  "Not applied: Maximum occupancy [%] must be between 0 and 100 %, got 150.0",
                  "Niet toegepast: Maximale bezettingsgraad [%] moet tussen 0 en 100 % liggen, niet 150,0"),
    "concurrency": ("chat", "staffing.concurrency", 0.5,
                    "Not applied: Chats per agent at once [sessions] must be between 1 and 10 sessions per "
                    "agent, got 0.5",
                    "Niet toegepast: Chats per medewerker tegelijk [sessies] moet tussen 1 en 10 sessies per "
                    "medewerker liggen, niet 0,5"),
    "beyond_horizon": ("email", "staffing.response_time_h", 700.0,
                       "Not applied: Response time [working hours] (700 h) is longer than all open time of the "
                       "planned period",
                       "Niet toegepast: Reactietijd [werkuren] (700 u) is langer dan alle openingstijd van de "
                       "geplande periode"),
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_staffing_settings_name_the_bad_field(shared_demo_db: Path, lang: str) -> None:
    at = _page(STAFFING, lang, STAFFING_TARGETS)
    shown = at.metric[0].value
    for channel, key, value, en, nl in STAFFING_CASES.values():
        if at.selectbox(key="staffing.channel").value != channel:
            at.selectbox(key="staffing.channel").set_value(channel).run()  # the form shows its values again
        good = decimal_field(at, key).value
        set_decimal(at, key, value)
        at.button(key="staffing.targets_apply").click().run()
        errors = _errors(at)
        expected = en if lang == "en" else nl
        assert any(e.startswith(expected) for e in errors), errors
        assert "plan.settings_json" not in at.session_state, "nothing applied"
        assert at.metric, "the page still shows its plan"
        decimal_field(at, key).set_value(good)
    at.selectbox(key="staffing.channel").set_value("phone").run()
    assert at.metric[0].value == shown


LEVERS_BEYOND = {
    "en": "Response time [working hours] (700 h) is longer than all open time of the planned period",
    "nl": "Reactietijd [werkuren] (700 u) is langer dan alle openingstijd van de geplande periode",
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_levers_response_time_longer_than_the_period_is_named(shared_demo_db: Path, lang: str) -> None:
    at = _page(LEVERS, lang, LEVERS_TARGETS)
    at.selectbox(key="levers.target_channel").set_value("email").run()
    set_decimal(at, "levers.response_h_email", 700.0)
    submit(at, "levers.targets_form")
    errors = _errors(at)
    assert any(e.startswith(LEVERS_BEYOND[lang]) for e in errors), errors
    assert "levers.spec" not in at.session_state or not at.session_state["levers.spec"].get("targets")


CALC_CASES = {
    # mode, widget key, bad value, English message, Dutch message
    "aht": ("calls", "calc.aht_s", 0.0,
            "Not calculated: Average handle time [s] must be above 0 and at most 86400 s, got 0.0",
            "Niet berekend: Gemiddelde afhandeltijd [s] moet boven 0 en hoogstens 86400 s liggen, niet 0,0"),
    "occupancy": ("calls", "calc.max_occupancy_pct", 120.0,
                  "Not calculated: Occupancy cap [%] must be above 0 and at most 100 %, got 120.0",
                  "Niet berekend: Maximale bezettingsgraad [%] moet boven 0 en hoogstens 100 % liggen, niet 120,0"),
    "concurrency": ("chat", "calc.chat_concurrency", 0.5,
                    "Not calculated: Sessions per agent at most [sessions] must be between 1 and 10 sessions per "
                    "agent, got 0.5",
                    "Niet berekend: Sessies per medewerker hoogstens [sessies] moet tussen 1 en 10 sessies per "
                    "medewerker liggen, niet 0,5"),
    "chat_handle_time": ("chat", "calc.chat_h1_s", -5.0,
                         "Not calculated: Handle time of a lone session [s] must be above 0 and at most 86400 s, "
                         "got -5.0",
                         "Niet berekend: Afhandeltijd van een losse sessie [s] moet boven 0 en hoogstens 86400 s "
                         "liggen, niet -5,0"),
}


@pytest.mark.parametrize("case", list(CALC_CASES))
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_calculator_names_the_bad_field(lang: str, case: str) -> None:
    mode, key, value, en, nl = CALC_CASES[case]
    at = _page(CALCULATOR, lang)
    if mode == "chat":
        at.radio(key="calc.mode").set_value("chat").run()
    set_decimal(at, key, value)
    at.button(key="calc.chat_submit" if mode == "chat" else "calc.submit").click().run()
    errors = _errors(at)
    assert errors == [en if lang == "en" else nl]
    assert not at.metric, "nothing calculated from the bad input"


def test_a_dutch_reader_types_a_decimal_comma(shared_demo_db: Path) -> None:
    """Streamlit's number field drops a typed comma, so "36,5" hours became 365. In Dutch a
    decimal field is a text field that reads the comma, and says so when text is no number."""
    at = _page(STAFFING, "nl", STAFFING_BUDGET)
    field = decimal_field(at, "staffing.contract_hours")
    assert field.type == "text_input" and field.value == "36"  # the demo's 36 h, as typed
    field.input("36,5")
    at.button(key="staffing.budget_apply").click().run()
    assert _errors(at) == []
    assert at.session_state["plan.settings_json"]["contract_hours_per_week"] == 36.5
    assert decimal_field(at, "staffing.contract_hours").value == "36,5"

    for typed, message in (
        ("36,5 u", "Contracturen per fte [u/week]: '36,5 u' is geen getal; typ het zoals 1234,5"),
        ("365", "Contracturen per fte [u/week] moet tussen 1 en 60 liggen, niet 365,0"),
    ):
        decimal_field(at, "staffing.contract_hours").input(typed)
        at.button(key="staffing.budget_apply").click().run()
        assert message in _errors(at)
        assert at.session_state["plan.settings_json"]["contract_hours_per_week"] == 36.5, "kept as it was"

    english = _page(STAFFING, "en", STAFFING_BUDGET)
    assert decimal_field(english, "staffing.contract_hours").type == "number_input"


def test_a_dutch_field_left_as_shown_keeps_its_value_to_the_last_digit(shared_demo_db: Path) -> None:
    """The field shows six significant digits; applying the form without touching it keeps the
    value itself, so the plan does not move by a rounding."""
    english = _page(STAFFING, "en", STAFFING_TARGETS)
    patience_s = decimal_value(english, "staffing.patience_s")
    at = _page(STAFFING, "nl", STAFFING_TARGETS)
    shown = decimal_field(at, "staffing.patience_s").value
    assert patience_s is not None and shown == fmt_typed(patience_s, "nl")
    assert parse_typed(shown, "nl") != patience_s, "the demo's patience has more digits than are shown"
    at.button(key="staffing.targets_apply").click().run()
    assert _errors(at) == []
    targets = at.session_state["plan.settings_json"]["targets"]["phone"]
    assert targets["patience_s"] == patience_s
