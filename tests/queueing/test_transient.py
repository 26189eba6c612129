"""The carried time-varying queue of ``kcc.queueing.transient``: known values (Erlang C's
steady state), the slow exact reference of ``tests.simulation.transient_reference`` to 1e-9,
and what a carried queue must do that Erlang C per interval cannot."""

from __future__ import annotations

import numpy as np
import pytest

from kcc.queueing import queue_metrics, transient_erlang_c
from tests.simulation import transient_reference


def test_at_constant_load_it_settles_at_erlang_c() -> None:
    n = 40
    got = transient_erlang_c(np.full(n, 50.0), np.full(n, 12.0), np.ones(n, dtype=bool), 900.0, 180.0, 20.0)
    steady = queue_metrics(50, 900, 180, 12, 20)
    assert got.on_time_share[-1] == pytest.approx(float(steady.service_level), abs=1e-9)
    assert got.wait_s[-1] == pytest.approx(float(steady.asa_s), abs=1e-6)
    assert got.occupancy[-1] == pytest.approx(float(steady.occupancy), abs=1e-9)
    assert got.on_time_share[0] > got.on_time_share[-1]  # it starts empty


def _week(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Three days of 15-minute intervals, open 08:00-20:00, with an overloaded hour, a queue
    left at closing and arrivals while closed."""
    rng = np.random.default_rng(seed)
    slots = np.arange(3 * 96) % 96
    open_flags = (slots >= 32) & (slots < 80)
    arrivals = np.where(open_flags, rng.uniform(3.0, 11.0, slots.size), rng.uniform(0.0, 0.3, slots.size))
    agents = np.where(open_flags, rng.integers(2, 6, slots.size) + 0.6, 0.0)
    return arrivals, agents, open_flags, np.arange(slots.size) // 96


@pytest.mark.parametrize("seed", [1, 2])
def test_it_is_the_exact_reference_to_1e_9(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    arrivals, agents, open_flags, day = _week(seed)
    monkeypatch.setattr(transient_reference, "_CARRY_TOL", 0.0)  # the reference carries to the last bit
    want = transient_reference.transient_erlang_c(arrivals, agents, open_flags, 900.0, 300.0, 900.0,
                                                  start_items=4.0, day=day)
    got = transient_erlang_c(arrivals, agents, open_flags, 900.0, 300.0, 900.0, start_items=4.0, day=day)
    for name in ("on_time_share", "wait_s", "occupancy"):
        a, b = getattr(got, name), getattr(want, name)
        assert np.array_equal(np.isnan(a), np.isnan(b)), name
        assert np.array_equal(np.isinf(a), np.isinf(b)), name
        finite = np.isfinite(b)
        # shares to 1e-9; waits [s] to 1e-9 of their size
        assert np.max(np.abs(a - b)[finite] / np.maximum(np.abs(b[finite]), 1.0)) < 1e-9, name
    # the days only speed it up: one row carried interval by interval gives the same
    single = transient_erlang_c(arrivals, agents, open_flags, 900.0, 300.0, 900.0, start_items=4.0,
                                day=np.zeros(day.size, dtype=np.int64))
    assert np.nanmax(np.abs(single.on_time_share - got.on_time_share)) < 1e-9


def test_an_overloaded_interval_still_answers_in_time_what_the_next_one_drains() -> None:
    # 4.4 Erlangs on 4 agents for a quarter-hour between quiet ones: Erlang C alone says
    # nobody is answered in time; the carried queue starts the quarter nearly empty
    arrivals = np.array([4.0, 4.0, 12.0, 4.0, 4.0])
    agents = np.full(5, 4.0)
    got = transient_erlang_c(arrivals, agents, np.ones(5, dtype=bool), 900.0, 330.0, 900.0)
    assert float(queue_metrics(12.0, 900, 330, 4, 900).service_level) == 0.0
    assert got.on_time_share[2] > 0.5
    # and the queue it leaves slows the next interval below its own steady state
    assert got.on_time_share[3] < float(queue_metrics(4.0, 900, 330, 4, 900).service_level)


def test_what_arrives_while_closed_waits_for_the_opening_and_a_fraction_answers_nothing() -> None:
    arrivals = np.array([6.0, 0.0, 2.0, 2.0])
    open_flags = np.array([False, False, True, True])
    got = transient_erlang_c(arrivals, np.array([0.0, 0.0, 1.9, 1.9]), open_flags, 900.0, 300.0, 900.0)
    assert np.isnan(got.on_time_share[1])  # nothing arrived
    assert 0.0 < got.on_time_share[0] < 1.0 and 0.0 < got.on_time_share[3] < 1.0
    none = transient_erlang_c(arrivals, np.array([0.0, 0.0, 0.9, 0.9]), open_flags, 900.0, 300.0, 900.0)
    assert none.on_time_share[2] == 0.0 and none.wait_s[2] == np.inf and none.occupancy[2] == 0.0
    with pytest.raises(ValueError, match="same length"):
        transient_erlang_c(arrivals, np.ones(3), open_flags, 900.0, 300.0, 900.0)
