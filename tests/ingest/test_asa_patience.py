"""Interval files whose wait is the ASA stay out of the patience estimate unless the user says so."""

from __future__ import annotations

import pytest

from kcc import importer, staffing, store

TEXT = (
    "start,offered,answered,abandoned,asa\n"
    "2024-03-04 09:00,100,90,10,30\n"
    "2024-03-04 09:15,80,76,4,20\n"
)
MAPPING = importer.Mapping(kind="intervals", timestamp="start", offered="offered", answered="answered",
                           abandoned="abandoned", wait_s="asa", datetime_format="%Y-%m-%d %H:%M")


def _source() -> importer.SourceFile:
    return importer.read_source(TEXT.encode(), "asa.csv")


def _notice(result: importer.ImportResult, code: str) -> importer.ImportProblem:
    return next(p for p in result.problems if p.code == code)


def test_asa_file_is_imported_with_a_notice_and_kept_out_of_patience(mem_con) -> None:
    result = importer.run_import(mem_con, _source(), MAPPING)
    assert result.ok
    notice = _notice(result, "wait_from_asa")
    assert notice.severity == importer.NOTICE
    assert notice.message("en").startswith(
        "Column asa is the mean wait of answered contacts (ASA). ASA × answered leaves out the waits of "
        "callers who hung up, so a patience estimated from it comes out about a fifth too low")
    assert notice.message("nl").startswith(
        "Kolom asa is de gemiddelde wachttijd van beantwoorde contacten (ASA). ASA × beantwoord laat "
        "de wachttijd van bellers die ophingen weg")
    rows = store.read_intervals(mem_con)
    assert rows["offered"].tolist() == [100.0, 80.0]
    assert rows["wait_s_total"].isna().all()
    assert staffing.estimate_patience(rows).abandoned == 0  # nothing to estimate from


def test_asa_file_counts_in_the_patience_when_the_user_confirms(mem_con) -> None:
    result = importer.run_import(mem_con, _source(), MAPPING, asa_patience=True)
    assert result.ok
    assert "ASA × answered counts in the patience estimate" in _notice(result, "wait_from_asa_used").message("en")
    assert "ASA × beantwoord mee in de geduldschatting" in _notice(result, "wait_from_asa_used").message("nl")
    rows = store.read_intervals(mem_con)
    assert rows["wait_s_total"].tolist() == [90 * 30.0, 76 * 20.0]
    estimate = staffing.estimate_patience(rows)
    assert estimate.patience_s == pytest.approx((2700.0 + 1520.0) / 14)


def test_a_total_wait_column_needs_no_notice(mem_con) -> None:
    mapping = importer.Mapping(kind="intervals", timestamp="start", offered="offered", answered="answered",
                               abandoned="abandoned", wait_s="asa", wait_is_total=True,
                               datetime_format="%Y-%m-%d %H:%M")
    result = importer.run_import(mem_con, _source(), mapping)
    assert result.ok
    assert not [p for p in result.problems if p.code.startswith("wait_from_asa")]
    assert store.read_intervals(mem_con)["wait_s_total"].tolist() == [30.0, 20.0]
