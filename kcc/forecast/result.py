"""What a forecast returns, and what it raises or warns when the history falls short."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


class InsufficientHistoryError(ValueError):
    """The history is too short to forecast at all (less than ``MIN_HISTORY_DAYS`` days)."""


class ShortHistoryWarning(UserWarning):
    """The history is too short for the requested model; the seasonal naive was used."""


@dataclass(frozen=True, eq=False)
class ForecastResult:
    """Everything a forecast produced.

    Attributes
    ----------
    intervals : pandas.DataFrame
        ``ds, yhat, yhat_lo_<level>, yhat_hi_<level>`` per interval [contacts per interval].
    daily : pandas.DataFrame
        ``date, yhat, yhat_lo_<level>, yhat_hi_<level>`` per local day [contacts per day],
        with ``is_open``, ``holiday`` (name or ``""``), ``holiday_basis`` (``learned``,
        ``unseen``: a normal day, ``closed`` or ``reduced``: the user's treatment; ``""`` on
        other days), ``events`` (names) and ``factor`` (special-day and event multiplier, 1
        on a normal day).
    method : str
        Method actually used.
    requested_method : str
        Method asked for.
    fallback : bool
        True when the history was too short for the requested method.
    message : str
        Why the fallback happened (English), empty otherwise.
    history_days : int
        Days from the first to the last day of the history.
    interval_min : int
        Interval length of history and forecast [min].
    selection : pandas.DataFrame
        How the method was chosen: with ``selected_by == "backtest"`` the selection backtest
        (``method, mase, wmape, origins, chosen``; daily, fractions: the numbers of the
        Forecast page's backtest table), else the inner backtest (``method, wmape, chosen``).
    learned_uplift_pct : dict
        Uplift learned per event kind from the history [%].
    selected_by : str
        ``"backtest"`` when ``"auto"`` chose by the selection backtest (lowest daily MASE),
        ``"inner"`` when the history was too short for it and the inner backtest chose, ``""``
        when a method was asked for.
    """

    intervals: pd.DataFrame
    daily: pd.DataFrame
    method: str
    requested_method: str
    fallback: bool
    message: str
    history_days: int
    interval_min: int
    selection: pd.DataFrame
    learned_uplift_pct: dict[str, float] = field(default_factory=dict)
    selected_by: str = ""
