"""Helpers the chart builders share: texts with English defaults, local time axes, and the
one layout every chart ends with (``fit_layout``: legend, margins, ticks), percentage and time
axes, long labels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kcc.formatting import duration_unit, escape_plotly


def text_or_default(labels: Mapping[str, str] | None, defaults: Mapping[str, str], key: str) -> str:
    """The caller's (translated) text for ``key``, else the English default.

    Parameters
    ----------
    labels : mapping, optional
        Texts the page passes.
    defaults : mapping
        English texts of every key the builder uses.
    key : str

    Returns
    -------
    str
    """
    return (labels or {}).get(key, defaults[key])


def plotly_text(labels: Mapping[str, str] | None, defaults: Mapping[str, str], key: str) -> str:
    """``text_or_default`` as literal text in a plotly figure (``escape_plotly``): a label is
    text, never markup.

    Parameters
    ----------
    labels : mapping, optional
        Texts the page passes.
    defaults : mapping
        English texts of every key the builder uses.
    key : str

    Returns
    -------
    str
    """
    return escape_plotly(text_or_default(labels, defaults, key))


def local_wall_clock(ds: pd.Series) -> pd.Series:
    """Interval starts as naive local wall-clock time.

    plotly draws tz-aware stamps in UTC; a planner reads the centre's local time.

    Parameters
    ----------
    ds : pandas.Series
        Interval starts, tz-aware or naive (then returned as they are).

    Returns
    -------
    pandas.Series
    """
    return ds.dt.tz_localize(None) if getattr(ds.dt, "tz", None) is not None else ds


# --------------------------------------------------------------------------- layout that fits

#: The legend in one row below everything (the x-axis title included), left-aligned: in the
#: container's coordinates, so plotly grows the bottom margin for it instead of drawing it over
#: the axis titles.
LEGEND_BELOW: Final[dict[str, object]] = {
    "orientation": "h", "yref": "container", "y": 0.0, "yanchor": "bottom", "x": 0.0, "xanchor": "left",
}
#: A percentage axis: the whole scale, so 72% looks like 72% of the way up.
PERCENT_RANGE: Final[tuple[float, float]] = (0.0, 100.0)
#: Tops a zoomed percentage axis may take (its title says so). [%]
_ZOOM_TOPS_PCT: Final[tuple[float, ...]] = (5.0, 10.0, 20.0, 25.0, 50.0)
#: Characters per line of a wrapped axis or category label, and the lines it may take.
LABEL_WIDTH: Final[int] = 16
LABEL_LINES: Final[int] = 2
#: Around the plot area [px]; ``automargin`` grows it where tick labels or titles need more.
MARGIN: Final[dict[str, int]] = {"l": 10, "r": 10, "t": 50, "b": 10}


def every_day(daily: pd.Series) -> pd.Series:
    """Contacts per day (a ``DatetimeIndex`` of local midnights) on every day from the first to
    the last, a day without contacts at 0: a closed day, as the forecast reads the history
    (``kcc.forecast.grid``). A centre closed at weekends then drops to 0 on them in a chart,
    not a line from Friday to Monday."""
    if daily.empty:
        return daily
    return daily.reindex(pd.date_range(daily.index.min(), daily.index.max(), freq="D"), fill_value=0)


def fit_layout(fig: go.Figure, *, legend: bool = True, margin: Mapping[str, int] | None = None) -> go.Figure:
    """The layout every builder ends with: legend below, margins that grow, round ticks.

    - the legend in one row under the x-axis title (``LEGEND_BELOW``), never on it;
    - every axis grows the margin for its tick labels and title (``automargin``);
    - an overlaying (secondary) y axis gets round ticks of its own: plotly.js otherwise puts its
      ticks on the first axis's grid lines, at values such as 465 / 931 / 1,396.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        Changed in place.
    legend : bool
        Show the legend (below the chart).
    margin : mapping, optional
        Margins that differ from ``MARGIN``. [px]

    Returns
    -------
    plotly.graph_objects.Figure
        ``fig``.
    """
    fig.update_layout(showlegend=legend, legend=LEGEND_BELOW, margin={**MARGIN, **(margin or {})})
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    for name in fig.layout:
        if name.startswith("yaxis") and fig.layout[name].overlaying:
            fig.layout[name].update(tickmode="auto", nticks=6, rangemode="tozero")
    return fig


def zero_aligned_ranges(*series: Sequence[float] | np.ndarray | pd.Series,
                        margin: float = 0.08) -> list[list[float]]:
    """Ranges for the axes of a twin-axis chart that put zero at the same height on each, so a
    difference drawn as bars (left) and its cost drawn as a line (right) share one zero line.

    Zero sits at the height its most negative and most positive series need; each range then
    covers its own series with ``margin`` to spare. A series that is all zero (or empty) gets
    ``[-1, 1]`` with zero in the middle when every series is.

    Parameters
    ----------
    *series : sequence of float
        The values of each axis, in axis order; NaN is ignored.
    margin : float
        Room beyond the largest value, as a share of the range.

    Returns
    -------
    list of [float, float]
        One ``[low, high]`` per series.
    """
    lows, highs = [], []
    for values in series:
        finite = np.asarray(values, dtype=float)
        finite = finite[np.isfinite(finite)]
        lows.append(min(0.0, float(finite.min())) if finite.size else 0.0)
        highs.append(max(0.0, float(finite.max())) if finite.size else 0.0)
    spans = [hi - lo for lo, hi in zip(lows, highs, strict=True)]
    below = max((-lo / span for lo, span in zip(lows, spans, strict=True) if span > 0), default=0.5)
    above = max((hi / span for hi, span in zip(highs, spans, strict=True) if span > 0), default=0.5)
    zero_at = below / (below + above)  # share of the height under the zero line
    ranges = []
    for lo, hi in zip(lows, highs, strict=True):
        needed = [-lo / zero_at if zero_at > 0 else 0.0, hi / (1 - zero_at) if zero_at < 1 else 0.0]
        height = max(needed) * (1 + margin) or 2.0
        ranges.append([-zero_at * height, (1 - zero_at) * height])
    return ranges


def percent_axis(fig: go.Figure, values_pct: Sequence[float] | np.ndarray | None = None,
                 zoom: str | None = None, **where: object) -> go.Figure:
    """A percentage axis from 0 to 100, or a zoom its title states.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        Changed in place.
    values_pct : array-like, optional
        The values drawn on the axis. [%]
    zoom : str, optional
        The axis title when zoomed, with a ``{top}`` field and optionally ``{low}``. With
        ``{top}`` only, values that all stay under half the scale (abandonment) are shown on
        0..top, the smallest of 5, 10, 20, 25 or 50 that holds them; with ``{low}`` as well,
        the axis runs between the multiples of 5 around the values (a check of 80% against
        80.4%). Without it the axis always runs 0-100.
    **where
        ``row``, ``col``, ``secondary_y`` as ``update_yaxes`` takes them.

    Returns
    -------
    plotly.graph_objects.Figure
        ``fig``.
    """
    values = np.asarray(values_pct if values_pct is not None else [], dtype=float)
    finite = values[np.isfinite(values)]
    if zoom is not None and finite.size and "{low}" in zoom:
        low = max(0.0, 5.0 * np.floor((finite.min() - 0.5) / 5.0))
        top = min(100.0, 5.0 * np.ceil((finite.max() + 0.5) / 5.0))
        fig.update_yaxes(range=[low, top], nticks=6, title_text=zoom.format(low=f"{low:g}", top=f"{top:g}"),
                         **where)
        return fig
    zoom_top = next((t for t in _ZOOM_TOPS_PCT if finite.size and finite.max() <= t), None)
    if zoom is not None and zoom_top is not None:
        fig.update_yaxes(range=[0.0, zoom_top], title_text=zoom.format(top=f"{zoom_top:g}"), **where)
    else:
        fig.update_yaxes(range=list(PERCENT_RANGE), dtick=20, **where)
    # a marker at 100% is drawn whole, not cut by the top of the plot area
    fig.update_traces(cliponaxis=False, selector={"type": "scatter"})
    return fig


def duration_axis(values_s: Sequence[float] | np.ndarray) -> tuple[float, str]:
    """The unit a time axis reads best in, from its largest value (``kcc.formatting.
    duration_unit``): ``(60, "min")`` for waits up to an hour. Divide the values by the first
    and name the second in the axis title.

    Parameters
    ----------
    values_s : array-like
        Times to draw. [s]

    Returns
    -------
    tuple of (float, str)
        Seconds per unit, unit.
    """
    values = np.asarray(values_s, dtype=float)
    finite = values[np.isfinite(values)]
    return duration_unit(float(finite.max()) if finite.size else 0.0)


def wrap_label(text: object, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """A long label on at most ``lines`` lines of about ``width`` characters, the rest cut
    with "…", as plotly text (``<br>`` between lines, the text itself escaped): a scenario
    name under a bar, an axis title on a short panel. Show the full name in the hover.

    Examples
    --------
    >>> wrap_label("Evening opening until 22:00 with home workers", 16)
    'Evening opening<br>until 22:00 wit…'
    """
    words = str(text or "").split()
    rows: list[str] = []
    for word in words:
        if rows and len(rows[-1]) + 1 + len(word) <= width:
            rows[-1] += " " + word
        else:
            rows.append(word)
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = rows[-1][: width - 1].rstrip() + "…"
    rows = [row if len(row) <= width + 4 else row[: width - 1] + "…" for row in rows]
    return "<br>".join(escape_plotly(row) for row in rows)


def hour_ticks(times: Sequence[str], every_h: int = 2) -> list[str]:
    """The ``HH:00`` labels among ``HH:MM`` categories, every ``every_h`` hours: 96 quarter
    hours labelled one by one are unreadable, and plotly's own pick lands on 01:45."""
    return [t for t in times if t.endswith(":00") and int(t[:2]) % every_h == 0]
