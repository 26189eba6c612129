"""Importer: reading formats, guessing the mapping, every validation message, real files."""

from __future__ import annotations

import io
from dataclasses import fields, replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcc import importer, store
from kcc.ingest import contacts
from tests.conftest import ROOT, real_file

EXAMPLES = ROOT / "data" / "examples"


def _csv(text: str, name: str = "test.csv", encoding: str = "utf-8") -> importer.SourceFile:
    return importer.read_source(text.encode(encoding), name)


def _run(con: duckdb.DuckDBPyConnection, text: str, kind: str | None = None, **kw: object) -> importer.ImportResult:
    source = _csv(text)
    mapping = importer.guess_mapping(source, kind)
    return importer.run_import(con, source, mapping, **kw)  # type: ignore[arg-type]


_COUNTS = importer.Mapping(
    kind="intervals", timestamp="start", offered="offered", datetime_format="%Y-%m-%d %H:%M"
)


def _reasons(result: importer.ImportResult) -> list[str]:
    return [p.reason for p in result.problems]


def _quarters(start: str, n: int, step_min: int = 15) -> list[str]:
    return [f"{t:%Y-%m-%d %H:%M}" for t in pd.date_range(start, periods=n, freq=f"{step_min}min")]


# --------------------------------------------------------------------------- real files


def test_anonymous_bank_per_call_file_imports_through_the_guessed_mapping(mem_con) -> None:
    path = real_file("anonymous-bank-1999/calls_1999-02_per_call.tsv")
    source = importer.read_source(path)
    mapping = importer.guess_mapping(source, "contacts")
    assert (mapping.date, mapping.time, mapping.datetime_format) == ("date", "vru_entry", "%y%m%d %H:%M:%S")
    assert (mapping.wait_s, mapping.handle_s, mapping.outcome) == ("q_time", "ser_time", "outcome")
    assert dict(mapping.outcome_map) == {"AGENT": "answered", "HANG": "abandoned", "PHANTOM": "ignore"}
    result = importer.run_import(mem_con, source, mapping, interval_min=15)
    assert result.ok, _reasons(result)
    assert (result.rows_read, result.rows_imported, result.rows_ignored) == (33_344, 33_066, 278)
    totals = store.read_intervals(mem_con)[["offered", "answered", "abandoned"]].sum()
    assert totals.to_dict() == {"offered": 33_066.0, "answered": 27_162.0, "abandoned": 5_904.0}
    assert store.table_counts(mem_con)["contacts"] == 33_066


def test_us_bank_5_minute_file_rolls_up_to_15_minutes(mem_con) -> None:
    path = real_file("us-bank-2003/bank_calls_5min.csv")
    calls = pd.read_csv(path)["calls"].sum()
    source = importer.read_source(path)
    mapping = importer.guess_mapping(source)
    assert (mapping.kind, mapping.timestamp, mapping.offered) == ("intervals", "interval_start", "calls")
    result = importer.run_import(mem_con, source, mapping, interval_min=15)
    assert result.ok, _reasons(result)
    assert result.source_interval_min == 5
    stored = store.read_intervals(mem_con)
    assert stored["offered"].sum() == calls
    assert set(stored["interval_min"]) == {15}
    assert len(stored) == 164 * 57  # 07:00 .. 21:00 starts on 164 days


# --------------------------------------------------------------------------- formats


def test_semicolon_decimal_comma_latin1_dutch_dates(mem_con) -> None:
    text = (
        "Datum;Tijd;Kanaal;Wachtrij;Afhandeltijd;Wachttijd;Resultaat;Klant\n"
        "04-03-2024;9:05;Telefoon;Ouderenzorg;185,5;12,25;Beantwoord;José\n"
        "04-03-2024;9:20;Telefoon;Ouderenzorg;200,0;3,0;Opgehangen;Zoë\n"
        "04-03-2024;9:40;E-mail;Ouderenzorg;1.200,0;0;Beantwoord;Renée\n"
    )
    source = _csv(text, encoding="latin-1")
    assert (source.delimiter, source.encoding, source.decimal_comma) == (";", "latin-1", True)
    mapping = importer.guess_mapping(source, "contacts")
    assert mapping.datetime_format == "%d-%m-%Y %H:%M"
    assert dict(mapping.channel_map) == {"telefoon": "phone", "e-mail": "email"}
    assert dict(mapping.outcome_map) == {"Beantwoord": "answered", "Opgehangen": "abandoned"}
    result = importer.run_import(mem_con, source, mapping, interval_min=60)
    assert result.ok, _reasons(result)
    rows = store.read_intervals(mem_con).set_index("channel")
    assert rows.loc["phone", "aht_s"] == pytest.approx(185.5)
    assert rows.loc["phone", "wait_s_total"] == pytest.approx(15.25)
    assert rows.loc["email", "aht_s"] == pytest.approx(1200.0)
    assert rows.loc["phone", "ds"] == pd.Timestamp("2024-03-04 09:00", tz="Europe/Amsterdam")


def test_tab_separated_iso_timestamp_with_t(mem_con) -> None:
    text = "arrival\thandle_s\n2024-03-04T09:05:00\t100\n2024-03-04T09:50:00\t50\n"
    result = _run(mem_con, text, "contacts", interval_min=60)
    assert result.ok, _reasons(result)
    assert store.read_intervals(mem_con)["answered"].tolist() == [2.0]


def test_a_tab_separated_file_is_named_tsv() -> None:
    text = "arrival\thandle_s\n2024-03-04T09:05:00\t100\n"
    assert importer.read_source(text.encode(), "calls.tsv").format_name == "TSV"
    assert importer.read_source(text.replace("\t", ",").encode(), "calls.csv").format_name == "CSV"
    assert importer.read_source(text.replace("\t", ";").encode(), "calls.txt").format_name == "CSV"


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "interval_start": pd.date_range("2024-03-04 08:00", periods=8, freq="30min"),
            "offered": [10, 12, 8, 9, 11, 7, 6, 5],
            "answered": [9, 12, 8, 8, 10, 7, 6, 5],
        }
    )


def test_xlsx_upload(mem_con) -> None:
    buffer = io.BytesIO()
    _frame().to_excel(buffer, index=False)
    source = importer.read_source(buffer.getvalue(), "counts.xlsx")
    assert source.format == "xlsx"
    result = importer.run_import(mem_con, source, importer.guess_mapping(source), interval_min=60)
    assert result.ok, _reasons(result)
    assert result.source_interval_min == 30
    assert store.read_intervals(mem_con)["offered"].tolist() == [22.0, 17.0, 18.0, 11.0]


def test_parquet_upload(mem_con, tmp_path: Path) -> None:
    path = tmp_path / "counts.parquet"
    _frame().to_parquet(path)
    source = importer.read_source(path)
    result = importer.run_import(mem_con, source, importer.guess_mapping(source), interval_min=30)
    assert result.ok, _reasons(result)
    assert store.read_intervals(mem_con)["offered"].sum() == 68.0


def test_example_files_import(mem_con) -> None:
    for name in ("intervals_example.csv", "contacts_example.csv"):
        source = importer.read_source(EXAMPLES / name)
        result = importer.run_import(mem_con, source, importer.guess_mapping(source))
        assert result.ok, (name, _reasons(result))
    assert "closed" in set(store.snapshot(mem_con)["contacts"]["outcome"])


# --------------------------------------------------------------------------- DST


def test_autumn_dst_counts_keep_100_quarter_hours(mem_con) -> None:
    # Local wall clock: 00:00 .. 01:45, 02:00 .. 02:45 twice, 03:00 .. 23:45 = 100 rows.
    first = _quarters("2023-10-29 00:00", 12)
    starts = first + _quarters("2023-10-29 02:00", 4) + _quarters("2023-10-29 03:00", 84)
    text = "start,offered\n" + "".join(f"{s},{i}\n" for i, s in enumerate(starts))
    result = _run(mem_con, text, "intervals")
    assert result.ok, _reasons(result)
    day = store.read_intervals(mem_con)
    assert len(day) == 100
    assert day["offered"].sum() == sum(range(100))
    assert day["ds"].is_unique


def test_spring_dst_skipped_hour_is_reported_and_moved(mem_con) -> None:
    starts = _quarters("2023-03-26 00:00", 8) + ["2023-03-26 02:30"] + _quarters("2023-03-26 03:00", 84)
    text = "start,offered\n" + "".join(f"{s},1\n" for s in starts)
    assert _run(mem_con, text, "intervals").to_confirm == ("dst_gap",)
    result = _run(mem_con, text, "intervals", confirm=("dst_gap",))
    assert result.ok, _reasons(result)
    assert any("does not exist" in r and "2023-03-26 02:30" in r for r in _reasons(result))
    day = store.read_intervals(mem_con)
    assert day["offered"].sum() == 93
    assert len(day) == 92  # the moved row lands in 03:00..03:15 of the 92-quarter-hour day


def test_contacts_in_the_repeated_hour_are_counted_once(mem_con) -> None:
    text = "arrival,outcome\n2023-10-29 01:50:00,ok\n2023-10-29 02:10:00,ok\n2023-10-29 02:40:00,ok\n"
    result = _run(mem_con, text, "contacts")
    assert result.ok, _reasons(result)
    assert store.read_intervals(mem_con)["offered"].sum() == 3


# --------------------------------------------------------------------------- validation messages


def test_missing_column(mem_con) -> None:
    source = _csv("start,offered\n2024-01-01 08:00,3\n")
    mapping = replace(importer.guess_mapping(source, "intervals"), answered="beantwoord")
    result = importer.run_import(mem_con, source, mapping)
    assert not result.ok
    assert _reasons(result) == ["Column 'beantwoord' is mapped but not in the file."]


def test_no_time_column_and_no_offered_column(mem_con) -> None:
    source = _csv("a,b\nx,y\n")
    result = importer.run_import(mem_con, source, importer.Mapping(kind="intervals"))
    assert _reasons(result) == [
        "No column is mapped to the date and time.",
        "No column is mapped to offered contacts.",
    ]


def test_unparseable_and_empty_times(mem_con) -> None:
    text = "start,offered\n2024-01-01 08:00,3\n2024-13-45 08:00,4\n,5\n"
    result = importer.run_import(mem_con, _csv(text), _COUNTS)
    assert not result.ok
    problems = {p.code: p for p in result.problems}
    assert problems["time_unparseable"].reason == (
        "'2024-13-45 08:00' is not a date/time in the format %Y-%m-%d %H:%M."
    )
    assert (problems["time_unparseable"].row, problems["time_unparseable"].column) == (2, "start")
    assert problems["time_missing"].reason == "The date/time is empty."
    assert problems["time_missing"].row == 3


def test_unparseable_contact_arrival_names_the_row(mem_con) -> None:
    text = "arrival,outcome\n2024-01-01 08:00:00,ok\n2024-01-01 25:61:00,ok\n"
    source = _csv(text)
    mapping = importer.Mapping(kind="contacts", timestamp="arrival", datetime_format="%Y-%m-%d %H:%M:%S")
    result = importer.run_import(mem_con, source, mapping)
    (problem,) = result.problems
    assert (problem.row, problem.column, problem.value) == (2, "arrival", "2024-01-01 25:61:00")
    assert problem.reason == "'2024-01-01 25:61:00' is not a date/time in the format %Y-%m-%d %H:%M:%S."
    assert problem.message("nl") == (
        "'2024-01-01 25:61:00' is geen datum/tijd in de notatie %Y-%m-%d %H:%M:%S."
    )


def test_negative_and_non_numeric_counts(mem_con) -> None:
    text = "start,offered,answered\n2024-01-01 08:00,3,2\n2024-01-01 08:15,-1,0\n2024-01-01 08:30,veel,1\n"
    text = text.replace("answered", "beantwoord")
    result = importer.run_import(mem_con, _csv(text), _COUNTS)
    assert not result.ok
    assert _reasons(result) == [
        "'veel' in column 'offered' is not a number.",
        "-1 in column 'offered' is negative; counts and times must be 0 or more.",
    ]
    assert [p.row for p in result.problems] == [3, 2]


def test_negative_and_non_numeric_handle_times_of_contacts(mem_con) -> None:
    text = "arrival,handle_s\n2024-01-01 08:00:00,60\n2024-01-01 08:01:00,-5\n2024-01-01 08:02:00,lang\n"
    mapping = importer.Mapping(kind="contacts", timestamp="arrival", handle_s="handle_s")
    result = importer.run_import(mem_con, _csv(text), mapping)
    assert [(p.row, p.reason) for p in result.problems] == [
        (3, "'lang' in column 'handle_s' is not a number."),
        (2, "-5 in column 'handle_s' is negative; counts and times must be 0 or more."),
    ]


def test_empty_offered_count(mem_con) -> None:
    result = _run(mem_con, "start,offered\n2024-01-01 08:00,\n2024-01-01 08:15,2\n", "intervals")
    assert _reasons(result) == ["The number of offered contacts is empty."]


def test_duplicate_intervals(mem_con) -> None:
    text = "start,offered\n2024-01-01 08:00,3\n2024-01-01 08:15,3\n2024-01-01 08:00,4\n"
    result = _run(mem_con, text, "intervals")
    (problem,) = result.problems
    assert problem.row == 3
    assert problem.reason == (
        "Interval '2024-01-01 08:00' of this channel and queue already appears in row 1."
    )


def test_duplicate_contacts(mem_con) -> None:
    text = "call_id,arrival\n7,2024-01-01 08:00:00\n8,2024-01-01 08:01:00\n7,2024-01-01 08:00:00\n"
    source = _csv(text)
    mapping = replace(importer.guess_mapping(source, "contacts"), contact_id=("call_id",))
    result = importer.run_import(mem_con, source, mapping)
    (problem,) = result.problems
    assert (problem.row, problem.value) == (3, "7")
    assert problem.reason == "Contact id '7' already appears in row 1."


def test_mixed_interval_lengths(mem_con) -> None:
    starts = _quarters("2024-01-01 08:00", 8, 15) + _quarters("2024-01-02 08:00", 8, 30)
    text = "start,offered\n" + "".join(f"{s},1\n" for s in starts)
    result = _run(mem_con, text, "intervals", interval_min=60)
    assert _reasons(result) == [
        "The file mixes interval lengths (most common: 15 min); import one length per file."
    ]


def test_six_minute_counts_cannot_make_quarter_hours(mem_con) -> None:
    text = "start,offered\n" + "".join(f"{s},1\n" for s in _quarters("2024-01-01 08:00", 20, 6))
    result = _run(mem_con, text, "intervals", interval_min=15)
    assert _reasons(result) == [
        "6 min intervals cannot be added up to 15 min; choose 30 min, the nearest planning "
        "interval that is a multiple of 6 min."
    ]
    assert result.problems[0].message("nl") == (
        "Intervallen van 6 min kunnen niet worden opgeteld tot 15 min; kies 30 min, het "
        "dichtstbijzijnde planningsinterval dat een veelvoud is van 6 min."
    )
    assert _run(mem_con, text, "intervals", interval_min=30).ok


def test_unsupported_interval_length(mem_con) -> None:
    text = "start,offered\n" + "".join(f"{s},1\n" for s in _quarters("2024-01-01 08:00", 10, 7))
    result = _run(mem_con, text, "intervals")
    assert _reasons(result) == [
        "The interval length 7 min is not supported; use 5, 6, 10, 15, 30 or 60 min."
    ]


def test_start_off_the_interval_grid(mem_con) -> None:
    text = "start,offered\n" + "".join(f"{s},1\n" for s in _quarters("2024-01-01 08:05", 6, 15))
    result = _run(mem_con, text, "intervals")
    assert result.problems[0].reason == "'2024-01-01 08:05' does not start on a 15 min boundary."


def test_interval_differs_from_the_stored_series(mem_con) -> None:
    """A file at another planning interval than its stored series gets a series of its own,
    says why, and is not refused; the stored series keeps every row."""
    text = "start,offered\n" + "".join(f"{s},1\n" for s in _quarters("2024-01-01 08:00", 8))
    assert _run(mem_con, text, "intervals", interval_min=15).ok
    other = "start,offered\n" + "".join(f"{s},2\n" for s in _quarters("2024-02-01 08:00", 8))
    result = _run(mem_con, other, "intervals", interval_min=30)
    assert result.ok and result.series == ("phone/default (30 min)",)
    (notice,) = result.problems
    assert notice.severity == importer.NOTICE
    assert notice.reason == (
        "Series Phone · default is stored in 15 min intervals and this import writes 30 min, so "
        "these rows go to a series of their own, Phone · default (30 min), instead of mixing two "
        "interval lengths in one series."
    )
    assert notice.message("nl") == (
        "Reeks Telefoon · standaard is opgeslagen in intervallen van 15 min en deze import schrijft "
        "30 min, dus deze regels gaan naar een eigen reeks, Telefoon · standaard (30 min), in plaats van "
        "twee intervallengtes in één reeks te mengen."
    )
    stored = store.read_intervals(mem_con).groupby(["queue", "interval_min"])["offered"].sum()
    assert stored.to_dict() == {("default", 15): 8.0, ("default (30 min)", 30): 16.0}
    again = _run(mem_con, other, "intervals", interval_min=30)
    assert again.ok and again.rows_replaced == 4, "the same file again replaces its own series"
    assert store.read_intervals(mem_con)["offered"].sum() == 24


def test_unmapped_outcome_and_channel(mem_con) -> None:
    text = "arrival,channel,outcome\n2024-01-01 08:00:00,phone,AGENT\n2024-01-01 08:01:00,fax,AGENT\n"
    source = _csv(text)
    mapping = replace(importer.guess_mapping(source, "contacts"), outcome_map=(("HANG", "abandoned"),))
    result = importer.run_import(mem_con, source, mapping)
    assert [(p.row, p.reason) for p in result.problems] == [
        (1, "Outcome 'AGENT' is not mapped to answered, abandoned, outside opening hours or ignore."),
        (2, "Outcome 'AGENT' is not mapped to answered, abandoned, outside opening hours or ignore."),
        (2, "Channel value 'fax' is not mapped to a channel."),
    ]


def test_many_bad_rows_are_summarised(mem_con) -> None:
    text = "start,offered\n" + "".join(f"x{i},1\n" for i in range(8))
    source = _csv(text)
    mapping = importer.Mapping(kind="intervals", timestamp="start", offered="offered")
    result = importer.run_import(mem_con, source, mapping)
    assert len(result.problems) == 6
    assert result.problems[-1].reason == "... and 3 more rows with this problem in column 'start'."


# --------------------------------------------------------------------------- typed and text readings

_MESSY = (
    "call_id;arrival;channel;queue;handle_s;wait_s;outcome\n"
    "1;2024-03-04 09:05:00;Phone ; A ;185,5;12;AGENT\n"
    "2;2024-03-04 09:20:00; phone;A;200;;HANG \n"
    "3;2024-03-04 09:40:00;chat;;30,25;3;PHANTOM\n"
    "4;2024-03-04 10:10:00;CHAT;B;;0; AGENT\n"
    "5;2024-03-31 02:30:00;phone;A;10;1;AGENT\n"
)
#: Row 5 arrives in the skipped spring hour: a warning these tests confirm.
_GAP = ("dst_gap_contacts",)


def _both_readings(
    con_factory, text: str, monkeypatch, mapping: importer.Mapping | None = None, **kw: object
) -> list[tuple]:
    """Import ``text`` (with ``mapping``, or the guessed one) with DuckDB typing the columns
    and with every column read as text."""
    out = []
    for typed in (True, False):
        con = con_factory()
        if not typed:
            monkeypatch.setattr(store.staging, "_fast_source", lambda source, columns: None)
        result = (
            _run(con, text, "contacts", **kw) if mapping is None
            else importer.run_import(con, _csv(text), mapping, **kw)  # type: ignore[arg-type]
        )
        monkeypatch.undo()
        snap = store.snapshot(con)
        tables = {
            name: snap[name].drop(columns="import_id").sort_values(list(snap[name].columns[:3]))
            .reset_index(drop=True)
            for name in ("interval_volumes", "contacts")
        }
        out.append((result, tables))
        con.close()
    return out


def test_typed_and_text_readings_store_the_same(monkeypatch) -> None:
    # Untrimmed channel, queue and outcome texts, an empty queue and handle time, decimal
    # comma, an ignored outcome and a time in the skipped spring hour.
    (typed, typed_tables), (text, text_tables) = _both_readings(
        lambda: store.connect(":memory:"), _MESSY, monkeypatch, interval_min=60, confirm=_GAP
    )
    assert typed.ok, _reasons(typed)
    assert (typed.rows_read, typed.rows_imported, typed.rows_ignored) == (5, 4, 1)
    assert _reasons(typed) == _reasons(text)
    assert (typed.rows_imported, typed.series) == (text.rows_imported, text.series)
    for name, frame in typed_tables.items():
        pd.testing.assert_frame_equal(frame, text_tables[name])
    phone = typed_tables["interval_volumes"].query("channel == 'phone' and queue == 'A'")
    assert phone["aht_s"].iloc[0] == pytest.approx(185.5)


_CLEAN_OUTCOMES = _MESSY.replace("HANG \n", "HANG\n").replace("; AGENT\n", ";AGENT\n") + (
    "6;2024-03-04 22:10:00;phone;A;;;CLOSED\n"
    "7;2024-03-04 09:07:00;phone;A;95;4;HANG\n"
)


def test_outcomes_counted_in_the_scan_store_what_the_text_reading_stores(monkeypatch) -> None:
    # Outcome texts that match their keys as they stand are counted per category in the
    # typed scan itself (one group per channel, queue and interval); everything else about
    # the file is as messy as above, and a closed-hours attempt shares no interval with
    # answered contacts. The stored rows must equal those of the text reading.
    built: list[bool] = []
    stage_sql = store.staging._stage_sql

    def spy(*args: object, **kw: bool) -> str:
        built.append(kw["by_outcome"])
        return stage_sql(*args, **kw)

    monkeypatch.setattr(store.staging, "_stage_sql", spy)
    mapping = replace(
        importer.guess_mapping(_csv(_CLEAN_OUTCOMES), "contacts"),
        outcome_map=(("AGENT", "answered"), ("HANG", "abandoned"), ("PHANTOM", "ignore"),
                     ("CLOSED", "closed")),
    )
    (typed, typed_tables), (text, text_tables) = _both_readings(
        lambda: store.connect(":memory:"), _CLEAN_OUTCOMES, monkeypatch, mapping, interval_min=60,
        confirm=_GAP,
    )
    assert built == [True]  # the typed scan ran once, by category
    assert typed.ok, _reasons(typed)
    assert (typed.rows_read, typed.rows_imported, typed.rows_ignored) == (7, 6, 1)
    assert _reasons(typed) == _reasons(text)
    for name, frame in typed_tables.items():
        pd.testing.assert_frame_equal(frame, text_tables[name])
    intervals = typed_tables["interval_volumes"]
    nine = intervals.query("channel == 'phone' and queue == 'A'").iloc[0]
    assert (nine["offered"], nine["answered"], nine["abandoned"]) == (3, 1, 2)
    assert nine["aht_s"] == pytest.approx(185.5)
    assert nine["wait_s_total"] == pytest.approx(16)
    closed = intervals.query("closed_attempts > 0")
    assert closed[["offered", "closed_attempts"]].values.tolist() == [[0, 1]]


def test_a_cell_the_typed_reading_refuses_is_reported_by_row(mem_con) -> None:
    # '1.200,5' is a thousands separator DuckDB's reader does not take; 'lang' is no number.
    text = _MESSY.replace(";185,5;", ";1.200,5;").replace(";200;", ";lang;")
    source = _csv(text)
    mapping = replace(importer.guess_mapping(source, "contacts"), handle_s="handle_s")
    result = importer.run_import(mem_con, source, mapping)
    assert [(p.row, p.column, p.reason) for p in result.problems] == [
        (2, "handle_s", "'lang' in column 'handle_s' is not a number.")
    ]
    assert store.table_counts(mem_con)["interval_volumes"] == 0


def test_duplicate_ids_are_found_when_the_reader_types_the_columns(mem_con) -> None:
    text = _MESSY + "2;2024-03-04 11:00:00;phone;A;60;1;AGENT\n"
    result = _run(mem_con, text, "contacts")
    (problem,) = result.problems
    assert (problem.row, problem.value, problem.reason) == (
        6, "2", "Contact id '2' already appears in row 2."
    )


def test_an_id_repeated_with_spaces_in_another_interval_is_a_duplicate(mem_con) -> None:
    # The typed reading checks ids through hashes kept in its one scan; the id is trimmed
    # first, and the repeat lies in another interval, so only an id-wide check can see it.
    text = _MESSY + " 4 ;2024-03-05 12:00:00;chat;B;60;1;AGENT\n"
    result = _run(mem_con, text, "contacts")
    (problem,) = result.problems
    assert (problem.row, problem.value, problem.reason) == (
        6, "4", "Contact id '4' already appears in row 4."
    )
    assert store.table_counts(mem_con)["interval_volumes"] == 0


def test_unique_ids_over_two_columns_pass_the_typed_reading(mem_con) -> None:
    # call_id repeats, but call_id with queue does not: no duplicate.
    text = _MESSY + "1;2024-03-05 12:00:00;phone;B;60;1;AGENT\n"
    source = _csv(text)
    mapping = replace(importer.guess_mapping(source, "contacts"), contact_id=("call_id", "queue"))
    result = importer.run_import(mem_con, source, mapping, confirm=_GAP)
    assert result.ok, _reasons(result)
    assert result.rows_imported == 5


def test_intervals_only_import_keeps_no_contacts(mem_con) -> None:
    result = _run(mem_con, _MESSY, "contacts", keep_contacts=False, confirm=_GAP)
    assert result.ok, _reasons(result)
    counts = store.table_counts(mem_con)
    assert (counts["contacts"], result.rows_imported) == (0, 4)
    assert store.read_intervals(mem_con)["offered"].sum() == 4


def test_large_csv_files_keep_only_intervals_by_default(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(_MESSY, encoding="utf-8")
    assert importer.keep_contacts_default(importer.read_source(path))
    monkeypatch.setattr(contacts, "KEEP_CONTACTS_MAX_BYTES", 10)
    assert not importer.keep_contacts_default(importer.read_source(path))
    assert not importer.keep_contacts_default(importer.read_source(_MESSY.encode(), "c.csv"))


# --------------------------------------------------------------------------- replacing


def test_reimport_replaces_and_says_so(mem_con) -> None:
    text = "start,offered\n" + "".join(f"{s},2\n" for s in _quarters("2024-01-01 08:00", 8))
    assert _run(mem_con, text, "intervals").ok
    again = _run(mem_con, text, "intervals")
    assert again.ok
    assert _reasons(again) == [
        "The file overlaps earlier imports: 8 stored rows of the same period were replaced (not added)."
    ]
    assert store.read_intervals(mem_con)["offered"].sum() == 16


def test_contact_reimport_never_double_counts(mem_con) -> None:
    source = importer.read_source(EXAMPLES / "contacts_example.csv")
    mapping = importer.guess_mapping(source)
    first = importer.run_import(mem_con, source, mapping)
    before = store.read_intervals(mem_con)
    second = importer.run_import(mem_con, source, mapping)
    assert first.ok and second.ok
    assert second.rows_replaced > 0
    pd.testing.assert_frame_equal(store.read_intervals(mem_con), before)
    assert store.table_counts(mem_con)["contacts"] == first.rows_imported


# --------------------------------------------------------------------------- atomicity

_GOOD = "start,offered\n" + "".join(f"{s},3\n" for s in _quarters("2024-01-01 08:00", 8))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["2024-01-01 09:00", "2024-01-01 09:15", "2024-13-01 09:00", "", "09:00"]),
            st.sampled_from(["1", "0", "-2", "x", "", "2,5"]),
        ),
        min_size=1,
        max_size=12,
    ),
    kind=st.sampled_from(["intervals", "contacts"]),
)
def test_failed_import_leaves_the_store_unchanged(mem_con, rows, kind) -> None:
    if not store.table_counts(mem_con)["imports"]:
        assert _run(mem_con, _GOOD, "intervals").ok
    before = store.snapshot(mem_con)
    header = "start,offered\n" if kind == "intervals" else "start,handle_s\n"
    text = header + "".join(f'{a},"{b}"\n' for a, b in rows)
    source = _csv(text)
    mapping = (
        importer.Mapping(kind="intervals", timestamp="start", offered="offered",
                         datetime_format="%Y-%m-%d %H:%M")
        if kind == "intervals"
        else importer.Mapping(kind="contacts", timestamp="start", handle_s="handle_s",
                              datetime_format="%Y-%m-%d %H:%M")
    )
    result = importer.run_import(mem_con, source, mapping)
    if not result.ok:
        after = store.snapshot(mem_con)
        assert after.keys() == before.keys()
        for table in before:
            pd.testing.assert_frame_equal(after[table], before[table])


def test_store_failure_during_commit_rolls_back(mem_con, monkeypatch) -> None:
    assert _run(mem_con, _GOOD, "intervals").ok
    before = store.snapshot(mem_con)

    def boom(*args: object, **kwargs: object) -> None:
        raise duckdb.ConstraintException("simulated failure")

    monkeypatch.setattr(store.staging, "_finish_import", boom)
    result = _run(mem_con, "arrival\n2024-01-01 08:00:00\n", "contacts")
    assert not result.ok
    assert result.problems[0].reason.startswith("The database refused the import, nothing was changed")
    for table, frame in store.snapshot(mem_con).items():
        pd.testing.assert_frame_equal(frame, before[table])


def test_the_mapping_is_the_stores_contact_columns(mem_con) -> None:
    # one list of contact fields: the store stages a contact file from the mapping itself
    mapping = importer.Mapping(kind="contacts", timestamp="t", handle_s="h")
    assert isinstance(mapping, store.ContactColumns)
    contact_fields = {f.name for f in fields(store.ContactColumns)}
    assert contact_fields < {f.name for f in fields(importer.Mapping)}
    frame = pd.DataFrame({"t": ["2024-01-01 08:00:00", "2024-01-01 08:20:00"], "h": ["60", "x"],
                          "_row": [1, 2]})
    stage = store.stage_contacts(mem_con, frame, mapping, 15)
    try:
        assert stage.rows_read == 2
        assert stage.check_counts["handle_non_numeric"] == 1
    finally:
        store.discard_stage(stage)
    with pytest.raises(ValueError, match="kind must be one of"):
        importer.Mapping(kind="calls")
    with pytest.raises(ValueError, match="channel_value must be one of"):
        importer.Mapping(kind="contacts", channel_value="fax")
    with pytest.raises(ValueError, match="outcome_map values must be one of"):
        store.ContactColumns(outcome_map=(("ok", "done"),))
