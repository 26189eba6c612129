"""What every step of the plan shares: its error, a float tolerance and the local time and
interval length of a frame's ``ds`` column.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

#: Float tolerance of the plan's comparisons and roundings.
EPS: Final[float] = 1e-9


class PlanError(ValueError):
    """The inputs of a plan do not fit together; the message says which and how."""


def local_naive(ds: pd.Series) -> pd.Series:
    """Wall-clock local time without its zone (naive times pass through)."""
    return ds.dt.tz_localize(None) if ds.dt.tz is not None else ds


def interval_min_of(frame: pd.DataFrame) -> pd.Series:
    """Interval length per row from the spacing of ``ds`` within each series. [min]"""
    if "interval_min" in frame:
        return frame["interval_min"]
    keys = [c for c in ("channel", "queue") if c in frame]
    step = frame.groupby(keys)["ds"].transform(lambda s: s.diff().dropna().min())
    minutes = (step.dt.total_seconds() / 60).fillna(15.0)
    return minutes.clip(lower=1).round().astype("int64")
