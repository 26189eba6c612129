"""Chart builders of the calculator and engine-check pages: ``DataFrame -> plotly Figure``.

Texts come in through a ``labels`` mapping (the pages pass translated texts), so the
builders stay free of Streamlit and of the language.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kcc.charts.common import duration_axis, fit_layout, percent_axis

CURVE_LABELS: dict[str, str] = {
    "service_level": "Service level [%]",
    "p_abandon": "Abandoned [%]",
    "occupancy": "Occupancy [%]",
    "asa_s": "ASA",
    "axis_agents": "agents",
    "axis_pct": "%",
    "axis_s": "ASA",
    "target": "Target",
    "chosen": "Required",
}

SIM_LABELS: dict[str, str] = {"expected": "Formula", "simulated": "Simulation (99.9% CI)",
                              "zoom": "% (scale {low}-{top})"}


def metrics_vs_agents_chart(
    curve: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    target_service_level: float | None = None,
    chosen_agents: int | None = None,
) -> go.Figure:
    """Service level, abandonment and occupancy [%] and ASA against agents.

    The ASA axis is in seconds, minutes or hours by its largest value
    (``kcc.formatting.duration_unit``); the labels ``asa_s`` and ``axis_s`` get the unit.

    Parameters
    ----------
    curve : DataFrame
        ``agents, service_level, asa_s, p_abandon, occupancy`` (``kcc.engine_check.
        calculator_curve``).
    labels : mapping, optional
        Texts, keys as in ``CURVE_LABELS``.
    """
    lab = {**CURVE_LABELS, **(labels or {})}
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for key, colour in (
        ("service_level", "#1f4e79"),
        ("p_abandon", "#c0392b"),
        ("occupancy", "#e07b00"),
    ):
        fig.add_trace(
            go.Scatter(
                x=curve["agents"],
                y=100.0 * curve[key],
                name=lab[key],
                mode="lines+markers",
                line={"color": colour},
            ),
            secondary_y=False,
        )
    asa = curve["asa_s"].to_numpy(dtype=float)
    per_unit, unit = duration_axis(asa)
    fig.add_trace(
        go.Scatter(
            x=curve["agents"],
            y=np.where(np.isfinite(asa), asa / per_unit, np.nan),
            name=f"{lab['asa_s']} [{unit}]",
            mode="lines",
            line={"color": "#555555", "dash": "dot"},
        ),
        secondary_y=True,
    )
    if target_service_level is not None:
        fig.add_hline(
            y=100.0 * target_service_level,
            line_dash="dash",
            line_color="#1f4e79",
            annotation_text=lab["target"],
            secondary_y=False,
        )
    if chosen_agents is not None:
        fig.add_vline(
            x=chosen_agents, line_dash="dash", line_color="#2e7d32", annotation_text=lab["chosen"]
        )
    fig.update_xaxes(title_text=lab["axis_agents"])
    fig.update_yaxes(title_text=lab["axis_pct"], secondary_y=False)
    percent_axis(fig, secondary_y=False)
    fig.update_yaxes(title_text=f"{lab['axis_s']} [{unit}]", secondary_y=True, rangemode="tozero")
    return fit_layout(fig, margin={"t": 30})


def simulation_chart(
    sim: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> go.Figure:
    """Formula value against the simulated mean and its confidence interval, per quantity.

    Shares are shown in %, on an axis zoomed around the values that says its range (label
    ``zoom``, fields ``{low}`` and ``{top}``); the ASA in seconds or minutes
    (``kcc.formatting.duration_unit``); each in its own panel.
    """
    lab = {**SIM_LABELS, **(labels or {})}
    rows = sim.reset_index(drop=True)
    # Room between the panels for each axis's tick labels and title ("% (scale 85-95)", "s"):
    # at plotly's default spacing a title sat on its left neighbour's grid.
    fig = make_subplots(
        rows=1, cols=len(rows), subplot_titles=[(names or {}).get(q, q) for q in rows["quantity"]],
        horizontal_spacing=0.07,
    )
    for i, r in rows.iterrows():
        per_unit, unit = duration_axis([r["ci_high"], r["expected"]]) if r["unit"] == "s" else (0.01, "%")
        scale = 1.0 / per_unit
        fig.add_trace(
            go.Scatter(
                x=[lab["simulated"]],
                y=[r["simulated"] * scale],
                mode="markers",
                marker={"color": "#e07b00", "size": 10},
                name=lab["simulated"],
                showlegend=i == 0,
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [(r["ci_high"] - r["simulated"]) * scale],
                    "arrayminus": [(r["simulated"] - r["ci_low"]) * scale],
                },
            ),
            row=1,
            col=int(i) + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=[lab["expected"]],
                y=[r["expected"] * scale],
                mode="markers",
                marker={"color": "#1f4e79", "size": 12, "symbol": "diamond"},
                name=lab["expected"],
                showlegend=i == 0,
            ),
            row=1,
            col=int(i) + 1,
        )
        if r["unit"] == "s":
            fig.update_yaxes(title_text=unit, row=1, col=int(i) + 1)
        else:
            shown = [100.0 * r[k] for k in ("ci_low", "ci_high", "expected", "simulated")]
            percent_axis(fig, shown, zoom=lab["zoom"], row=1, col=int(i) + 1)
    fig.update_xaxes(showticklabels=False)  # the legend names the two markers
    return fit_layout(fig, margin={"t": 40})
