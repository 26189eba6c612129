"""KCC Planner caps BLAS at one thread unless the environment says otherwise
(``kcc.BLAS_THREAD_SETTINGS``): OpenBLAS's extra threads only spin on the app's small problems
(``benchmarks/bench_blas_threads.py``). Each check runs in a fresh interpreter, because OpenBLAS
reads its thread count once, when numpy or scipy loads it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytest.importorskip("threadpoolctl")

#: Imports in the app frame's order (Streamlit, then the app's own modules), then numpy and scipy's
#: optimiser (the forecast fits' BLAS); prints the thread count of every BLAS library loaded.
_PROBE = """
import json
import streamlit
from kcc.access import Action
import numpy, scipy.optimize, scipy.linalg
from threadpoolctl import threadpool_info
print(json.dumps([(i["internal_api"], i["num_threads"]) for i in threadpool_info() if i["user_api"] == "blas"]))
"""


def _blas_threads(**setting: str) -> list[tuple[str, int]]:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"} | setting
    out = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True, timeout=120)
    return [tuple(pair) for pair in json.loads(out.stdout.strip().splitlines()[-1])]


def test_the_app_runs_blas_on_one_thread() -> None:
    libraries = _blas_threads()
    assert libraries, "numpy and scipy load a BLAS library"
    assert all(threads == 1 for _, threads in libraries), libraries


def test_a_deployers_own_thread_setting_wins() -> None:
    libraries = _blas_threads(OPENBLAS_NUM_THREADS="2")
    openblas = [threads for api, threads in libraries if api == "openblas"]
    if not openblas:
        pytest.skip(f"numpy and scipy use another BLAS here: {libraries}")
    assert openblas == [2] * len(openblas)
