"""Engine check: published reference cases and a live seeded simulation, pass or fail."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kcc.charts import simulation_chart
from kcc.engine_check import run_reference_cases, run_simulation_check
from kcc.formatting import localise
from kcc.ui.state import init_page
from kcc.ui.widgets import fmt_number, fmt_pct, lang, plotly_chart

con, tr = init_page("engine_check")

SIM_CALLS = 40_000

st.title(tr("engine.title"))
st.caption(tr("engine.intro"))


def value(v: float, unit: str) -> str:
    """A reference or simulated value with its unit, in the language's number format."""
    if unit == "%":
        return fmt_pct(v, 4)
    if unit == "s":
        return f"{fmt_number(v, 3)} {tr('common.unit_s')}"
    number = fmt_number(v) if float(v).is_integer() else localise(f"{v:g}", lang())
    return f"{number} {tr('calc.axis_agents')}"


# --------------------------------------------------------------------------- reference cases
st.subheader(tr("engine.reference_title"))
ref = run_reference_cases()
passed = int(ref["passed"].sum())
st.metric(tr("engine.col_result"), tr("engine.summary", passed=passed, total=len(ref)))
if passed == len(ref):
    st.success(tr("engine.all_passed"))
else:
    st.error(tr("engine.some_failed", failed=len(ref) - passed))
st.dataframe(
    pd.DataFrame(
        {
            tr("engine.col_case"): [tr(f"engine.case_{c}") for c in ref["case"]],
            tr("engine.col_source"): ref["source"],
            tr("engine.col_quantity"): [tr(f"engine.q_{q}") for q in ref["quantity"]],
            tr("engine.col_expected"): [
                value(v, u) for v, u in zip(ref["expected"], ref["unit"], strict=True)
            ],
            tr("engine.col_computed"): [
                value(v, u) for v, u in zip(ref["computed"], ref["unit"], strict=True)
            ],
            tr("engine.col_tolerance"): [
                value(v, u) for v, u in zip(ref["tolerance"], ref["unit"], strict=True)
            ],
            tr("engine.col_result"): [
                tr("engine.pass") if p else tr("engine.fail") for p in ref["passed"]
            ],
        }
    ),
    hide_index=True,
    key="engine.reference_table",
)

# --------------------------------------------------------------------------- simulation
st.subheader(tr("engine.sim_title"))
st.caption(tr("engine.sim_intro", calls=fmt_number(SIM_CALLS)))
with st.form("engine.sim_form"):
    seed = st.number_input(tr("engine.seed"), 0, 2**31 - 1, 2024, 1, key="engine.seed")
    st.form_submit_button(tr("engine.run_sim"), key="engine.run_sim")
sim = run_simulation_check(int(seed), n_calls=SIM_CALLS)
st.metric(
    tr("engine.col_result"),
    tr("engine.sim_summary", seed=int(seed), passed=int(sim["passed"].sum()), total=len(sim)),
)
st.dataframe(
    pd.DataFrame(
        {
            tr("engine.col_quantity"): [tr(f"engine.q_{q}") for q in sim["quantity"]],
            tr("engine.col_expected"): [
                value(v, u) for v, u in zip(sim["expected"], sim["unit"], strict=True)
            ],
            tr("engine.col_simulated"): [
                value(v, u) for v, u in zip(sim["simulated"], sim["unit"], strict=True)
            ],
            tr("engine.col_ci"): [
                f"{value(lo, u)} – {value(hi, u)}"
                for lo, hi, u in zip(sim["ci_low"], sim["ci_high"], sim["unit"], strict=True)
            ],
            tr("engine.col_result"): [
                tr("engine.pass") if p else tr("engine.fail") for p in sim["passed"]
            ],
        }
    ),
    hide_index=True,
    key="engine.sim_table",
)
plotly_chart(
    simulation_chart(
        sim,
        {"expected": tr("engine.sim_expected"), "simulated": tr("engine.sim_simulated"),
         "zoom": tr("engine.sim_zoom")},
        {q: tr(f"engine.q_{q}") for q in sim["quantity"]},
    ),
    key="engine.sim_chart",
)
