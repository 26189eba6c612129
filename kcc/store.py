"""The DuckDB store: every line of SQL in KCC Planner lives in this module.

Timestamps are kept as ``TIMESTAMPTZ`` instants; each connection's ``TimeZone`` is set to the
contact centre's zone, so every frame read back carries tz-aware local times. DDL is kept as
constants, writes run in one transaction on their own cursor (a failed write leaves the
database exactly as it was), and every value travels as a parameter or a registered frame.

Use one read-write connection per database file (``connect``) and call the functions here with
it from any number of threads: each call opens its own cursor, and writes to one file take
turns (see the connection section). One process per database file: DuckDB locks the file, and
``connect`` raises ``DatabaseInUseError`` when another process holds it.
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
import time
import warnings
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final, ParamSpec, TypeVar

import duckdb
import pandas as pd

from kcc import config
from kcc.i18n import TranslatedError

_P = ParamSpec("_P")
_T = TypeVar("_T")

SCHEMA_VERSION: Final[int] = 1

#: Tables holding user data; ``reset`` empties exactly these.
DATA_TABLES: Final[tuple[str, ...]] = (
    "contacts",
    "interval_volumes",
    "events",
    "roster",
    "shifts",
    "scenarios",
    "imports",
    "settings",
)

_DDL_V1: Final[tuple[str, ...]] = (
    """CREATE TABLE IF NOT EXISTS meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL)""",
    "CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1",
    "CREATE SEQUENCE IF NOT EXISTS event_id_seq START 1",
    "CREATE SEQUENCE IF NOT EXISTS shift_id_seq START 1",
    "CREATE SEQUENCE IF NOT EXISTS scenario_id_seq START 1",
    """CREATE TABLE IF NOT EXISTS imports (
        import_id BIGINT PRIMARY KEY DEFAULT nextval('import_id_seq'),
        file_name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,          -- contacts | intervals | roster | demo
        imported_by VARCHAR NOT NULL,
        imported_at TIMESTAMPTZ NOT NULL,
        rows_read BIGINT NOT NULL,
        rows_imported BIGINT NOT NULL,
        rows_ignored BIGINT NOT NULL,
        rows_replaced BIGINT NOT NULL,
        interval_min INTEGER,
        period_start TIMESTAMPTZ,
        period_end TIMESTAMPTZ,
        channels VARCHAR,
        message VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS contacts (
        channel VARCHAR NOT NULL,
        queue VARCHAR NOT NULL,
        contact_id VARCHAR NOT NULL,
        arrival_ts TIMESTAMPTZ NOT NULL,
        wait_s DOUBLE,
        handle_s DOUBLE,
        outcome VARCHAR NOT NULL,       -- answered | abandoned | closed
        customer_id VARCHAR,
        import_id BIGINT NOT NULL,
        PRIMARY KEY (channel, queue, contact_id))""",
    """CREATE TABLE IF NOT EXISTS interval_volumes (
        channel VARCHAR NOT NULL,
        queue VARCHAR NOT NULL,
        ds TIMESTAMPTZ NOT NULL,
        interval_min INTEGER NOT NULL,
        offered DOUBLE NOT NULL,
        answered DOUBLE,
        abandoned DOUBLE,
        aht_s DOUBLE,
        wait_s_total DOUBLE,
        closed_attempts DOUBLE NOT NULL DEFAULT 0,
        import_id BIGINT NOT NULL,
        PRIMARY KEY (channel, queue, ds))""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id BIGINT PRIMARY KEY DEFAULT nextval('event_id_seq'),
        name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        start_date DATE NOT NULL,
        end_date DATE NOT NULL,
        channels VARCHAR[] NOT NULL,
        uplift_pct DOUBLE,
        exclude_from_training BOOLEAN NOT NULL DEFAULT FALSE,
        source VARCHAR NOT NULL DEFAULT 'user')""",
    """CREATE TABLE IF NOT EXISTS roster (
        channel VARCHAR NOT NULL,
        ds TIMESTAMPTZ NOT NULL,
        interval_min INTEGER NOT NULL,
        agents DOUBLE NOT NULL,
        import_id BIGINT,
        PRIMARY KEY (channel, ds))""",
    """CREATE TABLE IF NOT EXISTS shifts (
        shift_id BIGINT PRIMARY KEY DEFAULT nextval('shift_id_seq'),
        name VARCHAR NOT NULL,
        channels VARCHAR[] NOT NULL,
        start_time TIME NOT NULL,
        length_min INTEGER NOT NULL,
        weekdays INTEGER[] NOT NULL,    -- 0 = Monday
        headcount INTEGER NOT NULL,
        location VARCHAR NOT NULL DEFAULT 'site',   -- site | home
        valid_from DATE,
        valid_to DATE)""",
    """CREATE TABLE IF NOT EXISTS scenarios (
        scenario_id BIGINT PRIMARY KEY DEFAULT nextval('scenario_id_seq'),
        name VARCHAR NOT NULL UNIQUE,
        description VARCHAR NOT NULL DEFAULT '',
        spec_json VARCHAR NOT NULL,
        spec_version INTEGER NOT NULL,
        created_by VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_by VARCHAR NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS settings (
        key VARCHAR PRIMARY KEY,
        value_json VARCHAR NOT NULL)""",
)

#: Migration steps by the schema version they bring the database to.
MIGRATIONS: Final[dict[int, tuple[str, ...]]] = {1: _DDL_V1}

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


class StoreError(RuntimeError):
    """A write the store refused; the message says why and nothing was changed."""


@dataclass(frozen=True)
class WriteOutcome:
    """What one atomic import write did.

    Attributes
    ----------
    import_id : int
        Id of the row in the import history.
    rows_imported : int
        Rows written to the target table.
    rows_replaced : int
        Rows of an earlier import that this one replaced (overlapping period). [rows]
    """

    import_id: int
    rows_imported: int
    rows_replaced: int


@dataclass(frozen=True)
class ImportRecord:
    """Who imported what, for the import history.

    Attributes
    ----------
    file_name : str
        Name of the uploaded file as the user saw it.
    kind : str
        ``contacts``, ``intervals``, ``roster`` or ``demo``.
    imported_by : str
        User name (or ``demo``).
    rows_read : int
        Data rows in the file.
    rows_ignored : int
        Rows deliberately left out (for example outcome mapped to *ignore*).
    message : str
        Human summary shown in the history.
    """

    file_name: str
    kind: str
    imported_by: str
    rows_read: int
    rows_ignored: int = 0
    message: str = ""


# --------------------------------------------------------------------------- connection
#
# Many browser sessions share one connection (the app caches it per database file). DuckDB
# refuses a second call on a connection that is busy, so nothing here runs on the shared
# connection once ``connect`` has returned: every call opens a cursor (a connection of its
# own to the same database) and sets the zone on it from what ``connect`` remembered. Writes
# take turns on one lock per database file, so two sessions never change the same rows at
# once; a write DuckDB still reports as a conflict (or busy) is retried after a short pause.

#: Pauses before each retry of a write DuckDB refused as a conflict or busy call. [s]
WRITE_RETRY_DELAYS_S: Final[tuple[float, ...]] = (0.05, 0.1, 0.2, 0.4, 0.8)


@dataclass(frozen=True)
class _Shared:
    """What calls on one shared connection need, kept in Python so no call asks the
    connection itself (which another thread may be using)."""

    timezone: str
    write_lock: threading.RLock  # one per database file: writes take turns
    cursor_lock: threading.Lock  # one per connection: cursor() calls take turns


_REGISTRY_LOCK: Final = threading.RLock()
_SHARED: Final[weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, _Shared]] = (
    weakref.WeakKeyDictionary()
)
_WRITE_LOCKS: Final[dict[str, threading.RLock]] = {}


def _write_lock(target: str) -> threading.RLock:
    """The write lock of a database file (every in-memory database has its own)."""
    if target in ("", ":memory:"):
        return threading.RLock()
    key = target if target.startswith(":memory:") else os.path.realpath(target)
    with _REGISTRY_LOCK:
        return _WRITE_LOCKS.setdefault(key, threading.RLock())


def _register(con: duckdb.DuckDBPyConnection, target: str, zone: str) -> _Shared:
    shared = _Shared(zone, _write_lock(target), threading.Lock())
    with _REGISTRY_LOCK:
        _SHARED[con] = shared
    return shared


def _shared(con: duckdb.DuckDBPyConnection) -> _Shared:
    with _REGISTRY_LOCK:
        shared = _SHARED.get(con)
        if shared is None:
            # A connection opened without ``connect`` (a caller's own ``duckdb.connect``):
            # asked once, here, for its zone and file, then remembered like the others.
            zone, target = con.execute(
                """SELECT current_setting('TimeZone'), coalesce(path, ':memory:')
                   FROM duckdb_databases() WHERE database_name = current_database()"""
            ).fetchone()
            shared = _register(con, str(target), str(zone))
    return shared


class DatabaseInUseError(TranslatedError):
    """The database file is held by another process (DuckDB lets one process write a file).

    Codes ``in_use`` (fields ``path``, ``pid``) and ``in_use_unknown`` (field ``path``), texts
    ``common.db_error.<code>``: what to do, in the reader's language.
    """

    texts = "common.db_error"

    @classmethod
    def from_lock_error(cls, path: str, error: duckdb.Error) -> DatabaseInUseError | None:
        """The error for DuckDB's refusal to lock ``path``; None for any other error."""
        text = str(error)
        if "Could not set lock on file" not in text:
            return None
        holder = re.search(r"\(PID (\d+)\)", text)
        if holder is None:
            return cls("in_use_unknown", path=path)
        return cls("in_use", path=path, pid=int(holder.group(1)))


def connect(path: str | None = None, timezone: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open (and migrate) the database.

    Parameters
    ----------
    path : str, optional
        Database file, or ``":memory:"``. Default: ``kcc.config.db_path()``.
    timezone : str, optional
        IANA zone for local times. Default: ``kcc.config.timezone()``.

    Returns
    -------
    duckdb.DuckDBPyConnection
        A read-write connection; share it between threads and sessions: every function here
        opens its own cursor on it, and writes to one file take turns.

    Raises
    ------
    DatabaseInUseError
        Another process holds the file (one app process per database file).
    StoreError
        The database was written by a newer version of the app.
    """
    target = path or config.db_path()
    zone = timezone or config.timezone()
    try:
        con = duckdb.connect(target)
    except duckdb.IOException as exc:
        in_use = DatabaseInUseError.from_lock_error(target, exc)
        if in_use is None:
            raise
        raise in_use from exc
    # The connection's own zone too, for callers that run it directly (not shared yet).
    con.execute("SET TimeZone = $tz", {"tz": zone})
    _register(con, target, zone)
    migrate(con)
    return con


#: ``warnings.catch_warnings`` swaps the process's warning filters: one thread at a time.
_WARNINGS_LOCK: Final = threading.Lock()


def _df(relation: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Fetch a result as a frame; DuckDB 2's pandas bridge still calls a pandas 3.1-deprecated
    keyword internally (for zoned timestamps), which is not ours to fix."""
    with _WARNINGS_LOCK, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The inplace keyword", category=Warning)
        return relation.df()


def _cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of its own for one call, in the connection's zone."""
    shared = _shared(con)
    with shared.cursor_lock:
        cur = con.cursor()
    # A cursor is a new connection to the same database; it needs the zone again.
    cur.execute("SET TimeZone = $tz", {"tz": shared.timezone})
    return cur


def _retryable(error: duckdb.Error) -> bool:
    """DuckDB asks for the call again: a write conflict with another transaction, or a busy
    connection."""
    if isinstance(error, duckdb.ResourceInUseException):
        return True
    return isinstance(error, duckdb.TransactionException) and "conflict" in str(error).lower()


def _retrying(attempt: Callable[[], _T]) -> _T:
    """Run ``attempt``, and again after each pause of ``WRITE_RETRY_DELAYS_S`` while DuckDB
    asks for it; the last refusal is raised."""
    for delay_s in WRITE_RETRY_DELAYS_S:
        try:
            return attempt()
        except duckdb.Error as exc:
            if not _retryable(exc):
                raise
        time.sleep(delay_s)
    return attempt()


def _write(function: Callable[_P, _T]) -> Callable[_P, _T]:
    """A store write (first argument the connection): it takes its turn on the database's
    write lock and is retried where DuckDB asks for it. Each write is one transaction, so a
    retry starts from the database as it was."""

    @functools.wraps(function)
    def write(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        con = args[0] if args else kwargs["con"]
        lock = _shared(con).write_lock  # type: ignore[arg-type]

        def attempt() -> _T:
            with lock:
                return function(*args, **kwargs)

        return _retrying(attempt)

    return write


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One cursor, one transaction under the write lock: commit on success, roll back on any
    exception."""
    with _shared(con).write_lock:
        cur = _cursor(con)
        cur.begin()
        try:
            yield cur
            _bump_data_version(cur)
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
        finally:
            cur.close()


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema to ``SCHEMA_VERSION``; returns the version found before."""
    with _shared(con).write_lock:
        cur = _cursor(con)
        try:
            return _migrate(cur)
        finally:
            cur.close()


def _migrate(cur: duckdb.DuckDBPyConnection) -> int:
    cur.execute(MIGRATIONS[1][0])  # meta first, to read the version
    row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    found = int(row[0]) if row else 0
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {found} is newer than this app ({SCHEMA_VERSION}); "
            "update KCC Planner"
        )
    for version in range(found + 1, SCHEMA_VERSION + 1):
        cur.begin()
        try:
            for ddl in MIGRATIONS[version]:
                cur.execute(ddl)
            cur.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', $v)", {"v": str(version)}
            )
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
    return found


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Schema version stored in the database."""
    cur = _cursor(con)
    row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _bump_data_version(cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute(
        """INSERT INTO meta VALUES ('data_version', '1')
           ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS VARCHAR)"""
    )


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """A number that changes with every write: part of every cache key over stored data."""
    cur = _cursor(con)
    row = cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no volumes have been loaded (first start)."""
    cur = _cursor(con)
    return cur.execute("SELECT count(*) FROM interval_volumes").fetchone()[0] == 0


@_write
def reset(con: duckdb.DuckDBPyConnection) -> None:
    """Empty every data table in one transaction (schema and sequences stay)."""
    with _transaction(con) as cur:
        for table in DATA_TABLES:
            cur.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count per data table (for the data page and for tests)."""
    cur = _cursor(con)
    return {
        table: int(cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
        for table in DATA_TABLES
    }


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Every data table as a frame, sorted, to compare before/after a failed write."""
    cur = _cursor(con)
    out = {}
    for table in DATA_TABLES:
        frame = _df(cur.execute(f"SELECT * FROM {table}"))  # noqa: S608
        out[table] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return out


# --------------------------------------------------------------------------- imports


def _insert_import(cur: duckdb.DuckDBPyConnection, record: ImportRecord) -> int:
    row = cur.execute(
        """INSERT INTO imports (file_name, kind, imported_by, imported_at, rows_read,
               rows_imported, rows_ignored, rows_replaced, message)
           VALUES ($file, $kind, $by, now(), $read, 0, $ignored, 0, $msg)
           RETURNING import_id""",
        {
            "file": record.file_name,
            "kind": record.kind,
            "by": record.imported_by,
            "read": record.rows_read,
            "ignored": record.rows_ignored,
            "msg": record.message,
        },
    ).fetchone()
    return int(row[0])


def _finish_import(
    cur: duckdb.DuckDBPyConnection, import_id: int, table: str, rows: int, replaced: int
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


def read_imports(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Import history, newest first."""
    cur = _cursor(con)
    return _df(cur.execute("SELECT * FROM imports ORDER BY import_id DESC"))


# --------------------------------------------------------------------------- volumes


def series_interval_min(con: duckdb.DuckDBPyConnection, channel: str, queue: str) -> int | None:
    """Interval length the stored series uses [min], or None when the series is new."""
    cur = _cursor(con)
    row = cur.execute(
        "SELECT max(interval_min) FROM interval_volumes WHERE channel = $c AND queue = $q",
        {"c": channel, "q": queue},
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


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
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, record: ImportRecord
) -> WriteOutcome:
    """Write per-interval volumes, replacing what the same series held in the same period.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Store connection.
    frame : pandas.DataFrame
        Volume contract columns (see ``docs/ARCHITECTURE.md``); ``ds`` tz-aware or local naive.
    record : ImportRecord
        Import-history entry.

    Returns
    -------
    WriteOutcome
        Rows written and rows of earlier imports replaced. All or nothing.
    """
    new_rows = _interval_frame(frame)
    with _transaction(con) as cur:
        import_id = _insert_import(cur, record)
        cur.register("new_rows", new_rows)
        replaced = _delete_overlap(cur, "interval_volumes", "ds", "new_rows")
        cur.execute(
            """INSERT INTO interval_volumes
               SELECT channel, queue, ds, interval_min, offered, answered, abandoned, aht_s,
                      wait_s_total, coalesce(closed_attempts, 0), $id
               FROM new_rows""",
            {"id": import_id},
        )
        cur.unregister("new_rows")
        _finish_import(cur, import_id, "interval_volumes", len(new_rows), replaced)
    return WriteOutcome(import_id, len(new_rows), replaced)


def _delete_overlap(cur: duckdb.DuckDBPyConnection, table: str, time_col: str, view: str) -> int:
    """Delete rows of ``table`` in the period each series of ``view`` covers; return count."""
    return _delete_spans(
        cur, table, time_col,
        f"""SELECT channel, queue, min({time_col}) AS lo, max({time_col}) AS hi
            FROM {view} GROUP BY channel, queue""",  # noqa: S608 - names are constants
    )


def _delete_spans(cur: duckdb.DuckDBPyConnection, table: str, time_col: str, spans: str) -> int:
    """Delete rows of ``table`` inside the spans ``channel, queue, lo, hi``; return count."""
    cur.execute(f"CREATE OR REPLACE TEMP TABLE kcc_spans AS {spans}")  # noqa: S608
    count = cur.execute(
        f"""SELECT count(*) FROM {table} t JOIN kcc_spans s
            ON t.channel = s.channel AND t.queue = s.queue
           AND t.{time_col} BETWEEN s.lo AND s.hi"""  # noqa: S608 - names are constants
    ).fetchone()[0]
    if count:  # a first import of a series has nothing to replace
        cur.execute(
            f"""DELETE FROM {table} t USING kcc_spans s
                WHERE t.channel = s.channel AND t.queue = s.queue
                  AND t.{time_col} BETWEEN s.lo AND s.hi"""  # noqa: S608
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
    con: duckdb.DuckDBPyConnection,
    frame: pd.DataFrame,
    record: ImportRecord,
    interval_min: int,
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
    with _transaction(con) as cur:
        import_id = _insert_import(cur, record)
        cur.register("new_contacts", new_rows)
        replaced = _delete_overlap(cur, "contacts", "arrival_ts", "new_contacts")
        cur.execute(
            """INSERT INTO contacts
               SELECT channel, queue, contact_id, arrival_ts, wait_s, handle_s, outcome,
                      customer_id, $id
               FROM new_contacts""",
            {"id": import_id},
        )
        cur.unregister("new_contacts")
        replaced += _rollup_contacts(cur, import_id, interval_min)
        _finish_import(cur, import_id, "contacts", len(new_rows), replaced)
    return WriteOutcome(import_id, len(new_rows), replaced)


def _rollup_contacts(cur: duckdb.DuckDBPyConnection, import_id: int, interval_min: int) -> int:
    """Aggregate an import's contacts into intervals (replacing that period); rows replaced."""
    tz = cur.execute("SELECT current_setting('TimeZone')").fetchone()[0]
    params = {"id": import_id, "width": f"{interval_min} minutes", "tz": tz, "n": interval_min}
    cur.execute(
        """CREATE OR REPLACE TEMP TABLE new_intervals AS
           SELECT channel, queue,
                  time_bucket(CAST($width AS INTERVAL), arrival_ts, $tz) AS ds,
                  $n AS interval_min,
                  count(*) FILTER (WHERE outcome <> 'closed') AS offered,
                  count(*) FILTER (WHERE outcome = 'answered') AS answered,
                  count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
                  avg(handle_s) FILTER (WHERE outcome = 'answered') AS aht_s,
                  sum(coalesce(wait_s, 0)) FILTER (WHERE outcome <> 'closed') AS wait_s_total,
                  count(*) FILTER (WHERE outcome = 'closed') AS closed_attempts
           FROM contacts WHERE import_id = $id
           GROUP BY ALL""",
        params,
    )
    replaced = _delete_overlap(cur, "interval_volumes", "ds", "new_intervals")
    cur.execute(
        """INSERT INTO interval_volumes
           SELECT channel, queue, ds, interval_min, offered, answered, abandoned, aht_s,
                  wait_s_total, closed_attempts, $id
           FROM new_intervals""",
        {"id": import_id},
    )
    cur.execute("DROP TABLE new_intervals")
    return replaced


def read_intervals(
    con: duckdb.DuckDBPyConnection,
    channel: str | None = None,
    queue: str | None = None,
    start: datetime | date | None = None,
    end: datetime | date | None = None,
) -> pd.DataFrame:
    """Per-interval volumes (volume contract), sorted by channel, queue, ds.

    ``start`` is inclusive, ``end`` exclusive; dates mean local midnight.
    """
    cur = _cursor(con)
    frame = _df(cur.execute(
        """SELECT channel, queue, ds, interval_min, offered, answered, abandoned, aht_s,
                  wait_s_total, closed_attempts
           FROM interval_volumes
           WHERE ($channel IS NULL OR channel = $channel)
             AND ($queue IS NULL OR queue = $queue)
             AND ($start IS NULL OR ds >= CAST($start AS TIMESTAMPTZ))
             AND ($end IS NULL OR ds < CAST($end AS TIMESTAMPTZ))
           ORDER BY channel, queue, ds""",
        {
            "channel": channel,
            "queue": queue,
            "start": None if start is None else str(start),
            "end": None if end is None else str(end),
        },
    ))
    frame["interval_min"] = frame["interval_min"].astype("int64")
    return frame


def series_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per series: channel, queue, interval_min, first_ds, last_ds, days, offered,
    answered, abandoned, closed_attempts (contacts)."""
    cur = _cursor(con)
    return _df(cur.execute(
        """SELECT channel, queue, max(interval_min) AS interval_min,
                  min(ds) AS first_ds, max(ds) AS last_ds,
                  count(DISTINCT CAST(ds AS DATE)) AS days,
                  sum(offered) AS offered, sum(answered) AS answered,
                  sum(abandoned) AS abandoned, sum(closed_attempts) AS closed_attempts
           FROM interval_volumes GROUP BY channel, queue ORDER BY channel, queue"""
    ))


def daily_volumes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Offered contacts per local day and channel: ``date, channel, offered, closed_attempts``."""
    cur = _cursor(con)
    return _df(cur.execute(
        """SELECT CAST(ds AS DATE) AS date, channel,
                  sum(offered) AS offered, sum(closed_attempts) AS closed_attempts
           FROM interval_volumes GROUP BY ALL ORDER BY date, channel"""
    ))


def intraday_profile(con: duckdb.DuckDBPyConnection, channel: str | None = None) -> pd.DataFrame:
    """Mean offered contacts per weekday (0 = Monday) and local time of day, per channel.

    Columns ``channel, weekday, time_of_day (HH:MM), offered``; the mean is over the days the
    series has, so a closed slot on an open day counts as zero.
    """
    cur = _cursor(con)
    return _df(cur.execute(
        """WITH days AS (
               SELECT channel, isodow(CAST(ds AS DATE)) - 1 AS weekday,
                      count(DISTINCT CAST(ds AS DATE)) AS n_days
               FROM interval_volumes WHERE ($channel IS NULL OR channel = $channel)
               GROUP BY ALL)
           SELECT v.channel, isodow(CAST(v.ds AS DATE)) - 1 AS weekday,
                  strftime(v.ds, '%H:%M') AS time_of_day,
                  sum(v.offered) / any_value(d.n_days) AS offered
           FROM interval_volumes v JOIN days d
             ON d.channel = v.channel AND d.weekday = isodow(CAST(v.ds AS DATE)) - 1
           WHERE ($channel IS NULL OR v.channel = $channel)
           GROUP BY ALL ORDER BY v.channel, weekday, time_of_day""",
        {"channel": channel},
    ))


# --------------------------------------------------------------------------- events


def read_events(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Event calendar: ``event_id, name, kind, start_date, end_date, channels (list),
    uplift_pct, exclude_from_training, source``; dates are inclusive local dates."""
    cur = _cursor(con)
    frame = _df(cur.execute("SELECT * FROM events ORDER BY start_date, event_id"))
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    frame["channels"] = frame["channels"].map(list)
    return frame


@_write
def write_event(
    con: duckdb.DuckDBPyConnection,
    *,
    name: str,
    kind: str,
    start_date: date,
    end_date: date,
    channels: Sequence[str],
    uplift_pct: float | None = None,
    exclude_from_training: bool = False,
    source: str = "user",
    event_id: int | None = None,
) -> int:
    """Insert an event, or update it when ``event_id`` is given; returns its id."""
    if end_date < start_date:
        raise StoreError(f"event {name!r}: end date {end_date} is before start date {start_date}")
    params = {
        "name": name,
        "kind": kind,
        "start": start_date,
        "end": end_date,
        "channels": list(channels),
        "uplift": uplift_pct,
        "exclude": exclude_from_training,
        "source": source,
    }
    with _transaction(con) as cur:
        if event_id is None:
            row = cur.execute(
                """INSERT INTO events (name, kind, start_date, end_date, channels, uplift_pct,
                       exclude_from_training, source)
                   VALUES ($name, $kind, $start, $end, $channels, $uplift, $exclude, $source)
                   RETURNING event_id""",
                params,
            ).fetchone()
            return int(row[0])
        cur.execute(
            """UPDATE events SET name = $name, kind = $kind, start_date = $start,
                   end_date = $end, channels = $channels, uplift_pct = $uplift,
                   exclude_from_training = $exclude, source = $source
               WHERE event_id = $id""",
            {**params, "id": event_id},
        )
        return event_id


@_write
def replace_events(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
    """Replace the whole event calendar with ``frame`` (the editor's table), atomically."""
    rows = frame.copy()
    rows["channels"] = rows["channels"].map(list)
    if "exclude_from_training" not in rows:
        rows["exclude_from_training"] = False
    if "source" not in rows:
        rows["source"] = "user"
    bad = rows[pd.to_datetime(rows["end_date"]) < pd.to_datetime(rows["start_date"])]
    if len(bad):
        first = bad.iloc[0]
        raise StoreError(f"event {first['name']!r}: end date is before start date")
    with _transaction(con) as cur:
        cur.execute("DELETE FROM events")
        cur.register("new_events", rows)
        cur.execute(
            """INSERT INTO events (name, kind, start_date, end_date, channels, uplift_pct,
                   exclude_from_training, source)
               SELECT name, kind, CAST(start_date AS DATE), CAST(end_date AS DATE),
                      CAST(channels AS VARCHAR[]), uplift_pct, exclude_from_training, source
               FROM new_events"""
        )
        cur.unregister("new_events")


@_write
def delete_event(con: duckdb.DuckDBPyConnection, event_id: int) -> None:
    """Remove one event."""
    with _transaction(con) as cur:
        cur.execute("DELETE FROM events WHERE event_id = $id", {"id": event_id})


# --------------------------------------------------------------------------- staff on hand


@_write
def replace_roster(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, record: ImportRecord
) -> WriteOutcome:
    """Write rostered agents per interval (``channel, ds, interval_min, agents``), replacing
    the period each channel covers, atomically."""
    rows = frame[["channel", "ds", "interval_min", "agents"]].copy()
    rows["queue"] = config.DEFAULT_QUEUE  # for the shared overlap rule
    with _transaction(con) as cur:
        import_id = _insert_import(cur, record)
        cur.register("new_roster", rows)
        span = """SELECT channel, min(ds) AS lo, max(ds) AS hi FROM new_roster GROUP BY channel"""
        replaced = cur.execute(
            f"""SELECT count(*) FROM roster r JOIN ({span}) s
                ON r.channel = s.channel AND r.ds BETWEEN s.lo AND s.hi"""  # noqa: S608
        ).fetchone()[0]
        cur.execute(
            f"""DELETE FROM roster r USING ({span}) s
                WHERE r.channel = s.channel AND r.ds BETWEEN s.lo AND s.hi"""  # noqa: S608
        )
        cur.execute(
            """INSERT INTO roster SELECT channel, ds, interval_min, agents, $id FROM new_roster""",
            {"id": import_id},
        )
        cur.unregister("new_roster")
        _finish_import(cur, import_id, "roster", len(rows), int(replaced))
    return WriteOutcome(import_id, len(rows), int(replaced))


def read_roster(
    con: duckdb.DuckDBPyConnection,
    channel: str | None = None,
    start: datetime | date | None = None,
    end: datetime | date | None = None,
) -> pd.DataFrame:
    """Rostered agents per interval: ``channel, ds, interval_min, agents``."""
    cur = _cursor(con)
    frame = _df(cur.execute(
        """SELECT channel, ds, interval_min, agents FROM roster
           WHERE ($channel IS NULL OR channel = $channel)
             AND ($start IS NULL OR ds >= CAST($start AS TIMESTAMPTZ))
             AND ($end IS NULL OR ds < CAST($end AS TIMESTAMPTZ))
           ORDER BY channel, ds""",
        {
            "channel": channel,
            "start": None if start is None else str(start),
            "end": None if end is None else str(end),
        },
    ))
    frame["interval_min"] = frame["interval_min"].astype("int64")
    return frame


def read_shifts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Shift patterns: ``shift_id, name, channels, start_time, length_min, weekdays,
    headcount, location, valid_from, valid_to``."""
    cur = _cursor(con)
    frame = _df(cur.execute("SELECT * FROM shifts ORDER BY shift_id"))
    frame["channels"] = frame["channels"].map(list)
    frame["weekdays"] = frame["weekdays"].map(lambda days: [int(d) for d in days])
    return frame


@_write
def replace_shifts(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
    """Replace all shift patterns with ``frame``, atomically."""
    rows = frame.copy()
    for column, default in (("location", "site"), ("valid_from", None), ("valid_to", None)):
        if column not in rows:
            rows[column] = default
    rows["channels"] = rows["channels"].map(list)
    rows["weekdays"] = rows["weekdays"].map(lambda days: [int(d) for d in days])
    rows["start_time"] = rows["start_time"].astype(str)
    with _transaction(con) as cur:
        cur.execute("DELETE FROM shifts")
        cur.register("new_shifts", rows)
        cur.execute(
            """INSERT INTO shifts (name, channels, start_time, length_min, weekdays, headcount,
                   location, valid_from, valid_to)
               SELECT name, CAST(channels AS VARCHAR[]), CAST(start_time AS TIME), length_min,
                      CAST(weekdays AS INTEGER[]), headcount, location,
                      CAST(valid_from AS DATE), CAST(valid_to AS DATE)
               FROM new_shifts"""
        )
        cur.unregister("new_shifts")


# --------------------------------------------------------------------------- scenarios


@_write
def save_scenario(
    con: duckdb.DuckDBPyConnection,
    *,
    name: str,
    spec: dict[str, Any],
    spec_version: int,
    user: str,
    description: str = "",
) -> int:
    """Insert or update (by name) a scenario; the spec is stored as JSON. Returns its id."""
    params = {
        "name": name,
        "desc": description,
        "spec": json.dumps(spec, sort_keys=True, default=str),
        "version": spec_version,
        "user": user,
    }
    with _transaction(con) as cur:
        row = cur.execute(
            """INSERT INTO scenarios (name, description, spec_json, spec_version, created_by,
                   created_at, updated_by, updated_at)
               VALUES ($name, $desc, $spec, $version, $user, now(), $user, now())
               ON CONFLICT (name) DO UPDATE SET description = excluded.description,
                   spec_json = excluded.spec_json, spec_version = excluded.spec_version,
                   updated_by = excluded.updated_by, updated_at = excluded.updated_at
               RETURNING scenario_id""",
            params,
        ).fetchone()
    return int(row[0])


def read_scenarios(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All scenarios with ``spec`` decoded to a dict, ordered by name."""
    cur = _cursor(con)
    frame = _df(cur.execute("SELECT * FROM scenarios ORDER BY name"))
    frame["spec"] = frame["spec_json"].map(json.loads)
    return frame.drop(columns="spec_json")


@_write
def delete_scenario(con: duckdb.DuckDBPyConnection, scenario_id: int) -> None:
    """Remove one scenario."""
    with _transaction(con) as cur:
        cur.execute("DELETE FROM scenarios WHERE scenario_id = $id", {"id": scenario_id})


# --------------------------------------------------------------------------- settings


def read_setting(con: duckdb.DuckDBPyConnection, key: str, default: Any = None) -> Any:
    """A JSON setting (shrinkage, costs, opening hours of the baseline, ...)."""
    cur = _cursor(con)
    row = cur.execute("SELECT value_json FROM settings WHERE key = $k", {"k": key}).fetchone()
    return default if row is None else json.loads(row[0])


@_write
def write_setting(con: duckdb.DuckDBPyConnection, key: str, value: Any) -> None:
    """Store a JSON setting."""
    with _transaction(con) as cur:
        cur.execute(
            "INSERT OR REPLACE INTO settings VALUES ($k, $v)",
            {"k": key, "v": json.dumps(value, sort_keys=True, default=str)},
        )


# --------------------------------------------------------------------------- staged contact imports
#
# A contact file is read, checked and rolled up in DuckDB, without pandas in between, so a
# file of millions of rows costs about one scan. ``stage_contacts`` opens a transaction on its
# own cursor and aggregates the source into a temporary table; the importer reads the checks
# and then calls ``commit_stage`` or ``discard_stage``. Nothing touches the data tables before
# ``commit_stage``, and a failure there rolls everything back.
#
# Two ways to read a CSV file. The fast one lets DuckDB's reader type the mapped columns
# (timestamp format and decimal separator from the mapping), so a clean file is parsed once,
# in C++, with no text handling per row. Any cell the reader cannot type stops that scan, and
# the stage is built again from the file read as text, which finds every bad cell with its row
# and value. Examples of problems always come from the text reading, so the messages are the
# same whichever reading built the stage.

#: Outcome categories a contact can be mapped to.
OUTCOMES: Final[tuple[str, ...]] = ("answered", "abandoned", "closed", "ignore")


@dataclass(frozen=True)
class CsvSource:
    """A delimited text file DuckDB reads directly.

    Attributes
    ----------
    path : str
        File to read.
    delimiter : str
        Field separator: ``,``, ``;``, ``|`` or a tab.
    encoding : str
        ``utf-8`` or ``latin-1``.
    header : tuple of str
        Column names in file order, as the mapping names them. When given, a contact import
        first tries the fast reading (DuckDB types the mapped columns); without it every
        column is read as text.
    """

    path: str
    delimiter: str
    encoding: str = "utf-8"
    header: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactColumns:
    """Where a staged source keeps each contact field and how to read it (all text).

    Attributes
    ----------
    arrival : tuple of str
        One column with date and time, or a date column and a time column (joined with a space).
    arrival_format : str
        ``strptime`` format of the (joined) arrival text, e.g. ``%y%m%d %H:%M:%S``.
    channel, queue : str or None
        Columns holding channel and queue; None uses ``channel_value`` / ``queue_value``.
    channel_keys, channel_ids : tuple of str
        Raw channel values and the channel id each maps to.
    contact_id : tuple of str
        Columns that together identify a contact; empty generates ids from the arrival time.
    customer_id, handle_s, wait_s, outcome : str or None
        Columns for customer, handle time [s or H:MM:SS], wait [s or H:MM:SS] and outcome.
    outcome_keys, outcome_values : tuple of str
        Raw outcome values and the category (see ``OUTCOMES``) each maps to.
    decimal_comma : bool
        Numbers are written ``12,5`` (thousands ``1.234,5``).
    """

    arrival: tuple[str, ...]
    arrival_format: str
    channel: str | None = None
    channel_value: str = "phone"
    channel_keys: tuple[str, ...] = ()
    channel_ids: tuple[str, ...] = ()
    queue: str | None = None
    queue_value: str = config.DEFAULT_QUEUE
    contact_id: tuple[str, ...] = ()
    customer_id: str | None = None
    handle_s: str | None = None
    wait_s: str | None = None
    outcome: str | None = None
    outcome_keys: tuple[str, ...] = ()
    outcome_values: tuple[str, ...] = ()
    decimal_comma: bool = False


#: Checks run on every staged row: code -> condition on the typed row (constants, no input).
STAGE_CHECKS: Final[dict[str, str]] = {
    "arrival_missing": "arrival_raw IS NULL",
    "arrival_unparseable": "arrival_raw IS NOT NULL AND arrival_local IS NULL",
    "handle_non_numeric": "handle_raw IS NOT NULL AND handle_s IS NULL",
    "handle_negative": "handle_s < 0",
    "wait_non_numeric": "wait_raw IS NOT NULL AND wait_s IS NULL",
    "wait_negative": "wait_s < 0",
    "outcome_unmapped": "outcome IS NULL",
    "channel_unmapped": "channel IS NULL",
    # ``inf``, ``1e309`` and ``nan`` read as numbers; none is a time.
    "handle_not_finite": "NOT isfinite(handle_s)",
    "handle_too_long": f"isfinite(handle_s) AND handle_s > {config.MAX_CONTACT_SECONDS!r}",
    "wait_not_finite": "NOT isfinite(wait_s)",
    "wait_too_long": f"isfinite(wait_s) AND wait_s > {config.MAX_CONTACT_SECONDS!r}",
}

#: Which source column a check reports on.
STAGE_CHECK_FIELDS: Final[dict[str, str]] = {
    "arrival_missing": "arrival",
    "arrival_unparseable": "arrival",
    "handle_non_numeric": "handle_s",
    "handle_negative": "handle_s",
    "wait_non_numeric": "wait_s",
    "wait_negative": "wait_s",
    "outcome_unmapped": "outcome",
    "channel_unmapped": "channel",
    "handle_not_finite": "handle_s",
    "handle_too_long": "handle_s",
    "wait_not_finite": "wait_s",
    "wait_too_long": "wait_s",
}


@dataclass(frozen=True)
class _FastSource:
    """A CSV reading in which DuckDB types some mapped fields itself (see ``_fast_source``)."""

    sql: str
    params: dict[str, Any]
    typed: frozenset[str]


@dataclass
class ContactStage:
    """An open, uncommitted contact import (see ``stage_contacts``).

    Attributes
    ----------
    rows_read : int
        Data rows in the source.
    check_counts : dict of str to int
        Rows failing each check of ``STAGE_CHECKS``.
    series : pandas.DataFrame
        ``channel, queue, first_local, last_local, contacts`` of the rows that parsed
        (first and last interval start, local wall-clock time).
    fast : _FastSource or None
        The typed reading the stage was built from; None when it was read as text.
    """

    cursor: duckdb.DuckDBPyConnection
    source_sql: str
    source_params: dict[str, Any]
    columns: ContactColumns
    interval_min: int
    rows_read: int
    check_counts: dict[str, int]
    series: pd.DataFrame
    fast: _FastSource | None = None
    write_lock: threading.RLock = field(default_factory=threading.RLock, repr=False)


def _q(name: str) -> str:
    """Quote a column name of an uploaded file as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _text(column: str) -> str:
    return f"nullif(trim({_q(column)}::VARCHAR), '')"


def _seconds(raw: str, decimal_comma: bool) -> str:
    number = f"replace(replace({raw}, '.', ''), ',', '.')" if decimal_comma else raw
    return (
        f"CASE WHEN strpos({raw}, ':') > 0 THEN epoch(TRY_CAST({raw} AS INTERVAL)) "
        f"ELSE TRY_CAST({number} AS DOUBLE) END"
    )


def _typed_contacts_sql(
    cols: ContactColumns, source_sql: str, line_sql: str, typed: frozenset[str] = frozenset()
) -> str:
    """SELECT turning a source into typed contact rows (uses $fmt, $ck, $cv, $ok, $ov).

    The inner query trims each mapped text column once; the outer one parses those texts.
    Fields in ``typed`` (``arrival``, ``handle_s``, ``wait_s``) arrive typed from the reader
    and are passed through; their ``*_raw`` column then holds the typed value, so the checks
    for unparseable text never fire on them (the reader refuses such a file instead).
    """
    if "arrival" in typed:
        arrival = _q(cols.arrival[0])
    elif len(cols.arrival) == 1:
        arrival = _text(cols.arrival[0])
    else:
        joined = " || ' ' || ".join(f"coalesce({_text(c)}, '')" for c in cols.arrival)
        arrival = f"nullif(trim({joined}), '')"
    contact_id = _contact_id_sql(cols)
    raw = {
        "arrival_raw": arrival,
        "channel_raw": _text(cols.channel) if cols.channel else "NULL",
        "queue_raw": _text(cols.queue) if cols.queue else "NULL",
        "contact_id": contact_id,
        "customer_id": _text(cols.customer_id) if cols.customer_id else "NULL",
        "handle_raw": _field(cols.handle_s, "handle_s" in typed),
        "wait_raw": _field(cols.wait_s, "wait_s" in typed),
        "outcome_raw": _text(cols.outcome) if cols.outcome else "NULL",
    }
    raw = {name: "CAST(NULL AS VARCHAR)" if expr == "NULL" else expr for name, expr in raw.items()}
    inner = ", ".join(f"{expr} AS {name}" for name, expr in raw.items())
    channel = "$cv[list_position($ck, lower(channel_raw))]" if cols.channel else "$channel"
    queue = "coalesce(queue_raw, $queue)" if cols.queue else "$queue"
    outcome = "$ov[list_position($ok, outcome_raw)]" if cols.outcome else "'answered'"
    handle = _number_sql("handle_raw", cols.handle_s, "handle_s" in typed, cols.decimal_comma)
    wait = _number_sql("wait_raw", cols.wait_s, "wait_s" in typed, cols.decimal_comma)
    arrival_local = "arrival_raw" if "arrival" in typed else _parse_arrival("arrival_raw", cols)
    return f"""SELECT line, arrival_raw, {arrival_local} AS arrival_local,
                      {channel} AS channel, {queue} AS queue, contact_id, customer_id,
                      {handle} AS handle_s, handle_raw, {wait} AS wait_s, wait_raw,
                      {outcome} AS outcome, outcome_raw, channel_raw
               FROM (SELECT {line_sql} AS line, {inner} FROM {source_sql})"""  # noqa: S608


def _contact_id_sql(cols: ContactColumns) -> str:
    """The contact id of a source row as text: one column, or several joined with ``|``."""
    if len(cols.contact_id) == 1:
        return _text(cols.contact_id[0])
    if cols.contact_id:
        return "concat_ws('|', " + ", ".join(_text(c) for c in cols.contact_id) + ")"
    return "CAST(NULL AS VARCHAR)"


def _field(column: str | None, typed: bool) -> str:
    if not column:
        return "NULL"
    return _q(column) if typed else _text(column)


def _number_sql(raw: str, column: str | None, typed: bool, decimal_comma: bool) -> str:
    if not column:
        return "CAST(NULL AS DOUBLE)"
    return raw if typed else _seconds(raw, decimal_comma)


def _parse_arrival(text: str, cols: ContactColumns) -> str:
    """SQL reading arrival text with ``$fmt`` as local wall-clock time. A format with a UTC
    offset (``%z``) gives instants, read on the centre's clock (``$tz``); DuckDB's ``%z``
    takes ``+01:00`` and ``+0100`` but not ``Z`` (UTC)."""
    if "%z" not in cols.arrival_format:
        return f"try_strptime({text}, $fmt)"
    return f"timezone($tz, try_strptime(regexp_replace({text}, '[zZ]$', '+00:00'), $fmt))"


def _arrival_params(cols: ContactColumns) -> dict[str, Any]:
    """Parameters of ``_parse_arrival``."""
    if "%z" not in cols.arrival_format:
        return {"fmt": cols.arrival_format}
    return {"fmt": cols.arrival_format, "tz": config.timezone()}


def _typed_params(cols: ContactColumns, typed: frozenset[str] = frozenset()) -> dict[str, Any]:
    params: dict[str, Any] = {} if "arrival" in typed else _arrival_params(cols)
    if cols.channel:
        params.update(ck=list(cols.channel_keys) or [""], cv=list(cols.channel_ids) or [""])
    else:
        params["channel"] = cols.channel_value
    params["queue"] = cols.queue_value
    if cols.outcome:
        params.update(ok=list(cols.outcome_keys) or [""], ov=list(cols.outcome_values) or [""])
    return params


def _source(cur: duckdb.DuckDBPyConnection, source: CsvSource | pd.DataFrame) -> tuple[str, dict]:
    if isinstance(source, CsvSource):
        return _text_source_sql(source)
    cur.register("kcc_source_frame", source)
    return "kcc_source_frame", {}


def _fast_source(source: CsvSource | pd.DataFrame, cols: ContactColumns) -> _FastSource | None:
    """A reading of ``source`` in which DuckDB types the arrival time and the numbers.

    The arrival is typed when it is one column (``timestampformat`` is the mapping's format)
    without a UTC offset,
    handle and wait times when mapped (``decimal_separator`` from the mapping); every other
    column stays text. None when the source is a frame, its header is unknown, or a column
    would need two types.
    """
    if not isinstance(source, CsvSource) or not source.header:
        return None
    if len(set(source.header)) != len(source.header):
        return None
    wanted: dict[str, tuple[str, str]] = {}  # column -> (type, field)
    arrival_typed = len(cols.arrival) == 1 and "%z" not in cols.arrival_format
    if arrival_typed:
        wanted[cols.arrival[0]] = ("TIMESTAMP", "arrival")
    for name in ("handle_s", "wait_s"):
        column = getattr(cols, name)
        if column:
            if column in wanted:
                return None
            wanted[column] = ("DOUBLE", name)
    texts = [*(() if arrival_typed else cols.arrival), *cols.contact_id]
    texts += [c for c in (cols.channel, cols.queue, cols.customer_id, cols.outcome) if c]
    if any(c in wanted for c in texts) or any(c not in source.header for c in [*wanted, *texts]):
        return None
    types = {c: wanted[c][0] if c in wanted else "VARCHAR" for c in source.header}
    sql = (
        "read_csv($path, header = true, delim = $delim, quote = '\"', escape = '\"', "
        "encoding = $enc, auto_detect = false, columns = $columns, "
        "timestampformat = $tsfmt, decimal_separator = $decimal)"
    )
    params = {
        "path": source.path,
        "delim": source.delimiter,
        "enc": source.encoding,
        "columns": types,
        "tsfmt": cols.arrival_format,
        "decimal": "," if cols.decimal_comma else ".",
    }
    return _FastSource(sql, params, frozenset(field for _, field in wanted.values()))


def _text_source_sql(source: CsvSource) -> tuple[str, dict]:
    """The text reading of a CSV file (every column as text), as SQL and parameters."""
    return (
        "read_csv($path, all_varchar = true, header = true, delim = $delim, "
        "quote = '\"', encoding = $enc)",
        {"path": source.path, "delim": source.delimiter, "enc": source.encoding},
    )


def _stage_scan(
    cur: duckdb.DuckDBPyConnection,
    columns: ContactColumns,
    interval_min: int,
    source_sql: str,
    params: dict[str, Any],
) -> tuple[int, dict[str, int]]:
    """Aggregate a text source into ``kcc_stage``; rows read and rows failing each check."""
    sql = _typed_contacts_sql(columns, source_sql, "NULL")
    params = {**params, **_typed_params(columns)}
    # One flag per row keeps the scan cheap; counts per check only when something is bad.
    any_bad = " OR ".join(f"coalesce({cond}, false)" for cond in STAGE_CHECKS.values())
    checks = f"count(*) FILTER (WHERE {any_bad}) AS bad_rows"
    valid = "arrival_local IS NOT NULL AND outcome IN ('answered', 'abandoned', 'closed')"
    cur.execute(
        f"""CREATE OR REPLACE TEMP TABLE kcc_stage AS
            SELECT channel, queue,
                   time_bucket(INTERVAL {int(interval_min)} MINUTE, arrival_local) AS ds_local,
                   count(*) AS rows_read,
                   count(*) FILTER (WHERE {valid}) AS contacts,
                   count(*) FILTER (WHERE outcome = 'ignore') AS ignored,
                   count(*) FILTER (WHERE outcome IN ('answered', 'abandoned')) AS offered,
                   count(*) FILTER (WHERE outcome = 'answered') AS answered,
                   count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
                   sum(handle_s) FILTER (WHERE outcome = 'answered') AS handle_sum,
                   count(handle_s) FILTER (WHERE outcome = 'answered') AS handle_n,
                   sum(coalesce(wait_s, 0))
                       FILTER (WHERE outcome IN ('answered', 'abandoned')) AS wait_s_total,
                   count(*) FILTER (WHERE outcome = 'closed') AS closed_attempts,
                   {checks}
            FROM ({sql}) GROUP BY ALL""",  # noqa: S608 - built from constants
        # The width is a literal (one of PLANNING_INTERVALS_MIN): a parameter would be
        # cast to an interval on every row.
        params,
    )
    return _stage_counts(cur, sql, params)


def _fast_stage_scan(
    cur: duckdb.DuckDBPyConnection, columns: ContactColumns, interval_min: int, fast: _FastSource
) -> tuple[int, dict[str, int]]:
    """Aggregate a typed reading into ``kcc_stage``; rows read and rows failing each check.

    Rows are grouped by the raw channel and queue texts as the reader gives them, with the
    outcomes counted per category in the same pass (a raw value matches a category's keys
    exactly); trimming and mapping channel and queue then runs once per group. ``kcc_stage``
    thus holds one row per raw group rather than per interval (several raw texts can map to
    one channel); ``commit_stage`` sums them, so the intervals written are the ones
    ``_stage_scan`` gives for the same file. When an outcome text matches no key as it
    stands (spaces around it, or empty), the file is grouped by the raw outcome too, so each
    text is trimmed and mapped once and the checks see what ``_stage_scan`` sees.
    """
    mapping = {k: v for k, v in _typed_params(columns).items() if k not in ("fmt", "tz")}
    params = {
        **fast.params,
        **{k: v for k, v in mapping.items() if k not in ("ok", "ov")},
        **({} if "arrival" in fast.typed else _arrival_params(columns)),
    }
    by_outcome = True
    if columns.outcome:
        keys = dict(zip(columns.outcome_keys, columns.outcome_values, strict=True))
        cur.execute(
            _stage_sql(columns, interval_min, fast, by_outcome=True),
            # An empty text never matches, as in ``_typed_contacts_sql`` (it is a missing value).
            {**params, **{f"o_{o}": [k for k, v in keys.items() if v == o and k]
                          for o in OUTCOMES}},
        )
        by_outcome = not cur.execute(
            """SELECT coalesce(sum(rows_read - answered - abandoned - closed_attempts - ignored), 0)
               FROM kcc_stage"""
        ).fetchone()[0]
    else:
        cur.execute(_stage_sql(columns, interval_min, fast, by_outcome=True), params)
    if not by_outcome:  # some outcome text needs trimming, or is empty: map per raw text
        cur.execute(
            _stage_sql(columns, interval_min, fast, by_outcome=False),
            {**params, "ok": mapping["ok"], "ov": mapping["ov"]},
        )
    sql = _typed_contacts_sql(columns, fast.sql, "NULL", fast.typed)
    return _stage_counts(cur, sql, {**fast.params, **_typed_params(columns, fast.typed)})


def _stage_sql(
    cols: ContactColumns, interval_min: int, fast: _FastSource, *, by_outcome: bool
) -> str:
    """``CREATE ... kcc_stage`` from a typed reading (see ``_fast_stage_scan``).

    ``by_outcome`` counts each outcome category with a filter on the raw text (parameters
    ``$o_answered`` ... lists of keys); otherwise the raw outcome text is a group key and is
    trimmed and mapped per group (``$ok``, ``$ov``).
    """
    if "arrival" in fast.typed:
        arrival_local = _q(cols.arrival[0])
    else:  # date and time columns, or a UTC offset: parsed per row, as the text reading does
        joined = " || ' ' || ".join(f"coalesce({_text(c)}, '')" for c in cols.arrival)
        arrival_local = _parse_arrival(f"nullif(trim({joined}), '')", cols)
    keys = {"channel_raw": cols.channel, "queue_raw": cols.queue}
    if not by_outcome:
        keys["outcome_raw"] = cols.outcome
    raw_keys = "".join(f"{_q(c)} AS {name}, " for name, c in keys.items() if c)
    handle = _q(cols.handle_s) if cols.handle_s else "CAST(NULL AS DOUBLE)"
    wait = _q(cols.wait_s) if cols.wait_s else "CAST(NULL AS DOUBLE)"
    channel = (
        "$cv[list_position($ck, lower(nullif(trim(channel_raw), '')))]" if cols.channel
        else "$channel"
    )
    queue = "coalesce(nullif(trim(queue_raw), ''), $queue)" if cols.queue else "$queue"
    # The 64-bit hashes of the contact ids ride along in the same scan (a list per group),
    # so the duplicate check needs no second reading of the file (see ``stage_duplicates``).
    contact_id = _contact_id_sql(cols)
    id_hashes = (
        f", list(hash({contact_id})) FILTER (WHERE {contact_id} IS NOT NULL) AS id_hashes"
        if cols.contact_id else ""
    )
    width = f"INTERVAL {int(interval_min)} MINUTE"  # a literal: a parameter is cast per row
    if by_outcome or not cols.outcome:
        def counted(*outcomes: str) -> str:
            if not cols.outcome:
                return "TRUE" if "answered" in outcomes else "FALSE"
            return " OR ".join(f"list_contains(CAST($o_{o} AS VARCHAR[]), {_q(cols.outcome)})" for o in outcomes)

        inner = f"""SELECT {raw_keys}time_bucket({width}, {arrival_local}) AS ds_local,
                count(*) AS rows_read, count({arrival_local}) AS arrivals,
                count(*) FILTER (WHERE {counted("answered")}) AS answered,
                count(*) FILTER (WHERE {counted("abandoned")}) AS abandoned,
                count(*) FILTER (WHERE {counted("closed")}) AS closed_attempts,
                count(*) FILTER (WHERE {counted("ignore")}) AS ignored,
                sum({handle}) FILTER (WHERE {counted("answered")}) AS handle_sum,
                count({handle}) FILTER (WHERE {counted("answered")}) AS handle_n,
                min({handle}) AS handle_min, max({handle}) AS handle_max,
                sum({wait}) FILTER (WHERE {counted("answered", "abandoned")}) AS wait_sum,
                min({wait}) AS wait_min, max({wait}) AS wait_max{id_hashes}
            FROM {fast.sql} GROUP BY ALL"""
        unmatched = "rows_read > answered + abandoned + closed_attempts + ignored"
    else:
        outcome = "$ov[list_position($ok, nullif(trim(outcome_raw), ''))]"

        def rows(condition: str) -> str:
            return f"CASE WHEN {condition} THEN rows_read ELSE 0 END"

        inner = f"""SELECT * EXCLUDE (outcome, rows_read, handle_sum, handle_n, wait_sum),
                rows_read, {rows("outcome = 'answered'")} AS answered,
                {rows("outcome = 'abandoned'")} AS abandoned,
                {rows("outcome = 'closed'")} AS closed_attempts,
                {rows("outcome = 'ignore'")} AS ignored,
                CASE WHEN outcome = 'answered' THEN handle_sum END AS handle_sum,
                CASE WHEN outcome = 'answered' THEN handle_n ELSE 0 END AS handle_n,
                CASE WHEN outcome IN ('answered', 'abandoned') THEN wait_sum END AS wait_sum
            FROM (SELECT {outcome} AS outcome, *
                  FROM (SELECT {raw_keys}time_bucket({width}, {arrival_local}) AS ds_local,
                               count(*) AS rows_read, count({arrival_local}) AS arrivals,
                               sum({handle}) AS handle_sum, count({handle}) AS handle_n,
                               min({handle}) AS handle_min, max({handle}) AS handle_max,
                               sum({wait}) AS wait_sum, min({wait}) AS wait_min,
                               max({wait}) AS wait_max{id_hashes}
                        FROM {fast.sql} GROUP BY ALL))"""
        unmatched = "outcome IS NULL"
    # A NULL minimum (no value at all) leaves the condition NULL, which CASE counts as false.
    # NaN sorts above every number in DuckDB, so the maximum also carries a NaN.
    ceiling = repr(config.MAX_CONTACT_SECONDS)
    bad = (
        f"arrivals < rows_read OR channel IS NULL OR {unmatched} "
        "OR handle_min < 0 OR wait_min < 0 "
        f"OR NOT isfinite(handle_max) OR handle_max > {ceiling} "
        f"OR NOT isfinite(wait_max) OR wait_max > {ceiling}"
    )
    offered = "answered + abandoned"
    return f"""CREATE OR REPLACE TEMP TABLE kcc_stage AS
        SELECT channel, queue, ds_local, rows_read,
               CASE WHEN ds_local IS NOT NULL THEN {offered} + closed_attempts ELSE 0 END
                   AS contacts,
               ignored, {offered} AS offered, answered, abandoned, handle_sum, handle_n,
               CASE WHEN {offered} > 0 THEN coalesce(wait_sum, 0) END AS wait_s_total,
               closed_attempts,
               CASE WHEN {bad} THEN rows_read ELSE 0 END AS bad_rows
               {", id_hashes" if cols.contact_id else ""}
        FROM (SELECT {channel} AS channel, {queue} AS queue, * FROM ({inner}))"""  # noqa: S608


def _stage_counts(
    cur: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]
) -> tuple[int, dict[str, int]]:
    """Rows in ``kcc_stage`` and, when any row is bad, rows failing each check of the rows
    ``sql`` selects."""
    rows_read, bad_rows = cur.execute(
        "SELECT coalesce(sum(rows_read), 0), coalesce(sum(bad_rows), 0) FROM kcc_stage"
    ).fetchone()
    counts = dict.fromkeys(STAGE_CHECKS, 0)
    if bad_rows:
        sums = ", ".join(f"count(*) FILTER (WHERE {cond})" for cond in STAGE_CHECKS.values())
        found = cur.execute(f"SELECT {sums} FROM ({sql})", params).fetchone()  # noqa: S608
        counts = {code: int(n) for code, n in zip(STAGE_CHECKS, found, strict=True)}
    return int(rows_read), counts


def stage_contacts(
    con: duckdb.DuckDBPyConnection,
    source: CsvSource | pd.DataFrame,
    columns: ContactColumns,
    interval_min: int,
) -> ContactStage:
    """Read, check and roll up contact rows into a temporary table, in one scan.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Store connection.
    source : CsvSource or pandas.DataFrame
        A delimited file, or a frame of text columns (optionally with a 1-based ``_row``).
    columns : ContactColumns
        Where each field is and how to read it.
    interval_min : int
        Planning interval to roll up to [min].

    Returns
    -------
    ContactStage
        The staged rows on a cursor of their own (temporary tables nobody else sees); pass
        it to ``commit_stage`` or ``discard_stage``. Nothing is written to the database yet.

    Raises
    ------
    duckdb.Error
        When DuckDB cannot read the source at all (encoding, quoting).
    """
    if interval_min not in config.PLANNING_INTERVALS_MIN:
        raise StoreError(f"interval_min must be one of {config.PLANNING_INTERVALS_MIN}")
    shared = _shared(con)
    cur = _cursor(con)
    cur.begin()
    try:
        source_sql, source_params = _source(cur, source)  # also names cells of problems
        fast = _fast_source(source, columns)
        if fast is not None:
            try:
                rows_read, counts = _fast_stage_scan(cur, columns, interval_min, fast)
            except duckdb.Error:
                # A cell the reader cannot type (or a ragged row): read the file as text,
                # which names each bad cell, or raises when the file is unreadable.
                cur.rollback()
                cur.begin()
                fast = None
        if fast is None:
            rows_read, counts = _stage_scan(cur, columns, interval_min, source_sql, source_params)
        series = _df(cur.execute(
            """SELECT channel, queue, min(ds_local) AS first_local,
                      max(ds_local) AS last_local, sum(contacts) AS contacts
               FROM kcc_stage WHERE channel IS NOT NULL AND ds_local IS NOT NULL
               GROUP BY ALL HAVING sum(contacts) > 0 ORDER BY channel, queue"""
        ))
        # Only temporary tables so far: committing them keeps the stage on this cursor, and
        # ``commit_stage`` writes in a transaction of its own that starts after the writes of
        # other sessions during the checks (so it cannot conflict with them).
        cur.commit()
    except BaseException:
        cur.rollback()
        cur.close()
        raise
    return ContactStage(
        cursor=cur,
        write_lock=shared.write_lock,
        source_sql=source_sql,
        source_params=source_params,
        columns=columns,
        interval_min=interval_min,
        rows_read=rows_read,
        check_counts=counts,
        series=series,
        fast=fast,
    )


def _numbered_source(stage: ContactStage) -> str:
    """The source with a 1-based data row number ``_row`` (materialised once, on demand)."""
    cur = stage.cursor
    exists = cur.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'kcc_numbered' AND temporary"
    ).fetchone()[0]
    if not exists:
        # A table keeps insertion order, so its rowid is the row's position in the file.
        cur.execute(
            f"CREATE TEMP TABLE kcc_numbered AS SELECT * FROM {stage.source_sql}",  # noqa: S608
            stage.source_params,
        )
    has_row = cur.execute(
        """SELECT count(*) FROM duckdb_columns()
           WHERE table_name = 'kcc_numbered' AND column_name = '_row'"""
    ).fetchone()[0]
    if has_row:
        return "kcc_numbered"
    # rowids of a table created in an open transaction start at a large offset.
    return "(SELECT rowid - min(rowid) OVER () + 1 AS _row, * FROM kcc_numbered)"


def stage_examples(stage: ContactStage, check: str, limit: int = 5) -> pd.DataFrame:
    """First rows failing one check of ``STAGE_CHECKS``: ``row`` (1-based data row) and
    ``value`` (the raw text)."""
    value = {
        "arrival": "arrival_raw",
        "handle_s": "handle_raw",
        "wait_s": "wait_raw",
        "outcome": "outcome_raw",
        "channel": "channel_raw",
    }[STAGE_CHECK_FIELDS[check]]
    typed = _typed_contacts_sql(stage.columns, _numbered_source(stage), "_row")
    return _df(stage.cursor.execute(
        f"""SELECT line AS row, {value} AS value FROM ({typed})
            WHERE {STAGE_CHECKS[check]} ORDER BY line LIMIT $limit""",  # noqa: S608
        {**_typed_params(stage.columns), "limit": limit},
    ))


def stage_arrivals_between(
    stage: ContactStage, lo: datetime, hi: datetime, limit: int = 5
) -> tuple[int, datetime | None, pd.DataFrame]:
    """Contacts of a stage arriving from ``lo`` up to ``hi`` (local wall-clock times on the
    stage's interval grid): how many, the first interval start holding one, and the first
    ``limit`` examples ``row, value`` (the raw arrival text). Count and start come from the
    rolled-up stage; only examples read the file again (``limit=0`` skips them)."""
    cur = stage.cursor
    span = {"lo": lo, "hi": hi}
    count, first = cur.execute(
        """SELECT coalesce(sum(contacts), 0), min(ds_local) FILTER (WHERE contacts > 0)
           FROM kcc_stage WHERE channel IS NOT NULL AND ds_local >= $lo AND ds_local < $hi""",
        span,
    ).fetchone()
    if not count or limit <= 0:
        return int(count), first, pd.DataFrame(columns=["row", "value"])
    typed = _typed_contacts_sql(stage.columns, _numbered_source(stage), "_row")
    examples = _df(cur.execute(
        f"""SELECT line AS row, arrival_raw AS value FROM ({typed})
            WHERE arrival_local >= $lo AND arrival_local < $hi AND channel IS NOT NULL
              AND outcome IN ('answered', 'abandoned', 'closed')
            ORDER BY line LIMIT $limit""",  # noqa: S608
        {**_typed_params(stage.columns), **span, "limit": limit},
    ))
    return int(count), first, examples


def stage_duplicates(stage: ContactStage, limit: int = 5) -> tuple[int, pd.DataFrame]:
    """Contact ids that occur more than once in a series: how many rows are surplus, and the
    first examples ``row, contact_id, first_row``. Empty when no id columns are mapped."""
    if not stage.columns.contact_id:
        return 0, pd.DataFrame(columns=["row", "contact_id", "first_row"])
    cur = stage.cursor
    fast = stage.fast
    if fast is not None:
        # Ids unique over the whole file are unique within every series: one pass over the
        # id column(s) settles the usual case; only a file with repeated ids is looked at
        # series by series.
        # The scan kept the 64-bit hash of every id; distinct hashes are cheap to count,
        # and a collision can only make ids look repeated, which the exact check clears.
        repeated = cur.execute(
            """SELECT count(*) - count(DISTINCT h)
               FROM (SELECT unnest(id_hashes) AS h FROM kcc_stage)"""
        ).fetchone()[0]
        if not repeated:
            return 0, pd.DataFrame(columns=["row", "contact_id", "first_row"])
    typed = _typed_contacts_sql(stage.columns, stage.source_sql, "NULL")
    surplus = cur.execute(
        f"""SELECT coalesce(sum(n - 1), 0) FROM (
                SELECT count(*) AS n FROM ({typed}) WHERE contact_id IS NOT NULL
                GROUP BY channel, queue, contact_id HAVING count(*) > 1)""",  # noqa: S608
        {**stage.source_params, **_typed_params(stage.columns)},
    ).fetchone()[0]
    if not surplus:
        return 0, pd.DataFrame(columns=["row", "contact_id", "first_row"])
    typed = _typed_contacts_sql(stage.columns, _numbered_source(stage), "_row")
    examples = _df(cur.execute(
        f"""SELECT line AS row, contact_id, first_row FROM (
                SELECT line, contact_id,
                       min(line) OVER (PARTITION BY channel, queue, contact_id) AS first_row
                FROM ({typed}) WHERE contact_id IS NOT NULL)
            WHERE line > first_row ORDER BY line LIMIT $limit""",  # noqa: S608
        {**_typed_params(stage.columns), "limit": limit},
    ))
    return int(surplus), examples


def commit_stage(
    stage: ContactStage, record: ImportRecord, *, keep_contacts: bool = True
) -> WriteOutcome:
    """Write a checked stage: intervals (and contacts), replacing the period it covers.

    Bucket starts are local wall-clock times; they become instants in the connection's zone
    here. DuckDB reads a local time in the repeated hour at the end of summer time as standard
    time, and moves a time in the skipped hour at its start one hour forward; buckets that
    land together are summed.

    Returns
    -------
    WriteOutcome
        ``rows_imported`` counts contacts; ``rows_replaced`` counts replaced contacts and
        intervals together. The transaction is committed and the stage closed.
    """
    cur = stage.cursor
    # A transaction of its own, begun under the write lock: it starts after every other write
    # to the file, so replacing a period cannot conflict with a write made during the checks.
    stage.write_lock.acquire()
    try:
        cur.begin()
        import_id = _insert_import(cur, record)
        replaced = 0
        rows = int(stage.series["contacts"].sum()) if len(stage.series) else 0
        if keep_contacts:
            fast = stage.fast
            source_sql, source_params, typed_fields = (
                (fast.sql, fast.params, fast.typed) if fast is not None
                else (stage.source_sql, stage.source_params, frozenset())
            )
            typed = _typed_contacts_sql(stage.columns, source_sql, "NULL", typed_fields)
            cur.execute(
                f"""CREATE TEMP TABLE kcc_new_contacts AS
                    SELECT channel, queue,
                           coalesce(contact_id, strftime(arrival_local, '%Y%m%dT%H%M%S') || '-'
                               || row_number() OVER (PARTITION BY channel, queue, arrival_local))
                               AS contact_id,
                           CAST(arrival_local AS TIMESTAMPTZ) AS arrival_ts, wait_s, handle_s,
                           outcome, customer_id
                    FROM ({typed})
                    WHERE arrival_local IS NOT NULL
                      AND outcome IN ('answered', 'abandoned', 'closed')""",  # noqa: S608
                {**source_params, **_typed_params(stage.columns, typed_fields)},
            )
            replaced += _delete_overlap(cur, "contacts", "arrival_ts", "kcc_new_contacts")
            cur.execute(
                """INSERT INTO contacts
                   SELECT channel, queue, contact_id, arrival_ts, wait_s, handle_s, outcome,
                          customer_id, $id
                   FROM kcc_new_contacts""",
                {"id": import_id},
            )
        # Each local bucket start becomes an instant once (a join on the distinct starts),
        # not once per stage row; the intervals go straight from that aggregate into the
        # table, after the period they cover (per series, in instants) has been cleared.
        cur.execute(
            """CREATE TEMP TABLE kcc_new_starts AS
               SELECT ds_local, CAST(ds_local AS TIMESTAMPTZ) AS ds
               FROM (SELECT DISTINCT ds_local FROM kcc_stage
                     WHERE channel IS NOT NULL AND ds_local IS NOT NULL AND contacts > 0)"""
        )
        staged = """(SELECT channel, queue, ds_local, offered, answered, abandoned, handle_sum,
                            handle_n, wait_s_total, closed_attempts
                     FROM kcc_stage
                     WHERE channel IS NOT NULL AND ds_local IS NOT NULL AND contacts > 0)"""
        # The period a series covers runs from its first to its last local bucket start; in
        # instants, from the earliest to the latest start between them (summer time moves a
        # start in the skipped hour past the next one).
        replaced += _delete_spans(
            cur, "interval_volumes", "ds",
            f"""SELECT p.channel, p.queue, min(s.ds) AS lo, max(s.ds) AS hi
                FROM (SELECT channel, queue, min(ds_local) AS first_local,
                             max(ds_local) AS last_local
                      FROM {staged} GROUP BY channel, queue) p
                JOIN kcc_new_starts s ON s.ds_local BETWEEN p.first_local AND p.last_local
                GROUP BY p.channel, p.queue""",  # noqa: S608 - constants
        )
        cur.execute("SET preserve_insertion_order = false")
        cur.execute(
            f"""INSERT INTO interval_volumes
                SELECT channel, queue, s.ds, $n, sum(offered), sum(answered), sum(abandoned),
                       sum(handle_sum) / nullif(sum(handle_n), 0), sum(wait_s_total),
                       sum(closed_attempts), $id
                FROM {staged} JOIN kcc_new_starts s USING (ds_local)
                GROUP BY channel, queue, s.ds""",  # noqa: S608 - constants
            {"n": stage.interval_min, "id": import_id},
        )
        _finish_import(
            cur, import_id, "contacts" if keep_contacts else "interval_volumes", rows, replaced
        )
        _bump_data_version(cur)
        cur.commit()
    except BaseException:
        cur.rollback()
        raise
    finally:
        stage.write_lock.release()
        cur.close()
    return WriteOutcome(import_id, rows, replaced)


def discard_stage(stage: ContactStage) -> None:
    """Close a stage that will not be written (its temporary tables go with its cursor)."""
    stage.cursor.close()


# --------------------------------------------------------------------------- plan inputs


def read_settings(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Every stored JSON setting by key (the plan builds its settings from these)."""
    cur = _cursor(con)
    rows = cur.execute("SELECT key, value_json FROM settings ORDER BY key").fetchall()
    return {str(key): json.loads(value) for key, value in rows}


def volume_fingerprint(con: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """A value that changes whenever the volumes or the event calendar change.

    Forecasts depend on nothing else, so they are cached on this rather than on
    ``data_version`` (a roster or settings write leaves them valid).
    """
    cur = _cursor(con)
    volumes = cur.execute(
        "SELECT count(*), max(import_id), sum(offered), min(ds), max(ds) FROM interval_volumes"
    ).fetchone()
    events = cur.execute(
        """SELECT count(*), sum(hash(event_id, name, kind, start_date, end_date, channels,
                                     uplift_pct, exclude_from_training)) FROM events"""
    ).fetchone()
    return tuple(str(v) for v in (*volumes, *events))


# --------------------------------------------------------------------------- repeat contacts


def read_repeat_rates(con: duckdb.DuckDBPyConnection, window_days: int = 7) -> pd.DataFrame:
    """Repeat-contact rate per channel from contact records that carry a customer id.

    A contact is a repeat when the same customer made another contact (any channel) in the
    ``window_days`` before it. Columns ``channel, contacts, repeats, repeat_rate``; empty when
    no record has a customer id.
    """
    cur = _cursor(con)
    return cur.execute(
        """WITH c AS (
               SELECT channel, arrival_ts,
                      lag(arrival_ts) OVER (PARTITION BY customer_id ORDER BY arrival_ts) AS prev_ts
               FROM contacts WHERE customer_id IS NOT NULL AND outcome <> 'closed')
           SELECT channel, count(*) AS contacts,
                  count(*) FILTER (WHERE prev_ts IS NOT NULL
                                   AND arrival_ts - prev_ts <= to_days(CAST($days AS INTEGER))) AS repeats,
                  repeats / count(*) AS repeat_rate
           FROM c GROUP BY channel ORDER BY channel""",
        {"days": window_days},
    ).df()
