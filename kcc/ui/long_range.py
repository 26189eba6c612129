"""What a page that needs intervals says on a centre with series of day, week or month
totals, and the intraday-profile choice (saved per centre) that lets them be planned."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kcc import pipeline, store
from kcc.access import Action
from kcc.formatting import escape_markdown
from kcc.ui import access
from kcc.ui.state import Translator
from kcc.ui.widgets import series_label

_STANDARD = "standard"


def _names(tr: Translator, rows: pd.DataFrame) -> str:
    return ", ".join(escape_markdown(series_label(c, str(q), tr))
                     for c, q in zip(rows["channel"], rows["queue"], strict=True))


def _what(tr: Translator, rows: pd.DataFrame) -> str:
    return ", ".join(tr(f"long_range.granularity.{g}") for g in dict.fromkeys(rows["granularity"]))


def _option(choice: dict | None) -> str:
    if choice is None or choice["source"] == _STANDARD:
        return _STANDARD
    return f"{choice['centre_id']}|{choice['channel']}|{choice['queue']}"


def _profile_name(tr: Translator, option: str, sources: pd.DataFrame) -> str:
    if option == _STANDARD:
        return tr("long_range.standard")
    centre_id, channel, queue = option.split("|", 2)
    names = dict(zip(sources["centre_id"].astype(str), sources["centre"], strict=True))
    return tr("long_range.of_series", centre=names.get(centre_id, centre_id),
              series=series_label(channel, queue, tr))


def _chooser(con: store.Connection, tr: Translator, page: str, choice: dict | None) -> None:
    sources = pipeline.profile_sources(con)
    options = [_STANDARD, *(f"{r.centre_id}|{r.channel}|{r.queue}" for r in sources.itertuples())]
    current = _option(choice)
    picked = st.selectbox(tr("long_range.profile"), options, key=f"{page}.long_range.profile",
                          index=options.index(current) if current in options else 0,
                          format_func=lambda o: _profile_name(tr, o, sources),
                          help=tr("long_range.profile_help"))
    if st.button(tr("long_range.use"), key=f"{page}.long_range.use", disabled=not access.can(Action.EDIT_PLAN),
                 help=access.reason(Action.EDIT_PLAN)):
        if picked == _STANDARD:
            value: dict = {"source": _STANDARD}
        else:
            centre_id, channel, queue = str(picked).split("|", 2)
            value = {"source": "series", "centre_id": int(centre_id), "channel": channel, "queue": queue}
        _use_profile(con, value)
        st.toast(tr("long_range.saved"))
        st.rerun()


@access.requires(Action.EDIT_PLAN)
def _use_profile(con: store.Connection, value: dict) -> None:
    store.write_setting(con, store.INTRADAY_PROFILE_KEY, value)


def interval_notice(con: store.Connection, tr: Translator, page: str,
                    series: pd.DataFrame) -> bool:
    """Say which series hold only day, week or month totals and how they are spread over
    intervals, with the profile choice; True when nothing can be planned yet (the centre has
    no interval series and no profile chosen), so the page stops after the notice.

    Parameters
    ----------
    series : pandas.DataFrame
        The centre's ``kcc.store.series_summary``.
    """
    long = pipeline.long_range_series(series)
    if long.empty:
        return False
    choice = pipeline.profile_choice(store.read_settings(con))
    if choice is None:
        st.warning(tr("long_range.needs_intervals", what=_what(tr, long), series=_names(tr, long)))
        _chooser(con, tr, page, choice)
        return len(long) == len(series)
    st.info(tr("long_range.spread_by", what=_what(tr, long), series=_names(tr, long),
               profile=_profile_name(tr, _option(choice), pipeline.profile_sources(con))))
    with st.expander(tr("long_range.change")):
        _chooser(con, tr, page, choice)
    return False
