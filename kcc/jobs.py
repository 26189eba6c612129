"""The many-series job: forecasts of every series a plan covers, computed once per data and
settings, in parallel, and kept in the store for every session and replica.

A BPO or a large centre plans 100-300 series (queues x channels); fitting their forecasts is
the plan's slow step, and the only one per series (staffing pools a channel's queues). So the
unit of work is one series: ``plan_series`` takes what a series' forecast reads
(``kcc.pipeline.SeriesInputs``, read from the store beforehand, so a worker needs no
connection) and returns its forecast frame. ``run_series`` maps it over any
``concurrent.futures.Executor``: a local process pool by default, a Dask cluster's executor
when ``KCC_DASK_SCHEDULER`` names one (``executor``), or none (in this process).
``ensure_forecasts`` computes the series that are not yet in the store and writes each result
as it comes in, keyed by the centre's data (``data_hash``: its volume fingerprint, so an import
or an event edit invalidates them) and the series' settings (``settings_hash``).

The plan is the other slow step of a first page load: staffing every interval of each channel
(the phone queue's transient model most of all). ``ensure_plan`` computes each channel's plan
for the centre's stored settings after the forecasts and keeps it in the store too, keyed by
``plan_hash``: a hash of exactly what ``kcc.pipeline.channel_plan`` reads (the channel's
demand and roster rows, opening hours, start backlog and staffing settings). Any change to
those (a roster import, a saved setting, an edited lever) is another key, so a stored plan
is never served for other inputs; ``channel_plan`` reads a stored plan or computes it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import multiprocessing
import os
import sys
import threading
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from kcc import pipeline, plan, store

#: Environment setting naming a Dask distributed scheduler (``tcp://host:8786``); unset: a
#: local process pool.
DASK_SCHEDULER_ENV: Final[str] = "KCC_DASK_SCHEDULER"
#: Environment setting capping the local pool's processes (default: the machine's cores).
WORKERS_ENV: Final[str] = "KCC_JOB_WORKERS"
#: Part of every settings hash: raise it when a change to the forecasts changes their numbers,
#: so results stored by an older app are not read.
RESULTS_VERSION: Final[int] = 1
#: Part of every plan hash: raise it when a change to the staffing maths changes a plan's
#: numbers, so plans stored by an older app are not read.
PLAN_RESULTS_VERSION: Final[int] = 1

#: ``(done, total)`` after each series.
Progress = Callable[[int, int], None]
#: What a job runs on; a context yielding None runs the series one after the other here.
ExecutorFactory = Callable[[], AbstractContextManager[Executor | None]]


def data_hash(volumes: Sequence[Any]) -> str:
    """Hash of a centre's volume fingerprint (``kcc.store.volume_fingerprint``): changes with
    its volumes, event calendar and the settings its forecasts read."""
    return hashlib.sha256(repr(tuple(volumes)).encode()).hexdigest()[:32]


def settings_hash(horizon_days: int, country: str | None) -> str:
    """Hash of what one series' forecast depends on besides the data. [days]"""
    text = repr((RESULTS_VERSION, int(horizon_days), country or ""))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def plan_series(inputs: pipeline.SeriesInputs) -> pd.DataFrame:
    """The forecast of one series (``kcc.pipeline.forecast_inputs``): the job's unit of work.
    Pure and picklable, so any executor can run it."""
    return pipeline.forecast_inputs(inputs)


def run_series(inputs: Sequence[pipeline.SeriesInputs], executor: Executor | None = None,
               on_result: Callable[[int, pd.DataFrame], None] | None = None,
               on_progress: Progress | None = None) -> list[pd.DataFrame]:
    """``plan_series`` of every series, on ``executor`` (None: one after the other here).

    Parameters
    ----------
    inputs : sequence of SeriesInputs
        The series.
    executor : concurrent.futures.Executor, optional
        Where to run them (``executor``); results are the same on any.
    on_result : callable, optional
        ``(index, frame)`` as each series finishes (in finishing order).
    on_progress : callable, optional
        ``(done, total)`` after each series.

    Returns
    -------
    list of pandas.DataFrame
        The forecasts in the order of ``inputs``.

    Raises
    ------
    Exception
        The first error a series raised (the others are still awaited by the executor).
    """
    total = len(inputs)
    out: list[pd.DataFrame | None] = [None] * total

    def finished(index: int, frame: pd.DataFrame, done: int) -> None:
        out[index] = frame
        if on_result is not None:
            on_result(index, frame)
        if on_progress is not None:
            on_progress(done, total)

    if executor is None:
        for index, one in enumerate(inputs):
            finished(index, plan_series(one), index + 1)
    else:
        with plain_main():  # a local pool starts its processes on these submits
            futures = {executor.submit(plan_series, one): index for index, one in enumerate(inputs)}
        for done, future in enumerate(as_completed(futures), start=1):
            finished(futures[future], future.result(), done)
    return [frame for frame in out if frame is not None]


_MAIN_LOCK = threading.RLock()


@contextmanager
def plain_main() -> Iterator[None]:
    """Start processes (a pool's workers, a Dask cluster's) inside this block: they start
    from an empty ``__main__``.

    A process started by ``spawn`` first runs the parent's ``__main__`` script again. In the
    app that is the page script Streamlit ran last (its script runner installs each page as
    ``__main__``), so every worker would open the app's database and stop on its lock.
    """
    with _MAIN_LOCK:
        main = sys.modules.get("__main__")
        empty = types.ModuleType("__main__")  # no __file__, no __spec__: nothing to run again
        sys.modules["__main__"] = empty
        try:
            yield
        finally:
            if main is not None and sys.modules.get("__main__") is empty:  # else a page run replaced it since
                sys.modules["__main__"] = main


def local_workers() -> int:
    """Processes of the local pool: ``KCC_JOB_WORKERS``, else the machine's cores."""
    value = os.environ.get(WORKERS_ENV, "").strip()
    return max(1, int(value)) if value.isdigit() else max(1, os.cpu_count() or 1)


@contextmanager
def executor(scheduler: str | None = None, workers: int | None = None) -> Iterator[Executor]:
    """The executor a job runs on: a Dask cluster's when ``scheduler`` (default
    ``KCC_DASK_SCHEDULER``) names one, else a local process pool of ``workers`` processes
    (default ``local_workers``).

    The pool starts its processes fresh (``spawn``): the app's process runs threads, and a
    forked copy of a threaded process may hang.
    """
    address = os.environ.get(DASK_SCHEDULER_ENV, "").strip() if scheduler is None else scheduler
    if address:
        from distributed import Client  # only a Dask set-up needs it

        with Client(address, set_as_default=False) as client:
            yield client.get_executor()
        return
    with ProcessPoolExecutor(max_workers=workers or local_workers(),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


@dataclass(frozen=True)
class JobOutcome:
    """What ``ensure_forecasts`` did.

    Attributes
    ----------
    data_hash : str
        The data the results belong to.
    series : int
        Series the plan covers.
    computed : int
        Series computed by this call (0: all were in the store).
    plans : int
        Channel plans computed by this call (``run_job``; 0 from ``ensure_forecasts``).
    """

    data_hash: str
    series: int
    computed: int
    plans: int = 0

    @property
    def reused(self) -> int:
        """Series read from the store instead of computed."""
        return self.series - self.computed


def missing_series(con: store.Connection, forecast_days: Sequence[tuple[str, str, int]],
                   country: str | None, data: str | None = None) -> list[tuple[str, str, int]]:
    """The series of ``forecast_days`` (``(channel, queue, horizon_days)``, as
    ``kcc.plan.PlanHorizon.forecast_days``) without a stored result for the data now."""
    data = data or data_hash(store.volume_fingerprint(con))
    index = store.series_result_index(con, data)
    done = set(zip(index["channel"], index["queue"], index["settings_hash"], strict=True))
    return [(c, q, int(d)) for c, q, d in forecast_days
            if (c, q, settings_hash(d, country)) not in done]


def ensure_forecasts(con: store.Connection,
                     forecast_days: Sequence[tuple[str, str, int]], country: str | None, *,
                     executor_factory: ExecutorFactory | None = None,
                     on_progress: Progress | None = None) -> JobOutcome:
    """Compute and store the forecasts of the series that have no stored result yet.

    Parameters
    ----------
    con : store.Connection
        Store connection bound to the centre.
    forecast_days : sequence of (str, str, int)
        ``(channel, queue, horizon_days)`` of every series the plan covers.
    country : str or None
        Holiday calendar of the forecasts.
    executor_factory : callable, optional
        Gives the executor (default ``executor``); not called when nothing is missing. Pass
        ``contextlib.nullcontext`` to compute in this process.
    on_progress : callable, optional
        ``(done, total)`` over the missing series.

    Returns
    -------
    JobOutcome
    """
    data = data_hash(store.volume_fingerprint(con))
    todo = missing_series(con, forecast_days, country, data)
    if todo:
        inputs = [pipeline.series_inputs(con, c, q, d, country) for c, q, d in todo]

        def keep(index: int, frame: pd.DataFrame) -> None:
            # each result is stored as it comes in: other sessions see the progress, and an
            # interrupted job resumes where it stopped
            c, q, d = todo[index]
            store.write_series_results(con, data, {(c, q, settings_hash(d, country)): frame})

        with (executor_factory or executor)() as pool:
            run_series(inputs, pool, on_result=keep, on_progress=on_progress)
    return JobOutcome(data_hash=data, series=len(forecast_days), computed=len(todo))


def stored_forecast(con: store.Connection, channel: str, queue: str, horizon_days: int,
                    country: str | None, data: str | None = None) -> pd.DataFrame | None:
    """The stored forecast of one series for the data now; None when the job has not
    stored it."""
    data = data or data_hash(store.volume_fingerprint(con))
    return store.read_series_result(con, data, settings_hash(horizon_days, country), channel, queue)


def stored_forecasts(con: store.Connection, forecast_days: Sequence[tuple[str, str, int]],
                     country: str | None, data: str | None = None) -> dict[tuple[str, str, int], pd.DataFrame]:
    """The stored forecasts of ``forecast_days`` for the data now, read in one query, by
    ``(channel, queue, horizon_days)``; a series the job has not stored is left out."""
    data = data or data_hash(store.volume_fingerprint(con))
    keys = {(c, q, settings_hash(d, country)): (c, q, int(d)) for c, q, d in forecast_days}
    found = store.read_series_results(con, data, list(keys))
    return {keys[key]: frame for key, frame in found.items()}


def forecast_demand(con: store.Connection, history: pd.DataFrame, span: plan.PlanHorizon | None,
                    country: str | None, data: str | None = None,
                    forecast_one: Callable[[str, str, int], pd.DataFrame] | None = None) -> pd.DataFrame:
    """``kcc.pipeline.forecast_demand`` from the stored forecasts (one query); a series not
    stored is forecast by ``forecast_one`` (default ``kcc.pipeline.forecast_series``)."""
    found = {} if span is None else stored_forecasts(con, span.forecast_days, country, data)
    compute = forecast_one or (lambda c, q, d: pipeline.forecast_series(con, c, q, d, country))

    def one(channel: str, queue: str, days: int) -> pd.DataFrame:
        frame = found.get((channel, queue, int(days)))
        return compute(channel, queue, days) if frame is None else frame

    return pipeline.forecast_demand(history, span, one)


def _frame_digest(frame: pd.DataFrame) -> bytes:
    rows = pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()
    return repr((list(frame.columns), [str(t) for t in frame.dtypes])).encode() + rows


def plan_hash(demand: pd.DataFrame, roster_: pd.DataFrame, channel: str,
              staffing: plan.PlanSettings, open_hours: Any,
              start_backlog: Mapping[str, float] | None) -> str:
    """Hash of exactly what ``kcc.pipeline.channel_plan`` reads for one channel: its demand
    and roster rows (values, columns and types), the staffing settings, opening hours and
    start backlog."""
    sha = hashlib.sha256(repr((PLAN_RESULTS_VERSION, str(channel), staffing, open_hours,
                               sorted((start_backlog or {}).items()))).encode())
    sha.update(_frame_digest(demand[demand["channel"] == channel]))
    sha.update(_frame_digest(roster_[roster_["channel"] == channel]))
    return sha.hexdigest()[:32]


def channel_plan(con: store.Connection, demand: pd.DataFrame, roster_: pd.DataFrame, channel: str,
                 staffing: plan.PlanSettings, open_hours: Any,
                 start_backlog: Mapping[str, float] | None = None,
                 data: str | None = None) -> pd.DataFrame:
    """``kcc.pipeline.channel_plan``: the plan the job stored for exactly these inputs
    (``plan_hash``), else computed here (and not stored)."""
    data = data or data_hash(store.volume_fingerprint(con))
    key = plan_hash(demand, roster_, channel, staffing, open_hours, start_backlog)
    stored = store.read_plan_result(con, data, key, channel)
    if stored is not None:
        stored.attrs["settings"] = staffing  # as ``kcc.plan.build_plan`` sets it
        return stored
    return pipeline.channel_plan(demand, roster_, channel, staffing, open_hours, start_backlog)


def ensure_plan(con: store.Connection, span: plan.PlanHorizon | None, country: str | None,
                roster_source: str = "roster", *, pool: Executor | None = None,
                on_progress: Progress | None = None) -> int:
    """Compute and store each channel's plan for the centre's stored settings (as a session
    without edits plans: ``kcc.plan.default_settings``) over ``span``, from the stored
    forecasts; a channel already stored for the same inputs is skipped. Returns the number
    of channels computed.

    Parameters
    ----------
    con : store.Connection
        Store connection bound to the centre.
    span : PlanHorizon or None
        The plan's days (``kcc.pipeline.horizon``); None plans nothing.
    country : str or None
        Holiday calendar of the forecasts.
    roster_source : str
        One of ``kcc.pipeline.ROSTER_SOURCES``.
    pool : concurrent.futures.Executor, optional
        Where to staff the channels (None: one after the other here).
    on_progress : callable, optional
        ``(done, total)`` over the channels.
    """
    stored = store.read_settings(con)
    history = pipeline.recent_history(con)
    data = data_hash(store.volume_fingerprint(con))
    demand = forecast_demand(con, history, span, country, data)
    if demand.empty:
        return 0
    roster_ = pipeline.roster_for(con, demand, roster_source)
    hours = plan.service_hours(stored)
    waiting = pipeline.start_backlog(history, hours)
    settings = plan.default_settings(stored, history)
    todo: dict[tuple[str, str], plan.PlanSettings] = {}
    for channel in map(str, plan.channel_order(demand["channel"].unique())):
        narrow = pipeline.staffing_settings(settings, channel)
        key = plan_hash(demand, roster_, channel, narrow, hours, waiting)
        if store.read_plan_result(con, data, key, channel) is None:
            todo[(channel, key)] = narrow
    keys = list(todo)

    def finished(index: int, frame: pd.DataFrame, done: int) -> None:
        bare = frame.copy()
        bare.attrs = {}  # the settings it carries are part of its key
        store.write_plan_results(con, data, {keys[index]: bare})
        if on_progress is not None:
            on_progress(done, len(keys))

    args = [(demand, roster_, c, todo[(c, h)], hours, waiting) for c, h in keys]
    if pool is None:
        for index, one in enumerate(args):
            finished(index, pipeline.channel_plan(*one), index + 1)
    else:
        with plain_main():  # the pool is already running when forecasts came first; not when all were stored
            futures = {pool.submit(pipeline.channel_plan, *one): index for index, one in enumerate(args)}
        for done, future in enumerate(as_completed(futures), start=1):
            finished(futures[future], future.result(), done)
    return len(keys)


def run_job(con: store.Connection, span: plan.PlanHorizon, country: str | None,
            roster_source: str = "roster", *, executor_factory: ExecutorFactory | None = None,
            on_progress: Progress | None = None) -> JobOutcome:
    """The whole job on one executor: the forecasts of every series of ``span`` that has
    none stored (``ensure_forecasts``), then each channel's plan for the stored settings
    (``ensure_plan``). ``on_progress`` counts series, then channels on top."""
    series = len(span.forecast_days)

    def planned(done: int, total: int) -> None:
        if on_progress is not None:
            on_progress(series + done, series + total)

    with (executor_factory or executor)() as pool:
        outcome = ensure_forecasts(con, span.forecast_days, country,
                                   executor_factory=lambda: contextlib.nullcontext(pool),
                                   on_progress=on_progress)
        plans = ensure_plan(con, span, country, roster_source, pool=pool, on_progress=planned)
    return dataclasses.replace(outcome, plans=plans)
