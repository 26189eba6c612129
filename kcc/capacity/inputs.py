"""The capacity plan's inputs from the store's volumes: handle times per channel, and the
monthly forecast with business drivers where a driver file teaches them."""

from __future__ import annotations

from typing import Final

import pandas as pd

from kcc.capacity.drivers import DriverFit, driver_contacts, fit_driver
from kcc.capacity.monthly import event_uplift, monthly_forecast, monthly_totals
from kcc.capacity.spec import CapacityError
from kcc.plan import DEFAULT_AHT_S

__all__ = ["AHT_MONTHS", "CapacityInputs", "capacity_inputs", "handle_times"]

#: Months of history the handle time per channel is averaged over.
AHT_MONTHS: Final[int] = 12


def handle_times(volumes: pd.DataFrame) -> dict[str, float]:
    """Answered-weighted handle time per channel over the last ``AHT_MONTHS`` months. [s]

    A channel whose history carries no handle time (a daily count file) gets
    ``kcc.plan.DEFAULT_AHT_S``.
    """
    out = {c: float(v) for c, v in DEFAULT_AHT_S.items()}
    if volumes.empty:
        return out
    recent = volumes[volumes["ds"] >= volumes["ds"].max() - pd.DateOffset(months=AHT_MONTHS)]
    sums = recent.groupby("channel")[["handle_s", "timed"]].sum()
    for channel, row in sums.iterrows():
        if row["timed"] > 0:
            out[str(channel)] = float(row["handle_s"] / row["timed"])
    return out


class CapacityInputs:
    """The monthly forecast and what it rests on (a plain holder for the page)."""

    def __init__(self, forecast: pd.DataFrame, aht_s: dict[str, float], fits: tuple[DriverFit, ...]) -> None:
        self.forecast, self.aht_s, self.fits = forecast, aht_s, fits


def capacity_inputs(volumes: pd.DataFrame, horizon_months: int, *, driver: pd.Series | None = None,
                    events: pd.DataFrame | None = None) -> CapacityInputs:
    """Monthly contacts per channel for the plan, and the handle times.

    Parameters
    ----------
    volumes : pandas.DataFrame
        ``kcc.store.period_volumes``.
    horizon_months : int
    driver : pandas.Series, optional
        ``kcc.capacity.driver_months`` of a driver file; each channel whose months overlap it
        enough takes its contacts from the driver's plan where the plan has the month.
    events : pandas.DataFrame, optional
        ``kcc.store.read_events``: planned campaigns add their uplift.

    Raises
    ------
    CapacityError
        ``empty_history``; a driver file that shares too few months (``driver_overlap``).
    """
    totals = monthly_totals(volumes)
    forecast = event_uplift(monthly_forecast(totals, horizon_months), events if events is not None
                            else pd.DataFrame())
    fits: list[DriverFit] = []
    if driver is not None and not driver.empty:
        complete = totals[totals["complete"].astype(bool)]
        for channel, group in complete.groupby("channel", sort=True):
            fit = fit_driver(group.set_index("month")["offered"], driver, str(channel))
            rows = forecast["channel"] == channel
            months = pd.DatetimeIndex(forecast.loc[rows, "month"])
            by_driver = driver_contacts(fit, driver, months)
            known = ~pd.isna(by_driver)
            values = forecast.loc[rows, "contacts"].to_numpy(float, copy=True)
            values[known] = by_driver[known]
            forecast.loc[rows, "contacts"] = values
            forecast.loc[rows & forecast["month"].isin(months[known]), "method"] = "driver"
            fits.append(fit)
    if forecast.empty:
        raise CapacityError("empty_history")
    return CapacityInputs(forecast, handle_times(volumes), tuple(fits))
