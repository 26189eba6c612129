"""Roles and what each may do: the one permission matrix every write in the app is checked
against (``kcc.ui.access`` guards the writes with it).

A viewer sees plans and decks; a planner also imports, edits the plan's inputs and saves
scenarios; an admin also manages users and centres. A user may hold another role in one
centre than their global one (``Principal.centre_roles``); users and centres themselves are
managed with the global role.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from kcc.access.errors import AccessError, AccountError

VIEWER: Final[str] = "viewer"
PLANNER: Final[str] = "planner"
ADMIN: Final[str] = "admin"
#: The roles, each with every right of the ones before it.
ROLES: Final[tuple[str, ...]] = (VIEWER, PLANNER, ADMIN)


class Action(StrEnum):
    """What a user may be allowed to do; the values name the texts ``access.denied.<value>``."""

    VIEW = "view"                      # plans, forecasts, scenarios, board decks and exports
    IMPORT = "import"                  # contact and interval files, roster files
    EDIT_PLAN = "edit_plan"            # events, holidays, plan and capacity settings, shifts
    SAVE_SCENARIO = "save_scenario"    # save, duplicate and delete scenarios
    MANAGE_CENTRES = "manage_centres"  # create, rename, hide, delete centres; reload the demo
    MANAGE_USERS = "manage_users"      # add, disable and reset users, set roles


#: The least role that may do each action.
PERMISSIONS: Final[dict[Action, str]] = {
    Action.VIEW: VIEWER,
    Action.IMPORT: PLANNER,
    Action.EDIT_PLAN: PLANNER,
    Action.SAVE_SCENARIO: PLANNER,
    Action.MANAGE_CENTRES: ADMIN,
    Action.MANAGE_USERS: ADMIN,
}

#: Actions on the whole database, judged by the global role (never a centre's).
GLOBAL_ACTIONS: Final[frozenset[Action]] = frozenset({Action.MANAGE_CENTRES, Action.MANAGE_USERS})


def check_role(role: str) -> str:
    """``role`` when it is one of ``ROLES``.

    Raises
    ------
    AccountError
        ``role`` naming the value given.
    """
    if role not in ROLES:
        raise AccountError("role", role=str(role))
    return role


def may(role: str, action: Action) -> bool:
    """True when ``role`` may do ``action`` (an unknown role may do nothing)."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(PERMISSIONS[Action(action)])


@dataclass(frozen=True)
class Principal:
    """Who is using this session, and with which rights.

    Attributes
    ----------
    login : str
        User name (a local account) or e-mail (signed in through the identity provider),
        lower case; ``""`` when sign-in is off.
    name : str
        What the import history and scenarios record: the login when signed in, the typed
        name when sign-in is off.
    role : str
        Global role, one of ``ROLES`` (every right when sign-in is off: ``ADMIN``).
    centre_roles : tuple of (int, str)
        ``(centre_id, role)`` where the user holds another role than the global one.
    signed_in : bool
        False when sign-in is off (nobody signs in; everyone may do everything, as before).
    """

    login: str
    name: str
    role: str
    centre_roles: tuple[tuple[int, str], ...] = field(default=())
    signed_in: bool = True

    def __post_init__(self) -> None:
        check_role(self.role)
        for _, role in self.centre_roles:
            check_role(role)

    def role_in(self, centre_id: int | None) -> str:
        """The role in one centre: its own there, else the global one."""
        return dict(self.centre_roles).get(centre_id, self.role) if centre_id is not None else self.role

    def may(self, action: Action, centre_id: int | None = None) -> bool:
        """True when the user may do ``action`` (in ``centre_id``, for a per-centre action)."""
        action = Action(action)
        return may(self.role if action in GLOBAL_ACTIONS else self.role_in(centre_id), action)

    def check(self, action: Action, centre_id: int | None = None) -> None:
        """Refuse ``action`` unless allowed.

        Raises
        ------
        AccessError
            Code ``action``, with the user's role and the least role that may.
        """
        action = Action(action)
        if not self.may(action, centre_id):
            role = self.role if action in GLOBAL_ACTIONS else self.role_in(centre_id)
            raise AccessError(action.value, role=role, needed=PERMISSIONS[action])


def everyone(name: str) -> Principal:
    """The principal of a session when sign-in is off: every right, the typed name recorded."""
    return Principal(login="", name=name, role=ADMIN, signed_in=False)
