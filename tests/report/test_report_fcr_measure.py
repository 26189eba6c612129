"""The board summary states how first-contact resolution was measured: the measure per channel,
the contacts it rests on, those left out, the repeat window and the ids that mean "not
identified" (the centre's kept settings)."""

from __future__ import annotations

import pytest

from kcc import plan, report, scenarios
from kcc.scenarios import RepeatMeasure, RepeatSettings
from tests.scenarios.test_scenarios import week_frame

SETTINGS = RepeatSettings(("0", "n/a"), 14)
MEASURE = {"phone": RepeatMeasure("phone", contacts=1200, repeats=300, unidentified=1740, window_days=14)}

ROWS = {
    "en": [
        ("first-contact resolution measured from customer ids", "%", "75.0", "contact records"),
        ("contacts of identified customers the measure rests on", "contacts", "1,200", "contact records"),
        ("contacts left out: customer not identified", "contacts", "1,740", "contact records"),
    ],
    "nl": [
        ("first-contact resolution gemeten uit klantnummers", "%", "75,0", "contactregistratie"),
        ("contacten van geïdentificeerde klanten waarop de meting rust", "contacten", "1.200", "contactregistratie"),
        ("contacten die niet meetellen: klant niet geïdentificeerd", "contacten", "1.740", "contactregistratie"),
    ],
}
GENERAL = {
    "en": [("repeat window: same customer again within", "14", "days", "setting"),
           ("customer ids that mean 'not identified'", "0, n/a", "", "setting")],
    "nl": [("herhaalvenster: dezelfde klant opnieuw binnen", "14", "dagen", "instelling"),
           ("klantnummers die 'niet geïdentificeerd' betekenen", "0, n/a", "", "instelling")],
}


def _summary(lang: str, **measure: object) -> report.StrategySummary:
    frame = week_frame({"phone": (480, 1200)}, days=7)
    settings = plan.PlanSettings()
    spec = scenarios.ScenarioSpec(fcr=(scenarios.FcrLever("phone", 0.75, 0.85),))

    def evaluate(s: scenarios.ScenarioSpec) -> scenarios.ScenarioResult:
        return scenarios.evaluate_scenario(frame, None, settings, s, staffed_kpis=False)

    return report.build_summary(evaluate(spec.baseline()), evaluate(spec), settings, language=lang, **measure)


def _tables(summary: report.StrategySummary) -> dict[str, object]:
    section = next(s for s in report.layout(summary) if s.key == "assumptions")
    return {table.key: table for table in section.tables}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_assumptions_state_the_fcr_measure_and_its_contacts(lang: str) -> None:
    summary = _summary(lang, repeats=MEASURE, repeat_settings=SETTINGS)
    tables = _tables(summary)
    channel_rows = {row[0]: row for row in tables["assumptions.channel"].rows}
    for name, unit, value, source in ROWS[lang]:
        assert channel_rows[name] == (name, unit, value, source)
    general_rows = {row[0]: row for row in tables["assumptions.general"].rows}
    for row in GENERAL[lang]:
        assert general_rows[row[0]] == row
    markdown = report.render(summary, "md").decode()
    assert ROWS[lang][1][0] in markdown and GENERAL[lang][1][1] in markdown


def test_without_customer_ids_the_summary_names_no_measure() -> None:
    names = {item.name for item in _summary("en", repeats={}, repeat_settings=SETTINGS).assumptions}
    assert not names & {row[0] for row in ROWS["en"] + GENERAL["en"]}
    assert "first-contact resolution today" in names  # the lever's own inputs stay
