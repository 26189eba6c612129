"""Erlang B/C/A engine: published values, arbitrary precision, simulation, properties."""

from __future__ import annotations

import dataclasses
import math

import mpmath as mp
import numpy as np
import pandas as pd
import pytest
import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from kcc.config import MAX_EXACT_AGENTS
from kcc.queueing import QueueMetrics, queue_metrics, required_agents, required_staffing
from kcc.queueing.backlog import fifo_backlog, fifo_finished, fifo_on_time, open_deadlines
from kcc.queueing.fluid import fluid_queue
from kcc.staffing import DeferredSpec, deferred_staffing

mp.mp.dps = 40
FIELDS = [f.name for f in dataclasses.fields(QueueMetrics)]


# --------------------------------------------------------------------------- references


def mp_erlang_c(n: int, a: float, t_over_aht: float) -> dict[str, mp.mpf]:
    """Textbook Erlang B/C at 40 digits: B = (a^n/n!) / sum_k a^k/k! via the Poisson cdf."""
    nn, aa = mp.mpf(n), mp.mpf(a)
    b = mp.exp(nn * mp.log(aa) - aa - mp.loggamma(nn + 1)) / mp.gammainc(
        nn + 1, aa, mp.inf, regularized=True
    )
    c = nn * b / (nn - aa * (1 - b))
    return {
        "erlang_b": b,
        "p_wait": c,
        "service_level": 1 - c * mp.exp(-(nn - aa) * mp.mpf(t_over_aht)),
        "asa_s": c / (nn - aa),  # in units of the handle time
    }


def mp_birth_death(
    calls: float,
    interval_s: float,
    aht_s: float,
    n: int,
    t: float,
    patience_s: float | None,
    lines: int | None = None,
) -> dict[str, mp.mpf]:
    """Sum the M/M/n(+M)(/K) chain state by state at 40 digits (no closed forms).

    A call finding ``n + k`` calls queues at position ``k+1``; it is answered with
    probability ``n mu / (n mu + (k+1) theta)`` after ``k+1`` exponential stages.
    """
    lam = mp.mpf(calls) / interval_s
    mu = 1 / mp.mpf(aht_s)
    th = mp.mpf(0) if patience_s is None else 1 / mp.mpf(patience_s)
    a = lam / mu
    below = mp.mpf(0)
    w = mp.mpf(1)
    for j in range(n, 0, -1):  # states n-1 .. 0 relative to state n
        w *= j / a
        below += w
    tt = mp.mpf(t)
    nmu = n * mu
    if th > 0:
        y = nmu / th
        f = 1 - mp.exp(-th * tt)
        pmf = mp.exp(-th * tt * (y + 1))
    else:
        pmf = mp.exp(-nmu * tt)
    cdf = pmf
    w = mp.mpf(1)
    k = 0
    tot = ab = late = wait_served = harmonic = queue_len = block = mp.mpf(0)
    queued = mp.mpf(0)
    while True:
        tot += w
        queue_len += k * w
        if lines is not None and k == lines - n:
            block = w
            break
        rate = nmu + (k + 1) * th
        harmonic += 1 / rate
        served = nmu / rate
        queued += w
        ab += w * (k + 1) * th / rate
        late += w * served * cdf
        wait_served += w * served * harmonic
        k += 1
        w *= lam / (nmu + k * th)
        pmf *= f * (k + y) / k if th > 0 else nmu * tt / k
        cdf += pmf
        if lines is None and w < mp.mpf(10) ** -40 * tot and lam < nmu + k * th:
            break
    z = below + tot
    p_ab, p_block = ab / z, block / z
    return {
        "p_wait": queued / z,
        "p_abandon": p_ab,
        "p_block": p_block,
        "service_level": 1 - p_ab - p_block - late / z,
        "asa_s": (wait_served / z) / (1 - p_ab - p_block),
        "mean_wait_all_s": queue_len / z / lam,
    }


def rel_err(value: float, ref: mp.mpf) -> float:
    if abs(ref) < mp.mpf(10) ** -300:  # below the double range: zero is the right answer
        return abs(float(value)) * 1e290
    return abs(float(value) / float(ref) - 1.0)


# --------------------------------------------------------------------------- published values


def test_pyworkforce_worked_example() -> None:
    m = queue_metrics(100, 1800, 180, [13, 14], 20)
    assert m.load_erlangs == pytest.approx([10.0, 10.0])
    assert m.service_level == pytest.approx([0.7956, 0.8884], abs=5e-5)
    assert float(m.p_wait[1]) == pytest.approx(0.1741, abs=5e-5)
    assert float(m.asa_s[1]) == pytest.approx(7.84, abs=5e-3)
    raw = required_agents(100, 1800, 180, 20, target_service_level=0.8, max_occupancy=0.85)
    assert int(raw) == 14


def test_pyworkforce_occupancy_cap_raw() -> None:
    raw = required_agents(100, 1800, 180, 20, target_service_level=0.8, max_occupancy=0.7)
    assert int(raw) == 15


def test_pyworkforce_erlang_a_case() -> None:
    m = queue_metrics(100, 1800, 180, 14, 20, patience_s=300)
    assert float(m.p_wait) == pytest.approx(0.14526, abs=5e-6)
    assert float(m.p_abandon) == pytest.approx(0.013984, abs=5e-7)
    assert float(m.occupancy) == pytest.approx(0.704297, abs=5e-7)
    assert float(m.service_level) == pytest.approx(0.916792, abs=5e-7)


def test_twenty_erlangs() -> None:
    m = queue_metrics(400, 3600, 180, 25, 20)
    assert float(m.load_erlangs) == pytest.approx(20.0)
    assert float(m.erlang_b) == pytest.approx(0.0502, abs=5e-5)
    assert float(m.p_wait) == pytest.approx(0.2091, abs=5e-5)
    assert int(required_agents(400, 3600, 180, 60, target_service_level=0.8)) == 23


def test_960_erlangs_needs_971() -> None:
    calls = 960 * 3600 / 180
    assert int(required_agents(calls, 3600, 180, 20, target_service_level=0.8)) == 971


# --------------------------------------------------------------------------- arbitrary precision


def test_erlang_b_c_match_mpmath_up_to_10000_agents() -> None:
    rng = np.random.default_rng(7)
    ns = np.unique(np.round(np.exp(rng.uniform(0.0, math.log(10_000), 50))).astype(int))
    ns = np.concatenate([ns, [1, 2, 170, 171, 10_000, 10_000]])
    frac = rng.uniform(0.01, 1.0, ns.size)
    frac[-3:] = 0.9999
    a = ns * np.minimum(frac, 0.9999)
    t_over_aht = 20 / 300
    m = queue_metrics(a, 300.0, 300.0, ns, 20.0)  # calls = load when interval = aht
    for i, (n, ai) in enumerate(zip(ns, a, strict=True)):
        ref = mp_erlang_c(int(n), float(ai), t_over_aht)
        for key in ("erlang_b", "p_wait", "service_level"):
            assert rel_err(getattr(m, key)[i], ref[key]) < 1e-9, (key, n, ai)
        assert rel_err(m.asa_s[i] / 300.0, ref["asa_s"]) < 1e-9, ("asa_s", n, ai)


def test_erlang_a_matches_state_by_state_sum() -> None:
    rng = np.random.default_rng(11)
    for _ in range(25):
        n = int(rng.integers(1, 120))
        aht = float(rng.uniform(60, 600))
        patience = float(math.exp(rng.uniform(math.log(5), math.log(3000))))
        load = n * float(rng.uniform(0.2, 1.6))  # Erlang A is stable above the load too
        calls = load * 1800 / aht
        t = float(rng.uniform(0, 60))
        m = queue_metrics(calls, 1800, aht, n, t, patience_s=patience)
        ref = mp_birth_death(calls, 1800, aht, n, t, patience)
        for key in ("p_wait", "p_abandon", "asa_s", "mean_wait_all_s"):
            assert rel_err(getattr(m, key), ref[key]) < 1e-9, (key, n, load, patience)
        # service level = (answered) - (answered late): relative in its own scale
        assert abs(float(m.service_level) - float(ref["service_level"])) < 1e-9 * max(
            float(ref["service_level"]), 1e-2
        )


@pytest.mark.parametrize("patience", [None, 240.0])
@pytest.mark.parametrize(("n", "lines"), [(5, 5), (5, 9), (12, 30), (3, 40)])
def test_lines_match_state_by_state_sum(n: int, lines: int, patience: float | None) -> None:
    calls, aht = 160.0, 200.0  # load 17.8 Erlang: heavy blocking in every case
    m = queue_metrics(calls, 1800, aht, n, 20, patience_s=patience, lines=lines)
    ref = mp_birth_death(calls, 1800, aht, n, 20, patience, lines=lines)
    for key in ("p_wait", "p_block", "service_level", "asa_s", "mean_wait_all_s", "p_abandon"):
        if float(ref[key]) == 0:
            assert float(getattr(m, key)) == 0
        else:
            assert rel_err(getattr(m, key), ref[key]) < 1e-9, key


def test_lines_equal_agents_is_erlang_b() -> None:
    m = queue_metrics(400, 3600, 180, 25, 20, lines=25)
    assert float(m.p_block) == pytest.approx(float(m.erlang_b), rel=1e-12)
    assert float(m.p_wait) == 0.0


def test_many_lines_is_erlang_c_and_a() -> None:
    for patience in (None, 300.0):
        free = queue_metrics(100, 1800, 180, 14, 20, patience_s=patience)
        capped = queue_metrics(100, 1800, 180, 14, 20, patience_s=patience, lines=400)
        for key in ("p_wait", "service_level", "asa_s", "p_abandon", "occupancy"):
            assert float(getattr(capped, key)) == pytest.approx(
                float(getattr(free, key)), rel=1e-10
            )


# --------------------------------------------------------------------------- simulation


def simulate_erlang_a(
    lam: float, aht: float, patience: float, n: int, t_answer: float, calls: int, seed: int
) -> dict[str, np.ndarray]:
    """FIFO M/M/n+M with simpy; returns per-call flags for batch-means intervals."""
    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=n)
    waited = np.zeros(calls)
    answered = np.zeros(calls, dtype=bool)

    def caller(i: int) -> simpy.events.ProcessGenerator:
        arrive = env.now
        with agents.request() as req:
            result = yield req | env.timeout(rng.exponential(patience))
            waited[i] = env.now - arrive
            if req in result:
                answered[i] = True
                yield env.timeout(rng.exponential(aht))

    def source() -> simpy.events.ProcessGenerator:
        for i in range(calls):
            env.process(caller(i))
            yield env.timeout(rng.exponential(1 / lam))

    env.process(source())
    env.run()
    return {
        "p_wait": waited > 0,
        "p_abandon": ~answered,
        "service_level": answered & (waited <= t_answer),
    }


def test_erlang_a_within_simulation_confidence_interval() -> None:
    lam, aht, patience, n, t_answer = 5.0, 1.0, 2.0, 5, 0.2  # at the load: abandonment matters
    flags = simulate_erlang_a(lam, aht, patience, n, t_answer, calls=40_000, seed=20240601)
    m = queue_metrics(lam * 100, 100, aht, n, t_answer, patience_s=patience)
    warm = 2_000
    for key, series in flags.items():
        batches = series[warm:].reshape(38, -1).mean(axis=1)  # batch means: 38 x 1000 calls
        mean = batches.mean()
        half = 3.5 * batches.std(ddof=1) / math.sqrt(batches.size)  # ~99.9% two-sided
        assert abs(mean - float(getattr(m, key))) < half, (key, mean, float(getattr(m, key)), half)


# --------------------------------------------------------------------------- edge cases


def test_unstable_erlang_c_is_flagged_not_raised() -> None:
    m = queue_metrics([100, 100, 100], 1800, 180, [9, 10, 11], 20)
    assert m.feasible.tolist() == [False, False, True]
    assert m.service_level[:2].tolist() == [0.0, 0.0]
    assert np.isinf(m.asa_s[:2]).all()
    for name in FIELDS:
        assert not np.isnan(np.asarray(getattr(m, name), dtype=float)).any(), name


def test_never_nan_over_a_wide_grid() -> None:
    calls = np.array([0.0, 1e-6, 0.5, 10, 1e3, 1e5])[:, None, None]
    agents = np.array([0, 1, 2, 50, 1000, 10_000])[None, :, None]
    patience = np.array([np.inf, 1e6, 120.0, 1.0, 0.0])[None, None, :]
    for lines in (None, 10_000):
        m = queue_metrics(calls, 900, 300, agents, 20, patience_s=patience, lines=lines)
        for name in FIELDS:
            arr = np.asarray(getattr(m, name), dtype=float)
            assert arr.shape == (6, 6, 5)
            assert not np.isnan(arr).any(), (name, lines)
        probs = np.stack([m.p_wait, m.service_level, m.p_abandon, m.p_block, m.occupancy])
        assert (probs >= 0).all() and (probs <= 1 + 1e-12).all()


def test_zero_volume_needs_zero_agents() -> None:
    n = required_agents([0, 0, 10], 900, 300, 20, target_service_level=0.8, patience_s=60)
    assert n.tolist()[:2] == [0, 0]
    m = queue_metrics(0, 900, 300, 0, 20)
    assert float(m.service_level) == 1.0 and float(m.asa_s) == 0.0 and float(m.occupancy) == 0.0


def test_erlang_c_staffs_above_the_load() -> None:
    n = required_agents(np.linspace(1, 500, 50), 900, 300, 20, max_p_wait=1.0)
    a = np.linspace(1, 500, 50) * 300 / 900
    assert (n > a).all() and (n - 1 <= a).all()


def test_erlang_a_can_staff_below_the_load() -> None:
    # 100 Erlang, callers hang up after 30 s on average: 80/20 needs fewer than 100 agents
    calls = 100 * 900 / 300
    n = int(required_agents(calls, 900, 300, 20, target_service_level=0.8, patience_s=30))
    assert n < 100
    m = queue_metrics(calls, 900, 300, [n - 1, n], 20, patience_s=30)
    assert m.service_level[1] >= 0.8 > m.service_level[0]


def test_required_agents_is_minimal_for_each_target() -> None:
    rng = np.random.default_rng(3)
    calls = rng.uniform(1, 2000, 300)
    aht = rng.uniform(60, 900, 300)
    patience = np.where(rng.random(300) < 0.5, np.inf, rng.uniform(10, 900, 300))
    kwargs = {"target_service_level": 0.8, "target_asa_s": 30.0, "max_abandon": 0.05}
    for name, value in kwargs.items():
        n = required_agents(calls, 1800, aht, 20, patience_s=patience, **{name: value})
        field = {
            "target_service_level": "service_level",
            "target_asa_s": "asa_s",
            "max_abandon": "p_abandon",
        }[name]
        at = getattr(queue_metrics(calls, 1800, aht, n, 20, patience_s=patience), field)
        below = getattr(
            queue_metrics(calls, 1800, aht, np.maximum(n - 1, 0), 20, patience_s=patience), field
        )
        # Erlang C's floor is "more agents than the load"; otherwise n - 1 misses the target
        tight = (n > 0) & ~(np.isinf(patience) & (n - 1 <= calls * aht / 1800))
        if name == "target_service_level":
            assert (at >= value * (1 - 1e-12)).all() and (below[tight] < value).all()
        else:
            assert (at <= value * (1 + 1e-12)).all() and (below[tight] > value).all()


ERLANG_A_TARGETS = [
    {"target_service_level": 0.8},
    {"target_asa_s": 15.0},
    {"max_abandon": 0.03},
    {"max_p_wait": 0.4},
    {"max_occupancy": 0.85},
    {"target_service_level": 0.8, "max_occupancy": 0.85},
    {"target_service_level": 0.9, "max_abandon": 0.02, "target_asa_s": 10.0},
    {"target_asa_s": 30.0, "max_occupancy": 0.9},
    {"max_p_wait": 0.3, "max_abandon": 0.05},
]


@pytest.mark.parametrize("targets", ERLANG_A_TARGETS, ids=lambda d: "+".join(d))
def test_erlang_a_search_equals_linear_scan(targets: dict[str, float]) -> None:
    # brute force: queue_metrics at every level 0..top; the answer is the fewest agents
    # from which every higher level meets the targets (the first level that meets them
    # wherever the metrics are monotone, i.e. unless occupancy is the only target, whose
    # value at zero agents is 0)
    rng = np.random.default_rng(11)
    size = 120
    calls = np.exp(rng.uniform(np.log(0.5), np.log(1500.0), size))
    aht = rng.uniform(60, 900, size)
    patience = np.exp(rng.uniform(np.log(2.0), np.log(3000.0), size))
    t = rng.uniform(0, 60, size)
    load = calls * aht / 1800
    top = int(np.max(np.ceil(load + 8 * np.sqrt(load) + 20)))
    levels = np.arange(top + 1)
    m = queue_metrics(
        calls[:, None], 1800, aht[:, None], levels[None, :], t[:, None], patience[:, None]
    )
    slack = 1 + 1e-12
    ok = np.ones(m.p_wait.shape, dtype=bool)
    bounds = {
        "target_asa_s": "asa_s",
        "max_abandon": "p_abandon",
        "max_p_wait": "p_wait",
        "max_occupancy": "occupancy",
    }
    for name, value in targets.items():
        if name == "target_service_level":
            ok &= m.service_level >= value / slack
        else:
            ok &= getattr(m, bounds[name]) <= value * slack
    assert ok[:, -1].all()  # the scan reaches far enough
    holds_from_here = np.flip(np.logical_and.accumulate(np.flip(ok, axis=1), axis=1), axis=1)
    expected = np.argmax(holds_from_here, axis=1)
    if targets != {"max_occupancy": 0.85}:
        assert (expected == np.argmax(ok, axis=1)).all()
    n = required_agents(calls, 1800, aht, t, patience_s=patience, **targets)
    np.testing.assert_array_equal(n, expected)


def test_lines_cap_limits_the_answer() -> None:
    # 99% in 20 s is out of reach with 12 lines for 17.8 Erlang: best is all lines staffed
    n = required_agents(160, 1800, 200, 20, target_service_level=0.99, lines=12)
    assert int(n) == 12


def test_a_year_of_intervals_in_one_call() -> None:
    rng = np.random.default_rng(0)
    calls = rng.uniform(0, 300, 35_040)
    n = required_agents(calls, 900, 300, 20, target_service_level=0.8, max_occupancy=0.85)
    assert n.shape == (35_040,) and n.dtype == np.int64
    m = queue_metrics(calls, 900, 300, n, 20, patience_s=120)
    assert m.service_level.shape == (35_040,)


def test_broadcasting_and_frame() -> None:
    m = queue_metrics(np.array([[100.0], [200.0]]), 1800, 180, [14, 20, 30], 20)
    assert m.p_wait.shape == (2, 3)
    frame = m.to_frame()
    assert list(frame.columns) == FIELDS and len(frame) == 6
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.p_wait = m.p_wait  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"calls": -1}, "calls must be finite and >= 0"),
        ({"interval_s": 0}, "interval_s must be finite and > 0"),
        ({"aht_s": float("nan")}, "aht_s must not contain NaN"),
        ({"agents": 2.5}, "agents must be whole numbers >= 0"),
        ({"answer_time_s": -5}, "answer_time_s must be finite and >= 0"),
        ({"patience_s": -1}, "patience_s must be >= 0"),
        ({"lines": 0}, "lines must be whole numbers >= 1"),
    ],
)
def test_input_errors_name_the_field(kwargs: dict[str, float], message: str) -> None:
    args = {"calls": 100, "interval_s": 1800, "aht_s": 180, "agents": 14, "answer_time_s": 20}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        queue_metrics(**args)


def test_target_errors() -> None:
    with pytest.raises(ValueError, match="give at least one target"):
        required_agents(100, 1800, 180, 20)
    with pytest.raises(ValueError, match="target_service_level must be between 0 and 1"):
        required_agents(100, 1800, 180, 20, target_service_level=80)
    with pytest.raises(ValueError, match=r"max_occupancy must be in \(0, 1\]"):
        required_agents(100, 1800, 180, 20, max_occupancy=1.5)


# --------------------------------------------------------------------------- metamorphic

calls_st = st.floats(0.5, 3000)
aht_st = st.floats(30, 900)
patience_st = st.one_of(st.none(), st.floats(1, 3600))


@settings(max_examples=120, deadline=None)
@given(calls=calls_st, aht=aht_st, n=st.integers(0, 400), patience=patience_st, t=st.floats(0, 120))
def test_more_agents_never_hurt(
    calls: float, aht: float, n: int, patience: float | None, t: float
) -> None:
    m = queue_metrics(calls, 1800, aht, [n, n + 1], t, patience_s=patience)
    tol = 1e-12
    assert m.service_level[1] >= m.service_level[0] - tol
    assert m.asa_s[1] <= m.asa_s[0] * (1 + tol) or np.isinf(m.asa_s[0])
    assert m.p_abandon[1] <= m.p_abandon[0] + tol
    assert m.p_wait[1] <= m.p_wait[0] + tol


@settings(max_examples=60, deadline=None)
@given(
    calls=calls_st,
    extra=st.floats(0, 500),
    aht=aht_st,
    patience=patience_st,
    sl=st.floats(0.5, 0.95),
)
def test_more_volume_never_needs_fewer_agents(
    calls: float, extra: float, aht: float, patience: float | None, sl: float
) -> None:
    n = required_agents(
        [calls, calls + extra], 1800, aht, 20, target_service_level=sl, patience_s=patience
    )
    assert n[1] >= n[0]


@settings(max_examples=60, deadline=None)
@given(calls=calls_st, aht=aht_st, extra=st.integers(1, 50))
def test_infinite_patience_is_erlang_c(calls: float, aht: float, extra: int) -> None:
    load = calls * aht / 1800
    # Occupancy below 90 %: nearer the critical load the limit is slow, and a patience of 1e8
    # handling times still shortens the wait by a real 1.8e-5 at 97 % (the next test).
    n = math.floor(load / 0.9) + extra
    c = queue_metrics(calls, 1800, aht, n, 20)
    a = queue_metrics(calls, 1800, aht, n, 20, patience_s=aht * 1e8)
    for key in ("p_wait", "service_level", "asa_s"):
        assert float(getattr(a, key)) == pytest.approx(float(getattr(c, key)), rel=1e-5, abs=1e-12)


def _mm1_abandonment_asa_s(calls: float, interval_s: float, aht_s: float, patience_s: float) -> mp.mpf:
    """The mean wait of all arrivals in M/M/1+M from its birth-death chain, in mpmath: state k
    has k - 1 callers waiting, each leaving at rate 1/patience. [s]"""
    with mp.workdps(40):
        lam, mu, theta = mp.mpf(calls) / interval_s, 1 / mp.mpf(aht_s), 1 / mp.mpf(patience_s)
        weights, k = [mp.mpf(1)], 1
        while weights[-1] > mp.mpf(10) ** -50 or k < 10:
            weights.append(weights[-1] * lam / (mu + (k - 1) * theta))
            k += 1
        waiting = mp.fsum((k - 1) * w for k, w in enumerate(weights) if k >= 1)
        return waiting / mp.fsum(weights) / lam


def test_near_the_critical_load_a_huge_patience_still_shortens_the_wait() -> None:
    """At 97 % occupancy (30 calls of 58 s in half an hour on one agent) a patience of 1e8
    handling times leaves Erlang C's 1,682 s by 0.03 s: the model follows the exact chain
    there (1.0e-8 apart), rather than Erlang C."""
    exact = float(_mm1_abandonment_asa_s(30.0, 1800, 58.0, 58.0 * 1e8))
    erlang_a = float(queue_metrics(30.0, 1800, 58.0, 1, 20, patience_s=58.0 * 1e8).asa_s)
    erlang_c = float(queue_metrics(30.0, 1800, 58.0, 1, 20).asa_s)
    assert erlang_a == pytest.approx(exact, rel=1e-7)
    assert erlang_c - exact == pytest.approx(0.0303, abs=0.001)


@settings(max_examples=60, deadline=None)
@given(calls=calls_st, aht=aht_st, n=st.integers(1, 300))
def test_zero_patience_abandonment_is_erlang_b(calls: float, aht: float, n: int) -> None:
    m = queue_metrics(calls, 1800, aht, n, 20, patience_s=aht * 1e-9)
    assert float(m.p_abandon) == pytest.approx(float(m.erlang_b), rel=1e-6, abs=1e-12)


# --------------------------------------------------------------------------- any finite input

# Load from nothing to 1e300 Erlangs, handle times from a millisecond to four months: the
# maths must stay finite, warning-free and bounded in work for any of it (issue 12).
load_st = st.one_of(
    st.just(0.0), st.just(1e12), st.just(1e300), st.floats(1e-6, 1e300, allow_subnormal=False)
)
aht_any = st.floats(1e-3, 1e7)
patience_any = st.one_of(st.none(), st.just(0.0), st.floats(1e-3, 1e9))
SHARES = ("p_wait", "service_level", "sl_of_answered", "p_abandon", "p_block", "occupancy")


def _strict() -> tuple[object, object]:
    """Every numpy floating-point warning raised as an error."""
    import warnings

    catch = warnings.catch_warnings()
    catch.__enter__()
    warnings.simplefilter("error")
    return catch, np.errstate(over="raise", invalid="raise", divide="raise")


@settings(max_examples=150, deadline=None)
@given(
    load=load_st,
    aht=aht_any,
    per_load=st.floats(0.0, 3.0),
    t=st.one_of(st.just(0.0), st.floats(0.0, 1e6)),
    patience=patience_any,
)
def test_any_finite_input_gives_finite_metrics(
    load: float, aht: float, per_load: float, t: float, patience: float | None
) -> None:
    agents = [0.0, 1.0, float(np.floor(load * per_load)), float(np.floor(load)) + 1.0]
    calls = load * 900.0 / aht
    catch, errstate = _strict()
    try:
        with errstate:  # type: ignore[attr-defined]
            m = queue_metrics(calls, 900.0, aht, agents, t, patience_s=patience)
    finally:
        catch.__exit__(None, None, None)  # type: ignore[attr-defined]
    for name in FIELDS:
        assert not np.isnan(np.asarray(getattr(m, name), dtype=float)).any(), name
    for name in (*SHARES, "erlang_b"):
        arr = getattr(m, name)
        assert np.isfinite(arr).all() and (arr >= 0).all() and (arr <= 1 + 1e-12).all(), name
    # the ASA (and the mean wait) is infinite only where nobody is ever answered: an unstable
    # Erlang C queue or no agent at all
    nobody = ~m.feasible | (np.asarray(agents) == 0)
    assert np.isfinite(m.asa_s[~nobody]).all() and np.isfinite(m.mean_wait_all_s[~nobody]).all()
    beyond = (m.load_erlangs > MAX_EXACT_AGENTS) | (np.asarray(agents) > MAX_EXACT_AGENTS)
    np.testing.assert_array_equal(m.approximate, beyond)


@settings(max_examples=120, deadline=None)
@given(
    load=load_st,
    aht=aht_any,
    t=st.one_of(st.just(0.0), st.just(20.0), st.floats(0.0, 1e6)),
    patience=patience_any,
    sl=st.one_of(st.just(1e-9), st.just(1 - 1e-12), st.floats(0.01, 0.99)),
    occupancy=st.one_of(st.none(), st.just(1.0), st.floats(0.05, 1.0)),
    more=st.floats(1.0, 10.0),
)
def test_required_agents_for_any_finite_load(
    load: float,
    aht: float,
    t: float,
    patience: float | None,
    sl: float,
    occupancy: float | None,
    more: float,
) -> None:
    calls = np.array([load, min(load * more, 1e300)]) * 900.0 / aht
    targets = {"target_service_level": sl, "max_occupancy": occupancy}
    catch, errstate = _strict()
    try:
        with errstate:  # type: ignore[attr-defined]
            need = required_staffing(calls, 900.0, aht, t, patience_s=patience, **targets)
            m = queue_metrics(calls, 900.0, aht, need.agents, t, patience_s=patience)
    finally:
        catch.__exit__(None, None, None)  # type: ignore[attr-defined]
    n = need.agents
    assert np.isfinite(n).all() and (n >= 0).all() and (n == np.floor(n)).all()
    assert n[1] >= n[0]  # more volume never needs fewer agents
    # in the exact range what the search found meets the targets by the same maths
    exact = (calls > 0) & ~need.approximate
    assert (m.service_level[exact] >= sl * (1 - 1e-9)).all()
    if occupancy is not None:
        assert (m.occupancy[exact] <= occupancy * (1 + 1e-9)).all()
    beyond = (calls * aht / 900.0 > MAX_EXACT_AGENTS) | (n > MAX_EXACT_AGENTS)
    np.testing.assert_array_equal(need.approximate, beyond)
    as_int = required_agents(calls, 900.0, aht, t, patience_s=patience, **targets)
    assert as_int.dtype == np.int64
    np.testing.assert_array_equal(as_int, np.minimum(n, 2.0**62).astype(np.int64))


@pytest.mark.parametrize("patience", [None, 120.0])
def test_huge_loads_staff_like_square_root_staffing(patience: float | None) -> None:
    # 0, 1e12 and 1e300 calls in one call: no stall, flagged approximate beyond the cap, and
    # the answers of the large-system limits: Erlang C staffs the load plus a margin of order
    # sqrt(load) (Halfin-Whitt); Erlang A with 120 s patience the fluid level at which the
    # queue's wait is the 20 s threshold, load * exp(-20 / 120) (answering 85% > 80%)
    calls = np.array([0.0, 100.0, 1e12, 1e300])
    need = required_staffing(calls, 900.0, 300.0, 20.0, target_service_level=0.8,
                             patience_s=patience)
    load = calls * 300.0 / 900.0
    assert need.agents[0] == 0 and need.approximate.tolist() == [False, False, True, True]
    if patience is None:
        assert 0 < need.agents[2] - load[2] < 10 * np.sqrt(load[2])
        assert need.agents[3] == pytest.approx(load[3], rel=1e-12)
    else:
        assert need.agents[2:] == pytest.approx(load[2:] * math.exp(-20 / 120), rel=1e-3)
    m = queue_metrics(calls, 900.0, 300.0, [0.0, 40.0, 10.0, 10.0], 20.0, patience_s=patience)
    # a handful of agents against an absurd load: almost nobody answered in time
    assert (m.service_level[2:] < 1e-6).all() and m.approximate.tolist()[2:] == [True, True]


# --------------------------------------------------------------------------- at the cap

BOUNDARY_LOAD = 1.02 * MAX_EXACT_AGENTS  # just beyond the exact range


@pytest.mark.parametrize("beta", [0.0, 0.5, 1.5, 4.0])
def test_large_system_route_matches_mpmath_at_the_cap(beta: float) -> None:
    # stated tolerance: relative 1e-9, as the exact engine inside the cap
    n = math.floor(BOUNDARY_LOAD + beta * math.sqrt(BOUNDARY_LOAD)) + 1
    m = queue_metrics(BOUNDARY_LOAD, 300.0, 300.0, n, 20.0)
    assert bool(m.approximate)
    ref = mp_erlang_c(n, BOUNDARY_LOAD, 20 / 300)
    for key in ("erlang_b", "p_wait", "service_level"):
        assert rel_err(getattr(m, key), ref[key]) < 1e-9, (key, beta)
    assert rel_err(m.asa_s / 300.0, ref["asa_s"]) < 1e-9


def test_large_system_erlang_a_matches_the_state_by_state_sum_at_the_cap() -> None:
    # stated tolerance: relative 1e-8 (the wait sums run on a stride beyond 5,000 terms)
    load, aht, patience = BOUNDARY_LOAD, 300.0, 150.0
    for n in (int(load) - 300, int(load) + 200):
        calls = load * 1800 / aht
        m = queue_metrics(calls, 1800, aht, n, 20.0, patience_s=patience)
        assert bool(m.approximate)
        ref = mp_birth_death(calls, 1800, aht, n, 20.0, patience)
        for key in ("p_wait", "p_abandon", "asa_s", "mean_wait_all_s"):
            assert rel_err(getattr(m, key), ref[key]) < 1e-8, (key, n)
        assert abs(float(m.service_level) - float(ref["service_level"])) < 1e-8


def test_required_agents_beyond_the_cap_is_the_exact_minimum() -> None:
    calls = BOUNDARY_LOAD * 900 / 300
    need = required_staffing(calls, 900, 300, 2.0, target_service_level=0.8)
    n = int(need.agents)
    assert bool(need.approximate)
    assert float(mp_erlang_c(n, BOUNDARY_LOAD, 2 / 300)["service_level"]) >= 0.8
    assert float(mp_erlang_c(n - 1, BOUNDARY_LOAD, 2 / 300)["service_level"]) < 0.8


def test_lines_far_beyond_the_queue_are_no_limit_and_long_ones_are_cut() -> None:
    free = queue_metrics(100, 1800, 180, 14, 20, patience_s=300)
    far = queue_metrics(100, 1800, 180, 14, 20, patience_s=300, lines=10**9)
    assert float(far.p_wait) == pytest.approx(float(free.p_wait), rel=1e-12)
    assert not bool(far.approximate)
    # overloaded without abandonment, a billion lines fill up: cut to 10,000 waiting places
    full = queue_metrics(200, 1800, 180, 14, 20, lines=10**9)
    assert bool(full.approximate)
    assert float(full.p_block) == pytest.approx(1 - 14 / 20, rel=1e-6)


# --------------------------------------------------------------------------- backlog and fluid


def test_open_deadlines_count_open_time_only() -> None:
    # hourly intervals, open, open, closed, closed, open, open; a 2-hour deadline:
    # interval 0 -> end of 1; interval 1 -> its second open hour is interval 4; the closed
    # intervals wait for interval 4 and are due with it at 5; interval 5's lies beyond
    flags = np.array([True, True, False, False, True, True])
    assert open_deadlines(flags, 60, 2.0).tolist() == [1, 4, 5, 5, 5, 6]
    assert open_deadlines(flags, 60, 0.5).tolist() == [0, 1, 4, 4, 4, 5]


def test_fifo_backlog_known_values() -> None:
    # 10 and 5 units of work arrive in intervals 0 and 2, 4 can be done per interval, each
    # interval's work is due by the end of the next one. By hand: backlog 6, 2, 3, 0; finished
    # 4, 8, 12, 15; interval 0 has 8 of its 10 done by interval 1 (0.8), interval 2 all 5 by 3;
    # the middle of interval 0's work (5) is done in interval 1 and of interval 2's (12.5) in
    # interval 3: 1.5 intervals each, from the middle of the arrival interval.
    arrivals = np.array([10.0, 0.0, 5.0, 0.0])
    capacity = np.full(4, 4.0)
    deadline = np.array([1, 2, 3, 4])
    np.testing.assert_array_equal(fifo_finished(arrivals, capacity), [4.0, 8.0, 12.0, 15.0])
    on_time, inside = fifo_on_time(arrivals, np.array([4.0, 8.0, 12.0, 15.0]), deadline)
    np.testing.assert_array_equal(on_time, [8.0, 0.0, 5.0, 0.0])
    assert inside.tolist() == [True, True, True, False]
    worked = fifo_backlog(arrivals, capacity, deadline)
    np.testing.assert_array_equal(worked.backlog, [6.0, 2.0, 3.0, 0.0])
    np.testing.assert_array_equal(worked.on_time_share, [0.8, np.nan, 1.0, np.nan])
    np.testing.assert_array_equal(worked.wait_intervals, [1.5, np.nan, 1.5, np.nan])
    np.testing.assert_array_equal(worked.occupancy, [1.0, 1.0, 1.0, 0.75])


def test_fifo_backlog_beyond_the_horizon_is_unknown_unless_done() -> None:
    # the last interval's deadline lies beyond the horizon: done in time -> known, else NaN
    done = fifo_backlog(np.array([2.0, 2.0]), np.array([4.0, 4.0]), np.array([1, 2]))
    assert done.on_time_share.tolist() == [1.0, 1.0]
    late = fifo_backlog(np.array([2.0, 8.0]), np.array([4.0, 3.0]), np.array([1, 2]))
    assert late.on_time_share[0] == 1.0 and np.isnan(late.on_time_share[1])
    assert np.isnan(late.wait_intervals[1])  # its middle (2 + 4) lies past the 5 finished
    assert late.backlog.tolist() == [0.0, 5.0]


def test_deferred_staffing_meets_its_target_in_the_reverse_mode() -> None:
    # one model, both directions: the agents the forward mode staffs, played through the
    # reverse mode, finish the target share in time (the items' own work, FIFO)
    rng = np.random.default_rng(7)
    n = 96 * 5
    hour = (np.arange(n) % 96) / 4.0
    open_flags = (hour >= 8) & (hour < 18)
    arrivals = rng.poisson(6.0, n).astype(float)
    spec = DeferredSpec(handle_time_s=300.0, target_share=0.9, target_open_hours=4.0)
    work = pd.DataFrame({"ds": np.arange(n), "arrivals": arrivals, "open": open_flags})
    plan = deferred_staffing(work, spec, 15)
    capacity = plan.intervals["agents"].to_numpy(float) * 900.0 / spec.handle_time_s
    deadline = open_deadlines(open_flags, 15, spec.target_open_hours)
    worked = fifo_backlog(arrivals, capacity, deadline)
    np.testing.assert_allclose(worked.finished, plan.intervals["handled"].cumsum(), rtol=1e-9)
    inside = deadline < n
    share = np.nansum((worked.on_time_share * arrivals)[inside]) / arrivals[inside].sum()
    assert share == pytest.approx(plan.achieved_share, rel=1e-9)
    assert share >= 0.9 - 1e-12
    # the plan is level per day with a stochastic margin (issue 15), so it is not the fewest
    # agents of the fluid model; its margin shows as every item in time in the fluid replay
    assert np.nanmin(worked.on_time_share[inside]) == pytest.approx(1.0)


def test_fluid_queue_without_patience_grows_and_drains_linearly() -> None:
    # 100 contacts per 900 s, one agent at 18 s per contact: 50 per interval served,
    # then nobody arrives and the 100 waiting drain at 50 per interval
    arrivals = np.array([[100.0, 100.0, 0.0, 0.0]])
    agents = np.ones((1, 4))
    aht = np.full((1, 4), 18.0)
    out = fluid_queue(arrivals, agents, aht, 900.0, None, 20.0)
    np.testing.assert_allclose(out.backlog_end, [[50.0, 100.0, 50.0, 0.0]], atol=1e-9)
    np.testing.assert_array_equal(out.abandoned, np.zeros((1, 4)))
    # the wait q * 18 s is within 20 s only at the first sub-step of the first interval
    np.testing.assert_allclose(out.within, [[1 / 12, 0.0, 0.0, 0.0]])
    assert out.backlog_steps.shape == (1, 48)


def test_fluid_queue_with_patience_known_values() -> None:
    # nobody answers, one contact per second, patience 100 s: q(t) = 100 (1 - exp(-t / 100)),
    # and what does not wait has given up
    out = fluid_queue(np.array([[900.0]]), np.zeros((1, 1)), np.full((1, 1), 300.0), 900.0, 100.0, 20.0)
    q_end = 100.0 * (1.0 - math.exp(-9.0))
    assert out.backlog_end[0, 0] == pytest.approx(q_end, rel=1e-12)
    assert out.abandoned[0, 0] == pytest.approx(900.0 - q_end, rel=1e-12)


def test_fluid_queue_draining_with_patience_matches_a_fine_simulation() -> None:
    # a queue built up, then served and abandoning until it empties inside a sub-step:
    # an Euler simulation at 0.01 s as the independent reference
    arrivals = np.array([[1800.0, 300.0, 0.0]])
    agents = np.array([[0.0, 60.0, 60.0]])
    aht = np.full((1, 3), 120.0)
    out = fluid_queue(arrivals, agents, aht, 900.0, 200.0, 20.0)
    dt = 0.01
    q, gave_up = 0.0, np.zeros(3)
    for i in range(3):
        lam, cap = arrivals[0, i] / 900.0, agents[0, i] / 120.0
        for _ in range(int(900 / dt)):
            gave_up[i] += q / 200.0 * dt
            q = max(q + (lam - cap - q / 200.0) * dt, 0.0)
        assert out.backlog_end[0, i] == pytest.approx(q, abs=0.05)
    np.testing.assert_allclose(out.abandoned[0], gave_up, atol=0.05)
    assert out.backlog_end[0, 1] == 0.0 and out.abandoned[0, 1] > 0.0  # emptied at about 511 s
