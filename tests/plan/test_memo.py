"""The memos of channel staffings and carried-queue scorings: a hit is the fresh computation to
the bit, and a change in any input it depends on is a miss (``kcc.memo``,
``kcc.plan.build.STAFFING_MEMO``, ``kcc.plan.models.QUEUE_MEMO``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd
import pytest

from kcc import plan
from kcc.memo import Memo, digest
from kcc.plan.build import STAFFING_MEMO
from kcc.targets import ChannelTargets
from tests.plan.test_deferred_plan import OFFICE, ZONE
from tests.plan.test_deferred_plan import _demand as _deferred_demand

EMAIL = ChannelTargets(target_service_level=0.9, response_time_h=8.0)
PHONE = ChannelTargets(target_service_level=0.8, answer_time_s=20.0, patience_s=120.0)


@pytest.fixture(autouse=True)
def _empty_memo() -> Iterator[None]:
    STAFFING_MEMO.clear()
    yield
    STAFFING_MEMO.clear()


def _demand() -> pd.DataFrame:
    email = _deferred_demand("email", "2026-11-16", 7)
    phone = _deferred_demand("phone", "2026-11-16", 7, per_day=2000.0, aht_s=240.0)
    return pd.concat([email, phone], ignore_index=True)


def _settings(**shrinkage: float) -> plan.PlanSettings:
    return plan.PlanSettings(targets={"email": EMAIL, "phone": PHONE},
                             shrinkage={"email": 0.2, "phone": 0.3, **shrinkage})


def _roster(demand: pd.DataFrame, agents: float) -> pd.DataFrame:
    return demand[["channel", "ds", "interval_min"]].assign(agents=agents)


def _build(demand: pd.DataFrame, settings: plan.PlanSettings, agents: float = 12.0,
           hours: dict | None = None) -> pd.DataFrame:
    return plan.build_plan(demand, _roster(demand, agents), settings,
                           open_hours={"email": hours or OFFICE})


def test_a_hit_equals_a_fresh_computation_to_the_bit() -> None:
    demand, settings = _demand(), _settings()
    fresh = _build(demand, settings)
    assert (STAFFING_MEMO.hits, STAFFING_MEMO.misses) == (0, 2)
    again = _build(demand, settings)
    assert (STAFFING_MEMO.hits, STAFFING_MEMO.misses) == (2, 2)
    pd.testing.assert_frame_equal(again, fresh, check_exact=True)
    STAFFING_MEMO.clear()
    pd.testing.assert_frame_equal(_build(demand, settings), fresh, check_exact=True)


def test_a_changed_channel_misses_and_the_others_hit() -> None:
    demand, settings = _demand(), _settings()
    before = _build(demand, settings)
    busier = demand.assign(volume=np.where(demand["channel"] == "phone", demand["volume"] * 1.2,
                                           demand["volume"]))
    after = _build(busier, settings)
    assert (STAFFING_MEMO.hits, STAFFING_MEMO.misses) == (1, 3)  # e-mail hit, phone computed
    phone = after["channel"] == "phone"
    assert after.loc[phone, "required"].sum() > before.loc[phone, "required"].sum()
    pd.testing.assert_frame_equal(after[~phone], before[~phone], check_exact=True)


CHANGES: dict[str, Callable[[pd.DataFrame], tuple[pd.DataFrame, plan.PlanSettings, float, dict | None]]] = {
    "targets": lambda d: (d, _settings().with_targets("email", target_service_level=0.8), 12.0, None),
    "shrinkage": lambda d: (d, _settings(email=0.25), 12.0, None),
    "minimum staffing": lambda d: (d, plan.PlanSettings(
        targets={"email": EMAIL, "phone": PHONE}, shrinkage={"email": 0.2, "phone": 0.3},
        min_agents={"email": 2.0}), 12.0, None),
    "roster": lambda d: (d, _settings(), 13.0, None),
    "open hours": lambda d: (d, _settings(), 12.0, {**OFFICE, "5": ["09:00", "13:00"]}),
    "handle time": lambda d: (d.assign(aht_s=d["aht_s"] + 1.0), _settings(), 12.0, None),
    "upper forecast": lambda d: (d.assign(volume_hi=d["volume_hi"] * 1.01), _settings(), 12.0, None),
    "time zone": lambda d: (d.assign(ds=d["ds"].dt.tz_convert("UTC")), _settings(), 12.0, None),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_every_input_the_staffing_depends_on_is_in_the_key(change: str) -> None:
    demand = _demand()
    _build(demand, _settings())
    changed, settings, agents, hours = CHANGES[change](demand)
    STAFFING_MEMO.hits = STAFFING_MEMO.misses = 0
    _build(changed, settings, agents, hours)
    assert STAFFING_MEMO.misses >= 1, f"a change of {change} reused a stored staffing"


def test_the_digest_tells_zones_dtypes_and_order_apart() -> None:
    ds = pd.Series(pd.date_range("2026-11-16", periods=4, freq="15min", tz=ZONE))
    assert digest([ds]) == digest([ds.copy()])
    assert digest([ds]) != digest([ds.dt.tz_convert("UTC")])
    assert digest([np.arange(4, dtype="int64")]) != digest([np.arange(4, dtype="float64")])
    assert digest(["a", "b"]) != digest(["ab"])
    assert digest([np.array([1.0, 2.0])]) != digest([np.array([2.0, 1.0])])


def test_the_memo_keeps_the_most_recent_entries() -> None:
    memo: Memo[int] = Memo(max_entries=2)
    calls: list[str] = []

    def compute(key: str) -> Callable[[], int]:
        return lambda: calls.append(key) or len(calls)

    for key in ("a", "b", "a", "c", "b"):
        memo.get(key, compute(key))
    assert calls == ["a", "b", "c", "b"]  # "a" was used again after "b"; "c" pushed "b" out


def test_a_stored_staffing_cannot_be_changed_by_its_reader() -> None:
    _build(_demand(), _settings())
    stored = next(iter(STAFFING_MEMO._items.values()))
    with pytest.raises(ValueError, match="read-only"):
        stored.columns["required"][0] = 99.0


def _queue_score(available: np.ndarray, response_time_h: float = 2.0) -> plan.models.Kpis:
    rows = _deferred_demand("email", "2026-11-16", 7)
    targets = ChannelTargets(target_service_level=0.9, response_time_h=response_time_h)
    return plan.models.achieve("backlog", targets, rows["volume"].to_numpy(float),
                               rows["aht_s"].to_numpy(float),
                               rows["interval_min"].to_numpy(float) * 60.0, available, rows["ds"],
                               available > 0)


def test_the_carried_queue_is_scored_once_per_input_and_read_only() -> None:
    from kcc.plan.models import QUEUE_MEMO

    QUEUE_MEMO.clear()
    slot = np.arange(7 * 96) % 96
    available = np.where((slot >= 36) & (slot < 68), 3.0, 0.0)  # 09:00-17:00
    fresh = _queue_score(available)
    assert (QUEUE_MEMO.hits, QUEUE_MEMO.misses) == (0, 1)
    again = _queue_score(available.copy())
    assert (QUEUE_MEMO.hits, QUEUE_MEMO.misses) == (1, 1)
    np.testing.assert_array_equal(again.service_level, fresh.service_level)
    with pytest.raises(ValueError, match="read-only"):
        again.service_level[0] = 0.5
    QUEUE_MEMO.clear()
    np.testing.assert_array_equal(_queue_score(available).service_level, fresh.service_level)
    _queue_score(available + 1.0)  # another roster
    _queue_score(available, response_time_h=1.0)  # another target
    assert QUEUE_MEMO.misses == 3
    QUEUE_MEMO.clear()
