"""Holiday calendars and event frames (kcc.events)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kcc.events import (
    COMMON_COUNTRIES,
    EVENT_COLUMNS,
    EVENT_KINDS,
    EventError,
    empty_events,
    events_for_channel,
    expand_events,
    holiday_dates,
    holidays_in_language,
    supported_countries,
    validate_events,
)


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": [1, 2],
            "name": ["Spring campaign", "Office move"],
            "kind": ["campaign", "closure"],
            "start_date": [date(2024, 3, 4), date(2024, 3, 10)],
            "end_date": [date(2024, 3, 8), date(2024, 3, 10)],
            "channels": [["phone", "chat"], []],
            "uplift_pct": [25.0, None],
            "exclude_from_training": [False, False],
        }
    )


def test_dutch_holidays_are_the_known_dates() -> None:
    frame = holiday_dates("NL", [2024], language="nl")
    days = dict(zip(frame["date"].dt.date, frame["name"], strict=True))
    assert days[date(2024, 4, 27)] == "Koningsdag"
    assert days[date(2024, 12, 25)] == "Eerste kerstdag"
    assert date(2024, 5, 9) in days  # Ascension Day
    assert list(frame.columns) == ["date", "name"]
    assert frame["date"].is_monotonic_increasing


def test_other_countries_and_the_supported_list() -> None:
    assert date(2024, 7, 21) in set(holiday_dates("BE", [2024])["date"].dt.date)
    assert date(2024, 10, 3) in set(holiday_dates("DE", [2024])["date"].dt.date)
    assert date(2024, 12, 26) in set(holiday_dates("GB", [2024])["date"].dt.date)
    codes = supported_countries()
    assert {"NL", "BE", "DE", "GB", "US"} <= set(codes)
    assert set(COMMON_COUNTRIES) <= set(codes)
    assert holiday_dates("NL", []).empty


def test_unknown_country_is_refused_with_a_clear_message() -> None:
    with pytest.raises(EventError, match="country 'XX' has no holiday calendar"):
        holiday_dates("XX", [2024])


def test_validate_normalises_types() -> None:
    raw = _events()
    raw["channels"] = ["phone, chat", None]
    raw["start_date"] = ["2024-03-04", "2024-03-10"]
    out = validate_events(raw)
    assert list(out.columns) == list(EVENT_COLUMNS)
    assert out["channels"].tolist() == [["phone", "chat"], []]
    assert out["start_date"].tolist() == [date(2024, 3, 4), date(2024, 3, 10)]
    assert out["uplift_pct"].isna().tolist() == [False, True]
    assert validate_events(None).columns.tolist() == empty_events().columns.tolist()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": ["party", "closure"]}, "kind 'party' is not one of campaign, mailing"),
        ({"end_date": [date(2024, 3, 1), date(2024, 3, 10)]}, "end_date 2024-03-01 is before"),
        ({"start_date": ["not a day", date(2024, 3, 10)]}, "start_date 'not a day' is not a date"),
        ({"uplift_pct": [-150.0, None]}, "uplift_pct -150.0 is below -100 %"),
    ],
)
def test_validate_names_the_bad_field(change: dict[str, list[object]], message: str) -> None:
    frame = _events().assign(**change)
    with pytest.raises(EventError, match=message):
        validate_events(frame)


def test_missing_columns_are_named() -> None:
    with pytest.raises(EventError, match="missing column"):
        validate_events(pd.DataFrame({"name": ["x"], "kind": ["campaign"]}))


def test_expand_gives_one_row_per_day() -> None:
    days = expand_events(_events())
    assert len(days) == 5 + 1
    assert days["date"].dt.date.tolist()[:2] == [date(2024, 3, 4), date(2024, 3, 5)]
    clipped = expand_events(_events(), start=date(2024, 3, 6), end=date(2024, 3, 9))
    assert clipped["date"].dt.date.tolist() == [date(2024, 3, d) for d in (6, 7, 8)]
    assert expand_events(None).empty
    assert set(EVENT_KINDS) >= set(days["kind"])


def test_events_for_channel_keeps_all_channel_events() -> None:
    assert events_for_channel(_events(), "email")["name"].tolist() == ["Office move"]
    assert events_for_channel(_events(), "phone")["name"].tolist() == [
        "Spring campaign",
        "Office move",
    ]
    assert len(events_for_channel(_events(), None)) == 2


def test_event_errors_read_in_the_editors_language() -> None:
    frame = _events().assign(end_date=[date(2024, 3, 1), date(2024, 3, 10)])
    with pytest.raises(EventError) as caught:
        validate_events(frame)
    english = str(caught.value)
    assert "end_date 2024-03-01 is before start_date" in english
    dutch = caught.value.message("nl")
    assert dutch.startswith("evenement ") and "Einddatum 2024-03-01 ligt vóór Startdatum" in dutch
    with pytest.raises(EventError) as caught:
        validate_events(_events().assign(uplift_pct=[-150.0, None]))
    assert "-150,0 is lager dan -100 %" in caught.value.message("nl")


def test_channel_cells_read_the_same_from_a_picker_and_from_text() -> None:
    from kcc.config import channel_list

    assert channel_list("phone, chat;email") == ["phone", "chat", "email"]
    assert channel_list(["phone", " chat ", ""]) == ["phone", "chat"]
    assert channel_list(None) == channel_list(float("nan")) == channel_list("") == []


def test_holidays_are_named_in_the_readers_language() -> None:
    """Named as the ``holidays`` package names them in that language, by date; a calendar without
    the language, or an unknown country, keeps the names it had."""
    daily = pd.DataFrame({"date": pd.to_datetime(["2026-12-24", "2026-12-25", "2027-01-01"]),
                          "holiday": ["", "Christmas Day", "New Year's Day"]})
    dutch = holidays_in_language(daily, "NL", "nl")
    assert list(dutch["holiday"]) == ["", "Eerste kerstdag", "Nieuwjaarsdag"]
    assert list(daily["holiday"]) == ["", "Christmas Day", "New Year's Day"]  # not changed in place
    german = pd.DataFrame({"date": pd.to_datetime(["2026-10-03"]), "holiday": ["Tag der Deutschen Einheit"]})
    assert list(holidays_in_language(german, "DE", "en")["holiday"]) == ["German Unity Day"]
    assert list(holidays_in_language(german, "DE", "nl")["holiday"]) == ["Tag der Deutschen Einheit"]
    assert holidays_in_language(daily, "XX", "nl") is daily
