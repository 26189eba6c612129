"""The summary as one self-contained web page with interactive plotly charts."""

from __future__ import annotations

import base64
import html
from typing import Final

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from kcc.formatting import escape_plotly, localise_figure
from kcc.report.model import StrategySummary
from kcc.report.sections import Chart, Table, layout, numeric_columns, prepared_line, subtitle
from kcc.report.style import PALETTE
from kcc.report.wording import HYPHENATED_NUMBER

_HTML_CSS: Final[str] = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;
color:#1d2733;background:#f6f7f9}
header{background:#1f4e79;color:#fff;padding:2.5rem 2rem}
header h1{margin:0 0 .5rem 0;font-size:2.2rem}
header p{margin:.2rem 0;opacity:.9}
nav{padding:.6rem 2rem;background:#fff;border-bottom:1px solid #dde2e8}
nav a{margin-right:1.2rem;color:#1f4e79;text-decoration:none;font-size:.9rem}
main{max-width:1150px;margin:0 auto;padding:1rem 2rem 3rem}
section{background:#fff;border-radius:8px;padding:1.2rem 1.6rem;margin:1.2rem 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{color:#1f4e79;margin-top:0}
table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}
th,td{padding:.3rem .7rem;border-bottom:1px solid #e3e7ec;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#e1e8f0}
tr.total td{font-weight:bold}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
.chart{margin:.6rem 0}
.nb{white-space:nowrap}
@media print{nav{display:none}section{box-shadow:none;page-break-inside:avoid}}
"""


def _text(text: str) -> str:
    """``text`` escaped for the page, with every date, month, week and time range kept on one
    line: a browser starts a new line after a hyphen where a word does not fit, and the
    people section read "op 14-" at a line's end and "09-2026" under it."""
    return HYPHENATED_NUMBER.sub(r'<span class="nb">\g<0></span>', html.escape(text))


def chart_figure(chart: Chart) -> go.Figure:
    """A report chart as a plotly figure (grouped bars or lines), the same series and values.

    Parameters
    ----------
    chart : Chart
        The chart.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    figure = go.Figure()
    # names and categories can come from data or users: text, not plotly's HTML
    categories = [escape_plotly(c) for c in chart.categories]
    for index, series in enumerate(chart.series):
        color = "rgb({},{},{})".format(*PALETTE[index % len(PALETTE)])
        values = [None if v is None else v for v in series.values]
        if chart.kind == "bar":
            figure.add_trace(go.Bar(name=escape_plotly(series.name), x=categories, y=values, marker_color=color))
        else:
            figure.add_trace(go.Scatter(name=escape_plotly(series.name), x=categories, y=values,
                                        mode="lines+markers", line={"color": color}))
    figure.update_layout(
        title=escape_plotly(chart.title), barmode="group", template="plotly_white", height=420,
        yaxis_title=escape_plotly(chart.unit), legend={"orientation": "h", "y": -0.15},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
    )
    figure.update_xaxes(type="category")
    shares = [v for series in chart.series for v in series.values if v is not None]
    if chart.unit == "%" and shares and min(shares) >= 0 and max(shares) <= 100:
        figure.update_yaxes(range=[0, 100])  # a share reads against its whole range
    return figure


def _html_table(table: Table) -> str:
    """A table with its numbers right-aligned, the total row marked for bold."""
    esc = html.escape
    align = ["right" if numeric else "left" for numeric in numeric_columns(table)]
    head = "".join(f'<th style="text-align:{a}">{esc(c)}</th>' for c, a in zip(table.columns, align, strict=True))
    body = []
    for index, row in enumerate(table.rows):
        css = ' class="total"' if table.total and index == len(table.rows) - 1 else ""
        cells = "".join(f'<td style="text-align:{a}">{_text(c)}</td>' for c, a in zip(row, align, strict=True))
        body.append(f"<tr{css}>{cells}</tr>")
    caption = f"<caption>{esc(table.title)}</caption>" if table.title else ""
    return (f'<table data-key="{esc(table.key)}">{caption}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _centre_html(summary: StrategySummary) -> str:
    """The centre's logo (inlined, so the page stays one file) and name above the title."""
    esc = html.escape
    logo = ""
    if summary.logo:
        mime = "image/png" if summary.logo.startswith(b"\x89PNG") else "image/jpeg"
        logo = (f'<img src="data:{mime};base64,{base64.b64encode(summary.logo).decode("ascii")}" alt="" '
                'style="float:right;max-height:64px;max-width:240px;background:#fff;padding:4px">')
    name = f'<p style="font-weight:bold">{esc(summary.centre_name)}</p>' if summary.centre_name else ""
    return logo + name


def to_html(summary: StrategySummary) -> bytes:
    """The summary as one self-contained web page with interactive plotly charts.

    plotly.js is inlined once in the page, so the file works offline and can be mailed.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    bytes
        UTF-8 HTML.
    """
    esc = html.escape
    sections = layout(summary)
    nav = "".join(f'<a href="#{s.key}">{esc(s.title)}</a>' for s in sections)
    parts: list[str] = []
    for section in sections:
        body = [f'<section id="{section.key}"><h2>{esc(section.title)}</h2>']
        body += [f"<p>{_text(p.strip())}</p>" for p in section.text.split("\n\n") if p.strip()]
        if section.facts:
            body.append("<ul>" + "".join(f"<li>{_text(f)}</li>" for f in section.facts) + "</ul>")
        for chart in section.charts:
            figure = localise_figure(chart_figure(chart), summary.language)
            div = pio.to_html(figure, include_plotlyjs=False, full_html=False,
                              div_id=f"chart-{chart.key.replace('.', '-')}",
                              config={"displaylogo": False, "responsive": True})
            body.append(f'<div class="chart">{div}</div>')
        body += [_html_table(table) for table in section.tables]
        body.append("</section>")
        parts.append("\n".join(body))
    page = f"""<!DOCTYPE html>
<html lang="{summary.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(summary.title)}</title>
<style>{_HTML_CSS}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head>
<body>
<header>{_centre_html(summary)}<h1>{esc(summary.title)}</h1><p>{_text(subtitle(summary))}</p><p>{_text(prepared_line(summary))}</p></header>
<nav>{nav}</nav>
<main>
{chr(10).join(parts)}
</main>
</body>
</html>
"""
    return page.encode("utf-8")
