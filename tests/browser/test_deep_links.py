"""Deep links: every page opens by its own path (a bookmark, a reload, a shared link) with no
"Page not found" dialog, and the root opens the Overview."""

from __future__ import annotations

import pytest

from kcc.i18n import t
from tests.browser.conftest import assert_no_exception, open_page

#: Each page's path and the key of the title it shows.
TITLES = {
    "overview": "common.app_title", "data": "data.title", "forecast": "forecast.title",
    "staffing": "staffing.title", "levers": "levers.title", "scenarios": "scenarios.title",
    "export": "report.page_title", "capacity": "capacity.title", "calculator": "calc.title",
    "engine_check": "engine.title",
}


def _assert_no_dialog(page) -> None:  # noqa: ANN001 - a Playwright page
    dialogs = page.locator('[role="dialog"]')
    assert dialogs.count() == 0, dialogs.first.inner_text()
    assert page.get_by_text("Page not found").count() == 0


@pytest.mark.parametrize("path", list(TITLES))
def test_every_page_opens_by_its_path_without_a_dialog(page, app_url: str, path: str) -> None:  # noqa: ANN001
    open_page(page, app_url, path, lang="nl")
    _assert_no_dialog(page)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == t(TITLES[path], "nl")
    assert page.url.split("?")[0].endswith(f"/{path}")
    assert "lang=nl" in page.url


def test_the_root_opens_the_overview_at_its_path(page, app_url: str) -> None:  # noqa: ANN001
    open_page(page, app_url, "", lang="nl")
    _assert_no_dialog(page)
    assert page.locator("h1").first.inner_text().strip() == t("common.app_title", "nl")
    assert page.url.split("?")[0].endswith("/overview") and "lang=nl" in page.url
