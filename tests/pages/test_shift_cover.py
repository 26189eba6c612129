"""The Staffing page's "Shift cover" on the demo centre, as a user meets it, in English and
Dutch: solve a week, then use it as roster, and the page plans with it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kcc import capacity, store
from kcc.i18n import t
from kcc.ui.views.staffing import TAB_KEY
from tests.conftest import ROOT
from tests.pages.helpers import centre_with_counts, metric_values, open_tab, page_texts, submit

PAGE = str(ROOT / "pages" / "staffing.py")


@pytest.mark.parametrize(("lang", "efficiency", "count", "used", "sl_roster"), [
    ("en", "Schedule efficiency [%]", ("Shifts and blocks", "Shifts"),
     "The cover is the roster of the week of 2026-11-16", "SL, roster as it is [%]"),
    ("nl", "Roosterefficiëntie [%]", ("Diensten en blokken", "Diensten"),
     "De dekking is het rooster van de week van 16-11-2026", "SL, huidig rooster [%]"),
])
def test_solve_a_week_and_use_it_as_roster(demo_db: Path, lang: str, efficiency: str,
                                           count: tuple[str, str], used: str, sl_roster: str) -> None:
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["lang"] = lang
    at.session_state[TAB_KEY] = t("staffing.tab_cover", lang)
    at.run()
    assert not at.exception
    before = metric_values(at)[sl_roster]
    at.selectbox(key="shift_cover.step").set_value(60)
    at.number_input(key="shift_cover.break").set_value(0)
    at = submit(at, "shift_cover.form")
    assert not at.exception
    shown = metric_values(at)
    share = float(shown[efficiency].split()[0].replace(",", "."))
    assert 50 < share <= 100
    table = next(d.value for d in at.dataframe if count[1] in d.value.columns)
    assert table[count[1]].sum() == int(shown[count[0]].replace(".", "").replace(",", ""))
    # the solved cover's efficiency is kept for the centre, for the Capacity plan
    con = store.connect(str(demo_db))
    try:
        covers = capacity.cover_efficiencies(store.read_setting(con, capacity.COVER_EFFICIENCY_KEY))
    finally:
        con.close()
    assert [c.channel for c in covers] == ["phone"]
    assert covers[0].efficiency * 100 == pytest.approx(share, abs=0.06)
    assert covers[0].week.isoformat() == "2026-11-16"

    # another tab and back: the form shows the rules of the last cover solved
    for tab in ("staffing.tab_chart", "staffing.tab_cover"):
        open_tab(at, TAB_KEY, t(tab, lang))
    assert not at.exception
    assert at.selectbox(key="shift_cover.step").value == 60 and at.number_input(key="shift_cover.break").value == 0
    assert metric_values(at)[efficiency] == shown[efficiency]

    at = at.button(key="shift_cover.use").click().run()
    assert not at.exception
    assert used in page_texts(at)
    assert at.session_state["plan.roster_source"] == "shifts"
    assert at.radio(key="staffing.roster_source").value == "shifts"
    con = store.connect(str(demo_db))
    try:
        names = set(store.read_shifts(con)["name"])
    finally:
        con.close()
    assert any(n.startswith("Cover phone ") for n in names)
    assert len(names) > 1, "the demo's own patterns are kept"
    assert metric_values(at)[sl_roster] != before, "the plan reads the new roster"


def test_a_line_open_all_night_is_covered_all_night(demo_db: Path) -> None:
    """A centre whose need runs through the night: the rules start from a window that reaches
    it (00:00-24:00, not 07:00-22:00), so the first cover solved leaves nothing uncovered."""
    ds = pd.date_range("2026-01-05", "2026-02-15 23:45", freq="15min")  # six weeks, calls at every hour
    centre = centre_with_counts(demo_db, "Night line", ds, np.where((ds.hour >= 8) & (ds.hour < 20), 12, 2))
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.query_params["centre"] = str(centre)
    at.session_state[TAB_KEY] = t("staffing.tab_cover", "en")
    at.run()
    assert not at.exception
    assert at.selectbox(key="shift_cover.earliest").value == "00:00"
    assert at.selectbox(key="shift_cover.latest").value == "24:00"
    at.selectbox(key="shift_cover.step").set_value(60)
    at.number_input(key="shift_cover.break").set_value(0)
    at = submit(at, "shift_cover.form")
    assert not at.exception
    assert not [w.value for w in at.warning if "uncovered" in w.value]
    share = float(metric_values(at)["Schedule efficiency [%]"].split()[0])
    assert 50 < share <= 100
