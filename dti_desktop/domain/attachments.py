"""An evidence file attached to a month's result, as the window and the reports see it (stored by
storage/attachment_store.py; here so the window need not import the storage layer)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attachment:
    """An evidence file attached to a progress entry."""

    id: int
    entry_id: int
    sha256: str
    original_name: str
    size: int
    added_at: str
    added_by: str
