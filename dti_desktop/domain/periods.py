"""Reporting periods: months are stored; quarters and years derive from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import BadInput

_PERIOD = re.compile(r"^([0-9]{4})-([0-9]{2})$")  # ASCII digits: \\d also takes other scripts' digits


QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True, order=True)
class Period:
    """A month, the unit of every progress entry."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12 and 2000 <= self.year <= 2100):
            raise BadInput(f"Kỳ báo cáo không hợp lệ: {self.year}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> "Period":
        """"2025-03" -> Period(2025, 3); ValueError with a Vietnamese message otherwise."""
        m = _PERIOD.match(text.strip())
        if not m:
            raise BadInput(f"Kỳ báo cáo “{text}” không đúng dạng YYYY-MM (ví dụ 2025-03).")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: date) -> "Period":
        return cls(day.year, day.month)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    @property
    def label(self) -> str:
        return f"Tháng {self.month:02d}/{self.year}"

    def previous(self) -> "Period":
        return Period(self.year - 1, 12) if self.month == 1 else Period(self.year, self.month - 1)

    def due_date(self, report_day: int) -> date:
        """The monthly report of this month is due on `report_day` of the month."""
        return date(self.year, self.month, report_day)

    def quarter_due_date(self) -> date:
        """Quarterly report: the 15th of the quarter's last month."""
        return date(self.year, self.quarter * 3, 15)

    def deadline(self, kind: str, report_day: int) -> date:
        """When the report of `kind` for this period is due: a month's (and its summary sheet's, and the
        consolidated report's) on `report_day`; a quarter's on the 15th of its last month; a year's on 9/12."""
        if kind == "quarter":
            return Period(self.year, self.quarter * 3).quarter_due_date()
        if kind == "year":
            return date(self.year, 12, 9)
        return self.due_date(report_day)

    def report_dues(self, report_day: int) -> list[tuple[date, str]]:
        """The reports due in this month, earliest first: the monthly one on `report_day`; in a quarter's last
        month the quarterly one (the 15th); in December the yearly one (before 10/12: the 9th)."""
        due = [(self.due_date(report_day), "tháng")]
        if self.month % 3 == 0:
            due.append((self.quarter_due_date(), f"quý {QUARTER_NAMES[self.quarter]}"))
        if self.month == 12:
            due.append((date(self.year, 12, 9), "năm"))
        return sorted(due)
