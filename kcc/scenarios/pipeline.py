"""Every lever of a spec applied in order to the baseline demand, beside the baseline, and
the plan settings a spec implies."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kcc.scenarios.baseline import infer_opening_hours
from kcc.scenarios.demand import (
    Constrained,
    Grid,
    constrain,
    grid_frame,
    open_mask,
    to_grid,
    unconstrain,
)
from kcc.scenarios.levers import ShiftFlow, mix_channels
from kcc.scenarios.spec import ChannelHours, ScenarioSpec


@dataclass
class Pipeline:
    """Baseline and scenario demand side by side on one grid, as :func:`run_pipeline` leaves them (internal)."""

    grid: Grid
    base_accept: np.ndarray
    scn_accept: np.ndarray
    base_arrivals: np.ndarray
    scn_arrivals: np.ndarray
    base: Constrained
    scn: Constrained
    base_volume: np.ndarray
    scn_volume: np.ndarray
    gave_up: np.ndarray
    base_hours: tuple[ChannelHours, ...]
    scn_hours: tuple[ChannelHours, ...]
    shift_flows: tuple[ShiftFlow, ...] = ()


def _merge_hours(base: Sequence[ChannelHours], spec: ScenarioSpec) -> tuple[ChannelHours, ...]:
    overrides = {h.channel: h for h in spec.opening_hours}
    merged = [overrides.pop(h.channel, h) for h in base]
    return (*merged, *overrides.values())


def run_pipeline(demand: pd.DataFrame, spec: ScenarioSpec, opening_hours: Sequence[ChannelHours] | None) -> Pipeline:
    """Apply every lever of ``spec`` in order to ``demand``, keeping the baseline beside it."""
    grid = to_grid(demand)
    behaviour = spec.closed_hours
    needed = [s.target for s in spec.shifts if s.share > 0]
    for channel in needed:
        grid.row(channel)
    base_hours = tuple(opening_hours) if opening_hours is not None else infer_opening_hours(demand)
    scn_hours = _merge_hours(base_hours, spec)
    base_accept = open_mask(grid, base_hours)
    scn_accept = open_mask(grid, scn_hours)
    arrivals = unconstrain(grid, base_accept, behaviour, estimate_closed=True)
    base = constrain(grid, arrivals, base_accept, behaviour)
    factor = np.array([f.volume_factor if (f := spec.fcr_for(c)) else 1.0 for c in grid.channels])
    flows: list[ShiftFlow] = []
    scn_arrivals, gave_up = mix_channels(grid, arrivals * factor[:, None], spec.shifts, flows)
    for row, channel in enumerate(grid.channels):
        lever = spec.fcr_for(channel)
        if lever is not None and lever.aht_change:  # the grid's handle times are the scenario's
            grid.aht_s[row] = grid.aht_s[row] * (1.0 + lever.aht_change)
    scn = constrain(grid, scn_arrivals, scn_accept, behaviour)
    # The record stays the anchor: only the change the levers make is modelled. Where the
    # levers change nothing the record is kept as it is (no rounding from adding and
    # subtracting), so the baseline spec staffs exactly what ``kcc.plan`` staffs.
    delta = scn.volume - base.volume
    scn_volume = np.where(delta == 0.0, grid.volume, np.clip(grid.volume + delta, 0.0, None))
    return Pipeline(grid, base_accept, scn_accept, arrivals, scn_arrivals, base, scn,
                     grid.volume.copy(), scn_volume, gave_up, base_hours, scn_hours, tuple(flows))


def scenario_demand(
    demand: pd.DataFrame,
    spec: ScenarioSpec,
    opening_hours: Sequence[ChannelHours] | None = None,
) -> pd.DataFrame:
    """The demand a scenario creates, interval by interval, beside the baseline.

    Parameters
    ----------
    demand : pandas.DataFrame
        Baseline demand frame with ``closed_attempts``.
    spec : ScenarioSpec
    opening_hours : sequence of ChannelHours, optional
        Baseline opening hours (default: inferred from the data).

    Returns
    -------
    pandas.DataFrame
        Demand frame (``volume`` and ``volume_hi`` are the scenario's) plus ``volume_baseline``,
        ``volume_hi_baseline``, ``arrivals``,
        ``arrivals_baseline``, ``reached``, ``reached_baseline``, ``callbacks``, ``digital_in``,
        ``lost``, ``gave_up`` [contacts] and ``is_open``, ``is_open_baseline``.
    """
    p = run_pipeline(demand, spec, opening_hours)
    return pipeline_frame(p)


def pipeline_frame(p: Pipeline) -> pd.DataFrame:
    """The long demand frame of a :class:`Pipeline` (columns as :func:`scenario_demand`)."""
    grid = p.grid
    # the upper bound moves with the volume (its ratio per interval); unchanged where the
    # levers leave the volume unchanged
    safe = np.where(grid.volume > 0, grid.volume, 1.0)
    ratio = np.maximum(np.where(grid.volume > 0, grid.hi / safe, grid.hi_ratio[:, None]), 1.0)
    scn_hi = np.where(p.scn_volume == p.base_volume, grid.hi, p.scn_volume * ratio)
    return grid_frame(
        p.grid, p.scn_volume, scn_hi, volume_hi_baseline=grid.hi, volume_baseline=p.base_volume,
        arrivals=p.scn_arrivals, arrivals_baseline=p.base_arrivals,
        reached=p.scn.reached, reached_baseline=p.base.reached,
        callbacks=p.scn.callbacks, digital_in=p.scn.digital_in, lost=p.scn.lost, gave_up=p.gave_up,
        is_open=p.scn_accept, is_open_baseline=p.base_accept,
    )


# --------------------------------------------------------------------------- settings


def scenario_settings(settings: Any, spec: ScenarioSpec) -> Any:
    """Plan settings with the scenario's targets, hourly costs and flex premium.

    Parameters
    ----------
    settings : kcc.plan.PlanSettings
        Baseline settings.
    spec : ScenarioSpec

    Returns
    -------
    kcc.plan.PlanSettings
    """
    out = settings
    for t in spec.targets:
        changes = t.changes()
        if changes:
            out = out.with_targets(t.channel, **changes)
    rates = {c.channel: c.cost_eur_per_hour for c in spec.costs if c.cost_eur_per_hour is not None}
    if rates:
        out = out.with_channel_values(cost_eur_per_hour=rates)
    if spec.flex_premium is not None:
        out = dataclasses.replace(out, flex_premium=spec.flex_premium)
    return out
