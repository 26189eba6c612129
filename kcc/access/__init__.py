"""Sign-in and roles: who may do what (``roles``), the sign-in settings (``settings``), local
passwords (``passwords``) and their errors, all pure; ``kcc.access.accounts`` signs users in
and manages them through the store (imported on its own: the store imports this package).
"""

from __future__ import annotations

from kcc.access.errors import AccessError, AccountError, AuthSettingError
from kcc.access.passwords import (
    MAX_LOGIN_CHARS,
    MAX_NAME_CHARS,
    MAX_PASSWORD_CHARS,
    MIN_PASSWORD_CHARS,
    check_display_name,
    check_new_password,
    hash_password,
    needs_rehash,
    normalise_login,
    verify_password,
)
from kcc.access.roles import (
    ADMIN,
    GLOBAL_ACTIONS,
    PERMISSIONS,
    PLANNER,
    ROLES,
    VIEWER,
    Action,
    Principal,
    check_role,
    everyone,
    may,
)
from kcc.access.settings import LOCAL, MODES, OFF, OIDC, AuthSettings, auth_settings

__all__ = [
    "ADMIN",
    "GLOBAL_ACTIONS",
    "LOCAL",
    "MAX_LOGIN_CHARS",
    "MAX_NAME_CHARS",
    "MAX_PASSWORD_CHARS",
    "MIN_PASSWORD_CHARS",
    "MODES",
    "OFF",
    "OIDC",
    "PERMISSIONS",
    "PLANNER",
    "ROLES",
    "VIEWER",
    "AccessError",
    "AccountError",
    "Action",
    "AuthSettingError",
    "AuthSettings",
    "Principal",
    "auth_settings",
    "check_display_name",
    "check_new_password",
    "check_role",
    "everyone",
    "hash_password",
    "may",
    "needs_rehash",
    "normalise_login",
    "verify_password",
]
