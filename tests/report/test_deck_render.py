"""The deck rendered by a real renderer: LibreOffice turns the English and the Dutch deck (with
the capacity plan) into PDF (one run for both, to keep CI time down); every slide becomes a page
in order, with its title, no page is blank, and no text runs off its slide. Skipped with a reason
where LibreOffice is not installed (CI installs ``libreoffice-impress``, see ``.ci/run``).

The deck sizes its tables for Calibri, PowerPoint's font. LibreOffice draws Calibri with Carlito,
its metric twin, when that is installed (Debian's ``fonts-crosextra-carlito``, which CI installs);
without it a wider font stands in, and the test of text off the slide is skipped with a reason,
as its tables would then overflow where PowerPoint's do not."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from kcc import report
from kcc.formatting import WORD_JOINER, fmt_date
from kcc.i18n import t
from tests.report.test_report_capacity import year_plan
from tests.report.test_report_story import story_summary

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                                                        "apt-get install libreoffice-impress")


def _calibri_has_its_metrics() -> bool:
    """Whether fontconfig draws Calibri with Calibri or Carlito (the same widths)."""
    if shutil.which("fc-match") is None:
        return False
    found = subprocess.run(["fc-match", "-f", "%{family}", "Calibri"], capture_output=True, text=True, check=False)
    return any(name in found.stdout for name in ("Calibri", "Carlito"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, Path]]:
    """Each language's deck and the PDF LibreOffice made of it."""
    folder = tmp_path_factory.mktemp("decks")
    decks = {}
    for lang in ("en", "nl"):
        decks[lang] = report.to_pptx(replace(story_summary(lang), capacity=year_plan()))
        (folder / f"deck_{lang}.pptx").write_bytes(decks[lang])
    profile = (folder / "profile").as_uri()  # a profile of its own: other LibreOffice runs do not interfere
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *(str(folder / f"deck_{lang}.pptx") for lang in decks)],
                   check=True, capture_output=True, timeout=240)
    return {lang: (deck, folder / f"deck_{lang}.pdf") for lang, deck in decks.items()}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_libreoffice_renders_every_slide_with_its_title(rendered: dict[str, tuple[bytes, Path]], lang: str) -> None:
    deck, pdf = rendered[lang]
    slides = list(Presentation(io.BytesIO(deck)).slides)
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(pages) == len(slides)
    for slide, page in zip(slides[1:], pages[1:], strict=True):
        title = slide.shapes.title.text_frame.text
        assert " ".join(title.split()) in " ".join(page.split()), title
    assert t("report.sec_summary", lang) in pages[1] and t("report.sec_decision", lang) in pages[2]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_rendered_slide_is_mostly_blank(rendered: dict[str, tuple[bytes, Path]], lang: str,
                                           tmp_path: Path) -> None:
    """Below its title, every slide puts ink on a good part of its body (a slide 90% blank
    is what a board member notices first)."""
    _, pdf = rendered[lang]
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "s")], check=True, timeout=120)
    images = sorted(tmp_path.glob("s-*.png"))
    assert images
    for number, path in enumerate(images[1:], start=2):
        pixels = np.asarray(Image.open(path).convert("L"))
        body = pixels[int(pixels.shape[0] * 0.16):]  # below the title
        inked = (body.min(axis=1) < 245).mean()  # rows with text, lines, bars or table fills
        assert inked > 0.25, f"slide {number} is mostly blank ({inked:.0%} of its rows inked)"


@pytest.mark.skipif(not _calibri_has_its_metrics(), reason="no font with Calibri's widths (Calibri or Carlito): "
                                                             "apt-get install fonts-crosextra-carlito")
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_text_runs_off_its_slide(rendered: dict[str, tuple[bytes, Path]], lang: str) -> None:
    """Every line of text LibreOffice drew starts on its page: a table taller than the room
    the deck measured for it would run off the slide's foot (the capacity plan's 12 months did,
    in a font wider than Calibri)."""
    _, pdf = rendered[lang]
    off = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object,
                  number: int = number, width: float = width, height: float = height) -> None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and not (0 <= x <= width and 0 <= y <= height):
                off.append(f"slide {number}: {text.strip()[:30]!r} at ({x:.0f}, {y:.0f}) pt")

        page.extract_text(visitor_text=visit)
    assert off == []



@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_decision_slides_dates_stay_on_one_line(rendered: dict[str, tuple[bytes, Path]], lang: str) -> None:
    """The hiring row of the decision slide names two dates in a sentence (the plan's last day
    for vacancies and the day staff hired now are ready). LibreOffice starts a new line after a
    plain hyphen where a word does not fit: the row showed "14-" at a line's end and "09-2026"
    under it. The deck's hyphens between digits do not break."""
    _, pdf = rendered[lang]
    decision = PdfReader(pdf).pages[2].extract_text().replace(WORD_JOINER, "")
    for day in (date(2026, 9, 21), date(2026, 12, 27)):
        assert fmt_date(day, lang) in decision, (fmt_date(day, lang), decision)
