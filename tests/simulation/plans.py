"""A small plan to simulate: one week of phone and e-mail, made by ``kcc.plan.build_plan``."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

import numpy as np
import pandas as pd

from kcc import plan

#: First day of the small plan (a Monday).
START: Final[date] = date(2026, 11, 16)
#: E-mail is picked up on weekdays 08:00-18:00.
OPEN_HOURS: Final[dict[str, Any]] = {
    "email": {str(d): (["08:00", "18:00"] if d < 5 else None) for d in range(7)},
}


def small_plan(phone_agents: float = 6.0, email_agents: float = 3.0) -> pd.DataFrame:
    """Phone 08:00-18:00 at 12 calls per quarter-hour (AHT 240 s, Erlang C, 80 % in 20 s),
    e-mail 08:00-18:00 at 4 items per quarter-hour (AHT 300 s, 90 % in 8 open hours), each
    with a flat roster of ``phone_agents`` / ``email_agents`` in those hours."""
    ds = pd.date_range(pd.Timestamp(START), periods=7 * 96, freq="15min", tz="Europe/Amsterdam")
    local = ds.tz_localize(None)
    office = (local.hour >= 8) & (local.hour < 18)
    weekday = local.day_of_week < 5
    frames, rosters = [], []
    for channel, volume, aht_s, agents in (("phone", 12.0, 240.0, phone_agents),
                                            ("email", 4.0, 300.0, email_agents)):
        hours = office & weekday if channel == "email" else office
        frames.append(pd.DataFrame({"channel": channel, "queue": "default", "ds": ds, "interval_min": 15,
                                    "volume": np.where(hours, volume, 0.0), "aht_s": aht_s}))
        rosters.append(pd.DataFrame({"channel": channel, "ds": ds, "interval_min": 15,
                                     "agents": np.where(hours, agents, 0.0)}))
    settings = plan.PlanSettings(shrinkage=(("phone", 0.0), ("email", 0.0)))
    return plan.build_plan(pd.concat(frames, ignore_index=True), pd.concat(rosters, ignore_index=True),
                           settings, open_hours=OPEN_HOURS)
