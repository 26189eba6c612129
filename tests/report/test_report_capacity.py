"""The board summary's capacity and hiring plan: a section with its chart in every format, and
a workbook sheet whose formulas give the model's numbers (cached values included)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from kcc import capacity, plan, report, scenarios
from kcc.capacity import FteSpec, HiringSpec
from kcc.report.capacity import FIRST_ROW
from tests.scenarios.test_scenarios import week_frame


def _plan(**hiring: object) -> capacity.CapacityPlan:
    months = pd.date_range("2027-01-01", periods=12, freq="MS")
    forecast = pd.DataFrame({
        "channel": np.repeat(["phone", "chat"], 12), "month": np.tile(months, 2),
        "contacts": np.concatenate([np.linspace(40_000, 52_000, 12), np.full(12, 9_000.0)]),
        "days": np.tile(months.days_in_month, 2), "method": "ets_yearly"})
    return capacity.capacity_plan(
        forecast, {"phone": 300.0, "chat": 540.0}, {"phone": 1.2, "chat": 1.3}, FteSpec(),
        HiringSpec(**{"start_heads": 60, "attrition_per_month": 0.02, "lead_time_months": 1, "horizon_months": 12,
                      **hiring}),
        {"phone": 38.0, "chat": 36.0})


def _summary(lang: str, **hiring: object) -> report.StrategySummary:
    frame = week_frame({"phone": (480, 1200)}, days=7)
    settings = plan.PlanSettings()
    spec = scenarios.ScenarioSpec()
    result = scenarios.evaluate_scenario(frame, None, settings, spec, staffed_kpis=False)
    return replace(report.build_summary(result, result, settings, language=lang), capacity=_plan(**hiring))


@pytest.mark.parametrize(("lang", "title", "fact"), [
    ("en", "Capacity and hiring plan", "Over 12 months from 2027-01-01: at most"),
    ("nl", "Capaciteits- en wervingsplan", "Over 12 maanden vanaf 01-01-2027: hoogstens"),
])
def test_the_section_is_in_every_format(lang: str, title: str, fact: str) -> None:
    summary = _summary(lang)
    section = report.layout(summary)[-1]
    assert section.title == title and section.facts[0].startswith(fact)
    assert len(section.tables[0].rows) == 12 and section.charts[0].key == "capacity.heads"
    assert title in report.render(summary, "md").decode()
    deck = Presentation(io.BytesIO(report.render(summary, "pptx")))
    titles = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    charts = [shape for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert any(title in t for t in titles)
    assert any(len(c.chart.plots[0].categories) == 12 for c in charts)
    # without a capacity plan the summary has no such section
    assert report.layout(replace(summary, capacity=None))[-1].key == "assumptions"


def test_the_sheet_has_formulas_and_their_cached_values_agree_with_the_model() -> None:
    # people already hired in the lead time cost nothing more; the plan's own hires cost 2,500 EUR each
    summary = _summary("en", already_hired=(5.0,), cost_eur_per_hire=2500.0)
    model = summary.capacity.months
    data = report.render(summary, "xlsx")
    formulas = load_workbook(io.BytesIO(data))["Capacity"]
    values = load_workbook(io.BytesIO(data), data_only=True)["Capacity"]
    first = FIRST_ROW
    assert formulas[f"I{first}"].value == f"=$B$6*(1-$B$5)+H{first}"
    assert formulas[f"F{first + 1}"].value == f"=D{first + 1}/($B$3*C{first + 1})"
    assert formulas[f"M{first}"].value == f"=I{first}*$B$4*$B$3*C{first}*E{first}"
    assert formulas[f"M{first + 1}"].value.endswith(f"+H{first + 1}*$B$7")
    assert values["B7"].value == 2500.0
    assert model["already_hired"].iloc[0] == 5.0 and model["hires"].iloc[0] == 5.0
    assert (model["hire_cost_eur"] == (model["hires"] - model["already_hired"]) * 2500.0).all()
    assert model["hire_cost_eur"].sum() > 0
    for offset, row in enumerate(model.itertuples()):
        r = first + offset
        assert values[f"G{r}"].value == pytest.approx(row.need_heads, rel=1e-12)
        assert values[f"I{r}"].value == pytest.approx(row.heads, rel=1e-12)
        assert values[f"L{r}"].value == pytest.approx(row.gap_heads, rel=1e-12, abs=1e-9)
        assert values[f"M{r}"].value == pytest.approx(row.cost_eur, rel=1e-12)
        # the formula itself, evaluated from the sheet's inputs, is the model's cost
        labour = values[f"I{r}"].value * values["B4"].value * values["B3"].value * values[f"B{r}"].value / 7 * \
            values[f"E{r}"].value
        hires = values[f"H{r}"].value * values["B7"].value if offset >= 1 else 0.0
        assert labour + hires == pytest.approx(row.cost_eur, rel=1e-9)
        # what the formulas compute from the written inputs is the model's number
        weeks = values[f"B{r}"].value / 7
        fte = values[f"D{r}"].value / (values["B3"].value * weeks)
        assert fte / values["B4"].value == pytest.approx(row.need_heads, rel=1e-12)
    total = first + len(model)
    assert values[f"M{total}"].value == pytest.approx(model["cost_eur"].sum(), rel=1e-12)
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_the_people_figures_use_the_capacity_plans_attrition_and_lead_time() -> None:
    frame = week_frame({"phone": (480, 1200)}, days=7)
    settings = plan.PlanSettings()
    result = scenarios.evaluate_scenario(frame, None, settings, scenarios.ScenarioSpec(), staffed_kpis=False)
    stated = scenarios.StrategyChoices(attrition_per_year=0.10, hiring_lead_weeks=4)
    summary = report.build_summary(result, result, settings, language="en", strategy=stated)
    carried = report.with_capacity(summary, _plan(attrition_per_month=0.02, lead_time_months=3))
    yearly = 1 - 0.98 ** 12  # 21.5 % a year from 2 % a month
    assert carried.strategy.attrition_per_year == pytest.approx(yearly, rel=1e-12)
    assert carried.strategy.hiring_lead_weeks == 13  # 3 months = 13 weeks
    assert carried.hire_by == carried.period_start - pd.Timedelta(weeks=13)
    for row in carried.people:
        assert row.leavers_fte == pytest.approx(row.rostered_fte * yearly * summary.weeks / 52.0, rel=1e-12)
        assert row.hires_fte == pytest.approx(max(0.0, row.required_fte - row.rostered_fte) + row.leavers_fte)
    people = next(s for s in report.layout(carried) if s.key == "people")
    assert people.facts[0].startswith("At 22% attrition a year"), people.facts[0]
    # without a plan the stated choices stay
    assert report.with_capacity(summary, None).strategy.attrition_per_year == 0.10

