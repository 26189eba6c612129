"""Every chart builder of ``kcc.charts`` on data shaped like the demo centre's, for the checks
that a chart fits its frame (``tests/charts/test_fit.py``, ``tests/browser/test_chart_fit.py``).

Sizes are the demo's: a phone queue of about 1,400 contacts a day, WhatsApp waits of about
17 minutes, scenario names as long as users type them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kcc import charts
from kcc.charts import capacity as capacity_charts
from kcc.charts import forecast as forecast_charts
from kcc.charts import scenarios as scenario_charts
from kcc.charts import shifts as shift_charts
from kcc.charts import simulation as simulation_charts
from kcc.engine_check import calculator_curve

TZ = "Europe/Amsterdam"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: The short names a chart in half a page gets (the Levers page's extra FTE per weekday).
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Scenario names as users type them: one long enough to take half a chart when rotated.
SCENARIO_NAMES = ("Baseline", "Evening opening until 22:00 with home workers on Saturdays",
                  "FCR programme", "Chat instead of phone for simple questions")


def _quarter_hours(days: int, start: str = "2026-11-16") -> pd.DatetimeIndex:
    return pd.date_range(pd.Timestamp(start, tz=TZ), periods=96 * days, freq="15min")


def _open_shape(ds: pd.DatetimeIndex) -> np.ndarray:
    """Contacts per quarter-hour: open 08:00-20:00, a 10:00 peak."""
    hour = np.asarray(ds.hour + ds.minute / 60, dtype=float)
    shape = np.exp(-((hour - 10.5) ** 2) / 6.0) + 0.5 * np.exp(-((hour - 14.5) ** 2) / 8.0)
    return np.where((hour >= 8) & (hour < 20), 60.0 * shape + 5.0, 0.0)


def plan_rows(days: int = 1) -> pd.DataFrame:
    ds = _quarter_hours(days)
    volume = _open_shape(ds)
    required = volume / 2.2
    rostered = np.where(volume > 0, 18.0, 0.0)
    return pd.DataFrame({"ds": ds, "interval_min": 15, "volume": volume, "required_scheduled": required,
                         "required_scheduled_p90": required * 1.15, "rostered": rostered,
                         "gap": rostered - required})


def _daily_volumes(days: int = 120) -> pd.DataFrame:
    dates = pd.date_range("2026-07-20", periods=days, freq="D")
    rows = []
    for i, day in enumerate(dates):
        weekend = day.day_of_week >= 5
        for channel, size in (("phone", 1400), ("chat", 300), ("email", 280), ("whatsapp", 230)):
            rows.append({"date": day.date(), "channel": channel,
                         "offered": size * (0.3 if weekend else 1.0) * (1 + 0.1 * np.sin(i / 7))})
    return pd.DataFrame(rows)


def _profile() -> pd.DataFrame:
    times = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 15, 30, 45)]
    ds = _quarter_hours(1)
    shape = _open_shape(ds)
    return pd.DataFrame([{"weekday": d, "time_of_day": t, "offered": float(v) * (0.4 if d >= 5 else 1.0)}
                         for d in range(7) for t, v in zip(times, shape, strict=True)])


def _plan_daily(kpi: str, values: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"period": pd.date_range("2026-11-16", periods=len(values), freq="D"), kpi: values})


def _forecast_daily() -> tuple[pd.DataFrame, pd.DataFrame]:
    history = pd.DataFrame({"date": pd.date_range("2026-05-18", periods=182, freq="D")})
    history["y"] = 1400 + 300 * np.sin(np.arange(182) * 2 * np.pi / 7)
    future = pd.DataFrame({"date": pd.date_range("2026-11-16", periods=91, freq="D")})
    future["yhat"] = 1400 + 300 * np.sin(np.arange(91) * 2 * np.pi / 7)
    for level, width in ((80, 0.1), (95, 0.18)):
        future[f"yhat_lo_{level}"] = future["yhat"] * (1 - width)
        future[f"yhat_hi_{level}"] = future["yhat"] * (1 + width)
    future["holiday"] = ""
    future.loc[39, "holiday"] = "Christmas Day"
    future["events"] = ""
    future.loc[10, "events"] = "Mailing"
    future["factor"] = 1.0
    return history, future


def _forecast_monthly() -> tuple[pd.DataFrame, pd.DataFrame]:
    """30 months of history and an 18-month forecast: a monthly series at its own grain."""
    history = pd.DataFrame({"period": pd.date_range("2024-01-01", periods=30, freq="MS")})
    history["y"] = 42_000 + 6_000 * np.cos(np.arange(30) * 2 * np.pi / 12)
    future = pd.DataFrame({"period": pd.date_range("2026-07-01", periods=18, freq="MS")})
    future["yhat"] = 43_000 + 6_000 * np.cos((np.arange(18) + 30) * 2 * np.pi / 12)
    for level, width in ((80, 0.06), (95, 0.1)):
        future[f"yhat_lo_{level}"] = future["yhat"] * (1 - width)
        future[f"yhat_hi_{level}"] = future["yhat"] * (1 + width)
    return history, future


_FORECAST_LABELS = {"title": "Contacts per day", "y_axis": "contacts per day [contacts]",
                    "history": "History", "forecast": "Forecast", "band": "{level}% interval",
                    "holiday": "Holiday", "event": "Event"}


def _by_hour() -> pd.DataFrame:
    hours = np.arange(24)
    arrivals = np.where((hours >= 8) & (hours < 20), 900.0, 40.0)
    reached_base = np.where((hours >= 8) & (hours < 20), 880.0, 0.0)
    return pd.DataFrame({"channel": "phone", "hour": hours, "arrivals": arrivals,
                         "reached": np.minimum(arrivals, reached_base + 20),
                         "arrivals_baseline": arrivals, "reached_baseline": reached_base})


def _comparison() -> pd.DataFrame:
    table = pd.DataFrame({"name": list(SCENARIO_NAMES), "fte": [101.5, 108.2, 97.3, 99.9],
                          "cost_eur_per_month": [587_938.6, 626_410.0, 563_120.4, 578_000.0],
                          "service_level": [0.725, 0.81, 0.76, 0.74], "p_abandon": [0.061, 0.03, 0.05, 0.055],
                          "reachability": [0.86, 0.97, 0.86, 0.88]})
    for column in ("fte", "cost_eur_per_month", "service_level", "p_abandon", "reachability"):
        table[f"diff_{column}"] = table[column] - table[column].iloc[0]
    return table


def _surge() -> pd.DataFrame:
    ds = _quarter_hours(1)
    volume = _open_shape(ds)
    surge = volume * np.where((ds.hour >= 9) & (ds.hour < 12), 1.8, 1.0)
    backlog_without = np.cumsum(np.maximum(surge - volume, 0)) * np.where(ds.hour < 15, 1, 0)
    return pd.DataFrame({"ds": ds, "volume": volume, "surge_volume": surge,
                         "flex_agents": np.where((ds.hour >= 10) & (ds.hour < 13), 12.0, 0.0),
                         "backlog_without": backlog_without, "backlog_with": backlog_without / 3,
                         "service_level_without": np.where(backlog_without > 0, 0.2, 1.0),
                         "service_level_with": np.where(backlog_without > 0, 0.7, 1.0)})


def _interval_curve() -> pd.DataFrame:
    curve = calculator_curve(60.0, 900.0, 300.0, 20.0, None, None, 18, 30)
    return curve.assign(meets_targets=curve["service_level"] >= 0.8)


def _simulation_days() -> pd.DataFrame:
    return pd.DataFrame({"model_share": [0.72, 0.75, 0.74, 0.8, 0.9], "share": [0.74, 0.73, 0.77, 0.82, 0.95],
                         "share_lo": [0.7, 0.7, 0.72, 0.8, 0.93], "share_hi": [0.78, 0.76, 0.8, 0.85, 1.0]})


def _engine_sim() -> pd.DataFrame:
    return pd.DataFrame({"quantity": ["Service level", "ASA", "Abandoned", "Occupancy"],
                         "unit": ["share", "s", "share", "share"],
                         "expected": [0.81, 1018.4, 0.05, 0.86], "simulated": [0.8, 1012.0, 0.052, 0.85],
                         "ci_low": [0.78, 990.0, 0.048, 0.84], "ci_high": [0.82, 1030.0, 0.056, 0.86]})


def _budget() -> pd.DataFrame:
    months = pd.date_range("2026-11-01", periods=4, freq="MS")
    return pd.DataFrame({"month": months, "cost_required_eur": [587_938.6, 601_000.0, 570_500.0, 590_000.0],
                         "cost_rostered_eur": [620_000.0, 625_000.0, 610_000.0, 615_000.0],
                         "cost_flex_eur": [20_000.0, 25_000.0, 5_000.0, 12_000.0]})


def _frontier() -> pd.DataFrame:
    targets = np.arange(0.6, 0.96, 0.05)
    fte = 90 + 60 * (targets - 0.6) ** 2 * 10
    return pd.DataFrame({"target_service_level": targets, "fte": fte, "cost_eur_per_month": fte * 5800,
                         "marginal_cost_eur_per_point": np.r_[np.nan, np.diff(fte * 5800) / 5]})


def _gap_table() -> pd.DataFrame:
    times = [f"{h:02d}:{m:02d}" for h in range(8, 20) for m in (0, 15, 30, 45)]
    values = np.tile(np.sin(np.arange(len(times)) / 6) * 8, (7, 1))
    return pd.DataFrame(values, index=range(7), columns=times)


def _capacity_months() -> pd.DataFrame:
    """18 months of the demo's hiring plan: 146 to 151 heads needed, none employed at the start
    (no headcount given), classes of 20 until the gap closes."""
    months = pd.date_range("2026-11-01", periods=18, freq="MS")
    need = 146.0 + 5.0 * np.sin(np.arange(18) / 3.0)
    hires = np.array([0, 0] + [20] * 8 + [10, 0, 0, 0, 10, 0, 0, 0], dtype=float)
    heads = np.cumsum(hires) * 0.99
    return pd.DataFrame({"month": months, "need_heads": need, "heads": heads, "effective_heads": heads * 0.93,
                         "hires": hires})


def _cover() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A week's shift cover of the demo's phone queue: the requirement and the agents of whole
    shifts, over where shift lengths overshoot the peaks, under at the open's first minutes."""
    required = plan_rows(7)[["ds", "required_scheduled"]].rename(columns={"required_scheduled": "agents"})
    covered = required.assign(agents=np.where(required["agents"] > 0, np.ceil(required["agents"] / 4) * 4 + 2, 0.0))
    covered.loc[covered.index % 96 == 32, "agents"] -= 6  # 08:00, the open's first quarter-hour
    return required, covered


#: Name -> builder of one figure, for every chart builder in ``kcc.charts``.
BUILDERS: dict[str, Callable[[], go.Figure]] = {
    "data.volume_by_day": lambda: charts.volume_by_day(
        _daily_volumes(), title="Offered contacts per day", x_title="date", y_title="contacts per day [contacts]"),
    "data.intraday_by_weekday": lambda: charts.intraday_by_weekday(
        _profile(), title="Mean contacts per interval by weekday", weekday_names=WEEKDAYS,
        x_title="time of day", y_title="contacts per interval [contacts]"),
    "data.weekday_heatmap": lambda: charts.weekday_heatmap(
        _profile(), title="Mean contacts per interval", weekday_names=WEEKDAYS, x_title="time of day",
        y_title="weekday", z_title="contacts per interval [contacts]"),
    "engine.metrics_vs_agents_chart": lambda: charts.metrics_vs_agents_chart(
        calculator_curve(100.0, 1800.0, 180.0, 20.0, None, None, 8, 20), target_service_level=0.8, chosen_agents=13),
    "engine.simulation_chart": lambda: charts.simulation_chart(_engine_sim()),
    "forecast.forecast_chart": lambda: charts.forecast_chart(
        *_forecast_daily(), levels=(80, 95), labels=_FORECAST_LABELS),
    "forecast.period_chart": lambda: forecast_charts.period_chart(
        *_forecast_monthly(), levels=(80, 95),
        labels={**_FORECAST_LABELS, "title": "Contacts per month", "y_axis": "Contacts per month [contacts]"}),
    "forecast.intraday_chart": lambda: forecast_charts.intraday_chart(
        plan_rows(7).rename(columns={"volume": "yhat"}).assign(
            yhat_lo_80=lambda f: f["yhat"] * 0.8, yhat_hi_80=lambda f: f["yhat"] * 1.2),
        level=80, labels={**_FORECAST_LABELS, "y_axis": "contacts per interval [contacts]"}),
    "scenarios.reachability_chart": lambda: charts.reachability_chart(_by_hour(), "phone"),
    "scenarios.intraday_chart": lambda: scenario_charts.intraday_chart(
        plan_rows(7).assign(channel="phone", volume_baseline=lambda f: f["volume"] * 0.9), "phone", 0),
    "scenarios.weekday_delta_chart": lambda: charts.weekday_delta_chart(
        pd.DataFrame({"weekday": range(7), "delta_fte": [1.2, 1.0, 0.5, 0.0, 0.3, -0.2, 0.0],
                      "delta_cost_eur_per_week": [1500, 1300, 600, 0, 400, -250, 0]}), WEEKDAYS_SHORT),
    "scenarios.channel_delta_chart": lambda: charts.channel_delta_chart(
        pd.DataFrame({"channel": ["phone", "chat", "email", "whatsapp"], "fte": [70.1, 12.4, 9.8, 8.1],
                      "fte_baseline": [68.0, 12.4, 9.8, 8.1],
                      "cost_eur_per_month": [406_000.0, 71_800.0, 56_700.0, 46_900.0],
                      "cost_eur_per_month_baseline": [394_000.0, 71_800.0, 56_700.0, 46_900.0]}),
        {"phone": "Phone", "chat": "Chat", "email": "E-mail", "whatsapp": "WhatsApp"}),
    "scenarios.frontier_chart": lambda: charts.frontier_chart(_frontier(), current=0.8),
    "scenarios.surge_chart": lambda: charts.surge_chart(_surge()),
    "scenarios.comparison_chart": lambda: charts.comparison_chart(_comparison()),
    "scenarios.comparison_chart.differences": lambda: charts.comparison_chart(_comparison(), differences=True),
    "simulation.simulation_chart": lambda: simulation_charts.simulation_chart(
        _simulation_days(), ["16-11", "17-11", "18-11", "19-11", "20-11"], 0.8, title="Phone"),
    "staffing.staffing_chart.day": lambda: charts.staffing_chart(plan_rows(1), title="Phone, Monday 16 November"),
    "staffing.staffing_chart.week": lambda: charts.staffing_chart(plan_rows(7), title="Phone, week 47"),
    "staffing.gap_heatmap_chart": lambda: charts.gap_heatmap_chart(_gap_table(), WEEKDAYS, title="Gap by weekday"),
    "staffing.kpi_chart.service_level": lambda: charts.kpi_chart(
        _plan_daily("service_level", np.array([0.72, 0.75, 0.9, 0.95, 1.0, 0.8, 0.85])), "service_level", 0.8,
        title="Service level per day"),
    "staffing.kpi_chart.asa": lambda: charts.kpi_chart(
        _plan_daily("asa_s", np.array([1018.4, 950.0, 700.0, 1200.0, 400.0, 300.0, 200.0])), "asa_s", 900.0,
        title="Mean wait of answered (ASA) per day", percent=False),
    "staffing.budget_chart": lambda: charts.budget_chart(_budget(), title="Cost per month"),
    "staffing.volume_chart": lambda: charts.volume_chart(
        charts.weekly_totals(_daily_volumes()), title="What is loaded", axis="contacts per week [contacts]"),
    "staffing.curve_chart": lambda: charts.curve_chart(_interval_curve(), 0.8, title="Why this many"),
    "capacity.bridge_waterfall": lambda: capacity_charts.bridge_waterfall(
        [("contact_h", 11_735.0), ("in_shift_h", 1_600.0), ("cover_h", 2_353.0), ("out_of_shift_h", 3_444.0)]),
    "capacity.heads_chart": lambda: capacity_charts.heads_chart(_capacity_months(), title="Heads per month"),
    "capacity.compare_chart": lambda: capacity_charts.compare_chart(
        pd.DataFrame({"peak_need_heads": [152.4, 158.0, 149.1, 150.2]}, index=list(SCENARIO_NAMES)),
        "peak_need_heads", axis="peak heads needed [heads]"),
    "shifts.cover_chart": lambda: shift_charts.cover_chart(*_cover(), title="Phone: shift cover"),
}


def figure(name: str) -> go.Figure:
    """The gallery's figure ``name``."""
    return BUILDERS[name]()
