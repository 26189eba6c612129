"""The summary as Markdown: headings, bullets and pipe tables (chart data as tables)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kcc.formatting import escape_markdown, fmt_number
from kcc.i18n import t
from kcc.report.model import StrategySummary
from kcc.report.sections import Table, layout, numeric_columns, prepared_line, subtitle


def _md_cell(text: str) -> str:
    return escape_markdown(text).replace("\n", " ")


def _md_table(columns: Sequence[str], rows: Iterable[Sequence[str]], total: bool = False) -> list[str]:
    body = [tuple(row) for row in rows]
    numeric = numeric_columns(Table("", tuple(columns), tuple(body)))
    lines = ["| " + " | ".join(_md_cell(c) for c in columns) + " |",
             "|" + "|".join("---:" if n else ":---" for n in numeric) + "|"]
    for index, row in enumerate(body):
        cells = [_md_cell(c) for c in row]
        if total and index == len(body) - 1:
            cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def to_markdown(summary: StrategySummary) -> str:
    """The summary as Markdown: a heading per section, facts as bullets, tables as pipe tables
    and each chart's data as a table.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    str
        Markdown text.
    """
    lang = summary.language
    md = escape_markdown  # every text of the summary is plain text (titles, names, the user's words)
    lines = [f"# {md(summary.title)}", "", f"*{md(subtitle(summary))}*", "", md(prepared_line(summary)), ""]
    for section in layout(summary):
        lines += [f"## {md(section.title)}", ""]
        for paragraph in section.text.split("\n\n"):
            if paragraph.strip():
                lines += [md(paragraph.strip()), ""]
        if section.facts:
            lines += [f"- {md(fact)}" for fact in section.facts] + [""]
        for table in section.tables:
            if table.title:
                lines += [f"**{md(table.title)}**", ""]
            lines += _md_table(table.columns, table.rows, table.total) + [""]
        for chart in section.charts:
            lines += [f"**{md(t('report.chart_data', lang, title=chart.title))}**", ""]
            decimals = 0 if chart.unit in {t("report.axis_eur", lang), t("report.axis_contacts", lang)} else 1
            rows = [
                (category, *(fmt_number(s.values[i], decimals, lang) for s in chart.series))
                for i, category in enumerate(chart.categories)
            ]
            lines += _md_table(("", *(s.name for s in chart.series)), rows) + [""]
    return "\n".join(lines)
