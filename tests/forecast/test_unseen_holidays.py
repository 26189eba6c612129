"""Holidays the centre has never seen: not assumed closed. A holiday absent from the history is
forecast as a normal day (before, the pooled factor of the holidays seen, 0 for a centre
closed on Easter, closed it too); marking it closed or reduced is honoured and saved."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcc import forecast, pipeline, plan, store

TZ = "Europe/Amsterdam"


def _history() -> pd.DataFrame:
    """Twelve weeks of 100 contacts a weekday, closed at weekends and on Good Friday and Easter
    Monday 2024; the horizon holds Ascension Day (9 May 2024), never in the history."""
    ds = pd.date_range("2024-02-05", "2024-04-28", freq="D", tz=TZ)
    closed = (ds.day_of_week >= 5) | ds.strftime("%Y-%m-%d").isin(["2024-03-29", "2024-04-01"])
    return pd.DataFrame({"ds": ds, "y": np.where(closed, 0.0, 100.0)})


def _day(result: forecast.ForecastResult, day: str) -> pd.Series:
    return result.daily.loc[result.daily["date"] == pd.Timestamp(day)].iloc[0]


def test_a_holiday_absent_from_history_is_a_normal_day() -> None:
    result = forecast.fit_forecast(_history(), 14, country="NL", method="weekday_mean")
    ascension = _day(result, "2024-05-09")
    assert ascension["holiday"] == "Ascension Day" and ascension["holiday_basis"] == "unseen"
    assert ascension["factor"] == 1.0
    assert ascension["yhat"] == pytest.approx(100, rel=0.05)
    assert _day(result, "2024-05-08")["holiday_basis"] == ""


def test_a_holiday_marked_closed_or_reduced_follows_the_mark() -> None:
    closed = forecast.fit_forecast(_history(), 14, country="NL", method="weekday_mean",
                                   holiday_treatments={"2024-05-09": 0.0})
    day = _day(closed, "2024-05-09")
    assert day["yhat"] == 0 and day["holiday_basis"] == "closed" and not day["is_open"]
    local = closed.intervals["ds"].dt.tz_localize(None)
    assert closed.intervals.loc[local.dt.normalize() == pd.Timestamp("2024-05-09"), "yhat"].sum() == 0
    reduced = forecast.fit_forecast(_history(), 14, country="NL", method="weekday_mean",
                                    holiday_treatments={"2024-05-09": 0.4})
    day = _day(reduced, "2024-05-09")
    assert day["holiday_basis"] == "reduced" and day["yhat"] == pytest.approx(40, rel=0.05)


def test_a_holiday_seen_closed_keeps_its_learned_factor() -> None:
    history = _history()
    longer = pd.concat([history, pd.DataFrame({  # one more year: Easter Monday 2025 seen, closed
        "ds": pd.date_range("2024-04-29", "2025-04-27", freq="D", tz=TZ)})], ignore_index=True)
    local = longer["ds"].dt.tz_localize(None)
    weekend = local.dt.day_of_week >= 5
    holiday = local.dt.strftime("%Y-%m-%d").isin(plan_holidays())
    longer["y"] = np.where(weekend | holiday, 0.0, 100.0)
    result = forecast.fit_forecast(longer, 60, country="NL", method="weekday_mean")
    ascension = _day(result, "2025-05-29")
    assert ascension["holiday_basis"] == "learned" and ascension["yhat"] == 0


def plan_holidays() -> list[str]:
    from kcc.events import holiday_dates

    return [str(d.date()) for d in holiday_dates("NL", [2024, 2025])["date"]]


def test_the_mark_is_saved_and_the_plan_honours_it(mem_con) -> None:
    frame = _history().rename(columns={"y": "offered"})
    # the same days as an e-mail series of quarter-hours, 09:00-17:00
    rows = []
    for day, total in zip(frame["ds"], frame["offered"], strict=True):
        starts = pd.date_range(day + pd.Timedelta(hours=9), periods=32, freq="15min")
        rows.append(pd.DataFrame({"ds": starts, "offered": total / 32}))
    intervals = pd.concat(rows, ignore_index=True).assign(channel="email", queue="default", interval_min=15)
    store.replace_intervals(mem_con, intervals, store.ImportRecord(file_name="t", kind="intervals", imported_by="test", rows_read=len(intervals)))
    before = store.volume_fingerprint(mem_con)
    store.write_setting(mem_con, store.HOLIDAY_TREATMENTS_KEY, {"2024-05-09": 0.0})
    assert store.volume_fingerprint(mem_con) != before  # cached forecasts follow the mark
    stored = store.read_settings(mem_con)
    assert plan.holiday_treatments(stored) == {"2024-05-09": 0.0}
    out = pipeline.forecast_series(mem_con, "email", "default", 14, "NL")
    local = out["ds"].dt.tz_localize(None).dt.normalize()
    assert out.loc[local == pd.Timestamp("2024-05-09"), "yhat"].sum() == 0
    assert out.loc[local == pd.Timestamp("2024-05-08"), "yhat"].sum() == pytest.approx(100, rel=0.05)
    # closed time for deferred work: the backlog is not worked that day, whatever the country
    hours = plan.service_hours({**stored, "country": ""})
    assert hours["email"][plan.CLOSED_DAYS_KEY] == ["2024-05-09"]
    rows_ = pd.DataFrame({"channel": "email", "volume": 1.0, "volume_hi": 1.0,
                          "ds": pd.to_datetime(["2024-05-09 10:00", "2024-05-08 10:00"]).tz_localize(TZ)})
    assert plan.service_open(rows_, hours).tolist() == [False, True]
