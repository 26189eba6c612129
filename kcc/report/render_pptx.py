"""The summary as a 16:9 PowerPoint deck with native, editable charts and tables."""

from __future__ import annotations

import io
import math
from contextlib import contextmanager
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt, lazyproperty
from xlsxwriter import Workbook

from kcc.formatting import WORD_JOINER
from kcc.i18n import t
from kcc.report.model import StrategySummary
from kcc.report.sections import Chart, Section, Table, facts_and_text, layout, numeric_columns, prepared_line, subtitle
from kcc.report.slides import BODY_TOP, CELL_PAD_H_EMU, Placement, plan_slides, text_block_height, text_font_pt
from kcc.report.style import HEAD_RGB, PALETTE
from kcc.report.wording import HYPHENATED_NUMBER

#: Left margin and body width of every slide (16:9).
_MARGIN = Inches(0.5)
_WIDTH = Inches(12.333)
#: Largest width and height of the centre's logo on the title slide. [EMU]
_LOGO_BOX = (Inches(3.0), Inches(1.2))


class _LiteralWorkbookWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook (its data, which PowerPoint opens in Excel) with every
    name kept as text: XlsxWriter would otherwise write a name starting with ``=`` as a
    formula and one starting with ``http://`` as a link."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: Any) -> Any:
        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False})
        yield workbook, workbook.add_worksheet()
        workbook.close()


class _LiteralChartData(CategoryChartData):
    """python-pptx's ``CategoryChartData`` writing its workbook with ``_LiteralWorkbookWriter``."""

    @lazyproperty
    def _workbook_writer(self) -> Any:
        return _LiteralWorkbookWriter(self)


def unbroken(text: str) -> str:
    """``text`` with a word joiner after every hyphen of a date, a month, a week or a time range
    (``HYPHENATED_NUMBER``), so it stays on one line of the slide.

    LibreOffice starts a new line after a plain hyphen where a word does not fit: a date in a
    sentence on the decision slide broke into "14-" and "09-2026", though the slide plan
    (``plan_slides``) counts it as one word. (PowerPoint is not checked here.) The joiner is invisible and needs no
    glyph; the non-breaking hyphen (U+2011) would, and Calibri's metric twin Carlito has none.
    """
    return HYPHENATED_NUMBER.sub(lambda m: m.group().replace("-", "-" + WORD_JOINER), text)


def _title_slide(prs: Any, summary: StrategySummary) -> None:
    """The deck's first slide: the centre's name and logo, title, subtitle and who prepared it
    when."""
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    if summary.logo:
        # the logo keeps its proportions inside a box in the top right corner
        picture = slide.shapes.add_picture(io.BytesIO(summary.logo), 0, 0)
        scale = min(_LOGO_BOX[0] / picture.width, _LOGO_BOX[1] / picture.height)
        picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
        picture.left = _MARGIN + _WIDTH - picture.width
        picture.top = Inches(0.4)
    if summary.centre_name:
        box = slide.shapes.add_textbox(_MARGIN, Inches(1.3), _WIDTH - _LOGO_BOX[0] - Inches(0.2), Inches(0.6))
        box.text_frame.word_wrap = True
        box.text_frame.text = summary.centre_name
        run = box.text_frame.paragraphs[0].runs[0]
        run.font.size, run.font.bold = Pt(22), True
        run.font.color.rgb = RGBColor(*HEAD_RGB)
    slide.shapes.title.text = summary.title
    slide.shapes.title.left, slide.shapes.title.top = _MARGIN, Inches(2.0)
    slide.shapes.title.width, slide.shapes.title.height = _WIDTH, Inches(1.6)
    sub = slide.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = _MARGIN, Inches(3.8), _WIDTH, Inches(1.5)
    sub.text_frame.text = subtitle(summary)
    sub.text_frame.add_paragraph().text = prepared_line(summary)
    for paragraph in sub.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(20)


def _short_weeks(categories: tuple[str, ...]) -> list[str]:
    """ISO week labels without their year where the year is the label before's (``2026-W47,
    W48, ..., 2027-W01``), so many weeks fit under a chart; other labels as they are."""
    out, year = [], ""
    for label in categories:
        head, sep, week = label.partition("-W")
        if sep and len(categories) > 8 and head == year:
            out.append(f"W{week}")
        else:
            out.append(label)
        year = head if sep else ""
    return out


def _add_chart(target: Any, chart: Chart, box: tuple[int, int, int, int]) -> None:
    """``chart`` as a native chart in ``box`` (left, top, width, height) [EMU]."""
    data = _LiteralChartData(number_format="#,##0.0")
    data.categories = _short_weeks(chart.categories)
    for series in chart.series:
        data.add_series(series.name, list(series.values))
    kind = XL_CHART_TYPE.COLUMN_CLUSTERED if chart.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
    graphic = target.shapes.add_chart(kind, *box, data).chart
    graphic.has_title = True
    graphic.chart_title.text_frame.text = chart.title
    graphic.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    graphic.has_legend = True
    graphic.legend.position = XL_LEGEND_POSITION.BOTTOM
    graphic.legend.include_in_layout = False
    graphic.legend.font.size = Pt(10)
    axis = graphic.value_axis
    axis.has_title = True
    axis.axis_title.text_frame.text = chart.unit
    axis.tick_labels.font.size = Pt(10)
    values = [abs(v) for series in chart.series for v in series.values if v is not None]
    if values and max(values) >= 1000:  # thousands separated, in the reader's own locale
        axis.tick_labels.number_format = "#,##0"
        axis.tick_labels.number_format_is_linked = False
    if chart.unit == "%":  # a share reads against its whole range, never a zoomed axis
        axis.minimum_scale = 0
        axis.maximum_scale = 100 if max(values, default=0.0) <= 100 else None
    graphic.category_axis.tick_labels.font.size = Pt(9)
    _skip_labels(graphic.category_axis, len(chart.categories), box[2])
    for index, plot_series in enumerate(graphic.plots[0].series):
        rgb = RGBColor(*PALETTE[index % len(PALETTE)])
        if chart.kind == "bar":
            plot_series.format.fill.solid()
            plot_series.format.fill.fore_color.rgb = rgb
        else:
            plot_series.format.line.color.rgb = rgb
            plot_series.smooth = False


def _skip_labels(category_axis: Any, count: int, width_emu: int) -> None:
    """Label every n-th category when every label would not fit across the chart (about
    0.75 inch each), so labels stay horizontal and readable."""
    every = math.ceil(count * Inches(0.75) / max(width_emu, 1))
    if every <= 1:
        return
    axis = category_axis._element  # python-pptx has no API for the label interval
    skip = axis.makeelement(qn("c:tickLblSkip"), {"val": str(every)})
    anchor = axis.find(qn("c:noMultiLvlLbl"))
    if anchor is not None:
        anchor.addprevious(skip)
    else:
        axis.append(skip)


def _add_table(target: Any, place: Placement) -> None:
    """The body rows ``place.rows`` of a table, with its header, sized as ``place.fit``."""
    table, fit, (first, stop) = place.item, place.fit, place.rows or (0, 0)
    if not isinstance(table, Table) or fit is None:
        raise TypeError("a table placement needs a table and its fit")
    body = list(range(first, stop))
    shape = target.shapes.add_table(1 + len(body), len(table.columns), place.left, place.top,
                                    place.width, place.height)
    grid = shape.table
    for c, column_width in enumerate(fit.col_widths):
        grid.columns[c].width = Emu(column_width)
    heights = [fit.row_heights[0], *(fit.row_heights[1 + r] for r in body)]
    cells = [table.columns, *(table.rows[r] for r in body)]
    numeric = numeric_columns(table)
    for r, row in enumerate(cells):
        grid.rows[r].height = Emu(heights[r])
        total_row = table.total and r > 0 and body[r - 1] == len(table.rows) - 1
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            cell.text = unbroken(str(value))
            cell.margin_top = cell.margin_bottom = Emu(CELL_PAD_H_EMU // 2)
            for paragraph in cell.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.RIGHT if numeric[c] else PP_ALIGN.LEFT
                for run in paragraph.runs:
                    run.font.size = Pt(fit.font_pt)
                    run.font.bold = r == 0 or total_row


def _section_slides(prs: Any, section: Section, continued: str) -> None:
    """The slides of one section (``plan_slides``): title, text block on the first, then its
    charts and tables where the plan puts them."""
    for plan in plan_slides(section):
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # title only
        title = slide.shapes.title
        title.text = f"{section.title} ({continued})" if plan.continued else section.title
        title.left, title.top, title.width, title.height = _MARGIN, Inches(0.25), _WIDTH, Inches(0.9)
        title.text_frame.paragraphs[0].runs[0].font.size = Pt(30)
        title.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(*HEAD_RGB)
        paragraphs = [] if plan.continued else facts_and_text(section)
        if paragraphs:
            font = text_font_pt(section)
            box = slide.shapes.add_textbox(_MARGIN, BODY_TOP, _WIDTH, text_block_height(section)).text_frame
            box.word_wrap = True
            for index, (text, bullet) in enumerate(paragraphs):
                paragraph = box.paragraphs[0] if index == 0 else box.add_paragraph()
                paragraph.text = ("\u2022 " if bullet else "") + unbroken(text)
                paragraph.space_after = Pt(4)
                for run in paragraph.runs:
                    run.font.size = Pt(font + (0 if bullet else 1))
        for place in plan.placements:
            if isinstance(place.item, Chart):
                _add_chart(slide, place.item, (place.left, place.top, place.width, place.height))
            else:
                _add_table(slide, place)


def to_pptx(summary: StrategySummary) -> bytes:
    """The summary as a 16:9 PowerPoint deck.

    A title slide, then a slide per section: the user's text and the key facts on top,
    charts as native PowerPoint charts (editable, with their data in the deck) and tables as
    native tables, sized so no word or number breaks (``plan_slides``). A table too long for
    the slide continues on the next, titled "(continued)", with its header repeated.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    bytes
        The ``.pptx`` file.
    """
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    prs.core_properties.title = summary.title
    prs.core_properties.author = summary.prepared_by or summary.centre_name
    prs.core_properties.language = "nl-NL" if summary.language == "nl" else "en-GB"
    _title_slide(prs, summary)
    continued = t("report.continued", summary.language)
    for section in layout(summary):
        _section_slides(prs, section, continued)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
