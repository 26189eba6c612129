"""Real-browser harness: ``streamlit run app.py`` on a free loopback port, driven by Playwright
in Debian's headless Chromium. Every browser journey reuses these fixtures."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage", "--no-first-run", "--disable-component-update",
                 "--disable-sync"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, server: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout_s} s")


@contextmanager
def serve_app(db: Path, log_path: Path, *, user: str | None = "Browser test") -> Iterator[str]:
    """``streamlit run app.py`` on ``db`` with its output in ``log_path``: the base URL.
    ``user`` is the name every session starts with (None: none set)."""
    port = _free_port()
    env = {**os.environ, "KCC_DB_PATH": str(db)}
    if user is not None:
        env["KCC_USER"] = user
    log = log_path.open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none",
         # a failing journey should print the error itself, not the redacted board-room text
         "--client.showErrorDetails", "full"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, timeout_s=60)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="session")
def app_url(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a live app on a private copy of the demo database."""
    db = tmp_path_factory.mktemp("browser") / "kcc.duckdb"
    shutil.copyfile(demo_db_template, db)
    with serve_app(db, tmp_path_factory.mktemp("browser-log") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, app_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


def wait_idle(page: object, timeout_ms: int = 90_000) -> None:
    """Wait until the script has finished its run (Streamlit marks the app element).

    A click or a page load asks for a run that may start a moment later, and a page opened by
    its address runs twice (the frame reruns into it); on a busy machine the gap can outlast a
    short pause. So: give a run up to a second to start, then wait until the app has stayed
    idle for 600 ms.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    idle = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    try:
        page.wait_for_selector('[data-testid="stApp"]:not([data-test-script-state="notRunning"])',
                               timeout=1_000)
    except PlaywrightTimeout:
        pass  # the run was over before we looked, or none was due
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        page.wait_for_selector(idle, timeout=max(1.0, (deadline - time.monotonic()) * 1000))
        page.wait_for_timeout(600)
        if page.locator(idle).count():
            return


def open_page(page: object, app_url: str, path: str = "", lang: str | None = None) -> None:
    """Go to one page of the app and wait for it to finish rendering."""
    query = f"?lang={lang}" if lang else ""
    page.goto(f"{app_url}/{path}{query}")
    wait_idle(page)


def assert_no_exception(page: object) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()
