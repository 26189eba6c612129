"""Staffing a year of 15-minute intervals: kcc.queueing against pyworkforce's ErlangC.

Workload: 35,040 intervals, AHT 300 s, 80% answered in 20 s, occupancy cap 0.85.
Prints a markdown table with the timings and the ratios. Run:

    python benchmarks/bench_queueing.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kcc.queueing import required_agents  # noqa: E402

INTERVALS = 35_040
INTERVAL_S = 900
AHT_S = 300.0
ANSWER_S = 20.0
TARGET_SL = 0.8
MAX_OCC = 0.85
PATIENCE_S = 120.0


def workload(seed: int = 42) -> np.ndarray:
    """Calls per interval: an intraday bell, weekday effect and noise; never zero
    (pyworkforce rejects zero volume)."""
    rng = np.random.default_rng(seed)
    quarter = np.arange(INTERVALS)
    hour = (quarter % 96) / 4.0
    day = quarter // 96
    intraday = np.clip(np.sin((hour - 7.0) / 14.0 * np.pi), 0.03, None)
    weekday = np.where(day % 7 >= 5, 0.5, 1.0)
    return np.maximum(
        np.round(220.0 * intraday * weekday * rng.uniform(0.85, 1.15, INTERVALS)), 1.0
    )


def timed(fn: Callable[[], np.ndarray], repeat: int) -> tuple[float, np.ndarray]:
    """Best of ``repeat`` runs: the least disturbed by other load on the machine."""
    best = np.inf
    out = np.empty(0)
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def pyworkforce_loop(calls: np.ndarray) -> np.ndarray:
    from pyworkforce.queuing import ErlangC

    out = np.empty(calls.size, dtype=np.int64)
    for i, c in enumerate(calls):
        erlang = ErlangC(
            transactions=float(c), aht=AHT_S / 60, asa=ANSWER_S / 60, interval=INTERVAL_S // 60
        )
        out[i] = erlang.required_positions(service_level=TARGET_SL, max_occupancy=MAX_OCC)[
            "raw_positions"
        ]
    return out


def main() -> None:
    calls = workload()

    def ours_c_run() -> np.ndarray:
        return required_agents(
            calls,
            INTERVAL_S,
            AHT_S,
            ANSWER_S,
            target_service_level=TARGET_SL,
            max_occupancy=MAX_OCC,
        )

    def ours_a_run() -> np.ndarray:
        return required_agents(
            calls,
            INTERVAL_S,
            AHT_S,
            ANSWER_S,
            target_service_level=TARGET_SL,
            max_occupancy=MAX_OCC,
            patience_s=PATIENCE_S,
        )

    # interleaved rounds, best time each: load drifting on a shared machine hits all alike
    ours_c_s = ours_a_s = peer_s = np.inf
    for _ in range(3):
        t, peer = timed(lambda: pyworkforce_loop(calls), repeat=1)
        peer_s = min(peer_s, t)
        t, ours_c = timed(ours_c_run, repeat=10)
        ours_c_s = min(ours_c_s, t)
        t, ours_a = timed(ours_a_run, repeat=5)
        ours_a_s = min(ours_a_s, t)
    same = int(np.sum(peer == ours_c))
    print(
        f"{INTERVALS} intervals of {INTERVAL_S // 60} min, AHT {AHT_S:.0f} s, "
        f"{TARGET_SL:.0%} in {ANSWER_S:.0f} s, occupancy cap {MAX_OCC:.2f}\n"
    )
    print("| run | time [s] | ratio | agent counts |")
    print("|---|---:|---:|---|")
    print(f"| pyworkforce ErlangC loop | {peer_s:.3f} | 1 | reference |")
    print(
        f"| kcc required_agents, Erlang C | {ours_c_s:.4f} | {peer_s / ours_c_s:.0f}x faster | "
        f"{same}/{INTERVALS} identical |"
    )
    print(
        f"| kcc required_agents, Erlang A (patience {PATIENCE_S:.0f} s) | {ours_a_s:.4f} | "
        f"{ours_a_s / ours_c_s:.1f}x our Erlang C time | "
        f"{int(np.sum(ours_a < ours_c))} intervals need fewer agents |"
    )
    if same != INTERVALS:
        raise SystemExit("agent counts differ from pyworkforce")


if __name__ == "__main__":
    main()
