"""Guessing a mapping from a file's column names and contents.

Names are matched against English and Dutch keywords per role; a date or number column is
only taken when most sampled values read as one (``GUESS_MIN_SHARE``). Outcome and channel
values are mapped by keyword too. Every guess is a proposal the user can change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Final

import pandas as pd

from kcc.ingest.mapping import Mapping
from kcc.ingest.read import SourceFile, has_decimal_comma
from kcc.ingest.values import (
    ISO_WEEK_FORMAT,
    MONTH_FORMATS,
    parse_numbers,
    parse_times,
)

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
#: Formats of a period without a day, tried after ``DATE_FORMATS`` (long-range files: a month
#: by name or number, an ISO week).
PERIOD_FORMATS: Final[tuple[str, ...]] = (*MONTH_FORMATS, ISO_WEEK_FORMAT)
TIME_FORMATS: Final[tuple[str, ...]] = ("%H:%M:%S", "%H:%M")

_KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "channel": ("channel", "kanaal", "media", "medium"),
    "queue": ("queue", "wachtrij", "skill", "split", "vdn"),
    "contact_id": ("contact_id", "call_id", "callid", "contactid", "gesprek_id", "ticket", "id"),
    "customer_id": ("customer", "klant", "caller", "ani", "client"),
    "handle_s": ("handle", "ser_time", "service_time", "talk", "afhandel", "gespreksduur",
                 "duration", "duur"),
    "wait_s": ("wait", "wacht", "q_time", "queue_time", "asa", "speed_of_answer"),
    "outcome": ("outcome", "result", "status", "disposition", "resultaat", "uitkomst", "afloop"),
    "agent_id": ("agent_id", "agent", "medewerker", "employee", "user_id", "operator", "behandelaar"),
    "sessions": ("concurrency", "concurrent", "gelijktijdig", "sessions", "sessies", "parallel"),
    "end_time": ("end_time", "ended", "end", "eind", "einde", "eindtijd", "finish", "closed_at",
                 "afgesloten"),
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
    parsed = parse_times(values, fmt)
    return bool(parsed.notna().mean() >= GUESS_MIN_SHARE)


def _date_format(values: pd.Series) -> str | None:
    for fmt in (*DATE_FORMATS, *PERIOD_FORMATS):
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
        source.decimal_comma if isinstance(source, SourceFile) else has_decimal_comma(frame, None)
    )
    kind = kind or guess_kind(frame)
    columns = [str(c) for c in frame.columns]
    timestamp, date_col, time_col, fmt = _guess_time(frame, columns)
    taken: set[str] = {c for c in (timestamp, date_col, time_col) if c}
    take = partial(_take, frame, columns, taken, decimal_comma)
    channel = take("channel")
    queue = take("queue")
    fields = (
        _contact_fields(frame, take, taken, fmt, timestamp is None) if kind == "contacts" else _count_fields(take)
    )
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


def _time_rank(column: str) -> int:
    """Position of the first time word in a column name (lower is likelier a time column)."""
    norm = _norm(column)
    hits = [i for i, w in enumerate(_TIME_WORDS) if w in norm.split("_") or w in norm]
    return min(hits) if hits else len(_TIME_WORDS)


def _guess_time(
    frame: pd.DataFrame, columns: list[str]
) -> tuple[str | None, str | None, str | None, str]:
    """``(timestamp, date, time, format)``: one column holding date and time, else separate
    date and time columns, tried in the order of their names' time words."""
    timestamp = date_col = time_col = None
    fmt = "%Y-%m-%d %H:%M:%S"
    by_name = sorted(columns, key=_time_rank)
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
    return timestamp, date_col, time_col, fmt


def _take(
    frame: pd.DataFrame, columns: list[str], taken: set[str], decimal_comma: bool, role: str,
    numeric: bool = False,
) -> str | None:
    """The first free column named for ``role`` (a numeric role only when most of its values
    read as numbers), marked as taken."""
    column = _pick(columns, role, taken)
    if column and numeric:
        values = _values(frame, column)
        if parse_numbers(values, decimal_comma).notna().mean() < GUESS_MIN_SHARE:
            return None
    if column:
        taken.add(column)
    return column


def _contact_fields(
    frame: pd.DataFrame, take: Callable[..., str | None], taken: set[str], fmt: str,
    separate: bool,
) -> dict[str, Any]:
    """Mapping fields of a contacts file; roles are taken in this order (a column takes one)."""
    outcome = take("outcome")
    contact = take("contact_id")
    fields: dict[str, Any] = {
        "outcome": outcome,
        "handle_s": take("handle_s", numeric=True),
        "wait_s": take("wait_s", numeric=True),
        "customer_id": take("customer_id"),
        "contact_id": _unique_id(frame, contact, taken) if contact else (),
        "agent_id": take("agent_id"),
        "sessions": take("sessions", numeric=True),
        "end_time": _end_time(frame, taken, fmt, separate),
    }
    if outcome:
        # The import trims values before looking them up; so does the guess.
        fields["outcome_map"] = guess_outcome_map(_values(frame, outcome, len(frame)).unique())
    return fields


def _end_time(frame: pd.DataFrame, taken: set[str], fmt: str, separate: bool) -> str | None:
    """The column named for an end time whose values read with the arrival's format (or as a
    time of day, when date and time are separate columns), marked as taken."""
    column = _pick([str(c) for c in frame.columns], "end_time", taken)
    if column is None:
        return None
    values = _values(frame, column)
    formats = (fmt, *(TIME_FORMATS if separate else ()))
    if not any(_parses(values, f) for f in formats):
        return None
    taken.add(column)
    return column


def _count_fields(take: Callable[..., str | None]) -> dict[str, Any]:
    """Mapping fields of a counts file; roles are taken in this order (a column takes one)."""
    wait = take("wait_s", numeric=True)
    return {
        "offered": take("offered", numeric=True),
        "answered": take("answered", numeric=True),
        "abandoned": take("abandoned", numeric=True),
        "aht_s": take("aht_s", numeric=True),
        "wait_s": wait,
        "wait_is_total": bool(wait and re.search(r"total|sum|totaal", _norm(wait))),
    }
