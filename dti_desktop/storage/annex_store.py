"""Editing a stored annex one change at a time: targets, groups, parts, the plan's details, a new year's copy.

Every change runs in one transaction that ends in `_settle`: the annex is read back and held to the workbook's rules
(domain.annex_edit.annex_problems), targets' codes are worked out again (a code follows the TTs of its part), a
target that has results keeps its code, the catalogue's identity is renewed, units already on the plan get their
assignments again, and each change is written to catalogue_history. Anything refused undoes the whole change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING

from ..domain.annex_edit import (
    CatalogueChange,
    EditableAnnex,
    GroupItem,
    PartItem,
    TargetItem,
    annex_problems,
    copied,
    next_tt,
)
from ..domain.catalogue import Plan, Target, group_kind
from ..domain.text import clean
from .catalogue_store import (
    TARGET_FIELDS,
    has_results,
    plan_from_row,
    replace_measures,
    same_target,
    target_row,
    write_measures,
    find_plan_id,
    load_catalogue,
    save_catalogue,
)
from .clock import now_iso
from .errors import ConflictError, NotFoundError

if TYPE_CHECKING:
    import sqlite_utils

_PLAN_FIELDS = [f.name for f in fields(Plan)]
_MOVED = 100000  # positions parked out of the way while siblings are renumbered (UNIQUE on the position)


@dataclass
class _Pending:
    item: str
    item_id: int | None
    action: str
    field: str = ""
    old: str | None = None
    new: str | None = None
    code: str | None = None  # a target's code is known once the annex is settled


# -- reading -------------------------------------------------------------------------------------
def reported_targets(db: sqlite_utils.Database, plan_id: int) -> set[int]:
    """Targets of the plan with results: the unit's own, or (at an office) received from units."""
    return {r[0] for r in db.execute(
        "SELECT a.target_id FROM progress_entry e JOIN assignment a ON a.id = e.assignment_id "
        "JOIN target t ON t.id = a.target_id WHERE t.plan_id = ? "
        "UNION SELECT r.target_id FROM received_entry r JOIN target t ON t.id = r.target_id WHERE t.plan_id = ?",
        [plan_id, plan_id])}


def load_annex(db: sqlite_utils.Database, plan_id: int) -> EditableAnnex:
    """The plan's annex in print order, with ids and which targets have results."""
    rows = list(db.query("SELECT * FROM plan WHERE id = ?", [plan_id]))
    if not rows:
        raise NotFoundError(f"Không tìm thấy kế hoạch có mã {plan_id}.")
    reported = reported_targets(db, plan_id)
    targets: dict[int, list[TargetItem]] = {}
    for t in db.query("SELECT * FROM target WHERE plan_id = ? ORDER BY group_id, position, id", [plan_id]):
        targets.setdefault(t["group_id"], []).append(
            TargetItem(t["id"], t["code"], Target(**{k: t[k] for k in TARGET_FIELDS}), t["id"] in reported))
    groups: dict[int, list[GroupItem]] = {}
    for g in db.query("SELECT g.* FROM target_group g JOIN plan_part p ON p.id = g.part_id WHERE p.plan_id = ? "
                      "ORDER BY g.part_id, g.position", [plan_id]):
        groups.setdefault(g["part_id"], []).append(GroupItem(g["id"], g["no"], g["title"],
                                                             tuple(targets.get(g["id"], ()))))
    parts = tuple(PartItem(p["id"], p["key"], p["title"], tuple(groups.get(p["id"], ())))
                  for p in db.query("SELECT * FROM plan_part WHERE plan_id = ? ORDER BY position", [plan_id]))
    return EditableAnnex(plan_id, plan_from_row(rows[0]), parts)


def list_history(db: sqlite_utils.Database, plan_id: int) -> list[CatalogueChange]:
    """The plan's changes, newest first."""
    return [CatalogueChange(r["changed_at"], r["changed_by"], r["item"], r["code"], r["action"], r["field"],
                            r["old_value"], r["new_value"])
            for r in db.query("SELECT * FROM catalogue_history WHERE plan_id = ? ORDER BY id DESC", [plan_id])]


# -- a new plan ------------------------------------------------------------------------------------
def copy_plan(db: sqlite_utils.Database, source_id: int, plan: Plan, who: str) -> int:
    """A new plan holding the source's annex (domain.annex_edit.copied); returns its id."""
    with db.atomic():
        if find_plan_id(db, plan) is not None:
            raise ConflictError(f"Đã có kế hoạch số {plan.number} năm {plan.year} của {plan.issuer}.")
        source = load_catalogue(db, source_id)
        plan_id = save_catalogue(db, copied(source, plan)).plan_id
        _record(db, plan_id, who, [_Pending("plan", plan_id, "copy", old=source.plan.label, new=plan.label,
                                            code=plan.number)])
    return plan_id


def update_plan(db: sqlite_utils.Database, plan_id: int, plan: Plan, who: str) -> None:
    """Correct the plan's details (number, date, issuer, year, title …) while no unit has reported on it."""
    with db.atomic():
        before = load_annex(db, plan_id)
        other = find_plan_id(db, plan)
        if other is not None and other != plan_id:
            raise ConflictError(f"Đã có kế hoạch số {plan.number} năm {plan.year} của {plan.issuer}.")
        changed = {k: (getattr(before.plan, k), getattr(plan, k)) for k in _PLAN_FIELDS
                   if getattr(before.plan, k) != getattr(plan, k)}
        if not changed:
            return
        if before.reported or _sent(db, plan_id):
            raise ConflictError(f"Kế hoạch {before.plan.number} đã có kết quả báo cáo: các đơn vị gửi báo cáo theo "
                                "số, năm và cơ quan ban hành của nó, nên không thể sửa các thông tin này.")
        db.table("plan").update(plan_id, asdict(plan))
        _settle(db, plan_id, before, who, [_Pending("plan", plan_id, "edit", k, _text(a), _text(b), plan.number)
                                           for k, (a, b) in changed.items()])


def is_first_part(db: sqlite_utils.Database, part_id: int) -> bool:
    """The annex's first part (which alone may go without a key)."""
    return bool(db.execute("SELECT p.position = (SELECT min(position) FROM plan_part q WHERE q.plan_id = p.plan_id) "
                           "FROM plan_part p WHERE p.id = ?", [part_id]).fetchone()[0])


def _sent(db, plan_id: int) -> bool:
    return db.execute("SELECT 1 FROM submission WHERE plan_id = ? UNION ALL SELECT 1 FROM received_package "
                      "WHERE plan_id = ? LIMIT 1", [plan_id, plan_id]).fetchone() is not None


# -- targets ---------------------------------------------------------------------------------------
def add_target(db: sqlite_utils.Database, plan_id: int, group_id: int, index: int, target: Target, who: str) -> int:
    """A new target at `index` in the group; returns its id."""
    with db.atomic():
        before = load_annex(db, plan_id)
        group = _group(before, group_id)
        if not 0 <= index <= len(group.targets):  # -1: at the end
            index = len(group.targets)
        row = target_row(plan_id, group_id, index, "#mới", target)
        target_id = db.table("target").insert(row).last_pk
        write_measures(db, target_id, target)
        _order_targets(db, [t.id for t in group.targets[:index]] + [target_id] + [t.id for t in group.targets[index:]])
        _settle(db, plan_id, before, who, [_Pending("target", target_id, "add", new=_summary(target))])
    return target_id


def update_target(db: sqlite_utils.Database, target_id: int, target: Target, who: str,
                  group_id: int | None = None) -> None:
    """Change a target's columns (and move it to the end of another group). One with results keeps its goal and
    its meaning: its wording may be corrected, its agencies, level and deadline changed."""
    with db.atomic():
        plan_id = plan_of_target(db, target_id)
        before = load_annex(db, plan_id)
        item = next(t for t in before.target_items() if t.id == target_id)
        old = item.target
        if item.reported:
            _check_reported_edit(item, target)
        group = before.group_of(target_id)
        moved_to = _group(before, group_id) if group_id not in (None, group.id) else None
        position = len(moved_to.targets) if moved_to else next(i for i, t in enumerate(group.targets)
                                                               if t.id == target_id)
        row = target_row(plan_id, moved_to.id if moved_to else group.id, position, item.code, target)
        db.table("target").update(target_id, row)
        replace_measures(db, target_id, item.code, _measure_rows(target_id, target))
        changes = [_Pending("target", target_id, "edit", k, getattr(old, k), getattr(target, k))
                   for k in TARGET_FIELDS if getattr(old, k) != getattr(target, k)]
        if moved_to:
            changes.append(_Pending("target", target_id, "move", "group", _group_label(group),
                                    _group_label(moved_to)))
            _order_targets(db, [t.id for t in group.targets if t.id != target_id])
        if changes:
            _settle(db, plan_id, before, who, changes)


def _check_reported_edit(item: TargetItem, target: Target) -> None:
    old = item.target
    if (old.province_goal, old.local_goal) != (target.province_goal, target.local_goal) and \
            old.goal.measures != target.goal.measures:
        raise ConflictError(f"Chỉ tiêu {item.code} đã có kết quả báo cáo nên không thể đổi mục tiêu "
                            f"(“{old.goal_text}” → “{target.goal_text}”); kết quả được ghi theo từng mục tiêu.")
    if not same_target(old.text, target.text):
        raise ConflictError(f"Chỉ tiêu {item.code} đã có kết quả báo cáo: chỉ sửa được câu chữ, không thay bằng "
                            "một chỉ tiêu khác. Hãy thêm chỉ tiêu mới cho nội dung mới.")


def remove_target(db: sqlite_utils.Database, target_id: int, who: str) -> None:
    """Remove a target no result was reported against."""
    with db.atomic():
        plan_id = plan_of_target(db, target_id)
        before = load_annex(db, plan_id)
        item = next(t for t in before.target_items() if t.id == target_id)
        if item.reported or has_results(db, target_id):
            raise ConflictError(f"Chỉ tiêu {item.code} đã có kết quả báo cáo nên không thể xóa khỏi danh mục "
                                "(kết quả đã ghi hoặc đã nhận của các đơn vị phải giữ nguyên).")
        db.execute("DELETE FROM target WHERE id = ?", [target_id])  # measures, assignments follow (cascade)
        _order_targets(db, [t.id for t in before.group_of(target_id).targets if t.id != target_id])
        _settle(db, plan_id, before, who, [_Pending("target", target_id, "remove", old=_summary(item.target),
                                                    code=item.code)])


def move_target(db: sqlite_utils.Database, target_id: int, step: int, who: str) -> bool:
    """One place up (-1) or down (+1) in its group; False when it is already first or last."""
    with db.atomic():
        plan_id = plan_of_target(db, target_id)
        before = load_annex(db, plan_id)
        ids = [t.id for t in before.group_of(target_id).targets]
        at = ids.index(target_id)
        if not 0 <= at + step < len(ids):
            return False
        ids[at], ids[at + step] = ids[at + step], ids[at]
        _order_targets(db, ids)
        _settle(db, plan_id, before, who, [_Pending("target", target_id, "move", "position", str(at + 1),
                                                    str(at + step + 1))])
    return True


# -- groups and parts ------------------------------------------------------------------------------------
def add_group(db: sqlite_utils.Database, plan_id: int, part_id: int, index: int, no: str, title: str,
              who: str) -> int:
    """A new, empty group at `index` in the part; returns its id."""
    with db.atomic():
        before = load_annex(db, plan_id)
        part = next(p for p in before.parts if p.id == part_id)
        group_id = db.table("target_group").insert({"part_id": part_id, "position": _MOVED * 2, "no": clean(no),
                                                    "title": clean(title), "kind": group_kind(title).value}).last_pk
        ids = [g.id for g in part.groups]
        _renumber(db, "target_group", ids[:index] + [group_id] + ids[index:])
        _settle(db, plan_id, before, who, [_Pending("group", group_id, "add", new=f"{clean(no)} {clean(title)}".strip(),
                                                    code=clean(no))])
    return group_id


def update_group(db: sqlite_utils.Database, group_id: int, no: str, title: str, who: str) -> None:
    with db.atomic():
        plan_id = plan_of_group(db, group_id)
        before = load_annex(db, plan_id)
        group = _group(before, group_id)
        db.execute("UPDATE target_group SET no = ?, title = ?, kind = ? WHERE id = ?",
                   [clean(no), clean(title), group_kind(title).value, group_id])
        changes = [_Pending("group", group_id, "edit", f, a, b, clean(no))
                   for f, a, b in (("no", group.no, clean(no)), ("title", group.title, clean(title))) if a != b]
        if changes:
            _settle(db, plan_id, before, who, changes)


def remove_group(db: sqlite_utils.Database, group_id: int, who: str) -> None:
    """Remove a group that holds no target."""
    with db.atomic():
        plan_id = plan_of_group(db, group_id)
        before = load_annex(db, plan_id)
        group = _group(before, group_id)
        if group.targets:
            raise ConflictError(f"Nhóm “{_group_label(group)}” còn {len(group.targets)} chỉ tiêu; hãy xóa hoặc chuyển "
                                "các chỉ tiêu sang nhóm khác trước.")
        part = before.part_of(group_id)
        db.execute("DELETE FROM target_group WHERE id = ?", [group_id])
        _renumber(db, "target_group", [g.id for g in part.groups if g.id != group_id])
        _settle(db, plan_id, before, who, [_Pending("group", group_id, "remove", old=_group_label(group),
                                                    code=group.no)])


def add_part(db: sqlite_utils.Database, plan_id: int, index: int, key: str, title: str, who: str) -> int:
    """A new part at `index`, with one group (the part's targets go in it until it is given headings)."""
    with db.atomic():
        before = load_annex(db, plan_id)
        part_id = db.table("plan_part").insert({"plan_id": plan_id, "position": _MOVED * 2, "key": clean(key),
                                                "title": clean(title)}).last_pk
        db.table("target_group").insert({"part_id": part_id, "position": 0, "no": "", "title": "",
                                         "kind": group_kind("").value})
        ids = [p.id for p in before.parts]
        _renumber(db, "plan_part", ids[:index] + [part_id] + ids[index:])
        _settle(db, plan_id, before, who, [_Pending("part", part_id, "add", new=f"{clean(key)} {clean(title)}".strip(),
                                                    code=clean(key))])
    return part_id


def update_part(db: sqlite_utils.Database, part_id: int, key: str, title: str, who: str) -> None:
    with db.atomic():
        plan_id = plan_of_part(db, part_id)
        before = load_annex(db, plan_id)
        part = next(p for p in before.parts if p.id == part_id)
        db.execute("UPDATE plan_part SET key = ?, title = ? WHERE id = ?", [clean(key), clean(title), part_id])
        changes = [_Pending("part", part_id, "edit", f, a, b, clean(key))
                   for f, a, b in (("key", part.key, clean(key)), ("title", part.title, clean(title))) if a != b]
        if changes:
            _settle(db, plan_id, before, who, changes)


def remove_part(db: sqlite_utils.Database, part_id: int, who: str) -> None:
    """Remove a part that holds no target (its empty groups go with it)."""
    with db.atomic():
        plan_id = plan_of_part(db, part_id)
        before = load_annex(db, plan_id)
        part = next(p for p in before.parts if p.id == part_id)
        count = sum(len(g.targets) for g in part.groups)
        if count:
            raise ConflictError(f"Phần “{part.key or part.title[:40]}” còn {count} chỉ tiêu; hãy xóa hoặc chuyển các "
                                "chỉ tiêu trước.")
        if len(before.parts) == 1:
            raise ConflictError("Danh mục phải có ít nhất một phần.")
        db.execute("DELETE FROM plan_part WHERE id = ?", [part_id])
        _renumber(db, "plan_part", [p.id for p in before.parts if p.id != part_id])
        _settle(db, plan_id, before, who, [_Pending("part", part_id, "remove", old=f"{part.key} {part.title}".strip(),
                                                    code=part.key)])


# -- settling a change -------------------------------------------------------------------------------------
def _settle(db, plan_id: int, before: EditableAnnex, who: str, changes: list[_Pending]) -> None:
    """Hold the changed annex to the rules, renew codes and identity, record the changes
    (the units on the plan are re-assigned by the service, services/annex_edit.py)."""
    after = load_annex(db, plan_id)
    catalogue = after.catalogue()
    _check_numbering(before, after)
    known = set(annex_problems(before.catalogue()))
    if new := [p for p in annex_problems(catalogue) if p not in known]:
        raise ConflictError(" ".join(new))
    items = after.target_items()
    codes = dict(zip((t.id for t in items), catalogue.codes()))
    moved = [(t.code, codes[t.id]) for t in items if t.reported and t.code != codes[t.id]]
    if moved:
        shown = ", ".join(f"{a} → {b}" for a, b in moved[:5]) + (" …" if len(moved) > 5 else "")
        raise ConflictError(f"Thay đổi này làm đổi mã của chỉ tiêu đã có kết quả báo cáo ({shown}); các đơn vị gửi "
                            "kết quả theo mã chỉ tiêu. Hãy giữ số thứ tự (TT) của các chỉ tiêu đó và đánh số chỉ tiêu "
                            "mới không trùng.")
    renamed = [t for t in items if t.code != codes[t.id]]
    for t in renamed:  # out of the way first: codes are unique in a plan
        db.execute("UPDATE target SET code = ? WHERE id = ?", [f"#{t.id}", t.id])
    for t in renamed:
        db.execute("UPDATE target SET code = ? WHERE id = ?", [codes[t.id], t.id])
    db.execute("UPDATE plan SET identity = ? WHERE id = ?", [catalogue.identity(), plan_id])
    for change in changes:
        if change.code is None:
            change.code = codes.get(change.item_id, "")
    _record(db, plan_id, who, changes)


def _check_numbering(before: EditableAnnex, after: EditableAnnex) -> None:
    """A part numbered straight through (1 … 22 across its groups) stays so: a TT typed again in another group would
    renumber every target of the part by group ("7" → "II.7"), which nobody meant."""
    was = {p.id: _tts(p) for p in before.parts}
    for part in after.parts:
        tts = _tts(part)
        if part.id in was and len(set(was[part.id])) == len(was[part.id]) and len(set(tts)) != len(tts):
            twice = next(t for t in tts if tts.count(t) > 1)
            raise ConflictError(f"TT “{twice}” đã có trong phần {part.key or part.title[:40]}: các chỉ tiêu của phần "
                                f"này được đánh số liên tục, hãy dùng số khác (ví dụ {next_tt(tts)}).")


def _tts(part: PartItem) -> list[str]:
    return [t.target.tt for g in part.groups for t in g.targets]


def _record(db, plan_id: int, who: str, changes: list[_Pending]) -> None:
    when = now_iso()
    db.table("catalogue_history").insert_all([
        {"plan_id": plan_id, "changed_at": when, "changed_by": clean(who) or "Cán bộ", "item": c.item,
         "item_id": c.item_id, "code": c.code or "", "action": c.action, "field": c.field, "old_value": c.old,
         "new_value": c.new} for c in changes])


# -- small helpers ------------------------------------------------------------------------------------
def _order_targets(db, ids: list[int]) -> None:
    for position, target_id in enumerate(ids):
        db.execute("UPDATE target SET position = ? WHERE id = ?", [position, target_id])


def _renumber(db, table: str, ids: list[int]) -> None:
    """Positions 0.. in the order given (parked first: positions are unique among siblings)."""
    for target_id in ids:
        db.execute(f"UPDATE {table} SET position = position + ? WHERE id = ?", [_MOVED, target_id])
    for position, item_id in enumerate(ids):
        db.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [position, item_id])


def _measure_rows(target_id: int, target: Target) -> list[dict]:
    from .catalogue_store import measure_rows as rows

    return rows(target_id, target)


def _group(annex: EditableAnnex, group_id: int | None) -> GroupItem:
    group = annex.group(group_id) if group_id is not None else None
    if group is None:
        raise NotFoundError(f"Không tìm thấy nhóm có mã {group_id} trong kế hoạch {annex.plan.number}.")
    return group


def _one(db, sql: str, item_id: int, what: str) -> int:
    row = db.execute(sql, [item_id]).fetchone()
    if row is None:
        raise NotFoundError(f"Không tìm thấy {what} có mã {item_id}.")
    return row[0]


def plan_of_target(db, target_id: int) -> int:
    """The plan a target is of; NotFoundError when there is no such target."""
    return _one(db, "SELECT plan_id FROM target WHERE id = ?", target_id, "chỉ tiêu")


def plan_of_group(db, group_id: int) -> int:
    """The plan a group is of; NotFoundError when there is no such group."""
    return _one(db, "SELECT p.plan_id FROM target_group g JOIN plan_part p ON p.id = g.part_id WHERE g.id = ?",
                group_id, "nhóm")


def plan_of_part(db, part_id: int) -> int:
    """The plan a part is of; NotFoundError when there is no such part."""
    return _one(db, "SELECT plan_id FROM plan_part WHERE id = ?", part_id, "phần")


def _group_label(group: GroupItem) -> str:
    return f"{group.no} {group.title}".strip() or "(không tên)"


def _summary(target: Target) -> str:
    return f"{target.tt}. {target.text}"


def _text(value) -> str:
    return "" if value is None else str(value)
