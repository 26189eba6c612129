"""Saving the Forecast page's event calendar goes through ``kcc.ui.forecast_cache``: it
validates, keeps each stored event's source and writes through the store."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from kcc import store
from kcc.events import EventError
from kcc.ui import forecast_cache


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
