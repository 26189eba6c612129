"""The SQL a staged contact import is built from: how a source is read (``CsvSource``), where
each contact field is (``ContactColumns``, which the import's ``Mapping`` is), the checks every
row gets (``STAGE_CHECKS``), and the builders that turn these into DuckDB queries. Pure string
building; nothing runs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from kcc import config

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
    """Which source column holds each contact field, and how to read it (all text).

    The import's ``kcc.importer.Mapping`` is a ``ContactColumns`` with the file's kind and the
    interval-count columns added, so the fields a contact file is staged from are named once.

    Attributes
    ----------
    timestamp : str or None
        Column with date and time of arrival.
    date, time : str or None
        Separate date and time columns (joined with a space), used when ``timestamp`` is None.
    datetime_format : str
        ``strptime`` format of the timestamp text, or of ``date + " " + time``.
    channel : str or None
        Column with the channel; None puts every row in ``channel_value``.
    channel_value : str
        Fixed channel id (see ``kcc.config.CHANNELS``).
    channel_map : tuple of (str, str)
        Lower-case raw channel value -> channel id.
    queue : str or None
        Column with the queue; None puts every row in ``queue_value``.
    queue_value : str
        Fixed queue name.
    contact_id : tuple of str
        Columns that together identify a contact; empty generates ids from the arrival time.
    customer_id : str or None
        Customer column.
    handle_s : str or None
        Handle time per contact. [s, or H:MM:SS]
    wait_s : str or None
        Wait per contact. [s, or H:MM:SS]
    outcome : str or None
        Outcome column; without it every contact counts as answered.
    outcome_map : tuple of (str, str)
        Raw outcome value -> ``answered``, ``abandoned``, ``closed`` or ``ignore``
        (``OUTCOMES``).
    agent_id : str or None
        Agent who handled the contact (chat: with the times, the sessions an agent held
        follow from the overlap of its chats).
    sessions : str or None
        Sessions the agent held during the contact, itself included (chat concurrency).
        [sessions]
    end_time : str or None
        When the contact ended, read with ``datetime_format`` (with separate date and time
        columns: a time on the arrival's date, or a full date and time). A session runs from
        arrival + wait to its end; without it, to arrival + wait + handle time.
    decimal_comma : bool
        Numbers are written ``12,5`` (thousands ``1.234,5``).

    Raises
    ------
    ValueError
        A channel id, outcome or queue name the store cannot keep; the message names the field.
    """

    timestamp: str | None = None
    date: str | None = None
    time: str | None = None
    datetime_format: str = "%Y-%m-%d %H:%M:%S"
    channel: str | None = None
    channel_value: str = "phone"
    channel_map: tuple[tuple[str, str], ...] = ()
    queue: str | None = None
    queue_value: str = config.DEFAULT_QUEUE
    contact_id: tuple[str, ...] = ()
    customer_id: str | None = None
    handle_s: str | None = None
    wait_s: str | None = None
    outcome: str | None = None
    outcome_map: tuple[tuple[str, str], ...] = ()
    agent_id: str | None = None
    sessions: str | None = None
    end_time: str | None = None
    decimal_comma: bool = False

    def __post_init__(self) -> None:
        if self.channel_value not in config.CHANNELS:
            raise ValueError(
                f"channel_value must be one of {config.CHANNELS}, got {self.channel_value!r}"
            )
        bad = [v for _, v in self.outcome_map if v not in OUTCOMES]
        if bad:
            raise ValueError(f"outcome_map values must be one of {OUTCOMES}, got {bad[0]!r}")
        bad = [v for _, v in self.channel_map if v not in config.CHANNELS]
        if bad:
            raise ValueError(f"channel_map values must be one of {config.CHANNELS}, got {bad[0]!r}")
        if not self.queue_value.strip():
            raise ValueError("queue_value must not be empty")

    def time_columns(self) -> tuple[str, ...]:
        """The column(s) the timestamp is read from, in joining order."""
        if self.timestamp:
            return (self.timestamp,)
        return tuple(c for c in (self.date, self.time) if c)


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
    arrival_columns = cols.time_columns()
    if "arrival" in typed:
        arrival = _q(arrival_columns[0])
    elif len(arrival_columns) == 1:
        arrival = _text(arrival_columns[0])
    else:
        joined = " || ' ' || ".join(f"coalesce({_text(c)}, '')" for c in arrival_columns)
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
        "agent_id": _text(cols.agent_id) if cols.agent_id else "NULL",
        "sessions_raw": _text(cols.sessions) if cols.sessions else "NULL",
        "end_raw": _end_text(cols),
    }
    raw = {name: "CAST(NULL AS VARCHAR)" if expr == "NULL" else expr for name, expr in raw.items()}
    inner = ", ".join(f"{expr} AS {name}" for name, expr in raw.items())
    channel = "$cv[list_position($ck, lower(channel_raw))]" if cols.channel else "$channel"
    queue = "coalesce(queue_raw, $queue)" if cols.queue else "$queue"
    outcome = "$ov[list_position($ok, outcome_raw)]" if cols.outcome else "'answered'"
    handle = _number_sql("handle_raw", cols.handle_s, "handle_s" in typed, cols.decimal_comma)
    wait = _number_sql("wait_raw", cols.wait_s, "wait_s" in typed, cols.decimal_comma)
    arrival_local = "arrival_raw" if "arrival" in typed else _parse_arrival("arrival_raw", cols)
    sessions = _number_sql("sessions_raw", cols.sessions, False, cols.decimal_comma)
    end_local = _parse_arrival("end_raw", cols) if cols.end_time else "CAST(NULL AS TIMESTAMP)"
    return f"""SELECT line, arrival_raw, {arrival_local} AS arrival_local,
                      {channel} AS channel, {queue} AS queue, contact_id, customer_id,
                      {handle} AS handle_s, handle_raw, {wait} AS wait_s, wait_raw,
                      {outcome} AS outcome, outcome_raw, channel_raw, agent_id,
                      {sessions} AS sessions, {end_local} AS end_local
               FROM (SELECT {line_sql} AS line, {inner} FROM {source_sql})"""  # noqa: S608


def _end_text(cols: ContactColumns) -> str:
    """The end time as text in the arrival's format: with separate date and time columns, an
    end that is a time of day alone gets the arrival's date."""
    if not cols.end_time:
        return "NULL"
    end = _text(cols.end_time)
    if cols.timestamp or not cols.date or not cols.time:
        return end
    return f"CASE WHEN strpos({end}, ' ') = 0 THEN {_text(cols.date)} || ' ' || {end} ELSE {end} END"


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
    if "%z" not in cols.datetime_format:
        return f"try_strptime({text}, $fmt)"
    return f"timezone($tz, try_strptime(regexp_replace({text}, '[zZ]$', '+00:00'), $fmt))"


def _arrival_params(cols: ContactColumns) -> dict[str, Any]:
    """Parameters of ``_parse_arrival``."""
    if "%z" not in cols.datetime_format:
        return {"fmt": cols.datetime_format}
    return {"fmt": cols.datetime_format, "tz": config.timezone()}


def _typed_params(cols: ContactColumns, typed: frozenset[str] = frozenset()) -> dict[str, Any]:
    # the end time is always read as text, with the arrival's format
    params: dict[str, Any] = (
        {} if "arrival" in typed and not cols.end_time else _arrival_params(cols)
    )
    if cols.channel:
        params.update(ck=[k for k, _ in cols.channel_map] or [""],
                      cv=[v for _, v in cols.channel_map] or [""])
    else:
        params["channel"] = cols.channel_value
    params["queue"] = cols.queue_value
    if cols.outcome:
        params.update(ok=[k for k, _ in cols.outcome_map] or [""],
                      ov=[v for _, v in cols.outcome_map] or [""])
    return params


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
    arrival_columns = cols.time_columns()
    arrival_typed = len(arrival_columns) == 1 and "%z" not in cols.datetime_format
    if arrival_typed:
        wanted[arrival_columns[0]] = ("TIMESTAMP", "arrival")
    for name in ("handle_s", "wait_s"):
        column = getattr(cols, name)
        if column:
            if column in wanted:
                return None
            wanted[column] = ("DOUBLE", name)
    texts = [*(() if arrival_typed else arrival_columns), *cols.contact_id]
    texts += [c for c in (cols.channel, cols.queue, cols.customer_id, cols.outcome,
                          cols.agent_id, cols.sessions, cols.end_time) if c]
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
        "tsfmt": cols.datetime_format,
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


@dataclass(frozen=True)
class _StageParts:
    """SQL fragments the inner query of ``_stage_sql`` is built from."""

    raw_keys: str  # ``"col" AS channel_raw, ...`` with a trailing ", " (or empty)
    arrival_local: str
    width: str
    handle: str
    wait: str
    id_hashes: str
    source_sql: str


def _counted_outcomes_sql(cols: ContactColumns, parts: _StageParts) -> tuple[str, str]:
    """Inner query counting each outcome category with a filter on the raw outcome text
    (``$o_answered`` ... lists of keys), and the condition of a row with no category."""
    raw_keys, arrival_local, width = parts.raw_keys, parts.arrival_local, parts.width
    handle, wait, id_hashes = parts.handle, parts.wait, parts.id_hashes

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
            FROM {parts.source_sql} GROUP BY ALL"""
    return inner, "rows_read > answered + abandoned + closed_attempts + ignored"


def _mapped_outcomes_sql(parts: _StageParts) -> tuple[str, str]:
    """Inner query grouping by the raw outcome text, trimmed and mapped once per group
    (``$ok``, ``$ov``), and the condition of a row with no category."""
    raw_keys, arrival_local, width = parts.raw_keys, parts.arrival_local, parts.width
    handle, wait, id_hashes = parts.handle, parts.wait, parts.id_hashes
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
                        FROM {parts.source_sql} GROUP BY ALL))"""
    return inner, "outcome IS NULL"


def _stage_sql(
    cols: ContactColumns, interval_min: int, fast: _FastSource, *, by_outcome: bool
) -> str:
    """``CREATE ... kcc_stage`` from a typed reading (see ``_fast_stage_scan``).

    ``by_outcome`` counts each outcome category with a filter on the raw text (parameters
    ``$o_answered`` ... lists of keys); otherwise the raw outcome text is a group key and is
    trimmed and mapped per group (``$ok``, ``$ov``).
    """
    if "arrival" in fast.typed:
        arrival_local = _q(cols.time_columns()[0])
    else:  # date and time columns, or a UTC offset: parsed per row, as the text reading does
        joined = " || ' ' || ".join(f"coalesce({_text(c)}, '')" for c in cols.time_columns())
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
    parts = _StageParts(raw_keys, arrival_local, width, handle, wait, id_hashes, fast.sql)
    if by_outcome or not cols.outcome:
        inner, unmatched = _counted_outcomes_sql(cols, parts)
    else:
        inner, unmatched = _mapped_outcomes_sql(parts)
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
