"""The day a plan's charts open on: the first with work, not a closed Sunday."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kcc import plan


def _rows(volume: list[float], required: list[float]) -> pd.DataFrame:
    ds = pd.date_range("2026-11-22", periods=len(volume), freq="D", tz="Europe/Amsterdam")  # a Sunday first
    return pd.DataFrame({"ds": ds, "volume": volume, "required": required})


def test_a_plan_starting_on_a_closed_sunday_opens_on_monday() -> None:
    assert plan.first_open_day(_rows([0.0, 120.0, 90.0], [0.0, 14.0, 11.0])) == date(2026, 11, 23)


def test_deferred_work_arriving_while_closed_is_not_an_open_day() -> None:
    # e-mail arrives on Sunday, nobody works it until Monday
    assert plan.first_open_day(_rows([40.0, 120.0], [0.0, 6.0])) == date(2026, 11, 23)


def test_without_any_work_the_first_day_and_without_rows_none() -> None:
    assert plan.first_open_day(_rows([0.0, 0.0], [0.0, float("nan")])) == date(2026, 11, 22)
    assert plan.first_open_day(_rows([], [])) is None
