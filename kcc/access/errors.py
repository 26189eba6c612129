"""The errors of sign-in and roles, each able to say what is wrong in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kcc.i18n import TranslatedError, t


class AccessError(TranslatedError):
    """A write refused to a role without the right; nothing was changed.

    The code is the refused action (``kcc.access.Action``), texts ``access.denied.<action>``;
    fields ``role`` (the user's role in that centre, shown by its name) and ``needed`` (the
    least role that may).
    """

    texts = "access.denied"

    def _fields(self, lang: str, *, labelled: bool, escape: Callable[[str], str] | None) -> dict[str, Any]:
        fields = super()._fields(lang, labelled=labelled, escape=escape)
        for name in ("role", "needed"):
            if name in self.fields:
                fields[name] = t(f"access.role.{self.fields[name]}", lang)
        return fields


class AccountError(TranslatedError):
    """A sign-in refused, or an account change refused; nothing was changed.

    Codes (texts ``access.account_error.<code>``): ``sign_in_failed`` (an unknown user or a
    wrong password: one message for both, so a guess learns nothing), ``disabled`` (field
    ``login``), ``login_empty``, ``login_chars`` and ``login_long`` (field ``limit``),
    ``name_long`` (field ``limit``), ``password_short`` (field ``limit``), ``password_long``
    (field ``limit``), ``password_mismatch``, ``role`` (field ``role``), ``login_taken``,
    ``unknown`` and ``last_admin`` (field ``login``), ``setup_done``.
    """

    texts = "access.account_error"


class AuthSettingError(TranslatedError):
    """A sign-in setting in the environment the app cannot use (it stops at start).

    Codes (texts ``access.setting_error.<code>``): ``mode`` (fields ``value``, ``allowed``),
    ``default_role`` (fields ``value``, ``allowed``).
    """

    texts = "access.setting_error"
