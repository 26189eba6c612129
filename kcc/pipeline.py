"""The planning pipeline without Streamlit: store -> forecast -> demand -> roster -> plan, and
the scenario baseline and board-summary inputs built on it.

Every step is a plain function of a store connection or frames and settings, so the main
calculation can be tested without a browser or AppTest (``tests/test_pipeline.py``).
``run_plan`` runs the whole chain at once; ``kcc.ui`` caches the same steps one by one with
``st.cache_data``, composing them through the same functions (``forecast_demand``,
``interval_plan``) so both give the same numbers.

Every step works on the centre the connection is bound to (``kcc.store.for_centre``; an
unbound connection is the demo centre): its history, settings and roster, in its time zone, and
a plan that starts the day after this centre's newest history (or on a chosen ``start``).

Cache keys follow one scheme. ``DataKey`` names the stored data a step reads: the database
file, the centre and its zone, the store's ``data_version`` (any write changes it) and the
centre's volume fingerprint.
Steps that read only volumes and events (series, history, forecasts, demand) use
``DataKey.volumes_only()``, so a roster or settings write leaves them valid; everything else
uses the whole key. ``PlanKey`` adds the plan's horizon, country and roster source; the
settings enter as frozen slices (``staffing_settings``), so editing a cost re-prices the plan
without re-staffing it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

import numpy as np
import pandas as pd

from kcc import config, forecast, plan, report, roster, store
from kcc.scenarios import (
    ChannelHours,
    ScenarioResult,
    ScenarioSpec,
    SurgeTest,
    evaluate_scenario,
    forecast_closed_attempts,
    hours_from_setting,
    infer_opening_hours,
    sl_frontier,
)
from kcc.staffing import ChatHandleEstimate, chat_estimate_from_history
from kcc.warning_filters import ignoring

#: Weeks ahead the pages plan by default (the demo ships a 13-week roster).
DEFAULT_HORIZON_WEEKS: Final[int] = 13
#: Horizons offered on the Staffing page. [weeks]
HORIZON_CHOICES_WEEKS: Final[tuple[int, ...]] = (4, 8, 13, 26, 52)
#: Where the rostered agents come from: agents per interval as stored, or expanded shifts.
ROSTER_SOURCES: Final[tuple[str, ...]] = ("roster", "shifts")
#: Evaluation periods offered for scenarios: the first weeks of the plan horizon. [weeks]
PERIOD_CHOICES_WEEKS: Final[tuple[int, ...]] = (1, 4, 8, 13, 26, 52)
#: Default scenario period (the demo's whole horizon; a longer horizon is cut to it). [weeks]
DEFAULT_PERIOD_WEEKS: Final[int] = 13
#: The board summary's stress test for a scenario without its own: +50 % for 4 h, 10 flex agents.
DEFAULT_STRESS: Final[SurgeTest] = SurgeTest(uplift=0.5, duration_min=240, home_agents=10)
#: Columns of a roster frame.
ROSTER_COLUMNS: Final[tuple[str, ...]] = ("channel", "ds", "interval_min", "agents")


# --------------------------------------------------------------------------- cache keys


@dataclass(frozen=True)
class DataKey:
    """Identity of the stored data a step reads (hashable: a cache key).

    Attributes
    ----------
    db : str
        Database file.
    timezone : str
        Wall-clock zone of the store.
    data_version : int or None
        ``kcc.store.data_version``; None in a volumes-only key.
    volumes : tuple of str
        ``kcc.store.volume_fingerprint``: changes with the centre's volumes and event calendar.
    centre_id : int
        The centre (``kcc.store.centre_of``).
    """

    db: str
    timezone: str
    data_version: int | None
    volumes: tuple[str, ...]
    centre_id: int = store.DEMO_CENTRE_ID

    def volumes_only(self) -> DataKey:
        """The key of steps that read only volumes and events (a roster or settings write
        leaves them valid)."""
        return dataclasses.replace(self, data_version=None)


@dataclass(frozen=True)
class PlanKey:
    """Everything the plan's demand and roster depend on besides the settings.

    Attributes
    ----------
    data : DataKey
        The whole data key.
    horizon_weeks : int
        Weeks planned after the history. [weeks]
    country : str or None
        Holiday calendar of the forecasts (stored setting ``country``).
    roster_source : str
        One of ``ROSTER_SOURCES``.
    start : date or None
        First day of the plan; None for the day after the centre's newest history.
    """

    data: DataKey
    horizon_weeks: int
    country: str | None
    roster_source: str
    start: date | None = None

    @property
    def horizon_days(self) -> int:
        """Days planned after the history. [days]"""
        return 7 * self.horizon_weeks


def data_key(con: store.Connection, db: str | None = None,
             timezone: str | None = None) -> DataKey:
    """The data key of ``con`` now.

    Parameters
    ----------
    con : store.Connection
        Store connection (bound to a centre, or the demo's).
    db, timezone : str, optional
        Database file and zone; default the configured file and the connection's zone.
    """
    return DataKey(db=config.db_path() if db is None else db,
                   timezone=store.timezone_of(con) if timezone is None else timezone,
                   data_version=store.data_version(con),
                   volumes=tuple(store.volume_fingerprint(con)),
                   centre_id=store.centre_of(con))


def plan_key(data: DataKey, stored: Mapping[str, Any], horizon_weeks: int = DEFAULT_HORIZON_WEEKS,
             roster_source: str = "roster", start: date | None = None) -> PlanKey:
    """The plan key of ``data`` with the stored settings' country (``start``: the plan's
    first day, None for the day after the newest history).

    Raises
    ------
    ValueError
        When ``horizon_weeks`` is below 1 or ``roster_source`` is not in ``ROSTER_SOURCES``.
    """
    if int(horizon_weeks) < 1:
        raise ValueError(f"horizon_weeks must be at least 1, got {horizon_weeks}")
    if roster_source not in ROSTER_SOURCES:
        raise ValueError(f"roster_source must be one of {ROSTER_SOURCES}, got {roster_source!r}")
    return PlanKey(data, int(horizon_weeks), country(stored), roster_source, start)


def staffing_settings(settings: plan.PlanSettings, channel: str | None = None) -> plan.PlanSettings:
    """The part of ``settings`` the queueing maths depends on, for one channel when given.

    Costs, flex premium and contract hours only price the plan (``plan.with_costs``); leaving
    them out of this cache key lets a cost edit re-price without re-staffing, and one channel's
    slice lets a phone target change leave e-mail's backlog cached.
    """
    core = dataclasses.replace(settings, cost_eur_per_hour=(), flex_premium=0.0,
                               contract_hours_per_week=plan.PlanSettings().contract_hours_per_week)
    if channel is None:
        return core
    return plan.PlanSettings(targets={channel: core.targets_for(channel)},
                             shrinkage={channel: core.shrinkage_for(channel)},
                             cost_eur_per_hour={}, flex_premium=0.0,
                             min_agents={channel: core.min_agents_for(channel)})


# --------------------------------------------------------------------------- store


def country(stored: Mapping[str, Any]) -> str | None:
    """Holiday calendar of the forecasts: the stored ``country`` (default NL), None when blank."""
    value = stored.get("country", "NL")
    return str(value) if value else None


def recent_history(con: store.Connection,
                   weeks: int | None = plan.AHT_HISTORY_WEEKS) -> pd.DataFrame:
    """Per-interval history of every intraday series, the last ``weeks`` weeks (all when
    None); totals per day, week or month are left out (they have no time of day)."""
    # the database keeps a few rows more than the weeks (a day, whatever a clock change does);
    # the two cuts below are the window's definition
    frame = store.read_intervals(con, recent_weeks=weeks)
    frame = frame[frame["interval_min"] < config.DAY_MIN].reset_index(drop=True)
    if weeks is not None and len(frame):
        last = frame["ds"].max()
        frame = frame[frame["ds"] > last - pd.Timedelta(weeks=weeks)].reset_index(drop=True)
    return frame


def chat_estimate(con: store.Connection) -> ChatHandleEstimate | None:
    """The chat handle time of a lone session and the slow-down per extra session estimated
    from the stored chats (``kcc.staffing.chat_estimate_from_history``); None when no chat
    carries an agent id with times or a sessions count."""
    return chat_estimate_from_history(store.read_chat_sessions(con, "chat"))


def chat_lone_session_s(history: pd.DataFrame, targets: plan.ChannelTargets) -> float | None:
    """The lone-session handle time the plan gives chat: the history's handle time (weighted
    by answered chats) through ``ChannelTargets.lone_session_s``; None without chat handle
    times. [s]"""
    chat = history[(history["channel"] == "chat") & history["aht_s"].notna()
                   & (history["answered"].fillna(0) > 0)]
    if chat.empty:
        return None
    aht_s = float((chat["aht_s"] * chat["answered"]).sum() / chat["answered"].sum())
    return float(targets.lone_session_s(np.asarray(aht_s)))


def series_history(con: store.Connection, channel: str, queue: str) -> pd.DataFrame:
    """``ds, y`` (offered contacts) of one series: what a forecast is fitted to. A series of
    week or month totals comes as days, each period spread over its days by the weekday
    shares of the centre's intraday profile (``intraday_profile``, else the standard one)."""
    frame = store.read_intervals(con, channel=channel, queue=queue)
    history = frame.rename(columns={"offered": "y"})
    if len(history) and int(history["interval_min"].max()) > config.DAY_MIN:
        profile = intraday_profile(con) or forecast.standard_profile()
        return forecast.days_from_periods(history[["ds", "y", "interval_min"]], profile)
    return history[["ds", "y"]].reset_index(drop=True)


# --------------------------------------------------------------------------- long-range series


def long_range_series(series: pd.DataFrame) -> pd.DataFrame:
    """The series of ``series`` (``kcc.store.series_summary``) counted per day, week or
    month, with their ``granularity``; intraday staffing needs an intraday profile for them."""
    out = series[series["interval_min"] >= config.DAY_MIN].reset_index(drop=True)
    return out.assign(granularity=[config.granularity_of(int(m)) for m in out["interval_min"]])


def profile_choice(stored: Mapping[str, Any]) -> dict[str, Any] | None:
    """The centre's saved intraday-profile choice (setting ``kcc.store.INTRADAY_PROFILE_KEY``):
    ``{"source": "standard"}`` or ``{"source": "series", "centre_id", "channel", "queue"}``;
    None when none is saved."""
    value = stored.get(store.INTRADAY_PROFILE_KEY)
    return dict(value) if isinstance(value, dict) and value.get("source") in ("standard", "series") else None


def intraday_profile(con: store.Connection) -> forecast.IntradayProfile | None:
    """The intraday profile the centre chose for its long-range series, None when none is
    chosen (or the chosen series holds no intervals any more)."""
    choice = profile_choice(store.read_settings(con))
    if choice is None:
        return None
    if choice["source"] == "standard":
        return forecast.standard_profile()
    other = store.for_centre(con, int(choice["centre_id"]))
    frame = store.read_intervals(other, channel=str(choice["channel"]), queue=str(choice["queue"]))
    frame = frame[frame["interval_min"] < config.DAY_MIN]
    if frame.empty:
        return None
    return forecast.profile_from_history(frame.rename(columns={"offered": "y"})[["ds", "y"]])


def profile_sources(con: store.Connection) -> pd.DataFrame:
    """Intraday series whose profile a centre may borrow: ``centre_id, centre, channel,
    queue`` of every visible centre's interval series (this centre's first)."""
    own = store.centre_of(con)
    rows = []
    for centre in sorted(store.list_centres(con), key=lambda c: (c.centre_id != own, c.centre_id)):
        summary = store.series_summary(con, centre_id=centre.centre_id)
        for channel, queue in summary.loc[summary["interval_min"] < config.DAY_MIN,
                                          ["channel", "queue"]].itertuples(index=False):
            rows.append((centre.centre_id, centre.name, channel, queue))
    return pd.DataFrame(rows, columns=["centre_id", "centre", "channel", "queue"])


def _period_ends(series: pd.DataFrame) -> pd.DataFrame:
    """``series`` with ``last_ds`` of a long-range series moved to its last period's last day
    (a month's totals reach its end, not its first day)."""
    out = series.copy()
    for i, (last, minutes) in enumerate(zip(out["last_ds"], out["interval_min"], strict=True)):
        if int(minutes) > config.DAY_MIN:
            end = (pd.Timestamp(last).tz_localize(None) + pd.offsets.MonthEnd(0)
                   if int(minutes) != config.WEEK_MIN else
                   pd.Timestamp(last).tz_localize(None) + pd.Timedelta(days=6))
            out.loc[out.index[i], "last_ds"] = end.tz_localize(pd.Timestamp(last).tz)
    return out


def horizon(series: pd.DataFrame, horizon_weeks: int,
            start: date | None = None, *, long_range: bool = False) -> plan.PlanHorizon | None:
    """The plan's days and the series it leaves out (``kcc.plan.plan_horizon``) from this
    centre's series; None without history.

    Series of day, week or month totals are planned only with ``long_range`` (the centre has
    chosen an intraday profile to spread them: ``profile_choice``); else they are left out,
    and a centre with nothing else has no plan (the pages say why).
    """
    if not long_range:
        series = series[series["interval_min"] < config.DAY_MIN]
    if series.empty:
        return None
    return plan.plan_horizon(_period_ends(series), max(1, int(horizon_weeks)), start=start)


# --------------------------------------------------------------------------- forecast, demand


@dataclass(frozen=True, eq=False)
class SeriesInputs:
    """Everything one series' forecast reads from the store, so it can run anywhere (a worker
    process, a Dask worker) without a connection.

    Attributes
    ----------
    channel, queue : str
        The series.
    horizon_days : int
        Days forecast after the history. [days]
    country : str or None
        Holiday calendar (``country``).
    history : pandas.DataFrame
        ``ds, y`` of the series (``series_history``).
    events : pandas.DataFrame
        The centre's event calendar (``kcc.store.read_events``).
    holiday_treatments : dict
        ``kcc.plan.holiday_treatments`` of the stored settings.
    profile : IntradayProfile or None
        The centre's intraday profile (``intraday_profile``) for series of period totals.
    """

    channel: str
    queue: str
    horizon_days: int
    country: str | None
    history: pd.DataFrame
    events: pd.DataFrame
    holiday_treatments: Mapping[str, float]
    profile: forecast.IntradayProfile | None


def series_inputs(con: store.Connection, channel: str, queue: str, horizon_days: int,
                  country_: str | None) -> SeriesInputs:
    """What ``forecast_inputs`` needs of one series, read from the store."""
    history = series_history(con, channel, queue)
    return SeriesInputs(channel=channel, queue=queue, horizon_days=int(horizon_days),
                        country=country_, history=history, events=store.read_events(con),
                        holiday_treatments=plan.holiday_treatments(store.read_settings(con)),
                        profile=intraday_profile(con))


def forecast_inputs(inputs: SeriesInputs) -> pd.DataFrame:
    """``kcc.forecast.forecast`` of one series with its events and holiday treatments,
    labelled with it; a series of day, week or month totals is spread over intervals with the
    centre's intraday profile. Pure: the same inputs give the same frame in any process.

    Raises
    ------
    ValueError
        When the series holds period totals and the centre has chosen no intraday profile.
    """
    channel, queue = inputs.channel, inputs.queue
    with ignoring():  # a short history falls back to the seasonal naive; the Forecast page explains it
        out = forecast.forecast(inputs.history, inputs.horizon_days, events=inputs.events,
                                country=inputs.country, channel=channel,
                                holiday_treatments=dict(inputs.holiday_treatments))
    if out.attrs.get("interval_min", 0) >= config.DAY_MIN:
        # a daily forecast of day, week or month totals, spread over the chosen profile
        if inputs.profile is None:
            raise ValueError(f"series {channel}/{queue} holds totals per period and the centre "
                             "has chosen no intraday profile")
        out = forecast.spread_days(out, inputs.profile)
    out = out.assign(channel=channel, queue=queue)
    out.attrs = {}
    return out


def forecast_series(con: store.Connection, channel: str, queue: str, horizon_days: int,
                    country_: str | None) -> pd.DataFrame:
    """``forecast_inputs`` of one series read from ``con`` (``series_inputs``)."""
    return forecast_inputs(series_inputs(con, channel, queue, horizon_days, country_))


def forecast_demand(history: pd.DataFrame, span: plan.PlanHorizon | None,
                    forecast_one: Callable[[str, str, int], pd.DataFrame]) -> pd.DataFrame:
    """The demand the plan staffs: every series' forecast over the horizon.

    Parameters
    ----------
    history : pandas.DataFrame
        Recent history (``recent_history``) for the handle times.
    span : PlanHorizon or None
        ``horizon``; None gives an empty frame.
    forecast_one : callable
        ``(channel, queue, horizon_days) -> frame``, e.g. ``forecast_series`` bound to a
        connection (the app passes its cached version).

    Returns
    -------
    pandas.DataFrame
        ``kcc.plan.DEMAND_COLUMNS`` within the horizon.
    """
    parts = [] if span is None else [forecast_one(c, q, days) for c, q, days in span.forecast_days]
    if span is None or not parts:
        return pd.DataFrame(columns=list(plan.DEMAND_COLUMNS))
    demand = plan.demand_from_forecast(history, pd.concat(parts, ignore_index=True))
    return plan.within_horizon(demand, span)


# --------------------------------------------------------------------------- roster


def roster_span(demand: pd.DataFrame) -> tuple[date, date, int]:
    """First day, the day after the last (local) and the interval of ``demand``. [min]"""
    local = demand["ds"].dt.tz_localize(None)
    return (local.min().date(), local.max().date() + timedelta(days=1),
            int(demand["interval_min"].min()))


def read_roster(con: store.Connection, source: str, start: date, end: date,
                interval_min: int) -> pd.DataFrame:
    """Rostered agents per channel and interval from ``source`` (``ROSTER_COLUMNS``)."""
    if source == "shifts":
        shifts = store.read_shifts(con)
        if shifts.empty:
            return pd.DataFrame(columns=list(ROSTER_COLUMNS))
        return roster.expand_shifts(shifts, start, end, interval_min, store.timezone_of(con))
    return store.read_roster(con, start=start, end=end)


def roster_for(con: store.Connection, demand: pd.DataFrame,
               source: str = "roster") -> pd.DataFrame:
    """The roster over the days of ``demand`` (``ROSTER_COLUMNS``)."""
    if demand.empty:
        return pd.DataFrame(columns=list(ROSTER_COLUMNS))
    return read_roster(con, source, *roster_span(demand))


# --------------------------------------------------------------------------- plan


def channel_plan(demand: pd.DataFrame, roster_: pd.DataFrame, channel: str,
                 settings: plan.PlanSettings, open_hours: Any,
                 start_backlog: Mapping[str, float] | None = None) -> pd.DataFrame:
    """``kcc.plan.build_plan`` of one channel's demand and roster (``start_backlog``: the
    estimated items waiting at the start per deferred channel)."""
    return plan.build_plan(demand[demand["channel"] == channel],
                           roster_[roster_["channel"] == channel], settings, open_hours=open_hours,
                           start_backlog=start_backlog)


def start_backlog(history: pd.DataFrame, open_hours: Any) -> dict[str, float]:
    """Estimated items waiting at the plan's start per deferred channel
    (``kcc.plan.start_backlog_estimate``)."""
    return {c: b.items for c, b in plan.start_backlog_estimate(history, open_hours).items()}


def interval_plan(demand: pd.DataFrame, settings: plan.PlanSettings,
                  plan_channel: Callable[[str, plan.PlanSettings], pd.DataFrame]) -> pd.DataFrame:
    """The priced interval plan, one channel at a time.

    Parameters
    ----------
    demand : pandas.DataFrame
        ``forecast_demand``.
    settings : PlanSettings
        The full settings (costs included).
    plan_channel : callable
        ``(channel, staffing_settings(settings, channel)) -> frame``, e.g. ``channel_plan``
        bound to the demand and roster (the app passes its cached version).

    Returns
    -------
    pandas.DataFrame
        ``kcc.plan.PLAN_COLUMNS`` with costs (``kcc.plan.with_costs``).
    """
    if demand.empty:
        core = pd.DataFrame(columns=list(plan.PLAN_COLUMNS))
    else:
        parts = [plan_channel(str(c), staffing_settings(settings, str(c)))
                 for c in plan.channel_order(demand["channel"].unique())]
        core = pd.concat(parts, ignore_index=True)
    return plan.with_costs(core, settings)


@dataclass(frozen=True, eq=False)
class PlanRun:
    """One run of the pipeline and what it was made of.

    Attributes
    ----------
    stored : dict
        Every stored setting by key.
    history : pandas.DataFrame
        Recent history (``recent_history``).
    settings : PlanSettings
        The settings planned with.
    horizon : PlanHorizon or None
        The plan's days; None without history.
    demand, roster, plan : pandas.DataFrame
        Forecast demand, roster over its days and the priced interval plan.
    """

    stored: dict[str, Any]
    history: pd.DataFrame
    settings: plan.PlanSettings
    horizon: plan.PlanHorizon | None
    demand: pd.DataFrame
    roster: pd.DataFrame
    plan: pd.DataFrame


def run_plan(con: store.Connection, settings: plan.PlanSettings | None = None, *,
             horizon_weeks: int = DEFAULT_HORIZON_WEEKS, roster_source: str = "roster",
             start: date | None = None) -> PlanRun:
    """Store -> forecast -> demand -> roster -> plan of one centre, uncached.

    Parameters
    ----------
    con : store.Connection
        Store connection, bound to the centre (``kcc.store.for_centre``; unbound: the demo).
    settings : PlanSettings, optional
        Default: the stored settings with the phone patience estimated from history
        (``kcc.plan.default_settings``).
    horizon_weeks : int
        Weeks after the history. [weeks]
    roster_source : str
        One of ``ROSTER_SOURCES``.
    start : date, optional
        First day of the plan; default the day after the centre's newest history.
    """
    stored = store.read_settings(con)
    history = recent_history(con)
    settings = settings or plan.default_settings(stored, history)
    span = horizon(store.series_summary(con), horizon_weeks, start,
                   long_range=profile_choice(stored) is not None)
    where = country(stored)
    demand = forecast_demand(history, span,
                             lambda c, q, days: forecast_series(con, c, q, days, where))
    roster_ = roster_for(con, demand, roster_source)
    hours = plan.service_hours(stored)
    waiting = start_backlog(history, hours)
    the_plan = interval_plan(demand, settings,
                             lambda c, narrow: channel_plan(demand, roster_, c, narrow, hours, waiting))
    return PlanRun(stored, history, settings, span, demand, roster_, the_plan)


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True, eq=False)
class Baseline:
    """What every scenario is applied to.

    Attributes
    ----------
    demand : pandas.DataFrame
        Forecast demand frame of the period (``channel, queue, ds, interval_min, volume,
        volume_hi, aht_s, closed_attempts``).
    roster : pandas.DataFrame
        ``channel, ds, interval_min, agents`` over the same days (the plan's roster source).
    opening_hours, working_hours : tuple of ChannelHours
        From the stored settings (``opening_hours``, ``working_hours``); without stored
        opening hours, those the demand shows (``kcc.scenarios.infer_opening_hours``).
    start, end : date
        First and last day. [local dates, inclusive]
    weeks : int
        Length of the period. [weeks]
    key : tuple
        Hashable identity (the plan's key and the period) for the caches.
    holidays_country : str
        Deferred work is closed on this country's public holidays.
    start_backlog : mapping
        Items waiting per deferred channel at the period's start.
    closed_days : tuple of str
        ISO dates the user marked closed (``kcc.plan.closed_days``); deferred work waits too.
    """

    demand: pd.DataFrame
    roster: pd.DataFrame
    opening_hours: tuple[ChannelHours, ...]
    working_hours: tuple[ChannelHours, ...]
    start: date
    end: date
    weeks: int
    key: tuple[Any, ...]
    holidays_country: str = ""
    start_backlog: Mapping[str, float] = dataclasses.field(default_factory=dict)
    closed_days: tuple[str, ...] = ()


def scenario_baseline(demand: pd.DataFrame, roster_: pd.DataFrame, history: pd.DataFrame,
                      stored: Mapping[str, Any], weeks: int,
                      key: Any = None) -> Baseline | None:
    """The first ``weeks`` weeks of the plan's demand and roster, with the contacts expected
    while a channel is closed (``kcc.scenarios.forecast_closed_attempts``); None without demand.

    Parameters
    ----------
    demand, roster_ : pandas.DataFrame
        The plan's demand and roster (``forecast_demand``, ``roster_for``).
    history : pandas.DataFrame
        Recent history (``recent_history``).
    stored : mapping
        Stored settings (opening and working hours).
    weeks : int
        Length of the period. [weeks]
    key : hashable, optional
        The plan's key; ``Baseline.key`` is ``(key, weeks)``.
    """
    if demand.empty:
        return None
    local = demand["ds"].dt.tz_localize(None)
    first = local.min().normalize()
    end = first + pd.Timedelta(weeks=weeks)
    keep = (local >= first) & (local < end)
    period = forecast_closed_attempts(history, demand[keep].reset_index(drop=True))
    last_day = local[keep].max().date()
    if len(roster_):
        times = roster_["ds"]
        roster_local = times.dt.tz_localize(None) if times.dt.tz is not None else times
        roster_ = roster_[(roster_local >= first) & (roster_local < end)].reset_index(drop=True)
    return Baseline(
        demand=period,
        roster=roster_,
        # a centre with no stored hours (a new one) is open when its history had contacts, as
        # the scenarios assume anyway; named here, the Opening hours lever can extend them
        opening_hours=hours_from_setting(stored.get("opening_hours")) or infer_opening_hours(period),
        working_hours=hours_from_setting(stored.get("working_hours")),
        start=first.date(),
        end=last_day,
        weeks=int(weeks),
        key=(key, int(weeks)),
        # as the Staffing page's plan: deferred work is closed on public holidays and starts
        # with the items waiting at the plan's start
        holidays_country=country(stored) or "",
        start_backlog=start_backlog(history, plan.service_hours(stored)),
        # the holidays the user marked closed close deferred work too, as on the Staffing page
        closed_days=plan.closed_days(stored),
    )


def evaluate(base: Baseline, settings: plan.PlanSettings, spec: ScenarioSpec,
             name: str = "") -> ScenarioResult:
    """``kcc.scenarios.evaluate_scenario`` of ``spec`` on the baseline, named ``name``."""
    result = evaluate_scenario(base.demand, base.roster, _with_start_backlog(settings, base), spec,
                               opening_hours=base.opening_hours or None,
                               working_hours=base.working_hours, holidays_country=base.holidays_country,
                               closed_days=base.closed_days)
    return dataclasses.replace(result, name=name)


def frontier(base: Baseline, settings: plan.PlanSettings, spec: ScenarioSpec,
             channel: str) -> pd.DataFrame:
    """``kcc.scenarios.sl_frontier`` of one channel on the baseline."""
    return sl_frontier(base.demand, base.roster, _with_start_backlog(settings, base), channel, spec=spec,
                       opening_hours=base.opening_hours or None, working_hours=base.working_hours,
                       holidays_country=base.holidays_country, closed_days=base.closed_days)


def _with_start_backlog(settings: plan.PlanSettings, base: Baseline) -> plan.PlanSettings:
    """``settings`` with the estimated start backlog of each deferred channel whose targets do
    not set one (a set value wins, as on the Staffing page)."""
    for channel, items in sorted(base.start_backlog.items()):
        if settings.targets_for(channel).start_backlog_items is None:
            settings = settings.with_targets(channel, start_backlog_items=float(items))
    return settings


# --------------------------------------------------------------------------- board summary


def stress_test(uplift_pct: float, duration_h: float, flex_agents: int) -> SurgeTest:
    """The Export page's stress test from its inputs (``DEFAULT_STRESS`` at their defaults).

    Parameters
    ----------
    uplift_pct : float
        Extra volume during the surge. [%]
    duration_h : float
        Length of the surge. [h]
    flex_agents : int
        Agents who can join from home.
    """
    return SurgeTest(uplift=uplift_pct / 100.0, duration_min=int(duration_h) * 60,
                     home_agents=int(flex_agents))


def summary_spec(spec: ScenarioSpec, stress: SurgeTest = DEFAULT_STRESS) -> ScenarioSpec:
    """``spec`` as the board summary evaluates it: a spec without its own stress test gets
    ``stress``."""
    return spec if spec.surge is not None else dataclasses.replace(spec, surge=stress)


def board_summary(base: Baseline, baseline: ScenarioResult, scenario: ScenarioResult,
                  settings: plan.PlanSettings, **wording: Any) -> report.StrategySummary:
    """``kcc.report.build_summary`` of ``scenario`` against ``baseline`` (both evaluated on
    ``base`` from ``summary_spec``) with the baseline's opening hours.

    Parameters
    ----------
    wording
        ``language``, ``role``, ``role_text``, ``texts``, ``title``, ``prepared_by``,
        ``prepared_on``, ``simulation`` (a check of the exported plan by
        ``kcc.simulation.simulate_plan``), ``strategy``, ``centre_name`` and ``logo`` as
        ``kcc.report.build_summary`` takes them.
    """
    return report.build_summary(baseline, scenario, settings,
                                opening_hours=base.opening_hours or None, **wording)
