"""The many-series job (``kcc.jobs``): the same numbers on every executor, computed once per
data and settings and kept in the store, invalidated by a data change."""

from __future__ import annotations

import contextlib
import sys
import types
from collections.abc import Iterator

import duckdb
import pandas as pd
import pytest

from kcc import demo, jobs, pipeline, plan, store

COUNTRY = "NL"


def _record(rows: int) -> store.ImportRecord:
    return store.ImportRecord(file_name="many.csv", kind="intervals", imported_by="test", rows_read=rows)


#: Two series keep the module quick; the benchmark runs 200.
SERIES = 2


def _centre() -> duckdb.DuckDBPyConnection:
    connection = store.connect(":memory:")
    frame = demo.many_series_intervals(SERIES, weeks=6)
    store.replace_intervals(connection, frame, _record(len(frame)))
    return connection


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = _centre()
    try:
        yield connection
    finally:
        connection.close()


def _days(con: duckdb.DuckDBPyConnection) -> tuple[tuple[str, str, int], ...]:
    span = pipeline.horizon(store.series_summary(con), 1)
    assert span is not None
    return span.forecast_days


def _inputs(con: duckdb.DuckDBPyConnection) -> list[pipeline.SeriesInputs]:
    return [pipeline.series_inputs(con, c, q, d, COUNTRY) for c, q, d in _days(con)]


@pytest.fixture(scope="module")
def sequential() -> Iterator[list[pd.DataFrame]]:
    connection = _centre()
    try:
        yield jobs.run_series(_inputs(connection))
    finally:
        connection.close()


def test_sequential_results_are_the_pipelines_forecasts(con, sequential) -> None:
    assert len(sequential) == SERIES
    for (c, q, d), frame in zip(_days(con), sequential, strict=True):
        pd.testing.assert_frame_equal(frame, pipeline.forecast_series(con, c, q, d, COUNTRY))


def test_a_process_pool_gives_the_same_numbers(con, sequential) -> None:
    seen: list[tuple[int, int]] = []
    with jobs.executor(scheduler="", workers=2) as pool:
        pooled = jobs.run_series(_inputs(con), pool, on_progress=lambda d, t: seen.append((d, t)))
    for one, other in zip(sequential, pooled, strict=True):
        pd.testing.assert_frame_equal(one, other)
    assert seen == [(1, SERIES), (2, SERIES)]


def test_a_dask_local_cluster_gives_the_same_numbers(con, sequential) -> None:
    distributed = pytest.importorskip("distributed")
    with jobs.plain_main(), distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                                     dashboard_address=None) as cluster:
        with jobs.executor(scheduler=cluster.scheduler_address) as pool:
            dasked = jobs.run_series(_inputs(con), pool)
    for one, other in zip(sequential, dasked, strict=True):
        pd.testing.assert_frame_equal(one, other)


def test_the_setting_picks_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        monkeypatch.setenv(jobs.DASK_SCHEDULER_ENV, cluster.scheduler_address)
        with jobs.executor() as pool:
            assert type(pool).__module__.startswith("distributed")
            assert pool.submit(sum, [1, 2]).result() == 3
    monkeypatch.delenv(jobs.DASK_SCHEDULER_ENV)
    with jobs.executor(workers=1) as pool:
        assert isinstance(pool, jobs.ProcessPoolExecutor)


def test_results_are_stored_once_and_reused_by_a_second_session(con, sequential) -> None:
    days = _days(con)
    first = jobs.ensure_forecasts(con, days, COUNTRY, executor_factory=contextlib.nullcontext)
    assert (first.series, first.computed, first.reused) == (SERIES, SERIES, 0)
    index = store.series_result_index(con, first.data_hash)
    assert len(index) == SERIES
    version = store.data_version(con)  # derived results are not a data write

    # a second session (the app's sessions share the connection) finds everything done
    def refuse() -> contextlib.AbstractContextManager:
        raise AssertionError("the second session must not start an executor")

    second = jobs.ensure_forecasts(con, days, COUNTRY, executor_factory=refuse)
    assert (second.computed, second.reused) == (0, SERIES)
    pd.testing.assert_frame_equal(store.series_result_index(con, first.data_hash), index)
    assert store.data_version(con) == version
    for (c, q, d), frame in zip(days, sequential, strict=True):
        pd.testing.assert_frame_equal(jobs.stored_forecast(con, c, q, d, COUNTRY), frame)
    # another horizon is other settings: computed, stored beside the first
    longer = tuple((c, q, d + 7) for c, q, d in days[:1])
    assert jobs.ensure_forecasts(con, longer, COUNTRY,
                                 executor_factory=contextlib.nullcontext).computed == 1
    assert len(store.series_result_index(con, first.data_hash)) == SERIES + 1


def test_a_data_change_invalidates_the_results(con) -> None:
    days = _days(con)
    before = jobs.ensure_forecasts(con, days, COUNTRY, executor_factory=contextlib.nullcontext)
    more = demo.many_series_intervals(1, weeks=1, end="2026-03-01", seed=7)
    store.replace_intervals(con, more, _record(len(more)))  # phone q001's last week re-imported
    assert jobs.missing_series(con, days, COUNTRY) == list(days)
    assert jobs.stored_forecast(con, *days[0], COUNTRY) is None
    after = jobs.ensure_forecasts(con, days, COUNTRY, executor_factory=contextlib.nullcontext)
    assert after.data_hash != before.data_hash and after.computed == SERIES
    # the old data's results are dropped with the first write of the new
    assert store.series_result_index(con, before.data_hash).empty
    assert len(store.series_result_index(con, after.data_hash)) == SERIES


def test_pool_workers_do_not_run_the_page_script_streamlit_left_as_main(
        con, sequential, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Streamlit's script runner leaves the last page it ran installed as __main__; a spawned
    # worker would run that page again (and open the app's database) before working
    marker = tmp_path / "ran-again"
    page = tmp_path / "page.py"
    page.write_text(f"open({str(marker)!r}, 'w').close()\nraise SystemExit('the page ran again')\n")
    left = types.ModuleType("__main__")
    left.__file__ = str(page)
    monkeypatch.setitem(sys.modules, "__main__", left)
    with jobs.executor(scheduler="", workers=2) as pool:
        pooled = jobs.run_series(_inputs(con), pool)
    assert not marker.exists()
    assert sys.modules["__main__"] is left  # given back afterwards
    for one, other in zip(sequential, pooled, strict=True):
        pd.testing.assert_frame_equal(one, other)


# --------------------------------------------------------------------------- stored plans


def _span(con: duckdb.DuckDBPyConnection) -> plan.PlanHorizon:
    span = pipeline.horizon(store.series_summary(con), 1)
    assert span is not None
    return span


def _first_load(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What the first page load does once the job has run: demand and the plan of the stored
    settings, read from the store (the steps of ``kcc.pipeline.run_plan``)."""
    stored = store.read_settings(con)
    history = pipeline.recent_history(con)
    demand = jobs.forecast_demand(con, history, _span(con), COUNTRY)
    roster_ = pipeline.roster_for(con, demand)
    hours = plan.service_hours(stored)
    waiting = pipeline.start_backlog(history, hours)
    return pipeline.interval_plan(demand, plan.default_settings(stored, history),
                                  lambda c, narrow: jobs.channel_plan(con, demand, roster_, c, narrow,
                                                                      hours, waiting))


@pytest.fixture
def staffed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The channels ``kcc.pipeline.channel_plan`` staffs from now on (a stored plan is read,
    not staffed)."""
    calls: list[str] = []
    real = pipeline.channel_plan

    def counting(demand, roster_, channel, *args):  # noqa: ANN001, ANN002, ANN202
        calls.append(channel)
        return real(demand, roster_, channel, *args)

    monkeypatch.setattr(pipeline, "channel_plan", counting)
    return calls


def _planned(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return pipeline.run_plan(con, horizon_weeks=1).plan


def test_the_first_load_after_the_job_reads_the_pipelines_plan(con, staffed) -> None:
    outcome = jobs.run_job(con, _span(con), COUNTRY, executor_factory=contextlib.nullcontext)
    assert (outcome.computed, outcome.plans) == (SERIES, 2)
    assert sorted(staffed) == ["chat", "phone"] and store.plan_result_count(con) == 2
    staffed.clear()
    first = _first_load(con)
    assert staffed == [], "the first load reads the stored plans"
    pd.testing.assert_frame_equal(first, _planned(con))
    assert first.attrs["settings"] == _planned(con).attrs["settings"]
    # the job again: nothing left to compute
    again = jobs.run_job(con, _span(con), COUNTRY, executor_factory=contextlib.nullcontext)
    assert (again.computed, again.plans) == (0, 0)


def test_a_pool_stores_the_same_plans(con) -> None:
    with jobs.executor(scheduler="", workers=2) as pool:
        jobs.run_job(con, _span(con), COUNTRY, executor_factory=lambda: contextlib.nullcontext(pool))
    pd.testing.assert_frame_equal(_first_load(con), _planned(con))


def test_a_settings_change_is_not_served_a_stale_plan(con, staffed) -> None:
    jobs.run_job(con, _span(con), COUNTRY, executor_factory=contextlib.nullcontext)
    before = _planned(con)
    saved = plan.default_settings(store.read_settings(con), pipeline.recent_history(con))
    store.write_setting(con, plan.SETTINGS_KEY,
                        saved.with_channel_values(shrinkage={"chat": 0.45}).to_json())
    staffed.clear()
    after = _first_load(con)
    assert staffed == ["chat"], "only the channel whose settings changed is staffed again"
    pd.testing.assert_frame_equal(after, _planned(con))
    chat = after["channel"] == "chat"
    assert not after.loc[chat, "required_scheduled"].equals(before.loc[chat, "required_scheduled"])


def test_a_roster_change_is_not_served_a_stale_plan(con, staffed) -> None:
    jobs.run_job(con, _span(con), COUNTRY, executor_factory=contextlib.nullcontext)
    demand = jobs.forecast_demand(con, pipeline.recent_history(con), _span(con), COUNTRY)
    phone = demand.loc[demand["channel"] == "phone", ["channel", "ds", "interval_min"]]
    roster_ = phone.drop_duplicates("ds").assign(agents=3.0)
    store.replace_roster(con, roster_, store.ImportRecord(
        file_name="roster.csv", kind="roster", imported_by="test", rows_read=len(roster_)))
    staffed.clear()
    after = _first_load(con)
    assert "phone" in staffed, "the new roster's channel is staffed again"
    pd.testing.assert_frame_equal(after, _planned(con))
    assert (after.loc[after["channel"] == "phone", "rostered"] == 3.0).all()


def test_a_data_change_is_not_served_a_stale_plan(con, staffed) -> None:
    before = jobs.run_job(con, _span(con), COUNTRY, executor_factory=contextlib.nullcontext)
    more = demo.many_series_intervals(1, weeks=1, end="2026-03-01", seed=7)
    store.replace_intervals(con, more, _record(len(more)))
    staffed.clear()
    pd.testing.assert_frame_equal(_first_load(con), _planned(con))
    assert len(staffed) >= 2, "new data: staffed again, not read"
    after = jobs.run_job(con, _span(con), COUNTRY, executor_factory=contextlib.nullcontext)
    assert after.data_hash != before.data_hash and after.plans == 2
    assert store.plan_result_count(con) == 2, "the old data's plans are dropped"
