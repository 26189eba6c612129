"""Every page reads and shows times on the current centre's wall clock, not the configured
default zone: the upload's preview, the import, "today" of the plausibility checks and the age
of the last import (a centre in New York while the default is Amsterdam)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kcc import config, importer, store
from kcc.ingest.checks import PlausibilityRules
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "data.py")
#: Two quarter-hours a row for two hours, written in UTC: 14:00 UTC is 09:00 in New York and
#: 15:00 in Amsterdam in January.
UTC_FILE = ("start,offered\n" + "".join(
    f"2026-01-05T{14 + i // 4:02d}:{15 * (i % 4):02d}:00+00:00,{5 + i}\n" for i in range(8))).encode()


def _new_york(db: Path) -> store.Centre:
    con = store.connect(str(db))
    try:
        return store.create_centre(con, "Bank NY", time_zone="America/New_York", country="US")
    finally:
        con.close()


def test_the_preview_shows_the_wall_clock_the_import_stores(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KCC_TIMEZONE", "Europe/Amsterdam")
    centre = _new_york(demo_db)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["centre"] = str(centre.centre_id)
    at.run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    at.file_uploader(key="data.upload").upload("utc.csv", UTC_FILE, "text/csv").run()
    assert not at.exception
    preview = next(d.value for d in at.dataframe if "timestamp" in d.value.columns)
    shown = list(pd.to_datetime(preview["timestamp"]))
    assert shown[0] == pd.Timestamp("2026-01-05 09:00"), "New York's wall clock, not Amsterdam's 15:00"
    at.button(key="data.import").click().run()
    assert not at.exception
    con = store.connect(str(demo_db))
    try:
        stored = store.read_intervals(con, centre_id=centre.centre_id)
    finally:
        con.close()
    local = stored["ds"].dt.tz_convert("America/New_York").dt.tz_localize(None)
    assert list(local[:len(shown)]) == shown


def test_today_is_the_centres_date() -> None:
    # 25 hours apart (UTC+14 and UTC-11, neither keeps summer time): these two zones never share
    # a date, and from 10:00 to 11:00 UTC they are two dates apart
    before = datetime.now(UTC)
    east = PlausibilityRules(time_zone="Pacific/Kiritimati").local_today()
    west = PlausibilityRules(time_zone="Pacific/Pago_Pago").local_today()
    after = datetime.now(UTC)
    expected = {(t + timedelta(hours=14)).date() - (t - timedelta(hours=11)).date() for t in (before, after)}
    assert east - west in expected
    assert PlausibilityRules(today=date(2026, 1, 5), time_zone="Pacific/Kiritimati").local_today() == date(2026, 1, 5)


def test_an_import_judges_future_dates_by_the_centres_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """A day that is already today in the centre's zone (Kiritimati) is tomorrow on the
    default wall clock (Pago Pago): no "date in the future" warning for the centre."""
    monkeypatch.setenv("KCC_TIMEZONE", "Pacific/Pago_Pago")
    today = pd.Timestamp.now(tz="Pacific/Kiritimati").date()
    text = "start,offered\n" + "".join(f"{today} 00:{15 * i:02d},{5 + i}\n" for i in range(2))
    source = importer.read_source(text.encode(), "today.csv")
    mapping = importer.guess_mapping(source, "intervals")
    con = store.connect(":memory:")
    try:
        centre = store.create_centre(con, "Line Islands", time_zone="Pacific/Kiritimati")
        result = importer.run_import(con, source, mapping, centre_id=centre.centre_id)
        default = importer.run_import(con, source, mapping)  # the default centre, on the default clock
    finally:
        con.close()
    assert result.ok and not [p.code for p in result.problems if "future" in p.code]
    assert [p.code for p in default.problems if "future" in p.code], "tomorrow on the default clock"
    assert config.timezone() == "Pacific/Pago_Pago"
