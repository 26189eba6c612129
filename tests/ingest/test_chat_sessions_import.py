"""Chat contacts with agent ids, end times or sessions held: the guessed mapping, the stored
columns and the estimate of h1 and p the Staffing settings offer."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from kcc import importer, pipeline, store
from tests.staffing.chat_history import chat_history


def _guess(header: str, row: str) -> importer.Mapping:
    return importer.guess_mapping(importer.read_source(f"{header}\n{row}\n".encode(), "c.csv"),
                                  "contacts")


def test_guess_recognises_english_and_dutch_chat_columns() -> None:
    english = _guess("contact_id,arrival,agent,concurrency,end_time,handle_s",
                     "1,2024-03-04 09:00:00,A1,2,2024-03-04 09:10:00,600")
    assert (english.agent_id, english.sessions, english.end_time) == (
        "agent", "concurrency", "end_time")
    assert english.timestamp == "arrival"
    dutch = _guess("gesprek_id;aankomst;medewerker;gelijktijdig;eindtijd",
                   "1;04-03-2024 09:00:00;A1;2,5;04-03-2024 09:10:00")
    assert (dutch.agent_id, dutch.sessions, dutch.end_time) == (
        "medewerker", "gelijktijdig", "eindtijd")
    # an end column whose values are no times is not taken
    assert _guess("contact_id,arrival,end", "1,2024-03-04 09:00:00,soon").end_time is None


def _chat_file(history: pd.DataFrame) -> bytes:
    """The history as a Dutch chat tool might export it: whole-second arrival and end times, the
    wait to the first response in seconds with decimals."""
    arrival = history["arrival"].dt.floor("s")
    frame = pd.DataFrame({
        "gesprek_id": np.arange(len(history)),
        "kanaal": "chat",
        "aankomst": arrival.dt.strftime("%Y-%m-%d %H:%M:%S"),
        "wachttijd": ((history["start"] - arrival).dt.total_seconds()).round(3),
        "medewerker": history["agent"],
        "eindtijd": history["end"].dt.round("s").dt.strftime("%Y-%m-%d %H:%M:%S"),
    })
    return frame.to_csv(index=False).encode()


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    return chat_history(chats_per_hour=120, h1_s=600.0, penalty=0.5, agents=16, cap=3,
                        hours=40, seed=1)


def test_imported_agent_ids_and_end_times_give_the_estimate(
        mem_con: duckdb.DuckDBPyConnection, history: pd.DataFrame) -> None:
    source = importer.read_source(_chat_file(history), "chats.csv")
    mapping = importer.guess_mapping(source)
    assert (mapping.agent_id, mapping.end_time, mapping.wait_s) == (
        "medewerker", "eindtijd", "wachttijd")
    result = importer.run_import(mem_con, source, mapping)
    assert result.ok, result.problems
    stored = store.read_chat_sessions(mem_con)
    assert len(stored) == len(history)
    assert stored["sessions"].isna().all()
    np.testing.assert_allclose(np.sort(stored["handle_s"]), np.sort(history["handle_s"]), atol=1.0)
    fit = pipeline.chat_estimate(mem_con)
    assert fit is not None and fit.method == "overlap"
    assert fit.handle_time_s == pytest.approx(600.0, rel=0.08)
    assert fit.penalty_per_extra_session == pytest.approx(0.5, abs=0.08)
    assert store.read_chat_sessions(mem_con, "phone").empty


def test_imported_sessions_column_gives_the_estimate(mem_con: duckdb.DuckDBPyConnection,
                                                     history: pd.DataFrame) -> None:
    frame = pd.DataFrame({
        "contact_id": np.arange(len(history)),
        "channel": "chat",
        "arrival": history["arrival"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        "handle_s": history["handle_s"].round(1),
        "concurrency": history["sessions"].round(2),
    })
    source = importer.read_source(frame.to_csv(index=False).encode(), "chats.csv")
    mapping = importer.guess_mapping(source)
    assert mapping.sessions == "concurrency" and mapping.agent_id is None
    assert importer.run_import(mem_con, source, mapping).ok
    fit = pipeline.chat_estimate(mem_con)
    assert fit is not None and fit.method == "sessions"
    assert fit.handle_time_s == pytest.approx(600.0, rel=0.08)
    assert fit.penalty_per_extra_session == pytest.approx(0.5, abs=0.1)


def test_a_file_without_chat_columns_gives_no_estimate(mem_con: duckdb.DuckDBPyConnection) -> None:
    text = "contact_id,channel,arrival,handle_s\n" + "\n".join(
        f"{i},chat,2024-03-04 09:{i:02d}:00,300" for i in range(50))
    source = importer.read_source(text.encode(), "plain.csv")
    assert importer.run_import(mem_con, source, importer.guess_mapping(source)).ok
    assert store.read_chat_sessions(mem_con).empty
    assert pipeline.chat_estimate(mem_con) is None
