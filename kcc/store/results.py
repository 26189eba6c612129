"""Series results in the store: forecasts the many-series job (``kcc.jobs``) computed once per
data and settings, read by every session and replica.

A result is keyed by the centre, a hash of its data (``data_hash``: the volume fingerprint) and
a hash of the settings it was computed with (``settings_hash``), and holds one series' forecast
frame as Parquet, so every number comes back exactly as computed. These are derived data:
writing them leaves ``data_version`` alone (no cache over stored data goes stale), and a write
for a centre drops its results of older data.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

from kcc.store.connection import Connection, _cursor, _df, _retrying, _shared, centre_of


def _to_parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _from_parquet(blob: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(blob))


def write_series_results(con: Connection, data_hash: str,
                         results: Mapping[tuple[str, str, str], pd.DataFrame], *,
                         centre_id: int | None = None) -> int:
    """Store results by ``(channel, queue, settings_hash)`` in one transaction; a result
    already stored under the same keys is replaced. Returns the number written.

    The centre's results of any other ``data_hash`` are dropped in the same transaction: they
    can never be read again (the data they were computed from is gone).
    """
    centre = centre_of(con, centre_id)
    rows = [(centre, data_hash, str(h), str(c), str(q), _to_parquet(frame))
            for (c, q, h), frame in results.items()]

    def attempt() -> int:
        with _shared(con).write_lock:
            cur = _cursor(con)
            cur.begin()
            try:
                cur.execute("DELETE FROM series_results WHERE centre_id = $centre AND data_hash <> $data",
                            {"centre": centre, "data": data_hash})
                for row in rows:  # one statement per series: both back ends read it
                    cur.execute(
                        """INSERT INTO series_results
                           VALUES ($centre, $data, $settings, $channel, $queue, $result, now())
                           ON CONFLICT (centre_id, data_hash, settings_hash, channel, queue)
                           DO UPDATE SET result = excluded.result, computed_at = excluded.computed_at""",
                        dict(zip(("centre", "data", "settings", "channel", "queue", "result"), row, strict=True)),
                    )
                cur.commit()
            except BaseException:
                cur.rollback()
                raise
            finally:
                cur.close()
        return len(rows)

    return _retrying(attempt)


def series_result_index(con: Connection, data_hash: str, *,
                        centre_id: int | None = None) -> pd.DataFrame:
    """``channel, queue, settings_hash, computed_at`` of every stored result of this data (no
    frames read): which series are done, and when they were computed."""
    cur = _cursor(con)
    return _df(cur.execute(
        """SELECT channel, queue, settings_hash, computed_at FROM series_results
           WHERE centre_id = $centre AND data_hash = $data
           ORDER BY channel, queue, settings_hash""",
        {"centre": centre_of(con, centre_id), "data": data_hash},
    ))


def read_series_result(con: Connection, data_hash: str, settings_hash: str,
                       channel: str, queue: str, *,
                       centre_id: int | None = None) -> pd.DataFrame | None:
    """The stored result of one series under these keys; None when there is none."""
    cur = _cursor(con)
    row = cur.execute(
        """SELECT result FROM series_results
           WHERE centre_id = $centre AND data_hash = $data AND settings_hash = $settings
             AND channel = $channel AND queue = $queue""",
        {"centre": centre_of(con, centre_id), "data": data_hash, "settings": settings_hash,
         "channel": channel, "queue": queue},
    ).fetchone()
    return None if row is None else _from_parquet(bytes(row[0]))
