"""Vietnamese text helpers: NFC on the way in, a folded form for searching."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str | None) -> str:
    """Return text in NFC: Unikey in "Unicode tổ hợp" mode types NFD."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, runs of white space folded to one space, ends stripped."""
    return _SPACES.sub(" ", nfc(text)).strip()


def fold(text: str | None) -> str:
    """Accent- and case-insensitive key: "Chữ Ký Số" -> "chu ky so".

    SQLite's lower() is ASCII-only, so the folded form is stored beside the text.
    """
    decomposed = unicodedata.normalize("NFD", nfc(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()
