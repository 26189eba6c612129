"""Findings written from the plan's numbers: where targets are missed and where money goes.

``plan_findings`` reads an interval plan (the Plan contract) and ranks the largest drivers of
missed targets (contacts not answered in time) and of cost (EUR over the plan period). Each
finding is a kind with its numbers; ``kcc.report.finding_text`` words it in English or Dutch.

Kinds of missed-target drivers, ranked by the contacts they miss:

``shape_mismatch``
    The roster holds as many FTE as the requirement or more, yet a channel misses its target:
    the hours are in the wrong channel or at the wrong time.
``short_total``
    The roster holds fewer FTE than the requirement.
``short_day``
    One weekday takes the largest share of a channel's missed contacts.
``short_peak``
    The hours of the day where a channel's under-cover concentrates, beside the hours where
    its roster is above the requirement.

Kinds of cost drivers, ranked by EUR:

``channel_cost``
    The largest channel's share of the requirement's cost, and its cost per contact.
``surplus_cost``
    Rostered hours above a channel's requirement, and what they cost.
``scenario_delta``
    What a scenario changes in a channel's cost against its baseline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import pandas as pd

from kcc import staffing
from kcc.config import CHANNELS
from kcc.plan.frames import local_naive
from kcc.plan.settings import PlanSettings
from kcc.plan.summaries import total

#: Every kind of finding, misses first.
FINDING_KINDS: Final[tuple[str, ...]] = (
    "shape_mismatch", "short_total", "short_day", "short_peak",
    "channel_cost", "surplus_cost", "scenario_delta",
)
#: Width of the window of hours a peak finding names. [h]
PEAK_WINDOW_H: Final[int] = 2
#: A channel misses its target when its service level is this far below it. [0..1]
MISS_MARGIN: Final[float] = 0.005
#: FTE differences below this are not worth a finding. [FTE]
MIN_FTE: Final[float] = 0.5


@dataclass(frozen=True)
class Finding:
    """One driver of missed targets or of cost.

    Attributes
    ----------
    kind : str
        One of ``FINDING_KINDS``.
    group : {"miss", "cost"}
        A driver of missed targets or of cost.
    channel : str
        The channel it is about.
    weight : float
        What it is ranked by: contacts missed [contacts] or money [EUR].
    numbers : tuple of (str, float)
        Its numbers by name (hours of the day, weekdays 0 = Monday, shares 0..1, FTE, EUR).
    other : str
        A second channel (the one with too many hours in ``shape_mismatch``), else empty.
    """

    kind: str
    group: Literal["miss", "cost"]
    channel: str
    weight: float
    numbers: tuple[tuple[str, float], ...]
    other: str = ""

    def number(self, name: str) -> float:
        """The number called ``name``.

        Raises
        ------
        KeyError
            When the finding has no such number.
        """
        for key, value in self.numbers:
            if key == name:
                return value
        raise KeyError(f"{self.kind} has no number {name!r}; it has {[k for k, _ in self.numbers]}")


@dataclass(frozen=True)
class ShapeProfile:
    """Required against rostered agents per hour of day for one channel and weekday.

    Attributes
    ----------
    channel : str
    weekday : int
        0 = Monday.
    hours : tuple of int
        Hours of the day with demand or a roster (local).
    required, rostered : tuple of float
        Mean agents scheduled (shrinkage included) and rostered in that hour on that
        weekday. [agents]
    """

    channel: str
    weekday: int
    hours: tuple[int, ...]
    required: tuple[float, ...]
    rostered: tuple[float, ...]


@dataclass(frozen=True)
class Findings:
    """The largest drivers of missed targets and of cost in one plan.

    Attributes
    ----------
    misses, costs : tuple of Finding
        Largest first.
    weeks : float
        Length of the plan period. [weeks]
    profile : ShapeProfile or None
        The roster's shape on the day and channel that miss most.
    """

    misses: tuple[Finding, ...]
    costs: tuple[Finding, ...]
    weeks: float
    profile: ShapeProfile | None = None


def _frame(plan: pd.DataFrame) -> pd.DataFrame:
    """The staffed rows with something in them, and the per-row sums the findings add up."""
    rows = plan[(plan["model"] != "none")
                & ((plan["volume"] > 0) | (plan["rostered"] > 0) | (plan["required_scheduled"] > 0))]
    local = local_naive(rows["ds"])
    interval_min = rows["interval_min"].to_numpy(float)
    gap = rows["gap"].to_numpy(float)
    volume = rows["volume"].to_numpy(float)
    sl = rows["service_level"].to_numpy(float)
    return pd.DataFrame({
        "channel": rows["channel"].to_numpy(),
        "day": local.dt.normalize().to_numpy(),
        "weekday": local.dt.day_of_week.to_numpy(),
        "hour": local.dt.hour.to_numpy(),
        "required_h": staffing.agent_hours(rows["required_scheduled"].to_numpy(float), interval_min),
        "rostered_h": staffing.agent_hours(rows["rostered"].to_numpy(float), interval_min),
        "short_h": staffing.agent_hours(np.clip(-gap, 0, None), interval_min),
        "over_h": staffing.agent_hours(np.clip(gap, 0, None), interval_min),
        # contacts not answered (or finished) within the channel's target time
        "missed": np.where(np.isfinite(sl) & (volume > 0), volume * (1.0 - np.nan_to_num(sl)), 0.0),
        "volume": volume,
        "required": rows["required_scheduled"].to_numpy(float),
        "rostered": rows["rostered"].to_numpy(float),
    })


def _window(by_hour: pd.Series) -> tuple[int, int, float]:
    """The ``PEAK_WINDOW_H`` consecutive hours with the largest sum: start, end, sum."""
    hours = np.arange(24)
    values = by_hour.reindex(hours, fill_value=0.0).to_numpy(float)
    sums = np.convolve(values, np.ones(PEAK_WINDOW_H), mode="valid")
    start = int(np.argmax(sums))
    return start, start + PEAK_WINDOW_H, float(sums[start])


def _channel_misses(rows: pd.DataFrame, channel: str) -> list[Finding]:
    """The weekday and the hours where one channel misses most."""
    missed = float(rows["missed"].sum())
    if missed <= 0:
        return []
    by_day = rows.groupby("weekday")["missed"].sum()
    weekday = int(by_day.idxmax())
    found = [Finding("short_day", "miss", channel, float(by_day.max()), (
        ("weekday", float(weekday)), ("missed", float(by_day.max())), ("channel_missed", missed),
        ("share", float(by_day.max()) / missed)))]
    short = float(rows["short_h"].sum())
    if short > 0:
        start, end, short_in = _window(rows.groupby("hour")["short_h"].sum())
        over_start, over_end, over_in = _window(rows.groupby("hour")["over_h"].sum())
        in_window = rows["hour"].between(start, end - 1)
        over = float(rows["over_h"].sum())
        found.append(Finding("short_peak", "miss", channel, float(rows.loc[in_window, "missed"].sum()), (
            ("start_h", float(start)), ("end_h", float(end)), ("share", short_in / short),
            ("missed", float(rows.loc[in_window, "missed"].sum())),
            ("over_start_h", float(over_start)), ("over_end_h", float(over_end)),
            ("over_share", over_in / over if over > 0 else 0.0))))
    return found


def _fte(hours: float, settings: PlanSettings, weeks: float) -> float:
    return staffing.fte(hours, settings.contract_hours_per_week, weeks) if weeks > 0 else 0.0


def _misses(frame: pd.DataFrame, plan: pd.DataFrame, settings: PlanSettings, weeks: float) -> list[Finding]:
    """Channels below their target, and why: the roster's size or its shape."""
    found: list[Finding] = []
    missing: list[tuple[str, float, float]] = []
    for channel in _ordered(frame["channel"]):
        target = settings.targets_for(channel).target_service_level
        achieved = float(total(plan[plan["channel"] == channel])["service_level"])
        if math.isfinite(achieved) and achieved < target - MISS_MARGIN:
            missing.append((channel, achieved, target))
            found += _channel_misses(frame[frame["channel"] == channel], channel)
    if not missing:
        return found
    hours = frame.groupby("channel")[["required_h", "rostered_h"]].sum()
    fte = hours.map(lambda h: _fte(float(h), settings, weeks))
    required, rostered = float(fte["required_h"].sum()), float(fte["rostered_h"].sum())
    worst, achieved, target = max(missing, key=lambda m: float(frame.loc[frame["channel"] == m[0], "missed"].sum()))
    missed = float(frame.loc[frame["channel"].isin([m[0] for m in missing]), "missed"].sum())
    short_fte = float(fte.loc[worst, "required_h"] - fte.loc[worst, "rostered_h"])
    if rostered >= required:
        surplus = (fte["rostered_h"] - fte["required_h"]).drop(worst)
        other = str(surplus.idxmax()) if len(surplus) and surplus.max() >= MIN_FTE else ""
        found.append(Finding("shape_mismatch", "miss", worst, missed, (
            ("rostered_fte", rostered), ("required_fte", required), ("achieved", achieved),
            ("target", target), ("short_fte", short_fte),
            ("other_surplus_fte", float(surplus.max()) if other else 0.0)), other=other))
    elif required - rostered >= MIN_FTE:
        found.append(Finding("short_total", "miss", worst, missed, (
            ("rostered_fte", rostered), ("required_fte", required), ("achieved", achieved),
            ("target", target))))
    return found


def _costs(frame: pd.DataFrame, settings: PlanSettings, weeks: float,
           baseline: tuple[pd.DataFrame, PlanSettings] | None) -> list[Finding]:
    found: list[Finding] = []
    cost = {c: staffing.labour_cost_eur(float(frame.loc[frame["channel"] == c, "required_h"].sum()),
                                        settings.cost_for(c)) for c in _ordered(frame["channel"])}
    everything = sum(cost.values())
    for channel, eur in cost.items():
        rows = frame[frame["channel"] == channel]
        volume = float(rows["volume"].sum())
        if everything > 0 and eur > 0:
            found.append(Finding("channel_cost", "cost", channel, eur, (
                ("cost_eur", eur), ("share", eur / everything), ("volume", volume),
                ("eur_per_contact", eur / volume if volume > 0 else math.nan))))
        over = float(rows["over_h"].sum())
        if _fte(over, settings, weeks) >= MIN_FTE:
            by_day = rows.groupby("weekday")["over_h"].sum()
            surplus_eur = staffing.labour_cost_eur(over, settings.cost_for(channel))
            found.append(Finding("surplus_cost", "cost", channel, surplus_eur, (
                ("over_h", over), ("over_fte", _fte(over, settings, weeks)), ("cost_eur", surplus_eur),
                ("weekday", float(by_day.idxmax())), ("weekday_share", float(by_day.max()) / over))))
    if baseline is not None:
        base_frame, base_settings = _frame(baseline[0]), baseline[1]
        for channel in _ordered(pd.concat([frame["channel"], base_frame["channel"]])):
            before_h = float(base_frame.loc[base_frame["channel"] == channel, "required_h"].sum())
            after_h = float(frame.loc[frame["channel"] == channel, "required_h"].sum())
            delta = (staffing.labour_cost_eur(after_h, settings.cost_for(channel))
                     - staffing.labour_cost_eur(before_h, base_settings.cost_for(channel)))
            if abs(delta) >= 1.0:
                found.append(Finding("scenario_delta", "cost", channel, abs(delta), (
                    ("delta_eur", delta), ("delta_fte", _fte(after_h - before_h, settings, weeks)))))
    return found


def _ordered(channels: pd.Series) -> list[str]:
    order = {c: i for i, c in enumerate(CHANNELS)}
    return sorted({str(c) for c in channels}, key=lambda c: (order.get(c, len(order)), c))


def _profile(frame: pd.DataFrame, misses: list[Finding]) -> ShapeProfile | None:
    """The roster's shape on the weekday that misses most, of the channel that misses most."""
    day = next((f for f in misses if f.kind == "short_day"), None)
    if day is None:
        return None
    weekday = int(day.number("weekday"))
    rows = frame[(frame["channel"] == day.channel) & (frame["weekday"] == weekday)]
    rows = rows[(rows["volume"] > 0) | (rows["rostered"] > 0)]
    if rows.empty:
        return None
    days = max(rows["day"].nunique(), 1)
    per_hour = rows.groupby("hour")[["required_h", "rostered_h"]].sum() / days  # agent hours per hour = agents
    return ShapeProfile(day.channel, weekday, tuple(int(h) for h in per_hour.index),
                        tuple(float(v) for v in per_hour["required_h"]),
                        tuple(float(v) for v in per_hour["rostered_h"]))


def plan_findings(plan: pd.DataFrame, settings: PlanSettings, *,
                  baseline: tuple[pd.DataFrame, PlanSettings] | None = None, n: int = 3) -> Findings:
    """The ``n`` largest drivers of missed targets and of cost in ``plan``.

    Parameters
    ----------
    plan : pandas.DataFrame
        An interval plan (Plan contract: ``channel, ds, interval_min, model, volume,
        required_scheduled, rostered, gap, service_level``).
    settings : kcc.plan.PlanSettings
        The settings the plan was made with (targets, contract hours, hourly costs).
    baseline : (pandas.DataFrame, kcc.plan.PlanSettings), optional
        The baseline's plan and settings, for what a scenario changes per channel.
    n : int
        Findings per group.

    Returns
    -------
    Findings
    """
    frame = _frame(plan)
    if frame.empty:
        return Findings((), (), 0.0)
    days = local_naive(plan["ds"]).dt.normalize()
    weeks = staffing.weeks_of(float((days.max() - days.min()).days + 1))
    misses = sorted(_misses(frame, plan, settings, weeks), key=lambda f: -f.weight)
    costs = sorted(_costs(frame, settings, weeks, baseline), key=lambda f: -f.weight)
    # the largest channel's share says where the money goes; every channel's would crowd out
    # the findings a manager can act on
    largest = next((f for f in costs if f.kind == "channel_cost"), None)
    costs = [f for f in costs if f.kind != "channel_cost" or f is largest]
    return Findings(tuple(misses[:n]), tuple(costs[:n]), weeks, _profile(frame, misses))
