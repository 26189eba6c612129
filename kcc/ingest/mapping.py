"""The column mapping: which source column means what, and how to read it.

A ``Mapping`` is frozen: the Data page proposes one (``kcc.ingest.guess``), the user changes
fields, and ``preview`` shows the first rows as the mapping reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from kcc import config, store
from kcc.ingest.read import SourceFile
from kcc.ingest.values import parse_numbers, parse_times, time_text

#: What a file holds: one row per contact, or counts per interval.
KINDS: Final[tuple[str, ...]] = ("contacts", "intervals")

#: Roles a source column can have in a mapping, in the order the page shows them.
ROLES: Final[tuple[str, ...]] = (
    "timestamp", "date", "time", "channel", "queue", "contact_id", "customer_id", "handle_s",
    "wait_s", "outcome", "offered", "answered", "abandoned", "aht_s",
)


@dataclass(frozen=True)
class Mapping:
    """Which source column means what, and how to read it.

    Attributes
    ----------
    kind : str
        ``contacts`` (one row per contact) or ``intervals`` (counts per interval).
    timestamp : str or None
        Column with date and time of arrival (contacts) or interval start (intervals).
    date, time : str or None
        Separate date and time columns, used when ``timestamp`` is None.
    datetime_format : str
        ``strptime`` format of the timestamp text, or of ``date + " " + time``.
    channel : str or None
        Column with the channel; None puts every row in ``channel_value``.
    channel_value : str
        Fixed channel id (see ``kcc.config.CHANNELS``).
    channel_map : tuple of (str, str)
        Lower-case raw channel value -> channel id.
    queue : str or None
        Column with the queue; None puts every row in ``queue_value``.
    queue_value : str
        Fixed queue name.
    contact_id : tuple of str
        Columns that together identify a contact (contacts only).
    customer_id : str or None
        Customer column (contacts only).
    handle_s : str or None
        Handle time per contact [s, or H:MM:SS] (contacts only).
    wait_s : str or None
        Contacts: wait per contact [s]; intervals: mean wait of answered contacts [s], or the
        interval's total wait when ``wait_is_total``.
    outcome : str or None
        Outcome column (contacts only); without it every contact counts as answered.
    outcome_map : tuple of (str, str)
        Raw outcome value -> ``answered``, ``abandoned``, ``closed`` or ``ignore``.
    offered, answered, abandoned : str or None
        Count columns (intervals only); ``offered`` is required.
    aht_s : str or None
        Mean handle time of answered contacts per interval [s] (intervals only).
    wait_is_total : bool
        ``wait_s`` holds total seconds waited in the interval (intervals only).
    decimal_comma : bool
        Numbers use a decimal comma (``12,5``).
    """

    kind: str
    timestamp: str | None = None
    date: str | None = None
    time: str | None = None
    datetime_format: str = "%Y-%m-%d %H:%M:%S"
    channel: str | None = None
    channel_value: str = "phone"
    channel_map: tuple[tuple[str, str], ...] = ()
    queue: str | None = None
    queue_value: str = config.DEFAULT_QUEUE
    contact_id: tuple[str, ...] = ()
    customer_id: str | None = None
    handle_s: str | None = None
    wait_s: str | None = None
    outcome: str | None = None
    outcome_map: tuple[tuple[str, str], ...] = ()
    offered: str | None = None
    answered: str | None = None
    abandoned: str | None = None
    aht_s: str | None = None
    wait_is_total: bool = False
    decimal_comma: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if self.channel_value not in config.CHANNELS:
            raise ValueError(
                f"channel_value must be one of {config.CHANNELS}, got {self.channel_value!r}"
            )
        bad = [v for _, v in self.outcome_map if v not in store.OUTCOMES]
        if bad:
            raise ValueError(f"outcome_map values must be one of {store.OUTCOMES}, got {bad[0]!r}")
        bad = [v for _, v in self.channel_map if v not in config.CHANNELS]
        if bad:
            raise ValueError(f"channel_map values must be one of {config.CHANNELS}, got {bad[0]!r}")
        if not self.queue_value.strip():
            raise ValueError("queue_value must not be empty")

    def time_columns(self) -> tuple[str, ...]:
        """The column(s) the timestamp is read from, in joining order."""
        if self.timestamp:
            return (self.timestamp,)
        return tuple(c for c in (self.date, self.time) if c)

    def roles(self) -> tuple[tuple[str, str], ...]:
        """``(role, column)`` of every mapped column, roles as in ``ROLES``."""
        out: list[tuple[str, str]] = []
        for role in ROLES:
            value = getattr(self, role)
            for column in value if isinstance(value, tuple) else (value,):
                if column:
                    out.append((role, column))
        return tuple(out)

    def required_columns(self) -> tuple[str, ...]:
        """Every source column the mapping reads."""
        names: list[str] = [*self.time_columns(), *self.contact_id]
        names += [
            c
            for c in (
                self.channel,
                self.queue,
                self.customer_id,
                self.handle_s,
                self.wait_s,
                self.outcome,
                self.offered,
                self.answered,
                self.abandoned,
                self.aht_s,
            )
            if c
        ]
        return tuple(dict.fromkeys(names))


def preview(source: SourceFile, mapping: Mapping, rows: int = 10) -> pd.DataFrame:
    """The first rows as the mapping reads them: ``timestamp`` plus every mapped field."""
    head = source.frame.head(rows)
    out = pd.DataFrame(index=head.index)
    cols = [c for c in mapping.time_columns() if c in head]
    if cols:
        text = time_text(head, cols)
        out["timestamp"] = parse_times(text, mapping.datetime_format)
    out["channel"] = (
        head[mapping.channel].map(
            lambda v: dict(mapping.channel_map).get(str(v).strip().lower()) if v else None
        )
        if mapping.channel in head
        else mapping.channel_value
    )
    out["queue"] = head[mapping.queue] if mapping.queue in head else mapping.queue_value
    for name in ("handle_s", "wait_s", "offered", "answered", "abandoned", "aht_s"):
        column = getattr(mapping, name)
        if column in head:
            out[name] = parse_numbers(head[column], mapping.decimal_comma)
    if mapping.outcome in head:
        out["outcome"] = head[mapping.outcome].map(dict(mapping.outcome_map))
    return out.reset_index(drop=True)
