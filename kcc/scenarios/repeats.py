"""First-contact resolution measured from contact records: what the FCR lever starts from.

``kcc.store.read_repeat_rates`` counts repeats per channel among contacts of identified
customers; a ``RepeatMeasure`` keeps those counts with the repeat window, so the lever can say
how many contacts its "FCR today" rests on, how many were left out, and over which window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from kcc import config


@dataclass(frozen=True)
class RepeatMeasure:
    """Repeat contacts of one channel, measured from customer ids.

    Attributes
    ----------
    channel : str
        Channel id.
    contacts : int
        Contacts of identified customers: what the measure rests on. [contacts]
    repeats : int
        Of those, contacts whose customer made another contact within ``window_days`` before. [contacts]
    unidentified : int
        Contacts left out: no customer id, or one that means "not identified". [contacts]
    window_days : int
        Repeat window. [days]
    """

    channel: str
    contacts: int
    repeats: int
    unidentified: int
    window_days: int

    @property
    def repeat_rate(self) -> float:
        """Share of contacts that are repeats (0 without contacts). [0..1]"""
        return self.repeats / self.contacts if self.contacts else 0.0

    @property
    def fcr(self) -> float:
        """First-contact resolution: one minus the repeat rate. [0..1]"""
        return 1 - self.repeat_rate


def repeat_measures(frame: pd.DataFrame, window_days: int = config.REPEAT_WINDOW_DAYS) -> dict[str, RepeatMeasure]:
    """``kcc.store.read_repeat_rates`` as one measure per channel; channels without a contact
    of an identified customer have none."""
    return {
        str(r.channel): RepeatMeasure(str(r.channel), int(r.contacts), int(r.repeats), int(r.unidentified),
                                      window_days)
        for r in frame.itertuples() if r.contacts > 0
    }


def unidentified_values(text: str) -> tuple[str, ...]:
    """Customer ids that mean "not identified", from a comma- or semicolon-separated list as
    typed (``"0, unknown; -1"``): trimmed, lower case, empty entries dropped, each once."""
    values = (v.strip().lower() for v in re.split(r"[,;]", text))
    return tuple(dict.fromkeys(v for v in values if v))
