"""The Scenarios page: save, duplicate, delete, compare and share a scenario as a link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from kcc.scenarios import SPEC_VERSION, ChannelHours, ClosedHoursBehaviour, ScenarioSpec, TargetOverride
from tests.pages.helpers import frame_with, submit

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "scenarios.py")

LATE = ScenarioSpec(opening_hours=(ChannelHours("phone", (480,) * 5 + (540, 0), (1320,) * 5 + (1020, 0)),))
STRICT = ScenarioSpec(targets=(TargetOverride("phone", target_service_level=0.9),),
                      closed_hours=ClosedHoursBehaviour(digital_share=0.1))


#: Scenario period of the tests that evaluate: saving, comparing and sharing do not depend on the
#: period, and each evaluation of the default 13 weeks takes seconds. [weeks]
PERIOD_WEEKS = 1


def _number(text: str) -> float:
    """A number as the English screen shows it (``1,234.5``, ``96.5 %``)."""
    return float(str(text).replace(",", "").removesuffix("%").strip())

def test_save_compare_duplicate_delete(demo_db: Path) -> None:
    con = store.connect(str(demo_db))
    store.save_scenario(con, name="Strict", spec=STRICT.to_dict(), spec_version=SPEC_VERSION, user="Bea")
    con.close()
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["scenario.period_weeks"] = PERIOD_WEEKS
    at.session_state["scenario.working_spec"] = LATE.to_dict()
    at.session_state["user"] = "Ann"
    at.run()
    assert not at.exception
    at.text_input(key="scenarios.name").input("Late")
    at.text_area(key="scenarios.description").input("Phone open till 22:00 on weekdays")
    at = submit(at, "scenarios.save_form")
    assert not at.exception
    table = frame_with(at, "created_by")
    assert set(table["name"]) == {"Late", "Strict"}
    assert table.set_index("name").loc["Late", "created_by"] == "Ann"
    # compare baseline, the working scenario and both saved ones
    at.multiselect(key="scenarios.compare").set_value(["\u0000baseline", "\u0000working", "Late", "Strict"]).run()
    assert not at.exception
    compared = frame_with(at, "diff_fte")
    assert len(compared) == 4
    # shown in the language's number format: "+0.0", "12.3", "96.5 %"
    assert compared["diff_fte"].iloc[0] == "+0.0"
    late = compared.iloc[2]
    assert late["fte"] == compared.iloc[1]["fte"]  # the saved copy is the working spec
    assert _number(late["reachability"]) > _number(compared.iloc[0]["reachability"])
    assert _number(compared.iloc[3]["fte"]) > _number(compared.iloc[0]["fte"])  # a stricter target needs staff
    # the charts: values of shares in per cent, their differences in percentage points
    values, differences = ([a["text"] for a in json.loads(c.proto.spec)["layout"]["annotations"]]
                           for c in at.get("plotly_chart")[-2:])
    assert sum("[%]" in title for title in values) == 3, values
    assert sum("[pp]" in title for title in differences) == 3 and not any("[%]" in t for t in differences)
    # duplicate, then delete the copy
    at.selectbox(key="scenarios.pick").set_value("Late").run()
    at.button(key="scenarios.duplicate").click().run()
    assert "Late (copy)" in set(frame_with(at, "created_by")["name"])
    at.selectbox(key="scenarios.pick").set_value("Late (copy)").run()
    at.button(key="scenarios.delete").click().run()
    assert not at.exception
    assert set(frame_with(at, "created_by")["name"]) == {"Late", "Strict"}


def test_share_link_round_trip(demo_db: Path) -> None:
    con = store.connect(str(demo_db))
    store.save_scenario(con, name="Late", spec=LATE.to_dict(), spec_version=SPEC_VERSION, user="Ann")
    con.close()
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["scenario.period_weeks"] = PERIOD_WEEKS
    at.run()
    at.button(key="scenarios.share").click().run()
    assert not at.exception
    params = {k: at.query_params[k] for k in ("scenario", "sv", "name")}
    assert params["name"] == "Late"
    # a new session opened with the link gets the scenario as its working spec
    fresh = AppTest.from_file(PAGE, default_timeout=180)
    fresh.session_state["scenario.period_weeks"] = PERIOD_WEEKS
    for key, value in params.items():
        fresh.query_params[key] = value
    fresh.run()
    assert not fresh.exception
    assert ScenarioSpec.from_dict(fresh.session_state["scenario.working_spec"]) == LATE
    assert any("opened from the link" in s.value for s in fresh.success)


def test_damaged_link_and_dutch(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.query_params["lang"] = "nl"
    at.query_params["scenario"] = "broken"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Scenario's"
    assert "De link kon niet worden geopend" in at.error[0].value


# The page in Dutch (both languages' full texts: tests/store/test_store.py).
@pytest.mark.parametrize(("lang", "said"), [("nl", "is gewijzigd door Bob om")])
def test_saving_over_a_version_another_planner_saved_shows_who_and_when(demo_db: Path, lang: str, said: str) -> None:
    con = store.connect(str(demo_db))
    store.save_scenario(con, name="Late", spec=LATE.to_dict(), spec_version=SPEC_VERSION, user="Ann")
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["scenario.period_weeks"] = PERIOD_WEEKS
    at.session_state["user"] = "Ann"
    at.session_state["lang"] = lang
    at.run()
    at.selectbox(key="scenarios.pick").set_value("Late").run()
    at.button(key="scenarios.load").click().run()  # Ann opens Late ...
    # ... Bob, in another session or app replica, saves it in the meantime
    store.save_scenario(con, name="Late", spec=STRICT.to_dict(), spec_version=SPEC_VERSION, user="Bob")
    at.text_input(key="scenarios.name").input("Late")
    at = submit(at, "scenarios.save_form")
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(said in text for text in errors), errors
    stored = store.read_scenarios(con).set_index("name").loc["Late"]
    assert (stored["updated_by"], stored["spec"]) == ("Bob", STRICT.to_dict())  # Bob's version kept
    con.close()
