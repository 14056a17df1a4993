"""Progress entries: saved in one transaction together with their history rows."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..domain.progress import TRACKED_FIELDS, Assessment, MeasureValue, ProgressEntry, Status, field_text, value_field
from ..domain.text import nfc
from .clock import now_iso
from .errors import NotFoundError

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

_TEXT_FIELDS = ("override_reason", "evidence_notes", "difficulties", "causes", "proposals", "officer")


def _measure_ids(db: sqlite_utils.Database, assignment_id: int) -> dict[int, int]:
    """measure position -> measure id for the assignment's target."""
    return {r[0]: r[1] for r in db.execute(
        "SELECT m.position, m.id FROM measure m JOIN assignment a ON a.target_id = m.target_id "
        "WHERE a.id = ?", [assignment_id])}


def _entry_from_row(r: dict, values: dict[int, MeasureValue]) -> ProgressEntry:
    return ProgressEntry(
        assignment_id=r["assignment_id"], period=r["period"], status=Status(r["status"]),
        assessment=Assessment(r["assessment"]), assessment_auto=bool(r["assessment_auto"]),
        override_reason=r["override_reason"], values=values, evidence_notes=r["evidence_notes"],
        difficulties=r["difficulties"], causes=r["causes"], proposals=r["proposals"],
        officer=r["officer"], updated_at=r["updated_at"], id=r["id"])


def load_entries(db: sqlite_utils.Database, where: str, params: list) -> list[ProgressEntry]:
    """Entries matching `where` (on progress_entry e), values loaded in one more query; an entry cleared (a copy
    undone) is no result."""
    where = f"e.id NOT IN (SELECT entry_id FROM cleared_entry) AND ({where})"
    rows = list(db.query(f"SELECT e.* FROM progress_entry e WHERE {where}", params))
    if not rows:
        return []
    values: dict[int, dict[int, MeasureValue]] = {}
    for v in db.query(
        "SELECT m.position, v.* FROM progress_value v JOIN measure m ON m.id = v.measure_id "
        f"WHERE v.entry_id IN (SELECT e.id FROM progress_entry e WHERE {where})", params
    ):
        values.setdefault(v["entry_id"], {})[v["position"]] = MeasureValue(
            v["value"], v["numerator"], v["denominator"], v["text"])
    return [_entry_from_row(r, values.get(r["id"], {})) for r in rows]


def load_entry(db: sqlite_utils.Database, assignment_id: int, period: str) -> ProgressEntry | None:
    found = load_entries(db, "e.assignment_id = ? AND e.period = ?", [assignment_id, period])
    return found[0] if found else None


def _changes(old: ProgressEntry | None, new: ProgressEntry) -> list[tuple[str, str | None, str]]:
    """(field, old text, new text) for every tracked field and value that differs."""
    changes = []
    for name in TRACKED_FIELDS:
        before = field_text(old, name) if old else None
        after = field_text(new, name)
        # a new entry records what was filled in; blanks and the default "assessed automatically" are not news
        if before != after and not (old is None and (after == "" or (name == "assessment_auto" and after == "1"))):
            changes.append((name, before, after))
    positions = set(new.values) | (set(old.values) if old else set())
    for pos in sorted(positions):
        before = old.values.get(pos, MeasureValue()) if old else MeasureValue()
        after = new.values.get(pos, MeasureValue())
        # compared as printed, which keeps every decimal typed (85,121 -> 85,124 is a change): a result stored
        # as the text "3 hệ thống" reads back as 3 with a unit, the same result, not a change
        if before.display() != after.display():
            changes.append((value_field(pos), before.display() or None, after.display()))
    return changes


def save_entry(db: sqlite_utils.Database, entry: ProgressEntry, who: str) -> ProgressEntry:
    """Insert or update the entry and append one history row per changed field.

    Returns the stored entry; an entry identical to the stored one writes nothing.
    """
    entry = replace(entry, **{f: nfc(getattr(entry, f)) for f in _TEXT_FIELDS})
    with db.atomic():
        measure_ids = _measure_ids(db, entry.assignment_id)
        if not db.execute("SELECT 1 FROM assignment WHERE id = ?", [entry.assignment_id]).fetchone():
            raise NotFoundError(f"Không tìm thấy phân công có mã {entry.assignment_id}.")
        unknown = set(entry.values) - set(measure_ids)
        if unknown:
            raise NotFoundError(f"Chỉ tiêu không có thước đo số {sorted(unknown)}.")
        old = load_entry(db, entry.assignment_id, entry.period)
        changes = _changes(old, entry)
        if old is not None and not changes:
            return old
        when = now_iso()
        stored = old
        if old is None and (cleared := _cleared_id(db, entry.assignment_id, entry.period)) is not None:
            stored = replace(entry, id=cleared)  # a copy undone, given a result again: its row comes back
        entry_id = _write_entry(db, entry, stored, when)
        if stored is not old:
            db.execute("DELETE FROM cleared_entry WHERE entry_id = ?", [entry_id])
        _write_values(db, entry_id, entry, measure_ids)
        db.table("history").insert_all(
            {"entry_id": entry_id, "changed_at": when, "changed_by": nfc(who),
             "field": name, "old_value": before, "new_value": after}
            for name, before, after in changes)
    return load_entry(db, entry.assignment_id, entry.period)


def _write_entry(db, entry: ProgressEntry, old: ProgressEntry | None, when: str) -> int:
    row = {
        "assignment_id": entry.assignment_id, "period": entry.period, "status": entry.status.value,
        "assessment": entry.assessment.value, "assessment_auto": int(entry.assessment_auto),
        **{f: getattr(entry, f) for f in _TEXT_FIELDS}, "updated_at": when,
    }
    if old is None:
        return db.table("progress_entry").insert(row).last_pk
    db.table("progress_entry").update(old.id, row)
    return old.id


def _write_values(db, entry_id: int, entry: ProgressEntry, measure_ids: dict[int, int]) -> None:
    db.execute("DELETE FROM progress_value WHERE entry_id = ?", [entry_id])
    db.table("progress_value").insert_all(
        {"entry_id": entry_id, "measure_id": measure_ids[pos], "value": v.value,
         "numerator": v.numerator, "denominator": v.denominator, "text": nfc(v.text)}
        for pos, v in entry.values.items() if not v.empty)


def _cleared_id(db: sqlite_utils.Database, assignment_id: int, period: str) -> int | None:
    row = db.execute("SELECT e.id FROM progress_entry e JOIN cleared_entry c ON c.entry_id = e.id "
                     "WHERE e.assignment_id = ? AND e.period = ?", [assignment_id, period]).fetchone()
    return row[0] if row else None


def clear_entry(db: sqlite_utils.Database, entry: ProgressEntry, who: str, note: str) -> None:
    """Take a result back (a copy undone): its values go, the row stays for its history, which gets every field
    emptied and `note` ("field" cleared). The target shows no result until saved again."""
    blank = ProgressEntry(entry.assignment_id, entry.period)
    rows = [(name, field_text(entry, name), None) for name in TRACKED_FIELDS
            if field_text(entry, name) not in ("", field_text(blank, name)) or name == "status"]
    rows += [(value_field(pos), v.display(), None) for pos, v in sorted(entry.values.items()) if not v.empty]
    when = now_iso()
    with db.atomic():
        db.execute("DELETE FROM progress_value WHERE entry_id = ?", [entry.id])
        db.execute("UPDATE progress_entry SET updated_at = ? WHERE id = ?", [when, entry.id])
        db.execute("INSERT INTO cleared_entry (entry_id, cleared_at) VALUES (?, ?)", [entry.id, when])
        db.table("history").insert_all(
            {"entry_id": entry.id, "changed_at": when, "changed_by": nfc(who), "field": name, "old_value": before,
             "new_value": after} for name, before, after in [*rows, ("cleared", None, nfc(note))])


def entry_history(db: sqlite_utils.Database, entry_id: int) -> list[dict]:
    """Every change of an entry, oldest first."""
    return list(db.query("SELECT * FROM history WHERE entry_id = ? ORDER BY id", [entry_id]))


def auto_assessed_months(db: sqlite_utils.Database, unit_id: int) -> list[tuple[int, str]]:
    """(plan id, period) of every month where the unit has an entry assessed automatically."""
    return db.execute(
        "SELECT DISTINCT t.plan_id, e.period FROM progress_entry e JOIN assignment a ON a.id = e.assignment_id "
        "JOIN target t ON t.id = a.target_id WHERE a.unit_id = ? AND e.assessment_auto = 1", [unit_id]).fetchall()


def entry_place(db: sqlite_utils.Database, entry_id: int) -> tuple[int, int, str, str] | None:
    """(unit id, plan id, period, target code) of an entry; None when there is no such entry."""
    return db.execute("SELECT a.unit_id, t.plan_id, e.period, t.code FROM progress_entry e JOIN assignment a ON "
                      "a.id = e.assignment_id JOIN target t ON t.id = a.target_id WHERE e.id = ?", [entry_id]).fetchone()
