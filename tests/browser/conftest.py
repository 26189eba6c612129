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
import warnings
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage", "--no-first-run", "--disable-component-update",
                 "--disable-sync"]


#: The two longest journeys (minutes each on 2 cores), each put at the head of one worker's half
#: of the run: ``make test`` runs the journeys with ``--dist worksteal``, which gives the first
#: worker the first half of the list and the second the rest, and lets an idle worker take the
#: other's queued journeys. Left where they were, both could run one after the other on one
#: worker while the other sat idle.
LONG_JOURNEYS = ("test_many_sessions.py", "test_real_centre_journey.py")


def _is_browser(item: pytest.Item) -> bool:
    return "tests/browser/" in item.nodeid.replace(os.sep, "/")


def _long_first(journeys: list[pytest.Item]) -> list[pytest.Item]:
    """``journeys`` with each of ``LONG_JOURNEYS`` at the head of one half (a file's tests stay
    together, so its module server is started once)."""
    heads = [[j for j in journeys if j.nodeid.split("::")[0].endswith(name)] for name in LONG_JOURNEYS]
    rest = [j for j in journeys if not any(j in head for head in heads)]
    cut = max(0, len(journeys) // 2 - len(heads[0]))
    return heads[0] + rest[:cut] + heads[1] + rest[cut:]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    slots = [k for k, item in enumerate(items) if _is_browser(item)]
    for k, item in zip(slots, _long_first([items[k] for k in slots]), strict=True):
        item.add_marker(pytest.mark.browser)
        items[k] = item


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


@contextmanager
def serve_copy(template: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[str]:
    """``serve_app`` on a private copy of the database ``template`` (a journey may write to
    it), in a temporary folder ``name`` with the log in ``<name>-log``: the base URL."""
    db = tmp_path_factory.mktemp(name) / "kcc.duckdb"
    shutil.copyfile(template, db)
    with serve_app(db, tmp_path_factory.mktemp(f"{name}-log") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def app_url(visited_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a live app on a private copy of the demo database after its first visit
    (``visited_demo_template``; the many-sessions journey makes the first visits)."""
    with serve_copy(visited_demo_template, tmp_path_factory, "browser") as url:
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


#: The journeys' tab size. [px]
VIEWPORT = {"width": 1400, "height": 1000}
#: A style sheet that stops CSS animations and transitions, put into every page of a journey's
#: context (Playwright turns animations off for its screenshots too). An animation on a tab that
#: waits for a busy server has Chromium draw frame after frame. In the many-sessions journey, six
#: tabs waiting at once, Chromium's CPU fell from 105-116 s to 89-96 s (two pairs of runs); a
#: single tab on an idle machine shows no difference. What the journeys check, the
#: words, numbers and charts a page ends up showing, does not move.
NO_MOTION = """document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { animation: none !important; transition: none !important; }';
  document.head.appendChild(style);
});"""


def app_context(browser: object, **options: object) -> object:
    """A new browser context for the app (``VIEWPORT`` unless ``options`` give one) whose pages
    draw no animation (``NO_MOTION``)."""
    context = browser.new_context(**{"viewport": VIEWPORT, **options})
    context.add_init_script(script=NO_MOTION)
    return context


@pytest.fixture
def page(browser: object, app_url: str) -> Iterator[object]:
    context = app_context(browser, accept_downloads=True)
    tab = context.new_page()
    watch_runs(tab)
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


#: The app element once the browser shows no run under way.
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
#: True once the page shows what the last run sent: no run under way and no element still a
#: placeholder while its component's code loads (after a page load those arrive late).
SHOWN = f"""() => !!document.querySelector('{IDLE}')
    && !document.querySelector('[data-testid="stSkeleton"]')"""
#: How long an action may take to ask for a run (the browser sends the request a moment after
#: a click returns). [s]
RUN_ASKED_S = 1.0
#: Most a busy machine stretches a wait (``load_aware_ms``).
MAX_LOAD_FACTOR = 4.0


def load_aware_ms(base_ms: float, sessions: int = 1) -> float:
    """``base_ms`` stretched by how busy the machine is: the sessions sharing the app, or the
    load average, per core (up to ``MAX_LOAD_FACTOR`` times)."""
    cores = os.cpu_count() or 1
    busy = max(1.0, sessions / cores, os.getloadavg()[0] / cores)
    return base_ms * min(busy, MAX_LOAD_FACTOR)


class ScriptRuns:
    """A tab's script runs as the app's own protocol reports them to the browser.

    ``st.rerun``, ``st.switch_page`` and a first visit's rerun into the frame end a run early
    and start another; in between the page shows "not running" with the half-built page, for
    as long as the loaded server takes to start the next run. Only a run that finishes without
    asking for another (``script_finished`` other than ``FINISHED_EARLY_FOR_RERUN``) is the
    end: ``pending`` stays true from the browser's rerun request until then.
    """

    def __init__(self) -> None:
        self.pending = False
        #: Runs finished for good. [count]
        self.finished = 0
        #: Runs the tab asked for. [count]
        self.asked = 0

    def watch(self, stream: object) -> None:
        """Follow one websocket of the tab (Playwright's ``page.on("websocket")``)."""
        if "/_stcore/stream" in stream.url:
            stream.on("framesent", self._sent)
            stream.on("framereceived", self._received)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes) and BackMsg.FromString(payload).WhichOneof("type") == "rerun_script":
            self.pending = True
            self.asked += 1

    def _received(self, payload: str | bytes) -> None:
        if not isinstance(payload, bytes):
            return
        msg = ForwardMsg.FromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.pending = True
        elif kind == "script_finished":
            self.pending = msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN
            if not self.pending:
                self.finished += 1


_RUNS: weakref.WeakKeyDictionary[object, ScriptRuns] = weakref.WeakKeyDictionary()


def watch_runs(page: object) -> ScriptRuns:
    """Follow ``page``'s script runs from now on (call it before the page opens the app)."""
    runs = _RUNS[page] = ScriptRuns()
    page.on("websocket", runs.watch)
    return runs


def wait_idle(page: object, timeout_ms: int = 90_000) -> None:
    """Wait until the app has finished the run an action asked for, and any run that one
    started (a tab followed by ``watch_runs``).

    A click or a page load asks for a run a moment after it returns, so an action that asked
    for nothing within ``RUN_ASKED_S`` leaves the page as it is. Then the wait ends on the
    app's own marks: the last run finished for good (``ScriptRuns``) and the page shows it
    (``SHOWN``).
    ``timeout_ms`` is stretched on a busy machine (``load_aware_ms``).
    """
    runs = _RUNS.get(page)
    if runs is None:
        raise RuntimeError("wait_idle needs a tab followed by watch_runs(page) before it opens the app")
    finished = runs.finished
    asked_by = time.monotonic() + RUN_ASKED_S
    while (not runs.pending and runs.finished == finished and time.monotonic() < asked_by
           and page.locator(IDLE).count()):
        page.wait_for_timeout(50)
    deadline = time.monotonic() + load_aware_ms(timeout_ms) / 1000
    while runs.pending or not page.evaluate(SHOWN):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app still runs after {load_aware_ms(timeout_ms) / 1000:.0f} s")
        page.wait_for_timeout(50)


#: How long a click on a form's submit button may take to ask for a run before it counts as lost
#: (``click_until_asked``); stretched on a busy machine. [s]
CLICK_LOST_S = 10.0


def click_until_asked(page: object, button: object) -> None:
    """Click ``button`` (a locator on ``page``, a tab followed by ``watch_runs``) and, when the
    click asked the app for no run within ``CLICK_LOST_S``, once more, as a person would.

    The journeys click this way on a form's button straight after typing into the form. Under
    load the click on Save as scenario made straight after typing the scenario's name was now
    and then lost: no run was asked for, ever (twice in 66 traced saves with three busy
    processes beside the browser, once with the pages drawing every tab and once drawing only
    the open one; two saves the journeys lost under load looked the same). A click otherwise
    asks within a second. A second click is made only when the first asked for nothing, so a
    save is never asked for twice, and a button that asks for nothing still fails its journey.
    """
    runs = _RUNS[page]
    asked = runs.asked
    button.click()
    deadline = time.monotonic() + load_aware_ms(CLICK_LOST_S * 1000) / 1000
    while runs.asked == asked and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    if runs.asked == asked:
        warnings.warn(f"a click asked for no run within {CLICK_LOST_S:.0f} s (stretched with the load): "
                      "clicked again", stacklevel=2)
        button.click()


def open_tab(page: object, name: str, timeout_ms: int = 120_000) -> object:
    """Click the tab ``name`` and wait until the page has drawn it: the visible tab panel.

    The Staffing and Strategy levers pages draw only the open tab, so the click asks for a run;
    on a busy machine the browser may send that request later than ``wait_idle`` waits for one,
    so this waits for a run that finishes after the click (none for a tab already open)."""
    tab = page.get_by_role("tab", name=name)
    if tab.get_attribute("aria-selected") != "true":
        runs = _RUNS[page]
        finished = runs.finished
        tab.click()
        deadline = time.monotonic() + load_aware_ms(timeout_ms) / 1000
        while runs.finished == finished:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no run after opening the tab {name!r}")
            page.wait_for_timeout(50)
    wait_idle(page, timeout_ms)
    return page.locator('[role="tabpanel"]:visible')


def x_ticks(page: object, timeout_ms: int = 60_000) -> list[str]:
    """The x-axis tick labels of the page's Plotly charts, once the first one is drawn."""
    ticks = page.locator(".js-plotly-plot .xtick text")
    ticks.first.wait_for(timeout=timeout_ms)
    return ticks.all_text_contents()


def open_page(page: object, app_url: str, path: str = "", lang: str | None = None) -> None:
    """Go to one page of the app and wait for it to finish rendering."""
    query = f"?lang={lang}" if lang else ""
    page.goto(f"{app_url}/{path}{query}")
    wait_idle(page)


def assert_no_exception(page: object) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()
