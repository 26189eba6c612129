"""Deferred work in the plan: real interval timestamps, the queue KPI of short targets, the start
backlog (estimate, override, settings) and public holidays as closed time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcc import plan
from kcc.targets import ChannelTargets

ZONE = "Europe/Amsterdam"
OFFICE = {str(d): (["08:00", "18:00"] if d < 5 else None) for d in range(7)}


def _demand(channel: str, start: str, days: int, interval_min: int = 15, per_day: float = 400.0,
            aht_s: float = 360.0) -> pd.DataFrame:
    """Smooth seeded demand from local midnight: a day bump, a little at night, weekends lower."""
    ds = pd.date_range(start, pd.Timestamp(start) + pd.Timedelta(days=days), freq=f"{interval_min}min",
                       tz=ZONE, inclusive="left")
    local = ds.tz_localize(None)
    hour = (local.hour + local.minute / 60.0).to_numpy(float)
    shape = 0.05 + np.exp(-((hour - 11.0) / 3.0) ** 2)
    weekday = np.where(local.day_of_week < 5, 1.0, 0.4)
    per_interval = per_day * interval_min / 1440.0
    volume = per_interval * weekday * shape / shape.mean()
    return pd.DataFrame({"channel": channel, "queue": "default", "ds": ds, "interval_min": interval_min,
                         "volume": volume, "volume_hi": volume * 1.1, "aht_s": aht_s})


def _settings(channel: str, **targets: float | None) -> plan.PlanSettings:
    return plan.PlanSettings(targets={channel: ChannelTargets(**targets)},
                             shrinkage={channel: 0.2})


def test_a_30_minute_plan_is_level_per_local_day_across_the_clock_change() -> None:
    # 25 October 2026 has 25 hours: days cut by interval numbers from midnight would start at
    # 23:00 after it, inside these open hours
    demand = _demand("email", "2026-10-19", 14, interval_min=30)
    hours = {"email": {str(d): ["07:00", "24:00"] for d in range(7)}}
    result = plan.build_plan(demand, None, _settings("email", target_service_level=0.9,
                                                     response_time_h=8.0), open_hours=hours)
    local = result["ds"].dt.tz_localize(None)
    open_rows = local.dt.hour >= 7
    assert (result.loc[~open_rows, "required"] == 0).all()
    levels = result[open_rows].groupby(local[open_rows].dt.date)["required"].nunique()
    assert len(levels) == 14
    assert (levels == 1).all(), levels
    assert (result.loc[open_rows, "required"] > 0).all()
    assert set(result["interval_min"]) == {30}


def _whatsapp_plan(roster_factor: float, fewer: float = 0.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    demand = _demand("whatsapp", "2026-11-16", 7, per_day=600.0, aht_s=300.0)
    hours = {"whatsapp": {str(d): ["08:00", "22:00"] for d in range(7)}}
    settings = _settings("whatsapp", target_service_level=0.8, response_time_h=0.25)
    staffed = plan.build_plan(demand, None, settings, open_hours=hours)
    roster = staffed[["channel", "ds", "interval_min"]].assign(
        agents=np.maximum(staffed["required_scheduled"].to_numpy() * roster_factor - fewer, 0.0))
    return demand, plan.build_plan(demand, roster, settings, open_hours=hours)


def _weighted_sl(frame: pd.DataFrame) -> float:
    known = frame["service_level"].notna()
    return float((frame.loc[known, "service_level"] * frame.loc[known, "volume"]).sum()
                 / frame.loc[known, "volume"].sum())


def test_a_short_target_is_scored_by_the_queue_model_its_requirement_comes_from() -> None:
    _, rostered = _whatsapp_plan(1.0)
    assert _weighted_sl(rostered) >= 0.8
    local = rostered["ds"].dt.tz_localize(None)
    served = (rostered["volume"] > 0) & ~((local.dt.day_of_week == 6) & (local.dt.hour >= 22))
    assert rostered.loc[served, "service_level"].notna().all()  # after the last opening: NaN
    # the night's messages wait for the opening: counted with the batch they join, not lost
    night = local.dt.hour < 8
    assert (rostered.loc[night & served, "service_level"] > 0).any()
    assert (rostered["p_abandon"].dropna() == 0).all()
    _, short = _whatsapp_plan(1.0, fewer=2.0)
    assert _weighted_sl(short) < 0.8
    _, none = _whatsapp_plan(0.0)
    assert _weighted_sl(none) == 0.0


def _history(end: str = "2026-11-15 23:45") -> pd.DataFrame:
    ds = pd.date_range("2026-11-09", end, freq="15min", tz=ZONE)
    return pd.DataFrame({"channel": "email", "queue": "default", "ds": ds, "interval_min": 15,
                         "offered": 1.0})


def test_the_start_backlog_is_estimated_as_the_items_after_the_last_open_interval() -> None:
    history = _history()  # Monday to Sunday, one e-mail per quarter hour
    found = plan.start_backlog_estimate(history, plan.service_hours({"working_hours": {"email": OFFICE},
                                                                     "country": ""}))
    # Friday 18:00 to Sunday 24:00: 6 + 48 hours of four e-mails
    assert found["email"].items == pytest.approx(54 * 4)
    assert found["email"].since == pd.Timestamp("2026-11-13 18:00", tz=ZONE)
    assert plan.start_backlog_estimate(history, {})["email"].items == 0.0
    assert plan.start_backlog_estimate(history.iloc[:0], {}) == {}


def test_the_start_backlog_is_staffed_on_the_first_day_and_an_override_wins() -> None:
    demand = _demand("email", "2026-11-16", 14)
    hours = {"email": OFFICE}
    settings = _settings("email", target_service_level=0.9, response_time_h=8.0)
    monday = demand["ds"].dt.tz_localize(None).dt.date == pd.Timestamp("2026-11-16").date()

    def first_day(built: pd.DataFrame) -> float:
        return float(built.loc[monday.to_numpy(), "required"].sum())

    empty = plan.build_plan(demand, None, settings, open_hours=hours)
    estimated = plan.build_plan(demand, None, settings, open_hours=hours, start_backlog={"email": 300.0})
    assert first_day(estimated) > first_day(empty)
    none_waiting = settings.with_targets("email", start_backlog_items=0.0)
    overridden = plan.build_plan(demand, None, none_waiting, open_hours=hours,
                                 start_backlog={"email": 300.0})
    assert first_day(overridden) == first_day(empty)


def test_the_start_backlog_setting_round_trips_and_a_negative_one_is_named() -> None:
    settings = plan.PlanSettings().with_targets("email", start_backlog_items=120.0)
    again = plan.settings_from_json(settings.to_json())
    assert again == settings
    assert again.targets_for("email").start_backlog_items == 120.0
    assert plan.settings_from_json(plan.PlanSettings().to_json()).targets_for("email").start_backlog_items is None
    with pytest.raises(ValueError) as caught:
        ChannelTargets(response_time_h=8.0, start_backlog_items=-5.0)
    assert str(caught.value) == "start_backlog_items must be between 0 and 100000 items, got -5.0"
    assert caught.value.message("nl") == "start_backlog_items moet tussen 0 en 100000 berichten liggen, niet -5,0"


def test_a_public_holiday_is_closed_time_for_deferred_work() -> None:
    # Monday 29 March 2027 is Easter Monday (Tweede Paasdag) in the Netherlands
    demand = pd.concat([_demand("email", "2027-03-29", 7), _demand("whatsapp", "2027-03-29", 7),
                        _demand("phone", "2027-03-29", 7)], ignore_index=True)
    stored = {"working_hours": {"email": OFFICE}, "country": "NL"}
    hours = plan.service_hours(stored)
    assert hours["email"]["holidays"] == "NL" and hours["whatsapp"] == {"holidays": "NL"}
    assert "phone" not in hours
    settings = plan.PlanSettings(targets={"email": ChannelTargets(0.9, response_time_h=8.0),
                                          "whatsapp": ChannelTargets(0.8, response_time_h=1.0)})
    closed = plan.build_plan(demand, None, settings, open_hours=hours)
    worked = plan.build_plan(demand, None, settings,
                             open_hours=plan.service_hours({**stored, "country": ""}))
    day = closed["ds"].dt.tz_localize(None).dt.date
    monday, tuesday = pd.Timestamp("2027-03-29").date(), pd.Timestamp("2027-03-30").date()
    for channel in ("email", "whatsapp"):
        rows = closed["channel"] == channel
        assert closed.loc[rows & (day == monday), "required"].sum() == 0, channel
        assert worked.loc[rows & (day == monday), "required"].sum() > 0, channel
        # Monday's messages are answered on Tuesday
        assert (closed.loc[rows & (day == tuesday), "required"].sum()
                > worked.loc[rows & (day == tuesday), "required"].sum()), channel
    phone = closed["channel"] == "phone"
    assert closed.loc[phone & (day == monday), "required"].sum() > 0
