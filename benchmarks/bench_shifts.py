"""Shift cover: ``kcc.shifts.cover`` (HiGHS MILP via scipy) against pyworkforce's
``MinRequiredResources`` (OR-Tools CP-SAT) on the same instances, in one run.

Instances: one week at 15 minutes, shifts of 4, 6 and 8 hours starting every 15 minutes
between 07:00 and 22:00; with and without a paid 30-minute break in shifts over 5.5 hours
(for pyworkforce each break placement is a shift of its own, with the same cost). Weeks: the
demo centre's first plan week of phone and of chat (agents to roster, ``required_scheduled``),
and a synthetic week with two daily peaks. Both get exactly the same requirement (the
intervals inside the window) and minimise paid hours (pyworkforce's integer cost is a shift's
length in quarter hours). pyworkforce searches with 2 workers, HiGHS runs as scipy calls it
(its branch and bound is serial); both have a 60 s limit.

Prints a markdown table: paid hours, time, status of each and the ratios. Run:

    python benchmarks/bench_shifts.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kcc import demo, pipeline, simulation, store  # noqa: E402
from kcc.shifts import ShiftRules, cover, plan_requirement  # noqa: E402
from kcc.shifts.model import candidates, requirement_grid  # noqa: E402

LIMIT_S = 60.0


def two_peak_week(peak: float = 40.0, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2026-11-16", periods=7 * 96, freq="15min", tz="Europe/Amsterdam")
    hour = ds.hour + ds.minute / 60
    level = peak * (np.exp(-(((hour - 10.5) / 1.8) ** 2)) + 0.8 * np.exp(-(((hour - 19) / 1.6) ** 2))) + 3
    level = np.where((hour >= 7) & (hour < 22), level, 0.0) * np.where(ds.day_of_week >= 5, 0.5, 1.0)
    return pd.DataFrame({"ds": ds, "agents": np.ceil(level * rng.uniform(0.9, 1.1, len(ds)))})


def inside_window(required: pd.DataFrame, rules: ShiftRules) -> pd.DataFrame:
    start, end = rules.window_min
    wall = required["ds"].dt.hour * 60 + required["ds"].dt.minute
    return required[(wall >= start) & (wall < end)].reset_index(drop=True)


def pyworkforce_cover(required: pd.DataFrame, rules: ShiftRules) -> tuple[float, float, str]:
    """Paid hours, seconds and status of pyworkforce's MinRequiredResources."""
    from pyworkforce.scheduling import MinRequiredResources  # benchmark-only peer

    grid = requirement_grid(required, rules, 15)
    shifts = candidates(rules, grid.slot_min)
    coverage = {f"s{k}": shifts.on_floor[:, k].astype(int).tolist() for k in range(len(shifts.cost))}
    costs = {f"s{k}": int(shifts.length_min[k] // 15) for k in range(len(shifts.cost))}
    need = np.ceil(grid.target).astype(int)
    scheduler = MinRequiredResources(
        num_days=len(grid.days), periods=need.shape[1], shifts_coverage=coverage,
        required_resources=need.tolist(), max_period_concurrency=int(need.max()) * 10,
        max_shift_concurrency=int(need.max()), cost_dict=costs, max_search_time=LIMIT_S,
        num_search_workers=2)
    started = time.perf_counter()
    solution = scheduler.solve()
    seconds = time.perf_counter() - started
    hours = sum(row["resources"] * shifts.length_min[int(row["shift"][1:])] / 60
                for row in solution["resources_shifts"] if row["resources"] > 0)
    return float(hours), seconds, str(solution["status"])


def main() -> None:
    con = store.connect(":memory:")
    demo.load_demo(con)
    run = pipeline.run_plan(con)
    week = simulation.plan_weeks(run.plan)[0]
    weeks = {
        "demo phone": plan_requirement(run.plan, "phone", week),
        "demo chat": plan_requirement(run.plan, "chat", week),
        "two peaks": two_peak_week(),
    }
    print("| week | breaks | required [h] | ours: paid [h] | ours: time [s] | ours: gap | "
          "pyworkforce: paid [h] | pyworkforce: time [s] | pyworkforce: status | paid hours, theirs / ours "
          "| time, theirs / ours |\n|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for name, required in weeks.items():
        for pause in (0, 30):
            rules = ShiftRules(break_min=pause, time_limit_s=LIMIT_S)
            same = inside_window(required, rules)
            ours = cover(same, rules, interval_min=15)
            theirs, seconds, status = pyworkforce_cover(same, rules)
            print(f"| {name} | {pause} min | {ours.required_hours:,.0f} | {ours.rostered_hours:,.2f} "
                  f"| {ours.solve_s:.2f} | {ours.mip_gap:.2%} | {theirs:,.2f} | {seconds:.2f} | {status} "
                  f"| {theirs / ours.rostered_hours:.3f} | {seconds / ours.solve_s:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
