"""The PostgreSQL back end of the store, for a team server (``KCC_DATABASE_URL``).

Several app processes share one PostgreSQL database; each keeps a connection pool
(``psycopg_pool``). The store's functions are written once: they run on a cursor, and here a
``PgCursor`` gives them what a DuckDB cursor gives (``execute`` with ``$name`` parameters,
``fetchone``, ``fetchall``, ``df``, ``register`` of a frame, ``begin``/``commit``/``rollback``),
so only the SQL the two dialects spell differently is written twice (``is_postgres``).

DuckDB stays the engine that reads and rolls up an upload in memory; what it produces is
copied into temporary tables here (``register``) and written in one transaction. Every write
transaction first takes one advisory lock, so writes from all processes take turns as they do
on one DuckDB file, and a reader never sees half a write (PostgreSQL's read committed).
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any, Final
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import pandas as pd

from kcc.store.schema import DEMO_CENTRE_ID, StoreError

#: URL schemes that name a PostgreSQL server.
URL_SCHEMES: Final[tuple[str, ...]] = ("postgresql", "postgres")
#: Connections each app process keeps open to the server (``KCC_DB_POOL_MAX`` overrides the
#: largest number).
POOL_MIN: Final[int] = 1
POOL_MAX: Final[int] = 10
#: How long a call waits for a free connection of the pool, or for the server at start. [s]
POOL_TIMEOUT_S: Final[float] = 30.0
#: Key of the advisory lock every write transaction takes (any constant shared by all
#: processes of one database).
WRITE_LOCK_KEY: Final[int] = 0x4B4343  # "KCC"

# PostgreSQL type oids of the columns the store reads, and how DuckDB's frames type them.
_TIMESTAMPTZ, _TIMESTAMP, _DATE = 1184, 1114, 1082
_INT2, _INT4, _INT8 = 21, 23, 20
_FLOAT4, _FLOAT8, _NUMERIC = 700, 701, 1700
_BOOL = 16

_PARAM: Final = re.compile(r"\$([A-Za-z_]\w*)")


class PostgresError(StoreError):
    """PostgreSQL refused a statement (a constraint, a lost connection); the transaction was
    rolled back. The server's message is kept as the cause."""


def is_postgres_url(target: str | None) -> bool:
    """True when ``target`` is a ``postgresql://`` (or ``postgres://``) URL."""
    return bool(target) and str(target).split("://", 1)[0].lower() in URL_SCHEMES


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _psycopg() -> Any:
    try:
        # Only a PostgreSQL store needs these; the embedded DuckDB store runs without them.
        import psycopg
        import psycopg_pool  # optional, as psycopg above
    except ImportError as exc:  # pragma: no cover - pinned in requirements.txt
        raise StoreError(
            "KCC_DATABASE_URL names a PostgreSQL server, but psycopg is not installed; "
            "run `pip install -r requirements.txt`"
        ) from exc
    return psycopg, psycopg_pool


def to_pg(sql: str) -> str:
    """A store statement with DuckDB's ``$name`` parameters in psycopg's ``%(name)s`` style
    (a literal ``%`` doubled)."""
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


class PgStore:
    """A PostgreSQL store: the pool of one database, bound to a centre and its zone.

    ``kcc.store.connect`` returns one for a PostgreSQL URL; pass it to every store function as
    a DuckDB connection is passed. ``bound`` gives a view on the same pool for another centre
    (``kcc.store.for_centre``); ``close`` closes the pool of the store that opened it.
    """

    dialect: Final[str] = "postgres"

    def __init__(self, url: str, timezone: str, *, pool: Any = None,
                 write_lock: threading.RLock | None = None,
                 centre_id: int = DEMO_CENTRE_ID) -> None:
        self.url = url
        self.timezone = timezone
        self.centre_id = int(centre_id)
        self.write_lock = write_lock or threading.RLock()
        self._owner = pool is None
        if pool is None:
            psycopg, psycopg_pool = _psycopg()
            pool = psycopg_pool.ConnectionPool(
                url, min_size=POOL_MIN, max_size=POOL_MAX, timeout=POOL_TIMEOUT_S, open=False,
                kwargs={"autocommit": True, "cursor_factory": psycopg.ClientCursor},
            )
            try:
                pool.open(wait=True, timeout=POOL_TIMEOUT_S)
            except psycopg_pool.PoolTimeout as exc:
                pool.close()
                raise PostgresError(
                    f"cannot reach the PostgreSQL server at {redact(url)} "
                    f"(KCC_DATABASE_URL) within {POOL_TIMEOUT_S:g} s"
                ) from exc
        self.pool = pool

    def bound(self, centre_id: int, timezone: str) -> PgStore:
        """The same database (pool and write lock) for another centre and zone."""
        return PgStore(self.url, timezone, pool=self.pool, write_lock=self.write_lock,
                       centre_id=centre_id)

    def cursor(self) -> PgCursor:
        """A cursor in this store's zone (it holds a pooled connection only while in a
        transaction)."""
        return PgCursor(self.pool, self.timezone)

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> PgCursor:
        """Run one statement on a cursor of its own (tests and tools; the store uses cursors)."""
        return self.cursor().execute(sql, params)

    def close(self) -> None:
        """Close the pool (a bound view leaves it to the store that opened it)."""
        if self._owner:
            self.pool.close()

    def __repr__(self) -> str:
        return f"PgStore({redact(self.url)!r}, centre={self.centre_id}, tz={self.timezone!r})"


class PgCursor:
    """What the store's functions call on a DuckDB cursor, on PostgreSQL.

    Outside a transaction each statement borrows a pooled connection, runs, keeps its rows
    and gives the connection back; ``begin`` holds one until ``commit`` or ``rollback`` (and
    takes the write lock shared by every process). Temporary tables live in that transaction.
    """

    def __init__(self, pool: Any, timezone: str) -> None:
        self._pool = pool
        self._timezone = timezone
        self._conn: Any = None  # held from begin() to commit()/rollback()
        self._rows: list[tuple[Any, ...]] = []
        self._columns: list[tuple[str, int]] = []
        self._at = 0

    # -------------------------------------------------------------- running statements

    def _prepare(self, conn: Any) -> None:
        if conn.info.parameter_status("TimeZone") != self._timezone:
            conn.execute("SELECT set_config('TimeZone', %s, false)", (self._timezone,))

    def _run(self, conn: Any, sql: str, params: dict[str, Any] | None) -> None:
        psycopg, _ = _psycopg()
        try:
            cur = conn.execute(to_pg(sql), _params(params))
        except psycopg.Error as exc:
            raise PostgresError(str(exc).strip()) from exc
        if cur.description is None:
            self._rows, self._columns = [], []
        else:
            self._columns = [(c.name, c.type_code) for c in cur.description]
            self._rows = cur.fetchall()
        self._at = 0

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> PgCursor:
        """Run one statement (``$name`` parameters, bound on the client as literals)."""
        if self._conn is not None:
            self._run(self._conn, sql, params)
            return self
        with self._pool.connection() as conn:
            self._prepare(conn)
            self._run(conn, sql, params)
        return self

    def fetchone(self) -> tuple[Any, ...] | None:
        """The next row of the last statement, or None."""
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchall(self) -> list[tuple[Any, ...]]:
        """The rows of the last statement not fetched yet."""
        rows, self._at = self._rows[self._at:], len(self._rows)
        return rows

    def df(self) -> pd.DataFrame:
        """The last statement's rows as a frame typed as DuckDB types it: zoned timestamps in
        this cursor's zone (microseconds), dates as timestamps, integers (nullable when a
        NULL is there), floats with NaN, lists for arrays."""
        rows = self.fetchall()
        data = {name: [row[i] for row in rows] for i, (name, _) in enumerate(self._columns)}
        frame = pd.DataFrame(data, columns=[name for name, _ in self._columns])
        for name, oid in self._columns:
            frame[name] = _typed(frame[name], oid, self._timezone)
        return frame

    # -------------------------------------------------------------- transactions

    def begin(self) -> None:
        """Start a transaction on a connection of its own, after every other process's write
        (one advisory lock for all writes)."""
        if self._conn is not None:
            raise StoreError("a transaction is already open on this cursor")
        conn = self._pool.getconn()
        try:
            self._prepare(conn)
            conn.execute("BEGIN")
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
        except BaseException:
            self._pool.putconn(conn)
            raise
        self._conn = conn

    def _end(self, statement: str) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.execute(statement)
        finally:
            self._pool.putconn(conn)

    def commit(self) -> None:
        """Commit the open transaction (its temporary tables go with it)."""
        self._end("COMMIT")

    def rollback(self) -> None:
        """Roll back the open transaction, if any."""
        self._end("ROLLBACK")

    def close(self) -> None:
        """Roll back what is still open and give the connection back."""
        self.rollback()

    # -------------------------------------------------------------- frames in

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """Copy ``frame`` into a temporary table ``name`` of the open transaction, so a
        statement can select from it as DuckDB selects from a registered frame."""
        if self._conn is None:
            raise StoreError("register a frame inside a transaction (begin first)")
        types = [_pg_type(frame[column]) for column in frame.columns]
        columns = ", ".join(f'"{c}" {t}' for c, t in zip(frame.columns, types, strict=True))
        self._conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        self._conn.execute(f'CREATE TEMP TABLE "{name}" ({columns}) ON COMMIT DROP')
        with self._conn.cursor().copy(
                f"""COPY "{name}" FROM STDIN WITH (FORMAT csv, NULL '{_NULL}')""") as copy:
            copy.write(_csv(frame))

    def unregister(self, name: str) -> None:
        """Drop a frame's temporary table."""
        self.execute(f'DROP TABLE IF EXISTS "{name}"')


def _params(params: dict[str, Any] | None) -> dict[str, Any]:
    """Parameters as psycopg adapts them (numpy scalars and lists to plain Python)."""
    out: dict[str, Any] = {}
    for key, value in (params or {}).items():
        if isinstance(value, np.generic):
            value = value.item()
        elif isinstance(value, tuple):
            value = list(value)
        out[key] = value
    return out


def _typed(column: pd.Series, oid: int, timezone: str) -> pd.Series:
    """One result column typed as DuckDB's frame types it."""
    if oid == _TIMESTAMPTZ:
        return pd.to_datetime(column, utc=True).dt.tz_convert(timezone).astype(
            f"datetime64[us, {timezone}]")
    if oid in (_TIMESTAMP, _DATE):
        return pd.to_datetime(column).astype("datetime64[us]")
    if oid in (_INT2, _INT4, _INT8):
        kind = {_INT2: "int16", _INT4: "int32", _INT8: "int64"}[oid]
        return column.astype(kind.capitalize() if column.isna().any() else kind)
    if oid in (_FLOAT4, _FLOAT8, _NUMERIC):
        return column.astype("float64")
    if oid == _BOOL and not column.isna().any():
        return column.astype(bool)
    return column


def _first_value(column: pd.Series) -> Any:
    """The first cell that is not missing, or None."""
    for value in column:
        if value is not None and not _is_nan(value) and value is not pd.NaT:
            return value
    return None


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _pg_type(column: pd.Series) -> str:
    """The PostgreSQL type a frame column is copied as."""
    dtype = column.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        return "TIMESTAMPTZ"
    if pd.api.types.is_datetime64_dtype(dtype):
        return "TIMESTAMP"
    if pd.api.types.is_bool_dtype(dtype):
        return "BOOLEAN"
    if pd.api.types.is_integer_dtype(dtype):
        return "BIGINT"
    if pd.api.types.is_float_dtype(dtype):
        return "DOUBLE PRECISION"
    first = _first_value(column)
    if isinstance(first, (list, tuple, np.ndarray)):
        items = [v for cell in column if isinstance(cell, (list, tuple, np.ndarray)) for v in cell]
        whole = items and all(isinstance(v, (int, np.integer)) for v in items)
        return "BIGINT[]" if whole else "TEXT[]"
    if isinstance(first, datetime):
        return "TIMESTAMPTZ" if first.tzinfo is not None else "TIMESTAMP"
    if isinstance(first, date):
        return "DATE"
    if isinstance(first, time):
        return "TIME"
    if isinstance(first, bool):
        return "BOOLEAN"
    if isinstance(first, (int, np.integer)):
        return "BIGINT"
    if isinstance(first, (float, np.floating)):
        return "DOUBLE PRECISION"
    return "TEXT"


#: How a missing cell is written in a frame copied in (an empty text stays an empty text).
_NULL: Final[str] = "\\N"


def _csv(frame: pd.DataFrame) -> str:
    """A frame as CSV for ``COPY`` (whole columns at once; lists as array literals)."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column].dtype):
            # numpy formats instants far faster than pandas does zoned ones
            zoned = isinstance(out[column].dtype, pd.DatetimeTZDtype)
            naive = out[column].dt.tz_convert("UTC").dt.tz_localize(None) if zoned else out[column]
            text = np.datetime_as_string(naive.to_numpy("datetime64[us]"), unit="us")
            text = np.char.add(text, "+00") if zoned else text
            out[column] = pd.Series(text, index=out.index, dtype=object).where(naive.notna(), None)
        elif out[column].dtype == object and isinstance(_first_value(out[column]),
                                                          (list, tuple, np.ndarray)):
            out[column] = [None if cell is None or _is_nan(cell) else _array_literal(cell)
                           for cell in out[column]]
    return out.to_csv(header=False, index=False, na_rep=_NULL)


def _array_literal(cell: Sequence[Any]) -> str:
    """A list as a PostgreSQL array literal (``{"a","b"}``)."""
    items = (str(v.item() if isinstance(v, np.generic) else v) for v in cell)
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
                          for v in items) + "}"
