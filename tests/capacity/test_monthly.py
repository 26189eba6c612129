"""Monthly totals from daily, weekly and monthly rows stored as the long-range imports store
them, and the monthly forecast."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import numpy as np
import pandas as pd
import pytest

from kcc import store
from kcc.capacity import (
    CapacityError,
    backtest_monthly,
    event_uplift,
    monthly_forecast,
    monthly_totals,
    seasonal_naive,
)
from kcc.store import ImportRecord

ZONE = "Europe/Amsterdam"


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = store.connect(":memory:", ZONE)
    yield connection
    connection.close()


def _store(con: duckdb.DuckDBPyConnection, channel: str, starts: list[str], minutes: list[int],
           offered: list[float]) -> None:
    ds = pd.DatetimeIndex(pd.to_datetime(starts)).tz_localize(ZONE)
    frame = pd.DataFrame({"channel": channel, "queue": "default", "ds": ds, "interval_min": minutes,
                          "offered": offered})
    store.replace_intervals(con, frame, ImportRecord("long.csv", "intervals", "test", len(frame), 0, ""))


def _totals(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return monthly_totals(store.period_volumes(con))


def test_daily_rows_sum_by_calendar_month(con: duckdb.DuckDBPyConnection) -> None:
    days = pd.date_range("2027-01-01", "2027-03-31", freq="D")
    _store(con, "phone", [str(d.date()) for d in days], [1440] * len(days), [10.0] * len(days))
    totals = _totals(con)
    assert totals["offered"].tolist() == [310.0, 280.0, 310.0]
    assert totals["days"].tolist() == [31, 28, 31]
    assert totals["complete"].all()


def test_weekly_rows_split_across_months_pro_rata_by_days(con: duckdb.DuckDBPyConnection) -> None:
    # Mondays 2027-01-25 and 2027-02-01: the first week has 7 days in January... and the second
    # 2027-03-29 -> 3 days in March (29, 30, 31), 4 in April
    _store(con, "chat", ["2027-03-22", "2027-03-29"], [10080, 10080], [700.0, 700.0])
    totals = _totals(con).set_index("month")["offered"]
    assert totals[pd.Timestamp("2027-03-01")] == pytest.approx(700 + 300)
    assert totals[pd.Timestamp("2027-04-01")] == pytest.approx(400)


def test_monthly_rows_keep_their_month_across_the_clock_change(con: duckdb.DuckDBPyConnection) -> None:
    # March 2027 holds the spring change: its own minutes are 31 x 1440 - 60
    _store(con, "email", ["2027-02-01", "2027-03-01", "2027-04-01"],
           [28 * 1440, 31 * 1440 - 60, 30 * 1440], [2800.0, 3100.0, 3000.0])
    totals = _totals(con)
    assert totals["offered"].tolist() == pytest.approx([2800.0, 3100.0, 3000.0])
    assert totals["complete"].all()


def test_interval_rows_sum_to_the_local_day(con: duckdb.DuckDBPyConnection) -> None:
    ds = pd.date_range("2027-01-31 22:00", "2027-02-01 02:00", freq="15min", inclusive="left")
    _store(con, "phone", [str(d) for d in ds], [15] * len(ds), [1.0] * len(ds))
    totals = _totals(con).set_index("month")
    assert totals.loc[pd.Timestamp("2027-01-01"), "offered"] == 8.0  # 22:00-24:00 local
    assert totals.loc[pd.Timestamp("2027-02-01"), "offered"] == 8.0
    assert not totals["complete"].any()  # two days do not cover a month


def test_an_empty_history_is_refused_in_both_languages() -> None:
    with pytest.raises(CapacityError) as caught:
        monthly_forecast(monthly_totals(pd.DataFrame(columns=["channel", "ds", "interval_min", "offered"])), 18)
    assert caught.value.message("en").startswith("The history holds no complete month")
    assert caught.value.message("nl").startswith("De historie bevat geen volledige maand")


def _seasonal(years: int = 4, growth: float = 0.04) -> pd.DataFrame:
    months = pd.date_range("2022-01-01", periods=12 * years, freq="MS")
    season = 1 + 0.3 * np.cos(2 * np.pi * (months.month - 1) / 12)
    rate = 1000 * season * (1 + growth) ** (np.arange(len(months)) / 12)
    return pd.DataFrame({"channel": "phone", "month": months, "offered": rate * months.days_in_month,
                         "days": months.days_in_month, "complete": True})


def test_the_forecast_keeps_the_yearly_season_and_the_trend() -> None:
    totals = _seasonal()
    forecast = monthly_forecast(totals, 18)
    assert len(forecast) == 18 and forecast["method"].unique().tolist() == ["ets_yearly"]
    assert forecast["month"].iloc[0] == pd.Timestamp("2026-01-01")
    truth = _seasonal(years=6).set_index("month")["offered"]
    error = np.abs(forecast.set_index("month")["contacts"] / truth.reindex(forecast["month"]) - 1)
    assert error.max() < 0.03
    # a short history gets a trend alone and says so
    assert monthly_forecast(totals.iloc[:10], 6)["method"].iloc[0] == "ets_trend"


def test_the_backtest_beats_the_seasonal_naive_on_a_growing_series() -> None:
    history = _seasonal().set_index("month")["offered"]
    result = backtest_monthly(history, 12, 3)
    ours = (result["forecast"] - result["actual"]).abs().sum()
    naive = (result["naive"] - result["actual"]).abs().sum()
    assert len(result) == 36 and ours < naive
    assert seasonal_naive(history.iloc[:12], pd.DatetimeIndex(["2023-02-01"]))[0] == pytest.approx(
        history.iloc[1] / 28 * 28)


def test_events_add_their_uplift_pro_rata_by_days() -> None:
    forecast = pd.DataFrame({"channel": ["phone", "chat"], "month": pd.to_datetime(["2027-04-01"] * 2),
                             "contacts": [3000.0, 300.0], "days": [30, 30], "method": "ets_yearly"})
    events = pd.DataFrame({"start_date": [pd.Timestamp("2027-04-21").date()],
                           "end_date": [pd.Timestamp("2027-05-10").date()],
                           "channels": [["phone"]], "uplift_pct": [20.0]})
    out = event_uplift(forecast, events)
    assert out["contacts"].tolist() == pytest.approx([3000 * (1 + 0.2 * 10 / 30), 300.0])
