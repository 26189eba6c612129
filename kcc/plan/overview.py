"""The home page's numbers: coming week and month tiles, worst understaffed periods, gap heat map."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from kcc import staffing
from kcc.plan.frames import EPS, local_naive
from kcc.plan.settings import PlanSettings
from kcc.plan.summaries import total

#: Tile periods: the coming week (7 days) and the coming month (one calendar month of days).
TILE_PERIODS: Final[tuple[str, ...]] = ("week", "month")


def overview_tiles(
    plan: pd.DataFrame, settings: PlanSettings, start: pd.Timestamp | None = None
) -> pd.DataFrame:
    """Numbers for the home page: the coming week and month, per channel and in total.

    Parameters
    ----------
    plan : pandas.DataFrame
        ``build_plan`` output.
    settings : PlanSettings
        For the contract hours of an FTE.
    start : pandas.Timestamp, optional
        First local day of the coming week; default the plan's first day.

    Returns
    -------
    pandas.DataFrame
        ``period`` ("week" / "month"), ``channel`` (a channel id or ``"all"``), ``start``,
        ``end`` (exclusive, naive local dates), ``days``, ``contacts``, ``required_fte``,
        ``rostered_fte``, ``service_level``, ``p_abandon``, ``cost_required_eur``,
        ``cost_rostered_eur``. ``"all"`` leaves self-service out of the FTE and KPIs but counts
        its contacts.
    """
    columns = ["period", "channel", "start", "end", "days", "contacts", "required_fte",
               "rostered_fte", "service_level", "p_abandon", "cost_required_eur",
               "cost_rostered_eur"]
    if plan.empty:
        return pd.DataFrame(columns=columns)
    local_day = local_naive(plan["ds"]).dt.normalize()
    first = pd.Timestamp(start).normalize() if start is not None else local_day.min()
    if first.tzinfo is not None:
        first = first.tz_localize(None)
    rows = []
    for period in TILE_PERIODS:
        end = first + (pd.Timedelta(days=7) if period == "week" else pd.DateOffset(months=1))
        part = plan[(local_day >= first) & (local_day < end)]
        days = int(local_naive(part["ds"]).dt.normalize().nunique()) if len(part) else 0
        weeks = staffing.weeks_of(float(max(days, 1)))
        groups = [("all", part)] + [(c, g) for c, g in part.groupby("channel", sort=False)]
        for channel, rows_ in groups:
            staffed = rows_[rows_["model"] != "none"]
            tot = total(staffed, staffed_only=True) if len(staffed) else None
            rows.append({
                "period": period,
                "channel": channel,
                "start": first,
                "end": pd.Timestamp(end),
                "days": days,
                "contacts": float(rows_["volume"].sum()),
                "required_fte": _fte(tot, "required_agent_hours", settings, weeks),
                "rostered_fte": _fte(tot, "rostered_agent_hours", settings, weeks),
                "service_level": float(tot["service_level"]) if tot is not None else np.nan,
                "p_abandon": float(tot["p_abandon"]) if tot is not None else np.nan,
                "cost_required_eur": float(rows_["cost_required_eur"].sum()),
                "cost_rostered_eur": float(rows_["cost_rostered_eur"].sum()),
            })
    return pd.DataFrame(rows, columns=columns)


def _fte(tot: pd.Series | None, hours: str, settings: PlanSettings, weeks: float) -> float:
    """FTE of one agent-hours total (0 without staffed rows)."""
    if tot is None:
        return 0.0
    return float(staffing.fte(float(tot[hours]), settings.contract_hours_per_week, weeks))


def worst_gaps(plan: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` worst understaffed periods: runs of consecutive short intervals per channel.

    A period is a run of consecutive intervals of one channel where the roster is below the
    scheduled requirement (``gap < 0``); runs are ranked by their shortfall in agent hours.

    Returns
    -------
    pandas.DataFrame
        ``channel, start, end`` (tz-aware, ``end`` exclusive), ``intervals``,
        ``short_agent_hours``, ``max_short_agents``, ``volume``, ``service_level``
        (volume-weighted, achieved), sorted worst first.
    """
    columns = ["channel", "start", "end", "intervals", "short_agent_hours", "max_short_agents",
               "volume", "service_level"]
    if plan.empty:
        return pd.DataFrame(columns=columns)
    frame = plan.sort_values(["channel", "ds"]).reset_index(drop=True)
    short = (frame["gap"].to_numpy(float) < -EPS) & (frame["model"] != "none").to_numpy()
    step = pd.to_timedelta(frame["interval_min"], unit="min")
    contiguous = (frame["channel"] == frame["channel"].shift()) & (
        frame["ds"] == (frame["ds"] + step).shift()
    )
    new_run = short & ~(contiguous.to_numpy() & np.roll(short, 1))
    run_id = np.cumsum(new_run)
    frame = frame[short].assign(_run=run_id[short])
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame.assign(
        _short_h=staffing.agent_hours(-frame["gap"], frame["interval_min"]),
        _short=-frame["gap"],
        _end=frame["ds"] + pd.to_timedelta(frame["interval_min"], unit="min"),
        _kv=np.where(frame["service_level"].notna(), frame["volume"], 0.0),
        _slw=np.where(frame["service_level"].notna(), frame["service_level"] * frame["volume"], 0.0),
    )
    runs = frame.groupby("_run").agg(
        channel=("channel", "first"),
        start=("ds", "min"),
        end=("_end", "max"),
        intervals=("ds", "size"),
        short_agent_hours=("_short_h", "sum"),
        max_short_agents=("_short", "max"),
        volume=("volume", "sum"),
        _kv=("_kv", "sum"),
        _slw=("_slw", "sum"),
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        runs["service_level"] = np.where(runs["_kv"] > 0, runs["_slw"] / runs["_kv"], np.nan)
    runs = runs.sort_values(["short_agent_hours", "start"], ascending=[False, True]).head(n)
    return runs[columns].reset_index(drop=True)


def gap_heatmap(plan: pd.DataFrame, channel: str) -> pd.DataFrame:
    """Mean gap per weekday and local time of day for one channel. [agents]

    Returns
    -------
    pandas.DataFrame
        Index ``weekday`` (0 = Monday .. 6), columns ``"HH:MM"`` times of day, values the
        mean of ``gap`` over the plan's days with that weekday (negative = short).
    """
    rows = plan[plan["channel"] == channel]
    if rows.empty:
        return pd.DataFrame()
    local = local_naive(rows["ds"])
    frame = pd.DataFrame({"weekday": local.dt.day_of_week.to_numpy(),
                          "time": local.dt.strftime("%H:%M").to_numpy(),
                          "gap": rows["gap"].to_numpy(float)})
    table = frame.pivot_table(index="weekday", columns="time", values="gap", aggfunc="mean")
    return table.reindex(index=range(7))
