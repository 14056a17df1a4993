"""Annex intake: one use case behind `catalogue import FILE` and the window's import.

Read the file (io, slow: run it off the GUI thread), then preview against the database (fast): the plan as it
would be stored, with every missing plan field named, and what a re-import would add, change or remove. The
preview is computed by really saving inside a savepoint that is rolled back, so it says exactly what saving
will do or refuse. Saving writes the rows the officer kept, all or nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.annex_reading import PLAN_FIELD_LABELS, AnnexReading, IntakePreview, PlanInput, RowKind, TargetChange
from ..domain.catalogue import Plan
from ..domain.errors import BadInput
from ..domain.text import clean, fold
from ..storage.catalogue_store import SaveResult, find_plan_id, list_plans, load_catalogue
from ..storage.errors import ConflictError, known_errors
from .catalogue_save import save_catalogue

if TYPE_CHECKING:
    import sqlite_utils

    from ..domain.annex import Catalogue

_OPTION = {"number": "--number", "date": "--date", "issuer": "--issuer", "year": "--year"}
_CHANGE_LABELS = {"text": "nội dung", "lead": "cơ quan chủ trì", "coordinating": "cơ quan phối hợp",
                  "tracking": "cơ quan theo dõi", "previous_result": "kết quả năm trước",
                  "province_goal": "mục tiêu của tỉnh", "local_goal": "mục tiêu của địa phương", "level": "mức độ",
                  "basis": "cơ sở đề xuất", "deadline": "thời hạn", "note": "ghi chú"}


def read_file(path: Path | str) -> AnnexReading:
    """Read the annex of a file (WorkbookError names every problem); touches no database."""
    from ..io.annex_reader import read_annex

    return read_annex(Path(path))


def read_catalogue(path: Path | str) -> Catalogue:
    """The annex of a file with the plan its own lines give; WorkbookError when a plan field is missing too (a
    first-run choice or a test: no one to ask)."""
    from ..io.workbook_errors import Problem, WorkbookError

    reading = read_file(path)
    plan, problems, _ = _plan(None, reading, PlanInput(), command_line=False)
    if plan is None:
        hint = Problem("hãy nhập tệp này bằng Tệp → Nhập danh mục (hoặc lệnh catalogue import với --number, "
                       "--date, --issuer, --year): ở đó điền được những thông tin tệp không ghi.")
        raise WorkbookError(Path(path), [Problem(p.replace("; hãy nhập vào ô bên trên", "") + ".") for p in problems]
                            + [hint])
    return reading.catalogue(plan)


def import_file(db: sqlite_utils.Database, path: Path | str) -> tuple[Catalogue, SaveResult]:
    """Read and save with no review: the plan as the file gives it (WorkbookError naming what is missing),
    refused as a whole when a target with results would be lost."""
    catalogue = read_catalogue(path)
    with known_errors(db):
        return catalogue, save_catalogue(db, catalogue)


def preview(db: sqlite_utils.Database, reading: AnnexReading, given: PlanInput = PlanInput(),
            command_line: bool = False) -> IntakePreview:
    """What saving `reading` with the officer's plan fields and row choices would do; writes nothing."""
    plan, problems, notes = _plan(db, reading, given, command_line)
    if plan is None:
        return IntakePreview(reading, None, tuple(problems))
    existing = find_plan_id(db, plan)
    stored = load_catalogue(db, existing) if existing else None
    if stored is not None and not any(c.field == "note" for c in reading.columns):
        reading = _keep_notes(reading, stored)
    if stored is not None:
        reading, note = _stored_part_keys(reading, stored, plan)
        notes += [note] if note else []
    catalogue = reading.catalogue(plan)
    changes = _changes(stored, catalogue) if stored else ()
    blocked: tuple[str, ...] = ()
    with known_errors(db):
        try:
            with db.atomic():
                save_catalogue(db, catalogue)
                raise _DryRun
        except _DryRun:
            pass
        except ConflictError as error:
            blocked = (str(error),)
    return IntakePreview(reading, plan, (), existing, changes, blocked, notes=tuple(notes))


def _keep_notes(reading: AnnexReading, stored) -> AnnexReading:
    """A file with no "Ghi chú" column says nothing of the notes: the stored targets keep theirs (a clerk's copy
    re-imported showed every transcribed target as changed)."""
    notes = {(t.tt, fold(t.text)): t.note for t in stored.targets()}
    rows = tuple(replace(r, target=replace(r.target, note=notes[(r.target.tt, fold(r.target.text))]))
                 if r.target is not None and (r.target.tt, fold(r.target.text)) in notes else r for r in reading.rows)
    return replace(reading, rows=rows)


def _stored_part_keys(reading: AnnexReading, stored, plan: Plan) -> tuple[AnnexReading, str]:
    """A clerk who relabels the parts ("A.", "B." for Phụ lục 1 and 2) renames every target's code; when the parts
    hold the same targets in the same number, they keep the stored plan's keys, and the officer is told."""
    read = reading.catalogue(plan)
    old_keys, new_keys = [p.key for p in stored.parts], [p.key for p in read.parts]
    sizes = [[len(g.targets) for g in p.groups] for p in stored.parts]
    if old_keys == new_keys or sizes != [[len(g.targets) for g in p.groups] for p in read.parts]:
        return reading, ""
    mapping = dict(zip(new_keys, old_keys))
    rows = tuple(replace(r, no=mapping.get(r.no, r.no)) if r.kind is RowKind.PART and r.keep else r
                 for r in reading.rows)
    shown = ", ".join(f"“{n or '(không tên)'}” → “{o}”" for n, o in mapping.items() if n != o)
    return replace(reading, rows=rows), f"Các phần của tệp được ghi theo ký hiệu của kế hoạch đã có: {shown}."


def save(db: sqlite_utils.Database, result: IntakePreview, who: str = "") -> SaveResult:
    """Save the previewed annex in one transaction (ConflictError when a target with results would be lost), and
    write in the catalogue's history that it came from this file and what it changed."""
    if result.plan is None:
        raise BadInput("Chưa đủ thông tin kế hoạch: " + "; ".join(result.problems))
    catalogue = result.reading.catalogue(result.plan)
    with known_errors(db), db.atomic():
        old = load_catalogue(db, result.existing_plan_id) if result.existing_plan_id else None
        saved = save_catalogue(db, catalogue)
        if saved.changed:
            _record_import(db, saved.plan_id, old, catalogue, result.reading.file_name, who)
        return saved


def _record_import(db, plan_id: int, old, new, file_name: str, who: str) -> None:
    """One history row for the file, one per target field it changed (the editor's history shows both)."""
    from ..storage.clock import now_iso
    from ..storage.settings_store import load_settings

    who = clean(who) or load_settings(db).who or "Cán bộ"
    when = now_iso()
    rows = [{"plan_id": plan_id, "changed_at": when, "changed_by": who, "item": "plan", "item_id": plan_id,
             "code": "", "action": "edit" if old else "add", "field": "nhập từ tệp", "old_value": None,
             "new_value": file_name[:255]}]
    for code, action, fields in _diff(old, new):
        if action == "add" and old:
            rows.append(_history(plan_id, when, who, code, "add", "", None, fields[0][2]))
        elif action == "remove":
            rows.append(_history(plan_id, when, who, code, "remove", "", fields[0][1], None))
        elif action == "edit":
            rows += [_history(plan_id, when, who, code, "edit", label, was, now) for label, was, now in fields]
    db.table("catalogue_history").insert_all(rows)


def _history(plan_id, when, who, code, action, field, old, new) -> dict:
    return {"plan_id": plan_id, "changed_at": when, "changed_by": who, "item": "target", "item_id": None,
            "code": code, "action": action, "field": field, "old_value": old, "new_value": new}


class _DryRun(Exception):
    """Rolls the preview's savepoint back."""


def _plan(db, reading: AnnexReading, given: PlanInput, command_line: bool) -> tuple[Plan | None, list[str], list[str]]:
    """The plan from what the file says and what the officer gave; problems name each field still missing."""
    found = {k: v.value for k, v in reading.plan_fields.items()}
    problems: list[str] = []
    notes: list[str] = []
    number = clean(given.number) or found.get("number", "")
    if number and not re.fullmatch(r"\d{1,5}/[^\s/][^\s]{0,38}", number):
        problems.append(f"số kế hoạch “{number[:40]}” không đúng dạng (ví dụ 36/KH-UBND)")
        number = ""
    iso = _iso_date(clean(given.date)) if given.date else found.get("date", "")
    if given.date and not iso:
        problems.append(f"ngày ban hành “{given.date[:20]}” không hợp lệ (cần dd/mm/yyyy, năm 2000–2100)")
    year_text = clean(given.year) or found.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
    if year_text and year is None:
        problems.append(f"năm “{year_text[:10]}” không hợp lệ (2000–2100)")
    issuer = clean(given.issuer) or found.get("issuer", "")
    if not issuer and number and year and db is not None:
        issuer = _stored_issuer(db, number, year)
        if issuer:
            notes.append(f"Cơ quan ban hành lấy theo kế hoạch {number} năm {year} đã có: {issuer}.")
    for name, value in (("number", number), ("date", iso), ("issuer", issuer), ("year", year)):
        if not value and not any(p.startswith(PLAN_FIELD_LABELS[name].lower()) for p in problems):
            problems.append(_missing(reading, name, command_line))
    if len(issuer) > 200 or len(number) > 40:
        problems.append("số kế hoạch hoặc cơ quan ban hành quá dài")
    if problems:
        return None, problems, notes
    report_day = found.get("report_day", "")
    locality = found.get("locality", "") if not given.issuer else re.sub(r"^UBND\s+", "", issuer)
    plan = Plan(number=number, date=iso, issuer=issuer, year=year, locality=locality or re.sub(r"^UBND\s+", "", issuer),
                title=found.get("title", "")[:300], report_day=int(report_day) if report_day else None,
                source=(found.get("source") or f"{reading.file_name} — {reading.source}")[:300],
                **({"province": found["province"]} if found.get("province") else {}))
    return plan, problems, notes


def _missing(reading: AnnexReading, name: str, command_line: bool) -> str:
    label = PLAN_FIELD_LABELS[name]
    field = reading.plan_fields.get(name)
    why = f" ({field.doubt})" if field and field.doubt else " (không thấy trong tệp)"
    ask = f"; hãy cho biết bằng {_OPTION[name]}" if command_line else "; hãy nhập vào ô bên trên"
    return f"thiếu {label.lower()}{why}{ask}"


def _iso_date(text: str) -> str:
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text) or None
    try:
        if m:
            value = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        else:
            value = date.fromisoformat(text)
    except ValueError:
        return ""
    return value.isoformat() if 2000 <= value.year <= 2100 else ""


def _stored_issuer(db, number: str, year: int) -> str:
    """The issuer of the one stored plan with this number and year (a re-import of an annex whose title says only
    "của UBND thị xã")."""
    issuers = {s.plan.issuer for s in list_plans(db) if s.plan.number.upper() == number.upper() and s.plan.year == year}
    return issuers.pop() if len(issuers) == 1 else ""


def _diff(old, new) -> list[tuple[str, str, list[tuple[str, str | None, str | None]]]]:
    """Targets added, edited or removed by code, each with its (field label, old, new); one reading of the change
    for the review's list and the catalogue's history."""
    before = dict(zip(old.codes(), old.targets())) if old else {}
    after = dict(zip(new.codes(), new.targets()))
    found = [(code, "add", [("nội dung", None, t.text)]) for code, t in after.items() if code not in before]
    for code, target in after.items():
        if code in before and before[code] != target:
            found.append((code, "edit", [(label, getattr(before[code], name), getattr(target, name))
                                         for name, label in _CHANGE_LABELS.items()
                                         if getattr(before[code], name) != getattr(target, name)]))
    found += [(code, "remove", [("nội dung", t.text, None)]) for code, t in before.items() if code not in after]
    return found


def _changes(old, new) -> tuple[TargetChange, ...]:
    words = {"add": "thêm", "edit": "sửa", "remove": "bỏ"}
    return tuple(TargetChange(code, words[action], ", ".join(label for label, _, _ in fields) if action == "edit"
                              else "") for code, action, fields in _diff(old, new))


def describe(result: IntakePreview) -> list[str]:
    """The preview in lines, as the command line prints it and the review dialog heads its list."""
    r = result.reading
    lines = [f"Tệp {r.file_name}: bảng phụ lục ở {r.source}."]
    for name in ("number", "date", "issuer", "year"):
        value = r.plan_fields.get(name)
        if value and value.value:
            shown = _dmy(value.value) if name == "date" else value.value
            lines.append(f"  {PLAN_FIELD_LABELS[name]}: {shown} (đọc từ {value.where})")
    lines.append("Các cột đã dùng:")
    lines += [f"  cột {c.column} “{c.header}” → {c.label}" for c in r.columns]
    lines += [f"  {note}" for note in r.notes]
    catalogue = r.catalogue(result.plan or Plan("", "", "", 0))
    lines.append(f"Đọc được: {len(catalogue.parts)} phần, {sum(len(p.groups) for p in catalogue.parts)} nhóm, "
                 f"{len(catalogue.targets())} chỉ tiêu; bỏ qua {sum(1 for x in r.rows if not x.keep)} dòng "
                 "không phải chỉ tiêu.")
    doubts = r.doubts
    if doubts:
        lines.append(f"Cần xem lại ({len(doubts)}):")
        lines += [f"  {row.place.text()}: {row.doubt}" + ("" if row.keep else " [đã bỏ qua]") for row in doubts]
    return lines


def _dmy(iso: str) -> str:
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso

