"""Sections of the Forecast page: the settings form, the method line and the event calendar
editor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from kcc import store
from kcc.access import Action
from kcc.config import CHANNELS
from kcc.events import COMMON_COUNTRIES, EVENT_KINDS, EventError
from kcc.forecast import METHODS, ForecastResult
from kcc.period_forecast import PeriodForecast, period_grain
from kcc.ui import access
from kcc.ui import forecast_cache as cache
from kcc.ui.state import Translator
from kcc.ui.widgets import channel_label, date_format, error_text, fmt_number, fmt_unit, series_label, series_options

#: Session key (no widget owns it) carrying "calendar saved" across the rerun.
SAVED_NOTE_KEY = "forecast.events_saved_n"


#: Horizon of a weekly or monthly series: default and most, in its periods (a quarter of
#: weeks; the Capacity plan's 18 months).
PERIOD_HORIZONS: dict[str, tuple[int, int]] = {"week": (13, 104), "month": (18, 36)}


@dataclass(frozen=True)
class ForecastChoice:
    """What the settings form asks for: the series (its ``grain``, ``"week"`` or ``"month"``
    when it holds such totals, else None), the horizon (days, or weeks or months for a
    ``grain``), method and holiday country, and the distinct days the series has rows on (its
    weeks or months for a ``grain``: one row each)."""

    channel: str
    queue: str
    grain: str | None
    horizon: int
    method: str
    country: str
    days: int


def _horizon_input(where: Any, tr: Translator, grain: str | None) -> int:
    if grain is None:
        return int(where.number_input(
            tr("forecast.horizon_days"), min_value=1, max_value=365, value=28, step=7,
            key="forecast.horizon_days", help=tr("forecast.horizon_help"),
        ))  # fmt: skip
    default, most = PERIOD_HORIZONS[grain]
    return int(where.number_input(
        tr(f"forecast.horizon_{grain}s"), min_value=1, max_value=most, value=default, step=1,
        key=f"forecast.horizon_{grain}s", help=tr(f"forecast.horizon_{grain}s_help"),
    ))  # fmt: skip


def settings_form(tr: Translator, summary: pd.DataFrame) -> ForecastChoice:
    """The series, horizon, method and holiday country (``kcc.store.series_summary`` rows as
    options). A series of week or month totals takes its horizon in weeks or months; the
    monthly model uses no method or holidays, so they are greyed out for it."""
    options = series_options(summary)
    with st.form("forecast.form"):
        left, mid, right, far = st.columns(4)
        picked = left.selectbox(
            tr("forecast.series"), options, key="forecast.series",
            format_func=lambda o: series_label(o.split("|")[0], o.split("|")[1], tr),
        )  # fmt: skip
        row = summary.iloc[options.index(picked)]
        grain = period_grain(int(row["interval_min"]))
        horizon = _horizon_input(mid, tr, grain)
        method = right.selectbox(
            tr("forecast.method"), METHODS, key="forecast.method",
            format_func=lambda m: tr(f"forecast.method_{m}"), disabled=grain == "month",
        )  # fmt: skip
        country = far.selectbox(tr("forecast.country"), COMMON_COUNTRIES, key="forecast.country",
                                disabled=grain == "month")
        st.form_submit_button(tr("forecast.run"), key="forecast.run")
    channel, queue = str(picked).split("|", 1)
    return ForecastChoice(channel, queue, grain, horizon, str(method), str(country), int(row["days"]))


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


def event_calendar(con: store.Connection, tr: Translator, result: ForecastResult | PeriodForecast) -> None:
    """The learned uplifts (of a forecast per day, or per week or month) and the stored event
    calendar, editable and saved as a whole."""
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
