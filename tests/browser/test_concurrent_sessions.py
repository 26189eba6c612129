"""Eight people at once: every session opens the app on a fresh server by a deep link, then
loads and changes Overview, Staffing and Strategy levers, all at the same time.

Issue 12 measured exception boxes on most pages with 3 and 10 users (the shared connection was
"busy with another call") and pages without the frame for simultaneous first visitors. Here no
page may show an exception box, every page must show the frame (the sidebar's language
switch), and the server log must stay free of errors.

The sessions run in one Chromium (a context each) through Playwright's async API, so they
really overlap; the server is started for this test alone, so the first visits are first.
Each step waits for the app's own word that its runs are over (``conftest.ScriptRuns``): a
first visit by a deep link reruns into the frame, and on a loaded server the page sits idle
and frameless between those two runs for seconds, longer than any fixed pause.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from kcc.i18n import t
from tests.browser.conftest import IDLE, RUN_ASKED_S, SHOWN, ScriptRuns, load_aware_ms
from tests.browser.many_sessions import run_sessions

SESSIONS = 8
PAGES = ("overview", "staffing", "levers")
EXCEPTION = '[data-testid="stException"]'
#: What must not appear in the server log (a clean log only says where the app listens).
LOG_PROBLEM = re.compile(r"Traceback|Exception|Error|Warning", re.IGNORECASE)
#: Longest wait for one run on a machine with one session per core. [ms]
RUN_MS = 180_000


async def _idle(page, runs: ScriptRuns) -> None:  # noqa: ANN001 - a Playwright page
    """The async twin of ``conftest.wait_idle``: a run asked for within a second, and every
    run it started, finished for good (the app's own ``script_finished``), and the page
    showing it (``SHOWN``). The wait grows with the sessions per core (``load_aware_ms``)."""
    finished = runs.finished
    asked_by = time.monotonic() + RUN_ASKED_S
    while (not runs.pending and runs.finished == finished and time.monotonic() < asked_by
           and await page.locator(IDLE).count()):
        await page.wait_for_timeout(50)
    wait_ms = load_aware_ms(RUN_MS, SESSIONS)
    deadline = time.monotonic() + wait_ms / 1000
    while runs.pending or not await page.evaluate(SHOWN):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app still runs after {wait_ms / 1000:.0f} s")
        await page.wait_for_timeout(50)


class _Session:
    """One person's browser tab and what went wrong in it."""

    def __init__(self, number: int, page) -> None:  # noqa: ANN001
        self.number, self.page, self.lang = number, page, "en"
        self.runs = ScriptRuns()
        page.on("websocket", self.runs.watch)
        self.problems: list[str] = []

    def tr(self, key: str) -> str:
        return t(key, self.lang)

    async def check(self, step: str) -> None:
        """No exception box or dialog, and the frame around the page (the language switch)."""
        boxes = self.page.locator(EXCEPTION)
        if await boxes.count():
            error = (await boxes.first.inner_text()).strip().splitlines()[0]
            self.problems.append(f"session {self.number}, {step}: {error}")
        dialog = self.page.get_by_role("dialog")  # e.g. Streamlit's "Page not found"
        if await dialog.count():
            text = (await dialog.first.inner_text()).strip().splitlines()[0]
            self.problems.append(f"session {self.number}, {step}: a dialog: {text}")
        switch = self.page.locator('[data-testid="stSidebar"]').get_by_role(
            "combobox", name=self.tr("common.language"))
        if not await switch.count():
            self.problems.append(f"session {self.number}, {step}: no frame (language switch)")

    async def open_by_nav(self, page_id: str) -> None:
        nav = self.page.locator('[data-testid="stSidebarNav"]')
        await nav.get_by_text(self.tr(f"common.nav_{page_id}"), exact=True).click()
        await _idle(self.page, self.runs)

    async def change(self, page_id: str) -> None:
        page, number = self.page, self.number
        if page_id == "overview":
            if number % 2:  # half of the people switch to Dutch, the others give their name
                await page.get_by_role("combobox", name=self.tr("common.language")).click()
                await page.get_by_role("option", name="Nederlands", exact=True).click()
                self.lang = "nl"
            else:
                name = page.get_by_label(self.tr("common.user"))
                await name.fill(f"Planner {number}")
                await name.press("Enter")
        elif page_id == "staffing":
            await page.get_by_role("tab", name=self.tr("staffing.tab_targets")).click()
            field = page.get_by_label(self.tr("staffing.target_sl"))
            await field.fill(f"{80 + 5 * (number % 2)}")  # two targets: two plans to compute
            form = page.locator('[data-testid="stForm"]', has=field)
            await form.get_by_role("button", name=self.tr("staffing.apply")).click()
        else:  # later closing on weekdays, by one or two quarter-hours
            weekdays = page.locator('[data-testid="stSlider"]').filter(
                has_text=self.tr("levers.mon_fri"))
            closing = weekdays.get_by_role("slider").nth(1)
            await closing.focus()
            for _ in range(1 + number % 2):
                await closing.press("ArrowRight")
            await page.get_by_role("button", name=self.tr("levers.apply")).first.click()
        await _idle(page, self.runs)


async def _journey(browser, url: str, number: int) -> list[str]:  # noqa: ANN001
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(load_aware_ms(RUN_MS, SESSIONS))
    session = _Session(number, page)
    order = PAGES[number % 3:] + PAGES[:number % 3]  # every page is someone's first visit
    # Overview is the default page: Streamlit serves it at the root, not at /overview.
    path = "" if order[0] == "overview" else order[0]
    try:
        await page.goto(f"{url}/{path}")
        await _idle(page, session.runs)
        await session.check(f"first visit to /{path}")
        for k, page_id in enumerate(order):
            if k:
                await session.open_by_nav(page_id)
                await session.check(f"{page_id} loaded")
            await session.change(page_id)
            await session.check(f"{page_id} changed")
    except Exception as exc:  # noqa: BLE001 - a stuck page is a finding, reported with the rest
        session.problems.append(f"session {number}: {type(exc).__name__}: {exc}".splitlines()[0])
    finally:
        await context.close()
    return session.problems


def test_eight_sessions_load_and_change_pages_without_errors(
    demo_db_template: Path, tmp_path: Path
) -> None:
    run = run_sessions(demo_db_template, tmp_path, _journey, SESSIONS)
    problems, server_log = run.problems, run.server_log
    assert problems == [], "\n".join(problems) + "\n--- server log ---\n" + server_log[-4000:]
    flagged = [line for line in server_log.splitlines() if LOG_PROBLEM.search(line)]
    assert flagged == [], "\n".join(flagged[:20])
