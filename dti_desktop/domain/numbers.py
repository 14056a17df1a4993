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
    """A computed percentage for display, cut (never rounded up) to `decimals`: 36.254/40.283 is 89,99 %, not
    "90" beside a 90 % goal it missed. Floating-point noise is settled first (29/100 is 29, not 28,99)."""
    if not math.isfinite(value):  # 1e12/1e-300, stored by a version that did not bound figures: no OverflowError
        return "không xác định"
    scale = 10 ** decimals
    settled = round(value, 9)
    return format_number(math.floor(settled * scale) / scale if settled >= 0 else settled, decimals)
