"""The annex workbook's layout, shared by export and import."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.text import fold

SHEET_ANNEX = "Phụ lục"
SHEET_INFO = "Thông tin"
HEADER_ROW = 4


@dataclass(frozen=True)
class Column:
    """One annex column: the Target field it holds, its header, width, and header synonyms."""

    field: str
    header: str
    width: float
    synonyms: tuple[str, ...] = ()

    def matches(self, header_text: str) -> bool:
        folded = fold(header_text)
        return folded == fold(self.header) or any(s in folded for s in self.synonyms)


COLUMNS: tuple[Column, ...] = (
    Column("tt", "TT", 5, ("stt",)),
    Column("text", "Mục tiêu", 46, ("noi dung",)),
    Column("lead", "Cơ quan chủ trì", 18, ("co quan trien khai",)),
    Column("coordinating", "Cơ quan phối hợp", 18, ("phoi hop",)),
    Column("tracking", "Cơ quan theo dõi chỉ tiêu", 16, ("theo doi", "tong hop, bao cao")),
    Column("previous_result", "Kết quả năm trước", 14, ("ket qua nam",)),
    Column("province_goal", "Mục tiêu của tỉnh", 12, ("cua tinh",)),
    Column("local_goal", "Mục tiêu của địa phương", 12,  # the district's before 1 July 2025, the commune's after
           ("cua huyen", "cua thanh pho", "cua thi xa", "cua xa", "cua phuong", "cua dia phuong")),
    Column("level", "Mức độ chỉ tiêu", 12, ("muc do",)),
    Column("deadline", "Thời hạn", 11, ("thoi han", "han hoan thanh")),
    Column("basis", "Cơ sở đề xuất", 16, ("co so de xuat",)),
    Column("note", "Ghi chú", 16, ("ghi chu",)),
)
REQUIRED = ("tt", "text", "lead")

# Plan metadata on the "Thông tin" sheet: (Plan field, label).
INFO_FIELDS: tuple[tuple[str, str], ...] = (
    ("number", "Số kế hoạch"),
    ("date", "Ngày ban hành"),
    ("issuer", "Cơ quan ban hành"),
    ("locality", "Địa bàn"),
    ("province", "Tỉnh"),
    ("year", "Năm"),
    ("title", "Tên kế hoạch"),
    ("report_day", "Ngày báo cáo hằng tháng"),
    ("source", "Nguồn"),
)
PART_LABEL = "Phần"
