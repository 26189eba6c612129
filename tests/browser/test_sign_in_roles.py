"""Sign-in and roles in a real browser: one live app with local accounts (``KCC_AUTH=local``,
the first admin from ``KCC_ADMIN_USER``), who adds a planner and a viewer on the Admin page;
then each role signs in and the pages show what each may do."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kcc.i18n import t
from tests.browser.conftest import (
    app_context,
    assert_no_exception,
    click_until_asked,
    open_page,
    serve_app,
    wait_idle,
    watch_runs,
)

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def signed_app(visited_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live app with sign-in on and no users yet: the admin ``ada`` comes from the
    environment at the first visit. The demo's forecasts and plans are stored already
    (``visited_demo_template``): these journeys are about who may do what."""
    db = tmp_path_factory.mktemp("signed") / "kcc.duckdb"
    shutil.copyfile(visited_demo_template, db)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"KCC_AUTH": "local", "KCC_ADMIN_USER": "ada", "KCC_ADMIN_PASSWORD": PASSWORD}.items():
            patch.setenv(name, value)
        with serve_app(db, tmp_path_factory.mktemp("signed-log") / "streamlit.log", user=None) as url:
            yield url


@pytest.fixture(scope="module")
def team(browser: object, signed_app: str) -> str:
    """The admin adds planner ``piet`` and viewer ``vera`` on the Admin page; the app's URL."""
    context = app_context(browser)
    page = context.new_page()
    watch_runs(page)
    page.set_default_timeout(90_000)
    _sign_in(page, signed_app, "ada", "admin")
    form = page.locator('[data-testid="stForm"]').filter(has_text=t("admin.add_button", "en"))
    for login, role in (("piet", "planner"), ("vera", "viewer")):
        form.get_by_label(t("access.login", "en"), exact=True).fill(login)
        form.get_by_role("combobox", name=t("admin.role", "en")).click()
        page.get_by_role("option", name=t(f"access.role.{role}", "en"), exact=True).click()
        form.get_by_label(t("access.password", "en"), exact=True).fill(PASSWORD)
        form.get_by_label(t("access.password_again", "en"), exact=True).fill(PASSWORD)
        click_until_asked(page, form.get_by_role("button", name=t("admin.add_button", "en")))
        page.get_by_text(t("admin.added", "en", login=login)).wait_for()
        wait_idle(page)
    context.close()
    return signed_app


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    context = app_context(browser)
    page = context.new_page()
    watch_runs(page)
    page.set_default_timeout(90_000)
    yield page
    context.close()


def _sign_in(page, url: str, login: str, path: str, lang: str = "en") -> None:  # noqa: ANN001
    """Open ``path`` signed out (the sign-in screen under its path), sign in, land on it."""
    open_page(page, url, path, lang=lang)
    assert page.locator("h1").first.inner_text().strip() == t("access.sign_in_title", lang)
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.count() == 0 or t("common.nav_data", lang) not in nav.inner_text(), "no pages before sign-in"
    page.get_by_label(t("access.login", lang), exact=True).fill(login)
    page.get_by_label(t("access.password", lang), exact=True).fill(PASSWORD)
    click_until_asked(page, page.get_by_role("button", name=t("access.sign_in", lang), exact=True))
    # the sign-in's run ends in a rerun, which draws the signed-in frame
    signed_in = t("access.signed_in_as", lang, login=login, role=t(f"access.role.{_ROLE[login]}", lang))
    page.locator('[data-testid="stSidebar"]').get_by_text(signed_in).wait_for()
    wait_idle(page)
    assert_no_exception(page)
    assert page.url.split("?")[0].endswith(f"/{path}"), "the page asked for opens after signing in"


_ROLE = {"ada": "admin", "piet": "planner", "vera": "viewer"}


def _go(page, label: str) -> None:  # noqa: ANN001 - a Playwright page
    """Open a page from the sidebar (a sign-in lasts for the tab's session, not a reload)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_text(label, exact=True).click()
    wait_idle(page)
    assert_no_exception(page)


def _upload_enabled(page) -> bool:  # noqa: ANN001 - a Playwright page
    return page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.is_enabled()


def test_a_wrong_password_is_refused(tab, team: str) -> None:  # noqa: ANN001
    open_page(tab, team, "data", lang="nl")
    tab.get_by_label(t("access.login", "nl"), exact=True).fill("vera")
    tab.get_by_label(t("access.password", "nl"), exact=True).fill("not her password")
    tab.get_by_role("button", name=t("access.sign_in", "nl"), exact=True).click()
    wait_idle(tab)
    assert tab.get_by_text(t("access.account_error.sign_in_failed", "nl")).count() == 1
    assert tab.locator("h1").first.inner_text().strip() == t("access.sign_in_title", "nl")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_viewer_sees_the_data_but_cannot_import(tab, team: str, lang: str) -> None:  # noqa: ANN001
    _sign_in(tab, team, "vera", "data", lang)
    assert tab.locator("h1").first.inner_text().strip() == t("data.title", lang)
    assert tab.get_by_text(t("access.denied.import", lang, role=t("access.role.viewer", lang),
                             needed=t("access.role.planner", lang))).count() == 1
    assert not _upload_enabled(tab)
    nav = tab.locator('[data-testid="stSidebarNav"]').inner_text()
    assert t("common.nav_admin", lang) not in nav


def test_a_planner_imports_but_manages_no_centres_or_users(tab, team: str) -> None:  # noqa: ANN001
    _sign_in(tab, team, "piet", "data")
    assert _upload_enabled(tab)
    assert tab.get_by_text(t("access.denied.manage_centres", "en", role="planner", needed="admin")).count() == 1
    assert tab.get_by_role("button", name=t("centres.manage.rename", "en")).count() == 0
    assert t("common.nav_admin", "en") not in tab.locator('[data-testid="stSidebarNav"]').inner_text()


def test_a_planner_on_the_admin_pages_address_is_told_why(tab, team: str) -> None:  # noqa: ANN001
    """An admin's link to the Admin page: after signing in a planner lands on it and reads why
    they may not manage users, in their language, not Streamlit's English "Page not found"."""
    _sign_in(tab, team, "piet", "admin", "nl")
    assert tab.locator('[role="dialog"]').count() == 0
    assert tab.locator("h1").first.inner_text().strip() == t("admin.title", "nl")
    assert tab.get_by_text(t("access.denied.manage_users", "nl", role=t("access.role.planner", "nl"),
                             needed=t("access.role.admin", "nl"))).count() == 1
    assert tab.get_by_role("button", name=t("admin.add_button", "nl")).count() == 0
    assert t("common.nav_admin", "nl") not in tab.locator('[data-testid="stSidebarNav"]').inner_text()


def test_an_admin_manages_users_and_signs_out(tab, team: str) -> None:  # noqa: ANN001
    _sign_in(tab, team, "ada", "admin")
    assert tab.locator("h1").first.inner_text().strip() == t("admin.title", "en")
    tab.locator('[data-testid="stDataFrame"]').first.wait_for()
    assert tab.get_by_role("button", name=t("admin.add_button", "en")).count() == 1
    users = tab.get_by_role("combobox", name=t("admin.pick", "en"))
    for _ in range(5):  # a click while the page still redraws can leave the list shut: try again
        wait_idle(tab)
        users.click()
        try:
            tab.get_by_role("option").first.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            tab.keyboard.press("Escape")
    assert [o.strip() for o in tab.get_by_role("option").all_inner_texts()] == ["ada", "piet", "vera"]
    tab.keyboard.press("Escape")
    _go(tab, t("common.nav_data", "en"))
    assert _upload_enabled(tab)
    assert tab.get_by_role("button", name=t("centres.manage.rename", "en")).count() == 1
    tab.get_by_role("button", name=t("access.sign_out", "en"), exact=True).click()
    wait_idle(tab)
    assert tab.locator("h1").first.inner_text().strip() == t("access.sign_in_title", "en")
