"""Data page as a user meets it (AppTest): summary, history, upload and import, Dutch."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from tests.conftest import ROOT, assert_dates_day_first

EXAMPLE = ROOT / "data" / "examples" / "intervals_example.csv"
PAGE = str(ROOT / "pages" / "data.py")


def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.title, *at.header, *at.subheader, *at.markdown, *at.caption)]
    parts += [e.value for e in (*at.info, *at.success, *at.error)]
    parts += [m.label + " " + str(m.value) for m in at.metric]
    return "\n".join(str(p) for p in parts)


def test_data_page_shows_summary_history_and_reset(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception
    text = _texts(at)
    for expected in ("Upload", "Import history", "What is loaded", "Reset to demo", "contacts"):
        assert expected in text
    assert re.search(r"\b20\d\d-\d\d-\d\d\b", text), "English dates are ISO"
    assert at.button(key="data.reset").disabled


def test_data_page_in_dutch(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    text = _texts(at)
    for expected in ("Uploaden", "Importgeschiedenis", "Wat is geladen", "Terug naar demo", "contacten"):
        assert expected in text
    assert_dates_day_first(text)
    # The import history speaks Dutch too: kinds, channels and notes kept in the database as
    # texts to translate, not as English sentences.
    history = next(d.value for d in at.dataframe if "rows_read" in d.value.columns)
    assert set(history["message"]) == {"demo-KCC (seed 2026)", "demorooster"}
    assert "Chat, E-mail, Telefoon, WhatsApp" in set(history["channels"])
    assert "–" in set(history["interval_min"]), "the roster row has no volume interval"


def test_upload_map_and_import(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    at.file_uploader(key="data.upload").upload(EXAMPLE.name, EXAMPLE.read_bytes(), "text/csv").run()
    assert not at.exception
    assert "Column mapping" in _texts(at)
    at.button(key="data.import").click().run()
    assert not at.exception
    assert any("Imported 32 intervals" in s.value for s in at.success)
    con = store.connect(str(demo_db))
    try:
        assert "intervals_example.csv" in set(store.read_imports(con)["file_name"])
    finally:
        con.close()


def test_the_mapping_preview_speaks_dutch(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = "nl"
    at.run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    contacts = ROOT / "data" / "examples" / "contacts_example.csv"
    at.file_uploader(key="data.upload").upload(contacts.name, contacts.read_bytes(), "text/csv").run()
    assert not at.exception
    preview = next(d.value for d in at.dataframe if "outcome" in d.value.columns)
    assert list(preview["channel"][:4]) == ["Telefoon", "Telefoon", "Telefoon", "Chat"]
    assert list(preview["outcome"][:2]) == ["afgehaakt", "beantwoord"]
    assert preview["handle_s"].dtype.kind == "f", "numbers stay numbers in the preview"


def test_reset_to_demo_removes_imported_data(demo_db: Path) -> None:
    con = store.connect(str(demo_db))
    try:
        store.write_event(con, name="My campaign", kind="campaign", start_date=date(2027, 1, 4),
                          end_date=date(2027, 1, 8), channels=["phone"], uplift_pct=20.0)
        assert "My campaign" in set(store.read_events(con)["name"])
    finally:
        con.close()
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    at.checkbox(key="data.reset_confirm").check().run()
    assert not at.button(key="data.reset").disabled
    at.button(key="data.reset").click().run()
    assert not at.exception
    assert any("demo contact centre is loaded again" in s.value for s in at.success)
    con = store.connect(str(demo_db))
    try:
        assert "My campaign" not in set(store.read_events(con)["name"])
        assert set(store.series_summary(con)["channel"]) == {"phone", "chat", "email", "whatsapp"}
    finally:
        con.close()
