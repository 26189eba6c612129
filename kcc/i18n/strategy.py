"""Texts of the Strategy page: the qualitative choices of a contact strategy
(``kcc.scenarios.StrategyChoices``) and their errors."""

TEXTS: dict[str, tuple[str, str]] = {
    # ----- errors of the choices (kcc.scenarios.ScenarioError)
    "levers.error.text_too_long": (
        "{field}: at most {limit} characters, got {chars}",
        "{field}: hoogstens {limit} tekens, nu {chars}",
    ),
    "levers.error.milestone_date": (
        "milestone date {value!r} is not a date (YYYY-MM-DD)",
        "mijlpaaldatum {value!r} is geen datum (JJJJ-MM-DD)",
    ),
    "levers.error.too_many_milestones": (
        "at most {limit} milestones, got {count}",
        "hoogstens {limit} mijlpalen, nu {count}",
    ),
    # ----- the page
    "common.nav_strategy": ("Strategy choices", "Strategische keuzes"),
    "strategy.title": ("Strategy choices", "Strategische keuzes"),
    "strategy.intro": (
        "The choices the board summary puts beside the numbers. They are kept with the working scenario "
        "(and saved with it on the Scenarios page); save them as this centre's default to start every "
        "scenario from them.",
        "De keuzes die de bestuurssamenvatting naast de cijfers zet. Ze horen bij het werkscenario (en worden "
        "ermee opgeslagen op de pagina Scenario's); sla ze op als standaard van dit KCC om elk scenario ermee "
        "te beginnen.",
    ),
    "strategy.source_scenario": ("Shown: the choices kept with the working scenario.",
                                 "Getoond: de keuzes van het werkscenario."),
    "strategy.source_default": ("Shown: this centre's default choices (the working scenario has none of its own).",
                                "Getoond: de standaardkeuzes van dit KCC (het werkscenario heeft er nog geen)."),
    "strategy.role_title": ("Role", "Rol"),
    "strategy.channels_title": ("Channels: purpose and promise", "Kanalen: doel en belofte"),
    "strategy.channels_intro": (
        "Which questions go to each channel, and what you promise customers there (leave empty to state the "
        "target).",
        "Welke vragen bij elk kanaal horen, en wat u klanten daar belooft (leeg laten om de norm te noemen).",
    ),
    "strategy.purpose_of": ("{channel}: which questions go here", "{channel}: welke vragen horen hier"),
    "strategy.promise_of": ("{channel}: promise to customers", "{channel}: belofte aan klanten"),
    "strategy.purpose_placeholder_phone": ("e.g. urgent and complex questions", "bijv. dringende en complexe vragen"),
    "strategy.purpose_placeholder_chat": ("e.g. short questions while on the website",
                                          "bijv. korte vragen tijdens een bezoek aan de website"),
    "strategy.purpose_placeholder_email": ("e.g. requests with documents", "bijv. verzoeken met documenten"),
    "strategy.purpose_placeholder_whatsapp": ("e.g. status questions on the go", "bijv. statusvragen onderweg"),
    "strategy.purpose_placeholder_self_service": ("e.g. address changes and simple look-ups",
                                                  "bijv. adreswijzigingen en eenvoudige opzoekvragen"),
    "strategy.promise_placeholder_phone": ("e.g. 8 in 10 calls answered within 30 seconds",
                                           "bijv. 8 op de 10 gesprekken binnen 30 seconden opgenomen"),
    "strategy.promise_placeholder_chat": ("e.g. a reply within a minute", "bijv. binnen een minuut een reactie"),
    "strategy.promise_placeholder_email": ("e.g. an answer the next working day",
                                           "bijv. de volgende werkdag een antwoord"),
    "strategy.promise_placeholder_whatsapp": ("e.g. a reply within 15 minutes", "bijv. binnen 15 minuten een reactie"),
    "strategy.promise_placeholder_self_service": ("e.g. available day and night", "bijv. dag en nacht beschikbaar"),
    "strategy.money_title": ("Budget and people", "Budget en mensen"),
    "strategy.approved_budget": ("Approved staff budget [EUR/month]", "Goedgekeurd personeelsbudget [EUR/maand]"),
    "strategy.attrition": ("Attrition [% a year]", "Verloop [% per jaar]"),
    "strategy.lead_weeks": ("Hiring lead time: vacancy to trained agent [weeks]",
                            "Doorlooptijd werving: vacature tot ingewerkte medewerker [weken]"),
    "strategy.not_stated": ("not stated", "niet opgegeven"),
    "strategy.people_from_capacity": (
        "When the board summary carries the Capacity plan, its attrition and hiring lead time are used "
        "instead of these two, so the deck holds one set of hiring assumptions.",
        "Als de bestuurssamenvatting het capaciteitsplan bevat, gelden het verloop en de doorlooptijd "
        "van werving daaruit in plaats van deze twee, zodat het deck één set wervingsaannames heeft.",
    ),
    "strategy.calamity_title": ("Calamities", "Calamiteiten"),
    "strategy.outage_hours": ("Outage to plan for [h]", "Storing om op te plannen [u]"),
    "strategy.fallback": ("Fallback channels", "Uitwijkkanalen"),
    "strategy.calamity_plan": ("What we do", "Wat we doen"),
    "strategy.timeline_title": ("Timeline and decision", "Tijdlijn en besluit"),
    "strategy.milestone_when": ("Date", "Datum"),
    "strategy.milestone_what": ("Milestone", "Mijlpaal"),
    "strategy.decision": ("Decision asked of the board", "Besluit dat het bestuur wordt gevraagd"),
    "strategy.decision_placeholder": (
        "e.g. approve EUR 650,000 a month and ten hires by January",
        "bijv. keur EUR 650.000 per maand en tien aannames voor januari goed",
    ),
    "strategy.use": ("Use in the working scenario", "Gebruik in het werkscenario"),
    "strategy.save_default": ("Use and save as this centre's default", "Gebruik en bewaar als standaard van dit KCC"),
    "strategy.used": ("The working scenario carries these choices now.", "Het werkscenario heeft nu deze keuzes."),
    "strategy.saved_default": ("Saved as this centre's default and used in the working scenario.",
                               "Bewaard als standaard van dit KCC en gebruikt in het werkscenario."),
    "strategy.logo_title": ("Title slide: name and logo", "Titeldia: naam en logo"),
    "strategy.logo_intro": ("The title slide shows {centre} and, when you upload one, its logo (PNG or JPEG, at most "
                            "{limit_mb} MB).",
                            "De titeldia toont {centre} en, als u er een uploadt, het logo (PNG of JPEG, hoogstens "
                            "{limit_mb} MB)."),
    "strategy.logo_upload": ("Logo", "Logo"),
    "strategy.logo_save": ("Save logo", "Logo bewaren"),
    "strategy.logo_remove": ("Remove logo", "Logo verwijderen"),
    "report.strategy_from_page": (
        "Role, channel purposes, promises, budget, people, calamity plans, timeline and the decision come from the "
        "Strategy choices page (the chosen scenario's choices, else this centre's default).",
        "Rol, doel per kanaal, beloftes, budget, mensen, calamiteitenplannen, tijdlijn en besluit komen van de "
        "pagina Strategische keuzes (de keuzes van het gekozen scenario, anders de standaard van dit KCC).",
    ),
}
