"""A seeded discrete-event simulation (simpy) of deferred work as planned, and the demand the
deferred-work tests plan for: the independent check of ``kcc.staffing.deferred_staffing``.

Poisson arrivals (uniform inside each interval), exponential handle times, one FIFO line by
arrival time, agents on duty as planned per interval. An item still in hand when its agent's
duty ends goes back to the head of the line with the work left (work resumes across interval
boundaries). The response time counts open time only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import simpy

INTERVAL_MIN = 15
_PER_DAY = 1440 // INTERVAL_MIN


@dataclass(frozen=True)
class Demand:
    """Expected items and open flags per 15-minute interval, from a Monday 00:00."""

    ds: pd.Series
    expected: np.ndarray
    open: np.ndarray


def realistic_demand(weeks: int, items_per_day: float, seed: int = 7, night_share: float = 0.08) -> Demand:
    """Seeded 15-minute demand with a weekly and daily shape: open 08:00-20:00 on weekdays and
    09:00-17:00 on Saturdays, closed nights and Sundays; items also arrive while closed."""
    rng = np.random.default_rng(seed)
    days = 7 * weeks
    hour = (np.arange(_PER_DAY) + 0.5) * INTERVAL_MIN / 60.0
    shape = (0.15 + np.exp(-((hour - 10.0) / 1.8) ** 2) + 0.8 * np.exp(-((hour - 14.5) / 1.8) ** 2)
             + 0.4 * np.exp(-((hour - 20.0) / 1.5) ** 2))
    night = (hour < 8) | (hour >= 21)
    shape = np.where(night, shape * night_share / 0.15, shape)
    shape /= shape.sum()
    weekday = np.array([1.25, 1.08, 1.0, 0.97, 0.9, 0.5, 0.3])
    level = items_per_day * weekday[np.arange(days) % 7] * rng.normal(1.0, 0.05, days)
    expected = (level[:, None] * shape[None, :]).ravel()
    dow = np.repeat(np.arange(days) % 7, _PER_DAY)
    h = np.tile(hour, days)
    is_open = np.where(dow < 5, (h >= 8) & (h < 20), np.where(dow == 5, (h >= 9) & (h < 17), False))
    ds = pd.Series(pd.date_range("2027-03-01", periods=days * _PER_DAY, freq=f"{INTERVAL_MIN}min"))
    return Demand(ds, expected, is_open)


def _deadlines(arrive_s: np.ndarray, open_flags: np.ndarray, target_s: float) -> np.ndarray:
    """The instant each item has had ``target_s`` of open time (inf beyond the simulation)."""
    step = INTERVAL_MIN * 60.0
    opened = np.concatenate([[0.0], np.cumsum(open_flags * step)])
    k = np.minimum((arrive_s // step).astype(int), open_flags.size - 1)
    at = opened[k] + open_flags[k] * (arrive_s - k * step) + target_s
    j = np.searchsorted(opened[1:], at - 1e-9, side="left")
    ok = j < open_flags.size
    jj = np.minimum(j, open_flags.size - 1)
    return np.where(ok, jj * step + (at - opened[jj]), np.inf)


def _duty_blocks(agents: np.ndarray) -> list[list[tuple[float, float]]]:
    step = INTERVAL_MIN * 60.0
    blocks = []
    for slot in range(int(agents.max(initial=0))):
        on = np.concatenate([[False], agents > slot, [False]])
        edges = np.flatnonzero(np.diff(on.astype(int)))
        blocks.append([(s * step, e * step) for s, e in zip(edges[::2], edges[1::2], strict=True)])
    return blocks


def simulate(demand: Demand, agents: np.ndarray, handle_s: float, target_h: float, judged: int,
             seed: int, *, on_pickup: bool, start_backlog: int = 0) -> float:
    """Share of the items arriving in the first ``judged`` intervals answered in time.

    ``on_pickup``: an item is in time when an agent picks it up within the target (a queue's
    first response); otherwise when its handling is finished within it (an e-mail's reply).
    ``start_backlog`` items wait at the start (arrived just before it).
    """
    rng = np.random.default_rng(seed)
    step = INTERVAL_MIN * 60.0
    n = demand.expected.size
    counts = rng.poisson(demand.expected)
    arrive = np.repeat(np.arange(n) * step, counts) + rng.uniform(0, step, counts.sum())
    arrive = np.concatenate([np.zeros(start_backlog), np.sort(arrive)])
    work = rng.exponential(handle_s, arrive.size)
    due = _deadlines(arrive, demand.open, target_h * 3600.0)
    first = np.full(arrive.size, np.inf)
    done = np.full(arrive.size, np.inf)
    left = work.copy()

    env = simpy.Environment()
    line = simpy.PriorityStore(env)

    def source():
        for i, t in enumerate(arrive):
            if t > env.now:
                yield env.timeout(t - env.now)
            line.put((t, i))

    def agent(blocks: list[tuple[float, float]]):
        for start, end in blocks:
            if start > env.now:
                yield env.timeout(start - env.now)
            while env.now < end - 1e-9:
                get = line.get()
                got = yield get | env.timeout(end - env.now)
                if get not in got:
                    get.cancel()
                    break
                t, i = got[get]
                if first[i] == np.inf:
                    first[i] = env.now
                spend = min(left[i], end - env.now)
                yield env.timeout(spend)
                left[i] -= spend
                if left[i] > 1e-9:
                    line.put((t, i))  # back to the head of the line: the oldest item
                else:
                    done[i] = env.now

    env.process(source())
    for blocks in _duty_blocks(np.asarray(agents, dtype=int)):
        env.process(agent(blocks))
    env.run(until=n * step)
    judged_items = arrive < judged * step
    answered = first if on_pickup else done
    return float((answered[judged_items] <= due[judged_items] + 1e-9).mean())


def level_plan(demand: Demand, handle_s: float, factor: float, horizon: int) -> np.ndarray:
    """A simple per-day level plan: each open day a level of ``factor`` times the day's work
    (the items arriving since the previous open day closed) over its open hours."""
    step_h = INTERVAL_MIN / 60.0
    day = np.arange(horizon) // _PER_DAY
    open_ = demand.open[:horizon]
    agents = np.zeros(horizon)
    carried = 0.0
    for d in range(int(day.max()) + 1):
        pick = day == d
        items = carried + demand.expected[:horizon][pick].sum()
        hours = open_[pick].sum() * step_h
        if hours == 0:
            carried = items
            continue
        carried = 0.0
        agents[pick & open_] = np.ceil(factor * items * handle_s / 3600.0 / hours)
    return agents
