"""Overview and Staffing with an extra queue whose history ended long ago (the US bank's 2003
calls imported beside the demo's 2024-2026 history): the plan starts after the newest history
and names the queue it leaves out, in English and Dutch."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import importer, store
from tests.conftest import ROOT, real_file


@pytest.fixture(scope="module")
def demo_with_us_bank(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo plus the US bank's 2003 calls as phone queue ``us-bank`` (``KCC_DB_PATH``)."""
    path = tmp_path_factory.mktemp("stale") / "kcc.duckdb"
    shutil.copyfile(demo_db_template, path)
    source = importer.read_source(real_file("us-bank-2003/bank_calls_5min.csv"))
    mapping = dataclasses.replace(importer.guess_mapping(source), queue_value="us-bank")
    con = store.connect(str(path))
    try:
        assert importer.run_import(con, source, mapping, interval_min=15).ok
    finally:
        con.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KCC_DB_PATH", str(path))
        yield path


def _run(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=300)
    at.session_state["lang"] = lang
    return at.run()


def test_staffing_plans_after_the_newest_history_and_names_the_stale_queue(demo_with_us_bank: Path) -> None:
    at = _run("staffing.py", "en")
    assert not at.exception
    assert at.date_input(key="staffing.day").value == date(2026, 11, 16)
    warnings = "\n".join(w.value for w in at.warning)
    assert ("Phone · us-bank: history ends 2003-10-24, more than 8 weeks before the plan starts; "
            "not planned") in warnings
    assert "Phone · default" not in warnings


def test_overview_names_the_stale_queue_in_dutch(demo_with_us_bank: Path) -> None:
    at = _run("overview.py", "nl")
    assert not at.exception
    warnings = "\n".join(w.value for w in at.warning)
    assert ("Telefoon · us-bank: historie eindigt 24-10-2003, meer dan 8 weken voor het plan begint; "
            "niet gepland") in warnings
    headings = "\n".join(s.value for s in at.subheader)
    assert "16-11-2026" in headings and "2003" not in headings
