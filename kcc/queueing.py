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

Any finite input gives finite numbers in bounded work (issue 12: one count of 1e12 stalled
the planning pages). No series runs long: where the Poisson cdf or the gamma form of ``A``
underflows with a ratio near 1 the integral forms are taken with a 48-point Gauss-Laguerre
rule, a wait sum longer than 5,000 terms goes on a stride with Euler-Maclaurin end
corrections, long line limits are cut, and the staffing search gallops and bisects. Beyond
``kcc.config.MAX_EXACT_AGENTS`` agents or Erlangs results carry ``approximate``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Final

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.special import betainc, digamma, gammainc, gammaincc, gammaln, polygamma

from kcc.config import MAX_EXACT_AGENTS

__all__ = [
    "INT_AGENTS_CEILING",
    "QueueMetrics",
    "Requirement",
    "queue_metrics",
    "required_agents",
    "required_staffing",
]

FloatArray = NDArray[np.float64]
_LOG_2PI = float(np.log(2.0 * np.pi))
_TINY = 1e-280  # below this an incomplete gamma value is switched to its series
# Hard stop for series loops ("never hang"). Only reached for x = calls_per_s * patience_s
# beyond ~1e8 near critical load, where the remaining tail is added as a geometric bound.
_MAX_TERMS = 50_000
_TARGET_RTOL = 1e-12  # a target counts as met within this relative rounding margin
# Gauss-Laguerre rule for the Erlang B integral where its Poisson cdf underflows
_GL_NODES, _GL_WEIGHTS = np.polynomial.laguerre.laggauss(48)
_TERM_BUDGET = 5_000  # an Erlang A wait sum longer than this is summed on a stride
_MAX_LINE_STEPS = 10_000  # waiting places walked one by one; beyond, the chain is truncated
_C_STEPS = 256  # single Erlang C steps before the search gallops and bisects
_N_MAX = 1e307  # largest staffing the search returns (float range, not a real answer)


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
    approximate : ndarray of bool
        True where the load or the agents exceed ``kcc.config.MAX_EXACT_AGENTS`` (or more
        than 10,000 waiting places would matter with ``lines``): the numbers come from the
        large-system route, finite and monotone but not checked to 1e-9 there.
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
    approximate: NDArray[np.bool_]

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
        # z far below s: (z - s)/s rounds to -1 and log1p to -inf; the plain form has no
        # cancellation there
        tiny = zp < 1e-8 * sp
        if np.any(tiny):
            val = np.where(tiny, sp * np.log(zp) - zp - gammaln(sp + 1.0), val)
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
        # the cdf underflows only for a >> n: the series has ratio <= n/a; near 1 (a huge
        # load with a big staff) the integral form takes over, so no loop grows with a
        short = nb <= 0.8 * ab
        res_bad = np.empty(bad.size)
        if np.any(short):
            ns, as_ = nb[short], ab[short]
            total = np.ones(ns.size)
            term = np.ones(ns.size)
            for j in range(1, _MAX_TERMS):  # ratio <= 0.8: done in under 200 terms
                term = term * np.maximum(ns - j + 1.0, 0.0) / as_
                total += term
                if not np.any(term > 1e-17 * total):
                    break
            res_bad[short] = -np.log(total)
        if not np.all(short):
            res_bad[~short] = _log_erlang_b_overloaded(nb[~short], ab[~short])
        res[bad] = res_bad
    out.ravel()[idx] = res
    return out


def _log_erlang_b_overloaded(n: FloatArray, a: FloatArray) -> FloatArray:
    """``log B(n, a)`` for ``n < a`` where the Poisson cdf underflows, by quadrature.

    ``1/B = int_0^inf e^-u (1 + u/a)^n du``; with ``u = v a / (a - n)`` this is
    ``a/(a - n) int_0^inf e^-v exp(n log1pmx(v / (a - n))) dv``, whose second factor is a
    Gaussian of width ``(a - n)/sqrt(n)`` -- at least 36 wherever the cdf underflows -- so a
    48-point Gauss-Laguerre rule integrates it to double precision.
    """
    gap = a - n
    w = _GL_NODES[None, :] / gap[:, None]
    with np.errstate(under="ignore"):
        inner = np.exp(n[:, None] * _log1pmx(w)) @ _GL_WEIGHTS
    return np.log(gap / a) - np.log(inner)


def _kummer_a(
    z: FloatArray, s: FloatArray, *, with_q: bool, fast: bool = False
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``log A(z, s)`` with ``A(z, s) = sum_k z^k / ((s+1)...(s+k)) = 1F1(1; s+1; z)``.

    Also returns ``q = sum_k w_k (k+1)/(s+k+1) / sum_k w_k`` (``w_k`` the series terms),
    the Erlang A probability that a queued call abandons, and ``1 - q`` without
    cancellation (``(s/z)(1 - 1/A)``: deep in overload ``q`` rounds to 1), when ``with_q``
    (else zeros). ``s > 0``, ``z >= 0``.

    Where ``z`` is well below ``s`` the positive series converges geometrically and avoids
    the cancellation the closed form has in ``q``; elsewhere ``A = P(s, z) / poisson_term``.
    """
    z = np.asarray(z, dtype=float)
    s = np.asarray(s, dtype=float)
    loga = np.empty(z.shape)
    q = np.zeros(z.shape)
    one_minus_q = np.zeros(z.shape)
    p = gammainc(s, z)
    # ``fast`` (used inside the staffing search, which only compares with targets) keeps
    # the closed form wherever it does not underflow
    series = (p < _TINY) if fast else (z <= 0.9 * (s + 1.0)) | (p < _TINY)
    g = ~series
    loga[g] = np.log(p[g]) - _log_poisson_term(s[g], z[g])
    if with_q:
        zg, sg = z[g], s[g]
        q[g] = (zg - sg) / zg + sg / zg * np.exp(-loga[g])
        one_minus_q[g] = sg / zg * -np.expm1(-loga[g])
    # a series whose ratio z/(s+1) starts above 0.9 (the gamma form underflowed: z, s huge,
    # z below s by more than 36 sqrt(s)) is integrated instead, so no series runs long
    long = series & (z > 0.9 * (s + 1.0))
    li = np.flatnonzero(long)
    if li.size:
        zl, sl = z[li], s[li]
        loga[li] = _log_kummer_integral(zl, sl)
        if with_q:
            q[li] = (zl - sl) / zl + sl / zl * np.exp(-loga[li])
            one_minus_q[li] = sl / zl * -np.expm1(-loga[li])
    idx = np.flatnonzero(series & ~long)
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
            # ratios stay below 0.9 for every k here, so the tail is below 10 * w
            keep = w_a > 1e-18 * total[act]
            act = act[keep]
            if act.size == 0:
                break
        loga[idx] = np.log(total)
        if with_q:
            q[idx] = total_q / total
            one_minus_q[idx] = 1.0 - q[idx]
    return loga, q, one_minus_q


def _log_kummer_integral(z: FloatArray, s: FloatArray) -> FloatArray:
    """``log A(z, s)`` for ``z < s`` by quadrature, where ``s - z > 36 sqrt(s)``.

    ``A = s int_0^1 (1-u)^(s-1) e^(zu) du``; with ``u = w / s``, ``c = 1 - z/s`` and
    ``omega = w / (s c)`` this is ``(1/c) int_0^(sc) e^-w exp(s log1pmx(-omega) -
    log1p(-omega)) dw``, a Gaussian factor of width ``(s - z)/sqrt(s) > 36`` against
    ``e^-w``: the 48-point Gauss-Laguerre rule takes it to double precision.
    """
    gap = s - z
    omega = _GL_NODES[None, :] / gap[:, None]
    inside = omega < 1.0
    om = np.where(inside, omega, 0.0)
    with np.errstate(under="ignore"):
        f = np.where(inside, np.exp(s[:, None] * _log1pmx(-om) - np.log1p(-om)), 0.0)
    return np.log(s / gap) + np.log(f @ _GL_WEIGHTS)


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
    # Terms a term-by-term sum needs: up to the peak and 12 widths past it, or -- when the
    # terms fall from the first (ratio e^-kappa) -- their decay, curved within sqrt(y) terms.
    # A sum longer than the budget (a huge load or patience) goes on a stride instead.
    with np.errstate(divide="ignore"):
        kappa = np.log((y + 2.0) / x)
        decay = np.minimum(1.0 / np.maximum(kappa, 0.0), np.sqrt(y + 2.0))
    width = np.where(peak > 0, sigma, decay)
    span = np.where(
        peak > 0, peak + 12.0 * sigma, np.minimum(60.0 * decay, 12.0 * np.sqrt(y + 2.0))
    )
    wide = ~far & (span > _TERM_BUDGET)
    wi = np.flatnonzero(wide)
    for chunk in np.array_split(wi, max(1, wi.size // 500)):  # bounded memory
        if chunk.size:
            out[chunk] = _asa_given_wait_stride(x[chunk], y[chunk], width[chunk], span[chunk])
    near = np.flatnonzero(~far & ~wide)
    out[near] = _asa_given_wait_terms(x[near], y[near])
    return out


def _digamma_step(y: FloatArray, grid: FloatArray) -> FloatArray:
    """``psi(y + N + 2) - psi(y + 1)`` (the harmonic sums ``H_N``) without the cancellation
    of two nearly equal digamma values when ``y`` is large (asymptotic series from 10 on)."""
    w1 = (y + 1.0)[:, None] * np.ones_like(grid)
    w2 = w1 + grid + 1.0
    out = np.empty_like(grid)
    big = w1 >= 10.0
    b1, b2 = w1[big], w2[big]

    def tail(w: FloatArray) -> FloatArray:
        r = (1.0 / w) ** 2  # underflows quietly to 0 for a huge w (where w * w overflows)
        return 0.5 / w + r * (1.0 / 12.0 - r * (1.0 / 120.0 - r / 252.0))

    out[big] = np.log1p((b2 - b1) / b1) - tail(b2) + tail(b1)
    out[~big] = digamma(w2[~big]) - digamma(w1[~big])
    return out


def _asa_given_wait_stride(
    x: FloatArray, y: FloatArray, width: FloatArray, span: FloatArray
) -> FloatArray:
    """The series of ``_asa_given_wait_series`` on a stride of 1/64 of its width from
    ``N = 0``, with the Euler-Maclaurin end corrections at ``N = 0``:
    ``sum_N f(N) = h sum_k f(kh) - (h-1)/2 f(0) + (h^2-1)/12 f'(0)`` up to ``h^4 f'''``.

    Log-terms ``N log(x/s) - [(s+N+1/2) log1p(N/s) - N] - [c(s+N) - c(s)]`` (``s = y+1``,
    ``c`` the Stirling remainder) keep their digits for any ``y``; at most about 4,000 points.
    """
    h = np.maximum(np.floor(width / 64.0), 1.0)
    count = int(np.ceil(np.max(span / h))) + 2
    grid = h[:, None] * np.arange(count)[None, :]
    s = y + 1.0
    sg = s[:, None]
    with np.errstate(under="ignore"):
        log_t = (
            grid * np.log(x / s)[:, None]
            - ((sg + grid + 0.5) * np.log1p(grid / sg) - grid)
            - (_stirling_corr(sg + grid) - _stirling_corr(s)[:, None])
        )
        top = log_t.max(axis=1)
        wts = np.exp(log_t - top[:, None])
        f0 = np.exp(-top)  # the N = 0 term, t_0 = 1, on the same scale
    harmonic = _digamma_step(y, grid)
    w2 = y + 2.0
    # d/dN log t_N at 0: log x - psi(y + 2), with log w - psi(w) ~ 1/(2w) + 1/(12 w^2)
    slope = -np.log(w2 / x) + np.where(
        w2 > 10.0,
        0.5 / w2 + (1.0 / w2) ** 2 / 12.0,
        np.log(np.minimum(w2, 10.0)) - digamma(np.minimum(w2, 10.0)),
    )
    h0 = 1.0 / (y + 1.0)
    s0 = h * wts.sum(axis=1) - (h - 1.0) / 2.0 * f0 + (h * h - 1.0) / 12.0 * f0 * slope
    s1 = (
        h * (wts * harmonic).sum(axis=1)
        - (h - 1.0) / 2.0 * f0 * h0
        + (h * h - 1.0) / 12.0 * f0 * (slope * h0 + polygamma(1, w2))
    )
    return s1 / s0


def _asa_given_wait_bell(
    x: FloatArray, y: FloatArray, peak: FloatArray, sigma: FloatArray
) -> FloatArray:
    """The series of ``_asa_given_wait_series`` on a stride over its bell-shaped peak.

    Log-terms are taken relative to the term at ``P = floor(peak)``, ``d log(x/s) -
    [(s+d+1/2) log1p(d/s) - d] - [c(s+d) - c(s)]`` with ``s = y + P + 1`` (``c`` the
    Stirling remainder), which stays finite and exact for any ``x`` (``N log x`` alone
    overflows for a load of 1e300).
    """
    step = np.maximum(np.floor(sigma / 8.0), 1.0)
    half = int(np.ceil(np.max(40.0 * sigma / step)))
    base = np.floor(peak)
    grid = base[:, None] + step[:, None] * np.arange(-half, half + 1)[None, :]
    grid = np.maximum(grid, 0.0)  # never reached: the peak is more than 40 widths above 0
    d = grid - base[:, None]
    s = y + base + 1.0
    sg = s[:, None]
    log_t = (
        d * np.log(x / s)[:, None]
        - ((sg + d + 0.5) * np.log1p(d / sg) - d)
        - (_stirling_corr(sg + d) - _stirling_corr(s)[:, None])
    )
    with np.errstate(under="ignore"):
        w = np.exp(log_t - log_t.max(axis=1, keepdims=True))
    harmonic = _digamma_step(y, grid)
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
        "approximate": np.zeros(shape, dtype=bool),
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
    patience = _bounded_patience(lam, aht, n, patience)
    lines, truncated = _effective_lines(lam, aht, n, patience, lines)
    r["approximate"] = (a > MAX_EXACT_AGENTS) | (n > MAX_EXACT_AGENTS) | truncated
    log_e = _log_erlang_b(n, a)
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


def _bounded_patience(
    lam: FloatArray, aht: FloatArray, n: FloatArray, patience: FloatArray
) -> FloatArray:
    """Patience shortened where ``x = lam * patience`` or ``y = n * patience / aht`` would
    pass 1e300 (and overflow in the Erlang A sums). Abandoning then takes longer than 1e300
    arrivals or services: the metrics do not change in double precision."""
    with np.errstate(over="ignore", divide="ignore"):
        most = np.minimum(1e300 / lam, 1e300 * (aht / np.maximum(n, 1.0)))
    return np.where(np.isfinite(patience), np.minimum(patience, most), patience)


def _effective_lines(
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


def _erlang_c_from_b(
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
    log_a0, q, one_minus_q = _kummer_a(x, y, with_q=True, fast=fast)
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
        m_wait = _asa_given_wait_series(x, y) * pat_i
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
    ratio = big[p_big > _TINY]
    if ratio.size:
        with np.errstate(under="ignore"):
            late = (
                p_wait[ratio]
                * (y[ratio] / x[ratio])
                * gammainc(y[ratio] + 1.0, x_t[ratio])
                / p_big[p_big > _TINY]
            )
        out[ratio] = np.minimum(late, p_wait[ratio])
    rest = np.ones(x.size, dtype=bool)
    rest[ratio] = False
    ri = np.flatnonzero(rest)
    if ri.size:
        xr, yr, tr = x[ri], y[ri], theta_t[ri]
        log_a1t, _, _ = _kummer_a(x_t[ri], yr + 1.0, with_q=False, fast=fast)
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
    patience = _bounded_patience(lam, aht, n, patience)
    x = lam * patience
    y = n * (patience / aht)
    need_q = sl_floor is not None or not upper.keys() <= {"p_wait"}
    log_a0, q, one_minus_q = _kummer_a(x, y, with_q=need_q, fast=True)
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
        m_wait = _asa_given_wait_series(x[live], y[live]) * patience[live]
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


@dataclass(frozen=True, eq=False)
class Requirement:
    """Fewest agents per interval that meet the targets (:func:`required_staffing`).

    Attributes
    ----------
    agents : ndarray of float
        Whole numbers of agents, in the broadcast shape (float, so that any finite load has
        an answer; above 2**53 the nearest number a float holds). [agents]
    approximate : ndarray of bool
        True where the load or the answer exceeds ``kcc.config.MAX_EXACT_AGENTS`` (or more
        than 10,000 waiting places matter with ``lines``): found with the large-system
        route, finite and monotone but not checked to the exact engine's accuracy.
    """

    agents: FloatArray
    approximate: NDArray[np.bool_]


#: Agent counts kept as int64 (``required_agents``, ``kcc.staffing``) saturate here: only an
#: absurd load (flagged ``approximate``) gets near it.
INT_AGENTS_CEILING: Final[float] = float(2**62)


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
    """Fewest agents per interval that meet every given target, as int64.

    :func:`required_staffing` without the ``approximate`` flag; an answer above 2**62
    agents (a load no queue has) saturates there. Arguments, errors and notes as there.

    Returns
    -------
    ndarray of int64
        Agents per element (broadcast shape).
    """
    need = required_staffing(
        calls,
        interval_s,
        aht_s,
        answer_time_s,
        target_service_level=target_service_level,
        target_asa_s=target_asa_s,
        max_p_wait=max_p_wait,
        max_abandon=max_abandon,
        max_occupancy=max_occupancy,
        patience_s=patience_s,
        lines=lines,
    )
    return np.minimum(need.agents, INT_AGENTS_CEILING).astype(np.int64)


def required_staffing(
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
) -> Requirement:
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
    Requirement
        ``agents`` per element (broadcast shape) and where they are ``approximate``. Zero
        calls need 0 agents. Erlang C always returns more agents than the load. Erlang A is searched from 0 agents up, so with
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

    The work per element is bounded whatever the load: Erlang C takes at most 256 single
    steps (a load above ``kcc.config.MAX_EXACT_AGENTS`` none) and then gallops and bisects
    like Erlang A; every evaluation costs a bounded number of operations, so a load of
    1e300 is staffed about as fast as one of 100. Answers above ``MAX_EXACT_AGENTS`` are
    flagged ``approximate``.

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
    result = np.zeros(size)
    flags = np.zeros(size, dtype=bool)
    busy = np.flatnonzero(a > 0)
    if busy.size == 0:
        return Requirement(result.reshape(shape), flags.reshape(shape))
    lam_b, h_b, t_b, p_b, k_b = lam[busy], h[busy], t[busy], p[busy], k[busy]
    a_b = np.minimum(a[busy], _N_MAX)
    tg = {name: v[busy] for name, v in tgt.items()}
    erlang_c = np.isinf(p_b) & np.isinf(k_b)
    # more agents than the load: floor(a) + 1, or the next float where a has no fraction
    lower = np.where(erlang_c, np.maximum(np.floor(a_b) + 1.0, np.nextafter(a_b, np.inf)), 0.0)
    if "max_occupancy" in tg:
        with np.errstate(over="ignore"):
            occ_floor = np.ceil(a_b / tg["max_occupancy"] * (1.0 - _TARGET_RTOL))
        lower = np.where(erlang_c, np.maximum(lower, occ_floor), lower)
    lower = np.minimum(lower, _N_MAX)
    cap = np.minimum(np.where(np.isinf(k_b), np.inf, k_b), _N_MAX)
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
    # B(n+1) = a B(n) / (n + 1 + a B(n)) -- a few flops per step instead of a new B(n, a);
    # still short after _C_STEPS steps, or beyond the exact range: gallop and bisect below
    answer = np.full(busy.size, -1.0)
    ci = np.flatnonzero(erlang_c)
    c_left = np.zeros(0, dtype=np.intp)
    c_fail = np.zeros(0)
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
        for step_no in range(_C_STEPS + 1):
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
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
            leave = ~ok & ((a_a > MAX_EXACT_AGENTS) | (step_no == _C_STEPS))
            if np.any(leave):
                c_left = np.concatenate([c_left, ci[act[leave]]])
                c_fail = np.concatenate([c_fail, n_a[leave]])
            keep = ~ok & ~leave
            if not np.any(keep):
                break
            act, n_a, a_a, e_a, tt_a, h_a = (v[keep] for v in (act, n_a, a_a, e_a, tt_a, h_a))
            sel = ci[act]
            n_a = n_a + 1.0
            e_a = a_a * e_a / (n_a + a_a * e_a)

    # Erlang A and lines: gallop from a guess (the Erlang C answer where known, else the
    # load), then bisect; invariant "lo fails or is below the lower bound, hi meets"
    oi = np.flatnonzero((answer < 0) & ~erlang_c)
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
            guess[oi] = required_staffing(lam_b[oi], 1.0, h_b[oi], t_b[oi], **c_targets).agents
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
        while down.size:  # gallop down while the targets still hold (steps double: bounded)
            # steps of at least the float spacing: a huge staffing moves at once
            cand = np.maximum(hi[down] - np.maximum(step[down], np.spacing(hi[down])), lower[down])
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
        step[up] = np.maximum(np.ceil(np.sqrt(a_b[up])), np.spacing(lo[up]))
        # Erlang A: first try the Erlang C answer (usually met), then doubling steps
        lean_up = up[lean_model[up]]
        first_step = np.maximum(c_answer[lean_up] - lo[lean_up], 1.0)
        step[lean_up] = np.minimum(first_step, step[lean_up])
    else:
        up = np.zeros(0, dtype=np.intp)
        step = np.ones(busy.size)
    if c_left.size:  # Erlang C still short: gallop up from the last level that failed
        lo[c_left] = c_fail
        step[c_left] = np.maximum(np.ceil(np.sqrt(a_b[c_left])), np.spacing(c_fail))
        up = np.concatenate([up, c_left])
    for _ in range(2_100):  # gallop up until they hold (or every line is staffed)
        if up.size == 0:
            break
        at_cap = lo[up] >= cap[up]
        hi[up[at_cap]] = cap[up[at_cap]]
        up = up[~at_cap]
        if up.size == 0:
            break
        # at least the next float: a step below the float spacing would not move
        cand = np.minimum(np.maximum(lo[up] + step[up], np.nextafter(lo[up], np.inf)), cap[up])
        ok_u = meets(up, cand)
        hi[up[ok_u]] = cand[ok_u]
        lo[up[~ok_u]] = cand[~ok_u]
        step[up] *= 2.0
        up = up[~ok_u]
    hi[up] = cap[up]  # beyond every float (a target no staffing meets): the largest tried
    si = np.concatenate([oi, c_left])
    act = si[hi[si] - lo[si] > 1]
    while act.size:  # bisect "fails | meets" (halving: bounded)
        mid = np.floor(lo[act] + (hi[act] - lo[act]) / 2.0)
        moved = (mid > lo[act]) & (mid < hi[act])  # no float between: hi is the answer
        act = act[moved]
        mid = mid[moved]
        if act.size == 0:
            break
        ok_m = meets(act, mid)
        hi[act] = np.where(ok_m, mid, hi[act])
        lo[act] = np.where(ok_m, lo[act], mid)
        act = act[hi[act] - lo[act] > 1]
    answer[si] = hi[si]
    if oi.size:
        one = oi[lean_model[oi] & (answer[oi] == 1.0)]
        if one.size:
            answer[one[meets(one, np.zeros(one.size))]] = 0.0
    result[busy] = answer
    _, cut = _effective_lines(lam_b, h_b, answer, p_b, k_b)
    flags[busy] = (a_b > MAX_EXACT_AGENTS) | (answer > MAX_EXACT_AGENTS) | cut
    return Requirement(result.reshape(shape), flags.reshape(shape))
