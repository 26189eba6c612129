"""A shared scenario link is input from anyone: its size is capped before it is unpacked, and
whatever it holds is checked as a spec or refused with a message in the reader's language."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from kcc.scenarios import (
    LINK_MAX_CHARS,
    LINK_NAME_MAX_CHARS,
    ChannelHours,
    ScenarioError,
    ScenarioSpec,
    link_name,
)
from kcc.scenarios.link import pack_spec, unpack_query


def _packed(text: str) -> str:
    return base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii").rstrip("=")


def _refusal(params: dict[str, object]) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        ScenarioSpec.from_query(params)
    return info.value


def test_a_full_scenario_fits_well_inside_the_cap() -> None:
    spec = ScenarioSpec(opening_hours=tuple(
        ChannelHours.weekly(channel, 480, 1200) for channel in ("phone", "chat", "email", "whatsapp")))
    query = spec.to_query(name="Late opening")
    assert len(query["scenario"]) < LINK_MAX_CHARS / 4
    assert ScenarioSpec.from_query(query) == spec


def test_a_link_over_the_cap_is_refused_before_it_is_unpacked_in_both_languages() -> None:
    error = _refusal({"scenario": "A" * (LINK_MAX_CHARS + 1)})
    assert (error.code, error.fields["size"], error.fields["limit"]) == ("link_too_long", 4097, 4096)
    assert error.message("en") == (
        "the scenario link is too long (4,097 characters in query parameter 'scenario', at most 4,096); "
        "save the scenario and open it from the list instead")
    assert error.message("nl") == (
        "de scenariolink is te lang (4.097 tekens in parameter 'scenario', hoogstens 4.096); "
        "sla het scenario op en open het uit de lijst")


def test_a_small_link_that_unpacks_into_a_huge_document_is_refused() -> None:
    bomb = _packed(json.dumps({"colour": " " * 2_000_000}))
    assert len(bomb) <= LINK_MAX_CHARS  # small on the wire
    assert _refusal({"scenario": bomb}).code == "link_too_long"


@pytest.mark.parametrize("content", [
    "[1, 2, 3]", '"text"', "null", "[" * 3000 + "]" * 3000, "{not json",
    json.dumps({"opening_hours": "phone"}), json.dumps({"opening_hours": [[1, 2]]}),
    json.dumps({"targets": [{"channel": {"x": 1}}]}), json.dumps({"surge": [1]}),
    json.dumps({"costs": [{"channel": "phone", "cost_eur_per_hour": "x"}]}),
    json.dumps({"opening_hours": [{"channel": "phone", "open_min": 5, "close_min": None}]}),
    json.dumps({"version": 1e308}), json.dumps({"flex_premium": 1e400}),
])
def test_any_content_is_a_spec_or_a_refusal_never_a_crash(content: str) -> None:
    try:
        ScenarioSpec.from_query({"scenario": _packed(content)})
    except ValueError as exc:  # ScenarioError and the field checks' errors are ValueErrors
        assert str(exc)


def test_a_link_that_holds_no_spec_object_is_damaged_in_both_languages() -> None:
    error = _refusal({"scenario": _packed("[1, 2, 3]")})
    assert error.message("en") == "the scenario link is damaged (query parameter 'scenario' cannot be read)"
    assert error.message("nl") == "de scenariolink is beschadigd (parameter 'scenario' is onleesbaar)"


def test_out_of_range_levers_in_a_link_are_refused_by_the_spec_checks() -> None:
    spec = ScenarioSpec().to_dict() | {"flex_premium": 4}
    assert str(_refusal_any({"scenario": pack_spec(spec)})) == "flex_premium must be between 0 and 3, got 4"


def _refusal_any(params: dict[str, object]) -> ValueError:
    with pytest.raises(ValueError) as info:
        ScenarioSpec.from_query(params)
    return info.value


def test_the_name_is_cut_to_the_name_fields_limit_and_a_repeated_parameter_reads_its_last() -> None:
    assert link_name({"name": "x" * 5000}) == "x" * LINK_NAME_MAX_CHARS
    assert link_name({"name": ["first", "  Late\n opening "]}) == "Late opening"
    assert link_name({}) == ""
    assert unpack_query({"scenario": [pack_spec({"a": 1}), pack_spec({"b": 2})]}) == {"b": 2}
