"""Scenario levers: known answers, metamorphic properties and round trips of the spec."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcc import store
from kcc.scenarios import (
    SPEC_VERSION,
    ChannelHours,
    ChannelShift,
    ClosedHoursBehaviour,
    CostOverride,
    FcrLever,
    ScenarioSpec,
    SurgeTest,
    TargetOverride,
    apply_channel_mix,
    apply_fcr,
    apply_opening_hours,
    flex_agents,
    forecast_closed_attempts,
    hours_from_setting,
    hours_to_setting,
    infer_opening_hours,
    scenario_demand,
    simulate_surge,
    unconstrain_demand,
)

TZ = "Europe/Amsterdam"
CALLBACK_ONLY = ClosedHoursBehaviour(callback_share=1.0, digital_share=0.0, redial_window_min=60)


def week_frame(
    channels: dict[str, tuple[int, int]] | None = None,
    *,
    start: str = "2026-10-05",
    days: int = 7,
    closed_attempts: float = 0.0,
    seed: int = 1,
) -> pd.DataFrame:
    """A demand frame of ``days`` days of 15-minute intervals; each channel is open
    ``(open_min, close_min)`` every day with random volume, and closed otherwise."""
    channels = channels or {"phone": (480, 1200)}
    rng = np.random.default_rng(seed)
    ds = pd.date_range(pd.Timestamp(start, tz=TZ), periods=days * 96, freq="15min")
    minute = ds.hour * 60 + ds.minute
    parts = []
    for channel, (first, last) in channels.items():
        is_open = (minute >= first) & (minute < last)
        volume = np.where(is_open, rng.uniform(5, 40, len(ds)).round(), 0.0)
        parts.append(pd.DataFrame({
            "channel": channel, "queue": "default", "ds": ds, "interval_min": 15,
            "volume": volume, "volume_hi": volume * 1.2, "aht_s": 300.0,
            "closed_attempts": np.where(is_open, 0.0, closed_attempts),
        }))
    return pd.concat(parts, ignore_index=True)


def test_shifting_zero_changes_nothing() -> None:
    frame = week_frame({"phone": (480, 1200), "chat": (480, 1320)})
    out = apply_channel_mix(frame, [ChannelShift("phone", "chat", 0.0), ChannelShift("phone", "self_service", 0.0, containment=0.5, failure_share=0.3)])
    merged = frame.merge(out, on=["channel", "ds"], suffixes=("", "_out"))
    np.testing.assert_allclose(merged["volume_out"], merged["volume"])
    np.testing.assert_allclose(merged["aht_s_out"], merged["aht_s"])
    spec = ScenarioSpec(shifts=(ChannelShift("phone", "chat", 0.0),), closed_hours=ClosedHoursBehaviour(digital_share=0))
    hours = infer_opening_hours(frame)
    demand = scenario_demand(frame, spec, hours)
    np.testing.assert_allclose(demand["volume"], demand["volume_baseline"])


def test_channel_shift_moves_contacts_and_workload() -> None:
    frame = week_frame({"phone": (480, 1200), "chat": (480, 1200)})
    shift = ChannelShift("phone", "chat", 0.2, aht_s=600.0, containment=0.75, failure_share=0.2)
    out = apply_channel_mix(frame, [shift])
    before = frame.groupby("channel")["volume"].sum()
    after = out.groupby("channel")["volume"].sum()
    moved = before["phone"] * 0.2
    assert after["phone"] == pytest.approx(before["phone"] - moved + moved * 0.2)
    assert after["chat"] == pytest.approx(before["chat"] + moved * 0.75)
    assert out.groupby("channel")["gave_up"].sum()["phone"] == pytest.approx(moved * 0.05)
    # chat handles the moved contacts at 600 s: the mean handle time rises
    chat = out[(out["channel"] == "chat") & (out["volume"] > 0)]
    assert (chat["aht_s"] > 300.0).all()


def test_closing_an_hour_with_full_callback_moves_exactly_its_volume() -> None:
    frame = week_frame()
    hours = (ChannelHours.weekly("phone", 480, 1200),)
    later = (hours[0].with_day(0, 540, 1200),)  # Monday opens at 09:00 instead of 08:00
    out = apply_opening_hours(frame, later, CALLBACK_ONLY, recorded_hours=hours)
    monday = out["ds"].dt.day_of_week == 0
    minute = out["ds"].dt.hour * 60 + out["ds"].dt.minute
    closed_hour = monday & (minute >= 480) & (minute < 540)
    src = frame[closed_hour.to_numpy()]["volume"].sum()
    assert src > 0
    assert out.loc[closed_hour, "volume"].sum() == 0
    assert out["volume"].sum() == pytest.approx(frame["volume"].sum())
    gained = out.loc[monday & (minute >= 540), "volume"].sum() - frame.loc[(monday & (minute >= 540)).to_numpy(), "volume"].sum()
    assert gained == pytest.approx(src)
    # the redial peak: the hour's volume lands front-loaded in the first hour after opening
    first = monday & (minute >= 540) & (minute < 600)
    assert out.loc[first, "callbacks"].sum() == pytest.approx(src)
    cb = out.loc[first, "callbacks"].to_numpy()
    assert np.all(np.diff(cb) < 0)
    # without recorded hours (arrivals given directly) the same holds
    direct = apply_opening_hours(frame, later, CALLBACK_ONLY)
    assert direct["volume"].sum() == pytest.approx(frame["volume"].sum())


def test_closed_hours_shares_split_demand() -> None:
    frame = week_frame({"phone": (480, 1200), "email": (0, 1440)}, closed_attempts=2.0)
    behaviour = ClosedHoursBehaviour(callback_share=0.5, digital_share=0.3, digital_channel="email")
    hours = (ChannelHours.weekly("phone", 480, 1200), ChannelHours.always("email"))
    out = apply_opening_hours(frame, hours, behaviour)
    closed = frame.loc[frame["channel"] == "phone", "closed_attempts"].sum()
    sums = out.groupby("channel")[["callbacks", "digital_in", "lost"]].sum()
    assert sums.loc["phone", "callbacks"] == pytest.approx(0.5 * closed)
    assert sums.loc["email", "digital_in"] == pytest.approx(0.3 * closed)
    assert sums.loc["phone", "lost"] == pytest.approx(0.2 * closed)
    phone = out[out["channel"] == "phone"]
    assert phone["reached"].sum() / phone["arrivals"].sum() == pytest.approx(
        frame.loc[frame["channel"] == "phone", "volume"].sum() / (frame.loc[frame["channel"] == "phone", "volume"].sum() + closed)
    )


def test_a_phone_only_centre_gets_no_e_mail_channel_and_its_closed_hours_contacts_call_back() -> None:
    frame = week_frame({"phone": (480, 1200)}, closed_attempts=2.0)
    behaviour = ClosedHoursBehaviour()  # the default: 15 % would move to e-mail
    assert behaviour.digital_channel == "email" and behaviour.digital_share > 0
    hours = (ChannelHours.weekly("phone", 480, 1200),)
    out = apply_opening_hours(frame, hours, behaviour)
    assert set(out["channel"]) == {"phone"}, "a channel the centre does not have stays out"
    closed = frame["closed_attempts"].sum()
    sums = out[["callbacks", "digital_in", "lost"]].sum()
    assert sums["digital_in"] == 0
    assert sums["callbacks"] == pytest.approx((behaviour.callback_share + behaviour.digital_share) * closed)
    assert sums["lost"] == pytest.approx(behaviour.lost_share * closed)
    demand = scenario_demand(frame, ScenarioSpec(closed_hours=behaviour), hours)
    assert set(demand["channel"]) == {"phone"}


def test_longer_hours_catch_contacts_and_record_stays_the_baseline() -> None:
    frame = week_frame({"phone": (480, 1200)}, closed_attempts=3.0)
    hours = (ChannelHours.weekly("phone", 480, 1200),)
    # the record is the baseline: applying its own hours changes nothing
    same = apply_opening_hours(frame, hours, ClosedHoursBehaviour(), recorded_hours=hours)
    same = same[same["channel"] == "phone"]
    np.testing.assert_allclose(same["volume"].to_numpy(), frame["volume"].to_numpy(), atol=1e-9)
    longer = hours[0]
    for day in range(5):
        longer = longer.with_day(day, 480, 1320)
    spec = ScenarioSpec(opening_hours=(longer,), closed_hours=ClosedHoursBehaviour(digital_share=0))
    demand = scenario_demand(frame, spec, hours)
    assert demand["reached"].sum() > demand["reached_baseline"].sum()
    late = (demand["ds"].dt.hour >= 20) & (demand["ds"].dt.hour < 22) & (demand["ds"].dt.day_of_week < 5)
    assert demand.loc[late, "volume"].sum() == pytest.approx(3.0 * late.sum())


def test_closed_attempts_estimated_from_the_digital_24h_pattern() -> None:
    frame = week_frame({"phone": (480, 1200), "email": (0, 1440)})
    hours = (ChannelHours.weekly("phone", 480, 1200), ChannelHours.always("email"))
    out = unconstrain_demand(frame, hours, ClosedHoursBehaviour(callback_share=0, digital_share=0))
    phone = out[out["channel"] == "phone"]
    night = (phone["ds"].dt.hour < 8) | (phone["ds"].dt.hour >= 20)
    assert phone.loc[night, "volume"].sum() > 0
    none = unconstrain_demand(frame, hours, ClosedHoursBehaviour(), estimate_closed=False)
    assert none[none["channel"] == "phone"].loc[night.to_numpy(), "volume"].sum() == 0


@settings(max_examples=25, deadline=None)
@given(
    fcr_low=st.floats(0.3, 1.0), fcr_high=st.floats(0.3, 1.0),
    base=st.floats(0.3, 1.0),
)
def test_raising_fcr_never_raises_workload(fcr_low: float, fcr_high: float, base: float) -> None:
    lo, hi = sorted((fcr_low, fcr_high))
    frame = week_frame({"phone": (480, 1200), "chat": (480, 1320)}, days=1)
    work = []
    for fcr in (lo, hi):
        out = apply_fcr(frame, [FcrLever("phone", base, fcr), FcrLever("chat", base, fcr)])
        work.append(float((out["volume"] * out["aht_s"]).sum()))
    assert work[1] <= work[0] + 1e-9
    if math.isclose(base, lo):
        assert work[0] == pytest.approx(float((frame["volume"] * frame["aht_s"]).sum()))


def test_fcr_with_longer_contacts_changes_work_by_both_factors() -> None:
    frame = week_frame({"phone": (480, 1200), "chat": (480, 1320)}, days=1)
    lever = FcrLever("phone", 0.7, 0.8, aht_change=0.10)
    out = apply_fcr(frame, [lever])
    phone_in, phone_out = frame["channel"] == "phone", out["channel"] == "phone"
    assert out.loc[phone_out, "volume"].sum() == pytest.approx(frame.loc[phone_in, "volume"].sum() * 0.7 / 0.8)
    assert (out.loc[phone_out, "aht_s"] == frame.loc[phone_in, "aht_s"] * 1.1).all()
    work = (out["volume"] * out["aht_s"])[phone_out].sum()
    assert work == pytest.approx((frame["volume"] * frame["aht_s"])[phone_in].sum() * 0.875 * 1.1)
    assert lever.workload_factor == pytest.approx(0.9625)
    chat = out["channel"] == "chat"
    assert out.loc[chat, ["volume", "aht_s"]].equals(frame.loc[frame["channel"] == "chat", ["volume", "aht_s"]])


def test_a_spec_saved_before_the_handle_time_change_still_opens() -> None:
    old = {"fcr": [{"channel": "phone", "fcr_baseline": 0.7, "fcr": 0.8}]}
    assert ScenarioSpec.from_dict(old).fcr_for("phone") == FcrLever("phone", 0.7, 0.8, 0.0)


def surge_rows(agents: float = 30.0) -> pd.DataFrame:
    ds = pd.date_range(pd.Timestamp("2026-10-05", tz=TZ), periods=2 * 96, freq="15min")
    hour = ds.hour + ds.minute / 60
    volume = np.where((hour >= 8) & (hour < 20), 60.0, 0.0)
    return pd.DataFrame({"ds": ds, "interval_min": 15, "volume": volume, "aht_s": 300.0,
                         "available": np.where(volume > 0, agents, 0.0)})


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    small=st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20)),
    extra=st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20)),
    patience=st.sampled_from([None, 180.0]),
)
def test_a_larger_flex_pool_never_recovers_later(small: tuple[int, int, int], extra: tuple[int, int, int], patience: float | None) -> None:
    rows = surge_rows()
    results = []
    for home, outsource, overtime in (small, tuple(a + b for a, b in zip(small, extra, strict=True))):
        surge = SurgeTest(uplift=0.8, weekday=0, start_min=540, duration_min=180, home_agents=home,
                          outsource_agents=outsource, overtime_agents=overtime, overtime_min=60)
        results.append(simulate_surge(rows, surge, answer_time_s=20.0, patience_s=patience))
    assert results[1].recovery_min_with <= results[0].recovery_min_with
    assert results[1].peak_backlog_with <= results[0].peak_backlog_with + 1e-9
    assert results[1].service_level_with >= results[0].service_level_with - 1e-9


def test_surge_builds_a_backlog_that_flex_clears() -> None:
    rows = surge_rows(agents=24.0)
    surge = SurgeTest(uplift=1.0, weekday=0, start_min=540, duration_min=120, home_agents=15, home_block_min=90,
                      home_delay_min=30, outsource_agents=10, outsource_delay_min=60)
    result = simulate_surge(rows, surge, answer_time_s=20.0, patience_s=None, cost_eur_per_hour=40.0, flex_premium=0.25)
    assert result.peak_backlog_without > 100
    assert result.peak_backlog_with < result.peak_backlog_without
    assert result.recovery_min_with < result.recovery_min_without
    assert result.service_level_with > result.service_level_without
    # home agents: one 90-minute block from minute 30 covers the surge; partner: minutes 60..120
    assert result.flex_agent_hours == pytest.approx(15 * 1.5 + 10 * 1.0)
    assert result.flex_cost_eur == pytest.approx(result.flex_agent_hours * 40.0 * 1.25)
    # without a flex pool both variants are the same
    plain = simulate_surge(rows, SurgeTest(uplift=1.0, start_min=540, duration_min=120), answer_time_s=20.0)
    assert plain.recovery_min_with == plain.recovery_min_without


def test_chat_surge_drains_at_the_chains_full_load_rate() -> None:
    # 44 chat agents, up to 3 sessions, a lone session 15 min, 50% slower per extra session: at
    # full load an agent completes 3 sessions per 30 min, 6 an hour (264 for the team), not
    # the 12 of three full-speed slots. 240 chats/h, surged to 360/h for two hours.
    rows = surge_rows(agents=44.0).assign(aht_s=900.0)
    surge = SurgeTest(uplift=0.5, weekday=0, start_min=540, duration_min=120)
    chat = simulate_surge(rows, surge, answer_time_s=60.0, concurrency=3.0,
                          penalty_per_extra_session=0.5)
    slots = rows.assign(available=rows["available"] * 3.0, aht_s=1800.0)
    same = simulate_surge(slots, surge, answer_time_s=60.0)
    np.testing.assert_allclose(chat.intervals["backlog_without"], same.intervals["backlog_without"])
    assert chat.peak_backlog_without > 150  # about (360 - 264) x 2 h
    assert chat.intervals["agents"].max() == 44.0  # agents, not slots
    # without the slow-down the same team has 528 sessions/h: no queue builds
    fast = simulate_surge(rows, surge, answer_time_s=60.0, concurrency=3.0)
    assert fast.peak_backlog_without < 1.0
    assert chat.service_level_without < fast.service_level_without
    # the history's 15 min measured at 2 sessions: a lone session 10 min, 20 min per slot at
    # full load, 396 sessions/h
    measured = simulate_surge(rows, surge, answer_time_s=60.0, concurrency=3.0,
                              penalty_per_extra_session=0.5, history_sessions=2.0)
    lighter = simulate_surge(slots.assign(aht_s=1200.0), surge, answer_time_s=60.0)
    np.testing.assert_allclose(measured.intervals["backlog_without"],
                               lighter.intervals["backlog_without"])
    assert measured.peak_backlog_without < 1.0


def test_flex_agents_follow_their_blocks() -> None:
    start = pd.Timestamp("2026-10-05 09:00", tz=TZ)
    ds = pd.date_range(start, periods=16, freq="15min")
    agents = flex_agents(SurgeTest(duration_min=60, home_agents=4, home_block_min=90, home_delay_min=15), ds, 15, start)
    np.testing.assert_allclose(agents[:8], [0, 4, 4, 4, 4, 4, 4, 0])


# --------------------------------------------------------------------------- the spec


def full_spec() -> ScenarioSpec:
    return ScenarioSpec(
        opening_hours=(ChannelHours.weekly("phone", 480, 1320, weekdays=range(5)), ChannelHours.always("chat")),
        closed_hours=ClosedHoursBehaviour(0.5, 0.25, "whatsapp", 90),
        shifts=(ChannelShift("phone", "self_service", 0.1, containment=0.6, failure_share=0.3),
                ChannelShift("phone", "chat", 0.05, aht_s=540.0)),
        targets=(TargetOverride("phone", target_service_level=0.9, answer_time_s=30, max_abandon=0.05),
                 TargetOverride("email", response_time_h=24, response_share=0.95)),
        fcr=(FcrLever("phone", 0.7, 0.8),),
        surge=SurgeTest(uplift=0.6, home_agents=10, outsource_agents=5),
        costs=(CostOverride("phone", 41.5, 0.35),),
        flex_premium=0.4,
    )


def test_spec_round_trips_through_json_and_a_link() -> None:
    spec = full_spec()
    data = json.loads(json.dumps(spec.to_dict()))
    assert ScenarioSpec.from_dict(data) == spec
    params = spec.to_query(name="Open till 22:00")
    assert set(params) == {"scenario", "sv", "name"} and params["sv"] == str(SPEC_VERSION)
    assert ScenarioSpec.from_query(params) == spec
    assert ScenarioSpec.from_query({"scenario": [params["scenario"]]}) == spec
    assert ScenarioSpec.from_dict(ScenarioSpec().to_dict()) == ScenarioSpec()
    assert hash(spec) == hash(ScenarioSpec.from_dict(data))


def test_spec_round_trips_through_duckdb(mem_con) -> None:  # noqa: ANN001 - fixture
    spec = full_spec()
    store.save_scenario(mem_con, name="Late", spec=spec.to_dict(), spec_version=SPEC_VERSION, user="Ann",
                        description="open till 22:00")
    row = store.read_scenarios(mem_con).iloc[0]
    assert (row["name"], row["created_by"], int(row["spec_version"])) == ("Late", "Ann", SPEC_VERSION)
    assert ScenarioSpec.from_dict(row["spec"]) == spec


hours_st = st.builds(
    lambda ch, o, length: ChannelHours.weekly(ch, o * 15, min(1440, o * 15 + length * 15)),
    st.sampled_from(["phone", "chat", "whatsapp"]), st.integers(0, 60), st.integers(0, 60),
)
spec_st = st.builds(
    ScenarioSpec,
    opening_hours=st.lists(hours_st, max_size=3, unique_by=lambda h: h.channel).map(tuple),
    closed_hours=st.builds(ClosedHoursBehaviour, st.floats(0, 0.5), st.floats(0, 0.5),
                           st.sampled_from(["email", "whatsapp"]), st.integers(1, 8).map(lambda k: k * 15)),
    fcr=st.lists(st.builds(FcrLever, st.sampled_from(["phone", "chat"]), st.floats(0.05, 1), st.floats(0.05, 1),
                           st.floats(-0.5, 1)),
                 max_size=2, unique_by=lambda f: f.channel).map(tuple),
    flex_premium=st.none() | st.floats(0, 3),
)


@settings(max_examples=40, deadline=None)
@given(spec=spec_st)
def test_any_spec_round_trips(spec: ScenarioSpec) -> None:
    assert ScenarioSpec.from_dict(json.loads(json.dumps(spec.to_dict()))) == spec
    assert ScenarioSpec.from_query(spec.to_query()) == spec


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ClosedHoursBehaviour(callback_share=1.2), "closed_hours.callback_share must be between 0 and 1, got 1.2"),
        (lambda: ClosedHoursBehaviour(callback_share=0.7, digital_share=0.5),
         "closed_hours.callback_share + closed_hours.digital_share must be between 0 and 1, got 1.2"),
        (lambda: ChannelHours.weekly("phone", 480, 470), "opening_hours[phone].close_min[0] must be a whole number between 0 and 1440 min in steps of 15, got 470"),
        (lambda: ChannelHours.weekly("phone", 600, 480), "opening_hours[phone]: closing time 08:00 on weekday 0 is before opening time 10:00"),
        (lambda: ChannelHours("phone", (0,) * 6, (0,) * 6), "opening_hours[phone].open_min must hold 7 weekdays (Monday first), got 6"),
        (lambda: ChannelShift("phone", "phone", 0.1), "shifts[phone->phone]: source and target must be different channels"),
        (lambda: ChannelShift("phone", "fax", 0.1), "shifts[phone->fax].target must be one of phone, chat, email, whatsapp, self_service, got 'fax'"),
        (lambda: ChannelShift("phone", "chat", -0.1), "shifts[phone->chat].share must be between 0 and 1, got -0.1"),
        (lambda: TargetOverride("phone", target_service_level=1.5), "targets[phone].target_service_level must be between 0.01 and 0.999, got 1.5"),
        (lambda: TargetOverride("email", response_time_h=0), "targets[email].response_time_h must be between 0.25 and 720 h, got 0"),
        (lambda: FcrLever("phone", 0.7, 0.0), "fcr[phone].fcr must be between 0.05 and 1, got 0.0"),
        (lambda: FcrLever("phone", 0.7, 0.8, 2.0), "fcr[phone].aht_change must be between -0.5 and 1, got 2.0"),
        (lambda: SurgeTest(uplift=6), "surge.uplift must be between 0 and 5, got 6"),
        (lambda: SurgeTest(home_agents=-1), "surge.home_agents must be a whole number between 0 and 10000 agents, got -1"),
        (lambda: CostOverride("chat", cost_eur_per_hour=-5), "costs[chat].cost_eur_per_hour must be between 0 and 1000 EUR/h, got -5"),
        (lambda: ScenarioSpec(flex_premium=4), "flex_premium must be between 0 and 3, got 4"),
        (lambda: ScenarioSpec(fcr=(FcrLever("phone", 0.7, 0.8), FcrLever("phone", 0.7, 0.9))), "fcr lists 'phone' twice"),
        (lambda: ScenarioSpec.from_dict({"colour": "red"}), "unknown scenario field(s): colour"),
        (lambda: ScenarioSpec.from_dict({"surge": {"uplift": 0.5, "colour": 1}}), "unknown scenario field(s) in surge: colour"),
        (lambda: ScenarioSpec.from_dict({"version": SPEC_VERSION + 1}),
         f"scenario spec version {SPEC_VERSION + 1} is newer than this app ({SPEC_VERSION}); update KCC Planner"),
        (lambda: ScenarioSpec.from_query({}), "the link holds no scenario (query parameter 'scenario' is missing)"),
        (lambda: ScenarioSpec.from_query({"scenario": "not-a-scenario"}), "the scenario link is damaged (query parameter 'scenario' cannot be read)"),
    ],
)
def test_validation_messages_name_the_field_and_range(build, message: str) -> None:  # noqa: ANN001
    with pytest.raises(ValueError) as info:
        build()
    assert str(info.value) == message


def test_hours_setting_round_trip_and_inference() -> None:
    setting = {"phone": {"0": ["08:00", "20:00"], "1": ["08:00", "20:00"], "2": None, "3": None, "4": None,
                         "5": ["09:00", "17:00"], "6": None}}
    hours = hours_from_setting(setting)
    assert hours == (ChannelHours("phone", (480, 480, 0, 0, 0, 540, 0), (1200, 1200, 0, 0, 0, 1020, 0)),)
    assert hours_to_setting(hours) == setting
    inferred = infer_opening_hours(week_frame({"phone": (480, 1200)}))
    assert inferred == (ChannelHours.weekly("phone", 480, 1200),)
    assert inferred[0].open_hours_per_week == 7 * 12


# --------------------------------------------------------------------------- closed-hours demand ahead


def history_frame(weeks: int = 2, holiday: str | None = None) -> pd.DataFrame:
    """History of phone open 08:00-20:00 Monday to Saturday, 10 contacts per open interval and
    4 attempts per interval from 20:00 to 22:00; on Sunday closed with 2 attempts per interval
    from 10:00 to 12:00. ``holiday`` is a day closed all day with attempts around the clock."""
    ds = pd.date_range(pd.Timestamp("2026-10-05", tz=TZ), periods=weeks * 7 * 96, freq="15min")
    minute, weekday = ds.hour * 60 + ds.minute, ds.day_of_week
    is_open = (weekday < 6) & (minute >= 480) & (minute < 1200)
    attempts = np.where((weekday < 6) & (minute >= 1200) & (minute < 1320), 4.0, 0.0)
    attempts = np.where((weekday == 6) & (minute >= 600) & (minute < 720), 2.0, attempts)
    offered = np.where(is_open, 10.0, 0.0)
    if holiday is not None:
        day = ds.tz_localize(None).normalize() == pd.Timestamp(holiday)
        offered, attempts = np.where(day, 0.0, offered), np.where(day, 9.0, attempts)
    return pd.DataFrame({"channel": "phone", "queue": "default", "ds": ds, "interval_min": 15,
                         "offered": offered, "closed_attempts": attempts})


def forecast_week(level: float) -> pd.DataFrame:
    ds = pd.date_range(pd.Timestamp("2026-10-19", tz=TZ), periods=7 * 96, freq="15min")
    minute, weekday = ds.hour * 60 + ds.minute, ds.day_of_week
    volume = np.where((weekday < 6) & (minute >= 480) & (minute < 1200), level, 0.0)
    return pd.DataFrame({"channel": "phone", "queue": "default", "ds": ds, "interval_min": 15,
                         "volume": volume, "volume_hi": volume * 1.2, "aht_s": 300.0})


def test_forecast_closed_attempts_follow_recent_weekdays_scaled_to_the_forecast() -> None:
    same = forecast_closed_attempts(history_frame(), forecast_week(10.0))
    doubled = forecast_closed_attempts(history_frame(), forecast_week(20.0))
    local = same["ds"].dt.tz_localize(None)
    evening = (local.dt.day_of_week < 6) & (local.dt.hour >= 20) & (local.dt.hour < 22)
    sunday = (local.dt.day_of_week == 6) & (local.dt.hour >= 10) & (local.dt.hour < 12)
    assert np.allclose(same.loc[evening, "closed_attempts"], 4.0)
    assert np.allclose(same.loc[sunday, "closed_attempts"], 2.0)
    assert same.loc[~(evening | sunday), "closed_attempts"].sum() == 0
    # twice the forecast, twice the attempts; Sunday (closed all day) follows the overall level
    assert np.allclose(doubled.loc[evening, "closed_attempts"], 8.0)
    assert np.allclose(doubled.loc[sunday, "closed_attempts"], 4.0)
    assert list(doubled.columns[:-1]) == list(forecast_week(20.0).columns)
    # a public holiday (closed all day although Mondays are open) stays out of the profile
    with_holiday = forecast_closed_attempts(history_frame(holiday="2026-10-12"), forecast_week(10.0))
    assert np.allclose(with_holiday["closed_attempts"], same["closed_attempts"])
    # no closed attempts recorded: none forecast; the window is validated
    none = forecast_closed_attempts(history_frame().drop(columns="closed_attempts"), forecast_week(10.0))
    assert none["closed_attempts"].sum() == 0
    with pytest.raises(ValueError, match="weeks must be a whole number between 1 and 104"):
        forecast_closed_attempts(history_frame(), forecast_week(10.0), weeks=0)


def test_baseline_spec_reproduces_the_plan_of_a_forecast() -> None:
    from kcc import plan
    from kcc.scenarios import evaluate_scenario

    demand = forecast_closed_attempts(history_frame(), forecast_week(10.0))
    demand["volume"] = demand["volume"] * np.linspace(0.5, 1.5, len(demand))  # no round numbers
    demand["volume_hi"] = demand["volume"] * 1.3
    settings_ = plan.PlanSettings()
    hours = (ChannelHours("phone", (480,) * 6 + (0,), (1200,) * 6 + (0,)),)
    roster = demand[["channel", "ds", "interval_min"]].assign(agents=np.where(demand["volume"] > 0, 5.0, 0.0))
    the_plan = plan.build_plan(demand, roster, settings_, open_hours=hours_to_setting(hours))
    result = evaluate_scenario(demand, roster, settings_, ScenarioSpec(), opening_hours=hours)
    total = plan.total(the_plan)
    fte_hours = settings_.contract_hours_per_week
    assert result.fte == total["required_agent_hours"] / fte_hours
    assert result.fte_rostered == total["rostered_agent_hours"] / fte_hours
    assert result.service_level_roster == total["service_level"]
    assert result.p_abandon_roster == total["p_abandon"]
    phone = result.plan[result.plan["channel"] == "phone"]
    assert (phone["volume_hi"].to_numpy() == the_plan["volume_hi"].to_numpy()).all()


# --------------------------------------------------------------------------- the demo centre, end to end


@pytest.fixture
def demo_case(demo_con):  # noqa: ANN001, ANN201 - fixture
    from kcc import plan

    history = store.read_intervals(demo_con, start="2026-10-19", end="2026-11-16")
    roster = store.read_roster(demo_con, start="2026-10-19", end="2026-11-16")
    stored = store.read_settings(demo_con)
    demand = history.rename(columns={"offered": "volume"})
    demand["aht_s"] = demand["aht_s"].fillna(demand["channel"].map(plan.DEFAULT_AHT_S))
    settings_ = plan.default_settings(stored)
    hours = hours_from_setting(stored["opening_hours"])
    working = hours_from_setting(stored["working_hours"])
    return demand, roster, settings_, hours, working


def test_open_until_22_costs_money_and_catches_contacts(demo_case) -> None:  # noqa: ANN001
    from kcc.scenarios import compare, evaluate_scenario

    demand, roster, settings_, hours, working = demo_case
    base = evaluate_scenario(demand, roster, settings_, ScenarioSpec(), opening_hours=hours, working_hours=working, name="base")
    assert base.delta_fte == 0 and base.delta_cost_eur_per_month == 0 and base.caught_per_week == 0
    phone = next(h for h in hours if h.channel == "phone")
    late = phone
    for day in range(5):
        late = late.with_day(day, 480, 1320)
    result = evaluate_scenario(demand, roster, settings_, ScenarioSpec(opening_hours=(late,)), opening_hours=hours,
                               working_hours=working, name="late")
    assert result.caught_per_week > 0 and result.reachability > base.reachability
    assert result.delta_fte > 0 and result.delta_cost_eur_per_month > 0
    weekdays = result.by_weekday.set_index("weekday")
    assert list(weekdays.loc[[0, 1, 2, 3, 4], "delta_open_hours"]) == [2.0] * 5
    assert (weekdays.loc[[0, 1, 2, 3, 4], "cost_eur_per_extra_hour"] > 0).all()
    assert weekdays.loc[6, "delta_open_hours"] == 0 and math.isnan(weekdays.loc[6, "cost_eur_per_extra_hour"])
    # fewer callbacks at the next morning's opening once the evening is open
    peak = result.morning_peak.set_index(["channel", "weekday"]).loc[("phone", 1)]
    assert peak["first_hour_volume"] < peak["first_hour_volume_baseline"]
    table = compare([base, result])
    assert list(table["name"]) == ["base", "late"]
    assert table["diff_fte"].iloc[1] == pytest.approx(result.fte - base.fte)


def test_result_carries_the_cost_of_an_extra_opening_hour(demo_case) -> None:  # noqa: ANN001
    from kcc.scenarios import WEEKS_PER_MONTH, evaluate_scenario

    demand, roster, settings_, hours, working = demo_case
    base = evaluate_scenario(demand, roster, settings_, ScenarioSpec(), opening_hours=hours,
                             working_hours=working, staffed_kpis=False)
    assert base.extra_open_hours_per_week == 0
    assert math.isnan(base.cost_eur_per_extra_hour) and math.isnan(base.cost_eur_per_caught_contact)
    phone = next(h for h in hours if h.channel == "phone")
    late = phone
    for day in range(5):
        late = late.with_day(day, phone.open_min[day], phone.close_min[day] + 120)
    result = evaluate_scenario(demand, roster, settings_, ScenarioSpec(opening_hours=(late,)),
                               opening_hours=hours, working_hours=working, staffed_kpis=False)
    assert result.extra_open_hours_per_week == pytest.approx(10.0)
    weekly_cost = result.delta_cost_eur_per_month / WEEKS_PER_MONTH
    assert result.cost_eur_per_extra_hour == pytest.approx(weekly_cost / 10.0)
    assert result.cost_eur_per_extra_hour > 0
    assert result.cost_eur_per_caught_contact == pytest.approx(weekly_cost / result.caught_per_week)


def test_staff_follows_the_work_a_lever_removes_or_adds(demo_case) -> None:  # noqa: ANN001
    from kcc.scenarios import evaluate_scenario, sl_frontier

    demand, roster, settings_, hours, working = demo_case
    phone_only = demand[demand["channel"] == "phone"]
    kwargs = {"opening_hours": hours, "working_hours": working}
    plain = ClosedHoursBehaviour(digital_share=0.0)
    base = evaluate_scenario(phone_only, roster, settings_, ScenarioSpec(closed_hours=plain), **kwargs)
    fcr = evaluate_scenario(phone_only, roster, settings_, ScenarioSpec(closed_hours=plain, fcr=(FcrLever("phone", 0.7, 0.8),)), **kwargs)
    assert fcr.fte < base.fte and fcr.contacts_per_week == pytest.approx(base.contacts_per_week * 0.7 / 0.8)
    # the same FCR gain bought with 15 % longer contacts: the same contacts, more staff than
    # FCR alone; 15 % longer contacts without the gain: the same contacts as today, more staff
    slower = evaluate_scenario(phone_only, roster, settings_, ScenarioSpec(closed_hours=plain, fcr=(FcrLever("phone", 0.7, 0.8, 0.15),)), **kwargs)
    assert slower.contacts_per_week == pytest.approx(fcr.contacts_per_week) and slower.fte > fcr.fte
    longer = evaluate_scenario(phone_only, roster, settings_, ScenarioSpec(closed_hours=plain, fcr=(FcrLever("phone", 0.7, 0.7, 0.15),)), **kwargs)
    assert longer.contacts_per_week == pytest.approx(base.contacts_per_week) and longer.fte > base.fte
    self_service = ScenarioSpec(closed_hours=plain, shifts=(ChannelShift("phone", "self_service", 0.2, containment=0.7, failure_share=0.2),))
    shifted = evaluate_scenario(phone_only, roster, settings_, self_service, **kwargs)
    assert shifted.fte < base.fte
    frontier = sl_frontier(phone_only, roster, settings_, "phone", (0.7, 0.8, 0.9), spec=ScenarioSpec(closed_hours=plain), **kwargs)
    assert frontier["fte"].is_monotonic_increasing and frontier["cost_eur_per_month"].is_monotonic_increasing
    assert (frontier["marginal_cost_eur_per_point"].dropna() > 0).all()
    assert frontier.loc[frontier["target_service_level"] == 0.8, "fte"].iloc[0] == pytest.approx(base.fte)


def test_repeat_rates_from_customer_ids(mem_con) -> None:  # noqa: ANN001 - fixture
    assert store.read_repeat_rates(mem_con).empty
    stamps = pd.to_datetime(["2026-01-01 10:00", "2026-01-03 10:00", "2026-02-01 10:00", "2026-02-02 10:00"])
    frame = pd.DataFrame({
        "channel": ["phone", "phone", "phone", "chat"], "queue": "default", "contact_id": ["1", "2", "3", "4"],
        "arrival_ts": stamps.tz_localize(TZ), "wait_s": 1.0, "handle_s": 100.0, "outcome": "answered",
        "customer_id": ["a", "a", "a", "a"],
    })
    store.replace_contacts(mem_con, frame, store.ImportRecord("x.csv", "contacts", "me", 4), 15)
    rates = store.read_repeat_rates(mem_con).set_index("channel")["repeat_rate"]
    assert rates.to_dict() == {"chat": 1.0, "phone": pytest.approx(1 / 3)}


def test_lever_form_values_become_spec_parts() -> None:
    from types import SimpleNamespace

    from kcc.scenarios import ChannelHours, CostOverride, FcrLever, ScenarioError, inputs

    closed_sunday = ChannelHours("phone", (480,) * 6 + (0,), (1080,) * 6 + (0,))
    assert inputs.form_span(closed_sunday, 6) == inputs.DEFAULT_OPEN_SPAN_MIN
    assert inputs.form_span(closed_sunday, 0) == (480, 1080)
    assert not inputs.always_open(closed_sunday) and inputs.always_open(ChannelHours.always("phone"))
    spans = [((0, 1, 2, 3, 4), False, (420, 1320)), ((5,), True, (480, 1080)), ((6,), False, (600, 960))]
    hours = inputs.hours_from_form("phone", closed_sunday, False, spans)
    assert hours.open_min == (420,) * 5 + (0, 600) and hours.close_min == (1320,) * 5 + (0, 960)
    assert inputs.hours_from_form("phone", closed_sunday, True, spans) == ChannelHours.always("phone")
    with pytest.raises(ScenarioError):
        inputs.hours_from_form("phone", closed_sunday, False, [((0,), False, (600, 540))])

    assert inputs.fcr_today(None, None) == inputs.DEFAULT_FCR
    assert inputs.fcr_today(None, 0.2) == pytest.approx(0.8)
    assert inputs.fcr_today(FcrLever("phone", 0.6, 0.7), 0.2) == 0.6
    assert inputs.fcr_levers({"phone": (70, 70, 0), "chat": (60, 80, 10)}) == (FcrLever("chat", 0.6, 0.8, 0.1),)

    settings = SimpleNamespace(cost_for=lambda c: 40.0, flex_premium=0.5)
    overrides = inputs.cost_overrides(settings, {"phone": (40.0, 0.0), "chat": (45.0, 0.0),
                                                 "email": (40.0, 0.25), "self_service": (None, 0.0)})
    assert overrides == (CostOverride("chat", 45.0, 0.0), CostOverride("email", None, 0.25))
    assert inputs.flex_premium_override(settings, 0.5) is None
    assert inputs.flex_premium_override(settings, 0.75) == 0.75


# --------------------------------------------------------------------------- attribution


def _identity_holds(att) -> None:  # noqa: ANN001 - an Attribution
    import dataclasses as dc

    from kcc.scenarios import Effect

    for f in dc.fields(Effect):
        parts = [getattr(e, f.name) for _, e in att.own]
        assert math.fsum(parts) + getattr(att.interaction, f.name) == getattr(att.total, f.name), f.name


def test_each_lever_is_credited_with_its_own_effect_only() -> None:
    # The case of the issue: ten extra opening hours cost 1,520 EUR a week alone (152 EUR per
    # extra hour); with a first-contact-resolution gain of 700 EUR a week the whole scenario
    # reads 87 EUR per extra hour, and with a larger saving elsewhere a negative one.
    from kcc.scenarios import WEEKS_PER_MONTH, Effect, attribution

    month = WEEKS_PER_MONTH
    hours = Effect(delta_fte=1.0, delta_cost_eur_per_month=1520 * month, caught_per_week=80.0,
                   extra_open_hours_per_week=10.0)
    fcr = Effect(delta_fte=-0.6, delta_cost_eur_per_month=-700 * month)
    total = Effect(delta_fte=0.5, delta_cost_eur_per_month=870 * month, caught_per_week=90.0,
                   extra_open_hours_per_week=10.0)
    att = attribution(total, {"fcr": fcr, "opening_hours": hours})
    assert att.levers == ("opening_hours", "fcr")
    assert att.own_effect("opening_hours").cost_eur_per_extra_hour == pytest.approx(152.0)
    assert att.total.cost_eur_per_extra_hour == pytest.approx(87.0)
    assert att.interaction.delta_cost_eur_per_month == pytest.approx(50 * month)
    assert att.interaction.delta_fte == pytest.approx(0.1)
    assert att.interaction.caught_per_week == pytest.approx(10.0)
    assert att.interaction.extra_open_hours_per_week == 0.0
    assert math.isnan(att.own_effect("fcr").cost_eur_per_extra_hour)
    assert att.own_effect("targets") == Effect()
    _identity_holds(att)

    big_saving = Effect(delta_cost_eur_per_month=-4400 * month)
    total = Effect(delta_cost_eur_per_month=-2880 * month, extra_open_hours_per_week=10.0)
    att = attribution(total, {"opening_hours": hours, "channel_mix": big_saving})
    assert att.total.cost_eur_per_extra_hour == pytest.approx(-288.0)
    assert att.own_effect("opening_hours").cost_eur_per_extra_hour == pytest.approx(152.0)
    assert att.interaction.delta_cost_eur_per_month == pytest.approx(0.0, abs=1e-6)
    _identity_holds(att)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1e7, 1e7, allow_nan=False), min_size=1, max_size=6),
       st.floats(-1e7, 1e7, allow_nan=False))
def test_parts_and_remainder_add_up_to_the_total_to_the_last_bit(parts: list[float], total: float) -> None:
    from kcc.scenarios.validation import remainder

    partial = math.fsum(parts)
    added = partial + remainder(total, parts)
    if total / 2 <= partial <= 2 * total or 2 * total <= partial <= total / 2:
        assert added == total  # the remainder is then exact (Sterbenz)
    else:  # a total far below its parts: as near as a float next to the parts' sum can come
        assert abs(added - total) <= math.ulp(max(abs(partial), abs(total)))


def test_attribution_evaluates_each_lever_alone_against_the_baseline() -> None:
    from kcc import plan
    from kcc.scenarios import Effect, attribute, evaluate_scenario, lever_alone

    frame = week_frame({"phone": (480, 1200)}, closed_attempts=4.0)
    hours = (ChannelHours.weekly("phone", 480, 1200),)
    longer = hours[0]
    for day in range(5):
        longer = longer.with_day(day, 480, 1320)
    spec = ScenarioSpec(opening_hours=(longer,), fcr=(FcrLever("phone", 0.7, 0.8),),
                        targets=(TargetOverride("phone", target_service_level=0.9),))
    done: dict[ScenarioSpec, object] = {}

    def evaluate(s: ScenarioSpec):  # noqa: ANN202
        if s not in done:
            done[s] = evaluate_scenario(frame, None, plan.PlanSettings(), s, opening_hours=hours,
                                        staffed_kpis=False)
        return done[s]

    att = attribute(spec, evaluate)
    assert att.levers == ("opening_hours", "targets", "fcr")
    hours_alone = evaluate(lever_alone(spec, "opening_hours"))
    assert lever_alone(spec, "opening_hours") == ScenarioSpec(opening_hours=(longer,))
    assert att.own_effect("opening_hours") == Effect.of(hours_alone)
    assert att.total == Effect.of(evaluate(spec))
    # the hours alone cost more per extra hour than the whole scenario, which FCR makes cheaper
    assert att.own_effect("opening_hours").cost_eur_per_extra_hour > att.total.cost_eur_per_extra_hour
    _identity_holds(att)
    # one lever: its own effect is the total, with no second evaluation
    single = ScenarioSpec(opening_hours=(longer,))
    count = len(done)
    one = attribute(single, evaluate)
    assert one.own_effect("opening_hours") == one.total and len(done) == count
    assert one.interaction == Effect()


# --------------------------------------------------------------------------- channel shift accounting


@pytest.mark.parametrize(("containment", "failure"), [(0.6, 0.3), (0.7, 0.3), (1.0, 0.0), (0.0, 0.0), (0.33, 0.41)])
def test_every_moved_contact_is_handled_comes_back_or_is_lost(containment: float, failure: float) -> None:
    from kcc import plan
    from kcc.scenarios import evaluate_scenario

    frame = week_frame({"phone": (0, 1440), "chat": (0, 1440)}, days=14)
    spec = ScenarioSpec(shifts=(ChannelShift("phone", "self_service", 0.2, containment=containment,
                                             failure_share=failure),
                                ChannelShift("chat", "whatsapp", 0.1, containment=0.9, failure_share=0.05)))
    result = evaluate_scenario(frame, None, plan.PlanSettings(), spec, staffed_kpis=False)
    flows = result.shift_flows.set_index(["source", "target"])
    phone = flows.loc[("phone", "self_service")]
    moved = 0.2 * frame.loc[frame["channel"] == "phone", "volume"].sum() / 2.0  # two weeks
    assert phone["moved_per_week"] == pytest.approx(moved)
    assert phone["handled_per_week"] == pytest.approx(containment * moved)
    assert phone["came_back_per_week"] == pytest.approx(failure * moved)
    assert phone["lost_per_week"] == pytest.approx((1 - containment - failure) * moved, abs=1e-9)
    assert phone["lost_share"] == pytest.approx(1 - containment - failure, abs=1e-12)
    for _, row in flows.iterrows():
        parts = [row["handled_per_week"], row["came_back_per_week"], row["lost_per_week"]]
        assert math.fsum(parts) == row["moved_per_week"]
    # the lost customers are counted as lost, beside the closed-hours losses
    lost_flows = flows["lost_per_week"].sum()
    assert result.lost_per_week == pytest.approx(lost_flows + frame["closed_attempts"].sum())


def test_the_mix_form_asks_where_every_moved_contact_ends_up() -> None:
    from kcc.scenarios import ScenarioError, inputs

    assert (inputs.SUGGESTED_CONTAINMENT + inputs.SUGGESTED_FAILURE_SHARE + inputs.SUGGESTED_LOST_SHARE
            == pytest.approx(1.0))
    shift = inputs.shift_from_form("phone", "self_service", 10, 0, 60, 30, 10)
    assert shift == ChannelShift("phone", "self_service", 0.1, containment=0.6, failure_share=0.3)
    assert inputs.shift_from_form("chat", "email", 20, 400, 70, 30, 0).aht_s == 400.0
    with pytest.raises(ScenarioError) as caught:
        inputs.shift_from_form("phone", "self_service", 10, 0, 60, 30, 0)
    assert caught.value.message("en") == (
        "Handled (60 %), coming back (30 %) and lost (0 %) must add up to 100 %, not 90 %: "
        "every moved contact ends up somewhere")
    assert caught.value.message("nl") == (
        "Afgehandeld (60 %), komt terug (30 %) en verloren (0 %) moeten samen 100 % zijn, niet 90 %: "
        "elk verschoven contact komt ergens terecht")
