"""Chat agents handling several sessions at once: workload and queueing modes, and the handle
time of a lone session and the slow-down per extra session estimated from contacts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from kcc.checks import in_interval, number_in
from kcc.queueing.chat import required_chat_agents
from kcc.staffing.hours import EPS, whole_agents

__all__ = [
    "DEFAULT_SESSION_PENALTY",
    "ChatHandleEstimate",
    "ChatSpec",
    "chat_agents_queueing",
    "chat_agents_workload",
    "estimate_chat_handle_time",
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


@dataclass(frozen=True)
class ChatHandleEstimate:
    """Handle time of a lone session and slow-down per extra session, fitted to contacts.

    Attributes
    ----------
    handle_time_s : float
        ``h1``: handle time of a session on an agent holding no other session. [s]
    penalty_per_extra_session : float
        ``p``: a session on an agent holding ``j`` sessions takes ``h1 (1 + p (j - 1))``,
        clipped to [0, 2]. [-]
    mean_sessions : float
        Mean sessions its agent held during a session (itself included). [sessions]
    contacts : int
        Sessions the fit used.
    """

    handle_time_s: float
    penalty_per_extra_session: float
    mean_sessions: float
    contacts: int


def _sessions_held(contacts: pd.DataFrame) -> np.ndarray:
    """Time-average sessions its agent held during each session (itself included). [sessions]

    Per agent the count of open sessions is a step function; its integral at every start and
    end comes from one cumulative sum, so a session's mean is ``(C(end) - C(start)) / length``.
    """
    start = pd.to_datetime(contacts["start"]).to_numpy("datetime64[ns]").astype(np.int64) / 1e9
    end = pd.to_datetime(contacts["end"]).to_numpy("datetime64[ns]").astype(np.int64) / 1e9
    held = np.full(len(contacts), np.nan)
    for rows in contacts.groupby("agent_id", sort=False).indices.values():
        s, e = start[rows], end[rows]
        times = np.concatenate([s, e])
        steps = np.concatenate([np.ones(len(s)), -np.ones(len(e))])
        order = np.lexsort((steps, times))  # an end before a start at the same instant
        t, open_now = times[order], np.cumsum(steps[order])
        area = np.concatenate([[0.0], np.cumsum(open_now[:-1] * np.diff(t))])
        with np.errstate(invalid="ignore", divide="ignore"):
            held[rows] = (np.interp(e, t, area) - np.interp(s, t, area)) / (e - s)
    return held


def estimate_chat_handle_time(contacts: pd.DataFrame) -> ChatHandleEstimate:
    """Fit ``h1`` and ``p`` of ``duration = h1 (1 + p (j - 1))`` to handled chat sessions.

    Parameters
    ----------
    contacts : pandas.DataFrame
        One row per handled session, with either ``handle_s`` [s] and ``sessions`` (the
        sessions its agent held, itself included, as the file records it), or ``agent_id``,
        ``start`` and ``end`` (times), from which the time-average sessions held are measured.

    Returns
    -------
    ChatHandleEstimate
        Least squares of the durations on ``j - 1``: the intercept is ``h1``, the slope over
        the intercept ``p``. With one level of ``j`` only, ``p`` cannot be told and
        :data:`DEFAULT_SESSION_PENALTY` is taken, ``h1`` then following from the mean.

    Raises
    ------
    ValueError
        When the frame has neither column set, or no session with a positive duration.
    """
    if {"handle_s", "sessions"} <= set(contacts.columns):
        duration = contacts["handle_s"].to_numpy(float)
        held = contacts["sessions"].to_numpy(float)
    elif {"agent_id", "start", "end"} <= set(contacts.columns):
        held = _sessions_held(contacts)
        span = pd.to_datetime(contacts["end"]) - pd.to_datetime(contacts["start"])
        duration = span.dt.total_seconds().to_numpy(float)
    else:
        raise ValueError("contacts need handle_s and sessions, or agent_id, start and end")
    ok = np.isfinite(duration) & (duration > 0) & np.isfinite(held) & (held >= 1.0 - 1e-9)
    if not ok.any():
        raise ValueError("no chat session with a positive handle time to fit")
    d, x = duration[ok], np.maximum(held[ok], 1.0) - 1.0
    if np.ptp(x) > 1e-9:
        slope, h1 = np.polyfit(x, d, 1)
        h1 = float(max(h1, 1e-9))
        penalty = float(np.clip(slope / h1, 0.0, 2.0))
        h1 = float(d.mean() / (1.0 + penalty * x.mean()))  # the fit's mean, after clipping
    else:
        penalty = DEFAULT_SESSION_PENALTY
        h1 = float(d.mean() / (1.0 + penalty * x.mean()))
    return ChatHandleEstimate(h1, penalty, float(x.mean() + 1.0), int(ok.sum()))
