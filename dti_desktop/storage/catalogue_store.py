"""Plans and their annexes in SQLite: save (all-or-nothing), load, list."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING

from ..domain.catalogue import Plan, PlanSummary, Target, group_kind
from ..domain.text import fold, name_key
from .clock import now_iso
from .errors import ConflictError, NotFoundError

if TYPE_CHECKING:  # sqlite-utils, and the annex tree, are imported only when first needed (start-up time)
    import sqlite_utils

    from ..domain.annex import Catalogue

TARGET_FIELDS = [f.name for f in fields(Target)]


@dataclass(frozen=True)
class SaveResult:
    """What saving a catalogue did."""

    plan_id: int
    created: bool
    added: int = 0
    updated: int = 0
    removed: int = 0
    rearranged: bool = False  # groups, parts or the plan's own details changed (targets moved, a heading gone)

    @property
    def changed(self) -> bool:
        return self.created or self.rearranged or bool(self.added or self.updated or self.removed)


def _plan_row(plan: Plan) -> dict:
    return asdict(plan)


def plan_from_row(row: dict) -> Plan:
    return Plan(**{f.name: row[f.name] for f in fields(Plan)})


def list_plans(db: sqlite_utils.Database) -> list[PlanSummary]:
    """Every stored plan, newest year first."""
    rows = db.query(
        "SELECT plan.*, (SELECT count(*) FROM target WHERE plan_id = plan.id) AS n "
        "FROM plan ORDER BY year DESC, date DESC, id"
    )
    return [PlanSummary(r["id"], plan_from_row(r), r["n"], r["identity"], r["imported_at"]) for r in rows]


def find_plan_id(db: sqlite_utils.Database, plan: Plan) -> int | None:
    """The id of the stored plan with the same number, year and issuer, the issuer however it is capitalised or
    spaced ("UBND Thành phố Đông Triều" made a second 2025 plan of the same number)."""
    for plan_id, issuer in db.execute("SELECT id, issuer FROM plan WHERE number = ? AND year = ?",
                                      [plan.number, plan.year]):
        if name_key(issuer) == name_key(plan.issuer):
            return plan_id
    return None


def load_catalogue(db: sqlite_utils.Database, plan_id: int) -> Catalogue:
    """The whole annex of a stored plan, in print order."""
    from ..domain.annex import Catalogue, Group, Part

    rows = list(db.query("SELECT * FROM plan WHERE id = ?", [plan_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy kế hoạch có mã {plan_id}.")
    targets: dict[int, list[Target]] = {}
    for t in db.query("SELECT * FROM target WHERE plan_id = ? ORDER BY group_id, position", [plan_id]):
        targets.setdefault(t["group_id"], []).append(Target(**{k: t[k] for k in TARGET_FIELDS}))
    groups: dict[int, list[Group]] = {}
    for g in db.query(
        "SELECT g.* FROM target_group g JOIN plan_part p ON p.id = g.part_id "
        "WHERE p.plan_id = ? ORDER BY g.part_id, g.position", [plan_id]
    ):
        groups.setdefault(g["part_id"], []).append(
            Group(g["no"], g["title"], tuple(targets.get(g["id"], ())))
        )
    parts = tuple(
        Part(p["key"], p["title"], tuple(groups.get(p["id"], ())))
        for p in db.query("SELECT * FROM plan_part WHERE plan_id = ? ORDER BY position", [plan_id])
    )
    return Catalogue(plan_from_row(rows[0]), parts)


def save_catalogue(db: sqlite_utils.Database, catalogue: Catalogue) -> SaveResult:
    """Insert a plan, or bring a stored one up to date, in one transaction.

    Targets are matched by code. A target that already has progress entries
    may change its text but not its measures, and cannot be removed. Units on the plan are not re-assigned here:
    services.catalogues.save_catalogue does it (a use case, not a store's).
    """
    with db.atomic():
        plan_id = find_plan_id(db, catalogue.plan)
        if plan_id is None:
            plan_id = _insert_plan(db, catalogue)
            added = _write_annex(db, plan_id, catalogue, {})
            return SaveResult(plan_id, True, added=added)
        stored = db.execute("SELECT identity FROM plan WHERE id = ?", [plan_id]).fetchone()[0]
        if stored == catalogue.identity() and load_catalogue(db, plan_id).plan == catalogue.plan:
            return SaveResult(plan_id, False)
        return _update_plan(db, plan_id, catalogue)


def _insert_plan(db: sqlite_utils.Database, catalogue: Catalogue) -> int:
    row = _plan_row(catalogue.plan) | {"identity": catalogue.identity(), "imported_at": now_iso()}
    return db.table("plan").insert(row).last_pk


def _existing_targets(db: sqlite_utils.Database, plan_id: int) -> dict[str, dict]:
    return {r["code"]: r for r in db.query("SELECT * FROM target WHERE plan_id = ?", [plan_id])}


def has_results(db: sqlite_utils.Database, target_id: int) -> bool:
    """Results of its own, or (at a consolidating office) results received from units."""
    return db.execute(
        "SELECT 1 FROM progress_entry e JOIN assignment a ON a.id = e.assignment_id WHERE a.target_id = ? "
        "UNION ALL SELECT 1 FROM received_entry WHERE target_id = ? LIMIT 1", [target_id, target_id]
    ).fetchone() is not None


def _update_plan(db: sqlite_utils.Database, plan_id: int, catalogue: Catalogue) -> SaveResult:
    existing = _existing_targets(db, plan_id)
    new_codes = set(catalogue.codes())
    removed = 0
    for code, row in existing.items():
        if code in new_codes:
            continue
        if has_results(db, row["id"]):
            raise ConflictError(
                f"Chỉ tiêu {code} đã có kết quả báo cáo nên không thể bỏ khỏi danh mục."
            )
        db.execute("DELETE FROM target WHERE id = ?", [row["id"]])
        removed += 1
    db.table("plan").update(
        plan_id, _plan_row(catalogue.plan) | {"identity": catalogue.identity(), "imported_at": now_iso()}
    )
    # Parts and groups are rebuilt; targets keep their ids (assignments, results).
    kept = {c: r for c, r in existing.items() if c in new_codes}
    added, updated = _write_annex(db, plan_id, catalogue, kept, rebuild=True)
    # here only when the annex or the plan differs (save_catalogue): with no target changed, its arrangement did
    # (it was reported "không có gì thay đổi" while the groups and the catalogue's identity had changed)
    return SaveResult(plan_id, False, added=added, updated=updated, removed=removed,
                      rearranged=not (added or updated or removed))


def _write_annex(db, plan_id: int, catalogue: Catalogue, kept: dict[str, dict], rebuild: bool = False):
    """Write parts, groups, targets and measures; returns added (and updated when rebuilding)."""
    codes = iter(catalogue.codes())
    added = updated = 0
    for part_pos, part in enumerate(catalogue.parts):
        part_id = db.table("plan_part").insert(
            {"plan_id": plan_id, "position": part_pos + 1000 * rebuild, "key": part.key, "title": part.title}
        ).last_pk
        for group_pos, group in enumerate(part.groups):
            group_id = db.table("target_group").insert(
                {"part_id": part_id, "position": group_pos, "no": group.no,
                 "title": group.title, "kind": group_kind(group.title).value}
            ).last_pk
            for pos, target in enumerate(group.targets):
                code = next(codes)
                row = target_row(plan_id, group_id, pos, code, target)
                if code in kept:
                    updated += _update_target(db, kept[code], row, target)
                else:
                    target_id = db.table("target").insert(row).last_pk
                    write_measures(db, target_id, target)
                    added += 1
    if rebuild:
        _drop_old_parts(db, plan_id)
        return added, updated
    return added


def _drop_old_parts(db, plan_id: int) -> None:
    """Old parts (positions < 1000) go, with their groups; new ones move into place.

    Runs after every kept target was moved to a new group, so the cascade
    removes no target.
    """
    db.execute("DELETE FROM plan_part WHERE plan_id = ? AND position < 1000", [plan_id])
    db.execute("UPDATE plan_part SET position = position - 1000 WHERE plan_id = ?", [plan_id])


def target_row(plan_id: int, group_id: int, position: int, code: str, target: Target) -> dict:
    return {"plan_id": plan_id, "group_id": group_id, "position": position, "code": code,
            **{k: getattr(target, k) for k in TARGET_FIELDS},
            "text_folded": fold(target.text), "level_kind": target.level_kind.value}


def measure_rows(target_id: int, target: Target) -> list[dict]:
    return [
        {"target_id": target_id, "position": i, "kind": m.kind.value, "raw": m.raw,
         "low": m.low, "high": m.high, "unit": m.unit, "op": m.op}
        for i, m in enumerate(target.goal.measures)
    ]


def write_measures(db, target_id: int, target: Target) -> None:
    rows = measure_rows(target_id, target)
    if rows:
        db.table("measure").insert_all(rows)


def same_target(old_text: str, new_text: str) -> bool:
    """A corrected wording (a typo, a word added) rather than another target under the same number."""
    a, b = fold(old_text), fold(new_text)
    if a == b:
        return True
    from difflib import SequenceMatcher  # only when a plan is imported again (start-up time)

    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= SAME_TARGET_RATIO and matcher.ratio() >= SAME_TARGET_RATIO


SAME_TARGET_RATIO = 0.8


def _update_target(db, old: dict, row: dict, target: Target) -> int:
    """Update a kept target; 1 if any printed field changed.

    Targets are matched by number (TT). A target with results may have its wording corrected, but when the
    text under its number is another target altogether (targets inserted or renumbered), the import is
    refused: its results would silently move to the target now bearing that number.
    """
    changed = any(old[k] != row[k] for k in TARGET_FIELDS)
    if not same_target(old["text"], row["text"]) and has_results(db, old["id"]):
        raise ConflictError(
            f"Chỉ tiêu {row['code']} đã có kết quả báo cáo, nhưng ở số thứ tự này danh mục mới là một chỉ tiêu "
            f"khác (“{old['text'][:80]}” → “{row['text'][:80]}”); nhập vào thì kết quả sẽ bị gắn sang chỉ tiêu "
            "khác. Hãy giữ nguyên số thứ tự (TT) của các chỉ tiêu đã có kết quả, thêm chỉ tiêu mới vào cuối nhóm.")
    db.table("target").update(old["id"], row)
    new_measures = measure_rows(old["id"], target)
    old_measures = [dict(r) for r in db.query(
        "SELECT target_id, position, kind, raw, low, high, unit, op FROM measure "
        "WHERE target_id = ? ORDER BY position", [old["id"]])]
    if old_measures != new_measures:
        # Refused only when the goal's text changed: the same text read by a newer goal parser gives other
        # measure rows, and those are simply replaced.
        goal_changed = (old["local_goal"], old["province_goal"]) != (row["local_goal"], row["province_goal"])
        if goal_changed and has_results(db, old["id"]):
            raise ConflictError(
                f"Chỉ tiêu {row['code']} đã có kết quả báo cáo nên không thể đổi mục tiêu "
                f"(“{old['local_goal'] or old['province_goal']}” → “{target.local_goal or target.province_goal}”)."
            )
        replace_measures(db, old["id"], row["code"], new_measures)
    return int(changed)


def replace_measures(db, target_id: int, code: str, rows: list[dict]) -> None:
    """The target's measures rewritten in place by position, so results recorded against them keep pointing at
    them (deleting every measure and inserting new ones failed a foreign key and stopped the import whenever a
    target with results was read anew). A measure that goes away must have no results."""
    for row in rows:
        updated = db.execute("UPDATE measure SET kind = ?, raw = ?, low = ?, high = ?, unit = ?, op = ? "
                             "WHERE target_id = ? AND position = ?",
                             [row["kind"], row["raw"], row["low"], row["high"], row["unit"], row["op"], target_id,
                              row["position"]]).rowcount
        if not updated:
            db.table("measure").insert(row)
    gone = [r[0] for r in db.execute("SELECT id FROM measure WHERE target_id = ? AND position >= ?",
                                     [target_id, len(rows)])]
    if gone and db.execute(f"SELECT 1 FROM progress_value WHERE measure_id IN ({','.join('?' * len(gone))}) "
                           "LIMIT 1", gone).fetchone():
        raise ConflictError(f"Chỉ tiêu {code} đã có kết quả cho một thước đo mà danh mục mới không còn; "
                            "không thể bỏ thước đo đó.")
    db.execute("DELETE FROM measure WHERE target_id = ? AND position >= ?", [target_id, len(rows)])


def target_ids(db: sqlite_utils.Database, plan_id: int) -> dict[str, int]:
    """code -> target id of the plan's targets."""
    return dict(db.execute("SELECT code, id FROM target WHERE plan_id = ?", [plan_id]).fetchall())


def plan_exists(db: sqlite_utils.Database, plan_id: int) -> bool:
    return db.execute("SELECT 1 FROM plan WHERE id = ?", [plan_id]).fetchone() is not None


def target_texts(db: sqlite_utils.Database, plan_id: int) -> list[tuple[str, str]]:
    """(code, text) of the plan's targets in the catalogue's order."""
    return db.execute("SELECT code, text FROM target WHERE plan_id = ? ORDER BY id", [plan_id]).fetchall()


def plan_year(db: sqlite_utils.Database, plan_id: int) -> int:
    return db.execute("SELECT year FROM plan WHERE id = ?", [plan_id]).fetchone()[0]


def plan_ids(db: sqlite_utils.Database, year: int | None = None) -> list[int]:
    """The ids of the plans of `year` (every plan when None), oldest first."""
    where, args = (" WHERE year = ?", [year]) if year is not None else ("", [])
    return [r[0] for r in db.execute(f"SELECT id FROM plan{where} ORDER BY id", args)]


def has_plans(db: sqlite_utils.Database) -> bool:
    """Whether any plan is stored (a new database has none until the embedded catalogues are seeded)."""
    return db.execute("SELECT 1 FROM plan LIMIT 1").fetchone() is not None
