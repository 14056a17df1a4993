"""A unit's monthly result on one target: status, values per measure, evidence, remarks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .errors import BadInput
from .goals import Measure, MeasureKind
from .numbers import format_number, parse_number, percent_text
from .text import clean, nfc

# A unit is set off by a space: "4/5O" and "9O%" (a letter O typed for a zero) are no "4/5 O" or "9 O%".
_FRACTION = re.compile(r"^\s*([\d.,]+)\s*/\s*([\d.,]*\d)(?:\s+(.*?))?\s*$")
# "85,5", "99,5%", "1000 điểm", "30 trạm": a number, then "%" or a unit of words without digits or "%"
_NUMBER_WITH_UNIT = re.compile(r"^\s*([\d.,]*\d)(?:\s*(%)|\s+([^\d\s%/][^\d%]*?))?\s*$")


class Status(str, Enum):
    """Tình trạng thực hiện."""

    CHUA_TRIEN_KHAI = "chua_trien_khai"
    DANG_TRIEN_KHAI = "dang_trien_khai"
    HOAN_THANH = "hoan_thanh"

    @property
    def label(self) -> str:
        return {"chua_trien_khai": "Chưa triển khai", "dang_trien_khai": "Đang triển khai",
                "hoan_thanh": "Hoàn thành"}[self.value]


class Assessment(str, Enum):
    """Đánh giá against the goal."""

    NONE = ""
    DAT = "dat"
    KHONG_DAT = "khong_dat"

    @property
    def label(self) -> str:
        return {"": "Chưa đánh giá", "dat": "Đạt", "khong_dat": "Chưa đạt"}[self.value]


@dataclass(frozen=True)
class MeasureValue:
    """A result: a number, or numerator/denominator (45/50 hồ sơ), or free text."""

    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    text: str = ""

    @property
    def percent(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator / self.denominator * 100

    @property
    def effective(self) -> float | None:
        """The number compared with the goal."""
        return self.value if self.value is not None else self.percent

    @property
    def empty(self) -> bool:
        return self.value is None and self.numerator is None and not self.text

    def short(self) -> str:
        """For a table cell: a fraction shows as its percentage."""
        if self.numerator is not None and self.denominator:
            return f"{percent_text(self.percent, 1)}%"
        return self.display()

    def display(self) -> str:
        """"92,5", "45/50 hồ sơ (90%)", "1.000 điểm", or the text as typed: numbers with every decimal typed
        (89,996 rounded to "90" beside a 90 % goal it missed), a computed share cut, never rounded up.
        History keeps this text too, so a change in the third decimal is a change."""
        if self.numerator is not None and self.denominator:
            return (f"{format_number(self.numerator, 6)}/{format_number(self.denominator, 6)}"
                    f"{self._unit()} ({percent_text(self.percent)}%)")
        if self.value is not None:
            return format_number(self.value, 6) + self._unit()
        return self.text

    def typed(self) -> str:
        """What the entry field shows, read back by parse_value() to the same value."""
        if self.numerator is not None and self.denominator:  # every decimal: a save must not round it
            return f"{format_number(self.numerator, 10)}/{format_number(self.denominator, 10)}{self._unit()}"
        if self.value is not None:
            return format_number(self.value, 10) + self._unit()
        return self.text

    def _unit(self) -> str:
        """The words typed after a number ("45/50 hồ sơ", "1000 điểm"), kept and printed with it."""
        return f" {self.text}" if self.text else ""


def parse_value(text: str) -> MeasureValue:
    """Read "85,5", "85.5%", "45/50", "45/50 hồ sơ" or "1000 điểm" (the words after a number are kept with it);
    anything else is kept as text.

    Raises ValueError (Vietnamese) for a fraction whose denominator is 0.
    """
    raw = clean(text)
    if not raw:
        return MeasureValue()
    if m := _FRACTION.match(raw):
        num, den = parse_number(m.group(1)), parse_number(m.group(2))
        if num is not None and den is not None:
            if den == 0:
                raise BadInput("Mẫu số phải lớn hơn 0.")
            return MeasureValue(numerator=num, denominator=den, text=(m.group(3) or "").strip())
    if m := _NUMBER_WITH_UNIT.match(raw):
        number = parse_number(m.group(1))
        if number is not None:  # "%" adds nothing to a number compared with a percentage goal
            return MeasureValue(value=number, text=(m.group(3) or "").strip())
    return MeasureValue(text=raw)


def _compared(measure: Measure, value: MeasureValue) -> float | None:
    """What meets the goal: for a count ("08 cơ sở dữ liệu"), the count done ("3/8" is 3, not 37,5 %)."""
    if measure.kind is MeasureKind.COUNT and value.numerator is not None:
        return value.numerator
    return value.effective


def assess(measures: tuple[Measure, ...], values: dict[int, MeasureValue], status: Status | None = None) -> Assessment:
    """Chưa đạt as soon as one figure that applies to the unit misses its goal (even while another is not yet
    reported); Đạt when every one is met.

    A target with no figure to compare ("-", "Hoàn thành", a goal in words) is judged by its status, given
    `status`: Đạt once it is Hoàn thành, Chưa đạt before. Otherwise it stays unknown."""
    verdicts = [m.is_met(_compared(m, values.get(i, MeasureValue()))) for i, m in enumerate(measures)
                if m.numeric and m.applies]
    if False in verdicts:
        return Assessment.KHONG_DAT
    if not verdicts:
        if status is None:
            return Assessment.NONE
        return Assessment.DAT if status is Status.HOAN_THANH else Assessment.KHONG_DAT
    return Assessment.NONE if None in verdicts else Assessment.DAT


@dataclass(frozen=True)
class ProgressEntry:
    """One assignment × month. `values` maps measure position -> value."""

    assignment_id: int
    period: str
    status: Status = Status.CHUA_TRIEN_KHAI
    assessment: Assessment = Assessment.NONE
    assessment_auto: bool = True
    override_reason: str = ""
    values: dict[int, MeasureValue] = field(default_factory=dict)
    evidence_notes: str = ""
    difficulties: str = ""
    causes: str = ""
    proposals: str = ""
    officer: str = ""
    updated_at: str = ""
    id: int | None = None


# Fields of an entry that history tracks, with their Vietnamese names.
TRACKED_FIELDS: dict[str, str] = {
    "status": "Tình trạng",
    "assessment": "Đánh giá",
    "assessment_auto": "Đánh giá tự động",
    "override_reason": "Lý do điều chỉnh đánh giá",
    "evidence_notes": "Minh chứng",
    "difficulties": "Khó khăn, vướng mắc",
    "causes": "Nguyên nhân",
    "proposals": "Đề xuất, kiến nghị",
}


def field_text(entry: ProgressEntry, name: str) -> str:
    """A tracked field as the text history stores."""
    value = getattr(entry, name)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return "1" if value else "0"
    return nfc(value)


def value_field(position: int) -> str:
    return f"value:{position}"


def given_positions(values: dict[int, MeasureValue]) -> frozenset[int]:
    """The figures an entry gives (non-empty values), by position."""
    return frozenset(p for p, v in values.items() if not v.empty)


def measure_results(values: dict[int, MeasureValue], measures: int | tuple[Measure, ...], short: bool = False) -> str:
    """Results "; "-joined in measure order, "-" for a measure left empty: with goals "100%; 95%" and only the
    second filled, "-; 95%" (a bare "95" read as the result for 100%).

    Given the measures themselves, a bare number reads as its goal does: "98%" beside "100%", "700 điểm" beside
    "1000 điểm" (a unit the officer typed is kept as typed)."""
    goals = measures if isinstance(measures, tuple) else ()
    count = max(len(goals) if isinstance(measures, tuple) else measures, max(values, default=-1) + 1)
    shown = [(p, values.get(p)) for p in range(count)]
    if sum(v is not None and not v.empty for _, v in shown) == 0:
        return ""
    # a figure for the other level of government, left empty, is not this unit's: no "-" for it
    shown = [(p, v) for p, v in shown if not (p < len(goals) and not goals[p].applies and (v is None or v.empty))]
    return "; ".join("-" if v is None or v.empty else _as_goal_reads(v, goals[p] if p < len(goals) else None, short)
                     for p, v in shown)


def _as_goal_reads(value: MeasureValue, measure: Measure | None, short: bool) -> str:
    if short and measure is not None and measure.kind is MeasureKind.COUNT and value.numerator is not None \
            and value.denominator:  # "3/8" of "08 cơ sở dữ liệu" is the 3 done, not "37,5%" beside a count
        unit = value._unit() or (f" {measure.unit}" if measure.unit else "")
        return f"{format_number(value.numerator, 6)}/{format_number(value.denominator, 6)}{unit}"
    text = value.short() if short else value.display()
    if measure is None or value.value is None or value.text:
        return text
    if measure.kind in (MeasureKind.PERCENT, MeasureKind.RANGE):
        return f"{text}%"
    if measure.kind is MeasureKind.COUNT and measure.unit:
        return f"{text} {measure.unit}"
    return text
