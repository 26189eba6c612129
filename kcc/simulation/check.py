"""Simulate a week of the interval plan, per channel, with the roster as staffed.

``simulate_plan`` reads the plan frame's own columns (``volume``, ``aht_s``, ``available``,
``model``, ``service_level``, ``p_abandon``) and the channel's targets, so it checks the plan
the pages show instead of working it out again. Each channel runs ``replications`` seeded
times from ``warmup_days`` before the week to after it (so contacts of the week's last hours
are finished); only contacts arriving in the week count, on the local day they arrive.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any, Final

import numpy as np
import pandas as pd
from scipy import stats

from kcc import plan
from kcc.plan.frames import EPS, local_naive
from kcc.simulation.chat import simulate_chat_sessions
from kcc.simulation.queues import Outcome, draw_arrivals, simulate_backlog, simulate_live
from kcc.simulation.results import DAY_COLUMNS, RUN_COLUMNS, SimulationError, SimulationResult, SimulationSpec
from kcc.staffing.deferred import QUEUE_MAX_TARGET_H
from kcc.targets import ChannelTargets

__all__ = ["Progress", "plan_weeks", "simulate_plan"]

#: ``(runs done, runs in all, channel)`` after every run.
Progress = Callable[[int, int, str], None]

#: Time simulated after the week for live channels, so its last contacts are answered. [h]
_LIVE_TAIL_H: Final[float] = 2.0
_LIVE_MODELS: Final[frozenset[str]] = frozenset({"erlang_a", "erlang_c"})
_SUMMARY_COLUMNS: Final[tuple[str, ...]] = (
    "offered", "share", "share_lo", "share_hi", "abandon", "abandon_lo", "abandon_hi")


def plan_weeks(the_plan: pd.DataFrame) -> list[date]:
    """First days of the whole weeks (7 local days from the plan's first day) in the plan."""
    if the_plan.empty:
        return []
    days = local_naive(the_plan["ds"]).dt.normalize()
    first, last = days.min().date(), days.max().date()
    return [first + timedelta(days=7 * k) for k in range(((last - first).days + 1) // 7)]


def _regular(rows: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """The channel's rows on a gap-free grid of its interval (a missing interval has no volume
    and no agents), and the interval length [s]."""
    interval_s = float(rows["interval_min"].iloc[0]) * 60.0
    offset = (rows["ds"] - rows["ds"].iloc[0]).dt.total_seconds().to_numpy() / interval_s
    position = np.rint(offset).astype(np.int64)
    if position.size and position[-1] == position.size - 1:
        return rows.reset_index(drop=True), interval_s
    full = pd.DataFrame(index=np.arange(int(position[-1]) + 1))
    grid = full.join(rows.set_index(position)).reset_index(drop=True)
    grid["ds"] = rows["ds"].iloc[0] + pd.to_timedelta(grid.index * interval_s, unit="s")
    for column in ("volume", "available", "aht_s"):
        grid[column] = grid[column].fillna(0.0)
    return grid, interval_s


def _open_clock_s(open_flags: np.ndarray, interval_s: float, time_s: np.ndarray) -> np.ndarray:
    """Open time elapsed from the start of the run until each moment. [s]"""
    before = np.concatenate([[0.0], np.cumsum(open_flags * interval_s)])
    index = np.clip((time_s // interval_s).astype(np.int64), 0, open_flags.size - 1)
    inside = np.clip(time_s - index * interval_s, 0.0, interval_s)
    return before[index] + np.where(open_flags[index], inside, 0.0)


def _counts(kind: str, threshold_s: float, arrivals_s: np.ndarray, outcome: Outcome,
            open_flags: np.ndarray, interval_s: float) -> dict[str, np.ndarray]:
    """Per contact: known, in time and abandoned (0/1).

    Deferred work is in time by the measure its plan staffs for: a backlog target (over
    ``QUEUE_MAX_TARGET_H``) when the item is finished within the response time, a queue target
    (WhatsApp's 15 minutes) when an agent picks it up within it, both counted in open time.
    """
    if kind == "backlog":
        clock = _open_clock_s(open_flags, interval_s, arrivals_s)
        end = float(np.sum(open_flags) * interval_s)
        moment = outcome.start_s if threshold_s <= QUEUE_MAX_TARGET_H * 3600.0 else outcome.finish_s
        done = np.isfinite(moment)
        took = _open_clock_s(open_flags, interval_s, np.nan_to_num(moment)) - clock
        in_time = done & (took <= threshold_s + EPS)
        known = done | (end - clock > threshold_s)  # unfinished and already late
        return {"known": known, "in_time": in_time, "abandoned": np.zeros_like(done)}
    wait = outcome.start_s - arrivals_s
    in_time = np.isfinite(wait) & (wait <= threshold_s + EPS)
    return {"known": np.ones_like(in_time), "in_time": in_time, "abandoned": outcome.abandoned}


def _kind(model: str) -> str:
    if model in _LIVE_MODELS:
        return "live"
    if model in ("chat", "backlog"):
        return model
    raise SimulationError("model", model=model)


def _threshold_s(channel: str, targets: ChannelTargets) -> float:
    """Answer time of live channels, response time of deferred work. [s]"""
    if targets.response_time_h is not None and channel in plan.DEFERRED_CHANNELS:
        return float(targets.response_time_h) * 3600.0
    return float(targets.answer_time_s)


def _window(grid: pd.DataFrame, start: date, kind: str, open_flags: np.ndarray,
            threshold_s: float, interval_s: float, warmup_days: int) -> tuple[int, int, int, int]:
    """Rows simulated ``[lo, hi)`` and the week's rows ``[week_lo, week_hi)``."""
    local = local_naive(grid["ds"])
    day = local.dt.normalize()
    week_lo = int(np.searchsorted(day.to_numpy(), np.datetime64(start), side="left"))
    week_hi = int(np.searchsorted(day.to_numpy(), np.datetime64(start + timedelta(days=7)), "left"))
    lo = int(np.searchsorted(day.to_numpy(), np.datetime64(start - timedelta(days=warmup_days)), "left"))
    if kind == "backlog":  # until the week's last item has had its response time open
        open_after = np.cumsum(open_flags[week_hi:] * interval_s)
        tail = int(np.searchsorted(open_after, threshold_s, side="left")) + 2
    else:
        tail = int(np.ceil(_LIVE_TAIL_H * 3600.0 / interval_s))
    return lo, min(week_hi + tail, len(grid)), week_lo, week_hi


def _runs(channel: str, rows: pd.DataFrame, targets: ChannelTargets, open_flags: np.ndarray,
          start: date, spec: SimulationSpec, progress: Callable[[str], None]) -> pd.DataFrame:
    """``RUN_COLUMNS`` of one channel: every run's counts per day of the week."""
    grid, interval_s = _regular(rows)
    if len(open_flags) != len(grid):  # the grid filled gaps: they are closed
        open_flags = _regular(rows.assign(_open=open_flags))[0]["_open"].fillna(False).to_numpy(bool)
    kind = _kind(str(rows["model"].iloc[0]))
    threshold_s = _threshold_s(channel, targets)
    lo, hi, week_lo, week_hi = _window(grid, start, kind, open_flags, threshold_s, interval_s,
                                       spec.warmup_days)
    part = grid.iloc[lo:hi]
    volume, aht_s = part["volume"].to_numpy(float), part["aht_s"].to_numpy(float)
    available = part["available"].to_numpy(float)
    flags = open_flags[lo:hi]
    days = local_naive(part["ds"]).dt.date.to_numpy()
    model = str(rows["model"].iloc[0])
    patience_s = targets.patience_s if model in ("erlang_a", "chat") else None
    # a chat's work is a lone session's handle time, as the plan's chain takes it
    work_s = np.asarray(targets.lone_session_s(aht_s), float) if kind == "chat" else aht_s
    channel_seed = zlib.crc32(channel.encode())  # the same runs whatever else is simulated
    frames = []
    for replication in range(spec.replications):
        rng = np.random.default_rng([spec.seed, channel_seed, replication])
        arrivals = draw_arrivals(rng, volume, work_s, interval_s, None if kind == "backlog" else patience_s)
        if kind == "live":
            outcome = simulate_live(arrivals, np.floor(available + EPS).astype(np.int64), interval_s)
        elif kind == "chat":  # whole agents, as the plan's chain counts them
            outcome = simulate_chat_sessions(arrivals, np.floor(available + EPS).astype(np.int64),
                                             targets.concurrency, interval_s,
                                             penalty=targets.penalty_per_extra_session)
        elif threshold_s <= QUEUE_MAX_TARGET_H * 3600.0:
            # a queue target (WhatsApp) is planned and scored with whole agents, as phone is
            outcome = simulate_backlog(arrivals, np.floor(available + EPS), flags, interval_s)
        else:
            outcome = simulate_backlog(arrivals, available, flags, interval_s)
        counted = _counts(kind, threshold_s, arrivals.time_s, outcome, flags, interval_s)
        in_week = (arrivals.interval >= week_lo - lo) & (arrivals.interval < week_hi - lo)
        frame = pd.DataFrame({"day": days[arrivals.interval[in_week]], "offered": 1,
                              **{k: v[in_week].astype(int) for k, v in counted.items()}})
        per_day = frame.groupby("day").sum().reindex(sorted(set(days[week_lo - lo:week_hi - lo])),
                                                     fill_value=0)
        frames.append(per_day.rename_axis("day").reset_index().assign(replication=replication))
        progress(channel)
    out = pd.concat(frames, ignore_index=True).assign(channel=channel)
    return out[list(RUN_COLUMNS)]


def _ci(values: pd.DataFrame, confidence: float) -> pd.DataFrame:
    """Mean and confidence interval over runs (t distribution) of each column."""
    n = values.shape[0]
    mean = values.mean()
    half = stats.t.ppf(0.5 + confidence / 2.0, n - 1) * values.std(ddof=1) / np.sqrt(n)
    return pd.DataFrame({"mean": mean, "lo": mean - half, "hi": mean + half})


def _clip_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Interval bounds of a share stay within 0..1."""
    bounds = ["share_lo", "share_hi", "abandon_lo", "abandon_hi"]
    frame[bounds] = frame[bounds].clip(0.0, 1.0)
    return frame


def _summarise(runs: pd.DataFrame, keys: list[str], confidence: float) -> pd.DataFrame:
    """``share`` / ``abandon`` per ``keys`` with their intervals, from the runs' counts."""
    rows = []
    for key, group in runs.groupby(keys, sort=False):
        per_run = group.groupby("replication")[["offered", "known", "in_time", "abandoned"]].sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = pd.DataFrame({
                "share": per_run["in_time"] / per_run["known"].where(per_run["known"] > 0),
                "abandon": per_run["abandoned"] / per_run["offered"].where(per_run["offered"] > 0),
                "offered": per_run["offered"].astype(float),
            })
        ci = _ci(shares, confidence)
        rows.append({**dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True)),
                     "offered": ci.loc["offered", "mean"],
                     **{f"{m}{s}": ci.loc[m, c] for m in ("share", "abandon")
                        for s, c in (("", "mean"), ("_lo", "lo"), ("_hi", "hi"))}})
    return _clip_shares(pd.DataFrame(rows, columns=[*keys, *_SUMMARY_COLUMNS]))


def _model_figures(week_rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plan's own volume-weighted figures per channel and day, and per channel."""
    daily = plan.summarise(week_rows, "D")
    daily = pd.DataFrame({"channel": daily["channel"], "day": pd.to_datetime(daily["period"]).dt.date,
                          "model_volume": daily["volume"], "model_share": daily["service_level"],
                          "model_abandon": daily["p_abandon"]})
    weekly = []
    for channel, rows in week_rows.groupby("channel", sort=False):
        tot = plan.total(rows)
        weekly.append({"channel": channel, "model_volume": float(tot["volume"]),
                       "model_share": float(tot["service_level"]), "model_abandon": float(tot["p_abandon"])})
    return daily, pd.DataFrame(weekly)


def simulate_plan(the_plan: pd.DataFrame, start: date, spec: SimulationSpec | None = None, *,
                  settings: plan.PlanSettings | None = None,
                  open_hours: Mapping[str, Any] | None = None,
                  channels: tuple[str, ...] | None = None,
                  progress: Progress | None = None) -> SimulationResult:
    """Simulate one week of the plan per channel with the roster as staffed.

    Phone (Erlang A/C): Poisson arrivals at each interval's forecast, exponential handle
    times with its ``aht_s``, exponential patience where the plan uses Erlang A, FIFO, and
    ``floor(available)`` agents changing at interval boundaries (an agent finishes the call in
    hand). Chat: ``floor(available)`` agents holding up to ``concurrency`` sessions each, a
    session slowed by ``penalty_per_extra_session`` for every other one its agent holds, with
    the chat patience (``kcc.simulation.simulate_chat_sessions``). E-mail and WhatsApp: a FIFO
    backlog worked in the channel's open intervals, work resumed across intervals, by
    ``available`` agents (a fraction works at that share of speed) for a backlog target and by
    ``floor(available)`` for a queue target of ``QUEUE_MAX_TARGET_H`` or less, which the plan
    scores with whole agents; an item is in time by the measure its plan staffs for
    (``_counts``).

    Parameters
    ----------
    the_plan : pandas.DataFrame
        ``kcc.plan.build_plan`` output (``attrs["settings"]`` is used when ``settings`` is
        None); an ``open`` column, when there, says which intervals deferred work is picked up.
    start : datetime.date
        First day of the week (``plan_weeks``). [local date]
    spec : SimulationSpec, optional
        Runs, seed, warm-up and confidence; default ``SimulationSpec()``.
    settings : PlanSettings, optional
        The settings the plan was made with (targets and patience).
    open_hours : mapping, optional
        ``kcc.plan.service_hours`` of the stored settings, as ``build_plan`` took them (used
        when the plan has no ``open`` column).
    channels : tuple of str, optional
        Channels to simulate; default every staffed channel of the plan.
    progress : callable, optional
        Called after every run with ``(runs done, runs in all, channel)``.

    Returns
    -------
    SimulationResult

    Raises
    ------
    SimulationError
        When the week does not lie in the plan (``week_outside``) or a channel's model cannot
        be simulated (``model``).
    """
    spec = spec or SimulationSpec()
    settings = settings or the_plan.attrs.get("settings") or plan.PlanSettings()
    staffed = the_plan[the_plan["model"] != "none"]
    if channels is not None:
        staffed = staffed[staffed["channel"].isin(channels)]
    if start not in plan_weeks(the_plan):
        raise SimulationError("week_outside", start=start.isoformat(),
                              first=str(plan_weeks(the_plan)[0] if len(the_plan) else "-"))
    names = plan.channel_order(staffed["channel"].unique())
    total_runs, done = len(names) * spec.replications, 0

    def step(channel: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total_runs, channel)

    runs = []
    for channel in names:
        rows = staffed[staffed["channel"] == channel].sort_values("ds").reset_index(drop=True)
        flags = (rows["open"].to_numpy(bool) if "open" in rows
                 else plan.service_open(rows, open_hours))
        runs.append(_runs(channel, rows, settings.targets_for(channel), flags, start, spec, step))
    all_runs = pd.concat(runs, ignore_index=True) if runs else pd.DataFrame(columns=list(RUN_COLUMNS))
    local_day = local_naive(staffed["ds"]).dt.date
    week_rows = staffed[(local_day >= start) & (local_day < start + timedelta(days=7))]
    model_days, model_week = _model_figures(week_rows)
    about = pd.DataFrame([{"channel": c, "measure": _measure(c, settings), "threshold_s":
                           _threshold_s(c, settings.targets_for(c)),
                           "target_share": settings.targets_for(c).target_service_level} for c in names])
    days = (_summarise(all_runs, ["channel", "day"], spec.confidence)
            .merge(model_days, on=["channel", "day"], how="left").merge(about, on="channel"))
    week = (_summarise(all_runs.assign(day=start), ["channel", "day"], spec.confidence)
            .merge(model_week, on="channel", how="left").merge(about, on="channel"))
    for frame in (days, week):
        deferred = frame["measure"] == "response"
        frame.loc[deferred, ["abandon", "abandon_lo", "abandon_hi", "model_abandon"]] = np.nan
    return SimulationResult(spec, start, start + timedelta(days=6),
                            days.reindex(columns=list(DAY_COLUMNS)),
                            week.reindex(columns=list(DAY_COLUMNS)), all_runs)


def _measure(channel: str, settings: plan.PlanSettings) -> str:
    model = plan.channel_model(channel, settings.targets_for(channel))
    return "response" if model == "backlog" else "answer"

