"""Every text exists in English and Dutch, and every key the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kcc.i18n import TEXTS, t

ROOT = Path(__file__).resolve().parents[1]
KEY_CALL = re.compile(r"""\btr?\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""")


def test_every_text_has_english_and_dutch() -> None:
    for key, pair in TEXTS.items():
        assert len(pair) == 2, key
        english, dutch = pair
        assert english.strip() and dutch.strip(), f"{key} lacks a language"


def test_placeholders_match_between_languages() -> None:
    field = re.compile(r"\{(\w+)")
    for key, (english, dutch) in TEXTS.items():
        assert set(field.findall(english)) == set(field.findall(dutch)), key


def _sources() -> list[Path]:
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "kcc").rglob("*.py")]
    return [p for p in files if "i18n" not in p.parts]


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_literal_key_is_defined(path: Path) -> None:
    missing = sorted(set(KEY_CALL.findall(path.read_text(encoding="utf-8"))) - set(TEXTS))
    assert not missing, f"{path.relative_to(ROOT)} asks for undefined texts: {missing}"


def test_translation_formats_fields() -> None:
    assert t("common.data_period", "nl", start="1-1-2025", end="31-12-2025").startswith("Gegevens van 1-1-2025")
    assert t("no.such_key", "nl") == "no.such_key"


def test_numbers_in_fields_follow_the_language() -> None:
    import numpy as np

    assert t("data.summary.total_value", "en", value=2354577.0) == "2,354,577 contacts"
    assert t("data.summary.total_value", "nl", value=2354577.0) == "2.354.577 contacten"
    assert t("data.import.ignored", "nl", rows=np.int64(12345)).startswith("12.345 ")
    # texts, and whole numbers without grouping, are left as they are
    assert t("common.data_period", "nl", start="1-1-2025", end="31-12-2025") == "Gegevens van 1-1-2025 tot en met 31-12-2025"
    assert t("staffing.horizon_text", "nl", start="16-11-2026", end="14-02-2027", days=91).endswith("(91 dagen), lokale tijd.")


def test_a_stored_text_is_shown_in_the_readers_language() -> None:
    from kcc.i18n import show_stored, stored_text

    kept = stored_text("data.history.contacts", interval=15)
    assert show_stored(kept, "en") == "contacts rolled up to 15 min"
    assert show_stored(kept, "nl") == "contacten opgeteld tot 15 min"
    assert show_stored(stored_text("data.history.roster", n=1234), "nl") == "1.234 roosterintervallen"
    # a message written as plain text before, and a missing one, are shown as they are
    assert show_stored("roster: 96 intervals", "nl") == "roster: 96 intervals"
    assert show_stored('{"other": 1}', "nl") == '{"other": 1}'
    assert show_stored(None, "nl") == ""
    with pytest.raises(KeyError):
        stored_text("no.such_key")


HOSTILE = '--x ![px](http://127.0.0.1:9/p.png) <b>b</b> :red[r] $x$ =HYPERLINK("http://x","y")'


def test_a_typed_name_in_an_error_is_shown_literally_in_both_languages() -> None:
    from datetime import date

    import pandas as pd

    from kcc.events import EventError, validate_events
    from kcc.formatting import escape_markdown

    events = pd.DataFrame({"name": [HOSTILE], "kind": ["campaign"], "start_date": [date(2027, 1, 8)],
                           "end_date": [date(2027, 1, 4)], "channels": [["phone"]], "uplift_pct": [20.0],
                           "exclude_from_training": [False]})
    with pytest.raises(EventError) as caught:
        validate_events(events)
    name = escape_markdown(repr(HOSTILE))
    assert caught.value.message("en", escape=escape_markdown) == (
        f"event {name}: End date 2027-01-04 is before Start date 2027-01-08")
    assert caught.value.message("nl", escape=escape_markdown) == (
        f"evenement {name}: Einddatum 2027-01-04 ligt vóór Startdatum 2027-01-08")
    assert repr(HOSTILE) in str(caught.value), "logs and callers keep the name as it is"


def test_an_import_notice_shows_the_file_and_value_literally_in_both_languages() -> None:
    from kcc.formatting import escape_markdown
    from kcc.importer import ImportProblem

    problem = ImportProblem(file=HOSTILE, row=3, column=HOSTILE, value=HOSTILE, reason="", code="non_numeric",
                            params=(("column", HOSTILE), ("value", HOSTILE)))
    shown = escape_markdown(HOSTILE)
    assert problem.message("en", escape=escape_markdown) == f"'{shown}' in column '{shown}' is not a number."
    assert problem.message("nl", escape=escape_markdown) == f"'{shown}' in kolom '{shown}' is geen getal."
    assert problem.message("en") == f"'{HOSTILE}' in column '{HOSTILE}' is not a number."  # the report table


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("en", ("1 month ahead", "1 week training"), ("2 months ahead", "4 weeks training")),
    ("nl", ("1 maand vooruit", "1 week opleiding"), ("2 maanden vooruit", "4 weken opleiding")),
])
def test_a_count_of_one_takes_the_singular(lang: str, one: tuple[str, ...], two: tuple[str, ...]) -> None:
    """The deck's hiring rule with a lead time of 1 month and 1 week of training read
    "1 months ahead" and "1 maanden vooruit"; other counts keep the plural."""
    rule = {"class_size": 10, "max_classes": 2, "attrition": "2%", "productivity": "50%"}
    assert all(s in t("capacity.report_rule", lang, lead=1, training=1, **rule) for s in one)
    assert all(s in t("capacity.report_rule", lang, lead=2, training=4, **rule) for s in two)
    fact = t("capacity.report_fact", lang, months=12, start="x", peak="1", hires="1", cost="EUR 1", short="1")
    assert ("1 head needed" if lang == "en" else "1 medewerker nodig") in fact
    assert ("1 month short" if lang == "en" else "1 maand met tekort") in fact


@pytest.mark.parametrize("value", [11, "0,1", "1,0", 1.0, True, "21"])
def test_only_a_count_shown_as_1_takes_the_singular(value: object) -> None:
    """11, 0,1, 1,0 (a measured amount, not a count) and 21 keep the plural."""
    shown = t("capacity.report_rule", "nl", lead=value, training=4, class_size=10, max_classes=2, attrition="2%",
              productivity="50%")
    assert " maanden vooruit" in shown, shown


def test_a_verb_after_a_counted_noun_agrees() -> None:
    """The import's "{rows} rows were ..." with one row: "1 row was", "1 regel is"."""
    key = next(k for k, (en, _) in TEXTS.items() if re.search(r"\{\w+(:[^}]*)?\} rows were", en))
    fields = {name: 1 for name in re.findall(r"\{(\w+)", TEXTS[key][0])}
    assert "1 row was" in t(key, "en", **fields), t(key, "en", **fields)
    assert "1 regel is" in t(key, "nl", **fields), t(key, "nl", **fields)


def test_a_series_is_named_by_its_channels_name() -> None:
    from kcc.i18n import series_name

    assert series_name("phone/default", "nl") == "Telefoon · standaard"
    assert series_name("phone/default (30 min)", "nl") == "Telefoon · standaard (30 min)"
    assert series_name("phone/default (30 min)", "en") == "Phone · default (30 min)"
    assert series_name("whatsapp/Sales, NL", "nl") == "WhatsApp · Sales, NL"
    assert series_name("fax/default", "nl") == "fax/default", "a channel the app does not know keeps its id"
    assert series_name("no series", "nl") == "no series"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "3 drivers of missed targets, the largest first, then 1 item of cost"),
    ("nl", "3 oorzaken van gemiste normen, de grootste eerst, daarna 1 kostenpost"),
])
def test_the_findings_intro_counts_one_cost_in_the_singular(lang: str, expected: str) -> None:
    """An own centre without a roster has one cost finding: the summary read "de 1 grootste
    kostenposten"."""
    assert expected in t("report.findings_intro", lang, misses=3, costs=1)


def test_the_default_queue_and_an_unnamed_user_read_in_the_readers_language() -> None:
    from kcc.i18n import person, queue_name

    assert queue_name("default", "nl") == "standaard" and queue_name("default", "en") == "default"
    assert queue_name("default (30 min)", "nl") == "standaard (30 min)", "a series of its own keeps its step"
    assert queue_name("default", word="std") == "std"
    for named in ("service", "Sales, NL", "defaults", "default queue", "standaard"):
        assert queue_name(named, "nl") == named, "a queue the file named stays as named"
    for stored in ("anonymous", "anoniem"):  # stored in the language of the session that saved
        assert person(stored, "nl") == "anoniem" and person(stored, "en") == "anonymous"
    assert person("anoniem", word="?") == "?"
    assert person("Bob", "nl") == "Bob" and person("Anonymous Bob", "nl") == "Anonymous Bob"


def test_the_default_queue_typed_in_either_language_is_stored_under_its_one_name() -> None:
    from kcc.i18n import stored_queue

    for typed in ("", "  ", "default", "standaard", " standaard "):
        assert stored_queue(typed) == "default", typed
    assert stored_queue(" Sales ") == "Sales" and stored_queue("Standaard") == "Standaard"


def test_a_scenario_saved_over_by_an_unnamed_user_names_them_in_the_readers_language() -> None:
    from datetime import datetime

    from kcc.store import ScenarioChangedError

    error = ScenarioChangedError("changed", name="Plan B", user="anonymous", at=datetime(2026, 12, 8, 9, 30))
    assert "gewijzigd door anoniem om 08-12-2026 09:30" in error.message("nl")
    assert "anonymous" in error.message("en")
