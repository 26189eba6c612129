"""Chat with concurrent sessions whose handle time grows with concurrency, as a birth-death chain.

The behaviour modelled
----------------------
``agents`` agents each hold up to ``concurrency`` chat sessions (a fractional concurrency
means a mix: ``slots = floor(agents * concurrency)`` in all, as evenly spread over the agents as
whole numbers allow). A new chat goes to the least loaded agent with a free slot, otherwise it
waits first in, first out, and leaves at rate ``1 / patience_s`` while waiting. A session on an
agent holding ``j`` sessions progresses at ``1 / (h1 * (1 + p * (j - 1)))`` of its work per
second (``h1`` the handle time of a lone session, ``p`` the slow-down per extra session), the
work of a session being exponential with mean 1.

The chain
---------
The state is ``n``, the chats in the system. Chats arrive at rate ``lam``. Under balanced load
the ``min(n, slots)`` sessions are spread over the agents as evenly as their caps allow, so the
sessions complete at the total rate ``f(n) = sum_agents g(j_agent)``, ``g(j) = j / (h1 (1 + p
(j - 1)))``; above ``slots`` every slot is busy and the waiting chats leave at ``(n - slots)
theta``. The stationary law is ``pi_n ~ prod_{i <= n} lam / d(i)``.

Above ``slots`` the chain is that of Erlang A (or C) with ``slots`` servers of handle time
``slots / f(slots)`` each, so every quantity conditioned on waiting (the FIFO waiting-time law of
a chat that finds ``k`` chats ahead, its abandonment, the answered-late share) is the Erlang one
(``kcc.queueing.models``); only the weight of the states below ``slots`` differs. Those
``L = sum_{n < slots} pi_n / pi_slots`` enter where Erlang B does: ``1 / B - 1 = L``. So
``P(wait) = A / (A + L)`` with ``A = A(x, y)`` of Garnett, Mandelbaum and Reiman, and

* no abandonment: ``P(wait <= T) = 1 - P(wait) exp(-(f(slots) - lam) T)``; a chat that finds
  ``k`` ahead waits an Erlang(``k + 1``, ``f(slots)``) time, and the geometric queue makes the
  mix exponential;
* abandonment: the answered-within-``T`` share of Erlang A with the same ``L``: a chat that
  finds ``k`` ahead is answered after ``k + 1`` moves at rates ``f(slots) + i theta``,
  ``i = k .. 0``, unless its own patience runs out first.

Occupancy is the mean number of sessions held over the slots. With ``p = 0`` and a whole
concurrency the chain is Erlang C/A with ``slots`` servers (the slot model) exactly. With
``p > 0`` it assumes the load stays balanced; the least-loaded routing keeps it so while chats
wait (every slot is then busy), and ``tests/queueing/test_chat.py`` checks the rest against a
discrete-event simulation of the behaviour above.

References
----------
Garnett, O., Mandelbaum, A. and Reiman, M. (2002). Designing a call center with impatient
customers. Manufacturing & Service Operations Management 4(3), 208-227.
Tezcan, T. and Zhang, J. (2014). Routing and staffing in customer service chat systems with
impatient customers. Operations Research 62(4), 943-956.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kcc.config import MAX_EXACT_AGENTS
from kcc.queueing.inputs import as_float, broadcast_inputs, check_rule
from kcc.queueing.models import _erlang_a, _erlang_c
from kcc.queueing.results import FloatArray, QueueMetrics, Requirement

__all__ = [
    "ChatLoad",
    "chat_load",
    "chat_metrics",
    "full_load_sessions_per_hour",
    "lone_session_s",
    "required_chat_agents",
    "session_rate",
]

#: States below the slots the chain walks; beyond, the lowest states are left out (their
#: weight only lowers P(wait)) and the result is flagged approximate.
_MAX_STATES = 200_000
#: Chain cells evaluated at once (rows x states), to bound memory.
_CHUNK_CELLS = 2_000_000
_MAX_GALLOP = 48  # doublings of the agent search: 2^48 agents is past any centre


def slots_of(agents: ArrayLike, concurrency: ArrayLike) -> FloatArray:
    """Session slots of ``agents`` agents holding ``concurrency`` sessions on average. [slots]"""
    return np.floor(np.asarray(agents, float) * np.asarray(concurrency, float) + 1e-9)


def session_rate(sessions: ArrayLike, agents: ArrayLike, slots: ArrayLike,
                 handle_time_s: ArrayLike, penalty: ArrayLike) -> FloatArray:
    """Total completion rate of ``sessions`` sessions spread evenly over the agents. [1/s]

    Each agent's cap is ``slots // agents`` or one more; an agent holding ``j`` sessions
    completes ``g(j) = j / (h1 (1 + p (j - 1)))`` per second. ``sessions`` above ``slots`` count
    as ``slots`` (the rest wait).
    """
    n = np.asarray(sessions, float)
    big_n = np.asarray(agents, float)
    s = np.asarray(slots, float)
    h1 = np.asarray(handle_time_s, float)
    p = np.asarray(penalty, float)
    safe_n = np.maximum(big_n, 1.0)
    base = np.floor(s / safe_n)  # every agent's cap is base or base + 1
    held = np.minimum(n, s)
    level = np.minimum(held, big_n * base)
    q = np.floor(level / safe_n)
    r = level - q * safe_n  # agents one above q below the base cap
    extra = held - level  # agents at base + 1 (their cap) above it

    rate = ((big_n - r - extra) * _agent_rate(q, h1, p)
            + (r + extra) * _agent_rate(q + 1.0, h1, p))
    return np.where(big_n > 0, rate, 0.0)


def _agent_rate(held: FloatArray, h1: FloatArray, p: FloatArray) -> FloatArray:
    """``g(j) = j / (h1 (1 + p (j - 1)))``: sessions one agent holding ``j`` completes. [1/s]"""
    return held / (h1 * (1.0 + p * np.maximum(held - 1.0, 0.0)))


def lone_session_s(history_aht_s: ArrayLike, penalty: ArrayLike,
                   history_sessions: ArrayLike) -> FloatArray:
    """``h1``: a lone session's handle time from a handle time measured while agents held
    ``history_sessions`` sessions on average, ``aht / (1 + p (history_sessions - 1))``. [s]"""
    return np.asarray(history_aht_s, float) / (
        1.0 + np.asarray(penalty, float) * (np.asarray(history_sessions, float) - 1.0)
    )


def full_load_sessions_per_hour(handle_time_s: ArrayLike, concurrency: ArrayLike,
                                penalty: ArrayLike) -> FloatArray:
    """Sessions one agent completes per hour holding every slot it has. [sessions/h]

    The chain's full-load rate ``f(slots)`` per agent in a large team: a fractional
    ``concurrency`` is a mix of agents capped at its floor and its ceiling, in the shares that
    give that mean. With ``penalty`` 0 this is ``concurrency * 3600 / handle_time_s``.
    """
    c = np.asarray(concurrency, float)
    h1 = np.asarray(handle_time_s, float)
    p = np.asarray(penalty, float)
    low = np.floor(c + 1e-9)
    high_share = c - low
    rate = (1.0 - high_share) * _agent_rate(low, h1, p) + high_share * _agent_rate(low + 1.0, h1, p)
    return np.asarray(rate * 3600.0, float)


def _below_slots(lam: FloatArray, agents: FloatArray, slots: FloatArray, h1: FloatArray,
                 p: FloatArray) -> tuple[FloatArray, FloatArray, NDArray[np.bool_]]:
    """``log L`` (``L = sum_{n < slots} pi_n / pi_slots``), the mean of ``n`` under those weights,
    and where states had to be left out."""
    size = lam.size
    log_l = np.full(size, -np.inf)
    mean_n = np.zeros(size)
    cut = slots > _MAX_STATES
    order = np.argsort(slots, kind="stable")
    width_of = np.minimum(slots[order], _MAX_STATES).astype(np.int64)
    start = 0
    while start < size:
        # sorted by slots: a chunk's last row is its widest
        stop = start + 1
        while stop < size and (stop - start + 1) * width_of[stop] <= _CHUNK_CELLS:
            stop += 1
        idx = order[start:stop]
        log_l[idx], mean_n[idx] = _chunk_below(lam[idx], agents[idx], slots[idx], h1[idx],
                                               p[idx], int(width_of[stop - 1]))
        start = stop
    return log_l, mean_n, cut


def _chunk_below(lam: FloatArray, agents: FloatArray, slots: FloatArray, h1: FloatArray,
                 p: FloatArray, width: int) -> tuple[FloatArray, FloatArray]:
    # state n = slots - m, m = 1 .. width; log(pi_n / pi_slots) = sum_{i=n+1}^{slots} log(f(i)/lam)
    m = np.arange(1, width + 1, dtype=float)[None, :]
    s = slots[:, None]
    i = s - m + 1.0  # the death rate leaving state i = n + 1 towards n
    valid = i >= 1.0
    with np.errstate(divide="ignore"):
        step = np.log(session_rate(np.maximum(i, 0.0), agents[:, None], s, h1[:, None],
                                   p[:, None])) - np.log(lam[:, None])
    step = np.where(valid, step, 0.0)
    log_t = np.where(valid, np.cumsum(step, axis=1), -np.inf)
    top = np.max(log_t, axis=1, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    w = np.exp(log_t - top)
    total = w.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_l = np.where(total > 0, np.log(total) + top[:, 0], -np.inf)
        mean_n = np.where(total > 0, (w * (s - m)).sum(axis=1) / total, 0.0)
    return log_l, mean_n


def chat_metrics(
    chats: ArrayLike,
    interval_s: ArrayLike,
    handle_time_s: ArrayLike,
    agents: ArrayLike,
    concurrency: ArrayLike,
    answer_time_s: ArrayLike,
    *,
    penalty: ArrayLike = 0.0,
    patience_s: ArrayLike | None = None,
) -> QueueMetrics:
    """First-response service of chat agents with concurrency-dependent handle time.

    Parameters
    ----------
    chats : array_like
        Chats offered in the interval, >= 0. [chats]
    interval_s : array_like
        Interval length, > 0. [s]
    handle_time_s : array_like
        ``h1``: handle time of a session on an agent holding no other session, > 0. [s]
    agents : array_like
        Agents on chat, whole numbers >= 0. [agents]
    concurrency : array_like
        Sessions an agent holds at most (on average, when fractional), 1 up to 10. [sessions]
    answer_time_s : array_like
        First-response threshold ``T`` of the service level, >= 0. [s]
    penalty : array_like, default 0
        ``p``: handle-time increase per extra concurrent session, 0 up to 2. [-]
    patience_s : array_like or None
        Mean patience of a waiting chat (exponential); None: nobody leaves. [s]

    Returns
    -------
    QueueMetrics
        ``service_level`` is ``P(answered and wait <= T)`` of all offered chats,
        ``asa_s`` the mean wait of answered chats, ``mean_wait_all_s`` of all chats,
        ``p_abandon`` the share leaving unanswered, ``occupancy`` the mean sessions held over
        the slots and ``load_erlangs`` the work offered at one session per agent
        (``chats * h1 / interval``). ``erlang_b`` is the blocking share of the chain without a
        queue; ``approximate`` marks more than 200,000 slots (the lowest states left out).
    """
    conc = as_float("concurrency", concurrency)
    check_rule("concurrency", np.isfinite(conc) & (conc >= 1) & (conc <= 10), "in [1, 10]")
    pen = as_float("penalty", penalty)
    check_rule("penalty", np.isfinite(pen) & (pen >= 0) & (pen <= 2), "in [0, 2]")
    shape, (lam_c, iv, h1, n, t, pat, _) = broadcast_inputs(
        chats, interval_s, handle_time_s, agents, answer_time_s, patience_s, None
    )
    conc_f = np.broadcast_to(conc, shape).ravel().astype(float)
    pen_f = np.broadcast_to(pen, shape).ravel().astype(float)
    lam = lam_c / iv
    slots = slots_of(n, conc_f)
    size = lam.size
    out: dict[str, Any] = {
        "load_erlangs": lam * h1,
        "feasible": np.ones(size, dtype=bool),
        "p_wait": np.zeros(size),
        "service_level": np.ones(size),
        "sl_of_answered": np.ones(size),
        "asa_s": np.zeros(size),
        "mean_wait_all_s": np.zeros(size),
        "p_abandon": np.zeros(size),
        "p_block": np.zeros(size),
        "occupancy": np.zeros(size),
        "erlang_b": np.zeros(size),
        "approximate": np.zeros(size, dtype=bool),
    }
    nobody = (lam > 0) & (slots <= 0)
    out["feasible"][nobody] = np.isfinite(pat[nobody])
    for key, value in (("p_wait", 1.0), ("service_level", 0.0), ("sl_of_answered", 0.0),
                       ("p_abandon", 1.0), ("erlang_b", 1.0)):
        out[key][nobody] = value
    out["asa_s"][nobody] = np.inf
    out["mean_wait_all_s"][nobody] = np.where(np.isfinite(pat[nobody]), pat[nobody], np.inf)
    idx = np.flatnonzero((lam > 0) & (slots > 0))
    if idx.size:
        _busy_metrics(out, idx, lam, h1, n, slots, pen_f, t, pat)
    return QueueMetrics(**{k: v.reshape(shape) for k, v in out.items()})


def _busy_metrics(out: dict[str, Any], idx: NDArray[np.intp], lam: FloatArray,
                  h1: FloatArray, n: FloatArray, slots: FloatArray, pen: FloatArray,
                  t: FloatArray, pat: FloatArray) -> None:
    lam_i, s_i, t_i, pat_i = lam[idx], slots[idx], t[idx], pat[idx]
    log_l, mean_below, cut = _below_slots(lam_i, n[idx], s_i, h1[idx], pen[idx])
    full_rate = session_rate(s_i, n[idx], s_i, h1[idx], pen[idx])
    aht_eq = s_i / full_rate  # Erlang servers (slots) that complete at f(slots) when all busy
    log_e = -np.logaddexp(0.0, log_l)  # 1/B - 1 = L
    out["erlang_b"][idx] = np.exp(log_e)
    inf_lines = np.full(idx.size, np.inf)
    for mask, fn in ((np.isinf(pat_i), _erlang_c), (np.isfinite(pat_i), _erlang_a)):
        j = np.flatnonzero(mask)
        if not j.size:
            continue
        part = fn(lam_i[j], aht_eq[j], s_i[j], t_i[j], pat_i[j], inf_lines[j], log_e[j], True, False)
        for key, value in part.items():
            if key != "occupancy":
                out[key][idx[j]] = value
        feasible = part.get("feasible", np.ones(j.size, dtype=bool))
        p_wait = np.asarray(part["p_wait"], float)
        held = (1.0 - p_wait) * mean_below[j] + p_wait * s_i[j]
        out["occupancy"][idx[j]] = np.where(feasible, np.minimum(held / s_i[j], 1.0), 1.0)
    out["approximate"][idx] = cut | (s_i > MAX_EXACT_AGENTS)


def _meets(m: QueueMetrics, target_service_level: FloatArray, target_asa_s: FloatArray,
           max_occupancy: FloatArray) -> NDArray[np.bool_]:
    ok = np.asarray(m.service_level) >= target_service_level - 1e-12
    ok &= np.asarray(m.asa_s) <= target_asa_s
    ok &= np.asarray(m.occupancy) <= max_occupancy + 1e-12
    return ok


def required_chat_agents(
    chats: ArrayLike,
    interval_s: ArrayLike,
    handle_time_s: ArrayLike,
    concurrency: float,
    answer_time_s: ArrayLike,
    *,
    target_service_level: float,
    penalty: float = 0.0,
    patience_s: ArrayLike | None = None,
    target_asa_s: float | None = None,
    max_occupancy: float | None = None,
) -> Requirement:
    """Fewest whole agents whose chain (:func:`chat_metrics`) meets every target given.

    Gallops up from the agents the work needs at full concurrency, then bisects; every step
    is one vectorised :func:`chat_metrics` call over the intervals still searching.

    Parameters
    ----------
    chats, interval_s, handle_time_s, answer_time_s, penalty, patience_s
        As in :func:`chat_metrics`.
    concurrency : float
        Sessions an agent holds at most, 1 up to 10. [sessions]
    target_service_level : float
        Share of offered chats to answer within ``answer_time_s``, in [0, 1). [-]
    target_asa_s : float or None
        Cap on the mean wait of answered chats. [s]
    max_occupancy : float or None
        Cap on the mean sessions held over the slots. [-]

    Returns
    -------
    Requirement
        ``agents`` (whole numbers as floats; 0 where no chat is offered) and ``approximate``.
    """
    check_rule("target_service_level", 0.0 <= target_service_level < 1.0, "in [0, 1)")
    shape, (lam_c, iv, h1, _, t, pat, _) = broadcast_inputs(
        chats, interval_s, handle_time_s, None, answer_time_s, patience_s, None
    )
    sl = float(target_service_level)
    asa = np.inf if target_asa_s is None else float(target_asa_s)
    occ = np.inf if max_occupancy is None else float(max_occupancy)

    def meets(rows: NDArray[np.intp], agents: FloatArray) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
        m = chat_metrics(lam_c[rows], iv[rows], h1[rows], agents, concurrency, t[rows],
                         penalty=penalty, patience_s=pat[rows])
        return _meets(m, np.asarray(sl), np.asarray(asa), np.asarray(occ)), np.asarray(m.approximate)

    size = lam_c.size
    hi = np.zeros(size)
    lo = np.zeros(size)  # fails (or is 0 with nothing offered)
    approx = np.zeros(size, dtype=bool)
    busy = np.flatnonzero(lam_c > 0)
    if busy.size:
        work = lam_c[busy] / iv[busy] * h1[busy] * (1.0 + penalty * (concurrency - 1.0))
        hi[busy] = np.maximum(np.ceil(work / concurrency), 1.0)
        todo = busy
        for _ in range(_MAX_GALLOP):
            ok, ap = meets(todo, hi[todo])
            approx[todo] = ap
            if ok.all():
                break
            fail = todo[~ok]
            lo[fail] = hi[fail]
            hi[fail] = 2.0 * hi[fail]
            todo = fail
        while True:
            gap = np.flatnonzero(hi - lo > 1.0)
            if not gap.size:
                break
            mid = np.floor((lo[gap] + hi[gap]) / 2.0)
            ok, ap = meets(gap, mid)
            hi[gap] = np.where(ok, mid, hi[gap])
            approx[gap] = np.where(ok, ap, approx[gap])
            lo[gap] = np.where(ok, lo[gap], mid)
    return Requirement(agents=hi.reshape(shape), approximate=approx.reshape(shape))


@dataclass(frozen=True, eq=False)
class ChatLoad:
    """How busy chat agents are at a given load, and what that does to a session's length.

    Attributes
    ----------
    sessions_per_agent : ndarray
        Mean sessions an agent holds. [sessions]
    session_s : ndarray
        Mean time a session is held, from answer to end, at that load (Little's law: the mean
        sessions held over the answered chats per second); a lone session's ``h1`` where no chat
        is answered. [s]
    """

    sessions_per_agent: FloatArray
    session_s: FloatArray


def chat_load(chats: ArrayLike, interval_s: ArrayLike, handle_time_s: ArrayLike,
              agents: ArrayLike, concurrency: ArrayLike, *, penalty: ArrayLike = 0.0,
              patience_s: ArrayLike | None = None) -> ChatLoad:
    """Mean sessions per agent and effective session length of the chain at a load.

    Parameters
    ----------
    chats, interval_s, handle_time_s, agents, concurrency, penalty, patience_s
        As in :func:`chat_metrics`.

    Returns
    -------
    ChatLoad
        With ``penalty`` 0 the session length is ``h1`` at every load; with a slow-down it
        grows towards ``h1 (1 + p (concurrency - 1))`` as the agents fill up.
    """
    m = chat_metrics(chats, interval_s, handle_time_s, agents, concurrency, 0.0,
                     penalty=penalty, patience_s=patience_s)
    shape = np.shape(m.occupancy)
    n = np.broadcast_to(np.asarray(agents, float), shape)
    held = np.asarray(m.occupancy) * slots_of(n, np.broadcast_to(concurrency, shape))
    answered = (np.broadcast_to(np.asarray(chats, float), shape)
                / np.broadcast_to(np.asarray(interval_s, float), shape)
                * (1.0 - np.asarray(m.p_abandon)))
    h1 = np.broadcast_to(np.asarray(handle_time_s, float), shape)
    slots = slots_of(n, np.broadcast_to(concurrency, shape))
    pen = np.broadcast_to(np.asarray(penalty, float), shape)
    feasible = np.asarray(m.feasible)
    busy = (answered > 0) & feasible
    with np.errstate(divide="ignore", invalid="ignore"):
        # an unstable queue keeps every slot busy: sessions last as long as at full load
        full = slots / session_rate(slots, n, slots, h1, pen)
        session = np.where(busy, held / np.where(busy, answered, 1.0),
                           np.where(feasible | (slots <= 0), h1, full))
        per_agent = np.where(n > 0, held / np.where(n > 0, n, 1.0), 0.0)
    return ChatLoad(sessions_per_agent=np.asarray(per_agent, float),
                    session_s=np.asarray(session, float))
