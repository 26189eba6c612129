"""Texts of the Capacity plan page, its checks and its part of the board summary."""

TEXTS: dict[str, tuple[str, str]] = {
    # ----- fields, as the checks name them
    "capacity.field.contract_hours_per_week": ("Contract hours [h/week]", "Contracturen [u/week]"),
    "capacity.field.in_shift_shrinkage": ("In-shift shrinkage", "Shrinkage in de dienst"),
    "capacity.field.out_of_shift_shrinkage": ("Out-of-shift shrinkage", "Shrinkage buiten de dienst"),
    "capacity.field.efficiency": ("Schedule efficiency", "Roosterefficiëntie"),
    "capacity.field.fte_per_head": ("Average FTE per head", "Gemiddelde fte per persoon"),
    "capacity.field.start_heads": ("Heads at the start", "Medewerkers bij de start"),
    "capacity.field.attrition_per_month": ("Attrition per month", "Verloop per maand"),
    "capacity.field.lead_time_months": ("Hiring lead time [months]", "Doorlooptijd werving [maanden]"),
    "capacity.field.training_weeks": ("Training [weeks]", "Opleiding [weken]"),
    "capacity.field.training_productivity": ("Productivity in training", "Productiviteit tijdens opleiding"),
    "capacity.field.class_size": ("Class size [heads]", "Groepsgrootte [medewerkers]"),
    "capacity.field.max_classes_per_month": ("Most classes per month", "Maximaal aantal groepen per maand"),
    "capacity.field.horizon_months": ("Horizon [months]", "Horizon [maanden]"),
    "capacity.field.already_hired": ("Already hired or in training [heads per month]",
                                     "Al aangenomen of in opleiding [medewerkers per maand]"),
    "capacity.field.cost_eur_per_hire": ("Cost per hire [EUR]", "Kosten per aanname [EUR]"),
    "capacity.already_hired_help": (
        "People who start in the first months, one number per month from the first, separated by "
        "spaces or semicolons (for example 6 0 4); no more months than the lead time.",
        "Mensen die in de eerste maanden beginnen, één getal per maand vanaf de eerste, gescheiden door "
        "spaties of puntkomma's (bijvoorbeeld 6 0 4); niet meer maanden dan de doorlooptijd.",
    ),
    "capacity.col_already_hired": ("Already hired [heads]", "Al aangenomen [medewerkers]"),
    # ----- errors that are not one field's range
    "capacity.error.lead_time": (
        "{field} must be shorter than the horizon of {horizon} months, got {value}",
        "{field} moet korter zijn dan de horizon van {horizon} maanden, niet {value}",
    ),
    "capacity.error.already_hired_after_lead": (
        "{field} lists {months} months; people already hired start within the lead time of {lead} months "
        "(later months are the plan's hires)",
        "{field} noemt {months} maanden; al aangenomen mensen beginnen binnen de doorlooptijd van {lead} maanden "
        "(latere maanden zijn de aannames van het plan)",
    ),
    "capacity.error.already_hired_text": (
        "{field}: '{value}' is not a list of numbers (for example 6 0 4)",
        "{field}: '{value}' is geen reeks getallen (bijvoorbeeld 6 0 4)",
    ),
    "capacity.error.empty_history": (
        "The history holds no complete month, so there is nothing to forecast months from. "
        "Load at least one full calendar month on the Data page.",
        "De historie bevat geen volledige maand, dus er valt geen maandprognose te maken. "
        "Laad op de pagina Gegevens minstens één volledige kalendermaand.",
    ),
    "capacity.error.driver_file": (
        "Driver file, row {row}: needs a date (day or month) in the first column and a number in the second.",
        "Driverbestand, rij {row}: de eerste kolom moet een datum (dag of maand) zijn en de tweede een getal.",
    ),
    "capacity.error.driver_overlap": (
        "The driver file and the contact history share {months} months; {needed} are needed to learn contacts per driver.",
        "Het driverbestand en de contacthistorie hebben {months} maanden gemeen; er zijn er {needed} nodig om "
        "contacten per driver te leren.",
    ),
    # ----- page
    "capacity.title": ("Capacity plan", "Capaciteitsplan"),
    "capacity.intro": (
        "From monthly contacts to heads and euros for the next months: the FTE bridge, the heads needed "
        "per month and a hiring plan that closes the gap.",
        "Van contacten per maand naar mensen en euro's voor de komende maanden: de fte-brug, de benodigde "
        "medewerkers per maand en een wervingsplan dat het tekort dicht.",
    ),
    "capacity.settings": ("FTE and hiring settings", "Instellingen fte en werving"),
    "capacity.save": ("Apply and save for this centre", "Toepassen en bewaren voor dit KCC"),
    "capacity.saved": ("Saved for this centre.", "Bewaard voor dit KCC."),
    "capacity.no_start_heads": (
        "No headcount at the start is given, so this plan starts from 0 heads and hires the whole centre: "
        "enter today's headcount as \"{field}\" under {settings}.",
        "Er is geen bezetting bij de start opgegeven, dus dit plan begint bij 0 medewerkers en werft het hele "
        "centrum: vul de huidige bezetting in als \"{field}\" onder {settings}.",
    ),
    "capacity.start_from_roster": (
        "The plan starts from {heads} heads, those of the roster's first week: {fte} FTE rostered over "
        "{per_head} FTE a person. Enter today's headcount as \"{field}\" under {settings}.",
        "Het plan begint bij {heads} medewerkers, die van de eerste roosterweek: {fte} ingeroosterde fte "
        "gedeeld door {per_head} fte per medewerker. Vul de huidige bezetting in als \"{field}\" onder "
        "{settings}.",
    ),
    "capacity.invalid": ("Not saved: {reason}", "Niet bewaard: {reason}"),
    "capacity.efficiency_default": (
        "Schedule efficiency {value} is a planner's estimate; the shift cover measures it per channel "
        "once it has been run.",
        "Roosterefficiëntie {value} is een schatting; de dienstdekking meet die per kanaal zodra die is "
        "doorgerekend.",
    ),
    "capacity.efficiency_cover": (
        "Schedule efficiency: {values}; other channels default {default}.",
        "Roosterefficiëntie: {values}; overige kanalen standaard {default}.",
    ),
    "capacity.efficiency_from_cover": (
        "{channel} {value} from the shift cover of the week starting {week}",
        "{channel} {value} uit de dienstdekking van de week vanaf {week}",
    ),
    "capacity.scenario": ("Carry a scenario into the plan", "Scenario meenemen in het plan"),
    "capacity.scenario_none": ("Baseline (no scenario)", "Basis (geen scenario)"),
    "capacity.scenario_scale": (
        "Workload scaled per channel by the scenario's effect on the required FTE: {values}.",
        "Werklast per kanaal geschaald met het effect van het scenario op de benodigde fte: {values}.",
    ),
    "capacity.no_intervals": (
        "The requirement per workload hour is a default (1 / {occupancy} occupancy): the centre has no "
        "interval history to measure it on.",
        "De behoefte per uur werklast is een standaardwaarde (1 / {occupancy} bezetting): dit KCC heeft geen "
        "intervalhistorie om die op te meten.",
    ),
    "capacity.factors": (
        "Required agent hours per workload hour, from the current interval plan: {values}.",
        "Benodigde medewerkersuren per uur werklast, uit het huidige intervalplan: {values}.",
    ),
    "capacity.drivers": ("Business drivers (optional)", "Bedrijfsdrivers (optioneel)"),
    "capacity.drivers_help": (
        "A CSV with a date (day or month) and a value per row, e.g. customers or orders. Months that "
        "overlap the history teach contacts per driver; later months are the driver's plan.",
        "Een CSV met per rij een datum (dag of maand) en een waarde, bijvoorbeeld klanten of orders. "
        "Maanden die met de historie overlappen leren contacten per driver; latere maanden zijn het plan "
        "van de driver.",
    ),
    "capacity.driver_fit": (
        "{channel}: {per_driver} contacts per driver unit + {intercept} a month (R² {r2}, {months} months).",
        "{channel}: {per_driver} contacten per drivereenheid + {intercept} per maand (R² {r2}, {months} maanden).",
    ),
    "capacity.tab_plan": ("Capacity plan", "Capaciteitsplan"),
    "capacity.tab_hiring": ("Hiring plan", "Wervingsplan"),
    "capacity.tab_bridge": ("FTE bridge", "Fte-brug"),
    "capacity.tab_scenarios": ("Scenarios", "Scenario's"),
    "capacity.kpi_peak": ("Peak heads needed [heads]", "Piek benodigd [medewerkers]"),
    "capacity.kpi_hires": ("Hires [heads]", "Aan te nemen [medewerkers]"),
    "capacity.kpi_cost": ("Cost over the plan [EUR]", "Kosten over het plan [EUR]"),
    "capacity.kpi_short": ("Months short", "Maanden met tekort"),
    "capacity.methods": ("Forecast method per channel: {values}.", "Prognosemethode per kanaal: {values}."),
    "capacity.method_ets_yearly": ("trend and yearly season", "trend en jaarseizoen"),
    "capacity.method_ets_trend": ("trend (under two years of history)", "trend (minder dan twee jaar historie)"),
    "capacity.method_mean": ("mean (under six months)", "gemiddelde (minder dan zes maanden)"),
    "capacity.method_driver": ("business driver", "bedrijfsdriver"),
    "capacity.col_month": ("Month", "Maand"),
    "capacity.col_contacts": ("Contacts", "Contacten"),
    "capacity.col_workload_h": ("Workload [h]", "Werklast [u]"),
    "capacity.col_required_h": ("Requirement [h]", "Behoefte [u]"),
    "capacity.col_rostered_h": ("Rostered [h]", "Ingeroosterd [u]"),
    "capacity.col_paid_h": ("Paid [h]", "Betaald [u]"),
    "capacity.col_fte": ("FTE", "fte"),
    "capacity.col_need_heads": ("Heads needed", "Benodigd"),
    "capacity.col_classes": ("Classes", "Groepen"),
    "capacity.col_hires": ("Hires", "Instroom"),
    "capacity.col_leavers": ("Leavers", "Uitstroom"),
    "capacity.col_heads": ("Heads", "Medewerkers"),
    "capacity.col_effective": ("Trained equivalent", "Volledig inzetbaar"),
    "capacity.col_gap": ("Gap [heads]", "Verschil [medewerkers]"),
    "capacity.col_cost": ("Cost [EUR]", "Kosten [EUR]"),
    "capacity.col_need_cost": ("Cost needed [EUR]", "Benodigde kosten [EUR]"),
    "capacity.col_scenario": ("Scenario", "Scenario"),
    "capacity.bridge_period": ("Period", "Periode"),
    "capacity.bridge_unit": ("In", "In"),
    "capacity.bridge_freq": ("Per", "Per"),
    "capacity.freq_month_plan": ("month of the capacity plan", "maand van het capaciteitsplan"),
    "capacity.freq_week": ("week of the interval plan", "week van het intervalplan"),
    "capacity.freq_month": ("month of the interval plan", "maand van het intervalplan"),
    "capacity.all_channels": ("All channels", "Alle kanalen"),
    "capacity.unit_hours": ("hours", "uren"),
    "capacity.unit_eur": ("EUR", "EUR"),
    "capacity.step_contact_h": ("Contact hours", "Contacturen"),
    "capacity.step_in_shift_h": ("+ in-shift shrinkage", "+ shrinkage in de dienst"),
    "capacity.step_required_h": ("Requirement", "Behoefte"),
    "capacity.step_cover_h": ("+ shift cover", "+ dienstdekking"),
    "capacity.step_rostered_h": ("Rostered", "Ingeroosterd"),
    "capacity.step_out_of_shift_h": ("+ out-of-shift shrinkage", "+ shrinkage buiten de dienst"),
    "capacity.step_paid_h": ("Paid", "Betaald"),
    "capacity.bridge_result": (
        "{paid} paid hours = {fte} FTE = {heads} heads at {per_head} FTE per head.",
        "{paid} betaalde uren = {fte} fte = {heads} medewerkers bij {per_head} fte per persoon.",
    ),
    "capacity.axis_heads": ("headcount [heads]", "aantal [medewerkers]"),
    "capacity.axis_hours": ("hours [h]", "uren [u]"),
    "capacity.axis_eur": ("cost [EUR]", "kosten [EUR]"),
    "capacity.compare_none": (
        "Save scenarios on the Scenarios page to compare them here.",
        "Bewaar scenario's op de pagina Scenario's om ze hier te vergelijken.",
    ),
    "capacity.compare_pick": ("Scenarios to compare", "Te vergelijken scenario's"),
    "capacity.needs_plan": (
        "The interval plan cannot be made for this centre, so the weekly bridge is not available.",
        "Voor dit KCC kan geen intervalplan worden gemaakt, dus de brug per week is niet beschikbaar.",
    ),
    # ----- board summary
    "capacity.report_title": ("Capacity and hiring plan", "Capaciteits- en wervingsplan"),
    "capacity.report_fact": (
        "Over {months} months from {start}: at most {peak} heads needed, {hires} hires, {cost} in cost; "
        "{short} months short.",
        "Over {months} maanden vanaf {start}: hoogstens {peak} medewerkers nodig, {hires} aan te nemen, "
        "{cost} aan kosten; {short} maanden met tekort.",
    ),
    "capacity.report_start": ("The plan starts from {heads} heads employed.",
                              "Het plan begint bij {heads} medewerkers in dienst."),
    "capacity.report_start_roster": (
        "The plan starts from {heads} heads, estimated from the roster's first week ({fte} FTE rostered over "
        "{per_head} FTE a person): no headcount at the start was stated.",
        "Het plan begint bij {heads} medewerkers, geschat uit de eerste roosterweek ({fte} ingeroosterde fte "
        "gedeeld door {per_head} fte per medewerker): er is geen bezetting bij de start opgegeven.",
    ),
    "capacity.report_start_none": (
        "The plan starts from 0 heads: no headcount at the start was given, so it hires the whole centre.",
        "Het plan begint bij 0 medewerkers: er is geen bezetting bij de start opgegeven, dus het werft het hele "
        "centrum.",
    ),
    "capacity.report_rule": (
        "Rule: classes of {class_size} (at most {max_classes} a month) decided {lead} months ahead keep the "
        "trained equivalent at the need; attrition {attrition} a month; {training} weeks training at "
        "{productivity} productivity.",
        "Regel: groepen van {class_size} (hoogstens {max_classes} per maand), {lead} maanden vooruit besloten, "
        "houden het volledig inzetbare aantal op de behoefte; verloop {attrition} per maand; {training} weken "
        "opleiding met {productivity} productiviteit.",
    ),
    "capacity.chart_heads": ("Heads per month", "Medewerkers per maand"),
    "capacity.sheet": ("Capacity", "Capaciteit"),
    "capacity.xl_rate": ("Cost per hour [EUR/h]", "Kosten per uur [EUR/u]"),
    "capacity.xl_weeks": ("Weeks", "Weken"),
    "capacity.xl_days": ("Days", "Dagen"),
    "capacity.xl_fte_per_head": ("FTE per head", "Fte per persoon"),
    "capacity.xl_attrition": ("Attrition per month", "Verloop per maand"),
    "capacity.xl_start_heads": ("Heads at the start", "Medewerkers bij de start"),
    "capacity.xl_cost_per_hire": ("Cost per hire [EUR]", "Kosten per aanname [EUR]"),
    "capacity.bridge_sheet": ("Capacity bridge", "Capaciteitsbrug"),
    "capacity.xl_bridge_title": ("FTE bridge per month and channel", "Fte-brug per maand en kanaal"),
    "capacity.xl_bridge_note": (
        "Inputs per channel, then per month and channel the steps from contacts to paid hours. The paid "
        "hours per month on the sheet {sheet} add up this sheet's rows, so both follow an edited input.",
        "Invoer per kanaal, daarna per maand en kanaal de stappen van contacten naar betaalde uren. De "
        "betaalde uren per maand op het blad {sheet} tellen de rijen van dit blad op, dus beide volgen een "
        "gewijzigde invoer.",
    ),
    "capacity.xl_aht": ("Handle time [s]", "Afhandeltijd [s]"),
    "capacity.xl_scale": ("Scenario workload scale [x]", "Schaal werklast scenario [x]"),
    "capacity.xl_factor": ("Requirement per workload hour [h/h]", "Behoefte per uur werklast [u/u]"),
    "capacity.xl_contact_h": ("Contact hours [h]", "Contacturen [u]"),
    "capacity.xl_in_shift_h": ("+ in-shift shrinkage [h]", "+ shrinkage in de dienst [u]"),
    "capacity.xl_cover_h": ("+ shift cover [h]", "+ dienstdekking [u]"),
    "capacity.xl_out_of_shift_h": ("+ out-of-shift shrinkage [h]", "+ shrinkage buiten de dienst [u]"),
    "capacity.xl_paid_eur": ("Paid [EUR]", "Betaald [EUR]"),
}
