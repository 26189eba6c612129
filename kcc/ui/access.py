"""Sign-in and roles on screen: who uses this session (``gate``), the sign-in and first-admin
screens, the sidebar's account box, and the one guard every write of the app goes through
(``requires``), with ``allowed`` to disable or hide a writing widget and say why.

``tests/test_architecture.py`` checks that every store write, import and demo load in the
shell runs inside a function decorated with ``requires``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Final, ParamSpec, TypeVar

import duckdb
import streamlit as st

from kcc import store
from kcc.access import (
    OIDC,
    AccessError,
    AccountError,
    Action,
    AuthSettingError,
    AuthSettings,
    Principal,
    accounts,
    auth_settings,
    everyone,
)
from kcc.formatting import escape_markdown
from kcc.i18n import t

_P = ParamSpec("_P")
_T = TypeVar("_T")

#: Session key (no widget owns it) of this run's ``Principal``, set by ``gate``.
PRINCIPAL_KEY: Final[str] = "access.principal"
#: Session key (no widget owns it) of the local account signed in.
LOGIN_KEY: Final[str] = "access.login"
#: Session key of the centre the session shows (``kcc.ui.state.CENTRE_STATE_KEY``).
_CENTRE_KEY: Final[str] = "centre.id"
#: Session key of a notice to show on the sign-in screen after a rerun.
_NOTICE_KEY: Final[str] = "access.notice"

Translator = Callable[..., str]


def _lang() -> str:
    return str(st.session_state.get("lang", "en"))


def settings() -> AuthSettings:
    """The sign-in settings (``KCC_AUTH`` ...); a value the app does not know stops the run with
    what is wrong, in the reader's language."""
    try:
        return auth_settings()
    except AuthSettingError as exc:
        st.error(exc.message(_lang(), escape=escape_markdown))
        st.stop()
        raise  # st.stop() does not return


def _typed_name() -> str:
    return str(st.session_state.get("user") or t("common.anonymous_user", _lang()))


def _identity_login() -> str:
    """The identity provider's e-mail of the signed-in user (its subject id when it gives none)."""
    return str(st.user.get("email") or st.user.get("sub") or "")


def session_principal(con: store.Connection) -> Principal | None:
    """Who uses this session, without drawing anything: everyone when sign-in is off, None
    when nobody is signed in (or the first admin is still to be created)."""
    cfg = settings()
    if not cfg.enabled:
        return everyone(_typed_name())
    try:
        accounts.ensure_first_admin(con, cfg)
    except (AuthSettingError, AccountError) as exc:
        st.error(exc.message(_lang(), escape=escape_markdown))
        st.stop()
    if accounts.needs_setup(con):
        return None
    if cfg.mode == OIDC:
        if not st.user.is_logged_in:
            return None
        try:
            return accounts.identity_principal(con, _identity_login(), cfg)
        except AccountError:
            return None  # disabled: the sign-in screen says so
    login = st.session_state.get(LOGIN_KEY)
    if not login:
        return None
    principal = accounts.still_signed_in(con, str(login))
    if principal is None:  # disabled or removed since: this session ends too
        st.session_state.pop(LOGIN_KEY, None)
        st.session_state[_NOTICE_KEY] = "access.signed_out_disabled"
    return principal


def gate(con: store.Connection, tr: Translator) -> Principal:
    """The session's principal, kept for the guards of this run; when nobody is signed in,
    the sign-in screen instead, and the run stops."""
    principal = session_principal(con)
    if principal is None:
        st.session_state.pop(PRINCIPAL_KEY, None)
        sign_in_screen(con, tr)
        st.stop()
    st.session_state[PRINCIPAL_KEY] = principal
    return principal


def current() -> Principal | None:
    """The principal ``gate`` found for this run (everyone when sign-in is off); None when
    nobody is signed in."""
    found = st.session_state.get(PRINCIPAL_KEY)
    if isinstance(found, Principal):
        return found
    return None if settings().enabled else everyone(_typed_name())


# --------------------------------------------------------------------------- the guard


def refusal(action: Action, centre_id: int | None = None) -> AccessError | None:
    """Why this session may not do ``action`` in ``centre_id`` (default the centre shown);
    None when it may."""
    principal = current()
    centre = centre_id if centre_id is not None else st.session_state.get(_CENTRE_KEY)
    if principal is None:
        return AccessError("signed_out")
    try:
        principal.check(action, None if centre is None else int(centre))
    except AccessError as exc:
        return exc
    return None


def reason(action: Action) -> str | None:
    """Why this session may not do ``action`` in the centre it shows, for a disabled widget's
    help (plain text); None when it may."""
    refused = refusal(action)
    return None if refused is None else refused.message(_lang())


def can(action: Action) -> bool:
    """True when this session may do ``action`` in the centre it shows."""
    return refusal(action) is None


def allowed(action: Action, tr: Translator) -> bool:
    """``can(action)``; when not, says why where the writing widgets are (which the caller then
    disables or leaves out)."""
    refused = refusal(action)
    if refused is not None:
        st.info(refused.message(_lang(), escape=escape_markdown), icon=":material/lock:")
    return refused is None


def requires(action: Action) -> Callable[[Callable[_P, _T]], Callable[_P, _T]]:
    """Decorate a function that writes: a session whose role lacks the right gets the reason
    in its language and the run stops before anything is written. The centre is the one of
    the connection passed first, else the one the session shows."""

    def decorate(write: Callable[_P, _T]) -> Callable[_P, _T]:
        @functools.wraps(write)
        def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _T:
            first = args[0] if args else kwargs.get("con")
            centre = store.centre_of(first) if isinstance(first, (duckdb.DuckDBPyConnection, store.PgStore)) else None
            refused = refusal(action, centre)
            if refused is not None:
                st.error(refused.message(_lang(), escape=escape_markdown), icon=":material/lock:")
                st.stop()
            return write(*args, **kwargs)

        guarded.required_action = action  # type: ignore[attr-defined]  # read by tests
        return guarded

    return decorate


# --------------------------------------------------------------------------- screens


def sign_in_screen(con: store.Connection, tr: Translator) -> None:
    """The sign-in form (local accounts), the identity provider's button (OIDC), or the
    one-time creation of the first admin while there are no users."""
    cfg = settings()
    st.title(tr("access.sign_in_title"))
    notice = st.session_state.pop(_NOTICE_KEY, None)
    if notice:
        st.warning(tr(str(notice)))
    if cfg.mode == OIDC:
        _identity_screen(con, tr)
    elif accounts.needs_setup(con):
        _setup_form(con, tr)
    else:
        _sign_in_form(con, tr)


def _sign_in_form(con: store.Connection, tr: Translator) -> None:
    st.caption(tr("access.sign_in_intro"))
    with st.form("access.sign_in"):
        login = st.text_input(tr("access.login"), key="access.sign_in.login", autocomplete="username")
        password = st.text_input(tr("access.password"), type="password", key="access.sign_in.password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(tr("access.sign_in"), type="primary")
    if not submitted:
        return
    try:
        principal = accounts.sign_in(con, login, password)
    except AccountError as exc:
        st.error(exc.message(_lang(), escape=escape_markdown))
        return
    st.session_state[LOGIN_KEY] = principal.login
    st.rerun()


def _setup_form(con: store.Connection, tr: Translator) -> None:
    st.info(tr("access.setup_intro"))
    with st.form("access.setup"):
        login = st.text_input(tr("access.login"), key="access.setup.login", autocomplete="username")
        name = st.text_input(tr("access.display_name"), key="access.setup.name")
        password = st.text_input(tr("access.password"), type="password", key="access.setup.password",
                                 autocomplete="new-password")
        repeated = st.text_input(tr("access.password_again"), type="password", key="access.setup.repeated",
                                 autocomplete="new-password")
        submitted = st.form_submit_button(tr("access.setup_create"), type="primary")
    if not submitted:
        return
    try:
        principal = accounts.set_up_admin(con, login, display_name=name, password=password, repeated=repeated)
    except AccountError as exc:
        st.error(exc.message(_lang(), escape=escape_markdown))
        return
    st.session_state[LOGIN_KEY] = principal.login
    st.rerun()


def _identity_screen(con: store.Connection, tr: Translator) -> None:
    if not st.user.is_logged_in:
        st.caption(tr("access.identity_intro"))
        if st.button(tr("access.sign_in_identity"), type="primary", key="access.identity"):
            st.login()
        return
    login = _identity_login()
    if accounts.needs_setup(con):
        st.info(tr("access.setup_identity", login=escape_markdown(login)))
        if st.button(tr("access.setup_create"), type="primary", key="access.setup_identity"):
            try:
                accounts.set_up_admin(con, login, display_name=str(st.user.get("name") or ""))
            except AccountError as exc:
                st.error(exc.message(_lang(), escape=escape_markdown))
                return
            st.rerun()
        return
    try:
        accounts.identity_principal(con, login, settings())
    except AccountError as exc:  # disabled by an admin, or an e-mail no account can have
        st.error(exc.message(_lang(), escape=escape_markdown))
    if st.button(tr("access.sign_out"), key="access.identity_sign_out"):
        st.logout()


def account_box(tr: Translator, principal: Principal) -> None:
    """Sidebar: who is signed in, with which role in the centre shown, and the sign-out button."""
    role = principal.role_in(st.session_state.get(_CENTRE_KEY))
    st.caption(tr("access.signed_in_as", login=escape_markdown(principal.login), role=tr(f"access.role.{role}")))
    if st.button(tr("access.sign_out"), key="access.sign_out"):
        sign_out()


def sign_out() -> None:
    """End this session's sign-in (and, with the identity provider, its cookie)."""
    st.session_state.pop(LOGIN_KEY, None)
    st.session_state.pop(PRINCIPAL_KEY, None)
    if settings().mode == OIDC:
        st.logout()
    st.rerun()
