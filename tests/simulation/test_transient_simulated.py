"""The carried time-varying queue (``kcc.queueing.transient_erlang_c``) against a seeded simpy
simulation of one day: a start backlog and early arrivals waiting for the opening, an
overloaded hour, a queue left at lunch while items keep arriving, and the afternoon.

In the model nothing moves while closed, and the answer time counts open time only. The
simulation therefore runs on an open-time clock: a closed stretch takes no time, and what
arrived during it is there at the next opening, first in first out behind what was left. The
agents stay the same all day (3.6 rostered, 3 whole agents answer), so the model's figures are
exact and the simulation must find them within its confidence interval. Each replication's
totals (items answered in time, waiting seconds, busy agent seconds) are unbiased for the
model's expected totals, so a t interval over replications is a fair test of each.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import simpy
from scipy import stats

from kcc.queueing import queue_metrics, transient_erlang_c

INTERVAL_S = 900.0
HANDLE_S = 240.0
ANSWER_S = 300.0
AGENTS = 3.6  # whole agents answer; the fraction answers nothing
START_ITEMS = 3.0
#: 07:00-16:00 in quarter-hours: closed till 08:00 with arrivals, open till 12:00 with a peak
#: hour at 10:00, closed for lunch with arrivals, open 13:00-16:00.
ARRIVALS = np.array([0.5, 1.0, 1.0, 1.5] + [4.0, 5.0, 6.0, 7.0, 8.0, 8.0, 10.0, 11.0, 14.0, 14.0, 14.0, 14.0,
                                            7.0, 6.0, 5.0, 4.0]
                    + [1.0, 0.0, 2.0, 1.5] + [6.0, 7.0, 8.0, 8.0, 7.0, 6.0, 6.0, 5.0, 5.0, 4.0, 3.0, 2.0])
OPEN = np.array([False] * 4 + [True] * 16 + [False] * 4 + [True] * 12)
PEAK = np.arange(12, 16)  # 10:00-11:00: 14 items a quarter on 3 agents, 3.7 Erlang
RUNS = 300
SEED = 20260115


def _simulate(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One day; per interval the items answered in time and their waiting seconds (a closed
    interval's items counted where they arrived) and busy agent seconds."""
    whole = int(AGENTS)
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=whole)
    in_time, waited = np.zeros(ARRIVALS.size), np.zeros(ARRIVALS.size)
    busy: list[tuple[float, float]] = []

    def item(label: int) -> simpy.events.ProcessGenerator:
        arrived = env.now
        with agents.request() as request:
            yield request
            waited[label] += env.now - arrived
            in_time[label] += env.now - arrived <= ANSWER_S
            start = env.now
            yield env.timeout(rng.exponential(HANDLE_S))
            busy.append((start, env.now))

    def source() -> simpy.events.ProcessGenerator:
        clock = 0.0  # open time
        batch: list[int] = [0] * rng.poisson(START_ITEMS)  # the start backlog, counted with the first interval
        for i in range(ARRIVALS.size):
            if not OPEN[i]:
                batch += [i] * rng.poisson(ARRIVALS[i])
                continue
            yield env.timeout(clock - env.now)
            for label in rng.permutation(np.array(batch, dtype=int)):
                env.process(item(int(label)))
            batch = []
            times = np.sort(rng.uniform(clock, clock + INTERVAL_S, rng.poisson(ARRIVALS[i])))
            for t in times:
                yield env.timeout(t - env.now)
                env.process(item(i))
            clock += INTERVAL_S

    env.process(source())
    env.run()
    starts = np.cumsum(np.r_[0.0, OPEN[:-1] * INTERVAL_S])  # open time at each interval's start
    served = np.array(busy)
    overlap = (np.minimum(served[:, 1][:, None], starts + INTERVAL_S)
               - np.maximum(served[:, 0][:, None], starts)).clip(0.0, None)
    return in_time, waited, np.where(OPEN, overlap.sum(axis=0), 0.0)


@cache
def _runs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per replication (rows) and interval: in time, waiting seconds, busy agent seconds."""
    rng = np.random.default_rng(SEED)
    in_time, waited, busy = zip(*(_simulate(rng) for _ in range(RUNS)), strict=True)
    return np.array(in_time), np.array(waited), np.array(busy)


def _interval(totals: np.ndarray, level: float = 0.999) -> tuple[float, float]:
    half = stats.t.ppf(0.5 + level / 2, totals.size - 1) * totals.std(ddof=1) / np.sqrt(totals.size)
    return totals.mean() - half, totals.mean() + half


def _model() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Expected items answered in time, waiting seconds and busy agent seconds per interval;
    the start backlog's share is that of the early arrivals it opens with."""
    got = transient_erlang_c(ARRIVALS, np.full(ARRIVALS.size, AGENTS) * OPEN, OPEN, INTERVAL_S, HANDLE_S,
                             ANSWER_S, start_items=START_ITEMS)
    items = ARRIVALS.copy()
    items[0] += START_ITEMS  # the simulation counts the backlog with the first closed interval
    return (np.nan_to_num(items * got.on_time_share), np.nan_to_num(items * got.wait_s),
            got.occupancy * int(AGENTS) * INTERVAL_S)


def test_the_transient_queue_lies_within_a_simulated_days_interval() -> None:
    in_time, waited, busy = _runs()
    model_in_time, model_waited, model_busy = _model()
    groups = {"before opening": np.arange(0, 4), "morning": np.arange(4, 12), "peak hour": PEAK,
              "after the peak": np.arange(16, 20), "lunch": np.arange(20, 24), "afternoon": np.arange(24, 36)}
    for name, cols in groups.items():
        for what, sim, model in (("in time", in_time, model_in_time), ("waiting", waited, model_waited),
                                 ("busy", busy, model_busy)):
            if what == "busy" and not OPEN[cols].any():
                continue
            low, high = _interval(sim[:, cols].sum(axis=1))
            expected = float(model[cols].sum())
            assert low <= expected <= high, f"{name}, {what}: {expected:.2f} outside [{low:.2f}, {high:.2f}]"
    # the check can fail: Erlang C per interval, each quarter in steady state on its own, says
    # nobody in the peak hour is answered in time
    steady = queue_metrics(ARRIVALS[PEAK], INTERVAL_S, HANDLE_S, int(AGENTS), ANSWER_S)
    low, _ = _interval(in_time[:, PEAK].sum(axis=1))
    assert float((ARRIVALS[PEAK] * steady.service_level).sum()) < low
    # and forgetting the queue left at lunch (and what arrived then) answers the afternoon too well
    afternoon = np.arange(24, 36)
    fresh = transient_erlang_c(ARRIVALS[afternoon], np.full(afternoon.size, AGENTS), OPEN[afternoon],
                               INTERVAL_S, HANDLE_S, ANSWER_S)
    _, high = _interval(in_time[:, afternoon].sum(axis=1))
    assert float((ARRIVALS[afternoon] * fresh.on_time_share).sum()) > high
