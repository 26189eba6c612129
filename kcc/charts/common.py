"""Helpers the chart builders share: texts with English defaults, local time axes."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def text_or_default(labels: Mapping[str, str] | None, defaults: Mapping[str, str], key: str) -> str:
    """The caller's (translated) text for ``key``, else the English default.

    Parameters
    ----------
    labels : mapping, optional
        Texts the page passes.
    defaults : mapping
        English texts of every key the builder uses.
    key : str

    Returns
    -------
    str
    """
    return (labels or {}).get(key, defaults[key])


def local_wall_clock(ds: pd.Series) -> pd.Series:
    """Interval starts as naive local wall-clock time.

    plotly draws tz-aware stamps in UTC; a planner reads the centre's local time.

    Parameters
    ----------
    ds : pandas.Series
        Interval starts, tz-aware or naive (then returned as they are).

    Returns
    -------
    pandas.Series
    """
    return ds.dt.tz_localize(None) if getattr(ds.dt, "tz", None) is not None else ds
