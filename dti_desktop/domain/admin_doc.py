"""Pieces of an administrative document (NĐ 30/2020/NĐ-CP): header, date line, signature, recipients."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


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


def sign_for(issuer: str) -> str:
    """People's Committees sign "TM. ỦY BAN NHÂN DÂN"; an agency signs for itself."""
    return "TM. ỦY BAN NHÂN DÂN" if issuer.upper().startswith(("UBND", "ỦY BAN")) else ""
