"""Users and their roles in the store: local accounts (an argon2id hash, never a password),
identity-provider users an admin gave a role, and another role per centre.

Users belong to the database, not to a centre. A change of users is no change of planning
data: it leaves ``data_version`` (and so every cached forecast and plan) alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from kcc.access.errors import AccountError
from kcc.access.roles import ADMIN, check_role
from kcc.store.connection import Connection, Cursor, _cursor, _one, _retrying, _shared
from kcc.store.schema import StoreError

_COLUMNS: Final[str] = "login, display_name, password_hash IS NOT NULL, role, disabled, updated_at, updated_by"
_ENABLED_ADMINS: Final[str] = "SELECT count(*) FROM users WHERE role = $admin AND NOT disabled"


@dataclass(frozen=True)
class User:
    """One user as stored.

    Attributes
    ----------
    login : str
        User name or e-mail, lower case.
    display_name : str
        Name to show (may be empty).
    role : str
        Global role (``kcc.access.ROLES``).
    disabled : bool
        May not sign in.
    has_password : bool
        A local account (else the user signs in through the identity provider).
    centre_roles : tuple of (int, str)
        ``(centre_id, role)`` of existing centres where the user holds another role.
    updated_at : datetime
        Last change.
    updated_by : str
        Who made it (``setup`` / ``environment`` for the first admin).
    """

    login: str
    display_name: str
    role: str
    disabled: bool
    has_password: bool
    centre_roles: tuple[tuple[int, str], ...]
    updated_at: datetime
    updated_by: str

    @property
    def shown_name(self) -> str:
        """The display name, or the login when there is none."""
        return self.display_name or self.login


@contextmanager
def _users_transaction(con: Connection) -> Iterator[Cursor]:
    """One transaction under the write lock, without bumping the data version."""
    with _shared(con).write_lock:
        cur = _cursor(con)
        cur.begin()
        try:
            yield cur
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
        finally:
            cur.close()


def _centre_roles(cur: Cursor) -> dict[str, tuple[tuple[int, str], ...]]:
    rows = cur.execute(
        """SELECT r.login, r.centre_id, r.role FROM user_centre_roles r
           JOIN centres c USING (centre_id) ORDER BY r.login, r.centre_id"""
    ).fetchall()
    found: dict[str, list[tuple[int, str]]] = {}
    for login, centre_id, role in rows:
        found.setdefault(str(login), []).append((int(centre_id), str(role)))
    return {login: tuple(pairs) for login, pairs in found.items()}


def list_users(con: Connection) -> tuple[User, ...]:
    """Every user, by login."""
    cur = _cursor(con)
    rows = cur.execute(f"SELECT {_COLUMNS} FROM users ORDER BY login").fetchall()  # noqa: S608 - constant
    roles = _centre_roles(cur)
    return tuple(User(str(r[0]), str(r[1]), str(r[3]), bool(r[4]), bool(r[2]), roles.get(str(r[0]), ()),
                      r[5], str(r[6])) for r in rows)


def get_user(con: Connection, login: str) -> User | None:
    """One user by login (as stored: lower case), or None."""
    return next((u for u in list_users(con) if u.login == login), None)


def _stored(con: Connection, login: str) -> User:
    """A user just written (a store bug when missing)."""
    user = get_user(con, login)
    if user is None:
        raise StoreError(f"user {login!r} was written but cannot be read back")
    return user


def count_users(con: Connection) -> int:
    """How many users there are (none: the first admin is still to be created)."""
    return int(_one(_cursor(con).execute("SELECT count(*) FROM users"))[0])


def user_password_hash(con: Connection, login: str) -> str | None:
    """The stored hash of a local account; None for an unknown login or one without."""
    row = _cursor(con).execute("SELECT password_hash FROM users WHERE login = $login",
                               {"login": login}).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def add_user(con: Connection, login: str, *, role: str, by: str, display_name: str = "",
             password_hash: str | None = None, first: bool = False) -> User:
    """Add a user (``login`` already normalised, ``kcc.access.normalise_login``).

    Parameters
    ----------
    first : bool
        Only when there are no users yet (the first admin): refused otherwise, in the same
        transaction, so two sessions setting up at once create one admin.

    Raises
    ------
    AccountError
        ``login_taken``, ``role``, or ``setup_done`` with ``first`` when users exist.
    """
    check_role(role)

    def attempt() -> None:
        with _users_transaction(con) as cur:
            if first and _one(cur.execute("SELECT count(*) FROM users"))[0]:
                raise AccountError("setup_done")
            if cur.execute("SELECT 1 FROM users WHERE login = $login", {"login": login}).fetchone():
                raise AccountError("login_taken", login=login)
            cur.execute(
                """INSERT INTO users (login, display_name, password_hash, role, disabled, created_at,
                                      updated_at, updated_by)
                   VALUES ($login, $name, $hash, $role, FALSE, now(), now(), $by)""",
                {"login": login, "name": display_name, "hash": password_hash, "role": role, "by": by},
            )

    _retrying(attempt)
    return _stored(con, login)


def update_user(con: Connection, login: str, *, by: str, role: str | None = None,
                disabled: bool | None = None, password_hash: str | None = None,
                display_name: str | None = None) -> User:
    """Change what is given of one user, in one transaction.

    Raises
    ------
    AccountError
        ``unknown``; ``role``; ``last_admin`` when the change would leave no enabled admin.
    """
    if role is not None:
        check_role(role)

    def attempt() -> None:
        with _users_transaction(con) as cur:
            admins = int(_one(cur.execute(_ENABLED_ADMINS, {"admin": ADMIN}))[0])
            changed = cur.execute(
                """UPDATE users SET role = coalesce($role, role), disabled = coalesce($disabled, disabled),
                          password_hash = coalesce($hash, password_hash),
                          display_name = coalesce($name, display_name), updated_at = now(), updated_by = $by
                   WHERE login = $login RETURNING login""",
                {"login": login, "role": role, "disabled": disabled, "hash": password_hash,
                 "name": display_name, "by": by},
            ).fetchall()
            if not changed:
                raise AccountError("unknown", login=login)
            if admins and not _one(cur.execute(_ENABLED_ADMINS, {"admin": ADMIN}))[0]:
                raise AccountError("last_admin", login=login)

    _retrying(attempt)
    return _stored(con, login)


def set_centre_role(con: Connection, login: str, centre_id: int, role: str | None, *,
                    by: str) -> User:
    """Give a user ``role`` in one centre, or (``None``) their global role there again.

    Raises
    ------
    AccountError
        ``unknown`` (a login not stored), ``role``.
    """
    if role is not None:
        check_role(role)

    def attempt() -> None:
        with _users_transaction(con) as cur:
            if not cur.execute("SELECT 1 FROM users WHERE login = $login", {"login": login}).fetchone():
                raise AccountError("unknown", login=login)
            cur.execute("DELETE FROM user_centre_roles WHERE login = $login AND centre_id = $centre",
                        {"login": login, "centre": int(centre_id)})
            if role is not None:
                cur.execute("INSERT INTO user_centre_roles VALUES ($login, $centre, $role)",
                            {"login": login, "centre": int(centre_id), "role": role})
            cur.execute("UPDATE users SET updated_at = now(), updated_by = $by WHERE login = $login",
                        {"login": login, "by": by})

    _retrying(attempt)
    return _stored(con, login)
