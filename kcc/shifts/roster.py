"""A cover as the shift-pattern roster the Staffing page reads (the ``shifts`` table).

One pattern per start, length, kind and headcount of a week (seven days from a start day), valid that week only, named
``Cover <channel> <HH:MM> <length> min``; home blocks are at ``home``. A pattern made here is
recognised by that name, its one channel and its validity of exactly that week, so a new
cover of the same channel and week replaces it; a pattern of the user's own that serves the
channel in that week is replaced only when asked (``replace_own``), and then only for that
week: the parts before and after it, and its other channels that week, stay.

Breaks are not in a pattern (the roster counts a shift's whole length); the plan's shrinkage
already takes them out of the agents available.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

import pandas as pd

from kcc.roster import SHIFT_COLUMNS
from kcc.shifts.result import CoverResult
from kcc.shifts.rules import KIND_HOME, clock_text

#: Names of the patterns a cover makes start with this.
COVER_NAME_PREFIX: Final[str] = "Cover "


@dataclass(frozen=True, eq=False)
class RosterChange:
    """What "Use as roster" writes: the pattern ids to remove and the rows to add
    (``SHIFT_COLUMNS``); ``own``: the user's own patterns serving the channel that week
    (removed for that week only when ``replace_own``)."""

    remove_ids: tuple[int, ...]
    add: pd.DataFrame
    own: pd.DataFrame


def week_of(start: date) -> tuple[date, date]:
    """First and last day of the week of seven days from ``start`` (the plan's weeks start on
    the plan's first day, not always a Monday)."""
    return start, start + timedelta(days=6)


def roster_patterns(result: CoverResult, channel: str, week_start: date) -> pd.DataFrame:
    """The cover's shifts as patterns (``SHIFT_COLUMNS``) valid in the week of ``week_start``."""
    monday, sunday = week_of(week_start)
    shifts = result.shifts.assign(weekday=[d.weekday() for d in result.shifts["date"]])
    groups = shifts.groupby(["start", "length_min", "kind", "weekday"], as_index=False)["count"].sum()
    rows = []
    for (start, length, kind, count), days in groups.groupby(["start", "length_min", "kind", "count"]):
        rows.append({
            "name": f"{COVER_NAME_PREFIX}{channel} {start} {length} min",
            "channels": [channel],
            "start_time": start,
            "length_min": int(length),
            "weekdays": sorted(int(d) for d in days["weekday"]),
            "headcount": int(count),
            "location": "home" if kind == KIND_HOME else "site",
            "valid_from": monday,
            "valid_to": sunday,
        })
    return pd.DataFrame(rows, columns=list(SHIFT_COLUMNS))


def is_generated(shifts: pd.DataFrame, channel: str, week_start: date) -> pd.Series:
    """Which stored patterns a cover of ``channel`` made for the week of ``week_start``."""
    monday, sunday = week_of(week_start)
    return pd.Series([
        str(row["name"]).startswith(COVER_NAME_PREFIX) and list(row["channels"]) == [channel]
        and _day(row["valid_from"]) == monday and _day(row["valid_to"]) == sunday
        for row in shifts.to_dict("records")
    ], index=shifts.index, dtype=bool)


def roster_change(result: CoverResult, current: pd.DataFrame, channel: str, week_start: date, *,
                  replace_own: bool = False) -> RosterChange:
    """The write that makes the cover the roster of ``channel`` in the week of ``week_start``.

    Parameters
    ----------
    current : pandas.DataFrame
        The stored patterns, with ``shift_id`` (``kcc.store.read_shifts``).
    replace_own : bool
        Also take the user's own patterns out of that week for this channel.
    """
    monday, sunday = week_of(week_start)
    generated = is_generated(current, channel, week_start)
    serves = current.apply(lambda row: channel in list(row["channels"]) and _overlaps(row, monday, sunday),
                           axis=1).astype(bool) if len(current) else generated
    own = current[serves & ~generated]
    remove = list(current.loc[generated, "shift_id"])
    add = [roster_patterns(result, channel, monday)]
    if replace_own and len(own):
        remove += list(own["shift_id"])
        add.append(pd.DataFrame([part for row in own.to_dict("records")
                                 for part in _outside_week(row, channel, monday, sunday)],
                                columns=list(SHIFT_COLUMNS)))
    frame = pd.concat([a for a in add if len(a)], ignore_index=True) if any(len(a) for a in add) \
        else add[0]
    return RosterChange(tuple(int(i) for i in remove), frame, own.reset_index(drop=True))


def _day(value: Any) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _overlaps(row: dict[str, Any] | pd.Series, monday: date, sunday: date) -> bool:
    start, end = _day(row["valid_from"]), _day(row["valid_to"])
    return (start is None or start <= sunday) and (end is None or end >= monday)


def _outside_week(row: dict[str, Any], channel: str, monday: date, sunday: date) -> list[dict[str, Any]]:
    """A pattern of the user's own without ``channel`` in the week: before, after, and that
    week with its other channels."""
    keep = {c: row[c] for c in SHIFT_COLUMNS}
    start, end = _day(row["valid_from"]), _day(row["valid_to"])
    parts = []
    if start is None or start < monday:
        parts.append({**keep, "valid_to": monday - timedelta(days=1)})
    if end is None or end > sunday:
        parts.append({**keep, "valid_from": sunday + timedelta(days=1)})
    others = [c for c in row["channels"] if c != channel]
    if others:
        parts.append({**keep, "channels": others, "valid_from": max(start or monday, monday),
                      "valid_to": min(end or sunday, sunday)})
    return parts


def need_window(required: pd.DataFrame, interval_min: int, step_min: int = 30) -> tuple[str, str] | None:
    """The start window that reaches every interval of ``required`` with someone needed: the
    earliest time of day any of its days needs an agent and the latest end of such an
    interval, on a ``step_min`` grid (``"00:00"``-``"24:00"`` for a line open all night).
    None when nobody is needed.

    Parameters
    ----------
    required : pandas.DataFrame
        ``ds`` (local, interval starts) and ``agents`` (``plan_requirement``).
    interval_min : int
        Length of its intervals. [min]
    step_min : int
        Grid of the window's times (the Staffing page offers half hours). [min]
    """
    times = required.loc[required["agents"].to_numpy(float) > 0, "ds"]
    if times.empty:
        return None
    minutes = (times.dt.hour * 60 + times.dt.minute).to_numpy(int)
    first = int(minutes.min()) // step_min * step_min
    last = -(-(int(minutes.max()) + int(interval_min)) // step_min) * step_min
    return clock_text(first), clock_text(min(last, 24 * 60))


def plan_requirement(plan: pd.DataFrame, channel: str, week_start: date) -> pd.DataFrame:
    """A channel's requirement in one week of a plan (``kcc.plan.build_plan``): ``ds`` and
    ``agents`` = ``required_scheduled``, the heads to roster (shrinkage included, so the
    Staffing page shows no gap where the cover holds). [agents]"""
    monday, sunday = week_of(week_start)
    rows = plan[plan["channel"] == channel]
    day = rows["ds"].dt.date
    rows = rows[(day >= monday) & (day <= sunday)]
    return pd.DataFrame({"ds": rows["ds"].reset_index(drop=True),
                         "agents": rows["required_scheduled"].to_numpy(float)})
