"""Run every benchmark in turn and print their Markdown tables (``make bench``).

Each benchmark measures KCC Planner side by side with its named peer in the same run; the
README quotes the ratios. Run on a quiet machine: the numbers are wall-clock times.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = (
    "bench_queueing.py", "bench_forecast.py", "bench_staffing_page.py", "bench_import.py",
    "bench_sessions.py", "bench_simulation.py", "bench_plan_issue15.py",
    "bench_store_backends.py", "bench_tabs.py", "bench_page_reruns.py", "bench_blas_threads.py",
    "bench_recent_history.py", "bench_ets_memo.py", "bench_risk_search.py",
)


def main() -> int:
    failed = []
    for name in BENCHMARKS:
        print(f"\n## {name}\n", flush=True)
        if subprocess.run([sys.executable, str(HERE / name)], check=False).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
