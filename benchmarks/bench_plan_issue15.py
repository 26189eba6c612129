"""A 13-week plan of the demo centre before and after issue 15, side by side in one run.

Issue 15 replaced the plan's deferred-work, chat, hours and P90 models (a level per day by
LP, Erlang C for short targets, the chat chain, start backlog, holidays closed). This script
times the same work with the code of the commit before issue 15's first change (``BEFORE``,
unpacked into a temporary directory with ``git archive``) and with the working tree, each in
a child process of the same Python, on the same freshly loaded demo database:

* ``whole pipeline``: ``kcc.pipeline.run_plan(con, horizon_weeks=13)`` (store -> forecast ->
  demand -> roster -> plan);
* ``plan only``: the staffing step on the demand and roster that run made
  (``kcc.pipeline.interval_plan``), per channel and in total.

Each is the best of ``--repeats`` runs after one warm-up. Prints a Markdown table with the
ratio after / before and the machine facts.

Run: ``.venv/bin/python benchmarks/bench_plan_issue15.py [--repeats N] [--before COMMIT]``
"""

from __future__ import annotations

import argparse
import inspect
import sys
import tempfile
import time
from pathlib import Path

from trees import machine, run_in_tree, unpack

ROOT = Path(__file__).resolve().parents[1]
#: The commit before issue 15's first change (the chat chain and the honest hours both start
#: from it).
BEFORE = "0395529"
WEEKS = 13


def _measure(root: str, repeats: int) -> dict[str, float]:
    """Seconds of the whole pipeline and of the plan step alone (best of ``repeats``), with
    the code under ``root``; runs in a child process so each tree imports its own ``kcc``."""
    sys.path.insert(0, root)
    import warnings

    warnings.simplefilter("ignore")
    from kcc import demo, pipeline, plan, store  # imported here: from the tree under test

    def forget() -> None:
        """Every timed run staffs every channel anew: a tree that remembers channel staffings
        (``kcc.plan.build.STAFFING_MEMO``) forgets them first."""
        memo = getattr(sys.modules.get("kcc.plan.build"), "STAFFING_MEMO", None)
        if memo is not None:
            memo.clear()

    with tempfile.TemporaryDirectory() as tmp:
        con = store.connect(str(Path(tmp) / "bench.duckdb"))
        demo.load_demo(con)
        run = pipeline.run_plan(con, horizon_weeks=WEEKS)  # warm-up
        whole = []
        for _ in range(repeats):
            forget()
            start = time.perf_counter()
            run = pipeline.run_plan(con, horizon_weeks=WEEKS)
            whole.append(time.perf_counter() - start)
        hours = plan.service_hours(run.stored)
        extra = {}
        if "start_backlog" in inspect.signature(pipeline.channel_plan).parameters:
            extra["start_backlog"] = pipeline.start_backlog(run.history, hours)
        per_channel: dict[str, list[float]] = {}

        def channel(c: str, narrow: plan.PlanSettings) -> object:
            start = time.perf_counter()
            out = pipeline.channel_plan(run.demand, run.roster, c, narrow, hours, **extra)
            per_channel.setdefault(c, []).append(time.perf_counter() - start)
            return out

        only = []
        for _ in range(repeats):
            forget()
            start = time.perf_counter()
            pipeline.interval_plan(run.demand, run.settings, channel)
            only.append(time.perf_counter() - start)
        con.close()
    out = {"whole pipeline": min(whole), "plan only": min(only)}
    out.update({f"plan only: {c}": min(v) for c, v in per_channel.items()})
    out["intervals"] = float(len(run.plan))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--before", default=BEFORE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = run_in_tree(unpack(args.before, Path(tmp)), "bench_plan_issue15", "_measure", args.repeats)
    after = run_in_tree(ROOT, "bench_plan_issue15", "_measure", args.repeats)
    print(f"13-week plan of the demo centre, best of {args.repeats}; before = {args.before}\n")
    print("| step | before [s] | after [s] | after / before |")
    print("|---|---:|---:|---:|")
    for step in after:
        if step == "intervals" or step not in before:
            continue
        print(f"| {step} | {before[step]:.2f} | {after[step]:.2f} | {after[step] / before[step]:.2f}x |")
    print(f"\nplan rows: {before['intervals']:.0f} before, {after['intervals']:.0f} after")
    print(f"machine: {machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
