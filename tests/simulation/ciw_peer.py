"""The live queue of the plan check, simulated again in ciw: an independent engine checking
``kcc.simulation.simulate_live`` (the test beside it and ``benchmarks/bench_simulation.py``).

ciw [1]_ is a test dependency (``requirements-dev.txt``), not the app's. The model is the one
the plan check simulates for phone, built from ciw's own parts:

* arrivals: a Poisson process whose rate is constant within each interval (``volume / interval``),
  drawn by ``PiecewisePoisson``, a ``ciw.dists.Distribution`` whose ``sample(t)`` walks the
  pieces from ``t``: an exponential amount of the integrated rate is used up piece by piece, which
  is exact for a piecewise-constant rate (``draw_arrivals`` places a Poisson count per interval
  uniformly instead: the same process drawn another way);
* handle times: exponential with the mean ``aht_s`` of the interval the contact arrived in
  (``IntervalExponential``);
* patience: ``ciw.dists.Exponential`` reneging, when the plan uses Erlang A;
* agents: a ``ciw.Schedule`` with the agents per interval, FIFO service.

ciw's own shift change replaces every server at each change of the schedule: the busy ones finish
their customer and leave, and the new shift's full count starts at once beside them
(``preemption=False``), or the customers in service go back to the head of the line
(``"resume"``). Neither is the plan check's rule, under which an agent stays on the phone across a
boundary while on duty and only the agents going off duty finish the call in hand, so both give
more or less capacity at every boundary than the roster has (``handover="ciw"`` and ``"resume"``
run them for comparison). ``HandoverNode`` applies the plan check's rule in ciw: agent ``k`` (the
``k``-th server) is on duty in interval ``i`` when ``servers[i] > k``; an agent off duty takes no
new customer and finishes the one in hand.

References
----------
.. [1] G. I. Palmer, V. A. Knight, P. R. Harper and A. L. Hawa, "Ciw: An open-source discrete
   event simulation library", Journal of Simulation 13(1), 2019, https://ciw.readthedocs.io
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

import ciw
import numpy as np
from numpy.typing import NDArray

#: How a shift change treats the agents of the interval before it.
HANDOVERS = ("plan", "ciw", "resume")


class PiecewisePoisson(ciw.dists.Distribution):
    """Inter-arrival times of a Poisson process with a constant rate in each interval.

    Parameters
    ----------
    volume : ndarray
        Expected arrivals per interval. [contacts]
    interval_s : float
        Interval length. [s]
    """

    def __init__(self, volume: NDArray[np.float64], interval_s: float) -> None:
        self.rate = (np.clip(np.nan_to_num(np.asarray(volume, float)), 0.0, None) / interval_s).tolist()
        self.interval_s = interval_s

    def sample(self, t: float | None = None, ind: Any = None) -> float:
        """The time from ``t`` to the next arrival; ``inf`` when none comes before the end. [s]"""
        now = float(t or 0.0)
        need = random.expovariate(1.0)  # integrated rate until the next arrival
        i = int(now // self.interval_s)
        moment = now
        while i < len(self.rate):
            end = (i + 1) * self.interval_s
            have = self.rate[i] * (end - moment)
            if have >= need:
                return moment + need / self.rate[i] - now
            need -= have
            moment, i = end, i + 1
        return math.inf


class IntervalExponential(ciw.dists.Distribution):
    """Exponential handle time with the mean of the interval the contact arrived in.

    Parameters
    ----------
    aht_s : ndarray
        Mean handle time per interval. [s]
    interval_s : float
        Interval length. [s]
    """

    def __init__(self, aht_s: NDArray[np.float64], interval_s: float) -> None:
        mean = np.asarray(aht_s, float)
        self.mean_s = np.where(np.isfinite(mean) & (mean > 0), mean, 0.0).tolist()
        self.interval_s = interval_s

    def sample(self, t: float | None = None, ind: Any = None) -> float:
        """A handle time for ``ind``. [s]"""
        mean = self.mean_s[min(int(ind.arrival_date // self.interval_s), len(self.mean_s) - 1)]
        return random.expovariate(1.0 / mean) if mean > 0 else 0.0


class HandoverNode(ciw.Node):
    """A ciw service node whose scheduled servers keep their customers across a shift change.

    All ``max(servers)`` servers exist from the start; ``on_duty`` of them, the first ones, take
    customers. A server off duty finishes the customer in hand and takes no new one; one coming on
    duty while still busy carries on. A new customer goes to the agent on duty who has been idle
    longest, as the plan check's agents wait in line for the next call. ciw's own counters see a
    constant count of servers.
    """

    def __init__(self, id_: int, simulation: ciw.Simulation) -> None:
        super().__init__(id_, simulation)
        self.on_duty = int(self.c)
        self.c = len(self.servers)

    def create_starting_servers(self) -> list[Any]:
        """Every server the schedule ever has on duty, from the start."""
        most = max(1, max(int(c) for c in self.schedule.numbers_of_servers))
        servers = [self.simulation.ServerType(self, k + 1, 0.0) for k in range(most)]
        for server in servers:
            server.free_since = 0.0  # [s]
        return servers

    def find_free_server(self, ind: Any) -> Any:
        """The agent on duty idle the longest, or None."""
        free = None
        for server in self.servers[:self.on_duty]:
            if not server.busy and (free is None or server.free_since < free.free_since):
                free = server
        return free

    def change_shift(self) -> None:
        """Takes the next count on duty and gives the waiting customers any idle agent on duty."""
        self.schedule.get_next_shift()
        self.next_shift_change = self.schedule.next_shift_change_date
        before, self.on_duty = self.on_duty, int(self.schedule.c)
        for server in self.servers[before:self.on_duty]:  # coming on duty: last in the idle line
            server.free_since = self.now
        self.begin_service_if_possible_change_shift()

    def begin_service_if_possible_change_shift(self) -> None:
        """Idle agents on duty take the longest waiting customers."""
        while (server := self.find_free_server(None)) is not None and self.choose_next_customer() is not None:
            super().begin_service_if_possible_release(None, server)

    def begin_service_if_possible_release(self, next_individual: Any, newly_free_server: Any) -> None:
        """A server that has just become free takes the next customer only while on duty."""
        if newly_free_server is not None and newly_free_server.id_number <= self.on_duty:
            newly_free_server.free_since = self.now
            super().begin_service_if_possible_release(next_individual, newly_free_server)


@dataclass(frozen=True, eq=False)
class PeerOutcome:
    """What happened to the contacts of one ciw run, in arrival order.

    Attributes
    ----------
    arrival_s : ndarray
        Arrival moment. [s]
    start_s : ndarray
        When an agent first took the contact; NaN when none did. [s]
    abandoned : ndarray of bool
        The contact left before an agent took it.
    """

    arrival_s: NDArray[np.float64]
    start_s: NDArray[np.float64]
    abandoned: NDArray[np.bool_]


def _schedule(servers: NDArray[np.int64], interval_s: float, preemption: bool | str) -> ciw.Schedule:
    """Agents per interval as a ciw schedule, a shift per run of equal counts."""
    counts = np.asarray(servers, np.int64)
    change = np.flatnonzero(np.diff(counts)) + 1
    ends = [*(change * interval_s).tolist(), counts.size * interval_s]
    numbers = [int(counts[0]), *counts[change].tolist()]
    return ciw.Schedule(numbers_of_servers=numbers, shift_end_dates=[float(e) for e in ends],
                        preemption=preemption)


def simulate_live_ciw(volume: NDArray[np.float64], aht_s: NDArray[np.float64],
                      servers: NDArray[np.int64], interval_s: float, patience_s: float | None,
                      seed: int, handover: str = "plan") -> PeerOutcome:
    """One seeded ciw run of the live queue (see the module).

    Parameters
    ----------
    volume : ndarray
        Expected contacts per interval. [contacts]
    aht_s : ndarray
        Mean handle time per interval. [s]
    servers : ndarray of int
        Agents on duty per interval. [agents]
    interval_s : float
        Interval length. [s]
    patience_s : float or None
        Mean patience; None: nobody abandons. [s]
    seed : int
        ``ciw.seed``: the same seed gives the same run.
    handover : {"plan", "ciw", "resume"}
        The plan check's rule at a shift change (``HandoverNode``), ciw's own
        (``preemption=False``), or ciw's ``"resume"``.

    Returns
    -------
    PeerOutcome
        Contacts still waiting when the last interval ends are neither answered nor abandoned.
    """
    if handover not in HANDOVERS:
        raise ValueError(f"handover must be one of {HANDOVERS}, not {handover!r}")
    end_s = float(np.asarray(servers).size * interval_s)
    network = ciw.create_network(
        arrival_distributions=[PiecewisePoisson(volume, interval_s)],
        service_distributions=[IntervalExponential(aht_s, interval_s)],
        number_of_servers=[_schedule(servers, interval_s, False if handover != "resume" else "resume")],
        **({"reneging_time_distributions": [ciw.dists.Exponential(rate=1.0 / patience_s)]}
           if patience_s else {}),
    )
    ciw.seed(seed)
    sim = ciw.Simulation(network, node_class=HandoverNode if handover == "plan" else None)
    sim.simulate_until_max_time(end_s)
    first: dict[int, tuple[float, float, bool]] = {}  # id: (arrival, first start, abandoned)
    for record in sim.get_all_records():
        arrival, start, gone = first.get(record.id_number, (record.arrival_date, math.nan, False))
        if record.record_type == "renege":
            gone = True
        elif record.service_start_date is not False and not start <= record.service_start_date:
            start = record.service_start_date
        first[record.id_number] = (arrival, start, gone)
    for ind in sim.nodes[1].all_individuals:  # still in the line or in hand at the end
        arrival, start, gone = first.get(ind.id_number, (ind.arrival_date, math.nan, False))
        began = getattr(ind, "original_service_start_date", False) or ind.service_start_date
        if began is not False and not start <= began:
            start = began
        first[ind.id_number] = (arrival, start, gone)
    rows = sorted(first.values())
    return PeerOutcome(np.array([r[0] for r in rows], float), np.array([r[1] for r in rows], float),
                       np.array([r[2] for r in rows], bool))
