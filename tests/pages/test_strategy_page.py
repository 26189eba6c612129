"""The Strategy page as a user meets it (AppTest): state the choices, use them in the working
scenario, save them as the centre's default, upload a logo; once in Dutch."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from streamlit.testing.v1 import AppTest

from kcc import store
from kcc.i18n import t
from kcc.scenarios import STRATEGY_SETTING_KEY, ScenarioSpec, StrategyChoices
from kcc.ui.scenario_cache import WORKING_SPEC_KEY
from kcc.ui.widgets import key_class
from tests.pages.helpers import page_texts

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "strategy.py")
TEXT_KINDS = ("title", "subheader", "markdown", "caption", "info", "success", "error")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), (31, 78, 121)).save(out, format="PNG")
    return out.getvalue()


def test_choices_go_into_the_working_scenario_and_the_centres_default(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    assert not at.exception
    assert t("strategy.title", "en") in page_texts(at, TEXT_KINDS, with_metrics=False)
    at.radio(key="strategy.role").set_value("learn")
    at.text_input(key="strategy.purpose.phone").input("Urgent and complex questions")
    at.text_input(key="strategy.promise.email").input("An answer the next working day")
    at.number_input(key="strategy.budget").set_value(650_000.0)
    at.number_input(key="strategy.attrition").set_value(15.0)
    at.number_input(key="strategy.lead_weeks").set_value(10)
    at.multiselect(key="strategy.telephony.fallback").set_value(["chat", "whatsapp"])
    at.text_area(key="strategy.telephony.plan").input("IVR message points to chat.")
    at.text_area(key="strategy.decision").input("Approve the reshaped roster.")
    at = at.button(key="strategy.save_default").click().run()
    assert not at.exception and not at.error
    assert t("strategy.saved_default", "en") in page_texts(at, TEXT_KINDS, with_metrics=False)
    choices = ScenarioSpec.from_dict(at.session_state[WORKING_SPEC_KEY]).strategy
    assert choices is not None
    assert (choices.role, choices.purpose_of("phone"), choices.promise_of("email")) == (
        "learn", "Urgent and complex questions", "An answer the next working day")
    assert (choices.approved_budget_eur_per_month, choices.attrition_per_year, choices.hiring_lead_weeks) == (
        650_000.0, 0.15, 10)
    telephony = choices.calamity("telephony")
    assert telephony is not None and telephony.fallback == ("chat", "whatsapp")
    assert choices.decision == "Approve the reshaped roster."
    con = store.connect(str(demo_db))
    try:
        assert StrategyChoices.from_dict(store.read_setting(con, STRATEGY_SETTING_KEY)) == choices
    finally:
        con.close()


def test_a_logo_is_checked_and_stored_per_centre_in_dutch(demo_db: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    assert t("strategy.title", "nl") in page_texts(at, TEXT_KINDS, with_metrics=False)
    # the uploader says and keeps the logo's limit of 1 MB, as the caption does, not the
    # 1000 MB of contact files
    assert at.file_uploader(key="strategy.logo_file").proto.max_upload_size_mb == 1
    # Streamlit names that limit in English only; the Dutch text is drawn over it for this
    # uploader's key (the frame's rule would name the server's 1000 MB)
    rules = [h.proto.body for h in at.get("html") if ".st-key-strategy-logo_file " in h.proto.body]
    assert len(rules) == 1 and 'content: "Max. 1 MB per bestand • PNG, JPG, JPEG"' in rules[0]
    assert "(PNG of JPEG, hoogstens 1 MB)" in page_texts(at, TEXT_KINDS, with_metrics=False)
    con = store.connect(str(demo_db))
    try:
        store.write_logo(con, _png())
    finally:
        con.close()
    at.run()
    assert not at.exception
    # the stored logo is shown with a button to remove it
    at = at.button(key="strategy.logo_remove").click().run()
    assert not at.exception
    con = store.connect(str(demo_db))
    try:
        assert store.read_logo(con) is None
    finally:
        con.close()
    assert not [b for b in at.button if b.key == "strategy.logo_remove"]


def test_the_key_class_is_streamlits() -> None:
    """The class Streamlit's frontend puts on a keyed widget: ``st-key-`` and the key with every
    character but letters, digits, ``_`` and ``-`` made ``-``, after trimming."""
    assert key_class("strategy.logo_file") == "st-key-strategy-logo_file"
    assert key_class(" a b.c:d-e_f ") == "st-key-a-b-c-d-e_f"
