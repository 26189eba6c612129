"""Import contact records, interval counts and rosters from CSV/TSV, Excel and Parquet files.

The path of a file through this package:

1. ``read_source`` (``read``) tells what the file is from its first bytes, checks the upload
   limits (``kcc.config.UploadLimits``) before parsing, sniffs the format (delimiter,
   encoding, decimal comma) and keeps the file with a text preview of its rows;
2. ``guess_mapping`` (``guess``) proposes which column means what (a frozen ``Mapping``,
   ``mapping``, the user can change), including the date format and what each outcome value
   counts as; ``fit_interval`` (``interval_fit``) proposes the planning interval the file
   fits (30 min for 6-minute counts), before anything is imported;
3. ``run_import`` (``run``) checks every row (``checks``) and writes the file whole, or not at
   all: contact files are read, checked and rolled up to intervals in DuckDB (``contacts``), so
   a file of millions of rows costs about one scan; interval counts are small and checked with
   pandas (``counts``), then written through ``kcc.store.replace_intervals``.

What goes wrong is an ``ImportProblem`` with a stable code and a text in English and Dutch
(``problems``). Times are the centre's wall-clock time in ``kcc.config.timezone()``; how the
change of summer time is read is described in ``local_time``.

Plausibility
------------
Beyond rows that cannot be read, ``run_import`` refuses values that cannot be true (errors)
and holds back values that are unlikely (warnings, see ``WARNING_CODES``): a warning refuses
the import unless its code is passed in ``confirm``. The limits are a ``PlausibilityRules``.

Rosters
-------
A roster file (agents per interval) and the shift editor's table are read by ``roster``:
simpler files, the same rules (columns found by name, every problem names its row, nothing is
written unless the whole file is valid).
"""

from kcc.ingest.checks import PlausibilityRules, check_mapping
from kcc.ingest.contacts import KEEP_CONTACTS_MAX_BYTES, keep_contacts_default
from kcc.ingest.guess import (
    DATE_FORMATS,
    GUESS_MIN_SHARE,
    TIME_FORMATS,
    guess_channel_map,
    guess_kind,
    guess_mapping,
    guess_outcome_map,
)
from kcc.ingest.interval_fit import (
    IntervalFit,
    fit_interval,
    fitting_interval,
    sample_series,
    separate_queue,
    separate_series,
    source_interval,
)
from kcc.ingest.mapping import KINDS, ROLES, Mapping, preview
from kcc.ingest.problems import (
    ERROR,
    NOTICE,
    WARNING,
    WARNING_CODES,
    ImportProblem,
    ImportResult,
)
from kcc.ingest.read import (
    DELIMITER_NAMES,
    DELIMITERS,
    FILE_KINDS,
    FULL_READ_MAX_BYTES,
    HEAD_BYTES,
    SAMPLE_ROWS,
    SourceError,
    SourceFile,
    read_source,
)
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
from kcc.ingest.run import run_import
from kcc.ingest.values import has_utc_offset, parse_times

__all__ = [
    "DATE_FORMATS",
    "DELIMITERS",
    "DELIMITER_NAMES",
    "EDITOR_COLUMNS",
    "ERROR",
    "FILE_KINDS",
    "FULL_READ_MAX_BYTES",
    "GUESS_MIN_SHARE",
    "HEAD_BYTES",
    "KEEP_CONTACTS_MAX_BYTES",
    "KINDS",
    "MAX_AGENTS",
    "MAX_PROBLEMS",
    "NOTICE",
    "ROLES",
    "ROSTER_ALIASES",
    "SAMPLE_ROWS",
    "TIME_FORMATS",
    "WARNING",
    "WARNING_CODES",
    "ImportProblem",
    "ImportResult",
    "IntervalFit",
    "Mapping",
    "PlausibilityRules",
    "RosterFile",
    "RosterProblem",
    "SourceError",
    "SourceFile",
    "check_mapping",
    "fit_interval",
    "fitting_interval",
    "guess_channel_map",
    "guess_kind",
    "guess_mapping",
    "guess_outcome_map",
    "has_utc_offset",
    "keep_contacts_default",
    "parse_roster",
    "parse_times",
    "preview",
    "read_source",
    "run_import",
    "sample_series",
    "separate_queue",
    "separate_series",
    "shifts_from_editor",
    "shifts_to_editor",
    "source_interval",
]
