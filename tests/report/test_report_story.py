"""The board summary as a strategy story: the deck's structure in both languages, every text
box on its slide and holding its text, no blank slide, the stated choices in the deck, and a
workbook whose formulas carry their values."""

from __future__ import annotations

import dataclasses
import io
import math
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Emu

from kcc import report
from kcc.formatting import WORD_JOINER, fmt_date
from kcc.i18n import t
from kcc.plan import Finding, Findings, ShapeProfile
from kcc.report import Item, KeyFigures, StrategySummary
from kcc.report.wording import channel_name
from kcc.scenarios import CalamityPlan, ChannelNote, Milestone, StrategyChoices
from tests.report.test_report import make_summary

#: The deck's sections in order, as a board member reads them.
TITLES = {
    "en": ["Executive summary", "Decision asked for", "What drives missed targets and cost",
           "Role, channel purposes and promises", "Channel mix", "Opening hours and reachability",
           "KPIs: targets, quality and first-contact resolution", "Forecast and staffing plan",
           "Budget against the approved budget", "Flexibility: home-working blocks for short peaks",
           "People: attrition and hiring", "Risks and stress test", "Calamities: outages and fallback channels",
           "Timeline", "Assumption register"],
    "nl": ["Managementsamenvatting", "Gevraagd besluit", "Wat gemiste normen en kosten veroorzaakt",
           "Rol, doel per kanaal en beloftes", "Kanaalmix", "Openingstijden en bereikbaarheid",
           "KPI's: normen, kwaliteit en eerste-keer-goed", "Prognose en personeelsplan",
           "Budget tegenover het goedgekeurde budget", "Flexibiliteit: thuiswerkblokken voor korte pieken",
           "Mensen: verloop en werving", "Risico's en stresstest", "Calamiteiten: storingen en uitwijkkanalen",
           "Tijdlijn", "Aannameregister"],
}

STRATEGY = StrategyChoices(
    role="learn", role_text="We learn from every contact.",
    purposes=(ChannelNote("phone", "Urgent and complex questions"), ChannelNote("chat", "Quick questions online")),
    promises=(ChannelNote("phone", "Eight in ten calls answered within half a minute"),),
    approved_budget_eur_per_month=50_000.0, attrition_per_year=0.2, hiring_lead_weeks=8,
    calamities=(CalamityPlan("telephony", 3.0, ("chat",), "The IVR sends callers to chat."),),
    milestones=(Milestone("2027-01-04", "New roster live"), Milestone("2026-12-01", "Vacancies open")),
    decision="Approve two extra agents for the evening.",
)


def story_summary(lang: str) -> StrategySummary:
    """The constructed summary with stated choices, key figures, findings and people."""
    findings = Findings(
        misses=(Finding("shape_mismatch", "miss", "phone", 900.0, (
            ("rostered_fte", 38.5), ("required_fte", 38.0), ("achieved", 0.762), ("target", 0.8),
            ("short_fte", 1.5), ("other_surplus_fte", 0.5)), other="chat"),
                Finding("short_day", "miss", "phone", 400.0, (
                    ("weekday", 0.0), ("missed", 400.0), ("channel_missed", 900.0), ("share", 0.444))),
                Finding("short_peak", "miss", "phone", 300.0, (
                    ("start_h", 10.0), ("end_h", 12.0), ("share", 0.5), ("missed", 300.0),
                    ("over_start_h", 15.0), ("over_end_h", 17.0), ("over_share", 0.4)))),
        costs=(Finding("channel_cost", "cost", "phone", 110000.0, (
            ("cost_eur", 110000.0), ("share", 0.78), ("volume", 12000.0), ("eur_per_contact", 9.17))),),
        weeks=3.0,
        profile=ShapeProfile("phone", 0, (8, 9, 10, 11), (10.0, 14.0, 20.0, 18.0), (12.0, 13.0, 13.0, 14.0)),
    )
    summary = make_summary(lang)
    people, hire_by = report.outlook.people_rows(summary.channels, STRATEGY, summary.weeks, summary.period_start)
    return dataclasses.replace(
        summary, strategy=STRATEGY, findings=findings, people=people, hire_by=hire_by,
        key_figures=(KeyFigures("Baseline", 39.5, 38.5, 47_000.0, 0.9, 0.76, 0.04, 0.92),
                     KeyFigures("Open until 22:00", 42.75, 38.5, 52_000.0, 0.92, 0.8, 0.03, 0.95)),
        calamities=report.outlook.calamity_outlook(STRATEGY, summary.interval_plan.assign(
            volume=summary.interval_plan["volume"])),
        centre_name="Centre North",
        # as the app's register holds them: the targets, shrinkage and costs per channel and the
        # customer and stress-test assumptions
        assumptions=(*summary.assumptions, *(
            Item(name, unit, (("phone", value), ("chat", value)), "setting") for name, unit, value in (
                ("answered within", "s", 30.0), ("occupancy cap", "%", 0.85), ("shrinkage", "%", 0.25),
                ("loaded cost per paid hour", "EUR/h", 38.0))), *(
            Item(name, unit, (("", value),), "setting") for name, unit, value in (
                ("closed hours: share calling back at the next opening", "%", 0.6),
                ("closed hours: share moving to e-mail", "%", 0.15), ("closed hours: share lost", "%", 0.25),
                ("closed hours: callbacks arrive within", "min", 60.0), ("stress test: duration", "min", 240.0)))),
        # what the Export page's stress test adds (it always runs one)
        flex=(*summary.flex, Item("home-working block", "min", (("", 90),)),
              Item("home agents logged in after", "min", (("", 30),)),
              Item("outsourcing partner", "agents", (("", 0),)),
              Item("own agents working overtime", "agents", (("", 0),)),
              Item("flexible hours used in the stress test", "h", (("", 45),)),
              Item("cost of the flexible hours in the stress test", "EUR", (("", 2223),))),
    )


@pytest.fixture(scope="module", params=["en", "nl"])
def story(request: pytest.FixtureRequest) -> tuple[StrategySummary, Any]:
    summary = story_summary(request.param)
    return summary, Presentation(io.BytesIO(report.to_pptx(summary)))


def _title(slide: Any) -> str:
    return slide.shapes.title.text_frame.text


def test_the_deck_tells_the_story_in_order_in_both_languages(story: tuple[StrategySummary, Any]) -> None:
    summary, deck = story
    lang = summary.language
    continued = f" ({t('report.continued', lang)})"
    titles = [_title(slide) for slide in list(deck.slides)[1:]]
    assert list(dict.fromkeys(title.removesuffix(continued) for title in titles)) == TITLES[lang]
    assert [t(f"report.sec_{key}", lang) for key in report.SECTIONS] == TITLES[lang]
    # the executive summary and the decision open the deck, each on one slide
    assert titles[:2] == TITLES[lang][:2]
    # the title slide names the centre and who prepared it; never "anonymous"
    first = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Centre North" in first and "Anna" in first
    assert "anonymous" not in first and "anoniem" not in first


def test_every_text_box_is_on_its_slide_and_holds_its_text(story: tuple[StrategySummary, Any]) -> None:
    """python-pptx geometry: no shape reaches outside the 16:9 slide; a section's text block
    is tall enough for its lines (estimated with a generous average character width) and ends
    above the charts and tables under it."""
    _, deck = story
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        boxes = []
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, f"slide {number}: {shape.name} starts off the slide"
            assert shape.left + shape.width <= width, f"slide {number}: {shape.name} runs off the right edge"
            assert shape.top + shape.height <= height, f"slide {number}: {shape.name} runs off the bottom"
            if shape.has_text_frame and shape.shape_type == 17:  # a text box (not a placeholder)
                boxes.append(shape)
        items = [s for s in slide.shapes if s.has_chart or s.has_table]
        for box in boxes:
            lines = 0
            for paragraph in box.text_frame.paragraphs:
                size = max((run.font.size.pt for run in paragraph.runs if run.font.size), default=18)
                per_line = Emu(box.width).inches * 72 / (0.5 * size)
                lines += max(1, math.ceil(len(paragraph.text) / per_line))
            needed_in = lines * size * 1.2 / 72
            assert needed_in <= Emu(box.height).inches, f"slide {number}: its text overflows its box"
            assert all(box.top + box.height <= item.top for item in items), f"slide {number}: text over a chart"


def test_no_slide_is_blank(story: tuple[StrategySummary, Any]) -> None:
    """Every slide after the title carries a chart or a table, or a text of some length."""
    _, deck = story
    for slide in list(deck.slides)[1:]:
        text = sum(len(s.text_frame.text) for s in slide.shapes if s.has_text_frame and s != slide.shapes.title)
        assert any(s.has_chart or s.has_table for s in slide.shapes) or text > 300, _title(slide)


def test_the_stated_choices_are_in_the_deck(story: tuple[StrategySummary, Any]) -> None:
    summary, deck = story
    lang = summary.language
    text = " ".join(cell.text for slide in deck.slides for s in slide.shapes if s.has_table
                    for row in s.table.rows for cell in row.cells)
    text += " ".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    text = text.replace(WORD_JOINER, "")  # as shown: the deck joins a date's parts with an invisible joiner
    for said in ("Urgent and complex questions", "Eight in ten calls answered within half a minute",
                 "The IVR sends callers to chat.", "New roster live", "Approve two extra agents for the evening.",
                 "We learn from every contact."):
        assert said in text, said
    # numbers from the choices: the budget gap, leavers at 20 % a year, the hiring date
    assert report.fmt_eur(2_000.0, lang) in text  # EUR 52,000 a month against EUR 50,000 approved
    assert fmt_date(date(2026, 9, 21), lang) in text  # eight weeks before 2026-11-16
    assert t("report.calamity_website", lang) in text  # a calamity without a stated plan still shows


def test_the_executive_summary_states_cost_and_what_it_buys(story: tuple[StrategySummary, Any]) -> None:
    summary, _ = story
    lang = summary.language
    section = report.layout(summary)[0]
    facts = " ".join(section.facts)
    assert report.fmt_eur(52_000.0, lang) in facts and report.fmt_eur(5_000.0, lang, signed=True) in facts
    assert report.fmt_pct(0.92, 1, lang) in facts and report.fmt_pct(0.95, 1, lang) in facts
    (table,) = section.tables
    number = report.fmt_number
    cost = number(47_000, 0, lang), number(52_000, 0, lang), "+" + number(5_000, 0, lang)
    assert table.rows[2][1:] == cost
    # the shares' rows are in %, their changes in percentage points: 90 % -> 92 % is +2.0 pp
    points = t("common.unit_points", lang)
    assert [row[3] for row in table.rows[3:]] == [f"+{number(v, 1, lang)} {points}" for v in (2.0, 4.0, 3.0)]
    assert report.numeric_columns(table) == (False, True, True, True), "the changes stay right-aligned numbers"


def test_a_percentage_chart_runs_from_0_to_100(story: tuple[StrategySummary, Any]) -> None:
    _, deck = story
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    shares = [c for c in charts if c.value_axis.axis_title.text_frame.text == "%"]
    assert shares and all((c.value_axis.minimum_scale, c.value_axis.maximum_scale) == (0, 100) for c in shares)
    assert report.chart_figure(report.layout(story[0])[6].charts[0]).layout.yaxis.range == (0, 100)


def test_workbook_formulas_carry_their_values(story: tuple[StrategySummary, Any]) -> None:
    """A viewer that does not calculate reads the cached values: no formula cell is empty, and
    the values are the summary's numbers."""
    summary, _ = story
    lang = summary.language
    data = report.to_xlsx(summary)
    formulas, values = load_workbook(io.BytesIO(data)), load_workbook(io.BytesIO(data), data_only=True)
    count = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    count += 1
                    assert values[ws.title][cell.coordinate].value not in (None, ""), f"{ws.title}!{cell.coordinate}"
    assert count > 100
    month = values[t("report.sheet_month", lang)]
    last = len(summary.monthly) + 2
    tot = summary.totals()
    assert month[f"N{last}"].value == pytest.approx(tot["cost_scen_eur"], rel=1e-12)
    assert month[f"J{last}"].value == pytest.approx(tot["fte_base"], rel=1e-12)
    assert month[f"P{last}"].value == pytest.approx(tot["cost_scen_eur"] - tot["cost_base_eur"], rel=1e-9)
    for r, row in enumerate(summary.monthly, start=2):
        assert month[f"N{r}"].value == pytest.approx(row.cost_scen_eur, rel=1e-12)
        assert month[f"L{r}"].value == pytest.approx(row.fte(row.hours_rostered_h, summary.contract_hours_per_week))
    plan = values[t("report.sheet_plan", lang)]
    busy = summary.interval_plan
    busy = busy[(busy["volume"] > 0) | (busy["rostered"] > 0) | (busy["required_scheduled"] > 0)]
    assert plan["I3"].value == pytest.approx(busy["gap"].iloc[0])


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_the_centres_logo_is_on_the_title_slide_the_pdf_and_the_page() -> None:
    summary = dataclasses.replace(story_summary("en"), logo=report.check_logo(_png(600, 150)))
    deck = Presentation(io.BytesIO(report.to_pptx(summary)))
    (picture,) = [s for s in deck.slides[0].shapes if s.shape_type == 13]
    assert picture.left + picture.width <= deck.slide_width and picture.top >= 0
    assert picture.width / picture.height == pytest.approx(4.0, rel=0.01)  # proportions kept
    assert all(s.shape_type != 13 for slide in list(deck.slides)[1:] for s in slide.shapes)
    assert b"/Subtype /Image" in report.to_pdf(summary)
    assert "data:image/png;base64," in report.to_html(summary).decode("utf-8")


@pytest.mark.parametrize(("data", "english", "dutch"), [
    (b"GIF89a not really", "The logo must be a PNG or JPEG image.", "Het logo moet een PNG- of JPEG-afbeelding zijn."),
    (b"\x89PNG" + b"0" * 1_000_001, "The logo is 1,000 kB; at most 1,000 kB.",
     "Het logo is 1.000 kB; hoogstens 1.000 kB."),
])
def test_a_logo_that_cannot_be_used_is_refused_in_both_languages(data: bytes, english: str, dutch: str) -> None:
    with pytest.raises(report.LogoError) as caught:
        report.check_logo(data)
    assert str(caught.value) == english and caught.value.message("nl") == dutch


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_hiring_date_already_past_asks_for_vacancies_now_and_says_when_staff_come(lang: str) -> None:
    """With 8 weeks' lead the plan's last day for vacancies is 21-09-2026, before the summary's
    day (01-11-2026): the board cannot open them then. The decision, the people section and
    the timeline ask to open them with the decision and name the day staff hired then are
    ready (01-11-2026 + 8 weeks = 27-12-2026), not a date already past as the deadline."""
    summary = story_summary(lang)
    assert (summary.hire_by, summary.prepared_on) == (date(2026, 9, 21), date(2026, 11, 1))
    ready = fmt_date(date(2026, 12, 27), lang)
    sections = {section.key: section for section in report.layout(summary)}
    (asked,) = [value for item, value in sections["decision"].tables[0].rows if item == t("report.ask_hire_by", lang)]
    assert asked == t("report.ask_hire_now", lang, date=fmt_date(date(2026, 9, 21), lang), ready=ready)
    assert any(ready in fact for fact in sections["people"].facts)
    steps = [(row[0], row[1]) for row in sections["timeline"].tables[0].rows]
    decided = steps.index((fmt_date(date(2026, 11, 1), lang), t("report.step_decision", lang)))
    assert t("report.step_hire", lang) not in [what for _, what in steps]
    assert steps[decided + 1][0] == fmt_date(date(2026, 11, 1), lang)  # vacancies open with the decision
    assert (ready, t("report.step_ready", lang)) in steps
    # in time: the plan's own last day, and no day for staff hired now
    on_time = dataclasses.replace(summary, prepared_on=date(2026, 9, 1))
    sections = {section.key: section for section in report.layout(on_time)}
    assert (t("report.ask_hire_by", lang), fmt_date(date(2026, 9, 21), lang)) in sections["decision"].tables[0].rows
    steps = [(row[0], row[1]) for row in sections["timeline"].tables[0].rows]
    assert (fmt_date(date(2026, 9, 21), lang), t("report.step_hire", lang)) in steps
    assert t("report.step_ready", lang) not in [what for _, what in steps]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_outage_of_channels_the_centre_lacks_names_no_busiest_stretch(lang: str) -> None:
    """A phone-only centre: the website outage hits chat and self-service, which take no
    contacts, so its fact says so instead of "0 contacts hit ... from Monday 00:00"."""
    summary = story_summary(lang)
    phone_only = summary.interval_plan[summary.interval_plan["channel"] == "phone"]
    summary = dataclasses.replace(summary, calamities=report.outlook.calamity_outlook(STRATEGY, phone_only))
    section = next(s for s in report.layout(summary) if s.key == "calamity")
    website = t("report.calamity_website", lang)
    (fact,) = [f for f in section.facts if f.startswith(website)]
    channels = ", ".join(channel_name(c, lang) for c in report.outlook.OUTAGE_CHANNELS["website"])
    hours = {"en": "4 h", "nl": "4 u"}[lang]
    assert fact == t("report.calamity_no_channels", lang, kind=website, hours=hours, channels=channels)
    # the phone takes contacts: its outage names how many and from when
    phone = next(c for c in summary.calamities if c.kind == "telephony")
    assert phone.contacts_hit > 0
    telephony = next(f for f in section.facts if f.startswith(t("report.calamity_telephony", lang)))
    assert report.fmt_number(phone.contacts_hit, 0, lang) in telephony
    assert f"{t(f'common.weekday_{phone.peak_weekday}', lang)} {phone.peak_start_h:02d}:00" in telephony
