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

CURVE_LABELS: dict[str, str] = {
    "service_level": "Service level [%]",
    "p_abandon": "Abandoned [%]",
    "occupancy": "Occupancy [%]",
    "asa_s": "ASA [s]",
    "axis_agents": "agents",
    "axis_pct": "%",
    "axis_s": "ASA [s]",
    "target": "Target",
    "chosen": "Required",
}

SIM_LABELS: dict[str, str] = {"expected": "Formula", "simulated": "Simulation (99.9% CI)"}


def metrics_vs_agents_chart(
    curve: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    target_service_level: float | None = None,
    chosen_agents: int | None = None,
) -> go.Figure:
    """Service level, abandonment and occupancy [%] and ASA [s] against agents.

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
    fig.add_trace(
        go.Scatter(
            x=curve["agents"],
            y=np.where(np.isfinite(asa), asa, np.nan),
            name=lab["asa_s"],
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
    fig.update_yaxes(title_text=lab["axis_pct"], range=[0, 100], secondary_y=False)
    fig.update_yaxes(title_text=lab["axis_s"], secondary_y=True, rangemode="tozero")
    fig.update_layout(margin={"t": 30, "b": 40}, legend={"orientation": "h", "y": -0.2})
    return fig


def simulation_chart(
    sim: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> go.Figure:
    """Formula value against the simulated mean and its confidence interval, per quantity.

    Shares are shown in %, the ASA in seconds, each in its own panel.
    """
    lab = {**SIM_LABELS, **(labels or {})}
    rows = sim.reset_index(drop=True)
    fig = make_subplots(
        rows=1, cols=len(rows), subplot_titles=[(names or {}).get(q, q) for q in rows["quantity"]]
    )
    for i, r in rows.iterrows():
        scale = 1.0 if r["unit"] == "s" else 100.0
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
        fig.update_yaxes(title_text="s" if r["unit"] == "s" else "%", row=1, col=int(i) + 1)
    fig.update_layout(margin={"t": 40, "b": 30}, legend={"orientation": "h", "y": -0.15})
    return fig
