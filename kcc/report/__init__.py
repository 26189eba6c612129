"""The contact-strategy summary for the board: one model, five file formats.

``build_summary`` turns the evaluations of the baseline and of the chosen scenario
(``kcc.scenarios.evaluate_scenario``: their interval plans per the Plan contract in
``docs/ARCHITECTURE.md``, reachability and stress test), the plan settings and the user's
wording into a frozen ``StrategySummary``. ``layout`` lays a summary out as sections of key facts, tables and charts;
every renderer draws those same sections, so the deck, the PDF, the web page and the Markdown
say the same thing:

========  ====================================================================================
format    renderer
========  ====================================================================================
pptx      ``to_pptx``: a title slide and one slide per section; native, editable charts and
          tables (python-pptx)
pdf       ``to_pdf``: a printable report, charts drawn with fpdf2 primitives
xlsx      ``to_xlsx``: the interval plan and the weekly and monthly budget, with formulas
          (FTE = hours / (contract hours x weeks), cost = FTE x contract hours x weeks x rate)
html      ``to_html``: self-contained, interactive plotly charts with plotly.js inlined
md        ``to_markdown``: headings, bullets and pipe tables (chart data as tables)
========  ====================================================================================

The package is pure: no Streamlit, no SQL. Shares are fractions 0..1 in the model and
percentages only in what is rendered. Its modules:

===================  ==============================================================================
module               holds
===================  ==============================================================================
``model``            ``StrategySummary`` and its parts, ``SECTIONS``, ``ROLES``
``build``            ``build_summary`` from scenario results; ``stress_from_surge``
``outlook``          key figures as the app shows them, FCR, people (leavers, hires), outages
``findings``         ``finding_text``: a ``kcc.plan`` finding in plain words
``logo``             ``check_logo``: a centre's logo, checked before it is stored
``blocks``           ``Section``, ``Table``, ``Chart``, ``Series``: what a section is made of
``story``            the executive summary, decision, findings, people, calamity and timeline
                     sections, and the strategy's parts of the other sections
``wording``          translation helpers, channel names, opening hours in words
``sections``         ``layout``: the summary as sections of facts, ``Table`` and ``Chart``
``slides``           slide geometry: ``plan_slides``, ``fit_table``
``style``            colours the renderers share
``render_pptx``      ``to_pptx``
``render_pdf``       ``to_pdf``
``render_xlsx``      ``to_xlsx``
``render_html``      ``to_html``, ``chart_figure``
``render_markdown``  ``to_markdown``
``formats``          ``FORMATS``, ``render``, ``file_name``
===================  ==============================================================================

The renderers are named ``render_<format>`` so that none shadows the library it draws with
(``pptx``).
"""

from __future__ import annotations

# Pages format the figures they show beside the summary with the same functions.
from kcc.formatting import fmt_eur, fmt_number, fmt_pct
from kcc.report.build import build_summary, channel_hours_text, simulation_check, stress_from_surge
from kcc.report.capacity import with_capacity
from kcc.report.findings import finding_text
from kcc.report.formats import FORMATS, file_name, render
from kcc.report.logo import MAX_LOGO_BYTES, MAX_LOGO_MB, LogoError, check_logo
from kcc.report.model import (
    ROLES,
    SECTIONS,
    BudgetRow,
    CalamityOutlook,
    ChannelGoal,
    ChannelOutcome,
    FcrFigure,
    Item,
    KeyFigures,
    PeopleRow,
    SimulatedChannel,
    SimulationCheck,
    StrategySummary,
    StressSummary,
)
from kcc.report.render_html import chart_figure, to_html
from kcc.report.render_markdown import to_markdown
from kcc.report.render_pdf import to_pdf
from kcc.report.render_pptx import to_pptx
from kcc.report.render_xlsx import MAX_PLAN_ROWS, to_xlsx
from kcc.report.sections import (
    DIGITAL_CHANNELS,
    Chart,
    Section,
    Series,
    Table,
    layout,
    numeric_columns,
    prepared_line,
    subtitle,
)
from kcc.report.slides import (
    SLIDE_H,
    SLIDE_W,
    Placement,
    SlidePlan,
    TableFit,
    fit_table,
    plan_slides,
    text_block_height,
)
from kcc.report.wording import hours_text

__all__ = [
    "with_capacity",
    "DIGITAL_CHANNELS",
    "FORMATS",
    "MAX_LOGO_BYTES",
    "MAX_LOGO_MB",
    "MAX_PLAN_ROWS",
    "ROLES",
    "SECTIONS",
    "SLIDE_H",
    "SLIDE_W",
    "BudgetRow",
    "CalamityOutlook",
    "ChannelGoal",
    "ChannelOutcome",
    "Chart",
    "FcrFigure",
    "Item",
    "KeyFigures",
    "LogoError",
    "PeopleRow",
    "Placement",
    "Section",
    "Series",
    "SimulatedChannel",
    "SimulationCheck",
    "SlidePlan",
    "StrategySummary",
    "StressSummary",
    "Table",
    "TableFit",
    "build_summary",
    "channel_hours_text",
    "check_logo",
    "chart_figure",
    "file_name",
    "finding_text",
    "fit_table",
    "fmt_eur",
    "fmt_number",
    "fmt_pct",
    "hours_text",
    "layout",
    "numeric_columns",
    "plan_slides",
    "prepared_line",
    "render",
    "simulation_check",
    "stress_from_surge",
    "subtitle",
    "text_block_height",
    "to_html",
    "to_markdown",
    "to_pdf",
    "to_pptx",
    "to_xlsx",
]
