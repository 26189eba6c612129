"""The FCR lever says what its measured FCR rests on: contacts of identified customers, the
repeat window, and how many contacts were left out (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from kcc import config, store
from kcc.i18n import t
from kcc.scenarios import REPEAT_SETTINGS_KEY, RepeatSettings
from kcc.ui.views.levers import TAB_KEY
from tests.pages.helpers import submit

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "levers.py")


def _fcr_tab(lang: str = "en") -> AppTest:
    """The page in ``lang`` with the FCR tab open, run once."""
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["lang"] = lang
    at.session_state[TAB_KEY] = t("levers.tab_fcr", lang)
    return at.run()


def _contacts(db: Path) -> None:
    """Phone contacts: customer A twice within a week (one repeat), B once, and six calls of
    customer "0" (not identified)."""
    zeros = [f"2026-01-0{d} {h}:00" for d in range(5, 8) for h in (9, 12)]
    stamps = pd.to_datetime(["2026-01-05 10:00", "2026-01-07 10:00", "2026-01-06 11:00", *zeros])
    frame = pd.DataFrame({
        "channel": "phone", "queue": "default", "contact_id": [str(i) for i in range(len(stamps))],
        "arrival_ts": stamps.tz_localize(config.timezone()), "wait_s": 1.0, "handle_s": 100.0,
        "outcome": "answered", "customer_id": ["A", "A", "B"] + ["0"] * 6,
    })
    con = store.connect(str(db))
    try:
        store.replace_contacts(con, frame, store.ImportRecord("calls.csv", "contacts", "me", len(frame)), 15)
    finally:
        con.close()


BASIS = {
    "en": "Measured: 67 % from 3 contacts of identified customers; a repeat is a contact by the same "
          "customer within 7 days before. 6 contacts without an identified customer are left out.",
    "nl": "Gemeten: 67 % uit 3 contacten van geïdentificeerde klanten; een herhaalcontact is een contact "
          "van dezelfde klant binnen 7 dagen ervoor. 6 contacten zonder geïdentificeerde klant tellen niet mee.",
}


def test_the_fcr_lever_names_the_contacts_it_rests_on(demo_db: Path) -> None:
    _contacts(demo_db)
    at = _fcr_tab()
    assert not at.exception
    assert at.slider(key="levers.fcr_base_phone").value == 67, "1 repeat in 3 identified contacts"
    assert BASIS["en"] in [c.value for c in at.caption]
    at.session_state["lang"] = "nl"
    at.run()  # the same data and plan: cached, only the texts change (the FCR tab stays open)
    assert not at.exception
    assert BASIS["nl"] in [c.value for c in at.caption]
    # the user names B as "not identified" too: 2 contacts left, 1 of them a repeat
    at.text_input(key="levers.fcr_unidentified.1").set_value("0, unknown, b")
    at = submit(at, "levers.fcr_measure_form")
    assert not at.exception
    assert "Gemeten: 50 % uit 2 contacten" in " ".join(c.value for c in at.caption)


def test_the_fcr_measure_is_kept_for_the_centre_and_restored(demo_db: Path) -> None:
    _contacts(demo_db)
    con = store.connect(str(demo_db))
    try:
        other = store.create_centre(con, "Bank B", time_zone="America/New_York", country="US")
    finally:
        con.close()
    at = _fcr_tab()
    # B named "not identified" and a 1-day window: A's second call, 2 days later, is no repeat
    at.text_input(key="levers.fcr_unidentified.1").set_value("0; unknown; B")
    at.number_input(key="levers.fcr_window_days.1").set_value(1)
    at = submit(at, "levers.fcr_measure_form")
    assert not at.exception
    assert at.success[0].value == t("levers.fcr_kept", "en")
    kept = "Measured: 100 % from 2 contacts of identified customers; a repeat is a contact by the same customer " \
           "within 1 day before. 7 contacts without an identified customer are left out."
    assert kept in [c.value for c in at.caption]
    # a reload, a new session: the centre's measure comes back, in the widgets and the numbers
    again = _fcr_tab("nl")
    assert not again.exception
    assert again.text_input(key="levers.fcr_unidentified.1").value == "0, unknown, b"
    assert again.number_input(key="levers.fcr_window_days.1").value == 1
    assert any(c.value.startswith("Gemeten: 100 % uit 2 contacten") and "binnen 1 dag " in c.value
               for c in again.caption)
    # the store keeps it for this centre only
    con = store.connect(str(demo_db))
    try:
        assert store.read_setting(con, REPEAT_SETTINGS_KEY) == {"unidentified": ["0", "unknown", "b"],
                                                                "window_days": 1}
        assert store.read_setting(con, REPEAT_SETTINGS_KEY, centre_id=other.centre_id) is None
        assert RepeatSettings.from_dict(store.read_setting(con, REPEAT_SETTINGS_KEY)) == RepeatSettings(
            ("0", "unknown", "b"), 1)
    finally:
        con.close()


def test_the_fcr_measure_widgets_belong_to_one_centre(demo_db: Path) -> None:
    """A value typed for one centre is never shown for another in the same session: the widgets
    are keyed per centre (the demo is centre 1), so switching centre starts from that centre's
    kept measure."""
    at = _fcr_tab()
    assert not at.exception
    keys = {str(w.key) for w in [*at.text_input, *at.number_input]}
    assert {"levers.fcr_unidentified.1", "levers.fcr_window_days.1"} <= keys
    assert not {"levers.fcr_unidentified", "levers.fcr_window_days"} & keys
