"""English and Dutch texts.

Each area keeps its texts in its own module as ``TEXTS = {key: (english, dutch)}``; keys are
namespaced ``area.name``. ``t`` looks a key up and formats it with ``str.format`` fields.
"""

from __future__ import annotations

import importlib
import json
import numbers
import pkgutil
import re
import string
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Final

from kcc import config
from kcc.formatting import localise

LANGUAGES: Final[dict[str, str]] = {"en": "English", "nl": "Nederlands"}
_INDEX: Final[dict[str, int]] = {"en": 0, "nl": 1}


def _collect() -> dict[str, tuple[str, str]]:
    texts: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in getattr(module, "TEXTS", {}).items():
            if key in texts:
                raise ValueError(f"text key {key!r} is defined twice (again in {info.name}.py)")
            texts[key] = pair
    return texts


TEXTS: Final[dict[str, tuple[str, str]]] = _collect()


class _DutchNumbers(string.Formatter):
    """``str.format`` writing numbers the Dutch way: ``{n:,}`` of 1234567 gives ``1.234.567``
    and ``{x:.1f}`` of 12.5 gives ``12,5``; texts and whole numbers without grouping stay."""

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            return localise(text, "nl")
        return text


_DUTCH: Final[_DutchNumbers] = _DutchNumbers()


#: Per language, the plural nouns the texts put after a count, with their singular:
#: "{lead} months ahead" with a lead of 1 reads "1 month ahead".
SINGULAR: Final[dict[str, dict[str, str]]] = {
    "en": {
        "agents": "agent", "bytes": "byte", "calls": "call", "characters": "character", "chats": "chat",
        "checks": "check", "columns": "column", "contacts": "contact", "days": "day", "drivers": "driver",
        "events": "event",
        "fields": "field", "heads": "head", "hires": "hire", "intervals": "interval", "items": "item",
        "milestones": "milestone",
        "minutes": "minute", "moments": "moment", "months": "month", "rows": "row", "sessions": "session",
        "steps": "step", "times": "time", "weeks": "week",
    },
    "nl": {
        "betrouwbaarheidsintervallen": "betrouwbaarheidsinterval", "contacten": "contact", "contracturen": "contractuur",
        "controles": "controle", "dagen": "dag", "dienstpatronen": "dienstpatroon", "evenementen": "evenement",
        "gesprekken": "gesprek", "intervallen": "interval", "kolommen": "kolom", "kostenposten": "kostenpost",
        "maandfouten": "maandfout",
        "maanden": "maand", "medewerkers": "medewerker", "medewerkeruren": "medewerkeruur", "mijlpalen": "mijlpaal",
        "minuten": "minuut", "momenten": "moment", "oorzaken": "oorzaak", "openingsuren": "openingsuur",
        "problemen": "probleem",
        "referentiegevallen": "referentiegeval", "regels": "regel", "roosterintervallen": "roosterinterval",
        "sessies": "sessie", "stappen": "stap", "tekens": "teken", "velden": "veld", "weken": "week",
    },
}
#: Per language, the plural verbs the texts put right after such a noun, with their singular:
#: "{rows} rows were ignored" with one row reads "1 row was ignored", "1 regel is genegeerd".
SINGULAR_VERB: Final[dict[str, dict[str, str]]] = {
    "en": {"are": "is", "have": "has", "were": "was"},
    "nl": {"beginnen": "begint", "falen": "faalt", "hebben": "heeft", "ronden": "rondt", "zijn": "is"},
}
#: A field, the word after it and the word after that (``{months} months short``).
_COUNTED: Final[re.Pattern[str]] = re.compile(r"(\{(\w+)(?::([^}]*))?\} )([\w']+)(?:( )([\w']+))?")


def _one_in_singular(text: str, lang: str, fmt: Mapping[str, object]) -> str:
    """``text`` with the plural noun after a field that shows 1 (``{lead} months`` with
    ``lead=1``) in its singular, and a plural verb right after that noun too."""
    nouns, verbs = SINGULAR.get(lang, {}), SINGULAR_VERB.get(lang, {})

    def singular(match: re.Match[str]) -> str:
        head, name, spec, noun, space, verb = match.groups()
        value = fmt.get(name)
        if noun not in nouns or isinstance(value, bool) or value is None or format(value, spec or "") != "1":
            return match.group(0)
        tail = f"{space}{verbs.get(verb, verb)}" if verb is not None else ""
        return f"{head}{nouns[noun]}{tail}"

    return _COUNTED.sub(singular, text)


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """Translate ``key`` into ``lang`` ('en' or 'nl') and fill its ``{fields}``.

    Numbers in the fields follow the language: ``{rows:,}`` is ``1,234`` in English and
    ``1.234`` in Dutch. A count of one takes the singular: ``{lead} months`` with ``lead=1``
    reads "1 month" (``SINGULAR``). A missing key shows as the key itself, so a gap is visible
    on screen and in tests.
    """
    pair = TEXTS.get(key)
    if pair is None:
        return key
    text = pair[_INDEX.get(lang, 0)]
    if not fmt:
        return text
    text = _one_in_singular(text, lang, fmt)
    return _DUTCH.format(text, **fmt) if lang == "nl" else text.format(**fmt)


def queue_name(queue: object, lang: str = "en", *, word: str | None = None) -> str:
    """A queue as a reader knows it: the one the importer gives a file without queues
    (``config.DEFAULT_QUEUE``) in ``lang`` (or as ``word``, a page's own translation of
    ``common.default_queue``), also with the step of a series of its own after it ("standaard
    (30 min)" in Dutch); any other as its file named it."""
    name, space, step = str(queue).partition(" (")
    if name != config.DEFAULT_QUEUE:
        return str(queue)
    return f"{word or t('common.default_queue', lang)}{space}{step}"


def stored_queue(typed: str) -> str:
    """The queue to store for a name typed on the import form: the default queue's word in
    either language (or nothing) is ``config.DEFAULT_QUEUE``, so a file imported in Dutch and in
    English lands in the same series; any other name as typed."""
    typed = typed.strip()
    return config.DEFAULT_QUEUE if typed in ("", *TEXTS["common.default_queue"]) else typed


def person(name: object, lang: str = "en", *, word: str | None = None) -> str:
    """Who imported or saved something, as stored, for a reader of ``lang``: a user who gave no
    name was stored under the word for "anonymous" of the language at the time; any such
    word reads in ``lang`` ("anoniem" in Dutch), or as ``word`` (a page's own translation of
    ``common.anonymous_user``). A given name stays as it was given."""
    if name not in set(TEXTS["common.anonymous_user"]):
        return str(name)
    return word or t("common.anonymous_user", lang)


def series_name(series: str, lang: str = "en") -> str:
    """A series as imports name it, ``channel/queue`` (perhaps followed by `` (30 min)``), as a
    reader knows it: the channel's name in ``lang``, a middle dot and the queue
    (``queue_name``), e.g. ``Telefoon · standaard (30 min)``, as the Forecast page's series
    picker shows it. A channel the app does not know keeps its id; a text without ``/`` is
    returned as it is."""
    channel, slash, rest = series.partition("/")
    name = f"common.ch_{channel}"
    return f"{t(name, lang)} · {queue_name(rest, lang)}" if slash and name in TEXTS else series


def stored_text(key: str, **fmt: object) -> str:
    """A text to keep in the database and show later in the reader's language: the key and
    its fields as JSON, which ``show_stored`` turns into text."""
    if key not in TEXTS:
        raise KeyError(f"no text {key!r}")
    return json.dumps({"text": key, "fields": fmt}, sort_keys=True)


def show_stored(value: object, lang: str = "en") -> str:
    """A text kept with ``stored_text`` in ``lang``; any other value (a plain message written
    before texts were kept this way) as it is, and nothing for a missing one."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        kept = json.loads(value)
    except ValueError:
        return value
    if not isinstance(kept, dict) or kept.get("text") not in TEXTS:
        return value
    return t(str(kept["text"]), lang, **dict(kept.get("fields") or {}))


def escape_fields(fields: Mapping[str, Any], escape: Callable[[str], str] | None) -> dict[str, Any]:
    """``fields`` with every text passed through ``escape`` (numbers keep their format), so
    a label from data or a user shows literally in a message (e.g.
    ``kcc.formatting.escape_markdown`` for a Markdown message); unchanged for ``None``."""
    if escape is None:
        return dict(fields)
    return {name: escape(value) if isinstance(value, str) else value for name, value in fields.items()}


class TranslatedError(ValueError):
    """A check on user input that can say what is wrong in the reader's language.

    Subclasses name their texts with ``texts`` (the text is ``<texts>.<code>``) and may map
    field names in code to the text key of their on-screen label with ``labels``; the fields
    ``field`` and ``other`` are shown by that label. ``str()`` is the English message with
    the names in code (for logs and callers); ``message(lang)`` is for the screen. A
    ``cause`` (an error of the same kind, e.g. inside one row of a table) fills ``{reason}``.
    """

    texts: ClassVar[str] = ""
    labels: ClassVar[Mapping[str, str]] = {}

    def __init__(self, code: str, cause: TranslatedError | None = None, **fields: Any) -> None:
        self.code, self.cause, self.fields = code, cause, fields
        super().__init__(self._text("en", labelled=False))

    def _text(self, lang: str, *, labelled: bool, escape: Callable[[str], str] | None = None) -> str:
        return t(f"{self.texts}.{self.code}", lang, **self._fields(lang, labelled=labelled, escape=escape))

    def _fields(self, lang: str, *, labelled: bool, escape: Callable[[str], str] | None) -> dict[str, Any]:
        """The fields as the text in ``lang`` shows them (a subclass may word more of them)."""
        fields = escape_fields(self.fields, escape)
        for name in ("field", "other"):
            if labelled and self.fields.get(name) in self.labels:
                fields[name] = t(self.labels[self.fields[name]], lang)
        if self.cause is not None:
            fields["reason"] = self.cause._text(lang, labelled=labelled, escape=escape)
        return fields

    def message(self, lang: str = "en", *, escape: Callable[[str], str] | None = None) -> str:
        """The message in ``lang``, naming fields as the screen labels them; ``escape``
        (e.g. ``kcc.formatting.escape_markdown``) is applied to each text field, so a name
        the user typed shows literally."""
        return self._text(lang, labelled=True, escape=escape)
