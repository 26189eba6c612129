"""The FTE bridge: from the hours a plan needs on contacts to paid hours, FTE and people.

Per period and channel, in hours and in EUR, every step adds to the one before::

    contact hours                    the requirement: agents on contacts x time
  + in-shift shrinkage               breaks, coaching, meetings: / (1 - in-shift shrinkage)
  = requirement hours                on the floor
  + cover                            real shifts never follow the requirement: / efficiency
  = rostered hours
  + out-of-shift shrinkage           leave, public holidays, sickness, training: / (1 - out-of-shift)
  = paid hours  ->  FTE = paid hours / (contract hours x weeks)  ->  heads = FTE / FTE per head

so ``FTE = rostered hours / (contract hours x (1 - out-of-shift shrinkage) x weeks)``. The
formulas are those of :mod:`kcc.staffing.hours` (``paid_agents`` for both shrinkages,
``rostered_hours``, ``fte``, ``heads_of``, ``labour_cost_eur``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from kcc import staffing
from kcc.capacity.spec import FteSpec
from kcc.plan import period_start

__all__ = ["BRIDGE_COLUMNS", "HOUR_STEPS", "FteBridge", "bridge_frame", "bridge_total", "plan_bridge"]

#: The waterfall's steps that add hours (and money), in order; their sum is ``paid_h``.
HOUR_STEPS: Final[tuple[str, ...]] = ("contact_h", "in_shift_h", "cover_h", "out_of_shift_h")
#: Columns of a bridge frame after ``period`` and ``channel``.
BRIDGE_COLUMNS: Final[tuple[str, ...]] = (
    "days", "weeks", "contact_h", "in_shift_h", "required_h", "efficiency", "cover_h", "rostered_h",
    "out_of_shift_h", "paid_h", "fte", "heads", "cost_eur_per_hour", "contact_eur", "in_shift_eur",
    "cover_eur", "out_of_shift_eur", "paid_eur",
)


@dataclass(frozen=True)
class FteBridge:
    """One bridge (a period and channel, or a total), its numbers as computed.

    Hours [h]: ``contact_h``, ``in_shift_h``, ``required_h``, ``cover_h``, ``rostered_h``,
    ``out_of_shift_h``, ``paid_h``; ``fte`` [FTE], ``heads`` [heads]; money [EUR]:
    ``contact_eur``, ``in_shift_eur``, ``cover_eur``, ``out_of_shift_eur``, ``paid_eur``;
    ``weeks`` the period's length. [weeks]
    """

    weeks: float
    contact_h: float
    in_shift_h: float
    required_h: float
    cover_h: float
    rostered_h: float
    out_of_shift_h: float
    paid_h: float
    fte: float
    heads: float
    contact_eur: float
    in_shift_eur: float
    cover_eur: float
    out_of_shift_eur: float
    paid_eur: float

    def steps(self, unit: str = "h") -> tuple[tuple[str, float], ...]:
        """The waterfall's additions in ``unit`` (``"h"`` or ``"eur"``), in order."""
        return tuple((step, float(getattr(self, step.replace("_h", f"_{unit}")))) for step in HOUR_STEPS)


def bridge_frame(frame: pd.DataFrame, spec: FteSpec, cost_eur_per_hour: Mapping[str, float]) -> pd.DataFrame:
    """The bridge of every row of ``frame``.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``period, channel, days, contact_h``: hours needed on contacts [h] in a period of
        ``days`` days.
    spec : FteSpec
        Contract, shrinkages, efficiency (per channel when measured), FTE per head.
    cost_eur_per_hour : mapping
        Loaded cost of an agent hour per channel. [EUR/h]

    Returns
    -------
    pandas.DataFrame
        ``period, channel`` and ``BRIDGE_COLUMNS``; each row adds up: ``contact_h + in_shift_h
        + cover_h + out_of_shift_h == paid_h`` (to the last bits), the same in EUR.
    """
    out = frame[["period", "channel", "days", "contact_h"]].reset_index(drop=True).copy()
    out["weeks"] = staffing.weeks_of(out["days"].astype(float))
    contact = out["contact_h"].astype(float)
    required = staffing.paid_agents(contact, spec.in_shift_shrinkage)
    efficiency = out["channel"].map(spec.efficiency_for).astype(float)
    rostered = required.copy()
    for channel, rows in out.groupby("channel").groups.items():
        rostered[rows] = staffing.rostered_hours(required[rows], spec.efficiency_for(str(channel)))
    paid = staffing.paid_agents(rostered, spec.out_of_shift_shrinkage)
    out["in_shift_h"] = required - contact
    out["required_h"] = required
    out["efficiency"] = efficiency
    out["cover_h"] = rostered - required
    out["rostered_h"] = rostered
    out["out_of_shift_h"] = paid - rostered
    out["paid_h"] = paid
    out["fte"] = staffing.fte(paid, spec.contract_hours_per_week, out["weeks"])
    out["heads"] = staffing.heads_of(out["fte"], spec.fte_per_head)
    out["cost_eur_per_hour"] = out["channel"].map(lambda c: float(cost_eur_per_hour.get(c, 0.0))).astype(float)
    for step in (*HOUR_STEPS, "paid_h"):
        out[step.replace("_h", "_eur")] = staffing.labour_cost_eur(out[step], out["cost_eur_per_hour"])
    return out[["period", "channel", *BRIDGE_COLUMNS]]


def bridge_total(frame: pd.DataFrame, spec: FteSpec, weeks: float | None = None) -> FteBridge:
    """The bridge of a bridge frame's rows summed (a channel's, or all channels', period).

    Hours and money are sums; FTE are the summed paid hours over ``weeks`` (by default the
    longest row's period: rows of one period for several channels share it).
    """
    weeks = float(frame["weeks"].max()) if weeks is None else weeks
    sums: dict[str, float] = {name: float(frame[name].sum()) for name in (
        "contact_h", "in_shift_h", "required_h", "cover_h", "rostered_h", "out_of_shift_h", "paid_h",
        "contact_eur", "in_shift_eur", "cover_eur", "out_of_shift_eur", "paid_eur")}
    fte = staffing.fte(sums["paid_h"], spec.contract_hours_per_week, weeks) if weeks > 0 else 0.0
    return FteBridge(weeks=weeks, fte=fte, heads=staffing.heads_of(fte, spec.fte_per_head), **sums)


def plan_bridge(plan: pd.DataFrame, spec: FteSpec, cost_eur_per_hour: Mapping[str, float] | Callable[[str], float],
                freq: str = "W") -> pd.DataFrame:
    """The bridge per week (``"W"``, Monday-based) or month (``"M"``) and channel of an interval plan.

    Parameters
    ----------
    plan : pandas.DataFrame
        ``kcc.plan.build_plan`` output: ``channel, ds, interval_min, required`` (agents on
        contacts, before shrinkage).
    spec : FteSpec
    cost_eur_per_hour : mapping or callable
        Per channel. [EUR/h]
    freq : {"W", "M"}

    Returns
    -------
    pandas.DataFrame
        :func:`bridge_frame` per period (the naive local start date) and channel; ``days``
        counts the plan's days inside the period.
    """
    if plan.empty:
        return pd.DataFrame(columns=["period", "channel", *BRIDGE_COLUMNS])
    hours = staffing.agent_hours(plan["required"].to_numpy(float), plan["interval_min"].to_numpy(float))
    rows = pd.DataFrame({
        "channel": plan["channel"].to_numpy(),
        "period": period_start(plan["ds"], freq).to_numpy(),
        "_day": plan["ds"].dt.date.to_numpy(),
        "contact_h": np.nan_to_num(hours),
    })
    grouped = rows.groupby(["period", "channel"], sort=True)
    frame = grouped["contact_h"].sum().to_frame()
    frame["days"] = grouped["_day"].nunique()
    frame = frame.reset_index()
    rates = cost_eur_per_hour if isinstance(cost_eur_per_hour, Mapping) else {
        c: cost_eur_per_hour(c) for c in frame["channel"].unique()}
    return bridge_frame(frame, spec, rates)
