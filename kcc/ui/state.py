"""Page set-up shared by every page: session state, the cached store connection, language,
and the contact centre the pages show (``?centre=`` in the URL, else the session's choice,
else the first centre shown in the selector)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Final

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from kcc import config, demo, store
from kcc.formatting import escape_markdown
from kcc.i18n import LANGUAGES, t
from kcc.scenarios import QUERY_NAME, QUERY_SPEC, QUERY_VERSION
from kcc.ui import access

Translator = Callable[..., str]

#: Session-state keys no widget owns, with their defaults; they survive page changes.
SESSION_DEFAULTS: dict[str, object] = {
    "lang": "en",
    "user": "",
    "planning_interval_min": 15,
}

#: Session-state key the frame (``app.py``) sets: this session's pages run inside the frame.
FRAME_STATE_KEY = "frame_seen"
#: Query parameter naming the centre (its id, or its slug as ``kcc.store.Centre.slug``).
CENTRE_PARAM = "centre"
#: Session-state key (no widget owns it) of the chosen centre's id.
CENTRE_STATE_KEY = "centre.id"
#: Session edits that belong to one centre: forgotten when another centre is chosen
#: (``kcc.ui.plan_cache.SETTINGS_STATE_KEY``, ``kcc.ui.scenario_cache.WORKING_*``, the Export
#: page's last summary, the scenario link opened); the working scenario leaves the URL too.
CENTRE_SESSION_KEYS: tuple[str, ...] = (
    "plan.settings_json", "scenario.working_spec", "scenario.working_name", "scenario.link_loaded",
    "export.result",
)
_APP_SCRIPT = Path(__file__).resolve().parents[2] / "app.py"

#: The server log (stderr of ``streamlit run``), where an operator looks first.
LOG = logging.getLogger("kcc")

_demo_lock = threading.Lock()
_frame_lock = threading.Lock()


@st.cache_resource(show_spinner=False)
def _connection(path: str, timezone: str) -> store.Connection:
    # One read-write connection per file for the whole server; every store call opens its own
    # cursor on it and writes take turns (kcc.store), so any number of sessions can share it.
    return store.connect(path, timezone)


def connection() -> store.Connection:
    """The app's store connection (cached per database file and zone).

    When another process holds the database file, the page shows what to do in the reader's
    language, the server log says it in English, and the page stops before it draws anything;
    nothing is cached, so the next run tries again.
    """
    try:
        return _connection(config.db_path(), config.timezone())
    except store.DatabaseInUseError as exc:
        # The operator reads the log, the planner the page: both learn what to do.
        LOG.error("KCC Planner cannot start: %s", exc.message("en"))
        st.error(exc.message(str(st.session_state.get("lang", "en"))))
        st.stop()
        raise  # st.stop() does not return


@st.cache_resource(show_spinner=False, max_entries=64)
def _centre_connection(path: str, timezone: str, centre_id: int,
                       centre_zone: str) -> store.Connection:
    # One bound connection per centre for the whole server, shared like the one above.
    return store.for_centre(_connection(path, timezone), centre_id)


def shown_centres(con: store.Connection) -> tuple[store.Centre, ...]:
    """The centres the selector offers: every one not hidden (all of them when every one is)."""
    return _offered(store.list_centres(con))


def _offered(everyone: tuple[store.Centre, ...]) -> tuple[store.Centre, ...]:
    return tuple(c for c in everyone if not c.hidden) or everyone


def current_centre(con: store.Connection, tr: Translator | None = None) -> store.Centre:
    """The centre this run shows: ``?centre=`` (id or slug), else the session's, else the
    first one offered. A link naming no centre gets a notice (with ``tr``) and the default.
    The choice is written back to the URL when it is not the default, so reloads and copied
    links keep it; session edits of another centre are forgotten (``CENTRE_SESSION_KEYS``)."""
    ss = st.session_state
    everyone = store.list_centres(con)  # read once: every page run asks
    offered = _offered(everyone)
    param = st.query_params.get(CENTRE_PARAM)
    chosen = store.centre_named(everyone, param)
    if param and chosen is None and tr is not None:
        st.warning(tr("centres.unknown_in_link", centre=escape_markdown(param),
                      name=escape_markdown(offered[0].label(str(ss.get("lang", "en"))))))
    if chosen is None:
        chosen = next((c for c in everyone if c.centre_id == ss.get(CENTRE_STATE_KEY)), offered[0])
    previous = ss.get(CENTRE_STATE_KEY)
    if previous != chosen.centre_id:
        if previous is not None:  # edits made for another centre
            for key in CENTRE_SESSION_KEYS:
                ss.pop(key, None)
            for param in (QUERY_SPEC, QUERY_VERSION, QUERY_NAME):
                if param in st.query_params:
                    del st.query_params[param]
        ss[CENTRE_STATE_KEY] = chosen.centre_id
    if chosen.centre_id != offered[0].centre_id:
        if st.query_params.get(CENTRE_PARAM) != str(chosen.centre_id):
            st.query_params[CENTRE_PARAM] = str(chosen.centre_id)
    elif CENTRE_PARAM in st.query_params:
        del st.query_params[CENTRE_PARAM]
    return chosen


def choose_centre(centre_id: int) -> None:
    """Show ``centre_id`` from the next run on (the selector's callback, a created centre)."""
    st.session_state[CENTRE_STATE_KEY] = int(centre_id)
    st.query_params[CENTRE_PARAM] = str(int(centre_id))


def centre_connection(con: store.Connection, centre: store.Centre) -> store.Connection:
    """The shared connection bound to ``centre`` (``kcc.store.for_centre``), cached."""
    return _centre_connection(config.db_path(), config.timezone(), centre.centre_id, centre.time_zone)


def translator(lang: str) -> Translator:
    """``tr(key, **fmt)`` bound to ``lang``."""

    def tr(key: str, **fmt: object) -> str:
        return t(key, lang, **fmt)

    return tr


def _ensure_demo(con: store.Connection, tr: Translator) -> None:
    """Load the demo centre on first start, once, even with several sessions (a deleted demo
    stays deleted)."""
    if not store.demo_never_loaded(con):
        return
    with _demo_lock:
        if not store.demo_never_loaded(con):
            return
        load_demo_with_progress(con, tr)


def load_demo_with_progress(con: store.Connection, tr: Translator) -> None:
    """Load the demo centre again (creating it when it was deleted; other centres stay) under
    a progress bar that names each step."""
    store.ensure_demo(con)
    bar = st.progress(0.0, text=tr(f"data.demo_step.{demo.LOAD_STEPS[0]}"))
    demo.load_demo(store.for_centre(con, store.DEMO_CENTRE_ID), progress=lambda share, step: bar.progress(
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


def init_page(page_id: str) -> tuple[store.Connection, Translator]:
    """Initialise everything a page needs and return ``(connection, tr)``.

    AppTest runs a page script alone, so each page calls this first: it fills missing
    session-state keys, takes the language from ``?lang=`` when given, opens the cached
    connection, shows the sign-in screen instead of the page when sign-in is on and nobody
    is signed in (``kcc.ui.access.gate``), loads the demo centre on first start and returns
    the connection bound to the centre this run shows (``current_centre``).
    """
    _use_the_frame()
    ensure_session()
    ss = st.session_state
    if not ss["user"]:
        ss["user"] = os.environ.get("KCC_USER", "")
    ss["page"] = page_id
    tr = translator(str(ss["lang"]))
    streamlit_texts(tr, str(ss["lang"]))
    con = connection()
    access.gate(con, tr)  # nobody signed in: the sign-in screen, and the run stops
    _ensure_demo(con, tr)
    return centre_connection(con, current_centre(con, tr)), tr


#: Streamlit's own file-uploader texts, which its API cannot set: the button and the size
#: limit are hidden and the reader's texts shown in their place (``content`` of a pseudo
#: element, so a screen shows and copies only the translation). The "Drag and drop" line that
#: shows while a file is dragged over cannot be reached this way and stays English.
_UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{display: none;}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{content: "{button}";}}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span {{display: none;}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{content: "{limit}"; font-size: 0.875rem;}}
</style>"""


#: A tile's label carries its unit ("Roster cost [EUR/week]"). Streamlit cuts a long label to one
#: line with an ellipsis and no tooltip, which on a laptop's screen cuts the unit off; the label
#: wraps instead.
_TILE_LABEL_CSS = """<style>
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricLabel"] p {white-space: normal;}
</style>"""


#: Where Streamlit writes "Press Enter to apply" under a field being typed in: the first of
#: the instructions' spans when a character count follows it, else its only span. (A field with
#: a character limit that is focused but not yet typed in shows its count alone, which this
#: cannot tell from a hint; it then shows the hint in its place.)
_HINT_SPANS: Final[tuple[str, ...]] = (
    '[data-testid="InputInstructions"] > span:not(:last-child)',
    '[data-testid="InputInstructions"] > span:only-child',
)
#: Streamlit's hint per kind of field, inside a form and outside one: the text key of its
#: translation, by (widget test id, in a form).
_HINT_KEYS: Final[dict[tuple[str, bool], str]] = {
    ("stTextInput", False): "common.hint_apply", ("stNumberInput", False): "common.hint_apply",
    ("stTextInput", True): "common.hint_submit", ("stNumberInput", True): "common.hint_submit",
    ("stTextArea", False): "common.hint_apply_area", ("stTextArea", True): "common.hint_submit_area",
}


def _instructions_css(tr: Translator) -> str:
    """Streamlit's typing hints ("Press Enter to apply", "... to submit form", "Press
    Ctrl+Enter ..." in a text area) hidden and the reader's shown in their place; a hint inside
    a form comes later, so it wins over the same field's hint outside one."""
    rules = []
    for (widget, in_form), key in _HINT_KEYS.items():
        scope = ('[data-testid="stForm"] ' if in_form else "") + f'[data-testid="{widget}"] '
        spans = ", ".join(scope + span for span in _HINT_SPANS)
        text = tr(key).replace('"', "'")
        rules.append(f"{spans} {{font-size: 0;}}")
        rules.append(", ".join(f"{scope}{span}::after" for span in _HINT_SPANS)
                     + f' {{content: "{text}"; font-size: 0.75rem;}}')
    return "\n".join(rules)


def streamlit_texts(tr: Translator, lang: str) -> None:
    """Put the reader's language on Streamlit's own widget texts the API leaves in English
    (the file uploader's button and size limit, the typing hints under a field; nothing to do
    in English), and let a tile's label wrap in every language."""
    st.html(_TILE_LABEL_CSS)
    if lang == "en":
        return
    limit_mb = int(st.get_option("server.maxUploadSize"))
    css = _UPLOADER_CSS.format(button=tr("common.upload_button").replace('"', "'"),
                               limit=tr("common.upload_limit", mb=limit_mb).replace('"', "'"))
    st.html(css.replace("</style>", _instructions_css(tr) + "\n</style>"))


def current_user(tr: Translator) -> str:
    """Name recorded with imports and scenarios: the signed-in user's login, or the typed
    name when sign-in is off."""
    principal = access.current()
    if principal is not None and principal.signed_in:
        return principal.name
    return str(st.session_state.get("user") or tr("common.anonymous_user"))


def data_version(con: store.Connection) -> int:
    """Store data version: pass it to cached functions so a write invalidates them."""
    return store.data_version(con)
