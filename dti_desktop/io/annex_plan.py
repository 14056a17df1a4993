"""The plan's number, date, issuer and year, read from the lines around the annex.

An annex copied from the plan carries "(Kèm theo Kế hoạch số 88/KH-UBND ngày 18/3/2024 của UBND thị xã)" in its
title rows; the plan's Word file has its own header ("ỦY BAN NHÂN DÂN / THÀNH PHỐ ĐÔNG TRIỀU", "Số: 36/KH-UBND",
"Đông Triều, ngày 06 tháng 02 năm 2025"). What is not there stays empty, to be asked; an issuer without its
place ("UBND thị xã") is found but marked incomplete.
"""

from __future__ import annotations

import re
from datetime import date

from ..domain.annex_reading import PlanField
from ..domain.text import clean, fold

_PLAN_NUMBER = re.compile(r"k[ếe]\s*ho[ạa]ch\s+s[ốo]\s*:?\s*(\d{1,5}\s*/\s*[A-ZĐ][A-ZĐ0-9&.\-]*(?:\s*/\s*[A-ZĐ0-9&.\-]+)?)",
                          re.IGNORECASE)
_HEADER_NUMBER = re.compile(r"^s[ốo]\s*:\s*(\d{1,5}\s*/\s*[A-ZĐ][A-ZĐ0-9&.\-]*(?:\s*/\s*[A-ZĐ0-9&.\-]+)?)",
                            re.IGNORECASE)
_DMY = re.compile(r"ng[àa]y\s*:?\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", re.IGNORECASE)
_WORDS_DATE = re.compile(r"ng[àa]y\s+(\d{1,2})\s+th[áa]ng\s+(\d{1,2})\s+n[ăa]m\s+(\d{4})", re.IGNORECASE)
_ISSUER_OF = re.compile(r"\bc[ủu]a\s+((?:UBND|[ỦU]y\s+ban\s+nh[âa]n\s+d[âa]n|HĐND|Ban\s+Chỉ\s+đạo)\b[^()]*)",
                        re.IGNORECASE)
_LEVELS = ("tỉnh", "thành phố", "thị xã", "huyện", "quận", "xã", "phường", "thị trấn", "đặc khu")
_YEAR_WORD = re.compile(r"\bn[ăa]m\s+(20\d\d)\b", re.IGNORECASE)
_REPORT_DAY = re.compile(r"tr[ưu][ớo]c\s+ng[àa]y\s+(\d{1,2})\s+(?:h[ằàa]ng|m[ỗo]i)\s+th[áa]ng", re.IGNORECASE)
_BODY = re.compile(r"^(?:(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|UBND)\b\s*(.*)$", re.IGNORECASE)


def plan_fields(title_lines: list[tuple[str, str]], document_lines: list[tuple[str, str]],
                header_years: list[str]) -> dict[str, PlanField]:
    """Plan fields from the annex's title lines first, then the document's own lines; (text, where) pairs."""
    lines = title_lines + document_lines
    found: dict[str, PlanField] = {}
    for text, where in title_lines:  # "(Kèm theo Kế hoạch số 36/KH-UBND ngày 06/02/2025 …)": number and date
        if m := _PLAN_NUMBER.search(text):
            found["number"] = PlanField(_number(m.group(1)), where)
            if iso := _date_in(text[m.end():]):
                found["date"] = PlanField(iso, where)
            break
    for text, where in document_lines:  # the plan's own header: "Số: 36/KH-UBND", "Đông Triều, ngày 06 tháng 02 …"
        if "number" not in found and (m := _HEADER_NUMBER.search(text)):
            found["number"] = PlanField(_number(m.group(1)), where)
        if "date" not in found and _WORDS_DATE.search(text) and (iso := _date_in(text)):
            found["date"] = PlanField(iso, where)
    issuer = _issuer(title_lines, lines)
    if issuer.value or issuer.doubt:
        found["issuer"] = issuer
        if issuer.value:
            found["locality"] = PlanField(re.sub(r"^UBND\s+", "", issuer.value), issuer.where)
    found.update(_year(title_lines, document_lines, header_years, found.get("date")))
    for text, where in document_lines:
        if (m := _REPORT_DAY.search(text)) and 1 <= int(m.group(1)) <= 28:
            found["report_day"] = PlanField(str(int(m.group(1))), where)
            break
    if title := _plan_title(document_lines):
        found["title"] = title
    return found


def _number(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip(".").upper()


def _date_in(text: str) -> str:
    for pattern in (_DMY, _WORDS_DATE):
        for m in pattern.finditer(text):
            try:
                day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
            if 2000 <= day.year <= 2100:
                return day.isoformat()
    return ""


def _issuer(title_lines: list[tuple[str, str]], lines: list[tuple[str, str]]) -> PlanField:
    """The issuing body: "của UBND thành phố Móng Cái" in the annex's title, or the document header's two lines
    ("ỦY BAN NHÂN DÂN" / "THÀNH PHỐ ĐÔNG TRIỀU"); "của UBND thị xã" alone is incomplete."""
    partial = PlanField()
    for text, where in title_lines:
        if "kem theo" not in fold(text) and not _PLAN_NUMBER.search(text):
            continue  # "… của UBND tỉnh về …" in the plan's body is another document's issuer
        if m := _ISSUER_OF.search(text):
            name = _body_name(m.group(1))
            if _has_place(name):
                return PlanField(name, where)
            partial = partial if partial.doubt else PlanField("", where, f"“{name}” chưa có tên địa phương")
    for i, (text, where) in enumerate(lines):
        first = clean(text.split("\n")[0]) if "\n" in text else clean(text)
        if m := _BODY.match(first):
            rest = clean(text.split("\n", 1)[1]) if "\n" in text else clean(m.group(1))
            if not rest and i + 1 < len(lines):
                rest = clean(lines[i + 1][0].split("\n")[0])
            name = _body_name("UBND " + rest)
            if _has_place(name):
                return PlanField(name, where)
    return partial


def _body_name(text: str) -> str:
    """"ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG TRIỀU" → "UBND thành phố Đông Triều"."""
    text = clean(re.split(r"[;)]|\s-\s", text)[0]).rstrip(" .,")
    text = re.sub(r"^(?:ỦY|UỶ|Ủy|Uỷ)\s+ban\s+nhân\s+dân\b", "UBND", text, flags=re.IGNORECASE)
    head, _, rest = text.partition(" ")
    if head.upper() != "UBND":
        return text
    low = rest.lower()
    for level in _LEVELS:
        if low == level or low.startswith(level + " "):
            name = rest[len(level):].strip()
            if name.isupper() or name.islower():
                name = " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
            return f"UBND {level} {name}".strip()
    return f"UBND {rest}".strip()


def _has_place(name: str) -> bool:
    rest = re.sub(r"^UBND\s+", "", name).lower()
    return bool(rest) and rest not in _LEVELS


def _year(title_lines, document_lines, header_years: list[str], plan_date: PlanField | None) -> dict[str, PlanField]:
    """"… CHUYỂN ĐỔI SỐ NĂM 2025" in the annex's title, else the year the goal columns name ("Mục tiêu 2025 của
    tỉnh"), else the document's title; never the plan's date alone (a plan signed in December is for next year)."""
    for text, where in title_lines:
        if (m := _YEAR_WORD.search(text)) and "kem theo" not in fold(text):
            return {"year": PlanField(m.group(1), where)}
    if header_years:
        return {"year": PlanField(header_years[0], "tiêu đề cột mục tiêu")}
    for text, where in document_lines:
        folded = fold(text)
        if ("chuyen doi so" in folded or "ke hoach" in folded) and (m := _YEAR_WORD.search(text)):
            return {"year": PlanField(m.group(1), where)}
    if plan_date and plan_date.value:
        return {"year": PlanField("", "", f"không thấy năm của kế hoạch; ngày ban hành thuộc năm "
                                          f"{plan_date.value[:4]}")}
    return {}


def _plan_title(document_lines: list[tuple[str, str]]) -> PlanField | None:
    """The subject line under "KẾ HOẠCH" in the plan's Word file: "Thực hiện chuyển đổi số … năm 2025"."""
    for i, (text, where) in enumerate(document_lines[:-1]):
        if fold(text) == "ke hoach":
            subject = clean(document_lines[i + 1][0])
            if subject and len(subject) < 300:
                return PlanField("Kế hoạch " + subject[:1].lower() + subject[1:], document_lines[i + 1][1])
    return None
