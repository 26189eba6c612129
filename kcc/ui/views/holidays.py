"""The Forecast page's list of the horizon's public holidays: the treatment each gets and one
click to mark it closed or reduced (saved per centre, ``kcc.store.HOLIDAY_TREATMENTS_KEY``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kcc import plan, store
from kcc.access import Action
from kcc.formatting import escape_markdown
from kcc.ui import access, forecast_cache
from kcc.ui.state import Translator
from kcc.ui.widgets import fmt_day


def treatment_text(tr: Translator, basis: str, factor: float, share: float | None) -> str:
    """What the forecast assumes for a holiday, in the reader's language."""
    if basis == "closed":
        return tr("holidays.closed")
    if basis == "reduced":
        return tr("holidays.reduced", pct=round(100 * (share if share is not None else factor)))
    if basis == "learned":
        return tr("holidays.learned", pct=round(100 * factor))
    return tr("holidays.unseen")


def horizon_holidays(con: store.Connection, tr: Translator, daily: pd.DataFrame) -> None:
    """One row per holiday of the forecast's horizon (``ForecastResult.daily``) with its
    treatment and the buttons that change it; nothing when the horizon has none (the section
    above it says so)."""
    rows = daily[daily["holiday"] != ""]
    if rows.empty:
        return
    st.subheader(tr("holidays.title"))
    st.caption(tr("holidays.intro"))
    locked = not access.allowed(Action.EDIT_PLAN, tr)
    treated = plan.holiday_treatments(store.read_settings(con))
    for row in rows.itertuples():
        day = pd.Timestamp(row.date).date().isoformat()
        share = treated.get(day)
        text = treatment_text(tr, str(row.holiday_basis), float(row.factor), share)
        cols = st.columns([3, 4, 1.3, 1.6, 1.3, 1.2], vertical_alignment="center")
        cols[0].markdown(f"**{fmt_day(row.date)}** · {escape_markdown(str(row.holiday))}")
        cols[1].markdown(text)
        choice: float | None | str = "keep"
        if cols[2].button(tr("holidays.mark_closed"), key=f"forecast.holiday.closed.{day}", disabled=locked):
            choice = 0.0
        pct = cols[3].number_input(tr("holidays.pct"), min_value=1, max_value=99, step=5,
                                   value=round(100 * share) if share else 50,
                                   key=f"forecast.holiday.pct.{day}", label_visibility="collapsed",
                                   disabled=locked)
        if cols[4].button(tr("holidays.mark_reduced"), key=f"forecast.holiday.reduced.{day}", disabled=locked):
            choice = int(pct) / 100
        if share is not None and cols[5].button(tr("holidays.reset"), key=f"forecast.holiday.reset.{day}",
                                                     disabled=locked):
            choice = None
        if choice != "keep":
            forecast_cache.save_holiday_treatment(con, day, choice if choice is None else float(choice))
            st.rerun()
