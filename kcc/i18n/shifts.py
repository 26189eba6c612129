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
