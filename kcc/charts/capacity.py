"""Chart builders of the Capacity plan page: the FTE bridge as a waterfall, heads and hires per
month, and saved scenarios compared on the plan. Pure ``data -> Figure``; texts come in
translated (English defaults)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from kcc.charts.common import fit_layout, text_or_default, wrap_label
from kcc.formatting import escape_plotly

COLOURS: dict[str, str] = {
    "total": "#1f4e79",
    "step": "#e07b00",
    "need": "#c0392b",
    "heads": "#1f4e79",
    "effective": "#2e86c1",
    "hires": "#27ae60",
}

_DEFAULTS: dict[str, str] = {
    "contact_h": "Contact hours",
    "in_shift_h": "+ in-shift shrinkage",
    "required_h": "Requirement",
    "cover_h": "+ shift cover",
    "rostered_h": "Rostered",
    "out_of_shift_h": "+ out-of-shift shrinkage",
    "paid_h": "Paid",
    "axis_hours": "hours [h]",
    "axis_eur": "cost [EUR]",
    "axis_heads": "headcount [heads]",
    "need_heads": "Heads needed",
    "heads": "Heads",
    "effective_heads": "Trained equivalent",
    "hires": "Hires",
    "month": "Month",
}


def _label(labels: Mapping[str, str] | None, key: str) -> str:
    return text_or_default(labels, _DEFAULTS, key)


def bridge_waterfall(steps: Sequence[tuple[str, float]], *, unit: str = "h",
                     labels: Mapping[str, str] | None = None, title: str = "") -> go.Figure:
    """The FTE bridge as a waterfall: contact hours, the three additions, subtotals and the paid total.

    Parameters
    ----------
    steps : sequence of (str, float)
        ``kcc.capacity.FteBridge.steps(unit)``: ``contact_h, in_shift_h, cover_h,
        out_of_shift_h`` with their values in hours or EUR.
    unit : {"h", "eur"}
    labels : mapping, optional
        Texts for the step keys, ``required_h``, ``rostered_h``, ``paid_h`` and the axes.
    title : str

    Returns
    -------
    plotly.graph_objects.Figure
    """
    values = dict(steps)
    x = ["contact_h", "in_shift_h", "required_h", "cover_h", "rostered_h", "out_of_shift_h", "paid_h"]
    measure = ["absolute", "relative", "total", "relative", "total", "relative", "total"]
    y = [values.get(k, 0.0) if m != "total" else 0.0 for k, m in zip(x, measure, strict=True)]
    figure = go.Figure(go.Waterfall(
        x=[escape_plotly(_label(labels, k)) for k in x], y=y, measure=measure,
        connector={"line": {"color": "#9aa5b1"}},
        increasing={"marker": {"color": COLOURS["step"]}},
        totals={"marker": {"color": COLOURS["total"]}},
        texttemplate="%{y:,.0f}", textposition="outside",
    ))
    figure.update_layout(title=escape_plotly(title),
                         yaxis_title=_label(labels, "axis_eur" if unit == "eur" else "axis_hours"))
    return fit_layout(figure, legend=False)


def heads_chart(months: pd.DataFrame, *, labels: Mapping[str, str] | None = None, title: str = "") -> go.Figure:
    """Heads needed, heads employed and their trained equivalent per month, with hires as bars.

    Parameters
    ----------
    months : pandas.DataFrame
        ``kcc.capacity.CapacityPlan.months``: ``month, need_heads, heads, effective_heads, hires``.
    """
    figure = go.Figure()
    figure.add_bar(x=months["month"], y=months["hires"], name=escape_plotly(_label(labels, "hires")),
                   marker_color=COLOURS["hires"], opacity=0.6)
    for column, dash in (("need_heads", "dash"), ("heads", "solid"), ("effective_heads", "dot")):
        figure.add_scatter(x=months["month"], y=months[column], mode="lines+markers",
                           name=escape_plotly(_label(labels, column)),
                           line={"color": COLOURS[column.replace("_heads", "") if column != "need_heads"
                                                  else "need"], "dash": dash})
    figure.update_layout(title=escape_plotly(title), yaxis_title=_label(labels, "axis_heads"),
                         xaxis_title=_label(labels, "month"))
    return fit_layout(figure)


def compare_chart(table: pd.DataFrame, value: str, *, axis: str = "", title: str = "") -> go.Figure:
    """One bar per compared scenario of ``table[value]`` (indexed by scenario name): names as
    users typed them, on two lines under their bar and whole in the hover."""
    full = [escape_plotly(str(name)) for name in table.index]
    figure = go.Figure(go.Bar(x=[wrap_label(name, 24) for name in table.index], y=table[value],
                              customdata=full, hovertemplate="%{customdata}: %{y:,.1f}<extra></extra>",
                              marker_color=COLOURS["heads"]))
    figure.update_layout(title=escape_plotly(title), yaxis_title=axis)
    figure.update_xaxes(tickangle=0)
    return fit_layout(figure, legend=False, margin={"t": 50 if title else 10})
