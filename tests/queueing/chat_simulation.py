"""A seeded discrete-event simulation (simpy) of chat agents holding several sessions at once.

The behaviour ``kcc.queueing.chat`` solves as a chain, played chat by chat: Poisson arrivals; a
new chat goes to the least loaded agent with a free slot (the first such agent on a tie), else
waits first in, first out and leaves when its exponential patience runs out; each session
carries an exponential amount of work (mean ``h1`` seconds at one session) and progresses at
``1 / (1 + p (j - 1))`` of full speed while its agent holds ``j`` sessions. Agents' caps follow
``kcc.queueing.chat.slots_of``: ``floor(agents * concurrency)`` slots spread as evenly as whole
numbers allow. Unlike the chain, nothing keeps the load balanced after a session ends.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np
import simpy


@dataclass(frozen=True)
class SimResult:
    """Shares over the chats that arrived after the warm-up, with batch-means 95% half-widths."""

    service_level: float
    service_level_ci: float
    p_abandon: float
    mean_wait_s: float
    occupancy: float
    chats: int


class _Agent:
    def __init__(self, env: simpy.Environment, cap: int, h1_s: float, penalty: float,
                 done: callable) -> None:
        self.env, self.cap, self.h1_s, self.penalty, self.done = env, cap, h1_s, penalty, done
        self.work: list[float] = []  # remaining work of each session [s at one session]
        self.incoming: list[float] = []  # sessions given since the agent last moved on
        self.wake = env.event()
        self.held_time = 0.0  # integral of sessions held over time [session-s]
        env.process(self.run())

    @property
    def held(self) -> int:
        return len(self.work) + len(self.incoming)

    def take(self, work_s: float) -> None:
        self.incoming.append(work_s)
        if not self.wake.triggered:
            self.wake.succeed()

    def run(self):  # noqa: ANN201 - a simpy process
        env = self.env
        while True:
            if not self.work:
                if not self.incoming:
                    yield self.wake
                    self.wake = env.event()
                self.work, self.incoming = self.incoming, []
                continue
            slow = 1.0 + self.penalty * (len(self.work) - 1)
            start = env.now
            first = min(self.work)
            yield env.timeout(first * slow) | self.wake
            elapsed = env.now - start
            self.held_time += elapsed * len(self.work)
            progressed = elapsed / slow
            self.work = [w - progressed for w in self.work]
            if self.wake.triggered:
                self.wake = env.event()
            self.work.extend(self.incoming)
            self.incoming = []
            finished = [i for i, w in enumerate(self.work) if w <= 1e-9]
            for i in reversed(finished):
                self.work.pop(i)
                self.done(self)


def simulate_chat(chats_per_hour: float, h1_s: float, agents: int, concurrency: float,
                  answer_time_s: float, *, penalty: float = 0.0, patience_s: float | None = None,
                  hours: float = 200.0, warmup_hours: float = 5.0, seed: int = 1,
                  batches: int = 20) -> SimResult:
    """Simulate ``hours`` of steady chat traffic and measure the first-response service."""
    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    slots = math.floor(agents * concurrency + 1e-9)
    base, extra = divmod(slots, agents)
    waiting: deque[list] = deque()  # [arrival time, answered-or-left flag]
    records: list[tuple[float, float, bool]] = []  # arrival, wait, answered
    warm = warmup_hours * 3600.0
    team: list[_Agent] = []

    def answer(agent: _Agent, chat: list, now: float) -> None:
        chat[1] = True
        records.append((chat[0], now - chat[0], True))
        agent.take(rng.exponential(h1_s))

    def done(agent: _Agent) -> None:
        while waiting:
            chat = waiting.popleft()
            if not chat[1]:
                answer(agent, chat, env.now)
                return

    team.extend(_Agent(env, base + (1 if i < extra else 0), h1_s, penalty, done)
                for i in range(agents))

    def leave(chat: list, patience: float):  # noqa: ANN202 - a simpy process
        yield env.timeout(patience)
        if not chat[1]:
            chat[1] = True
            records.append((chat[0], patience, False))

    def arrivals():  # noqa: ANN202 - a simpy process
        gap = 3600.0 / chats_per_hour
        while True:
            yield env.timeout(rng.exponential(gap))
            chat = [env.now, False]
            free = [a for a in team if a.held < a.cap]
            if free and not waiting:
                answer(min(free, key=lambda a: a.held), chat, env.now)
                continue
            waiting.append(chat)
            if patience_s is not None:
                env.process(leave(chat, rng.exponential(patience_s)))

    env.process(arrivals())
    env.run(until=warm)
    held_at_warm = sum(a.held_time for a in team)
    env.run(until=warm + hours * 3600.0)
    rec = np.array([r for r in records if r[0] >= warm], dtype=float).reshape(-1, 3)
    good = (rec[:, 2] > 0) & (rec[:, 1] <= answer_time_s)
    edges = np.linspace(warm, warm + hours * 3600.0, batches + 1)
    which = np.clip(np.searchsorted(edges, rec[:, 0], side="right") - 1, 0, batches - 1)
    per_batch = np.array([good[which == b].mean() for b in range(batches)])
    half = 2.093 * per_batch.std(ddof=1) / math.sqrt(batches)  # t(0.975, 19)
    held = sum(a.held_time for a in team) - held_at_warm
    return SimResult(
        service_level=float(good.mean()), service_level_ci=float(half),
        p_abandon=float(1.0 - rec[:, 2].mean()), mean_wait_s=float(rec[:, 1].mean()),
        occupancy=float(held / (hours * 3600.0 * slots)), chats=int(len(rec)),
    )


@dataclass(frozen=True)
class Replicated:
    """Mean service level over independent runs and its 95% half-width (Student t)."""

    service_level: float
    half_width: float
    runs: tuple[SimResult, ...]


_T975 = {2: 12.706, 3: 4.303, 4: 3.182, 5: 2.776, 6: 2.571, 8: 2.365, 10: 2.262}


def replicate_chat(chats_per_hour: float, h1_s: float, agents: int, concurrency: float,
                   answer_time_s: float, *, seeds: tuple[int, ...], hours: float,
                   **kwargs: float | None) -> Replicated:
    """Independent seeded runs of :func:`simulate_chat`; the half-width comes from their spread
    (a congested spell lasts hours, so batches within one run understate it)."""
    runs = tuple(simulate_chat(chats_per_hour, h1_s, agents, concurrency, answer_time_s,
                               hours=hours, seed=s, **kwargs) for s in seeds)
    levels = np.array([r.service_level for r in runs])
    half = _T975[len(seeds)] * levels.std(ddof=1) / math.sqrt(len(seeds))
    return Replicated(float(levels.mean()), float(half), runs)
