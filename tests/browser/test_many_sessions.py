"""Many planners at once on one server: every session opens the app by a deep link (every page is
someone's first visit), then changes Overview, Staffing and Strategy levers, and on Strategy
levers moves the weekday closing time by its own number of quarter-hours, applies it and saves
it as a scenario of its own name, all at the same time. Half of them work in Dutch.

Afterwards:
- no page showed an exception box or a dialog, and every page showed the frame (the sidebar's
  language switch): issue 12 met "connection is busy" boxes and frameless first visits with 3
  and 10 users;
- the server log holds no error, warning or lock message;
- every session still shows its own working scenario after going away and back (no one sees
  another's unsaved state);
- every scenario is in the store with the spec its session made (no lost write).

The suite runs six sessions: the fewest that keep every check meaningful (each page is the first
visit of two sessions, three work in Dutch and three in English, both staffing targets are set,
and the four lever steps are each made by one session and two of them by a second one, so "each
saved the spec it made" compares sessions that made the same spec and "four distinct specs"
tells them apart). Each session more costs the 2-core suite about half a minute and proves
nothing new; ``KCC_TEST_SESSIONS=10`` runs the middle size of the session benchmark and
``KCC_TEST_SESSIONS=20`` the team-server size. The sessions run in one Chromium (a context each) through
Playwright's async API, so they really overlap, on a server started for this test alone, so the
first visits are first. Each step waits for the app's own word that its runs are over
(``conftest.ScriptRuns``), never on sleeps.
"""

from __future__ import annotations

import json
import os
import re
import time
import warnings
from pathlib import Path

from kcc import store
from kcc.i18n import t
from tests.browser.conftest import (
    CLICK_LOST_S,
    IDLE,
    NO_MOTION,
    RUN_ASKED_S,
    SHOWN,
    VIEWPORT,
    ScriptRuns,
    load_aware_ms,
)
from tests.browser.many_sessions import run_sessions

#: Sessions at once: six in the suite (see the module's docstring), twenty with
#: ``KCC_TEST_SESSIONS=20``.
SESSIONS = int(os.environ.get("KCC_TEST_SESSIONS", "6"))
PAGES = ("overview", "staffing", "levers")
#: Distinct lever values: sessions with the same remainder make the same spec.
STEPS = 4
EXCEPTION = '[data-testid="stException"]'
#: What must not appear in the server log (a clean log only says where the app listens).
LOG_PROBLEM = re.compile(r"Traceback|Exception|Error|Warning|lock", re.IGNORECASE)
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


def _name(number: int) -> str:
    return f"Planner {number:02d} plan"


class _Session:
    """One person's browser tab and what went wrong in it."""

    def __init__(self, number: int, page) -> None:  # noqa: ANN001
        self.number, self.page, self.lang = number, page, "en"
        self.runs = ScriptRuns()
        page.on("websocket", self.runs.watch)
        self.problems: list[str] = []

    def tr(self, key: str, **fields: object) -> str:
        return t(key, self.lang, **fields)

    async def idle(self) -> None:
        await _idle(self.page, self.runs)

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
        await self.idle()

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
            await self.idle()  # the page draws only the open tab: the click reruns it
            field = page.get_by_label(self.tr("staffing.target_sl"))
            await field.fill(f"{80 + 5 * (number % 2)}")  # two targets: two plans to compute
            form = page.locator('[data-testid="stForm"]', has=field)
            await form.get_by_role("button", name=self.tr("staffing.apply")).click()
        else:
            await self.save_own_scenario()
        await self.idle()

    async def click_until_asked(self, button) -> None:  # noqa: ANN001 - a Playwright locator
        """The async twin of ``conftest.click_until_asked``: a click that asked for no run
        within ``CLICK_LOST_S`` (the browser lost it under load) is made once more."""
        asked = self.runs.asked
        await button.click()
        deadline = time.monotonic() + load_aware_ms(CLICK_LOST_S * 1000, SESSIONS) / 1000
        while self.runs.asked == asked and time.monotonic() < deadline:
            await self.page.wait_for_timeout(50)
        if self.runs.asked == asked:
            warnings.warn(f"session {self.number}: a click asked for no run within {CLICK_LOST_S:.0f} s: "
                          "clicked again", stacklevel=2)
            await button.click()

    async def save_own_scenario(self) -> None:
        """Later closing on weekdays by the session's own number of quarter-hours, applied and
        saved under the session's own name."""
        page = self.page
        weekdays = page.locator('[data-testid="stSlider"]').filter(has_text=self.tr("levers.mon_fri"))
        closing = weekdays.get_by_role("slider").nth(1)
        await closing.focus()
        for _ in range(1 + self.number % STEPS):
            await closing.press("ArrowRight")
        await page.get_by_role("button", name=self.tr("levers.apply")).first.click()
        await self.idle()
        await page.get_by_text(self.tr("levers.save_title")).click()
        save = self.tr("levers.save")
        form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name=save))
        await form.get_by_label(self.tr("scenarios.name")).fill(_name(self.number))
        await self.click_until_asked(form.get_by_role("button", name=save))
        await page.get_by_text(self.tr("scenarios.saved", name=_name(self.number))).wait_for()

    async def still_own_scenario(self) -> None:
        """Away and back (a reload would be a new session): the others have saved by now."""
        await self.open_by_nav("overview")
        await self.open_by_nav("levers")
        await self.check("levers again")
        if not await self.page.get_by_text(self.tr("levers.working_caption", name=_name(self.number))).count():
            self.problems.append(f"session {self.number}: its working scenario is not {_name(self.number)!r}")


async def _journey(browser, url: str, number: int) -> list[str]:  # noqa: ANN001
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(script=NO_MOTION)
    page = await context.new_page()
    page.set_default_timeout(load_aware_ms(RUN_MS, SESSIONS))
    session = _Session(number, page)
    order = PAGES[number % 3:] + PAGES[:number % 3]  # every page is someone's first visit
    # Overview is the default page: Streamlit serves it at the root, not at /overview.
    path = "" if order[0] == "overview" else order[0]
    try:
        await page.goto(f"{url}/{path}")
        await session.idle()
        await session.check(f"first visit to /{path}")
        for k, page_id in enumerate(order):
            if k:
                await session.open_by_nav(page_id)
                await session.check(f"{page_id} loaded")
            await session.change(page_id)
            await session.check(f"{page_id} changed")
        await session.still_own_scenario()
    except Exception as exc:  # noqa: BLE001 - a stuck page is a finding, reported with the rest
        session.problems.append(f"session {number}: {type(exc).__name__}: {exc}".splitlines()[0])
    finally:
        await context.close()
    return session.problems


def test_many_sessions_change_pages_and_save_their_own_scenarios(demo_db_template: Path, tmp_path: Path) -> None:
    run = run_sessions(demo_db_template, tmp_path, _journey, SESSIONS)
    assert run.problems == [], "\n".join(run.problems) + "\n--- server log ---\n" + run.server_log[-4000:]
    flagged = [line for line in run.server_log.splitlines() if LOG_PROBLEM.search(line)]
    assert flagged == [], "\n".join(flagged[:20])
    con = store.connect(str(run.db))
    try:
        saved = store.read_scenarios(con)
    finally:
        con.close()
    names = [_name(n) for n in range(SESSIONS)]
    mine = saved[saved["name"].isin(names)]
    assert sorted(mine["name"]) == sorted(names)  # no lost write
    specs = {row.name: json.dumps(row.spec, sort_keys=True) for row in mine.itertuples()}
    for n in range(SESSIONS):  # each saved the spec it made: one per lever step, all different
        assert {specs[_name(k)] for k in range(SESSIONS) if k % STEPS == n % STEPS} == {specs[_name(n)]}
    assert len(set(specs.values())) == min(STEPS, SESSIONS)
