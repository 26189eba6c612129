"""First-contact resolution measured from contact records: what the FCR lever starts from.

``kcc.store.read_repeat_rates`` counts repeats per channel among contacts of identified
customers; a ``RepeatMeasure`` keeps those counts with the repeat window, so the lever can say
how many contacts its "FCR today" rests on, how many were left out, and over which window.
How a centre measures (the ids that mean "not identified", the repeat window) is a
``RepeatSettings``, kept per centre in the store's settings under ``REPEAT_SETTINGS_KEY``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from kcc import checks, config

#: Store setting (per centre) holding ``RepeatSettings.to_dict()``.
REPEAT_SETTINGS_KEY: Final[str] = "fcr_measure"
#: Longest repeat window a centre can set. [days]
MAX_REPEAT_WINDOW_DAYS: Final[int] = 90


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


@dataclass(frozen=True)
class RepeatSettings:
    """How a centre measures first-contact resolution from customer ids.

    Attributes
    ----------
    unidentified : tuple of str
        Customer ids that mean "not identified", trimmed and in lower case (an empty id and an
        id of zeros only are always left out too).
    window_days : int
        A contact is a repeat when the same customer made another contact this many days
        before. [days]
    """

    unidentified: tuple[str, ...] = config.UNIDENTIFIED_CUSTOMER_IDS
    window_days: int = config.REPEAT_WINDOW_DAYS

    def __post_init__(self) -> None:
        if isinstance(self.unidentified, str) or not all(isinstance(v, str) for v in self.unidentified):
            raise TypeError("unidentified must be a sequence of customer-id texts")
        object.__setattr__(self, "unidentified", unidentified_values(",".join(self.unidentified)))
        object.__setattr__(self, "window_days", checks.whole_number(
            "window_days", self.window_days, 1, MAX_REPEAT_WINDOW_DAYS, unit="days"))

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form, as the store keeps it."""
        return {"unidentified": list(self.unidentified), "window_days": self.window_days}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> RepeatSettings:
        """The settings a centre stored; the defaults for what it did not store.

        Raises
        ------
        ValueError
            For a stored window outside 1 to ``MAX_REPEAT_WINDOW_DAYS`` days.
        """
        data = data or {}
        return cls(tuple(str(v) for v in data.get("unidentified", config.UNIDENTIFIED_CUSTOMER_IDS)),
                   data.get("window_days", config.REPEAT_WINDOW_DAYS))
