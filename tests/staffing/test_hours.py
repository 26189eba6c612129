"""Honest hours: shrinkage grosses up the requirement's hours, rounding only gives head counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcc import plan, staffing
from kcc.checks import FieldError
from kcc.plan import ChannelTargets, PlanSettings

TZ = "Europe/Amsterdam"


def _demand(calls: np.ndarray, channel: str = "phone", start: str = "2026-11-16 08:00") -> pd.DataFrame:
    ds = pd.date_range(pd.Timestamp(start, tz=TZ), periods=len(calls), freq="15min")
    return pd.DataFrame({"channel": channel, "queue": "default", "ds": ds, "interval_min": 15,
                         "volume": calls, "volume_hi": calls * 1.2, "aht_s": 240.0})


def test_paid_agents_are_not_rounded_and_the_head_count_is() -> None:
    assert staffing.paid_agents(14.0, 0.3) == 14.0 / 0.7
    assert staffing.head_count(14.0 / 0.7) == 20  # 20.000000000000004 is 20 people
    assert staffing.scheduled_agents([14.0, 15.0], 0.3).tolist() == [20, 22]
    assert staffing.head_count(np.array([0.0, 0.2, 3.0])).tolist() == [0, 1, 3]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 400), min_size=1, max_size=50), st.floats(0.0, 0.6))
def test_paid_hours_never_exceed_the_head_count_hours_by_rounding(agents: list[int], shrink: float) -> None:
    n = np.asarray(agents, dtype=float)
    paid = staffing.agent_hours(staffing.paid_agents(n, shrink), 15.0)
    whole = staffing.agent_hours(staffing.scheduled_agents(n, shrink).astype(float), 15.0)
    assert (paid <= whole + 1e-9).all()
    assert (whole - paid < 0.25 + 1e-9).all()  # less than one person per quarter-hour


@pytest.mark.parametrize("shrink", [0.0, 0.22, 0.3])
def test_plan_hours_are_the_requirement_grossed_up_for_shrinkage(shrink: float) -> None:
    rng = np.random.default_rng(7)
    demand = _demand(rng.uniform(0.0, 80.0, 96))
    settings_ = PlanSettings(shrinkage={"phone": shrink})
    the_plan = plan.build_plan(demand, None, settings_)
    required = the_plan["required"].to_numpy(float)
    # per interval exactly n / (1 - s), with no rounding
    assert (the_plan["required_scheduled"].to_numpy(float) == required / (1.0 - shrink)).all()
    # and the hours identity: sum(n / (1 - s)) x 0.25 h
    expected_h = float((required / (1.0 - shrink)).sum() * 0.25)
    assert plan.total(the_plan)["required_agent_hours"] == pytest.approx(expected_h, rel=1e-12)
    daily = plan.summarise(the_plan, "D")
    assert daily["required_agent_hours"].sum() == pytest.approx(expected_h, rel=1e-12)
    cost = the_plan["cost_required_eur"].sum()
    assert cost == pytest.approx(expected_h * settings_.cost_for("phone"), rel=1e-12)
    if shrink > 0:  # the old per-interval ceil(n / (1 - s)) was more
        ceil_h = staffing.scheduled_agents(required, shrink).sum() * 0.25
        assert ceil_h > expected_h


def test_minimum_staffing_holds_in_open_intervals_only() -> None:
    calls = np.array([0.0, 0.3, 40.0, 0.2, 0.0, 0.0])
    demand = _demand(calls)
    hours = {"phone": {str(d): ["08:00", "09:00"] for d in range(7)}}  # 08:00-09:00 open
    settings_ = PlanSettings(targets={"phone": ChannelTargets(0.8, 20.0)}, shrinkage={"phone": 0.25},
                             min_agents={"phone": 2})
    with_min = plan.build_plan(demand, None, settings_, open_hours=hours)
    without = plan.build_plan(demand, None, PlanSettings(targets={"phone": ChannelTargets(0.8, 20.0)},
                                                         shrinkage={"phone": 0.25}), open_hours=hours)
    req, base = with_min["required"].to_numpy(), without["required"].to_numpy()
    assert req[:4].tolist() == [max(2.0, b) for b in base[:4]]  # open: at least 2
    assert req[4:].tolist() == base[4:].tolist() == [0.0, 0.0]  # closed after 09:00: untouched
    assert (with_min["required_p90"] >= with_min["required"]).all()
    assert with_min["required_scheduled"].iloc[0] == 2 / 0.75


def test_negative_minimum_staffing_is_refused_naming_the_field() -> None:
    with pytest.raises(FieldError) as caught:
        PlanSettings(min_agents={"phone": -1})
    assert caught.value.message("en") == "min_agents['phone'] must be between 0 and 1000 agents, got -1"
    assert caught.value.message("nl") == "min_agents['phone'] moet tussen 0 en 1000 medewerkers liggen, niet -1"


def test_minimum_staffing_survives_json_and_the_channel_slice() -> None:
    from kcc import pipeline

    settings_ = PlanSettings(min_agents={"chat": 1.0, "phone": 0})
    assert settings_.min_agents == (("chat", 1.0),)  # a zero is no minimum
    assert plan.settings_from_json(settings_.to_json()) == settings_
    assert pipeline.staffing_settings(settings_, "chat").min_agents_for("chat") == 1.0
