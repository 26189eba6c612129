"""The interval plan: requirement, roster, gap, achieved KPIs and cost per channel and interval."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from kcc import staffing, store
from kcc.events import holiday_dates
from kcc.memo import Memo, digest
from kcc.plan.frames import EPS, PlanError, interval_min_of, local_naive
from kcc.plan.models import achieve, require
from kcc.plan.roster_align import align_roster
from kcc.plan.settings import PlanSettings, channel_model
from kcc.targets import DEFERRED_CHANNELS, ChannelTargets

#: Key of a channel's week in the service hours that names the holiday calendar (a country
#: code) whose public holidays are closed time for its deferred work (``service_hours``).
HOLIDAYS_KEY: Final[str] = "holidays"
#: Key of a deferred channel's week in the service hours listing the local dates (ISO) the
#: centre marked closed (setting ``holiday_treatments``, share 0): closed time for its work.
CLOSED_DAYS_KEY: Final[str] = "closed_days"

#: Columns of the plan frame (``build_plan``).
PLAN_COLUMNS: Final[tuple[str, ...]] = (
    "channel",
    "ds",
    "interval_min",
    "model",
    "volume",
    "volume_hi",
    "aht_s",
    "required",
    "required_p90",
    "required_scheduled",
    "required_scheduled_p90",
    "rostered",
    "available",
    "gap",
    "service_level",
    "asa_s",
    "p_abandon",
    "occupancy",
    "cost_required_eur",
    "cost_rostered_eur",
    "approximate",
)


def _per_channel_demand(demand: pd.DataFrame) -> pd.DataFrame:
    """Sum the queues of each channel; handle time weighted by volume."""
    missing = [c for c in ("channel", "ds", "volume", "aht_s") if c not in demand]
    if missing:
        raise PlanError(f"demand frame lacks column(s): {', '.join(missing)}")
    frame = demand.copy()
    if "volume_hi" not in frame:
        frame["volume_hi"] = frame["volume"]
    if "interval_min" not in frame:
        frame["interval_min"] = interval_min_of(frame)
    frame["w"] = frame["volume"].astype(float).clip(lower=0) + EPS
    frame["wa"] = frame["w"] * frame["aht_s"].astype(float)
    out = frame.groupby(["channel", "ds"], as_index=False, sort=True).agg(
        interval_min=("interval_min", "max"),
        volume=("volume", "sum"),
        volume_hi=("volume_hi", "sum"),
        w=("w", "sum"),
        wa=("wa", "sum"),
    )
    out["aht_s"] = out["wa"] / out["w"]
    out["interval_min"] = out["interval_min"].astype("int64")
    return out.drop(columns=["w", "wa"])


def _scheduled(required: np.ndarray, shrinkage: float) -> np.ndarray:
    """Agents to pay for so that ``required`` remain after shrinkage: n / (1 - s), not rounded."""
    return staffing.paid_agents(np.clip(required, 0.0, None), shrinkage)


def _whole_if_near(agents: np.ndarray) -> np.ndarray:
    """Agents within 1e-6 of a whole number made whole: a roster of the paid requirement
    ``n / (1 - s)`` comes back through the coverage integral as ``n`` up to float noise, and
    the queueing maths, which counts whole agents, must not lose one to it."""
    whole = np.round(agents)
    return np.where(np.abs(agents - whole) < 1e-6, whole, agents)


def _at_least(need: np.ndarray, minimum: float, mask: np.ndarray) -> np.ndarray:
    """``need`` raised to the channel's minimum staffing in its open intervals."""
    return np.where(mask, np.maximum(need, minimum), need) if minimum > 0 else need


#: Plan columns the staffing of each channel fills (``_staff_channel``).
_STAFFING_COLUMNS: Final[tuple[str, ...]] = (
    "required", "required_p90", "required_scheduled", "required_scheduled_p90", "available",
    "service_level", "asa_s", "p_abandon", "occupancy",
)


@dataclass(frozen=True)
class _ChannelStaffing:
    """One channel's staffing: its model, ``_STAFFING_COLUMNS`` values and approximate flags."""

    model: str
    columns: dict[str, np.ndarray]
    approximate: np.ndarray


#: Channel staffings by the digest of their inputs (``kcc.memo``): a scenario's baseline
#: and the channels its levers leave alone are staffed once.
STAFFING_MEMO: Final[Memo[_ChannelStaffing]] = Memo()


def _staff_channel(channel: str, rows: pd.DataFrame, settings: PlanSettings,
                   mask: np.ndarray, start_backlog: Mapping[str, float]) -> _ChannelStaffing:
    """Requirement (P50 and upper bound), scheduled agents and achieved KPIs of one channel.

    ``rows`` are the channel's per-channel demand rows with ``rostered``; ``mask`` says which
    of them are inside the channel's service hours; ``start_backlog`` the estimated items
    waiting at the start where the targets set none. Remembered by the content of exactly
    these inputs (``STAFFING_MEMO``).
    """
    targets = settings.targets_for(channel)
    waiting = targets.start_backlog_items
    held = float(waiting if waiting is not None else start_backlog.get(channel, 0.0))
    model = channel_model(channel, targets)
    shrink = settings.shrinkage_for(channel) if model != "none" else 0.0
    minimum = settings.min_agents_for(channel) if model != "none" else 0.0
    key = digest((channel, model, targets, shrink, minimum, held, mask, rows["ds"],
                  *(rows[c] for c in ("volume", "volume_hi", "aht_s", "interval_min", "rostered"))))
    return STAFFING_MEMO.get(key, lambda: _staffed(model, targets, shrink, minimum, held, rows, mask))


def _staffed(model: str, targets: ChannelTargets, shrink: float, minimum: float, held: float,
             rows: pd.DataFrame, mask: np.ndarray) -> _ChannelStaffing:
    """``_staff_channel`` computed; its arrays are read-only, as the memo shares them."""
    volume = rows["volume"].to_numpy(float)
    volume_hi = rows["volume_hi"].to_numpy(float)
    aht = rows["aht_s"].to_numpy(float)
    interval_s = rows["interval_min"].to_numpy(float) * 60.0
    ds = rows["ds"]
    need_p50 = require(model, targets, volume, aht, interval_s, ds, mask, start_backlog_items=held)
    need_p90 = require(model, targets, volume_hi, aht, interval_s, ds, mask, start_backlog_items=held)
    need = _at_least(need_p50.agents, minimum, mask)
    need_hi = np.maximum(_at_least(need_p90.agents, minimum, mask), need)
    rostered = rows["rostered"].to_numpy(float)
    available = _whole_if_near(rostered * (1.0 - shrink))
    kpis = achieve(model, targets, volume, aht, interval_s, available, ds, mask,
                   start_backlog_items=held)
    columns = {
        "required": need,
        "required_p90": need_hi,
        "required_scheduled": _scheduled(need, shrink),
        "required_scheduled_p90": _scheduled(need_hi, shrink),
        "available": available,
        "service_level": kpis.service_level,
        "asa_s": kpis.asa_s,
        "p_abandon": kpis.p_abandon,
        "occupancy": kpis.occupancy,
    }
    approximate = need_p50.approximate | need_p90.approximate | kpis.approximate
    for values in (*columns.values(), approximate):
        values.setflags(write=False)
    return _ChannelStaffing(model, columns, approximate)


def build_plan(
    demand: pd.DataFrame,
    roster: pd.DataFrame | None,
    settings: PlanSettings,
    *,
    open_hours: Mapping[str, Any] | None = None,
    start_backlog: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The interval plan: requirement, roster, gap, achieved KPIs and cost per channel.

    Parameters
    ----------
    demand : pandas.DataFrame
        Demand frame (``demand_from_forecast``): ``channel, ds, volume, aht_s`` and optionally
        ``queue, interval_min, volume_hi``. Queues of a channel are added up.
    roster : pandas.DataFrame or None
        ``channel, ds, interval_min, agents``; aligned to the demand intervals
        (``align_roster``).
    settings : PlanSettings
        Targets, shrinkage, cost per channel.
    open_hours : mapping, optional
        Per channel the hours deferred work is picked up (``service_hours``): weekday
        ``"0"`` (Monday) .. ``"6"`` -> ``[open, close]`` local ``"HH:MM"`` or None (closed).
        The backlog model works, and counts its response time, only in those hours. Channels
        without an entry are open wherever the forecast has volume. A week's ``"holidays"``
        entry (a country code) closes that calendar's public holidays for deferred channels.
    start_backlog : mapping of str to float, optional
        Per deferred channel the items waiting when the plan starts where its targets set no
        ``start_backlog_items`` (``start_backlog_estimate``); default none. [items]

    Returns
    -------
    pandas.DataFrame
        ``PLAN_COLUMNS``, one row per channel and interval, sorted by channel and ``ds``:

        - ``required`` / ``required_p90``: agents needed for the P50 / the P90 of the
          forecast (``volume_hi``), before shrinkage, at least the channel's minimum staffing
          in open intervals (``PlanSettings.min_agents``) [agents];
        - ``required_scheduled`` / ``required_scheduled_p90``: paid agents ``required / (1 -
          shrinkage)``, not rounded, so their hours are exactly the requirement's hours
          grossed up for shrinkage (``kcc.staffing.paid_agents``; show a head count with
          ``kcc.staffing.head_count``) [agents];
        - ``rostered``: agents on the roster; ``available = rostered * (1 - shrinkage)``
          [agents];
        - ``gap = rostered - required_scheduled``; negative means short [agents];
        - ``service_level, asa_s, p_abandon, occupancy``: achieved with the roster as it is
          (NaN where there is no volume; ``service_level`` and ``asa_s`` of the backlog model
          are measured against the response time);
        - ``cost_required_eur`` / ``cost_rostered_eur``: agent hours x loaded cost [EUR];
        - ``approximate``: the queueing maths left its exact range in this interval (a load
          or staffing above ``kcc.config.MAX_EXACT_AGENTS``): the numbers are finite and
          monotone but approximate.

    Raises
    ------
    PlanError
        When the demand frame lacks a column.
    """
    return build_plans(demand, roster, (settings,), open_hours=open_hours, start_backlog=start_backlog)[0]


def build_plans(
    demand: pd.DataFrame,
    roster: pd.DataFrame | None,
    settings: Sequence[PlanSettings],
    *,
    open_hours: Mapping[str, Any] | None = None,
    start_backlog: Mapping[str, float] | None = None,
) -> list[pd.DataFrame]:
    """``build_plan`` for each of ``settings`` on one demand, roster and service hours: the
    queues are summed, the roster aligned and the hours masked once (a service-level frontier
    staffs a channel at seven targets; each plan is the one ``build_plan`` gives)."""
    per = _per_channel_demand(demand)
    per["rostered"] = align_roster(per, roster) if roster is not None else 0.0
    is_open = open_mask(per, open_hours or {})
    return [_plan_of(per, is_open, one, start_backlog or {}) for one in settings]


def _plan_of(per: pd.DataFrame, is_open: np.ndarray, settings: PlanSettings,
             start_backlog: Mapping[str, float]) -> pd.DataFrame:
    """The plan of the per-channel demand ``per`` (with ``rostered``) for ``settings``;
    ``per`` itself is left as it is."""
    n = len(per)
    cols: dict[str, np.ndarray] = {name: np.full(n, np.nan) for name in _STAFFING_COLUMNS}
    model_col = np.empty(n, dtype=object)
    approx_col = np.zeros(n, dtype=bool)
    for channel, index in per.groupby("channel", sort=False).indices.items():
        staffed = _staff_channel(str(channel), per.iloc[index], settings, is_open[index], start_backlog)
        for name, values in staffed.columns.items():
            cols[name][index] = values
        model_col[index] = staffed.model
        approx_col[index] = staffed.approximate
    out = per.assign(model=model_col, approximate=approx_col, **cols)
    out["gap"] = out["rostered"] - out["required_scheduled"]
    out = with_costs(out, settings)
    return out[list(PLAN_COLUMNS)].reset_index(drop=True)


def with_costs(plan: pd.DataFrame, settings: PlanSettings) -> pd.DataFrame:
    """The plan priced with ``settings``' hourly costs (a copy; nothing else changes).

    ``cost_required_eur = required_scheduled x hours x cost`` and ``cost_rostered_eur =
    rostered x hours x cost`` per interval [EUR] (``kcc.staffing.agent_hours`` and
    ``labour_cost_eur``). Costs do not change the queueing maths, so a
    cached plan can be re-priced without staffing it again. ``attrs["settings"]`` is set to
    ``settings``.
    """
    out = plan.copy()
    interval_min = out["interval_min"].to_numpy(float)
    # each row's rate through its channel's code: mapping the text column row by row costs
    # ten times as much (pandas' text columns turn into Python strings on the way)
    codes, channels = pd.factorize(out["channel"], use_na_sentinel=False)
    rate = np.array([settings.cost_for(c) for c in channels], dtype=float)[codes]
    for cost, agents in (("cost_required_eur", "required_scheduled"), ("cost_rostered_eur", "rostered")):
        hours = staffing.agent_hours(out[agents].to_numpy(float), interval_min)
        out[cost] = staffing.labour_cost_eur(hours, rate)
    out.attrs["settings"] = settings
    return out


def service_hours(con_settings: Mapping[str, Any]) -> dict[str, Any]:
    """Hours each channel works its contacts, from the stored settings.

    ``working_hours`` (when deferred work is picked up, e.g. e-mail in office hours) wins over
    ``opening_hours`` (when contacts are accepted). Each is channel -> weekday ``"0"`` ..
    ``"6"`` -> ``[open, close]`` or None. Deferred channels (``DEFERRED_CHANNELS``) also get
    ``HOLIDAYS_KEY`` -> the stored ``country`` (default NL; none when blank): nobody picks
    up e-mail on a public holiday.
    """
    out: dict[str, Any] = {}
    for key in ("opening_hours", "working_hours"):
        value = con_settings.get(key)
        if isinstance(value, Mapping):
            out.update({str(c): dict(v) for c, v in value.items() if isinstance(v, Mapping)})
    country = str(con_settings.get("country", "NL") or "").strip()
    if country:
        for channel in sorted(DEFERRED_CHANNELS):
            out[channel] = {**out.get(channel, {}), HOLIDAYS_KEY: country}
    closed = closed_days(con_settings)
    if closed:
        for channel in sorted(DEFERRED_CHANNELS):
            out[channel] = {**out.get(channel, {}), CLOSED_DAYS_KEY: list(closed)}
    return out


def holiday_treatments(con_settings: Mapping[str, Any]) -> dict[str, float]:
    """The days the user treated (setting ``kcc.store.HOLIDAY_TREATMENTS_KEY``): ISO date -> share
    of a normal day, 0 for closed; what the forecasts apply (``kcc.forecast.forecast``)."""
    value = con_settings.get(store.HOLIDAY_TREATMENTS_KEY)
    if not isinstance(value, Mapping):
        return {}
    return {str(day): float(share) for day, share in sorted(value.items())}


def closed_days(con_settings: Mapping[str, Any]) -> tuple[str, ...]:
    """ISO dates the user marked closed (share 0)."""
    return tuple(day for day, share in holiday_treatments(con_settings).items() if share == 0)


def _minute_of(text: str) -> int:
    hour, minute = str(text).split(":")[:2]
    return int(hour) * 60 + int(minute)


def _holidays(country: str, local: pd.Series) -> np.ndarray:
    """Whether each local time falls on a public holiday of ``country``."""
    days = local.dt.normalize()
    years = range(int(days.min().year), int(days.max().year) + 1)
    listed = holiday_dates(country, years)["date"].to_numpy("datetime64[ns]")
    return np.isin(days.to_numpy("datetime64[ns]"), listed)


def open_mask(per: pd.DataFrame, open_hours: Mapping[str, Any]) -> np.ndarray:
    """Whether each channel row (``channel, ds, volume, volume_hi``) is inside its service
    hours (see ``build_plan``): open hours where the channel has them, else where it has volume."""
    has_volume = (per["volume"].to_numpy(float) > 0) | (per["volume_hi"].to_numpy(float) > 0)
    mask = has_volume.copy()
    if per.empty:
        return mask
    local = local_naive(per["ds"])
    weekday = local.dt.day_of_week.to_numpy()
    minute = (local.dt.hour * 60 + local.dt.minute).to_numpy()
    channels = per["channel"].to_numpy()
    for channel, week in open_hours.items():
        pick = channels == channel
        if not pick.any():
            continue
        if not isinstance(week, Mapping):
            mask[pick] = False
            continue
        inside = has_volume.copy()
        if any(str(day) in week for day in range(7)):
            inside = np.zeros(len(per), dtype=bool)
            for day in range(7):
                hours = week.get(str(day))
                if not hours:
                    continue
                start, end = _minute_of(hours[0]), _minute_of(hours[1])
                inside |= (weekday == day) & (minute >= start) & (minute < end)
        country = week.get(HOLIDAYS_KEY)
        if country and channel in DEFERRED_CHANNELS:
            inside[pick] &= ~_holidays(str(country), local[pick])
        closed = week.get(CLOSED_DAYS_KEY)
        if closed and channel in DEFERRED_CHANNELS:
            days = local[pick].dt.normalize().to_numpy("datetime64[ns]")
            inside[pick] &= ~np.isin(days, pd.DatetimeIndex(list(closed)).to_numpy("datetime64[ns]"))
        mask[pick] = inside[pick]
    return mask


def service_open(plan: pd.DataFrame, open_hours: Mapping[str, Any] | None) -> np.ndarray:
    """Whether each row of a plan (or per-channel demand) frame lies in its channel's service
    hours, as ``build_plan`` staffs deferred work (``open_hours`` as there; a channel without
    an entry is open wherever it has volume). ``kcc.simulation`` works the backlog in these
    intervals."""
    return open_mask(plan, open_hours or {})
