"""Admin: users, their roles (globally and per centre), disable, enable and reset
(``kcc.ui.views.admin``; shown to admins when sign-in is on)."""

from __future__ import annotations

from kcc.ui.state import init_page
from kcc.ui.views import admin

con, tr = init_page("admin")
admin.render(con, tr)
