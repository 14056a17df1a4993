"""Goal text ("100%; 95%", "47-50%", "1000 điểm", "-") parsed into measures.

The raw text is always kept: a piece that cannot be read as a number stays a
qualitative (text) measure, never dropped. Pieces that look numeric but are
malformed ("1O0%", "50%%") or impossible ("150%", "60-40%") are reported as
problems so an import can refuse them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from .numbers import format_number, parse_number
from .text import clean, fold

_NUM = r"\d+(?:[.,]\d+)*"
_PERCENT = re.compile(rf"^({_NUM})\s*%$")
_RANGE = re.compile(rf"^({_NUM})\s*%?\s*[-–]\s*({_NUM})\s*%$")
_COUNT = re.compile(rf"^({_NUM})(?:\s+(\D.*))?$")
# A percentage inside free text ("Kết nối 100%"): the number must start a word.
_EMBEDDED_PERCENT = re.compile(rf"(?<![\w.,%])({_NUM})\s?%")
# Comparator words, folded (no diacritics), longest first.
_COMPARATORS = (
    ("toi thieu", ">="), ("it nhat", ">="), ("tren", ">"), ("hon", ">"),
    ("dat", ">="), ("tu", ">="), ("toi da", "<="), ("khong qua", "<="), ("duoi", "<"),
)


class MeasureKind(str, Enum):
    """What a measure counts."""

    PERCENT = "percent"
    RANGE = "range"
    COUNT = "count"
    TEXT = "text"


@dataclass(frozen=True)
class Measure:
    """One measurable piece of a goal; `raw` is the piece as printed."""

    kind: MeasureKind
    raw: str
    low: float | None = None
    high: float | None = None
    unit: str = ""
    op: str = ">="

    @property
    def numeric(self) -> bool:
        return self.kind is not MeasureKind.TEXT

    def is_met(self, value: float | None) -> bool | None:
        """True/False against the goal; None when it cannot be judged."""
        if value is None or not self.numeric or self.low is None:
            return None
        # to 9 decimals: 29/100 computes as 28,999999999999996 and must meet a 29% goal
        value, goal = round(value, 9), round(self.low, 9)
        return {
            ">=": value >= goal, ">": value > goal,
            "<": value < goal, "<=": value <= goal,
        }[self.op]

    def label(self) -> str:
        """Goal for display, with decimal comma."""
        if self.kind is MeasureKind.PERCENT:
            return f"{format_number(self.low)}%"
        if self.kind is MeasureKind.RANGE:
            return f"{format_number(self.low)}-{format_number(self.high)}%"
        if self.kind is MeasureKind.COUNT:
            return f"{format_number(self.low)} {self.unit}".strip()
        return self.raw


@dataclass(frozen=True)
class Goal:
    """A goal cell: raw text, measures read from it, and problems found."""

    raw: str
    measures: tuple[Measure, ...] = ()
    problems: tuple[str, ...] = field(default=())

    @property
    def qualitative(self) -> bool:
        return not any(m.numeric for m in self.measures)


_SYMBOLS = (("≤", "<="), ("<=", "<="), ("≥", ">="), (">=", ">="), ("<", "<"), (">", ">"))


def _split_comparator(piece: str) -> tuple[str, str]:
    """A leading "tối thiểu", "trên", "dưới" … (or ≥, <, …) compares only when a number follows it:
    "Trên địa bàn thành phố 100% hộ …" is a place, not "more than 100%" (a goal no result could meet)."""
    for symbol, op in _SYMBOLS:
        if piece.startswith(symbol) and piece[len(symbol):].lstrip()[:1].isdigit():
            return op, piece[len(symbol):].strip()
    folded = fold(piece)
    for word, op in _COMPARATORS:
        if folded.startswith(word + " "):
            rest = piece[len(word) + 1:].strip().lstrip(":").strip()
            if rest[:1].isdigit():
                return op, rest
    return ">=", piece


def parse_piece(piece: str) -> tuple[Measure, str | None]:
    """Parse one ";"-separated piece into a measure and an optional problem."""
    op, body = _split_comparator(piece)
    if m := _PERCENT.match(body):
        value = parse_number(m.group(1))
        if value is None:
            return Measure(MeasureKind.TEXT, piece), f"số không đọc được trong “{piece}”"
        problem = f"tỷ lệ {format_number(value)}% vượt quá 100%" if value > 100 else None
        return Measure(MeasureKind.PERCENT, piece, value, None, "%", op), problem
    if m := _RANGE.match(body):
        low, high = parse_number(m.group(1)), parse_number(m.group(2))
        if low is None or high is None:
            return Measure(MeasureKind.TEXT, piece), f"khoảng không đọc được trong “{piece}”"
        problem = None
        if low > high:
            problem = f"khoảng “{piece}” có cận dưới lớn hơn cận trên"
        elif high > 100:
            problem = f"khoảng “{piece}” vượt quá 100%"
        return Measure(MeasureKind.RANGE, piece, low, high, "%", op), problem
    if (m := _COUNT.match(body)) and (value := parse_number(m.group(1))) is not None:
        return Measure(MeasureKind.COUNT, piece, value, None, clean(m.group(2)), op), None
    return _free_text(piece, op)


def _free_text(piece: str, op: str) -> tuple[Measure, str | None]:
    """Text with at most one well-formed percentage becomes that percentage."""
    found = list(_EMBEDDED_PERCENT.finditer(piece))
    if piece.count("%") != len(found):
        return Measure(MeasureKind.TEXT, piece), f"“{piece}” có dấu % không đứng sau một số hợp lệ"
    if len(found) == 1 and (value := parse_number(found[0].group(1))) is not None:
        problem = f"tỷ lệ {format_number(value)}% vượt quá 100%" if value > 100 else None
        return Measure(MeasureKind.PERCENT, piece, value, None, "%", op), problem
    return Measure(MeasureKind.TEXT, piece), None


@lru_cache(maxsize=4096)  # the same few dozen goal cells are read for every row of every report
def parse_goal(raw: str | None) -> Goal:
    """Parse a whole goal cell. "-" or "" gives no measure (qualitative target)."""
    text = clean(raw)
    measures: list[Measure] = []
    problems: list[str] = []
    for piece in (p.strip() for p in text.split(";")):
        if piece in ("", "-", "–"):
            continue
        measure, problem = parse_piece(piece)
        measures.append(measure)
        if problem:
            problems.append(problem)
    return Goal(text, tuple(measures), tuple(problems))
