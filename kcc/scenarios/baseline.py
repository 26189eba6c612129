"""Baseline opening hours: read from the stored setting, written back to it, or inferred
from the demand itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from kcc import config
from kcc.scenarios.spec import ChannelHours
from kcc.scenarios.validation import (
    MINUTES_PER_DAY,
    TIME_STEP_MIN,
    WEEKDAYS,
    format_hhmm,
    parse_hhmm,
)


def hours_from_setting(value: Mapping[str, Any] | None) -> tuple[ChannelHours, ...]:
    """Read the ``opening_hours``/``working_hours`` setting into :class:`ChannelHours`.

    Parameters
    ----------
    value : mapping
        ``{channel: {"0": ["08:00", "20:00"] or None, ..., "6": ...}}`` (weekday 0 = Monday).

    Returns
    -------
    tuple of ChannelHours
        One per channel in the setting; an unknown channel is skipped.
    """
    out: list[ChannelHours] = []
    for channel, days in (value or {}).items():
        if channel not in config.CHANNELS:
            continue
        opens, closes = [], []
        for d in range(WEEKDAYS):
            span = (days or {}).get(str(d), (days or {}).get(d))
            first, last = (0, 0) if not span else (parse_hhmm(span[0]), parse_hhmm(span[1]))
            opens.append(first)
            closes.append(last)
        out.append(ChannelHours(channel, tuple(opens), tuple(closes)))
    return tuple(out)


def infer_opening_hours(demand: pd.DataFrame) -> tuple[ChannelHours, ...]:
    """Opening hours as the data shows them: per channel and weekday, the first to the last
    slot that ever had volume.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame (``channel, ds, interval_min, volume``).

    Returns
    -------
    tuple of ChannelHours
    """
    frame = demand[demand["volume"] > 0]
    minute = frame["ds"].dt.hour * 60 + frame["ds"].dt.minute
    end = minute + frame["interval_min"]
    keys = pd.DataFrame(
        {"channel": frame["channel"], "weekday": frame["ds"].dt.day_of_week, "open": minute, "close": end}
    )
    spans = keys.groupby(["channel", "weekday"]).agg(open=("open", "min"), close=("close", "max"))
    out = []
    for channel in sorted(set(demand["channel"]) & set(config.CHANNELS), key=config.CHANNELS.index):
        opens, closes = [0] * WEEKDAYS, [0] * WEEKDAYS
        for d in range(WEEKDAYS):
            if (channel, d) in spans.index:
                row = spans.loc[(channel, d)]
                opens[d] = int(row["open"]) // TIME_STEP_MIN * TIME_STEP_MIN
                closes[d] = min(MINUTES_PER_DAY, -(-int(row["close"]) // TIME_STEP_MIN) * TIME_STEP_MIN)
        out.append(ChannelHours(channel, tuple(opens), tuple(closes)))
    return tuple(out)


def hours_to_setting(hours: Iterable[ChannelHours]) -> dict[str, dict[str, list[str] | None]]:
    """:class:`ChannelHours` -> the stored setting form (inverse of :func:`hours_from_setting`)."""
    return {
        h.channel: {
            str(d): (None if h.is_closed(d) else [format_hhmm(h.open_min[d]), format_hhmm(h.close_min[d])])
            for d in range(WEEKDAYS)
        }
        for h in hours
    }
