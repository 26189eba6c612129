"""Benchmark: the same imports into the embedded DuckDB store and into PostgreSQL.

Three writes, each into a fresh database of either back end:

* **demo centre**: ``kcc.demo.load_demo`` (282k interval rows, 56k roster rows, events,
  shifts, settings), the frame-based writes (``replace_intervals`` and friends);
* **contact file, intervals stored**: ``run_import`` of a generated contact CSV (default
  1 million rows, the Data page's path for a large file): DuckDB reads, checks and rolls it up
  in memory on both back ends; only the write differs;
* **contact file, intervals and contacts stored** (``keep_contacts=True``).

PostgreSQL is a throwaway local cluster from Debian's ``postgresql`` package
(``tests/pg_server.py``; fsync off, as in the tests), or the server of ``--url``. Run:
``python benchmarks/bench_store_backends.py [--rows N] [--url postgresql://...]``. Prints a
Markdown table; each figure is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_import import _generate  # noqa: E402
from kcc import demo, importer, store  # noqa: E402
from tests.pg_server import PgCluster  # noqa: E402


def _best(run: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _import(target: str, path: Path, *, keep_contacts: bool) -> None:
    con = store.connect(target)
    source = importer.read_source(path)
    mapping = importer.guess_mapping(source, "contacts")
    result = importer.run_import(con, source, mapping, interval_min=15, keep_contacts=keep_contacts,
                                 confirm=("dst_gap_contacts",))
    con.close()
    if not result.ok:
        raise RuntimeError([p.reason for p in result.problems])


def _demo(target: str) -> None:
    con = store.connect(target)
    demo.load_demo(con)
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--url", help="a PostgreSQL database to use (emptied tables are not reused)")
    args = parser.parse_args()
    cluster = None if args.url else PgCluster()
    try:
        with tempfile.TemporaryDirectory() as folder:
            csv = Path(folder) / "contacts.csv"
            _generate(csv, args.rows, ids=True)
            counter = iter(range(1_000_000))

            def duck() -> str:
                return str(Path(folder) / f"kcc_{next(counter)}.duckdb")

            def pg() -> str:
                return args.url if cluster is None else cluster.new_database()

            cases = {
                "demo centre (282k intervals)": lambda target: _demo(target()),
                f"contact file, {args.rows:,} rows: intervals stored":
                    lambda target: _import(target(), csv, keep_contacts=False),
                f"contact file, {args.rows:,} rows: intervals and contacts stored":
                    lambda target: _import(target(), csv, keep_contacts=True),
            }
            print("| write | DuckDB file [s] | PostgreSQL [s] | ratio |")
            print("|---|---:|---:|---:|")
            for name, case in cases.items():
                duck_s = _best(lambda case=case: case(duck), args.repeat)
                pg_s = _best(lambda case=case: case(pg), args.repeat)
                print(f"| {name} | {duck_s:.2f} | {pg_s:.2f} | {pg_s / duck_s:.1f}x |", flush=True)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
