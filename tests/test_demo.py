"""The demo contact centre: deterministic, realistic in shape and size, and loadable."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import numpy as np
import pandas as pd
import pytest

from kcc import demo, store
from kcc.i18n import show_stored, t

TZ = "Europe/Amsterdam"
LIVE = ("phone", "chat", "whatsapp")


@pytest.fixture(scope="module")
def centre() -> demo.DemoCentre:
    return demo.generate_demo()


@pytest.fixture(scope="module")
def frame(centre: demo.DemoCentre) -> pd.DataFrame:
    """Intervals with local date, weekday and minute of day added."""
    out = centre.intervals.copy()
    out["date"] = out["ds"].dt.date
    out["weekday"] = out["ds"].dt.day_of_week
    out["minute"] = out["ds"].dt.hour * 60 + out["ds"].dt.minute
    return out


@pytest.fixture(scope="module")
def daily(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.groupby(["channel", "date"], as_index=False)[["offered", "closed_attempts"]].sum()
    out["weekday"] = pd.to_datetime(out["date"]).dt.day_of_week
    return out


def _nl_holidays() -> set[date]:
    return set(holidays.country_holidays("NL", years=range(2024, 2028)))


def _event_days() -> set[date]:
    days: set[date] = set()
    for event in demo.DEMO_EVENTS:
        span = (event.end_date - event.start_date).days
        days.update(event.start_date + timedelta(days=k) for k in range(span + 4))  # with fade
    return days


# --------------------------------------------------------------------------- determinism, shape


def test_same_seed_same_centre_other_seed_other_noise(centre: demo.DemoCentre) -> None:
    again = demo.generate_demo()
    pd.testing.assert_frame_equal(centre.intervals, again.intervals)
    pd.testing.assert_frame_equal(centre.roster, again.roster)
    pd.testing.assert_frame_equal(centre.events, again.events)
    other = demo.generate_demo(seed=1)
    assert not np.array_equal(other.intervals["offered"], centre.intervals["offered"])
    assert other.intervals["offered"].sum() == pytest.approx(centre.intervals["offered"].sum(), rel=0.02)


def test_two_years_of_quarter_hours_for_four_channels(centre: demo.DemoCentre) -> None:
    iv = centre.intervals
    assert list(iv.columns) == [
        "channel", "queue", "ds", "interval_min", "offered", "answered", "abandoned", "aht_s",
        "wait_s_total", "closed_attempts",
    ]
    assert sorted(iv["channel"].unique()) == ["chat", "email", "phone", "whatsapp"]
    assert set(iv["queue"]) == {"default"}
    assert (iv["interval_min"] == 15).all()
    assert str(iv["ds"].dt.tz) == TZ
    assert iv["ds"].min() == pd.Timestamp("2024-11-11 00:00", tz=TZ)
    assert iv["ds"].max() == pd.Timestamp("2026-11-15 23:45", tz=TZ)
    assert (demo.HISTORY_END - demo.HISTORY_START).days + 1 >= 730
    assert demo.HISTORY_END.weekday() == 6 and demo.PLAN_START == date(2026, 11, 16)
    assert not iv.duplicated(["channel", "queue", "ds"]).any()


def test_dst_days_have_92_and_100_quarter_hours(frame: pd.DataFrame) -> None:
    per_day = frame.groupby(["channel", "date"]).size()
    for day, expected in [
        (date(2025, 3, 30), 92), (date(2026, 3, 29), 92),
        (date(2025, 10, 26), 100), (date(2026, 10, 25), 100),
        (date(2026, 1, 14), 96),
    ]:
        for channel in demo.DEMO_CHANNELS:
            assert per_day[(channel, day)] == expected, (channel, day)
    assert set(per_day.unique()) == {92, 96, 100}


def test_counts_are_consistent(centre: demo.DemoCentre) -> None:
    iv = centre.intervals
    counts = iv[["offered", "answered", "abandoned", "closed_attempts", "wait_s_total"]]
    assert (counts >= 0).all().all()
    assert np.array_equal(iv["answered"] + iv["abandoned"], iv["offered"])
    assert (iv["offered"] == np.round(iv["offered"])).all()
    assert iv.loc[iv["answered"] > 0, "aht_s"].notna().all()
    assert iv.loc[iv["answered"] == 0, "aht_s"].isna().all()
    assert (iv.loc[iv["channel"] == "email", "abandoned"] == 0).all()


# --------------------------------------------------------------------------- realism


def test_daily_volumes_are_realistic(daily: pd.DataFrame) -> None:
    recent = daily[(pd.to_datetime(daily["date"]) >= "2026-09-21") & (daily["weekday"] < 5)]
    recent = recent[~recent["date"].isin(_nl_holidays())]
    mean = recent.groupby("channel")["offered"].mean()
    assert 2500 <= mean["phone"] <= 4000
    assert 400 <= mean["chat"] <= 800
    assert 350 <= mean["email"] <= 700
    assert 250 <= mean["whatsapp"] <= 600


def test_weekly_pattern_monday_high_saturday_low_sunday_closed(daily: pd.DataFrame) -> None:
    phone = daily[(daily["channel"] == "phone") & ~daily["date"].isin(_nl_holidays() | _event_days())]
    by_day = phone.groupby("weekday")["offered"].mean()
    assert by_day[0] == by_day.max()
    assert list(by_day[:5]) == sorted(by_day[:5], reverse=True)
    assert by_day[5] < 0.5 * by_day[2]
    assert by_day[6] == 0
    assert phone.loc[phone["weekday"] == 6, "closed_attempts"].min() > 0


def test_yearly_pattern_january_peak_summer_dip(daily: pd.DataFrame) -> None:
    phone = daily[(daily["channel"] == "phone") & (daily["weekday"] < 5)]
    month = pd.to_datetime(phone["date"]).dt.month
    by_month = phone.groupby(month)["offered"].mean()
    assert by_month[1] == by_month.max()
    assert by_month[[7, 8]].mean() < 0.9 * by_month[[5, 6, 9, 10]].mean()


def test_digital_channels_grow(daily: pd.DataFrame) -> None:
    dates = pd.to_datetime(daily["date"])
    late_2025 = (dates >= "2025-10-01") & (dates < "2025-11-01")
    late_2026 = (dates >= "2026-10-01") & (dates < "2026-11-01")
    for channel, low in [("whatsapp", 1.15), ("chat", 1.05)]:
        series = daily["channel"] == channel
        growth = daily.loc[series & late_2026, "offered"].sum() / daily.loc[series & late_2025, "offered"].sum()
        assert growth > low, channel


def test_intraday_morning_peak_lunch_dip_and_evening_tail(frame: pd.DataFrame) -> None:
    weekdays = frame[(frame["weekday"] < 5)]
    profile = weekdays.groupby(["channel", "minute"])["offered"].mean()
    phone = profile["phone"]
    morning, lunch, afternoon = phone.loc[600:659].mean(), phone.loc[720:749].mean(), phone.loc[840:899].mean()
    assert morning > afternoon > lunch
    assert morning == phone.max() or phone.idxmax() in range(540, 690)
    for channel in ("chat", "whatsapp"):
        series = profile[channel]
        assert series.loc[1200:1259].mean() > series.loc[1020:1079].mean(), channel  # 20-21h > 17-18h
    email = profile["email"]
    assert email.loc[120:239].mean() > 0  # e-mail arrives at night too


def test_public_holidays_closed_for_live_channels_and_quiet_for_email(daily: pd.DataFrame) -> None:
    in_history = [d for d in _nl_holidays() if demo.HISTORY_START <= d <= demo.HISTORY_END and d.weekday() < 5]
    assert len(in_history) >= 12
    indexed = daily.set_index(["channel", "date"])
    for day in in_history:
        for channel in LIVE:
            assert indexed.loc[(channel, day), "offered"] == 0, (channel, day)
            assert indexed.loc[(channel, day), "closed_attempts"] > 0, (channel, day)
        same_weekday = [day + timedelta(weeks=k) for k in (-2, -1, 1, 2)]
        usual = np.mean([indexed.loc[("email", d), "offered"] for d in same_weekday if ("email", d) in indexed.index])
        assert indexed.loc[("email", day), "offered"] < 0.6 * usual, day


def test_campaigns_and_mailings_show_as_peaks(daily: pd.DataFrame) -> None:
    """Event days beat the same weekdays of the five weeks before (without events or holidays)."""
    quiet = _nl_holidays() | _event_days()
    indexed = daily.set_index(["channel", "date"])["offered"]
    checked = 0
    for event in demo.DEMO_EVENTS:
        if event.kind not in ("campaign", "mailing") or event.start_date > demo.HISTORY_END:
            continue
        # A mailing peaks on the day it lands; a campaign holds its level over its weekdays.
        span = 1 if event.kind == "mailing" else (event.end_date - event.start_date).days + 1
        days = [event.start_date + timedelta(days=k) for k in range(span)]
        days = [d for d in days if d.weekday() < 5 and d not in _nl_holidays()]
        for channel in event.channels:
            during = np.mean([indexed[(channel, d)] for d in days])
            before = [d - timedelta(weeks=k) for d in days for k in range(1, 6)]
            baseline = np.mean([indexed[(channel, d)] for d in before if d not in quiet])
            assert during > (1 + 0.5 * event.uplift_pct / 100) * baseline, (event.name, channel)
            checked += 1
    assert checked >= 15


def test_outage_surge_is_tagged_and_visible(centre: demo.DemoCentre, frame: pd.DataFrame) -> None:
    outages = centre.events[centre.events["kind"] == "outage"]
    assert len(outages) == 1 and bool(outages["exclude_from_training"].iloc[0])
    day = outages["start_date"].iloc[0]
    phone = frame[(frame["channel"] == "phone") & frame["minute"].between(600, 779)]
    on_day = phone[phone["date"] == day]
    nearby = phone["date"].between(day - timedelta(weeks=4), day + timedelta(weeks=4))
    others = phone[nearby & (phone["weekday"] == day.weekday()) & (phone["date"] != day)]
    assert on_day["offered"].sum() > 2 * others.groupby("date")["offered"].sum().mean()
    usual_rate = others["abandoned"].sum() / others["offered"].sum()
    assert on_day["abandoned"].sum() / on_day["offered"].sum() > 3 * usual_rate


def test_events_calendar(centre: demo.DemoCentre) -> None:
    events = centre.events
    assert {"campaign", "mailing", "outage"} <= set(events["kind"])
    assert (events["uplift_pct"] > 0).all()
    assert (events["end_date"] >= events["start_date"]).all()
    assert (events["start_date"] >= demo.PLAN_START).sum() >= 2  # known ahead for the forecast
    assert all(set(ch) <= set(demo.DEMO_CHANNELS) for ch in events["channels"])


def test_closed_attempts_only_outside_opening_hours(centre: demo.DemoCentre, frame: pd.DataFrame) -> None:
    hours = centre.settings["opening_hours"]
    nl = _nl_holidays()
    for channel in demo.DEMO_CHANNELS:
        rows = frame[frame["channel"] == channel]
        opens = np.full(7, 0)
        closes = np.full(7, 0)
        for weekday, span in hours[channel].items():
            if span:
                (oh, om), (ch, cm) = (map(int, t.split(":")) for t in span)
                opens[int(weekday)], closes[int(weekday)] = oh * 60 + om, ch * 60 + cm
        is_open = (rows["minute"] >= opens[rows["weekday"]]) & (rows["minute"] < closes[rows["weekday"]])
        if channel != "email":
            is_open &= ~rows["date"].isin(nl)
        assert (rows.loc[is_open, "closed_attempts"] == 0).all(), channel
        assert (rows.loc[~is_open, ["offered", "answered", "abandoned"]] == 0).all().all(), channel
        if channel == "email":
            assert rows["closed_attempts"].sum() == 0
        else:
            assert rows.loc[~is_open, "closed_attempts"].sum() > 1000, channel


def test_phone_attempts_after_closing_have_an_evening_hump(frame: pd.DataFrame) -> None:
    """Parents call after the children are in bed: closing at 20:00 misses a few percent of the
    day's phone demand, most of it before 22:00; a smaller shoulder before 08:00."""
    phone = frame[(frame["channel"] == "phone") & ~frame["date"].isin(_nl_holidays())]
    weekdays = phone[phone["weekday"] < 5]
    per_day = weekdays.groupby("date")["offered"].sum().mean()
    hour = weekdays["minute"] // 60
    n_days = weekdays["date"].nunique()

    def attempts(first: int, last: int) -> float:
        return weekdays.loc[(hour >= first) & (hour < last), "closed_attempts"].sum() / n_days

    evening, late, morning = attempts(20, 22), attempts(22, 24), attempts(7, 8)
    assert 0.025 < evening / per_day < 0.06, evening / per_day
    assert late < evening / 2 and attempts(2, 4) < late
    assert evening / 2 > morning > attempts(5, 6)  # the early shoulder: smaller than an evening hour
    weekly = weekdays.loc[(hour >= 20) & (hour < 22), "closed_attempts"].sum() / n_days * 5
    assert 400 < weekly < 1200  # contacts a week that staying open until 22:00 could catch
    sundays = phone[phone["weekday"] == 6]
    assert sundays.groupby("date")["closed_attempts"].sum().min() > 100


def test_handle_times_per_channel(frame: pd.DataFrame) -> None:
    answered = frame[frame["answered"] > 0]
    weighted = (answered["aht_s"] * answered["answered"]).groupby(answered["channel"]).sum()
    mean = weighted / answered.groupby("channel")["answered"].sum()
    for channel, target in {"phone": 330, "chat": 540, "email": 480, "whatsapp": 420}.items():
        assert mean[channel] == pytest.approx(target, rel=0.1), channel
    phone = answered[answered["channel"] == "phone"]
    january = phone[pd.to_datetime(phone["date"]).dt.month == 1]
    july = phone[pd.to_datetime(phone["date"]).dt.month == 7]
    assert np.average(january["aht_s"], weights=january["answered"]) > np.average(july["aht_s"], weights=july["answered"])


def test_service_outcome_supports_a_patience_estimate(frame: pd.DataFrame) -> None:
    totals = frame.groupby("channel")[["offered", "abandoned", "wait_s_total"]].sum()
    for channel in LIVE:
        rate = totals.loc[channel, "abandoned"] / totals.loc[channel, "offered"]
        patience_s = totals.loc[channel, "wait_s_total"] / totals.loc[channel, "abandoned"]
        assert 0.02 < rate < 0.12, channel
        assert 60 < patience_s < 600, channel
    phone = frame[(frame["channel"] == "phone") & (frame["weekday"] < 5)]
    peak = phone[phone["minute"].between(570, 659)]
    late = phone[phone["minute"].between(1020, 1079)]
    assert peak["abandoned"].sum() / peak["offered"].sum() > late["abandoned"].sum() / late["offered"].sum()


# --------------------------------------------------------------------------- roster


def test_roster_covers_history_tail_and_plan_horizon(centre: demo.DemoCentre) -> None:
    roster = centre.roster
    assert list(roster.columns) == ["channel", "ds", "interval_min", "agents"]
    assert set(roster["channel"]) == set(demo.DEMO_CHANNELS)
    assert roster["ds"].min() == pd.Timestamp(demo.PLAN_START - timedelta(weeks=8)).tz_localize(TZ)
    last_day = demo.PLAN_START + timedelta(weeks=13) - timedelta(days=1)
    assert roster["ds"].max().date() == last_day
    shifts = centre.shifts
    home_blocks = shifts[(shifts["location"] == "home") & (shifts["length_min"] == 90)]
    assert len(home_blocks) >= 2
    assert shifts["valid_to"].notna().any()  # a seasonal pattern with an end date


def test_roster_is_short_on_monday_morning_and_long_on_friday_afternoon(
    centre: demo.DemoCentre, frame: pd.DataFrame
) -> None:
    phone = frame[(frame["channel"] == "phone") & (frame["ds"] >= centre.roster["ds"].min())]
    merged = phone.merge(centre.roster, on=["channel", "ds"], how="left")
    merged["workload"] = merged["offered"] * merged["aht_s"].fillna(0) / (merged["interval_min_x"] * 60)
    open_hours = merged[merged["offered"] > 0]

    def ratio(rows: pd.DataFrame) -> float:
        return float(rows["agents"].sum() / rows["workload"].sum())

    overall = ratio(open_hours)
    monday_morning = ratio(open_hours[(open_hours["weekday"] == 0) & open_hours["minute"].between(480, 719)])
    friday_late = ratio(open_hours[(open_hours["weekday"] == 4) & open_hours["minute"].between(900, 1079)])
    assert monday_morning < 0.8 * overall
    assert friday_late > 1.3 * overall
    assert monday_morning < 1.0 < friday_late / 2


# --------------------------------------------------------------------------- loading


def test_load_demo_writes_everything_and_reloads_cleanly(mem_con, centre: demo.DemoCentre) -> None:
    calls: list[tuple[float, str]] = []
    demo.load_demo(mem_con, progress=lambda share, what: calls.append((share, what)))

    counts = store.table_counts(mem_con)
    assert counts["interval_volumes"] == len(centre.intervals)
    assert counts["roster"] == len(centre.roster)
    assert counts["shifts"] == len(demo.DEMO_SHIFTS)
    assert counts["events"] == len(demo.DEMO_EVENTS)
    imports = store.read_imports(mem_con)
    assert set(imports["kind"]) == {"demo"}
    assert set(imports["file_name"]) == {"demo"} and set(imports["imported_by"]) == {"demo"}
    assert store.read_setting(mem_con, "shrinkage")["phone"]["planned"] > 0
    assert store.read_setting(mem_con, "centre_name") == "KCC Demo"

    shares = [share for share, _ in calls]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    assert tuple(step for _, step in calls) == demo.LOAD_STEPS
    for step in demo.LOAD_STEPS:  # each step has its text in both languages
        assert t(f"data.demo_step.{step}", "en") != t(f"data.demo_step.{step}", "nl")
    assert {show_stored(m, "nl") for m in imports["message"]} == {"demo-KCC (seed 2026)", "demorooster"}

    fall_back = store.read_intervals(mem_con, channel="phone", start=date(2026, 10, 25), end=date(2026, 10, 26))
    assert len(fall_back) == 100
    stored = store.read_intervals(mem_con, channel="chat")
    expected = centre.intervals[centre.intervals["channel"] == "chat"]
    assert stored["offered"].sum() == expected["offered"].sum()

    demo.load_demo(mem_con)  # reset first: never doubles
    assert store.table_counts(mem_con) == counts
