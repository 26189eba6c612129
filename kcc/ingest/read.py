"""Reading a file for mapping: what it is, whether it fits the upload limits, and its rows.

``read_source`` tells what the file is from its first bytes, checks the upload limits
(``kcc.config.UploadLimits``) before parsing, sniffs the format (delimiter, encoding,
decimal comma) and keeps the file with a text preview of its rows (a ``SourceFile``). What
cannot be read raises a ``SourceError`` in the reader's language.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kcc import config
from kcc.i18n import TranslatedError
from kcc.ingest.problems import NOTICE, ImportProblem, make_problem

#: Files up to this size are read whole into memory for guessing and previews. [bytes]
FULL_READ_MAX_BYTES: Final[int] = 50_000_000

#: Rows kept for the preview and the guess when a file is larger than ``FULL_READ_MAX_BYTES``.
SAMPLE_ROWS: Final[int] = 20_000

#: Delimiters a text file may use; a tie when sniffing goes to the first.
DELIMITERS: Final[tuple[str, ...]] = (",", ";", "\t", "|")

#: Name of each delimiter in texts (``data.delimiter.<name>``).
DELIMITER_NAMES: Final[dict[str, str]] = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}

#: Bytes read from the start of a file to tell its kind, encoding and delimiter.
HEAD_BYTES: Final[int] = 1_000_000

#: A text file is scanned for its lines this many bytes at a time. [bytes]
SCAN_BYTES: Final[int] = 8 * 2**20

#: First bytes of files that are not text, and the kind of file each names.
_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"PAR1", "parquet"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"%PDF", "pdf"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!", "rar"),
)

#: Kinds of file named in messages (``data.file_kind.<kind>``).
FILE_KINDS: Final[tuple[str, ...]] = (
    "zip", "png", "jpeg", "gif", "pdf", "gzip", "7z", "rar", "binary",
)

_SPREADSHEET_SUFFIXES: Final[tuple[str, ...]] = (".xlsx", ".xlsm")
_PARQUET_SUFFIXES: Final[tuple[str, ...]] = (".parquet", ".pq")


@dataclass(frozen=True, eq=False)
class SourceFile:
    """A file as read for mapping: its format and a text preview of its rows.

    Attributes
    ----------
    name : str
        File name shown to the user.
    format : str
        ``csv``, ``xlsx`` or ``parquet``.
    frame : pandas.DataFrame
        All rows as text (or the first ``SAMPLE_ROWS`` when ``complete`` is False).
    complete : bool
        ``frame`` holds every row.
    delimiter, encoding : str or None
        CSV only.
    decimal_comma : bool
        Numbers in the file use a decimal comma.
    path : str or None
        The file on disk (CSV read from a path).
    data : bytes or None
        The file's bytes (CSV uploaded).
    notices : tuple of ImportProblem
        What the reading wants the user to know (a spreadsheet that holds text, one column
        found), as notices in the reader's language.
    """

    name: str
    format: str
    frame: pd.DataFrame
    complete: bool
    delimiter: str | None = None
    encoding: str | None = None
    decimal_comma: bool = False
    path: str | None = None
    data: bytes | None = field(default=None, repr=False)
    notices: tuple[ImportProblem, ...] = ()

    @property
    def format_name(self) -> str:
        """The format as a reader names it: ``TSV`` for tab-separated text, else ``CSV``,
        ``XLSX`` or ``PARQUET``."""
        return "TSV" if self.format == "csv" and self.delimiter == "\t" else self.format.upper()


class SourceError(TranslatedError):
    """A file that cannot be read for mapping: over an upload limit, not text or a
    spreadsheet, without data rows, or with rows that do not line up with its header.

    The text is ``data.source_error.<code>``; fields: ``name`` (the file) and, by code,
    ``found``, ``limit`` and ``setting`` (the environment variable of the limit), ``line``,
    ``expected``, ``reason``, and ``field`` (a kind of file or a delimiter, shown by its name).
    """

    texts = "data.source_error"
    labels = {
        **{kind: f"data.file_kind.{kind}" for kind in FILE_KINDS},
        **{d: f"data.delimiter.{n}" for d, n in DELIMITER_NAMES.items()},
    }


def _check_limit(limit: str, found: float, limits: config.UploadLimits, name: str, **fields: Any) -> None:
    """Raise ``SourceError("limit_<limit>")`` when ``found`` is above the limit."""
    allowed = getattr(limits, limit)
    if found > allowed:
        if isinstance(found, int):
            shown: float = found  # counts (rows, columns, bytes) stay whole
        else:
            shown = round(found, 1) if found >= 10 else float(f"{found:.3g}")  # a few digits
        raise SourceError(f"limit_{limit}", name=name, found=shown, limit=allowed,
                          setting=config.UPLOAD_LIMIT_SETTINGS[limit], **fields)


#: Control bytes that never occur in text (tab, line breaks, form feed and the DOS end-of-file
#: mark do).
_CONTROL_BYTES: Final[bytes] = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 26)) + b"\x7f"

#: Share of control bytes above which the start of a file is binary data, not text. Text
#: exports hold none; a stray one in a comment field stays well below this.
BINARY_CONTROL_SHARE: Final[float] = 0.01


def _utf16_order(head: bytes) -> str | None:
    """``utf-16`` (with a byte-order mark), ``utf-16-le`` or ``utf-16-be`` (without one, told
    by the NUL byte beside each ASCII character) when the start of a file is UTF-16 text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head[: 2 * (min(len(head), 4096) // 2)]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    # ASCII text in UTF-16 has a NUL in every other byte and almost none in between.
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _file_kind(head: bytes) -> str:
    """``text`` or the kind of file its first bytes show (see ``_MAGIC``); ``utf16`` for
    text saved as UTF-16; ``binary`` for anything else holding NUL bytes or more control
    bytes than text ever does."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if _utf16_order(head):
        return "utf16"
    if b"\x00" in head:
        return "binary"
    sample = head[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return "binary" if controls > BINARY_CONTROL_SHARE * len(sample) else "text"


def _from_utf16(raw: bytes | None, path: str | None, head: bytes, name: str) -> bytes:
    """A UTF-16 text file as UTF-8 bytes, so the CSV reader and DuckDB read it as any other
    text; a file that does not decode raises ``SourceError("utf16")``."""
    if raw is None:
        with open(path or "", "rb") as handle:
            raw = handle.read()
    try:
        return raw.decode(_utf16_order(head) or "utf-16").encode("utf-8")
    except UnicodeError:
        raise SourceError("utf16", name=name) from None


def _sniff_encoding(head: bytes) -> str:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if exc.start < len(head) - 4:
            return "latin-1"
    return "utf-8"


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number of fields as the
    header, most often and into most fields (quotes respected)."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]
        if not counts or counts[0] < 2:
            continue
        score = (sum(n == counts[0] for n in counts) / len(counts), counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _pieces(raw: bytes | None, path: str | None, size: int, start: int = 0) -> Iterator[tuple[bytes, int, int]]:
    """The file from ``start`` in pieces of ``size`` bytes as ``(buffer, begin, end)``: the
    piece is ``buffer[begin:end]`` of the uploaded bytes, or a piece read from disk, so the
    file is never copied whole."""
    if raw is not None:
        for begin in range(start, len(raw), size):
            yield raw, begin, min(begin + size, len(raw))
        return
    with open(path or "", "rb") as handle:
        handle.seek(start)
        while chunk := handle.read(size):
            yield chunk, 0, len(chunk)


def count_lines(raw: bytes | None, path: str | None, newline: bytes, limits: config.UploadLimits,
                 name: str) -> int:
    """Lines in a text file (a last line without a break counts), read in pieces; raises
    ``SourceError`` naming the first line longer than ``limits.line_bytes``.

    Pieces are no longer than the limit, so a line over it always crosses a piece's edge:
    only the line ending at each piece's first break needs measuring (two byte searches),
    and counting the breaks is the only pass over every byte.
    """
    limit, byte = limits.line_bytes, newline[0]
    lines = offset = start = 0  # start: offset of the line being read

    def too_long(length: int) -> SourceError:
        return SourceError("limit_line_bytes", name=name, line=lines + 1, found=length, limit=limit,
                           setting=config.UPLOAD_LIMIT_SETTINGS["line_bytes"])

    for buffer, begin, end in _pieces(raw, path, max(1, min(SCAN_BYTES, limit))):
        first = buffer.find(newline, begin, end)
        if first >= 0:
            if offset + first - begin - start > limit:
                raise too_long(offset + first - begin - start)
            lines += int(np.count_nonzero(np.frombuffer(buffer, np.uint8, end - begin, begin) == byte))
            start = offset + buffer.rfind(newline, begin, end) - begin + 1
        offset += end - begin
        if offset - start > limit:  # too long already: find where it ends, to name its length
            stop = offset
            for rest, rest_begin, rest_end in _pieces(raw, path, SCAN_BYTES, offset):
                found = rest.find(newline, rest_begin, rest_end)
                if found >= 0:
                    stop += found - rest_begin
                    break
                stop += rest_end - rest_begin
            raise too_long(stop - start)
    return lines + (offset > start)


def _header_fields(text: str, delimiter: str) -> int:
    first = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    return len(first)


_DECIMAL_COMMA = re.compile(r"^-?\d+(\.\d{3})*,\d+$")


def has_decimal_comma(frame: pd.DataFrame, delimiter: str | None) -> bool:
    """Numbers in the first rows use a decimal comma (never in a comma-separated file)."""
    if delimiter == ",":
        return False
    for column in frame.columns:
        values = frame[column].dropna().astype(str).head(500)
        if len(values) and values.str.match(_DECIMAL_COMMA).any():
            return True
    return False


def _as_text(value: Any) -> str | None:
    """One Excel/Parquet cell as the text a CSV export would hold."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert(config.timezone()).tz_localize(None)
        return stamp.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, pd.Timedelta):
        return str(value.total_seconds())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None


def _text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(
        {str(c): frame[c].map(_as_text).astype("object") for c in frame.columns}, index=frame.index
    )
    return out.reset_index(drop=True)


def read_source(
    data: bytes | str | Path,
    name: str | None = None,
    *,
    delimiter: str | None = None,
    limits: config.UploadLimits | None = None,
    complete: bool = False,
) -> SourceFile:
    """Read a CSV/TSV, ``.xlsx`` or Parquet file for mapping.

    The kind of file is told by its first bytes, not only its name: a spreadsheet that holds
    text is read as text (with a notice), and an image, PDF or archive is refused by name.
    Limits are checked before the rows are read: the file size, a text file's line lengths
    and rows (one scan in chunks), a spreadsheet's unpacked size and packing ratio (from the
    zip directory), and the rows and columns.

    Parameters
    ----------
    data : bytes or str or pathlib.Path
        The uploaded bytes, or a path.
    name : str, optional
        File name shown in messages (its extension is a hint to the format); default the
        path's name.
    delimiter : str, optional
        Field separator of a text file, one of ``DELIMITERS``; default sniffed from the first
        lines.
    limits : kcc.config.UploadLimits, optional
        Default ``kcc.config.upload_limits()`` (environment variables ``KCC_MAX_*``).
    complete : bool, default False
        Read every row of a text file; by default a file over ``FULL_READ_MAX_BYTES`` keeps
        the first ``SAMPLE_ROWS`` for mapping.

    Returns
    -------
    SourceFile
        Format details, the rows as text and notices.

    Raises
    ------
    SourceError
        (a ``ValueError``) When the file is over a limit, empty or without data rows, not
        text or a spreadsheet, a damaged spreadsheet, or has rows that do not line up with
        its header; ``message(lang)`` says so in the reader's language.
    """
    if delimiter is not None and delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS}, got {delimiter!r}")
    limits = limits or config.upload_limits()
    path = None if isinstance(data, bytes) else str(data)
    name = name or (Path(path).name if path else "upload.csv")
    suffix = Path(name).suffix.lower()
    raw = data if isinstance(data, bytes) else None
    size = len(raw) if raw is not None else os.path.getsize(path or "")
    _check_limit("file_mb", size / 2**20, limits, name)
    if size == 0:
        raise SourceError("empty", name=name)
    if raw is not None:
        head = raw[:HEAD_BYTES]
    else:
        with open(path or "", "rb") as handle:
            head = handle.read(HEAD_BYTES)
    kind = _file_kind(head)
    if kind == "zip" and suffix not in _PARQUET_SUFFIXES:
        return _read_xlsx(raw, path, name, limits)
    if kind == "parquet":
        return _read_parquet(raw, path, name, limits)
    if kind == "xls":
        raise SourceError(kind, name=name)
    if kind == "utf16":
        # Excel's "Unicode text" export: read as the same text in UTF-8, from memory.
        raw, path = _from_utf16(raw, path, head, name), None
        size, head, kind = len(raw), raw[:HEAD_BYTES], _file_kind(raw[:HEAD_BYTES])
    if kind != "text":
        raise SourceError("not_text", name=name, field=kind)
    notices: tuple[ImportProblem, ...] = ()
    if suffix in (*_SPREADSHEET_SUFFIXES, *_PARQUET_SUFFIXES):
        notices = (make_problem("named_but_text", name, severity=NOTICE, name=name, suffix=suffix),)
    return _read_text(raw, path, name, head, size, delimiter, limits, notices, complete)


def _read_text(
    raw: bytes | None, path: str | None, name: str, head: bytes, size: int,
    delimiter: str | None, limits: config.UploadLimits, notices: tuple[ImportProblem, ...],
    complete: bool,
) -> SourceFile:
    """A text file: line and column limits first, then every row (or a sample) as text."""
    encoding = _sniff_encoding(head)
    # Old Mac exports end lines with a carriage return alone.
    newline = b"\r" if b"\n" not in head and b"\r" in head else b"\n"
    lines = count_lines(raw, path, newline, limits, name)
    _check_limit("rows", max(lines - 1, 0), limits, name)
    text = head.decode(encoding, errors="replace")
    if len(head) < size and text.rfind(newline.decode()) > 0:  # the sample's last line may be cut
        text = text[: text.rfind(newline.decode())]
    delimiter = delimiter or _sniff_delimiter(text)
    _check_limit("columns", _header_fields(text, delimiter), limits, name)
    complete = complete or size <= FULL_READ_MAX_BYTES

    def read(encoding: str) -> pd.DataFrame:
        return pd.read_csv(
            io.BytesIO(raw) if raw is not None else path,
            sep=delimiter,
            dtype=str,
            encoding="utf-8-sig" if encoding == "utf-8" else "latin-1",
            keep_default_na=False,
            na_values=[""],
            nrows=None if complete else SAMPLE_ROWS,
            engine="c",
        )

    try:
        try:
            frame = read(encoding)
        except UnicodeDecodeError:  # not UTF-8 after all, further down than the sample
            encoding = "latin-1"
            frame = read(encoding)
    except pd.errors.EmptyDataError:
        raise SourceError("empty", name=name) from None
    except pd.errors.ParserError as exc:
        counts = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if counts:
            expected, line, found = map(int, counts.groups())
            raise SourceError("misaligned", name=name, line=line, expected=expected, found=found,
                              field=delimiter) from exc
        raise SourceError("unreadable", name=name, field=delimiter,
                          reason=str(exc).splitlines()[0]) from exc
    if not isinstance(frame.index, pd.RangeIndex):
        # Every row one field longer than the header: pandas would take the first as an index.
        columns = len(frame.columns)
        raise SourceError("misaligned", name=name, line=2, expected=columns, found=columns + 1,
                          field=delimiter)
    if frame.empty:
        raise SourceError("no_rows", name=name)
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.astype("object").where(frame.notna(), None)
    if len(frame.columns) == 1:
        notices = (*notices, make_problem("one_column", name, severity=NOTICE, name=name))
    return SourceFile(
        name,
        "csv",
        frame,
        complete,
        delimiter=delimiter,
        encoding=encoding,
        decimal_comma=has_decimal_comma(frame, delimiter),
        path=path,
        data=raw,
        notices=notices,
    )


_CELL = re.compile(r"([A-Z]+)(\d+)$")


def _sheet_size(archive: zipfile.ZipFile) -> tuple[int, int]:
    """Most data rows and columns a worksheet declares (its ``<dimension ref="A1:H100">``);
    (0, 0) when none says. Reads only the start of each sheet."""
    rows = columns = 0
    for member in archive.namelist():
        if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", member):
            continue
        with archive.open(member) as sheet:
            start = sheet.read(4096).decode("utf-8", errors="replace")
        found = re.search(r"<(?:\w+:)?dimension\s+ref=\"[A-Z]*\d*:?([A-Z]+\d+)\"", start)
        cell = _CELL.match(found.group(1)) if found else None
        if cell:
            letters, number = cell.groups()
            width = 0
            for letter in letters:
                width = width * 26 + ord(letter) - ord("A") + 1
            rows, columns = max(rows, int(number) - 1), max(columns, width)
    return rows, columns


def _read_xlsx(raw: bytes | None, path: str | None, name: str, limits: config.UploadLimits) -> SourceFile:
    source = io.BytesIO(raw) if raw is not None else path
    try:
        # The zip directory says how big each part unpacks (zipfile never unpacks more than
        # that), so a packed bomb is refused before any sheet is parsed.
        with zipfile.ZipFile(source) as archive:  # type: ignore[arg-type]  # bytes or a path, never neither
            members = archive.infolist()
            if "xl/workbook.xml" not in {m.filename for m in members}:
                raise SourceError("not_text", name=name, field="zip")
            unpacked = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members)
            _check_limit("xlsx_unpacked_mb", unpacked / 2**20, limits, name)
            _check_limit("xlsx_ratio", unpacked / max(packed, 1), limits, name)
            rows, columns = _sheet_size(archive)
        _check_limit("rows", rows, limits, name)
        _check_limit("columns", columns, limits, name)
        frame = pd.read_excel(io.BytesIO(raw) if raw is not None else path, dtype=object)
    except SourceError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, ValueError, SyntaxError) as exc:
        # A cut-off download or a damaged part (XML parse errors are SyntaxErrors).
        raise SourceError("xlsx_damaged", name=name) from exc
    if frame.empty:
        raise SourceError("no_rows", name=name)
    _check_limit("rows", len(frame), limits, name)
    text = _text_frame(frame)
    return SourceFile(name, "xlsx", text, True, decimal_comma=has_decimal_comma(text, None))


def _read_parquet(raw: bytes | None, path: str | None, name: str, limits: config.UploadLimits) -> SourceFile:
    source = pa.BufferReader(raw) if raw is not None else path
    try:
        meta = pq.ParquetFile(source).metadata
        _check_limit("rows", meta.num_rows, limits, name)
        _check_limit("columns", meta.num_columns, limits, name)
        frame = pd.read_parquet(io.BytesIO(raw) if raw is not None else path)
    except SourceError:
        raise
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise SourceError("parquet_damaged", name=name) from exc
    if frame.empty:
        raise SourceError("no_rows", name=name)
    text = _text_frame(frame)
    return SourceFile(name, "parquet", text, True, decimal_comma=False)
