# Two commands do all the set-up on a fresh machine (Python 3.11+):
#   make run   installs the app and starts it on the built-in demo contact centre
#   make test  installs the test tools and runs the whole suite (browser tests included)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run install install-dev lint test test-fast bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt

# The preflight stops here, with what to do, when another process holds the database file.
run: install
	$(BIN)/python -m kcc.preflight
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

# Lint first (ruff, then mypy; settings in pyproject.toml), then everything but the browser journeys on
# two workers, a test file to a worker (so a module's shared fixture, such as the golden run, is
# computed once), then the journeys on two workers too: each worker starts its own app server on
# a free port with its own copy of the demo database, and the journeys wait for the app's own
# end of a run with waits that stretch with the machine's load. The journeys' workers steal queued
# journeys from each other, and the two longest start one on each (tests/browser/conftest.py), so
# both workers finish together. Each run collects only its own folders: the journeys' workers
# would otherwise import and collect all 2,400 other tests (about 6 s of each worker) only to
# deselect them.
# The runs let Python keep compiled modules (PYTHONDONTWRITEBYTECODE emptied, in case the machine
# sets it): each pytest process rewrites the assertions of its plugins (Hypothesis) and tests
# again without them, and every app server compiles the app again. Collecting the tests on two
# workers: 8.4 s of CPU without the compiled files, 4.3 s with them.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check kcc pages app.py
	$(BIN)/mypy

test: install-dev lint
	$(PYTEST) -n 2 --dist loadfile -m "not browser" --ignore=tests/browser --durations=15
	$(PYTEST) -n 2 --dist worksteal -m browser --durations=10 tests/browser

# Everything but the real-browser journeys.
test-fast: install-dev
	$(PYTEST) -n 2 --dist loadfile -m "not browser" --ignore=tests/browser --durations=15

bench: install-dev
	$(BIN)/pip install --quiet -r requirements-bench.txt
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache data/kcc.duckdb data/kcc.duckdb.wal
