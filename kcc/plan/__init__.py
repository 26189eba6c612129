"""Forecast versus staffing: the interval plan every planning screen reads.

For every channel and interval the plan holds the forecast volume (P50 and the 80% upper
bound), the agents required to meet the channel's targets, the agents scheduled once shrinkage
is added, the agents rostered, the gap between them, the service the roster as it is achieves
(reverse mode), and what it costs. From the plan this package derives the period summaries
(volume-weighted, never plain averages of interval KPIs), the budget bridge (interval
requirement -> weekly FTE -> monthly EUR), the overview tiles, the worst understaffed periods
and the "show the maths" detail of one interval.

The package is pure: no Streamlit, no SQL. The queueing maths comes from ``kcc.queueing`` and
``kcc.staffing`` (requirement, reverse mode, shrinkage, patience estimate, deferred work).

Models per channel
------------------
``erlang_a``
    Phone with a known mean patience: M/M/n+M (callers abandon) [1]_, through
    ``kcc.staffing.staffing_plan`` and ``kcc.staffing.roster_kpis``.
``erlang_c``
    Phone without a patience: M/M/n, nobody abandons [2]_.
``chat``
    Chat sessions with concurrency: the birth-death chain of ``kcc.queueing.chat`` (an agent
    holds up to ``concurrency`` sessions, each slower by ``penalty_per_extra_session`` per extra
    one; Erlang with one server per slot when that is 0), as in
    ``kcc.staffing.chat_agents_queueing``; called here because that function takes one handle
    time for all intervals and has no reverse mode.
``backlog``
    E-mail and WhatsApp: deferred work answered within a response time counted in open
    hours (public holidays closed), with the items waiting at the start (``start_backlog``).
    The requirement is ``kcc.staffing.deferred_staffing``: a level per day for a FIFO backlog
    when the response time is over two open hours, Erlang C per open interval for shorter
    ones. The roster's service comes from the same model in reverse: the FIFO backlog
    (``kcc.queueing.backlog.fifo_backlog``) or ``kcc.staffing.queue_service``.
``none``
    Self-service: no agents.

Layout
------
``settings``      ``ChannelTargets``, ``PlanSettings``, defaults, JSON form, channel models
``demand``        handle-time profile and the demand frame from a forecast
``horizon``       the plan's days and stale series (``plan_horizon``, ``within_horizon``)
``roster_align``  the roster on the demand's intervals
``models``        per-channel requirement and achieved service (Erlang A/C, chat, backlog)
``build``         ``build_plan`` (``build_plans``: several settings), ``with_costs``, service hours
``start_backlog`` deferred items waiting at the plan's start, estimated from history
``summaries``     volume-weighted period summaries and totals
``risk``          period P90 and the probability a day or week meets its service level
``budget``        ``BudgetBridge``: weekly FTE and monthly EUR
``overview``      home-page tiles, worst gaps, gap heat map
``findings``      the largest drivers of missed targets and of cost (``plan_findings``)
``interval``      one interval's maths (``interval_detail``)
``frames``        ``PlanError`` and the helpers every step shares

References
----------
.. [1] Garnett, O., Mandelbaum, A. and Reiman, M. (2002). "Designing a call center with
   impatient customers." Manufacturing & Service Operations Management 4(3), 208-227.
.. [2] Gans, N., Koole, G. and Mandelbaum, A. (2003). "Telephone call centers: tutorial,
   review, and research prospects." Manufacturing & Service Operations Management 5(2), 79-141.
"""

from __future__ import annotations

from kcc.plan.budget import (
    BudgetBridge,
    budget_bridge,
)
from kcc.plan.build import (
    CLOSED_DAYS_KEY,
    HOLIDAYS_KEY,
    PLAN_COLUMNS,
    build_plan,
    build_plans,
    closed_days,
    holiday_treatments,
    service_hours,
    service_open,
    with_costs,
)
from kcc.plan.demand import (
    AHT_HISTORY_WEEKS,
    DEFAULT_AHT_S,
    DEMAND_COLUMNS,
    aht_profile,
    demand_from_forecast,
)
from kcc.plan.findings import (
    FINDING_KINDS,
    Finding,
    Findings,
    ShapeProfile,
    plan_findings,
)
from kcc.plan.frames import (
    PlanError,
)
from kcc.plan.horizon import (
    STALE_HISTORY_WEEKS,
    PlanHorizon,
    StaleSeries,
    first_open_day,
    plan_horizon,
    within_horizon,
)
from kcc.plan.interval import (
    IntervalDetail,
    interval_detail,
)
from kcc.plan.overview import (
    TILE_PERIODS,
    gap_heatmap,
    overview_tiles,
    worst_gaps,
)
from kcc.plan.risk import (
    DAY_ERROR_CORRELATION,
    RISK_COLUMNS,
    period_p90,
    service_risk,
)
from kcc.plan.roster_align import (
    align_roster,
)
from kcc.plan.settings import (
    DEFAULT_COST_EUR_PER_HOUR,
    DEFAULT_SHRINKAGE,
    DEFAULT_TARGETS,
    DEFERRED_CHANNELS,
    MODELS,
    SETTINGS_KEY,
    UNSTAFFED_CHANNELS,
    ChannelTargets,
    Pairs,
    PlanSettings,
    channel_model,
    channel_order,
    default_settings,
    estimate_patience,
    settings_from_json,
)
from kcc.plan.start_backlog import (
    StartBacklog,
    start_backlog_estimate,
)
from kcc.plan.summaries import (
    FREQS,
    period_start,
    summarise,
    total,
)

__all__ = [
    "AHT_HISTORY_WEEKS",
    "BudgetBridge",
    "ChannelTargets",
    "DEFAULT_AHT_S",
    "DEFAULT_COST_EUR_PER_HOUR",
    "DEFAULT_SHRINKAGE",
    "DEFAULT_TARGETS",
    "DEFERRED_CHANNELS",
    "CLOSED_DAYS_KEY",
    "HOLIDAYS_KEY",
    "DEMAND_COLUMNS",
    "FINDING_KINDS",
    "FREQS",
    "Finding",
    "Findings",
    "IntervalDetail",
    "MODELS",
    "PLAN_COLUMNS",
    "Pairs",
    "PlanError",
    "PlanHorizon",
    "PlanSettings",
    "SETTINGS_KEY",
    "StartBacklog",
    "STALE_HISTORY_WEEKS",
    "ShapeProfile",
    "StaleSeries",
    "TILE_PERIODS",
    "UNSTAFFED_CHANNELS",
    "aht_profile",
    "align_roster",
    "budget_bridge",
    "build_plan",
    "build_plans",
    "DAY_ERROR_CORRELATION",
    "RISK_COLUMNS",
    "period_p90",
    "service_risk",
    "channel_model",
    "channel_order",
    "default_settings",
    "demand_from_forecast",
    "estimate_patience",
    "gap_heatmap",
    "interval_detail",
    "overview_tiles",
    "period_start",
    "plan_findings",
    "plan_horizon",
    "closed_days",
    "holiday_treatments",
    "service_hours",
    "service_open",
    "settings_from_json",
    "start_backlog_estimate",
    "summarise",
    "total",
    "with_costs",
    "within_horizon",
    "first_open_day",
    "worst_gaps",
]
