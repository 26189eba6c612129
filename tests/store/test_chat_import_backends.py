"""The chat import tests (``tests/ingest/test_chat_sessions_import.py``) on both back ends: a
chat file with agent ids and end times, or with the sessions held, imported and estimated from
the store."""

from __future__ import annotations

from tests.ingest.test_chat_sessions_import import (  # noqa: F401 - collected here with this folder's mem_con
    history,
    test_a_file_without_chat_columns_gives_no_estimate,
    test_imported_agent_ids_and_end_times_give_the_estimate,
    test_imported_sessions_column_gives_the_estimate,
)
