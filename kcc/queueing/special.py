"""Special functions in log space for the queueing models.

Erlang B as ``pmf / cdf`` of a Poisson law (Stirling's series and ``log1p(t) - t``, no
factorials), the Kummer function ``A(x, y) = 1F1(1; y+1; x)`` of Erlang A, and the harmonic
series of the Erlang A wait, each with a bounded-work route for huge inputs (Gauss-Laguerre
quadrature, summing on a stride).
"""

from __future__ import annotations

import numpy as np
from scipy.special import digamma, gammainc, gammaincc, gammaln, polygamma

from kcc.queueing.results import FloatArray

__all__ = ["TINY", "asa_given_wait_series", "kummer_a", "log_erlang_b"]

_LOG_2PI = float(np.log(2.0 * np.pi))
TINY = 1e-280  # below this an incomplete gamma value is switched to its series
# Hard stop for series loops ("never hang"). Only reached for x = calls_per_s * patience_s
# beyond ~1e8 near critical load, where the remaining tail is added as a geometric bound.
_MAX_TERMS = 50_000
# Gauss-Laguerre rule for the Erlang B integral where its Poisson cdf underflows
_GL_NODES, _GL_WEIGHTS = np.polynomial.laguerre.laggauss(48)
_TERM_BUDGET = 5_000  # an Erlang A wait sum longer than this is summed on a stride


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


def log_erlang_b(n: FloatArray, a: FloatArray) -> FloatArray:
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
    good = q > TINY
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


def kummer_a(
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
    series = (p < TINY) if fast else (z <= 0.9 * (s + 1.0)) | (p < TINY)
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


def asa_given_wait_series(x: FloatArray, y: FloatArray) -> FloatArray:
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
    """The series of ``asa_given_wait_series`` on a stride of 1/64 of its width from
    ``N = 0``, with the Euler-Maclaurin end corrections at ``N = 0``:
    ``sum_N f(N) = h sum_k f(kh) - (h-1)/2 f(0) + (h^2-1)/12 f'(0)`` up to ``h^4 f'''``.

    Log-terms ``N log(x/s) - [(s+N+1/2) log1p(N/s) - N] - [c(s+N) - c(s)]`` (``s = y+1``,
    ``c`` the Stirling remainder) keep their digits for any ``y``; at most about 4,000 points.
    """
    h = np.maximum(np.floor(width / 64.0), 1.0)
    count = int(np.ceil(np.max(span / h))) + 2
    grid = h[:, None] * np.arange(count, dtype=np.float64)[None, :]
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
    """The series of ``asa_given_wait_series`` on a stride over its bell-shaped peak.

    Log-terms are taken relative to the term at ``P = floor(peak)``, ``d log(x/s) -
    [(s+d+1/2) log1p(d/s) - d] - [c(s+d) - c(s)]`` with ``s = y + P + 1`` (``c`` the
    Stirling remainder), which stays finite and exact for any ``x`` (``N log x`` alone
    overflows for a load of 1e300).
    """
    step = np.maximum(np.floor(sigma / 8.0), 1.0)
    half = int(np.ceil(np.max(40.0 * sigma / step)))
    base = np.floor(peak)
    grid = base[:, None] + step[:, None] * np.arange(-half, half + 1, dtype=np.float64)[None, :]
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
    """The series of ``asa_given_wait_series`` term by term."""
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
