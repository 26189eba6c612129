"""Signing users in and managing them, through the store: the rules of ``kcc.access`` put to
work on stored users (kept apart from the package's pure modules, which the store imports).

Every change of users is checked against the permission matrix here too, so a caller that
skips the screen's guard is still refused.
"""

from __future__ import annotations

from typing import Final

from kcc import store
from kcc.access.errors import AccountError, AuthSettingError
from kcc.access.passwords import (
    check_display_name,
    check_new_password,
    hash_password,
    needs_rehash,
    normalise_login,
    verify_password,
)
from kcc.access.roles import ADMIN, Action, Principal, check_role
from kcc.access.settings import LOCAL, AuthSettings

#: ``updated_by`` of a first admin made from ``KCC_ADMIN_USER`` or the setup screen.
FROM_ENVIRONMENT: Final[str] = "environment"
FROM_SETUP: Final[str] = "setup"


def principal_of(user: store.User) -> Principal:
    """The principal of a stored, enabled user: recorded under their login."""
    return Principal(login=user.login, name=user.login, role=user.role, centre_roles=user.centre_roles)


def sign_in(con: store.Connection, login: str, password: str) -> Principal:
    """Sign a local account in.

    Raises
    ------
    AccountError
        ``sign_in_failed`` for an unknown user or a wrong password (one message for both),
        ``disabled`` for a disabled account with the right password.
    """
    try:
        key = normalise_login(login)
    except AccountError:
        key = ""
    stored_hash = store.user_password_hash(con, key) if key else None
    if not verify_password(stored_hash, password):
        raise AccountError("sign_in_failed")
    user = store.get_user(con, key)
    if user is None:
        raise AccountError("sign_in_failed")
    if user.disabled:
        raise AccountError("disabled", login=key)
    if stored_hash is not None and needs_rehash(stored_hash):
        store.update_user(con, key, by=key, password_hash=hash_password(password))
    return principal_of(user)


def still_signed_in(con: store.Connection, login: str) -> Principal | None:
    """A signed-in local user as stored now (role changes count at once); None when the
    account was removed or disabled since."""
    user = store.get_user(con, login)
    return None if user is None or user.disabled else principal_of(user)


def identity_principal(con: store.Connection, login: str, settings: AuthSettings) -> Principal:
    """The principal of a user the identity provider signed in: their stored role, else
    ``settings.default_role``.

    Raises
    ------
    AccountError
        ``disabled`` when an admin disabled the account; ``login_*`` for an unusable e-mail.
    """
    key = normalise_login(login)
    user = store.get_user(con, key)
    if user is None:
        return Principal(login=key, name=key, role=settings.default_role)
    if user.disabled:
        raise AccountError("disabled", login=key)
    return principal_of(user)


# --------------------------------------------------------------------------- the first admin


def needs_setup(con: store.Connection) -> bool:
    """True while there are no users: the first admin is still to be created."""
    return store.count_users(con) == 0


def ensure_first_admin(con: store.Connection, settings: AuthSettings) -> bool:
    """Create the admin of ``KCC_ADMIN_USER`` (with ``KCC_ADMIN_PASSWORD`` for local accounts)
    when there are no users; True when it was created now.

    Raises
    ------
    AuthSettingError
        ``admin_password`` when local accounts are on and the password is missing or short.
    AccountError
        ``login_*`` for an unusable user name.
    """
    if not settings.enabled or not settings.admin_login or not needs_setup(con):
        return False
    login = normalise_login(settings.admin_login)
    password_hash = None
    if settings.mode == LOCAL:
        try:
            password_hash = hash_password(settings.admin_password)
        except AccountError as exc:
            raise AuthSettingError("admin_password", cause=exc) from exc
    try:
        store.add_user(con, login, role=ADMIN, by=FROM_ENVIRONMENT, password_hash=password_hash, first=True)
    except AccountError as exc:
        if exc.code == "setup_done":  # another session or replica created it first
            return False
        raise
    return True


def set_up_admin(con: store.Connection, login: str, *, display_name: str = "",
                 password: str | None = None, repeated: str | None = None) -> Principal:
    """The one-time setup: the first user, an admin (a local account with ``password``, else
    one who signs in through the identity provider).

    Raises
    ------
    AccountError
        ``setup_done`` when a user exists by now; the checks of the login, name and password.
    """
    key, name = normalise_login(login), check_display_name(display_name)
    password_hash = None if password is None else hash_password(check_new_password(password, repeated))
    user = store.add_user(con, key, role=ADMIN, by=FROM_SETUP, display_name=name,
                          password_hash=password_hash, first=True)
    return principal_of(user)


# --------------------------------------------------------------------------- admin changes


def add_account(con: store.Connection, by: Principal, login: str, *, role: str,
                display_name: str = "", password: str | None = None,
                repeated: str | None = None) -> store.User:
    """Add a user: a local account with ``password``, else one who signs in through the
    identity provider (their e-mail as ``login``).

    Raises
    ------
    AccessError
        ``by`` may not manage users.
    AccountError
        ``login_*``, ``name_long``, ``password_*``, ``role``, ``login_taken``.
    """
    by.check(Action.MANAGE_USERS)
    key, name = normalise_login(login), check_display_name(display_name)
    check_role(role)
    password_hash = None if password is None else hash_password(check_new_password(password, repeated))
    return store.add_user(con, key, role=role, by=by.name, display_name=name, password_hash=password_hash)


def set_role(con: store.Connection, by: Principal, login: str, role: str) -> store.User:
    """Give a user another global role (refused when it leaves no enabled admin)."""
    by.check(Action.MANAGE_USERS)
    return store.update_user(con, login, by=by.name, role=check_role(role))


def set_disabled(con: store.Connection, by: Principal, login: str, disabled: bool) -> store.User:
    """Disable a user (they cannot sign in, and a signed-in session ends at its next step), or
    enable them again; refused when it leaves no enabled admin."""
    by.check(Action.MANAGE_USERS)
    return store.update_user(con, login, by=by.name, disabled=bool(disabled))


def reset_password(con: store.Connection, by: Principal, login: str, password: str,
                   repeated: str | None = None) -> store.User:
    """Give a user a new password (a user who signed in through the identity provider becomes
    a local account too)."""
    by.check(Action.MANAGE_USERS)
    return store.update_user(con, login, by=by.name,
                             password_hash=hash_password(check_new_password(password, repeated)))


def set_centre_role(con: store.Connection, by: Principal, login: str, centre_id: int,
                    role: str | None) -> store.User:
    """Give a user ``role`` in one centre, or (``None``) their global role there again."""
    by.check(Action.MANAGE_USERS)
    return store.set_centre_role(con, login, centre_id, None if role is None else check_role(role), by=by.name)
