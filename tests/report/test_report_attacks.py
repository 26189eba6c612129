"""Every export of the board summary with each attack as its title, scenario name, author and
typed paragraph: HTML escaped, Markdown escaped, workbook cells text (a formula-like one with
Excel's quote prefix), PowerPoint and PDF text literal; the CSV helper quotes formulas only."""

from __future__ import annotations

import html
import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from kcc import report
from kcc.formatting import csv_text, escape_markdown
from tests.pages.test_literal_labels import ATTACKS, RAW_LINK, RAW_TAG
from tests.report.test_report import make_summary


@pytest.mark.parametrize("attack", ATTACKS)
def test_every_export_keeps_an_attack_as_text(attack: str) -> None:
    summary = make_summary("nl", title=attack, scenario_name=attack, prepared_by=attack, role_text=attack)
    files = {fmt: report.render(summary, fmt) for fmt in report.FORMATS}
    page = files["html"].decode("utf-8")
    assert f"<title>{html.escape(attack)}</title>" in page and f"<p>{html.escape(attack)}</p>" in page
    if "<" in attack:
        assert attack not in page
    md = files["md"].decode("utf-8")
    assert md.startswith(f"# {escape_markdown(attack)}\n") and escape_markdown(attack) in md.split("\n")
    assert not RAW_TAG.search(md) and not RAW_LINK.search(md)
    book = load_workbook(io.BytesIO(files["xlsx"]))
    typed = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and attack in c.value]
    assert typed and all(c.data_type == "s" for c in typed)
    first = book.worksheets[0]["A1"]
    assert first.value == attack and first.quotePrefix == attack.startswith(("=", "+", "-", "@"))
    deck = Presentation(io.BytesIO(files["pptx"]))
    assert deck.slides[0].shapes.title.text_frame.text == attack
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages).split())
    assert attack in pdf


def test_the_csv_helper_quotes_formulas_and_leaves_numbers_and_other_text() -> None:
    assert [csv_text(a) for a in ATTACKS] == [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "'=HYPERLINK(\"http://x\",\"y\")",
        "'; DROP TABLE contacts; --", "[link](http://x)"]
    assert [csv_text(v) for v in ("+31 20", "-x", "@SUM(A1)", "\t=1", "\r=1")] == [
        "'+31 20", "'-x", "'@SUM(A1)", "'\t=1", "'\r=1"]
    assert [csv_text(v) for v in (-5, -2.5, 0, None)] == [-5, -2.5, 0, None]  # numbers stay numbers
