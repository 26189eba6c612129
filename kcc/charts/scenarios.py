"""Chart builders of the Strategy levers and Scenarios pages: pure ``DataFrame -> Figure``.

Every builder takes frames from ``kcc.scenarios`` and a ``labels`` mapping with the texts to
show (the pages pass translated texts; the defaults are English), so the builders stay free of
Streamlit and of the language. Shares arrive as fractions and are drawn as percentages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kcc.charts.common import (
    fit_layout,
    hour_ticks,
    local_wall_clock,
    percent_axis,
    text_or_default,
    wrap_label,
    zero_aligned_ranges,
)
from kcc.formatting import escape_plotly

COLOURS: dict[str, str] = {
    "baseline": "#9aa5b1",
    "scenario": "#1f4e79",
    "more": "#c0392b",
    "less": "#2e86c1",
    "without": "#c0392b",
    "with": "#1f4e79",
    "volume": "#d5dbe1",
    "surge": "#e07b00",
    "flex": "#27ae60",
}
#: One colour per compared scenario (up to four), colour-blind safe.
SERIES: tuple[str, ...] = ("#9aa5b1", "#1f4e79", "#e07b00", "#27ae60")

_DEFAULTS: dict[str, str] = {
    "baseline": "Baseline",
    "scenario": "Scenario",
    "hour": "hour of day",
    "reachability": "reachability [%]",
    "arrivals": "demand [contacts/week]",
    "weekday": "weekday",
    "delta_fte": "extra FTE [FTE]",
    "delta_cost": "extra cost [EUR/week]",
    "channel": "channel",
    "fte": "FTE [FTE]",
    "cost": "cost [EUR/month]",
    "target_sl": "service-level target [%]",
    "marginal": "marginal cost [EUR/month per point]",
    "time": "time",
    "backlog": "backlog [contacts]",
    "service_level": "service level [%]",
    "without": "without flex",
    "with": "with flex",
    "volume": "forecast [contacts]",
    "surge_volume": "with surge [contacts]",
    "flex_agents": "flex agents [agents]",
    "time_of_day": "time of day",
    "volume_per_day": "contacts per interval [contacts]",
    "difference": "difference to the first scenario",
}


def _label(labels: Mapping[str, str] | None, key: str) -> str:
    return text_or_default(labels, _DEFAULTS, key)


def reachability_chart(by_hour: pd.DataFrame, channel: str | None = None,
                       labels: Mapping[str, str] | None = None, title: str = "") -> go.Figure:
    """Reachability per hour of day, baseline against scenario, over the demand per hour.

    Parameters
    ----------
    by_hour : pandas.DataFrame
        ``ScenarioResult.by_hour``: ``channel, hour, arrivals, reached, arrivals_baseline,
        reached_baseline`` [contacts/week].
    channel : str, optional
        One channel; all channels together when None.
    labels : mapping, optional
        Texts for ``baseline, scenario, hour, reachability, arrivals``.
    title : str

    Returns
    -------
    plotly.graph_objects.Figure
        Demand bars [contacts/week] on the right axis; reachability lines [%] on the left.
    """
    rows = by_hour if channel is None else by_hour[by_hour["channel"] == channel]
    agg = rows.groupby("hour", as_index=False)[["arrivals", "reached", "arrivals_baseline", "reached_baseline"]].sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        scn = 100 * agg["reached"] / agg["arrivals"].where(agg["arrivals"] > 0)
        base = 100 * agg["reached_baseline"] / agg["arrivals_baseline"].where(agg["arrivals_baseline"] > 0)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=agg["hour"], y=agg["arrivals"], name=_label(labels, "arrivals"),
                         marker_color=COLOURS["volume"]), secondary_y=True)
    fig.add_trace(go.Scatter(x=agg["hour"], y=base, name=_label(labels, "baseline"), mode="lines+markers",
                             line={"color": COLOURS["baseline"], "dash": "dot"}), secondary_y=False)
    fig.add_trace(go.Scatter(x=agg["hour"], y=scn, name=_label(labels, "scenario"), mode="lines+markers",
                             line={"color": COLOURS["scenario"]}), secondary_y=False)
    fig.update_yaxes(title_text=_label(labels, "reachability"), secondary_y=False)
    percent_axis(fig, secondary_y=False)
    fig.update_yaxes(title_text=_label(labels, "arrivals"), secondary_y=True, showgrid=False)
    fig.update_xaxes(title_text=_label(labels, "hour"), dtick=2)
    fig.update_layout(title=title)
    return fit_layout(fig, margin={"t": 50 if title else 10})


def intraday_chart(demand: pd.DataFrame, channel: str, weekday: int,
                   labels: Mapping[str, str] | None = None, title: str = "") -> go.Figure:
    """Mean volume per time of day on one weekday, baseline against scenario (the morning peak).

    Parameters
    ----------
    demand : pandas.DataFrame
        ``ScenarioResult.demand`` (``channel, ds, volume, volume_baseline``).
    channel : str
    weekday : int
        0 = Monday.
    labels : mapping, optional
        Texts for ``baseline, scenario, time_of_day, volume_per_day``.
    title : str

    Returns
    -------
    plotly.graph_objects.Figure
    """
    rows = demand[(demand["channel"] == channel) & (demand["ds"].dt.day_of_week == weekday)]
    local = local_wall_clock(rows["ds"])
    tod = local.dt.strftime("%H:%M")
    agg = rows.assign(tod=tod).groupby("tod", as_index=False)[["volume", "volume_baseline"]].mean()
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=agg["tod"], y=agg["volume_baseline"], name=_label(labels, "baseline"),
                             mode="lines", line={"color": COLOURS["baseline"], "dash": "dot", "shape": "hv"}))
    fig.add_trace(go.Scatter(x=agg["tod"], y=agg["volume"], name=_label(labels, "scenario"),
                             mode="lines", line={"color": COLOURS["scenario"], "shape": "hv"}))
    fig.update_xaxes(title_text=_label(labels, "time_of_day"), tickvals=hour_ticks(list(agg["tod"])), tickangle=0)
    fig.update_yaxes(title_text=_label(labels, "volume_per_day"), rangemode="tozero")
    fig.update_layout(title=title)
    return fit_layout(fig, margin={"t": 50 if title else 10})


def weekday_delta_chart(by_weekday: pd.DataFrame, weekday_names: Sequence[str],
                        labels: Mapping[str, str] | None = None, title: str = "") -> go.Figure:
    """Extra (or saved) FTE and cost per weekday against the baseline.

    Parameters
    ----------
    by_weekday : pandas.DataFrame
        ``ScenarioResult.by_weekday``: ``weekday, delta_fte, delta_cost_eur_per_week``.
    weekday_names : sequence of str
        Seven names, Monday first: short ones (``Mon``, ``ma``), so seven fit side by side in
        half a page.
    labels : mapping, optional
        Texts for ``delta_fte, delta_cost, weekday``.
    title : str

    Returns
    -------
    plotly.graph_objects.Figure
        FTE bars (red = more, blue = fewer) and a cost line on the right axis.
    """
    names = [weekday_names[int(d)] for d in by_weekday["weekday"]]
    delta = by_weekday["delta_fte"].fillna(0.0)
    cost = by_weekday["delta_cost_eur_per_week"].fillna(0.0)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Bar(x=names, y=delta, name=_label(labels, "delta_fte"),
                         marker_color=np.where(delta > 0, COLOURS["more"], COLOURS["less"])), secondary_y=False)
    fig.add_trace(go.Scatter(x=names, y=cost, mode="lines+markers",
                             name=_label(labels, "delta_cost"), line={"color": COLOURS["scenario"]}), secondary_y=True)
    fte_range, cost_range = zero_aligned_ranges(delta, cost)  # no change is one line, not -1 FTE
    fig.update_yaxes(title_text=_label(labels, "delta_fte"), secondary_y=False, zeroline=True, range=fte_range)
    fig.update_yaxes(title_text=_label(labels, "delta_cost"), secondary_y=True, showgrid=False, range=cost_range)
    fig.update_xaxes(title_text=_label(labels, "weekday"), tickangle=0)
    fig.update_layout(title=title)
    return fit_layout(fig, margin={"t": 50 if title else 10})


def channel_delta_chart(by_channel: pd.DataFrame, channel_names: Mapping[str, str] | None = None,
                        labels: Mapping[str, str] | None = None, title: str = "") -> go.Figure:
    """FTE and monthly cost per channel, baseline beside scenario.

    Parameters
    ----------
    by_channel : pandas.DataFrame
        ``ScenarioResult.by_channel``: ``channel, fte, fte_baseline, cost_eur_per_month,
        cost_eur_per_month_baseline``.
    channel_names : mapping, optional
        Channel id -> display name.
    labels : mapping, optional
        Texts for ``baseline, scenario, fte, cost``.
    title : str

    Returns
    -------
    plotly.graph_objects.Figure
        Two panels: FTE [FTE] and cost [EUR/month].
    """
    rows = by_channel.dropna(subset=["fte", "fte_baseline"], how="all")
    names = [(channel_names or {}).get(c, c) for c in rows["channel"]]
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12,
                        subplot_titles=(_label(labels, "fte"), _label(labels, "cost")))
    for col, (column, unit) in enumerate((("fte", "fte"), ("cost_eur_per_month", "cost")), start=1):
        fig.add_trace(go.Bar(x=names, y=rows[f"{column}_baseline"], name=_label(labels, "baseline"),
                             marker_color=COLOURS["baseline"], showlegend=col == 1), row=1, col=col)
        fig.add_trace(go.Bar(x=names, y=rows[column], name=_label(labels, "scenario"),
                             marker_color=COLOURS["scenario"], showlegend=col == 1), row=1, col=col)
        fig.update_yaxes(title_text=_label(labels, unit), row=1, col=col)
    fig.update_layout(barmode="group", title=title)
    return fit_layout(fig, margin={"t": 70 if title else 40})


def frontier_chart(frontier: pd.DataFrame, labels: Mapping[str, str] | None = None,
                   title: str = "", current: float | None = None) -> go.Figure:
    """Service-level target against FTE and cost, with the marginal cost per extra point.

    Parameters
    ----------
    frontier : pandas.DataFrame
        ``kcc.scenarios.sl_frontier`` output.
    labels : mapping, optional
        Texts for ``target_sl, fte, cost, marginal``.
    title : str
    current : float, optional
        The current target [0..1], marked with a vertical line.

    Returns
    -------
    plotly.graph_objects.Figure
        Top: FTE [FTE] and cost [EUR/month] (right axis); bottom: marginal cost bars.
    """
    x = 100 * frontier["target_service_level"]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.65, 0.35], vertical_spacing=0.06,
                        specs=[[{"secondary_y": True}], [{}]])
    fig.add_trace(go.Scatter(x=x, y=frontier["fte"], mode="lines+markers", name=_label(labels, "fte"),
                             line={"color": COLOURS["scenario"]}), row=1, col=1, secondary_y=False)
    fig.add_trace(go.Scatter(x=x, y=frontier["cost_eur_per_month"], mode="lines+markers", name=_label(labels, "cost"),
                             line={"color": COLOURS["surge"], "dash": "dot"}), row=1, col=1, secondary_y=True)
    fig.add_trace(go.Bar(x=x, y=frontier["marginal_cost_eur_per_point"], name=_label(labels, "marginal"),
                         marker_color=COLOURS["more"]), row=2, col=1)
    fig.update_yaxes(title_text=_label(labels, "fte"), row=1, col=1, secondary_y=False)
    fig.update_yaxes(title_text=_label(labels, "cost"), row=1, col=1, secondary_y=True, showgrid=False)
    fig.update_yaxes(title_text=wrap_label(_label(labels, "marginal"), 22), row=2, col=1)
    fig.update_xaxes(title_text=_label(labels, "target_sl"), row=2, col=1, dtick=5)
    if current is not None:
        fig.add_vline(x=100 * current, line_dash="dash", line_color="#555555")
    fig.update_layout(title=title)
    return fit_layout(fig, margin={"t": 50 if title else 10})


def surge_chart(intervals: pd.DataFrame, labels: Mapping[str, str] | None = None, title: str = "") -> go.Figure:
    """A surge played through the queue: demand, backlog and service level, without and with
    the flex pool.

    Parameters
    ----------
    intervals : pandas.DataFrame
        ``SurgeResult.intervals``.
    labels : mapping, optional
        Texts for ``volume, surge_volume, flex_agents, backlog, service_level, without, with,
        time``.
    title : str

    Returns
    -------
    plotly.graph_objects.Figure
        Three rows on one time axis: contacts (forecast, with surge) and flex agents; backlog
        [contacts]; service level [%].
    """
    x = local_wall_clock(intervals["ds"])
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.05, row_heights=[0.34, 0.33, 0.33],
                        specs=[[{"secondary_y": True}], [{}], [{}]])
    fig.add_trace(go.Bar(x=x, y=intervals["volume"], name=_label(labels, "volume"), marker_color=COLOURS["volume"]),
                  row=1, col=1)
    fig.add_trace(go.Scatter(x=x, y=intervals["surge_volume"], name=_label(labels, "surge_volume"),
                             line={"color": COLOURS["surge"], "shape": "hv"}), row=1, col=1)
    fig.add_trace(go.Scatter(x=x, y=intervals["flex_agents"], name=_label(labels, "flex_agents"),
                             line={"color": COLOURS["flex"], "shape": "hv", "dash": "dot"}),
                  row=1, col=1, secondary_y=True)
    for variant in ("without", "with"):
        fig.add_trace(go.Scatter(x=x, y=intervals[f"backlog_{variant}"], name=_label(labels, variant),
                                 legendgroup=variant, line={"color": COLOURS[variant]}), row=2, col=1)
        fig.add_trace(go.Scatter(x=x, y=100 * intervals[f"service_level_{variant}"], name=_label(labels, variant),
                                 legendgroup=variant, showlegend=False, line={"color": COLOURS[variant]}), row=3, col=1)
    fig.update_yaxes(title_text=_label(labels, "volume"), row=1, col=1, secondary_y=False)
    fig.update_yaxes(title_text=_label(labels, "flex_agents"), row=1, col=1, secondary_y=True, showgrid=False)
    fig.update_yaxes(title_text=_label(labels, "backlog"), row=2, col=1, rangemode="tozero")
    fig.update_yaxes(title_text=_label(labels, "service_level"), row=3, col=1)
    percent_axis(fig, row=3, col=1)
    fig.update_xaxes(title_text=_label(labels, "time"), row=3, col=1)
    fig.update_layout(title=title, height=620)
    return fit_layout(fig, margin={"t": 50 if title else 10})


#: Metrics of the comparison chart: (column, label key, scale to screen units).
COMPARE_METRICS: tuple[tuple[str, str, float], ...] = (
    ("fte", "fte", 1.0),
    ("cost_eur_per_month", "cost", 1.0),
    ("service_level", "service_level", 100.0),
    ("p_abandon", "abandonment", 100.0),
    ("reachability", "reachability", 100.0),
)


#: Text on a comparison bar per metric column, as plotly formats it (with the figure's separators).
_BAR_TEXT: dict[str, str] = {"fte": "%{x:,.1f}", "cost_eur_per_month": "%{x:,.0f}"}


def comparison_chart(table: pd.DataFrame, labels: Mapping[str, str] | None = None, title: str = "",
                     differences: bool = False) -> go.Figure:
    """Scenarios side by side: one panel per metric, one horizontal bar per scenario.

    The scenario names (typed by users, often long) stand once, on the left, on at most two
    lines; a longer name is cut with "…" and shown whole in the hover. Percentages run 0-100
    (differences in percentage points from zero); every bar carries its value in the
    figure's number format.

    Parameters
    ----------
    table : pandas.DataFrame
        ``kcc.scenarios.compare`` output.
    labels : mapping, optional
        Texts for ``fte, cost, service_level, abandonment, reachability, difference``.
    title : str
    differences : bool
        Draw the difference to the first scenario instead of the values.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    defaults = {**_DEFAULTS, "abandonment": "abandonment [%]"}
    full = [escape_plotly(name) for name in table["name"]]  # typed by users: text, not HTML
    names = [wrap_label(name, 24) for name in table["name"]]
    fig = make_subplots(rows=1, cols=len(COMPARE_METRICS), shared_yaxes=True, horizontal_spacing=0.035,
                        subplot_titles=[wrap_label((labels or {}).get(k, defaults[k]), 20)
                                        for _, k, _ in COMPARE_METRICS])
    for col, (column, _key, scale) in enumerate(COMPARE_METRICS, start=1):
        values = table[f"diff_{column}" if differences else column].astype(float) * scale
        fig.add_trace(go.Bar(y=names, x=values, orientation="h", customdata=full,
                             marker_color=[SERIES[i % len(SERIES)] for i in range(len(names))],
                             showlegend=False, texttemplate=_BAR_TEXT.get(column, "%{x:.1f}"),
                             textposition="auto", cliponaxis=False,
                             hovertemplate="%{customdata}: " + _BAR_TEXT.get(column, "%{x:.1f}") + "<extra></extra>"),
                      row=1, col=col)
        finite = values[np.isfinite(values)]
        if scale == 100.0 and not differences:
            fig.update_xaxes(range=[0, 100], dtick=50, row=1, col=col)
        elif finite.size:
            low, high = min(0.0, float(finite.min())), max(0.0, float(finite.max()))
            pad = 0.35 * ((high - low) or 1.0)  # room for the value beside a short bar
            fig.update_xaxes(range=[low - (pad if low < 0 else 0), high + (pad if high > 0 else 0)],
                             nticks=4, row=1, col=col)
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    fig.update_layout(title=title or (_label(labels, "difference") if differences else ""),
                      height=max(300, 120 + 60 * len(names)))
    return fit_layout(fig, legend=False, margin={"t": 90})
