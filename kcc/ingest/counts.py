"""Interval count files: checked and rolled up with pandas, written through
``kcc.store.replace_intervals``.

A counts file is small (a year of quarter-hours per series), so every row is checked here:
times and numbers that cannot be read, plausibility (``kcc.ingest.checks``), the change of
summer time (``kcc.ingest.local_time``), duplicate intervals and the interval length. Rows
are then rolled up on the local clock to the planning interval. A file of totals per day,
week or month (``kcc.ingest.periods``) gets the same checks and is stored period by period.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from kcc import config, store
from kcc.i18n import stored_text
from kcc.ingest.checks import PlausibilityRules, count_warnings, future_problems, interval_length
from kcc.ingest.interval_fit import fitting_interval, separate_series
from kcc.ingest.local_time import gap_bounds, localize, localize_like
from kcc.ingest.mapping import Mapping
from kcc.ingest.periods import detect_granularity, is_long_range, period_minutes, separate_periods
from kcc.ingest.problems import (
    ERROR,
    EXAMPLES_PER_PROBLEM,
    NOTICE,
    WARNING,
    ImportProblem,
    ImportResult,
    make_problem,
    refused,
    replaced_notice,
    rows_problems,
)
from kcc.ingest.read import SourceFile, read_source
from kcc.ingest.values import parse_numbers, parse_times, time_text


def prepare_intervals(
    con: store.Connection, source: SourceFile, mapping: Mapping, interval_min: int,
    rules: PlausibilityRules | None = None, *, asa_patience: bool = False,
) -> tuple[pd.DataFrame | None, list[ImportProblem], int | None]:
    """Check and roll up a counts file.

    Parameters
    ----------
    con : store.Connection
        Store connection (to compare with the interval length of stored series).
    source : SourceFile
        From ``read_source``; a sampled file is read again, whole.
    mapping : Mapping
        An ``intervals`` mapping.
    interval_min : int
        Planning interval to roll up to. [min]
    rules : PlausibilityRules, optional
        Default ``PlausibilityRules()``.
    asa_patience : bool
        The wait column is the mean wait of answered contacts (ASA) and the file counts
        abandons: keep ``ASA x answered`` as the wait total, so the patience estimate uses it
        (about a fifth too low: the abandoned callers' waits are missing). Without it that
        total is left unknown (NaN) and the file stays out of the patience estimate; either
        way a ``wait_from_asa`` notice says so.

    Returns
    -------
    tuple of (pandas.DataFrame or None, list of ImportProblem, int or None)
        The rolled-up intervals (None when an error or duplicate refuses the file), the
        problems in the order the page lists them, and the source interval length. [min]
    """
    rules = rules or PlausibilityRules()
    file = source.name
    frame = _all_rows(source)
    rows = pd.Series(np.arange(1, len(frame) + 1), index=frame.index)
    text, local, column, problems = _read_times(file, frame, rows, mapping)
    keys, series_problems = _read_series(file, frame, rows, mapping)
    numbers, number_problems = _read_counts(file, frame, rows, mapping, rules)
    problems += series_problems + number_problems
    problems += future_problems(file, rows, column, local, text, rules)
    if any(p.severity == ERROR for p in problems):
        return None, problems, None

    problems += count_warnings(file, rows, mapping, keys, numbers, rules)
    if is_long_range(local, keys, mapping.datetime_format):
        out, problems = _prepare_periods(con, file, rows, column, text, local, keys, numbers,
                                         mapping, problems, asa_patience=asa_patience)
        return out, problems, None
    stamped, nonexistent, occurrence = localize(local, keys)
    if nonexistent.any():
        problems += _dst_gap_problems(file, rows, column, text, local, nonexistent, numbers)
    duplicate = occurrence > 0
    problems += _duplicate_problems(file, rows, column, text, keys, stamped, duplicate)
    if duplicate.any():
        return None, problems, None

    data = keys.assign(ds=stamped, local=local, **numbers)
    refusal, length = _grid_problems(file, rows, column, text, local, data, interval_min)
    if refusal:
        return None, [*problems, *refusal], length
    out = _roll_up(data, local, stamped, mapping, interval_min)
    problems += _wait_notice(file, data, out, mapping, asa_patience)
    renames, separate = separate_series(con, file, out[["channel", "queue"]], interval_min)
    return _renamed(out, renames), problems + separate, length


def _wait_notice(file: str, data: pd.DataFrame, out: pd.DataFrame, mapping: Mapping,
                 asa_patience: bool) -> list[ImportProblem]:
    """Say how a wait column that is the ASA is used (and leave its total unknown unless
    ``asa_patience``)."""
    if not mapping.wait_from_asa:
        return []
    # ASA x answered leaves out the waits of those who hung up: patience comes out low
    if not asa_patience:
        out["wait_s_total"] = np.nan
    return [make_problem("wait_from_asa_used" if asa_patience else "wait_from_asa",
                         file, column=mapping.wait_s, severity=NOTICE)]


def _renamed(out: pd.DataFrame, renames: dict[tuple[str, str], str]) -> pd.DataFrame:
    """``out`` with the queues of separated series renamed."""
    if renames:
        out["queue"] = [renames.get(key, key[1]) for key in zip(out["channel"], out["queue"], strict=True)]
    return out


def _prepare_periods(
    con: store.Connection, file: str, rows: pd.Series, column: str, text: pd.Series,
    local: pd.Series, keys: pd.DataFrame, numbers: dict[str, pd.Series], mapping: Mapping,
    problems: list[ImportProblem], *, asa_patience: bool,
) -> tuple[pd.DataFrame | None, list[ImportProblem]]:
    """A file of totals per day, week or month: refused on a repeated period, else one row
    per period at its local midnight with the period's length as ``interval_min``."""
    stamped, _, occurrence = localize(local, keys)
    duplicate = occurrence > 0
    problems += _duplicate_problems(file, rows, column, text, keys, stamped, duplicate)
    if duplicate.any():
        return None, problems
    granularity = detect_granularity(local, keys, mapping.datetime_format)
    data = keys.assign(ds=stamped, **numbers)
    data["interval_min"] = period_minutes(local, granularity)
    out = _totals(data, mapping, ["channel", "queue", "ds", "interval_min"])
    problems += _wait_notice(file, data, out, mapping, asa_patience)
    problems.append(make_problem(f"long_range_{granularity}", file, severity=NOTICE))
    renames, separate = separate_periods(con, file, out[["channel", "queue"]], granularity)
    return _renamed(out, renames), problems + separate


def _all_rows(source: SourceFile) -> pd.DataFrame:
    """Every row of the file as text: a source read as a sample is read again, whole."""
    if source.complete:
        return source.frame
    return read_source(source.data or source.path or "", source.name,
                       delimiter=source.delimiter, complete=True).frame


def _read_times(
    file: str, frame: pd.DataFrame, rows: pd.Series, mapping: Mapping
) -> tuple[pd.Series, pd.Series, str, list[ImportProblem]]:
    """The interval starts as text and as local times (NaT when unreadable), the name of the
    time column(s) in messages, and the rows without a readable time."""
    problems: list[ImportProblem] = []
    text = time_text(frame, mapping.time_columns())
    local = parse_times(text, mapping.datetime_format)
    bad = local.isna()
    column = " + ".join(mapping.time_columns())
    empty = bad & text.eq("")
    problems += rows_problems("time_missing", file, rows[empty], column, text[empty])
    problems += rows_problems(
        "time_unparseable", file, rows[bad & ~empty], column, text[bad & ~empty],
        format=mapping.datetime_format,
    )
    return text, local, column, problems


def _read_series(
    file: str, frame: pd.DataFrame, rows: pd.Series, mapping: Mapping
) -> tuple[pd.DataFrame, list[ImportProblem]]:
    """Channel id and queue of every row (``channel``, ``queue``), and the rows whose channel
    value the mapping does not know."""
    problems: list[ImportProblem] = []
    if mapping.channel:
        raw = frame[mapping.channel].fillna("").astype(str).str.strip().str.lower()
        channel = raw.map(dict(mapping.channel_map))
        unknown = channel.isna()
        problems += rows_problems(
            "channel_unmapped", file, rows[unknown], mapping.channel, frame[mapping.channel][unknown]
        )
    else:
        channel = pd.Series(mapping.channel_value, index=frame.index)
    queue = (
        frame[mapping.queue].fillna(mapping.queue_value).astype(str).str.strip()
        if mapping.queue
        else pd.Series(mapping.queue_value, index=frame.index)
    )
    return pd.DataFrame({"channel": channel, "queue": queue}), problems


def _read_counts(
    file: str, frame: pd.DataFrame, rows: pd.Series, mapping: Mapping, rules: PlausibilityRules
) -> tuple[dict[str, pd.Series], list[ImportProblem]]:
    """The mapped count, handle and wait columns as numbers, and the values that cannot be
    true: not numbers, negative, infinite, over their ceiling, or a missing offered count."""
    problems: list[ImportProblem] = []
    numbers: dict[str, pd.Series] = {}
    for name in ("offered", "answered", "abandoned", "aht_s", "wait_s"):
        col = getattr(mapping, name)
        if not col:
            continue
        values = parse_numbers(frame[col], mapping.decimal_comma)
        given = frame[col].notna() & frame[col].astype(str).str.strip().ne("")
        non_numeric = given & values.isna()
        negative = values < 0
        problems += rows_problems("non_numeric", file, rows[non_numeric], col, frame[col][non_numeric])
        problems += rows_problems("negative", file, rows[negative], col, frame[col][negative])
        infinite = np.isinf(values)  # ``inf`` or ``1e309`` read as a number
        problems += rows_problems("not_finite", file, rows[infinite], col, frame[col][infinite])
        finite = ~infinite & values.notna()
        if name in ("offered", "answered", "abandoned"):
            ceiling = finite & (values > rules.max_count)
            problems += rows_problems("count_ceiling", file, rows[ceiling], col, frame[col][ceiling],
                                      limit=rules.max_count)
        elif name == "aht_s" or not mapping.wait_is_total:
            ceiling = finite & (values > config.MAX_CONTACT_SECONDS)
            problems += rows_problems("seconds_ceiling", file, rows[ceiling], col, frame[col][ceiling],
                                      limit=config.MAX_CONTACT_SECONDS)
        if name == "offered":
            missing = ~given
            problems += rows_problems("count_missing", file, rows[missing], col, frame[col][missing])
        numbers[name] = values
    return numbers, problems


def _dst_gap_problems(
    file: str, rows: pd.Series, column: str, text: pd.Series, local: pd.Series,
    nonexistent: pd.Series, numbers: dict[str, pd.Series],
) -> list[ImportProblem]:
    """Rows in the skipped spring hour: a warning naming them when they hold contacts, else
    a notice."""
    counts = pd.DataFrame(
        {n: numbers[n] for n in ("offered", "answered", "abandoned") if n in numbers}
    )
    holds = nonexistent & counts.fillna(0).gt(0).any(axis=1)
    start, end = gap_bounds(local[nonexistent])
    gap = {"gap_start": f"{start.iloc[0]:%H:%M}", "gap_end": f"{end.iloc[0]:%H:%M}"}
    if holds.any():
        return rows_problems("dst_gap", file, rows[nonexistent], column, text[nonexistent],
                             severity=WARNING, **gap)
    return [make_problem("dst_gap_empty", file, row=int(rows[nonexistent].iloc[0]),
                         column=column, value=text[nonexistent].iloc[0], severity=NOTICE,
                         count=int(nonexistent.sum()), **gap)]


def _duplicate_problems(
    file: str, rows: pd.Series, column: str, text: pd.Series, keys: pd.DataFrame,
    stamped: pd.Series, duplicate: pd.Series,
) -> list[ImportProblem]:
    """Rows that repeat an interval of their series, each naming the first row of it."""
    problems: list[ImportProblem] = []
    firsts = (
        keys.assign(_t=stamped, _row=rows).groupby(["channel", "queue", "_t"])["_row"].transform("min")
    )
    for r, v, first in zip(
        rows[duplicate].head(EXAMPLES_PER_PROBLEM),
        text[duplicate].head(EXAMPLES_PER_PROBLEM),
        firsts[duplicate].head(EXAMPLES_PER_PROBLEM),
        strict=True,
    ):
        problems.append(make_problem("duplicate_interval", file, row=int(r), column=column, value=v,
                                     first_row=int(first)))
    if int(duplicate.sum()) > EXAMPLES_PER_PROBLEM:
        problems.append(make_problem("more_rows", file, column=column,
                                     count=int(duplicate.sum()) - EXAMPLES_PER_PROBLEM))
    return problems


def _grid_problems(
    file: str, rows: pd.Series, column: str, text: pd.Series, local: pd.Series,
    data: pd.DataFrame, interval_min: int,
) -> tuple[list[ImportProblem], int | None]:
    """The source interval length [min] and what refuses it: mixed or unknown lengths, a
    length the planning interval is not a multiple of, or starts off its grid (empty when
    the file fits). A single row counts as the planning interval."""
    length, mixed = interval_length(data)
    if mixed:
        return [make_problem("mixed_intervals", file, column=column, length=length)], length
    if length is None or length not in config.SOURCE_INTERVALS_MIN:
        if length is None and len(data) > 1:
            # no two starts of a series on one day, yet times of day: no length to name
            return [make_problem("no_interval_length", file, column=column,
                                 value=text.iloc[0])], length
        if length is not None:
            return [make_problem("unknown_interval", file, column=column, length=length)], length
        length = interval_min
    if interval_min % length:
        return [make_problem("interval_not_divisible", file, length=length, interval=interval_min,
                             fits=fitting_interval(length, interval_min))], length
    off_grid = (local.dt.hour * 60 + local.dt.minute) % length != 0
    if off_grid.any():
        return rows_problems("off_grid", file, rows[off_grid], column, text[off_grid],
                             length=length), length
    return [], length


def _roll_up(
    data: pd.DataFrame, local: pd.Series, stamped: pd.Series, mapping: Mapping, interval_min: int
) -> pd.DataFrame:
    """Counts summed per planning interval, handle and wait times weighted by answered
    contacts (offered without an answered column)."""
    # Roll up on the local clock; a bucket keeps the summer/winter reading of its rows.
    bucket_local = local.dt.floor(f"{interval_min}min")
    data["ds"] = localize_like(bucket_local, local, stamped)
    out = _totals(data, mapping, ["channel", "queue", "ds"])
    out["interval_min"] = interval_min
    return out


def _totals(data: pd.DataFrame, mapping: Mapping, by: list[str]) -> pd.DataFrame:
    """Counts summed per ``by``, handle and wait times weighted by answered contacts
    (offered without an answered column)."""
    if "answered" in data and "aht_s" in data:
        data["handle_total"] = data["aht_s"] * data["answered"]
    elif "aht_s" in data:
        data["handle_total"] = data["aht_s"] * data["offered"]
    if "wait_s" in data:
        if mapping.wait_is_total:
            data["wait_s_total"] = data["wait_s"]
        else:
            data["wait_s_total"] = data["wait_s"] * data.get("answered", data["offered"])
    sums = [c for c in ("offered", "answered", "abandoned", "handle_total", "wait_s_total") if c in data]
    out = data.groupby(by, as_index=False)[sums].sum(min_count=1)
    if "handle_total" in out:
        weight = out["answered"] if "answered" in out else out["offered"]
        out["aht_s"] = out["handle_total"] / weight.where(weight > 0)
        out = out.drop(columns="handle_total")
    return out


def _history_key(mapping: Mapping, asa_patience: bool) -> str:
    """The import history's note: for an ASA file it keeps whether its waits count in the
    patience estimate, so the choice stays visible per import."""
    if not mapping.wait_from_asa:
        return "data.history.intervals"
    return "data.history.intervals_asa_used" if asa_patience else "data.history.intervals_asa_excluded"


def import_intervals(
    con: store.Connection, source: SourceFile, mapping: Mapping, interval_min: int,
    user: str, confirm: frozenset[str], rules: PlausibilityRules, *, asa_patience: bool = False,
) -> ImportResult:
    """Check a counts file and replace its intervals in the store, or write nothing."""
    file = source.name
    frame, problems, length = prepare_intervals(con, source, mapping, interval_min, rules,
                                                asa_patience=asa_patience)
    rows_read = len(source.frame) if source.complete else 0
    if frame is None or refused(problems, confirm):
        return ImportResult(False, tuple(problems), file, "intervals", rows_read=rows_read,
                            source_interval_min=length, interval_min=interval_min)
    granularity = config.granularity_of(int(frame["interval_min"].max()))
    # the history names the granularity, so a reader sees which imports hold period totals
    message = (stored_text(_history_key(mapping, asa_patience), length=length, interval=interval_min)
               if granularity == "interval" else stored_text(f"data.history.{granularity}"))
    record = store.ImportRecord(file_name=file, kind="intervals", imported_by=user,
                                rows_read=rows_read, message=message)
    try:
        outcome = store.replace_intervals(con, frame, record)
    except (store.StoreError, duckdb.Error) as exc:
        return ImportResult(False, (*problems, make_problem("store_refused", file, value=str(exc))), file, "intervals",
                            rows_read=rows_read, interval_min=interval_min)
    series = tuple(sorted({f"{c}/{q}" for c, q in zip(frame["channel"], frame["queue"], strict=True)}))
    return ImportResult(
        True,
        (*problems, *replaced_notice(file, outcome.rows_replaced)),
        file,
        "intervals",
        import_id=outcome.import_id,
        rows_read=rows_read,
        rows_imported=outcome.rows_imported,
        rows_replaced=outcome.rows_replaced,
        source_interval_min=length,
        interval_min=interval_min,
        series=series,
        granularity=granularity,
    )
