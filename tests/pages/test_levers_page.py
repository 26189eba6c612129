"""The Strategy levers page as a user meets it: move a lever, see the effect, save it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from kcc.scenarios import ScenarioSpec

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "levers.py")

# DuckDB's frame conversion of TIMESTAMPTZ columns trips a pandas 3.1 deprecation inside
# kcc.store (not this page's code).
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword:DeprecationWarning")


def submit(at: AppTest, form: str) -> AppTest:
    button = next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{form}"))
    return button.click().run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_staying_open_until_22_shows_cost_and_caught_contacts(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    assert not at.exception
    assert metric(at, "Required FTE").endswith("FTE")
    assert metric(at, "Opening hours per week, all channels") == "+0.0 h"
    # the lever: phone open until 22:00 on weekdays
    at.selectbox(key="levers.hours_channel").set_value("phone").run()
    at.select_slider(key="levers.span_phone_0").set_value((480, 1320))
    at = submit(at, "levers.hours_form")
    assert not at.exception
    assert metric(at, "Opening hours per week, all channels") == "+10.0 h"
    caught = metric(at, "Extra contacts reaching an open channel")
    assert caught.startswith("+") and caught.endswith("contacts/week") and caught != "+0 contacts/week"
    assert metric(at, "Extra cost per month").startswith("+")
    answer = at.info[0].value
    assert "opening hours per week cost" in answer and "EUR per extra contact" in answer
    working = ScenarioSpec.from_dict(at.session_state["scenario.working_spec"])
    assert working.hours_for("phone").close_min[:5] == (1320,) * 5
    # save it
    at.text_input(key="levers.save_name").input("Open till 22:00")
    at = submit(at, "levers.save_form")
    assert not at.exception
    saved = store.read_scenarios(store.connect(str(demo_db)))
    assert list(saved["name"]) == ["Open till 22:00"]
    assert ScenarioSpec.from_dict(saved["spec"].iloc[0]) == working


def test_invalid_closed_hours_shares_explain_themselves(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    at.slider(key="levers.callback_pct").set_value(80)
    at.slider(key="levers.digital_pct").set_value(40)
    at = submit(at, "levers.hours_form")
    assert not at.exception
    assert any("callback_share + closed_hours.digital_share must be between 0 and 1" in e.value for e in at.error)


def test_stress_test_and_channel_shift_in_dutch(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.query_params["lang"] = "nl"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Strategische knoppen"
    at.number_input(key="levers.home_agents").set_value(12)
    at = submit(at, "levers.stress_form")
    assert not at.exception
    labels = {m.label: m.value for m in at.metric}
    assert "Herstel met flex" in labels and "Flexkosten" in labels
    assert labels["Flexkosten"].endswith("EUR")
    at.slider(key="levers.mix_share").set_value(20)
    at = submit(at, "levers.mix_form")
    assert not at.exception
    spec = ScenarioSpec.from_dict(at.session_state["scenario.working_spec"])
    assert spec.surge is not None and spec.surge.home_agents == 12
    assert spec.shifts and spec.shifts[0].share == pytest.approx(0.2)
