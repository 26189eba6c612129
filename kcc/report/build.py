"""Building the summary from the evaluations of the baseline and of the chosen scenario."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from kcc import plan, scenarios, staffing
from kcc.config import CHANNELS
from kcc.formatting import fmt_eur, fmt_number, fmt_pct, fmt_unit
from kcc.i18n import t
from kcc.plan import PlanSettings
from kcc.report.model import (
    LANGUAGES,
    BudgetRow,
    ChannelGoal,
    ChannelOutcome,
    Item,
    SimulatedChannel,
    SimulationCheck,
    StrategySummary,
    StressSummary,
    whole_weeks,
)
from kcc.report.outlook import calamity_outlook, fcr_figures, key_figures, people_rows
from kcc.report.wording import channel_name, finite, hours_text, tr_for
from kcc.scenarios import (
    ChannelHours,
    RepeatMeasure,
    RepeatSettings,
    ScenarioResult,
    ScenarioSpec,
    StrategyChoices,
    SurgeResult,
    SurgeTest,
    format_hhmm,
)
from kcc.simulation import SimulationResult


def _local_naive(ds: pd.Series) -> pd.Series:
    ds = pd.to_datetime(ds)
    return ds.dt.tz_localize(None) if ds.dt.tz is not None else ds


def _channel_order(channels: Iterable[str]) -> list[str]:
    order = {c: i for i, c in enumerate(CHANNELS)}
    return sorted(set(channels), key=lambda c: (order.get(c, len(order)), c))


def channel_hours_text(hours: ChannelHours | None, lang: str = "en") -> str:
    """Opening hours of one channel worded, as ``hours_text`` does.

    Parameters
    ----------
    hours : kcc.scenarios.ChannelHours or None
        ``None`` means open around the clock.
    lang : {"en", "nl"}

    Returns
    -------
    str
    """
    if hours is None:
        return hours_text({d: ("00:00", "24:00") for d in range(7)}, lang)
    return hours_text(
        {d: None if o == c else (format_hhmm(o), format_hhmm(c))
         for d, (o, c) in enumerate(zip(hours.open_min, hours.close_min, strict=True))},
        lang,
    )


def stress_from_surge(result: SurgeResult, surge: SurgeTest, lang: str = "en") -> StressSummary:
    """The stress test as the summary tells it.

    The backlog curve is taken once an hour, from the hour before the surge until two hours
    after the slower recovery (at most a day), labelled in hours since the surge started.

    Parameters
    ----------
    result : kcc.scenarios.SurgeResult
        ``kcc.scenarios.simulate_surge`` output.
    surge : kcc.scenarios.SurgeTest
        The surge that was simulated.
    lang : {"en", "nl"}
        The language of the hour labels (``+1 h``, Dutch ``+1 u``).

    Returns
    -------
    StressSummary
    """
    def hours_or_none(minutes: float) -> float | None:
        return None if not math.isfinite(minutes) else minutes / 60.0

    frame = result.intervals
    labels: tuple[str, ...] = ()
    without: tuple[float, ...] = ()
    with_: tuple[float, ...] = ()
    if frame is not None and len(frame):
        ds = pd.DatetimeIndex(frame["ds"])
        local = ds.tz_localize(None) if ds.tz is not None else ds
        first_day = local[local.day_of_week == surge.weekday].normalize()
        start = (first_day[0] if len(first_day) else local[0].normalize()) + pd.Timedelta(minutes=surge.start_min)
        offset_min = ((local - start).total_seconds() / 60.0).to_numpy()
        # one point per hour: the backlog at the end of each whole hour since the start
        step = max(1, round(60 / max(int(frame["interval_min"].iloc[0]), 1)))
        pick = np.flatnonzero(np.isclose(np.mod(offset_min + float(frame["interval_min"].iloc[0]), 60.0), 0.0))
        if not pick.size:
            pick = np.arange(0, len(frame), step)
        # show the surge and its recovery, not the quiet day after it
        recoveries = [m for m in (result.recovery_min_without, result.recovery_min_with) if math.isfinite(m)]
        horizon_min = surge.duration_min + (max(recoveries) if recoveries else 360.0) + 120.0
        pick = pick[offset_min[pick] < min(horizon_min, 24 * 60.0)]
        labels = tuple(fmt_unit((offset_min[i] + float(frame["interval_min"].iloc[0])) / 60.0,
                                t("common.unit_h", lang), lang=lang, signed=True)
                       for i in pick)
        without = tuple(float(v) for v in frame["backlog_without"].to_numpy(float)[pick])
        with_ = tuple(float(v) for v in frame["backlog_with"].to_numpy(float)[pick])
    return StressSummary(
        channel=surge.channel,
        surge=float(surge.uplift),
        duration_h=surge.duration_min / 60.0,
        peak_backlog_without=float(result.peak_backlog_without),
        peak_backlog_with=float(result.peak_backlog_with),
        service_level_without=float(result.service_level_without) if finite(result.service_level_without) else None,
        service_level_with=float(result.service_level_with) if finite(result.service_level_with) else None,
        recovery_without_h=hours_or_none(float(result.recovery_min_without)),
        recovery_with_h=hours_or_none(float(result.recovery_min_with)),
        extra_cost_eur=float(result.flex_cost_eur),
        hour_labels=labels,
        backlog_without=without,
        backlog_with=with_,
    )


def _budget_rows(base: pd.DataFrame, scen: pd.DataFrame, key: str, base_settings: PlanSettings,
                 scen_settings: PlanSettings) -> tuple[BudgetRow, ...]:
    """Weekly or monthly rows of two ``kcc.plan.budget_bridge`` tables side by side."""
    columns = ["channel", key, "days", "required_agent_hours", "rostered_agent_hours"]
    merged = pd.merge(
        base.reindex(columns=columns), scen.reindex(columns=columns),
        on=["channel", key], how="outer", suffixes=("_b", "_s"),
    )
    if merged.empty:
        return ()
    merged["days"] = merged["days_s"].fillna(merged["days_b"]).astype(float)
    merged = merged.fillna(0.0)
    merged["_order"] = merged["channel"].map({c: i for i, c in enumerate(CHANNELS)}).fillna(len(CHANNELS))
    merged = merged.sort_values([key, "_order"])
    rows = []
    for row in merged.itertuples(index=False):
        start = pd.Timestamp(getattr(row, key))
        if key == "week":
            iso = start.isocalendar()
            label = f"{iso[0]}-W{iso[1]:02d}"
        else:
            label = f"{start:%Y-%m}"
        rows.append(BudgetRow(
            period=label,
            channel=str(row.channel),
            weeks=staffing.weeks_of(float(row.days)),
            hours_base_h=float(row.required_agent_hours_b),
            hours_scen_h=float(row.required_agent_hours_s),
            # the roster is the same in both; take the scenario's rows, else the baseline's
            hours_rostered_h=float(row.rostered_agent_hours_s or row.rostered_agent_hours_b),
            rate_base_eur_per_hour=float(base_settings.cost_for(str(row.channel))),
            rate_scen_eur_per_hour=float(scen_settings.cost_for(str(row.channel))),
        ))
    return tuple(rows)


def _goals(settings: PlanSettings, channels: Sequence[str]) -> tuple[ChannelGoal, ...]:
    goals = []
    for channel in channels:
        targets = settings.targets_for(channel)
        model = plan.channel_model(channel, targets)
        if model == "none":
            continue
        goals.append(ChannelGoal.from_targets(channel, targets, deferred=model == "backlog"))
    return tuple(goals)


def _source(tr: Callable[..., str], changed: bool) -> str:
    """Where an assumption comes from: the scenario when it changed it, else the settings."""
    return tr("report.source_scenario" if changed else "report.source_setting")


def _channel_assumptions(settings: PlanSettings, scen_settings: PlanSettings, spec: ScenarioSpec,
                         channels: Sequence[str], lang: str) -> list[Item]:
    """Assumptions with a value per channel: targets, shrinkage, costs, first-contact resolution."""
    tr = tr_for(lang)
    staffed = [c for c in channels if plan.channel_model(c, scen_settings.targets_for(c)) != "none"]
    live = [c for c in staffed if plan.channel_model(c, scen_settings.targets_for(c)) != "backlog"]
    deferred = [c for c in staffed if c not in live]
    chat = [c for c in staffed if plan.channel_model(c, scen_settings.targets_for(c)) == "chat"]

    def per_channel(key: str, unit: str, which: Sequence[str],
                    get: Callable[[PlanSettings, str], float | None]) -> Item | None:
        values = tuple((c, get(scen_settings, c)) for c in which)
        if not values or all(v is None for _, v in values):
            return None
        changed = any(get(scen_settings, c) != get(settings, c) for c in which)
        return Item(tr(key), unit, values, _source(tr, changed))

    sec, pct = tr("common.unit_s"), "%"
    items = [
        per_channel("report.as_target_sl", pct, staffed, lambda s, c: s.targets_for(c).target_service_level),
        per_channel("report.as_answer_s", sec, live, lambda s, c: s.targets_for(c).answer_time_s),
        per_channel("report.as_response_h", tr("common.unit_h"), deferred,
                    lambda s, c: s.targets_for(c).response_time_h),
        per_channel("report.as_asa", sec, live, lambda s, c: s.targets_for(c).target_asa_s),
        per_channel("report.as_max_abandon", pct, live, lambda s, c: s.targets_for(c).max_abandon),
        per_channel("report.as_max_occupancy", pct, staffed, lambda s, c: s.targets_for(c).max_occupancy),
        per_channel("report.as_concurrency", tr("report.unit_sessions"), chat,
                    lambda s, c: s.targets_for(c).concurrency),
        per_channel("report.as_shrinkage", pct, staffed, lambda s, c: s.shrinkage_for(c)),
        per_channel("report.as_cost_hour", tr("report.unit_eur_h"), staffed, lambda s, c: s.cost_for(c)),
    ]
    out = [item for item in items if item is not None]
    per_contact = tuple((c.channel, c.cost_eur_per_contact) for c in spec.costs if c.cost_eur_per_contact)
    if per_contact:
        out.append(Item(tr("report.as_cost_contact"), tr("report.unit_eur_contact"), per_contact, _source(tr, True)))
    if spec.fcr:
        out.append(Item(tr("report.as_fcr_base"), pct, tuple((f.channel, f.fcr_baseline) for f in spec.fcr),
                        _source(tr, True)))
        out.append(Item(tr("report.as_fcr"), pct, tuple((f.channel, f.fcr) for f in spec.fcr), _source(tr, True)))
        longer = tuple((f.channel, f.aht_change) for f in spec.fcr if f.aht_change)
        if longer:
            out.append(Item(tr("report.as_aht_change"), pct, longer, _source(tr, True)))
    return out


def _general_assumptions(settings: PlanSettings, scen_settings: PlanSettings, spec: ScenarioSpec,
                         lang: str, shift_flows: pd.DataFrame | None = None,
                         channels: Sequence[str] | None = None) -> list[Item]:
    """Assumptions that hold for all channels: contract, premium, closed hours, shifts, surge."""
    tr = tr_for(lang)
    sec, pct = tr("common.unit_s"), "%"
    general = [
        Item(tr("report.as_contract"), tr("report.unit_h_week"), (("", float(settings.contract_hours_per_week)),),
             _source(tr, False)),
        Item(tr("report.flex_premium"), pct, (("", float(scen_settings.flex_premium)),),
             _source(tr, scen_settings.flex_premium != settings.flex_premium)),
    ]
    behaviour = spec.closed_hours
    default = type(behaviour)()
    changed = behaviour != default
    general += [
        Item(tr("report.as_callback"), pct, (("", behaviour.callback_share),), _source(tr, changed)),
        # a centre without that channel: the movers try again later (kcc.scenarios.demand.constrain)
        Item(tr("report.as_digital" if channels is None or behaviour.digital_channel in channels
                else "report.as_digital_absent", channel=channel_name(behaviour.digital_channel, lang)), pct,
             (("", behaviour.digital_share),), _source(tr, changed)),
        Item(tr("report.as_lost"), pct, (("", behaviour.lost_share),), _source(tr, changed)),
        Item(tr("report.as_redial"), tr("common.unit_min"), (("", behaviour.redial_window_min),), _source(tr, changed)),
    ]
    flows = {} if shift_flows is None else {
        (str(r.source), str(r.target)): float(r.lost_per_week) for r in shift_flows.itertuples()}
    for shift in spec.shifts:
        names = {"source": channel_name(shift.source, lang), "target": channel_name(shift.target, lang)}
        general += [
            Item(tr("report.as_shift", **names), pct, (("", shift.share),), _source(tr, True)),
            Item(tr("report.as_shift_containment", **names), pct, (("", shift.containment),), _source(tr, True)),
            Item(tr("report.as_shift_failure", **names), pct, (("", shift.failure_share),), _source(tr, True)),
            # the rest gives up: shown as lost customers, so a fall in work is not read as a saving
            Item(tr("report.as_shift_lost", **names), pct,
                 (("", round(max(0.0, 1.0 - shift.containment - shift.failure_share), 9)),), _source(tr, True)),
        ]
        lost = flows.get((shift.source, shift.target))
        if lost is not None:
            general.append(Item(tr("report.as_shift_lost_customers", **names), tr("report.unit_contacts_week"),
                                (("", float(round(lost))),), tr("report.source_scenario")))
        if shift.aht_s is not None:
            general.append(Item(tr("report.as_shift_aht", **names), sec, (("", shift.aht_s),), _source(tr, True)))
    surge = spec.surge
    if surge is not None:
        stress = tr("report.source_stress")
        general += [
            Item(tr("report.as_surge_uplift", channel=channel_name(surge.channel, lang)), pct,
                 (("", surge.uplift),), stress),
            Item(tr("report.as_surge_start"), "",
                 (("", f"{t(f'common.weekday_{surge.weekday}', lang)} {format_hhmm(surge.start_min)}"),), stress),
            Item(tr("report.as_surge_duration"), tr("common.unit_min"), (("", surge.duration_min),), stress),
            *(Item(i.name, i.unit, i.values, stress) for i in _flex_items(surge, None, lang)[1:]),
        ]
    return general


def _assumptions(settings: PlanSettings, scen_settings: PlanSettings, spec: ScenarioSpec,
                 channels: Sequence[str], lang: str, shift_flows: pd.DataFrame | None = None) -> tuple[Item, ...]:
    """Every input that is not measured in the data, as the scenario uses it (with the lost
    customers a channel shift's inputs lead to)."""
    return tuple(_channel_assumptions(settings, scen_settings, spec, channels, lang)
                 + _general_assumptions(settings, scen_settings, spec, lang, shift_flows, channels))


def _measure_assumptions(repeats: Mapping[str, RepeatMeasure] | None, repeat_settings: RepeatSettings | None,
                         channels: Sequence[str], lang: str) -> tuple[Item, ...]:
    """How first-contact resolution was measured from customer ids: per channel the measure,
    the contacts it rests on and those left out; the repeat window and the ids that mean
    "not identified". Nothing when no contact carries a customer id."""
    measured = [repeats[c] for c in channels if repeats and c in repeats]
    if not measured:
        return ()
    tr = tr_for(lang)
    kept = repeat_settings or RepeatSettings()
    source, contacts = tr("report.source_measured"), tr("report.unit_contacts")
    return (
        Item(tr("report.as_fcr_measured"), "%", tuple((m.channel, m.fcr) for m in measured), source),
        Item(tr("report.as_fcr_contacts"), contacts, tuple((m.channel, float(m.contacts)) for m in measured), source),
        Item(tr("report.as_fcr_left_out"), contacts, tuple((m.channel, float(m.unidentified)) for m in measured),
             source),
        Item(tr("report.as_repeat_window"), tr("report.unit_days"), (("", float(kept.window_days)),),
             tr("report.source_setting")),
        Item(tr("report.as_unidentified"), "", (("", ", ".join(kept.unidentified) or "–"),),
             tr("report.source_setting")),
    )


def _flex_items(surge: SurgeTest | None, result: SurgeResult | None, lang: str,
                premium: float | None = None) -> tuple[Item, ...]:
    """Flexible capacity: the premium and the stress test's flex pool, outsourcing, overtime."""
    tr = tr_for(lang)
    agents, minutes = tr("report.unit_agents"), tr("common.unit_min")
    items = [Item(tr("report.flex_premium"), "%", (("", premium),))]
    if surge is not None:
        # the details of a source of capacity matter only when it has agents
        items.append(Item(tr("report.flex_pool_agents"), agents, (("", surge.home_agents),)))
        if surge.home_agents:
            items += [Item(tr("report.flex_block_min"), minutes, (("", surge.home_block_min),)),
                      Item(tr("report.flex_start_delay_min"), minutes, (("", surge.home_delay_min),))]
        items.append(Item(tr("report.flex_outsourcing_agents"), agents, (("", surge.outsource_agents),)))
        if surge.outsource_agents:
            items.append(Item(tr("report.flex_outsource_delay_min"), minutes, (("", surge.outsource_delay_min),)))
        items.append(Item(tr("report.flex_overtime_agents"), agents, (("", surge.overtime_agents),)))
        if surge.overtime_agents:
            items.append(Item(tr("report.flex_overtime_min"), minutes, (("", surge.overtime_min),)))
    if result is not None:
        items += [
            Item(tr("report.flex_hours"), tr("common.unit_h"), (("", round(float(result.flex_agent_hours), 1)),)),
            Item(tr("report.flex_cost"), "EUR", (("", round(float(result.flex_cost_eur))),)),
        ]
    return tuple(items)


def _risks(channels: Sequence[ChannelOutcome], goals: Sequence[ChannelGoal], cost_delta_eur: float,
           stress: StressSummary | None, scen_plan: pd.DataFrame, weekly: Sequence[BudgetRow],
           contract_hours: float, lang: str) -> tuple[str, ...]:
    """Risks a board should hear about, worded: roster gaps, missed targets, cost, surge."""
    tr = tr_for(lang)
    risks: list[str] = []
    staffed = scen_plan[(scen_plan["model"] != "none") & (scen_plan["volume"] > 0)] if len(scen_plan) else scen_plan
    if len(staffed):
        short_share = float((staffed["gap"] < -1e-9).mean())
        gaps: dict[str, float] = {}
        for row in whole_weeks(weekly):
            gap_fte = row.fte(row.hours_rostered_h - row.hours_scen_h, contract_hours)
            gaps[row.period] = gaps.get(row.period, 0.0) + gap_fte
        worst = min(gaps, key=gaps.__getitem__) if gaps else None
        # a few short intervals are normal; the board hears of it above 5% of open intervals
        if short_share > 0.05 and worst is not None and gaps[worst] < 0:
            risks.append(tr("report.risk_short", share=fmt_pct(short_share, 0, lang),
                            gap=f"{fmt_number(-gaps[worst], 1, lang)} {tr('report.axis_fte')}", week=worst))
    goal_of = {g.channel: g for g in goals}
    for channel in channels:
        goal = goal_of.get(channel.channel)
        if goal is None:
            continue
        name = channel_name(channel.channel, lang)
        if (finite(channel.service_level_scen) and goal.target_service_level is not None
                and channel.service_level_scen < goal.target_service_level - 0.005):
            risks.append(tr("report.risk_sl", channel=name, achieved=fmt_pct(channel.service_level_scen, 1, lang),
                            target=fmt_pct(goal.target_service_level, 1, lang)))
        if (finite(channel.abandon_scen) and goal.max_abandon is not None
                and channel.abandon_scen > goal.max_abandon + 0.0005):
            risks.append(tr("report.risk_abandon", channel=name, achieved=fmt_pct(channel.abandon_scen, 1, lang),
                            target=fmt_pct(goal.max_abandon, 1, lang)))
    if cost_delta_eur > 0.5:
        risks.append(tr("report.risk_cost_up", delta=fmt_eur(cost_delta_eur, lang)))
    if stress is not None and stress.recovery_without_h is None:
        risks.append(tr("report.risk_stress", surge=fmt_pct(stress.surge, 0, lang)))
    return tuple(risks)


def _plan_kpis(frame: pd.DataFrame, channel: str) -> tuple[float | None, float | None, float, float]:
    """Achieved service level and abandonment [0..1], required and rostered hours [h] of one
    channel's plan rows; (None, None, 0, 0) for a channel that is not staffed."""
    rows = frame[frame["channel"] == channel]
    if rows.empty or (rows["model"] == "none").all():
        return None, None, 0.0, 0.0
    tot = plan.total(rows)
    sl, ab = float(tot["service_level"]), float(tot["p_abandon"])
    return (sl if math.isfinite(sl) else None, ab if math.isfinite(ab) else None,
            float(tot["required_agent_hours"]), float(tot["rostered_agent_hours"]))


def _reach(by_channel: pd.DataFrame, channel: str, column: str) -> float | None:
    """A channel's reachability from ``ScenarioResult.by_channel`` (indexed by channel). [0..1]"""
    if channel not in by_channel.index or column not in by_channel:
        return None
    value = float(by_channel.loc[channel, column])
    return value if math.isfinite(value) else None


def _channel_outcomes(baseline: ScenarioResult, scenario: ScenarioResult, base_settings: PlanSettings,
                      scen_settings: PlanSettings, channels: Sequence[str], base_hours: Mapping[str, ChannelHours],
                      volumes: tuple[pd.Series, pd.Series], contract_hours_per_week: float,
                      weeks: float, lang: str) -> tuple[ChannelOutcome, ...]:
    """Per channel outcomes, baseline against scenario, over a period of ``weeks`` weeks."""
    volume_base, volume_scen = volumes
    by_channel = scenario.by_channel.set_index("channel") if "channel" in scenario.by_channel else scenario.by_channel
    outcomes = []
    for channel in channels:
        sl_b, ab_b, hours_b, rostered_h = _plan_kpis(baseline.plan, channel)
        sl_s, ab_s, hours_s, rostered_s = _plan_kpis(scenario.plan, channel)
        hours_scen = scenario.spec.hours_for(channel) or base_hours.get(channel)
        outcomes.append(ChannelOutcome(
            channel=channel,
            volume_base=float(volume_base.get(channel, 0.0)),
            volume_scen=float(volume_scen.get(channel, 0.0)),
            service_level_base=sl_b, service_level_scen=sl_s,
            abandon_base=ab_b, abandon_scen=ab_s,
            reach_base=_reach(by_channel, channel, "reachability_baseline"),
            reach_scen=_reach(by_channel, channel, "reachability"),
            hours_base=channel_hours_text(base_hours.get(channel), lang),
            hours_scen=channel_hours_text(hours_scen, lang),
            required_fte_base=staffing.fte(hours_b, contract_hours_per_week, weeks),
            required_fte_scen=staffing.fte(hours_s, contract_hours_per_week, weeks),
            rostered_fte=staffing.fte(rostered_s or rostered_h, contract_hours_per_week, weeks),
            cost_base_eur=staffing.labour_cost_eur(hours_b, base_settings.cost_for(channel)),
            cost_scen_eur=staffing.labour_cost_eur(hours_s, scen_settings.cost_for(channel)),
        ))
    return tuple(outcomes)


def _share(value: object) -> float | None:
    return float(value) if finite(value) else None  # type: ignore[arg-type]


def simulation_check(result: SimulationResult) -> SimulationCheck:
    """The board's view of a plan check: its week and each channel's week figures.

    Parameters
    ----------
    result : kcc.simulation.SimulationResult

    Returns
    -------
    SimulationCheck
    """
    channels = tuple(
        SimulatedChannel(
            channel=str(row.channel), measure=str(row.measure), threshold_s=float(row.threshold_s),
            model_share=_share(row.model_share), share=_share(row.share),
            share_lo=_share(row.share_lo), share_hi=_share(row.share_hi),
            model_abandon=_share(row.model_abandon), abandon=_share(row.abandon),
        )
        for row in result.week.itertuples()
    )
    spec = result.spec
    return SimulationCheck(result.start, result.end, spec.replications, spec.seed, spec.confidence,
                           channels)


def build_summary(
    baseline: ScenarioResult,
    scenario: ScenarioResult,
    settings: PlanSettings,
    *,
    language: str = "en",
    role: str | None = None,
    role_text: str = "",
    texts: Mapping[str, str] | None = None,
    title: str = "",
    opening_hours: Sequence[ChannelHours] | None = None,
    prepared_by: str = "",
    prepared_on: date | None = None,
    simulation: SimulationResult | None = None,
    repeats: Mapping[str, RepeatMeasure] | None = None,
    repeat_settings: RepeatSettings | None = None,
    strategy: StrategyChoices | None = None,
    centre_name: str = "",
    logo: bytes | None = None,
) -> StrategySummary:
    """The board summary of ``scenario`` against ``baseline``.

    Parameters
    ----------
    baseline, scenario : kcc.scenarios.ScenarioResult
        ``kcc.scenarios.evaluate_scenario`` of the baseline spec (``spec.baseline()``) and of
        the chosen spec, on the same demand and roster. Their ``plan`` frames give the
        requirement, roster, KPIs and budget; ``scenario.by_channel`` the reachability;
        ``scenario.surge`` the stress test.
    settings : kcc.plan.PlanSettings
        Baseline plan settings; the scenario's follow with ``kcc.scenarios.scenario_settings``.
    language : {"en", "nl"}
        Language of every text in the summary.
    role : {"add_value", "learn", "minimise_cost"}, optional
        The role the centre chooses; default the role of ``strategy`` (``"add_value"``).
    role_text : str
        The role in the user's words; default that of ``strategy``, else a standard wording
        of the role.
    texts : mapping of str to str, optional
        The user's text per section (keys from ``SECTIONS``); empty texts are left out.
    title : str
        Document title; default "Contact strategy".
    opening_hours : sequence of kcc.scenarios.ChannelHours, optional
        Baseline opening hours (the ``opening_hours`` setting); default as the data shows them.
    prepared_by : str
        Who prepares the summary.
    prepared_on : datetime.date, optional
        Default today.
    simulation : kcc.simulation.SimulationResult, optional
        A check by simulation of the plan being exported; shown as "checked by simulation".
    repeats : mapping of str to kcc.scenarios.RepeatMeasure, optional
        First-contact resolution measured from customer ids per channel; with it the
        assumptions state the measure, the contacts it rests on and those left out.
    repeat_settings : kcc.scenarios.RepeatSettings, optional
        How the centre measures it (ids that mean "not identified", repeat window); default
        the standard settings.
    strategy : kcc.scenarios.StrategyChoices, optional
        The stated choices (role, channel purposes, promises, approved budget, attrition,
        hiring lead time, calamity plans, milestones, decision); default none stated.
    centre_name : str
        The contact centre's name, on the title slide.
    logo : bytes, optional
        The centre's logo (PNG or JPEG), on the title slide.

    Returns
    -------
    StrategySummary

    Raises
    ------
    ValueError
        For an unknown language, role or section, naming the allowed values.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    choices = _choices(strategy, role, role_text)
    role, role_text, lang = choices.role, choices.role_text, language
    base_settings = scenarios.scenario_settings(settings, baseline.spec)
    scen_settings = scenarios.scenario_settings(settings, scenario.spec)
    contract = float(settings.contract_hours_per_week)
    base_plan, scen_plan = baseline.plan, scenario.plan

    days = _local_naive(pd.concat([base_plan["ds"], scen_plan["ds"]])).dt.normalize()
    start, end = days.min().date(), days.max().date()
    weeks = staffing.weeks_of(float((end - start).days + 1))

    volume_base = baseline.demand.groupby("channel")["volume"].sum()
    volume_scen = scenario.demand.groupby("channel")["volume"].sum()
    channels = _channel_order(
        [c for c in set(volume_base.index) | set(volume_scen.index)
         if volume_base.get(c, 0.0) > 0 or volume_scen.get(c, 0.0) > 0]
    )
    base_hours = {h.channel: h for h in (opening_hours if opening_hours is not None
                                          else scenarios.infer_opening_hours(baseline.demand))}

    outcomes = _channel_outcomes(baseline, scenario, base_settings, scen_settings, channels, base_hours,
                                 (volume_base, volume_scen), contract, weeks, lang)

    bridge_base = plan.budget_bridge(base_plan, base_settings)
    bridge_scen = plan.budget_bridge(scen_plan, scen_settings)
    weekly = _budget_rows(bridge_base.weekly, bridge_scen.weekly, "week", base_settings, scen_settings)
    monthly = _budget_rows(bridge_base.monthly, bridge_scen.monthly, "month", base_settings, scen_settings)

    surge = scenario.spec.surge
    stress = (stress_from_surge(scenario.surge, surge, lang)
              if scenario.surge is not None and surge is not None else None)
    goals = _goals(scen_settings, channels)
    cost_delta = sum(r.cost_scen_eur - r.cost_base_eur for r in monthly)
    risks = _risks(outcomes, goals, cost_delta, stress, scen_plan, weekly, contract, lang)
    user_texts = tuple((key, str(text).strip()) for key, text in (texts or {}).items() if str(text).strip())
    return StrategySummary(
        title=title.strip() or t("report.default_title", lang),
        language=lang,
        scenario_name=scenario.name or t("report.scenario", lang),
        baseline_name=baseline.name or t("report.baseline", lang),
        period_start=start,
        period_end=end,
        prepared_by=prepared_by,
        prepared_on=prepared_on or date.today(),
        role=role,
        role_text=role_text.strip() or t(f"report.role_default_{role}", lang),
        goals=goals,
        channels=outcomes,
        weekly=weekly,
        monthly=monthly,
        contract_hours_per_week=contract,
        flex=_flex_items(surge, scenario.surge, lang, float(scen_settings.flex_premium)),
        stress=stress,
        risks=risks,
        assumptions=_assumptions(settings, scen_settings, scenario.spec, channels, lang, scenario.shift_flows)
        + _measure_assumptions(repeats, repeat_settings, channels, lang),
        texts=user_texts,
        simulation=simulation_check(simulation) if simulation is not None else None,
        **_story(baseline, scenario, (base_settings, scen_settings), choices, outcomes, repeats, channels),
        centre_name=centre_name.strip(),
        logo=logo,
        interval_plan=scen_plan,
    )


def _choices(strategy: StrategyChoices | None, role: str | None, role_text: str) -> StrategyChoices:
    """The stated choices with the role and its wording given here, where given."""
    choices = strategy or StrategyChoices()
    if role is not None and role not in scenarios.ROLES:
        raise ValueError(f"role must be one of {scenarios.ROLES}, got {role!r}")
    return dataclasses.replace(choices, role=role or choices.role, role_text=role_text.strip() or choices.role_text)


def _story(baseline: ScenarioResult, scenario: ScenarioResult, settings: tuple[PlanSettings, PlanSettings],
           choices: StrategyChoices, outcomes: Sequence[ChannelOutcome],
           repeats: Mapping[str, RepeatMeasure] | None, channels: Sequence[str]) -> dict[str, Any]:
    """The summary's fields for the strategy story: the stated choices, the app's key figures,
    the findings, FCR, people and calamities."""
    days = _local_naive(scenario.plan["ds"]).dt.normalize()
    start = days.min().date()
    people, hire_by = people_rows(outcomes, choices, staffing.weeks_of(float((days.max() - days.min()).days + 1)),
                                  start)
    return {
        "strategy": choices,
        "key_figures": (key_figures(baseline), key_figures(scenario)),
        "findings": plan.plan_findings(scenario.plan, settings[1], baseline=(baseline.plan, settings[0])),
        "fcr": fcr_figures(scenario.spec, repeats, channels),
        "people": people,
        "hire_by": hire_by,
        "calamities": calamity_outlook(choices, scenario.demand),
    }
