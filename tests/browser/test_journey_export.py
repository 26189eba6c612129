"""Browser journey of the board summary: build it on the Export page and download every format."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from kcc import report
from kcc.i18n import t
from tests.browser.conftest import assert_no_exception, open_page, wait_idle


def test_build_and_download_every_format(page, app_url: str, tmp_path: Path) -> None:  # noqa: ANN001
    open_page(page, app_url, "export")
    assert_no_exception(page)
    page.get_by_role("button", name="Build the summary").click()
    wait_idle(page, timeout_ms=180_000)
    assert_no_exception(page)
    page.get_by_text("Preview").first.wait_for()
    files: dict[str, bytes] = {}
    for fmt in report.FORMATS:
        with page.expect_download() as download:
            page.get_by_role("button", name=f"Download {fmt.upper()}").click()
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
        assert target.suffix == f".{fmt}"
        files[fmt] = target.read_bytes()
    deck = Presentation(io.BytesIO(files["pptx"]))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert [title for title in titles[1:] if not title.endswith("(continued)")] == [
        *(t(f"report.sec_{key}", "en") for key in report.SECTIONS), t("capacity.report_title", "en")
    ]
    assert "Board" not in deck.slides[0].shapes.title.text_frame.text  # the document title, not the page's
    assert len(PdfReader(io.BytesIO(files["pdf"])).pages) >= 1 + len(report.SECTIONS)
    assert "Inputs" in load_workbook(io.BytesIO(files["xlsx"])).sheetnames
    assert b"Plotly.newPlot" in files["html"]
    assert files["md"].startswith(b"# Contact strategy")
