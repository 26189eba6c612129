"""Sections of the Data page: reading an upload, mapping its columns, the import and its
report, the import history, what is loaded, and the reset to the demo.

Store reads go through :func:`stored`, cached per database and ``data_version``: an import or
a reset writes, which changes the version, so no cache needs clearing by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from kcc import config, importer, store
from kcc.access import Action
from kcc.formatting import escape_markdown, fmt_number
from kcc.i18n import series_name, stored_queue
from kcc.ui import access
from kcc.ui.state import Translator, current_user, data_version
from kcc.ui.widgets import (
    channel_label,
    datetime_format,
    fmt_unit,
    numbers_table,
    queue_label,
)

#: Session key (no widget owns it) of the last import's result.
RESULT_KEY = "data.last_result"

#: Store reads the page shows, by name (see :func:`stored`).
_READERS: dict[str, Callable[..., pd.DataFrame]] = {
    "imports": store.read_imports,
    "series": store.series_summary,
    "daily": store.daily_volumes,
    "profile": store.intraday_profile,
}


@st.cache_data(show_spinner=False, max_entries=16)
def _stored(_con: store.Connection, db: tuple[str, str, int], version: int, reader: str,
            args: tuple[Any, ...]) -> pd.DataFrame:
    return _READERS[reader](_con, *args)


def stored(con: store.Connection, reader: str, *args: Any) -> pd.DataFrame:
    """``kcc.store`` read ``reader`` (``imports``, ``series``, ``daily``, ``profile``) of the
    connection's centre, cached per database file, centre and data version."""
    return _stored(con, (config.db_path(), store.timezone_of(con), store.centre_of(con)),
                   data_version(con), reader, args)


# An upload is read on the centre's wall clock (``zone``, part of each cache key): a time with a
# UTC offset, or an Excel or Parquet time with a zone, lands where the import will store it.


@st.cache_data(show_spinner=False, max_entries=3)
def read_source(data: bytes, name: str, delimiter: str | None, limits: config.UploadLimits, *,
                zone: str) -> importer.SourceFile:
    """``kcc.importer.read_source`` of an upload in ``zone``, cached by its bytes."""
    with config.centre_timezone(zone):
        return importer.read_source(data, name, delimiter=delimiter, limits=limits)


@st.cache_data(show_spinner=False, max_entries=6)
def guess(data: bytes, name: str, delimiter: str | None, limits: config.UploadLimits,
          kind: str | None, *, zone: str) -> importer.Mapping:
    """``kcc.importer.guess_mapping`` of an upload, cached by its bytes."""
    with config.centre_timezone(zone):
        return importer.guess_mapping(read_source(data, name, delimiter, limits, zone=zone), kind)


@st.cache_data(show_spinner=False, max_entries=6)
def fit_interval(data: bytes, name: str, delimiter: str | None, limits: config.UploadLimits,
                 mapping: importer.Mapping, wanted_min: int, *, zone: str) -> importer.IntervalFit:
    """``kcc.importer.fit_interval`` of an upload, cached by its bytes and mapping."""
    with config.centre_timezone(zone):
        return importer.fit_interval(read_source(data, name, delimiter, limits, zone=zone), mapping, wanted_min)


@dataclass(frozen=True, eq=False)
class PendingImport:
    """An upload read and mapped, ready to import; ``fit`` is the planning interval the file
    fits nearest the one the page starts from."""

    source: importer.SourceFile
    mapping: importer.Mapping
    interval_min: int
    keep_contacts: bool
    fid: str
    fit: importer.IntervalFit | None = None
    asa_patience: bool = False


def delimiter_picker(tr: Translator, key: str, found: str | None) -> None:
    """Automatic, or one of the delimiters; the choice is read (from its key) before the
    file is, so a wrong guess can be fixed and a failed reading tried again."""
    auto = (tr("data.mapping.delimiter.auto", found=tr(f"data.delimiter.{importer.DELIMITER_NAMES[found]}"))
            if found else tr("data.mapping.delimiter.auto_unknown"))
    st.selectbox(
        tr("data.mapping.delimiter"), ["auto", *importer.DELIMITERS],
        format_func=lambda d: auto if d == "auto" else tr(f"data.delimiter.{importer.DELIMITER_NAMES[d]}"),
        help=tr("data.mapping.delimiter.help"), key=key,
    )


#: Problems up to this many are listed in full with the table open; more stay folded.
PROBLEMS_OPEN_MAX = 12


def problem_table(tr: Translator, lang: str, problems: Sequence[importer.ImportProblem]) -> None:
    """Import problems, one row each, in the reader's language; below the table every reason
    in full (a table cell cuts long text off)."""
    reason = tr("data.report.reason")
    st.dataframe(
        problem_frame(tr, lang, problems),
        column_config={reason: st.column_config.TextColumn(reason, width="large")},
        hide_index=True,
        width="stretch",
    )
    with st.expander(tr("data.report.in_full", n=len(problems)), expanded=len(problems) <= PROBLEMS_OPEN_MAX):
        st.markdown("\n".join(f"- {_problem_line(tr, lang, p)}" for p in problems))


def problem_frame(tr: Translator, lang: str, problems: Sequence[importer.ImportProblem]) -> pd.DataFrame:
    """The problems as ``problem_table`` shows them: text cells in the reader's language, row
    numbers with its thousands separator as in the reasons below the table, and an empty cell
    where a problem has no row, column or value (a summary such as "... and 5 more rows"),
    never the word None."""
    return pd.DataFrame(
        {
            tr("data.report.severity"): [tr(f"data.report.{p.severity}") for p in problems],
            tr("data.report.file"): [p.file for p in problems],
            tr("data.report.row"): [fmt_number(p.row, 0, lang, missing="") for p in problems],
            tr("data.report.column"): [p.column or "" for p in problems],
            tr("data.report.value"): ["" if p.value is None else str(p.value) for p in problems],
            tr("data.report.reason"): [p.message(lang) for p in problems],
        }
    )


def _problem_line(tr: Translator, lang: str, problem: importer.ImportProblem) -> str:
    """One problem as a line of Markdown: where (row and column, when known) and why."""
    where = [tr("data.report.where_row", row=problem.row)] if problem.row is not None else []
    if problem.column:
        where.append(tr("data.report.where_column", column=escape_markdown(problem.column)))
    lead = f"**{tr(f'data.report.{problem.severity}')}**"
    if where:
        lead += f" ({', '.join(where)})"
    return f"{lead}: {problem.message(lang, escape=escape_markdown)}"


# --------------------------------------------------------------------------- mapping


def mapping_form(tr: Translator, source: importer.SourceFile, data: bytes, name: str,
                 delimiter: str | None, limits: config.UploadLimits, fid: str) -> PendingImport:
    """The column mapping of an upload, starting from the guessed one."""
    ss = st.session_state
    guess0 = guess(data, name, delimiter, limits, None, zone=config.timezone())
    kind = st.radio(
        tr("data.mapping.kind"),
        importer.KINDS,
        index=importer.KINDS.index(guess0.kind),
        format_func=lambda k: tr(f"data.mapping.kind.{k}"),
        horizontal=True,
        key=f"data.map.{fid}.kind",
    )
    guessed = guess(data, name, delimiter, limits, kind, zone=config.timezone())
    none = tr("data.mapping.none")
    columns = [none, *map(str, source.frame.columns)]
    pick = _column_picker(columns, none, f"data.map.{fid}.{kind}")

    left, right = st.columns(2)
    with left:
        when_where = _when_and_where(tr, guessed, kind, pick, f"data.map.{fid}.{kind}")
    fields: dict[str, object] = {}
    with right:
        if kind == "contacts":
            fields["contact_id"] = tuple(
                st.multiselect(
                    tr("data.mapping.contact_id"), columns[1:], default=list(guessed.contact_id),
                    key=f"data.map.{fid}.{kind}.contact_id", placeholder=tr("common.choose_options"),
                )
            )
            fields["customer_id"] = pick("customer_id", tr("data.mapping.customer_id"), guessed.customer_id)
            fields["handle_s"] = pick("handle_s", tr("data.mapping.handle_s"), guessed.handle_s)
            fields["wait_s"] = pick("wait_s", tr("data.mapping.wait_s.contacts"), guessed.wait_s)
            fields["outcome"] = pick("outcome", tr("data.mapping.outcome"), guessed.outcome)
            for field in ("agent_id", "sessions", "end_time"):  # chat: what concurrency costs
                fields[field] = pick(field, tr(f"data.mapping.{field}"), getattr(guessed, field))
        else:
            for field in ("offered", "answered", "abandoned", "aht_s", "wait_s"):
                label = tr("data.mapping.wait_s.intervals" if field == "wait_s" else f"data.mapping.{field}")
                fields[field] = pick(field, label, getattr(guessed, field))
            fields["wait_is_total"] = st.checkbox(
                tr("data.mapping.wait_is_total"), guessed.wait_is_total, key=f"data.map.{fid}.{kind}.wait_total"
            )
        decimal_comma = st.checkbox(
            tr("data.mapping.decimal_comma"), guessed.decimal_comma, key=f"data.map.{fid}.{kind}.decimal"
        )
        interval_slot = st.empty()  # filled once the mapping says where the times are
        keep_contacts = kind == "contacts" and st.checkbox(
            tr("data.mapping.keep_contacts"), importer.keep_contacts_default(source),
            help=tr("data.mapping.keep_contacts.help"), key=f"data.map.{fid}.keep",
        )

    outcome_map = _outcome_map(tr, source, fid, fields) if kind == "contacts" and fields.get("outcome") else ()
    channel_col = when_where["channel"]
    channel_map = _channel_map(tr, source, fid, str(channel_col)) if channel_col else ()
    mapping = importer.Mapping(
        kind=kind,
        **when_where,
        channel_map=channel_map,
        outcome_map=outcome_map,
        decimal_comma=decimal_comma,
        **fields,  # type: ignore[arg-type]  # the field roles' columns, as the form built them
    )
    asa_patience = _asa_patience(tr, mapping, f"data.map.{fid}.{kind}.asa_patience")
    # The planning interval the file fits, nearest the page's: a 6-minute file starts at 30.
    fit = fit_interval(data, name, delimiter, limits, mapping, int(ss.get("planning_interval_min", 15)),
                       zone=config.timezone())
    interval_min = interval_slot.selectbox(
        tr("data.mapping.interval"), config.PLANNING_INTERVALS_MIN,
        index=config.PLANNING_INTERVALS_MIN.index(fit.interval_min),
        help=tr("data.mapping.interval.help"), format_func=lambda m: fmt_unit(m, "min"),
        key=f"data.map.{fid}.interval",
    )
    return PendingImport(source, mapping, int(interval_min), bool(keep_contacts), fid, fit, asa_patience)


def _asa_patience(tr: Translator, mapping: importer.Mapping, key: str) -> bool:
    """For a counts file whose wait is the ASA: the warning, and the user's choice to use it for
    the patience estimate anyway (default: kept out; the import history keeps the choice)."""
    if not mapping.wait_from_asa:
        return False
    st.warning(tr("data.mapping.asa_warning", column=escape_markdown(str(mapping.wait_s))))
    return bool(st.checkbox(tr("data.mapping.asa_patience"), False, help=tr("data.mapping.asa_patience.help"),
                            key=key))


def _column_picker(columns: list[str], none: str, key: str) -> Callable[[str, str, str | None], str | None]:
    """A selectbox of the file's columns (``none`` first) for one mapping field, starting on the
    guessed column; returns None for ``none``."""
    def pick(field: str, label: str, value: str | None) -> str | None:
        chosen = st.selectbox(
            label, columns, index=columns.index(value) if value in columns else 0, key=f"{key}.{field}",
        )
        return None if chosen == none else chosen
    return pick


def _when_and_where(tr: Translator, guessed: importer.Mapping, kind: str,
                    pick: Callable[[str, str, str | None], str | None], key: str) -> dict[str, Any]:
    """The mapping's time columns and format, channel and queue: the fields of ``Mapping`` that
    say when and where a row belongs."""
    two = st.radio(
        tr("data.mapping.time_mode"),
        [False, True],
        index=int(guessed.timestamp is None and guessed.date is not None),
        format_func=lambda v: tr("data.mapping.time_mode.two" if v else "data.mapping.time_mode.one"),
        horizontal=True,
        key=f"{key}.time_mode",
    )
    if two:
        date_col = pick("date", tr("data.mapping.date"), guessed.date)
        time_col = pick("time", tr("data.mapping.time"), guessed.time)
        timestamp = None
    else:
        timestamp = pick("timestamp", tr(f"data.mapping.timestamp.{kind}"), guessed.timestamp or guessed.date)
        date_col = time_col = None
    fmt = st.text_input(
        tr("data.mapping.format"), guessed.datetime_format, help=tr("data.mapping.format.help"),
        key=f"{key}.format",
    )
    channel_col = pick("channel", tr("data.mapping.channel"), guessed.channel)
    channel_value = guessed.channel_value
    if channel_col is None:
        channel_value = st.selectbox(
            tr("data.mapping.channel_value"), config.CHANNELS,
            format_func=lambda c: channel_label(c, tr), key=f"{key}.channel_value",
        )
    queue_col = pick("queue", tr("data.mapping.queue"), guessed.queue)
    queue_value = guessed.queue_value
    if queue_col is None:
        # the default queue reads in the reader's language and is stored under its one name
        queue_value = stored_queue(st.text_input(
            tr("data.mapping.queue_value"), queue_label(guessed.queue_value, tr), key=f"{key}.queue_value"))
    return {"timestamp": timestamp, "date": date_col, "time": time_col, "datetime_format": fmt.strip(),
            "channel": channel_col, "channel_value": channel_value, "queue": queue_col, "queue_value": queue_value}


def _outcome_map(tr: Translator, source: importer.SourceFile, fid: str,
                 fields: dict[str, object]) -> tuple[tuple[str, str], ...]:
    values = source.frame[str(fields["outcome"])].dropna().astype(str).str.strip().unique()
    guessed = dict(importer.guess_outcome_map(values))
    st.caption(tr("data.mapping.outcome_map"))
    edited = st.data_editor(
        pd.DataFrame({"value": list(guessed), "category": list(guessed.values())}),
        column_config={
            "value": st.column_config.TextColumn(tr("data.mapping.outcome_value"), disabled=True),
            "category": st.column_config.SelectboxColumn(
                tr("data.mapping.outcome_category"), options=list(store.OUTCOMES), required=True,
                format_func=lambda o: tr(f"data.outcome.{o}"),
            ),
        },
        hide_index=True,
        key=f"data.map.{fid}.outcome_map",
    )
    return tuple(zip(edited["value"], edited["category"], strict=True))


def _channel_map(tr: Translator, source: importer.SourceFile, fid: str,
                 channel_col: str) -> tuple[tuple[str, str], ...]:
    raw = source.frame[channel_col].dropna().astype(str).str.strip().str.lower().unique()
    guessed = dict(importer.guess_channel_map(raw))
    st.caption(tr("data.mapping.channel_map"))
    edited = st.data_editor(
        pd.DataFrame({"value": list(raw), "channel": [guessed.get(v) for v in raw]}),
        column_config={
            "value": st.column_config.TextColumn(tr("data.mapping.channel_raw"), disabled=True),
            "channel": st.column_config.SelectboxColumn(
                tr("data.mapping.channel_id"), options=list(config.CHANNELS),
                format_func=lambda c: channel_label(str(c), tr),
            ),
        },
        hide_index=True,
        key=f"data.map.{fid}.channel_map",
    )
    return tuple((v, c) for v, c in zip(edited["value"], edited["channel"], strict=True) if c)


def interval_notes(con: store.Connection, lang: str,
                   pending: PendingImport) -> list[importer.ImportProblem]:
    """Before Import: why the planning interval is not the page's (a 6-minute file goes to
    30 min), and which series go to a series of their own because they are stored at another
    interval. Returns the problem that refuses the chosen interval, if the file does not fit it."""
    fit, name, chosen = pending.fit, pending.source.name, pending.interval_min
    if fit is not None:
        notice = fit.notice(name)
        if notice is not None and chosen == fit.interval_min:
            st.info(notice.message(lang, escape=escape_markdown))
        elif fit.source_interval_min and chosen % fit.source_interval_min:
            refusal = importer.fit_interval(pending.source, pending.mapping, chosen).refusal(name)
            return [refusal] if refusal is not None else []
    series = importer.sample_series(pending.source, pending.mapping)
    _, notices = importer.separate_series(con, name, series, chosen)
    for notice in notices:
        (st.info if notice.severity == importer.NOTICE else st.warning)(notice.message(lang, escape=escape_markdown))
    return []


def preview(tr: Translator, pending: PendingImport) -> None:
    """The first rows as the mapping reads them."""
    kind = pending.mapping.kind
    st.caption(tr("data.mapping.preview"))
    frame = importer.preview(pending.source, pending.mapping)
    if "channel" in frame:
        frame["channel"] = [channel_label(c, tr) if isinstance(c, str) else None for c in frame["channel"]]
    if "queue" in frame:
        frame["queue"] = [queue_label(q, tr) if isinstance(q, str) else None for q in frame["queue"]]
    if "outcome" in frame:
        frame["outcome"] = [tr(f"data.outcome.{o}") if isinstance(o, str) else None for o in frame["outcome"]]
    measures = ["handle_s", "wait_s", "sessions", "offered", "answered", "abandoned", "aht_s"]
    numbers_table(
        frame, dict.fromkeys(measures, 1),
        column_config={
            "timestamp": st.column_config.DatetimeColumn(
                tr(f"data.mapping.timestamp.{kind}"), format=datetime_format() + ":ss"),
            "channel": tr("data.mapping.channel_id"),
            "queue": tr("data.summary.queue"),
            "handle_s": st.column_config.NumberColumn(tr("data.mapping.handle_s")),
            "agent_id": tr("data.mapping.agent_id"),
            "sessions": st.column_config.NumberColumn(tr("data.mapping.sessions")),
            "end_time": st.column_config.DatetimeColumn(
                tr("data.mapping.end_time"), format=datetime_format() + ":ss"),
            "wait_s": st.column_config.NumberColumn(tr(f"data.mapping.wait_s.{kind}")),
            **{m: st.column_config.NumberColumn(tr(f"data.mapping.{m}"))
               for m in ("offered", "answered", "abandoned", "aht_s")},
            "outcome": tr("data.mapping.outcome_category"),
        },
        hide_index=True,
        width="stretch",
    )


# --------------------------------------------------------------------------- import


@access.requires(Action.IMPORT)
def start_import(con: store.Connection, tr: Translator, pending: PendingImport,
                 confirm: tuple[str, ...] = ()) -> None:
    """Import under a spinner and keep the result for the report (the write changes the data
    version, so every cached read of the store is fresh afterwards)."""
    with st.spinner(tr("data.import.running", name=escape_markdown(pending.source.name)), show_time=True):
        st.session_state[RESULT_KEY] = importer.run_import(
            con, pending.source, pending.mapping, interval_min=pending.interval_min, user=current_user(tr),
            keep_contacts=pending.keep_contacts, confirm=confirm, asa_patience=pending.asa_patience,
        )


def import_report(con: store.Connection, tr: Translator, lang: str,
                  pending: PendingImport | None) -> None:
    """What the last import did, or what it needs confirmed, or why it failed."""
    result = st.session_state.get(RESULT_KEY)
    if not isinstance(result, importer.ImportResult):
        return
    if result.ok:
        periods = result.granularity != "interval"
        st.success(
            tr(
                "data.import.done_periods" if periods else "data.import.done",
                rows=result.rows_imported,
                what=tr(f"data.import.what.{result.granularity if periods else result.kind}"),
                name=escape_markdown(result.file),
                series=escape_markdown(", ".join(series_name(s, lang) for s in result.series)),
                interval=result.interval_min,
            )
        )
        if result.rows_ignored:
            st.info(tr("data.import.ignored", rows=result.rows_ignored))
        for notice in result.problems:
            (st.warning if notice.severity == importer.WARNING else st.info)(
                notice.message(lang, escape=escape_markdown))
    elif result.to_confirm and pending is not None:
        # Only unlikely values: the user may confirm each kind of warning and import anyway.
        st.warning(tr("data.import.needs_confirmation"))
        st.subheader(tr("data.report.header"))
        problem_table(tr, lang, result.problems)
        confirmed = tuple(
            code for code in result.to_confirm
            if st.checkbox(tr("data.import.confirm", what=tr(f"data.warning.{code}")),
                           key=f"data.confirm.{pending.fid}.{code}")
        )
        if st.button(tr("data.import.anyway"), disabled=len(confirmed) < len(result.to_confirm),
                     key="data.import_anyway"):
            start_import(con, tr, pending, confirmed)
            st.rerun()
    else:
        st.error(tr("data.import.failed"))
        st.subheader(tr("data.report.header"))
        problem_table(tr, lang, result.problems)
