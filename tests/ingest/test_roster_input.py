"""Roster files and the shift editor (``kcc.roster_input``, in ``kcc/ingest/roster.py``): parsing,
the same file checks as a volume import, and the editor's round trip."""

from __future__ import annotations

import pandas as pd
import pytest

from kcc import roster_input

TZ = "Europe/Amsterdam"


def test_roster_file_is_parsed_and_validated() -> None:
    good = b"channel;interval start;agents\nphone;2026-11-16 08:00;12\nphone;2026-11-16 08:15;13,5\n"
    parsed = roster_input.parse_roster(good, "rooster.csv")
    assert parsed.ok and parsed.frame["agents"].tolist() == [12.0, 13.5]
    assert parsed.frame["interval_min"].tolist() == [15, 15]
    assert str(parsed.frame["ds"].dt.tz) == TZ
    bad = b"channel,start,agents\nfax,2026-11-16 08:00,1\nphone,yesterday,2\nphone,2026-11-16 08:00,-3\n"
    problems = roster_input.parse_roster(bad, "bad.csv").problems
    assert [(p.row, p.code) for p in problems] == [(1, "bad_channel"), (2, "bad_time"), (3, "bad_agents")]
    missing = roster_input.parse_roster(b"channel,agents\nphone,1\n", "x.csv").problems
    assert [(p.code, p.value) for p in missing] == [("missing_column", "ds")]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_roster_file_gets_the_import_file_checks(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A roster upload meets the same limits and file checks as a volume import (issue 12): a
    cut-off spreadsheet, an image and a file over a limit are named, never a raw parser error."""
    import io

    from openpyxl import Workbook

    book = io.BytesIO()
    sheet = Workbook()
    sheet.active.append(["channel", "start", "agents"])
    sheet.active.append(["phone", "2026-11-16 08:00", 3])
    sheet.save(book)
    damaged = roster_input.parse_roster(book.getvalue()[:300], "rooster.xlsx").problems
    image = roster_input.parse_roster(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "rooster.csv").problems
    monkeypatch.setenv("KCC_MAX_ROWS", "1")
    rows = b"channel,start,agents\nphone,2026-11-16 08:00,1\nphone,2026-11-16 08:15,2\n"
    too_long = roster_input.parse_roster(rows, "rooster.csv").problems
    expected = {
        "en": ("rooster.xlsx is not a complete Excel file", "rooster.csv is not a CSV/TSV, Excel or "
               "Parquet file: it holds a PNG image", "rooster.csv has 2 rows; the limit is 1 row "
               "(setting KCC_MAX_ROWS)."),
        "nl": ("rooster.xlsx is geen volledig Excel-bestand", "rooster.csv is geen CSV/TSV-, Excel- of "
               "Parquet-bestand: het bevat een PNG-afbeelding", "rooster.csv heeft 2 regels; de grens "
               "is 1 regel (instelling KCC_MAX_ROWS)."),
    }[lang]
    found = (damaged, "xlsx_damaged"), (image, "not_text"), (too_long, "limit_rows")
    for (problems, code), text in zip(found, expected, strict=True):
        assert [(p.code, p.error.code) for p in problems] == [("source", code)]
        assert text in problems[0].error.message(lang)


def test_shift_editor_round_trip() -> None:
    table = pd.DataFrame({
        "name": ["Early", "Home block", None], "channels": ["phone", "phone, chat", None],
        "start_time": ["08:00", "22:30", None], "length_min": [480, 90, None],
        "weekdays": ["0-4", "0,2,4", None], "headcount": [10, 3, None],
        "location": ["site", "home", None], "valid_from": [None, None, None],
        "valid_to": [None, None, None],
    })
    frame = roster_input.shifts_from_editor(table)
    assert frame["weekdays"].tolist() == [[0, 1, 2, 3, 4], [0, 2, 4]]
    assert frame["channels"].tolist() == [["phone"], ["phone", "chat"]]
    back = roster_input.shifts_to_editor(frame)
    # the editor's pickers: channel ids and weekday numbers as lists, and back unchanged
    assert back["weekdays"].tolist() == [["0", "1", "2", "3", "4"], ["0", "2", "4"]]
    assert back["channels"].tolist() == [["phone"], ["phone", "chat"]]
    again = roster_input.shifts_from_editor(back)
    assert again["weekdays"].tolist() == frame["weekdays"].tolist()
    assert again["channels"].tolist() == frame["channels"].tolist()
    with pytest.raises(ValueError, match="length_min must be a whole number between 15 and 1440"):
        roster_input.shifts_from_editor(table.assign(length_min=[480, 5, None]))
    with pytest.raises(ValueError, match="channels must be channel ids"):
        roster_input.shifts_from_editor(table.assign(channels=["fax", "phone", None]))
