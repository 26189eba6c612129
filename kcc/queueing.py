"""Erlang B, C and A queueing maths for contact-centre staffing.

Two public functions, both vectorised over numpy broadcasting so that one call handles
every interval of a channel (a year of 15-minute intervals is 35,040 elements):

* :func:`queue_metrics` -- the service a given number of agents delivers.
* :func:`required_agents` -- the fewest agents that meet one or more targets.

Models
------
* ``patience_s=None`` (or ``inf``): Erlang C, M/M/n -- nobody abandons.
* ``patience_s`` a number: Erlang A, M/M/n+M -- exponential patience with that mean.
* ``lines`` a number: at most ``lines`` calls in the system (in service plus waiting);
  a call arriving when all lines are busy gets a busy signal and does not redial
  (M/M/n/K and M/M/n/K+M, solved as a finite birth-death chain).

Numerics
--------
No factorials and no powers of the load: Erlang B is ``pmf / cdf`` of a Poisson law, with
the pmf taken in log space through Stirling's series and ``log1p(t) - t`` (so
its error grows with ``|load - agents|``, not with ``agents * log(agents)``), and the cdf
from the regularised incomplete gamma function. Erlang A uses the Garnett-Mandelbaum-Reiman
function ``A(x, y) = 1F1(1; y+1; x)``, taken from the incomplete gamma function where that
is accurate and from its positive series where the gamma route would cancel or underflow.
The mean wait of answered calls in Erlang A is a weighted mean of harmonic sums over the
same series (derived from the sojourn of a tagged call, see ``_erlang_a``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.special import betainc, digamma, gammainc, gammaincc, gammaln

__all__ = ["QueueMetrics", "queue_metrics", "required_agents"]

FloatArray = NDArray[np.float64]
_LOG_2PI = float(np.log(2.0 * np.pi))
_TINY = 1e-280  # below this an incomplete gamma value is switched to its series
# Hard stop for series loops ("never hang"). Only reached for x = calls_per_s * patience_s
# beyond ~1e8 near critical load, where the remaining tail is added as a geometric bound.
_MAX_TERMS = 50_000
_TARGET_RTOL = 1e-12  # a target counts as met within this relative rounding margin


@dataclass(frozen=True, eq=False)
class QueueMetrics:
    """Service delivered per interval; every field is an array of the broadcast shape.

    Attributes
    ----------
    load_erlangs : ndarray
        Offered load ``calls * aht_s / interval_s``. [Erlang]
    feasible : ndarray of bool
        False where Erlang C has ``agents <= load`` (the queue grows without bound).
    p_wait : ndarray
        Share of offered calls that find every agent busy and queue. [0..1]
    service_level : ndarray
        Share of *offered* calls answered within ``answer_time_s``; abandoned and blocked
        calls count as not answered in time. [0..1]
    sl_of_answered : ndarray
        Share of *answered* calls answered within ``answer_time_s``. [0..1]
    asa_s : ndarray
        Average speed of answer: mean wait of answered calls. [s]
    mean_wait_all_s : ndarray
        Mean wait over all offered calls (abandoned ones until they hang up, blocked
        ones zero). [s]
    p_abandon : ndarray
        Share of offered calls that abandon. [0..1]
    p_block : ndarray
        Share of offered calls that get a busy signal (only with ``lines``). [0..1]
    occupancy : ndarray
        Carried load divided by agents. [0..1]
    erlang_b : ndarray
        Erlang B blocking probability ``B(agents, load)`` for reference. [0..1]
    """

    load_erlangs: FloatArray
    feasible: NDArray[np.bool_]
    p_wait: FloatArray
    service_level: FloatArray
    sl_of_answered: FloatArray
    asa_s: FloatArray
    mean_wait_all_s: FloatArray
    p_abandon: FloatArray
    p_block: FloatArray
    occupancy: FloatArray
    erlang_b: FloatArray

    def to_frame(self) -> pd.DataFrame:
        """Return the metrics as a tidy frame, one row per element (flattened)."""
        return pd.DataFrame({f.name: np.ravel(getattr(self, f.name)) for f in fields(self)})


# --------------------------------------------------------------------------- special functions


def _log1pmx(t: FloatArray) -> FloatArray:
    """``log(1 + t) - t`` for ``t > -1``, to an absolute error of about ``eps * |t|``.

    Callers multiply by ``s`` with ``t = (z - s) / s``, so the error in the log term is
    about ``eps * |z - s|`` -- the conditioning of ``z**s e**-z`` itself -- rather than
    the ``eps * s * log(s)`` of ``s*log(z) - z - lgamma(s+1)``.
    """
    t = np.asarray(t, dtype=float)
    with np.errstate(divide="ignore"):
        return np.log1p(t) - t


def _stirling_corr(s: FloatArray) -> FloatArray:
    """``lgamma(s+1) - [(s + 1/2) log s - s + log(2 pi)/2]`` for ``s > 0``."""
    s = np.asarray(s, dtype=float)
    out = np.empty_like(s)
    big = s >= 10.0
    r = 1.0 / s[big]
    r2 = r * r
    out[big] = r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 / 1188))))
    sm = s[~big]
    out[~big] = gammaln(sm + 1.0) - (sm + 0.5) * np.log(sm) + sm - 0.5 * _LOG_2PI
    return out


def _log_poisson_term(s: FloatArray, z: FloatArray) -> FloatArray:
    """``log(z**s * exp(-z) / Gamma(s+1))`` for ``s >= 0``, ``z >= 0``, error ~ eps*|z-s|."""
    s = np.asarray(s, dtype=float)
    z = np.asarray(z, dtype=float)
    out = np.empty(np.broadcast(s, z).shape)
    s, z = np.broadcast_arrays(s, z)
    pos = s > 0
    every = bool(pos.all())  # the usual case: skip the masked copies
    sp, zp = (s, z) if every else (s[pos], z[pos])
    with np.errstate(divide="ignore"):
        val = sp * _log1pmx((zp - sp) / sp) - 0.5 * (_LOG_2PI + np.log(sp)) - _stirling_corr(sp)
    if every:
        return np.asarray(val, dtype=float).reshape(out.shape)
    out[pos] = val
    out[~pos] = -z[~pos]
    return out


def _log_erlang_b(n: FloatArray, a: FloatArray) -> FloatArray:
    """Log of Erlang B ``B(n, a)`` for whole ``n >= 0`` and ``a >= 0``.

    ``B = pmf(n) / cdf(n)`` of a Poisson(a) law; where the cdf underflows (``a >> n``) the
    finite series ``1/B = sum_j n!/((n-j)! a^j)`` is used instead (its ratio ``n/a`` is small).
    """
    n, a = np.broadcast_arrays(np.asarray(n, dtype=float), np.asarray(a, dtype=float))
    out = np.zeros(n.shape)
    with np.errstate(divide="ignore"):
        out[(a == 0) & (n > 0)] = -np.inf
    valid = (a > 0) & (n > 0)
    if valid.all():
        idx = np.arange(n.size)
        nn, aa = n.ravel(), a.ravel()
    else:
        idx = np.flatnonzero(valid)
        if idx.size == 0:
            return out
        nn, aa = n.ravel()[idx], a.ravel()[idx]
    q = gammaincc(nn + 1.0, aa)
    good = q > _TINY
    if good.all():  # the usual case: skip the masked copies
        res = _log_poisson_term(nn, aa) - np.log(q)
    else:
        res = np.empty(idx.size)
        with np.errstate(divide="ignore"):
            res[good] = _log_poisson_term(nn[good], aa[good]) - np.log(q[good])
    bad = np.flatnonzero(~good)
    if bad.size:
        nb, ab = nn[bad], aa[bad]
        total = np.ones(bad.size)
        term = np.ones(bad.size)
        for j in range(1, _MAX_TERMS):
            term = term * np.maximum(nb - j + 1.0, 0.0) / ab
            total += term
            if not np.any(term > 1e-17 * total):
                break
        res[bad] = -np.log(total)
    out.ravel()[idx] = res
    return out


def _kummer_a(
    z: FloatArray, s: FloatArray, *, with_q: bool, fast: bool = False
) -> tuple[FloatArray, FloatArray]:
    """``log A(z, s)`` with ``A(z, s) = sum_k z^k / ((s+1)...(s+k)) = 1F1(1; s+1; z)``.

    Also returns ``q = sum_k w_k (k+1)/(s+k+1) / sum_k w_k`` (``w_k`` the series terms),
    the Erlang A probability that a queued call abandons, when ``with_q`` (else zeros).
    ``s > 0``, ``z >= 0``.

    Where ``z`` is well below ``s`` the positive series converges geometrically and avoids
    the cancellation the closed form has in ``q``; elsewhere ``A = P(s, z) / poisson_term``.
    """
    z = np.asarray(z, dtype=float)
    s = np.asarray(s, dtype=float)
    loga = np.empty(z.shape)
    q = np.zeros(z.shape)
    p = gammainc(s, z)
    # ``fast`` (used inside the staffing search, which only compares with targets) keeps
    # the closed form wherever it does not underflow
    series = (p < _TINY) if fast else (z <= 0.9 * (s + 1.0)) | (p < _TINY)
    g = ~series
    loga[g] = np.log(p[g]) - _log_poisson_term(s[g], z[g])
    if with_q:
        zg, sg = z[g], s[g]
        q[g] = (zg - sg) / zg + sg / zg * np.exp(-loga[g])
    idx = np.flatnonzero(series)
    if idx.size:
        zs, ss = z[idx], s[idx]
        total = np.ones(idx.size)
        total_q = 1.0 / (ss + 1.0)
        w = np.ones(idx.size)
        act = np.arange(idx.size)
        for k in range(1, _MAX_TERMS):
            w_a = w[act] * zs[act] / (ss[act] + k)
            w[act] = w_a
            total[act] += w_a
            if with_q:
                total_q[act] += w_a * (k + 1.0) / (ss[act] + k + 1.0)
            # ratios fall below 0.9 for every k here, so the tail is below 10 * w
            keep = w_a > 1e-18 * total[act]
            act = act[keep]
            if act.size == 0:
                break
        loga[idx] = np.log(total)
        if with_q:
            q[idx] = total_q / total
    return loga, q


def _asa_given_wait_series(x: FloatArray, y: FloatArray) -> FloatArray:
    """``theta * E[wait | answered after waiting]`` in Erlang A.

    Equals ``sum_N t_N H_N / sum_N t_N`` with ``t_N = x^N / ((y+2)...(y+N+1))`` and
    ``H_N = sum_{j=0..N} 1/(y+j+1)``: a tagged call that finds ``k`` calls waiting passes
    ``k+1`` stages of rate ``theta*(y+j+1)`` and is answered with probability
    ``y/(y+k+1)``; summing over the stationary queue gives the series above.
    """
    m = x.size
    out = np.empty(m)
    if m == 0:
        return out
    # Overloaded with long patience the terms form a bell of width sqrt(x) around
    # N* = x - y - 2, far from N = 0; summing a smooth bell on a stride of width/8 equals
    # the full sum to far below double precision (Poisson summation), so the work stays
    # bounded instead of growing with x - y.
    sigma = np.sqrt(np.maximum(x, 1.0))
    peak = x - y - 2.0
    far = (peak > 40.0 * sigma + 10.0) & (sigma > 8.0)
    if np.any(far):
        out[far] = _asa_given_wait_bell(x[far], y[far], peak[far], sigma[far])
    near = np.flatnonzero(~far)
    out[near] = _asa_given_wait_terms(x[near], y[near])
    return out


def _asa_given_wait_bell(
    x: FloatArray, y: FloatArray, peak: FloatArray, sigma: FloatArray
) -> FloatArray:
    """The series of ``_asa_given_wait_series`` on a stride over its bell-shaped peak."""
    step = np.maximum(np.floor(sigma / 8.0), 1.0)
    half = int(np.ceil(np.max(40.0 * sigma / step)))
    grid = np.floor(peak)[:, None] + step[:, None] * np.arange(-half, half + 1)[None, :]
    grid = np.maximum(grid, 0.0)  # never reached: the peak is more than 40 widths above 0
    log_t = grid * np.log(x[:, None]) - (
        gammaln(y[:, None] + grid + 2.0) - gammaln(y[:, None] + 2.0)
    )
    w = np.exp(log_t - log_t.max(axis=1, keepdims=True))
    harmonic = digamma(y[:, None] + grid + 2.0) - digamma(y[:, None] + 1.0)
    return np.sum(w * harmonic, axis=1) / np.sum(w, axis=1)


def _asa_given_wait_terms(x: FloatArray, y: FloatArray) -> FloatArray:
    """The series of ``_asa_given_wait_series`` term by term."""
    m = x.size
    out = np.empty(m)
    if m == 0:
        return out
    t = np.ones(m)
    h = 1.0 / (y + 1.0)
    s0 = np.ones(m)
    s1 = h.copy()
    act = np.arange(m)
    for n_term in range(1, _MAX_TERMS):
        xa, ya = x[act], y[act]
        ratio = xa / (ya + n_term + 1.0)
        ta = t[act] * ratio
        ha = h[act] + 1.0 / (ya + n_term + 1.0)
        s0a = s0[act] + ta
        s1a = s1[act] + ta * ha
        big = s0a > 1e250  # rescale: only the ratio s1/s0 matters
        if np.any(big):
            ta = np.where(big, ta * 1e-250, ta)
            s0a = np.where(big, s0a * 1e-250, s0a)
            s1a = np.where(big, s1a * 1e-250, s1a)
        t[act], h[act], s0[act], s1[act] = ta, ha, s0a, s1a
        next_ratio = xa / (ya + n_term + 2.0)
        # geometric bound on the remaining tail once the terms decrease
        done = (next_ratio < 1.0) & (ta * ha < 1e-17 * (1.0 - next_ratio) ** 2 * s1a)
        act = act[~done]
        if act.size == 0:
            break
    else:
        xa, ya = x[act], y[act]
        r = np.minimum(xa / (ya + _MAX_TERMS + 1.0), 1.0 - 1e-9)
        tail = t[act] * r / (1.0 - r)
        s0[act] += tail
        s1[act] += tail * (h[act] + r / ((1.0 - r) * (ya + _MAX_TERMS)))
    out[:] = s1 / s0
    return out


# --------------------------------------------------------------------------- model evaluation


def _as_float(name: str, value: ArrayLike) -> FloatArray:
    arr = np.asarray(value, dtype=float)
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name} must not contain NaN")
    return arr


def _check(name: str, ok: NDArray[np.bool_] | bool, rule: str) -> None:
    if not np.all(ok):
        raise ValueError(f"{name} must be {rule}")


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
    }


def _evaluate(
    lam: FloatArray,
    aht: FloatArray,
    n: FloatArray,
    t: FloatArray,
    patience: FloatArray,
    lines: FloatArray,
    *,
    need_asa: bool = True,
    fast: bool = False,
) -> dict[str, FloatArray]:
    """Evaluate all models on flat arrays (rates per second; ``inf`` patience/lines = none)."""
    size = lam.size
    r = _empty_result((size,))
    a = lam * aht
    r["load_erlangs"] = a
    log_e = _log_erlang_b(n, a)
    with np.errstate(divide="ignore", invalid="ignore"):
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


def _erlang_c_from_b(
    n: FloatArray, a: FloatArray, eb: FloatArray, t_over_aht: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Erlang C ``(P(wait), service level, ASA / aht)`` from Erlang B, for ``n > a``."""
    gap = n - a
    denom = n - a * (1.0 - eb)
    c = n * eb / denom
    one_minus_c = gap * (1.0 - eb) / denom  # 1 - C without cancellation near C = 1
    sl = one_minus_c - c * np.expm1(-gap * t_over_aht)  # 1 - C exp(-u), both parts >= 0
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
    c, sl, asa = _erlang_c_from_b(nf, af, np.exp(log_e[f]), tf / ahtf)
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
        out["occupancy"][zi] = a[zi] * (1.0 - eb) / n[zi]
    idx = np.flatnonzero((patience > 0) & (n > 0))
    if idx.size == 0:
        return out
    lam_i, aht_i, n_i, t_i, pat_i = lam[idx], aht[idx], n[idx], t[idx], patience[idx]
    a_i = lam_i * aht_i
    theta = 1.0 / pat_i
    x = lam_i * pat_i
    y = n_i * pat_i / aht_i
    log_e = log_e_all[idx]
    log_a0, q = _kummer_a(x, y, with_q=True, fast=fast)
    with np.errstate(divide="ignore", over="ignore"):
        log_inv_e_m1 = np.log1p(-np.exp(log_e)) - log_e  # log(1/E - 1)
        p_wait = 1.0 / (1.0 + np.exp(log_inv_e_m1 - log_a0))
        log_pi_n = np.log(p_wait) - log_a0
    q = np.clip(q, 0.0, 1.0)
    p_ab = p_wait * q
    theta_t = theta * t_i
    x_t = x * np.exp(-theta_t)
    log_a1t, _ = _kummer_a(x_t, y + 1.0, with_q=False, fast=fast)
    log_late = (
        log_pi_n + np.log(y / (y + 1.0)) + log_a1t - x * np.expm1(-theta_t) - theta_t * (y + 1.0)
    )
    answered_late = np.exp(log_late)
    p_served = 1.0 - p_ab
    sl = np.clip(p_served - answered_late, 0.0, 1.0)
    out["p_wait"][idx] = p_wait
    out["p_abandon"][idx] = p_ab
    out["service_level"][idx] = sl
    out["sl_of_answered"][idx] = np.clip(sl / p_served, 0.0, 1.0)
    out["mean_wait_all_s"][idx] = p_ab * pat_i
    out["occupancy"][idx] = np.minimum(a_i * p_served / n_i, 1.0)  # rounding when overloaded
    if need_asa:
        m_wait = _asa_given_wait_series(x, y) * pat_i
        out["asa_s"][idx] = np.maximum(p_wait - p_ab, 0.0) * m_wait / p_served
    else:
        out["asa_s"][idx] = np.nan
    return out


def _erlang_a_meets(
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
    x = lam * patience
    y = n * patience / aht
    need_q = sl_floor is not None or not upper.keys() <= {"p_wait"}
    log_a0, q = _kummer_a(x, y, with_q=need_q, fast=True)
    ok = np.ones(n.size, dtype=bool)
    with np.errstate(divide="ignore", over="ignore"):
        log_inv_e_m1 = np.log1p(-np.exp(log_e)) - log_e  # log(1/E - 1)
        p_wait = 1.0 / (1.0 + np.exp(log_inv_e_m1 - log_a0))
    if "p_wait" in upper:
        ok &= p_wait <= upper["p_wait"]
    if not need_q:
        return ok
    p_ab = p_wait * np.clip(q, 0.0, 1.0)
    p_served = 1.0 - p_ab
    if "p_abandon" in upper:
        ok &= p_ab <= upper["p_abandon"]
    if "occupancy" in upper:
        ok &= np.minimum(lam * aht * p_served / n, 1.0) <= upper["occupancy"]
    live = np.flatnonzero(ok)
    if sl_floor is not None and live.size:
        xl, yl, pl, tl = x[live], y[live], patience[live], t[live]
        with np.errstate(divide="ignore"):
            log_pi_n = np.log(p_wait[live]) - log_a0[live]
        theta_t = (1.0 / pl) * tl
        log_a1t, _ = _kummer_a(xl * np.exp(-theta_t), yl + 1.0, with_q=False, fast=True)
        log_late = (
            log_pi_n
            + np.log(yl / (yl + 1.0))
            + log_a1t
            - xl * np.expm1(-theta_t)
            - theta_t * (yl + 1.0)
        )
        sl = np.clip(p_served[live] - np.exp(log_late), 0.0, 1.0)
        hold = sl >= sl_floor[live]
        ok[live[~hold]] = False
        live = live[hold]
    if "asa_s" in upper and live.size:
        m_wait = _asa_given_wait_series(x[live], y[live]) * patience[live]
        asa = np.maximum(p_wait[live] - p_ab[live], 0.0) * m_wait / p_served[live]
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
        th = theta[ni]
        has_p = th > 0
        pb = np.ones(ni.size)
        if np.any(has_p):
            pb[has_p] = np.exp(_log_erlang_b(lines[ni][has_p], lam[ni][has_p] / th[has_p]))
        out["p_block"][ni] = pb
        out["p_wait"][ni] = np.where(has_p, 1.0 - pb, 0.0)
        out["p_abandon"][ni] = np.where(has_p, 1.0 - pb, 0.0)
        out["mean_wait_all_s"][ni] = np.where(has_p, (1.0 - pb) / np.where(has_p, th, 1.0), 0.0)
    idx = np.flatnonzero(~no_agent)
    if idx.size == 0:
        return out
    lam_i, mu_i, th_i, n_i, t_i, kq_i = lam[idx], mu[idx], theta[idx], n[idx], t[idx], kq[idx]
    a_i = a[idx]
    nmu = n_i * mu_i
    log_e = _log_erlang_b(n_i, a_i)
    neg = np.full(idx.size, -np.inf)
    lw = np.zeros(idx.size)  # log w_k, w_0 = 1
    s_states = neg.copy()  # log sum_{k=1..m} w_k
    s_queue = neg.copy()  # log sum_{k<m} w_k
    s_ab = neg.copy()
    s_wait = neg.copy()
    s_len = neg.copy()  # log sum k w_k
    log_block = np.zeros(idx.size)  # log w_m
    # P(k+1 stages done by t): regularised incomplete beta with F = 1 - exp(-theta t), or
    # the incomplete gamma when theta = 0; taken directly so tiny values keep their digits
    has_th = th_i > 0
    f_t = -np.expm1(-th_i * t_i)
    y = np.where(has_th, nmu / np.where(has_th, th_i, 1.0), 1.0)
    s_on_time = neg.copy()
    harmonic = np.zeros(idx.size)
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
    p_served = np.maximum(1.0 - p_block - p_ab, 0.0)
    sl = np.clip(at_once + on_time, 0.0, 1.0)
    out["p_block"][idx] = p_block
    out["p_wait"][idx] = p_wait
    out["p_abandon"][idx] = p_ab
    out["service_level"][idx] = sl
    out["sl_of_answered"][idx] = np.where(
        p_served > 0, np.clip(sl / np.where(p_served > 0, p_served, 1.0), 0.0, 1.0), 0.0
    )
    out["asa_s"][idx] = np.where(
        p_served > 0, wait_served / np.where(p_served > 0, p_served, 1.0), np.inf
    )
    out["mean_wait_all_s"][idx] = mean_q / lam_i
    out["occupancy"][idx] = np.minimum(a_i * p_served / n_in[idx], 1.0)
    return out


def _broadcast_inputs(
    calls: ArrayLike,
    interval_s: ArrayLike,
    aht_s: ArrayLike,
    agents: ArrayLike | None,
    answer_time_s: ArrayLike,
    patience_s: ArrayLike | None,
    lines: ArrayLike | None,
) -> tuple[tuple[int, ...], list[FloatArray]]:
    c = _as_float("calls", calls)
    _check("calls", np.isfinite(c) & (c >= 0), "finite and >= 0")
    iv = _as_float("interval_s", interval_s)
    _check("interval_s", np.isfinite(iv) & (iv > 0), "finite and > 0")
    h = _as_float("aht_s", aht_s)
    _check("aht_s", np.isfinite(h) & (h > 0), "finite and > 0")
    ag = _as_float("agents", 0.0 if agents is None else agents)
    _check("agents", np.isfinite(ag) & (ag >= 0) & (ag == np.floor(ag)), "whole numbers >= 0")
    t = _as_float("answer_time_s", answer_time_s)
    _check("answer_time_s", np.isfinite(t) & (t >= 0), "finite and >= 0")
    p = _as_float("patience_s", np.inf if patience_s is None else patience_s)
    _check("patience_s", p >= 0, ">= 0 (None or inf for no abandonment)")
    k = _as_float("lines", np.inf if lines is None else lines)
    _check("lines", (k >= 1) & ((k == np.floor(k)) | np.isinf(k)), "whole numbers >= 1")
    arrays = np.broadcast_arrays(c, iv, h, ag, t, p, k)
    shape = arrays[0].shape
    return shape, [np.ascontiguousarray(x, dtype=float).ravel() for x in arrays]


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
    to 10,000 and loads up to 0.9999 x agents (see ``tests/test_queueing.py``).

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
    shape, (c, iv, h, ag, t, p, k) = _broadcast_inputs(
        calls, interval_s, aht_s, agents, answer_time_s, patience_s, lines
    )
    r = _evaluate(c / iv, h, ag, t, p, k)
    return QueueMetrics(**{key: np.reshape(val, shape) for key, val in r.items()})


def required_agents(
    calls: ArrayLike,
    interval_s: ArrayLike,
    aht_s: ArrayLike,
    answer_time_s: ArrayLike,
    *,
    target_service_level: ArrayLike | None = None,
    target_asa_s: ArrayLike | None = None,
    max_p_wait: ArrayLike | None = None,
    max_abandon: ArrayLike | None = None,
    max_occupancy: ArrayLike | None = None,
    patience_s: ArrayLike | None = None,
    lines: ArrayLike | None = None,
) -> NDArray[np.int64]:
    """Fewest agents per interval that meet every given target (vectorised search).

    Parameters
    ----------
    calls, interval_s, aht_s, answer_time_s, patience_s, lines : array_like
        As in :func:`queue_metrics`. [calls], [s], [s], [s], [s], [lines]
    target_service_level : array_like, optional
        Minimum share of offered calls answered within ``answer_time_s``, in (0, 1).
    target_asa_s : array_like, optional
        Maximum average speed of answer (mean wait of answered calls). [s]
    max_p_wait : array_like, optional
        Maximum share of calls that queue, in (0, 1].
    max_abandon : array_like, optional
        Maximum share of offered calls that abandon, in (0, 1].
    max_occupancy : array_like, optional
        Maximum occupancy (carried load / agents), in (0, 1].

    Returns
    -------
    ndarray of int64
        Agents per element (broadcast shape). Zero calls need 0 agents. Erlang C always
        returns more agents than the load. Erlang A is searched from 0 agents up, so with
        short patience the answer can be below the load. With ``lines``, where no staffing
        meets the targets (blocked calls count against the service level) the result is
        ``lines``, the most agents that can be busy.

    Raises
    ------
    ValueError
        If no target is given, or a target or input is outside its range.

    Notes
    -----
    Every metric is monotone in the number of agents, so each element needs only the
    first staffing level that meets its targets; all elements move in lock-step:

    * Erlang C starts at its lower bound (``floor(a) + 1`` and ``ceil(a / max_occupancy)``)
      and steps up one agent at a time with the stable recursion
      ``B(n+1) = a B(n) / (n + 1 + a B(n))``, so each step costs a few flops; square-root
      staffing puts the answer within a few multiples of ``sqrt(a)`` of the start.
    * Erlang A and ``lines`` start from the Erlang C answer of the same workload, gallop
      down (steps 1, 1, 2, 4, ...; Erlang A may go below the load) or up (steps of
      ``sqrt(a)``, doubling) until the bracket "fails | meets" is found, then bisect it.
      Erlang A first tests one agent below the Erlang C answer together with the level
      under it (one ``B(n, a)``, the next by the recursion), which settles most elements
      in one pass, and computes only the metrics its targets use (the service level and
      ASA only where the cheaper targets hold). Its search runs over ``n >= 1``; zero
      agents (occupancy 0, everyone abandons) is returned where one agent meets the
      targets too.

    A target counts as met within a relative rounding margin of 1e-12.

    References
    ----------
    .. [1] S. Halfin, W. Whitt, "Heavy-traffic limits for queues with many exponential
       servers", Operations Research 29(3), 1981 (square-root staffing).
    .. [2] O. Garnett, A. Mandelbaum, M. Reiman, "Designing a call center with impatient
       customers", MSOM 4(3), 2002.
    """
    targets = {
        "target_service_level": target_service_level,
        "target_asa_s": target_asa_s,
        "max_p_wait": max_p_wait,
        "max_abandon": max_abandon,
        "max_occupancy": max_occupancy,
    }
    if all(v is None for v in targets.values()):
        raise ValueError(
            "give at least one target: target_service_level, target_asa_s, max_p_wait, "
            "max_abandon or max_occupancy"
        )
    shape, (c, iv, h, _ag, t, p, k) = _broadcast_inputs(
        calls, interval_s, aht_s, 0.0, answer_time_s, patience_s, lines
    )
    size = c.size
    tgt: dict[str, FloatArray] = {}
    rules = {
        "target_service_level": (lambda v: (v > 0) & (v < 1), "between 0 and 1 (exclusive)"),
        "target_asa_s": (lambda v: v > 0, "> 0 seconds"),
        "max_p_wait": (lambda v: (v > 0) & (v <= 1), "in (0, 1]"),
        "max_abandon": (lambda v: (v > 0) & (v <= 1), "in (0, 1]"),
        "max_occupancy": (lambda v: (v > 0) & (v <= 1), "in (0, 1]"),
    }
    for name, value in targets.items():
        if value is None:
            continue
        arr = _as_float(name, value)
        rule, text = rules[name]
        _check(name, rule(arr), text)
        tgt[name] = np.broadcast_to(arr, shape).ravel().astype(float)

    lam = c / iv
    a = lam * h
    result = np.zeros(size, dtype=np.int64)
    busy = np.flatnonzero(a > 0)
    if busy.size == 0:
        return result.reshape(shape)
    lam_b, h_b, t_b, p_b, k_b = lam[busy], h[busy], t[busy], p[busy], k[busy]
    a_b = a[busy]
    tg = {name: v[busy] for name, v in tgt.items()}
    erlang_c = np.isinf(p_b) & np.isinf(k_b)
    lower = np.where(erlang_c, np.floor(a_b) + 1.0, 0.0)
    if "max_occupancy" in tg:
        occ_floor = np.ceil(a_b / tg["max_occupancy"] * (1.0 - _TARGET_RTOL))
        lower = np.where(erlang_c, np.maximum(lower, occ_floor), lower)
    cap = np.where(np.isinf(k_b), np.inf, k_b)
    need_asa = "target_asa_s" in tg

    slack = 1.0 + _TARGET_RTOL
    # targets pre-scaled by the rounding margin: metric <= upper, service level >= lower
    upper = {
        field: tg[name] * slack
        for name, field in (
            ("target_asa_s", "asa_s"),
            ("max_p_wait", "p_wait"),
            ("max_abandon", "p_abandon"),
            ("max_occupancy", "occupancy"),
        )
        if name in tg
    }
    sl_floor = tg["target_service_level"] / slack if "target_service_level" in tg else None

    def check(m: dict[str, FloatArray], sel: NDArray[np.intp] | slice) -> NDArray[np.bool_]:
        ok = np.array(m["feasible"], dtype=bool)
        if sl_floor is not None:
            ok &= m["service_level"] >= sl_floor[sel]
        for field, bound in upper.items():
            ok &= m[field] <= bound[sel]
        return ok

    # plain Erlang A elements (0 < patience < inf, no lines) take a lean path that computes
    # only the metrics the targets need; the rest go through the full evaluation
    lean_model = np.isinf(k_b) & (p_b > 0) & np.isfinite(p_b)

    def meets(
        sel: NDArray[np.intp], n_try: FloatArray, log_e: FloatArray | None = None
    ) -> NDArray[np.bool_]:
        """Targets met at ``n_try`` agents; ``log_e`` = log B(n_try, a) where known."""
        lean = lean_model[sel] & (n_try > 0)
        if lean.all():
            li, rest = slice(None), np.empty(0, dtype=np.intp)
        else:
            li, rest = np.flatnonzero(lean), np.flatnonzero(~lean)
        ok = np.empty(sel.size, dtype=bool)
        s = sel[li]
        if s.size:
            n_l = n_try[li]
            le = _log_erlang_b(n_l, a_b[s]) if log_e is None else log_e[li]
            ok[li] = _erlang_a_meets(
                lam_b[s],
                h_b[s],
                n_l,
                t_b[s],
                p_b[s],
                le,
                None if sl_floor is None else sl_floor[s],
                {field: bound[s] for field, bound in upper.items()},
            )
        if rest.size:
            s = sel[rest]
            m = _evaluate(
                lam_b[s],
                h_b[s],
                n_try[rest],
                t_b[s],
                p_b[s],
                k_b[s],
                need_asa=need_asa,
                fast=True,
            )
            ok[rest] = check(m, s)
        return ok

    def meets_pair(
        sel: NDArray[np.intp], n_try: FloatArray
    ) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
        """Targets met at ``n_try - 1`` and at ``n_try`` agents (``n_try >= 1``), in one pass:
        B(n_try - 1, a) once, then B(n) = a B(n-1) / (n + a B(n-1)) in log space."""
        a_s = a_b[sel]
        le_below = _log_erlang_b(n_try - 1.0, a_s)
        le_at = np.log(a_s) + le_below - np.log(n_try + a_s * np.exp(le_below))
        ok = meets(
            np.concatenate([sel, sel]),
            np.concatenate([n_try - 1.0, n_try]),
            np.concatenate([le_below, le_at]),
        )
        return ok[: sel.size], ok[sel.size :]

    # Erlang C: step up from the lower bound with the stable recursion
    # B(n+1) = a B(n) / (n + 1 + a B(n)) -- a few flops per step instead of a new B(n, a)
    answer = np.full(busy.size, -1.0)
    ci = np.flatnonzero(erlang_c)
    if ci.size:
        every = ci.size == busy.size
        n_c = lower[ci] if not every else lower.copy()
        a_c = a_b[ci] if not every else a_b
        tt_c = (t_b / h_b)[ci] if not every else t_b / h_b
        h_c = h_b[ci] if not every else h_b
        eb = np.exp(_log_erlang_b(n_c, a_c))
        sel: NDArray[np.intp] | slice = ci if not every else slice(None)
        act = np.arange(ci.size)
        n_a, a_a, e_a, tt_a, h_a = n_c, a_c, eb, tt_c, h_c
        for _ in range(10_000):
            p_wait, sl, asa = _erlang_c_from_b(n_a, a_a, e_a, tt_a)
            m = {
                "feasible": n_a > a_a,
                "service_level": sl,
                "asa_s": asa * h_a,
                "p_wait": p_wait,
                "p_abandon": np.zeros(n_a.size),
                "occupancy": a_a / n_a,
            }
            ok = check(m, sel)
            answer[ci[act[ok]]] = n_a[ok]
            keep = ~ok
            if not np.any(keep):
                break
            act, n_a, a_a, e_a, tt_a, h_a = (v[keep] for v in (act, n_a, a_a, e_a, tt_a, h_a))
            sel = ci[act]
            n_a = n_a + 1.0
            e_a = a_a * e_a / (n_a + a_a * e_a)

    # Erlang A and lines: gallop from a guess (the Erlang C answer where known, else the
    # load), then bisect; invariant "lo fails or is below the lower bound, hi meets"
    oi = np.flatnonzero(answer < 0)
    # zero agents (everyone abandons or is blocked) has occupancy 0, below its value at one
    # agent: the search runs over n >= 1, where every metric is monotone, and zero agents
    # is the answer only where one agent meets the targets too (so that from the answer up
    # the targets hold for good)
    lower = np.where(lean_model, np.maximum(lower, 1.0), lower)
    lo = lower - 1.0
    hi = np.full(busy.size, np.nan)
    if oi.size:
        guess = np.maximum(np.ceil(a_b), 1.0)
        c_targets = {name: v[oi] for name, v in tg.items() if name != "max_abandon"}
        if c_targets:  # the Erlang C requirement of the same workload is a close guess
            guess[oi] = required_agents(lam_b[oi], 1.0, h_b[oi], t_b[oi], **c_targets)
        c_answer = np.minimum(np.maximum(guess, lower), cap)
        # with abandonment the answer is usually one below the Erlang C answer: test that
        # level and the one below it together, so one pass settles most elements
        guess = np.where(lean_model, np.maximum(c_answer - 1.0, 1.0), c_answer)
        guess = np.minimum(np.maximum(guess, lower), cap)
        pairs = lean_model[oi] & (guess[oi] - 1.0 >= lower[oi])
        pair, single = oi[pairs], oi[~pairs]
        ok_p = ok_below = np.zeros(0, dtype=bool)
        if pair.size:
            ok_below, ok_p = meets_pair(pair, guess[pair])
        ok_s = meets(single, guess[single]) if single.size else np.zeros(0, dtype=bool)
        settled = pair[ok_p & ~ok_below]  # the guess meets, one agent fewer does not
        hi[settled] = guess[settled]
        lo[settled] = guess[settled] - 1.0
        below = pair[ok_p & ok_below]  # one agent fewer meets too: gallop on down from it
        hi[below] = guess[below] - 1.0
        down = np.concatenate([below, single[ok_s]])
        hi[single[ok_s]] = guess[single[ok_s]]
        up = np.concatenate([pair[~ok_p], single[~ok_s]])
        lo[up] = guess[up]
        step = np.ones(busy.size)
        first = np.ones(busy.size, dtype=bool)
        while down.size:  # gallop down while the targets still hold
            cand = np.maximum(hi[down] - step[down], lower[down])
            fresh = cand < hi[down]
            ok_d = np.zeros(down.size, dtype=bool)
            if np.any(fresh):
                ok_d[fresh] = meets(down[fresh], cand[fresh])
            hi[down[ok_d]] = cand[ok_d]
            stop = ~ok_d
            lo[down[stop & fresh]] = cand[stop & fresh]
            # steps 1, 1, 2, 4, ...: the answer is usually within two of the guess
            step[down] = np.where(first[down], 1.0, step[down] * 2.0)
            first[down] = False
            down = down[ok_d]
        step[up] = np.maximum(np.ceil(np.sqrt(a_b[up])), 1.0)
        # Erlang A: first try the Erlang C answer (usually met), then doubling steps
        lean_up = up[lean_model[up]]
        first_step = np.maximum(c_answer[lean_up] - lo[lean_up], 1.0)
        step[lean_up] = np.minimum(first_step, step[lean_up])
        for _ in range(80):  # gallop up until they hold (or every line is staffed)
            if up.size == 0:
                break
            at_cap = lo[up] >= cap[up]
            hi[up[at_cap]] = cap[up[at_cap]]
            up = up[~at_cap]
            if up.size == 0:
                break
            cand = np.minimum(lo[up] + step[up], cap[up])
            ok_u = meets(up, cand)
            hi[up[ok_u]] = cand[ok_u]
            lo[up[~ok_u]] = cand[~ok_u]
            step[up] *= 2.0
            up = up[~ok_u]
        act = oi[hi[oi] - lo[oi] > 1]
        while act.size:
            mid = np.floor((lo[act] + hi[act]) / 2.0)
            ok_m = meets(act, mid)
            hi[act] = np.where(ok_m, mid, hi[act])
            lo[act] = np.where(ok_m, lo[act], mid)
            act = act[hi[act] - lo[act] > 1]
        answer[oi] = hi[oi]
        one = oi[lean_model[oi] & (answer[oi] == 1.0)]
        if one.size:
            answer[one[meets(one, np.zeros(one.size))]] = 0.0
    result[busy] = answer.astype(np.int64)
    return result.reshape(shape)
