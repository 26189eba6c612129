"""The service risk finds each period's factor at the target by bisection, and finds what the scan
of every volume factor found: the same frame to the bit, with fewer factors worked out."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from kcc import plan
from kcc.plan import risk
from kcc.targets import ChannelTargets

ZONE = "Europe/Amsterdam"
FACTORS = len(risk.RISK_FACTORS)


def _scan(level_at: Callable[[int], np.ndarray], periods: int, target: float) -> np.ndarray:
    """The risk's earlier search: every factor worked out, the first that misses per period."""
    meets = np.array([risk._meets(level_at(i), target) for i in range(FACTORS)])  # factors x periods
    return np.where(meets.all(axis=0), FACTORS, np.argmin(meets, axis=0))


def _counted(level_at: Callable[[int], np.ndarray]) -> tuple[Callable[[int], np.ndarray], list[int]]:
    asked: list[int] = []

    def counted(i: int) -> np.ndarray:
        asked.append(i)
        return level_at(i)
    return counted, asked


def _falling_levels(rng: np.random.Generator, periods: int) -> np.ndarray:
    """Service level per factor (rows) and period (columns), falling along the factors, with
    periods that always meet, never meet and have no volume (NaN)."""
    drops = rng.uniform(0.0, 0.08, size=(FACTORS, periods))
    levels = rng.uniform(0.7, 1.0, size=periods) + 0.6 - np.cumsum(drops, axis=0)
    levels[:, 0] = 0.99  # always meets
    levels[:, 1] = 0.10  # never meets
    levels[:, 2] = np.nan  # no volume
    return np.clip(levels, 0.0, 1.0)


@pytest.mark.parametrize("seed", range(40))
def test_bisection_finds_the_first_miss_the_scan_finds(seed: int) -> None:
    rng = np.random.default_rng(seed)
    periods = int(rng.integers(3, 20))
    levels = _falling_levels(rng, periods)
    target = float(rng.choice([0.5, 0.8, 0.9]))
    search, asked = _counted(lambda i: levels[i])
    found = risk._first_misses(search, periods, target)
    assert found.tolist() == _scan(lambda i: levels[i], periods, target).tolist()
    assert len(asked) == len(set(asked)) <= FACTORS  # no factor twice, never more than the scan


def test_one_period_takes_five_factors_of_25() -> None:
    for k in range(FACTORS + 1):  # the first miss at every place, and none
        levels = np.where(np.arange(FACTORS) < k, 0.9, 0.7)[:, None]
        search, asked = _counted(lambda i, levels=levels: levels[i])
        assert risk._first_misses(search, 1, 0.8).tolist() == [k]
        assert len(asked) <= int(np.ceil(np.log2(FACTORS + 1)))


def _demand(channel: str, days: int, per_day: float, aht_s: float) -> pd.DataFrame:
    ds = pd.date_range("2026-11-16", periods=days * 96, freq="15min", tz=ZONE)
    local = ds.tz_localize(None)
    hour = (local.hour + local.minute / 60.0).to_numpy(float)
    shape = 0.05 + np.exp(-((hour - 11.0) / 3.0) ** 2)
    volume = per_day / 96 * np.where(local.day_of_week < 5, 1.0, 0.4) * shape / shape.mean()
    return pd.DataFrame({"channel": channel, "queue": "default", "ds": ds, "interval_min": 15,
                         "volume": volume, "volume_hi": volume * 1.15, "aht_s": aht_s})


def _rostered_plan(channel: str, targets: ChannelTargets, days: int, per_day: float,
                   aht_s: float) -> tuple[pd.DataFrame, plan.PlanSettings, dict]:
    """A plan whose roster is the requirement, a little short on some days and long on others,
    so the days' chances spread between 0 and 1."""
    demand = _demand(channel, days, per_day, aht_s)
    hours = {channel: {str(d): ["08:00", "22:00"] for d in range(7)}}
    settings = plan.PlanSettings(targets={channel: targets}, shrinkage={channel: 0.0})
    staffed = plan.build_plan(demand, None, settings, open_hours=hours)
    day = staffed["ds"].dt.tz_localize(None).dt.day_of_week.to_numpy()
    scale = np.array([0.85, 0.95, 1.0, 1.1, 1.3, 0.9, 1.05])[day]
    roster = staffed[["channel", "ds", "interval_min"]].assign(agents=np.round(staffed["required"] * scale))
    return plan.build_plan(demand, roster, settings, open_hours=hours), settings, hours


@pytest.mark.parametrize(("channel", "targets"), [
    ("whatsapp", ChannelTargets(0.8, response_time_h=0.25)),  # the carried queue
    ("email", ChannelTargets(0.9, response_time_h=8.0)),  # the FIFO backlog
    ("phone", ChannelTargets(0.8, 20.0, max_occupancy=None)),  # Erlang C
    ("phone", ChannelTargets(0.8, 20.0, patience_s=120.0, max_occupancy=None)),  # Erlang A
    ("chat", ChannelTargets(0.8, 60.0, concurrency=2.0, max_occupancy=None)),  # chat sessions
], ids=["carried-queue", "backlog", "erlang-c", "erlang-a", "chat"])
@pytest.mark.parametrize("freq", ["D", "W"])
def test_service_risk_is_the_scans_to_the_bit(channel: str, targets: ChannelTargets, freq: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    the_plan, settings, hours = _rostered_plan(channel, targets, 14, 500.0, 300.0)
    found = plan.service_risk(the_plan, settings, freq, open_hours=hours)
    chances = found["p_meet"].dropna()
    assert len(chances) == (14 if freq == "D" else 2)
    if freq == "D" and channel != "email":
        assert chances.min() < 0.5 < chances.max()  # days on both sides of their target
    with monkeypatch.context() as patch:
        patch.setattr(risk, "_first_misses", _scan)
        scanned = plan.service_risk(the_plan, settings, freq, open_hours=hours)
    pd.testing.assert_frame_equal(found, scanned, check_exact=True)
