"""Data page (AppTest): the planning interval a file fits is proposed and explained before
Import, a series stored at another interval gets its own, and every reason reads in full."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from tests.conftest import ROOT
from tests.pages.helpers import into_demo

PAGE = str(ROOT / "pages" / "data.py")

#: Two weeks of 6-minute counts, as the Anonymous Bank arrivals file has them.
SIX_MIN = ("slot_start,calls\n" + "".join(
    f"{s:%Y-%m-%d %H:%M:%S},{(s.hour * 7 + s.minute) % 5}\n"
    for s in pd.date_range("2024-03-04 00:00", periods=14 * 240, freq="6min")
)).encode()

TEXTS = {
    "en": (
        r"This file holds 6 min intervals, which do not add up to 15 min: it will be imported at "
        r"30 min, the nearest planning interval that fits.",
        r"Series Phone · default is stored in 15 min intervals and this import writes 30 min, so "
        r"these rows go to a series of their own, Phone · default (30 min), instead of mixing two "
        r"interval lengths in one series.",
        r"Imported 672 intervals",
    ),
    "nl": (
        r"Dit bestand bevat intervallen van 6 min, die niet optellen tot 15 min: het wordt "
        r"geïmporteerd in 30 min, het dichtstbijzijnde planningsinterval dat past.",
        r"Reeks Telefoon · standaard is opgeslagen in intervallen van 15 min en deze import schrijft "
        r"30 min, dus deze regels gaan naar een eigen reeks, Telefoon · standaard (30 min), in plaats van "
        r"twee intervallengtes in één reeks te mengen.",
        r"672 intervallen uit",
    ),
}


def _page(lang: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    return at


def _interval(at: AppTest):  # noqa: ANN202 - AppTest's selectbox element
    (box,) = [s for s in at.selectbox if str(s.key).endswith(".interval")]
    return box


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_six_minute_file_is_proposed_at_30_minutes_before_import(demo_db: Path, lang: str) -> None:
    adjusted, separate, done = TEXTS[lang]
    at = _page(lang)
    at.file_uploader(key="data.upload").upload("arrivals_6min.csv", SIX_MIN, "text/csv").run()
    into_demo(at)
    assert not at.exception
    assert _interval(at).value == 30, "the nearest planning interval 6 min divides"
    infos = [i.value for i in at.info]
    assert adjusted in infos, "said before Import is pressed"
    assert separate in infos, "the demo's phone/default is stored at 15 min"
    assert not at.button(key="data.import").disabled
    at.button(key="data.import").click().run()
    assert not at.exception
    assert any(done in s.value for s in at.success)
    con = store.connect(str(demo_db))
    try:
        volumes = store.read_intervals(con, channel="phone")
    finally:
        con.close()
    mine = volumes[volumes["queue"] == "default (30 min)"]
    assert set(mine["interval_min"]) == {30} and len(mine) == 672
    assert mine["offered"].sum() == sum(int(line.split(b",")[1]) for line in SIX_MIN.splitlines()[1:])
    assert set(volumes.loc[volumes["queue"] == "default", "interval_min"]) == {15}, "the demo's series kept"


def test_choosing_an_interval_the_file_cannot_fill_is_refused_before_import(demo_db: Path) -> None:
    at = _page("nl")
    at.file_uploader(key="data.upload").upload("arrivals_6min.csv", SIX_MIN, "text/csv").run()
    into_demo(at)
    _interval(at).set_value(15).run()
    assert not at.exception
    assert at.button(key="data.import").disabled
    reason = ("Intervallen van 6 min kunnen niet worden opgeteld tot 15 min; kies 30 min, het "
              "dichtstbijzijnde planningsinterval dat een veelvoud is van 6 min.")
    (table,) = [d.value for d in at.dataframe if "Waarom" in d.value.columns]
    assert list(table["Waarom"]) == [reason]
    assert any(reason in m.value for m in at.markdown), "the reason in full, not cut off in a cell"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "- **error** (row 2, column offered): 'inf' in column 'offered' is not a finite number."),
        ("nl", "- **fout** (regel 2, kolom offered): 'inf' in kolom 'offered' is geen eindig getal."),
    ],
)
def test_every_reason_of_a_failed_import_reads_in_full(demo_db: Path, lang: str, line: str) -> None:
    at = _page(lang)
    data = b"start,offered\n2024-03-04 08:00,4\n2024-03-04 08:15,inf\n"
    at.file_uploader(key="data.upload").upload("inf.csv", data, "text/csv").run()
    into_demo(at)
    at.button(key="data.import").click().run()
    assert not at.exception
    (expander,) = [e for e in at.expander if e.label.startswith(("Every reason", "Alle redenen"))]
    assert expander.markdown[0].value == line
