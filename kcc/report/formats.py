"""Every file format of the summary: MIME types, one ``render`` entry point, download names."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from kcc.report.model import StrategySummary
from kcc.report.render_html import to_html
from kcc.report.render_markdown import to_markdown
from kcc.report.render_pdf import to_pdf
from kcc.report.render_pptx import to_pptx
from kcc.report.render_xlsx import to_xlsx

#: File formats and their MIME types.
FORMATS: Final[dict[str, str]] = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html",
    "md": "text/markdown",
}

_RENDERERS: Final[dict[str, Callable[[StrategySummary], bytes]]] = {
    "pptx": to_pptx,
    "pdf": to_pdf,
    "xlsx": to_xlsx,
    "html": to_html,
    "md": lambda summary: to_markdown(summary).encode("utf-8"),
}


def render(summary: StrategySummary, fmt: str) -> bytes:
    """The summary in one of ``FORMATS``.

    Parameters
    ----------
    summary : StrategySummary
    fmt : str
        A key of ``FORMATS``.

    Returns
    -------
    bytes
        The file (Markdown and HTML as UTF-8).

    Raises
    ------
    ValueError
        For an unknown format, naming the allowed ones.
    """
    if fmt not in _RENDERERS:
        raise ValueError(f"format must be one of {tuple(_RENDERERS)}, got {fmt!r}")
    return _RENDERERS[fmt](summary)


def file_name(summary: StrategySummary, fmt: str) -> str:
    """A download name such as ``contact-strategy_scenario-a_2026-11-16.pptx``."""
    stem = re.sub(r"[^a-z0-9]+", "-", f"{summary.title}_{summary.scenario_name}".lower()).strip("-")
    return f"{stem or 'summary'}_{summary.period_start.isoformat()}.{fmt}"
