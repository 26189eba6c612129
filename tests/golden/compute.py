"""Compute the golden run: what the pages and exports show for the seeded demo centre.

The numbers come from ``kcc.pipeline``, the same functions ``kcc/ui`` caches for the pages,
with the pages' defaults, so the golden run tests the real pipeline without Streamlit:

- the plan as ``kcc.pipeline.run_plan`` makes it: series -> ``plan.plan_horizon`` (13 weeks)
  -> ``forecast.forecast`` per series -> ``plan.demand_from_forecast`` ->
  ``plan.within_horizon`` -> the stored roster over the demand's days -> ``plan.build_plan``
  per channel with the cost-free core settings -> ``plan.with_costs``; settings are
  ``plan.default_settings`` of the stored settings and the last 8 weeks of history;
- what Overview and Staffing derive from it (tiles, worst gaps, budget bridge, weekly and
  monthly summaries, one interval's maths, the headline tiles; the daily summary and the gap
  heat map follow from the interval plan by one groupby and are left to it);
- the scenario baseline as ``kcc.pipeline.scenario_baseline`` makes it (the first 13 weeks,
  closed-hours attempts from recent history) and ``kcc.pipeline.evaluate`` of every lever
  alone, the baseline spec and all levers combined, ``scenarios.compare`` of them and the
  service-level frontier the Levers page draws (``kcc.pipeline.frontier``);
- the board summary as the Export page builds it (``kcc.pipeline.board_summary`` of the
  baseline and the chosen spec, with the page's default stress test when the spec has none,
  ``kcc.pipeline.summary_spec``), for the page's default choice (the baseline) and for the
  combined spec, in English and Dutch.

Nothing here reads the clock: the demo's dates are fixed, its random draws seeded, the zone
pinned and the summary's date passed in.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

import duckdb
import numpy as np
import pandas as pd

from kcc import demo, pipeline, plan, report, scenarios, store
from kcc.i18n import t
from kcc.scenarios import (
    ChannelHours,
    ChannelShift,
    ClosedHoursBehaviour,
    CostOverride,
    FcrLever,
    ScenarioResult,
    ScenarioSpec,
    SurgeTest,
    TargetOverride,
)

#: Seed of the demo centre (``kcc.demo.load_demo``'s default).
DEMO_SEED: Final[int] = 2026
#: Wall-clock zone of the store and of every local date.
TIMEZONE: Final[str] = "Europe/Amsterdam"
#: The pages' default plan horizon (``kcc.ui.plan_cache.DEFAULT_HORIZON_WEEKS``). [weeks]
HORIZON_WEEKS: Final[int] = 13
#: The scenario pages' default period (``kcc.ui.scenario_cache.DEFAULT_PERIOD_WEEKS``). [weeks]
PERIOD_WEEKS: Final[int] = 13
#: Date printed on the board summary (the build would otherwise take today).
PREPARED_ON: Final[date] = demo.PLAN_START
#: The Export page's stress test for a spec without one (its inputs' defaults: +50 % for 4 h,
#: 10 flex agents; ``kcc.pipeline.DEFAULT_STRESS``).
EXPORT_SURGE: Final[SurgeTest] = SurgeTest(uplift=0.5, duration_min=240, home_agents=10)
#: Languages of the board summary.
LANGUAGES: Final[tuple[str, ...]] = ("en", "nl")
#: Channel the Levers page's service-level frontier opens on (the first staffed channel).
FRONTIER_CHANNEL: Final[str] = "phone"
#: Interval whose maths the golden run keeps (a Monday morning peak of the plan). [local]
DETAIL_TIME: Final[str] = "10:00"


# --------------------------------------------------------------------------- inputs


@contextmanager
def _pinned_zone() -> Iterator[None]:
    """Run with ``KCC_TIMEZONE`` set to the demo's zone (a user's setting must not leak in)."""
    before = os.environ.get("KCC_TIMEZONE")
    os.environ["KCC_TIMEZONE"] = TIMEZONE
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("KCC_TIMEZONE", None)
        else:
            os.environ["KCC_TIMEZONE"] = before


def plan_run(con: duckdb.DuckDBPyConnection) -> pipeline.PlanRun:
    """Settings, forecast demand, roster and interval plan of the default horizon, as the
    pages make them (``kcc.pipeline.run_plan``, which ``kcc.ui.plan_cache`` caches step by
    step)."""
    return pipeline.run_plan(con, horizon_weeks=HORIZON_WEEKS, roster_source="roster")


def scenario_baseline(run: pipeline.PlanRun) -> pipeline.Baseline:
    """The first ``PERIOD_WEEKS`` weeks of the plan's demand with closed-hours attempts
    (``kcc.pipeline.scenario_baseline``, as ``kcc.ui.scenario_cache.baseline`` makes it)."""
    base = pipeline.scenario_baseline(run.demand, run.roster, run.history, run.stored,
                                      PERIOD_WEEKS)
    assert base is not None, "the demo centre has demand"
    return base


# --------------------------------------------------------------------------- the levers


def lever_specs(opening_hours: tuple[ChannelHours, ...]) -> dict[str, ScenarioSpec]:
    """Each lever alone at a setting that changes the numbers, the baseline and all combined.

    Parameters
    ----------
    opening_hours : tuple of ChannelHours
        The demo's opening hours (the phone's are extended from them).
    """
    phone = next(h for h in opening_hours if h.channel == "phone")
    late_phone = phone
    for day in range(5):  # Monday to Friday until 22:00
        late_phone = late_phone.with_day(day, phone.open_min[day], 22 * 60)
    levers = {
        "opening_hours": ScenarioSpec(opening_hours=(late_phone,)),
        "closed_hours": ScenarioSpec(closed_hours=ClosedHoursBehaviour(
            callback_share=0.4, digital_share=0.3, digital_channel="whatsapp", redial_window_min=90)),
        "channel_mix": ScenarioSpec(shifts=(
            ChannelShift("phone", "self_service", 0.10, containment=0.6, failure_share=0.3),
            ChannelShift("chat", "whatsapp", 0.20, aht_s=400.0, containment=0.9, failure_share=0.05),
        )),
        "targets": ScenarioSpec(targets=(
            TargetOverride("phone", target_service_level=0.9, answer_time_s=30.0, target_asa_s=20.0,
                           max_abandon=0.05, max_occupancy=0.85),
            TargetOverride("email", response_share=0.95, response_time_h=4.0),
        )),
        "fcr": ScenarioSpec(fcr=(
            FcrLever("phone", 0.70, 0.80, aht_change=0.10),
            FcrLever("chat", 0.75, 0.85, aht_change=-0.05),
        )),
        "surge": ScenarioSpec(surge=SurgeTest(
            channel="phone", uplift=0.8, weekday=0, start_min=9 * 60, duration_min=240,
            home_agents=10, home_block_min=90, home_delay_min=30, outsource_agents=5,
            outsource_delay_min=120, overtime_agents=5, overtime_min=60)),
        "costs": ScenarioSpec(costs=(
            CostOverride("phone", cost_eur_per_hour=40.0, cost_eur_per_contact=0.5),
            CostOverride("self_service", cost_eur_per_contact=0.2),
        ), flex_premium=0.5),
    }
    combined = ScenarioSpec(
        opening_hours=levers["opening_hours"].opening_hours,
        closed_hours=levers["closed_hours"].closed_hours,
        shifts=levers["channel_mix"].shifts,
        targets=levers["targets"].targets,
        fcr=levers["fcr"].fcr,
        surge=levers["surge"].surge,
        costs=levers["costs"].costs,
        flex_premium=levers["costs"].flex_premium,
    )
    return {"baseline": ScenarioSpec(), **levers, "combined": combined}


class Evaluator:
    """``kcc.pipeline.evaluate`` on the baseline, worked out once per spec (as the page cache
    does: by spec, not by name)."""

    def __init__(self, base: pipeline.Baseline, settings: plan.PlanSettings) -> None:
        self.base = base
        self.settings = settings
        self._done: dict[ScenarioSpec, ScenarioResult] = {}

    def __call__(self, spec: ScenarioSpec, name: str = "") -> ScenarioResult:
        if spec not in self._done:
            self._done[spec] = pipeline.evaluate(self.base, self.settings, spec)
        return dataclasses.replace(self._done[spec], name=name)


# --------------------------------------------------------------------------- to JSON


def _scalar(value: Any) -> Any:
    """A JSON-safe scalar: numpy numbers as Python ones, moments and dates as ISO text."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, (pd.Timestamp, date)):
        return value.isoformat()
    return value


def jsonable(value: Any) -> Any:
    """Dicts, lists, dataclasses and scalars as JSON-safe values (NaN kept as NaN)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, pd.Series):
        return {str(k): _scalar(v) for k, v in value.items()}
    if isinstance(value, pd.DataFrame):
        return frame_records(value)
    return _scalar(value)


def frame_records(frame: pd.DataFrame, keys: tuple[str, ...] = ()) -> Any:
    """A frame as JSON: ``{"key=value, ...": {column: value}}`` by ``keys`` (readable paths in
    a diff), else a list of row dicts."""
    rows = [{str(c): _scalar(v) for c, v in row.items()} for row in frame.to_dict("records")]
    if not keys:
        return rows
    out: dict[str, Any] = {}
    for row in rows:
        name = ", ".join(f"{k}={row.pop(k)}" for k in keys)
        if name in out:
            raise ValueError(f"key {name!r} is not unique")
        out[name] = row
    return out


_NUMBER: Final[re.Pattern[str]] = re.compile(r"(?<![\d.,:])[+\-\u2212]?\d(?:[\d.,:]*\d)?%?")


def numbers_in(text: str) -> list[str]:
    """The numbers of a text as written (``"1.234,5"``, ``"+3,0%"``, ``"08:00"``): the
    summary's numbers in the reader's format, without its wording."""
    return _NUMBER.findall(text)


def _numbers_only(value: Any) -> Any:
    """Every text in a JSON value replaced by the numbers written in it."""
    if isinstance(value, str):
        return numbers_in(value)
    if isinstance(value, dict):
        return {k: _numbers_only(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers_only(v) for v in value]
    return value


# --------------------------------------------------------------------------- plan views


def _detail(the_plan: pd.DataFrame, settings: plan.PlanSettings, channel: str) -> dict[str, Any]:
    rows = the_plan[the_plan["channel"] == channel]
    local = rows["ds"].dt.tz_localize(None)
    monday = local[local.dt.day_of_week == 0].min().normalize()
    ds = monday + pd.Timedelta(hours=int(DETAIL_TIME[:2]), minutes=int(DETAIL_TIME[3:]))
    d = plan.interval_detail(the_plan, channel, ds, settings)
    return {
        "ds": _scalar(d.ds), "model": d.model,
        **{k: _scalar(getattr(d, k)) for k in ("required", "required_p90", "shrinkage",
                                                "required_scheduled", "rostered", "available", "gap")},
        "binding": list(d.binding),
        "inputs": frame_records(d.inputs, ("name",)),
        "achieved": frame_records(d.achieved, ("kpi",)),
        "curve": frame_records(d.curve, ("agents",)),
    }


def _staffing_headline(rows: pd.DataFrame, settings: plan.PlanSettings) -> dict[str, float]:
    """The Staffing page's tiles of one channel (``kcc.ui.views.staffing.headline``)."""
    tot = plan.total(rows)
    days = int(rows["ds"].dt.tz_localize(None).dt.normalize().nunique())
    fte_hours = settings.contract_hours_per_week * days / 7.0
    return {
        "contacts_per_week": float(tot["volume"] / max(days, 1) * 7.0),
        "required_fte": float(tot["required_agent_hours"] / fte_hours),
        "rostered_fte": float(tot["rostered_agent_hours"] / fte_hours),
        "service_level": float(tot["service_level"]),
        "short_agent_hours": float(tot["short_agent_hours"]),
    }


def plan_views(the_plan: pd.DataFrame, settings: plan.PlanSettings) -> dict[str, Any]:
    """What Overview and Staffing show of the plan, beside the plan itself."""
    staffed = the_plan[the_plan["model"] != "none"]
    channels = plan.channel_order(staffed["channel"])
    bridge = plan.budget_bridge(the_plan, settings)
    return {
        "settings": settings.to_json(),
        "overview_tiles": frame_records(plan.overview_tiles(the_plan, settings), ("period", "channel")),
        "worst_gaps": frame_records(plan.worst_gaps(the_plan, n=3)),
        "total": jsonable(plan.total(the_plan)),
        "channel_totals": {c: jsonable(plan.total(staffed[staffed["channel"] == c])) for c in channels},
        "staffing_headline": {c: _staffing_headline(the_plan[the_plan["channel"] == c], settings)
                              for c in channels},
        "weekly": frame_records(plan.summarise(staffed, "W"), ("period", "channel")),
        "monthly": frame_records(plan.summarise(staffed, "M"), ("period", "channel")),
        "budget_weekly": frame_records(bridge.weekly, ("channel", "week")),
        "budget_monthly": frame_records(bridge.monthly, ("channel", "month")),
        "interval_detail": {c: _detail(the_plan, settings, c) for c in channels},
    }


# --------------------------------------------------------------------------- scenario numbers


def _levers_page(result: ScenarioResult) -> dict[str, float]:
    """The numbers the Levers page works out from a result (opening-hours tab)."""
    extra_hours = float(result.by_weekday["delta_open_hours"].sum())
    weekly_cost = result.delta_cost_eur_per_month / scenarios.WEEKS_PER_MONTH
    per_hour = weekly_cost / extra_hours if abs(extra_hours) > 1e-9 else float("nan")
    per_contact = (weekly_cost / result.caught_per_week
                   if abs(result.caught_per_week) > 1e-9 else float("nan"))
    return {"extra_open_hours": extra_hours, "cost_eur_per_extra_hour": float(per_hour),
            "cost_eur_per_caught_contact": float(per_contact)}


def _surge(result: ScenarioResult) -> Any:
    s = result.surge
    if s is None:
        return None
    scalars = {f.name: _scalar(getattr(s, f.name)) for f in dataclasses.fields(s)
               if f.name != "intervals"}
    return {**scalars, "intervals": frame_records(s.intervals, ("ds",))}


def scenario_numbers(result: ScenarioResult) -> dict[str, Any]:
    """Every number of a scenario result except its interval frames (see ``scenario_days``)."""
    return {
        "spec": result.spec.to_dict(),
        "weeks": result.weeks,
        "headline": jsonable(result.headline()),
        "by_channel": frame_records(result.by_channel, ("channel",)),
        "by_weekday": frame_records(result.by_weekday, ("weekday",)),
        "by_hour": frame_records(result.by_hour, ("channel", "hour")),
        "morning_peak": frame_records(result.morning_peak, ("channel", "weekday")),
        "surge": _surge(result),
        "levers_page": _levers_page(result),
    }


def _day_sums(frame: pd.DataFrame, prefix: str) -> pd.DataFrame:
    numeric = [c for c in frame.columns
               if c not in ("channel", "queue", "ds", "interval_min", "model")
               and (pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c]))]
    day = frame["ds"].dt.tz_localize(None).dt.strftime("%Y-%m-%d")
    sums = (frame[numeric].astype(float).assign(channel=frame["channel"], day=day)
            .groupby(["channel", "day"], sort=True).sum(min_count=1))
    return sums.add_prefix(prefix)


def scenario_days(name: str, result: ScenarioResult) -> pd.DataFrame:
    """A scenario's interval frames summed per channel and local day: the scenario plan
    (``plan_``) and its demand (``demand_``). Sums skip NaN (a day without a KPI stays NaN)."""
    out = _day_sums(result.plan, "plan_").join(_day_sums(result.demand, "demand_"), how="outer")
    return out.reset_index().assign(scenario=name)


# --------------------------------------------------------------------------- board summary


def _layout_numbers(summary: report.StrategySummary) -> dict[str, Any]:
    """The numbers of every section as the documents show them (text reduced to its numbers,
    charts' values as drawn)."""
    out: dict[str, Any] = {
        "subtitle": numbers_in(report.subtitle(summary)),
        "prepared": numbers_in(report.prepared_line(summary)),
    }
    for section in report.layout(summary):
        out[section.key] = {
            "text": numbers_in(section.text),
            "facts": [numbers_in(f) for f in section.facts],
            "tables": {t.key: {"columns": [numbers_in(c) for c in t.columns],
                               "rows": [[numbers_in(c) for c in row] for row in t.rows],
                               "total": t.total}
                       for t in section.tables},
            "charts": {c.key: {"categories": [numbers_in(x) for x in c.categories],
                               "series": [jsonable(s.values) for s in c.series]}
                       for c in section.charts},
        }
    return out


def _summary_model(summary: report.StrategySummary) -> dict[str, Any]:
    """The summary's model, every text reduced to its numbers, with its derived totals."""
    model = {f.name: jsonable(getattr(summary, f.name)) for f in dataclasses.fields(summary)
             if f.name not in ("interval_plan", "capacity")}
    for rows in ("weekly", "monthly"):
        for row, data in zip(getattr(summary, rows), model[rows], strict=True):
            data.update(cost_base_eur=row.cost_base_eur, cost_scen_eur=row.cost_scen_eur,
                        cost_rostered_eur=row.cost_rostered_eur)
    return {
        **_numbers_only(model),
        "totals": jsonable(summary.totals()),
        "budget_by_week": frame_records(summary.budget_by_period("week"), ("period",)),
        "budget_by_month": frame_records(summary.budget_by_period("month"), ("period",)),
    }


def board_summary(evaluate: Evaluator, base: pipeline.Baseline, settings: plan.PlanSettings,
                  spec: ScenarioSpec, kept: dict[str, report.StrategySummary] | None = None) -> dict[str, Any]:
    """The Export page's summary of ``spec`` against its baseline, per language (each summary
    also put in ``kept`` by language, when given)."""
    spec = pipeline.summary_spec(spec, EXPORT_SURGE)
    out: dict[str, Any] = {}
    for lang in LANGUAGES:
        baseline = evaluate(spec.baseline(), t("report.baseline", lang))
        result = evaluate(spec, "Scenario")
        summary = pipeline.board_summary(
            base, baseline, result, settings, language=lang, role=report.ROLES[0], role_text="",
            texts={key: "" for key in report.SECTIONS}, title="", prepared_by="",
            prepared_on=PREPARED_ON)
        if kept is not None:
            kept[lang] = summary
        if lang == LANGUAGES[0]:
            out["model"] = _summary_model(summary)
        out[f"layout_{lang}"] = _layout_numbers(summary)
    return out


# --------------------------------------------------------------------------- the run


@dataclass(frozen=True, eq=False, repr=False)
class GoldenRun:
    """Everything the golden files hold.

    Attributes
    ----------
    plan : pandas.DataFrame
        The 13-week interval plan (``kcc.plan.PLAN_COLUMNS``).
    scenario_days : pandas.DataFrame
        Every scenario's plan and demand summed per channel and local day.
    numbers : dict
        JSON-safe: ``plan_views``, ``scenarios``, ``report``.
    summaries : dict
        The combined scenario's board summary per language, as computed (not stored in the
        golden files): its rendered decks are checked as a reader sees them.
    """

    plan: pd.DataFrame
    scenario_days: pd.DataFrame
    numbers: dict[str, Any]
    summaries: dict[str, report.StrategySummary] = field(default_factory=dict)

    def __repr__(self) -> str:
        # short, so a failing test's arguments do not fill the screen
        return (f"GoldenRun(plan={len(self.plan)} rows, scenario_days={len(self.scenario_days)} rows, "
                f"numbers={sorted(self.numbers)})")


def run(progress: Callable[[str], None] | None = None) -> GoldenRun:
    """Build the demo centre in memory and compute the golden numbers.

    Parameters
    ----------
    progress : callable, optional
        Called with the name of each step as it starts.
    """
    say = progress or (lambda step: None)
    with _pinned_zone():
        con = store.connect(":memory:", timezone=TIMEZONE)
        try:
            say("demo")
            demo.load_demo(con, seed=DEMO_SEED)
            say("forecast")
            inputs = plan_run(con)
        finally:
            con.close()
        say("plan")
        the_plan = inputs.plan
        views = plan_views(the_plan, inputs.settings)
        base = scenario_baseline(inputs)
        evaluate = Evaluator(base, inputs.settings)
        specs = lever_specs(base.opening_hours)
        results: dict[str, ScenarioResult] = {}
        for name, spec in specs.items():
            say(f"scenario {name}")
            results[name] = evaluate(spec, name)
        say("frontier")
        frontier = pipeline.frontier(base, inputs.settings, specs["baseline"], FRONTIER_CHANNEL)
        say("report")
        kept: dict[str, report.StrategySummary] = {}
        summaries = {
            "default": board_summary(evaluate, base, inputs.settings, specs["baseline"]),
            "combined": board_summary(evaluate, base, inputs.settings, specs["combined"], kept),
        }
    the_plan = the_plan.copy()
    the_plan.attrs = {}
    numbers = {
        "plan_views": views,
        "scenarios": {
            "baseline_period": {"start": _scalar(base.demand["ds"].min()),
                                "end": _scalar(base.demand["ds"].max()),
                                "rows": len(base.demand),
                                "closed_attempts": float(base.demand["closed_attempts"].sum())},
            "results": {name: scenario_numbers(r) for name, r in results.items()},
            "compare": frame_records(scenarios.compare(list(results.values())), ("name",)),
            "frontier": {FRONTIER_CHANNEL: frame_records(frontier, ("target_service_level",))},
        },
        "report": summaries,
    }
    days = pd.concat([scenario_days(name, r) for name, r in results.items()], ignore_index=True)
    days = days[["scenario", *[c for c in days.columns if c != "scenario"]]]
    return GoldenRun(the_plan, days, numbers, kept)
