"""Sign-in and roles as a user meets them (AppTest): the sign-in and first-admin screens, and
per role what the pages let them do: a viewer cannot import or save, a planner cannot manage
users or centres, an admin can; every write refused with the reason in English and Dutch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kcc import store
from kcc.access import ADMIN, PLANNER, VIEWER, hash_password
from kcc.scenarios import ScenarioSpec
from kcc.scenarios.strategy import STRATEGY_SETTING_KEY
from tests.conftest import ROOT
from tests.pages.helpers import page_texts, submit

PASSWORD = "correct horse battery"
EXAMPLE = ROOT / "data" / "examples" / "intervals_example.csv"
USERS = {"ada": ADMIN, "piet": PLANNER, "vera": VIEWER}
TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "success", "error", "warning")

IMPORT_REFUSED = {
    "en": "Your role (viewer) may not import files here; a planner or admin may. Ask an admin for another role.",
    "nl": "Uw rol (kijker) mag hier geen bestanden importeren; een planner of beheerder wel. "
          "Vraag een beheerder om een andere rol.",
}
SAVE_REFUSED = {
    "en": "Your role (viewer) may not save, duplicate or delete scenarios; a planner or admin may. "
          "You can still try levers and share a link.",
    "nl": "Uw rol (kijker) mag geen scenario's opslaan, kopiëren of verwijderen; een planner of beheerder wel. "
          "U kunt wel hefbomen proberen en een link delen.",
}
CENTRES_REFUSED = {
    "en": "Your role (planner) may not create, rename, hide, delete or reset centres; only an admin may.",
    "nl": "Uw rol (planner) mag geen centra aanmaken, hernoemen, verbergen, verwijderen of herstellen; "
          "alleen een beheerder mag dat.",
}
USERS_REFUSED = {
    "en": "Your role (planner) may not manage users; only an admin may.",
    "nl": "Uw rol (planner) mag geen gebruikers beheren; alleen een beheerder mag dat.",
}


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)  # once: argon2 is slow on purpose


@pytest.fixture
def signed_db(demo_db: Path, password_hash: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The demo database with sign-in on (local accounts) and one user per role."""
    monkeypatch.setenv("KCC_AUTH", "local")
    con = store.connect(str(demo_db))
    for login, role in USERS.items():
        store.add_user(con, login, role=role, by="test", password_hash=password_hash)
    con.close()
    yield demo_db


def _page(name: str, login: str | None, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=120)
    if login is not None:
        at.session_state["access.login"] = login  # signed in earlier in this session
    at.session_state["lang"] = lang
    return at.run()


def _read(db: Path, read):  # noqa: ANN001, ANN202 - a store read
    con = store.connect(str(db))
    try:
        return read(con)
    finally:
        con.close()


# --------------------------------------------------------------------------- signing in


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_nobody_signed_in_sees_the_sign_in_form_and_nothing_else(signed_db: Path, lang: str) -> None:
    at = _page("data", None, lang)
    assert not at.exception
    assert at.title[0].value == {"en": "Sign in to KCC Planner", "nl": "Aanmelden bij KCC Planner"}[lang]
    assert not at.file_uploader and not at.dataframe, "no upload, no import history"
    at.text_input(key="access.sign_in.login").set_value("piet")
    at.text_input(key="access.sign_in.password").set_value("wrong password")
    submit(at, "access.sign_in")
    assert [e.value for e in at.error] == [{"en": "Unknown user name or wrong password.",
                                            "nl": "Onbekende gebruikersnaam of onjuist wachtwoord."}[lang]]
    assert "access.login" not in at.session_state
    at.text_input(key="access.sign_in.password").set_value(PASSWORD)
    submit(at, "access.sign_in")
    assert not at.exception
    assert at.session_state["access.login"] == "piet"
    assert at.title[0].value == {"en": "Data", "nl": "Gegevens"}[lang]


def test_the_first_admin_is_made_once_on_the_setup_screen(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KCC_AUTH", "local")
    at = _page("calculator", None)
    assert "There are no users yet. Create the first admin" in page_texts(at)
    at.text_input(key="access.setup.login").set_value("Ada")
    at.text_input(key="access.setup.password").set_value(PASSWORD)
    at.text_input(key="access.setup.repeated").set_value(PASSWORD + "!")
    submit(at, "access.setup")
    assert [e.value for e in at.error] == ["The two passwords differ; type the same password twice."]
    at.text_input(key="access.setup.repeated").set_value(PASSWORD)
    submit(at, "access.setup")
    assert not at.exception
    assert at.session_state["access.login"] == "ada"
    users = _read(demo_db, store.list_users)
    assert [(u.login, u.role, u.updated_by) for u in users] == [("ada", ADMIN, "setup")]


def test_a_disabled_user_is_signed_out_at_the_next_step(signed_db: Path) -> None:
    at = _page("calculator", "piet")
    assert at.session_state["access.principal"].login == "piet"
    con = store.connect(str(signed_db))
    store.update_user(con, "piet", by="ada", disabled=True)
    con.close()
    at.run()
    assert "access.login" not in at.session_state
    assert "You were signed out: your account was disabled or removed." in page_texts(at)


# --------------------------------------------------------------------------- viewer


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_viewer_sees_the_data_but_may_not_import(signed_db: Path, lang: str) -> None:
    at = _page("data", "vera", lang)
    assert not at.exception
    assert at.file_uploader(key="data.upload").disabled
    infos = [i.value for i in at.info]
    assert IMPORT_REFUSED[lang] in infos, "the reason beside the closed upload"
    assert not any(b.key in ("data.reset", "centres.rename", "centres.delete") for b in at.button)
    history = next(d.value for d in at.dataframe if "rows_read" in d.value.columns)
    assert not history.empty, "the import history is there to read"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_import_is_refused_to_a_planner_made_viewer_meanwhile(signed_db: Path, lang: str) -> None:
    before = _read(signed_db, lambda con: len(store.read_imports(con)))
    at = _page("data", "piet", lang)
    at.file_uploader(key="data.upload").upload(EXAMPLE.name, EXAMPLE.read_bytes(), "text/csv").run()
    at.radio(key="centres.first.choice").set_value("demo").run()
    # an admin makes piet a viewer while his page shows the Import button
    _read(signed_db, lambda con: store.update_user(con, "piet", by="ada", role=VIEWER))
    at.button(key="data.import").click().run()
    assert not at.exception
    assert IMPORT_REFUSED[lang] in [e.value for e in at.error]
    assert _read(signed_db, lambda con: len(store.read_imports(con))) == before, "nothing written"


def _save_script() -> None:
    """Runs the guarded scenario save straight after the page set-up (the button is disabled
    for a viewer; this is the write itself)."""
    import streamlit as st

    from kcc.scenarios import ScenarioSpec
    from kcc.ui import scenario_cache
    from kcc.ui.state import current_user, init_page

    con, tr = init_page("test")
    scenario_cache.save(con, "Night shift", ScenarioSpec(), "", current_user(tr))
    st.success("saved")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_viewers_scenario_save_is_refused(signed_db: Path, lang: str) -> None:
    at = AppTest.from_function(_save_script, default_timeout=120)
    at.session_state["access.login"] = "vera"
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [SAVE_REFUSED[lang]]
    assert not at.success
    assert "Night shift" not in set(_read(signed_db, store.read_scenarios)["name"])


def test_a_planners_scenario_records_the_signed_in_user_not_a_typed_name(signed_db: Path) -> None:
    at = AppTest.from_function(_save_script, default_timeout=120)
    at.session_state["access.login"] = "piet"
    at.session_state["user"] = "Somebody Else"  # a typed name from before sign-in counts for nothing
    at.run()
    assert not at.exception and not at.error
    saved = _read(signed_db, store.read_scenarios)
    row = saved[saved["name"] == "Night shift"].iloc[0]
    assert (row["created_by"], row["updated_by"]) == ("piet", "piet")


def _scenario_sections() -> None:
    """The Scenarios page's save and saved-scenario sections (without its evaluations)."""
    from kcc.scenarios import ScenarioSpec
    from kcc.ui.state import init_page
    from kcc.ui.views import scenarios

    con, tr = init_page("scenarios")
    scenarios.save_section(con, tr, ScenarioSpec())
    scenarios.saved_section(con, tr)


def test_a_viewer_may_not_save_on_the_scenarios_page(signed_db: Path) -> None:
    con = store.connect(str(signed_db))
    store.save_scenario(con, name="Kept", spec=ScenarioSpec().to_dict(), spec_version=ScenarioSpec().version,
                        user="piet")
    con.close()
    at = AppTest.from_function(_scenario_sections, default_timeout=120)
    at.session_state["access.login"] = "vera"
    at.run()
    assert not at.exception
    assert SAVE_REFUSED["en"] in [i.value for i in at.info]
    submit_button = next(b for b in at.button if b.key and b.key.startswith("FormSubmitter:scenarios.save_form"))
    assert submit_button.disabled
    assert at.button(key="scenarios.delete").disabled and at.button(key="scenarios.duplicate").disabled
    assert not at.button(key="scenarios.load").disabled, "loading into the session writes nothing"


# --------------------------------------------------------------------------- planner


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_planner_imports_but_manages_no_centres_and_no_users(signed_db: Path, lang: str) -> None:
    at = _page("data", "piet", lang)
    assert not at.exception
    assert not at.file_uploader(key="data.upload").disabled
    assert IMPORT_REFUSED[lang] not in [i.value for i in at.info]
    assert CENTRES_REFUSED[lang] in [i.value for i in at.info]
    assert not any(b.key in ("centres.rename", "centres.delete", "data.reset") for b in at.button)
    admin = _page("admin", "piet", lang)
    assert not admin.exception
    assert USERS_REFUSED[lang] in [i.value for i in admin.info]
    assert not admin.dataframe and not admin.text_input, "no users listed, no form"


def test_a_planners_import_is_recorded_under_their_login(signed_db: Path) -> None:
    at = _page("data", "piet")
    at.file_uploader(key="data.upload").upload(EXAMPLE.name, EXAMPLE.read_bytes(), "text/csv").run()
    at.radio(key="centres.first.choice").set_value("demo").run()
    at.button(key="data.import").click().run()
    assert not at.exception and not at.error
    imports = _read(signed_db, store.read_imports)
    assert imports[imports["file_name"] == EXAMPLE.name]["imported_by"].tolist() == ["piet"]


# --------------------------------------------------------------------------- admin


def test_an_admin_adds_a_user_and_sets_a_role(signed_db: Path) -> None:
    at = _page("admin", "ada")
    assert not at.exception
    users = next(d.value for d in at.dataframe if "login" in d.value.columns)
    assert list(users["login"]) == ["ada", "piet", "vera"]
    at.text_input(key="admin.add.login").set_value("Nora")
    at.selectbox(key="admin.add.role").set_value(PLANNER)
    at.text_input(key="admin.add.password").set_value("nora's password")
    at.text_input(key="admin.add.repeated").set_value("nora's password")
    submit(at, "admin.add_form")
    assert not at.exception
    assert "User nora added." in [s.value for s in at.success]
    at.selectbox(key="admin.pick").set_value("vera").run()
    at.selectbox(key="admin.role.vera").set_value(PLANNER).run()
    at.button(key="admin.set_role").click().run()
    assert "Role of vera changed." in [s.value for s in at.success]
    roles = {u.login: (u.role, u.updated_by) for u in _read(signed_db, store.list_users)}
    assert roles["nora"] == (PLANNER, "ada") and roles["vera"] == (PLANNER, "ada")


def test_an_admin_sees_the_centres_section(signed_db: Path) -> None:
    at = _page("data", "ada")
    assert not at.exception
    assert not any(i.value == CENTRES_REFUSED["en"] for i in at.info)
    assert at.button(key="centres.rename") is not None


def test_with_sign_in_off_the_admin_page_says_so_and_the_typed_name_is_recorded(demo_db: Path) -> None:
    at = _page("admin", None)
    assert "Sign-in is off (KCC_AUTH is not set)" in page_texts(at)
    at = AppTest.from_function(_save_script, default_timeout=120)
    at.session_state["user"] = "Bea"
    at.run()
    assert not at.exception and not at.error
    saved = _read(demo_db, store.read_scenarios)
    assert saved[saved["name"] == "Night shift"]["created_by"].tolist() == ["Bea"]


# --------------------------------------------------------------------------- Strategy page


@pytest.mark.parametrize(("login", "may"), [("vera", False), ("piet", True)])
def test_the_strategy_page_keeps_a_default_only_for_a_planner(signed_db: Path, login: str, may: bool) -> None:
    at = _page("strategy", login)
    assert not at.exception
    keep = next(b for b in at.button if b.key == "strategy.save_default")
    assert keep.disabled is (not may)
    use = next(b for b in at.button if b.key == "strategy.use")
    assert not use.disabled, "using the choices in this session writes nothing"
    if may:
        keep.click().run()
        assert not at.exception and not at.error
        assert _read(signed_db, lambda con: store.read_setting(con, STRATEGY_SETTING_KEY)) is not None


def _keep_default_directly() -> None:
    """A viewer's session calling the Strategy page's write itself: the guard refuses it."""
    from kcc.scenarios import StrategyChoices
    from kcc.ui.state import init_page
    from kcc.ui.views import strategy

    con, _tr = init_page("strategy")
    strategy._keep_default(con, StrategyChoices())


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_viewers_strategy_default_is_refused_with_the_reason(signed_db: Path, lang: str) -> None:
    at = AppTest.from_function(_keep_default_directly, default_timeout=120)
    at.session_state["access.login"] = "vera"
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and ("viewer" in at.error[0].value or "kijker" in at.error[0].value)
    assert _read(signed_db, lambda con: store.read_setting(con, STRATEGY_SETTING_KEY)) is None
