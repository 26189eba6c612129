"""The demo contact centre: a seeded, realistic Dutch KCC that makes the app useful at once.

"KCC Demo" answers phone, chat, e-mail and WhatsApp in Europe/Amsterdam local time. Its history
is 105 weeks of 15-minute intervals ending on Sunday 2026-11-15; the plan horizon starts on
Monday 2026-11-16 and runs 13 weeks. Volumes are built as

    expected(channel, interval) = base x weekday x season x growth x holiday x event x day noise
                                  x intraday shape (x outage surge)

and drawn with Poisson noise from one seeded ``numpy.random.Generator``, so the same seed always
gives the same centre. What the generator puts in, so that every page has something to find:

- intraday shapes with a morning peak and an after-lunch hump; chat and WhatsApp have an
  evening tail; e-mail arrives around the clock;
- Monday busiest, Saturday quiet, phone and chat closed on Sunday; a January peak (annual
  statements), a summer dip and a quiet Christmas week; growth in the digital channels;
- Dutch public holidays (``holidays`` package): live channels closed, little e-mail;
- tagged campaigns and mailings (events with ``uplift_pct``) and one outage surge
  (``exclude_from_training``), plus two events in the plan horizon;
- contacts attempted while a channel is closed, logged in ``closed_attempts`` only, with an
  evening hump on the phone after it closes at 20:00 (parents calling once the children are in
  bed), an early-morning shoulder before 08:00 and attempts on Sunday;
- handle times per channel with intraday and seasonal variation, and a service outcome
  (answered, abandoned, total wait) from a planned occupancy that runs hot at the peaks, with
  total wait / abandoned equal on average to each channel's patience (a few minutes);
- a shift roster for the last 8 weeks of history and the 13 plan weeks, deliberately short on
  Monday morning and long on Friday late afternoon, with 90-minute home-working peak blocks.

``generate_demo`` is pure; ``load_demo`` writes the result through ``kcc.store``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any, Final

import holidays
import numpy as np
import pandas as pd
from numpy.typing import NDArray

from kcc import config, store
from kcc.i18n import stored_text
from kcc.roster import ShiftPattern, expand_shifts, patterns_to_frame

CENTRE_NAME: Final[str] = "KCC Demo"
TIMEZONE: Final[str] = config.DEFAULT_TIMEZONE
INTERVAL_MIN: Final[int] = 15
DEMO_CHANNELS: Final[tuple[str, ...]] = ("phone", "chat", "email", "whatsapp")

#: First and last local day of the history (inclusive): 105 whole weeks, Monday to Sunday.
HISTORY_START: Final[date] = date(2024, 11, 11)
HISTORY_END: Final[date] = date(2026, 11, 15)
#: First day of the plan horizon and its length.
PLAN_START: Final[date] = date(2026, 11, 16)
PLAN_WEEKS: Final[int] = 13
#: The roster covers the last weeks of history too, so achieved service can be compared.
ROSTER_HISTORY_WEEKS: Final[int] = 8
ROSTER_START: Final[date] = PLAN_START - timedelta(weeks=ROSTER_HISTORY_WEEKS)
ROSTER_END: Final[date] = PLAN_START + timedelta(weeks=PLAN_WEEKS)  # exclusive

Hours = tuple[str, str] | None


def _week(weekdays: Hours, saturday: Hours, sunday: Hours) -> tuple[Hours, ...]:
    return (weekdays,) * 5 + (saturday, sunday)


#: When contacts are accepted, per channel and weekday (0 = Monday); None = closed all day.
OPENING_HOURS: Final[dict[str, tuple[Hours, ...]]] = {
    "phone": _week(("08:00", "20:00"), ("09:00", "17:00"), None),
    "chat": _week(("08:00", "22:00"), ("09:00", "17:00"), None),
    "email": _week(("00:00", "24:00"), ("00:00", "24:00"), ("00:00", "24:00")),
    "whatsapp": _week(("08:00", "22:00"), ("09:00", "17:00"), ("10:00", "16:00")),
}
#: When deferred work (e-mail) is picked up: office hours, not on public holidays.
WORKING_HOURS: Final[dict[str, tuple[Hours, ...]]] = {
    "email": _week(("08:00", "18:00"), None, None),
}

#: Offered contacts on a plain Wednesday at the end of the history, before season. [contacts/day]
_BASE_PER_DAY: Final[dict[str, float]] = {
    "phone": 2950.0, "chat": 560.0, "email": 470.0, "whatsapp": 380.0,
}  # fmt: skip
#: Demand per weekday (Monday first) relative to Wednesday, open or not.
_WEEKDAY: Final[dict[str, tuple[float, ...]]] = {
    "phone": (1.30, 1.08, 1.00, 0.97, 0.86, 0.38, 0.16),
    "chat": (1.22, 1.06, 1.00, 0.98, 0.90, 0.45, 0.25),
    "email": (1.30, 1.08, 1.00, 0.96, 0.88, 0.40, 0.45),
    "whatsapp": (1.18, 1.05, 1.00, 1.00, 0.95, 0.60, 0.45),
}
#: Yearly growth of demand. [fraction/year]
_GROWTH_PER_YEAR: Final[dict[str, float]] = {
    "phone": 0.03, "chat": 0.14, "email": -0.04, "whatsapp": 0.30,
}  # fmt: skip
#: Intraday shape: base level plus Gaussian bumps (centre [h], width [h], height).
_SHAPE: Final[dict[str, tuple[float, tuple[tuple[float, float, float], ...]]]] = {
    "phone": (0.02, ((10.0, 1.5, 1.0), (14.2, 1.3, 0.75), (16.6, 1.2, 0.30), (19.0, 1.0, 0.10))),
    "chat": (0.03, ((10.5, 1.7, 1.0), (14.3, 1.5, 0.80), (20.0, 1.6, 0.50))),
    "email": (0.10, ((9.5, 2.0, 1.0), (14.0, 2.0, 0.80), (21.0, 1.8, 0.45))),
    "whatsapp": (0.04, ((11.0, 1.8, 0.9), (14.8, 1.6, 0.80), (20.5, 1.5, 0.80))),
}
#: Share of would-be contacts that still try while the channel is closed.
_CLOSED_ATTEMPT_SHARE: Final[float] = 0.4
#: Phone attempts while closed on top of that, per local hour, as a share of the day's phone
#: volume: parents who call after the children are in bed (a hump from 20:00 to 22:00, about
#: 4 % of the day, decaying towards midnight), a few early birds before 08:00 and a trickle at
#: night. Only intervals the phone is closed in receive them (every day, Sunday included).
_PHONE_CLOSED_EXTRA_PER_HOUR: Final[dict[int, float]] = {
    0: 0.0008, 1: 0.0004, 2: 0.0003, 3: 0.0003, 4: 0.0004, 5: 0.0006, 6: 0.0010, 7: 0.0020,
    17: 0.0080, 18: 0.0080, 19: 0.0100, 20: 0.0230, 21: 0.0170, 22: 0.0070, 23: 0.0025,
}  # fmt: skip
#: Seed offset of the separate generator of those extra attempts (the other draws keep theirs).
_CLOSED_EXTRA_STREAM: Final[int] = 1
#: Demand on a public holiday relative to a normal day (live channels are closed).
_HOLIDAY_DEMAND: Final[dict[str, float]] = {
    "phone": 0.5, "chat": 0.5, "email": 0.35, "whatsapp": 0.6,
}  # fmt: skip
#: Mean handle time. [s]
_AHT_S: Final[dict[str, float]] = {"phone": 330.0, "chat": 540.0, "email": 480.0, "whatsapp": 420.0}
#: Mean patience of a waiting customer: total wait / abandoned tends to this. [s]
_PATIENCE_S: Final[dict[str, float]] = {"phone": 150.0, "chat": 210.0, "whatsapp": 420.0}
#: Mean wait per contact at planned occupancy 0.8. [s]
_BASE_WAIT_S: Final[dict[str, float]] = {"phone": 5.0, "chat": 5.0, "whatsapp": 9.0}
#: Outage surge: multiplier of demand per channel inside the outage window (local hours).
_OUTAGE_SURGE: Final[dict[str, float]] = {"phone": 2.6, "chat": 2.2, "email": 1.0, "whatsapp": 2.0}
_OUTAGE_HOURS: Final[tuple[float, float]] = (9.5, 14.0)


@dataclass(frozen=True)
class DemoEvent:
    """One tagged event of the demo calendar (see ``kcc.store.read_events`` for the columns)."""

    name: str
    kind: str
    start_date: date
    end_date: date
    channels: tuple[str, ...]
    uplift_pct: float
    exclude_from_training: bool = False


DEMO_EVENTS: Final[tuple[DemoEvent, ...]] = (
    DemoEvent("Jaaroverzicht 2024", "mailing", date(2025, 1, 13), date(2025, 1, 15),
              ("phone", "chat", "email"), 35.0),
    DemoEvent("Voorjaarscampagne 2025", "campaign", date(2025, 3, 10), date(2025, 3, 21),
              ("phone", "chat", "whatsapp"), 20.0),
    DemoEvent("Nieuwsbrief mei 2025", "mailing", date(2025, 5, 19), date(2025, 5, 21),
              ("email", "whatsapp"), 40.0),
    DemoEvent("Overstapweken 2025", "campaign", date(2025, 9, 15), date(2025, 9, 26),
              ("phone", "chat", "whatsapp"), 25.0),
    DemoEvent("Nieuwsbrief november 2025", "mailing", date(2025, 11, 3), date(2025, 11, 5),
              ("chat", "email"), 40.0),
    DemoEvent("Jaaroverzicht 2025", "mailing", date(2026, 1, 12), date(2026, 1, 14),
              ("phone", "chat", "email"), 35.0),
    DemoEvent("Storing MijnOmgeving", "outage", date(2026, 2, 10), date(2026, 2, 10),
              ("phone", "chat", "whatsapp"), 70.0, True),
    DemoEvent("Voorjaarscampagne 2026", "campaign", date(2026, 3, 9), date(2026, 3, 20),
              ("phone", "chat", "whatsapp"), 22.0),
    DemoEvent("Nieuwsbrief juni 2026", "mailing", date(2026, 6, 8), date(2026, 6, 10),
              ("email", "whatsapp"), 40.0),
    DemoEvent("Overstapweken 2026", "campaign", date(2026, 9, 14), date(2026, 9, 25),
              ("phone", "chat", "whatsapp"), 25.0),
    # In the plan horizon: known ahead, no history yet.
    DemoEvent("Winteractie 2026", "campaign", date(2026, 11, 30), date(2026, 12, 11),
              ("chat", "whatsapp"), 20.0),
    DemoEvent("Jaaroverzicht 2026", "mailing", date(2027, 1, 11), date(2027, 1, 13),
              ("phone", "chat", "email"), 35.0),
)  # fmt: skip

_MON_FRI = (0, 1, 2, 3, 4)
_TUE_FRI = (1, 2, 3, 4)

#: Shift patterns of the demo roster, valid from the first roster day. Sized for a midweek day,
#: with two deliberate gaps for the staffing page to reveal: Monday morning phone is short (no
#: home-working peak block on Monday, while Monday brings the most calls) and the Friday late
#: team keeps phone overstaffed through a quiet Friday afternoon.
DEMO_SHIFTS: Final[tuple[ShiftPattern, ...]] = (
    # phone
    ShiftPattern("Telefoon vroeg", ("phone",), time(8, 0), 480, _MON_FRI, 30, "site", ROSTER_START),
    ShiftPattern("Telefoon ochtend deeltijd", ("phone",), time(8, 30), 240, _MON_FRI, 12, "site", ROSTER_START),
    ShiftPattern("Telefoon thuis piek", ("phone",), time(9, 30), 90, _TUE_FRI, 15, "home", ROSTER_START),
    ShiftPattern("Telefoon middag deeltijd", ("phone",), time(13, 0), 240, _MON_FRI, 10, "site", ROSTER_START),
    ShiftPattern("Telefoon thuis middag", ("phone",), time(13, 30), 90, _MON_FRI, 5, "home", ROSTER_START),
    ShiftPattern("Telefoon avond", ("phone",), time(16, 0), 240, (0, 1, 2, 3), 13, "site", ROSTER_START),
    ShiftPattern("Telefoon vrijdag laat", ("phone",), time(14, 0), 360, (4,), 24, "site", ROSTER_START),
    ShiftPattern("Telefoon zaterdag", ("phone",), time(9, 0), 480, (5,), 15, "site", ROSTER_START),
    ShiftPattern("Telefoon zaterdag thuis", ("phone",), time(9, 30), 90, (5,), 7, "home", ROSTER_START),
    # chat and WhatsApp: own day teams, a shared team (split equally) for the evening
    ShiftPattern("Chat vroeg", ("chat",), time(8, 0), 480, _MON_FRI, 9, "site", ROSTER_START),
    ShiftPattern("Chat ochtend deeltijd", ("chat",), time(9, 0), 240, _MON_FRI, 5, "site", ROSTER_START),
    ShiftPattern("Chat thuis piek", ("chat",), time(10, 0), 90, _MON_FRI, 2, "home", ROSTER_START),
    ShiftPattern("WhatsApp vroeg", ("whatsapp",), time(8, 0), 480, _MON_FRI, 5, "site", ROSTER_START),
    ShiftPattern("WhatsApp thuis piek", ("whatsapp",), time(10, 0), 90, _MON_FRI, 2, "home", ROSTER_START),
    ShiftPattern("Digitaal middag", ("chat", "whatsapp"), time(12, 0), 480, _MON_FRI, 2, "home", ROSTER_START),
    ShiftPattern("Digitaal laat", ("chat", "whatsapp"), time(14, 0), 480, _MON_FRI, 6, "site", ROSTER_START),
    ShiftPattern("Digitaal avond", ("chat", "whatsapp"), time(18, 0), 240, _MON_FRI, 8, "home", ROSTER_START),
    ShiftPattern("Digitaal zaterdag", ("chat", "whatsapp"), time(9, 0), 480, (5,), 8, "site", ROSTER_START),
    ShiftPattern("WhatsApp zondag", ("whatsapp",), time(10, 0), 360, (6,), 3, "home", ROSTER_START),
    # e-mail: deferred work in office hours
    ShiftPattern("E-mail", ("email",), time(8, 30), 480, _MON_FRI, 8, "site", ROSTER_START),
    ShiftPattern("E-mail thuis", ("email",), time(9, 0), 480, _MON_FRI, 4, "home", ROSTER_START),
    # January: annual-statement peak on phone and e-mail
    ShiftPattern(
        "Jaaroverzicht extra", ("phone", "email"), time(9, 0), 240, _MON_FRI, 12, "home",
        date(2027, 1, 4), date(2027, 1, 29),
    ),
)  # fmt: skip

def _hours_setting(table: dict[str, tuple[Hours, ...]]) -> dict[str, dict[str, list[str] | None]]:
    """Hours as a JSON-able setting: channel -> weekday ("0" = Monday) -> [open, close] or None."""
    return {
        channel: {str(day): (list(span) if span else None) for day, span in enumerate(week)}
        for channel, week in table.items()
    }


#: Planning settings that come with the demo (``kcc.store.write_setting`` key -> value).
DEMO_SETTINGS: Final[dict[str, Any]] = {
    "centre_name": CENTRE_NAME,
    "timezone": TIMEZONE,
    "interval_min": INTERVAL_MIN,
    "channels": list(DEMO_CHANNELS),
    "history_start": HISTORY_START.isoformat(),
    "history_end": HISTORY_END.isoformat(),
    "plan_start": PLAN_START.isoformat(),
    "plan_weeks": PLAN_WEEKS,
    "country": "NL",
    # weekday "0" (Monday) .. "6" -> [open, close] local time, or null when closed
    "opening_hours": _hours_setting(OPENING_HOURS),
    "working_hours": _hours_setting(WORKING_HOURS),
    # shares of paid time (0..1): planned = breaks, training, meetings; unplanned = sickness
    "shrinkage": {
        "phone": {"planned": 0.18, "unplanned": 0.07},
        "chat": {"planned": 0.17, "unplanned": 0.07},
        "email": {"planned": 0.15, "unplanned": 0.07},
        "whatsapp": {"planned": 0.17, "unplanned": 0.07},
    },
    "cost_eur_per_hour": {"phone": 38.0, "chat": 38.0, "email": 35.0, "whatsapp": 36.0},
    "flex_premium_share": 0.30,
    "contract_hours_per_fte": 36.0,
    "service_targets": {
        "phone": {"service_level": 0.80, "answer_time_s": 30},
        "chat": {"service_level": 0.80, "answer_time_s": 60},
        "whatsapp": {"service_level": 0.80, "answer_time_s": 900},
        "email": {"service_level": 0.90, "answer_time_s": 86_400},
    },
}


@dataclass(frozen=True)
class DemoCentre:
    """Everything the demo centre consists of, as written to the store by ``load_demo``.

    Attributes
    ----------
    intervals : pandas.DataFrame
        Volume contract (``docs/ARCHITECTURE.md``): ``channel, queue, ds, interval_min, offered,
        answered, abandoned, aht_s, wait_s_total, closed_attempts``; every 15-minute interval of
        the history for every channel, zero (and NaN handle time) where nothing was offered.
    events : pandas.DataFrame
        ``name, kind, start_date, end_date, channels, uplift_pct, exclude_from_training,
        source``.
    shifts : pandas.DataFrame
        Shift patterns (``kcc.roster.SHIFT_COLUMNS``).
    roster : pandas.DataFrame
        ``channel, ds, interval_min, agents`` from ``ROSTER_START`` to ``ROSTER_END``.
    settings : dict
        Setting key -> JSON-able value (``DEMO_SETTINGS``).
    """

    intervals: pd.DataFrame
    events: pd.DataFrame
    shifts: pd.DataFrame
    roster: pd.DataFrame
    settings: dict[str, Any]


# --------------------------------------------------------------------------- generation


def _minutes(hours: Hours) -> tuple[int, int]:
    if hours is None:
        return 0, 0
    first, last = (int(h) * 60 + int(m) for h, m in (part.split(":") for part in hours))
    return first, last


def _hours_table(
    table: dict[str, tuple[Hours, ...]], channel: str
) -> tuple[np.ndarray, np.ndarray]:
    """Opening and closing minute of the day per weekday (0, 0 when closed)."""
    spans = [_minutes(h) for h in table[channel]]
    return np.array([s[0] for s in spans]), np.array([s[1] for s in spans])


def _shape(channel: str, hour: np.ndarray) -> np.ndarray:
    base, bumps = _SHAPE[channel]
    out = np.full(hour.shape, base)
    for centre, width, height in bumps:
        out += height * np.exp(-0.5 * ((hour - centre) / width) ** 2)
    return out


def _season(day_of_year: np.ndarray) -> np.ndarray:
    """Yearly factor: January annual statements, summer dip, quiet Christmas week."""

    def bump(centre: float, width: float) -> np.ndarray:
        gap = np.abs(day_of_year - centre)
        gap = np.minimum(gap, 365.25 - gap)
        return np.exp(-0.5 * (gap / width) ** 2)

    return 1 + 0.22 * bump(18, 12) - 0.20 * bump(213, 26) - 0.15 * bump(361, 4)


def _event_factor(days: pd.DatetimeIndex) -> np.ndarray:
    """Demand factor per day and channel (n_days x channels) from campaigns and mailings."""
    factor = np.ones((len(days), len(DEMO_CHANNELS)))
    day_numbers = (days - days[0]).days.to_numpy()
    first_day = days[0].date()
    for event in DEMO_EVENTS:
        if event.kind == "outage":
            continue  # an intraday surge, applied per interval
        since = day_numbers - (event.start_date - first_day).days
        inside = (since >= 0) & (day_numbers <= (event.end_date - first_day).days)
        lift = event.uplift_pct / 100
        # A mailing peaks the day it lands and fades; a campaign holds its level.
        shape = 0.55 ** since if event.kind == "mailing" else np.ones(len(days))
        for column, channel in enumerate(DEMO_CHANNELS):
            if channel in event.channels:
                factor[inside, column] *= 1 + lift * shape[inside]
    return factor


def _events_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [e.name for e in DEMO_EVENTS],
            "kind": [e.kind for e in DEMO_EVENTS],
            "start_date": [e.start_date for e in DEMO_EVENTS],
            "end_date": [e.end_date for e in DEMO_EVENTS],
            "channels": [list(e.channels) for e in DEMO_EVENTS],
            "uplift_pct": [e.uplift_pct for e in DEMO_EVENTS],
            "exclude_from_training": [e.exclude_from_training for e in DEMO_EVENTS],
            "source": "demo",
        }
    )


def _email_wait_s(instant_s: np.ndarray, holiday_days: set[date]) -> np.ndarray:
    """Seconds from arrival until an e-mail is picked up: until the next working time, plus
    a queue time of 1.5 hours. ``instant_s`` are epoch seconds within the history."""
    work_open, work_close = _hours_table(WORKING_HOURS, "email")
    # A week past the history so that weekend mail at the end still waits for Monday.
    days = pd.date_range(HISTORY_START, HISTORY_END + timedelta(weeks=1), freq="D")
    weekday = days.day_of_week.to_numpy()
    works = (work_close[weekday] > work_open[weekday]) & ~np.isin(days.date, np.array(list(holiday_days), dtype=object))
    start_s, end_s = (
        (days[works] + pd.to_timedelta(minutes[weekday][works], unit="min"))
        .tz_localize(TIMEZONE)
        .as_unit("s")
        .asi8
        for minutes in (work_open, work_close)
    )
    # Next working block that has not ended yet; inside it the mail waits only in the queue.
    block = np.searchsorted(end_s, instant_s, side="right")
    until_open = np.maximum(start_s[block] - instant_s, 0)
    return until_open + 1.5 * 3600


def _phone_evening_attempts(
    rng: np.random.Generator, is_open: np.ndarray, level_days: np.ndarray, day_idx: np.ndarray,
    minute: np.ndarray,
) -> np.ndarray:
    """Extra phone attempts while closed (``_PHONE_CLOSED_EXTRA_PER_HOUR``), drawn with Poisson
    noise from their own generator; zeros for the other channels. [contacts per interval]"""
    share = np.zeros(24)
    for hour, value in _PHONE_CLOSED_EXTRA_PER_HOUR.items():
        share[hour] = value
    per_slot = share[minute // 60] * INTERVAL_MIN / 60.0
    out = np.zeros(is_open.shape)
    c = DEMO_CHANNELS.index("phone")
    expected = np.where(is_open[c], 0.0, level_days[c][day_idx] * per_slot)
    out[c] = rng.poisson(expected)
    return out


def generate_demo(seed: int = 2026) -> DemoCentre:
    """Build the demo contact centre.

    Parameters
    ----------
    seed : int, default 2026
        Seed of the ``numpy.random.Generator`` behind every random draw; the same seed gives
        the same centre.

    Returns
    -------
    DemoCentre
        Interval history, events, shift patterns, expanded roster and settings.
    """
    rng = np.random.default_rng(seed)
    cal = _calendar()
    offered, closed_attempts, demand, planned = _volumes(cal, rng, seed)
    abandoned, wait_s_total = _service(cal, rng, offered, demand, planned)
    answered = offered - abandoned
    aht_s = _handle_times(cal, rng, answered)
    n_slots, n_channels = len(cal.grid), len(DEMO_CHANNELS)
    intervals = pd.DataFrame(
        {
            "channel": np.repeat(np.array(DEMO_CHANNELS, dtype=object), n_slots),
            "queue": config.DEFAULT_QUEUE,
            "ds": cal.grid.as_unit("ns")[np.tile(np.arange(n_slots), n_channels)],
            "interval_min": np.int64(INTERVAL_MIN),
            "offered": offered.ravel(),
            "answered": answered.ravel(),
            "abandoned": abandoned.ravel(),
            "aht_s": aht_s.ravel(),
            "wait_s_total": np.round(wait_s_total.ravel(), 1),
            "closed_attempts": closed_attempts.ravel(),
        }
    )
    intervals["interval_min"] = intervals["interval_min"].astype("int64")

    shifts = patterns_to_frame(DEMO_SHIFTS)
    roster = expand_shifts(DEMO_SHIFTS, ROSTER_START, ROSTER_END, INTERVAL_MIN, TIMEZONE)
    return DemoCentre(
        intervals=intervals,
        events=_events_frame(),
        shifts=shifts,
        roster=roster,
        settings=dict(DEMO_SETTINGS),
    )


@dataclass(frozen=True)
class _Calendar:
    """The demo history's interval grid and the per-interval and per-day calendar facts every
    generation step reads (local days, minutes, weekdays, public holidays, the outage)."""

    grid: pd.DatetimeIndex
    local_days: pd.DatetimeIndex
    day_idx: NDArray[np.int64]
    minute: NDArray[np.int64]
    hour_mid: NDArray[np.float64]
    weekday_day: NDArray[np.int64]
    weekday: NDArray[np.int64]
    holiday_dates: frozenset[date]
    holiday_day: NDArray[np.bool_]
    in_outage: NDArray[np.bool_]


def _calendar() -> _Calendar:
    grid = pd.date_range(
        pd.Timestamp(HISTORY_START).tz_localize(TIMEZONE),
        pd.Timestamp(HISTORY_END + timedelta(days=1)).tz_localize(TIMEZONE),
        freq=f"{INTERVAL_MIN}min",
        inclusive="left",
    )
    wall = grid.tz_localize(None)
    local_days = pd.date_range(HISTORY_START, HISTORY_END, freq="D")
    day_idx = (wall.normalize() - local_days[0]).days.to_numpy()
    minute = (wall.hour * 60 + wall.minute).to_numpy()
    hour_mid = (minute + INTERVAL_MIN / 2) / 60
    weekday_day = local_days.day_of_week.to_numpy()
    nl = holidays.country_holidays("NL", years=range(HISTORY_START.year, HISTORY_END.year + 2))
    outage = next(e for e in DEMO_EVENTS if e.kind == "outage")
    in_outage = (
        (day_idx == (outage.start_date - HISTORY_START).days)
        & (hour_mid >= _OUTAGE_HOURS[0])
        & (hour_mid < _OUTAGE_HOURS[1])
    )
    return _Calendar(
        grid=grid, local_days=local_days, day_idx=day_idx, minute=minute, hour_mid=hour_mid,
        weekday_day=weekday_day, weekday=weekday_day[day_idx], holiday_dates=frozenset(nl),
        holiday_day=np.array([d in nl for d in local_days.date]), in_outage=in_outage,
    )


def _volumes(cal: _Calendar, rng: np.random.Generator,
             seed: int) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Offered contacts and closed-hours attempts per channel and interval, with the demand
    they are drawn from and the part of it a planner could have known (``planned``)."""
    n_days, n_slots, n_channels = len(cal.local_days), len(cal.grid), len(DEMO_CHANNELS)
    day_idx, minute, hour_mid, weekday = cal.day_idx, cal.minute, cal.hour_mid, cal.weekday
    years_from_end = ((cal.local_days - pd.Timestamp(HISTORY_END)).days.to_numpy()) / 365.25
    season_day = _season(cal.local_days.day_of_year.to_numpy().astype(float))
    event_day = _event_factor(cal.local_days)
    noise_day = np.exp(rng.normal(0.0, 0.04, size=(n_days, n_channels)))
    # Late December days before a holiday are half days for the customers too.
    eve = np.isin(cal.local_days.strftime("%m-%d"), ["12-24", "12-31"])

    level_days = np.empty((n_channels, n_days))
    demand = np.empty((n_channels, n_slots))
    planned = np.empty((n_channels, n_slots))
    is_open = np.empty((n_channels, n_slots), dtype=bool)
    for c, channel in enumerate(DEMO_CHANNELS):
        open_min, close_min = _hours_table(OPENING_HOURS, channel)
        live = channel != "email"
        day_open = ~cal.holiday_day if live else np.ones(n_days, dtype=bool)
        in_hours = (minute >= open_min[weekday]) & (minute < close_min[weekday])
        is_open[c] = in_hours & day_open[day_idx]
        shape = _shape(channel, hour_mid)
        # Scale the shape so a plain weekday's open hours hold exactly one day of contacts.
        slot_hours = (np.arange(96) * 15 + 7.5) / 60
        slot_minute = np.arange(96) * 15
        wd_open = (slot_minute >= open_min[2]) & (slot_minute < close_min[2])
        shape = shape / _shape(channel, slot_hours)[wd_open].sum()
        level_day = (
            _BASE_PER_DAY[channel]
            * np.asarray(_WEEKDAY[channel])[cal.weekday_day]
            * season_day
            * (1 + _GROWTH_PER_YEAR[channel]) ** years_from_end
            * np.where(cal.holiday_day, _HOLIDAY_DEMAND[channel], 1.0)
            * np.where(eve, 0.6, 1.0)
        )
        level_days[c] = level_day * event_day[:, c] * noise_day[:, c]
        planned[c] = level_day[day_idx] * shape
        demand[c] = planned[c] * (event_day[:, c] * noise_day[:, c])[day_idx]
        demand[c] = np.where(cal.in_outage, demand[c] * _OUTAGE_SURGE[channel], demand[c])

    offered = rng.poisson(np.where(is_open, demand, 0.0)).astype(float)
    closed_attempts = rng.poisson(
        np.where(is_open, 0.0, demand * _CLOSED_ATTEMPT_SHARE)
    ).astype(float)
    closed_attempts += _phone_evening_attempts(
        np.random.default_rng([seed, _CLOSED_EXTRA_STREAM]), is_open, level_days, day_idx, minute
    )
    return offered, closed_attempts, demand, planned


def _service(cal: _Calendar, rng: np.random.Generator, offered: NDArray[np.float64],
             demand: NDArray[np.float64],
             planned: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Abandoned contacts and total wait per channel and interval.

    Planners staff for the plain expectation at an occupancy that runs hotter at the peaks (and
    on Monday); surprises in volume push it further.
    """
    n_days, n_slots = len(cal.local_days), len(cal.grid)
    abandoned = np.zeros_like(offered)
    wait_s_total = np.zeros_like(offered)
    for c, channel in enumerate(DEMO_CHANNELS):
        if channel == "email":
            wait = _email_wait_s(cal.grid.as_unit("s").asi8, set(cal.holiday_dates))
            wait_s_total[c] = offered[c] * wait * np.exp(rng.normal(0.0, 0.2, n_slots))
            continue
        day_peak = np.zeros(n_days)
        np.maximum.at(day_peak, cal.day_idx, planned[c])
        relative = planned[c] / np.maximum(day_peak[cal.day_idx], 1e-9)
        occupancy_plan = (0.72 + 0.16 * relative) * np.where(cal.weekday == 0, 1.05, 1.0)
        # Events, day-to-day swings and the outage arrive unplanned; interval noise is damped
        # because agents pick up a few extra contacts by going faster.
        noise = np.sqrt((offered[c] + 5.0) / (demand[c] + 5.0))
        surprise = demand[c] / np.maximum(planned[c], 1e-9) * noise
        occupancy = occupancy_plan * surprise
        # At most 70 % give up; capping the wait with it keeps wait / abandoned near patience.
        mean_wait_s = np.minimum(
            _BASE_WAIT_S[channel] * np.exp(7.3 * (occupancy - 0.8)), 0.7 * _PATIENCE_S[channel]
        )
        share = mean_wait_s / _PATIENCE_S[channel]
        abandoned[c] = rng.binomial(offered[c].astype(np.int64), share)
        # Total wait such that wait / abandoned estimates the patience (Erlang-A relation).
        wait_s_total[c] = offered[c] * mean_wait_s * np.exp(rng.normal(0.0, 0.15, n_slots))
    return abandoned, wait_s_total


def _handle_times(cal: _Calendar, rng: np.random.Generator,
                  answered: NDArray[np.float64]) -> NDArray[np.float64]:
    """Mean handle time per channel and interval [s], NaN where nothing was answered."""
    n_slots = len(cal.grid)
    hour_mid = cal.hour_mid
    season_aht = 1 + 0.08 * np.exp(-0.5 * ((cal.local_days.day_of_year.to_numpy() - 18) / 14) ** 2)
    aht_s = np.full_like(answered, np.nan)
    for c, channel in enumerate(DEMO_CHANNELS):
        profile = 1 + 0.06 * np.exp(-0.5 * ((hour_mid - 9.0) / 2.0) ** 2) - 0.06 * np.exp(
            -0.5 * ((hour_mid - 20.0) / 2.0) ** 2
        )
        # Known-issue calls during the outage are short.
        profile = np.where(cal.in_outage & (channel != "email"), profile * 0.8, profile)
        mean = _AHT_S[channel] * profile * season_aht[cal.day_idx]
        spread = 0.7 / np.sqrt(np.maximum(answered[c], 1.0))
        sample = mean * np.exp(rng.normal(0.0, 1.0, n_slots) * spread - spread**2 / 2)
        aht_s[c] = np.where(answered[c] > 0, np.round(sample, 1), np.nan)
    return aht_s


# --------------------------------------------------------------------------- loading


#: The steps ``load_demo`` reports, in order.
LOAD_STEPS: Final[tuple[str, ...]] = (
    "generate", "clear", "intervals", "events", "roster", "settings", "done"
)


def load_demo(
    con: store.Connection,
    progress: Callable[[float, str], object] | None = None,
    seed: int = 2026,
) -> None:
    """Empty the database and load the demo centre into it.

    Each store write is atomic; the database is reset first, so a failure part-way leaves a
    partly loaded demo that the next reset or load replaces.

    Parameters
    ----------
    con : store.Connection
        Store connection (``kcc.store.connect``).
    progress : callable, optional
        Called as ``progress(share_done, step)`` with ``share_done`` in 0..1 and ``step`` one
        of ``LOAD_STEPS`` (a page shows it as the text ``data.demo_step.<step>``).
    seed : int, default 2026
        Seed for ``generate_demo``.
    """

    def report(share: float, step: str) -> None:
        if progress is not None:
            progress(share, step)

    report(0.0, "generate")
    centre = generate_demo(seed)
    report(0.35, "clear")
    store.reset(con)
    report(0.4, "intervals")
    store.replace_intervals(
        con,
        centre.intervals,
        store.ImportRecord(
            file_name="demo",
            kind="demo",
            imported_by="demo",
            rows_read=len(centre.intervals),
            message=stored_text("data.history.demo", seed=seed),
        ),
    )
    report(0.8, "events")
    store.replace_events(con, centre.events)
    store.replace_shifts(con, centre.shifts)
    report(0.85, "roster")
    store.replace_roster(
        con,
        centre.roster,
        store.ImportRecord(
            file_name="demo",
            kind="demo",
            imported_by="demo",
            rows_read=len(centre.roster),
            message=stored_text("data.history.demo_roster"),
        ),
    )
    report(0.95, "settings")
    for key, value in centre.settings.items():
        store.write_setting(con, key, value)
    report(1.0, "done")


# --------------------------------------------------------------------------- many series


#: Channels the generated many-series centre spreads its queues over.
MANY_SERIES_CHANNELS: Final[tuple[str, ...]] = ("phone", "chat", "email", "whatsapp")


def many_series_intervals(series: int, weeks: int = 10, *, end: str = "2026-03-01",
                          timezone: str = "Europe/Amsterdam", seed: int = 18) -> pd.DataFrame:
    """Interval volumes of a large centre or BPO: ``series`` queues x channels, every
    quarter-hour 08:00-18:00 for ``weeks`` weeks up to ``end``, each with its own level and
    weekday pattern (for the many-series job's tests and benchmark).

    Returns
    -------
    pandas.DataFrame
        The volume contract (``channel, queue, ds, interval_min, offered, answered,
        abandoned, aht_s``), ready for ``kcc.store.replace_intervals``.
    """
    rng = np.random.default_rng(seed)
    days = pd.date_range(end=end, periods=7 * int(weeks), freq="D")
    starts = pd.DatetimeIndex([d + pd.Timedelta(minutes=15 * q) for d in days for q in range(32, 72)])
    ds = starts.tz_localize(timezone)
    weekday = starts.day_of_week.to_numpy()
    hour = starts.hour.to_numpy() + starts.minute.to_numpy() / 60
    parts = []
    for k in range(int(series)):
        level = rng.uniform(2.0, 40.0)
        by_day = rng.uniform(0.6, 1.3, 7)
        shape = 1.0 + 0.5 * np.sin((hour - 8.0) / 10.0 * np.pi)
        offered = rng.poisson(level * by_day[weekday] * shape).astype(float)
        channel = MANY_SERIES_CHANNELS[k % len(MANY_SERIES_CHANNELS)]
        parts.append(pd.DataFrame({
            "channel": channel, "queue": f"q{k // len(MANY_SERIES_CHANNELS) + 1:03d}", "ds": ds,
            "interval_min": 15, "offered": offered, "answered": offered, "abandoned": 0.0,
            "aht_s": 300.0}))
    return pd.concat(parts, ignore_index=True)
