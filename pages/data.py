"""Data: upload, map and check files; import history; what is loaded; reset to the demo."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from kcc import config, importer, store
from kcc.charts import data as charts_data
from kcc.formatting import escape_markdown
from kcc.i18n import show_stored
from kcc.ui.state import current_user, init_page, load_demo_with_progress
from kcc.ui.widgets import (
    channel_label, date_format, datetime_format, error_text, fmt_day, fmt_number, plotly_chart,
    styled_numbers,
)

con, tr = init_page("data")
ss = st.session_state
lang = str(ss.get("lang", "en"))

st.title(tr("data.title"))
st.caption(tr("data.intro"))
st.caption(tr("data.examples"))


@st.cache_data(show_spinner=False, max_entries=3)
def _read(data: bytes, name: str, delimiter: str | None, limits: config.UploadLimits) -> importer.SourceFile:
    return importer.read_source(data, name, delimiter=delimiter, limits=limits)


@st.cache_data(show_spinner=False, max_entries=6)
def _guess(data: bytes, name: str, delimiter: str | None, limits: config.UploadLimits,
           kind: str | None) -> importer.Mapping:
    return importer.guess_mapping(_read(data, name, delimiter, limits), kind)


def _delimiter_picker(key: str, found: str | None) -> None:
    """Automatic, or one of the delimiters; the choice is read (from its key) before the
    file is, so a wrong guess can be fixed and a failed reading tried again."""
    auto = (tr("data.mapping.delimiter.auto", found=tr(f"data.delimiter.{importer.DELIMITER_NAMES[found]}"))
            if found else tr("data.mapping.delimiter.auto_unknown"))
    st.selectbox(
        tr("data.mapping.delimiter"), ["auto", *importer.DELIMITERS],
        format_func=lambda d: auto if d == "auto" else tr(f"data.delimiter.{importer.DELIMITER_NAMES[d]}"),
        help=tr("data.mapping.delimiter.help"), key=key,
    )


def _problem_table(problems: tuple[importer.ImportProblem, ...] | list[importer.ImportProblem]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                tr("data.report.severity"): [tr(f"data.report.{p.severity}") for p in problems],
                tr("data.report.file"): [p.file for p in problems],
                tr("data.report.row"): [p.row for p in problems],
                tr("data.report.column"): [p.column for p in problems],
                tr("data.report.value"): [p.value for p in problems],
                tr("data.report.reason"): [p.message(lang) for p in problems],
            }
        ),
        hide_index=True,
        width="stretch",
    )


# --------------------------------------------------------------------------- upload + mapping
st.header(tr("data.upload.header"))
limits = config.upload_limits()
upload = st.file_uploader(
    tr("data.upload.label"),
    type=["csv", "tsv", "txt", "xlsx", "parquet"],
    help=tr("data.upload.help") + " " + tr(
        "data.upload.limits", file_mb=limits.file_mb, rows=limits.rows, columns=limits.columns,
        xlsx_mb=limits.xlsx_unpacked_mb,
    ),
    # The browser refuses a bigger file at once; the server's own cap (server.maxUploadSize)
    # still bounds it.
    max_upload_size=max(1, min(int(limits.file_mb), int(st.get_option("server.maxUploadSize")))),
    key="data.upload",
)

if upload is not None:
    data = upload.getvalue()
    fid = hashlib.sha1(data).hexdigest()[:10]  # widget keys per file: columns differ per file
    delimiter_key = f"data.map.{fid}.delimiter"
    chosen = ss.get(delimiter_key, "auto")
    delimiter = None if chosen == "auto" else str(chosen)
    # The mapping's widget keys follow the delimiter too: the columns change with it.
    fid = f"{fid}.{importer.DELIMITER_NAMES.get(delimiter or '', 'auto')}"
    try:
        source = _read(data, upload.name, delimiter, limits)
    except importer.SourceError as exc:
        st.error(error_text(exc))
        if exc.code in ("misaligned", "unreadable") or delimiter:
            _delimiter_picker(delimiter_key, None)
        st.stop()
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        st.error(tr("data.upload.read_error", error=escape_markdown(exc)))
        st.stop()
    st.caption(
        tr(
            "data.upload.summary",
            name=escape_markdown(source.name),
            format=source.format.upper(),
            rows=len(source.frame),
            more="" if source.complete else tr("data.upload.sample_only"),
            columns=len(source.frame.columns),
        )
    )
    for notice in source.notices:
        st.info(notice.message(lang, escape=escape_markdown))
    guess0 = _guess(data, upload.name, delimiter, limits, None)
    st.subheader(tr("data.mapping.header"))
    st.caption(tr("data.mapping.help"))
    if source.format == "csv":
        _delimiter_picker(delimiter_key, source.delimiter if delimiter is None else None)
    kind = st.radio(
        tr("data.mapping.kind"),
        importer.KINDS,
        index=importer.KINDS.index(guess0.kind),
        format_func=lambda k: tr(f"data.mapping.kind.{k}"),
        horizontal=True,
        key=f"data.map.{fid}.kind",
    )
    guess = _guess(data, upload.name, delimiter, limits, kind)
    none = tr("data.mapping.none")
    columns = [none, *map(str, source.frame.columns)]

    def pick(field: str, label: str, value: str | None) -> str | None:
        chosen = st.selectbox(
            label, columns, index=columns.index(value) if value in columns else 0,
            key=f"data.map.{fid}.{kind}.{field}",
        )
        return None if chosen == none else chosen

    left, right = st.columns(2)
    with left:
        two = st.radio(
            tr("data.mapping.time_mode"),
            [False, True],
            index=int(guess.timestamp is None and guess.date is not None),
            format_func=lambda v: tr("data.mapping.time_mode.two" if v else "data.mapping.time_mode.one"),
            horizontal=True,
            key=f"data.map.{fid}.{kind}.time_mode",
        )
        if two:
            date_col = pick("date", tr("data.mapping.date"), guess.date)
            time_col = pick("time", tr("data.mapping.time"), guess.time)
            timestamp = None
        else:
            timestamp = pick("timestamp", tr(f"data.mapping.timestamp.{kind}"), guess.timestamp or guess.date)
            date_col = time_col = None
        fmt = st.text_input(
            tr("data.mapping.format"), guess.datetime_format, help=tr("data.mapping.format.help"),
            key=f"data.map.{fid}.{kind}.format",
        )
        channel_col = pick("channel", tr("data.mapping.channel"), guess.channel)
        channel_value = guess.channel_value
        if channel_col is None:
            channel_value = st.selectbox(
                tr("data.mapping.channel_value"), config.CHANNELS,
                format_func=lambda c: channel_label(c, tr), key=f"data.map.{fid}.{kind}.channel_value",
            )
        queue_col = pick("queue", tr("data.mapping.queue"), guess.queue)
        queue_value = guess.queue_value
        if queue_col is None:
            queue_value = st.text_input(
                tr("data.mapping.queue_value"), guess.queue_value, key=f"data.map.{fid}.{kind}.queue_value"
            ).strip() or config.DEFAULT_QUEUE
    fields: dict[str, object] = {}
    with right:
        if kind == "contacts":
            fields["contact_id"] = tuple(
                st.multiselect(
                    tr("data.mapping.contact_id"), columns[1:], default=list(guess.contact_id),
                    key=f"data.map.{fid}.{kind}.contact_id",
                )
            )
            fields["customer_id"] = pick("customer_id", tr("data.mapping.customer_id"), guess.customer_id)
            fields["handle_s"] = pick("handle_s", tr("data.mapping.handle_s"), guess.handle_s)
            fields["wait_s"] = pick("wait_s", tr("data.mapping.wait_s.contacts"), guess.wait_s)
            fields["outcome"] = pick("outcome", tr("data.mapping.outcome"), guess.outcome)
        else:
            for name in ("offered", "answered", "abandoned", "aht_s", "wait_s"):
                label = tr("data.mapping.wait_s.intervals" if name == "wait_s" else f"data.mapping.{name}")
                fields[name] = pick(name, label, getattr(guess, name))
            fields["wait_is_total"] = st.checkbox(
                tr("data.mapping.wait_is_total"), guess.wait_is_total, key=f"data.map.{fid}.{kind}.wait_total"
            )
        decimal_comma = st.checkbox(
            tr("data.mapping.decimal_comma"), guess.decimal_comma, key=f"data.map.{fid}.{kind}.decimal"
        )
        interval_min = st.selectbox(
            tr("data.mapping.interval"), config.PLANNING_INTERVALS_MIN,
            index=config.PLANNING_INTERVALS_MIN.index(int(ss.get("planning_interval_min", 15))),
            help=tr("data.mapping.interval.help"), format_func=lambda m: f"{m} min",
            key=f"data.map.{fid}.interval",
        )
        keep_contacts = kind == "contacts" and st.checkbox(
            tr("data.mapping.keep_contacts"), importer.keep_contacts_default(source),
            help=tr("data.mapping.keep_contacts.help"), key=f"data.map.{fid}.keep",
        )

    outcome_map: tuple[tuple[str, str], ...] = ()
    if kind == "contacts" and fields.get("outcome"):
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
        outcome_map = tuple(zip(edited["value"], edited["category"], strict=True))
    channel_map: tuple[tuple[str, str], ...] = ()
    if channel_col:
        raw = source.frame[channel_col].dropna().astype(str).str.strip().str.lower().unique()
        guessed = dict(importer.guess_channel_map(raw))
        st.caption(tr("data.mapping.channel_map"))
        edited = st.data_editor(
            pd.DataFrame({"value": list(raw), "channel": [guessed.get(v) for v in raw]}),
            column_config={
                "value": st.column_config.TextColumn(tr("data.mapping.channel_raw"), disabled=True),
                "channel": st.column_config.SelectboxColumn(
                    tr("data.mapping.channel_id"), options=list(config.CHANNELS),
                    format_func=lambda c: channel_label(c, tr),
                ),
            },
            hide_index=True,
            key=f"data.map.{fid}.channel_map",
        )
        channel_map = tuple((v, c) for v, c in zip(edited["value"], edited["channel"], strict=True) if c)

    mapping = importer.Mapping(
        kind=kind,
        timestamp=timestamp,
        date=date_col,
        time=time_col,
        datetime_format=fmt.strip(),
        channel=channel_col,
        channel_value=channel_value,
        channel_map=channel_map,
        queue=queue_col,
        queue_value=queue_value,
        outcome_map=outcome_map,
        decimal_comma=decimal_comma,
        **fields,  # type: ignore[arg-type]
    )
    st.caption(tr("data.mapping.preview"))
    preview = importer.preview(source, mapping)
    if "channel" in preview:
        preview["channel"] = [channel_label(c, tr) if isinstance(c, str) else None for c in preview["channel"]]
    if "outcome" in preview:
        preview["outcome"] = [tr(f"data.outcome.{o}") if isinstance(o, str) else None for o in preview["outcome"]]
    measures = ["handle_s", "wait_s", "offered", "answered", "abandoned", "aht_s"]
    st.dataframe(
        styled_numbers(preview, dict.fromkeys(measures, 1)),
        column_config={
            "timestamp": st.column_config.DatetimeColumn(
                tr(f"data.mapping.timestamp.{kind}"), format=datetime_format() + ":ss"),
            "channel": tr("data.mapping.channel_id"),
            "queue": tr("data.summary.queue"),
            "handle_s": st.column_config.NumberColumn(tr("data.mapping.handle_s")),
            "wait_s": st.column_config.NumberColumn(tr(f"data.mapping.wait_s.{kind}")),
            **{m: st.column_config.NumberColumn(tr(f"data.mapping.{m}"))
               for m in ("offered", "answered", "abandoned", "aht_s")},
            "outcome": tr("data.mapping.outcome_category"),
        },
        hide_index=True,
        width="stretch",
    )
    early = importer.check_mapping(source, mapping)
    if early:
        st.subheader(tr("data.report.header"))
        _problem_table(early)
    if st.button(tr("data.import.button"), type="primary", disabled=bool(early), key="data.import"):
        with st.spinner(tr("data.import.running", name=escape_markdown(source.name)), show_time=True):
            result = importer.run_import(
                con, source, mapping, interval_min=int(interval_min), user=current_user(tr),
                keep_contacts=bool(keep_contacts),
            )
        ss["data.last_result"] = result
        st.cache_data.clear()

result = ss.get("data.last_result")
if isinstance(result, importer.ImportResult):
    if result.ok:
        st.success(
            tr(
                "data.import.done",
                rows=result.rows_imported,
                what=tr(f"data.import.what.{result.kind}"),
                name=escape_markdown(result.file),
                series=escape_markdown(", ".join(result.series)),
                interval=result.interval_min,
            )
        )
        if result.rows_ignored:
            st.info(tr("data.import.ignored", rows=result.rows_ignored))
        for notice in result.problems:
            (st.warning if notice.severity == importer.WARNING else st.info)(
                notice.message(lang, escape=escape_markdown))
    elif result.to_confirm and upload is not None:
        # Only unlikely values: the user may confirm each kind of warning and import anyway.
        st.warning(tr("data.import.needs_confirmation"))
        st.subheader(tr("data.report.header"))
        _problem_table(result.problems)
        confirmed = tuple(
            code for code in result.to_confirm
            if st.checkbox(tr("data.import.confirm", what=tr(f"data.warning.{code}")),
                           key=f"data.confirm.{fid}.{code}")
        )
        if st.button(tr("data.import.anyway"), disabled=len(confirmed) < len(result.to_confirm),
                     key="data.import_anyway"):
            running = tr("data.import.running", name=escape_markdown(source.name))
            with st.spinner(running, show_time=True):
                ss["data.last_result"] = importer.run_import(
                    con, source, mapping, interval_min=int(interval_min), user=current_user(tr),
                    keep_contacts=bool(keep_contacts), confirm=confirmed,
                )
            st.cache_data.clear()
            st.rerun()
    else:
        st.error(tr("data.import.failed"))
        st.subheader(tr("data.report.header"))
        _problem_table(result.problems)

# --------------------------------------------------------------------------- history
st.header(tr("data.history.header"))
history = store.read_imports(con)
if history.empty:
    st.info(tr("data.history.empty"))
else:
    counts = ["rows_read", "rows_imported", "rows_ignored", "rows_replaced"]
    shown = history.assign(
        kind=[tr(f"data.history.kind_{k}") if k else "" for k in history["kind"]],
        interval_min=[f"{int(n)} min" if pd.notna(n) else "–" for n in history["interval_min"]],
        channels=[", ".join(channel_label(c, tr) for c in config.channel_list(v)) for v in history["channels"]],
        message=[show_stored(m, lang) for m in history["message"]],
    )[["imported_at", "file_name", "kind", "imported_by", *counts, "interval_min", "period_start",
       "period_end", "channels", "message"]]
    st.dataframe(
        styled_numbers(shown, dict.fromkeys(counts, 0)),
        column_config={
            "imported_at": st.column_config.DatetimeColumn(tr("data.history.when"), format=datetime_format()),
            "file_name": tr("data.history.file"),
            "kind": tr("data.history.kind"),
            "imported_by": tr("data.history.by"),
            "rows_read": st.column_config.NumberColumn(tr("data.history.rows_read")),
            "rows_imported": st.column_config.NumberColumn(tr("data.history.rows_imported")),
            "rows_ignored": st.column_config.NumberColumn(tr("data.history.rows_ignored")),
            "rows_replaced": st.column_config.NumberColumn(tr("data.history.rows_replaced")),
            "interval_min": tr("data.history.interval"),
            "period_start": st.column_config.DatetimeColumn(tr("data.history.period"), format=date_format()),
            "period_end": st.column_config.DatetimeColumn(tr("data.history.period_end"), format=date_format()),
            "channels": tr("data.history.channels"),
            "message": tr("data.history.note"),
        },
        hide_index=True,
        width="stretch",
    )

# --------------------------------------------------------------------------- summary + charts
st.header(tr("data.summary.header"))
summary = store.series_summary(con)
if summary.empty:
    st.info(tr("data.summary.empty"))
else:
    first, last = summary["first_ds"].min(), summary["last_ds"].max()
    c1, c2 = st.columns(2)
    c1.metric(tr("data.summary.total"), tr("data.summary.total_value", value=float(summary["offered"].sum())))
    days = (last.date() - first.date()).days + 1
    # the dates as the value (short enough for a tile), the length of the period under it
    c2.metric(tr("data.summary.period"), f"{fmt_day(first)} – {fmt_day(last)}",
              f"{fmt_number(days)} {tr('overview.unit_days')}", delta_color="off", delta_arrow="off")
    st.dataframe(
        styled_numbers(summary.assign(channel=summary["channel"].map(lambda c: channel_label(c, tr))),
                       dict.fromkeys(["days", "offered", "answered", "abandoned", "closed_attempts"], 0)),
        column_config={
            "channel": tr("data.summary.channel"),
            "queue": tr("data.summary.queue"),
            "interval_min": st.column_config.NumberColumn(tr("data.summary.interval"), format="%d min"),
            "first_ds": st.column_config.DatetimeColumn(tr("data.summary.first"), format=datetime_format()),
            "last_ds": st.column_config.DatetimeColumn(tr("data.summary.last"), format=datetime_format()),
            "days": st.column_config.NumberColumn(tr("data.summary.days")),
            "offered": st.column_config.NumberColumn(tr("data.summary.offered")),
            "answered": st.column_config.NumberColumn(tr("data.summary.answered")),
            "abandoned": st.column_config.NumberColumn(tr("data.summary.abandoned")),
            "closed_attempts": st.column_config.NumberColumn(tr("data.summary.closed")),
        },
        hide_index=True,
        width="stretch",
    )
    weekdays = [tr(f"data.weekday.{i}") for i in range(7)]
    plotly_chart(
        charts_data.volume_by_day(
            store.daily_volumes(con), title=tr("data.chart.daily"), x_title=tr("data.chart.date"),
            y_title=tr("data.chart.contacts"),
            channel_names={c: channel_label(c, tr) for c in summary["channel"]},
        ),
        key="data.chart.daily",
    )
    channels = list(dict.fromkeys(summary["channel"]))
    channel = st.selectbox(
        tr("data.summary.channel_filter"), channels, format_func=lambda c: channel_label(c, tr),
        key="data.chart_channel",
    )
    profile = store.intraday_profile(con, channel)
    plotly_chart(
        charts_data.intraday_by_weekday(
            profile, title=tr("data.chart.intraday"), weekday_names=weekdays,
            x_title=tr("data.chart.time_of_day"), y_title=tr("data.chart.contacts_per_interval"),
        ),
        key="data.chart.intraday",
    )
    plotly_chart(
        charts_data.weekday_heatmap(
            profile, title=tr("data.chart.heatmap"), weekday_names=weekdays,
            x_title=tr("data.chart.time_of_day"), y_title=tr("data.chart.weekday"),
            z_title=tr("data.chart.contacts_per_interval"),
        ),
        key="data.chart.heatmap",
    )

# --------------------------------------------------------------------------- reset
st.header(tr("data.reset.header"))
st.caption(tr("data.reset.help"))
confirm = st.checkbox(tr("data.reset.confirm"), key="data.reset_confirm")
if st.button(tr("data.reset.button"), disabled=not confirm, key="data.reset"):
    load_demo_with_progress(con, tr)
    ss.pop("data.last_result", None)
    st.cache_data.clear()
    st.success(tr("data.reset.done"))
