"""The share-link codec: a spec's dict packed into URL-safe query parameters and back.

A link is input from anyone who can send one, so it is read defensively: at most
``LINK_MAX_CHARS`` of packed text, at most ``LINK_MAX_UNPACKED_BYTES`` once unpacked (a small
link cannot unpack into a large document), a name of at most ``LINK_NAME_MAX_CHARS``, and a
JSON object; the spec's own checks (``ScenarioSpec.from_dict``) then check every field and range.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping
from typing import Any, Final

from kcc.scenarios.validation import ScenarioError

#: Query parameter names of a shared scenario link.
QUERY_SPEC: Final[str] = "scenario"
QUERY_VERSION: Final[str] = "sv"
QUERY_NAME: Final[str] = "name"

#: Longest ``scenario`` parameter a link may carry. [characters] Every lever set on every
#: channel packs into well under 2,000.
LINK_MAX_CHARS: Final[int] = 4096
#: Largest spec a link may unpack to. [bytes]
LINK_MAX_UNPACKED_BYTES: Final[int] = 65_536
#: Longest scenario name a link may carry (a saved name may be longer than the 80 the name
#: field takes). [characters]
LINK_NAME_MAX_CHARS: Final[int] = 200


def pack_spec(data: Mapping[str, Any]) -> str:
    """A spec's JSON-safe dict as compressed, URL-safe text (no padding)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii").rstrip("=")


def _last(params: Mapping[str, Any], key: str) -> str:
    """A parameter's text; the last one when a link repeats it; ``""`` when absent."""
    raw = params.get(key)
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else None
    return "" if raw is None else str(raw)


def unpack_query(params: Mapping[str, Any]) -> dict[str, Any]:
    """The spec dict a link's query parameters carry (``st.query_params`` or a dict).

    Raises
    ------
    ScenarioError
        The link lacks the scenario (``link_missing``), is longer than ``LINK_MAX_CHARS``
        or unpacks to more than ``LINK_MAX_UNPACKED_BYTES`` (``link_too_long``), or is
        damaged or holds no spec object (``link_damaged``).
    """
    raw = _last(params, QUERY_SPEC)
    if not raw:
        raise ScenarioError("link_missing", parameter=repr(QUERY_SPEC))
    if len(raw) > LINK_MAX_CHARS:
        raise ScenarioError("link_too_long", parameter=repr(QUERY_SPEC), size=len(raw), limit=LINK_MAX_CHARS)
    try:
        packed = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        inflater = zlib.decompressobj()
        text = inflater.decompress(packed, LINK_MAX_UNPACKED_BYTES)
        if inflater.unconsumed_tail:
            raise ScenarioError("link_too_long", parameter=repr(QUERY_SPEC), size=len(raw), limit=LINK_MAX_CHARS)
        data = json.loads(text.decode("utf-8"))
    except (ValueError, zlib.error, RecursionError) as exc:
        if isinstance(exc, ScenarioError):
            raise
        raise ScenarioError("link_damaged", parameter=repr(QUERY_SPEC)) from exc
    if not isinstance(data, dict):
        raise ScenarioError("link_damaged", parameter=repr(QUERY_SPEC))
    return data


def link_name(params: Mapping[str, Any]) -> str:
    """The scenario name a link carries, cut to ``LINK_NAME_MAX_CHARS`` (``""`` when none)."""
    return " ".join(_last(params, QUERY_NAME).split())[:LINK_NAME_MAX_CHARS]
