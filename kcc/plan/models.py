"""Per-channel staffing models: agents required for the targets and the service available agents
achieve (reverse mode), for Erlang A/C, chat with concurrency and deferred backlog work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from kcc import staffing
from kcc.memo import Memo, digest
from kcc.plan.frames import EPS, PlanError
from kcc.queueing import backlog, chat_metrics, required_chat_agents
from kcc.staffing.deferred import QUEUE_MAX_TARGET_H
from kcc.targets import ChannelTargets


@dataclass(frozen=True)
class Kpis:
    """Service achieved per interval (reverse mode): shares [-], waits [s]."""

    service_level: np.ndarray
    asa_s: np.ndarray
    p_abandon: np.ndarray
    occupancy: np.ndarray
    approximate: np.ndarray  # beyond the exact queueing range (kcc.config.MAX_EXACT_AGENTS)


@dataclass(frozen=True)
class Need:
    """Agents required per interval [agents], and where the queueing maths was approximate."""

    agents: np.ndarray
    approximate: np.ndarray


def _single_interval_min(interval_s: np.ndarray) -> int:
    lengths = np.unique(interval_s)
    if len(lengths) > 1:
        raise PlanError(
            f"a channel's demand must use one interval length, got {sorted(lengths / 60)} min"
        )
    return int(round(float(lengths[0]) / 60.0)) if len(lengths) else 15


def _voice_spec(model: str, targets: ChannelTargets, interval_s: np.ndarray) -> staffing.StaffingSpec:
    """``kcc.staffing.StaffingSpec`` of a phone-like queue (shrinkage is applied by the plan)."""
    return targets.staffing_spec(_single_interval_min(interval_s), erlang_a=model == "erlang_a")


def require(model: str, targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
            interval_s: np.ndarray, ds: pd.Series, open_mask: np.ndarray, *,
            start_backlog_items: float = 0.0) -> Need:
    """Agents needed per interval (before shrinkage) by the channel's model. [agents]

    ``start_backlog_items`` are deferred items waiting when the plan starts (backlog model).
    """
    exact = np.zeros(len(volume), dtype=bool)
    if model == "none" or not len(volume):
        return Need(np.zeros(len(volume)), exact)
    if model in ("erlang_a", "erlang_c"):
        frame = pd.DataFrame({"offered": volume, "aht_s": aht_s})
        need = staffing.staffing_plan(frame, _voice_spec(model, targets, interval_s))
        return Need(need["agents_required"].to_numpy(float),
                    need["approximate"].to_numpy(bool))
    if model == "chat":
        return _chat_required(targets, volume, aht_s, interval_s)
    return Need(_backlog_required(targets, volume, aht_s, interval_s, ds, open_mask,
                                  start_backlog_items), exact)


def achieve(model: str, targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
            interval_s: np.ndarray, available: np.ndarray, ds: pd.Series | None,
            open_mask: np.ndarray, *, start_backlog_items: float = 0.0) -> Kpis:
    """KPIs the available agents achieve (reverse mode).

    Deferred work with a response time of ``kcc.staffing.deferred.QUEUE_MAX_TARGET_H`` or less
    is scored by the queue model its requirement comes from (``kcc.staffing.queue_service``),
    longer ones by the FIFO backlog (``backlog_achieved``).
    """
    n = len(volume)
    if model == "none" or not n:
        nan = np.full(n, np.nan)
        return Kpis(nan, nan, nan, nan, np.zeros(n, dtype=bool))
    if model in ("erlang_a", "erlang_c"):
        # roster_kpis answers with floor(agents): a fraction of an agent answers no call
        frame = pd.DataFrame({"ds": np.arange(n), "offered": volume, "aht_s": aht_s,
                              "agents": available})
        m = staffing.roster_kpis(frame, _voice_spec(model, targets, interval_s))
        return _kpis_from_metrics(m, volume)
    if model == "chat":
        return _chat_achieved(targets, volume, aht_s, interval_s, available)
    if float(targets.response_time_h or 8.0) <= QUEUE_MAX_TARGET_H:
        return _queue_achieved(targets, volume, aht_s, interval_s, available, ds, open_mask,
                               start_backlog_items)
    return backlog_achieved(targets, volume, aht_s, interval_s, available, open_mask,
                            start_backlog_items=start_backlog_items)


def _field(m: Any, name: str) -> np.ndarray:
    value = m[name] if isinstance(m, (pd.DataFrame, Mapping)) else getattr(m, name)
    return np.asarray(value, dtype=float)


def _kpis_from_metrics(m: Any, volume: np.ndarray) -> Kpis:
    busy = volume > 0
    sl = np.where(busy, _field(m, "service_level"), np.nan)
    asa = np.where(busy, _field(m, "asa_s"), np.nan)
    abandon = np.where(busy, np.nan_to_num(_field(m, "p_abandon"), nan=0.0), np.nan)
    occ = np.nan_to_num(_field(m, "occupancy"), nan=0.0)
    return Kpis(sl, asa, abandon, occ, np.asarray(_field(m, "approximate"), dtype=bool))


def _chat_required(targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
                   interval_s: np.ndarray) -> Need:
    """Chat agents: the concurrency chain of ``kcc.queueing.chat`` (an agent holds up to
    ``concurrency`` sessions, each slower by ``penalty_per_extra_session`` per extra one)."""
    need = required_chat_agents(
        volume, interval_s, targets.lone_session_s(aht_s), targets.concurrency,
        targets.answer_time_s, target_service_level=targets.target_service_level,
        penalty=targets.penalty_per_extra_session, patience_s=targets.patience_s,
        target_asa_s=targets.target_asa_s, max_occupancy=targets.max_occupancy,
    )
    return Need(need.agents, need.approximate)


def _chat_achieved(targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
                   interval_s: np.ndarray, available: np.ndarray) -> Kpis:
    # a fraction of an agent holds no session
    m = chat_metrics(volume, interval_s, targets.lone_session_s(aht_s),
                     np.floor(available + EPS), targets.concurrency, targets.answer_time_s,
                     penalty=targets.penalty_per_extra_session, patience_s=targets.patience_s)
    return _kpis_from_metrics(m, volume)


def _reference_aht_s(volume: np.ndarray, aht_s: np.ndarray) -> float:
    ok = (volume > 0) & np.isfinite(aht_s) & (aht_s > 0)
    return float((volume[ok] * aht_s[ok]).sum() / volume[ok].sum()) if ok.any() else 300.0


def _deferred_items(volume: np.ndarray, aht_s: np.ndarray) -> tuple[np.ndarray, float]:
    """Deferred work in items of the channel's volume-weighted handle time (the deferred model
    takes one handle time; an interval with a longer handle time brings more work)."""
    reference_s = _reference_aht_s(volume, aht_s)
    items = volume * np.where(np.isfinite(aht_s) & (aht_s > 0), aht_s, reference_s) / reference_s
    return items, reference_s


def _deferred_spec(targets: ChannelTargets, handle_time_s: float,
                   start_backlog_items: float) -> staffing.DeferredSpec:
    return staffing.DeferredSpec(
        handle_time_s=handle_time_s,
        target_share=targets.target_service_level,
        target_open_hours=float(targets.response_time_h or 8.0),
        start_backlog_items=max(float(start_backlog_items), 0.0),
    )


def _deferred_work(ds: pd.Series | None, items: np.ndarray, open_mask: np.ndarray) -> pd.DataFrame:
    """The deferred model's input: real interval timestamps (their local dates are its days)."""
    stamps = pd.Series(np.arange(len(items))) if ds is None else pd.Series(ds).reset_index(drop=True)
    return pd.DataFrame({"ds": stamps, "arrivals": items, "open": np.asarray(open_mask, dtype=bool)})


def _backlog_required(targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
                      interval_s: np.ndarray, ds: pd.Series, open_mask: np.ndarray,
                      start_backlog_items: float = 0.0) -> np.ndarray:
    """Deferred work: ``kcc.staffing.deferred_staffing`` on the channel's intervals (their
    timestamps and length), the start backlog waiting at the first open interval."""
    n = len(volume)
    if not open_mask.any() or volume.sum() + start_backlog_items <= 0:
        return np.zeros(n)
    items, reference_s = _deferred_items(volume, aht_s)
    spec = _deferred_spec(targets, reference_s, start_backlog_items)
    result = staffing.deferred_staffing(_deferred_work(ds, items, open_mask), spec,
                                        _single_interval_min(interval_s))
    return result.intervals["agents"].to_numpy(float)


#: Short-target deferred work scored by the carried queue, by the digest of its inputs
#: (``kcc.memo``): the queue takes seconds, and the Staffing page's interval curve and
#: service risk score the same roster again on every rerun whose change does not reach them (a
#: budget field, another session with the same targets). Risk alone stores 25 per channel.
QUEUE_MEMO: Final[Memo[Kpis]] = Memo(max_entries=128)


def _queue_achieved(targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
                    interval_s: np.ndarray, available: np.ndarray, ds: pd.Series | None,
                    open_mask: np.ndarray, start_backlog_items: float) -> Kpis:
    """Short-target deferred work scored by the queue model of its requirement: Erlang C per
    open interval with the response time as the answer time, batches at the openings.
    Remembered by the content of exactly these inputs (``QUEUE_MEMO``)."""
    stamps = None if ds is None else pd.Series(ds)
    key = digest((targets, volume, aht_s, interval_s, available, stamps,
                  np.asarray(open_mask, dtype=bool), float(start_backlog_items)))
    return QUEUE_MEMO.get(key, lambda: _queue_scored(targets, volume, aht_s, interval_s, available,
                                                     ds, open_mask, start_backlog_items))


def _queue_scored(targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
                  interval_s: np.ndarray, available: np.ndarray, ds: pd.Series | None,
                  open_mask: np.ndarray, start_backlog_items: float) -> Kpis:
    """``_queue_achieved`` computed; its arrays are read-only, as the memo shares them."""
    n = len(volume)
    items, reference_s = _deferred_items(volume, aht_s)
    spec = _deferred_spec(targets, reference_s, start_backlog_items)
    got = staffing.queue_service(_deferred_work(ds, items, open_mask), spec,
                                 _single_interval_min(interval_s), available)
    busy = volume > 0
    kpis = Kpis(np.where(busy, got["on_time_share"].to_numpy(float), np.nan),
                np.where(busy, got["response_s"].to_numpy(float), np.nan),
                np.where(busy, 0.0, np.nan), got["occupancy"].to_numpy(float, copy=True),
                np.zeros(n, dtype=bool))
    for values in (kpis.service_level, kpis.asa_s, kpis.p_abandon, kpis.occupancy, kpis.approximate):
        values.setflags(write=False)
    return kpis


def backlog_achieved(targets: ChannelTargets, volume: np.ndarray, aht_s: np.ndarray,
                     interval_s: np.ndarray, available: np.ndarray,
                     open_mask: np.ndarray, *, start_backlog_items: float = 0.0) -> Kpis:
    """Reverse mode of deferred work: the FIFO backlog of ``kcc.queueing.backlog`` worked by
    the available agents in open intervals, counted in seconds of work.

    ``service_level`` is the share of each interval's work finished within the response time
    (counted in open intervals; NaN when that deadline lies after the plan and the work is
    not done), ``asa_s`` the mean response time of its middle contact in open time [s] (NaN
    when unfinished at the plan's end), ``occupancy`` the share of available capacity used.
    Arrivals in a closed interval join the next open interval's; those after the last open
    interval fall outside the plan. ``start_backlog_items`` (items of the volume-weighted
    handle time) wait at the first open interval.
    """
    n = len(volume)
    sl = np.full(n, np.nan)
    resp = np.full(n, np.nan)
    occ = np.zeros(n)
    open_idx = np.flatnonzero(open_mask)
    exact = np.zeros(n, dtype=bool)
    if not open_idx.size:
        return Kpis(sl, resp, np.where(volume > 0, 0.0, np.nan), occ, exact)
    m = open_idx.size
    # arrivals in a closed interval wait for the next open one
    target = np.searchsorted(open_idx, np.arange(n), side="left")
    work = volume * np.where(np.isfinite(aht_s) & (aht_s > 0), aht_s, 0.0)
    arrive = np.zeros(m + 1)
    np.add.at(arrive, np.minimum(target, m), work)
    arrive = arrive[:m]  # work after the last open interval falls outside the plan
    # the start backlog waits at the first open interval, in work of the mean handle time
    arrive[0] += max(float(start_backlog_items), 0.0) * _reference_aht_s(volume, aht_s)
    capacity = available[open_idx] * interval_s[open_idx]  # agent-seconds per interval
    step_min = (float(np.median(interval_s)) if len(interval_s) else 900.0) / 60.0
    deadline = backlog.open_deadlines(np.ones(m, dtype=bool), step_min,
                                      float(targets.response_time_h or 1.0))
    worked = backlog.fifo_backlog(arrive, capacity, deadline)
    # each interval's contacts are reported on the interval they arrived in
    at = np.minimum(target, m - 1)
    sl = np.where(volume > 0, worked.on_time_share[at], np.nan)
    resp = np.where(volume > 0, (worked.wait_intervals * interval_s[open_idx])[at], np.nan)
    occ[open_idx] = worked.occupancy
    return Kpis(sl, resp, np.where(volume > 0, 0.0, np.nan), occ, exact)
