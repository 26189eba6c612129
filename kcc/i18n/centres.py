"""Texts of the contact centres: the sidebar selector, the Centres section of the Data page,
the first upload's "my centre" form and the errors of ``kcc.store.CentreError``."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # ----- names kept in the database (kcc.i18n.stored_text)
    "centres.demo_name": ("Demo centre", "Democentrum"),
    "centres.migrated_name": (
        "Demo with your imports (from before centres)",
        "Demo met uw imports (van vóór centra)",
    ),
    # ----- sidebar
    "centres.selector": ("Contact centre", "Klantcontactcentrum"),
    "centres.selector_help": (
        "Every page shows the plan of this centre. The choice is kept in the link (?centre=), so "
        "a bookmark or a reload opens the same centre.",
        "Elke pagina toont het plan van dit centrum. De keuze staat in de link (?centre=), zodat "
        "een bladwijzer of herladen hetzelfde centrum opent.",
    ),
    "centres.unknown_in_link": (
        "The link names centre {centre}, which does not exist (any more); showing {name}.",
        "De link noemt centrum {centre}, dat niet (meer) bestaat; {name} wordt getoond.",
    ),
    # ----- first upload while only the demo exists
    "centres.first.header": ("Where should this data go?", "Waar moeten deze gegevens heen?"),
    "centres.first.intro": (
        "You are looking at the demo centre. Create your own centre for this file, so the demo "
        "stays as it is and your plan starts where your history ends.",
        "U kijkt naar het democentrum. Maak een eigen centrum voor dit bestand, zodat de demo "
        "blijft zoals hij is en uw plan begint waar uw historie eindigt.",
    ),
    "centres.first.choice": ("Import into", "Importeren in"),
    "centres.first.new": ("A new centre of my own", "Een nieuw, eigen centrum"),
    "centres.first.demo": (
        "The demo centre (mixes my data into the demo)",
        "Het democentrum (mengt mijn gegevens met de demo)",
    ),
    "centres.first.default_name": ("My centre", "Mijn centrum"),
    "centres.first.create": ("Create centre", "Centrum aanmaken"),
    "centres.first.created": (
        "Centre {name} created and selected; import the file into it below.",
        "Centrum {name} is aangemaakt en gekozen; importeer het bestand hieronder.",
    ),
    "centres.first.into_demo": (
        "This file will be imported into the demo centre.",
        "Dit bestand wordt in het democentrum geïmporteerd.",
    ),
    # ----- fields
    "centres.name": ("Name", "Naam"),
    "centres.time_zone": ("Time zone", "Tijdzone"),
    "centres.time_zone_help": (
        "Local times of this centre's files and plans are in this zone.",
        "Lokale tijden van de bestanden en plannen van dit centrum staan in deze zone.",
    ),
    "centres.country": ("Country for public holidays", "Land voor feestdagen"),
    "centres.country_none": ("None", "Geen"),
    # ----- Centres section of the Data page
    "centres.manage.header": ("Centres", "Centra"),
    "centres.manage.intro": (
        "Each centre has its own volumes, events, roster, settings, scenarios and import history.",
        "Elk centrum heeft eigen volumes, evenementen, rooster, instellingen, scenario's en "
        "importgeschiedenis.",
    ),
    "centres.manage.current": ("Current centre: {name}", "Huidig centrum: {name}"),
    "centres.manage.new": ("New centre", "Nieuw centrum"),
    "centres.manage.rename": ("Rename", "Hernoemen"),
    "centres.manage.renamed": ("Renamed to {name}.", "Hernoemd naar {name}."),
    "centres.manage.delete": ("Delete this centre", "Dit centrum verwijderen"),
    "centres.manage.delete_confirm": (
        "Type the centre's name to confirm: every volume, event, roster, setting, scenario and "
        "import of {name} is removed; other centres are not touched.",
        "Typ de naam van het centrum ter bevestiging: alle volumes, evenementen, roosters, "
        "instellingen, scenario's en imports van {name} worden verwijderd; andere centra blijven "
        "zoals ze zijn.",
    ),
    "centres.manage.delete_button": ("Delete for good", "Definitief verwijderen"),
    "centres.manage.deleted": ("Centre {name} deleted.", "Centrum {name} is verwijderd."),
    "centres.manage.hide_demo": ("Hide the demo centre", "Democentrum verbergen"),
    "centres.manage.show_demo": ("Show the demo centre", "Democentrum tonen"),
    "centres.manage.reset_demo": ("Reset the demo centre", "Democentrum herstellen"),
    "centres.manage.reset_demo_help": (
        "Loads the demo again (and creates it when it was deleted); only the demo centre changes.",
        "Laadt de demo opnieuw (en maakt hem aan als hij verwijderd was); alleen het "
        "democentrum verandert.",
    ),
    "centres.manage.reset_done": ("The demo centre is loaded again.", "Het democentrum is opnieuw geladen."),
    # ----- errors (kcc.store.CentreError)
    "centres.error.name_empty": ("Give the centre a name.", "Geef het centrum een naam."),
    "centres.error.name_taken": (
        "A centre named {name} already exists; choose another name.",
        "Er bestaat al een centrum met de naam {name}; kies een andere naam.",
    ),
    "centres.error.time_zone": (
        "{time_zone} is not a time zone (use an IANA name such as Europe/Amsterdam).",
        "{time_zone} is geen tijdzone (gebruik een IANA-naam zoals Europe/Amsterdam).",
    ),
    "centres.error.unknown": ("There is no centre {centre}.", "Er is geen centrum {centre}."),
    "centres.error.last_centre": (
        "{name} is the only centre; create another one before deleting it.",
        "{name} is het enige centrum; maak eerst een ander aan voordat u dit verwijdert.",
    ),
    "centres.error.confirm": (
        "The name typed does not match {name}; nothing was deleted.",
        "De getypte naam komt niet overeen met {name}; er is niets verwijderd.",
    ),
    # ----- horizon start
    "centres.plan_start": ("Plan from", "Plannen vanaf"),
    "centres.plan_start_help": (
        "First day of the plan; by default the day after this centre's newest history.",
        "Eerste dag van het plan; standaard de dag na de nieuwste historie van dit centrum.",
    ),
    "centres.no_roster": (
        "This centre has no roster and no shift patterns yet, so the figures \"with the roster\" "
        "show what an empty floor delivers (nothing answered). The requirement, FTE and cost are "
        "already this centre's. Add shift patterns or upload a roster on the Staffing page.",
        "Dit centrum heeft nog geen rooster en geen diensten, dus de cijfers \"met het rooster\" "
        "tonen wat een lege vloer levert (niets beantwoord). De behoefte, fte en kosten zijn al "
        "van dit centrum. Voeg diensten toe of laad een rooster op de pagina Bezetting.",
    ),
    "centres.ended_early": (
        "Series that end before this centre's newest data ({newest}); each is forecast from its "
        "own last day:",
        "Reeksen die eindigen vóór de nieuwste gegevens van dit centrum ({newest}); elke reeks "
        "wordt voorspeld vanaf haar eigen laatste dag:",
    ),
    "centres.ended_early_item": ("{series}: last data {last_day}", "{series}: laatste gegevens {last_day}"),
}
