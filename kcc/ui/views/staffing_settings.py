"""The Staffing page's settings forms: targets and shrinkage per channel, contract hours,
flex premium and hourly costs. What a user applies lives in the session
(``plan_cache.set_settings``) until saved as the default."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from kcc import formatting, plan, store
from kcc.ui import plan_cache
from kcc.ui.state import Translator
from kcc.ui.widgets import channel_label, error_text, fmt_moment, lang

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
    for key in TARGET_INPUT_KEYS:
        st.session_state.pop(key, None)


def _forget_budget_inputs() -> None:
    for key in BUDGET_INPUT_KEYS:
        st.session_state.pop(key, None)



# --------------------------------------------------------------------------- settings forms


def targets_form(con: store.Connection, tr: Translator, settings: plan.PlanSettings,
                 channel: str) -> plan.PlanSettings:
    """Targets and shrinkage of one channel in a form; returns the settings to plan with."""
    targets = settings.targets_for(channel)
    model = plan.channel_model(channel, targets)
    st.markdown(tr("staffing.targets_intro", channel=channel_label(channel, tr)))
    with st.form("staffing.targets_form"):
        cols = st.columns(3)
        sl = cols[0].number_input(
            tr("staffing.target_sl"), min_value=1.0, max_value=99.9,
            value=round(100.0 * targets.target_service_level, 1), step=1.0,
            key="staffing.target_sl",
        )
        values: dict[str, Any] = {}
        if model == "backlog":
            values["response_time_h"] = cols[1].number_input(
                tr("staffing.response_time_h"), min_value=0.25, max_value=720.0,
                value=float(targets.response_time_h or 8.0), step=0.25,
                key="staffing.response_time_h",
            )
            values["start_backlog_items"] = _start_backlog_input(con, tr, targets, channel)
        elif model != "none":
            values["answer_time_s"] = cols[1].number_input(
                tr("staffing.answer_time_s"), min_value=1.0, max_value=3600.0,
                value=float(targets.answer_time_s), step=5.0, key="staffing.answer_time_s",
            )
            occ = cols[2].number_input(
                tr("staffing.max_occupancy"), min_value=0.0, max_value=100.0,
                value=round(100.0 * (targets.max_occupancy or 0.0), 1), step=1.0,
                key="staffing.max_occupancy", help=tr("staffing.zero_is_none"),
            )
            values["max_occupancy"] = occ / 100.0 if occ > 0 else None
            asa = cols[0].number_input(
                tr("staffing.target_asa_s"), min_value=0.0, max_value=3600.0,
                value=float(targets.target_asa_s or 0.0), step=5.0,
                key="staffing.target_asa_s", help=tr("staffing.zero_is_none"),
            )
            values["target_asa_s"] = asa if asa > 0 else None
            if model in ("erlang_a", "erlang_c"):
                patience = cols[1].number_input(
                    tr("staffing.patience_s"), min_value=0.0, max_value=86_400.0,
                    value=float(targets.patience_s or 0.0), step=10.0,
                    key="staffing.patience_s", help=tr("staffing.patience_help"),
                )
                values["patience_s"] = patience if patience > 0 else None
                abandon = cols[2].number_input(
                    tr("staffing.max_abandon"), min_value=0.0, max_value=100.0,
                    value=round(100.0 * (targets.max_abandon or 0.0), 1), step=0.5,
                    key="staffing.max_abandon", help=tr("staffing.zero_is_none"),
                )
                values["max_abandon"] = abandon / 100.0 if abandon > 0 else None
            if model == "chat":
                values.update(_chat_inputs(tr, targets, cols))
        shrink = cols[2].number_input(
            tr("staffing.shrinkage"), min_value=0.0, max_value=90.0,
            value=round(100.0 * settings.shrinkage_for(channel), 1), step=1.0,
            key="staffing.shrinkage", help=tr("staffing.shrinkage_help"),
        )
        # no lower bound on the widget: a negative number gets the settings' own message
        minimum = cols[0].number_input(
            tr("staffing.min_agents"), value=settings.min_agents_for(channel), step=1.0,
            key="staffing.min_agents", help=tr("staffing.min_agents_help"),
        ) if model != "none" else 0.0
        submitted = st.form_submit_button(tr("staffing.apply"), key="staffing.targets_apply",
                                          type="primary")
    if submitted:
        try:
            settings = settings.with_targets(
                channel, target_service_level=sl / 100.0, **values
            ).with_channel_values(shrinkage={channel: shrink / 100.0},
                                  min_agents={channel: minimum})
        except ValueError as exc:
            st.error(tr("staffing.invalid", reason=error_text(exc)))
        else:
            plan_cache.set_settings(settings)
    st.caption(tr(f"staffing.model_{model}"))
    _save_reset_buttons(con, tr, settings)
    return settings


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
    override = st.number_input(
        tr("staffing.start_backlog_items"), min_value=0.0, max_value=100_000.0,
        value=targets.start_backlog_items, step=10.0, key="staffing.start_backlog_items",
        help=tr("staffing.start_backlog_help"),
    )
    return None if override is None else float(override)


def _chat_inputs(tr: Translator, targets: plan.ChannelTargets,
                 cols: Sequence[Any]) -> dict[str, float]:
    """Chat's concurrency and the slow-down per extra session with the sessions the history
    was measured at (``kcc.queueing.chat``)."""
    concurrency = cols[1].number_input(
        tr("staffing.concurrency"), min_value=1.0, max_value=10.0,
        value=float(targets.concurrency), step=0.1, key="staffing.concurrency",
    )
    penalty = cols[0].number_input(
        tr("staffing.penalty_pct"), min_value=0.0, max_value=200.0,
        value=round(100.0 * targets.penalty_per_extra_session, 1), step=5.0,
        key="staffing.penalty_pct", help=tr("staffing.penalty_help"),
    )
    history = cols[1].number_input(
        tr("staffing.history_sessions"), min_value=1.0, max_value=10.0,
        value=float(targets.history_sessions), step=0.1, key="staffing.history_sessions",
        help=tr("staffing.history_sessions_help"),
    )
    return {"concurrency": float(concurrency), "penalty_per_extra_session": penalty / 100.0,
            "history_sessions": float(history)}


def _save_reset_buttons(con: store.Connection, tr: Translator,
                        settings: plan.PlanSettings) -> None:
    edited = isinstance(st.session_state.get(plan_cache.SETTINGS_STATE_KEY), dict)
    cols = st.columns(2)
    if cols[0].button(tr("staffing.save_default"), key="staffing.save_default", disabled=not edited):
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
        hours = cols[0].number_input(
            tr("staffing.contract_hours"), min_value=1.0, max_value=60.0,
            value=float(settings.contract_hours_per_week), step=0.5, key="staffing.contract_hours",
        )
        premium = cols[1].number_input(
            tr("staffing.flex_premium"), min_value=0.0, max_value=500.0,
            value=round(100.0 * settings.flex_premium, 1), step=5.0, key="staffing.flex_premium",
        )
        table = pd.DataFrame(
            {"cost": [settings.cost_for(c) for c in channels]},
            index=pd.Index([channel_label(c, tr) for c in channels], name=tr("common.channel")),
        )
        edited = st.data_editor(
            table, key="staffing.cost_table", width="content",
            column_config={"cost": st.column_config.NumberColumn(
                tr("staffing.cost_eur_per_hour"), min_value=0.0, max_value=1000.0, step=0.5,
                format="%.2f")},
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


