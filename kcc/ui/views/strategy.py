"""The Strategy page's sections: the qualitative choices of a contact strategy (role, channel
purposes, promises, approved budget, people risk, calamity plans, timeline, decision), kept with
the working scenario and per centre as the default, and the centre's logo."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from kcc import config, report, store
from kcc.access import Action
from kcc.formatting import escape_markdown
from kcc.i18n import TranslatedError
from kcc.scenarios import (
    CALAMITIES,
    MAX_TEXT_CHARS,
    ROLES,
    STRATEGY_SETTING_KEY,
    CalamityPlan,
    ChannelNote,
    Milestone,
    ScenarioSpec,
    StrategyChoices,
)
from kcc.ui import access, plan_cache, scenario_cache
from kcc.ui.state import Translator, current_centre
from kcc.ui.widgets import channel_label, date_format, decimal_input, error_text, file_uploader


def centre_default(con: store.Connection) -> StrategyChoices:
    """The centre's default choices (the stored setting), else none stated."""
    stored = store.read_setting(con, STRATEGY_SETTING_KEY)
    if isinstance(stored, dict):
        try:
            return StrategyChoices.from_dict(stored)
        except ValueError:
            pass  # a setting from another version: start from none stated
    return StrategyChoices()


def choices_for(con: store.Connection, spec: ScenarioSpec) -> StrategyChoices:
    """The choices a scenario carries, else the centre's default."""
    return spec.strategy if spec.strategy is not None else centre_default(con)


def author(con: store.Connection, tr: Translator) -> str:
    """Who prepares a summary: the user's name (sidebar), else the centre's; never "anonymous"."""
    name = str(st.session_state.get("user") or "").strip()
    return name or current_centre(con).label(str(st.session_state["lang"]))


def _channels(con: store.Connection) -> list[str]:
    """The centre's channels in the usual order (every channel when it has no data yet)."""
    known = plan_cache.series(con)
    present = set(known["channel"]) if len(known) else set()
    return [c for c in config.CHANNELS if c in present] or list(config.CHANNELS)


def _notes(tr: Translator, channels: Sequence[str], current: StrategyChoices, kind: str) -> tuple[ChannelNote, ...]:
    """One text box per channel for its purpose or its promise."""
    of = current.purpose_of if kind == "purpose" else current.promise_of
    notes = []
    for channel in channels:
        text = st.text_input(tr(f"strategy.{kind}_of", channel=channel_label(channel, tr)), value=of(channel),
                             key=f"strategy.{kind}.{channel}", max_chars=MAX_TEXT_CHARS,
                             placeholder=tr(f"strategy.{kind}_placeholder_{channel}"))
        if text.strip():
            notes.append(ChannelNote(channel, text))
    return tuple(notes)


def _calamities(tr: Translator, channels: Sequence[str], current: StrategyChoices) -> tuple[CalamityPlan, ...]:
    plans = []
    for column, kind in zip(st.columns(len(CALAMITIES)), CALAMITIES, strict=True):
        stated = current.calamity(kind) or CalamityPlan(kind)
        with column:
            st.markdown(f"**{tr(f'report.calamity_{kind}')}**")
            hours = decimal_input(st, tr("strategy.outage_hours"), 0.25, 72.0, float(stated.duration_h), 0.25,
                                    key=f"strategy.{kind}.hours")
            fallback = st.multiselect(tr("strategy.fallback"), list(channels), default=list(stated.fallback),
                                      key=f"strategy.{kind}.fallback", format_func=lambda c: channel_label(c, tr),
                                      placeholder=tr("common.choose_options"))
            plan = st.text_area(tr("strategy.calamity_plan"), value=stated.plan, key=f"strategy.{kind}.plan",
                                max_chars=MAX_TEXT_CHARS, height=90)
        plans.append(CalamityPlan(kind, hours, tuple(fallback), plan))
    return tuple(plans)


def _milestones(tr: Translator, current: StrategyChoices) -> tuple[Milestone, ...]:
    frame = pd.DataFrame({"when": [m.day for m in current.milestones], "what": [m.what for m in current.milestones]})
    edited = st.data_editor(
        frame.astype({"when": "object", "what": "object"}), num_rows="dynamic", key="strategy.milestones",
        width="stretch", hide_index=True,
        column_config={"when": st.column_config.DateColumn(tr("strategy.milestone_when"), format=date_format()),
                       "what": st.column_config.TextColumn(tr("strategy.milestone_what"), max_chars=MAX_TEXT_CHARS)},
    )
    out = []
    for row in edited.itertuples(index=False):
        when, what = row.when, str(row.what or "").strip()
        if isinstance(when, date) and what:
            out.append(Milestone(when.isoformat(), what))
    return tuple(out)


def _numbers(tr: Translator, current: StrategyChoices) -> dict[str, Any]:
    cols = st.columns(3)
    budget = decimal_input(cols[0], tr("strategy.approved_budget"), min_value=0.0, max_value=1e9,
                                  value=current.approved_budget_eur_per_month, step=10_000.0,
                                  key="strategy.budget", placeholder=tr("strategy.not_stated"))
    attrition = decimal_input(cols[1], tr("strategy.attrition"), min_value=0.0, max_value=100.0,
                                     value=None if current.attrition_per_year is None
                                     else round(100.0 * current.attrition_per_year, 1),
                                     step=1.0, key="strategy.attrition", placeholder=tr("strategy.not_stated"))
    lead = cols[2].number_input(tr("strategy.lead_weeks"), min_value=0, max_value=52,
                                value=current.hiring_lead_weeks, step=1, key="strategy.lead_weeks",
                                placeholder=tr("strategy.not_stated"))
    st.caption(tr("strategy.people_from_capacity"))
    return {"approved_budget_eur_per_month": budget,
            "attrition_per_year": None if attrition is None else attrition / 100.0,
            "hiring_lead_weeks": None if lead is None else int(lead)}


def choices_form(con: store.Connection, tr: Translator, current: StrategyChoices) -> None:
    """The choices as a form; on submit they go into the working scenario, and optionally
    become the centre's default."""
    channels = _channels(con)
    with st.form("strategy.form"):
        st.subheader(tr("strategy.role_title"))
        role = st.radio(tr("report.pick_role"), ROLES, index=ROLES.index(current.role), key="strategy.role",
                        horizontal=True, format_func=lambda r: tr(f"report.role_{r}"))
        role_text = st.text_area(tr("report.role_wording"), value=current.role_text, key="strategy.role_text",
                                 max_chars=MAX_TEXT_CHARS, placeholder=tr(f"report.role_default_{role}"))
        st.subheader(tr("strategy.channels_title"))
        st.caption(tr("strategy.channels_intro"))
        left, right = st.columns(2)
        with left:
            purposes = _notes(tr, channels, current, "purpose")
        with right:
            promises = _notes(tr, channels, current, "promise")
        st.subheader(tr("strategy.money_title"))
        numbers = _numbers(tr, current)
        st.subheader(tr("strategy.calamity_title"))
        calamities = _calamities(tr, channels, current)
        st.subheader(tr("strategy.timeline_title"))
        milestones = _milestones(tr, current)
        decision = st.text_area(tr("strategy.decision"), value=current.decision, key="strategy.decision",
                                max_chars=MAX_TEXT_CHARS, placeholder=tr("strategy.decision_placeholder"))
        buttons = st.columns(2)
        use = buttons[0].form_submit_button(tr("strategy.use"), type="primary", key="strategy.use")
        keep = buttons[1].form_submit_button(tr("strategy.save_default"), key="strategy.save_default",
                                             disabled=not access.can(Action.EDIT_PLAN),
                                             help=access.reason(Action.EDIT_PLAN))
    if not (use or keep):
        return
    try:
        choices = StrategyChoices(role=role, role_text=role_text, purposes=purposes, promises=promises,
                                  calamities=calamities, milestones=milestones, decision=decision, **numbers)
    except (TranslatedError, ValueError) as exc:
        st.error(error_text(exc))
        return
    working = scenario_cache.working_spec()
    scenario_cache.set_working_spec(dataclasses.replace(working, strategy=choices))
    if keep:
        _keep_default(con, choices)
        st.success(tr("strategy.saved_default"))
    else:
        st.success(tr("strategy.used"))


@access.requires(Action.EDIT_PLAN)
def _keep_default(con: store.Connection, choices: StrategyChoices) -> None:
    store.write_setting(con, STRATEGY_SETTING_KEY, choices.to_dict())


@access.requires(Action.EDIT_PLAN)
def _write_logo(con: store.Connection, logo: bytes | None) -> None:
    store.write_logo(con, logo)


def logo_section(con: store.Connection, tr: Translator) -> None:
    """The centre's name and logo on the title slide: upload, show, remove."""
    st.subheader(tr("strategy.logo_title"))
    centre = current_centre(con).label(str(st.session_state["lang"]))
    st.caption(tr("strategy.logo_intro", centre=escape_markdown(centre), limit_mb=report.MAX_LOGO_MB))
    logo = store.read_logo(con)
    if logo:
        st.image(logo, width=200)
        if st.button(tr("strategy.logo_remove"), key="strategy.logo_remove",
                     disabled=not access.can(Action.EDIT_PLAN), help=access.reason(Action.EDIT_PLAN)):
            _write_logo(con, None)
            st.rerun()
    # The uploader names the logo's own limit and refuses a bigger file at once (it would name
    # the server's limit for contact files, 1000 MB, under a caption that says 1 MB).
    upload = file_uploader(tr, tr("strategy.logo_upload"), types=["png", "jpg", "jpeg"], key="strategy.logo_file",
                           max_mb=report.MAX_LOGO_MB)
    if upload is not None and st.button(tr("strategy.logo_save"), key="strategy.logo_save"):
        try:
            _write_logo(con, report.check_logo(upload.getvalue()))
        except report.LogoError as exc:
            st.error(error_text(exc))
            return
        st.rerun()
