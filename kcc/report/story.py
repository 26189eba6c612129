"""The strategy as a story: the executive summary, the decision asked for, the findings, and
the building blocks that rest on the user's stated choices (role and channel purposes,
promises, KPIs on quality, people, calamities, timeline).

Every number here comes from the summary's model (``StrategySummary``): the key figures are
the app's own (``KeyFigures`` from ``ScenarioResult``), the findings ``kcc.plan.plan_findings``.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from kcc.formatting import fmt_date, fmt_eur, fmt_number, fmt_pct, fmt_signed, fmt_unit
from kcc.report.blocks import Chart, Section, Series, Table, pct_value, rounded
from kcc.report.findings import finding_text
from kcc.report.model import ChannelGoal, KeyFigures, StrategySummary
from kcc.report.wording import channel_name, finite, tr_for

_DASH: Final[str] = "-"


def _figures(s: StrategySummary) -> tuple[KeyFigures, KeyFigures] | None:
    return (s.key_figures[0], s.key_figures[-1]) if len(s.key_figures) >= 2 else None


def _same(s: StrategySummary) -> bool:
    """Whether the scenario changes nothing the board pays for (the baseline chosen)."""
    figures = _figures(s)
    return figures is None or (abs(figures[1].fte - figures[0].fte) < 0.05
                               and abs(figures[1].cost_eur_per_month - figures[0].cost_eur_per_month) < 1.0)


def _fte(value: float, lang: str, signed: bool = False) -> str:
    return fmt_unit(value, tr_for(lang)("report.axis_fte"), 1, lang, signed=signed)


def ready_if_hired_now(s: StrategySummary) -> date | None:
    """The day staff are ready when vacancies open on the decision day, if that is later
    than the plan asks (``hire_by`` before ``prepared_on``); else None.

    The plan's lead time (``period_start - hire_by``) counted from the decision: a board
    cannot open vacancies on a day already past, so the deck says when the new staff come
    instead, and the shortfall until then is bridged with flex capacity.
    """
    if s.hire_by is None or s.hire_by >= s.prepared_on:
        return None
    return s.prepared_on + (s.period_start - s.hire_by)


def _monthly_budget_gap(s: StrategySummary) -> float | None:
    """Scenario cost per month above the approved budget (negative: below). [EUR/month]"""
    figures, budget = _figures(s), s.strategy.approved_budget_eur_per_month
    if figures is None or budget is None:
        return None
    return figures[1].cost_eur_per_month - budget


def summary_section(s: StrategySummary) -> Section:
    """The situation, the recommendation and what it costs and buys, from the app's numbers."""
    lang = s.language
    tr = tr_for(lang)
    facts: list[str] = []
    figures = _figures(s)
    if figures is None:  # a summary made without the scenario results: its own totals
        tot = s.totals()
        facts.append(tr("report.exec_totals", rostered=_fte(tot["fte_rostered"], lang),
                        base=_fte(tot["fte_base"], lang), scen=_fte(tot["fte_scen"], lang),
                        cost=fmt_eur(tot["cost_scen_eur"], lang), weeks=fmt_number(s.weeks, 0, lang)))
    else:
        base, scen = figures
        facts.append(tr("report.exec_situation", rostered=_fte(base.fte_rostered, lang),
                        required=_fte(base.fte, lang), reach=fmt_pct(base.reachability, 1, lang),
                        in_time=fmt_pct(base.service_level_roster, 1, lang)))
    if s.findings is not None and s.findings.misses:
        facts.append(tr("report.exec_cause", finding=finding_text(s.findings.misses[0], lang, s.findings.weeks)))
    if figures is not None:
        base, scen = figures
        if _same(s):
            facts.append(tr("report.exec_recommend_same", name=s.scenario_name))
        else:
            facts.append(tr("report.exec_recommend", name=s.scenario_name))
        facts.append(tr("report.exec_costs", cost=fmt_eur(scen.cost_eur_per_month, lang),
                        delta=fmt_eur(scen.cost_eur_per_month - base.cost_eur_per_month, lang, signed=True),
                        fte=_fte(scen.fte, lang), fte_delta=_fte(scen.fte - base.fte, lang, signed=True)))
        facts.append(tr("report.exec_buys", in_time=fmt_pct(scen.service_level, 1, lang),
                        roster=fmt_pct(scen.service_level_roster, 1, lang),
                        reach_base=fmt_pct(base.reachability, 1, lang), reach=fmt_pct(scen.reachability, 1, lang)))
    gap = _monthly_budget_gap(s)
    if gap is not None:
        key = "report.exec_over_budget" if gap > 0.5 else "report.exec_within_budget"
        facts.append(tr(key, budget=fmt_eur(s.strategy.approved_budget_eur_per_month, lang),
                        gap=fmt_eur(abs(gap), lang)))
    tables = (_key_figures_table(s),) if figures is not None else ()
    return Section("summary", tr("report.sec_summary"), s.text("summary"), tuple(facts), tables)


def _key_figures_table(s: StrategySummary) -> Table:
    lang = s.language
    tr = tr_for(lang)
    figures = _figures(s)
    assert figures is not None
    base, scen = figures

    def pct(value: float | None) -> str:
        return fmt_number(pct_value(value), 1, lang)

    def change(a: float | None, b: float | None, decimals: int, scale: float = 1.0) -> str:
        return fmt_signed((b - a) * scale, decimals, lang) if finite(a) and finite(b) else _DASH

    def points(a: float | None, b: float | None) -> str:
        """A share's change, in percentage points (its row's values are in %)."""
        text = change(a, b, 1, 100.0)
        return text if text == _DASH else f"{text} {tr('common.unit_points')}"

    rows = (
        (tr("report.kf_fte"), fmt_number(base.fte, 1, lang), fmt_number(scen.fte, 1, lang),
         change(base.fte, scen.fte, 1)),
        (tr("report.kf_rostered"), fmt_number(base.fte_rostered, 1, lang), fmt_number(scen.fte_rostered, 1, lang),
         change(base.fte_rostered, scen.fte_rostered, 1)),
        (tr("report.kf_cost"), fmt_number(base.cost_eur_per_month, 0, lang),
         fmt_number(scen.cost_eur_per_month, 0, lang), change(base.cost_eur_per_month, scen.cost_eur_per_month, 0)),
        (tr("report.kf_in_time_required"), pct(base.service_level), pct(scen.service_level),
         points(base.service_level, scen.service_level)),
        (tr("report.kf_in_time_roster"), pct(base.service_level_roster), pct(scen.service_level_roster),
         points(base.service_level_roster, scen.service_level_roster)),
        (tr("report.kf_reach"), pct(base.reachability), pct(scen.reachability),
         points(base.reachability, scen.reachability)),
    )
    columns = (tr("report.col_measure"), tr("report.col_today"), tr("report.col_proposed"), tr("report.col_change"))
    return Table("summary.key_figures", columns, rows)


def decision_section(s: StrategySummary) -> Section:
    """The decision asked for: the user's words, and what approving it means in money, people
    and dates."""
    lang = s.language
    tr = tr_for(lang)
    figures = _figures(s)
    text = s.strategy.decision or (
        tr("report.decision_default_same", name=s.scenario_name) if _same(s)
        else tr("report.decision_default", name=s.scenario_name))
    rows: list[tuple[str, str]] = []
    if figures is not None:
        base, scen = figures
        rows.append((tr("report.ask_budget"), tr("report.ask_budget_value", cost=fmt_eur(scen.cost_eur_per_month, lang),
                                                 delta=fmt_eur(scen.cost_eur_per_month - base.cost_eur_per_month,
                                                               lang, signed=True))))
    budget = s.strategy.approved_budget_eur_per_month
    gap = _monthly_budget_gap(s)
    rows.append((tr("report.ask_approved"), _DASH if budget is None or gap is None else tr(
        "report.ask_over" if gap > 0.5 else "report.ask_within", budget=fmt_eur(budget, lang),
        gap=fmt_eur(abs(gap), lang))))
    hires = sum(p.hires_fte for p in s.people)
    rows.append((tr("report.ask_hires"), _fte(hires, lang)))
    ready = ready_if_hired_now(s)
    if s.hire_by is None:
        hire_by = tr("report.lead_not_set")
    elif ready is None:
        hire_by = fmt_date(s.hire_by, lang)
    else:
        hire_by = tr("report.ask_hire_now", date=fmt_date(s.hire_by, lang), ready=fmt_date(ready, lang))
    rows.append((tr("report.ask_hire_by"), hire_by))
    upcoming = [m for m in s.strategy.milestones if m.day >= s.prepared_on]
    if upcoming:
        rows.append((tr("report.ask_next"), f"{fmt_date(upcoming[0].day, lang)}: {upcoming[0].what}"))
    table = Table("decision.ask", (tr("report.col_item"), tr("report.col_value")), tuple(rows),
                  title=tr("report.table_ask"))
    extra = s.text("decision")
    return Section("decision", tr("report.sec_decision"), "\n\n".join(p for p in (text, extra) if p), (), (table,))


def findings_section(s: StrategySummary) -> Section:
    """The three largest drivers of missed targets and of cost, with the roster's shape on
    the day that misses most."""
    lang = s.language
    tr = tr_for(lang)
    found = s.findings
    if found is None or not (found.misses or found.costs):
        return Section("findings", tr("report.sec_findings"), s.text("findings"), (tr("report.findings_none"),))
    facts = [finding_text(f, lang, found.weeks) for f in (*found.misses, *found.costs)]
    charts: tuple[Chart, ...] = ()
    profile = found.profile
    if profile is not None:
        weekday = tr(f"common.weekday_{profile.weekday}")
        charts = (Chart(
            "findings.shape",
            tr("report.chart_shape", channel=channel_name(profile.channel, lang), weekday=weekday),
            "bar", tuple(f"{h:02d}:00" for h in profile.hours),
            (Series(tr("report.series_needed"), tuple(rounded(v, 1) for v in profile.required)),
             Series(tr("report.series_rostered_agents"), tuple(rounded(v, 1) for v in profile.rostered))),
            tr("report.axis_agents")),)
    text = s.text("findings") or tr("report.findings_intro", misses=len(found.misses), costs=len(found.costs))
    return Section("findings", tr("report.sec_findings"), text, tuple(facts), (), charts)


def role_section(s: StrategySummary) -> Section:
    """The chosen role in the user's words, and per channel which questions go there, what
    it promises customers and the target behind the promise."""
    lang = s.language
    tr = tr_for(lang)
    facts = (tr("report.role_chosen", role=tr(f"report.role_{s.role}")),)
    text = "\n\n".join(part for part in (s.role_text.strip(), s.text("role").strip()) if part)
    total = sum(c.volume_scen for c in s.channels)
    goals = {g.channel: g for g in s.goals}
    rows = tuple(
        (channel_name(c.channel, lang), s.strategy.purpose_of(c.channel) or tr("report.purpose_not_set"),
         s.strategy.promise_of(c.channel) or (tr("report.promise_from_target") if c.channel in goals else _DASH),
         _target_words(goals.get(c.channel), lang),
         fmt_number(100.0 * c.volume_scen / total, 1, lang) if total > 0 else _DASH)
        for c in s.channels
    )
    columns = (tr("report.col_channel"), tr("report.col_purpose"), tr("report.col_promise"),
               tr("report.col_target_words"), tr("report.col_share_scen"))
    return Section("role", tr("report.sec_role"), text, facts, (Table("role.purposes", columns, rows),))


def _target_words(goal: ChannelGoal | None, lang: str) -> str:
    """A channel's target as a customer would read it: "80% within 30 s"."""
    tr = tr_for(lang)
    if goal is None or goal.target_service_level is None:
        return _DASH
    share = fmt_pct(goal.target_service_level, 0, lang)
    if goal.response_time_h is not None:
        hours = goal.response_time_h
        within = (fmt_unit(hours * 60, tr("common.unit_min"), 0, lang) if hours < 1
                  else fmt_unit(hours, tr("common.unit_h"), 0 if float(hours).is_integer() else 1, lang))
        return tr("report.promise_within", share=share, within=within)
    if goal.answer_time_s is not None:
        seconds = goal.answer_time_s
        within = (fmt_unit(seconds / 60, tr("common.unit_min"), 0 if seconds % 60 == 0 else 1, lang)
                  if seconds > 120 else fmt_unit(seconds, tr("common.unit_s"), 0, lang))
        return tr("report.promise_within", share=share, within=within)
    return share


def quality_table(s: StrategySummary) -> Table:
    """Reachability and first-contact resolution per channel: the quality KPIs."""
    lang = s.language
    tr = tr_for(lang)
    fcr = {f.channel: f for f in s.fcr}

    def fcr_cell(channel: str, scenario: bool) -> str:
        figure = fcr.get(channel)
        if figure is None:
            return _DASH
        value = figure.scenario if scenario and figure.scenario is not None else (
            figure.baseline if figure.baseline is not None and not scenario else figure.measured)
        return fmt_number(pct_value(value), 1, lang)

    rows = tuple(
        (channel_name(c.channel, lang), fmt_number(pct_value(c.reach_base), 1, lang),
         fmt_number(pct_value(c.reach_scen), 1, lang), fcr_cell(c.channel, False), fcr_cell(c.channel, True))
        for c in s.channels
    )
    columns = (tr("report.col_channel"), tr("report.col_reach_base"), tr("report.col_reach_scen"),
               tr("report.col_fcr_base"), tr("report.col_fcr_scen"))
    return Table("goals.quality", columns, rows, title=tr("report.table_quality"))


def fcr_facts(s: StrategySummary) -> tuple[str, ...]:
    """First-contact resolution in words, or that it is neither measured nor set."""
    lang = s.language
    tr = tr_for(lang)
    if not s.fcr:
        return (tr("report.fact_fcr_none"),)
    out = []
    for f in s.fcr:
        today = f.baseline if f.baseline is not None else f.measured
        out.append(tr("report.fact_fcr", channel=channel_name(f.channel, lang), today=fmt_pct(today, 0, lang),
                      scen=fmt_pct(f.scenario if f.scenario is not None else today, 0, lang)))
    return tuple(out)


def people_section(s: StrategySummary) -> Section:
    """Staff against the requirement, leavers at the stated attrition and the hires needed."""
    lang = s.language
    tr = tr_for(lang)
    choices = s.strategy
    facts = []
    if choices.attrition_per_year is not None:
        leavers = sum(p.leavers_fte or 0.0 for p in s.people)
        facts.append(tr("report.people_attrition", share=fmt_pct(choices.attrition_per_year, 0, lang),
                        leavers=_fte(leavers, lang), weeks=fmt_number(s.weeks, 0, lang)))
    else:
        facts.append(tr("report.people_attrition_not_set"))
    hires = sum(p.hires_fte for p in s.people)
    if choices.hiring_lead_weeks is not None and s.hire_by is not None:
        ready = ready_if_hired_now(s)
        key = "report.people_hire_by" if ready is None else "report.people_hire_late"
        facts.append(tr(key, hires=_fte(hires, lang), weeks=choices.hiring_lead_weeks,
                        date=fmt_date(s.hire_by, lang), start=fmt_date(s.period_start, lang),
                        ready=fmt_date(ready, lang) if ready is not None else ""))
    else:
        facts.append(tr("report.people_lead_not_set", hires=_fte(hires, lang)))
    rows = tuple(
        (channel_name(p.channel, lang), fmt_number(p.required_fte, 1, lang), fmt_number(p.rostered_fte, 1, lang),
         fmt_number(p.rostered_fte - p.required_fte, 1, lang),
         fmt_number(p.leavers_fte, 1, lang) if p.leavers_fte is not None else _DASH,
         fmt_number(p.hires_fte, 1, lang))
        for p in s.people
    )
    columns = (tr("report.col_channel"), tr("report.col_fte_scen"), tr("report.col_fte_rostered"),
               tr("report.col_gap_fte"), tr("report.col_leavers"), tr("report.col_hires"))
    series = [Series(tr("report.series_fte_scen"), tuple(rounded(p.required_fte, 1) for p in s.people)),
              Series(tr("report.series_fte_rostered"), tuple(rounded(p.rostered_fte, 1) for p in s.people))]
    if choices.attrition_per_year is not None:
        series.append(Series(tr("report.series_after_leavers"),
                             tuple(rounded(p.rostered_fte - (p.leavers_fte or 0.0), 1) for p in s.people)))
    chart = Chart("people.fte", tr("report.chart_people"), "bar",
                  tuple(channel_name(p.channel, lang) for p in s.people), tuple(series), tr("report.axis_fte"))
    return Section("people", tr("report.sec_people"), s.text("people"), tuple(facts),
                   (Table("people.channels", columns, rows),), (chart,) if s.people else ())


def calamity_section(s: StrategySummary) -> Section:
    """Telephony and website outages: the contacts they hit, fallback channels and the plan."""
    lang = s.language
    tr = tr_for(lang)
    facts = [tr("report.calamity_intro")]
    rows = []
    for c in s.calamities:
        names = ", ".join(channel_name(ch, lang) for ch in c.channels)
        hours = fmt_unit(c.duration_h, tr("common.unit_h"), 0 if float(c.duration_h).is_integer() else 1, lang)
        kind = tr(f"report.calamity_{c.kind}")
        if c.contacts_hit > 0:
            when = f"{tr(f'common.weekday_{c.peak_weekday}')} {c.peak_start_h:02d}:00"
            facts.append(tr("report.calamity_fact", kind=kind, hours=hours, channels=names,
                            contacts=fmt_number(c.contacts_hit, 0, lang), when=when))
        else:  # a centre without these channels: no busiest stretch to name ("from Monday 00:00")
            facts.append(tr("report.calamity_no_channels", kind=kind, hours=hours, channels=names))
        rows.append((tr(f"report.calamity_{c.kind}"), hours, fmt_number(c.contacts_hit, 0, lang),
                     ", ".join(channel_name(ch, lang) for ch in c.fallback) or tr("report.fallback_not_set"),
                     c.plan or tr("report.plan_not_set")))
    columns = (tr("report.col_calamity"), tr("report.col_outage"), tr("report.col_contacts_hit"),
               tr("report.col_fallback"), tr("report.col_plan"))
    return Section("calamity", tr("report.sec_calamity"), s.text("calamity"), tuple(facts),
                   (Table("calamity.plans", columns, tuple(rows)),))


def timeline_section(s: StrategySummary) -> Section:
    """The user's milestones with the dates the plan sets (decision, hiring, the period)."""
    lang = s.language
    tr = tr_for(lang)
    steps: list[tuple[date, str, str]] = [(s.prepared_on, tr("report.step_decision"), tr("report.source_plan"))]
    ready = ready_if_hired_now(s)
    if ready is not None and s.hire_by is not None:  # past the plan's day: they open with the decision
        late = tr("report.step_hire_late", date=fmt_date(s.hire_by, lang))
        steps += [(s.prepared_on, late, tr("report.source_plan")),
                  (ready, tr("report.step_ready"), tr("report.source_plan"))]
    elif s.hire_by is not None:
        steps.append((s.hire_by, tr("report.step_hire"), tr("report.source_plan")))
    steps += [(s.period_start, tr("report.step_start"), tr("report.source_plan")),
              (s.period_end, tr("report.step_end"), tr("report.source_plan"))]
    steps += [(m.day, m.what, tr("report.source_you")) for m in s.strategy.milestones]
    steps.sort(key=lambda step: step[0])
    rows = tuple((fmt_date(day, lang), what, source) for day, what, source in steps)
    facts = () if s.strategy.milestones else (tr("report.timeline_none"),)
    columns = (tr("report.col_date"), tr("report.col_milestone"), tr("report.col_source"))
    return Section("timeline", tr("report.sec_timeline"), s.text("timeline"), facts,
                   (Table("timeline.steps", columns, rows),))


def budget_series(s: StrategySummary, months: tuple[str, ...], weeks: tuple[float, ...]) -> tuple[Series, ...]:
    """The approved budget per month of the period (pro rata for a part month), when set."""
    budget = s.strategy.approved_budget_eur_per_month
    if budget is None:
        return ()
    per_week = budget * 12.0 / 52.0
    return (Series(tr_for(s.language)("report.series_approved"), tuple(rounded(per_week * w, 0) for w in weeks)),)


def budget_facts(s: StrategySummary) -> tuple[str, ...]:
    """The scenario's cost per month against the approved budget."""
    gap = _monthly_budget_gap(s)
    figures = _figures(s)
    if gap is None or figures is None:
        return (tr_for(s.language)("report.budget_not_set"),)
    lang = s.language
    key = "report.budget_over" if gap > 0.5 else "report.budget_within"
    return (tr_for(lang)(key, cost=fmt_eur(figures[1].cost_eur_per_month, lang),
                         budget=fmt_eur(s.strategy.approved_budget_eur_per_month, lang),
                         gap=fmt_eur(abs(gap), lang),
                         share=fmt_pct(abs(gap) / s.strategy.approved_budget_eur_per_month, 1, lang)
                         if s.strategy.approved_budget_eur_per_month else _DASH),)
