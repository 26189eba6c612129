"""Strategy scenarios: a frozen, versioned set of levers applied to the baseline demand.

A :class:`ScenarioSpec` holds the choices a manager makes (opening hours, what customers do
while a channel is closed, channel-mix shifts, KPI targets, first-contact resolution, a stress
test and costs). The lever functions turn the baseline demand frame into the demand a
scenario creates, and :func:`evaluate_scenario` staffs it through ``kcc.plan`` so a scenario
can be compared with the baseline in FTE, EUR, service level, abandonment and reachability.

The pipeline, in order:

1. :func:`unconstrain_demand` - the demand as it *arrives*: recorded volume plus contacts
   attempted while closed (``closed_attempts``, or estimated from the digital channels'
   24-hour pattern when a channel has none), minus the callbacks and channel moves those closed
   hours caused in the record (the morning redial peak);
2. :func:`apply_fcr` - fewer repeat contacts when first-contact resolution rises;
3. :func:`apply_channel_mix` - shares of one channel's demand moved to another;
4. :func:`apply_opening_hours` - demand meeting a closed channel calls back at the next
   opening (spread over a redial window), moves to a digital channel or is lost; accepted
   written contacts outside working hours wait for the next working interval.

Shares are fractions (0..1) throughout; times carry their unit in the name.

The demand frame has the columns ``channel, ds, interval_min, volume, aht_s`` and optionally
``queue, volume_hi, closed_attempts``; queues are summed per channel.

The package, in reading order: ``validation`` (the time grid, ``ScenarioError``; field checks are ``kcc.checks``),
``spec`` (``ScenarioSpec`` and its parts), ``link`` (the share-link codec), ``baseline``
(baseline opening hours), ``demand`` (closed-hours demand and the demand grid), ``levers``,
``pipeline`` (all levers in order, the scenario's plan settings), ``stress`` (the surge test),
``evaluation`` (staffing a scenario beside its baseline, comparisons, the SL frontier),
``repeats`` (first-contact resolution measured from customer ids), ``strategy`` (the
qualitative choices a spec carries for the board summary), ``attribution`` (each
lever's own effect, the total and their interaction) and ``inputs`` (what the lever forms start
from, and their values turned into spec parts).
"""

from __future__ import annotations

from kcc.scenarios.attribution import (
    LEVERS,
    Attribution,
    Effect,
    active_levers,
    attribute,
    attribution,
    lever_alone,
    results_alone,
)
from kcc.scenarios.baseline import (
    hours_from_setting,
    hours_to_setting,
    infer_opening_hours,
)
from kcc.scenarios.demand import (
    CLOSED_PROFILE_WEEKS,
    NO_AGENT_CHANNELS,
    forecast_closed_attempts,
)
from kcc.scenarios.evaluation import (
    WEEKS_PER_MONTH,
    ScenarioResult,
    compare,
    evaluate_scenario,
    sl_frontier,
)
from kcc.scenarios.levers import (
    apply_channel_mix,
    apply_fcr,
    apply_opening_hours,
    unconstrain_demand,
)
from kcc.scenarios.link import (
    LINK_MAX_CHARS,
    LINK_MAX_UNPACKED_BYTES,
    LINK_NAME_MAX_CHARS,
    QUERY_NAME,
    QUERY_SPEC,
    QUERY_VERSION,
    link_name,
)
from kcc.scenarios.pipeline import (
    scenario_demand,
    scenario_settings,
)
from kcc.scenarios.repeats import (
    MAX_REPEAT_WINDOW_DAYS,
    REPEAT_SETTINGS_KEY,
    RepeatMeasure,
    RepeatSettings,
    repeat_measures,
    unidentified_values,
)
from kcc.scenarios.spec import (
    SPEC_VERSION,
    ChannelHours,
    ChannelShift,
    ClosedHoursBehaviour,
    CostOverride,
    FcrLever,
    ScenarioSpec,
    SurgeTest,
    TargetOverride,
)
from kcc.scenarios.strategy import (
    CALAMITIES,
    MAX_TEXT_CHARS,
    ROLES,
    STRATEGY_SETTING_KEY,
    CalamityPlan,
    ChannelNote,
    Milestone,
    StrategyChoices,
)
from kcc.scenarios.stress import (
    SurgeResult,
    flex_agents,
    simulate_surge,
)
from kcc.scenarios.validation import (
    MINUTES_PER_DAY,
    TIME_STEP_MIN,
    WEEKDAYS,
    ScenarioError,
    format_hhmm,
    parse_hhmm,
)

__all__ = [
    "CALAMITIES",
    "CLOSED_PROFILE_WEEKS",
    "LEVERS",
    "MAX_TEXT_CHARS",
    "MINUTES_PER_DAY",
    "NO_AGENT_CHANNELS",
    "LINK_MAX_CHARS",
    "LINK_MAX_UNPACKED_BYTES",
    "LINK_NAME_MAX_CHARS",
    "QUERY_NAME",
    "QUERY_SPEC",
    "QUERY_VERSION",
    "ROLES",
    "link_name",
    "SPEC_VERSION",
    "STRATEGY_SETTING_KEY",
    "TIME_STEP_MIN",
    "WEEKDAYS",
    "WEEKS_PER_MONTH",
    "Attribution",
    "CalamityPlan",
    "ChannelHours",
    "ChannelNote",
    "ChannelShift",
    "ClosedHoursBehaviour",
    "CostOverride",
    "Effect",
    "FcrLever",
    "MAX_REPEAT_WINDOW_DAYS",
    "Milestone",
    "REPEAT_SETTINGS_KEY",
    "RepeatMeasure",
    "RepeatSettings",
    "ScenarioError",
    "ScenarioResult",
    "ScenarioSpec",
    "StrategyChoices",
    "SurgeResult",
    "SurgeTest",
    "TargetOverride",
    "active_levers",
    "apply_channel_mix",
    "apply_fcr",
    "apply_opening_hours",
    "attribute",
    "attribution",
    "compare",
    "evaluate_scenario",
    "flex_agents",
    "forecast_closed_attempts",
    "format_hhmm",
    "hours_from_setting",
    "hours_to_setting",
    "infer_opening_hours",
    "lever_alone",
    "parse_hhmm",
    "repeat_measures",
    "results_alone",
    "scenario_demand",
    "scenario_settings",
    "simulate_surge",
    "sl_frontier",
    "unconstrain_demand",
    "unidentified_values",
]
