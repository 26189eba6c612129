"""What an import reports: problems with a stable code, their severity, and the result.

Every problem carries a code (the text key is ``data.problem.<code>``) and the fields of its
message, so the Data page shows it in the reader's language. Errors refuse the import,
warnings refuse it unless their code is confirmed (``WARNING_CODES``), notices never do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import numpy as np
import pandas as pd

from kcc.i18n import escape_fields, series_name, t

#: Problems that stop an import; a warning stops it unless confirmed; a notice never does.
ERROR: Final[str] = "error"
WARNING: Final[str] = "warning"
NOTICE: Final[str] = "notice"

#: Codes of the warnings a user may confirm (``run_import(..., confirm=...)``); stable ids.
WARNING_CODES: Final[tuple[str, ...]] = (
    "far_above_series",
    "counts_exceed_offered",
    "future_date",
    "dst_gap",
    "dst_gap_contacts",
)

#: Rows named by one problem; the rest are counted in a ``more_rows`` problem.
EXAMPLES_PER_PROBLEM: Final[int] = 5
#: Message fields that name a series by its key, ``channel/queue``.
_SERIES_FIELDS: Final[frozenset[str]] = frozenset({"series", "new_series"})


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with (or worth knowing about) an import.

    Attributes
    ----------
    file : str
        File name as the user uploaded it.
    row : int or None
        Data row, 1-based, not counting the header (None when the problem is about the file).
    column : str or None
        Source column the problem is in.
    value : str or None
        The offending value as text.
    reason : str
        Why, in English (``message(lang)`` gives it in another language).
    code : str
        Stable id of the problem; the text key is ``data.problem.<code>``.
    severity : str
        ``error`` (nothing is imported), ``warning`` (imported only when its code is
        confirmed) or ``notice``.
    params : tuple of (str, object)
        Fields of the message text; a field named ``roles`` holds mapping roles (see
        ``ROLES``), shown with their labels in the reader's language.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str
    code: str = ""
    severity: str = ERROR
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "en", *, escape: Callable[[str], str] | None = None) -> str:
        """The reason in ``lang`` (``en`` or ``nl``); ``escape`` (e.g.
        ``kcc.formatting.escape_markdown``) is applied to each text field (file, column, value)."""
        if not self.code:
            return escape(self.reason) if escape else self.reason
        params = dict(self.params)
        for name in _SERIES_FIELDS & params.keys():
            params[name] = series_name(str(params[name]), lang)  # "Telefoon · default", not "phone/default"
        fields = escape_fields(params, escape)
        if "roles" in fields:
            # role names are the app's own translated words, never data
            fields["roles"] = ", ".join(t(f"data.role.{r}", lang) for r in dict(self.params)["roles"])
        return t(f"data.problem.{self.code}", lang, **fields)


def make_problem(
    code: str,
    file: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: Any = None,
    severity: str = ERROR,
    **params: Any,
) -> ImportProblem:
    """A problem with its message fields; ``reason`` is the English text."""
    text = None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    fields = {"column": column, "value": text, **params}
    fields = {k: ("" if v is None else v) for k, v in fields.items()}
    made = ImportProblem(
        file=file,
        row=row,
        column=column,
        value=text,
        reason="",
        code=code,
        severity=severity,
        params=tuple(sorted(fields.items())),
    )
    return replace(made, reason=made.message("en"))


def rows_problems(
    code: str, file: str, rows: pd.Series, column: str | None, values: pd.Series, *,
    severity: str = ERROR, **params: Any
) -> list[ImportProblem]:
    """One problem per example row (first ``EXAMPLES_PER_PROBLEM``), plus a count."""
    out = [
        make_problem(code, file, row=int(r), column=column, value=v, severity=severity, **params)
        for r, v in zip(rows.head(EXAMPLES_PER_PROBLEM), values.head(EXAMPLES_PER_PROBLEM),
                        strict=True)
    ]
    if len(rows) > EXAMPLES_PER_PROBLEM:
        out.append(
            make_problem("more_rows", file, column=column, severity=severity,
                     count=len(rows) - EXAMPLES_PER_PROBLEM)
        )
    return out


@dataclass(frozen=True)
class ImportResult:
    """What ``run_import`` did.

    Attributes
    ----------
    ok : bool
        The file was written; False means nothing changed.
    file : str
        File name.
    kind : str
        ``contacts`` or ``intervals``.
    problems : tuple of ImportProblem
        Errors (when not ok) and notices.
    import_id : int or None
        Id in the import history.
    rows_read, rows_imported, rows_ignored, rows_replaced : int
        Data rows in the file; contacts or intervals written; rows mapped to *ignore*; rows
        of earlier imports replaced. [rows]
    source_interval_min : int or None
        Interval length found in a counts file [min].
    interval_min : int
        Planning interval written [min].
    series : tuple of str
        ``channel/queue`` of every series written.
    granularity : str
        ``interval`` for intraday counts and contacts, else ``day``, ``week`` or ``month``:
        a counts file of totals per period (``kcc.config.GRANULARITIES``).
    """

    ok: bool
    problems: tuple[ImportProblem, ...]
    file: str = ""
    kind: str = "contacts"
    import_id: int | None = None
    rows_read: int = 0
    rows_imported: int = 0
    rows_ignored: int = 0
    rows_replaced: int = 0
    source_interval_min: int | None = None
    interval_min: int = 15
    series: tuple[str, ...] = ()
    granularity: str = "interval"

    @property
    def errors(self) -> tuple[ImportProblem, ...]:
        """Problems that stopped the import."""
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[ImportProblem, ...]:
        """Warning-level problems (confirmed ones too, when the import went ahead)."""
        return tuple(p for p in self.problems if p.severity == WARNING)

    @property
    def to_confirm(self) -> tuple[str, ...]:
        """Codes of the warnings that refused this import: pass them as ``confirm`` to import
        anyway. Empty when the import went ahead or an error refused it."""
        if self.ok or self.errors:
            return ()
        return tuple(dict.fromkeys(p.code for p in self.warnings if p.code in WARNING_CODES))


def refused(problems: Sequence[ImportProblem], confirm: frozenset[str]) -> bool:
    """An error, or a warning whose code the user has not confirmed."""
    return any(
        p.severity == ERROR or (p.severity == WARNING and p.code in WARNING_CODES
                                and p.code not in confirm)
        for p in problems
    )


def replaced_notice(file: str, replaced: int) -> list[ImportProblem]:
    """A notice counting rows of earlier imports the file replaced (none when zero)."""
    if not replaced:
        return []
    return [make_problem("replaced", file, severity=NOTICE, count=replaced)]
