"""The sign-in settings, read from the environment: one setting turns sign-in on.

- ``KCC_AUTH``: ``off`` (the default: nobody signs in, the sidebar asks for a name, as on
  ``make run``), ``local`` (user names and passwords kept in the database) or ``oidc`` (the
  organisation's identity provider through Streamlit's ``st.login``, configured in
  ``.streamlit/secrets.toml``).
- ``KCC_DEFAULT_ROLE``: the role of a user signed in through the identity provider whom no
  admin has given one (default ``viewer``).
- ``KCC_ADMIN_USER`` (and ``KCC_ADMIN_PASSWORD`` for local accounts): the first admin, created
  at start when the database has no users yet; without it the app asks for one once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from kcc.access.errors import AuthSettingError
from kcc.access.roles import ROLES, VIEWER

OFF: Final[str] = "off"
LOCAL: Final[str] = "local"
OIDC: Final[str] = "oidc"
#: Values of ``KCC_AUTH``.
MODES: Final[tuple[str, ...]] = (OFF, LOCAL, OIDC)


@dataclass(frozen=True)
class AuthSettings:
    """How users sign in.

    Attributes
    ----------
    mode : str
        One of ``MODES``.
    default_role : str
        Role of an identity-provider user without one of their own (one of ``ROLES``).
    admin_login, admin_password : str
        The first admin to create when there are no users (``""``: none given).
    """

    mode: str = OFF
    default_role: str = VIEWER
    admin_login: str = ""
    admin_password: str = ""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise AuthSettingError("mode", value=self.mode, allowed=", ".join(MODES))
        if self.default_role not in ROLES:
            raise AuthSettingError("default_role", value=self.default_role, allowed=", ".join(ROLES))

    @property
    def enabled(self) -> bool:
        """True when users sign in."""
        return self.mode != OFF


def auth_settings(environ: Mapping[str, str] | None = None) -> AuthSettings:
    """The sign-in settings in ``environ`` (default the process environment).

    Raises
    ------
    AuthSettingError
        ``KCC_AUTH`` or ``KCC_DEFAULT_ROLE`` holds a value the app does not know.
    """
    env = os.environ if environ is None else environ
    return AuthSettings(
        mode=env.get("KCC_AUTH", "").strip().lower() or OFF,
        default_role=env.get("KCC_DEFAULT_ROLE", "").strip().lower() or VIEWER,
        admin_login=env.get("KCC_ADMIN_USER", "").strip(),
        admin_password=env.get("KCC_ADMIN_PASSWORD", ""),
    )
