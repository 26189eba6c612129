"""Defaults shared by the core and the app: time zone, database path, channels, intervals,
upload limits."""

from __future__ import annotations

import contextvars
import math
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Final

PROJECT_ROOT: Final[Path] = Path(__file__).resolve().parents[1]

#: Contact-centre wall-clock zone; every timestamp on screen is local time in this zone.
DEFAULT_TIMEZONE: Final[str] = "Europe/Amsterdam"

#: Channel ids, in display order.
CHANNELS: Final[tuple[str, ...]] = ("phone", "chat", "email", "whatsapp", "self_service")

#: One colour per channel on every chart, so a channel is recognised at a glance.
CHANNEL_COLORS: Final[dict[str, str]] = {
    "phone": "#1f4e79",
    "chat": "#e07b22",
    "email": "#7b5ea7",
    "whatsapp": "#2e9e5b",
    "self_service": "#8c8c8c",
}

#: Interval lengths an import may carry [min].
SOURCE_INTERVALS_MIN: Final[tuple[int, ...]] = (5, 6, 10, 15, 30, 60)

#: Interval lengths a plan may use [min].
PLANNING_INTERVALS_MIN: Final[tuple[int, ...]] = (15, 30, 60)

#: How finely a stored series is counted: per interval (under a day), or in totals per day,
#: week or calendar month. A long-range row is stored with ``ds`` at the period's local
#: midnight and ``interval_min`` the period's length in minutes (``DAY_MIN``, ``WEEK_MIN``,
#: or the month's days x ``DAY_MIN``: 44,640 for January), so ``interval_min < DAY_MIN`` means
#: intraday.
GRANULARITIES: Final[tuple[str, ...]] = ("interval", "day", "week", "month")
DAY_MIN: Final[int] = 1440
WEEK_MIN: Final[int] = 7 * DAY_MIN


def granularity_of(interval_min: int) -> str:
    """The granularity (``GRANULARITIES``) of a stored row of ``interval_min`` minutes."""
    if interval_min < DAY_MIN:
        return "interval"
    if interval_min == DAY_MIN:
        return "day"
    if interval_min == WEEK_MIN:
        return "week"
    if 28 * DAY_MIN <= interval_min <= 31 * DAY_MIN:
        return "month"
    raise ValueError(f"interval_min {interval_min} is no interval, day, week or calendar month")


#: Most agents (and Erlangs of offered load) the queueing engine treats exactly in one interval.
#: Beyond it (no real queue comes near) the numbers come from the large-system route (bounded
#: asymptotic sums, square-root staffing start, bisection) and are flagged ``approximate``, so
#: one absurd value cannot stall a page.
MAX_EXACT_AGENTS: Final[int] = 100_000

DEFAULT_QUEUE: Final[str] = "default"

#: Customer ids that mean "not identified" in contact records (compared trimmed and in lower
#: case; an empty id, and one of zeros only, always counts as not identified). Telephony
#: exports write 0 for a caller the IVR could not identify: counted as one customer, they
#: would make every such call a repeat of the one before.
UNIDENTIFIED_CUSTOMER_IDS: Final[tuple[str, ...]] = ("0", "unknown", "onbekend", "anonymous", "anoniem")

#: A contact is a repeat when the same customer made another contact this many days before. [days]
REPEAT_WINDOW_DAYS: Final[int] = 7

#: Longest plan the app makes; also how far ahead of today an imported date may lie. [weeks]
MAX_PLAN_WEEKS: Final[int] = 104

#: Longest plausible handle or wait time of one contact (a year); more is a unit or export
#: error (milliseconds, an overflowed counter), so an import refuses it. [s]
MAX_CONTACT_SECONDS: Final[float] = 366 * 86_400.0


def channel_list(value: object) -> list[str]:
    """Channel ids from an editor cell or a file: a list (a picker's), or text separated by
    commas or semicolons; nothing (None, NaN, empty) gives an empty list. Ids are not checked."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        parts: Iterable[object] = re.split(r"[,;]+", value)
    elif isinstance(value, Iterable):
        parts = value
    else:  # a number or other scalar is no list of channels
        raise TypeError(f"channels must be a list or text, got {value!r}")
    return [str(part).strip() for part in parts if str(part).strip()]


def db_path() -> str:
    """The store: ``KCC_DATABASE_URL`` when set (a ``postgresql://`` server shared by several
    app processes), else the DuckDB file ``KCC_DB_PATH``, else ``data/kcc.duckdb`` in the
    project."""
    return (os.environ.get("KCC_DATABASE_URL") or os.environ.get("KCC_DB_PATH")
            or str(PROJECT_ROOT / "data" / "kcc.duckdb"))


#: The zone of the centre being worked on, where a caller set one (``centre_timezone``).
_CENTRE_ZONE: Final[contextvars.ContextVar[str | None]] = contextvars.ContextVar(
    "kcc_centre_zone", default=None
)


def timezone() -> str:
    """IANA zone of local times: the current centre's inside ``centre_timezone``, else
    ``KCC_TIMEZONE`` when set, else Europe/Amsterdam."""
    return _CENTRE_ZONE.get() or os.environ.get("KCC_TIMEZONE") or DEFAULT_TIMEZONE


@contextmanager
def centre_timezone(zone: str) -> Iterator[None]:
    """Read files as wall-clock times of ``zone`` (a centre's) within the block, in this
    thread or task only (an import into one centre while another session plans another)."""
    token = _CENTRE_ZONE.set(zone)
    try:
        yield
    finally:
        _CENTRE_ZONE.reset(token)


@dataclass(frozen=True)
class UploadLimits:
    """What an uploaded file may hold before it is read (see ``kcc.importer.read_source``).

    The defaults fit real exports: a year of contact records is several hundred MB (the
    import benchmark's 10 M contacts are 495 MB, 583 MB with a contact id), and Excel holds
    at most 1,048,576 rows. Each limit has an environment variable (``UPLOAD_LIMIT_SETTINGS``).

    Attributes
    ----------
    file_mb : float
        File size [MB of 2**20 bytes, as Streamlit counts ``server.maxUploadSize``].
    rows : int
        Data rows; a CSV counts its lines (a line break inside quotes counts too). [rows]
    columns : int
        Columns in the header. [columns]
    line_bytes : int
        Longest line of a text file [bytes]; below DuckDB's own 2 MiB line limit.
    xlsx_unpacked_mb : float
        A spreadsheet's contents once unpacked [MB]; reading 1 MB of sheet XML takes about a
        second, so the default (300 MB) is a full Excel sheet of some 8 columns.
    xlsx_ratio : float
        Unpacked size / packed size of a spreadsheet. Exports pack 5-15 times; a file packed
        hundreds of times is built to overload a reader.
    """

    file_mb: float = 1000.0
    rows: int = 25_000_000
    columns: int = 1_000
    line_bytes: int = 1_000_000
    xlsx_unpacked_mb: float = 300.0
    xlsx_ratio: float = 100.0

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not value > 0:
                raise ValueError(f"{item.name} must be above 0, got {value!r}")


#: Environment variable that sets each upload limit.
UPLOAD_LIMIT_SETTINGS: Final[dict[str, str]] = {
    "file_mb": "KCC_MAX_UPLOAD_MB",
    "rows": "KCC_MAX_ROWS",
    "columns": "KCC_MAX_COLUMNS",
    "line_bytes": "KCC_MAX_LINE_BYTES",
    "xlsx_unpacked_mb": "KCC_MAX_XLSX_UNPACKED_MB",
    "xlsx_ratio": "KCC_MAX_XLSX_RATIO",
}


def upload_limits() -> UploadLimits:
    """Upload limits: each ``KCC_MAX_*`` variable when set, else the ``UploadLimits`` default.

    Raises
    ------
    ValueError
        When a variable is not a number above 0 (naming the variable).
    """
    defaults = UploadLimits()
    values: dict[str, Any] = {}  # int or float, as each field's default
    for name, variable in UPLOAD_LIMIT_SETTINGS.items():
        text = os.environ.get(variable, "").strip()
        if not text:
            continue
        kind = type(getattr(defaults, name))
        try:
            value = kind(float(text)) if kind is int else float(text)
        except (ValueError, OverflowError):
            raise ValueError(f"{variable} must be a number, got {text!r}") from None
        if not value > 0:
            raise ValueError(f"{variable} must be above 0, got {text!r}")
        values[name] = value
    return UploadLimits(**values)
