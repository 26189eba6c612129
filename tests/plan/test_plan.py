"""The interval plan: requirement, roster, gap, KPIs, FTE and cost with known answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest

from kcc import plan, staffing
from kcc.plan import ChannelTargets, PlanSettings
from kcc.plan.models import achieve

TZ = "Europe/Amsterdam"

#: pyworkforce's worked example: 100 calls / 30 min, AHT 180 s, 80% in 20 s -> 14 agents
#: (13 give SL 79.56%, 14 give 88.84%); with 30% shrinkage 20 scheduled.
PHONE = ChannelTargets(target_service_level=0.8, answer_time_s=20.0, max_occupancy=None)


def _settings(**changes: object) -> PlanSettings:
    base = dict(
        targets={"phone": PHONE},
        shrinkage={"phone": 0.30},
        cost_eur_per_hour={"phone": 40.0},
        flex_premium=0.25,
        contract_hours_per_week=36.0,
    )
    base.update(changes)
    return PlanSettings(**base)


def _demand(start: str, periods: int, interval_min: int = 30, calls: float = 100.0,
            aht_s: float = 180.0, channel: str = "phone") -> pd.DataFrame:
    ds = pd.date_range(pd.Timestamp(start, tz=TZ), periods=periods, freq=f"{interval_min}min")
    return pd.DataFrame({
        "channel": channel, "queue": "default", "ds": ds, "interval_min": interval_min,
        "volume": calls, "volume_hi": calls * 1.2, "aht_s": aht_s,
    })


def _roster(demand: pd.DataFrame, agents: float | np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"channel": demand["channel"], "ds": demand["ds"],
                         "interval_min": demand["interval_min"], "agents": agents})


# --------------------------------------------------------------------------- known answers


def test_requirement_shrinkage_and_achieved_service_match_the_worked_example() -> None:
    demand = _demand("2026-11-16", 4)
    result = plan.build_plan(demand, _roster(demand, [20, 19, 20, 30]), _settings())
    assert result["required"].tolist() == [14, 14, 14, 14]
    assert result["required_scheduled"].tolist() == [20, 20, 20, 20]  # ceil(14 / 0.7)
    assert result["model"].unique().tolist() == ["erlang_c"]
    # 20 rostered x 0.7 = 14 on contacts -> 88.84%; 19 x 0.7 = 13.3 -> 13 whole agents -> 79.56%
    assert result["service_level"].iloc[0] == pytest.approx(0.8884, abs=5e-5)
    assert result["service_level"].iloc[1] == pytest.approx(0.7956, abs=5e-5)
    assert result["gap"].tolist() == [0, -1, 0, 10]


def test_fte_and_cost_arithmetic() -> None:
    # one full week of 30-minute intervals, 20 scheduled agents in each
    demand = _demand("2026-11-16", 7 * 48)
    result = plan.build_plan(demand, _roster(demand, 18.0), _settings())
    bridge = plan.budget_bridge(result, _settings())
    week = bridge.weekly.iloc[0]
    assert week["days"] == 7
    assert week["required_agent_hours"] == pytest.approx(20 * 0.5 * 336)  # 3360 h
    assert week["required_fte"] == pytest.approx(3360 / 36)  # FTE = agent hours / contract
    assert week["rostered_fte"] == pytest.approx(18 * 0.5 * 336 / 36)
    assert week["fte_gap"] == pytest.approx((18 - 20) * 0.5 * 336 / 36)
    month = bridge.monthly.iloc[0]
    assert month["cost_required_eur"] == pytest.approx(3360 * 40.0)
    assert month["cost_rostered_eur"] == pytest.approx(18 * 0.5 * 336 * 40.0)
    assert month["short_agent_hours"] == pytest.approx(2 * 0.5 * 336)
    assert month["cost_flex_eur"] == pytest.approx(336 * 40.0 * 1.25)
    assert month["cost_total_eur"] == pytest.approx(month["cost_rostered_eur"] + month["cost_flex_eur"])
    assert result["cost_required_eur"].sum() == pytest.approx(3360 * 40.0)


def test_budget_tiles_and_costs_use_the_one_formula_set() -> None:
    """Budget bridge, overview tiles and interval costs are ``kcc.staffing``'s agent hours, FTE
    and cost, number for number: a 37.5-hour contract over partial weeks and months (15 and
    16 days) where another order of the same arithmetic would move the last bits."""
    settings = _settings(contract_hours_per_week=37.5, cost_eur_per_hour={"phone": 38.7})
    demand = _demand("2026-11-16", 31 * 48, calls=np.linspace(40.0, 160.0, 31 * 48))
    result = plan.build_plan(demand, _roster(demand, 17.0), settings)
    hours = staffing.agent_hours(result["required_scheduled"].to_numpy(float), 30.0)
    assert np.array_equal(result["cost_required_eur"].to_numpy(float), staffing.labour_cost_eur(hours, 38.7))
    bridge = plan.budget_bridge(result, settings)
    for frame in (bridge.weekly, bridge.monthly):
        weeks = staffing.weeks_of(frame["days"].astype(float))
        for kind in ("required", "rostered"):
            expected = staffing.fte(frame[f"{kind}_agent_hours"], 37.5, weeks)
            assert frame[f"{kind}_fte"].tolist() == expected.tolist()
    month = bridge.monthly
    assert month["days"].tolist() == [15, 16]
    assert month["cost_flex_eur"].tolist() == staffing.labour_cost_eur(month["short_agent_hours"], 38.7, 0.25).tolist()
    tile = plan.overview_tiles(result, settings).set_index(["period", "channel"]).loc[("month", "phone")]
    first_month = result[result["ds"] < pd.Timestamp("2026-12-16", tz=TZ)]
    expected_fte = staffing.fte(float(plan.total(first_month)["required_agent_hours"]), 37.5, staffing.weeks_of(30.0))
    assert tile["days"] == 30 and tile["required_fte"] == expected_fte


def test_partial_week_fte_is_scaled_to_its_days() -> None:
    demand = _demand("2026-11-18", 2 * 48)  # Wednesday and Thursday only
    result = plan.build_plan(demand, _roster(demand, 20.0), _settings())
    week = plan.budget_bridge(result, _settings()).weekly.iloc[0]
    assert week["days"] == 2
    assert week["required_fte"] == pytest.approx(20 * 0.5 * 96 / (36 * 2 / 7))


def test_repricing_changes_only_costs() -> None:
    demand = _demand("2026-11-16", 8)
    result = plan.build_plan(demand, _roster(demand, 20.0), _settings())
    dearer = _settings(cost_eur_per_hour={"phone": 50.0})
    repriced = plan.with_costs(result, dearer)
    assert repriced["cost_required_eur"].sum() == pytest.approx(result["cost_required_eur"].sum() * 1.25)
    pd.testing.assert_series_equal(repriced["service_level"], result["service_level"])
    assert repriced.attrs["settings"] is dearer


def test_plans_for_several_settings_are_each_the_plan_of_its_settings() -> None:
    """``build_plans`` prepares the demand once; each plan is ``build_plan``'s to the bit, and
    the demand it was given is left as it was."""
    demand = pd.concat([_demand("2026-11-16", 8), _demand("2026-11-16", 8, calls=20.0, aht_s=300.0,
                                                          channel="chat")], ignore_index=True)
    roster = _roster(demand, np.where(demand["channel"] == "phone", 19.0, 2.0))
    given = demand.copy()
    strict = _settings(targets={"phone": replace(PHONE, target_service_level=0.9)})
    several = [_settings(), strict, _settings(shrinkage={"phone": 0.1})]
    plans = plan.build_plans(demand, roster, several)
    assert len(plans) == 3
    for one, settings in zip(plans, several, strict=True):
        pd.testing.assert_frame_equal(one, plan.build_plan(demand, roster, settings), check_exact=True)
        assert one.attrs["settings"] is settings
    phone = plans[0]["channel"] == "phone"
    assert (plans[1].loc[phone, "required"] > plans[0].loc[phone, "required"]).all()  # 90 % needs more than 80 %
    pd.testing.assert_frame_equal(demand, given)


# --------------------------------------------------------------------------- aggregation


def _hand_plan(volume: list[float], sl: list[float]) -> pd.DataFrame:
    ds = pd.date_range(pd.Timestamp("2026-11-16 09:00", tz=TZ), periods=len(volume), freq="15min")
    n = len(volume)
    return pd.DataFrame({
        "channel": "phone", "ds": ds, "interval_min": 15, "model": "erlang_a",
        "volume": volume, "volume_hi": volume, "aht_s": 300.0, "required": 1.0,
        "required_p90": 1.0, "required_scheduled": 2.0, "required_scheduled_p90": 2.0,
        "rostered": 2.0, "available": 1.4, "gap": 0.0, "service_level": sl,
        "asa_s": [10.0] * n, "p_abandon": [0.1] * n, "occupancy": [0.5] * n,
        "cost_required_eur": 1.0, "cost_rostered_eur": 1.0,
    })


def test_kpis_are_volume_weighted_not_averaged() -> None:
    frame = _hand_plan([100.0, 10.0], [0.5, 1.0])
    day = plan.summarise(frame, "D").iloc[0]
    assert day["service_level"] == pytest.approx((100 * 0.5 + 10 * 1.0) / 110)  # 54.5%
    assert day["service_level"] != pytest.approx(frame["service_level"].mean())  # not 75%
    assert day["volume"] == 110
    week = plan.summarise(frame, "W").iloc[0]
    assert week["service_level"] == pytest.approx(day["service_level"])
    assert plan.total(frame)["service_level"] == pytest.approx(day["service_level"])


def test_intervals_without_volume_carry_no_weight() -> None:
    frame = _hand_plan([0.0, 50.0], [np.nan, 0.9])
    assert plan.summarise(frame, "D").iloc[0]["service_level"] == pytest.approx(0.9)


def test_period_starts() -> None:
    ds = pd.Series(pd.to_datetime(["2026-11-18 10:00", "2026-12-01 00:15"]).tz_localize(TZ))
    assert plan.period_start(ds, "W").dt.date.tolist() == [date(2026, 11, 16), date(2026, 11, 30)]
    assert plan.period_start(ds, "M").dt.date.tolist() == [date(2026, 11, 1), date(2026, 12, 1)]
    with pytest.raises(plan.PlanError, match="freq must be one of D, W, M"):
        plan.period_start(ds, "Q")


# --------------------------------------------------------------------------- gaps


def test_gap_sign_and_worst_gaps() -> None:
    demand = _demand("2026-11-16 08:00", 8)
    agents = [20, 15, 14, 20, 20, 19, 20, 25]
    result = plan.build_plan(demand, _roster(demand, agents), _settings())
    assert (result["gap"] == np.array(agents) - 20).all()  # negative = short
    worst = plan.worst_gaps(result, n=3)
    assert len(worst) == 2
    first = worst.iloc[0]
    assert first["start"] == pd.Timestamp("2026-11-16 08:30", tz=TZ)
    assert first["end"] == pd.Timestamp("2026-11-16 09:30", tz=TZ)
    assert first["short_agent_hours"] == pytest.approx((5 + 6) * 0.5)
    assert first["max_short_agents"] == 6
    assert worst.iloc[1]["short_agent_hours"] == pytest.approx(0.5)


def test_gap_heatmap_is_weekday_by_time() -> None:
    demand = _demand("2026-11-16", 14 * 48)
    result = plan.build_plan(demand, _roster(demand, 19.0), _settings())
    table = plan.gap_heatmap(result, "phone")
    assert table.shape == (7, 48)
    assert (table.to_numpy() == -1).all()


# --------------------------------------------------------------------------- DST


@pytest.mark.parametrize(("day", "quarters", "hours"), [("2026-03-29", 92, 23), ("2026-10-25", 100, 25)])
def test_dst_day_has_its_real_length(day: str, quarters: int, hours: int) -> None:
    start = pd.Timestamp(day, tz=TZ)
    ds = pd.date_range(start, start + pd.Timedelta(days=1) + pd.Timedelta(hours=2), freq="15min")
    ds = ds[ds.tz_localize(None).normalize() == pd.Timestamp(day)]
    assert len(ds) == quarters
    demand = pd.DataFrame({"channel": "phone", "ds": ds, "interval_min": 15, "volume": 50.0,
                           "volume_hi": 50.0, "aht_s": 180.0})
    roster = _roster(demand, 10.0)
    result = plan.build_plan(demand, roster, _settings())
    assert len(result) == quarters
    summary = plan.summarise(result, "D").iloc[0]
    assert summary["days"] == 1
    assert summary["rostered_agent_hours"] == pytest.approx(10 * hours)
    assert summary["required_agent_hours"] == pytest.approx(result["required_scheduled"].iloc[0] * hours)


# --------------------------------------------------------------------------- metamorphic


@pytest.mark.parametrize("channel", ["phone", "chat", "email"])
def test_more_roster_never_lowers_achieved_service(channel: str) -> None:
    rng = np.random.default_rng(7)
    demand = _demand("2026-11-16 08:00", 40, interval_min=15, channel=channel)
    demand["volume"] = rng.poisson(40, len(demand)).astype(float)
    base = rng.integers(0, 25, len(demand)).astype(float)
    extra = base + rng.integers(0, 4, len(demand))
    targets = {"phone": PHONE, "chat": ChannelTargets(0.8, 60.0, concurrency=2.0, patience_s=200.0),
               "email": ChannelTargets(0.9, response_time_h=2.0)}
    settings = PlanSettings(targets=targets, shrinkage={channel: 0.25})
    low = plan.build_plan(demand, _roster(demand, base), settings)
    high = plan.build_plan(demand, _roster(demand, extra), settings)
    busy = demand["volume"].to_numpy() > 0
    assert (high["service_level"].to_numpy()[busy] >= low["service_level"].to_numpy()[busy] - 1e-12).all()
    assert plan.total(high)["service_level"] >= plan.total(low)["service_level"] - 1e-12


@pytest.mark.parametrize("channel", ["phone", "chat", "email"])
def test_rostering_the_requirement_meets_the_target(channel: str) -> None:
    demand = _demand("2026-11-16 08:00", 24, interval_min=15, channel=channel, calls=60.0)
    targets = {"phone": PHONE, "chat": ChannelTargets(0.8, 60.0, concurrency=2.0),
               "email": ChannelTargets(0.9, response_time_h=1.0)}
    settings = PlanSettings(targets=targets, shrinkage={channel: 0.3})
    first = plan.build_plan(demand, None, settings)
    assert (first["rostered"] == 0).all()
    exact = plan.build_plan(demand, _roster(demand, first["required_scheduled"].to_numpy()), settings)
    # the paid requirement is not rounded: a roster of it comes back up to float noise
    assert np.abs(exact["gap"].to_numpy(float)).max() < 1e-6
    assert (exact["available"] == first["required"]).all()
    target = settings.targets_for(channel).target_service_level
    if channel == "email":
        # deferred work: the target is the share of the period's messages answered in time
        assert plan.total(exact)["service_level"] >= target - 1e-9
    else:
        assert (exact["service_level"] >= target - 1e-9).all()


def test_more_volume_never_lowers_the_requirement() -> None:
    demand = _demand("2026-11-16 08:00", 6)
    more = demand.assign(volume=demand["volume"] * 1.3)
    low = plan.build_plan(demand, None, _settings())
    high = plan.build_plan(more, None, _settings())
    assert (high["required"] >= low["required"]).all()
    assert (low["required_p90"] >= low["required"]).all()


# --------------------------------------------------------------------------- roster alignment


def test_roster_is_aligned_to_the_demand_intervals() -> None:
    demand = _demand("2026-11-16 08:00", 2, interval_min=30)
    quarters = pd.date_range(pd.Timestamp("2026-11-16 08:00", tz=TZ), periods=4, freq="15min")
    fine = pd.DataFrame({"channel": "phone", "ds": quarters, "interval_min": 15,
                         "agents": [10.0, 20.0, 4.0, 6.0]})
    assert plan.align_roster(demand, fine).tolist() == [15.0, 5.0]  # mean over the interval
    coarse = pd.DataFrame({"channel": "phone", "ds": [pd.Timestamp("2026-11-16 08:00", tz=TZ)],
                           "interval_min": 60, "agents": [12.0]})
    fine_demand = _demand("2026-11-16 08:00", 4, interval_min=15)
    assert plan.align_roster(fine_demand, coarse).tolist() == [12.0] * 4
    other = coarse.assign(channel="chat")
    assert plan.align_roster(fine_demand, other).tolist() == [0.0] * 4


# --------------------------------------------------------------------------- settings


def test_settings_validation_names_the_field_and_range() -> None:
    with pytest.raises(ValueError, match=r"target_service_level must be a share above 0 up to 1"):
        ChannelTargets(target_service_level=1.5)
    with pytest.raises(ValueError, match=r"answer_time_s must be above 0 and at most 3600 s"):
        ChannelTargets(answer_time_s=0)
    with pytest.raises(ValueError, match=r"concurrency must be between 1 and 10"):
        ChannelTargets(concurrency=0.5)
    with pytest.raises(ValueError, match=r"shrinkage\['phone'\] must be a share from 0 up to 0.9"):
        PlanSettings(shrinkage={"phone": 0.95})
    with pytest.raises(ValueError, match=r"contract_hours_per_week must be above 0 and at most 60"):
        PlanSettings(contract_hours_per_week=0)


def test_settings_are_hashable_and_round_trip() -> None:
    settings = _settings().with_targets("phone", patience_s=120.0)
    assert hash(settings) == hash(plan.settings_from_json(settings.to_json()))
    assert plan.settings_from_json(settings.to_json()).targets_for("phone").patience_s == 120.0
    assert plan.channel_model("phone", settings.targets_for("phone")) == "erlang_a"
    assert plan.channel_model("email", settings.targets_for("email")) == "backlog"
    assert plan.channel_model("chat", settings.targets_for("chat")) == "chat"
    # the chat slow-down a planner sets is saved with the settings
    chat = settings.with_targets("chat", penalty_per_extra_session=0.4, history_sessions=1.8)
    kept = plan.settings_from_json(chat.to_json()).targets_for("chat")
    assert (kept.penalty_per_extra_session, kept.history_sessions) == (0.4, 1.8)


def test_default_settings_from_the_demo(demo_con: object) -> None:
    from kcc import store

    history = store.read_intervals(demo_con, start=date(2026, 9, 1))
    settings = plan.default_settings(store.read_settings(demo_con), history)
    assert settings.shrinkage_for("phone") == pytest.approx(0.25)  # planned 18% + unplanned 7%
    assert settings.flex_premium == pytest.approx(0.30)
    assert settings.contract_hours_per_week == 36.0
    assert settings.targets_for("phone").answer_time_s == 30.0
    assert settings.targets_for("email").response_time_h == pytest.approx(24.0)
    # the demo draws waits with a mean patience of 150 s
    assert settings.targets_for("phone").patience_s == pytest.approx(150.0, rel=0.15)


# --------------------------------------------------------------------------- detail and tiles


def test_interval_detail_explains_the_number() -> None:
    demand = _demand("2026-11-16 08:00", 4)
    result = plan.build_plan(demand, _roster(demand, 19.0), _settings())
    detail = plan.interval_detail(result, "phone", pd.Timestamp("2026-11-16 08:30"))
    assert detail.model == "erlang_c"
    assert detail.required == 14 and detail.required_scheduled == 20 and detail.gap == -1
    curve = detail.curve.set_index("agents")
    assert not curve.loc[13.0, "meets_targets"] and curve.loc[14.0, "meets_targets"]
    assert curve.loc[14.0, "service_level"] == pytest.approx(0.8884, abs=5e-5)
    inputs = detail.inputs.set_index("name")["value"]
    assert inputs["load_erlangs"] == pytest.approx(10.0)
    with pytest.raises(plan.PlanError, match="no interval"):
        plan.interval_detail(result, "phone", pd.Timestamp("2026-11-17 08:30"))


def test_chat_interval_detail_shows_the_slow_down_and_the_session_length() -> None:
    # the chat case: 120 chats/h, a lone session 15 min, up to 3, 80% within 60 s
    demand = _demand("2026-11-16 08:00", 2, interval_min=60, calls=120.0, aht_s=900.0,
                     channel="chat")
    for penalty, agents in ((0.0, 12), (0.5, 22)):
        chat = ChannelTargets(0.8, 60.0, max_occupancy=None, concurrency=3.0,
                              penalty_per_extra_session=penalty)
        settings = _settings(targets={"chat": chat}, shrinkage={"chat": 0.0})
        detail = plan.interval_detail(plan.build_plan(demand, None, settings), "chat",
                                      pd.Timestamp("2026-11-16 08:00"))
        assert detail.model == "chat" and detail.required == agents
        inputs = detail.inputs.set_index("name")["value"]
        assert inputs["penalty_per_extra_session"] == penalty
        assert inputs["history_sessions"] == 1.0 and inputs["lone_session_s"] == 900.0
        # 30 Erlang of sessions over the agents; Little's law gives the session length
        assert inputs["sessions_per_agent"] * agents == pytest.approx(inputs["effective_session_s"] / 30.0)
    assert inputs["effective_session_s"] == pytest.approx(1503.4, abs=0.1)
    assert inputs["sessions_per_agent"] == pytest.approx(2.278, abs=1e-3)
    # the history's 15 min measured at 2 sessions: a lone session of 10 min
    measured = replace(chat, history_sessions=2.0)
    detail = plan.interval_detail(
        plan.build_plan(demand, None, _settings(targets={"chat": measured}, shrinkage={"chat": 0.0})),
        "chat", pd.Timestamp("2026-11-16 08:00"))
    assert detail.inputs.set_index("name")["value"]["lone_session_s"] == pytest.approx(600.0)
    assert detail.required < 22


def test_overview_tiles_cover_the_coming_week_and_month() -> None:
    demand = _demand("2026-11-16", 35 * 48)
    result = plan.build_plan(demand, _roster(demand, 20.0), _settings())
    tiles = plan.overview_tiles(result, _settings()).set_index(["period", "channel"])
    week = tiles.loc[("week", "all")]
    assert week["days"] == 7 and week["contacts"] == pytest.approx(100 * 48 * 7)
    assert week["required_fte"] == pytest.approx(20 * 24 * 7 / 36)
    assert week["service_level"] == pytest.approx(0.8884, abs=5e-5)
    month = tiles.loc[("month", "all")]
    assert month["days"] == 30  # 16 Nov to 15 Dec


def test_demand_takes_handle_time_by_weekday_and_time() -> None:
    ds = pd.date_range(pd.Timestamp("2026-11-02", tz=TZ), periods=14 * 96, freq="15min")
    hour = ds.hour
    history = pd.DataFrame({
        "channel": "phone", "queue": "default", "ds": ds, "interval_min": 15, "offered": 10.0,
        "answered": 10.0, "abandoned": 0.0, "aht_s": np.where(hour < 12, 200.0, 400.0),
        "wait_s_total": 0.0, "closed_attempts": 0.0,
    })
    future = pd.date_range(pd.Timestamp("2026-11-16", tz=TZ), periods=96, freq="15min")
    forecasts = pd.DataFrame({"channel": "phone", "queue": "default", "ds": future, "yhat": 5.0,
                              "yhat_hi_80": 7.0})
    demand = plan.demand_from_forecast(history, forecasts)
    assert list(demand.columns) == list(plan.DEMAND_COLUMNS)
    assert demand.loc[demand["ds"].dt.hour < 12, "aht_s"].eq(200.0).all()
    assert demand.loc[demand["ds"].dt.hour >= 12, "aht_s"].eq(400.0).all()
    assert demand["volume_hi"].eq(7.0).all() and demand["interval_min"].eq(15).all()


def test_interval_detail_names_the_binding_target() -> None:
    demand = _demand("2026-11-16 08:00", 2)
    capped = _settings(targets={"phone": ChannelTargets(0.8, 20.0, max_occupancy=0.5)})
    detail = plan.interval_detail(plan.build_plan(demand, None, capped), "phone",
                                  pd.Timestamp("2026-11-16 08:00"))
    assert detail.required == 20  # load 10 Erlang at 50% occupancy
    assert detail.binding == ("max_occupancy",)
    plain = plan.interval_detail(plan.build_plan(demand, None, _settings()), "phone",
                                 pd.Timestamp("2026-11-16 08:00"))
    assert plain.binding == ("target_service_level",)


# --------------------------------------------------------------------------- plan horizon


def _series_rows(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "channel": [r[0] for r in rows],
        "queue": [r[1] for r in rows],
        "last_ds": pd.to_datetime([r[2] for r in rows]).tz_localize(TZ),
    })


def test_plan_horizon_starts_after_the_newest_history_and_leaves_a_stale_series_out() -> None:
    series = _series_rows(("phone", "default", "2026-11-15 23:45"),
                          ("chat", "default", "2026-11-15 22:00"),
                          ("phone", "us-bank", "2003-10-24 20:45"))
    horizon = plan.plan_horizon(series, 13)
    assert (horizon.start, horizon.end, horizon.days) == (date(2026, 11, 16), date(2027, 2, 15), 91)
    assert horizon.stale == (plan.StaleSeries("phone", "us-bank", date(2003, 10, 24)),)
    assert horizon.forecast_days == (("phone", "default", 91), ("chat", "default", 91))


def test_plan_horizon_forecasts_a_slightly_older_series_up_to_the_plan_end() -> None:
    # history ends exactly 8 weeks before the plan starts: still planned, forecast 8 weeks longer
    series = _series_rows(("phone", "default", "2026-11-15 23:45"),
                          ("email", "default", "2026-09-20 17:00"))
    horizon = plan.plan_horizon(series, 4)
    assert horizon.stale == ()
    assert dict(((c, q), d) for c, q, d in horizon.forecast_days) == {
        ("phone", "default"): 28, ("email", "default"): 28 + 56}
    one_day_more = _series_rows(("phone", "default", "2026-11-15 23:45"),
                                ("email", "default", "2026-09-19 17:00"))
    assert [s.channel for s in plan.plan_horizon(one_day_more, 4).stale] == ["email"]
    assert [s.channel for s in plan.plan_horizon(one_day_more, 4, stale_weeks=9).stale] == []


def test_plan_horizon_uses_local_dates_and_rejects_bad_input() -> None:
    # 23:45 local on 15 November is 22:45 UTC: the local date decides
    series = _series_rows(("phone", "default", "2026-11-15 23:45"))
    assert plan.plan_horizon(series, 1).start == date(2026, 11, 16)
    with pytest.raises(plan.PlanError, match="no series to plan"):
        plan.plan_horizon(series.iloc[0:0], 13)
    with pytest.raises(plan.PlanError, match="weeks must be a whole number from 1 up to 104, got 0"):
        plan.plan_horizon(series, 0)
    with pytest.raises(plan.PlanError, match=r"lacks column\(s\): last_ds"):
        plan.plan_horizon(series.drop(columns="last_ds"), 13)


def test_within_horizon_keeps_only_the_plan_days() -> None:
    ds = pd.date_range("2026-11-14", periods=5, freq="D", tz=TZ)
    frame = pd.DataFrame({"ds": ds, "volume": range(5)})
    horizon = plan.PlanHorizon(date(2026, 11, 15), date(2026, 11, 17), (), ())
    kept = plan.within_horizon(frame, horizon)
    assert list(kept["volume"]) == [1, 2]


def test_budget_downloads_keep_text_as_text() -> None:
    """The budget workbook has no formulas of its own: a channel text that starts like one
    (as a hostile file could bring) is a string cell, and the CSV cell gets a quote."""
    import io

    from openpyxl import load_workbook

    formula = '=HYPERLINK("http://127.0.0.1:9/p","click")'
    weekly = pd.DataFrame({"channel": [formula, "phone"], "week": ["2026-11-16", "2026-11-16"],
                           "required_fte": [1.5, -0.5]})
    monthly = pd.DataFrame({"channel": ["@chat"], "month": ["2026-11-01"], "cost_total_eur": [10.0]})
    bridge = plan.BudgetBridge(weekly, monthly, 36.0)
    book = load_workbook(io.BytesIO(bridge.to_xlsx()))
    assert [(c.value, c.data_type) for c in book["weekly_fte"]["A"]] == [
        ("channel", "s"), (formula, "s"), ("phone", "s")]
    assert book["monthly_eur"]["A2"].data_type == "s"
    csv = bridge.to_csv()
    assert f"'{formula}" in csv.replace('""', '"') and "'@chat" in csv and ",-0.5" in csv


# --------------------------------------------------------------------------- absurd values


def test_one_absurd_count_leaves_the_plan_finite_and_flagged(demo_con: object) -> None:
    """One count of 1e12 in a recent phone interval (QA, issue 12) once stalled the planning
    pages for minutes with ``overflow encountered in exp``. The pure pipeline the pages cache
    (forecast, demand, plan, overview, interval detail, the baseline levers) finishes with
    finite numbers, the absurd intervals flagged approximate, and no numpy warning at all."""
    import warnings

    from kcc import forecast, store
    from kcc.scenarios import ScenarioSpec, evaluate_scenario, hours_from_setting

    history = store.read_intervals(demo_con, channel="phone")
    local = history["ds"]
    recent = history.index[(local.dt.hour == 10) & (local.dt.day_of_week < 5)][-1]
    history.loc[recent, "offered"] = 1e12
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the forecast's own fitting notes are not the point
        fc = forecast.forecast(history.rename(columns={"offered": "y"})[["ds", "y"]], 28,
                               channel="phone")
    fc = fc.assign(channel="phone", queue="default")
    stored = store.read_settings(demo_con)
    settings = plan.default_settings(stored, history)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        demand = plan.demand_from_forecast(history, fc)
        assert demand["volume"].max() > 1e11  # the absurd count reached the forecast
        start = demand["ds"].min().date()
        roster = store.read_roster(demo_con, start=start, end=start + pd.Timedelta(days=29))
        result = plan.build_plan(demand, roster, settings,
                                 open_hours=plan.service_hours(stored))
        numbers = result[["required", "required_p90", "required_scheduled",
                          "required_scheduled_p90", "gap", "occupancy", "cost_required_eur",
                          "cost_rostered_eur"]].to_numpy(float)
        assert np.isfinite(numbers).all()
        busy = result["volume"] > 0
        kpis = result.loc[busy, ["service_level", "p_abandon"]].to_numpy(float)
        assert np.isfinite(kpis).all()
        # the ASA is infinite only where nobody answers (no agent on the roster)
        assert np.isfinite(result.loc[busy & (result["available"] >= 1), "asa_s"]).all()
        huge = result["volume"] > 1e6
        assert huge.any() and result.loc[huge, "approximate"].all()
        assert not result.loc[result["volume"] < 1e3, "approximate"].any()
        # the absurd intervals need absurdly many agents and get hardly any service
        assert (result.loc[huge, "required"] > 1e8).all()
        assert (result.loc[huge, "service_level"] < 0.01).all()
        staffed = huge & (result["available"] >= 1)
        assert staffed.any() and (result.loc[staffed, "occupancy"] > 0.99).all()
        plan.overview_tiles(result, settings)
        plan.budget_bridge(result, settings)
        assert np.isfinite(plan.summarise(result, "W")["required_agent_hours"]).all()
        worst = result.loc[result["volume"].idxmax()]
        detail = plan.interval_detail(result, "phone", worst["ds"], settings)
        assert np.isfinite(detail.curve["service_level"]).all()
        levers = evaluate_scenario(
            demand, roster, settings, ScenarioSpec(),
            opening_hours=hours_from_setting(stored.get("opening_hours")) or None,
        )
        assert np.isfinite(levers.fte) and np.isfinite(levers.service_level_roster)


def test_a_short_targets_interval_curve_is_the_whole_periods_within_a_hundredth_point() -> None:
    # a queue carried between intervals forgets the day before: the curve solves the days
    # around the interval and takes the rest of the period at its requirement
    rng = np.random.default_rng(11)
    days = 6
    demand = _demand("2026-11-16 00:00", days * 96, interval_min=15, channel="email")
    hour = demand["ds"].dt.hour.to_numpy()
    demand["volume"] = np.where((hour >= 8) & (hour < 20), rng.poisson(30, len(demand)), 0).astype(float)
    settings = PlanSettings(targets={"email": ChannelTargets(0.8, response_time_h=0.25)}, shrinkage={"email": 0.3})
    the_plan = plan.build_plan(demand, None, settings)
    at = pd.Timestamp("2026-11-19 11:00", tz=TZ)
    detail = plan.interval_detail(the_plan, "email", at, settings)
    # the whole period solved for every count, as a reference
    rows = the_plan[the_plan["channel"] == "email"]
    pos = rows.index.get_loc(rows.index[rows["ds"] == at][0])
    required = rows["required"].to_numpy(float)
    opened = (required > 0) | (rows["rostered"].to_numpy(float) > 0)
    opened[pos] = True
    volume = rows["volume"].to_numpy(float)
    for count, got in zip(detail.curve["agents"], detail.curve["service_level"], strict=True):
        trial = required.copy()
        trial[pos] = count
        kp = achieve("backlog", settings.targets_for("email"), volume, rows["aht_s"].to_numpy(float),
                          rows["interval_min"].to_numpy(float) * 60.0, trial, rows["ds"], opened)
        known = np.isfinite(kp.service_level) & (volume > 0)
        whole = (kp.service_level[known] * volume[known]).sum() / volume[known].sum()
        assert got == pytest.approx(whole, abs=1e-4)
