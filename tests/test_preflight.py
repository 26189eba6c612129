"""The start-up check ``python -m kcc.preflight`` that ``make run`` runs before the app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from kcc import preflight, store
from tests.conftest import ROOT


def _preflight(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kcc.preflight"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "KCC_DB_PATH": str(path)}, timeout=120, check=False,
    )


def test_preflight_stops_with_what_to_do_when_another_process_holds_the_file(
    held_db: tuple[Path, int],
) -> None:
    path, pid = held_db
    run = _preflight(path)
    assert run.returncode == preflight.EXIT_IN_USE
    assert run.stderr.strip() == (
        f"KCC Planner cannot start: The database file {path} is already open in another program "
        f"(process {pid}). KCC Planner runs one app process per DuckDB file. Stop the other "
        "process, or start this app with KCC_DB_PATH set to another file. To serve a team from "
        "several app processes, point every process at one PostgreSQL database with "
        "KCC_DATABASE_URL=postgresql://... (see docs/DEPLOY.md)."
    )
    assert "Traceback" not in run.stderr


def test_preflight_passes_and_leaves_the_file_free(tmp_path: Path) -> None:
    path = tmp_path / "kcc.duckdb"
    run = _preflight(path)
    assert (run.returncode, run.stderr) == (preflight.EXIT_READY, "")
    con = store.connect(str(path))  # created, migrated and closed again
    assert store.schema_version(con) == store.SCHEMA_VERSION
    con.close()


def test_preflight_names_a_database_it_cannot_use(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    store.connect(str(path)).close()
    raw = duckdb.connect(str(path))
    raw.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    raw.close()
    code, message = preflight.check(str(path))
    assert code == preflight.EXIT_UNUSABLE
    assert message.startswith(f"KCC Planner cannot open the database file {path}: ")
    assert "schema version 99 is newer than this app" in message


def test_connect_names_the_process_holding_the_file(held_db: tuple[Path, int]) -> None:
    path, pid = held_db
    try:
        store.connect(str(path))
    except store.DatabaseInUseError as exc:
        assert (exc.code, exc.fields) == ("in_use", {"path": str(path), "pid": pid})
        assert exc.message("nl") == (
            f"Het databasebestand {path} is al geopend in een ander programma (proces {pid}). "
            "KCC Planner draait één app-proces per DuckDB-bestand. Stop het andere proces, of "
            "start deze app met KCC_DB_PATH naar een ander bestand. Wilt u een team vanuit "
            "meerdere app-processen bedienen, laat dan elk proces dezelfde PostgreSQL-database "
            "gebruiken met KCC_DATABASE_URL=postgresql://... (zie docs/DEPLOY.md)."
        )
        assert isinstance(exc.__cause__, duckdb.IOException)
    else:
        raise AssertionError("a second process opened a held database file")
