"""Importer plausibility rules: values that cannot be true are refused, values that are
unlikely are held back until the user confirms them; a refused file changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcc import importer, store

#: The day the date rules are judged by in these tests (never the machine's clock).
TODAY = date(2026, 12, 5)
RULES = importer.PlausibilityRules(today=TODAY)

_COUNTS = importer.Mapping(
    kind="intervals", timestamp="start", offered="offered", datetime_format="%Y-%m-%d %H:%M"
)
_CONTACTS = importer.Mapping(
    kind="contacts", timestamp="arrival", handle_s="handle_s", wait_s="wait_s",
    datetime_format="%Y-%m-%d %H:%M:%S",
)


def _csv(text: str, name: str = "test.csv") -> importer.SourceFile:
    return importer.read_source(text.encode(), name)


def _quarters(start: str, n: int) -> list[str]:
    return [f"{t:%Y-%m-%d %H:%M}" for t in pd.date_range(start, periods=n, freq="15min")]


def _counts(rows: list[tuple[str, ...]], header: str = "start,offered") -> str:
    return header + "\n" + "".join(",".join(r) + "\n" for r in rows)


def _refused(con: duckdb.DuckDBPyConnection, text: str, mapping: importer.Mapping,
             **kw: object) -> importer.ImportResult:
    """Import ``text``; assert it was refused and the store is exactly as before."""
    before = store.snapshot(con)
    result = importer.run_import(con, _csv(text), mapping, rules=RULES, **kw)  # type: ignore[arg-type]
    assert not result.ok
    after = store.snapshot(con)
    assert after.keys() == before.keys()
    for table, frame in before.items():
        pd.testing.assert_frame_equal(after[table], frame)
    return result


def _imported(con: duckdb.DuckDBPyConnection, text: str, mapping: importer.Mapping,
              **kw: object) -> importer.ImportResult:
    result = importer.run_import(con, _csv(text), mapping, rules=RULES, **kw)  # type: ignore[arg-type]
    assert result.ok, [p.reason for p in result.problems]
    return result


@pytest.fixture
def con_with_history(mem_con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A store that already holds one import, so 'unchanged' is not trivially empty."""
    _imported(mem_con, _counts([(s, "3") for s in _quarters("2024-01-01 08:00", 8)]), _COUNTS)
    return mem_con


# --------------------------------------------------------------------------- counts


def test_infinite_counts_are_refused_and_name_the_cell(con_with_history) -> None:
    rows = [(s, "4") for s in _quarters("2024-02-01 08:00", 4)]
    rows[1] = (rows[1][0], "inf")
    rows[3] = (rows[3][0], "1e309")
    result = _refused(con_with_history, _counts(rows), _COUNTS)
    assert result.to_confirm == ()  # an error: no confirmation can import it
    first, second = result.errors
    assert (first.code, first.row, first.column, first.value) == ("not_finite", 2, "offered", "inf")
    assert (second.row, second.value) == (4, "1e309")
    assert first.message("en") == "'inf' in column 'offered' is not a finite number."
    assert first.message("nl") == "'inf' in kolom 'offered' is geen eindig getal."


def test_a_count_above_the_ceiling_is_refused(con_with_history) -> None:
    rows = [(s, "4") for s in _quarters("2024-02-01 08:00", 4)]
    rows[2] = (rows[2][0], "1e12")
    result = _refused(con_with_history, _counts(rows), _COUNTS,
                      confirm=importer.WARNING_CODES)  # confirming every warning does not help
    (problem,) = result.problems
    assert (problem.code, problem.severity, problem.row) == ("count_ceiling", "error", 3)
    assert problem.message("en") == (
        "1e12 in column 'offered' is more than 1,000,000 contacts in one interval, which no "
        "contact centre takes: check the unit and the export."
    )
    assert problem.message("nl") == (
        "1e12 in kolom 'offered' is meer dan 1.000.000 contacten in één interval, wat geen "
        "enkel contactcenter krijgt: controleer de eenheid en de export."
    )


def test_the_count_ceiling_is_configurable(mem_con) -> None:
    text = _counts([(s, v) for s, v in zip(_quarters("2024-02-01 08:00", 2), ("150", "90"), strict=True)])
    source = _csv(text)
    small = replace(RULES, max_count=100.0)
    result = importer.run_import(mem_con, source, _COUNTS, rules=small)
    assert [(p.code, p.row) for p in result.problems] == [("count_ceiling", 1)]
    assert "more than 100 contacts" in result.problems[0].reason
    assert importer.run_import(mem_con, source, _COUNTS, rules=RULES).ok


def _busy_day(outlier: str) -> str:
    # 40 quarter-hours with 20-40 contacts each, and one outlier.
    rows = [(s, str(20 + i % 21)) for i, s in enumerate(_quarters("2024-02-01 08:00", 40))]
    rows[25] = (rows[25][0], outlier)
    return _counts(rows)


def test_a_count_far_above_its_series_needs_confirmation(con_with_history) -> None:
    text = _busy_day("250000")
    result = _refused(con_with_history, text, _COUNTS)
    assert result.to_confirm == ("far_above_series",)
    (problem,) = result.problems
    assert (problem.severity, problem.row, problem.column, problem.value) == (
        "warning", 26, "offered", "250000")
    assert problem.message("en") == (
        "250000 in column 'offered' is more than 50 times the usual level of series "
        "Phone · default (38.0 contacts: the 90th percentile of its intervals with contacts). "
        "Check for a unit or export error."
    )
    assert problem.message("nl") == (
        "250000 in kolom 'offered' is meer dan 50 keer het gewone niveau van reeks "
        "Telefoon · standaard (38,0 contacten: het 90e percentiel van de intervallen met contacten). "
        "Controleer op een fout in eenheid of export."
    )
    result = _imported(con_with_history, text, _COUNTS, confirm=("far_above_series",))
    assert result.warnings == (problem,)
    assert store.read_intervals(con_with_history)["offered"].max() == 250000


def test_a_busy_interval_is_not_far_above_its_series(mem_con) -> None:
    # Ten times the usual level (a campaign or an outage) is real.
    assert not _imported(mem_con, _busy_day("380"), _COUNTS).problems
    # A quiet queue (1-3 contacts) is judged as if its level were 10: up to 500 passes.
    quiet = [(s, str(1 + i % 3)) for i, s in enumerate(_quarters("2024-03-01 08:00", 40))]
    for value, codes in (("500", []), ("501", ["far_above_series"])):
        quiet[7] = (quiet[7][0], value)
        result = importer.run_import(mem_con, _csv(_counts(quiet)), _COUNTS, rules=RULES)
        assert [p.code for p in result.warnings] == codes


def test_answered_plus_abandoned_above_offered_needs_confirmation(con_with_history) -> None:
    mapping = replace(_COUNTS, answered="answered", abandoned="abandoned")
    header = "start,offered,answered,abandoned"
    starts = _quarters("2024-02-01 08:00", 4)
    # Within the tolerance: 0.5 contact (rounded averages) or 1 % of 200.
    fine = [(starts[0], "10", "9.5", "1"), (starts[1], "200", "190", "12")]
    assert not _imported(con_with_history, _counts(fine, header), mapping).problems
    bad = [*fine, (starts[2], "10", "9", "3"), (starts[3], "10", "11", "")]
    result = _refused(con_with_history, _counts(bad, header), mapping)
    assert result.to_confirm == ("counts_exceed_offered",)
    assert [(p.row, p.column, p.value) for p in result.problems] == [
        (3, "answered + abandoned", "12 > 10"), (4, "answered + abandoned", "11 > 10"),
    ]
    assert result.problems[0].message("en") == (
        "Answered plus abandoned (12) is more than offered (10). Allowed for rounding is 0.5 "
        "contact or 1% of offered, whichever is larger."
    )
    assert result.problems[0].message("nl") == (
        "Beantwoord plus afgehaakt (12) is meer dan aangeboden (10). Toegestaan voor afronding "
        "is 0,5 contact of 1% van aangeboden, wat het grootst is."
    )
    _imported(con_with_history, _counts(bad, header), mapping, confirm=("counts_exceed_offered",))


def test_one_column_in_two_roles_is_refused_before_reading(con_with_history) -> None:
    text = _counts([(s, "5") for s in _quarters("2024-02-01 08:00", 4)])
    mapping = replace(_COUNTS, answered="offered", abandoned="offered")
    early = importer.check_mapping(_csv(text), mapping)
    assert [(p.code, p.column) for p in early] == [("column_two_roles", "offered")]
    assert early[0].message("en") == (
        "Column 'offered' is mapped to more than one role (offered, answered, abandoned); a "
        "column can mean one thing only. Pick another column for all but one of them."
    )
    assert early[0].message("nl") == (
        "Kolom 'offered' is aan meer dan één rol toegewezen (aangeboden, beantwoord, afgehaakt); "
        "een kolom kan maar één ding betekenen. Kies voor alle rollen op één na een andere kolom."
    )
    result = _refused(con_with_history, text, mapping, confirm=importer.WARNING_CODES)
    assert result.problems == tuple(early)


# --------------------------------------------------------------------------- dates


def test_a_date_beyond_the_longest_plan_is_refused(con_with_history) -> None:
    rows = [(s, "4") for s in _quarters("2024-02-01 08:00", 2)] + [("2099-02-01 08:00", "4")]
    result = _refused(con_with_history, _counts(rows), _COUNTS, confirm=importer.WARNING_CODES)
    (problem,) = result.problems
    assert (problem.code, problem.severity, problem.row) == ("date_beyond_horizon", "error", 3)
    assert problem.message("en") == (
        "'2099-02-01 08:00' lies after 2028-12-02, more than 104 weeks (the longest plan) after "
        "today; history cannot come from that far ahead. Check the year and the date format."
    )
    assert problem.message("nl") == (
        "'2099-02-01 08:00' ligt na 02-12-2028, meer dan 104 weken (de langste planning) na "
        "vandaag; historie kan niet zo ver vooruit liggen. Controleer het jaar en de datumnotatie."
    )


def test_a_date_after_today_needs_confirmation(con_with_history) -> None:
    # Today's intervals are history already; tomorrow's are not.
    rows = [(s, "4") for s in _quarters("2026-12-05 23:30", 4)]
    result = _refused(con_with_history, _counts(rows), _COUNTS)
    assert result.to_confirm == ("future_date",)
    assert [(p.row, p.value) for p in result.problems] == [(3, "2026-12-06 00:00"), (4, "2026-12-06 00:15")]
    assert result.problems[0].message("en") == (
        "'2026-12-06 00:00' lies after today (2026-12-05). History from the future moves the "
        "start of every plan past it; import anyway only if the file's dates are right."
    )
    assert result.problems[0].message("nl") == (
        "'2026-12-06 00:00' ligt na vandaag (05-12-2026). Historie uit de toekomst schuift het "
        "begin van elke planning voorbij die datum; importeer alleen als de datums in het "
        "bestand kloppen."
    )
    _imported(con_with_history, _counts(rows), _COUNTS, confirm=("future_date",))


def test_today_defaults_to_the_centres_wall_clock() -> None:
    now = pd.Timestamp.now(tz="Europe/Amsterdam").date()
    assert importer.PlausibilityRules().local_today() in (now, now + timedelta(days=1))


# --------------------------------------------------------------------------- summer time


_SPRING = "2024-03-31"


def test_counts_in_the_skipped_spring_hour_are_named_and_need_confirmation(con_with_history) -> None:
    # A day exported with all 96 quarter-hours: 02:00-02:45 do not exist on the local clock.
    rows = [(s, "2") for s in _quarters(f"{_SPRING} 00:00", 96)]
    text = _counts(rows)
    result = _refused(con_with_history, text, _COUNTS)
    assert result.to_confirm == ("dst_gap",)
    assert [(p.row, p.value) for p in result.problems] == [
        (9, f"{_SPRING} 02:00"), (10, f"{_SPRING} 02:15"), (11, f"{_SPRING} 02:30"),
        (12, f"{_SPRING} 02:45"),
    ]
    assert result.problems[1].message("en") == (
        f"'{_SPRING} 02:15' falls in the hour the clocks skip when summer time starts "
        "(02:00–03:00): that local time does not exist. Importing adds the counts of this row "
        "to the interval starting at 03:00."
    )
    assert result.problems[1].message("nl") == (
        f"'{_SPRING} 02:15' valt in het uur dat de klok overslaat bij de start van de zomertijd "
        "(02:00–03:00): die lokale tijd bestaat niet. Bij importeren worden de aantallen van "
        "deze regel opgeteld bij het interval dat om 03:00 begint."
    )
    _imported(con_with_history, text, _COUNTS, confirm=("dst_gap",))
    day = store.read_intervals(con_with_history, start=pd.Timestamp(_SPRING))
    assert len(day) == 92 and day["offered"].sum() == 96 * 2
    at_three = day.loc[day["ds"].dt.strftime("%H:%M") == "03:00", "offered"]
    assert at_three.tolist() == [2 + 4 * 2], "what the message says: the hour lands on 03:00"


def test_empty_rows_in_the_skipped_hour_are_only_a_notice(mem_con) -> None:
    rows = [(s, "0" if s[11:13] == "02" else "2") for s in _quarters(f"{_SPRING} 00:00", 96)]
    result = _imported(mem_con, _counts(rows), _COUNTS)
    (notice,) = result.problems
    assert (notice.code, notice.severity, notice.row) == ("dst_gap_empty", "notice", 9)
    assert notice.message("en") == (
        f"4 rows, such as '{_SPRING} 02:00', fall in the hour the clocks skip when summer time "
        "starts (02:00–03:00); that local time does not exist. They hold no contacts, so they "
        "change nothing."
    )
    assert notice.message("nl").startswith(f"4 regels, zoals '{_SPRING} 02:00', vallen in het uur")


# --------------------------------------------------------------------------- contact records


def _both_readings(monkeypatch: pytest.MonkeyPatch, text: str, **kw: object) -> list[importer.ImportResult]:
    """Refuse ``text`` with DuckDB typing the columns, and with every column read as text."""
    results = []
    for typed in (True, False):
        con = store.connect(":memory:")
        try:
            if not typed:
                monkeypatch.setattr(store.staging, "_fast_source", lambda source, columns: None)
            results.append(_refused(con, text, _CONTACTS, **kw))
            monkeypatch.undo()
        finally:
            con.close()
    assert [p.message("en") for p in results[0].problems] == [p.message("en") for p in results[1].problems]
    return results


def test_contact_times_must_be_finite_and_below_a_year(monkeypatch) -> None:
    text = (
        "arrival,handle_s,wait_s\n"
        "2024-02-01 08:00:00,60,5\n"
        "2024-02-01 08:01:00,inf,5\n"
        "2024-02-01 08:02:00,60,1e12\n"
        "2024-02-01 08:03:00,nan,5\n"
    )
    for result in _both_readings(monkeypatch, text, confirm=importer.WARNING_CODES):
        assert [(p.code, p.row, p.column, p.value) for p in result.problems] == [
            ("not_finite", 2, "handle_s", "inf"), ("not_finite", 4, "handle_s", "nan"),
            ("seconds_ceiling", 3, "wait_s", "1e12"),
        ]
        ceiling = result.problems[2]
        assert ceiling.message("en") == (
            "1e12 in column 'wait_s' is more than 31,622,400 s (a year) for one contact: check "
            "the unit (seconds, not milliseconds) and the export."
        )
        assert ceiling.message("nl") == (
            "1e12 in kolom 'wait_s' is meer dan 31.622.400 s (een jaar) voor één contact: "
            "controleer de eenheid (seconden, geen milliseconden) en de export."
        )


def test_contacts_far_in_the_future_are_refused(monkeypatch) -> None:
    text = "arrival,handle_s,wait_s\n2024-02-01 08:00:00,60,5\n2099-02-01 08:00:00,60,5\n"
    for result in _both_readings(monkeypatch, text, confirm=importer.WARNING_CODES):
        (problem,) = result.problems
        assert (problem.code, problem.row, problem.column) == ("date_beyond_horizon", 2, "arrival")
        assert problem.message("nl").startswith("'2099-02-01 08:00:00' ligt na 02-12-2028")


def test_contacts_after_today_and_in_the_skipped_hour_need_confirmation(mem_con) -> None:
    text = (
        "arrival,handle_s,wait_s\n"
        f"{_SPRING} 01:50:00,60,5\n{_SPRING} 02:10:00,60,5\n{_SPRING} 02:40:00,60,5\n"
        "2026-12-07 09:00:00,60,5\n"
    )
    result = _refused(mem_con, text, _CONTACTS)
    assert result.to_confirm == ("future_date", "dst_gap_contacts")
    assert [(p.code, p.row) for p in result.problems] == [
        ("future_date", 4), ("dst_gap_contacts", 2), ("dst_gap_contacts", 3),
    ]
    gap = result.problems[1]
    assert gap.message("en") == (
        f"'{_SPRING} 02:10:00' falls in the hour the clocks skip when summer time starts "
        "(02:00–03:00): that local time does not exist. Importing counts this contact 60 "
        "minutes later, as if the clock had already moved forward."
    )
    assert gap.message("nl") == (
        f"'{_SPRING} 02:10:00' valt in het uur dat de klok overslaat bij de start van de "
        "zomertijd (02:00–03:00): die lokale tijd bestaat niet. Bij importeren telt dit "
        "contact 60 minuten later, alsof de klok al was vooruitgezet."
    )
    # Confirming one of the two is not enough.
    assert _refused(mem_con, text, _CONTACTS, confirm=("future_date",)).to_confirm == (
        "future_date", "dst_gap_contacts")
    done = _imported(mem_con, text, _CONTACTS, confirm=result.to_confirm)
    # Once confirmed, the report names the first interval and counts the rest (naming rows
    # would read the whole file again).
    assert [(p.code, p.row, p.value) for p in done.warnings] == [
        ("future_date", None, "2026-12-07 09:00"), ("dst_gap_contacts", None, f"{_SPRING} 02:00"),
        ("more_rows", None, None),
    ]
    assert done.warnings[-1].message("en") == "... and 1 more rows with this problem in column 'arrival'."
    times = store.read_intervals(mem_con, start=pd.Timestamp(_SPRING), end=pd.Timestamp("2024-04-01"))
    assert times["ds"].dt.strftime("%H:%M").tolist() == ["01:45", "03:00", "03:30"]


# --------------------------------------------------------------------------- the API


def test_confirm_takes_known_warning_codes_only(mem_con) -> None:
    source = _csv(_counts([("2024-02-01 08:00", "1")]))
    with pytest.raises(ValueError, match="unknown warning code"):
        importer.run_import(mem_con, source, _COUNTS, confirm=("count_ceiling",))
    with pytest.raises(ValueError, match="not one string"):
        importer.run_import(mem_con, source, _COUNTS, confirm="future_date")  # type: ignore[arg-type]


def test_rules_are_validated() -> None:
    with pytest.raises(ValueError, match="max_count must be a finite number"):
        importer.PlausibilityRules(max_count=float("inf"))
    with pytest.raises(ValueError, match="future_weeks must be a whole number"):
        importer.PlausibilityRules(future_weeks=-1)


_CELLS = ["1", "4", "0", "inf", "1e309", "1e12", "250000", "-2", "x", ""]
_STARTS = ["2024-02-01 08:00", "2024-02-01 08:15", f"{_SPRING} 02:15", "2026-12-06 09:00",
           "2099-01-01 08:00", "2024-02-01 08:07"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(_STARTS), st.sampled_from(_CELLS), st.sampled_from(_CELLS)),
        min_size=1, max_size=10, unique_by=lambda r: r[0],
    ),
    confirm=st.lists(st.sampled_from(importer.WARNING_CODES), unique=True, max_size=5),
)
def test_a_refused_file_leaves_the_store_identical(con_with_history, rows, confirm) -> None:
    mapping = replace(_COUNTS, answered="answered")
    text = _counts([(s, o, a) for s, o, a in rows], "start,offered,answered")
    before = store.snapshot(con_with_history)
    result = importer.run_import(con_with_history, _csv(text), mapping, confirm=confirm, rules=RULES)
    if result.ok:
        assert {p.code for p in result.warnings} - {"more_rows"} <= set(confirm)
        return
    for table, frame in store.snapshot(con_with_history).items():
        pd.testing.assert_frame_equal(frame, before[table])
    if result.to_confirm:  # only warnings: confirming them imports the file
        again = importer.run_import(con_with_history, _csv(text), mapping,
                                    confirm=(*confirm, *result.to_confirm), rules=RULES)
        assert again.ok, [p.reason for p in again.problems]
