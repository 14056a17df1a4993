"""Goal text ("100%; 95%", "47-50%", "1000 điểm", "-") parsed into measures.

The raw text is always kept: a piece that cannot be read as a number stays a
qualitative (text) measure, never dropped. Pieces that look numeric but are
malformed ("1O0%", "50%%") or impossible ("150%", "60-40%") are reported as
problems so an import can refuse them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
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
    applies: bool = True  # False: the target's text sets this figure for the other level of government

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
        """Goal for display, with decimal comma and its comparator when it is not "at least" ("trên 99%")."""
        if self.kind is MeasureKind.TEXT:
            return self.raw
        if self.kind is MeasureKind.PERCENT:
            figure = f"{format_number(self.low)}%"
        elif self.kind is MeasureKind.RANGE:
            figure = f"{format_number(self.low)}-{format_number(self.high)}%"
        else:
            figure = f"{format_number(self.low)} {self.unit}".strip()
        return {">": "trên ", "<": "dưới ", "<=": "tối đa "}.get(self.op, "") + figure


def measure_caption(measures: tuple[Measure, ...], pos: int) -> str:
    """"mục tiêu 90%", or with several measures "mục tiêu 2: 100%": two goals of "100%; 100%" (học bạ số, thanh toán
    học phí) read the same in the form and the history."""
    if pos >= len(measures):
        return f"mục tiêu {pos + 1}"
    label = measures[pos].label()
    return f"mục tiêu {pos + 1}: {label}" if len(measures) > 1 else f"mục tiêu {label}"


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


# Words naming a level of government in a target's text, folded; the levels above the commune first ("thị xã"
# holds "xã"): the district (before 1 July 2025) or the province and its departments ("các sở, ban, ngành tỉnh").
_DISTRICT_WORDS = ("thanh pho", "thi xa", "huyen", "quan", "tinh", "nganh")
_COMMUNE_WORDS = ("xa", "phuong", "thi tran", "dac khu")
_FIRST_NUMBER = re.compile(rf"{_NUM}")


def _level_named(piece: str) -> bool | None:
    """True for "đối với UBND xã, phường, đặc khu …", False for "đối với UBND thành phố / thị xã …" or "đối với các
    sở, ban, ngành tỉnh …", None otherwise; only the words between "đối với" and the figure count."""
    words = f" {re.sub(r'[^a-z]+', ' ', piece)} ".replace(" xa hoi ", " ")  # "tổ chức chính trị - xã hội"
    district = any(f" {w} " in words for w in _DISTRICT_WORDS)
    for w in _DISTRICT_WORDS:
        words = words.replace(f" {w} ", " ")
    commune = any(f" {w} " in words for w in _COMMUNE_WORDS)
    return None if district == commune else commune


@lru_cache(maxsize=1024)
def levels(text: str, goal: Goal) -> tuple[bool | None, ...]:
    """For each measure of `goal`: True when the target's text sets it for communes and wards, False for the level
    above (UBND huyện, thị xã, thành phố; since 1 July 2025 the province and its departments), None for every unit.

    Read only when the text says so plainly, one "đối với …" per measure, in order, each naming one level and the
    measure's own figure: "Đối với UBND thành phố đạt 100%; đối với UBND xã, phường đạt tối thiểu 95%" (goal
    "100%; 95%"). Anything less clear leaves every measure for every unit, as before."""
    count = len(goal.measures)
    none: tuple[bool | None, ...] = (None,) * count
    if count < 2 or "với" not in text.lower():  # most targets: no need to fold the text (start-up time)
        return none
    pieces = [p.split("doi voi", 1)[1] for p in fold(text).split(";") if "doi voi" in p]
    if len(pieces) != count:
        return none
    found = []
    for piece, measure in zip(pieces, goal.measures):
        figure = _FIRST_NUMBER.search(piece)
        if figure is None or not measure.numeric or parse_number(figure.group()) != measure.low:
            return none
        found.append(_level_named(piece[:figure.start()]))
    if None in found or len(set(found)) != count:
        return none
    return tuple(found)


# A percentage (or range) in a target's text, and whether the word before it asks to exceed it ("trên", "hơn").
# "thấp hơn", "ít hơn" say the opposite, so only "trên", "cao hơn", "nhiều hơn", "lớn hơn" count.
_FIGURE_IN_TEXT = re.compile(rf"(?:\b(tren|cao hon|nhieu hon|lon hon)\s+)?({_NUM})(?:\s*[-–]\s*{_NUM})?\s?%")


@lru_cache(maxsize=1024)
def _text_figures(text: str) -> tuple[tuple[float | None, bool], ...]:
    """Each percentage of the target's text in order: its (lower) figure, and whether it must be exceeded."""
    return tuple((parse_number(m.group(2)), m.group(1) is not None) for m in _FIGURE_IN_TEXT.finditer(fold(text)))


def _strict_flags(goal: Goal, text: str) -> tuple[bool, ...]:
    """Which of the goal's measures the text asks to exceed. The goal cell often drops the text's "trên" ("99%"
    for "Trên 99% doanh nghiệp …"). When the text's percentages are the goal's, in order, each measure takes its
    own word ("đạt trên 10%. … đạt tối thiểu 10%"); otherwise a figure counts as "trên" only if the text never
    gives it another way."""
    lowered = text.lower()
    if "trên" not in lowered and "hơn" not in lowered:  # most targets: no need to fold the text (start-up time)
        return (False,) * len(goal.measures)
    figures = _text_figures(text)
    if not any(strict for _, strict in figures):
        return (False,) * len(goal.measures)
    if [v for v, _ in figures] == [m.low for m in goal.measures]:
        return tuple(strict for _, strict in figures)
    ways: dict[float | None, set[bool]] = {}
    for value, strict in figures:
        ways.setdefault(value, set()).add(strict)
    return tuple(ways.get(m.low) == {True} for m in goal.measures)


def _with_text_comparator(measure: Measure, strict: bool) -> Measure:
    """A bare percentage the text asks to exceed is compared strictly (99 does not meet "trên 99%"); a comparator
    written in the goal cell itself wins."""
    if strict and measure.kind is MeasureKind.PERCENT and _split_comparator(measure.raw)[1] == measure.raw:
        return replace(measure, op=">")
    return measure


@lru_cache(maxsize=4096)  # every row of every table load and report asks again
def measures_for(goal: Goal, text: str, commune_level: bool | None) -> tuple[Measure, ...]:
    """The goal's measures as one unit is judged on them, read with the target's text.

    - A bare percentage the text asks to exceed ("Trên 99% …") is compared strictly.
    - A figure the text sets for the other level of government is kept in its place (positions never move) but
      marked as not applying, so it is neither asked for nor judged. `commune_level` None (a unit of another
      kind) keeps every measure."""
    measures = tuple(_with_text_comparator(m, strict) for m, strict in zip(goal.measures, _strict_flags(goal, text)))
    if commune_level is None:
        return measures
    return tuple(m if level is None or level == commune_level else replace(m, applies=False)
                 for m, level in zip(measures, levels(text, goal)))


@lru_cache(maxsize=4096)
def goal_text_of(measures: tuple[Measure, ...], printed: str, given: frozenset[int] = frozenset()) -> str:
    """The goal as one unit is held to it, for a "Mục tiêu" column: its own figures with their comparator ("trên
    80%"), without those set for the other level of government; `printed` (the annex's goal) when there is no
    figure to show. Beside "-; 96%" a ward's column read "100%; 95%", and "80%" beside a Chưa đạt for 80.
    A figure of the other level the unit did give (`given` positions: an older version let it in) keeps its
    place, marked, so that the results beside it still pair up."""
    shown = [m.label() if m.applies else f"{m.label()} (cấp khác)" for p, m in enumerate(measures)
             if m.applies or p in given]
    if not shown or all(m.kind is MeasureKind.TEXT for m in measures):
        return printed
    return "; ".join(shown)
