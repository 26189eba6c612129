"""The browser journeys' stand-ins for the real bank files (``tests/journey_files.py``) have
the real files' shape: the import reads them with the same mapping and interval length."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest

from kcc import importer, store
from tests.conftest import real_file
from tests.journey_files import ANONYMOUS_BANK, US_BANK, anonymous_bank_like, us_bank_like


def _mapping(path: Path) -> importer.Mapping:
    return importer.guess_mapping(importer.read_source(path.read_bytes(), path.name))


@pytest.mark.parametrize(("relative", "make"), [(US_BANK, us_bank_like), (ANONYMOUS_BANK, anonymous_bank_like)],
                         ids=["us-bank", "anonymous-bank"])
def test_a_stand_in_is_read_like_the_real_file(relative: str, make, tmp_path: Path,  # noqa: ANN001
                                               mem_con: duckdb.DuckDBPyConnection) -> None:
    made = make(tmp_path / Path(relative).name)
    guessed = _mapping(made)
    source = importer.read_source(made.read_bytes(), made.name)
    assert importer.run_import(mem_con, source, guessed, user="tester").ok
    assert store.series_summary(mem_con)["channel"].tolist() == ["phone"]
    if relative == ANONYMOUS_BANK:
        assert guessed.kind == "contacts" and guessed.customer_id == "customer_id"
        assert dict(guessed.outcome_map) == {"AGENT": "answered", "HANG": "abandoned", "PHANTOM": "ignore"}
    else:
        assert guessed.kind == "intervals" and guessed.offered == "calls"
    real = real_file(relative)
    assert dataclasses.asdict(guessed) == dataclasses.asdict(_mapping(real))
    fit = importer.fit_interval(source, guessed, 15)
    real_source = importer.read_source(real.read_bytes(), real.name)
    assert fit == importer.fit_interval(real_source, _mapping(real), 15)
