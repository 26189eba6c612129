"""Sections of the Scenarios page: a shared link, saving the working scenario, the saved
scenarios (load, duplicate, delete, share) and the comparison of two to four.

Every widget has an explicit ``scenarios.*`` key; the numbers come from
:func:`kcc.scenarios.compare` of cached evaluations.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from kcc import store
from kcc.access import Action
from kcc.charts import scenarios as charts
from kcc.formatting import escape_markdown, format_columns
from kcc.scenarios import QUERY_SPEC, ScenarioSpec, compare
from kcc.ui import access
from kcc.ui import scenario_cache as cache
from kcc.ui.scenario_cache import Baseline
from kcc.ui.state import Translator, current_user
from kcc.ui.widgets import (
    error_text,
    fmt_compact,
    fmt_moment,
    fmt_number,
    fmt_pct,
    fmt_signed,
    person_label,
    plotly_chart,
)

#: Options of the comparison picker that are not saved scenarios (a name cannot hold NUL).
BASELINE = "\u0000baseline"
WORKING = "\u0000working"

#: Columns of the comparison table, in the order shown.
COMPARE_COLUMNS: tuple[str, ...] = (
    "name", "fte", "diff_fte", "fte_rostered", "cost_eur_per_month", "diff_cost_eur_per_month",
    "service_level_roster", "service_level", "p_abandon_roster", "p_abandon", "reachability",
    "contacts_per_week", "lost_per_week", "cost_eur_per_contact",
)


def fmt_number_1(value: float) -> str:
    """A number with one decimal in the page's language."""
    return fmt_number(value, 1)


def unique_name(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``... the first one not ``taken``."""
    name, number = wanted, 2
    while name in taken:
        name, number = f"{wanted} {number}", number + 1
    return name


def open_shared_link(tr: Translator) -> None:
    """A shared link or a reload (``?scenario=...&sv=...&name=...``) opens its scenario as the
    working one, once per session and link (``kcc.ui.scenario_cache.restore_from_link``); the
    page's URL then follows the working scenario, as on the Levers page."""
    before = st.session_state.get(cache.LINK_LOADED_KEY)
    error = cache.restore_from_link()
    if error is not None:
        st.error(tr("scenarios.link_error", error=error_text(error)))
    elif st.session_state.get(cache.LINK_LOADED_KEY) != before:
        name = cache.working_name()
        st.success(tr("scenarios.link_loaded", name=escape_markdown(name) or tr("levers.unsaved")))
    cache.keep_in_link(cache.working_spec(), cache.working_name())


# --------------------------------------------------------------------------- save the working scenario


def save_section(con: store.Connection, tr: Translator, working: ScenarioSpec) -> None:
    """Save the working scenario under a name, with a description."""
    st.subheader(tr("scenarios.save_title"))
    st.caption(tr("levers.working_caption", name=escape_markdown(cache.working_name()) or tr("levers.unsaved")))
    may_save = access.allowed(Action.SAVE_SCENARIO, tr)
    with st.form("scenarios.save_form"):
        name = st.text_input(tr("scenarios.name"), value=cache.working_name(), max_chars=80, key="scenarios.name")
        description = st.text_area(tr("scenarios.description"), max_chars=500, key="scenarios.description")
        if st.form_submit_button(tr("scenarios.save"), disabled=not may_save):
            if not name.strip():
                st.error(tr("scenarios.name_required"))
            else:
                try:
                    cache.save(con, name.strip(), working, description, current_user(tr))
                except store.ScenarioChangedError as exc:  # another planner saved it first
                    st.error(error_text(exc))
                    return
                cache.set_working_spec(working, name=name.strip())
                st.success(tr("scenarios.saved", name=escape_markdown(name.strip())))


# --------------------------------------------------------------------------- saved scenarios


def saved_section(con: store.Connection, tr: Translator) -> dict[str, ScenarioSpec]:
    """The saved scenarios as a table, with load, duplicate, delete and share for one of them;
    returns the specs that load, by name (a warning names each one that does not)."""
    st.subheader(tr("scenarios.saved_title"))
    saved = cache.saved_scenarios(con)
    specs: dict[str, ScenarioSpec] = {}
    for row in saved.itertuples():
        try:
            specs[str(row.name)] = ScenarioSpec.from_dict(row.spec)
        except ValueError as exc:
            st.warning(tr("scenarios.invalid", name=escape_markdown(row.name), error=error_text(exc)))
    if saved.empty:
        st.info(tr("scenarios.none_saved"))
        return specs
    shown = saved[["name", "description", "created_by", "created_at", "updated_by", "updated_at"]].copy()
    for column in ("created_at", "updated_at"):
        shown[column] = [fmt_moment(m) for m in pd.to_datetime(shown[column])]
    for column in ("created_by", "updated_by"):
        shown[column] = [person_label(u, tr) for u in shown[column]]
    st.dataframe(shown, hide_index=True, key="scenarios.table", column_config={
        "name": tr("scenarios.name"), "description": tr("scenarios.description"),
        "created_by": tr("scenarios.created_by"), "created_at": tr("scenarios.created_at"),
        "updated_by": tr("scenarios.updated_by"), "updated_at": tr("scenarios.updated_at"),
    })
    chosen = st.selectbox(tr("scenarios.pick"), list(saved["name"]), key="scenarios.pick")
    _saved_actions(con, tr, saved, specs, chosen)
    return specs


def _saved_actions(con: store.Connection, tr: Translator, saved: pd.DataFrame,
                   specs: dict[str, ScenarioSpec], chosen: str) -> None:
    row = saved[saved["name"] == chosen].iloc[0]
    locked, why = not access.can(Action.SAVE_SCENARIO), access.reason(Action.SAVE_SCENARIO)
    cols = st.columns(4)
    if cols[0].button(tr("scenarios.load"), key="scenarios.load", disabled=chosen not in specs):
        cache.set_working_spec(specs[chosen], name=chosen)
        cache.remember_version(con, chosen)
        st.success(tr("scenarios.loaded", name=escape_markdown(chosen)))
    if cols[1].button(tr("scenarios.duplicate"), key="scenarios.duplicate", disabled=chosen not in specs or locked,
                      help=why):
        copy = unique_name(tr("scenarios.copy_of", name=chosen), set(saved["name"]))
        cache.save(con, copy, specs[chosen], str(row["description"]), current_user(tr))
        st.rerun()
    if cols[2].button(tr("scenarios.delete"), key="scenarios.delete", disabled=locked, help=why):
        _delete(con, int(row["scenario_id"]))
        st.rerun()
    if cols[3].button(tr("scenarios.share"), key="scenarios.share", disabled=chosen not in specs):
        query = specs[chosen].to_query(name=chosen)
        st.query_params.update(query)
        st.session_state[cache.LINK_LOADED_KEY] = query[QUERY_SPEC]
        st.caption(tr("scenarios.share_hint"))
        st.code("?" + urlencode(query), language=None)


# --------------------------------------------------------------------------- compare


@access.requires(Action.SAVE_SCENARIO)
def _delete(con: store.Connection, scenario_id: int) -> None:
    store.delete_scenario(con, scenario_id)


def compare_section(con: store.Connection, tr: Translator, base: Baseline, working: ScenarioSpec,
                    specs: dict[str, ScenarioSpec]) -> None:
    """Pick two to four of the baseline, the working scenario and the saved ones; compare them
    in a table and two charts."""
    st.subheader(tr("scenarios.compare_title"))
    options = [BASELINE, WORKING, *specs]
    labels = {
        BASELINE: tr("scenarios.baseline"),
        WORKING: tr("scenarios.working", name=cache.working_name() or tr("levers.unsaved")),
    }
    default = [BASELINE, WORKING] if working != working.baseline() else [BASELINE, *list(specs)[:1]]
    picked = st.multiselect(tr("scenarios.compare_pick"), options, default=[o for o in default if o in options],
                            max_selections=4, format_func=lambda o: labels.get(o, o), key="scenarios.compare",
                            placeholder=tr("common.choose_options"))
    if len(picked) < 2:
        st.info(tr("scenarios.compare_need"))
        return
    spec_of = {BASELINE: working.baseline(), WORKING: working, **specs}
    with st.spinner(tr("levers.computing")):
        results = [cache.evaluate(con, base, spec_of[o], labels.get(o, o)) for o in picked]
    table = compare(results)
    compare_table(tr, table)
    chart_labels = {"fte": tr("common.kpi_required_fte"), "cost": tr("common.kpi_cost_required_month"),
                    "service_level": tr("common.kpi_sl_required"), "abandonment": tr("common.kpi_abandon_required"),
                    "reachability": tr("common.kpi_reachability"),
                    "difference": tr("scenarios.chart_diff")}
    plotly_chart(
        charts.comparison_chart(table, chart_labels, tr("scenarios.chart_values")), key="scenarios.chart_values"
    )
    # a difference of two shares is in percentage points, not per cent
    points = f"[{tr('common.unit_points')}]"
    diff_labels = {key: label.removesuffix("[%]") + points if label.endswith("[%]") else label
                   for key, label in chart_labels.items()}
    plotly_chart(charts.comparison_chart(table, diff_labels, differences=True), key="scenarios.chart_diff")


def compare_table(tr: Translator, table: pd.DataFrame) -> None:
    """The comparison as a table, every number with the page's separators."""
    shown = format_columns(table[list(COMPARE_COLUMNS)], {
        "fte": fmt_number_1, "diff_fte": lambda v: fmt_signed(v, 1), "fte_rostered": fmt_number_1,
        "cost_eur_per_month": fmt_compact, "diff_cost_eur_per_month": fmt_signed,
        **{col: fmt_pct for col in ("service_level_roster", "service_level", "p_abandon_roster", "p_abandon",
                                    "reachability")},
        "contacts_per_week": fmt_number, "lost_per_week": fmt_number,
        "cost_eur_per_contact": lambda v: fmt_number(v, 2),
    })
    st.dataframe(shown, hide_index=True, key="scenarios.compare_table", column_config={
        "name": tr("scenarios.name"),
        "fte": tr("common.kpi_required_fte"),
        "diff_fte": tr("scenarios.c_diff_fte"),
        "fte_rostered": tr("common.kpi_rostered_fte"),
        "cost_eur_per_month": tr("common.kpi_cost_required_month"),
        "diff_cost_eur_per_month": tr("scenarios.c_diff_cost"),
        "service_level_roster": tr("common.kpi_sl_roster"),
        "service_level": tr("common.kpi_sl_required"),
        "p_abandon_roster": tr("common.kpi_abandon_roster"),
        "p_abandon": tr("common.kpi_abandon_required"),
        "reachability": tr("common.kpi_reachability"),
        "contacts_per_week": tr("common.kpi_contacts_week"),
        "lost_per_week": tr("scenarios.c_lost"),
        "cost_eur_per_contact": tr("levers.m_cost_contact"),
    })
