"""The planning interval a file fits, proposed before import, and series at another interval
going to a series of their own (``kcc.ingest.interval_fit``)."""

from __future__ import annotations

import pandas as pd
import pytest

from kcc import importer, store
from kcc.ingest import fitting_interval, source_interval
from tests.conftest import real_file


def _counts(step_min: int, n: int = 200, start: str = "2024-03-04 08:00", value: int = 1) -> importer.SourceFile:
    starts = pd.date_range(start, periods=n, freq=f"{step_min}min")
    text = "start,offered\n" + "".join(f"{s:%Y-%m-%d %H:%M},{value}\n" for s in starts)
    return importer.read_source(text.encode(), f"counts_{step_min}min.csv")


@pytest.mark.parametrize(
    ("source_min", "wanted_min", "expected"),
    [
        (6, 15, 30),  # 15 is no multiple of 6; 30 is the nearest that is
        (6, 30, 30),
        (6, 60, 60),
        (10, 15, 30),
        (5, 15, 15),
        (15, 15, 15),
        (30, 15, 30),
        (60, 15, 60),
        (60, 30, 60),
        (45, 15, None),  # no planning interval is a multiple of 45 min
    ],
)
def test_the_nearest_planning_interval_the_source_divides(source_min: int, wanted_min: int,
                                                          expected: int | None) -> None:
    assert fitting_interval(source_min, wanted_min) == expected


def test_a_six_minute_file_is_proposed_at_30_minutes_and_says_why() -> None:
    source = _counts(6)
    mapping = importer.guess_mapping(source)
    assert source_interval(source, mapping) == 6
    fit = importer.fit_interval(source, mapping, 15)
    assert (fit.wanted_min, fit.interval_min, fit.source_interval_min, fit.adjusted) == (15, 30, 6, True)
    notice = fit.notice(source.name)
    assert notice is not None and notice.severity == importer.NOTICE
    assert notice.message("en") == (
        "This file holds 6 min intervals, which do not add up to 15 min: it will be imported at "
        "30 min, the nearest planning interval that fits."
    )
    assert notice.message("nl") == (
        "Dit bestand bevat intervallen van 6 min, die niet optellen tot 15 min: het wordt "
        "geïmporteerd in 30 min, het dichtstbijzijnde planningsinterval dat past."
    )
    refusal = fit.refusal(source.name)
    assert refusal is not None and refusal.severity == importer.ERROR
    assert refusal.message("en").startswith("6 min intervals cannot be added up to 15 min; choose 30 min")
    assert refusal.message("nl").startswith("Intervallen van 6 min kunnen niet worden opgeteld tot 15 min; kies 30 min")


def test_a_file_that_fits_and_contact_records_keep_the_planning_interval() -> None:
    for source in (_counts(5), _counts(15)):
        fit = importer.fit_interval(source, importer.guess_mapping(source), 15)
        assert (fit.interval_min, fit.adjusted, fit.notice(source.name)) == (15, False, None)
    text = "arrival,outcome\n" + "".join(f"2024-03-04 08:{i:02d}:17,answered\n" for i in range(0, 60, 6))
    calls = importer.read_source(text.encode(), "calls.csv")
    fit = importer.fit_interval(calls, importer.guess_mapping(calls, "contacts"), 15)
    assert (fit.interval_min, fit.source_interval_min) == (15, None), "contacts fit any interval"
    with pytest.raises(ValueError, match="wanted_min must be one of"):
        importer.fit_interval(calls, importer.guess_mapping(calls, "contacts"), 20)


def test_the_real_six_minute_arrivals_file_imports_at_the_proposed_interval(mem_con) -> None:  # noqa: ANN001
    path = real_file("anonymous-bank-1999/arrivals_1999_6min.csv")
    calls = pd.read_csv(path)["calls"].sum()
    source = importer.read_source(path)
    mapping = importer.guess_mapping(source)
    fit = importer.fit_interval(source, mapping, 15)
    assert (fit.source_interval_min, fit.interval_min) == (6, 30)
    assert not importer.run_import(mem_con, source, mapping, interval_min=15).ok
    held = importer.run_import(mem_con, source, mapping, interval_min=fit.interval_min)
    assert held.to_confirm == ("dst_gap",), "only the calls in the hour summer time skips"
    result = importer.run_import(mem_con, source, mapping, interval_min=fit.interval_min,
                                 confirm=held.to_confirm)
    assert result.ok, [p.reason for p in result.problems]
    assert (result.source_interval_min, result.interval_min) == (6, 30)
    volumes = store.read_intervals(mem_con)
    assert set(volumes["interval_min"]) == {30}
    assert volumes["offered"].sum() == calls, "every call of the file, none lost in the roll-up"


def test_the_preview_names_series_stored_at_another_interval(mem_con) -> None:  # noqa: ANN001
    assert importer.run_import(mem_con, _counts(15), importer.guess_mapping(_counts(15))).ok
    source = _counts(6, start="2024-04-01 08:00")
    mapping = importer.guess_mapping(source)
    series = importer.sample_series(source, mapping)
    assert series.to_dict("records") == [{"channel": "phone", "queue": "default"}]
    renames, notices = importer.separate_series(mem_con, source.name, series, 30)
    assert renames == {("phone", "default"): "default (30 min)"}
    assert [p.code for p in notices] == ["separate_series"]
    assert importer.separate_series(mem_con, source.name, series, 15) == ({}, [])


def test_contact_records_at_another_interval_get_their_own_series(mem_con) -> None:  # noqa: ANN001
    """Contacts and intervals of a contact file both go to the separate series; the stored
    series keeps its rows; the same file again replaces its own series."""
    def calls(day: str) -> importer.SourceFile:
        text = "call_id,arrival,outcome\n" + "".join(
            f"{day}-{i},2024-03-{day} {8 + i // 12:02d}:{5 * (i % 12):02d}:00,{'HANG' if i % 4 == 0 else 'AGENT'}\n"
            for i in range(48)
        )
        return importer.read_source(text.encode(), f"calls_{day}.csv")

    first = calls("04")
    assert importer.run_import(mem_con, first, importer.guess_mapping(first, "contacts")).ok
    second = calls("05")
    mapping = importer.guess_mapping(second, "contacts")
    result = importer.run_import(mem_con, second, mapping, interval_min=60)
    assert result.ok, [p.reason for p in result.problems]
    assert result.series == ("phone/default (60 min)",)
    assert [p.code for p in result.problems] == ["separate_series"]
    volumes = store.read_intervals(mem_con).groupby(["queue", "interval_min"])["offered"].sum()
    assert volumes.to_dict() == {("default", 15): 48.0, ("default (60 min)", 60): 48.0}
    assert store.table_counts(mem_con)["contacts"] == 96
    again = importer.run_import(mem_con, second, mapping, interval_min=60)
    assert again.ok and store.table_counts(mem_con)["contacts"] == 96
    assert store.read_intervals(mem_con)["offered"].sum() == 96
