"""The pieces a section of the summary is made of: facts, tables of formatted cells and
charts with their values. Every renderer draws these."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from kcc.i18n import TEXTS
from kcc.report.wording import finite


@dataclass(frozen=True)
class Series:
    """One data series of a chart: name with unit, and one value per category."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A chart every renderer can draw natively.

    Attributes
    ----------
    key : str
        Stable id (``"goals.sl"``), for tests and anchors.
    title : str
        Title with unit.
    kind : {"bar", "line"}
        Clustered columns or lines.
    categories : tuple of str
        X-axis categories.
    series : tuple of Series
        Values per category; ``None`` = no value.
    unit : str
        Value-axis title.
    """

    key: str
    title: str
    kind: Literal["bar", "line"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str


@dataclass(frozen=True)
class Table:
    """A table of already-formatted cells; units live in the column headers.

    Attributes
    ----------
    key : str
        Stable id (``"budget.month"``).
    columns : tuple of str
        Header cells.
    rows : tuple of tuple of str
        Body cells.
    total : bool
        Whether the last row is a total row (shown in bold).
    title : str
        Optional caption.
    """

    key: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: bool = False
    title: str = ""


_NUMERIC: Final[re.Pattern[str]] = re.compile(r"^[+-]?[\d.,]+%?$")
#: The unit a numeric cell may end with: a share's change in percentage points, in either language.
_POINTS: Final[tuple[str, ...]] = tuple(f" {unit}" for unit in TEXTS["common.unit_points"])


def numeric_columns(table: Table) -> tuple[bool, ...]:
    """Per column whether its cells are numbers (shown right-aligned); cells without any digit
    (``-``, "not set") do not count against it."""
    def numeric(text: str) -> bool:
        text = text.replace("EUR ", "").strip("*")
        for unit in _POINTS:
            text = text.removesuffix(unit)
        return bool(_NUMERIC.match(text)) or not any(ch.isdigit() for ch in text)

    cells = [[row[c] for row in table.rows if c < len(row)] for c in range(len(table.columns))]
    return tuple(
        c > 0 and all(numeric(x) for x in column) and any(any(ch.isdigit() for ch in x) for x in column)
        for c, column in enumerate(cells)
    )


@dataclass(frozen=True)
class Section:
    """One section of the summary as it is shown: the user's text, facts, tables, charts."""

    key: str
    title: str
    text: str
    facts: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()


def rounded(value: float | None, decimals: int) -> float | None:
    """Round a chart value (charts show what the tables show)."""
    return round(float(value), decimals) if finite(value) else None


def pct_value(share: float | None) -> float | None:
    """A share as a percentage rounded to one decimal, as tables and charts show it."""
    return rounded(100.0 * share, 1) if finite(share) else None


def facts_and_text(section: Section) -> list[tuple[str, bool]]:
    """Paragraphs of a section's text block: ``(text, is_bullet)``."""
    paragraphs = [(p.strip(), False) for p in section.text.split("\n\n") if p.strip()]
    return paragraphs + [(fact, True) for fact in section.facts]
