"""Reading one row of an annex table, and the title lines above a table: what kind of row it is (part, group,
target, footnote, page number, numbering of the columns), a cell as the annex means it, a deadline as a date."""

from __future__ import annotations

import re
from datetime import date

from ..domain.text import clean, fold, nfc
from .annex_grid import Grid

ROMAN = re.compile(r"^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_LEAD = re.compile(r"^((?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(?:[.):\-–]\s*|\s+)(\S.*)$")
TT = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$")
_PART_LETTER = re.compile(r"^(?:PHẦN\s+)?([A-H])[.):]?$", re.IGNORECASE)
_PART_LEAD = re.compile(r"^(?:PHẦN\s+)?([A-H])[.):]\s*(\S.*)$")
_PART_KEY = re.compile(r"^(PL\s*\d{1,2})$", re.IGNORECASE)
ANNEX_NO = re.compile(r"ph[ụu]\s*l[ụu]c\s*(?:s[ốo]\s*)?(\d{1,2}|[IVX]{1,4})\b", re.IGNORECASE)
_PART_WORDS = ("phu luc", "phan ", "nhom muc tieu", "nhom chi tieu", "muc tieu rieng", "cac muc tieu rieng",
               "chi tieu rieng", "cac chi tieu rieng")
_GROUP_WORDS = ("du lieu so", "chinh quyen so", "kinh te so", "xa hoi so", "ha tang so", "an toan thong tin",
                "ve phat trien", "phat trien", "nhom ")
_FOOT_WORDS = ("ghi chu", "luu y", "chu thich", "nguon:", "nguon so lieu", "noi nhan", "tm.", "tm ", "t/m", "kt.",
               "kt ", "k/t", "chu tich", "pho chu tich", "nguoi lap", "nguoi ky", "(da ky)", "xac nhan",
               "giam doc", "truong phong", "thu truong", "./.", "chanh van phong")
_ZERO_WIDTH = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]")
_LINE_HYPHEN = re.compile(r"(?<=\S)-[ \t]*\r?\n\s*")
BULLET = re.compile(r"^[-–—+•]\s+")
BARE_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w%])")


def annex_text(text: str) -> str:
    """A cell as the annex means it: a word split at a hyphen across lines joined ("TC-" / "KH" is "TC-KH"),
    other line breaks, non-breaking and doubled spaces made one space, invisible characters dropped."""
    text = _ZERO_WIDTH.sub("", nfc(text)).replace("\u00a0", " ")
    return clean(_LINE_HYPHEN.sub("-", text))


def row_text(grid: Grid, r: int) -> str:
    return annex_text(" ".join(x for x in grid.rows[r] if x))


def title_start(grid: Grid, floor: int, top: int) -> int:
    """The first of the title rows right above a header ("PHỤ LỤC 2:", its subject, "(Kèm theo …)"): rows of one
    text each, blank rows between them allowed, at most ten; the rows above them belong to the table before."""
    first = top
    r = top - 1
    while r >= floor and top - r <= 10:
        texts = [x for x in grid.rows[r] if x and x.strip()]
        if texts and (len(texts) > 1 or TT.match(texts[0].strip())):
            break
        if texts:
            first = r
        r -= 1
    return first


def title_paragraphs(lines: list[str]) -> list[str]:
    """Of a Word document's paragraphs before the annex table, its title: from the last "PHỤ LỤC" line on, else
    the last few (the plan's body above is not the annex's title)."""
    start = max((i for i, t in enumerate(lines) if fold(t).startswith("phu luc")), default=max(0, len(lines) - 4))
    return lines[start:]


def cell_value(grid: Grid, r: int, c: int) -> str:
    """A data cell's text: a cell merged down (one agency over three targets) gives its text to each row, a cell
    merged across (a group heading) only to its first column."""
    m = grid.merge_at(r, c)
    if m is None or (m.top == r and m.left == c):
        return grid.cell(r, c)
    if c == m.left:
        return grid.cell(m.top, m.left)
    return ""


def is_numbering(row: list[str]) -> bool:
    """"(1) (2) (3) …" or "1 2 3 …" under the header."""
    values = [x.strip() for x in row if x and x.strip()]
    if len(values) < 3 or not all(re.fullmatch(r"\(?\d{1,2}\)?(?:=.*)?", v) for v in values):
        return False
    numbers = [int(re.match(r"\(?(\d+)", v).group(1)) for v in values]
    return numbers == sorted(numbers) and len(set(numbers)) == len(numbers) and numbers[0] <= 2


def is_footnote(row: list[str]) -> bool:
    first = next((fold(annex_text(x)) for x in row if x and x.strip()), "")
    return first.startswith(_FOOT_WORDS) or first.startswith(("*", "(*)", "(**)")) and len(first) > 3


def part_row(tt: str, text: str) -> tuple[str, str] | None:
    """(key, title) of a part heading: "A" | "Nhóm mục tiêu của tỉnh", "PL2" | …, "PHỤ LỤC 2: …"."""
    if m := _PART_LETTER.match(tt):
        if text:
            return m.group(1).upper(), text
    if _PART_KEY.match(tt) and text:
        return re.sub(r"\s+", "", tt).upper(), text
    whole = text if not tt else (f"{tt} {text}".strip() if text else tt)
    if not text and (m := _PART_LEAD.match(tt)) and len(m.group(2)) > 3:
        return m.group(1).upper(), m.group(2)
    folded = fold(whole)
    if folded.startswith(_PART_WORDS):
        if m := ANNEX_NO.match(whole):
            return annex_key(m.group(1)), whole
        return "", whole
    return None


def group_row(tt: str, text: str) -> tuple[str, str, str] | None:
    """(numeral, title, doubt) of a group heading: "I" | "Về phát triển …", or "I. Về …" in one cell."""
    if ROMAN.match(tt.rstrip(".")) and text:
        return tt.rstrip("."), text, ""
    whole = text if not tt else (f"{tt} {text}".strip() if text else tt)
    if m := _ROMAN_LEAD.match(whole):
        return m.group(1), m.group(2), ""
    if tt and not text:
        return None
    if TT.match(tt):
        return None
    doubt = "" if any(w in fold(whole) for w in _GROUP_WORDS) else (
        "dòng chỉ có nội dung, không có TT hay cơ quan, mục tiêu: đọc là dòng nhóm")
    return "", whole, doubt


def deadline_iso(text: str) -> tuple[str, str]:
    """ISO date of a deadline cell, and a doubt when it is not a date ("Quý II/2025" is the quarter's end)."""
    if not text:
        return "", ""
    if m := re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", text):
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat(), ""
        except ValueError:
            return "", f"thời hạn “{text}” không phải ngày có thật; để trống"
    folded = fold(text)
    if m := re.fullmatch(r"(?:thang\s+)?(\d{1,2})\s*/\s*(\d{4})", folded):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            end = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
            return date.fromordinal(end).isoformat(), ""
    if m := re.fullmatch(r"quy\s+(i{1,3}|iv|[1-4])\s*/\s*(?:nam\s+)?(\d{4})", folded):
        q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group(1)) or int(m.group(1))
        year = int(m.group(2))
        if 2000 <= year <= 2100:
            return date.fromordinal(date(year + q // 4, (q * 3) % 12 + 1, 1).toordinal() - 1).isoformat(), ""
    if m := re.fullmatch(r"(?:trong\s+)?(?:nam\s+)?(\d{4})", folded):
        if 2000 <= int(m.group(1)) <= 2100:
            return f"{m.group(1)}-12-31", ""
    return "", f"thời hạn “{text}” không đọc được thành ngày; để trống"


def annex_number(title: list[tuple[str, int | None]] | list[str]) -> str:
    for item in title:
        text = item[0] if isinstance(item, tuple) else item
        if m := ANNEX_NO.search(text):
            return annex_key(m.group(1))
    return ""


def annex_key(number: str) -> str:
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
    value = roman.get(number.upper()) or int(number)
    return f"PL{value}"


def part_from_title(title: list[str], index: int, count: int) -> tuple[str, str]:
    """A table's part from its title lines: key "PL1" and "PHỤ LỤC 1: CÁC MỤC TIÊU … (22 mục tiêu …)"; the
    line citing the plan ("Kèm theo …") is not part of it. One table: key "" (the annex has one part)."""
    lines = [t for t in title if not fold(t).lstrip("(").startswith("kem theo")
             and not fold(t).startswith(("uy ban", "ubnd", "cong hoa", "doc lap", "so:", "so "))]
    start = next((i for i, t in enumerate(lines) if ANNEX_NO.search(t) or fold(t).startswith("phu luc")), None)
    lines = lines[start:] if start is not None else lines[-2:]
    text = ""
    for line in lines:
        if not text:
            text = line
        elif re.fullmatch(r"ph[ụu]\s*l[ụu]c(\s+\S+)?", fold(text)) or re.fullmatch(
                r"PH[ỤU]\s*L[ỤU]C(\s+\S+)?", text, re.IGNORECASE):
            text = f"{text}: {line}"
        else:
            text = f"{text} {line}"
    key = annex_number(lines) if count > 1 else ""
    if count > 1 and not key:
        key = f"PL{index + 1}"
    return key, text.replace("::", ":")
