"""Roles, the permission matrix, the sign-in settings and password hashing (``kcc.access``),
without Streamlit or a database."""

from __future__ import annotations

from typing import Literal

import pytest
from argon2 import PasswordHasher, extract_parameters, profiles

from kcc.access import (
    ADMIN,
    MIN_PASSWORD_CHARS,
    PERMISSIONS,
    PLANNER,
    ROLES,
    VIEWER,
    AccessError,
    AccountError,
    Action,
    AuthSettingError,
    Principal,
    auth_settings,
    check_new_password,
    everyone,
    hash_password,
    may,
    normalise_login,
    verify_password,
)

#: The matrix as the README states it: role -> the actions it may do.
EXPECTED = {
    VIEWER: {Action.VIEW},
    PLANNER: {Action.VIEW, Action.IMPORT, Action.EDIT_PLAN, Action.SAVE_SCENARIO},
    ADMIN: set(Action),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_the_permission_matrix(role: str, action: Action) -> None:
    assert may(role, action) == (action in EXPECTED[role])


def test_every_action_names_its_least_role_and_an_unknown_role_may_nothing() -> None:
    assert set(PERMISSIONS) == set(Action)
    assert not any(may("guest", action) for action in Action)
    # each role has every right of the roles before it
    for lower, higher in zip(ROLES, ROLES[1:], strict=False):
        assert EXPECTED[lower] <= EXPECTED[higher]


def test_a_centre_role_replaces_the_global_role_there_only() -> None:
    vera = Principal(login="vera", name="vera", role=VIEWER, centre_roles=((2, PLANNER),))
    assert vera.may(Action.IMPORT, 2) and vera.may(Action.SAVE_SCENARIO, 2)
    assert not vera.may(Action.IMPORT, 1), "the global role elsewhere"
    assert not vera.may(Action.IMPORT), "the global role when no centre is named"
    # users and centres are managed with the global role, whatever a centre's role says
    boss = Principal(login="boss", name="boss", role=PLANNER, centre_roles=((2, ADMIN),))
    assert boss.may(Action.IMPORT, 2) and not boss.may(Action.MANAGE_USERS, 2)
    assert not boss.may(Action.MANAGE_CENTRES, 2)
    demoted = Principal(login="ann", name="ann", role=ADMIN, centre_roles=((3, VIEWER),))
    assert not demoted.may(Action.SAVE_SCENARIO, 3) and demoted.may(Action.MANAGE_USERS, 3)


def test_a_refusal_names_the_role_and_who_may_in_english_and_dutch() -> None:
    viewer = Principal(login="vera", name="vera", role=VIEWER)
    with pytest.raises(AccessError) as refused:
        viewer.check(Action.IMPORT, 1)
    assert refused.value.code == "import"
    assert refused.value.message("en") == (
        "Your role (viewer) may not import files here; a planner or admin may. Ask an admin for another role.")
    assert refused.value.message("nl") == (
        "Uw rol (kijker) mag hier geen bestanden importeren; een planner of beheerder wel. "
        "Vraag een beheerder om een andere rol.")
    planner = Principal(login="piet", name="piet", role=PLANNER)
    with pytest.raises(AccessError) as refused:
        planner.check(Action.MANAGE_USERS)
    assert refused.value.message("en") == "Your role (planner) may not manage users; only an admin may."
    assert refused.value.message("nl") == "Uw rol (planner) mag geen gebruikers beheren; alleen een beheerder mag dat."
    Principal(login="ada", name="ada", role=ADMIN).check(Action.MANAGE_USERS)  # no refusal


def test_with_sign_in_off_everyone_may_everything_under_the_typed_name() -> None:
    anyone = everyone("Bea")
    assert anyone.name == "Bea" and not anyone.signed_in
    assert all(anyone.may(action, 7) for action in Action)


def test_a_principal_refuses_an_unknown_role() -> None:
    with pytest.raises(AccountError) as refused:
        Principal(login="x", name="x", role="owner")
    assert refused.value.message("en") == "Unknown role owner: choose viewer, planner or admin."
    assert refused.value.message("nl") == "Onbekende rol owner: kies kijker, planner of beheerder."


# --------------------------------------------------------------------------- settings


def test_sign_in_is_off_unless_one_setting_turns_it_on() -> None:
    assert not auth_settings({}).enabled
    assert auth_settings({"KCC_AUTH": ""}).mode == "off"
    local = auth_settings({"KCC_AUTH": "Local", "KCC_ADMIN_USER": " ada ", "KCC_ADMIN_PASSWORD": "pw"})
    assert local.enabled and local.mode == "local" and local.admin_login == "ada" and local.admin_password == "pw"
    oidc = auth_settings({"KCC_AUTH": "oidc", "KCC_DEFAULT_ROLE": "planner"})
    assert oidc.mode == "oidc" and oidc.default_role == PLANNER
    assert auth_settings({"KCC_AUTH": "oidc"}).default_role == VIEWER


def test_a_setting_the_app_does_not_know_is_named_in_english_and_dutch() -> None:
    with pytest.raises(AuthSettingError) as refused:
        auth_settings({"KCC_AUTH": "ldap"})
    assert refused.value.message("en") == "KCC_AUTH is ldap; use one of off, local, oidc."
    assert refused.value.message("nl") == "KCC_AUTH is ldap; gebruik een van off, local, oidc."
    with pytest.raises(AuthSettingError) as refused:
        auth_settings({"KCC_AUTH": "oidc", "KCC_DEFAULT_ROLE": "boss"})
    assert refused.value.message("nl") == "KCC_DEFAULT_ROLE is boss; gebruik een van viewer, planner, admin."


# --------------------------------------------------------------------------- passwords


def test_a_password_hash_round_trip_and_a_wrong_password_refused() -> None:
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse battery ")
    assert not verify_password(stored, "Correct horse battery")
    assert hash_password("correct horse battery") != stored, "salted: one password, two hashes"
    assert not verify_password(None, "correct horse battery"), "no hash: an identity-provider user"
    assert not verify_password("not a hash", "correct horse battery")


def test_passwords_are_hashed_with_rfc_9106s_low_memory_profile(app_argon2: PasswordHasher) -> None:
    """The app's hashes: argon2id with RFC 9106's second recommended option (64 MiB, 3 passes),
    as ``kcc.access.passwords`` says; the other tests hash with argon2-cffi's test profile."""
    stored = extract_parameters(hash_password("correct horse battery"))
    expected = profiles.RFC_9106_LOW_MEMORY
    assert (stored.type, stored.memory_cost, stored.time_cost, stored.parallelism, stored.hash_len) == (
        expected.type, expected.memory_cost, expected.time_cost, expected.parallelism, expected.hash_len)


def test_an_unknown_name_costs_the_same_argon2_work_as_a_wrong_password(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sign-in with a name no account has verifies a dummy hash of today's parameters, so it
    answers as late as a wrong password and tells no one which names exist (counted, not
    timed: the verifications each makes and their parameters)."""
    from kcc.access import passwords

    stored = hash_password("correct horse battery")
    verified: list[str] = []

    class Counting(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:  # noqa: A002
            verified.append(str(hash))
            return super().verify(hash, password)

    monkeypatch.setattr(passwords, "_HASHER", Counting.from_parameters(profiles.CHEAPEST))
    passwords._dummy_hash.cache_clear()  # the dummy is made by the hasher it is verified with
    assert not verify_password(stored, "wrong password here")
    assert not verify_password(None, "wrong password here")
    assert len(verified) == 2 and verified[1] != stored
    params = [h.rsplit("$", 2)[0] for h in verified]
    assert params[0] == params[1], "the dummy hash has the same argon2 parameters as a real one"


def test_a_new_password_must_be_long_enough_and_typed_twice_alike() -> None:
    assert check_new_password("x" * MIN_PASSWORD_CHARS) == "x" * MIN_PASSWORD_CHARS
    with pytest.raises(AccountError) as refused:
        hash_password("short")
    assert refused.value.message("en") == "A password needs at least 10 characters."
    assert refused.value.message("nl") == "Een wachtwoord heeft minstens 10 tekens nodig."
    with pytest.raises(AccountError) as refused:
        check_new_password("long enough 1", "long enough 2")
    assert refused.value.message("nl") == "De twee wachtwoorden verschillen; typ twee keer hetzelfde wachtwoord."


def test_user_names_are_trimmed_lower_case_and_plain() -> None:
    assert normalise_login("  Vera.de-Vries@Bank.NL ") == "vera.de-vries@bank.nl"
    for bad, code in (("", "login_empty"), ("   ", "login_empty"), ("vera de vries", "login_chars"),
                      ("<script>", "login_chars"), ("a" * 121, "login_long")):
        with pytest.raises(AccountError) as refused:
            normalise_login(bad)
        assert refused.value.code == code
    with pytest.raises(AccountError) as refused:
        normalise_login("vera de vries")
    assert refused.value.message("en") == "A user name may hold letters, digits and . _ - @ + only (no spaces)."
    assert refused.value.message("nl") == (
        "Een gebruikersnaam mag alleen letters, cijfers en . _ - @ + bevatten (geen spaties).")
