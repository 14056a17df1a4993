"""Vietnamese text helpers: NFC on the way in, a folded form for searching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


def nfc(text: str | None) -> str:
    """Return text in NFC: Unikey in "Unicode tổ hợp" mode types NFD."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, runs of white space folded to one space, ends stripped."""
    return _SPACES.sub(" ", nfc(text)).strip()


# Printable ASCII, Latin letters with their accents (precomposed, as NFC writes Vietnamese) and the combining marks
# NFD uses: none of them prints as nothing (U+034F, the combining grapheme joiner, is left out on purpose).
_VISIBLE_LATIN = re.compile("[\x20-\x7e\u00c0-\u024f\u0300-\u034e\u0350-\u036f\u1e00-\u1eff]*")
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")  # every one combining (class > 0)


@lru_cache(maxsize=8192)  # names, areas and annex columns are folded again and again (thousands per import)
def fold(text: str | None) -> str:
    """Accent- and case-insensitive key: "Chữ Ký Số" -> "chu ky so".

    SQLite's lower() is ASCII-only, so the folded form is stored beside the text.
    """
    decomposed = unicodedata.normalize("NFD", nfc(text))
    if _VISIBLE_LATIN.fullmatch(decomposed):  # Vietnamese: its marks are U+0300-U+036F, dropped in one pass
        stripped = _LATIN_MARKS.sub("", decomposed)
    else:
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


# Characters that print as nothing: every control, format (Cf: zero-width spaces and joiners, bidi marks and
# overrides, tag characters), surrogate, private-use and unassigned one, and the default-ignorable ones of other
# categories (combining grapheme joiner, variation selectors, Hangul fillers, Khmer inherent vowels, Mongolian
# free variation selectors).
_IGNORABLE_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn"))
_IGNORABLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0") \
    | frozenset(map(chr, range(0xFE00, 0xFE10))) | frozenset(map(chr, range(0xE0100, 0xE01F0)))


def invisible(ch: str) -> bool:
    """One character that prints as nothing (white space aside: clean() makes it one space)."""
    return (ch in _IGNORABLE or unicodedata.category(ch) in _IGNORABLE_CATEGORIES) and not ch.isspace()


def drop_invisible(text: str | None) -> str:
    """The text without the characters that print as nothing (see invisible())."""
    text = text or ""
    if _VISIBLE_LATIN.fullmatch(text):  # the usual name, in Vietnamese: nothing to look at one by one
        return text
    return "".join(ch for ch in text if not invisible(ch))


# The five tone marks (huyền, sắc, ngã, hỏi, nặng); circumflex, breve and horn are parts of the letter.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


@lru_cache(maxsize=4096)
def name_key(text: str | None) -> str:
    """How two spellings of one name compare: case, spacing, Unicode form and old or new tone placement
    ("Hoà"/"Hòa") aside, every letter and tone kept ("Hòa An" and "Hòa Ân" are two communes).

    Begins with the accent-free form, so keys sort as names are looked up. Characters that print as nothing are
    left out: a name and the same name with a zero-width space are one (domain.names refuses the second).
    """
    text = drop_invisible(text)
    words = unicodedata.normalize("NFD", clean(text).casefold()).split(" ")
    return f"{fold(text)}\x1f{' '.join(map(_word_key, words))}"


@lru_cache(maxsize=8192)  # "ubnd", "xã", "phường" … recur in every name: a country's 3,321 names took 90 ms
def _word_key(word: str) -> str:
    """One word (NFD, case folded) with its tone marks moved after its letters, in NFC."""
    tones = "".join(sorted({c for c in word if c in _TONES}))
    return unicodedata.normalize("NFC", "".join(c for c in word if c not in _TONES) + tones)


# How an area's level may be written before its name (with its tones: "Tĩnh Gia" is a name, "tỉnh" a level),
# and the one level each spelling means.
_AREA_LEVELS = (("thành phố", "tp"), ("tp.", "tp"), ("tp", "tp"), ("thị xã", "tx"), ("tx.", "tx"), ("tx", "tx"),
                ("thị trấn", "tt"), ("tỉnh", "tinh"), ("huyện", "huyen"), ("quận", "quan"), ("đặc khu", "dk"))


@lru_cache(maxsize=1024)
def _area(text: str | None) -> tuple[str, str]:
    """(level, folded name) of an area as written: ("tp", "dong trieu") for "TP. Đông Triều"; ("", name) without
    one. Old tone placement ("Thị Xã", "thành phố") reads the same: the text is compared as its name_key does."""
    written_text = unicodedata.normalize("NFC", clean(text).casefold())
    for written, level in _AREA_LEVELS:
        rest = written_text[len(written):]
        if written_text.startswith(written) and rest and (rest[0] == " " or written[-1] == "."):
            return level, fold(rest).strip(" .")
    return "", fold(text)


def same_area(one: str | None, other: str | None) -> bool:
    """Two spellings of one area: case, accents and the way its level is written aside ("thành phố Đông Triều",
    "TP. Đông Triều"), and the level may be left out ("Đông Triều", "Quảng Ninh"). Two levels named differently
    are two areas: "huyện Kỳ Anh" and "thị xã Kỳ Anh" stood side by side, as did "tỉnh Bắc Ninh" and "thành phố
    Bắc Ninh". A unit's package was refused for writing "TP. Đông Triều" where the office wrote "thành phố Đông
    Triều"."""
    (level_a, name_a), (level_b, name_b) = _area(one), _area(other)
    return name_a == name_b and (level_a == level_b or not level_a or not level_b)


def names_area(text: str | None, area: str | None) -> bool:
    """Whether `text` already names the area, however its level is written ("Kế hoạch số 36/KH-UBND … của UBND
    thành phố Đông Triều" names "TP. Đông Triều"): a subtitle then need not name it again."""
    name = _area(area)[1]
    return bool(name) and re.search(rf"(?:^|\W){re.escape(name)}(?:$|\W)", fold(text)) is not None


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole word and marked "…" (a cut mid-word, "…; đố", read as a
    typo); the text itself when it fits. A single word longer than the limit is cut where it must."""
    text = clean(text)
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit)  # the last word boundary leaving room for the "…"
    head = text[:space] if space > 0 else text[:limit - 1]
    return head.rstrip(" ,;:.-–—(") + "…"
