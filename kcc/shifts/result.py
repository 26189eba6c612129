"""The result of a shift cover (``CoverResult``)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kcc.shifts.rules import ShiftRules


@dataclass(frozen=True, eq=False)
class CoverResult:
    """A cover of a requirement by whole shifts, as the solver left it.

    Attributes
    ----------
    rules : ShiftRules
        The rules it was made under.
    interval_min : int
        Length of the requirement's intervals. [min]
    coverage : pandas.DataFrame
        ``ds, agents``: per interval of the requirement, the mean heads on shift and on the
        floor (breaks left out; pro rata where a shift covers part of an interval). [agents]
    shifts : pandas.DataFrame
        The shift list, ``date, start, length_min, count, kind, break_start``: one row per
        day, start (``"HH:MM"``), length, kind (``regular``, ``part-time``, ``home block``) and
        break start (``"HH:MM"``, ``""`` without a break) that is used, ``count`` of them.
    over_cover, under_cover : pandas.DataFrame
        ``ds, agents``: per interval, the heads on the floor above the requirement, and below
        it (an interval outside the start window, or one the rules cannot reach). [agents]
    required_hours : float
        Agent hours the requirement asks for (agents x interval length). [h]
    rostered_hours : float
        Paid hours of the cover, breaks and home blocks included. [h]
    home_hours : float
        The home blocks' share of ``rostered_hours``. [h]
    under_hours : float
        Agent hours of the requirement left uncovered. [h]
    objective : float
        What the solver minimised: paid shift hours, home-block hours times their weight and
        a large penalty per uncovered agent hour.
    bound : float
        The solver's proven lower bound of ``objective`` (the LP bound of its search tree).
    mip_gap : float
        Optimality gap HiGHS reports, ``(objective - bound) / objective``; 0 when proven
        optimal.
    status : str
        ``"optimal"`` (within ``rules.mip_rel_gap``) or ``"time_limit"`` (best found in the
        time limit).
    solve_s : float
        Time the solver took. [s]
    """

    rules: ShiftRules
    interval_min: int
    coverage: pd.DataFrame
    shifts: pd.DataFrame
    over_cover: pd.DataFrame
    under_cover: pd.DataFrame
    required_hours: float
    rostered_hours: float
    home_hours: float
    under_hours: float
    objective: float
    bound: float
    mip_gap: float
    status: str
    solve_s: float

    @property
    def efficiency(self) -> float:
        """Schedule efficiency: the required hours the cover meets / rostered hours (1 is a
        perfect fit; its inverse, rostered hours per required hour, turns requirement hours
        into paid hours). The hours left uncovered (``under_hours``, reported apart) are not
        met by any paid hour: counting them would put a cover that leaves the night open above
        100 %. NaN for an empty cover."""
        if self.rostered_hours <= 0:
            return float("nan")
        return (self.required_hours - self.under_hours) / self.rostered_hours

    @property
    def shift_count(self) -> int:
        """Shifts and home blocks in the cover."""
        return int(self.shifts["count"].sum())
