"""The rules a planner sets for a shift cover (``ShiftRules``) and the errors a cover can
raise (``ShiftCoverError``, texts ``shifts.error.<code>``).

Definitions the rules rely on:

- **Part-time** shift: a shift shorter than the longest allowed length. The cap
  ``max_part_time_share`` is a share of the *number of shifts* over the whole requirement
  (all its days); home blocks are not shifts and count in neither part.
- **Break**: a shift longer than ``break_over_min`` holds one paid break of ``break_min``,
  starting ``break_after_min`` or later after the shift starts and ending
  ``break_before_end_min`` or more before it ends, every ``break_step_min``. The break is paid (it
  counts in rostered hours) but nobody is on the floor during it.
- **Home block**: a short home-working block of ``home_block_min`` for peaks, at most
  ``home_blocks_per_day`` a day (0: none), each of its paid hours weighted ``home_weight``
  against a shift hour in the objective.
- **Open interval**: an interval wholly inside the start window on a day whose requirement
  is above zero somewhere; ``min_on_floor`` agents are on the floor in each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kcc.checks import FieldError, number_in, share, whole_number
from kcc.i18n import TranslatedError

#: Kinds of a shift in a cover's shift list.
KIND_REGULAR: Final[str] = "regular"
KIND_PART_TIME: Final[str] = "part-time"
KIND_HOME: Final[str] = "home block"
KINDS: Final[tuple[str, ...]] = (KIND_REGULAR, KIND_PART_TIME, KIND_HOME)

#: Longest shift or block the rules accept. [min]
MAX_SHIFT_MIN: Final[int] = 12 * 60

#: Longest time limit a solve may be given. [s]
MAX_TIME_LIMIT_S: Final[float] = 600.0


class ShiftCoverError(TranslatedError):
    """A requirement or a set of rules a cover cannot work with (texts
    ``shifts.error.<code>``); the message names the field."""

    texts = "shifts.error"
    labels = {
        "lengths_min": "shifts.field.lengths_min",
        "start_step_min": "shifts.field.start_step_min",
        "earliest_start": "shifts.field.earliest_start",
        "latest_end": "shifts.field.latest_end",
        "break_min": "shifts.field.break_min",
        "break_after_min": "shifts.field.break_after_min",
        "home_block_min": "shifts.field.home_block_min",
        "required": "shifts.field.required",
        "interval_min": "shifts.field.interval_min",
    }


def clock_min(name: str, value: object) -> int:
    """Minutes after midnight of an ``"HH:MM"`` time (``"24:00"`` is the day's end)."""
    text = value.strip() if isinstance(value, str) else ""
    parts = text.split(":")
    if len(parts) == 2 and all(p.isdigit() and len(p) == 2 for p in parts):
        hours, minutes = int(parts[0]), int(parts[1])
        if (hours < 24 and minutes < 60) or (hours == 24 and minutes == 0):
            return hours * 60 + minutes
    raise ShiftCoverError("clock", field=name, value=repr(value))


def clock_text(minute: int) -> str:
    """``"HH:MM"`` of minutes after midnight."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True)
class ShiftRules:
    """What a shift cover may use, validated on creation.

    Attributes
    ----------
    lengths_min : tuple of int
        Allowed shift lengths, paid time including the break. [min]
    start_step_min : int
        Shifts start on this grid from ``earliest_start``; every length, break and block is
        a multiple of it. [min]
    earliest_start, latest_end : str
        The start window, ``"HH:MM"`` local time: no shift starts before ``earliest_start``
        or ends after ``latest_end``.
    break_min : int
        Paid break of a long shift, not on the floor; 0 for none. [min]
    break_over_min : int
        Shifts longer than this get the break. [min]
    break_after_min, break_before_end_min : int
        The break starts this long or more after the shift starts and ends this long or more
        before it ends. [min]
    break_step_min : int
        The break may start every this many minutes inside its window (a multiple of the
        start step; a finer step gives the solver more placements to try). [min]
    home_block_min : int
        Length of a home-working block. [min]
    home_blocks_per_day : int
        Most home blocks a day; 0 switches them off.
    home_weight : float
        Cost of a paid home-block hour against a shift hour (1.2: 20 % dearer).
    max_part_time_share : float
        Largest share of shifts that may be part-time (shorter than the longest length),
        counted in shifts over the whole requirement; 1 for no cap.
    min_on_floor : int
        Agents on the floor in every open interval, whatever the requirement. [agents]
    time_limit_s : float
        The solver stops here and reports the best cover found with its gap. [s]
    mip_rel_gap : float
        The solver stops once its cover is proven within this share of the optimum.

    Raises
    ------
    kcc.checks.FieldError, ShiftCoverError
        A field out of its range, or rules that cannot hold together (a shift longer than
        the start window, a break that does not fit); the message names the field.
    """

    lengths_min: tuple[int, ...] = (240, 360, 480)
    start_step_min: int = 15
    earliest_start: str = "07:00"
    latest_end: str = "22:00"
    break_min: int = 30
    break_over_min: int = 330
    break_after_min: int = 120
    break_before_end_min: int = 120
    break_step_min: int = 30
    home_block_min: int = 90
    home_blocks_per_day: int = 0
    home_weight: float = 1.2
    max_part_time_share: float = 1.0
    min_on_floor: int = 0
    time_limit_s: float = 10.0
    mip_rel_gap: float = 0.005

    def __post_init__(self) -> None:
        step = whole_number("start_step_min", self.start_step_min, 5, 60, unit="min", step=5)
        lengths = tuple(sorted({self._minutes("lengths_min", v, step) for v in _as_tuple(self.lengths_min)}))
        if not lengths:
            raise FieldError("required", field="lengths_min")
        object.__setattr__(self, "lengths_min", lengths)
        start, end = clock_min("earliest_start", self.earliest_start), clock_min("latest_end", self.latest_end)
        for name, minute in (("earliest_start", start), ("latest_end", end)):
            if minute % step:
                raise ShiftCoverError("off_step", field=name, value=clock_text(minute), step=step)
        if end <= start:
            raise ShiftCoverError("window_order", field="latest_end", start=clock_text(start),
                                  end=clock_text(end))
        if lengths[-1] > end - start:
            raise ShiftCoverError("longer_than_window", field="lengths_min", length=lengths[-1],
                                  start=clock_text(start), end=clock_text(end), window=end - start)
        self._check_break(step, lengths)
        self._check_home(step, end - start)
        share("max_part_time_share", self.max_part_time_share, low_open=False)
        whole_number("min_on_floor", self.min_on_floor, 0, 10_000, unit="agents")
        number_in("time_limit_s", self.time_limit_s, 0.1, MAX_TIME_LIMIT_S, unit="s")
        number_in("mip_rel_gap", self.mip_rel_gap, 0.0, 0.5)

    @staticmethod
    def _minutes(name: str, value: object, step: int, low: int | None = None) -> int:
        return whole_number(name, value, step if low is None else low, MAX_SHIFT_MIN, unit="min", step=step)

    def _check_break(self, step: int, lengths: tuple[int, ...]) -> None:
        if self.break_min == 0:
            return
        self._minutes("break_min", self.break_min, step)
        self._minutes("break_over_min", self.break_over_min, 1, low=0)
        self._minutes("break_after_min", self.break_after_min, step, low=0)
        self._minutes("break_before_end_min", self.break_before_end_min, step, low=0)
        self._minutes("break_step_min", self.break_step_min, step)
        for length in lengths:
            if length > self.break_over_min and not self.break_offsets_min(length):
                raise ShiftCoverError("break_fit", field="break_after_min", length=length,
                                      after=self.break_after_min, before=self.break_before_end_min,
                                      pause=self.break_min)

    def _check_home(self, step: int, window_min: int) -> None:
        whole_number("home_blocks_per_day", self.home_blocks_per_day, 0, 10_000)
        if self.home_blocks_per_day == 0:
            return
        home = self._minutes("home_block_min", self.home_block_min, step)
        if home > window_min:
            raise ShiftCoverError("longer_than_window", field="home_block_min", length=home,
                                  start=self.earliest_start, end=self.latest_end, window=window_min)
        number_in("home_weight", self.home_weight, 0.1, 10.0)

    @property
    def window_min(self) -> tuple[int, int]:
        """The start window as minutes after midnight: (earliest start, latest end)."""
        return clock_min("earliest_start", self.earliest_start), clock_min("latest_end", self.latest_end)

    def is_part_time(self, length_min: int) -> bool:
        """Whether a shift of this length is part-time: shorter than the longest length."""
        return length_min < self.lengths_min[-1]

    def break_offsets_min(self, length_min: int) -> tuple[int, ...]:
        """Where a shift of this length may start its break, after the shift's start; ``()``
        for a shift without a break. [min]"""
        if self.break_min == 0 or length_min <= self.break_over_min:
            return ()
        last = length_min - self.break_before_end_min - self.break_min
        return tuple(range(self.break_after_min, last + 1, self.break_step_min))


def _as_tuple(value: object) -> tuple[object, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)
