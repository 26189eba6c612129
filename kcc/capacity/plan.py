"""The capacity plan: monthly contacts -> workload -> requirement, rostered and paid hours ->
FTE -> heads per channel, and the hiring plan that follows the heads needed.

Per channel and month:

* workload hours = contacts x handle time / 3600, scaled by a scenario's effect on the channel;
* contact hours (agents on contacts) = workload hours x the channel's requirement factor: the
  interval plan's required agent hours per workload hour (queueing and targets; 1 / occupancy),
  measured on the current plan or a planner's default;
* then the FTE bridge (:mod:`kcc.capacity.bridge`).

Heads needed per month sum the channels (one pool of people); the hiring plan's cost is its
heads' paid hours (heads x FTE per head x contract hours x weeks) at the month's hourly cost
(paid EUR / paid hours of the bridge, so weighted by channel).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

from kcc import staffing
from kcc.capacity.bridge import bridge_frame
from kcc.capacity.hiring import HiringPlan, hiring_plan
from kcc.capacity.spec import FteSpec, HiringSpec

__all__ = ["DEFAULT_OCCUPANCY", "CapacityPlan", "capacity_plan", "requirement_factors", "scenario_scale"]

#: Requirement factor 1 / occupancy when no interval plan measured one.
DEFAULT_OCCUPANCY: Final[float] = 0.80


@dataclass(frozen=True)
class CapacityPlan:
    """Everything the Capacity plan page and the board summary show.

    Attributes
    ----------
    channels : pandas.DataFrame
        Per channel and month: ``period`` (first day), ``channel``, ``contacts`` [contacts],
        ``workload_h`` [h], ``factor``, and the bridge's ``BRIDGE_COLUMNS``.
    months : pandas.DataFrame
        Per month: the hiring plan's columns plus ``paid_h``, ``fte``, ``cost_eur_per_hour``
        [EUR/h], ``need_cost_eur`` (paid hours needed), ``hire_cost_eur`` (the plan's hires x cost per
        hire) and ``cost_eur`` (heads employed plus ``hire_cost_eur``). [EUR]
    hiring : HiringPlan
    fte_spec : FteSpec
    scenario : str
        Name of the scenario carried in ("" for the baseline).
    scale : tuple of (str, float)
        Per channel the scenario's workload multiplier (none for the baseline).
    aht_s : tuple of (str, float)
        Per channel the handle time the workload was computed with. [s]
    start_roster_fte : float or None
        The roster's FTE the heads at the start were taken from, when the centre stated no
        headcount (None: stated). [FTE]
    """

    channels: pd.DataFrame
    months: pd.DataFrame
    hiring: HiringPlan
    fte_spec: FteSpec
    scenario: str = ""
    scale: tuple[tuple[str, float], ...] = field(default=())
    aht_s: tuple[tuple[str, float], ...] = field(default=())
    start_roster_fte: float | None = None

    def totals(self) -> dict[str, float]:
        """Over the plan: ``hires``, ``cost_eur``, ``need_cost_eur``, ``peak_need_heads``,
        ``end_heads``, ``short_months``."""
        m = self.months
        return {
            "hires": float(m["hires"].sum()),
            "cost_eur": float(m["cost_eur"].sum()),
            "need_cost_eur": float(m["need_cost_eur"].sum()),
            "peak_need_heads": float(m["need_heads"].max()) if len(m) else 0.0,
            "end_heads": float(m["heads"].iloc[-1]) if len(m) else 0.0,
            "short_months": float(self.hiring.short_months),
        }


def requirement_factors(plan: pd.DataFrame) -> dict[str, float]:
    """Required agent hours per workload hour per channel of an interval plan.

    Parameters
    ----------
    plan : pandas.DataFrame
        ``kcc.plan.build_plan`` output (``channel, interval_min, volume, aht_s, required``).

    Returns
    -------
    dict
        Channel -> factor (1 / the plan's occupancy when staffed as required); channels
        without workload are left out.
    """
    hours = staffing.agent_hours(plan["required"].fillna(0.0), plan["interval_min"])
    work = plan["volume"].fillna(0.0) * plan["aht_s"].fillna(0.0) / 3600.0
    sums = pd.DataFrame({"channel": plan["channel"], "h": hours, "w": work}).groupby("channel").sum()
    sums = sums[(sums["w"] > 0) & (sums["h"] > 0)]
    return {str(c): float(r.h / r.w) for c, r in sums.iterrows()}


def scenario_scale(by_channel: pd.DataFrame) -> dict[str, float]:
    """Per channel the scenario's requirement over the baseline's (``fte / fte_baseline`` of
    ``kcc.scenarios.ScenarioResult.by_channel``); 1 where the baseline needs none."""
    out: dict[str, float] = {}
    for row in by_channel.itertuples():
        base = float(row.fte_baseline)
        out[str(row.channel)] = float(row.fte) / base if base > 0 else 1.0
    return out


def capacity_plan(forecast: pd.DataFrame, aht_s: Mapping[str, float], factors: Mapping[str, float],
                  fte_spec: FteSpec, hiring_spec: HiringSpec, cost_eur_per_hour: Mapping[str, float],
                  *, scale: Mapping[str, float] | None = None, scenario: str = "") -> CapacityPlan:
    """The capacity and hiring plan of a monthly forecast.

    Parameters
    ----------
    forecast : pandas.DataFrame
        ``channel, month, contacts, days`` (``kcc.capacity.monthly_forecast``); the first
        ``hiring_spec.horizon_months`` months are planned.
    aht_s : mapping
        Handle time per channel. [s]
    factors : mapping
        Requirement factor per channel (:func:`requirement_factors`); missing channels get
        ``1 / DEFAULT_OCCUPANCY``.
    fte_spec, hiring_spec
    cost_eur_per_hour : mapping
        Per channel. [EUR/h]
    scale : mapping, optional
        Per channel workload multiplier of a scenario (:func:`scenario_scale`).
    scenario : str

    Returns
    -------
    CapacityPlan
    """
    scale = dict(scale or {})
    months = sorted(forecast["month"].unique())[:hiring_spec.horizon_months]
    rows = forecast[forecast["month"].isin(months)].reset_index(drop=True)
    channels = rows[["channel", "month", "contacts", "days"]].rename(columns={"month": "period"}).copy()
    channels["workload_h"] = (channels["contacts"] * channels["channel"].map(lambda c: float(aht_s.get(c, 0.0)))
                              / 3600.0 * channels["channel"].map(lambda c: scale.get(c, 1.0)))
    channels["factor"] = channels["channel"].map(lambda c: float(factors.get(c, 1.0 / DEFAULT_OCCUPANCY)))
    channels["contact_h"] = channels["workload_h"] * channels["factor"]
    bridge = bridge_frame(channels, fte_spec, cost_eur_per_hour)
    detail = channels[["contacts", "workload_h", "factor"]].join(bridge)
    detail = detail[["period", "channel", "contacts", "workload_h", "factor", *bridge.columns[2:]]]
    per_month = detail.groupby("period", sort=True)[["paid_h", "paid_eur", "heads"]].sum()
    need = per_month["heads"].rename("need_heads")
    hiring = hiring_plan(need, hiring_spec)
    month_rows = hiring.months.copy()
    paid_h = per_month["paid_h"].to_numpy(float)
    rate = np.divide(per_month["paid_eur"].to_numpy(float), paid_h, out=np.zeros(len(paid_h)), where=paid_h > 0)
    weeks = staffing.weeks_of(month_rows["days"].to_numpy(float))
    month_rows["paid_h"] = paid_h
    month_rows["fte"] = staffing.fte(paid_h, fte_spec.contract_hours_per_week, weeks)
    month_rows["cost_eur_per_hour"] = rate
    month_rows["need_cost_eur"] = per_month["paid_eur"].to_numpy(float)
    heads_h = month_rows["heads"].to_numpy(float) * fte_spec.fte_per_head * fte_spec.contract_hours_per_week * weeks
    month_rows["hire_cost_eur"] = (month_rows["hires"] - month_rows["already_hired"]) * hiring_spec.cost_eur_per_hire
    month_rows["cost_eur"] = staffing.labour_cost_eur(heads_h, rate) + month_rows["hire_cost_eur"]
    return CapacityPlan(detail.reset_index(drop=True), month_rows, hiring, fte_spec, scenario,
                        tuple(sorted(scale.items())), tuple(sorted((str(c), float(v)) for c, v in aht_s.items())))
