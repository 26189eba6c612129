"""The field checks every spec shares (``kcc.checks``): what passes, and what a reader is
told in English and Dutch when a value does not."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kcc import checks
from kcc.checks import FieldError
from kcc.formatting import escape_markdown


def _refused(check, *args, **kwargs) -> FieldError:  # noqa: ANN001
    with pytest.raises(FieldError) as info:
        check(*args, **kwargs)
    return info.value


@pytest.mark.parametrize(
    ("check", "args", "kwargs", "en", "nl"),
    [
        (checks.number_in, ("surge.uplift", 6, 0, 5), {},
         "surge.uplift must be between 0 and 5, got 6",
         "surge.uplift moet tussen 0 en 5 liggen, niet 6"),
        (checks.number_in, ("targets[email].response_time_h", 0.1, 0.25, 720), {"unit": "h"},
         "targets[email].response_time_h must be between 0.25 and 720 h, got 0.1",
         "targets[email].response_time_h moet tussen 0,25 en 720 u liggen, niet 0,1"),
        (checks.number_in, ("cost", -5, 0, 1000), {"unit": "EUR/h"},
         "cost must be between 0 and 1000 EUR/h, got -5",
         "cost moet tussen 0 en 1000 EUR/u liggen, niet -5"),
        (checks.number_in, ("share", None, 0, 1), {},
         "share must be between 0 and 1, got None",
         "share moet tussen 0 en 1 liggen, niet None"),
        (checks.whole_number, ("close_min", 470, 0, 1440), {"unit": "min", "step": 15},
         "close_min must be a whole number between 0 and 1440 min in steps of 15, got 470",
         "close_min moet een geheel getal van 0 tot en met 1440 min zijn, in stappen van 15, niet 470"),
        (checks.whole_number, ("home_agents", 2.5, 0, 10_000), {"unit": "agents"},
         "home_agents must be a whole number between 0 and 10000 agents, got 2.5",
         "home_agents moet een geheel getal van 0 tot en met 10000 medewerkers zijn, niet 2,5"),
        (checks.whole_at_least, ("scale_min_rows", 0, 1), {},
         "scale_min_rows must be a whole number of 1 or more, got 0",
         "scale_min_rows moet een geheel getal van 1 of meer zijn, niet 0"),
        (checks.at_least, ("max_count", math.inf, 0), {},
         "max_count must be a finite number of 0 or more, got inf",
         "max_count moet een eindig getal van 0 of meer zijn, niet inf"),
        (checks.above, ("contract_hours_per_week", 0.0), {"unit": "h"},
         "contract_hours_per_week must be above 0 h, got 0.0",
         "contract_hours_per_week moet boven 0 u liggen, niet 0,0"),
        (checks.above_at_most, ("contract_hours_per_week", 61, 60), {"unit": "h/week"},
         "contract_hours_per_week must be above 0 and at most 60 h/week, got 61",
         "contract_hours_per_week moet boven 0 en hoogstens 60 u/week liggen, niet 61"),
        (checks.above_at_most, ("answer_time_s", None, 3600), {"unit": "s"},
         "answer_time_s is required", "answer_time_s is verplicht"),
        (checks.share, ("target_service_level", 1.5), {},
         "target_service_level must be a share above 0 up to 1, got 1.5",
         "target_service_level moet een aandeel boven 0 tot en met 1 zijn, niet 1,5"),
        (checks.share, ("shrinkage['phone']", 0.95), {"high": 0.9, "low_open": False},
         "shrinkage['phone'] must be a share from 0 up to 0.9, got 0.95",
         "shrinkage['phone'] moet een aandeel van 0 tot en met 0,9 zijn, niet 0,95"),
        (checks.in_interval, ("target_service_level", 80, 0, 1), {"low_open": True, "high_open": True},
         "target_service_level must be in (0, 1), got 80",
         "target_service_level moet in (0; 1) liggen, niet 80"),
        (checks.in_interval, ("aht_s", 0, 0, 86_400), {"low_open": True},
         "aht_s must be in (0, 86400], got 0",
         "aht_s moet in (0; 86400] liggen, niet 0"),
        (checks.one_of, ("target", "fax", ("phone", "chat")), {},
         "target must be one of phone, chat, got 'fax'",
         "target moet een van phone, chat zijn, niet 'fax'"),
        (checks.one_of, ("language", "de", ("en", "nl")), {"shown": "('en', 'nl')"},
         "language must be one of ('en', 'nl'), got 'de'",
         "language moet een van ('en', 'nl') zijn, niet 'de'"),
        (checks.typed_number, ("Contracturen per week", "36,5 u", "nl"), {},
         "Contracturen per week: '36,5 u' is not a number; type it like 1234.5",
         "Contracturen per week: '36,5 u' is geen getal; typ het zoals 1234,5"),
        (checks.unique, ("fcr", ["phone", "chat", "phone"], str), {},
         "fcr lists 'phone' twice", "fcr noemt 'phone' twee keer"),
    ],
)
def test_a_refused_value_is_named_in_english_and_dutch(check, args, kwargs, en: str, nl: str) -> None:  # noqa: ANN001
    error = _refused(check, *args, **kwargs)
    assert isinstance(error, ValueError)
    assert str(error) == en
    assert error.message("en") == en
    assert error.message("nl") == nl


def test_values_inside_the_range_pass_and_come_back_normalised() -> None:
    assert checks.number_in("x", np.int64(3), 0, 5) == 3.0
    assert isinstance(checks.number_in("x", 3, 0, 5), float)
    assert checks.number_in("x", 0, 0, 5) == 0.0 and checks.number_in("x", 5, 0, 5) == 5.0
    assert checks.number_in("x", None, 0, 5, optional=True) is None
    assert checks.whole_number("x", 45.0, 0, 1440, step=15) == 45
    assert isinstance(checks.whole_number("x", np.int32(45), 0, 1440, step=15), int)
    assert checks.share("x", 1.0) == 1.0 and checks.share("x", 0, low_open=False) == 0.0
    assert checks.share("x", None, optional=True) is None
    assert checks.above("x", math.inf) == math.inf  # a limit may be switched off
    assert checks.in_interval("patience_s", math.inf, 0, math.inf) == math.inf
    assert checks.in_interval("x", None, 0, 1, optional=True) is None
    assert checks.one_of("x", "chat", ("phone", "chat")) == "chat"
    checks.unique("x", ["phone", "chat"], str)


@pytest.mark.parametrize(
    ("check", "args", "kwargs"),
    [
        (checks.number_in, ("x", True, 0, 5), {}),  # a tick box is no number
        (checks.number_in, ("x", math.nan, 0, 5), {}),
        (checks.number_in, ("x", "3", 0, 5), {}),
        (checks.whole_number, ("x", math.inf, 0, 5), {}),
        (checks.whole_number, ("x", math.nan, 0, 5), {}),
        (checks.whole_number, ("x", 20, 0, 60), {"step": 15}),
        (checks.share, ("x", 0.0), {}),  # above 0
        (checks.share, ("x", None), {}),
        (checks.above, ("x", math.nan), {}),
        (checks.above_at_most, ("x", math.inf, 10), {}),
        (checks.in_interval, ("x", math.inf, 0, 10), {}),
        (checks.in_interval, ("x", 1.0, 0, 1), {"high_open": True}),
        (checks.at_least, ("x", -0.1, 0), {}),
        (checks.whole_at_least, ("x", 1.5, 1), {}),
    ],
)
def test_edges_outside_the_range_are_refused(check, args, kwargs) -> None:  # noqa: ANN001
    _refused(check, *args, **kwargs)


def test_a_unit_needs_a_text_in_both_languages() -> None:
    with pytest.raises(KeyError, match="no text for the unit 'furlongs'"):
        checks.number_in("x", 7, 0, 5, unit="furlongs")


def test_a_typed_value_shows_literally_in_a_markdown_message() -> None:
    error = _refused(checks.one_of, "channel", "*bold*", ("phone",))
    assert error.message("en", escape=escape_markdown) == r"channel must be one of phone, got '\*bold\*'"
    assert error.message("nl", escape=escape_markdown) == r"channel moet een van phone zijn, niet '\*bold\*'"


def test_the_specs_raise_the_shared_error() -> None:
    from kcc.plan import ChannelTargets
    from kcc.scenarios import SurgeTest
    from kcc.staffing import ChatSpec

    for build in (lambda: ChannelTargets(answer_time_s=0), lambda: SurgeTest(uplift=9),
                  lambda: ChatSpec(handle_time_s=0)):
        with pytest.raises(FieldError):
            build()
    dutch = _refused(lambda: ChannelTargets(concurrency=12)).message("nl")
    assert dutch == "concurrency moet tussen 1 en 10 sessies per medewerker liggen, niet 12"
