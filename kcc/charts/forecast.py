"""Charts and display tables of the Forecast page: pure builders, no Streamlit.

Titles and labels come in already translated, so the builders stay language-free.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kcc.charts.common import every_day, fit_layout
from kcc.formatting import escape_plotly

_FORECAST_COLOUR = "#1f77b4"
_HISTORY_COLOUR = "#555555"


def _band_colour(alpha: float) -> str:
    return f"rgba(31, 119, 180, {alpha})"


def forecast_chart(
    history_daily: pd.DataFrame,
    forecast_daily: pd.DataFrame,
    *,
    levels: Sequence[int],
    labels: Mapping[str, str],
) -> go.Figure:
    """Contacts per day: history, forecast, prediction bands, holidays and events marked.

    Parameters
    ----------
    history_daily : pandas.DataFrame
        ``date`` and ``y`` [contacts per day] of the history to show.
    forecast_daily : pandas.DataFrame
        ``ForecastResult.daily``: ``date, yhat, yhat_lo_<level>, yhat_hi_<level>, holiday,
        events`` [contacts per day].
    levels : sequence of int
        Interval levels to draw as bands, widest first looks best [%].
    labels : mapping
        Translated texts: ``title``, ``y_axis``, ``history``, ``forecast``, ``band`` (with a
        ``{level}`` field), ``holiday``, ``event``.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=history_daily["date"], y=history_daily["y"], mode="lines",
            name=labels["history"], line={"color": _HISTORY_COLOUR, "width": 1.5},
        )
    )  # fmt: skip
    for k, lev in enumerate(sorted(levels, reverse=True)):
        lo, hi = f"yhat_lo_{lev}", f"yhat_hi_{lev}"
        if lo not in forecast_daily:
            continue
        x = pd.concat([forecast_daily["date"], forecast_daily["date"][::-1]])
        y = np.concatenate([forecast_daily[hi].to_numpy(), forecast_daily[lo].to_numpy()[::-1]])
        fig.add_trace(
            go.Scatter(
                x=x, y=y, fill="toself", mode="lines", line={"width": 0},
                fillcolor=_band_colour(0.15 + 0.15 * k), hoverinfo="skip",
                name=labels["band"].format(level=lev),
            )
        )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=forecast_daily["date"], y=forecast_daily["yhat"], mode="lines",
            name=labels["forecast"], line={"color": _FORECAST_COLOUR, "width": 2},
        )
    )  # fmt: skip
    _add_day_markers(fig, forecast_daily, "holiday", labels["holiday"], "star", 10, "#d62728")
    _add_day_markers(fig, forecast_daily, "events", labels["event"], "diamond", 8, "#ff7f0e")
    fig.update_layout(title=labels["title"], yaxis_title=labels["y_axis"], hovermode="x unified")
    return fit_layout(fig)


def intraday_chart(
    intervals: pd.DataFrame, *, level: int, labels: Mapping[str, str]
) -> go.Figure:
    """Forecast per interval with one prediction band.

    Parameters
    ----------
    intervals : pandas.DataFrame
        ``ds, yhat, yhat_lo_<level>, yhat_hi_<level>`` [contacts per interval].
    level : int
        Band to draw [%].
    labels : mapping
        Translated ``title``, ``y_axis``, ``forecast`` and ``band`` (with ``{level}``).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    lo, hi = f"yhat_lo_{level}", f"yhat_hi_{level}"
    if lo in intervals:
        fig.add_trace(
            go.Scatter(x=intervals["ds"], y=intervals[hi], mode="lines", line={"width": 0},
                       showlegend=False, hoverinfo="skip")
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=intervals["ds"], y=intervals[lo], mode="lines", line={"width": 0},
                fill="tonexty", fillcolor=_band_colour(0.25), name=labels["band"].format(level=level),
            )
        )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=intervals["ds"], y=intervals["yhat"], mode="lines", name=labels["forecast"],
            line={"color": _FORECAST_COLOUR, "width": 1.5, "shape": "hv"},
        )
    )  # fmt: skip
    fig.update_layout(title=labels["title"], yaxis_title=labels["y_axis"], hovermode="x unified")
    return fit_layout(fig)


def backtest_display(summary: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """The backtest summary as a table for people: one row per method, percentages on screen.

    Parameters
    ----------
    summary : pandas.DataFrame
        ``kcc.forecast.summarise_backtest`` output.
    labels : mapping
        Translated column names (``method, day_mase, day_wmape, interval_wmape, bias,
        coverage``) and method names (``method_<id>``).

    Returns
    -------
    pandas.DataFrame
        Columns in the order above; shares as percentages [%].
    """
    day = summary[summary["grain"] == "day"].set_index("method")
    interval = summary[summary["grain"] == "interval"].set_index("method")
    out = pd.DataFrame(
        {
            labels["method"]: [labels.get(f"method_{m}", m) for m in day.index],
            labels["day_mase"]: day["mase"].round(3).to_numpy(),
            labels["day_wmape"]: (100 * day["wmape"]).round(1).to_numpy(),
            labels["interval_wmape"]: (100 * interval["wmape"].reindex(day.index)).round(1).to_numpy(),
            labels["bias"]: (100 * day["bias"]).round(1).to_numpy(),
            labels["coverage"]: (100 * day.get("coverage_80", np.nan)).round(0).to_numpy(),
        }
    )
    return out


def period_chart(
    history: pd.DataFrame, forecast: pd.DataFrame, *, levels: Sequence[int], labels: Mapping[str, str]
) -> go.Figure:
    """Contacts per week or month: history, forecast and prediction bands, one point a period.

    Parameters
    ----------
    history : pandas.DataFrame
        ``period`` (first day) and ``y`` [contacts per period].
    forecast : pandas.DataFrame
        ``kcc.period_forecast.PeriodForecast.forecast``: ``period, yhat, yhat_lo_<level>,
        yhat_hi_<level>`` [contacts per period].
    levels, labels
        As for :func:`forecast_chart` (``holiday`` and ``event`` unused).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = forecast_chart(history.rename(columns={"period": "date"}), forecast.rename(columns={"period": "date"}),
                         levels=levels, labels=labels)
    # one value a period: markers show where the periods are
    fig.update_traces(mode="lines+markers", marker={"size": 5}, selector={"fill": None})
    return fig


def period_table(forecast: pd.DataFrame, labels: Mapping[str, str], level: int = 80) -> pd.DataFrame:
    """The forecast per week or month as a table: first day, forecast and one band.

    Parameters
    ----------
    forecast : pandas.DataFrame
        ``kcc.period_forecast.PeriodForecast.forecast``.
    labels : mapping
        Translated column names ``period, yhat, lo, hi``.
    level : int
        Band shown [%].

    Returns
    -------
    pandas.DataFrame
        ``period`` as timestamps (the page formats them), contacts rounded to whole ones.
    """
    return pd.DataFrame({
        labels["period"]: forecast["period"].to_numpy(),
        labels["yhat"]: forecast["yhat"].round(0).to_numpy(),
        labels["lo"]: forecast[f"yhat_lo_{level}"].round(0).to_numpy(),
        labels["hi"]: forecast[f"yhat_hi_{level}"].round(0).to_numpy(),
    })


def period_backtest_display(summary: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """A period backtest summary as a table for people: one row per method, percentages.

    Parameters
    ----------
    summary : pandas.DataFrame
        ``kcc.period_forecast.summarise_period_backtest`` output.
    labels : mapping
        Translated column names (``method, mase, wmape, bias, coverage``) and method names
        (``method_<id>``). The coverage column is left out when no method has bounds.

    Returns
    -------
    pandas.DataFrame
        Shares as percentages [%].
    """
    out = pd.DataFrame({
        labels["method"]: [labels.get(f"method_{m}", m) for m in summary["method"]],
        labels["mase"]: summary["mase"].round(3).to_numpy(),
        labels["wmape"]: (100 * summary["wmape"]).round(1).to_numpy(),
        labels["bias"]: (100 * summary["bias"]).round(1).to_numpy(),
        labels["coverage"]: (100 * summary["coverage_80"]).round(0).to_numpy(),
    })
    return out.drop(columns=labels["coverage"]) if out[labels["coverage"]].isna().all() else out


def history_daily(history: pd.DataFrame, weeks: int = 26) -> pd.DataFrame:
    """Daily totals of the last ``weeks`` weeks of a ``ds, y`` history, by local date.

    A day the history holds no interval of is a closed day at 0 (``common.every_day``), as
    the forecast learns it and draws it ahead.

    Parameters
    ----------
    history : pandas.DataFrame
        ``ds`` (interval start, tz-aware or naive) and ``y`` [contacts per interval].
    weeks : int
        Weeks to keep before the last day.

    Returns
    -------
    pandas.DataFrame
        ``date`` (naive local midnight, every day) and ``y`` [contacts per day].
    """
    ds = history["ds"]
    local = ds.dt.tz_localize(None) if ds.dt.tz is not None else ds
    daily = history["y"].groupby(local.dt.normalize()).sum()
    daily = every_day(daily)
    daily = daily[daily.index > daily.index.max() - pd.Timedelta(weeks=weeks)]
    return daily.rename_axis("date").rename("y").reset_index()


def special_days_table(forecast_daily: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """Holidays and event days of the horizon with their factor and forecast.

    Parameters
    ----------
    forecast_daily : pandas.DataFrame
        ``ForecastResult.daily``.
    labels : mapping
        Translated column names ``date, holiday, events, factor, yhat``.

    Returns
    -------
    pandas.DataFrame
        One row per special day; factor in percent of a normal day [%], forecast in
        contacts per day.
    """
    special = forecast_daily[(forecast_daily["holiday"] != "") | (forecast_daily["events"] != "")]
    return pd.DataFrame(
        {
            labels["date"]: special["date"].dt.date.to_numpy(),
            labels["holiday"]: special["holiday"].to_numpy(),
            labels["events"]: special["events"].to_numpy(),
            labels["factor"]: (100 * special["factor"]).round(0).to_numpy(),
            labels["yhat"]: special["yhat"].round(0).to_numpy(),
        }
    )


def _add_day_markers(
    fig: go.Figure, daily: pd.DataFrame, column: str, name: str, symbol: str, size: int,
    colour: str,
) -> None:
    """Mark the forecast days whose ``column`` names something (a holiday, events)."""
    if column not in daily:  # a week or month forecast marks no days
        return
    marked = daily[daily[column] != ""]
    if len(marked):
        fig.add_trace(
            go.Scatter(
                x=marked["date"], y=marked["yhat"], mode="markers", name=escape_plotly(name),
                marker={"symbol": symbol, "size": size, "color": colour},
                # event names are typed by users: text, not plotly's HTML
                text=[escape_plotly(v) for v in marked[column]], hovertemplate="%{x|%Y-%m-%d}: %{text}<extra></extra>",
            )
        )  # fmt: skip
