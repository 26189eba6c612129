"""The deferred work waiting when a plan starts, estimated from the history.

Without a count of unhandled items, the estimate is the items that arrived after the
history's last open interval (the weekend's e-mail when the history ends on a Sunday): they
are in no forecast interval, and nobody was working to answer them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kcc.plan.build import open_mask
from kcc.targets import DEFERRED_CHANNELS

__all__ = ["StartBacklog", "start_backlog_estimate"]


@dataclass(frozen=True)
class StartBacklog:
    """One channel's estimated start backlog.

    Attributes
    ----------
    items : float
        Items that arrived after the history's last open interval. [items]
    since : pandas.Timestamp or None
        End of that last open interval (the start of the counted arrivals); None when the
        history has no open interval (then ``items`` is 0).
    """

    items: float
    since: pd.Timestamp | None


def start_backlog_estimate(history: pd.DataFrame,
                           open_hours: Mapping[str, Any] | None = None) -> dict[str, StartBacklog]:
    """Items waiting at the plan's start per deferred channel, estimated from the history.

    Parameters
    ----------
    history : pandas.DataFrame
        Volume-contract frame (``channel, ds, offered`` and optionally ``interval_min``; queues
        are added up), ending where the plan starts.
    open_hours : mapping, optional
        Service hours as ``kcc.plan.build_plan`` takes them (``service_hours``): the open
        intervals of the history. Without an entry a channel is open wherever it has volume
        (so nothing is counted).

    Returns
    -------
    dict of str to StartBacklog
        One entry per deferred channel (``kcc.targets.DEFERRED_CHANNELS``) in the history.
    """
    out: dict[str, StartBacklog] = {}
    if history.empty or not {"channel", "ds", "offered"} <= set(history.columns):
        return out
    rows = history[history["channel"].isin(DEFERRED_CHANNELS)]
    if rows.empty:
        return out
    per = rows.groupby(["channel", "ds"], as_index=False, sort=True)["offered"].sum()
    volume = per["offered"].astype(float).fillna(0.0)
    per = per.assign(volume=volume, volume_hi=volume)
    is_open = open_mask(per, open_hours or {})
    step = _interval(rows)
    for channel, index in per.groupby("channel", sort=True).indices.items():
        channel_rows = per.iloc[index]
        opened = is_open[index]
        if not opened.any():
            out[str(channel)] = StartBacklog(0.0, None)
            continue
        last = int(np.flatnonzero(opened)[-1])
        after = float(channel_rows["volume"].to_numpy(float)[last + 1:].sum())
        out[str(channel)] = StartBacklog(after, channel_rows["ds"].iloc[last] + step)
    return out


def _interval(history: pd.DataFrame) -> pd.Timedelta:
    if "interval_min" in history and history["interval_min"].notna().any():
        return pd.Timedelta(minutes=int(history["interval_min"].dropna().iloc[0]))
    spacing = history.sort_values("ds")["ds"].drop_duplicates().diff().dropna()
    return spacing.min() if len(spacing) else pd.Timedelta(minutes=15)
