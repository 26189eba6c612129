"""``cover``: the cheapest whole-shift cover of a requirement, solved exactly by HiGHS
(``scipy.optimize.milp``) within a time limit, with the optimality gap reported."""

from __future__ import annotations

import time
from datetime import date

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp

from kcc.shifts.model import Candidates, Grid, Problem, candidates, problem, requirement_grid
from kcc.shifts.result import CoverResult
from kcc.shifts.rules import KIND_HOME, ShiftCoverError, ShiftRules, clock_text

#: ``milp`` status codes with a solution: proven within the gap, or stopped by a limit.
_STATUS = {0: "optimal", 1: "time_limit"}


def cover(required: pd.DataFrame, rules: ShiftRules | None = None, *,
          interval_min: int | None = None) -> CoverResult:
    """The fewest paid hours of whole shifts that keep the requirement on the floor.

    Minimises paid shift hours plus home-block hours times ``rules.home_weight`` (and a large
    penalty per agent hour left uncovered, used only where no shift can reach) subject to:
    heads on the floor >= required in every interval, breaks off the floor, the part-time
    share and the home blocks a day.

    Parameters
    ----------
    required : pandas.DataFrame
        ``ds`` (15, 30 or 60-minute interval starts, local time, naive or tz-aware; one or
        more days) and ``agents`` (heads needed on the floor). [agents]
    rules : ShiftRules, optional
        What the cover may use; ``ShiftRules()`` by default.
    interval_min : int, optional
        The intervals' length [min]; by default the smallest step between two ``ds``.

    Returns
    -------
    CoverResult
        Coverage, over- and under-cover per interval, the shift list, hours, efficiency, the
        gap and the status.

    Raises
    ------
    ShiftCoverError
        An unusable requirement (see ``kcc.shifts.model.requirement_grid``), or no cover
        found within the time limit.
    """
    rules = ShiftRules() if rules is None else rules
    grid = requirement_grid(required, rules, interval_min)
    shifts = candidates(rules, grid.slot_min)
    counts = np.zeros((len(grid.days), len(shifts.cost)), dtype="int64")
    objective, bound, gap, status, seconds = 0.0, 0.0, 0.0, "optimal", 0.0
    if (grid.target.sum(axis=1) > 0).any():
        model = problem(grid, shifts, rules)
        started = time.perf_counter()
        solved = milp(model.cost, integrality=model.integrality,
                      bounds=Bounds(np.zeros(len(model.cost)), model.upper_bounds),
                      constraints=LinearConstraint(model.matrix, model.lower, model.upper),
                      options={"time_limit": rules.time_limit_s, "mip_rel_gap": rules.mip_rel_gap,
                               "disp": False})
        seconds = time.perf_counter() - started
        if solved.x is None or solved.status not in _STATUS:
            raise ShiftCoverError("no_solution", seconds=rules.time_limit_s)
        x = np.round(solved.x[: len(model.open_days) * len(shifts.cost)]).astype("int64")
        counts[model.open_days] = x.reshape(len(model.open_days), -1)
        objective, status = float(solved.fun), _STATUS[solved.status]
        bound = float(getattr(solved, "mip_dual_bound", objective))
        gap = float(getattr(solved, "mip_gap", 0.0) or 0.0)
    return _result(required, rules, grid, shifts, counts, objective=objective, bound=bound,
                   gap=gap, status=status, seconds=seconds)


def _result(required: pd.DataFrame, rules: ShiftRules, grid: Grid, shifts: Candidates,
            counts: NDArray[np.int64], *, objective: float, bound: float, gap: float, status: str,
            seconds: float) -> CoverResult:
    """The counts per day and candidate as a ``CoverResult``."""
    on_floor = counts @ (grid.slot_weights @ shifts.on_floor).T  # day x interval
    agents = pd.to_numeric(required["agents"]).to_numpy(dtype="float64")
    inside = grid.row_day >= 0
    covered = np.zeros(len(agents))
    covered[inside] = on_floor[grid.row_day[inside], grid.row_interval[inside]]
    ds = required["ds"].reset_index(drop=True)
    hours = grid.interval_min / 60
    paid = counts * shifts.length_min[None, :] / 60
    home = shifts.kind == KIND_HOME
    under = np.maximum(agents - covered, 0.0)
    return CoverResult(
        rules=rules,
        interval_min=grid.interval_min,
        coverage=pd.DataFrame({"ds": ds, "agents": covered}),
        shifts=_shift_list(grid.days, shifts, counts),
        over_cover=pd.DataFrame({"ds": ds, "agents": np.maximum(covered - agents, 0.0)}),
        under_cover=pd.DataFrame({"ds": ds, "agents": under}),
        required_hours=float(agents.sum() * hours),
        rostered_hours=float(paid.sum()),
        home_hours=float(paid[:, home].sum()),
        under_hours=float(under.sum() * hours),
        objective=objective,
        bound=bound,
        mip_gap=gap,
        status=status,
        solve_s=seconds,
    )


def _shift_list(days: tuple[date, ...], shifts: Candidates, counts: NDArray[np.int64]) -> pd.DataFrame:
    day, index = np.nonzero(counts)
    frame = pd.DataFrame({
        "date": [days[d] for d in day],
        "start": [clock_text(int(m)) for m in shifts.start_min[index]],
        "length_min": shifts.length_min[index].astype("int64"),
        "count": counts[day, index].astype("int64"),
        "kind": shifts.kind[index].astype(object),
        "break_start": [clock_text(int(m)) if m >= 0 else "" for m in shifts.break_min[index]],
    })
    return frame.sort_values(["date", "start", "length_min", "break_start"], ignore_index=True)


def lp_bound(required: pd.DataFrame, rules: ShiftRules | None = None, *,
             interval_min: int | None = None) -> float:
    """The LP relaxation's optimum of the same programme: no whole-shift cover can cost less
    (a check on the solver's reported bound)."""
    rules = ShiftRules() if rules is None else rules
    grid = requirement_grid(required, rules, interval_min)
    if not (grid.target.sum(axis=1) > 0).any():
        return 0.0
    model: Problem = problem(grid, candidates(rules, grid.slot_min), rules)
    solved = milp(model.cost, bounds=Bounds(np.zeros(len(model.cost)), model.upper_bounds),
                  constraints=LinearConstraint(model.matrix, model.lower, model.upper))
    return float(solved.fun)
