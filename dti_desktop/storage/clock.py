"""One place that says what time it is (tests can pin it)."""

from __future__ import annotations

from datetime import datetime


def now_iso() -> str:
    """Local time, seconds precision, ISO 8601 with offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")
