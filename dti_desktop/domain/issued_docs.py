"""The register of documents a unit issued (kế hoạch, quyết định, công văn …): section I of its reports.

Seed 002 counts them by kind ("năm 2024 ban hành 72 văn bản (04 Kế hoạch, 02 Quyết định, 66 Công văn)") and
seed 003 lists them ("Kế hoạch số 145/KH-UBND ngày 03/4/2024 về truyền thông …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import BadInput
from .text import clean, fold

# The kinds of administrative documents (NĐ 30, Phụ lục III) a unit issues for its digital transformation work,
# with the abbreviation each carries in its number ("36/KH-UBND": Kế hoạch). A number without one ("945/UBND-VHTT":
# the issuer's code first) is a công văn.
KINDS = (("Nghị quyết", "NQ"), ("Quyết định", "QĐ"), ("Chỉ thị", "CT"), ("Kế hoạch", "KH"),
         ("Chương trình", "CTr"), ("Đề án", "ĐA"), ("Hướng dẫn", "HD"), ("Thông báo", "TB"), ("Báo cáo", "BC"),
         ("Tờ trình", "TTr"), ("Công điện", "CĐ"), ("Công văn", ""), ("Văn bản khác", ""))
KIND_NAMES = tuple(name for name, _ in KINDS)
_BY_CODE = {fold(code): name for name, code in KINDS if code}
MAX_NUMBER, MAX_ABSTRACT = 60, 1000


class DocumentError(BadInput):
    """A register entry the officer must correct; str() says what, in Vietnamese."""


@dataclass(frozen=True)
class IssuedDocument:
    """One document: "36/KH-UBND", issued 06/02/2025, a Kế hoạch, "về chuyển đổi số năm 2025"."""

    number: str
    issued_on: date
    kind: str
    abstract: str = ""
    id: int | None = None

    def line(self) -> str:
        """"Kế hoạch số 36/KH-UBND ngày 06/02/2025 về chuyển đổi số năm 2025" (seed 003's way)."""
        head = f"{self.kind} số {self.number} ngày {self.issued_on:%d/%m/%Y}"
        return f"{head} {self.abstract}" if self.abstract else head


def kind_of(number: str) -> str:
    """The kind its number names: "36/KH-UBND" -> "Kế hoạch", "12/2025/QĐ-UBND" -> "Quyết định",
    "945/UBND-VHTT" -> "Công văn" (a công văn's symbol is its issuer's code and the drafting office's)."""
    parts = [p for p in re.split(r"[/\s-]+", clean(number)) if p and not p.isdigit()]
    return next((_BY_CODE[fold(p)] for p in parts if fold(p) in _BY_CODE), "Công văn")  # "19-CTr/TU": the party's way


def _abstract(text: str) -> str:
    """The abstract as it follows the number: "về …" added when the officer typed only the subject ("Chuyển đổi
    số năm 2025" -> "về chuyển đổi số năm 2025"); "V/v …" and "về …" kept as typed."""
    text = clean(text).rstrip(".;")
    if not text or fold(text).startswith(("v/v", "ve ", "ve viec", "“", '"')):
        return text
    words = text.split()
    # "Chuyển đổi số" reads "về chuyển đổi số"; a name ("Quảng Ninh …", "UBND …") keeps its capitals
    common = words[0][1:].islower() and (len(words) < 2 or not words[1][:1].isupper())
    return f"về {text[0].lower() + text[1:] if common else text}"


def checked(number: str, issued_on: date | None, kind: str = "", abstract: str = "",
            id: int | None = None) -> IssuedDocument:
    """An entry made tidy (NFC, the kind from its number when not given) or DocumentError."""
    number = clean(number).removeprefix("Số:").removeprefix("số").strip()
    if not number:
        raise DocumentError("Chưa nhập số, ký hiệu văn bản (ví dụ 36/KH-UBND).")
    if len(number) > MAX_NUMBER or not re.match(r"^\d", number):
        raise DocumentError(f"Số, ký hiệu “{number[:MAX_NUMBER]}” không đúng dạng (ví dụ 36/KH-UBND, 945/UBND-VHTT).")
    if issued_on is None:
        raise DocumentError("Chưa nhập ngày ban hành (dd/mm/yyyy).")
    if not 2000 <= issued_on.year <= 2100:
        raise DocumentError(f"Ngày ban hành {issued_on:%d/%m/%Y} không hợp lệ.")
    kind = clean(kind) or kind_of(number)
    match = next((name for name in KIND_NAMES if fold(name) == fold(kind)), None)
    if match is None:
        raise DocumentError(f"Loại văn bản “{kind}” không có (chọn: {', '.join(KIND_NAMES)}).")
    abstract = _abstract(abstract)
    if len(abstract) > MAX_ABSTRACT:
        raise DocumentError(f"Trích yếu dài quá {MAX_ABSTRACT} ký tự.")
    return IssuedDocument(number, issued_on, match, abstract, id)


def count_text(documents: list[IssuedDocument]) -> str:
    """"02 Kế hoạch, 01 Quyết định, 05 Công văn": by kind in the order of KINDS, two digits as the seeds write."""
    counts = {name: 0 for name in KIND_NAMES}
    for d in documents:
        counts[d.kind] += 1
    return ", ".join(f"{n:02d} {name}" for name, n in counts.items() if n)


def summary(issuer: str, words: str, documents: list[IssuedDocument]) -> str:
    """"Trong tháng 03/2025, UBND phường Mạo Khê đã ban hành 03 văn bản chỉ đạo, triển khai (01 Kế hoạch, 02
    Công văn), gồm:" — the lead of section I."""
    n = len(documents)
    return (f"Trong {words}, {issuer} đã ban hành {n:02d} văn bản chỉ đạo, triển khai nhiệm vụ chuyển đổi số "
            f"({count_text(documents)}), gồm:")
