"""Data: upload, map and check files; import history; what is loaded; the centres; reset to
the demo."""

from __future__ import annotations

import hashlib

import streamlit as st

from kcc import config, importer, store
from kcc.access import Action
from kcc.formatting import escape_markdown
from kcc.ui import access, centres
from kcc.ui.state import init_page
from kcc.ui.views import data as view
from kcc.ui.views import data_loaded
from kcc.ui.widgets import error_text, file_uploader

con, tr = init_page("data")
ss = st.session_state
lang = str(ss.get("lang", "en"))

st.title(tr("data.title"))
st.caption(tr("data.intro"))
st.caption(tr("data.examples"))

# --------------------------------------------------------------------------- upload + mapping
st.header(tr("data.upload.header"))
limits = config.upload_limits()
may_import = access.allowed(Action.IMPORT, tr)  # a viewer sees why the upload is closed
upload = file_uploader(
    tr, tr("data.upload.label"),
    types=["csv", "tsv", "txt", "xlsx", "parquet"],
    help=tr("data.upload.help") + " " + tr(
        "data.upload.limits", file_mb=limits.file_mb, rows=limits.rows, columns=limits.columns,
        xlsx_mb=limits.xlsx_unpacked_mb,
    ),
    # The browser refuses a bigger file at once; the server's own cap (server.maxUploadSize)
    # still bounds it.
    max_mb=max(1, min(int(limits.file_mb), int(st.get_option("server.maxUploadSize")))),
    key="data.upload",
    disabled=not may_import,
)

pending = None
# Read, previewed and checked on the centre's wall clock, as the import stores it.
with config.centre_timezone(store.timezone_of(con)):
    if upload is not None and centres.upload_target(con, tr):  # never into the demo unasked
        data = upload.getvalue()
        fid = hashlib.sha1(data).hexdigest()[:10]  # widget keys per file: columns differ per file
        delimiter_key = f"data.map.{fid}.delimiter"
        chosen = ss.get(delimiter_key, "auto")
        delimiter = None if chosen == "auto" else str(chosen)
        # The mapping's widget keys follow the delimiter too: the columns change with it.
        fid = f"{fid}.{importer.DELIMITER_NAMES.get(delimiter or '', 'auto')}"
        try:
            source = view.read_source(data, upload.name, delimiter, limits, zone=config.timezone())
        except importer.SourceError as exc:
            st.error(error_text(exc))
            if exc.code in ("misaligned", "unreadable") or delimiter:
                view.delimiter_picker(tr, delimiter_key, None)
            st.stop()
        except (ValueError, UnicodeDecodeError, OSError) as exc:
            st.error(tr("data.upload.read_error", error=escape_markdown(exc)))
            st.stop()
        st.caption(
            tr(
                "data.upload.summary",
                name=escape_markdown(source.name),
                format=source.format_name,
                rows=len(source.frame),
                more="" if source.complete else tr("data.upload.sample_only"),
                columns=len(source.frame.columns),
            )
        )
        for notice in source.notices:
            st.info(notice.message(lang, escape=escape_markdown))
        st.subheader(tr("data.mapping.header"))
        st.caption(tr("data.mapping.help"))
        if source.format == "csv":
            view.delimiter_picker(tr, delimiter_key, source.delimiter if delimiter is None else None)
        pending = view.mapping_form(tr, source, data, upload.name, delimiter, limits, fid)
        refusal = view.interval_notes(con, lang, pending)
        view.preview(tr, pending)
        early = [*importer.check_mapping(source, pending.mapping), *refusal]
        if early:
            st.subheader(tr("data.report.header"))
            view.problem_table(tr, lang, early)
        if st.button(tr("data.import.button"), type="primary", disabled=bool(early), key="data.import"):
            view.start_import(con, tr, pending)

view.import_report(con, tr, lang, pending)
data_loaded.history(con, tr, lang)
data_loaded.summary(con, tr)
centres.manage(con, tr)
if store.get_centre(con).is_demo:
    data_loaded.reset_section(con, tr)
