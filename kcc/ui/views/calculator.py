"""The calculator page's two modes: one interval of calls (Erlang C/A, optionally with lines)
and one interval of chat (the concurrency chain of ``kcc.queueing.chat``)."""

from __future__ import annotations

import streamlit as st

from kcc import checks, store
from kcc.charts import metrics_vs_agents_chart
from kcc.engine_check import calculator_curve, chat_calculator_curve
from kcc.queueing import (
    QueueMetrics,
    chat_load,
    chat_metrics,
    full_load_sessions_per_hour,
    queue_metrics,
    required_agents,
)
from kcc.staffing import ChatSpec, chat_agents_queueing, scheduled_agents
from kcc.ui import plan_cache
from kcc.ui.state import Translator
from kcc.ui.widgets import decimal_input, error_text, fmt_duration, fmt_number, fmt_pct, plotly_chart

#: The calculator's modes, in the order the switch shows them.
MODES: tuple[str, ...] = ("calls", "chat")


def _pct(value: float) -> str:
    return fmt_pct(value, 2)


def _sec(value: float) -> str:
    return fmt_duration(value, 2)


def _curve_labels(tr: Translator) -> dict[str, str]:
    return {
        "service_level": tr("calc.curve_sl"),
        "p_abandon": tr("calc.curve_abandon"),
        "occupancy": tr("calc.curve_occupancy"),
        "asa_s": tr("calc.curve_asa"),
        "axis_agents": tr("calc.axis_agents"),
        "axis_pct": tr("calc.axis_pct"),
        "axis_s": tr("calc.axis_s"),
        "target": tr("calc.target"),
        "chosen": tr("calc.chosen"),
    }


def _service_metrics(tr: Translator, m: QueueMetrics) -> None:
    """Service level, ASA, abandonment and occupancy of the agents evaluated."""
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("calc.sl"), _pct(float(m.service_level)))
    c2.metric(tr("calc.asa"), _sec(float(m.asa_s)))
    c3.metric(tr("calc.p_abandon"), _pct(float(m.p_abandon)))
    c4.metric(tr("calc.occupancy"), _pct(float(m.occupancy)))


def _explanations(tr: Translator, formulas_key: str, inputs_key: str | None = None) -> None:
    """The formulas behind the result and, for calls, what each input means, folded away."""
    with st.expander(tr("calc.formulas")):
        st.markdown(tr(formulas_key))
    if inputs_key is not None:
        with st.expander(tr("calc.inputs_help")):
            st.markdown(tr(inputs_key))


# --------------------------------------------------------------------------- calls (Erlang)


def erlang_calculator(tr: Translator) -> None:
    """Erlang C/A (with lines) for one interval: required agents, service, curve, formulas."""
    with st.form("calc.form"):
        st.subheader(tr("calc.inputs"))
        c1, c2, c3, c4 = st.columns(4)
        calls = decimal_input(c1, tr("calc.calls"), 0.0, 1e6, 100.0, 1.0, key="calc.calls")
        interval_min = c2.number_input(tr("calc.interval_min"), 5, 1440, 30, 5, key="calc.interval_min")
        # handle time and occupancy cap without bounds: a value outside them gets a message naming the field
        aht_s = decimal_input(c3, tr("calc.aht_s"), value=180.0, step=10.0, key="calc.aht_s")
        answer_s = decimal_input(c4, tr("calc.answer_time_s"), 0.0, 86_400.0, 20.0, 5.0,
                                   key="calc.answer_time_s")
        c1, c2, c3, c4 = st.columns(4)
        sl_pct = decimal_input(c1, tr("calc.target_sl_pct"), 0.0, 99.99, 80.0, 1.0,
                                 key="calc.target_sl_pct")
        asa_max = decimal_input(c2, tr("calc.target_asa_s"), 0.0, 86_400.0, 0.0, 5.0,
                                  key="calc.target_asa_s")
        occ_pct = decimal_input(c3, tr("calc.max_occupancy_pct"), value=85.0, step=1.0,
                                  key="calc.max_occupancy_pct")
        ab_pct = decimal_input(c4, tr("calc.max_abandon_pct"), 0.0, 100.0, 0.0, 0.5,
                                 key="calc.max_abandon_pct")
        c1, c2, c3, c4 = st.columns(4)
        use_patience = c1.checkbox(tr("calc.use_patience"), False, key="calc.use_patience")
        patience_s = decimal_input(c1, tr("calc.patience_s"), 0.0, 86_400.0, 300.0, 10.0,
                                     key="calc.patience_s")
        use_lines = c2.checkbox(tr("calc.use_lines"), False, key="calc.use_lines")
        lines = c2.number_input(tr("calc.lines"), 1, 100_000, 30, 1, key="calc.lines")
        shrink_pct = decimal_input(c3, tr("calc.shrinkage_pct"), 0.0, 95.0, 30.0, 1.0,
                                     key="calc.shrinkage_pct")
        agents_eval = c4.number_input(tr("calc.agents"), 0, 100_000, 0, 1, key="calc.agents")
        st.form_submit_button(tr("calc.submit"), key="calc.submit")

    try:
        checks.above_at_most(tr("calc.aht_s"), aht_s, 86_400, unit="s")
        checks.above_at_most(tr("calc.max_occupancy_pct"), occ_pct, 100, unit="%")
    except ValueError as exc:
        st.error(tr("calc.invalid", reason=error_text(exc)))
        return
    interval_s = float(interval_min) * 60.0
    patience = float(patience_s) if use_patience else None
    line_cap = int(lines) if use_lines else None
    targets = {
        "target_service_level": sl_pct / 100.0 if sl_pct > 0 else None,
        "target_asa_s": float(asa_max) if asa_max > 0 else None,
        "max_occupancy": occ_pct / 100.0 if occ_pct < 100 else None,
        "max_abandon": ab_pct / 100.0 if ab_pct > 0 else None,
    }
    targets = {k: v for k, v in targets.items() if v is not None}
    if not targets:
        st.warning(tr("calc.no_target"))
        return
    required = int(required_agents(calls, interval_s, aht_s, answer_s, patience_s=patience,
                                   lines=line_cap, **targets))
    agents = int(agents_eval) if agents_eval > 0 else required
    m = queue_metrics(calls, interval_s, aht_s, agents, answer_s, patience_s=patience, lines=line_cap)
    load = float(m.load_erlangs)

    st.subheader(tr("calc.result"))
    st.caption(tr("calc.model_a", patience=fmt_number(patience)) if patience is not None
               else tr("calc.model_c"))
    if line_cap is not None:
        st.caption(tr("calc.model_lines", lines=line_cap))
    _required_metrics(tr, load, required, shrink_pct)
    st.markdown(f"**{tr('calc.evaluated', agents=fmt_number(agents))}**")
    if not bool(m.feasible):
        st.error(tr("calc.unstable", agents=fmt_number(agents), load=fmt_number(load, 2)))
    _service_metrics(tr, m)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("calc.sl_answered"), _pct(float(m.sl_of_answered)))
    c2.metric(tr("calc.wait_all"), _sec(float(m.mean_wait_all_s)))
    c3.metric(tr("calc.p_wait"), _pct(float(m.p_wait)))
    c4.metric(tr("calc.p_block"), _pct(float(m.p_block)))

    st.subheader(tr("calc.chart_title"))
    span = max(5, int(3 * load**0.5) + 3)
    curve = calculator_curve(calls, interval_s, aht_s, answer_s, patience, line_cap,
                             max(required - span, 0 if patience is not None else int(load)),
                             required + span)
    plotly_chart(metrics_vs_agents_chart(curve, _curve_labels(tr), targets.get("target_service_level"),
                                         required), key="calc.chart")
    _explanations(tr, "calc.formulas_md", "calc.inputs_help_md")


def _required_metrics(tr: Translator, load: float, required: int, shrink_pct: float) -> None:
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("calc.load"), tr("calc.unit_erlang", value=fmt_number(load, 2)))
    c2.metric(tr("calc.required"), tr("calc.unit_agents", value=fmt_number(required)))
    c3.metric(tr("calc.scheduled"),
              tr("calc.unit_agents", value=fmt_number(int(scheduled_agents(required, shrink_pct / 100.0)))))


# --------------------------------------------------------------------------- chat


def _chat_start(tr: Translator, con: store.Connection | None) -> tuple[float, float]:
    """The lone session's handle time [s] and slow-down [%] the chat inputs start at: the
    centre's chat settings when there is a centre (said in a caption), else 900 s and 25 %."""
    h1_start_s, penalty_start_pct = 900.0, 25.0
    if con is not None:
        h1_plan_s = plan_cache.chat_lone_session_s(con)
        h1_start_s = round(h1_plan_s, 0) if h1_plan_s else h1_start_s
        targets = plan_cache.current_settings(con).targets_for("chat")
        penalty_start_pct = round(100.0 * targets.penalty_per_extra_session, 1)
        st.caption(tr("calc.chat_from_settings", h1=fmt_number(h1_start_s),
                      penalty=fmt_pct(penalty_start_pct / 100.0, 0)))
    return h1_start_s, penalty_start_pct


def chat_calculator(tr: Translator, con: store.Connection | None = None) -> None:
    """Chat for one interval: agents holding several sessions, each slower per extra one.

    With ``con``, the lone session's handle time and the slow-down start at the centre's chat
    settings, as the plan and the levers use them (``plan_cache.chat_lone_session_s``)."""
    h1_start_s, penalty_start_pct = _chat_start(tr, con)
    with st.form("calc.chat_form"):
        st.subheader(tr("calc.inputs"))
        c1, c2, c3, c4 = st.columns(4)
        chats = decimal_input(c1, tr("calc.chat_chats"), 0.0, 1e6, 120.0, 1.0,
                                key="calc.chat_chats")
        interval_min = c2.number_input(tr("calc.interval_min"), 5, 1440, 60, 5, key="calc.chat_interval_min")
        # handle time and concurrency without bounds: a value outside them gets a message naming the field
        h1_s = decimal_input(c3, tr("calc.chat_h1_s"), value=h1_start_s, step=10.0, key="calc.chat_h1_s",
                               help=tr("calc.chat_h1_help"))
        concurrency = decimal_input(c4, tr("calc.chat_concurrency"), value=3.0, step=0.5,
                                      key="calc.chat_concurrency")
        c1, c2, c3, c4 = st.columns(4)
        penalty_pct = decimal_input(c1, tr("calc.chat_penalty_pct"), 0.0, 200.0, penalty_start_pct, 5.0,
                                      key="calc.chat_penalty_pct", help=tr("calc.chat_penalty_help"))
        answer_s = decimal_input(c2, tr("calc.chat_answer_s"), 0.0, 3600.0, 60.0, 5.0,
                                   key="calc.chat_answer_s")
        sl_pct = decimal_input(c3, tr("calc.target_sl_pct"), 1.0, 99.0, 80.0, 1.0,
                                 key="calc.chat_target_sl_pct")
        shrink_pct = decimal_input(c4, tr("calc.shrinkage_pct"), 0.0, 95.0, 30.0, 1.0,
                                     key="calc.chat_shrinkage_pct")
        c1, c2, _, c4 = st.columns(4)
        use_patience = c1.checkbox(tr("calc.chat_use_patience"), False, key="calc.chat_use_patience")
        patience_s = decimal_input(c2, tr("calc.patience_s"), 1.0, 86_400.0, 180.0, 10.0,
                                     key="calc.chat_patience_s")
        agents_eval = c4.number_input(tr("calc.agents"), 0, 100_000, 0, 1, key="calc.chat_agents")
        st.form_submit_button(tr("calc.submit"), key="calc.chat_submit")

    interval_s = float(interval_min) * 60.0
    patience = float(patience_s) if use_patience else None
    penalty = float(penalty_pct) / 100.0
    try:
        checks.above_at_most(tr("calc.chat_h1_s"), h1_s, 86_400, unit="s")
        checks.number_in(tr("calc.chat_concurrency"), concurrency, 1, 10, unit="sessions per agent")
        spec = ChatSpec(handle_time_s=float(h1_s), concurrency=float(concurrency), productivity=1.0,
                        penalty_per_extra_session=penalty)
        required = int(chat_agents_queueing(chats, interval_s, spec, response_time_s=float(answer_s),
                                            target_share=sl_pct / 100.0, patience_s=patience))
    except ValueError as exc:
        st.error(tr("calc.chat_invalid", reason=error_text(exc)))
        return
    agents = int(agents_eval) if agents_eval > 0 else required
    m = chat_metrics(chats, interval_s, h1_s, agents, concurrency, answer_s, penalty=penalty,
                     patience_s=patience)
    load = chat_load(chats, interval_s, h1_s, agents, concurrency, penalty=penalty, patience_s=patience)
    per_hour = float(full_load_sessions_per_hour(h1_s, concurrency, penalty))

    st.subheader(tr("calc.result"))
    st.caption(tr("calc.chat_model", concurrency=fmt_number(concurrency, 1),
                  penalty=fmt_pct(penalty, 0)))
    _required_metrics(tr, float(m.load_erlangs), required, shrink_pct)
    st.markdown(f"**{tr('calc.evaluated', agents=fmt_number(agents))}**")
    if not bool(m.feasible):
        st.error(tr("calc.chat_unstable", agents=fmt_number(agents), capacity=fmt_number(agents * per_hour, 1),
                    arrivals=fmt_number(chats * 3600.0 / interval_s, 1)))
    _service_metrics(tr, m)
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("calc.chat_sessions_per_agent"), fmt_number(float(load.sessions_per_agent), 2))
    c2.metric(tr("calc.chat_session_s"), _sec(float(load.session_s)))
    c3.metric(tr("calc.chat_full_load"), tr("calc.chat_unit_per_hour", value=fmt_number(per_hour, 2)))

    st.subheader(tr("calc.chart_title"))
    low = max(required - 5, 1)
    curve = chat_calculator_curve(chats, interval_s, h1_s, concurrency, answer_s, penalty, patience,
                                  low, max(required, agents) + 5)
    plotly_chart(metrics_vs_agents_chart(curve, _curve_labels(tr), sl_pct / 100.0, required),
                 key="calc.chat_chart")
    _explanations(tr, "calc.chat_formulas_md")

