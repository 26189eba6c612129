"""A scenario staffed beside its baseline through ``kcc.plan``: the result a board reads,
comparisons and the service-level frontier."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from kcc import checks, plan, staffing
from kcc.scenarios.baseline import hours_to_setting
from kcc.scenarios.demand import NO_AGENT_CHANNELS
from kcc.scenarios.levers import ShiftFlow
from kcc.scenarios.pipeline import (
    Pipeline,
    pipeline_frame,
    run_pipeline,
    scenario_settings,
)
from kcc.scenarios.spec import ChannelHours, ScenarioSpec, SurgeTest
from kcc.scenarios.stress import SurgeResult, simulate_surge
from kcc.scenarios.validation import MINUTES_PER_DAY, WEEKDAYS, remainder

#: Weeks per month for monthly money. [weeks/month]
WEEKS_PER_MONTH: Final[float] = 52.0 / 12.0


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """What a scenario does, in the numbers a board reads.

    Money and FTE are per month and per week of the evaluated period; KPIs are weighted by
    volume over the staffed channels.

    Attributes
    ----------
    name : str
    spec : ScenarioSpec
    weeks : float
        Length of the evaluated period. [weeks]
    fte : float
        FTE needed to meet the targets, shrinkage included. [FTE]
    fte_rostered : float
        FTE on the roster. [FTE]
    cost_eur_per_month : float
        Cost of the required hours plus the cost per contact. [EUR/month]
    cost_eur_per_contact : float
        ``cost_eur_per_month`` per handled contact. [EUR/contact]
    service_level, p_abandon : float
        Achieved when staffed as required. [0..1]
    service_level_roster, p_abandon_roster : float
        Achieved with the roster as it is. [0..1]
    reachability : float
        Share of demand meeting an open channel. [0..1]
    contacts_per_week : float
        Demand as it arrives, all channels. [contacts/week]
    handled_per_week : float
        Contacts handled by agents or contained in self-service. [contacts/week]
    lost_per_week : float
        Contacts lost to closed hours or given up after a channel shift: lost customers, a
        fall in work that is no saving. [contacts/week]
    delta_fte, delta_cost_eur_per_month, caught_per_week : float
        Against the baseline: extra FTE, extra cost, extra contacts reaching an open channel.
    extra_open_hours_per_week : float
        Opening hours added to the baseline, summed over channels and weekdays. [h/week]
    cost_eur_per_extra_hour : float
        Extra weekly cost per extra opening hour; NaN when the hours did not change. [EUR/h]
    cost_eur_per_caught_contact : float
        Extra weekly cost per extra contact reaching an open channel; NaN when none was
        caught. [EUR/contact]
    by_channel : pandas.DataFrame
        ``channel, fte, fte_rostered, cost_eur_per_month, service_level, p_abandon,
        reachability, contacts_per_week, lost_per_week`` and the baseline's ``*_baseline``.
    by_weekday : pandas.DataFrame
        ``weekday, open_hours, open_hours_baseline, delta_open_hours [h/week], fte, fte_baseline,
        delta_fte [FTE], cost_eur_per_week, delta_cost_eur_per_week [EUR/week], caught_per_week
        [contacts/week], cost_eur_per_extra_hour [EUR/h], cost_eur_per_caught_contact
        [EUR/contact]``.
    by_hour : pandas.DataFrame
        ``channel, hour, arrivals, reached, reached_baseline [contacts/week], reachability,
        reachability_baseline [0..1]``.
    morning_peak : pandas.DataFrame
        Per channel and weekday the first hour after opening: ``open_min``, ``first_hour_volume``,
        ``first_hour_volume_baseline``, ``first_hour_callbacks`` [contacts/day] and
        ``peak_required``, ``peak_required_baseline`` [agents].
    demand : pandas.DataFrame
        :func:`scenario_demand` output.
    plan : pandas.DataFrame
        ``kcc.plan.build_plan`` of the scenario demand.
    surge : SurgeResult or None
    shift_flows : pandas.DataFrame
        Per channel shift, where its moved contacts end up (:func:`shift_flow_frame`):
        handled in the new channel, coming back to the original one, or lost customers.
    """

    name: str
    spec: ScenarioSpec
    weeks: float
    fte: float
    fte_rostered: float
    cost_eur_per_month: float
    cost_eur_per_contact: float
    service_level: float
    p_abandon: float
    service_level_roster: float
    p_abandon_roster: float
    reachability: float
    contacts_per_week: float
    handled_per_week: float
    lost_per_week: float
    delta_fte: float
    delta_cost_eur_per_month: float
    caught_per_week: float
    extra_open_hours_per_week: float
    cost_eur_per_extra_hour: float
    cost_eur_per_caught_contact: float
    by_channel: pd.DataFrame
    by_weekday: pd.DataFrame
    by_hour: pd.DataFrame
    morning_peak: pd.DataFrame
    demand: pd.DataFrame
    plan: pd.DataFrame
    surge: SurgeResult | None = None
    shift_flows: pd.DataFrame = field(default_factory=lambda: shift_flow_frame((), 1.0))

    def headline(self) -> dict[str, float]:
        """The scalar numbers (for tables and tests)."""
        return {
            name: getattr(self, name)
            for name in (
                "fte", "fte_rostered", "cost_eur_per_month", "cost_eur_per_contact", "service_level",
                "p_abandon", "service_level_roster", "p_abandon_roster", "reachability",
                "contacts_per_week", "handled_per_week", "lost_per_week", "delta_fte",
                "delta_cost_eur_per_month", "caught_per_week",
            )
        }


def shift_flow_frame(flows: Sequence[ShiftFlow], weeks: float) -> pd.DataFrame:
    """Channel shifts' flows per week: every moved contact handled, back or lost.

    Parameters
    ----------
    flows : sequence of ShiftFlow
        Totals over the evaluated period. [contacts]
    weeks : float
        Length of the period. [weeks]

    Returns
    -------
    pandas.DataFrame
        ``source, target, moved_per_week, handled_per_week, came_back_per_week,
        lost_per_week`` [contacts/week] (the last three add up to the first exactly) and
        ``lost_share`` (of the moved contacts; NaN when none moved) [0..1].
    """
    rows = []
    for f in flows:
        moved, handled, back = f.moved / weeks, f.handled / weeks, f.came_back / weeks
        lost = remainder(moved, [handled, back])
        rows.append({"source": f.source, "target": f.target, "moved_per_week": moved,
                     "handled_per_week": handled, "came_back_per_week": back, "lost_per_week": lost,
                     "lost_share": lost / moved if moved > 0 else float("nan")})
    return pd.DataFrame(rows, columns=["source", "target", "moved_per_week", "handled_per_week",
                                       "came_back_per_week", "lost_per_week", "lost_share"])


def _peak(paid: pd.Series) -> float:
    """Most agents to schedule in one interval, as whole people; 0 without intervals."""
    return float(staffing.head_count(paid.max())) if len(paid) else 0.0


def _roster_from_plan(plan_frame: pd.DataFrame) -> pd.DataFrame:
    return plan_frame[["channel", "ds", "interval_min"]].assign(agents=plan_frame["required_scheduled"].to_numpy(float))


def _closed_on_holidays(service: dict[str, Any], country: str, closed_days: Sequence[str] = ()) -> dict[str, Any]:
    """Service hours with deferred work closed on ``country``'s public holidays and on the days
    the user marked closed, as ``kcc.plan.service_hours`` gives the Staffing page's plan (no
    country and no marked days: nothing closed)."""
    extra: dict[str, Any] = {}
    if country:
        extra[plan.HOLIDAYS_KEY] = country
    if closed_days:
        extra[plan.CLOSED_DAYS_KEY] = sorted(str(d) for d in closed_days)
    if not extra:
        return service
    return {**service, **{c: {**service.get(c, {}), **extra} for c in sorted(plan.DEFERRED_CHANNELS)}}


def _plan_for(
    demand_frame: pd.DataFrame,
    roster: pd.DataFrame | None,
    settings: Any,
    hours: Sequence[ChannelHours],
    working: Sequence[ChannelHours],
    holidays_country: str = "",
    closed_days: Sequence[str] = (),
) -> pd.DataFrame:
    return _plans_for(demand_frame, roster, (settings,), hours, working, holidays_country, closed_days)[0]


def _plans_for(
    demand_frame: pd.DataFrame,
    roster: pd.DataFrame | None,
    settings: Sequence[Any],
    hours: Sequence[ChannelHours],
    working: Sequence[ChannelHours],
    holidays_country: str = "",
    closed_days: Sequence[str] = (),
) -> list[pd.DataFrame]:
    """``_plan_for`` each of ``settings`` on one demand (``kcc.plan.build_plans``)."""
    staffed = demand_frame[~demand_frame["channel"].isin(NO_AGENT_CHANNELS)]
    service = _closed_on_holidays(hours_to_setting([*hours, *working]), holidays_country, closed_days)
    return plan.build_plans(staffed[list(plan.DEMAND_COLUMNS)], roster, settings, open_hours=service)


def _summary(p: Pipeline, frame: pd.DataFrame, plan_frame: pd.DataFrame, staffed_plan: pd.DataFrame | None,
             settings: Any, spec: ScenarioSpec, which: str) -> dict[str, Any]:
    """Scalars and per-channel/weekday sums of one side (``scn`` or ``base``).

    FTE and KPIs use the definitions of the Staffing and Overview pages (``kcc.plan.total``
    and ``kcc.staffing.fte``: agent hours / (contract hours x days / 7), KPIs weighted by
    volume), so the baseline scenario shows the plan's numbers for the same days.
    """
    days = max(1, len(np.unique(p.grid.day)))
    weeks = staffing.weeks_of(float(days))
    contract = float(settings.contract_hours_per_week)
    agent_hours = staffing.agent_hours(plan_frame["required_scheduled"].to_numpy(float),
                                       plan_frame["interval_min"].to_numpy(float))
    # KPIs "when staffed as required" come from the staffed plan when there is one
    kpi = staffed_plan if staffed_plan is not None else plan_frame
    return {
        **_side_totals(p, frame, plan_frame, kpi, spec, which, weeks, contract),
        "by_channel": _channel_sums(p, frame, plan_frame, kpi, agent_hours, which, weeks, contract),
        "by_weekday": _weekday_sums(p, frame, plan_frame, agent_hours, which, contract),
    }


def _suffix(which: str) -> str:
    """Column suffix of one side in the pipeline frame: none for the scenario."""
    return "" if which == "scn" else "_baseline"


def _side_totals(p: Pipeline, frame: pd.DataFrame, plan_frame: pd.DataFrame, kpi: pd.DataFrame,
                 spec: ScenarioSpec, which: str, weeks: float, contract: float) -> dict[str, float]:
    """One side's scalars: FTE, money, KPIs and contact flows over the period."""
    suffix = _suffix(which)
    per_contact = {c.channel: c.cost_eur_per_contact for c in spec.costs} if which == "scn" else {}
    volume = frame[f"volume{suffix}"].to_numpy(float)
    contact_cost = (frame["channel"].map(per_contact).fillna(0.0).to_numpy(float) * volume).sum()
    cost = plan_frame["cost_required_eur"].to_numpy(float).sum() + contact_cost
    arrivals = frame[f"arrivals{suffix}"]
    reached = frame[f"reached{suffix}"]
    lost = (p.scn.lost.sum() + p.gave_up.sum()) if which == "scn" else p.base.lost.sum()
    no_agent = frame["channel"].isin(NO_AGENT_CHANNELS)
    handled = volume[~no_agent.to_numpy()].sum() + frame.loc[no_agent, f"volume{suffix}"].sum()
    with_roster = plan.total(plan_frame, staffed_only=False)
    staffed = plan.total(kpi, staffed_only=False)
    return {
        "weeks": weeks,
        "fte": float(staffing.fte(float(with_roster["required_agent_hours"]), contract, weeks)),
        "fte_rostered": float(staffing.fte(float(with_roster["rostered_agent_hours"]), contract, weeks)),
        "cost_eur_per_month": cost / weeks * WEEKS_PER_MONTH,
        "cost_eur_per_contact": cost / handled if handled > 0 else float("nan"),
        "service_level": float(staffed["service_level"]),
        "p_abandon": float(staffed["p_abandon"]),
        "service_level_roster": float(with_roster["service_level"]),
        "p_abandon_roster": float(with_roster["p_abandon"]),
        "reachability": float(reached.sum() / arrivals.sum()) if arrivals.sum() > 0 else float("nan"),
        "contacts_per_week": float(arrivals.sum() / weeks),
        "handled_per_week": float(handled / weeks),
        "lost_per_week": float(lost / weeks),
        "reached_per_week": float(reached.sum() / weeks),
    }


def _channel_sums(p: Pipeline, frame: pd.DataFrame, plan_frame: pd.DataFrame, kpi: pd.DataFrame,
                  agent_hours: np.ndarray, which: str, weeks: float, contract: float) -> pd.DataFrame:
    """One side's numbers per channel: reachability, contacts, FTE, cost, KPIs and lost
    contacts, the columns suffixed for the side."""
    suffix = _suffix(which)
    interval_min = plan_frame["interval_min"].to_numpy(float)
    by_channel = pd.DataFrame({
        "channel": plan_frame["channel"], "agent_hours": agent_hours,
        "rostered_hours": staffing.agent_hours(plan_frame["rostered"].to_numpy(float), interval_min),
        "cost": plan_frame["cost_required_eur"].to_numpy(float),
    }).groupby("channel").sum()
    out_channel = pd.DataFrame({
        f"fte{suffix}": staffing.fte(by_channel["agent_hours"], contract, weeks),
        f"fte_rostered{suffix}": staffing.fte(by_channel["rostered_hours"], contract, weeks),
        f"cost_eur_per_month{suffix}": by_channel["cost"] / weeks * WEEKS_PER_MONTH,
    })
    kpis = pd.DataFrame.from_dict({
        channel: plan.total(g, staffed_only=False)[["service_level", "p_abandon"]].to_numpy(float)
        for channel, g in kpi.groupby("channel")
    }, orient="index", columns=[f"service_level{suffix}", f"p_abandon{suffix}"])
    flows = pd.DataFrame({"channel": frame["channel"], "a": frame[f"arrivals{suffix}"],
                          "r": frame[f"reached{suffix}"]}).groupby("channel").sum()
    flows[f"reachability{suffix}"] = flows["r"] / flows["a"].where(flows["a"] > 0)
    flows[f"contacts_per_week{suffix}"] = flows["a"] / weeks
    lost_rows = p.scn.lost + p.gave_up if which == "scn" else p.base.lost
    lost_by = pd.Series(lost_rows.sum(axis=1) / weeks, index=p.grid.channels, name=f"lost_per_week{suffix}")
    return (
        flows[[f"reachability{suffix}", f"contacts_per_week{suffix}"]]
        .join(out_channel, how="left")
        .join(kpis, how="left")
        .join(lost_by, how="left")
    )


def _weekday_sums(p: Pipeline, frame: pd.DataFrame, plan_frame: pd.DataFrame, agent_hours: np.ndarray,
                  which: str, contract: float) -> pd.DataFrame:
    """One side's FTE, cost and reached contacts per week of each weekday, Monday first."""
    suffix = _suffix(which)
    weekday = pd.DatetimeIndex(plan_frame["ds"]).day_of_week.to_numpy()
    local_days = p.grid.ds.tz_localize(None).normalize() if p.grid.ds.tz is not None else p.grid.ds.normalize()
    day_counts = pd.Series(local_days.unique()).dt.day_of_week.value_counts()
    wd = pd.DataFrame(
        {"weekday": weekday, "h": agent_hours, "c": plan_frame["cost_required_eur"].to_numpy(float)}
    ).groupby("weekday").sum()
    reach_wd = pd.DataFrame(
        {"weekday": pd.DatetimeIndex(frame["ds"]).day_of_week, "r": frame[f"reached{suffix}"]}
    ).groupby("weekday").sum()
    by_weekday = pd.DataFrame(index=pd.RangeIndex(WEEKDAYS, name="weekday"))
    count = day_counts.reindex(range(WEEKDAYS)).fillna(0).to_numpy(float)
    safe = np.where(count > 0, count, np.nan)
    # a weekday's hours per week: as many weeks as the period has that weekday
    by_weekday[f"fte{suffix}"] = staffing.fte(wd["h"].reindex(range(WEEKDAYS)).fillna(0).to_numpy(), contract, safe)
    by_weekday[f"cost_eur_per_week{suffix}"] = wd["c"].reindex(range(WEEKDAYS)).fillna(0).to_numpy() / safe
    by_weekday[f"reached_per_week{suffix}"] = reach_wd["r"].reindex(range(WEEKDAYS)).fillna(0).to_numpy() / safe
    return by_weekday


def _open_hours_per_weekday(hours: Sequence[ChannelHours], channels: Iterable[str]) -> np.ndarray:
    wanted = set(channels) - NO_AGENT_CHANNELS
    total = np.zeros(WEEKDAYS)
    for h in hours:
        if h.channel in wanted:
            total += (np.array(h.close_min) - np.array(h.open_min)) / 60.0
    return total


def _by_hour(frame: pd.DataFrame, weeks: float) -> pd.DataFrame:
    hour = pd.DatetimeIndex(frame["ds"]).hour
    out = (
        frame.assign(hour=hour)
        .groupby(["channel", "hour"], as_index=False)[["arrivals", "reached", "arrivals_baseline", "reached_baseline"]]
        .sum()
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        out["reachability"] = out["reached"] / out["arrivals"].where(out["arrivals"] > 0)
        out["reachability_baseline"] = (
            out["reached_baseline"] / out["arrivals_baseline"].where(out["arrivals_baseline"] > 0)
        )
    for column in ("arrivals", "reached", "arrivals_baseline", "reached_baseline"):
        out[column] = out[column] / weeks
    return out


def _morning_peak(p: Pipeline, frame: pd.DataFrame, plan_scn: pd.DataFrame, plan_base: pd.DataFrame) -> pd.DataFrame:
    rows = []
    local = pd.DatetimeIndex(frame["ds"])
    minute = (local.hour * 60 + local.minute).to_numpy()
    weekday = local.day_of_week.to_numpy()
    day = (local.tz_localize(None).normalize() if local.tz is not None else local.normalize()).to_numpy()
    # plain arrays, each read once: the loop below selects from them per channel and weekday
    volume, volume_base, callbacks = (frame[c].to_numpy(float) for c in ("volume", "volume_baseline", "callbacks"))
    scn_weekday = pd.DatetimeIndex(plan_scn["ds"]).day_of_week.to_numpy()
    base_weekday = pd.DatetimeIndex(plan_base["ds"]).day_of_week.to_numpy()
    scn_required = plan_scn["required_scheduled"].to_numpy(float)
    base_required = plan_base["required_scheduled"].to_numpy(float)
    scn_hours = {h.channel: h for h in p.scn_hours}
    base_hours = {h.channel: h for h in p.base_hours}
    present = set(frame["channel"].unique())
    for channel, h in scn_hours.items():
        if channel in NO_AGENT_CHANNELS or channel not in present:
            continue
        b = base_hours.get(channel, h)
        pick = (frame["channel"] == channel).to_numpy()
        scn_pick = (plan_scn["channel"] == channel).to_numpy()
        base_pick = (plan_base["channel"] == channel).to_numpy()
        for d in range(WEEKDAYS):
            if h.is_closed(d) or h.open_min[d] == 0 and h.close_min[d] == MINUTES_PER_DAY:
                continue
            on_day = pick & (weekday == d)
            n_days = len(pd.unique(day[on_day])) or 1
            first = on_day & (minute >= h.open_min[d]) & (minute < h.open_min[d] + 60)
            first_b = on_day & (minute >= b.open_min[d]) & (minute < b.open_min[d] + 60)
            rows.append({
                "channel": channel, "weekday": d, "open_min": h.open_min[d], "open_min_baseline": b.open_min[d],
                "first_hour_volume": np.nansum(volume[first]) / n_days,
                "first_hour_volume_baseline": np.nansum(volume_base[first_b]) / n_days,
                "first_hour_callbacks": np.nansum(callbacks[first]) / n_days,
                # a peak is a number of people: whole agents
                "peak_required": _peak(pd.Series(scn_required[scn_pick & (scn_weekday == d)])),
                "peak_required_baseline": _peak(pd.Series(base_required[base_pick & (base_weekday == d)])),
            })
    return pd.DataFrame(rows, columns=[
        "channel", "weekday", "open_min", "open_min_baseline", "first_hour_volume", "first_hour_volume_baseline",
        "first_hour_callbacks", "peak_required", "peak_required_baseline",
    ])


def _by_weekday(scn: pd.DataFrame, base: pd.DataFrame, p: Pipeline, channels: Iterable[str]) -> pd.DataFrame:
    """Both sides' weekday sums side by side, with the opening hours, the differences and the
    cost of an extra opening hour and of a contact caught (see ``ScenarioResult.by_weekday``)."""
    channels = set(channels)
    by_weekday = scn.join(base).reset_index()
    by_weekday["open_hours"] = _open_hours_per_weekday(p.scn_hours, channels)
    by_weekday["open_hours_baseline"] = _open_hours_per_weekday(p.base_hours, channels)
    by_weekday["delta_open_hours"] = by_weekday["open_hours"] - by_weekday["open_hours_baseline"]
    by_weekday["delta_fte"] = by_weekday["fte"] - by_weekday["fte_baseline"]
    by_weekday["delta_cost_eur_per_week"] = by_weekday["cost_eur_per_week"] - by_weekday["cost_eur_per_week_baseline"]
    by_weekday["caught_per_week"] = by_weekday["reached_per_week"] - by_weekday["reached_per_week_baseline"]
    with np.errstate(invalid="ignore", divide="ignore"):
        changed = by_weekday["delta_open_hours"].abs() > 1e-9
        by_weekday["cost_eur_per_extra_hour"] = (
            by_weekday["delta_cost_eur_per_week"] / by_weekday["delta_open_hours"]
        ).where(changed)
        caught = by_weekday["caught_per_week"].abs() > 1e-9
        by_weekday["cost_eur_per_caught_contact"] = (
            by_weekday["delta_cost_eur_per_week"] / by_weekday["caught_per_week"]
        ).where(caught)
    return by_weekday


def cost_per_change(delta_cost_eur_per_month: float, extra_open_hours_per_week: float,
                     caught_per_week: float) -> tuple[float, float]:
    """Extra weekly cost per extra opening hour and per caught contact (NaN for no change)."""
    weekly_cost = delta_cost_eur_per_month / WEEKS_PER_MONTH
    per_hour = (weekly_cost / extra_open_hours_per_week
                if abs(extra_open_hours_per_week) > 1e-9 else float("nan"))
    per_contact = weekly_cost / caught_per_week if abs(caught_per_week) > 1e-9 else float("nan")
    return per_hour, per_contact


def evaluate_scenario(
    baseline_demand: pd.DataFrame,
    roster: pd.DataFrame | None,
    settings: Any,
    spec: ScenarioSpec,
    *,
    opening_hours: Sequence[ChannelHours] | None = None,
    working_hours: Sequence[ChannelHours] = (),
    holidays_country: str = "",
    closed_days: Sequence[str] = (),
    name: str = "",
    staffed_kpis: bool = True,
) -> ScenarioResult:
    """Apply a scenario to the baseline and staff both through ``kcc.plan.build_plan``.

    Parameters
    ----------
    baseline_demand : pandas.DataFrame
        Demand frame (``channel, ds, interval_min, volume, aht_s``, optionally ``queue,
        volume_hi, closed_attempts``), e.g. a recent stretch of history or a forecast.
    roster : pandas.DataFrame or None
        ``channel, ds, interval_min, agents`` over the same period.
    settings : kcc.plan.PlanSettings
        Baseline targets, shrinkage, costs.
    spec : ScenarioSpec
    opening_hours : sequence of ChannelHours, optional
        Baseline opening hours (when contacts are accepted); default inferred from the data.
    working_hours : sequence of ChannelHours
        Hours deferred work is picked up (e-mail office hours) when they differ.
    holidays_country : str, default ""
        Deferred channels are closed on this country's public holidays (as the Staffing page's
        plan, ``kcc.plan.service_hours``); empty closes nothing.
    closed_days : sequence of str, default ()
        ISO dates the user marked closed (``kcc.plan.closed_days``): deferred work is not
        picked up on them either.
    name : str
        Shown in comparisons.
    staffed_kpis : bool, default True
        Also compute service level and abandonment when staffed as required (a second plan).

    Returns
    -------
    ScenarioResult
    """
    p = run_pipeline(baseline_demand, spec, opening_hours)
    frame = pipeline_frame(p)
    scn_settings = scenario_settings(settings, spec)
    base_frame = frame.assign(volume=frame["volume_baseline"], volume_hi=frame["volume_hi_baseline"])
    closed = tuple(closed_days)
    plan_scn = _plan_for(frame, roster, scn_settings, p.scn_hours, working_hours, holidays_country, closed)
    plan_base = _plan_for(base_frame, roster, settings, p.base_hours, working_hours, holidays_country, closed)
    staffed_scn = staffed_base = None
    if staffed_kpis:
        staffed_scn = _plan_for(frame, _roster_from_plan(plan_scn), scn_settings, p.scn_hours, working_hours,
                                holidays_country, closed)
        staffed_base = _plan_for(base_frame, _roster_from_plan(plan_base), settings, p.base_hours, working_hours,
                                 holidays_country, closed)
    s = _summary(p, frame, plan_scn, staffed_scn, scn_settings, spec, "scn")
    b = _summary(p, frame, plan_base, staffed_base, settings, spec.baseline(), "base")
    by_channel = s["by_channel"].join(b["by_channel"], how="outer").reset_index(names="channel")
    by_weekday = _by_weekday(s["by_weekday"], b["by_weekday"], p, set(frame["channel"].unique()))
    delta_cost = s["cost_eur_per_month"] - b["cost_eur_per_month"]
    caught = s["reached_per_week"] - b["reached_per_week"]
    extra_hours = float(by_weekday["delta_open_hours"].sum())
    per_hour, per_contact = cost_per_change(delta_cost, extra_hours, caught)
    surge = None
    if spec.surge is not None and spec.surge.channel in set(plan_scn["channel"].unique()):
        surge = _surge_for(plan_scn, scn_settings, spec.surge)
    return ScenarioResult(
        name=name,
        spec=spec,
        weeks=s["weeks"],
        fte=s["fte"], fte_rostered=s["fte_rostered"], cost_eur_per_month=s["cost_eur_per_month"],
        cost_eur_per_contact=s["cost_eur_per_contact"], service_level=s["service_level"],
        p_abandon=s["p_abandon"], service_level_roster=s["service_level_roster"],
        p_abandon_roster=s["p_abandon_roster"], reachability=s["reachability"],
        contacts_per_week=s["contacts_per_week"], handled_per_week=s["handled_per_week"],
        lost_per_week=s["lost_per_week"],
        delta_fte=s["fte"] - b["fte"], delta_cost_eur_per_month=delta_cost, caught_per_week=caught,
        extra_open_hours_per_week=extra_hours, cost_eur_per_extra_hour=per_hour,
        cost_eur_per_caught_contact=per_contact,
        by_channel=by_channel, by_weekday=by_weekday, by_hour=_by_hour(frame, s["weeks"]),
        morning_peak=_morning_peak(p, frame, plan_scn, plan_base),
        demand=frame, plan=plan_scn, surge=surge,
        shift_flows=shift_flow_frame(p.shift_flows, s["weeks"]),
    )


def _surge_for(plan_frame: pd.DataFrame, settings: Any, surge: SurgeTest) -> SurgeResult:
    rows = plan_frame[plan_frame["channel"] == surge.channel]
    targets = settings.targets_for(surge.channel)
    model = plan.channel_model(surge.channel, targets)
    if model == "backlog":
        answer_s, patience = float(targets.response_time_h or 1.0) * 3600.0, None
    else:
        answer_s, patience = float(targets.answer_time_s), targets.patience_s
    chat = model == "chat"
    return simulate_surge(
        rows, surge, answer_time_s=answer_s, patience_s=patience,
        concurrency=float(targets.concurrency) if chat else 1.0,
        penalty_per_extra_session=targets.penalty_per_extra_session if chat else 0.0,
        history_sessions=targets.history_sessions if chat else 1.0,
        cost_eur_per_hour=settings.cost_for(surge.channel), flex_premium=float(settings.flex_premium),
    )


def compare(results: Sequence[ScenarioResult]) -> pd.DataFrame:
    """Scenarios side by side, with the difference to the first one.

    Parameters
    ----------
    results : sequence of ScenarioResult
        Two to four, the reference first.

    Returns
    -------
    pandas.DataFrame
        One row per scenario: ``name`` and the :meth:`ScenarioResult.headline` numbers, plus
        ``diff_fte [FTE]``, ``diff_cost_eur_per_month [EUR/month]``, ``diff_service_level``,
        ``diff_p_abandon``, ``diff_reachability [0..1]`` against the first.
    """
    if not results:
        return pd.DataFrame()
    rows = [{"name": r.name or f"#{i + 1}", **r.headline()} for i, r in enumerate(results)]
    out = pd.DataFrame(rows)
    for column in ("fte", "cost_eur_per_month", "service_level", "p_abandon", "reachability"):
        out[f"diff_{column}"] = out[column] - out[column].iloc[0]
    return out


def sl_frontier(
    demand: pd.DataFrame,
    roster: pd.DataFrame | None,
    settings: Any,
    channel: str,
    levels: Sequence[float] = (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95),
    *,
    spec: ScenarioSpec | None = None,
    opening_hours: Sequence[ChannelHours] | None = None,
    working_hours: Sequence[ChannelHours] = (),
    holidays_country: str = "",
    closed_days: Sequence[str] = (),
) -> pd.DataFrame:
    """Service-level target against FTE and cost for one channel.

    Parameters
    ----------
    demand : pandas.DataFrame
        Baseline demand frame.
    roster : pandas.DataFrame or None
    settings : kcc.plan.PlanSettings
    channel : str
    levels : sequence of float
        Service-level targets to staff for. [0..1]
    spec : ScenarioSpec, optional
        Scenario whose demand and settings are used (default: the baseline).
    opening_hours, working_hours : see :func:`evaluate_scenario`.
    holidays_country, closed_days : see :func:`evaluate_scenario`.

    Returns
    -------
    pandas.DataFrame
        ``target_service_level [0..1], fte [FTE], cost_eur_per_month [EUR/month],
        marginal_cost_eur_per_point`` (extra cost per month of each extra percentage point over
        the previous level).
    """
    spec = spec or ScenarioSpec()
    p = run_pipeline(demand, spec, opening_hours)
    frame = pipeline_frame(p)
    frame = frame[frame["channel"] == channel]
    if frame.empty:
        raise ValueError(f"channel {channel!r} has no demand")
    base = scenario_settings(settings, spec)
    weeks = staffing.weeks_of(float(max(1, len(np.unique(p.grid.day)))))
    key = "target_service_level"
    ordered = sorted(levels)
    for level in ordered:
        checks.number_in("levels", level, 0.01, 0.999)
    staffed_at = _plans_for(frame, roster, [base.with_targets(channel, **{key: float(level)}) for level in ordered],
                            p.scn_hours, working_hours, holidays_country, tuple(closed_days))
    rows = []
    for level, staffed in zip(ordered, staffed_at, strict=True):
        agent_hours = staffing.agent_hours(staffed["required_scheduled"].to_numpy(float),
                                           staffed["interval_min"].to_numpy(float)).sum()
        rows.append({
            "target_service_level": float(level),
            "fte": staffing.fte(float(agent_hours), float(base.contract_hours_per_week), weeks),
            "cost_eur_per_month": staffed["cost_required_eur"].sum() / weeks * WEEKS_PER_MONTH,
        })
    out = pd.DataFrame(rows)
    points = out["target_service_level"].diff() * 100.0
    out["marginal_cost_eur_per_point"] = out["cost_eur_per_month"].diff() / points
    return out
