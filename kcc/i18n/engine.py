"""Texts of the Erlang calculator and the engine check."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # calculator
    "calc.title": ("Erlang calculator", "Erlang-calculator"),
    "calc.intro": (
        "One interval, every target: how many agents the queue needs and what a given number "
        "of agents delivers. Erlang C when nobody hangs up, Erlang A when callers abandon.",
        "Eén interval, alle normen: hoeveel medewerkers de wachtrij nodig heeft en wat een "
        "gegeven aantal medewerkers oplevert. Erlang C als niemand ophangt, Erlang A als "
        "bellers afhaken.",
    ),
    "calc.inputs": ("Inputs", "Invoer"),
    "calc.calls": ("Contacts offered in the interval [contacts]", "Aangeboden contacten in het interval [contacten]"),
    "calc.interval_min": ("Interval length [min]", "Intervallengte [min]"),
    "calc.aht_s": ("Average handle time [s]", "Gemiddelde afhandeltijd [s]"),
    "calc.answer_time_s": ("Answer within [s]", "Beantwoorden binnen [s]"),
    "calc.target_sl_pct": ("Service level target [%]", "Servicelevelnorm [%]"),
    "calc.target_asa_s": ("Maximum ASA [s] (0 = none)", "Maximale ASA [s] (0 = geen)"),
    "calc.max_occupancy_pct": ("Occupancy cap [%]", "Maximale bezettingsgraad [%]"),
    "calc.max_abandon_pct": ("Maximum abandoned [%] (0 = none)", "Maximaal afgehaakt [%] (0 = geen)"),
    "calc.use_patience": ("Callers abandon (Erlang A)", "Bellers haken af (Erlang A)"),
    "calc.patience_s": ("Mean patience [s]", "Gemiddeld geduld [s]"),
    "calc.use_lines": ("Limit the lines", "Lijnen beperken"),
    "calc.lines": ("Lines (calls in the system) [lines]", "Lijnen (gesprekken in het systeem) [lijnen]"),
    "calc.shrinkage_pct": ("Shrinkage [%]", "Shrinkage [%]"),
    "calc.agents": ("Agents to evaluate [agents] (0 = required)", "Te beoordelen medewerkers [medewerkers] (0 = benodigd)"),
    "calc.submit": ("Calculate", "Berekenen"),
    "calc.model_c": ("Model: Erlang C (M/M/n), nobody abandons.", "Model: Erlang C (M/M/n), niemand haakt af."),
    "calc.model_a": ("Model: Erlang A (M/M/n+M), mean patience {patience} s.", "Model: Erlang A (M/M/n+M), gemiddeld geduld {patience} s."),
    "calc.model_lines": ("At most {lines} calls in the system; the rest get a busy signal.", "Hoogstens {lines} gesprekken in het systeem; de rest krijgt de bezettoon."),
    "calc.result": ("Result", "Resultaat"),
    "calc.load": ("Offered load", "Aangeboden belasting"),
    "calc.required": ("Required agents", "Benodigde medewerkers"),
    "calc.scheduled": ("Scheduled with shrinkage", "Ingeroosterd met shrinkage"),
    "calc.evaluated": ("Evaluated at {agents} agents", "Beoordeeld bij {agents} medewerkers"),
    "calc.sl": ("Service level", "Servicelevel"),
    "calc.sl_answered": ("Service level of answered", "Servicelevel van beantwoorde gesprekken"),
    "calc.asa": ("ASA (answered calls)", "ASA (beantwoorde gesprekken)"),
    "calc.wait_all": ("Mean wait, all calls", "Gemiddelde wachttijd, alle gesprekken"),
    "calc.p_wait": ("Calls that wait", "Gesprekken die wachten"),
    "calc.p_abandon": ("Abandoned", "Afgehaakt"),
    "calc.p_block": ("Busy signal", "Bezettoon"),
    "calc.occupancy": ("Occupancy", "Bezettingsgraad"),
    "calc.unstable": (
        "Unstable: with {agents} agents and {load} Erlang of load the queue grows without end "
        "(Erlang C needs more agents than the load).",
        "Instabiel: met {agents} medewerkers en {load} Erlang belasting groeit de wachtrij "
        "zonder einde (Erlang C vraagt meer medewerkers dan de belasting).",
    ),
    "calc.unit_erlang": ("{value} Erlang", "{value} Erlang"),
    "calc.unit_agents": ("{value} agents", "{value} medewerkers"),
    "calc.chart_title": ("Service against agents", "Service per aantal medewerkers"),
    "calc.curve_sl": ("Service level [%]", "Servicelevel [%]"),
    "calc.curve_abandon": ("Abandoned [%]", "Afgehaakt [%]"),
    "calc.curve_occupancy": ("Occupancy [%]", "Bezettingsgraad [%]"),
    "calc.curve_asa": ("ASA", "ASA"),
    "calc.axis_agents": ("agents", "medewerkers"),
    "calc.axis_pct": ("%", "%"),
    "calc.axis_s": ("ASA", "ASA"),
    "calc.target": ("Target", "Norm"),
    "calc.chosen": ("Required", "Benodigd"),
    "calc.formulas": ("Formulas used", "Gebruikte formules"),
    "calc.formulas_md": (
        "With arrival rate λ = contacts / interval, handle rate μ = 1 / AHT, load a = λ/μ "
        "[Erlang] and n agents:\n\n"
        "- **Erlang B** B(n, a) = (aⁿ/n!) / Σₖ aᵏ/k!, computed as a Poisson pmf over its cdf "
        "in log space (no factorials).\n"
        "- **Erlang C** P(wait) = n·B / (n − a·(1 − B)); service level = 1 − P(wait)·"
        "e^(−(n−a)·t/AHT); ASA = P(wait)·AHT / (n − a). Only when n > a.\n"
        "- **Erlang A** (patience θ⁻¹): with x = λ/θ, y = nμ/θ and A(x, y) = ₁F₁(1; y+1; x): "
        "P(wait) = A·B / (1 + (A−1)·B), P(abandon) = P(wait)·(1 − (y/x)(1 − 1/A)) "
        "(Garnett, Mandelbaum & Reiman 2002).\n"
        "- **Service level** counts offered calls answered within t; abandoned and blocked "
        "calls count as missed. **Occupancy** = carried load / agents.\n"
        "- **Scheduled** = ⌈n / (1 − shrinkage)⌉.",
        "Met aankomstintensiteit λ = contacten / interval, afhandelintensiteit μ = 1 / AHT, "
        "belasting a = λ/μ [Erlang] en n medewerkers:\n\n"
        "- **Erlang B** B(n, a) = (aⁿ/n!) / Σₖ aᵏ/k!, berekend als Poisson-kansfunctie gedeeld "
        "door de verdelingsfunctie, in logaritmen (geen faculteiten).\n"
        "- **Erlang C** P(wachten) = n·B / (n − a·(1 − B)); servicelevel = 1 − P(wachten)·"
        "e^(−(n−a)·t/AHT); ASA = P(wachten)·AHT / (n − a). Alleen als n > a.\n"
        "- **Erlang A** (geduld θ⁻¹): met x = λ/θ, y = nμ/θ en A(x, y) = ₁F₁(1; y+1; x): "
        "P(wachten) = A·B / (1 + (A−1)·B), P(afhaken) = P(wachten)·(1 − (y/x)(1 − 1/A)) "
        "(Garnett, Mandelbaum & Reiman 2002).\n"
        "- **Servicelevel** telt aangeboden gesprekken die binnen t beantwoord zijn; "
        "afgehaakte en geblokkeerde tellen als gemist. **Bezettingsgraad** = gedragen belasting / "
        "medewerkers.\n"
        "- **Ingeroosterd** = ⌈n / (1 − shrinkage)⌉.",
    ),
    "calc.inputs_help": ("What each input does", "Wat elke invoer doet"),
    "calc.inputs_help_md": (
        "- **Contacts** and **interval** set the arrival rate; with the **handle time** they "
        "give the load in Erlang (agents busy all the time).\n"
        "- **Answer within** is the t of \"80% within 20 s\".\n"
        "- **Service level target**, **maximum ASA**, **occupancy cap** and **maximum "
        "abandoned**: the required agents meet all targets that are set.\n"
        "- **Mean patience**: how long callers wait on average before hanging up; with it "
        "the engine uses Erlang A and may staff below the load.\n"
        "- **Lines**: the most calls in the system; callers beyond get a busy signal.\n"
        "- **Shrinkage**: paid time not on the phones; it turns required into scheduled agents.\n"
        "- **Agents to evaluate**: show the service of this many agents instead of the "
        "required number.",
        "- **Contacten** en **interval** bepalen de aankomstintensiteit; met de "
        "**afhandeltijd** geven ze de belasting in Erlang (medewerkers die continu bezig zijn).\n"
        "- **Beantwoorden binnen** is de t van \"80% binnen 20 s\".\n"
        "- **Servicelevelnorm**, **maximale ASA**, **maximale bezettingsgraad** en **maximaal "
        "afgehaakt**: de benodigde medewerkers halen alle ingestelde normen.\n"
        "- **Gemiddeld geduld**: hoe lang bellers gemiddeld wachten voor ze ophangen; daarmee "
        "rekent de rekenkern met Erlang A en kan hij onder de belasting bezetten.\n"
        "- **Lijnen**: het grootste aantal gesprekken in het systeem; wie daarboven belt, "
        "krijgt de bezettoon.\n"
        "- **Shrinkage**: betaalde tijd niet aan de telefoon; maakt van benodigde medewerkers ingeroosterde medewerkers.\n"
        "- **Te beoordelen medewerkers**: toon de service van dit aantal in plaats van het "
        "benodigde aantal.",
    ),
    "calc.no_target": ("Set at least one target.", "Stel minstens één norm in."),
    "calc.mode": ("Contacts", "Contacten"),
    "calc.mode_calls": ("Calls (Erlang)", "Gesprekken (Erlang)"),
    "calc.mode_chat": ("Chat (several sessions per agent)", "Chat (meerdere sessies per medewerker)"),
    "calc.chat_chats": ("Chats offered in the interval [chats]", "Aangeboden chats in het interval [chats]"),
    "calc.chat_h1_s": ("Handle time of a lone session [s]", "Afhandeltijd van een losse sessie [s]"),
    "calc.chat_from_settings": (
        "Starts at this centre's chat as the plan and the levers staff it: a lone session of {h1} s "
        "and a slow-down of {penalty} per extra session (Staffing settings, estimated from history "
        "where the chats carry agent ids or sessions).",
        "Begint bij de chat van dit centrum zoals het plan en de hefbomen die bemensen: een losse "
        "sessie van {h1} s en een vertraging van {penalty} per extra sessie (instellingen op "
        "Bezetting, geschat uit de historie waar de chats medewerker-id's of sessies hebben).",
    ),
    "calc.chat_h1_help": (
        "How long a chat takes when the agent holds no other session. A handle time measured while "
        "agents held j sessions on average is this times 1 + slow-down x (j - 1).",
        "Hoe lang een chat duurt als de medewerker geen andere sessie heeft. Een afhandeltijd gemeten "
        "terwijl medewerkers gemiddeld j sessies tegelijk voerden is deze maal 1 + vertraging x (j - 1).",
    ),
    "calc.chat_concurrency": ("Sessions per agent at most [sessions]", "Sessies per medewerker hoogstens [sessies]"),
    "calc.chat_penalty_pct": ("Slow-down per extra session [%]", "Vertraging per extra sessie [%]"),
    "calc.chat_penalty_help": (
        "How much longer every session of an agent takes for each extra session that agent holds. "
        "25% (the default) is an assumption; 0 makes each session a separate Erlang server.",
        "Hoeveel langer elke sessie van een medewerker duurt per extra sessie die hij tegelijk voert. "
        "25% (de standaard) is een aanname; 0 maakt van elke sessie een eigen Erlang-server.",
    ),
    "calc.chat_answer_s": ("First response within [s]", "Eerste reactie binnen [s]"),
    "calc.chat_use_patience": ("Chatters leave while waiting", "Chatters haken af tijdens het wachten"),
    "calc.chat_invalid": ("Not calculated: {reason}", "Niet berekend: {reason}"),
    "calc.invalid": ("Not calculated: {reason}", "Niet berekend: {reason}"),
    "calc.chat_model": (
        "Model: chat chain, up to {concurrency} sessions per agent, each {penalty} slower per extra "
        "session; a new chat goes to the least busy agent with a free place, otherwise it waits its turn.",
        "Model: chatketen, hoogstens {concurrency} sessies per medewerker, elk {penalty} trager per extra "
        "sessie; een nieuwe chat gaat naar de minst drukke medewerker met een vrije plaats, anders wacht "
        "hij op zijn beurt.",
    ),
    "calc.chat_unstable": (
        "Unstable: {agents} agents at full load finish {capacity} chats an hour, fewer than the {arrivals} "
        "that arrive; the queue grows without end.",
        "Instabiel: {agents} medewerkers ronden bij volle drukte {capacity} chats per uur af, minder dan "
        "de {arrivals} die binnenkomen; de wachtrij groeit eindeloos.",
    ),
    "calc.chat_sessions_per_agent": ("Mean sessions per agent", "Gemiddeld aantal sessies per medewerker"),
    "calc.chat_session_s": ("Mean session length at this load", "Gemiddelde sessieduur bij deze drukte"),
    "calc.chat_full_load": ("Chats per agent per hour at full load", "Chats per medewerker per uur bij volle drukte"),
    "calc.chat_unit_per_hour": ("{value} per hour", "{value} per uur"),
    "calc.chat_formulas_md": (
        "With arrival rate λ = chats / interval, h₁ the handle time of a lone session, p the slow-down "
        "per extra session and c sessions per agent at most (slots s = ⌊agents · c⌋):\n\n"
        "- An agent holding j sessions finishes g(j) = j / (h₁ (1 + p (j − 1))) per second; n chats "
        "in the system are spread as evenly as the caps allow, and finish at f(n), the sum of g over "
        "the agents.\n"
        "- The chats in the system form a birth-death chain: π(n) ∝ Π λ / f(i) below s; above s every "
        "slot is busy and the wait is that of Erlang C (or A with patience) with s servers finishing "
        "f(s) together. Only the weight of the states below s differs from Erlang.\n"
        "- **Service level** = share of offered chats with a first response within t; "
        "**occupancy** = mean sessions held / slots; **session length** = sessions held / chats "
        "answered per second (Little's law).\n"
        "- With p = 0 this is Erlang with one server per slot exactly.\n"
        "- **Scheduled** = ⌈n / (1 − shrinkage)⌉.",
        "Met aankomstintensiteit λ = chats / interval, h₁ de afhandeltijd van een losse sessie, p de "
        "vertraging per extra sessie en hoogstens c sessies per medewerker (plaatsen s = ⌊medewerkers · "
        "c⌋):\n\n"
        "- Een medewerker met j sessies rondt g(j) = j / (h₁ (1 + p (j − 1))) per seconde af; n chats "
        "in het systeem worden zo gelijk verdeeld als de maxima toelaten, en worden afgerond met f(n), "
        "de som van g over de medewerkers.\n"
        "- De chats in het systeem vormen een geboorte-sterfteketen: π(n) ∝ Π λ / f(i) onder s; boven s "
        "is elke plaats bezet en is de wachttijd die van Erlang C (of A met geduld) met s servers die "
        "samen f(s) afronden. Alleen het gewicht van de toestanden onder s verschilt van Erlang.\n"
        "- **Servicelevel** = aandeel aangeboden chats met een eerste reactie binnen t; "
        "**bezettingsgraad** = gemiddeld aantal sessies / plaatsen; **sessieduur** = sessies tegelijk / "
        "beantwoorde chats per seconde (wet van Little).\n"
        "- Met p = 0 is dit precies Erlang met één server per plaats.\n"
        "- **Ingeroosterd** = ⌈n / (1 − shrinkage)⌉.",
    ),
    # engine check
    "engine.title": ("Engine check", "Rekenkerncontrole"),
    "engine.intro": (
        "The staffing engine recomputes published reference values and a fresh seeded "
        "simulation, live, each with the expected value, the computed value and pass or fail.",
        "De rekenkern berekent gepubliceerde referentiewaarden en een nieuwe simulatie met "
        "vaste seed opnieuw, live, elk met de verwachte waarde, de berekende waarde en "
        "geslaagd of niet.",
    ),
    "engine.reference_title": ("Published reference cases", "Gepubliceerde referentiegevallen"),
    "engine.summary": ("{passed} of {total} checks passed", "{passed} van {total} controles geslaagd"),
    "engine.all_passed": ("All reference cases pass.", "Alle referentiegevallen slagen."),
    "engine.some_failed": ("{failed} reference cases fail.", "{failed} referentiegevallen falen."),
    "engine.col_case": ("Case", "Geval"),
    "engine.col_source": ("Source", "Bron"),
    "engine.col_quantity": ("Quantity", "Grootheid"),
    "engine.col_expected": ("Expected", "Verwacht"),
    "engine.col_computed": ("Computed", "Berekend"),
    "engine.col_tolerance": ("Tolerance", "Tolerantie"),
    "engine.col_result": ("Result", "Resultaat"),
    "engine.col_simulated": ("Simulated", "Gesimuleerd"),
    "engine.col_ci": ("99.9% interval", "99,9%-interval"),
    "engine.pass": ("pass", "geslaagd"),
    "engine.fail": ("fail", "gefaald"),
    "engine.case_pwf_13": ("pyworkforce: 100 calls / 30 min, AHT 180 s, 13 agents", "pyworkforce: 100 gesprekken / 30 min, AHT 180 s, 13 medewerkers"),
    "engine.case_pwf_14": ("pyworkforce: same, 14 agents", "pyworkforce: idem, 14 medewerkers"),
    "engine.case_pwf_cap85": ("pyworkforce: 80/20, occupancy cap 85%, shrinkage 30%", "pyworkforce: 80/20, bezettingsgraad max. 85%, shrinkage 30%"),
    "engine.case_pwf_cap70": ("pyworkforce: 80/20, occupancy cap 70%, shrinkage 30%", "pyworkforce: 80/20, bezettingsgraad max. 70%, shrinkage 30%"),
    "engine.case_pwf_erlang_a": ("pyworkforce Erlang A: 14 agents, patience 300 s", "pyworkforce Erlang A: 14 medewerkers, geduld 300 s"),
    "engine.case_erl20": ("20 Erlang, 25 agents", "20 Erlang, 25 medewerkers"),
    "engine.case_erl20_agents": ("20 Erlang, 80% within 60 s", "20 Erlang, 80% binnen 60 s"),
    "engine.case_erl960": ("960 Erlang, AHT 180 s, 80/20", "960 Erlang, AHT 180 s, 80/20"),
    "engine.case_chat": ("Chat: 60 chats / 30 min, 20 min, concurrency 2.5, productivity 75%", "Chat: 60 chats / 30 min, 20 min, gelijktijdigheid 2,5, productiviteit 75%"),
    "engine.q_service_level": ("service level [%]", "servicelevel [%]"),
    "engine.q_p_wait": ("calls that wait [%]", "gesprekken die wachten [%]"),
    "engine.q_asa_s": ("ASA [s]", "ASA [s]"),
    "engine.q_agents_raw": ("required agents [agents]", "benodigde medewerkers [medewerkers]"),
    "engine.q_agents_scheduled": ("scheduled agents [agents]", "ingeroosterde medewerkers [medewerkers]"),
    "engine.q_p_abandon": ("abandoned [%]", "afgehaakt [%]"),
    "engine.q_occupancy": ("occupancy [%]", "bezettingsgraad [%]"),
    "engine.q_erlang_b": ("Erlang B blocking [%]", "Erlang B-blokkering [%]"),
    "engine.q_agents_workload": ("workload agents [agents]", "werklast in medewerkers [medewerkers]"),
    "engine.sim_title": ("Simulation check", "Simulatiecontrole"),
    "engine.sim_intro": (
        "A fresh discrete-event simulation of the Erlang A case above (100 calls per 30 min, "
        "AHT 180 s, 14 agents, mean patience 300 s, answered within 20 s): {calls} calls, "
        "FIFO, exponential times. The formula must lie inside the simulation's 99.9% "
        "confidence interval (batch means).",
        "Een nieuwe discrete-event-simulatie van het Erlang A-geval hierboven (100 gesprekken "
        "per 30 min, AHT 180 s, 14 medewerkers, gemiddeld geduld 300 s, beantwoord binnen "
        "20 s): {calls} gesprekken, FIFO, exponentiële tijden. De formule moet binnen het "
        "99,9%-betrouwbaarheidsinterval van de simulatie liggen (batchgemiddelden).",
    ),
    "engine.seed": ("Random seed", "Startwaarde van het toeval (seed)"),
    "engine.run_sim": ("Run simulation", "Simulatie draaien"),
    "engine.sim_expected": ("Formula", "Formule"),
    "engine.sim_simulated": ("Simulation (99.9% interval)", "Simulatie (99,9%-interval)"),
    # a share axis zoomed in around the values says its range
    "engine.sim_zoom": ("% (scale {low}-{top})", "% (schaal {low}-{top})"),
    "engine.sim_summary": ("Seed {seed}: {passed} of {total} inside the interval", "Seed {seed}: {passed} van {total} binnen het interval"),
}
