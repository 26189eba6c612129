"""Write the golden files: ``python -m tests.golden.capture`` from the project root.

Regenerate them only for a deliberate, reviewed change of numbers (a new model, a fixed bug),
never to make ``tests/test_golden.py`` pass after a restructuring: that test exists to prove a
restructuring changed nothing. Commit the new files with the change that explains them.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any, Final

import pandas as pd

if __package__ in (None, ""):  # run as a file: put the project root first on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.golden.compute import GoldenRun, run  # noqa: E402 - after the path fix

FOLDER: Final[Path] = Path(__file__).resolve().parent
#: The 13-week interval plan, one row per channel and interval.
PLAN_FILE: Final[Path] = FOLDER / "plan.parquet"
#: Every scenario's plan and demand summed per channel and local day.
SCENARIO_DAYS_FILE: Final[Path] = FOLDER / "scenario_days.parquet"
#: The JSON files, one per part of ``GoldenRun.numbers``.
JSON_FILES: Final[dict[str, Path]] = {
    "plan_views": FOLDER / "plan_views.json",
    "scenarios": FOLDER / "scenarios.json",
    "report": FOLDER / "report.json",
}


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    # zstd and no pandas index: small files whose bytes follow from the numbers alone
    frame.to_parquet(path, engine="pyarrow", compression="zstd", index=False)


def _write_json(value: Any, path: Path) -> None:
    # NaN stays NaN (Python's json writes and reads it); sorted keys keep diffs readable
    path.write_text(json.dumps(value, indent=1, sort_keys=True, allow_nan=True) + "\n",
                    encoding="utf-8")


def write(golden: GoldenRun) -> list[Path]:
    """Write ``golden`` to the files of this folder; returns their paths."""
    _write_parquet(golden.plan, PLAN_FILE)
    _write_parquet(golden.scenario_days, SCENARIO_DAYS_FILE)
    for part, path in JSON_FILES.items():
        _write_json(golden.numbers[part], path)
    return [PLAN_FILE, SCENARIO_DAYS_FILE, *JSON_FILES.values()]


def read() -> GoldenRun:
    """The committed golden run."""
    numbers = {part: json.loads(path.read_text(encoding="utf-8")) for part, path in JSON_FILES.items()}
    return GoldenRun(pd.read_parquet(PLAN_FILE), pd.read_parquet(SCENARIO_DAYS_FILE), numbers)


def main() -> None:
    """Compute the golden run and write its files, saying what it does."""
    started = time.perf_counter()
    golden = run(progress=lambda step: print(f"  {step} ...", flush=True))
    for path in write(golden):
        print(f"wrote {path.relative_to(FOLDER.parents[1])} ({path.stat().st_size / 1024:.0f} KiB)")
    print(f"done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
