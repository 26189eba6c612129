"""Calendar effects: holidays, the days around them, closures and events.

Special days are replaced by a baseline before the daily model is fitted: public holidays
(``holidays`` package), the day before a holiday and the first open day after one,
unscheduled closures (zero on an open weekday), days of campaigns, mailings and closures, and
days of any event tagged ``exclude_from_training``. Their factor against the baseline is
learned from the history (per holiday name; pooled for the days around holidays) and applied
to future special days. Future events multiply the day by ``1 + uplift_pct / 100`` (the
user's uplift, or the uplift learned from past events of the same kind when it is left
empty); a closure sets it to zero.

References
----------
.. [1] Hyndman, R.J. & Athanasopoulos, G. (2021). *Forecasting: Principles and Practice*, 3rd
   ed., OTexts. Ch. 7.4 (intervention / dummy variables for special events).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kcc.events import expand_events, holiday_dates, validate_events
from kcc.forecast.constants import CLOSED_FACTOR, MODELLED_KINDS, PROFILE_WEEKS
from kcc.forecast.grid import HistoryGrid, prepare_grid

# --------------------------------------------------------------------------- flags per date


@dataclass(frozen=True, eq=False)
class Calendar:
    """Special-day flags for every date of history and horizon (same index).

    Attributes
    ----------
    dates : pandas.DatetimeIndex
        Naive local midnights of history and horizon.
    holiday : numpy.ndarray
        Holiday name per date, ``""`` on other days.
    excluded : numpy.ndarray
        True where an event keeps the day out of training.
    event_names : numpy.ndarray
        Names of the events on each date, joined with ``"; "``.
    event_kinds : list of list of (str, float)
        ``(kind, uplift_pct)`` of each event per date; the uplift is NaN when left empty.
    treatment : numpy.ndarray or None
        The share of a normal day the user set for the date (0 closed, e.g. 0.5 reduced),
        NaN where none is set.
    """

    dates: pd.DatetimeIndex
    holiday: np.ndarray
    excluded: np.ndarray
    event_names: np.ndarray
    event_kinds: list[list[tuple[str, float]]]
    treatment: np.ndarray | None = None


def build_calendar(dates: pd.DatetimeIndex, country: str | None, events: pd.DataFrame,
                   treatments: Mapping[Any, float] | None = None) -> Calendar:
    """Holidays of ``country`` and the days of ``events`` on ``dates``.

    Parameters
    ----------
    dates : pandas.DatetimeIndex
        Consecutive naive local midnights.
    country : str or None
        Holiday calendar; None for none.
    events : pandas.DataFrame
        Validated event calendar (``events_for_channel``).
    treatments : mapping of date to float, optional
        The user's treatment of days (holidays): the share of a normal day, 0 for closed.

    Returns
    -------
    Calendar
        Flags per date of ``dates``.
    """
    n = len(dates)
    holiday = np.full(n, "", dtype=object)
    if country:
        hol = holiday_dates(country, range(dates[0].year, dates[-1].year + 1))
        pos = dates.get_indexer(pd.DatetimeIndex(hol["date"]))
        ok = pos >= 0
        holiday[pos[ok]] = hol["name"].to_numpy()[ok]
    excluded = np.zeros(n, dtype=bool)
    names = np.full(n, "", dtype=object)
    kinds: list[list[tuple[str, float]]] = [[] for _ in range(n)]
    days = expand_events(events, dates[0].date(), dates[-1].date())
    if len(days):
        pos = dates.get_indexer(pd.DatetimeIndex(days["date"]))
        for p, name, kind, uplift, excl in zip(
            pos,
            days["name"],
            days["kind"],
            days["uplift_pct"],
            days["exclude_from_training"],
            strict=True,
        ):
            excluded[p] |= bool(excl) or kind in MODELLED_KINDS
            names[p] = f"{names[p]}; {name}" if names[p] else name
            kinds[p].append((kind, float(uplift)))
    treatment = np.full(n, np.nan)
    if treatments:
        pos = dates.get_indexer(pd.DatetimeIndex([pd.Timestamp(str(d)) for d in treatments]))
        values = np.asarray([float(v) for v in treatments.values()])
        treatment[pos[pos >= 0]] = values[pos >= 0]
    return Calendar(dates, holiday, excluded, names, kinds, treatment)


def events_for_channel(events: pd.DataFrame | None, channel: str | None) -> pd.DataFrame:
    """Validate an event calendar and keep the events that touch ``channel``.

    An event without channels touches every channel; ``channel=None`` keeps every event.

    Raises
    ------
    kcc.events.EventError
        For a malformed event (see ``kcc.events.validate_events``).
    """
    frame = validate_events(events)
    if channel is not None and len(frame):
        keep = np.array([not c or channel in c for c in frame["channels"]], dtype=bool)
        frame = frame[keep].reset_index(drop=True)
    return frame


def open_weekdays(grid: HistoryGrid, holiday: np.ndarray) -> np.ndarray:
    """Weekdays open on most of their last eight non-holiday occurrences.

    Returns
    -------
    numpy.ndarray
        Seven booleans, Monday first.
    """
    weekday = grid.dates.day_of_week.to_numpy()
    daily = grid.daily
    is_open = np.zeros(7, dtype=bool)
    for w in range(7):
        rows = np.flatnonzero((weekday == w) & (holiday[: len(daily)] == ""))[-PROFILE_WEEKS:]
        if len(rows):
            is_open[w] = (daily[rows] > 0).mean() >= 0.5
    return is_open


@dataclass(frozen=True, eq=False)
class DayFlags:
    """Open weekdays, holidays and the days around them, for every date of a ``Calendar``.

    Attributes
    ----------
    open : numpy.ndarray
        The date's weekday is open.
    holiday : numpy.ndarray
        The date is a public holiday.
    before : numpy.ndarray
        The day before a holiday (not itself a holiday).
    after : numpy.ndarray
        The first open day after a holiday on an open weekday (neither a holiday nor the day
        before one).
    """

    open: np.ndarray
    holiday: np.ndarray
    before: np.ndarray
    after: np.ndarray


def day_flags(cal: Calendar, is_open_wd: np.ndarray) -> DayFlags:
    """Flag the open days, the holidays and the days around them on ``cal``'s dates."""
    n = len(cal.dates)
    open_all = is_open_wd[cal.dates.day_of_week.to_numpy()]
    hol_all = cal.holiday != ""
    # The day before a holiday and the first open day after one behave differently too.
    before_all = np.zeros(n, dtype=bool)
    before_all[:-1] = hol_all[1:] & ~hol_all[:-1]
    after_all = np.zeros(n, dtype=bool)
    for i in np.flatnonzero(hol_all & open_all):
        j = i + 1
        while j < n and (hol_all[j] or not open_all[j]):
            j += 1
        if j < n:
            after_all[j] = True
    after_all &= ~hol_all & ~before_all
    return DayFlags(open_all, hol_all, before_all, after_all)


def special_history_days(daily: np.ndarray, flags: DayFlags, cal: Calendar) -> np.ndarray:
    """Flag the history days not to fit on.

    They are holidays and the days around them, days of events kept out of training and
    unscheduled closures (no contacts on an open weekday).
    """
    n_hist = len(daily)
    unscheduled = flags.open[:n_hist] & (daily == 0) & ~flags.holiday[:n_hist]
    special = flags.holiday[:n_hist] | flags.before[:n_hist] | flags.after[:n_hist]
    special |= cal.excluded[:n_hist] | unscheduled
    return special


# --------------------------------------------------------------------------- baselines


def baseline_values(z: np.ndarray, special: np.ndarray, period: int) -> np.ndarray:
    """Replace each special value of ``z`` by a baseline.

    The baseline is the median of the last four normal values of the same season (the next
    four when none precede it; the mean of the normal values when there are none).
    """
    out = z.astype(float).copy()
    normal = ~special
    fallback = float(np.mean(z[normal])) if normal.any() else float(np.mean(z))
    for i in np.flatnonzero(special):
        prev = [j for j in range(i - period, -1, -period) if normal[j]][:4]
        if not prev:
            prev = [j for j in range(i + period, len(z), period) if normal[j]][:4]
        out[i] = float(np.median(z[prev])) if prev else fallback
    return out


def symmetric_baseline(
    daily: np.ndarray, normal: np.ndarray, rows: np.ndarray, weeks: int = 4
) -> np.ndarray:
    """Median of the same weekday up to ``weeks`` weeks before and after each row."""
    out = np.full(len(rows), np.nan)
    n = len(daily)
    for k, i in enumerate(rows):
        around = [i + 7 * s for s in range(-weeks, weeks + 1) if s and 0 <= i + 7 * s < n]
        values = [daily[j] for j in around if normal[j]]
        if values:
            out[k] = float(np.median(values))
    return out


# --------------------------------------------------------------------------- learned factors


@dataclass(frozen=True, eq=False)
class SpecialDayFactors:
    """Actual over baseline on past special days.

    Attributes
    ----------
    by_holiday : dict of str to list of float
        Ratios per holiday name, one per past occurrence on an open weekday.
    holiday : float
        Median of all holiday ratios; 1 without any. Not applied: a holiday never seen is
        forecast as a normal day (``future_factor``).
    before, after : float
        Median ratio of the days before and after holidays; 1 with fewer than two.
    """

    by_holiday: dict[str, list[float]]
    holiday: float
    before: float
    after: float


def learn_special_day_factors(
    daily: np.ndarray, baseline: np.ndarray, flags: DayFlags, cal: Calendar
) -> SpecialDayFactors:
    """Learn the special-day factors from the history's days against their baseline.

    Parameters
    ----------
    daily : numpy.ndarray
        Contacts per history day [contacts per day].
    baseline : numpy.ndarray
        Baseline per history day (0 on closed weekdays) [contacts per day].
    flags : DayFlags
        Flags of history and horizon; only the history days are read.
    cal : Calendar
        Days kept out of training are not learned from.
    """
    n_hist = len(daily)
    h_open = flags.open[:n_hist]
    learnable = h_open & ~cal.excluded[:n_hist]
    ratio = np.divide(daily, baseline, out=np.full(n_hist, np.nan), where=baseline > 0)
    by_name: dict[str, list[float]] = {}
    for i in np.flatnonzero(flags.holiday[:n_hist] & learnable):
        if np.isfinite(ratio[i]):
            by_name.setdefault(str(cal.holiday[i]), []).append(float(ratio[i]))
    pooled_holiday = (
        float(np.median([v for vs in by_name.values() for v in vs])) if by_name else 1.0
    )

    def pooled(mask: np.ndarray) -> float:
        values = ratio[:n_hist][mask[:n_hist] & learnable]
        values = values[np.isfinite(values)]
        return float(np.median(values)) if len(values) >= 2 else 1.0

    return SpecialDayFactors(by_name, pooled_holiday, pooled(flags.before), pooled(flags.after))


def learned_uplifts(
    daily: np.ndarray, normal: np.ndarray, cal: Calendar, n_hist: int
) -> dict[str, float]:
    """Uplift per event kind from past event days against a symmetric same-weekday baseline.

    Parameters
    ----------
    daily : numpy.ndarray
        Contacts per history day [contacts per day].
    normal : numpy.ndarray
        History days fit for a baseline (open, no special day); event days are left out too.
    cal : Calendar
        Events per date.
    n_hist : int
        Days of history at the start of ``cal`` [days].

    Returns
    -------
    dict of str to float
        Extra volume on the event days of each kind against the baseline [%]; closures and
        kinds without a usable day are left out.
    """
    rows_by_kind: dict[str, list[int]] = {}
    for i in range(n_hist):
        if cal.holiday[i] or daily[i] <= 0:
            continue
        for kind, _ in cal.event_kinds[i]:
            rows_by_kind.setdefault(kind, []).append(i)
    event_day = np.array([bool(k) for k in cal.event_kinds[:n_hist]], dtype=bool)
    clean = normal & ~event_day
    learned: dict[str, float] = {}
    for kind, rows in rows_by_kind.items():
        if kind == "closure":
            continue
        idx = np.array(sorted(set(rows)))
        base = symmetric_baseline(daily, clean, idx)
        ok = np.isfinite(base) & (base > 0)
        if ok.any():
            learned[kind] = float((daily[idx][ok].sum() / base[ok].sum() - 1) * 100)
    return learned


def future_factor(
    flags: DayFlags,
    cal: Calendar,
    factors: SpecialDayFactors,
    learned_uplift_pct: dict[str, float],
    n_hist: int,
    horizon_days: int,
) -> np.ndarray:
    """Special-day and event multiplier per horizon day (1 on a normal day, 0 when closed).

    A day the user treated (``Calendar.treatment``: closed or reduced) takes that share. A
    holiday takes its own learned factor; one the history never showed on an open weekday is a
    normal day (assuming a closed day when the centre is open is a service failure; the user
    marks it closed or reduced). The days around holidays take theirs; events multiply by
    ``1 + uplift / 100`` with the user's uplift or the learned one, and a closure sets the day
    to zero. Factors below ``CLOSED_FACTOR`` are zero.
    """
    factor = np.ones(horizon_days)
    treatment = cal.treatment if cal.treatment is not None else np.full(len(cal.dates), np.nan)
    for k, i in enumerate(range(n_hist, n_hist + horizon_days)):
        if np.isfinite(treatment[i]):
            factor[k] = float(treatment[i])
        elif flags.holiday[i]:
            vals = factors.by_holiday.get(str(cal.holiday[i]))
            factor[k] = float(np.mean(vals)) if vals else 1.0
        elif flags.before[i]:
            factor[k] = factors.before
        elif flags.after[i]:
            factor[k] = factors.after
        for kind, uplift in cal.event_kinds[i]:
            if kind == "closure":
                factor[k] = 0.0
            else:
                pct = uplift if np.isfinite(uplift) else learned_uplift_pct.get(kind, np.nan)
                factor[k] *= 1 + (pct if np.isfinite(pct) else 0.0) / 100
    factor[factor < CLOSED_FACTOR] = 0.0
    return factor


# --------------------------------------------------------------------------- public


def learn_event_uplift(
    history: pd.DataFrame,
    events: pd.DataFrame,
    kind: str,
    *,
    country: str | None = "NL",
    channel: str | None = None,
) -> float:
    """Uplift of past events of one kind, learned from the history.

    Each open, non-holiday day of a past event of ``kind`` is compared with the median of
    the same weekday up to four weeks before and after it (normal days only: no holidays,
    closures or other events). The uplift is the pooled ratio minus one.

    Parameters
    ----------
    history : pandas.DataFrame
        ``ds`` and ``y`` as for ``forecast``.
    events : pandas.DataFrame
        Event calendar; only events of ``kind`` inside the history count.
    kind : str
        Event kind (``"campaign"``, ``"mailing"``, ...).
    country : str or None
        Holiday calendar used to leave holidays out.
    channel : str, optional
        Keep only events of this channel.

    Returns
    -------
    float
        Extra volume on the event days against the baseline [%]; NaN when the history holds
        no event of that kind.

    References
    ----------
    .. [1] Hyndman & Athanasopoulos (2021), *Forecasting: Principles and Practice*, 3rd ed.,
       ch. 7.4 (intervention / dummy variables for special events).
    """
    grid = prepare_grid(history)
    frame = events_for_channel(events, channel)
    frame = frame[frame["kind"] == kind]
    cal = build_calendar(grid.dates, country, frame)
    is_open_wd = open_weekdays(grid, cal.holiday)
    daily = grid.daily
    normal = is_open_wd[grid.dates.day_of_week.to_numpy()] & (cal.holiday == "") & (daily > 0)
    return learned_uplifts(daily, normal, cal, len(grid.dates)).get(kind, np.nan)
