"""Demand on the scenario's time grid: closed-hours attempts ahead (from history), the
channel x interval grid and how closed hours reshape it (callbacks, moves, losses)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from kcc import checks, config, plan
from kcc.scenarios.spec import ChannelHours, ClosedHoursBehaviour
from kcc.scenarios.validation import MINUTES_PER_DAY, WEEKDAYS

#: Channels handled without agents.
NO_AGENT_CHANNELS: Final[frozenset[str]] = frozenset({"self_service"})


#: Weeks of history the closed-hours profile of a forecast is learned from. [weeks]
CLOSED_PROFILE_WEEKS: Final[int] = 8


def _closed_profile(history: pd.DataFrame, keys: list[str], weeks: int) -> tuple[pd.DataFrame, pd.Series]:
    """Per series and weekday: the mean closed-hours attempts per time of day and the mean
    recorded volume of a day, over the last ``weeks`` weeks (public holidays left out).

    Returns
    -------
    profile : pandas.DataFrame
        ``closed`` [contacts per day] by ``keys, weekday, minute``.
    level : pandas.Series
        Mean recorded volume of a day by ``keys, weekday``. [contacts]
    """
    hist = history[[*keys, "ds", "offered", "closed_attempts"]].copy()
    last = hist.groupby(keys)["ds"].transform("max")
    hist = hist[hist["ds"] > last - pd.Timedelta(weeks=weeks)]
    local = hist["ds"].dt.tz_localize(None) if hist["ds"].dt.tz is not None else hist["ds"]
    hist = hist.assign(
        day=local.dt.normalize(), weekday=local.dt.day_of_week.astype("int64"),
        minute=(local.dt.hour * 60 + local.dt.minute).astype("int64"),
        offered=hist["offered"].astype(float).fillna(0.0),
        closed_attempts=hist["closed_attempts"].astype(float).fillna(0.0),
    )
    days = hist.groupby([*keys, "day"], as_index=False).agg(
        weekday=("weekday", "first"), offered=("offered", "sum"), closed=("closed_attempts", "sum"))
    typical = days.groupby([*keys, "weekday"])["offered"].transform("median")
    days = days[~((days["offered"] <= 0) & (typical > 0))]  # holidays: closed although normally open
    hist = hist.merge(days[[*keys, "day"]], on=[*keys, "day"], how="inner")
    n_days = days.groupby([*keys, "weekday"]).size().rename("n_days")
    profile = (hist.groupby([*keys, "weekday", "minute"])["closed_attempts"].sum().to_frame("closed")
               .join(n_days, on=[*keys, "weekday"]))
    profile["closed"] = profile["closed"] / profile["n_days"]
    level = days.groupby([*keys, "weekday"])["offered"].mean().rename("level")
    return profile, level


def forecast_closed_attempts(
    history: pd.DataFrame, demand: pd.DataFrame, *, weeks: int = CLOSED_PROFILE_WEEKS
) -> pd.DataFrame:
    """Contacts that will be attempted while a channel is closed, for a forecast demand frame.

    Per series (channel and queue), weekday and time of day: the mean ``closed_attempts`` of
    the same weekday over the last ``weeks`` weeks of history, scaled to the forecast level by
    ``forecast volume of the day / mean recorded volume of that weekday``. A weekday the
    channel is closed all day (no recorded volume, e.g. phone on Sunday) is scaled by the
    series' overall ratio (forecast / recorded volume of a mean week, each weekday counted
    once). Days a
    channel was closed all day although that weekday normally has volume (public holidays) are
    left out of the profile.

    Parameters
    ----------
    history : pandas.DataFrame
        Volume-contract frame (``kcc.store.read_intervals``): ``channel, ds, offered`` and
        ``closed_attempts`` (missing means none), optionally ``queue``.
    demand : pandas.DataFrame
        Demand frame (``kcc.plan.demand_from_forecast``): ``channel, ds, volume``, optionally
        ``queue``.
    weeks : int, default 8
        Weeks of history per series. [weeks]

    Returns
    -------
    pandas.DataFrame
        A copy of ``demand`` with ``closed_attempts`` [contacts] per row (0 where the history
        records none).

    Raises
    ------
    ValueError
        When ``weeks`` is not a whole number from 1 to 104.
    """
    weeks = checks.whole_number("weeks", weeks, 1, 104, unit="weeks")
    out = demand.copy()
    out["closed_attempts"] = 0.0
    if history.empty or demand.empty or "closed_attempts" not in history:
        return out
    keys = [k for k in ("channel", "queue") if k in history and k in demand]
    profile, level = _closed_profile(history, keys, weeks)

    local = out["ds"].dt.tz_localize(None) if out["ds"].dt.tz is not None else out["ds"]
    frame = out[keys].assign(
        day=local.dt.normalize().to_numpy(), weekday=local.dt.day_of_week.astype("int64").to_numpy(),
        minute=(local.dt.hour * 60 + local.dt.minute).astype("int64").to_numpy(),
        volume=out["volume"].astype(float).clip(lower=0).fillna(0.0).to_numpy(),
    )
    day_volume = frame.groupby([*keys, "day"])["volume"].transform("sum")
    # the series' overall ratio over a balanced week: the mean forecast day of each weekday
    # against the mean recorded day of that weekday, summed over the weekdays both have
    forecast_day = frame.groupby([*keys, "day"], as_index=False).agg(
        weekday=("weekday", "first"), volume=("volume", "sum")
    )
    weekly = (forecast_day.groupby([*keys, "weekday"])["volume"].mean().rename("forecast").to_frame()
              .join(level, how="inner").groupby(keys).sum())
    overall = (weekly["forecast"] / weekly["level"].where(weekly["level"] > 0)).rename("overall")
    frame = (frame.assign(day_volume=day_volume.to_numpy())
             .join(level, on=[*keys, "weekday"]).join(overall, on=keys)
             .join(profile["closed"], on=[*keys, "weekday", "minute"]))
    with np.errstate(invalid="ignore", divide="ignore"):
        by_day = frame["day_volume"] / frame["level"].where(frame["level"] > 0)
        by_series = frame["overall"]
    ratio = by_day.fillna(by_series).fillna(0.0)
    out["closed_attempts"] = (frame["closed"].fillna(0.0) * ratio).to_numpy(float)
    return out


# --------------------------------------------------------------------------- the demand grid


@dataclass
class Grid:
    """Demand as channel x interval matrices on one shared time grid (internal)."""

    ds: pd.DatetimeIndex
    interval_min: int
    channels: list[str]
    volume: np.ndarray  # [contacts], shape (channels, intervals)
    aht_s: np.ndarray  # [s], no NaN
    closed: np.ndarray  # contacts attempted while closed [contacts]
    hi_ratio: np.ndarray  # volume_hi / volume per channel [-]
    hi: np.ndarray  # volume_hi per interval (the 80% upper forecast bound) [contacts]
    queue: str = config.DEFAULT_QUEUE

    @property
    def minute(self) -> np.ndarray:
        """Minute of the day each interval starts at. [min]"""
        return (self.ds.hour * 60 + self.ds.minute).to_numpy()

    @property
    def weekday(self) -> np.ndarray:
        """Weekday of each interval (Monday 0)."""
        return self.ds.day_of_week.to_numpy()

    @property
    def day(self) -> np.ndarray:
        """Index of the local date of each interval."""
        dates = self.ds.tz_localize(None).normalize() if self.ds.tz is not None else self.ds.normalize()
        return np.unique(dates, return_inverse=True)[1]

    def row(self, channel: str) -> int:
        """Row of ``channel``; a channel not yet on the grid is added with zero volume."""
        if channel not in self.channels:
            self.channels.append(channel)
            zeros = np.zeros((1, len(self.ds)))
            self.volume = np.vstack([self.volume, zeros])
            self.closed = np.vstack([self.closed, zeros])
            self.aht_s = np.vstack([self.aht_s, np.full((1, len(self.ds)), default_aht_s(channel))])
            self.hi_ratio = np.append(self.hi_ratio, 1.0)
            self.hi = np.vstack([self.hi, zeros])
        return self.channels.index(channel)


def default_aht_s(channel: str) -> float:
    """Handle time of ``channel`` when the data gives none (``kcc.plan.DEFAULT_AHT_S``, else 300). [s]"""
    return float(plan.DEFAULT_AHT_S.get(channel, 300.0))


def to_grid(demand: pd.DataFrame) -> Grid:
    """A demand frame (one interval length) as a :class:`Grid`; raises naming what is missing."""
    missing = [c for c in ("channel", "ds", "interval_min", "volume", "aht_s") if c not in demand]
    if missing:
        raise ValueError(f"demand frame lacks column(s): {', '.join(missing)}")
    if demand.empty:
        raise ValueError("demand frame is empty")
    lengths = demand["interval_min"].unique()
    if len(lengths) != 1:
        raise ValueError(f"demand frame mixes interval lengths {sorted(int(x) for x in lengths)} min; use one")
    frame = demand.assign(
        volume=demand["volume"].astype(float).clip(lower=0).fillna(0.0),
        closed_attempts=demand["closed_attempts"].astype(float).fillna(0.0) if "closed_attempts" in demand else 0.0,
        volume_hi=demand["volume_hi"].astype(float) if "volume_hi" in demand else demand["volume"].astype(float),
        aht_s=demand["aht_s"].astype(float),
    )
    frame["work"] = frame["volume"] * frame["aht_s"].fillna(0.0)
    frame["w"] = frame["volume"].where(frame["aht_s"].notna(), 0.0)
    ds = pd.DatetimeIndex(np.sort(frame["ds"].unique()))
    channels = sorted(
        frame["channel"].unique(),
        key=lambda c: (config.CHANNELS.index(c) if c in config.CHANNELS else 99, c),
    )
    ci = frame["channel"].map({c: i for i, c in enumerate(channels)}).to_numpy()
    ti = ds.get_indexer(pd.DatetimeIndex(frame["ds"]))
    shape = (len(channels), len(ds))

    def matrix(column: str) -> np.ndarray:
        out = np.zeros(shape)
        np.add.at(out, (ci, ti), frame[column].to_numpy(float))
        return out

    volume, closed, work, weight, hi = (matrix(c) for c in ("volume", "closed_attempts", "work", "w", "volume_hi"))
    aht = np.full(shape, np.nan)
    np.divide(work, weight, out=aht, where=weight > 0)
    # one queue per channel and interval: keep its handle time as given (bit for bit), so the
    # baseline is staffed exactly as ``kcc.plan`` staffs the same demand
    rows = np.zeros(shape)
    np.add.at(rows, (ci, ti), 1.0)
    given = np.full(shape, np.nan)
    given[ci, ti] = frame["aht_s"].to_numpy(float)
    aht = np.where((rows == 1) & np.isfinite(given), given, aht)
    for c, channel in enumerate(channels):
        mean = work[c].sum() / weight[c].sum() if weight[c].sum() > 0 else default_aht_s(channel)
        # an interval nobody was served in (closed, quiet) takes the channel's mean handle time
        aht[c] = np.where(np.isfinite(aht[c]), aht[c], mean)
    total = volume.sum(axis=1)
    hi_ratio = np.where(total > 0, hi.sum(axis=1) / np.where(total > 0, total, 1.0), 1.0)
    queue = str(frame["queue"].iloc[0]) if "queue" in frame and frame["queue"].nunique() == 1 else config.DEFAULT_QUEUE
    return Grid(ds, int(lengths[0]), list(channels), volume, aht, closed, np.maximum(hi_ratio, 1.0),
                 np.maximum(hi, volume), queue)


def _hours_table(grid: Grid, hours: Iterable[ChannelHours]) -> tuple[np.ndarray, np.ndarray]:
    """Open/close minutes per channel row and weekday; channels without hours: always open."""
    opens = np.zeros((len(grid.channels), WEEKDAYS), dtype=int)
    closes = np.full((len(grid.channels), WEEKDAYS), MINUTES_PER_DAY, dtype=int)
    for h in hours:
        if h.channel in grid.channels:
            c = grid.channels.index(h.channel)
            opens[c], closes[c] = h.open_min, h.close_min
    return opens, closes


def open_mask(grid: Grid, hours: Iterable[ChannelHours]) -> np.ndarray:
    """Bool (channels, intervals): the channel accepts contacts in that interval."""
    opens, closes = _hours_table(grid, hours)
    minute, weekday = grid.minute, grid.weekday
    mask = (minute >= opens[:, weekday]) & (minute < closes[:, weekday])
    for c, channel in enumerate(grid.channels):
        if channel in NO_AGENT_CHANNELS:
            mask[c] = True
    return mask & ~_closed_days(grid)


def _closed_days(grid: Grid) -> np.ndarray:
    """Days the record shows a channel closed all day (public holidays): no volume but
    attempts. They stay closed in every scenario."""
    day = grid.day
    n_days = day.max() + 1
    out = np.zeros(grid.volume.shape, dtype=bool)
    for c in range(len(grid.channels)):
        volume = np.bincount(day, weights=grid.volume[c], minlength=n_days)
        closed = np.bincount(day, weights=grid.closed[c], minlength=n_days)
        out[c] = ((volume <= 0) & (closed > 0))[day]
    return out


def _redial_weights(window_min: int, interval_min: int) -> np.ndarray:
    """Front-loaded share of callbacks per interval after the opening (the redial peak)."""
    k = max(1, window_min // interval_min)
    w = np.arange(k, 0, -1, dtype=float)
    return w / w.sum()


def _to_next_open(mass: np.ndarray, is_open: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, float]:
    """Move ``mass`` to the next open interval(s), spread by ``weights`` over consecutive open
    intervals. The grid wraps (a typical week repeats), so nothing falls off the end.

    Returns the moved mass per interval and the mass that found no open interval at all.
    """
    out = np.zeros_like(mass)
    idx = np.flatnonzero(is_open)
    if idx.size == 0:
        return out, float(mass.sum())
    rank = np.searchsorted(idx, np.arange(mass.size), side="left") % idx.size
    per_rank = np.bincount(rank, weights=mass, minlength=idx.size)
    for j, w in enumerate(weights):
        out[idx[(np.arange(idx.size) + j) % idx.size]] += per_rank * w
    return out, 0.0


@dataclass
class Constrained:
    """Demand after closed hours, per channel and interval (internal). [contacts]

    ``volume`` is ``reached + callbacks + digital_in``; ``lost`` never reaches an agent.
    """

    volume: np.ndarray
    reached: np.ndarray
    callbacks: np.ndarray
    digital_in: np.ndarray
    lost: np.ndarray


def constrain(grid: Grid, arrivals: np.ndarray, accept: np.ndarray, behaviour: ClosedHoursBehaviour) -> Constrained:
    """Demand meeting closed channels: call back at the next opening, move, or get lost."""
    closed = np.where(accept, 0.0, arrivals)
    reached = np.where(accept, arrivals, 0.0)
    callbacks = np.zeros_like(arrivals)
    digital_in = np.zeros_like(arrivals)
    lost = closed * behaviour.lost_share
    weights = _redial_weights(behaviour.redial_window_min, grid.interval_min)
    g = grid.channels.index(behaviour.digital_channel) if behaviour.digital_channel in grid.channels else None
    movers = np.zeros(arrivals.shape[1])
    for c in range(len(grid.channels)):
        if not closed[c].any():
            continue
        back = closed[c] * behaviour.callback_share
        move = closed[c] * behaviour.digital_share
        if g is None or c == g:
            back = back + move  # no other channel to move to: they try again later
        else:
            movers += move
        moved, stranded = _to_next_open(back, accept[c], weights)
        callbacks[c] += moved
        lost[c, 0] += stranded
    if g is not None and movers.any():
        landed, stranded = _to_next_open(np.where(accept[g], 0.0, movers), accept[g], np.ones(1))
        digital_in[g] += np.where(accept[g], movers, 0.0) + landed
        lost[g, 0] += stranded
    volume = reached + callbacks + digital_in
    return Constrained(volume, reached, callbacks, digital_in, lost)


def _estimate_closed(grid: Grid, accept: np.ndarray) -> np.ndarray:
    """Closed-hours attempts, measured or (for a channel that records none) estimated from the
    24-hour pattern of the channels that are open around the clock (e-mail)."""
    closed = grid.closed.copy()
    always = [c for c in range(len(grid.channels)) if accept[c].all() and grid.channels[c] not in NO_AGENT_CHANNELS]
    if not always:
        return closed
    slots = MINUTES_PER_DAY // grid.interval_min
    slot = grid.minute // grid.interval_min
    weekday, day = grid.weekday, grid.day
    n_days = day.max() + 1
    key = weekday * slots + slot
    digital = grid.volume[always].sum(axis=0)
    counts = np.bincount(key, minlength=WEEKDAYS * slots)
    profile = np.bincount(key, weights=digital, minlength=WEEKDAYS * slots) / np.maximum(counts, 1)
    shape = profile[key]  # expected digital arrivals in the same weekday and time of day
    for c in range(len(grid.channels)):
        if closed[c].sum() > 0 or accept[c].all() or grid.channels[c] in NO_AGENT_CHANNELS:
            continue
        open_volume = np.bincount(day, weights=np.where(accept[c], grid.volume[c], 0.0), minlength=n_days)
        open_shape = np.bincount(day, weights=np.where(accept[c], shape, 0.0), minlength=n_days)
        scale = np.divide(open_volume, open_shape, out=np.zeros(n_days), where=open_shape > 0)
        closed[c] = np.where(accept[c], 0.0, shape * scale[day])
    return closed


def unconstrain(grid: Grid, accept: np.ndarray, behaviour: ClosedHoursBehaviour, estimate_closed: bool) -> np.ndarray:
    """Arrivals: the record plus closed-hours attempts, minus the callbacks and moves those
    attempts put into the record."""
    closed = _estimate_closed(grid, accept) if estimate_closed else grid.closed
    effect = constrain(grid, closed, accept, behaviour)
    arrivals = grid.volume + np.where(accept, 0.0, closed) - effect.callbacks - effect.digital_in
    return np.clip(arrivals, 0.0, None)


def _tile_ds(ds: pd.DatetimeIndex, times: int) -> pd.DatetimeIndex:
    stamps = pd.DatetimeIndex(np.tile(ds.as_unit("ns").asi8, times).view("datetime64[ns]"))
    return stamps.tz_localize("UTC").tz_convert(ds.tz) if ds.tz is not None else stamps


def grid_frame(
    grid: Grid, volume: np.ndarray, volume_hi: np.ndarray | None = None, **extra: np.ndarray
) -> pd.DataFrame:
    """Long demand frame, sorted by channel id then ``ds`` (the order ``kcc.plan`` uses)."""
    n_c, n_t = volume.shape
    if volume_hi is None:
        volume_hi = volume * grid.hi_ratio[:, None]
    order = np.argsort(np.array(grid.channels, dtype=object), kind="stable")
    channels = np.array(grid.channels, dtype=object)[order]
    out = pd.DataFrame({
        "channel": np.repeat(channels, n_t),
        "queue": grid.queue,
        "ds": _tile_ds(grid.ds, n_c),
        "interval_min": np.int64(grid.interval_min),
        "volume": volume[order].ravel(),
        "volume_hi": volume_hi[order].ravel(),
        "aht_s": grid.aht_s[order].ravel(),
    })
    for name, values in extra.items():
        out[name] = values[order].ravel()
    out["interval_min"] = out["interval_min"].astype("int64")
    return out
