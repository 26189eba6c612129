"""Business drivers: files of days or months, contacts per driver learned by least squares."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcc.capacity import CapacityError, capacity_inputs, driver_contacts, driver_months, fit_driver


def test_daily_and_monthly_driver_files_give_monthly_totals() -> None:
    daily = pd.DataFrame({"date": ["1-1-2027", "2-1-2027", "1-2-2027"], "orders": ["10", "5,5", "7"]})
    assert driver_months(daily).tolist() == [15.5, 7.0]
    monthly = pd.DataFrame({"month": ["Apr 2024", "mei 2024", "2024-06", "juni 2025"], "customers": [1, 2, 3, 4]})
    months = driver_months(monthly)
    assert list(months.index) == list(pd.to_datetime(["2024-04-01", "2024-05-01", "2024-06-01", "2025-06-01"]))


def test_a_bad_row_is_named_in_both_languages() -> None:
    with pytest.raises(CapacityError) as caught:
        driver_months(pd.DataFrame({"date": ["2027-01-01", "soon"], "orders": ["1", "2"]}))
    assert caught.value.message("en").startswith("Driver file, row 3: needs a date")
    assert caught.value.message("nl").startswith("Driverbestand, rij 3: de eerste kolom")


def test_contacts_per_driver_are_learned_exactly_from_a_linear_history() -> None:
    months = pd.date_range("2025-01-01", periods=12, freq="MS")
    driver = pd.Series(np.linspace(1000, 2100, 12), index=months)
    contacts = 150 + 0.4 * driver
    fit = fit_driver(contacts, driver, "phone")
    assert (fit.intercept, fit.per_driver, fit.months) == (pytest.approx(150), pytest.approx(0.4), 12)
    assert fit.r2 == pytest.approx(1.0)
    plan = pd.Series([3000.0], index=pd.DatetimeIndex(["2026-01-01"]))
    assert driver_contacts(fit, plan, pd.DatetimeIndex(["2026-01-01"]))[0] == pytest.approx(150 + 1200)
    with pytest.raises(CapacityError) as caught:
        fit_driver(contacts.iloc[:3], driver, "phone")
    assert "share 3 months; 6 are needed" in caught.value.message("en")
    assert "hebben 3 maanden gemeen; er zijn er 6 nodig" in caught.value.message("nl")


def test_the_drivers_plan_replaces_the_forecast_where_it_has_the_month() -> None:
    days = pd.date_range("2025-01-01", "2025-12-31", freq="D")
    driver = pd.Series(np.arange(1, 19, dtype=float) * 100, index=pd.date_range("2025-01-01", periods=18, freq="MS"))
    per_day = (20 + 0.05 * driver).reindex(days.to_period("M").to_timestamp()).to_numpy() / days.days_in_month
    volumes = pd.DataFrame({"channel": "chat", "ds": days, "interval_min": 1440, "offered": per_day,
                            "handle_s": 0.0, "timed": 0.0})
    inputs = capacity_inputs(volumes, 12, driver=driver)
    chat = inputs.forecast.set_index("month")
    assert chat.loc["2026-01-01", "method"] == "driver"
    assert chat.loc["2026-01-01", "contacts"] == pytest.approx(20 + 0.05 * 1300)
    assert chat.loc["2026-07-01", "method"] != "driver"  # the plan ends in June 2026
    assert inputs.aht_s["chat"] == 600.0  # a daily file carries no handle time: the default
