"""Does a drawn plotly chart fit its frame? Text boxes as Chromium lays them out.

``MEASURE_JS`` reads a drawn chart (a ``.js-plotly-plot`` element, in a bare page or in the
app): the bounding box of every text plotly drew (title, legend, axis titles, tick labels,
subplot titles and other annotations, bar texts, colour-bar texts) and every axis's range
and tick step from ``_fullLayout``. ``problems`` turns that into sentences: overlapping
texts, texts outside the chart, ticks that are not round, a percentage axis beyond 0-100.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import plotly

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

#: ``(gd) -> measurements`` of one drawn chart.
MEASURE_JS = r"""
(gd) => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const frame = box(gd.querySelector('.main-svg'));
  const texts = [];
  const add = (kind, owner, el) => {
    const b = box(el);
    if (b.right - b.left < 1 || b.bottom - b.top < 1) return;  // empty or hidden
    texts.push({kind, owner, text: el.textContent, ...b});
  };
  gd.querySelectorAll('.gtitle').forEach((el) => add('title', 'title', el));
  gd.querySelectorAll('.legend').forEach((el) => {
    const bg = el.querySelector('.bg');
    if (bg) { add('legend', 'legend', bg); texts[texts.length - 1].text = el.textContent; } });
  gd.querySelectorAll('g.infolayer g[class$="title"] text, g.infolayer text[class$="title"]').forEach((el) => {
    const name = (el.getAttribute('class') || el.parentNode.getAttribute('class') || '').split(' ')[0];
    if (name === 'gtitle' || name === 'legendtitletext') return;
    add('axis_title', name, el); });
  gd.querySelectorAll('g[class$="tick"] > text').forEach((el) => {
    if (el.closest('.colorbar')) return;  // the colour bar's own scale, below
    add('tick', el.parentNode.getAttribute('class').split(' ')[0], el); });
  gd.querySelectorAll('.annotation-text-g').forEach((el, i) => add('annotation', 'annotation' + i, el));
  gd.querySelectorAll('.bartext').forEach((el, i) => add('bar_text', 'bar' + i, el));
  gd.querySelectorAll('.colorbar .cbtitle text, .colorbar .cbaxis text').forEach((el) =>
    add('colorbar', 'colorbar', el));
  const axes = [];
  const full = gd._fullLayout;
  Object.keys(full).filter((k) => /^[xy]axis\d*$/.test(k)).forEach((k) => {
    const ax = full[k];
    if (!ax || ax.visible === false) return;
    axes.push({name: k, type: ax.type, range: ax.range, dtick: ax.dtick, tickmode: ax.tickmode,
               title: (ax.title && ax.title.text) || '',
               ticks: (ax._vals || []).map((v) => v.x)});
  });
  // each subplot's plot area, in page pixels: the axes' offsets within the chart's frame
  const plots = Object.entries(full._plots || {}).map(([id, p]) => ({
    id, left: frame.left + p.xaxis._offset, right: frame.left + p.xaxis._offset + p.xaxis._length,
    top: frame.top + p.yaxis._offset, bottom: frame.top + p.yaxis._offset + p.yaxis._length}));
  return {frame, texts, axes, plots};
}
"""

#: Element kinds that must not overlap one another: (kind, kind). Tick labels of one axis are
#: ``crowded_ticks``' concern.
_CLASHING: tuple[tuple[str, str], ...] = (
    ("title", "legend"), ("title", "axis_title"), ("title", "tick"), ("title", "annotation"),
    ("legend", "axis_title"), ("legend", "tick"), ("legend", "annotation"), ("legend", "colorbar"),
    ("axis_title", "axis_title"), ("axis_title", "tick"), ("axis_title", "annotation"),
    ("annotation", "annotation"), ("annotation", "tick"), ("colorbar", "tick"),
    ("bar_text", "bar_text"), ("bar_text", "annotation"), ("bar_text", "title"),
)
#: Pixels two boxes may share (anti-aliasing, glyph overhang) before they overlap.
TOLERANCE_PX = 2.0
#: Mantissas of a round tick step.
NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (min(a["right"], b["right"]) - max(a["left"], b["left"]) > TOLERANCE_PX
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > TOLERANCE_PX)


def overlaps(measured: dict[str, Any]) -> list[str]:
    """Pairs of texts of different owners whose boxes overlap."""
    found = []
    texts = measured["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            pair = (a["kind"], b["kind"])
            if pair not in _CLASHING and pair[::-1] not in _CLASHING:
                continue
            if a["owner"] == b["owner"] or not _overlap(a, b):
                continue
            found.append(f"{a['kind']} {a['text']!r} overlaps {b['kind']} {b['text']!r}")
    return found


def titles_over_plots(measured: dict[str, Any]) -> list[str]:
    """Axis titles drawn inside another subplot's plot area (a title between two panels that
    are too close lands on its neighbour's grid)."""
    found = []
    for title in (t for t in measured["texts"] if t["kind"] == "axis_title"):
        axis = title["owner"].removesuffix("title")  # "y2title" -> "y2"
        for plot in measured.get("plots", []):
            own = re.fullmatch(r"(x\d*)(y\d*)", plot["id"])
            if own is None or axis in own.groups() or not _overlap(title, plot):
                continue
            found.append(f"axis title {title['text']!r} lies in the plot area of subplot {plot['id']}")
    return found


def crowded_ticks(measured: dict[str, Any]) -> list[str]:
    """Tick labels of one axis that run into each other: plotly thins a numeric axis's labels
    when they would collide, but draws every category of a horizontal category axis
    ("TuesdayWednesday" on seven weekdays in half a page)."""
    ticks = [t for t in measured["texts"] if t["kind"] == "tick"]
    return [f"tick {a['text']!r} overlaps tick {b['text']!r}"
            for i, a in enumerate(ticks) for b in ticks[i + 1:]
            if a["owner"] == b["owner"] and _overlap(a, b)]


def clipped(measured: dict[str, Any]) -> list[str]:
    """Texts reaching outside the chart's frame."""
    frame = measured["frame"]
    return [f"{t['kind']} {t['text']!r} reaches outside the chart"
            for t in measured["texts"]
            if t["left"] < frame["left"] - 1 or t["right"] > frame["right"] + 1
            or t["top"] < frame["top"] - 1 or t["bottom"] > frame["bottom"] + 1]


def is_nice_step(step: float) -> bool:
    """1, 2, 2.5 or 5 times a power of ten."""
    if not math.isfinite(step) or step <= 0:
        return False
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
    return any(math.isclose(mantissa, nice, rel_tol=1e-6) for nice in NICE_STEPS)


def odd_ticks(measured: dict[str, Any]) -> list[str]:
    """Linear axes whose ticks are not a round step apart (465 / 931 / 1396)."""
    found = []
    for axis in measured["axes"]:
        ticks = axis["ticks"]
        if axis["type"] != "linear" or len(ticks) < 2:
            continue
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
        if not all(is_nice_step(s) for s in steps):
            found.append(f"{axis['name']} ({axis['title']!r}) has ticks {ticks}")
    return found


#: A range stated in an axis title: ``scale 0-20``, ``75-85``.
_STATED_RANGE = re.compile(r"\d+\s*[-–]\s*\d+")


def percent_beyond_range(measured: dict[str, Any]) -> list[str]:
    """Percentage value axes (y, with a ``%`` in the title) whose range is not 0-100 and whose
    title does not state the range it shows (``scale 0-20``). An x axis of percentage
    targets (the frontier's 60-95) is the question's domain, not a value scale."""
    found = []
    for axis in measured["axes"]:
        title = axis["title"]
        if (not axis["name"].startswith("y") or "%" not in title or axis["type"] != "linear"
                or _STATED_RANGE.search(title)):
            continue
        low, high = axis["range"]
        if low < -0.5 or high > 100.5 or high - low < 50:
            found.append(f"{axis['name']} ({title!r}) runs {low:.1f} to {high:.1f}")
    return found


def problems(measured: dict[str, Any]) -> list[str]:
    """Every defect found in one chart."""
    return (overlaps(measured) + titles_over_plots(measured) + clipped(measured) + odd_ticks(measured)
            + percent_beyond_range(measured))
