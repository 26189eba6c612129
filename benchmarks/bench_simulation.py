"""The plan check by simulation on the demo centre: one week, every staffed channel, 10 runs.

Times ``kcc.simulation.simulate_plan`` (SimPy) on the first week of the demo's 13-week plan,
wall clock and CPU, per channel and in all, with the simulated contacts per second, and sets
the simulated week figures beside the model's. The plan itself is built once before timing.
Prints a markdown table.

Run: ``.venv/bin/python benchmarks/bench_simulation.py``
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kcc import demo, pipeline, plan, simulation, store  # noqa: E402


def main() -> None:
    con = store.connect(":memory:")
    demo.load_demo(con)
    run = pipeline.run_plan(con)
    start = simulation.plan_weeks(run.plan)[0]
    hours = plan.service_hours(run.stored)
    print("| channel | runs | contacts per run | wall [s] | CPU [s] | contacts/s (CPU) "
          "| model | simulated (95% CI) |\n|---|---|---|---|---|---|---|---|")
    wall_all = cpu_all = 0.0
    for channel in plan.channel_order(run.plan.loc[run.plan["model"] != "none", "channel"].unique()):
        wall, cpu = time.perf_counter(), time.process_time()
        result = simulation.simulate_plan(run.plan, start, settings=run.settings, open_hours=hours,
                                          channels=(channel,))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        wall_all, cpu_all = wall_all + wall, cpu_all + cpu
        week = result.week.iloc[0]
        contacts = float(week["offered"])
        print(f"| {channel} | {result.spec.replications} | {contacts:,.0f} | {wall:.1f} | {cpu:.1f} "
              f"| {contacts * result.spec.replications / cpu:,.0f} | {week['model_share']:.1%} "
              f"| {week['share']:.1%} ({week['share_lo']:.1%}-{week['share_hi']:.1%}) |")
    print(f"| **all** | | | **{wall_all:.1f}** | **{cpu_all:.1f}** | | | |")


if __name__ == "__main__":
    main()
