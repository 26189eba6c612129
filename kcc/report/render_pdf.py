"""The summary as a printable A4 report, charts drawn with fpdf2 primitives."""

from __future__ import annotations

import io
import math
from typing import Final

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from kcc.formatting import fmt_number
from kcc.report.model import StrategySummary
from kcc.report.sections import Chart, Section, Table, facts_and_text, layout, numeric_columns, prepared_line, subtitle
from kcc.report.slides import share_width
from kcc.report.style import HEAD_RGB, PALETTE

# The PDF uses the core Helvetica font (no font file to ship); it covers Latin-1, which holds
# every Dutch letter, so only typographic signs need a plain stand-in.
_LATIN1_STAND_INS: Final[dict[int, str]] = {
    ord("\u2013"): "-", ord("\u2014"): "-", ord("\u2212"): "-", ord("\u2026"): "...",
    ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"',
    ord("\u2022"): "-", ord("\u20ac"): "EUR", ord("\u2264"): "<=", ord("\u2265"): ">=",
    ord("\u00a0"): " ", ord("\u202f"): " ",
}


def latin1(text: str) -> str:
    """``text`` in the PDF's Latin-1 font: typographic signs by a plain stand-in, the rest ``?``."""
    return text.translate(_LATIN1_STAND_INS).encode("latin-1", "replace").decode("latin-1")


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks if span > 0 else 1.0
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)


def _draw_pdf_chart(pdf: FPDF, chart: Chart, x: float, y: float, w: float, h: float, lang: str) -> None:
    """Draw ``chart`` in the box ``(x, y, w, h)`` [mm] with fpdf2 primitives."""
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "B", 10)
    pdf.set_xy(x, y)
    pdf.cell(w, 5, latin1(chart.title), align="C")
    values = [v for s in chart.series for v in s.values if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    if chart.unit == "%" and low >= 0 and high <= 100:  # a share reads against its whole range
        high = 100.0
    step = _nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if high == low:
        high = low + step
    px, py = x + 20, y + 8
    pw, ph = w - 22, h - 8 - 16
    n = max(len(chart.categories), 1)

    def y_of(value: float) -> float:
        return py + ph - (value - low) / (high - low) * ph

    pdf.set_font("helvetica", "", 7)
    pdf.set_draw_color(210, 210, 210)
    pdf.set_line_width(0.1)
    tick = low
    while tick <= high + step / 2:
        ty = y_of(tick)
        pdf.line(px, ty, px + pw, ty)
        pdf.set_xy(x, ty - 2)
        pdf.cell(19, 4, fmt_number(tick, 0 if step >= 1 else 1, lang), align="R")
        tick += step
    pdf.set_draw_color(90, 90, 90)
    pdf.line(px, py, px, py + ph)
    pdf.line(px, y_of(0.0), px + pw, y_of(0.0))
    slot = pw / n
    widest = max((pdf.get_string_width(latin1(c)) for c in chart.categories), default=0.0)
    every = max(1, math.ceil((widest + 2) / slot))  # skip labels rather than overlap them
    for i, category in enumerate(chart.categories):
        if i % every == 0:
            pdf.set_xy(px + i * slot - slot * (every - 1) / 2, py + ph + 1)
            pdf.cell(slot * every, 4, latin1(category), align="C")
    n_series = max(len(chart.series), 1)
    for index, series in enumerate(chart.series):
        rgb = PALETTE[index % len(PALETTE)]
        pdf.set_fill_color(*rgb)
        pdf.set_draw_color(*rgb)
        if chart.kind == "bar":
            bar_w = slot * 0.8 / n_series
            for i, value in enumerate(series.values):
                if value is None:
                    continue
                top, base = y_of(max(value, 0.0)), y_of(min(value, 0.0))
                pdf.rect(px + i * slot + slot * 0.1 + index * bar_w, top, bar_w, max(base - top, 0.05), style="F")
        else:
            pdf.set_line_width(0.5)
            points = [(px + (i + 0.5) * slot, y_of(v)) for i, v in enumerate(series.values) if v is not None]
            for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
                pdf.line(x1, y1, x2, y2)
            for px_, py_ in points if len(points) <= 40 else ():
                pdf.rect(px_ - 0.6, py_ - 0.6, 1.2, 1.2, style="F")
            pdf.set_line_width(0.1)
    # legend on one line under the axis labels
    pdf.set_font("helvetica", "", 7)
    lx, ly = px, py + ph + 7
    for index, series in enumerate(chart.series):
        pdf.set_fill_color(*PALETTE[index % len(PALETTE)])
        pdf.rect(lx, ly + 1, 3, 2.5, style="F")
        label = latin1(series.name)
        pdf.set_xy(lx + 4, ly)
        label_w = pdf.get_string_width(label) + 2
        pdf.cell(label_w, 4.5, label)
        lx += 4 + label_w + 4
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(0, 0, 0)


def pdf_table_widths(pdf: FPDF, table: Table, usable_mm: float) -> tuple[int, list[float]]:
    """A font size and column widths [mm] with which no word or number of ``table`` breaks:
    each column gets its widest unbreakable text (measured in the PDF's own font), the rest
    of the width goes to the columns whose texts would wrap; the largest of 9, 8 and 7 pt
    that fits wins (at 7 pt the widths are shared out as well as they go)."""
    numeric = numeric_columns(table)
    n = len(table.columns)
    columns = [[latin1(row[c]) if c < len(row) else "" for row in table.rows] for c in range(n)]
    headers = [latin1(h) for h in table.columns]
    pad = 2 * pdf.c_margin + 0.6

    def measure(size: int) -> tuple[list[float], list[float]]:
        def width(text: str, bold: bool = False) -> float:
            pdf.set_font("helvetica", "B" if bold else "", size)
            return float(pdf.get_string_width(text))

        least, wish = [], []
        for c in range(n):
            words = [width(w, True) for w in headers[c].split()] or [0.0]
            cells = [width(x) if numeric[c] else max([width(w) for w in x.split()] or [0.0])
                     for x in columns[c]]
            least.append(max([*words, *cells, 4.0]) + pad)
            full = [min(width(x), 70.0) + pad for x in columns[c]]
            wish.append(max([least[c], min(width(headers[c], True), 30.0) + pad, *full]))
        return least, wish

    for size in (9, 8, 7):
        least, wish = measure(size)
        if sum(least) <= usable_mm:
            break
    return size, share_width(least, wish, usable_mm)


def _title_page(pdf: FPDF, summary: StrategySummary, usable: float) -> None:
    """The first page: title, subtitle and who prepared it when."""
    pdf.add_page()
    if summary.logo:
        # at most 60 x 25 mm in the top right corner, proportions kept
        pdf.image(io.BytesIO(summary.logo), x=pdf.w - pdf.r_margin - 60, y=pdf.t_margin, w=60, h=25,
                  keep_aspect_ratio=True)
    if summary.centre_name:
        pdf.set_y(70)
        pdf.set_font("helvetica", "B", 16)
        pdf.set_text_color(*HEAD_RGB)
        pdf.multi_cell(usable, 8, latin1(summary.centre_name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(90)
    pdf.set_font("helvetica", "B", 28)
    pdf.set_text_color(*HEAD_RGB)
    pdf.multi_cell(usable, 12, latin1(summary.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "", 13)
    pdf.ln(4)
    pdf.multi_cell(usable, 7, latin1(subtitle(summary)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.multi_cell(usable, 7, latin1(prepared_line(summary)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _section_text(pdf: FPDF, section: Section, usable: float) -> None:
    """A section's page title, the user's paragraphs and the facts as bullets."""
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.set_text_color(*HEAD_RGB)
    pdf.multi_cell(usable, 9, latin1(section.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    for text, bullet in facts_and_text(section):
        pdf.set_font("helvetica", "", 10)
        if bullet:
            pdf.cell(5, 5.5, "-")
            pdf.multi_cell(usable - 5, 5.5, latin1(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.multi_cell(usable, 5.5, latin1(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)


def _pdf_table(pdf: FPDF, table: Table, usable: float) -> None:
    """A table across the usable width, its caption above it, the total row in bold."""
    pdf.ln(3)
    if table.title:
        pdf.set_font("helvetica", "B", 10)
        pdf.cell(usable, 6, latin1(table.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    size, widths = pdf_table_widths(pdf, table, usable)
    pdf.set_font("helvetica", "", size)
    with pdf.table(
        col_widths=tuple(widths),
        width=usable,
        line_height=size * 0.55,
        text_align=tuple("RIGHT" if numeric else "LEFT" for numeric in numeric_columns(table)),
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 232, 240)),
        borders_layout="HORIZONTAL_LINES",
    ) as grid:
        heading = grid.row()
        for cell in table.columns:
            heading.cell(latin1(cell))
        for index, row in enumerate(table.rows):
            line = grid.row()
            bold = table.total and index == len(table.rows) - 1
            for cell in row:
                line.cell(latin1(cell), style=FontFace(emphasis="BOLD") if bold else None)


def to_pdf(summary: StrategySummary) -> bytes:
    """The summary as a printable A4 report: a title page, then one page per section.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    bytes
        The ``.pdf`` file.
    """
    lang = summary.language
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title(latin1(summary.title))
    pdf.set_author(latin1(summary.prepared_by))
    pdf.set_lang("nl-NL" if lang == "nl" else "en-GB")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    usable = pdf.w - 30
    _title_page(pdf, summary, usable)
    for section in layout(summary):
        _section_text(pdf, section, usable)
        for chart in section.charts:
            pdf.ln(3)
            if pdf.will_page_break(85):
                pdf.add_page()
            top = pdf.get_y()
            _draw_pdf_chart(pdf, chart, pdf.l_margin, top, usable, 80, lang)
            pdf.set_xy(pdf.l_margin, top + 82)
        for table in section.tables:
            _pdf_table(pdf, table, usable)
    return bytes(pdf.output())
