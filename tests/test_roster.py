"""Shift patterns -> agents per interval: known answers, DST, pro rata, validation messages."""

from __future__ import annotations

from datetime import date, time, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcc import store
from kcc.plan import align_roster
from kcc.roster import (
    ROSTER_COLUMNS,
    CoverageIntegral,
    ShiftError,
    ShiftPattern,
    expand_shifts,
    patterns_from_frame,
    patterns_to_frame,
)

TZ = "Europe/Amsterdam"
MONDAY = date(2026, 11, 16)
SPRING_FORWARD = date(2026, 3, 29)  # Sunday: 02:00 -> 03:00
FALL_BACK = date(2026, 10, 25)  # Sunday: 03:00 -> 02:00
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


def _at(frame: pd.DataFrame, local: str, channel: str = "phone", utc_offset: str | None = None) -> float:
    """Agents in the interval that starts at a local wall-clock time (offset picks DST hour)."""
    stamp = f"{local}{utc_offset}" if utc_offset else local
    ds = pd.Timestamp(stamp).tz_convert(TZ) if utc_offset else pd.Timestamp(stamp).tz_localize(TZ)
    row = frame[(frame["channel"] == channel) & (frame["ds"] == ds)]
    assert len(row) == 1, f"no single interval at {stamp}"
    return float(row["agents"].iloc[0])


def _staffed(frame: pd.DataFrame, channel: str = "phone") -> pd.DataFrame:
    return frame[(frame["channel"] == channel) & (frame["agents"] > 0)]


def test_one_eight_hour_day_shift_is_32_quarter_hours_of_one_agent() -> None:
    shift = ShiftPattern("Dag", ("phone",), time(9, 0), 480, EVERY_DAY, 1)
    out = expand_shifts([shift], MONDAY, MONDAY + timedelta(days=1))
    assert list(out.columns) == list(ROSTER_COLUMNS)
    assert len(out) == 96  # dense: every quarter hour of the day
    staffed = _staffed(out)
    assert len(staffed) == 32
    assert (staffed["agents"] == 1.0).all()
    assert staffed["ds"].min() == pd.Timestamp("2026-11-16 09:00", tz=TZ)
    assert staffed["ds"].max() == pd.Timestamp("2026-11-16 16:45", tz=TZ)
    assert (out["interval_min"] == 15).all()
    assert str(out["ds"].dt.tz) == TZ


def test_headcounts_of_patterns_add_up() -> None:
    shifts = [
        ShiftPattern("Vroeg", ("phone",), "08:00", 480, EVERY_DAY, 10),
        ShiftPattern("Dag", ("phone",), "09:00", 480, EVERY_DAY, 5),
    ]
    out = expand_shifts(shifts, MONDAY, MONDAY + timedelta(days=1))
    assert _at(out, "2026-11-16 08:00") == 10
    assert _at(out, "2026-11-16 12:00") == 15
    assert _at(out, "2026-11-16 16:00") == 5
    assert _at(out, "2026-11-16 17:00") == 0


def test_shift_crossing_midnight_continues_into_next_day() -> None:
    night = ShiftPattern("Nacht", ("phone",), time(22, 0), 480, (0,), 2)  # Monday nights only
    out = expand_shifts([night], MONDAY, MONDAY + timedelta(days=3))
    staffed = _staffed(out)
    assert len(staffed) == 32
    assert staffed["ds"].min() == pd.Timestamp("2026-11-16 22:00", tz=TZ)
    assert staffed["ds"].max() == pd.Timestamp("2026-11-17 05:45", tz=TZ)
    assert (staffed["agents"] == 2).all()


def test_shift_started_the_day_before_the_window_counts() -> None:
    night = ShiftPattern("Nacht", ("phone",), time(22, 0), 480, EVERY_DAY, 1)
    out = expand_shifts([night], MONDAY, MONDAY + timedelta(days=1))
    assert _at(out, "2026-11-16 00:00") == 1  # from Sunday 22:00
    assert _at(out, "2026-11-16 05:45") == 1
    assert _at(out, "2026-11-16 06:00") == 0
    assert _at(out, "2026-11-16 23:45") == 1
    assert out["ds"].max() == pd.Timestamp("2026-11-16 23:45", tz=TZ)  # clipped to the window


def test_spring_forward_night_shift_lasts_eight_real_hours() -> None:
    night = ShiftPattern("Nacht", ("phone",), time(22, 0), 480, (5,), 1)  # Saturday night
    out = expand_shifts([night], SPRING_FORWARD - timedelta(days=1), SPRING_FORWARD + timedelta(days=1))
    sunday = out[out["ds"].dt.date == SPRING_FORWARD]
    assert len(sunday) == 92
    assert not (sunday["ds"].dt.hour == 2).any()  # 02:00-03:00 does not exist locally
    staffed = _staffed(out)
    assert len(staffed) == 32  # 8 real hours
    assert staffed["ds"].max() == pd.Timestamp("2026-03-29 06:45", tz=TZ)  # ends 07:00 local
    assert _at(out, "2026-03-29 07:00") == 0


def test_fall_back_night_shift_lasts_eight_real_hours() -> None:
    night = ShiftPattern("Nacht", ("phone",), time(22, 0), 480, (5,), 1)
    out = expand_shifts([night], FALL_BACK - timedelta(days=1), FALL_BACK + timedelta(days=1))
    sunday = out[out["ds"].dt.date == FALL_BACK]
    assert len(sunday) == 100
    assert (sunday["ds"].dt.hour == 2).sum() == 8  # the repeated hour, twice
    staffed = _staffed(out)
    assert len(staffed) == 32
    assert staffed["ds"].max() == pd.Timestamp("2026-10-25 04:45", tz=TZ)  # ends 05:00 local
    assert _at(out, "2026-10-25 02:30", utc_offset="+02:00") == 1
    assert _at(out, "2026-10-25 02:30", utc_offset="+01:00") == 1


def test_fall_back_day_shift_of_24_hours_fills_100_quarter_hours() -> None:
    day = ShiftPattern("Etmaal", ("phone",), time(0, 0), 1440, (6,), 1)
    out = expand_shifts([day], FALL_BACK, FALL_BACK + timedelta(days=1))
    assert len(out) == 100
    # 24 real hours from local midnight end at 23:00 local on a 25-hour day.
    assert len(_staffed(out)) == 96
    assert _at(out, "2026-10-25 23:00") == 0


def test_start_in_the_skipped_hour_moves_to_the_next_valid_time() -> None:
    early = ShiftPattern("Vroeg", ("phone",), time(2, 30), 60, (6,), 1)
    out = expand_shifts([early], SPRING_FORWARD, SPRING_FORWARD + timedelta(days=1))
    staffed = _staffed(out)
    assert staffed["ds"].min() == pd.Timestamp("2026-03-29 03:00", tz=TZ)
    assert len(staffed) == 4  # keeps its full 60 minutes


def test_start_in_the_repeated_hour_is_the_first_occurrence() -> None:
    early = ShiftPattern("Vroeg", ("phone",), time(2, 30), 30, (6,), 1)
    out = expand_shifts([early], FALL_BACK, FALL_BACK + timedelta(days=1))
    staffed = _staffed(out)
    assert len(staffed) == 2
    assert staffed["ds"].iloc[0] == pd.Timestamp("2026-10-25 02:30+02:00").tz_convert(TZ)


def test_partial_intervals_count_pro_rata() -> None:
    shift = ShiftPattern("Kort", ("phone",), time(8, 10), 60, EVERY_DAY, 1)
    out = expand_shifts([shift], MONDAY, MONDAY + timedelta(days=1))
    assert _at(out, "2026-11-16 08:00") == pytest.approx(1 / 3)
    assert _at(out, "2026-11-16 08:15") == 1
    assert _at(out, "2026-11-16 08:45") == 1
    assert _at(out, "2026-11-16 09:00") == pytest.approx(2 / 3)
    assert out["agents"].sum() == pytest.approx(4.0)  # one agent-hour in quarter hours


def test_partial_intervals_on_an_hourly_grid() -> None:
    shift = ShiftPattern("Kort", ("phone",), time(8, 45), 90, EVERY_DAY, 4)
    out = expand_shifts([shift], MONDAY, MONDAY + timedelta(days=1), interval_min=60)
    assert len(out) == 24 and (out["interval_min"] == 60).all()
    assert _at(out, "2026-11-16 08:00") == pytest.approx(1.0)  # 4 agents x 15 of 60 min
    assert _at(out, "2026-11-16 09:00") == pytest.approx(4.0)
    assert _at(out, "2026-11-16 10:00") == pytest.approx(1.0)


def test_home_block_of_ninety_minutes() -> None:
    block = ShiftPattern("Thuis piek", ("phone",), time(9, 30), 90, (0,), 6, location="home")
    out = expand_shifts([block], MONDAY, MONDAY + timedelta(days=1))
    staffed = _staffed(out)
    assert len(staffed) == 6 and (staffed["agents"] == 6).all()


def test_agents_of_a_multi_channel_shift_are_split_equally() -> None:
    shared = ShiftPattern("Digitaal", ("chat", "whatsapp"), time(9, 0), 60, EVERY_DAY, 3)
    phone = ShiftPattern("Telefoon", ("phone",), time(9, 0), 60, EVERY_DAY, 1)
    out = expand_shifts([shared, phone], MONDAY, MONDAY + timedelta(days=1))
    assert list(out["channel"].unique()) == ["phone", "chat", "whatsapp"]
    assert _at(out, "2026-11-16 09:00", "chat") == 1.5
    assert _at(out, "2026-11-16 09:00", "whatsapp") == 1.5
    assert _at(out, "2026-11-16 09:00", "phone") == 1


def test_weekday_filter() -> None:
    weekdays = ShiftPattern("Werkdag", ("phone",), time(9, 0), 60, (0, 1, 2, 3, 4), 1)
    out = expand_shifts([weekdays], MONDAY, MONDAY + timedelta(days=7))
    days = sorted(_staffed(out)["ds"].dt.day_of_week.unique())
    assert days == [0, 1, 2, 3, 4]


def test_validity_dates_are_inclusive_start_dates() -> None:
    shift = ShiftPattern(
        "Tijdelijk", ("phone",), time(9, 0), 60, EVERY_DAY, 1,
        valid_from=date(2026, 11, 17), valid_to=date(2026, 11, 19),
    )
    out = expand_shifts([shift], MONDAY, MONDAY + timedelta(days=7))
    days = sorted(set(_staffed(out)["ds"].dt.date))
    assert days == [date(2026, 11, 17), date(2026, 11, 18), date(2026, 11, 19)]


def test_night_shift_valid_until_a_date_still_ends_next_morning() -> None:
    night = ShiftPattern("Nacht", ("phone",), time(22, 0), 240, EVERY_DAY, 1, valid_to=MONDAY)
    out = expand_shifts([night], MONDAY, MONDAY + timedelta(days=3))
    assert _at(out, "2026-11-17 01:45") == 1  # Monday's shift, after midnight
    assert _at(out, "2026-11-17 22:00") == 0  # Tuesday's does not start


def test_frame_input_equals_pattern_input_and_survives_the_store(mem_con) -> None:
    shifts = [
        ShiftPattern("Vroeg", ("phone",), time(8, 0), 480, (0, 1, 2, 3, 4), 10),
        ShiftPattern("Digitaal", ("chat", "whatsapp"), time(17, 0), 300, (0, 4), 4, "home",
                     valid_from=date(2026, 11, 17)),
    ]
    window = (MONDAY, MONDAY + timedelta(days=7))
    from_patterns = expand_shifts(shifts, *window)
    from_frame = expand_shifts(patterns_to_frame(shifts), *window)
    pd.testing.assert_frame_equal(from_patterns, from_frame)

    store.replace_shifts(mem_con, patterns_to_frame(shifts))
    stored = store.read_shifts(mem_con)
    assert patterns_from_frame(stored) == shifts
    pd.testing.assert_frame_equal(expand_shifts(stored, *window), from_patterns)


def test_no_shifts_give_an_empty_roster_frame() -> None:
    out = expand_shifts([], MONDAY, MONDAY + timedelta(days=1))
    assert list(out.columns) == list(ROSTER_COLUMNS)
    assert out.empty


@settings(max_examples=40, deadline=None)
@given(
    start_min=st.integers(0, 24 * 60 - 1),
    length_min=st.integers(15, 24 * 60),
    headcount=st.integers(0, 50),
    day_offset=st.integers(0, 240),
)
def test_agent_hours_are_conserved(start_min: int, length_min: int, headcount: int, day_offset: int) -> None:
    """Whatever the start (DST nights included), a shift adds headcount x length agent-time."""
    day = date(2026, 3, 1) + timedelta(days=day_offset)
    shift = ShiftPattern("P", ("phone",), time(start_min // 60, start_min % 60), length_min, (day.weekday(),), headcount)
    out = expand_shifts([shift], day, day + timedelta(days=3))
    assert out["agents"].sum() * 15 == pytest.approx(headcount * length_min)
    assert (out["agents"] >= 0).all() and (out["agents"] <= headcount + 1e-9).all()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"length_min": 0}, "length_min must be a whole number between 15 and 1440 minutes, got 0"),
        ({"length_min": 1441}, "length_min must be a whole number between 15 and 1440 minutes, got 1441"),
        ({"length_min": 90.5}, "length_min must be a whole number between 15 and 1440 minutes, got 90.5"),
        ({"weekdays": (0, 7)}, "weekdays must be a whole number between 0 and 6 (0 = Monday, 6 = Sunday), got 7"),
        ({"weekdays": ()}, "weekdays must hold at least one day between 0 (Monday) and 6 (Sunday), got none"),
        ({"headcount": -1}, "headcount must be a whole number between 0 and 10000, got -1"),
        ({"location": "office"}, "location must be one of site, home, got 'office'"),
        ({"channels": ()}, "channels must name at least one channel id (for example 'phone'), got ()"),
        ({"channels": ("phone", "phone")}, "channels must not repeat a channel, got ['phone', 'phone']"),
        ({"start_time": "25:00"}, "start_time must be a time of day between 00:00 and 23:59, got '25:00'"),
        ({"name": " "}, "name must be a non-empty text, got ' '"),
        (
            {"valid_from": date(2026, 12, 1), "valid_to": date(2026, 11, 1)},
            "valid_to (2026-11-01) must be on or after valid_from (2026-12-01)",
        ),
    ],
)
def test_validation_messages_name_the_field_and_range(changes: dict, message: str) -> None:
    fields = {"name": "Dag", "channels": ("phone",), "start_time": time(9, 0), "length_min": 480}
    with pytest.raises(ValueError) as caught:
        ShiftPattern(**{**fields, **changes})
    assert str(caught.value) == message


def test_patterns_normalise_their_fields() -> None:
    shift = ShiftPattern("Dag", ["phone"], "09:30", np.int64(90), [4, 0, 0], np.int32(3),
                         valid_from=pd.Timestamp("2026-11-16"))
    assert shift.channels == ("phone",)
    assert shift.start_time == time(9, 30)
    assert shift.weekdays == (0, 4)
    assert shift.headcount == 3 and isinstance(shift.headcount, int)
    assert shift.valid_from == date(2026, 11, 16)
    assert shift.agent_hours_per_week == pytest.approx(3 * 1.5 * 2)


def test_frame_rows_are_named_in_errors() -> None:
    frame = patterns_to_frame([ShiftPattern("Dag", ("phone",), time(9, 0), 480)])
    frame.loc[0, "length_min"] = 5
    with pytest.raises(ValueError, match=r"shift row 1 \('Dag'\): length_min must be a whole number"):
        patterns_from_frame(frame)
    with pytest.raises(ValueError, match="shift table lacks column"):
        patterns_from_frame(frame.drop(columns="headcount"))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"end": MONDAY}, "end (2026-11-16) must be after start (2026-11-16)"),
        ({"interval_min": 7}, "interval_min must divide 60 (for example 15, 30 or 60), got 7"),
    ],
)
def test_expand_rejects_a_bad_window(kwargs: dict, message: str) -> None:
    shift = ShiftPattern("Dag", ("phone",), time(9, 0), 480)
    args = {"start": MONDAY, "end": MONDAY + timedelta(days=1), **kwargs}
    with pytest.raises(ValueError) as caught:
        expand_shifts([shift], **args)
    assert str(caught.value) == message


def test_shift_errors_read_in_the_editors_language() -> None:
    frame = patterns_to_frame([ShiftPattern("Dag", ("phone",), time(9, 0), 480)])
    frame.loc[0, "length_min"] = 5
    with pytest.raises(ShiftError) as caught:
        patterns_from_frame(frame)
    # English for logs and callers; on screen the field as the shift editor labels it
    assert str(caught.value) == "shift row 1 ('Dag'): length_min must be a whole number between 15 and 1440 minutes, got 5"
    assert caught.value.message("en") == (
        "shift row 1 ('Dag'): Length [min] must be a whole number between 15 and 1440 minutes, got 5"
    )
    assert caught.value.message("nl") == (
        "dienstregel 1 ('Dag'): Lengte [min] moet een geheel aantal minuten van 15 tot en met 1440 zijn, niet 5"
    )
    with pytest.raises(ShiftError) as caught:
        ShiftPattern("Dag", ("phone",), time(9, 0), 480, weekdays=())
    assert caught.value.message("nl") == "Weekdagen: kies minstens één dag"


# --------------------------------------------------------------------------- coverage integral


def test_coverage_integral_known_values() -> None:
    # 2 agents over [0, 10) s and 1 agent over [5, 20) s, worked by hand:
    # F(0) = 0, F(5) = 2*5, F(10) = 2*10 + 1*5, F(20) = 20 + 15, and flat afterwards
    coverage = CoverageIntegral.of_spans(np.array([0, 5]), np.array([10, 20]), np.array([2, 1]))
    at = coverage.at(np.array([-5, 0, 5, 10, 12, 20, 30]))
    assert at.tolist() == [0, 0, 10, 25, 27, 35, 35]
    assert at.dtype == np.int64  # whole agents stay exact
    halves = CoverageIntegral.of_spans(np.array([0]), np.array([900]), np.array([0.5]))
    assert halves.at(np.array([450, 900, 1800])).tolist() == [225.0, 450.0, 450.0]


def test_shifts_and_a_stored_roster_share_the_coverage_integral() -> None:
    # One integral for both: a shift roster at 5 minutes, aligned to 15-minute demand intervals,
    # gives what the shifts give at 15 minutes directly (an 08:10 start: 1/3 agent at 08:00).
    shift = ShiftPattern("early", ("phone",), time(8, 10), 50, weekdays=(0,), headcount=3)
    fine = expand_shifts([shift], MONDAY, MONDAY + timedelta(days=1), interval_min=5, tz=TZ)
    coarse = expand_shifts([shift], MONDAY, MONDAY + timedelta(days=1), interval_min=15, tz=TZ)
    aligned = align_roster(coarse[["channel", "ds", "interval_min"]], fine)
    np.testing.assert_allclose(aligned, coarse["agents"].to_numpy(), rtol=0, atol=1e-12)
    assert _at(coarse, "2026-11-16 08:00") == pytest.approx(1.0)
    assert _at(coarse, "2026-11-16 09:00") == pytest.approx(0.0)
