"""Import contact records and interval counts from CSV/TSV, Excel and Parquet files.

The path of a file through this module:

1. ``read_source`` sniffs the format (delimiter, encoding, decimal comma) and keeps the file
   with a text preview of its rows;
2. ``guess_mapping`` proposes which column means what (a frozen ``Mapping`` the user can
   change), including the date format and what each outcome value counts as;
3. ``run_import`` checks every row and writes the file whole, or not at all.

Contact files are read, checked and rolled up to intervals in DuckDB (``kcc.store``), so a
file of millions of rows costs about one scan. Interval counts are small and checked here
with pandas, then written through ``kcc.store.replace_intervals``.

Local times
-----------
Times in a file are the contact centre's wall-clock time in ``kcc.config.timezone()``.
Around the change of summer time:

* interval counts: a start time in the repeated autumn hour that occurs twice for a series is
  read in file order, first as summer time and then as standard time, so the day keeps its 100
  quarter-hours; a single occurrence is read as summer time;
* contact records: a time in the repeated hour is read as standard time (DuckDB's rule), since
  single arrivals cannot be ordered reliably;
* a time in the skipped spring hour does not exist; it moves one hour forward and the import
  reports how many rows that affected.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from pathlib import Path
from typing import Any, Final

import duckdb
import numpy as np
import pandas as pd

from kcc import config, store
from kcc.i18n import escape_fields, stored_text, t

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

#: Problems that stop an import; anything else is a notice.
ERROR: Final[str] = "error"
NOTICE: Final[str] = "notice"

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
        ``error`` (nothing is imported) or ``notice``.
    params : tuple of (str, object)
        Fields of the message text.
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
        return t(f"data.problem.{self.code}", lang, **escape_fields(dict(self.params), escape))


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
    return ImportProblem(
        file=file,
        row=row,
        column=column,
        value=text,
        reason=t(f"data.problem.{code}", "en", **fields),
        code=code,
        severity=severity,
        params=tuple(sorted(fields.items())),
    )


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


# --------------------------------------------------------------------------- reading


def _sniff_encoding(head: bytes) -> str:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if exc.start < len(head) - 4:
            return "latin-1"
    return "utf-8"


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t").delimiter
    except csv.Error:
        header = lines[0] if lines else ""
        return max((",", ";", "\t"), key=header.count)


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


def read_source(data: bytes | str | Path, name: str | None = None) -> SourceFile:
    """Read a CSV/TSV, ``.xlsx`` or Parquet file for mapping.

    Parameters
    ----------
    data : bytes or str or pathlib.Path
        The uploaded bytes, or a path.
    name : str, optional
        File name (decides the format by its extension); default the path's name.

    Returns
    -------
    SourceFile
        Format details and the rows as text.

    Raises
    ------
    ValueError
        When the file is empty or not readable as any supported format.
    """
    path = None if isinstance(data, bytes) else str(data)
    name = name or (Path(path).name if path else "upload.csv")
    suffix = Path(name).suffix.lower()
    raw = data if isinstance(data, bytes) else None
    if suffix in (".xlsx", ".xlsm"):
        frame = pd.read_excel(io.BytesIO(raw) if raw is not None else path, dtype=object)
        text = _text_frame(frame)
        return SourceFile(name, "xlsx", text, True, decimal_comma=_has_decimal_comma(text, None))
    if suffix in (".parquet", ".pq"):
        frame = pd.read_parquet(io.BytesIO(raw) if raw is not None else path)
        text = _text_frame(frame)
        return SourceFile(name, "parquet", text, True, decimal_comma=False)
    size = len(raw) if raw is not None else os.path.getsize(path or "")
    if size == 0:
        raise ValueError(t("data.problem.empty_file", "en"))
    if raw is not None:
        head = raw[:1_000_000]
    else:
        with open(path or "", "rb") as handle:
            head = handle.read(1_000_000)
    encoding = _sniff_encoding(head)
    delimiter = _sniff_delimiter(head.decode(encoding, errors="replace"))
    complete = size <= FULL_READ_MAX_BYTES
    frame = pd.read_csv(
        io.BytesIO(raw) if raw is not None else path,
        sep=delimiter,
        dtype=str,
        encoding="utf-8-sig" if encoding == "utf-8" else "latin-1",
        keep_default_na=False,
        na_values=[""],
        nrows=None if complete else SAMPLE_ROWS,
        engine="c",
    )
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.astype("object").where(frame.notna(), None)
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
    )


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


def _parses(values: pd.Series, fmt: str) -> bool:
    """Most sampled values read with ``fmt`` (a few bad rows are for validation to report)."""
    if values.empty:
        return False
    parsed = pd.to_datetime(values, format=fmt, errors="coerce")
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
    for date_fmt in DATE_FORMATS:
        if date_fmt in ("%Y%m%d", "%y%m%d"):
            continue
        for time_fmt in TIME_FORMATS:
            fmt = f"{date_fmt}{sep}{time_fmt}"
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
        out["timestamp"] = pd.to_datetime(text, format=mapping.datetime_format, errors="coerce")
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
    code: str, file: str, rows: pd.Series, column: str | None, values: pd.Series, **params: Any
) -> list[ImportProblem]:
    """One problem per example row (first ``_EXAMPLES_PER_PROBLEM``), plus a count."""
    out = [
        _problem(code, file, row=int(r), column=column, value=v, **params)
        for r, v in zip(rows.head(_EXAMPLES_PER_PROBLEM), values.head(_EXAMPLES_PER_PROBLEM),
                        strict=True)
    ]
    if len(rows) > _EXAMPLES_PER_PROBLEM:
        out.append(
            _problem("more_rows", file, column=column, count=len(rows) - _EXAMPLES_PER_PROBLEM)
        )
    return out


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
    con: duckdb.DuckDBPyConnection, source: SourceFile, mapping: Mapping, interval_min: int
) -> tuple[pd.DataFrame | None, list[ImportProblem], int | None]:
    """Check and roll up a counts file; returns (frame or None, problems, source length)."""
    file = source.name
    frame = source.frame
    if not source.complete:
        frame = read_source(source.data or source.path or "", source.name).frame  # type: ignore[arg-type]
    rows = pd.Series(np.arange(1, len(frame) + 1), index=frame.index)
    problems: list[ImportProblem] = []
    text = frame[list(mapping.time_columns())].fillna("").astype(str).agg(" ".join, axis=1).str.strip()
    local = pd.to_datetime(text, format=mapping.datetime_format, errors="coerce")
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
        if name == "offered":
            missing = ~given
            problems += _rows_problem("count_missing", file, rows[missing], col, frame[col][missing])
        numbers[name] = values
    if any(p.severity == ERROR for p in problems):
        return None, problems, None

    keys = pd.DataFrame({"channel": channel, "queue": queue})
    stamped, nonexistent, occurrence = _localize(local, keys)
    if nonexistent.any():
        problems += [
            _problem("nonexistent_time", file, column=column, value=text[nonexistent].iloc[0],
                     severity=NOTICE, count=int(nonexistent.sum()))
        ]
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
            format=mapping.datetime_format,
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
    """Problems visible before reading the rows (missing columns, no time column)."""
    return _missing_columns(source, mapping)


def run_import(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    mapping: Mapping,
    *,
    interval_min: int = 15,
    user: str = "user",
    keep_contacts: bool = True,
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

    Returns
    -------
    ImportResult
        ``ok`` with notices, or not ok with the errors; the store is unchanged when not ok.
    """
    file = source.name
    if interval_min not in config.PLANNING_INTERVALS_MIN:
        raise ValueError(
            f"interval_min must be one of {config.PLANNING_INTERVALS_MIN}, got {interval_min}"
        )
    problems = _missing_columns(source, mapping)
    if problems:
        return ImportResult(False, tuple(problems), file, mapping.kind, interval_min=interval_min)
    if mapping.kind == "intervals":
        return _import_intervals(con, source, mapping, interval_min, user)
    return _import_contacts(con, source, mapping, interval_min, user, keep_contacts)


def _replaced_notice(file: str, replaced: int) -> list[ImportProblem]:
    if not replaced:
        return []
    return [_problem("replaced", file, severity=NOTICE, count=replaced)]


def _import_intervals(
    con: duckdb.DuckDBPyConnection, source: SourceFile, mapping: Mapping, interval_min: int,
    user: str,
) -> ImportResult:
    file = source.name
    frame, problems, length = _prepare_intervals(con, source, mapping, interval_min)
    rows_read = len(source.frame) if source.complete else 0
    if frame is None or any(p.severity == ERROR for p in problems):
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
    user: str, keep_contacts: bool,
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
            problems += _series_checks(con, file, stage.series, interval_min)
            if any(p.severity == ERROR for p in problems):
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
