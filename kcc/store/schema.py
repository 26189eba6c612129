"""The database schema: DDL constants, migrations by version, and the store's error and
write records (no connection handling here, so every other part of the store can use it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from kcc.i18n import stored_text

SCHEMA_VERSION: Final[int] = 6

#: Id of the demo centre: the demo always has it, so a connection bound to no centre (and a
#: database written before centres existed) reads and writes the demo.
DEMO_CENTRE_ID: Final[int] = 1

#: Tables holding a centre's data (each row carries its ``centre_id``); ``reset`` empties
#: exactly these for one centre, ``delete_centre`` removes its rows from each.
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


# --------------------------------------------------------------------------- version 2: centres
#
# Several contact centres in one database. Every data table gains a ``centre_id`` (first
# column, part of each natural key). A version-1 database holds one centre: the demo when it
# has nothing but demo imports, else the user's data mixed into the demo, which is moved whole
# into one centre named so the user sees it (a split would be a guess). The names are kept as
# ``kcc.i18n.stored_text`` so they read in the reader's language.

#: Name of the demo centre as stored (shown with ``kcc.i18n.show_stored``).
DEMO_CENTRE_NAME: Final[str] = stored_text("centres.demo_name")
#: Name of the centre a version-1 database with user imports moves into.
MIGRATED_CENTRE_NAME: Final[str] = stored_text("centres.migrated_name")

_CENTRES_DDL: Final[str] = """CREATE TABLE IF NOT EXISTS centres (
        centre_id INTEGER PRIMARY KEY DEFAULT nextval('centre_id_seq'),
        name VARCHAR NOT NULL,
        time_zone VARCHAR NOT NULL,     -- IANA zone of the centre's local times
        country VARCHAR,                -- holiday calendar (ISO code), NULL for none
        is_demo BOOLEAN NOT NULL DEFAULT FALSE,
        hidden BOOLEAN NOT NULL DEFAULT FALSE,
        created_at TIMESTAMPTZ NOT NULL)"""

#: The data tables at version 2, in ``DATA_TABLES`` order: version 1's columns after
#: ``centre_id``, keys and unique names per centre.
_TABLES_V2: Final[dict[str, str]] = {
    "contacts": """CREATE TABLE contacts (
        centre_id INTEGER NOT NULL,
        channel VARCHAR NOT NULL,
        queue VARCHAR NOT NULL,
        contact_id VARCHAR NOT NULL,
        arrival_ts TIMESTAMPTZ NOT NULL,
        wait_s DOUBLE,
        handle_s DOUBLE,
        outcome VARCHAR NOT NULL,       -- answered | abandoned | closed
        customer_id VARCHAR,
        import_id BIGINT NOT NULL,
        PRIMARY KEY (centre_id, channel, queue, contact_id))""",
    "interval_volumes": """CREATE TABLE interval_volumes (
        centre_id INTEGER NOT NULL,
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
        PRIMARY KEY (centre_id, channel, queue, ds))""",
    "events": """CREATE TABLE events (
        centre_id INTEGER NOT NULL,
        event_id BIGINT PRIMARY KEY DEFAULT nextval('event_id_seq'),
        name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        start_date DATE NOT NULL,
        end_date DATE NOT NULL,
        channels VARCHAR[] NOT NULL,
        uplift_pct DOUBLE,
        exclude_from_training BOOLEAN NOT NULL DEFAULT FALSE,
        source VARCHAR NOT NULL DEFAULT 'user')""",
    "roster": """CREATE TABLE roster (
        centre_id INTEGER NOT NULL,
        channel VARCHAR NOT NULL,
        ds TIMESTAMPTZ NOT NULL,
        interval_min INTEGER NOT NULL,
        agents DOUBLE NOT NULL,
        import_id BIGINT,
        PRIMARY KEY (centre_id, channel, ds))""",
    "shifts": """CREATE TABLE shifts (
        centre_id INTEGER NOT NULL,
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
    "scenarios": """CREATE TABLE scenarios (
        centre_id INTEGER NOT NULL,
        scenario_id BIGINT PRIMARY KEY DEFAULT nextval('scenario_id_seq'),
        name VARCHAR NOT NULL,
        description VARCHAR NOT NULL DEFAULT '',
        spec_json VARCHAR NOT NULL,
        spec_version INTEGER NOT NULL,
        created_by VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        updated_by VARCHAR NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        UNIQUE (centre_id, name))""",
    "imports": """CREATE TABLE imports (
        centre_id INTEGER NOT NULL,
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
    "settings": """CREATE TABLE settings (
        centre_id INTEGER NOT NULL,
        key VARCHAR NOT NULL,
        value_json VARCHAR NOT NULL,
        PRIMARY KEY (centre_id, key))""",
}

# A version-1 database with any import that is not the demo's holds the user's data.
_HAS_USER_IMPORTS: Final[str] = "EXISTS (SELECT 1 FROM imports WHERE kind <> 'demo')"
_V1_SETTING: Final[str] = (
    "(SELECT json_extract_string(value_json, '$') FROM settings WHERE key = '{key}')"
)


def _move_into_centre(table: str) -> tuple[str, ...]:
    """Rebuild a version-1 table with every row in the database's one centre."""
    return (
        f"CREATE TEMP TABLE v1_{table} AS SELECT * FROM {table}",  # noqa: S608 - constants
        f"DROP TABLE {table}",
        _TABLES_V2[table],
        f"""INSERT INTO {table} SELECT (SELECT min(centre_id) FROM centres), *
            FROM v1_{table}""",  # noqa: S608 - constants
        f"DROP TABLE v1_{table}",
    )


_DDL_V2: Final[tuple[str, ...]] = (
    f"CREATE SEQUENCE IF NOT EXISTS centre_id_seq START {DEMO_CENTRE_ID + 1}",
    _CENTRES_DDL,
    # The demo keeps its fixed id; a database with the user's data gets a centre of its own.
    f"""INSERT INTO centres (centre_id, name, time_zone, country, is_demo, hidden, created_at)
        SELECT CASE WHEN {_HAS_USER_IMPORTS} THEN nextval('centre_id_seq') ELSE {DEMO_CENTRE_ID} END,
               CASE WHEN {_HAS_USER_IMPORTS} THEN '{MIGRATED_CENTRE_NAME}'
                    ELSE '{DEMO_CENTRE_NAME}' END,
               coalesce({_V1_SETTING.format(key="timezone")}, current_setting('TimeZone')),
               coalesce({_V1_SETTING.format(key="country")}, 'NL'),
               NOT {_HAS_USER_IMPORTS}, FALSE, now()""",  # noqa: S608 - constants
    *(step for table in DATA_TABLES for step in _move_into_centre(table)),
)


# --------------------------------------------------------------------------- version 3: chat sessions
#
# What a chat's handle time depends on: the agent who took it, the sessions that agent held
# (as the file records it) and when it ended. Existing contacts keep NULL in all three.
_DDL_V3: Final[tuple[str, ...]] = (
    "ALTER TABLE contacts ADD COLUMN IF NOT EXISTS agent_id VARCHAR",
    "ALTER TABLE contacts ADD COLUMN IF NOT EXISTS sessions DOUBLE",
    "ALTER TABLE contacts ADD COLUMN IF NOT EXISTS end_ts TIMESTAMPTZ",
)

#: The contacts table's columns in the order every insert names them (version 3).
CONTACT_TABLE_COLUMNS: Final[str] = (
    "centre_id, channel, queue, contact_id, arrival_ts, wait_s, handle_s, outcome, customer_id, "
    "import_id, agent_id, sessions, end_ts"
)

# --------------------------------------------------------------------------- version 4: users
#
# Local accounts and roles (``kcc.access``). Users belong to the database, not to a centre:
# ``users`` holds each one's global role, ``user_centre_roles`` another role in one centre.
# A user who signs in through the identity provider has no password hash.

_DDL_V4: Final[tuple[str, ...]] = (
    """CREATE TABLE IF NOT EXISTS users (
        login VARCHAR PRIMARY KEY,      -- user name or e-mail, lower case
        display_name VARCHAR NOT NULL DEFAULT '',
        password_hash VARCHAR,          -- argon2id; NULL: signs in through the identity provider
        role VARCHAR NOT NULL,          -- viewer | planner | admin
        disabled BOOLEAN NOT NULL DEFAULT FALSE,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        updated_by VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS user_centre_roles (
        login VARCHAR NOT NULL,
        centre_id INTEGER NOT NULL,
        role VARCHAR NOT NULL,
        PRIMARY KEY (login, centre_id))""",
)


# --------------------------------------------------------------------------- version 5: series results
#
# Forecasts of many series computed once per data and settings by a background job
# (``kcc.jobs``) and read by every session and replica. Derived data: writing it does not
# change ``data_version``, and a centre keeps only the results of its current data.
_DDL_V5: Final[tuple[str, ...]] = (
    """CREATE TABLE IF NOT EXISTS series_results (
        centre_id INTEGER NOT NULL,
        data_hash VARCHAR NOT NULL,      -- the centre's volume fingerprint, hashed
        settings_hash VARCHAR NOT NULL,  -- horizon, country and method, hashed
        channel VARCHAR NOT NULL,
        queue VARCHAR NOT NULL,
        result BLOB NOT NULL,            -- the series' forecast frame as Parquet
        computed_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (centre_id, data_hash, settings_hash, channel, queue))""",
)

# --------------------------------------------------------------------------- version 6: plan results
#
# The staffing plan of each channel for the plan the job computed (``kcc.jobs``), so the first
# page load after the job reads it instead of staffing every interval again. Keyed by a hash
# of exactly what the channel's plan is computed from (its demand, roster, opening hours,
# start backlog and staffing settings), so any change to those is a different key. Derived
# data, like the series results: kept for the centre's current data only.
_DDL_V6: Final[tuple[str, ...]] = (
    """CREATE TABLE IF NOT EXISTS plan_results (
        centre_id INTEGER NOT NULL,
        data_hash VARCHAR NOT NULL,      -- the centre's volume fingerprint, hashed
        plan_hash VARCHAR NOT NULL,      -- the channel plan's inputs, hashed
        channel VARCHAR NOT NULL,
        result BLOB NOT NULL,            -- the channel's plan frame as Parquet
        computed_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (centre_id, data_hash, plan_hash, channel))""",
)

#: Migration steps by the schema version they bring the database to.
MIGRATIONS: Final[dict[int, tuple[str, ...]]] = {1: _DDL_V1, 2: _DDL_V2, 3: _DDL_V3, 4: _DDL_V4, 5: _DDL_V5,
                                                 6: _DDL_V6}


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


def _migrate(cur: Any, migrations: dict[int, tuple[str, ...]] = MIGRATIONS) -> int:
    """Bring the schema to ``SCHEMA_VERSION`` with ``migrations``; the version found before.

    Each version is one transaction that reads the version again after it began (so a second
    process migrating at the same time waits and then skips what the first one did).
    """
    cur.execute(migrations[1][0])  # meta first, to read the version
    found = _stored_version(cur)
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {found} is newer than this app ({SCHEMA_VERSION}); "
            "update KCC Planner"
        )
    for version in range(found + 1, SCHEMA_VERSION + 1):
        cur.begin()
        try:
            if _stored_version(cur) < version:
                for ddl in migrations[version]:
                    cur.execute(ddl)
                cur.execute(
                    """INSERT INTO meta VALUES ('schema_version', $v)
                       ON CONFLICT (key) DO UPDATE SET value = excluded.value""",
                    {"v": str(version)},
                )
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
    return found


def _stored_version(cur: Any) -> int:
    row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


# --------------------------------------------------------------------------- PostgreSQL
#
# A PostgreSQL database starts empty, so it has no version-1 data to move: version 1 is the
# meta table and the sequences, version 2 the centres and the data tables as DuckDB has them
# at version 2 (same columns in the same order, so ``INSERT INTO t SELECT ...`` fits both).
# The only type spelled differently is DuckDB's DOUBLE. Later versions are written in SQL both
# accept and translated the same way: version 3 the contacts' chat columns (``sessions`` a
# DOUBLE PRECISION), version 4 the users tables, version 5 the series results and version 6
# the plan results (``result`` a BYTEA), each as DuckDB has them.


def pg_ddl(statement: str) -> str:
    """A DuckDB DDL statement as PostgreSQL spells it (``DOUBLE`` is ``DOUBLE PRECISION``,
    ``BLOB`` is ``BYTEA``)."""
    statement = re.sub(r"\bBLOB\b", "BYTEA", statement)
    return re.sub(r"\bDOUBLE\b(?!\s+PRECISION)", "DOUBLE PRECISION", statement)


_PG_DDL_V2: Final[tuple[str, ...]] = (
    f"CREATE SEQUENCE IF NOT EXISTS centre_id_seq START {DEMO_CENTRE_ID + 1}",
    _CENTRES_DDL,
    *(pg_ddl(_TABLES_V2[table]) for table in DATA_TABLES),
    f"""INSERT INTO centres (centre_id, name, time_zone, country, is_demo, hidden, created_at)
        VALUES ({DEMO_CENTRE_ID}, '{DEMO_CENTRE_NAME}', current_setting('TimeZone'), 'NL',
                TRUE, FALSE, now())""",  # noqa: S608 - constants
)

#: Migration steps of a PostgreSQL database by the schema version they bring it to.
PG_MIGRATIONS: Final[dict[int, tuple[str, ...]]] = {
    1: tuple(ddl for ddl in _DDL_V1 if ddl.lstrip().startswith(("CREATE SEQUENCE", "CREATE TABLE IF NOT EXISTS meta"))),
    2: _PG_DDL_V2,
    3: tuple(pg_ddl(ddl) for ddl in _DDL_V3),
    4: tuple(pg_ddl(ddl) for ddl in _DDL_V4),
    5: tuple(pg_ddl(ddl) for ddl in _DDL_V5),
    6: tuple(pg_ddl(ddl) for ddl in _DDL_V6),
    **{v: tuple(pg_ddl(ddl) for ddl in steps) for v, steps in MIGRATIONS.items() if v > 6},
}
