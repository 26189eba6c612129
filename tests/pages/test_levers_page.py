"""The Strategy levers page as a user meets it: move a lever, see the effect, save it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from kcc import store
from kcc.i18n import t
from kcc.scenarios import ScenarioSpec
from kcc.ui.views.levers import TAB_KEY, TABS
from tests.pages.helpers import every_tab, metric, open_tab, submit

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "levers.py")
HEADLINE_CHANGES = ("Required FTE [FTE]", "Cost as required [EUR/month]", "Reachability [%]",
                    "SL, roster as it is [%]", "SL, staffed as required [%]", "Abandoned, roster as it is [%]",
                    "Abandoned, staffed as required [%]")
# Tests that save nothing share one demo copy (``shared_demo_db``): the forecasts, the plan and
# the baseline's evaluation are computed once. The working scenario lives in each test's session.


def test_staying_open_until_22_shows_cost_and_caught_contacts(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    assert not at.exception
    # the headline says which service level it shows, units in the labels
    labels = {m.label for m in at.metric}
    assert {"Required FTE [FTE]", "Rostered FTE [FTE]", "Cost as required [EUR/month]",
            "SL, roster as it is [%]", "SL, staffed as required [%]", "Abandoned, roster as it is [%]",
            "Abandoned, staffed as required [%]"} <= labels
    assert metric(at, "Cost as required [EUR/month]").endswith("k")  # compact, not cut off
    required = metric(at, "Required FTE [FTE]")
    assert metric(at, "Extra opening hours, all channels [h/week]") == "+0.0"
    # the baseline itself: no change, so no coloured arrow over "+0.0"
    tiles = {m.label: m.proto for m in at.metric}
    assert [(tiles[k].delta, tiles[k].color, tiles[k].direction) for k in HEADLINE_CHANGES] == [
        ("+0.0", MetricProto.GRAY, MetricProto.NONE), ("+0", MetricProto.GRAY, MetricProto.NONE),
        *[("+0.0 pp", MetricProto.GRAY, MetricProto.NONE)] * 5]
    # the lever: phone open until 22:00 on weekdays
    at.selectbox(key="levers.hours_channel").set_value("phone").run()
    at.select_slider(key="levers.span_phone_0").set_value((480, 1320))
    at = submit(at, "levers.hours_form")
    assert not at.exception
    assert metric(at, "Extra opening hours, all channels [h/week]") == "+10.0"
    caught = float(metric(at, "Contacts caught [contacts/week]").replace(",", ""))
    assert 400 < caught < 1500  # the evening hump after 20:00
    assert metric(at, "Extra cost [EUR/month]").startswith("+")
    assert float(metric(at, "Extra FTE [FTE]")) > 0
    assert float(metric(at, "Cost per extra opening hour [EUR/h]").replace(",", "")) > 0
    assert metric(at, "Required FTE [FTE]") != required
    # more staff is red, more reachability green, each with its arrow; shares change in points
    tiles = {m.label: m.proto for m in at.metric}
    assert (tiles["Required FTE [FTE]"].color, tiles["Required FTE [FTE]"].direction) == (
        MetricProto.RED, MetricProto.UP)
    reach = tiles["Reachability [%]"]
    assert re.fullmatch(r"\+\d+\.\d pp", reach.delta), reach.delta
    assert (reach.color, reach.direction) == (MetricProto.GREEN, MetricProto.UP)
    answer = at.info[0].value
    assert "EUR per extra opening hour" in answer and "EUR per contact caught" in answer
    working = ScenarioSpec.from_dict(at.session_state["scenario.working_spec"])
    assert working.hours_for("phone").close_min[:5] == (1320,) * 5
    # save it
    at.text_input(key="levers.save_name").input("Open till 22:00")
    at = submit(at, "levers.save_form")
    assert not at.exception
    saved = store.read_scenarios(store.connect(str(demo_db)))
    assert list(saved["name"]) == ["Open till 22:00"]
    assert ScenarioSpec.from_dict(saved["spec"].iloc[0]) == working


def test_invalid_closed_hours_shares_explain_themselves(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180).run()
    at.slider(key="levers.callback_pct").set_value(80)
    at.slider(key="levers.digital_pct").set_value(40)
    at = submit(at, "levers.hours_form")
    assert not at.exception
    assert any("callback_share + closed_hours.digital_share must be between 0 and 1" in e.value for e in at.error)


def test_invalid_closed_hours_shares_explain_themselves_in_dutch(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["lang"] = "nl"
    at.run()
    at.slider(key="levers.callback_pct").set_value(80)
    at.slider(key="levers.digital_pct").set_value(40)
    at = submit(at, "levers.hours_form")
    assert not at.exception
    errors = [e.value for e in at.error]
    assert "terugbellen en digitaal samen moeten tussen 0 en 1 (100 %) liggen, nu 1,2" in errors, errors


def test_stress_test_and_channel_shift_in_dutch(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.query_params["lang"] = "nl"
    at.session_state[TAB_KEY] = t("levers.tab_stress", "nl")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Strategische hefbomen"
    at.number_input(key="levers.home_agents").set_value(12)
    at = submit(at, "levers.stress_form")
    assert not at.exception
    labels = {m.label: m.value for m in at.metric}
    # flex staff lifts the surge's service level by percentage points ("%-punt"), in green
    surge = next(m.proto for m in at.metric if m.label == t("levers.m_surge_sl", "nl"))
    assert re.fullmatch(r"\+\d+,\d %-punt", surge.delta), surge.delta
    assert (surge.color, surge.direction) == (MetricProto.GREEN, MetricProto.UP)
    # every tab's numbers, the stress test's last
    tabs = [t(f"levers.{name}", "nl") for name, _ in TABS]
    labels = {**{m.label: m.value for shown in every_tab(at, TAB_KEY, tabs) for m in shown.metric}, **labels}
    assert "Herstel met flex" in labels and "Flexkosten" in labels
    assert labels["Flexkosten"].endswith("EUR")
    assert "SL, huidig rooster [%]" in labels and "SL, volgens behoefte [%]" in labels
    assert labels[t("common.kpi_cost_required_month", "nl")].endswith("k")
    # Dutch numbers: a decimal comma, never "80.2 %" (stress-test tab and weekday table included)
    assert re.fullmatch(r"\d+,\d %", labels[t("levers.m_surge_sl", "nl")]), labels[t("levers.m_surge_sl", "nl")]
    assert not [v for v in labels.values() if re.search(r"\d\.\d{1,2}( ?%| fte|$)", str(v))]
    weekdays = next(df.value for df in open_tab(at, TAB_KEY, tabs[0]).dataframe if "open_hours" in df.value.columns)
    assert all(re.fullmatch(r"\d+,\d u", v) for v in weekdays["open_hours"]), list(weekdays["open_hours"])
    assert all(re.fullmatch(r"[+-]\d+,\d\d fte", v) for v in weekdays["delta_fte"]), list(weekdays["delta_fte"])
    open_tab(at, TAB_KEY, tabs[1])
    at.slider(key="levers.mix_share").set_value(20)
    at = submit(at, "levers.mix_form")
    assert not at.exception
    spec = ScenarioSpec.from_dict(at.session_state["scenario.working_spec"])
    assert spec.surge is not None and spec.surge.home_agents == 12
    assert spec.shifts and spec.shifts[0].share == pytest.approx(0.2)


def test_fcr_with_longer_contacts_is_one_lever(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state[TAB_KEY] = t("levers.tab_fcr", "en")
    at.run()
    assert not at.exception
    today = at.slider(key="levers.fcr_base_phone").value
    at.slider(key="levers.fcr_goal_phone").set_value(min(today + 10, 100))
    at.slider(key="levers.fcr_aht_phone").set_value(15)
    at = submit(at, "levers.fcr_form")
    assert not at.exception
    lever = ScenarioSpec.from_dict(at.session_state["scenario.working_spec"]).fcr_for("phone")
    assert lever is not None and lever.aht_change == pytest.approx(0.15)
    assert lever.fcr == pytest.approx(min(today + 10, 100) / 100)
    assert at.slider(key="levers.fcr_aht_phone").value == 15, "the form shows the lever it applied"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_reload_brings_the_working_scenario_back_from_the_url(shared_demo_db: Path, lang: str) -> None:
    from kcc.scenarios import ChannelShift, FcrLever, hours_from_setting

    stored = store.read_settings(store.connect(str(shared_demo_db)))
    phone = next(h for h in hours_from_setting(stored["opening_hours"]) if h.channel == "phone")
    late = phone
    for day in range(5):
        late = late.with_day(day, phone.open_min[day], 22 * 60)
    spec = ScenarioSpec(opening_hours=(late,), fcr=(FcrLever("phone", 0.7, 0.8),),
                        shifts=(ChannelShift("phone", "self_service", 0.1, containment=0.6, failure_share=0.3),))
    # what a reload or a copied link opens: a new session with only the URL
    at = AppTest.from_file(PAGE, default_timeout=240)
    at.query_params.update({**spec.to_query(name="Late phone"), "lang": lang})
    at.run()
    assert not at.exception
    assert ScenarioSpec.from_dict(at.session_state["scenario.working_spec"]) == spec
    # the widgets show the scenario, not the baseline
    assert at.select_slider(key="levers.span_phone_0").value == (phone.open_min[0], 22 * 60)
    assert metric(at, t("levers.m_extra_hours", lang)) == ("+10,0" if lang == "nl" else "+10.0")
    texts = "\n".join(c.value for c in at.caption)
    assert "Late phone" in texts
    assert t("levers.own_effect", lang, lever=t("levers.lever_opening_hours", lang)) in texts
    assert t("levers.whole_and_interaction", lang, fte="", cost="", per_hour="", interaction="")[:30] in texts
    # every lever's own effect, the interaction and the whole scenario
    table = next(d.value for d in at.dataframe if "lever" in d.value.columns)
    assert list(table["lever"]) == [t(f"levers.lever_{k}", lang) for k in ("opening_hours", "channel_mix", "fcr")] + [
        t("levers.interaction", lang), t("levers.whole_scenario", lang)]
    assert open_tab(at, TAB_KEY, t("levers.tab_fcr", lang)).slider(key="levers.fcr_goal_phone").value == 80
    # the moved contacts: handled, back or lost customers, never silently gone
    open_tab(at, TAB_KEY, t("levers.tab_mix", lang))
    flows = next(d.value for d in at.dataframe if "lost_per_week" in d.value.columns)
    assert len(flows) == 1 and flows["lost_share"].iloc[0] == ("10,0 %" if lang == "nl" else "10.0 %")
    lost = metric(at, t("levers.m_lost_customers", lang))
    warning = "\n".join(w.value for w in at.warning)
    assert t("levers.lost_customers", lang, lost=lost, unit=t("levers.unit_contacts_week", lang),
             share="10,0 %" if lang == "nl" else "10.0 %") in warning
    # the URL keeps following the working scenario; back to the baseline leaves it clean
    assert at.query_params["scenario"] in (spec.to_query()["scenario"], [spec.to_query()["scenario"]])
    at = at.button(key="levers.reset").click().run()
    assert not at.exception
    assert "scenario" not in at.query_params and at.query_params.get("lang") in (lang, [lang])
