"""Chart of a plan check: the model's share against the simulated one, with its confidence
interval, per day (a pure ``DataFrame -> plotly Figure`` builder, language-free)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kcc.charts.common import fit_layout, percent_axis, plotly_text
from kcc.formatting import escape_plotly

_LABELS: dict[str, str] = {
    "model": "Model [%]",
    "simulated": "Simulated, mean of the runs [%]",
    "target": "Target [%]",
    "axis": "Share in time [%]",
}
_COLOURS: dict[str, str] = {"model": "#1f4e79", "simulated": "#e07b00", "target": "#555555"}


def simulation_chart(days: pd.DataFrame, day_labels: Sequence[str], target_share: float | None,
                     labels: Mapping[str, str] | None = None, *, title: str = "") -> go.Figure:
    """Model against simulation per day for one channel.

    Parameters
    ----------
    days : pandas.DataFrame
        Rows of ``kcc.simulation.SimulationResult.days`` of one channel: ``model_share``,
        ``share``, ``share_lo``, ``share_hi`` (0..1).
    day_labels : sequence of str
        X-axis text per row (the page's date format).
    target_share : float or None
        Target drawn as a dashed line. [0..1]
    labels : mapping, optional
        ``model``, ``simulated``, ``target``, ``axis`` texts (English defaults).
    title : str
        Chart title.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    text = functools.partial(plotly_text, labels, _LABELS)
    x = list(day_labels)
    share = 100.0 * days["share"].to_numpy(float)
    fig = go.Figure()
    fig.add_bar(x=x, y=100.0 * days["model_share"].to_numpy(float), name=text("model"),
                marker_color=_COLOURS["model"], opacity=0.55)
    fig.add_scatter(
        x=x, y=share, mode="markers", name=text("simulated"),
        marker={"color": _COLOURS["simulated"], "size": 10},
        error_y={"type": "data", "symmetric": False,
                 "array": np.nan_to_num(100.0 * days["share_hi"].to_numpy(float) - share),
                 "arrayminus": np.nan_to_num(share - 100.0 * days["share_lo"].to_numpy(float))},
    )
    if target_share is not None:
        fig.add_scatter(x=x, y=[100.0 * target_share] * len(x), mode="lines", name=text("target"),
                        line={"color": _COLOURS["target"], "dash": "dash"})
    fig.update_layout(title=escape_plotly(title), yaxis_title=text("axis"))
    percent_axis(fig)
    return fit_layout(fig)
