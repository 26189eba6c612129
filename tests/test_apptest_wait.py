"""The suite's AppTest wait (``tests/conftest.py``): it waits on the run's thread instead of
polling, and keeps AppTest's own results and time-out."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest, local_script_runner


def test_the_wait_is_the_suites() -> None:
    assert getattr(local_script_runner.require_widgets_deltas, "waits_on_thread", False)


def test_a_run_shows_what_the_script_drew() -> None:
    at = AppTest.from_string("import streamlit as st\nst.title('KCC')\nst.metric('Load', '5.03 Erlang')").run()
    assert not at.exception
    assert at.title[0].value == "KCC"
    assert at.metric[0].value == "5.03 Erlang"


def test_a_run_over_its_time_out_stops_with_the_same_error() -> None:
    at = AppTest.from_string("import time\ntime.sleep(1.5)", default_timeout=0.2)
    with pytest.raises(RuntimeError, match=r"AppTest script run timed out after 0\.2\(s\)"):
        at.run()
