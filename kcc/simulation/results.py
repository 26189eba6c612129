"""What a plan check is asked (``SimulationSpec``) and what it found (``SimulationResult``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from kcc import checks
from kcc.i18n import TranslatedError

__all__ = ["DAY_COLUMNS", "RUN_COLUMNS", "Agreement", "SimulationError", "SimulationResult", "SimulationSpec",
           "agreement"]

#: Columns of ``SimulationResult.days`` and ``.week``.
DAY_COLUMNS: Final[tuple[str, ...]] = (
    "channel", "day", "measure", "threshold_s", "target_share", "model_volume", "offered",
    "model_share", "share", "share_lo", "share_hi",
    "model_abandon", "abandon", "abandon_lo", "abandon_hi",
)
#: Columns of ``SimulationResult.runs``.
RUN_COLUMNS: Final[tuple[str, ...]] = (
    "channel", "day", "replication", "offered", "known", "in_time", "abandoned",
)


class SimulationError(TranslatedError):
    """A plan check that cannot run as asked (texts ``simulation.error.<code>``)."""

    texts = "simulation.error"


@dataclass(frozen=True)
class SimulationSpec:
    """How a plan is checked by simulation.

    Attributes
    ----------
    replications : int
        Independent runs of the week, 2 up to 100; the confidence intervals are over them.
    seed : int
        Seed of the first run, 0 up to 2**32 - 1; the same seed gives the same result.
    warmup_days : int
        Days simulated before the week (inside the plan) so it does not start with an empty
        queue or backlog, 0 up to 7. [days]
    confidence : float
        Level of the confidence intervals, 0.5 up to 0.999. [-]

    Raises
    ------
    kcc.checks.FieldError
        When a field is outside its range; the message names the field and the range.
    """

    replications: int = 10
    seed: int = 2026
    warmup_days: int = 1
    confidence: float = 0.95

    def __post_init__(self) -> None:
        checks.whole_number("replications", self.replications, 2, 100)
        checks.whole_number("seed", self.seed, 0, 2**32 - 1)
        checks.whole_number("warmup_days", self.warmup_days, 0, 7)
        checks.number_in("confidence", self.confidence, 0.5, 0.999)


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """A week of the plan simulated, next to the model's figures.

    Attributes
    ----------
    spec : SimulationSpec
        How it was run.
    start, end : datetime.date
        First and last day of the simulated week. [local dates, inclusive]
    days : pandas.DataFrame
        ``DAY_COLUMNS``, one row per channel and day: ``measure`` is ``"answer"`` (live
        channels: share of offered contacts answered within ``threshold_s``) or ``"response"``
        (deferred work: share of items finished within ``threshold_s`` of open time, over the
        items whose outcome is known); ``model_share`` / ``model_abandon`` are the plan's
        volume-weighted figures (``kcc.plan.summarise``), ``share`` / ``abandon`` the mean
        over the runs with their confidence interval (``_lo``, ``_hi``); ``offered`` is the
        mean simulated count and ``model_volume`` the forecast. Shares are 0..1; abandonment is
        NaN for deferred work.
    week : pandas.DataFrame
        The same per channel over the whole week (``day`` is ``start``); the model's figures
        from ``kcc.plan.total``.
    runs : pandas.DataFrame
        ``RUN_COLUMNS``: the counts of every run per channel and day, from which ``days`` and
        ``week`` are made (``known``: contacts whose outcome is known by the end of the run).
    """

    spec: SimulationSpec
    start: date
    end: date
    days: pd.DataFrame
    week: pd.DataFrame
    runs: pd.DataFrame

    @property
    def channels(self) -> tuple[str, ...]:
        """Simulated channels, in plan order."""
        return tuple(dict.fromkeys(self.week["channel"]))


@dataclass(frozen=True)
class Agreement:
    """Where the model's figure of each simulated day lies against the simulation's interval.

    Attributes
    ----------
    days : int
        Days with contacts, so with a simulated interval. [days]
    within : int
        Days the model lies inside the interval. [days]
    cautious : int
        Days the model lies below it: the roster does better than the plan says. [days]
    optimistic : int
        Days the model lies above it: the plan promises more than the roster gives. [days]
    most_better : float
        Largest simulated share above the model's on a cautious day (0 when none). [0..1]
    most_worse : float
        Largest simulated share below the model's on an optimistic day (0 when none). [0..1]
    worse_days : tuple of datetime.date
        The optimistic days.
    """

    days: int
    within: int
    cautious: int
    optimistic: int
    most_better: float
    most_worse: float
    worse_days: tuple[date, ...]


def agreement(days: pd.DataFrame, channel: str) -> Agreement:
    """How the model's share of each day of ``channel`` lies against the simulated interval
    (``SimulationResult.days``): inside, below (cautious) or above (too optimistic)."""
    rows = days[(days["channel"] == channel) & days["share_lo"].notna()]
    model, share = rows["model_share"].to_numpy(float), rows["share"].to_numpy(float)
    below = model < rows["share_lo"].to_numpy(float)
    above = model > rows["share_hi"].to_numpy(float)
    return Agreement(
        days=len(rows), within=int((~below & ~above).sum()), cautious=int(below.sum()), optimistic=int(above.sum()),
        most_better=float(np.max(share[below] - model[below], initial=0.0)),
        most_worse=float(np.max(model[above] - share[above], initial=0.0)),
        worse_days=tuple(pd.Timestamp(d).date() for d in rows["day"][above]),
    )
