"""The recent history every plan reads (``kcc.pipeline.recent_history``: the last eight weeks
of intervals, for handle times and the start backlog), cut to its weeks in the database, against
the way it was first read: the centre's whole history fetched, then cut in pandas. Side by side
in one run, on the same database, best of ``--repeat`` each; both give the same frame (checked
here, and in ``tests/store/test_recent_history.py`` on both back ends).

A page's first run after a write or a restart reads it (the first visit's plans, the Overview,
the Strategy levers' baseline), so its time is part of every such wait, and it grows with the
history a centre keeps.

Centres: the built-in demo (two years of quarter-hours), and the US bank's real five-minute
file (``../shared/data/real/us-bank-2003/bank_calls_5min.csv``, skipped with the reason when
absent) imported through the Data page's path.

Run: ``.venv/bin/python benchmarks/bench_recent_history.py [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_store_backends import _best  # noqa: E402
from kcc import config, demo, importer, pipeline, plan, store  # noqa: E402

US_BANK = ROOT.parent / "shared" / "data" / "real" / "us-bank-2003" / "bank_calls_5min.csv"


def whole_history_cut(con: store.Connection, weeks: int) -> pd.DataFrame:
    """The peer: every interval of the centre fetched, then cut to the weeks in pandas."""
    frame = store.read_intervals(con)
    frame = frame[frame["interval_min"] < config.DAY_MIN].reset_index(drop=True)
    if len(frame):
        last = frame["ds"].max()
        frame = frame[frame["ds"] > last - pd.Timedelta(weeks=weeks)].reset_index(drop=True)
    return frame


def _centres() -> list[tuple[str, store.Connection]]:
    con = store.connect(":memory:")
    demo.load_demo(con)
    out = [("demo centre", con)]
    if US_BANK.exists():
        bank = store.connect(":memory:")
        source = importer.read_source(US_BANK)
        result = importer.run_import(bank, source, importer.guess_mapping(source), user="bench")
        assert result.ok, result.problems
        out.append(("US bank, real 5-minute file", bank))
    else:
        print(f"(US bank file not found beside the project: {US_BANK.name} skipped)\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    weeks = plan.AHT_HISTORY_WEEKS
    print(f"Recent history ({weeks} weeks), best of {args.repeat} [ms]\n")
    print("| centre | intervals stored | kept | whole history, cut in pandas | cut in the database | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, con in _centres():
        ours = pipeline.recent_history(con, weeks)
        pd.testing.assert_frame_equal(ours, whole_history_cut(con, weeks))
        stored = len(store.read_intervals(con))
        peer_s = _best(lambda con=con: whole_history_cut(con, weeks), args.repeat)
        ours_s = _best(lambda con=con: pipeline.recent_history(con, weeks), args.repeat)
        print(f"| {name} | {stored:,} | {len(ours):,} | {peer_s * 1000:.1f} | {ours_s * 1000:.1f} "
              f"| {ours_s / peer_s:.2f}x |")


if __name__ == "__main__":
    main()
