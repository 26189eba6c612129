"""The Staffing page's "Simulate this plan" on a small plan, as a user meets it, in English
and Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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
