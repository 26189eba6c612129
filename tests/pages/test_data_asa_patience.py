"""Data page (AppTest): an interval file whose wait is the ASA is named before Import, and the
user chooses whether it counts in the patience estimate (default: it does not); the import
history keeps the choice. English and Dutch."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import plan, store
from kcc.i18n import show_stored
from tests.conftest import ROOT
from tests.pages.helpers import into_demo

PAGE = str(ROOT / "pages" / "data.py")
ASA_FILE = (
    b"start,offered,answered,abandoned,asa\n"
    b"2024-03-04 09:00,100,90,10,30\n"
    b"2024-03-04 09:15,80,76,4,20\n"
)

WARNING = {
    "en": "Column asa is the mean wait of answered contacts (ASA) and the file counts abandons. ASA × answered "
          "leaves out the waits of callers who hung up, so a patience estimated from it comes out about a fifth "
          "too low. By default this file's waits are kept out of the patience estimate.",
    "nl": "Kolom asa is de gemiddelde wachttijd van beantwoorde contacten (ASA) en het bestand telt afhakers. "
          "ASA × beantwoord laat de wachttijd van bellers die ophingen weg, dus een geduld daaruit geschat valt "
          "ongeveer een vijfde te laag uit. Standaard tellen de wachttijden van dit bestand niet mee in de "
          "geduldschatting.",
}
CHOICE = {"en": "Use this file for the patience estimate anyway",
          "nl": "Dit bestand toch gebruiken voor de geduldschatting"}
HISTORY = {
    ("en", False): "waits are ASA, kept out of the patience estimate",
    ("en", True): "waits are ASA, used for the patience estimate as chosen",
    ("nl", False): "wachttijden zijn ASA, niet in de geduldschatting",
    ("nl", True): "wachttijden zijn ASA, zoals gekozen gebruikt voor de geduldschatting",
}
NOTICE = {
    ("en", False): "this file's waits are kept out of the patience estimate",
    ("en", True): "as you chose, ASA × answered counts in the patience estimate",
    ("nl", False): "de wachttijden van dit bestand tellen niet mee in de geduldschatting",
    ("nl", True): "zoals gekozen telt ASA × beantwoord mee in de geduldschatting",
}


def _by_suffix(widgets, suffix: str):  # noqa: ANN001, ANN202 - AppTest's widget sequences
    (widget,) = [w for w in widgets if str(w.key).endswith(suffix)]
    return widget


@pytest.mark.parametrize(("lang", "use"), [("en", False), ("nl", True), ("en", True), ("nl", False)])
def test_asa_file_asks_whether_it_counts_in_the_patience_estimate(demo_db: Path, lang: str, use: bool) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    at.file_uploader(key="data.upload").upload("asa.csv", ASA_FILE, "text/csv").run()
    into_demo(at)
    assert not at.exception
    _by_suffix(at.text_input, ".intervals.queue_value").set_value("asa").run()
    assert WARNING[lang] in [w.value for w in at.warning], "said before Import is pressed"
    choice = _by_suffix(at.checkbox, ".asa_patience")
    assert choice.label == CHOICE[lang]
    assert choice.value is False, "kept out unless the user says so"
    if use:
        choice.check().run()
    at.button(key="data.import").click().run()
    assert not at.exception
    assert at.success, [e.value for e in at.error]
    assert any(NOTICE[lang, use] in i.value for i in at.info)

    con = store.connect(str(demo_db))
    try:
        rows = store.read_intervals(con, channel="phone", queue="asa")
        note = show_stored(store.read_imports(con)["message"].iloc[0], lang)
    finally:
        con.close()
    assert rows["offered"].tolist() == [100.0, 80.0]
    assert HISTORY[lang, use] in note
    patience = plan.estimate_patience(rows).get("phone")
    if use:
        assert rows["wait_s_total"].tolist() == [90 * 30.0, 76 * 20.0]
        assert patience == pytest.approx((2700.0 + 1520.0) / 14)
    else:
        assert rows["wait_s_total"].isna().all()
        assert patience is None or math.isnan(patience)
