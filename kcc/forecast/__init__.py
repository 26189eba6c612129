"""Interval forecasts of offered contacts: a daily model times an intraday profile.

The forecast of one series (one channel and queue) is built in four steps, one module each:

1. **History grid** (``grid``): daily totals per local date. Days and intervals absent from
   the history are closed (zero).
2. **Special days** (``calendar``): public holidays, the days around them, unscheduled
   closures and event days are replaced by a baseline before fitting; their factor against
   the baseline is learned from the history and applied to future special days. Future
   events multiply the day by ``1 + uplift_pct / 100``; a closure sets it to zero.
3. **A daily model** (``daily``) on the cleaned open-day series: exponential smoothing,
   the weekday mean or the weekly seasonal naive, chosen per series (``"auto"``) by the
   rolling-origin backtest the Forecast page shows (``selection``: lowest daily MASE), with
   prediction intervals from an inner rolling-origin backtest; with more
   than about thirteen months of history a yearly season and a growth trend are divided out
   first.
4. **An intraday profile** (``intraday``) per weekday spreads the daily forecast over
   intervals, with bounds that add the profile's own scatter.

``fit`` puts the steps together; ``backtesting`` scores them at rolling origins. Method names,
limits and tuning constants are in ``constants``.

References
----------
.. [1] Hyndman, R.J. & Athanasopoulos, G. (2021). *Forecasting: Principles and Practice*, 3rd
   ed., OTexts. Ch. 5.10 (time series cross-validation), 5.8 (MASE), 8 (exponential smoothing).
.. [2] Hyndman, R.J. & Koehler, A.B. (2006). "Another look at measures of forecast accuracy".
   *International Journal of Forecasting* 22(4), 679-688.
.. [3] Weinberg, J., Brown, L.D. & Stroud, J.R. (2007). "Bayesian forecasting of an
   inhomogeneous Poisson process with applications to call center data". *JASA* 102(480),
   1185-1198 (daily volume times a within-day profile).
.. [4] Seabold, S. & Perktold, J. (2010). "statsmodels: Econometric and statistical modeling
   with Python". *Proc. 9th Python in Science Conference*.
"""

from kcc.forecast.backtesting import accuracy, backtest, summarise_backtest
from kcc.forecast.calendar import learn_event_uplift
from kcc.forecast.constants import (
    BASELINES,
    CALIBRATION_ORIGINS,
    CALIBRATION_STEP_WEEKS,
    CALIBRATION_WEEKS,
    CANDIDATES,
    CLOSED_FACTOR,
    ETS_WINDOW_WEEKS,
    INTERVAL_INFLATION,
    MAX_HORIZON_DAYS,
    MEAN_WEEKS,
    METHODS,
    MIN_HISTORY_DAYS,
    MIN_MODEL_DAYS,
    MODELLED_KINDS,
    PROFILE_WEEKS,
    SELECTION_HORIZON_DAYS,
    SELECTION_MEASURE,
    SELECTION_ORIGINS,
    YEARLY_HARMONICS,
    YEARLY_MIN_DAYS,
)
from kcc.forecast.daily import log_errors, quantile_bounds
from kcc.forecast.fit import fit_forecast, forecast
from kcc.forecast.profiles import (
    IntradayProfile,
    days_from_periods,
    profile_from_history,
    spread_days,
    standard_profile,
)
from kcc.forecast.result import (
    ForecastResult,
    InsufficientHistoryError,
    ShortHistoryWarning,
)
from kcc.forecast.selection import Selection, best_method, select_method

__all__ = [
    "BASELINES",
    "CALIBRATION_ORIGINS",
    "CALIBRATION_STEP_WEEKS",
    "CALIBRATION_WEEKS",
    "CANDIDATES",
    "CLOSED_FACTOR",
    "ETS_WINDOW_WEEKS",
    "INTERVAL_INFLATION",
    "MAX_HORIZON_DAYS",
    "MEAN_WEEKS",
    "METHODS",
    "MIN_HISTORY_DAYS",
    "MIN_MODEL_DAYS",
    "MODELLED_KINDS",
    "PROFILE_WEEKS",
    "SELECTION_HORIZON_DAYS",
    "SELECTION_MEASURE",
    "SELECTION_ORIGINS",
    "YEARLY_HARMONICS",
    "YEARLY_MIN_DAYS",
    "ForecastResult",
    "IntradayProfile",
    "InsufficientHistoryError",
    "Selection",
    "ShortHistoryWarning",
    "accuracy",
    "backtest",
    "days_from_periods",
    "best_method",
    "fit_forecast",
    "forecast",
    "learn_event_uplift",
    "log_errors",
    "profile_from_history",
    "quantile_bounds",
    "select_method",
    "spread_days",
    "standard_profile",
    "summarise_backtest",
]
