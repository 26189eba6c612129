"""Widgets the frame and several pages share."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

import pandas as pd
import streamlit as st

from kcc import checks, formatting
from kcc.config import CHANNELS
from kcc.i18n import LANGUAGES, TranslatedError, person, queue_name
from kcc.ui.state import Translator

#: ``format`` of a decimal ``st.number_input``: the number as typed, without trailing zeros
#: ("100", "0.5"; not "100.00", which reads as a hundred thousand in Dutch).
NUMBER_FORMAT = "%g"

#: A KPI tile's look (``st.metric``): boxed, and as high as the tallest tile in its row, so a
#: label that wraps to show its unit (``kcc.ui.state``) leaves the row's boxes even.
TILE: Final[Mapping[str, Any]] = MappingProxyType({"border": True, "height": "stretch"})

#: Suffix of a decimal field's key in Dutch, where it is a text field (see ``decimal_input``):
#: each language keeps its own widget state, so a switch never hands text to a number field.
DUTCH_KEY_SUFFIX = ".nl"


def _copy_to_state(widget_key: str, state_key: str) -> None:
    st.session_state[state_key] = st.session_state[widget_key]


def lazy_tabs(labels: Sequence[str], key: str, kept: Iterable[Iterable[str]] = ()) -> Sequence[Any]:
    """Tabs of which a run draws only the open one (Streamlit's ``on_change="rerun"``): a page
    computes and sends one tab's tables and charts, not all of them, and clicking a tab reruns
    the page. Its code asks ``tab.open`` before drawing into a tab.

    Parameters
    ----------
    labels : sequence of str
        The tabs' labels; the first is open on a first visit. After a language switch, which
        renames them, the tab in the same place stays open.
    key : str
        The widget key of the open tab's label (a test opens a tab by setting it).
    kept : iterable of iterables of str
        Per tab, in ``labels``' order, the keys of the choosers a reader expects to find as they
        left them after looking at another tab (a chosen week, a channel). Streamlit forgets the
        value of a widget a run does not draw, so every run writes these back as session values
        (its documented way to keep a widget's value between pages), which the browser then
        shows too. Only for widgets drawn without a ``value``/``index`` of their own: Streamlit
        warns about a widget with both. A form's fields take their values from what they set
        instead (the scenario, the last shift cover).
    """
    ss = st.session_state
    for widget_key in (k for keys in kept for k in keys):
        if widget_key in ss:
            ss[widget_key] = ss[widget_key]
    # A language switch renames the tabs: the same tab stays open, by its place.
    place_key = f"{key}.place"
    if ss.get(key) not in labels and 0 <= ss.get(place_key, -1) < len(labels):
        ss[key] = labels[ss[place_key]]
    tabs = st.tabs(list(labels), key=key, on_change="rerun")
    ss[place_key] = next((place for place, tab in enumerate(tabs) if tab.open), 0)
    return tabs


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


def series_label(channel: str, queue: str, tr: Translator) -> str:
    """A series as the reader knows it: its channel's name and its queue (``queue_label``),
    ``Telefoon · standaard``."""
    return f"{channel_label(channel, tr)} · {queue_label(queue, tr)}"


def queue_label(queue: str, tr: Translator) -> str:
    """A queue in ``tr``'s language (``kcc.i18n.queue_name``)."""
    return queue_name(queue, word=tr("common.default_queue"))


def person_label(name: object, tr: Translator) -> str:
    """Who imported or saved something, for ``tr``'s reader (``kcc.i18n.person``)."""
    return person(name, word=tr("common.anonymous_user"))


def series_options(summary: pd.DataFrame) -> list[str]:
    """``"channel|queue"`` keys of the stored series, phone first (the channel order of
    ``kcc.config.CHANNELS``), for a series picker."""
    order = {channel: i for i, channel in enumerate(CHANNELS)}
    pairs = sorted(
        zip(summary["channel"], summary["queue"], strict=True),
        key=lambda pair: (order.get(pair[0], len(order)), pair[0], pair[1]),
    )
    return [f"{channel}|{queue}" for channel, queue in pairs]


def lang() -> str:
    """The session's language (``"en"`` or ``"nl"``)."""
    return str(st.session_state.get("lang", "en"))


def key_class(key: str) -> str:
    """The CSS class Streamlit gives the element of a widget with ``key`` (its frontend's rule:
    ``st-key-`` and the key with every character but letters, digits, ``_`` and ``-`` made ``-``)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def upload_limit_text(tr: Translator, max_mb: int, types: Sequence[str]) -> str:
    """What Streamlit writes under a drop zone in English ("10MB per file • CSV, TXT"), in the
    reader's language."""
    limit = tr("common.upload_limit", mb=int(max_mb))
    return limit + (" • " + ", ".join(t.lstrip(".").upper() for t in types) if types else "")


def file_uploader(tr: Translator, label: str, *, key: str, max_mb: int, types: Sequence[str],
                  **kwargs: Any) -> Any:
    """``st.file_uploader`` that refuses a file over ``max_mb`` at once and names that limit in
    the reader's language.

    Streamlit names a drop zone's own limit in English only. The frame puts the server's limit
    there in other languages (``kcc.ui.state.streamlit_texts``); an uploader with a limit of its
    own (a logo of 1 MB, a driver file of 10 MB) puts its own text over it, by its key.
    """
    if lang() != "en":
        text = upload_limit_text(tr, max_mb, types).replace('"', "'")
        st.html(f'<style>.{key_class(key)} [data-testid="stFileUploaderDropzoneInstructions"] > div::after '
                f'{{content: "{text}";}}</style>')
    return st.file_uploader(label, type=list(types), key=key, max_upload_size=int(max_mb), **kwargs)


def plotly_chart(figure: Any, *, where: Any = None, **kwargs: Any) -> Any:
    """``st.plotly_chart`` (or ``where.plotly_chart`` for a column or container) of a figure
    in the session's language: its separators and, in Dutch, day-before-month time axes
    (``kcc.formatting.localise_figure``). Returns what Streamlit returns (the selection)."""
    return (where or st).plotly_chart(formatting.localise_figure(figure, lang()), **kwargs)


def fmt_day(day: Any) -> str:
    """A day in the session's language: ``2026-11-16`` / ``16-11-2026``."""
    return formatting.fmt_date(pd.Timestamp(day).date(), lang())


def fmt_moment(moment: Any) -> str:
    """A wall-clock time to the minute in the session's language: ``16-11-2026 09:15``."""
    return formatting.fmt_datetime(pd.Timestamp(moment).to_pydatetime(), lang())


def fmt_month(day: Any) -> str:
    """A month in the session's language: ``2026-11`` / ``11-2026``."""
    return formatting.fmt_month(pd.Timestamp(day).date(), lang())


def date_format() -> str:
    """``st.date_input``'s ``format`` for the session's language (day first in Dutch)."""
    return "DD-MM-YYYY" if lang() == "nl" else "YYYY-MM-DD"


def datetime_format() -> str:
    """A table column's date-and-time ``format`` for the session's language."""
    return date_format() + " HH:mm"


def fmt_number(value: float | None, decimals: int = 0) -> str:
    """``kcc.formatting.fmt_number`` in the session's language: ``1,234.5`` / ``1.234,5``;
    ``–`` for a missing value, ``∞`` for infinity."""
    return formatting.fmt_number(value, decimals, lang(), missing="–")


def numbers_table(frame: pd.DataFrame, decimals: Mapping[str, int], *,
                  column_config: Mapping[str, Any] | None = None, **options: Any) -> Any:
    """``st.dataframe`` of ``frame`` whose number columns read as the session's language
    writes numbers (``1.605.748`` in Dutch) and sort as numbers; ``options`` go to
    ``st.dataframe``.

    A number column with a gap is shown as text, right-aligned, with "–" in the gap
    (``kcc.formatting.gaps_as_text``): Streamlit would show a grey "None" there. It then sorts
    as text.
    """
    language = lang()
    shown, as_text = formatting.gaps_as_text(frame, decimals, language, missing="–")
    config = dict(column_config or {})
    for column in as_text:
        given = config.get(column)  # a label, or a column's settings with its label
        label = given.get("label") if isinstance(given, Mapping) else given
        config[column] = st.column_config.TextColumn(label, alignment="right")
    numbers = {c: n for c, n in decimals.items() if c not in as_text}
    return st.dataframe(formatting.styled_numbers(shown, numbers, language, missing="–"),
                        column_config=config or None, **options)


def decimal_key(key: str) -> str:
    """The widget key of the decimal field ``key`` in the session's language."""
    return f"{key}{DUTCH_KEY_SUFFIX}" if lang() == "nl" else key


def forget_decimal_inputs(keys: Iterable[str]) -> None:
    """Drop the widget state of decimal fields in both languages, so they show their value again."""
    for key in keys:
        st.session_state.pop(key, None)
        st.session_state.pop(f"{key}{DUTCH_KEY_SUFFIX}", None)


def set_decimal_input(key: str, value: float) -> None:
    """Put ``value`` in the decimal field ``key`` as the session's language shows it (call it
    from a callback, before the field is drawn)."""
    language = lang()
    st.session_state[decimal_key(key)] = value if language != "nl" else formatting.fmt_typed(value, language)


def decimal_input(where: Any, label: str, min_value: float | None = None,
                  max_value: float | None = None, value: float | None = 0.0,
                  step: float | None = None, *, key: str, help: str | None = None,
                  placeholder: str | None = None) -> Any:
    """A decimal number field that reads the way the session's language writes numbers.

    English: ``st.number_input`` (``36.5``). Dutch: a text field showing ``36,5`` that reads
    ``36,5``, ``36.5`` and ``1.234,5`` (``kcc.formatting.parse_typed``). Streamlit's number
    field knows only the decimal point and drops a typed comma, so ``36,5`` hours became 365.
    A Dutch entry that is no number, or is outside ``min_value``..``max_value``, shows a
    message naming the field and leaves the field's value as it was (``value``). The field
    shows six significant digits (``152,142``); left as shown, it returns ``value`` itself.

    ``where`` is ``st``, a column or a container. Returns the number, or ``None`` for an
    empty field when ``value`` is ``None``.
    """
    if lang() != "nl":
        return where.number_input(label, min_value, max_value, value, step, key=key, help=help,
                                  format=NUMBER_FORMAT, placeholder=placeholder)
    shown = "" if value is None else formatting.fmt_typed(value, "nl")
    text = where.text_input(label, value=shown, key=decimal_key(key), help=help, placeholder=placeholder)
    if value is None and not text.strip():
        return None
    if text == shown:
        return value  # untouched: the value itself, not its six shown digits
    try:
        number = checks.typed_number(label, text, "nl")
        if min_value is not None or max_value is not None:
            low = -math.inf if min_value is None else min_value
            high = math.inf if max_value is None else max_value
            checks.number_in(label, number, low, high)
    except checks.FieldError as error:
        where.error(error_text(error))
        return value
    return number


def error_text(error: Exception) -> str:
    """A validation error for the screen (Markdown): in the session's language when the error
    can say it (a ``kcc.i18n.TranslatedError``), else its own text; the names in it (a
    scenario, event or shift the user typed) show literally."""
    if isinstance(error, TranslatedError):
        return error.message(lang(), escape=formatting.escape_markdown)
    return formatting.escape_markdown(str(error))


def fmt_pct(share: float | None, decimals: int = 1) -> str:
    """A share 0..1 as a percentage with its unit in the session's language: ``79.56 %`` /
    ``79,56 %`` (``kcc.formatting.fmt_pct``); ``–`` for a missing value."""
    return formatting.fmt_pct(share, decimals, lang(), space=True, missing="–")


def fmt_signed(value: float | None, decimals: int = 0) -> str:
    """A difference with its sign in the session's language (``+1.234,5``); ``–`` when missing."""
    return formatting.fmt_signed(value, decimals, lang(), missing="–")


def fmt_unit(value: float | None, unit: str, decimals: int = 0, *, signed: bool = False,
             unit_first: bool = False) -> str:
    """A number with its unit in the session's language (``kcc.formatting.fmt_unit``):
    ``12 agents``, ``+1,5 %``, ``EUR 1.234`` with ``unit_first``; ``–`` for a missing number."""
    return formatting.fmt_unit(value, unit, decimals, lang(), signed=signed, unit_first=unit_first,
                               missing="–")


def fmt_duration(seconds: float | None, decimals: int = 1) -> str:
    """A time in the unit it reads best in, in the session's language
    (``kcc.formatting.fmt_duration``): ``45,0 s``, ``17,0 min``, ``2,5 h``; ``–`` when missing."""
    return formatting.fmt_duration(seconds, lang(), decimals, missing="–")


def change_metric(where: Any, label: str, value: str, change: str, *, lower_is_better: bool = False,
                  **kwargs: Any) -> None:
    """A tile whose small print is a difference from the baseline. A difference that shows as
    none (``+0,0``, ``–``) is grey and has no arrow: a red up arrow over "+0,0" reads as a change
    for the worse. ``lower_is_better`` makes a fall green (staff, cost, abandonment)."""
    if formatting.shows_a_change(change):
        where.metric(label, value, change, delta_color="inverse" if lower_is_better else "normal", **kwargs)
    else:
        where.metric(label, value, change, delta_color="off", delta_arrow="off", **kwargs)


def fmt_compact(value: float | None, *, signed: bool = False, decimals: int = 1) -> str:
    """A big number short enough for a metric tile: ``593,674`` -> ``593.7k`` (``593,7k`` in
    Dutch), ``1,234,567`` -> ``1.23M`` (``1,23 mln``); below 10,000 the whole number. The unit
    belongs in the label. ``–`` for a missing value."""
    return formatting.fmt_compact(value, lang(), signed=signed, decimals=decimals)


def period_picker(tr: Translator, choices: list[int], current: int, state_key: str, widget_key: str) -> None:
    """The weeks of the plan horizon scenarios are evaluated over; the choice lives in
    ``state_key`` (owned by no widget) so every scenario page shares it."""
    if st.session_state.get(widget_key) not in choices or st.session_state.get(widget_key) != current:
        st.session_state[widget_key] = current
    st.selectbox(
        tr("levers.period"), choices, key=widget_key,
        format_func=lambda w: tr("levers.period_weeks", n=w),
        on_change=_copy_to_state, args=(widget_key, state_key),
    )
