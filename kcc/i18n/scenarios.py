"""Texts of the Strategy levers and Scenarios pages."""

TEXTS: dict[str, tuple[str, str]] = {
    "levers.error.close_before_open": (
        "{name}: closing time {closes} on weekday {day} is before opening time {opens}",
        "{name}: sluitingstijd {closes} op weekdag {day} ligt vóór openingstijd {opens}",
    ),
    "levers.error.closed_shares": (
        "closed_hours.callback_share + closed_hours.digital_share must be between 0 and 1, got {total:g}",
        "terugbellen en digitaal samen moeten tussen 0 en 1 (100 %) liggen, nu {total:g}",
    ),
    "levers.error.same_channel": (
        "{name}: source and target must be different channels",
        "{name}: van- en naar-kanaal moeten verschillen",
    ),
    "levers.error.mix_parts": (
        "Handled ({handled} %), coming back ({back} %) and lost ({lost} %) must add up to 100 %, "
        "not {total} %: every moved contact ends up somewhere",
        "Afgehandeld ({handled} %), komt terug ({back} %) en verloren ({lost} %) moeten samen "
        "100 % zijn, niet {total} %: elk verschoven contact komt ergens terecht",
    ),
    "levers.error.mix_shares": (
        "{name}.containment + {name}.failure_share must be between 0 and 1, got {total:g}",
        "{name}: opgelost en mislukt samen moeten tussen 0 en 1 (100 %) liggen, nu {total:g}",
    ),
    "levers.error.newer_version": (
        "scenario spec version {version} is newer than this app ({supported}); update KCC Planner",
        "scenarioversie {version} is nieuwer dan deze app ({supported}); werk KCC Planner bij",
    ),
    "levers.error.link_missing": (
        "the link holds no scenario (query parameter {parameter} is missing)",
        "de link bevat geen scenario (parameter {parameter} ontbreekt)",
    ),
    "levers.error.link_too_long": (
        "the scenario link is too long ({size:,} characters in query parameter {parameter}, at most "
        "{limit:,}); save the scenario and open it from the list instead",
        "de scenariolink is te lang ({size:,} tekens in parameter {parameter}, hoogstens {limit:,}); "
        "sla het scenario op en open het uit de lijst",
    ),
    "levers.error.link_damaged": (
        "the scenario link is damaged (query parameter {parameter} cannot be read)",
        "de scenariolink is beschadigd (parameter {parameter} is onleesbaar)",
    ),
    "levers.error.surge_no_intervals": (
        "surge: the channel has no intervals to simulate",
        "stresstest: het kanaal heeft geen intervallen om door te rekenen",
    ),
    "levers.error.surge_no_day": (
        "surge.weekday {day}: the demand holds no such day",
        "stresstest: de vraag bevat geen weekdag {day}",
    ),
    # ----- levers page
    "levers.title": ("Strategy levers", "Strategische hefbomen"),
    "levers.computing": ("Working out the scenario…", "Scenario wordt doorgerekend…"),
    "levers.working": ("Working scenario", "Werkscenario"),
    "levers.unsaved": ("not saved", "niet opgeslagen"),
    "levers.working_caption": ("Working scenario: {name}. Every lever below changes it; save it to compare it later.",
                               "Werkscenario: {name}. Elke hefboom hieronder past het aan; sla het op om het later te vergelijken."),
    "levers.baseline_caption": (
        "Baseline: the plan of the Staffing page for {start} to {end} ({weeks} weeks): the forecast (P50, "
        "with the 80% upper bound), the roster and the contacts expected while a channel is closed (from the "
        "last weeks of history). The small print is the difference with the baseline.",
        "Basis: het plan van de pagina Bezetting voor {start} tot en met {end} ({weeks} weken): de "
        "prognose (P50, met de 80%-bovengrens), het rooster en de verwachte pogingen buiten openingstijd (uit de "
        "laatste weken historie). De kleine cijfers zijn het verschil met de basis.",
    ),
    "levers.period": ("Period [weeks of the plan horizon]", "Periode [weken van de planhorizon]"),
    "levers.period_weeks": ("first {n} weeks", "eerste {n} weken"),
    "levers.reset": ("Back to the baseline", "Terug naar de basis"),
    "levers.save_title": ("Save as scenario", "Opslaan als scenario"),
    "levers.save": ("Save scenario", "Scenario opslaan"),
    "levers.apply": ("Apply", "Toepassen"),
    "levers.tab_hours": ("Opening hours", "Openingstijden"),
    "levers.tab_mix": ("Channel mix", "Kanaalmix"),
    "levers.tab_targets": ("Targets", "Normen"),
    "levers.tab_fcr": ("First-contact resolution", "Opgelost bij eerste contact"),
    "levers.tab_stress": ("Stress test", "Stresstest"),
    "levers.tab_costs": ("Costs", "Kosten"),
    "levers.per_week": ("contacts/week", "contacten/week"),
    "levers.per_week_short": ("/week", "/week"),
    # opening hours
    "levers.hours_intro": (
        "When is a channel open? Contacts that meet a closed channel call back at the next opening (front-loaded "
        "over the redial window: the morning peak), move to a digital channel or are lost. Closed-hours demand is "
        "measured from the attempts while closed, or estimated from the 24-hour pattern of e-mail when a channel records none.",
        "Wanneer is een kanaal open? Contacten die een gesloten kanaal treffen bellen terug bij de volgende opening "
        "(vooral in het begin van het terugbelvenster: de ochtendpiek), stappen over naar een digitaal kanaal of "
        "gaan verloren. De vraag buiten openingstijd komt uit de pogingen buiten openingstijd, of wordt geschat uit "
        "het 24-uurspatroon van e-mail als een kanaal die niet vastlegt.",
    ),
    "levers.no_hours": ("No opening hours are stored for any channel.", "Voor geen enkel kanaal zijn openingstijden vastgelegd."),
    "levers.hours_channel": ("Channel", "Kanaal"),
    "levers.always_open": ("Open 24/7", "24/7 open"),
    "levers.closed": ("Closed", "Gesloten"),
    "levers.mon_fri": ("Monday to Friday", "maandag t/m vrijdag"),
    "levers.behaviour_title": ("What customers do when the channel is closed", "Wat klanten doen als het kanaal gesloten is"),
    "levers.callback_pct": ("Call back at the next opening [%]", "Bellen terug bij volgende opening [%]"),
    "levers.digital_pct": ("Move to a digital channel [%]", "Stappen over naar digitaal kanaal [%]"),
    "levers.digital_channel": ("Digital channel", "Digitaal kanaal"),
    "levers.redial_window": ("Redial window after opening [min]", "Terugbelvenster na opening [min]"),
    "levers.lost_share": ("The rest is lost: {pct} of the contacts that meet a closed channel.",
                          "De rest gaat verloren: {pct} van de contacten die een gesloten kanaal treffen."),
    "levers.m_extra_hours": ("Extra opening hours, all channels [h/week]", "Extra openingsuren, alle kanalen [u/week]"),
    "levers.m_caught": ("Contacts caught [contacts/week]", "Extra bereikte contacten [contacten/week]"),
    "levers.m_delta_cost": ("Extra cost [EUR/month]", "Extra kosten [EUR/maand]"),
    "levers.m_cost_per_hour": ("Cost per extra opening hour [EUR/h]", "Kosten per extra openingsuur [EUR/u]"),
    "levers.m_delta_fte": ("Extra FTE [FTE]", "Extra fte [fte]"),
    "levers.hours_answer": (
        "{hours} opening hours per week catch {caught} contacts per week that now meet a closed channel, for "
        "{fte} FTE or {cost} EUR per month: {per_hour} EUR per extra opening hour, {per_contact} EUR per contact caught.",
        "{hours} openingsuren per week vangen {caught} contacten per week op die nu een gesloten kanaal treffen, "
        "voor {fte} fte of {cost} EUR per maand: {per_hour} EUR per extra openingsuur, {per_contact} EUR per "
        "opgevangen contact.",
    ),
    "levers.c_open_base": ("Open today [h]", "Nu open [u]"),
    "levers.c_open": ("Open in scenario [h]", "Open in scenario [u]"),
    "levers.c_caught": ("Extra contacts reached [contacts/week]", "Extra bereikte contacten [contacten/week]"),
    "levers.c_cost_hour": ("Cost per extra opening hour [EUR/h]", "Kosten per extra openingsuur [EUR/u]"),
    "levers.c_cost_contact": ("Cost per extra contact reached [EUR]", "Kosten per extra bereikt contact [EUR]"),
    "levers.peak_weekday": ("Day for the intraday chart", "Dag voor het dagverloop"),
    "levers.c_opens": ("Opens [hh:mm]", "Opent [uu:mm]"),
    "levers.c_first_base": ("First hour, baseline [contacts]", "Eerste uur, basis [contacten]"),
    "levers.c_first": ("First hour, scenario [contacts]", "Eerste uur, scenario [contacten]"),
    "levers.c_callbacks": ("Of which callbacks [contacts]", "Waarvan terugbellers [contacten]"),
    "levers.c_peak_base": ("Peak, baseline [agents]", "Piek, basis [medewerkers]"),
    "levers.c_peak": ("Peak, scenario [agents]", "Piek, scenario [medewerkers]"),
    "levers.chart_reach": ("Reachability by hour of day", "Bereikbaarheid per uur van de dag"),
    "levers.chart_weekday": ("Extra FTE and cost per weekday", "Extra fte en kosten per weekdag"),
    "levers.chart_peak": ("Contacts per interval: the peak after opening", "Contacten per interval: de piek na opening"),
    # channel mix
    "levers.mix_intro": (
        "Move a share of one channel's demand to another. Every moved contact ends up somewhere: handled there "
        "(self-service without an agent), coming back to the original channel, or lost (a customer who gives up). "
        "The three add up to 100 %.",
        "Verschuif een deel van de vraag van het ene kanaal naar het andere. Elk verschoven contact komt ergens "
        "terecht: daar afgehandeld (selfservice zonder medewerker), terug naar het oorspronkelijke kanaal, of "
        "verloren (een klant die afhaakt). Samen is dat 100 %.",
    ),
    "levers.mix_lost": ("Lost [%]", "Verloren [%]"),
    "levers.mix_lost_help": (
        "Customers who give up after the move and contact no channel: lost customers, not a saving. "
        "Handled, come back and lost add up to 100 %.",
        "Klanten die na de verschuiving afhaken en geen kanaal meer zoeken: verloren klanten, geen "
        "besparing. Afgehandeld, komt terug en verloren zijn samen 100 %.",
    ),
    "levers.m_moved": ("Contacts moved [contacts/week]", "Verschoven contacten [contacten/week]"),
    "levers.m_lost_customers": ("Lost customers [contacts/week]", "Verloren klanten [contacten/week]"),
    "levers.m_lost_help": (
        "Moved contacts that give up: the share below the number is of the moved contacts.",
        "Verschoven contacten die afhaken: het percentage onder het getal is van de verschoven contacten.",
    ),
    "levers.lost_customers": (
        "{lost} {unit} give up after the channel shift ({share} of the moved contacts). They lower the "
        "work and so the cost, but they are lost customers, not a saving.",
        "{lost} {unit} haken af na de kanaalverschuiving ({share} van de verschoven contacten). Ze "
        "verlagen het werk en dus de kosten, maar het zijn verloren klanten, geen besparing.",
    ),
    "levers.c_moved": ("Moved", "Verschoven"),
    "levers.c_handled": ("Handled there", "Daar afgehandeld"),
    "levers.c_came_back": ("Come back", "Komt terug"),
    "levers.c_lost": ("Lost customers", "Verloren klanten"),
    "levers.c_lost_share": ("Lost [% of moved]", "Verloren [% van verschoven]"),
    "levers.unit_contacts_week": ("contacts/week", "contacten/week"),
    "levers.unit_eur_month": ("EUR/month", "EUR/maand"),
    # attribution
    "levers.attribution_title": ("What each lever does", "Wat elke hefboom doet"),
    "levers.attribution_intro": (
        "Each lever's own effect is the scenario with only that lever changed, against the baseline. "
        "Together the levers do more or less than the sum of their own effects: that difference is the "
        "interaction. Own effects plus the interaction make the whole scenario.",
        "Het eigen effect van een hefboom is het scenario met alleen die hefboom gewijzigd, tegen de "
        "basis. Samen doen de hefbomen meer of minder dan de som van hun eigen effecten: dat verschil is "
        "de wisselwerking. Eigen effecten plus de wisselwerking vormen het hele scenario.",
    ),
    "levers.c_lever": ("Lever", "Hefboom"),
    "levers.lever_opening_hours": ("Opening hours", "Openingstijden"),
    "levers.lever_closed_hours": ("While closed", "Tijdens sluiting"),
    "levers.lever_channel_mix": ("Channel mix", "Kanaalmix"),
    "levers.lever_targets": ("Targets", "Normen"),
    "levers.lever_fcr": ("First-contact resolution", "Opgelost bij eerste contact"),
    "levers.lever_costs": ("Costs", "Kosten"),
    "levers.interaction": ("Interaction (levers together)", "Wisselwerking (hefbomen samen)"),
    "levers.whole_scenario": ("Whole scenario", "Hele scenario"),
    "levers.own_effect": (
        "{lever} alone against the baseline (the other levers are not counted here).",
        "{lever} alleen, tegen de basis (de andere hefbomen tellen hier niet mee).",
    ),
    "levers.whole_and_interaction": (
        "Whole scenario with all levers: {fte} FTE, {cost} EUR per month, {per_hour} EUR per extra opening "
        "hour. The levers together add {interaction} EUR per month beyond their own effects.",
        "Hele scenario met alle hefbomen: {fte} fte, {cost} EUR per maand, {per_hour} EUR per extra "
        "openingsuur. Samen voegen de hefbomen {interaction} EUR per maand toe bovenop hun eigen effecten.",
    ),
    "levers.whole_and_interaction_no_hours": (
        "Whole scenario with all levers: {fte} FTE, {cost} EUR per month. The levers together add "
        "{interaction} EUR per month beyond their own effects.",
        "Hele scenario met alle hefbomen: {fte} fte, {cost} EUR per maand. Samen voegen de hefbomen "
        "{interaction} EUR per maand toe bovenop hun eigen effecten.",
    ),
    "levers.mix_source": ("From channel", "Van kanaal"),
    "levers.mix_target": ("To channel", "Naar kanaal"),
    "levers.mix_share": ("Share moved [%]", "Verschoven deel [%]"),
    "levers.mix_aht": ("Handle time there [s] (0 = that channel's own)", "Afhandeltijd daar [s] (0 = van dat kanaal)"),
    "levers.mix_containment": ("Handled there [%]", "Daar afgehandeld [%]"),
    "levers.mix_failure": ("Come back [%]", "Komt terug [%]"),
    "levers.mix_add": ("Add or replace this shift", "Verschuiving toevoegen of vervangen"),
    "levers.mix_clear": ("Remove all shifts", "Alle verschuivingen weghalen"),
    "levers.mix_none": ("No channel shifts yet.", "Nog geen kanaalverschuivingen."),
    "levers.chart_channels": ("FTE and cost per channel", "Fte en kosten per kanaal"),
    # targets
    "levers.target_channel": ("Channel", "Kanaal"),
    "levers.target_sl": ("Service-level target [%]", "Servicelevelnorm [%]"),
    "levers.answer_time_s": ("Answered within [s]", "Beantwoord binnen [s]"),
    "levers.target_asa_s": ("Maximum ASA [s] (0 = none)", "Maximale gemiddelde wachttijd [s] (0 = geen)"),
    "levers.max_abandon": ("Maximum abandonment [%] (0 = none)", "Maximaal afhaken [%] (0 = geen)"),
    "levers.max_occupancy": ("Occupancy cap [%]", "Maximale bezettingsgraad [%]"),
    "levers.response_share": ("Share answered in time [%]", "Deel op tijd beantwoord [%]"),
    "levers.response_time_h": ("Response time [h, open hours]", "Reactietijd [u, openingsuren]"),
    "levers.no_digital_channel": (
        "This centre has no {channel} channel: the {pct} who would move there call back at the next "
        "opening instead (no {channel} appears in the plan or the budget).",
        "Dit centrum heeft geen kanaal {channel}: de {pct} die daarheen zou gaan, belt in plaats daarvan "
        "terug bij de volgende opening (er komt geen {channel} in de planning of het budget).",
    ),
    "levers.not_evaluated": (
        "The scenario cannot be evaluated: {reason}. The levers are back at the baseline; set them again.",
        "Het scenario kan niet worden doorgerekend: {reason}. De hendels staan weer op de basis; stel ze "
        "opnieuw in.",
    ),
    "levers.frontier_intro": (
        "What each extra point of service level costs: the service-level target against FTE and cost, with the "
        "marginal cost per point.",
        "Wat elk extra punt servicelevel kost: de servicelevelnorm tegenover fte en kosten, met de marginale kosten per punt.",
    ),
    "levers.chart_frontier": ("Service-level target against FTE and cost", "Servicelevelnorm tegenover fte en kosten"),
    # FCR
    "levers.fcr_intro": (
        "Every contact not resolved the first time comes back. Raising first-contact resolution (FCR) removes those "
        "repeat contacts and their workload: demand scales with FCR today / FCR in the scenario. If resolving more "
        "takes longer contacts, set that change of handle time on the right.",
        "Elk contact dat niet in één keer wordt opgelost komt terug. Een hoger aandeel opgelost bij eerste contact (FCR) "
        "haalt die herhaalcontacten en hun werklast weg: de vraag schaalt met FCR nu / FCR in het scenario. Vraagt "
        "vaker in één keer oplossen langere contacten, zet die verandering van de afhandeltijd dan rechts.",
    ),
    "levers.fcr_today": ("FCR today [%]", "FCR nu [%]"),
    "levers.fcr_goal": ("FCR in the scenario [%]", "FCR in het scenario [%]"),
    "levers.fcr_measured": ("measured from customer ids", "gemeten uit klantnummers"),
    "levers.fcr_input": ("your estimate", "uw schatting"),
    "levers.fcr_unidentified": (
        "Customer ids that mean 'not identified'", "Klantnummers die 'niet geïdentificeerd' betekenen"
    ),
    "levers.fcr_unidentified_help": (
        "Separate them with commas. Contacts with one of these customer ids, an empty id or an id "
        "of zeros only are left out of the measured FCR: counted as one customer, they would make "
        "most of their contacts look like repeats.",
        "Scheid ze met komma's. Contacten met een van deze klantnummers, een leeg nummer of een "
        "nummer van alleen nullen tellen niet mee in de gemeten FCR: als één klant geteld zouden "
        "de meeste van die contacten herhaalcontacten lijken.",
    ),
    "levers.fcr_window_days": ("Repeat window [days]", "Herhaalvenster [dagen]"),
    "levers.fcr_window_help": (
        "A contact is a repeat when the same customer made another contact this many days before.",
        "Een contact is een herhaalcontact als dezelfde klant zoveel dagen ervoor ook contact had.",
    ),
    "levers.fcr_keep": ("Keep this measure for the centre", "Deze meting bewaren voor het centrum"),
    "levers.fcr_kept": (
        "Kept: this centre measures FCR this way from now on, on every page and in the board summary.",
        "Bewaard: dit centrum meet de FCR voortaan zo, op elke pagina en in de bestuurssamenvatting.",
    ),
    "levers.fcr_basis": (
        "Measured: {fcr} from {contacts:,} contacts of identified customers; a repeat is a contact "
        "by the same customer within {days} days before. {left_out:,} contacts without an "
        "identified customer are left out.",
        "Gemeten: {fcr} uit {contacts:,} contacten van geïdentificeerde klanten; een herhaalcontact "
        "is een contact van dezelfde klant binnen {days} dagen ervoor. {left_out:,} contacten "
        "zonder geïdentificeerde klant tellen niet mee.",
    ),
    "levers.fcr_aht": ("Handle time in the scenario [% change]", "Afhandeltijd in het scenario [% verandering]"),
    "levers.fcr_aht_help": (
        "Resolving more the first time often takes longer contacts (+); a better knowledge base makes them "
        "shorter (-). The workload changes by FCR today / FCR in the scenario x (1 + this change).",
        "Vaker in één keer oplossen vraagt vaak langere contacten (+); een betere kennisbank maakt ze korter (-). "
        "De werklast verandert met FCR nu / FCR in het scenario x (1 + deze verandering).",
    ),
    # stress test
    "levers.stress_intro": (
        "A surge above the forecast (an outage, a crisis) played through the queue with today's roster, without "
        "and with flexible capacity: home agents logging in for short blocks, an outsourcing partner and overtime.",
        "Een piek boven de prognose (een storing, een crisis) door de wachtrij gespeeld met het huidige rooster, "
        "zonder en met flexibele capaciteit: thuiswerkers die korte blokken inloggen, een uitbestedingspartner en overwerk.",
    ),
    "levers.surge_channel": ("Channel", "Kanaal"),
    "levers.surge_uplift": ("Above forecast [%]", "Boven prognose [%]"),
    "levers.surge_weekday": ("Day", "Dag"),
    "levers.surge_start": ("Starts at [hh:mm]", "Begint om [uu:mm]"),
    "levers.surge_duration": ("Duration [min]", "Duur [min]"),
    "levers.home_agents": ("Home agents [agents]", "Thuiswerkers [medewerkers]"),
    "levers.home_block": ("Home block [min]", "Thuisblok [min]"),
    "levers.home_delay": ("Home agents log in after [min]", "Thuiswerkers ingelogd na [min]"),
    "levers.outsource_agents": ("Outsourcing partner [agents]", "Uitbestedingspartner [medewerkers]"),
    "levers.outsource_delay": ("Partner answers after [min]", "Partner neemt op na [min]"),
    "levers.overtime_agents": ("Overtime [agents]", "Overwerk [medewerkers]"),
    "levers.overtime_min": ("Overtime after the surge [min]", "Overwerk na de piek [min]"),
    "levers.surge_run": ("Run the stress test", "Stresstest uitvoeren"),
    "levers.surge_remove": ("Remove the stress test", "Stresstest weghalen"),
    "levers.surge_none": ("No stress test in this scenario yet.", "Nog geen stresstest in dit scenario."),
    "levers.not_recovered": ("not within the day", "niet binnen de dag"),
    "levers.m_recovery_without": ("Recovery without flex", "Herstel zonder flex"),
    "levers.m_recovery_with": ("Recovery with flex", "Herstel met flex"),
    "levers.m_peak_backlog": ("Peak backlog with flex", "Piekachterstand met flex"),
    "levers.m_surge_sl": ("Service level that day, with flex", "Servicelevel die dag, met flex"),
    "levers.m_abandoned": ("Abandoned with flex", "Afgehaakt met flex"),
    "levers.m_flex_hours": ("Flex hours", "Flexuren"),
    "levers.m_flex_cost": ("Flex cost", "Flexkosten"),
    "levers.chart_surge": ("Surge: demand, backlog and service level", "Piek: vraag, achterstand en servicelevel"),
    "levers.without_flex": ("without flex", "zonder flex"),
    "levers.with_flex": ("with flex", "met flex"),
    # costs
    "levers.costs_intro": (
        "Loaded hourly cost per channel, a cost per handled contact (telephony, licences, the self-service "
        "platform) and the premium of flexible or outsourced hours.",
        "Integrale uurkosten per kanaal, kosten per afgehandeld contact (telefonie, licenties, het "
        "selfserviceplatform) en de toeslag op flexibele of uitbestede uren.",
    ),
    "levers.cost_hour": ("Loaded cost [EUR/h]", "Integrale kosten [EUR/u]"),
    "levers.cost_contact": ("Cost per contact [EUR]", "Kosten per contact [EUR]"),
    "levers.flex_premium": ("Flex/outsourcing premium [%]", "Toeslag flex/uitbesteding [%]"),
    "levers.m_cost_contact": ("Cost per contact [EUR/contact]", "Kosten per contact [EUR/contact]"),
    "levers.m_handled": ("Contacts handled [contacts/week]", "Afgehandelde contacten [contacten/week]"),
    # axes
    "levers.ax_hour": ("hour of day", "uur van de dag"),
    "levers.ax_reachability": ("reachability [%]", "bereikbaarheid [%]"),
    "levers.ax_arrivals": ("demand [contacts/week]", "vraag [contacten/week]"),
    "levers.ax_weekday": ("Weekday", "Weekdag"),
    "levers.ax_delta_fte": ("extra FTE [FTE]", "extra fte [fte]"),
    "levers.ax_delta_cost": ("extra cost [EUR/week]", "extra kosten [EUR/week]"),
    "levers.ax_fte": ("FTE [FTE]", "fte [fte]"),
    "levers.ax_cost": ("cost [EUR/month]", "kosten [EUR/maand]"),
    "levers.ax_target_sl": ("service-level target [%]", "servicelevelnorm [%]"),
    "levers.ax_marginal": ("marginal cost [EUR/month per point]", "marginale kosten [EUR/maand per punt]"),
    "levers.ax_time": ("time", "tijd"),
    "levers.ax_backlog": ("backlog [contacts]", "achterstand [contacten]"),
    "levers.ax_service_level": ("service level [%]", "servicelevel [%]"),
    "levers.ax_volume": ("forecast [contacts]", "prognose [contacten]"),
    "levers.ax_surge_volume": ("with surge [contacts]", "met piek [contacten]"),
    "levers.ax_flex_agents": ("flex agents [agents]", "flexkrachten [medewerkers]"),
    "levers.ax_time_of_day": ("time of day", "tijdstip"),
    "levers.ax_volume_interval": ("contacts per interval [contacts]", "contacten per interval [contacten]"),
    # ----- scenarios page
    "scenarios.title": ("Scenarios", "Scenario's"),
    "scenarios.intro": (
        "Save the working scenario from the levers, compare two to four side by side and share one as a link.",
        "Sla het werkscenario van de hefbomen op, vergelijk er twee tot vier naast elkaar en deel er één als link.",
    ),
    "scenarios.baseline": ("Baseline", "Basis"),
    "scenarios.working": ("Working: {name}", "Werkscenario: {name}"),
    "scenarios.save_title": ("Save the working scenario", "Werkscenario opslaan"),
    "scenarios.name": ("Name", "Naam"),
    "scenarios.description": ("Description", "Omschrijving"),
    "scenarios.save": ("Save", "Opslaan"),
    "scenarios.name_required": ("Give the scenario a name.", "Geef het scenario een naam."),
    "scenarios.conflict.changed": (
        "Scenario “{name}” was changed by {user} at {at} after you opened it, so your version was "
        "not saved. Reload the scenario to see theirs, then make your changes again.",
        "Scenario ‘{name}’ is gewijzigd door {user} om {at} nadat u het opende; uw versie is "
        "daarom niet opgeslagen. Laad het scenario opnieuw om hun versie te zien en breng uw "
        "wijzigingen daarna opnieuw aan.",
    ),
    "scenarios.saved": ("Scenario “{name}” saved.", "Scenario ‘{name}’ opgeslagen."),
    "scenarios.saved_title": ("Saved scenarios", "Opgeslagen scenario's"),
    "scenarios.none_saved": ("No scenarios saved yet.", "Nog geen scenario's opgeslagen."),
    "scenarios.invalid": ("Scenario “{name}” cannot be read: {error}", "Scenario ‘{name}’ is niet te lezen: {error}"),
    "scenarios.created_by": ("Created by", "Gemaakt door"),
    "scenarios.created_at": ("Created at", "Gemaakt op"),
    "scenarios.updated_by": ("Changed by", "Gewijzigd door"),
    "scenarios.updated_at": ("Changed at", "Gewijzigd op"),
    "scenarios.pick": ("Scenario", "Scenario"),
    "scenarios.load": ("Open in the levers", "Openen in de hefbomen"),
    "scenarios.loaded": ("“{name}” is now the working scenario.", "‘{name}’ is nu het werkscenario."),
    "scenarios.duplicate": ("Duplicate", "Dupliceren"),
    "scenarios.copy_of": ("{name} (copy)", "{name} (kopie)"),
    "scenarios.delete": ("Delete", "Verwijderen"),
    "scenarios.share": ("Share as link", "Delen als link"),
    "scenarios.share_hint": (
        "The address bar now holds the scenario; copy it, or add this to the app's address (Scenarios page):",
        "De adresbalk bevat nu het scenario; kopieer die, of plak dit achter het adres van de app (pagina Scenario's):",
    ),
    "scenarios.link_loaded": ("Scenario “{name}” opened from the link.", "Scenario ‘{name}’ geopend vanuit de link."),
    "scenarios.link_error": ("The link could not be opened: {error}", "De link kon niet worden geopend: {error}"),
    "scenarios.compare_title": ("Compare", "Vergelijken"),
    "scenarios.compare_pick": ("Scenarios to compare (two to four)", "Te vergelijken scenario's (twee tot vier)"),
    "scenarios.compare_need": ("Pick at least two scenarios.", "Kies minstens twee scenario's."),
    "scenarios.c_diff_fte": ("FTE vs first [FTE]", "Fte t.o.v. eerste [fte]"),
    "scenarios.c_diff_cost": ("Cost vs first [EUR/month]", "Kosten t.o.v. eerste [EUR/maand]"),
    "scenarios.c_lost": ("Lost [contacts/week]", "Verloren [contacten/week]"),
    "scenarios.chart_values": ("Side by side", "Naast elkaar"),
    "scenarios.chart_diff": ("Difference to the first scenario", "Verschil met het eerste scenario"),
}
