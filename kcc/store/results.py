"""Series results in the store: forecasts the many-series job (``kcc.jobs``) computed once per
data and settings, read by every session and replica.

Plan results hold the staffing plan of one channel the same way, keyed by a hash of everything
it was computed from (``plan_hash``), so the first page load after the job reads it.

A result is keyed by the centre, a hash of its data (``data_hash``: the volume fingerprint) and
a hash of the settings it was computed with (``settings_hash``), and holds one series' forecast
frame as Parquet, so every number comes back exactly as computed. These are derived data:
writing them leaves ``data_version`` alone (no cache over stored data goes stale), and a write
for a centre drops its results of older data.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Final

import pandas as pd

from kcc.store.connection import Connection, _cursor, _df, _retrying, _shared, centre_of


def _to_parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _from_parquet(blob: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(blob))


def _write_results(con: Connection, table: str, data_hash: str, inserts: list[dict],
                   statement: str, *, centre: int, keep: int | None = None) -> int:
    """Insert ``inserts`` with ``statement`` into ``table`` in one transaction, first dropping
    the centre's rows of any other ``data_hash`` (and, with ``keep``, all but its ``keep``
    newest rows after the insert)."""

    def attempt() -> int:
        with _shared(con).write_lock:
            cur = _cursor(con)
            cur.begin()
            try:
                cur.execute(f"DELETE FROM {table} WHERE centre_id = $centre AND data_hash <> $data",  # noqa: S608
                            {"centre": centre, "data": data_hash})
                for row in inserts:  # one statement per row: both back ends read it
                    cur.execute(statement, row)
                if keep is not None:
                    cur.execute(
                        f"""DELETE FROM {table} WHERE centre_id = $centre AND computed_at < (
                              SELECT min(computed_at) FROM (
                                SELECT computed_at FROM {table} WHERE centre_id = $centre
                                ORDER BY computed_at DESC LIMIT $keep) AS newest)""",  # noqa: S608
                        {"centre": centre, "keep": int(keep)})
                cur.commit()
            except BaseException:
                cur.rollback()
                raise
            finally:
                cur.close()
        return len(inserts)

    return _retrying(attempt)


def write_series_results(con: Connection, data_hash: str,
                         results: Mapping[tuple[str, str, str], pd.DataFrame], *,
                         centre_id: int | None = None) -> int:
    """Store results by ``(channel, queue, settings_hash)`` in one transaction; a result
    already stored under the same keys is replaced. Returns the number written.

    The centre's results of any other ``data_hash`` are dropped in the same transaction: they
    can never be read again (the data they were computed from is gone).
    """
    centre = centre_of(con, centre_id)
    inserts = [{"centre": centre, "data": data_hash, "settings": str(h), "channel": str(c),
                "queue": str(q), "result": _to_parquet(frame)} for (c, q, h), frame in results.items()]
    return _write_results(
        con, "series_results", data_hash, inserts,
        """INSERT INTO series_results
           VALUES ($centre, $data, $settings, $channel, $queue, $result, now())
           ON CONFLICT (centre_id, data_hash, settings_hash, channel, queue)
           DO UPDATE SET result = excluded.result, computed_at = excluded.computed_at""",
        centre=centre)


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


def read_series_results(con: Connection, data_hash: str,
                        keys: Sequence[tuple[str, str, str]], *,
                        centre_id: int | None = None) -> dict[tuple[str, str, str], pd.DataFrame]:
    """The stored results of ``keys`` (``(channel, queue, settings_hash)``) in one query: the
    ones found, by key (a key without a result is left out)."""
    wanted = {(str(c), str(q), str(h)) for c, q, h in keys}
    cur = _cursor(con)
    rows = cur.execute(
        """SELECT channel, queue, settings_hash, result FROM series_results
           WHERE centre_id = $centre AND data_hash = $data""",
        {"centre": centre_of(con, centre_id), "data": data_hash},
    ).fetchall()
    return {(str(c), str(q), str(h)): _from_parquet(bytes(blob))
            for c, q, h, blob in rows if (str(c), str(q), str(h)) in wanted}


# --------------------------------------------------------------------------- plan results

#: Channel plans a centre keeps (its newest): one plan per horizon, roster source and
#: settings the job was asked for, a few channels each.
PLAN_RESULTS_KEPT: Final[int] = 64


def write_plan_results(con: Connection, data_hash: str,
                       results: Mapping[tuple[str, str], pd.DataFrame], *,
                       centre_id: int | None = None) -> int:
    """Store channel plans by ``(channel, plan_hash)`` in one transaction (replacing one
    stored under the same keys); returns the number written. The centre's plans of any other
    ``data_hash`` are dropped, and all but its ``PLAN_RESULTS_KEPT`` newest."""
    centre = centre_of(con, centre_id)
    inserts = [{"centre": centre, "data": data_hash, "plan": str(h), "channel": str(c),
                "result": _to_parquet(frame)} for (c, h), frame in results.items()]
    return _write_results(
        con, "plan_results", data_hash, inserts,
        """INSERT INTO plan_results VALUES ($centre, $data, $plan, $channel, $result, now())
           ON CONFLICT (centre_id, data_hash, plan_hash, channel)
           DO UPDATE SET result = excluded.result, computed_at = excluded.computed_at""",
        centre=centre, keep=PLAN_RESULTS_KEPT)


def read_plan_result(con: Connection, data_hash: str, plan_hash: str, channel: str, *,
                     centre_id: int | None = None) -> pd.DataFrame | None:
    """The stored plan of one channel under these keys; None when there is none."""
    cur = _cursor(con)
    row = cur.execute(
        """SELECT result FROM plan_results
           WHERE centre_id = $centre AND data_hash = $data AND plan_hash = $plan
             AND channel = $channel""",
        {"centre": centre_of(con, centre_id), "data": data_hash, "plan": plan_hash,
         "channel": channel},
    ).fetchone()
    return None if row is None else _from_parquet(bytes(row[0]))


def plan_result_count(con: Connection, *, centre_id: int | None = None) -> int:
    """Channel plans stored for the centre (any data)."""
    cur = _cursor(con)
    row = cur.execute("SELECT count(*) FROM plan_results WHERE centre_id = $centre",
                      {"centre": centre_of(con, centre_id)}).fetchone()
    return int(row[0]) if row else 0
