"""Findings written from a plan's numbers, checked on a plan with a known gap: a roster with
enough hours in the wrong place (the afternoon, not the Monday-morning peak)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcc import plan
from kcc.report import finding_text


def known_gap_plan() -> pd.DataFrame:
    """Two weeks of phone, open 08:00-18:00 on weekdays. Demand needs 10 agents, 20 from
    10:00 to 12:00 on Mondays; the roster has 12 all day, 16 from 14:00 to 16:00. Service is
    0.5 where the roster is short, 0.95 elsewhere."""
    ds = pd.date_range("2026-11-16", periods=96 * 14, freq="15min", tz="Europe/Amsterdam")
    local = ds.tz_localize(None)
    hour, weekday = local.hour.to_numpy(), local.day_of_week.to_numpy()
    open_ = (weekday < 5) & (hour >= 8) & (hour < 18)
    required = np.where(open_, np.where((weekday == 0) & (hour >= 10) & (hour < 12), 20.0, 10.0), 0.0)
    rostered = np.where(open_, np.where((hour >= 14) & (hour < 16), 16.0, 12.0), 0.0)
    volume = np.where(open_, required * 4, 0.0)
    short = rostered < required
    return pd.DataFrame({
        "channel": "phone", "ds": ds, "interval_min": 15, "model": "erlang_a", "volume": volume,
        "volume_hi": volume * 1.1, "aht_s": 300.0, "required": required * 0.8, "required_scheduled": required,
        "required_scheduled_p90": required, "rostered": rostered, "available": rostered * 0.8,
        "gap": rostered - required,
        "service_level": np.where(open_, np.where(short, 0.5, 0.95), np.nan),
        "asa_s": np.where(open_, 20.0, np.nan), "p_abandon": np.where(open_, 0.03, np.nan),
        "occupancy": np.where(open_, 0.8, np.nan),
        "cost_required_eur": required * 0.25 * 40, "cost_rostered_eur": rostered * 0.25 * 40,
    })


@pytest.fixture(scope="module")
def found() -> plan.Findings:
    settings = plan.default_settings({}).with_targets("phone", target_service_level=0.95)
    return plan.plan_findings(known_gap_plan(), settings)


def test_enough_hours_in_the_wrong_place_is_a_shape_mismatch(found: plan.Findings) -> None:
    shape = found.misses[0]
    assert (shape.kind, shape.group, shape.channel) == ("shape_mismatch", "miss", "phone")
    # 12 agents x 10 h x 10 weekdays + 4 x 2 h x 10 = 1,280 h rostered; 1,000 + 2 x 2 h x 10 x 2 = 1,040 required
    weeks = 2.0
    contract = plan.default_settings({}).contract_hours_per_week
    assert shape.number("rostered_fte") == pytest.approx(1280 / (contract * weeks))
    assert shape.number("required_fte") == pytest.approx(1040 / (contract * weeks))
    # 640 of 4,480 contacts answered late at the peak, 2 of 40 elsewhere: 1,408 late
    assert shape.number("target") == 0.95 and shape.number("achieved") == pytest.approx(1 - 1408 / (640 * 2 + 384 * 40))


def test_the_monday_peak_is_named_with_its_share_of_the_misses(found: plan.Findings) -> None:
    kinds = {f.kind: f for f in found.misses}
    day, peak = kinds["short_day"], kinds["short_peak"]
    # the peak: 2 Mondays x 8 intervals x 80 contacts x 0.5 = 640 late; the other 384 open
    # intervals: 40 contacts x 0.05 = 2 late each, 768, of which the Mondays' 64 intervals hold 128
    assert int(day.number("weekday")) == 0
    assert day.number("missed") == pytest.approx(640 + 128)
    assert day.number("channel_missed") == pytest.approx(640 + 768)
    assert day.number("share") == pytest.approx(768 / 1408)
    assert (peak.number("start_h"), peak.number("end_h"), peak.number("share")) == (10, 12, 1.0)
    assert (peak.number("over_start_h"), peak.number("over_end_h")) == (14, 16)
    assert found.profile is not None and found.profile.weekday == 0
    assert dict(zip(found.profile.hours, found.profile.required, strict=True))[10] == 20.0
    assert dict(zip(found.profile.hours, found.profile.rostered, strict=True))[14] == 16.0


def test_the_rosters_surplus_is_a_cost_driver(found: plan.Findings) -> None:
    surplus = next(f for f in found.costs if f.kind == "surplus_cost")
    # 2 agents too many in 76 of the 100 open hours, 6 from 14:00 to 16:00 (20 h); the
    # Monday peaks (4 h) are short
    assert surplus.number("over_h") == pytest.approx(2 * 76 + 6 * 20)
    assert surplus.number("cost_eur") == pytest.approx(272 * plan.default_settings({}).cost_for("phone"))


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("the roster's shape does not match the demand", "Monday takes 55%", "10:00-12:00 peak",
            "covers 14:00-16:00")),
    ("nl", ("de vorm van het rooster past niet bij de vraag", "Op maandag valt 55%", "piek van 10:00-12:00",
            "dekt 14:00-16:00")),
])
def test_findings_read_in_both_languages(found: plan.Findings, lang: str, words: tuple[str, ...]) -> None:
    text = " ".join(finding_text(f, lang, found.weeks) for f in found.misses)
    for word in words:
        assert word in text, (word, text)


def test_a_plan_that_meets_its_targets_has_no_misses() -> None:
    frame = known_gap_plan().assign(service_level=lambda f: f["service_level"].where(f["volume"] <= 0, 0.99))
    found = plan.plan_findings(frame, plan.default_settings({}))
    assert found.misses == () and found.costs  # money still goes somewhere
