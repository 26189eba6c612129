"""Shift patterns and their expansion to rostered agents per interval and channel.

A shift pattern says who works when: start time, length, weekdays, headcount, the channels
served and where (on site or at home). ``expand_shifts`` turns a set of patterns into the tidy
roster frame ``channel, ds, interval_min, agents`` that ``kcc.store.replace_roster`` stores and
the staffing plan compares with the requirement.

Rules of the expansion, all in the contact centre's local wall-clock time:

- Weekdays and validity dates apply to the local date on which a shift *starts*.
- A shift lasts its real length: ``length_min`` elapsed minutes from its start. Shifts that cross
  midnight continue into the next day; an 8-hour night shift over the spring-forward night ends
  at 07:00 local instead of 06:00, one over the fall-back night at 05:00.
- A start at a local time that does not exist (the skipped hour of the spring-forward night)
  moves to the next valid time (02:30 becomes 03:00) and the shift keeps its full length. A
  start in the repeated hour of the fall-back night is read as the first occurrence (summer
  time).
- Agents of a shift serving several channels are split equally over those channels, so one
  agent on phone and chat counts 0.5 on each; fractional agents are allowed throughout.
- Partial coverage of an interval counts pro rata: a shift starting 08:10 contributes 1/3 agent
  to the 08:00-08:15 interval.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from kcc import config
from kcc.i18n import TranslatedError
from kcc.staffing import agent_hours

#: Shortest and longest shift a pattern may describe [min]; 90-minute home blocks fit.
MIN_LENGTH_MIN: Final[int] = 15
MAX_LENGTH_MIN: Final[int] = 24 * 60

#: Largest headcount one pattern may carry.
MAX_HEADCOUNT: Final[int] = 10_000

LOCATIONS: Final[tuple[str, ...]] = ("site", "home")

#: Columns of the roster frame ``expand_shifts`` returns (and ``kcc.store`` keeps).
ROSTER_COLUMNS: Final[tuple[str, ...]] = ("channel", "ds", "interval_min", "agents")

#: Columns of a shift-pattern frame (``kcc.store.read_shifts`` adds ``shift_id``).
SHIFT_COLUMNS: Final[tuple[str, ...]] = (
    "name",
    "channels",
    "start_time",
    "length_min",
    "weekdays",
    "headcount",
    "location",
    "valid_from",
    "valid_to",
)


class ShiftError(TranslatedError):
    """A shift pattern that breaks a rule (texts ``staffing.shift_error.<code>``); ``in_row``
    wraps the error of one row of a table."""

    texts = "staffing.shift_error"
    labels = {
        "name": "staffing.shift_name",
        "channels": "staffing.shift_channels",
        "start_time": "staffing.shift_start",
        "length_min": "staffing.shift_length",
        "weekdays": "staffing.shift_weekdays",
        "headcount": "staffing.shift_headcount",
        "location": "staffing.shift_location",
        "valid_from": "staffing.shift_valid_from",
        "valid_to": "staffing.shift_valid_to",
    }


def _as_time(value: Any, field: str) -> time:
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    if isinstance(value, (pd.Timedelta, timedelta)):
        seconds = pd.Timedelta(value).total_seconds()
        if 0 <= seconds < 86_400:
            return (datetime.min + timedelta(seconds=seconds)).time()
    if isinstance(value, str):
        for fmt in ("%H:%M", "%H:%M:%S"):
            try:
                return datetime.strptime(value.strip(), fmt).time()
            except ValueError:
                continue
    raise ShiftError("time", field=field, value=repr(value))


def _as_date(value: Any, field: str) -> date | None:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        raise ShiftError("date", field=field, value=repr(value)) from None


def _as_int(value: Any, field: str, low: int, high: int, code: str = "whole_number") -> int:
    ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not ok and isinstance(value, numbers.Real) and not isinstance(value, bool):
        ok = math.isfinite(float(value)) and float(value).is_integer()
    if not ok or not low <= int(value) <= high:
        raise ShiftError(code, field=field, low=low, high=high, value=repr(value))
    return int(value)


@dataclass(frozen=True)
class ShiftPattern:
    """A recurring shift: who works when, on which channels, where.

    Attributes
    ----------
    name : str
        Label shown in the roster editor (not necessarily unique).
    channels : tuple of str
        Channel ids served; agents are split equally over them. A list is accepted and stored as
        a tuple.
    start_time : datetime.time
        Local start time; ``"HH:MM"`` strings are accepted.
    length_min : int
        Real (elapsed) length of the shift, 15 to 1440. [min]
    weekdays : tuple of int
        Local weekdays on which the shift starts, 0 = Monday to 6 = Sunday; stored sorted and
        without duplicates.
    headcount : int
        Agents working the shift, 0 to 10,000.
    location : str
        ``"site"`` or ``"home"``.
    valid_from, valid_to : datetime.date or None
        First and last local start date on which the pattern applies (inclusive); None means
        open-ended.

    Raises
    ------
    ValueError
        When a field is out of its range; the message names the field and the allowed range.
    """

    name: str
    channels: tuple[str, ...]
    start_time: time
    length_min: int
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    headcount: int = 1
    location: str = "site"
    valid_from: date | None = None
    valid_to: date | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ShiftError("name", field="name", value=repr(self.name))
        channels = (self.channels,) if isinstance(self.channels, str) else tuple(self.channels)
        if not channels or any(not isinstance(c, str) or not c.strip() for c in channels):
            raise ShiftError("channels_none", field="channels", example=repr(config.CHANNELS[0]),
                             value=repr(self.channels))
        if len(set(channels)) != len(channels):
            raise ShiftError("channels_repeat", field="channels", value=str(list(channels)))
        object.__setattr__(self, "channels", channels)
        object.__setattr__(self, "start_time", _as_time(self.start_time, "start_time"))
        object.__setattr__(
            self,
            "length_min",
            _as_int(self.length_min, "length_min", MIN_LENGTH_MIN, MAX_LENGTH_MIN, "minutes"),
        )
        days = self.weekdays
        if isinstance(days, numbers.Integral):
            days = (days,)
        days = tuple(_as_int(d, "weekdays", 0, 6, "weekday") for d in days)
        if not days:
            raise ShiftError("weekdays_none", field="weekdays")
        object.__setattr__(self, "weekdays", tuple(sorted(set(days))))
        headcount = _as_int(self.headcount, "headcount", 0, MAX_HEADCOUNT)
        object.__setattr__(self, "headcount", headcount)
        if self.location not in LOCATIONS:
            raise ShiftError("location", field="location", allowed=", ".join(LOCATIONS),
                             value=repr(self.location))
        valid_from = _as_date(self.valid_from, "valid_from")
        valid_to = _as_date(self.valid_to, "valid_to")
        if valid_from is not None and valid_to is not None and valid_to < valid_from:
            raise ShiftError("valid_order", field="valid_to", valid_to=valid_to.isoformat(),
                             valid_from=valid_from.isoformat())
        object.__setattr__(self, "valid_from", valid_from)
        object.__setattr__(self, "valid_to", valid_to)

    @property
    def agent_hours_per_week(self) -> float:
        """Paid agent hours one week of this pattern adds (headcount x length x weekdays). [h]"""
        return float(agent_hours(float(self.headcount), float(self.length_min))) * len(self.weekdays)


def patterns_from_frame(frame: pd.DataFrame) -> list[ShiftPattern]:
    """Shift patterns from a frame with ``SHIFT_COLUMNS`` (as ``kcc.store.read_shifts`` returns).

    ``location``, ``valid_from`` and ``valid_to`` may be missing (site, open-ended). Extra
    columns such as ``shift_id`` are ignored.

    Raises
    ------
    ValueError
        When a required column is missing, or a row is invalid (the message names the row).
    """
    required = [c for c in SHIFT_COLUMNS[:6] if c not in frame.columns]
    if required:
        raise ShiftError("columns", columns=", ".join(required))
    patterns = []
    for number, row in enumerate(frame.to_dict("records"), start=1):
        try:
            patterns.append(
                ShiftPattern(
                    name=str(row["name"]),
                    channels=tuple(row["channels"]),
                    start_time=row["start_time"],
                    length_min=row["length_min"],
                    weekdays=tuple(row["weekdays"]),
                    headcount=row["headcount"],
                    location=row.get("location") or "site",
                    valid_from=row.get("valid_from"),
                    valid_to=row.get("valid_to"),
                )
            )
        except ShiftError as exc:
            raise ShiftError("in_row", exc, row=number, name=repr(row.get("name"))) from None
        except (ValueError, TypeError) as exc:
            raise ValueError(f"shift row {number} ({row.get('name')!r}): {exc}") from None
    return patterns


def patterns_to_frame(patterns: Sequence[ShiftPattern]) -> pd.DataFrame:
    """Shift patterns as a frame with ``SHIFT_COLUMNS``, ready for ``kcc.store.replace_shifts``."""
    return pd.DataFrame(
        {
            "name": [p.name for p in patterns],
            "channels": [list(p.channels) for p in patterns],
            "start_time": [p.start_time for p in patterns],
            "length_min": np.array([p.length_min for p in patterns], dtype="int64"),
            "weekdays": [list(p.weekdays) for p in patterns],
            "headcount": np.array([p.headcount for p in patterns], dtype="int64"),
            "location": [p.location for p in patterns],
            "valid_from": [p.valid_from for p in patterns],
            "valid_to": [p.valid_to for p in patterns],
        },
        columns=list(SHIFT_COLUMNS),
    )


def _empty_roster(tz: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "channel": pd.Series([], dtype=object),
            "ds": pd.Series([], dtype=f"datetime64[ns, {tz}]"),
            "interval_min": pd.Series([], dtype="int64"),
            "agents": pd.Series([], dtype="float64"),
        }
    )


def _local_midnight_s(day: date, tz: str) -> int:
    """Epoch second of local midnight (midnight exists in every zone this app plans in)."""
    stamp = pd.Timestamp(day).tz_localize(tz, ambiguous=True, nonexistent="shift_forward")
    return int(stamp.timestamp())


def expand_shifts(
    shifts: pd.DataFrame | Sequence[ShiftPattern],
    start: date,
    end: date,
    interval_min: int = 15,
    tz: str = config.DEFAULT_TIMEZONE,
) -> pd.DataFrame:
    """Rostered agents per interval and channel from shift patterns.

    Parameters
    ----------
    shifts : pandas.DataFrame or sequence of ShiftPattern
        The patterns; a frame needs ``SHIFT_COLUMNS`` (see ``patterns_from_frame``).
    start : datetime.date
        First local date of the window.
    end : datetime.date
        First local date after the window (exclusive, as in ``kcc.store.read_roster``).
    interval_min : int, default 15
        Interval length; a divisor of 60. [min]
    tz : str, default "Europe/Amsterdam"
        IANA zone of the wall-clock times.

    Returns
    -------
    pandas.DataFrame
        ``channel, ds, interval_min, agents``: every interval of the window (92 or 100 quarter
        hours on DST days) for every channel a pattern names, zero where nobody works, sorted by
        channel and ``ds``. ``ds`` is the tz-aware local interval start; ``agents`` is the mean
        number of agents present during the interval (fractional for partial coverage and
        shared channels). Shifts that start the day before ``start`` and run past midnight count.

    Raises
    ------
    ValueError
        When ``end`` is not after ``start``, ``interval_min`` does not divide 60, or a pattern is
        invalid.
    """
    whole = isinstance(interval_min, numbers.Integral) and not isinstance(interval_min, bool)
    if not whole or not 1 <= interval_min <= 60 or 60 % interval_min:
        raise ValueError(
            f"interval_min must divide 60 (for example 15, 30 or 60), got {interval_min!r}"
        )
    if end <= start:
        raise ValueError(f"end ({end}) must be after start ({start})")
    patterns = patterns_from_frame(shifts) if isinstance(shifts, pd.DataFrame) else list(shifts)
    if not patterns:
        return _empty_roster(tz)
    known = {channel: rank for rank, channel in enumerate(config.CHANNELS)}
    channels = sorted(
        {c for p in patterns for c in p.channels}, key=lambda c: (known.get(c, len(known)), c)
    )

    instances = _shift_instances(patterns, start, end, tz)
    grid, edges, t0 = _interval_edges(start, end, interval_min, tz)
    frames = [
        pd.DataFrame({
            "channel": channel,
            "ds": grid.as_unit("ns"),
            "interval_min": int(interval_min),
            "agents": _channel_agents(channel, patterns, instances, edges, t0, interval_min * 60),
        })
        for channel in channels
    ]
    out = pd.concat(frames, ignore_index=True)
    out["interval_min"] = out["interval_min"].astype("int64")
    return out


@dataclass(frozen=True)
class _Instances:
    """Every worked shift in the window: its pattern, real-time begin and finish [s since the
    epoch], head count and the number of channels it is split over."""

    pattern_idx: NDArray[np.int64]
    begin_s: NDArray[np.int64]
    finish_s: NDArray[np.int64]
    headcount: NDArray[np.int64]
    n_channels: NDArray[np.int64]


def _shift_instances(patterns: Sequence[ShiftPattern], start: date, end: date, tz: str) -> _Instances:
    """One shift instance per pattern and start day; a day earlier for shifts crossing midnight."""
    days = pd.date_range(start - timedelta(days=1), end - timedelta(days=1), freq="D")
    weekday = days.day_of_week.to_numpy()
    day_dates = days.date
    inst_pattern, inst_day = [], []
    for index, pattern in enumerate(patterns):
        keep = np.isin(weekday, pattern.weekdays)
        if pattern.valid_from is not None:
            keep &= day_dates >= pattern.valid_from
        if pattern.valid_to is not None:
            keep &= day_dates <= pattern.valid_to
        hits = np.flatnonzero(keep)
        inst_pattern.append(np.full(hits.size, index))
        inst_day.append(hits)
    pattern_idx = np.concatenate(inst_pattern)
    day_idx = np.concatenate(inst_day)

    offset_s = np.array(
        [(t.hour * 60 + t.minute) * 60 + t.second for t in (p.start_time for p in patterns)],
        dtype="int64",
    )
    naive = days.as_unit("s")[day_idx] + pd.to_timedelta(offset_s[pattern_idx], unit="s")
    begin_s = (
        naive.tz_localize(
            tz, ambiguous=np.ones(len(naive), dtype=bool), nonexistent="shift_forward"
        )
        .as_unit("s")
        .asi8
    )
    length_s = np.array([p.length_min * 60 for p in patterns], dtype="int64")[pattern_idx]
    return _Instances(
        pattern_idx=pattern_idx,
        begin_s=begin_s,
        finish_s=begin_s + length_s,
        headcount=np.array([p.headcount for p in patterns], dtype="int64")[pattern_idx],
        n_channels=np.array([len(p.channels) for p in patterns], dtype="int64")[pattern_idx],
    )


def _interval_edges(start: date, end: date, interval_min: int,
                    tz: str) -> tuple[pd.DatetimeIndex, NDArray[np.int64], int]:
    """The window's interval starts, their edges in real seconds from local midnight of
    ``start``, and that midnight [s since the epoch].

    Tick frequencies step in absolute time, so the DST days get 92 / 100 quarter hours and every
    edge stays on the local quarter hour.
    """
    grid = pd.date_range(
        pd.Timestamp(start).tz_localize(tz),
        pd.Timestamp(end).tz_localize(tz),
        freq=f"{interval_min}min",
        inclusive="left",
    )
    t0 = _local_midnight_s(start, tz)
    edges = np.append(grid.as_unit("s").asi8, _local_midnight_s(end, tz)) - t0
    return grid, edges, t0


def _channel_agents(channel: str, patterns: Sequence[ShiftPattern], shifts: _Instances,
                    edges: NDArray[np.int64], t0: int, width_s: int) -> NDArray[np.float64]:
    """Mean agents of ``channel`` per interval; a shift split over k channels counts 1/k."""
    serves = np.array([channel in p.channels for p in patterns])[shifts.pattern_idx]
    agents = np.zeros(len(edges) - 1)
    # Integer agent-seconds per group of equal channel split keep whole agents exact.
    for split in np.unique(shifts.n_channels[serves]):
        pick = serves & (shifts.n_channels == split)
        covered = _covered_agent_seconds(
            shifts.begin_s[pick] - t0, shifts.finish_s[pick] - t0, shifts.headcount[pick], edges
        )
        agents += covered / (split * width_s)
    return agents


@dataclass(frozen=True, eq=False)
class CoverageIntegral:
    """Agent-seconds on the roster before any moment, from spans of agents present.

    The integral ``F(t) = sum(a * clip(t - begin, 0, end - begin))`` over spans ``[begin, end)``
    of ``a`` agents is piecewise linear with slope changes at the span ends, so it is evaluated
    at any ``t`` from sorted cumulative sums; ``F(t1) - F(t0)`` is the agent-seconds between
    ``t0`` and ``t1``. Integer inputs give exact integer agent-seconds. Build it with
    :meth:`of_spans`; shift patterns (``expand_shifts``) and a stored roster on other intervals
    (``kcc.plan.align_roster``) both go through it.
    """

    #: Span starts and ends, sorted. [s]
    times: np.ndarray
    #: Agents present just after each entry of ``times`` (a leading 0 before the first). [agents]
    slope_sum: np.ndarray
    #: Cumulative ``agents x time`` of the slope changes (a leading 0). [agent-s]
    intercept: np.ndarray

    @classmethod
    def of_spans(
        cls, begin_s: np.ndarray, end_s: np.ndarray, agents: np.ndarray
    ) -> CoverageIntegral:
        """The integral of ``agents`` present from each ``begin_s`` until its ``end_s``. [s]"""
        times = np.concatenate([begin_s, end_s])
        slope = np.concatenate([agents, -agents])
        order = np.argsort(times, kind="stable")
        times, slope = times[order], slope[order]
        zero = np.zeros(1, dtype=slope.dtype)
        return cls(
            times=times,
            slope_sum=np.concatenate([zero, np.cumsum(slope)]),
            intercept=np.concatenate([zero, np.cumsum(slope * times)]),
        )

    def at(self, t: np.ndarray) -> np.ndarray:
        """Agent-seconds on the roster before each ``t``. [agent-s]"""
        at = np.searchsorted(self.times, t, side="right")
        return t * self.slope_sum[at] - self.intercept[at]


def _covered_agent_seconds(
    begin_s: np.ndarray, finish_s: np.ndarray, headcount: np.ndarray, edges: np.ndarray
) -> np.ndarray:
    """Agent-seconds of shifts ``[begin, finish)`` inside each interval between ``edges``, in
    exact integer arithmetic (see ``CoverageIntegral``)."""
    integral = CoverageIntegral.of_spans(begin_s, finish_s, headcount).at(edges)
    return np.diff(integral).astype("float64")
