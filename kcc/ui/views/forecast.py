"""Sections of the Forecast page: the method line and the event calendar editor."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kcc import store
from kcc.access import Action
from kcc.config import CHANNELS
from kcc.events import EVENT_KINDS, EventError
from kcc.forecast import ForecastResult
from kcc.ui import access
from kcc.ui import forecast_cache as cache
from kcc.ui.state import Translator
from kcc.ui.widgets import channel_label, date_format, error_text, fmt_number, fmt_unit

#: Session key (no widget owns it) carrying "calendar saved" across the rerun.
SAVED_NOTE_KEY = "forecast.events_saved_n"


def method_line(tr: Translator, result: ForecastResult) -> str:
    """The method used and, for "auto", why: the backtest table's lowest daily MASE, or the
    inner backtest when the history is too short for the table."""
    line = tr("forecast.used_method_line", method=tr(f"forecast.method_{result.method}"))
    if result.selected_by == "backtest":
        chosen = result.selection[result.selection["chosen"]]
        mase = float(chosen["mase"].iloc[0]) if len(chosen) else float("nan")
        return f"{line} · {tr('forecast.auto_by_backtest', mase=fmt_number(mase, 3))}"
    if result.selected_by == "inner":
        return f"{line} · {tr('forecast.auto_by_inner')}"
    return line


def event_calendar(con: store.Connection, tr: Translator, result: ForecastResult) -> None:
    """The learned uplifts and the stored event calendar, editable and saved as a whole."""
    st.subheader(tr("forecast.events_title"))
    st.caption(tr("forecast.events_explain"))
    may_edit = access.allowed(Action.EDIT_PLAN, tr)
    if result.learned_uplift_pct:
        items = ", ".join(
            f"{tr(f'forecast.kind_{k}')} {fmt_unit(v, '%', signed=True)}"
            for k, v in sorted(result.learned_uplift_pct.items())
        )
        st.caption(tr("forecast.learned_uplift", items=items))
    stored = cache.events(con)
    table = pd.DataFrame(
        {
            "name": stored["name"],
            "kind": stored["kind"],
            "start_date": stored["start_date"],
            "end_date": stored["end_date"],
            # object dtype: an empty calendar (a new centre) must still be a column of lists
            "channels": pd.Series([list(c) for c in stored["channels"]], index=stored.index, dtype=object),
            "uplift_pct": stored["uplift_pct"],
            "exclude_from_training": stored["exclude_from_training"].astype(bool),
        }
    )
    with st.form("forecast.events_form"):
        edited = st.data_editor(
            table, num_rows="dynamic", hide_index=True, key="forecast.events_editor",
            column_config={
                "name": st.column_config.TextColumn(tr("forecast.col_name"), required=True),
                "kind": st.column_config.SelectboxColumn(
                    tr("forecast.col_kind"), options=list(EVENT_KINDS), required=True,
                    format_func=lambda k: tr(f"forecast.kind_{k}"),
                ),
                "start_date": st.column_config.DateColumn(tr("forecast.col_start"), required=True,
                                                          format=date_format()),
                "end_date": st.column_config.DateColumn(tr("forecast.col_end"), required=True, format=date_format()),
                "channels": st.column_config.MultiselectColumn(
                    tr("forecast.col_channels"), options=list(CHANNELS),
                    format_func=lambda c: channel_label(c, tr),
                ),
                "uplift_pct": st.column_config.NumberColumn(
                    tr("forecast.col_uplift"), min_value=-100.0, max_value=1000.0, format="%.0f %%"
                ),
                "exclude_from_training": st.column_config.CheckboxColumn(tr("forecast.col_exclude")),
            },
        )  # fmt: skip
        save = st.form_submit_button(tr("forecast.save_events"), key="forecast.save_events",
                                     disabled=not may_edit)
    if save:
        try:
            saved = cache.save_events(con, edited, stored)
        except (EventError, store.StoreError) as error:
            st.error(tr("forecast.events_invalid", error=error_text(error)))
        else:
            # Rerun so the editor starts from the stored calendar; the note survives the rerun.
            st.session_state[SAVED_NOTE_KEY] = saved
            st.rerun()
    if SAVED_NOTE_KEY in st.session_state:
        st.success(tr("forecast.events_saved", n=st.session_state.pop(SAVED_NOTE_KEY)))
