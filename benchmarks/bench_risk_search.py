"""The service risk's search for each period's volume factor at the target
(``kcc.plan.risk._first_misses``, bisection over the 25 ``RISK_FACTORS``) against the way it was
first found: the roster's service level worked out at every factor, then the first that misses
scanned for. Side by side in one run, on the demo's plan, best of ``--repeat`` each with the
carried queue's memo (``kcc.plan.models.QUEUE_MEMO``) emptied before every run, as a new plan
finds it; both give the same frame (checked here, and to the bit in
``tests/plan/test_risk_search.py``).

Cases, as the pages ask for them:

- the Overview's coming week: per week, then per day, over the plan's first 7 days, every
  channel (``kcc.ui.views.risk.week_risk``: the first Overview after a start or a new plan);
- the Staffing page's fortnight for WhatsApp, per day over 14 days (``day_risk``, when its tab
  opens after a change of its targets). WhatsApp answers within 15 minutes, so it is scored by
  the carried queue, whose solves are most of the time.

Run: ``.venv/bin/python benchmarks/bench_risk_search.py [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kcc import demo, pipeline, plan, store  # noqa: E402
from kcc.plan import models, risk  # noqa: E402

FACTORS = len(risk.RISK_FACTORS)


def scan_every_factor(level_at: Callable[[int], np.ndarray], periods: int, target: float) -> np.ndarray:
    """The peer: every factor worked out, then the first that misses per period."""
    meets = np.array([risk._meets(level_at(i), target) for i in range(FACTORS)])
    return np.where(meets.all(axis=0), FACTORS, np.argmin(meets, axis=0))


def _cases(run: pipeline.PlanRun) -> dict[str, Callable[[], list[pd.DataFrame]]]:
    hours = plan.service_hours(run.stored)
    first = run.plan["ds"].min()
    week = run.plan[run.plan["ds"] < first + pd.Timedelta(days=7)]
    fortnight = run.plan[(run.plan["ds"] < first + pd.Timedelta(days=14)) & (run.plan["channel"] == "whatsapp")]
    return {
        "Overview: the coming week, per week and per day, 4 channels": lambda: [
            plan.service_risk(week, run.settings, freq, open_hours=hours) for freq in ("W", "D")],
        "Staffing: WhatsApp per day over 14 days": lambda: [
            plan.service_risk(fortnight, run.settings, "D", open_hours=hours)],
    }


def _timed(case: Callable[[], list[pd.DataFrame]], repeat: int) -> tuple[float, int, list[pd.DataFrame]]:
    """Best time of ``repeat`` runs from an empty memo, the service levels one run asks for (a
    channel's at one factor, the memo answering a repeat), and its frames."""
    best, asked, frames = np.inf, 0, []
    achieve = risk.achieve
    calls = [0]

    def counted(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return achieve(*args, **kwargs)
    for _ in range(repeat):
        models.QUEUE_MEMO.clear()
        calls[0] = 0
        risk.achieve = counted  # type: ignore[assignment]
        try:
            start = time.perf_counter()
            frames = case()
            best = min(best, time.perf_counter() - start)
        finally:
            risk.achieve = achieve
        asked = calls[0]
    return best, asked, frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    con = store.connect(":memory:")
    demo.load_demo(con)
    run = pipeline.run_plan(con)
    search = risk._first_misses
    print(f"Service risk on the demo's plan, best of {args.repeat} from an empty memo [s]\n")
    print("| case | scan: levels asked | scan | bisection: levels asked | bisection | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, case in _cases(run).items():
        risk._first_misses = scan_every_factor  # type: ignore[assignment]
        try:
            peer_s, peer_n, peer = _timed(case, args.repeat)
        finally:
            risk._first_misses = search  # type: ignore[assignment]
        ours_s, ours_n, ours = _timed(case, args.repeat)
        for a, b in zip(ours, peer, strict=True):
            pd.testing.assert_frame_equal(a, b, check_exact=True)
        print(f"| {name} | {peer_n} | {peer_s:.2f} | {ours_n} | {ours_s:.2f} | {ours_s / peer_s:.2f}x |")


if __name__ == "__main__":
    main()
