"""Set-up of the many-sessions journey (``test_many_sessions``): a server of its own on a copy
of the demo database, and the sessions at once in one Chromium, a context each, through
Playwright's async API, so they really overlap. Not a test file: the journey imports it."""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve_app

#: One session: ``(browser, base URL, its number)`` -> what went wrong, as lines.
Session = Callable[[object, str, int], Awaitable[list[str]]]


@dataclass(frozen=True)
class SessionsRun:
    """What the sessions found, the server's log and the database they wrote to."""

    problems: list[str]
    server_log: str
    db: Path


async def _all_sessions(url: str, session: Session, count: int) -> list[str]:
    from playwright.async_api import async_playwright  # only once Chromium is known to be there

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            found = await asyncio.gather(*(session(browser, url, n) for n in range(count)))
        finally:
            await browser.close()
    return [problem for problems in found for problem in problems]


def run_sessions(template: Path, folder: Path, session: Session, count: int) -> SessionsRun:
    """Serve a copy of the database ``template`` from ``folder`` on a server started for this
    run alone (so the first visits are first) and run ``count`` sessions on it at once.

    Skips when Debian's Chromium is not installed.
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    db = folder / "kcc.duckdb"
    shutil.copyfile(template, db)
    log = folder / "streamlit.log"
    with serve_app(db, log) as url:
        # a thread of its own: the sync Playwright of the other journeys may hold this one's loop
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as runner:
            problems = runner.submit(asyncio.run, _all_sessions(url, session, count)).result()
    return SessionsRun(problems, log.read_text(encoding="utf-8", errors="replace"), db)
