"""CPU and time of the app's forecasting with one BLAS thread (KCC Planner's default, set in
``kcc/__init__.py``) against OpenBLAS's own default of a thread per core, side by side.

Two workloads, each in a fresh Python process per setting (OpenBLAS reads its thread count
once, when numpy loads), in alternating order, median of ``--repeat`` runs:

- **one session's forecasts**: the demo centre's first-visit job in the app's own process
  (``kcc.jobs.run_job`` with no pool: every series' forecast fits, then each channel's plan);
- **the many-series job**: ``--series`` generated series (``kcc.demo.many_series_intervals``)
  on the local process pool the app uses by default, a worker per core.

CPU is the process's own plus its finished children's (the pool's workers). The numbers of
both settings are the same (the golden run in ``tests/test_golden.py`` passes with either).

Run: ``.venv/bin/python benchmarks/bench_blas_threads.py [--series 40] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: One workload in a fresh process; prints ``{"wall_s": ..., "cpu_s": ...}``.
_CHILD = r"""
import contextlib, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from kcc import demo, jobs, pipeline, store

def cpu_s():
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

con = store.connect(":memory:")
if sys.argv[2] == "session":
    demo.load_demo(con)
    stored = store.read_settings(con)
    span = pipeline.horizon(store.series_summary(con), pipeline.DEFAULT_HORIZON_WEEKS,
                            long_range=pipeline.profile_choice(stored) is not None)
    country, factory = pipeline.country(stored), contextlib.nullcontext
else:
    frame = demo.many_series_intervals(int(sys.argv[3]), weeks=8)
    store.replace_intervals(con, frame, store.ImportRecord(
        file_name="many.csv", kind="intervals", imported_by="bench", rows_read=len(frame)))
    span = pipeline.horizon(store.series_summary(con), 1)
    country, factory = "NL", lambda: jobs.executor(scheduler="")
cpu0, wall0 = cpu_s(), time.perf_counter()
jobs.run_job(con, span, country, executor_factory=factory)
print(json.dumps({"wall_s": time.perf_counter() - wall0, "cpu_s": cpu_s() - cpu0}))
"""


def _run(workload: str, series: int, threads: str | None) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if threads is not None:
        env["OPENBLAS_NUM_THREADS"] = threads
    out = subprocess.run([sys.executable, "-c", _CHILD, str(ROOT), workload, str(series)],
                         env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    settings = {f"OpenBLAS default ({cores} threads)": str(cores), "KCC Planner (1 thread)": None}
    workloads = {"session": "one session's forecasts and plans (demo, no pool)",
                 "pool": f"many-series job ({args.series} series, pool of {cores})"}
    print(f"BLAS threads: median of {args.repeat} runs on {cores} cores\n")
    print("| workload | setting | time [s] | CPU [s] | CPU vs OpenBLAS default |")
    print("|---|---|---:|---:|---:|")
    for workload, title in workloads.items():
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in settings}
        for _ in range(args.repeat):
            for name, threads in settings.items():
                runs[name].append(_run(workload, args.series, threads))
        base_cpu = statistics.median(r["cpu_s"] for r in runs[next(iter(settings))])
        for name in settings:
            wall = statistics.median(r["wall_s"] for r in runs[name])
            cpu = statistics.median(r["cpu_s"] for r in runs[name])
            print(f"| {title} | {name} | {wall:.2f} | {cpu:.2f} | {cpu / base_cpu:.2f}x |")


if __name__ == "__main__":
    main()
