"""Importer, reading files: upload limits, what a file really is, delimiters, UTC offsets.

Oversized inputs are streamed into temporary files or meet limits set small in the test, so
every test here runs in well under a second.
"""

from __future__ import annotations

import io
import tomllib
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcc import config, importer, store
from kcc.ingest import read
from tests.conftest import ROOT


def _refused(data: bytes | Path, name: str | None = None, **kw: object) -> importer.SourceError:
    with pytest.raises(importer.SourceError) as caught:
        importer.read_source(data, name, **kw)  # type: ignore[arg-type]
    return caught.value


def _xlsx(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


def _with_sheet(xlsx: bytes, sheet: bytes) -> bytes:
    """The workbook with its first sheet replaced, packed as tightly as zip allows."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED, compresslevel=9
    ) as dst:
        for info in src.infolist():
            body = sheet if info.filename == "xl/worksheets/sheet1.xml" else src.read(info.filename)
            dst.writestr(info.filename, body)
    return out.getvalue()


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a file reaches a parser: limits are checked before reading."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was parsed before its limits were checked")

    monkeypatch.setattr(pd, "read_csv", refuse)
    monkeypatch.setattr(pd, "read_excel", refuse)


# --------------------------------------------------------------------------- limits


def test_default_limits_fit_real_exports_and_match_streamlit() -> None:
    limits = config.UploadLimits()
    # The benchmark's contact files (495 MB, 583 MB with an id; 10 M rows) and a full sheet.
    assert limits.file_mb >= 583 and limits.rows >= 10_000_000
    assert limits.xlsx_unpacked_mb * 2**20 >= 1_048_576 * 8 * 37  # 8 columns of ~37 bytes a cell
    streamlit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert streamlit["server"]["maxUploadSize"] == limits.file_mb


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KCC_MAX_UPLOAD_MB", "2.5")
    monkeypatch.setenv("KCC_MAX_ROWS", "1000")
    limits = config.upload_limits()
    assert (limits.file_mb, limits.rows, limits.columns) == (2.5, 1000, config.UploadLimits().columns)
    monkeypatch.setenv("KCC_MAX_ROWS", "many")
    with pytest.raises(ValueError, match="KCC_MAX_ROWS must be a number, got 'many'"):
        config.upload_limits()
    monkeypatch.setenv("KCC_MAX_ROWS", "0")
    with pytest.raises(ValueError, match="KCC_MAX_ROWS must be above 0"):
        config.upload_limits()
    with pytest.raises(ValueError, match="line_bytes must be above 0"):
        config.UploadLimits(line_bytes=0)


def test_file_size_limit_names_size_limit_and_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_parsing: None
) -> None:
    monkeypatch.setenv("KCC_MAX_UPLOAD_MB", "0.01")  # 10,485 bytes
    path = tmp_path / "calls.csv"
    with path.open("w") as out:
        out.write("start,offered\n")
        for i in range(1000):
            out.write(f"2024-03-04 08:00,{i}\n")
    error = _refused(path)
    assert error.code == "limit_file_mb"
    assert error.message("en") == "calls.csv is 0.0199 MB; the limit is 0.01 MB (setting KCC_MAX_UPLOAD_MB)."
    assert error.message("nl") == "calls.csv is 0,0199 MB; de grens is 0,01 MB (instelling KCC_MAX_UPLOAD_MB)."
    assert str(error) == error.message("en")
    assert isinstance(error, ValueError), "read_source still raises a ValueError"


def test_row_limit_counts_lines_in_one_streamed_scan(tmp_path: Path, no_parsing: None) -> None:
    path = tmp_path / "contacts.csv"
    with path.open("w") as out:
        out.write("arrival,outcome\n")
        for _ in range(120_000):  # 2.9 MB, over several scan chunks of a small test
            out.write("2024-03-04 08:00:00,answered\n")
    error = _refused(path, limits=config.UploadLimits(rows=100_000))
    assert error.message("en") == (
        "contacts.csv has 120,000 rows; the limit is 100,000 rows (setting KCC_MAX_ROWS)."
    )
    assert error.message("nl") == (
        "contacts.csv heeft 120.000 regels; de grens is 100.000 regels (instelling KCC_MAX_ROWS)."
    )


def test_a_file_at_the_limits_is_read(tmp_path: Path) -> None:
    text = "start,offered\n" + "2024-03-04 08:00,1\n" * 5
    source = importer.read_source(
        text.encode(), "ok.csv", limits=config.UploadLimits(rows=5, columns=2, line_bytes=18)
    )
    assert len(source.frame) == 5


def test_column_limit(no_parsing: None) -> None:
    header = ",".join(f"c{i}" for i in range(40))
    error = _refused(f"{header}\n{','.join('1' * 40)}\n".encode(), "wide.csv",
                     limits=config.UploadLimits(columns=30))
    assert error.message("en") == "wide.csv has 40 columns; the limit is 30 columns (setting KCC_MAX_COLUMNS)."
    assert error.message("nl") == "wide.csv heeft 40 kolommen; de grens is 30 kolommen (instelling KCC_MAX_COLUMNS)."


def test_one_endless_line_is_refused_without_parsing(tmp_path: Path, no_parsing: None) -> None:
    # QA's case: hundreds of MB on one line. 3 MB streamed to disk shows the same refusal.
    path = tmp_path / "one_line.csv"
    with path.open("wb") as out:
        for _ in range(3 * 16):
            out.write(b"x" * 65_536)
    error = _refused(path)
    assert error.code == "limit_line_bytes"
    assert error.message("en") == (
        "Line 1 of one_line.csv is 3,145,728 bytes long; the limit is 1,000,000 bytes "
        "(setting KCC_MAX_LINE_BYTES). A data export has one row per line."
    )
    assert error.message("nl") == (
        "Regel 1 van one_line.csv is 3.145.728 bytes lang; de grens is 1.000.000 bytes "
        "(instelling KCC_MAX_LINE_BYTES). Een data-export heeft één rij per regel."
    )


@pytest.mark.parametrize("as_path", [False, True])
def test_the_long_line_is_named_wherever_it_is(tmp_path: Path, as_path: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "SCAN_BYTES", 64)  # many chunks: a line crosses their edges
    lines = ["start,offered"] + [f"2024-03-04 08:00,{i}" for i in range(40)]
    lines[27] = "2024-03-04 08:00," + "9" * 83  # 100 bytes
    data = ("\n".join(lines) + "\n").encode()
    path = tmp_path / "counts.csv"
    path.write_bytes(data)
    error = _refused(path if as_path else data, "counts.csv", limits=config.UploadLimits(line_bytes=99))
    assert (error.fields["line"], error.fields["found"]) == (28, 100)
    # the same line at the limit passes, and so does a last line without a break
    importer.read_source(data.rstrip(b"\n"), "counts.csv", limits=config.UploadLimits(line_bytes=100))


@settings(max_examples=150, deadline=None)
@given(
    lengths=st.lists(st.integers(0, 40), min_size=1, max_size=30),
    limit=st.integers(1, 30),
    piece=st.integers(1, 50),
    final_break=st.booleans(),
)
def test_the_line_scan_agrees_with_splitting_the_text(
    lengths: list[int], limit: int, piece: int, final_break: bool
) -> None:
    data = b"\n".join(b"x" * n for n in lengths) + (b"\n" if final_break else b"")
    over = [(i + 1, n) for i, n in enumerate(lengths) if n > limit]
    original = read.SCAN_BYTES
    read.SCAN_BYTES = piece  # type: ignore[misc]
    try:
        if over:
            with pytest.raises(importer.SourceError) as caught:
                read.count_lines(data, None, b"\n", config.UploadLimits(line_bytes=limit), "f")
            assert (caught.value.fields["line"], caught.value.fields["found"]) == over[0]
        else:
            expected = len(lengths) if final_break or lengths[-1] else len(lengths) - 1
            assert read.count_lines(data, None, b"\n", config.UploadLimits(line_bytes=limit), "f") == expected
    finally:
        read.SCAN_BYTES = original  # type: ignore[misc]


def test_a_zip_bomb_spreadsheet_is_refused_before_parsing(no_parsing: None) -> None:
    row = b'<row><c t="inlineStr"><is><t>2024-03-04 09:00</t></is></c><c><v>12</v></c></row>'
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>' + row * 60_000 + b"</sheetData></worksheet>"
    )
    bomb = _with_sheet(_xlsx(pd.DataFrame({"a": [1]})), sheet)
    assert len(sheet) > 4_000_000 and len(bomb) < 40_000  # 4.8 MB of cells packed into ~21 kB
    error = _refused(bomb, "volumes.xlsx")
    assert error.code == "limit_xlsx_ratio"
    ratio = error.fields["found"]
    assert 150 < ratio < 400
    assert error.message("en") == (
        f"volumes.xlsx unpacks to {ratio:g} times its size; the limit is 100 times (setting "
        "KCC_MAX_XLSX_RATIO). Spreadsheet exports pack 5 to 15 times; open the file in Excel and "
        "save it again, or save it as CSV."
    )
    dutch_ratio = f"{ratio:g}".replace(".", ",")
    assert error.message("nl").startswith(
        f"volumes.xlsx wordt uitgepakt {dutch_ratio} keer zo groot; de grens is 100 keer"
    )


def test_spreadsheet_unpacked_size_and_declared_rows_are_checked_first(no_parsing: None) -> None:
    xlsx = _xlsx(pd.DataFrame({"start": ["2024-03-04 08:00"] * 300, "offered": range(300)}))
    error = _refused(xlsx, "big.xlsx", limits=config.UploadLimits(xlsx_unpacked_mb=0.005))
    assert error.code == "limit_xlsx_unpacked_mb"
    assert error.message("en").startswith("big.xlsx unpacks to 0.0")
    assert "the limit for spreadsheets is 0.005 MB unpacked (setting KCC_MAX_XLSX_UNPACKED_MB)" in error.message("en")
    assert "de grens voor spreadsheets is 0,005 MB uitgepakt (instelling KCC_MAX_XLSX_UNPACKED_MB)" in error.message("nl")
    # the sheet's <dimension ref="A1:B301"> gives the rows before any cell is read
    error = _refused(xlsx, "big.xlsx", limits=config.UploadLimits(rows=200))
    assert error.message("en") == "big.xlsx has 300 rows; the limit is 200 rows (setting KCC_MAX_ROWS)."


# --------------------------------------------------------------------------- what a file is


def test_an_image_renamed_csv_is_named_not_tokenized() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    error = _refused(png, "volumes.csv")
    assert error.message("en") == (
        "volumes.csv is not a CSV/TSV, Excel or Parquet file: it holds a PNG image. Upload a "
        "CSV, TSV, Excel (.xlsx) or Parquet file."
    )
    assert error.message("nl") == (
        "volumes.csv is geen CSV/TSV-, Excel- of Parquet-bestand: het bevat een PNG-afbeelding. "
        "Upload een CSV-, TSV-, Excel- (.xlsx) of Parquet-bestand."
    )
    assert "tokenizing" not in str(error)


def test_binary_data_pdf_old_excel_and_utf16() -> None:
    assert "it holds binary data, not text" in _refused(b"start,offered\n\x00\x01\x02\n", "x.csv").message("en")
    assert "het bevat binaire gegevens, geen tekst" in _refused(b"a\x00b", "x.csv").message("nl")
    assert "it holds a PDF document" in _refused(b"%PDF-1.7\n...", "report.csv").message("en")
    old = _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "volumes.xlsx")
    assert old.message("en") == "volumes.xlsx is an old Excel file (.xls). Open it in Excel and save it as .xlsx or CSV."
    assert old.message("nl") == "volumes.xlsx is een oud Excel-bestand (.xls). Open het in Excel en sla het op als .xlsx of CSV."
    # a UTF-16 byte-order mark over bytes that are not UTF-16 (an odd length)
    utf16 = _refused(b"\xff\xfes\x00t\x00a", "export.txt")
    assert utf16.message("en").startswith("export.txt looks like text saved as UTF-16 (Excel's 'Unicode text'), but")
    assert utf16.message("nl").startswith("export.txt lijkt tekst opgeslagen als UTF-16 (Excels 'Unicode-tekst'), maar")


def _png() -> bytes:
    """A real 2 x 2 PNG image, written chunk by chunk as the format specifies."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = (2).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])  # 8-bit RGB
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("kind", "english", "dutch"),
    [
        ("png", "a PNG image", "een PNG-afbeelding"),
        ("zip", "a zip archive", "een zip-archief"),
        ("noise", "binary data, not text", "binaire gegevens, geen tekst"),
    ],
)
def test_a_file_that_is_not_data_is_named_with_its_file_name(kind: str, english: str, dutch: str) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("volumes.csv", "start,offered\n2024-03-04 08:00,3\n")
    # bytes without a NUL or a known signature, as a cut or encrypted file may hold
    noise = bytes(b for b in range(1, 256) if b not in b",;\t|\n\r") * 40
    data = {"png": _png(), "zip": archive.getvalue(), "noise": noise}[kind]
    error = _refused(data, "mijn volumes.csv")
    assert error.code == "not_text"
    assert error.message("en") == (
        f"mijn volumes.csv is not a CSV/TSV, Excel or Parquet file: it holds {english}. Upload a CSV, "
        "TSV, Excel (.xlsx) or Parquet file."
    )
    assert error.message("nl") == (
        f"mijn volumes.csv is geen CSV/TSV-, Excel- of Parquet-bestand: het bevat {dutch}. Upload "
        "een CSV-, TSV-, Excel- (.xlsx) of Parquet-bestand."
    )
    assert "tokenizing" not in str(error) and "C error" not in str(error)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_read_and_imported(mem_con, encoding: str) -> None:  # noqa: ANN001 - fixture
    """Excel's "Unicode text" (tab-separated UTF-16, with or without a byte-order mark) is text:
    it imports like the same file in UTF-8, accents included."""
    text = "start\toffered\tqueue\n" + "".join(
        f"2024-03-04 {8 + i // 4:02d}:{15 * (i % 4):02d}\t{3 + i}\tcrédit\n" for i in range(8)
    )
    source = importer.read_source(text.encode(encoding), "unicode.txt")
    assert (source.format, source.delimiter, source.encoding) == ("csv", "\t", "utf-8")
    assert list(source.frame.columns) == ["start", "offered", "queue"]
    assert source.frame["queue"].iloc[0] == "crédit"
    result = importer.run_import(mem_con, source, importer.guess_mapping(source))
    assert result.ok, result.problems
    assert result.rows_imported == 8
    volumes = store.read_intervals(mem_con)
    assert set(volumes["queue"]) == {"crédit"} and volumes["offered"].sum() == sum(range(3, 11))


def test_utf16_contact_records_import_through_the_store(mem_con) -> None:  # noqa: ANN001 - fixture
    """Contact files are read again by the store: a UTF-16 upload reaches it as UTF-8."""
    text = "arrival,outcome\n" + "".join(
        f"2024-03-04 08:{i:02d}:00,{'answered' if i % 3 else 'abandoned'}\n" for i in range(30)
    )
    source = importer.read_source(text.encode("utf-16"), "calls.csv")
    result = importer.run_import(mem_con, source, importer.guess_mapping(source, "contacts"))
    assert result.ok, result.problems
    volumes = store.read_intervals(mem_con)
    assert (volumes["offered"].sum(), volumes["abandoned"].sum()) == (30, 10)


@pytest.mark.parametrize(
    ("data", "code", "english", "dutch"),
    [
        (b"", "empty", "x.csv is empty.", "x.csv is leeg."),
        (b"\n\r\n\n", "empty", "x.csv is empty.", "x.csv is leeg."),
        (b"start,offered\n", "no_rows", "x.csv has no data rows, only a header (or nothing at all).",
         "x.csv heeft geen gegevensregels, alleen een kopregel (of helemaal niets)."),
    ],
)
def test_empty_and_header_only(data: bytes, code: str, english: str, dutch: str) -> None:
    error = _refused(data, "x.csv")
    assert (error.code, error.message("en"), error.message("nl")) == (code, english, dutch)


def test_a_spreadsheet_without_rows() -> None:
    error = _refused(_xlsx(pd.DataFrame({"start": [], "offered": []})), "x.xlsx")
    assert error.message("en") == "x.xlsx has no data rows, only a header (or nothing at all)."


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_a_cut_off_spreadsheet_says_so(cut: float) -> None:
    xlsx = _xlsx(pd.DataFrame({"start": ["2024-03-04 08:00"] * 50, "offered": range(50)}))
    error = _refused(xlsx[: int(len(xlsx) * cut)], "volumes.xlsx")
    assert error.message("en") == (
        "volumes.xlsx is not a complete Excel file: it may have been cut off while copying or "
        "downloading. Open it in Excel and save it again, or export it as CSV."
    )
    assert error.message("nl").startswith("volumes.xlsx is geen volledig Excel-bestand")
    assert not isinstance(error.__cause__, importer.SourceError)


def test_a_damaged_parquet_file() -> None:
    buffer = io.BytesIO()
    pd.DataFrame({"start": ["2024-03-04 08:00"], "offered": [3]}).to_parquet(buffer)
    error = _refused(buffer.getvalue()[:-40], "counts.parquet")
    assert error.message("en").startswith("counts.parquet is not a complete Parquet file")
    assert error.message("nl").startswith("counts.parquet is geen volledig Parquet-bestand")


def test_a_csv_named_xlsx_is_read_as_csv_with_a_notice(mem_con) -> None:
    text = "start;offered\n2024-03-04 08:00;3\n2024-03-04 08:15;4\n"
    source = importer.read_source(text.encode(), "volumes.xlsx")
    assert (source.format, source.delimiter) == ("csv", ";")
    (notice,) = source.notices
    assert notice.severity == importer.NOTICE
    assert notice.message("en") == (
        "volumes.xlsx is named .xlsx but holds text; it was read as a delimited text file (CSV)."
    )
    assert notice.message("nl") == (
        "volumes.xlsx heeft de extensie .xlsx maar bevat tekst; het is gelezen als tekstbestand "
        "met scheidingstekens (CSV)."
    )
    result = importer.run_import(mem_con, source, importer.guess_mapping(source))
    assert result.ok, [p.reason for p in result.problems]
    assert store.read_intervals(mem_con)["offered"].sum() == 7


# --------------------------------------------------------------------------- delimiters


_PIPE = "start|queue|offered\n2024-03-04 08:00|Sales, NL|3\n2024-03-04 08:15|Sales, NL|4\n"


def test_a_pipe_file_is_sniffed_and_imports(mem_con) -> None:
    source = importer.read_source(_PIPE.encode(), "pipe.csv")
    assert (source.delimiter, list(source.frame.columns)) == ("|", ["start", "queue", "offered"])
    result = importer.run_import(mem_con, source, importer.guess_mapping(source, "intervals"))
    assert result.ok, [p.reason for p in result.problems]
    assert result.series == ("phone/Sales, NL",)


def test_the_delimiter_keyword_overrides_the_sniff_and_one_column_is_a_notice() -> None:
    wrong = importer.read_source(_PIPE.encode(), "pipe.csv", delimiter=";")
    assert list(wrong.frame.columns) == ["start|queue|offered"]
    (notice,) = wrong.notices
    assert notice.message("en") == (
        "Only one column was found in pipe.csv. If its columns are separated by another "
        "character, choose it under Delimiter."
    )
    assert notice.message("nl").startswith("Er is maar één kolom gevonden in pipe.csv.")
    assert importer.read_source(_PIPE.encode(), "pipe.csv", delimiter="|").delimiter == "|"
    with pytest.raises(ValueError, match="delimiter must be one of"):
        importer.read_source(_PIPE.encode(), "pipe.csv", delimiter=":")


def test_a_large_pipe_file_is_read_whole_with_its_delimiter(mem_con, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "FULL_READ_MAX_BYTES", 100)
    monkeypatch.setattr(read, "SAMPLE_ROWS", 2)
    starts = pd.date_range("2024-03-04 08:00", periods=12, freq="15min")
    text = "start|offered\n" + "".join(f"{t:%Y-%m-%d %H:%M}|{i}\n" for i, t in enumerate(starts))
    source = importer.read_source(text.encode(), "p.csv", delimiter="|")
    assert not source.complete and len(source.frame) == 2
    mapping = importer.Mapping(kind="intervals", timestamp="start", offered="offered",
                               datetime_format="%Y-%m-%d %H:%M")
    result = importer.run_import(mem_con, source, mapping)
    assert result.ok, [p.reason for p in result.problems]
    assert store.read_intervals(mem_con)["offered"].sum() == sum(range(12))


def test_contacts_in_a_pipe_file_go_through_duckdb(mem_con) -> None:
    text = "arrival|outcome|handle_s\n2024-03-04 08:05:00|answered|100\n2024-03-04 08:20:00|abandoned|\n"
    source = importer.read_source(text.encode(), "c.csv")
    result = importer.run_import(mem_con, source, importer.guess_mapping(source, "contacts"), interval_min=60)
    assert result.ok, [p.reason for p in result.problems]
    row = store.read_intervals(mem_con).iloc[0]
    assert (row["offered"], row["answered"], row["abandoned"]) == (2, 1, 1)


@pytest.mark.parametrize(
    ("text", "line", "found"),
    [
        ("start,offered,answered\n2024-03-04 08:00,3,3\n2024-03-04 08:15,4,3,1\n", 3, 4),
        # every row one field longer: pandas would quietly take the first column as an index
        ("start,offered\n2024-03-04 08:00,3,3\n2024-03-04 08:15,4,3\n", 2, 3),
    ],
)
def test_misaligned_rows_name_the_line_and_the_field_counts(text: str, line: int, found: int) -> None:
    error = _refused(text.encode(), "counts.csv")
    expected = found - 1
    assert error.message("en") == (
        f"Line {line} of counts.csv has {found} fields where the header has {expected} (delimiter: "
        "comma ,). Choose another delimiter, or put quotes around values that contain it."
    )
    assert error.message("nl") == (
        f"Regel {line} van counts.csv heeft {found} velden waar de kopregel er {expected} heeft "
        "(scheidingsteken: komma ,). Kies een ander scheidingsteken, of zet aanhalingstekens om "
        "waarden waar het in staat."
    )


# --------------------------------------------------------------------------- UTC offsets


def test_interval_starts_with_utc_offsets_import_on_the_local_clock(mem_con) -> None:
    # Across the autumn change: the repeated hour once with +02:00 and once with +01:00,
    # and the same instants written in UTC with Z.
    instants = pd.date_range("2023-10-29 00:00", "2023-10-29 03:45", freq="15min", tz="UTC")
    local = instants.tz_convert("Europe/Amsterdam")
    offsets = [t.isoformat() for t in local]
    assert offsets[0] == "2023-10-29T02:00:00+02:00" and "2023-10-29T02:00:00+01:00" in offsets
    for stamps in (offsets, [f"{t:%Y-%m-%dT%H:%M:%S}Z" for t in instants]):
        text = "start,offered\n" + "".join(f"{s},{i}\n" for i, s in enumerate(stamps))
        source = importer.read_source(text.encode(), "counts.csv")
        mapping = importer.guess_mapping(source, "intervals")
        assert mapping.datetime_format == "%Y-%m-%dT%H:%M:%S%z"
        result = importer.run_import(mem_con, source, mapping)
        assert result.ok, [p.reason for p in result.problems]
        stored = store.read_intervals(mem_con)
        assert list(stored["ds"]) == list(local)
        assert list(stored["offered"]) == list(range(len(local)))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_contact_arrivals_with_utc_offsets_import_on_the_local_clock(mem_con, kind: str) -> None:
    arrivals = ["2024-03-04T07:05:00Z", "2024-03-04T08:20:00+01:00", "2024-07-04T07:05:00Z",
                "2024-07-04T09:50:00+02:00"]
    frame = pd.DataFrame({"arrival": arrivals, "outcome": ["answered"] * 4})
    if kind == "csv":
        source = importer.read_source(frame.to_csv(index=False).encode(), "c.csv")
    else:
        source = importer.read_source(_xlsx(frame), "c.xlsx")
    mapping = importer.guess_mapping(source, "contacts")
    assert mapping.datetime_format == "%Y-%m-%dT%H:%M:%S%z"
    preview = importer.preview(source, mapping)
    assert list(preview["timestamp"].dt.strftime("%H:%M")) == ["08:05", "08:20", "09:05", "09:50"]
    result = importer.run_import(mem_con, source, mapping, interval_min=60)
    assert result.ok, [p.reason for p in result.problems]
    stored = store.read_intervals(mem_con)
    assert list(stored["ds"].dt.strftime("%m-%d %H:%M")) == ["03-04 08:00", "07-04 09:00"]
    assert list(stored["offered"]) == [2, 2]
