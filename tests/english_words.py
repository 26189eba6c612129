"""English words that must not show on a Dutch page: built from the app's own texts.

Every ``kcc.i18n`` text whose English and Dutch differ gives its English words; a word that
also occurs in any Dutch text (``chat``, ``backlog``, ``shrinkage``), is an abbreviation
(``KPI``, ``FTE``, ``ASA``) or is neutral (``WhatsApp``, ``Excel``) is left out, so what
remains is English a Dutch reader should never meet. Streamlit's own widget texts the app can
replace are added (``Browse files``, ``per file``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kcc.i18n import TEXTS

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
_FIELD = re.compile(r"\{[^}]*\}")
#: Words shorter than this are too often shared or ambiguous (``in``, ``is``, ``de``).
MIN_LETTERS = 4
#: Words the same in both languages or names: brands, file types, loanwords Dutch planners use.
NEUTRAL: frozenset[str] = frozenset({
    "whatsapp", "excel", "parquet", "duckdb", "erlang", "plotly", "streamlit", "pptx", "xlsx", "html",
    "markdown", "simpy", "statsmodels", "holt", "winters", "mase", "wmape", "bias", "demo", "auto",
    "email", "e-mail", "chat", "chats", "online", "offline", "service", "level", "planner", "roster",
    "backlog", "shrinkage", "team", "teams", "trend", "status", "budget", "scenario", "baseline",
    "delta", "extra", "flex", "outsourcing", "workforce", "management", "contact", "contacts",
    "centre", "center", "total", "format", "export", "import", "data", "link", "site", "website",
    "callback", "callbacks", "pool", "best", "case", "worst", "check", "score", "mode", "model",
    "seed", "piek", "peak", "deadline", "overtime", "target", "mailing", "downloads",
})
#: Streamlit's own English that a Dutch page replaces (``kcc.ui.state.streamlit_texts``, and an
#: empty multiple choice's placeholder).
STREAMLIT_OWN: tuple[str, ...] = ("Browse files", "Drag and drop", "per file", "Choose options", "Choose an option")


#: A setting's name (``KCC_DEFAULT_ROLE``): the same in both languages, so its parts are no
#: Dutch words ("default" is English a Dutch page must not show).
_SETTING = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(_SETTING.sub(" ", _FIELD.sub(" ", text)))}


def english_words() -> frozenset[str]:
    """Lower-case English words of the app's texts that never occur in Dutch."""
    dutch: set[str] = set()
    english: set[str] = set()
    for en, nl in TEXTS.values():
        dutch |= _words(nl)
        if en != nl:
            english |= {w for w in _words(en) if len(w) >= MIN_LETTERS and not w.isupper()}
    acronyms = {w for en, _nl in TEXTS.values() for w in _WORD.findall(_SETTING.sub(" ", en)) if w.isupper()}
    return frozenset(english - dutch - NEUTRAL - {a.lower() for a in acronyms})


def english_in(texts: Iterable[str], words: frozenset[str] | None = None) -> dict[str, str]:
    """English word -> the first text it was found in (cut to 120 characters)."""
    words = english_words() if words is None else words
    found: dict[str, str] = {}
    for text in texts:
        for word in _words(str(text)):
            if word in words and word not in found:
                found[word] = str(text)[:120]
        for phrase in STREAMLIT_OWN:
            if phrase in str(text) and phrase not in found:
                found[phrase] = str(text)[:120]
    return found


def untranslated() -> dict[str, str]:
    """Text key -> its text, for texts whose Dutch is their English although they hold a word
    that no Dutch text uses and that is not neutral or an abbreviation (``Random seed``)."""
    dutch: set[str] = set()
    for en, nl in TEXTS.values():
        if en != nl:
            dutch |= _words(nl)
    found = {}
    for key, (en, nl) in TEXTS.items():
        if en != nl:
            continue
        odd = {w for w in _WORD.findall(_FIELD.sub(" ", en))
               if len(w) >= MIN_LETTERS and not w.isupper() and w.lower() not in dutch | NEUTRAL}
        if odd:
            found[key] = en
    return found
