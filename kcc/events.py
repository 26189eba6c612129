"""Holiday calendars and the event calendar as frames.

Two kinds of special days shape a contact centre's volume:

* public holidays, taken from the ``holidays`` package for a country;
* events the centre knows about (campaigns, mailings, outages, price changes, one-off
  surges, closures), kept in the store (``kcc.store.read_events``) with a start and end date,
  the channels they touch and an uplift.

This module turns both into tidy frames keyed by local date. It holds no SQL and no model;
``kcc.forecast`` uses these frames.

References
----------
.. [1] holidays: "Open World Holidays Framework", https://github.com/vacanza/holidays
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Final

import holidays
import numpy as np
import pandas as pd

from kcc import config
from kcc.i18n import TranslatedError

#: Countries offered in the app's pickers, in display order. ``holiday_dates`` accepts any
#: country code the ``holidays`` package knows (see ``supported_countries``).
COMMON_COUNTRIES: Final[tuple[str, ...]] = (
    "NL", "BE", "DE", "LU", "FR", "GB", "IE", "DK", "SE", "NO", "FI", "ES", "PT", "IT", "AT",
    "CH", "PL", "US", "CA", "IL",
)  # fmt: skip

#: Event kinds, as stored in the ``kind`` column.
EVENT_KINDS: Final[tuple[str, ...]] = (
    "campaign",
    "mailing",
    "outage",
    "price_change",
    "surge",
    "closure",
)

#: Columns of an events frame (``kcc.store.read_events`` may add ``source``).
EVENT_COLUMNS: Final[tuple[str, ...]] = (
    "event_id",
    "name",
    "kind",
    "start_date",
    "end_date",
    "channels",
    "uplift_pct",
    "exclude_from_training",
)


class EventError(TranslatedError):
    """An events frame or a holiday request is invalid; the message names the field (texts
    ``forecast.event_error.<code>``)."""

    texts = "forecast.event_error"
    labels = {
        "start_date": "forecast.col_start",
        "end_date": "forecast.col_end",
        "uplift_pct": "forecast.col_uplift",
        "kind": "forecast.col_kind",
    }


# --------------------------------------------------------------------------- holidays


def supported_countries() -> list[str]:
    """Two-letter country codes the ``holidays`` package has a calendar for, sorted.

    Returns
    -------
    list of str
        ISO 3166-1 alpha-2 codes.

    References
    ----------
    .. [1] holidays: ``holidays.list_supported_countries``.
    """
    return sorted(code for code in holidays.list_supported_countries() if len(code) == 2)


def holiday_dates(
    country: str, years: Iterable[int], *, language: str | None = None
) -> pd.DataFrame:
    """Public holidays of a country as a frame.

    Parameters
    ----------
    country : str
        ISO 3166-1 alpha-2 code, e.g. ``"NL"``, ``"BE"``, ``"DE"``, ``"GB"``.
    years : iterable of int
        Calendar years to list.
    language : str, optional
        Language of the names when the calendar has it (``"nl"``, ``"en_US"``, ...);
        the calendar's own language otherwise.

    Returns
    -------
    pandas.DataFrame
        ``date`` (datetime64, local midnight, naive) and ``name`` (str), one row per date,
        sorted; dates with two holidays carry both names joined by ``"; "``.

    Raises
    ------
    EventError
        When the country has no calendar in the ``holidays`` package.

    References
    ----------
    .. [1] holidays: ``holidays.country_holidays``.
    """
    code = str(country).upper()
    if code not in holidays.list_supported_countries():
        raise EventError("country", country=repr(country), examples=", ".join(COMMON_COUNTRIES[:6]))
    year_list = sorted({int(y) for y in years})
    if not year_list:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "name": pd.Series(dtype=str)})
    supported = holidays.country_holidays(code).supported_languages
    lang = language if language in supported else None
    calendar = holidays.country_holidays(code, years=year_list, language=lang)
    items = sorted(calendar.items())
    return pd.DataFrame(
        {
            "date": pd.to_datetime([d for d, _ in items]).astype("datetime64[ns]"),
            "name": [str(n) for _, n in items],
        }
    )


#: The ``holidays`` calendar languages holidays are named in, per app language: the first the
#: country's calendar has wins (the Dutch calendar names its days in English unless asked).
HOLIDAY_LANGUAGES: Final[dict[str, tuple[str, ...]]] = {"nl": ("nl",), "en": ("en_US", "en_GB")}


def holidays_in_language(daily: pd.DataFrame, country: str, lang: str) -> pd.DataFrame:
    """``daily`` with its holidays named in the reader's language.

    Parameters
    ----------
    daily : pandas.DataFrame
        Days with ``date`` and ``holiday`` (the name, "" on other days), e.g.
        ``kcc.forecast.ForecastResult.daily``.
    country : str
        The calendar the holidays came from.
    lang : str
        App language (``"en"``, ``"nl"``).

    Returns
    -------
    pandas.DataFrame
        A copy whose named days carry the calendar's name in ``lang``; ``daily`` itself when
        the calendar has no such language or the country none at all (its own names stay).
    """
    code = str(country).upper()
    named = daily["holiday"].astype(str) != ""
    if not named.any() or code not in holidays.list_supported_countries():
        return daily
    supported = holidays.country_holidays(code).supported_languages
    language = next((choice for choice in HOLIDAY_LANGUAGES.get(lang, ()) if choice in supported), None)
    if language is None:
        return daily
    days = pd.to_datetime(daily["date"]).dt.normalize()
    names = holiday_dates(code, days[named].dt.year.unique(), language=language)
    translated = days.map(pd.Series(names["name"].to_numpy(), index=names["date"]))
    out = daily.copy()
    out["holiday"] = np.where(named & translated.notna(), translated.astype(object), daily["holiday"])
    return out


# --------------------------------------------------------------------------- events


def empty_events() -> pd.DataFrame:
    """An events frame with no rows and the contract's columns and types."""
    return pd.DataFrame(
        {
            "event_id": pd.Series(dtype="int64"),
            "name": pd.Series(dtype=str),
            "kind": pd.Series(dtype=str),
            "start_date": pd.Series(dtype=object),
            "end_date": pd.Series(dtype=object),
            "channels": pd.Series(dtype=object),
            "uplift_pct": pd.Series(dtype="float64"),
            "exclude_from_training": pd.Series(dtype=bool),
        }
    )


def validate_events(events: pd.DataFrame | None) -> pd.DataFrame:
    """Check an events frame and return a normalised copy.

    Parameters
    ----------
    events : pandas.DataFrame or None
        Columns ``name, kind, start_date, end_date`` are required; ``event_id``,
        ``channels`` (list of channel ids or a comma-separated string; empty means every
        channel), ``uplift_pct`` (extra volume on the event's days [%], NaN to use the uplift
        learned from past events of the same kind) and ``exclude_from_training`` are optional.

    Returns
    -------
    pandas.DataFrame
        Columns of ``EVENT_COLUMNS``; dates as ``datetime.date``, channels as lists,
        ``uplift_pct`` as float, ``exclude_from_training`` as bool.

    Raises
    ------
    EventError
        Naming the row and field: a missing column, an unknown kind, a missing or unreadable
        date, an end date before the start date, or an uplift below -100 %.
    """
    if events is None or len(events) == 0:
        return empty_events()
    missing = [c for c in ("name", "kind", "start_date", "end_date") if c not in events.columns]
    if missing:
        raise EventError("columns", columns=", ".join(missing))
    out = pd.DataFrame(index=range(len(events)))
    src = events.reset_index(drop=True)
    out["event_id"] = (
        src["event_id"].astype("int64") if "event_id" in src else np.arange(1, len(src) + 1)
    )
    out["name"] = src["name"].fillna("").astype(str)
    out["kind"] = src["kind"].astype(str).str.strip().str.lower()
    for column in ("start_date", "end_date"):
        parsed = pd.to_datetime(src[column], errors="coerce", format="mixed")
        bad = parsed.isna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise EventError("date", event=repr(out["name"][row]), field=column,
                             value=repr(src[column][row]))
        out[column] = [ts.date() for ts in parsed]
    unknown = ~out["kind"].isin(EVENT_KINDS)
    if unknown.any():
        row = int(np.flatnonzero(unknown.to_numpy())[0])
        raise EventError("kind", event=repr(out["name"][row]), field="kind",
                         value=repr(out["kind"][row]), allowed=", ".join(EVENT_KINDS))
    reversed_ = np.array([e < s for s, e in zip(out["start_date"], out["end_date"], strict=True)])
    if reversed_.any():
        row = int(np.flatnonzero(reversed_)[0])
        raise EventError("order", event=repr(out["name"][row]), field="end_date",
                         end=out["end_date"][row].isoformat(), other="start_date",
                         start=out["start_date"][row].isoformat())
    out["channels"] = (
        [config.channel_list(v) for v in src["channels"]] if "channels" in src else [[]] * len(src)
    )
    uplift = (
        pd.to_numeric(src["uplift_pct"], errors="coerce").astype("float64")
        if "uplift_pct" in src
        else pd.Series(np.nan, index=src.index)
    )
    low = uplift < -100
    if low.any():
        row = int(np.flatnonzero(low.to_numpy())[0])
        raise EventError("uplift", event=repr(out["name"][row]), field="uplift_pct",
                         value=float(uplift[row]))
    out["uplift_pct"] = uplift.to_numpy()
    out["exclude_from_training"] = (
        src["exclude_from_training"].fillna(False).astype(bool).to_numpy()
        if "exclude_from_training" in src
        else False
    )
    return out


def events_for_channel(events: pd.DataFrame | None, channel: str | None) -> pd.DataFrame:
    """Events that touch ``channel`` (an empty channel list means every channel).

    Parameters
    ----------
    events : pandas.DataFrame or None
        Events frame (see ``validate_events``).
    channel : str or None
        Channel id; ``None`` keeps every event.

    Returns
    -------
    pandas.DataFrame
        Validated events of that channel.
    """
    frame = validate_events(events)
    if channel is None or frame.empty:
        return frame
    keep = [not chans or channel in chans for chans in frame["channels"]]
    return frame[np.array(keep, dtype=bool)].reset_index(drop=True)


def expand_events(
    events: pd.DataFrame | None, start: date | None = None, end: date | None = None
) -> pd.DataFrame:
    """One row per event and day it covers.

    Parameters
    ----------
    events : pandas.DataFrame or None
        Events frame (see ``validate_events``).
    start, end : datetime.date, optional
        Keep days in ``[start, end]`` (both inclusive).

    Returns
    -------
    pandas.DataFrame
        ``date`` (datetime64, naive midnight), ``event_id``, ``name``, ``kind``,
        ``uplift_pct`` [%] and ``exclude_from_training``, sorted by date and event.
    """
    frame = validate_events(events)
    columns = ["event_id", "name", "kind", "uplift_pct", "exclude_from_training"]
    if frame.empty:
        out = frame[columns].copy()
        out.insert(0, "date", pd.Series(dtype="datetime64[ns]"))
        return out
    n_days = np.array(
        [(e - s).days + 1 for s, e in zip(frame["start_date"], frame["end_date"], strict=True)]
    )
    rows = frame.loc[np.repeat(frame.index.to_numpy(), n_days), columns].reset_index(drop=True)
    first = pd.to_datetime(pd.Series(np.repeat(frame["start_date"].to_numpy(), n_days)))
    offset = np.concatenate([np.arange(n) for n in n_days])
    rows.insert(0, "date", (first + pd.to_timedelta(offset, unit="D")).astype("datetime64[ns]"))
    if start is not None:
        rows = rows[rows["date"] >= pd.Timestamp(start)]
    if end is not None:
        rows = rows[rows["date"] <= pd.Timestamp(end)]
    return rows.sort_values(["date", "event_id"]).reset_index(drop=True)

