"""Steps the file journeys share (``test_daily_file_journey``, ``test_real_centre_journey``):
a tab of their own, going to a page, reading a metric, uploading a file into a new centre, and
building and downloading the board deck and workbook. Not a test file: the journeys import it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kcc.i18n import t
from tests.browser.conftest import app_context, assert_no_exception, click_until_asked, wait_idle, watch_runs

METRIC = '[data-testid="stMetric"]'


@contextmanager
def journey_tab(browser: object) -> Iterator[object]:
    """A tab in a browser context of its own that accepts downloads, followed by
    ``watch_runs``; the context is closed afterwards."""
    context = app_context(browser, accept_downloads=True)
    try:
        page = context.new_page()
        watch_runs(page)
        page.set_default_timeout(120_000)
        yield page
    finally:
        context.close()


def metric(page, label: str) -> str:  # noqa: ANN001 - a Playwright page
    """The value of the metric tile labelled ``label``, as shown."""
    tile = page.locator(METRIC).filter(has=page.locator('[data-testid="stMetricLabel"]', has_text=label))
    assert tile.count() >= 1, f"no metric {label!r}"
    return tile.first.locator('[data-testid="stMetricValue"]').inner_text().strip()


def go(page, url: str, path: str, query: str) -> None:  # noqa: ANN001
    """Open ``path`` with ``query`` and wait until it has been drawn without an error."""
    page.goto(f"{url}/{path}?{query}")
    wait_idle(page, timeout_ms=240_000)
    assert_no_exception(page)


def upload_into_new_centre(page, url: str, file: Path, name: str) -> str:  # noqa: ANN001
    """On the Data page, upload ``file``, create the centre ``name`` it offers, and import the
    file with the mapping proposed, unedited: the query naming the new centre (``centre=...``)."""
    go(page, url, "data", "")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(file))
    wait_idle(page)
    form = page.locator('[data-testid="stForm"]').filter(
        has=page.get_by_role("button", name=t("centres.first.create", "en")))
    form.get_by_label(t("centres.name", "en"), exact=True).fill(name)
    click_until_asked(page, form.get_by_role("button", name=t("centres.first.create", "en")))
    wait_idle(page)
    query = page.url.split("?", 1)[1]
    assert query.startswith("centre="), page.url
    page.get_by_role("button", name="Import", exact=True).click()
    wait_idle(page, timeout_ms=240_000)
    assert_no_exception(page)
    assert file.name in page.locator('[data-testid="stAlertContentSuccess"]').first.inner_text()
    return query


def generate_and_download(page, lang: str, folder: Path) -> dict[str, bytes]:  # noqa: ANN001
    """On the Export page, build the board summary and download its deck and workbook (saved
    in ``folder``, named for ``lang``): their bytes by format, ``pptx`` and ``xlsx``."""
    page.get_by_role("button", name=t("report.generate", lang)).click()
    wait_idle(page, timeout_ms=300_000)
    assert_no_exception(page)
    files = {}
    for fmt in ("pptx", "xlsx"):
        with page.expect_download() as download:
            page.get_by_role("button", name=t("report.download", lang, fmt=fmt.upper())).click()
        target = folder / f"{lang}-{download.value.suggested_filename}"
        download.value.save_as(target)
        files[fmt] = target.read_bytes()
    return files
