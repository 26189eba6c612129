"""A centre's logo for the title slide: a PNG or JPEG of bounded size, checked before it is
stored."""

from __future__ import annotations

import io
from typing import Final

from PIL import Image, UnidentifiedImageError

from kcc.i18n import TranslatedError

#: Largest logo file. [MB]
MAX_LOGO_MB: Final[int] = 1
#: Largest logo file. [bytes]
MAX_LOGO_BYTES: Final[int] = MAX_LOGO_MB * 1_000_000
#: Image formats the deck, the PDF and the web page all show.
LOGO_FORMATS: Final[tuple[str, ...]] = ("PNG", "JPEG")


class LogoError(TranslatedError):
    """A logo that cannot be used (texts ``report.logo_error.<code>``)."""

    texts = "report.logo_error"


def check_logo(data: bytes) -> bytes:
    """``data`` when it is a PNG or JPEG image of at most ``MAX_LOGO_BYTES``.

    Raises
    ------
    LogoError
        ``too_large`` (with ``size_kb`` and ``limit_kb``) or ``not_image``.
    """
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError("too_large", size_kb=round(len(data) / 1000), limit_kb=MAX_LOGO_BYTES // 1000)
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise LogoError("not_image") from None
    if kind not in LOGO_FORMATS:
        raise LogoError("not_image")
    return data
