"""Queueing models: Erlang C (M/M/n), Erlang A (M/M/n+M) and the finite chain with lines.

:func:`queue_metrics` evaluates the model each element needs on flat arrays and returns
:class:`~kcc.queueing.results.QueueMetrics`; :func:`erlang_a_meets` is the lean Erlang A
check the agent search uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import betainc, gammainc

from kcc.config import MAX_EXACT_AGENTS
from kcc.queueing.inputs import broadcast_inputs
from kcc.queueing.results import FloatArray, QueueMetrics
from kcc.queueing.special import TINY, asa_given_wait_series, kummer_a, log_erlang_b

__all__ = [
    "bounded_patience",
    "effective_lines",
    "erlang_a_meets",
    "erlang_c_from_b",
    "evaluate",
    "queue_metrics",
]

_MAX_LINE_STEPS = 10_000  # waiting places walked one by one; beyond, the chain is truncated


def _empty_result(shape: tuple[int, ...]) -> dict[str, Any]:
    return {
        "load_erlangs": np.zeros(shape),
        "feasible": np.ones(shape, dtype=bool),
        "p_wait": np.zeros(shape),
        "service_level": np.ones(shape),
        "sl_of_answered": np.ones(shape),
        "asa_s": np.zeros(shape),
        "mean_wait_all_s": np.zeros(shape),
        "p_abandon": np.zeros(shape),
        "p_block": np.zeros(shape),
        "occupancy": np.zeros(shape),
        "erlang_b": np.zeros(shape),
        "approximate": np.zeros(shape, dtype=bool),
    }


def evaluate(
    lam: FloatArray,
    aht: FloatArray,
    n: FloatArray,
    t: FloatArray,
    patience: FloatArray,
    lines: FloatArray,
    *,
    need_asa: bool = True,
    fast: bool = False,
) -> dict[str, NDArray[Any]]:
    """Evaluate all models on flat arrays (rates per second; ``inf`` patience/lines = none).

    Float metrics, and the bool arrays ``feasible`` and ``approximate``.
    """
    size = lam.size
    r = _empty_result((size,))
    a = lam * aht
    r["load_erlangs"] = a
    patience = bounded_patience(lam, aht, n, patience)
    lines, truncated = effective_lines(lam, aht, n, patience, lines)
    r["approximate"] = (a > MAX_EXACT_AGENTS) | (n > MAX_EXACT_AGENTS) | truncated
    log_e = log_erlang_b(n, a)
    with np.errstate(divide="ignore", invalid="ignore", under="ignore"):
        r["erlang_b"] = np.exp(log_e)
    busy = a > 0
    finite_k = busy & np.isfinite(lines)
    c_model = busy & ~finite_k & np.isinf(patience)
    a_model = busy & ~finite_k & ~np.isinf(patience)
    for mask, fn in ((c_model, _erlang_c), (a_model, _erlang_a), (finite_k, _finite_chain)):
        idx = np.flatnonzero(mask)
        if idx.size:
            part = fn(
                lam[idx],
                aht[idx],
                n[idx],
                t[idx],
                patience[idx],
                lines[idx],
                log_e[idx],
                need_asa,
                fast,
            )
            for key, val in part.items():
                r[key][idx] = val
    return r


def bounded_patience(
    lam: FloatArray, aht: FloatArray, n: FloatArray, patience: FloatArray
) -> FloatArray:
    """Patience shortened where ``x = lam * patience`` or ``y = n * patience / aht`` would
    pass 1e300 (and overflow in the Erlang A sums). Abandoning then takes longer than 1e300
    arrivals or services: the metrics do not change in double precision."""
    with np.errstate(over="ignore", divide="ignore"):
        most = np.minimum(1e300 / lam, 1e300 * (aht / np.maximum(n, 1.0)))
    return np.where(np.isfinite(patience), np.minimum(patience, most), patience)


def effective_lines(
    lam: FloatArray, aht: FloatArray, n: FloatArray, patience: FloatArray, lines: FloatArray
) -> tuple[FloatArray, NDArray[np.bool_]]:
    """Line limits the finite chain can walk, and where one had to be cut.

    More than ``_MAX_LINE_STEPS`` waiting places are walked only while the chain has mass
    there: a limit far beyond the queue's reach is no limit (``inf``: Erlang C or A, exact),
    one the queue does reach is cut to ``_MAX_LINE_STEPS`` places (flagged approximate).
    """
    kq = lines - np.minimum(n, lines)
    long = np.isfinite(lines) & (kq > _MAX_LINE_STEPS)
    truncated = np.zeros(lines.size, dtype=bool)
    if not np.any(long):
        return lines, truncated
    li = np.flatnonzero(long)
    lam_l, n_l, pat_l, k_l = lam[li], n[li] / aht[li], patience[li], kq[li]
    with np.errstate(divide="ignore", invalid="ignore"):
        # abandoning queue: a bell around lam/theta - n mu/theta waiting, width sqrt(lam/theta)
        x = lam_l * pat_l
        reach_a = np.maximum(x - n_l * pat_l, 0.0) + 40.0 * np.sqrt(x) + 100.0
        # no abandonment: geometric with ratio lam / (n mu), infinite at or above 1
        reach_c = np.where(lam_l < n_l, 45.0 / -np.log(lam_l / n_l) + 100.0, np.inf)
    reach = np.where(np.isinf(pat_l), reach_c, reach_a)
    out = lines.copy()
    free = reach < k_l
    out[li[free]] = np.inf
    cut = li[~free]
    out[cut] = np.minimum(n[cut], lines[cut]) + _MAX_LINE_STEPS
    truncated[cut] = True
    return out, truncated


def erlang_c_from_b(
    n: FloatArray, a: FloatArray, eb: FloatArray, t_over_aht: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Erlang C ``(P(wait), service level, ASA / aht)`` from Erlang B, for ``n > a``."""
    gap = n - a
    denom = n - a * (1.0 - eb)
    c = n * eb / denom
    one_minus_c = gap * (1.0 - eb) / denom  # 1 - C without cancellation near C = 1
    with np.errstate(over="ignore"):  # a huge u: exp(-u) is 0
        u = gap * t_over_aht
    sl = one_minus_c - c * np.expm1(-u)  # 1 - C exp(-u), both parts >= 0
    return c, sl, c / gap


def _erlang_c(
    lam: FloatArray,
    aht: FloatArray,
    n: FloatArray,
    t: FloatArray,
    _patience: FloatArray,
    _lines: FloatArray,
    log_e: FloatArray,
    _need_asa: bool,
    _fast: bool,
) -> dict[str, FloatArray]:
    a = lam * aht
    feasible = n > a
    m = a.size
    out = {
        "feasible": feasible,
        "p_wait": np.ones(m),
        "service_level": np.zeros(m),
        "sl_of_answered": np.zeros(m),
        "asa_s": np.full(m, np.inf),
        "mean_wait_all_s": np.full(m, np.inf),
        "occupancy": np.where(n > 0, 1.0, 0.0),
    }
    f = np.flatnonzero(feasible)
    nf, af, tf, ahtf = n[f], a[f], t[f], aht[f]
    c, sl, asa = erlang_c_from_b(nf, af, np.exp(log_e[f]), tf / ahtf)
    asa = asa * ahtf
    out["p_wait"][f] = c
    out["service_level"][f] = np.clip(sl, 0.0, 1.0)
    out["sl_of_answered"][f] = np.clip(sl, 0.0, 1.0)
    out["asa_s"][f] = asa
    out["mean_wait_all_s"][f] = asa
    out["occupancy"][f] = af / nf
    return out


def _erlang_a(
    lam: FloatArray,
    aht: FloatArray,
    n: FloatArray,
    t: FloatArray,
    patience: FloatArray,
    _lines: FloatArray,
    log_e_all: FloatArray,
    need_asa: bool,
    fast: bool,
) -> dict[str, FloatArray]:
    """M/M/n+M after Garnett, Mandelbaum and Reiman (2002), all in log space.

    With ``x = lam/theta``, ``y = n mu/theta``, ``E = B(n, a)`` and ``A = A(x, y)``:
    ``P(wait) = A E / (1 + (A-1) E)``, ``P(ab | wait) = 1 - (y/x)(1 - 1/A)``,
    ``P(answered, wait > t) = pi_n y/(y+1) A(x e^{-theta t}, y+1) exp(x(1-e^{-theta t})
    - theta t (y+1))`` and ``E[wait of all] = P(ab) / theta``.
    """
    m = lam.size
    a = lam * aht
    out = {
        "p_wait": np.ones(m),
        "service_level": np.zeros(m),
        "sl_of_answered": np.zeros(m),
        "asa_s": np.full(m, np.inf),
        "mean_wait_all_s": patience.copy(),
        "p_abandon": np.ones(m),
        "occupancy": np.zeros(m),
    }
    # patience 0: a call that is not answered at once hangs up -> Erlang B loss system
    zero_p = (patience == 0) & (n > 0)
    zi = np.flatnonzero(zero_p)
    if zi.size:
        eb = np.exp(log_e_all[zi])
        out["p_wait"][zi] = eb
        out["p_abandon"][zi] = eb
        out["service_level"][zi] = 1.0 - eb
        out["sl_of_answered"][zi] = 1.0
        out["asa_s"][zi] = 0.0
        out["mean_wait_all_s"][zi] = 0.0
        out["occupancy"][zi] = np.minimum(a[zi] * -np.expm1(log_e_all[zi]) / n[zi], 1.0)
    idx = np.flatnonzero((patience > 0) & (n > 0))
    if idx.size == 0:
        return out
    lam_i, aht_i, n_i, t_i, pat_i = lam[idx], aht[idx], n[idx], t[idx], patience[idx]
    a_i = lam_i * aht_i
    theta = 1.0 / pat_i
    x = lam_i * pat_i
    y = n_i * (pat_i / aht_i)
    log_e = log_e_all[idx]
    log_a0, q, one_minus_q = kummer_a(x, y, with_q=True, fast=fast)
    p_wait, p_now, log_pi_n = _waiting_shares(log_e, log_a0)
    q = np.clip(q, 0.0, 1.0)
    p_ab = p_wait * q
    waited_served = p_wait * np.clip(one_minus_q, 0.0, 1.0)  # answered after waiting
    # answered = answered at once + answered after waiting (not 1 - p_ab: deep in overload
    # that rounds to 0 while a few agents still answer a few calls)
    p_served = np.minimum(p_now + waited_served, 1.0)
    answered_late = _answered_late(x, y, theta * t_i, p_wait, log_pi_n, fast)
    sl = np.clip(p_served - answered_late, 0.0, 1.0)
    served = p_served > 0
    safe = np.where(served, p_served, 1.0)
    out["p_wait"][idx] = p_wait
    out["p_abandon"][idx] = p_ab
    out["service_level"][idx] = sl
    out["sl_of_answered"][idx] = np.where(served, np.clip(sl / safe, 0.0, 1.0), 0.0)
    out["mean_wait_all_s"][idx] = p_ab * pat_i
    out["occupancy"][idx] = np.minimum(a_i * p_served / n_i, 1.0)  # rounding when overloaded
    if need_asa:
        m_wait = asa_given_wait_series(x, y) * pat_i
        # nobody answered (to double precision): the wait of the few that would be
        out["asa_s"][idx] = np.where(served, waited_served * m_wait / safe, m_wait)
    else:
        out["asa_s"][idx] = np.nan
    return out


def _waiting_shares(
    log_e: FloatArray, log_a0: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Erlang A ``(P(wait), 1 - P(wait), log pi_n)`` from ``log B`` and ``log A(x, y)``.

    ``P(wait) = 1 / (1 + (1/B - 1)/A)``; ``1/B - 1`` is taken as ``expm1(-log B)``, which
    keeps its digits when ``B`` rounds to 1 (a few agents for a huge load).
    """
    with np.errstate(divide="ignore", over="ignore"):
        neg = -log_e
        log_inv_e_m1 = np.where(
            neg > 30.0, neg + np.log1p(-np.exp(log_e)), np.log(np.expm1(np.minimum(neg, 30.0)))
        )
        gap = log_inv_e_m1 - log_a0
        p_wait = 1.0 / (1.0 + np.exp(gap))
        p_now = 1.0 / (1.0 + np.exp(-gap))
        log_pi_n = np.log(p_wait) - log_a0
    return p_wait, p_now, log_pi_n


def _answered_late(
    x: FloatArray,
    y: FloatArray,
    theta_t: FloatArray,
    p_wait: FloatArray,
    log_pi_n: FloatArray,
    fast: bool,
) -> FloatArray:
    """Erlang A share of offered calls answered after waiting longer than ``t``.

    ``pi_n y/(y+1) A(x e^-theta t, y+1) exp(x (1 - e^-theta t) - theta t (y+1))``. For a
    large ``x`` the terms of that exponent cancel by many orders of magnitude, so there the
    same quantity is taken as the ratio ``P(wait) (y/x) P(y+1, x e^-theta t) / P(y, x)`` of
    regularised lower incomplete gamma functions (both Kummer functions by their gamma form).
    """
    out = np.zeros(x.size)
    with np.errstate(under="ignore"):
        x_t = x * np.exp(-theta_t)
    big = np.flatnonzero(x > 1e6)
    p_big = gammainc(y[big], x[big])
    ratio = big[p_big > TINY]
    if ratio.size:
        with np.errstate(under="ignore"):
            late = (
                p_wait[ratio]
                * (y[ratio] / x[ratio])
                * gammainc(y[ratio] + 1.0, x_t[ratio])
                / p_big[p_big > TINY]
            )
        out[ratio] = np.minimum(late, p_wait[ratio])
    rest = np.ones(x.size, dtype=bool)
    rest[ratio] = False
    ri = np.flatnonzero(rest)
    if ri.size:
        xr, yr, tr = x[ri], y[ri], theta_t[ri]
        log_a1t, _, _ = kummer_a(x_t[ri], yr + 1.0, with_q=False, fast=fast)
        with np.errstate(over="ignore"):  # theta t (y + 1) beyond the float range: exp 0
            log_late = (
                log_pi_n[ri]
                + np.log(yr / (yr + 1.0))
                + log_a1t
                - xr * np.expm1(-tr)
                - tr * (yr + 1.0)
            )
        with np.errstate(under="ignore"):
            out[ri] = np.exp(np.minimum(log_late, 0.0))  # a probability: rounding stays <= 1
    return out


def erlang_a_meets(
    lam: FloatArray,
    aht: FloatArray,
    n: FloatArray,
    t: FloatArray,
    patience: FloatArray,
    log_e: FloatArray,
    sl_floor: FloatArray | None,
    upper: dict[str, FloatArray],
) -> NDArray[np.bool_]:
    """Whether M/M/n+M (``n > 0``, ``0 < patience < inf``) meets the staffing targets.

    The same formulas as ``_erlang_a`` (with the search's ``fast`` Kummer route), but only
    for the metrics the targets use, and the service level and ASA (the costly parts) only
    where the cheaper targets already hold. ``upper`` maps metric names to upper bounds,
    ``sl_floor`` is the lower bound on the service level (both with the rounding margin).
    """
    patience = bounded_patience(lam, aht, n, patience)
    x = lam * patience
    y = n * (patience / aht)
    need_q = sl_floor is not None or not upper.keys() <= {"p_wait"}
    log_a0, q, one_minus_q = kummer_a(x, y, with_q=need_q, fast=True)
    ok = np.ones(n.size, dtype=bool)
    p_wait, p_now, log_pi_n = _waiting_shares(log_e, log_a0)
    if "p_wait" in upper:
        ok &= p_wait <= upper["p_wait"]
    if not need_q:
        return ok
    p_ab = p_wait * np.clip(q, 0.0, 1.0)
    waited_served = p_wait * np.clip(one_minus_q, 0.0, 1.0)
    p_served = np.minimum(p_now + waited_served, 1.0)
    if "p_abandon" in upper:
        ok &= p_ab <= upper["p_abandon"]
    if "occupancy" in upper:
        ok &= np.minimum(lam * aht * p_served / n, 1.0) <= upper["occupancy"]
    live = np.flatnonzero(ok)
    if sl_floor is not None and live.size:
        theta_t = t[live] / patience[live]
        late = _answered_late(x[live], y[live], theta_t, p_wait[live], log_pi_n[live], True)
        sl = np.clip(p_served[live] - late, 0.0, 1.0)
        hold = sl >= sl_floor[live]
        ok[live[~hold]] = False
        live = live[hold]
    if "asa_s" in upper and live.size:
        m_wait = asa_given_wait_series(x[live], y[live]) * patience[live]
        served = p_served[live] > 0
        asa = np.where(
            served, waited_served[live] * m_wait / np.where(served, p_served[live], 1.0), m_wait
        )
        ok[live[~(asa <= upper["asa_s"][live])]] = False
    return ok


def _finite_chain(
    lam: FloatArray,
    aht: FloatArray,
    n_in: FloatArray,
    t: FloatArray,
    patience: FloatArray,
    lines: FloatArray,
    _log_e: FloatArray,
    _need_asa: bool,
    _fast: bool,
) -> dict[str, FloatArray]:
    """M/M/n/K(+M): a finite birth-death chain, summed over queue positions in log space.

    A call that finds ``n + k`` calls in the system (``k < K - n``) queues at position
    ``k+1``; it is answered with probability ``n mu / (n mu + (k+1) theta)`` and its wait
    passes ``k+1`` exponential stages of rate ``n mu + (j+1) theta``, so ``P(wait <= t)``
    is a regularised incomplete beta (incomplete gamma when ``theta = 0``) in ``k``.
    """
    m = lam.size
    mu = 1.0 / aht
    theta = np.where(np.isinf(patience), 0.0, 1.0 / np.where(patience > 0, patience, 1.0))
    zero_p = patience == 0
    n = np.minimum(n_in, lines)  # agents beyond the line count would have nobody to talk to
    a = lam * aht
    out = {
        "p_wait": np.zeros(m),
        "service_level": np.zeros(m),
        "sl_of_answered": np.zeros(m),
        "asa_s": np.full(m, np.inf),
        "mean_wait_all_s": np.zeros(m),
        "p_abandon": np.zeros(m),
        "p_block": np.ones(m),
        "occupancy": np.zeros(m),
    }
    kq = lines - n  # waiting places
    # a zero patience means no waiting places in effect
    kq = np.where(zero_p, 0.0, kq)
    # no agents: the chain holds only waiting calls, which leave by abandoning (Erlang B
    # with lines servers of rate theta) or never (then every line is full)
    no_agent = n == 0
    ni = np.flatnonzero(no_agent)
    if ni.size:
        _chain_without_agents(out, ni, lam[ni], theta[ni], lines[ni])
    idx = np.flatnonzero(~no_agent)
    if idx.size == 0:
        return out
    a_i = a[idx]
    sh = _chain_shares(lam[idx], mu[idx], theta[idx], n[idx], t[idx], kq[idx], a_i)
    p_served = np.maximum(1.0 - sh.p_block - sh.p_abandon, 0.0)
    sl = np.clip(sh.at_once + sh.on_time, 0.0, 1.0)
    out["p_block"][idx] = sh.p_block
    out["p_wait"][idx] = sh.p_wait
    out["p_abandon"][idx] = sh.p_abandon
    out["service_level"][idx] = sl
    out["sl_of_answered"][idx] = np.where(
        p_served > 0, np.clip(sl / np.where(p_served > 0, p_served, 1.0), 0.0, 1.0), 0.0
    )
    out["asa_s"][idx] = np.where(
        p_served > 0, sh.wait_served / np.where(p_served > 0, p_served, 1.0), np.inf
    )
    out["mean_wait_all_s"][idx] = sh.mean_queue / lam[idx]
    out["occupancy"][idx] = np.minimum(a_i * p_served / n_in[idx], 1.0)
    return out


def _chain_without_agents(
    out: dict[str, FloatArray],
    ni: NDArray[np.intp],
    lam: FloatArray,
    theta: FloatArray,
    lines: FloatArray,
) -> None:
    """Fill ``out[...][ni]`` for a chain without agents: it holds only waiting calls, which
    leave by abandoning (Erlang B with ``lines`` servers of rate ``theta``) or never (then
    every line is full and every call is blocked)."""
    has_p = theta > 0
    pb = np.ones(ni.size)
    if np.any(has_p):
        pb[has_p] = np.exp(log_erlang_b(lines[has_p], lam[has_p] / theta[has_p]))
    out["p_block"][ni] = pb
    out["p_wait"][ni] = np.where(has_p, 1.0 - pb, 0.0)
    out["p_abandon"][ni] = np.where(has_p, 1.0 - pb, 0.0)
    out["mean_wait_all_s"][ni] = np.where(has_p, (1.0 - pb) / np.where(has_p, theta, 1.0), 0.0)


@dataclass(frozen=True, eq=False)
class _ChainShares:
    """Shares of offered calls in the finite chain with agents (see :func:`_chain_shares`)."""

    p_block: FloatArray  # blocked: every line busy
    p_wait: FloatArray  # queued
    p_abandon: FloatArray  # abandoned while queued
    at_once: FloatArray  # answered without waiting
    on_time: FloatArray  # answered after waiting at most t
    wait_served: FloatArray  # mean wait of answered calls times their share [s]
    mean_queue: FloatArray  # mean number of calls waiting


def _chain_shares(
    lam_i: FloatArray,
    mu_i: FloatArray,
    th_i: FloatArray,
    n_i: FloatArray,
    t_i: FloatArray,
    kq_i: FloatArray,
    a_i: FloatArray,
) -> _ChainShares:
    """Sum the chain over its ``kq_i`` waiting places in log space (``n_i >= 1`` agents).

    ``w_k`` weighs the state with ``n + k`` calls relative to ``n``; the states below ``n``
    weigh ``(1/E - 1) pi_n`` with ``E = B(n, a)``.
    """
    nmu = n_i * mu_i
    log_e = log_erlang_b(n_i, a_i)
    neg = np.full(lam_i.size, -np.inf)
    lw = np.zeros(lam_i.size)  # log w_k, w_0 = 1
    s_states = neg.copy()  # log sum_{k=1..m} w_k
    s_queue = neg.copy()  # log sum_{k<m} w_k
    s_ab = neg.copy()
    s_wait = neg.copy()
    s_len = neg.copy()  # log sum k w_k
    log_block = np.zeros(lam_i.size)  # log w_m
    # P(k+1 stages done by t): regularised incomplete beta with F = 1 - exp(-theta t), or
    # the incomplete gamma when theta = 0; taken directly so tiny values keep their digits
    has_th = th_i > 0
    f_t = -np.expm1(-th_i * t_i)
    y = np.where(has_th, nmu / np.where(has_th, th_i, 1.0), 1.0)
    s_on_time = neg.copy()
    harmonic = np.zeros(lam_i.size)
    kmax = int(np.max(kq_i))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for k in range(0, kmax + 1):
            live = k <= kq_i
            if k > 0:
                lw = lw + np.log(lam_i) - np.log(nmu + k * th_i)
                s_states = np.where(live, np.logaddexp(s_states, lw), s_states)
                s_len = np.where(live, np.logaddexp(s_len, lw + np.log(k)), s_len)
            log_block = np.where(k == kq_i, lw, log_block)
            queued = k < kq_i
            rate = nmu + (k + 1) * th_i
            harmonic = harmonic + 1.0 / rate
            log_served = np.log(nmu / rate)
            done = np.where(has_th, betainc(k + 1.0, y + 1.0, f_t), gammainc(k + 1.0, nmu * t_i))
            s_queue = np.where(queued, np.logaddexp(s_queue, lw), s_queue)
            s_ab = np.where(queued, np.logaddexp(s_ab, lw + np.log((k + 1) * th_i / rate)), s_ab)
            s_on_time = np.where(
                queued, np.logaddexp(s_on_time, lw + log_served + np.log(done)), s_on_time
            )
            s_wait = np.where(
                queued, np.logaddexp(s_wait, lw + log_served + np.log(harmonic)), s_wait
            )
        # states below n weigh (1/E - 1) pi_n and n..K weigh w_0..w_m (w_0 = 1)
        log_pi_n = -np.logaddexp(-log_e, s_states)
        p_block = np.exp(log_pi_n + log_block)
        p_wait = np.exp(log_pi_n + s_queue)
        p_ab = np.exp(log_pi_n + s_ab)
        at_once = np.exp(log_pi_n + np.log1p(-np.exp(log_e)) - log_e)
        on_time = np.exp(log_pi_n + s_on_time)
        wait_served = np.exp(log_pi_n + s_wait)
        mean_q = np.exp(log_pi_n + s_len)
    return _ChainShares(p_block, p_wait, p_ab, at_once, on_time, wait_served, mean_q)


def queue_metrics(
    calls: ArrayLike,
    interval_s: ArrayLike,
    aht_s: ArrayLike,
    agents: ArrayLike,
    answer_time_s: ArrayLike,
    patience_s: ArrayLike | None = None,
    lines: ArrayLike | None = None,
) -> QueueMetrics:
    """Service delivered by a number of agents, per interval (Erlang C, A or with lines).

    All arguments broadcast like numpy arrays (scalars, arrays, pandas Series).

    Parameters
    ----------
    calls : array_like
        Calls offered in the interval. [calls]
    interval_s : array_like
        Interval length. [s]
    aht_s : array_like
        Average handle time (talk + hold + wrap-up). [s]
    agents : array_like
        Agents available to answer (whole numbers). [agents]
    answer_time_s : array_like
        Service-level threshold, e.g. 20 for "80% in 20 s". [s]
    patience_s : array_like or None
        Mean patience of waiting callers. ``None`` or ``inf`` means nobody abandons
        (Erlang C, M/M/n); a number means exponential patience with that mean
        (Erlang A, M/M/n+M); ``0`` means callers hang up at once if not answered. [s]
    lines : array_like or None
        Maximum number of calls in the system (talking plus waiting). A call that finds
        every line busy gets a busy signal and does not redial. ``None`` = no limit.

    Returns
    -------
    QueueMetrics
        Frozen result with arrays of the broadcast shape:

        * ``load_erlangs`` -- offered load ``a = calls * aht_s / interval_s``;
        * ``feasible`` -- False for Erlang C with ``agents <= a`` (unstable queue);
        * ``p_wait`` -- share of offered calls that queue;
        * ``service_level`` -- share of *offered* calls answered within ``answer_time_s``;
          calls that abandon or are blocked count as not answered in time;
        * ``sl_of_answered`` -- the same over answered calls only;
        * ``asa_s`` -- average speed of answer, the mean wait of *answered* calls [s];
        * ``mean_wait_all_s`` -- mean wait over all offered calls [s];
        * ``p_abandon``, ``p_block`` -- shares of offered calls that abandon / are blocked;
        * ``occupancy`` -- carried load / agents, carried load = ``a * (1 - p_abandon
          - p_block)`` (1 for an unstable Erlang C queue);
        * ``erlang_b`` -- ``B(agents, a)``.

        Unstable Erlang C elements return ``service_level = 0``, ``asa_s = inf``,
        ``p_wait = 1`` -- never NaN, never an exception. Zero calls give ``service_level
        = 1``, ``asa_s = 0``, ``occupancy = 0``.

    Raises
    ------
    ValueError
        If an input is NaN, negative, or ``agents``/``lines`` are not whole numbers; the
        message names the argument and the allowed range.

    Notes
    -----
    Erlang C: ``C = n B / (n - a (1 - B))``, ``SL = 1 - C exp(-(n - a) t / aht)``,
    ``ASA = C aht / (n - a)``. Erlang A: see Garnett et al. (2002); with ``theta =
    1/patience``, ``x = lambda/theta``, ``y = n mu/theta`` and ``A(x, y) = 1F1(1; y+1; x)``,
    ``P(wait) = A B / (1 + (A - 1) B)`` and ``P(abandon) = P(wait) (1 - (y/x)(1 - 1/A))``.
    Accuracy: relative 1e-9 or better against arbitrary-precision evaluation for agents up
    to 10,000 and loads up to 0.9999 x agents (see ``tests/queueing/test_queueing.py``).

    References
    ----------
    .. [1] A. K. Erlang, "Solution of some problems in the theory of probabilities of
       significance in automatic telephone exchanges", 1917.
    .. [2] O. Garnett, A. Mandelbaum, M. Reiman, "Designing a call center with impatient
       customers", Manufacturing & Service Operations Management 4(3), 208-227, 2002.
    .. [3] A. Mandelbaum, S. Zeltyn, "The Palm/Erlang-A queue, with applications to call
       centers", Technion teaching note, 2007.
    .. [4] G. Koole, "Call Center Optimization", MG books, 2013, ch. 4.
    """
    shape, (c, iv, h, ag, t, p, k) = broadcast_inputs(
        calls, interval_s, aht_s, agents, answer_time_s, patience_s, lines
    )
    r = evaluate(c / iv, h, ag, t, p, k)
    return QueueMetrics(**{key: np.reshape(val, shape) for key, val in r.items()})
