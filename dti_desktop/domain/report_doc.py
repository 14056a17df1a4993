"""A printed report as blocks, before any format: the PDF (io.report_html) and the Word file (io.docx_report) are
made from the same blocks, so the two say and show the same.

A report with a frame (NĐ 30: header, number, place and date, title) ends its body with the closing sentence,
kept with "Nơi nhận" and the signature; its appendix follows on a new page. A sheet without one (the summary)
is its body only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .admin_doc import DocumentFrame


@dataclass(frozen=True)
class Heading:
    """"I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO" (level 1), "1. Ưu điểm" (level 2), "1.1. …" (level 3, italic). Never left
    at the foot of a page: it moves with what follows it."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    """A paragraph: justified with a first-line indent of 1 cm unless told otherwise."""

    text: str
    indent: bool = True
    align: str = "justify"  # "center", "left", "justify"
    bold: bool = False
    italic: bool = False
    size: float = 13


@dataclass(frozen=True)
class Grid:
    """A bordered table: header labels with their width in percent of the text width, then rows (cells, kind),
    kind "group" for a group's heading row (number, title). Its header row repeats on every page; no row is cut
    in half."""

    headers: tuple[tuple[str, int], ...]
    rows: tuple[tuple[tuple[str, ...], str], ...]
    font_pt: float = 11
    centred: tuple[int, ...] = (0,)  # columns whose cells are centred (TT, counts)


@dataclass(frozen=True)
class Picture:
    """A chart (PNG bytes in the report's resources under `name`), centred, kept whole on one page."""

    name: str
    width_mm: float


Block = Heading | Para | Grid | Picture


@dataclass(frozen=True)
class ReportDoc:
    """Everything a report prints."""

    title: str                               # the file's title ("Báo cáo tháng 03/2025 — UBND phường Mạo Khê")
    frame: DocumentFrame | None              # None: a sheet with no NĐ 30 frame (the summary)
    body: tuple[Block, ...]                  # with a frame, its last paragraph closes the body ("./.")
    appendix: tuple[Block, ...] = ()         # after the signature, from a new page
    resources: dict[str, bytes] = field(default_factory=dict)


def roman(n: int) -> str:
    """1 -> "I", 4 -> "IV", 9 -> "IX": numbering of the report's sections."""
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def two_digits(n: int) -> str:
    """Counts as the seeds print them: "05", "12", "120"."""
    return f"{n:02d}"


def of_total(n: int, total: int) -> str:
    """"02/03": a part of a whole, both in two digits (seed 003: "Đã hoàn thành 02/03 mục tiêu")."""
    return f"{n:02d}/{total:02d}"


# -- the header's names, broken where a reader breaks them --------------------------------------------------------
HEADER_LEFT_MM = 66.0  # the header's left column: 40 % of the text width (165 mm)
_CAPS_EM = {False: 0.68, True: 0.74}  # a capital of Times New Roman (and Liberation Serif), regular and bold
# A line may start with these: "PHÒNG VĂN HÓA / VÀ THÔNG TIN", "ỦY BAN NHÂN DÂN / PHƯỜNG MẠO KHÊ"
_STARTS = ("VÀ", "PHƯỜNG", "XÃ", "THỊ", "THÀNH", "HUYỆN", "TỈNH", "QUẬN", "ĐẶC", "SỞ", "PHÒNG", "TRUNG", "BAN")
# … and a line should not end with these: they belong to the name after them ("THÀNH PHỐ / ĐÔNG TRIỀU")
_GLUED = ("PHƯỜNG", "XÃ", "THỊ", "TRẤN", "THÀNH", "PHỐ", "HUYỆN", "TỈNH", "QUẬN", "KHU", "VÀ", "VĂN", "THÔNG", "KHOA",
          "CÔNG", "NHÂN", "BAN")


def text_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """About how wide a line of a Times-like serif is."""
    em = sum(0.25 if c == " " else _CAPS_EM[bold] if c.isupper() else 0.5 for c in text)
    return em * size_pt * 25.4 / 72


def header_lines(text: str, size_pt: float = 12, bold: bool = True, width_mm: float = HEADER_LEFT_MM - 0.5) -> list[str]:
    """The header's name in lines that fit its column, broken between phrases ("PHÒNG VĂN HÓA VÀ THÔNG TIN" ->
    "PHÒNG VĂN HÓA", "VÀ THÔNG TIN"); left to wrap by itself it broke "THÔNG / TIN"."""
    words = text.split()
    if len(words) < 2 or text_mm(text, size_pt, bold) <= width_mm:
        return [text] if text else []

    def score(k: int) -> float:
        first, rest = " ".join(words[:k]), " ".join(words[k:])
        widest = max(text_mm(first, size_pt, bold), text_mm(rest, size_pt, bold) if len(rest) else 0)
        penalty = 0 if text_mm(first, size_pt, bold) <= width_mm else 1000
        bonus = (0.3 * width_mm if words[k] in _STARTS else 0) - (0.3 * width_mm if words[k - 1] in _GLUED else 0)
        return widest + penalty - bonus

    k = min(range(1, len(words)), key=score)
    return [" ".join(words[:k]), *header_lines(" ".join(words[k:]), size_pt, bold, width_mm)]
