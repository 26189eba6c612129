"""Texts of the Data page, the importer's messages and the data charts (English, Dutch)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str]]] = {
    # page
    "data.title": ("Data", "Gegevens"),
    "data.intro": (
        "Load your contact history: one row per contact, or counts per interval. "
        "Everything is stored locally in the KCC database.",
        "Laad uw contacthistorie: één regel per contact, of aantallen per interval. "
        "Alles wordt lokaal opgeslagen in de KCC-database.",
    ),
    "data.upload.header": ("Upload", "Uploaden"),
    "data.upload.label": ("File (CSV, TSV, Excel .xlsx or Parquet)", "Bestand (CSV, TSV, Excel .xlsx of Parquet)"),
    "data.upload.help": (
        "Comma, semicolon, tab or pipe separated; decimal comma and Latin-1 files are recognised.",
        "Gescheiden door komma, puntkomma, tab of verticale streep; decimale komma en Latin-1 worden herkend.",
    ),
    "data.upload.read_error": ("The file could not be read: {error}", "Het bestand kon niet worden gelezen: {error}"),
    "data.upload.limits": (
        "Up to {file_mb:,g} MB, {rows:,} rows and {columns:,} columns; spreadsheets up to "
        "{xlsx_mb:,g} MB unpacked.",
        "Tot {file_mb:,g} MB, {rows:,} regels en {columns:,} kolommen; spreadsheets tot "
        "{xlsx_mb:,g} MB uitgepakt.",
    ),
    "data.mapping.delimiter": ("Delimiter", "Scheidingsteken"),
    "data.mapping.delimiter.help": (
        "The character between the columns of a text file. Automatic picks the one that "
        "splits the first lines into the same number of columns as the header.",
        "Het teken tussen de kolommen van een tekstbestand. Automatisch kiest het teken dat de "
        "eerste regels in evenveel kolommen splitst als de kopregel.",
    ),
    "data.mapping.delimiter.auto": ("automatic ({found})", "automatisch ({found})"),
    "data.mapping.delimiter.auto_unknown": ("automatic", "automatisch"),
    "data.delimiter.comma": ("comma ,", "komma ,"),
    "data.delimiter.semicolon": ("semicolon ;", "puntkomma ;"),
    "data.delimiter.tab": ("tab", "tab"),
    "data.delimiter.pipe": ("pipe |", "verticale streep |"),
    "data.file_kind.zip": ("a zip archive", "een zip-archief"),
    "data.file_kind.png": ("a PNG image", "een PNG-afbeelding"),
    "data.file_kind.jpeg": ("a JPEG image", "een JPEG-afbeelding"),
    "data.file_kind.gif": ("a GIF image", "een GIF-afbeelding"),
    "data.file_kind.pdf": ("a PDF document", "een PDF-document"),
    "data.file_kind.gzip": ("a gzip archive", "een gzip-archief"),
    "data.file_kind.7z": ("a 7-Zip archive", "een 7-Zip-archief"),
    "data.file_kind.rar": ("a RAR archive", "een RAR-archief"),
    "data.file_kind.binary": ("binary data, not text", "binaire gegevens, geen tekst"),
    # why a file cannot be read for mapping (kcc.importer.SourceError)
    "data.source_error.limit_file_mb": (
        "{name} is {found:,g} MB; the limit is {limit:,g} MB (setting {setting}).",
        "{name} is {found:,g} MB; de grens is {limit:,g} MB (instelling {setting}).",
    ),
    "data.source_error.limit_rows": (
        "{name} has {found:,} rows; the limit is {limit:,} rows (setting {setting}).",
        "{name} heeft {found:,} regels; de grens is {limit:,} regels (instelling {setting}).",
    ),
    "data.source_error.limit_columns": (
        "{name} has {found:,} columns; the limit is {limit:,} columns (setting {setting}).",
        "{name} heeft {found:,} kolommen; de grens is {limit:,} kolommen (instelling {setting}).",
    ),
    "data.source_error.limit_line_bytes": (
        "Line {line:,} of {name} is {found:,} bytes long; the limit is {limit:,} bytes "
        "(setting {setting}). A data export has one row per line.",
        "Regel {line:,} van {name} is {found:,} bytes lang; de grens is {limit:,} bytes "
        "(instelling {setting}). Een data-export heeft één rij per regel.",
    ),
    "data.source_error.limit_xlsx_unpacked_mb": (
        "{name} unpacks to {found:,g} MB; the limit for spreadsheets is {limit:,g} MB unpacked "
        "(setting {setting}). Save the sheet as CSV to import it.",
        "{name} is uitgepakt {found:,g} MB; de grens voor spreadsheets is {limit:,g} MB uitgepakt "
        "(instelling {setting}). Sla het blad op als CSV om het te importeren.",
    ),
    "data.source_error.limit_xlsx_ratio": (
        "{name} unpacks to {found:,g} times its size; the limit is {limit:,g} times (setting "
        "{setting}). Spreadsheet exports pack 5 to 15 times; open the file in Excel and save it "
        "again, or save it as CSV.",
        "{name} wordt uitgepakt {found:,g} keer zo groot; de grens is {limit:,g} keer "
        "(instelling {setting}). Spreadsheet-exports zijn 5 tot 15 keer ingepakt; open het "
        "bestand in Excel en sla het opnieuw op, of sla het op als CSV.",
    ),
    "data.source_error.empty": ("{name} is empty.", "{name} is leeg."),
    "data.source_error.no_rows": (
        "{name} has no data rows, only a header (or nothing at all).",
        "{name} heeft geen gegevensregels, alleen een kopregel (of helemaal niets).",
    ),
    "data.source_error.not_text": (
        "{name} is not a CSV/TSV, Excel or Parquet file: it holds {field}. Upload a CSV, TSV, "
        "Excel (.xlsx) or Parquet file.",
        "{name} is geen CSV/TSV-, Excel- of Parquet-bestand: het bevat {field}. Upload een CSV-, "
        "TSV-, Excel- (.xlsx) of Parquet-bestand.",
    ),
    "data.source_error.xls": (
        "{name} is an old Excel file (.xls). Open it in Excel and save it as .xlsx or CSV.",
        "{name} is een oud Excel-bestand (.xls). Open het in Excel en sla het op als .xlsx of CSV.",
    ),
    "data.source_error.utf16": (
        "{name} looks like text saved as UTF-16 (Excel's 'Unicode text'), but it does not read "
        "as UTF-16. Save it as 'CSV UTF-8' and upload it again.",
        "{name} lijkt tekst opgeslagen als UTF-16 (Excels 'Unicode-tekst'), maar is niet als "
        "UTF-16 te lezen. Sla het op als 'CSV UTF-8' en upload het opnieuw.",
    ),
    "data.source_error.xlsx_damaged": (
        "{name} is not a complete Excel file: it may have been cut off while copying or "
        "downloading. Open it in Excel and save it again, or export it as CSV.",
        "{name} is geen volledig Excel-bestand: het is misschien afgebroken bij het kopiëren "
        "of downloaden. Open het in Excel en sla het opnieuw op, of exporteer het als CSV.",
    ),
    "data.source_error.parquet_damaged": (
        "{name} is not a complete Parquet file: it may have been cut off while copying or "
        "downloading. Export it again.",
        "{name} is geen volledig Parquet-bestand: het is misschien afgebroken bij het kopiëren "
        "of downloaden. Exporteer het opnieuw.",
    ),
    "data.source_error.misaligned": (
        "Line {line:,} of {name} has {found} fields where the header has {expected} (delimiter: "
        "{field}). Choose another delimiter, or put quotes around values that contain it.",
        "Regel {line:,} van {name} heeft {found} velden waar de kopregel er {expected} heeft "
        "(scheidingsteken: {field}). Kies een ander scheidingsteken, of zet aanhalingstekens "
        "om waarden waar het in staat.",
    ),
    "data.source_error.unreadable": (
        "{name} could not be read as text with the delimiter {field}: {reason}",
        "{name} kon niet als tekst worden gelezen met het scheidingsteken {field}: {reason}",
    ),
    "data.upload.summary": (
        "{name}: {format}, {rows:,} rows{more}, {columns} columns",
        "{name}: {format}, {rows:,} regels{more}, {columns} kolommen",
    ),
    "data.upload.sample_only": (" (preview of the first rows)", " (voorbeeld van de eerste regels)"),
    "data.mapping.header": ("Column mapping", "Kolomtoewijzing"),
    "data.mapping.help": (
        "We guessed what each column means. Check it and fix what is wrong.",
        "We hebben geraden wat elke kolom betekent. Controleer het en pas aan wat niet klopt.",
    ),
    "data.mapping.kind": ("What does one row hold?", "Wat staat er in één regel?"),
    "data.mapping.kind.contacts": ("One contact (call, chat, e-mail)", "Eén contact (gesprek, chat, e-mail)"),
    "data.mapping.kind.intervals": ("Counts per interval", "Aantallen per interval"),
    "data.mapping.none": ("(none)", "(geen)"),
    "data.mapping.time_mode": ("Date and time", "Datum en tijd"),
    "data.mapping.time_mode.one": ("in one column", "in één kolom"),
    "data.mapping.time_mode.two": ("in separate date and time columns", "in aparte datum- en tijdkolommen"),
    "data.mapping.timestamp.contacts": ("Arrival time", "Aankomsttijd"),
    "data.mapping.timestamp.intervals": ("Interval start", "Begin interval"),
    "data.mapping.date": ("Date column", "Datumkolom"),
    "data.mapping.time": ("Time column", "Tijdkolom"),
    "data.mapping.format": ("Date/time format", "Datum-/tijdnotatie"),
    "data.mapping.format.help": (
        "strptime codes: %d day, %m month, %Y year, %y two-digit year, %H hour, %M minute, %S second, "
        "%z UTC offset (+01:00 or Z; such times are converted to the centre's time zone). "
        "Examples: %d-%m-%Y %H:%M (Dutch), %Y-%m-%d %H:%M:%S (ISO), %y%m%d %H:%M:%S (yymmdd).",
        "strptime-codes: %d dag, %m maand, %Y jaar, %y jaar in twee cijfers, %H uur, %M minuut, %S seconde, "
        "%z verschil met UTC (+01:00 of Z; zulke tijden worden omgerekend naar de tijdzone van het KCC). "
        "Voorbeelden: %d-%m-%Y %H:%M (Nederlands), %Y-%m-%d %H:%M:%S (ISO), %y%m%d %H:%M:%S (jjmmdd).",
    ),
    "data.mapping.channel": ("Channel column", "Kanaalkolom"),
    "data.mapping.channel_value": ("Channel (for every row)", "Kanaal (voor elke regel)"),
    "data.mapping.queue": ("Queue column", "Wachtrijkolom"),
    "data.mapping.queue_value": ("Queue name (for every row)", "Naam wachtrij (voor elke regel)"),
    "data.mapping.contact_id": ("Contact id column(s)", "Kolom(men) met contact-id"),
    "data.mapping.customer_id": ("Customer id column", "Kolom met klant-id"),
    "data.mapping.handle_s": ("Handle time [s]", "Afhandeltijd [s]"),
    "data.mapping.wait_s.contacts": ("Wait time [s]", "Wachttijd [s]"),
    "data.mapping.wait_s.intervals": ("Wait time [s]", "Wachttijd [s]"),
    "data.mapping.wait_is_total": (
        "Wait column is the interval's total [s] (not the mean per answered contact)",
        "Wachttijdkolom is het totaal van het interval [s] (niet het gemiddelde per beantwoord contact)",
    ),
    "data.mapping.asa_warning": (
        "Column {column} is the mean wait of answered contacts (ASA) and the file counts abandons. "
        "ASA × answered leaves out the waits of callers who hung up, so a patience estimated from it "
        "comes out about a fifth too low. By default this file's waits are kept out of the patience "
        "estimate.",
        "Kolom {column} is de gemiddelde wachttijd van beantwoorde contacten (ASA) en het bestand telt "
        "afhakers. ASA × beantwoord laat de wachttijd van bellers die ophingen weg, dus een geduld "
        "daaruit geschat valt ongeveer een vijfde te laag uit. Standaard tellen de wachttijden van dit "
        "bestand niet mee in de geduldschatting.",
    ),
    "data.mapping.asa_patience": (
        "Use this file for the patience estimate anyway",
        "Dit bestand toch gebruiken voor de geduldschatting",
    ),
    "data.mapping.asa_patience.help": (
        "Ticked, ASA × answered is stored as the wait total and counts in the patience estimate "
        "(which then comes out low); left empty, the waits are not stored and the estimate rests on "
        "other series.",
        "Aangevinkt wordt ASA × beantwoord opgeslagen als totale wachttijd en telt die mee in de "
        "geduldschatting (die dan te laag uitvalt); leeg worden de wachttijden niet opgeslagen en rust "
        "de schatting op andere reeksen.",
    ),
    "data.mapping.outcome": ("Outcome column", "Kolom met afloop"),
    "data.mapping.agent_id": ("Agent id column (chat)", "Kolom met medewerker-id (chat)"),
    "data.mapping.sessions": (
        "Sessions the agent held at once (chat concurrency)",
        "Sessies die de medewerker tegelijk voerde (chat-gelijktijdigheid)",
    ),
    "data.mapping.end_time": ("End time column (chat)", "Kolom met eindtijd (chat)"),
    "data.mapping.outcome_map": ("What each outcome value counts as", "Hoe elke afloopwaarde telt"),
    "data.mapping.outcome_value": ("Value in file", "Waarde in bestand"),
    "data.mapping.outcome_category": ("Counts as", "Telt als"),
    "data.mapping.channel_map": ("Which channel each value is", "Bij welk kanaal elke waarde hoort"),
    "data.mapping.channel_raw": ("Value in file", "Waarde in bestand"),
    "data.mapping.channel_id": ("Channel", "Kanaal"),
    "data.mapping.offered": ("Offered contacts", "Aangeboden contacten"),
    "data.mapping.answered": ("Answered contacts", "Beantwoorde contacten"),
    "data.mapping.abandoned": ("Abandoned contacts", "Afgehaakte contacten"),
    "data.mapping.aht_s": ("Average handle time [s]", "Gemiddelde afhandeltijd [s]"),
    "data.mapping.decimal_comma": ("Decimal comma (12,5)", "Decimale komma (12,5)"),
    "data.mapping.interval": ("Planning interval [min]", "Planningsinterval [min]"),
    "data.mapping.interval.help": (
        "Intervals in the file (5, 6, 10, 15, 30 or 60 min) are added up to this length.",
        "Intervallen in het bestand (5, 6, 10, 15, 30 of 60 min) worden opgeteld tot deze lengte.",
    ),
    "data.mapping.keep_contacts": ("Also keep each contact (not only the intervals)", "Ook elk contact bewaren (niet alleen de intervallen)"),
    "data.mapping.keep_contacts.help": (
        "Needed for analyses per contact or customer, such as repeat contacts. Planning only "
        "needs the intervals. Ticked by default for files up to 50 MB; for larger files, "
        "keeping every contact makes the import several times slower.",
        "Nodig voor analyses per contact of klant, zoals herhaalcontacten. De planning heeft "
        "alleen de intervallen nodig. Standaard aangevinkt voor bestanden tot 50 MB; bij "
        "grotere bestanden maakt het bewaren van elk contact de import meerdere keren trager.",
    ),
    "data.mapping.preview": ("Preview: the first rows as they will be read", "Voorbeeld: de eerste regels zoals ze worden gelezen"),
    "data.outcome.answered": ("answered", "beantwoord"),
    "data.outcome.abandoned": ("abandoned", "afgehaakt"),
    "data.outcome.closed": ("outside opening hours", "buiten openingstijden"),
    "data.outcome.ignore": ("ignore", "negeren"),
    "data.import.button": ("Import", "Importeren"),
    "data.import.running": ("Importing {name} ...", "Bezig met importeren van {name} ..."),
    "data.import.done_periods": (
        "Imported {rows:,} {what} from {name} into {series}.",
        "{rows:,} {what} uit {name} geïmporteerd in {series}.",
    ),
    "data.import.done": (
        "Imported {rows:,} {what} from {name} into {series} ({interval} min intervals).",
        "{rows:,} {what} uit {name} geïmporteerd in {series} (intervallen van {interval} min).",
    ),
    "data.import.what.contacts": ("contacts", "contacten"),
    "data.import.what.intervals": ("intervals", "intervallen"),
    "data.import.what.day": ("days", "dagen"),
    "data.import.what.week": ("weeks", "weken"),
    "data.import.what.month": ("months", "maanden"),
    "data.import.ignored": ("{rows:,} rows were ignored as mapped.", "{rows:,} regels zijn genegeerd volgens de toewijzing."),
    "data.import.failed": (
        "Nothing was imported: fix the problems below and try again.",
        "Er is niets geïmporteerd: los de problemen hieronder op en probeer het opnieuw.",
    ),
    "data.report.header": ("Validation report", "Controlerapport"),
    "data.report.file": ("File", "Bestand"),
    "data.report.row": ("Row", "Regel"),
    "data.report.column": ("Column", "Kolom"),
    "data.report.value": ("Value", "Waarde"),
    "data.report.reason": ("Why", "Waarom"),
    "data.report.severity": ("Severity", "Ernst"),
    "data.report.error": ("error", "fout"),
    "data.report.notice": ("notice", "melding"),
    "data.report.warning": ("warning", "waarschuwing"),
    "data.report.in_full": ("Every reason in full ({n:,})", "Alle redenen volledig ({n:,})"),
    "data.report.where_row": ("row {row:,}", "regel {row:,}"),
    "data.report.where_column": ("column {column}", "kolom {column}"),
    "data.import.needs_confirmation": (
        "Nothing was imported yet: the file holds values that are unlikely. Check the "
        "warnings below; if the file is right, confirm them and import anyway.",
        "Er is nog niets geïmporteerd: het bestand bevat onwaarschijnlijke waarden. Bekijk "
        "de waarschuwingen hieronder; als het bestand klopt, bevestig ze en importeer toch.",
    ),
    "data.import.confirm": ("I checked this: {what}", "Ik heb dit gecontroleerd: {what}"),
    "data.import.anyway": ("Import anyway", "Toch importeren"),
    "data.warning.far_above_series": (
        "counts far above the series' usual level",
        "aantallen ver boven het gewone niveau van de reeks",
    ),
    "data.warning.counts_exceed_offered": (
        "answered plus abandoned above offered",
        "beantwoord plus afgehaakt boven aangeboden",
    ),
    "data.warning.future_date": ("dates after today", "datums na vandaag"),
    "data.warning.dst_gap": (
        "counts in the hour skipped when summer time starts",
        "aantallen in het uur dat bij de start van de zomertijd wordt overgeslagen",
    ),
    "data.warning.dst_gap_contacts": (
        "contacts in the hour skipped when summer time starts",
        "contacten in het uur dat bij de start van de zomertijd wordt overgeslagen",
    ),
    "data.role.timestamp": ("date and time", "datum en tijd"),
    "data.role.date": ("date", "datum"),
    "data.role.time": ("time", "tijd"),
    "data.role.channel": ("channel", "kanaal"),
    "data.role.queue": ("queue", "wachtrij"),
    "data.role.contact_id": ("contact id", "contact-id"),
    "data.role.customer_id": ("customer id", "klant-id"),
    "data.role.handle_s": ("handle time", "afhandeltijd"),
    "data.role.wait_s": ("wait time", "wachttijd"),
    "data.role.outcome": ("outcome", "afloop"),
    "data.role.agent_id": ("agent id", "medewerker-id"),
    "data.role.sessions": ("sessions held at once", "sessies tegelijk"),
    "data.role.end_time": ("end time", "eindtijd"),
    "data.role.offered": ("offered", "aangeboden"),
    "data.role.answered": ("answered", "beantwoord"),
    "data.role.abandoned": ("abandoned", "afgehaakt"),
    "data.role.aht_s": ("average handle time", "gemiddelde afhandeltijd"),
    "data.history.header": ("Import history", "Importgeschiedenis"),
    "data.history.empty": ("No imports yet.", "Nog geen imports."),
    "data.history.when": ("When", "Wanneer"),
    "data.history.file": ("File", "Bestand"),
    "data.history.kind": ("Kind", "Soort"),
    "data.history.by": ("By", "Door"),
    "data.history.rows_read": ("Rows read", "Regels gelezen"),
    "data.history.rows_imported": ("Rows imported", "Regels geïmporteerd"),
    "data.history.rows_ignored": ("Rows ignored", "Regels genegeerd"),
    "data.history.rows_replaced": ("Rows replaced", "Regels vervangen"),
    "data.history.interval": ("Interval [min]", "Interval [min]"),
    "data.history.period": ("From", "Van"),
    "data.history.period_end": ("To", "Tot en met"),
    "data.history.note": ("Note", "Toelichting"),
    "data.history.kind_contacts": ("contacts", "contacten"),
    "data.history.kind_intervals": ("intervals", "intervallen"),
    "data.history.kind_roster": ("roster", "rooster"),
    "data.history.kind_demo": ("demo", "demo"),
    "data.history.demo": ("demo contact centre (seed {seed})", "demo-KCC (seed {seed})"),
    "data.history.demo_roster": ("demo roster", "demorooster"),
    "data.history.roster": ("{n:,} roster intervals", "{n:,} roosterintervallen"),
    "data.demo_step.generate": ("Generating the demo contact centre…", "Demo-KCC wordt gemaakt…"),
    "data.demo_step.clear": ("Clearing the database…", "Database wordt leeggemaakt…"),
    "data.demo_step.intervals": ("Writing the interval history…", "Intervalhistorie wordt geschreven…"),
    "data.demo_step.events": ("Writing events and shifts…", "Gebeurtenissen en diensten worden geschreven…"),
    "data.demo_step.roster": ("Writing the roster…", "Rooster wordt geschreven…"),
    "data.demo_step.settings": ("Writing the settings…", "Instellingen worden geschreven…"),
    "data.demo_step.done": ("Demo contact centre loaded", "Demo-KCC geladen"),
    "data.history.channels": ("Channels", "Kanalen"),
    "data.history.intervals": (
        "counts in {length} min intervals, rolled up to {interval} min",
        "aantallen per {length} min, opgeteld tot {interval} min",
    ),
    "data.summary.granularity_day": ("day", "dag"),
    "data.summary.granularity_week": ("week", "week"),
    "data.summary.granularity_month": ("month", "maand"),
    "data.history.day": ("totals per day", "totalen per dag"),
    "data.history.week": ("totals per week", "totalen per week"),
    "data.history.month": ("totals per month", "totalen per maand"),
    "data.history.intervals_asa_excluded": (
        "counts in {length} min intervals, rolled up to {interval} min; waits are ASA, kept out of the "
        "patience estimate",
        "aantallen per {length} min, opgeteld tot {interval} min; wachttijden zijn ASA, niet in de "
        "geduldschatting",
    ),
    "data.history.intervals_asa_used": (
        "counts in {length} min intervals, rolled up to {interval} min; waits are ASA, used for the "
        "patience estimate as chosen",
        "aantallen per {length} min, opgeteld tot {interval} min; wachttijden zijn ASA, zoals gekozen "
        "gebruikt voor de geduldschatting",
    ),
    "data.history.contacts": ("contacts rolled up to {interval} min", "contacten opgeteld tot {interval} min"),
    "data.summary.header": ("What is loaded", "Wat is geladen"),
    "data.summary.empty": ("The database holds no volumes.", "De database bevat geen volumes."),
    "data.summary.channel": ("Channel", "Kanaal"),
    "data.summary.queue": ("Queue", "Wachtrij"),
    "data.summary.interval": ("Interval [min]", "Interval [min]"),
    "data.summary.first": ("First interval", "Eerste interval"),
    "data.summary.last": ("Last interval", "Laatste interval"),
    "data.summary.days": ("Days", "Dagen"),
    "data.summary.offered": ("Offered [contacts]", "Aangeboden [contacten]"),
    "data.summary.answered": ("Answered [contacts]", "Beantwoord [contacten]"),
    "data.summary.abandoned": ("Abandoned [contacts]", "Afgehaakt [contacten]"),
    "data.summary.closed": ("Outside opening hours [contacts]", "Buiten openingstijden [contacten]"),
    "data.summary.total": ("Offered in total", "Totaal aangeboden"),
    "data.summary.total_value": ("{value:,.0f} contacts", "{value:,.0f} contacten"),
    "data.summary.period": ("Period", "Periode"),
    "data.summary.channels": ("Channel mix", "Kanaalmix"),
    "data.summary.channel_filter": ("Channel for the profile charts", "Kanaal voor de profielgrafieken"),
    "data.reset.header": ("Reset to demo", "Terug naar demo"),
    "data.reset.help": (
        "Deletes all imported data and loads the demo KCC again.",
        "Verwijdert alle geïmporteerde data en laadt het demo-KCC opnieuw.",
    ),
    "data.reset.confirm": ("Yes, delete my data", "Ja, verwijder mijn data"),
    "data.reset.button": ("Reset to demo", "Terug naar demo"),
    "data.reset.done": ("The demo contact centre is loaded again.", "Het demo-KCC is opnieuw geladen."),
    "data.examples": (
        "Example files: data/examples/contacts_example.csv (one row per contact) and "
        "data/examples/intervals_example.csv (counts per interval).",
        "Voorbeeldbestanden: data/examples/contacts_example.csv (één regel per contact) en "
        "data/examples/intervals_example.csv (aantallen per interval).",
    ),
    # charts
    "data.chart.daily": ("Offered contacts per day and channel", "Aangeboden contacten per dag en kanaal"),
    "data.chart.intraday": ("Intraday profile per weekday: mean offered per interval", "Dagprofiel per weekdag: gemiddeld aangeboden per interval"),
    "data.chart.heatmap": ("Mean offered contacts: weekday x time of day", "Gemiddeld aangeboden contacten: weekdag x tijdstip"),
    "data.chart.date": ("Date", "Datum"),
    "data.chart.time_of_day": ("Time of day", "Tijdstip"),
    "data.chart.weekday": ("Weekday", "Weekdag"),
    "data.chart.contacts": ("Contacts", "Contacten"),
    "data.chart.contacts_per_interval": ("Contacts per interval", "Contacten per interval"),
    "data.chart.channel": ("Channel", "Kanaal"),
    "data.weekday.0": ("Monday", "maandag"),
    "data.weekday.1": ("Tuesday", "dinsdag"),
    "data.weekday.2": ("Wednesday", "woensdag"),
    "data.weekday.3": ("Thursday", "donderdag"),
    "data.weekday.4": ("Friday", "vrijdag"),
    "data.weekday.5": ("Saturday", "zaterdag"),
    "data.weekday.6": ("Sunday", "zondag"),
    # validation messages: fields {column} and {value} are always there
    "data.problem.unreadable": (
        "The file could not be read as text with the detected delimiter and encoding: {value}",
        "Het bestand kon niet als tekst worden gelezen met het gevonden scheidingsteken en de codering: {value}",
    ),
    "data.problem.missing_column": (
        "Column '{column}' is mapped but not in the file.",
        "Kolom '{column}' is toegewezen maar staat niet in het bestand.",
    ),
    "data.problem.no_time_column": (
        "No column is mapped to the date and time.",
        "Er is geen kolom toegewezen aan datum en tijd.",
    ),
    "data.problem.no_offered_column": (
        "No column is mapped to offered contacts.",
        "Er is geen kolom toegewezen aan aangeboden contacten.",
    ),
    "data.problem.time_missing": ("The date/time is empty.", "De datum/tijd is leeg."),
    "data.problem.time_unparseable": (
        "'{value}' is not a date/time in the format {format}.",
        "'{value}' is geen datum/tijd in de notatie {format}.",
    ),
    "data.problem.channel_unmapped": (
        "Channel value '{value}' is not mapped to a channel.",
        "Kanaalwaarde '{value}' is niet aan een kanaal toegewezen.",
    ),
    "data.problem.outcome_unmapped": (
        "Outcome '{value}' is not mapped to answered, abandoned, outside opening hours or ignore.",
        "Afloop '{value}' is niet toegewezen aan beantwoord, afgehaakt, buiten openingstijden of negeren.",
    ),
    "data.problem.non_numeric": (
        "'{value}' in column '{column}' is not a number.",
        "'{value}' in kolom '{column}' is geen getal.",
    ),
    "data.problem.negative": (
        "{value} in column '{column}' is negative; counts and times must be 0 or more.",
        "{value} in kolom '{column}' is negatief; aantallen en tijden moeten 0 of meer zijn.",
    ),
    "data.problem.count_missing": (
        "The number of offered contacts is empty.",
        "Het aantal aangeboden contacten is leeg.",
    ),
    "data.problem.more_rows": (
        "... and {count:,} more rows with this problem in column '{column}'.",
        "... en nog {count:,} regels met dit probleem in kolom '{column}'.",
    ),
    "data.problem.dst_gap": (
        "'{value}' falls in the hour the clocks skip when summer time starts ({gap_start}–"
        "{gap_end}): that local time does not exist. Importing adds the counts of this row to "
        "the interval starting at {gap_end}.",
        "'{value}' valt in het uur dat de klok overslaat bij de start van de zomertijd "
        "({gap_start}–{gap_end}): die lokale tijd bestaat niet. Bij importeren worden de "
        "aantallen van deze regel opgeteld bij het interval dat om {gap_end} begint.",
    ),
    "data.problem.dst_gap_empty": (
        "{count:,} rows, such as '{value}', fall in the hour the clocks skip when summer time "
        "starts ({gap_start}–{gap_end}); that local time does not exist. They hold no contacts, "
        "so they change nothing.",
        "{count:,} regels, zoals '{value}', vallen in het uur dat de klok overslaat bij de "
        "start van de zomertijd ({gap_start}–{gap_end}); die lokale tijd bestaat niet. Ze "
        "bevatten geen contacten en veranderen dus niets.",
    ),
    "data.problem.dst_gap_contacts": (
        "'{value}' falls in the hour the clocks skip when summer time starts ({gap_start}–"
        "{gap_end}): that local time does not exist. Importing counts this contact {shift} "
        "minutes later, as if the clock had already moved forward.",
        "'{value}' valt in het uur dat de klok overslaat bij de start van de zomertijd "
        "({gap_start}–{gap_end}): die lokale tijd bestaat niet. Bij importeren telt dit "
        "contact {shift} minuten later, alsof de klok al was vooruitgezet.",
    ),
    "data.problem.column_two_roles": (
        "Column '{column}' is mapped to more than one role ({roles}); a column can mean one "
        "thing only. Pick another column for all but one of them.",
        "Kolom '{column}' is aan meer dan één rol toegewezen ({roles}); een kolom kan maar "
        "één ding betekenen. Kies voor alle rollen op één na een andere kolom.",
    ),
    "data.problem.not_finite": (
        "'{value}' in column '{column}' is not a finite number.",
        "'{value}' in kolom '{column}' is geen eindig getal.",
    ),
    "data.problem.count_ceiling": (
        "{value} in column '{column}' is more than {limit:,.0f} contacts in one interval, "
        "which no contact centre takes: check the unit and the export.",
        "{value} in kolom '{column}' is meer dan {limit:,.0f} contacten in één interval, wat "
        "geen enkel contactcenter krijgt: controleer de eenheid en de export.",
    ),
    "data.problem.seconds_ceiling": (
        "{value} in column '{column}' is more than {limit:,.0f} s (a year) for one contact: "
        "check the unit (seconds, not milliseconds) and the export.",
        "{value} in kolom '{column}' is meer dan {limit:,.0f} s (een jaar) voor één contact: "
        "controleer de eenheid (seconden, geen milliseconden) en de export.",
    ),
    "data.problem.date_beyond_horizon": (
        "'{value}' lies after {limit:%Y-%m-%d}, more than {weeks} weeks (the longest plan) "
        "after today; history cannot come from that far ahead. Check the year and the "
        "date format.",
        "'{value}' ligt na {limit:%d-%m-%Y}, meer dan {weeks} weken (de langste planning) na "
        "vandaag; historie kan niet zo ver vooruit liggen. Controleer het jaar en de "
        "datumnotatie.",
    ),
    "data.problem.future_date": (
        "'{value}' lies after today ({today:%Y-%m-%d}). History from the future moves the "
        "start of every plan past it; import anyway only if the file's dates are right.",
        "'{value}' ligt na vandaag ({today:%d-%m-%Y}). Historie uit de toekomst schuift het "
        "begin van elke planning voorbij die datum; importeer alleen als de datums in het "
        "bestand kloppen.",
    ),
    "data.problem.counts_exceed_offered": (
        "Answered plus abandoned ({handled:,g}) is more than offered ({offered:,g}). Allowed "
        "for rounding is {tolerance:g} contact or {share:.0%} of offered, whichever is larger.",
        "Beantwoord plus afgehaakt ({handled:,g}) is meer dan aangeboden ({offered:,g}). "
        "Toegestaan voor afronding is {tolerance:g} contact of {share:.0%} van aangeboden, "
        "wat het grootst is.",
    ),
    "data.problem.far_above_series": (
        "{value} in column '{column}' is more than {factor:g} times the usual level of series "
        "{series} ({level:,.1f} contacts: the 90th percentile of its intervals with contacts). "
        "Check for a unit or export error.",
        "{value} in kolom '{column}' is meer dan {factor:g} keer het gewone niveau van reeks "
        "{series} ({level:,.1f} contacten: het 90e percentiel van de intervallen met "
        "contacten). Controleer op een fout in eenheid of export.",
    ),
    "data.problem.duplicate_interval": (
        "Interval '{value}' of this channel and queue already appears in row {first_row}.",
        "Interval '{value}' van dit kanaal en deze wachtrij staat al in regel {first_row}.",
    ),
    "data.problem.duplicate_contact": (
        "Contact id '{value}' already appears in row {first_row}.",
        "Contact-id '{value}' staat al in regel {first_row}.",
    ),
    "data.problem.mixed_intervals": (
        "The file mixes interval lengths (most common: {length} min); import one length per file.",
        "Het bestand mengt intervallengtes (meest voorkomend: {length} min); importeer één lengte per bestand.",
    ),
    "data.problem.no_interval_length": (
        "No interval length can be read from {column}: no two rows of a series fall on the "
        "same day, yet the times are not midnight (first: '{value}'). A file of totals per "
        "day, week or month needs dates without a time of day.",
        "Uit {column} is geen intervallengte af te leiden: geen twee regels van een reeks "
        "vallen op dezelfde dag, maar de tijden zijn niet middernacht (eerste: '{value}'). "
        "Een bestand met totalen per dag, week of maand heeft datums zonder tijdstip.",
    ),
    "data.problem.long_range_day": (
        "This file holds totals per day and is stored as a daily series. Forecasts work on it; "
        "intraday staffing spreads each day over intervals with a profile you choose on the "
        "Forecast page.",
        "Dit bestand bevat totalen per dag en wordt opgeslagen als dagreeks. Prognoses werken "
        "erop; voor personeelsplanning per interval wordt elke dag verdeeld met een profiel dat "
        "u op de pagina Prognose kiest.",
    ),
    "data.problem.long_range_week": (
        "This file holds totals per week and is stored as a weekly series. Intraday staffing "
        "spreads each week over days and intervals with a profile you choose on the Forecast "
        "page.",
        "Dit bestand bevat totalen per week en wordt opgeslagen als weekreeks. Voor "
        "personeelsplanning per interval wordt elke week over dagen en intervallen verdeeld "
        "met een profiel dat u op de pagina Prognose kiest.",
    ),
    "data.problem.long_range_month": (
        "This file holds totals per month and is stored as a monthly series. Intraday staffing "
        "spreads each month over days and intervals with a profile you choose on the Forecast "
        "page.",
        "Dit bestand bevat totalen per maand en wordt opgeslagen als maandreeks. Voor "
        "personeelsplanning per interval wordt elke maand over dagen en intervallen verdeeld "
        "met een profiel dat u op de pagina Prognose kiest.",
    ),
    "data.problem.separate_periods": (
        "Series {series} is stored at another granularity (intervals or other period totals), "
        "so these rows go to a series of their own, {new_series}, instead of mixing the two.",
        "Reeks {series} is opgeslagen met een andere indeling (intervallen of andere "
        "periodetotalen), dus deze regels gaan naar een eigen reeks, {new_series}, in plaats "
        "van die twee te mengen.",
    ),
    "data.problem.unknown_interval": (
        "The interval length {length} min is not supported; use 5, 6, 10, 15, 30 or 60 min.",
        "De intervallengte {length} min wordt niet ondersteund; gebruik 5, 6, 10, 15, 30 of 60 min.",
    ),
    "data.problem.interval_not_divisible": (
        "{length} min intervals cannot be added up to {interval} min; choose {fits} min, the "
        "nearest planning interval that is a multiple of {length} min.",
        "Intervallen van {length} min kunnen niet worden opgeteld tot {interval} min; kies "
        "{fits} min, het dichtstbijzijnde planningsinterval dat een veelvoud is van {length} min.",
    ),
    "data.problem.interval_adjusted": (
        "This file holds {length} min intervals, which do not add up to {wanted} min: it will "
        "be imported at {interval} min, the nearest planning interval that fits.",
        "Dit bestand bevat intervallen van {length} min, die niet optellen tot {wanted} min: "
        "het wordt geïmporteerd in {interval} min, het dichtstbijzijnde planningsinterval dat "
        "past.",
    ),
    "data.problem.separate_series": (
        "Series {series} is stored in {stored} min intervals and this import writes {interval} "
        "min, so these rows go to a series of their own, {new_series}, instead of mixing two "
        "interval lengths in one series.",
        "Reeks {series} is opgeslagen in intervallen van {stored} min en deze import schrijft "
        "{interval} min, dus deze regels gaan naar een eigen reeks, {new_series}, in plaats van "
        "twee intervallengtes in één reeks te mengen.",
    ),
    "data.problem.off_grid": (
        "'{value}' does not start on a {length} min boundary.",
        "'{value}' begint niet op een intervalgrens van {length} min.",
    ),
    "data.problem.stored_interval_differs": (
        "Series {series} is stored in {stored} min intervals, this import would write {interval} "
        "min; import with {stored} min or reset the data first.",
        "Reeks {series} is opgeslagen in intervallen van {stored} min, deze import zou {interval} "
        "min schrijven; importeer met {stored} min of reset eerst de data.",
    ),
    "data.problem.wait_from_asa": (
        "Column {column} is the mean wait of answered contacts (ASA). ASA × answered leaves out the "
        "waits of callers who hung up, so a patience estimated from it comes out about a fifth too low: "
        "this file's waits are kept out of the patience estimate. Import it again with \"Use this file "
        "for the patience estimate anyway\" ticked to include them.",
        "Kolom {column} is de gemiddelde wachttijd van beantwoorde contacten (ASA). ASA × beantwoord laat "
        "de wachttijd van bellers die ophingen weg, dus een geduld daaruit geschat valt ongeveer een vijfde "
        "te laag uit: de wachttijden van dit bestand tellen niet mee in de geduldschatting. Importeer het "
        "opnieuw met \"Dit bestand toch gebruiken voor de geduldschatting\" aangevinkt om ze mee te tellen.",
    ),
    "data.problem.wait_from_asa_used": (
        "Column {column} is the mean wait of answered contacts (ASA); as you chose, ASA × answered counts "
        "in the patience estimate, which leaves out the waits of callers who hung up (patience about a "
        "fifth too low).",
        "Kolom {column} is de gemiddelde wachttijd van beantwoorde contacten (ASA); zoals gekozen telt "
        "ASA × beantwoord mee in de geduldschatting, zonder de wachttijd van bellers die ophingen (geduld "
        "ongeveer een vijfde te laag).",
    ),
    "data.problem.replaced": (
        "The file overlaps earlier imports: {count:,} stored rows of the same period were replaced (not added).",
        "Het bestand overlapt eerdere imports: {count:,} opgeslagen regels van dezelfde periode zijn vervangen (niet opgeteld).",
    ),
    "data.problem.store_refused": (
        "The database refused the import, nothing was changed: {value}",
        "De database weigerde de import, er is niets gewijzigd: {value}",
    ),
    "data.problem.named_but_text": (
        "{name} is named {suffix} but holds text; it was read as a delimited text file (CSV).",
        "{name} heeft de extensie {suffix} maar bevat tekst; het is gelezen als tekstbestand "
        "met scheidingstekens (CSV).",
    ),
    "data.problem.one_column": (
        "Only one column was found in {name}. If its columns are separated by another "
        "character, choose it under Delimiter.",
        "Er is maar één kolom gevonden in {name}. Als de kolommen door een ander teken worden "
        "gescheiden, kies dat dan bij Scheidingsteken.",
    ),
    "data.problem.no_rows": (
        "No row holds a contact to import (all rows are ignored).",
        "Geen enkele regel bevat een contact om te importeren (alle regels worden genegeerd).",
    ),
}
