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
#: The same for running text (prose has more narrow letters than a table's numbers).
_TEXT_CHAR_EM: Final[float] = 0.5
#: Cell margins: python-pptx's 0.1 inch left and right; 0.03 inch top and bottom (set by the
#: PowerPoint renderer). [EMU]
CELL_PAD_W_EMU: Final[int] = 2 * 91_440
CELL_PAD_H_EMU: Final[int] = 2 * 27_432
#: Table font sizes tried, largest first [pt]; beside a chart at least 9 pt.
_TABLE_FONTS_PT: Final[tuple[int, ...]] = (12, 11, 10, 9, 8)
#: Larger fonts a full-width table takes when it fits whole in the room left [pt].
_ROOMY_FONTS_PT: Final[tuple[int, ...]] = (18, 16, 14)
#: Slide geometry (16:9) [EMU].
SLIDE_W: Final[int] = int(13.333 * _EMU_PER_INCH)
SLIDE_H: Final[int] = int(7.5 * _EMU_PER_INCH)
_MARGIN: Final[int] = int(0.5 * _EMU_PER_INCH)
_BODY_W: Final[int] = SLIDE_W - 2 * _MARGIN
#: Top of a slide's body, below its title. [EMU]
BODY_TOP: Final[int] = int(1.2 * _EMU_PER_INCH)
_BODY_BOTTOM: Final[int] = SLIDE_H - int(0.35 * _EMU_PER_INCH)
_GAP: Final[int] = int(0.25 * _EMU_PER_INCH)


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


def text_font_pt(section: Section) -> int:
    """Font of a section's text block: the largest with which its charts and tables keep
    their room below it, of 14 and 12 pt beside charts, else 16 and 14 pt (20 pt first for a
    short text, such as a decision); 14 pt when none does. [pt]"""
    short = sum(len(text) for text, _ in facts_and_text(section)) <= _SHORT_TEXT_CHARS
    fonts = (14, 12) if section.charts else (20, 16, 14) if short else (16, 14)
    for font in fonts:
        if _text_height(section, font) + _TEXT_GAP + _MIN_ITEMS_H <= _BODY_BOTTOM - BODY_TOP:
            return font
    return 14


def text_block_height(section: Section) -> int:
    """Height of a section's text block on its first slide (0 without text): every line
    its paragraphs wrap to across the body width, so no text runs into the charts and
    tables below it. [EMU]"""
    return _text_height(section, text_font_pt(section))


def _text_height(section: Section, font: int) -> int:
    paragraphs = facts_and_text(section)
    if not paragraphs:
        return 0
    # prose is narrower than a table's numbers; the bullet and its space take two characters
    per_line = int((_BODY_W - int(0.2 * _EMU_PER_INCH)) / (_TEXT_CHAR_EM * font * _EMU_PER_PT)) - 2
    lines = sum(_wrapped_lines(text, per_line * char_width_emu(font) + CELL_PAD_W_EMU, font)
                for text, _ in paragraphs)
    # lines at 1.2 spacing (a paragraph of the user's is one point larger than a bullet), 4 pt
    # after each paragraph, and the box's own margins
    height_in = 0.15 + lines * (font + 1) * 1.2 / 72 + len(paragraphs) * 4 / 72
    return int(min(height_in * _EMU_PER_INCH, _BODY_BOTTOM - BODY_TOP))


#: A text this short reads large on its slide. [characters]
_SHORT_TEXT_CHARS: Final[int] = 300
#: Space between a text block and what follows it. [EMU]
_TEXT_GAP: Final[int] = int(0.1 * _EMU_PER_INCH)
#: Least height for charts and tables below a text block; with less they start on the next
#: slide. [EMU]
_MIN_ITEMS_H: Final[int] = int(2.6 * _EMU_PER_INCH)


def _side_by_side(items: list[Chart | Table], top: int) -> list[Placement] | None:
    """Every item in one row across the body, tables at 9 pt or more and whole; or None."""
    height = _BODY_BOTTOM - top
    free = _BODY_W - _GAP * (len(items) - 1)
    tables = [item for item in items if isinstance(item, Table)]
    charts = len(items) - len(tables)
    if not charts and len(tables) == 1:  # a table alone: large when it fits whole
        roomy = _roomy_fit(tables[0], height)
        if roomy is not None:
            return [Placement(tables[0], _MARGIN, top, _BODY_W, sum(roomy.row_heights), roomy,
                              (0, len(tables[0].rows)))]
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


def _without_text(section: Section) -> Section:
    return Section(section.key, section.title, "", (), section.tables, section.charts)


def _chart_beside_stack(charts: list[Chart], tables: list[Table], top: int) -> list[Placement] | None:
    """The charts side by side on the left, the tables stacked on the right, each whole in
    one font of 9 pt or more (the largest that fits); or None."""
    if not charts or len(tables) < 2:
        return None
    chart_w = int((_BODY_W - _GAP) * 0.42)
    table_w = _BODY_W - chart_w - _GAP
    for cap in (font for font in _TABLE_FONTS_PT if font >= 9):
        fits = [fit_table(table, table_w, fonts=tuple(f for f in _TABLE_FONTS_PT if 9 <= f <= cap))
                for table in tables]
        if any(fit is None for fit in fits):
            return None
        if top + sum(sum(fit.row_heights) for fit in fits if fit) + _GAP * (len(tables) - 1) > _BODY_BOTTOM:
            continue
        placements, left = [], _MARGIN
        each = (chart_w - _GAP * (len(charts) - 1)) // len(charts)
        for chart in charts:
            placements.append(Placement(chart, left, top, each, _BODY_BOTTOM - top))
            left += each + _GAP
        cursor = top
        for table, fit in zip(tables, fits, strict=True):
            assert fit is not None
            placements.append(Placement(table, _MARGIN + chart_w + _GAP, cursor, table_w, sum(fit.row_heights),
                                        fit, (0, len(table.rows))))
            cursor += sum(fit.row_heights) + _GAP
        return placements
    return None


def _roomy_fit(table: Table, room: int) -> TableFit | None:
    """A full-width table in a larger font when it fits whole in ``room``: a short table
    should not sit small on an empty slide."""
    for font in _ROOMY_FONTS_PT:
        fit = fit_table(table, _BODY_W, fonts=(font,))
        if fit is not None and sum(fit.row_heights) <= room:
            return fit
    return None


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
    top = BODY_TOP + (text_h + _TEXT_GAP if text_h else 0)
    items: list[Chart | Table] = [*section.charts, *section.tables]
    if not items:
        return [SlidePlan(False, ())]
    if _BODY_BOTTOM - top < _MIN_ITEMS_H:  # a long text: its charts and tables follow on the next slide
        return [SlidePlan(False, ()), *(SlidePlan(True, plan.placements)
                                        for plan in plan_slides(_without_text(section)))]
    together = _side_by_side(items, top) or _chart_beside_stack(list(section.charts), list(section.tables), top)
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
    for index, table in enumerate(rest):
        fit = fit_table(table, _BODY_W) or fit_table(table, _BODY_W, fonts=(8,))
        if fit is None:  # a word wider than the slide: keep the widths proportional
            fit = TableFit(8, tuple(_BODY_W // len(table.columns) for _ in table.columns),
                           tuple(int(0.3 * _EMU_PER_INCH) for _ in range(len(table.rows) + 1)))
        if _BODY_BOTTOM - cursor < fit.row_heights[0] + min(fit.row_heights[1:], default=0) * 2:
            slides.append([])
            cursor = BODY_TOP
        # the last table on a slide of its own reads better large; it keeps room for the next
        room = _BODY_BOTTOM - cursor - (len(rest) - 1 - index) * int(1.2 * _EMU_PER_INCH)
        fit = _roomy_fit(table, room) or fit
        parts = _row_pages(fit, _BODY_BOTTOM - cursor, _BODY_BOTTOM - BODY_TOP)
        for number, rows in enumerate(parts):
            if number:
                slides.append([])
                cursor = BODY_TOP
            height = fit.row_heights[0] + sum(fit.row_heights[1 + rows[0]:1 + rows[1]])
            slides[-1].append(Placement(table, _MARGIN, cursor, _BODY_W, height, fit, rows))
            cursor += height + _GAP
    return [SlidePlan(index > 0, tuple(p)) for index, p in enumerate(slides)]
