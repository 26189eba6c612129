"""The share-link codec: a spec's dict packed into URL-safe query parameters and back."""

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


def pack_spec(data: Mapping[str, Any]) -> str:
    """A spec's JSON-safe dict as compressed, URL-safe text (no padding)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii").rstrip("=")


def unpack_query(params: Mapping[str, Any]) -> Any:
    """The spec dict a link's query parameters carry (``st.query_params`` or a dict).

    Raises
    ------
    ScenarioError
        The link lacks the scenario or is damaged.
    """
    raw = params.get(QUERY_SPEC)
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else None
    if not raw:
        raise ScenarioError("link_missing", parameter=repr(QUERY_SPEC))
    try:
        padded = str(raw) + "=" * (-len(str(raw)) % 4)
        return json.loads(zlib.decompress(base64.urlsafe_b64decode(padded)).decode("utf-8"))
    except (ValueError, zlib.error) as exc:
        raise ScenarioError("link_damaged", parameter=repr(QUERY_SPEC)) from exc
