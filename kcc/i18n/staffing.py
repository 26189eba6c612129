"""Texts of the Staffing and Overview pages."""

TEXTS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ staffing page
    "staffing.title": ("Staffing: forecast versus roster", "Bezetting: prognose tegenover rooster"),
    "staffing.caption": (
        "Per interval: the forecast volume, the agents needed to meet the targets (after shrinkage), "
        "the agents rostered and the gap, with the service the roster as it is delivers and what it costs.",
        "Per interval: het verwachte volume, de medewerkers die nodig zijn om de normen te halen (na "
        "shrinkage), de ingeroosterde medewerkers en het verschil, met de service die het huidige "
        "rooster levert en wat het kost.",
    ),
    "staffing.forecasting": (
        "Forecasting every series, then staffing each channel ({done} of {total} steps)…",
        "Prognose van alle reeksen, daarna de bezetting per kanaal ({done} van {total} stappen)…",
    ),
    "staffing.horizon": ("Plan horizon", "Planhorizon"),
    "staffing.stale_title": (
        "Not every series is planned: the plan starts {start}, the day after the newest history.",
        "Niet elke reeks wordt gepland: het plan begint {start}, de dag na de nieuwste historie.",
    ),
    "staffing.stale_series": (
        "{series}: history ends {last_day}, more than {weeks} weeks before the plan starts; not planned",
        "{series}: historie eindigt {last_day}, meer dan {weeks} weken voor het plan begint; niet gepland",
    ),
    "staffing.weeks": ("{n} weeks", "{n} weken"),
    "staffing.roster_source": ("Rostered agents from", "Ingeroosterde medewerkers uit"),
    "staffing.source_roster": ("roster per interval (uploaded)", "rooster per interval (geüpload)"),
    "staffing.source_shifts": ("shift patterns", "dienstpatronen"),
    "staffing.horizon_text": (
        "Plan from {start} to {end} ({days} days), local time.",
        "Plan van {start} tot en met {end} ({days} dagen), lokale tijd.",
    ),
    "staffing.tab_chart": ("Day and week", "Dag en week"),
    "staffing.tab_heatmap": ("Gaps and the maths", "Tekorten en de berekening"),
    "staffing.tab_kpis": ("KPIs vs targets", "KPI's tegenover normen"),
    "staffing.tab_budget": ("Budget", "Budget"),
    "staffing.tab_targets": ("Targets and shrinkage", "Normen en shrinkage"),
    "staffing.tab_roster": ("Roster input", "Rooster invoeren"),
    "staffing.m_short_hours": ("Understaffed", "Tekort"),
    "staffing.vs_target": ("target {target}", "norm {target}"),
    "staffing.unit_agent_hours": ("agent-hours", "medewerkeruren"),
    # chart
    "staffing.view": ("View", "Weergave"),
    "staffing.view_day": ("Day", "Dag"),
    "staffing.view_week": ("Week", "Week"),
    "staffing.day": ("Day (the week holding it in week view)", "Dag (in weekweergave de week waarin die valt)"),
    "staffing.chart_title": ("{channel}: volume, requirement and roster", "{channel}: volume, behoefte en rooster"),
    "staffing.chart_volume": ("Forecast volume [contacts]", "Verwacht volume [contacten]"),
    "staffing.chart_required": ("Required after shrinkage, P50 [agents]", "Nodig na shrinkage, P50 [medewerkers]"),
    "staffing.chart_band": (
        "Required for the 80% upper forecast, P90 [agents]",
        "Nodig bij de 80%-bovengrens van de prognose, P90 [medewerkers]",
    ),
    "staffing.chart_rostered": ("Rostered [agents]", "Ingeroosterd [medewerkers]"),
    "staffing.chart_gap": ("Gap: rostered - required [agents]", "Verschil: ingeroosterd - nodig [medewerkers]"),
    "staffing.chart_axis_volume": ("volume [contacts]", "volume [contacten]"),
    "staffing.chart_axis_agents": ("staffing [agents]", "bezetting [medewerkers]"),
    "staffing.chart_axis_gap": ("gap [agents]", "verschil [medewerkers]"),
    "staffing.approximate": (
        "{n:,} intervals of this channel have a volume beyond any contact centre (more than "
        "{limit:,} agents at once): their numbers are approximate. Check the history for a "
        "wrong count.",
        "{n:,} intervallen van dit kanaal hebben een volume boven elk contactcenter (meer dan "
        "{limit:,} medewerkers tegelijk): hun cijfers zijn benaderingen. Controleer de historie "
        "op een verkeerde telling.",
    ),
    "staffing.chart_note": (
        "The band runs from the agents needed for the forecast (P50) to those needed for its 80% upper "
        "bound (P90). Red gap bars are short, blue bars are over.",
        "De band loopt van de medewerkers die nodig zijn voor de prognose (P50) tot die voor de "
        "80%-bovengrens (P90). Rode balken zijn tekort, blauwe overschot.",
    ),
    # heat map and detail
    "staffing.heatmap_title": (
        "Mean gap by weekday and time of day [agents]",
        "Gemiddeld verschil per weekdag en tijdstip [medewerkers]",
    ),
    "staffing.gap_axis": ("gap [agents]", "verschil [medewerkers]"),
    "staffing.heatmap_note": (
        "Red is understaffed, blue overstaffed. Click a cell, or pick an interval below, to see the maths.",
        "Rood is onderbezet, blauw overbezet. Klik op een vak, of kies hieronder een interval, voor de berekening.",
    ),
    "staffing.pick_weekday": ("Weekday", "Weekdag"),
    "staffing.pick_time": ("Time of day", "Tijdstip"),
    "staffing.pick_date": ("Date (worst first selected)", "Datum (slechtste voorgeselecteerd)"),
    "staffing.no_interval": ("The plan has no such interval.", "Het plan heeft dit interval niet."),
    "staffing.detail_title": ("Show the maths: {channel}, {when}", "De berekening: {channel}, {when}"),
    "staffing.detail_inputs": ("Inputs", "Invoer"),
    "staffing.detail_why": ("Agents needed and why", "Benodigde medewerkers en waarom"),
    "staffing.col_input": ("Input", "Invoer"),
    "staffing.col_value": ("Value", "Waarde"),
    "staffing.col_kpi": ("KPI", "KPI"),
    "staffing.col_achieved": ("With the roster", "Met het rooster"),
    "staffing.col_target": ("Target", "Norm"),
    "staffing.col_meets": ("Meets every target", "Haalt alle normen"),
    "staffing.yes": ("yes", "ja"),
    "staffing.no": ("no", "nee"),
    "staffing.why_text": (
        "The model needs **{required} agents** on contacts to meet every target (see the table). With "
        "{shrinkage} shrinkage that is {paid} paid agents (the hours and cost count this), "
        "**{scheduled} agents scheduled** as whole people; for the P90 forecast {p90} "
        "agents on contacts. Rostered: **{rostered} agents**, of whom {available} "
        "are on contacts after shrinkage; gap **{gap} agents**.",
        "Het model heeft **{required} medewerkers** op contacten nodig om alle normen te halen (zie de "
        "tabel). Met {shrinkage} shrinkage is dat {paid} betaalde medewerkers (de uren en kosten "
        "tellen dit), **{scheduled} medewerkers ingepland** als hele mensen; "
        "voor de P90-prognose {p90} medewerkers op contacten. Ingeroosterd: **{rostered} medewerkers**, "
        "van wie {available} na shrinkage op contacten; verschil **{gap} medewerkers**.",
    ),
    "staffing.min_agents": ("Minimum agents per open interval", "Minimaal aantal medewerkers per open interval"),
    "staffing.min_agents_help": (
        "Agents on contacts in every open interval however quiet it is (before shrinkage); 0 for none. "
        "The plan asks for at least this many.",
        "Medewerkers op contacten in elk open interval, hoe rustig ook (vóór shrinkage); 0 voor geen. "
        "Het plan vraagt er minstens zoveel.",
    ),
    "staffing.binding": (
        "With one agent fewer this interval would miss: **{targets}**.",
        "Met één medewerker minder haalt dit interval niet: **{targets}**.",
    ),
    "staffing.target_name_target_service_level": ("the service-level target", "de servicelevelnorm"),
    "staffing.target_name_target_asa_s": ("the mean-wait target", "de norm voor de gemiddelde wachttijd"),
    "staffing.target_name_max_abandon": ("the abandonment cap", "het maximale afhaakpercentage"),
    "staffing.target_name_max_occupancy": ("the occupancy cap", "de maximale bezettingsgraad"),
    "staffing.curve_title": ("Service level by number of agents on contacts", "Servicelevel per aantal medewerkers op contacten"),
    "staffing.curve_axis_agents": ("agents on contacts", "medewerkers op contacten"),
    "staffing.curve_axis_sl": ("service level [%]", "servicelevel [%]"),
    "staffing.model_erlang_a": (
        "Model: **Erlang A** (M/M/n+M). Callers arrive at random, agents handle them in the handle time, "
        "and waiting callers hang up after a random time with the mean patience; abandoned calls count "
        "as not answered in time.",
        "Model: **Erlang A** (M/M/n+M). Bellers komen willekeurig binnen, medewerkers handelen ze af in de "
        "afhandeltijd, en wachtende bellers hangen na een willekeurige tijd op met het gemiddelde geduld; "
        "afgehaakte gesprekken tellen als niet op tijd beantwoord.",
    ),
    "staffing.model_erlang_c": (
        "Model: **Erlang C** (M/M/n). Callers arrive at random and wait as long as it takes; no patience "
        "is known, so nobody abandons (this overstates the staff needed a little).",
        "Model: **Erlang C** (M/M/n). Bellers komen willekeurig binnen en wachten zo lang als nodig; er is "
        "geen geduld bekend, dus niemand haakt af (dit overschat de benodigde bezetting iets).",
    ),
    "staffing.model_chat": (
        "Model: **chat with concurrency**. An agent holds up to the concurrency in sessions at once; a new "
        "chat goes to the least busy agent with a free place, otherwise it waits its turn (and leaves after "
        "the chat patience, when known). Each extra session makes every session of that agent slower by "
        "the slow-down per extra session, so a busy agent finishes fewer chats per session than a quiet "
        "one. The queue is solved exactly as a birth-death chain over the chats in the system. The handle "
        "time from history is read as measured at the sessions held then, and turned into a lone "
        "session's time with the same slow-down. With a slow-down of 0 this is Erlang with one place per "
        "session.",
        "Model: **chat met gelijktijdigheid**. Een medewerker voert tot de gelijktijdigheid aan sessies "
        "tegelijk; een nieuwe chat gaat naar de minst drukke medewerker met een vrije plaats, anders wacht "
        "hij op zijn beurt (en haakt af na het chatgeduld, als dat bekend is). Elke extra sessie maakt "
        "elke sessie van die medewerker trager met de vertraging per extra sessie, dus een drukke "
        "medewerker rondt per sessie minder chats af dan een rustige. De wachtrij wordt exact opgelost "
        "als geboorte-sterfteketen over de chats in het systeem. De afhandeltijd uit de historie geldt "
        "als gemeten bij de sessies van toen, en wordt met dezelfde vertraging omgerekend naar de tijd "
        "van een losse sessie. Met vertraging 0 is dit Erlang met één plaats per sessie.",
    ),
    "staffing.model_backlog": (
        "Model: **deferred work**. Working hours count towards the response time; nights, closed days "
        "and public holidays do not. With a response time over two working hours the messages wait in a "
        "first-in first-out backlog that carries across days, and each day gets one level of agents: the "
        "fewest agent hours that answer the target share in time with a margin for chance. With two "
        "working hours or less the messages are a queue (Erlang C with the response time as the answer "
        "time). The messages waiting at the start are staffed on the first day.",
        "Model: **uitgesteld werk**. Alleen werkuren tellen mee voor de reactietijd; nachten, gesloten "
        "dagen en feestdagen niet. Bij een reactietijd van meer dan twee werkuren wachten de berichten "
        "in een werkvoorraad (wie eerst komt, eerst maalt) die over dagen doorloopt, en krijgt elke dag "
        "één gelijk aantal medewerkers: de minste uren die het doelpercentage op tijd beantwoorden, met "
        "een marge voor toeval. Bij twee werkuren of minder zijn de berichten een wachtrij (Erlang C "
        "met de reactietijd als antwoordtijd). De berichten die bij de start wachten, worden op de "
        "eerste dag bemand.",
    ),
    "staffing.model_none": ("Model: none (self-service needs no agents).", "Model: geen (selfservice heeft geen medewerkers nodig)."),
    "staffing.input_volume": ("Forecast volume (P50)", "Verwacht volume (P50)"),
    "staffing.input_volume_hi": ("80% upper forecast bound", "80%-bovengrens prognose"),
    "staffing.input_aht_s": ("Average handle time", "Gemiddelde afhandeltijd"),
    "staffing.input_interval_min": ("Interval length", "Intervallengte"),
    "staffing.input_load_erlangs": ("Offered load", "Aangeboden belasting"),
    "staffing.input_target_service_level": ("Service-level target", "Servicelevelnorm"),
    "staffing.input_answer_time_s": ("Answered within", "Beantwoord binnen"),
    "staffing.input_response_time_h": ("Response time (working hours)", "Reactietijd (werkuren)"),
    "staffing.input_target_asa_s": ("Target mean wait (ASA)", "Norm gemiddelde wachttijd (ASA)"),
    "staffing.input_max_abandon": ("Maximum abandonment", "Maximaal afhaken"),
    "staffing.input_max_occupancy": ("Maximum occupancy", "Maximale bezettingsgraad"),
    "staffing.input_patience_s": ("Mean patience", "Gemiddeld geduld"),
    "staffing.input_concurrency": ("Chats per agent at once", "Chats per medewerker tegelijk"),
    "staffing.input_penalty_per_extra_session": ("Slow-down per extra session", "Vertraging per extra sessie"),
    "staffing.input_history_sessions": (
        "Sessions held when the history's handle time was measured",
        "Sessies tegelijk toen de afhandeltijd in de historie gemeten werd",
    ),
    "staffing.input_lone_session_s": ("Handle time of a lone session", "Afhandeltijd van een losse sessie"),
    "staffing.input_sessions_per_agent": (
        "Mean sessions per agent at the requirement",
        "Gemiddeld aantal sessies per medewerker bij de benodigde bezetting",
    ),
    "staffing.input_effective_session_s": (
        "Mean session length at this load",
        "Gemiddelde sessieduur bij deze drukte",
    ),
    "staffing.input_shrinkage": ("Shrinkage", "Shrinkage"),
    "staffing.kpi_service_level": ("Service level", "Servicelevel"),
    "staffing.kpi_asa_s": ("Mean wait of answered (ASA)", "Gemiddelde wachttijd beantwoord (ASA)"),
    "staffing.kpi_p_abandon": ("Abandonment", "Afhaakpercentage"),
    "staffing.kpi_occupancy": ("Occupancy", "Bezettingsgraad"),
    # KPIs
    "staffing.kpis_intro": (
        "Achieved with the roster as it is, over the plan horizon, weighted by volume (the share of all "
        "contacts, not an average of interval percentages).",
        "Behaald met het huidige rooster, over de planhorizon, gewogen naar volume (het aandeel van "
        "alle contacten, geen gemiddelde van intervalpercentages).",
    ),
    "staffing.kpis_weekly": ("Per week", "Per week"),
    "staffing.col_volume": ("Forecast volume", "Verwacht volume"),
    "staffing.col_short_hours": ("Understaffed", "Onderbezetting"),
    "staffing.col_week": ("Week from", "Week vanaf"),
    "staffing.achieved": ("achieved", "behaald"),
    "staffing.target": ("target", "norm"),
    "staffing.axis_sl": ("service level", "servicelevel"),
    "staffing.axis_abandon": ("abandoned", "afgehaakt"),
    "staffing.kpi_chart_sl": ("{channel}: service level per day [%]", "{channel}: servicelevel per dag [%]"),
    "staffing.kpi_chart_abandon": ("{channel}: abandonment per day [%]", "{channel}: afhaakpercentage per dag [%]"),
    # budget
    "staffing.budget_intro": (
        "Interval requirement -> weekly FTE ({hours} paid hours per FTE per week) -> monthly cost in EUR "
        "(loaded hourly cost per channel), against the roster. Short hours bought as flex or outsourcing "
        "cost the premium on top.",
        "Behoefte per interval -> fte per week ({hours} betaalde uren per fte per week) -> kosten per maand "
        "in EUR (integrale uurkosten per kanaal), tegenover het rooster. Tekorturen ingehuurd als flex of "
        "uitbesteding kosten de toeslag extra.",
    ),
    "staffing.contract_hours": ("Contract hours per FTE [h/week]", "Contracturen per fte [u/week]"),
    "staffing.flex_premium": ("Flex / outsourcing premium [%]", "Toeslag flex / uitbesteding [%]"),
    "staffing.cost_eur_per_hour": ("Loaded cost [EUR/h]", "Integrale kosten [EUR/u]"),
    "staffing.budget_chart_title": ("Cost per month [EUR]", "Kosten per maand [EUR]"),
    "staffing.budget_monthly": ("Per month", "Per maand"),
    "staffing.budget_weekly": ("FTE per week", "Fte per week"),
    "staffing.col_month": ("Month", "Maand"),
    "staffing.col_days": ("Days in plan", "Dagen in plan"),
    "staffing.col_required_fte": ("Required", "Nodig"),
    "staffing.col_required_p90_fte": ("Required for P90", "Nodig bij P90"),
    "staffing.col_rostered_fte": ("Rostered", "Ingeroosterd"),
    "staffing.col_fte_gap": ("Gap (rostered - required)", "Verschil (ingeroosterd - nodig)"),
    "staffing.cost_required": ("Cost of the requirement", "Kosten van de behoefte"),
    "staffing.cost_rostered": ("Cost of the roster", "Kosten van het rooster"),
    "staffing.cost_flex": ("Flex to cover the shortfall", "Flex om het tekort te dekken"),
    "staffing.cost_total": ("Roster + flex", "Rooster + flex"),
    "staffing.download_csv": ("Download CSV", "CSV downloaden"),
    "staffing.download_xlsx": ("Download XLSX", "XLSX downloaden"),
    # targets form
    "staffing.targets_intro": (
        "Targets for **{channel}**. Changes apply to this session once you press Apply; save them to make "
        "them the default for everyone.",
        "Normen voor **{channel}**. Wijzigingen gelden in deze sessie zodra u op Toepassen drukt; sla ze op "
        "om ze voor iedereen standaard te maken.",
    ),
    "staffing.target_sl": ("Service-level target [%]", "Servicelevelnorm [%]"),
    "staffing.answer_time_s": ("Answered within [s]", "Beantwoord binnen [s]"),
    "staffing.target_asa_s": ("Target mean wait, ASA [s]", "Norm gemiddelde wachttijd, ASA [s]"),
    "staffing.max_occupancy": ("Maximum occupancy [%]", "Maximale bezettingsgraad [%]"),
    "staffing.max_abandon": ("Maximum abandonment [%]", "Maximaal afhaken [%]"),
    "staffing.patience_s": ("Mean patience [s]", "Gemiddeld geduld [s]"),
    "staffing.patience_help": (
        "Estimated from history as total waiting time of queued callers / abandoned calls. 0 = nobody "
        "abandons (Erlang C).",
        "Geschat uit de historie als totale wachttijd van wachtende bellers / afgehaakte gesprekken. "
        "0 = niemand haakt af (Erlang C).",
    ),
    "staffing.concurrency": ("Chats per agent at once [sessions]", "Chats per medewerker tegelijk [sessies]"),
    "staffing.unit_sessions": ("sessions", "sessies"),
    "staffing.penalty_pct": ("Slow-down per extra session [%]", "Vertraging per extra sessie [%]"),
    "staffing.penalty_help": (
        "An assumption unless you measured it: how much longer every session of an agent takes for each "
        "extra session that agent holds (25% = a chat at 3 sessions takes 1.5 times as long as alone). "
        "Measure it from chat contacts with an agent id and start and end times, or with the sessions "
        "held per contact: fit the handle time against the sessions held "
        "(kcc.staffing.estimate_chat_handle_time). Map those columns when you import chat contacts "
        "on the Data page and the estimate appears below; until then the default applies unless you "
        "set it here.",
        "Een aanname, tenzij je het gemeten hebt: hoeveel langer elke sessie van een medewerker duurt per "
        "extra sessie die hij tegelijk voert (25% = een chat bij 3 sessies duurt 1,5 keer zo lang als "
        "alleen). Meet het uit chatcontacten met een medewerker-id en begin- en eindtijd, of met het "
        "aantal sessies per contact: zet de afhandeltijd af tegen de sessies tegelijk "
        "(kcc.staffing.estimate_chat_handle_time). Wijs die kolommen toe als je chatcontacten "
        "importeert op de pagina Data, dan verschijnt de schatting hieronder; tot dan geldt de "
        "standaardwaarde, tenzij je hem hier instelt.",
    ),
    "staffing.chat_estimate_overlap": (
        "Estimated from history: h1 = {h1} s, slow-down p = {p} per extra session ({n} chats, "
        "{sessions} sessions held on average; assumption: the sessions an agent held are the overlap "
        "of its chats in the file, which holds all of them, and a chat's work is exponential).",
        "Geschat uit de historie: h1 = {h1} s, vertraging p = {p} per extra sessie ({n} chats, "
        "gemiddeld {sessions} sessies tegelijk; aanname: de sessies van een medewerker zijn de "
        "overlap van zijn chats in het bestand, dat ze allemaal bevat, en het werk van een chat is "
        "exponentieel verdeeld).",
    ),
    "staffing.chat_estimate_sessions": (
        "Estimated from history: h1 = {h1} s, slow-down p = {p} per extra session ({n} chats, "
        "{sessions} sessions held on average; assumption: the file's sessions column is what the agent "
        "held during the chat, and handle time grows in a straight line with it).",
        "Geschat uit de historie: h1 = {h1} s, vertraging p = {p} per extra sessie ({n} chats, "
        "gemiddeld {sessions} sessies tegelijk; aanname: de sessiekolom van het bestand is wat de "
        "medewerker tijdens de chat voerde, en de afhandeltijd groeit recht evenredig mee).",
    ),
    "staffing.chat_estimate_assumed": (
        "Estimated from history: h1 = {h1} s ({n} chats, all at {sessions} sessions held; assumption: "
        "with one level of sessions the slow-down cannot be measured, so p = {p} per extra session, "
        "the default).",
        "Geschat uit de historie: h1 = {h1} s ({n} chats, alle bij {sessions} sessies tegelijk; "
        "aanname: met één niveau van sessies is de vertraging niet te meten, dus p = {p} per extra "
        "sessie, de standaardwaarde).",
    ),
    "staffing.chat_estimate_none": (
        "No estimate from history: import chat contacts with an agent id and start and end times, or "
        "with the sessions held, to measure h1 and p. Until then the slow-down is {p} per extra session "
        "(the default, an assumption) unless you set it.",
        "Geen schatting uit de historie: importeer chatcontacten met een medewerker-id en begin- en "
        "eindtijd, of met het aantal sessies tegelijk, om h1 en p te meten. Tot dan is de vertraging "
        "{p} per extra sessie (de standaardwaarde, een aanname), tenzij je hem instelt.",
    ),
    "staffing.chat_estimate_use": ("Use the estimate", "Gebruik de schatting"),
    "staffing.chat_estimate_use_help": (
        "Sets the slow-down to p and the sessions the history was measured at so that the history's "
        "handle time is h1 (1 + p (sessions - 1)); the plan, the levers and the calculator then start "
        "from this h1. You can change both afterwards.",
        "Zet de vertraging op p en het aantal sessies waarbij de historie gemeten is zo dat de "
        "afhandeltijd uit de historie h1 (1 + p (sessies - 1)) is; het plan, de hefbomen en de "
        "calculator gaan dan uit van deze h1. Je kunt beide daarna nog wijzigen.",
    ),
    "staffing.history_sessions": (
        "Sessions held when the history's handle time was measured [sessions]",
        "Sessies tegelijk toen de afhandeltijd in de historie gemeten werd [sessies]",
    ),
    "staffing.history_sessions_help": (
        "Mean sessions an agent held while the handle times in your history were recorded. 1 (the "
        "default) reads the history's handle time as a lone session's; with 2, a history of 12 minutes at "
        "25% slow-down is a lone session of 9.6 minutes. Your chat tool's concurrency report, or agent ids "
        "with start and end times, give this number.",
        "Gemiddeld aantal sessies dat een medewerker tegelijk voerde toen de afhandeltijden in je "
        "historie werden vastgelegd. 1 (de standaard) leest de afhandeltijd uit de historie als die van "
        "een losse sessie; bij 2 is een historie van 12 minuten bij 25% vertraging een losse sessie van "
        "9,6 minuten. Het gelijktijdigheidsrapport van je chatsysteem, of medewerker-id's met begin- en "
        "eindtijden, geven dit getal.",
    ),
    "staffing.response_time_h": ("Response time [working hours]", "Reactietijd [werkuren]"),
    "staffing.start_backlog_items": (
        "Items waiting at the start [items]", "Berichten in de werkvoorraad bij de start [berichten]",
    ),
    "staffing.start_backlog_help": (
        "Messages already waiting when the plan starts; they are due within the first response time. "
        "Leave empty to use the estimate from history.",
        "Berichten die al wachten als het plan begint; ze moeten binnen de eerste reactietijd af. "
        "Laat leeg om de schatting uit de historie te gebruiken.",
    ),
    "staffing.start_backlog_estimate": (
        "Estimated start backlog: **{items}** items, the messages that arrived after the last working "
        "interval of the history ({since}) and that nobody was there to answer. Enter a number to "
        "override it (for example the count in your mailbox).",
        "Geschatte werkvoorraad bij de start: **{items}** berichten, de berichten die binnenkwamen na "
        "het laatste werkinterval van de historie ({since}) en die niemand meer kon beantwoorden. Vul "
        "een aantal in om de schatting te vervangen (bijvoorbeeld de telling in uw mailbox).",
    ),
    "staffing.start_backlog_none": (
        "No estimate of the start backlog: the history has no working interval of this channel. The "
        "plan starts with no messages waiting unless you enter a number.",
        "Geen schatting van de werkvoorraad bij de start: de historie heeft geen werkinterval van dit "
        "kanaal. Het plan begint zonder wachtende berichten, tenzij u een aantal invult.",
    ),
    "staffing.shrinkage": ("Shrinkage [%]", "Shrinkage [%]"),
    "staffing.shrinkage_help": (
        "Share of paid time not available for contacts: planned (breaks, training, meetings) plus "
        "unplanned (sickness).",
        "Deel van de betaalde tijd dat niet beschikbaar is voor contacten: gepland (pauzes, training, "
        "overleg) plus ongepland (verzuim).",
    ),
    "staffing.zero_is_none": ("0 = no such target", "0 = geen norm"),
    "staffing.apply": ("Apply", "Toepassen"),
    "staffing.invalid": ("Not applied: {reason}", "Niet toegepast: {reason}"),
    "staffing.not_planned": (
        "No plan with these settings: {reason}. Change the setting on the Targets and shrinkage tab.",
        "Geen plan met deze instellingen: {reason}. Pas de instelling aan op het tabblad Normen en shrinkage.",
    ),
    "staffing.save_default": ("Save as default for everyone", "Opslaan als standaard voor iedereen"),
    "staffing.saved": ("Saved as the default.", "Opgeslagen als standaard."),
    "staffing.reset": ("Back to the stored settings", "Terug naar de opgeslagen instellingen"),
    # roster input
    "staffing.roster_upload_title": ("Upload agents per interval", "Medewerkers per interval uploaden"),
    "staffing.roster_upload_help": (
        "A CSV, TSV, XLSX or Parquet file with the columns channel, interval start (local time) and "
        "agents. Nothing is written unless every row is valid; the periods the file covers replace what "
        "was stored.",
        "Een CSV-, TSV-, XLSX- of Parquet-bestand met de kolommen kanaal, intervalstart (lokale tijd) en "
        "medewerkers. Er wordt niets geschreven tenzij elke regel klopt; de periodes in het bestand "
        "vervangen wat er stond.",
    ),
    "staffing.roster_upload": ("Roster file", "Roosterbestand"),
    "staffing.roster_import": ("Import roster", "Rooster importeren"),
    "staffing.roster_imported": (
        "Roster imported: {rows} intervals written, {replaced} replaced.",
        "Rooster geïmporteerd: {rows} intervallen geschreven, {replaced} vervangen.",
    ),
    "staffing.roster_not_imported": ("{file} was not imported:", "{file} is niet geïmporteerd:"),
    "staffing.row_prefix": ("row {row}: ", "regel {row}: "),
    "staffing.roster_problem_unreadable": ("the file {value} cannot be read as CSV, XLSX or Parquet", "het bestand {value} is niet te lezen als CSV, XLSX of Parquet"),
    "staffing.roster_problem_source": ("the file {value} cannot be read", "het bestand {value} is niet te lezen"),
    "staffing.roster_problem_empty": ("the file holds no rows", "het bestand bevat geen regels"),
    "staffing.roster_problem_missing_column": ("no column for {value} found", "geen kolom voor {value} gevonden"),
    "staffing.roster_problem_bad_channel": ("{column}: unknown channel {value}", "{column}: onbekend kanaal {value}"),
    "staffing.roster_problem_bad_time": ("{column}: {value} is not a local date and time", "{column}: {value} is geen lokale datum en tijd"),
    "staffing.roster_problem_bad_agents": ("{column}: {value} is not a number of agents from 0 to 100,000", "{column}: {value} is geen aantal medewerkers van 0 tot 100.000"),
    "staffing.roster_problem_duplicate": ("{column}: interval {value} appears twice for this channel", "{column}: interval {value} komt twee keer voor bij dit kanaal"),
    "staffing.roster_problem_bad_interval": ("the interval length is not one of 5, 6, 10, 15, 30 or 60 minutes", "de intervallengte is niet 5, 6, 10, 15, 30 of 60 minuten"),
    "staffing.roster_problem_more": ("and {value} more problems", "en nog {value} problemen"),
    "staffing.shifts_title": ("Shift patterns", "Dienstpatronen"),
    "staffing.shifts_help": (
        "One row per recurring shift: pick its channels (an agent on two channels counts half on each) "
        "and weekdays; start as HH:MM local time; length in minutes (home blocks of 90 minutes are fine; "
        "shifts may run past midnight).",
        "Eén regel per terugkerende dienst: kies de kanalen (een medewerker op twee kanalen telt voor elk "
        "kanaal voor de helft) en de weekdagen; start als UU:MM lokale tijd; lengte in minuten "
        "(thuisblokken van 90 minuten mogen; diensten mogen over middernacht lopen).",
    ),
    "staffing.shift_name": ("Name", "Naam"),
    "staffing.shift_channels": ("Channels", "Kanalen"),
    "staffing.shift_start": ("Start [HH:MM]", "Start [UU:MM]"),
    "staffing.shift_length": ("Length [min]", "Lengte [min]"),
    "staffing.shift_weekdays": ("Weekdays", "Weekdagen"),
    "staffing.shift_error.time": (
        "{field} must be a time of day between 00:00 and 23:59, got {value}",
        "{field} moet een tijdstip tussen 00:00 en 23:59 zijn, niet {value}",
    ),
    "staffing.shift_error.date": (
        "{field} must be a date or empty, got {value}",
        "{field} moet een datum zijn of leeg blijven, niet {value}",
    ),
    "staffing.shift_error.whole_number": (
        "{field} must be a whole number between {low} and {high}, got {value}",
        "{field} moet een geheel getal van {low} tot en met {high} zijn, niet {value}",
    ),
    "staffing.shift_error.minutes": (
        "{field} must be a whole number between {low} and {high} minutes, got {value}",
        "{field} moet een geheel aantal minuten van {low} tot en met {high} zijn, niet {value}",
    ),
    "staffing.shift_error.weekday": (
        "{field} must be a whole number between {low} and {high} (0 = Monday, 6 = Sunday), got {value}",
        "{field} moeten getallen van {low} tot en met {high} zijn (0 = maandag, 6 = zondag), niet {value}",
    ),
    "staffing.shift_error.name": ("{field} must be a non-empty text, got {value}", "{field} mag niet leeg zijn ({value})"),
    "staffing.shift_error.channels_none": (
        "{field} must name at least one channel id (for example {example}), got {value}",
        "{field}: kies minstens één kanaal (bijvoorbeeld {example}), niet {value}",
    ),
    "staffing.shift_error.channels_repeat": (
        "{field} must not repeat a channel, got {value}",
        "{field}: elk kanaal maar één keer, niet {value}",
    ),
    "staffing.shift_error.channels_unknown": (
        "{field} must be channel ids ({allowed}), got {value}",
        "{field} moeten kanaal-id's zijn ({allowed}), niet {value}",
    ),
    "staffing.shift_error.weekdays_none": (
        "{field} must hold at least one day between 0 (Monday) and 6 (Sunday), got none",
        "{field}: kies minstens één dag",
    ),
    "staffing.shift_error.weekdays_text": (
        "{field} must be numbers 0 (Monday) to 6 (Sunday) or ranges such as 0-4, got {value}",
        "{field} moeten getallen 0 (maandag) tot en met 6 (zondag) zijn of reeksen als 0-4, niet {value}",
    ),
    "staffing.shift_error.location": (
        "{field} must be one of {allowed}, got {value}",
        "{field} moet een van {allowed} zijn, niet {value}",
    ),
    "staffing.shift_error.valid_order": (
        "{field} ({valid_to}) must be on or after valid_from ({valid_from})",
        "{field} ({valid_to}) mag niet vóór de begindatum ({valid_from}) liggen",
    ),
    "staffing.shift_error.columns": ("shift table lacks column(s): {columns}", "diensttabel mist kolom(men): {columns}"),
    "staffing.shift_error.in_row": ("shift row {row} ({name}): {reason}", "dienstregel {row} ({name}): {reason}"),
    "staffing.location_site": ("on site", "op locatie"),
    "staffing.location_home": ("home", "thuis"),
    "staffing.shift_headcount": ("Headcount [agents]", "Bezetting [medewerkers]"),
    "staffing.shift_location": ("Location", "Locatie"),
    "staffing.shift_valid_from": ("Valid from", "Geldig vanaf"),
    "staffing.shift_valid_to": ("Valid to", "Geldig tot en met"),
    "staffing.shifts_save": ("Save shift patterns", "Dienstpatronen opslaan"),
    "staffing.shifts_saved": (
        "{n} shift patterns saved; the plan now uses them.",
        "{n} dienstpatronen opgeslagen; het plan gebruikt ze nu.",
    ),
    # ------------------------------------------------------------------ overview page
    "overview.loaded_title": ("What is loaded", "Wat is geladen"),
    "overview.per_day": ("{value} on average", "gemiddeld {value}"),
    "overview.unit_contacts_per_day": ("contacts/day", "contacten/dag"),
    "overview.volume_chart_title": ("Offered contacts per day", "Aangeboden contacten per dag"),
    "overview.axis_contacts_per_day": ("contacts per day", "contacten per dag"),
    "overview.volume_chart_title_week": ("Offered contacts per week", "Aangeboden contacten per week"),
    "overview.axis_contacts_per_week": ("contacts per week", "contacten per week"),
    "overview.tiles_week": ("Coming week: {start} to {end}", "Komende week: {start} tot en met {end}"),
    "overview.tiles_month": ("Coming month: {start} to {end}", "Komende maand: {start} tot en met {end}"),
    "overview.fte_required": ("required {value}", "nodig {value}"),
    "overview.tile_fte_help": (
        "Agent hours on the roster against those needed after shrinkage, divided by the contract hours "
        "of an FTE.",
        "Ingeroosterde tegenover na shrinkage benodigde medewerkeruren, gedeeld door de contracturen van "
        "een fte.",
    ),
    # short: the delta line of a tile in a fifth of the page
    "overview.cost_required": ("required {value}", "nodig {value}"),
    "overview.per_channel": ("Per channel", "Per kanaal"),
    "overview.gaps_title": ("Worst understaffed periods", "Ergste onderbezetting"),
    "overview.no_gaps": ("No understaffed intervals in the plan horizon.", "Geen onderbezette intervallen in de planhorizon."),
    "overview.gap_line": (
        "**{n}. {channel}**, {weekday} {date} {start}–{end}: short {hours} (up to {agents}); predicted "
        "service level {sl}.",
        "**{n}. {channel}**, {weekday} {date} {start}–{end}: tekort {hours} (tot {agents}); verwacht "
        "servicelevel {sl}.",
    ),
    "overview.gap_line_days": (
        "**{n}. {channel}**, {weekday} {date} {start} to {end_weekday} {end_date} {end}: short {hours} (up to "
        "{agents}); predicted service level {sl}.",
        "**{n}. {channel}**, {weekday} {date} {start} tot {end_weekday} {end_date} {end}: tekort {hours} (tot "
        "{agents}); verwacht servicelevel {sl}.",
    ),
    "overview.open_staffing": ("Open in Staffing", "Openen in Bezetting"),
    "overview.freshness_title": ("Data freshness", "Actualiteit van de gegevens"),
    "overview.freshness_text": (
        "Last import: **{file}** by {user} on {when} ({age}, {rows}). History runs up to {until}.",
        "Laatste import: **{file}** door {user} op {when} ({age}, {rows}). De historie loopt tot {until}.",
    ),
    "overview.age_days": ("{age} ago", "{age} geleden"),
    "overview.age_today": ("today", "vandaag"),
    "overview.age_yesterday": ("yesterday", "gisteren"),
    "overview.no_imports": ("No imports yet.", "Nog geen imports."),
    "overview.unit_days": ("days", "dagen"),
    "overview.unit_rows": ("rows", "regels"),
    # ------------------------------------------------------------------ deferred work
    "staffing.deferred.error.target_beyond_horizon": (
        "{field} ({value:g} h) is longer than all open time of the planned period ({open_h:g} h): "
        "plan a longer period or shorten the response time",
        "{field} ({value:g} u) is langer dan alle openingstijd van de geplande periode "
        "({open_h:g} u): plan een langere periode of verkort de reactietijd",
    ),
    "staffing.deferred.error.no_open_time": (
        "{field}: items arrive but no interval of the planned period is open; set the hours the "
        "work is picked up",
        "{field}: er komen berichten binnen maar geen interval van de geplande periode is open; "
        "stel de uren in waarop het werk wordt opgepakt",
    ),
}
