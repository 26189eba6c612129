"""Page set-up shared by every page: session state, the cached store connection, language."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from kcc import config, demo, store
from kcc.i18n import LANGUAGES, t

Translator = Callable[..., str]

#: Session-state keys no widget owns, with their defaults; they survive page changes.
SESSION_DEFAULTS: dict[str, object] = {
    "lang": "en",
    "user": "",
    "planning_interval_min": 15,
}

#: Session-state key the frame (``app.py``) sets: this session's pages run inside the frame.
FRAME_STATE_KEY = "frame_seen"
_APP_SCRIPT = Path(__file__).resolve().parents[2] / "app.py"

_demo_lock = threading.Lock()
_frame_lock = threading.Lock()


@st.cache_resource(show_spinner=False)
def _connection(path: str, timezone: str) -> duckdb.DuckDBPyConnection:
    # One read-write connection per file for the whole server; every store call opens its own
    # cursor on it and writes take turns (kcc.store), so any number of sessions can share it.
    return store.connect(path, timezone)


def connection() -> duckdb.DuckDBPyConnection:
    """The app's store connection (cached per database file and zone).

    When another process holds the database file, the page shows what to do in the reader's
    language and stops; nothing is cached, so the next run tries again.
    """
    try:
        return _connection(config.db_path(), config.timezone())
    except store.DatabaseInUseError as exc:
        st.error(exc.message(str(st.session_state.get("lang", "en"))))
        st.stop()
        raise  # st.stop() does not return


def translator(lang: str) -> Translator:
    """``tr(key, **fmt)`` bound to ``lang``."""

    def tr(key: str, **fmt: object) -> str:
        return t(key, lang, **fmt)

    return tr


def _ensure_demo(con: duckdb.DuckDBPyConnection, tr: Translator) -> None:
    """Load the demo centre into an empty database, once, even with several sessions."""
    if not store.is_empty(con):
        return
    with _demo_lock:
        if not store.is_empty(con):
            return
        load_demo_with_progress(con, tr)


def load_demo_with_progress(con: duckdb.DuckDBPyConnection, tr: Translator) -> None:
    """Load the demo centre (emptying the database) under a progress bar that names each step."""
    bar = st.progress(0.0, text=tr(f"data.demo_step.{demo.LOAD_STEPS[0]}"))
    demo.load_demo(con, progress=lambda share, step: bar.progress(
        min(share, 1.0), text=tr(f"data.demo_step.{step}")))
    bar.empty()


def ensure_session() -> None:
    """Fill the session-state keys no widget owns with their defaults."""
    ss = st.session_state
    for key, default in SESSION_DEFAULTS.items():
        if key not in ss:
            ss[key] = default
    # ?lang=nl picks the language once per session; the sidebar switch wins after that.
    lang_param = st.query_params.get("lang")
    if lang_param in LANGUAGES and "lang_from_url" not in ss:
        ss["lang"] = lang_param
        ss["lang_from_url"] = True


def mark_frame() -> None:
    """Called by ``app.py`` on every run: this session's pages run inside the frame."""
    st.session_state[FRAME_STATE_KEY] = True


def _use_the_frame() -> None:
    """Make a deep link run through ``app.py``.

    Streamlit starts in its legacy pages-directory mode when a ``pages/`` folder exists, and
    stays in it until some session runs ``st.navigation``; the mode is one flag for the whole
    server. A first visitor who opens ``/staffing`` directly would get the page without the
    frame (no language switch, the folder's file names as navigation). Leaving that mode and
    rerunning sends the same URL through ``app.py``.

    The check is per session, not on the flag: when several first visitors arrive at once,
    one of them clears the flag while the others' pages are already running without the
    frame, and each of those must rerun too. A page run alone (AppTest) has no frame to use.
    """
    if st.session_state.get(FRAME_STATE_KEY):
        return
    ctx = get_script_run_ctx()
    if ctx is None or Path(ctx.main_script_path).resolve() != _APP_SCRIPT:
        return
    with _frame_lock:
        PagesManager.uses_pages_directory = False
    st.rerun()


def init_page(page_id: str) -> tuple[duckdb.DuckDBPyConnection, Translator]:
    """Initialise everything a page needs and return ``(connection, tr)``.

    AppTest runs a page script alone, so each page calls this first: it fills missing
    session-state keys, takes the language from ``?lang=`` when given, opens the cached
    connection and loads the demo centre into an empty database.
    """
    _use_the_frame()
    ensure_session()
    ss = st.session_state
    if not ss["user"]:
        ss["user"] = os.environ.get("KCC_USER", "")
    ss["page"] = page_id
    tr = translator(str(ss["lang"]))
    con = connection()
    _ensure_demo(con, tr)
    return con, tr


def current_user(tr: Translator) -> str:
    """Name recorded with imports and scenarios."""
    return str(st.session_state.get("user") or tr("common.anonymous_user"))


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """Store data version: pass it to cached functions so a write invalidates them."""
    return store.data_version(con)
