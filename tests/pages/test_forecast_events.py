"""Saving the Forecast page's event calendar goes through ``kcc.ui.forecast_cache``: it
validates, keeps each stored event's source and writes through the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from kcc.events import EventError
from kcc.ui import forecast_cache
from tests.conftest import ROOT


def _row(name: str, start: date) -> dict[str, object]:
    return {"name": name, "kind": "campaign", "start_date": start, "end_date": start, "channels": ["phone"],
            "uplift_pct": 20.0, "exclude_from_training": False}


def test_saving_keeps_sources_and_drops_unnamed_rows(mem_con: duckdb.DuckDBPyConnection) -> None:
    first = pd.DataFrame([_row("Mailing", date(2025, 3, 3))])
    assert forecast_cache.save_events(mem_con, first, store.read_events(mem_con)) == 1
    stored = store.read_events(mem_con)
    assert list(stored["source"]) == ["user"]
    edited = pd.DataFrame([_row("Mailing", date(2025, 3, 3)), _row("Launch", date(2025, 4, 1)),
                           {**_row("x", date(2025, 5, 1)), "name": None}])
    assert forecast_cache.save_events(mem_con, edited, stored) == 2
    assert sorted(store.read_events(mem_con)["name"]) == ["Launch", "Mailing"]


def test_an_invalid_calendar_is_not_stored(mem_con: duckdb.DuckDBPyConnection) -> None:
    bad = pd.DataFrame([{**_row("Backwards", date(2025, 3, 3)), "end_date": date(2025, 3, 1)}])
    with pytest.raises(EventError):
        forecast_cache.save_events(mem_con, bad, store.read_events(mem_con))
    assert store.read_events(mem_con).empty


@pytest.mark.parametrize(("lang", "title"), [("en", "Event calendar"), ("nl", "Evenementenkalender")])
def test_a_new_centre_without_events_gets_an_empty_calendar(demo_db: Path, lang: str, title: str) -> None:
    """A new centre has no events: the editor must still open (its channel column once came out
    as floats, which Streamlit's list editor refuses)."""
    con = store.connect(str(demo_db))
    try:
        centre = store.create_centre(con, "Bank E", time_zone="Europe/Amsterdam")
        bound = store.for_centre(con, centre.centre_id)
        days = pd.date_range(end="2025-03-09", periods=70, freq="D")
        ds = pd.DatetimeIndex([d + pd.Timedelta(minutes=15 * q) for d in days for q in range(36, 68)])
        frame = pd.DataFrame({"channel": "phone", "queue": "default", "ds": ds.tz_localize("Europe/Amsterdam"),
                              "interval_min": 15, "offered": 6.0, "answered": 6.0, "aht_s": 240.0})
        store.replace_intervals(bound, frame, store.ImportRecord(
            file_name="phone.csv", kind="intervals", imported_by="tester", rows_read=len(frame)))
        assert store.read_events(bound).empty
    finally:
        con.close()
    at = AppTest.from_file(str(ROOT / "pages" / "forecast.py"), default_timeout=300)
    at.session_state["lang"] = lang
    at.query_params["centre"] = "bank-e"
    at.run()
    assert not at.exception, at.exception
    assert title in [s.value for s in at.subheader]
