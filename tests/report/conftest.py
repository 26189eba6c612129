"""Shared fixtures of the board summary's tests."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest


@pytest.fixture(scope="session")
def demo_results(demo_db_template: Any) -> dict[str, Any]:
    """Baseline and two scenarios evaluated on the demo's last two weeks of history."""
    from kcc import plan, scenarios, store

    con = store.connect(str(demo_db_template))
    try:
        stored = store.read_settings(con)
        history = store.read_intervals(con)
        last = history["ds"].max()
        demand = history[history["ds"] > last - pd.Timedelta(weeks=2)].rename(columns={"offered": "volume"})
        demand = demand.assign(volume_hi=demand["volume"] * 1.15).reset_index(drop=True)
        roster = store.read_roster(con, start=demand["ds"].min(), end=last + pd.Timedelta(minutes=15))
    finally:
        con.close()
    settings = plan.default_settings(stored)
    hours = scenarios.hours_from_setting(stored.get("opening_hours"))
    working = scenarios.hours_from_setting(stored.get("working_hours"))
    surge = scenarios.SurgeTest(channel="phone", uplift=0.5, duration_min=240, home_agents=10)
    longer = scenarios.ScenarioSpec(surge=surge).with_hours(
        next(h for h in hours if h.channel == "phone").with_day(0, 8 * 60, 22 * 60)
    ).with_fcr(scenarios.FcrLever("chat", 0.75, 0.8, aht_change=0.1))  # and chat resolves more

    def run(spec: scenarios.ScenarioSpec, name: str) -> scenarios.ScenarioResult:
        return scenarios.evaluate_scenario(demand, roster, settings, spec, opening_hours=hours,
                                           working_hours=working, name=name, staffed_kpis=False)

    return {
        "settings": settings,
        "hours": hours,
        "baseline": run(longer.baseline(), "Baseline"),
        "same": run(scenarios.ScenarioSpec(surge=surge), "No change"),
        "longer": run(longer, "Phone until 22:00 on Mondays"),
    }
