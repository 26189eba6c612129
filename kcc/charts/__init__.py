"""Chart builders: pure ``DataFrame -> plotly Figure`` functions, one module per area.

Texts come in already translated (or fall back to English defaults), so the builders stay
free of Streamlit and of the language; pages show them through ``kcc.ui.widgets.plotly_chart``.

========== ================================================================================
data       the loaded history: volume per day, intraday profile per weekday, heat map
engine     the calculator and engine-check pages: metrics against agents, simulation check
forecast   the Forecast page: forecast and intraday charts, backtest and special-day tables
scenarios  the Strategy levers and Scenarios pages: reachability, deltas, frontier, surge,
           comparison
staffing   the Staffing and Overview pages: plan per interval, gap heat map, KPIs, budget,
           volume
common     helpers they share: texts with English defaults, local wall-clock time axes
========== ================================================================================

Two names exist in two areas and are reached through their module only:
``forecast.intraday_chart`` / ``scenarios.intraday_chart`` and ``scenarios.COLOURS`` /
``staffing.COLOURS``.
"""

from kcc.charts import common, data, engine, forecast, scenarios, staffing
from kcc.charts.common import local_wall_clock, text_or_default
from kcc.charts.data import intraday_by_weekday, volume_by_day, weekday_heatmap
from kcc.charts.engine import CURVE_LABELS, SIM_LABELS, metrics_vs_agents_chart, simulation_chart
from kcc.charts.forecast import (
    backtest_display,
    forecast_chart,
    history_daily,
    special_days_table,
)
from kcc.charts.scenarios import (
    COMPARE_METRICS,
    SERIES,
    channel_delta_chart,
    comparison_chart,
    frontier_chart,
    reachability_chart,
    surge_chart,
    weekday_delta_chart,
)
from kcc.charts.staffing import (
    budget_chart,
    curve_chart,
    gap_heatmap_chart,
    kpi_chart,
    staffing_chart,
    volume_chart,
    weekly_totals,
)

__all__ = [
    "CURVE_LABELS",
    "COMPARE_METRICS",
    "SERIES",
    "SIM_LABELS",
    "backtest_display",
    "budget_chart",
    "channel_delta_chart",
    "common",
    "comparison_chart",
    "curve_chart",
    "data",
    "engine",
    "forecast",
    "forecast_chart",
    "frontier_chart",
    "gap_heatmap_chart",
    "history_daily",
    "intraday_by_weekday",
    "kpi_chart",
    "local_wall_clock",
    "metrics_vs_agents_chart",
    "reachability_chart",
    "scenarios",
    "simulation_chart",
    "special_days_table",
    "staffing",
    "staffing_chart",
    "surge_chart",
    "text_or_default",
    "volume_by_day",
    "volume_chart",
    "weekday_delta_chart",
    "weekday_heatmap",
    "weekly_totals",
]
