"""Period summaries of the plan per day, week or month, KPIs weighted by volume."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from kcc import config, staffing
from kcc.plan.frames import PlanError, local_naive
from kcc.plan.risk import period_p90

#: Summary frequencies: day, week (starting Monday), month.
FREQS: Final[tuple[str, ...]] = ("D", "W", "M")


def period_start(ds: pd.Series, freq: str) -> pd.Series:
    """Local start date of the day, week (Monday) or month holding each timestamp.

    Parameters
    ----------
    ds : pandas.Series
        tz-aware interval starts.
    freq : {"D", "W", "M"}
        Period.

    Returns
    -------
    pandas.Series
        Naive midnight timestamps of the period's first local day.
    """
    if freq not in FREQS:
        raise PlanError(f"freq must be one of {', '.join(FREQS)}, got {freq!r}")
    day = local_naive(ds).dt.normalize()
    if freq == "D":
        return day
    if freq == "W":
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    return day.dt.to_period("M").dt.start_time


def _with_weights(plan: pd.DataFrame) -> pd.DataFrame:
    """Sums that period KPIs are built from (volume-weighted, never plain averages)."""
    interval_min = plan["interval_min"].to_numpy(float)

    def hours(agents: np.ndarray) -> np.ndarray:
        return staffing.agent_hours(agents, interval_min)

    volume = plan["volume"].to_numpy(float)
    sl = plan["service_level"].to_numpy(float)
    asa = plan["asa_s"].to_numpy(float)
    abandon = plan["p_abandon"].to_numpy(float)
    kpi = np.isfinite(sl) & (volume > 0)
    answered = np.where(kpi, volume * (1.0 - np.nan_to_num(abandon)), 0.0)
    # an unknown wait (NaN) drops out; an unstable queue's infinite wait stays infinite
    answered = np.where(np.isnan(asa), 0.0, answered)
    gap = plan["gap"].to_numpy(float)
    with np.errstate(invalid="ignore"):
        asa_w = np.where(answered > 0, asa * answered, 0.0)
    return pd.DataFrame(
        {
            "volume": volume,
            "volume_hi": plan["volume_hi"].to_numpy(float),
            "required_agent_hours": hours(plan["required_scheduled"].to_numpy(float)),
            "required_p90_agent_hours": hours(plan["required_scheduled_p90"].to_numpy(float)),
            "rostered_agent_hours": hours(plan["rostered"].to_numpy(float)),
            "short_agent_hours": hours(np.clip(-gap, 0, None)),
            "over_agent_hours": hours(np.clip(gap, 0, None)),
            "cost_required_eur": plan["cost_required_eur"].to_numpy(float),
            "cost_rostered_eur": plan["cost_rostered_eur"].to_numpy(float),
            "_kpi_volume": np.where(kpi, volume, 0.0),
            "_sl_w": np.where(kpi, sl * volume, 0.0),
            "_abandon_w": np.where(kpi, np.nan_to_num(abandon) * volume, 0.0),
            "_answered": answered,
            "_asa_w": asa_w,
            "_avail_h": hours(plan["available"].to_numpy(float)),
            "_busy_h": hours(np.nan_to_num(plan["occupancy"].to_numpy(float))
                             * plan["available"].to_numpy(float)),
        },
        index=plan.index,
    )


def _finish_kpis(sums: pd.DataFrame) -> pd.DataFrame:
    with np.errstate(invalid="ignore", divide="ignore"):
        sums["service_level"] = np.where(sums["_kpi_volume"] > 0,
                                         sums["_sl_w"] / sums["_kpi_volume"], np.nan)
        sums["p_abandon"] = np.where(sums["_kpi_volume"] > 0,
                                     sums["_abandon_w"] / sums["_kpi_volume"], np.nan)
        sums["asa_s"] = np.where(sums["_answered"] > 0, sums["_asa_w"] / sums["_answered"], np.nan)
        sums["occupancy"] = np.where(sums["_avail_h"] > 0, sums["_busy_h"] / sums["_avail_h"],
                                     np.nan)
    return sums.drop(columns=[c for c in sums.columns if c.startswith("_")])


def _period_p90_hours(sums: pd.DataFrame) -> pd.Series:
    """P90 required hours per channel and period from the days' P50 and P90 hours
    (``kcc.plan.risk.period_p90``: the days' forecast errors are partly shared)."""
    days = sums.groupby(["channel", "period", "_day"], sort=False)[
        ["required_agent_hours", "required_p90_agent_hours"]].sum()
    return days.groupby(level=["channel", "period"], sort=False).apply(
        lambda d: period_p90(d["required_agent_hours"].to_numpy(),
                             d["required_p90_agent_hours"].to_numpy()))


def summarise(plan: pd.DataFrame, freq: str = "D") -> pd.DataFrame:
    """The plan per day, week or month and channel, KPIs weighted by volume.

    ``service_level`` and ``p_abandon`` are weighted by offered volume, ``asa_s`` by answered
    volume and ``occupancy`` by available agent hours — the share of all contacts of the
    period, not the mean of interval shares (a quiet interval at 100% and a peak at 50% are not
    75%).

    Parameters
    ----------
    plan : pandas.DataFrame
        ``build_plan`` output.
    freq : {"D", "W", "M"}
        Day, week (Monday to Sunday, local dates) or calendar month.

    Returns
    -------
    pandas.DataFrame
        ``channel, period, days, volume, volume_hi, required_agent_hours,
        required_p90_agent_hours, rostered_agent_hours, short_agent_hours, over_agent_hours,
        cost_required_eur, cost_rostered_eur, service_level, p_abandon, asa_s, occupancy``;
        ``period`` is the naive local start date, ``days`` the days of the plan inside it.
        ``required_p90_agent_hours`` of a day is the sum of its intervals' (the forecast error
        is a day-level one); of a week or month it is the period's P90, not the sum of its
        days' (``kcc.plan.risk.period_p90``).
    """
    if plan.empty:
        return pd.DataFrame(columns=["channel", "period", "days"])
    sums = _with_weights(plan)
    sums["channel"] = plan["channel"].to_numpy()
    sums["period"] = period_start(plan["ds"], freq).to_numpy()
    sums["_day"] = local_naive(plan["ds"]).dt.normalize().to_numpy()
    grouped = sums.groupby(["channel", "period"], sort=False)
    out = grouped.sum(numeric_only=True)
    out.insert(0, "days", grouped["_day"].nunique())
    if freq != "D":
        out["required_p90_agent_hours"] = _period_p90_hours(sums).reindex(out.index)
    out = _finish_kpis(out.drop(columns=[c for c in out.columns if c == "_day"]))
    out = out.reset_index()
    order = {c: i for i, c in enumerate(config.CHANNELS)}
    out["_o"] = out["channel"].map(order).fillna(len(order))
    return out.sort_values(["_o", "period"]).drop(columns="_o").reset_index(drop=True)


def total(plan: pd.DataFrame, *, staffed_only: bool = True) -> pd.Series:
    """One volume-weighted summary over all rows of ``plan`` (all channels together).

    With several channels the service level is the share of all contacts answered within their
    own channel's target time. ``staffed_only`` leaves unstaffed channels (self-service) out.
    """
    rows = plan[plan["model"] != "none"] if staffed_only else plan
    sums = _with_weights(rows).sum(numeric_only=True).to_frame().T
    return _finish_kpis(sums).iloc[0]
