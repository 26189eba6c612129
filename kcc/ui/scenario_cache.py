"""The scenario pages' shared state: the baseline, cached evaluations and the working spec.

The baseline is the plan of the Staffing and Overview pages: the forecast demand of the plan
horizon (P50 and the 80% upper bound, ``kcc.ui.plan_cache.demand``) with the roster the plan
uses, plus the contacts expected while a channel is closed (``kcc.scenarios.
forecast_closed_attempts`` from recent history). A scenario is evaluated over the first weeks of
the horizon (``period_weeks``; default the whole horizon up to ``DEFAULT_PERIOD_WEEKS``), so
the baseline scenario shows the plan's own numbers for those days. Evaluations are cached by the
plan's key (database, data and volume versions, horizon, country, roster source), the period,
the plan settings and the frozen ``ScenarioSpec``. The spec being edited lives in session state
under ``WORKING_SPEC_KEY`` (owned by no widget), so it survives page changes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Final

import duckdb
import pandas as pd
import streamlit as st

from kcc import plan, store
from kcc.scenarios import (
    ChannelHours,
    ScenarioResult,
    ScenarioSpec,
    evaluate_scenario,
    forecast_closed_attempts,
    hours_from_setting,
    sl_frontier,
)
from kcc.ui import plan_cache
from kcc.ui.state import Translator, data_version

#: Session-state keys no widget owns.
WORKING_SPEC_KEY: Final[str] = "scenario.working_spec"
WORKING_NAME_KEY: Final[str] = "scenario.working_name"
LINK_LOADED_KEY: Final[str] = "scenario.link_loaded"
PERIOD_STATE_KEY: Final[str] = "scenario.period_weeks"
#: Evaluation periods offered: the first weeks of the plan horizon. [weeks]
PERIOD_CHOICES_WEEKS: Final[tuple[int, ...]] = (1, 4, 8, 13, 26, 52)
#: Default period (the demo's whole horizon; a longer horizon is cut to it). [weeks]
DEFAULT_PERIOD_WEEKS: Final[int] = 13


@dataclass(frozen=True, eq=False)
class Baseline:
    """What every scenario is applied to.

    Attributes
    ----------
    demand : pandas.DataFrame
        Forecast demand frame of the period (``channel, queue, ds, interval_min, volume,
        volume_hi, aht_s, closed_attempts``).
    roster : pandas.DataFrame
        ``channel, ds, interval_min, agents`` over the same days (the plan's roster source).
    opening_hours, working_hours : tuple of ChannelHours
        From the stored settings (``opening_hours``, ``working_hours``).
    start, end : date
        First and last day. [local dates, inclusive]
    weeks : int
        Length of the period. [weeks]
    key : tuple
        Hashable identity (the plan's key and the period) for the caches.
    """

    demand: pd.DataFrame
    roster: pd.DataFrame
    opening_hours: tuple[ChannelHours, ...]
    working_hours: tuple[ChannelHours, ...]
    start: date
    end: date
    weeks: int
    key: tuple


def period_choices() -> list[int]:
    """Periods that fit the plan horizon. [weeks]"""
    horizon = plan_cache.horizon_weeks()
    return sorted({w for w in PERIOD_CHOICES_WEEKS if w < horizon} | {horizon})


def period_weeks() -> int:
    """Weeks of the horizon scenarios are evaluated over (session choice)."""
    choices = period_choices()
    value = st.session_state.get(PERIOD_STATE_KEY)
    if value in choices:
        return int(value)
    fitting = [w for w in choices if w <= DEFAULT_PERIOD_WEEKS]
    return max(fitting) if fitting else choices[0]


def set_period_weeks(weeks: int) -> None:
    """Evaluate scenarios over the first ``weeks`` weeks of the horizon from now on."""
    st.session_state[PERIOD_STATE_KEY] = int(weeks)


@st.cache_data(show_spinner=False, max_entries=8)
def _baseline(_demand: pd.DataFrame, _roster: pd.DataFrame, _history: pd.DataFrame,
              _settings: dict, key: tuple, weeks: int) -> Baseline | None:
    if _demand.empty:
        return None
    local = _demand["ds"].dt.tz_localize(None)
    first = local.min().normalize()
    end = first + pd.Timedelta(weeks=weeks)
    keep = (local >= first) & (local < end)
    demand = forecast_closed_attempts(_history, _demand[keep].reset_index(drop=True))
    last_day = local[keep].max().date()
    roster = _roster
    if len(roster):
        roster_local = roster["ds"].dt.tz_localize(None) if roster["ds"].dt.tz is not None else roster["ds"]
        roster = roster[(roster_local >= first) & (roster_local < end)].reset_index(drop=True)
    return Baseline(
        demand=demand,
        roster=roster,
        opening_hours=hours_from_setting(_settings.get("opening_hours")),
        working_hours=hours_from_setting(_settings.get("working_hours")),
        start=first.date(),
        end=last_day,
        weeks=int(weeks),
        key=(key, int(weeks)),
    )


def baseline(con: duckdb.DuckDBPyConnection, tr: Translator) -> Baseline | None:
    """The baseline (cached per plan key and period); None when nothing is loaded.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
    tr : Translator
        For the progress text while the plan's forecasts are made.
    """
    if plan_cache.series(con).empty:
        return None
    demand = plan_cache.demand(con, tr)
    return _baseline(demand, plan_cache.roster_for(con, demand), plan_cache.recent_history(con),
                     plan_cache.stored_settings(con), plan_cache.plan_key(con), period_weeks())


def settings(con: duckdb.DuckDBPyConnection) -> plan.PlanSettings:
    """Plan settings this session plans with (the Staffing page's edits included)."""
    return plan_cache.current_settings(con)


@st.cache_data(show_spinner=False, max_entries=32)
def _evaluate(_base: Baseline, key: tuple, plan_settings: plan.PlanSettings,
              spec: ScenarioSpec) -> ScenarioResult:
    return evaluate_scenario(_base.demand, _base.roster, plan_settings, spec,
                             opening_hours=_base.opening_hours or None,
                             working_hours=_base.working_hours)


def evaluate(con: duckdb.DuckDBPyConnection, base: Baseline, spec: ScenarioSpec,
             name: str = "") -> ScenarioResult:
    """``kcc.scenarios.evaluate_scenario`` on the baseline, cached by spec (not by name, so two
    names for one spec are worked out once)."""
    result = _evaluate(base, base.key, settings(con), spec)
    return dataclasses.replace(result, name=name)


@st.cache_data(show_spinner=False, max_entries=16)
def _frontier(_base: Baseline, key: tuple, plan_settings: plan.PlanSettings, spec: ScenarioSpec,
              channel: str) -> pd.DataFrame:
    return sl_frontier(_base.demand, _base.roster, plan_settings, channel, spec=spec,
                       opening_hours=_base.opening_hours or None, working_hours=_base.working_hours)


def frontier(con: duckdb.DuckDBPyConnection, base: Baseline, spec: ScenarioSpec,
             channel: str) -> pd.DataFrame:
    """``kcc.scenarios.sl_frontier`` for one channel, cached."""
    return _frontier(base, base.key, settings(con), spec, channel)


@st.cache_data(show_spinner=False, max_entries=4)
def _repeat_rates(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], version: int) -> dict[str, float]:
    frame = store.read_repeat_rates(_con)
    return {str(r.channel): float(r.repeat_rate) for r in frame.itertuples() if r.contacts > 0}


def repeat_rates(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Measured repeat-contact rate per channel (records with a customer id), cached."""
    return _repeat_rates(con, plan_cache.plan_key(con)[0], data_version(con))


# --------------------------------------------------------------------------- working spec


def working_spec() -> ScenarioSpec:
    """The spec being edited (the baseline when none or when the stored form is invalid)."""
    data = st.session_state.get(WORKING_SPEC_KEY)
    if isinstance(data, dict):
        try:
            return ScenarioSpec.from_dict(data)
        except ValueError:
            del st.session_state[WORKING_SPEC_KEY]
    return ScenarioSpec()


def set_working_spec(spec: ScenarioSpec, name: str | None = None) -> None:
    """Make ``spec`` the working scenario (stored as its JSON-safe dict)."""
    st.session_state[WORKING_SPEC_KEY] = spec.to_dict()
    if name is not None:
        st.session_state[WORKING_NAME_KEY] = name


def working_name() -> str:
    """Name of the scenario loaded into the levers, or ''."""
    return str(st.session_state.get(WORKING_NAME_KEY, ""))


def saved_scenarios(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Stored scenarios (``kcc.store.read_scenarios``), newest edits visible at once."""
    return store.read_scenarios(con)


def save(con: duckdb.DuckDBPyConnection, name: str, spec: ScenarioSpec, description: str, user: str) -> int:
    """Store ``spec`` under ``name`` (insert or update) with who and when; returns its id."""
    return store.save_scenario(con, name=name, spec=spec.to_dict(), spec_version=spec.version, user=user,
                               description=description)
