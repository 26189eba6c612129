"""The FTE bridge adds up, in hours and in EUR, and uses the one FTE formula."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kcc import staffing
from kcc.capacity import HOUR_STEPS, CapacityFieldError, FteSpec, bridge_frame, bridge_total, plan_bridge

SPEC = FteSpec(contract_hours_per_week=36.0, in_shift_shrinkage=0.12, out_of_shift_shrinkage=0.18,
               efficiency=0.85, fte_per_head=0.8, efficiency_by_channel=(("chat", 0.8),))
RATES = {"phone": 38.0, "chat": 36.5}


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"period": ["2027-01", "2027-01", "2027-02"], "channel": ["phone", "chat", "phone"],
                         "days": [31, 31, 28], "contact_h": [4321.75, 987.125, 3999.0]})


def test_each_row_adds_up_in_hours_and_in_eur() -> None:
    bridge = bridge_frame(_frame(), SPEC, RATES)
    for row in bridge.itertuples():
        hours = [getattr(row, step) for step in HOUR_STEPS]
        euros = [getattr(row, step.replace("_h", "_eur")) for step in HOUR_STEPS]
        assert math.fsum(hours) == pytest.approx(row.paid_h, rel=1e-14)
        assert math.fsum(euros) == pytest.approx(row.paid_eur, rel=1e-14)
        assert row.contact_h + row.in_shift_h == pytest.approx(row.required_h, rel=1e-15)
        assert row.required_h + row.cover_h == pytest.approx(row.rostered_h, rel=1e-15)
        assert row.paid_eur == pytest.approx(row.paid_h * RATES[row.channel], rel=1e-15)


def test_fte_is_rostered_hours_over_contract_hours_net_of_out_of_shift_shrinkage() -> None:
    row = bridge_frame(_frame(), SPEC, RATES).iloc[0]
    weeks = 31 / 7
    rostered = 4321.75 / (1 - 0.12) / 0.85
    assert row["rostered_h"] == pytest.approx(rostered, rel=1e-14)
    assert row["fte"] == pytest.approx(rostered / (36.0 * (1 - 0.18) * weeks), rel=1e-14)
    assert row["fte"] == staffing.fte(row["paid_h"], 36.0, weeks)
    assert row["heads"] == pytest.approx(row["fte"] / 0.8, rel=1e-15)
    # the shift cover's own efficiency for chat replaces the default
    chat = bridge_frame(_frame(), SPEC, RATES).iloc[1]
    assert chat["efficiency"] == 0.8
    assert chat["rostered_h"] == pytest.approx(987.125 / 0.88 / 0.8, rel=1e-14)


def test_a_known_case_by_hand() -> None:
    # 100 contact hours, 20% in shift -> 125; efficiency 0.8 -> 156.25; 20% out of shift -> 195.3125
    spec = FteSpec(contract_hours_per_week=40, in_shift_shrinkage=0.2, out_of_shift_shrinkage=0.2,
                   efficiency=0.8, fte_per_head=0.5)
    row = bridge_frame(pd.DataFrame({"period": [1], "channel": ["phone"], "days": [7], "contact_h": [100.0]}),
                       spec, {"phone": 40.0}).iloc[0]
    assert (row["required_h"], row["rostered_h"], row["paid_h"]) == (125.0, 156.25, 195.3125)
    assert row["fte"] == pytest.approx(195.3125 / 40)
    assert row["heads"] == pytest.approx(195.3125 / 40 / 0.5)
    assert row["paid_eur"] == 195.3125 * 40


def test_the_total_bridge_adds_up_and_its_steps_are_the_waterfall() -> None:
    bridge = bridge_frame(_frame(), SPEC, RATES)
    total = bridge_total(bridge, SPEC)
    assert math.fsum(v for _, v in total.steps("h")) == pytest.approx(total.paid_h, rel=1e-14)
    assert math.fsum(v for _, v in total.steps("eur")) == pytest.approx(total.paid_eur, rel=1e-14)
    assert [s for s, _ in total.steps()] == list(HOUR_STEPS)


def test_the_weekly_bridge_of_an_interval_plan() -> None:
    ds = pd.date_range("2027-03-01", periods=14 * 96, freq="15min", tz="Europe/Amsterdam")
    plan = pd.DataFrame({"channel": "phone", "ds": ds, "interval_min": 15, "required": 4.0})
    weekly = plan_bridge(plan, SPEC, RATES, "W")
    assert len(weekly) == 2 and list(weekly["days"]) == [7, 7]
    # DST: 2027-03-28 has 92 quarter-hours, but the plan only holds 2 weeks from 1 March
    assert weekly["contact_h"].tolist() == [4.0 * 24 * 7, 4.0 * 24 * 7]
    assert weekly["fte"].iloc[0] == pytest.approx(672 / 0.88 / 0.85 / 0.82 / 36.0, rel=1e-12)


@pytest.mark.parametrize(("field", "value", "en", "nl"), [
    ("contract_hours_per_week", 80.0, "Contract hours [h/week] must be between 12 and 48 h/week, got 80.0",
     "Contracturen [u/week] moet tussen 12 en 48 u/week liggen, niet 80,0"),
    ("efficiency", 0.0, "Schedule efficiency must be between 0.3 and 1, got 0.0",
     "Roosterefficiëntie moet tussen 0,3 en 1 liggen, niet 0,0"),
    ("out_of_shift_shrinkage", -0.1, "Out-of-shift shrinkage must be between 0 and 0.6, got -0.1",
     "Shrinkage buiten de dienst moet tussen 0 en 0,6 liggen, niet -0,1"),
])
def test_bad_bridge_settings_name_the_field(field: str, value: float, en: str, nl: str) -> None:
    with pytest.raises(CapacityFieldError) as caught:
        FteSpec(**{field: value})
    assert caught.value.message("en") == en
    assert caught.value.message("nl") == nl
    assert field in str(caught.value)
