"""Rolling-origin backtest of ``kcc.forecast`` on the real series and the demo centre.

Four origins, 28-day horizon, 30-minute intervals for the real series (15 minutes for the
demo). Compared with the two baselines of issue 4 (weekly seasonal naive; mean of the same
interval on the last four same weekdays) and with plain statsmodels Holt-Winters on the daily
totals (additive trend and weekly season, no holiday or closed-day handling) times the
baseline's intraday split. Prints a markdown table.

Run: ``.venv/bin/python benchmarks/bench_forecast.py``
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from statsmodels.tsa.holtwinters import ExponentialSmoothing

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kcc.forecast import backtest, fit_forecast, summarise_backtest  # noqa: E402

REAL_DATA = ROOT.parent / "shared" / "data" / "real"
HORIZON_DAYS = 28
ORIGINS = 4


def anonymous_bank() -> pd.DataFrame | None:
    path = REAL_DATA / "anonymous-bank-1999" / "arrivals_1999_6min.csv"
    if not path.exists():
        return None
    raw = pd.read_csv(path, parse_dates=["slot_start"])
    # Slot k holds arrivals in ((k-1)*6, k*6] min: its start is the interval it belongs to.
    ds = raw["slot_start"].dt.floor("30min")
    return raw.groupby(ds)["calls"].sum().rename("y").rename_axis("ds").reset_index()


def us_bank() -> pd.DataFrame | None:
    path = REAL_DATA / "us-bank-2003" / "bank_calls_5min.csv"
    if not path.exists():
        return None
    raw = pd.read_csv(path, parse_dates=["interval_start"])
    ds = raw["interval_start"].dt.floor("30min")
    return raw.groupby(ds)["calls"].sum().rename("y").rename_axis("ds").reset_index()


def demo_series() -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    try:
        from kcc import demo
    except ImportError:
        return {}
    centre = demo.generate_demo()
    out = {}
    for channel in demo.DEMO_CHANNELS:
        rows = centre.intervals[centre.intervals["channel"] == channel]
        out[channel] = (rows.rename(columns={"offered": "y"})[["ds", "y"]], centre.events)
    return out


def _matrix(history: pd.DataFrame) -> tuple[pd.DatetimeIndex, np.ndarray, int]:
    ds = history["ds"]
    local = ds.dt.tz_localize(None) if ds.dt.tz is not None else ds
    steps = local.sort_values().diff().dropna()
    # Local wall time repeats an hour on the autumn DST day: skip the zero steps.
    interval_min = int(steps[steps > pd.Timedelta(0)].min() / pd.Timedelta(minutes=1))
    days = pd.date_range(local.min().normalize(), local.max().normalize(), freq="D")
    row = ((local.dt.normalize() - days[0]) // pd.Timedelta(days=1)).to_numpy()
    col = ((local.dt.hour * 60 + local.dt.minute) // interval_min).to_numpy()
    mat = np.zeros((len(days), 1440 // interval_min))
    np.add.at(mat, (row, col), history["y"].to_numpy(dtype=float))
    return days, mat, interval_min


def holt_winters_plain(history: pd.DataFrame) -> dict[str, float]:
    """Plain statsmodels Holt-Winters on daily totals, at the same origins as ``backtest``."""
    _, mat, _ = _matrix(history)
    n = len(mat)
    day_mase, day_wmape, int_wmape = [], [], []
    for j in range(ORIGINS - 1, -1, -1):
        cut = n - HORIZON_DAYS - j * HORIZON_DAYS
        train, test = mat[:cut], mat[cut : cut + HORIZON_DAYS]
        daily = train.sum(axis=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = ExponentialSmoothing(daily, trend="add", seasonal="add", seasonal_periods=7)
            pred = np.maximum(np.asarray(model.fit().forecast(HORIZON_DAYS)), 0)
        weeks = train[cut - 28 :].reshape(4, 7, -1).sum(axis=0)
        share = np.divide(weeks, weeks.sum(axis=1, keepdims=True), out=np.zeros_like(weeks),
                          where=weeks.sum(axis=1, keepdims=True) > 0)  # fmt: skip
        split = pred[:, None] * np.resize(share, (HORIZON_DAYS, share.shape[1]))
        actual = test.sum(axis=1)
        scale = np.abs(daily[7:] - daily[:-7]).mean()
        day_mase.append(np.abs(pred - actual).mean() / scale)
        day_wmape.append(np.abs(pred - actual).sum() / actual.sum())
        int_wmape.append(np.abs(split - test).sum() / test.sum())
    return {
        "day_mase": float(np.mean(day_mase)),
        "day_wmape": float(np.mean(day_wmape)),
        "interval_wmape": float(np.mean(int_wmape)),
    }


def run_series(
    name: str, history: pd.DataFrame, country: str | None, events: pd.DataFrame | None = None,
    channel: str | None = None,
) -> list[dict[str, object]]:  # fmt: skip
    fit_forecast(history, HORIZON_DAYS, country=country, events=events, channel=channel)
    timings = []
    for _ in range(3):  # best of three: the machine may be busy with other work
        start = time.perf_counter()
        fit_forecast(history, HORIZON_DAYS, country=country, events=events, channel=channel)
        timings.append(time.perf_counter() - start)
    fit_s = min(timings)
    table = backtest(history, HORIZON_DAYS, origins=ORIGINS, country=country, events=events,
                     channel=channel)  # fmt: skip
    summary = summarise_backtest(table).set_index(["method", "grain"])
    chosen = ",".join(table.loc[(table["method"] == "auto") & (table["grain"] == "day"), "chosen"])
    naive_mase = summary.loc[("baseline_naive_7d", "day"), "mase"]
    rows = []
    for method in ("auto", "ets", "weekday_mean", "seasonal_naive", "baseline_naive_7d",
                   "baseline_mean_4w"):  # fmt: skip
        day, interval = summary.loc[(method, "day")], summary.loc[(method, "interval")]
        rows.append(
            {
                "series": name,
                "method": method + (f" ({chosen})" if method == "auto" else ""),
                "day MASE": day["mase"],
                "vs naive": day["mase"] / naive_mase - 1,
                "day wMAPE": day["wmape"],
                "interval wMAPE": interval["wmape"],
                "day bias": day["bias"],
                "80% cover (day)": day["coverage_80"],
                "80% cover (interval)": interval["coverage_80"],
                "95% cover (day)": day["coverage_95"],
                "fit s": fit_s if method == "auto" else np.nan,
            }
        )
    hw = holt_winters_plain(history)
    rows.append(
        {
            "series": name,
            "method": "statsmodels Holt-Winters (plain)",
            "day MASE": hw["day_mase"],
            "vs naive": hw["day_mase"] / naive_mase - 1,
            "day wMAPE": hw["day_wmape"],
            "interval wMAPE": hw["interval_wmape"],
        }
    )
    return rows


def markdown(rows: list[dict[str, object]]) -> str:
    columns = list(rows[0])
    for row in rows:
        columns += [c for c in row if c not in columns]

    def cell(value: object, column: str) -> str:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return ""
        if isinstance(value, float):
            if column == "vs naive":
                return f"{value:+.0%}"
            if "wMAPE" in column or "cover" in column or "bias" in column:
                return f"{value:.1%}"
            return f"{value:.3f}" if column != "fit s" else f"{value:.2f}"
        return str(value)

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(r.get(c), c) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    rows: list[dict[str, object]] = []
    sources: list[tuple[str, Callable[[], pd.DataFrame | None], str]] = [
        ("Anonymous Bank 1999 (30 min)", anonymous_bank, "IL"),
        ("US bank 2003 (30 min)", us_bank, "US"),
    ]
    for name, load, country in sources:
        history = load()
        if history is None:
            print(f"skipped {name}: real data not found beside the project", file=sys.stderr)
            continue
        rows += run_series(name, history, country)
    for channel, (history, events) in demo_series().items():
        rows += run_series(f"demo {channel} (15 min)", history, "NL", events, channel)
    print(
        f"Rolling origin: {ORIGINS} origins, {HORIZON_DAYS}-day horizon. MASE is scaled by the "
        "in-sample weekly seasonal naive; 'vs naive' compares day MASE with baseline_naive_7d; "
        "auto lists the method it chose per origin; fit s = one fit+forecast [s].\n"
    )
    print(markdown(rows))


if __name__ == "__main__":
    main()
