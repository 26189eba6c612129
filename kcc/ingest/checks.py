"""Checks an import applies beyond reading each value: the mapping itself, the plausibility
of counts and dates, and the interval length of a counts file (a series stored at another
interval is handled in ``interval_fit``).

Errors refuse values that cannot be true; warnings hold back values that are unlikely (see
``WARNING_CODES``) until the user confirms their code. The limits are a
``PlausibilityRules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from kcc import checks, config
from kcc.ingest.mapping import Mapping
from kcc.ingest.problems import (
    EXAMPLES_PER_PROBLEM,
    WARNING,
    ImportProblem,
    make_problem,
    rows_problems,
)
from kcc.ingest.read import SourceFile


@dataclass(frozen=True)
class PlausibilityRules:
    """Limits of the plausibility rules an import applies (defaults fit real centres).

    Attributes
    ----------
    max_count : float, default 1,000,000
        Most contacts one row of a counts file may hold (offered, answered or abandoned);
        more is an error. The largest centres take tens of thousands of contacts in an
        interval (10,000 agents at 300 s handle time answer 30,000 calls a quarter-hour),
        so a million is a unit, overflow or export error, never a busy day. [contacts]
    scale_factor : float, default 50
        A count above ``scale_factor`` times the series' usual level is a warning. The usual
        level is the 90th percentile of the series' intervals with contacts (one wild value
        cannot move it); in real files the largest interval is 1.6 to 5.7 times that level.
    scale_floor : float, default 10
        Smallest usual level the factor applies to, so a quiet queue's busy hour is not
        flagged (no count of 500 or less is ever far above its series). [contacts]
    scale_min_rows : int, default 20
        Rows with contacts a series needs in the file before its level is judged. [rows]
    excess_contacts : float, default 0.5
        Answered plus abandoned may exceed offered by this much (rounded averages)... [contacts]
    excess_share : float, default 0.01
        ...or by this share of offered, whichever is larger; more is a warning.
    future_weeks : int, default ``kcc.config.MAX_PLAN_WEEKS``
        A date later than today plus this many weeks (the longest plan) is an error; a date
        after today is a warning, since history from the future moves every plan. [weeks]
    today : datetime.date or None
        The local date to judge dates by; None takes today on the centre's wall clock.
    time_zone : str or None
        IANA zone of that wall clock; None takes ``kcc.config.timezone()`` (``run_import``
        sets the zone of the centre it imports into).
    """

    max_count: float = 1_000_000.0
    scale_factor: float = 50.0
    scale_floor: float = 10.0
    scale_min_rows: int = 20
    excess_contacts: float = 0.5
    excess_share: float = 0.01
    future_weeks: int = config.MAX_PLAN_WEEKS
    today: date | None = None
    time_zone: str | None = None

    def __post_init__(self) -> None:
        for name in ("max_count", "scale_floor", "excess_contacts", "excess_share"):
            checks.at_least(name, getattr(self, name), 0)
        checks.at_least("scale_factor", self.scale_factor, 1)
        checks.whole_at_least("scale_min_rows", self.scale_min_rows, 1)
        checks.whole_number("future_weeks", self.future_weeks, 0, 520, unit="weeks")

    def local_today(self) -> date:
        """``today``, or the current date on the centre's wall clock."""
        return self.today or pd.Timestamp.now(tz=self.time_zone or config.timezone()).date()

    def date_limits(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """Local midnights after which a date is a warning, and an error."""
        tomorrow = pd.Timestamp(self.local_today() + timedelta(days=1))
        return tomorrow, tomorrow + pd.Timedelta(weeks=self.future_weeks)


def missing_columns(source: SourceFile, mapping: Mapping) -> list[ImportProblem]:
    """Problems of the mapping itself: no time or offered column, a column the file lacks,
    a column mapped to two roles."""
    problems = []
    if not mapping.time_columns():
        problems.append(make_problem("no_time_column", source.name))
    if mapping.kind == "intervals" and not mapping.offered:
        problems.append(make_problem("no_offered_column", source.name))
    for column in mapping.required_columns():
        if column not in source.frame.columns:
            problems.append(make_problem("missing_column", source.name, column=column))
    # One role per column: answered and abandoned both read from the offered column would
    # count every contact three times, and nothing else would look wrong.
    # A contact id may combine columns that also have a role of their own (call id + queue).
    roles: dict[str, list[str]] = {}
    for role, column in mapping.roles():
        if role != "contact_id":
            roles.setdefault(column, []).append(role)
    for column, named in roles.items():
        if len(named) > 1:
            problems.append(make_problem("column_two_roles", source.name, column=column,
                                     roles=tuple(dict.fromkeys(named))))
    return problems


def check_mapping(source: SourceFile, mapping: Mapping) -> list[ImportProblem]:
    """Problems visible before reading the rows (missing columns, no time column, a column
    mapped to two roles)."""
    return missing_columns(source, mapping)


def interval_length(stamped: pd.DataFrame) -> tuple[int | None, bool]:
    """Detected source interval [min] and whether lengths are mixed.

    The length is the most common step between consecutive starts of a series within a day;
    the file is mixed when days disagree on it or a step is not a multiple of it.
    """
    steps = []
    for _, group in stamped.groupby(["channel", "queue"], sort=False):
        instants = group["ds"].drop_duplicates().sort_values()
        day = instants.dt.date
        diff = (instants.diff().dt.total_seconds() / 60).where(day.eq(day.shift()))
        steps.append(pd.DataFrame({"day": day, "step": diff}).dropna())
    if not steps:
        return None, False
    all_steps = pd.concat(steps)
    if all_steps.empty:
        return None, False
    length = float(all_steps["step"].mode().iloc[0])
    per_day = all_steps.groupby("day")["step"].agg(lambda s: s.mode().iloc[0])
    counts = all_steps.groupby("day")["step"].size()
    mixed = bool(
        (per_day[counts >= 3] != length).any() or ((all_steps["step"] % length) != 0).any()
    )
    return int(length) if length.is_integer() else None, mixed


def future_problems(
    file: str, rows: pd.Series, column: str, local: pd.Series, text: pd.Series,
    rules: PlausibilityRules,
) -> list[ImportProblem]:
    """Dates after today (warning) or beyond the longest plan from today (error)."""
    soon, limit = rules.date_limits()
    beyond = local >= limit
    if beyond.any():
        return rows_problems("date_beyond_horizon", file, rows[beyond], column, text[beyond],
                             limit=(limit - pd.Timedelta(days=1)).date(), weeks=rules.future_weeks)
    future = local >= soon
    return rows_problems("future_date", file, rows[future], column, text[future],
                         severity=WARNING, today=rules.local_today())


def count_warnings(
    file: str, rows: pd.Series, mapping: Mapping, keys: pd.DataFrame, numbers: dict[str, pd.Series],
    rules: PlausibilityRules,
) -> list[ImportProblem]:
    """Answered plus abandoned above offered, and counts far above their series' level."""
    problems: list[ImportProblem] = []
    offered = numbers["offered"]
    parts = [c for c in ("answered", "abandoned") if c in numbers]
    if parts:
        handled = sum(numbers[c].fillna(0) for c in parts)
        allowed = np.maximum(rules.excess_contacts, rules.excess_share * offered)
        over = (handled - offered) > allowed
        column = " + ".join(getattr(mapping, c) for c in parts)
        for r in rows[over].index[:EXAMPLES_PER_PROBLEM]:
            problems.append(make_problem(
                "counts_exceed_offered", file, row=int(rows[r]), column=column,
                value=f"{float(handled[r]):g} > {float(offered[r]):g}", severity=WARNING,
                handled=float(handled[r]), offered=float(offered[r]),
                tolerance=rules.excess_contacts, share=rules.excess_share,
            ))
        if int(over.sum()) > EXAMPLES_PER_PROBLEM:
            problems.append(make_problem("more_rows", file, column=column, severity=WARNING,
                                     count=int(over.sum()) - EXAMPLES_PER_PROBLEM))
    groups = [keys["channel"], keys["queue"]]
    for name in ("offered", *parts):
        values = numbers[name]
        positive = values.where(values > 0)
        by_series = positive.groupby(groups)
        level = by_series.transform(lambda v: v.quantile(0.9))
        judged = by_series.transform("count") >= rules.scale_min_rows
        scale = np.maximum(level, rules.scale_floor)
        far = judged & (values > rules.scale_factor * scale)
        column = str(getattr(mapping, name))
        for r in rows[far].index[:EXAMPLES_PER_PROBLEM]:
            problems.append(make_problem(
                "far_above_series", file, row=int(rows[r]), column=column,
                value=f"{float(values[r]):g}", severity=WARNING, factor=rules.scale_factor,
                level=float(level[r]), series=f"{keys['channel'][r]}/{keys['queue'][r]}",
            ))
        if int(far.sum()) > EXAMPLES_PER_PROBLEM:
            problems.append(make_problem("more_rows", file, column=column, severity=WARNING,
                                     count=int(far.sum()) - EXAMPLES_PER_PROBLEM))
    return problems
