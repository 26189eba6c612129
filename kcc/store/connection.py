"""Connections, cursors, write locks, transactions and retries of the DuckDB store.

Many browser sessions share one connection; every call here opens a cursor of its own and
writes to one database file take turns (see the section comment below). Also the whole-database
helpers: schema and data versions, ``reset``, ``table_counts`` and ``snapshot``.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final, ParamSpec, TypeVar

import duckdb
import pandas as pd

from kcc import config
from kcc.i18n import TranslatedError
from kcc.store.postgres import PgCursor, PgStore, is_postgres_url, redact
from kcc.store.schema import DATA_TABLES, DEMO_CENTRE_ID, PG_MIGRATIONS, StoreError, _migrate
from kcc.warning_filters import ignoring, keep_ignoring

_P = ParamSpec("_P")
_T = TypeVar("_T")

#: What ``connect`` returns: a DuckDB connection (the embedded default) or a ``PgStore``
#: (``KCC_DATABASE_URL``); every store function takes either.
Connection = duckdb.DuckDBPyConnection | PgStore
#: The cursor a store call runs on.
Cursor = duckdb.DuckDBPyConnection | PgCursor


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
    centre_id: int = DEMO_CENTRE_ID  # the centre calls without ``centre_id`` read and write


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


def _shared(con: Connection) -> _Shared:
    if isinstance(con, PgStore):
        return _Shared(con.timezone, con.write_lock, threading.Lock(), con.centre_id)
    with _REGISTRY_LOCK:
        shared = _SHARED.get(con)
        if shared is None:
            # A connection opened without ``connect`` (a caller's own ``duckdb.connect``):
            # asked once, here, for its zone and file, then remembered like the others.
            zone, target = _one(con.execute(
                """SELECT current_setting('TimeZone'), coalesce(path, ':memory:')
                   FROM duckdb_databases() WHERE database_name = current_database()"""
            ))
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


def connect(path: str | None = None, timezone: str | None = None) -> Connection:
    """Open (and migrate) the database.

    Parameters
    ----------
    path : str, optional
        Database file, ``":memory:"``, or a ``postgresql://`` URL. Default:
        ``kcc.config.db_path()`` (``KCC_DATABASE_URL`` when set, else ``KCC_DB_PATH``).
    timezone : str, optional
        IANA zone for local times. Default: ``kcc.config.timezone()``.

    Returns
    -------
    duckdb.DuckDBPyConnection or PgStore
        A read-write connection (for a URL, a pool of them); share it between threads and
        sessions: every function here opens its own cursor on it, and writes take turns.

    Raises
    ------
    DatabaseInUseError
        Another process holds the file (one app process per database file).
    StoreError
        The database was written by a newer version of the app.
    """
    target = path or config.db_path()
    zone = timezone or config.timezone()
    if target == os.environ.get("KCC_DATABASE_URL") and not is_postgres_url(target):
        # Never fall back to a DuckDB file named like the URL: a team server would split.
        raise StoreError("KCC_DATABASE_URL must be a postgresql:// URL (or unset, for the "
                         f"embedded DuckDB file); got {redact(target)!r}")
    if is_postgres_url(target):
        pg = PgStore(target, zone)
        try:
            migrate(pg)
        except BaseException:
            pg.close()
            raise
        return pg
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


def bind_centre(con: Connection, centre_id: int, timezone: str) -> Connection:
    """A connection to the same database bound to one centre and its zone (no check that the
    centre exists: ``kcc.store.for_centre`` is the public, checked way)."""
    if isinstance(con, PgStore):
        return con.bound(int(centre_id), timezone)
    shared = _shared(con)
    with shared.cursor_lock:
        bound = con.cursor()
    bound.execute("SET TimeZone = $tz", {"tz": timezone})
    with _REGISTRY_LOCK:
        _SHARED[bound] = _Shared(timezone, shared.write_lock, threading.Lock(), int(centre_id))
    return bound


def centre_of(con: Connection, centre_id: int | None = None) -> int:
    """The centre a call works on: ``centre_id`` when given, else the one ``con`` is bound to
    (``kcc.store.for_centre``), else the demo centre."""
    return int(centre_id) if centre_id is not None else _shared(con).centre_id


def timezone_of(con: Connection) -> str:
    """IANA zone of the local times ``con`` reads and writes (its centre's, when bound)."""
    return _shared(con).timezone


# DuckDB 2's pandas bridge calls a keyword pandas 3.1 deprecates (``DataFrame.drop(inplace=)``,
# for zoned timestamps): not ours to fix. ``_df`` ignores it for its block; this filter also
# holds while another thread of the app server restores the warning filters it saved, which
# ``catch_warnings`` does for the whole process. ``_df`` puts it back when a library's
# ``catch_warnings`` that began before this import has since restored a list without it.
_BRIDGE_WARNING: Final = "The inplace keyword in DataFrame.drop is deprecated"
keep_ignoring(_BRIDGE_WARNING)


def _df(relation: Cursor) -> pd.DataFrame:
    """Fetch a result as a frame; DuckDB 2's pandas bridge still calls a pandas 3.1-deprecated
    keyword internally (for zoned timestamps), which is not ours to fix."""
    keep_ignoring(_BRIDGE_WARNING)
    with ignoring(Warning, message=_BRIDGE_WARNING):
        return relation.df()


def _interval_df(relation: Cursor) -> pd.DataFrame:
    """``_df`` of rows per interval, with ``interval_min`` as int64 whatever integer type the
    engine returns (the volume contract)."""
    frame = _df(relation)
    frame["interval_min"] = frame["interval_min"].astype("int64")
    return frame


def _span(start: datetime | date | None, end: datetime | date | None) -> dict[str, str | None]:
    """The ``$start`` and ``$end`` parameters of a read over a span, as text the statement
    casts (``CAST($start AS TIMESTAMPTZ)``); ``None`` leaves that side open."""
    return {"start": None if start is None else str(start), "end": None if end is None else str(end)}


def is_postgres(con: Connection | Cursor) -> bool:
    """True for the PostgreSQL back end (where a statement is spelled for each dialect)."""
    return isinstance(con, (PgStore, PgCursor))


def _cursor(con: Connection, *, zoned: bool = True) -> Cursor:
    """A cursor of its own for one call, in the connection's zone (``zoned=False``: for a read
    that involves no time, such as a count or a version; on DuckDB setting the zone is about
    two thirds of such a read's time)."""
    if isinstance(con, PgStore):
        return con.cursor()
    return _duck_cursor(con, zoned=zoned)


def _duck_cursor(con: duckdb.DuckDBPyConnection, *, zoned: bool = True) -> duckdb.DuckDBPyConnection:
    """A DuckDB cursor of its own for one call, in the connection's zone (``zoned=False``: for a
    read that involves no time, which then skips setting the zone)."""
    shared = _shared(con)
    with shared.cursor_lock:
        cur = con.cursor()
    if zoned:
        # A cursor is a new connection to the same database; it needs the zone again.
        cur.execute("SET TimeZone = $tz", {"tz": shared.timezone})
    return cur


def _one(cur: Cursor) -> tuple[Any, ...]:
    """The row of a query that always returns one (an aggregate, ``RETURNING``, a setting).

    DuckDB types ``fetchone`` as maybe ``None``; a missing row here is a store bug, so it is
    named as one rather than surfacing as a ``TypeError`` on ``None``.
    """
    row = cur.fetchone()
    if row is None:
        raise StoreError("a query that always returns one row returned none")
    return row


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
        lock = _shared(con).write_lock  # type: ignore[arg-type]  # a write's first argument: the connection

        def attempt() -> _T:
            with lock:
                return function(*args, **kwargs)

        return _retrying(attempt)

    return write


@contextmanager
def _transaction(con: Connection) -> Iterator[Cursor]:
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


def migrate(con: Connection) -> int:
    """Bring the schema to ``SCHEMA_VERSION``; returns the version found before."""
    with _shared(con).write_lock:
        cur = _cursor(con)
        try:
            return _migrate(cur, PG_MIGRATIONS) if is_postgres(con) else _migrate(cur)
        finally:
            cur.close()


def schema_version(con: Connection) -> int:
    """Schema version stored in the database."""
    cur = _cursor(con)
    row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _bump_data_version(cur: Cursor) -> None:
    cur.execute(
        """INSERT INTO meta VALUES ('data_version', '1')
           ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS VARCHAR)"""
    )


def data_version(con: Connection) -> int:
    """A number that changes with every write: part of every cache key over stored data."""
    cur = _cursor(con, zoned=False)  # read a dozen times a page run
    row = cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def is_empty(con: Connection, *, centre_id: int | None = None) -> bool:
    """True when the centre holds no volumes (first start, or a new centre)."""
    cur = _cursor(con)
    return _one(cur.execute(
        "SELECT count(*) FROM interval_volumes WHERE centre_id = $centre",
        {"centre": centre_of(con, centre_id)},
    ))[0] == 0


@_write
def reset(con: Connection, *, centre_id: int | None = None) -> None:
    """Empty every data table of one centre in one transaction (other centres, the schema
    and sequences stay)."""
    centre = centre_of(con, centre_id)
    with _transaction(con) as cur:
        _delete_centre_rows(cur, centre)


def _delete_centre_rows(cur: Cursor, centre_id: int) -> None:
    for table in DATA_TABLES:
        cur.execute(
            f"DELETE FROM {table} WHERE centre_id = $centre",  # noqa: S608 - constant names
            {"centre": centre_id},
        )


def table_counts(con: Connection, *, centre_id: int | None = None,
                 tables: Sequence[str] = DATA_TABLES) -> dict[str, int]:
    """Row count per data table of one centre (for the data page and for tests); ``tables``
    names the ones to count (default every one).

    Raises
    ------
    ValueError
        When ``tables`` names a table that is not a data table (``DATA_TABLES``).
    """
    unknown = sorted(set(tables) - set(DATA_TABLES))
    if unknown:
        raise ValueError(f"not data tables: {unknown}")
    cur = _cursor(con, zoned=False)
    centre = {"centre": centre_of(con, centre_id)}
    return {
        table: int(_one(cur.execute(
            f"SELECT count(*) FROM {table} WHERE centre_id = $centre", centre  # noqa: S608
        ))[0])
        for table in tables
    }


def snapshot(con: Connection, *,
             centre_id: int | None = None) -> dict[str, pd.DataFrame]:
    """Every data table of one centre as a frame (without ``centre_id``; list cells as tuples),
    sorted, to compare before/after a write."""
    cur = _cursor(con)
    centre = {"centre": centre_of(con, centre_id)}
    out = {}
    for table in DATA_TABLES:
        frame = _df(cur.execute(
            f"SELECT {columns_of(cur, table)} FROM {table} WHERE centre_id = $centre",  # noqa: S608
            centre,
        ))
        for column in frame.columns:  # list cells (channels, weekdays) as tuples: sortable
            if frame[column].dtype == object and any(
                    hasattr(v, "__len__") and not isinstance(v, str) for v in frame[column]):
                frame[column] = frame[column].map(tuple)
        out[table] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return out


def columns_of(cur: Cursor, table: str) -> str:
    """The columns of a data table but ``centre_id``, in table order, as a select list (what
    DuckDB's ``* EXCLUDE (centre_id)`` says, in SQL both back ends read)."""
    rows = cur.execute(
        """SELECT column_name FROM information_schema.columns
           WHERE table_name = $table AND column_name <> 'centre_id'
             AND table_schema = current_schema()
           ORDER BY ordinal_position""",
        {"table": table},
    ).fetchall()
    return ", ".join(str(row[0]) for row in rows)
