"""Risk sections the Staffing and Overview pages share: the probability that each day (and week)
meets its service level with the roster as it is (``kcc.plan.service_risk``)."""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
import streamlit as st

from kcc import plan, store
from kcc.ui import plan_cache
from kcc.ui.state import Translator
from kcc.ui.widgets import channel_label, fmt_day, fmt_number, fmt_pct

#: Days from the plan's start the Staffing page shows the risk of. [days]
STAFFING_RISK_DAYS: Final[int] = 14
#: Days from the plan's start the Overview shows the risk of (the coming week). [days]
OVERVIEW_RISK_DAYS: Final[int] = 7


@st.cache_data(show_spinner=False, max_entries=16)
def _risk(the_plan: pd.DataFrame, settings: plan.PlanSettings, open_hours: dict[str, Any],
          days: int, freq: str) -> pd.DataFrame:
    """``kcc.plan.service_risk`` of the plan's first ``days`` days (from its start: the
    backlog of deferred work carries across days)."""
    if the_plan.empty:
        return pd.DataFrame(columns=list(plan.RISK_COLUMNS))
    first = the_plan["ds"].min()
    part = the_plan[the_plan["ds"] < first + pd.Timedelta(days=days)]
    return plan.service_risk(part, settings, freq, open_hours=open_hours)


def risk_frame(con: store.Connection, the_plan: pd.DataFrame,
               settings: plan.PlanSettings, days: int, freq: str = "D") -> pd.DataFrame:
    """The cached risk of the plan's first ``days`` days, per day or week."""
    hours = plan.service_hours(plan_cache.stored_settings(con))
    return _risk(the_plan, settings, hours, days, freq)


def _table(tr: Translator, risk: pd.DataFrame, period_label: str) -> pd.DataFrame:
    return pd.DataFrame({
        tr("common.channel"): [channel_label(c, tr) for c in risk["channel"]],
        period_label: [fmt_day(p) for p in risk["period"]],
        tr("risk.col_volume"): [fmt_number(v) for v in risk["volume"]],
        tr("risk.col_service_level"): [fmt_pct(v, 1) for v in risk["service_level"]],
        tr("risk.col_target"): [fmt_pct(v, 0) for v in risk["target"]],
        tr("risk.col_p_meet"): [fmt_pct(v, 0) for v in risk["p_meet"]],
    })


def day_risk(con: store.Connection, tr: Translator, the_plan: pd.DataFrame,
             settings: plan.PlanSettings, channel: str) -> None:
    """Staffing page: per day of the first two weeks, the chance the channel meets its target."""
    st.markdown("**" + tr("risk.title_days", days=STAFFING_RISK_DAYS) + "**")
    # the channel shown only: a carried queue's risk costs about a second per channel (WhatsApp
    # on the demo), once its tab opens
    with st.spinner(tr("risk.computing")):
        risk = risk_frame(con, the_plan[the_plan["channel"] == channel], settings, STAFFING_RISK_DAYS)
    rows = risk[(risk["channel"] == channel) & risk["p_meet"].notna()]
    if rows.empty:
        st.info(tr("risk.none"))
        return
    st.dataframe(_table(tr, rows, tr("risk.col_day")), hide_index=True, width="stretch",
                 key="staffing.risk_days")
    st.caption(tr("risk.note", correlation=fmt_pct(plan.DAY_ERROR_CORRELATION, 0)))


def week_risk(con: store.Connection, tr: Translator, the_plan: pd.DataFrame,
              settings: plan.PlanSettings) -> None:
    """Overview: the coming week per channel, and per day, the chance it meets its target."""
    st.subheader(tr("risk.title_week"))
    # the coming seven days as one period, as the tiles above count them: a plan that starts
    # on a Saturday would otherwise give each channel two tiles, its weekend and its weekdays
    week = risk_frame(con, the_plan, settings, OVERVIEW_RISK_DAYS, "all")
    week = week[week["p_meet"].notna()]
    if week.empty:
        st.info(tr("risk.none"))
        return
    cols = st.columns(max(1, len(week)))
    for col, (_, row) in zip(cols, week.iterrows(), strict=False):
        col.metric(channel_label(str(row["channel"]), tr), fmt_pct(row["p_meet"], 0),
                   help=tr("risk.metric_help", target=fmt_pct(row["target"], 0),
                           sl=fmt_pct(row["service_level"], 1)))
    days = risk_frame(con, the_plan, settings, OVERVIEW_RISK_DAYS)
    days = days[days["p_meet"].notna()]
    if len(days):
        with st.expander(tr("risk.per_day")):
            st.dataframe(_table(tr, days, tr("risk.col_day")), hide_index=True, width="stretch",
                         key="overview.risk_days")
    st.caption(tr("risk.note", correlation=fmt_pct(plan.DAY_ERROR_CORRELATION, 0)))
