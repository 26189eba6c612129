"""Bad rules and requirements get a message naming the field, in English and Dutch."""

from __future__ import annotations

import pandas as pd
import pytest

from kcc.checks import FieldError
from kcc.shifts import ShiftCoverError, ShiftRules, cover


def week(interval_min: int = 15) -> pd.DataFrame:
    ds = pd.date_range("2026-11-16 07:00", periods=8, freq=f"{interval_min}min")
    return pd.DataFrame({"ds": ds, "agents": 2.0})


def test_a_shift_longer_than_the_window_is_refused() -> None:
    with pytest.raises(ShiftCoverError) as caught:
        ShiftRules(lengths_min=(240, 600), earliest_start="08:00", latest_end="16:00")
    assert str(caught.value) == ("lengths_min: a shift of 600 min is longer than the start window "
                                 "08:00-16:00 (480 min)")
    assert caught.value.message("en").startswith("Shift lengths: a shift of 600 min")
    assert caught.value.message("nl") == ("Dienstlengtes: een dienst van 600 min is langer dan het "
                                          "startvenster 08:00-16:00 (480 min)")


def test_an_empty_requirement_is_refused() -> None:
    with pytest.raises(ShiftCoverError) as caught:
        cover(pd.DataFrame({"ds": pd.Series([], dtype="datetime64[ns]"), "agents": []}))
    assert caught.value.message("en") == "The requirement is empty: there is no interval to cover"
    assert caught.value.message("nl") == "De behoefte is leeg: er is geen interval om te dekken"


def test_a_step_that_does_not_nest_with_the_interval_is_refused() -> None:
    with pytest.raises(ShiftCoverError) as caught:
        cover(week(30), ShiftRules(start_step_min=20, lengths_min=(240,), break_min=0,
                                   earliest_start="07:00", latest_end="21:00"))
    assert caught.value.message("en") == (
        "Start step (20 min) and the interval (30 min) must divide one into the other")
    assert caught.value.message("nl") == (
        "Startstap (20 min) en het interval (30 min) moeten op elkaar deelbaar zijn")


def test_a_break_that_does_not_fit_is_refused() -> None:
    with pytest.raises(ShiftCoverError) as caught:
        ShiftRules(lengths_min=(360,), break_after_min=180, break_before_end_min=180)
    assert caught.value.message("en") == (
        "Break window: a break of 30 min does not fit in a shift of 360 min when it must start "
        "180 min or more after the start and end 180 min or more before the end")
    assert caught.value.message("nl").startswith("Pauzevenster: een pauze van 30 min past niet")


@pytest.mark.parametrize(("kwargs", "english", "dutch"), [
    ({"start_step_min": 7}, "start_step_min must be a whole number between 5 and 60 min in steps of 5, got 7",
     "start_step_min moet een geheel getal van 5 tot en met 60 min zijn, in stappen van 5, niet 7"),
    ({"lengths_min": (250,)}, "lengths_min must be a whole number between 15 and 720 min in steps of 15, got 250",
     "lengths_min moet een geheel getal van 15 tot en met 720 min zijn, in stappen van 15, niet 250"),
    ({"max_part_time_share": 1.5}, "max_part_time_share must be a share from 0 up to 1, got 1.5",
     "max_part_time_share moet een aandeel van 0 tot en met 1 zijn, niet 1,5"),
    ({"earliest_start": "7am"}, "earliest_start must be a time of day written HH:MM, got '7am'",
     "Vroegste start moet een tijd van de dag zijn, geschreven als UU:MM, niet '7am'"),
    ({"earliest_start": "22:00", "latest_end": "07:00"},
     "latest_end (07:00) must be after the earliest start (22:00)",
     "Laatste einde (07:00) moet na de vroegste start (22:00) liggen"),
])
def test_fields_out_of_range_are_named(kwargs: dict, english: str, dutch: str) -> None:
    with pytest.raises((FieldError, ShiftCoverError)) as caught:
        ShiftRules(**kwargs)
    assert str(caught.value) == english
    assert caught.value.message("nl") == dutch


def test_a_bad_requirement_is_named() -> None:
    bad = week()
    bad.loc[3, "agents"] = -1
    with pytest.raises(ShiftCoverError) as caught:
        cover(bad)
    assert caught.value.message("nl") == "De behoefte: medewerkers moet in elk interval een getal van 0 of meer zijn"
    with pytest.raises(ShiftCoverError) as caught:
        cover(week().rename(columns={"agents": "heads"}))
    assert caught.value.message("en") == "The requirement lacks the column(s) agents"
    with pytest.raises(ShiftCoverError) as caught:
        cover(week().head(1))
    assert caught.value.message("nl") == "Intervallengte is nodig als de behoefte maar één interval heeft"
    odd = week()
    odd["ds"] = pd.date_range("2026-11-16 07:00", periods=8, freq="20min")
    with pytest.raises(ShiftCoverError) as caught:
        cover(odd)
    assert caught.value.message("en") == "Interval length must be 15, 30 or 60 min, got 20"
