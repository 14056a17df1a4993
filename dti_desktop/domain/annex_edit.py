"""Drafting an annex in the program: a new year's copy of last year's, and the rules every edit is held to.

The rules are those the annex workbook is read back by (io/xlsx_catalogue_import): an annex edited here and sent
out as the workbook must import at every unit as it stands. No Qt, no SQL; ids are the database's, carried as data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .annex import Catalogue, Group, Part
from .catalogue import Plan, Target
from .goals import parse_goal
from .text import clean

_ROMAN = re.compile(r"^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# The usual wordings of the "Mức độ" column, offered in a list (any other text may be typed).
LEVEL_CHOICES = ("Chỉ tiêu mới", "Nâng cao", "Triển khai đồng bộ với tỉnh")
TARGET_LABELS = {"tt": "TT", "text": "Nội dung chỉ tiêu", "lead": "Cơ quan chủ trì", "coordinating": "Cơ quan phối hợp",
                 "tracking": "Cơ quan theo dõi", "previous_result": "Kết quả năm trước",
                 "province_goal": "Mục tiêu của tỉnh", "local_goal": "Mục tiêu của địa phương",
                 "level": "Mức độ", "deadline": "Thời hạn", "basis": "Cơ sở đề xuất", "note": "Ghi chú"}
PLAN_LABELS = {"number": "Số kế hoạch", "date": "Ngày ban hành", "issuer": "Cơ quan ban hành", "year": "Năm",
               "locality": "Địa bàn", "title": "Tên kế hoạch", "report_day": "Ngày báo cáo hằng tháng"}


@dataclass(frozen=True)
class FieldProblem:
    """Why a field cannot be saved as typed; `field` names the dataclass field ("" for the whole)."""

    field: str
    message: str


@dataclass(frozen=True)
class CatalogueChange:
    """One change made to a catalogue in the program (a row of its history)."""

    changed_at: str
    changed_by: str
    item: str  # "plan", "part", "group", "target"
    code: str
    action: str  # "copy", "add", "edit", "move", "remove"
    field: str = ""
    old_value: str | None = None
    new_value: str | None = None


_ITEMS = {"plan": "Kế hoạch", "part": "Phần", "group": "Nhóm", "target": "Chỉ tiêu"}
_ACTIONS = {"copy": "Lập từ kế hoạch khác", "add": "Thêm", "edit": "Sửa", "move": "Chuyển", "remove": "Xóa"}


def describe_item(change: CatalogueChange) -> str:
    """"Chỉ tiêu 23", "Nhóm II", "Kế hoạch 12/KH-UBND"."""
    return f"{_ITEMS[change.item]} {change.code}".strip()


def describe_action(change: CatalogueChange) -> str:
    """"Thêm", "Sửa mục tiêu của địa phương", "Chuyển vị trí"."""
    fields_named = {**TARGET_LABELS, **PLAN_LABELS, "no": "số nhóm", "key": "ký hiệu", "position": "vị trí",
                    "group": "nhóm", "title": "tên"}
    action = _ACTIONS[change.action]
    return f"{action} {fields_named.get(change.field, change.field).lower()}" if change.field else action


def shown_value(change: CatalogueChange, value: str | None) -> str:
    """A value as the history shows it: dates dd/mm/yyyy."""
    if value and change.field in ("deadline", "date"):
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    return value or ""


@dataclass(frozen=True)
class TargetItem:
    """A stored target: its row id, its code, and whether results were reported against it."""

    id: int
    code: str
    target: Target
    reported: bool = False


@dataclass(frozen=True)
class GroupItem:
    """A stored group heading with its targets."""

    id: int
    no: str
    title: str
    targets: tuple[TargetItem, ...] = ()


@dataclass(frozen=True)
class PartItem:
    """A stored part (Phụ lục 1, 2 or A, B) with its groups."""

    id: int
    key: str
    title: str
    groups: tuple[GroupItem, ...] = ()


@dataclass(frozen=True)
class EditableAnnex:
    """A stored plan's annex with the ids an edit names."""

    plan_id: int
    plan: Plan
    parts: tuple[PartItem, ...] = ()

    def catalogue(self) -> Catalogue:
        return Catalogue(self.plan, tuple(
            Part(p.key, p.title, tuple(Group(g.no, g.title, tuple(t.target for t in g.targets)) for g in p.groups))
            for p in self.parts))

    def target_items(self) -> list[TargetItem]:
        """Every target in print order."""
        return [t for p in self.parts for g in p.groups for t in g.targets]

    def group_of(self, target_id: int) -> GroupItem | None:
        return next((g for p in self.parts for g in p.groups if any(t.id == target_id for t in g.targets)), None)

    def part_of(self, group_id: int) -> PartItem | None:
        return next((p for p in self.parts if any(g.id == group_id for g in p.groups)), None)

    def group(self, group_id: int) -> GroupItem | None:
        return next((g for p in self.parts for g in p.groups if g.id == group_id), None)

    def groups(self) -> list[tuple[PartItem, GroupItem]]:
        return [(p, g) for p in self.parts for g in p.groups]

    @property
    def reported(self) -> bool:
        """Some unit has reported on this plan."""
        return any(t.reported for t in self.target_items())


# -- dates as typed -------------------------------------------------------------------------
def parse_dmy(text: str) -> str | None:
    """"10/01/2026" -> "2026-01-10"; "" -> ""; None when it is no date."""
    text = clean(text)
    if not text:
        return ""
    m = _DMY.match(text)
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
    except ValueError:
        return None


def shift_year(iso: str, years: int) -> str:
    """An ISO date moved by whole years (29/02 → 28/02); "" stays ""."""
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:
        return day.replace(year=day.year + years, day=28).isoformat()


# -- checks ------------------------------------------------------------------------------------
def target_problems(target: Target) -> list[FieldProblem]:
    """What stops a target from being saved, field by field (the goal cells read by parse_goal)."""
    problems = []
    if not clean(target.tt):
        problems.append(FieldProblem("tt", "Chưa có số thứ tự (TT)."))
    if not clean(target.text):
        problems.append(FieldProblem("text", "Nội dung chỉ tiêu không được để trống."))
    elif not any(clean(getattr(target, f)) for f in ("lead", "province_goal", "local_goal")):
        problems.append(FieldProblem("lead", "Cần ghi cơ quan chủ trì hoặc mục tiêu: một dòng chỉ có số thứ tự và "
                                             "nội dung được đọc là tiêu đề, không phải chỉ tiêu."))
    for name in ("province_goal", "local_goal"):
        for message in parse_goal(getattr(target, name)).problems:
            problems.append(FieldProblem(name, f"Mục tiêu không đọc được: {message}."))
    if target.deadline:
        try:
            date.fromisoformat(target.deadline)
        except ValueError:
            problems.append(FieldProblem("deadline", f"Thời hạn “{target.deadline}” không phải ngày hợp lệ."))
    return problems


def group_problems(no: str, title: str) -> list[FieldProblem]:
    """A group heading: a Roman number (or none) and a title, as the annex prints it."""
    problems = []
    if clean(no) and not _ROMAN.match(clean(no)):
        problems.append(FieldProblem("no", "Số nhóm là số La Mã (I, II, III …) hoặc để trống."))
    if not clean(title):
        problems.append(FieldProblem("title", "Tên nhóm không được để trống."))
    return problems


def part_problems(key: str, title: str, first: bool = False) -> list[FieldProblem]:
    """A part heading ("PL2", "B"): a key (the first part of an annex may have none) and a title."""
    problems = []
    if not clean(key) and not first:
        problems.append(FieldProblem("key", "Chưa có ký hiệu phần (ví dụ PL2 hoặc B)."))
    if not clean(title):
        problems.append(FieldProblem("title", "Tên phần không được để trống."))
    return problems


def plan_problems(plan: Plan) -> list[FieldProblem]:
    """A plan's number, date, issuer, year and reporting day."""
    problems = []
    for name in ("number", "issuer"):
        if not clean(getattr(plan, name)):
            problems.append(FieldProblem(name, f"Chưa có {PLAN_LABELS[name].lower()}."))
    if not 2000 <= plan.year <= 2100:
        problems.append(FieldProblem("year", f"Năm {plan.year} không hợp lệ."))
    if not plan.date:
        problems.append(FieldProblem("date", "Chưa có ngày ban hành (dd/mm/yyyy)."))
    elif date.fromisoformat(plan.date).year not in (plan.year - 1, plan.year):
        problems.append(FieldProblem("date", f"Kế hoạch năm {plan.year} được ban hành trong năm {plan.year - 1} "
                                             f"hoặc {plan.year}."))
    if plan.report_day is not None and not 1 <= plan.report_day <= 28:
        problems.append(FieldProblem("report_day", "Ngày báo cáo hằng tháng là một số từ 1 đến 28."))
    return problems


def annex_problems(catalogue: Catalogue) -> list[str]:
    """What would make the annex read back otherwise from its workbook: codes repeated, parts or groups that would
    merge into the one before them, a part key taken for a group number."""
    problems = []
    group_nos = {clean(g.no) for p in catalogue.parts for g in p.groups if clean(g.no)}
    keys: set[str] = set()
    for index, part in enumerate(catalogue.parts):
        key = clean(part.key)
        if index and not key:
            problems.append(f"Phần thứ {index + 1} (“{part.title[:60]}”) chưa có ký hiệu.")
        elif key and key in keys:
            problems.append(f"Hai phần cùng ký hiệu “{key}”.")
        elif key and key in group_nos:
            problems.append(f"Ký hiệu phần “{key}” trùng số của một nhóm.")
        keys.add(key)
        for position, group in enumerate(part.groups):
            if position and not clean(group.title):
                problems.append(f"Nhóm thứ {position + 1} của phần “{key or part.title[:40]}” chưa có tên.")
    seen: set[str] = set()
    for code, target in zip(catalogue.codes(), catalogue.targets()):
        if code in seen:
            problems.append(f"TT “{target.tt}” trùng với một chỉ tiêu khác trong cùng phần, nhóm (mã {code}).")
        seen.add(code)
    return problems


# -- a new year's copy -----------------------------------------------------------------------
def copied(source: Catalogue, plan: Plan) -> Catalogue:
    """Last year's annex under a new plan: deadlines moved to the new year, the year in titles replaced, the column
    "Kết quả năm trước" emptied (it held the year before the source's); every target otherwise as it was."""
    years = plan.year - source.plan.year
    old, new = str(source.plan.year), str(plan.year)

    def moved(target: Target) -> Target:
        return replace(target, deadline=shift_year(target.deadline, years), previous_result="")

    parts = tuple(Part(p.key, p.title.replace(old, new),
                       tuple(Group(g.no, g.title, tuple(moved(t) for t in g.targets)) for g in p.groups))
                  for p in source.parts)
    return Catalogue(plan, parts)


def next_year_plan(source: Plan, number: str, issued: str, issuer: str, year: int, locality: str | None = None) -> Plan:
    """The new plan's details: those typed, the rest from last year's (its title with the new year). The locality
    is the issuer's own ("UBND xã Yên Tử" → "xã Yên Tử") unless given: after 1 July 2025 the commune, not the
    district, issues its plan."""
    issuer = clean(issuer)
    if locality is None:
        locality = source.locality if issuer == source.issuer else re.sub(r"^UBND\s+", "", issuer)
    return replace(source, number=clean(number), date=issued, issuer=issuer, year=year, locality=clean(locality),
                   title=source.title.replace(str(source.year), str(year)),
                   source=f"Lập từ kế hoạch {source.number} năm {source.year}")


def next_tt(tts: list[str]) -> str:
    """A number for a target added after those given: one more than the last numeric TT ("" when none is)."""
    numbers = [int(t) for t in (clean(t) for t in tts) if t.isdigit()]
    return str(max(numbers) + 1) if numbers else ""
