"""Chat sessions in the store (schema version 3), on both back ends: the agent, the sessions
held and the end time of each contact go in with a staged import and come back from
``read_chat_sessions``; contacts written without them read as none."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kcc import store

TZ = "Europe/Amsterdam"
FORMAT = "%Y-%m-%d %H:%M:%S"
COLUMNS = store.ContactColumns(timestamp="arrival", datetime_format=FORMAT, channel="channel",
                               channel_map=(("chat", "chat"), ("phone", "phone")),
                               contact_id=("id",), wait_s="wait", handle_s="handle",
                               agent_id="agent", sessions="sessions", end_time="end")


def _record(kind: str = "contacts") -> store.ImportRecord:
    return store.ImportRecord(file_name="chats.csv", kind=kind, imported_by="tester", rows_read=0)


def _chats() -> pd.DataFrame:
    """Four chats and a call: one with its end, one with its handle time only, one with the
    sessions held and no agent, one with neither (left out), a call (another channel)."""
    return pd.DataFrame({
        "id": ["1", "2", "3", "4", "5"],
        "channel": ["chat", "chat", "chat", "chat", "phone"],
        "arrival": ["2024-03-04 09:00:00", "2024-03-04 09:05:00", "2024-03-04 09:10:00",
                    "2024-03-04 09:20:00", "2024-03-04 09:00:00"],
        "wait": ["30", "12.5", "0", "10", "20"],
        "handle": [None, "300", "240", "100", "200"],
        "agent": ["A1", "A1", None, None, "A2"],
        "sessions": [None, "2", "1.5", None, None],
        "end": ["2024-03-04 09:10:30", None, None, None, None],
        "_row": [1, 2, 3, 4, 5],
    })


def _import(con: store.Connection) -> store.WriteOutcome:
    stage = store.stage_contacts(con, _chats(), COLUMNS, 15)
    return store.commit_stage(stage, _record(), keep_contacts=True)


def test_staged_chats_keep_their_agent_sessions_and_end(mem_con: store.Connection) -> None:
    assert _import(mem_con).rows_imported == 5
    sessions = store.read_chat_sessions(mem_con)
    assert list(sessions.columns) == ["agent_id", "start", "end", "handle_s", "sessions"]
    assert sessions["agent_id"].tolist()[:2] == ["A1", "A1"] and pd.isna(sessions["agent_id"].iloc[2])
    starts = sessions["start"].dt.tz_convert(TZ).dt.strftime(FORMAT + ".%f").tolist()
    # a session starts at arrival + wait
    assert starts == ["2024-03-04 09:00:30.000000", "2024-03-04 09:05:12.500000",
                      "2024-03-04 09:10:00.000000"]
    ends = sessions["end"].dt.tz_convert(TZ).dt.strftime(FORMAT + ".%f").tolist()
    # the stored end; else the start plus the handle time
    assert ends == ["2024-03-04 09:10:30.000000", "2024-03-04 09:10:12.500000",
                    "2024-03-04 09:14:00.000000"]
    # the stored handle time; else the seconds from start to end
    assert sessions["handle_s"].tolist() == pytest.approx([600.0, 300.0, 240.0])
    assert sessions["sessions"].iloc[:2].isna().tolist() == [True, False]
    assert sessions["sessions"].iloc[1:].tolist() == pytest.approx([2.0, 1.5])
    assert store.read_chat_sessions(mem_con, "phone")["agent_id"].tolist() == ["A2"]
    # the contacts table holds the three fields as imported
    contacts = store.snapshot(mem_con)["contacts"]
    assert contacts["agent_id"].notna().sum() == 3 and contacts["sessions"].notna().sum() == 2
    assert contacts["end_ts"].notna().sum() == 1


def test_a_reimport_replaces_the_chats_of_its_period(mem_con: store.Connection) -> None:
    _import(mem_con)
    outcome = _import(mem_con)
    assert outcome.rows_replaced >= 5
    assert len(store.read_chat_sessions(mem_con)) == 3


def test_contacts_written_without_chat_fields_read_as_no_sessions(mem_con: store.Connection) -> None:
    frame = pd.DataFrame({
        "channel": "chat", "queue": "default", "contact_id": ["a", "b"],
        "arrival_ts": pd.to_datetime(["2024-03-04 09:00", "2024-03-04 09:30"]).tz_localize(TZ),
        "wait_s": [10.0, 20.0], "handle_s": [300.0, 200.0], "outcome": "answered",
    })
    assert store.replace_contacts(mem_con, frame, _record(), 15).rows_imported == 2
    assert store.read_chat_sessions(mem_con).empty
    contacts = store.snapshot(mem_con)["contacts"]
    assert contacts[["agent_id", "sessions", "end_ts"]].isna().all().all()


def test_a_database_at_version_2_gains_the_chat_columns(backend: str, tmp_path: Path,
                                                       request: pytest.FixtureRequest) -> None:
    target = str(tmp_path / "v2.duckdb") if backend == "duckdb" else request.getfixturevalue("pg_url")
    con = store.connect(target)
    store.replace_contacts(con, pd.DataFrame({
        "channel": "chat", "queue": "default", "contact_id": ["a"],
        "arrival_ts": pd.to_datetime(["2024-03-04 09:00"]).tz_localize(TZ),
        "wait_s": [10.0], "handle_s": [300.0], "outcome": "answered",
    }), _record(), 15)
    for table in ("users", "user_centre_roles"):
        con.execute(f"DROP TABLE {table}")
    for column in ("agent_id", "sessions", "end_ts"):
        con.execute(f"ALTER TABLE contacts DROP COLUMN {column}")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    con = store.connect(target)
    assert store.schema_version(con) == store.SCHEMA_VERSION
    contacts = store.snapshot(con)["contacts"]
    assert contacts["contact_id"].tolist() == ["a"]
    assert contacts[["agent_id", "sessions", "end_ts"]].isna().all().all()
    assert store.count_users(con) == 0
    con.close()
