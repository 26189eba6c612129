"""Capacity: FTE a budget holder recognises, and the 18-month capacity and hiring plan.

``spec`` the planner's settings (:class:`FteSpec`, :class:`HiringSpec`, errors that name the
field); ``bridge`` the FTE bridge from contact hours to paid hours, FTE and heads, in hours and
EUR; ``monthly`` monthly totals from history of any granularity, their forecast and backtest;
``drivers`` contacts per business driver; ``hiring`` the hiring rule; ``plan`` the capacity
plan put together.
"""

from kcc.capacity.bridge import BRIDGE_COLUMNS, HOUR_STEPS, FteBridge, bridge_frame, bridge_total, plan_bridge
from kcc.capacity.drivers import MAX_DRIVER_MB, MIN_DRIVER_MONTHS, DriverFit, driver_contacts, driver_months, fit_driver
from kcc.capacity.hiring import HIRING_COLUMNS, HiringPlan, hiring_plan
from kcc.capacity.inputs import CapacityInputs, capacity_inputs, handle_times
from kcc.capacity.monthly import (
    backtest_monthly,
    event_uplift,
    forecast_channel,
    month_days,
    monthly_forecast,
    monthly_totals,
    seasonal_naive,
)
from kcc.capacity.plan import DEFAULT_OCCUPANCY, CapacityPlan, capacity_plan, requirement_factors, scenario_scale
from kcc.capacity.spec import (
    COVER_EFFICIENCY_KEY,
    DEFAULT_EFFICIENCY,
    FIELD_LABELS,
    SETTINGS_KEY,
    CapacityError,
    CapacityFieldError,
    CapacitySettings,
    CoverEfficiency,
    FteSpec,
    HiringSpec,
    cover_efficiencies,
    heads_per_month,
    with_cover_efficiencies,
    with_cover_efficiency,
)

__all__ = [
    "BRIDGE_COLUMNS",
    "COVER_EFFICIENCY_KEY",
    "DEFAULT_EFFICIENCY",
    "DEFAULT_OCCUPANCY",
    "FIELD_LABELS",
    "HIRING_COLUMNS",
    "HOUR_STEPS",
    "MAX_DRIVER_MB",
    "MIN_DRIVER_MONTHS",
    "SETTINGS_KEY",
    "CapacityError",
    "CapacityFieldError",
    "CapacityInputs",
    "CapacityPlan",
    "CapacitySettings",
    "CoverEfficiency",
    "DriverFit",
    "FteBridge",
    "FteSpec",
    "HiringPlan",
    "HiringSpec",
    "backtest_monthly",
    "bridge_frame",
    "bridge_total",
    "capacity_inputs",
    "capacity_plan",
    "cover_efficiencies",
    "driver_contacts",
    "driver_months",
    "event_uplift",
    "fit_driver",
    "forecast_channel",
    "handle_times",
    "heads_per_month",
    "hiring_plan",
    "month_days",
    "monthly_forecast",
    "monthly_totals",
    "plan_bridge",
    "requirement_factors",
    "scenario_scale",
    "seasonal_naive",
    "with_cover_efficiencies",
    "with_cover_efficiency",
]
