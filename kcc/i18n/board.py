"""Texts of the board summary's story: executive summary, decision, findings, people,
calamities, timeline, and the plain labels the deck uses (``kcc.report.story``)."""

TEXTS: dict[str, tuple[str, str]] = {
    "report.generated_no_user": ("Prepared {date}", "Opgesteld op {date}"),
    # --- sections of the story
    "report.sec_summary": ("Executive summary", "Managementsamenvatting"),
    "report.sec_decision": ("Decision asked for", "Gevraagd besluit"),
    "report.sec_findings": ("What drives missed targets and cost", "Wat gemiste normen en kosten veroorzaakt"),
    "report.sec_people": ("People: attrition and hiring", "Mensen: verloop en werving"),
    "report.sec_calamity": ("Calamities: outages and fallback channels", "Calamiteiten: storingen en uitwijkkanalen"),
    "report.sec_timeline": ("Timeline", "Tijdlijn"),
    # --- plain labels (no jargon on a board's slides)
    "report.kpi_in_time_roster": ("Answered in time, current roster [%]", "Op tijd beantwoord, huidig rooster [%]"),
    "report.kpi_abandoned_roster": ("Hung up, current roster [%]", "Opgehangen, huidig rooster [%]"),
    # --- executive summary
    "report.exec_situation": (
        "Today {rostered} are rostered against {required} needed; {in_time} of contacts are answered in time "
        "and {reach} of customers find a channel open.",
        "Nu staan {rostered} ingeroosterd tegenover {required} nodig; {in_time} van de contacten wordt op tijd "
        "beantwoord en {reach} van de klanten vindt een kanaal open.",
    ),
    "report.exec_totals": (
        "{rostered} are rostered against {base} needed today and {scen} in the scenario, which costs {cost} over "
        "{weeks} weeks.",
        "Er staan {rostered} ingeroosterd tegenover {base} nodig nu en {scen} in het scenario, dat {cost} kost over "
        "{weeks} weken.",
    ),
    "report.exec_cause": ("Why: {finding}", "Waarom: {finding}"),
    "report.exec_recommend": (
        "Recommendation: adopt \u201c{name}\u201d and staff it as the plan requires.",
        "Advies: kies \u201c{name}\u201d en bemens het zoals het plan vraagt.",
    ),
    "report.exec_recommend_same": (
        "Recommendation: keep the channels and hours of \u201c{name}\u201d and reshape the roster to the demand.",
        "Advies: houd de kanalen en tijden van \u201c{name}\u201d en leg het rooster op de vraag.",
    ),
    "report.exec_costs": (
        "It costs {cost} per month ({delta} against today) and needs {fte} ({fte_delta}).",
        "Dat kost {cost} per maand ({delta} ten opzichte van nu) en vraagt {fte} ({fte_delta}).",
    ),
    "report.exec_buys": (
        "It buys: {in_time} answered in time when staffed as required (today's roster: {roster}); "
        "reachability {reach_base} today, {reach} in the scenario.",
        "Dat levert op: {in_time} op tijd beantwoord bij bezetting volgens behoefte (huidig rooster: {roster}); "
        "bereikbaarheid {reach_base} nu, {reach} in het scenario.",
    ),
    "report.exec_over_budget": (
        "That is {gap} per month above the approved budget of {budget}.",
        "Dat is {gap} per maand boven het goedgekeurde budget van {budget}.",
    ),
    "report.exec_within_budget": (
        "That is {gap} per month within the approved budget of {budget}.",
        "Dat is {gap} per maand binnen het goedgekeurde budget van {budget}.",
    ),
    "report.col_today": ("Today", "Nu"),
    "report.col_proposed": ("Proposed", "Voorstel"),
    "report.col_change": ("Change", "Verschil"),
    "report.kf_fte": ("Staff needed [FTE]", "Benodigde bezetting [fte]"),
    "report.kf_rostered": ("Staff rostered [FTE]", "Ingeroosterd [fte]"),
    "report.kf_cost": ("Cost per month [EUR]", "Kosten per maand [EUR]"),
    "report.kf_in_time_required": ("Answered in time, staffed as required [%]",
                                   "Op tijd beantwoord, bezetting volgens behoefte [%]"),
    "report.kf_in_time_roster": ("Answered in time, current roster [%]", "Op tijd beantwoord, huidig rooster [%]"),
    "report.kf_reach": ("Customers who find a channel open [%]", "Klanten die een kanaal open vinden [%]"),
    # --- decision
    "report.decision_default": (
        "We ask the board to approve \u201c{name}\u201d: its budget, its hires and its timeline below.",
        "We vragen het bestuur \u201c{name}\u201d goed te keuren: het budget, de werving en de tijdlijn hieronder.",
    ),
    "report.decision_default_same": (
        "We ask the board to approve reshaping the roster to the demand within today's channels and hours "
        "(\u201c{name}\u201d), and the hires below.",
        "We vragen het bestuur goed te keuren dat het rooster binnen de huidige kanalen en tijden op de vraag "
        "wordt gelegd (\u201c{name}\u201d), en de werving hieronder.",
    ),
    "report.table_ask": ("What you approve", "Wat u goedkeurt"),
    "report.ask_budget": ("Staff budget", "Personeelsbudget"),
    "report.ask_budget_value": ("{cost} per month ({delta} against today)", "{cost} per maand ({delta} ten opzichte van nu)"),
    "report.ask_approved": ("Against the approved budget", "Ten opzichte van het goedgekeurde budget"),
    "report.ask_over": ("{gap} per month above {budget}", "{gap} per maand boven {budget}"),
    "report.ask_within": ("{gap} per month within {budget}", "{gap} per maand binnen {budget}"),
    "report.ask_hires": ("Hires (shortfall and leavers)", "Werving (tekort en vertrekkers)"),
    "report.ask_hire_by": ("Open vacancies by", "Vacatures open uiterlijk"),
    "report.ask_hire_now": ("now, with the decision (the plan's last day was {date}); staff hired now are ready from {ready}",
                            "nu, bij het besluit (de laatste dag volgens het plan was {date}); wie nu wordt geworven "
                            "is inzetbaar vanaf {ready}"),
    "report.ask_next": ("Next milestone", "Volgende mijlpaal"),
    "report.lead_not_set": ("hiring lead time not stated", "doorlooptijd werving niet opgegeven"),
    # --- findings
    "report.findings_intro": (
        "From the plan's numbers: {misses} drivers of missed targets, the largest first, then {costs} items of cost, "
        "the largest first.",
        "Uit de cijfers van het plan: {misses} oorzaken van gemiste normen, de grootste eerst, daarna {costs} "
        "kostenposten, de grootste eerst.",
    ),
    "report.findings_none": ("The plan meets every target; no driver of missed targets stands out.",
                             "Het plan haalt elke norm; er springt geen oorzaak van gemiste normen uit."),
    "report.finding_shape_mismatch": (
        "{rostered} are rostered against {required} needed, yet {channel} misses its target ({achieved} "
        "answered in time against {target}): the roster's shape does not match the demand.",
        "Er staan {rostered} ingeroosterd tegenover {required} nodig, toch haalt {channel} de norm niet "
        "({achieved} op tijd beantwoord tegenover {target}): de vorm van het rooster past niet bij de vraag.",
    ),
    "report.finding_shape_other": (
        "{channel} is {short} short while {other} has {surplus} more than it needs.",
        "{channel} komt {short} tekort terwijl {other} {surplus} meer heeft dan nodig.",
    ),
    "report.finding_short_total": (
        "{rostered} are rostered against {required} needed: {channel} answers {achieved} in time against a "
        "target of {target}.",
        "Er staan {rostered} ingeroosterd tegenover {required} nodig: {channel} beantwoordt {achieved} op tijd "
        "tegenover een norm van {target}.",
    ),
    "report.finding_short_day": (
        "{weekday} takes {share} of the week's missed {channel} contacts ({missed} of {total} over the period).",
        "Op {weekday} valt {share} van de gemiste contacten via {channel} ({missed} van {total} over de periode).",
    ),
    "report.finding_short_peak": (
        "{channel}: the roster covers {over_start}-{over_end} but not the {start}-{end} peak; {share} of the "
        "hours short fall there ({missed} contacts not answered in time).",
        "{channel}: het rooster dekt {over_start}-{over_end} maar niet de piek van {start}-{end}; daar valt "
        "{share} van de tekorturen ({missed} contacten niet op tijd beantwoord).",
    ),
    "report.finding_short_peak_only": (
        "{channel}: the roster misses the {start}-{end} peak; {share} of the hours short fall there ({missed} "
        "contacts not answered in time).",
        "{channel}: het rooster mist de piek van {start}-{end}; daar valt {share} van de tekorturen ({missed} "
        "contacten niet op tijd beantwoord).",
    ),
    "report.finding_channel_cost": (
        "{channel} takes {share} of the staff cost ({cost} over {weeks} weeks): {volume} contacts at {per_contact} "
        "each.",
        "{channel} neemt {share} van de personeelskosten voor zijn rekening ({cost} over {weeks} weken): {volume} "
        "contacten van {per_contact} per stuk.",
    ),
    "report.finding_surplus_cost": (
        "{channel} has {hours} rostered hours more than it needs ({fte}, {cost}); {share} of them fall on {weekday}.",
        "{channel} heeft {hours} ingeroosterde uren meer dan nodig ({fte}, {cost}); {share} daarvan valt op {weekday}.",
    ),
    "report.finding_delta_saves": ("The scenario saves {cost} on {channel} ({fte} fewer).",
                                   "Het scenario bespaart {cost} op {channel} ({fte} minder)."),
    "report.finding_delta_adds": ("The scenario adds {cost} on {channel} ({fte} more).",
                                  "Het scenario kost {cost} extra op {channel} ({fte} meer)."),
    "report.chart_shape": ("{channel} on {weekday}: agents needed against rostered, per hour",
                           "{channel} op {weekday}: benodigde tegenover ingeroosterde medewerkers, per uur"),
    "report.series_needed": ("Needed [agents]", "Nodig [medewerkers]"),
    "report.series_rostered_agents": ("Rostered [agents]", "Ingeroosterd [medewerkers]"),
    "report.axis_agents": ("agents", "medewerkers"),
    # --- role, purposes, promises, quality
    "report.col_purpose": ("Purpose: which questions go here", "Doel: welke vragen horen hier"),
    "report.purpose_not_set": ("not stated yet (Strategy choices page)", "nog niet opgegeven (pagina Strategische keuzes)"),
    "report.col_promise": ("Promise", "Belofte"),
    "report.promise_from_target": ("as the target says", "zoals de norm zegt"),
    "report.promise_within": ("{share} within {within}", "{share} binnen {within}"),
    "report.col_target_words": ("Target", "Norm"),
    "report.table_quality": ("Quality: reachability and first-contact resolution",
                             "Kwaliteit: bereikbaarheid en eerste-keer-goed"),
    "report.col_fcr_base": ("resolved first time, baseline [%]", "eerste keer goed, basis [%]"),
    "report.col_fcr_scen": ("resolved first time, scenario [%]", "eerste keer goed, scenario [%]"),
    "report.fact_fcr": ("{channel}: resolved at the first contact {today} today, {scen} in the scenario.",
                        "{channel}: bij het eerste contact opgelost {today} nu, {scen} in het scenario."),
    "report.fact_fcr_none": (
        "First-contact resolution is neither measured (no customer ids) nor set in this scenario.",
        "Eerste-keer-goed is in dit scenario niet gemeten (geen klantnummers) en niet ingesteld.",
    ),
    # --- budget and flexibility
    "report.series_approved": ("Approved budget [EUR]", "Goedgekeurd budget [EUR]"),
    "report.budget_not_set": ("No approved budget is stated (Strategy choices page).",
                              "Er is geen goedgekeurd budget opgegeven (pagina Strategische keuzes)."),
    "report.budget_over": (
        "The scenario costs {cost} per month: {gap} ({share}) above the approved budget of {budget}.",
        "Het scenario kost {cost} per maand: {gap} ({share}) boven het goedgekeurde budget van {budget}.",
    ),
    "report.budget_within": (
        "The scenario costs {cost} per month: {gap} ({share}) within the approved budget of {budget}.",
        "Het scenario kost {cost} per maand: {gap} ({share}) binnen het goedgekeurde budget van {budget}.",
    ),
    "report.fact_flex_blocks": (
        "Home-working blocks absorb short peaks: in a {surge} surge on {channel} the largest backlog falls "
        "from {without} to {with_} contacts.",
        "Thuiswerkblokken vangen korte pieken op: bij een piek van {surge} op {channel} daalt de grootste "
        "achterstand van {without} naar {with_} contacten.",
    ),
    # --- people
    "report.people_attrition": (
        "At {share} attrition a year, {leavers} leave during the {weeks} weeks of the plan.",
        "Bij {share} verloop per jaar vertrekt {leavers} tijdens de {weeks} weken van het plan.",
    ),
    "report.people_attrition_not_set": ("Attrition is not stated (Strategy choices page); leavers are not counted.",
                                        "Verloop is niet opgegeven (pagina Strategische keuzes); vertrekkers zijn niet meegeteld."),
    "report.people_hire_by": (
        "To have {hires} ready by {start}, with {weeks} weeks from vacancy to trained agent, open the vacancies "
        "by {date}.",
        "Om {hires} klaar te hebben op {start}, met {weeks} weken van vacature tot ingewerkte medewerker, "
        "moeten de vacatures uiterlijk {date} open.",
    ),
    "report.people_hire_late": (
        "To have {hires} ready by {start}, with {weeks} weeks from vacancy to trained agent, the vacancies "
        "should have opened on {date}: staff hired now are ready from {ready}; bridge the shortfall until then "
        "with flex capacity.",
        "Om {hires} klaar te hebben op {start}, met {weeks} weken van vacature tot ingewerkte medewerker, "
        "hadden de vacatures op {date} open moeten staan: wie nu wordt geworven is inzetbaar vanaf {ready}; "
        "overbrug het tekort tot dan met flexibele capaciteit.",
    ),
    "report.people_lead_not_set": (
        "{hires} to hire; the hiring lead time is not stated (Strategy choices page).",
        "{hires} te werven; de doorlooptijd van werving is niet opgegeven (pagina Strategische keuzes).",
    ),
    "report.chart_people": ("Staff per channel: needed and rostered [FTE]",
                            "Bezetting per kanaal: nodig en ingeroosterd [fte]"),
    "report.series_after_leavers": ("Rostered after leavers [FTE]", "Ingeroosterd na vertrek [fte]"),
    "report.col_leavers": ("leavers in period [FTE]", "vertrek in periode [fte]"),
    "report.col_hires": ("to hire [FTE]", "te werven [fte]"),
    # --- calamities
    "report.calamity_intro": (
        "Beyond the phone surge on the risks slide: what an outage hits, and where customers go meanwhile.",
        "Naast de piek op telefoon bij de risico's: wat een storing raakt en waar klanten intussen heen gaan.",
    ),
    "report.calamity_telephony": ("Telephony outage", "Storing telefonie"),
    "report.calamity_website": ("Website outage", "Storing website"),
    "report.calamity_fact": (
        "{kind} of {hours} ({channels}): {contacts} contacts hit in the busiest stretch of a week (from {when}).",
        "{kind} van {hours} ({channels}): {contacts} contacten geraakt op het drukste moment van de week "
        "(vanaf {when}).",
    ),
    "report.calamity_no_channels": (
        "{kind} of {hours} ({channels}): none of these channels takes contacts in this plan.",
        "{kind} van {hours} ({channels}): geen van deze kanalen krijgt contacten in dit plan.",
    ),
    "report.col_calamity": ("Calamity", "Calamiteit"),
    "report.col_outage": ("Outage", "Duur"),
    "report.col_contacts_hit": ("contacts hit", "contacten geraakt"),
    "report.col_fallback": ("Fallback channels", "Uitwijkkanalen"),
    "report.col_plan": ("Plan", "Plan"),
    "report.fallback_not_set": ("not stated", "niet opgegeven"),
    "report.plan_not_set": ("not stated yet (Strategy choices page)", "nog niet opgegeven (pagina Strategische keuzes)"),
    # --- timeline
    "report.col_date": ("Date", "Datum"),
    "report.col_milestone": ("Milestone", "Mijlpaal"),
    "report.source_plan": ("from the plan", "uit het plan"),
    "report.source_you": ("stated", "opgegeven"),
    "report.step_decision": ("Board decision", "Besluit bestuur"),
    "report.step_hire": ("Open vacancies", "Vacatures open"),
    "report.step_hire_late": ("Open vacancies (the plan's last day was {date})",
                              "Vacatures open (de laatste dag volgens het plan was {date})"),
    "report.step_ready": ("Staff hired now are ready", "Nu geworven medewerkers inzetbaar"),
    "report.step_start": ("Plan period starts", "Planperiode begint"),
    "report.step_end": ("Plan period ends", "Planperiode eindigt"),
    "report.timeline_none": ("No milestones are stated yet (Strategy choices page); the dates below follow from the plan.",
                             "Er zijn nog geen mijlpalen opgegeven (pagina Strategische keuzes); de data hieronder volgen uit het plan."),
    "report.logo_error.too_large": ("The logo is {size_kb:,} kB; at most {limit_kb:,} kB.",
                                    "Het logo is {size_kb:,} kB; hoogstens {limit_kb:,} kB."),
    "report.logo_error.not_image": ("The logo must be a PNG or JPEG image.",
                                    "Het logo moet een PNG- of JPEG-afbeelding zijn."),
    "overview.findings_misses": ("Missed targets, largest first", "Gemiste normen, grootste eerst"),
    "overview.findings_costs": ("Cost, largest first", "Kosten, grootste eerst"),
}
