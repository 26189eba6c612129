"""KCC Planner core: contact-centre forecasting, staffing and strategy maths.

Everything in this package is pure and Streamlit-free, except the ``kcc.ui`` subpackage.
"""

import os

__version__ = "0.1.0"

#: Environment settings that cap the threads of the BLAS library numpy and scipy load, and the
#: value KCC Planner gives them unless the environment already does.
BLAS_THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS",)
BLAS_THREADS_DEFAULT = "1"

# The core's numerical work is many small problems (a forecast fit's optimiser steps, one day's
# queue), far below the sizes where BLAS threads share out work. OpenBLAS's threads then only
# wake and spin beside the one doing the work: a forecast fit took twice the CPU for the same
# time, CPU that other sessions, the job's worker processes and the database need
# (``benchmarks/bench_blas_threads.py``). Work in parallel comes from processes (the forecast
# job's pool) and sessions instead. Set before numpy is first imported, which reads it once; a
# deployer's own setting wins.
for _setting in BLAS_THREAD_SETTINGS:
    os.environ.setdefault(_setting, BLAS_THREADS_DEFAULT)
del _setting
