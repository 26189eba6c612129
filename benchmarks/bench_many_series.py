"""The first plan of many series (a BPO: queues x channels): the many-series job
(``kcc.jobs``) sequential vs a local process pool vs a Dask ``LocalCluster``, side by side, and
the first plan read after it from the stored results (what a page load then costs).

The job forecasts every series and then staffs each channel for the stored settings
(``kcc.jobs.run_job``); the first plan afterwards reads both from the store.

Each engine starts from an empty results table on the same generated centre
(``kcc.demo.many_series_intervals``: quarter-hours 08:00-18:00, ``--weeks`` weeks of history)
and forecasts one week ahead. The peer is the sequential run, as the app computed before the job.

Run: ``.venv/bin/python benchmarks/bench_many_series.py [--series 200] [--workers N]``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kcc import demo, jobs, pipeline, plan, store  # noqa: E402


def _centre(series: int, weeks: int):  # noqa: ANN202 - a store connection
    con = store.connect(":memory:")
    frame = demo.many_series_intervals(series, weeks=weeks)
    store.replace_intervals(con, frame, store.ImportRecord(
        file_name="many.csv", kind="intervals", imported_by="bench", rows_read=len(frame)))
    return con


def _first_plan_read_s(con, span, country: str) -> tuple[float, object]:  # noqa: ANN001
    """Demand and staffed plan from the stored forecasts and channel plans, as the first page
    load does once the job has run (``kcc.pipeline.run_plan``'s steps, reading the store)."""
    start = time.perf_counter()
    stored = store.read_settings(con)
    history = pipeline.recent_history(con)
    data = jobs.data_hash(store.volume_fingerprint(con))
    demand = jobs.forecast_demand(con, history, span, country, data)
    settings = plan.default_settings(stored, history)
    roster_ = pipeline.roster_for(con, demand)
    hours = plan.service_hours(stored)
    waiting = pipeline.start_backlog(history, hours)
    out = pipeline.interval_plan(demand, settings, lambda c, narrow: jobs.channel_plan(
        con, demand, roster_, c, narrow, hours, waiting, data))
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=8, help="weeks of history per series")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    country = "NL"

    from distributed import LocalCluster

    rows = []
    engines = {
        "sequential (one process)": contextlib.nullcontext,
        f"process pool ({args.workers} workers)": lambda: jobs.executor(scheduler="", workers=args.workers),
        f"Dask LocalCluster ({args.workers} workers)": None,
    }
    for name, factory in engines.items():
        con = _centre(args.series, args.weeks)
        span = pipeline.horizon(store.series_summary(con), 1)
        assert span is not None
        start = time.perf_counter()
        if factory is None:
            with LocalCluster(n_workers=args.workers, threads_per_worker=1,
                              dashboard_address=None) as cluster:
                outcome = jobs.run_job(
                    con, span, country,
                    executor_factory=lambda: jobs.executor(scheduler=cluster.scheduler_address))
        else:
            outcome = jobs.run_job(con, span, country, executor_factory=factory)
        job_s = time.perf_counter() - start
        read_s, _ = _first_plan_read_s(con, span, country)
        rows.append((name, outcome.computed, job_s, read_s))
        con.close()

    base = rows[0][2]
    print(f"First plan of {args.series} series ({args.weeks} weeks of quarter-hours each, one week "
          f"ahead) on {os.cpu_count()} cores [s]\n")
    print("| engine | series computed | job | vs sequential | first plan after it |")
    print("|---|---:|---:|---:|---:|")
    for name, computed, job_s, read_s in rows:
        print(f"| {name} | {computed} | {job_s:.1f} | {base / job_s:.2f}x | {read_s:.2f} |")


if __name__ == "__main__":
    main()
