"""Passwords and user names of local accounts: argon2id hashes (argon2-cffi's
``PasswordHasher``, its RFC 9106 low-memory profile), never the password itself."""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kcc.access.errors import AccountError

#: Shortest password a local account may have. [characters]
MIN_PASSWORD_CHARS: Final[int] = 10
#: Longest password (argon2 takes any length; this bounds the work a sign-in asks). [characters]
MAX_PASSWORD_CHARS: Final[int] = 256
#: Longest user name or e-mail. [characters]
MAX_LOGIN_CHARS: Final[int] = 120
#: Longest display name. [characters]
MAX_NAME_CHARS: Final[int] = 80
#: Characters a user name may hold: letters, digits and ``. _ - @ +`` (an e-mail fits).
_LOGIN: Final = re.compile(r"[a-z0-9._@+-]+")

_HASHER: Final = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash verified when the user name is unknown, so a wrong name takes as long as a wrong
    password. Made at the process's first sign-in, whoever signs in (made at import, it cost
    every app server and worker 0.12 s of start-up)."""
    return _HASHER.hash("not a password of anyone")


def normalise_login(login: str) -> str:
    """A user name as stored: trimmed, lower case.

    Raises
    ------
    AccountError
        ``login_empty``, ``login_long`` (field ``limit``) or ``login_chars``.
    """
    text = str(login).strip().lower()
    if not text:
        raise AccountError("login_empty")
    if len(text) > MAX_LOGIN_CHARS:
        raise AccountError("login_long", limit=MAX_LOGIN_CHARS)
    if not _LOGIN.fullmatch(text):
        raise AccountError("login_chars")
    return text


def check_display_name(name: str) -> str:
    """A display name, trimmed (may be empty: the login is shown then).

    Raises
    ------
    AccountError
        ``name_long`` (field ``limit``).
    """
    text = str(name).strip()
    if len(text) > MAX_NAME_CHARS:
        raise AccountError("name_long", limit=MAX_NAME_CHARS)
    return text


def check_new_password(password: str, repeated: str | None = None) -> str:
    """A new password when it is long enough (and typed the same twice, when repeated).

    Raises
    ------
    AccountError
        ``password_short`` or ``password_long`` (field ``limit``), ``password_mismatch``.
    """
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError("password_short", limit=MIN_PASSWORD_CHARS)
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError("password_long", limit=MAX_PASSWORD_CHARS)
    if repeated is not None and repeated != password:
        raise AccountError("password_mismatch")
    return password


def hash_password(password: str) -> str:
    """The argon2id hash of a password that passes ``check_new_password`` (salted: two hashes
    of one password differ)."""
    return _HASHER.hash(check_new_password(password))


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; False for a wrong one, a missing hash
    (an account that signs in through the identity provider) or a damaged hash. Takes about
    as long either way."""
    if len(password) > MAX_PASSWORD_CHARS:
        return False
    dummy = _dummy_hash()  # before the branch on the name, so the first sign-in costs the same either way
    try:
        return bool(_HASHER.verify(stored_hash or dummy, password)) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _HASHER.check_needs_rehash(stored_hash)
