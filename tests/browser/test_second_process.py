"""Two app processes on one DuckDB file: the first serves, the second says at its first page,
in the page and in its log, that one file takes one process and how a team server shares one
PostgreSQL database instead; the first keeps working."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from kcc.i18n import t
from tests.browser.conftest import ROOT, app_context, assert_no_exception, open_page, serve_app, watch_runs


def test_a_second_process_on_the_same_file_explains_the_team_server(
    browser, visited_demo_template: Path, tmp_path: Path,  # noqa: ANN001 - a Playwright browser
) -> None:
    db = tmp_path / "kcc.duckdb"
    shutil.copyfile(visited_demo_template, db)
    second_log = tmp_path / "second.log"
    context = app_context(browser, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    watch_runs(page)
    page.set_default_timeout(120_000)
    try:
        with serve_app(db, tmp_path / "first.log") as first:
            open_page(page, first, "calculator")  # the first process now holds the file
            assert_no_exception(page)
            first_pid = _holder(db)
            # `make run` asks before it starts a second server, and stops
            preflight = subprocess.run([sys.executable, "-m", "kcc.preflight"], cwd=ROOT, capture_output=True,
                                       text=True, env={**os.environ, "KCC_DB_PATH": str(db)}, timeout=120,
                                       check=False)
            english = t("common.db_error.in_use", "en", path=str(db), pid=first_pid)
            assert (preflight.returncode, preflight.stderr.strip()) == (2, f"KCC Planner cannot start: {english}")
            # a server started without the check: its first page says it, in the reader's language
            with serve_app(db, second_log) as second:
                for lang in ("nl", "en"):
                    open_page(page, second, "overview", lang=lang)
                    assert_no_exception(page)
                    alert = page.locator('[data-testid="stAlertContentError"]').first.inner_text()
                    assert " ".join(alert.split()) == t("common.db_error.in_use", lang, path=str(db), pid=first_pid)
                    assert page.locator("h1").count() == 0, "nothing drawn halfway"
            # the first process still serves its planners
            open_page(page, first, "calculator")
            assert_no_exception(page)
            assert page.locator("h1").count() >= 1
    finally:
        context.close()
    assert f"KCC Planner cannot start: {english}" in second_log.read_text(encoding="utf-8", errors="replace")


def _holder(db: Path) -> int:
    """The id of the process holding ``db``, from DuckDB's own lock message (the first page
    run opens the file; give it a minute on a busy machine)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            duckdb.connect(str(db)).close()
        except duckdb.IOException as exc:
            found = re.search(r"\(PID (\d+)\)", str(exc))
            if found:
                return int(found.group(1))
        time.sleep(0.5)
    pytest.fail("the first app process does not hold the database file")
