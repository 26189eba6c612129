"""Roster input: the names of ``kcc.ingest.roster``, kept here so
``from kcc import roster_input`` keeps working. New code imports from ``kcc.ingest``."""

from kcc.ingest.roster import (
    EDITOR_COLUMNS,
    MAX_AGENTS,
    MAX_PROBLEMS,
    ROSTER_ALIASES,
    RosterFile,
    RosterProblem,
    parse_roster,
    shifts_from_editor,
    shifts_to_editor,
)

__all__ = [
    "EDITOR_COLUMNS",
    "MAX_AGENTS",
    "MAX_PROBLEMS",
    "ROSTER_ALIASES",
    "RosterFile",
    "RosterProblem",
    "parse_roster",
    "shifts_from_editor",
    "shifts_to_editor",
]
