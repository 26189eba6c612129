"""Page-change latency with 1, 10 and 20 browser sessions at once, against a bare Streamlit page.

Serves the app (``streamlit run app.py`` on a fresh copy of the demo centre) and drives it with
N concurrent Chromium contexts (one browser, Playwright's async API). After one warm-up visit
(forecasts, plan and scenario baseline cached, as on a server that has been up for a while),
every session repeats a cycle through the sidebar: Overview -> Staffing -> Strategy levers ->
Overview. A sample is the time from the click until the new page's title is drawn and the app
has finished its run. Each change reruns the page: store reads on the shared connection (data
version, volume fingerprint, settings) and the cached plan, KPI tiles and charts.

The named peer is a bare Streamlit page (a title, a run counter and a button) served the same
way, whose sessions press the button as often: the latency of the server, the websocket and
Chromium alone on this machine, at the same number of sessions. The app with the old
connection model is not available as a peer: it failed under concurrent sessions.

Run: ``.venv/bin/python benchmarks/bench_sessions.py [--cycles N]``; needs Debian's Chromium.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.serving import serve  # noqa: E402
from kcc.i18n import t  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking"]
SESSION_COUNTS = (1, 10, 20)
HELLO = """import streamlit as st

st.session_state.runs = st.session_state.get("runs", 0) + 1
st.title("Hello")
st.write(f"Run {st.session_state.runs}")
st.button("Again", key="again")
"""
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SETTLED_S = 0.4  # a run is over when the page has stayed idle this long


async def _timed(page, action: Callable[[], Awaitable[object]], done) -> float:  # noqa: ANN001
    """Seconds from ``action`` until ``done`` (a locator the new run draws) is visible and the
    app has finished its run (idle, and still idle ``SETTLED_S`` later)."""
    start = time.perf_counter()
    await action()
    await done.first.wait_for(state="visible")
    while True:
        await page.wait_for_selector(IDLE)
        end = time.perf_counter()
        await asyncio.sleep(SETTLED_S)
        if await page.locator(IDLE).count():
            return end - start


async def _app_session(browser, url: str, number: int, cycles: int) -> list[float]:  # noqa: ANN001, ARG001
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(600_000)
    await page.goto(url)  # Overview, the default page
    title = page.locator("h1")
    await title.filter(has_text=t("common.app_title")).first.wait_for()
    nav = page.locator('[data-testid="stSidebarNav"]')
    samples = []
    for _ in range(cycles):
        for page_id, heading in (("staffing", "staffing.title"), ("levers", "levers.title"),
                                 ("overview", "common.app_title")):
            samples.append(await _timed(
                page, nav.get_by_text(t(f"common.nav_{page_id}"), exact=True).click,
                title.filter(has_text=t(heading))))
    await context.close()
    return samples


async def _hello_session(browser, url: str, number: int, cycles: int) -> list[float]:  # noqa: ANN001, ARG001
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(600_000)
    await page.goto(url)
    await page.get_by_text("Run 1", exact=True).wait_for()
    button = page.get_by_role("button", name="Again")
    samples = [await _timed(page, button.click, page.get_by_text(f"Run {k}", exact=True))
               for k in range(2, 2 + 3 * cycles)]
    await context.close()
    return samples


async def _run(url: str, session, counts: tuple[int, ...], cycles: int) -> dict[int, list[float]]:  # noqa: ANN001
    from playwright.async_api import async_playwright

    out: dict[int, list[float]] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        await session(browser, url, 0, 1)  # warm-up: forecasts and plan cached
        for n in counts:
            found = await asyncio.gather(*(session(browser, url, k, cycles) for k in range(n)))
            out[n] = [s for samples in found for s in samples]
        await browser.close()
    return out


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=2, help="cycles per session (3 samples each)")
    parser.add_argument("--server-log", type=Path, default=Path(os.devnull),
                        help="append the servers' output to this file")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print("Debian chromium is not installed (apt-get install chromium): nothing measured")
        return

    from kcc import demo, store

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "kcc.duckdb"
        con = store.connect(str(db))
        demo.load_demo(con)
        con.close()
        hello = Path(folder) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        with serve(ROOT / "app.py", db, args.server_log) as url:
            ours = asyncio.run(_run(url, _app_session, SESSION_COUNTS, args.cycles))
        with serve(hello, Path(folder) / "unused.duckdb", args.server_log) as url:
            peer = asyncio.run(_run(url, _hello_session, SESSION_COUNTS, args.cycles))

    base = statistics.median(ours[1])
    print(f"Page-change latency, {args.cycles} cycles per session (Overview -> Staffing -> "
          "Strategy levers -> Overview from the sidebar) [s]\n")
    print("| sessions | samples | median | p90 | median vs 1 session | bare Streamlit page: "
          "median | p90 | median vs bare page |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in SESSION_COUNTS:
        med, p90 = statistics.median(ours[n]), _p90(ours[n])
        peer_med, peer_p90 = statistics.median(peer[n]), _p90(peer[n])
        print(f"| {n} | {len(ours[n])} | {med:.2f} | {p90:.2f} | {med / base:.1f}x | "
              f"{peer_med:.2f} | {peer_p90:.2f} | {med / peer_med:.0f}x |")


if __name__ == "__main__":
    main()
