"""Chat agents handling several sessions at once: workload and queueing modes (the handle
time of a lone session and the slow-down per extra session are estimated from contacts in
:mod:`kcc.staffing.chat_estimate`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kcc.checks import in_interval, number_in
from kcc.queueing.chat import required_chat_agents
from kcc.staffing.hours import EPS, whole_agents

__all__ = [
    "DEFAULT_SESSION_PENALTY",
    "ChatSpec",
    "chat_agents_queueing",
    "chat_agents_workload",
]

#: Handle-time increase per extra concurrent session when the history cannot tell: each extra
#: session makes every session on that agent 25% slower (an assumption, shown as such; set
#: the channel's own value from contacts with agent ids or concurrency). [-]
DEFAULT_SESSION_PENALTY = 0.25


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
        Handle-time increase per extra concurrent session: a session on an agent holding
        ``j`` sessions lasts ``handle_time_s * (1 + penalty * (j - 1))``. [0..2]

    Raises
    ------
    kcc.checks.FieldError
        When a field is out of range; the message names it, in English and Dutch.
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

    An agent holds up to ``concurrency`` sessions, a new chat goes to the least loaded agent
    with a free slot or waits first in, first out (leaving at rate ``1 / patience_s``), and a
    session on an agent holding ``j`` sessions takes ``handle_time_s * (1 + penalty * (j -
    1))``: the birth-death chain of :mod:`kcc.queueing.chat`. The agents the chain needs are
    divided by ``productivity`` (the share of their time on chat) and rounded up.

    Parameters
    ----------
    chats : array_like
        Chats offered per interval. [chats]
    interval_s : float
        Interval length. [s]
    spec : ChatSpec
        Handle time, concurrency, productivity and slow-down.
    response_time_s : float
        First-response time of the target, 0 up to 3600. [s]
    target_share : float
        Share of chats to answer within ``response_time_s``, above 0 and below 1. [-]
    patience_s : float, optional
        Mean patience of a waiting chat; None: nobody leaves. [s]

    Returns
    -------
    numpy.ndarray of int64
        Agents per interval.

    Raises
    ------
    kcc.checks.FieldError
        When ``response_time_s``, ``target_share`` or ``patience_s`` is out of range.
    """
    number_in("response_time_s", response_time_s, 0, 3600, unit="s")
    in_interval("target_share", target_share, 0, 1, low_open=True, high_open=True)
    in_interval("patience_s", patience_s, 0, 86_400, low_open=True, optional=True)
    need = required_chat_agents(
        chats,
        interval_s,
        spec.handle_time_s,
        spec.concurrency,
        response_time_s,
        target_service_level=float(target_share),
        penalty=spec.penalty_per_extra_session,
        patience_s=patience_s,
    )
    return whole_agents(np.ceil(need.agents / spec.productivity - EPS))
