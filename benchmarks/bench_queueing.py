"""Staffing a year of 15-minute intervals: kcc.queueing against pyworkforce's ErlangC.

Workload: 35,040 intervals, AHT 300 s, 80% answered in 20 s, occupancy cap 0.85.
A second table times the same year with absurd volumes (1e12 and 1e300 calls in every
interval, beyond ``kcc.config.MAX_EXACT_AGENTS``) against the normal one: the large-system
route must keep such a value from stalling a page. A third table times
``kcc.staffing.deferred_staffing`` (e-mail backlog, 90% within 8 open
hours, a year of 15-minute intervals open 08:00-18:00 on weekdays) and compares its hours and
peak with the simple per-day level plan the simulation tests use as the peer
(``tests/staffing/deferred_sim.py``: each open day a level carrying that day's work, which
meets this target in simulation).

Prints markdown tables with the timings and the ratios. Run:

    python benchmarks/bench_queueing.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kcc.queueing import required_agents  # noqa: E402
from kcc.staffing import DeferredSpec, deferred_staffing  # noqa: E402
from tests.staffing.deferred_sim import Demand, level_plan  # noqa: E402

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


def email_workload(seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """E-mails per 15-minute interval over a year (arriving 07:00-22:00, a trickle at night)
    and the open flags (weekdays 08:00-18:00)."""
    rng = np.random.default_rng(seed)
    quarter = np.arange(INTERVALS)
    hour = (quarter % 96) / 4.0
    weekday = (quarter // 96) % 7
    arrivals = rng.poisson(np.where((hour >= 7) & (hour < 22), 6.0, 1.0)).astype(float)
    return arrivals, (hour >= 8) & (hour < 18) & (weekday < 5)


def deferred_table() -> None:
    arrivals, open_flags = email_workload()
    spec = DeferredSpec(handle_time_s=360.0, target_share=0.9, target_open_hours=8.0)
    ds = pd.Series(pd.date_range("2027-01-04", periods=INTERVALS, freq="15min"))  # a Monday
    work = pd.DataFrame({"ds": ds, "arrivals": arrivals, "open": open_flags})
    ours_s, ours = timed(lambda: deferred_staffing(work, spec, 15).intervals["agents"].to_numpy(float),
                         repeat=1)
    level_s, level = timed(lambda: level_plan(Demand(ds, arrivals, open_flags), spec.handle_time_s,
                                              1.0, INTERVALS), repeat=1)
    ours_h, level_h = ours.sum() / 4.0, level.sum() / 4.0
    print(
        f"\n{INTERVALS} intervals of 15 min, e-mail handle time 360 s, 90% within 8 open hours, "
        f"open weekdays 08:00-18:00\n"
    )
    print("| run | time [s] | agent-hours | peak agents |")
    print("|---|---:|---:|---:|")
    print(f"| simple per-day level plan (the simulation tests' peer) | {level_s:.3f} | {level_h:,.0f} | "
          f"{level.max():.0f} |")
    print(f"| kcc deferred_staffing (level per day, LP) | {ours_s:.3f} | {ours_h:,.0f} "
          f"({ours_h / level_h:.2f}x) | {ours.max():.0f} ({ours.max() / level.max():.2f}x) |")


def huge_load_table(calls: np.ndarray) -> None:
    """The normal year against the same year with absurd volumes, Erlang C and A."""
    rows = []
    for label, patience in (("Erlang C", None), (f"Erlang A (patience {PATIENCE_S:.0f} s)", PATIENCE_S)):
        times = {}
        for name, volume in (("normal", calls), ("1e12", np.full(INTERVALS, 1e12)),
                             ("1e300", np.full(INTERVALS, 1e300))):
            times[name], _ = timed(lambda v=volume, p=patience: required_agents(
                v, INTERVAL_S, AHT_S, ANSWER_S, target_service_level=TARGET_SL,
                max_occupancy=MAX_OCC, patience_s=p), repeat=3)
        rows.append((label, times))
    print(f"\n{INTERVALS} intervals, every one with the volume named (required_agents)\n")
    print("| model | normal [s] | 1e12 calls [s] | ratio | 1e300 calls [s] | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, t in rows:
        print(f"| {label} | {t['normal']:.3f} | {t['1e12']:.3f} | {t['1e12'] / t['normal']:.1f}x | "
              f"{t['1e300']:.3f} | {t['1e300'] / t['normal']:.1f}x |")


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
    huge_load_table(calls)
    deferred_table()


if __name__ == "__main__":
    main()
