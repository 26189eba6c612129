"""Colours the deck, the PDF and the web page share."""

from __future__ import annotations

from typing import Final

#: Series colours, in series order (RGB).
PALETTE: Final[tuple[tuple[int, int, int], ...]] = (
    (0x1F, 0x4E, 0x79),  # dark blue: target / baseline
    (0xE0, 0x7A, 0x1F),  # orange: scenario
    (0x5B, 0x9B, 0x4B),  # green: rostered
    (0x9E, 0x3A, 0x8C),
    (0x7F, 0x7F, 0x7F),
)
#: Colour of titles and headings (RGB).
HEAD_RGB: Final[tuple[int, int, int]] = (0x1F, 0x4E, 0x79)
