"""Weekly and monthly series forecast at their own grain (``kcc.period_forecast``): the history
shown is the stored one to the contact, the forecasts and bands are checked by hand on small
generated series, and the backtest's measures against numbers computed here independently."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kcc import forecast, importer, pipeline, store
from kcc import period_forecast as pf

ZONE = "Europe/Amsterdam"


def _weeks(values: list[float], first: str = "2025-01-06") -> pd.DataFrame:
    starts = pd.date_range(first, periods=len(values), freq="W-MON", tz=ZONE)
    return pd.DataFrame({"ds": starts, "y": np.asarray(values, float), "interval_min": 10_080})


def _months(values: list[float], first: str = "2023-01-01") -> pd.DataFrame:
    starts = pd.date_range(first, periods=len(values), freq="MS", tz=ZONE)
    return pd.DataFrame({"ds": starts, "offered": np.asarray(values, float),
                         "interval_min": starts.days_in_month * 1440})


def _days(weeks: pd.DataFrame) -> pd.DataFrame:
    return forecast.days_from_periods(weeks, forecast.standard_profile())


@pytest.mark.parametrize(("minutes", "grain"), [(15, None), (60, None), (1440, None), (10_080, "week"),
                                                (40_320, "month"), (44_640, "month")])
def test_period_grain(minutes: int, grain: str | None) -> None:
    assert pf.period_grain(minutes) == grain


def test_the_history_shown_is_the_stored_weekly_series_to_the_contact(mem_con) -> None:
    values = [1_000 + 37 * (i % 5) for i in range(30)]
    text = "week,offered\n" + "".join(f"2024-W{w + 1:02d},{v}\n" for w, v in enumerate(values))
    source = importer.read_source(text.encode(), "weeks.csv")
    assert importer.run_import(mem_con, source, importer.guess_mapping(source)).ok
    stored = store.read_intervals(mem_con, channel="phone", queue="default")
    result = pf.period_forecast_weekly(stored, pipeline.series_history(mem_con, "phone", "default"), 8,
                                       country=None)
    assert list(result.history["y"]) == values
    assert result.history["y"].sum() == sum(values)
    assert [str(p.date()) for p in result.history["period"].iloc[[0, -1]]] == ["2024-01-01", "2024-07-22"]
    # the forecast starts the week after the last stored one, one row a week
    assert [str(p.date()) for p in result.forecast["period"].iloc[[0, -1]]] == ["2024-07-29", "2024-09-16"]


def test_the_seasonal_naive_repeats_last_weeks_total() -> None:
    """Known value: the same day last week, summed over a week, is last week's total."""
    weeks = _weeks([900, 1_100, 1_000, 1_234])
    result = pf.period_forecast_weekly(weeks, _days(weeks), 5, method="seasonal_naive", country=None)
    assert result.granularity == "week" and result.method == "seasonal_naive"
    assert result.forecast["yhat"].to_numpy() == pytest.approx([1_234] * 5)


def test_a_weeks_band_is_the_sum_of_its_days_bounds() -> None:
    rng = np.random.default_rng(7)
    weeks = _weeks(list(2_000 + rng.normal(0, 80, 40).round()))
    result = pf.period_forecast_weekly(weeks, _days(weeks), 6, method="ets", country=None)
    days = result.daily.daily
    assert len(days) == 42
    for level in pf.LEVELS:
        for side in ("lo", "hi"):
            by_hand = days[f"yhat_{side}_{level}"].to_numpy().reshape(6, 7).sum(axis=1)
            assert result.forecast[f"yhat_{side}_{level}"].to_numpy() == pytest.approx(by_hand)
    future = result.forecast
    assert (future["yhat_lo_95"] <= future["yhat_lo_80"]).all() and (future["yhat_lo_80"] <= future["yhat"]).all()
    assert (future["yhat"] <= future["yhat_hi_80"]).all() and (future["yhat_hi_80"] <= future["yhat_hi_95"]).all()


def test_a_short_monthly_series_is_its_mean_daily_rate_times_the_days() -> None:
    """Known value: under six months the monthly model is the mean daily rate; 100 a day here."""
    result = pf.period_forecast_monthly(_months([3_100, 2_800, 3_100, 3_000]), 3)
    assert result.granularity == "month" and result.method == "mean"
    assert list(result.history["y"]) == [3_100, 2_800, 3_100, 3_000]
    assert [str(p.date()) for p in result.forecast["period"]] == ["2023-05-01", "2023-06-01", "2023-07-01"]
    assert result.forecast["yhat"].to_numpy() == pytest.approx([3_100, 3_000, 3_100])
    # no backtest yet: a normal law on the log scale, sd 10 %, widened by 1.2 (the daily rule)
    assert result.errors == 0
    z80 = 1.2815515655446004
    assert result.forecast["yhat_lo_80"].iloc[0] == pytest.approx(3_100 * math.exp(-z80 * 0.1 * 1.2))
    assert result.forecast["yhat_hi_80"].iloc[0] == pytest.approx(3_100 * math.exp(z80 * 0.1 * 1.2))


def test_a_planned_campaign_raises_its_month() -> None:
    events = pd.DataFrame({"name": ["Sale"], "kind": ["campaign"], "start_date": [pd.Timestamp("2023-06-01")],
                           "end_date": [pd.Timestamp("2023-06-15")], "channels": [["phone"]],
                           "uplift_pct": [20.0], "exclude_from_training": [False]})
    plain = pf.period_forecast_monthly(_months([3_100, 2_800, 3_100, 3_000]), 2)
    raised = pf.period_forecast_monthly(_months([3_100, 2_800, 3_100, 3_000]), 2, events=events, channel="phone")
    other = pf.period_forecast_monthly(_months([3_100, 2_800, 3_100, 3_000]), 2, events=events, channel="chat")
    # half of June's 30 days at +20 %: 3,000 x (1 + 0.2 x 15/30)
    assert raised.forecast["yhat"].to_numpy() == pytest.approx([3_100, 3_300])
    assert other.forecast["yhat"].to_numpy() == pytest.approx(plain.forecast["yhat"].to_numpy())


def _yearly(n: int) -> list[float]:
    """A yearly shape that grows 1 % a month: 30 months of contacts."""
    shape = [1.3, 1.1, 1.0, 0.9, 0.9, 0.8, 0.7, 0.8, 1.0, 1.1, 1.2, 1.4]
    return [round(10_000 * shape[i % 12] * 1.01 ** i) for i in range(n)]


def test_the_monthly_backtest_scores_the_same_month_last_year_by_hand() -> None:
    values = _yearly(30)
    table = pf.monthly_backtest(_months(values))
    # 30 months: a year's horizon leaves each of the three origins 13 months or more to learn from
    assert list(table["horizon"]) == [12] * 6
    naive = table[table["method"] == "baseline_same_month_last_year"].reset_index(drop=True)
    y = np.asarray(values, float)
    days = pd.date_range("2023-01-01", periods=30, freq="MS").days_in_month.to_numpy()
    for k, cut in enumerate((16, 17, 18)):  # the origins: months 17, 18 and 19 (0-based cut-offs)
        actual = y[cut:cut + 12]
        # the daily rate of the same month a year before, times this month's days (leap Februaries)
        last_year = y[cut - 12:cut] / days[cut - 12:cut] * days[cut:cut + 12]
        assert naive.loc[k, "wmape"] == pytest.approx(np.abs(last_year - actual).sum() / actual.sum())
        assert naive.loc[k, "bias"] == pytest.approx((last_year - actual).sum() / actual.sum())
        scale = np.abs(y[12:cut] - y[:cut - 12]).mean()
        assert naive.loc[k, "mase"] == pytest.approx(np.abs(last_year - actual).mean() / scale)
    assert table["coverage_80"].isna().all()  # the monthly bands come from these very errors
    summary = pf.summarise_period_backtest(table)
    assert list(summary["method"]) == ["monthly", "baseline_same_month_last_year"]
    assert list(summary["origins"]) == [3, 3]


def test_the_monthly_bands_come_from_the_backtest_errors() -> None:
    result = pf.period_forecast_monthly(_months(_yearly(30)), 12)
    assert result.errors == 36
    future = result.forecast
    assert (future["yhat_lo_80"] < future["yhat"]).all() and (future["yhat"] < future["yhat_hi_80"]).all()


def test_too_short_histories_have_no_backtest() -> None:
    assert pf.monthly_backtest(_months(_yearly(pf.MIN_BACKTEST_MONTHS - 1))).empty
    assert not pf.monthly_backtest(_months(_yearly(pf.MIN_BACKTEST_MONTHS))).empty
    weeks = _weeks([1_000.0] * (pf.MIN_BACKTEST_WEEKS - 1))
    assert pf.weekly_backtest(weeks, _days(weeks), country=None).empty


def test_the_weekly_backtest_scores_weeks_by_hand() -> None:
    rng = np.random.default_rng(3)
    values = list((1_500 + 20 * np.arange(30) + rng.normal(0, 60, 30)).round())
    weeks = _weeks(values)
    table = pf.weekly_backtest(weeks, _days(weeks), method="seasonal_naive", country=None)
    y = np.asarray(values)
    assert list(table["origin"].drop_duplicates().dt.strftime("%Y-%m-%d")) == [
        f"{d:%Y-%m-%d}" for d in pd.date_range("2025-01-06", periods=30, freq="W-MON")[[14, 18, 22, 26]]]
    for k, cut in enumerate((14, 18, 22, 26)):
        rows = table[table["origin"] == table["origin"].drop_duplicates().iloc[k]].set_index("method")
        actual, train = y[cut:cut + 4], y[:cut]
        scale = np.abs(np.diff(train)).mean()
        # the seasonal naive of the spread days repeats last week's total
        assert rows.loc["seasonal_naive", "wmape"] == pytest.approx(np.abs(train[-1] - actual).sum() / actual.sum())
        assert rows.loc["baseline_last_week", "mase"] == pytest.approx(np.abs(train[-1] - actual).mean() / scale)
        mean4 = train[-4:].mean()
        assert rows.loc["baseline_mean_4_weeks", "bias"] == pytest.approx((mean4 - actual).sum() / actual.sum())
        assert 0 <= rows.loc["seasonal_naive", "coverage_80"] <= 1
        assert np.isnan(rows.loc["baseline_last_week", "coverage_80"])
