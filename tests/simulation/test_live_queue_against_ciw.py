"""The live queue the plan check simulates (``kcc.simulation.simulate_live``, SimPy) against an
independent engine, ciw, on a short day whose volume, handle time and agents change from
quarter-hour to quarter-hour: the same service level and abandonment within a few standard
errors (ciw is a test dependency, ``requirements-dev.txt``)."""

from __future__ import annotations

import numpy as np

from kcc import simulation
from tests.simulation.ciw_peer import simulate_live_ciw

INTERVAL_S = 900.0
ANSWER_S = 20.0
PATIENCE_S = 150.0
RUNS = 40
#: Four hours of quarter-hours: a morning peak, a dip, a second peak, the evening tail.
VOLUME = np.array([20, 35, 50, 65, 70, 60, 45, 55, 70, 50, 40, 30, 25, 20, 10, 0.0])
AHT_S = np.array([200, 200, 220, 240, 240, 230, 210, 200, 220, 240, 230, 210, 200, 200, 190, 190.0])
AGENTS = np.array([5, 8, 12, 17, 18, 15, 11, 12, 17, 13, 10, 8, 6, 5, 3, 2])


def _shares(arrival_s: np.ndarray, start_s: np.ndarray, abandoned: np.ndarray) -> tuple[float, float]:
    """Answered within ``ANSWER_S`` and abandoned, over all offered (as the plan check counts)."""
    wait = start_s - arrival_s
    return float(np.mean(np.isfinite(wait) & (wait <= ANSWER_S))), float(np.mean(abandoned))


def _ours() -> np.ndarray:
    runs = []
    for run in range(RUNS):
        arrivals = simulation.draw_arrivals(np.random.default_rng([15, run]), VOLUME, AHT_S, INTERVAL_S,
                                            PATIENCE_S)
        out = simulation.simulate_live(arrivals, AGENTS, INTERVAL_S)
        runs.append(_shares(arrivals.time_s, out.start_s, out.abandoned))
    return np.array(runs)


def _ciw(agents: np.ndarray) -> np.ndarray:
    runs = []
    for run in range(RUNS):
        out = simulate_live_ciw(VOLUME, AHT_S, agents, INTERVAL_S, PATIENCE_S, seed=run)
        runs.append(_shares(out.arrival_s, out.start_s, out.abandoned))
    return np.array(runs)


def _gap_in_standard_errors(ours: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    """Difference of the means over runs, in combined standard errors, per column."""
    se = np.hypot(ours.std(axis=0, ddof=1), theirs.std(axis=0, ddof=1)) / np.sqrt(RUNS)
    return (theirs.mean(axis=0) - ours.mean(axis=0)) / se


def test_ciw_and_the_plan_checks_live_queue_agree_on_a_day_of_changing_staff() -> None:
    ours = _ours()
    assert 0.5 < ours[:, 0].mean() < 0.85  # a day that is neither empty nor swamped
    gap = _gap_in_standard_errors(ours, _ciw(AGENTS))
    assert np.all(np.abs(gap) < 4.0), f"service level, abandonment: {gap.round(1)} standard errors apart"
    # the comparison can fail: one agent fewer in every quarter-hour is far outside it
    fewer = _gap_in_standard_errors(ours, _ciw(np.maximum(AGENTS - 1, 0)))
    assert fewer[0] < -4.0 and fewer[1] > 4.0, fewer.round(1)
