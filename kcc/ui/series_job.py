"""The many-series job in the app (``kcc.jobs.run_job``: every series' forecast, then each
channel's plan for the stored settings): started once per data and settings by the first session that
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
from typing import Any, Final

import streamlit as st

from kcc import jobs, plan, store
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


def _start(con: store.Connection, span: plan.PlanHorizon, country: str | None,
           roster_source: str, todo: int) -> _Run:
    small = len(span.forecast_days) < POOL_MIN_SERIES
    factory = contextlib.nullcontext if small else jobs.executor

    def work() -> None:
        try:
            jobs.run_job(con, span, country, roster_source, executor_factory=factory,
                         on_progress=progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting sessions
            run.error = exc

    def progress(done: int, total: int) -> None:
        # series first, then each channel's plan: the total grows by the channels
        with run.lock:
            run.done, run.total = done, max(run.total, total)

    run = _Run(thread=threading.Thread(target=work, name="kcc-series-job", daemon=True), total=todo)
    run.thread.start()
    return run


def ensure(con: store.Connection, tr: Translator, span: plan.PlanHorizon, country: str | None,
           roster_source: str = "roster", *, volumes: Sequence[Any]) -> None:
    """Make sure the forecasts of ``span``'s series are in the store, and each channel's
    plan for the stored settings (``kcc.jobs.run_job``): start the job when no session has,
    and wait for it with a progress bar (text ``staffing.forecasting``). ``volumes`` is the
    centre's volume fingerprint (``kcc.pipeline.DataKey.volumes``, kept per data version).

    Raises
    ------
    Exception
        What the job raised (the page shows it as any other error).
    """
    days = tuple((str(c), str(q), int(d)) for c, q, d in span.forecast_days)
    data = jobs.data_hash(volumes)
    todo = jobs.missing_series(con, days, country, data)
    if not todo:
        return
    lock, running = _runs()
    # one job per data and series: a session on another roster source waits for it too (and
    # staffs its own plan in the page)
    key = (store.centre_of(con), data, country or "", days)
    with lock:
        run = running.get(key)
        if run is None or not run.thread.is_alive():
            run = running[key] = _start(con, span, country, roster_source, len(todo))
    bar = st.progress(0.0, text=tr("staffing.forecasting", done=0, total=run.total))
    while run.thread.is_alive():
        run.thread.join(POLL_S)
        with run.lock:
            done, total = run.done, run.total
        bar.progress(min(1.0, done / max(1, total)),
                     text=tr("staffing.forecasting", done=done, total=total))
    bar.empty()
    with lock:
        running.pop(key, None)
    if run.error is not None:
        raise run.error
