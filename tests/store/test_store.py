"""The DuckDB store: schema and migrations, atomic writes, DST days, round trips."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kcc import store

TZ = "Europe/Amsterdam"


def _record(name: str = "test.csv", kind: str = "intervals") -> store.ImportRecord:
    return store.ImportRecord(file_name=name, kind=kind, imported_by="tester", rows_read=0)


def _day_intervals(day: str, channel: str = "phone", queue: str = "default") -> pd.DataFrame:
    """Every quarter-hour of one local day, built from instants (so DST days come out right)."""
    start = pd.Timestamp(day, tz=TZ)
    end = start + pd.DateOffset(days=1)
    ds = pd.date_range(start.tz_convert("UTC"), end.tz_convert("UTC"), freq="15min", inclusive="left")
    return pd.DataFrame(
        {"channel": channel, "queue": queue, "ds": ds.tz_convert(TZ), "interval_min": 15, "offered": 1.0}
    )


# --------------------------------------------------------------------------- schema


def test_new_database_is_at_the_current_schema_version(tmp_path: Path) -> None:
    con = store.connect(str(tmp_path / "kcc.duckdb"))
    assert store.schema_version(con) == store.SCHEMA_VERSION
    assert store.migrate(con) == store.SCHEMA_VERSION  # running again is a no-op
    con.close()


def test_migration_runs_from_an_older_version(tmp_path: Path) -> None:
    path = str(tmp_path / "old.duckdb")
    raw = duckdb.connect(path)
    raw.execute(store.MIGRATIONS[1][0])
    raw.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    raw.close()
    con = store.connect(path)
    assert store.schema_version(con) == store.SCHEMA_VERSION
    assert store.table_counts(con)["interval_volumes"] == 0
    con.close()


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "new.duckdb")
    store.connect(path).close()
    raw = duckdb.connect(path)
    raw.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    raw.close()
    with pytest.raises(store.StoreError, match="schema version 99 is newer than this app"):
        store.connect(path)


def test_a_missing_single_row_is_named_as_a_store_error() -> None:
    from kcc.store.connection import _one

    raw = duckdb.connect(":memory:")
    assert _one(raw.execute("SELECT 1, 'a'")) == (1, "a")
    with pytest.raises(store.StoreError, match="always returns one row returned none"):
        _one(raw.execute("SELECT 1 WHERE false"))
    raw.close()


# --------------------------------------------------------------------------- transactions


def test_a_failing_write_rolls_back(mem_con) -> None:
    store.replace_intervals(mem_con, _day_intervals("2024-01-08"), _record())
    before = store.snapshot(mem_con)
    version = store.data_version(mem_con)
    bad = _day_intervals("2024-01-09")
    bad.loc[5, "offered"] = None  # offered is NOT NULL: the insert fails after the import row
    with pytest.raises((duckdb.ConstraintException, store.PostgresError), match="(?i)not.null"):
        store.replace_intervals(mem_con, bad, _record("bad.csv"))
    after = store.snapshot(mem_con)
    for table in before:
        pd.testing.assert_frame_equal(after[table], before[table])
    assert store.data_version(mem_con) == version


def test_discarded_stage_changes_nothing(mem_con) -> None:
    before = store.snapshot(mem_con)
    frame = pd.DataFrame({"t": ["2024-01-01 08:00:00"], "_row": [1]})
    stage = store.stage_contacts(
        mem_con, frame, store.ContactColumns(timestamp="t", datetime_format="%Y-%m-%d %H:%M:%S"), 15
    )
    assert stage.rows_read == 1
    store.discard_stage(stage)
    for table, frame_after in store.snapshot(mem_con).items():
        pd.testing.assert_frame_equal(frame_after, before[table])


# --------------------------------------------------------------------------- DST


@pytest.mark.parametrize(("day", "quarters"), [("2024-03-31", 92), ("2024-10-27", 100), ("2024-06-03", 96)])
def test_dst_days_have_92_or_100_quarter_hours(mem_con, day: str, quarters: int) -> None:
    frame = _day_intervals(day)
    assert len(frame) == quarters
    store.replace_intervals(mem_con, frame, _record())
    stored = store.read_intervals(mem_con)
    assert len(stored) == quarters
    assert str(stored["ds"].dt.tz) == TZ
    daily = store.daily_volumes(mem_con)
    assert daily["offered"].tolist() == [float(quarters)]
    assert pd.Timestamp(daily["date"].iloc[0]).date() == date.fromisoformat(day)


def test_contacts_on_the_autumn_dst_day_roll_up_into_100_quarter_hours(mem_con) -> None:
    frame = _day_intervals("2024-10-27")
    contacts = pd.DataFrame(
        {
            "channel": "phone",
            "queue": "default",
            "contact_id": [f"c{i}" for i in range(len(frame))],
            "arrival_ts": frame["ds"] + pd.Timedelta(minutes=7),
            "wait_s": 10.0,
            "handle_s": 120.0,
            "outcome": "answered",
        }
    )
    store.replace_contacts(mem_con, contacts, _record(kind="contacts"), 15)
    stored = store.read_intervals(mem_con)
    assert len(stored) == 100
    assert stored["answered"].sum() == 100
    assert stored["wait_s_total"].sum() == pytest.approx(1000.0)


def test_reading_a_period_uses_local_midnight(mem_con) -> None:
    store.replace_intervals(mem_con, pd.concat([_day_intervals("2024-10-27"), _day_intervals("2024-10-28")]), _record())
    one_day = store.read_intervals(mem_con, start=date(2024, 10, 27), end=date(2024, 10, 28))
    assert len(one_day) == 100


# --------------------------------------------------------------------------- round trips


def test_events_round_trip(mem_con) -> None:
    event_id = store.write_event(
        mem_con, name="Campagne 'zomer'", kind="campaign", start_date=date(2024, 6, 1),
        end_date=date(2024, 6, 14), channels=["phone", "chat"], uplift_pct=12.5,
    )
    events = store.read_events(mem_con)
    row = events.set_index("event_id").loc[event_id]
    assert (row["name"], row["kind"], row["channels"], row["uplift_pct"]) == (
        "Campagne 'zomer'", "campaign", ["phone", "chat"], 12.5,
    )
    assert row["start_date"] == date(2024, 6, 1)
    with pytest.raises(store.StoreError, match="end date 2024-05-01 is before start date 2024-06-01"):
        store.write_event(mem_con, name="x", kind="outage", start_date=date(2024, 6, 1),
                          end_date=date(2024, 5, 1), channels=["phone"])
    store.delete_event(mem_con, event_id)
    assert store.read_events(mem_con).empty


def test_shifts_round_trip(mem_con) -> None:
    shifts = pd.DataFrame(
        {
            "name": ["Vroeg", "Laat"],
            "channels": [["phone"], ["phone", "chat"]],
            "start_time": [time(8, 0), time(13, 30)],
            "length_min": [480, 510],
            "weekdays": [[0, 1, 2, 3, 4], [5, 6]],
            "headcount": [6, 3],
        }
    )
    store.replace_shifts(mem_con, shifts)
    stored = store.read_shifts(mem_con)
    assert stored["name"].tolist() == ["Vroeg", "Laat"]
    assert stored["weekdays"].tolist() == [[0, 1, 2, 3, 4], [5, 6]]
    assert stored["channels"].tolist() == [["phone"], ["phone", "chat"]]
    assert stored["length_min"].tolist() == [480, 510]


def test_scenarios_round_trip(mem_con) -> None:
    spec = {"volume_pct": 10, "channels": ["chat"], "note": "zomer"}
    scenario_id = store.save_scenario(mem_con, name="Plus 10%", spec=spec, spec_version=1, user="anna")
    again = store.save_scenario(mem_con, name="Plus 10%", spec={**spec, "volume_pct": 12}, spec_version=1, user="bob")
    assert again == scenario_id
    row = store.read_scenarios(mem_con).iloc[0]
    assert row["spec"]["volume_pct"] == 12
    assert (row["created_by"], row["updated_by"]) == ("anna", "bob")
    store.delete_scenario(mem_con, scenario_id)
    assert store.read_scenarios(mem_con).empty


def test_settings_round_trip(mem_con) -> None:
    assert store.read_setting(mem_con, "shrinkage", 0.3) == 0.3
    store.write_setting(mem_con, "shrinkage", {"phone": 0.35, "chat": 0.3})
    assert store.read_setting(mem_con, "shrinkage") == {"phone": 0.35, "chat": 0.3}


def test_reads_are_parameterised(mem_con) -> None:
    # A value that would break string-built SQL is just a value here.
    tricky = "o'brien\"; DROP TABLE contacts; --"
    store.replace_intervals(mem_con, _day_intervals("2024-01-08", queue=tricky), _record())
    assert store.series_interval_min(mem_con, "phone", tricky) == 15
    assert len(store.read_intervals(mem_con, queue=tricky)) == 96
    assert store.read_intervals(mem_con, queue="o'brien").empty
    assert "contacts" in store.table_counts(mem_con)


def test_counting_some_tables_counts_them_as_counting_all_does(mem_con) -> None:
    store.replace_intervals(mem_con, _day_intervals("2024-01-08"), _record())
    store.write_setting(mem_con, "x", 1)
    every = store.table_counts(mem_con)
    assert every["interval_volumes"] == 96 and every["settings"] >= 1 and every["roster"] == 0
    some = store.table_counts(mem_con, tables=("roster", "interval_volumes"))
    assert some == {"roster": every["roster"], "interval_volumes": every["interval_volumes"]}
    with pytest.raises(ValueError, match="not data tables"):
        store.table_counts(mem_con, tables=("meta",))

def test_reset_empties_every_data_table(mem_con) -> None:
    store.replace_intervals(mem_con, _day_intervals("2024-01-08"), _record())
    store.write_setting(mem_con, "x", 1)
    store.reset(mem_con)
    assert set(store.table_counts(mem_con).values()) == {0}
    assert store.is_empty(mem_con)


# --------------------------------------------------------------------------- shared by threads


def _in_threads(work, n: int = 8) -> list[BaseException]:  # noqa: ANN001
    """Run ``work(i)`` in ``n`` threads at once; the errors they raised."""
    import threading

    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def run(i: int) -> None:
        start.wait()
        try:
            work(i)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_many_threads_share_one_connection(tmp_path: Path) -> None:
    # The app shares one connection between all browser sessions: reads and writes from
    # eight threads at once must neither fail ("connection is busy") nor lose a write.
    con = store.connect(str(tmp_path / "kcc.duckdb"), "America/New_York")
    store.replace_intervals(con, _day_intervals("2024-01-08"), _record())
    version = store.data_version(con)
    writes = 15

    def work(i: int) -> None:
        for k in range(writes):
            assert not store.is_empty(con)
            frame = store.read_intervals(con)
            assert len(frame) == 96 and str(frame["ds"].dt.tz) == "America/New_York"
            assert store.read_settings(con).get(f"thread{i}", k - 1 if k else None) in (k - 1, None)
            store.write_setting(con, f"thread{i}", k)

    assert _in_threads(work) == []
    assert store.data_version(con) == version + 8 * writes  # every write counted once
    assert store.read_settings(con) == {f"thread{i}": writes - 1 for i in range(8)}
    con.close()


def test_a_write_between_staging_and_commit_does_not_conflict(mem_con) -> None:
    # A contact import checks its file while other sessions keep writing; replacing the same
    # period afterwards must neither conflict with those writes nor resurrect what they cleared.
    store.replace_intervals(mem_con, _day_intervals("2024-01-01"), _record("first.csv"))
    frame = pd.DataFrame({"t": ["2024-01-01 08:00:00", "2024-01-01 08:20:00"], "_row": [1, 2]})
    stage = store.stage_contacts(
        mem_con, frame, store.ContactColumns(timestamp="t", datetime_format="%Y-%m-%d %H:%M:%S"), 15
    )
    store.replace_intervals(mem_con, _day_intervals("2024-01-01"), _record("second.csv"))
    store.write_setting(mem_con, "other.session", True)
    outcome = store.commit_stage(stage, _record("contacts.csv", kind="contacts"))
    assert outcome.rows_imported == 2
    stored = store.read_intervals(mem_con)
    # the staged period (08:00-08:15 local) replaced the second file's rows there, only there
    assert stored["offered"].sum() == 96 - 2 + 2
    assert store.read_settings(mem_con)["other.session"] is True


def test_writes_are_retried_when_duckdb_reports_a_conflict(mem_con, monkeypatch) -> None:  # noqa: ANN001
    calls = []
    real = store.connection._bump_data_version

    def conflicting_once(cur) -> None:  # noqa: ANN001
        calls.append(1)
        if len(calls) == 1:
            raise duckdb.TransactionException("TransactionContext Error: Conflict on update!")
        real(cur)

    monkeypatch.setattr(store.connection, "_bump_data_version", conflicting_once)
    monkeypatch.setattr(store.connection, "WRITE_RETRY_DELAYS_S", (0.0, 0.0))
    store.write_setting(mem_con, "k", 1)
    assert len(calls) == 2 and store.read_settings(mem_con) == {"k": 1}

    calls.clear()
    monkeypatch.setattr(store.connection, "_bump_data_version", lambda cur: (_ for _ in ()).throw(
        duckdb.TransactionException("TransactionContext Error: Conflict on update!")))
    with pytest.raises(duckdb.TransactionException, match="Conflict"):
        store.write_setting(mem_con, "k", 2)  # bounded: the last refusal is raised
    assert store.read_settings(mem_con) == {"k": 1}


def test_a_connection_opened_elsewhere_keeps_its_zone() -> None:
    raw = duckdb.connect(":memory:")
    raw.execute("SET TimeZone = 'America/New_York'")
    store.migrate(raw)
    store.replace_intervals(raw, _day_intervals("2024-01-08"), _record())
    assert str(store.read_intervals(raw)["ds"].dt.tz) == "America/New_York"
    raw.close()


# --------------------------------------------------------------------------- concurrent saves


def test_a_save_over_a_newer_version_of_a_scenario_is_refused(mem_con) -> None:
    store.save_scenario(mem_con, name="Plus 10%", spec={"volume_pct": 10}, spec_version=1, user="anna")
    opened = store.read_scenarios(mem_con).iloc[0]["updated_at"]  # both planners open it
    store.save_scenario(mem_con, name="Plus 10%", spec={"volume_pct": 12}, spec_version=1, user="bob",
                        expected_updated_at=opened)
    saved_by_bob = store.read_scenarios(mem_con).iloc[0]
    with pytest.raises(store.ScenarioChangedError) as refused:
        store.save_scenario(mem_con, name="Plus 10%", spec={"volume_pct": 15}, spec_version=1, user="anna",
                            expected_updated_at=opened)
    at = saved_by_bob["updated_at"]
    assert refused.value.message("en") == (
        f"Scenario “Plus 10%” was changed by bob at {at:%Y-%m-%d %H:%M} after you opened it, so your "
        "version was not saved. Reload the scenario to see theirs, then make your changes again."
    )
    assert refused.value.message("nl") == (
        f"Scenario ‘Plus 10%’ is gewijzigd door bob om {at:%d-%m-%Y %H:%M} nadat u het opende; uw "
        "versie is daarom niet opgeslagen. Laad het scenario opnieuw om hun versie te zien en breng "
        "uw wijzigingen daarna opnieuw aan."
    )
    row = store.read_scenarios(mem_con).iloc[0]
    assert (row["spec"], row["updated_by"], row["updated_at"]) == ({"volume_pct": 12}, "bob", at)
    # after a reload the save goes through
    store.save_scenario(mem_con, name="Plus 10%", spec={"volume_pct": 15}, spec_version=1, user="anna",
                        expected_updated_at=at)
    assert store.read_scenarios(mem_con).iloc[0]["spec"] == {"volume_pct": 15}


def test_a_new_scenario_does_not_overwrite_one_saved_meanwhile(mem_con) -> None:
    store.save_scenario(mem_con, name="Late", spec={"a": 1}, spec_version=1, user="bob",
                        expected_updated_at=store.NEW_SCENARIO)
    with pytest.raises(store.ScenarioChangedError, match="changed by bob"):
        store.save_scenario(mem_con, name="Late", spec={"a": 2}, spec_version=1, user="anna",
                            expected_updated_at=store.NEW_SCENARIO)
    assert store.read_scenarios(mem_con).iloc[0]["spec"] == {"a": 1}
