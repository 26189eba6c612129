"""Optimal shift cover: the fewest paid hours of whole shifts that keep a requirement on the
floor, solved exactly as a mixed-integer programme by HiGHS (``scipy.optimize.milp``).

>>> from kcc.shifts import ShiftRules, cover
>>> rules = ShiftRules(lengths_min=(240, 360, 480), start_step_min=15,
...                    earliest_start="07:00", latest_end="22:00")
>>> result = cover(required, rules)  # doctest: +SKIP

``rules.py`` the planner's rules and their checks; ``model.py`` the requirement grid, the
candidate shifts and the programme's matrices; ``solve.py`` ``cover``; ``result.py``
``CoverResult``; ``roster.py`` a cover as the Staffing page's shift patterns.
"""

from kcc.shifts.result import CoverResult
from kcc.shifts.roster import (
    COVER_NAME_PREFIX,
    RosterChange,
    need_window,
    plan_requirement,
    roster_change,
    roster_patterns,
    week_of,
)
from kcc.shifts.rules import (
    KIND_HOME,
    KIND_PART_TIME,
    KIND_REGULAR,
    KINDS,
    ShiftCoverError,
    ShiftRules,
)
from kcc.shifts.solve import cover, lp_bound

__all__ = [
    "COVER_NAME_PREFIX",
    "KINDS",
    "KIND_HOME",
    "KIND_PART_TIME",
    "KIND_REGULAR",
    "CoverResult",
    "RosterChange",
    "ShiftCoverError",
    "ShiftRules",
    "cover",
    "lp_bound",
    "need_window",
    "plan_requirement",
    "roster_change",
    "roster_patterns",
    "week_of",
]
