"""The goal an annex without a goal column sets in each target's own words (Móng Cái 2023 has four columns).

docs/catalogue-format.md rules it: the figure(s) the text states, in the text's order, joined by "; ", each with
the comparator written before it ("Tối thiểu 50%", "trên 60%"); a count only where the text asks to reach it
("hoàn thành 08 cơ sở dữ liệu", "giảm 30 trạm"), never an age, a place or a version ("từ 15 tuổi", "17 xã",
"chợ 4.0"); "-" when the text sets no figure.
"""

from __future__ import annotations

import re

from .text import fold

_NUM = r"\d+(?:[.,]\d+)?"
# Comparators kept with the figure, as written (folded forms); "đạt" and "lên" only lead to it.
_KEPT = ("toi thieu", "it nhat", "khong duoi", "khong qua", "toi da", "tren", "duoi", "hon")
# Verbs after which a plain number is a count to reach.
_COUNT_VERBS = ("hoan thanh", "giam", "tang", "xay dung", "phan dau", "dat", "co it nhat", "toi thieu",
                "trien khai", "to chuc", "thuc hien")
# Measured nouns, longest first: the unit of a count ("08 cơ sở dữ liệu quan trọng" counts "cơ sở dữ liệu").
_UNITS = ("co so du lieu", "doanh nghiep", "nen tang", "he thong", "ho so", "thu tuc", "dich vu", "mo hinh",
          "tai khoan", "diem", "tram", "lop", "hoi nghi", "cuoc", "tin bai", "san pham", "ung dung", "phan mem",
          "khoa", "dot", "luot", "nguoi", "ho", "cap", "csdl", "cam bien", "camera", "kios", "thiet bi")
_FIGURE = re.compile(rf"({_NUM})\s*(?:[-–]\s*({_NUM})\s*)?(%)?")


def goal_from_text(text: str) -> str:
    """The goal a target's text sets, as an annex goal cell would print it; "-" when none."""
    folded = fold(text)
    if len(folded) != len(text):  # folding changed the length (rare ligatures): positions would not line up
        return "-"
    pieces: list[str] = []
    for m in _FIGURE.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in ".,/"):
            continue  # inside a word or number: "4G", "2.0", "/100 dân"
        before = folded[:m.start()].rstrip()
        if m.group(3):
            pieces.append(_with_comparator(text, before, m.group(0).strip()))
        elif (unit := _count_unit(text, folded, m.end())) and before.endswith(_COUNT_VERBS):
            pieces.append(f"{m.group(1)} {unit}")
    return "; ".join(pieces) or "-"


def _with_comparator(text: str, before: str, figure: str) -> str:
    for word in _KEPT:
        if before.endswith(" " + word) or before == word:
            start = len(before) - len(word)
            return f"{text[start:len(before)]} {figure}"
    return figure


def _count_unit(text: str, folded: str, end: int) -> str:
    rest = folded[end:].lstrip()
    offset = len(folded) - len(rest)
    for unit in _UNITS:
        if rest.startswith(unit) and (len(rest) == len(unit) or not rest[len(unit)].isalnum()):
            return text[offset:offset + len(unit)]
    return ""
