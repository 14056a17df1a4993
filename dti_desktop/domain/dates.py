"""Dates as officers write them: dd/mm/yyyy."""

from __future__ import annotations

from datetime import date


def display_date(iso: str) -> str:
    """"2025-02-06" -> "06/02/2025"; "" stays ""."""
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""
