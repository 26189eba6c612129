"""The scenario pages plan from the same baseline as Overview and Staffing.

``kcc.ui.scenario_cache`` builds its baseline from the cached plan of ``kcc.ui.plan_cache``
(forecast demand, roster, settings), so the baseline scenario shows the plan's own numbers for
the same days: required and rostered FTE, service level and abandonment with the roster as it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

from kcc import plan, store
from kcc.i18n import t
from kcc.scenarios import ScenarioSpec
from kcc.ui import plan_cache, scenario_cache

#: Equal up to the order floating-point sums are taken in (the scenario staffs all channels
#: in one frame, the plan cache one channel at a time).
EXACT = 1e-12


def tr(key: str, **fields: object) -> str:
    return t(key, "en", **fields)


@pytest.fixture(scope="module")
def cached_plan(shared_demo_db: Path):  # noqa: ANN201 - a connection and the cached plan
    """The plan, computed once for the module: both tests only read the demo copy."""
    st.cache_data.clear()
    st.session_state.clear()
    con = store.connect(str(shared_demo_db))
    settings = plan_cache.current_settings(con)
    yield con, settings, plan_cache.get_plan(con, tr, settings)
    con.close()
    st.cache_data.clear()
    st.session_state.clear()


@pytest.fixture
def cached(cached_plan):  # noqa: ANN001, ANN201 - a connection and the cached plan
    st.session_state.clear()  # a test's period choice is its own
    yield cached_plan
    st.session_state.clear()


def test_baseline_scenario_reproduces_the_staffing_plan(cached) -> None:  # noqa: ANN001 - fixture
    con, settings, the_plan = cached
    base = scenario_cache.baseline(con, tr)
    assert base is not None and base.weeks == plan_cache.horizon_weeks() == 13
    result = scenario_cache.evaluate(con, base, ScenarioSpec())
    days = int(the_plan["ds"].dt.tz_localize(None).dt.normalize().nunique())
    assert (base.end - base.start).days + 1 == days == 91
    total = plan.total(the_plan)
    fte_hours = settings.contract_hours_per_week * days / 7.0
    assert result.fte == pytest.approx(total["required_agent_hours"] / fte_hours, rel=EXACT)
    assert result.fte_rostered == pytest.approx(total["rostered_agent_hours"] / fte_hours, rel=EXACT)
    assert result.service_level_roster == pytest.approx(total["service_level"], rel=EXACT)
    assert result.p_abandon_roster == pytest.approx(total["p_abandon"], rel=EXACT)
    # the scenario's demand is the plan's forecast, P50 and upper bound, interval by interval
    staffed = the_plan.sort_values(["channel", "ds"]).reset_index(drop=True)
    mine = result.plan.sort_values(["channel", "ds"]).reset_index(drop=True)
    assert (mine["volume"].to_numpy() == staffed["volume"].to_numpy()).all()
    assert (mine["volume_hi"].to_numpy() == staffed["volume_hi"].to_numpy()).all()
    assert (mine["required_scheduled"].to_numpy() == staffed["required_scheduled"].to_numpy()).all()
    # and the closed-hours demand is there: phone attempts after 20:00 on weekdays
    phone = base.demand[base.demand["channel"] == "phone"]
    local = phone["ds"].dt.tz_localize(None)
    evening = phone[(local.dt.hour >= 20) & (local.dt.hour < 22) & (local.dt.day_of_week < 5)]
    assert evening["closed_attempts"].sum() / base.weeks > 300


def test_one_week_period_is_the_overview_week(cached) -> None:  # noqa: ANN001 - fixture
    """Over the first week the live channels show the Overview's week exactly. Deferred work
    (e-mail, WhatsApp) is staffed within the chosen period, so its backlog at the period's end - and with
    it its requirement - differs from the 13-week plan's."""
    con, settings, the_plan = cached
    scenario_cache.set_period_weeks(1)
    base = scenario_cache.baseline(con, tr)
    assert base is not None and base.weeks == 1 and (base.end - base.start).days == 6
    result = scenario_cache.evaluate(con, base, ScenarioSpec())
    tiles = plan.overview_tiles(the_plan, settings).set_index(["period", "channel"])
    fte_hours = settings.contract_hours_per_week
    for channel in ("phone", "chat"):
        week = tiles.loc[("week", channel)]
        mine = plan.total(result.plan[result.plan["channel"] == channel])
        assert mine["required_agent_hours"] / fte_hours == pytest.approx(week["required_fte"], rel=EXACT)
        assert mine["rostered_agent_hours"] / fte_hours == pytest.approx(week["rostered_fte"], rel=EXACT)
        assert mine["service_level"] == pytest.approx(week["service_level"], rel=EXACT)
        assert mine["p_abandon"] == pytest.approx(week["p_abandon"], rel=EXACT)
    assert result.fte_rostered == pytest.approx(tiles.loc[("week", "all"), "rostered_fte"], rel=EXACT)
