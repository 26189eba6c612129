"""Where the charts and tables of a section go on 16:9 slides, and how tables are sized.

Pure geometry in EMU (English Metric Units, 914,400 per inch): ``plan_slides`` places a
section's charts and tables, ``fit_table`` picks column widths and a font with which no word
or number breaks. The PowerPoint renderer only draws what these decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kcc.report.sections import Chart, Section, Table, facts_and_text, numeric_columns

# PowerPoint grows a table row to fit its text but never moves a table or makes a font
# smaller, so a deck must size its tables itself. Text widths are estimated from the number
# of characters: an average character of the deck's font (Calibri) is about half its size.

_EMU_PER_INCH: Final[int] = 914_400
_EMU_PER_PT: Final[int] = 12_700
#: Average width of a character of the deck's font, as a share of the font size.
_CHAR_EM: Final[float] = 0.55
#: Cell margins: python-pptx's 0.1 inch left and right; 0.03 inch top and bottom (set by the
#: PowerPoint renderer). [EMU]
CELL_PAD_W_EMU: Final[int] = 2 * 91_440
CELL_PAD_H_EMU: Final[int] = 2 * 27_432
#: Table font sizes tried, largest first [pt]; beside a chart at least 9 pt.
_TABLE_FONTS_PT: Final[tuple[int, ...]] = (12, 11, 10, 9, 8)
#: Slide geometry (16:9) [EMU].
SLIDE_W: Final[int] = int(13.333 * _EMU_PER_INCH)
SLIDE_H: Final[int] = int(7.5 * _EMU_PER_INCH)
_MARGIN: Final[int] = int(0.5 * _EMU_PER_INCH)
_BODY_W: Final[int] = SLIDE_W - 2 * _MARGIN
#: Top of a slide's body, below its title. [EMU]
BODY_TOP: Final[int] = int(1.2 * _EMU_PER_INCH)
_BODY_BOTTOM: Final[int] = SLIDE_H - int(0.35 * _EMU_PER_INCH)
_GAP: Final[int] = int(0.25 * _EMU_PER_INCH)
#: Characters per line of the text block at 14 pt across the body width.
_TEXT_CHARS_PER_LINE: Final[int] = 120


@dataclass(frozen=True)
class TableFit:
    """A table sized for a width on a slide.

    Attributes
    ----------
    font_pt : int
        Font size of every cell. [pt]
    col_widths : tuple of int
        Column widths, summing to the width asked for. [EMU]
    row_heights : tuple of int
        Height each row needs with its text wrapped at word boundaries, header first. [EMU]
    """

    font_pt: int
    col_widths: tuple[int, ...]
    row_heights: tuple[int, ...]


@dataclass(frozen=True)
class Placement:
    """A chart or (part of) a table at a place on a slide; sizes in EMU.

    ``rows`` is the half-open range of body rows a table part shows (the header is repeated
    on every part); None for a chart.
    """

    item: Chart | Table
    left: int
    top: int
    width: int
    height: int
    fit: TableFit | None = None
    rows: tuple[int, int] | None = None


@dataclass(frozen=True)
class SlidePlan:
    """One slide of a section: the first carries the section's text, later ones continue it."""

    continued: bool
    placements: tuple[Placement, ...]


def char_width_emu(font_pt: float) -> float:
    """Width of an average character of the deck's font at ``font_pt``. [EMU]"""
    return _CHAR_EM * font_pt * _EMU_PER_PT


def _wrapped_lines(text: str, width_emu: float, font_pt: float) -> int:
    """Lines a text takes in a cell of this width, wrapped at spaces (greedy, as PowerPoint)."""
    per_line = max(1, int((width_emu - CELL_PAD_W_EMU) / char_width_emu(font_pt) + 1e-6))
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        if used and used + 1 + size > per_line:
            lines, used = lines + 1, size
        else:
            used += size + (1 if used else 0)
        while used > per_line:  # a word longer than the line breaks inside itself
            lines, used = lines + 1, used - per_line
    return lines


def share_width(least: list[float], wish: list[float], total: float) -> list[float]:
    """Column widths filling ``total``: the widths wished for, scaled up when they fit; else
    each column's least width plus a share of the rest by how much more it wished for; when
    even the least widths do not fit, those scaled down (words then break)."""
    if sum(wish) <= total or sum(least) >= total:
        base = wish if sum(wish) <= total else least
        return [w * total / sum(base) for w in base]
    slack = [w - lo for w, lo in zip(wish, least, strict=True)]
    extra = total - sum(least)
    return [lo + extra * sl / sum(slack) for lo, sl in zip(least, slack, strict=True)]


def _column_chars(table: Table) -> tuple[list[int], list[int]]:
    """Per column the characters it needs at least (its longest header word, its longest
    number or word) and the characters it would like (its texts whole, long ones capped)."""
    numeric = numeric_columns(table)
    columns = [[row[c] if c < len(row) else "" for row in table.rows] for c in range(len(table.columns))]

    def unbroken(text: str, whole: bool) -> int:
        return len(text) if whole else max((len(word) for word in text.split()), default=0)

    least = [max([unbroken(header, False), 1, *(unbroken(x, numeric[c]) for x in columns[c])])
             for c, header in enumerate(table.columns)]
    wish = [max([least[c], min(len(header), 18), *(min(len(x), 40) for x in columns[c])])
            for c, header in enumerate(table.columns)]
    return least, wish


def fit_table(table: Table, width_emu: int, fonts: tuple[int, ...] = _TABLE_FONTS_PT) -> TableFit | None:
    """Column widths and a font with which no word or number of ``table`` is broken.

    A column is at least as wide as its longest header word and its longest cell (numbers
    whole, texts by their longest word); room left goes to the columns whose texts would
    otherwise wrap. The largest font of ``fonts`` that fits wins.

    Parameters
    ----------
    table : Table
        The table.
    width_emu : int
        Width to fill. [EMU]
    fonts : tuple of int
        Font sizes to try, largest first. [pt]

    Returns
    -------
    TableFit or None
        None when even the smallest font cannot keep every word whole in this width.
    """
    n = len(table.columns)
    least, wish = _column_chars(table)
    for font in fonts:
        char = char_width_emu(font)
        low = [m * char + CELL_PAD_W_EMU for m in least]
        if sum(low) > width_emu:
            continue
        widths = share_width(low, [w * char + CELL_PAD_W_EMU for w in wish], width_emu)
        whole = [int(w) for w in widths]
        whole[-1] += width_emu - sum(whole)
        heights = tuple(
            int(max(_wrapped_lines(cells[c], whole[c], font) for c in range(n)) * font * 1.2 * _EMU_PER_PT)
            + CELL_PAD_H_EMU
            for cells in [list(table.columns), *([row[c] if c < len(row) else "" for c in range(n)]
                                                 for row in table.rows)]
        )
        return TableFit(font, tuple(whole), heights)
    return None


def _row_pages(fit: TableFit, first_height: int, height: int) -> list[tuple[int, int]]:
    """Body-row ranges per table part: the first part gets ``first_height``, later parts
    ``height``; each part repeats the header. At least one row per part."""
    parts: list[tuple[int, int]] = []
    start, room = 0, first_height - fit.row_heights[0]
    for index, row_height in enumerate(fit.row_heights[1:]):
        if row_height > room and index > start:
            parts.append((start, index))
            start, room = index, height - fit.row_heights[0]
        room -= row_height
    parts.append((start, len(fit.row_heights) - 1))
    return parts


def text_block_height(section: Section) -> int:
    """Height of a section's text block on its first slide (0 without text). [EMU]"""
    paragraphs = facts_and_text(section)
    if not paragraphs:
        return 0
    lines = sum(1 + len(text) // _TEXT_CHARS_PER_LINE for text, _ in paragraphs)
    cap = 2.6 if (section.charts or section.tables) else 5.8
    return int(min(0.35 + 0.3 * lines, cap) * _EMU_PER_INCH)


def _side_by_side(items: list[Chart | Table], top: int) -> list[Placement] | None:
    """Every item in one row across the body, tables at 9 pt or more and whole; or None."""
    height = _BODY_BOTTOM - top
    free = _BODY_W - _GAP * (len(items) - 1)
    tables = [item for item in items if isinstance(item, Table)]
    charts = len(items) - len(tables)
    chart_w = int(free * 0.42 / max(charts, 1)) if tables else free // max(charts, 1)
    table_room = free - chart_w * charts
    # tables share their room by the characters they would like (a cell margin counted as one)
    wishes = [sum(_column_chars(table)[1]) + len(table.columns) for table in tables]
    left, placements = _MARGIN, []
    for item in items:
        if isinstance(item, Chart):
            width = chart_w
            placements.append(Placement(item, left, top, width, height))
        else:
            share = wishes[tables.index(item)] / sum(wishes)
            width = int(table_room * share)
            fit = fit_table(item, width, fonts=tuple(f for f in _TABLE_FONTS_PT if f >= 9))
            if fit is None or sum(fit.row_heights) > height:
                return None
            placements.append(Placement(item, left, top, width, sum(fit.row_heights), fit,
                                        (0, len(item.rows))))
        left += width + _GAP
    return placements


def plan_slides(section: Section) -> list[SlidePlan]:
    """Where each chart and table of a section goes: one slide when everything fits beside
    each other, else charts first and the tables at full width after them, split over
    continuation slides (header repeated) where they are too long.

    Parameters
    ----------
    section : Section
        The section.

    Returns
    -------
    list of SlidePlan
        The section's slides, the first with ``continued`` False. Every body row of every
        table is on exactly one slide, and nothing reaches below the slide's bottom margin
        (a single row taller than a slide excepted).
    """
    text_h = text_block_height(section)
    top = BODY_TOP + (text_h + int(0.1 * _EMU_PER_INCH) if text_h else 0)
    items: list[Chart | Table] = [*section.charts, *section.tables]
    if not items:
        return [SlidePlan(False, ())]
    together = _side_by_side(items, top)
    if together is not None:
        return [SlidePlan(False, tuple(together))]
    slides: list[list[Placement]] = [[]]
    rest = list(section.tables)
    if section.charts:
        beside = _side_by_side([*section.charts, rest[0]], top) if rest else None
        if beside is not None:
            slides[0] = beside
            rest = rest[1:]
        else:
            slides[0] = _side_by_side(list(section.charts), top) or []
        cursor = _BODY_BOTTOM  # the tables start on a new slide
    else:
        cursor = top
    for table in rest:
        fit = fit_table(table, _BODY_W) or fit_table(table, _BODY_W, fonts=(8,))
        if fit is None:  # a word wider than the slide: keep the widths proportional
            fit = TableFit(8, tuple(_BODY_W // len(table.columns) for _ in table.columns),
                           tuple(int(0.3 * _EMU_PER_INCH) for _ in range(len(table.rows) + 1)))
        if _BODY_BOTTOM - cursor < fit.row_heights[0] + min(fit.row_heights[1:], default=0) * 2:
            slides.append([])
            cursor = BODY_TOP
        parts = _row_pages(fit, _BODY_BOTTOM - cursor, _BODY_BOTTOM - BODY_TOP)
        for number, rows in enumerate(parts):
            if number:
                slides.append([])
                cursor = BODY_TOP
            height = fit.row_heights[0] + sum(fit.row_heights[1 + rows[0]:1 + rows[1]])
            slides[-1].append(Placement(table, _MARGIN, cursor, _BODY_W, height, fit, rows))
            cursor += height + _GAP
    return [SlidePlan(index > 0, tuple(p)) for index, p in enumerate(slides)]
