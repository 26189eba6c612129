"""Roster input: an uploaded file of agents per interval, and the shift-pattern editor's table.

The rest of ``kcc.ingest`` reads volumes and contacts; a roster file is simpler (channel, interval start,
agents) but follows the same rules: columns are found by name, every problem names the row,
the column and the value, and nothing is written unless the whole file is valid
(``kcc.store.replace_roster`` is atomic). The shift editor shows patterns as plain text cells
(``"phone, chat"``, ``"0-4"``, ``"08:30"``) and this module turns them back into the frame
``kcc.store.replace_shifts`` stores, validated by ``kcc.roster.ShiftPattern``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from kcc import config
from kcc.ingest.read import SourceError, read_source
from kcc.roster import SHIFT_COLUMNS, ShiftError, patterns_from_frame, patterns_to_frame

#: Accepted header names per roster column (lower case, spaces and dashes as underscores).
ROSTER_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "channel": ("channel", "kanaal", "skill", "queue"),
    "ds": ("ds", "interval", "interval_start", "start", "datetime", "timestamp", "tijdstip",
           "datum_tijd", "begin"),
    "agents": ("agents", "rostered", "headcount", "fte", "medewerkers", "bezetting", "staff"),
    "interval_min": ("interval_min", "interval_length", "minutes", "minuten"),
}

#: Largest number of agents one interval may hold.
MAX_AGENTS: Final[float] = 100_000.0

#: Most problems reported for one file (the rest are counted).
MAX_PROBLEMS: Final[int] = 20


@dataclass(frozen=True)
class RosterProblem:
    """One reason a roster file cannot be imported.

    Attributes
    ----------
    row : int or None
        Data row, 1-based, not counting the header (None for the whole file).
    column : str or None
        Source column.
    value : str or None
        The offending value as text.
    code : str
        Stable id; the text key is ``staffing.roster_problem_<code>``.
    error : SourceError or None
        For code ``source``: why the file itself cannot be read (too large, not a table, a
        damaged spreadsheet ...), with its own text in the reader's language.
    """

    row: int | None
    column: str | None
    value: str | None
    code: str
    error: SourceError | None = None


@dataclass(frozen=True, eq=False)
class RosterFile:
    """A parsed roster file.

    Attributes
    ----------
    frame : pandas.DataFrame
        ``channel, ds, interval_min, agents`` (empty when there are problems).
    problems : tuple of RosterProblem
        Everything wrong; the file may only be written when this is empty.
    rows_read : int
        Data rows in the file.
    """

    frame: pd.DataFrame
    problems: tuple[RosterProblem, ...]
    rows_read: int

    @property
    def ok(self) -> bool:
        """True when the file can be written."""
        return not self.problems


def _norm(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def _find(columns: list[str], role: str) -> str | None:
    names = {_norm(c): c for c in columns}
    for alias in ROSTER_ALIASES[role]:
        if alias in names:
            return names[alias]
    return None


def _read_table(data: bytes, name: str) -> pd.DataFrame:
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return pd.read_excel(io.BytesIO(data), dtype=object)
    if suffix in (".parquet", ".pq"):
        return pd.read_parquet(io.BytesIO(data))
    text = data.decode("utf-8-sig", errors="replace")
    head = text[:4096]
    delimiter = max((";", ",", "\t"), key=head.count)
    return pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)


def parse_roster(
    data: bytes | pd.DataFrame,
    name: str = "roster.csv",
    *,
    tz: str = config.DEFAULT_TIMEZONE,
    channels: tuple[str, ...] = config.CHANNELS,
) -> RosterFile:
    """Read and validate a file of rostered agents per interval.

    Parameters
    ----------
    data : bytes or pandas.DataFrame
        Uploaded CSV/TSV (comma, semicolon or tab), XLSX or Parquet bytes, or a frame.
    name : str
        File name; its extension decides the format.
    tz : str
        Zone of local times without an offset.
    channels : tuple of str
        Channel ids accepted (matched case-insensitively).

    Returns
    -------
    RosterFile
        The tidy roster (``channel, ds, interval_min, agents``; ``ds`` tz-aware local) and the
        problems. Problem codes: ``unreadable``, ``empty``, ``missing_column`` (``value`` names
        the role), ``bad_channel``, ``bad_time``, ``bad_agents``, ``duplicate``,
        ``bad_interval``, ``more`` (``value`` counts the problems left out).
    """
    if not isinstance(data, pd.DataFrame):
        try:
            # the upload limits and file checks every import applies, before any parser runs
            read_source(data, name)
        except SourceError as exc:
            if exc.code not in ("no_rows", "empty"):
                return RosterFile(_empty(tz), (RosterProblem(None, None, name, "source", exc),), 0)
    try:
        raw = data if isinstance(data, pd.DataFrame) else _read_table(data, name)
    except (ValueError, UnicodeError, ImportError, OSError, zipfile.BadZipFile, KeyError, EOFError):
        return RosterFile(_empty(tz), (RosterProblem(None, None, name, "unreadable"),), 0)
    raw = raw.reset_index(drop=True)
    if raw.empty:
        return RosterFile(_empty(tz), (RosterProblem(None, None, None, "empty"),), 0)
    columns = [str(c) for c in raw.columns]
    raw.columns = columns
    found = {role: _find(columns, role) for role in ROSTER_ALIASES}
    missing = [role for role in ("channel", "ds", "agents") if found[role] is None]
    if missing:
        absent = tuple(RosterProblem(None, None, role, "missing_column") for role in missing)
        return RosterFile(_empty(tz), absent, len(raw))
    frame, valid, problems = _roster_rows(raw, found, tz, channels)
    interval = _interval_min(frame[valid], raw, found["interval_min"])
    if interval is None:
        problems.append(RosterProblem(None, found["interval_min"], None, "bad_interval"))
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(RosterProblem(None, None, str(len(problems) - MAX_PROBLEMS), "more"))
        return RosterFile(_empty(tz), tuple(shown), len(raw))
    frame["interval_min"] = int(interval or 15)
    frame["interval_min"] = frame["interval_min"].astype("int64")
    frame["agents"] = frame["agents"].astype(float)
    frame = frame.sort_values(["channel", "ds"]).reset_index(drop=True)
    return RosterFile(frame[["channel", "ds", "interval_min", "agents"]], (), len(raw))



def _roster_rows(
    raw: pd.DataFrame, found: dict[str, str | None], tz: str, channels: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.Series, list[RosterProblem]]:
    """Channel, local start and agents of every row (``channel, ds, agents``), which rows
    are valid, and a problem for each bad channel, time, agent count and repeated interval."""
    problems: list[RosterProblem] = []

    channel_text = raw[found["channel"]].astype(str).str.strip().str.lower()
    known = {c.lower(): c for c in channels}
    channel = channel_text.map(known)
    for i in np.flatnonzero(channel.isna().to_numpy()):
        problems.append(RosterProblem(int(i) + 1, found["channel"], str(raw.iloc[i][found["channel"]]),
                                      "bad_channel"))

    ds = _parse_times(raw[found["ds"]], tz)
    for i in np.flatnonzero(ds.isna().to_numpy()):
        problems.append(RosterProblem(int(i) + 1, found["ds"], str(raw.iloc[i][found["ds"]]),
                                      "bad_time"))

    agents_text = raw[found["agents"]].astype(str).str.strip().str.replace(",", ".", regex=False)
    agents = pd.to_numeric(agents_text, errors="coerce")
    bad = agents.isna() | (agents < 0) | (agents > MAX_AGENTS)
    for i in np.flatnonzero(bad.to_numpy()):
        problems.append(RosterProblem(int(i) + 1, found["agents"], str(raw.iloc[i][found["agents"]]),
                                      "bad_agents"))

    frame = pd.DataFrame({"channel": channel, "ds": ds, "agents": agents})
    valid = frame.notna().all(axis=1) & ~bad
    dup = frame[valid].duplicated(["channel", "ds"], keep="first")
    for i in dup[dup].index:
        problems.append(RosterProblem(int(i) + 1, found["ds"], str(raw.iloc[i][found["ds"]]),
                                      "duplicate"))
    return frame, valid, problems


def _empty(tz: str) -> pd.DataFrame:
    return pd.DataFrame({
        "channel": pd.Series([], dtype=object),
        "ds": pd.Series([], dtype=f"datetime64[ns, {tz}]"),
        "interval_min": pd.Series([], dtype="int64"),
        "agents": pd.Series([], dtype=float),
    })


def _parse_times(values: pd.Series, tz: str) -> pd.Series:
    """Local interval starts; texts with an offset are converted, naive ones localised."""
    text = values.astype(str).str.strip()
    parsed = pd.to_datetime(text, errors="coerce", utc=False, format="mixed", dayfirst=False)
    if getattr(parsed.dt, "tz", None) is not None:
        return parsed.dt.tz_convert(tz)
    if parsed.dtype == object:
        # mixed offsets: parse as UTC instants
        return pd.to_datetime(text, errors="coerce", utc=True, format="mixed").dt.tz_convert(tz)
    return parsed.dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")


def _interval_min(frame: pd.DataFrame, raw: pd.DataFrame, column: str | None) -> int | None:
    """Interval length: the stated column when there is one, else the smallest step seen."""
    if column is not None:
        values = pd.to_numeric(raw[column], errors="coerce").dropna().unique()
        if len(values) == 1 and int(values[0]) in config.SOURCE_INTERVALS_MIN:
            return int(values[0])
        return None
    steps = []
    for _, rows in frame.groupby("channel"):
        diffs = rows["ds"].sort_values().diff().dropna().dt.total_seconds() / 60
        diffs = diffs[diffs > 0]
        if len(diffs):
            steps.append(float(diffs.min()))
    if not steps:
        return 15
    step = int(round(min(steps)))
    return step if step in config.SOURCE_INTERVALS_MIN else None


# --------------------------------------------------------------------------- shift editor

#: Columns of the shift editor's table (text cells where the store keeps lists).
EDITOR_COLUMNS: Final[tuple[str, ...]] = SHIFT_COLUMNS


def _days_from_text(text: object) -> list[int]:
    if isinstance(text, (list, tuple, np.ndarray)):  # the editor's weekday picker: "0".."6"
        return sorted(int(day) for day in text)
    out: list[int] = []
    for part in re.split(r"[,;\s]+", str(text).strip()):
        if not part:
            continue
        if "-" in part:
            low, high = part.split("-", 1)
            out.extend(range(int(low), int(high) + 1))
        else:
            out.append(int(part))
    return out


def shifts_to_editor(shifts: pd.DataFrame) -> pd.DataFrame:
    """Stored shift patterns as the editor's table: channels as a list of ids, weekdays as a
    list of ``"0"`` (Monday) to ``"6"`` (Sunday) for a picker, start time ``"HH:MM"``.
    ``shifts_from_editor`` also takes the text forms ``"phone, chat"`` and ``"0-4"``."""
    if shifts.empty:
        return pd.DataFrame({
            "name": pd.Series([], dtype=object), "channels": pd.Series([], dtype=object),
            "start_time": pd.Series([], dtype=object), "length_min": pd.Series([], dtype="int64"),
            "weekdays": pd.Series([], dtype=object), "headcount": pd.Series([], dtype="int64"),
            "location": pd.Series([], dtype=object), "valid_from": pd.Series([], dtype=object),
            "valid_to": pd.Series([], dtype=object),
        })
    patterns = patterns_from_frame(shifts)
    frame = patterns_to_frame(patterns)
    frame["channels"] = [list(p.channels) for p in patterns]
    frame["weekdays"] = [[str(d) for d in sorted(p.weekdays)] for p in patterns]
    frame["start_time"] = [p.start_time.strftime("%H:%M") for p in patterns]
    return frame[list(EDITOR_COLUMNS)]


def shifts_from_editor(table: pd.DataFrame) -> pd.DataFrame:
    """The editor's table back to stored shift patterns, validated.

    Empty rows (no name) are dropped. Returns the frame for ``kcc.store.replace_shifts``.

    Raises
    ------
    ValueError
        When a row is invalid; the message names the row and the field with its allowed
        range (``kcc.roster.ShiftPattern``).
    """
    rows = table.copy()
    rows = rows[rows["name"].notna() & (rows["name"].astype(str).str.strip() != "")]
    out = rows.reset_index(drop=True).copy()
    weekdays = []
    for number, (name, value) in enumerate(zip(out["name"], out["weekdays"], strict=True), start=1):
        try:
            weekdays.append(_days_from_text(value))
        except ValueError:
            raise ShiftError(
                "in_row", ShiftError("weekdays_text", field="weekdays", value=repr(value)),
                row=number, name=repr(name),
            ) from None
    out["weekdays"] = weekdays
    out["channels"] = [config.channel_list(value) for value in out["channels"]]
    for column in ("valid_from", "valid_to"):
        if column in out:
            out[column] = [None if v is None or v == "" or pd.isna(v) else v for v in out[column]]
    unknown = sorted({c for chans in out["channels"] for c in chans} - set(config.CHANNELS))
    if unknown:
        raise ShiftError("channels_unknown", field="channels", allowed=", ".join(config.CHANNELS),
                         value=", ".join(unknown))
    patterns = patterns_from_frame(out)
    return patterns_to_frame(patterns)
