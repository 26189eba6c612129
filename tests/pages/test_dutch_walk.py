"""Every page in Dutch (AppTest) shows no English: prose, metrics, widget labels and options,
tabs, expanders, table headers and cells, chart titles, axes and legends. The words looked for
are the app's own English texts that have a Dutch translation (``tests/english_words.py``).
The same walk checks that no table shows a raw "None" or "nan" cell."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.english_words import english_in, english_words, untranslated
from tests.pages.helpers import every_tab_of

PAGES = ("overview", "data", "forecast", "staffing", "levers", "scenarios", "export", "calculator", "engine_check")
_PROSE = {"title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error", "text",
          "exception"}
_CHOICES = {"selectbox", "radio", "multiselect", "select_slider"}
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TIME_ZONE = re.compile(r"^[A-Z][A-Za-z_]+/[A-Za-z0-9_/+-]+$")


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def _chart_texts(spec: str) -> list[str]:
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    out = [str(trace.get("name", "")) for trace in figure.get("data", [])]
    out += [str((layout.get("title") or {}).get("text", ""))]
    out += [str((value.get("title") or {}).get("text", "")) for key, value in layout.items()
            if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict)]
    out += [str(a.get("text", "")) for a in layout.get("annotations", [])]
    return [text for text in out if text]


def shown_table(node: Any) -> pd.DataFrame:
    """A table as the reader sees it: the cells as a ``Styler`` formats them, the headers as
    ``column_config`` labels them, hidden columns left out."""
    frame = node.value
    display = node.proto.arrow_data.styler.display_values
    if display:
        shown = convert_arrow_bytes_to_pandas_df(display)
        frame = pd.DataFrame(shown.to_numpy(), columns=frame.columns[: shown.shape[1]])
    config = json.loads(node.proto.columns or "{}")
    headers, keep = [], []
    for column in frame.columns:
        setting = config.get(str(column)) or config.get(f"name:{column}") or {}
        if setting.get("hidden") or (node.proto.column_order and str(column) not in node.proto.column_order):
            continue
        keep.append(column)
        headers.append(setting.get("label") or str(column))
    return pd.DataFrame(frame[keep].to_numpy(), columns=headers)


def _prose(text: str) -> str:
    """Markdown without its link targets (``staffing?channel=phone`` is an address)."""
    return _LINK_TARGET.sub("]", text)


def page_content(at: AppTest) -> tuple[list[str], list[pd.DataFrame]]:
    """Every text a reader sees on the page, and its tables."""
    texts: list[str] = []
    tables: list[pd.DataFrame] = []
    for node in _nodes(at._tree):
        kind = getattr(node, "type", "")
        if kind in _PROSE:
            texts.append(_prose(str(node.value)))
        elif kind == "metric":
            texts += [node.label, str(node.value)]
        elif kind in ("tab", "expander"):
            texts.append(node.label)
        elif kind == "dataframe":
            frame = shown_table(node)
            texts += [str(c) for c in frame.columns]
            # an editor's cells are the user's values (ids shown through its format_func, empty
            # cells to type in): its headers are the app's text
            if node.editing_mode == "read_only":
                texts += [str(v) for col in frame.columns if frame[col].dtype == object for v in frame[col]]
                tables.append(frame)
        elif kind == "plotly_chart":
            texts += _chart_texts(node.proto.spec)
        elif hasattr(node, "label"):  # widgets
            texts.append(str(node.label))
            if kind in _CHOICES:  # time zones are names (America/Lower_Princes), not words
                texts += [str(o) for o in node.options if not _TIME_ZONE.match(str(o))]
            if getattr(node, "help", None):
                texts.append(str(node.help))
            placeholder = getattr(node.proto, "placeholder", "") if hasattr(node, "proto") else ""
            if placeholder:
                texts.append(str(placeholder))
    return texts, tables


@pytest.fixture(scope="module")
def dutch_pages(shared_demo_db: Path) -> dict[str, tuple[list[str], list[pd.DataFrame]]]:
    """Each page run in Dutch on the demo centre, once per tab where only the open tab is drawn."""
    out = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=300)
        at.session_state["lang"] = "nl"
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        texts: list[str] = []
        tables: list[pd.DataFrame] = []
        for shown in every_tab_of(at, page, "nl"):  # a tabbed page draws only the open tab
            tab_texts, tab_tables = page_content(shown)
            texts += tab_texts
            tables += tab_tables
        out[page] = (texts, tables)
    return out


@pytest.mark.parametrize("page", PAGES)
def test_no_english_on_a_dutch_page(dutch_pages: dict[str, tuple[list[str], list[pd.DataFrame]]],
                                    page: str) -> None:
    texts, _tables = dutch_pages[page]
    assert texts, "the walk read the page"
    # the queue of a file without queues reads "standaard" (kcc.i18n.queue_name), so "default" counts
    assert english_in(texts) == {}


def _raw_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() in ("None", "nan", "NaN", "<NA>", "NaT")


@pytest.mark.parametrize("page", PAGES)
def test_no_table_shows_a_raw_none(dutch_pages: dict[str, tuple[list[str], list[pd.DataFrame]]],
                                   page: str) -> None:
    """A missing value reads "-" or a word, never Streamlit's grey "None"."""
    _texts, tables = dutch_pages[page]
    raw = [(list(frame.columns), col, i) for frame in tables for col in frame.columns
           for i, v in enumerate(frame[col]) if _raw_missing(v)]
    assert not raw, raw[:5]


def test_the_word_list_catches_english() -> None:
    words = english_words()
    assert {"abandoned", "forecast", "campaign"} <= words
    assert not {"chat", "backlog", "fte", "kpi", "whatsapp"} & words, "shared or neutral words stay out"
    assert english_in(["Abandoned", "Afgehaakt [%]"], words) == {"abandoned": "Abandoned"}
    assert english_in(["Browse files"], words)


def test_no_text_is_left_in_english() -> None:
    """A text whose Dutch is its English ("Random seed") holds only words Dutch texts use too,
    abbreviations and names: the walk's word list cannot see an untranslated text."""
    assert untranslated() == {}, "translate these, or add a neutral word to tests/english_words.py"
