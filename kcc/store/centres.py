"""Contact centres: several in one database, each with its own volumes, events, roster,
shifts, settings, scenarios and import history.

Every store call works on one centre: its ``centre_id`` keyword when given, else the centre the
connection is bound to (``for_centre``), else the demo centre (``DEMO_CENTRE_ID``), so code
written before centres keeps reading and writing the demo. The demo is created with the
database, marked ``is_demo``; it can be hidden, deleted and created again (``ensure_demo``,
then ``kcc.demo.load_demo``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kcc.i18n import TranslatedError, show_stored
from kcc.store.connection import (
    Connection,
    _cursor,
    _delete_centre_rows,
    _one,
    _transaction,
    _write,
    bind_centre,
    centre_of,
)
from kcc.store.schema import DEMO_CENTRE_ID, DEMO_CENTRE_NAME

#: Longest centre name. [characters]
MAX_NAME_CHARS: Final[int] = 80


class CentreError(TranslatedError):
    """A centre change the store refused; nothing was changed.

    Codes (texts ``centres.error.<code>``): ``name_empty``; ``name_taken`` (field ``name``);
    ``time_zone`` (field ``time_zone``); ``unknown`` (field ``centre``); ``last_centre`` and
    ``confirm`` (field ``name``).
    """

    texts = "centres.error"


@dataclass(frozen=True)
class Centre:
    """One contact centre.

    Attributes
    ----------
    centre_id : int
        Its id (``DEMO_CENTRE_ID`` for the demo).
    name : str
        Name as stored: typed text, or a ``kcc.i18n.stored_text`` (the demo's); show it with
        ``label``.
    time_zone : str
        IANA zone of its local times.
    country : str or None
        Holiday calendar (ISO code) it was created with; None for none.
    is_demo, hidden : bool
        The demo centre; left out of the selector.
    created_at : datetime
        When it was created.
    """

    centre_id: int
    name: str
    time_zone: str
    country: str | None
    is_demo: bool
    hidden: bool
    created_at: datetime

    def label(self, lang: str = "en") -> str:
        """The name in the reader's language (a stored text is translated, a typed one not)."""
        return show_stored(self.name, lang) or str(self.centre_id)

    @property
    def slug(self) -> str:
        """The name as a link part (``?centre=<slug>``): ``demo`` for the demo."""
        return "demo" if self.is_demo else slugify(self.label("en"))


def slugify(name: str) -> str:
    """Lower-case ASCII letters and digits joined by ``-`` (``"Bank Zuid 2"`` -> ``bank-zuid-2``)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


_COLUMNS: Final[str] = "centre_id, name, time_zone, country, is_demo, hidden, created_at"


def list_centres(con: Connection, *, include_hidden: bool = True) -> tuple[Centre, ...]:
    """Every centre, the demo first, then by id."""
    cur = _cursor(con)
    rows = cur.execute(
        f"""SELECT {_COLUMNS} FROM centres
            WHERE $all OR NOT hidden ORDER BY NOT is_demo, centre_id""",  # noqa: S608 - constant
        {"all": include_hidden},
    ).fetchall()
    return tuple(Centre(int(r[0]), str(r[1]), str(r[2]), r[3], bool(r[4]), bool(r[5]), r[6])
                 for r in rows)


def demo_never_loaded(con: Connection) -> bool:
    """True when the demo centre exists and nothing was ever imported into it: a first start,
    when the app loads it (a deleted demo stays deleted). One query, as every page run asks."""
    cur = _cursor(con, zoned=False)
    return bool(_one(cur.execute(
        """SELECT EXISTS (SELECT 1 FROM centres WHERE centre_id = $demo)
                  AND NOT EXISTS (SELECT 1 FROM imports WHERE centre_id = $demo)""",
        {"demo": DEMO_CENTRE_ID},
    ))[0])


def get_centre(con: Connection, centre_id: int | None = None) -> Centre:
    """One centre (default the connection's).

    Raises
    ------
    CentreError
        ``unknown`` when there is no such centre.
    """
    wanted = centre_of(con, centre_id)
    for centre in list_centres(con):
        if centre.centre_id == wanted:
            return centre
    raise CentreError("unknown", centre=wanted)


def find_centre(con: Connection, ref: str | int | None) -> Centre | None:
    """The centre a link names: its id (``"3"``) or slug (``"bank-zuid"``); None when none."""
    return None if ref is None else centre_named(list_centres(con), ref)


def centre_named(centres: Sequence[Centre], ref: str | int | None) -> Centre | None:
    """The one of ``centres`` a link names (``find_centre`` on a list already read)."""
    if ref is None:
        return None
    text = str(ref).strip().lower()
    return next((c for c in centres if text in (str(c.centre_id), c.slug)), None)


def for_centre(con: Connection, centre_id: int) -> Connection:
    """A connection to the same database bound to one centre, in the centre's time zone.

    Every store call on it reads and writes that centre only (unless given another
    ``centre_id``); keep it as long as it is used, and share it like ``connect``'s.

    Raises
    ------
    CentreError
        ``unknown`` when there is no such centre.
    """
    centre = get_centre(con, centre_id)
    return bind_centre(con, centre.centre_id, centre.time_zone)


def _clean_name(con: Connection, name: str, keep: int | None = None) -> str:
    text = " ".join(str(name).split())[:MAX_NAME_CHARS]
    if not text:
        raise CentreError("name_empty")
    taken = {c.label("en").casefold() for c in list_centres(con) if c.centre_id != keep}
    taken |= {c.label("nl").casefold() for c in list_centres(con) if c.centre_id != keep}
    if text.casefold() in taken or (slugify(text) == "demo"):
        raise CentreError("name_taken", name=text)
    return text


def _check_zone(time_zone: str) -> str:
    try:
        ZoneInfo(str(time_zone))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CentreError("time_zone", time_zone=str(time_zone)) from exc
    return str(time_zone)


@_write
def create_centre(con: Connection, name: str, *, time_zone: str,
                  country: str | None = "NL") -> Centre:
    """Add an empty centre; its ``country`` is also stored as its ``country`` setting, which
    the forecasts read (as the demo's).

    Raises
    ------
    CentreError
        ``name_empty``, ``name_taken`` (names are unique, ignoring case; ``demo`` is the
        demo's link name) or ``time_zone``.
    """
    text = _clean_name(con, name)
    zone = _check_zone(time_zone)
    code = (country or "").strip().upper() or None
    with _transaction(con) as cur:
        row = _one(cur.execute(
            """INSERT INTO centres (name, time_zone, country, is_demo, hidden, created_at)
               VALUES ($name, $tz, $country, FALSE, FALSE, now()) RETURNING centre_id""",
            {"name": text, "tz": zone, "country": code},
        ))
        cur.execute(
            "INSERT INTO settings VALUES ($centre, 'country', $country)",
            {"centre": int(row[0]), "country": json.dumps(code or "")},
        )
    return get_centre(con, int(row[0]))


@_write
def rename_centre(con: Connection, centre_id: int, name: str) -> Centre:
    """Give a centre a new (typed) name.

    Raises
    ------
    CentreError
        ``unknown``, ``name_empty`` or ``name_taken``.
    """
    get_centre(con, centre_id)
    text = _clean_name(con, name, keep=centre_id)
    with _transaction(con) as cur:
        cur.execute("UPDATE centres SET name = $name WHERE centre_id = $id",
                    {"name": text, "id": centre_id})
    return get_centre(con, centre_id)


@_write
def hide_centre(con: Connection, centre_id: int, hidden: bool = True) -> Centre:
    """Leave a centre out of the selector (``hidden=False`` shows it again); its data stays."""
    get_centre(con, centre_id)
    with _transaction(con) as cur:
        cur.execute("UPDATE centres SET hidden = $hidden WHERE centre_id = $id",
                    {"hidden": bool(hidden), "id": centre_id})
    return get_centre(con, centre_id)


@_write
def delete_centre(con: Connection, centre_id: int, *,
                  confirm_name: str | None = None) -> None:
    """Remove a centre and every row it owns, in one transaction; other centres keep every row.

    Parameters
    ----------
    centre_id : int
        The centre.
    confirm_name : str, optional
        When given, must equal the centre's name (in English or Dutch, ignoring case and
        spaces around it): the confirmation a page asks for.

    Raises
    ------
    CentreError
        ``unknown``; ``last_centre`` (one centre always remains); ``confirm``.
    """
    centre = get_centre(con, centre_id)
    if confirm_name is not None:
        typed = " ".join(str(confirm_name).split()).casefold()
        if typed not in {centre.label("en").casefold(), centre.label("nl").casefold()}:
            raise CentreError("confirm", name=centre.label("en"))
    if len(list_centres(con)) <= 1:
        raise CentreError("last_centre", name=centre.label("en"))
    with _transaction(con) as cur:
        _delete_centre_rows(cur, centre.centre_id)
        cur.execute("DELETE FROM centres WHERE centre_id = $id", {"id": centre.centre_id})


@_write
def ensure_demo(con: Connection, *, time_zone: str | None = None) -> Centre:
    """The demo centre, created (empty, id ``DEMO_CENTRE_ID``) when it was deleted and shown
    when hidden; load it with ``kcc.demo.load_demo`` on ``for_centre(con, DEMO_CENTRE_ID)``.

    Parameters
    ----------
    time_zone : str, optional
        Zone of a demo created here; default the connection's.
    """
    with _transaction(con) as cur:
        cur.execute(
            """INSERT INTO centres (centre_id, name, time_zone, country, is_demo, hidden,
                   created_at)
               VALUES ($id, $name, coalesce($tz, current_setting('TimeZone')), 'NL', TRUE,
                       FALSE, now())
               ON CONFLICT (centre_id) DO UPDATE SET hidden = FALSE""",
            {"id": DEMO_CENTRE_ID, "name": DEMO_CENTRE_NAME, "tz": time_zone},
        )
    return get_centre(con, DEMO_CENTRE_ID)
