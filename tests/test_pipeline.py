"""The planning pipeline without Streamlit: store -> forecast -> demand -> roster -> plan.

The fast tier of the plan: ``kcc.pipeline`` on the demo centre, no AppTest. The golden run
(``tests/test_golden.py``) checks the 13-week numbers; these tests check the shape of a run,
the cache-key scheme the app's cache layer builds on, and the board summary's inputs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kcc import pipeline, plan, store
from kcc.scenarios import ScenarioSpec, SurgeTest, evaluate_scenario, infer_opening_hours
from tests.golden import compute

#: A short horizon keeps the module fast; the golden run covers the pages' 13 weeks. [weeks]
WEEKS = 4
CHANNELS = ["phone", "chat", "email", "whatsapp"]


@pytest.fixture(scope="module")
def run(shared_demo_db: Path) -> Iterator[pipeline.PlanRun]:
    con = store.connect(str(shared_demo_db))
    try:
        yield pipeline.run_plan(con, horizon_weeks=WEEKS)
    finally:
        con.close()


# --------------------------------------------------------------------------- a run


def test_the_plan_covers_every_channel_over_the_horizon(run: pipeline.PlanRun) -> None:
    the_plan = run.plan
    assert list(the_plan.columns) == list(plan.PLAN_COLUMNS)
    assert list(plan.channel_order(the_plan["channel"].unique())) == CHANNELS
    assert run.horizon is not None and not run.horizon.stale
    assert run.horizon.days == 7 * WEEKS
    # the plan starts the day after the history, quarter-hours, every interval once
    assert run.horizon.start == (run.history["ds"].max().tz_localize(None) + pd.Timedelta(days=1)).date()
    local = the_plan["ds"].dt.tz_localize(None)
    assert local.min().date() == run.horizon.start
    assert local.max().date() == run.horizon.end - pd.Timedelta(days=1)
    assert len(the_plan) == len(CHANNELS) * 7 * WEEKS * 96
    assert not the_plan.duplicated(["channel", "ds"]).any()
    assert (the_plan["interval_min"] == 15).all()
    # staffed and priced
    assert the_plan["required_scheduled"].sum() > 0 and the_plan["cost_required_eur"].sum() > 0


def test_the_plan_staffs_the_forecast_demand_and_the_stored_roster(run: pipeline.PlanRun) -> None:
    assert set(run.demand.columns) >= set(plan.DEMAND_COLUMNS)
    mine = run.plan.sort_values(["channel", "ds"]).reset_index(drop=True)
    demand = run.demand.sort_values(["channel", "ds"]).reset_index(drop=True)
    assert (mine["volume"].to_numpy() == demand["volume"].to_numpy()).all()
    assert set(run.roster.columns) >= set(pipeline.ROSTER_COLUMNS)
    assert run.roster["ds"].dt.tz_localize(None).dt.date.between(
        run.horizon.start, run.horizon.end).all()
    assert run.settings == plan.default_settings(run.stored, run.history)


def test_costs_only_reprice_the_plan(run: pipeline.PlanRun) -> None:
    """A cost edit keeps every channel's staffing slice (its cache key) and changes the cost
    alone; a target edit changes that channel's slice only."""
    dearer = run.settings.with_channel_values(cost_eur_per_hour={"phone": 99.0})
    asked: list[tuple[str, plan.PlanSettings]] = []

    def plan_channel(channel: str, staffing: plan.PlanSettings) -> pd.DataFrame:
        asked.append((channel, staffing))
        return run.plan[run.plan["channel"] == channel][list(plan.PLAN_COLUMNS)]

    repriced = pipeline.interval_plan(run.demand, dearer, plan_channel)
    assert [c for c, _ in asked] == CHANNELS
    assert all(s == pipeline.staffing_settings(run.settings, c) for c, s in asked)
    assert (repriced["required_scheduled"].to_numpy() == run.plan["required_scheduled"].to_numpy()).all()
    phone = run.plan["channel"] == "phone"
    assert repriced.loc[phone, "cost_required_eur"].sum() > run.plan.loc[phone, "cost_required_eur"].sum()
    assert (repriced.loc[~phone, "cost_required_eur"].to_numpy() == run.plan.loc[~phone, "cost_required_eur"].to_numpy()).all()

    stricter = run.settings.with_targets("phone", target_service_level=0.95)
    assert pipeline.staffing_settings(stricter, "phone") != pipeline.staffing_settings(run.settings, "phone")
    assert pipeline.staffing_settings(stricter, "email") == pipeline.staffing_settings(run.settings, "email")
    assert pipeline.staffing_settings(dearer) == pipeline.staffing_settings(run.settings)
    assert pipeline.staffing_settings(stricter) != pipeline.staffing_settings(run.settings)


def test_the_scenario_baseline_is_the_plans_first_weeks(run: pipeline.PlanRun) -> None:
    base = pipeline.scenario_baseline(run.demand, run.roster, run.history, run.stored, 1, key="k")
    assert base is not None and base.key == ("k", 1) and base.weeks == 1
    assert (base.end - base.start).days == 6 and base.start == run.horizon.start
    assert len(base.demand) == len(CHANNELS) * 7 * 96
    assert base.demand["closed_attempts"].sum() > 0  # phone attempts after closing time
    assert base.roster["ds"].dt.tz_localize(None).dt.date.between(base.start, base.end).all()
    assert {h.channel for h in base.opening_hours} >= {"phone", "chat"}



def test_a_centre_without_stored_hours_is_open_when_its_history_was(run: pipeline.PlanRun) -> None:
    """A new centre stores no opening hours: the baseline names those its demand shows (so the
    Opening hours lever has hours to extend), and the numbers are those of the inferred hours
    the scenarios used before."""
    stored = {k: v for k, v in run.stored.items() if k != "opening_hours"}
    base = pipeline.scenario_baseline(run.demand, run.roster, run.history, stored, 1)
    assert base is not None
    assert base.opening_hours == infer_opening_hours(base.demand)
    phone = next(h for h in base.opening_hours if h.channel == "phone")
    assert not phone.is_closed(0) and phone.close_min[0] > phone.open_min[0]
    spec = ScenarioSpec().with_hours(dataclasses.replace(phone, close_min=(24 * 60,) * 7))
    named = pipeline.evaluate(base, run.settings, spec)
    inferred = evaluate_scenario(base.demand, base.roster, run.settings, spec, opening_hours=None,
                                 working_hours=base.working_hours)
    assert named.fte == inferred.fte and named.cost_eur_per_month == inferred.cost_eur_per_month
    assert named.extra_open_hours_per_week > 0


# --------------------------------------------------------------------------- cache keys


def test_a_write_bumps_the_data_version_and_the_key(demo_con: duckdb.DuckDBPyConnection) -> None:
    before = pipeline.data_key(demo_con)
    assert before == pipeline.data_key(demo_con), "reading leaves the key alone"
    assert isinstance(hash(before), int)
    plan_before = pipeline.plan_key(before, store.read_settings(demo_con), WEEKS)

    store.write_setting(demo_con, "country", "BE")
    after = pipeline.data_key(demo_con)
    assert after.data_version > before.data_version
    assert after != before
    # a settings write leaves the forecasts' key (volumes and events) as it was
    assert after.volumes_only() == before.volumes_only()
    plan_after = pipeline.plan_key(after, store.read_settings(demo_con), WEEKS)
    assert plan_after != plan_before and plan_after.country == "BE" and plan_before.country == "NL"

    events = store.read_events(demo_con)
    store.replace_events(demo_con, events.drop(columns=["event_id"]).iloc[1:])
    assert pipeline.data_key(demo_con).volumes_only() != after.volumes_only()


def test_the_plan_key_names_horizon_and_roster_source() -> None:
    data = pipeline.DataKey("kcc.duckdb", "Europe/Amsterdam", 3, ("1",))
    key = pipeline.plan_key(data, {}, 13)
    assert key.horizon_days == 91 and key.country == "NL" and key.roster_source == "roster"
    assert pipeline.plan_key(data, {}, 4) != key
    assert pipeline.plan_key(data, {}, 13, "shifts") != key
    assert pipeline.plan_key(data, {"country": ""}, 13).country is None
    with pytest.raises(ValueError, match="horizon_weeks must be at least 1, got 0"):
        pipeline.plan_key(data, {}, 0)
    with pytest.raises(ValueError, match=r"roster_source must be one of \('roster', 'shifts'\), got 'paper'"):
        pipeline.plan_key(data, {}, 13, "paper")


# --------------------------------------------------------------------------- empty store


def test_an_empty_store_plans_nothing(mem_con: duckdb.DuckDBPyConnection) -> None:
    empty = pipeline.run_plan(mem_con)
    assert empty.horizon is None and empty.plan.empty and empty.demand.empty
    assert list(empty.plan.columns) == list(plan.PLAN_COLUMNS)
    assert pipeline.scenario_baseline(empty.demand, empty.roster, empty.history, empty.stored, 1) is None


# --------------------------------------------------------------------------- board summary


def test_the_summarys_stress_test_defaults_to_the_export_pages() -> None:
    assert pipeline.stress_test(50, 4, 10) == pipeline.DEFAULT_STRESS == compute.EXPORT_SURGE
    plain = ScenarioSpec()
    assert pipeline.summary_spec(plain).surge == pipeline.DEFAULT_STRESS
    own = ScenarioSpec(surge=SurgeTest(channel="phone", uplift=0.8, duration_min=120))
    assert pipeline.summary_spec(own, pipeline.stress_test(10, 1, 0)) == own
    assert pipeline.summary_spec(plain, pipeline.stress_test(25, 2, 3)).surge == SurgeTest(
        uplift=0.25, duration_min=120, home_agents=3)


# --------------------------------------------------------------------------- the board's story


def test_the_demo_summary_says_the_rosters_shape_does_not_match_demand_and_where(run: pipeline.PlanRun) -> None:
    """The demo's known case: more FTE rostered than required, yet phone misses its target.
    The findings say why (the roster's shape), and where: Monday, the 09:00-11:00 peak; the
    executive summary's figures are the app's own (``ScenarioResult``, as Levers and Scenarios
    show them)."""
    from kcc import report
    from kcc.i18n import t

    found = plan.plan_findings(run.plan, run.settings)
    shape, day, peak = found.misses
    assert (shape.kind, shape.channel, shape.other) == ("shape_mismatch", "phone", "chat")
    assert shape.number("rostered_fte") > shape.number("required_fte")
    assert shape.number("achieved") < shape.number("target") == 0.8
    assert (day.kind, day.channel, int(day.number("weekday"))) == ("short_day", "phone", 0)
    assert day.number("share") > 0.4  # Monday takes the largest share of phone's missed calls
    assert (peak.kind, int(peak.number("start_h")), int(peak.number("end_h"))) == ("short_peak", 9, 11)
    base = pipeline.scenario_baseline(run.demand, run.roster, run.history, run.stored, WEEKS)
    assert base is not None
    result = pipeline.evaluate(base, run.settings, pipeline.summary_spec(ScenarioSpec()), "Plan as it is")
    for lang, words in (("en", "the roster's shape does not match the demand"),
                        ("nl", "de vorm van het rooster past niet bij de vraag")):
        summary = pipeline.board_summary(base, result, result, run.settings, language=lang)
        sections = {s.key: s for s in report.layout(summary)}
        assert any(words in fact for fact in sections["findings"].facts)
        assert any(words in fact for fact in sections["summary"].facts)
        assert any(t("common.weekday_0", lang) in fact for fact in sections["findings"].facts)
        (figures,) = sections["summary"].tables
        cells = {row[0]: row[1:] for row in figures.rows}
        assert cells[t("report.kf_fte", lang)][1] == report.fmt_number(result.fte, 1, lang)
        assert cells[t("report.kf_rostered", lang)][1] == report.fmt_number(result.fte_rostered, 1, lang)
        assert cells[t("report.kf_cost", lang)][1] == report.fmt_number(result.cost_eur_per_month, 0, lang)
        assert cells[t("report.kf_in_time_roster", lang)][1] == report.fmt_number(
            100 * result.service_level_roster, 1, lang)
        assert cells[t("report.kf_reach", lang)][1] == report.fmt_number(100 * result.reachability, 1, lang)
        assert report.fmt_eur(result.cost_eur_per_month, lang) in " ".join(sections["summary"].facts)


def test_the_pages_data_key_is_the_pipelines_and_follows_every_write(
        demo_con: duckdb.DuckDBPyConnection, demo_db: Path) -> None:
    # the pages keep a data key per data version (kcc.ui.plan_cache.data_key), so the volume
    # fingerprint is read once a write; it must stay the key the pipeline computes now
    from kcc.ui import plan_cache

    assert plan_cache.data_key(demo_con) == pipeline.data_key(demo_con)
    assert plan_cache.data_key(demo_con) is plan_cache.data_key(demo_con)  # kept, not read again
    before = plan_cache.data_key(demo_con)
    store.write_setting(demo_con, "country", "BE")
    assert plan_cache.data_key(demo_con) == pipeline.data_key(demo_con) != before
    events = store.read_events(demo_con)
    store.replace_events(demo_con, events.drop(columns=["event_id"]).iloc[1:])
    after_events = plan_cache.data_key(demo_con)
    assert after_events == pipeline.data_key(demo_con)
    assert after_events.volumes_only() != before.volumes_only()
