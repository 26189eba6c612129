"""Plans checked by a seeded discrete-event simulation (SimPy): a week of the interval plan per
channel with the roster as staffed, its service level, response-time share and abandonment
with confidence intervals next to the model's figures.

``simulate_plan`` runs the check; ``queues`` holds the simulated queues (a live queue, chat
sessions on full-speed slots and a deferred backlog), ``chat`` chat agents whose sessions slow
each other down (what the plan check uses for chat) and ``results`` the spec and result types.
"""

from __future__ import annotations

from kcc.simulation.chat import simulate_chat_sessions
from kcc.simulation.check import Progress, plan_weeks, simulate_plan
from kcc.simulation.queues import (
    Arrivals,
    Outcome,
    draw_arrivals,
    simulate_backlog,
    simulate_chat,
    simulate_live,
)
from kcc.simulation.results import (
    DAY_COLUMNS,
    RUN_COLUMNS,
    Agreement,
    SimulationError,
    SimulationResult,
    SimulationSpec,
    agreement,
)

__all__ = [
    "DAY_COLUMNS",
    "RUN_COLUMNS",
    "Agreement",
    "Arrivals",
    "Outcome",
    "Progress",
    "SimulationError",
    "SimulationResult",
    "SimulationSpec",
    "agreement",
    "draw_arrivals",
    "plan_weeks",
    "simulate_backlog",
    "simulate_chat",
    "simulate_chat_sessions",
    "simulate_live",
    "simulate_plan",
]
