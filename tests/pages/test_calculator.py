"""Calculator page as a user meets it (AppTest): defaults, Erlang A, unstable input, Dutch.

``demo_db`` points ``KCC_DB_PATH`` at a private copy of the demo database.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.pages.helpers import decimal_field, metric_values, set_decimal

PAGE = str(ROOT / "pages" / "calculator.py")


def test_calculator_defaults_reproduce_worked_example(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    metrics = metric_values(at)
    assert metrics["Offered load"] == "10.00 Erlang"
    assert metrics["Required agents"] == "14 agents"
    assert metrics["Scheduled with shrinkage"] == "20 agents"
    assert metrics["Service level"] == "88.84 %"
    assert metrics["ASA (answered calls)"] == "7.84 s"
    assert len(at.get("plotly_chart")) == 1


def test_calculator_erlang_a_and_agents_to_evaluate(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.checkbox(key="calc.use_patience").check()
    at.number_input(key="calc.agents").set_value(14)
    at.button(key="calc.submit").click().run()
    assert not at.exception
    metrics = metric_values(at)
    assert metrics["Service level"] == "91.68 %"
    assert metrics["Abandoned"] == "1.40 %"
    assert metrics["Occupancy"] == "70.43 %"
    assert any("Erlang A" in c.value for c in at.caption)


def test_calculator_flags_unstable_queue(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.number_input(key="calc.agents").set_value(9)
    at.button(key="calc.submit").click().run()
    assert not at.exception
    assert any("Unstable" in e.value for e in at.error)
    assert metric_values(at)["ASA (answered calls)"] == "∞ s"


def test_calculator_in_dutch(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    metrics = metric_values(at)
    assert metrics["Benodigde medewerkers"] == "14 medewerkers"
    # the worked example in Dutch number format: a decimal comma
    assert metrics["Servicelevel"] == "88,84 %"
    assert metrics["Aangeboden belasting"] == "10,00 Erlang"
    assert at.title[0].value == "Erlang-calculator"


def _chat_worked_example(at: AppTest) -> AppTest:
    """The worked example above as chat: 100 chats / 30 min, a lone session 180 s, 2 sessions per
    agent, 80% within 20 s. Without a slow-down each session is an Erlang server, so 14 slots
    (7 agents) give 88.84% and 12 slots (6 agents) 79.56% at most."""
    at.radio(key="calc.mode").set_value("chat").run()
    for key, value in (("calc.chat_chats", 100.0), ("calc.chat_interval_min", 30),
                       ("calc.chat_h1_s", 180.0), ("calc.chat_concurrency", 2.0),
                       ("calc.chat_penalty_pct", 0.0), ("calc.chat_answer_s", 20.0),
                       ("calc.chat_target_sl_pct", 80.0)):
        set_decimal(at, key, value)
    return at.button(key="calc.chat_submit").click().run()


def test_chat_without_slow_down_is_erlang_c_with_one_server_per_slot(demo_db: Path) -> None:
    at = _chat_worked_example(AppTest.from_file(PAGE, default_timeout=60).run())
    assert not at.exception
    metrics = metric_values(at)
    assert metrics["Required agents"] == "7 agents"
    assert metrics["Scheduled with shrinkage"] == "10 agents"
    assert metrics["Service level"] == "88.84 %"
    assert metrics["ASA (answered calls)"] == "7.84 s"
    assert metrics["Occupancy"] == "71.43 %"  # 10 Erlang over 14 slots
    assert metrics["Mean sessions per agent"] == "1.43"
    assert metrics["Mean session length at this load"] == "3.00 min"  # 180 s: over two minutes
    assert metrics["Chats per agent per hour at full load"] == "40.00 per hour"
    # decimal inputs show the number as typed, not "100.00"
    assert at.number_input(key="calc.chat_chats").proto.format == "%g"
    assert any("up to 2.0 sessions per agent, each 0 % slower" in c.value for c in at.caption)

    # every extra session 25% slower: an agent at 2 sessions finishes 2 per 225 s, 32 an hour
    at.number_input(key="calc.chat_penalty_pct").set_value(25.0)
    at.button(key="calc.chat_submit").click().run()
    assert not at.exception
    metrics = metric_values(at)
    assert int(metrics["Required agents"].split()[0]) > 7
    assert metrics["Chats per agent per hour at full load"] == "32.00 per hour"
    value, unit = metrics["Mean session length at this load"].split()
    assert unit == "min" and float(value) > 3.0  # slower than the 180 s of one session alone


def test_chat_mode_flags_too_few_agents_in_english_and_dutch(demo_db: Path) -> None:
    for lang, words in (("en", "Unstable: 5 agents at full load finish 160.0 chats an hour, fewer "
                                "than the 200.0 that arrive"),
                        ("nl", "Instabiel: 5 medewerkers ronden bij volle drukte 160,0 chats per uur "
                               "af, minder dan de 200,0 die binnenkomen")):
        at = AppTest.from_file(PAGE, default_timeout=60)
        at.session_state["lang"] = lang
        at.run()
        at = _chat_worked_example(at)
        set_decimal(at, "calc.chat_penalty_pct", 25.0)
        at.number_input(key="calc.chat_agents").set_value(5)
        at.button(key="calc.chat_submit").click().run()
        assert not at.exception
        assert any(words in e.value for e in at.error), [e.value for e in at.error]


def test_chat_mode_in_dutch(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = "nl"
    at = _chat_worked_example(at.run())
    assert not at.exception
    metrics = metric_values(at)
    assert metrics["Benodigde medewerkers"] == "7 medewerkers"
    assert metrics["Servicelevel"] == "88,84 %"
    assert metrics["Gemiddelde sessieduur bij deze drukte"] == "3,00 min"
    assert decimal_field(at, "calc.chat_penalty_pct").label == "Vertraging per extra sessie [%]"
    assert any("hoogstens 2,0 sessies per medewerker" in c.value for c in at.caption)
