"""The board summary's assumptions say what the model does: a closed channel's customers who
would move to a channel the centre does not offer call again later."""

from __future__ import annotations

import pytest

from kcc import plan, report, scenarios
from tests.scenarios.test_scenarios import week_frame


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "closed hours: share that would move to E-mail (not offered: they call again later)"),
    ("nl", "buiten openingstijd: aandeel dat naar E-mail zou overstappen (niet aangeboden: zij bellen later opnieuw)"),
])
def test_a_phone_only_centre_is_not_told_customers_move_to_e_mail(lang: str, text: str) -> None:
    frame = week_frame({"phone": (480, 1200)}, days=7)
    settings = plan.PlanSettings()
    result = scenarios.evaluate_scenario(frame, None, settings, scenarios.ScenarioSpec(), staffed_kpis=False)
    names = [item.name for item in report.build_summary(result, result, settings, language=lang).assumptions]
    assert text in names
    assert not any(name.startswith(("closed hours: share moving to", "buiten openingstijd: aandeel dat overstapt"))
                   for name in names)
