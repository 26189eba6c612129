"""KCC Planner: the frame. Page config, navigation and the shared sidebar; nothing else."""

import streamlit as st

from kcc.access import Action
from kcc.ui import access
from kcc.ui.centres import centre_selector
from kcc.ui.state import connection, ensure_session, mark_frame, translator
from kcc.ui.widgets import language_selector, user_name_input

# An emoji icon is drawn by the browser itself: a Material icon as the tab's icon is fetched from
# Google's font server on every page load, which a self-hosted centre's browsers must not do.
st.set_page_config(page_title="KCC Planner", page_icon="🎧", layout="wide")
ensure_session()
mark_frame()
tr = translator(str(st.session_state["lang"]))


def _page(file: str, key: str, icon: str, *, listed: bool = True) -> st.Page:
    return st.Page(f"pages/{file}.py", title=tr(f"common.nav_{key}"), icon=icon, url_path=file,
                   visibility="visible" if listed else "hidden")


OVERVIEW = _page("overview", "overview", ":material/dashboard:")


def _home() -> None:
    # The default page is served at "/" and has no path of its own, so every page keeps its
    # path (a link to /overview opens) and the root opens the Overview, keeping the parameters.
    st.switch_page(OVERVIEW, query_params=st.query_params.to_dict())


def _sign_in() -> None:
    access.sign_in_screen(connection(), tr)


principal = access.session_principal(connection())
HOME = st.Page(_home, title=tr("common.nav_overview"), url_path="home", default=True, visibility="hidden")
# Admin is listed for those who manage users. For everyone else its address (an admin's bookmark,
# a shared link) still opens it and it says why, in the reader's language, where Streamlit would
# show its English "Page not found".
manages_users = principal is not None and principal.signed_in and principal.may(Action.MANAGE_USERS)
tools = [_page("calculator", "calculator", ":material/calculate:"),
         _page("engine_check", "engine_check", ":material/verified:"),
         _page("admin", "admin", ":material/manage_accounts:", listed=manages_users)]
sections = {
    tr("common.section_plan"): [
        HOME,
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
    tr("common.section_tools"): tools,
}
if principal is None:
    # Sign-in is on and nobody is signed in: the sign-in screen under every page's path (no
    # page, centre or data shown), so after signing in the page asked for opens, link and all.
    every = [page for pages in sections.values() for page in pages]
    navigation = st.navigation(
        [st.Page(_sign_in, title=tr("access.sign_in_title"), default=page is HOME,
                 url_path="home" if page is HOME else page.url_path) for page in every],
        position="hidden")
else:
    navigation = st.navigation(sections)

with st.sidebar:
    st.caption(tr("common.tagline"))
    if principal is not None:
        centre_selector(tr)
    language_selector(tr)
    if principal is not None and principal.signed_in:
        access.account_box(tr, principal)
    elif principal is not None:
        user_name_input(tr)

navigation.run()
