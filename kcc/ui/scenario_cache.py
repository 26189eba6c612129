"""The scenario pages' shared state: the baseline, cached evaluations and the working spec.

A thin ``st.cache_data`` layer over ``kcc.pipeline``. The baseline is the plan of the Staffing
and Overview pages (``kcc.pipeline.scenario_baseline``): the forecast demand of the plan
horizon (P50 and the 80% upper bound, ``kcc.ui.plan_cache.demand``) with the roster the plan
uses, plus the contacts expected while a channel is closed from recent history. A scenario is
evaluated over the first weeks of the horizon (``period_weeks``; default the whole horizon up
to ``DEFAULT_PERIOD_WEEKS``), so the baseline scenario shows the plan's own numbers for those
days. Evaluations are cached by the plan's key (``kcc.pipeline.PlanKey``), the period, the
plan settings and the frozen ``ScenarioSpec``. The spec being edited lives in session state
under ``WORKING_SPEC_KEY`` (owned by no widget), so it survives page changes, and the
Levers page keeps it in its URL (``keep_in_link``), so it survives a reload.
"""

from __future__ import annotations

import dataclasses
from typing import Final

import pandas as pd
import streamlit as st

from kcc import pipeline, plan, store
from kcc.access import Action
from kcc.pipeline import Baseline, DataKey, PlanKey
from kcc.scenarios import (
    QUERY_NAME,
    QUERY_SPEC,
    QUERY_VERSION,
    REPEAT_SETTINGS_KEY,
    RepeatMeasure,
    RepeatSettings,
    ScenarioResult,
    ScenarioSpec,
    link_name,
    repeat_measures,
    results_alone,
)
from kcc.ui import access, plan_cache
from kcc.ui.state import Translator

__all__ = ["Baseline"]  # re-exported: the pages and tests name it here

#: Session-state keys no widget owns.
WORKING_SPEC_KEY: Final[str] = "scenario.working_spec"
WORKING_NAME_KEY: Final[str] = "scenario.working_name"
LINK_LOADED_KEY: Final[str] = "scenario.link_loaded"
#: The stored version the working scenario was opened or last saved as (``{"centre": id,
#: "name": name, "at": updated_at}``): saving over a version another planner saved since is
#: refused with ``kcc.store.ScenarioChangedError`` instead of overwriting it.
OPENED_VERSION_KEY: Final[str] = "scenario.opened_version"
PERIOD_STATE_KEY: Final[str] = "scenario.period_weeks"
#: Evaluation periods offered: the first weeks of the plan horizon. [weeks]
PERIOD_CHOICES_WEEKS: Final[tuple[int, ...]] = pipeline.PERIOD_CHOICES_WEEKS
#: Default period (the demo's whole horizon; a longer horizon is cut to it). [weeks]
DEFAULT_PERIOD_WEEKS: Final[int] = pipeline.DEFAULT_PERIOD_WEEKS


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
              _stored: dict, key: PlanKey, weeks: int) -> Baseline | None:
    return pipeline.scenario_baseline(_demand, _roster, _history, _stored, weeks, key)


def baseline(con: store.Connection, tr: Translator) -> Baseline | None:
    """The baseline (cached per plan key and period); None when nothing is loaded.

    Parameters
    ----------
    con : store.Connection
    tr : Translator
        For the progress text while the plan's forecasts are made.
    """
    if plan_cache.series(con).empty:
        return None
    demand = plan_cache.demand(con, tr)
    return _baseline(demand, plan_cache.roster_for(con, demand), plan_cache.recent_history(con),
                     plan_cache.stored_settings(con), plan_cache.plan_key(con), period_weeks())


def settings(con: store.Connection) -> plan.PlanSettings:
    """Plan settings this session plans with (the Staffing page's edits included)."""
    return plan_cache.current_settings(con)


@st.cache_data(show_spinner=False, max_entries=32)
def _evaluate(_base: Baseline, key: tuple, plan_settings: plan.PlanSettings,
              spec: ScenarioSpec) -> ScenarioResult:
    return pipeline.evaluate(_base, plan_settings, spec)


def evaluate(con: store.Connection, base: Baseline, spec: ScenarioSpec,
             name: str = "") -> ScenarioResult:
    """``kcc.pipeline.evaluate`` on the baseline, cached by the spec's levers (not by name or
    strategy choices, which change no number, so they are worked out once)."""
    result = _evaluate(base, base.key, settings(con), spec.levers_only())
    return dataclasses.replace(result, name=name, spec=spec)


def levers_alone(con: store.Connection, base: Baseline, spec: ScenarioSpec,
                 result: ScenarioResult) -> dict[str, ScenarioResult]:
    """Each lever of ``spec`` evaluated alone against the baseline (cached like any spec)."""
    return results_alone(spec, lambda s: evaluate(con, base, s), result)


def working_results(con: store.Connection, base: Baseline, spec: ScenarioSpec, name: str,
                    baseline_name: str) -> tuple[ScenarioResult, ScenarioResult, dict[str, ScenarioResult]]:
    """The working scenario's result, the baseline's and each lever's alone (the Levers page).

    Raises
    ------
    kcc.i18n.TranslatedError
        When the scenario cannot be planned as asked (a response time longer than the open
        time of the period), naming the field.
    """
    result = evaluate(con, base, spec, name)
    reference = evaluate(con, base, spec.baseline(), baseline_name)
    return result, reference, levers_alone(con, base, spec, result)


@st.cache_data(show_spinner=False, max_entries=16)
def _frontier(_base: Baseline, key: tuple, plan_settings: plan.PlanSettings, spec: ScenarioSpec,
              channel: str) -> pd.DataFrame:
    return pipeline.frontier(_base, plan_settings, spec, channel)


def frontier(con: store.Connection, base: Baseline, spec: ScenarioSpec,
             channel: str) -> pd.DataFrame:
    """``kcc.pipeline.frontier`` for one channel, cached."""
    return _frontier(base, base.key, settings(con), spec, channel)


@st.cache_data(show_spinner=False, max_entries=4)
def _repeat_rates(_con: store.Connection, key: DataKey,
                  measure: RepeatSettings) -> dict[str, RepeatMeasure]:
    frame = store.read_repeat_rates(_con, measure.window_days, unidentified=measure.unidentified)
    return repeat_measures(frame, measure.window_days)


def repeat_settings(con: store.Connection) -> RepeatSettings:
    """How this centre measures FCR (kept in its settings; the defaults when it kept none, or
    kept a value this version cannot read)."""
    try:
        return RepeatSettings.from_dict(plan_cache.stored_settings(con).get(REPEAT_SETTINGS_KEY))
    except (TypeError, ValueError):
        return RepeatSettings()


@access.requires(Action.EDIT_PLAN)
def keep_repeat_settings(con: store.Connection, measure: RepeatSettings) -> None:
    """Keep ``measure`` as this centre's way of measuring FCR (restored on every visit)."""
    store.write_setting(con, REPEAT_SETTINGS_KEY, measure.to_dict())


def repeat_rates(con: store.Connection,
                 measure: RepeatSettings | None = None) -> dict[str, RepeatMeasure]:
    """Repeat contacts measured per channel from customer ids (customers not identified left
    out, see ``kcc.store.read_repeat_rates``) as ``measure`` says, by default as the centre
    keeps it; cached."""
    return _repeat_rates(con, plan_cache.data_key(con), measure or repeat_settings(con))


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


def restore_from_link() -> ValueError | None:
    """Open the scenario a link or a reloaded page carries (``?scenario=...&sv=...&name=``)
    as the working scenario, once per session and link; the error when it cannot be read."""
    params = st.query_params.to_dict()
    link = params.get(QUERY_SPEC)
    if not link or st.session_state.get(LINK_LOADED_KEY) == link:
        return None
    st.session_state[LINK_LOADED_KEY] = link
    try:
        set_working_spec(ScenarioSpec.from_query(params), name=link_name(params))
    except ValueError as exc:
        # A link that cannot be read leaves the default scenario, not a half-read one.
        st.session_state.pop(WORKING_SPEC_KEY, None)
        st.session_state.pop(WORKING_NAME_KEY, None)
        return exc
    return None


def keep_in_link(spec: ScenarioSpec, name: str = "") -> None:
    """Carry the working scenario in the page's URL, so a reload or a copied link brings it
    back; the baseline leaves the URL clean. Other parameters (language, centre) stay."""
    params = st.query_params
    if spec == spec.baseline():
        for key in (QUERY_SPEC, QUERY_VERSION, QUERY_NAME):
            if key in params:
                del params[key]
        st.session_state.pop(LINK_LOADED_KEY, None)
        return
    query = spec.to_query(name=name or None)
    if params.get(QUERY_SPEC) != query[QUERY_SPEC] or params.get(QUERY_NAME, "") != (name or ""):
        if not name and QUERY_NAME in params:
            del params[QUERY_NAME]
        params.update(query)
    st.session_state[LINK_LOADED_KEY] = query[QUERY_SPEC]


def working_name() -> str:
    """Name of the scenario loaded into the levers, or ''."""
    return str(st.session_state.get(WORKING_NAME_KEY, ""))


def saved_scenarios(con: store.Connection) -> pd.DataFrame:
    """Stored scenarios (``kcc.store.read_scenarios``), newest edits visible at once."""
    return store.read_scenarios(con)


def remember_version(con: store.Connection, name: str) -> None:
    """Note the stored version of scenario ``name`` this session now works on (after opening
    or saving it), for the check of the next save."""
    saved = store.read_scenarios(con)
    rows = saved[saved["name"] == name]
    if rows.empty:
        st.session_state.pop(OPENED_VERSION_KEY, None)
        return
    st.session_state[OPENED_VERSION_KEY] = {
        "centre": store.centre_of(con), "name": name, "at": rows.iloc[0]["updated_at"]}


def _opened_version(con: store.Connection, name: str) -> pd.Timestamp | None:
    opened = st.session_state.get(OPENED_VERSION_KEY)
    if (isinstance(opened, dict) and opened.get("centre") == store.centre_of(con)
            and opened.get("name") == name):
        return pd.Timestamp(opened["at"])
    return None


@access.requires(Action.SAVE_SCENARIO)
def save(con: store.Connection, name: str, spec: ScenarioSpec, description: str, user: str) -> int:
    """Store ``spec`` under ``name`` (insert or update) with who and when; returns its id.

    Raises
    ------
    kcc.store.ScenarioChangedError
        Another planner saved the scenario this session opened (or last saved) since; nothing
        was written. Saving under another name replaces that scenario as before.
    """
    scenario_id = store.save_scenario(con, name=name, spec=spec.to_dict(), spec_version=spec.version,
                                      user=user, description=description,
                                      expected_updated_at=_opened_version(con, name))
    remember_version(con, name)
    return scenario_id
