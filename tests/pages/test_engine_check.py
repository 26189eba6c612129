"""Engine-check page as a user meets it (AppTest): reference cases and live simulation."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from kcc.engine_check import run_simulation_check
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "engine_check.py")


def test_engine_check_shows_every_case_passing(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    metrics = [str(m.value) for m in at.metric]
    assert metrics[0] == "17 of 17 checks passed"
    assert any("All reference cases pass." in s.value for s in at.success)
    table = at.dataframe[0].value
    assert list(table["Result"]) == ["pass"] * 17
    assert "971 agents" in list(table["Expected"])
    assert metrics[1] == "Seed 2024: 4 of 4 inside the interval"


def test_engine_check_reruns_simulation_with_new_seed(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.number_input(key="engine.seed").set_value(7)
    at.button(key="engine.run_sim").click().run()
    assert not at.exception
    expected = run_simulation_check(7)
    sim_table = at.dataframe[1].value
    assert sim_table["Simulated"].iloc[1] == f"{100 * expected['simulated'].iloc[1]:.4f} %"
    assert str(at.metric[1].value).startswith("Seed 7:")


def test_engine_check_in_dutch(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Rekenkerncontrole"
    assert str(at.metric[0].value) == "17 van 17 controles geslaagd"
    # published values in Dutch number format: "79,5600 %", "7,840 s"
    table = at.dataframe[0].value
    expected = list(table["Verwacht"])
    assert "79,5600 %" in expected and "7,840 s" in expected
    assert not any("." in v for v in expected if v.endswith((" %", " s")))
    assert "40.000" in " ".join(c.value for c in at.caption)
