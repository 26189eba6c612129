"""Two app replicas on one PostgreSQL database: what one commits the other reads, and two
planners saving the same scenario at once never overwrite each other silently."""

from __future__ import annotations

import subprocess
import sys
import threading

import pandas as pd
import pytest

from kcc import store
from tests.conftest import ROOT

#: A second app process: imports the example counts file into the store at ``argv[1]``.
IMPORTER = """
import sys
from kcc import importer, store
con = store.connect(sys.argv[1])
source = importer.read_source(sys.argv[2])
result = importer.run_import(con, source, importer.guess_mapping(source), user="replica-2")
con.close()
print("ok" if result.ok else result.problems, flush=True)
"""


@pytest.fixture
def replicas(pg_url: str):  # noqa: ANN201
    """Two stores on one database, each with its own connection pool (as two processes)."""
    one, two = store.connect(pg_url), store.connect(pg_url)
    yield one, two
    one.close()
    two.close()


def test_an_import_in_one_replica_is_read_by_the_other_after_its_commit(replicas, pg_url: str) -> None:
    one, _ = replicas
    version = store.data_version(one)
    assert store.is_empty(one)
    done = subprocess.run(
        [sys.executable, "-c", IMPORTER, pg_url, str(ROOT / "data" / "examples" / "intervals_example.csv")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.stdout.strip() == "ok", done.stderr
    assert not store.is_empty(one)
    assert store.data_version(one) > version  # the other process's write reaches every cache key
    history = store.read_imports(one)
    assert history["imported_by"].tolist() == ["replica-2"]
    assert history["rows_imported"].iloc[0] == len(store.read_intervals(one)) > 0


def test_two_planners_saving_one_scenario_at_once_get_the_message(replicas) -> None:
    one, two = replicas
    store.save_scenario(one, name="Evenings", spec={"v": 0}, spec_version=1, user="anna")
    opened = {name: store.read_scenarios(con).iloc[0]["updated_at"]
              for name, con in (("anna", one), ("bob", two))}
    assert opened["anna"] == opened["bob"]
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(user: str, con: store.Connection) -> None:
        start.wait()
        try:
            store.save_scenario(con, name="Evenings", spec={"v": user}, spec_version=1, user=user,
                                expected_updated_at=opened[user])
            outcomes[user] = "saved"
        except store.ScenarioChangedError as exc:
            outcomes[user] = exc

    threads = [threading.Thread(target=save, args=(u, c)) for u, c in (("anna", one), ("bob", two))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winner = next(user for user, outcome in outcomes.items() if outcome == "saved")
    loser = next(user for user in outcomes if user != winner)
    refused = outcomes[loser]
    assert isinstance(refused, store.ScenarioChangedError)
    assert f"was changed by {winner} at" in refused.message("en")
    assert f"is gewijzigd door {winner} om" in refused.message("nl")
    for con in (one, two):  # both replicas read the winner's version
        row = store.read_scenarios(con).iloc[0]
        assert (row["spec"], row["updated_by"]) == ({"v": winner}, winner)
        assert isinstance(row["updated_at"], pd.Timestamp)
