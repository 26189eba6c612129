"""Texts of the plan check by simulation (Staffing page, board summary)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "staffing.tab_simulation": ("Simulate this plan", "Plan simuleren"),
    "simulation.intro": (
        "Checks the plan with the roster as staffed: a seeded simulation of one week runs "
        "{runs} times per channel, with random arrivals at the forecast, random handle times "
        "and, where the plan counts on it, callers who hang up. The table sets the model's "
        "figures beside the simulated ones with their {level} confidence interval.",
        "Controleert het plan met het rooster zoals ingezet: een gezaaide simulatie van één week "
        "draait {runs} keer per kanaal, met toevallige aankomsten volgens de prognose, toevallige "
        "afhandeltijden en, waar het plan ermee rekent, bellers die ophangen. De tabel zet de "
        "cijfers van het model naast de gesimuleerde, met hun {level} betrouwbaarheidsinterval.",
    ),
    "simulation.week": ("Week to simulate", "Te simuleren week"),
    "simulation.week_option": ("Week of {start}", "Week van {start}"),
    "simulation.run": ("Simulate this plan", "Plan simuleren"),
    "simulation.progress_start": ("Simulating…", "Bezig met simuleren…"),
    "simulation.progress": (
        "Simulating {channel}: run {done} of {total}",
        "{channel} simuleren: run {done} van {total}",
    ),
    "simulation.done": (
        "Simulated {runs} runs of the week of {start} in {seconds} s.",
        "{runs} runs van de week van {start} gesimuleerd in {seconds} s.",
    ),
    "simulation.press": (
        "Press **Simulate this plan** to check this week of the plan by simulation.",
        "Druk op **Plan simuleren** om deze week van het plan met een simulatie te controleren.",
    ),
    "simulation.no_weeks": (
        "The plan holds no whole week to simulate.",
        "Het plan bevat geen hele week om te simuleren.",
    ),
    "simulation.col_day": ("Day", "Dag"),
    "simulation.col_offered": ("Simulated contacts", "Gesimuleerde contacten"),
    "simulation.col_model": ("{measure}, model", "{measure}, model"),
    "simulation.col_sim": ("{measure}, simulated", "{measure}, gesimuleerd"),
    "simulation.col_ci": ("{level} interval", "{level}-interval"),
    "simulation.col_abandon_model": ("Abandoned, model", "Afgehaakt, model"),
    "simulation.col_abandon_sim": ("Abandoned, simulated", "Afgehaakt, gesimuleerd"),
    "simulation.row_week": ("Week", "Week"),
    "simulation.measure_answer": ("Service level", "Servicelevel"),
    "simulation.measure_response": ("In time", "Op tijd"),
    "simulation.chart_title": (
        "{channel}: model against simulation per day",
        "{channel}: model tegenover simulatie per dag",
    ),
    "simulation.axis": ("Share in time [%]", "Aandeel op tijd [%]"),
    "simulation.series_model": ("Model [%]", "Model [%]"),
    "simulation.series_sim": ("Simulated, with interval [%]", "Gesimuleerd, met interval [%]"),
    "simulation.series_target": ("Target [%]", "Doel [%]"),
    "simulation.verdict_within": (
        "The simulation confirms the plan: on all {days} days with contacts the model lies within the simulated "
        "interval.",
        "De simulatie bevestigt het plan: op alle {days} dagen met contacten ligt het model binnen het "
        "gesimuleerde interval.",
    ),
    "simulation.verdict_cautious": (
        "The plan is on the safe side: on no day does the simulation do worse than the model. On {within} of "
        "{days} days the model lies within the simulated interval, on {cautious} below it (the simulation does "
        "up to {better} better).",
        "Het plan zit aan de veilige kant: op geen dag haalt de simulatie minder dan het model. Op {within} van "
        "{days} dagen ligt het model binnen het gesimuleerde interval, op {cautious} eronder (de simulatie haalt "
        "tot {better} meer).",
    ),
    "simulation.verdict_optimistic": (
        "On {optimistic} of {days} days the simulation does worse than the model (up to {worse} less; {dates}): "
        "there the plan promises more than this roster gives.",
        "Op {optimistic} van {days} dagen haalt de simulatie minder dan het model (tot {worse} minder; {dates}): "
        "daar belooft het plan meer dan dit rooster levert.",
    ),
    "simulation.note": (
        "Service level: share of offered contacts answered within {answer}. In time (e-mail, "
        "WhatsApp): share of items finished within the response time in open hours. Where the "
        "simulated interval lies below the model, the model is too optimistic for this roster.",
        "Servicelevel: aandeel van de aangeboden contacten binnen {answer} beantwoord. Op tijd "
        "(e-mail, WhatsApp): aandeel van de items binnen de reactietijd in openingsuren afgehandeld. "
        "Ligt het gesimuleerde interval onder het model, dan is het model te optimistisch voor "
        "dit rooster.",
    ),
    "simulation.error.week_outside": (
        "The week starting {start} is not a whole week of the plan (its first week starts {first}).",
        "De week die begint op {start} is geen hele week van het plan (de eerste week begint op {first}).",
    ),
    "simulation.error.model": (
        "The staffing model {model} cannot be simulated.",
        "Het bezettingsmodel {model} kan niet gesimuleerd worden.",
    ),
    # board summary
    "simulation.report_verdict": ("What it found over the week: {channels}.", "Wat eruit komt over de week: {channels}."),
    "simulation.report_within": ("{channel} as planned (the model within the simulated interval)",
                                 "{channel} zoals gepland (het model binnen het gesimuleerde interval)"),
    "simulation.report_cautious": ("{channel} on the safe side (the simulation does {better} better)",
                                   "{channel} aan de veilige kant (de simulatie haalt {better} meer)"),
    "simulation.report_optimistic": ("{channel} promises more than the roster gives (the simulation does {worse} worse)",
                                     "{channel} belooft meer dan het rooster levert (de simulatie haalt {worse} minder)"),
    "simulation.report_fact": (
        "Checked by simulation: the week of {start} to {end}, {runs} runs per channel "
        "(seed {seed}), with {level} confidence intervals.",
        "Gecontroleerd met simulatie: de week van {start} tot en met {end}, {runs} runs per "
        "kanaal (seed {seed}), met {level} betrouwbaarheidsintervallen.",
    ),
    "simulation.report_table": ("Checked by simulation", "Gecontroleerd met simulatie"),
    "simulation.report_measure": ("Measure", "Maatstaf"),
    "simulation.report_model": ("Model", "Model"),
    "simulation.report_sim": ("Simulated", "Gesimuleerd"),
    "simulation.report_interval": ("Interval", "Interval"),
    "simulation.report_abandon_model": ("Abandoned, model", "Afgehaakt, model"),
    "simulation.report_abandon_sim": ("Abandoned, simulated", "Afgehaakt, gesimuleerd"),
}
