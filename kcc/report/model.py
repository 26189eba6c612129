"""The board summary's model: what it says, as numbers, before any wording or layout.

``StrategySummary`` holds a chosen scenario against the baseline: per channel goals and
outcomes, the weekly and monthly budget, flexible capacity, the stress test, risks and
assumptions. Shares are fractions 0..1 here and percentages only in what is rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

import pandas as pd

from kcc import checks, staffing
from kcc.capacity import CapacityPlan
from kcc.plan.findings import Findings
from kcc.scenarios.strategy import ROLES, StrategyChoices
from kcc.targets import ChannelTargets

#: Sections of the summary, in reading order: the story a board reads (the situation, the
#: decision, what drives the numbers), then the building blocks of the strategy.
SECTIONS: Final[tuple[str, ...]] = (
    "summary",
    "decision",
    "findings",
    "role",
    "channels",
    "hours",
    "goals",
    "plan",
    "budget",
    "flex",
    "people",
    "risks",
    "calamity",
    "timeline",
    "assumptions",
)

#: Languages every text of the summary comes in.
LANGUAGES: Final[tuple[str, ...]] = ("en", "nl")


@dataclass(frozen=True)
class ChannelGoal:
    """KPI targets of one channel (``None`` where not set): the part of a
    ``kcc.targets.ChannelTargets`` a board reads, made by :meth:`from_targets`.

    Attributes
    ----------
    channel : str
        Channel id.
    target_service_level : float or None
        Share answered within ``answer_time_s``. [0..1]
    answer_time_s : float or None
        Answer time of the service-level target. [s]
    target_asa_s : float or None
        Average speed of answer target. [s]
    max_abandon : float or None
        Highest acceptable share abandoned. [0..1]
    max_occupancy : float or None
        Occupancy cap. [0..1]
    response_time_h : float or None
        Response-time target of deferred work (e-mail, WhatsApp). [h]
    """

    channel: str
    target_service_level: float | None = None
    answer_time_s: float | None = None
    target_asa_s: float | None = None
    max_abandon: float | None = None
    max_occupancy: float | None = None
    response_time_h: float | None = None

    @classmethod
    def from_targets(cls, channel: str, targets: ChannelTargets, *, deferred: bool) -> ChannelGoal:
        """The goal of ``channel`` with ``targets``.

        Parameters
        ----------
        channel : str
            Channel id.
        targets : kcc.targets.ChannelTargets
            The channel's targets as the scenario staffs for them.
        deferred : bool
            Deferred work (the backlog model): the response time counts, the answer time, mean
            wait and abandonment of live channels do not.

        Returns
        -------
        ChannelGoal
        """
        return cls(
            channel=channel,
            target_service_level=targets.target_service_level,
            answer_time_s=None if deferred else targets.answer_time_s,
            target_asa_s=None if deferred else targets.target_asa_s,
            max_abandon=None if deferred else targets.max_abandon,
            max_occupancy=targets.max_occupancy,
            response_time_h=targets.response_time_h if deferred else None,
        )


@dataclass(frozen=True)
class ChannelOutcome:
    """One channel over the plan period, baseline against scenario.

    Attributes
    ----------
    channel : str
        Channel id.
    volume_base, volume_scen : float
        Forecast contacts over the period. [contacts]
    service_level_base, service_level_scen : float or None
        Achieved service level with the roster, volume-weighted. [0..1]
    abandon_base, abandon_scen : float or None
        Achieved abandonment with the roster, volume-weighted. [0..1]
    reach_base, reach_scen : float or None
        Share of demand that meets an open channel. [0..1]
    hours_base, hours_scen : str
        Opening hours, worded (e.g. ``"Mon-Fri 08:00-20:00, Sat 09:00-17:00, Sun closed"``).
    required_fte_base, required_fte_scen : float
        Average requirement including shrinkage. [FTE]
    rostered_fte : float
        Average rostered staff. [FTE]
    cost_base_eur, cost_scen_eur : float
        Cost of the requirement over the period. [EUR]
    """

    channel: str
    volume_base: float
    volume_scen: float
    service_level_base: float | None = None
    service_level_scen: float | None = None
    abandon_base: float | None = None
    abandon_scen: float | None = None
    reach_base: float | None = None
    reach_scen: float | None = None
    hours_base: str = ""
    hours_scen: str = ""
    required_fte_base: float = 0.0
    required_fte_scen: float = 0.0
    rostered_fte: float = 0.0
    cost_base_eur: float = 0.0
    cost_scen_eur: float = 0.0


@dataclass(frozen=True)
class BudgetRow:
    """Paid hours of one channel in one week or month; FTE and cost follow from them.

    Attributes
    ----------
    period : str
        ``"2026-W47"`` for a week, ``"2026-11"`` for a month.
    channel : str
        Channel id.
    weeks : float
        Length of the period inside the plan (days / 7). [weeks]
    hours_base_h, hours_scen_h : float
        Required paid hours including shrinkage, baseline and scenario. [h]
    hours_rostered_h : float
        Rostered paid hours. [h]
    rate_base_eur_per_hour, rate_scen_eur_per_hour : float
        Loaded cost of one paid hour in the baseline and in the scenario; the roster is priced
        at the baseline rate. [EUR/h]
    """

    period: str
    channel: str
    weeks: float
    hours_base_h: float
    hours_scen_h: float
    hours_rostered_h: float
    rate_base_eur_per_hour: float
    rate_scen_eur_per_hour: float

    def fte(self, hours_h: float, contract_hours_per_week: float) -> float:
        """FTE of ``hours_h`` paid hours in this period: hours / (contract hours x weeks). [FTE]"""
        return staffing.fte(hours_h, contract_hours_per_week, self.weeks) if self.weeks > 0 else 0.0

    @property
    def cost_base_eur(self) -> float:
        """Cost of the baseline requirement. [EUR]"""
        return staffing.labour_cost_eur(self.hours_base_h, self.rate_base_eur_per_hour)

    @property
    def cost_scen_eur(self) -> float:
        """Cost of the scenario requirement. [EUR]"""
        return staffing.labour_cost_eur(self.hours_scen_h, self.rate_scen_eur_per_hour)

    @property
    def cost_rostered_eur(self) -> float:
        """Cost of the roster. [EUR]"""
        return staffing.labour_cost_eur(self.hours_rostered_h, self.rate_base_eur_per_hour)


def whole_weeks(rows: Sequence[BudgetRow]) -> tuple[BudgetRow, ...]:
    """The weekly rows of the weeks the plan covers whole; all of them when none is whole.

    A plan that does not start on a Monday cuts a week at each end, and a cut week's FTE counts
    its hours over its own days (``BudgetRow.weeks``). For a centre closed at weekends that is
    no weekly FTE: a Saturday-and-Sunday week reads 0 and a Monday-to-Friday week 7/5 of a
    whole week's. What compares weeks (the FTE-per-week chart, the largest weekly shortfall)
    takes the whole ones; the budget tables keep every week with its days.
    """
    whole = tuple(r for r in rows if r.weeks >= 1.0 - 1e-9)
    return whole or tuple(rows)


@dataclass(frozen=True)
class Item:
    """A named value with its unit: a flexibility lever or an assumption.

    Attributes
    ----------
    name : str
        Label in the summary's language.
    unit : str
        Unit shown beside the value (``"%"``, ``"s"``, ``"EUR/h"``, ``""``).
    values : tuple of (str, float or str or None)
        ``(channel, value)`` pairs; channel ``""`` for a value that holds for all channels.
        Shares are fractions and shown as percentages when ``unit == "%"``.
    source : str
        Where the value comes from (setting, default, scenario, stress test), worded.
    """

    name: str
    unit: str
    values: tuple[tuple[str, float | str | None], ...]
    source: str = ""

    @property
    def per_channel(self) -> bool:
        """Whether the item has a value per channel."""
        return any(channel for channel, _ in self.values)


@dataclass(frozen=True)
class StressSummary:
    """Outcome of a surge stress test, without and with the flex pool.

    Attributes
    ----------
    channel : str
        Channel id (or a worded list of channels).
    surge : float
        Demand above forecast during the surge. [share, 0.3 = +30 %]
    duration_h : float
        Length of the surge. [h]
    peak_backlog_without, peak_backlog_with : float
        Largest backlog. [contacts]
    service_level_without, service_level_with : float or None
        Service level of the surge day, volume-weighted. [0..1]
    recovery_without_h, recovery_with_h : float or None
        Time from the end of the surge until the backlog is gone; ``None`` when it is not gone
        within the test period. [h]
    extra_cost_eur : float or None
        Cost of the flex capacity used. [EUR]
    hour_labels : tuple of str
        Labels of the backlog curve (hours since the surge started).
    backlog_without, backlog_with : tuple of float
        Backlog per hour. [contacts]
    """

    channel: str
    surge: float
    duration_h: float
    peak_backlog_without: float
    peak_backlog_with: float
    service_level_without: float | None = None
    service_level_with: float | None = None
    recovery_without_h: float | None = None
    recovery_with_h: float | None = None
    extra_cost_eur: float | None = None
    hour_labels: tuple[str, ...] = ()
    backlog_without: tuple[float, ...] = ()
    backlog_with: tuple[float, ...] = ()


@dataclass(frozen=True)
class SimulatedChannel:
    """One channel of a plan check by simulation (``kcc.simulation``), over its week.

    Attributes
    ----------
    channel : str
        Channel id.
    measure : {"answer", "response"}
        Share answered within the answer time (live channels) or finished within the response
        time in open hours (deferred work).
    threshold_s : float
        That answer or response time. [s]
    model_share, share, share_lo, share_hi : float or None
        The plan's figure, the simulated mean and its confidence interval. [0..1]
    model_abandon, abandon : float or None
        Abandonment by the plan and simulated (live channels). [0..1]
    """

    channel: str
    measure: str
    threshold_s: float
    model_share: float | None
    share: float | None
    share_lo: float | None
    share_hi: float | None
    model_abandon: float | None = None
    abandon: float | None = None


@dataclass(frozen=True)
class SimulationCheck:
    """The plan checked by simulation: which week, how, and per channel what it found.

    Attributes
    ----------
    start, end : datetime.date
        The simulated week. [local dates, inclusive]
    replications : int
        Runs per channel.
    seed : int
        Seed of the runs.
    confidence : float
        Level of the intervals. [0..1]
    channels : tuple of SimulatedChannel
    """

    start: date
    end: date
    replications: int
    seed: int
    confidence: float
    channels: tuple[SimulatedChannel, ...]


@dataclass(frozen=True)
class KeyFigures:
    """The headline numbers of one scenario as the Levers and Scenarios pages show them
    (``kcc.scenarios.ScenarioResult``), so the executive summary agrees with the app.

    Attributes
    ----------
    name : str
    fte, fte_rostered : float
        Required (shrinkage included) and rostered staff, average over the period. [FTE]
    cost_eur_per_month : float
        Cost of the requirement per month. [EUR/month]
    service_level, service_level_roster : float or None
        Answered in time when staffed as required, and with the roster as it is. [0..1]
    p_abandon_roster : float or None
        Abandoned with the roster as it is. [0..1]
    reachability : float or None
        Share of demand that meets an open channel. [0..1]
    """

    name: str
    fte: float
    fte_rostered: float
    cost_eur_per_month: float
    service_level: float | None = None
    service_level_roster: float | None = None
    p_abandon_roster: float | None = None
    reachability: float | None = None


@dataclass(frozen=True)
class FcrFigure:
    """First-contact resolution of one channel: measured, and as the scenario sets it.

    Attributes
    ----------
    channel : str
    measured : float or None
        Measured from customer ids. [0..1]
    baseline, scenario : float or None
        The FCR lever's today and scenario values. [0..1]
    """

    channel: str
    measured: float | None = None
    baseline: float | None = None
    scenario: float | None = None


@dataclass(frozen=True)
class PeopleRow:
    """Staff of one channel against its requirement, and who leaves during the period.

    Attributes
    ----------
    channel : str
    required_fte, rostered_fte : float
        Average over the period. [FTE]
    leavers_fte : float or None
        Expected to leave during the period at the stated attrition; None when not stated. [FTE]
    hires_fte : float
        To hire: the shortfall plus the leavers (never below 0). [FTE]
    """

    channel: str
    required_fte: float
    rostered_fte: float
    leavers_fte: float | None
    hires_fte: float


@dataclass(frozen=True)
class CalamityOutlook:
    """One outage the strategy plans for, with the contacts it hits.

    Attributes
    ----------
    kind : {"telephony", "website"}
    duration_h : float
        Length of the outage. [h]
    channels : tuple of str
        Channels that fail.
    contacts_hit : float
        Contacts those channels get in the busiest such stretch of an average week. [contacts]
    peak_weekday, peak_start_h : int
        When that stretch starts (0 = Monday; local hour).
    fallback : tuple of str
        Channels customers are sent to.
    plan : str
        The user's plan (empty when none was given).
    """

    kind: str
    duration_h: float
    channels: tuple[str, ...]
    contacts_hit: float
    peak_weekday: int
    peak_start_h: int
    fallback: tuple[str, ...] = ()
    plan: str = ""


@dataclass(frozen=True)
class StrategySummary:
    """Everything the board summary says: a chosen scenario against the baseline.

    Attributes
    ----------
    title : str
        Document title.
    language : str
        ``"en"`` or ``"nl"``.
    scenario_name, baseline_name : str
        Names of the chosen scenario and of the baseline.
    period_start, period_end : datetime.date
        First and last day of the plan period.
    prepared_by : str
        Who made the summary.
    prepared_on : datetime.date
        When.
    role : str
        One of ``ROLES``.
    role_text : str
        The role in the user's words.
    goals : tuple of ChannelGoal
        KPI targets per channel in the scenario.
    channels : tuple of ChannelOutcome
        Per channel outcomes, baseline against scenario.
    weekly, monthly : tuple of BudgetRow
        Budget per week and per month and channel.
    contract_hours_per_week : float
        Paid hours of one FTE. [h/week]
    flex : tuple of Item
        Flexible capacity (flex pool, outsourcing, overtime, premium).
    stress : StressSummary or None
        Stress-test outcome, when one was run.
    risks : tuple of str
        Risks, worded.
    assumptions : tuple of Item
        Every input that is not measured in the data, with its value.
    texts : tuple of (str, str)
        ``(section, text)``: the user's own text per section.
    simulation : SimulationCheck or None
        The plan checked by simulation, when a check was run for the exported plan.
    strategy : kcc.scenarios.StrategyChoices
        The stated choices: channel purposes, promises, approved budget, people risk,
        calamity plans, milestones and the decision.
    key_figures : tuple of KeyFigures
        Baseline and scenario headline numbers, as the app shows them; empty when unknown.
    findings : kcc.plan.Findings or None
        The largest drivers of missed targets and of cost in the scenario's plan.
    fcr : tuple of FcrFigure
        First-contact resolution per channel, where measured or set.
    people : tuple of PeopleRow
        Staff against requirement per channel, with leavers and hires.
    hire_by : datetime.date or None
        Last day to open vacancies so new staff are ready when the period starts (with the
        stated hiring lead time).
    calamities : tuple of CalamityOutlook
        Telephony and website outages, with the contacts they hit.
    centre_name : str
        The contact centre's name (title slide).
    logo : bytes or None
        The centre's logo (PNG or JPEG) for the title slide; not compared.
    interval_plan : pandas.DataFrame or None
        The scenario's interval plan (Plan contract columns) for the workbook; not compared.
    capacity : kcc.capacity.CapacityPlan or None
        The capacity and hiring plan, when the summary carries one (``kcc.report.capacity``);
        not compared.
    """

    title: str
    language: str
    scenario_name: str
    baseline_name: str
    period_start: date
    period_end: date
    prepared_by: str
    prepared_on: date
    role: str
    role_text: str
    goals: tuple[ChannelGoal, ...]
    channels: tuple[ChannelOutcome, ...]
    weekly: tuple[BudgetRow, ...]
    monthly: tuple[BudgetRow, ...]
    contract_hours_per_week: float
    flex: tuple[Item, ...] = ()
    stress: StressSummary | None = None
    risks: tuple[str, ...] = ()
    assumptions: tuple[Item, ...] = ()
    texts: tuple[tuple[str, str], ...] = ()
    simulation: SimulationCheck | None = None
    strategy: StrategyChoices = field(default_factory=StrategyChoices)
    key_figures: tuple[KeyFigures, ...] = ()
    findings: Findings | None = None
    fcr: tuple[FcrFigure, ...] = ()
    people: tuple[PeopleRow, ...] = ()
    hire_by: date | None = None
    calamities: tuple[CalamityOutlook, ...] = ()
    centre_name: str = ""
    logo: bytes | None = field(default=None, compare=False, repr=False)
    interval_plan: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    capacity: CapacityPlan | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        checks.one_of("language", self.language, LANGUAGES, shown=str(LANGUAGES))
        checks.one_of("role", self.role, ROLES, shown=str(ROLES))
        checks.above("contract_hours_per_week", self.contract_hours_per_week, unit="h")
        if self.period_end < self.period_start:
            raise ValueError(
                f"period_end ({self.period_end}) must not be before period_start ({self.period_start})"
            )
        unknown = {key for key, _ in self.texts} - set(SECTIONS)
        if unknown:
            raise ValueError(f"texts name unknown sections {sorted(unknown)}; allowed: {SECTIONS}")

    def text(self, section: str) -> str:
        """The user's text for ``section`` (empty when none)."""
        return next((text for key, text in self.texts if key == section), "")

    @property
    def weeks(self) -> float:
        """Length of the plan period. [weeks]"""
        return staffing.weeks_of(float((self.period_end - self.period_start).days + 1))

    def totals(self) -> dict[str, float]:
        """Period totals: contacts, average FTE and cost, baseline, scenario and rostered.

        Returns
        -------
        dict
            ``volume_base, volume_scen`` [contacts], ``fte_base, fte_scen, fte_rostered``
            [FTE], ``cost_base_eur, cost_scen_eur, cost_rostered_eur`` [EUR].
        """
        hours = {
            "base": sum(r.hours_base_h for r in self.monthly),
            "scen": sum(r.hours_scen_h for r in self.monthly),
            "rostered": sum(r.hours_rostered_h for r in self.monthly),
        }
        return {
            "volume_base": sum(c.volume_base for c in self.channels),
            "volume_scen": sum(c.volume_scen for c in self.channels),
            **{f"fte_{kind}": staffing.fte(hours[kind], self.contract_hours_per_week, self.weeks)
               for kind in ("base", "scen", "rostered")},
            "cost_base_eur": sum(r.cost_base_eur for r in self.monthly),
            "cost_scen_eur": sum(r.cost_scen_eur for r in self.monthly),
            "cost_rostered_eur": sum(r.cost_rostered_eur for r in self.monthly),
        }

    def budget_by_period(self, freq: Literal["week", "month"], *, whole: bool = False) -> pd.DataFrame:
        """Budget summed over channels per week or month; with ``whole``, the weeks the plan
        covers whole only (``whole_weeks``).

        Returns
        -------
        pandas.DataFrame
            ``period, weeks, fte_base, fte_scen, fte_rostered`` [FTE] and ``cost_base_eur,
            cost_scen_eur, cost_rostered_eur`` [EUR], one row per period in order.
        """
        rows = (whole_weeks(self.weekly) if whole else self.weekly) if freq == "week" else self.monthly
        records = []
        for period in dict.fromkeys(r.period for r in rows):
            group = [r for r in rows if r.period == period]
            weeks = group[0].weeks
            records.append(
                {
                    "period": period,
                    "weeks": weeks,
                    "fte_base": group[0].fte(sum(r.hours_base_h for r in group), self.contract_hours_per_week),
                    "fte_scen": group[0].fte(sum(r.hours_scen_h for r in group), self.contract_hours_per_week),
                    "fte_rostered": group[0].fte(sum(r.hours_rostered_h for r in group),
                                                 self.contract_hours_per_week),
                    "cost_base_eur": sum(r.cost_base_eur for r in group),
                    "cost_scen_eur": sum(r.cost_scen_eur for r in group),
                    "cost_rostered_eur": sum(r.cost_rostered_eur for r in group),
                }
            )
        return pd.DataFrame.from_records(
            records,
            columns=["period", "weeks", "fte_base", "fte_scen", "fte_rostered",
                     "cost_base_eur", "cost_scen_eur", "cost_rostered_eur"],
        )
