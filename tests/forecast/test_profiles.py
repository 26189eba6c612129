"""Intraday profiles for series of day, week or month totals, and the daily forecast of a
daily series across the change of summer time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcc import forecast

TZ = "Europe/Amsterdam"


def test_standard_profile_is_the_documented_week() -> None:
    profile = forecast.standard_profile(15)
    shares = profile.matrix()
    assert shares.shape == (7, 96)
    assert np.allclose(shares.sum(axis=1), 1.0)
    monday = shares[0]
    assert monday[: 8 * 4].sum() == 0 and monday[20 * 4 :].sum() == 0  # open 08:00-20:00
    assert monday[10 * 4] == monday.max()  # the morning peak
    assert shares[5][: 9 * 4].sum() == 0 and shares[5][17 * 4 :].sum() == 0  # Saturday 09-17
    assert profile.weekday_shares[6] == 0 and sum(profile.weekday_shares) == pytest.approx(1)


def test_periods_spread_over_their_days_keep_their_totals() -> None:
    starts = pd.DatetimeIndex(["2024-02-01", "2024-03-01"]).tz_localize(TZ)
    history = pd.DataFrame({"ds": starts, "y": [2900.0, 3100.0], "interval_min": [41_760, 44_640]})
    days = forecast.days_from_periods(history, forecast.standard_profile())
    assert len(days) == 29 + 31
    local = days["ds"].dt.tz_localize(None)
    assert days.loc[local.dt.month == 2, "y"].sum() == pytest.approx(2900)
    assert days.loc[local.dt.month == 3, "y"].sum() == pytest.approx(3100)
    assert days.loc[local.dt.day_of_week == 6, "y"].sum() == 0  # Sundays have no share
    assert (local == local.dt.normalize()).all()


def test_a_spread_day_adds_up_to_its_forecast() -> None:
    daily = pd.DataFrame({"ds": pd.DatetimeIndex(["2024-03-29", "2024-03-30", "2024-03-31"]).tz_localize(TZ),
                          "yhat": [600.0, 200.0, 0.0], "yhat_hi_80": [700.0, 250.0, 0.0]})
    out = forecast.spread_days(daily, forecast.standard_profile(30))
    local = out["ds"].dt.tz_localize(None)
    sums = out.groupby(local.dt.date)[["yhat", "yhat_hi_80"]].sum()
    assert sums["yhat"].tolist() == pytest.approx([600, 200, 0])
    assert sums["yhat_hi_80"].tolist() == pytest.approx([700, 250, 0])
    assert not out["ds"].duplicated().any()


def test_a_borrowed_profile_is_the_series_split_of_the_day() -> None:
    ds = pd.date_range("2024-01-01 08:00", periods=14 * 24 * 4, freq="15min", tz=TZ)
    y = np.where(ds.hour == 9, 3.0, np.where(ds.hour == 10, 1.0, 0.0))
    profile = forecast.profile_from_history(pd.DataFrame({"ds": ds, "y": y}))
    assert profile.interval_min == 15
    row = np.asarray(profile.shares[2])
    assert row[9 * 4 : 10 * 4].sum() == pytest.approx(0.75) and row[10 * 4 : 11 * 4].sum() == pytest.approx(0.25)


def test_a_daily_series_forecasts_across_summer_time() -> None:
    ds = pd.date_range("2024-01-01", "2024-06-30", freq="D", tz=TZ)  # 31 March has 23 hours
    y = np.where(ds.day_of_week == 6, 0.0, 300.0)
    out = forecast.forecast(pd.DataFrame({"ds": ds, "y": y}), 14, country=None)
    assert out.attrs["interval_min"] == 1440 and len(out) == 14
    local = out["ds"].dt.tz_localize(None)
    assert (local == local.dt.normalize()).all()
    assert out.loc[local.dt.day_of_week == 6, "yhat"].eq(0).all()
    assert out.loc[local.dt.day_of_week == 0, "yhat"].iloc[0] == pytest.approx(300, rel=0.05)
