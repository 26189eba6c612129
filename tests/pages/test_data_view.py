"""The Data page's cached store reads follow the store's data version: an import shows at
once, with no cache cleared by hand."""

from __future__ import annotations

import duckdb
import streamlit as st

from kcc import importer
from kcc.ui.views import data as view

CSV = (
    "timestamp;channel;offered;answered;abandoned;aht_s\n"
    "2025-03-03 09:00;phone;10;9;1;300\n"
    "2025-03-03 09:15;phone;12;11;1;280\n"
)


def test_an_import_refreshes_the_cached_reads(mem_con: duckdb.DuckDBPyConnection) -> None:
    st.cache_data.clear()
    assert view.stored(mem_con, "imports").empty and view.stored(mem_con, "series").empty
    source = importer.read_source(CSV.encode(), "calls.csv")
    result = importer.run_import(mem_con, source, importer.guess_mapping(source), interval_min=15)
    assert result.ok, result.problems
    imports = view.stored(mem_con, "imports")
    assert list(imports["file_name"]) == ["calls.csv"]
    series = view.stored(mem_con, "series")
    assert list(series["channel"]) == ["phone"] and series["offered"].sum() == 22
    profile = view.stored(mem_con, "profile", "phone")
    assert profile["offered"].sum() == 22
    st.cache_data.clear()
