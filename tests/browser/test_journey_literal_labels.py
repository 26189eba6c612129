"""Hostile labels in a real browser: a database whose queue, import file, user and scenario are
named with Markdown, HTML, LaTeX and a Streamlit colour; Overview and a shared scenario link
show each name exactly as typed, draw no image, formula or em dash, and fetch nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from kcc.formatting import WORD_JOINER
from tests.browser.conftest import app_context, assert_no_exception, open_page, serve_app, wait_idle, watch_runs
from tests.pages.test_literal_labels import HOSTILE, LATE, fill_hostile


@pytest.fixture(scope="module")
def hostile_url(visited_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live app on the demo after its first visit plus hostile names (``fill_hostile``)."""
    db = tmp_path_factory.mktemp("hostile-browser") / "kcc.duckdb"
    shutil.copyfile(visited_demo_template, db)
    fill_hostile(db)
    with serve_app(db, tmp_path_factory.mktemp("hostile-log") / "streamlit.log", user=None) as url:
        yield url


def _shown(page) -> tuple[str, str]:  # noqa: ANN001 - a Playwright page
    """The main area's HTML and the text a reader sees (word joiners are invisible)."""
    main = page.locator('[data-testid="stMain"]')
    return main.inner_html(), main.inner_text().replace(WORD_JOINER, "")


def _assert_no_element_of_the_attacks(page) -> None:  # noqa: ANN001
    """The attacks imported as queue names and file names (the Overview's stale series, Data's
    loaded series and import history) put no element of theirs in the page."""
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('[data-testid="stMain"] script').count() == 0
    assert page.locator('[data-testid="stMain"] a[href="http://x"]').count() == 0


def test_names_read_as_typed_and_fetch_nothing(browser, hostile_url: str) -> None:  # noqa: ANN001
    context = app_context(browser)
    page = context.new_page()
    watch_runs(page)
    page.set_default_timeout(120_000)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    dialogs: list[str] = []  # an alert() from a label would open one
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        open_page(page, hostile_url)  # Overview: the stale queue, the last file and who imported it
        wait_idle(page, timeout_ms=180_000)
        assert_no_exception(page)
        _assert_no_element_of_the_attacks(page)
        html, text = _shown(page)
        assert f"Phone · {HOSTILE}: history ends" in text
        assert f"Last import: {HOSTILE}.csv by {HOSTILE} on" in text
        link = urlencode(LATE.to_query(name=HOSTILE))
        page.goto(f"{hostile_url}/scenarios?{link}")
        wait_idle(page, timeout_ms=180_000)
        assert_no_exception(page)
        scenarios_html, scenarios_text = _shown(page)
        assert f"Scenario “{HOSTILE}” opened from the link." in scenarios_text
        for markup in (html, scenarios_html):
            assert "<img" not in markup and "katex" not in markup and "<b>b</b>" not in markup
        for reading in (text, scenarios_text):
            assert "—x" not in reading  # "--" stays two hyphens
        # the loaded series and the import history on Data
        open_page(page, hostile_url, "data")
        wait_idle(page, timeout_ms=180_000)
        assert_no_exception(page)
        _assert_no_element_of_the_attacks(page)
    finally:
        context.close()
    assert not [url for url in fetched if url.startswith("http://127.0.0.1:9/")], "a label made the browser fetch"
    assert not dialogs, f"a label ran script: {dialogs}"
