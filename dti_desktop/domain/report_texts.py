"""What the officer writes into a report once per period: sections III–V of seed 002's shape.

III. Đánh giá chung (1. Ưu điểm; 2. Tồn tại, hạn chế; 3. Nguyên nhân), IV. Nhiệm vụ, giải pháp kỳ tới (per group
of targets, and in general), V. Đề xuất, kiến nghị (numbered, addressed to a body). A part left empty is left out
of the report (or filled from the month's entries, where they carry something: see services.report_unit).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .errors import BadInput
from .periods import Period
from .text import drop_invisible, fold, nfc

SECTIONS = ("lanh_dao", "uu_diem", "ton_tai", "nguyen_nhan", "nhiem_vu", "de_xuat", "de_xuat_gui")
LABELS = {"lanh_dao": "Công tác lãnh đạo, chỉ đạo (thêm)", "uu_diem": "Ưu điểm", "ton_tai": "Tồn tại, hạn chế",
          "nguyen_nhan": "Nguyên nhân", "nhiem_vu": "Nhiệm vụ, giải pháp chung", "de_xuat": "Đề xuất, kiến nghị",
          "de_xuat_gui": "Kiến nghị gửi tới"}
MAX_TEXT = 20_000


@dataclass(frozen=True)
class ReportTexts:
    """The officer's texts for one report; `tasks` maps a group's key (group_key) to its tasks."""

    lanh_dao: str = ""
    uu_diem: str = ""
    ton_tai: str = ""
    nguyen_nhan: str = ""
    nhiem_vu: str = ""
    de_xuat: str = ""
    de_xuat_gui: str = ""
    tasks: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not any(getattr(self, s).strip() for s in SECTIONS) and not any(t.strip() for t in self.tasks.values())

    def tidy(self) -> "ReportTexts":
        """NFC, each line's ends stripped, blank lines dropped; ValueError for a text longer than MAX_TEXT."""
        values = {s: _tidy(getattr(self, s)) for s in SECTIONS}
        tasks = {k: t for k, v in self.tasks.items() if (t := _tidy(v))}
        too_long = [LABELS[s] for s, v in values.items() if len(v) > MAX_TEXT] + \
            [k for k, v in tasks.items() if len(v) > MAX_TEXT]
        if too_long:
            limit = f"{MAX_TEXT:,}".replace(",", ".")  # "20.000": Vietnamese groups thousands with a dot
            raise BadInput(f"Phần “{too_long[0]}” dài quá {limit} ký tự.")
        return replace(self, **values, tasks=tasks)


def _tidy(text: str) -> str:
    """NFC, line by line, without characters that print as nothing (a control character pasted from elsewhere)."""
    return "\n".join(line for line in (drop_invisible(raw).strip() for raw in nfc(text).splitlines()) if line)


def group_key(title: str) -> str:
    """The key a group's tasks are kept under: its title folded ("Phát triển dữ liệu số" -> "phat trien du lieu
    so"), so next year's catalogue with the same groups finds them."""
    return fold(title)


def period_key(kind: str, period: Period) -> str:
    """"2025-03" for a month's report (and the office's), "2025-Q1" for a quarter's, "2025" for a year's."""
    if kind == "quarter":
        return f"{period.year}-Q{period.quarter}"
    if kind == "year":
        return str(period.year)
    return period.key


def previous_period(kind: str, period: Period) -> Period:
    """The period of the report before this one of the same kind (its texts are offered as a start)."""
    if kind == "quarter":
        return Period(period.year - 1, 12) if period.quarter == 1 else Period(period.year, (period.quarter - 1) * 3)
    if kind == "year":
        return Period(period.year - 1, 12)
    return period.previous()
