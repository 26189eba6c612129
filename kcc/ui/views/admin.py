"""The Admin page: the users, their global role and their role per centre; add a user,
change a role, disable or enable, reset a password (``kcc.access.accounts`` through the
guard of ``kcc.ui.access``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import pandas as pd
import streamlit as st

from kcc import store
from kcc.access import MIN_PASSWORD_CHARS, OFF, OIDC, ROLES, AccountError, Action, Principal, accounts
from kcc.formatting import escape_markdown
from kcc.ui import access
from kcc.ui.state import Translator
from kcc.ui.widgets import error_text, fmt_moment, lang, person_label

#: Session key (no widget owns it) of the message to show after the rerun a change needs.
FLASH_KEY: Final[str] = "admin.flash"
#: The per-centre role choice meaning "the global role there".
_GLOBAL: Final[str] = ""


def render(con: store.Connection, tr: Translator) -> None:
    """The whole page: who may see it, the users, and the forms that change them."""
    st.title(tr("admin.title"))
    st.caption(tr("admin.intro"))
    mode = access.settings().mode
    if mode == OFF:
        st.info(tr("admin.sign_in_off"))
    if not access.allowed(Action.MANAGE_USERS, tr):
        return
    by = access.current()
    if by is None:
        return
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(tr(message[0], login=escape_markdown(message[1])))
    users = store.list_users(con)
    users_table(con, tr, users)
    add_form(con, tr, by, local=mode != OIDC)
    if users:
        change_section(con, tr, by, users)


def users_table(con: store.Connection, tr: Translator, users: tuple[store.User, ...]) -> None:
    """Every user: login, name, role, roles per centre, how they sign in, whether disabled."""
    st.subheader(tr("admin.users"))
    if not users:
        st.info(tr("admin.no_users"))
        return
    names = {c.centre_id: c.label(lang()) for c in store.list_centres(con)}
    frame = pd.DataFrame({
        "login": [u.login for u in users],
        "name": [u.display_name for u in users],
        "role": [tr(f"access.role.{u.role}") for u in users],
        "centre_roles": ["; ".join(f"{names.get(c, c)}: {tr(f'access.role.{r}')}" for c, r in u.centre_roles)
                         for u in users],
        "kind": [tr("admin.kind_local" if u.has_password else "admin.kind_identity") for u in users],
        "disabled": [u.disabled for u in users],
        "updated": [f"{fmt_moment(u.updated_at)} ({person_label(u.updated_by, tr)})" for u in users],
    })
    st.dataframe(frame, hide_index=True, key="admin.users_table", column_config={
        "login": tr("access.login"), "name": tr("access.display_name"), "role": tr("admin.role"),
        "centre_roles": tr("admin.centre_roles"), "kind": tr("admin.kind"),
        "disabled": st.column_config.CheckboxColumn(tr("admin.disabled")), "updated": tr("admin.updated"),
    })


def add_form(con: store.Connection, tr: Translator, by: Principal, *, local: bool) -> None:
    """A new user: a local account with a password, or (password left empty, identity
    provider) one who signs in with their e-mail."""
    st.subheader(tr("admin.add"))
    st.caption(tr("admin.add_help_local" if local else "admin.add_help_identity"))
    with st.form("admin.add_form", clear_on_submit=True):
        left, right = st.columns(2)
        login = left.text_input(tr("access.login"), key="admin.add.login")
        name = right.text_input(tr("access.display_name"), key="admin.add.name")
        role = left.selectbox(tr("admin.role"), ROLES, index=0, key="admin.add.role",
                              format_func=lambda r: tr(f"access.role.{r}"))
        password = left.text_input(tr("access.password"), type="password", key="admin.add.password",
                                   autocomplete="new-password")
        repeated = right.text_input(tr("access.password_again"), type="password", key="admin.add.repeated",
                                    autocomplete="new-password")
        submitted = st.form_submit_button(tr("admin.add_button"), type="primary")
    if submitted:
        given = password if (password or local) else None
        _apply("admin.added", lambda: _add(con, by, login, role=role, display_name=name,
                                                    password=given, repeated=repeated))


def change_section(con: store.Connection, tr: Translator, by: Principal,
                   users: tuple[store.User, ...]) -> None:
    """One user's global role, role per centre, disabled or enabled, and a new password."""
    st.subheader(tr("admin.change"))
    logins = [u.login for u in users]
    login = st.selectbox(tr("admin.pick"), logins, key="admin.pick")
    user = users[logins.index(login)]
    role_col, centre_col = st.columns(2)
    with role_col:
        role = st.selectbox(tr("admin.role"), ROLES, index=ROLES.index(user.role), key=f"admin.role.{login}",
                            format_func=lambda r: tr(f"access.role.{r}"))
        if st.button(tr("admin.set_role"), key="admin.set_role", disabled=role == user.role):
            _apply("admin.role_set", lambda: _set_role(con, by, login, role))
        toggle = "admin.enable" if user.disabled else "admin.disable"
        if st.button(tr(toggle), key="admin.toggle"):
            _apply("admin.now_enabled" if user.disabled else "admin.now_disabled",
                   lambda: _set_disabled(con, by, login, not user.disabled))
    with centre_col:
        _centre_role(con, tr, by, user)
    with st.form(f"admin.password_form.{login}", clear_on_submit=True):
        st.caption(tr("admin.password_help", limit=MIN_PASSWORD_CHARS))
        password = st.text_input(tr("admin.new_password"), type="password", key="admin.new_password",
                                 autocomplete="new-password")
        repeated = st.text_input(tr("access.password_again"), type="password", key="admin.new_repeated",
                                 autocomplete="new-password")
        if st.form_submit_button(tr("admin.reset_password")):
            _apply("admin.password_reset", lambda: _reset_password(con, by, login, password, repeated))


def _centre_role(con: store.Connection, tr: Translator, by: Principal, user: store.User) -> None:
    centres = {c.centre_id: c.label(lang()) for c in store.list_centres(con)}
    centre = st.selectbox(tr("admin.centre"), list(centres), format_func=centres.__getitem__,
                          key=f"admin.centre.{user.login}")
    held = dict(user.centre_roles).get(centre, _GLOBAL)
    options = [_GLOBAL, *ROLES]
    role = st.selectbox(tr("admin.centre_role"), options, index=options.index(held),
                        key=f"admin.centre_role.{user.login}.{centre}",
                        format_func=lambda r: tr(f"access.role.{r}") if r else tr("admin.global_role",
                                                                                  role=tr(f"access.role.{user.role}")))
    if st.button(tr("admin.set_centre_role"), key="admin.set_centre_role", disabled=role == held):
        _apply("admin.centre_role_set",
               lambda: _set_centre_role(con, by, user.login, int(centre), role or None))


def _apply(done: str, change: Callable[[], store.User]) -> None:
    """Run one change; its refusal in the reader's language, else a rerun with ``done``."""
    try:
        user = change()
    except AccountError as exc:
        st.error(error_text(exc))
        return
    st.session_state[FLASH_KEY] = (done, user.login)
    st.rerun()


# --------------------------------------------------------------------------- the writes


@access.requires(Action.MANAGE_USERS)
def _add(con: store.Connection, by: Principal, login: str, *, role: str, display_name: str,
         password: str | None, repeated: str) -> store.User:
    return accounts.add_account(con, by, login, role=role, display_name=display_name, password=password,
                                repeated=repeated)


@access.requires(Action.MANAGE_USERS)
def _set_role(con: store.Connection, by: Principal, login: str, role: str) -> store.User:
    return accounts.set_role(con, by, login, role)


@access.requires(Action.MANAGE_USERS)
def _set_disabled(con: store.Connection, by: Principal, login: str, disabled: bool) -> store.User:
    return accounts.set_disabled(con, by, login, disabled)


@access.requires(Action.MANAGE_USERS)
def _reset_password(con: store.Connection, by: Principal, login: str, password: str,
                    repeated: str) -> store.User:
    return accounts.reset_password(con, by, login, password, repeated)


@access.requires(Action.MANAGE_USERS)
def _set_centre_role(con: store.Connection, by: Principal, login: str, centre_id: int,
                     role: str | None) -> store.User:
    return accounts.set_centre_role(con, by, login, centre_id, role)

