"""The two real bank files of the browser journeys, or seeded stand-ins of the same shape.

The journeys upload ``../shared/data/real`` files when they are there; without them they
upload files made here with the same columns, separators, date and time formats and interval
length, so the journey still runs end to end (only the numbers differ).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tests.conftest import REAL_DATA

US_BANK = "us-bank-2003/bank_calls_5min.csv"
ANONYMOUS_BANK = "anonymous-bank-1999/calls_1999-02_per_call.tsv"

_ANONYMOUS_COLUMNS = ("vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry",
                      "vru_exit", "vru_time", "q_start", "q_exit", "q_time", "outcome", "ser_start",
                      "ser_exit", "ser_time", "server")


def journey_file(relative: str, folder: Path) -> Path:
    """The real file, or a generated one of its shape written into ``folder``."""
    real = REAL_DATA / relative
    if real.exists():
        return real
    target = folder / Path(relative).name
    {US_BANK: us_bank_like, ANONYMOUS_BANK: anonymous_bank_like}[relative](target)
    return target


def us_bank_like(path: Path, *, days: int = 120, seed: int = 2003) -> Path:
    """Calls handled per 5 minutes on weekdays from 07:00 to 21:00 starts (169 a day), from
    2003-03-03: ``interval_start,calls`` with ``YYYY-MM-DD HH:MM:SS``."""
    rng = np.random.default_rng(seed)
    weekdays = pd.bdate_range("2003-03-03", periods=days)
    slot = np.arange(169)
    profile = 40 + 110 * np.exp(-(((slot - 50) / 45.0) ** 2)) + 60 * np.exp(-(((slot - 110) / 30.0) ** 2))
    starts = [day + pd.Timedelta(minutes=7 * 60 + 5 * int(s)) for day in weekdays for s in slot]
    level = np.concatenate([profile * (1.0 - 0.05 * day.day_of_week) for day in weekdays])
    frame = pd.DataFrame({"interval_start": pd.DatetimeIndex(starts).strftime("%Y-%m-%d %H:%M:%S"),
                          "calls": rng.poisson(level)})
    frame.to_csv(path, index=False)
    return path


def _clock(seconds: np.ndarray) -> list[str]:
    """H:MM:SS without a leading zero on the hour, as the Technion files write it."""
    s = np.asarray(seconds, dtype=np.int64) % 86_400
    return [f"{h}:{m:02d}:{x:02d}" for h, m, x in zip(s // 3600, s // 60 % 60, s % 60, strict=True)]


def anonymous_bank_like(path: Path, *, calls_per_day: int = 1100, seed: int = 1999) -> Path:
    """Per-call records of February 1999, tab separated, ``date`` as YYMMDD and times as
    H:MM:SS; ``customer_id`` 0 (unidentified) for about 59 % of calls, a share of identified
    customers calling again; outcomes AGENT, HANG and PHANTOM."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("1999-02-01", "1999-02-28", freq="D")
    parts = []
    for day in days:
        n = int(calls_per_day * (0.35 if day.day_of_week in (4, 5) else 1.0))
        parts.append(pd.DataFrame({"day": day, "entry": np.sort(rng.normal(13.5, 3.5, n).clip(7, 23.9) * 3600)}))
    calls = pd.concat(parts, ignore_index=True)
    n = len(calls)
    regulars = rng.integers(10_000_000, 99_999_999, size=n // 4)
    customer = np.where(rng.random(n) < 0.59, 0, rng.choice(regulars, size=n))
    outcome = rng.choice(["AGENT", "HANG", "PHANTOM"], size=n, p=[0.815, 0.177, 0.008])
    vru_time = rng.integers(4, 15, size=n)
    queued = (rng.random(n) < 0.55) | (outcome == "HANG")
    q_time = np.where(queued, rng.exponential(75, size=n).astype(int) + 1, 0)
    ser_time = np.where(outcome == "AGENT", rng.exponential(180, size=n).astype(int) + 5, 0)
    entry = calls["entry"].to_numpy().astype(int)
    vru_exit = entry + vru_time
    q_exit = vru_exit + q_time
    zero = np.zeros(n, dtype=int)
    frame = pd.DataFrame({
        "vru+line": [f"AA0{1 + i % 6}{10 + i % 7:02d}" for i in range(n)],
        "call_id": 30_000 + np.arange(n) // 6,  # unique only with the VRU line, as in the real file
        "customer_id": customer,
        "priority": rng.choice([0, 1, 2], size=n, p=[0.5, 0.3, 0.2]),
        "type": rng.choice(["PS", "NW", "NE", "TT", "IN", "PE"], size=n, p=[0.64, 0.23, 0.08, 0.03, 0.01, 0.01]),
        "date": calls["day"].dt.strftime("%y%m%d"),
        "vru_entry": _clock(entry), "vru_exit": _clock(vru_exit), "vru_time": vru_time,
        "q_start": _clock(np.where(queued, vru_exit, zero)), "q_exit": _clock(np.where(queued, q_exit, zero)),
        "q_time": q_time, "outcome": outcome,
        "ser_start": _clock(np.where(outcome == "AGENT", q_exit, zero)),
        "ser_exit": _clock(np.where(outcome == "AGENT", q_exit + ser_time, zero)),
        "ser_time": ser_time,
        "server": np.where(outcome == "AGENT", rng.choice(["DORIT", "TOVA", "MICHAL", "ANAT"], size=n),
                           "NO_SERVER"),
    }, columns=list(_ANONYMOUS_COLUMNS))
    frame.to_csv(path, sep="\t", index=False)
    return path
