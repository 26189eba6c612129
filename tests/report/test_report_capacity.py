"""The board summary's capacity and hiring plan: a section with its chart in every format, and
a workbook sheet whose formulas give the model's numbers (cached values included)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from kcc import capacity, plan, report, scenarios
from kcc.capacity import FteSpec, HiringSpec
from kcc.formatting import fmt_month
from kcc.report.capacity import BRIDGE_INPUT_ROW, FIRST_ROW, bridge_first_row
from tests.report.test_report import _value
from tests.scenarios.test_scenarios import week_frame

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
#: Bridge columns D-L of the bridge sheet and the plan's column each one's formula gives.
BRIDGE = (("D", "workload_h"), ("E", "contact_h"), ("F", "in_shift_h"), ("G", "required_h"), ("H", "cover_h"),
          ("I", "rostered_h"), ("J", "out_of_shift_h"), ("K", "paid_h"), ("L", "paid_eur"))
#: Shrinkages and a measured efficiency away from the defaults, so a formula that reads the wrong input fails.
SPEC = FteSpec(in_shift_shrinkage=0.15, out_of_shift_shrinkage=0.2, efficiency_by_channel=(("chat", 0.78),))


def year_plan(fte: FteSpec | None = None, scale: dict[str, float] | None = None,
              **hiring: object) -> capacity.CapacityPlan:
    """A year's capacity plan of a phone and a chat channel, 60 heads at the start."""
    months = pd.date_range("2027-01-01", periods=12, freq="MS")
    forecast = pd.DataFrame({
        "channel": np.repeat(["phone", "chat"], 12), "month": np.tile(months, 2),
        "contacts": np.concatenate([np.linspace(40_000, 52_000, 12), np.full(12, 9_000.0)]),
        "days": np.tile(months.days_in_month, 2), "method": "ets_yearly"})
    return capacity.capacity_plan(
        forecast, {"phone": 300.0, "chat": 540.0}, {"phone": 1.2, "chat": 1.3}, fte or FteSpec(),
        HiringSpec(**{"start_heads": 60, "attrition_per_month": 0.02, "lead_time_months": 1, "horizon_months": 12,
                      **hiring}),
        {"phone": 38.0, "chat": 36.0}, scale=scale)


def _summary(lang: str, fte: FteSpec | None = None, scale: dict[str, float] | None = None,
             **hiring: object) -> report.StrategySummary:
    frame = week_frame({"phone": (480, 1200)}, days=7)
    settings = plan.PlanSettings()
    spec = scenarios.ScenarioSpec()
    result = scenarios.evaluate_scenario(frame, None, settings, spec, staffed_kpis=False)
    return replace(report.build_summary(result, result, settings, language=lang),
                   capacity=year_plan(fte, scale, **hiring))


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


@pytest.mark.parametrize(("lang", "given", "none", "roster"), [
    ("en", "The plan starts from 60 heads employed.", "The plan starts from 0 heads: no headcount at the start",
     "The plan starts from 60 heads, estimated from the roster's first week (51.0 FTE rostered over 0.85 FTE a "
     "person): no headcount at the start was stated."),
    ("nl", "Het plan begint bij 60 medewerkers in dienst.", "Het plan begint bij 0 medewerkers: er is geen bezetting",
     "Het plan begint bij 60 medewerkers, geschat uit de eerste roosterweek (51,0 ingeroosterde fte gedeeld door "
     "0,85 fte per medewerker): er is geen bezetting bij de start opgegeven."),
])
def test_the_section_says_the_headcount_the_plan_starts_from(lang: str, given: str, none: str, roster: str) -> None:
    """A board reading "180 hires" must see whether the plan counted today's staff: a plan
    without a headcount at the start hires the whole centre, and the deck says so; heads taken
    from the roster are named as that estimate, with its figures."""
    assert given in report.layout(_summary(lang))[-1].facts
    facts = report.layout(_summary(lang, start_heads=0))[-1].facts
    assert any(fact.startswith(none) for fact in facts), facts
    summary = _summary(lang)
    from_roster = replace(summary, capacity=replace(summary.capacity, start_roster_fte=51.0))
    assert roster in report.layout(from_roster)[-1].facts


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
    carried = report.with_capacity(summary, year_plan(attrition_per_month=0.02, lead_time_months=3))
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


def test_the_yearly_attrition_the_deck_states_is_what_a_year_of_monthly_leaving_gives() -> None:
    """Independent of the conversion's formula: a seeded year of 100,000 people, each leaving
    with the plan's monthly chance in every month they are still there (the hiring plan's rule,
    heads x (1 - attrition) a month), loses the share the deck states a year."""
    frame = week_frame({"phone": (480, 1200)}, days=7)
    settings = plan.PlanSettings()
    result = scenarios.evaluate_scenario(frame, None, settings, scenarios.ScenarioSpec(), staffed_kpis=False)
    summary = report.build_summary(result, result, settings, language="en")
    rng = np.random.default_rng(2026)
    for monthly in (0.005, 0.02, 0.05):
        stated = report.with_capacity(summary, year_plan(attrition_per_month=monthly)).strategy.attrition_per_year
        people, staying = 100_000, 100_000
        for _ in range(12):
            staying -= rng.binomial(staying, monthly)
        simulated = 1 - staying / people
        # three standard errors of a share of 100,000
        assert abs(simulated - stated) < 3 * (stated * (1 - stated) / people) ** 0.5 + 1e-9, (monthly, simulated, stated)



# --------------------------------------------------------------------------- the FTE bridge sheet


def _bridge_rows(plan_: capacity.CapacityPlan) -> pd.DataFrame:
    """The plan's month x channel rows in the sheet's order: months in order, channels as the plan has them."""
    return plan_.channels.sort_values("period", kind="stable").reset_index(drop=True)


def test_the_bridge_formulas_evaluated_from_its_inputs_give_the_models_numbers() -> None:
    summary = _summary("en", SPEC, scale={"phone": 1.1})
    detail, model = _bridge_rows(summary.capacity), summary.capacity.months
    data = report.render(summary, "xlsx")
    formulas = load_workbook(io.BytesIO(data))
    values = load_workbook(io.BytesIO(data), data_only=True)
    assert formulas.sheetnames[-2:] == ["Capacity", "Capacity bridge"]
    bridge, cached = formulas["Capacity bridge"], values["Capacity bridge"]
    # the inputs per channel, in the plan's order (phone first): handle time, scale, factor, shrinkages, rate
    phone, chat = BRIDGE_INPUT_ROW, BRIDGE_INPUT_ROW + 1
    assert [bridge[f"{c}{phone}"].value for c in "ABCDEFGH"] == ["Phone", 300.0, 1.1, 1.2, 0.15, 0.85, 0.2, 38.0]
    assert [bridge[f"{c}{chat}"].value for c in "ABCDEFGH"] == ["Chat", 540.0, 1.0, 1.3, 0.15, 0.78, 0.2, 36.0]
    first = bridge_first_row(2)
    assert bridge[f"D{first}"].value == f"=C{first}*$B${phone}/3600*$C${phone}"
    assert bridge[f"E{first}"].value == f"=D{first}*$D${phone}"
    assert bridge[f"G{first}"].value == f"=E{first}/(1-$E${phone})"
    assert bridge[f"I{first}"].value == f"=G{first}/$F${phone}"
    assert bridge[f"K{first}"].value == f"=I{first}/(1-$G${phone})"
    assert bridge[f"L{first + 1}"].value == f"=K{first + 1}*$H${chat}"
    for offset, row in enumerate(detail.itertuples()):
        r = first + offset
        assert bridge[f"A{r}"].value == fmt_month(row.period.date(), "en")
        assert bridge[f"B{r}"].value == row.channel.capitalize()
        assert bridge[f"C{r}"].value == pytest.approx(row.contacts, rel=1e-15)  # the file keeps 16 digits
        evaluated = {c: _value(formulas, bridge.title, f"{c}{r}") for c, _ in BRIDGE}
        for column, name in BRIDGE:
            expected = getattr(row, name)
            # the formula, evaluated from the sheet's inputs, is the model's number; so is its cached value
            assert evaluated[column] == pytest.approx(expected, rel=1e-9), (column, r)
            assert cached[f"{column}{r}"].value == pytest.approx(expected, rel=1e-12), (column, r)
        # the bridge adds up: contact + in-shift + cover + out-of-shift = paid hours, on the sheet and in the model
        steps = evaluated["E"] + evaluated["F"] + evaluated["H"] + evaluated["J"]
        assert steps == pytest.approx(evaluated["K"], rel=1e-12)
        assert row.contact_h + row.in_shift_h + row.cover_h + row.out_of_shift_h == pytest.approx(row.paid_h, rel=1e-12)
        assert row.contact_eur + row.in_shift_eur + row.cover_eur + row.out_of_shift_eur == pytest.approx(
            row.paid_eur, rel=1e-12)
    total = first + len(detail)
    assert bridge[f"A{total}"].value == "Total"
    assert _value(formulas, bridge.title, f"K{total}") == pytest.approx(detail["paid_h"].sum(), rel=1e-9)
    assert _value(formulas, bridge.title, f"L{total}") == pytest.approx(detail["paid_eur"].sum(), rel=1e-9)
    # the month table's paid hours add up the month's bridge rows, and FTE and heads follow them
    sheet = formulas["Capacity"]
    for offset, month in enumerate(model.itertuples()):
        r, rows = FIRST_ROW + offset, first + 2 * offset
        assert sheet[f"D{r}"].value == f"=SUM('Capacity bridge'!K{rows}:K{rows + 1})"
        assert values["Capacity"][f"D{r}"].value == pytest.approx(month.paid_h, rel=1e-12)
        assert _value(formulas, "Capacity", f"D{r}") == pytest.approx(month.paid_h, rel=1e-9)
        assert _value(formulas, "Capacity", f"F{r}") == pytest.approx(month.fte, rel=1e-9)
        assert _value(formulas, "Capacity", f"G{r}") == pytest.approx(month.need_heads, rel=1e-9)
        assert _value(formulas, "Capacity", f"N{r}") == pytest.approx(month.need_cost_eur, rel=1e-9)


def _edit(book: object) -> None:
    """What a budget holder tries: more in-shift shrinkage, less leave, a worse chat roster, longer phone calls."""
    ws = book["Capacity bridge"]  # type: ignore[index]
    for r in (BRIDGE_INPUT_ROW, BRIDGE_INPUT_ROW + 1):
        ws[f"E{r}"], ws[f"G{r}"] = 0.2, 0.1
    ws[f"F{BRIDGE_INPUT_ROW + 1}"] = 0.7
    ws[f"B{BRIDGE_INPUT_ROW}"] = 330.0


def _edited_plan(scale: dict[str, float] | None = None) -> capacity.CapacityPlan:
    """The plan :func:`_edit` asks for, made by the model (of a workbook with this scenario ``scale``)."""
    edited = year_plan(FteSpec(in_shift_shrinkage=0.2, out_of_shift_shrinkage=0.1, efficiency_by_channel=(("chat", 0.7),)))
    months = pd.date_range("2027-01-01", periods=12, freq="MS")
    forecast = pd.DataFrame({
        "channel": np.repeat(["phone", "chat"], 12), "month": np.tile(months, 2),
        "contacts": np.concatenate([np.linspace(40_000, 52_000, 12), np.full(12, 9_000.0)]),
        "days": np.tile(months.days_in_month, 2)})
    return capacity.capacity_plan(forecast, {"phone": 330.0, "chat": 540.0}, {"phone": 1.2, "chat": 1.3},
                                  edited.fte_spec, edited.hiring.spec, {"phone": 38.0, "chat": 36.0}, scale=scale)


def test_an_edited_input_flows_through_the_bridge_into_the_month_table() -> None:
    summary = _summary("en")
    book = load_workbook(io.BytesIO(report.render(summary, "xlsx")))
    _edit(book)
    expected = _edited_plan().months
    before = summary.capacity.months["paid_h"].to_numpy()
    assert (np.abs(expected["paid_h"].to_numpy() / before - 1) > 0.01).all(), "the edit must move every month"
    for offset, month in enumerate(expected.itertuples()):
        r = FIRST_ROW + offset
        assert _value(book, "Capacity", f"D{r}") == pytest.approx(month.paid_h, rel=1e-9)
        assert _value(book, "Capacity", f"F{r}") == pytest.approx(month.fte, rel=1e-9)
        assert _value(book, "Capacity", f"N{r}") == pytest.approx(month.need_cost_eur, rel=1e-9)


@pytest.mark.parametrize(("lang", "names", "inputs", "head", "note"), [
    ("en", ["Capacity", "Capacity bridge"],
     ["Channel", "Handle time [s]", "Scenario workload scale [x]", "Requirement per workload hour [h/h]",
      "In-shift shrinkage", "Schedule efficiency", "Out-of-shift shrinkage", "Cost per hour [EUR/h]"],
     ["Month", "Channel", "Contacts", "Workload [h]", "Contact hours [h]", "+ in-shift shrinkage [h]",
      "Requirement [h]", "+ shift cover [h]", "Rostered [h]", "+ out-of-shift shrinkage [h]", "Paid [h]",
      "Paid [EUR]"],
     "The paid hours per month on the sheet Capacity add up this sheet's rows"),
    ("nl", ["Capaciteit", "Capaciteitsbrug"],
     ["Kanaal", "Afhandeltijd [s]", "Schaal werklast scenario [x]", "Behoefte per uur werklast [u/u]",
      "Shrinkage in de dienst", "Roosterefficiëntie", "Shrinkage buiten de dienst", "Kosten per uur [EUR/u]"],
     ["Maand", "Kanaal", "Contacten", "Werklast [u]", "Contacturen [u]", "+ shrinkage in de dienst [u]",
      "Behoefte [u]", "+ dienstdekking [u]", "Ingeroosterd [u]", "+ shrinkage buiten de dienst [u]", "Betaald [u]",
      "Betaald [EUR]"],
     "De betaalde uren per maand op het blad Capaciteit tellen de rijen van dit blad op"),
])
def test_the_bridge_sheet_reads_in_english_and_dutch(lang: str, names: list[str], inputs: list[str],
                                                     head: list[str], note: str) -> None:
    book = load_workbook(io.BytesIO(report.render(_summary(lang), "xlsx")))
    assert book.sheetnames[-2:] == names
    ws = book[names[1]]
    assert ws["A1"].value == {"en": "FTE bridge per month and channel", "nl": "Fte-brug per maand en kanaal"}[lang]
    assert note in ws["A2"].value
    assert [c.value for c in ws[BRIDGE_INPUT_ROW - 1]][:len(inputs)] == inputs
    first = bridge_first_row(2)
    assert [c.value for c in ws[first - 1]] == head
    assert (ws[f"A{first}"].value, ws[f"B{first}"].value) == ("01-2027" if lang == "nl" else "2027-01",
                                                             {"en": "Phone", "nl": "Telefoon"}[lang])
    assert book[names[0]][f"D{FIRST_ROW}"].value == f"=SUM('{names[1]}'!K{first}:K{first + 1})"


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; apt-get install libreoffice-calc")
def test_libreoffice_recalculates_the_workbook_to_the_models_numbers(tmp_path: Path) -> None:
    """LibreOffice Calc opens the workbook, calculates every formula again (forced in a profile of
    its own) and gets the model's numbers; with an input edited, the model's numbers for that input."""
    summary = _summary("en", SPEC, scale={"phone": 1.1})
    data = report.render(summary, "xlsx")
    (tmp_path / "book.xlsx").write_bytes(data)
    edited = load_workbook(io.BytesIO(data))
    _edit(edited)
    edited.save(tmp_path / "edited.xlsx")  # saved without cached values: only a calculation fills them
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry">'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
        "<value>0</value></prop></item></oor:items>", encoding="utf-8")  # 0: always calculate on loading
    # every sheet to its own CSV of raw values (LibreOffice 7.2 and later)
    done = subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                           "--outdir", str(tmp_path), str(tmp_path / "book.xlsx"), str(tmp_path / "edited.xlsx")],
                          capture_output=True, text=True, timeout=240)
    if not (tmp_path / "book-Capacity bridge.csv").exists() and "export filter" in done.stdout + done.stderr:
        pytest.skip("LibreOffice Calc is not installed; apt-get install libreoffice-calc")
    assert done.returncode == 0, done.stderr
    bridge = _csv(tmp_path / "book-Capacity bridge.csv")
    first = bridge_first_row(2)
    for offset, row in enumerate(_bridge_rows(summary.capacity).itertuples()):
        cells = bridge[first - 1 + offset]
        for column, name in BRIDGE:
            assert float(cells[ord(column) - ord("A")]) == pytest.approx(getattr(row, name), rel=1e-9), (column, offset)
    for name, plan_ in (("book", summary.capacity), ("edited", _edited_plan({"phone": 1.1}))):
        sheet = _csv(tmp_path / f"{name}-Capacity.csv")
        for offset, month in enumerate(plan_.months.itertuples()):
            cells = sheet[FIRST_ROW - 1 + offset]
            checks = [("D", month.paid_h), ("E", month.cost_eur_per_hour), ("F", month.fte),
                      ("G", month.need_heads), ("N", month.need_cost_eur)]
            if name == "book":  # hires are the plan's decisions, typed in: an edit does not re-plan them
                checks += [("I", month.heads), ("M", month.cost_eur)]
            for column, value in checks:
                assert float(cells[ord(column) - ord("A")]) == pytest.approx(value, rel=1e-9), (name, column, offset)
