"""Rerun time of the Staffing page after a target or a shrinkage change (AppTest and browser).

Loads the demo centre (two years of 15-minute history, four channels) into a temporary
database and runs ``pages/staffing.py`` headless with AppTest, once with the default 13-week
horizon and once planning a whole year (52 weeks, 34,944 intervals per channel). Per horizon it
times the first load (forecasts of every series and the plan), an unchanged rerun, and reruns
after changing the phone service-level target, the shrinkage and the contract hours (each
applied through its form), and reports the median of the repeats. With Debian's Chromium
installed it also drives the real app (``streamlit run app.py``) through Playwright and times
"type a new service-level target, press Apply" until the page has finished rerunning. Prints
markdown tables.

Run: ``.venv/bin/python benchmarks/bench_staffing_page.py [--repeats N] [--no-browser]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.serving import serve  # noqa: E402
from kcc.i18n import t  # noqa: E402
from kcc.ui.views.staffing import TAB_KEY  # noqa: E402

PAGE = str(ROOT / "pages" / "staffing.py")
CHROMIUM = Path("/usr/bin/chromium")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _check(at: object) -> None:
    if at.exception:  # type: ignore[attr-defined]
        raise RuntimeError(at.exception[0].message)  # type: ignore[attr-defined]


def bench_horizon(weeks: int, repeats: int) -> dict[str, float]:
    """Seconds per step for one plan horizon (medians over ``repeats``)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(PAGE, default_timeout=600)
    at.session_state["plan.horizon_weeks"] = weeks
    at.session_state[TAB_KEY] = t("staffing.tab_targets")  # the page draws only the open tab
    out = {"first load (forecast + plan)": _timed(at.run)}
    _check(at)
    steps: dict[str, list[float]] = {"unchanged rerun": [], "service-level target": [],
                                     "shrinkage": [], "contract hours (budget form)": []}
    for k in range(repeats):
        steps["unchanged rerun"].append(_timed(at.run))
        at.number_input(key="staffing.target_sl").set_value(85.0 + (k % 2) * 5.0)
        at.button(key="staffing.targets_apply").click()
        steps["service-level target"].append(_timed(at.run))
        _check(at)
        at.number_input(key="staffing.shrinkage").set_value(28.0 + (k % 2) * 4.0)
        at.button(key="staffing.targets_apply").click()
        steps["shrinkage"].append(_timed(at.run))
        _check(at)
        at.session_state[TAB_KEY] = t("staffing.tab_budget")
        at.run()
        at.number_input(key="staffing.contract_hours").set_value(36.0 + (k % 2) * 2.0)
        at.button(key="staffing.budget_apply").click()
        steps["contract hours (budget form)"].append(_timed(at.run))
        _check(at)
        at.session_state[TAB_KEY] = t("staffing.tab_targets")
        at.run()
    out.update({name: statistics.median(values) for name, values in steps.items()})
    return out


def _wait_idle(page: object) -> None:
    page.wait_for_timeout(150)  # type: ignore[attr-defined]
    page.wait_for_selector(IDLE, timeout=600_000)  # type: ignore[attr-defined]


def bench_browser(db: Path, repeats: int) -> dict[str, float]:
    """Seconds from pressing Apply on a new target until the page is idle, in Chromium."""
    from playwright.sync_api import sync_playwright

    with serve(ROOT / "app.py", db) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(600_000)
        start = time.perf_counter()
        page.goto(f"{url}/staffing")
        page.wait_for_selector(IDLE)
        page.get_by_text(t("common.kpi_required_fte")).first.wait_for()
        first = time.perf_counter() - start
        page.get_by_role("tab", name=t("staffing.tab_targets")).click()
        _wait_idle(page)  # the page draws only the open tab: the click reruns it
        field = page.get_by_label(t("staffing.target_sl"))
        form = page.locator('[data-testid="stForm"]', has=field)
        times = []
        for k in range(repeats):
            field.fill(f"{85 + (k % 2) * 5:.2f}")
            start = time.perf_counter()
            form.get_by_role("button", name=t("staffing.apply")).click()
            _wait_idle(page)
            times.append(time.perf_counter() - start)
        browser.close()
    return {"first load (forecast + plan)": first, "service-level target": statistics.median(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium run")
    args = parser.parse_args()

    from kcc import demo, store

    browser: dict[str, float] | None = None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kcc.duckdb"
        con = store.connect(str(path))
        demo.load_demo(con)
        con.close()
        os.environ["KCC_DB_PATH"] = str(path)
        results = {weeks: bench_horizon(weeks, args.repeats) for weeks in (13, 52)}
        if not args.no_browser and CHROMIUM.exists():
            # a second process cannot open a DuckDB file this one holds: use a fresh copy
            fresh = Path(folder) / "browser.duckdb"
            con = store.connect(str(fresh))
            demo.load_demo(con)
            con.close()
            browser = bench_browser(fresh, args.repeats)

    print(f"Staffing page (AppTest), demo centre, median of {args.repeats} reruns [s]\n")
    print("| step | 13-week plan | 52-week plan |")
    print("|---|---:|---:|")
    for step in results[13]:
        print(f"| {step} | {results[13][step]:.2f} | {results[52][step]:.2f} |")
    print("\nThe budget form re-prices the plan only: the queueing maths is cached apart from costs "
          "and contract hours.")
    if browser is not None:
        print(f"\nStaffing page in Chromium (streamlit run, 13-week plan), median of {args.repeats} [s]\n")
        print("| step | seconds |")
        print("|---|---:|")
        for step, seconds in browser.items():
            print(f"| {step} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
