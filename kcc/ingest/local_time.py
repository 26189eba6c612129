"""Local wall-clock times around the change of summer time.

Times in a file are the contact centre's wall-clock time in ``kcc.config.timezone()``.

* interval counts: a start time in the repeated autumn hour that occurs twice for a series is
  read in file order, first as summer time and then as standard time, so the day keeps its 100
  quarter-hours; a single occurrence is read as summer time;
* contact records: a time in the repeated hour is read as standard time (DuckDB's rule), since
  single arrivals cannot be ordered reliably;
* a time in the skipped spring hour does not exist. Interval counts in it are added to the
  first interval after the gap (03:00), contacts are counted one hour later (DuckDB's rule);
  either is a warning the user confirms, naming the rows (rows with no contacts are a notice).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kcc import config


def localize(
    local: pd.Series, order_keys: pd.DataFrame
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Local wall-clock times -> tz-aware; ambiguous times by order of occurrence per key.

    Returns the tz-aware series, a mask of nonexistent times (moved forward) and the
    occurrence number of each (key, local time) pair (0 first, 1 second, ...).
    """
    tz = config.timezone()
    occurrence = order_keys.assign(_t=local).groupby(list(order_keys.columns) + ["_t"]).cumcount()
    as_summer = local.dt.tz_localize(tz, ambiguous=np.ones(len(local), bool), nonexistent="NaT")
    as_winter = local.dt.tz_localize(tz, ambiguous=np.zeros(len(local), bool), nonexistent="NaT")
    ambiguous = (as_summer != as_winter) & as_summer.notna()
    nonexistent = as_summer.isna() & local.notna()
    summer = ~(ambiguous & (occurrence == 1))
    stamped = local.dt.tz_localize(tz, ambiguous=summer.to_numpy(), nonexistent="shift_forward")
    # The second occurrence of an ambiguous time is a new instant, not a duplicate.
    occurrence = occurrence.where(~(ambiguous & (occurrence == 1)), 0)
    return stamped, nonexistent, occurrence


def _utc_offset(local: pd.Series, stamped: pd.Series) -> pd.Series:
    return local - stamped.dt.tz_convert("UTC").dt.tz_localize(None)


def localize_like(bucket: pd.Series, local: pd.Series, stamped: pd.Series) -> pd.Series:
    """Localize bucket starts with the same UTC offset as the rows they hold, so the two
    readings of the repeated autumn hour stay apart."""
    tz = config.timezone()
    summer = bucket.dt.tz_localize(tz, ambiguous=np.ones(len(bucket), bool), nonexistent="shift_forward")
    same = (_utc_offset(bucket, summer) == _utc_offset(local, stamped)).to_numpy()
    return bucket.dt.tz_localize(tz, ambiguous=same, nonexistent="shift_forward")


def gap_bounds(local: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Wall-clock start and end of the skipped spring hour around each (nonexistent) time."""
    tz = config.timezone()
    summer = np.ones(len(local), bool)
    before = local.dt.tz_localize(tz, ambiguous=summer, nonexistent="shift_backward")
    after = local.dt.tz_localize(tz, ambiguous=summer, nonexistent="shift_forward")
    return before.dt.tz_localize(None).dt.ceil("min"), after.dt.tz_localize(None)
