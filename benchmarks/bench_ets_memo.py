"""The first visit's forecast job with exponential smoothing fits kept by their content
(``kcc.forecast.daily.ETS_FIT_MEMO``) against the same job fitting every time (the memo holding
nothing: the code before it), side by side: each in a fresh process, in alternating order,
median of ``--repeat``.

The job is the demo centre's first visit (``kcc.jobs.run_job`` in one process: every series'
forecast with its method selection, then each channel's plan). Both give the same forecasts and
plans (checked here on the stored forecasts, and by the golden run in ``tests/test_golden.py``).

Run: ``.venv/bin/python benchmarks/bench_ets_memo.py [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The job in a fresh process; prints wall and CPU time, the fits made and a digest of the
#: stored forecasts.
_CHILD = r"""
import contextlib, hashlib, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from kcc import demo, jobs, pipeline, store
from kcc.forecast import daily
from kcc.memo import Memo

if sys.argv[2] == "off":
    daily.ETS_FIT_MEMO = Memo(max_entries=0)
fits = [0]
fit = ExponentialSmoothing.fit
def counted(self, *args, **kwargs):
    fits[0] += 1
    return fit(self, *args, **kwargs)
ExponentialSmoothing.fit = counted

def cpu_s():
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime

con = store.connect(":memory:")
demo.load_demo(con)
stored = store.read_settings(con)
span = pipeline.horizon(store.series_summary(con), pipeline.DEFAULT_HORIZON_WEEKS,
                        long_range=pipeline.profile_choice(stored) is not None)
cpu0, wall0 = cpu_s(), time.perf_counter()
jobs.run_job(con, span, pipeline.country(stored), executor_factory=contextlib.nullcontext)
wall, cpu = time.perf_counter() - wall0, cpu_s() - cpu0
days = jobs.forecast_demand(con, pipeline.recent_history(con), span, pipeline.country(stored),
                            jobs.data_hash(store.volume_fingerprint(con)))
digest = hashlib.sha256(days.to_csv(index=False).encode()).hexdigest()[:16]
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "fits": fits[0], "forecasts": digest}))
"""


def _run(memo: str) -> dict[str, float | str]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(ROOT), memo], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = {"every fit made (no memo)": "off", "fits kept by content": "on"}
    runs: dict[str, list[dict[str, float | str]]] = {name: [] for name in settings}
    for _ in range(args.repeat):
        for name, memo in settings.items():
            runs[name].append(_run(memo))
    digests = {str(r["forecasts"]) for rs in runs.values() for r in rs}
    assert len(digests) == 1, f"the forecasts differ: {digests}"
    print(f"The demo's first-visit job in one process, median of {args.repeat}\n")
    print("| job | fits | time [s] | CPU [s] | time vs every fit made |")
    print("|---|---:|---:|---:|---:|")
    base = statistics.median(float(r["wall_s"]) for r in runs[next(iter(settings))])
    for name in settings:
        wall = statistics.median(float(r["wall_s"]) for r in runs[name])
        cpu = statistics.median(float(r["cpu_s"]) for r in runs[name])
        print(f"| {name} | {runs[name][0]['fits']} | {wall:.2f} | {cpu:.2f} | {wall / base:.2f}x |")
    print("\nThe stored forecasts are the same in every run.")


if __name__ == "__main__":
    main()
