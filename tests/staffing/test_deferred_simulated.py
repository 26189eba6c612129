"""Deferred work as planned, checked by a seeded simpy simulation (``deferred_sim``): e-mail
(90% within 8 open hours) and WhatsApp (80% within 15 open minutes) on three weeks of 15-minute
demand with closed nights and Sundays."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcc.staffing import DeferredSpec, deferred_staffing
from kcc.staffing.deferred import DeferredError
from tests.staffing.deferred_sim import INTERVAL_MIN, level_plan, realistic_demand, simulate

#: Seeds per plan, as the issue's test asks: on target on average, and within 2 points in at
#: least 18 of the 20. Over 20 seeds one seed's on-time share had a standard deviation of 0.02
#: points (e-mail) and 1.1 points (WhatsApp) around 99.96% and 86.7% (level plans: 99.81%,
#: 82.3%); the mean of 20 has a standard error of 0.25 points, so a plan whose true share is a
#: point under its target fails the mean with 99.997% probability.
SEEDS = 20
#: Seeds that may fall more than 2 points short.
SHORT_SEEDS_ALLOWED = 2
HORIZON = 21 * 1440 // INTERVAL_MIN
# (channel, handle time [s], share, open hours, items per day, pick-up counts, level factor
# of the cheapest simple per-day level plan found to pass, on a 0.05 grid)
CASES = [
    ("email", 360.0, 0.9, 8.0, 800.0, False, 1.0),
    ("whatsapp", 300.0, 0.8, 0.25, 600.0, True, 2.8),
]


def _passes(shares: list[float], target: float) -> bool:
    """On target on average, and at most ``SHORT_SEEDS_ALLOWED`` seeds more than 2 points short."""
    short = sum(share < target - 0.02 for share in shares)
    return float(np.mean(shares)) >= target and short <= SHORT_SEEDS_ALLOWED


def _plan(demand, spec: DeferredSpec) -> np.ndarray:
    work = pd.DataFrame({"ds": demand.ds[:HORIZON], "arrivals": demand.expected[:HORIZON],
                         "open": demand.open[:HORIZON]})
    plan = deferred_staffing(work, spec, INTERVAL_MIN)
    agents = np.concatenate([plan.intervals["agents"].to_numpy(),
                             plan.extension["agents"].to_numpy()])
    out = np.zeros(demand.expected.size)
    out[: min(agents.size, out.size)] = agents[: out.size]
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("channel", "handle_s", "share", "hours", "per_day", "pickup", "factor"), CASES,
                         ids=[c[0] for c in CASES])
def test_plan_meets_its_target_in_simulation_with_level_like_hours(
        channel: str, handle_s: float, share: float, hours: float, per_day: float, pickup: bool,
        factor: float) -> None:
    demand = realistic_demand(4, per_day)
    agents = _plan(demand, DeferredSpec(handle_s, share, hours))
    shares = [simulate(demand, agents, handle_s, hours, HORIZON, s, on_pickup=pickup) for s in range(SEEDS)]
    assert _passes(shares, share), (channel, np.mean(shares), sorted(shares)[:3])
    level = level_plan(demand, handle_s, factor, demand.expected.size)
    level_shares = [simulate(demand, level, handle_s, hours, HORIZON, s, on_pickup=pickup)
                    for s in range(SEEDS)]
    assert _passes(level_shares, share)
    ours_h, level_h = agents[:HORIZON].sum(), level[:HORIZON].sum()
    assert ours_h <= 1.15 * level_h, (ours_h, level_h)
    assert agents[:HORIZON].max() <= 1.5 * level[:HORIZON].max()


def test_the_last_days_are_staffed_like_the_weeks_before() -> None:
    demand = realistic_demand(4, 800.0)
    work = pd.DataFrame({"ds": demand.ds[:HORIZON], "arrivals": demand.expected[:HORIZON],
                         "open": demand.open[:HORIZON]})
    agents = deferred_staffing(work, DeferredSpec(360.0, 0.9, 8.0), INTERVAL_MIN).intervals["agents"]
    per_week = agents.to_numpy().reshape(3, -1).sum(axis=1)
    assert per_week[2] >= 0.85 * per_week[1]


def test_a_start_backlog_is_staffed_on_the_first_day() -> None:
    demand = realistic_demand(1, 800.0)
    work = pd.DataFrame({"ds": demand.ds, "arrivals": demand.expected, "open": demand.open})
    empty = deferred_staffing(work, DeferredSpec(360.0, 0.9, 8.0), INTERVAL_MIN).intervals
    held = deferred_staffing(work, DeferredSpec(360.0, 0.9, 8.0, start_backlog_items=400),
                             INTERVAL_MIN).intervals
    first_day = slice(0, 96)
    assert held["agents"][first_day].sum() > empty["agents"][first_day].sum()


def test_short_targets_are_queues_and_closed_time_gets_nobody() -> None:
    demand = realistic_demand(1, 600.0)
    work = pd.DataFrame({"ds": demand.ds, "arrivals": demand.expected, "open": demand.open})
    plan = deferred_staffing(work, DeferredSpec(300.0, 0.8, 0.25), INTERVAL_MIN)
    assert plan.mode == "queue"
    assert (plan.intervals.loc[~demand.open, "agents"] == 0).all()
    assert deferred_staffing(work, DeferredSpec(360.0, 0.9, 8.0), INTERVAL_MIN).mode == "backlog"


def test_a_target_longer_than_the_horizon_is_named_in_both_languages() -> None:
    demand = realistic_demand(1, 100.0)
    work = pd.DataFrame({"ds": demand.ds, "arrivals": demand.expected, "open": demand.open})
    with pytest.raises(DeferredError) as caught:
        deferred_staffing(work, DeferredSpec(360.0, 0.9, 200.0), INTERVAL_MIN)
    assert caught.value.message("en").startswith("Response time [working hours] (200 h) is longer than all open time")
    assert caught.value.message("nl").startswith("Reactietijd [werkuren] (200 u) is langer dan alle openingstijd van de geplande periode")


def test_a_negative_start_backlog_names_the_field() -> None:
    with pytest.raises(ValueError, match="start_backlog_items"):
        DeferredSpec(start_backlog_items=-1)
