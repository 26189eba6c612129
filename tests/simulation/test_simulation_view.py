"""The Staffing page's "Simulate this plan" on a small plan, as a user meets it, in English
and Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc.i18n import t
from tests.pages.helpers import page_texts


def _section_app() -> None:
    """The simulation section alone, on the small plan of ``tests.simulation.plans``."""
    import streamlit as st

    from kcc import store
    from kcc.ui.state import translator
    from kcc.ui.views import simulation as view
    from tests.simulation.plans import small_plan

    con = store.connect(st.session_state["db"])
    the_plan = small_plan()
    view.section(con, translator(st.session_state["lang"]), the_plan, the_plan.attrs["settings"], "phone")


@pytest.mark.parametrize(
    ("lang", "button", "done", "column", "week_row"),
    [
        ("en", "Simulate this plan", "Simulated 10 runs of the week of 2026-11-16 in",
         "Service level, simulated", "Week"),
        ("nl", "Plan simuleren", "10 runs van de week van 16-11-2026 gesimuleerd in",
         "Servicelevel, gesimuleerd", "Week"),
    ],
)
def test_the_button_simulates_the_plan_and_shows_days_and_chart(
    tmp_path: Path, lang: str, button: str, done: str, column: str, week_row: str,
) -> None:
    at = AppTest.from_function(_section_app, default_timeout=120)
    at.session_state["db"] = str(tmp_path / "kcc.duckdb")
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    run = next(b for b in at.button if b.key == "simulation.run")
    assert run.label == button
    assert "Simulate this plan" in page_texts(at) if lang == "en" else "Plan simuleren" in page_texts(at)
    at = run.click().run()
    assert not at.exception
    assert done in page_texts(at)
    table = next(d.value for d in at.dataframe if column in d.value.columns)
    assert len(table) == 8 and table.iloc[-1, 0] == week_row  # seven days and the week
    assert all(v.endswith("%") or v == "–" for v in table[column])
    assert at.get("plotly_chart")
    # a rerun keeps the result (session state), without simulating again
    at = at.run()
    assert not at.exception and any(column in d.value.columns for d in at.dataframe)
    assert done not in page_texts(at)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_simulation_says_where_the_model_stands(tmp_path: Path, lang: str) -> None:
    """Beside the table, one line says what the check found: the days the simulation does
    worse than the model (the plan promises more than the roster gives), or that the plan is on
    the safe side, counted here from the table's own rows."""
    at = AppTest.from_function(_section_app, default_timeout=120)
    at.session_state["db"] = str(tmp_path / "kcc.duckdb")
    at.session_state["lang"] = lang
    at = next(b for b in at.run().button if b.key == "simulation.run").click().run()
    assert not at.exception
    column = t("simulation.col_model", lang, measure=t("simulation.measure_answer", lang))
    table = next(d.value for d in at.dataframe if column in d.value.columns).iloc[:-1]  # the days
    model = [_share(v) for v in table[column]]
    interval = [tuple(_share(p) for p in v.split(" – ")) if v != "–" else None
                for v in table[next(c for c in table.columns if c.endswith("interval"))]]
    shown = [(m, ci) for m, ci in zip(model, interval, strict=True) if ci is not None]
    above = sum(m > hi for m, (_, hi) in shown)
    below = sum(m < lo for m, (lo, _) in shown)
    lines = [a.value for a in [*at.success, *at.warning] if not a.value.startswith(("Simulated", "10 runs"))]
    assert len(lines) == 1, lines
    if above:
        assert lines[0].startswith(t("simulation.verdict_optimistic", lang, optimistic=above, days=len(shown),
                                     worse="", dates="").split("(")[0]), lines
    elif below:
        assert lines[0].startswith(t("simulation.verdict_cautious", lang, within=len(shown) - below, cautious=below,
                                     days=len(shown), better="").split("(")[0]), lines
    else:
        assert lines[0] == t("simulation.verdict_within", lang, days=len(shown))


def _share(text: str) -> float:
    """A share as the table shows it (``72,5 %`` or ``72.5 %``), rounded to the shown 0.1 point."""
    return float(text.replace("%", "").strip().replace(",", ".")) / 100
