"""Users in the store and signing in (``kcc.store`` users, ``kcc.access.accounts``): local
accounts with argon2id hashes, identity-provider users, roles per centre, the last admin, the
first admin from the environment or the one-time setup; on both back ends (``mem_con``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kcc import store
from kcc.access import (
    ADMIN,
    PLANNER,
    VIEWER,
    AccessError,
    AccountError,
    Action,
    AuthSettingError,
    Principal,
    accounts,
)
from kcc.access.settings import AuthSettings

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def password_hash() -> str:
    """A hash of ``PASSWORD`` (argon2-cffi's test profile: ``cheap_password_hashes``)."""
    from kcc.access import hash_password

    return hash_password(PASSWORD)


@pytest.fixture
def con(mem_con: store.Connection, password_hash: str) -> store.Connection:
    """An empty store with an admin ``ada`` and a viewer ``vera`` (both local accounts)."""
    store.add_user(mem_con, "ada", role=ADMIN, by="test", password_hash=password_hash)
    store.add_user(mem_con, "vera", role=VIEWER, by="test", display_name="Vera", password_hash=password_hash)
    return mem_con


@pytest.fixture
def target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Where a database of the back end under test lives: a DuckDB file or a PostgreSQL URL."""
    yield str(tmp_path / "v3.duckdb") if backend == "duckdb" else request.getfixturevalue("pg_url")


def _admin(con: store.Connection) -> Principal:
    user = store.get_user(con, "ada")
    assert user is not None
    return accounts.principal_of(user)


def test_a_database_at_version_3_gains_the_user_tables(target: str) -> None:
    con = store.connect(target)
    store.write_setting(con, "country", "NL")
    for table in ("users", "user_centre_roles"):
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    before = store.snapshot(con)
    con.close()
    con = store.connect(target)
    assert store.schema_version(con) == store.SCHEMA_VERSION
    assert store.count_users(con) == 0 and store.list_users(con) == ()
    after = store.snapshot(con)
    assert all(before[t].equals(after[t]) for t in store.DATA_TABLES), "planning data untouched"
    con.close()


def test_sign_in_with_the_right_password_and_never_with_a_wrong_one(con: store.Connection) -> None:
    vera = accounts.sign_in(con, " VERA ", PASSWORD)
    assert (vera.login, vera.name, vera.role, vera.signed_in) == ("vera", "vera", VIEWER, True)
    for login, password in (("vera", "correct horse batter"), ("vera", ""), ("nobody", PASSWORD),
                            ("vera de vries", PASSWORD)):
        with pytest.raises(AccountError) as refused:
            accounts.sign_in(con, login, password)
        # one message for an unknown user and a wrong password: a guess learns nothing
        assert refused.value.message("en") == "Unknown user name or wrong password."
        assert refused.value.message("nl") == "Onbekende gebruikersnaam of onjuist wachtwoord."
    assert store.user_password_hash(con, "vera") != PASSWORD


def test_a_sign_in_renews_a_hash_made_with_weaker_parameters(con: store.Connection, password_hash: str,
                                                           app_argon2: object) -> None:
    """A hash from weaker argon2 parameters (here the test profile's) is replaced at the user's
    next sign-in by one with the app's parameters; a wrong password renews nothing."""
    from argon2 import extract_parameters, profiles

    assert extract_parameters(password_hash).memory_cost == profiles.CHEAPEST.memory_cost
    with pytest.raises(AccountError):
        accounts.sign_in(con, "vera", "correct horse batter")
    assert store.user_password_hash(con, "vera") == password_hash
    accounts.sign_in(con, "vera", PASSWORD)
    renewed = store.user_password_hash(con, "vera")
    assert renewed is not None and renewed != password_hash
    assert extract_parameters(renewed).memory_cost == profiles.RFC_9106_LOW_MEMORY.memory_cost
    assert accounts.sign_in(con, "vera", PASSWORD).login == "vera"
    assert store.user_password_hash(con, "vera") == renewed, "a hash of today's parameters stays"


def test_a_disabled_user_cannot_sign_in_and_a_signed_in_session_ends(con: store.Connection) -> None:
    assert accounts.still_signed_in(con, "vera") is not None
    accounts.set_disabled(con, _admin(con), "vera", True)
    assert accounts.still_signed_in(con, "vera") is None
    with pytest.raises(AccountError) as refused:
        accounts.sign_in(con, "vera", PASSWORD)
    assert refused.value.message("en") == "The account vera is disabled. Ask an admin to enable it."
    assert refused.value.message("nl") == (
        "Het account vera is uitgeschakeld. Vraag een beheerder het weer in te schakelen.")
    accounts.set_disabled(con, _admin(con), "vera", False)
    assert accounts.sign_in(con, "vera", PASSWORD).login == "vera"


def test_the_last_enabled_admin_stays(con: store.Connection) -> None:
    ada = _admin(con)
    for change in (lambda: accounts.set_role(con, ada, "ada", PLANNER),
                   lambda: accounts.set_disabled(con, ada, "ada", True)):
        with pytest.raises(AccountError) as refused:
            change()
        assert refused.value.message("en") == (
            "Not changed: ada is the last enabled admin. Make another user admin first.")
        assert refused.value.message("nl") == (
            "Niet gewijzigd: ada is de laatste ingeschakelde beheerder. Maak eerst een andere gebruiker beheerder.")
    user = store.get_user(con, "ada")
    assert user is not None and user.role == ADMIN and not user.disabled, "nothing changed"
    accounts.set_role(con, ada, "vera", ADMIN)
    assert accounts.set_role(con, ada, "ada", PLANNER).role == PLANNER, "another admin exists now"


def test_admin_changes_and_who_made_them(con: store.Connection) -> None:
    ada = _admin(con)
    piet = accounts.add_account(con, ada, " Piet ", role=PLANNER, display_name="Piet P", password="piet's password",
                                repeated="piet's password")
    assert (piet.login, piet.role, piet.has_password, piet.updated_by) == ("piet", PLANNER, True, "ada")
    assert accounts.sign_in(con, "piet", "piet's password").role == PLANNER
    accounts.reset_password(con, ada, "piet", "a new password", "a new password")
    with pytest.raises(AccountError):
        accounts.sign_in(con, "piet", "piet's password")
    assert accounts.sign_in(con, "piet", "a new password").login == "piet"
    # an identity-provider user: no password, so no local sign-in
    sso = accounts.add_account(con, ada, "Olga@Bank.nl", role=PLANNER)
    assert sso.login == "olga@bank.nl" and not sso.has_password
    with pytest.raises(AccountError):
        accounts.sign_in(con, "olga@bank.nl", "")
    with pytest.raises(AccountError) as refused:
        accounts.add_account(con, ada, "piet", role=VIEWER)
    assert refused.value.message("nl") == "Er is al een gebruiker piet."
    assert [u.login for u in store.list_users(con)] == ["ada", "olga@bank.nl", "piet", "vera"]
    assert store.data_version(con) == 0, "users are no planning data: caches stay"


def test_only_an_admin_changes_users_even_past_the_screen(con: store.Connection) -> None:
    vera = accounts.sign_in(con, "vera", PASSWORD)
    with pytest.raises(AccessError) as refused:
        accounts.add_account(con, vera, "mallory", role=ADMIN, password=PASSWORD)
    assert refused.value.message("en") == "Your role (viewer) may not manage users; only an admin may."
    with pytest.raises(AccessError):
        accounts.set_role(con, vera, "vera", ADMIN)
    user = store.get_user(con, "vera")
    assert user is not None and user.role == VIEWER and store.get_user(con, "mallory") is None


def test_a_role_per_centre(con: store.Connection) -> None:
    ada = _admin(con)
    centre = store.create_centre(con, "Bank Zuid", time_zone="Europe/Amsterdam")
    accounts.set_centre_role(con, ada, "vera", centre.centre_id, PLANNER)
    vera = accounts.sign_in(con, "vera", PASSWORD)
    assert vera.centre_roles == ((centre.centre_id, PLANNER),)
    assert vera.may(Action.IMPORT, centre.centre_id) and not vera.may(Action.IMPORT, store.DEMO_CENTRE_ID)
    accounts.set_centre_role(con, ada, "vera", centre.centre_id, None)
    assert accounts.sign_in(con, "vera", PASSWORD).centre_roles == ()
    # a deleted centre's role is gone with it
    accounts.set_centre_role(con, ada, "vera", centre.centre_id, ADMIN)
    store.delete_centre(con, centre.centre_id, confirm_name="Bank Zuid")
    user = store.get_user(con, "vera")
    assert user is not None and user.centre_roles == ()


def test_an_identity_provider_user_gets_their_role_or_the_default(con: store.Connection) -> None:
    settings = AuthSettings(mode="oidc", default_role=VIEWER)
    assert accounts.identity_principal(con, "New@Bank.nl", settings).role == VIEWER
    planners = AuthSettings(mode="oidc", default_role=PLANNER)
    assert accounts.identity_principal(con, "x@bank.nl", planners).role == PLANNER
    accounts.add_account(con, _admin(con), "olga@bank.nl", role=ADMIN)
    assert accounts.identity_principal(con, "Olga@Bank.nl", settings).role == ADMIN
    accounts.set_disabled(con, _admin(con), "olga@bank.nl", True)
    with pytest.raises(AccountError) as refused:
        accounts.identity_principal(con, "olga@bank.nl", settings)
    assert refused.value.code == "disabled"


def test_the_first_admin_from_the_environment_only_into_an_empty_table(mem_con: store.Connection) -> None:
    con = mem_con
    local = AuthSettings(mode="local", admin_login="Root", admin_password=PASSWORD)
    assert accounts.needs_setup(con)
    assert not accounts.ensure_first_admin(con, AuthSettings()), "sign-in off: nothing to create"
    assert accounts.ensure_first_admin(con, local)
    assert accounts.sign_in(con, "root", PASSWORD).role == ADMIN
    other = AuthSettings(mode="local", admin_login="other", admin_password=PASSWORD)
    assert not accounts.ensure_first_admin(con, other), "users exist: the environment adds nobody"
    assert [u.login for u in store.list_users(con)] == ["root"]


def test_a_short_admin_password_from_the_environment_is_refused(mem_con: store.Connection) -> None:
    with pytest.raises(AuthSettingError) as refused:
        accounts.ensure_first_admin(mem_con, AuthSettings(mode="local", admin_login="root"))
    assert refused.value.message("en") == (
        "KCC_ADMIN_USER is set, but KCC_ADMIN_PASSWORD cannot be its password: "
        "A password needs at least 10 characters.")
    assert refused.value.message("nl") == (
        "KCC_ADMIN_USER is ingesteld, maar KCC_ADMIN_PASSWORD kan niet het wachtwoord zijn: "
        "Een wachtwoord heeft minstens 10 tekens nodig.")
    assert accounts.needs_setup(mem_con), "nobody was created"


def test_with_the_identity_provider_the_first_admin_has_no_password(mem_con: store.Connection) -> None:
    oidc = mem_con
    assert accounts.ensure_first_admin(oidc, AuthSettings(mode="oidc", admin_login="Boss@Bank.nl"))
    boss = store.get_user(oidc, "boss@bank.nl")
    assert boss is not None and boss.role == ADMIN and not boss.has_password


def test_the_setup_creates_one_first_admin(mem_con: store.Connection) -> None:
    con = mem_con
    ada = accounts.set_up_admin(con, "ada", display_name="Ada", password=PASSWORD, repeated=PASSWORD)
    assert ada.role == ADMIN and not accounts.needs_setup(con)
    with pytest.raises(AccountError) as refused:
        accounts.set_up_admin(con, "eve", password=PASSWORD, repeated=PASSWORD)
    assert refused.value.message("en") == "The first admin has been created already; sign in."
    assert [u.login for u in store.list_users(con)] == ["ada"]
