"""Contact centres as a user meets them (AppTest): the centre named in the link, a first upload
that creates the user's own centre, and deleting a centre after typing its name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from tests.conftest import ROOT
from tests.pages.helpers import page_texts, submit

PAGE = str(ROOT / "pages" / "data.py")
EXAMPLE = ROOT / "data" / "examples" / "intervals_example.csv"


def _centre_b(db: Path) -> store.Centre:
    """A second centre, Bank B in New York, with one day of phone history."""
    con = store.connect(str(db))
    try:
        centre = store.create_centre(con, "Bank B", time_zone="America/New_York", country="US")
        ds = pd.date_range("2025-02-03 08:00", periods=40, freq="15min", tz="America/New_York")
        store.replace_intervals(
            store.for_centre(con, centre.centre_id),
            pd.DataFrame({"channel": "phone", "queue": "bank", "ds": ds, "interval_min": 15, "offered": 7.0}),
            store.ImportRecord(file_name="bank_b.csv", kind="intervals", imported_by="tester", rows_read=40),
        )
        return centre
    finally:
        con.close()


def _counts(db: Path, centre_id: int) -> dict[str, int]:
    con = store.connect(str(db))
    try:
        return store.table_counts(con, centre_id=centre_id)
    finally:
        con.close()


def _history_files(at: AppTest) -> set[str]:
    return set(next(d.value for d in at.dataframe if "rows_read" in d.value.columns)["file_name"])


@pytest.mark.parametrize("ref", ["id", "slug"])
def test_the_link_names_the_centre_every_page_shows(demo_db: Path, ref: str) -> None:
    centre = _centre_b(demo_db)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["centre"] = str(centre.centre_id) if ref == "id" else "bank-b"
    at.run()
    assert not at.exception
    assert "Current centre: Bank B" in page_texts(at)
    assert _history_files(at) == {"bank_b.csv"}, "Bank B's import history, not the demo's"
    assert at.query_params["centre"] == str(centre.centre_id), "the link keeps the centre (by id)"
    assert at.session_state["centre.id"] == centre.centre_id
    # the demo (the default) needs no parameter; the session remembers the choice
    at.query_params.clear()
    at.run()
    assert "Current centre: Bank B" in page_texts(at)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "The link names centre 99, which does not exist (any more); showing Demo centre."),
    ("nl", "De link noemt centrum 99, dat niet (meer) bestaat; Democentrum wordt getoond."),
])
def test_a_link_to_a_missing_centre_says_so(demo_db: Path, lang: str, expected: str) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = lang
    at.query_params["centre"] = "99"
    at.run()
    assert not at.exception
    assert expected in [w.value for w in at.warning]
    assert "centre" not in at.query_params


@pytest.mark.parametrize(("lang", "header", "created"), [
    ("en", "Where should this data go?", "Centre My centre created and selected; import the file into it below."),
    ("nl", "Waar moeten deze gegevens heen?",
     "Centrum Mijn centrum is aangemaakt en gekozen; importeer het bestand hieronder."),
])
def test_the_first_upload_creates_my_centre(demo_db: Path, lang: str, header: str, created: str) -> None:
    demo_before = _counts(demo_db, store.DEMO_CENTRE_ID)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    at.file_uploader(key="data.upload").upload(EXAMPLE.name, EXAMPLE.read_bytes(), "text/csv").run()
    assert not at.exception
    assert header in page_texts(at)
    assert not [b for b in at.button if b.key == "data.import"], "no import into the demo unasked"
    at.selectbox(key="centres.first.form.time_zone").set_value("Europe/Brussels")
    at.selectbox(key="centres.first.form.country").set_value("BE")
    submit(at, "centres.first.form")
    assert not at.exception
    assert created in [s.value for s in at.success]
    con = store.connect(str(demo_db))
    try:
        (mine,) = [c for c in store.list_centres(con) if not c.is_demo]
    finally:
        con.close()
    assert (mine.time_zone, mine.country) == ("Europe/Brussels", "BE")
    assert at.session_state["centre.id"] == mine.centre_id
    at.button(key="data.import").click().run()
    assert not at.exception
    assert _history_files(at) == {EXAMPLE.name}
    assert _counts(demo_db, mine.centre_id)["interval_volumes"] == 32
    assert _counts(demo_db, store.DEMO_CENTRE_ID) == demo_before, "the demo is untouched"


@pytest.mark.parametrize(("lang", "wrong", "deleted"), [
    ("en", "The name typed does not match Bank B; nothing was deleted.", "Centre Bank B deleted."),
    ("nl", "De getypte naam komt niet overeen met Bank B; er is niets verwijderd.", "Centrum Bank B is verwijderd."),
])
def test_deleting_a_centre_asks_for_its_name(demo_db: Path, lang: str, wrong: str, deleted: str) -> None:
    centre = _centre_b(demo_db)
    demo_before = _counts(demo_db, store.DEMO_CENTRE_ID)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = lang
    at.query_params["centre"] = str(centre.centre_id)
    at.run()
    assert at.button(key="centres.delete").disabled, "nothing typed yet"
    at.text_input(key=f"centres.delete_name.{centre.centre_id}").input("Bank C").run()
    at.button(key="centres.delete").click().run()
    assert not at.exception
    assert wrong in [e.value for e in at.error]
    assert _counts(demo_db, centre.centre_id)["interval_volumes"] == 40
    at.text_input(key=f"centres.delete_name.{centre.centre_id}").input("bank b").run()
    at.button(key="centres.delete").click().run()
    assert not at.exception
    assert deleted in [s.value for s in at.success]
    assert set(_counts(demo_db, centre.centre_id).values()) == {0}
    assert _counts(demo_db, store.DEMO_CENTRE_ID) == demo_before
    assert "centre" not in at.query_params
    assert _history_files(at) == {"demo"}, "back on the demo centre"


@pytest.mark.parametrize(("page", "lang", "notice", "item"), [
    ("overview.py", "en", "Series that end before this centre's newest data (2025-03-09)",
     "Chat · default: last data 2025-02-23"),
    ("staffing.py", "nl", "Reeksen die eindigen vóór de nieuwste gegevens van dit centrum (09-03-2025)",
     "Chat · standaard: laatste gegevens 23-02-2025"),
])
def test_a_centre_plans_from_its_own_history_and_names_a_series_that_ends_early(
        demo_db: Path, page: str, lang: str, notice: str, item: str) -> None:
    con = store.connect(str(demo_db))
    try:
        centre = store.create_centre(con, "Bank C", time_zone="Europe/Amsterdam")
        bound = store.for_centre(con, centre.centre_id)
        for channel, end in (("phone", "2025-03-09"), ("chat", "2025-02-23")):
            days = pd.date_range(end=end, periods=56, freq="D")
            ds = pd.DatetimeIndex([d + pd.Timedelta(minutes=15 * q) for d in days for q in range(36, 68)])
            frame = pd.DataFrame({"channel": channel, "queue": "default", "ds": ds.tz_localize("Europe/Amsterdam"),
                                  "interval_min": 15, "offered": 6.0, "answered": 6.0, "aht_s": 240.0})
            store.replace_intervals(bound, frame, store.ImportRecord(
                file_name=f"{channel}.csv", kind="intervals", imported_by="tester", rows_read=len(frame)))
    finally:
        con.close()
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=300)
    at.session_state["lang"] = lang
    at.query_params["centre"] = "bank-c"
    at.run()
    assert not at.exception
    info = "\n".join(i.value for i in at.info)
    assert notice in info and item in info
    assert "Phone" not in info and "Telefoon" not in info
    no_roster = {"en": "This centre has no roster and no shift patterns yet",
                 "nl": "Dit centrum heeft nog geen rooster en geen diensten"}[lang]
    assert no_roster in info, "the empty floor is named, not shown as a measured 0 % answered"
    if page == "staffing.py":  # the plan starts the day after this centre's history, not the demo's
        assert at.date_input(key=f"centres.plan_start.{centre.centre_id}").value == date(2025, 3, 10)
        assert at.date_input(key=f"centres.plan_start.{centre.centre_id}").proto.format == "DD-MM-YYYY"
        assert at.date_input(key="staffing.day").value == date(2025, 3, 10)
        at.date_input(key=f"centres.plan_start.{centre.centre_id}").set_value(date(2025, 3, 17)).run()
        assert not at.exception
        assert at.session_state["plan.start_by_centre"] == {centre.centre_id: "2025-03-17"}
        assert at.date_input(key="staffing.day").value >= date(2025, 3, 17)
