"""The hiring plan: classes that keep trained-equivalent heads at the need, lead-time months ahead.

The rule, month by month from the plan's first month ``t = 0``:

* ``heads[t] = heads[t-1] x (1 - attrition) + hires[t]``, ``heads[-1]`` the starting heads;
  ``leavers[t] = heads[t-1] x attrition`` (expected values, not rounded).
* A class starts on the first of a month and trains ``training_weeks``; while training a person
  works at ``training_productivity``. ``effective[t]`` is heads minus the time lost to training
  in the month (by days), so a class counts pro rata in the month it ends training.
* Hiring is decided ``lead_time_months`` ahead, so no class can start before month
  ``lead_time_months``. From then on, month ``t`` gets the fewest classes (at most
  ``max_classes_per_month``) that bring ``effective[t]`` up to the need; a class that does
  nothing in its first month (productivity 0 and a month of training) is counted in heads.
* People already hired or in training (``already_hired``) start in the first months as given,
  training like a class; the plan's own classes come on top.
* ``gap[t] = effective[t] - need[t]``: negative is short.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kcc.capacity.spec import HiringSpec

__all__ = ["HIRING_COLUMNS", "HiringPlan", "hiring_plan"]

#: Columns of :attr:`HiringPlan.months`.
HIRING_COLUMNS: tuple[str, ...] = (
    "month", "days", "need_heads", "classes", "hires", "leavers", "heads", "training_heads",
    "effective_heads", "gap_heads", "already_hired",
)
_EPS = 1e-9


@dataclass(frozen=True)
class HiringPlan:
    """Hires, heads and the gap per month.

    Attributes
    ----------
    months : pandas.DataFrame
        ``HIRING_COLUMNS``: ``need_heads``, ``hires``, ``leavers``, ``heads``,
        ``training_heads`` (heads lost to training), ``effective_heads``, ``gap_heads``,
        ``already_hired`` (of ``hires``, those hired before the plan) [heads], ``classes``.
    spec : HiringSpec
    """

    months: pd.DataFrame
    spec: HiringSpec

    @property
    def hires(self) -> float:
        """People hired over the plan. [heads]"""
        return float(self.months["hires"].sum())

    @property
    def short_months(self) -> int:
        """Months with fewer effective heads than needed."""
        return int((self.months["gap_heads"] < -_EPS).sum())


def _training_share(train_days: int, days: np.ndarray, start: int) -> np.ndarray:
    """Share of each month from ``start`` on that a class starting at ``start`` spends training."""
    left = float(train_days)
    share = np.zeros(len(days))
    for t in range(start, len(days)):
        used = min(left, days[t])
        share[t] = used / days[t]
        left -= used
        if left <= 0:
            break
    return share


def hiring_plan(need_heads: pd.Series, spec: HiringSpec) -> HiringPlan:
    """Hires per month by the rule of this module.

    Parameters
    ----------
    need_heads : pandas.Series
        Heads needed per month (index: first days of consecutive months). [heads]
    spec : HiringSpec

    Returns
    -------
    HiringPlan
    """
    months = pd.DatetimeIndex(need_heads.index)
    need = need_heads.to_numpy(float)
    days = np.asarray(months.days_in_month, dtype=float)
    n, keep = len(need), 1.0 - spec.attrition_per_month
    loss = 1.0 - spec.training_productivity
    classes, hires = np.zeros(n, dtype=np.int64), np.zeros(n)
    training = np.zeros(n)  # heads lost to training per month, of the classes decided so far
    heads, leavers = np.zeros(n), np.zeros(n)
    before = spec.start_heads
    already = np.zeros(n)
    given = np.asarray(spec.already_hired[:n], dtype=float)
    already[:len(given)] = given
    for t in range(n):
        leavers[t] = before * spec.attrition_per_month
        share = _training_share(7 * spec.training_weeks, days, t)
        survive = keep ** np.arange(n - t)
        base = before * keep + already[t]
        if already[t] > 0:
            training[t:] += already[t] * survive * loss * share[t:]
        if t >= spec.lead_time_months and spec.max_classes_per_month:
            first = 1.0 - loss * share[t]
            per_class = spec.class_size * (first if first > _EPS else 1.0)
            short = need[t] - (base - training[t])
            if short > _EPS:
                classes[t] = min(spec.max_classes_per_month, math.ceil(short / per_class - _EPS))
                hires[t] = classes[t] * spec.class_size
                training[t:] += hires[t] * survive * loss * share[t:]
        heads[t] = base + hires[t]
        hires[t] += already[t]
        before = heads[t]
    effective = heads - training
    frame = pd.DataFrame({
        "month": months, "days": days.astype(int), "need_heads": need, "classes": classes, "hires": hires,
        "leavers": leavers, "heads": heads, "training_heads": training, "effective_heads": effective,
        "gap_heads": effective - need, "already_hired": already,
    })
    return HiringPlan(frame[list(HIRING_COLUMNS)], spec)
