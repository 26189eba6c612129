"""Data page with awkward files (AppTest): the delimiter picker, limits, files that are not data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from tests.conftest import ROOT
from tests.pages.helpers import into_demo

PAGE = str(ROOT / "pages" / "data.py")
EXAMPLE = ROOT / "data" / "examples" / "intervals_example.csv"
PIPE = EXAMPLE.read_text(encoding="utf-8").replace(",", "|").encode()


def _page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    if not hasattr(at, "file_uploader"):
        pytest.skip("this Streamlit version's AppTest cannot drive st.file_uploader")
    return at


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return into_demo(at.file_uploader(key="data.upload").upload(name, data, "text/csv").run())


def _picker(at: AppTest):  # noqa: ANN202 - AppTest's selectbox element
    (picker,) = [s for s in at.selectbox if str(s.key).endswith(".delimiter")]
    return picker


def test_the_delimiter_picker_fixes_a_pipe_file(demo_db: Path) -> None:
    at = _upload(_page(), "pipe_intervals.csv", PIPE)
    assert not at.exception
    picker = _picker(at)
    assert picker.value == "auto"
    assert picker.options == ["automatic (pipe |)", "comma ,", "semicolon ;", "tab", "pipe |"]
    # A wrong choice reads one column and says where to fix it ...
    picker.set_value(";").run()
    assert not at.exception
    assert any(r"Only one column was found in pipe\_intervals.csv" in i.value for i in at.info)
    assert at.button(key="data.import").disabled, "no time column can be mapped"
    # ... and the pipe reads the columns again, and the file imports.
    _picker(at).set_value("|").run()
    assert not at.exception
    assert not any("Only one column" in i.value for i in at.info)
    at.button(key="data.import").click().run()
    assert not at.exception
    assert any(r"Imported 32 intervals from pipe\_intervals.csv" in s.value for s in at.success)
    con = store.connect(str(demo_db))
    try:
        assert "pipe_intervals.csv" in set(store.read_imports(con)["file_name"])
    finally:
        con.close()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        # names show literally: their Markdown signs are escaped on screen
        ("en", r"intervals\_example.csv has 32 rows; the limit is 20 rows (setting KCC\_MAX\_ROWS)."),
        ("nl", r"intervals\_example.csv heeft 32 regels; de grens is 20 regels "
               r"(instelling KCC\_MAX\_ROWS)."),
    ],
)
def test_a_file_over_a_limit_says_which_and_how_to_change_it(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    monkeypatch.setenv("KCC_MAX_ROWS", "20")
    at = _upload(_page(lang), EXAMPLE.name, EXAMPLE.read_bytes())
    assert not at.exception
    assert [e.value for e in at.error] == [expected]
    assert not [b for b in at.button if b.key == "data.import"], "nothing to import"


def test_an_image_is_named_and_a_misaligned_file_keeps_the_picker(demo_db: Path) -> None:
    at = _page("nl")
    _upload(at, "volumes.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert not at.exception
    assert [e.value for e in at.error] == [
        "volumes.csv is geen CSV/TSV-, Excel- of Parquet-bestand: het bevat een PNG-afbeelding. "
        "Upload een CSV-, TSV-, Excel- (.xlsx) of Parquet-bestand."
    ]
    ragged = b"start,offered\n2024-03-04 08:00,3\n2024-03-04 08:15,4,5\n"
    _upload(at, "ragged.csv", ragged)
    assert not at.exception
    assert at.error[0].value.startswith("Regel 3 van ragged.csv heeft 3 velden waar de kopregel er 2 heeft")
    assert _picker(at).value == "auto", "the delimiter can be changed after a failed reading"
