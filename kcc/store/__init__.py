"""The store: every line of SQL in KCC Planner lives in this package.

Two back ends: an embedded DuckDB file (the default, nothing to set up) and, for a team
server with several app processes, a PostgreSQL database (``KCC_DATABASE_URL``; see
``postgres``). The functions here take either; DuckDB stays the engine that reads and rolls up
uploads in memory.

Timestamps are kept as ``TIMESTAMPTZ`` instants; each connection's ``TimeZone`` is set to the
contact centre's zone, so every frame read back carries tz-aware local times. DDL is kept as
constants, writes run in one transaction on their own cursor (a failed write leaves the
database exactly as it was), and every value travels as a parameter or a registered frame.

Use one read-write connection per database file (``connect``) and call the functions here with
it from any number of threads: each call opens its own cursor, and writes to one file take
turns (see ``kcc.store.connection``). One process per database file: DuckDB locks the file, and
``connect`` raises ``DatabaseInUseError`` when another process holds it.

Several contact centres share one database (``centres``): every call reads and writes one
centre, named by its ``centre_id`` keyword, else the centre the connection is bound to
(``for_centre``), else the demo centre (``DEMO_CENTRE_ID``).

Modules: ``schema`` (DDL, migrations, records), ``centres`` (the centres and binding a
connection to one), ``connection`` (connections, cursors, locks,
transactions, retries), ``volumes`` (import history and contact volumes), ``planning`` (events,
roster, shifts, scenarios, settings), ``staging_sql`` and ``staging`` (staged contact imports),
``users`` (accounts and their roles), ``results`` (series results of the many-series job),
``postgres`` (the PostgreSQL back end: pool, cursor, frames copied in).
"""

from __future__ import annotations

from kcc.store.centres import (
    MAX_NAME_CHARS,
    Centre,
    CentreError,
    create_centre,
    delete_centre,
    ensure_demo,
    find_centre,
    for_centre,
    get_centre,
    hide_centre,
    list_centres,
    rename_centre,
    slugify,
)
from kcc.store.connection import (
    WRITE_RETRY_DELAYS_S,
    Connection,
    DatabaseInUseError,
    centre_of,
    connect,
    data_version,
    is_empty,
    is_postgres,
    migrate,
    reset,
    schema_version,
    snapshot,
    table_counts,
    timezone_of,
)
from kcc.store.long_range import period_volumes
from kcc.store.planning import (
    LOGO_SETTING_KEY,
    NEW_SCENARIO,
    ScenarioChangedError,
    delete_event,
    delete_scenario,
    read_events,
    read_logo,
    read_roster,
    read_scenarios,
    read_setting,
    read_settings,
    read_shifts,
    replace_events,
    replace_roster,
    replace_shifts,
    save_scenario,
    swap_shifts,
    write_event,
    write_logo,
    write_setting,
)
from kcc.store.postgres import PgStore, PostgresError, is_postgres_url, redact
from kcc.store.results import read_series_result, series_result_index, write_series_results
from kcc.store.schema import (
    DATA_TABLES,
    DEMO_CENTRE_ID,
    MIGRATIONS,
    PG_MIGRATIONS,
    SCHEMA_VERSION,
    ImportRecord,
    StoreError,
    WriteOutcome,
)
from kcc.store.staging import (
    ContactStage,
    commit_stage,
    discard_stage,
    rename_stage_queues,
    stage_arrivals_between,
    stage_contacts,
    stage_duplicates,
    stage_examples,
)
from kcc.store.staging_sql import (
    OUTCOMES,
    STAGE_CHECK_FIELDS,
    STAGE_CHECKS,
    ContactColumns,
    CsvSource,
)
from kcc.store.users import (
    User,
    add_user,
    count_users,
    get_user,
    list_users,
    set_centre_role,
    update_user,
    user_password_hash,
)
from kcc.store.volumes import (
    FORECAST_SETTING_KEYS,
    HOLIDAY_TREATMENTS_KEY,
    INTRADAY_PROFILE_KEY,
    daily_volumes,
    intraday_profile,
    read_chat_sessions,
    read_imports,
    read_intervals,
    read_repeat_rates,
    replace_contacts,
    replace_intervals,
    series_granularity,
    series_interval_min,
    series_summary,
    volume_fingerprint,
)

__all__ = [
    "FORECAST_SETTING_KEYS",
    "HOLIDAY_TREATMENTS_KEY",
    "INTRADAY_PROFILE_KEY",
    "Centre",
    "CentreError",
    "Connection",
    "ContactColumns",
    "ContactStage",
    "CsvSource",
    "DATA_TABLES",
    "DEMO_CENTRE_ID",
    "DatabaseInUseError",
    "ImportRecord",
    "MAX_NAME_CHARS",
    "MIGRATIONS",
    "NEW_SCENARIO",
    "OUTCOMES",
    "PG_MIGRATIONS",
    "PgStore",
    "PostgresError",
    "SCHEMA_VERSION",
    "STAGE_CHECKS",
    "STAGE_CHECK_FIELDS",
    "ScenarioChangedError",
    "StoreError",
    "User",
    "WRITE_RETRY_DELAYS_S",
    "WriteOutcome",
    "add_user",
    "centre_of",
    "commit_stage",
    "connect",
    "count_users",
    "create_centre",
    "daily_volumes",
    "data_version",
    "delete_centre",
    "delete_event",
    "delete_scenario",
    "discard_stage",
    "ensure_demo",
    "find_centre",
    "for_centre",
    "get_centre",
    "get_user",
    "hide_centre",
    "intraday_profile",
    "is_empty",
    "is_postgres",
    "is_postgres_url",
    "list_centres",
    "list_users",
    "migrate",
    "period_volumes",
    "read_chat_sessions",
    "read_events",
    "redact",
    "read_imports",
    "read_intervals",
    "read_repeat_rates",
    "read_roster",
    "read_scenarios",
    "LOGO_SETTING_KEY",
    "read_logo",
    "read_setting",
    "read_series_result",
    "read_settings",
    "read_shifts",
    "rename_centre",
    "replace_contacts",
    "rename_stage_queues",
    "replace_events",
    "replace_intervals",
    "replace_roster",
    "replace_shifts",
    "reset",
    "save_scenario",
    "schema_version",
    "series_granularity",
    "set_centre_role",
    "series_interval_min",
    "series_result_index",
    "series_summary",
    "slugify",
    "snapshot",
    "stage_arrivals_between",
    "stage_contacts",
    "stage_duplicates",
    "stage_examples",
    "swap_shifts",
    "table_counts",
    "timezone_of",
    "update_user",
    "user_password_hash",
    "volume_fingerprint",
    "write_event",
    "write_logo",
    "write_series_results",
    "write_setting",
]
