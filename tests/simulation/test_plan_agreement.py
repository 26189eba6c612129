"""The plan's model and the plan check agree about the same plan, channel by channel: the
model's week figure lies within the simulation's confidence interval (seeded). WhatsApp's
earlier disagreement (Erlang C per interval: 59.7% against 65.1% simulated on the demo's first
week) is gone: the plan scores it with the queue carried across intervals. Each plan is
simulated once (cached)."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest

from kcc import plan
from kcc.queueing import queue_metrics
from kcc.simulation import SimulationSpec, simulate_plan
from tests.simulation.plans import START

INTERVAL_MIN = 15
#: Every channel open 08:00-20:00 every day.
OPEN_HOURS = {c: {str(d): ["08:00", "20:00"] for d in range(7)} for c in ("email", "whatsapp")}
# channel -> (items per quarter-hour, handle time [s], agents on the roster, targets)
CASES = {
    "phone": (15.0, 240.0, 6.0, {}),
    "chat": (8.0, 600.0, 5.0, {"concurrency": 2.0, "penalty_per_extra_session": 0.5}),
    "email": (5.8, 300.0, 2.0, {"response_time_h": 3.0}),
    "whatsapp": (7.0, 300.0, 3.0, {"target_service_level": 0.8, "response_time_h": 0.25}),
}
#: Runs per plan. [-]
SPEC = SimulationSpec(replications=10, seed=11)


def channel_plan(channel: str, agents: float | None = None, *, volume: np.ndarray | None = None,
                 **targets: float) -> tuple[pd.DataFrame, plan.PlanSettings]:
    """A week of one channel open 08:00-20:00 at a flat volume (or ``volume`` per interval of
    a day) and a flat roster of ``agents`` (default the case's)."""
    flat, aht_s, rostered, case_targets = CASES[channel]
    targets = {**case_targets, **targets}
    ds = pd.date_range(pd.Timestamp(START), periods=7 * 96, freq="15min", tz="Europe/Amsterdam")
    local = ds.tz_localize(None)
    hours = (local.hour >= 8) & (local.hour < 20)
    demand = pd.DataFrame({"channel": channel, "queue": "default", "ds": ds, "interval_min": INTERVAL_MIN,
                           "volume": np.where(hours, flat if volume is None else np.tile(volume, 7), 0.0),
                           "aht_s": aht_s})
    roster = pd.DataFrame({"channel": channel, "ds": ds, "interval_min": INTERVAL_MIN,
                           "agents": np.where(hours, rostered if agents is None else agents, 0.0)})
    settings = plan.PlanSettings(shrinkage=((channel, 0.0),))
    if targets:
        settings = settings.with_targets(channel, **targets)
    return plan.build_plan(demand, roster, settings, open_hours=OPEN_HOURS), settings


@cache
def _week(channel: str, agents: float | None = None, **kwargs: float) -> pd.Series:
    """The plan check's week of one channel's plan (simulated once per test session)."""
    the_plan, settings = channel_plan(channel, agents, **kwargs)
    return simulate_plan(the_plan, START, SPEC, settings=settings, open_hours=OPEN_HOURS).week.iloc[0]


@pytest.mark.parametrize("channel", list(CASES))
def test_the_model_lies_within_the_simulations_interval(channel: str) -> None:
    week = _week(channel)
    assert week["share_lo"] <= week["model_share"] <= week["share_hi"], week.to_dict()
    # and the check can fail: one agent fewer on the roster simulates below the plan's figure
    if channel != "email":  # a backlog with hours to spare absorbs an agent less for a while
        fewer = _week(channel, CASES[channel][2] - 1)
        assert fewer["share_hi"] < week["model_share"]


def test_the_plan_check_slows_chat_sessions_as_the_plan_does() -> None:
    slowed = _week("chat")
    full_speed = _week("chat", penalty_per_extra_session=0.0)
    # half a handle time more per extra session costs the 5 agents about a quarter of the
    # chats in time; the former full-speed slots would have read the plan as safe
    assert full_speed["model_share"] > 0.95
    assert slowed["share_hi"] < 0.8 < full_speed["share_lo"]
    assert slowed["share_lo"] <= slowed["model_share"] <= slowed["share_hi"]


def test_whatsapp_is_simulated_with_the_whole_agents_the_plan_scores() -> None:
    # 3.8 agents available answer as 3, in the plan (a fraction answers nothing) and now in the
    # check; the check used to give the fraction 80% speed, 16 of the 21 points it read above
    # the plan on the demo's first week
    whole, fraction = _week("whatsapp", 3.0), _week("whatsapp", 3.8)
    assert whole["model_share"] == fraction["model_share"]
    assert (whole["share"], whole["share_lo"]) == (fraction["share"], fraction["share_lo"])


def test_where_intervals_overload_the_carried_queue_agrees_with_the_simulation() -> None:
    """An hour above the agents' capacity: Erlang C per interval answers nobody in time there,
    but the queue that forms drains in the quieter hour after. The plan's carried queue lands
    inside the simulation's interval; Erlang C per interval read it several points low."""
    day = np.full(48, 6.0)
    day[8:12] = 11.0  # 3.7 Erlangs on 3 agents from 10:00 to 11:00
    day[12:16] = 3.0
    the_plan, settings = channel_plan("whatsapp", volume=np.r_[np.zeros(32), day, np.zeros(16)])
    week = simulate_plan(the_plan, START, SimulationSpec(replications=8, seed=11), settings=settings,
                         open_hours=OPEN_HOURS).week.iloc[0]
    assert week["share_lo"] <= week["model_share"] <= week["share_hi"], week.to_dict()
    rows = the_plan[the_plan["volume"] > 0]
    volume = rows["volume"].to_numpy()
    per_interval = queue_metrics(volume, 900.0, 300.0, np.floor(rows["available"].to_numpy()), 900.0)
    erlang_c = float((np.asarray(per_interval.service_level) * volume).sum() / volume.sum())
    assert erlang_c < week["share_lo"] - 0.02
