"""Numbers as Vietnamese officers write them: decimal comma, dot for thousands."""

from __future__ import annotations

import math
import re

_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_number(text: str) -> float | None:
    """Read "85,5", "85.5", "1.000" (thousands) or "03"; None when it is no number."""
    t = text.strip().replace(" ", "")
    if not t:
        return None
    if _THOUSANDS.match(t) and "," not in t:
        return float(t.replace(".", ""))
    if t.count(",") == 1 and "." in t:  # "1.234,5"
        t = t.replace(".", "")
    if not _NUMBER.match(t):
        return None
    number = float(t.replace(",", "."))
    return number if math.isfinite(number) else None  # 400 nines made "inf"


def format_number(value: float | None, decimals: int = 2) -> str:
    """Show a number the Vietnamese way: 1.234,5 — trailing zeros dropped."""
    if value is None or math.isnan(value):
        return ""
    text = f"{value:,.{decimals}f}"  # 1,234.50
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    whole = whole.replace(",", ".")
    return f"{whole},{frac}" if frac else whole


def percent_text(value: float, decimals: int = 2) -> str:
    """A percentage for display that never reads as reached when it is not: 8.753/8.754 is "99,98", not "100"."""
    text = format_number(value, decimals)
    if value < 100 and text == "100":
        scale = 10 ** max(decimals, 2)
        text = format_number(math.floor(value * scale) / scale, max(decimals, 2))
    return text
