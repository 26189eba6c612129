"""Calculator page as a user meets it (AppTest): defaults, Erlang A, unstable input, Dutch.

``demo_db`` points ``KCC_DB_PATH`` at a private copy of the demo database.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.pages.helpers import metric_values

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
