"""What reading an annex found, before anything is saved: the officer reviews it, then keeps or skips rows.

A reading holds every row the reader looked at (targets, headings, rows it skipped) with the place it came from
and, where the reader was not sure, a one-line reason (a doubt). Plan fields carry where they were found, and
stay empty when they were not: they are asked for, never guessed silently.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from .annex import Catalogue, Group, Part
from .catalogue import Plan, Target


class RowKind(str, Enum):
    """How a row of the annex table was read."""

    PART = "part"
    GROUP = "group"
    TARGET = "target"
    SKIPPED = "skipped"  # a footnote, a signature, a repeated header, a page number: not data

    @property
    def label(self) -> str:
        return {"part": "Phần", "group": "Nhóm", "target": "Chỉ tiêu", "skipped": "Bỏ qua"}[self.value]


@dataclass(frozen=True)
class Place:
    """Where a row or a value was read: sheet or table, row and column as the officer finds them in the file."""

    container: str  # "trang tính “PL1”" or "bảng 2"
    row: int | None = None
    column: str | None = None

    def text(self) -> str:
        bits = [self.container] if self.container else []
        if self.row:
            bits.append(f"dòng {self.row}")
        if self.column:
            bits.append(f"cột {self.column}")
        return ", ".join(bits)


@dataclass(frozen=True)
class ReadRow:
    """One row of the table as read; `doubt` says in one line why the reader is not sure, `keep` whether the
    row goes in (a doubtful target the officer skips, or a skipped row the officer keeps as a target)."""

    place: Place
    kind: RowKind
    cells: tuple[str, ...] = ()  # the row's texts, for the review
    target: Target | None = None
    no: str = ""  # a group's numeral or a part's key
    title: str = ""  # a group's or part's heading
    doubt: str = ""
    keep: bool = True


@dataclass(frozen=True)
class ColumnUse:
    """Which column fed which field."""

    field: str  # a Target field name
    label: str  # the field in Vietnamese
    column: str  # letter or number
    header: str  # the header text as the file prints it


@dataclass(frozen=True)
class PlanField:
    """A plan field as found: value ("" when not found), where, and a doubt when the value may be incomplete."""

    value: str = ""
    where: str = ""
    doubt: str = ""


PLAN_FIELD_LABELS = {"number": "Số kế hoạch", "date": "Ngày ban hành", "issuer": "Cơ quan ban hành",
                     "year": "Năm", "locality": "Địa bàn", "title": "Tên kế hoạch",
                     "report_day": "Ngày báo cáo hằng tháng"}
REQUIRED_PLAN_FIELDS = ("number", "date", "issuer", "year")


@dataclass(frozen=True)
class AnnexReading:
    """An annex as read from one file: plan fields, the columns used, every row, and notes for the officer."""

    file_name: str
    source: str  # "trang tính “PL1”", "bảng 2 và bảng 3 của văn bản"
    plan_fields: dict[str, PlanField]
    columns: tuple[ColumnUse, ...]
    rows: tuple[ReadRow, ...]
    notes: tuple[str, ...] = ()  # columns not used, goals taken from the text …

    @property
    def doubts(self) -> list[ReadRow]:
        return [r for r in self.rows if r.doubt]

    def missing_plan_fields(self) -> list[str]:
        return [f for f in REQUIRED_PLAN_FIELDS if not self.plan_fields.get(f, PlanField()).value]

    def with_rows_kept(self, keep: dict[int, bool]) -> AnnexReading:
        """The reading with the officer's choices (row index → keep)."""
        rows = tuple(replace(r, keep=keep.get(i, r.keep)) for i, r in enumerate(self.rows))
        return replace(self, rows=rows)

    def catalogue(self, plan: Plan) -> Catalogue:
        """The annex tree of the rows kept, under `plan`."""
        parts: list[tuple[str, str, list[tuple[str, str, list[Target]]]]] = []
        for row in self.rows:
            if not row.keep or row.kind is RowKind.SKIPPED:
                continue
            if row.kind is RowKind.PART:
                parts.append((row.no, row.title, []))
                continue
            if not parts:
                parts.append(("", "", []))
            groups = parts[-1][2]
            if row.kind is RowKind.GROUP:
                groups.append((row.no, row.title, []))
            elif row.target is not None:
                if not groups:
                    groups.append(("", "", []))
                groups[-1][2].append(row.target)
        built = tuple(Part(k, t, tuple(Group(n, gt, tuple(ts)) for n, gt, ts in gs)) for k, t, gs in parts
                      if gs)  # a title-only part (the annex's own heading) holds nothing
        return Catalogue(plan, built)


@dataclass(frozen=True)
class PlanInput:
    """Plan fields the officer gives (window) or passes as options (command line); "" keeps what was read."""

    number: str = ""
    date: str = ""  # dd/mm/yyyy or ISO
    issuer: str = ""
    year: str = ""


@dataclass(frozen=True)
class TargetChange:
    """One target added, changed or removed by a re-import."""

    code: str
    kind: str  # "thêm", "sửa", "bỏ"
    what: str = ""  # the fields changed, in Vietnamese


@dataclass(frozen=True)
class IntakePreview:
    """What saving would do: the plan as it would be stored, its annex, and the changes against the stored one."""

    reading: AnnexReading
    plan: Plan | None  # None while a required field is missing or wrong
    problems: tuple[str, ...] = ()  # why `plan` is None, one line per field
    existing_plan_id: int | None = None
    changes: tuple[TargetChange, ...] = ()
    blocked: tuple[str, ...] = ()  # changes the store would refuse (a target with results removed)
    notes: tuple[str, ...] = ()  # what was taken from elsewhere than the file (a stored plan's issuer)

    @property
    def ready(self) -> bool:
        return self.plan is not None and not self.blocked
