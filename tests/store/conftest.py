"""The store suite runs on both back ends: every test that takes ``mem_con`` gets an empty
DuckDB in memory and an empty PostgreSQL database (skipped, with the reason, without a
server)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kcc import store


@pytest.fixture(params=["duckdb", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    """The store back end under test."""
    return str(request.param)


@pytest.fixture
def mem_con(backend: str, request: pytest.FixtureRequest) -> Iterator[store.Connection]:
    """An empty store on the back end under test."""
    target = ":memory:" if backend == "duckdb" else request.getfixturevalue("pg_url")
    con = store.connect(target)
    yield con
    con.close()
