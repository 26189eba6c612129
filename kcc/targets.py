"""A channel's service targets: the one type the plan, the scenarios and the board summary share.

``ChannelTargets`` holds what one channel is staffed for: its service level, answer or response
time, caps on waiting, abandonment and occupancy, and the model inputs patience and
concurrency. ``kcc.plan.PlanSettings`` keeps one per channel. The other shapes targets take are
made from it, each in one place:

* a scenario's ``kcc.scenarios.TargetOverride`` is a partial ``ChannelTargets`` (a field left
  ``None`` keeps the baseline); ``TargetOverride.changes`` turns it into the fields to
  ``dataclasses.replace`` on the baseline's targets, and ``kcc.scenarios.scenario_settings``
  applies them through ``PlanSettings.with_targets``;
* the board summary's ``kcc.report.ChannelGoal`` is the part of ``ChannelTargets`` a board
  reads (``ChannelGoal.from_targets``);
* the queueing engine's ``kcc.staffing.StaffingSpec`` is made by
  ``ChannelTargets.staffing_spec``.

The override and the goal keep their own field lists because they are stored and exported
as they are: a saved scenario or a shared link holds the override's fields, and the summary's
model is what every export renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from kcc import checks
from kcc.queueing import lone_session_s
from kcc.staffing import DEFAULT_SESSION_PENALTY, StaffingSpec

__all__ = [
    "DEFERRED_CHANNELS",
    "UNSTAFFED_CHANNELS",
    "ChannelTargets",
]

#: Channels answered later (deferred work with a response time).
DEFERRED_CHANNELS: Final[frozenset[str]] = frozenset({"email", "whatsapp"})

#: Channels nobody staffs.
UNSTAFFED_CHANNELS: Final[frozenset[str]] = frozenset({"self_service"})


@dataclass(frozen=True)
class ChannelTargets:
    """Service targets and model inputs of one channel.

    Attributes
    ----------
    target_service_level : float
        Share of offered contacts to answer within ``answer_time_s`` (live channels) or
        ``response_time_h`` (deferred channels), above 0 up to 1. [-]
    answer_time_s : float
        Answer-time threshold of the service level of live channels, above 0 up to 3600. [s]
    target_asa_s : float or None
        Optional cap on the mean wait of answered contacts, above 0 up to 3600. [s]
    max_abandon : float or None
        Optional cap on the abandonment share (Erlang A only), above 0 up to 1. [-]
    max_occupancy : float or None
        Optional cap on agent occupancy, above 0 up to 1. [-]
    patience_s : float or None
        Mean patience of waiting callers, above 0 up to 86400; ``None`` means nobody abandons
        (Erlang C). [s]
    concurrency : float
        Chat sessions one agent handles in parallel, 1 up to 10. [sessions]
    penalty_per_extra_session : float
        Chat: handle-time increase per extra concurrent session, 0 up to 2; a session on an
        agent holding ``j`` sessions takes ``h1 (1 + p (j - 1))``. Default
        ``kcc.staffing.DEFAULT_SESSION_PENALTY`` (0.25, an assumption). [-]
    history_sessions : float
        Chat: mean sessions an agent held while the history's handle time was measured, 1 up
        to 10; the lone-session handle time is the history's over ``1 + p (history_sessions -
        1)``. Default 1: the history's handle time is taken as a lone session's. [sessions]
    response_time_h : float or None
        Deferred work: response-time target counted in open hours, above 0 up to 720; ``None``
        for live channels. [h]
    start_backlog_items : float or None
        Deferred work: items waiting when the plan starts, 0 up to 100,000; ``None``
        estimates them from the history (``kcc.plan.start_backlog_estimate``: the items that
        arrived after its last open interval). [items]

    Raises
    ------
    ValueError
        When a field is outside its range; the message names the field and the range.
    """

    target_service_level: float = 0.8
    answer_time_s: float = 20.0
    target_asa_s: float | None = None
    max_abandon: float | None = None
    max_occupancy: float | None = 0.85
    patience_s: float | None = None
    concurrency: float = 1.0
    response_time_h: float | None = None
    start_backlog_items: float | None = None
    penalty_per_extra_session: float = DEFAULT_SESSION_PENALTY
    history_sessions: float = 1.0

    def __post_init__(self) -> None:
        # checked, not normalised: the values as given are what the settings' JSON keeps
        checks.share("target_service_level", self.target_service_level)
        checks.above_at_most("answer_time_s", self.answer_time_s, 3600, unit="s")
        checks.above_at_most("target_asa_s", self.target_asa_s, 3600, unit="s", optional=True)
        checks.share("max_abandon", self.max_abandon, optional=True)
        checks.share("max_occupancy", self.max_occupancy, optional=True)
        checks.above_at_most("patience_s", self.patience_s, 86_400, unit="s", optional=True)
        checks.number_in("concurrency", self.concurrency, 1, 10, unit="sessions per agent")
        checks.above_at_most("response_time_h", self.response_time_h, 720, unit="h", optional=True)
        checks.number_in("start_backlog_items", self.start_backlog_items, 0, 100_000,
                         unit="items", optional=True)
        checks.number_in("penalty_per_extra_session", self.penalty_per_extra_session, 0, 2)
        checks.number_in("history_sessions", self.history_sessions, 1, 10, unit="sessions per agent")

    def lone_session_s(self, history_aht_s: np.ndarray) -> np.ndarray:
        """Chat: handle time of a lone session from the history's handle time. [s]"""
        return lone_session_s(history_aht_s, self.penalty_per_extra_session,
                              self.history_sessions)

    @property
    def response_share(self) -> float:
        """Deferred work: share to answer within ``response_time_h`` (the service level). [-]"""
        return self.target_service_level

    def staffing_spec(self, interval_min: int, *, erlang_a: bool) -> StaffingSpec:
        """The queueing engine's input for a phone-like queue with these targets.

        Shrinkage and cost are left at zero: the plan adds shrinkage and prices hours itself
        (``kcc.staffing.scheduled_agents``, ``kcc.staffing.labour_cost_eur``).

        Parameters
        ----------
        interval_min : int
            Planning interval. [min]
        erlang_a : bool
            Callers abandon (Erlang A): the abandonment cap and the patience apply. Without
            it (Erlang C) both are left out.

        Returns
        -------
        kcc.staffing.StaffingSpec
        """
        return StaffingSpec(
            interval_min=interval_min,
            answer_time_s=self.answer_time_s,
            target_service_level=self.target_service_level,
            target_asa_s=self.target_asa_s,
            max_occupancy=self.max_occupancy,
            max_abandon=self.max_abandon if erlang_a else None,
            patience_s=self.patience_s if erlang_a else None,
            shrinkage=0.0,
            cost_eur_per_hour=0.0,
        )
