"""How ``"auto"`` picks a method: the backtest the Forecast page shows, lowest daily MASE.

The choice and the page's table come from one design (``SELECTION_ORIGINS`` origins of
``SELECTION_HORIZON_DAYS`` days, one horizon apart, the last ending with the history), so
the method ``"auto"`` uses is the one the table shows as best. Choosing needs only the point
forecasts of each candidate, not their bounds, so it skips the inner backtest that sizes the
prediction intervals. When the history is too short for one origin, the inner backtest
chooses instead, and the result says so (``basis``).
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kcc.forecast.calendar import build_calendar
from kcc.forecast.constants import (
    CANDIDATES,
    DAY,
    MIN_HISTORY_DAYS,
    SELECTION_HORIZON_DAYS,
    SELECTION_MEASURE,
    SELECTION_ORIGINS,
)
from kcc.forecast.daily import point_forecasts
from kcc.forecast.grid import HistoryGrid

#: Per origin (first forecast day's index): per method the day MASE and wMAPE there.
OriginScores = dict[str, tuple[float, float]]


@dataclass(frozen=True, eq=False)
class Selection:
    """The method ``"auto"`` chose and the scores it chose by.

    Attributes
    ----------
    method : str or None
        Lowest mean ``SELECTION_MEASURE``; None when no origin fits in the history.
    scores : pandas.DataFrame
        ``method, mase, wmape`` (means over the origins, daily grain, fractions),
        ``origins`` and ``chosen``.
    """

    method: str | None
    scores: pd.DataFrame


def backtest_cuts(n_days: int, horizon_days: int, origins: int, step_days: int) -> list[int]:
    """Cut-offs (first forecast day) of a rolling-origin backtest on ``n_days`` days, oldest
    first; the last window ends with the history, and each leaves at least
    ``MIN_HISTORY_DAYS`` days to fit on."""
    cuts = [n_days - horizon_days - j * step_days for j in range(origins - 1, -1, -1)]
    return [c for c in cuts if c >= MIN_HISTORY_DAYS]


def day_scale(train: HistoryGrid) -> float:
    """In-sample MAE of the weekly seasonal naive on the daily totals (MASE's scale) [contacts]."""
    daily = train.daily
    return float(np.abs(daily[7:] - daily[:-7]).mean()) if len(daily) > 7 else np.nan


def day_mase_wmape(actual: np.ndarray, pred: np.ndarray, scale: float) -> tuple[float, float]:
    """Daily MASE and wMAPE of one window (NaN without scale or contacts)."""
    total = float(actual.sum())
    err = np.abs(pred - actual)
    return (float(err.mean() / scale) if scale > 0 else np.nan,
            float(err.sum() / total) if total > 0 else np.nan)


def origin_scores(grid: HistoryGrid, cut: int, events: pd.DataFrame, country: str | None,
                  methods: Sequence[str] = CANDIDATES,
                  horizon_days: int = SELECTION_HORIZON_DAYS) -> OriginScores:
    """Day MASE and wMAPE of each method's point forecast from the first ``cut`` days."""
    train = grid.head(cut)
    all_dates = pd.date_range(train.dates[0], train.dates[-1] + horizon_days * DAY, freq="D")
    points = point_forecasts(train, build_calendar(all_dates, country, events), horizon_days, methods)
    actual = grid.matrix[cut : cut + horizon_days].sum(axis=1)
    scale = day_scale(train)
    return {m: day_mase_wmape(actual, pred, scale) for m, pred in points.items()}


def best_method(scores: pd.DataFrame, measure: str = SELECTION_MEASURE,
                candidates: Sequence[str] = CANDIDATES) -> str | None:
    """The candidate with the lowest finite ``measure`` in a table of ``method`` rows; the
    earlier candidate on a tie; None when no candidate has a score.

    Parameters
    ----------
    scores : pandas.DataFrame
        ``method`` and ``measure`` columns, e.g. the daily rows of ``summarise_backtest``.
    """
    values = scores.set_index("method")[measure]
    finite = [(float(values[m]), i, m) for i, m in enumerate(candidates)
              if m in values.index and np.isfinite(values[m])]
    return min(finite)[2] if finite else None


def select_method(grid: HistoryGrid, events: pd.DataFrame, country: str | None,
                  memo: MutableMapping[int, OriginScores] | None = None) -> Selection:
    """Choose the candidate with the lowest mean daily MASE over the selection backtest.

    Parameters
    ----------
    grid : HistoryGrid
        The history.
    events : pandas.DataFrame
        The channel's events (``events_for_channel``).
    country : str or None
        Holiday calendar.
    memo : mutable mapping, optional
        Scores per cut already worked out on the same history (a backtest shares them across
        its origins: the same cut gives the same scores whatever comes after it).
    """
    memo = {} if memo is None else memo
    cuts = backtest_cuts(len(grid.dates), SELECTION_HORIZON_DAYS, SELECTION_ORIGINS, SELECTION_HORIZON_DAYS)
    rows = []
    for cut in cuts:
        if cut not in memo:
            memo[cut] = origin_scores(grid, cut, events, country)
        rows += [{"method": m, "mase": s[0], "wmape": s[1]} for m, s in memo[cut].items()]
    table = pd.DataFrame(rows, columns=["method", "mase", "wmape"])
    grouped = table.groupby("method", sort=False)
    # the mean over origins skips NaN, as summarise_backtest does for the page's table
    scores = grouped[["mase", "wmape"]].mean().reindex([m for m in CANDIDATES if m in set(table["method"])])
    scores["origins"] = grouped.size().reindex(scores.index).astype(int)
    scores = scores.rename_axis("method").reset_index()
    chosen = best_method(scores) if len(scores) else None
    scores["chosen"] = scores["method"] == chosen
    return Selection(chosen, scores)
