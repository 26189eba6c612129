"""Cached forecast calls of the Forecast page.

Every function is keyed by ``kcc.pipeline.DataKey``, the one key scheme of ``kcc/ui``, and
hashable arguments: the key of volumes only (``DataKey.volumes_only``: database file, zone,
centre and the volume fingerprint, which follows the volumes, the event calendar and the
settings forecasts read). A forecast reads nothing else, so saving a scenario or a roster
leaves the page's forecast and backtest as they were, while an import or a saved event calendar
makes them again. The key comes from ``kcc.ui.plan_cache.data_key``, kept per data version, so
a page run reads the volume fingerprint once a write rather than once a call.
"""

from __future__ import annotations

import dataclasses
from typing import Final

import pandas as pd
import streamlit as st

from kcc import period_forecast as periods
from kcc import pipeline, plan, store
from kcc.access import Action
from kcc.events import holidays_in_language, validate_events
from kcc.forecast import (
    SELECTION_HORIZON_DAYS,
    SELECTION_ORIGINS,
    ForecastResult,
    InsufficientHistoryError,
    ShortHistoryWarning,
    backtest,
    fit_forecast,
    summarise_backtest,
)
from kcc.pipeline import DataKey
from kcc.ui import access, plan_cache
from kcc.ui.widgets import lang
from kcc.warning_filters import ignoring

#: Backtest shown on the page: the one "auto" chooses by (four origins, four weeks each).
BACKTEST_ORIGINS: Final[int] = SELECTION_ORIGINS
BACKTEST_HORIZON_DAYS: Final[int] = SELECTION_HORIZON_DAYS


def _volumes_key(con: store.Connection) -> DataKey:
    return plan_cache.data_key(con).volumes_only()


@st.cache_data(show_spinner=False, max_entries=8)
def _series(_con: store.Connection, key: DataKey) -> pd.DataFrame:
    return store.series_summary(_con)


@st.cache_data(show_spinner=False, max_entries=16)
def _history(
    _con: store.Connection, key: DataKey, channel: str, queue: str
) -> pd.DataFrame:
    return pipeline.series_history(_con, channel, queue)


@st.cache_data(show_spinner=False, max_entries=8)
def _events(_con: store.Connection, key: DataKey) -> pd.DataFrame:
    return store.read_events(_con)


@st.cache_data(show_spinner=False, max_entries=32)
def _forecast(
    _con: store.Connection, key: DataKey, channel: str,
    queue: str, horizon_days: int, method: str, country: str,
) -> ForecastResult:  # fmt: skip
    history = _history(_con, key, channel, queue)
    with ignoring(ShortHistoryWarning):  # the page shows the fallback from the result itself
        return fit_forecast(
            history, horizon_days, method=method, country=country,
            events=_events(_con, key), channel=channel,
            holiday_treatments=plan.holiday_treatments(store.read_settings(_con)),
        )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=32)
def _backtest(
    _con: store.Connection, key: DataKey, channel: str,
    queue: str, method: str, country: str,
) -> pd.DataFrame | None:  # fmt: skip
    history = _history(_con, key, channel, queue)
    try:
        table = backtest(
            history, BACKTEST_HORIZON_DAYS, origins=BACKTEST_ORIGINS, method=method,
            country=country, events=_events(_con, key), channel=channel,
        )  # fmt: skip
    except InsufficientHistoryError:
        return None
    return summarise_backtest(table)


@st.cache_data(show_spinner=False, max_entries=16)
def _periods(_con: store.Connection, key: DataKey, channel: str, queue: str) -> pd.DataFrame:
    return periods.period_totals(store.read_intervals(_con, channel=channel, queue=queue))


@st.cache_data(show_spinner=False, max_entries=32)
def _period_forecast(
    _con: store.Connection, key: DataKey, channel: str, queue: str, grain: str,
    horizon: int, method: str, country: str,
) -> periods.PeriodForecast:  # fmt: skip
    stored = _periods(_con, key, channel, queue)
    if grain == "month":
        return periods.period_forecast_monthly(stored, horizon, events=_events(_con, key), channel=channel)
    return periods.period_forecast_weekly(
        stored, _history(_con, key, channel, queue), horizon, method=method, events=_events(_con, key),
        country=country, channel=channel, holiday_treatments=plan.holiday_treatments(store.read_settings(_con)),
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=32)
def _period_backtest(
    _con: store.Connection, key: DataKey, channel: str, queue: str, grain: str, method: str, country: str,
) -> pd.DataFrame | None:  # fmt: skip
    stored = _periods(_con, key, channel, queue)
    if grain == "month":
        table = periods.monthly_backtest(stored, channel=channel)
    else:
        table = periods.weekly_backtest(stored, _history(_con, key, channel, queue), method=method,
                                        events=_events(_con, key), country=country, channel=channel)
    return periods.summarise_period_backtest(table) if len(table) else None


def series(con: store.Connection) -> pd.DataFrame:
    """Loaded series (``kcc.store.series_summary``)."""
    return _series(con, _volumes_key(con))


def history(con: store.Connection, channel: str, queue: str) -> pd.DataFrame:
    """``ds, y`` of one series."""
    return _history(con, _volumes_key(con), channel, queue)


def events(con: store.Connection) -> pd.DataFrame:
    """The stored event calendar."""
    return _events(con, _volumes_key(con))


def forecast(
    con: store.Connection, channel: str, queue: str, horizon_days: int, method: str,
    country: str,
) -> ForecastResult:  # fmt: skip
    """``kcc.forecast.fit_forecast`` of one series with the stored events (cached), its
    holidays named in the session's language."""
    result = _forecast(con, _volumes_key(con), channel, queue, horizon_days, method, country)
    return _named_in_language(result, country)


def _named_in_language(result: ForecastResult, country: str) -> ForecastResult:
    # a cached result is shared by sessions in either language: name its holidays per reader
    return dataclasses.replace(result, daily=holidays_in_language(result.daily, country, lang()))


def backtest_summary(
    con: store.Connection, channel: str, queue: str, method: str, country: str
) -> pd.DataFrame | None:
    """Mean backtest metrics per method and grain, or None when the history is too short."""
    return _backtest(con, _volumes_key(con), channel, queue, method, country)


def period_forecast(
    con: store.Connection, channel: str, queue: str, grain: str, horizon: int, method: str, country: str,
) -> periods.PeriodForecast:  # fmt: skip
    """A weekly or monthly series forecast at its grain (``kcc.period_forecast``; cached):
    ``horizon`` weeks or months with the stored events (and, for weeks, the holiday
    treatments); ``method`` and ``country`` apply to weeks only."""
    if grain == "month":  # one cache entry whatever the month-free fields say
        method, country = "", ""
    result = _period_forecast(con, _volumes_key(con), channel, queue, grain, horizon, method, country)
    if result.daily is None:
        return result
    return dataclasses.replace(result, daily=_named_in_language(result.daily, country))


def period_backtest(
    con: store.Connection, channel: str, queue: str, grain: str, method: str, country: str,
) -> pd.DataFrame | None:  # fmt: skip
    """``kcc.period_forecast.summarise_period_backtest`` of the series at its grain, None when
    the history is too short (cached)."""
    if grain == "month":
        method, country = "", ""
    return _period_backtest(con, _volumes_key(con), channel, queue, grain, method, country)


@access.requires(Action.EDIT_PLAN)
def save_events(con: store.Connection, edited: pd.DataFrame, stored: pd.DataFrame) -> int:
    """Validate the edited event calendar and store it in place of the old one.

    Rows without a name are dropped; an event keeps the source it was stored with (``user``
    when new). The write changes the data version, so the cached forecasts follow it.

    Returns
    -------
    int
        Number of events stored.

    Raises
    ------
    kcc.events.EventError, kcc.store.StoreError
        With a message in the reader's language.
    """
    clean = validate_events(edited.dropna(subset=["name"]))
    source = dict(zip(stored["name"], stored.get("source", pd.Series(dtype=str)), strict=False))
    clean["source"] = [source.get(n, "user") for n in clean["name"]]
    store.replace_events(con, clean.drop(columns=["event_id"]))
    return len(clean)


@access.requires(Action.EDIT_PLAN)
def save_holiday_treatment(con: store.Connection, day: str, share: float | None) -> None:
    """Store how the centre treats one day (a holiday): ``share`` of a normal day (0 closed),
    or None to go back to the history's factor (a normal day when never seen). The setting is
    part of the volume fingerprint, so the cached forecasts and plan follow it."""
    treated = plan.holiday_treatments(store.read_settings(con))
    if share is None:
        treated.pop(day, None)
    else:
        treated[day] = float(share)
    store.write_setting(con, store.HOLIDAY_TREATMENTS_KEY, treated)
