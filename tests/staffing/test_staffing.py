"""Staffing layer: shrinkage, FTE, cost, reverse mode, patience, chat, deferred work."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcc.queueing import queue_metrics
from kcc.staffing import (
    ChatSpec,
    DeferredSpec,
    StaffingSpec,
    agent_hours,
    aggregate_kpis,
    chat_agents_queueing,
    chat_agents_workload,
    deferred_staffing,
    estimate_patience,
    estimate_patience_from_contacts,
    fte,
    labour_cost_eur,
    roster_kpis,
    scheduled_agents,
    staffing_plan,
    weeks_of,
)

TZ = "Europe/Amsterdam"


def quarter_hours(start: str, periods: int) -> pd.Series:
    return pd.Series(pd.date_range(start, periods=periods, freq="15min", tz=TZ))


def test_pyworkforce_scheduled_with_shrinkage() -> None:
    # 100 calls / 30 min, AHT 180 s, 80/20: 14 raw -> 20 scheduled (30% shrinkage, 85% cap);
    # a 70% cap gives 15 raw -> 22 scheduled
    vol = pd.DataFrame({"ds": [pd.Timestamp("2024-03-04 09:00", tz=TZ)], "offered": [100.0]})
    for cap, raw, sched in ((0.85, 14, 20), (0.7, 15, 22)):
        spec = StaffingSpec(
            interval_min=30,
            aht_s=180,
            answer_time_s=20,
            target_service_level=0.8,
            max_occupancy=cap,
            shrinkage=0.3,
            cost_eur_per_hour=40.0,
        )
        plan = staffing_plan(vol, spec)
        assert plan["agents_required"].iloc[0] == raw
        assert plan["agents_scheduled"].iloc[0] == sched
        # the head count is rounded, the paid hours are not: raw / (1 - 0.3) x 0.5 h
        assert plan["fte_hours"].iloc[0] == pytest.approx(raw / 0.7 * 0.5, rel=1e-12)
        assert plan["cost_eur"].iloc[0] == pytest.approx(raw / 0.7 * 0.5 * 40.0, rel=1e-12)
        assert plan["occupancy"].iloc[0] == pytest.approx(10.0 / raw)


# --------------------------------------------------------------------------- hours, FTE, cost


def test_agent_hours_fte_and_cost_known_values() -> None:
    # 20 agents for a quarter-hour are 5 agent hours; 18 for half an hour are 9
    assert agent_hours(np.array([20.0, 18.0]), np.array([15.0, 30.0])).tolist() == [5.0, 9.0]
    # a 36-hour contract: 468 agent hours over 13 weeks is one FTE, 3360 h in a week 93.3 FTE
    assert fte(468.0, 36.0, 13.0) == 1.0
    assert fte(3360.0, 36.0, weeks_of(7.0)) == pytest.approx(93.333333, abs=1e-6)
    # a 31-day month counts its own days: 31 days x 36 h / 7 = 159.43 paid hours per FTE
    assert weeks_of(31.0) == pytest.approx(4.428571, abs=1e-6)
    assert fte(159.42857142857142, 36.0, weeks_of(31.0)) == pytest.approx(1.0, rel=1e-15)
    # cost: 3360 h at 40 EUR/h; short hours bought as flex at a 25 % premium
    assert labour_cost_eur(3360.0, 40.0) == 134_400.0
    assert labour_cost_eur(336.0, 40.0, 0.25) == 16_800.0


def test_hours_fte_and_cost_keep_series_and_arrays() -> None:
    agents = pd.Series([4.0, 0.0, 2.5], index=["a", "b", "c"])
    hours = agent_hours(agents, 15.0)
    assert isinstance(hours, pd.Series) and hours.tolist() == [1.0, 0.0, 0.625]
    weeks = np.array([1.0, 2.0, np.nan])
    assert np.array_equal(fte(np.array([36.0, 36.0, 36.0]), 36.0, weeks), [1.0, 0.5, np.nan], equal_nan=True)
    rates = pd.Series([38.0, 35.0, 0.0], index=["a", "b", "c"])
    assert labour_cost_eur(hours, rates).tolist() == [38.0, 0.0, 0.0]


@given(hours=st.floats(0.0, 1e6), contract=st.floats(1.0, 60.0), days=st.integers(1, 400))
def test_fte_is_hours_over_paid_hours(hours: float, contract: float, days: int) -> None:
    # metamorphic: twice the hours is twice the FTE; a longer contract is fewer FTE; the FTE
    # times the paid hours of one FTE gives the hours back
    weeks = weeks_of(float(days))
    one = fte(hours, contract, weeks)
    assert fte(2.0 * hours, contract, weeks) == pytest.approx(2.0 * one, rel=1e-12)
    assert fte(hours, contract * 1.5, weeks) <= one
    assert one * contract * days / 7.0 == pytest.approx(hours, rel=1e-12, abs=1e-9)


def test_flex_premium_prices_bought_hours_only() -> None:
    own = labour_cost_eur(np.array([10.0, 0.0]), 38.0)
    assert own.tolist() == [380.0, 0.0]
    assert labour_cost_eur(np.array([10.0, 0.0]), 38.0, 0.5).tolist() == [570.0, 0.0]
    # no premium multiplies nothing: the cost is exactly hours x rate
    assert labour_cost_eur(0.1, 0.7, 0.0) == 0.1 * 0.7


def test_scheduled_agents_guards_rounding() -> None:
    assert scheduled_agents([14, 0, 1], 0.3).tolist() == [20, 0, 2]
    with pytest.raises(ValueError, match=r"shrinkage must be in \[0, 1\)"):
        scheduled_agents(5, 1.0)


def test_spec_validation_names_field_and_range() -> None:
    with pytest.raises(ValueError, match=r"target_service_level must be in \(0, 1\), got 80"):
        StaffingSpec(target_service_level=80)
    with pytest.raises(ValueError, match=r"aht_s must be in \(0, 86400\]"):
        StaffingSpec(aht_s=0)
    with pytest.raises(ValueError, match="give at least one target"):
        StaffingSpec(target_service_level=None, max_occupancy=None)
    with pytest.raises(ValueError, match=r"concurrency must be in \[1, 10\]"):
        ChatSpec(concurrency=0.5)
    with pytest.raises(ValueError, match=r"target_share must be in \(0, 1\]"):
        DeferredSpec(target_share=0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        StaffingSpec().aht_s = 1.0  # type: ignore[misc]


def test_reverse_mode_matches_queue_metrics() -> None:
    ds = quarter_hours("2024-03-04 08:00", 4)
    roster = pd.DataFrame(
        {"ds": ds, "offered": [50.0, 80.0, 0.0, 120.0], "agents": [30, 40, 2, 10]}
    )
    spec = StaffingSpec(aht_s=300, shrinkage=0.25)
    k = roster_kpis(roster, spec)
    assert k["agents_available"].tolist() == [22, 30, 1, 7]
    m = queue_metrics([50.0, 80.0, 0.0, 120.0], 900, 300, [22, 30, 1, 7], 20)
    assert np.allclose(k["service_level"], m.service_level)
    assert k["feasible"].tolist() == [True, True, True, False]


def test_aggregation_is_volume_weighted_and_by_local_date() -> None:
    # 2024-03-31 is a DST day in Amsterdam: 92 quarter-hours on that local date
    ds = quarter_hours("2024-03-30 00:00", 96 + 92 + 96)
    calls = np.where(np.arange(ds.size) % 2 == 0, 100.0, 1.0)
    frame = pd.DataFrame(
        {
            "ds": ds,
            "calls": calls,
            "answered": calls,
            "agents_available": 10.0,
            "service_level": np.where(calls > 50, 0.9, 0.1),
            "asa_s": np.where(calls > 50, 10.0, 100.0),
            "p_abandon": 0.0,
            "occupancy": 0.5,
        }
    )
    day = aggregate_kpis(frame, "day")
    assert day["intervals"].tolist() == [96, 92, 96]
    expected_sl = (0.9 * 100 + 0.1 * 1) / 101
    assert day["service_level"].to_numpy() == pytest.approx([expected_sl] * 3)
    assert day["asa_s"].to_numpy() == pytest.approx([(10 * 100 + 100) / 101] * 3)
    week = aggregate_kpis(frame, "week")
    assert [str(p) for p in week["period"]] == ["2024-03-25", "2024-04-01"]
    with pytest.raises(ValueError, match="freq must be 'day' or 'week'"):
        aggregate_kpis(frame, "month")


def test_patience_estimate_from_intervals_and_contacts() -> None:
    intervals = pd.DataFrame({"wait_s_total": [600.0, np.nan, 400.0], "abandoned": [2.0, 5.0, 3.0]})
    est = estimate_patience(intervals)
    assert est.patience_s == pytest.approx(200.0)
    assert (est.wait_s_total, est.abandoned, est.rows_used, est.source) == (
        1000.0,
        5.0,
        2,
        "intervals",
    )
    contacts = pd.DataFrame(
        {"wait_s": [30.0, 0.0, 90.0, 60.0], "abandoned": [False, False, True, True]}
    )
    assert estimate_patience_from_contacts(contacts).patience_s == pytest.approx(90.0)
    assert np.isnan(
        estimate_patience(pd.DataFrame({"wait_s_total": [5.0], "abandoned": [0.0]})).patience_s
    )


def test_patience_estimator_recovers_simulated_mean() -> None:
    # exponential patience 120 s, waits censored by an answer after an exponential time
    rng = np.random.default_rng(5)
    patience = rng.exponential(120.0, 200_000)
    answer_after = rng.exponential(60.0, 200_000)
    contacts = pd.DataFrame(
        {"wait_s": np.minimum(patience, answer_after), "abandoned": patience < answer_after}
    )
    assert estimate_patience_from_contacts(contacts).patience_s == pytest.approx(120.0, rel=0.02)


def test_chat_workload_published_example() -> None:
    spec = ChatSpec(handle_time_s=1200, concurrency=2.5, productivity=0.75)
    assert float(chat_agents_workload(60, 1800, spec)) == pytest.approx(21.33, abs=0.005)
    slower = ChatSpec(
        handle_time_s=1200, concurrency=2.5, productivity=0.75, penalty_per_extra_session=0.1
    )
    assert float(chat_agents_workload(60, 1800, slower)) == pytest.approx(21.333 * 1.15, rel=1e-3)


def test_chat_queueing_mode_meets_response_target() -> None:
    spec = ChatSpec(handle_time_s=1200, concurrency=2.5, productivity=0.75)
    agents = int(chat_agents_queueing(60, 1800, spec, response_time_s=60, target_share=0.8))
    assert agents >= 22  # queueing needs more than the pure workload of 21.3
    slots_available = int(np.floor(agents * 2.5 * 0.75))
    m = queue_metrics(60, 1800, 1200, slots_available, 60)
    assert float(m.service_level) >= 0.8


def _deferred_week() -> pd.DataFrame:
    ds = quarter_hours("2024-03-04 00:00", 96 * 7)
    local = ds.dt.hour + ds.dt.minute / 60
    weekday = ds.dt.day_of_week
    open_ = ((local >= 8) & (local < 18) & (weekday < 5)).to_numpy()
    rng = np.random.default_rng(2)
    arrivals = rng.poisson(np.where((local >= 7) & (local < 22), 6.0, 1.0)).astype(float)
    return pd.DataFrame({"ds": ds, "arrivals": arrivals, "open": open_})


def test_deferred_meets_target_with_fewest_agents_and_only_in_open_hours() -> None:
    work = _deferred_week()
    spec = DeferredSpec(handle_time_s=360, target_share=0.9, target_open_hours=8)
    plan = deferred_staffing(work, spec, interval_min=15)
    frame = plan.intervals
    assert plan.achieved_share >= 0.9
    assert (frame.loc[~frame["open"], "agents"] == 0).all()
    assert (frame["backlog_end"] >= -1e-9).all()
    # the backlog carries over the night and the weekend
    assert frame.loc[frame["ds"].dt.hour == 7, "backlog_end"].max() > 0


def test_deferred_tighter_target_needs_more_work() -> None:
    work = _deferred_week()
    loose = deferred_staffing(work, DeferredSpec(target_share=0.8, target_open_hours=8), 15)
    tight = deferred_staffing(work, DeferredSpec(target_share=0.99, target_open_hours=2), 15)
    assert tight.intervals["agents"].sum() >= loose.intervals["agents"].sum()
    assert tight.achieved_share >= 0.99


@settings(max_examples=25, deadline=None)
@given(scale=st.floats(0.2, 5.0), hours=st.floats(1.0, 24.0), share=st.floats(0.5, 1.0))
def test_deferred_always_reaches_its_target(scale: float, hours: float, share: float) -> None:
    work = _deferred_week()
    work["arrivals"] = work["arrivals"] * scale
    plan = deferred_staffing(work, DeferredSpec(target_share=share, target_open_hours=hours), 15)
    # a queue (two open hours or less) never answers every item in time: Erlang C's cap
    assert plan.achieved_share >= min(share, 0.999) - 1e-6


