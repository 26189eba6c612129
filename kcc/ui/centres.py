"""The contact centres on screen: the sidebar selector, where a first upload goes, the Centres
section of the Data page, the plan's start and the notice of series that end early."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final
from zoneinfo import available_timezones

import streamlit as st

from kcc import config, plan, store
from kcc.access import Action
from kcc.events import COMMON_COUNTRIES
from kcc.formatting import escape_markdown
from kcc.ui import access, plan_cache
from kcc.ui.state import (
    CENTRE_PARAM,
    CENTRE_STATE_KEY,
    Translator,
    choose_centre,
    connection,
    current_centre,
    load_demo_with_progress,
    shown_centres,
)
from kcc.ui.widgets import date_format, error_text, fmt_day, series_label

#: Session key (no widget owns it) of a message to show after the rerun a change needs.
FLASH_KEY: Final[str] = "centres.flash"
#: Zones offered for a new centre (every IANA zone; the configured one first).
_ZONES: Final[tuple[str, ...]] = tuple(sorted(z for z in available_timezones() if "/" in z))


def _lang() -> str:
    return str(st.session_state.get("lang", "en"))


def centre_selector(tr: Translator) -> None:
    """Sidebar choice of the centre every page shows; kept in the URL as ``?centre=``."""
    con = connection()
    current = current_centre(con)
    offered = list(shown_centres(con))
    if current not in offered:  # a hidden centre opened by its link
        offered.append(current)
    labels = {c.centre_id: c.label(_lang()) for c in offered}
    st.session_state["sidebar.centre"] = current.centre_id  # follow links and new centres
    st.selectbox(tr("centres.selector"), list(labels), format_func=labels.__getitem__,
                 help=tr("centres.selector_help"), key="sidebar.centre",
                 on_change=lambda: choose_centre(int(st.session_state["sidebar.centre"])))


def _centre_form(tr: Translator, key: str, default_name: str) -> None:
    """Name, time zone and holiday country of a new centre; creates and selects it."""
    may_create = access.allowed(Action.MANAGE_CENTRES, tr)
    zones = [config.timezone(), *(z for z in _ZONES if z != config.timezone())]
    countries = ["", *COMMON_COUNTRIES]
    with st.form(key):
        name = st.text_input(tr("centres.name"), value=default_name, key=f"{key}.name",
                             max_chars=store.MAX_NAME_CHARS)
        zone = st.selectbox(tr("centres.time_zone"), zones, help=tr("centres.time_zone_help"),
                            key=f"{key}.time_zone")
        country = st.selectbox(tr("centres.country"), countries, index=countries.index("NL"),
                               format_func=lambda c: c or tr("centres.country_none"),
                               key=f"{key}.country")
        submitted = st.form_submit_button(tr("centres.first.create"), type="primary", disabled=not may_create)
    if not submitted:
        return
    try:
        created = _create(name, zone, country or None)
    except store.CentreError as exc:
        st.error(error_text(exc))
        return
    choose_centre(created.centre_id)
    st.session_state[FLASH_KEY] = ("centres.first.created", created.label(_lang()))
    st.rerun()


def _flash(tr: Translator) -> None:
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        key, name = message
        st.success(tr(key, name=escape_markdown(name)))


def upload_target(con: store.Connection, tr: Translator) -> bool:
    """Where an upload goes while the demo is shown: a new centre of the user's own (the
    default) or, when chosen explicitly, the demo. True when the page may map and import."""
    _flash(tr)
    if not store.get_centre(con).is_demo:
        return True
    st.subheader(tr("centres.first.header"))
    st.caption(tr("centres.first.intro"))
    choice = st.radio(tr("centres.first.choice"), ["new", "demo"], horizontal=True,
                      format_func=lambda c: tr(f"centres.first.{c}"), key="centres.first.choice")
    if choice == "demo":
        st.info(tr("centres.first.into_demo"))
        return True
    taken = {c.label(_lang()).casefold() for c in store.list_centres(con)}
    default = tr("centres.first.default_name")
    _centre_form(tr, "centres.first.form", "" if default.casefold() in taken else default)
    return False


def manage(con: store.Connection, tr: Translator) -> None:
    """The Centres section: a new centre, rename or delete the current one (confirmed by
    typing its name), hide, show or reset the demo."""
    lang = _lang()
    centre = store.get_centre(con)
    st.header(tr("centres.manage.header"))
    st.caption(tr("centres.manage.intro"))
    _flash(tr)
    if not access.allowed(Action.MANAGE_CENTRES, tr):
        return
    st.markdown(tr("centres.manage.current", name=escape_markdown(centre.label(lang))))
    with st.expander(tr("centres.manage.new")):
        _centre_form(tr, "centres.new", "")
    left, right = st.columns(2)
    with left:
        new_name = st.text_input(tr("centres.name"), value=centre.label(lang),
                                 max_chars=store.MAX_NAME_CHARS, key=f"centres.rename.{centre.centre_id}")
        if st.button(tr("centres.manage.rename"), key="centres.rename"):
            try:
                renamed = _rename(con, centre.centre_id, new_name)
                st.success(tr("centres.manage.renamed", name=escape_markdown(renamed.label(lang))))
            except store.CentreError as exc:
                st.error(error_text(exc))
    with right:
        demo = next((c for c in store.list_centres(con) if c.is_demo), None)
        if demo is not None and not centre.is_demo:
            if st.button(tr("centres.manage.show_demo" if demo.hidden else "centres.manage.hide_demo"),
                         key="centres.hide_demo"):
                _hide(con, demo.centre_id, not demo.hidden)
                st.rerun()
        if not centre.is_demo and st.button(tr("centres.manage.reset_demo"), key="centres.reset_demo",
                                            help=tr("centres.manage.reset_demo_help")):
            _reload_demo(tr)
            st.success(tr("centres.manage.reset_done"))
    with st.expander(tr("centres.manage.delete")):
        st.caption(tr("centres.manage.delete_confirm", name=escape_markdown(centre.label(lang))))
        typed = st.text_input(tr("centres.name"), key=f"centres.delete_name.{centre.centre_id}")
        if st.button(tr("centres.manage.delete_button"), key="centres.delete", disabled=not typed.strip()):
            try:
                _delete(con, centre.centre_id, typed)
            except store.CentreError as exc:
                st.error(error_text(exc))
                return
            st.session_state.pop(CENTRE_STATE_KEY, None)
            if CENTRE_PARAM in st.query_params:
                del st.query_params[CENTRE_PARAM]
            st.session_state[FLASH_KEY] = ("centres.manage.deleted", centre.label(lang))
            st.rerun()


# --------------------------------------------------------------------------- the writes (admins)


@access.requires(Action.MANAGE_CENTRES)
def _create(name: str, zone: str, country: str | None) -> store.Centre:
    return store.create_centre(connection(), name, time_zone=zone, country=country)


@access.requires(Action.MANAGE_CENTRES)
def _rename(con: store.Connection, centre_id: int, name: str) -> store.Centre:
    return store.rename_centre(con, centre_id, name)


@access.requires(Action.MANAGE_CENTRES)
def _hide(con: store.Connection, centre_id: int, hidden: bool) -> None:
    store.hide_centre(con, centre_id, hidden)


@access.requires(Action.MANAGE_CENTRES)
def _reload_demo(tr: Translator) -> None:
    load_demo_with_progress(connection(), tr)


@access.requires(Action.MANAGE_CENTRES)
def _delete(con: store.Connection, centre_id: int, confirm_name: str) -> None:
    store.delete_centre(con, centre_id, confirm_name=confirm_name)


def plan_start_picker(con: store.Connection, tr: Translator,
                      horizon: plan.PlanHorizon | None) -> None:
    """The plan's first day for this centre: the day after its newest history, or later."""
    if horizon is None or horizon.newest_day is None:
        return
    first = horizon.newest_day + timedelta(days=1)
    picked = st.date_input(tr("centres.plan_start"), value=horizon.start, min_value=first,
                           help=tr("centres.plan_start_help"), format=date_format(),
                           key=f"centres.plan_start.{store.centre_of(con)}")
    if isinstance(picked, date) and picked != horizon.start:
        plan_cache.set_plan_start(con, None if picked == first else picked)
        st.rerun()


def ended_early_notice(tr: Translator, horizon: plan.PlanHorizon | None) -> None:
    """Name every planned series whose history ends before the centre's newest data, with
    its last day (stale series have their own notice)."""
    if horizon is None or not horizon.ended_early or horizon.newest_day is None:
        return
    lines = [
        "- " + tr("centres.ended_early_item",
                  series=escape_markdown(series_label(s.channel, s.queue, tr)),
                  last_day=fmt_day(s.last_day))
        for s in horizon.ended_early
    ]
    st.info("\n".join([tr("centres.ended_early", newest=fmt_day(horizon.newest_day)), "", *lines]))


def no_roster_notice(con: store.Connection, tr: Translator) -> None:
    """Say plainly when the centre has neither a roster nor shift patterns: the KPIs "with the
    roster" are then what nobody on the floor delivers (0 % answered), not a measurement."""
    counts = store.table_counts(con, tables=("roster", "shifts"))
    if counts["roster"] == 0 and counts["shifts"] == 0:
        st.info(tr("centres.no_roster"))
