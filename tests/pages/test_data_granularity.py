"""The Data page names a long-range series' step as a reader says it (month, day, week; maand,
dag, week), not as the minutes it is stored in (44640 for a 31-day month)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kcc import importer, store
from tests.conftest import ROOT


def _import(con: object, text: str, name: str) -> None:
    source = importer.read_source(text.encode(), name)
    result = importer.run_import(con, source, importer.guess_mapping(source))
    assert result.ok, result.problems


@pytest.fixture
def periods_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A centre with a monthly and a daily phone series (``KCC_DB_PATH``)."""
    path = tmp_path / "kcc.duckdb"
    con = store.connect(str(path))
    try:
        months = pd.date_range("2023-01-01", periods=24, freq="MS")
        _import(con, "Month,Inbound Calls\n" + "\n".join(f"{m:%b %Y},{9000 + 10 * i}" for i, m in enumerate(months))
                + "\n", "monthly.csv")
        days = pd.date_range("2024-01-01", periods=60, freq="D")
        _import(con, "date;calls;weekday\n" + "\n".join(f"{d.day}-{d.month}-{d.year};{100 + d.day};{d:%A}"
                                                          for d in days) + "\n", "daily.csv")
    finally:
        con.close()
    monkeypatch.setenv("KCC_DB_PATH", str(path))
    return path


@pytest.mark.parametrize(("lang", "month", "day"), [("en", "month", "day"), ("nl", "maand", "dag")])
def test_the_summary_and_history_name_the_granularity(periods_db: Path, lang: str, month: str, day: str) -> None:
    at = AppTest.from_file(str(ROOT / "pages" / "data.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    steps = [set(map(str, d.value["interval_min"])) for d in at.dataframe if "interval_min" in d.value.columns]
    assert steps, "the summary and the import history show the step"
    for shown in steps:
        assert shown == {month, day}, shown
        assert not any("min" in s for s in shown)
