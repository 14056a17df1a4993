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
