"""English and Dutch texts.

Each area keeps its texts in its own module as ``TEXTS = {key: (english, dutch)}``; keys are
namespaced ``area.name``. ``t`` looks a key up and formats it with ``str.format`` fields.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Final

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


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """Translate ``key`` into ``lang`` ('en' or 'nl') and fill its ``{fields}``.

    A missing key shows as the key itself, so a gap is visible on screen and in tests.
    """
    pair = TEXTS.get(key)
    if pair is None:
        return key
    text = pair[_INDEX.get(lang, 0)]
    return text.format(**fmt) if fmt else text
