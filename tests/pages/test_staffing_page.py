"""Staffing page as a user meets it (AppTest): plan, targets, budget, detail; English and Dutch."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from kcc.i18n import t
from kcc.ui.views.staffing import TAB_KEY
from tests.conftest import ROOT, assert_dates_day_first
from tests.pages.helpers import (
    decimal_field,
    every_tab,
    every_tab_of,
    metric_values,
    open_tab,
    page_texts,
    set_decimal,
)

PAGE = str(ROOT / "pages" / "staffing.py")
#: The element kinds this page's text checks read.
TEXT_KINDS = ("title", "subheader", "markdown", "caption", "info", "error", "success")


def page(tab: str = "tab_chart", lang: str = "en") -> AppTest:
    """The page in ``lang`` with ``tab`` open, run once."""
    at = AppTest.from_file(PAGE, default_timeout=300)
    at.session_state["lang"] = lang
    at.session_state[TAB_KEY] = t(f"staffing.{tab}", lang)
    return at.run()


def every_tab_text(at: AppTest, lang: str = "en") -> str:
    """The page's text with each tab open in turn."""
    return "\n".join(page_texts(shown, TEXT_KINDS)
                     for shown in every_tab_of(at, "staffing", lang))


def test_changing_a_target_changes_the_numbers(shared_demo_db: Path) -> None:
    at = page()
    assert not at.exception
    labels = [t(f"staffing.{tab}", "en") for tab in ("tab_chart", "tab_heatmap", "tab_kpis", "tab_budget")]
    charts, texts = 0, []
    for shown in every_tab(at, TAB_KEY, labels):
        charts += len(shown.get("plotly_chart"))
        texts.append(page_texts(shown, TEXT_KINDS))
    assert charts >= 4  # day/week, heat map, curve, KPIs, budget
    assert "Show the maths" in texts[1]
    open_tab(at, TAB_KEY, t("staffing.tab_targets", "en"))
    before = metric_values(at)
    assert float(before["Required FTE [FTE]"].replace(",", "")) > 0
    assert before["SL, roster as it is [%]"].endswith("%")
    assert "Understaffed [agent-hours]" in before
    # the demo's phone roster is short of what it needs: the difference is signed, red, pointing down
    rostered = next(m.proto for m in at.metric if m.label == "Rostered FTE [FTE]")
    assert re.fullmatch(r"-\d+\.\d FTE", rostered.delta), rostered.delta
    assert (rostered.color, rostered.direction) == (MetricProto.RED, MetricProto.DOWN)
    at.selectbox(key="staffing.channel").set_value("chat").run()  # rostered beyond its need: a plus, green
    rostered = next(m.proto for m in at.metric if m.label == "Rostered FTE [FTE]")
    assert re.fullmatch(r"\+\d+\.\d FTE", rostered.delta), rostered.delta
    assert (rostered.color, rostered.direction) == (MetricProto.GREEN, MetricProto.UP)
    at.selectbox(key="staffing.channel").set_value("phone").run()

    at.number_input(key="staffing.target_sl").set_value(95.0)
    at.button(key="staffing.targets_apply").click().run()
    assert not at.exception
    after = metric_values(at)
    assert after["Required FTE [FTE]"] != before["Required FTE [FTE]"]
    assert after["Understaffed [agent-hours]"] != before["Understaffed [agent-hours]"]
    # the roster is unchanged, so the service it delivers is too
    assert after["SL, roster as it is [%]"] == before["SL, roster as it is [%]"]
    assert at.session_state["plan.settings_json"]["targets"]["phone"]["target_service_level"] == 0.95

    at.number_input(key="staffing.shrinkage").set_value(40.0)
    at.button(key="staffing.targets_apply").click().run()
    assert not at.exception
    assert metric_values(at)["Required FTE [FTE]"] != after["Required FTE [FTE]"]


def test_email_response_time_and_budget_form(shared_demo_db: Path) -> None:
    at = page("tab_targets")
    at.selectbox(key="staffing.channel").set_value("email").run()
    assert not at.exception
    assert "deferred work" in page_texts(at, TEXT_KINDS)
    before = metric_values(at)["Required FTE [FTE]"]
    at.number_input(key="staffing.response_time_h").set_value(2.0)
    at.button(key="staffing.targets_apply").click().run()
    assert not at.exception
    assert metric_values(at)["Required FTE [FTE]"] != before

    open_tab(at, TAB_KEY, t("staffing.tab_budget", "en"))
    at.number_input(key="staffing.contract_hours").set_value(40.0)
    at.button(key="staffing.budget_apply").click().run()
    assert not at.exception
    assert at.session_state["plan.settings_json"]["contract_hours_per_week"] == 40.0


def test_email_start_backlog_shows_its_estimate_and_takes_an_override(shared_demo_db: Path) -> None:
    at = page("tab_targets")
    at.selectbox(key="staffing.channel").set_value("email").run()
    assert not at.exception
    text = page_texts(at, TEXT_KINDS)
    assert "Estimated start backlog: **" in text
    assert "arrived after the last working interval of the history" in text
    box = at.number_input(key="staffing.start_backlog_items")
    assert box.value is None  # empty: the plan uses the estimate
    before = metric_values(at)["Required FTE [FTE]"]
    box.set_value(5000.0)
    at.button(key="staffing.targets_apply").click().run()
    assert not at.exception
    assert at.session_state["plan.settings_json"]["targets"]["email"]["start_backlog_items"] == 5000.0
    assert metric_values(at)["Required FTE [FTE]"] != before

    nl = page("tab_targets", "nl")
    nl.selectbox(key="staffing.channel").set_value("email").run()
    assert not nl.exception
    text = page_texts(nl, TEXT_KINDS)
    assert "Geschatte werkvoorraad bij de start: **" in text
    assert "na het laatste werkinterval van de historie" in text
    assert_dates_day_first(text)


def test_chat_slow_down_and_history_sessions_change_the_chat_requirement(shared_demo_db: Path) -> None:
    at = page("tab_targets")
    at.selectbox(key="staffing.channel").set_value("chat").run()
    assert not at.exception
    penalty = at.number_input(key="staffing.penalty_pct")
    history = at.number_input(key="staffing.history_sessions")
    assert penalty.value == 25.0 and history.value == 1.0  # the defaults, shown as such
    assert "An assumption unless you measured it" in penalty.help
    assert "agent id and start and end times" in penalty.help
    text = page_texts(at, TEXT_KINDS)
    assert "slow-down per extra session" in text and "birth-death chain" in text
    before = metric_values(at)["Required FTE [FTE]"]

    penalty.set_value(60.0)
    at.button(key="staffing.targets_apply").click().run()
    assert not at.exception
    slower = metric_values(at)["Required FTE [FTE]"]
    assert float(slower.replace(",", "")) > float(before.replace(",", ""))
    chat = at.session_state["plan.settings_json"]["targets"]["chat"]
    assert chat["penalty_per_extra_session"] == 0.6 and chat["history_sessions"] == 1.0

    # the same history measured at 2 sessions: a lone session is shorter, fewer agents
    at.number_input(key="staffing.history_sessions").set_value(2.0)
    at.button(key="staffing.targets_apply").click().run()
    assert not at.exception
    assert float(metric_values(at)["Required FTE [FTE]"].replace(",", "")) < float(slower.replace(",", ""))
    assert at.session_state["plan.settings_json"]["targets"]["chat"]["history_sessions"] == 2.0


def test_chat_slow_down_inputs_in_dutch(shared_demo_db: Path) -> None:
    at = page("tab_targets", "nl")
    at.selectbox(key="staffing.channel").set_value("chat").run()
    assert not at.exception
    penalty = decimal_field(at, "staffing.penalty_pct")
    assert penalty.label == "Vertraging per extra sessie [%]"
    assert "Een aanname, tenzij je het gemeten hebt" in penalty.help
    assert decimal_field(at, "staffing.history_sessions").label == (
        "Sessies tegelijk toen de afhandeltijd in de historie gemeten werd [sessies]")
    assert "geboorte-sterfteketen" in page_texts(at, TEXT_KINDS)


def test_interval_detail_follows_the_picker(shared_demo_db: Path) -> None:
    at = page("tab_heatmap")
    at.selectbox(key="staffing.pick_weekday").set_value(0)
    at.selectbox(key="staffing.pick_time").set_value("10:00").run()
    assert not at.exception
    text = page_texts(at, TEXT_KINDS)
    assert "10:00" in text and "Erlang A" in text
    open_tab(at, TAB_KEY, t("staffing.tab_chart", "en"))
    at.radio(key="staffing.view").set_value("week").run()
    assert not at.exception


def test_staffing_page_in_dutch(shared_demo_db: Path) -> None:
    at = page(lang="nl")
    assert not at.exception
    text = every_tab_text(at, "nl")
    assert "Bezetting: prognose tegenover rooster" in text
    assert "[medewerkeruren]" in text and "[fte]" in text
    assert_dates_day_first(text)
    open_tab(at, TAB_KEY, t("staffing.tab_targets", "nl"))
    set_decimal(at, "staffing.target_sl", 90.0)
    at.button(key="staffing.targets_apply").click().run()
    assert not at.exception


def test_saving_the_shift_patterns_plans_with_them(demo_db: Path) -> None:
    at = page("tab_roster")
    assert at.radio(key="staffing.roster_source").value == "roster"
    before = metric_values(at)["Rostered FTE [FTE]"]
    at.button(key="staffing.shifts_save").click().run()
    assert not at.exception
    assert "shift patterns saved" in page_texts(at, TEXT_KINDS)
    at.run()
    assert at.radio(key="staffing.roster_source").value == "shifts"
    # the demo roster is the expansion of the demo shift patterns
    assert metric_values(at)["Rostered FTE [FTE]"] == before


def test_an_absurd_count_is_planned_and_flagged_approximate(demo_db: Path) -> None:
    # one count of 1e12 in a recent phone interval (issue 12): the page renders, fast, and
    # says in the reader's language that those intervals are beyond the exact range
    from kcc import store

    con = store.connect(str(demo_db))
    rows = store.read_intervals(con, channel="phone")
    local = rows["ds"]
    day = rows[(local.dt.hour == 10) & (local.dt.day_of_week < 5)].tail(1).copy()
    day["offered"] = 1e12
    store.replace_intervals(con, day, store.ImportRecord("absurd.csv", "intervals", "qa", 1))
    con.close()
    for lang, words in (("en", "their numbers are approximate"),
                        ("nl", "hun cijfers zijn benaderingen")):
        at = AppTest.from_file(PAGE, default_timeout=300)
        at.session_state["lang"] = lang
        at.run()
        assert not at.exception
        warnings = [w.value for w in at.warning]
        assert any(words in w and "100" in w for w in warnings), warnings


def test_day_chart_opens_on_the_first_open_day(shared_demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=300)
    at.session_state["plan.start_by_centre"] = {1: date(2026, 11, 22)}  # a Sunday: phone is closed
    at.run()
    assert not at.exception
    assert at.date_input(key="staffing.day").value == date(2026, 11, 23)
