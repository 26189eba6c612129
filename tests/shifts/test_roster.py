"""A cover used as roster: patterns valid that week, replacing that week's cover of the
channel and, only when asked, the user's own patterns for that week."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from kcc import store
from kcc.roster import expand_shifts
from kcc.shifts import ShiftRules, cover, need_window, roster_change, roster_patterns

TZ = "Europe/Amsterdam"
MONDAY = date(2026, 11, 16)


def small_cover():  # noqa: ANN201
    ds = pd.date_range("2026-11-16 08:00", periods=3 * 24 * 4, freq="15min", tz=TZ)
    hour = ds.hour
    agents = ((hour >= 8) & (hour < 16)).astype(float) * 2 + ((hour >= 10) & (hour < 12))
    required = pd.DataFrame({"ds": ds, "agents": agents})
    rules = ShiftRules(lengths_min=(240, 480), start_step_min=60, break_min=0,
                       home_block_min=120, home_blocks_per_day=2, home_weight=0.5)
    return required, cover(required, rules)


@pytest.fixture
def con(tmp_path):  # noqa: ANN001, ANN201
    connection = store.connect(str(tmp_path / "kcc.duckdb"))
    yield connection
    connection.close()


def test_the_patterns_give_the_cover_back_as_roster() -> None:
    required, result = small_cover()
    patterns = roster_patterns(result, "phone", MONDAY)
    assert set(patterns["valid_from"]) == {MONDAY} and set(patterns["valid_to"]) == {date(2026, 11, 22)}
    assert set(patterns["location"]) == {"site", "home"}
    roster = expand_shifts(patterns, MONDAY, date(2026, 11, 23), tz=TZ)
    on = roster.set_index("ds")["agents"].reindex(required["ds"]).to_numpy()
    assert (on >= required["agents"].to_numpy()).all()
    assert on.sum() / 4 == pytest.approx(result.rostered_hours)


def test_use_as_roster_keeps_the_users_shifts_unless_asked(con) -> None:  # noqa: ANN001
    _, result = small_cover()
    own = pd.DataFrame([
        {"name": "Early", "channels": ["phone", "chat"], "start_time": "08:00", "length_min": 480,
         "weekdays": [0, 1, 2, 3, 4], "headcount": 3, "location": "site", "valid_from": None, "valid_to": None},
        {"name": "Chat late", "channels": ["chat"], "start_time": "14:00", "length_min": 480,
         "weekdays": [0, 1, 2, 3, 4], "headcount": 2, "location": "site", "valid_from": None, "valid_to": None},
    ])
    store.replace_shifts(con, own)
    change = roster_change(result, store.read_shifts(con), "phone", MONDAY)
    assert list(change.own["name"]) == ["Early"] and change.remove_ids == ()
    store.swap_shifts(con, change.remove_ids, change.add)
    after = store.read_shifts(con)
    assert len(after) == 2 + len(change.add)

    # a second cover of the same week replaces the first, and with consent the user's own
    again = roster_change(result, after, "phone", MONDAY, replace_own=True)
    store.swap_shifts(con, again.remove_ids, again.add)
    final = store.read_shifts(con)
    roster = expand_shifts(final, date(2026, 11, 9), date(2026, 11, 30), tz=TZ)
    phone = roster[roster["channel"] == "phone"].set_index("ds")["agents"]
    chat = roster[roster["channel"] == "chat"].set_index("ds")["agents"]
    week = (phone.index >= pd.Timestamp(MONDAY, tz=TZ)) & (phone.index < pd.Timestamp("2026-11-23", tz=TZ))
    assert phone[week].sum() / 4 == pytest.approx(result.rostered_hours), "only the cover in its week"
    assert phone[~week].sum() / 4 == pytest.approx(2 * 5 * 8 * 1.5), "Early before and after, shared"
    assert chat[week].sum() / 4 == pytest.approx(5 * 8 * (3 + 2)), "Early serves chat alone that week"
    assert "Chat late" in set(final["name"])


def test_the_need_window_reaches_every_interval_with_someone_needed() -> None:
    """The earliest need of any day and the latest end, on the form's half hours."""
    ds = pd.date_range("2026-11-16 00:00", periods=2 * 96, freq="15min")
    need = np.where((ds.hour >= 6) & (ds.day_of_week == 0) | (ds.hour >= 9) & (ds.hour < 21), 2.0, 0.0)
    need[(ds.day_of_week == 0) & (ds.hour == 6) & (ds.minute < 30)] = 0.0  # Monday from 06:30
    need[(ds.day_of_week == 1) & (ds.hour == 21) & (ds.minute == 0)] = 1.0  # Tuesday to 21:15
    frame = pd.DataFrame({"ds": ds, "agents": need})
    assert need_window(frame, 15) == ("06:30", "24:00")  # Monday runs to midnight
    tuesday = frame[frame["ds"].dt.day_of_week == 1]
    assert need_window(tuesday, 15) == ("09:00", "21:30")  # 21:00-21:15 ends on the next half hour
    assert need_window(tuesday, 15, step_min=60) == ("09:00", "22:00")
    assert need_window(frame.assign(agents=0.0), 15) is None
    half_hours = pd.DataFrame({"ds": pd.date_range("2026-11-16 23:30", periods=1, freq="30min"), "agents": [3.0]})
    assert need_window(half_hours, 30) == ("23:30", "24:00")
