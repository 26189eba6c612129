"""The numbers behind the strategy's building blocks: key figures as the app shows them,
first-contact resolution, people (leavers and hires) and the contacts an outage hits."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Final

import numpy as np
import pandas as pd

from kcc.plan.frames import local_naive
from kcc.report.model import CalamityOutlook, ChannelOutcome, FcrFigure, KeyFigures, PeopleRow
from kcc.report.wording import finite
from kcc.scenarios import CALAMITIES, CalamityPlan, RepeatMeasure, ScenarioResult, ScenarioSpec, StrategyChoices

#: Channels an outage takes down: telephony the phone; the website its chat and self-service.
OUTAGE_CHANNELS: Final[dict[str, tuple[str, ...]]] = {
    "telephony": ("phone",),
    "website": ("chat", "self_service"),
}
#: Weeks in a year, for attrition over a period. [weeks]
WEEKS_PER_YEAR: Final[float] = 52.0


def _share(value: object) -> float | None:
    return float(value) if finite(value) else None  # type: ignore[arg-type]  # checked by finite


def key_figures(result: ScenarioResult) -> KeyFigures:
    """The headline numbers of ``result`` as the Levers and Scenarios pages show them.

    Parameters
    ----------
    result : kcc.scenarios.ScenarioResult

    Returns
    -------
    KeyFigures
    """
    return KeyFigures(
        name=result.name,
        fte=float(result.fte),
        fte_rostered=float(result.fte_rostered),
        cost_eur_per_month=float(result.cost_eur_per_month),
        service_level=_share(result.service_level),
        service_level_roster=_share(result.service_level_roster),
        p_abandon_roster=_share(result.p_abandon_roster),
        reachability=_share(result.reachability),
    )


def fcr_figures(spec: ScenarioSpec, repeats: Mapping[str, RepeatMeasure] | None,
                channels: Sequence[str]) -> tuple[FcrFigure, ...]:
    """First-contact resolution per channel where it is measured or set by the FCR lever."""
    out = []
    for channel in channels:
        measured = repeats.get(channel) if repeats else None
        lever = spec.fcr_for(channel)
        if measured is None and lever is None:
            continue
        out.append(FcrFigure(channel, _share(measured.fcr) if measured is not None else None,
                             lever.fcr_baseline if lever is not None else None,
                             lever.fcr if lever is not None else None))
    return tuple(out)


def people_rows(outcomes: Sequence[ChannelOutcome], strategy: StrategyChoices, weeks: float,
                period_start: date) -> tuple[tuple[PeopleRow, ...], date | None]:
    """Per staffed channel the shortfall and the leavers over the period, and the day by
    which vacancies must open for new staff to be ready at the period's start.

    Leavers are the rostered FTE times the yearly attrition, pro rata over the period; hires
    are the shortfall against the scenario's requirement plus the leavers.
    """
    rows = []
    for c in outcomes:
        if c.required_fte_scen <= 0 and c.rostered_fte <= 0:
            continue
        leavers = (c.rostered_fte * strategy.attrition_per_year * weeks / WEEKS_PER_YEAR
                   if strategy.attrition_per_year is not None else None)
        hires = max(0.0, c.required_fte_scen - c.rostered_fte) + (leavers or 0.0)
        rows.append(PeopleRow(c.channel, c.required_fte_scen, c.rostered_fte, leavers, hires))
    lead = strategy.hiring_lead_weeks
    return tuple(rows), (period_start - timedelta(weeks=lead) if lead is not None else None)


def _busiest_stretch(demand: pd.DataFrame, channels: Sequence[str], duration_h: float) -> tuple[float, int, int]:
    """Contacts of ``channels`` in the busiest ``duration_h`` hours of an average week, and
    the weekday and hour that stretch starts."""
    rows = demand[demand["channel"].isin(channels)]
    if rows.empty:
        return 0.0, 0, 0
    local = local_naive(rows["ds"])
    weeks = max(local.dt.normalize().nunique() / 7.0, 1.0)
    hour_of_week = (local.dt.day_of_week * 24 + local.dt.hour).to_numpy()
    week = np.bincount(hour_of_week, weights=rows["volume"].to_numpy(float), minlength=168) / weeks
    span = max(1, math.ceil(duration_h))
    stretched = np.concatenate([week, week[:span - 1]])
    sums = np.convolve(stretched, np.ones(span), mode="valid")[:168]
    start = int(np.argmax(sums))
    # a part of an hour hits that part of the hour's contacts
    return float(sums[start]) * duration_h / span, start // 24, start % 24


def calamity_outlook(strategy: StrategyChoices, demand: pd.DataFrame) -> tuple[CalamityOutlook, ...]:
    """A telephony and a website outage, each with the contacts it hits in the busiest
    stretch of an average week of ``demand`` (the scenario's), and the stated plan."""
    out = []
    for kind in CALAMITIES:
        stated = strategy.calamity(kind)
        duration = (stated or CalamityPlan(kind)).duration_h
        channels = OUTAGE_CHANNELS[kind]
        hit, weekday, hour = _busiest_stretch(demand, channels, duration)
        out.append(CalamityOutlook(kind, duration, channels, hit, weekday, hour,
                                   stated.fallback if stated is not None else (),
                                   stated.plan if stated is not None else ""))
    return tuple(out)
