"""What every tab of the Levers page shares: the data the view reads, labels and formatters,
and each lever's own effect beside the whole scenario.

The tabs live one group to a module (``levers_access``: opening hours and channel mix;
``levers_service``: targets and first-contact resolution; ``levers_stress``: stress test and
costs); ``kcc.ui.views.levers.LeversView`` puts them together with the headline.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from kcc import config, store
from kcc.i18n import t
from kcc.scenarios import (
    MINUTES_PER_DAY,
    TIME_STEP_MIN,
    Attribution,
    Effect,
    ScenarioResult,
    ScenarioSpec,
)
from kcc.ui import scenario_cache as cache
from kcc.ui.scenario_cache import Baseline
from kcc.ui.state import Translator
from kcc.ui.widgets import (
    channel_label,
    fmt_number,
    fmt_signed,
    fmt_unit,
    lang,
)

TIMES = list(range(0, MINUTES_PER_DAY + 1, TIME_STEP_MIN))

# Axis and legend keys of the scenario charts -> i18n key.
_LABEL_KEYS = {
    "baseline": "scenarios.baseline", "scenario": "levers.working", "hour": "levers.ax_hour",
    "reachability": "levers.ax_reachability", "arrivals": "levers.ax_arrivals",
    "weekday": "levers.ax_weekday", "delta_fte": "levers.ax_delta_fte",
    "delta_cost": "levers.ax_delta_cost", "fte": "levers.ax_fte", "cost": "levers.ax_cost",
    "target_sl": "levers.ax_target_sl", "marginal": "levers.ax_marginal", "time": "levers.ax_time",
    "backlog": "levers.ax_backlog", "service_level": "levers.ax_service_level",
    "without": "levers.without_flex", "with": "levers.with_flex", "volume": "levers.ax_volume",
    "surge_volume": "levers.ax_surge_volume", "flex_agents": "levers.ax_flex_agents",
    "time_of_day": "levers.ax_time_of_day", "volume_per_day": "levers.ax_volume_interval",
}


def apply(new_spec: ScenarioSpec) -> None:
    """Make ``new_spec`` the working scenario and show it."""
    cache.set_working_spec(new_spec)
    st.rerun()


def with_unit(decimals: int, unit: str = "", *, sign: bool = False) -> Callable[[float], str]:
    """Formatter of a table column: the language's number format, then the unit."""
    def fmt(value: float) -> str:
        return fmt_unit(value, unit, decimals, signed=sign)
    return fmt


def points(value: float) -> str:
    """A difference of two shares, in percentage points: ``+2,0 %-punt`` / ``+2.0 pp``."""
    return "–" if not math.isfinite(value) else fmt_unit(100 * value, t("common.unit_points", lang()), 1,
                                                          signed=True)


@dataclass(frozen=True, eq=False)
class LeversBase:
    """What every section of the Levers page reads: the store, the language, the baseline, the
    working spec and its result beside the baseline's, each lever's result alone and the
    split of the scenario's change into the levers' own effects and their interaction."""

    con: store.Connection
    tr: Translator
    base: Baseline
    spec: ScenarioSpec
    plan_settings: Any
    result: ScenarioResult
    reference: ScenarioResult
    alone: Mapping[str, ScenarioResult]
    split: Attribution

    # ----------------------------------------------------------------------- shared bits

    @property
    def weekdays(self) -> list[str]:
        """Weekday names, Monday first, in the session language."""
        return [self.tr(f"common.weekday_{d}") for d in range(7)]

    @functools.cached_property
    def channels(self) -> list[str]:
        """Channels in the baseline demand, in the configured order (read once a run: the
        demand has a row per channel and interval)."""
        present = set(self.base.demand["channel"].unique())
        return [c for c in config.CHANNELS if c in present]

    @functools.cached_property
    def staffed(self) -> list[str]:
        """Channels agents work (all but self-service)."""
        return [c for c in self.channels if c != "self_service"]

    @property
    def labels(self) -> dict[str, str]:
        """Chart, axis and series labels in the session language, by name."""
        return {name: self.tr(key) for name, key in _LABEL_KEYS.items()}

    @property
    def channel_names(self) -> dict[str, str]:
        """Every configured channel's name in the session language, by channel id."""
        return {c: channel_label(c, self.tr) for c in config.CHANNELS}

    def channel_name(self, channel: str) -> str:
        """A channel's name in the session language (its id when unknown: never None, which a
        selectbox cannot show)."""
        return self.channel_names.get(channel, channel)

    def _contacts(self, value: float) -> str:
        return f"{fmt_number(value)} {self.tr('common.unit_contacts')}"


    # ----------------------------------------------------------------------- own effects

    def _whole_and_interaction(self, lever: str) -> None:
        """Beside a tab's own figures: the whole scenario's and what the levers add together,
        when other levers are on too."""
        split = self.split
        if not split.levers or split.levers == (lever,):
            return
        total, mix = split.total, split.interaction
        key = ("levers.whole_and_interaction" if abs(total.extra_open_hours_per_week) > 1e-9
               else "levers.whole_and_interaction_no_hours")
        st.caption(self.tr(key, fte=fmt_signed(total.delta_fte, 1), cost=fmt_signed(total.delta_cost_eur_per_month),
                           per_hour=fmt_number(total.cost_eur_per_extra_hour),
                           interaction=fmt_signed(mix.delta_cost_eur_per_month)))

    def _alone(self, lever: str) -> ScenarioResult:
        """The scenario with only ``lever`` as in the working spec (the baseline when the spec
        leaves it as is)."""
        return self.alone.get(lever, self.reference)

    def _own_effect(self, lever: str) -> Effect:
        """A tab's headline: the caption naming it the lever's own effect, and that effect."""
        st.caption(self.tr("levers.own_effect", lever=self.tr(f"levers.lever_{lever}")))
        return self.split.own_effect(lever)
