"""Chart of a shift cover: required against covered agents per interval, with the over- and
under-cover (a pure ``DataFrame -> plotly Figure`` builder, language-free)."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from kcc.charts.common import fit_layout, local_wall_clock, plotly_text
from kcc.formatting import escape_plotly

_LABELS: dict[str, str] = {
    "required": "Required [agents]",
    "covered": "On the floor [agents]",
    "over": "Over-cover [agents]",
    "under": "Under-cover [agents]",
    "axis": "number [agents]",
}
_COLOURS: dict[str, str] = {"required": "#1f4e79", "covered": "#2e8b57", "over": "#9ccc9c",
                            "under": "#c0392b"}


def cover_chart(required: pd.DataFrame, coverage: pd.DataFrame, labels: Mapping[str, str] | None = None,
                *, title: str = "") -> go.Figure:
    """Required and covered agents per interval, over-cover as bars above zero and
    under-cover below it.

    Parameters
    ----------
    required : pandas.DataFrame
        ``ds``, ``agents``: the requirement the cover was made for. [agents]
    coverage : pandas.DataFrame
        ``ds``, ``agents``: ``kcc.shifts.CoverResult.coverage`` (same rows). [agents]
    labels : mapping, optional
        ``required``, ``covered``, ``over``, ``under``, ``axis`` texts (English defaults).
    title : str
        Chart title.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    text = functools.partial(plotly_text, labels, _LABELS)
    x = local_wall_clock(required["ds"])
    need = required["agents"].to_numpy(float)
    have = coverage["agents"].to_numpy(float)
    fig = go.Figure()
    fig.add_bar(x=x, y=(have - need).clip(min=0), name=text("over"), marker_color=_COLOURS["over"])
    fig.add_bar(x=x, y=-(need - have).clip(min=0), name=text("under"), marker_color=_COLOURS["under"])
    fig.add_scatter(x=x, y=need, mode="lines", name=text("required"), line_shape="hv",
                    line={"color": _COLOURS["required"]})
    fig.add_scatter(x=x, y=have, mode="lines", name=text("covered"), line_shape="hv",
                    line={"color": _COLOURS["covered"], "width": 1.5})
    fig.update_layout(title=escape_plotly(title), barmode="relative", bargap=0, yaxis={"title": text("axis")})
    return fit_layout(fig)
