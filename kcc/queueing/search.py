"""The agent search: the fewest agents per interval that meet the staffing targets.

:func:`required_staffing` runs one vectorised search over every element, in named steps:
check the targets, step Erlang C up from its lower bound, test a first guess for Erlang A
and ``lines``, gallop down or up to a bracket "fails | meets", bisect it. Every step moves
all elements in lock-step and its work is bounded whatever the load.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kcc.config import MAX_EXACT_AGENTS
from kcc.queueing.inputs import as_float, broadcast_inputs, check_rule
from kcc.queueing.models import effective_lines, erlang_a_meets, erlang_c_from_b, evaluate
from kcc.queueing.results import INT_AGENTS_CEILING, FloatArray, Requirement
from kcc.queueing.special import log_erlang_b

__all__ = ["required_agents", "required_staffing"]

_TARGET_RTOL = 1e-12  # a target counts as met within this relative rounding margin
_C_STEPS = 256  # single Erlang C steps before the search gallops and bisects
_N_MAX = 1e307  # largest staffing the search returns (float range, not a real answer)
_MAX_GALLOPS = 2_100  # doubling steps up: past every float, so the loop always ends

# Each target: a check of its values and the allowed range in words (for the message).
_TARGET_RULES = {
    "target_service_level": (lambda v: (v > 0) & (v < 1), "between 0 and 1 (exclusive)"),
    "target_asa_s": (lambda v: v > 0, "> 0 seconds"),
    "max_p_wait": (lambda v: (v > 0) & (v <= 1), "in (0, 1]"),
    "max_abandon": (lambda v: (v > 0) & (v <= 1), "in (0, 1]"),
    "max_occupancy": (lambda v: (v > 0) & (v <= 1), "in (0, 1]"),
}
# Upper-bound targets and the metric each one caps.
_UPPER_METRICS = (
    ("target_asa_s", "asa_s"),
    ("max_p_wait", "p_wait"),
    ("max_abandon", "p_abandon"),
    ("max_occupancy", "occupancy"),
)

Index = NDArray[np.intp]
Mask = NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class _Search:
    """One staffing search: the elements with calls, their targets and bounds (fixed).

    Every array holds one value per element with calls. ``lower`` is the first staffing
    worth testing, ``cap`` the most agents that can be busy (``lines``, else ``_N_MAX``),
    ``upper`` and ``sl_floor`` the targets with the rounding margin: a metric meets its
    target when ``metric <= upper[metric]`` and ``service_level >= sl_floor``.
    """

    lam: FloatArray  # arrival rate [1/s]
    aht: FloatArray  # [s]
    answer_s: FloatArray  # service-level threshold [s]
    patience: FloatArray  # [s], inf = nobody abandons
    lines: FloatArray  # inf = no limit
    load: FloatArray  # offered load, at most _N_MAX [Erlang]
    targets: dict[str, FloatArray]  # as given, by argument name
    erlang_c: Mask  # no abandonment and no lines
    lean_model: Mask  # plain Erlang A (0 < patience < inf, no lines)
    lower: FloatArray
    cap: FloatArray
    upper: dict[str, FloatArray]
    sl_floor: FloatArray | None
    need_asa: bool

    def check(self, m: dict[str, NDArray[Any]], sel: Index | slice) -> Mask:
        """Targets met by the metrics ``m`` of the elements ``sel``."""
        ok = np.array(m["feasible"], dtype=bool)
        if self.sl_floor is not None:
            ok &= m["service_level"] >= self.sl_floor[sel]
        for field, bound in self.upper.items():
            ok &= m[field] <= bound[sel]
        return ok

    def meets(self, sel: Index, n_try: FloatArray, log_e: FloatArray | None = None) -> Mask:
        """Targets met at ``n_try`` agents; ``log_e`` = log B(n_try, a) where known.

        Plain Erlang A elements take the lean path that computes only the metrics the
        targets need; the rest go through the full evaluation.
        """
        lean = self.lean_model[sel] & (n_try > 0)
        li: Index | slice
        if lean.all():
            li, rest = slice(None), np.empty(0, dtype=np.intp)
        else:
            li, rest = np.flatnonzero(lean), np.flatnonzero(~lean)
        ok = np.empty(sel.size, dtype=bool)
        s = sel[li]
        if s.size:
            n_l = n_try[li]
            le = log_erlang_b(n_l, self.load[s]) if log_e is None else log_e[li]
            ok[li] = erlang_a_meets(
                self.lam[s],
                self.aht[s],
                n_l,
                self.answer_s[s],
                self.patience[s],
                le,
                None if self.sl_floor is None else self.sl_floor[s],
                {field: bound[s] for field, bound in self.upper.items()},
            )
        if rest.size:
            s = sel[rest]
            m = evaluate(
                self.lam[s],
                self.aht[s],
                n_try[rest],
                self.answer_s[s],
                self.patience[s],
                self.lines[s],
                need_asa=self.need_asa,
                fast=True,
            )
            ok[rest] = self.check(m, s)
        return ok

    def meets_pair(self, sel: Index, n_try: FloatArray) -> tuple[Mask, Mask]:
        """Targets met at ``n_try - 1`` and at ``n_try`` agents (``n_try >= 1``), in one pass:
        B(n_try - 1, a) once, then B(n) = a B(n-1) / (n + a B(n-1)) in log space."""
        a_s = self.load[sel]
        le_below = log_erlang_b(n_try - 1.0, a_s)
        le_at = np.log(a_s) + le_below - np.log(n_try + a_s * np.exp(le_below))
        ok = self.meets(
            np.concatenate([sel, sel]),
            np.concatenate([n_try - 1.0, n_try]),
            np.concatenate([le_below, le_at]),
        )
        return ok[: sel.size], ok[sel.size :]


@dataclass
class _Bracket:
    """Working state of the gallops and the bisection, one value per element with calls.

    Mutated in place by the search steps. Invariant: ``lo`` fails or is below the lower
    bound, ``hi`` meets (NaN until found); ``step`` is the next gallop step up.
    """

    lo: FloatArray
    hi: FloatArray
    step: FloatArray


def _checked_targets(
    targets: dict[str, ArrayLike | None], shape: tuple[int, ...]
) -> dict[str, FloatArray]:
    """The given targets as flat float arrays of the broadcast shape, each checked.

    Raises
    ------
    ValueError
        If a target is NaN or outside its range; the message names it and the range.
    """
    checked: dict[str, FloatArray] = {}
    for name, value in targets.items():
        if value is None:
            continue
        arr = as_float(name, value)
        rule, text = _TARGET_RULES[name]
        check_rule(name, rule(arr), text)
        checked[name] = np.broadcast_to(arr, shape).ravel().astype(float)
    return checked


def _lower_bound(
    load: FloatArray, erlang_c: Mask, lean_model: Mask, targets: dict[str, FloatArray]
) -> FloatArray:
    """The first staffing worth testing per element.

    Erlang C needs more agents than the load and at least ``ceil(a / max_occupancy)``.
    Zero agents (everyone abandons or is blocked) has occupancy 0, below its value at one
    agent: the Erlang A search runs over ``n >= 1``, where every metric is monotone, and
    zero agents is the answer only where one agent meets the targets too (so that from the
    answer up the targets hold for good; see :func:`_allow_zero_agents`).
    """
    # more agents than the load: floor(a) + 1, or the next float where a has no fraction
    lower = np.where(erlang_c, np.maximum(np.floor(load) + 1.0, np.nextafter(load, np.inf)), 0.0)
    if "max_occupancy" in targets:
        with np.errstate(over="ignore"):
            occ_floor = np.ceil(load / targets["max_occupancy"] * (1.0 - _TARGET_RTOL))
        lower = np.where(erlang_c, np.maximum(lower, occ_floor), lower)
    lower = np.minimum(lower, _N_MAX)
    return np.where(lean_model, np.maximum(lower, 1.0), lower)


def _search_over(
    lam: FloatArray,
    aht: FloatArray,
    answer_s: FloatArray,
    patience: FloatArray,
    lines: FloatArray,
    load: FloatArray,
    targets: dict[str, FloatArray],
    busy: Index,
) -> _Search:
    """The search over the elements ``busy`` (those with calls), with bounds and margins."""
    lam_b, h_b, t_b, p_b, k_b = lam[busy], aht[busy], answer_s[busy], patience[busy], lines[busy]
    a_b = np.minimum(load[busy], _N_MAX)
    tg = {name: v[busy] for name, v in targets.items()}
    erlang_c = np.isinf(p_b) & np.isinf(k_b)
    lean_model = np.isinf(k_b) & (p_b > 0) & np.isfinite(p_b)
    slack = 1.0 + _TARGET_RTOL
    # targets pre-scaled by the rounding margin: metric <= upper, service level >= lower
    upper = {field: tg[name] * slack for name, field in _UPPER_METRICS if name in tg}
    sl_floor = tg["target_service_level"] / slack if "target_service_level" in tg else None
    return _Search(
        lam=lam_b,
        aht=h_b,
        answer_s=t_b,
        patience=p_b,
        lines=k_b,
        load=a_b,
        targets=tg,
        erlang_c=erlang_c,
        lean_model=lean_model,
        lower=_lower_bound(a_b, erlang_c, lean_model, tg),
        cap=np.minimum(np.where(np.isinf(k_b), np.inf, k_b), _N_MAX),
        upper=upper,
        sl_floor=sl_floor,
        need_asa="target_asa_s" in tg,
    )


def _step_erlang_c(s: _Search, answer: FloatArray) -> tuple[Index, FloatArray]:
    """Erlang C: step up one agent at a time from the lower bound; fills ``answer``.

    Uses the stable recursion ``B(n+1) = a B(n) / (n + 1 + a B(n))`` -- a few flops per
    step instead of a new ``B(n, a)``. Returns the elements still short after ``_C_STEPS``
    steps, or beyond the exact range (to gallop and bisect), and their last failing level.
    """
    ci = np.flatnonzero(s.erlang_c)
    c_left = np.zeros(0, dtype=np.intp)
    c_fail = np.zeros(0)
    if ci.size == 0:
        return c_left, c_fail
    every = ci.size == s.load.size
    n_c = s.lower[ci] if not every else s.lower.copy()
    a_c = s.load[ci] if not every else s.load
    tt_c = (s.answer_s / s.aht)[ci] if not every else s.answer_s / s.aht
    h_c = s.aht[ci] if not every else s.aht
    eb = np.exp(log_erlang_b(n_c, a_c))
    sel: Index | slice = ci if not every else slice(None)
    act = np.arange(ci.size)
    n_a, a_a, e_a, tt_a, h_a = n_c, a_c, eb, tt_c, h_c
    for step_no in range(_C_STEPS + 1):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            p_wait, sl, asa = erlang_c_from_b(n_a, a_a, e_a, tt_a)
        m = {
            "feasible": n_a > a_a,
            "service_level": sl,
            "asa_s": asa * h_a,
            "p_wait": p_wait,
            "p_abandon": np.zeros(n_a.size),
            "occupancy": a_a / n_a,
        }
        ok = s.check(m, sel)
        answer[ci[act[ok]]] = n_a[ok]
        leave = ~ok & ((a_a > MAX_EXACT_AGENTS) | (step_no == _C_STEPS))
        if np.any(leave):
            c_left = np.concatenate([c_left, ci[act[leave]]])
            c_fail = np.concatenate([c_fail, n_a[leave]])
        keep = ~ok & ~leave
        if not np.any(keep):
            break
        act = act[keep]  # indices, apart from the float arrays
        n_a, a_a, e_a, tt_a, h_a = (v[keep] for v in (n_a, a_a, e_a, tt_a, h_a))
        sel = ci[act]
        n_a = n_a + 1.0
        e_a = a_a * e_a / (n_a + a_a * e_a)
    return c_left, c_fail


def _first_guess(s: _Search, oi: Index) -> tuple[FloatArray, FloatArray]:
    """The first staffing to test for Erlang A and ``lines``, and the Erlang C answer.

    The Erlang C requirement of the same workload (else the load) is a close guess; with
    abandonment the answer is usually one below it, so plain Erlang A tests that level.
    """
    guess = np.maximum(np.ceil(s.load), 1.0)
    c_targets = {name: v[oi] for name, v in s.targets.items() if name != "max_abandon"}
    if c_targets:
        guess[oi] = required_staffing(
            s.lam[oi], 1.0, s.aht[oi], s.answer_s[oi], **c_targets
        ).agents
    c_answer = np.minimum(np.maximum(guess, s.lower), s.cap)
    guess = np.where(s.lean_model, np.maximum(c_answer - 1.0, 1.0), c_answer)
    guess = np.minimum(np.maximum(guess, s.lower), s.cap)
    return guess, c_answer


def _test_guess(s: _Search, oi: Index, guess: FloatArray, br: _Bracket) -> tuple[Index, Index]:
    """Test the guess (plain Erlang A together with the level below it, so one pass settles
    most elements) and bracket what it settles; returns the elements to gallop down (the
    guess meets) and up (it fails)."""
    pairs = s.lean_model[oi] & (guess[oi] - 1.0 >= s.lower[oi])
    pair, single = oi[pairs], oi[~pairs]
    ok_p = ok_below = np.zeros(0, dtype=bool)
    if pair.size:
        ok_below, ok_p = s.meets_pair(pair, guess[pair])
    ok_s = s.meets(single, guess[single]) if single.size else np.zeros(0, dtype=bool)
    settled = pair[ok_p & ~ok_below]  # the guess meets, one agent fewer does not
    br.hi[settled] = guess[settled]
    br.lo[settled] = guess[settled] - 1.0
    below = pair[ok_p & ok_below]  # one agent fewer meets too: gallop on down from it
    br.hi[below] = guess[below] - 1.0
    down = np.concatenate([below, single[ok_s]])
    br.hi[single[ok_s]] = guess[single[ok_s]]
    up = np.concatenate([pair[~ok_p], single[~ok_s]])
    br.lo[up] = guess[up]
    return down, up


def _gallop_down(s: _Search, down: Index, br: _Bracket) -> None:
    """Lower ``hi`` while the targets still hold, in steps 1, 1, 2, 4, ... (bounded)."""
    step = np.ones(s.load.size)
    first = np.ones(s.load.size, dtype=bool)
    while down.size:
        # steps of at least the float spacing: a huge staffing moves at once
        cand = np.maximum(
            br.hi[down] - np.maximum(step[down], np.spacing(br.hi[down])), s.lower[down]
        )
        fresh = cand < br.hi[down]
        ok_d = np.zeros(down.size, dtype=bool)
        if np.any(fresh):
            ok_d[fresh] = s.meets(down[fresh], cand[fresh])
        br.hi[down[ok_d]] = cand[ok_d]
        stop = ~ok_d
        br.lo[down[stop & fresh]] = cand[stop & fresh]
        # steps 1, 1, 2, 4, ...: the answer is usually within two of the guess
        step[down] = np.where(first[down], 1.0, step[down] * 2.0)
        first[down] = False
        down = down[ok_d]


def _first_up_steps(s: _Search, up: Index, c_answer: FloatArray, br: _Bracket) -> None:
    """First gallop step up: ``sqrt(a)``; Erlang A first tries its Erlang C answer."""
    br.step[up] = np.maximum(np.ceil(np.sqrt(s.load[up])), np.spacing(br.lo[up]))
    lean_up = up[s.lean_model[up]]
    first_step = np.maximum(c_answer[lean_up] - br.lo[lean_up], 1.0)
    br.step[lean_up] = np.minimum(first_step, br.step[lean_up])


def _gallop_up(s: _Search, up: Index, br: _Bracket) -> None:
    """Raise ``lo`` in doubling steps until the targets hold (or every line is staffed)."""
    for _ in range(_MAX_GALLOPS):
        if up.size == 0:
            break
        at_cap = br.lo[up] >= s.cap[up]
        br.hi[up[at_cap]] = s.cap[up[at_cap]]
        up = up[~at_cap]
        if up.size == 0:
            break
        # at least the next float: a step below the float spacing would not move
        cand = np.minimum(
            np.maximum(br.lo[up] + br.step[up], np.nextafter(br.lo[up], np.inf)), s.cap[up]
        )
        ok_u = s.meets(up, cand)
        br.hi[up[ok_u]] = cand[ok_u]
        br.lo[up[~ok_u]] = cand[~ok_u]
        br.step[up] *= 2.0
        up = up[~ok_u]
    br.hi[up] = s.cap[up]  # beyond every float (a target no staffing meets): the largest tried


def _bisect(s: _Search, si: Index, br: _Bracket) -> None:
    """Bisect the brackets "fails | meets" of the elements ``si`` (halving: bounded)."""
    act = si[br.hi[si] - br.lo[si] > 1]
    while act.size:
        mid = np.floor(br.lo[act] + (br.hi[act] - br.lo[act]) / 2.0)
        moved = (mid > br.lo[act]) & (mid < br.hi[act])  # no float between: hi is the answer
        act = act[moved]
        mid = mid[moved]
        if act.size == 0:
            break
        ok_m = s.meets(act, mid)
        br.hi[act] = np.where(ok_m, mid, br.hi[act])
        br.lo[act] = np.where(ok_m, br.lo[act], mid)
        act = act[br.hi[act] - br.lo[act] > 1]


def _allow_zero_agents(s: _Search, oi: Index, answer: FloatArray) -> None:
    """Zero agents where the answer is one Erlang A agent and zero meets the targets too."""
    one = oi[s.lean_model[oi] & (answer[oi] == 1.0)]
    if one.size:
        answer[one[s.meets(one, np.zeros(one.size))]] = 0.0


def _search(s: _Search) -> FloatArray:
    """The fewest agents meeting the targets, per element of the search.

    Erlang C steps up from its lower bound; Erlang A and ``lines`` gallop from a guess
    (invariant "lo fails or is below the lower bound, hi meets"), as do Erlang C elements
    still short after the single steps; then every bracket is bisected.
    """
    size = s.load.size
    answer = np.full(size, -1.0)
    c_left, c_fail = _step_erlang_c(s, answer)
    oi = np.flatnonzero((answer < 0) & ~s.erlang_c)
    br = _Bracket(lo=s.lower - 1.0, hi=np.full(size, np.nan), step=np.ones(size))
    up = np.zeros(0, dtype=np.intp)
    if oi.size:
        guess, c_answer = _first_guess(s, oi)
        down, up = _test_guess(s, oi, guess, br)
        _gallop_down(s, down, br)
        _first_up_steps(s, up, c_answer, br)
    if c_left.size:  # Erlang C still short: gallop up from the last level that failed
        br.lo[c_left] = c_fail
        br.step[c_left] = np.maximum(np.ceil(np.sqrt(s.load[c_left])), np.spacing(c_fail))
        up = np.concatenate([up, c_left])
    _gallop_up(s, up, br)
    si = np.concatenate([oi, c_left])
    _bisect(s, si, br)
    answer[si] = br.hi[si]
    if oi.size:
        _allow_zero_agents(s, oi, answer)
    return answer


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
        calls need 0 agents. Erlang C always returns more agents than the load. Erlang A is
        searched from 0 agents up, so with short patience the answer can be below the load.
        With ``lines``, where no staffing meets the targets (blocked calls count against the
        service level) the result is ``lines``, the most agents that can be busy.

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
    shape, (c, iv, h, _ag, t, p, k) = broadcast_inputs(
        calls, interval_s, aht_s, 0.0, answer_time_s, patience_s, lines
    )
    tgt = _checked_targets(targets, shape)
    lam = c / iv
    a = lam * h
    result = np.zeros(c.size)
    flags = np.zeros(c.size, dtype=bool)
    busy = np.flatnonzero(a > 0)
    if busy.size == 0:
        return Requirement(result.reshape(shape), flags.reshape(shape))
    s = _search_over(lam, h, t, p, k, a, tgt, busy)
    answer = _search(s)
    result[busy] = answer
    _, cut = effective_lines(s.lam, s.aht, answer, s.patience, s.lines)
    flags[busy] = (s.load > MAX_EXACT_AGENTS) | (answer > MAX_EXACT_AGENTS) | cut
    return Requirement(result.reshape(shape), flags.reshape(shape))
