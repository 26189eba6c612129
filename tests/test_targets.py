"""A channel's targets: one type, and the override, goal and queueing spec made from it."""

from __future__ import annotations

import dataclasses

import pytest

from kcc import plan, report, scenarios, staffing, targets
from kcc.report import ChannelGoal
from kcc.scenarios import ScenarioSpec, TargetOverride, scenario_settings
from kcc.targets import ChannelTargets


def _names(kind: type) -> set[str]:
    return {f.name for f in dataclasses.fields(kind)}


def test_plan_and_targets_share_one_type() -> None:
    assert plan.ChannelTargets is ChannelTargets
    assert plan.DEFERRED_CHANNELS is targets.DEFERRED_CHANNELS
    assert all(isinstance(t, ChannelTargets) for _, t in plan.PlanSettings().targets)


def test_override_and_goal_are_parts_of_the_targets() -> None:
    # a field added to one shape and not the others would be a second targets type
    assert _names(TargetOverride) - {"channel", "response_share"} <= _names(ChannelTargets)
    assert _names(ChannelGoal) - {"channel"} <= _names(ChannelTargets)
    assert hasattr(ChannelTargets, "response_share")  # the override's name for a deferred level


def test_an_override_changes_only_what_it_sets() -> None:
    base = ChannelTargets(0.8, 20.0, max_occupancy=0.85, patience_s=120.0)
    phone = TargetOverride("phone", target_service_level=0.9, answer_time_s=30.0, response_share=0.5)
    # a live channel takes target_service_level and ignores response_share
    assert phone.changes() == {"target_service_level": 0.9, "answer_time_s": 30.0}
    assert phone.apply_to(base) == dataclasses.replace(base, target_service_level=0.9, answer_time_s=30.0)
    email = TargetOverride("email", target_service_level=0.5, response_share=0.95, response_time_h=4.0)
    assert email.changes() == {"target_service_level": 0.95, "response_time_h": 4.0}
    assert TargetOverride("chat").changes() == {}
    assert TargetOverride("chat").apply_to(base) == base


def test_scenario_settings_apply_the_override_to_the_plan_targets() -> None:
    settings = plan.PlanSettings()
    spec = ScenarioSpec(targets=(TargetOverride("phone", target_service_level=0.9, max_abandon=0.05),
                                 TargetOverride("email", response_share=0.95, response_time_h=4.0)))
    out = scenario_settings(settings, spec)
    for override in spec.targets:
        assert out.targets_for(override.channel) == override.apply_to(settings.targets_for(override.channel))
    assert out.targets_for("chat") == settings.targets_for("chat")
    # an override that sets nothing leaves the settings as they are (same cache key)
    assert scenario_settings(settings, ScenarioSpec(targets=(TargetOverride("chat"),))) == settings


def test_an_override_outside_the_plan_ranges_is_refused_by_the_targets() -> None:
    # the lever allows a week of answer time; the plan's targets stop at an hour
    override = TargetOverride("phone", answer_time_s=5000.0)
    with pytest.raises(ValueError, match=r"answer_time_s must be above 0 and at most 3600 s, got 5000.0"):
        override.apply_to(ChannelTargets())


def test_the_goal_shows_what_the_board_reads() -> None:
    live = ChannelTargets(0.9, 30.0, target_asa_s=20.0, max_abandon=0.05, max_occupancy=0.85, patience_s=90.0)
    assert ChannelGoal.from_targets("phone", live, deferred=False) == ChannelGoal(
        "phone", 0.9, 30.0, 20.0, 0.05, 0.85, None)
    backlog = ChannelTargets(0.95, 20.0, target_asa_s=20.0, max_occupancy=None, response_time_h=4.0)
    assert ChannelGoal.from_targets("email", backlog, deferred=True) == ChannelGoal(
        "email", 0.95, None, None, None, None, 4.0)
    assert report.ChannelGoal is ChannelGoal and scenarios.TargetOverride is TargetOverride


def test_the_queueing_spec_is_made_from_the_targets() -> None:
    t = ChannelTargets(0.8, 20.0, target_asa_s=15.0, max_abandon=0.05, max_occupancy=0.9, patience_s=120.0)
    erlang_a = t.staffing_spec(15, erlang_a=True)
    assert erlang_a == staffing.StaffingSpec(
        interval_min=15, answer_time_s=20.0, target_service_level=0.8, target_asa_s=15.0,
        max_occupancy=0.9, max_abandon=0.05, patience_s=120.0, shrinkage=0.0, cost_eur_per_hour=0.0)
    erlang_c = t.staffing_spec(30, erlang_a=False)
    assert (erlang_c.interval_min, erlang_c.max_abandon, erlang_c.patience_s) == (30, None, None)


def test_targets_validation_names_the_field_and_range() -> None:
    with pytest.raises(ValueError, match=r"target_service_level must be a share above 0 up to 1, got 1.5"):
        ChannelTargets(target_service_level=1.5)
    with pytest.raises(ValueError, match=r"concurrency must be between 1 and 10 sessions per agent, got 0.5"):
        ChannelTargets(concurrency=0.5)
    with pytest.raises(ValueError, match=r"response_time_h must be above 0 and at most 720 h, got 0"):
        ChannelTargets(response_time_h=0)
