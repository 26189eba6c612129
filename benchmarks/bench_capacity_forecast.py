"""Monthly-total accuracy of the capacity plan's forecast against the yearly seasonal naive.

The capacity plan forecasts contacts per month 12-18 months ahead (``kcc.capacity``: daily
rate per month by exponential smoothing with a damped trend and a yearly season). This
benchmark backtests it on daily series with a yearly season, rolling origin (6 origins a month
apart, 12 months ahead each), and prints the weighted absolute percentage error of the monthly
totals (wMAPE = sum |forecast - actual| / sum actual) beside the yearly seasonal naive's (each
month's daily rate as the same month a year before) and their ratio.

The real bank series in ``../shared/data/real`` hold under a year (US bank 2003: 164 weekdays;
Anonymous Bank 1999: one year), too short for any yearly-season backtest; they are listed as
skipped. The generated series are daily contact counts over six years: a yearly season, a
weekly pattern, growth, Dutch public holidays closed, Poisson noise and a level shift (seeded).

Run: ``.venv/bin/python benchmarks/bench_capacity_forecast.py``
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import holidays
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kcc.capacity import backtest_monthly, monthly_totals  # noqa: E402

REAL_DATA = ROOT.parent / "shared" / "data" / "real"
HORIZON_MONTHS = 12
ORIGINS = 6


def generated(seed: int, growth: float, shift: float) -> pd.DataFrame:
    """Six years of daily counts with a yearly season, weekly pattern, growth and holidays."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2019-01-01", "2024-12-31", freq="D")
    t = np.arange(len(days)) / 365.25
    yearly = 1 + 0.25 * np.cos(2 * np.pi * (days.day_of_year - 15) / 365.25) + 0.08 * np.sin(4 * np.pi * t)
    weekly = np.array([1.25, 1.1, 1.0, 1.0, 0.95, 0.45, 0.2])[days.day_of_week]
    level = 2000 * (1 + growth) ** t * np.where(days >= "2022-06-01", 1 + shift, 1.0)
    closed = np.array([d in holidays.country_holidays("NL", years=range(2019, 2025)) for d in days.date])
    offered = rng.poisson(np.where(closed, 0.0, level * yearly * weekly))
    return pd.DataFrame({"channel": "phone", "ds": days, "interval_min": 1440, "offered": offered.astype(float)})


def real_series() -> list[tuple[str, str]]:
    """The real series and why they are not backtested."""
    out = []
    for name, relative in (("US bank 2003", "us-bank-2003/bank_calls_5min.csv"),
                           ("Anonymous Bank 1999", "anonymous-bank-1999/arrivals_1999_6min.csv")):
        path = REAL_DATA / relative
        out.append((name, "absent" if not path.exists() else "under two years: no yearly-season backtest"))
    return out


def run(name: str, rows: pd.DataFrame) -> str:
    started = time.perf_counter()
    totals = monthly_totals(rows)
    series = totals[totals["complete"]].set_index("month")["offered"]
    result = backtest_monthly(series, HORIZON_MONTHS, ORIGINS)
    seconds = time.perf_counter() - started
    ours = float((result["forecast"] - result["actual"]).abs().sum() / result["actual"].sum())
    naive = float((result["naive"] - result["actual"]).abs().sum() / result["actual"].sum())
    return (f"| {name} | {len(result)} | {100 * ours:.1f}% | {100 * naive:.1f}% | {ours / naive:.2f} | "
            f"{seconds:.1f} |")


def main() -> None:
    print("| series | months forecast | ours wMAPE | yearly seasonal naive wMAPE | ours / naive | time [s] |")
    print("|---|---:|---:|---:|---:|---:|")
    for seed, growth, shift in ((1, 0.05, 0.0), (2, 0.10, 0.0), (3, 0.0, 0.0), (4, 0.05, 0.15)):
        label = f"generated daily, growth {growth:.0%}/year" + (f", level +{shift:.0%} in 2022" if shift else "")
        print(run(label, generated(seed, growth, shift)))
    for name, why in real_series():
        print(f"| {name} | skipped: {why} | | | | |")


if __name__ == "__main__":
    main()
