"""Texts of the Forecast page."""

TEXTS: dict[str, tuple[str, str]] = {
    "forecast.title": ("Forecast", "Prognose"),
    "forecast.intro": (
        "Offered contacts per interval for the coming days: a daily model times the intraday "
        "pattern of recent weeks, with public holidays and your event calendar. A series of "
        "daily, weekly or monthly totals is forecast per day. A holiday the history never shows "
        "is treated as a normal day until you mark it closed or reduced below.",
        "Aangeboden contacten per interval voor de komende dagen: een dagmodel maal het "
        "dagverloop van de afgelopen weken, met feestdagen en uw evenementenkalender. Een reeks "
        "met dag-, week- of maandtotalen wordt per dag voorspeld. Een feestdag die de historie "
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
}
