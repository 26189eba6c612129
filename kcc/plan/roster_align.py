"""The roster aligned to the demand intervals (exact, averaged when finer, held when coarser)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kcc.roster import CoverageIntegral


def align_roster(demand: pd.DataFrame, roster: pd.DataFrame) -> np.ndarray:
    """Rostered agents for each row of a per-channel demand frame.

    A roster at the same interval length is matched exactly; a finer roster is averaged over
    each demand interval, a coarser one holds its value through the demand intervals it spans.
    Intervals without a roster row have 0 agents.

    Parameters
    ----------
    demand : pandas.DataFrame
        ``channel, ds, interval_min`` (one row per channel and interval).
    roster : pandas.DataFrame
        ``channel, ds, interval_min, agents`` (``kcc.store.read_roster`` or
        ``kcc.roster.expand_shifts``).

    Returns
    -------
    numpy.ndarray
        Agents per demand row. [agents]
    """
    out = np.zeros(len(demand))
    if roster is None or roster.empty or demand.empty:
        return out
    roster = roster[["channel", "ds", "interval_min", "agents"]]
    key_ns = _epoch_s(demand["ds"])
    for channel, rows in roster.groupby("channel", sort=False):
        pick = np.flatnonzero((demand["channel"] == channel).to_numpy())
        if not pick.size:
            continue
        r_s = _epoch_s(rows["ds"])
        order = np.argsort(r_s, kind="stable")
        r_s = r_s[order]
        agents = rows["agents"].to_numpy(float)[order]
        width_r = rows["interval_min"].to_numpy("int64")[order] * 60
        d_s = key_ns[pick]
        width_d = demand["interval_min"].to_numpy("int64")[pick] * 60
        # agent-seconds of the roster inside each demand interval
        coverage = CoverageIntegral.of_spans(r_s, r_s + width_r, agents)
        covered = coverage.at(d_s + width_d) - coverage.at(d_s)
        out[pick] = covered / width_d
    return out


def _epoch_s(ds: pd.Series) -> np.ndarray:
    return ds.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[s]").astype("int64").to_numpy() \
        if ds.dt.tz is not None else ds.astype("datetime64[s]").astype("int64").to_numpy()
