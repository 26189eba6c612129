"""A generated chat history whose lone-session handle time ``h1`` and slow-down ``p`` are known.

The behavioural model of ``kcc.queueing.chat``, played chat by chat with the agent of every
session recorded (``kcc.simulation.simulate_chat_sessions`` does not say which agent took a
chat): Poisson arrivals; a new chat goes to the least loaded agent with a free slot (the first
on a tie), else waits first in, first out for the next slot; each session carries an
exponential amount of work (mean ``h1`` seconds at one session) and progresses at
``1 / (1 + p (j - 1))`` of full speed while its agent holds ``j`` sessions.
"""

from __future__ import annotations

from collections import deque

import numpy as np
import pandas as pd


def chat_history(*, chats_per_hour: float, h1_s: float, penalty: float, agents: int, cap: int,
                 hours: float, seed: int = 1,
                 start: str = "2024-03-04 08:00") -> pd.DataFrame:
    """One row per handled chat: ``agent``, ``arrival``, ``start``, ``end`` (wall-clock
    timestamps), ``handle_s`` (end - start) [s] and ``sessions``, the time-average sessions
    its agent held while it lasted (itself included) [sessions]."""
    rng = np.random.default_rng(seed)
    count = rng.poisson(chats_per_hour * hours)
    arrival_s = np.sort(rng.random(count) * hours * 3600.0)
    work_s = rng.exponential(h1_s, count)
    left = np.full((agents, cap), np.nan)  # work left per slot [s at one session]
    chat_of = np.full((agents, cap), -1)
    agent_of, begin, end = np.full(count, -1), np.full(count, np.nan), np.full(count, np.nan)
    held_area = np.zeros(count)  # integral of the sessions held over each session [s]
    waiting: deque[int] = deque()
    now, nxt = 0.0, 0

    def give(agent: int, chat: int) -> None:
        slot = int(np.flatnonzero(chat_of[agent] < 0)[0])
        left[agent, slot], chat_of[agent, slot] = work_s[chat], chat
        agent_of[chat], begin[chat] = agent, now

    while nxt < count or (chat_of >= 0).any():
        held = (chat_of >= 0).sum(axis=1)
        slow = 1.0 + penalty * (held - 1)
        to_finish = np.where(chat_of >= 0, left * slow[:, None], np.inf)
        done_in = float(to_finish.min())
        arrive_in = arrival_s[nxt] - now if nxt < count else np.inf
        step = min(done_in, arrive_in)
        busy = chat_of >= 0
        left[busy] -= step / np.broadcast_to(slow[:, None], left.shape)[busy]
        held_area[chat_of[busy]] += step * np.broadcast_to(held[:, None], left.shape)[busy]
        now += step
        if arrive_in <= done_in:
            free = np.flatnonzero(held < cap)
            if free.size:
                give(int(free[np.argmin(held[free])]), nxt)
            else:
                waiting.append(nxt)
            nxt += 1
            continue
        agent, slot = np.unravel_index(int(np.argmin(to_finish)), to_finish.shape)
        chat = int(chat_of[agent, slot])
        end[chat], chat_of[agent, slot], left[agent, slot] = now, -1, np.nan
        if waiting:
            give(int(agent), waiting.popleft())
    t0 = pd.Timestamp(start)
    handle_s = end - begin
    return pd.DataFrame({
        "agent": [f"A{a:03d}" for a in agent_of],
        "arrival": t0 + pd.to_timedelta(arrival_s, unit="s"),
        "start": t0 + pd.to_timedelta(begin, unit="s"),
        "end": t0 + pd.to_timedelta(end, unit="s"),
        "handle_s": handle_s,
        "sessions": held_area / handle_s,
    })
