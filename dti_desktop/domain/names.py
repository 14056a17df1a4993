"""Names of units and areas: one way to write each, so no name prints exactly like another.

A unit is known by its name. A zero-width space, an invisible tag character, a bidi isolate or override, or a
Cyrillic "К" made a second unit that printed exactly like the first, and the office's own name followed by a
zero-width non-joiner passed for another unit's. So a name from a package, the settings or the command line is
refused unless it is plain Vietnamese writing:

- no control, format (Cf: zero-width spaces and joiners, bidi marks, isolates and overrides, tag characters, the
  soft hyphen, the BOM), private-use, unassigned or surrogate character, nor any other character that prints as
  nothing (variation selectors, the combining grapheme joiner, Hangul fillers, the Braille blank);
- every letter Latin, as Vietnamese is written: a letter of another alphabet is refused whether mixed in
  ("UBND phường Кim Sơn", Cyrillic К) or the whole name (a name of Cyrillic look-alikes, "АВС", prints like
  "ABC"); Latin letters outside Vietnamese writing that copy one in it ("ı", "ɑ", "ɡ") are refused as well;
- no combining mark left over once the name is in NFC (every Vietnamese letter has a precomposed form), no digit
  but 0–9, and no character in a compatibility form (full-width letters, ligatures "ﬁ", circled or superscript
  figures): each prints like a plain character it is not.

Refused rather than folded into the name it imitates: a name typed with such a character is an accident or a
forgery, and either way the officer should see it. domain.text.name_key drops invisible characters as well, so
a name stored before this rule still compares with the name it shows.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .errors import BadInput
from .text import clean, invisible

_VIETNAMESE_NON_ASCII = frozenset("đĐ")


def _shown(ch: str) -> str:
    """A character named for the officer: U+041A CYRILLIC CAPITAL LETTER KA."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'không có tên')}"


def _latin_letter(ch: str) -> bool:
    base = unicodedata.normalize("NFD", ch)[0]
    return (base.isascii() or base in _VIETNAMESE_NON_ASCII) and unicodedata.normalize("NFKC", ch) == ch


@lru_cache(maxsize=4096)
def char_problem(ch: str) -> str | None:
    """Why one character of a name (in NFC) is refused, in Vietnamese; None when it is plain writing. Cached: a
    name holds a few dozen distinct characters, and an import checks two names in each of thousands of packages."""
    if ch == " ":
        return None
    if invisible(ch) or ch.isspace() or ch == "\u2800":  # a Braille blank prints as a space
        return f"có ký tự không nhìn thấy hoặc ký tự điều khiển ({_shown(ch)})"
    category = unicodedata.category(ch)
    if category[0] == "L":
        if _latin_letter(ch):
            return None
        return f"có chữ “{ch}” không thuộc chữ La-tinh của tiếng Việt ({_shown(ch)})"
    if category[0] == "M":
        return f"có dấu ghép rời không thuộc chữ tiếng Việt ({_shown(ch)})"
    if category[0] == "N" and not ("0" <= ch <= "9"):
        return f"có chữ số “{ch}” không phải 0–9 ({_shown(ch)})"
    if unicodedata.normalize("NFKC", ch) != ch:
        return f"có ký tự “{ch}” viết ở dạng đặc biệt, in ra giống một ký tự thường ({_shown(ch)})"
    return None


# Printable ASCII and the Vietnamese letters with their tones (NFC): the usual name, refused by nothing above.
_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
PLAIN_WRITING = re.compile(f"[\x20-\x7e{_LETTERS}{_LETTERS.upper()}]*")


def name_problem(name: str | None) -> str | None:
    """Why a name cannot name a unit or an area, a Vietnamese phrase to follow the name ("… có chữ “К” không thuộc
    chữ La-tinh …"); None when it is plain Vietnamese writing. An empty name is the caller's to judge."""
    name = clean(name)
    if PLAIN_WRITING.fullmatch(name):  # a country's 3,321 names are looked at on start: no character one by one
        return None
    for ch in dict.fromkeys(name):  # each character once, the first refused named
        if (problem := char_problem(ch)) is not None:
            return problem
    return None


def describe(what: str, name: str, problem: str) -> str:
    """The sentence a refusal gives: “Tên đơn vị “UBND phường Кim Sơn” có chữ …”, the name shown as written (an
    invisible character is named by its code in the problem)."""
    return f"{what} “{clean(name)[:120]}” {problem}; hãy gõ lại tên bằng bàn phím tiếng Việt."


def checked_name(name: str | None, what: str = "Tên đơn vị") -> str:
    """The name cleaned (NFC, single spaces), or ValueError saying which character is refused and why."""
    if (problem := name_problem(name)) is not None:
        raise BadInput(describe(what, name or "", problem))
    return clean(name)
