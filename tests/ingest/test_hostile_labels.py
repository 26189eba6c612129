"""Hostile channel and queue names through the import (an interval file and a contact file):
stored as typed, no SQL runs, and a problem names the value as data, in English and Dutch."""

from __future__ import annotations

import dataclasses

from kcc import importer, store
from tests.pages.test_literal_labels import ATTACKS, attack_files, import_attacks


def test_hostile_names_are_stored_as_typed_and_no_sql_runs() -> None:
    con = store.connect(":memory:")
    import_attacks(con)
    series = store.series_summary(con)
    assert sorted(series[series["channel"] == "phone"]["queue"]) == sorted(ATTACKS)
    assert sorted(series[series["channel"] == "chat"]["queue"]) == sorted(ATTACKS)
    # the contacts table the SQL label names is still there, with every contact of the file
    assert store.read_intervals(con, channel="chat")["offered"].sum() == len(ATTACKS) * 3 * 2 * 3
    history = store.read_imports(con)
    assert set(history["imported_by"]) == {ATTACKS[1]} and set(history["file_name"]) == {ATTACKS[0] + ".csv"}


def test_an_unmapped_hostile_channel_is_named_as_data_in_both_languages() -> None:
    con = store.connect(":memory:")
    source = importer.read_source(attack_files()[0], "intervals.csv")
    result = importer.run_import(con, source, importer.guess_mapping(source), interval_min=15)
    assert not result.ok
    problem = result.problems[0]
    assert (problem.code, problem.value) == ("channel_unmapped", ATTACKS[0])
    assert problem.message("en") == "Channel value '<script>alert(1)</script>' is not mapped to a channel."
    assert problem.message("nl") == "Kanaalwaarde '<script>alert(1)</script>' is niet aan een kanaal toegewezen."
    assert store.series_summary(con).empty, "nothing imported"
    mapped = dataclasses.replace(importer.guess_mapping(source), channel_map=((ATTACKS[3].lower(), "phone"),))
    assert not importer.run_import(con, source, mapped, interval_min=15).ok
