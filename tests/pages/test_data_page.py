"""Data page as a user meets it (AppTest): summary, history, upload and import, Dutch."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from kcc.i18n import t
from tests.conftest import ROOT, assert_dates_day_first
from tests.pages.helpers import into_demo, page_texts

EXAMPLE = ROOT / "data" / "examples" / "intervals_example.csv"
PAGE = str(ROOT / "pages" / "data.py")
#: The element kinds this page's text checks read.
TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "success", "error")


def test_data_page_shows_summary_history_and_reset(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception
    text = page_texts(at, TEXT_KINDS)
    for expected in ("Upload", "Import history", "What is loaded", "Reset to demo", "contacts"):
        assert expected in text
    assert re.search(r"\b20\d\d-\d\d-\d\d\b", text), "English dates are ISO"
    assert at.button(key="data.reset").disabled


def test_data_page_in_dutch(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    text = page_texts(at, TEXT_KINDS)
    for expected in ("Uploaden", "Importgeschiedenis", "Wat is geladen", "Terug naar demo", "contacten"):
        assert expected in text
    assert_dates_day_first(text)
    # The import history speaks Dutch too: kinds, channels and notes kept in the database as
    # texts to translate, not as English sentences.
    history = next(d.value for d in at.dataframe if "rows_read" in d.value.columns)
    assert set(history["message"]) == {"demo-KCC (seed 2026)", "demorooster"}
    assert "Telefoon, Chat, E-mail, WhatsApp" in set(history["channels"]), "phone first, as on every page"
    loaded = next(d.value for d in at.dataframe if "first_ds" in d.value.columns)
    assert list(loaded["channel"]) == ["Telefoon", "Chat", "E-mail", "WhatsApp"]
    assert at.selectbox(key="data.chart_channel").value == "phone", "the profile charts open on phone"
    assert "–" in set(history["interval_min"]), "the roster row has no volume interval"


def test_upload_map_and_import(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    at.file_uploader(key="data.upload").upload(EXAMPLE.name, EXAMPLE.read_bytes(), "text/csv").run()
    into_demo(at)
    assert not at.exception
    assert "Column mapping" in page_texts(at, TEXT_KINDS)
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
    into_demo(at)
    assert not at.exception
    preview = next(d.value for d in at.dataframe if "outcome" in d.value.columns)
    assert list(preview["channel"][:4]) == ["Telefoon", "Telefoon", "Telefoon", "Chat"]
    assert list(preview["outcome"][:2]) == ["afgehaakt", "beantwoord"]
    assert preview["wait_s"].dtype.kind == "f", "numbers stay numbers in the preview"
    # The abandoned call has no handling time: its cell reads "–", not the grey "None" that
    # st.dataframe draws for a missing number, so that column is written out in Dutch.
    assert list(preview["handle_s"][:2]) == ["–", "423,0"]
    # The import names each series by its channel's name, as the series pickers do, not by its
    # key: "Telefoon · service", not "phone/service".
    at.button(key="data.import").click().run()
    assert not at.exception
    (done,) = [s.value for s in at.success if "geïmporteerd in" in s.value]
    series = done.split("geïmporteerd in ", 1)[1].split(" (intervallen", 1)[0].split(", ")
    assert f"{t('common.ch_phone', 'nl')} · service" in series and not any("/" in s for s in series), done


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


def _answered_above_offered() -> bytes:
    rows = "".join(f"2024-03-04 {8 + i // 4:02d}:{15 * (i % 4):02d},{10 + i},{9 + i},1\n" for i in range(15))
    return ("start,offered,answered,abandoned\n" + rows + "2024-03-04 11:45,10,12,3\n").encode()


@pytest.mark.parametrize(
    ("lang", "held", "confirm", "anyway", "done"),
    [
        ("en", "Nothing was imported yet", "I checked this: answered plus abandoned above offered",
         "Import anyway", "Imported 16 intervals"),
        ("nl", "Er is nog niets geïmporteerd", "Ik heb dit gecontroleerd: beantwoord plus afgehaakt boven aangeboden",
         "Toch importeren", "16 intervallen uit counts.csv geïmporteerd"),
    ],
)
def test_a_warning_is_confirmed_and_the_file_imported(
    demo_db: Path, lang: str, held: str, confirm: str, anyway: str, done: str
) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    con = store.connect(str(demo_db))
    try:
        before = (store.table_counts(con), store.data_version(con))
    finally:
        con.close()
    at.file_uploader(key="data.upload").upload("counts.csv", _answered_above_offered(), "text/csv").run()
    into_demo(at)
    at.button(key="data.import").click().run()
    assert not at.exception
    assert any(held in w.value for w in at.warning)
    report = next(d.value for d in at.dataframe if len(d.value) == 1 and "15 > 10" in d.value.to_string())
    reason = "Beantwoord plus afgehaakt (15)" if lang == "nl" else "Answered plus abandoned (15)"
    assert reason in report.to_string()
    con = store.connect(str(demo_db))
    try:
        assert (store.table_counts(con), store.data_version(con)) == before, "held back: nothing written"
    finally:
        con.close()
    (box,) = [c for c in at.checkbox if c.key.startswith("data.confirm.")]
    assert box.label == confirm
    assert at.button(key="data.import_anyway").label == anyway
    assert at.button(key="data.import_anyway").disabled, "nothing confirmed yet"
    box.check().run()
    at.button(key="data.import_anyway").click().run()
    assert not at.exception
    assert any(done in s.value for s in at.success)
    assert not [c for c in at.checkbox if c.key.startswith("data.confirm.")]
    con = store.connect(str(demo_db))
    try:
        assert "counts.csv" in set(store.read_imports(con)["file_name"])
    finally:
        con.close()


def test_an_error_offers_no_confirmation(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    data = b"start,offered\n2024-03-04 08:00,4\n2024-03-04 08:15,inf\n"
    at.file_uploader(key="data.upload").upload("inf.csv", data, "text/csv").run()
    into_demo(at)
    at.button(key="data.import").click().run()
    assert not at.exception
    assert any("Nothing was imported: fix the problems below" in e.value for e in at.error)
    assert not [c for c in at.checkbox if c.key.startswith("data.confirm.")]
    assert not [b for b in at.button if b.key == "data.import_anyway"]
