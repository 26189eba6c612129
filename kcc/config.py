"""Defaults shared by the core and the app: time zone, database path, channels, intervals."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Final

PROJECT_ROOT: Final[Path] = Path(__file__).resolve().parents[1]

#: Contact-centre wall-clock zone; every timestamp on screen is local time in this zone.
DEFAULT_TIMEZONE: Final[str] = "Europe/Amsterdam"

#: Channel ids, in display order.
CHANNELS: Final[tuple[str, ...]] = ("phone", "chat", "email", "whatsapp", "self_service")

#: One colour per channel on every chart, so a channel is recognised at a glance.
CHANNEL_COLORS: Final[dict[str, str]] = {
    "phone": "#1f4e79",
    "chat": "#e07b22",
    "email": "#7b5ea7",
    "whatsapp": "#2e9e5b",
    "self_service": "#8c8c8c",
}

#: Channels answered live (queueing models); the rest is deferred work with a response time.
LIVE_CHANNELS: Final[frozenset[str]] = frozenset({"phone", "chat"})

#: Interval lengths an import may carry [min].
SOURCE_INTERVALS_MIN: Final[tuple[int, ...]] = (5, 6, 10, 15, 30, 60)

#: Interval lengths a plan may use [min].
PLANNING_INTERVALS_MIN: Final[tuple[int, ...]] = (15, 30, 60)

#: Most agents (and Erlangs of offered load) the queueing engine treats exactly in one interval.
#: Beyond it (no real queue comes near) the numbers come from the large-system route (bounded
#: asymptotic sums, square-root staffing start, bisection) and are flagged ``approximate``, so
#: one absurd value cannot stall a page.
MAX_EXACT_AGENTS: Final[int] = 100_000

DEFAULT_QUEUE: Final[str] = "default"


def channel_list(value: object) -> list[str]:
    """Channel ids from an editor cell or a file: a list (a picker's), or text separated by
    commas or semicolons; nothing (None, NaN, empty) gives an empty list. Ids are not checked."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    parts = re.split(r"[,;]+", value) if isinstance(value, str) else value
    return [str(part).strip() for part in parts if str(part).strip()]  # type: ignore[union-attr]


def db_path() -> str:
    """Database file: ``KCC_DB_PATH`` when set, else ``data/kcc.duckdb`` in the project."""
    return os.environ.get("KCC_DB_PATH") or str(PROJECT_ROOT / "data" / "kcc.duckdb")


def timezone() -> str:
    """Configured IANA zone: ``KCC_TIMEZONE`` when set, else Europe/Amsterdam."""
    return os.environ.get("KCC_TIMEZONE") or DEFAULT_TIMEZONE
