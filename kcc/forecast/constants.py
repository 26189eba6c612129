"""Method names, history limits and tuning constants of the forecast.

They sit in one module because several steps share them (the weeks a profile averages over
also decide which weekdays are open) and a reader tuning the forecast finds them together.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

#: Methods ``forecast`` accepts.
METHODS: Final[tuple[str, ...]] = ("auto", "ets", "weekday_mean", "seasonal_naive")
#: Methods ``"auto"`` chooses from, in order of preference on a tie.
CANDIDATES: Final[tuple[str, ...]] = ("ets", "weekday_mean", "seasonal_naive")
#: How ``"auto"`` chooses: the rolling-origin backtest the Forecast page shows (this many
#: origins of this many days, one horizon apart, the last ending with the history), lowest
#: mean daily MASE. One design for the choice and the table, so they cannot disagree.
SELECTION_ORIGINS: Final[int] = 4
SELECTION_HORIZON_DAYS: Final[int] = 28
SELECTION_MEASURE: Final[str] = "mase"
#: Baselines ``backtest`` reports next to the methods (computed on the raw history).
BASELINES: Final[tuple[str, ...]] = ("baseline_naive_7d", "baseline_mean_4w")

#: Shortest history ``forecast`` accepts [days].
MIN_HISTORY_DAYS: Final[int] = 7
#: Shortest history for a model other than the seasonal naive [days].
MIN_MODEL_DAYS: Final[int] = 28
#: Longest horizon ``forecast`` and ``backtest`` accept [days].
MAX_HORIZON_DAYS: Final[int] = 731
#: Recent same weekdays the intraday profile and ``weekday_mean`` average over.
PROFILE_WEEKS: Final[int] = 8
MEAN_WEEKS: Final[int] = 8
#: Weeks of open days exponential smoothing is fitted on: a year is enough for a weekly
#: season and keeps a fit fast on long histories.
ETS_WINDOW_WEEKS: Final[int] = 52
#: Histories whose open days span at least this many days get a yearly season and a growth
#: trend (log-linear, fitted on the daily totals next to the weekday effects): with less than
#: about thirteen months a yearly season cannot be told apart from a trend.
YEARLY_MIN_DAYS: Final[int] = 400
#: Fourier harmonics of the yearly season: 10 resolves features a few weeks wide (a January
#: peak); on the demo channels 3, 6 and 10 harmonics score within a few % of each other.
YEARLY_HARMONICS: Final[int] = 10
#: Inner backtest: number of rolling origins, their horizon and the weeks between them.
CALIBRATION_ORIGINS: Final[int] = 6
CALIBRATION_WEEKS: Final[int] = 4
#: Four weeks apart the six windows do not overlap and reach 24 weeks back: the choice is
#: then the same at every outer backtest origin on all six benchmark series (two weeks apart
#: it flipped between methods) and the 80 % day intervals cover 79-88 % of days.
CALIBRATION_STEP_WEEKS: Final[int] = 4
#: Widening of the measured log-error quantiles: few, overlapping inner origins understate
#: the spread (measured on both real series: 80 % intervals then cover 77-84 % of days).
INTERVAL_INFLATION: Final[float] = 1.2
#: A learned special-day factor below this means the centre was closed.
CLOSED_FACTOR: Final[float] = 0.02
#: Event kinds whose days are replaced by the baseline before fitting (their effect is
#: modelled by the uplift); any kind is also left out when tagged ``exclude_from_training``.
MODELLED_KINDS: Final[frozenset[str]] = frozenset({"campaign", "mailing", "closure"})

#: One calendar day, the step of every day index.
DAY: Final[pd.Timedelta] = pd.Timedelta(days=1)
#: Prediction bounds per level [%]: (lower, upper) arrays.
Bounds = dict[int, tuple[np.ndarray, np.ndarray]]
