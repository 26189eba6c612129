"""Sections of the Overview (home) page: what is loaded, the coming week and month, the worst
gaps, what drives missed targets and cost, and how fresh the data is. Every widget has an
explicit ``overview.*`` key."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kcc import config, plan
from kcc.formatting import escape_markdown
from kcc.report import finding_text
from kcc.ui.state import Translator
from kcc.ui.views.staffing import channel_order, ftes, with_unit
from kcc.ui.widgets import (
    TILE,
    channel_label,
    fmt_compact,
    fmt_day,
    fmt_moment,
    fmt_number,
    fmt_pct,
    fmt_unit,
    person_label,
)

# --------------------------------------------------------------------------- overview


def loaded_summary(tr: Translator, summary: pd.DataFrame) -> None:
    """Period, channels and volumes of the loaded history."""
    start = summary["first_ds"].min().tz_localize(None).date() if summary["first_ds"].dt.tz is not None \
        else summary["first_ds"].min().date()
    end = summary["last_ds"].max().tz_localize(None).date() if summary["last_ds"].dt.tz is not None \
        else summary["last_ds"].max().date()
    st.markdown(tr("common.data_period", start=fmt_day(start), end=fmt_day(end)))
    per = summary.groupby("channel", sort=False).agg(offered=("offered", "sum"), days=("days", "max"))
    per = per.loc[channel_order(per.index)]
    cols = st.columns(max(len(per), 1))
    for col, (channel, row) in zip(cols, per.iterrows(), strict=False):
        col.metric(
            with_unit(channel_label(str(channel), tr), tr("common.unit_contacts")),
            fmt_number(row["offered"]),
            help=tr("overview.per_day", value=fmt_unit(row["offered"] / max(row["days"], 1),
                                                        tr("overview.unit_contacts_per_day"))),
            **TILE,
        )


def tiles_row(tr: Translator, tiles: pd.DataFrame, period: str) -> None:
    """KPI tiles of the coming week or month (all channels), with the per-channel table."""
    if tiles.empty:
        return
    total = tiles[tiles["channel"] == "all"].iloc[0]
    end = (total["end"] - pd.Timedelta(days=1)).date()
    st.subheader(tr(f"overview.tiles_{period}", start=fmt_day(total["start"]), end=fmt_day(end)))
    per = "week" if period == "week" else "month"
    cols = st.columns([1.15, 0.9, 1.0, 1.25, 1.05])
    # the same labels and definitions as the Staffing and scenario pages, units in the labels
    cols[0].metric(tr(f"common.kpi_contacts_{per}"), fmt_number(total["contacts"]), **TILE)
    short = total["rostered_fte"] < total["required_fte"] - 0.05
    cols[1].metric(tr("common.kpi_rostered_fte"), fmt_number(total["rostered_fte"], 1),
                   delta=tr("overview.fte_required", value=fmt_number(total["required_fte"], 1)),
                   delta_color="red" if short else "green", delta_arrow="off", **TILE)
    cols[2].metric(tr("common.kpi_sl_roster"), fmt_pct(total["service_level"]), **TILE)
    cols[3].metric(tr("common.kpi_abandon_roster"), fmt_pct(total["p_abandon"]), **TILE)
    cols[4].metric(tr(f"common.kpi_cost_roster_{per}"), fmt_compact(total["cost_rostered_eur"]),
                   delta=tr("overview.cost_required", value=fmt_compact(total["cost_required_eur"])),
                   delta_color="off", delta_arrow="off", **TILE)
    st.caption(tr("overview.tile_fte_help") + " " + tr("common.kpi_sl_help"))
    per = tiles[tiles["channel"] != "all"]
    with st.expander(tr("overview.per_channel")):
        st.dataframe(pd.DataFrame({
            tr("common.channel"): [channel_label(c, tr) for c in per["channel"]],
            tr(f"common.kpi_contacts_{'week' if period == 'week' else 'month'}"): [
                fmt_number(v) for v in per["contacts"]
            ],
            tr("staffing.col_required_fte"): ftes(tr, per["required_fte"]),
            tr("staffing.col_rostered_fte"): ftes(tr, per["rostered_fte"]),
            tr("common.kpi_sl_roster"): [fmt_pct(v) for v in per["service_level"]],
            tr("common.kpi_abandon_roster"): [fmt_pct(v) for v in per["p_abandon"]],
            tr("staffing.cost_required"): [fmt_unit(v, "EUR", unit_first=True) for v in per["cost_required_eur"]],
            tr("staffing.cost_rostered"): [fmt_unit(v, "EUR", unit_first=True) for v in per["cost_rostered_eur"]],
        }), hide_index=True, width="stretch", key=f"overview.per_channel_{period}")


def worst_gaps_list(tr: Translator, gaps: pd.DataFrame) -> None:
    """The worst understaffed periods, each with a link to the Staffing page."""
    if gaps.empty:
        st.success(tr("overview.no_gaps"))
        return
    for number, row in enumerate(gaps.itertuples(), start=1):
        start = row.start.tz_localize(None)
        end = row.end.tz_localize(None)
        # the end is exclusive: a run to midnight ends at 24:00 of its last day
        last_day = (end - pd.Timedelta(minutes=1)).normalize()
        end_time = "24:00" if end == last_day + pd.Timedelta(days=1) else end.strftime("%H:%M")
        fields = {
            "n": number, "channel": channel_label(row.channel, tr),
            "weekday": tr(f"common.weekday_{start.weekday()}"), "date": fmt_day(start),
            "start": start.strftime("%H:%M"), "end": end_time,
            "hours": fmt_unit(row.short_agent_hours, tr("staffing.unit_agent_hours"), 1),
            "agents": fmt_unit(row.max_short_agents, tr("common.unit_agents")),
            "sl": fmt_pct(row.service_level),
        }
        cols = st.columns([4, 1])
        if last_day == start.normalize():
            cols[0].markdown(tr("overview.gap_line", **fields))
        else:  # a run across midnight (a centre open at night, or no roster yet) names its last day
            cols[0].markdown(tr("overview.gap_line_days", end_weekday=tr(f"common.weekday_{last_day.weekday()}"),
                                end_date=fmt_day(last_day), **fields))
        with cols[1]:
            page_link(tr, row.channel, start.strftime("%Y-%m-%d"), number)


def page_link(tr: Translator, channel: str, day: str, number: int) -> None:
    """Link to the Staffing page opened on ``channel`` and ``day``."""
    try:
        st.page_link("pages/staffing.py", label=tr("overview.open_staffing"),
                     icon=":material/groups:", query_params={"channel": channel, "day": day})
    except Exception:  # noqa: BLE001 - a page run alone (tests) has no navigation to link into
        st.markdown(f"[{tr('overview.open_staffing')}](staffing?channel={channel}&day={day})")


def _age_text(tr: Translator, age_days: int) -> str:
    """How long ago an import was, as people say it: today, yesterday, 12 days ago."""
    if age_days <= 0:
        return tr("overview.age_today")
    if age_days == 1:
        return tr("overview.age_yesterday")
    return tr("overview.age_days", age=fmt_unit(age_days, tr("overview.unit_days")))


def freshness(tr: Translator, last: pd.Series | None, summary: pd.DataFrame, zone: str | None = None) -> None:
    """When the data was last imported, by whom, and how far it reaches; the moment and its age
    on the wall clock of ``zone`` (the centre's; default ``kcc.config.timezone()``)."""
    zone = zone or config.timezone()
    last_ds = summary["last_ds"].max()
    last_ds = last_ds.tz_localize(None) if last_ds.tzinfo is not None else last_ds
    if last is None:
        st.markdown(tr("overview.no_imports"))
        return
    imported = pd.Timestamp(last["imported_at"])
    imported_local = imported.tz_convert(zone).tz_localize(None) if imported.tzinfo is not None else imported
    age_days = (pd.Timestamp.now(tz=zone).tz_localize(None) - imported_local).days
    st.markdown(tr(
        "overview.freshness_text",
        file=escape_markdown(last["file_name"]), user=escape_markdown(person_label(last["imported_by"], tr)),
        when=fmt_moment(imported_local),
        age=_age_text(tr, age_days),
        rows=fmt_unit(last["rows_imported"], tr("overview.unit_rows")),
        until=fmt_moment(last_ds),
    ))


# --------------------------------------------------------------------------- findings


@st.cache_data(show_spinner=False, max_entries=4)
def _findings(_plan: pd.DataFrame, key: object, settings: plan.PlanSettings) -> plan.Findings:
    return plan.plan_findings(_plan, settings)


def findings_list(tr: Translator, the_plan: pd.DataFrame, settings: plan.PlanSettings, key: object) -> None:
    """The largest drivers of missed targets and of cost, in plain words from the plan's numbers
    (the board summary says the same)."""
    found = _findings(the_plan, key, settings)
    lang = str(st.session_state["lang"])
    if not found.misses and not found.costs:
        st.caption(tr("report.findings_none"))
        return
    left, right = st.columns(2)
    for column, title, items in ((left, "overview.findings_misses", found.misses),
                                 (right, "overview.findings_costs", found.costs)):
        column.markdown(f"**{tr(title)}**")
        column.markdown("\n".join(f"{n}. {escape_markdown(finding_text(f, lang, found.weeks))}"
                                  for n, f in enumerate(items, start=1)) or tr("report.findings_none"))
