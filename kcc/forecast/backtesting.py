"""Rolling-origin backtest of the forecast against the actual history, with two baselines.

References
----------
.. [1] Hyndman, R.J. & Koehler, A.B. (2006). "Another look at measures of forecast accuracy".
   *International Journal of Forecasting* 22(4), 679-688 (MASE).
.. [2] Hyndman, R.J. & Athanasopoulos, G. (2021). *Forecasting: Principles and Practice*, 3rd
   ed., OTexts. Ch. 5.10 (time series cross-validation).
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence

import numpy as np
import pandas as pd

from kcc.forecast.calendar import events_for_channel
from kcc.forecast.constants import BASELINES, CANDIDATES, MIN_HISTORY_DAYS, Bounds
from kcc.forecast.fit import check_args, run_daily
from kcc.forecast.grid import HistoryGrid, future_index, horizon_positions, prepare_grid
from kcc.forecast.intraday import intraday_profile, spread
from kcc.forecast.result import InsufficientHistoryError, ShortHistoryWarning
from kcc.forecast.selection import OriginScores, backtest_cuts, select_method
from kcc.warning_filters import ignoring

#: Per method: daily forecast, its bounds, interval forecast (day x time of day), its bounds.
_Predictions = dict[str, tuple[np.ndarray, Bounds, np.ndarray, Bounds]]


def baseline_matrix(train: np.ndarray, horizon_days: int, kind: str) -> np.ndarray:
    """Raw baselines on the day x time-of-day matrix (no holiday handling).

    ``"baseline_naive_7d"`` repeats the last week; ``"baseline_mean_4w"`` repeats the mean of
    the last four weeks (fewer on a short history).
    """
    n = len(train)
    if kind == "baseline_naive_7d":
        last = train[n - 7 :]
        return np.concatenate([last] * (horizon_days // 7 + 1))[:horizon_days]
    k = min(4, n // 7)
    weeks = train[n - 7 * k :].reshape(k, 7, -1).mean(axis=0)
    return np.concatenate([weeks] * (horizon_days // 7 + 1))[:horizon_days]


def accuracy(actual: np.ndarray, pred: np.ndarray, scale: float, bounds: Bounds) -> dict[str, float]:
    """MASE, wMAPE, bias and interval coverage of one forecast window.

    Parameters
    ----------
    actual, pred : numpy.ndarray
        Actual and forecast contacts, same shape [contacts].
    scale : float
        In-sample MAE of the weekly seasonal naive [contacts].
    bounds : dict of int to (numpy.ndarray, numpy.ndarray)
        Prediction bounds per level [%]; coverage counts the cells where actual or forecast is
        above zero.

    Returns
    -------
    dict of str to float
        ``mase``, ``wmape``, ``bias`` (fractions; NaN without contacts or scale) and
        ``coverage_<level>``.
    """
    total = float(actual.sum())
    err = pred - actual
    out = {
        "mase": float(np.abs(err).mean() / scale) if scale > 0 else np.nan,
        "wmape": float(np.abs(err).sum() / total) if total > 0 else np.nan,
        "bias": float(err.sum() / total) if total > 0 else np.nan,
    }
    active = (actual > 0) | (pred > 0)
    for lev, (lo, hi) in bounds.items():
        inside = (actual >= lo - 1e-9) & (actual <= hi + 1e-9)
        out[f"coverage_{lev}"] = float(inside[active].mean()) if active.any() else np.nan
    return out


def to_matrix(
    grid: HistoryGrid, index: pd.DatetimeIndex, frame: pd.DataFrame, horizon_days: int
) -> dict[str, np.ndarray]:
    """Put interval forecasts back on the day x time-of-day grid (DST duplicates summed)."""
    row, col, _ = horizon_positions(grid, index)
    out = {}
    for column in frame.columns.drop("ds"):
        mat = np.zeros((horizon_days, grid.matrix.shape[1]))
        np.add.at(mat, (row, col), frame[column].to_numpy())
        out[column] = mat
    return out


def _origin_predictions(
    train: HistoryGrid,
    horizon_days: int,
    method: str,
    events: pd.DataFrame,
    country: str | None,
    levels: Sequence[int],
    methods: Sequence[str],
    memo: MutableMapping[int, OriginScores],
) -> tuple[_Predictions, str]:
    """Forecasts of every method and baseline from one origin, and the method auto chose
    there (as ``fit_forecast`` on the same history would: ``select_method``)."""
    with ignoring(ShortHistoryWarning):
        stage, _, _ = run_daily(train, horizon_days, method, events, country, levels, methods)
    chosen = stage.chosen
    if method == "auto":
        chosen = select_method(train, events, country, memo).method or chosen
    profile, dispersion = intraday_profile(train, stage.normal_hist)
    index = future_index(train, horizon_days)
    results: _Predictions = {}
    for m, day in stage.daily.items():
        intervals = spread(train, index, day, profile, dispersion, levels)
        mat = to_matrix(train, index, intervals, horizon_days)
        spread_bounds = {lev: (mat[f"yhat_lo_{lev}"], mat[f"yhat_hi_{lev}"]) for lev in levels}
        results[m] = (day.yhat, day.bounds, mat["yhat"], spread_bounds)
    if method == "auto":
        results = {"auto": results[chosen], **results}
    for b in BASELINES:
        base = baseline_matrix(train.matrix, horizon_days, b)
        results[b] = (base.sum(axis=1), {}, base, {})
    return results, chosen


def _origin_rows(
    grid: HistoryGrid, cut: int, horizon_days: int, results: _Predictions, chosen: str
) -> list[dict[str, object]]:
    """One row per method and grain with the accuracy of the forecasts from ``cut``."""
    train = grid.head(cut)
    actual = grid.matrix[cut : cut + horizon_days]
    daily_train = train.daily
    scale_day = float(np.abs(daily_train[7:] - daily_train[:-7]).mean()) if cut > 7 else np.nan
    scale_int = float(np.abs(train.matrix[7:] - train.matrix[:-7]).mean()) if cut > 7 else np.nan
    rows: list[dict[str, object]] = []
    for m, (d_pred, d_bounds, i_pred, i_bounds) in results.items():
        for grain, act, pred, bnd, scale in (
            ("day", actual.sum(axis=1), d_pred, d_bounds, scale_day),
            ("interval", actual, i_pred, i_bounds, scale_int),
        ):
            rows.append(
                {
                    "origin": grid.dates[cut],
                    "method": m,
                    "chosen": chosen if m == "auto" else "",
                    "grain": grain,
                    "horizon_days": horizon_days,
                    **accuracy(act, pred, scale, bnd),
                }
            )
    return rows


def backtest(
    history: pd.DataFrame,
    horizon_days: int,
    *,
    origins: int = 4,
    method: str = "auto",
    events: pd.DataFrame | None = None,
    country: str | None = "NL",
    channel: str | None = None,
    step_days: int | None = None,
    level: Sequence[int] = (80, 95),
) -> pd.DataFrame:
    """Rolling-origin backtest of the forecast against the actual history.

    The last ``origins`` cut-offs lie ``step_days`` apart (default ``horizon_days``, so the
    test windows do not overlap) and the last window ends with the history. At each cut-off
    the model sees only the days before it.

    Parameters
    ----------
    history : pandas.DataFrame
        ``ds`` and ``y`` as for ``forecast``.
    horizon_days : int
        Days forecast at each origin [days].
    origins : int
        Number of cut-offs.
    method : str
        As for ``forecast``. With ``"auto"`` the table holds ``auto`` and each candidate.
    events, country, channel
        As for ``forecast``.
    step_days : int, optional
        Days between cut-offs; ``horizon_days`` when None.
    level : sequence of int
        Prediction-interval levels for the coverage columns [%].

    Returns
    -------
    pandas.DataFrame
        One row per origin, method and grain: ``origin`` (first forecast day), ``method``
        (the methods plus ``baseline_naive_7d``, the weekly seasonal naive, and
        ``baseline_mean_4w``, the mean of the same interval on the last four same weekdays),
        ``chosen`` (method ``auto`` picked from the days before the origin, as
        ``fit_forecast`` would), ``grain`` (``"day"`` or ``"interval"``),
        ``horizon_days``, ``mase`` (MAE over the in-sample MAE of the weekly seasonal naive),
        ``wmape`` (sum of absolute errors over sum of actuals, fraction), ``bias`` (sum of
        errors over sum of actuals, fraction; positive = over-forecast) and ``coverage_<level>``
        (share of open days/intervals inside the prediction interval, fraction).

    Raises
    ------
    InsufficientHistoryError
        When no cut-off leaves at least ``MIN_HISTORY_DAYS`` days of training history.

    References
    ----------
    .. [1] Hyndman & Koehler (2006), "Another look at measures of forecast accuracy", IJF
       22(4) (MASE).
    .. [2] Hyndman & Athanasopoulos (2021), *FPP3*, ch. 5.10 (time series cross-validation).
    """
    levels = check_args(horizon_days, method, level)
    horizon_days = int(horizon_days)
    if origins < 1:
        raise ValueError(f"origins must be at least 1; got {origins}")
    step = int(step_days or horizon_days)
    grid = prepare_grid(history)
    frame = events_for_channel(events, channel)
    n = len(grid.dates)
    cuts = backtest_cuts(n, horizon_days, origins, step)
    if not cuts:
        raise InsufficientHistoryError(
            f"History covers {n} days; a backtest over {horizon_days} days needs at least "
            f"{MIN_HISTORY_DAYS + horizon_days} days."
        )
    methods = list(CANDIDATES) if method == "auto" else [method]
    rows: list[dict[str, object]] = []
    memo: dict[int, OriginScores] = {}  # selection scores per cut, shared by the origins
    for cut in cuts:
        results, chosen = _origin_predictions(
            grid.head(cut), horizon_days, method, frame, country, levels, methods, memo
        )
        rows += _origin_rows(grid, cut, horizon_days, results, chosen)
    out = pd.DataFrame(rows)
    for lev in levels:
        if f"coverage_{lev}" not in out:
            out[f"coverage_{lev}"] = np.nan
    return out


def summarise_backtest(table: pd.DataFrame) -> pd.DataFrame:
    """Mean of the backtest metrics over origins, per method and grain.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of ``backtest``.

    Returns
    -------
    pandas.DataFrame
        ``method, grain, origins`` and the mean of every metric column.
    """
    metric_cols = [c for c in table.columns if c in ("mase", "wmape", "bias") or c.startswith("coverage_")]
    grouped = table.groupby(["method", "grain"], sort=False)
    out = grouped[metric_cols].mean()
    out.insert(0, "origins", grouped.size())
    return out.reset_index()
