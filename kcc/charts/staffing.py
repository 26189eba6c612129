"""Chart builders of the staffing and overview pages: pure ``DataFrame -> plotly Figure``.

Every builder takes frames from ``kcc.plan`` and a ``labels`` mapping with the texts to show
(the pages pass translated texts; the defaults are English), so the builders stay free of
Streamlit and of the language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kcc import config
from kcc.charts.common import (
    duration_axis,
    fit_layout,
    local_wall_clock,
    percent_axis,
    text_or_default,
)
from kcc.formatting import escape_plotly

#: Colours shared by the staffing charts (colour-blind safe pairs for short / over).
COLOURS: dict[str, str] = {
    "volume": "#9aa5b1",
    "required": "#1f4e79",
    "band": "rgba(31, 78, 121, 0.18)",
    "rostered": "#e07b00",
    "short": "#c0392b",
    "over": "#2e86c1",
    "target": "#555555",
    "cost_required": "#1f4e79",
    "cost_rostered": "#e07b00",
    "cost_flex": "#c0392b",
}

_STAFFING_LABELS: dict[str, str] = {
    "volume": "Forecast volume [contacts]",
    "required": "Required, after shrinkage (P50) [agents]",
    "band": "Required for the 80% upper forecast (P90) [agents]",
    "rostered": "Rostered [agents]",
    "gap": "Gap, rostered - required [agents]",
    "axis_volume": "volume [contacts]",
    "axis_agents": "staffing [agents]",
    "axis_gap": "gap [agents]",
}


def staffing_chart(
    rows: pd.DataFrame, labels: Mapping[str, str] | None = None, title: str = ""
) -> go.Figure:
    """Day or week chart of one channel: volume, requirement band, roster and gap.

    Parameters
    ----------
    rows : pandas.DataFrame
        Plan rows of one channel (``kcc.plan.build_plan``), the intervals to show.
    labels : mapping, optional
        Texts for the keys ``volume, required, band, rostered, gap, axis_volume, axis_agents,
        axis_gap``.
    title : str
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        Three rows sharing the time axis: volume [contacts]; required P50 line with the
        P50-P90 band and the rostered step line [agents]; gap bars, red where short and blue
        where over [agents].
    """
    x = local_wall_clock(rows["ds"])
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.04,
                        row_heights=[0.25, 0.5, 0.25])
    fig.add_trace(go.Bar(x=x, y=rows["volume"], name=text_or_default(labels, _STAFFING_LABELS, "volume"),
                         marker_color=COLOURS["volume"]), row=1, col=1)
    fig.add_trace(go.Scatter(x=x, y=rows["required_scheduled"], mode="lines", line_shape="hv",
                             line={"color": COLOURS["required"], "width": 0}, showlegend=False,
                             hoverinfo="skip"), row=2, col=1)
    fig.add_trace(go.Scatter(x=x, y=rows["required_scheduled_p90"], mode="lines",
                             line_shape="hv", fill="tonexty", fillcolor=COLOURS["band"],
                             line={"color": COLOURS["band"], "width": 0},
                             name=text_or_default(labels, _STAFFING_LABELS, "band")), row=2, col=1)
    fig.add_trace(go.Scatter(x=x, y=rows["required_scheduled"], mode="lines", line_shape="hv",
                             line={"color": COLOURS["required"], "width": 2},
                             name=text_or_default(labels, _STAFFING_LABELS, "required")), row=2, col=1)
    fig.add_trace(go.Scatter(x=x, y=rows["rostered"], mode="lines", line_shape="hv",
                             line={"color": COLOURS["rostered"], "width": 2, "dash": "dot"},
                             name=text_or_default(labels, _STAFFING_LABELS, "rostered")), row=2, col=1)
    gap = rows["gap"].to_numpy(float)
    fig.add_trace(go.Bar(x=x, y=gap, name=text_or_default(labels, _STAFFING_LABELS, "gap"),
                         marker_color=np.where(gap < 0, COLOURS["short"], COLOURS["over"])),
                  row=3, col=1)
    fig.update_yaxes(title_text=text_or_default(labels, _STAFFING_LABELS, "axis_volume"), row=1, col=1)
    fig.update_yaxes(title_text=text_or_default(labels, _STAFFING_LABELS, "axis_agents"), row=2, col=1)
    fig.update_yaxes(title_text=text_or_default(labels, _STAFFING_LABELS, "axis_gap"), row=3, col=1)
    fig.update_layout(title=title, height=620, bargap=0.05, hovermode="x unified")
    fit_layout(fig)
    span = _active_span(rows, x)
    if span is not None:
        fig.update_xaxes(range=list(span))
    return fig


def _active_span(rows: pd.DataFrame, x: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """For one day: from an hour before the first interval with contacts, requirement or roster
    to an hour after the last, within the day (the night of a centre open 08:00-20:00 is empty
    space). None for more than a day, or a day with nothing in it."""
    if x.empty:
        return None
    day = pd.Timestamp(x.min()).normalize()
    if pd.Timestamp(x.max()) >= day + pd.Timedelta(days=1):
        return None
    active = ((rows["volume"].to_numpy(float) > 0) | (rows["required_scheduled"].to_numpy(float) > 0)
              | (rows["rostered"].to_numpy(float) > 0))
    if not active.any():
        return None
    times = pd.to_datetime(x.to_numpy())[active]
    step = pd.Timedelta(minutes=int(rows["interval_min"].iloc[0]))
    return (max(day, times.min() - pd.Timedelta(hours=1)),
            min(day + pd.Timedelta(days=1), times.max() + step + pd.Timedelta(hours=1)))


def gap_heatmap_chart(
    table: pd.DataFrame,
    weekday_names: Sequence[str],
    labels: Mapping[str, str] | None = None,
    title: str = "",
) -> go.Figure:
    """Heat map of the gap by weekday and time of day, diverging around zero.

    Parameters
    ----------
    table : pandas.DataFrame
        ``kcc.plan.gap_heatmap`` output: index weekday 0..6, columns ``HH:MM``. [agents]
    weekday_names : sequence of str
        Names of Monday .. Sunday.
    labels : mapping, optional
        Text for ``colorbar`` (default "gap [agents]").
    title : str
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        Red cells are short (negative gap), blue cells over-staffed, white balanced.
    """
    values = table.to_numpy(float)
    finite = values[np.isfinite(values)]
    span = float(np.max(np.abs(finite))) if finite.size else 1.0
    span = span or 1.0
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=list(table.columns),
            y=[weekday_names[int(d)] for d in table.index],
            zmin=-span,
            zmax=span,
            zmid=0,
            colorscale=[[0.0, COLOURS["short"]], [0.5, "#ffffff"], [1.0, COLOURS["over"]]],
            colorbar={"title": {"text": (labels or {}).get("colorbar", "gap [agents]")}},
            hovertemplate="%{y} %{x}: %{z:.1f}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=title, height=360)
    return fit_layout(fig, legend=False)


def kpi_chart(
    daily: pd.DataFrame,
    kpi: str,
    target: float | None,
    labels: Mapping[str, str] | None = None,
    title: str = "",
    percent: bool = True,
) -> go.Figure:
    """Achieved KPI per day against its target for one channel.

    Parameters
    ----------
    daily : pandas.DataFrame
        ``kcc.plan.summarise(plan, "D")`` rows of one channel (``period`` and the KPI column).
    kpi : str
        Column to draw: ``service_level``, ``p_abandon``, ``asa_s`` or ``occupancy``.
    target : float or None
        Target line (a share when ``percent``); None draws no line.
    labels : mapping, optional
        Texts for ``achieved``, ``target``, ``axis`` (the y-axis title without its unit) and
        ``zoom`` (the title of a zoomed percentage axis, fields ``{axis}`` and ``{top}``).
    title : str
        Figure title.
    percent : bool, default True
        Show shares as percentages on a 0-100 axis (or a stated zoom for small shares such as
        abandonment); else times, in the unit their size reads best in (``asa_s``). [s]

    Returns
    -------
    plotly.graph_objects.Figure
    """
    labels = labels or {}
    axis = labels.get("axis", "")
    per_unit, unit = (0.01, "%") if percent else duration_axis(daily[kpi].astype(float))
    scale = 1.0 / per_unit
    y = daily[kpi].astype(float) * scale
    colours: object = COLOURS["required"]
    if target is not None:
        # red where the day misses the target (below a floor, or above a cap)
        miss = y.to_numpy() < target * scale if kpi == "service_level" else y.to_numpy() > target * scale
        colours = np.where(miss, COLOURS["short"], COLOURS["required"])
    fig = go.Figure()
    fig.add_trace(go.Bar(x=daily["period"], y=y, name=labels.get("achieved", "achieved"),
                         marker_color=colours))
    if target is not None:
        fig.add_hline(y=target * scale, line_dash="dash", line_color=COLOURS["target"],
                      annotation_text=labels.get("target", "target"),
                      annotation_position="top left", annotation_bgcolor="rgba(255, 255, 255, 0.85)")
    title_text = f"{axis} [{unit}]".strip()
    fig.update_layout(title=title, height=320, yaxis_title=title_text)
    if percent:
        shown = list(y) + ([target * scale] if target is not None else [])
        zoom = labels.get("zoom", "{axis}, axis 0-{top}").format(axis=title_text, top="{top}")
        percent_axis(fig, shown, zoom=None if kpi == "service_level" else zoom)
    return fit_layout(fig, legend=False)


def budget_chart(
    monthly: pd.DataFrame, labels: Mapping[str, str] | None = None, title: str = ""
) -> go.Figure:
    """Monthly cost: the requirement against the roster, plus flex to cover the shortfall.

    Parameters
    ----------
    monthly : pandas.DataFrame
        ``kcc.plan.budget_bridge(...).monthly`` (all channels; summed per month here).
    labels : mapping, optional
        Texts for ``required``, ``rostered``, ``flex`` and ``axis`` (default "EUR").
    title : str
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        Grouped bars per month [EUR]: required; rostered with the flex cost stacked on it.
    """
    labels = labels or {}
    per = monthly.groupby("month", as_index=False)[
        ["cost_required_eur", "cost_rostered_eur", "cost_flex_eur"]
    ].sum()
    x = pd.to_datetime(per["month"]).dt.strftime("%Y-%m")
    fig = go.Figure()
    fig.add_trace(go.Bar(x=x, y=per["cost_required_eur"], name=labels.get("required", "required"),
                         marker_color=COLOURS["cost_required"], offsetgroup="req"))
    fig.add_trace(go.Bar(x=x, y=per["cost_rostered_eur"], name=labels.get("rostered", "rostered"),
                         marker_color=COLOURS["cost_rostered"], offsetgroup="ros"))
    fig.add_trace(go.Bar(x=x, y=per["cost_flex_eur"], name=labels.get("flex", "flex"),
                         marker_color=COLOURS["cost_flex"], offsetgroup="ros",
                         base=per["cost_rostered_eur"]))
    fig.update_xaxes(type="category")  # months as labels, not as dates on a time axis
    fig.update_layout(title=title, height=340, barmode="group",
                      yaxis_title=labels.get("axis", "EUR"))
    return fit_layout(fig)


def weekly_totals(daily: pd.DataFrame) -> pd.DataFrame:
    """Daily volumes summed per week (Monday to Sunday), full weeks only.

    A week the history only partly covers would show as a dip that is not there, so only weeks
    from the history's first day to its last are kept. A day inside them without contacts is a
    closed day, not a gap: a centre closed at weekends has full weeks too. When no week lies
    within the history the days are returned as they are.

    Parameters
    ----------
    daily : pandas.DataFrame
        ``date, channel, offered`` (``kcc.store.daily_volumes``).

    Returns
    -------
    pandas.DataFrame
        ``date`` (the Monday), ``channel``, ``offered`` [contacts/week], in channel order.
    """
    if daily.empty:
        return daily[["date", "channel", "offered"]]
    days = pd.to_datetime(daily["date"])
    monday = (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).dt.normalize()
    mondays = pd.DatetimeIndex(monday.unique())
    full = mondays[(mondays >= days.min().normalize())
                   & (mondays + pd.Timedelta(days=6) <= days.max().normalize())]
    if full.empty:
        return daily[["date", "channel", "offered"]]
    weeks = (daily.assign(date=monday)[monday.isin(full)]
             .groupby(["date", "channel"], as_index=False)["offered"].sum())
    rank = weeks["channel"].map({c: i for i, c in enumerate(config.CHANNELS)}).fillna(len(config.CHANNELS))
    return (weeks.assign(rank=rank).sort_values(["rank", "channel", "date"])
            .drop(columns="rank").reset_index(drop=True))


def volume_chart(
    daily: pd.DataFrame, channel_names: Mapping[str, str] | None = None, title: str = "",
    axis: str = "contacts per day",
) -> go.Figure:
    """Volume per channel over time, stacked (the overview's "what is loaded" chart).

    Parameters
    ----------
    daily : pandas.DataFrame
        ``date, channel, offered`` (``kcc.store.daily_volumes`` or ``weekly_totals``) or the
        plan's daily ``period, channel, volume``.
    channel_names : mapping, optional
        Channel id -> display name.
    title : str
        Figure title.
    axis : str
        Y-axis title with its unit.

    Returns
    -------
    plotly.graph_objects.Figure
        Phone at the bottom of the stack, each channel in its colour (``config.CHANNEL_COLORS``).
    """
    x_col = "date" if "date" in daily else "period"
    y_col = "offered" if "offered" in daily else "volume"
    present = list(dict.fromkeys(daily["channel"]))
    order = [c for c in config.CHANNELS if c in present] + [c for c in present if c not in config.CHANNELS]
    fig = go.Figure()
    for channel in order:
        rows = daily[daily["channel"] == channel]
        color = config.CHANNEL_COLORS.get(channel)
        fig.add_trace(go.Scatter(x=rows[x_col], y=rows[y_col], mode="lines", stackgroup="one",
                                 name=escape_plotly((channel_names or {}).get(channel, channel)),
                                 line={"color": color, "width": 1} if color else {"width": 1}))
    fig.update_layout(title=title, height=320, yaxis_title=axis, hovermode="x unified")
    fit_layout(fig)
    fig.update_layout(legend_traceorder="normal")
    return fig


def curve_chart(
    curve: pd.DataFrame, target: float, labels: Mapping[str, str] | None = None,
    title: str = "",
) -> go.Figure:
    """Service level against agents around one interval's requirement ("why this many").

    Parameters
    ----------
    curve : pandas.DataFrame
        ``kcc.plan.IntervalDetail.curve``.
    target : float
        Service-level target (share).
    labels : mapping, optional
        Texts for ``axis_agents``, ``axis_sl``, ``meets``, ``misses``.
    title : str
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    labels = labels or {}
    meets = curve["meets_targets"].to_numpy(bool)
    fig = go.Figure(
        go.Bar(
            x=curve["agents"],
            y=curve["service_level"].astype(float) * 100.0,
            marker_color=np.where(meets, COLOURS["over"], COLOURS["short"]),
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.add_hline(y=target * 100.0, line_dash="dash", line_color=COLOURS["target"])
    fig.update_layout(title=title, height=280,
                      xaxis_title=labels.get("axis_agents", "agents"),
                      yaxis_title=labels.get("axis_sl", "service level [%]"))
    percent_axis(fig)
    return fit_layout(fig, legend=False)
