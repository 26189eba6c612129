"""Planning inputs in the store, on both back ends: shift patterns swapped for a week's cover,
a centre's logo, the granularity of a stored series and the forecast settings a volume
fingerprint follows."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from kcc import store

TZ = "Europe/Amsterdam"


def _shift(name: str, channels: list[str], start: str = "08:00", **extra: object) -> dict[str, object]:
    return {"name": name, "channels": channels, "start_time": start, "length_min": 480,
            "weekdays": [0, 1, 2, 3, 4], "headcount": 2, "location": "site", "valid_from": None,
            "valid_to": None, **extra}


def test_swap_shifts_removes_the_named_patterns_and_adds_the_new_ones(mem_con: store.Connection) -> None:
    store.replace_shifts(mem_con, pd.DataFrame([_shift("Early", ["phone", "chat"]),
                                                _shift("Late", ["chat"], "14:00"),
                                                _shift("Cover", ["phone"], "10:00")]))
    stored = store.read_shifts(mem_con)
    cover_id = int(stored.loc[stored["name"] == "Cover", "shift_id"].iloc[0])
    week = pd.DataFrame([_shift("Cover week 47", ["phone"], "09:00", location="home",
                                valid_from=pd.Timestamp("2026-11-16").date(),
                                valid_to=pd.Timestamp("2026-11-22").date())])
    version = store.data_version(mem_con)
    store.swap_shifts(mem_con, [cover_id], week)
    after = store.read_shifts(mem_con)
    assert sorted(after["name"]) == ["Cover week 47", "Early", "Late"]
    added = after[after["name"] == "Cover week 47"].iloc[0]
    assert (added["channels"], added["location"], str(added["start_time"])) == (["phone"], "home", "09:00:00")
    assert pd.Timestamp(added["valid_from"]).date().isoformat() == "2026-11-16"
    assert store.data_version(mem_con) > version
    # nothing to remove and nothing to add changes nothing but the version
    store.swap_shifts(mem_con, [], week.iloc[0:0])
    assert sorted(store.read_shifts(mem_con)["name"]) == ["Cover week 47", "Early", "Late"]


def test_a_failing_swap_keeps_the_old_patterns(mem_con: store.Connection) -> None:
    store.replace_shifts(mem_con, pd.DataFrame([_shift("Early", ["phone"])]))
    early = int(store.read_shifts(mem_con)["shift_id"].iloc[0])
    bad = pd.DataFrame([_shift("Broken", ["phone"], length_min=None)])  # length_min is NOT NULL
    with pytest.raises((duckdb.Error, store.PostgresError)):
        store.swap_shifts(mem_con, [early], bad)
    assert store.read_shifts(mem_con)["name"].tolist() == ["Early"]


def test_a_centre_keeps_its_own_logo(mem_con: store.Connection) -> None:
    other = store.create_centre(mem_con, "Bank Zuid", time_zone=TZ)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    assert store.read_logo(mem_con) is None
    store.write_logo(mem_con, png)
    assert store.read_logo(mem_con) == png
    assert store.read_logo(mem_con, centre_id=other.centre_id) is None
    store.write_logo(mem_con, None)
    assert store.read_logo(mem_con) is None


def test_granularity_of_stored_series(mem_con: store.Connection) -> None:
    days = pd.date_range("2024-01-01", periods=3, freq="D", tz=TZ)
    frame = pd.concat([
        pd.DataFrame({"channel": "phone", "queue": "default", "ds": days[:1], "interval_min": 15,
                      "offered": 1.0}),
        pd.DataFrame({"channel": "phone", "queue": "daily", "ds": days, "interval_min": 1440,
                      "offered": 100.0}),
    ])
    store.replace_intervals(mem_con, frame, store.ImportRecord(file_name="f.csv", kind="intervals",
                                                               imported_by="t", rows_read=0))
    assert store.series_granularity(mem_con, "phone", "default") == "interval"
    assert store.series_granularity(mem_con, "phone", "daily") == "day"
    with pytest.raises(store.StoreError, match="no stored series phone/none"):
        store.series_granularity(mem_con, "phone", "none")


def test_the_volume_fingerprint_follows_the_forecast_settings_only(mem_con: store.Connection) -> None:
    before = store.volume_fingerprint(mem_con)
    store.write_setting(mem_con, "costs", {"hourly": 30})
    assert store.volume_fingerprint(mem_con) == before, "other settings leave forecasts alone"
    store.write_setting(mem_con, store.INTRADAY_PROFILE_KEY, {"source": "standard"})
    chosen = store.volume_fingerprint(mem_con)
    assert chosen != before
    store.write_setting(mem_con, store.HOLIDAY_TREATMENTS_KEY, {"2024-12-25": 0.2})
    assert store.volume_fingerprint(mem_con) not in (before, chosen)
