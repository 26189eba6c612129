"""Contact centres in the store: two centres side by side never touch each other's rows, the
demo can be hidden, deleted and created again, and a database written before centres moves
into one centre without loss."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from kcc import demo, importer, pipeline, store
from kcc.scenarios import ScenarioSpec
from kcc.warning_filters import ignoring
from tests.conftest import ROOT

EXAMPLES = ROOT / "data" / "examples"
TZ_B = "America/New_York"


def _record(name: str, kind: str = "intervals") -> store.ImportRecord:
    return store.ImportRecord(file_name=name, kind=kind, imported_by="tester", rows_read=0)


def _history(end: str, tz: str, weeks: int = 10, scale: float = 1.0) -> pd.DataFrame:
    """Phone volumes every quarter-hour from 08:00 to 18:00 for ``weeks`` weeks up to ``end``."""
    days = pd.date_range(end=end, periods=7 * weeks, freq="D")
    local = [day + pd.Timedelta(minutes=15 * q) for day in days for q in range(32, 72)]
    ds = pd.DatetimeIndex(local).tz_localize(tz)
    rng = np.random.default_rng(5)
    offered = rng.poisson(20 * scale, len(ds)).astype(float)
    return pd.DataFrame({"channel": "phone", "queue": "default", "ds": ds, "interval_min": 15,
                         "offered": offered, "answered": offered, "abandoned": 0.0, "aht_s": 300.0})


def _fill(con: duckdb.DuckDBPyConnection, end: str, tz: str, scale: float) -> None:
    """A small centre: history, a contacts import, events, shifts, roster, settings, scenario."""
    store.replace_intervals(con, _history(end, tz, scale=scale), _record("history.csv"))
    source = importer.read_source(EXAMPLES / "contacts_example.csv")
    result = importer.run_import(con, source, importer.guess_mapping(source), user="tester")
    assert result.ok, result.problems
    store.write_event(con, name="Mailing", kind="mailing", start_date=date(2025, 3, 3),
                      end_date=date(2025, 3, 4), channels=["phone"], uplift_pct=10.0)
    store.replace_shifts(con, pd.DataFrame({
        "name": ["Early"], "channels": [["phone"]], "start_time": [time(8)], "length_min": [480],
        "weekdays": [[0, 1, 2, 3, 4]], "headcount": [int(10 * scale)]}))
    start = pd.Timestamp(end).tz_localize(tz) + pd.Timedelta(days=1)
    store.replace_roster(con, pd.DataFrame({
        "channel": "phone", "ds": pd.date_range(start, periods=96, freq="15min"),
        "interval_min": 15, "agents": 5.0 * scale}), _record("roster.csv", "roster"))
    store.write_setting(con, "flex_premium_share", 0.25 * scale)
    store.save_scenario(con, name="Longer hours", spec=ScenarioSpec().to_dict(),
                        spec_version=ScenarioSpec().version, user="tester")


@pytest.fixture
def two_centres(mem_con: duckdb.DuckDBPyConnection) -> tuple[duckdb.DuckDBPyConnection, ...]:
    """The demo centre (small data) and centre B in New York, both filled the same way."""
    b = store.create_centre(mem_con, "Bank B", time_zone=TZ_B, country="US")
    con_b = store.for_centre(mem_con, b.centre_id)
    _fill(mem_con, "2025-03-09", "Europe/Amsterdam", 1.0)
    _fill(con_b, "2025-02-16", TZ_B, 2.0)
    return mem_con, con_b


def _assert_same(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> None:
    assert before.keys() == after.keys()
    for table in before:
        pd.testing.assert_frame_equal(after[table], before[table], obj=table)


# --------------------------------------------------------------------------- side by side


def test_each_centre_reads_its_own_rows(two_centres) -> None:
    con_a, con_b = two_centres
    counts_a, counts_b = store.table_counts(con_a), store.table_counts(con_b)
    assert all(counts_a.values()) and counts_b == {**counts_a, "settings": 2}, "filled alike (B: and its country)"
    assert store.read_settings(con_a)["flex_premium_share"] == 0.25
    assert store.read_settings(con_b)["flex_premium_share"] == 0.5
    assert store.read_settings(con_b)["country"] == "US"
    assert "country" not in store.read_settings(con_a)
    # B reads in its own zone, and the keyword names a centre on any connection
    assert str(store.read_intervals(con_b)["ds"].dt.tz) == TZ_B
    b = store.centre_of(con_b)
    same = ["channel", "queue", "offered", "answered", "abandoned"]  # dates follow the reader's zone
    pd.testing.assert_frame_equal(store.series_summary(con_a, centre_id=b)[same], store.series_summary(con_b)[same])
    assert store.volume_fingerprint(con_a) != store.volume_fingerprint(con_b)
    # one scenario name per centre, not per database
    assert list(store.read_scenarios(con_a)["name"]) == list(store.read_scenarios(con_b)["name"])


@pytest.mark.parametrize("acting", ["demo", "other"])
def test_work_in_one_centre_never_changes_a_row_of_the_other(two_centres, acting: str) -> None:
    con_a, con_b = two_centres
    me, other = (con_a, con_b) if acting == "demo" else (con_b, con_a)
    before = store.snapshot(other)
    # importing (a second file, replacing an overlapping period of the same series)
    source = importer.read_source(EXAMPLES / "intervals_example.csv")
    assert importer.run_import(me, source, importer.guess_mapping(source), user="tester").ok
    store.replace_intervals(me, _history("2025-03-09", store.timezone_of(me), weeks=2, scale=3.0),
                            _record("again.csv"))
    _assert_same(before, store.snapshot(other))
    # planning: a plan of this centre only, starting after its own history
    run = pipeline.run_plan(me, horizon_weeks=1)
    newest = store.series_summary(me)["last_ds"].max().tz_localize(None).date()
    assert run.horizon is not None and run.horizon.start == newest + pd.Timedelta(days=1)
    assert not run.plan.empty and set(run.plan["channel"]) <= {"phone", "chat", "email"}
    # saving a scenario, settings, events, shifts and roster
    store.save_scenario(me, name="Longer hours", spec=ScenarioSpec().to_dict(),
                        spec_version=ScenarioSpec().version, user="someone else", description="edited")
    store.write_setting(me, "flex_premium_share", 0.9)
    store.replace_events(me, store.read_events(me).iloc[:0].drop(columns=["event_id"]))
    store.replace_shifts(me, store.read_shifts(me).iloc[:0].drop(columns=["shift_id"]))
    for event_id in store.read_events(other)["event_id"]:  # another centre's id is not mine
        store.delete_event(me, int(event_id))
    for scenario_id in store.read_scenarios(other)["scenario_id"]:
        store.delete_scenario(me, int(scenario_id))
    store.reset(me)
    _assert_same(before, store.snapshot(other))
    # deleting
    store.delete_centre(other, store.centre_of(me))
    _assert_same(before, store.snapshot(other))
    assert [c.centre_id for c in store.list_centres(other)] == [store.centre_of(other)]
    for table in store.DATA_TABLES:
        assert store.table_counts(other, centre_id=store.centre_of(me))[table] == 0, table


def test_loading_the_demo_again_leaves_other_centres_alone(two_centres) -> None:
    con_a, con_b = two_centres
    before = store.snapshot(con_b)
    demo.load_demo(con_a)
    _assert_same(before, store.snapshot(con_b))
    assert set(store.series_summary(con_a)["channel"]) == {"phone", "chat", "email", "whatsapp"}


def test_each_centre_plans_from_its_own_history_end(two_centres) -> None:
    con_a, con_b = two_centres
    span_a = pipeline.horizon(store.series_summary(con_a), 2)
    span_b = pipeline.horizon(store.series_summary(con_b), 2)
    assert (span_a.start, span_b.start) == (date(2025, 3, 10), date(2025, 2, 17))
    # B's history is planned, not judged stale against A's newer history; only its own
    # example file of 2024 is too old
    assert [(c, q) for c, q, _ in span_b.forecast_days] == [("phone", "default")]
    assert {s.last_day for s in span_b.stale} == {date(2024, 3, 4)}
    picked = pipeline.horizon(store.series_summary(con_b), 2, start=date(2025, 3, 3))
    assert (picked.start, picked.end) == (date(2025, 3, 3), date(2025, 3, 17))


# --------------------------------------------------------------------------- centres


def test_centre_names_are_checked_in_english_and_dutch(mem_con) -> None:
    store.create_centre(mem_con, "Bank Zuid", time_zone="Europe/Amsterdam")
    cases = [
        (lambda: store.create_centre(mem_con, "  bank   zuid ", time_zone="Europe/Amsterdam"),
         "A centre named bank zuid already exists; choose another name.",
         "Er bestaat al een centrum met de naam bank zuid; kies een andere naam."),
        (lambda: store.create_centre(mem_con, "Democentrum", time_zone="Europe/Amsterdam"),
         "A centre named Democentrum already exists; choose another name.",
         "Er bestaat al een centrum met de naam Democentrum; kies een andere naam."),
        (lambda: store.create_centre(mem_con, " ", time_zone="Europe/Amsterdam"),
         "Give the centre a name.", "Geef het centrum een naam."),
        (lambda: store.create_centre(mem_con, "Noord", time_zone="Mars/Olympus"),
         "Mars/Olympus is not a time zone (use an IANA name such as Europe/Amsterdam).",
         "Mars/Olympus is geen tijdzone (gebruik een IANA-naam zoals Europe/Amsterdam)."),
    ]
    for call, english, dutch in cases:
        with pytest.raises(store.CentreError) as caught:
            call()
        assert (caught.value.message("en"), caught.value.message("nl")) == (english, dutch)
    assert len(store.list_centres(mem_con)) == 2


def test_the_demo_can_be_hidden_deleted_and_created_again(mem_con) -> None:
    demo_centre = store.get_centre(mem_con, store.DEMO_CENTRE_ID)
    assert demo_centre.is_demo and demo_centre.slug == "demo"
    assert (demo_centre.label("en"), demo_centre.label("nl")) == ("Demo centre", "Democentrum")
    with pytest.raises(store.CentreError) as caught:
        store.delete_centre(mem_con, store.DEMO_CENTRE_ID)
    assert caught.value.code == "last_centre"
    assert caught.value.message("nl") == (
        "Demo centre is het enige centrum; maak eerst een ander aan voordat u dit verwijdert.")
    mine = store.create_centre(mem_con, "Mijn centrum", time_zone="Europe/Brussels", country="BE")
    assert store.find_centre(mem_con, "mijn-centrum") == mine == store.find_centre(mem_con, str(mine.centre_id))
    store.hide_centre(mem_con, store.DEMO_CENTRE_ID)
    assert [c.centre_id for c in store.list_centres(mem_con, include_hidden=False)] == [mine.centre_id]
    with pytest.raises(store.CentreError) as caught:
        store.delete_centre(mem_con, store.DEMO_CENTRE_ID, confirm_name="Demo")
    assert caught.value.message("en") == "The name typed does not match Demo centre; nothing was deleted."
    store.delete_centre(mem_con, store.DEMO_CENTRE_ID, confirm_name=" democentrum ")
    assert [c.centre_id for c in store.list_centres(mem_con)] == [mine.centre_id]
    again = store.ensure_demo(mem_con)
    assert again.centre_id == store.DEMO_CENTRE_ID and again.is_demo and not again.hidden
    renamed = store.rename_centre(mem_con, mine.centre_id, "Brussel")
    assert renamed.label("nl") == "Brussel" and renamed.slug == "brussel"



def _never_loaded_by_its_listing(con: store.Connection) -> bool:
    """What ``demo_never_loaded`` answers, from the centre list and the import history."""
    there = any(c.centre_id == store.DEMO_CENTRE_ID for c in store.list_centres(con))
    return there and store.read_imports(con, centre_id=store.DEMO_CENTRE_ID).empty


def test_the_demo_counts_as_never_loaded_until_something_is_imported_into_it(mem_con) -> None:
    """The first-start check every page run makes: one query that answers as the centre list
    and the import history do, whatever is imported where and whether the demo exists."""
    assert store.demo_never_loaded(mem_con) is True
    mine = store.create_centre(mem_con, "Mijn centrum", time_zone=TZ_B)
    store.replace_intervals(mem_con, _history("2025-03-09", TZ_B), _record("mine.csv"), centre_id=mine.centre_id)
    assert store.demo_never_loaded(mem_con) is True and _never_loaded_by_its_listing(mem_con) is True
    store.replace_intervals(mem_con, _history("2025-03-09", "Europe/Amsterdam"), _record("demo.csv"))
    assert store.demo_never_loaded(mem_con) is False and _never_loaded_by_its_listing(mem_con) is False
    store.delete_centre(mem_con, store.DEMO_CENTRE_ID, confirm_name="Demo centre")
    assert store.demo_never_loaded(mem_con) is False and _never_loaded_by_its_listing(mem_con) is False
    store.ensure_demo(mem_con)  # created again, empty: the next page run loads it
    assert store.demo_never_loaded(mem_con) is True and _never_loaded_by_its_listing(mem_con) is True


# --------------------------------------------------------------------------- migration

#: The schema of version 1 (before centres), as that version wrote it: a fixture, so later
#: changes to the store cannot change what "an existing database" means here.
V1_DDL = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    "CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1",
    "CREATE SEQUENCE IF NOT EXISTS event_id_seq START 1",
    "CREATE SEQUENCE IF NOT EXISTS shift_id_seq START 1",
    "CREATE SEQUENCE IF NOT EXISTS scenario_id_seq START 1",
    """CREATE TABLE IF NOT EXISTS imports (
        import_id BIGINT PRIMARY KEY DEFAULT nextval('import_id_seq'),
        file_name VARCHAR NOT NULL, kind VARCHAR NOT NULL, imported_by VARCHAR NOT NULL,
        imported_at TIMESTAMPTZ NOT NULL, rows_read BIGINT NOT NULL, rows_imported BIGINT NOT NULL,
        rows_ignored BIGINT NOT NULL, rows_replaced BIGINT NOT NULL, interval_min INTEGER,
        period_start TIMESTAMPTZ, period_end TIMESTAMPTZ, channels VARCHAR, message VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS contacts (
        channel VARCHAR NOT NULL, queue VARCHAR NOT NULL, contact_id VARCHAR NOT NULL,
        arrival_ts TIMESTAMPTZ NOT NULL, wait_s DOUBLE, handle_s DOUBLE, outcome VARCHAR NOT NULL,
        customer_id VARCHAR, import_id BIGINT NOT NULL, PRIMARY KEY (channel, queue, contact_id))""",
    """CREATE TABLE IF NOT EXISTS interval_volumes (
        channel VARCHAR NOT NULL, queue VARCHAR NOT NULL, ds TIMESTAMPTZ NOT NULL,
        interval_min INTEGER NOT NULL, offered DOUBLE NOT NULL, answered DOUBLE, abandoned DOUBLE,
        aht_s DOUBLE, wait_s_total DOUBLE, closed_attempts DOUBLE NOT NULL DEFAULT 0,
        import_id BIGINT NOT NULL, PRIMARY KEY (channel, queue, ds))""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id BIGINT PRIMARY KEY DEFAULT nextval('event_id_seq'), name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL, start_date DATE NOT NULL, end_date DATE NOT NULL,
        channels VARCHAR[] NOT NULL, uplift_pct DOUBLE,
        exclude_from_training BOOLEAN NOT NULL DEFAULT FALSE, source VARCHAR NOT NULL DEFAULT 'user')""",
    """CREATE TABLE IF NOT EXISTS roster (
        channel VARCHAR NOT NULL, ds TIMESTAMPTZ NOT NULL, interval_min INTEGER NOT NULL,
        agents DOUBLE NOT NULL, import_id BIGINT, PRIMARY KEY (channel, ds))""",
    """CREATE TABLE IF NOT EXISTS shifts (
        shift_id BIGINT PRIMARY KEY DEFAULT nextval('shift_id_seq'), name VARCHAR NOT NULL,
        channels VARCHAR[] NOT NULL, start_time TIME NOT NULL, length_min INTEGER NOT NULL,
        weekdays INTEGER[] NOT NULL, headcount INTEGER NOT NULL,
        location VARCHAR NOT NULL DEFAULT 'site', valid_from DATE, valid_to DATE)""",
    """CREATE TABLE IF NOT EXISTS scenarios (
        scenario_id BIGINT PRIMARY KEY DEFAULT nextval('scenario_id_seq'),
        name VARCHAR NOT NULL UNIQUE, description VARCHAR NOT NULL DEFAULT '',
        spec_json VARCHAR NOT NULL, spec_version INTEGER NOT NULL, created_by VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL, updated_by VARCHAR NOT NULL, updated_at TIMESTAMPTZ NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS settings (key VARCHAR PRIMARY KEY, value_json VARCHAR NOT NULL)",
    "INSERT INTO meta VALUES ('schema_version', '1'), ('data_version', '7')",
)

_IMPORT = """INSERT INTO imports (file_name, kind, imported_by, imported_at, rows_read, rows_imported,
                 rows_ignored, rows_replaced, message)
             VALUES ($file, $kind, $by, TIMESTAMPTZ '2026-11-20 10:00:00+01', $n, $n, 0, 0, '')
             RETURNING import_id"""


def _version_1_database(path: Path, *, user_import: bool) -> None:
    """A database as version 1 left it: the demo, and with ``user_import`` a user's contact file
    mixed into it (as the Data page did before centres)."""
    raw = duckdb.connect(str(path))
    raw.execute("SET TimeZone = 'Europe/Amsterdam'")
    for ddl in V1_DDL:
        raw.execute(ddl)
    centre = demo.generate_demo()
    demo_import = {"file": "demo", "kind": "demo", "by": "demo"}
    demo_id = raw.execute(_IMPORT, {**demo_import, "n": len(centre.intervals)}).fetchone()[0]
    raw.register("v", centre.intervals.assign(import_id=demo_id))
    raw.execute("""INSERT INTO interval_volumes SELECT channel, queue, ds, interval_min, offered, answered,
                   abandoned, aht_s, wait_s_total, closed_attempts, import_id FROM v""")
    raw.register("e", centre.events)
    raw.execute("""INSERT INTO events (name, kind, start_date, end_date, channels, uplift_pct,
                   exclude_from_training, source)
                   SELECT name, kind, start_date, end_date, channels, uplift_pct, exclude_from_training,
                          source FROM e""")
    shifts = centre.shifts.assign(start_time=centre.shifts["start_time"].astype(str))
    raw.register("s", shifts)
    raw.execute("""INSERT INTO shifts (name, channels, start_time, length_min, weekdays, headcount, location,
                   valid_from, valid_to) SELECT name, channels, CAST(start_time AS TIME), length_min,
                   CAST(weekdays AS INTEGER[]), headcount, location, valid_from, valid_to FROM s""")
    roster_id = raw.execute(_IMPORT, {**demo_import, "n": len(centre.roster)}).fetchone()[0]
    raw.register("r", centre.roster.assign(import_id=roster_id))
    raw.execute("INSERT INTO roster SELECT channel, ds, interval_min, agents, import_id FROM r")
    for key, value in centre.settings.items():
        raw.execute("INSERT INTO settings VALUES ($k, $v)", {"k": key, "v": json.dumps(value, sort_keys=True)})
    raw.execute("""INSERT INTO scenarios (name, description, spec_json, spec_version, created_by, created_at,
                   updated_by, updated_at) VALUES ('Evenings', '', '{}', 3, 'Anna',
                   TIMESTAMPTZ '2026-11-21 09:00:00+01', 'Anna', TIMESTAMPTZ '2026-11-21 09:00:00+01')""")
    if user_import:
        user_id = raw.execute(_IMPORT, {"file": "bank.csv", "kind": "contacts", "by": "Anna", "n": 3}).fetchone()[0]
        raw.execute("""INSERT INTO contacts VALUES
            ('phone', 'default', 'c1', TIMESTAMPTZ '2003-01-06 09:01:00+01', 10, 200, 'answered', '0', $id),
            ('phone', 'default', 'c2', TIMESTAMPTZ '2003-01-06 09:05:00+01', 40, NULL, 'abandoned', NULL, $id),
            ('phone', 'default', 'c3', TIMESTAMPTZ '2003-01-06 21:00:00+01', NULL, NULL, 'closed', '7', $id)""",
                    {"id": user_id})
        raw.execute("""INSERT INTO interval_volumes VALUES
            ('phone', 'default', TIMESTAMPTZ '2003-01-06 09:00:00+01', 15, 2, 1, 1, 200, 50, 0, $id),
            ('phone', 'default', TIMESTAMPTZ '2003-01-06 21:00:00+01', 15, 0, 0, 0, NULL, 0, 1, $id)""",
                    {"id": user_id})
    raw.close()


def _raw_tables(path: Path) -> dict[str, pd.DataFrame]:
    raw = duckdb.connect(str(path))
    raw.execute("SET TimeZone = 'Europe/Amsterdam'")
    try:
        out = {}
        for table in store.DATA_TABLES:
            with ignoring(Warning, message="The inplace keyword"):  # DuckDB's pandas bridge
                frame = raw.execute(f"SELECT * FROM {table}").df()  # noqa: S608 - constant names
            for column in frame.columns:  # list cells as tuples, as store.snapshot gives them
                if frame[column].dtype == object and any(
                    hasattr(v, "__len__") and not isinstance(v, str) for v in frame[column]):
                    frame[column] = frame[column].map(tuple)
            out[table] = frame.sort_values(list(frame.columns)).reset_index(drop=True)
        return out
    finally:
        raw.close()


@pytest.mark.parametrize("user_import", [False, True], ids=["untouched demo", "imports mixed into the demo"])
def test_a_version_1_database_moves_into_one_centre_without_loss(tmp_path: Path, user_import: bool) -> None:
    path = tmp_path / "v1.duckdb"
    _version_1_database(path, user_import=user_import)
    before = _raw_tables(path)
    con = store.connect(str(path), "Europe/Amsterdam")
    try:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        (centre,) = store.list_centres(con)
        assert centre.time_zone == "Europe/Amsterdam" and centre.country == "NL"
        if user_import:  # kept whole, named so the user sees it; the demo can be loaded beside it
            assert not centre.is_demo and centre.centre_id != store.DEMO_CENTRE_ID
            assert centre.label("en") == "Demo with your imports (from before centres)"
            assert centre.label("nl") == "Demo met uw imports (van vóór centra)"
        else:
            assert centre.is_demo and centre.centre_id == store.DEMO_CENTRE_ID
        after = store.snapshot(con, centre_id=centre.centre_id)
        # version 3 adds the chat fields to contacts, empty for every older row
        added = after["contacts"][["agent_id", "sessions", "end_ts"]]
        assert added.isna().all().all()
        after["contacts"] = after["contacts"].drop(columns=list(added.columns))
        for table in store.DATA_TABLES:
            assert len(after[table]) == len(before[table]), table
            numbers = [c for c in before[table].select_dtypes("number").columns
                       if c in after[table].select_dtypes("number").columns]
            assert (after[table][numbers].sum() == before[table][numbers].sum()).all(), table
            pd.testing.assert_frame_equal(after[table], before[table], obj=table, check_dtype=False)
        assert store.data_version(con) == 7, "the data version carries on"
        # the sequences carry on too: a new row gets a fresh id
        bound = store.for_centre(con, centre.centre_id)
        new_id = store.save_scenario(bound, name="New", spec={}, spec_version=3, user="Bo")
        assert new_id > before["scenarios"]["scenario_id"].max()
        assert store.migrate(con) == store.SCHEMA_VERSION, "running again is a no-op"
    finally:
        con.close()


def test_the_horizon_names_series_that_end_early_and_takes_a_later_start() -> None:
    from kcc import plan

    series = pd.DataFrame({"channel": ["phone", "chat", "email"], "queue": "default",
                           "last_ds": pd.to_datetime(["2025-03-09 17:45", "2025-02-23 17:45", "2024-06-01 12:00"])})
    span = plan.plan_horizon(series, 2)
    assert (span.start, span.newest_day) == (date(2025, 3, 10), date(2025, 3, 9))
    assert [(s.channel, s.last_day) for s in span.ended_early] == [("chat", date(2025, 2, 23))]
    assert [s.channel for s in span.stale] == ["email"]
    later = plan.plan_horizon(series, 2, start=date(2025, 4, 7))
    assert (later.start, later.end) == (date(2025, 4, 7), date(2025, 4, 21))
    assert dict((c, d) for c, _, d in later.forecast_days) == {"phone": 42, "chat": 56}
    with pytest.raises(plan.PlanError, match=r"start must be after the newest history \(2025-03-09\)"):
        plan.plan_horizon(series, 2, start=date(2025, 3, 9))


def test_a_link_names_a_centre_in_a_list_already_read(mem_con) -> None:  # noqa: ANN001
    """``centre_named`` finds what ``find_centre`` finds, in a list read once (a page run's)."""
    mine = store.create_centre(mem_con, "Mijn centrum", time_zone="Europe/Amsterdam")
    everyone = store.list_centres(mem_con)
    for ref in ("mijn-centrum", " Mijn-Centrum ", str(mine.centre_id), mine.centre_id, "onbekend", None):
        assert store.centre_named(everyone, ref) == store.find_centre(mem_con, ref)
    assert store.centre_named(everyone, "mijn-centrum") == mine
