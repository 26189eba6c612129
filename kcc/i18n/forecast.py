"""Texts of the Forecast page."""

TEXTS: dict[str, tuple[str, str]] = {
    "forecast.title": ("Forecast", "Prognose"),
    "forecast.intro": (
        "Offered contacts per interval for the coming days: a daily model times the intraday "
        "pattern of recent weeks, with public holidays and your event calendar. A series of "
        "daily totals is forecast per day, one of weekly or monthly totals per week or month. A holiday the history never shows "
        "is treated as a normal day until you mark it closed or reduced below.",
        "Aangeboden contacten per interval voor de komende dagen: een dagmodel maal het "
        "dagverloop van de afgelopen weken, met feestdagen en uw evenementenkalender. Een reeks "
        "met dagtotalen wordt per dag voorspeld, een met week- of maandtotalen per week of maand. Een feestdag die de historie "
        "nooit laat zien, geldt als gewone dag tot u hem hieronder als gesloten of beperkt "
        "markeert.",
    ),
    "forecast.settings": ("Forecast settings", "Instellingen prognose"),
    "forecast.series": ("Channel and queue", "Kanaal en wachtrij"),
    "forecast.horizon_days": ("Horizon [days]", "Horizon [dagen]"),
    "forecast.horizon_help": (
        "Days after the last day of history, up to one year (365 days).",
        "Dagen na de laatste dag met gegevens, tot een jaar (365 dagen).",
    ),
    "forecast.method": ("Method", "Methode"),
    "forecast.country": ("Public holidays of", "Feestdagen van"),
    "forecast.run": ("Make forecast", "Prognose maken"),
    "forecast.fitting": ("Fitting the models…", "Modellen worden geschat…"),
    "forecast.backtesting": (
        "Testing the methods on past weeks…",
        "Methoden worden getest op afgelopen weken…",
    ),
    "forecast.method_auto": ("Automatic (best in backtest)", "Automatisch (beste in backtest)"),
    "forecast.method_ets": ("Exponential smoothing (ETS)", "Exponentiële afvlakking (ETS)"),
    "forecast.method_weekday_mean": (
        "Mean of last 8 same weekdays",
        "Gemiddelde van de laatste 8 gelijke weekdagen",
    ),
    "forecast.method_seasonal_naive": (
        "Same day last week (seasonal naive)",
        "Zelfde dag vorige week (seizoensnaïef)",
    ),
    "forecast.method_baseline_naive_7d": (
        "Baseline: same interval last week",
        "Basislijn: zelfde interval vorige week",
    ),
    "forecast.method_baseline_mean_4w": (
        "Baseline: mean of last 4 same weekdays",
        "Basislijn: gemiddelde van de laatste 4 gelijke weekdagen",
    ),
    "forecast.used_method_line": ("Method used: {method}", "Gebruikte methode: {method}"),
    "forecast.auto_by_backtest": (
        "chosen automatically: the lowest MASE per day ({mase}) in the backtest below",
        "automatisch gekozen: de laagste MASE per dag ({mase}) in de backtest hieronder",
    ),
    "forecast.auto_by_inner": (
        "chosen automatically on the last weeks: too little history for the backtest below",
        "automatisch gekozen op de laatste weken: te weinig historie voor de backtest hieronder",
    ),
    "forecast.method_auto_backtest": (
        "Automatic (as chosen at each moment)",
        "Automatisch (zoals toen gekozen)",
    ),
    "forecast.total": ("Forecast total [contacts]", "Totaal prognose [contacten]"),
    "forecast.per_day": ("Average per open day [contacts/day]", "Gemiddeld per open dag [contacten/dag]"),
    "forecast.peak_interval": (
        "Busiest interval [contacts per {minutes} min]",
        "Drukste interval [contacten per {minutes} min]",
    ),
    "forecast.peak_help": ("Starts {when}", "Begint {when}"),
    "forecast.fallback": (
        "The history covers {days} days; a model needs at least {min_days} days (four weeks). "
        "The forecast repeats the same day of last week (seasonal naive) instead.",
        "De historie beslaat {days} dagen; een model heeft minstens {min_days} dagen (vier "
        "weken) nodig. De prognose herhaalt daarom dezelfde dag van vorige week "
        "(seizoensnaïef).",
    ),
    "forecast.too_short": (
        "Too little history for a forecast: {days} days, at least {min_days} days needed.",
        "Te weinig historie voor een prognose: {days} dagen, minstens {min_days} dagen nodig.",
    ),
    "forecast.chart_title": (
        "Contacts per day: history, forecast and prediction intervals",
        "Contacten per dag: historie, prognose en voorspelintervallen",
    ),
    "forecast.axis_contacts_per_day": ("Contacts per day", "Contacten per dag"),
    "forecast.axis_contacts_per_interval": (
        "Contacts per {minutes} min",
        "Contacten per {minutes} min",
    ),
    "forecast.history": ("History", "Historie"),
    "forecast.forecast": ("Forecast", "Prognose"),
    "forecast.band": ("{level}% interval", "{level}%-interval"),
    "forecast.holiday": ("Holiday", "Feestdag"),
    "forecast.event": ("Event", "Evenement"),
    "forecast.intraday_title": (
        "First week per interval",
        "Eerste week per interval",
    ),
    "forecast.special_days": ("Holidays and events in the horizon", "Feestdagen en evenementen in de horizon"),
    "forecast.no_special_days": (
        "No holidays or events in the horizon.",
        "Geen feestdagen of evenementen in de horizon.",
    ),
    "forecast.col_date": ("Date", "Datum"),
    "forecast.col_holiday": ("Holiday", "Feestdag"),
    "forecast.col_events": ("Events", "Evenementen"),
    "forecast.col_factor": ("Factor vs normal day [%]", "Factor t.o.v. normale dag [%]"),
    "forecast.col_yhat": ("Forecast [contacts]", "Prognose [contacten]"),
    "forecast.backtest_title": ("How good is the forecast? (backtest)", "Hoe goed is de prognose? (backtest)"),
    "forecast.backtest_explain": (
        "We pretended to stand at {origins} moments in the past, forecast the next {horizon} "
        "days with only the data known then, and compared with what really came in. "
        "**MASE** below 1 means better than repeating last week; **wMAPE** is the total "
        "absolute error as a share of all contacts; **bias** above 0 means the forecast was "
        "too high; **80% covered** says how often the real day fell inside the 80% interval "
        "(it should be near 80%). Automatic uses the method with the lowest MASE per day here; "
        "its own row shows what it chose at each moment with the data known then.",
        "We deden alsof we op {origins} momenten in het verleden stonden, voorspelden de "
        "{horizon} dagen daarna met alleen de gegevens van toen en vergeleken dat met wat er "
        "echt binnenkwam. **MASE** onder 1 betekent beter dan vorige week herhalen; **wMAPE** "
        "is de totale absolute fout als deel van alle contacten; **bias** boven 0 betekent "
        "een te hoge prognose; **80% gedekt** zegt hoe vaak de echte dag binnen het "
        "80%-interval viel (hoort rond 80% te liggen). Automatisch gebruikt de methode met de "
        "laagste MASE per dag hier; de eigen rij toont wat het op elk moment koos met de "
        "gegevens van toen.",
    ),
    "forecast.backtest_short": (
        "Too little history for a backtest of {horizon} days.",
        "Te weinig historie voor een backtest van {horizon} dagen.",
    ),
    "forecast.col_method": ("Method", "Methode"),
    "forecast.col_day_mase": ("MASE per day", "MASE per dag"),
    "forecast.col_day_wmape": ("wMAPE per day [%]", "wMAPE per dag [%]"),
    "forecast.col_interval_wmape": ("wMAPE per interval [%]", "wMAPE per interval [%]"),
    "forecast.col_bias": ("Bias [%]", "Bias [%]"),
    "forecast.col_coverage": ("80% covered (days) [%]", "80% gedekt (dagen) [%]"),
    "forecast.events_title": ("Event calendar", "Evenementenkalender"),
    "forecast.events_explain": (
        "Campaigns, mailings, outages, price changes, surges and closures. Leave the uplift "
        "empty to use the uplift learned from past events of the same kind; tick 'leave out "
        "of training' for one-off outages and surges. Pick the channels an event touches; none "
        "means every channel.",
        "Campagnes, mailings, storingen, prijswijzigingen, pieken en sluitingen. Laat de "
        "extra drukte leeg om de waarde te gebruiken die uit eerdere evenementen van dezelfde "
        "soort is geleerd; vink 'niet meetrainen' aan voor eenmalige storingen en pieken. "
        "Kies de kanalen die een evenement raakt; geen keuze betekent alle kanalen.",
    ),
    "forecast.learned_uplift": (
        "Learned from past events for this series: {items}.",
        "Geleerd uit eerdere evenementen voor deze reeks: {items}.",
    ),
    "forecast.col_name": ("Name", "Naam"),
    "forecast.col_kind": ("Kind", "Soort"),
    "forecast.col_start": ("Start date", "Startdatum"),
    "forecast.col_end": ("End date", "Einddatum"),
    "forecast.col_channels": ("Channels", "Kanalen"),
    "forecast.col_uplift": ("Uplift [%]", "Extra drukte [%]"),
    "forecast.col_exclude": ("Leave out of training", "Niet meetrainen"),
    "forecast.save_events": ("Save event calendar", "Evenementenkalender opslaan"),
    "forecast.events_saved": ("Event calendar saved ({n} events).", "Evenementenkalender opgeslagen ({n} evenementen)."),
    "forecast.events_invalid": ("Not saved: {error}", "Niet opgeslagen: {error}"),
    "forecast.event_error.country": (
        "country {country} has no holiday calendar; use a two-letter code such as {examples}",
        "land {country} heeft geen feestdagenkalender; gebruik een code van twee letters, zoals {examples}",
    ),
    "forecast.event_error.columns": ("events: missing column(s) {columns}", "evenementen: kolom(men) ontbreken: {columns}"),
    "forecast.event_error.date": ("event {event}: {field} {value} is not a date", "evenement {event}: {field} {value} is geen datum"),
    "forecast.event_error.kind": (
        "event {event}: {field} {value} is not one of {allowed}",
        "evenement {event}: {field} {value} is niet een van {allowed}",
    ),
    "forecast.event_error.order": (
        "event {event}: {field} {end} is before {other} {start}",
        "evenement {event}: {field} {end} ligt vóór {other} {start}",
    ),
    "forecast.event_error.uplift": (
        "event {event}: {field} {value} is below -100 % (use kind 'closure' for a closed day)",
        "evenement {event}: {field} {value} is lager dan -100 % (kies soort 'sluiting' voor een dag dicht)",
    ),
    "forecast.kind_campaign": ("campaign", "campagne"),
    "forecast.kind_mailing": ("mailing", "mailing"),
    "forecast.kind_outage": ("outage", "storing"),
    "forecast.kind_price_change": ("price change", "prijswijziging"),
    "forecast.kind_surge": ("surge", "piek"),
    "forecast.kind_closure": ("closure", "sluiting"),
    # a series of week or month totals, forecast at its own grain
    "forecast.horizon_weeks": ("Horizon [weeks]", "Horizon [weken]"),
    "forecast.horizon_weeks_help": (
        "Weeks after the last week of history, up to two years (104 weeks).",
        "Weken na de laatste week met gegevens, tot twee jaar (104 weken).",
    ),
    "forecast.horizon_months": ("Horizon [months]", "Horizon [maanden]"),
    "forecast.horizon_months_help": (
        "Months after the last month of history, up to three years (36 months).",
        "Maanden na de laatste maand met gegevens, tot drie jaar (36 maanden).",
    ),
    "forecast.period_caption.week": (
        "This series holds weekly totals, so it is forecast per week: one value per week, with "
        "its prediction interval. Staffing per interval needs interval or daily history; for "
        "months and heads, see the Capacity plan page.",
        "Deze reeks bevat weektotalen en wordt daarom per week voorspeld: één waarde per week, "
        "met het voorspelinterval. Personeelsplanning per interval heeft interval- of daggegevens "
        "nodig; voor maanden en medewerkers, zie de pagina Capaciteitsplan.",
    ),
    "forecast.period_caption.month": (
        "This series holds monthly totals, so it is forecast per month: one value per month, "
        "with its prediction interval, as on the Capacity plan page. Staffing per interval needs "
        "interval or daily history; for heads and hiring, see the Capacity plan page.",
        "Deze reeks bevat maandtotalen en wordt daarom per maand voorspeld: één waarde per maand, "
        "met het voorspelinterval, zoals op de pagina Capaciteitsplan. Personeelsplanning per "
        "interval heeft interval- of daggegevens nodig; voor medewerkers en werving, zie de pagina "
        "Capaciteitsplan.",
    ),
    "forecast.chart_title.week": (
        "Contacts per week: history, forecast and prediction intervals",
        "Contacten per week: historie, prognose en voorspelintervallen",
    ),
    "forecast.chart_title.month": (
        "Contacts per month: history, forecast and prediction intervals",
        "Contacten per maand: historie, prognose en voorspelintervallen",
    ),
    "forecast.axis_contacts_per.week": ("Contacts per week [contacts]", "Contacten per week [contacten]"),
    "forecast.axis_contacts_per.month": ("Contacts per month [contacts]", "Contacten per maand [contacten]"),
    "forecast.per_period.week": ("Average per week [contacts/week]", "Gemiddeld per week [contacten/week]"),
    "forecast.per_period.month": ("Average per month [contacts/month]", "Gemiddeld per maand [contacten/maand]"),
    "forecast.peak_period.week": ("Busiest week [contacts]", "Drukste week [contacten]"),
    "forecast.peak_period.month": ("Busiest month [contacts]", "Drukste maand [contacten]"),
    "forecast.period_table.week": ("Forecast per week", "Prognose per week"),
    "forecast.period_table.month": ("Forecast per month", "Prognose per maand"),
    "forecast.col_period.week": ("Week from", "Week vanaf"),
    "forecast.col_period.month": ("Month", "Maand"),
    "forecast.col_period_yhat": ("Forecast [contacts]", "Prognose [contacten]"),
    "forecast.col_period_lo": ("80% interval, low [contacts]", "80%-interval, laag [contacten]"),
    "forecast.col_period_hi": ("80% interval, high [contacts]", "80%-interval, hoog [contacten]"),
    "forecast.month_method_line": (
        "Method used: the Capacity plan's monthly model, {method}",
        "Gebruikte methode: het maandmodel van het Capaciteitsplan, {method}",
    ),
    "forecast.month_band_from": (
        "The interval comes from {n} monthly errors in the backtest below.",
        "Het interval komt uit {n} maandfouten in de backtest hieronder.",
    ),
    "forecast.month_band_assumed": (
        "Too little history for a monthly backtest: the interval assumes an error of about 10% "
        "a month.",
        "Te weinig historie voor een backtest per maand: het interval gaat uit van een fout van "
        "ongeveer 10% per maand.",
    ),
    "forecast.auto_on_days": (
        "chosen automatically on the weekly totals spread over their days",
        "automatisch gekozen op de weektotalen verdeeld over hun dagen",
    ),
    "forecast.period_backtest_explain.week": (
        "We pretended to stand at {origins} moments in the past, forecast the next {horizon} "
        "weeks with only the weeks known then, and compared the week totals with what really "
        "came in. **MASE** below 1 means better than repeating last week's total; **wMAPE** is "
        "the total absolute error as a share of all contacts; **bias** above 0 means the "
        "forecast was too high; **80% covered** says how often the real week fell inside the "
        "80% interval (it should be near 80%).",
        "We deden alsof we op {origins} momenten in het verleden stonden, voorspelden de "
        "{horizon} weken daarna met alleen de weken van toen en vergeleken de weektotalen met "
        "wat er echt binnenkwam. **MASE** onder 1 betekent beter dan het totaal van vorige week "
        "herhalen; **wMAPE** is de totale absolute fout als deel van alle contacten; **bias** "
        "boven 0 betekent een te hoge prognose; **80% gedekt** zegt hoe vaak de echte week "
        "binnen het 80%-interval viel (hoort rond 80% te liggen).",
    ),
    "forecast.period_backtest_explain.month": (
        "We pretended to stand at {origins} moments in the past, a month apart, forecast the "
        "next {horizon} months with only the months known then, and compared with what really "
        "came in. **MASE** below 1 means better than repeating the same month a year before; "
        "**wMAPE** is the total absolute error as a share of all contacts; **bias** above 0 "
        "means the forecast was too high.",
        "We deden alsof we op {origins} momenten in het verleden stonden, een maand uit elkaar, "
        "voorspelden de {horizon} maanden daarna met alleen de maanden van toen en vergeleken "
        "dat met wat er echt binnenkwam. **MASE** onder 1 betekent beter dan dezelfde maand een "
        "jaar eerder herhalen; **wMAPE** is de totale absolute fout als deel van alle contacten; "
        "**bias** boven 0 betekent een te hoge prognose.",
    ),
    "forecast.period_backtest_short.week": (
        "Too little history for a backtest per week: it needs at least {weeks} weeks.",
        "Te weinig historie voor een backtest per week: daarvoor zijn minstens {weeks} weken nodig.",
    ),
    "forecast.period_backtest_short.month": (
        "Too little history for a backtest per month: it needs at least {months} months.",
        "Te weinig historie voor een backtest per maand: daarvoor zijn minstens {months} maanden nodig.",
    ),
    "forecast.col_mase.week": ("MASE per week", "MASE per week"),
    "forecast.col_mase.month": ("MASE per month", "MASE per maand"),
    "forecast.col_wmape.week": ("wMAPE per week [%]", "wMAPE per week [%]"),
    "forecast.col_wmape.month": ("wMAPE per month [%]", "wMAPE per maand [%]"),
    "forecast.col_coverage.week": ("80% covered (weeks) [%]", "80% gedekt (weken) [%]"),
    "forecast.col_coverage.month": ("80% covered (months) [%]", "80% gedekt (maanden) [%]"),
    "forecast.method_monthly": ("Monthly model (Capacity plan)", "Maandmodel (Capaciteitsplan)"),
    "forecast.method_baseline_last_week": ("Baseline: last week's total", "Basislijn: totaal van vorige week"),
    "forecast.method_baseline_mean_4_weeks": (
        "Baseline: mean of the last 4 weeks",
        "Basislijn: gemiddelde van de laatste 4 weken",
    ),
    "forecast.method_baseline_same_month_last_year": (
        "Baseline: same month last year",
        "Basislijn: dezelfde maand vorig jaar",
    ),
}
