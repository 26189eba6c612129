"""A small memo of slow, pure computations, keyed by the content of their inputs.

A scenario staffs its baseline again, and every channel a lever does not touch is staffed with
the same demand, roster, hours and targets as in the baseline. The deferred channels' linear
programme and the transient queue take seconds, so the Strategy levers page, which evaluates a
scenario and each of its levers alone, spends most of its time recomputing the same channels
(``kcc.plan.build.STAFFING_MEMO``, ``kcc.plan.models.QUEUE_MEMO``). A forecast's method
selection fits the same exponential smoothing on the same stretch of history more than once
(``kcc.forecast.daily.ETS_FIT_MEMO``). A memo keys such a result by a digest of everything it
depends on and keeps the most recent ones; a hit is equal to a fresh computation to the bit.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Final, Generic, TypeVar

import numpy as np
import pandas as pd

#: Results a memo keeps unless told otherwise (a channel staffing is about 0.6 MB for 13 weeks at
#: 15 minutes).
MAX_ENTRIES: Final[int] = 64

T = TypeVar("T")


def digest(parts: Iterable[object]) -> str:
    """A content digest of ``parts``: arrays and series by dtype, shape and bytes (times with
    their zone), anything else by ``repr``."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        if isinstance(part, pd.Series) and isinstance(part.dtype, pd.DatetimeTZDtype):
            h.update(f"ds[{part.dt.tz}|{part.dtype.unit}]".encode())
            part = part.to_numpy(dtype="int64")
        elif isinstance(part, pd.Series):
            part = part.to_numpy()
        if isinstance(part, np.ndarray):
            array = np.ascontiguousarray(part)
            h.update(f"{array.dtype.str}{array.shape}".encode())
            h.update(array.tobytes() if array.dtype != object else repr(array.tolist()).encode())
        else:
            h.update(repr(part).encode())
        h.update(b"\x00")
    return h.hexdigest()


class Memo(Generic[T]):
    """The ``MAX_ENTRIES`` most recent results by key; safe to share between sessions."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._items: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_entries
        self.hits = 0
        self.misses = 0

    def get(self, key: str, compute: Callable[[], T]) -> T:
        """The result stored under ``key``, computed (outside the lock) when absent."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
        value = compute()
        with self._lock:
            self.misses += 1
            self._items[key] = value
            while len(self._items) > self._max:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every result (tests that count computations start here)."""
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0
