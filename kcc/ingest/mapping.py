"""The column mapping: which source column means what, and how to read it.

A ``Mapping`` is frozen: the Data page proposes one (``kcc.ingest.guess``), the user changes
fields, and ``preview`` shows the first rows as the mapping reads them. Its contact fields are
those of ``kcc.store.ContactColumns``, which it extends, so the store stages a contact file
from the mapping itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from kcc import store
from kcc.ingest.read import SourceFile
from kcc.ingest.values import parse_numbers, parse_times, time_text

#: What a file holds: one row per contact, or counts per interval.
KINDS: Final[tuple[str, ...]] = ("contacts", "intervals")

#: Roles a source column can have in a mapping, in the order the page shows them.
ROLES: Final[tuple[str, ...]] = (
    "timestamp", "date", "time", "channel", "queue", "contact_id", "customer_id", "handle_s",
    "wait_s", "outcome", "agent_id", "sessions", "end_time", "offered", "answered", "abandoned",
    "aht_s",
)


@dataclass(frozen=True, kw_only=True)
class Mapping(store.ContactColumns):
    """Which source column means what, and how to read it.

    A ``kcc.store.ContactColumns`` (timestamp, channel, queue, contact fields, outcome,
    decimal comma: see there), so a contact file is staged from the mapping itself, plus what
    an interval count file needs. Arguments are passed by keyword.

    Attributes
    ----------
    kind : str
        ``contacts`` (one row per contact) or ``intervals`` (counts per interval).
    wait_s : str or None
        Contacts: wait per contact [s]; intervals: mean wait of answered contacts [s], or the
        interval's total wait when ``wait_is_total``.
    offered, answered, abandoned : str or None
        Count columns (intervals only); ``offered`` is required.
    aht_s : str or None
        Mean handle time of answered contacts per interval [s] (intervals only).
    wait_is_total : bool
        ``wait_s`` holds total seconds waited in the interval (intervals only).

    ``timestamp`` is the interval start in a count file; ``contact_id``, ``customer_id``,
    ``handle_s``, ``outcome`` and the chat fields ``agent_id``, ``sessions`` and
    ``end_time`` are read from contact files only.
    """

    kind: str
    offered: str | None = None
    answered: str | None = None
    abandoned: str | None = None
    aht_s: str | None = None
    wait_is_total: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        super().__post_init__()

    @property
    def wait_from_asa(self) -> bool:
        """A counts file whose wait column is the mean wait of answered contacts (ASA) and
        which counts abandons: ``ASA x answered`` leaves out the waits of those who hung up, so
        a patience estimated from it comes out low (``run_import(asa_patience=)`` decides)."""
        return self.kind == "intervals" and bool(self.wait_s) and bool(self.abandoned) and not self.wait_is_total

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
                self.agent_id,
                self.sessions,
                self.end_time,
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
    for name in ("handle_s", "wait_s", "sessions", "offered", "answered", "abandoned", "aht_s"):
        column = getattr(mapping, name)
        if column in head:
            out[name] = parse_numbers(head[column], mapping.decimal_comma)
    if mapping.agent_id in head:
        out["agent_id"] = head[mapping.agent_id]
    if mapping.end_time in head:
        out["end_time"] = parse_times(head[mapping.end_time].astype(str), mapping.datetime_format)
    if mapping.outcome in head:
        out["outcome"] = head[mapping.outcome].map(dict(mapping.outcome_map))
    return out.reset_index(drop=True)
