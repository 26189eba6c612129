"""Warning filters that are safe when many sessions run in one process.

``warnings.catch_warnings`` swaps the process's one list of filters, so two threads inside it at
once can restore each other's filters: a warning meant to be silenced then reaches the server
log, or a silenced one stays silenced for good. Every temporary filter in KCC Planner goes
through ``ignoring``, which lets one thread at a time change the filters (re-entrant, so a
forecast that reads the store inside its own filter does not wait on itself).
"""

from __future__ import annotations

import functools
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final, TextIO

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


#: Warnings dropped for good (``keep_ignoring``): text prefix and category.
_KEPT: list[tuple[str, type[Warning]]] = []


def _dropping_kept(show: Callable[..., None]) -> Callable[..., None]:
    """``show`` (the process's ``warnings.showwarning``) except for the warnings of ``_KEPT``."""

    @functools.wraps(show)
    def showwarning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                    file: TextIO | None = None, line: str | None = None) -> None:
        text = str(message)
        if any(text.startswith(kept) and issubclass(category, kind) for kept, kind in _KEPT):
            return
        show(message, category, filename, lineno, file, line)

    showwarning.drops_kept = True  # type: ignore[attr-defined]  # marks the wrapper as ours
    return showwarning


def keep_ignoring(message: str, category: type[Warning] = Warning) -> None:
    """Ignore warnings of ``category`` whose text starts with ``message`` for good, in the whole
    process; call it again where such a warning may be raised.

    A library's own ``warnings.catch_warnings`` (outside ``ignoring``) that began before the
    first call restores, when it ends, a filter list without this filter, so the warning would
    reach the server log from then on; the next call puts the filter back, ahead of the others.
    And while another thread is inside a library's block that shows a whole class of warnings
    (pandas' ``pandas_dtype`` shows every ``DeprecationWarning`` for a moment, on every dtype
    it reads), that block's filters are the process's: so the warning is also dropped where it
    would be shown (``warnings.showwarning``), which such a block keeps.
    """
    with FILTERS_LOCK:
        if (message, category) not in _KEPT:
            _KEPT.append((message, category))
        if not getattr(warnings.showwarning, "drops_kept", False):
            warnings.showwarning = _dropping_kept(warnings.showwarning)
        first = warnings.filters[0] if warnings.filters else None
        if first is not None and first[0] == "ignore" and first[2] is category and (
                first[1] is not None and first[1].pattern == message):
            return  # in front already: changing the filters would clear every "shown once" record
        # moves an equal filter to the front rather than adding a second one
        warnings.filterwarnings("ignore", message=message, category=category)
