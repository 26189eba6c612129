"""Erlang calculator: one interval of calls or of chat, every target, the service curve and the
formulas (``kcc.ui.views.calculator``)."""

from __future__ import annotations

import streamlit as st

from kcc.ui.state import init_page
from kcc.ui.views import calculator

con, tr = init_page("calculator")

st.title(tr("calc.title"))
st.caption(tr("calc.intro"))

mode = st.radio(tr("calc.mode"), calculator.MODES, format_func=lambda m: tr(f"calc.mode_{m}"),
                horizontal=True, key="calc.mode")
if mode == "chat":
    calculator.chat_calculator(tr, con)
else:
    calculator.erlang_calculator(tr)
