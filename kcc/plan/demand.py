"""Demand: forecast volume with its upper bound and the expected handle time per interval."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from kcc.plan.frames import PlanError, interval_min_of, local_naive

#: Handle time used when history has none for a channel. [s]
DEFAULT_AHT_S: Final[dict[str, float]] = {
    "phone": 300.0,
    "chat": 600.0,
    "email": 480.0,
    "whatsapp": 360.0,
    "self_service": 0.0,
}

#: Weeks of history the handle-time profile by weekday and time of day is learned from.
AHT_HISTORY_WEEKS: Final[int] = 8

#: Columns of the demand frame (``demand_from_forecast``).
DEMAND_COLUMNS: Final[tuple[str, ...]] = (
    "channel",
    "queue",
    "ds",
    "interval_min",
    "volume",
    "volume_hi",
    "aht_s",
)


def aht_profile(history: pd.DataFrame, weeks: int = AHT_HISTORY_WEEKS) -> pd.DataFrame:
    """Handle time per channel, queue, weekday and time of day from recent history.

    Each cell is weighted by answered contacts (offered when answered is unknown) over the last
    ``weeks`` weeks of each series: ``sum(aht_s * answered) / sum(answered)``.

    Returns
    -------
    pandas.DataFrame
        ``channel, queue, weekday, minute, aht_s`` (``minute`` of the local day).
    """
    columns = ["channel", "queue", "weekday", "minute", "aht_s"]
    if history.empty:
        return pd.DataFrame(columns=columns)
    frame = history[["channel", "queue", "ds", "aht_s", "answered", "offered"]].copy()
    last = frame.groupby(["channel", "queue"])["ds"].transform("max")
    frame = frame[frame["ds"] > last - pd.Timedelta(weeks=weeks)]
    weight = frame["answered"].where(frame["answered"].notna(), frame["offered"]).astype(float)
    ok = frame["aht_s"].notna() & (weight > 0) & np.isfinite(frame["aht_s"].astype(float))
    frame = frame[ok]
    weight = weight[ok]
    local = local_naive(frame["ds"])
    frame = frame.assign(
        weekday=local.dt.day_of_week.astype("int64"),
        minute=(local.dt.hour * 60 + local.dt.minute).astype("int64"),
        w=weight,
        wa=weight * frame["aht_s"].astype(float),
    )
    out = frame.groupby(["channel", "queue", "weekday", "minute"], as_index=False)[["w", "wa"]].sum()
    out["aht_s"] = out["wa"] / out["w"]
    return out[columns]


def demand_from_forecast(
    history: pd.DataFrame,
    forecasts: pd.DataFrame,
    *,
    level: int = 80,
    aht_weeks: int = AHT_HISTORY_WEEKS,
) -> pd.DataFrame:
    """Demand frame: forecast volume with its upper bound and the expected handle time.

    Parameters
    ----------
    history : pandas.DataFrame
        Volume-contract frame (``kcc.store.read_intervals``) the handle times are learned
        from.
    forecasts : pandas.DataFrame
        ``kcc.forecast.forecast`` output of each series stacked, with ``channel`` and
        ``queue`` columns added: ``channel, queue, ds, yhat, yhat_hi_<level>`` (and
        ``yhat_rate_hi_<level>``).
    level : int, default 80
        Prediction-interval level whose upper bound is ``volume_hi``: 80 gives the P90. The
        rate bound ``yhat_rate_hi_<level>`` is used when the forecast has it (forecast
        uncertainty only; Erlang covers the random arrivals around it), else
        ``yhat_hi_<level>``. [%]
    aht_weeks : int, default 8
        Weeks of history for the handle-time profile. [weeks]

    Returns
    -------
    pandas.DataFrame
        ``channel, queue, ds, interval_min, volume, volume_hi, aht_s``. ``aht_s`` is the
        handle time of the same weekday and time of day, else of the same time of day, else
        the series mean, else ``DEFAULT_AHT_S``.

    Raises
    ------
    PlanError
        When a forecast column is missing.
    """
    hi = f"yhat_rate_hi_{level}" if f"yhat_rate_hi_{level}" in forecasts else f"yhat_hi_{level}"
    missing = [c for c in ("channel", "queue", "ds", "yhat", hi) if c not in forecasts]
    if missing:
        raise PlanError(f"forecast frame lacks column(s): {', '.join(missing)}")
    out = forecasts[["channel", "queue", "ds", "yhat", hi]].rename(
        columns={"yhat": "volume", hi: "volume_hi"}
    )
    out = out.sort_values(["channel", "queue", "ds"]).reset_index(drop=True)
    out["volume"] = out["volume"].astype(float).clip(lower=0.0).fillna(0.0)
    out["volume_hi"] = np.maximum(out["volume_hi"].astype(float).fillna(0.0), out["volume"])
    out["interval_min"] = interval_min_of(out).astype("int64")
    local = local_naive(out["ds"])
    out["weekday"] = local.dt.day_of_week.astype("int64")
    out["minute"] = (local.dt.hour * 60 + local.dt.minute).astype("int64")
    profile = aht_profile(history, aht_weeks)
    keys = ["channel", "queue"]
    out = out.merge(profile, on=[*keys, "weekday", "minute"], how="left")
    by_time = profile.groupby([*keys, "minute"], as_index=False)["aht_s"].median()
    out = out.merge(by_time.rename(columns={"aht_s": "aht_time"}), on=[*keys, "minute"], how="left")
    by_series = profile.groupby(keys, as_index=False)["aht_s"].median()
    out = out.merge(by_series.rename(columns={"aht_s": "aht_series"}), on=keys, how="left")
    default = out["channel"].map(DEFAULT_AHT_S).astype(float).fillna(DEFAULT_AHT_S["phone"])
    out["aht_s"] = (
        out["aht_s"].fillna(out["aht_time"]).fillna(out["aht_series"]).fillna(default).astype(float)
    )
    return out[list(DEMAND_COLUMNS)]
