"""The lever functions: each turns a demand frame into the demand one lever creates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kcc.scenarios.demand import (
    Grid,
    constrain,
    grid_frame,
    open_mask,
    to_grid,
    unconstrain,
)
from kcc.scenarios.spec import (
    ChannelHours,
    ChannelShift,
    ClosedHoursBehaviour,
    FcrLever,
)
from kcc.scenarios.validation import remainder


def unconstrain_demand(
    demand: pd.DataFrame,
    recorded_hours: Sequence[ChannelHours],
    behaviour: ClosedHoursBehaviour,
    *,
    estimate_closed: bool = True,
) -> pd.DataFrame:
    """The demand as it arrives, before closed hours reshaped it.

    ``arrivals = volume + closed_attempts - callbacks - moved``: contacts attempted while closed
    are added where they happened and the callbacks and channel moves they caused (per
    ``behaviour``) are taken out of the record.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame with ``closed_attempts`` (missing means 0).
    recorded_hours : sequence of ChannelHours
        Opening hours the record was made under; channels not listed were always open.
    behaviour : ClosedHoursBehaviour
        What customers do when they meet a closed channel.
    estimate_closed : bool, default True
        Estimate the closed-hours attempts of a channel that records none from the 24-hour
        pattern of the channels open around the clock.

    Returns
    -------
    pandas.DataFrame
        Demand frame whose ``volume`` is the arrivals and ``closed_attempts`` 0.
    """
    grid = to_grid(demand)
    accept = open_mask(grid, recorded_hours)
    arrivals = unconstrain(grid, accept, behaviour, estimate_closed)
    return grid_frame(grid, arrivals, closed_attempts=np.zeros_like(arrivals))


def apply_opening_hours(
    demand: pd.DataFrame,
    hours: Sequence[ChannelHours],
    behaviour: ClosedHoursBehaviour,
    *,
    recorded_hours: Sequence[ChannelHours] | None = None,
    estimate_closed: bool = True,
) -> pd.DataFrame:
    """Reshape demand by opening hours.

    Demand arriving while a channel is closed calls back at its next opening (``callback_share``,
    spread front-loaded over ``redial_window_min``: the redial peak), moves to
    ``digital_channel`` (``digital_share``; at its next opening if that is closed too) or is lost.
    Self-service is always open.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame. Without ``recorded_hours``, ``volume + closed_attempts`` is taken as the
        arrivals; with it, the frame is first un-constrained (:func:`unconstrain_demand`).
    hours : sequence of ChannelHours
        The opening hours to apply; channels not listed are always open.
    behaviour : ClosedHoursBehaviour
        Callback, move and loss shares.
    recorded_hours : sequence of ChannelHours, optional
        Hours the record was made under. The record then stays the anchor: the result is the
        recorded volume plus the change the new hours make, so applying the recorded hours
        returns the record unchanged.
    estimate_closed : bool, default True
        See :func:`unconstrain_demand`.

    Returns
    -------
    pandas.DataFrame
        ``channel, queue, ds, interval_min, volume, volume_hi, aht_s`` (what agents face) and
        ``arrivals`` (demand as it arrives), ``is_open``, ``reached`` (arrivals meeting an open
        channel), ``callbacks``, ``digital_in``, ``lost`` [contacts].
    """
    grid = to_grid(demand)
    accept = open_mask(grid, hours)
    if recorded_hours is None:
        arrivals = grid.volume + grid.closed
        out = constrain(grid, arrivals, accept, behaviour)
        volume = out.volume
    else:
        recorded = open_mask(grid, recorded_hours)
        arrivals = unconstrain(grid, recorded, behaviour, estimate_closed)
        out = constrain(grid, arrivals, accept, behaviour)
        # The record stays the anchor: only the change the new hours make is modelled.
        volume = np.clip(grid.volume + out.volume - constrain(grid, arrivals, recorded, behaviour).volume, 0.0, None)
    return grid_frame(
        grid, volume, arrivals=arrivals, is_open=accept, reached=out.reached,
        callbacks=out.callbacks, digital_in=out.digital_in, lost=out.lost,
    )


def apply_fcr(demand: pd.DataFrame, levers: Sequence[FcrLever]) -> pd.DataFrame:
    """Scale each channel's demand by ``fcr_baseline / fcr`` (fewer repeat contacts) and its
    handle time by ``1 + aht_change``.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame; ``volume``, ``volume_hi`` and ``closed_attempts`` are scaled.
    levers : sequence of FcrLever

    Returns
    -------
    pandas.DataFrame
        A copy; ``aht_s`` scaled by ``1 + aht_change`` of each lever.
    """
    out = demand.copy()
    factor = out["channel"].map({lv.channel: lv.volume_factor for lv in levers}).fillna(1.0).to_numpy(float)
    for column in ("volume", "volume_hi", "closed_attempts", "arrivals"):
        if column in out:
            out[column] = out[column].astype(float) * factor
    longer = out["channel"].map({lv.channel: 1.0 + lv.aht_change for lv in levers}).fillna(1.0).to_numpy(float)
    if "aht_s" in out and (longer != 1.0).any():
        out["aht_s"] = out["aht_s"].astype(float) * longer
    return out


@dataclass(frozen=True)
class ShiftFlow:
    """Where the contacts one channel shift moves end up, over the whole demand frame.

    ``handled + came_back + lost == moved`` exactly (``lost`` is the remainder).

    Attributes
    ----------
    source, target : str
        Channel ids.
    moved : float
        Contacts moved away from the source. [contacts]
    handled : float
        Resolved in the target (``containment``). [contacts]
    came_back : float
        Failed there and contacted the source anyway (``failure_share``). [contacts]
    lost : float
        Gave up: lost customers, not a saving. [contacts]
    """

    source: str
    target: str
    moved: float
    handled: float
    came_back: float
    lost: float


def mix_channels(grid: Grid, arrivals: np.ndarray, shifts: Sequence[ChannelShift],
                 flows: list[ShiftFlow] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Apply channel shifts to the arrivals matrix; returns (arrivals, given-up per channel).

    ``flows``, when given, receives one :class:`ShiftFlow` per shift applied.
    """
    arrivals = arrivals.copy()
    gave_up = np.zeros_like(arrivals)
    for shift in shifts:
        if shift.share <= 0:
            continue
        if shift.source not in grid.channels:
            continue
        for channel in (shift.target,):
            if channel not in grid.channels:
                grid.row(channel)
                arrivals = np.vstack([arrivals, np.zeros((1, arrivals.shape[1]))])
                gave_up = np.vstack([gave_up, np.zeros((1, gave_up.shape[1]))])
        s, t = grid.channels.index(shift.source), grid.channels.index(shift.target)
        moved = arrivals[s] * shift.share
        contained = moved * shift.containment
        failed = moved * shift.failure_share
        aht_in = shift.aht_s if shift.aht_s is not None else grid.aht_s[t]
        work = arrivals[t] * grid.aht_s[t] + contained * aht_in
        arrivals[t] = arrivals[t] + contained
        grid.aht_s[t] = np.where(arrivals[t] > 0, work / np.where(arrivals[t] > 0, arrivals[t], 1.0), grid.aht_s[t])
        arrivals[s] = arrivals[s] - moved + failed
        gave_up[s] += moved - contained - failed
        if flows is not None:
            total, handled, back = float(moved.sum()), float(contained.sum()), float(failed.sum())
            flows.append(ShiftFlow(shift.source, shift.target, total, handled, back,
                                   remainder(total, [handled, back])))
    return arrivals, gave_up


def apply_channel_mix(demand: pd.DataFrame, shifts: Sequence[ChannelShift]) -> pd.DataFrame:
    """Move shares of one channel's demand to another, in order.

    Of the moved contacts, ``containment`` are handled in the target (with ``aht_s`` or the
    target's own handle time; self-service needs no agent), ``failure_share`` come back to the
    source (failure demand) and the rest give up.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame; ``volume`` is moved (``closed_attempts`` is added to it first).
    shifts : sequence of ChannelShift

    Returns
    -------
    pandas.DataFrame
        Demand frame with ``volume`` after the shifts, ``gave_up`` [contacts] and the target's
        handle time weighted by the contacts it handles.
    """
    grid = to_grid(demand)
    arrivals, gave_up = mix_channels(grid, grid.volume + grid.closed, shifts)
    return grid_frame(grid, arrivals, gave_up=gave_up, closed_attempts=np.zeros_like(arrivals))
