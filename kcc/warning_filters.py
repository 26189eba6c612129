"""Warning filters that are safe when many sessions run in one process.

``warnings.catch_warnings`` swaps the process's one list of filters, so two threads inside it at
once can restore each other's filters: a warning meant to be silenced then reaches the server
log, or a silenced one stays silenced for good. Every temporary filter in KCC Planner goes
through ``ignoring``, which lets one thread at a time change the filters (re-entrant, so a
forecast that reads the store inside its own filter does not wait on itself).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

#: One lock for every temporary change of the process's warning filters.
FILTERS_LOCK: Final = threading.RLock()


@contextmanager
def ignoring(*categories: type[Warning], message: str = "") -> Iterator[None]:
    """Ignore warnings of ``categories`` (all warnings when none is given), optionally only
    those whose text starts with ``message``, inside the block; thread-safe."""
    with FILTERS_LOCK, warnings.catch_warnings():
        for category in categories or (Warning,):
            warnings.filterwarnings("ignore", message=message, category=category)
        yield
