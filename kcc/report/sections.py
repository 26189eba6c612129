"""The summary laid out as sections of facts, tables and charts, in the summary's language.

``layout`` turns a ``StrategySummary`` into one ``Section`` per entry of ``SECTIONS``; every
renderer draws these same sections, so the deck, the PDF, the web page, the workbook's summary
sheet and the Markdown say the same thing. Cells are formatted text here; charts carry the
values they show, rounded as the tables show them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date
from typing import Final

import pandas as pd

from kcc.formatting import fmt_date, fmt_eur, fmt_month, fmt_number, fmt_pct, fmt_unit
from kcc.i18n import t
from kcc.report.blocks import (
    Chart,
    Section,
    Series,
    Table,
    facts_and_text,
    numeric_columns,
    pct_value,
    rounded,
)
from kcc.report.model import SECTIONS, StrategySummary
from kcc.report.story import (
    budget_facts,
    budget_series,
    calamity_section,
    decision_section,
    fcr_facts,
    findings_section,
    people_section,
    quality_table,
    role_section,
    summary_section,
    timeline_section,
)
from kcc.report.wording import channel_name, finite, tr_for
from kcc.simulation import agreement

__all__ = ["DIGITAL_CHANNELS", "Chart", "Section", "Series", "Table", "facts_and_text", "layout",
           "numeric_columns", "prepared_line", "subtitle"]

#: Channels counted as digital (not phone) when the report speaks of the channel mix.
DIGITAL_CHANNELS: Final[frozenset[str]] = frozenset({"chat", "email", "whatsapp", "self_service"})

_DASH: Final[str] = "-"


def _delta_pct(base: float, scen: float, lang: str) -> str:
    if not base:
        return _DASH
    change = (scen - base) / base
    return ("+" if change >= 0 else "") + fmt_pct(change, 1, lang)


def _goals_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = tr_for(lang)
    columns = (
        tr("report.col_channel"), tr("report.col_target_sl"), tr("report.col_answer_s"),
        tr("report.col_target_asa"), tr("report.col_max_abandon"), tr("report.col_max_occupancy"),
        tr("report.col_response_h"),
    )
    rows = tuple(
        (
            channel_name(g.channel, lang),
            fmt_number(pct_value(g.target_service_level), 1, lang),
            fmt_number(g.answer_time_s, 0, lang),
            fmt_number(g.target_asa_s, 0, lang),
            fmt_number(pct_value(g.max_abandon), 1, lang),
            fmt_number(pct_value(g.max_occupancy), 1, lang),
            fmt_number(g.response_time_h, 2 if finite(g.response_time_h) and g.response_time_h < 1 else 1, lang),
        )
        for g in s.goals
    )
    targets = {g.channel: g.target_service_level for g in s.goals}
    live = [c for c in s.channels if finite(c.service_level_base) or finite(c.service_level_scen)]
    facts = tuple(
        tr(
            "report.fact_sl",
            channel=channel_name(c.channel, lang),
            scen=fmt_pct(c.service_level_scen, 1, lang),
            target=fmt_pct(targets.get(c.channel), 1, lang),
            base=fmt_pct(c.service_level_base, 1, lang),
            abandon_scen=fmt_pct(c.abandon_scen, 1, lang),
            abandon_base=fmt_pct(c.abandon_base, 1, lang),
        )
        for c in live
    )
    charts: tuple[Chart, ...] = ()
    sl_label = tr("report.kpi_in_time_roster")  # the service the roster as it is delivers, in plain words
    if live:
        charts = (
            Chart(
                "goals.sl", tr("report.chart_sl"), "bar",
                tuple(channel_name(c.channel, lang) for c in live),
                (
                    Series(tr("report.series_target"), tuple(pct_value(targets.get(c.channel)) for c in live)),
                    Series(tr("report.label_base", label=sl_label),
                           tuple(pct_value(c.service_level_base) for c in live)),
                    Series(tr("report.label_scen", label=sl_label),
                           tuple(pct_value(c.service_level_scen) for c in live)),
                ),
                tr("report.axis_pct"),
            ),
        )
    return Section("goals", tr("report.sec_goals"), s.text("goals"), (*facts, *fcr_facts(s)),
                   (Table("goals.targets", columns, rows), quality_table(s)), charts)


def _channels_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = tr_for(lang)
    total_base = sum(c.volume_base for c in s.channels) or math.nan
    total_scen = sum(c.volume_scen for c in s.channels) or math.nan
    rows = tuple(
        (
            channel_name(c.channel, lang),
            fmt_number(c.volume_base, 0, lang),
            fmt_number(c.volume_scen, 0, lang),
            fmt_number(100.0 * c.volume_base / total_base, 1, lang),
            fmt_number(100.0 * c.volume_scen / total_scen, 1, lang),
        )
        for c in s.channels
    )
    columns = (
        tr("report.col_channel"), tr("report.col_volume_base"), tr("report.col_volume_scen"),
        tr("report.col_share_base"), tr("report.col_share_scen"),
    )
    digital_base = sum(c.volume_base for c in s.channels if c.channel in DIGITAL_CHANNELS) / total_base
    digital_scen = sum(c.volume_scen for c in s.channels if c.channel in DIGITAL_CHANNELS) / total_scen
    facts = (tr("report.fact_mix", base=fmt_pct(digital_base, 1, lang), scen=fmt_pct(digital_scen, 1, lang)),)
    chart = Chart(
        "channels.volume", tr("report.chart_volume"), "bar",
        tuple(channel_name(c.channel, lang) for c in s.channels),
        (
            Series(tr("report.series_volume_base"), tuple(rounded(c.volume_base, 0) for c in s.channels)),
            Series(tr("report.series_volume_scen"), tuple(rounded(c.volume_scen, 0) for c in s.channels)),
        ),
        tr("report.axis_contacts"),
    )
    return Section("channels", tr("report.sec_channels"), s.text("channels"), facts,
                   (Table("channels.mix", columns, rows),), (chart,))


def _weighted(values: Iterable[float | None], weights: Iterable[float]) -> float | None:
    pairs = [(v, w) for v, w in zip(values, weights, strict=True) if finite(v) and w > 0]
    total = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / total if total > 0 else None


def _hours_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = tr_for(lang)
    columns = (
        tr("report.col_channel"), tr("report.col_hours_base"), tr("report.col_hours_scen"),
        tr("report.col_reach_base"), tr("report.col_reach_scen"),
    )
    rows = tuple(
        (
            channel_name(c.channel, lang),
            c.hours_base or _DASH,
            c.hours_scen or _DASH,
            fmt_number(pct_value(c.reach_base), 1, lang),
            fmt_number(pct_value(c.reach_scen), 1, lang),
        )
        for c in s.channels
    )
    reach_base = _weighted((c.reach_base for c in s.channels), (c.volume_base for c in s.channels))
    reach_scen = _weighted((c.reach_scen for c in s.channels), (c.volume_scen for c in s.channels))
    facts = (tr("report.fact_reach", base=fmt_pct(reach_base, 1, lang), scen=fmt_pct(reach_scen, 1, lang)),)
    with_reach = [c for c in s.channels if finite(c.reach_base) or finite(c.reach_scen)]
    charts: tuple[Chart, ...] = ()
    if with_reach:
        charts = (
            Chart(
                "hours.reach", tr("report.chart_reach"), "bar",
                tuple(channel_name(c.channel, lang) for c in with_reach),
                (
                    Series(tr("report.series_reach_base"), tuple(pct_value(c.reach_base) for c in with_reach)),
                    Series(tr("report.series_reach_scen"), tuple(pct_value(c.reach_scen) for c in with_reach)),
                ),
                tr("report.axis_pct"),
            ),
        )
    return Section("hours", tr("report.sec_hours"), s.text("hours"), facts,
                   (Table("hours.table", columns, rows),), charts)


def _plan_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = tr_for(lang)
    tot = s.totals()
    contacts, fte = tr("report.axis_contacts"), tr("report.axis_fte")
    facts = (
        tr("report.fact_period", start=fmt_date(s.period_start, lang), end=fmt_date(s.period_end, lang),
           weeks=fmt_number(s.weeks, 0, lang)),
        tr("report.fact_volume", base=fmt_unit(tot["volume_base"], contacts, 0, lang),
           scen=fmt_unit(tot["volume_scen"], contacts, 0, lang),
           delta=_delta_pct(tot["volume_base"], tot["volume_scen"], lang)),
        tr("report.fact_fte", base=fmt_unit(tot["fte_base"], fte, 1, lang),
           scen=fmt_unit(tot["fte_scen"], fte, 1, lang),
           rostered=fmt_unit(tot["fte_rostered"], fte, 1, lang)),
        tr("report.fact_cost", base=fmt_eur(tot["cost_base_eur"], lang), scen=fmt_eur(tot["cost_scen_eur"], lang),
           delta=fmt_eur(tot["cost_scen_eur"] - tot["cost_base_eur"], lang, signed=True)),
    )
    columns = (
        tr("report.col_channel"), tr("report.col_volume_scen"), tr("report.col_fte_base"),
        tr("report.col_fte_scen"), tr("report.col_fte_rostered"), tr("report.col_gap_fte"),
    )
    rows = tuple(
        (
            channel_name(c.channel, lang),
            fmt_number(c.volume_scen, 0, lang),
            fmt_number(c.required_fte_base, 1, lang),
            fmt_number(c.required_fte_scen, 1, lang),
            fmt_number(c.rostered_fte, 1, lang),
            fmt_number(c.rostered_fte - c.required_fte_scen, 1, lang),
        )
        for c in s.channels
    )
    weekly = s.budget_by_period("week", whole=True)  # a cut week is no weekly FTE (whole_weeks)
    chart = Chart(
        "plan.fte_week", tr("report.chart_fte_week"), "line",
        tuple(weekly["period"]),
        (
            Series(tr("report.series_fte_base"), tuple(rounded(v, 1) for v in weekly["fte_base"])),
            Series(tr("report.series_fte_scen"), tuple(rounded(v, 1) for v in weekly["fte_scen"])),
            Series(tr("report.series_fte_rostered"), tuple(rounded(v, 1) for v in weekly["fte_rostered"])),
        ),
        tr("report.axis_fte"),
    )
    tables = [Table("plan.channels", columns, rows)]
    if s.simulation is not None:
        tables.append(_simulation_table(s))
    extra = (_simulation_fact(s), _simulation_verdict(s)) if s.simulation is not None else ()
    return Section("plan", tr("report.sec_plan"), s.text("plan"), (*facts, *extra), tuple(tables),
                   (chart,))


def _simulation_fact(s: StrategySummary) -> str:
    """"Checked by simulation": the week, the runs and the confidence level."""
    check, lang = s.simulation, s.language
    assert check is not None
    return t("simulation.report_fact", lang, start=fmt_date(check.start, lang),
             end=fmt_date(check.end, lang), runs=check.replications, seed=check.seed,
             level=fmt_pct(check.confidence, 0, lang))


def _simulation_verdict(s: StrategySummary) -> str:
    """What the check found per channel, by the rule of the Staffing page's line
    (``kcc.simulation.agreement``): the model inside the simulated interval of the week, below
    it (the plan on the safe side) or above it (the plan promises more than the roster gives)."""
    check, lang = s.simulation, s.language
    assert check is not None
    week = pd.DataFrame([(c.channel, check.start, c.model_share, c.share, c.share_lo, c.share_hi)
                         for c in check.channels if finite(c.share_lo) and finite(c.model_share)],
                        columns=["channel", "day", "model_share", "share", "share_lo", "share_hi"])
    points = t("common.unit_points", lang)
    found = []
    for channel in week["channel"]:
        one, name = agreement(week, channel), channel_name(channel, lang)
        if one.optimistic:
            found.append(t("simulation.report_optimistic", lang, channel=name,
                           worse=fmt_unit(100 * one.most_worse, points, 1, lang)))
        elif one.cautious:
            found.append(t("simulation.report_cautious", lang, channel=name,
                           better=fmt_unit(100 * one.most_better, points, 1, lang)))
        else:
            found.append(t("simulation.report_within", lang, channel=name))
    return t("simulation.report_verdict", lang, channels="; ".join(found) or _DASH)


def _simulation_table(s: StrategySummary) -> Table:
    """Per channel the model's share and abandonment beside the simulated ones."""
    check, lang = s.simulation, s.language
    assert check is not None

    def share(value: float | None) -> str:
        return fmt_pct(value, 1, lang) if finite(value) else _DASH

    columns = (
        t("report.col_channel", lang), t("simulation.report_measure", lang),
        t("simulation.report_model", lang), t("simulation.report_sim", lang),
        t("simulation.report_interval", lang), t("simulation.report_abandon_model", lang),
        t("simulation.report_abandon_sim", lang),
    )
    rows = tuple(
        (
            channel_name(c.channel, lang),
            t(f"simulation.measure_{c.measure}", lang),
            share(c.model_share), share(c.share),
            f"{share(c.share_lo)} - {share(c.share_hi)}" if finite(c.share_lo) else _DASH,
            share(c.model_abandon), share(c.abandon),
        )
        for c in check.channels
    )
    return Table("plan.simulation", columns, rows, title=t("simulation.report_table", lang))


def _month_label(period: str, lang: str) -> str:
    """A month of the budget (``2026-11``) as the language writes months: ``11-2026`` in Dutch,
    as the capacity plan, the Staffing page and every Dutch date have it."""
    year, month = (int(part) for part in period.split("-"))
    return fmt_month(date(year, month, 1), lang)


def _budget_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = tr_for(lang)
    tot = s.totals()
    monthly = s.budget_by_period("month")
    months = tuple(_month_label(str(p), lang) for p in monthly["period"])
    columns = (
        tr("report.col_month"), tr("report.col_fte_base"), tr("report.col_fte_scen"),
        tr("report.col_fte_rostered"), tr("report.col_cost_base"), tr("report.col_cost_scen"),
        tr("report.col_cost_rostered"),
    )
    body = [
        (
            month,
            fmt_number(row.fte_base, 1, lang),
            fmt_number(row.fte_scen, 1, lang),
            fmt_number(row.fte_rostered, 1, lang),
            fmt_number(row.cost_base_eur, 0, lang),
            fmt_number(row.cost_scen_eur, 0, lang),
            fmt_number(row.cost_rostered_eur, 0, lang),
        )
        for month, row in zip(months, monthly.itertuples(), strict=True)
    ]
    body.append(
        (
            tr("report.total"),
            fmt_number(tot["fte_base"], 1, lang),
            fmt_number(tot["fte_scen"], 1, lang),
            fmt_number(tot["fte_rostered"], 1, lang),
            fmt_number(tot["cost_base_eur"], 0, lang),
            fmt_number(tot["cost_scen_eur"], 0, lang),
            fmt_number(tot["cost_rostered_eur"], 0, lang),
        )
    )
    facts = (
        tr("report.fact_budget_total", scen=fmt_eur(tot["cost_scen_eur"], lang),
           base=fmt_eur(tot["cost_base_eur"], lang), rostered=fmt_eur(tot["cost_rostered_eur"], lang)),
        tr("report.fact_contract", hours=fmt_number(s.contract_hours_per_week, 1, lang)),
        *budget_facts(s),
    )
    chart = Chart(
        "budget.cost_month", tr("report.chart_cost_month"), "bar",
        months,
        (
            Series(tr("report.series_cost_base"), tuple(rounded(v, 0) for v in monthly["cost_base_eur"])),
            Series(tr("report.series_cost_scen"), tuple(rounded(v, 0) for v in monthly["cost_scen_eur"])),
            Series(tr("report.series_cost_rostered"), tuple(rounded(v, 0) for v in monthly["cost_rostered_eur"])),
            *budget_series(s, tuple(monthly["period"]), tuple(float(w) for w in monthly["weeks"])),
        ),
        tr("report.axis_eur"),
    )
    return Section("budget", tr("report.sec_budget"), s.text("budget"), facts,
                   (Table("budget.month", columns, tuple(body), total=True),), (chart,))


def _item_value(value: float | str | None, unit: str, lang: str) -> str:
    if value is None:
        return t("report.not_set", lang)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return t("report.yes" if value else "report.no", lang)
    if unit == "%":
        return fmt_number(100.0 * value, 1, lang)
    decimals = 0 if float(value).is_integer() or abs(value) >= 100 else 2
    return fmt_number(value, decimals, lang)


def _flex_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = tr_for(lang)
    rows = tuple(
        (item.name, _item_value(item.values[0][1] if item.values else None, item.unit, lang), item.unit)
        for item in s.flex
    )
    columns = (tr("report.col_item"), tr("report.col_value"), tr("report.col_unit"))
    tables = (Table("flex.items", columns, rows),) if rows else ()
    facts = _flex_facts(s) if rows else (tr("report.fact_flex_none"),)
    return Section("flex", tr("report.sec_flex"), s.text("flex"), facts, tables)


def _flex_facts(s: StrategySummary) -> tuple[str, ...]:
    """Home-working blocks for short peaks, as the stress test uses them."""
    st = s.stress
    if st is None or not st.peak_backlog_without:
        return ()
    lang = s.language
    return (t("report.fact_flex_blocks", lang, without=fmt_number(st.peak_backlog_without, 0, lang),
              with_=fmt_number(st.peak_backlog_with, 0, lang), surge=fmt_pct(st.surge, 0, lang),
              channel=channel_name(st.channel, lang)),)


def _recovery_min(hours: float | None, lang: str) -> str:
    """The backlog's recovery in whole minutes, as the Strategy levers page shows it (in hours,
    a recovery of 2.5 minutes read "0.0 h", as if nothing had waited)."""
    return fmt_number(hours * 60.0, 0, lang) if hours is not None else t("report.not_recovered", lang)


def _recovery_text(hours: float | None, lang: str) -> str:
    if hours is None:
        return t("report.not_recovered", lang)
    return t("report.fact_recovered_after", lang, minutes=fmt_unit(hours * 60.0, t("common.unit_min", lang), lang=lang))


def _risks_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = tr_for(lang)
    facts = list(s.risks) or [tr("report.risk_none")]
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    st = s.stress

    if st is None:
        facts.append(tr("report.fact_no_stress"))
    else:
        facts.append(
            tr("report.fact_stress", surge=fmt_pct(st.surge, 0, lang),
               hours=f"{fmt_number(st.duration_h, 1, lang)} {tr('common.unit_h')}",
               channel=channel_name(st.channel, lang),
               without=_recovery_text(st.recovery_without_h, lang),
               with_=_recovery_text(st.recovery_with_h, lang))
        )
        rows = (
            (tr("report.stress_peak_backlog"), fmt_number(st.peak_backlog_without, 0, lang),
             fmt_number(st.peak_backlog_with, 0, lang)),
            (tr("report.stress_min_sl"), fmt_number(pct_value(st.service_level_without), 1, lang),
             fmt_number(pct_value(st.service_level_with), 1, lang)),
            (tr("report.stress_recovery"), _recovery_min(st.recovery_without_h, lang),
             _recovery_min(st.recovery_with_h, lang)),
            (tr("report.stress_extra_cost"), fmt_number(0.0, 0, lang), fmt_number(st.extra_cost_eur, 0, lang)),
        )
        tables = (Table("risks.stress", (tr("report.col_measure"), tr("report.col_without_flex"),
                                         tr("report.col_with_flex")), rows),)
        if st.hour_labels:
            charts = (
                Chart(
                    "risks.backlog", tr("report.chart_stress"), "line", st.hour_labels,
                    (
                        Series(tr("report.series_backlog_without"), tuple(rounded(v, 0) for v in st.backlog_without)),
                        Series(tr("report.series_backlog_with"), tuple(rounded(v, 0) for v in st.backlog_with)),
                    ),
                    tr("report.axis_contacts"),
                ),
            )
    return Section("risks", tr("report.sec_risks"), s.text("risks"), tuple(facts), tables, charts)


def _assumptions_section(s: StrategySummary) -> Section:
    lang = s.language
    tr = tr_for(lang)
    per_channel = [a for a in s.assumptions if a.per_channel]
    general = [a for a in s.assumptions if not a.per_channel]
    channels = [c.channel for c in s.channels] or list(dict.fromkeys(ch for a in per_channel for ch, _ in a.values))
    tables: list[Table] = []
    if per_channel:
        columns = (tr("report.col_item"), tr("report.col_unit"),
                   *(channel_name(c, lang) for c in channels), tr("report.col_source"))
        rows = tuple(
            (a.name, a.unit, *(_item_value(dict(a.values).get(c), a.unit, lang) if c in dict(a.values) else _DASH
                               for c in channels), a.source)
            for a in per_channel
        )
        tables.append(Table("assumptions.channel", columns, rows, title=tr("report.table_per_channel")))
    if general:
        columns = (tr("report.col_item"), tr("report.col_value"), tr("report.col_unit"), tr("report.col_source"))
        rows = tuple((a.name, _item_value(a.values[0][1] if a.values else None, a.unit, lang), a.unit, a.source)
                     for a in general)
        tables.append(Table("assumptions.general", columns, rows, title=tr("report.table_general")))
    return Section("assumptions", tr("report.sec_assumptions"), s.text("assumptions"),
                   (tr("report.fact_assumptions"),), tuple(tables))


_SECTION_BUILDERS: Final[dict[str, Callable[[StrategySummary], Section]]] = {
    "summary": summary_section,
    "decision": decision_section,
    "findings": findings_section,
    "role": role_section,
    "goals": _goals_section,
    "channels": _channels_section,
    "hours": _hours_section,
    "plan": _plan_section,
    "budget": _budget_section,
    "flex": _flex_section,
    "people": people_section,
    "risks": _risks_section,
    "calamity": calamity_section,
    "timeline": timeline_section,
    "assumptions": _assumptions_section,
}


#: Sections after ``SECTIONS`` that a summary may carry, each returning None when it does not
#: (``kcc.report.capacity`` adds the capacity and hiring plan).
OPTIONAL_SECTIONS: list[Callable[[StrategySummary], Section | None]] = []


def layout(summary: StrategySummary) -> tuple[Section, ...]:
    """Lay the summary out as sections, in ``SECTIONS`` order, then ``OPTIONAL_SECTIONS`` the
    summary carries; every renderer draws these.

    Parameters
    ----------
    summary : StrategySummary
        The summary.

    Returns
    -------
    tuple of Section
        One per entry of ``SECTIONS``, then the optional ones.
    """
    main = tuple(_SECTION_BUILDERS[key](summary) for key in SECTIONS)
    return main + tuple(s for s in (build(summary) for build in OPTIONAL_SECTIONS) if s is not None)


def subtitle(summary: StrategySummary) -> str:
    """``Scenario "X" against "Baseline" · start to end`` in the summary's language."""
    lang = summary.language
    return t("report.subtitle", lang, scenario=summary.scenario_name, baseline=summary.baseline_name,
             start=fmt_date(summary.period_start, lang), end=fmt_date(summary.period_end, lang))


def prepared_line(summary: StrategySummary) -> str:
    """``Prepared <date> by <user>``: the user's name, else the centre's; never "anonymous"."""
    lang = summary.language
    author = summary.prepared_by.strip() or summary.centre_name
    if not author:
        return t("report.generated_no_user", lang, date=fmt_date(summary.prepared_on, lang))
    return t("report.generated", lang, date=fmt_date(summary.prepared_on, lang), user=author)


