"""A seeded discrete-event simulation (SimPy, ``kcc.simulation.simulate_chat_sessions``) of chat
agents holding several sessions at once, in steady traffic.

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
from dataclasses import dataclass

import numpy as np

from kcc.simulation import draw_arrivals, simulate_chat_sessions


@dataclass(frozen=True)
class SimResult:
    """Shares over the chats that arrived after the warm-up, with batch-means 95% half-widths."""

    service_level: float
    service_level_ci: float
    p_abandon: float
    mean_wait_s: float
    occupancy: float
    chats: int


def simulate_chat(chats_per_hour: float, h1_s: float, agents: int, concurrency: float,
                  answer_time_s: float, *, penalty: float = 0.0, patience_s: float | None = None,
                  hours: float = 200.0, warmup_hours: float = 5.0, seed: int = 1,
                  batches: int = 20) -> SimResult:
    """Simulate ``hours`` of steady chat traffic (``kcc.simulation.simulate_chat_sessions``,
    one-hour intervals, the same agents throughout) and measure the first-response service."""
    rng = np.random.default_rng(seed)
    intervals = int(math.ceil(warmup_hours + hours))
    arrivals = draw_arrivals(rng, np.full(intervals, chats_per_hour), np.full(intervals, h1_s),
                             3600.0, patience_s)
    out = simulate_chat_sessions(arrivals, np.full(intervals, agents, dtype=np.int64), concurrency,
                                 3600.0, penalty=penalty)
    warm, end = warmup_hours * 3600.0, (warmup_hours + hours) * 3600.0
    keep = (arrivals.time_s >= warm) & (arrivals.time_s < end)
    wait = np.where(out.abandoned, arrivals.patience_s, out.start_s - arrivals.time_s)[keep]
    answered = np.isfinite(out.start_s[keep])
    good = answered & (wait <= answer_time_s)
    edges = np.linspace(warm, end, batches + 1)
    which = np.clip(np.searchsorted(edges, arrivals.time_s[keep], side="right") - 1, 0, batches - 1)
    per_batch = np.array([good[which == b].mean() for b in range(batches)])
    half = 2.093 * per_batch.std(ddof=1) / math.sqrt(batches)  # t(0.975, 19)
    # sessions held over the measured hours: each session from its start to its end
    held = np.clip(np.nan_to_num(out.finish_s, nan=end), warm, end) - np.clip(
        np.nan_to_num(out.start_s, nan=end), warm, end)
    slots = math.floor(agents * concurrency + 1e-9)
    return SimResult(
        service_level=float(good.mean()), service_level_ci=float(half),
        p_abandon=float(out.abandoned[keep].mean()), mean_wait_s=float(np.nan_to_num(wait).mean()),
        occupancy=float(held.sum() / (hours * 3600.0 * slots)), chats=int(keep.sum()),
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
