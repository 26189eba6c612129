"""One walk in Chromium over every page, each opened by its own path with ``?lang=nl`` (a
bookmark, a reload, a shared link): the page opens with no "Page not found" dialog under its
Dutch title and keeps its path and language; what the reader sees (Streamlit's own widget texts
included, which AppTest cannot see) holds no English word of the app's list; every chart
drawn on the page fits its frame at a 1400 px window; every tile's label shows whole, unit
included (Streamlit cuts a long label with an ellipsis), and the boxed tiles of a row are equally
high; the forecast chart's dates put the day first (Chromium's Plotly knows English month
names only, so Dutch axes use numbers). The root opens the Overview at its path, with the
sidebar in Dutch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kcc.i18n import t
from tests.browser import chart_fit
from tests.browser.conftest import assert_no_exception, open_page, serve_copy, wait_idle, x_ticks
from tests.english_words import english_in, english_words

#: Each page's path and the key of the title it shows.
TITLES = {
    "overview": "common.app_title", "data": "data.title", "forecast": "forecast.title",
    "staffing": "staffing.title", "strategy": "strategy.title", "levers": "levers.title",
    "scenarios": "scenarios.title", "export": "report.page_title", "capacity": "capacity.title",
    "calculator": "calc.title", "engine_check": "engine.title", "admin": "admin.title",
}
#: The page's text as a reader sees it, with the placeholders of its empty fields ("Choose
#: options" in an empty multiple choice) and without the names of Material icons (drawn as glyphs,
#: "keyboard_arrow_right" in the text) and Streamlit's "Skip to main content" link, which shows
#: only on keyboard focus and which its API cannot translate.
_SHOWN_TEXT = """() => {
  const style = document.createElement('style');
  style.textContent = '[data-testid="stIconMaterial"], [data-testid="stSkipToContent"] {display: none !important}';
  document.head.appendChild(style);
  const text = document.querySelector('[data-testid="stApp"]').innerText;
  style.remove();
  const placeholders = [...document.querySelectorAll('input[placeholder], textarea[placeholder]')]
    .filter((field) => field.offsetParent !== null && !field.value).map((field) => field.placeholder);
  return [text, ...placeholders].join('\\n');
}"""
#: The labels of the tiles shown that do not fit their line (cut with an ellipsis).
_CUT_LABELS = """() => [...document.querySelectorAll(
    '[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]')]
  .filter((label) => label.offsetParent !== null && label.scrollWidth > label.clientWidth)
  .map((label) => label.innerText)"""
#: The heights of the boxed tiles in each row of columns shown that has two or more. [px]
_BOXED_ROWS = """() => [...document.querySelectorAll('[data-testid="stHorizontalBlock"]')]
  .filter((row) => row.offsetParent !== null)
  .map((row) => [...row.querySelectorAll('[data-testid="stMetric"]')]
    .filter((tile) => getComputedStyle(tile).borderTopWidth !== '0px')
    .map((tile) => Math.round(tile.getBoundingClientRect().height)))
  .filter((heights) => heights.length > 1)"""
#: The texts the uploader's button and size line show (their ``::after`` content).
_UPLOADER_TEXTS = """(zone) => [
  '[data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"]',
  '[data-testid="stFileUploaderDropzoneInstructions"] > div',
].map((s) => getComputedStyle(zone.querySelector(s), '::after').content)"""


def _assert_opened_as(page: Any, path: str) -> None:
    """No dialog (Streamlit's "Page not found"), no error, the page's Dutch title, and the
    address still names the page and the language."""
    dialogs = page.locator('[role="dialog"]')
    assert dialogs.count() == 0, f"/{path}: {dialogs.first.inner_text()}"
    assert page.get_by_text("Page not found").count() == 0, path
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == t(TITLES[path], "nl"), path
    assert page.url.split("?")[0].endswith(f"/{path}"), page.url
    assert "lang=nl" in page.url, page.url


@pytest.fixture(scope="module")
def demo_url(visited_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on a copy of the demo of its own: the other journeys on ``app_url`` save names
    a user typed in English ("Phone till 22:00"), which are data, not the app's texts."""
    with serve_copy(visited_demo_template, tmp_path_factory, "dutch-walk") as url:
        yield url


def test_every_page_opens_by_its_path_in_dutch_shows_no_english_and_its_charts_fit(page: Any, demo_url: str) -> None:
    words = english_words()  # "default" too: the queue of a file without queues reads "standaard"
    english: dict[str, dict[str, str]] = {}
    misfits: list[str] = []
    cut: list[str] = []
    ragged: list[str] = []
    uploaders: dict[str, str] = {}
    for path in TITLES:
        open_page(page, demo_url, path, lang="nl")
        _assert_opened_as(page, path)
        shown = page.evaluate(_SHOWN_TEXT)
        found = english_in(shown.splitlines(), words)
        if found:
            english[path] = found
        for i, chart in enumerate(page.locator(".js-plotly-plot").all()):
            if not chart.is_visible():
                continue  # in a closed tab or expander
            chart.scroll_into_view_if_needed()
            drawn = chart.evaluate(chart_fit.MEASURE_JS)
            misfits += [f"{path} chart {i}: {p}" for p in
                        chart_fit.overlaps(drawn) + chart_fit.titles_over_plots(drawn)
                        + chart_fit.crowded_ticks(drawn) + chart_fit.clipped(drawn)]
        cut += [f"{path}: {label}" for label in page.evaluate(_CUT_LABELS)]
        ragged += [f"{path}: {heights} px" for heights in page.evaluate(_BOXED_ROWS) if len(set(heights)) > 1]
        if path == "forecast":
            labels = x_ticks(page)
            assert any(re.fullmatch(r"\d\d-20\d\d", label) for label in labels), labels  # 06-2026
            assert not any(re.search(r"[A-Z][a-z]{2}", label) for label in labels), labels
        # Streamlit's own texts are hidden and the Dutch ones drawn in their place, each
        # uploader with its own limit and file types, as Streamlit writes them in English
        for zone in page.locator('[data-testid="stFileUploaderDropzone"]').all():
            button, limit = zone.evaluate(_UPLOADER_TEXTS)
            assert button == '"Bestand kiezen"', path
            uploaders[path] = limit
    assert uploaders == {
        "data": '"Max. 1000 MB per bestand • CSV, TSV, TXT, XLSX, PARQUET"',
        "strategy": '"Max. 1 MB per bestand • PNG, JPG, JPEG"',  # the logo
        "capacity": '"Max. 10 MB per bestand • CSV, TXT"',  # the driver file
    }
    assert english == {}
    assert misfits == []
    assert cut == []
    assert ragged == []


def test_the_root_opens_the_overview_at_its_path(page: Any, demo_url: str) -> None:
    """The root with ``?lang=nl`` opens the Overview, and the language reaches the sidebar."""
    open_page(page, demo_url, "", lang="nl")
    _assert_opened_as(page, "overview")
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Overzicht" in nav and "Prognose" in nav


#: The hint under the field being typed in: its own text's size and its ``::after`` content.
_HINT = """(box) => { const span = box.querySelector('[data-testid="InputInstructions"] > span');
  return [getComputedStyle(span).fontSize, getComputedStyle(span, '::after').content]; }"""


def test_a_dutch_decimal_comma_is_read_and_the_typing_hint_is_dutch(page: Any, demo_url: str) -> None:
    """In Chromium, where Streamlit's number field dropped a typed comma ("90,5" s became 905):
    the Dutch calculator reads 90,5 s, and the hint under the field is Dutch."""
    open_page(page, demo_url, "calculator", lang="nl")
    field = page.get_by_label(t("calc.aht_s", "nl"), exact=True)
    field.fill("90,5")
    box = page.locator('[data-testid="stTextInput"]', has=field)
    assert box.evaluate(_HINT) == ["0px", '"Druk op Enter om het formulier te versturen"']
    field.press("Enter")
    wait_idle(page)
    assert_no_exception(page)
    load = page.locator('[data-testid="stMetric"]', has_text=t("calc.load", "nl"))
    assert load.locator('[data-testid="stMetricValue"]').inner_text() == "5,03 Erlang"  # 100 x 90.5 s / 30 min
