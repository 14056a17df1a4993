"""Dates as officers write them: dd/mm/yyyy."""

from __future__ import annotations

from datetime import datetime


def display_date(iso: str) -> str:
    """"2025-02-06" (or a moment, "2025-02-06T09:05:00+07:00") -> "06/02/2025"; "" stays ""."""
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def display_moment(iso: str) -> str:
    """"2025-03-18T09:05:00+07:00" -> "18/03/2025 09:05" (as the program stored it); "" stays ""."""
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M") if iso else ""
