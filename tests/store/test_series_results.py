"""Series results (schema version 5) and plan results (version 6) in the store, on both back
ends: frames stored per series or channel, settings and data, read back exactly (one at a time
or in one batch), replaced under the same keys, dropped with older data, and no data write."""

from __future__ import annotations

import pandas as pd

from kcc import store

TZ = "Europe/Amsterdam"


def _forecast(offered: float) -> pd.DataFrame:
    ds = pd.date_range("2024-01-01 08:00", periods=4, freq="15min", tz=TZ)
    return pd.DataFrame({"ds": ds, "yhat": [offered, offered + 0.125, offered / 3, 0.0],
                         "channel": "phone", "queue": "q1"})


def test_results_round_trip_and_replace(mem_con: store.Connection) -> None:
    version = store.data_version(mem_con)
    assert store.write_series_results(mem_con, "data-1", {("phone", "q1", "s1"): _forecast(10.0),
                                                          ("chat", "q2", "s1"): _forecast(3.0)}) == 2
    pd.testing.assert_frame_equal(store.read_series_result(mem_con, "data-1", "s1", "phone", "q1"),
                                  _forecast(10.0))
    assert store.read_series_result(mem_con, "data-1", "s2", "phone", "q1") is None
    index = store.series_result_index(mem_con, "data-1")
    assert index[["channel", "queue", "settings_hash"]].values.tolist() == [["chat", "q2", "s1"],
                                                                          ["phone", "q1", "s1"]]
    assert index["computed_at"].notna().all()
    # the same keys again: replaced, not doubled
    store.write_series_results(mem_con, "data-1", {("phone", "q1", "s1"): _forecast(20.0)})
    pd.testing.assert_frame_equal(store.read_series_result(mem_con, "data-1", "s1", "phone", "q1"),
                                  _forecast(20.0))
    assert len(store.series_result_index(mem_con, "data-1")) == 2
    assert store.data_version(mem_con) == version, "derived results are no data write"


def test_results_of_older_data_are_dropped_per_centre(mem_con: store.Connection) -> None:
    other = store.create_centre(mem_con, "Bank Zuid", time_zone=TZ)
    store.write_series_results(mem_con, "old", {("phone", "q1", "s1"): _forecast(1.0)})
    store.write_series_results(mem_con, "theirs", {("phone", "q1", "s1"): _forecast(2.0)},
                               centre_id=other.centre_id)
    store.write_series_results(mem_con, "new", {("phone", "q1", "s1"): _forecast(3.0)})
    assert store.series_result_index(mem_con, "old").empty
    assert len(store.series_result_index(mem_con, "new")) == 1
    assert len(store.series_result_index(mem_con, "theirs", centre_id=other.centre_id)) == 1


# --------------------------------------------------------------------------- plan results (version 6)


def test_plan_results_round_trip_replace_and_drop(mem_con: store.Connection) -> None:
    version = store.data_version(mem_con)
    assert store.write_plan_results(mem_con, "data-1", {("phone", "p1"): _forecast(4.0),
                                                        ("chat", "p1"): _forecast(2.0)}) == 2
    pd.testing.assert_frame_equal(store.read_plan_result(mem_con, "data-1", "p1", "phone"),
                                  _forecast(4.0))
    assert store.read_plan_result(mem_con, "data-1", "p2", "phone") is None
    assert store.read_plan_result(mem_con, "data-2", "p1", "phone") is None
    store.write_plan_results(mem_con, "data-1", {("phone", "p1"): _forecast(5.0)})
    pd.testing.assert_frame_equal(store.read_plan_result(mem_con, "data-1", "p1", "phone"),
                                  _forecast(5.0))
    assert store.plan_result_count(mem_con) == 2
    assert store.data_version(mem_con) == version, "derived results are no data write"
    # newer data drops the older data's plans of this centre only
    other = store.create_centre(mem_con, "Bank Zuid", time_zone=TZ)
    store.write_plan_results(mem_con, "theirs", {("phone", "p1"): _forecast(1.0)},
                             centre_id=other.centre_id)
    store.write_plan_results(mem_con, "data-2", {("phone", "p9"): _forecast(6.0)})
    assert store.plan_result_count(mem_con) == 1
    assert store.plan_result_count(mem_con, centre_id=other.centre_id) == 1


def test_a_centre_keeps_only_its_newest_plans(mem_con: store.Connection) -> None:
    kept = store.PLAN_RESULTS_KEPT
    for i in range(kept + 3):  # one transaction each: each newer than the last
        store.write_plan_results(mem_con, "data-1", {("phone", f"p{i}"): _forecast(float(i))})
    assert store.plan_result_count(mem_con) == kept
    assert store.read_plan_result(mem_con, "data-1", "p0", "phone") is None
    assert store.read_plan_result(mem_con, "data-1", f"p{kept + 2}", "phone") is not None


def test_series_results_are_read_in_one_batch(mem_con: store.Connection) -> None:
    store.write_series_results(mem_con, "data-1", {("phone", "q1", "s1"): _forecast(10.0),
                                                   ("chat", "q2", "s1"): _forecast(3.0),
                                                   ("chat", "q2", "s2"): _forecast(7.0)})
    found = store.read_series_results(mem_con, "data-1", [("phone", "q1", "s1"), ("chat", "q2", "s2"),
                                                          ("mail", "q3", "s1")])
    assert sorted(found) == [("chat", "q2", "s2"), ("phone", "q1", "s1")]
    pd.testing.assert_frame_equal(found[("chat", "q2", "s2")], _forecast(7.0))
    assert store.read_series_results(mem_con, "data-2", [("phone", "q1", "s1")]) == {}
