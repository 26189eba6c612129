"""The Staffing page's settings forms: targets and shrinkage per channel, contract hours,
flex premium and hourly costs. What a user applies lives in the session
(``plan_cache.set_settings``) until saved as the default."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from kcc import checks, formatting, plan, store
from kcc.access import Action
from kcc.plan.settings import MAX_MIN_AGENTS
from kcc.staffing import DEFAULT_SESSION_PENALTY, ChatHandleEstimate
from kcc.ui import access, plan_cache
from kcc.ui.state import Translator
from kcc.ui.widgets import (
    channel_label,
    decimal_input,
    error_text,
    fmt_moment,
    forget_decimal_inputs,
    lang,
    set_decimal_input,
)

#: Keys of the target form's inputs; forgotten when the channel changes so they show the new
#: channel's values.
TARGET_INPUT_KEYS: tuple[str, ...] = (
    "staffing.target_sl",
    "staffing.answer_time_s",
    "staffing.target_asa_s",
    "staffing.max_occupancy",
    "staffing.max_abandon",
    "staffing.patience_s",
    "staffing.concurrency",
    "staffing.penalty_pct",
    "staffing.history_sessions",
    "staffing.response_time_h",
    "staffing.start_backlog_items",
    "staffing.shrinkage",
    "staffing.min_agents",
)
BUDGET_INPUT_KEYS: tuple[str, ...] = (
    "staffing.contract_hours",
    "staffing.flex_premium",
    "staffing.cost_table",
)



def forget_target_inputs() -> None:
    """Callback: the channel changed, so the target form shows that channel's values."""
    forget_decimal_inputs(TARGET_INPUT_KEYS)


def _forget_budget_inputs() -> None:
    forget_decimal_inputs(BUDGET_INPUT_KEYS)



# --------------------------------------------------------------------------- settings forms


def targets_form(con: store.Connection, tr: Translator, settings: plan.PlanSettings,
                 channel: str) -> plan.PlanSettings:
    """Targets and shrinkage of one channel in a form; returns the settings to plan with."""
    targets = settings.targets_for(channel)
    model = plan.channel_model(channel, targets)
    st.markdown(tr("staffing.targets_intro", channel=channel_label(channel, tr)))
    with st.form("staffing.targets_form"):
        cols = st.columns(3)
        sl = decimal_input(cols[0],
            tr("staffing.target_sl"), min_value=1.0, max_value=99.9,
            value=round(100.0 * targets.target_service_level, 1), step=1.0,
            key="staffing.target_sl"
        )
        values: dict[str, Any] = {}
        used_estimate = False
        if model == "backlog":
            values["response_time_h"] = decimal_input(cols[1],
                tr("staffing.response_time_h"),
                value=float(targets.response_time_h or 8.0), step=0.25,
                key="staffing.response_time_h"
            )
            values["start_backlog_items"] = _start_backlog_input(con, tr, targets, channel)
        elif model != "none":
            values["answer_time_s"] = decimal_input(cols[1],
                tr("staffing.answer_time_s"), min_value=1.0, max_value=3600.0,
                value=float(targets.answer_time_s), step=5.0, key="staffing.answer_time_s"
            )
            # no bounds on the widget: a value outside them gets a message naming the field
            occ = decimal_input(cols[2],
                tr("staffing.max_occupancy"),
                value=round(100.0 * (targets.max_occupancy or 0.0), 1), step=1.0,
                key="staffing.max_occupancy", help=tr("staffing.zero_is_none")
            )
            values["max_occupancy"] = occ
            asa = decimal_input(cols[0],
                tr("staffing.target_asa_s"), min_value=0.0, max_value=3600.0,
                value=float(targets.target_asa_s or 0.0), step=5.0,
                key="staffing.target_asa_s", help=tr("staffing.zero_is_none")
            )
            values["target_asa_s"] = asa if asa > 0 else None
            if model in ("erlang_a", "erlang_c"):
                values.update(_abandon_inputs(tr, targets, cols))
            if model == "chat":
                chat_values, used_estimate = _chat_inputs(con, tr, targets, cols)
                values.update(chat_values)
        shrink = decimal_input(cols[2],
            tr("staffing.shrinkage"), min_value=0.0, max_value=90.0,
            value=round(100.0 * settings.shrinkage_for(channel), 1), step=1.0,
            key="staffing.shrinkage", help=tr("staffing.shrinkage_help")
        )
        # no lower bound on the widget: a negative number gets the settings' own message
        minimum = decimal_input(cols[0],
            tr("staffing.min_agents"), value=settings.min_agents_for(channel), step=1.0,
            key="staffing.min_agents", help=tr("staffing.min_agents_help")
        ) if model != "none" else 0.0
        submitted = used_estimate | st.form_submit_button(
            tr("staffing.apply"), key="staffing.targets_apply", type="primary")
    if submitted:
        values.update(target_service_level=sl / 100.0, shrinkage=shrink / 100.0, min_agents=minimum)
        settings = _apply(con, tr, settings, channel, values)
    st.caption(tr(f"staffing.model_{model}"))
    _save_reset_buttons(con, tr, settings)
    return settings


def _abandon_inputs(tr: Translator, targets: plan.ChannelTargets, cols: Sequence[Any]) -> dict[str, Any]:
    """Patience and the abandonment cap of a live channel planned with Erlang A or C (0 is none)."""
    patience = decimal_input(cols[1],
        tr("staffing.patience_s"), min_value=0.0, max_value=86_400.0,
        value=float(targets.patience_s or 0.0), step=10.0,
        key="staffing.patience_s", help=tr("staffing.patience_help")
    )
    abandon = decimal_input(cols[2],
        tr("staffing.max_abandon"), min_value=0.0, max_value=100.0,
        value=round(100.0 * (targets.max_abandon or 0.0), 1), step=0.5,
        key="staffing.max_abandon", help=tr("staffing.zero_is_none")
    )
    return {"patience_s": patience if patience > 0 else None,
            "max_abandon": abandon / 100.0 if abandon > 0 else None}


def _apply(con: store.Connection, tr: Translator, settings: plan.PlanSettings, channel: str,
           values: dict[str, Any]) -> plan.PlanSettings:
    """The settings with the form's values, kept for the session; the settings as they were, with
    a message naming the field, when a value is out of range or the planned period cannot hold it."""
    shrinkage, minimum = values.pop("shrinkage"), values.pop("min_agents")
    try:
        wanted = settings.with_targets(channel, **_checked(tr, values, minimum)).with_channel_values(
            shrinkage={channel: shrinkage}, min_agents={channel: minimum})
        plan_cache.get_plan(con, tr, wanted)  # a target the planned period cannot hold is refused here
    except ValueError as exc:
        st.error(tr("staffing.invalid", reason=error_text(exc)))
        return settings
    plan_cache.set_settings(wanted)
    return wanted


def _checked(tr: Translator, values: dict[str, Any], minimum: float) -> dict[str, Any]:
    """The form's values checked by the labels the user sees, in the form's units; the
    occupancy cap turned into a share (0: none).

    Raises
    ------
    kcc.checks.FieldError
        For a negative minimum staffing, a concurrency under 1 session, an occupancy cap
        outside 0..100 % or a response time outside 0..720 h.
    """
    checks.number_in(tr("staffing.min_agents"), minimum, 0, MAX_MIN_AGENTS, unit="agents")
    out = dict(values)
    if "max_occupancy" in out:
        occ = checks.number_in(tr("staffing.max_occupancy"), out["max_occupancy"], 0, 100, unit="%")
        out["max_occupancy"] = occ / 100.0 if occ else None
    if "concurrency" in out:
        checks.number_in(tr("staffing.concurrency"), out["concurrency"], 1, 10, unit="sessions per agent")
    if "response_time_h" in out:
        checks.above_at_most(tr("staffing.response_time_h"), out["response_time_h"], 720, unit="h")
    return out


def _start_backlog_input(con: store.Connection, tr: Translator,
                         targets: plan.ChannelTargets, channel: str) -> float | None:
    """The items waiting at the plan's start: the estimate from history with its assumption,
    and an override (empty: use the estimate)."""
    estimate = plan_cache.start_backlog(con).get(channel)
    if estimate is None or estimate.since is None:
        st.caption(tr("staffing.start_backlog_none"))
    else:
        st.caption(tr("staffing.start_backlog_estimate",
                      items=formatting.fmt_number(estimate.items, 0, lang()),
                      since=fmt_moment(estimate.since)))
    override = decimal_input(st,
        tr("staffing.start_backlog_items"), min_value=0.0, max_value=100_000.0,
        value=targets.start_backlog_items, step=10.0, key="staffing.start_backlog_items",
        help=tr("staffing.start_backlog_help")
    )
    return None if override is None else float(override)


def _chat_inputs(con: store.Connection, tr: Translator, targets: plan.ChannelTargets,
                 cols: Sequence[Any]) -> tuple[dict[str, float], bool]:
    """Chat's concurrency and the slow-down per extra session with the sessions the history
    was measured at (``kcc.queueing.chat``), what the history says about them, and whether
    the user chose to use that estimate."""
    concurrency = decimal_input(cols[1],
        tr("staffing.concurrency"),
        value=float(targets.concurrency), step=0.1, key="staffing.concurrency"
    )
    penalty = decimal_input(cols[0],
        tr("staffing.penalty_pct"), min_value=0.0, max_value=200.0,
        value=round(100.0 * targets.penalty_per_extra_session, 1), step=5.0,
        key="staffing.penalty_pct", help=tr("staffing.penalty_help")
    )
    history = decimal_input(cols[1],
        tr("staffing.history_sessions"), min_value=1.0, max_value=10.0,
        value=float(targets.history_sessions), step=0.1, key="staffing.history_sessions",
        help=tr("staffing.history_sessions_help")
    )
    estimate = plan_cache.chat_estimate(con)
    st.caption(_chat_estimate_text(tr, estimate))
    # the callback sets the inputs before the rerun, so the form applies the estimate
    used = estimate is not None and st.form_submit_button(
        tr("staffing.chat_estimate_use"), key="staffing.chat_estimate_use",
        help=tr("staffing.chat_estimate_use_help"), on_click=_use_chat_estimate, args=(estimate,))
    return {"concurrency": float(concurrency), "penalty_per_extra_session": penalty / 100.0,
            "history_sessions": float(history)}, bool(used)


def _chat_estimate_text(tr: Translator, estimate: ChatHandleEstimate | None) -> str:
    """What the history says about ``h1`` and ``p``, with its assumption, or how to get it."""
    language = lang()
    if estimate is None:
        return tr("staffing.chat_estimate_none",
                  p=formatting.fmt_pct(DEFAULT_SESSION_PENALTY, 0, language))
    kind = ("assumed" if estimate.penalty_assumed
            else "overlap" if estimate.method == "overlap" else "sessions")
    return tr(f"staffing.chat_estimate_{kind}",
              h1=formatting.fmt_number(estimate.handle_time_s, 0, language),
              p=formatting.fmt_pct(estimate.penalty_per_extra_session, 0, language),
              n=formatting.fmt_number(estimate.contacts, 0, language),
              sessions=formatting.fmt_number(estimate.mean_sessions, 2, language))


def _use_chat_estimate(estimate: ChatHandleEstimate) -> None:
    """Callback: the chat inputs take the estimate's slow-down and history sessions."""
    set_decimal_input("staffing.penalty_pct", round(100.0 * estimate.penalty_per_extra_session, 1))
    set_decimal_input("staffing.history_sessions", round(estimate.history_sessions, 2))


def _save_reset_buttons(con: store.Connection, tr: Translator,
                        settings: plan.PlanSettings) -> None:
    edited = isinstance(st.session_state.get(plan_cache.SETTINGS_STATE_KEY), dict)
    cols = st.columns(2)
    if cols[0].button(tr("staffing.save_default"), key="staffing.save_default",
                      disabled=not edited or not access.can(Action.EDIT_PLAN), help=access.reason(Action.EDIT_PLAN)):
        plan_cache.save_settings(con, settings)
        st.success(tr("staffing.saved"))
    if cols[1].button(tr("staffing.reset"), key="staffing.reset", disabled=not edited):
        plan_cache.reset_settings()
        forget_target_inputs()
        _forget_budget_inputs()
        st.rerun()


def budget_form(
    tr: Translator, settings: plan.PlanSettings, channels: Sequence[str]
) -> plan.PlanSettings:
    """Contract hours, flex premium and hourly cost per channel in a form."""
    with st.form("staffing.budget_form"):
        cols = st.columns(2)
        hours = decimal_input(cols[0],
            tr("staffing.contract_hours"), min_value=1.0, max_value=60.0,
            value=float(settings.contract_hours_per_week), step=0.5, key="staffing.contract_hours"
        )
        premium = decimal_input(cols[1],
            tr("staffing.flex_premium"), min_value=0.0, max_value=500.0,
            value=round(100.0 * settings.flex_premium, 1), step=5.0, key="staffing.flex_premium"
        )
        table = pd.DataFrame(
            {"cost": [settings.cost_for(c) for c in channels]},
            index=pd.Index([channel_label(c, tr) for c in channels], name=tr("common.channel")),
        )
        edited = st.data_editor(
            table, key="staffing.cost_table", width="content",
            column_config={"cost": st.column_config.NumberColumn(
                tr("staffing.cost_eur_per_hour"), min_value=0.0, max_value=1000.0, step=0.5,
                # Streamlit's formats know no decimal comma; "localized" takes the browser's
                format="%.2f" if lang() == "en" else "localized")},
        )
        submitted = st.form_submit_button(tr("staffing.apply"), key="staffing.budget_apply",
                                          type="primary")
    if submitted:
        costs = {c: float(v) for c, v in zip(channels, edited["cost"].tolist(), strict=True)
                 if v is not None and not pd.isna(v)}
        try:
            settings = replace(settings, contract_hours_per_week=float(hours),
                               flex_premium=float(premium) / 100.0)
            settings = settings.with_channel_values(cost_eur_per_hour=costs)
        except ValueError as exc:
            st.error(tr("staffing.invalid", reason=error_text(exc)))
        else:
            plan_cache.set_settings(settings)
    return settings


