"""Page runs before and after the store reads of a page run were cut, side by side in one run.

Every page run asks the store a few questions before it draws anything: the data version for
its cache keys, whether the demo must be loaded, which centre it shows. This script times the
pages with the code of the commit before those reads were cut (``BEFORE``, unpacked into a
temporary directory with ``git archive``) and with the working tree, each in a child process of
the same Python, each on its own demo database after its first visit (the forecasts and plans
of the default 13 weeks stored, as every later visit finds them):

* a rerun with nothing changed under AppTest (what every click on a page costs at least), and
  the store cursors it opened (one per store call);
* the Forecast page's run after a scenario is saved (a write that changes no forecast).

Each figure is the median of ``--repeats`` after warm-up runs. Prints a Markdown table with the
ratio after / before and the machine facts.

Run: ``.venv/bin/python benchmarks/bench_page_reruns.py [--repeats N] [--before COMMIT]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_tabs import _visited_demo  # noqa: E402
from trees import machine, run_in_tree, unpack  # noqa: E402

#: The commit before the store reads of a page run were cut.
BEFORE = "c8fb717"
PAGES = ("overview", "staffing", "forecast", "levers", "capacity", "scenarios", "export", "data")


def _measure(root: str, repeats: int) -> dict[str, float]:
    """Rerun times [ms] and cursors per rerun of every page, and the Forecast page's run after
    a saved scenario [ms], with the code under ``root``; runs in a child process so each tree
    imports its own ``kcc``."""
    sys.path.insert(0, root)
    import warnings

    warnings.simplefilter("ignore")
    from streamlit.testing.v1 import AppTest

    # AppTest then waits on the run's thread instead of scanning its events every millisecond,
    # as the suite does; that scan takes the interpreter from the run and would be timed too.
    import tests.conftest  # noqa: F401
    from kcc import store
    from kcc.scenarios import ScenarioSpec
    from kcc.store import connection

    opened = [0]
    cursor = connection._duck_cursor

    def counted(*args: object, **kwargs: object) -> object:
        opened[0] += 1
        return cursor(*args, **kwargs)

    connection._duck_cursor = counted

    def run(page: str) -> float:
        at = AppTest.from_file(str(Path(root) / "pages" / f"{page}.py"), default_timeout=600)
        start = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - start
        if at.exception:
            raise RuntimeError(at.exception[0].message)
        return seconds

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "visited.duckdb"
        _visited_demo(root, db)
        os.environ["KCC_DB_PATH"] = str(db)
        os.environ.setdefault("KCC_USER", "Benchmark")
        for page in PAGES:
            for _ in range(2):  # the page's caches filled
                run(page)
            times, cursors = [], []
            for _ in range(repeats):
                opened[0] = 0
                times.append(run(page))
                cursors.append(opened[0])
            out[f"{page}: rerun, nothing changed [ms]"] = 1000 * statistics.median(times)
            out[f"{page}: store cursors per rerun"] = statistics.median(cursors)
        after_save = []
        for number in range(repeats):
            con = store.connect(str(db))
            spec = ScenarioSpec()
            store.save_scenario(con, name=f"Saved {number}", spec=spec.to_dict(), spec_version=spec.version,
                                user="Benchmark")
            con.close()
            after_save.append(run("forecast"))
        out["forecast: run after a scenario is saved [ms]"] = 1000 * statistics.median(after_save)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--before", default=BEFORE, help="the commit to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = run_in_tree(unpack(args.before, Path(tmp)), "bench_page_reruns", "_measure", args.repeats)
        after = run_in_tree(ROOT, "bench_page_reruns", "_measure", args.repeats)
    print(f"Page runs under AppTest, before ({args.before}) and after the store reads were cut "
          f"(working tree), median of {args.repeats}\n")
    print("| step | before | after | after / before |")
    print("|---|---:|---:|---:|")
    for step, value in before.items():
        places = 0 if "cursors" in step else 1
        print(f"| {step} | {value:.{places}f} | {after[step]:.{places}f} | {after[step] / value:.2f}x |")
    print(f"\n{machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
