"""Units and their assignments to targets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.catalogue import Target
from ..domain.names import describe, name_problem
from ..domain.text import clean, name_key
from ..domain.units import Unit, UnitKind, role_for
from .catalogue_store import TARGET_FIELDS
from .errors import ConflictError, NotFoundError

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def _unit(row: dict) -> Unit:
    return Unit(row["name"], UnitKind(row["kind"]), row["district"], bool(row["is_own"]), row["id"])


def list_units(db: sqlite_utils.Database) -> list[Unit]:
    """The units, a name merged into another left out (see merged_names)."""
    return [_unit(r) for r in db.query("SELECT * FROM unit WHERE merged_into IS NULL ORDER BY is_own DESC, name_folded")]


def count_units(db: sqlite_utils.Database) -> int:
    """How many rows the unit table holds (merged names and the office itself included): one cheap look."""
    return db.execute("SELECT count(*) FROM unit").fetchone()[0]


def merged_names(db: sqlite_utils.Database) -> dict[int, int]:
    """unit id of a name given up -> id of the unit it was merged into."""
    return dict(db.execute("SELECT id, merged_into FROM unit WHERE merged_into IS NOT NULL").fetchall())


def merge_into(db: sqlite_utils.Database, from_id: int, into_id: int) -> list[int]:
    """`from_id` (and any name already merged into it) now names `into_id`; returns the ids merged. Caller holds
    the transaction."""
    names = [from_id, *(r[0] for r in db.execute("SELECT id FROM unit WHERE merged_into = ?", [from_id]))]
    db.execute(f"UPDATE unit SET merged_into = ? WHERE id IN ({','.join('?' * len(names))})", [into_id, *names])
    return names


def get_unit(db: sqlite_utils.Database, unit_id: int) -> Unit:
    rows = list(db.query("SELECT * FROM unit WHERE id = ?", [unit_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy đơn vị có mã {unit_id}.")
    return _unit(rows[0])


def own_unit(db: sqlite_utils.Database) -> Unit | None:
    rows = list(db.query("SELECT * FROM unit WHERE is_own = 1"))
    return _unit(rows[0]) if rows else None


def add_unit(db: sqlite_utils.Database, unit: Unit) -> Unit:
    """Insert a unit (names are NFC, compared accent-insensitively; refused with a character that prints as nothing
    or like another, domain.names); own=True moves the mark."""
    name, district = clean(unit.name), clean(unit.district)
    if not name:
        raise ConflictError("Tên đơn vị không được để trống.")
    for what, text in (("Tên đơn vị", name), ("Địa bàn", district)):  # no twin printing like another unit
        if (problem := name_problem(text)) is not None:
            raise ConflictError(describe(what, text, problem))
    with db.atomic():
        if db.execute("SELECT 1 FROM unit WHERE name_folded = ? AND district = ?",
                      [name_key(name), district]).fetchone():
            raise ConflictError(f"Đơn vị “{name}” đã có trong danh sách.")
        if unit.is_own:
            db.execute("UPDATE unit SET is_own = 0 WHERE is_own = 1")
        unit_id = db.table("unit").insert({
            "name": name, "name_folded": name_key(name), "kind": unit.kind.value,
            "district": district, "is_own": int(unit.is_own)}).last_pk
    return get_unit(db, unit_id)


def assign_plan(db: sqlite_utils.Database, unit_id: int, plan_id: int) -> int:
    """Assign the unit to every target of the plan the annex makes it report on, with the role the annex gives
    it; an assignment the annex no longer makes goes, unless results were recorded under it (they stay, and so
    does the target in the unit's list). Returns the count assigned. Run again after an edited annex is imported:
    a target given to communes, or taken from them, changed nobody's list before."""
    unit = get_unit(db, unit_id)
    roles = {}
    for t in db.query("SELECT * FROM target WHERE plan_id = ?", [plan_id]):
        roles[t["id"]] = role_for(unit, Target(**{k: t[k] for k in TARGET_FIELDS}))
    with db.atomic():
        db.table("assignment").insert_all([{"unit_id": unit_id, "target_id": target_id, "role": role}
                                           for target_id, role in roles.items() if role], ignore=True)
        for assignment, target_id, role in db.execute(
                "SELECT a.id, a.target_id, a.role FROM assignment a JOIN target t ON t.id = a.target_id "
                "WHERE a.unit_id = ? AND t.plan_id = ?", [unit_id, plan_id]).fetchall():
            wanted = roles.get(target_id)
            if wanted and wanted != role:
                db.execute("UPDATE assignment SET role = ? WHERE id = ?", [wanted, assignment])
            elif not wanted and not db.execute("SELECT 1 FROM progress_entry WHERE assignment_id = ? LIMIT 1",
                                               [assignment]).fetchone():
                db.execute("DELETE FROM assignment WHERE id = ?", [assignment])
    return sum(1 for role in roles.values() if role)


def units_on_plan(db: sqlite_utils.Database, plan_id: int) -> list[int]:
    """The units assigned any target of the plan."""
    return [unit_id for (unit_id,) in db.execute(
        "SELECT DISTINCT a.unit_id FROM assignment a JOIN target t ON t.id = a.target_id WHERE t.plan_id = ?",
        [plan_id]).fetchall()]


def assignment_id(db: sqlite_utils.Database, unit_id: int, target_id: int) -> int | None:
    row = db.execute("SELECT id FROM assignment WHERE unit_id = ? AND target_id = ?",
                     [unit_id, target_id]).fetchone()
    return row[0] if row else None


def stored_names(db: sqlite_utils.Database) -> list[tuple[int, str, str, str, bool]]:
    """(id, name, name_folded, district, is_own) of every unit, merged names too, as stored."""
    return [(r[0], r[1], r[2], r[3], bool(r[4]))
            for r in db.execute("SELECT id, name, name_folded, district, is_own FROM unit ORDER BY id")]


def set_stored_name(db: sqlite_utils.Database, unit_id: int, name: str, folded: str) -> None:
    """A unit's name and key written as given (repairs of names stored under older rules); caller holds the
    transaction."""
    db.execute("UPDATE unit SET name = ?, name_folded = ? WHERE id = ?", [name, folded, unit_id])


# -- look-ups by name, for packages and rosters -----------------------------------------------------------------------
def others_named(db: sqlite_utils.Database, folded: str) -> list[tuple[int, str, int | None]]:
    """(id, area, merged into) of every unit but the own one whose name's key is `folded` (domain.text.name_key)."""
    return db.execute("SELECT id, district, merged_into FROM unit WHERE name_folded = ? AND is_own = 0",
                      [folded]).fetchall()


def similar_names(db: sqlite_utils.Database, unit_id: int) -> tuple[str, list[tuple[str, str]]]:
    """(the unit's area, [(name, area)] of the other units, not merged nor own, whose names differ from its name
    only in accents or case); ("", []) when there is no such unit."""
    mine = db.execute("SELECT name_folded, district FROM unit WHERE id = ?", [unit_id]).fetchone()
    if mine is None:
        return "", []
    # name_key() begins with the accent-free form and a \x1f: the same beginning, an index range (a scan of every
    # unit for each new one made a first import of 200 units 14 ms slower)
    accent_free = mine[0].split("\x1f", 1)[0]
    rows = db.execute("SELECT name, district FROM unit WHERE name_folded >= ? AND name_folded < ? AND id != ? "
                      "AND is_own = 0 AND merged_into IS NULL", [accent_free + "\x1f", accent_free + "\x20", unit_id])
    return mine[1], rows.fetchall()


def learn_kind(db: sqlite_utils.Database, unit_id: int, kind: UnitKind) -> None:
    """A unit stored as "khác" takes `kind` (one an older version did not know); a unit of a known kind keeps it."""
    db.execute("UPDATE unit SET kind = ? WHERE id = ? AND kind = ?", [kind.value, unit_id, UnitKind.KHAC.value])


def merged_into_of(db: sqlite_utils.Database, unit_id: int) -> int | None:
    """The unit a name was merged into, None when it stands for a unit of its own."""
    row = db.execute("SELECT merged_into FROM unit WHERE id = ?", [unit_id]).fetchone()
    if row is None:
        raise NotFoundError(f"Không tìm thấy đơn vị có mã {unit_id}.")
    return row[0]


def unmerge(db: sqlite_utils.Database, unit_id: int) -> None:
    """The name stands for a unit of its own again. Caller holds the transaction."""
    db.execute("UPDATE unit SET merged_into = NULL WHERE id = ?", [unit_id])


def set_own(db: sqlite_utils.Database, unit_id: int) -> None:
    """`unit_id` becomes the unit this data is kept for (the mark moves). Caller holds the transaction."""
    db.execute("UPDATE unit SET is_own = 0 WHERE is_own = 1")
    db.execute("UPDATE unit SET is_own = 1 WHERE id = ?", [unit_id])


def rename_own(db: sqlite_utils.Database, unit_id: int, name: str, district: str) -> None:
    """The own unit's name and area changed in place (its results stay); ConflictError when another unit of that
    area bears the name. Caller holds the transaction."""
    name, district = clean(name), clean(district)
    if db.execute("SELECT 1 FROM unit WHERE name_folded = ? AND district = ? AND id != ?",
                  [name_key(name), district, unit_id]).fetchone():
        raise ConflictError(f"Đã có đơn vị “{name}” khác trong danh sách; hãy chọn tên khác.")
    db.execute("UPDATE unit SET name = ?, name_folded = ?, district = ? WHERE id = ?",
               [name, name_key(name), district, unit_id])


def has_assignments(db: sqlite_utils.Database, unit_id: int, plan_id: int) -> bool:
    """Whether the unit was given any target of the plan (assign_plan ran for it)."""
    return db.execute("SELECT 1 FROM assignment a JOIN target t ON t.id = a.target_id "
                      "WHERE a.unit_id = ? AND t.plan_id = ? LIMIT 1", [unit_id, plan_id]).fetchone() is not None


def folded_names(db: sqlite_utils.Database) -> dict[int, str]:
    """unit id -> the key of its name (domain.text.name_key), every unit and merged name."""
    return dict(db.execute("SELECT id, name_folded FROM unit").fetchall())


def assigned_units(db: sqlite_utils.Database, plan_ids: list[int]) -> set[int]:
    """The units given any target of the plans."""
    if not plan_ids:
        return set()
    return {r[0] for r in db.execute("SELECT DISTINCT a.unit_id FROM assignment a JOIN target t ON t.id = a.target_id "
                                     f"WHERE t.plan_id IN ({','.join('?' * len(plan_ids))})", plan_ids)}
