"""What the lever forms start from, and the form values turned into spec parts.

The Levers page only reads widgets; the starting values it offers and the rules that turn
its answers into :class:`ScenarioSpec` parts live here, so they are tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from kcc.scenarios.spec import ChannelHours, ChannelShift, CostOverride, FcrLever
from kcc.scenarios.validation import MINUTES_PER_DAY, ScenarioError

#: Span a closed day offers when the user opens it: 08:00-20:00. [min after midnight]
DEFAULT_OPEN_SPAN_MIN: Final[tuple[int, int]] = (480, 1200)
#: A new channel shift's suggested share of the source's demand, and where the moved
#: contacts end up: handled in the target, failing there and coming back to the source, or
#: lost. The three are asked for explicitly and must add up to 100 %, so no moved contact
#: disappears unseen. [0..1]
SUGGESTED_SHIFT_SHARE: Final[float] = 0.10
SUGGESTED_CONTAINMENT: Final[float] = 0.60
SUGGESTED_FAILURE_SHARE: Final[float] = 0.30
SUGGESTED_LOST_SHARE: Final[float] = 0.10
#: First-contact resolution assumed for a channel without measured repeat contacts. [0..1]
DEFAULT_FCR: Final[float] = 0.75
#: Response time offered for a deferred channel without one. [h]
DEFAULT_RESPONSE_TIME_H: Final[float] = 8.0
#: Rates closer than this to the plan's are no override. [EUR/h, 0..1]
_SAME: Final[float] = 1e-9

#: One group of weekdays on the hours form: the days, closed, (open, close). [min]
DaySpan = tuple[Sequence[int], bool, tuple[int, int]]


def always_open(hours: ChannelHours) -> bool:
    """True when the channel is open around the clock every day."""
    return all(hours.open_min[d] == 0 and hours.close_min[d] == MINUTES_PER_DAY for d in range(7))


def form_span(hours: ChannelHours, day: int) -> tuple[int, int]:
    """The span the hours form shows for ``day``: its hours, or the default when closed. [min]"""
    return DEFAULT_OPEN_SPAN_MIN if hours.is_closed(day) else (hours.open_min[day], hours.close_min[day])


def hours_from_form(channel: str, current: ChannelHours, always: bool,
                    spans: Iterable[DaySpan]) -> ChannelHours:
    """Opening hours from the hours form: around the clock, or per group of days.

    Raises
    ------
    ValueError
        (a ``ScenarioError``) when a span is not a valid opening time.
    """
    if always:
        return ChannelHours.always(channel)
    opens, closes = list(current.open_min), list(current.close_min)
    for days, closed, (first, last) in spans:
        for d in days:
            opens[d], closes[d] = (0, 0) if closed else (first, last)
    return ChannelHours(channel, tuple(opens), tuple(closes))


def fcr_today(lever: FcrLever | None, repeat_rate: float | None) -> float:
    """First-contact resolution the FCR form starts from: the lever's, else one minus the
    measured repeat rate, else :data:`DEFAULT_FCR`. [0..1]"""
    if lever is not None:
        return lever.fcr_baseline
    return 1 - repeat_rate if repeat_rate is not None else DEFAULT_FCR


def fcr_levers(values: Mapping[str, tuple[int, int, int]]) -> tuple[FcrLever, ...]:
    """FCR levers from the form's percentages ``channel -> (today, goal, AHT change)``; a
    channel whose goal equals today and whose handle time does not change has none."""
    return tuple(FcrLever(c, b / 100, g / 100, a / 100) for c, (b, g, a) in values.items() if b != g or a != 0)


def cost_overrides(settings: Any, rates: Mapping[str, tuple[float | None, float]]
                   ) -> tuple[CostOverride, ...]:
    """Cost overrides from the costs form ``channel -> (EUR/h or None, EUR/contact)``.

    A rate equal to the plan's (``settings.cost_for``) is no override; a channel with neither
    a changed rate nor a cost per contact has none.
    """
    def changed(channel: str, rate: float | None) -> bool:
        return rate is not None and abs(rate - settings.cost_for(channel)) >= _SAME

    return tuple(
        CostOverride(c, rate if changed(c, rate) else None, per)
        for c, (rate, per) in rates.items()
        if per > 0 or changed(c, rate)
    )


def flex_premium_override(settings: Any, premium: float) -> float | None:
    """The flex premium when it differs from the plan's, else None. [0..1]"""
    return premium if abs(premium - settings.flex_premium) > _SAME else None


def shift_from_form(source: str, target: str, share_pct: int, aht_s: float,
                    handled_pct: int, back_pct: int, lost_pct: int) -> ChannelShift:
    """A channel shift from the mix form: the share moved [%], the handle time there [s]
    (0 = the target's own) and where the moved contacts end up [%].

    Raises
    ------
    ScenarioError
        ``mix_parts`` when handled, back and lost do not add up to 100 %; another code for
        a field out of range.
    """
    if handled_pct + back_pct + lost_pct != 100:
        raise ScenarioError("mix_parts", handled=handled_pct, back=back_pct, lost=lost_pct,
                            total=handled_pct + back_pct + lost_pct)
    return ChannelShift(source, target, share_pct / 100, aht_s=float(aht_s) if aht_s else None,
                        containment=handled_pct / 100, failure_share=back_pct / 100)
