"""Seeded discrete-event queues in SimPy: a live queue (phone, chat sessions) and a deferred
backlog (e-mail, WhatsApp), each with a staffing that changes at interval boundaries.

Time runs in seconds from the start of the first interval; interval ``i`` is
``[i * interval_s, (i + 1) * interval_s)``. Arrivals are Poisson with a constant rate per
interval (a Poisson count per interval placed uniformly, which is the same process), handle
times and patience exponential.

* Live queue: FIFO, ``servers[i]`` agents on duty in interval ``i``. An agent who goes off duty
  at a boundary finishes the contact in hand; one who comes on duty takes the next contact
  waiting. A contact whose patience runs out before an agent takes it leaves (it is checked
  when an agent reaches it, which under FIFO is the same as leaving on time and saves an event
  per caller).
* Backlog: FIFO by arrival, work only in open intervals, ``capacity[i]`` agents (a fraction
  is an agent working at that share of the speed, as the plan's fluid model counts capacity).
  An item in hand at a boundary stays with its agent while the agent stays on duty and goes
  back to the front of the line otherwise, so work is resumed across intervals, not lost.

References
----------
.. [1] SimPy, discrete-event simulation for Python, https://simpy.readthedocs.io
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import numpy as np
import simpy
from numpy.typing import NDArray

__all__ = ["Arrivals", "Outcome", "draw_arrivals", "simulate_backlog", "simulate_chat",
           "simulate_live"]

#: Slack when a float clock sits on an interval boundary. [intervals]
_EDGE = 1e-9
#: A fraction of an agent below this works nothing (floating-point noise of ``available``).
_EPS = 1e-9

_Process = Generator[simpy.Event, Any, None]


@dataclass(frozen=True, eq=False)
class Arrivals:
    """Contacts of one simulated run, in arrival order.

    Attributes
    ----------
    time_s : ndarray
        Arrival moment. [s]
    interval : ndarray of int
        Interval the contact arrives in.
    handle_s : ndarray
        Handle time (work) of the contact. [s]
    patience_s : ndarray
        Time the contact waits before it leaves; ``inf`` when nobody abandons. [s]
    """

    time_s: NDArray[np.float64]
    interval: NDArray[np.int64]
    handle_s: NDArray[np.float64]
    patience_s: NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Outcome:
    """What happened to each contact of :class:`Arrivals`.

    Attributes
    ----------
    start_s : ndarray
        When an agent took the contact; NaN when none did. [s]
    finish_s : ndarray
        When its work was done; NaN when it was not done by the end of the run. [s]
    abandoned : ndarray of bool
        The contact left before an agent took it (live queue only).
    """

    start_s: NDArray[np.float64]
    finish_s: NDArray[np.float64]
    abandoned: NDArray[np.bool_]


def draw_arrivals(rng: np.random.Generator, volume: NDArray[np.float64], aht_s: NDArray[np.float64],
                  interval_s: float, patience_s: float | None = None) -> Arrivals:
    """Poisson arrivals with the interval's expected ``volume``, exponential handle times with
    the interval's mean ``aht_s`` and exponential patience with mean ``patience_s``.

    Parameters
    ----------
    rng : numpy.random.Generator
        Seeded generator; the same state gives the same contacts.
    volume : ndarray
        Expected contacts per interval. [contacts]
    aht_s : ndarray
        Mean handle time per interval. [s]
    interval_s : float
        Interval length. [s]
    patience_s : float, optional
        Mean patience; None: nobody abandons. [s]

    Returns
    -------
    Arrivals
    """
    rate = np.nan_to_num(np.clip(np.asarray(volume, float), 0.0, None))
    counts = rng.poisson(rate)
    interval = np.repeat(np.arange(rate.size), counts)
    time_s = (interval + rng.random(interval.size)) * interval_s
    order = np.argsort(time_s, kind="stable")
    interval, time_s = interval[order], time_s[order]
    mean = np.asarray(aht_s, float)[interval]
    handle_s = rng.exponential(np.where(np.isfinite(mean) & (mean > 0), mean, 0.0))
    patience = (rng.exponential(patience_s, interval.size) if patience_s
                else np.full(interval.size, np.inf))
    return Arrivals(time_s, interval.astype(np.int64), handle_s, patience)


def _interval_at(now: float, interval_s: float) -> int:
    return int(now / interval_s + _EDGE)


def _next_on(on: NDArray[np.bool_], after: int) -> int:
    """First interval after ``after`` where ``on``; ``len(on)`` when none."""
    later = np.flatnonzero(on[after + 1:])
    return after + 1 + int(later[0]) if later.size else on.size


def _source(env: simpy.Environment, store: simpy.Store, arrivals: Arrivals,
            item: Any = None) -> _Process:
    """Puts each contact in the line at its arrival moment."""
    for index, time_s in enumerate(arrivals.time_s.tolist()):
        if time_s > env.now:
            yield env.timeout(time_s - env.now)
        store.put(index if item is None else item(index))


def _take(env: simpy.Environment, line: simpy.Store, idle: dict[int, simpy.Process],
          k: int) -> Generator[simpy.Event, Any, Any]:
    """The next item of ``line`` for agent ``k``; None when the roster interrupts the wait.

    While it waits, agent ``k`` is in ``idle`` so that the roster process can send it off duty
    at a boundary (a wait with a time-out per contact would cost two events more).
    """
    get = line.get()
    idle[k] = env.active_process  # type: ignore[assignment]  # a process is running here
    try:
        return (yield get)
    except simpy.Interrupt:
        if get.triggered:  # an item came at the same moment: it is this agent's
            return get.value
        get.cancel()
        return None
    finally:
        idle.pop(k, None)


def _roster(env: simpy.Environment, idle: dict[int, simpy.Process], on: NDArray[np.bool_],
            interval_s: float) -> _Process:
    """At each boundary, interrupts the idle agents that are off duty in the next interval
    (``on[k, i]``: agent ``k`` on duty in interval ``i``), and every idle agent at the end."""
    n = on.shape[1] if on.ndim == 2 else 0
    for i in range(1, n + 1):
        yield env.timeout(i * interval_s - env.now)
        for k, process in list(idle.items()):
            if i == n or not on[k, i]:
                process.interrupt()


def simulate_live(arrivals: Arrivals, servers: NDArray[np.int64], interval_s: float) -> Outcome:
    """A FIFO queue with ``servers[i]`` agents in interval ``i`` (Erlang C, or Erlang A when
    the contacts have finite patience).

    Parameters
    ----------
    arrivals : Arrivals
        The run's contacts (:func:`draw_arrivals`).
    servers : ndarray of int
        Agents on duty per interval. [agents]
    interval_s : float
        Interval length. [s]

    Returns
    -------
    Outcome
        Contacts still waiting when the last interval ends are neither answered nor
        abandoned unless their patience had already run out.
    """
    env = simpy.Environment()
    line = simpy.Store(env)
    n = int(servers.size)
    start = np.full(arrivals.time_s.size, np.nan)
    finish = np.full(arrivals.time_s.size, np.nan)
    abandoned = np.zeros(arrivals.time_s.size, dtype=bool)
    # plain lists: the loop below reads one element per event, where numpy scalars are slow
    time_s, handle_s = arrivals.time_s.tolist(), arrivals.handle_s.tolist()
    patience_s = arrivals.patience_s.tolist()

    def agent(k: int) -> _Process:
        on = servers > k
        while True:
            i = _interval_at(env.now, interval_s)
            if i >= n:
                return
            if not on[i]:
                nxt = _next_on(on, i)
                if nxt >= n:
                    return
                yield env.timeout(nxt * interval_s - env.now)
                continue
            c = yield from _take(env, line, idle, k)
            if c is None:  # sent off duty while idle: look at the roster again
                continue
            if env.now - time_s[c] > patience_s[c]:
                abandoned[c] = True  # gone before this agent reached it
                continue
            start[c] = env.now
            yield env.timeout(handle_s[c])
            finish[c] = env.now

    idle: dict[int, simpy.Process] = {}
    env.process(_source(env, line, arrivals))
    for k in range(int(servers.max(initial=0))):
        env.process(agent(k))
    env.process(_roster(env, idle, servers > np.arange(int(servers.max(initial=0)))[:, None],
                        interval_s))
    env.run()
    waiting = np.isnan(start) & ~abandoned
    end_s = n * interval_s
    abandoned |= waiting & (end_s - arrivals.time_s > arrivals.patience_s)
    return Outcome(start, finish, abandoned)


def simulate_chat(arrivals: Arrivals, available: NDArray[np.float64], concurrency: float,
                  interval_s: float) -> Outcome:
    """Chat sessions: each available agent holds up to ``concurrency`` sessions at once, and a
    session takes its handle time whatever the agent's other sessions (the slot model, exact
    when a session is as fast at any concurrency; the plan check runs
    ``kcc.simulation.simulate_chat_sessions``, which slows sessions as the plan's chain does).

    A new chat goes to a free session slot, otherwise it waits FIFO; with a handle time that
    does not depend on the load the agents' slots are one pool of ``floor(available x
    concurrency)`` servers, as the plan counts them.

    Parameters
    ----------
    arrivals : Arrivals
        The run's chats (:func:`draw_arrivals`).
    available : ndarray
        Available agents per interval. [agents]
    concurrency : float
        Sessions one agent holds. [sessions]
    interval_s : float
        Interval length. [s]

    Returns
    -------
    Outcome
    """
    slots = np.floor(np.clip(np.nan_to_num(available), 0.0, None) * concurrency + _EPS)
    return simulate_live(arrivals, slots.astype(np.int64), interval_s)


def simulate_backlog(arrivals: Arrivals, capacity: NDArray[np.float64], open_flags: NDArray[np.bool_],
                     interval_s: float) -> Outcome:
    """Deferred work: a FIFO backlog worked by ``capacity[i]`` agents in open intervals.

    Parameters
    ----------
    arrivals : Arrivals
        The run's items (:func:`draw_arrivals`; patience is ignored: nobody abandons).
    capacity : ndarray
        Available agents per interval; a fraction is an agent at that share of speed. [agents]
    open_flags : ndarray of bool
        Intervals in which the work is picked up.
    interval_s : float
        Interval length. [s]

    Returns
    -------
    Outcome
        ``finish_s`` NaN for items not done when the last interval ends.
    """
    env = simpy.Environment()
    line = simpy.PriorityStore(env)  # (arrival, index): the oldest item first, resumed ones too
    n = int(capacity.size)
    work = np.clip(np.nan_to_num(capacity), 0.0, None) * np.asarray(open_flags, bool)
    left_s = arrivals.handle_s.copy()
    start = np.full(left_s.size, np.nan)
    finish = np.full(left_s.size, np.nan)

    def agent(k: int) -> _Process:
        speed = np.clip(work - k, 0.0, 1.0)
        on = speed > _EPS
        held: tuple[float, int] | None = None
        while True:
            i = _interval_at(env.now, interval_s)
            if i >= n or not on[i]:
                if held is not None:  # off duty: the next agent resumes it
                    line.put(held)
                    held = None
                nxt = _next_on(on, i) if i < n else n
                if nxt >= n:
                    return
                yield env.timeout(nxt * interval_s - env.now)
                continue
            boundary = (i + 1) * interval_s
            if held is None:
                held = yield from _take(env, line, idle, k)
                if held is None:
                    continue
                if np.isnan(start[held[1]]):
                    start[held[1]] = env.now
            c = held[1]
            need_s = left_s[c] / speed[i]
            if env.now + need_s <= boundary:
                yield env.timeout(need_s)
                left_s[c] = 0.0
                finish[c] = env.now
                held = None
            else:
                worked_s = max(boundary - env.now, 0.0)
                yield env.timeout(worked_s)
                left_s[c] = max(left_s[c] - worked_s * speed[i], 0.0)

    idle: dict[int, simpy.Process] = {}
    env.process(_source(env, line, arrivals, item=lambda c: (float(arrivals.time_s[c]), c)))
    agents = int(np.ceil(work.max(initial=0.0) - _EPS))
    for k in range(agents):
        env.process(agent(k))
    env.process(_roster(env, idle, work > np.arange(agents)[:, None] + _EPS, interval_s))
    env.run()
    return Outcome(start, finish, np.zeros(left_s.size, dtype=bool))
