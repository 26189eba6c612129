"""Import contact records and interval counts from CSV/TSV, Excel and Parquet files.

The path of a file through this module:

1. ``read_source`` tells what the file is from its first bytes, checks the upload limits
   (``kcc.config.UploadLimits``) before parsing, sniffs the format (delimiter, encoding,
   decimal comma) and keeps the file with a text preview of its rows;
2. ``guess_mapping`` proposes which column means what (a frozen ``Mapping`` the user can
   change), including the date format and what each outcome value counts as;
3. ``run_import`` checks every row and writes the file whole, or not at all.

Contact files are read, checked and rolled up to intervals in DuckDB (``kcc.store``), so a
file of millions of rows costs about one scan. Interval counts are small and checked here
with pandas, then written through ``kcc.store.replace_intervals``.

Local times
-----------
Times in a file are the contact centre's wall-clock time in ``kcc.config.timezone()``; times
with a UTC offset (format ``%z``) are converted to it first.
Around the change of summer time:

* interval counts: a start time in the repeated autumn hour that occurs twice for a series is
  read in file order, first as summer time and then as standard time, so the day keeps its 100
  quarter-hours; a single occurrence is read as summer time;
* contact records: a time in the repeated hour is read as standard time (DuckDB's rule), since
  single arrivals cannot be ordered reliably;
* a time in the skipped spring hour does not exist. Interval counts in it are added to the
  first interval after the gap (03:00), contacts are counted one hour later (DuckDB's rule);
  either is a warning the user confirms, naming the rows (rows with no contacts are a notice).

Plausibility
------------
Beyond rows that cannot be read, ``run_import`` refuses values that cannot be true (errors)
and holds back values that are unlikely (warnings, see ``WARNING_CODES``): a warning refuses
the import unless its code is passed in ``confirm``. The limits are a ``PlausibilityRules``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Final

import duckdb
import numpy as np
import pandas as pd

from kcc import config, store
from kcc.i18n import TranslatedError, escape_fields, stored_text, t

KINDS: Final[tuple[str, ...]] = ("contacts", "intervals")

#: Files up to this size are read whole into memory for guessing and previews. [bytes]
FULL_READ_MAX_BYTES: Final[int] = 50_000_000

#: Rows kept for the preview and the guess when a file is larger than ``FULL_READ_MAX_BYTES``.
SAMPLE_ROWS: Final[int] = 20_000

#: Contact files up to this size keep every contact by default (see ``keep_contacts_default``). [bytes]
KEEP_CONTACTS_MAX_BYTES: Final[int] = FULL_READ_MAX_BYTES

#: Date formats tried when guessing, in order of preference (day before month: Dutch first).
DATE_FORMATS: Final[tuple[str, ...]] = (
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%m/%d/%Y",
    "%Y%m%d",
    "%y%m%d",
)
TIME_FORMATS: Final[tuple[str, ...]] = ("%H:%M:%S", "%H:%M")

#: Problems that stop an import; a warning stops it unless confirmed; a notice never does.
ERROR: Final[str] = "error"
WARNING: Final[str] = "warning"
NOTICE: Final[str] = "notice"

#: Codes of the warnings a user may confirm (``run_import(..., confirm=...)``); stable ids.
WARNING_CODES: Final[tuple[str, ...]] = (
    "far_above_series",
    "counts_exceed_offered",
    "future_date",
    "dst_gap",
    "dst_gap_contacts",
)

#: Roles a source column can have in a mapping, in the order the page shows them.
ROLES: Final[tuple[str, ...]] = (
    "timestamp", "date", "time", "channel", "queue", "contact_id", "customer_id", "handle_s",
    "wait_s", "outcome", "offered", "answered", "abandoned", "aht_s",
)

_EXAMPLES_PER_PROBLEM: Final[int] = 5


# --------------------------------------------------------------------------- data classes


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with (or worth knowing about) an import.

    Attributes
    ----------
    file : str
        File name as the user uploaded it.
    row : int or None
        Data row, 1-based, not counting the header (None when the problem is about the file).
    column : str or None
        Source column the problem is in.
    value : str or None
        The offending value as text.
    reason : str
        Why, in English (``message(lang)`` gives it in another language).
    code : str
        Stable id of the problem; the text key is ``data.problem.<code>``.
    severity : str
        ``error`` (nothing is imported), ``warning`` (imported only when its code is
        confirmed) or ``notice``.
    params : tuple of (str, object)
        Fields of the message text; a field named ``roles`` holds mapping roles (see
        ``ROLES``), shown with their labels in the reader's language.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str
    code: str = ""
    severity: str = ERROR
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "en", *, escape: Callable[[str], str] | None = None) -> str:
        """The reason in ``lang`` (``en`` or ``nl``); ``escape`` (e.g.
        ``kcc.formatting.escape_markdown``) is applied to each text field (file, column, value)."""
        if not self.code:
            return escape(self.reason) if escape else self.reason
        fields = escape_fields(dict(self.params), escape)
        if "roles" in fields:
            # role names are the app's own translated words, never data
            fields["roles"] = ", ".join(t(f"data.role.{r}", lang) for r in dict(self.params)["roles"])
        return t(f"data.problem.{self.code}", lang, **fields)


def _problem(
    code: str,
    file: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: Any = None,
    severity: str = ERROR,
    **params: Any,
) -> ImportProblem:
    text = None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    fields = {"column": column, "value": text, **params}
    fields = {k: ("" if v is None else v) for k, v in fields.items()}
    made = ImportProblem(
        file=file,
        row=row,
        column=column,
        value=text,
        reason="",
        code=code,
        severity=severity,
        params=tuple(sorted(fields.items())),
    )
    return replace(made, reason=made.message("en"))


@dataclass(frozen=True)
class PlausibilityRules:
    """Limits of the plausibility rules an import applies (defaults fit real centres).

    Attributes
    ----------
    max_count : float, default 1,000,000
        Most contacts one row of a counts file may hold (offered, answered or abandoned);
        more is an error. The largest centres take tens of thousands of contacts in an
        interval (10,000 agents at 300 s handle time answer 30,000 calls a quarter-hour),
        so a million is a unit, overflow or export error, never a busy day. [contacts]
    scale_factor : float, default 50
        A count above ``scale_factor`` times the series' usual level is a warning. The usual
        level is the 90th percentile of the series' intervals with contacts (one wild value
        cannot move it); in real files the largest interval is 1.6 to 5.7 times that level.
    scale_floor : float, default 10
        Smallest usual level the factor applies to, so a quiet queue's busy hour is not
        flagged (no count of 500 or less is ever far above its series). [contacts]
    scale_min_rows : int, default 20
        Rows with contacts a series needs in the file before its level is judged. [rows]
    excess_contacts : float, default 0.5
        Answered plus abandoned may exceed offered by this much (rounded averages)... [contacts]
    excess_share : float, default 0.01
        ...or by this share of offered, whichever is larger; more is a warning.
    future_weeks : int, default ``kcc.config.MAX_PLAN_WEEKS``
        A date later than today plus this many weeks (the longest plan) is an error; a date
        after today is a warning, since history from the future moves every plan. [weeks]
    today : datetime.date or None
        The local date to judge dates by; None takes today in ``kcc.config.timezone()``.
    """

    max_count: float = 1_000_000.0
    scale_factor: float = 50.0
    scale_floor: float = 10.0
    scale_min_rows: int = 20
    excess_contacts: float = 0.5
    excess_share: float = 0.01
    future_weeks: int = config.MAX_PLAN_WEEKS
    today: date | None = None

    def __post_init__(self) -> None:
        for name in ("max_count", "scale_factor", "scale_floor", "excess_contacts", "excess_share"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not np.isfinite(value) or value < 0:
                raise ValueError(f"{name} must be a finite number of 0 or more, got {value!r}")
        if self.scale_factor < 1:
            raise ValueError(f"scale_factor must be 1 or more, got {self.scale_factor!r}")
        if not isinstance(self.scale_min_rows, int) or self.scale_min_rows < 1:
            raise ValueError(
                f"scale_min_rows must be a whole number of 1 or more, got {self.scale_min_rows!r}"
            )
        if not isinstance(self.future_weeks, int) or not 0 <= self.future_weeks <= 520:
            raise ValueError(
                f"future_weeks must be a whole number from 0 up to 520, got {self.future_weeks!r}"
            )

    def local_today(self) -> date:
        """``today``, or the current date on the centre's wall clock."""
        return self.today or pd.Timestamp.now(tz=config.timezone()).date()

    def date_limits(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """Local midnights after which a date is a warning, and an error."""
        tomorrow = pd.Timestamp(self.local_today() + timedelta(days=1))
        return tomorrow, tomorrow + pd.Timedelta(weeks=self.future_weeks)


@dataclass(frozen=True)
class Mapping:
    """Which source column means what, and how to read it.

    Attributes
    ----------
    kind : str
        ``contacts`` (one row per contact) or ``intervals`` (counts per interval).
    timestamp : str or None
        Column with date and time of arrival (contacts) or interval start (intervals).
    date, time : str or None
        Separate date and time columns, used when ``timestamp`` is None.
    datetime_format : str
        ``strptime`` format of the timestamp text, or of ``date + " " + time``.
    channel : str or None
        Column with the channel; None puts every row in ``channel_value``.
    channel_value : str
        Fixed channel id (see ``kcc.config.CHANNELS``).
    channel_map : tuple of (str, str)
        Lower-case raw channel value -> channel id.
    queue : str or None
        Column with the queue; None puts every row in ``queue_value``.
    queue_value : str
        Fixed queue name.
    contact_id : tuple of str
        Columns that together identify a contact (contacts only).
    customer_id : str or None
        Customer column (contacts only).
    handle_s : str or None
        Handle time per contact [s, or H:MM:SS] (contacts only).
    wait_s : str or None
        Contacts: wait per contact [s]; intervals: mean wait of answered contacts [s], or the
        interval's total wait when ``wait_is_total``.
    outcome : str or None
        Outcome column (contacts only); without it every contact counts as answered.
    outcome_map : tuple of (str, str)
        Raw outcome value -> ``answered``, ``abandoned``, ``closed`` or ``ignore``.
    offered, answered, abandoned : str or None
        Count columns (intervals only); ``offered`` is required.
    aht_s : str or None
        Mean handle time of answered contacts per interval [s] (intervals only).
    wait_is_total : bool
        ``wait_s`` holds total seconds waited in the interval (intervals only).
    decimal_comma : bool
        Numbers use a decimal comma (``12,5``).
    """

    kind: str
    timestamp: str | None = None
    date: str | None = None
    time: str | None = None
    datetime_format: str = "%Y-%m-%d %H:%M:%S"
    channel: str | None = None
    channel_value: str = "phone"
    channel_map: tuple[tuple[str, str], ...] = ()
    queue: str | None = None
    queue_value: str = config.DEFAULT_QUEUE
    contact_id: tuple[str, ...] = ()
    customer_id: str | None = None
    handle_s: str | None = None
    wait_s: str | None = None
    outcome: str | None = None
    outcome_map: tuple[tuple[str, str], ...] = ()
    offered: str | None = None
    answered: str | None = None
    abandoned: str | None = None
    aht_s: str | None = None
    wait_is_total: bool = False
    decimal_comma: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if self.channel_value not in config.CHANNELS:
            raise ValueError(
                f"channel_value must be one of {config.CHANNELS}, got {self.channel_value!r}"
            )
        bad = [v for _, v in self.outcome_map if v not in store.OUTCOMES]
        if bad:
            raise ValueError(f"outcome_map values must be one of {store.OUTCOMES}, got {bad[0]!r}")
        bad = [v for _, v in self.channel_map if v not in config.CHANNELS]
        if bad:
            raise ValueError(f"channel_map values must be one of {config.CHANNELS}, got {bad[0]!r}")
        if not self.queue_value.strip():
            raise ValueError("queue_value must not be empty")

    def time_columns(self) -> tuple[str, ...]:
        """The column(s) the timestamp is read from, in joining order."""
        if self.timestamp:
            return (self.timestamp,)
        return tuple(c for c in (self.date, self.time) if c)

    def roles(self) -> tuple[tuple[str, str], ...]:
        """``(role, column)`` of every mapped column, roles as in ``ROLES``."""
        out: list[tuple[str, str]] = []
        for role in ROLES:
            value = getattr(self, role)
            for column in value if isinstance(value, tuple) else (value,):
                if column:
                    out.append((role, column))
        return tuple(out)

    def required_columns(self) -> tuple[str, ...]:
        """Every source column the mapping reads."""
        names: list[str] = [*self.time_columns(), *self.contact_id]
        names += [
            c
            for c in (
                self.channel,
                self.queue,
                self.customer_id,
                self.handle_s,
                self.wait_s,
                self.outcome,
                self.offered,
                self.answered,
                self.abandoned,
                self.aht_s,
            )
            if c
        ]
        return tuple(dict.fromkeys(names))


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


@dataclass(frozen=True)
class ImportResult:
    """What ``run_import`` did.

    Attributes
    ----------
    ok : bool
        The file was written; False means nothing changed.
    file : str
        File name.
    kind : str
        ``contacts`` or ``intervals``.
    problems : tuple of ImportProblem
        Errors (when not ok) and notices.
    import_id : int or None
        Id in the import history.
    rows_read, rows_imported, rows_ignored, rows_replaced : int
        Data rows in the file; contacts or intervals written; rows mapped to *ignore*; rows
        of earlier imports replaced. [rows]
    source_interval_min : int or None
        Interval length found in a counts file [min].
    interval_min : int
        Planning interval written [min].
    series : tuple of str
        ``channel/queue`` of every series written.
    """

    ok: bool
    problems: tuple[ImportProblem, ...]
    file: str = ""
    kind: str = "contacts"
    import_id: int | None = None
    rows_read: int = 0
    rows_imported: int = 0
    rows_ignored: int = 0
    rows_replaced: int = 0
    source_interval_min: int | None = None
    interval_min: int = 15
    series: tuple[str, ...] = ()

    @property
    def errors(self) -> tuple[ImportProblem, ...]:
        """Problems that stopped the import."""
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[ImportProblem, ...]:
        """Warning-level problems (confirmed ones too, when the import went ahead)."""
        return tuple(p for p in self.problems if p.severity == WARNING)

    @property
    def to_confirm(self) -> tuple[str, ...]:
        """Codes of the warnings that refused this import: pass them as ``confirm`` to import
        anyway. Empty when the import went ahead or an error refused it."""
        if self.ok or self.errors:
            return ()
        return tuple(dict.fromkeys(p.code for p in self.warnings if p.code in WARNING_CODES))


# --------------------------------------------------------------------------- reading


#: Delimiters a text file may use; a tie when sniffing goes to the first.
DELIMITERS: Final[tuple[str, ...]] = (",", ";", "\t", "|")

#: Name of each delimiter in texts (``data.delimiter.<name>``).
DELIMITER_NAMES: Final[dict[str, str]] = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}

#: Bytes read from the start of a file to tell its kind, encoding and delimiter.
HEAD_BYTES: Final[int] = 1_000_000

#: A text file is scanned for its lines this many bytes at a time. [bytes]
_SCAN_BYTES: Final[int] = 8 * 2**20

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
        shown = round(found, 1) if found >= 10 else float(f"{found:.3g}")  # a few digits
        raise SourceError(f"limit_{limit}", name=name, found=shown, limit=allowed,
                          setting=config.UPLOAD_LIMIT_SETTINGS[limit], **fields)


def _file_kind(head: bytes) -> str:
    """``text`` or the kind of file its first bytes show (see ``_MAGIC``); ``utf16`` for
    text saved as UTF-16, ``binary`` for anything else holding NUL bytes."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    return "binary" if b"\x00" in head else "text"


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


def _count_lines(raw: bytes | None, path: str | None, newline: bytes, limits: config.UploadLimits,
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

    for buffer, begin, end in _pieces(raw, path, max(1, min(_SCAN_BYTES, limit))):
        first = buffer.find(newline, begin, end)
        if first >= 0:
            if offset + first - begin - start > limit:
                raise too_long(offset + first - begin - start)
            lines += int(np.count_nonzero(np.frombuffer(buffer, np.uint8, end - begin, begin) == byte))
            start = offset + buffer.rfind(newline, begin, end) - begin + 1
        offset += end - begin
        if offset - start > limit:  # too long already: find where it ends, to name its length
            stop = offset
            for rest, rest_begin, rest_end in _pieces(raw, path, _SCAN_BYTES, offset):
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


def _has_decimal_comma(frame: pd.DataFrame, delimiter: str | None) -> bool:
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
    if kind in ("xls", "utf16"):
        raise SourceError(kind, name=name)
    if kind != "text":
        raise SourceError("not_text", name=name, field=kind)
    notices: tuple[ImportProblem, ...] = ()
    if suffix in (*_SPREADSHEET_SUFFIXES, *_PARQUET_SUFFIXES):
        notices = (_problem("named_but_text", name, severity=NOTICE, name=name, suffix=suffix),)
    return _read_text(raw, path, name, head, size, delimiter, limits, notices, complete)


def _read_text(
    raw: bytes | None, path: str | None, name: str, head: bytes, size: int,
    delimiter: str | None, limits: config.UploadLimits, notices: tuple[ImportProblem, ...],
    complete: bool,
) -> SourceFile:
    encoding = _sniff_encoding(head)
    # Old Mac exports end lines with a carriage return alone.
    newline = b"\r" if b"\n" not in head and b"\r" in head else b"\n"
    lines = _count_lines(raw, path, newline, limits, name)
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
        notices = (*notices, _problem("one_column", name, severity=NOTICE, name=name))
    return SourceFile(
        name,
        "csv",
        frame,
        complete,
        delimiter=delimiter,
        encoding=encoding,
        decimal_comma=_has_decimal_comma(frame, delimiter),
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
        with zipfile.ZipFile(source) as archive:  # type: ignore[arg-type]
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
    return SourceFile(name, "xlsx", text, True, decimal_comma=_has_decimal_comma(text, None))


def _read_parquet(raw: bytes | None, path: str | None, name: str, limits: config.UploadLimits) -> SourceFile:
    import pyarrow as pa
    import pyarrow.parquet as pq

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


# --------------------------------------------------------------------------- guessing

_KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "channel": ("channel", "kanaal", "media", "medium"),
    "queue": ("queue", "wachtrij", "skill", "split", "vdn"),
    "contact_id": ("contact_id", "call_id", "callid", "contactid", "gesprek_id", "ticket", "id"),
    "customer_id": ("customer", "klant", "caller", "ani", "client"),
    "handle_s": ("handle", "ser_time", "service_time", "talk", "afhandel", "gespreksduur",
                 "duration", "duur"),
    "wait_s": ("wait", "wacht", "q_time", "queue_time", "asa", "speed_of_answer"),
    "outcome": ("outcome", "result", "status", "disposition", "resultaat", "uitkomst", "afloop"),
    "offered": ("offered", "aangeboden", "calls", "volume", "contacts", "received", "inbound",
                "aantal", "count", "gesprekken"),
    "answered": ("answered", "handled", "beantwoord", "afgehandeld", "served"),
    "abandoned": ("abandon", "hang", "verloren", "opgehangen", "lost", "verbroken"),
    "aht_s": ("aht", "avg_handle", "afhandeltijd", "handle"),
}
_TIME_WORDS: Final[tuple[str, ...]] = (
    "arrival", "entry", "start", "begin", "aankomst", "binnenkomst", "interval", "created",
    "timestamp", "datetime", "tijdstip", "time", "tijd", "ds",
)
_OUTCOME_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "ignore": ("phantom", "test", "ignore", "dummy", "negeer", "spook"),
    "closed": ("closed", "gesloten", "outside", "buiten", "after_hours", "ooh"),
    "abandoned": ("hang", "aband", "lost", "drop", "verbroken", "opgehangen", "verlaten",
                  "missed", "gemist", "abn"),
    "answered": ("agent", "answer", "handled", "served", "beantwoord", "afgehandeld",
                 "connected", "completed", "ok", "ans"),
}
_CHANNEL_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "whatsapp": ("whatsapp", "wa", "app"),
    "email": ("mail", "email", "e-mail"),
    "chat": ("chat", "webchat", "livechat"),
    "self_service": ("self", "ivr", "bot", "selfservice"),
    "phone": ("phone", "tel", "voice", "call", "telefoon", "telefonie", "bellen"),
}


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _values(frame: pd.DataFrame, column: str, n: int = 300) -> pd.Series:
    return frame[column].dropna().astype(str).str.strip().loc[lambda s: s != ""].head(n)


#: Share of sampled values that must read as a date/number for a guess to take a column.
GUESS_MIN_SHARE: Final[float] = 0.8


def has_utc_offset(fmt: str) -> bool:
    """The format reads a UTC offset (``%z``: ``+01:00``, ``+0100`` or ``Z``)."""
    return "%z" in fmt


def parse_times(text: pd.Series, fmt: str) -> pd.Series:
    """Date/time texts as the centre's wall-clock time (naive), NaT when not in ``fmt``.

    Times with a UTC offset are instants: converted to ``kcc.config.timezone()``, so a file
    written in UTC or with mixed summer and winter offsets lands on the local clock.
    """
    if not has_utc_offset(fmt):
        return pd.to_datetime(text, format=fmt, errors="coerce")
    instants = pd.to_datetime(text, format=fmt, errors="coerce", utc=True)
    return instants.dt.tz_convert(config.timezone()).dt.tz_localize(None)


def _parses(values: pd.Series, fmt: str) -> bool:
    """Most sampled values read with ``fmt`` (a few bad rows are for validation to report)."""
    if values.empty:
        return False
    parsed = parse_times(values, fmt)
    return bool(parsed.notna().mean() >= GUESS_MIN_SHARE)


def _date_format(values: pd.Series) -> str | None:
    for fmt in DATE_FORMATS:
        # yyyymmdd has 8 digits and yymmdd 6; other digit strings are ids, not dates.
        if fmt == "%Y%m%d" and values.str.fullmatch(r"\d{8}").mean() < GUESS_MIN_SHARE:
            continue
        if fmt == "%y%m%d" and values.str.fullmatch(r"\d{6}").mean() < GUESS_MIN_SHARE:
            continue
        if _parses(values, fmt):
            return fmt
    return None


def _datetime_format(values: pd.Series) -> str | None:
    sep = "T" if len(values) and values.str.match(r"^\d{4}-\d{2}-\d{2}T").all() else " "
    # ISO times may end in a UTC offset: +01:00, +0100 or Z.
    offset = len(values) and values.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$").mean() >= GUESS_MIN_SHARE
    for date_fmt in DATE_FORMATS:
        if date_fmt in ("%Y%m%d", "%y%m%d"):
            continue
        for time_fmt in TIME_FORMATS:
            fmt = f"{date_fmt}{sep}{time_fmt}{'%z' if offset else ''}"
            if _parses(values, fmt):
                return fmt
    return None


def _pick(columns: Sequence[str], role: str, taken: set[str]) -> str | None:
    free = [c for c in columns if c not in taken]
    for word in _KEYWORDS[role]:
        for column in free:
            norm = _norm(column)
            bare = re.sub(r"_(s|sec|seconds|sec_|min)$", "", norm)  # a unit suffix is not a name
            if word in (norm, bare) or (len(word) > 3 and word in norm):
                return column
    return None


def guess_outcome_map(values: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Guess the category of each raw outcome value (unknown values count as answered)."""
    out = []
    for value in sorted({str(v) for v in values if v is not None}):
        norm = value.lower()
        category = "answered"
        for candidate, words in _OUTCOME_WORDS.items():
            if any(norm == w or (len(w) > 3 and w in norm) for w in words):
                category = candidate
                break
        out.append((value, category))
    return tuple(out)


def guess_channel_map(values: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Guess the channel id of each raw channel value (lower-cased); unknown values are left
    out, so the import reports them."""
    out = []
    for value in sorted({str(v).strip().lower() for v in values if v is not None}):
        for channel, words in _CHANNEL_WORDS.items():
            if value == channel or any(value == w or (len(w) > 2 and w in value) for w in words):
                out.append((value, channel))
                break
    return tuple(out)


def guess_kind(frame: pd.DataFrame) -> str:
    """``intervals`` when the file has a count column and no per-contact columns, else
    ``contacts``."""
    columns = list(frame.columns)
    per_contact = any(_pick(columns, r, set()) for r in ("outcome", "contact_id"))
    counts = _pick(columns, "offered", set()) is not None
    return "intervals" if counts and not per_contact else "contacts"


def _unique_id(frame: pd.DataFrame, column: str, taken: set[str]) -> tuple[str, ...]:
    """The id column alone when unique, else with the first column that makes it unique."""
    ids = frame[column]
    if not ids.duplicated().any():
        return (column,)
    for other in frame.columns:
        if other in taken or other == column:
            continue
        if not frame.duplicated(subset=[other, column]).any():
            return (other, column)
    return (column,)


def guess_mapping(source: SourceFile | pd.DataFrame, kind: str | None = None) -> Mapping:
    """Propose a mapping from column names and contents.

    Parameters
    ----------
    source : SourceFile or pandas.DataFrame
        A read file, or its rows as text.
    kind : str, optional
        ``contacts`` or ``intervals``; default ``guess_kind``.

    Returns
    -------
    Mapping
        The guess; every field can be changed by the user.
    """
    frame = source.frame if isinstance(source, SourceFile) else source
    decimal_comma = (
        source.decimal_comma if isinstance(source, SourceFile) else _has_decimal_comma(frame, None)
    )
    kind = kind or guess_kind(frame)
    columns = [str(c) for c in frame.columns]
    taken: set[str] = set()
    timestamp = date_col = time_col = None
    fmt = "%Y-%m-%d %H:%M:%S"

    def time_rank(column: str) -> int:
        norm = _norm(column)
        hits = [i for i, w in enumerate(_TIME_WORDS) if w in norm.split("_") or w in norm]
        return min(hits) if hits else len(_TIME_WORDS)

    by_name = sorted(columns, key=time_rank)
    for column in by_name:
        values = _values(frame, column)
        found = _datetime_format(values)
        if found:
            timestamp, fmt = column, found
            break
    if timestamp is None:
        dates = [(c, f) for c in by_name if (f := _date_format(_values(frame, c)))]
        times = [
            c for c in by_name if any(_parses(_values(frame, c), f) for f in TIME_FORMATS)
        ]
        if dates:
            date_col, date_fmt = dates[0]
            time_col = times[0] if times else None
            time_fmt = "%H:%M:%S"
            if time_col and not _parses(_values(frame, time_col), time_fmt):
                time_fmt = "%H:%M"
            fmt = f"{date_fmt} {time_fmt}" if time_col else date_fmt
    taken.update(c for c in (timestamp, date_col, time_col) if c)

    def take(role: str, numeric: bool = False) -> str | None:
        column = _pick(columns, role, taken)
        if column and numeric:
            values = _values(frame, column)
            if _numbers(values, decimal_comma).notna().mean() < GUESS_MIN_SHARE:
                return None
        if column:
            taken.add(column)
        return column

    channel = take("channel")
    queue = take("queue")
    fields: dict[str, Any] = {}
    if kind == "contacts":
        outcome = take("outcome")
        contact = take("contact_id")
        fields = {
            "outcome": outcome,
            "handle_s": take("handle_s", numeric=True),
            "wait_s": take("wait_s", numeric=True),
            "customer_id": take("customer_id"),
            "contact_id": _unique_id(frame, contact, taken) if contact else (),
        }
        if outcome:
            # The import trims values before looking them up; so does the guess.
            fields["outcome_map"] = guess_outcome_map(_values(frame, outcome, len(frame)).unique())
    else:
        wait = take("wait_s", numeric=True)
        fields = {
            "offered": take("offered", numeric=True),
            "answered": take("answered", numeric=True),
            "abandoned": take("abandoned", numeric=True),
            "aht_s": take("aht_s", numeric=True),
            "wait_s": wait,
            "wait_is_total": bool(wait and re.search(r"total|sum|totaal", _norm(wait))),
        }
    channel_map = guess_channel_map(frame[channel].dropna().unique()) if channel else ()
    return Mapping(
        kind=kind,
        timestamp=timestamp,
        date=date_col,
        time=time_col,
        datetime_format=fmt,
        channel=channel,
        channel_map=channel_map,
        queue=queue,
        decimal_comma=decimal_comma,
        **fields,
    )


def preview(source: SourceFile, mapping: Mapping, rows: int = 10) -> pd.DataFrame:
    """The first rows as the mapping reads them: ``timestamp`` plus every mapped field."""
    head = source.frame.head(rows)
    out = pd.DataFrame(index=head.index)
    cols = [c for c in mapping.time_columns() if c in head]
    if cols:
        text = head[cols].fillna("").astype(str).agg(" ".join, axis=1).str.strip()
        out["timestamp"] = parse_times(text, mapping.datetime_format)
    out["channel"] = (
        head[mapping.channel].map(
            lambda v: dict(mapping.channel_map).get(str(v).strip().lower()) if v else None
        )
        if mapping.channel in head
        else mapping.channel_value
    )
    out["queue"] = head[mapping.queue] if mapping.queue in head else mapping.queue_value
    for name in ("handle_s", "wait_s", "offered", "answered", "abandoned", "aht_s"):
        column = getattr(mapping, name)
        if column in head:
            out[name] = _numbers(head[column], mapping.decimal_comma)
    if mapping.outcome in head:
        out["outcome"] = head[mapping.outcome].map(dict(mapping.outcome_map))
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- checks


def _numbers(values: pd.Series, decimal_comma: bool) -> pd.Series:
    """Numbers from text (decimal comma optional; ``H:MM:SS`` as seconds); NaN when not."""
    text = values.astype("object").where(values.notna(), None).map(
        lambda v: None if v is None else str(v).strip() or None
    )
    clock = text.str.match(r"^\d+:\d{2}(:\d{2})?$", na=False)
    plain = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False) if decimal_comma else text
    out = pd.to_numeric(plain.where(~clock), errors="coerce").astype("float64")
    if clock.any():
        out[clock] = pd.to_timedelta(
            text[clock].map(lambda v: v if v.count(":") == 2 else f"{v}:00")
        ).dt.total_seconds()
    return out


def _missing_columns(source: SourceFile, mapping: Mapping) -> list[ImportProblem]:
    problems = []
    if not mapping.time_columns():
        problems.append(_problem("no_time_column", source.name))
    if mapping.kind == "intervals" and not mapping.offered:
        problems.append(_problem("no_offered_column", source.name))
    for column in mapping.required_columns():
        if column not in source.frame.columns:
            problems.append(_problem("missing_column", source.name, column=column))
    # One role per column: answered and abandoned both read from the offered column would
    # count every contact three times, and nothing else would look wrong.
    # A contact id may combine columns that also have a role of their own (call id + queue).
    roles: dict[str, list[str]] = {}
    for role, column in mapping.roles():
        if role != "contact_id":
            roles.setdefault(column, []).append(role)
    for column, named in roles.items():
        if len(named) > 1:
            problems.append(_problem("column_two_roles", source.name, column=column,
                                     roles=tuple(dict.fromkeys(named))))
    return problems


def _localize(
    local: pd.Series, order_keys: pd.DataFrame
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Local wall-clock times -> tz-aware; ambiguous times by order of occurrence per key.

    Returns the tz-aware series, a mask of nonexistent times (moved forward) and the
    occurrence number of each (key, local time) pair (0 first, 1 second, ...).
    """
    tz = config.timezone()
    occurrence = order_keys.assign(_t=local).groupby(list(order_keys.columns) + ["_t"]).cumcount()
    as_summer = local.dt.tz_localize(tz, ambiguous=np.ones(len(local), bool), nonexistent="NaT")
    as_winter = local.dt.tz_localize(tz, ambiguous=np.zeros(len(local), bool), nonexistent="NaT")
    ambiguous = (as_summer != as_winter) & as_summer.notna()
    nonexistent = as_summer.isna() & local.notna()
    summer = ~(ambiguous & (occurrence == 1))
    stamped = local.dt.tz_localize(tz, ambiguous=summer.to_numpy(), nonexistent="shift_forward")
    # The second occurrence of an ambiguous time is a new instant, not a duplicate.
    occurrence = occurrence.where(~(ambiguous & (occurrence == 1)), 0)
    return stamped, nonexistent, occurrence


def _utc_offset(local: pd.Series, stamped: pd.Series) -> pd.Series:
    return local - stamped.dt.tz_convert("UTC").dt.tz_localize(None)


def _localize_like(bucket: pd.Series, local: pd.Series, stamped: pd.Series) -> pd.Series:
    """Localize bucket starts with the same UTC offset as the rows they hold, so the two
    readings of the repeated autumn hour stay apart."""
    tz = config.timezone()
    summer = bucket.dt.tz_localize(tz, ambiguous=np.ones(len(bucket), bool), nonexistent="shift_forward")
    same = (_utc_offset(bucket, summer) == _utc_offset(local, stamped)).to_numpy()
    return bucket.dt.tz_localize(tz, ambiguous=same, nonexistent="shift_forward")


def _interval_length(stamped: pd.DataFrame) -> tuple[int | None, bool]:
    """Detected source interval [min] and whether lengths are mixed.

    The length is the most common step between consecutive starts of a series within a day;
    the file is mixed when days disagree on it or a step is not a multiple of it.
    """
    steps = []
    for _, group in stamped.groupby(["channel", "queue"], sort=False):
        instants = group["ds"].drop_duplicates().sort_values()
        day = instants.dt.date
        diff = (instants.diff().dt.total_seconds() / 60).where(day.eq(day.shift()))
        steps.append(pd.DataFrame({"day": day, "step": diff}).dropna())
    if not steps:
        return None, False
    all_steps = pd.concat(steps)
    if all_steps.empty:
        return None, False
    length = float(all_steps["step"].mode().iloc[0])
    per_day = all_steps.groupby("day")["step"].agg(lambda s: s.mode().iloc[0])
    counts = all_steps.groupby("day")["step"].size()
    mixed = bool(
        (per_day[counts >= 3] != length).any() or ((all_steps["step"] % length) != 0).any()
    )
    return int(length) if length.is_integer() else None, mixed


def _rows_problem(
    code: str, file: str, rows: pd.Series, column: str | None, values: pd.Series, *,
    severity: str = ERROR, **params: Any
) -> list[ImportProblem]:
    """One problem per example row (first ``_EXAMPLES_PER_PROBLEM``), plus a count."""
    out = [
        _problem(code, file, row=int(r), column=column, value=v, severity=severity, **params)
        for r, v in zip(rows.head(_EXAMPLES_PER_PROBLEM), values.head(_EXAMPLES_PER_PROBLEM),
                        strict=True)
    ]
    if len(rows) > _EXAMPLES_PER_PROBLEM:
        out.append(
            _problem("more_rows", file, column=column, severity=severity,
                     count=len(rows) - _EXAMPLES_PER_PROBLEM)
        )
    return out


def _future_problems(
    file: str, rows: pd.Series, column: str, local: pd.Series, text: pd.Series,
    rules: PlausibilityRules,
) -> list[ImportProblem]:
    """Dates after today (warning) or beyond the longest plan from today (error)."""
    soon, limit = rules.date_limits()
    beyond = local >= limit
    if beyond.any():
        return _rows_problem("date_beyond_horizon", file, rows[beyond], column, text[beyond],
                             limit=(limit - pd.Timedelta(days=1)).date(), weeks=rules.future_weeks)
    future = local >= soon
    return _rows_problem("future_date", file, rows[future], column, text[future],
                         severity=WARNING, today=rules.local_today())


def _gap_bounds(local: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Wall-clock start and end of the skipped spring hour around each (nonexistent) time."""
    tz = config.timezone()
    summer = np.ones(len(local), bool)
    before = local.dt.tz_localize(tz, ambiguous=summer, nonexistent="shift_backward")
    after = local.dt.tz_localize(tz, ambiguous=summer, nonexistent="shift_forward")
    return before.dt.tz_localize(None).dt.ceil("min"), after.dt.tz_localize(None)


def _count_warnings(
    file: str, rows: pd.Series, mapping: Mapping, keys: pd.DataFrame, numbers: dict[str, pd.Series],
    rules: PlausibilityRules,
) -> list[ImportProblem]:
    """Answered plus abandoned above offered, and counts far above their series' level."""
    problems: list[ImportProblem] = []
    offered = numbers["offered"]
    parts = [c for c in ("answered", "abandoned") if c in numbers]
    if parts:
        handled = sum(numbers[c].fillna(0) for c in parts)
        allowed = np.maximum(rules.excess_contacts, rules.excess_share * offered)
        over = (handled - offered) > allowed
        column = " + ".join(getattr(mapping, c) for c in parts)
        for r in rows[over].index[:_EXAMPLES_PER_PROBLEM]:
            problems.append(_problem(
                "counts_exceed_offered", file, row=int(rows[r]), column=column,
                value=f"{float(handled[r]):g} > {float(offered[r]):g}", severity=WARNING,
                handled=float(handled[r]), offered=float(offered[r]),
                tolerance=rules.excess_contacts, share=rules.excess_share,
            ))
        if int(over.sum()) > _EXAMPLES_PER_PROBLEM:
            problems.append(_problem("more_rows", file, column=column, severity=WARNING,
                                     count=int(over.sum()) - _EXAMPLES_PER_PROBLEM))
    groups = [keys["channel"], keys["queue"]]
    for name in ("offered", *parts):
        values = numbers[name]
        positive = values.where(values > 0)
        by_series = positive.groupby(groups)
        level = by_series.transform(lambda v: v.quantile(0.9))
        judged = by_series.transform("count") >= rules.scale_min_rows
        scale = np.maximum(level, rules.scale_floor)
        far = judged & (values > rules.scale_factor * scale)
        column = str(getattr(mapping, name))
        for r in rows[far].index[:_EXAMPLES_PER_PROBLEM]:
            problems.append(_problem(
                "far_above_series", file, row=int(rows[r]), column=column,
                value=f"{float(values[r]):g}", severity=WARNING, factor=rules.scale_factor,
                level=float(level[r]), series=f"{keys['channel'][r]}/{keys['queue'][r]}",
            ))
        if int(far.sum()) > _EXAMPLES_PER_PROBLEM:
            problems.append(_problem("more_rows", file, column=column, severity=WARNING,
                                     count=int(far.sum()) - _EXAMPLES_PER_PROBLEM))
    return problems


def _series_checks(
    con: duckdb.DuckDBPyConnection, file: str, series: pd.DataFrame, interval_min: int
) -> list[ImportProblem]:
    problems = []
    for row in series.itertuples():
        stored = store.series_interval_min(con, row.channel, row.queue)
        if stored is not None and stored != interval_min:
            problems.append(
                _problem(
                    "stored_interval_differs",
                    file,
                    series=f"{row.channel}/{row.queue}",
                    stored=stored,
                    interval=interval_min,
                )
            )
    return problems


# --------------------------------------------------------------------------- counts


def _prepare_intervals(
    con: duckdb.DuckDBPyConnection, source: SourceFile, mapping: Mapping, interval_min: int,
    rules: PlausibilityRules | None = None,
) -> tuple[pd.DataFrame | None, list[ImportProblem], int | None]:
    """Check and roll up a counts file; returns (frame or None, problems, source length)."""
    rules = rules or PlausibilityRules()
    file = source.name
    frame = source.frame
    if not source.complete:
        frame = read_source(source.data or source.path or "", source.name,  # type: ignore[arg-type]
                            delimiter=source.delimiter, complete=True).frame
    rows = pd.Series(np.arange(1, len(frame) + 1), index=frame.index)
    problems: list[ImportProblem] = []
    text = frame[list(mapping.time_columns())].fillna("").astype(str).agg(" ".join, axis=1).str.strip()
    local = parse_times(text, mapping.datetime_format)
    bad = local.isna()
    column = " + ".join(mapping.time_columns())
    empty = bad & text.eq("")
    problems += _rows_problem("time_missing", file, rows[empty], column, text[empty])
    problems += _rows_problem(
        "time_unparseable", file, rows[bad & ~empty], column, text[bad & ~empty],
        format=mapping.datetime_format,
    )
    if mapping.channel:
        raw = frame[mapping.channel].fillna("").astype(str).str.strip().str.lower()
        channel = raw.map(dict(mapping.channel_map))
        unknown = channel.isna()
        problems += _rows_problem(
            "channel_unmapped", file, rows[unknown], mapping.channel, frame[mapping.channel][unknown]
        )
    else:
        channel = pd.Series(mapping.channel_value, index=frame.index)
    queue = (
        frame[mapping.queue].fillna(mapping.queue_value).astype(str).str.strip()
        if mapping.queue
        else pd.Series(mapping.queue_value, index=frame.index)
    )
    numbers: dict[str, pd.Series] = {}
    for name in ("offered", "answered", "abandoned", "aht_s", "wait_s"):
        col = getattr(mapping, name)
        if not col:
            continue
        values = _numbers(frame[col], mapping.decimal_comma)
        given = frame[col].notna() & frame[col].astype(str).str.strip().ne("")
        non_numeric = given & values.isna()
        negative = values < 0
        problems += _rows_problem("non_numeric", file, rows[non_numeric], col, frame[col][non_numeric])
        problems += _rows_problem("negative", file, rows[negative], col, frame[col][negative])
        infinite = np.isinf(values)  # ``inf`` or ``1e309`` read as a number
        problems += _rows_problem("not_finite", file, rows[infinite], col, frame[col][infinite])
        finite = ~infinite & values.notna()
        if name in ("offered", "answered", "abandoned"):
            ceiling = finite & (values > rules.max_count)
            problems += _rows_problem("count_ceiling", file, rows[ceiling], col, frame[col][ceiling],
                                      limit=rules.max_count)
        elif name == "aht_s" or not mapping.wait_is_total:
            ceiling = finite & (values > config.MAX_CONTACT_SECONDS)
            problems += _rows_problem("seconds_ceiling", file, rows[ceiling], col, frame[col][ceiling],
                                      limit=config.MAX_CONTACT_SECONDS)
        if name == "offered":
            missing = ~given
            problems += _rows_problem("count_missing", file, rows[missing], col, frame[col][missing])
        numbers[name] = values
    problems += _future_problems(file, rows, column, local, text, rules)
    if any(p.severity == ERROR for p in problems):
        return None, problems, None

    keys = pd.DataFrame({"channel": channel, "queue": queue})
    problems += _count_warnings(file, rows, mapping, keys, numbers, rules)
    stamped, nonexistent, occurrence = _localize(local, keys)
    if nonexistent.any():
        counts = pd.DataFrame(
            {n: numbers[n] for n in ("offered", "answered", "abandoned") if n in numbers}
        )
        holds = nonexistent & counts.fillna(0).gt(0).any(axis=1)
        start, end = _gap_bounds(local[nonexistent])
        gap = {"gap_start": f"{start.iloc[0]:%H:%M}", "gap_end": f"{end.iloc[0]:%H:%M}"}
        if holds.any():
            problems += _rows_problem("dst_gap", file, rows[nonexistent], column, text[nonexistent],
                                      severity=WARNING, **gap)
        else:
            problems.append(_problem("dst_gap_empty", file, row=int(rows[nonexistent].iloc[0]),
                                     column=column, value=text[nonexistent].iloc[0], severity=NOTICE,
                                     count=int(nonexistent.sum()), **gap))
    duplicate = occurrence > 0
    firsts = (
        keys.assign(_t=stamped, _row=rows).groupby(["channel", "queue", "_t"])["_row"].transform("min")
    )
    for r, v, first in zip(
        rows[duplicate].head(_EXAMPLES_PER_PROBLEM),
        text[duplicate].head(_EXAMPLES_PER_PROBLEM),
        firsts[duplicate].head(_EXAMPLES_PER_PROBLEM),
        strict=True,
    ):
        problems.append(_problem("duplicate_interval", file, row=int(r), column=column, value=v,
                                 first_row=int(first)))
    if int(duplicate.sum()) > _EXAMPLES_PER_PROBLEM:
        problems.append(_problem("more_rows", file, column=column,
                                 count=int(duplicate.sum()) - _EXAMPLES_PER_PROBLEM))
    if duplicate.any():
        return None, problems, None

    data = keys.assign(ds=stamped, local=local, **numbers)
    length, mixed = _interval_length(data)
    if mixed:
        return None, [*problems, _problem("mixed_intervals", file, column=column, length=length)], length
    if length is None or length not in config.SOURCE_INTERVALS_MIN:
        if length is not None or len(data) > 1:
            return None, [*problems, _problem("unknown_interval", file, column=column,
                                              length="" if length is None else length)], length
        length = interval_min
    if interval_min % length:
        return None, [*problems, _problem("interval_not_divisible", file, length=length,
                                          interval=interval_min)], length
    off_grid = (local.dt.hour * 60 + local.dt.minute) % length != 0
    if off_grid.any():
        return None, [*problems, *_rows_problem("off_grid", file, rows[off_grid], column,
                                                text[off_grid], length=length)], length

    # Roll up on the local clock; a bucket keeps the summer/winter reading of its rows.
    bucket_local = local.dt.floor(f"{interval_min}min")
    data["ds"] = _localize_like(bucket_local, local, stamped)
    if "answered" in data and "aht_s" in data:
        data["handle_total"] = data["aht_s"] * data["answered"]
    elif "aht_s" in data:
        data["handle_total"] = data["aht_s"] * data["offered"]
    if "wait_s" in data:
        if mapping.wait_is_total:
            data["wait_s_total"] = data["wait_s"]
        else:
            data["wait_s_total"] = data["wait_s"] * data.get("answered", data["offered"])
    sums = [c for c in ("offered", "answered", "abandoned", "handle_total", "wait_s_total") if c in data]
    out = data.groupby(["channel", "queue", "ds"], as_index=False)[sums].sum(min_count=1)
    if "handle_total" in out:
        weight = out["answered"] if "answered" in out else out["offered"]
        out["aht_s"] = out["handle_total"] / weight.where(weight > 0)
        out = out.drop(columns="handle_total")
    out["interval_min"] = interval_min
    series = out.groupby(["channel", "queue"], as_index=False).size()
    problems += _series_checks(con, file, series, interval_min)
    return out, problems, length


# --------------------------------------------------------------------------- contacts


def _contact_columns(mapping: Mapping) -> store.ContactColumns:
    return store.ContactColumns(
        arrival=mapping.time_columns(),
        arrival_format=mapping.datetime_format,
        channel=mapping.channel,
        channel_value=mapping.channel_value,
        channel_keys=tuple(k for k, _ in mapping.channel_map),
        channel_ids=tuple(v for _, v in mapping.channel_map),
        queue=mapping.queue,
        queue_value=mapping.queue_value,
        contact_id=mapping.contact_id,
        customer_id=mapping.customer_id,
        handle_s=mapping.handle_s,
        wait_s=mapping.wait_s,
        outcome=mapping.outcome,
        outcome_keys=tuple(k for k, _ in mapping.outcome_map),
        outcome_values=tuple(v for _, v in mapping.outcome_map),
        decimal_comma=mapping.decimal_comma,
    )


_STAGE_CODES: Final[dict[str, str]] = {
    "arrival_missing": "time_missing",
    "arrival_unparseable": "time_unparseable",
    "handle_non_numeric": "non_numeric",
    "handle_negative": "negative",
    "wait_non_numeric": "non_numeric",
    "wait_negative": "negative",
    "outcome_unmapped": "outcome_unmapped",
    "channel_unmapped": "channel_unmapped",
    "handle_not_finite": "not_finite",
    "handle_too_long": "seconds_ceiling",
    "wait_not_finite": "not_finite",
    "wait_too_long": "seconds_ceiling",
}


def _stage_problems(stage: store.ContactStage, file: str, mapping: Mapping) -> list[ImportProblem]:
    problems: list[ImportProblem] = []
    columns = {
        "arrival": " + ".join(mapping.time_columns()),
        "handle_s": mapping.handle_s,
        "wait_s": mapping.wait_s,
        "outcome": mapping.outcome,
        "channel": mapping.channel,
    }
    for check, count in stage.check_counts.items():
        if not count:
            continue
        column = columns[store.STAGE_CHECK_FIELDS[check]]
        examples = store.stage_examples(stage, check, _EXAMPLES_PER_PROBLEM)
        problems += _rows_problem(
            _STAGE_CODES[check], file, examples["row"], column, examples["value"],
            format=mapping.datetime_format, limit=config.MAX_CONTACT_SECONDS,
        )[:_EXAMPLES_PER_PROBLEM]
        if count > len(examples):
            problems.append(_problem("more_rows", file, column=column, count=count - len(examples)))
    if problems:
        return problems
    surplus, duplicates = store.stage_duplicates(stage, _EXAMPLES_PER_PROBLEM)
    column = " + ".join(mapping.contact_id)
    for row in duplicates.itertuples():
        problems.append(_problem("duplicate_contact", file, row=int(row.row), column=column,
                                 value=row.contact_id, first_row=int(row.first_row)))
    if surplus > len(duplicates):
        problems.append(_problem("more_rows", file, column=column, count=surplus - len(duplicates)))
    return problems


def _stage_rows(
    stage: store.ContactStage, spans: list[tuple[pd.Timestamp, pd.Timestamp]], code: str,
    file: str, column: str, severity: str, confirm: frozenset[str], **params: Any,
) -> list[ImportProblem]:
    """Problems naming the contacts that arrive within ``spans`` (local times).

    Naming rows reads the file again (about a second per million contacts), which a refusal
    is worth; a confirmed warning names the first interval instead and counts the rest.
    """
    examples = 0 if code in confirm else _EXAMPLES_PER_PROBLEM
    count, firsts, found = 0, [], []
    for lo, hi in spans:
        n, first, rows = store.stage_arrivals_between(
            stage, lo.to_pydatetime(), hi.to_pydatetime(), examples
        )
        count += n
        firsts += [first] if n else []
        found.append(rows)
    if not count:
        return []
    if examples:
        named = pd.concat(found).head(examples)
        problems = [_problem(code, file, row=int(r), column=column, value=v, severity=severity,
                             **params) for r, v in zip(named["row"], named["value"], strict=True)]
    else:
        problems = [_problem(code, file, column=column, value=f"{min(firsts):%Y-%m-%d %H:%M}",
                             severity=severity, **params)]
    if count > len(problems):
        problems.append(_problem("more_rows", file, column=column, severity=severity,
                                 count=count - len(problems)))
    return problems


def _contact_dates(
    stage: store.ContactStage, file: str, mapping: Mapping, rules: PlausibilityRules,
    confirm: frozenset[str],
) -> list[ImportProblem]:
    """Arrivals after today or beyond the longest plan, and in the skipped spring hour."""
    if stage.series.empty:
        return []
    column = " + ".join(mapping.time_columns())
    first = pd.Timestamp(stage.series["first_local"].min())
    last = pd.Timestamp(stage.series["last_local"].max())
    end = last + pd.Timedelta(days=1)
    soon, limit = rules.date_limits()
    if last >= limit:
        return _stage_rows(stage, [(limit, end)], "date_beyond_horizon", file, column, ERROR,
                           confirm, limit=(limit - pd.Timedelta(days=1)).date(),
                           weeks=rules.future_weeks)
    problems = []
    if last >= soon:
        problems += _stage_rows(stage, [(soon, end)], "future_date", file, column, WARNING,
                                confirm, today=rules.local_today())
    # The skipped hours between the first and the last arrival, found on an hourly grid.
    hours = pd.Series(pd.date_range(first.floor("D"), last, freq="h"))
    gaps = hours[hours.dt.tz_localize(config.timezone(), nonexistent="NaT",
                                       ambiguous=np.ones(len(hours), bool)).isna()]
    if len(gaps):
        start, after = _gap_bounds(gaps.head(1))
        spans = [(h, h + pd.Timedelta(hours=1)) for h in gaps]
        problems += _stage_rows(
            stage, spans, "dst_gap_contacts", file, column, WARNING, confirm,
            gap_start=f"{start.iloc[0]:%H:%M}", gap_end=f"{after.iloc[0]:%H:%M}",
            shift=int((after.iloc[0] - start.iloc[0]).total_seconds() // 60),
        )
    return problems


def _refused(problems: Sequence[ImportProblem], confirm: frozenset[str]) -> bool:
    """An error, or a warning whose code the user has not confirmed."""
    return any(
        p.severity == ERROR or (p.severity == WARNING and p.code in WARNING_CODES
                                and p.code not in confirm)
        for p in problems
    )


def _source_for_store(source: SourceFile, stack: list[str]) -> store.CsvSource | pd.DataFrame:
    if source.format == "csv":
        path = source.path
        if path is None:
            handle, path = tempfile.mkstemp(suffix=".csv")
            with os.fdopen(handle, "wb") as out:
                out.write(source.data or b"")
            stack.append(path)
        return store.CsvSource(
            path, source.delimiter or ",", source.encoding or "utf-8",
            header=tuple(str(c) for c in source.frame.columns),
        )
    frame = source.frame.copy()
    frame["_row"] = np.arange(1, len(frame) + 1)
    return frame


# --------------------------------------------------------------------------- import


def keep_contacts_default(source: SourceFile) -> bool:
    """Whether an import keeps each contact row unless the user says otherwise.

    Intervals are what planning reads; the contact rows (with customer ids) serve analyses
    such as repeat contacts. Storing them costs most of a large import (every contact is
    written and indexed by channel, queue and contact id, several times the cost of reading,
    checking and rolling up the file), so they are kept by default for files up to
    ``KEEP_CONTACTS_MAX_BYTES`` (about a million contacts, a few seconds) and for Excel and
    Parquet files; for larger files the user ticks the box to keep them.
    """
    if source.format != "csv":
        return True
    size = len(source.data) if source.data is not None else os.path.getsize(source.path or "")
    return size <= KEEP_CONTACTS_MAX_BYTES


def check_mapping(source: SourceFile, mapping: Mapping) -> list[ImportProblem]:
    """Problems visible before reading the rows (missing columns, no time column, a column
    mapped to two roles)."""
    return _missing_columns(source, mapping)


def run_import(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    mapping: Mapping,
    *,
    interval_min: int = 15,
    user: str = "user",
    keep_contacts: bool = True,
    confirm: Sequence[str] = (),
    rules: PlausibilityRules | None = None,
) -> ImportResult:
    """Check a file and write it whole, or write nothing.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Store connection.
    source : SourceFile
        From ``read_source``.
    mapping : Mapping
        From ``guess_mapping``, as the user corrected it.
    interval_min : int, default 15
        Planning interval to roll up to [min]: 15, 30 or 60.
    user : str, default "user"
        Name in the import history.
    keep_contacts : bool, default True
        Also keep contact rows (contacts files); False keeps only the intervals, which is
        several times faster for a file of millions of contacts. Every check runs either
        way. The Data page starts from ``keep_contacts_default``.
    confirm : sequence of str, default ()
        Codes of warnings (see ``WARNING_CODES``) the user accepts; a warning whose code is
        not here refuses the import, and ``ImportResult.to_confirm`` lists it.
    rules : PlausibilityRules, optional
        Limits of the plausibility rules; default ``PlausibilityRules()``.

    Returns
    -------
    ImportResult
        ``ok`` with notices (and confirmed warnings), or not ok with the errors or the
        unconfirmed warnings; the store is unchanged when not ok.

    Raises
    ------
    ValueError
        When ``interval_min`` is not a planning interval or ``confirm`` names an unknown code.
    """
    file = source.name
    if interval_min not in config.PLANNING_INTERVALS_MIN:
        raise ValueError(
            f"interval_min must be one of {config.PLANNING_INTERVALS_MIN}, got {interval_min}"
        )
    if isinstance(confirm, str):
        raise ValueError("confirm must be a sequence of warning codes, not one string")
    unknown = [c for c in confirm if c not in WARNING_CODES]
    if unknown:
        raise ValueError(f"confirm holds unknown warning code(s) {unknown}; known: {WARNING_CODES}")
    accepted = frozenset(confirm)
    rules = rules or PlausibilityRules()
    problems = _missing_columns(source, mapping)
    if problems:
        return ImportResult(False, tuple(problems), file, mapping.kind, interval_min=interval_min)
    if mapping.kind == "intervals":
        return _import_intervals(con, source, mapping, interval_min, user, accepted, rules)
    return _import_contacts(con, source, mapping, interval_min, user, keep_contacts, accepted, rules)


def _replaced_notice(file: str, replaced: int) -> list[ImportProblem]:
    if not replaced:
        return []
    return [_problem("replaced", file, severity=NOTICE, count=replaced)]


def _import_intervals(
    con: duckdb.DuckDBPyConnection, source: SourceFile, mapping: Mapping, interval_min: int,
    user: str, confirm: frozenset[str], rules: PlausibilityRules,
) -> ImportResult:
    file = source.name
    frame, problems, length = _prepare_intervals(con, source, mapping, interval_min, rules)
    rows_read = len(source.frame) if source.complete else 0
    if frame is None or _refused(problems, confirm):
        return ImportResult(False, tuple(problems), file, "intervals", rows_read=rows_read,
                            source_interval_min=length, interval_min=interval_min)
    record = store.ImportRecord(
        file_name=file, kind="intervals", imported_by=user, rows_read=rows_read,
        message=stored_text("data.history.intervals", length=length, interval=interval_min),
    )
    try:
        outcome = store.replace_intervals(con, frame, record)
    except (store.StoreError, duckdb.Error) as exc:
        return ImportResult(False, (*problems, _problem("store_refused", file, value=str(exc))), file, "intervals",
                            rows_read=rows_read, interval_min=interval_min)
    series = tuple(sorted({f"{c}/{q}" for c, q in zip(frame["channel"], frame["queue"], strict=True)}))
    return ImportResult(
        True,
        (*problems, *_replaced_notice(file, outcome.rows_replaced)),
        file,
        "intervals",
        import_id=outcome.import_id,
        rows_read=rows_read,
        rows_imported=outcome.rows_imported,
        rows_replaced=outcome.rows_replaced,
        source_interval_min=length,
        interval_min=interval_min,
        series=series,
    )


def _import_contacts(
    con: duckdb.DuckDBPyConnection, source: SourceFile, mapping: Mapping, interval_min: int,
    user: str, keep_contacts: bool, confirm: frozenset[str], rules: PlausibilityRules,
) -> ImportResult:
    file = source.name
    temp_files: list[str] = []
    try:
        try:
            stage = store.stage_contacts(
                con, _source_for_store(source, temp_files), _contact_columns(mapping), interval_min
            )
        except duckdb.Error as exc:
            return ImportResult(False, (_problem("unreadable", file, value=str(exc).splitlines()[0]),),
                                file, interval_min=interval_min)
        committed = False
        try:
            problems = _stage_problems(stage, file, mapping)
            if not problems and stage.series.empty:
                problems.append(_problem("no_rows", file))
            if not problems:
                problems += _contact_dates(stage, file, mapping, rules, confirm)
            problems += _series_checks(con, file, stage.series, interval_min)
            if _refused(problems, confirm):
                return ImportResult(False, tuple(problems), file, rows_read=stage.rows_read,
                                    interval_min=interval_min)
            ignored = stage.rows_read - int(stage.series["contacts"].sum())
            record = store.ImportRecord(
                file_name=file, kind="contacts", imported_by=user, rows_read=stage.rows_read,
                rows_ignored=ignored,
                message=stored_text("data.history.contacts", interval=interval_min),
            )
            try:
                outcome = store.commit_stage(stage, record, keep_contacts=keep_contacts)
                committed = True
            except (store.StoreError, duckdb.Error) as exc:
                committed = True  # commit_stage rolled back and closed the stage
                return ImportResult(False, (_problem("store_refused", file, value=str(exc).splitlines()[0]),),
                                    file, rows_read=stage.rows_read, interval_min=interval_min)
            series = tuple(f"{c}/{q}" for c, q in zip(stage.series["channel"], stage.series["queue"],
                                                      strict=True))
            return ImportResult(
                True,
                (*problems, *_replaced_notice(file, outcome.rows_replaced)),
                file,
                import_id=outcome.import_id,
                rows_read=stage.rows_read,
                rows_imported=outcome.rows_imported,
                rows_ignored=ignored,
                rows_replaced=outcome.rows_replaced,
                interval_min=interval_min,
                series=series,
            )
        finally:
            if not committed:
                store.discard_stage(stage)
    finally:
        for path in temp_files:
            os.unlink(path)


def with_changes(mapping: Mapping, **changes: Any) -> Mapping:
    """A copy of ``mapping`` with some fields changed (validated again)."""
    return replace(mapping, **changes)
