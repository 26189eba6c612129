"""The chat handle time of a lone session ``h1`` and the slow-down per extra session ``p``,
estimated from handled chats.

Two kinds of history tell them apart:

* agent ids with start and end times: how many sessions each agent held at every moment
  follows from the overlap of its chats, and ``h1`` and ``p`` are the maximum-likelihood fit
  of the behavioural model of :mod:`kcc.queueing.chat` (a session of an agent holding ``j``
  sessions ends at rate ``1 / (h1 (1 + p (j - 1)))``, exact for exponential work);
* a sessions column (the concurrency the chat tool recorded per chat): least squares of the
  handle times on the sessions held.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar

from kcc.staffing.chat import DEFAULT_SESSION_PENALTY

__all__ = [
    "MIN_CHATS_FOR_ESTIMATE",
    "ChatHandleEstimate",
    "chat_estimate_from_history",
    "estimate_chat_handle_time",
]

#: Handled chats an estimate from history needs before the Staffing settings offer it. [chats]
MIN_CHATS_FOR_ESTIMATE: Final[int] = 200

#: Upper end of the slow-down the fit searches, as ``ChatSpec`` allows. [-]
_MAX_PENALTY: Final[float] = 2.0


@dataclass(frozen=True)
class ChatHandleEstimate:
    """Handle time of a lone session and slow-down per extra session, fitted to contacts.

    Attributes
    ----------
    handle_time_s : float
        ``h1``: handle time of a session on an agent holding no other session. [s]
    penalty_per_extra_session : float
        ``p``: a session on an agent holding ``j`` sessions takes ``h1 (1 + p (j - 1))``,
        within [0, 2]. [-]
    mean_sessions : float
        Mean sessions its agent held during a session (itself included). [sessions]
    contacts : int
        Sessions the fit used.
    method : str
        ``overlap`` (agent ids and times, maximum likelihood) or ``sessions`` (a recorded
        sessions column, least squares).
    penalty_assumed : bool
        The history held one level of sessions only, so ``p`` is
        :data:`~kcc.staffing.DEFAULT_SESSION_PENALTY`, an assumption.
    mean_handle_s : float
        Mean handle time of the sessions used. [s]
    """

    handle_time_s: float
    penalty_per_extra_session: float
    mean_sessions: float
    contacts: int
    method: str = "sessions"
    penalty_assumed: bool = False
    mean_handle_s: float = float("nan")

    @property
    def history_sessions(self) -> float:
        """The sessions at which the mean handle time is ``h1 (1 + p (j - 1))``, within
        [1, 10]: with it, ``kcc.queueing.lone_session_s`` turns this history's mean handle
        time back into ``h1``, so the plan, the levers and the calculator start from the same
        lone session. Without a slow-down, the mean sessions held. [sessions]"""
        p, h1 = self.penalty_per_extra_session, self.handle_time_s
        if p <= 0.0 or not np.isfinite(self.mean_handle_s):
            return float(np.clip(self.mean_sessions, 1.0, 10.0))
        return float(np.clip(1.0 + (self.mean_handle_s / h1 - 1.0) / p, 1.0, 10.0))


@dataclass(frozen=True)
class _Paths:
    """Every agent's count of open sessions as one step function (agents one after another),
    with the position of each session's start and end on it."""

    held: np.ndarray  # sessions open on each piece between two events
    piece_s: np.ndarray  # length of each piece (0 between two agents) [s]
    at_start: np.ndarray
    at_end: np.ndarray

    def area(self, weight: np.ndarray) -> np.ndarray:
        """Integral of ``weight`` (one value per piece) over each session. [s x weight]"""
        cumulative = np.concatenate([[0.0], np.cumsum(weight * self.piece_s)])
        return cumulative[self.at_end] - cumulative[self.at_start]

    @property
    def held_at_end(self) -> np.ndarray:
        """Sessions its agent held just before each session ended (itself included)."""
        return self.held[self.at_end - 1]


def _paths(agent: np.ndarray, start_s: np.ndarray, end_s: np.ndarray) -> _Paths:
    """The step functions of sessions held, from one sort of every start and end.

    Each agent's starts and ends balance, so one running sum over all agents (sorted by agent,
    then time, an end before a start at the same instant) counts each agent's open sessions.
    """
    count = start_s.size
    codes = np.concatenate([agent, agent])
    times = np.concatenate([start_s, end_s])
    steps = np.concatenate([np.ones(count), -np.ones(count)])
    order = np.lexsort((steps, times, codes))
    t, who = times[order], codes[order]
    held = np.cumsum(steps[order])[:-1]
    piece = np.where(who[1:] == who[:-1], np.diff(t), 0.0)
    position = np.empty(2 * count, dtype=np.int64)
    position[order] = np.arange(2 * count)
    return _Paths(held, piece, position[:count], position[count:])


def _overlap_fit(paths: _Paths, duration_s: np.ndarray) -> tuple[float, float]:
    """``(h1, p)`` maximising the likelihood of the sessions' ends.

    A session's work done is ``w(p) = integral of dt / (1 + p (j(t) - 1))``; with exponential
    work of mean ``h1`` the log-likelihood is ``-n log h1 - sum log(1 + p (j_end - 1)) -
    sum w(p) / h1``, so ``h1 = mean w(p)`` and ``p`` maximises the profile.
    """
    held = np.maximum(paths.held, 1.0) - 1.0
    extra_at_end = np.maximum(paths.held_at_end, 1.0) - 1.0

    def work_s(p: float) -> np.ndarray:
        return paths.area(1.0 / (1.0 + p * held))

    def minus_log_likelihood(p: float) -> float:
        return float(duration_s.size * np.log(work_s(p).mean())
                     + np.log1p(p * extra_at_end).sum())

    best = minimize_scalar(minus_log_likelihood, bounds=(0.0, _MAX_PENALTY), method="bounded",
                           options={"xatol": 1e-4})
    penalty = float(best.x)
    # the bounded search stops short of an optimum on the edge
    if minus_log_likelihood(0.0) <= best.fun:
        penalty = 0.0
    return float(work_s(penalty).mean()), penalty


def _least_squares_fit(duration_s: np.ndarray, extra: np.ndarray) -> tuple[float, float, bool]:
    """``(h1, p, assumed)``: handle times on extra sessions held, the intercept ``h1`` and the
    slope over it ``p``; one level of sessions only cannot tell ``p``, so it is assumed."""
    if np.ptp(extra) <= 1e-9:
        return float(duration_s.mean() / (1.0 + DEFAULT_SESSION_PENALTY * extra.mean())), \
            DEFAULT_SESSION_PENALTY, True
    slope, h1 = np.polyfit(extra, duration_s, 1)
    penalty = float(np.clip(slope / max(h1, 1e-9), 0.0, _MAX_PENALTY))
    return float(duration_s.mean() / (1.0 + penalty * extra.mean())), penalty, False


def _seconds(times: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(times)
    if isinstance(stamps.dtype, pd.DatetimeTZDtype):
        stamps = stamps.dt.tz_convert("UTC").dt.tz_localize(None)
    # NaT as NaN, so a missing time drops the row instead of raising
    return (stamps - pd.Timestamp("1970-01-01")).dt.total_seconds().to_numpy(float)


def estimate_chat_handle_time(contacts: pd.DataFrame) -> ChatHandleEstimate:
    """Fit ``h1`` and ``p`` of ``duration = h1 (1 + p (j - 1))`` to handled chat sessions.

    Parameters
    ----------
    contacts : pandas.DataFrame
        One row per handled session, with ``agent_id``, ``start`` and ``end`` (times: the
        sessions held are measured from the overlap of each agent's chats), or with
        ``handle_s`` [s] and ``sessions`` (the sessions its agent held, itself included, as
        the file records it). Agent ids and times win when both are there.

    Returns
    -------
    ChatHandleEstimate
        From agent ids and times, the maximum-likelihood fit of the behavioural model of
        :mod:`kcc.queueing.chat` (every session of an agent holding ``j`` sessions progresses
        at ``1 / (h1 (1 + p (j - 1)))``; exact for exponential work, and it assumes the file
        holds all of each agent's chats). From a sessions column, least squares of the handle
        times on ``j - 1``: the intercept is ``h1``, the slope over the intercept ``p``. With
        one level of ``j`` only, ``p`` cannot be told and :data:`DEFAULT_SESSION_PENALTY` is
        taken, ``h1`` then following from the mean.

    Raises
    ------
    ValueError
        When the frame has neither column set, or no session with a positive duration.
    """
    if {"agent_id", "start", "end"} <= set(contacts.columns):
        start_s, end_s = _seconds(contacts["start"]), _seconds(contacts["end"])
        ok = np.isfinite(start_s) & np.isfinite(end_s) & (end_s > start_s)
        ok &= contacts["agent_id"].notna().to_numpy()
        if not ok.any():
            raise ValueError("no chat session with a positive handle time to fit")
        agent = pd.factorize(contacts["agent_id"][ok])[0]
        duration = end_s[ok] - start_s[ok]
        paths = _paths(agent, start_s[ok], end_s[ok])
        h1, penalty = _overlap_fit(paths, duration)
        mean_sessions = float((paths.area(paths.held) / duration).mean())
        return ChatHandleEstimate(h1, penalty, mean_sessions, int(ok.sum()), "overlap", False,
                                  float(duration.mean()))
    if not {"handle_s", "sessions"} <= set(contacts.columns):
        raise ValueError("contacts need agent_id, start and end, or handle_s and sessions")
    duration = contacts["handle_s"].to_numpy(float)
    held = contacts["sessions"].to_numpy(float)
    ok = np.isfinite(duration) & (duration > 0) & np.isfinite(held) & (held >= 1.0 - 1e-9)
    if not ok.any():
        raise ValueError("no chat session with a positive handle time to fit")
    extra = np.maximum(held[ok], 1.0) - 1.0
    h1, penalty, assumed = _least_squares_fit(duration[ok], extra)
    return ChatHandleEstimate(h1, penalty, float(extra.mean() + 1.0), int(ok.sum()), "sessions",
                              assumed, float(duration[ok].mean()))


def chat_estimate_from_history(sessions: pd.DataFrame,
                               min_chats: int = MIN_CHATS_FOR_ESTIMATE) -> ChatHandleEstimate | None:
    """The estimate the stored chats allow: from agent ids and times when at least
    ``min_chats`` chats carry them, else from a recorded sessions column; None when neither.

    Parameters
    ----------
    sessions : pandas.DataFrame
        ``kcc.store.read_chat_sessions``: ``agent_id``, ``start``, ``end``, ``handle_s``,
        ``sessions``.
    min_chats : int
        Chats an estimate needs. [chats]

    Returns
    -------
    ChatHandleEstimate or None
    """
    timed = sessions[sessions["agent_id"].notna() & sessions["start"].notna()
                     & sessions["end"].notna()]
    if len(timed) >= min_chats:
        try:
            return estimate_chat_handle_time(timed[["agent_id", "start", "end"]])
        except ValueError:
            pass
    counted = sessions[sessions["sessions"].notna() & sessions["handle_s"].notna()]
    if len(counted) >= min_chats:
        try:
            return estimate_chat_handle_time(counted[["handle_s", "sessions"]])
        except ValueError:
            return None
    return None
