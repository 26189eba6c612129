"""The Staffing and Strategy levers pages with every tab drawn and with only the open one, side
by side in one run.

Both pages draw only their open tab (``kcc.ui.widgets.lazy_tabs``). This script times them with
the code of the commit before that change (``BEFORE``: every tab drawn on every run, unpacked
into a temporary directory with ``git archive``) and with the working tree, each in a child
process of the same Python, each on its own demo database after its first visit (the forecasts
and plans of the default 13 weeks stored, as every later visit finds them):

* AppTest: the page's first run on a new copy of that database (its caches cold, as for a new
  centre or after an import) and a rerun with nothing changed (what every widget change costs
  at least);
* Chromium (Debian's, when installed): the page loaded in a new browser context until the app
  shows a finished run: the wall time, and the CPU the whole machine spent on it (browser and
  server, from ``/proc/stat``, so Linux only).

Each figure is the median of ``--repeats`` after one warm-up. Prints a Markdown table with the
ratio after / before and the machine facts.

Run: ``.venv/bin/python benchmarks/bench_tabs.py [--repeats N] [--before COMMIT] [--no-browser]``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from serving import serve  # noqa: E402
from trees import machine, run_in_tree, unpack  # noqa: E402

#: The commit before the pages drew only their open tab.
BEFORE = "7e93f81"
PAGES = ("staffing", "levers")
CHROMIUM = Path("/usr/bin/chromium")
#: True once the app shows a finished run and no element still waits for its component's code.
SHOWN = """() => !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    && !document.querySelector('[data-testid="stSkeleton"]')"""


def _machine_cpu_s() -> float:
    """CPU seconds the whole machine has spent (user, nice, system, interrupts, steal)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    busy = sum(int(fields[i]) for i in (0, 1, 2, 5, 6, 7))
    return busy / os.sysconf("SC_CLK_TCK")


def _visited_demo(root: str, path: Path) -> None:
    """The demo centre after its first visit, made with the code under ``root`` (the steps of
    ``visited_demo_template`` in ``tests/conftest.py``, written out here because the older tree
    has no function for them to call)."""
    from kcc import demo, jobs, pipeline, store

    con = store.connect(str(path))
    try:
        demo.load_demo(con)
        stored = store.read_settings(con)
        span = pipeline.horizon(store.series_summary(con), pipeline.DEFAULT_HORIZON_WEEKS,
                                long_range=pipeline.profile_choice(stored) is not None)
        jobs.run_job(con, span, pipeline.country(stored), executor_factory=contextlib.nullcontext)
    finally:
        con.close()


def _apptest(root: str, template: Path, folder: Path, page: str, repeats: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    first, rerun = [], []
    for copy in range(repeats + 1):  # copy 0 warms the imports up
        db = folder / f"{page}-{copy}.duckdb"
        shutil.copyfile(template, db)
        os.environ["KCC_DB_PATH"] = str(db)
        at = AppTest.from_file(str(Path(root) / "pages" / f"{page}.py"), default_timeout=600)
        start = time.perf_counter()
        at.run()
        middle = time.perf_counter()
        at.run()
        end = time.perf_counter()
        if at.exception:
            raise RuntimeError(at.exception[0].message)
        if copy:
            first.append(middle - start)
            rerun.append(end - middle)
    return {f"{page}: first run on a new copy, AppTest [s]": statistics.median(first),
            f"{page}: rerun, nothing changed, AppTest [s]": statistics.median(rerun)}


def _chromium(root: str, template: Path, folder: Path, repeats: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    db = folder / "served.duckdb"
    shutil.copyfile(template, db)
    out: dict[str, float] = {}
    with serve(Path(root) / "app.py", db) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for page_name in PAGES:
            wall, cpu = [], []
            for visit in range(repeats + 1):  # visit 0 warms the server's caches up
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                tab = context.new_page()
                tab.set_default_timeout(600_000)
                cpu_start, start = _machine_cpu_s(), time.perf_counter()
                tab.goto(f"{url}/{page_name}")
                tab.locator("h1").first.wait_for()
                tab.wait_for_function(SHOWN, polling=50)
                if visit:
                    wall.append(time.perf_counter() - start)
                    cpu.append(_machine_cpu_s() - cpu_start)
                context.close()
            out[f"{page_name}: load in Chromium, wall [s]"] = statistics.median(wall)
            out[f"{page_name}: load in Chromium, machine CPU [s]"] = statistics.median(cpu)
        browser.close()
    return out


def _measure(root: str, repeats: int, browser: bool) -> dict[str, float]:
    """The figures of both pages with the code under ``root``; runs in a child process so each
    tree imports its own ``kcc``."""
    sys.path.insert(0, root)
    import warnings

    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = folder / "visited.duckdb"
        _visited_demo(root, template)
        out: dict[str, float] = {}
        for page in PAGES:
            out.update(_apptest(root, template, folder, page, repeats))
        if browser:
            out.update(_chromium(root, template, folder, repeats))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--before", default=BEFORE, help="the commit to compare with")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium loads")
    args = parser.parse_args()
    browser = not args.no_browser and CHROMIUM.exists() and Path("/proc/stat").exists()
    with tempfile.TemporaryDirectory() as tmp:
        before = run_in_tree(unpack(args.before, Path(tmp)), "bench_tabs", "_measure", args.repeats, browser)
        after = run_in_tree(ROOT, "bench_tabs", "_measure", args.repeats, browser)
    print(f"Staffing and Strategy levers pages, every tab drawn ({args.before}) vs the open tab only "
          f"(working tree), median of {args.repeats}\n")
    print("| step | every tab | open tab only | open tab / every tab |")
    print("|---|---:|---:|---:|")
    for step, seconds in before.items():
        print(f"| {step} | {seconds:.2f} | {after[step]:.2f} | {after[step] / seconds:.2f}x |")
    print(f"\n{machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
