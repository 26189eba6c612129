"""Texts of the shift cover (``kcc.shifts``) and its section on the Staffing page."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # errors (kcc.shifts.ShiftCoverError)
    "shifts.error.clock": (
        "{field} must be a time of day written HH:MM, got {value}",
        "{field} moet een tijd van de dag zijn, geschreven als UU:MM, niet {value}",
    ),
    "shifts.error.off_step": (
        "{field} must lie on the start step of {step} min, got {value}",
        "{field} moet op de startstap van {step} min liggen, niet {value}",
    ),
    "shifts.error.window_order": (
        "{field} ({end}) must be after the earliest start ({start})",
        "{field} ({end}) moet na de vroegste start ({start}) liggen",
    ),
    "shifts.error.longer_than_window": (
        "{field}: a shift of {length} min is longer than the start window {start}-{end} ({window} min)",
        "{field}: een dienst van {length} min is langer dan het startvenster {start}-{end} ({window} min)",
    ),
    "shifts.error.break_fit": (
        "{field}: a break of {pause} min does not fit in a shift of {length} min when it must start "
        "{after} min or more after the start and end {before} min or more before the end",
        "{field}: een pauze van {pause} min past niet in een dienst van {length} min als die {after} "
        "min of meer na het begin moet beginnen en {before} min of meer voor het einde moet eindigen",
    ),
    "shifts.error.columns": (
        "{field} lacks the column(s) {columns}",
        "{field} mist de kolom(men) {columns}",
    ),
    "shifts.error.empty": (
        "{field} is empty: there is no interval to cover",
        "{field} is leeg: er is geen interval om te dekken",
    ),
    "shifts.error.agents": (
        "{field}: agents must be a number of 0 or more in every interval",
        "{field}: medewerkers moet in elk interval een getal van 0 of meer zijn",
    ),
    "shifts.error.repeated": (
        "{field} lists the interval {value} twice",
        "{field} noemt het interval {value} twee keer",
    ),
    "shifts.error.off_grid": (
        "{field}: every interval must start on the {interval}-minute grid",
        "{field}: elk interval moet op het raster van {interval} minuten beginnen",
    ),
    "shifts.error.interval_unknown": (
        "{field} is needed when the requirement has only one interval",
        "{field} is nodig als de behoefte maar één interval heeft",
    ),
    "shifts.error.interval": (
        "{field} must be 15, 30 or 60 min, got {value}",
        "{field} moet 15, 30 of 60 min zijn, niet {value}",
    ),
    "shifts.error.step_interval": (
        "{field} ({step} min) and the interval ({interval} min) must divide one into the other",
        "{field} ({step} min) en het interval ({interval} min) moeten op elkaar deelbaar zijn",
    ),
    "shifts.error.no_solution": (
        "No cover was found within the time limit of {seconds:g} s; allow more time",
        "Binnen de tijdslimiet van {seconds:g} s is geen dekking gevonden; geef meer tijd",
    ),
    # field labels
    "shifts.field.lengths_min": ("Shift lengths", "Dienstlengtes"),
    "shifts.field.start_step_min": ("Start step", "Startstap"),
    "shifts.field.earliest_start": ("Earliest start", "Vroegste start"),
    "shifts.field.latest_end": ("Latest end", "Laatste einde"),
    "shifts.field.break_min": ("Break", "Pauze"),
    "shifts.field.break_after_min": ("Break window", "Pauzevenster"),
    "shifts.field.home_block_min": ("Home block", "Thuisblok"),
    "shifts.field.required": ("The requirement", "De behoefte"),
    "shifts.field.interval_min": ("Interval length", "Intervallengte"),
}

TEXTS.update({
    "staffing.tab_cover": ("Shift cover", "Dienstdekking"),
    "shift_cover.intro": (
        "The cheapest set of whole shifts that keeps the plan's requirement (agents to roster, "
        "shrinkage included) on the floor in every interval of a week, solved exactly. Breaks are "
        "paid but off the floor; home blocks are short home-working blocks for the peaks.",
        "De goedkoopste set hele diensten die de behoefte van het plan (in te roosteren "
        "medewerkers, inclusief shrinkage) in elk interval van een week op de vloer houdt, exact "
        "opgelost. Pauzes worden betaald maar tellen niet als bezetting; thuisblokken zijn korte "
        "blokken thuiswerk voor de pieken.",
    ),
    "shift_cover.breaks_and_shrinkage": (
        "The requirement already holds this channel's shrinkage ({shrinkage}). If breaks are part of "
        "that shrinkage, set the paid break below to 0, or breaks are counted twice.",
        "De behoefte bevat al de shrinkage van dit kanaal ({shrinkage}). Horen pauzes bij die "
        "shrinkage, zet de betaalde pauze hieronder dan op 0, anders tellen pauzes dubbel.",
    ),
    "shift_cover.no_weeks": ("The plan has no whole week to cover.", "Het plan heeft geen hele week om te dekken."),
    "shift_cover.week": ("Week to cover", "Te dekken week"),
    "shift_cover.lengths": ("Shift lengths", "Dienstlengtes"),
    "shift_cover.step": ("Start step", "Startstap"),
    "shift_cover.earliest": ("Earliest start", "Vroegste start"),
    "shift_cover.latest": ("Latest end", "Laatste einde"),
    "shift_cover.break": ("Paid break [min]", "Betaalde pauze [min]"),
    "shift_cover.break_over": ("Break in shifts longer than [h]", "Pauze in diensten langer dan [u]"),
    "shift_cover.part_time": ("Most part-time shifts [% of shifts]", "Hoogstens deeltijddiensten [% van de diensten]"),
    "shift_cover.min_floor": ("Minimum on the floor [agents]", "Minimaal op de vloer [medewerkers]"),
    "shift_cover.home_len": ("Home block [min]", "Thuisblok [min]"),
    "shift_cover.home_cap": ("Home blocks a day, at most", "Thuisblokken per dag, hoogstens"),
    "shift_cover.home_weight": ("Cost of a home hour [x shift hour]", "Kosten van een thuisuur [x dienstuur]"),
    "shift_cover.time_limit": ("Time limit [s]", "Tijdslimiet [s]"),
    "shift_cover.solve": ("Solve the shift cover", "Dienstdekking oplossen"),
    "shift_cover.solving": ("Solving the shift cover (at most {seconds} s)…",
                            "Dienstdekking wordt opgelost (hoogstens {seconds} s)…"),
    "shift_cover.press": ("Set the rules and press **Solve the shift cover**.",
                          "Stel de regels in en druk op **Dienstdekking oplossen**."),
    "shift_cover.efficiency": ("Schedule efficiency [%]", "Roosterefficiëntie [%]"),
    "shift_cover.required_hours": ("Required [agent-hours]", "Nodig [medewerkeruren]"),
    "shift_cover.rostered_hours": ("Rostered, paid [agent-hours]", "Ingeroosterd, betaald [medewerkeruren]"),
    "shift_cover.shifts": ("Shifts and blocks", "Diensten en blokken"),
    "shift_cover.solved": ("Solver: {status}, optimality gap {gap}, {seconds} s. Efficiency = required hours the cover meets ÷ rostered hours.",
                           "Solver: {status}, optimaliteitsmarge {gap}, {seconds} s. Efficiëntie = gedekte benodigde uren ÷ ingeroosterde uren."),
    "shift_cover.status_optimal": ("optimal", "optimaal"),
    "shift_cover.status_time_limit": ("stopped at the time limit", "gestopt op de tijdslimiet"),
    "shift_cover.under": ("{hours} agent-hours of the requirement lie outside the start window or out of "
                          "reach of the rules and stay uncovered.",
                          "{hours} medewerkeruren van de behoefte liggen buiten het startvenster of buiten "
                          "bereik van de regels en blijven ongedekt."),
    "shift_cover.chart_title": ("{channel}: required and on the floor", "{channel}: nodig en op de vloer"),
    "shift_cover.series_required": ("Required [agents]", "Nodig [medewerkers]"),
    "shift_cover.series_covered": ("On the floor [agents]", "Op de vloer [medewerkers]"),
    "shift_cover.series_over": ("Over-cover [agents]", "Overdekking [medewerkers]"),
    "shift_cover.series_under": ("Under-cover [agents]", "Onderdekking [medewerkers]"),
    "shift_cover.axis": ("number [agents]", "aantal [medewerkers]"),
    "shift_cover.col_day": ("Day", "Dag"),
    "shift_cover.col_start": ("Start", "Begin"),
    "shift_cover.col_length": ("Length", "Lengte"),
    "shift_cover.col_break": ("Break at", "Pauze om"),
    "shift_cover.col_kind": ("Kind", "Soort"),
    "shift_cover.col_count": ("Shifts", "Diensten"),
    "shift_cover.kind_regular": ("regular", "regulier"),
    "shift_cover.kind_part_time": ("part-time", "deeltijd"),
    "shift_cover.kind_home_block": ("home block", "thuisblok"),
    "shift_cover.replace_own": (
        "Also take my own {n} pattern(s) for this channel out of this week: {names}",
        "Ook mijn eigen {n} patroon/patronen voor dit kanaal uit deze week halen: {names}",
    ),
    "shift_cover.use": ("Use as roster", "Als rooster gebruiken"),
    "shift_cover.used": (
        "The cover is the roster of the week of {start}: {n} shift patterns saved; the plan now "
        "reads the shift patterns.",
        "De dekking is het rooster van de week van {start}: {n} dienstpatronen opgeslagen; het plan "
        "leest nu de dienstpatronen.",
    ),
    "shift_cover.kept_own": (
        "Your own {n} pattern(s) for this channel in that week were kept and count as well.",
        "Je eigen {n} patroon/patronen voor dit kanaal in die week zijn behouden en tellen ook mee.",
    ),
})
