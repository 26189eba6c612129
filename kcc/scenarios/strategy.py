"""The qualitative choices of a contact strategy, kept with a scenario.

The levers of a :class:`kcc.scenarios.ScenarioSpec` change numbers; a board also wants to
hear what the centre is for, which questions go to which channel, what it promises customers,
the budget it was given, its people risks, what it does when telephony or the website fails,
and when things happen. :class:`StrategyChoices` holds those choices. It is saved inside the
scenario spec (``ScenarioSpec.strategy``) and per centre as the default (the setting
``STRATEGY_SETTING_KEY``); the board summary words them beside the app's numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from kcc import checks, config
from kcc.scenarios.validation import ScenarioError, set_field

#: Roles a contact centre can choose for itself.
ROLES: Final[tuple[str, ...]] = ("add_value", "learn", "minimise_cost")
#: Calamities the strategy plans for beyond a phone surge.
CALAMITIES: Final[tuple[str, ...]] = ("telephony", "website")
#: Longest text of one choice (a purpose, a promise, a plan, the decision). [characters]
MAX_TEXT_CHARS: Final[int] = 600
#: Most milestones on the timeline.
MAX_MILESTONES: Final[int] = 12
#: Setting key of a centre's default strategy choices.
STRATEGY_SETTING_KEY: Final[str] = "strategy"


def _text(name: str, value: object) -> str:
    """A user's text, trimmed; refused when it is not text or longer than ``MAX_TEXT_CHARS``."""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, got {type(value).__name__}")
    text = value.strip()
    if len(text) > MAX_TEXT_CHARS:
        raise ScenarioError("text_too_long", field=name, chars=len(text), limit=MAX_TEXT_CHARS)
    return text


@dataclass(frozen=True)
class ChannelNote:
    """A channel's purpose (which questions go there) or its promise to customers.

    Attributes
    ----------
    channel : str
        Channel id.
    text : str
        The user's words. [at most ``MAX_TEXT_CHARS`` characters]
    """

    channel: str
    text: str

    def __post_init__(self) -> None:
        checks.one_of("note.channel", self.channel, config.CHANNELS)
        set_field(self, "text", _text(f"note[{self.channel}]", self.text))


@dataclass(frozen=True)
class CalamityPlan:
    """What the centre does when a channel fails for some hours.

    Attributes
    ----------
    kind : {"telephony", "website"}
        What fails: telephony (phone down) or the website (self-service, chat and web forms
        down).
    duration_h : float
        Length of the outage the plan is made for. [h, 0.25..72]
    fallback : tuple of str
        Channels customers are sent to meanwhile.
    plan : str
        What the centre does, in the user's words.
    """

    kind: str
    duration_h: float = 4.0
    fallback: tuple[str, ...] = ()
    plan: str = ""

    def __post_init__(self) -> None:
        checks.one_of("calamity.kind", self.kind, CALAMITIES)
        set_field(self, "duration_h", checks.number_in(f"calamity[{self.kind}].duration_h", self.duration_h,
                                                       0.25, 72, unit="h"))
        fallback = tuple(self.fallback)
        for channel in fallback:
            checks.one_of(f"calamity[{self.kind}].fallback", channel, config.CHANNELS)
        set_field(self, "fallback", tuple(dict.fromkeys(fallback)))
        set_field(self, "plan", _text(f"calamity[{self.kind}].plan", self.plan))


@dataclass(frozen=True)
class Milestone:
    """One step on the strategy's timeline.

    Attributes
    ----------
    when : str
        ISO date (``"2027-01-15"``).
    what : str
        The step, in the user's words.
    """

    when: str
    what: str

    def __post_init__(self) -> None:
        try:
            day = date.fromisoformat(str(self.when))
        except ValueError:
            raise ScenarioError("milestone_date", value=str(self.when)) from None
        set_field(self, "when", day.isoformat())
        set_field(self, "what", _text("milestone.what", self.what))

    @property
    def day(self) -> date:
        """The milestone's date."""
        return date.fromisoformat(self.when)


@dataclass(frozen=True)
class StrategyChoices:
    """The qualitative choices of a contact strategy (every field optional).

    Attributes
    ----------
    role : str
        One of ``ROLES``: add value, learn from contacts, minimise cost.
    role_text : str
        The role in the user's words.
    purposes : tuple of ChannelNote
        Which questions go to which channel.
    promises : tuple of ChannelNote
        Reachability and response-time promises to customers, per channel.
    approved_budget_eur_per_month : float or None
        The budget the board approved for staff. [EUR/month]
    attrition_per_year : float or None
        Share of agents leaving in a year. [0..1]
    hiring_lead_weeks : int or None
        Time from opening a vacancy to a trained agent. [weeks, 0..52]
    calamities : tuple of CalamityPlan
        Plans for a telephony and a website outage.
    milestones : tuple of Milestone
        The timeline, in date order.
    decision : str
        The decision the board is asked to take, in the user's words.
    """

    role: str = "add_value"
    role_text: str = ""
    purposes: tuple[ChannelNote, ...] = ()
    promises: tuple[ChannelNote, ...] = ()
    approved_budget_eur_per_month: float | None = None
    attrition_per_year: float | None = None
    hiring_lead_weeks: int | None = None
    calamities: tuple[CalamityPlan, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    decision: str = ""

    def __post_init__(self) -> None:
        checks.one_of("strategy.role", self.role, ROLES, shown=str(ROLES))
        set_field(self, "role_text", _text("strategy.role_text", self.role_text))
        set_field(self, "decision", _text("strategy.decision", self.decision))
        for attr, kind in (("purposes", ChannelNote), ("promises", ChannelNote),
                           ("calamities", CalamityPlan), ("milestones", Milestone)):
            items = tuple(getattr(self, attr))
            for item in items:
                if not isinstance(item, kind):
                    raise ValueError(f"strategy.{attr} must hold {kind.__name__} items, got {type(item).__name__}")
            set_field(self, attr, items)
        checks.unique("strategy.purposes", self.purposes, lambda n: n.channel)
        checks.unique("strategy.promises", self.promises, lambda n: n.channel)
        checks.unique("strategy.calamities", self.calamities, lambda c: c.kind)
        if len(self.milestones) > MAX_MILESTONES:
            raise ScenarioError("too_many_milestones", count=len(self.milestones), limit=MAX_MILESTONES)
        set_field(self, "milestones", tuple(sorted(self.milestones, key=lambda m: m.when)))
        set_field(self, "approved_budget_eur_per_month", checks.number_in(
            "strategy.approved_budget_eur_per_month", self.approved_budget_eur_per_month, 0, 1e9,
            unit="EUR/month", optional=True))
        set_field(self, "attrition_per_year", checks.number_in(
            "strategy.attrition_per_year", self.attrition_per_year, 0, 1, optional=True))
        if self.hiring_lead_weeks is not None:
            set_field(self, "hiring_lead_weeks", checks.whole_number(
                "strategy.hiring_lead_weeks", self.hiring_lead_weeks, 0, 52, unit="weeks"))

    def purpose_of(self, channel: str) -> str:
        """The channel's purpose, empty when none was given."""
        return next((n.text for n in self.purposes if n.channel == channel), "")

    def promise_of(self, channel: str) -> str:
        """The channel's promise, empty when none was given."""
        return next((n.text for n in self.promises if n.channel == channel), "")

    def calamity(self, kind: str) -> CalamityPlan | None:
        """The plan for ``kind``, or None."""
        return next((c for c in self.calamities if c.kind == kind), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict; ``StrategyChoices.from_dict(s.to_dict()) == s``."""
        data = dataclasses.asdict(self)
        for calamity in data["calamities"]:
            calamity["fallback"] = list(calamity["fallback"])
        return {key: list(value) if isinstance(value, tuple) else value for key, value in data.items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StrategyChoices:
        """Build (and validate) the choices from ``to_dict`` output.

        Raises
        ------
        ValueError
            Unknown fields or a value out of range; the message names the field.
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"strategy must be a mapping, got {type(data).__name__}")
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"unknown strategy field(s): {', '.join(unknown)}")
        parts: dict[str, type] = {"purposes": ChannelNote, "promises": ChannelNote,
                                  "calamities": CalamityPlan, "milestones": Milestone}
        kwargs = dict(data)
        for key, part in parts.items():
            if key in kwargs:
                items = kwargs[key]
                if not isinstance(items, (list, tuple)) or not all(isinstance(i, Mapping) for i in items):
                    raise ValueError(f"strategy.{key} must be a list of mappings")
                kwargs[key] = tuple(_part(part, item, key) for item in items)
        try:
            return cls(**kwargs)
        except TypeError as exc:
            raise ValueError(f"strategy: {exc}") from exc


def _part(kind: type, data: Mapping[str, Any], key: str) -> Any:
    allowed = {f.name for f in dataclasses.fields(kind)}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValueError(f"unknown field(s) in strategy.{key}: {', '.join(unknown)}")
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    try:
        return kind(**values)
    except TypeError as exc:
        raise ValueError(f"strategy.{key}: {exc}") from exc
