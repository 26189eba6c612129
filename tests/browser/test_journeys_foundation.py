"""Browser journeys of the foundation: every page opens; an upload lands in the summary."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_no_exception, open_page, wait_idle
from tests.conftest import real_file

PAGES = ["", "data", "forecast", "staffing", "levers", "scenarios", "export", "calculator",
         "engine_check"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "overview")
def test_every_page_opens_without_error(page, app_url: str, path: str) -> None:
    open_page(page, app_url, path)
    assert_no_exception(page)
    assert page.locator("h1").count() >= 1, f"page {path or 'overview'} shows no title"


def test_language_switch_reaches_the_page(page, app_url: str) -> None:
    open_page(page, app_url, "", lang="nl")
    assert_no_exception(page)
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Overzicht" in nav and "Prognose" in nav
