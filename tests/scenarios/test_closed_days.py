"""Holidays the user marked closed reach the scenarios' deferred work, as the Staffing page's plan."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kcc import pipeline, plan
from kcc.scenarios import ChannelHours, ScenarioSpec, evaluate_scenario

TZ = "Europe/Amsterdam"
CLOSED = "2026-10-06"


def _email_days(days: int = 3) -> pd.DataFrame:
    """E-mail arriving 09:00-17:00 on ``days`` days from Monday 5 October 2026, 15-minute intervals."""
    ds = pd.date_range(pd.Timestamp("2026-10-05", tz=TZ), periods=days * 96, freq="15min")
    minute = ds.hour * 60 + ds.minute
    volume = np.where((minute >= 540) & (minute < 1020), 6.0, 0.0)
    return pd.DataFrame({"channel": "email", "queue": "default", "ds": ds, "interval_min": 15,
                         "volume": volume, "volume_hi": volume * 1.2, "aht_s": 600.0, "closed_attempts": 0.0})


def _day_hours(result_plan: pd.DataFrame, day: str) -> float:
    local = result_plan["ds"].dt.tz_localize(None).dt.normalize()
    rows = result_plan[(result_plan["channel"] == "email") & (local == pd.Timestamp(day))]
    return float((rows["required"] * rows["interval_min"] / 60).sum())


def test_a_day_marked_closed_moves_deferred_work_off_it() -> None:
    demand = _email_days()
    hours = (ChannelHours("email", (540,) * 7, (1020,) * 7),)
    open_ = evaluate_scenario(demand, None, plan.PlanSettings(), ScenarioSpec(), opening_hours=hours,
                              staffed_kpis=False)
    closed = evaluate_scenario(demand, None, plan.PlanSettings(), ScenarioSpec(), opening_hours=hours,
                               closed_days=(CLOSED,), staffed_kpis=False)
    assert _day_hours(open_.plan, CLOSED) > 0
    assert _day_hours(closed.plan, CLOSED) == 0  # nobody works the backlog on a closed day
    # the day's e-mail is worked on the other days instead
    other = ("2026-10-05", "2026-10-07")
    assert sum(_day_hours(closed.plan, d) for d in other) > sum(_day_hours(open_.plan, d) for d in other)


def test_the_scenario_baseline_carries_the_marked_days() -> None:
    demand = _email_days()
    roster = demand[["channel", "ds", "interval_min"]].assign(agents=0.0)
    history = demand.rename(columns={"volume": "offered"})[["channel", "queue", "ds", "interval_min", "offered"]]
    stored = {"holiday_treatments": {CLOSED: 0.0, "2026-10-07": 0.5}, "country": ""}
    base = pipeline.scenario_baseline(demand, roster, history, stored, weeks=1)
    assert base is not None
    assert base.closed_days == (CLOSED,)  # a reduced day is not closed
    result = pipeline.evaluate(base, plan.PlanSettings(), ScenarioSpec())
    assert _day_hours(result.plan, CLOSED) == 0
