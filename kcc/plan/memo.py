"""``kcc.memo`` under its first name: the plan's staffings were its first users."""

from kcc.memo import MAX_ENTRIES, Memo, digest

__all__ = ["MAX_ENTRIES", "Memo", "digest"]
