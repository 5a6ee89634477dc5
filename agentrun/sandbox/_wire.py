"""Readers of single answer fields, shared by the typed results (pure data: both the async and the blocking API
use this very module)."""

from __future__ import annotations

from datetime import datetime


def wire_int(value: object) -> int | None:
    """An integer field of an answer, or None when absent or of another type (JSON booleans are not numbers)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def wire_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def wire_time(value: object) -> datetime | None:
    """An ISO 8601 time field of an answer, or None when absent or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
