"""Fixtures shared by the whole suite: real data sets, demo and empty databases."""

from __future__ import annotations

import contextlib
import functools
import importlib
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import duckdb
import pytest
from argon2 import PasswordHasher, profiles

from kcc import jobs, pipeline, store
from kcc.access import passwords

ROOT = Path(__file__).resolve().parents[1]
#: Real call-centre data, kept beside the project (never copied into it).
REAL_DATA = ROOT.parent / "shared" / "data" / "real"


def _scan_components_once() -> None:
    """Every new AppTest scans all installed packages for Streamlit components (about 0.2 s
    each, hundreds of times in a run); the installed packages do not change during a run, so
    the first scan serves them all. Nothing to do when Streamlit has no such scan."""
    try:
        scanner = importlib.import_module("streamlit.components.v2.manifest_scanner")
    except ImportError:
        return
    scan = getattr(scanner, "scan_component_manifests", None)
    if scan is not None and not hasattr(scan, "cache_info"):
        scanner.scan_component_manifests = functools.cache(scan)


_scan_components_once()


def _wait_for_runs_without_polling() -> None:
    """AppTest waits for a run to end by scanning all of the run's events every millisecond
    (``require_widgets_deltas``): a thread that takes the interpreter lock from the page's run
    hundreds of times a second, for a scan that grows with the page. The run ends when its
    script thread does (the runner joins it straight after), so this waits on that thread
    instead, at no cost, with the same time-out and error. Nothing to do when Streamlit's
    runner has no such wait or thread."""
    try:
        runner_module = importlib.import_module("streamlit.testing.v1.local_script_runner")
    except ImportError:
        return
    polling = getattr(runner_module, "require_widgets_deltas", None)
    if polling is None or getattr(polling, "waits_on_thread", False):
        return

    def require_widgets_deltas(runner: object, timeout: float = 3) -> None:
        thread = getattr(runner, "_script_thread", None)
        if thread is None:
            polling(runner, timeout)
            return
        thread.join(timeout)
        if thread.is_alive():
            runner.request_stop()
            runner.join()
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    require_widgets_deltas.waits_on_thread = True
    runner_module.require_widgets_deltas = require_widgets_deltas


_wait_for_runs_without_polling()


def real_file(relative: str) -> Path:
    """Path of a real data file; skips the test with the reason when it is not there."""
    path = REAL_DATA / relative
    if not path.exists():
        pytest.skip(f"real data set not available: {relative} (expected beside the project in ../shared/data/real)")
    return path


#: The app's password hasher, as ``kcc.access.passwords`` makes it (``app_argon2``).
APP_HASHER: Final = passwords._HASHER


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashes() -> Iterator[None]:
    """Password hashes in argon2-cffi's profile for tests (``argon2.profiles.CHEAPEST``) for the
    whole run, so a hash or a sign-in costs microseconds instead of the app's quarter of a
    second of CPU. The hashing code runs as in the app; only its cost parameters differ. A test
    that takes ``app_argon2`` hashes with the app's own parameters (``tests/test_access.py``
    checks them), and the browser journeys' app servers always do."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_HASHER", PasswordHasher.from_parameters(profiles.CHEAPEST))
        passwords._dummy_hash.cache_clear()  # the dummy is made by the hasher it is verified with
        yield
    passwords._dummy_hash.cache_clear()


@pytest.fixture
def app_argon2(monkeypatch: pytest.MonkeyPatch) -> Iterator[PasswordHasher]:
    """The app's own password hasher for one test (``cheap_password_hashes`` swaps it out)."""
    monkeypatch.setattr(passwords, "_HASHER", APP_HASHER)
    passwords._dummy_hash.cache_clear()
    yield APP_HASHER
    passwords._dummy_hash.cache_clear()  # before the test profile's hasher comes back


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the demo centre, built once per test run."""
    from kcc import demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    con = store.connect(str(path))
    demo.load_demo(con)
    con.close()
    return path


@pytest.fixture(scope="session")
def visited_demo_template(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo centre as its first visit leaves it: the forecasts of the default plan's
    series and each channel's plan for the stored settings are in the store (the app's job,
    ``kcc.jobs.run_job``, run here in this process). Built once per test run; the pages then
    read the stored results, as every visit after the first does. A test of the first visit
    itself starts from ``demo_db_template``."""
    path = tmp_path_factory.mktemp("visited") / "demo.duckdb"
    shutil.copyfile(demo_db_template, path)
    con = store.connect(str(path))
    try:
        stored = store.read_settings(con)
        span = pipeline.horizon(store.series_summary(con), pipeline.DEFAULT_HORIZON_WEEKS,
                                long_range=pipeline.profile_choice(stored) is not None)
        assert span is not None
        jobs.run_job(con, span, pipeline.country(stored), executor_factory=contextlib.nullcontext)
    finally:
        con.close()
    return path


@pytest.fixture
def demo_db(visited_demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo database after its first visit (``visited_demo_template``),
    set as ``KCC_DB_PATH`` for pages under test."""
    path = tmp_path / "kcc.duckdb"
    shutil.copyfile(visited_demo_template, path)
    monkeypatch.setenv("KCC_DB_PATH", str(path))
    return path


@pytest.fixture(scope="session")
def shared_demo_file(visited_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo copy for every module that only reads it (``shared_demo_db``)."""
    path = tmp_path_factory.mktemp("page") / "kcc.duckdb"
    shutil.copyfile(visited_demo_template, path)
    return path


def _data_version(path: Path) -> int:
    con = store.connect(str(path))
    try:
        return store.data_version(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def shared_demo_db(shared_demo_file: Path) -> Iterator[Path]:
    """The demo copy shared by every module that only reads it, as ``KCC_DB_PATH``: the pages'
    caches are keyed by file and data version, so the forecasts are computed once for the run
    and every later test reruns the page like a user. A module that wrote to it fails here,
    before a later module could read its changes; such a test takes ``demo_db``."""
    version = _data_version(shared_demo_file)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KCC_DB_PATH", str(shared_demo_file))
        yield shared_demo_file
    assert _data_version(shared_demo_file) == version, "a test wrote to the shared demo copy: use demo_db"


@pytest.fixture
def demo_con(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An open connection to a private copy of the demo database."""
    con = store.connect(str(demo_db))
    yield con
    con.close()


@pytest.fixture
def mem_con() -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty in-memory store."""
    con = store.connect(":memory:")
    yield con
    con.close()


def assert_dates_day_first(text: str) -> None:
    """A Dutch page shows dates as 16-11-2026 and no ISO date (links keep ISO in their query
    string, ``staffing?day=2027-01-11``)."""
    assert re.search(r"\b\d\d-\d\d-20\d\d\b", text), "Dutch dates put the day first"
    assert not re.search(r"(?<!day=)\b20\d\d-\d\d-\d\d\b", text), "no ISO dates in Dutch text"


@pytest.fixture
def held_db(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A database file another process holds open for writing: ``(path, its pid)``."""
    path = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, duckdb; con = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
         "sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield path, holder.pid
    finally:
        holder.communicate(timeout=30)  # closing its stdin lets it exit


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """A throwaway PostgreSQL cluster for the run (``tests/pg_server.py``); skips the tests
    that need it, with the reason, when the server binaries or psycopg are missing."""
    from tests import pg_server

    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -r requirements.txt)")
    if pg_server.bin_dir() is None:
        pytest.skip("no PostgreSQL server installed (apt-get install postgresql)")
    cluster = pg_server.PgCluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> Iterator[str]:  # noqa: ANN001
    """The URL of an empty PostgreSQL database of this test's own."""
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop_database(url)
