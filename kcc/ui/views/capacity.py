"""Inputs of the Capacity plan page: the FTE and hiring settings (saved per centre), the
scenario carried in, a business-driver file, and the plan they make (cached).

Every widget has an explicit ``capacity.*`` key; the numbers come from :mod:`kcc.capacity`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import Final

import pandas as pd
import streamlit as st

from kcc import capacity, plan, staffing, store
from kcc.access import Action
from kcc.capacity import CapacityPlan, CapacitySettings, FteSpec, HiringSpec
from kcc.config import CHANNELS
from kcc.i18n import TranslatedError
from kcc.pipeline import DataKey
from kcc.scenarios import ScenarioResult, ScenarioSpec
from kcc.ui import access, plan_cache
from kcc.ui import scenario_cache as cache
from kcc.ui.state import Translator
from kcc.ui.widgets import channel_label, decimal_input, error_text, file_uploader, fmt_day, fmt_number, fmt_pct

#: The scenario picker's option for the baseline (a saved name cannot hold NUL).
BASELINE: Final[str] = "\u0000baseline"


@dataclass(frozen=True)
class Context:
    """What the page's tabs show: the plan, the settings and what the plan rests on."""

    plan: CapacityPlan
    settings: CapacitySettings
    costs: dict[str, float]
    factors: dict[str, float]
    measured: bool
    baseline: ScenarioResult | None
    fits: tuple[capacity.DriverFit, ...]
    methods: dict[str, str]


# --------------------------------------------------------------------------- cached data


@st.cache_data(show_spinner=False, max_entries=8)
def _volumes(_con: store.Connection, key: DataKey) -> pd.DataFrame:
    return store.period_volumes(_con)


@st.cache_data(show_spinner=False, max_entries=16)
def _inputs(_con: store.Connection, key: DataKey, horizon: int,
            driver: tuple[tuple[pd.Timestamp, float], ...]) -> capacity.CapacityInputs:
    series = pd.Series(dict(driver), dtype=float) if driver else None
    return capacity.capacity_inputs(_volumes(_con, key), horizon, driver=series, events=store.read_events(_con))


# --------------------------------------------------------------------------- settings


def rostered_fte_at_start(con: store.Connection, baseline: ScenarioResult | None) -> float:
    """The rostered FTE of the baseline plan's first week, the Overview's "next week"
    (``kcc.plan.overview_tiles``); 0 without a roster or a baseline plan. Computed once per run
    by the page (and the export) and handed to what needs it."""
    if baseline is None:
        return 0.0
    tiles = plan.overview_tiles(baseline.plan, plan_cache.current_settings(con))
    week = tiles[(tiles["period"] == "week") & (tiles["channel"] == "all")]
    return float(week["rostered_fte"].iloc[0]) if len(week) else 0.0


def roster_heads(rostered_fte: float, fte: FteSpec) -> float:
    """The heads a roster of ``rostered_fte`` holds: over the FTE of one person, whole."""
    return float(round(staffing.heads_of(rostered_fte, fte.fte_per_head))) if rostered_fte > 0 else 0.0


def headcount_stated(con: store.Connection) -> bool:
    """Whether the centre has saved its capacity settings, and with them its heads at the start
    (until then they are the roster's: ``stored_settings``)."""
    return capacity.SETTINGS_KEY in plan_cache.stored_settings(con)


def stored_settings(con: store.Connection, roster_fte: float = 0.0) -> CapacitySettings:
    """The centre's saved capacity settings. Until some are saved: the plan's contract hours,
    and as the heads at the start those of the roster's first week (``roster_heads`` of
    ``roster_fte``, ``rostered_fte_at_start``), so a centre with a roster is not planned as if
    it had to hire everyone."""
    saved = plan_cache.stored_settings(con).get(capacity.SETTINGS_KEY)
    if saved is None:
        contract = plan_cache.current_settings(con).contract_hours_per_week
        fte = FteSpec(contract_hours_per_week=min(48.0, max(12.0, contract)))
        start = roster_heads(roster_fte, fte)
        return CapacitySettings(fte, HiringSpec(start_heads=start))
    try:
        return CapacitySettings.from_json(saved)
    except (TypeError, ValueError):
        return CapacitySettings()


def settings_form(con: store.Connection, tr: Translator, roster_fte: float) -> CapacitySettings:
    """The FTE and hiring settings (``stored_settings``); a valid submit is saved for the
    centre in one write."""
    current = stored_settings(con, roster_fte)
    f, h = current.fte, current.hiring
    with st.expander(tr("capacity.settings"), expanded=False), st.form("capacity.form"):
        a, b, c, d = st.columns(4)
        contract = decimal_input(a, tr("capacity.field.contract_hours_per_week"), value=f.contract_hours_per_week,
                                  step=1.0, key="capacity.contract_h")
        in_shift = decimal_input(b, tr("capacity.field.in_shift_shrinkage") + " [%]", value=100 * f.in_shift_shrinkage,
                                  step=1.0, key="capacity.in_shift_pct")
        out_shift = decimal_input(c, tr("capacity.field.out_of_shift_shrinkage") + " [%]",
                                   value=100 * f.out_of_shift_shrinkage, step=1.0, key="capacity.out_shift_pct")
        efficiency = decimal_input(d, tr("capacity.field.efficiency") + " [%]", value=100 * f.efficiency, step=1.0,
                                    key="capacity.efficiency_pct")
        per_head = decimal_input(a, tr("capacity.field.fte_per_head"), value=f.fte_per_head, step=0.05,
                                  key="capacity.fte_per_head")
        start = decimal_input(b, tr("capacity.field.start_heads"), value=float(h.start_heads), step=1.0,
                               key="capacity.start_heads")
        attrition = decimal_input(c, tr("capacity.field.attrition_per_month") + " [%]",
                                   value=100 * h.attrition_per_month, step=0.5, key="capacity.attrition_pct")
        lead = d.number_input(tr("capacity.field.lead_time_months"), value=h.lead_time_months, step=1,
                              key="capacity.lead_months")
        weeks = a.number_input(tr("capacity.field.training_weeks"), value=h.training_weeks, step=1,
                               key="capacity.training_weeks")
        productivity = decimal_input(b, tr("capacity.field.training_productivity") + " [%]",
                                      value=100 * h.training_productivity, step=5.0, key="capacity.training_pct")
        size = c.number_input(tr("capacity.field.class_size"), value=h.class_size, step=1, key="capacity.class_size")
        classes = d.number_input(tr("capacity.field.max_classes_per_month"), value=h.max_classes_per_month,
                                 step=1, key="capacity.max_classes")
        horizon = a.number_input(tr("capacity.field.horizon_months"), value=h.horizon_months, step=1,
                                 key="capacity.horizon")
        already = b.text_input(tr("capacity.field.already_hired"), value=" ".join(f"{v:g}" for v in h.already_hired),
                               key="capacity.already_hired", help=tr("capacity.already_hired_help"))
        per_hire = decimal_input(c, tr("capacity.field.cost_eur_per_hire"), value=float(h.cost_eur_per_hire),
                                  step=500.0, key="capacity.cost_per_hire")
        if not st.form_submit_button(tr("capacity.save"), type="primary", disabled=not access.can(Action.EDIT_PLAN),
                                     help=access.reason(Action.EDIT_PLAN)):
            return current
    try:
        chosen = CapacitySettings(
            FteSpec(contract, in_shift / 100, out_shift / 100, efficiency / 100, per_head),
            HiringSpec(start, attrition / 100, lead, weeks, productivity / 100, size, classes, horizon,
                       capacity.heads_per_month(already), per_hire),
        )
    except TranslatedError as exc:
        st.error(tr("capacity.invalid", reason=error_text(exc)))
        return current
    _save(con, chosen)
    st.success(tr("capacity.saved"))
    return chosen


def with_start_source(con: store.Connection, result: CapacityPlan, roster_fte: float) -> CapacityPlan:
    """``result`` naming the roster's FTE its heads at the start come from, when the centre
    has saved no headcount (``stored_settings``), so the board summary says so."""
    if headcount_stated(con) or result.hiring.spec.start_heads <= 0:
        return result
    return replace(result, start_roster_fte=roster_fte)


def start_heads_notice(con: store.Connection, tr: Translator, settings: CapacitySettings,
                       roster_fte: float) -> None:
    """Say where the heads at the start come from when the centre has not stated them: the
    roster (an estimate to replace with today's headcount), or nothing, when the plan hires
    the whole centre, which on its own reads as a verdict on the centre."""
    field, where = tr("capacity.field.start_heads"), tr("capacity.settings")
    if settings.hiring.start_heads <= 0:
        st.warning(tr("capacity.no_start_heads", field=field, settings=where))
    elif not headcount_stated(con) and roster_fte > 0:
        st.info(tr("capacity.start_from_roster", heads=fmt_number(settings.hiring.start_heads, 0),
                   fte=fmt_number(roster_fte, 1),
                   per_head=fmt_number(settings.fte.fte_per_head, 2), field=field, settings=where))


@access.requires(Action.EDIT_PLAN)
def _save(con: store.Connection, chosen: CapacitySettings) -> None:
    store.write_setting(con, capacity.SETTINGS_KEY, chosen.to_json())  # one transaction


def cover_settings(con: store.Connection, settings: CapacitySettings) -> CapacitySettings:
    """``settings`` with the efficiency per channel of the centre's last shift covers (setting
    ``kcc.capacity.COVER_EFFICIENCY_KEY``, written when a cover is solved)."""
    covers = capacity.cover_efficiencies(plan_cache.stored_settings(con).get(capacity.COVER_EFFICIENCY_KEY))
    return replace(settings, fte=capacity.with_cover_efficiencies(settings.fte, covers))


def with_cover(con: store.Connection, settings: CapacitySettings, tr: Translator) -> CapacitySettings:
    """The shift cover's efficiency per channel where one has been solved, saying where each
    number comes from; the default said otherwise."""
    covers = capacity.cover_efficiencies(plan_cache.stored_settings(con).get(capacity.COVER_EFFICIENCY_KEY))
    if not covers:
        st.caption(tr("capacity.efficiency_default", value=fmt_pct(settings.fte.efficiency)))
        return settings
    st.caption(tr("capacity.efficiency_cover", values="; ".join(
        tr("capacity.efficiency_from_cover", channel=channel_label(c.channel, tr), value=fmt_pct(c.efficiency),
           week=fmt_day(c.week)) for c in covers), default=fmt_pct(settings.fte.efficiency)))
    return replace(settings, fte=capacity.with_cover_efficiencies(settings.fte, covers))


# --------------------------------------------------------------------------- scenario and drivers


def saved_specs(con: store.Connection) -> dict[str, ScenarioSpec]:
    """Saved scenarios that load, by name."""
    specs: dict[str, ScenarioSpec] = {}
    for row in cache.saved_scenarios(con).itertuples():
        try:
            specs[str(row.name)] = ScenarioSpec.from_dict(row.spec)
        except ValueError:
            continue  # the Scenarios page says why
    return specs


def has_intervals(con: store.Connection) -> bool:
    """Whether the centre holds interval history, the only kind that measures the requirement
    per workload hour (day, week or month totals spread by a profile do not)."""
    series = plan_cache.series(con)
    return not series.empty and int(series["interval_min"].min()) < capacity.monthly.DAY_MIN


def baseline_result(con: store.Connection, tr: Translator) -> ScenarioResult | None:
    """The baseline's evaluation (its interval plan measures the requirement per workload hour);
    None when the centre has no interval history to plan on."""
    if not has_intervals(con):
        return None
    base = cache.baseline(con, tr)
    if base is None:
        return None
    return cache.evaluate(con, base, ScenarioSpec(), tr("scenarios.baseline"))


def scenario_scale(con: store.Connection, tr: Translator, name: str,
                   specs: dict[str, ScenarioSpec]) -> dict[str, float]:
    """Per channel workload multiplier of a saved scenario (its required FTE over the baseline's)."""
    base = cache.baseline(con, tr)
    if base is None or name not in specs:
        return {}
    return capacity.scenario_scale(cache.evaluate(con, base, specs[name], name).by_channel)


def driver_upload(tr: Translator) -> pd.Series | None:
    """An optional driver file (date, value per row) as monthly totals; errors named."""
    upload = file_uploader(tr, tr("capacity.drivers"), types=["csv", "txt"], key="capacity.driver_file",
                           help=tr("capacity.drivers_help"), max_mb=capacity.MAX_DRIVER_MB)
    if upload is None:
        return None
    try:
        frame = pd.read_csv(io.BytesIO(upload.getvalue()), sep=None, engine="python", dtype=str)
        return capacity.driver_months(frame)
    except TranslatedError as exc:
        st.error(error_text(exc))
    except (ValueError, UnicodeDecodeError):
        st.error(tr("capacity.error.driver_file", row=1))
    return None


# --------------------------------------------------------------------------- the plan


def costs_of(con: store.Connection) -> dict[str, float]:
    """Loaded cost of an agent hour per channel from the plan settings. [EUR/h]"""
    settings = plan_cache.current_settings(con)
    return {c: float(settings.cost_for(c)) for c in CHANNELS}


def make_plan(con: store.Connection, tr: Translator, settings: CapacitySettings,
              driver: pd.Series | None, scale: dict[str, float], scenario: str,
              baseline: ScenarioResult | None) -> Context | None:
    """The capacity plan of the centre with these settings; None (with the reason shown) when
    it cannot be made."""
    key = plan_cache.data_key(con).volumes_only()
    drivers = tuple(driver.items()) if driver is not None else ()
    try:
        inputs = _inputs(con, key, settings.hiring.horizon_months, drivers)
    except TranslatedError as exc:
        st.error(error_text(exc))
        return None
    factors = capacity.requirement_factors(baseline.plan) if baseline is not None else {}
    costs = costs_of(con)
    result = capacity.capacity_plan(inputs.forecast, inputs.aht_s, factors, settings.fte, settings.hiring, costs,
                                    scale=scale, scenario=scenario)
    methods = inputs.forecast.groupby("channel")["method"].agg(lambda m: m.iloc[-1]).to_dict()
    return Context(result, settings, costs, factors, baseline is not None, baseline, inputs.fits, methods)


def plan_for(con: store.Connection, tr: Translator, context: Context, name: str,
             specs: dict[str, ScenarioSpec]) -> CapacityPlan:
    """The same plan with a saved scenario carried in (the comparison)."""
    key = plan_cache.data_key(con).volumes_only()
    inputs = _inputs(con, key, context.settings.hiring.horizon_months, ())
    scale = scenario_scale(con, tr, name, specs) if name != BASELINE else {}
    return capacity.capacity_plan(inputs.forecast, inputs.aht_s, context.factors, context.plan.fte_spec,
                                  context.settings.hiring, context.costs, scale=scale, scenario=name)


def explain(tr: Translator, context: Context) -> None:
    """Where the plan's numbers come from, in captions."""
    methods = ", ".join(channel_label(c, tr) + ": " + tr(f"capacity.method_{m}")
                        for c, m in sorted(context.methods.items()))
    st.caption(tr("capacity.methods", values=methods))
    if context.measured:
        st.caption(tr("capacity.factors", values=", ".join(
            f"{channel_label(c, tr)} {fmt_number(v, 2)}" for c, v in sorted(context.factors.items()))))
    else:
        st.caption(tr("capacity.no_intervals", occupancy=fmt_pct(capacity.DEFAULT_OCCUPANCY, 0)))
    if context.plan.scale:
        st.caption(tr("capacity.scenario_scale", values=", ".join(
            f"{channel_label(c, tr)} x{fmt_number(v, 3)}" for c, v in context.plan.scale)))
    for fit in context.fits:
        st.caption(tr("capacity.driver_fit", channel=channel_label(fit.channel, tr),
                      per_driver=fmt_number(fit.per_driver, 3), intercept=fmt_number(fit.intercept, 0),
                      r2=fmt_number(fit.r2, 2), months=fit.months))



def for_export(con: store.Connection, tr: Translator, baseline: ScenarioResult,
               scenario: ScenarioResult) -> CapacityPlan | None:
    """The capacity plan for the board summary, as the Capacity plan page makes it: the
    centre's saved settings, the requirement per workload hour of the exported baseline and the
    chosen scenario carried in where the centre has interval history (otherwise the default
    occupancy, unscaled, as the page shows); None when the history holds no complete month."""
    roster_fte = rostered_fte_at_start(con, baseline)
    settings = cover_settings(con, stored_settings(con, roster_fte))
    key = plan_cache.data_key(con).volumes_only()
    try:
        inputs = _inputs(con, key, settings.hiring.horizon_months, ())
    except TranslatedError:
        return None
    measured = has_intervals(con)
    factors = capacity.requirement_factors(baseline.plan) if measured else {}
    scale = capacity.scenario_scale(scenario.by_channel) if measured and scenario.spec != baseline.spec else {}
    return with_start_source(con, capacity.capacity_plan(inputs.forecast, inputs.aht_s, factors, settings.fte,
                                                         settings.hiring, costs_of(con), scale=scale,
                                                         scenario=scenario.name), roster_fte)
