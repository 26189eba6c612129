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


def test_the_problem_table_shows_no_none_and_dutch_row_numbers(mem_con: duckdb.DuckDBPyConnection) -> None:
    """A summary problem ("... and 25 more rows") has no row or value: its cells are empty, not
    the word None, and row numbers carry the reader's thousands separator as the reasons do."""
    from kcc.ui.state import translator

    rows = "".join(f"2025-03-{3 + i // 96:02d} {(i % 96) // 4:02d}:{(i % 4) * 15:02d};phone;"
                   f"{-5 if i > 1200 else 10};9;1;300\n" for i in range(1260))
    source = importer.read_source((CSV.splitlines()[0] + "\n" + rows).encode(), "calls.csv")
    result = importer.run_import(mem_con, source, importer.guess_mapping(source), interval_min=15)
    assert not result.ok and result.problems[-1].code == "more_rows"
    for lang, first_row, header in (("nl", "1.202", "Regel"), ("en", "1,202", "Row")):
        frame = view.problem_frame(translator(lang), lang, result.problems)
        assert not frame.isna().any().any() and "None" not in frame.to_string()
        assert frame[header].iloc[0] == first_row
        assert frame[header].iloc[-1] == "" and frame.iloc[-1].str.contains("1.202|1,202").sum() == 0
    assert result.problems[-1].row is None and result.problems[-1].value is None
