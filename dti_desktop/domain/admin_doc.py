"""Pieces of an administrative document (NĐ 30/2020/NĐ-CP): header, date line, signature, recipients."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .text import clean, fold


def date_line(place: str, day: date) -> str:
    """"Yên Giang, ngày 05 tháng 02 năm 2025": zero before days < 10 and months 1–2 (NĐ 30)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def parent_body(district: str) -> str:
    """"thành phố Đông Triều" -> "UBND THÀNH PHỐ ĐÔNG TRIỀU" (the body above a commune)."""
    return f"UBND {district}".upper() if district else ""


_PLACE = re.compile(r"(?:^|\s)(?:phường|xã|thị trấn|thành phố|thị xã|huyện|quận|đặc khu|tỉnh|tp\.?)\s+(.+)$",
                    re.IGNORECASE)


def place_of(unit_name: str) -> str:
    """"UBND phường Mạo Khê" -> "Mạo Khê", "tỉnh Quảng Ninh" -> "Quảng Ninh", "TP Uông Bí" -> "Uông Bí":
    the default place name of the date line; a name with no such word is used whole."""
    name = " ".join(unit_name.split())
    m = _PLACE.search(name)
    return m.group(1) if m else name


@dataclass(frozen=True)
class DocumentFrame:
    """Everything around the body: who issues it, its number, place and date, who signs, who receives."""

    parent: str              # "UBND THÀNH PHỐ ĐÔNG TRIỀU" (may be "")
    issuer: str              # "UBND PHƯỜNG MẠO KHÊ"
    number: str              # "Số:    /BC-UBND"
    place_date: str          # "Mạo Khê, ngày 14 tháng 3 năm 2025"
    title: str               # "BÁO CÁO"
    subject: str             # "Kết quả thực hiện chuyển đổi số tháng 03/2025"
    sign_for: str            # "TM. ỦY BAN NHÂN DÂN"
    sign_title: str          # "CHỦ TỊCH"
    signer: str              # name
    recipients: tuple[str, ...] = ()


def default_recipients(consolidating_office: str, district: str = "") -> tuple[str, ...]:
    """Whom a report goes to when Settings name no one: the consolidating office, else the area's People's
    Committee (an office's own report goes up to it)."""
    office = consolidating_office or (f"UBND {district}" if district else "Cơ quan tổng hợp")
    return (f"- {office} (b/c);", "- Lưu: VT.")


_KIND_WORDS = ("xã", "phường", "thị trấn", "đặc khu")


def is_peoples_committee(name: str) -> bool:
    """"UBND …", "Ủy ban nhân dân …" or the old spelling "Uỷ ban …": it issues "/BC-UBND" and signs "TM. ỦY BAN NHÂN
    DÂN"."""
    return fold(name).startswith(("ubnd", "uy ban"))


def issuing_body(unit_name: str, commune_level: bool, kind_word: str = "") -> str:
    """Who issues a commune-level unit's report: its People's Committee. "Phường Bãi Cháy" (typed without
    "UBND") issues as "UBND phường Bãi Cháy", and "Mạo Khê" of kind phường as "UBND phường Mạo Khê"."""
    name = " ".join(unit_name.split())
    if not commune_level or is_peoples_committee(name):
        return name
    for word in _KIND_WORDS:
        if name.lower().startswith(word + " "):
            return f"UBND {word}{name[len(word):]}"  # "Phường Bãi Cháy" -> "phường Bãi Cháy", as inside a sentence
    return f"UBND {kind_word.lower()} {name}" if kind_word else f"UBND {name}"


def sign_for(issuer: str) -> str:
    """People's Committees sign "TM. ỦY BAN NHÂN DÂN"; an agency signs for itself."""
    return "TM. ỦY BAN NHÂN DÂN" if is_peoples_committee(issuer) else ""


# -- the body's remarks (difficulties, causes, proposals) as officers type them ------------------------------
_ITEM = re.compile(r"^[-–—+•*](?!\d)\s*")  # "- a", "+ a", "• a"; not "-5% so với …"
_ENDS = tuple(".!?…:;")


def sentence(line: str) -> str:
    """A line that ends a sentence: a full stop added unless it already ends with punctuation."""
    line = clean(line)
    return line if not line or line.endswith(_ENDS) else line + "."


def remark_lines(text: str) -> list[str]:
    """The officer's own lines (Word's line breaks too), each punctuated; the list items they typed are
    printed "+ …": they sit under the report's own "- Chỉ tiêu …" item (NĐ 30 practice: "-" then "+")."""
    lines = [sentence(line) for line in (text or "").splitlines() if line.strip()]
    return [_ITEM.sub("+ ", line) if _ITEM.match(line) else line for line in lines]


def labelled(label: str, text: str) -> list[str]:
    """"label: first line" then the further lines; a text that opens with a list starts below its label
    ("Chỉ tiêu 9:" then "+ …"), never glued to it ("Chỉ tiêu 9: - …")."""
    lines = remark_lines(text)
    if not lines:
        return []
    if lines[0].startswith("+ "):
        return [f"{label}:", *lines]
    return [f"{label}: {lines[0]}", *lines[1:]]


def difficulty_lines(label: str, difficulties: str, causes: str) -> list[str]:
    """One item of "Tồn tại, hạn chế và nguyên nhân": the difficulties after `label`, then the causes on a
    line of their own ("Nguyên nhân: …"), each as punctuated sentences; nothing when neither is written."""
    first = labelled(f"- {label}", difficulties)
    causes_lines = labelled("Nguyên nhân", causes)
    if not first and not causes_lines:
        return []
    return (first or [f"- {label}:"]) + causes_lines


def closed(text: str) -> str:
    """NĐ 30 practice: the body ends with "./." right after its last word ("… một cửa./."), not on a line alone."""
    return text.rstrip().rstrip(".;:,") + "./."
