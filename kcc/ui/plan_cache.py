"""The cached plan: a thin ``st.cache_data`` layer over ``kcc.pipeline``.

This is the only place that caches the plan; the Staffing, Overview, Scenarios and Export pages
all call ``get_plan`` so they share one computation. The steps are ``kcc.pipeline``'s, keyed by
its one scheme: a ``DataKey`` (database file and zone, data version, volume fingerprint), its
``volumes_only()`` form for series, history, forecasts and demand (a roster or settings write
leaves them valid), a ``PlanKey`` (horizon, country, roster source) and frozen settings slices
(``kcc.pipeline.staffing_settings``: one channel's targets and shrinkage). Costs are applied
after the cache (``kcc.plan.with_costs``), so editing a cost re-prices without re-staffing.
Settings edited on a page live in the session (key ``SETTINGS_STATE_KEY``, owned by no widget)
until they are saved to the store. Every key names the centre (``DataKey.centre_id``): the
connection a page gets is bound to the centre chosen in the sidebar, so each centre has its own
plan, from the day after its own newest history or from the start picked for it
(``PLAN_START_STATE_KEY``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from typing import Final

import pandas as pd
import streamlit as st

from kcc import config, jobs, pipeline, plan, store
from kcc.access import Action
from kcc.pipeline import DataKey, PlanKey
from kcc.staffing import ChatHandleEstimate
from kcc.ui import access, series_job
from kcc.ui.state import Translator

#: Weeks ahead the pages plan by default (the demo ships a 13-week roster).
DEFAULT_HORIZON_WEEKS: Final[int] = pipeline.DEFAULT_HORIZON_WEEKS
#: Horizons offered on the Staffing page. [weeks]
HORIZON_CHOICES_WEEKS: Final[tuple[int, ...]] = pipeline.HORIZON_CHOICES_WEEKS
#: Where the rostered agents come from.
ROSTER_SOURCES: Final[tuple[str, ...]] = pipeline.ROSTER_SOURCES

#: Session-state keys no widget owns: they survive page changes.
SETTINGS_STATE_KEY: Final[str] = "plan.settings_json"
HORIZON_STATE_KEY: Final[str] = "plan.horizon_weeks"
ROSTER_SOURCE_STATE_KEY: Final[str] = "plan.roster_source"
#: Chosen plan starts by centre id (ISO dates); a centre without one starts after its history.
PLAN_START_STATE_KEY: Final[str] = "plan.start_by_centre"


#: Data keys by database file, centre, zone and data version. Every write bumps the version, so
#: the volume fingerprint's scans run once a write instead of several times a page run.
_DATA_KEYS: OrderedDict[tuple[str, int, str, int], DataKey] = OrderedDict()
_DATA_KEYS_LOCK = threading.Lock()
#: Data keys kept (the newest; older versions are never asked for again).
_DATA_KEYS_KEPT: Final[int] = 64


def data_key(con: store.Connection) -> DataKey:
    """The store's data key now (``kcc.pipeline.data_key``): part of every cache key here."""
    db, zone = config.db_path(), store.timezone_of(con)
    index = (db, store.centre_of(con), zone, store.data_version(con))
    with _DATA_KEYS_LOCK:
        found = _DATA_KEYS.get(index)
    if found is not None:
        return found
    found = pipeline.data_key(con, db=db, timezone=zone)
    with _DATA_KEYS_LOCK:
        _DATA_KEYS[index] = found
        while len(_DATA_KEYS) > _DATA_KEYS_KEPT:
            _DATA_KEYS.popitem(last=False)
    return found


# --------------------------------------------------------------------------- cached steps


@st.cache_data(show_spinner=False, max_entries=8)
def _series(_con: store.Connection, key: DataKey) -> pd.DataFrame:
    return store.series_summary(_con)


@st.cache_data(show_spinner=False, max_entries=8)
def _stored_settings(_con: store.Connection, key: DataKey) -> dict:
    return store.read_settings(_con)


@st.cache_data(show_spinner=False, max_entries=4)
def _history(_con: store.Connection, key: DataKey, weeks: int | None) -> pd.DataFrame:
    return pipeline.recent_history(_con, weeks)


@st.cache_data(show_spinner=False, max_entries=8)
def _default_settings(_con: store.Connection, key: DataKey) -> plan.PlanSettings:
    history = _history(_con, key.volumes_only(), plan.AHT_HISTORY_WEEKS)
    return plan.default_settings(_stored_settings(_con, key), history)


@st.cache_data(show_spinner=False, max_entries=64)
def _forecast_one(_con: store.Connection, key: DataKey, channel: str, queue: str,
                  horizon_days: int, country: str | None) -> pd.DataFrame:
    # the many-series job stored it (``_forecasts_ready``); computed here only when it has not
    stored = jobs.stored_forecast(_con, channel, queue, horizon_days, country)
    if stored is not None:
        return stored
    return pipeline.forecast_series(_con, channel, queue, horizon_days, country)


def _horizon(_con: store.Connection, key: DataKey, horizon_weeks_: int,
             start: date | None = None) -> plan.PlanHorizon | None:
    # the profile choice is part of the volume fingerprint, so ``key`` follows it
    chosen = pipeline.profile_choice(store.read_settings(_con)) is not None
    return pipeline.horizon(_series(_con, key), horizon_weeks_, start, long_range=chosen)


@st.cache_data(show_spinner=False, max_entries=8)
def _demand(_con: store.Connection, key: DataKey, horizon_weeks_: int,
            country: str | None, start: date | None = None) -> pd.DataFrame:
    # the job's stored forecasts in one query; a series it has not stored is forecast here
    return jobs.forecast_demand(
        _con, _history(_con, key, plan.AHT_HISTORY_WEEKS), _horizon(_con, key, horizon_weeks_, start),
        country, jobs.data_hash(key.volumes),
        lambda channel, queue, days: _forecast_one(_con, key, channel, queue, days, country))


def _plan_demand(con: store.Connection, key: PlanKey) -> pd.DataFrame:
    return _demand(con, key.data.volumes_only(), key.horizon_weeks, key.country, key.start)


@st.cache_data(show_spinner=False, max_entries=8)
def _roster(_con: store.Connection, key: DataKey, source: str, start: date, end: date,
            interval_min: int) -> pd.DataFrame:
    return pipeline.read_roster(_con, source, start, end, interval_min)


def _plan_roster(con: store.Connection, key: PlanKey, demand_: pd.DataFrame) -> pd.DataFrame:
    if demand_.empty:
        return pd.DataFrame(columns=list(pipeline.ROSTER_COLUMNS))
    return _roster(con, key.data, key.roster_source, *pipeline.roster_span(demand_))


@st.cache_data(show_spinner=False, max_entries=64)
def _channel_plan(_con: store.Connection, key: PlanKey, channel: str,
                  staffing: plan.PlanSettings) -> pd.DataFrame:
    # one channel per cache entry: changing the phone target leaves e-mail's backlog cached
    demand_ = _plan_demand(_con, key)
    hours = plan.service_hours(_stored_settings(_con, key.data))
    waiting = {c: b.items for c, b in _start_backlog(_con, key.data).items()}
    # the job's stored plan when it was computed from exactly these inputs, else staffed here
    return jobs.channel_plan(_con, demand_, _plan_roster(_con, key, demand_), channel, staffing, hours,
                             waiting, jobs.data_hash(key.data.volumes))


@st.cache_data(show_spinner=False, max_entries=8)
def _start_backlog(_con: store.Connection, key: DataKey) -> dict[str, plan.StartBacklog]:
    history = _history(_con, key.volumes_only(), plan.AHT_HISTORY_WEEKS)
    return plan.start_backlog_estimate(history, plan.service_hours(_stored_settings(_con, key)))


# --------------------------------------------------------------------------- public helpers


def stored_settings(con: store.Connection) -> dict:
    """Every stored setting by key (cached per data version)."""
    return _stored_settings(con, data_key(con))


@st.cache_data(show_spinner=False, max_entries=8)
def _chat_estimate(_con: store.Connection, key: DataKey) -> ChatHandleEstimate | None:
    return pipeline.chat_estimate(_con)


def chat_estimate(con: store.Connection) -> ChatHandleEstimate | None:
    """Chat's ``h1`` and ``p`` estimated from the stored chats (cached per data version;
    ``kcc.pipeline.chat_estimate``)."""
    return _chat_estimate(con, data_key(con))


def chat_lone_session_s(con: store.Connection) -> float | None:
    """The lone-session handle time this session's plan gives chat
    (``kcc.pipeline.chat_lone_session_s``). [s]"""
    history = _history(con, data_key(con).volumes_only(), plan.AHT_HISTORY_WEEKS)
    return pipeline.chat_lone_session_s(history, current_settings(con).targets_for("chat"))


def start_backlog(con: store.Connection) -> dict[str, plan.StartBacklog]:
    """Estimated deferred items waiting at the plan's start per channel (cached per data
    version; ``kcc.plan.start_backlog_estimate``)."""
    return _start_backlog(con, data_key(con))


def series(con: store.Connection) -> pd.DataFrame:
    """``kcc.store.series_summary`` (cached per volume version)."""
    return _series(con, data_key(con).volumes_only())


def default_settings(con: store.Connection) -> plan.PlanSettings:
    """Plan settings from the store, with the phone patience estimated from history."""
    return _default_settings(con, data_key(con))


def current_settings(con: store.Connection) -> plan.PlanSettings:
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


@access.requires(Action.EDIT_PLAN)
def save_settings(con: store.Connection, settings: plan.PlanSettings) -> None:
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


def plan_start(con: store.Connection) -> date | None:
    """The plan start picked for the connection's centre, or None (the day after its newest
    history; also when newer history has since been imported past the pick)."""
    picked = st.session_state.get(PLAN_START_STATE_KEY, {}).get(store.centre_of(con))
    found = series(con)
    if not picked or found.empty:
        return None
    newest = max(pd.Timestamp(v).date() for v in found["last_ds"])
    start = date.fromisoformat(str(picked))
    return start if start > newest else None


def set_plan_start(con: store.Connection, start: date | None) -> None:
    """Plan the connection's centre from ``start`` (None: after its newest history)."""
    picks = dict(st.session_state.get(PLAN_START_STATE_KEY, {}))
    picks[store.centre_of(con)] = None if start is None else start.isoformat()
    st.session_state[PLAN_START_STATE_KEY] = picks


def plan_key(con: store.Connection, horizon_weeks_: int | None = None,
             source: str | None = None) -> PlanKey:
    """Everything the cached plan's demand and roster depend on besides the settings
    (``kcc.pipeline.PlanKey``): data key (with the centre), horizon, country, roster source
    and the plan's start."""
    key = data_key(con)
    return pipeline.plan_key(key, _stored_settings(con, key), int(horizon_weeks_ or horizon_weeks()),
                             source or roster_source(), plan_start(con))


def _forecasts_ready(con: store.Connection, tr: Translator, key: PlanKey) -> None:
    volumes = key.data.volumes_only()
    span = _horizon(con, volumes, key.horizon_weeks, key.start)
    if span is None or not span.forecast_days:
        return
    # computed once per data and settings for every session (and replica): ``kcc.jobs``
    series_job.ensure(con, tr, span, key.country, key.roster_source, volumes=key.data.volumes)


def forecasts_ready(con: store.Connection, tr: Translator, horizon_days: int) -> None:
    """Forecast every series the plan covers (the many-series job, ``kcc.ui.series_job``),
    with a progress bar while it runs."""
    _forecasts_ready(con, tr, plan_key(con, max(1, horizon_days // 7)))


def horizon(con: store.Connection,
            horizon_weeks_: int | None = None) -> plan.PlanHorizon | None:
    """The plan's days and the series it leaves out (``kcc.plan.plan_horizon``); None without
    history."""
    return _horizon(con, data_key(con).volumes_only(), int(horizon_weeks_ or horizon_weeks()),
                    plan_start(con))


def get_plan(
    con: store.Connection,
    tr: Translator,
    settings: plan.PlanSettings | None = None,
    horizon_weeks_: int | None = None,
    source: str | None = None,
) -> pd.DataFrame:
    """The interval plan for the coming weeks (``kcc.pipeline.run_plan``), cached.

    Parameters
    ----------
    con : store.Connection
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
    key = plan_key(con, horizon_weeks_, source)
    _forecasts_ready(con, tr, key)
    return pipeline.interval_plan(_plan_demand(con, key), settings,
                                  lambda channel, staffing: _channel_plan(con, key, channel, staffing))


def demand(con: store.Connection, tr: Translator,
           horizon_weeks_: int | None = None) -> pd.DataFrame:
    """The forecast demand frame the plan staffs (``kcc.pipeline.forecast_demand``), cached.

    Parameters
    ----------
    con : store.Connection
    tr : Translator
        For the progress text while forecasting.
    horizon_weeks_ : int, optional
        Weeks after the history; default ``horizon_weeks()``.

    Returns
    -------
    pandas.DataFrame
        ``kcc.plan.DEMAND_COLUMNS`` (P50 ``volume``, 80% upper bound ``volume_hi``).
    """
    key = plan_key(con, horizon_weeks_)
    _forecasts_ready(con, tr, key)
    return _plan_demand(con, key)


def roster_for(con: store.Connection, demand_frame: pd.DataFrame,
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
    return _plan_roster(con, plan_key(con, source=source), demand_frame)


def recent_history(con: store.Connection) -> pd.DataFrame:
    """The last ``kcc.plan.AHT_HISTORY_WEEKS`` weeks of history (cached per volume version)."""
    return _history(con, data_key(con).volumes_only(), plan.AHT_HISTORY_WEEKS)


def last_import(con: store.Connection) -> pd.Series | None:
    """Newest row of the import history, or None."""
    imports = _imports(con, data_key(con))
    return None if imports.empty else imports.iloc[0]


@st.cache_data(show_spinner=False, max_entries=8)
def _imports(_con: store.Connection, key: DataKey) -> pd.DataFrame:
    return store.read_imports(_con)


@st.cache_data(show_spinner=False, max_entries=8)
def _daily(_con: store.Connection, key: DataKey) -> pd.DataFrame:
    return store.daily_volumes(_con)


def daily(con: store.Connection) -> pd.DataFrame:
    """Offered contacts per local day and channel of the history (``kcc.store.daily_volumes``),
    cached per data version."""
    return _daily(con, data_key(con))
