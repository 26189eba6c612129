"""Contact volumes in the store: the import history, interval volumes and contact records
(written with the period they cover replaced), the series summary, daily volumes, the
intraday profile, the volume fingerprint and repeat-contact rates.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

import duckdb
import pandas as pd

from kcc import config
from kcc.store.connection import (
    Connection,
    Cursor,
    _cursor,
    _df,
    _interval_df,
    _one,
    _span,
    _transaction,
    _write,
    centre_of,
    columns_of,
    is_postgres,
)
from kcc.store.schema import CONTACT_TABLE_COLUMNS, ImportRecord, StoreError, WriteOutcome

#: Settings a forecast reads besides volumes and events: which intraday profile spreads the
#: centre's series of day, week or month totals, and how it treats public holidays.
INTRADAY_PROFILE_KEY: Final[str] = "intraday_profile"
HOLIDAY_TREATMENTS_KEY: Final[str] = "holiday_treatments"
FORECAST_SETTING_KEYS: Final[tuple[str, ...]] = (HOLIDAY_TREATMENTS_KEY, INTRADAY_PROFILE_KEY)

# --------------------------------------------------------------------------- imports


def _insert_import(cur: Cursor, record: ImportRecord, centre_id: int) -> int:
    row = _one(cur.execute(
        """INSERT INTO imports (centre_id, file_name, kind, imported_by, imported_at, rows_read,
               rows_imported, rows_ignored, rows_replaced, message)
           VALUES ($centre, $file, $kind, $by, now(), $read, 0, $ignored, 0, $msg)
           RETURNING import_id""",
        {
            "centre": centre_id,
            "file": record.file_name,
            "kind": record.kind,
            "by": record.imported_by,
            "read": record.rows_read,
            "ignored": record.rows_ignored,
            "msg": record.message,
        },
    ))
    return int(row[0])


def _finish_import(
    cur: Cursor, import_id: int, table: str, rows: int, replaced: int
) -> None:
    time_col = "arrival_ts" if table == "contacts" else "ds"
    cur.execute(
        f"""UPDATE imports SET rows_imported = $rows, rows_replaced = $replaced,
               period_start = (SELECT min({time_col}) FROM {table} WHERE import_id = $id),
               period_end = (SELECT max({time_col}) FROM {table} WHERE import_id = $id),
               interval_min = (SELECT max(interval_min) FROM interval_volumes WHERE import_id = $id),
               channels = (SELECT string_agg(DISTINCT channel, ',' ORDER BY channel)
                           FROM {table} WHERE import_id = $id)
           WHERE import_id = $id""",  # noqa: S608 - table and column names are constants
        {"rows": rows, "replaced": replaced, "id": import_id},
    )


def read_imports(con: Connection, *, centre_id: int | None = None) -> pd.DataFrame:
    """Import history of one centre, newest first."""
    cur = _cursor(con)
    return _df(cur.execute(
        f"""SELECT {columns_of(cur, "imports")} FROM imports WHERE centre_id = $centre
            ORDER BY import_id DESC""",  # noqa: S608 - column names from the schema
        {"centre": centre_of(con, centre_id)},
    ))


_INTERVAL_COLUMNS: Final[tuple[str, ...]] = (
    "channel",
    "queue",
    "ds",
    "interval_min",
    "offered",
    "answered",
    "abandoned",
    "aht_s",
    "wait_s_total",
    "closed_attempts",
)


# --------------------------------------------------------------------------- volumes


def series_interval_min(con: Connection, channel: str, queue: str, *,
                        centre_id: int | None = None) -> int | None:
    """Interval length the stored series uses [min], or None when the series is new."""
    cur = _cursor(con)
    row = cur.execute(
        """SELECT max(interval_min) FROM interval_volumes
           WHERE centre_id = $centre AND channel = $c AND queue = $q""",
        {"c": channel, "q": queue, "centre": centre_of(con, centre_id)},
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def series_granularity(con: Connection, channel: str, queue: str, *,
                       centre_id: int | None = None) -> str:
    """How finely the stored series is counted: ``interval`` (intraday), ``day``, ``week`` or
    ``month`` (``kcc.config.GRANULARITIES``), read from its rows' ``interval_min``.

    Raises
    ------
    StoreError
        When the centre holds no such series.
    """
    cur = _cursor(con)
    row = cur.execute(
        """SELECT min(interval_min), max(interval_min) FROM interval_volumes
           WHERE centre_id = $centre AND channel = $c AND queue = $q""",
        {"c": channel, "q": queue, "centre": centre_of(con, centre_id)},
    ).fetchone()
    if row is None or row[0] is None:
        raise StoreError(f"no stored series {channel}/{queue}")
    # a monthly series holds months of 28 to 31 days; both ends name the same granularity
    return config.granularity_of(int(row[1]))


def _interval_frame(frame: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("channel", "queue", "ds", "interval_min", "offered") if c not in frame]
    if missing:
        raise StoreError(f"interval frame lacks column(s): {', '.join(missing)}")
    out = frame.copy()
    for column in _INTERVAL_COLUMNS:
        if column not in out:
            out[column] = 0.0 if column == "closed_attempts" else float("nan")
    return out[list(_INTERVAL_COLUMNS)]


@_write
def replace_intervals(
    con: Connection, frame: pd.DataFrame, record: ImportRecord, *,
    centre_id: int | None = None,
) -> WriteOutcome:
    """Write per-interval volumes, replacing what the same series held in the same period.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection or PgStore
        Store connection.
    frame : pandas.DataFrame
        Volume contract columns (see ``docs/ARCHITECTURE.md``); ``ds`` tz-aware or local naive.
    record : ImportRecord
        Import-history entry.
    centre_id : int, optional
        Centre written to; default the connection's (``centre_of``).

    Returns
    -------
    WriteOutcome
        Rows written and rows of earlier imports replaced. All or nothing.
    """
    new_rows = _interval_frame(frame)
    centre = centre_of(con, centre_id)
    with _transaction(con) as cur:
        import_id = _insert_import(cur, record, centre)
        cur.register("new_rows", new_rows)
        replaced = _delete_overlap(cur, "interval_volumes", "ds", "new_rows", centre)
        cur.execute(
            """INSERT INTO interval_volumes
               SELECT $centre, channel, queue, ds, interval_min, offered, answered, abandoned,
                      aht_s, wait_s_total, coalesce(closed_attempts, 0), $id
               FROM new_rows""",
            {"id": import_id, "centre": centre},
        )
        cur.unregister("new_rows")
        _finish_import(cur, import_id, "interval_volumes", len(new_rows), replaced)
    return WriteOutcome(import_id, len(new_rows), replaced)


def _delete_overlap(cur: Cursor, table: str, time_col: str, view: str,
                    centre_id: int) -> int:
    """Delete a centre's rows of ``table`` in the period each series of ``view`` covers;
    return count."""
    return _delete_spans(
        cur, table, time_col,
        f"""SELECT channel, queue, min({time_col}) AS lo, max({time_col}) AS hi
            FROM {view} GROUP BY channel, queue""",  # noqa: S608 - names are constants
        centre_id,
    )


def _delete_spans(cur: Cursor, table: str, time_col: str, spans: str,
                  centre_id: int) -> int:
    """Delete a centre's rows of ``table`` inside the spans ``channel, queue, lo, hi``;
    return count."""
    cur.execute("DROP TABLE IF EXISTS kcc_spans")
    cur.execute(f"CREATE TEMP TABLE kcc_spans AS {spans}")  # noqa: S608
    centre = {"centre": centre_id}
    count = _one(cur.execute(
        f"""SELECT count(*) FROM {table} t JOIN kcc_spans s
            ON t.channel = s.channel AND t.queue = s.queue
           AND t.{time_col} BETWEEN s.lo AND s.hi
            WHERE t.centre_id = $centre""",  # noqa: S608 - names are constants
        centre,
    ))[0]
    if count:  # a first import of a series has nothing to replace
        cur.execute(
            f"""DELETE FROM {table} t USING kcc_spans s
                WHERE t.channel = s.channel AND t.queue = s.queue
                  AND t.{time_col} BETWEEN s.lo AND s.hi
                  AND t.centre_id = $centre""",  # noqa: S608
            centre,
        )
    cur.execute("DROP TABLE kcc_spans")
    return int(count)


_CONTACT_COLUMNS: Final[tuple[str, ...]] = (
    "channel",
    "queue",
    "contact_id",
    "arrival_ts",
    "wait_s",
    "handle_s",
    "outcome",
    "customer_id",
)


@_write
def replace_contacts(
    con: Connection,
    frame: pd.DataFrame,
    record: ImportRecord,
    interval_min: int,
    *,
    centre_id: int | None = None,
) -> WriteOutcome:
    """Write contact records and roll them up to ``interval_min`` intervals, in SQL, atomically.

    Contacts of the same channel and queue in the period the new file covers are replaced, and
    so are the intervals of that period (whatever import they came from). ``outcome`` is
    ``answered``, ``abandoned`` or ``closed`` (attempted outside opening hours).

    Returns
    -------
    WriteOutcome
        ``rows_imported`` counts contacts; ``rows_replaced`` counts replaced contacts and
        intervals together.
    """
    if interval_min not in config.PLANNING_INTERVALS_MIN:
        raise StoreError(f"interval_min must be one of {config.PLANNING_INTERVALS_MIN}")
    missing = [c for c in _CONTACT_COLUMNS if c not in frame and c != "customer_id"]
    if missing:
        raise StoreError(f"contact frame lacks column(s): {', '.join(missing)}")
    new_rows = frame.copy()
    if "customer_id" not in new_rows:
        new_rows["customer_id"] = None
    new_rows = new_rows[list(_CONTACT_COLUMNS)]
    centre = centre_of(con, centre_id)
    with _transaction(con) as cur:
        import_id = _insert_import(cur, record, centre)
        cur.register("new_contacts", new_rows)
        replaced = _delete_overlap(cur, "contacts", "arrival_ts", "new_contacts", centre)
        cur.execute(
            f"""INSERT INTO contacts ({CONTACT_TABLE_COLUMNS})
               SELECT $centre, channel, queue, contact_id, arrival_ts, wait_s, handle_s,
                      outcome, customer_id, $id, NULL, NULL, NULL
               FROM new_contacts""",  # noqa: S608 - a constant
            {"id": import_id, "centre": centre},
        )
        cur.unregister("new_contacts")
        replaced += _rollup_contacts(cur, import_id, interval_min, centre, new_rows)
        _finish_import(cur, import_id, "contacts", len(new_rows), replaced)
    return WriteOutcome(import_id, len(new_rows), replaced)


#: Contacts rolled up into intervals of ``$width`` in zone ``$tz`` (DuckDB's ``time_bucket``).
_ROLLUP: Final[str] = """SELECT channel, queue,
                  time_bucket(CAST($width AS INTERVAL), arrival_ts, $tz) AS ds,
                  $n AS interval_min,
                  count(*) FILTER (WHERE outcome <> 'closed') AS offered,
                  count(*) FILTER (WHERE outcome = 'answered') AS answered,
                  count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
                  avg(handle_s) FILTER (WHERE outcome = 'answered') AS aht_s,
                  sum(coalesce(wait_s, 0)) FILTER (WHERE outcome <> 'closed') AS wait_s_total,
                  count(*) FILTER (WHERE outcome = 'closed') AS closed_attempts
           FROM {source}
           GROUP BY ALL"""


def _rollup_contacts(cur: Cursor, import_id: int, interval_min: int, centre_id: int,
                     frame: pd.DataFrame) -> int:
    """Aggregate an import's contacts (``frame``, as written) into intervals, replacing that
    period; rows replaced. On PostgreSQL the roll-up runs in DuckDB, in memory."""
    tz = _one(cur.execute("SELECT current_setting('TimeZone')"))[0]
    params = {"width": f"{interval_min} minutes", "tz": tz, "n": interval_min}
    if is_postgres(cur):
        memory = duckdb.connect(":memory:")
        try:
            memory.execute("SET TimeZone = $tz", {"tz": tz})
            memory.register("new_contacts", frame)
            rolled = _df(memory.execute(_ROLLUP.format(source="new_contacts"), params))
        finally:
            memory.close()
        cur.register("new_intervals", rolled)
    else:
        cur.execute("DROP TABLE IF EXISTS new_intervals")
        cur.execute(
            f"CREATE TEMP TABLE new_intervals AS {_ROLLUP.format(source='contacts WHERE import_id = $id')}",
            {**params, "id": import_id},
        )
    replaced = _delete_overlap(cur, "interval_volumes", "ds", "new_intervals", centre_id)
    cur.execute(
        """INSERT INTO interval_volumes
           SELECT $centre, channel, queue, ds, interval_min, offered, answered, abandoned,
                  aht_s, wait_s_total, closed_attempts, $id
           FROM new_intervals""",
        {"id": import_id, "centre": centre_id},
    )
    cur.execute("DROP TABLE new_intervals")
    return replaced


def read_intervals(
    con: Connection,
    channel: str | None = None,
    queue: str | None = None,
    start: datetime | date | None = None,
    end: datetime | date | None = None,
    *,
    recent_weeks: int | None = None,
    centre_id: int | None = None,
) -> pd.DataFrame:
    """Per-interval volumes (volume contract) of one centre, sorted by channel, queue, ds.

    ``start`` is inclusive, ``end`` exclusive; dates mean local midnight. ``recent_weeks``
    keeps the rows from ``recent_weeks`` weeks and a day (on the calendar) before the start of
    the centre's newest interval shorter than a day, and every row when it has none: a superset
    of the last ``recent_weeks`` weeks however a clock change falls, read in the database rather
    than the whole history (``kcc.pipeline.recent_history`` cuts it to the exact weeks).
    """
    cur = _cursor(con)
    return _interval_df(cur.execute(
        """SELECT channel, queue, ds, interval_min, offered, answered, abandoned, aht_s,
                  wait_s_total, closed_attempts
           FROM interval_volumes
           WHERE centre_id = $centre AND ($channel IS NULL OR channel = $channel)
             AND ($queue IS NULL OR queue = $queue)
             AND ($start IS NULL OR ds >= CAST($start AS TIMESTAMPTZ))
             AND ($end IS NULL OR ds < CAST($end AS TIMESTAMPTZ))
             AND ($recent IS NULL OR ds >= coalesce(
                    (SELECT max(ds) FROM interval_volumes
                     WHERE centre_id = $centre AND interval_min < $day_min)
                    - CAST($recent AS INTERVAL), ds))
           ORDER BY channel, queue, ds""",
        {"channel": channel, "queue": queue, **_span(start, end), "centre": centre_of(con, centre_id),
         "recent": None if recent_weeks is None else f"{7 * int(recent_weeks) + 1} days",
         "day_min": config.DAY_MIN},
    ))


def series_summary(con: Connection, *, centre_id: int | None = None) -> pd.DataFrame:
    """One row per series of one centre: channel, queue, interval_min, first_ds, last_ds,
    days, offered, answered, abandoned, closed_attempts (contacts)."""
    cur = _cursor(con)
    return _df(cur.execute(
        """SELECT channel, queue, max(interval_min) AS interval_min,
                  min(ds) AS first_ds, max(ds) AS last_ds,
                  count(DISTINCT CAST(ds AS DATE)) AS days,
                  sum(offered) AS offered, sum(answered) AS answered,
                  sum(abandoned) AS abandoned, sum(closed_attempts) AS closed_attempts
           FROM interval_volumes WHERE centre_id = $centre
           GROUP BY channel, queue ORDER BY channel, queue""",
        {"centre": centre_of(con, centre_id)},
    ))


def daily_volumes(con: Connection, *, centre_id: int | None = None) -> pd.DataFrame:
    """Offered contacts per local day and channel of one centre: ``date, channel, offered,
    closed_attempts``."""
    cur = _cursor(con)
    return _df(cur.execute(
        """SELECT CAST(ds AS DATE) AS date, channel,
                  sum(offered) AS offered, sum(closed_attempts) AS closed_attempts
           FROM interval_volumes WHERE centre_id = $centre GROUP BY 1, 2 ORDER BY 1, 2""",
        {"centre": centre_of(con, centre_id)},
    ))


def intraday_profile(con: Connection, channel: str | None = None, *,
                     centre_id: int | None = None) -> pd.DataFrame:
    """Mean offered contacts per weekday (0 = Monday) and local time of day, per channel.

    Columns ``channel, weekday, time_of_day (HH:MM), offered``; the mean is over the days the
    series has, so a closed slot on an open day counts as zero.
    """
    cur = _cursor(con)
    return _df(cur.execute(
        _INTRADAY_PG if is_postgres(cur) else _INTRADAY,
        {"channel": channel, "centre": centre_of(con, centre_id)},
    ))


_INTRADAY: Final[str] = """WITH days AS (
               SELECT channel, isodow(CAST(ds AS DATE)) - 1 AS weekday,
                      count(DISTINCT CAST(ds AS DATE)) AS n_days
               FROM interval_volumes
               WHERE centre_id = $centre AND ($channel IS NULL OR channel = $channel)
               GROUP BY ALL)
           SELECT v.channel, isodow(CAST(v.ds AS DATE)) - 1 AS weekday,
                  strftime(v.ds, '%H:%M') AS time_of_day,
                  sum(v.offered) / any_value(d.n_days) AS offered
           FROM interval_volumes v JOIN days d
             ON d.channel = v.channel AND d.weekday = isodow(CAST(v.ds AS DATE)) - 1
           WHERE v.centre_id = $centre AND ($channel IS NULL OR v.channel = $channel)
           GROUP BY ALL ORDER BY v.channel, weekday, time_of_day"""
# PostgreSQL: the weekday by ``extract``, the time of day by ``to_char``, one day count per
# group by ``max`` (no ``any_value`` before version 16).
_PG_WEEKDAY: Final[str] = "CAST(extract(isodow FROM CAST({ds} AS DATE)) AS BIGINT) - 1"
_INTRADAY_PG: Final[str] = f"""WITH days AS (
               SELECT channel, {_PG_WEEKDAY.format(ds="ds")} AS weekday,
                      count(DISTINCT CAST(ds AS DATE)) AS n_days
               FROM interval_volumes
               WHERE centre_id = $centre AND ($channel IS NULL OR channel = $channel)
               GROUP BY 1, 2)
           SELECT v.channel, {_PG_WEEKDAY.format(ds="v.ds")} AS weekday,
                  to_char(v.ds, 'HH24:MI') AS time_of_day,
                  sum(v.offered) / max(d.n_days) AS offered
           FROM interval_volumes v JOIN days d
             ON d.channel = v.channel AND d.weekday = {_PG_WEEKDAY.format(ds="v.ds")}
           WHERE v.centre_id = $centre AND ($channel IS NULL OR v.channel = $channel)
           GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""  # noqa: S608 - constants


def volume_fingerprint(con: Connection, *,
                       centre_id: int | None = None) -> tuple[Any, ...]:
    """A value that changes whenever one centre's volumes, event calendar or the settings
    its forecasts read (``FORECAST_SETTING_KEYS``: the intraday profile of its long-range
    series, its holiday treatments) change.

    Forecasts depend on nothing else, so they are cached on this rather than on
    ``data_version`` (a roster or other settings write, or any write in another centre,
    leaves them valid).
    """
    cur = _cursor(con)
    centre = {"centre": centre_of(con, centre_id)}
    volumes = _one(cur.execute(
        """SELECT count(*), max(import_id), sum(offered), min(ds), max(ds) FROM interval_volumes
           WHERE centre_id = $centre""",
        centre,
    ))
    events = _one(cur.execute(
        # Any digest that changes with a row will do; each dialect has its own.
        """SELECT count(*), md5(string_agg(CAST(row(event_id, name, kind, start_date, end_date,
                                                  channels, uplift_pct, exclude_from_training)
                                              AS TEXT), '|' ORDER BY event_id))
           FROM events WHERE centre_id = $centre""" if is_postgres(cur) else
        """SELECT count(*), sum(hash(event_id, name, kind, start_date, end_date, channels,
                                     uplift_pct, exclude_from_training))
           FROM events WHERE centre_id = $centre""",
        centre,
    ))
    chosen = cur.execute(
        """SELECT key, value_json FROM settings WHERE centre_id = $centre
           AND key = ANY(CAST($keys AS VARCHAR[])) ORDER BY key""",
        {**centre, "keys": list(FORECAST_SETTING_KEYS)},
    ).fetchall()
    return tuple(str(v) for v in (*volumes, *events)) + tuple(f"{k}={v}" for k, v in chosen)


# --------------------------------------------------------------------------- repeat contacts


def read_repeat_rates(
    con: Connection,
    window_days: int = config.REPEAT_WINDOW_DAYS,
    *,
    unidentified: tuple[str, ...] = config.UNIDENTIFIED_CUSTOMER_IDS,
    centre_id: int | None = None,
) -> pd.DataFrame:
    """Repeat-contact rate per channel from contact records that carry a customer id.

    A contact is a repeat when the same customer made another contact (any channel) in the
    ``window_days`` before it. Contacts of customers not identified (no id, an empty id, an
    id of zeros only, or one of ``unidentified``, compared trimmed and in lower case) are left
    out of the measure and counted apart: one "customer 0" would make most calls repeats.

    Returns
    -------
    pandas.DataFrame
        ``channel, contacts`` (of identified customers, the contacts the rate rests on),
        ``repeats, repeat_rate`` (NaN without identified contacts) and ``unidentified``
        (contacts left out); one row per channel with a customer id column in any record,
        empty when no record has one.
    """
    cur = _cursor(con)
    return cur.execute(
        _REPEATS_PG if is_postgres(cur) else _REPEATS,
        {"days": window_days, "unknown": [str(v).strip().lower() for v in unidentified],
         "centre": centre_of(con, centre_id)},
    ).df()


_REPEATS: Final[str] = """WITH c AS (
               SELECT channel, arrival_ts, trim(customer_id) AS customer,
                      customer_id IS NOT NULL AS has_id,
                      customer_id IS NULL OR trim(customer_id) = ''
                          OR regexp_full_match(trim(customer_id), '0+')
                          OR coalesce(list_contains(CAST($unknown AS VARCHAR[]), lower(trim(customer_id))), false)
                          AS unidentified
               FROM contacts WHERE centre_id = $centre AND outcome <> 'closed'),
           p AS (
               SELECT channel, arrival_ts, has_id, unidentified,
                      lag(arrival_ts) OVER (PARTITION BY unidentified, customer ORDER BY arrival_ts)
                          AS prev_ts
               FROM c)
           SELECT channel,
                  count(*) FILTER (WHERE NOT unidentified) AS contacts,
                  count(*) FILTER (WHERE NOT unidentified AND prev_ts IS NOT NULL
                                   AND arrival_ts - prev_ts <= to_days(CAST($days AS INTEGER))) AS repeats,
                  repeats / nullif(contacts, 0) AS repeat_rate,
                  count(*) FILTER (WHERE unidentified) AS unidentified
           FROM p GROUP BY channel HAVING bool_or(has_id) ORDER BY channel"""
_REPEATS_PG: Final[str] = """WITH c AS (
               SELECT channel, arrival_ts, trim(customer_id) AS customer,
                      customer_id IS NOT NULL AS has_id,
                      customer_id IS NULL OR trim(customer_id) = ''
                          OR trim(customer_id) ~ '^0+$'
                          OR coalesce(lower(trim(customer_id)) = ANY(CAST($unknown AS VARCHAR[])), false)
                          AS unidentified
               FROM contacts WHERE centre_id = $centre AND outcome <> 'closed'),
           p AS (
               SELECT channel, arrival_ts, has_id, unidentified,
                      lag(arrival_ts) OVER (PARTITION BY unidentified, customer ORDER BY arrival_ts)
                          AS prev_ts
               FROM c),
           n AS (
               SELECT channel,
                      count(*) FILTER (WHERE NOT unidentified) AS contacts,
                      count(*) FILTER (WHERE NOT unidentified AND prev_ts IS NOT NULL
                                       AND arrival_ts - prev_ts
                                           <= make_interval(days => CAST($days AS INTEGER))) AS repeats,
                      count(*) FILTER (WHERE unidentified) AS unidentified,
                      bool_or(has_id) AS any_id
               FROM p GROUP BY channel)
           SELECT channel, contacts, repeats,
                  CAST(repeats AS DOUBLE PRECISION) / nullif(contacts, 0) AS repeat_rate,
                  unidentified
           FROM n WHERE any_id ORDER BY channel"""


def read_chat_sessions(
    con: Connection, channel: str = "chat", *, centre_id: int | None = None
) -> pd.DataFrame:
    """Answered contacts of a channel that say who handled them or how many sessions were held.

    A session runs from arrival + wait (the first response) to its end: the stored end time,
    else arrival + wait + handle time.

    Returns
    -------
    pandas.DataFrame
        ``agent_id`` (None when not recorded), ``start``, ``end`` (local times, NaT when
        unknown), ``handle_s`` (the stored handle time, else end - start) [s] and
        ``sessions`` (as the file recorded them, NaN when not) [sessions]; one row per contact
        with an agent id or a sessions value, ordered by agent and start.
    """
    cur = _cursor(con)
    return _df(cur.execute(
        _CHAT_SESSIONS_PG if is_postgres(cur) else _CHAT_SESSIONS,
        {"centre": centre_of(con, centre_id), "channel": channel},
    ))


_CHAT_SESSIONS: Final[str] = """WITH c AS (
               SELECT agent_id, sessions, end_ts, handle_s,
                      arrival_ts + to_microseconds(CAST(round(coalesce(wait_s, 0) * 1e6) AS BIGINT))
                          AS start
               FROM contacts
               WHERE centre_id = $centre AND channel = $channel AND outcome = 'answered'
                 AND (agent_id IS NOT NULL OR sessions IS NOT NULL))
           SELECT agent_id, start,
                  coalesce(end_ts, start + to_microseconds(CAST(round(handle_s * 1e6) AS BIGINT)))
                      AS "end",
                  coalesce(handle_s, epoch(end_ts - start)) AS handle_s,
                  CAST(sessions AS DOUBLE) AS sessions
           FROM c ORDER BY agent_id, start"""
# PostgreSQL: whole microseconds as intervals, the seconds between two instants by ``extract``.
_CHAT_SESSIONS_PG: Final[str] = """WITH c AS (
               SELECT agent_id, sessions, end_ts, handle_s,
                      arrival_ts + CAST(round(coalesce(wait_s, 0) * 1e6) AS BIGINT)
                                   * INTERVAL '1 microsecond' AS start
               FROM contacts
               WHERE centre_id = $centre AND channel = $channel AND outcome = 'answered'
                 AND (agent_id IS NOT NULL OR sessions IS NOT NULL))
           SELECT agent_id, start,
                  coalesce(end_ts, start + CAST(round(handle_s * 1e6) AS BIGINT)
                                           * INTERVAL '1 microsecond') AS "end",
                  coalesce(handle_s, CAST(extract(epoch FROM end_ts - start) AS DOUBLE PRECISION))
                      AS handle_s,
                  CAST(sessions AS DOUBLE PRECISION) AS sessions
           FROM c ORDER BY agent_id, start"""
