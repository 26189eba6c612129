"""Findings (``kcc.plan.plan_findings``) in plain words, English or Dutch."""

from __future__ import annotations

from kcc.formatting import fmt_eur, fmt_number, fmt_pct, fmt_unit
from kcc.i18n import t
from kcc.plan.findings import Finding
from kcc.report.wording import channel_name


def _hour(value: float) -> str:
    return f"{int(value):02d}:00"


def _fte(value: float, lang: str) -> str:
    return f"{fmt_number(value, 1, lang)} {t('report.axis_fte', lang)}"


def finding_text(finding: Finding, lang: str, weeks: float = 0.0) -> str:
    """One finding as a sentence in ``lang``.

    Parameters
    ----------
    finding : kcc.plan.Finding
    lang : {"en", "nl"}
    weeks : float
        Length of the plan period, for the cost findings. [weeks]

    Returns
    -------
    str
    """
    n = finding.number
    name = channel_name(finding.channel, lang)
    kind = finding.kind
    if kind == "shape_mismatch":
        text = t("report.finding_shape_mismatch", lang, rostered=_fte(n("rostered_fte"), lang),
                 required=_fte(n("required_fte"), lang), channel=name,
                 achieved=fmt_pct(n("achieved"), 1, lang), target=fmt_pct(n("target"), 0, lang))
        if finding.other:
            text += " " + t("report.finding_shape_other", lang, channel=name, short=_fte(n("short_fte"), lang),
                            other=channel_name(finding.other, lang),
                            surplus=_fte(n("other_surplus_fte"), lang))
        return text
    if kind == "short_total":
        return t("report.finding_short_total", lang, rostered=_fte(n("rostered_fte"), lang),
                 required=_fte(n("required_fte"), lang), channel=name,
                 achieved=fmt_pct(n("achieved"), 1, lang), target=fmt_pct(n("target"), 0, lang))
    if kind == "short_day":
        return t("report.finding_short_day", lang, weekday=t(f"common.weekday_{int(n('weekday'))}", lang),
                 channel=name, share=fmt_pct(n("share"), 0, lang), missed=fmt_number(n("missed"), 0, lang),
                 total=fmt_number(n("channel_missed"), 0, lang))
    if kind == "short_peak":
        key = "report.finding_short_peak" if n("over_share") > 0 else "report.finding_short_peak_only"
        return t(key, lang, channel=name, start=_hour(n("start_h")), end=_hour(n("end_h")),
                 over_start=_hour(n("over_start_h")), over_end=_hour(n("over_end_h")),
                 share=fmt_pct(n("share"), 0, lang), missed=fmt_number(n("missed"), 0, lang))
    if kind == "channel_cost":
        return t("report.finding_channel_cost", lang, channel=name, share=fmt_pct(n("share"), 0, lang),
                 cost=fmt_eur(n("cost_eur"), lang), weeks=fmt_number(weeks, 0, lang),
                 volume=fmt_number(n("volume"), 0, lang),
                 per_contact=fmt_unit(n("eur_per_contact"), "EUR", 2, lang, unit_first=True))
    if kind == "surplus_cost":
        return t("report.finding_surplus_cost", lang, channel=name, hours=fmt_number(n("over_h"), 0, lang),
                 fte=_fte(n("over_fte"), lang), cost=fmt_eur(n("cost_eur"), lang),
                 share=fmt_pct(n("weekday_share"), 0, lang),
                 weekday=t(f"common.weekday_{int(n('weekday'))}", lang))
    if kind == "scenario_delta":
        key = "report.finding_delta_saves" if n("delta_eur") < 0 else "report.finding_delta_adds"
        return t(key, lang, channel=name, cost=fmt_eur(abs(n("delta_eur")), lang),
                 fte=_fte(abs(n("delta_fte")), lang))
    raise ValueError(f"unknown finding kind {kind!r}")
