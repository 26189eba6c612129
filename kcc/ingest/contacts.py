"""Contact record files: read, checked and rolled up to intervals in DuckDB (``kcc.store``),
so a file of millions of rows costs about one scan.

The store stages the file and counts what is wrong per check; this module turns the counts
and examples into problems naming rows, checks the dates and the skipped spring hour, and
commits the stage whole or discards it.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any, Final

import duckdb
import numpy as np
import pandas as pd

from kcc import config, store
from kcc.i18n import stored_text
from kcc.ingest.checks import PlausibilityRules
from kcc.ingest.interval_fit import separate_series
from kcc.ingest.local_time import gap_bounds
from kcc.ingest.mapping import Mapping
from kcc.ingest.problems import (
    ERROR,
    EXAMPLES_PER_PROBLEM,
    WARNING,
    ImportProblem,
    ImportResult,
    make_problem,
    refused,
    replaced_notice,
    rows_problems,
)
from kcc.ingest.read import FULL_READ_MAX_BYTES, SourceFile

#: Contact files up to this size keep every contact by default (see ``keep_contacts_default``). [bytes]
KEEP_CONTACTS_MAX_BYTES: Final[int] = FULL_READ_MAX_BYTES


def keep_contacts_default(source: SourceFile) -> bool:
    """Whether an import keeps each contact row unless the user says otherwise.

    Intervals are what planning reads; the contact rows (with customer ids) serve analyses
    such as repeat contacts. Storing them costs most of a large import (every contact is
    written and indexed by channel, queue and contact id, several times the cost of reading,
    checking and rolling up the file), so they are kept by default for files up to
    ``KEEP_CONTACTS_MAX_BYTES`` (about a million contacts, a few seconds) and for Excel and
    Parquet files; for larger files the user ticks the box to keep them.
    """
    if source.format != "csv":
        return True
    size = len(source.data) if source.data is not None else os.path.getsize(source.path or "")
    return size <= KEEP_CONTACTS_MAX_BYTES


_STAGE_CODES: Final[dict[str, str]] = {
    "arrival_missing": "time_missing",
    "arrival_unparseable": "time_unparseable",
    "handle_non_numeric": "non_numeric",
    "handle_negative": "negative",
    "wait_non_numeric": "non_numeric",
    "wait_negative": "negative",
    "outcome_unmapped": "outcome_unmapped",
    "channel_unmapped": "channel_unmapped",
    "handle_not_finite": "not_finite",
    "handle_too_long": "seconds_ceiling",
    "wait_not_finite": "not_finite",
    "wait_too_long": "seconds_ceiling",
}


def _stage_problems(stage: store.ContactStage, file: str, mapping: Mapping) -> list[ImportProblem]:
    problems: list[ImportProblem] = []
    columns = {
        "arrival": " + ".join(mapping.time_columns()),
        "handle_s": mapping.handle_s,
        "wait_s": mapping.wait_s,
        "outcome": mapping.outcome,
        "channel": mapping.channel,
    }
    for check, count in stage.check_counts.items():
        if not count:
            continue
        column = columns[store.STAGE_CHECK_FIELDS[check]]
        examples = store.stage_examples(stage, check, EXAMPLES_PER_PROBLEM)
        problems += rows_problems(
            _STAGE_CODES[check], file, examples["row"], column, examples["value"],
            format=mapping.datetime_format, limit=config.MAX_CONTACT_SECONDS,
        )[:EXAMPLES_PER_PROBLEM]
        if count > len(examples):
            problems.append(make_problem("more_rows", file, column=column, count=count - len(examples)))
    if problems:
        return problems
    surplus, duplicates = store.stage_duplicates(stage, EXAMPLES_PER_PROBLEM)
    column = " + ".join(mapping.contact_id)
    for row in duplicates.itertuples():
        problems.append(make_problem("duplicate_contact", file, row=int(row.row), column=column,
                                 value=row.contact_id, first_row=int(row.first_row)))
    if surplus > len(duplicates):
        problems.append(make_problem("more_rows", file, column=column, count=surplus - len(duplicates)))
    return problems


def _stage_rows(
    stage: store.ContactStage, spans: list[tuple[pd.Timestamp, pd.Timestamp]], code: str,
    file: str, column: str, severity: str, confirm: frozenset[str], **params: Any,
) -> list[ImportProblem]:
    """Problems naming the contacts that arrive within ``spans`` (local times).

    Naming rows reads the file again (about a second per million contacts), which a refusal
    is worth; a confirmed warning names the first interval instead and counts the rest.
    """
    examples = 0 if code in confirm else EXAMPLES_PER_PROBLEM
    count, firsts, found = 0, [], []
    for lo, hi in spans:
        n, first, rows = store.stage_arrivals_between(
            stage, lo.to_pydatetime(), hi.to_pydatetime(), examples
        )
        count += n
        firsts += [first] if first is not None else []  # None exactly when n is 0
        found.append(rows)
    if not count:
        return []
    if examples:
        named = pd.concat(found).head(examples)
        problems = [make_problem(code, file, row=int(r), column=column, value=v, severity=severity,
                             **params) for r, v in zip(named["row"], named["value"], strict=True)]
    else:
        problems = [make_problem(code, file, column=column, value=f"{min(firsts):%Y-%m-%d %H:%M}",
                             severity=severity, **params)]
    if count > len(problems):
        problems.append(make_problem("more_rows", file, column=column, severity=severity,
                                 count=count - len(problems)))
    return problems


def _contact_dates(
    stage: store.ContactStage, file: str, mapping: Mapping, rules: PlausibilityRules,
    confirm: frozenset[str],
) -> list[ImportProblem]:
    """Arrivals after today or beyond the longest plan, and in the skipped spring hour."""
    if stage.series.empty:
        return []
    column = " + ".join(mapping.time_columns())
    first = pd.Timestamp(stage.series["first_local"].min())
    last = pd.Timestamp(stage.series["last_local"].max())
    end = last + pd.Timedelta(days=1)
    soon, limit = rules.date_limits()
    if last >= limit:
        return _stage_rows(stage, [(limit, end)], "date_beyond_horizon", file, column, ERROR,
                           confirm, limit=(limit - pd.Timedelta(days=1)).date(),
                           weeks=rules.future_weeks)
    problems = []
    if last >= soon:
        problems += _stage_rows(stage, [(soon, end)], "future_date", file, column, WARNING,
                                confirm, today=rules.local_today())
    # The skipped hours between the first and the last arrival, found on an hourly grid.
    hours = pd.Series(pd.date_range(first.floor("D"), last, freq="h"))
    gaps = hours[hours.dt.tz_localize(config.timezone(), nonexistent="NaT",
                                       ambiguous=np.ones(len(hours), bool)).isna()]
    if len(gaps):
        start, after = gap_bounds(gaps.head(1))
        spans = [(h, h + pd.Timedelta(hours=1)) for h in gaps]
        problems += _stage_rows(
            stage, spans, "dst_gap_contacts", file, column, WARNING, confirm,
            gap_start=f"{start.iloc[0]:%H:%M}", gap_end=f"{after.iloc[0]:%H:%M}",
            shift=int((after.iloc[0] - start.iloc[0]).total_seconds() // 60),
        )
    return problems


def source_for_store(source: SourceFile, stack: list[str]) -> store.CsvSource | pd.DataFrame:
    """A CSV as its path (an upload is written to a temporary file, added to ``stack`` for
    the caller to remove), other formats as their text rows numbered in ``_row``."""
    if source.format == "csv":
        path = source.path
        if path is None:
            handle, path = tempfile.mkstemp(suffix=".csv")
            with os.fdopen(handle, "wb") as out:
                out.write(source.data or b"")
            stack.append(path)
        return store.CsvSource(
            path, source.delimiter or ",", source.encoding or "utf-8",
            header=tuple(str(c) for c in source.frame.columns),
        )
    frame = source.frame.copy()
    frame["_row"] = np.arange(1, len(frame) + 1)
    return frame


def import_contacts(
    con: store.Connection, source: SourceFile, mapping: Mapping, interval_min: int,
    user: str, keep_contacts: bool, confirm: frozenset[str], rules: PlausibilityRules,
) -> ImportResult:
    """Stage a contacts file in the store, check it, and commit it whole or discard it."""
    file = source.name
    temp_files: list[str] = []
    try:
        try:
            stage = store.stage_contacts(
                con, source_for_store(source, temp_files), mapping, interval_min
            )
        except duckdb.Error as exc:
            return ImportResult(False, (make_problem("unreadable", file, value=str(exc).splitlines()[0]),),
                                file, interval_min=interval_min)
        committed = False
        try:
            problems = _stage_problems(stage, file, mapping)
            if not problems and stage.series.empty:
                problems.append(make_problem("no_rows", file))
            if not problems:
                problems += _contact_dates(stage, file, mapping, rules, confirm)
            renames, separate = separate_series(con, file, stage.series, interval_min)
            problems += separate
            if renames:
                store.rename_stage_queues(stage, renames)
            if refused(problems, confirm):
                return ImportResult(False, tuple(problems), file, rows_read=stage.rows_read,
                                    interval_min=interval_min)
            ignored = stage.rows_read - int(stage.series["contacts"].sum())
            record = store.ImportRecord(
                file_name=file, kind="contacts", imported_by=user, rows_read=stage.rows_read,
                rows_ignored=ignored,
                message=stored_text("data.history.contacts", interval=interval_min),
            )
            try:
                outcome = store.commit_stage(stage, record, keep_contacts=keep_contacts)
                committed = True
            except (store.StoreError, duckdb.Error) as exc:
                committed = True  # commit_stage rolled back and closed the stage
                return ImportResult(False, (make_problem("store_refused", file, value=str(exc).splitlines()[0]),),
                                    file, rows_read=stage.rows_read, interval_min=interval_min)
            series = tuple(f"{c}/{q}" for c, q in zip(stage.series["channel"], stage.series["queue"],
                                                      strict=True))
            return ImportResult(
                True,
                (*problems, *replaced_notice(file, outcome.rows_replaced)),
                file,
                import_id=outcome.import_id,
                rows_read=stage.rows_read,
                rows_imported=outcome.rows_imported,
                rows_ignored=ignored,
                rows_replaced=outcome.rows_replaced,
                interval_min=interval_min,
                series=series,
            )
        finally:
            if not committed:
                store.discard_stage(stage)
    finally:
        for path in temp_files:
            os.unlink(path)
