"""Long-range history: files of totals per day, week or month import unedited, with the
granularity detected and stored as the storage contract says (``ds`` at the period's local
midnight, ``interval_min`` the period's length)."""

from __future__ import annotations

import pandas as pd
import pytest

from kcc import config, importer, store
from kcc.i18n import show_stored


def _source(text: str, name: str = "history.csv") -> importer.SourceFile:
    return importer.read_source(text.encode("utf-8"), name)


def _import(con, text: str, name: str = "history.csv") -> importer.ImportResult:
    source = _source(text, name)
    return importer.run_import(con, source, importer.guess_mapping(source))


def _daily_file(days: int = 400) -> str:
    """The shape managers hold: ``date;calls;weekday``, dates without leading zeros."""
    dates = pd.date_range("2013-01-01", periods=days, freq="D")
    rows = [f"{d.day}-{d.month}-{d.year};{200 + (d.day_of_week * 13) % 50};{d.day_name()}" for d in dates]
    return "date;calls;weekday\n" + "\n".join(rows) + "\n"


def _monthly_file(months: list[str]) -> str:
    """The monthly report shape: ``Month,Inbound Calls,...`` with one month per row."""
    rows = [f"{m},{10_000 + 100 * i},{9_000 + 90 * i},{600 + i}" for i, m in enumerate(months)]
    return "Month,Inbound Calls,Answered Calls,Abandoned Calls\n" + "\n".join(rows) + "\n"


def test_daily_file_with_day_month_year_dates_imports_unedited(mem_con) -> None:
    result = _import(mem_con, _daily_file())
    assert result.ok, [p.reason for p in result.problems]
    assert result.granularity == "day" and result.rows_imported == 400
    assert store.series_granularity(mem_con, "phone", "default") == "day"
    stored = store.read_intervals(mem_con)
    assert set(stored["interval_min"]) == {config.DAY_MIN}
    local = stored["ds"].dt.tz_convert(config.timezone())
    assert (local == local.dt.normalize()).all()  # each day at its local midnight
    assert local.iloc[0].date() == pd.Timestamp("2013-01-01").date()
    assert stored["offered"].iloc[0] == 200 + (1 * 13) % 50  # 1 January 2013 was a Tuesday
    # the Data page tells the user what was stored and where intraday profiles are chosen
    notice = next(p for p in result.problems if p.code == "long_range_day")
    assert notice.message("en").startswith("This file holds totals per day and is stored as a daily series.")
    assert notice.message("nl").startswith("Dit bestand bevat totalen per dag en wordt opgeslagen als dagreeks.")


def test_monthly_report_with_month_names_imports_unedited(mem_con) -> None:
    months = [f"{m:%b %Y}" for m in pd.date_range("2023-01-01", periods=24, freq="MS")]
    result = _import(mem_con, _monthly_file(months), "monthly.csv")
    assert result.ok, [p.reason for p in result.problems]
    assert result.granularity == "month"
    assert store.series_granularity(mem_con, "phone", "default") == "month"
    stored = store.read_intervals(mem_con)
    local = stored["ds"].dt.tz_convert(config.timezone()).dt.tz_localize(None)
    minutes = dict(zip(local.dt.strftime("%Y-%m"), stored["interval_min"], strict=True))
    assert minutes["2023-01"] == 44_640 and minutes["2023-02"] == 40_320 and minutes["2024-02"] == 41_760
    assert minutes["2023-04"] == 43_200
    assert stored["answered"].iloc[0] == 9_000 and stored["abandoned"].iloc[1] == 601


@pytest.mark.parametrize(
    ("cells", "first"),
    [
        (["april 2024", "mei 2024", "juni 2024"], "2024-04-01"),
        (["2024-04", "2024-05", "2024-06"], "2024-04-01"),
        (["januari 2024", "februari 2024", "maart 2024"], "2024-01-01"),
        (["feb 2024", "mrt 2024", "apr 2024"], "2024-02-01"),
        (["sep. 2024", "okt. 2024", "nov. 2024"], "2024-09-01"),
        (["April 2024", "May 2024", "June 2024"], "2024-04-01"),
    ],
)
def test_month_forms_in_english_and_dutch(mem_con, cells: list[str], first: str) -> None:
    result = _import(mem_con, _monthly_file(cells))
    assert result.ok, [p.reason for p in result.problems]
    assert result.granularity == "month" and result.rows_imported == 3
    local = store.read_intervals(mem_con)["ds"].dt.tz_convert(config.timezone())
    assert str(local.iloc[0].date()) == first


@pytest.mark.parametrize(
    ("cells", "granularity", "minutes"),
    [
        ([f"{d:%Y-%m-%d}" for d in pd.date_range("2013-01-01", periods=30, freq="D")], "day", 1440),
        ([f"{d:%Y-%m-%d}" for d in pd.date_range("2024-01-01", periods=20, freq="W-MON")], "week", 10_080),
        ([f"{d:%d-%m-%Y}" for d in pd.date_range("2024-01-01", periods=12, freq="MS")], "month", 43_200),
        ([f"2024-W{w:02d}" for w in range(1, 21)], "week", 10_080),
        ([f"{d:%Y-%m-%d} 00:00" for d in pd.date_range("2024-01-01", periods=30, freq="D")], "day", 1440),
    ],
)
def test_granularity_is_detected(mem_con, cells: list[str], granularity: str, minutes: int) -> None:
    text = "date,offered\n" + "".join(f"{c},{100 + i}\n" for i, c in enumerate(cells))
    result = _import(mem_con, text)
    assert result.ok, [p.reason for p in result.problems]
    assert result.granularity == granularity
    assert store.series_granularity(mem_con, "phone", "default") == granularity
    assert minutes in set(store.read_intervals(mem_con)["interval_min"])


def test_iso_weeks_start_on_their_monday(mem_con) -> None:
    assert _import(mem_con, "week,offered\n2024-W05,10\n2024-W06,12\n").ok
    local = store.read_intervals(mem_con)["ds"].dt.tz_convert(config.timezone())
    assert [str(d.date()) for d in local] == ["2024-01-29", "2024-02-05"]


def test_daily_file_skipping_closed_sundays_stays_daily(mem_con) -> None:
    days = [d for d in pd.date_range("2024-01-01", periods=60, freq="D") if d.day_of_week != 6]
    text = "datum;aantal\n" + "".join(f"{d:%d-%m-%Y};{50}\n" for d in days)
    result = _import(mem_con, text)
    assert result.ok and result.granularity == "day"


def test_bad_cells_name_row_column_and_why_in_both_languages(mem_con) -> None:
    before = store.snapshot(mem_con)
    text = _daily_file(20).replace("\n5-1-2013;", "\n32-1-2013;").replace(";200;", ";many;", 1)
    result = _import(mem_con, text)
    assert not result.ok
    date = next(p for p in result.problems if p.code == "time_unparseable")
    assert (date.row, date.column, date.value) == (5, "date", "32-1-2013")
    assert date.message("en") == "'32-1-2013' is not a date/time in the format %d-%m-%Y."
    assert date.message("nl") == "'32-1-2013' is geen datum/tijd in de notatie %d-%m-%Y."
    number = next(p for p in result.problems if p.code == "non_numeric")
    assert number.column == "calls" and number.value == "many"
    for table, frame in store.snapshot(mem_con).items():  # nothing written
        pd.testing.assert_frame_equal(frame, before[table])


def test_a_month_given_twice_is_refused_naming_the_first_row(mem_con) -> None:
    result = _import(mem_con, _monthly_file(["Apr 2024", "May 2024", "april 2024"]))
    assert not result.ok
    problem = next(p for p in result.problems if p.code == "duplicate_interval")
    assert (problem.row, problem.params) == (3, problem.params)
    assert dict(problem.params)["first_row"] == 1
    assert store.table_counts(mem_con)["interval_volumes"] == 0


def test_times_of_day_a_day_apart_name_what_is_missing(mem_con) -> None:
    text = "start,offered\n" + "".join(
        f"{d:%Y-%m-%d} 08:00,10\n" for d in pd.date_range("2024-01-01", periods=10, freq="D")
    )
    result = _import(mem_con, text)
    assert not result.ok
    (problem,) = [p for p in result.problems if p.code == "no_interval_length"]
    assert " min " not in problem.message("en")  # the old text left the length blank
    assert problem.message("en").startswith("No interval length can be read from start: no two rows")
    assert problem.message("nl").startswith("Uit start is geen intervallengte af te leiden")
    assert "'2024-01-01 08:00'" in problem.message("nl")


def test_import_history_records_the_granularity(mem_con) -> None:
    assert _import(mem_con, _daily_file(30)).ok
    message = store.read_imports(mem_con)["message"].iloc[0]
    assert show_stored(message, "en") == "totals per day"
    assert show_stored(message, "nl") == "totalen per dag"


def test_periods_never_mix_into_an_intraday_series(mem_con) -> None:
    intraday = "start,offered\n" + "".join(
        f"2024-01-01 {h:02d}:{m:02d},5\n" for h in range(8, 18) for m in (0, 15, 30, 45)
    )
    assert _import(mem_con, intraday).ok
    result = _import(mem_con, _daily_file(30))
    assert result.ok and result.series == ("phone/default (day)",)
    notice = next(p for p in result.problems if p.code == "separate_periods")
    assert "Phone · default (day)" in notice.message("en") and "eigen reeks" in notice.message("nl")
    assert store.series_granularity(mem_con, "phone", "default") == "interval"
    assert store.series_granularity(mem_con, "phone", "default (day)") == "day"
    assert store.series_interval_min(mem_con, "phone", "default") == 15


def test_reimporting_a_month_replaces_it(mem_con) -> None:
    assert _import(mem_con, _monthly_file(["Jan 2024", "Feb 2024"])).ok
    again = _import(mem_con, "Month,Inbound Calls\nFeb 2024,7\nMar 2024,8\n")
    assert again.ok and again.rows_replaced == 1
    assert store.read_intervals(mem_con)["offered"].tolist() == [10_000, 7, 8]


def test_granularity_of_minutes() -> None:
    assert [config.granularity_of(m) for m in (15, 1440, 10_080, 40_320, 44_640)] == [
        "interval", "day", "week", "month", "month"]
    with pytest.raises(ValueError, match="2880"):
        config.granularity_of(2880)
    with pytest.raises(store.StoreError, match="no stored series phone/none"):
        store.series_granularity(store.connect(":memory:"), "phone", "none")
