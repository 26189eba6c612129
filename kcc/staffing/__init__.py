"""Staffing layer: from volumes and targets to agents, FTE, cost -- and back to KPIs.

Pure functions over tidy frames, on top of :mod:`kcc.queueing`:

* :func:`staffing_plan` -- per interval: required agents, scheduled agents with shrinkage,
  FTE hours, occupancy, cost.
* :func:`roster_kpis` and :func:`aggregate_kpis` -- reverse mode: rostered agents per
  interval to achieved KPIs per interval, and volume-weighted per day and week.
* :func:`estimate_patience` / :func:`estimate_patience_from_contacts` -- mean patience.
* :func:`chat_agents_workload` / :func:`chat_agents_queueing` -- concurrent chat sessions.
* :func:`deferred_staffing` -- e-mail, WhatsApp, back office: a FIFO backlog worked in open
  hours against "X% answered within H open hours".

Layout
------
* :mod:`kcc.staffing.voice` -- ``StaffingSpec``, ``staffing_plan``, ``roster_kpis``,
  ``aggregate_kpis``.
* :mod:`kcc.staffing.hours` -- the one formula set for agent hours, FTE and cost:
  ``paid_agents`` (shrinkage, for hours), ``head_count`` and ``scheduled_agents`` (whole
  people, where a person reads them), ``agent_hours``, ``weeks_of``, ``fte``, ``labour_cost_eur``.
* :mod:`kcc.staffing.patience` -- ``PatienceEstimate`` and the patience estimators.
* :mod:`kcc.staffing.chat` -- ``ChatSpec``, ``chat_agents_workload``, ``chat_agents_queueing``
  (the chain of :mod:`kcc.queueing.chat`).
* :mod:`kcc.staffing.chat_estimate` -- ``estimate_chat_handle_time`` and
  ``chat_estimate_from_history``: ``h1`` and ``p`` from handled chats (agent ids and times, or
  a recorded sessions column).
* :mod:`kcc.staffing.deferred` -- ``DeferredSpec``, ``DeferredPlan``, ``deferred_staffing``,
  ``queue_service`` (the service agents give a short-target channel).
"""

from kcc.staffing.chat import (
    DEFAULT_SESSION_PENALTY,
    ChatSpec,
    chat_agents_queueing,
    chat_agents_workload,
)
from kcc.staffing.chat_estimate import (
    MIN_CHATS_FOR_ESTIMATE,
    ChatHandleEstimate,
    chat_estimate_from_history,
    estimate_chat_handle_time,
)
from kcc.staffing.deferred import DeferredPlan, DeferredSpec, deferred_staffing, queue_service
from kcc.staffing.hours import (
    agent_hours,
    fte,
    head_count,
    heads_of,
    labour_cost_eur,
    paid_agents,
    rostered_hours,
    scheduled_agents,
    weeks_of,
)
from kcc.staffing.patience import (
    PatienceEstimate,
    estimate_patience,
    estimate_patience_from_contacts,
)
from kcc.staffing.voice import StaffingSpec, aggregate_kpis, roster_kpis, staffing_plan

__all__ = [
    "DEFAULT_SESSION_PENALTY",
    "MIN_CHATS_FOR_ESTIMATE",
    "ChatHandleEstimate",
    "ChatSpec",
    "DeferredPlan",
    "DeferredSpec",
    "PatienceEstimate",
    "StaffingSpec",
    "agent_hours",
    "aggregate_kpis",
    "chat_agents_queueing",
    "chat_agents_workload",
    "chat_estimate_from_history",
    "deferred_staffing",
    "estimate_chat_handle_time",
    "estimate_patience",
    "estimate_patience_from_contacts",
    "fte",
    "head_count",
    "heads_of",
    "labour_cost_eur",
    "paid_agents",
    "queue_service",
    "roster_kpis",
    "rostered_hours",
    "scheduled_agents",
    "staffing_plan",
    "weeks_of",
]
