"""Temporary warning filters under many threads (one server process serves every session)."""

from __future__ import annotations

import threading
import time
import warnings

from kcc.warning_filters import ignoring, keep_ignoring


def test_each_session_keeps_its_filter_while_others_come_and_go() -> None:
    """Without one lock, a thread leaving ``catch_warnings`` restores the filters it saw on
    entry: a session still inside loses its own filter (its warning reaches the server log),
    or another's filter leaks for good."""
    before = list(warnings.filters)
    start = threading.Barrier(8)
    lost: list[int] = []

    def session(n: int) -> None:
        start.wait()
        for i in range(30):
            with ignoring(UserWarning, message=f"session {n}"):
                time.sleep(0.0005 * ((n + i) % 3))
                if not any(f[1] is not None and f[1].pattern == f"session {n}" for f in warnings.filters):
                    lost.append(n)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not lost, f"{len(lost)} times a session's filter was gone inside its own block"
    assert warnings.filters == before


def test_only_the_named_warnings_are_ignored_and_only_inside() -> None:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with ignoring(RuntimeWarning, message="The inplace"):
            warnings.warn("The inplace keyword is deprecated", RuntimeWarning, stacklevel=1)
            warnings.warn("another runtime note", RuntimeWarning, stacklevel=1)
            warnings.warn("The inplace keyword, as a user warning", UserWarning, stacklevel=1)
        warnings.warn("The inplace keyword is deprecated", RuntimeWarning, stacklevel=1)
    assert [str(w.message) for w in seen] == [
        "another runtime note", "The inplace keyword, as a user warning",
        "The inplace keyword is deprecated"]


def test_the_lock_is_reentrant_for_a_forecast_that_reads_the_store() -> None:
    """A forecast runs inside its own filter and reads the store, which filters too."""
    done = threading.Event()

    def nested() -> None:
        with ignoring(), ignoring(UserWarning):
            done.set()

    thread = threading.Thread(target=nested, daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert done.is_set(), "the nested filter waited on its own lock"


def _kept(message: str) -> int:
    return sum(1 for action, text, *_ in warnings.filters
               if action == "ignore" and text is not None and text.pattern == message)


def test_a_filter_kept_for_good_comes_back_after_a_library_restores_an_older_list() -> None:
    """A library's ``catch_warnings`` that began before the filter existed drops it when it
    ends (it restores the list it saw on entry); the next ``keep_ignoring`` puts it back, once."""
    with warnings.catch_warnings():  # this test's own: the process's filters come back after
        with warnings.catch_warnings():  # the library's block, entered before the filter was set
            keep_ignoring("kept for good", UserWarning)
            assert _kept("kept for good") == 1
        assert _kept("kept for good") == 0, "the library's block restored the older list"
        keep_ignoring("kept for good", UserWarning)
        keep_ignoring("kept for good", UserWarning)
        assert _kept("kept for good") == 1
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            keep_ignoring("kept for good", UserWarning)
            warnings.warn("kept for good, and not shown", UserWarning, stacklevel=1)
            warnings.warn("another warning", UserWarning, stacklevel=1)
        assert [str(w.message) for w in seen] == ["another warning"]


def test_a_kept_warning_is_not_shown_while_another_thread_shows_its_whole_class(monkeypatch) -> None:  # noqa: ANN001
    """pandas' ``pandas_dtype`` shows every ``DeprecationWarning`` inside a block of its own, on
    every dtype it reads, and while it is inside, its filters are the whole process's: a kept
    warning raised meanwhile in another session still does not reach the server log."""
    log: list[str] = []
    monkeypatch.setattr(warnings, "showwarning", lambda message, *rest: log.append(str(message)))
    with warnings.catch_warnings():
        keep_ignoring("kept while shown", DeprecationWarning)
        warnings.simplefilter("always", DeprecationWarning)  # the other thread's block, for a moment
        warnings.warn("kept while shown, from a library's bridge", DeprecationWarning, stacklevel=1)
        warnings.warn("another deprecation", DeprecationWarning, stacklevel=1)
    assert log == ["another deprecation"]


def test_a_store_read_puts_the_duckdb_bridge_filter_back(mem_con) -> None:  # noqa: ANN001 - fixture
    from kcc import store
    from kcc.store.connection import _BRIDGE_WARNING

    with warnings.catch_warnings():
        warnings.filters[:] = [f for f in warnings.filters
                               if not (f[1] is not None and f[1].pattern == _BRIDGE_WARNING)]
        assert _kept(_BRIDGE_WARNING) == 0
        store.series_summary(mem_con)
        assert _kept(_BRIDGE_WARNING) == 1
