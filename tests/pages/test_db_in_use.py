"""A page whose database file another process holds: what to do, in the reader's language."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc.i18n import t
from tests.conftest import ROOT


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("page", ["overview", "staffing", "data"])
def test_a_held_database_file_stops_the_page_with_what_to_do(
    held_db: tuple[Path, int], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    page: str, lang: str,
) -> None:
    path, pid = held_db
    monkeypatch.setenv("KCC_DB_PATH", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
    at.session_state["lang"] = lang
    with caplog.at_level(logging.ERROR, logger="kcc"):
        at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("common.db_error.in_use", lang, path=str(path), pid=pid)]
    expected = {
        "en": "Stop the other process, or start this app with KCC_DB_PATH set to another file.",
        "nl": "Stop het andere proces, of start deze app met KCC_DB_PATH naar een ander bestand.",
    }[lang]
    assert expected in at.error[0].value
    team = {
        "en": "To serve a team from several app processes, point every process at one PostgreSQL "
              "database with KCC_DATABASE_URL=postgresql://... (see docs/DEPLOY.md).",
        "nl": "Wilt u een team vanuit meerdere app-processen bedienen, laat dan elk proces dezelfde "
              "PostgreSQL-database gebruiken met KCC_DATABASE_URL=postgresql://... (zie docs/DEPLOY.md).",
    }[lang]
    assert at.error[0].value.endswith(team)
    assert not at.title  # stopped before the page drew anything
    # the server log tells the operator the same, in English whatever the reader's language
    logged = [r.getMessage() for r in caplog.records if r.name == "kcc"]
    assert logged and logged[-1] == "KCC Planner cannot start: " + t(
        "common.db_error.in_use", "en", path=str(path), pid=pid)
