"""Period P90 and the chance a day or week meets its service level."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kcc import plan
from kcc.plan import ChannelTargets, PlanSettings

TZ = "Europe/Amsterdam"
SETTINGS = PlanSettings(targets={"phone": ChannelTargets(0.8, 20.0, max_occupancy=None)},
                        shrinkage={"phone": 0.0})


def test_period_p90_known_values() -> None:
    p50, p90 = np.array([100.0, 100.0, 100.0, 100.0]), np.array([110.0, 110.0, 110.0, 110.0])
    assert plan.period_p90(p50, p90, correlation=1.0) == pytest.approx(440.0)  # the sum of P90s
    assert plan.period_p90(p50, p90, correlation=0.0) == pytest.approx(420.0)  # sqrt(4) x 10
    assert plan.period_p90(p50, p90, correlation=0.5) == pytest.approx(400.0 + np.sqrt(0.5 * 400 + 0.5 * 1600))


def _week(calls: float, day_sd: float, days: int = 7, start: str = "2026-11-16") -> pd.DataFrame:
    ds = pd.date_range(pd.Timestamp(f"{start} 08:00", tz=TZ), periods=days * 96, freq="15min")
    ds = ds[(ds.hour >= 8) & (ds.hour < 20)]
    volume = np.full(len(ds), calls)
    return pd.DataFrame({"channel": "phone", "queue": "default", "ds": ds, "interval_min": 15,
                         "volume": volume, "volume_hi": volume * np.exp(stats.norm.ppf(0.9) * day_sd),
                         "aht_s": 300.0})


def _roster(demand: pd.DataFrame, agents: float) -> pd.DataFrame:
    return demand[["channel", "ds", "interval_min"]].assign(agents=agents)


def test_weekly_p90_is_less_than_the_sum_of_the_days() -> None:
    demand = _week(30.0, 0.1)
    the_plan = plan.build_plan(demand, None, SETTINGS)
    daily = plan.summarise(the_plan, "D")
    weekly = plan.summarise(the_plan, "W")
    assert weekly["required_agent_hours"].sum() == pytest.approx(daily["required_agent_hours"].sum())
    assert weekly["required_p90_agent_hours"].iloc[0] < daily["required_p90_agent_hours"].sum()
    assert weekly["required_p90_agent_hours"].iloc[0] == pytest.approx(plan.period_p90(
        daily["required_agent_hours"].to_numpy(), daily["required_p90_agent_hours"].to_numpy()))


def test_chance_to_meet_the_target_follows_the_roster_and_the_error() -> None:
    demand = _week(30.0, 0.1, days=2)
    needed = plan.build_plan(demand, None, SETTINGS)["required"].max()
    chances = []
    for agents in (0.0, needed, needed + 2, needed + 30):
        the_plan = plan.build_plan(demand, _roster(demand, agents), SETTINGS)
        risk = plan.service_risk(the_plan, SETTINGS, "D")
        assert list(risk.columns) == list(plan.RISK_COLUMNS)
        assert risk["error_sd"].to_numpy() == pytest.approx([0.1, 0.1])
        chances.append(float(risk["p_meet"].iloc[0]))
    assert chances[0] == pytest.approx(0.0, abs=1e-9)
    assert chances == sorted(chances)  # more agents never lower the chance
    assert 0.5 < chances[1] < chances[2] < 1.0  # the requirement meets the target at the forecast
    assert chances[3] == pytest.approx(1.0, abs=1e-6)
    # the chance is the log-normal probability of staying below the factor at the target
    risk = plan.service_risk(plan.build_plan(demand, _roster(demand, needed), SETTINGS), SETTINGS, "D")
    row = risk.iloc[0]
    assert row["p_meet"] == pytest.approx(stats.norm.cdf(np.log(row["factor_at_target"]) / 0.1))
    # a wider error makes a comfortable day less certain
    wide = _week(30.0, 0.3, days=2)
    wide_plan = plan.build_plan(wide, _roster(wide, needed + 2), SETTINGS)
    assert plan.service_risk(wide_plan, SETTINGS, "D")["p_meet"].iloc[0] < chances[2]


def test_weekly_chance_uses_the_weeks_spread() -> None:
    demand = _week(30.0, 0.1)
    the_plan = plan.build_plan(demand, _roster(demand, 12.0), SETTINGS)
    week = plan.service_risk(the_plan, SETTINGS, "W")
    assert len(week) == 1
    # seven equal days sharing half their error: sqrt(0.5/7 + 0.5) x 0.1
    assert week["error_sd"].iloc[0] == pytest.approx(0.1 * np.sqrt(0.5 / 7 + 0.5))
    with pytest.raises(ValueError, match="freq must be 'D', 'W' or 'all'"):
        plan.service_risk(the_plan, SETTINGS, "M")


def test_seven_days_from_a_saturday_are_one_period() -> None:
    """The Overview's coming week starts the day after the history, on any weekday: as one
    period it is the same chance as the same seven days from a Monday, not a weekend and a
    working week apart."""
    monday = _week(30.0, 0.1)
    from_monday = plan.service_risk(plan.build_plan(monday, _roster(monday, 12.0), SETTINGS), SETTINGS, "W")
    saturday = _week(30.0, 0.1, start="2026-11-21")
    the_plan = plan.build_plan(saturday, _roster(saturday, 12.0), SETTINGS)
    assert len(plan.service_risk(the_plan, SETTINGS, "W")) == 2  # Sat-Sun, then Mon-Fri
    whole = plan.service_risk(the_plan, SETTINGS, "all")
    assert len(whole) == 1
    assert whole["period"].iloc[0] == pd.Timestamp("2026-11-21")
    assert whole["volume"].iloc[0] == pytest.approx(saturday["volume"].sum())
    assert whole["error_sd"].iloc[0] == pytest.approx(0.1 * np.sqrt(0.5 / 7 + 0.5))
    for column in ("service_level", "factor_at_target", "p_meet"):
        assert whole[column].iloc[0] == pytest.approx(from_monday[column].iloc[0], rel=1e-12)
