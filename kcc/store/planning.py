"""Planning inputs in the store: the event calendar, staff on hand (roster and shift
patterns), saved scenarios and JSON settings (a centre's logo among them).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Final, Literal

import pandas as pd

from kcc import config
from kcc.formatting import fmt_datetime
from kcc.i18n import TranslatedError, escape_fields, person
from kcc.store.connection import (
    Connection,
    Cursor,
    _cursor,
    _df,
    _interval_df,
    _one,
    _span,
    _transaction,
    _write,
    centre_of,
    columns_of,
    timezone_of,
)
from kcc.store.schema import ImportRecord, StoreError, WriteOutcome
from kcc.store.volumes import _finish_import, _insert_import

# --------------------------------------------------------------------------- events


def read_events(con: Connection, *, centre_id: int | None = None) -> pd.DataFrame:
    """Event calendar of one centre: ``event_id, name, kind, start_date, end_date, channels
    (list), uplift_pct, exclude_from_training, source``; dates are inclusive local dates."""
    cur = _cursor(con)
    frame = _df(cur.execute(
        f"""SELECT {columns_of(cur, "events")} FROM events WHERE centre_id = $centre
            ORDER BY start_date, event_id""",  # noqa: S608 - column names from the schema
        {"centre": centre_of(con, centre_id)},
    ))
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    frame["channels"] = frame["channels"].map(list)
    return frame


@_write
def write_event(
    con: Connection,
    *,
    name: str,
    kind: str,
    start_date: date,
    end_date: date,
    channels: Sequence[str],
    uplift_pct: float | None = None,
    exclude_from_training: bool = False,
    source: str = "user",
    event_id: int | None = None,
    centre_id: int | None = None,
) -> int:
    """Insert an event, or update it (within its centre) when ``event_id`` is given; returns
    its id."""
    if end_date < start_date:
        raise StoreError(f"event {name!r}: end date {end_date} is before start date {start_date}")
    params = {
        "name": name,
        "kind": kind,
        "start": start_date,
        "end": end_date,
        "channels": list(channels),
        "uplift": uplift_pct,
        "exclude": exclude_from_training,
        "source": source,
        "centre": centre_of(con, centre_id),
    }
    with _transaction(con) as cur:
        if event_id is None:
            row = _one(cur.execute(
                """INSERT INTO events (centre_id, name, kind, start_date, end_date, channels,
                       uplift_pct, exclude_from_training, source)
                   VALUES ($centre, $name, $kind, $start, $end, $channels, $uplift, $exclude,
                           $source)
                   RETURNING event_id""",
                params,
            ))
            return int(row[0])
        cur.execute(
            """UPDATE events SET name = $name, kind = $kind, start_date = $start,
                   end_date = $end, channels = $channels, uplift_pct = $uplift,
                   exclude_from_training = $exclude, source = $source
               WHERE event_id = $id AND centre_id = $centre""",
            {**params, "id": event_id},
        )
        return event_id


@_write
def replace_events(con: Connection, frame: pd.DataFrame, *,
                   centre_id: int | None = None) -> None:
    """Replace one centre's event calendar with ``frame`` (the editor's table), atomically."""
    rows = frame.copy()
    rows["channels"] = rows["channels"].map(list)
    if "exclude_from_training" not in rows:
        rows["exclude_from_training"] = False
    if "source" not in rows:
        rows["source"] = "user"
    bad = rows[pd.to_datetime(rows["end_date"]) < pd.to_datetime(rows["start_date"])]
    if len(bad):
        first = bad.iloc[0]
        raise StoreError(f"event {first['name']!r}: end date is before start date")
    centre = {"centre": centre_of(con, centre_id)}
    with _transaction(con) as cur:
        cur.execute("DELETE FROM events WHERE centre_id = $centre", centre)
        cur.register("new_events", rows)
        cur.execute(
            """INSERT INTO events (centre_id, name, kind, start_date, end_date, channels,
                   uplift_pct, exclude_from_training, source)
               SELECT $centre, name, kind, CAST(start_date AS DATE), CAST(end_date AS DATE),
                      CAST(channels AS VARCHAR[]), uplift_pct, exclude_from_training, source
               FROM new_events""",
            centre,
        )
        cur.unregister("new_events")


@_write
def delete_event(con: Connection, event_id: int, *,
                 centre_id: int | None = None) -> None:
    """Remove one event of the centre."""
    with _transaction(con) as cur:
        cur.execute("DELETE FROM events WHERE event_id = $id AND centre_id = $centre",
                    {"id": event_id, "centre": centre_of(con, centre_id)})


# --------------------------------------------------------------------------- staff on hand


@_write
def replace_roster(
    con: Connection, frame: pd.DataFrame, record: ImportRecord, *,
    centre_id: int | None = None,
) -> WriteOutcome:
    """Write one centre's rostered agents per interval (``channel, ds, interval_min,
    agents``), replacing the period each channel covers, atomically."""
    rows = frame[["channel", "ds", "interval_min", "agents"]].copy()
    rows["queue"] = config.DEFAULT_QUEUE  # for the shared overlap rule
    centre = centre_of(con, centre_id)
    with _transaction(con) as cur:
        import_id = _insert_import(cur, record, centre)
        cur.register("new_roster", rows)
        span = """SELECT channel, min(ds) AS lo, max(ds) AS hi FROM new_roster GROUP BY channel"""
        replaced = _one(cur.execute(
            f"""SELECT count(*) FROM roster r JOIN ({span}) s
                ON r.channel = s.channel AND r.ds BETWEEN s.lo AND s.hi
                WHERE r.centre_id = $centre""",  # noqa: S608
            {"centre": centre},
        ))[0]
        cur.execute(
            f"""DELETE FROM roster r USING ({span}) s
                WHERE r.channel = s.channel AND r.ds BETWEEN s.lo AND s.hi
                  AND r.centre_id = $centre""",  # noqa: S608
            {"centre": centre},
        )
        cur.execute(
            """INSERT INTO roster
               SELECT $centre, channel, ds, interval_min, agents, $id FROM new_roster""",
            {"id": import_id, "centre": centre},
        )
        cur.unregister("new_roster")
        _finish_import(cur, import_id, "roster", len(rows), int(replaced))
    return WriteOutcome(import_id, len(rows), int(replaced))


def read_roster(
    con: Connection,
    channel: str | None = None,
    start: datetime | date | None = None,
    end: datetime | date | None = None,
    *,
    centre_id: int | None = None,
) -> pd.DataFrame:
    """Rostered agents per interval of one centre: ``channel, ds, interval_min, agents``."""
    cur = _cursor(con)
    return _interval_df(cur.execute(
        """SELECT channel, ds, interval_min, agents FROM roster
           WHERE centre_id = $centre AND ($channel IS NULL OR channel = $channel)
             AND ($start IS NULL OR ds >= CAST($start AS TIMESTAMPTZ))
             AND ($end IS NULL OR ds < CAST($end AS TIMESTAMPTZ))
           ORDER BY channel, ds""",
        {"channel": channel, **_span(start, end), "centre": centre_of(con, centre_id)},
    ))


def read_shifts(con: Connection, *, centre_id: int | None = None) -> pd.DataFrame:
    """Shift patterns of one centre: ``shift_id, name, channels, start_time, length_min,
    weekdays, headcount, location, valid_from, valid_to``."""
    cur = _cursor(con)
    frame = _df(cur.execute(
        f"SELECT {columns_of(cur, 'shifts')} FROM shifts WHERE centre_id = $centre ORDER BY shift_id",  # noqa: S608
        {"centre": centre_of(con, centre_id)},
    ))
    frame["channels"] = frame["channels"].map(list)
    frame["weekdays"] = frame["weekdays"].map(lambda days: [int(d) for d in days])
    return frame


@_write
def replace_shifts(con: Connection, frame: pd.DataFrame, *,
                   centre_id: int | None = None) -> None:
    """Replace all shift patterns of one centre with ``frame``, atomically."""
    rows = _shift_rows(frame)
    centre = {"centre": centre_of(con, centre_id)}
    with _transaction(con) as cur:
        cur.execute("DELETE FROM shifts WHERE centre_id = $centre", centre)
        _insert_shifts(cur, rows, centre)


@_write
def swap_shifts(con: Connection, remove_ids: Sequence[int], frame: pd.DataFrame, *,
                centre_id: int | None = None) -> None:
    """Remove the centre's shift patterns ``remove_ids`` and add ``frame``'s, atomically (a
    shift cover used as roster: that week's patterns replaced, the others kept)."""
    rows = _shift_rows(frame)
    centre = {"centre": centre_of(con, centre_id)}
    with _transaction(con) as cur:
        cur.execute("DELETE FROM shifts WHERE centre_id = $centre AND shift_id = ANY(CAST($ids AS BIGINT[]))",
                    {**centre, "ids": [int(i) for i in remove_ids]})
        if len(rows):
            _insert_shifts(cur, rows, centre)


def _shift_rows(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame.copy()
    for column, default in (("location", "site"), ("valid_from", None), ("valid_to", None)):
        if column not in rows:
            rows[column] = default
    rows["channels"] = rows["channels"].map(list)
    rows["weekdays"] = rows["weekdays"].map(lambda days: [int(d) for d in days])
    rows["start_time"] = rows["start_time"].astype(str)
    return rows


def _insert_shifts(cur: Cursor, rows: pd.DataFrame, centre: dict[str, int]) -> None:
    cur.register("new_shifts", rows)
    cur.execute(
        """INSERT INTO shifts (centre_id, name, channels, start_time, length_min, weekdays,
               headcount, location, valid_from, valid_to)
           SELECT $centre, name, CAST(channels AS VARCHAR[]), CAST(start_time AS TIME),
                  length_min, CAST(weekdays AS INTEGER[]), headcount, location,
                  CAST(valid_from AS DATE), CAST(valid_to AS DATE)
           FROM new_shifts""",
        centre,
    )
    cur.unregister("new_shifts")


# --------------------------------------------------------------------------- scenarios


#: ``save_scenario(expected_updated_at=NEW_SCENARIO)``: the name must still be free.
NEW_SCENARIO: Final = "new"


class ScenarioChangedError(TranslatedError):
    """Another planner saved the scenario since this one was opened; nothing was written.

    Code ``changed`` (fields ``name``, ``user``, ``at``: who saved it last and when), text
    ``scenarios.conflict.changed``: reload it, then apply the changes again.
    """

    texts = "scenarios.conflict"

    def _fields(self, lang: str, *, labelled: bool, escape: Any) -> dict[str, Any]:
        fields = super()._fields(lang, labelled=labelled, escape=escape)
        if "user" in self.fields:  # saved by someone who gave no name: "anoniem" to a Dutch reader
            fields["user"] = escape_fields({"user": person(self.fields["user"], lang)}, escape)["user"]
        at = self.fields.get("at")
        if isinstance(at, datetime):
            fields["at"] = fmt_datetime(at, lang)
        return fields


@_write
def save_scenario(
    con: Connection,
    *,
    name: str,
    spec: dict[str, Any],
    spec_version: int,
    user: str,
    description: str = "",
    centre_id: int | None = None,
    expected_updated_at: datetime | Literal["new"] | None = None,
) -> int:
    """Insert or update (by name, within the centre) a scenario; the spec is stored as JSON.
    Returns its id.

    Parameters
    ----------
    expected_updated_at : datetime or ``NEW_SCENARIO``, optional
        The optimistic check of a planner who opened the scenario: its ``updated_at`` as read
        then (``NEW_SCENARIO`` for a name that was free). When the stored row says otherwise,
        another planner saved it in between and nothing is written. Default: no check.

    Raises
    ------
    ScenarioChangedError
        ``changed``: saved by someone else since ``expected_updated_at``.
    """
    params = {
        "name": name,
        "desc": description,
        "spec": json.dumps(spec, sort_keys=True, default=str),
        "version": spec_version,
        "user": user,
        "centre": centre_of(con, centre_id),
    }
    with _transaction(con) as cur:
        if expected_updated_at is not None:
            # Read and write in one transaction under the write lock: no save comes between.
            stored = cur.execute(
                """SELECT updated_by, updated_at FROM scenarios
                   WHERE centre_id = $centre AND name = $name""",
                {"centre": params["centre"], "name": name},
            ).fetchone()
            if stored is not None and (
                    expected_updated_at == NEW_SCENARIO
                    or pd.Timestamp(stored[1]) != pd.Timestamp(expected_updated_at)):
                raise ScenarioChangedError(
                    "changed", name=name, user=str(stored[0]),
                    at=pd.Timestamp(stored[1]).tz_convert(timezone_of(con)).to_pydatetime(),
                )
        row = _one(cur.execute(
            """INSERT INTO scenarios (centre_id, name, description, spec_json, spec_version,
                   created_by, created_at, updated_by, updated_at)
               VALUES ($centre, $name, $desc, $spec, $version, $user, now(), $user, now())
               ON CONFLICT (centre_id, name) DO UPDATE SET description = excluded.description,
                   spec_json = excluded.spec_json, spec_version = excluded.spec_version,
                   updated_by = excluded.updated_by, updated_at = excluded.updated_at
               RETURNING scenario_id""",
            params,
        ))
    return int(row[0])


def read_scenarios(con: Connection, *, centre_id: int | None = None) -> pd.DataFrame:
    """All scenarios of one centre with ``spec`` decoded to a dict, ordered by name."""
    cur = _cursor(con)
    frame = _df(cur.execute(
        f"SELECT {columns_of(cur, 'scenarios')} FROM scenarios WHERE centre_id = $centre ORDER BY name",  # noqa: S608
        {"centre": centre_of(con, centre_id)},
    ))
    frame["spec"] = frame["spec_json"].map(json.loads)
    return frame.drop(columns="spec_json")


@_write
def delete_scenario(con: Connection, scenario_id: int, *,
                    centre_id: int | None = None) -> None:
    """Remove one scenario of the centre."""
    with _transaction(con) as cur:
        cur.execute("DELETE FROM scenarios WHERE scenario_id = $id AND centre_id = $centre",
                    {"id": scenario_id, "centre": centre_of(con, centre_id)})


# --------------------------------------------------------------------------- settings


def read_setting(con: Connection, key: str, default: Any = None, *,
                 centre_id: int | None = None) -> Any:
    """A JSON setting of one centre (shrinkage, costs, opening hours of the baseline, ...)."""
    cur = _cursor(con, zoned=False)  # JSON, no time
    row = cur.execute(
        "SELECT value_json FROM settings WHERE centre_id = $centre AND key = $k",
        {"k": key, "centre": centre_of(con, centre_id)},
    ).fetchone()
    return default if row is None else json.loads(row[0])


@_write
def write_setting(con: Connection, key: str, value: Any, *,
                  centre_id: int | None = None) -> None:
    """Store a JSON setting of one centre."""
    with _transaction(con) as cur:
        cur.execute(
            """INSERT INTO settings VALUES ($centre, $k, $v)
               ON CONFLICT (centre_id, key) DO UPDATE SET value_json = excluded.value_json""",
            {"k": key, "v": json.dumps(value, sort_keys=True, default=str),
             "centre": centre_of(con, centre_id)},
        )


def read_settings(con: Connection, *, centre_id: int | None = None) -> dict[str, Any]:
    """Every stored JSON setting of one centre by key (the plan builds its settings from
    these)."""
    cur = _cursor(con, zoned=False)  # JSON, no time
    rows = cur.execute(
        "SELECT key, value_json FROM settings WHERE centre_id = $centre ORDER BY key",
        {"centre": centre_of(con, centre_id)},
    ).fetchall()
    return {str(key): json.loads(value) for key, value in rows}


# --------------------------------------------------------------------------- logo

#: Setting key of a centre's logo (the image's bytes, base64 in JSON).
LOGO_SETTING_KEY = "logo"


def read_logo(con: Connection, *, centre_id: int | None = None) -> bytes | None:
    """The centre's logo (PNG or JPEG bytes as stored), or None."""
    stored = read_setting(con, LOGO_SETTING_KEY, centre_id=centre_id)
    if not isinstance(stored, dict) or not stored.get("base64"):
        return None
    return base64.b64decode(str(stored["base64"]))


def write_logo(con: Connection, data: bytes | None, *, centre_id: int | None = None) -> None:
    """Store the centre's logo (checked by the caller: ``kcc.report.check_logo``); None removes it."""
    value = None if not data else {"base64": base64.b64encode(data).decode("ascii")}
    write_setting(con, LOGO_SETTING_KEY, value, centre_id=centre_id)
