"""The P90 a plan staffs for: forecast uncertainty only, and calibrated on a real bank series."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from kcc.forecast import fit_forecast
from tests.conftest import real_file

#: Origins of the rolling backtest, one per week of five open days, the last twelve weeks.
ORIGINS = 12
#: Tolerance of the P90's coverage: 90% +- 8 points. With ~60 days the binomial standard error
#: is 3.9 points; the days of a week share their error, so two of them.
COVERAGE_TOLERANCE = 0.08


def _bank_series() -> pd.DataFrame:
    raw = pd.read_csv(real_file("us-bank-2003/bank_calls_5min.csv"), parse_dates=["interval_start"])
    raw["ds"] = raw["interval_start"].dt.floor("15min")
    return raw.groupby("ds", as_index=False)["calls"].sum().rename(columns={"calls": "y"})


def _fit(history: pd.DataFrame, days: int) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ShortHistoryWarning is not the point here
        # the weekday mean is what "auto" chooses on this series, and fits in a blink
        return fit_forecast(history, days, country="US", method="weekday_mean")


def test_interval_p90_is_the_days_p90_spread_without_count_noise() -> None:
    series = _bank_series()
    result = _fit(series[series["ds"] < "2003-09-01"], 7)
    intervals = result.intervals.assign(day=result.intervals["ds"].dt.normalize())
    per_day = intervals.groupby("day")[["yhat", "yhat_hi_80", "yhat_rate_hi_80"]].sum()
    daily = result.daily.set_index(result.daily["date"].dt.normalize())
    open_days = daily.index[daily["yhat"] > 0]
    # each interval moves with its day's forecast error: the day's P90 spread by the profile
    np.testing.assert_allclose(per_day.loc[open_days, "yhat_rate_hi_80"],
                               daily.loc[open_days, "yhat_hi_80"], rtol=1e-9)
    # the count bound adds Poisson-like scatter on top, which Erlang already covers
    assert (intervals["yhat_hi_80"] >= intervals["yhat_rate_hi_80"] - 1e-9).all()
    assert (per_day.loc[open_days, "yhat_hi_80"] > per_day.loc[open_days, "yhat_rate_hi_80"]).all()
    assert (intervals["yhat_rate_hi_80"] >= intervals["yhat"]).all()


def test_p90_covers_nine_days_in_ten_on_the_real_bank_series() -> None:
    series = _bank_series()
    series["day"] = series["ds"].dt.normalize()
    days = np.sort(series["day"].unique())
    actual = series.groupby("day")["y"].sum()
    covered: list[bool] = []
    for k in range(ORIGINS):
        cut = days[-5 * (ORIGINS - k)]  # five open days a week
        result = _fit(series.loc[series["ds"] < cut, ["ds", "y"]], 7)
        daily = result.daily.set_index(result.daily["date"].dt.normalize())
        both = daily[["yhat_hi_80"]].join(actual, how="inner")
        both = both[both["y"] > 0]
        covered.extend((both["y"] <= both["yhat_hi_80"]).tolist())
    assert len(covered) >= 55
    coverage = float(np.mean(covered))
    assert abs(coverage - 0.9) <= COVERAGE_TOLERANCE, f"P90 covers {coverage:.1%} of {len(covered)} days"
