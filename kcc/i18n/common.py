"""Texts of the frame: navigation, sidebar and messages every page shares."""

TEXTS: dict[str, tuple[str, str]] = {
    "common.app_title": ("KCC Planner", "KCC Planner"),
    "common.tagline": (
        "Contact-centre strategy and staffing",
        "Strategie en personeelsplanning voor het KCC",
    ),
    "common.language": ("Language", "Taal"),
    "common.user": ("Your name (recorded with imports and scenarios)", "Uw naam (vastgelegd bij imports en scenario's)"),
    "common.anonymous_user": ("anonymous", "anoniem"),
    "common.section_plan": ("Plan", "Plannen"),
    "common.section_strategy": ("Strategy", "Strategie"),
    "common.section_tools": ("Tools", "Hulpmiddelen"),
    "common.nav_overview": ("Overview", "Overzicht"),
    "common.nav_data": ("Data", "Gegevens"),
    "common.nav_forecast": ("Forecast", "Prognose"),
    "common.nav_staffing": ("Staffing", "Bezetting"),
    "common.nav_levers": ("Strategy levers", "Strategische hefbomen"),
    "common.nav_scenarios": ("Scenarios", "Scenario's"),
    "common.nav_export": ("Board summary", "Bestuurssamenvatting"),
    "common.nav_capacity": ("Capacity plan", "Capaciteitsplan"),
    "common.nav_calculator": ("Erlang calculator", "Erlang-calculator"),
    "common.nav_engine_check": ("Engine check", "Rekenkerncontrole"),
    "common.data_period": ("Data from {start} to {end}", "Gegevens van {start} tot en met {end}"),
    "common.no_data": ("No contact volumes loaded yet.", "Nog geen contactvolumes geladen."),
    "common.channel": ("Channel", "Kanaal"),
    "common.queue": ("Queue", "Wachtrij"),
    "common.default_queue": ("default", "standaard"),
    "common.ch_phone": ("Phone", "Telefoon"),
    "common.ch_chat": ("Chat", "Chat"),
    "common.ch_email": ("E-mail", "E-mail"),
    "common.ch_whatsapp": ("WhatsApp", "WhatsApp"),
    "common.ch_self_service": ("Self-service", "Selfservice"),
    "common.weekday_0": ("Monday", "maandag"),
    "common.weekday_1": ("Tuesday", "dinsdag"),
    "common.weekday_2": ("Wednesday", "woensdag"),
    "common.weekday_3": ("Thursday", "donderdag"),
    "common.weekday_4": ("Friday", "vrijdag"),
    "common.weekday_5": ("Saturday", "zaterdag"),
    "common.weekday_6": ("Sunday", "zondag"),
    # where seven full names do not fit: a chart's axis in half a page, a shift's days, opening hours
    "common.weekday_short_0": ("Mon", "ma"),
    "common.weekday_short_1": ("Tue", "di"),
    "common.weekday_short_2": ("Wed", "wo"),
    "common.weekday_short_3": ("Thu", "do"),
    "common.weekday_short_4": ("Fri", "vr"),
    "common.weekday_short_5": ("Sat", "za"),
    "common.weekday_short_6": ("Sun", "zo"),
    "common.unit_contacts": ("contacts", "contacten"),
    "common.unit_agents": ("agents", "medewerkers"),
    "common.unit_fte": ("FTE", "fte"),
    "common.unit_eur": ("EUR", "EUR"),
    "common.unit_s": ("s", "s"),
    # Streamlit's file uploader: its button and size limit (kcc.ui.state.streamlit_texts)
    "common.upload_button": ("Browse files", "Bestand kiezen"),
    "common.upload_limit": ("{mb} MB per file", "Max. {mb} MB per bestand"),
    # an empty multiple choice (Streamlit's own placeholder is English)
    "common.choose_options": ("Choose options", "Kies een of meer"),
    "common.hint_apply": ("Press Enter to apply", "Druk op Enter om toe te passen"),
    "common.hint_submit": ("Press Enter to submit form", "Druk op Enter om het formulier te versturen"),
    "common.hint_apply_area": ("Press Ctrl+Enter to apply", "Druk op Ctrl+Enter om toe te passen"),
    "common.hint_submit_area": ("Press Ctrl+Enter to submit form",
                                "Druk op Ctrl+Enter om het formulier te versturen"),
    # a percentage axis zoomed in on small shares says so in its title
    "common.axis_zoom": ("{axis}, scale 0-{top}", "{axis}, schaal 0-{top}"),
    "common.unit_min": ("min", "min"),
    "common.unit_h": ("h", "u"),
    "common.unit_pct": ("%", "%"),
    # a difference of two percentages: 71 % -> 73 % is +2 percentage points, not +2 %
    "common.unit_points": ("pp", "%-punt"),
    # ----- headline KPIs: one definition and one label on every page
    "common.kpi_contacts_week": ("Volume [contacts/week]", "Volume [contacten/week]"),
    "common.kpi_contacts_month": ("Volume [contacts/month]", "Volume [contacten/maand]"),
    "common.kpi_required_fte": ("Required FTE [FTE]", "Benodigde fte [fte]"),
    "common.kpi_rostered_fte": ("Rostered FTE [FTE]", "Ingeroosterde fte [fte]"),
    "common.kpi_sl_roster": ("SL, roster as it is [%]", "SL, huidig rooster [%]"),
    "common.kpi_sl_required": ("SL, staffed as required [%]", "SL, volgens behoefte [%]"),
    "common.kpi_abandon_roster": ("Abandoned, roster as it is [%]", "Afhaken, huidig rooster [%]"),
    "common.kpi_abandon_required": ("Abandoned, staffed as required [%]", "Afhaken, volgens behoefte [%]"),
    "common.kpi_cost_required_month": ("Cost as required [EUR/month]", "Kosten volgens behoefte [EUR/maand]"),
    "common.kpi_cost_roster_week": ("Roster cost [EUR/week]", "Roosterkosten [EUR/week]"),
    "common.kpi_cost_roster_month": ("Roster cost [EUR/month]", "Roosterkosten [EUR/maand]"),
    "common.kpi_reachability": ("Reachability [%]", "Bereikbaarheid [%]"),
    "common.kpi_sl_help": (
        "Service level (SL) and abandonment with the roster as it is: the share of contacts answered within the "
        "target time (or that hang up) with the agents on the roster. Staffed as required: the same when exactly "
        "the required agents are scheduled. Both are weighted by volume over the period.",
        "Servicelevel (SL) en afhaken met het huidige rooster: het deel van de contacten dat binnen de normtijd wordt "
        "beantwoord (of ophangt) met de ingeroosterde medewerkers. Volgens behoefte: hetzelfde als precies de "
        "benodigde medewerkers zijn ingeroosterd. Beide gewogen naar volume over de periode.",
    ),
    # ----- the database file is held by another process (kcc.store.DatabaseInUseError)
    "common.db_error.in_use": (
        "The database file {path} is already open in another program (process {pid}). KCC Planner "
        "runs one app process per DuckDB file. Stop the other process, or start this app with "
        "KCC_DB_PATH set to another file. To serve a team from several app processes, point every "
        "process at one PostgreSQL database with KCC_DATABASE_URL=postgresql://... (see docs/DEPLOY.md).",
        "Het databasebestand {path} is al geopend in een ander programma (proces {pid}). KCC Planner "
        "draait één app-proces per DuckDB-bestand. Stop het andere proces, of start deze app met "
        "KCC_DB_PATH naar een ander bestand. Wilt u een team vanuit meerdere app-processen bedienen, "
        "laat dan elk proces dezelfde PostgreSQL-database gebruiken met KCC_DATABASE_URL=postgresql://... "
        "(zie docs/DEPLOY.md).",
    ),
    "common.db_error.in_use_unknown": (
        "The database file {path} is already open in another program. KCC Planner "
        "runs one app process per DuckDB file. Stop the other process, or start this app with "
        "KCC_DB_PATH set to another file. To serve a team from several app processes, point every "
        "process at one PostgreSQL database with KCC_DATABASE_URL=postgresql://... (see docs/DEPLOY.md).",
        "Het databasebestand {path} is al geopend in een ander programma. KCC Planner "
        "draait één app-proces per DuckDB-bestand. Stop het andere proces, of start deze app met "
        "KCC_DB_PATH naar een ander bestand. Wilt u een team vanuit meerdere app-processen bedienen, "
        "laat dan elk proces dezelfde PostgreSQL-database gebruiken met KCC_DATABASE_URL=postgresql://... "
        "(zie docs/DEPLOY.md).",
    ),
}
