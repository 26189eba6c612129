"""Agent hours, FTE and cost: the one formula set every page, scenario and export uses.

* :func:`paid_agents` -- agents to pay for so that enough remain after shrinkage: ``n / (1 - s)``,
  not rounded, so the hours of a plan are exactly ``sum(n / (1 - s))``.
* :func:`head_count` -- paid agents rounded up to whole people, only where a person is shown a
  head count (an interval's detail, a chart of agents, a peak).
* :func:`scheduled_agents` -- ``head_count(paid_agents(n, s))``: whole agents to schedule.
* :func:`agent_hours` -- agents per interval to agent hours.
* :func:`fte` -- agent hours over a period to full-time equivalents.
* :func:`labour_cost_eur` -- agent hours to money, with the flex premium for bought hours.
* :func:`rostered_hours` -- hours needed on the floor to hours on a roster of real shifts.
* :func:`heads_of` -- FTE to people, at an average FTE per head.

The functions take floats, numpy arrays or pandas Series alike (Series stay Series), so the
plan, the budget bridge, the scenarios and the board summary compute the same numbers in the
same order.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from kcc.checks import in_interval
from kcc.queueing import INT_AGENTS_CEILING

__all__ = [
    "EPS",
    "agent_hours",
    "fte",
    "head_count",
    "heads_of",
    "labour_cost_eur",
    "paid_agents",
    "rostered_hours",
    "scheduled_agents",
    "weeks_of",
    "whole_agents",
]

EPS = 1e-9  # guards ceil/floor against 14 / 0.7 = 20.000000000000004

#: A number, or one per interval, channel or period.
Numbers = TypeVar("Numbers", float, NDArray[np.float64], "pd.Series[float]")


def paid_agents(agents: Numbers, shrinkage: float) -> Numbers:
    """Agents to pay for so that ``agents`` are available after shrinkage: ``n / (1 - s)``.

    Not rounded: the hours of a plan are its requirement's hours grossed up for shrinkage,
    ``sum(n / (1 - s)) x interval``. Rounding each interval up to whole people first
    (``ceil(n / (1 - s))``) would add up to half a person per interval on top, +1% on the
    phone and up to +8% on small written channels of the demo. Round with :func:`head_count`
    only where a person reads a number of people.

    Parameters
    ----------
    agents : float, ndarray or Series
        Agents needed on the contacts. [agents]
    shrinkage : float
        Share of paid time lost to breaks, meetings, absence. [0..1)

    Returns
    -------
    float, ndarray or Series
        Paid agents. [agents]

    Raises
    ------
    kcc.checks.FieldError
        When ``shrinkage`` is outside [0, 1).
    """
    in_interval("shrinkage", shrinkage, 0, 1, high_open=True)
    return agents / (1.0 - shrinkage)


def head_count(agents: ArrayLike) -> NDArray[np.int64]:
    """Whole people for a number of agents: ``ceil(n)``, tolerant of float noise. [agents]"""
    return whole_agents(np.ceil(np.asarray(agents, dtype=float) - EPS))


def scheduled_agents(agents: ArrayLike, shrinkage: float) -> NDArray[np.int64]:
    """Whole agents to schedule so that ``agents`` are available: ``ceil(n / (1 - shrinkage))``.

    The head count of :func:`paid_agents`; use it where a person is shown, never to sum hours.

    Parameters
    ----------
    agents : array_like
        Agents needed on the phones. [agents]
    shrinkage : float
        Share of scheduled time lost to breaks, meetings, absence. [0..1)

    Returns
    -------
    ndarray of int64
        Saturating at ``kcc.queueing.INT_AGENTS_CEILING`` (an absurd load, never a real one).
    """
    return head_count(paid_agents(np.asarray(agents, dtype=float), shrinkage))


def whole_agents(agents: NDArray[np.float64]) -> NDArray[np.int64]:
    """Whole agent counts as int64, saturating instead of overflowing."""
    return np.minimum(agents, INT_AGENTS_CEILING).astype(np.int64)


def agent_hours(agents: Numbers, interval_min: Numbers | float) -> Numbers:
    """Agent hours of ``agents`` working intervals of ``interval_min``: ``agents x interval_min / 60``.

    Parameters
    ----------
    agents : float, ndarray or Series
        Agents in each interval (scheduled, rostered, short, ...). [agents]
    interval_min : float, ndarray or Series
        Length of each interval. [min]

    Returns
    -------
    float, ndarray or Series
        Agent hours per interval. [h]
    """
    # the interval is turned into hours first: a quarter-hour is exactly 0.25 h, so the
    # hours of a 15-minute plan carry no rounding of their own
    return agents * (interval_min / 60.0)


def weeks_of(days: Numbers) -> Numbers:
    """Length of a period of ``days`` days in weeks: ``days / 7``. [weeks]"""
    return days / 7.0


def fte(agent_hours_h: Numbers, contract_hours_per_week: float, weeks: Numbers | float) -> Numbers:
    """Full-time equivalents of ``agent_hours_h`` over a period: hours / (contract hours x weeks).

    The average number of full-time agents paid for those hours. A partial week or a month
    counts its own days (``weeks_of(days)``); the board workbook writes the same formula.

    Parameters
    ----------
    agent_hours_h : float, ndarray or Series
        Agent hours in the period (scheduled requirement, roster, gap). [h]
    contract_hours_per_week : float
        Paid hours of one FTE. [h/week]
    weeks : float, ndarray or Series
        Length of the period. [weeks]

    Returns
    -------
    float, ndarray or Series
        Full-time equivalents; NaN where ``weeks`` is NaN. [FTE]

    Examples
    --------
    >>> fte(720.0, 36.0, 2.0)
    10.0
    """
    return agent_hours_h / (contract_hours_per_week * weeks)


def labour_cost_eur(agent_hours_h: Numbers, cost_eur_per_hour: Numbers | float,
                    flex_premium: float = 0.0) -> Numbers:
    """Cost of agent hours: ``hours x loaded hourly cost x (1 + flex_premium)``.

    Parameters
    ----------
    agent_hours_h : float, ndarray or Series
        Agent hours. [h]
    cost_eur_per_hour : float, ndarray or Series
        Loaded cost of one agent hour (per channel). [EUR/h]
    flex_premium : float
        Extra cost of flexible or outsourced hours over the loaded cost (0.25 = 25 % more);
        0 for own staff. [-]

    Returns
    -------
    float, ndarray or Series
        Cost. [EUR]
    """
    cost = agent_hours_h * cost_eur_per_hour
    # own hours are not multiplied at all, so their cost is exactly hours x rate
    return cost * (1.0 + flex_premium) if flex_premium else cost


def rostered_hours(required_h: Numbers, efficiency: float) -> Numbers:
    """Hours on a roster of real shifts that cover ``required_h`` on the floor: ``hours / efficiency``.

    No roster of whole shifts follows the requirement exactly; the schedule efficiency (required
    hours / rostered hours, from an optimal shift cover or a planner's estimate) says how much
    more a roster holds.

    Parameters
    ----------
    required_h : float, ndarray or Series
        Hours needed on the floor. [h]
    efficiency : float
        Required hours / rostered hours of the shift cover. (0..1]

    Returns
    -------
    float, ndarray or Series
        Rostered hours. [h]

    Raises
    ------
    kcc.checks.FieldError
        When ``efficiency`` is outside (0, 1].
    """
    in_interval("efficiency", efficiency, 0, 1, low_open=True)
    return required_h / efficiency


def heads_of(fte_: Numbers, fte_per_head: float) -> Numbers:
    """People for ``fte_`` full-time equivalents when a person works ``fte_per_head`` on average.

    Parameters
    ----------
    fte_ : float, ndarray or Series
        Full-time equivalents. [FTE]
    fte_per_head : float
        Average contract of one person (0.8 = four days a week). [FTE/head]

    Returns
    -------
    float, ndarray or Series
        People, not rounded. [heads]
    """
    in_interval("fte_per_head", fte_per_head, 0, 1.5, low_open=True)
    return fte_ / fte_per_head
