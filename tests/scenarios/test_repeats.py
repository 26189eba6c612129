"""First-contact resolution measured from customer ids, with customers not identified left out
(``kcc.store.read_repeat_rates``, ``kcc.scenarios.repeats``)."""

from __future__ import annotations

import pandas as pd
import pytest

from kcc import config, importer, store
from kcc.scenarios import RepeatMeasure, RepeatSettings, repeat_measures, unidentified_values
from tests.conftest import real_file

#: (customer id, day in March 2024, hour, outcome). Identified: A (days 1, 3, 20: the day-3
#: contact repeats day 1, day 20 is outside the 7-day window), B (days 1 and 2: one repeat),
#: C (once), and "-1" (twice on day 5: one repeat, unless the user names -1 as unknown).
#: Not identified: "0" four times, "000" once, an empty id twice, "unknown" and " Unknown ".
#: A contact that reached the closed channel is never a contact of the measure.
_ROWS = [
    ("A", 1, 9, "AGENT"), ("A", 3, 9, "AGENT"), ("A", 20, 9, "HANG"),
    ("B", 1, 10, "AGENT"), ("B", 2, 10, "AGENT"),
    ("C", 4, 11, "AGENT"),
    ("-1", 5, 9, "AGENT"), ("-1", 5, 10, "AGENT"),
    ("0", 1, 9, "AGENT"), ("0", 1, 10, "AGENT"), ("0", 2, 9, "HANG"), ("0", 3, 9, "AGENT"),
    ("000", 3, 12, "AGENT"), ("", 2, 11, "AGENT"), ("", 2, 12, "AGENT"),
    ("unknown", 6, 9, "AGENT"), (" Unknown ", 6, 10, "AGENT"),
    ("C", 4, 22, "CLOSED"),
]


def _import(con, rows: list[tuple[str, int, int, str]]) -> None:  # noqa: ANN001 - connection
    text = "call_id,customer,arrival,outcome\n" + "".join(
        f"{i},{c},2024-03-{d:02d} {h:02d}:{i % 60:02d}:00,{o}\n" for i, (c, d, h, o) in enumerate(rows)
    )
    source = importer.read_source(text.encode(), "calls.csv")
    mapping = importer.guess_mapping(source, "contacts")
    assert mapping.customer_id == "customer"
    mapping = importer.Mapping(**{**mapping.__dict__, "outcome_map": (
        ("AGENT", "answered"), ("HANG", "abandoned"), ("CLOSED", "closed"))})
    result = importer.run_import(con, source, mapping)
    assert result.ok, [p.reason for p in result.problems]


def test_unidentified_customers_are_left_out_of_the_measure(mem_con) -> None:  # noqa: ANN001
    _import(mem_con, _ROWS)
    (measure,) = repeat_measures(store.read_repeat_rates(mem_con)).values()
    # by hand: A 3 + B 2 + C 1 + "-1" 2 = 8 contacts; repeats A day 3, B day 2, "-1" second = 3
    assert measure == RepeatMeasure("phone", contacts=8, repeats=3, unidentified=9, window_days=7)
    assert measure.fcr == pytest.approx(5 / 8)
    # the user names -1 as "not identified" too
    frame = store.read_repeat_rates(mem_con, unidentified=unidentified_values("0; unknown, -1"))
    (measure,) = repeat_measures(frame).values()
    assert (measure.contacts, measure.repeats, measure.unidentified) == (6, 2, 11)
    assert measure.fcr == pytest.approx(4 / 6)
    # a one-day window: only "-1"'s second call repeats (B's day-2 call comes a day and a
    # minute after its first, A's day-3 call two days after)
    (short,) = repeat_measures(store.read_repeat_rates(mem_con, 1), 1).values()
    assert (short.contacts, short.repeats, short.window_days) == (8, 1, 1)


def test_ids_of_zeros_and_empty_ids_are_never_customers(mem_con) -> None:  # noqa: ANN001
    """With nothing named as unknown, "0", "000" and empty ids are still left out; "unknown"
    and " Unknown " then count as two customers of one contact each."""
    _import(mem_con, _ROWS)
    (measure,) = repeat_measures(store.read_repeat_rates(mem_con, unidentified=())).values()
    assert (measure.contacts, measure.repeats, measure.unidentified) == (10, 3, 7)


def test_no_customer_column_means_no_measure(mem_con) -> None:  # noqa: ANN001
    text = "arrival,outcome\n2024-03-01 09:00:00,answered\n2024-03-01 09:05:00,answered\n"
    source = importer.read_source(text.encode(), "calls.csv")
    assert importer.run_import(mem_con, source, importer.guess_mapping(source, "contacts")).ok
    assert store.read_repeat_rates(mem_con).empty
    assert repeat_measures(store.read_repeat_rates(mem_con)) == {}


def test_unidentified_values_as_typed() -> None:
    assert unidentified_values(" 0, Unknown ;; -1 ,0") == ("0", "unknown", "-1")
    assert unidentified_values("") == ()
    assert RepeatMeasure("chat", 0, 0, 5, 7).repeat_rate == 0.0


def test_the_anonymous_bank_file_measured_against_pandas(mem_con) -> None:  # noqa: ANN001
    """The real per-call file: customer_id 0 (59% of calls) means "not identified". The figure
    is computed again here with pandas from the file itself."""
    path = real_file("anonymous-bank-1999/calls_1999-02_per_call.tsv")
    source = importer.read_source(path)
    result = importer.run_import(mem_con, source, importer.guess_mapping(source, "contacts"))
    assert result.ok, [p.reason for p in result.problems]
    (measure,) = repeat_measures(store.read_repeat_rates(mem_con)).values()

    calls = pd.read_csv(path, sep="\t", dtype=str)
    calls = calls[calls["outcome"].isin(["AGENT", "HANG"])]  # PHANTOM calls are ignored
    unknown = calls["customer_id"].str.strip() == "0"
    known = calls[~unknown].assign(
        arrival=lambda f: pd.to_datetime(f["date"] + " " + f["vru_entry"], format="%y%m%d %H:%M:%S")
    ).sort_values("arrival")
    gap = known.groupby("customer_id")["arrival"].diff()
    repeats = int((gap <= pd.Timedelta(days=config.REPEAT_WINDOW_DAYS)).sum())
    assert unknown.mean() == pytest.approx(0.59, abs=0.01)
    assert (measure.contacts, measure.repeats, measure.unidentified) == (len(known), repeats, int(unknown.sum()))
    assert measure.fcr == pytest.approx(1 - repeats / len(known))


def test_repeat_settings_round_trip_and_defaults() -> None:
    kept = RepeatSettings((" 0 ", "N/A", "n/a", ""), 14)
    assert kept == RepeatSettings(("0", "n/a"), 14), "trimmed, lower case, each once"
    assert RepeatSettings.from_dict(kept.to_dict()) == kept
    assert RepeatSettings.from_dict(None) == RepeatSettings() == RepeatSettings(
        config.UNIDENTIFIED_CUSTOMER_IDS, config.REPEAT_WINDOW_DAYS)
    assert RepeatSettings.from_dict({"window_days": 3}).unidentified == config.UNIDENTIFIED_CUSTOMER_IDS


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "window_days must be a whole number between 1 and 90 days, got 0"),
    ("nl", "window_days moet een geheel getal van 1 tot en met 90 dagen zijn, niet 0"),
])
def test_a_repeat_window_outside_its_range_explains_itself(lang: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        RepeatSettings(window_days=0)
    assert caught.value.message(lang) == message
