"""KCC Planner: the frame. Page config, navigation and the shared sidebar; nothing else."""

import streamlit as st

from kcc.ui.centres import centre_selector
from kcc.ui.state import ensure_session, mark_frame, translator
from kcc.ui.widgets import language_selector, user_name_input

st.set_page_config(page_title="KCC Planner", page_icon=":material/headset_mic:", layout="wide")
ensure_session()
mark_frame()
tr = translator(str(st.session_state["lang"]))


def _page(file: str, key: str, icon: str) -> st.Page:
    return st.Page(f"pages/{file}.py", title=tr(f"common.nav_{key}"), icon=icon, url_path=file)


OVERVIEW = _page("overview", "overview", ":material/dashboard:")


def _home() -> None:
    # The default page is served at "/" and has no path of its own, so every page keeps its
    # path (a link to /overview opens) and the root opens the Overview, keeping the parameters.
    st.switch_page(OVERVIEW, query_params=st.query_params.to_dict())


navigation = st.navigation(
    {
        tr("common.section_plan"): [
            st.Page(_home, title=tr("common.nav_overview"), url_path="home", default=True, visibility="hidden"),
            OVERVIEW,
            _page("data", "data", ":material/database:"),
            _page("forecast", "forecast", ":material/trending_up:"),
            _page("staffing", "staffing", ":material/groups:"),
        ],
        tr("common.section_strategy"): [
            _page("strategy", "strategy", ":material/flag:"),
            _page("levers", "levers", ":material/tune:"),
            _page("scenarios", "scenarios", ":material/compare:"),
            _page("capacity", "capacity", ":material/groups_3:"),
            _page("export", "export", ":material/slideshow:"),
        ],
        tr("common.section_tools"): [
            _page("calculator", "calculator", ":material/calculate:"),
            _page("engine_check", "engine_check", ":material/verified:"),
        ],
    }
)

with st.sidebar:
    st.caption(tr("common.tagline"))
    centre_selector(tr)
    language_selector(tr)
    user_name_input(tr)

navigation.run()
