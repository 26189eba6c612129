"""The shift cover as a mixed-integer programme: the requirement on a day x interval grid,
the candidate shifts, and the matrices ``scipy.optimize.milp`` solves.

One integer variable per day and candidate (start, length, break offset; or a home block)
counts the shifts of that kind; one continuous slack per day and interval carries any
requirement left uncovered at a large price. Coverage of an interval is the mean heads on the
floor over its slots (the gcd grid of the start step and the interval), so a shift covering
part of an interval counts pro rata, as in ``kcc.roster.expand_shifts``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import sparse

from kcc.shifts.rules import KIND_HOME, KIND_PART_TIME, KIND_REGULAR, ShiftCoverError, ShiftRules

#: Interval lengths a requirement may have. [min]
INTERVALS_MIN: Final[tuple[int, ...]] = (15, 30, 60)

#: Price of one uncovered agent hour, in paid shift hours: far above any shift, so a slack is
#: used only where no shift can reach (outside the window, or a rule in the way).
UNDER_COVER_WEIGHT: Final[float] = 1000.0


@dataclass(frozen=True)
class Grid:
    """The requirement on the day x interval grid of the start window.

    ``days``: local dates in order; ``first_min``: minute of the first grid interval;
    ``target``: agents to cover per day and grid interval (the requirement, raised to the
    minimum on the floor in open intervals); ``row_day`` / ``row_interval``: each requirement
    row's place on the grid (-1 outside it); ``slot_weights``: interval x window slot, the
    share of the interval each slot is.
    """

    interval_min: int
    slot_min: int
    days: tuple[date, ...]
    first_min: int
    target: NDArray[np.float64]
    row_day: NDArray[np.int64]
    row_interval: NDArray[np.int64]
    slot_weights: NDArray[np.float64]


@dataclass(frozen=True)
class Candidates:
    """Every shift a day may hold: start and length [min], break start after midnight [min]
    (-1 without), kind, paid cost [weighted h] and the on-the-floor matrix (window slot x
    candidate)."""

    start_min: NDArray[np.int64]
    length_min: NDArray[np.int64]
    break_min: NDArray[np.int64]
    kind: NDArray[np.str_]
    cost: NDArray[np.float64]
    on_floor: NDArray[np.float64]


def requirement_grid(required: pd.DataFrame, rules: ShiftRules, interval_min: int | None) -> Grid:
    """Check ``required`` (``ds``, ``agents``) and lay it on the grid.

    Raises
    ------
    ShiftCoverError
        A missing column, no rows, a negative or missing requirement, repeated or off-grid
        interval starts, an interval length other than 15, 30 or 60 min, or a start step that
        does not nest with the interval.
    """
    missing = [c for c in ("ds", "agents") if c not in required.columns]
    if missing:
        raise ShiftCoverError("columns", field="required", columns=", ".join(missing))
    if required.empty:
        raise ShiftCoverError("empty", field="required")
    agents = pd.to_numeric(required["agents"], errors="coerce").to_numpy(dtype="float64")
    if not np.isfinite(agents).all() or (agents < 0).any():
        raise ShiftCoverError("agents", field="required")
    ds = pd.DatetimeIndex(pd.to_datetime(required["ds"]))
    wall = ds.tz_localize(None) if ds.tz is not None else ds
    if wall.duplicated().any():
        raise ShiftCoverError("repeated", field="required", value=str(wall[wall.duplicated()][0]))
    minute = (wall.hour * 60 + wall.minute).to_numpy(dtype="int64")
    interval_min = _interval_of(wall, interval_min)
    if (minute % interval_min).any() or (wall.second != 0).any():
        raise ShiftCoverError("off_grid", field="required", interval=interval_min)
    step = rules.start_step_min
    if step % interval_min and interval_min % step:
        raise ShiftCoverError("step_interval", field="start_step_min", step=step, interval=interval_min)
    slot = min(step, interval_min)
    start, end = rules.window_min
    first = start // interval_min * interval_min
    n_intervals = math.ceil((end - first) / interval_min)
    dates = np.array(wall.date)
    days = tuple(sorted(set(dates)))
    day_index = {d: i for i, d in enumerate(days)}
    inside = (minute >= first) & (minute < first + n_intervals * interval_min)
    row_day = np.array([day_index[d] for d in dates], dtype="int64")
    row_interval = np.where(inside, (minute - first) // interval_min, -1)
    row_day = np.where(inside, row_day, -1)
    target = np.zeros((len(days), n_intervals))
    target[row_day[inside], row_interval[inside]] = agents[inside]
    target = _with_floor(target, days, dates, agents, rules, first, interval_min)
    slots = (end - start) // slot
    slot_interval = (start + np.arange(slots) * slot - first) // interval_min
    weights = np.zeros((n_intervals, slots))
    weights[slot_interval, np.arange(slots)] = slot / interval_min
    return Grid(interval_min, slot, days, first, target, row_day, row_interval, weights)


def _interval_of(wall: pd.DatetimeIndex, given: int | None) -> int:
    if given is None:
        steps = np.diff(np.sort(wall.as_unit("s").asi8)) // 60
        steps = steps[steps > 0]
        if not len(steps):
            raise ShiftCoverError("interval_unknown", field="interval_min")
        given = int(steps.min())
    if given not in INTERVALS_MIN:
        raise ShiftCoverError("interval", field="interval_min", value=given)
    return int(given)


def _with_floor(target: NDArray[np.float64], days: tuple[date, ...], dates: NDArray[np.object_],
                agents: NDArray[np.float64], rules: ShiftRules, first: int,
                interval_min: int) -> NDArray[np.float64]:
    """Raise open intervals to ``min_on_floor``: wholly inside the window, on a day whose
    requirement is above zero somewhere."""
    if rules.min_on_floor == 0:
        return target
    start, end = rules.window_min
    begins = first + np.arange(target.shape[1]) * interval_min
    whole = (begins >= start) & (begins + interval_min <= end)
    open_day = np.array([agents[dates == d].sum() > 0 for d in days])
    floor = np.where(open_day[:, None] & whole[None, :], float(rules.min_on_floor), 0.0)
    return np.maximum(target, floor)


def candidates(rules: ShiftRules, slot_min: int) -> Candidates:
    """Every shift one day may hold under ``rules``, on the window's slots."""
    start, end = rules.window_min
    rows: list[tuple[int, int, int, str, float]] = []
    for length in rules.lengths_min:
        kind = KIND_PART_TIME if rules.is_part_time(length) else KIND_REGULAR
        for begin in range(start, end - length + 1, rules.start_step_min):
            offsets = rules.break_offsets_min(length) or (None,)
            rows += [(begin, length, -1 if o is None else begin + o, kind, length / 60) for o in offsets]
    if rules.home_blocks_per_day:
        home = rules.home_block_min
        rows += [(begin, home, -1, KIND_HOME, rules.home_weight * home / 60)
                 for begin in range(start, end - home + 1, rules.start_step_min)]
    begin_, length_, pause, kind_, cost = (np.array(column) for column in zip(*rows, strict=True))
    slot_start = start + np.arange((end - start) // slot_min) * slot_min
    on = (slot_start[:, None] >= begin_[None, :]) & (slot_start[:, None] < (begin_ + length_)[None, :])
    in_break = (pause[None, :] >= 0) & (slot_start[:, None] >= pause[None, :]) & (
        slot_start[:, None] < (pause + rules.break_min)[None, :])
    return Candidates(begin_.astype("int64"), length_.astype("int64"), pause.astype("int64"),
                      kind_.astype(str), cost.astype("float64"), (on & ~in_break).astype("float64"))


@dataclass(frozen=True)
class Problem:
    """``milp``'s inputs: cost, integrality, bounds and constraint rows ``lower <= A x <= upper``;
    ``open_days``: the days with variables; ``rows``: (day, interval) of each slack."""

    cost: NDArray[np.float64]
    integrality: NDArray[np.int64]
    upper_bounds: NDArray[np.float64]
    matrix: sparse.csr_array
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    open_days: NDArray[np.int64]
    rows: NDArray[np.int64]
    cover: NDArray[np.float64]


def problem(grid: Grid, shifts: Candidates, rules: ShiftRules) -> Problem:
    """The cover as ``milp``'s matrices: for each open day and interval, heads on the floor
    plus slack at least the target; the part-time share; the home blocks a day. ``grid``
    has at least one open day."""
    open_days = np.flatnonzero(grid.target.sum(axis=1) > 0)
    cover = grid.slot_weights @ shifts.on_floor  # interval x candidate
    n_c, n_i = cover.shape[1], cover.shape[0]
    blocks = sparse.block_diag([sparse.csr_array(cover)] * len(open_days), format="csr")
    targets = grid.target[open_days].ravel()
    need = np.flatnonzero(targets > 0)
    blocks = blocks[need]
    n_x = n_c * len(open_days)
    slack = sparse.identity(len(need), format="csr")
    rows = [sparse.hstack([blocks, slack], format="csr")]
    lower, upper = [targets[need]], [np.full(len(need), np.inf)]
    extra = _side_rows(shifts, rules, len(open_days))
    for row, high in extra:
        rows.append(sparse.hstack([row, sparse.csr_array((row.shape[0], len(need)))], format="csr"))
        lower.append(np.full(row.shape[0], -np.inf))
        upper.append(high)
    interval_h = grid.interval_min / 60
    cost = np.concatenate([np.tile(shifts.cost, len(open_days)),
                           np.full(len(need), UNDER_COVER_WEIGHT * interval_h)])
    return Problem(
        cost=cost,
        integrality=np.concatenate([np.ones(n_x, dtype="int64"), np.zeros(len(need), dtype="int64")]),
        # A finite bound on each count keeps HiGHS's presolve and its time limit in hand
        # (infinite bounds overran a 10 s limit by minutes): coverage never needs more of one
        # candidate than the peak, and full-time shifts the part-time cap asks for can go to
        # any other start.
        upper_bounds=np.concatenate([np.full(n_x, max(math.ceil(grid.target.max()), 1)),
                                     targets[need]]),
        matrix=sparse.vstack(rows, format="csr"),
        lower=np.concatenate(lower),
        upper=np.concatenate(upper),
        open_days=open_days,
        rows=np.column_stack([open_days[need // n_i], need % n_i]),
        cover=cover,
    )


def _side_rows(shifts: Candidates, rules: ShiftRules,
               n_days: int) -> list[tuple[sparse.csr_array, NDArray[np.float64]]]:
    """Rows ``A x <= upper`` of the part-time cap (whole requirement) and the home cap (a day)."""
    rows = []
    part = (shifts.kind == KIND_PART_TIME).astype("float64")
    is_shift = (shifts.kind != KIND_HOME).astype("float64")
    if rules.max_part_time_share < 1 and part.any() and n_days:
        # part-time shifts <= share x all shifts
        row = np.tile(part - rules.max_part_time_share * is_shift, n_days)
        rows.append((sparse.csr_array(row[None, :]), np.zeros(1)))
    home = (shifts.kind == KIND_HOME).astype("float64")
    if home.any() and n_days:
        per_day = sparse.block_diag([sparse.csr_array(home[None, :])] * n_days, format="csr")
        rows.append((per_day, np.full(n_days, float(rules.home_blocks_per_day))))
    return rows
