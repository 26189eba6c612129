"""Volumes for long-range planning: each series per local day, or per its own period when it
was stored as days, weeks or months (``interval_min`` 1440, 10080, or a month's minutes, the
row starting at local midnight)."""

from __future__ import annotations

import pandas as pd

from kcc.store.connection import Connection, _cursor, _interval_df, centre_of


def period_volumes(con: Connection, *, centre_id: int | None = None) -> pd.DataFrame:
    """Offered contacts and handle time of one centre per channel and local day, queues summed.

    Rows of intervals shorter than a day are summed to their local day (``interval_min`` 1440);
    day, week and month rows are returned as stored.

    Returns
    -------
    pandas.DataFrame
        ``channel, ds`` (local midnight, naive), ``interval_min``, ``offered``, ``answered``
        [contacts], ``handle_s`` (answered x handle time, where known) [s].
    """
    cur = _cursor(con)
    return _interval_df(cur.execute(
        """SELECT channel, CAST(CAST(ds AS DATE) AS TIMESTAMP) AS ds,
                  greatest(interval_min, 1440) AS interval_min,
                  sum(offered) AS offered, sum(answered) AS answered,
                  sum(CASE WHEN aht_s IS NULL THEN 0 ELSE answered * aht_s END) AS handle_s,
                  sum(CASE WHEN aht_s IS NULL THEN 0 ELSE answered END) AS timed
           FROM interval_volumes WHERE centre_id = $centre
           GROUP BY 1, 2, 3 ORDER BY channel, ds""",
        {"centre": centre_of(con, centre_id)},
    ))
