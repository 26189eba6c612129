"""Charts of the loaded history: pure ``DataFrame -> plotly Figure`` builders.

Titles and axis labels come in already translated, so the builders stay language-free.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from kcc import config
from kcc.charts.common import every_day, fit_layout, hour_ticks
from kcc.formatting import escape_plotly


def volume_by_day(
    daily: pd.DataFrame, *, title: str, x_title: str, y_title: str,
    channel_names: Mapping[str, str] | None = None,
) -> go.Figure:
    """Offered contacts per local day, one line per channel.

    A day inside a channel's history without contacts is drawn at 0 (``common.every_day``).

    Parameters
    ----------
    daily : pandas.DataFrame
        ``date, channel, offered`` as from ``kcc.store.daily_volumes``.
    title, x_title, y_title : str
        Translated texts.
    channel_names : mapping, optional
        Channel id -> translated name for the legend.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    present = set(daily["channel"].unique())
    order = [c for c in config.CHANNELS if c in present]
    order += sorted(present - set(order))
    for channel in order:
        part = daily[daily["channel"] == channel].sort_values("date")
        offered = pd.Series(part["offered"].to_numpy(float), index=pd.DatetimeIndex(pd.to_datetime(part["date"])))
        part = every_day(offered.groupby(level=0).sum()).rename_axis("date").rename("offered").reset_index()
        fig.add_trace(go.Scatter(x=part["date"], y=part["offered"], mode="lines",
                                 name=escape_plotly((channel_names or {}).get(channel, channel)),
                                 line={"color": config.CHANNEL_COLORS.get(channel)}))
    fig.update_layout(title=title, xaxis_title=x_title, yaxis_title=y_title, hovermode="x unified")
    return fit_layout(fig)


def intraday_by_weekday(
    profile: pd.DataFrame,
    *,
    title: str,
    weekday_names: Sequence[str],
    x_title: str,
    y_title: str,
) -> go.Figure:
    """Mean offered contacts per interval of the day, one line per weekday.

    Parameters
    ----------
    profile : pandas.DataFrame
        ``weekday (0 = Monday), time_of_day (HH:MM), offered`` of one channel, as from
        ``kcc.store.intraday_profile``.
    title, x_title, y_title : str
        Translated texts.
    weekday_names : sequence of str
        Seven translated weekday names, Monday first.
    """
    # Every line on every time of day, in order: the axis takes its categories in the order the
    # lines bring them, so a time missing from Monday (no contact then on any Monday) went to the
    # axis's end, after 23:45, and the lines jumped there. The mean of such a slot is zero.
    grid = profile.pivot_table(index="time_of_day", columns="weekday", values="offered", aggfunc="sum",
                               fill_value=0.0).sort_index()
    fig = go.Figure()
    for weekday in (d for d in range(7) if d in grid.columns):
        fig.add_trace(
            go.Scatter(x=list(grid.index), y=grid[weekday].to_numpy(float), mode="lines",
                       name=weekday_names[weekday])
        )
    fig.update_layout(title=title, xaxis_title=x_title, yaxis_title=y_title)
    fig.update_xaxes(tickvals=hour_ticks(sorted(set(profile["time_of_day"]))), tickangle=0)
    return fit_layout(fig)


def weekday_heatmap(
    profile: pd.DataFrame,
    *,
    title: str,
    weekday_names: Sequence[str],
    x_title: str,
    y_title: str,
    z_title: str,
) -> go.Figure:
    """Heat map of mean offered contacts: weekday (rows) x time of day (columns).

    Parameters
    ----------
    profile : pandas.DataFrame
        ``weekday, time_of_day, offered`` of one channel (or summed over channels).
    title, x_title, y_title, z_title : str
        Translated texts.
    weekday_names : sequence of str
        Seven translated weekday names, Monday first.
    """
    grid = profile.pivot_table(
        index="weekday", columns="time_of_day", values="offered", aggfunc="sum", fill_value=0.0
    ).reindex(range(7), fill_value=0.0)
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=list(grid.columns),
            y=[weekday_names[i] for i in grid.index],
            colorscale="Blues",
            colorbar={"title": {"text": z_title}},
        )
    )
    fig.update_layout(title=title, xaxis_title=x_title, yaxis_title=y_title, yaxis={"autorange": "reversed"})
    fig.update_xaxes(tickvals=hour_ticks([str(c) for c in grid.columns]), tickangle=0)
    return fit_layout(fig, legend=False)
