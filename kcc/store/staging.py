"""Staged contact imports: read, check and roll up a contact file in DuckDB
(``stage_contacts``), show examples of problems, then ``commit_stage`` or ``discard_stage``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

import duckdb
import pandas as pd

from kcc import config
from kcc.store.connection import (
    Connection,
    _bump_data_version,
    _df,
    _duck_cursor,
    _one,
    _shared,
    _transaction,
    centre_of,
    is_postgres,
    timezone_of,
)
from kcc.store.schema import (
    CONTACT_TABLE_COLUMNS,
    DEMO_CENTRE_ID,
    ImportRecord,
    StoreError,
    WriteOutcome,
)
from kcc.store.staging_sql import (
    OUTCOMES,
    STAGE_CHECK_FIELDS,
    STAGE_CHECKS,
    ContactColumns,
    CsvSource,
    _arrival_params,
    _fast_source,
    _FastSource,
    _stage_sql,
    _text_source_sql,
    _typed_contacts_sql,
    _typed_params,
)
from kcc.store.volumes import (
    _delete_overlap,
    _delete_spans,
    _finish_import,
    _insert_import,
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
    centre_id : int
        The centre ``commit_stage`` writes to.
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
    centre_id: int = DEMO_CENTRE_ID
    write_lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    queue_renames: dict[tuple[str, str], str] = field(default_factory=dict)
    #: The store ``commit_stage`` writes to when it is not the DuckDB the stage is on (a
    #: PostgreSQL store: the stage runs in DuckDB in memory and its result is copied there).
    target: Connection | None = None


def _source(cur: duckdb.DuckDBPyConnection, source: CsvSource | pd.DataFrame) -> tuple[str, dict]:
    if isinstance(source, CsvSource):
        return _text_source_sql(source)
    cur.register("kcc_source_frame", source)
    return "kcc_source_frame", {}


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
        keys = dict(columns.outcome_map)
        cur.execute(
            _stage_sql(columns, interval_min, fast, by_outcome=True),
            # An empty text never matches, as in ``_typed_contacts_sql`` (it is a missing value).
            {**params, **{f"o_{o}": [k for k, v in keys.items() if v == o and k]
                          for o in OUTCOMES}},
        )
        by_outcome = not _one(cur.execute(
            """SELECT coalesce(sum(rows_read - answered - abandoned - closed_attempts - ignored), 0)
               FROM kcc_stage"""
        ))[0]
    else:
        cur.execute(_stage_sql(columns, interval_min, fast, by_outcome=True), params)
    if not by_outcome:  # some outcome text needs trimming, or is empty: map per raw text
        cur.execute(
            _stage_sql(columns, interval_min, fast, by_outcome=False),
            {**params, "ok": mapping["ok"], "ov": mapping["ov"]},
        )
    sql = _typed_contacts_sql(columns, fast.sql, "NULL", fast.typed)
    return _stage_counts(cur, sql, {**fast.params, **_typed_params(columns, fast.typed)})


def _stage_counts(
    cur: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]
) -> tuple[int, dict[str, int]]:
    """Rows in ``kcc_stage`` and, when any row is bad, rows failing each check of the rows
    ``sql`` selects."""
    rows_read, bad_rows = _one(cur.execute(
        "SELECT coalesce(sum(rows_read), 0), coalesce(sum(bad_rows), 0) FROM kcc_stage"
    ))
    counts = dict.fromkeys(STAGE_CHECKS, 0)
    if bad_rows:
        sums = ", ".join(f"count(*) FILTER (WHERE {cond})" for cond in STAGE_CHECKS.values())
        found = _one(cur.execute(f"SELECT {sums} FROM ({sql})", params))  # noqa: S608
        counts = {code: int(n) for code, n in zip(STAGE_CHECKS, found, strict=True)}
    return int(rows_read), counts


def stage_contacts(
    con: Connection,
    source: CsvSource | pd.DataFrame,
    columns: ContactColumns,
    interval_min: int,
    *,
    centre_id: int | None = None,
) -> ContactStage:
    """Read, check and roll up contact rows into a temporary table, in one scan.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection or PgStore
        Store connection.
    source : CsvSource or pandas.DataFrame
        A delimited file, or a frame of text columns (optionally with a 1-based ``_row``).
    columns : ContactColumns
        Where each field is and how to read it.
    interval_min : int
        Planning interval to roll up to [min].
    centre_id : int, optional
        Centre the stage is committed to; default the connection's (``centre_of``).

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
    if isinstance(con, duckdb.DuckDBPyConnection):
        cur = _duck_cursor(con)
    else:
        # DuckDB reads and rolls up the file in memory; commit_stage copies the result.
        cur = duckdb.connect(":memory:")
        cur.execute("SET TimeZone = $tz", {"tz": timezone_of(con)})
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
        centre_id=centre_of(con, centre_id),
        target=con if is_postgres(con) else None,
    )


def _numbered_source(stage: ContactStage) -> str:
    """The source with a 1-based data row number ``_row`` (materialised once, on demand)."""
    cur = stage.cursor
    exists = _one(cur.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'kcc_numbered' AND temporary"
    ))[0]
    if not exists:
        # A table keeps insertion order, so its rowid is the row's position in the file.
        cur.execute(
            f"CREATE TEMP TABLE kcc_numbered AS SELECT * FROM {stage.source_sql}",  # noqa: S608
            stage.source_params,
        )
    has_row = _one(cur.execute(
        """SELECT count(*) FROM duckdb_columns()
           WHERE table_name = 'kcc_numbered' AND column_name = '_row'"""
    ))[0]
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
    count, first = _one(cur.execute(
        """SELECT coalesce(sum(contacts), 0), min(ds_local) FILTER (WHERE contacts > 0)
           FROM kcc_stage WHERE channel IS NOT NULL AND ds_local >= $lo AND ds_local < $hi""",
        span,
    ))
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
        repeated = _one(cur.execute(
            """SELECT count(*) - count(DISTINCT h)
               FROM (SELECT unnest(id_hashes) AS h FROM kcc_stage)"""
        ))[0]
        if not repeated:
            return 0, pd.DataFrame(columns=["row", "contact_id", "first_row"])
    typed = _typed_contacts_sql(stage.columns, stage.source_sql, "NULL")
    surplus = _one(cur.execute(
        f"""SELECT coalesce(sum(n - 1), 0) FROM (
                SELECT count(*) AS n FROM ({typed}) WHERE contact_id IS NOT NULL
                GROUP BY channel, queue, contact_id HAVING count(*) > 1)""",  # noqa: S608
        {**stage.source_params, **_typed_params(stage.columns)},
    ))[0]
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


def rename_stage_queues(stage: ContactStage, renames: dict[tuple[str, str], str]) -> None:
    """Write the staged series ``(channel, queue)`` of ``renames`` to the queue named there
    (a series stored at another interval length gets one of its own); ``stage.series`` and
    the contacts ``commit_stage`` writes follow."""
    for (channel, queue), new in renames.items():
        stage.cursor.execute(
            "UPDATE kcc_stage SET queue = $new WHERE channel = $c AND queue = $q",
            {"new": new, "c": channel, "q": queue},
        )
        stage.queue_renames[(channel, queue)] = new
    series = stage.series.copy()
    series["queue"] = [renames.get((c, q), q) for c, q in zip(series["channel"], series["queue"], strict=True)]
    stage.series = series


def _new_contacts(cur: duckdb.DuckDBPyConnection, stage: ContactStage) -> None:
    """The stage's contact records as the temporary table ``kcc_new_contacts`` on the stage's
    cursor (read again from the source, typed as the stage was built)."""
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
                   outcome, customer_id, agent_id, sessions,
                   CAST(end_local AS TIMESTAMPTZ) AS end_ts
            FROM ({typed})
            WHERE arrival_local IS NOT NULL
              AND outcome IN ('answered', 'abandoned', 'closed')""",  # noqa: S608
        {**source_params, **_typed_params(stage.columns, typed_fields)},
    )
    for (channel, queue), new in stage.queue_renames.items():
        cur.execute(
            "UPDATE kcc_new_contacts SET queue = $new WHERE channel = $c AND queue = $q",
            {"new": new, "c": channel, "q": queue},
        )


def _write_staged_contacts(
    cur: duckdb.DuckDBPyConnection, stage: ContactStage, import_id: int
) -> int:
    """Insert a stage's contact records, replacing those of the period each series covers;
    returns contacts replaced."""
    _new_contacts(cur, stage)
    return _insert_new_contacts(cur, stage, import_id)


def _insert_new_contacts(cur: Any, stage: ContactStage, import_id: int) -> int:
    """Write ``kcc_new_contacts`` (on ``cur``) to the store; contacts replaced."""
    replaced = _delete_overlap(cur, "contacts", "arrival_ts", "kcc_new_contacts", stage.centre_id)
    cur.execute(
        f"""INSERT INTO contacts ({CONTACT_TABLE_COLUMNS})
           SELECT $centre, channel, queue, contact_id, arrival_ts, wait_s, handle_s, outcome,
                  customer_id, $id, agent_id, sessions, end_ts
           FROM kcc_new_contacts""",  # noqa: S608 - a constant
        {"id": import_id, "centre": stage.centre_id},
    )
    return replaced


def _write_staged_intervals(
    cur: duckdb.DuckDBPyConnection, stage: ContactStage, import_id: int
) -> int:
    """Insert a stage's intervals as instants, replacing those of the period each series
    covers; returns intervals replaced."""
    # Each local bucket start becomes an instant once (a join on the distinct starts),
    # not once per stage row; the intervals go straight from that aggregate into the
    # table, after the period they cover (per series, in instants) has been cleared.
    cur.execute(_NEW_STARTS)
    replaced = _delete_spans(cur, "interval_volumes", "ds", _NEW_SPANS, stage.centre_id)
    cur.execute("SET preserve_insertion_order = false")
    cur.execute(
        f"""INSERT INTO interval_volumes
            SELECT $centre, channel, queue, ds, $n, offered, answered, abandoned, aht_s,
                   wait_s_total, closed_attempts, $id
            FROM ({_NEW_INTERVALS})""",  # noqa: S608 - constants
        {"n": stage.interval_min, "id": import_id, "centre": stage.centre_id},
    )
    return replaced


_NEW_STARTS: Final[str] = """CREATE TEMP TABLE kcc_new_starts AS
           SELECT ds_local, CAST(ds_local AS TIMESTAMPTZ) AS ds
           FROM (SELECT DISTINCT ds_local FROM kcc_stage
                 WHERE channel IS NOT NULL AND ds_local IS NOT NULL AND contacts > 0)"""
_STAGED: Final[str] = """(SELECT channel, queue, ds_local, offered, answered, abandoned, handle_sum,
                        handle_n, wait_s_total, closed_attempts
                 FROM kcc_stage
                 WHERE channel IS NOT NULL AND ds_local IS NOT NULL AND contacts > 0)"""
# The period a series covers runs from its first to its last local bucket start; in
# instants, from the earliest to the latest start between them (summer time moves a
# start in the skipped hour past the next one).
_NEW_SPANS: Final[str] = f"""SELECT p.channel, p.queue, min(s.ds) AS lo, max(s.ds) AS hi
            FROM (SELECT channel, queue, min(ds_local) AS first_local,
                         max(ds_local) AS last_local
                  FROM {_STAGED} GROUP BY channel, queue) p
            JOIN kcc_new_starts s ON s.ds_local BETWEEN p.first_local AND p.last_local
            GROUP BY p.channel, p.queue"""  # noqa: S608 - constants
# The summed intervals, each local bucket start as an instant once (a join on the distinct
# starts, not once per stage row).
_NEW_INTERVALS: Final[str] = f"""SELECT channel, queue, s.ds AS ds, sum(offered) AS offered,
                   sum(answered) AS answered, sum(abandoned) AS abandoned,
                   sum(handle_sum) / nullif(sum(handle_n), 0) AS aht_s,
                   sum(wait_s_total) AS wait_s_total, sum(closed_attempts) AS closed_attempts
            FROM {_STAGED} JOIN kcc_new_starts s USING (ds_local)
            GROUP BY channel, queue, s.ds"""  # noqa: S608 - constants


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
    if stage.target is not None:
        return _commit_to(stage.target, stage, record, keep_contacts=keep_contacts)
    cur = stage.cursor
    # A transaction of its own, begun under the write lock: it starts after every other write
    # to the file, so replacing a period cannot conflict with a write made during the checks.
    stage.write_lock.acquire()
    try:
        cur.begin()
        import_id = _insert_import(cur, record, stage.centre_id)
        replaced = 0
        rows = int(stage.series["contacts"].sum()) if len(stage.series) else 0
        if keep_contacts:
            replaced += _write_staged_contacts(cur, stage, import_id)
        replaced += _write_staged_intervals(cur, stage, import_id)
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


def _commit_to(target: Connection, stage: ContactStage, record: ImportRecord, *,
               keep_contacts: bool) -> WriteOutcome:
    """``commit_stage`` into another store (PostgreSQL): DuckDB works out the new contacts,
    the spans they replace and the summed intervals in memory; they are copied to the store
    and written there in one transaction."""
    duck = stage.cursor
    try:
        contacts = None
        if keep_contacts:
            _new_contacts(duck, stage)
            contacts = _df(duck.execute("SELECT * FROM kcc_new_contacts"))
        duck.execute(_NEW_STARTS)
        spans = _df(duck.execute(_NEW_SPANS))
        intervals = _df(duck.execute(_NEW_INTERVALS))
    finally:
        duck.close()
    rows = int(stage.series["contacts"].sum()) if len(stage.series) else 0
    with _transaction(target) as cur:
        import_id = _insert_import(cur, record, stage.centre_id)
        replaced = 0
        if contacts is not None:
            cur.register("kcc_new_contacts", contacts)
            replaced += _insert_new_contacts(cur, stage, import_id)
        cur.register("kcc_new_spans", spans)
        replaced += _delete_spans(cur, "interval_volumes", "ds", "SELECT * FROM kcc_new_spans",
                                  stage.centre_id)
        cur.register("kcc_new_intervals", intervals)
        cur.execute(
            """INSERT INTO interval_volumes
               SELECT $centre, channel, queue, ds, $n, offered, answered, abandoned, aht_s,
                      wait_s_total, closed_attempts, $id
               FROM kcc_new_intervals""",
            {"n": stage.interval_min, "id": import_id, "centre": stage.centre_id},
        )
        _finish_import(
            cur, import_id, "contacts" if keep_contacts else "interval_volumes", rows, replaced
        )
    return WriteOutcome(import_id, rows, replaced)


def discard_stage(stage: ContactStage) -> None:
    """Close a stage that will not be written (its temporary tables go with its cursor)."""
    stage.cursor.close()
