"""The scenario pages' shared state: the baseline, cached evaluations and the working spec.

The baseline is the most recent four whole weeks of history (offered contacts, contacts
attempted while closed, handle times) with the roster of those weeks, so every lever works on
measured closed-hours demand. Evaluations are cached by the database, its ``data_version``, the
plan settings and the frozen ``ScenarioSpec``. The spec being edited lives in session state
under ``WORKING_SPEC_KEY`` (owned by no widget), so it survives page changes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

import duckdb
import pandas as pd
import streamlit as st

from kcc import config, plan, store
from kcc.scenarios import (
    ChannelHours,
    ScenarioResult,
    ScenarioSpec,
    evaluate_scenario,
    hours_from_setting,
    sl_frontier,
)
from kcc.ui import plan_cache
from kcc.ui.state import data_version

#: Session-state keys no widget owns.
WORKING_SPEC_KEY: Final[str] = "scenario.working_spec"
WORKING_NAME_KEY: Final[str] = "scenario.working_name"
LINK_LOADED_KEY: Final[str] = "scenario.link_loaded"
#: Length of the baseline period. [days]
BASELINE_DAYS: Final[int] = 28


@dataclass(frozen=True, eq=False)
class Baseline:
    """What every scenario is applied to.

    Attributes
    ----------
    demand : pandas.DataFrame
        Demand frame (``channel, queue, ds, interval_min, volume, volume_hi, aht_s,
        closed_attempts``).
    roster : pandas.DataFrame
        ``channel, ds, interval_min, agents`` over the same days.
    opening_hours, working_hours : tuple of ChannelHours
        From the stored settings (``opening_hours``, ``working_hours``).
    start, end : date
        First and last day. [local dates, inclusive]
    """

    demand: pd.DataFrame
    roster: pd.DataFrame
    opening_hours: tuple[ChannelHours, ...]
    working_hours: tuple[ChannelHours, ...]
    start: date
    end: date


def _db_key() -> tuple[str, str]:
    return (config.db_path(), config.timezone())


@st.cache_data(show_spinner=False, max_entries=4)
def _baseline(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], version: int) -> Baseline | None:
    summary = store.series_summary(_con)
    if summary.empty:
        return None
    last = pd.Timestamp(summary["last_ds"].max())
    last_day = (last.tz_convert(config.timezone()) if last.tzinfo else last).date()
    # whole weeks ending on the last full day, so each weekday counts equally
    end = last_day + timedelta(days=1)
    start = end - timedelta(days=BASELINE_DAYS)
    history = store.read_intervals(_con, start=start, end=end)
    demand = history.rename(columns={"offered": "volume"})
    demand["volume_hi"] = demand["volume"]
    profile = plan.aht_profile(history)
    fill = demand["channel"].map(plan.DEFAULT_AHT_S).fillna(300.0)
    if len(profile):
        mean = profile.groupby("channel")["aht_s"].median()
        fill = demand["channel"].map(mean).fillna(fill)
    demand["aht_s"] = demand["aht_s"].fillna(fill)
    columns = ["channel", "queue", "ds", "interval_min", "volume", "volume_hi", "aht_s", "closed_attempts"]
    settings = store.read_settings(_con)
    return Baseline(
        demand=demand[columns].reset_index(drop=True),
        roster=store.read_roster(_con, start=start, end=end),
        opening_hours=hours_from_setting(settings.get("opening_hours")),
        working_hours=hours_from_setting(settings.get("working_hours")),
        start=start,
        end=end - timedelta(days=1),
    )


def baseline(con: duckdb.DuckDBPyConnection) -> Baseline | None:
    """The baseline (cached per data version); None when nothing is loaded."""
    return _baseline(con, _db_key(), data_version(con))


def settings(con: duckdb.DuckDBPyConnection) -> plan.PlanSettings:
    """Plan settings this session plans with (the Staffing page's edits included)."""
    return plan_cache.current_settings(con)


@st.cache_data(show_spinner=False, max_entries=32)
def _evaluate(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], version: int,
              plan_settings: plan.PlanSettings, spec: ScenarioSpec) -> ScenarioResult | None:
    base = _baseline(_con, db, version)
    if base is None:
        return None
    opening = base.opening_hours or None
    return evaluate_scenario(base.demand, base.roster, plan_settings, spec, opening_hours=opening,
                             working_hours=base.working_hours)


def evaluate(con: duckdb.DuckDBPyConnection, spec: ScenarioSpec, name: str = "") -> ScenarioResult | None:
    """``kcc.scenarios.evaluate_scenario`` on the baseline, cached by spec (not by name, so two
    names for one spec are worked out once)."""
    result = _evaluate(con, _db_key(), data_version(con), settings(con), spec)
    return None if result is None else dataclasses.replace(result, name=name)


@st.cache_data(show_spinner=False, max_entries=16)
def _frontier(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], version: int,
              plan_settings: plan.PlanSettings, spec: ScenarioSpec, channel: str) -> pd.DataFrame:
    base = _baseline(_con, db, version)
    if base is None:
        return pd.DataFrame()
    return sl_frontier(base.demand, base.roster, plan_settings, channel, spec=spec,
                       opening_hours=base.opening_hours or None, working_hours=base.working_hours)


def frontier(con: duckdb.DuckDBPyConnection, spec: ScenarioSpec, channel: str) -> pd.DataFrame:
    """``kcc.scenarios.sl_frontier`` for one channel, cached."""
    return _frontier(con, _db_key(), data_version(con), settings(con), spec, channel)


@st.cache_data(show_spinner=False, max_entries=4)
def _repeat_rates(_con: duckdb.DuckDBPyConnection, db: tuple[str, str], version: int) -> dict[str, float]:
    frame = store.read_repeat_rates(_con)
    return {str(r.channel): float(r.repeat_rate) for r in frame.itertuples() if r.contacts > 0}


def repeat_rates(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Measured repeat-contact rate per channel (records with a customer id), cached."""
    return _repeat_rates(con, _db_key(), data_version(con))


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
