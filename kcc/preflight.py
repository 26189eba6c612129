"""Start-up check run by ``make run`` before ``streamlit run``: can this process open the database?

DuckDB lets one process at a time open a database file for writing. A second app started on
the same file would come up "healthy" and then fail on every page, so ``make run`` asks first
and stops with a message that says what to do::

    python -m kcc.preflight        # exit 0: the database opens (created and migrated if new)

Exit codes: 0 ready, 2 the file is held by another process, 1 the database cannot be used
for another reason (the message says which). The message is English: it goes to a terminal.
"""

from __future__ import annotations

import sys
from typing import Final

import duckdb

from kcc import config, store

EXIT_READY: Final[int] = 0
EXIT_UNUSABLE: Final[int] = 1
EXIT_IN_USE: Final[int] = 2


def check(path: str | None = None, timezone: str | None = None) -> tuple[int, str]:
    """Open and close the database: ``(exit code, message)``; the message is empty when ready.

    Parameters
    ----------
    path : str, optional
        Database file. Default: ``kcc.config.db_path()`` (``KCC_DB_PATH``).
    timezone : str, optional
        IANA zone. Default: ``kcc.config.timezone()`` (``KCC_TIMEZONE``).
    """
    target = path or config.db_path()
    try:
        con = store.connect(target, timezone)
    except store.DatabaseInUseError as exc:
        return EXIT_IN_USE, f"KCC Planner cannot start: {exc}"
    except (store.StoreError, duckdb.Error) as exc:
        what = f"database {store.redact(target)}" if store.is_postgres_url(target) else f"database file {target}"
        return EXIT_UNUSABLE, f"KCC Planner cannot open the {what}: {exc}"
    con.close()
    return EXIT_READY, ""


def main() -> int:
    """Run :func:`check` on the configured database, print any message to stderr, return the exit code."""
    code, message = check()
    if message:
        print(message, file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
