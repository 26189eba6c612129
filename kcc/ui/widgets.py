"""Widgets the frame and several pages share."""

from __future__ import annotations

import streamlit as st

from kcc.config import CHANNELS
from kcc.i18n import LANGUAGES
from kcc.ui.state import Translator


def _copy_to_state(widget_key: str, state_key: str) -> None:
    st.session_state[state_key] = st.session_state[widget_key]


def language_selector(tr: Translator) -> None:
    """Sidebar language switch; the choice lives in ``session_state['lang']``."""
    options = list(LANGUAGES)
    st.selectbox(
        tr("common.language"),
        options,
        index=options.index(str(st.session_state.get("lang", "en"))),
        format_func=LANGUAGES.__getitem__,
        key="app.lang",
        on_change=_copy_to_state,
        args=("app.lang", "lang"),
    )


def user_name_input(tr: Translator) -> None:
    """Sidebar name field; the name lives in ``session_state['user']``."""
    st.text_input(
        tr("common.user"),
        value=str(st.session_state.get("user", "")),
        key="app.user",
        on_change=_copy_to_state,
        args=("app.user", "user"),
        max_chars=60,
    )


def channel_label(channel: str, tr: Translator) -> str:
    """Channel id -> its name in the current language."""
    return tr(f"common.ch_{channel}") if channel in CHANNELS else channel
