"""``run_import``: check a file and write it whole, or write nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kcc import config, store
from kcc.ingest.checks import PlausibilityRules, missing_columns
from kcc.ingest.contacts import import_contacts
from kcc.ingest.counts import import_intervals
from kcc.ingest.mapping import Mapping
from kcc.ingest.problems import WARNING_CODES, ImportResult
from kcc.ingest.read import SourceFile


def run_import(
    con: store.Connection,
    source: SourceFile,
    mapping: Mapping,
    *,
    interval_min: int = 15,
    user: str = "user",
    keep_contacts: bool = True,
    confirm: Sequence[str] = (),
    rules: PlausibilityRules | None = None,
    centre_id: int | None = None,
    asa_patience: bool = False,
) -> ImportResult:
    """Check a file and write it whole into one centre, or write nothing.

    Times in the file are wall-clock times of the centre's zone.

    Parameters
    ----------
    con : store.Connection
        Store connection; bound to the centre written to (``kcc.store.for_centre``), else
        the demo centre.
    source : SourceFile
        From ``read_source``.
    mapping : Mapping
        From ``guess_mapping``, as the user corrected it.
    interval_min : int, default 15
        Planning interval to roll up to [min]: 15, 30 or 60.
    user : str, default "user"
        Name in the import history.
    keep_contacts : bool, default True
        Also keep contact rows (contacts files); False keeps only the intervals, which is
        several times faster for a file of millions of contacts. Every check runs either
        way. The Data page starts from ``keep_contacts_default``.
    confirm : sequence of str, default ()
        Codes of warnings (see ``WARNING_CODES``) the user accepts; a warning whose code is
        not here refuses the import, and ``ImportResult.to_confirm`` lists it.
    rules : PlausibilityRules, optional
        Limits of the plausibility rules; default ``PlausibilityRules()``.
    centre_id : int, optional
        The centre to write to instead of the connection's.
    asa_patience : bool, default False
        Interval files whose wait column is the ASA: use ``ASA x answered`` as the wait total
        in the patience estimate anyway (it leaves out the abandoned callers' waits, so the
        patience comes out low). By default such a file's wait total is left unknown and a
        ``wait_from_asa`` notice says the file is kept out of the patience estimate.

    Returns
    -------
    ImportResult
        ``ok`` with notices (and confirmed warnings), or not ok with the errors or the
        unconfirmed warnings; the store is unchanged when not ok.

    Raises
    ------
    ValueError
        When ``interval_min`` is not a planning interval or ``confirm`` names an unknown code.
    """
    file = source.name
    if interval_min not in config.PLANNING_INTERVALS_MIN:
        raise ValueError(
            f"interval_min must be one of {config.PLANNING_INTERVALS_MIN}, got {interval_min}"
        )
    if isinstance(confirm, str):
        raise ValueError("confirm must be a sequence of warning codes, not one string")
    unknown = [c for c in confirm if c not in WARNING_CODES]
    if unknown:
        raise ValueError(f"confirm holds unknown warning code(s) {unknown}; known: {WARNING_CODES}")
    accepted = frozenset(confirm)
    rules = rules or PlausibilityRules()
    problems = missing_columns(source, mapping)
    if problems:
        return ImportResult(False, tuple(problems), file, mapping.kind, interval_min=interval_min)
    if centre_id is not None:
        con = store.for_centre(con, centre_id)
    zone = store.timezone_of(con)
    if rules.time_zone is None:  # "today" on the centre's clock, not the configured default's
        rules = dataclasses.replace(rules, time_zone=zone)
    with config.centre_timezone(zone):
        if mapping.kind == "intervals":
            return import_intervals(con, source, mapping, interval_min, user, accepted, rules,
                                    asa_patience=asa_patience)
        return import_contacts(con, source, mapping, interval_min, user, keep_contacts, accepted,
                               rules)
