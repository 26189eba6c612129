"""The carried time-varying queue of ``kcc.queueing.transient``: known values (Erlang C's
steady state), the matrix-exponential reference of ``tests.simulation.transient_reference``
(a different method, no code shared) to 1e-8 on small cases, and what a carried queue must do
that Erlang C per interval cannot. A seeded simulation of a carried day is in
``tests.simulation.test_transient_simulated``."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from kcc.queueing import queue_metrics, transient_erlang_c
from tests.simulation.transient_reference import ReferenceQueue, reference_queue


def test_at_constant_load_it_settles_at_erlang_c() -> None:
    n = 40
    got = transient_erlang_c(np.full(n, 50.0), np.full(n, 12.0), np.ones(n, dtype=bool), 900.0, 180.0, 20.0)
    steady = queue_metrics(50, 900, 180, 12, 20)
    assert got.on_time_share[-1] == pytest.approx(float(steady.service_level), abs=1e-9)
    assert got.wait_s[-1] == pytest.approx(float(steady.asa_s), abs=1e-6)
    assert got.occupancy[-1] == pytest.approx(float(steady.occupancy), abs=1e-9)
    assert got.on_time_share[0] > got.on_time_share[-1]  # it starts empty


#: Small cases for the reference, each (arrivals, agents, open flags, handle [s], answer [s],
#: start backlog). Agents are fractional where the case says so; closed intervals have none.
CASES = {
    "a few hours with an overloaded one": (
        [2.0, 3.0, 5.0, 7.0, 7.0, 5.0, 3.0, 2.0], [2.0, 2.0, 2.0, 2.0, 3.0, 2.0, 2.0, 2.0],
        [True] * 8, 300.0, 60.0, 0.0),
    "a queue carried over closing and arrivals while closed": (
        [4.0, 6.0, 8.0, 8.0, 0.5, 0.0, 1.5, 0.3, 3.0, 4.0, 3.0, 2.0],
        [2.0, 2.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0, 3.0, 3.0, 2.0, 2.0],
        [True] * 4 + [False] * 4 + [True] * 4, 300.0, 600.0, 0.0),
    "a start backlog behind arrivals before the first opening": (
        [1.0, 2.0, 4.0, 6.0, 5.0, 4.0, 0.4, 0.0], [0.0, 0.0, 2.0, 2.0, 3.0, 3.0, 0.0, 0.0],
        [False, False, True, True, True, True, False, False], 300.0, 300.0, 6.0),
    "fractional agents, none and a hair under whole": (
        [3.0, 4.0, 5.0, 4.0, 2.0, 0.0, 3.0, 2.0, 1.0, 0.8, 3.0],
        [2.6, 2.6, 1.999999999995, 1.0000001, 0.9, 2.5, 2.5, 0.0, 0.0, 0.0, 1.99],
        [True] * 7 + [False] * 3 + [True], 300.0, 20.0, 2.0),
    "no answer time and two short days": (
        [0.2, 3.0, 5.0, 4.0, 0.6, 0.1, 2.0, 6.0, 4.0, 0.0],
        [0.0, 2.0, 2.0, 2.0, 0.0, 0.0, 3.0, 2.0, 2.0, 0.0],
        [False, True, True, True, False, False, True, True, True, False], 360.0, 0.0, 1.0),
}


@cache
def _reference(case: str) -> ReferenceQueue:
    arrivals, agents, open_flags, handle_s, answer_s, backlog = CASES[case]
    return reference_queue(np.array(arrivals), np.array(agents), np.array(open_flags), 900.0, handle_s,
                           answer_s, start_items=backlog)


def _assert_same(got: object, want: object) -> None:
    """The same NaN and inf pattern and the finite figures to 1e-8 relative (1e-12 absolute
    for shares near zero)."""
    for name in ("on_time_share", "wait_s", "occupancy"):
        np.testing.assert_allclose(getattr(got, name), getattr(want, name), rtol=1e-8, atol=1e-12,
                                   err_msg=name)


@pytest.mark.parametrize("case", list(CASES))
def test_it_is_the_matrix_exponential_reference_to_1e_8(case: str) -> None:
    listed_arrivals, listed_agents, listed_open, handle_s, answer_s, backlog = CASES[case]
    arrivals, agents, open_flags = np.array(listed_arrivals), np.array(listed_agents), np.array(listed_open)
    want = _reference(case)
    got = transient_erlang_c(arrivals, agents, open_flags, 900.0, handle_s, answer_s, start_items=backlog)
    _assert_same(got, want)
    # the days only speed it up: any split into days gives the same
    n = arrivals.size
    for day in (np.zeros(n, dtype=np.int64), np.arange(n), np.arange(n) // 4):
        _assert_same(transient_erlang_c(arrivals, agents, open_flags, 900.0, handle_s, answer_s,
                                        start_items=backlog, day=day), want)


def test_the_reference_cases_cover_what_they_say() -> None:
    carried = _reference("a queue carried over closing and arrivals while closed")
    assert np.isnan(carried.on_time_share[5]) and carried.on_time_share[4] == carried.on_time_share[6]
    fractional = _reference("fractional agents, none and a hair under whole")
    assert fractional.on_time_share[4] == 0.0 and fractional.wait_s[4] == np.inf  # 0.9 agents
    assert np.isnan(fractional.on_time_share[5])  # nothing arrives
    backlog = _reference("a start backlog behind arrivals before the first opening")
    assert np.isnan(backlog.on_time_share[6])  # nothing opens after it
    assert 0.0 < backlog.on_time_share[0] < backlog.on_time_share[5] < 1.0


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
