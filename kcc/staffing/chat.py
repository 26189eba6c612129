"""Chat agents handling several sessions at once: workload and queueing modes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kcc.checks import in_interval
from kcc.queueing import required_agents
from kcc.staffing.hours import EPS, whole_agents

__all__ = ["ChatSpec", "chat_agents_queueing", "chat_agents_workload"]


@dataclass(frozen=True)
class ChatSpec:
    """Chat agents handling several sessions at once.

    Attributes
    ----------
    handle_time_s : float
        Session handle time when an agent has one session. [s] (> 0)
    concurrency : float
        Sessions an agent handles at once. [1..10]
    productivity : float
        Share of agent time available for chat. (0..1]
    penalty_per_extra_session : float
        Handle-time increase per extra concurrent session: each session lasts
        ``handle_time_s * (1 + penalty * (concurrency - 1))``. [0..2]
    """

    handle_time_s: float = 1200.0
    concurrency: float = 2.5
    productivity: float = 0.75
    penalty_per_extra_session: float = 0.0

    def __post_init__(self) -> None:
        in_interval("handle_time_s", self.handle_time_s, 0, 86_400, low_open=True)
        in_interval("concurrency", self.concurrency, 1, 10)
        in_interval("productivity", self.productivity, 0, 1, low_open=True)
        in_interval("penalty_per_extra_session", self.penalty_per_extra_session, 0, 2)

    @property
    def session_time_s(self) -> float:
        """Handle time of one session at full concurrency. [s]"""
        return self.handle_time_s * (
            1.0 + self.penalty_per_extra_session * (self.concurrency - 1.0)
        )


def chat_agents_workload(
    chats: ArrayLike, interval_s: float, spec: ChatSpec
) -> NDArray[np.float64]:
    """Workload mode: ``chats * session_time / (interval * concurrency * productivity)``.

    "60 chats per 30 min, handle time 20 min, concurrency 2.5, productivity 75%" gives
    ``60 * 1200 / (1800 * 2.5 * 0.75) = 21.3`` agents (not rounded: a workload figure).
    """
    c = np.asarray(chats, dtype=float)
    return c * spec.session_time_s / (interval_s * spec.concurrency * spec.productivity)


def chat_agents_queueing(
    chats: ArrayLike,
    interval_s: float,
    spec: ChatSpec,
    response_time_s: float,
    target_share: float,
    patience_s: float | None = None,
) -> NDArray[np.int64]:
    """Queueing mode: agents so that ``target_share`` of chats get a first response
    within ``response_time_s``.

    Each agent offers ``concurrency`` session slots; the slots form an Erlang C (or A with
    ``patience_s``) queue with the per-session time :attr:`ChatSpec.session_time_s`. The
    slots needed are turned into agents with ``ceil(slots / (concurrency * productivity))``.
    """
    slots = required_agents(
        chats,
        interval_s,
        spec.session_time_s,
        response_time_s,
        target_service_level=target_share,
        patience_s=patience_s,
    )
    return whole_agents(np.ceil(slots / (spec.concurrency * spec.productivity) - EPS))
