"""Chat agents holding several sessions at once, played chat by chat in SimPy: the behaviour
``kcc.queueing.chat`` solves as a chain, with the agents on duty changing at interval
boundaries.

* An agent on duty holds up to its cap of sessions: ``floor(agents x concurrency)`` slots
  spread as evenly as whole numbers allow (``kcc.queueing.chat.slots_of``), the first agents
  one more.
* A new chat goes to the least loaded agent on duty with a free slot (the first such agent on a
  tie); otherwise it waits first in, first out. A waiting chat whose patience runs out has left
  (checked when an agent reaches it, which under FIFO is the same as leaving on time).
* Each session carries an amount of work (``Arrivals.handle_s``: seconds at one session) and
  progresses at ``1 / (1 + p (j - 1))`` of full speed while its agent holds ``j`` sessions.
* An agent going off duty finishes the sessions in hand and takes no new one; an agent coming
  on duty takes waiting chats at once. Unlike the chain, nothing keeps the load balanced after
  a session ends.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator
from typing import Any

import numpy as np
import simpy
from numpy.typing import NDArray

from kcc.simulation.queues import Arrivals, Outcome

__all__ = ["simulate_chat_sessions"]

#: Work left below this counts as done (float noise of the speed-ups). [s]
_DONE_S = 1e-9


class _Agent:
    """One agent's sessions: the work left of each, progressing at the shared slowed speed."""

    def __init__(self, env: simpy.Environment, penalty: float,
                 finished: Callable[[_Agent, int], None]) -> None:
        self.env, self.penalty, self.finished = env, penalty, finished
        self.cap = 0  # sessions it may take now (0: off duty)
        self.work: dict[int, float] = {}  # chat -> work left [s at one session]
        self.incoming: list[tuple[int, float]] = []  # given since it last moved on
        self.wake = env.event()
        env.process(self._run())

    @property
    def held(self) -> int:
        return len(self.work) + len(self.incoming)

    def take(self, chat: int, work_s: float) -> None:
        self.incoming.append((chat, work_s))
        if not self.wake.triggered:
            self.wake.succeed()

    def _run(self) -> Generator[simpy.Event, Any, None]:
        env = self.env
        while True:
            if not self.work:
                if not self.incoming:
                    yield self.wake
                    self.wake = env.event()
                self.work.update(self.incoming)
                self.incoming = []
                continue
            slow = 1.0 + self.penalty * (len(self.work) - 1)
            start = env.now
            yield env.timeout(min(self.work.values()) * slow) | self.wake
            progressed = (env.now - start) / slow
            if self.wake.triggered:
                self.wake = env.event()
            done = []
            for chat in self.work:
                self.work[chat] -= progressed
                if self.work[chat] <= _DONE_S:
                    done.append(chat)
            self.work.update(self.incoming)
            self.incoming = []
            for chat in done:
                del self.work[chat]
                self.finished(self, chat)


def _caps(agents: int, concurrency: float) -> list[int]:
    """Each agent's cap: ``floor(agents x concurrency)`` slots spread evenly, first ones more."""
    if agents <= 0:
        return []
    slots = int(np.floor(agents * concurrency + 1e-9))
    base, extra = divmod(slots, agents)
    return [base + (1 if k < extra else 0) for k in range(agents)]


class _Desk:
    """The chats of one run: who waits, who holds what, and when each was taken and done."""

    def __init__(self, env: simpy.Environment, arrivals: Arrivals, team_size: int,
                 penalty: float) -> None:
        self.env = env
        self.time_s, self.work_s = arrivals.time_s.tolist(), arrivals.handle_s.tolist()
        self.patience_s = arrivals.patience_s.tolist()
        count = len(self.time_s)
        self.start = np.full(count, np.nan)
        self.finish = np.full(count, np.nan)
        self.abandoned = np.zeros(count, dtype=bool)
        self.waiting: deque[int] = deque()
        self.team = [_Agent(env, penalty, self.finished) for _ in range(team_size)]

    def give(self, agent: _Agent, chat: int) -> None:
        self.start[chat] = self.env.now
        agent.take(chat, self.work_s[chat])

    def next_waiting(self) -> int | None:
        """The first waiting chat still there (one whose patience ran out has left)."""
        while self.waiting:
            chat = self.waiting.popleft()
            if self.env.now - self.time_s[chat] > self.patience_s[chat]:
                self.abandoned[chat] = True
                continue
            return chat
        return None

    def finished(self, agent: _Agent, chat: int) -> None:
        self.finish[chat] = self.env.now
        if agent.held < agent.cap:
            nxt = self.next_waiting()
            if nxt is not None:
                self.give(agent, nxt)

    def least_loaded(self) -> _Agent | None:
        free = [a for a in self.team if a.held < a.cap]
        return min(free, key=lambda a: a.held) if free else None

    def source(self) -> Generator[simpy.Event, Any, None]:
        """Each chat at its moment: to the least loaded free agent, else to the line."""
        for chat, moment in enumerate(self.time_s):
            if moment > self.env.now:
                yield self.env.timeout(moment - self.env.now)
            agent = self.least_loaded() if not self.waiting else None
            if agent is None:
                self.waiting.append(chat)
            else:
                self.give(agent, chat)

    def roster(self, agents: NDArray[np.int64], concurrency: float,
               interval_s: float) -> Generator[simpy.Event, Any, None]:
        """Sets the caps at every boundary; agents coming on duty take what waits."""
        for i in range(agents.size):
            if i * interval_s > self.env.now:
                yield self.env.timeout(i * interval_s - self.env.now)
            caps = _caps(int(agents[i]), concurrency)
            for k, agent in enumerate(self.team):
                agent.cap = caps[k] if k < len(caps) else 0
            self._fill()
        yield self.env.timeout(agents.size * interval_s - self.env.now)
        for agent in self.team:
            agent.cap = 0

    def _fill(self) -> None:
        while self.waiting:
            agent = self.least_loaded()
            chat = self.next_waiting() if agent is not None else None
            if agent is None or chat is None:
                return
            self.give(agent, chat)


def simulate_chat_sessions(arrivals: Arrivals, agents: NDArray[np.int64], concurrency: float,
                           interval_s: float, *, penalty: float = 0.0) -> Outcome:
    """Chat sessions on agents whose sessions slow each other down.

    Parameters
    ----------
    arrivals : Arrivals
        The run's chats (``kcc.simulation.draw_arrivals``); ``handle_s`` is the work of each
        session at one session held (``h1``), ``patience_s`` how long it waits before leaving.
    agents : ndarray of int
        Agents on duty per interval. [agents]
    concurrency : float
        Sessions one agent holds on average; a fraction means a mix of caps. [sessions]
    interval_s : float
        Interval length. [s]
    penalty : float
        Slow-down per extra session held ``p``: a session of an agent holding ``j`` sessions
        takes ``h1 (1 + p (j - 1))``. [-]

    Returns
    -------
    Outcome
        ``start_s`` is the first response (the moment an agent took the chat); chats still
        waiting when the last interval ends are abandoned only if their patience had run out.
    """
    env = simpy.Environment()
    agents = np.asarray(agents, dtype=np.int64)
    desk = _Desk(env, arrivals, int(agents.max(initial=0)), penalty)
    env.process(desk.source())
    env.process(desk.roster(agents, concurrency, interval_s))
    end_s = agents.size * interval_s
    env.run(until=end_s + 1e-6)
    abandoned = desk.abandoned | (np.isnan(desk.start) & (end_s - arrivals.time_s > arrivals.patience_s))
    return Outcome(desk.start, desk.finish, abandoned)
