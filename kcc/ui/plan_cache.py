"""The cached plan: forecasts of every series, demand, roster and the interval plan.

This is the only place that caches the plan; the Staffing, Overview, Scenarios and Export pages
all call ``get_plan`` so they share one computation. Every cached function is keyed by the
database file, hashable frozen specs (``kcc.plan.PlanSettings``, one channel's slice per
channel plan) and a store version: forecasts and demand by ``volume_version`` (volumes and
events; a roster or settings write leaves them valid), everything else by ``data_version`` (any
write invalidates it). Costs are applied after the cache (``kcc.plan.with_costs``), so editing a
cost re-prices without re-staffing. Settings edited on a page live in the session (key
``SETTINGS_STATE_KEY``, owned by no widget) until they are saved to the store.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from datetime import date, timedelta
from typing import Final

import duckdb
import pandas as pd
import streamlit as st

from kcc import config, plan, store
from kcc.ui.state import Translator, data_version

#: Weeks ahead the pages plan by default (the demo ships a 13-week roster).
DEFAULT_HORIZON_WEEKS: Final[int] = 13
#: Horizons offered on the Staffing page. [weeks]
HORIZON_CHOICES_WEEKS: Final[tuple[int, ...]] = (4, 8, 13, 26, 52)
#: Where the rostered agents come from.
ROSTER_SOURCES: Final[tuple[str, ...]] = ("roster", "shifts")

#: Session-state keys no widget owns: they survive page changes.
SETTINGS_STATE_KEY: Final[str] = "plan.settings_json"
HORIZON_STATE_KEY: Final[str] = "plan.horizon_weeks"
ROSTER_SOURCE_STATE_KEY: Final[str] = "plan.roster_source"


def _db_key() -> tuple[str, str]:
    return (config.db_path(), config.timezone())


# --------------------------------------------------------------------------- cached steps


@st.cache_data(show_spinner=False, max_entries=8)
def _series(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], volumes: tuple) -> pd.DataFrame:
    return store.series_summary(_con)


@st.cache_data(show_spinner=False, max_entries=8)
def _stored_settings(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], version: int) -> dict:
    return store.read_settings(_con)


@st.cache_data(show_spinner=False, max_entries=4)
def _history(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], volumes: tuple,
             weeks: int | None) -> pd.DataFrame:
    frame = store.read_intervals(_con)
    if weeks is not None and len(frame):
        last = frame["ds"].max()
        frame = frame[frame["ds"] > last - pd.Timedelta(weeks=weeks)].reset_index(drop=True)
    return frame


@st.cache_data(show_spinner=False, max_entries=8)
def _default_settings(_con: duckdb.DuckDBPyConnection, db: tuple[str, str],
                      version: int) -> plan.PlanSettings:
    history = _history(_con, db, store.volume_fingerprint(_con), plan.AHT_HISTORY_WEEKS)
    return plan.default_settings(_stored_settings(_con, db, version), history)


@st.cache_data(show_spinner=False, max_entries=64)
def _forecast_one(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], volumes: tuple,
                  channel: str, queue: str, horizon_days: int, country: str | None) -> pd.DataFrame:
    from kcc import forecast

    rows = store.read_intervals(_con, channel=channel, queue=queue)
    history = rows.rename(columns={"offered": "y"})[["ds", "y"]]
    with warnings.catch_warnings():
        # a short history falls back to the seasonal naive; the Forecast page explains it
        warnings.simplefilter("ignore")
        out = forecast.forecast(history, horizon_days, events=store.read_events(_con),
                                country=country, channel=channel)
    out = out.assign(channel=channel, queue=queue)
    out.attrs = {}
    return out


def _horizon(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], volumes: tuple,
             horizon_days: int) -> plan.PlanHorizon | None:
    series = _series(_con, db, volumes)
    if series.empty:
        return None
    return plan.plan_horizon(series, max(1, horizon_days // 7))


@st.cache_data(show_spinner=False, max_entries=8)
def _demand(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], volumes: tuple,
            horizon_days: int, country: str | None) -> pd.DataFrame:
    span = _horizon(_con, db, volumes, horizon_days)
    parts = [] if span is None else [
        _forecast_one(_con, db, volumes, channel, queue, days, country)
        for channel, queue, days in span.forecast_days
    ]
    if not parts:
        return pd.DataFrame(columns=list(plan.DEMAND_COLUMNS))
    history = _history(_con, db, volumes, plan.AHT_HISTORY_WEEKS)
    demand_ = plan.demand_from_forecast(history, pd.concat(parts, ignore_index=True))
    return plan.within_horizon(demand_, span)


@st.cache_data(show_spinner=False, max_entries=8)
def _roster(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], version: int, source: str,
            start: date, end: date, interval_min: int) -> pd.DataFrame:
    if source == "shifts":
        from kcc import roster

        shifts = store.read_shifts(_con)
        if shifts.empty:
            return pd.DataFrame(columns=["channel", "ds", "interval_min", "agents"])
        return roster.expand_shifts(shifts, start, end, interval_min, config.timezone())
    return store.read_roster(_con, start=start, end=end)


@st.cache_data(show_spinner=False, max_entries=64)
def _channel_plan(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], version: int,
                  volumes: tuple, horizon_days: int, country: str | None, source: str,
                  channel: str, core: plan.PlanSettings) -> pd.DataFrame:
    # one channel per cache entry: changing the phone target leaves e-mail's backlog cached
    demand = _demand(_con, db, volumes, horizon_days, country)
    rows = demand[demand["channel"] == channel]
    start, end = _span(demand)
    interval_min = int(demand["interval_min"].min())
    roster = _roster(_con, db, version, source, start, end, interval_min)
    hours = plan.service_hours(_stored_settings(_con, db, version))
    return plan.build_plan(rows, roster[roster["channel"] == channel], core, open_hours=hours)


def _plan_core(con: duckdb.DuckDBPyConnection, db: tuple[str, str], horizon_days: int,
               country: str | None, source: str, core: plan.PlanSettings) -> pd.DataFrame:
    version, volumes = data_version(con), volume_version(con)
    demand = _demand(con, db, volumes, horizon_days, country)
    if demand.empty:
        return pd.DataFrame(columns=list(plan.PLAN_COLUMNS))
    parts = [
        _channel_plan(con, db, version, volumes, horizon_days, country, source, str(channel),
                      _channel_settings(core, str(channel)))
        for channel in plan.channel_order(demand["channel"].unique())
    ]
    return pd.concat(parts, ignore_index=True)


def _channel_settings(core: plan.PlanSettings, channel: str) -> plan.PlanSettings:
    """Only what staffing ``channel`` depends on (a narrower cache key)."""
    return plan.PlanSettings(targets={channel: core.targets_for(channel)},
                             shrinkage={channel: core.shrinkage_for(channel)},
                             cost_eur_per_hour={}, flex_premium=0.0)


def _span(demand: pd.DataFrame) -> tuple[date, date]:
    local = demand["ds"].dt.tz_localize(None)
    return local.min().date(), local.max().date() + timedelta(days=1)


# --------------------------------------------------------------------------- public helpers


def stored_settings(con: duckdb.DuckDBPyConnection) -> dict:
    """Every stored setting by key (cached per data version)."""
    return _stored_settings(con, _db_key(), data_version(con))


def volume_version(con: duckdb.DuckDBPyConnection) -> tuple:
    """Key of everything the forecasts depend on (volumes and events): a roster or settings
    write leaves the forecasts cached."""
    return store.volume_fingerprint(con)


def series(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """``kcc.store.series_summary`` (cached per volume version)."""
    return _series(con, _db_key(), volume_version(con))


def default_settings(con: duckdb.DuckDBPyConnection) -> plan.PlanSettings:
    """Plan settings from the store, with the phone patience estimated from history."""
    return _default_settings(con, _db_key(), data_version(con))


def current_settings(con: duckdb.DuckDBPyConnection) -> plan.PlanSettings:
    """The settings this session plans with: edited ones when there are, else the stored."""
    saved = st.session_state.get(SETTINGS_STATE_KEY)
    if isinstance(saved, dict):
        try:
            return plan.settings_from_json(saved)
        except (TypeError, ValueError):
            del st.session_state[SETTINGS_STATE_KEY]
    return default_settings(con)


def set_settings(settings: plan.PlanSettings) -> None:
    """Plan with ``settings`` from now on in this session (all pages)."""
    st.session_state[SETTINGS_STATE_KEY] = settings.to_json()


def reset_settings() -> None:
    """Forget the session's edits; plan with the stored settings again."""
    st.session_state.pop(SETTINGS_STATE_KEY, None)


def save_settings(con: duckdb.DuckDBPyConnection, settings: plan.PlanSettings) -> None:
    """Store ``settings`` as the default for every user (a store write: caches refresh)."""
    store.write_setting(con, plan.SETTINGS_KEY, settings.to_json())
    reset_settings()


def horizon_weeks() -> int:
    """Weeks ahead to plan (session choice, default ``DEFAULT_HORIZON_WEEKS``)."""
    return int(st.session_state.get(HORIZON_STATE_KEY, DEFAULT_HORIZON_WEEKS))


def roster_source() -> str:
    """``"roster"`` (agents per interval as stored) or ``"shifts"`` (expanded patterns)."""
    value = st.session_state.get(ROSTER_SOURCE_STATE_KEY, "roster")
    return value if value in ROSTER_SOURCES else "roster"


def forecasts_ready(con: duckdb.DuckDBPyConnection, tr: Translator, horizon_days: int) -> None:
    """Forecast every series the plan covers (cached), with a progress bar while it runs."""
    db, volumes = _db_key(), volume_version(con)
    span = _horizon(con, db, volumes, horizon_days)
    if span is None or not span.forecast_days:
        return
    country = _country(con)
    total = len(span.forecast_days)
    bar = st.progress(0.0, text=tr("staffing.forecasting", done=0, total=total))
    for number, (channel, queue, days) in enumerate(span.forecast_days, start=1):
        _forecast_one(con, db, volumes, channel, queue, days, country)
        bar.progress(number / total, text=tr("staffing.forecasting", done=number, total=total))
    bar.empty()


def horizon(con: duckdb.DuckDBPyConnection,
            horizon_weeks_: int | None = None) -> plan.PlanHorizon | None:
    """The plan's days and the series it leaves out (``kcc.plan.plan_horizon``); None without
    history."""
    days = 7 * int(horizon_weeks_ or horizon_weeks())
    return _horizon(con, _db_key(), volume_version(con), days)


def _country(con: duckdb.DuckDBPyConnection) -> str | None:
    value = stored_settings(con).get("country", "NL")
    return str(value) if value else None


def _core_settings(settings: plan.PlanSettings) -> plan.PlanSettings:
    # costs, flex premium and contract hours do not change the queueing maths: keep them
    # out of the heavy cache key so editing a cost only re-prices the plan
    return replace(settings, cost_eur_per_hour=(), flex_premium=0.0,
                   contract_hours_per_week=plan.PlanSettings().contract_hours_per_week)


def get_plan(
    con: duckdb.DuckDBPyConnection,
    tr: Translator,
    settings: plan.PlanSettings | None = None,
    horizon_weeks_: int | None = None,
    source: str | None = None,
) -> pd.DataFrame:
    """The interval plan for the coming weeks (``kcc.plan.build_plan``), cached.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Store connection.
    tr : Translator
        For the progress text while forecasting.
    settings : PlanSettings, optional
        Default ``current_settings(con)``.
    horizon_weeks_ : int, optional
        Weeks after the history; default ``horizon_weeks()``.
    source : str, optional
        ``"roster"`` or ``"shifts"``; default ``roster_source()``.

    Returns
    -------
    pandas.DataFrame
        ``kcc.plan.PLAN_COLUMNS``; ``attrs["settings"]`` holds the full settings.
    """
    settings = settings or current_settings(con)
    days = 7 * int(horizon_weeks_ or horizon_weeks())
    forecasts_ready(con, tr, days)
    core = _plan_core(con, _db_key(), days, _country(con), source or roster_source(),
                      _core_settings(settings))
    return plan.with_costs(core, settings)


def demand(con: duckdb.DuckDBPyConnection, tr: Translator,
           horizon_weeks_: int | None = None) -> pd.DataFrame:
    """The forecast demand frame the plan staffs (``kcc.plan.demand_from_forecast``), cached.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
    tr : Translator
        For the progress text while forecasting.
    horizon_weeks_ : int, optional
        Weeks after the history; default ``horizon_weeks()``.

    Returns
    -------
    pandas.DataFrame
        ``kcc.plan.DEMAND_COLUMNS`` (P50 ``volume``, 80% upper bound ``volume_hi``).
    """
    days = 7 * int(horizon_weeks_ or horizon_weeks())
    forecasts_ready(con, tr, days)
    return _demand(con, _db_key(), volume_version(con), days, _country(con))


def roster_for(con: duckdb.DuckDBPyConnection, demand_frame: pd.DataFrame,
               source: str | None = None) -> pd.DataFrame:
    """The roster the plan uses over the days of ``demand_frame`` (cached).

    Parameters
    ----------
    demand_frame : pandas.DataFrame
        Output of :func:`demand`.
    source : str, optional
        ``"roster"`` or ``"shifts"``; default ``roster_source()``.

    Returns
    -------
    pandas.DataFrame
        ``channel, ds, interval_min, agents``.
    """
    if demand_frame.empty:
        return pd.DataFrame(columns=["channel", "ds", "interval_min", "agents"])
    start, end = _span(demand_frame)
    return _roster(con, _db_key(), data_version(con), source or roster_source(), start, end,
                   int(demand_frame["interval_min"].min()))


def recent_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The last ``kcc.plan.AHT_HISTORY_WEEKS`` weeks of history (cached per volume version)."""
    return _history(con, _db_key(), volume_version(con), plan.AHT_HISTORY_WEEKS)


def plan_key(con: duckdb.DuckDBPyConnection) -> tuple:
    """Everything the cached plan's demand and roster depend on besides the settings: database,
    data and volume versions, horizon, country and roster source (a hashable cache key)."""
    return (_db_key(), data_version(con), volume_version(con), 7 * horizon_weeks(), _country(con),
            roster_source())


def last_import(con: duckdb.DuckDBPyConnection) -> pd.Series | None:
    """Newest row of the import history, or None."""
    imports = _imports(con, _db_key(), data_version(con))
    return None if imports.empty else imports.iloc[0]


@st.cache_data(show_spinner=False, max_entries=8)
def _imports(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], version: int) -> pd.DataFrame:
    return store.read_imports(_con)


@st.cache_data(show_spinner=False, max_entries=8)
def daily_volumes(_con: duckdb.DuckDBPyConnection, db: tuple[str, str] | None = None,
                  version: int | None = None) -> pd.DataFrame:
    """Offered contacts per local day and channel (``kcc.store.daily_volumes``), cached."""
    return store.daily_volumes(_con)


def daily(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Offered contacts per day and channel of the history (cached per data version)."""
    return daily_volumes(con, _db_key(), data_version(con))
