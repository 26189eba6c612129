"""The engine check: published reference cases and a seeded simulation, as tidy frames.

The engine-check page only renders these; tests call them directly.
"""

from __future__ import annotations

import heapq
import math

import numpy as np
import pandas as pd

from kcc.queueing import QueueMetrics, chat_metrics, queue_metrics, required_agents
from kcc.staffing import ChatSpec, chat_agents_workload, scheduled_agents

__all__ = ["SIM_CASE", "calculator_curve", "run_reference_cases", "run_simulation_check"]

#: The simulated case: pyworkforce's Erlang A example (100 calls / 30 min, AHT 180 s,
#: 14 agents, mean patience 300 s, answered within 20 s).
SIM_CASE: dict[str, float] = {
    "calls": 100.0,
    "interval_s": 1800.0,
    "aht_s": 180.0,
    "agents": 14.0,
    "answer_time_s": 20.0,
    "patience_s": 300.0,
}


def run_reference_cases() -> pd.DataFrame:
    """Recompute every published value the engine is checked against.

    Returns
    -------
    DataFrame
        ``case, source, quantity, unit, expected, computed, tolerance, passed``: ``case``
        and ``quantity`` are text-key suffixes (``engine.case_<case>``,
        ``engine.q_<quantity>``); ``passed`` is ``|computed - expected| <= tolerance``.
    """
    rows: list[tuple[str, str, str, str, float, float, float]] = []
    m = queue_metrics(100, 1800, 180, [13, 14], 20)
    rows += [
        ("pwf_13", "pyworkforce", "service_level", "%", 0.7956, float(m.service_level[0]), 5e-5),
        ("pwf_14", "pyworkforce", "service_level", "%", 0.8884, float(m.service_level[1]), 5e-5),
        ("pwf_14", "pyworkforce", "p_wait", "%", 0.1741, float(m.p_wait[1]), 5e-5),
        ("pwf_14", "pyworkforce", "asa_s", "s", 7.84, float(m.asa_s[1]), 5e-3),
    ]
    for cap, raw_expected, sched_expected, case in (
        (0.85, 14, 20, "pwf_cap85"),
        (0.70, 15, 22, "pwf_cap70"),
    ):
        raw = int(required_agents(100, 1800, 180, 20, target_service_level=0.8, max_occupancy=cap))
        rows += [
            (case, "pyworkforce", "agents_raw", "agents", raw_expected, raw, 0.0),
            (
                case,
                "pyworkforce",
                "agents_scheduled",
                "agents",
                sched_expected,
                int(scheduled_agents(raw, 0.3)),
                0.0,
            ),
        ]
    a = queue_metrics(100, 1800, 180, 14, 20, patience_s=300)
    rows += [
        ("pwf_erlang_a", "pyworkforce", "p_wait", "%", 0.14526, float(a.p_wait), 5e-6),
        ("pwf_erlang_a", "pyworkforce", "p_abandon", "%", 0.013984, float(a.p_abandon), 5e-7),
        ("pwf_erlang_a", "pyworkforce", "occupancy", "%", 0.704297, float(a.occupancy), 5e-7),
        (
            "pwf_erlang_a",
            "pyworkforce",
            "service_level",
            "%",
            0.916792,
            float(a.service_level),
            5e-7,
        ),
    ]
    t = queue_metrics(400, 3600, 180, 25, 20)
    rows += [
        ("erl20", "textbook", "erlang_b", "%", 0.0502, float(t.erlang_b), 5e-5),
        ("erl20", "textbook", "p_wait", "%", 0.2091, float(t.p_wait), 5e-5),
        (
            "erl20_agents",
            "textbook",
            "agents_raw",
            "agents",
            23,
            int(required_agents(400, 3600, 180, 60, target_service_level=0.8)),
            0.0,
        ),
        (
            "erl960",
            "textbook",
            "agents_raw",
            "agents",
            971,
            int(required_agents(960 * 20, 3600, 180, 20, target_service_level=0.8)),
            0.0,
        ),
    ]
    chat = float(chat_agents_workload(60, 1800, ChatSpec(1200, 2.5, 0.75)))
    rows.append(("chat", "workload", "agents_workload", "agents", 21.3, chat, 0.05))
    frame = pd.DataFrame(
        rows, columns=["case", "source", "quantity", "unit", "expected", "computed", "tolerance"]
    )
    frame["passed"] = (frame["computed"] - frame["expected"]).abs() <= frame["tolerance"] + 1e-12
    return frame


def _simulate(seed: int, n_calls: int) -> dict[str, np.ndarray]:
    """FIFO M/M/n+M call by call: a call takes the earliest free agent after everyone
    ahead of it, unless its patience runs out first (then it takes no agent)."""
    rng = np.random.default_rng(seed)
    c = SIM_CASE
    lam = c["calls"] / c["interval_s"]
    arrivals = np.cumsum(rng.exponential(1.0 / lam, n_calls))
    patience = rng.exponential(c["patience_s"], n_calls)
    service = rng.exponential(c["aht_s"], n_calls)
    free = [0.0] * int(c["agents"])
    waited = np.empty(n_calls)
    answered = np.zeros(n_calls, dtype=bool)
    for i in range(n_calls):
        start = max(arrivals[i], free[0])
        wait = start - arrivals[i]
        if wait <= patience[i]:
            heapq.heapreplace(free, start + service[i])
            answered[i] = True
            waited[i] = wait
        else:
            waited[i] = patience[i]
    return {"waited": waited, "answered": answered}


def run_simulation_check(seed: int, n_calls: int = 40_000, batches: int = 20) -> pd.DataFrame:
    """Compare Erlang A with a fresh seeded simulation of the same queue.

    Parameters
    ----------
    seed : int
        Random seed; the same seed gives the same table.
    n_calls : int
        Simulated calls (the first 5% are dropped as warm-up).
    batches : int
        Batch-means batches for the confidence interval.

    Returns
    -------
    DataFrame
        ``quantity, unit, expected, simulated, ci_low, ci_high, passed``: ``expected`` from
        :func:`kcc.queueing.queue_metrics`, ``simulated`` with a 99.9% batch-means
        confidence interval; ``passed`` when ``expected`` lies inside it.
    """
    sim = _simulate(seed, n_calls)
    warm = n_calls // 20
    waited, answered = sim["waited"][warm:], sim["answered"][warm:]
    size = (waited.size // batches) * batches
    waited, answered = waited[:size].reshape(batches, -1), answered[:size].reshape(batches, -1)
    t_ans = SIM_CASE["answer_time_s"]
    per_batch = {
        "p_wait": (waited > 0).mean(axis=1),
        "p_abandon": (~answered).mean(axis=1),
        "service_level": (answered & (waited <= t_ans)).mean(axis=1),
        "asa_s": (waited * answered).sum(axis=1) / np.maximum(answered.sum(axis=1), 1),
    }
    c = SIM_CASE
    m = queue_metrics(
        c["calls"],
        c["interval_s"],
        c["aht_s"],
        c["agents"],
        c["answer_time_s"],
        patience_s=c["patience_s"],
    )
    z = 3.29  # two-sided 99.9%
    rows = []
    for quantity, values in per_batch.items():
        mean = float(values.mean())
        half = z * float(values.std(ddof=1)) / math.sqrt(batches)
        expected = float(getattr(m, quantity))
        rows.append(
            (
                quantity,
                "s" if quantity == "asa_s" else "%",
                expected,
                mean,
                mean - half,
                mean + half,
                bool(mean - half <= expected <= mean + half),
            )
        )
    return pd.DataFrame(
        rows, columns=["quantity", "unit", "expected", "simulated", "ci_low", "ci_high", "passed"]
    )


def _agent_range(agents_from: int, agents_to: int) -> np.ndarray:
    """The agent counts of a calculator's curve: ``agents_from..agents_to`` inclusive, none
    below 0."""
    return np.arange(max(agents_from, 0), max(agents_to, agents_from) + 1)


def _curve(agents: np.ndarray, m: QueueMetrics) -> pd.DataFrame:
    """A calculator's curve: the service ``m`` gives per agent count."""
    return pd.DataFrame({
        "agents": agents,
        "service_level": m.service_level,
        "asa_s": m.asa_s,
        "p_abandon": m.p_abandon,
        "occupancy": m.occupancy,
        "feasible": m.feasible,
    })


def calculator_curve(
    calls: float,
    interval_s: float,
    aht_s: float,
    answer_time_s: float,
    patience_s: float | None,
    lines: int | None,
    agents_from: int,
    agents_to: int,
) -> pd.DataFrame:
    """Service level, ASA, abandonment and occupancy for a range of agents.

    Returns
    -------
    DataFrame
        ``agents, service_level, asa_s, p_abandon, occupancy, feasible`` for
        ``agents_from..agents_to`` inclusive.
    """
    agents = _agent_range(agents_from, agents_to)
    m = queue_metrics(
        calls, interval_s, aht_s, agents, answer_time_s, patience_s=patience_s, lines=lines
    )
    return _curve(agents, m)


def chat_calculator_curve(
    chats: float,
    interval_s: float,
    handle_time_s: float,
    concurrency: float,
    answer_time_s: float,
    penalty: float,
    patience_s: float | None,
    agents_from: int,
    agents_to: int,
) -> pd.DataFrame:
    """The chat chain's (``kcc.queueing.chat_metrics``) service for a range of agents.

    Returns
    -------
    DataFrame
        ``agents, service_level, asa_s, p_abandon, occupancy, feasible`` for
        ``agents_from..agents_to`` inclusive; occupancy is of the session slots.
    """
    agents = _agent_range(agents_from, agents_to)
    m = chat_metrics(chats, interval_s, handle_time_s, agents, concurrency, answer_time_s,
                     penalty=penalty, patience_s=patience_s)
    return _curve(agents, m)
