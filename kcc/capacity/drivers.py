"""Business drivers: contacts per customer, order or booking, learned from history.

A driver file has a date (a day such as ``2024-04-01`` or ``1-4-2024``, or a month such as
``2024-04`` or ``Apr 2024``) and a value per row; daily rows are summed by calendar month. Months
that overlap the contact history teach each channel its contacts per driver by least squares
(``contacts = intercept + per_driver x driver``); the file's months after the history are the
driver's own plan, which the fit turns into contacts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from kcc.capacity.spec import CapacityError

__all__ = ["MIN_DRIVER_MONTHS", "DriverFit", "driver_contacts", "driver_months", "fit_driver"]

#: Overlapping months needed to learn contacts per driver.
MIN_DRIVER_MONTHS: Final[int] = 6
#: Largest driver file: a value per day for ten years is some 100 kB, and the file is read
#: whole, by a delimiter-sniffing parser, while the page waits. [MB]
MAX_DRIVER_MB: Final[int] = 10

_DUTCH_MONTHS: Final[dict[str, str]] = {
    "januari": "jan", "februari": "feb", "maart": "mar", "mrt": "mar", "april": "apr", "mei": "may",
    "juni": "jun", "juli": "jul", "augustus": "aug", "oktober": "oct", "okt": "oct",
    "september": "sep", "november": "nov", "december": "dec",
}


@dataclass(frozen=True)
class DriverFit:
    """Contacts per driver of one channel: ``contacts = intercept + per_driver x driver``.

    Attributes
    ----------
    channel : str
    intercept : float
        Contacts a month without the driver. [contacts/month]
    per_driver : float
        Contacts per unit of the driver. [contacts/unit]
    r2 : float
        Share of the monthly contacts' variance the fit explains. [0..1]
    months : int
        Months it was learned from.
    """

    channel: str
    intercept: float
    per_driver: float
    r2: float
    months: int


def _parse_dates(text: pd.Series) -> pd.Series:
    cleaned = text.astype(str).str.strip().str.lower()
    for dutch, english in _DUTCH_MONTHS.items():
        cleaned = cleaned.str.replace(rf"\b{dutch}\b", english, regex=True)
    iso = pd.to_datetime(cleaned, format="ISO8601", errors="coerce")
    rest = pd.to_datetime(cleaned.where(iso.isna()), dayfirst=True, format="mixed", errors="coerce")
    return iso.fillna(rest)


def driver_months(frame: pd.DataFrame) -> pd.Series:
    """Driver totals per calendar month from a two-column frame (date, value).

    Raises
    ------
    CapacityError
        ``driver_file`` when a date or value cannot be read (naming the row).
    """
    if frame.shape[1] < 2 or frame.empty:
        raise CapacityError("driver_file", row=1)
    dates = _parse_dates(frame.iloc[:, 0])
    values = pd.to_numeric(frame.iloc[:, 1].astype(str).str.replace(",", ".", regex=False), errors="coerce")
    bad = dates.isna() | values.isna()
    if bad.any():
        raise CapacityError("driver_file", row=int(np.flatnonzero(bad.to_numpy())[0]) + 2)
    months = dates.dt.to_period("M").dt.to_timestamp()
    return values.groupby(months.to_numpy()).sum().astype(float).sort_index()


def fit_driver(contacts: pd.Series, driver: pd.Series, channel: str) -> DriverFit:
    """Least-squares contacts per driver over the months both know.

    Raises
    ------
    CapacityError
        ``driver_overlap`` with fewer than ``MIN_DRIVER_MONTHS`` common months.
    """
    both = pd.concat([contacts.rename("y"), driver.rename("x")], axis=1, join="inner").dropna()
    if len(both) < MIN_DRIVER_MONTHS:
        raise CapacityError("driver_overlap", months=len(both), needed=MIN_DRIVER_MONTHS)
    x, y = both["x"].to_numpy(float), both["y"].to_numpy(float)
    design = np.column_stack([np.ones_like(x), x])
    (intercept, slope), *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - (intercept + slope * x)
    total = float(((y - y.mean()) ** 2).sum())
    r2 = 1.0 - float((residual ** 2).sum()) / total if total > 0 else 0.0
    return DriverFit(channel, float(intercept), float(slope), r2, len(both))


def driver_contacts(fit: DriverFit, driver: pd.Series, months: pd.DatetimeIndex) -> np.ndarray:
    """Contacts per month of the driver's plan for ``months``; NaN where the plan is silent."""
    plan = driver.reindex(months).to_numpy(float)
    return np.clip(fit.intercept + fit.per_driver * plan, 0.0, None)
