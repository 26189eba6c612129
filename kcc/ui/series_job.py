"""The many-series job in the app: started once per data and settings by the first session that
needs it, run in a background thread of the server, watched by every session with a progress
bar. The results land in the store (``kcc.jobs``), so later sessions, and other replicas on
the same store, read them instead of computing.

A centre with fewer than ``POOL_MIN_SERIES`` series computes in the server process itself
(starting worker processes would cost more than it saves); larger ones use ``kcc.jobs.executor``:
a local process pool, or the Dask cluster named by ``KCC_DASK_SCHEDULER``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import streamlit as st

from kcc import jobs, store
from kcc.ui.state import Translator

#: Series from which the job runs on worker processes (or Dask) rather than in the server.
POOL_MIN_SERIES: Final[int] = 20
#: How often a waiting session redraws its progress bar. [s]
POLL_S: Final[float] = 0.25


@dataclass
class _Run:
    """One running job: its thread and progress (shared by every session of this server)."""

    thread: threading.Thread
    total: int
    done: int = 0
    error: BaseException | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource
def _runs() -> tuple[threading.Lock, dict[tuple[int, str, str, tuple], _Run]]:
    return threading.Lock(), {}


def _start(con: store.Connection, forecast_days: tuple[tuple[str, str, int], ...],
           country: str | None, todo: int) -> _Run:
    factory = contextlib.nullcontext if len(forecast_days) < POOL_MIN_SERIES else jobs.executor

    def work() -> None:
        try:
            jobs.ensure_forecasts(con, forecast_days, country, executor_factory=factory,
                                  on_progress=progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting sessions
            run.error = exc

    def progress(done: int, total: int) -> None:
        with run.lock:
            run.done = done

    run = _Run(thread=threading.Thread(target=work, name="kcc-series-job", daemon=True), total=todo)
    run.thread.start()
    return run


def ensure(con: store.Connection, tr: Translator,
           forecast_days: Sequence[tuple[str, str, int]], country: str | None) -> None:
    """Make sure the forecasts of ``forecast_days`` are in the store: start the job when no
    session has, and wait for it with a progress bar (text ``staffing.forecasting``).

    Raises
    ------
    Exception
        What the job raised (the page shows it as any other error).
    """
    days = tuple((str(c), str(q), int(d)) for c, q, d in forecast_days)
    data = jobs.data_hash(store.volume_fingerprint(con))
    todo = jobs.missing_series(con, days, country, data)
    if not todo:
        return
    lock, running = _runs()
    key = (store.centre_of(con), data, country or "", days)
    with lock:
        run = running.get(key)
        if run is None or not run.thread.is_alive():
            run = running[key] = _start(con, days, country, len(todo))
    bar = st.progress(0.0, text=tr("staffing.forecasting", done=0, total=run.total))
    while run.thread.is_alive():
        run.thread.join(POLL_S)
        with run.lock:
            done = run.done
        bar.progress(min(1.0, done / max(1, run.total)),
                     text=tr("staffing.forecasting", done=done, total=run.total))
    bar.empty()
    with lock:
        running.pop(key, None)
    if run.error is not None:
        raise run.error
