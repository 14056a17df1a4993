"""The office drafts an annex: a new year's plan copied from last year's, then targets, groups and parts added,
edited, moved and removed before units report on them. Every change is checked, saved in one transaction and kept
in the catalogue's history; the window and the command line both come here."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING

from ..domain.annex_edit import (
    CatalogueChange,
    EditableAnnex,
    FieldProblem,
    TargetItem,
    group_problems,
    part_problems,
    plan_problems,
    target_problems,
)
from ..domain.catalogue import Plan, Target
from ..domain.errors import BadInput
from ..domain.text import clean
from ..storage import annex_store
from ..storage.errors import NotFoundError, known_errors

if TYPE_CHECKING:
    import sqlite_utils

__all__ = ["CatalogueChange", "EditProblems", "add_group", "add_part", "add_target", "copy_plan", "editable",
           "find_group", "find_target", "history", "move_target", "officer", "remove_group", "remove_part",
           "remove_target", "update_group", "update_part", "update_plan", "update_target"]


class EditProblems(BadInput):
    """What was typed cannot be saved: every problem, each naming its field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(" ".join(p.message for p in problems))
        self.problems = problems


def _checked(problems: list[FieldProblem]) -> None:
    if problems:
        raise EditProblems(problems)


def normalised_target(target: Target) -> Target:
    """Every column as NFC text on one line (Unikey types NFD; a cell is one paragraph)."""
    return replace(target, **{f.name: clean(getattr(target, f.name)) for f in fields(Target)
                              if f.name != "deadline"})


def normalised_plan(plan: Plan) -> Plan:
    return replace(plan, **{name: clean(getattr(plan, name)) for name in
                            ("number", "issuer", "locality", "province", "title", "source")})


def editable(db: sqlite_utils.Database, plan_id: int) -> EditableAnnex:
    """The plan's annex with ids, and which targets already have results."""
    return annex_store.load_annex(db, plan_id)


def officer(db: sqlite_utils.Database) -> str:
    """Who the history records for a change made here: the officer of the settings."""
    from ..storage.settings_store import load_settings

    return load_settings(db).who


def find_target(db: sqlite_utils.Database, plan_id: int, code: str) -> TargetItem:
    """The plan's target of that code ("7", "II.3", "PL2.1")."""
    annex = editable(db, plan_id)
    found = next((t for t in annex.target_items() if t.code == clean(code)), None)
    if found is None:
        raise NotFoundError(f"Kế hoạch {annex.plan.number} không có chỉ tiêu mã “{clean(code)}”.")
    return found


def find_group(db: sqlite_utils.Database, plan_id: int, no: str = "", part: str = "") -> int:
    """The id of the group numbered `no` (in the part keyed `part`); with no number, the part's last group."""
    annex = editable(db, plan_id)
    parts = [p for p in annex.parts if not clean(part) or p.key == clean(part)]
    groups = [g for p in parts for g in p.groups if not clean(no) or g.no == clean(no)]
    if not groups:
        where = f" trong phần {clean(part)}" if clean(part) else ""
        raise NotFoundError(f"Kế hoạch {annex.plan.number} không có nhóm “{clean(no)}”{where}.")
    return groups[0].id if clean(no) else groups[-1].id


def history(db: sqlite_utils.Database, plan_id: int) -> list[CatalogueChange]:
    """Changes made to the plan's annex in this program, newest first."""
    return annex_store.list_history(db, plan_id)


def copy_plan(db: sqlite_utils.Database, source_plan_id: int, plan: Plan, who: str) -> int:
    """A new plan with the source's annex (deadlines moved to the new year); returns its id."""
    plan = normalised_plan(plan)
    _checked(plan_problems(plan))
    with known_errors(db):
        return annex_store.copy_plan(db, source_plan_id, plan, who)


def update_plan(db: sqlite_utils.Database, plan_id: int, plan: Plan, who: str) -> None:
    plan = normalised_plan(plan)
    _checked(plan_problems(plan))
    _edit(db, plan_id, lambda: annex_store.update_plan(db, plan_id, plan, who))


def add_target(db: sqlite_utils.Database, plan_id: int, group_id: int, index: int, target: Target, who: str) -> int:
    target = normalised_target(target)
    _checked(target_problems(target))
    return _edit(db, plan_id, lambda: annex_store.add_target(db, plan_id, group_id, index, target, who))


def update_target(db: sqlite_utils.Database, target_id: int, target: Target, who: str,
                  group_id: int | None = None) -> None:
    target = normalised_target(target)
    _checked(target_problems(target))
    _edit(db, _plan_of(db, annex_store.plan_of_target, target_id),
          lambda: annex_store.update_target(db, target_id, target, who, group_id))


def remove_target(db: sqlite_utils.Database, target_id: int, who: str) -> None:
    _edit(db, _plan_of(db, annex_store.plan_of_target, target_id),
          lambda: annex_store.remove_target(db, target_id, who))


def move_target(db: sqlite_utils.Database, target_id: int, step: int, who: str) -> bool:
    return _edit(db, _plan_of(db, annex_store.plan_of_target, target_id),
                 lambda: annex_store.move_target(db, target_id, step, who))


def add_group(db: sqlite_utils.Database, plan_id: int, part_id: int, index: int, no: str, title: str,
              who: str) -> int:
    _checked(group_problems(no, title))
    return _edit(db, plan_id, lambda: annex_store.add_group(db, plan_id, part_id, index, no, title, who))


def update_group(db: sqlite_utils.Database, group_id: int, no: str, title: str, who: str) -> None:
    _checked(group_problems(no, title))
    _edit(db, _plan_of(db, annex_store.plan_of_group, group_id),
          lambda: annex_store.update_group(db, group_id, no, title, who))


def remove_group(db: sqlite_utils.Database, group_id: int, who: str) -> None:
    _edit(db, _plan_of(db, annex_store.plan_of_group, group_id), lambda: annex_store.remove_group(db, group_id, who))


def add_part(db: sqlite_utils.Database, plan_id: int, index: int, key: str, title: str, who: str) -> int:
    _checked(part_problems(key, title))
    return _edit(db, plan_id, lambda: annex_store.add_part(db, plan_id, index, key, title, who))


def update_part(db: sqlite_utils.Database, part_id: int, key: str, title: str, who: str) -> None:
    _checked(part_problems(key, title, annex_store.is_first_part(db, part_id)))
    _edit(db, _plan_of(db, annex_store.plan_of_part, part_id),
          lambda: annex_store.update_part(db, part_id, key, title, who))


def remove_part(db: sqlite_utils.Database, part_id: int, who: str) -> None:
    _edit(db, _plan_of(db, annex_store.plan_of_part, part_id), lambda: annex_store.remove_part(db, part_id, who))


def _plan_of(db: sqlite_utils.Database, look_up, item_id: int) -> int:
    """The plan of a target, group or part (annex_store.plan_of_…); a missing one told as known."""
    with known_errors(db):
        return look_up(db, item_id)


def _edit(db: sqlite_utils.Database, plan_id: int, change):
    """One edit of the annex and, in its transaction, the units on the plan re-assigned: a target given to communes,
    or taken from them, changes their lists, as after an import (catalogue_save.reassign_units)."""
    from .catalogue_save import reassign_units

    with known_errors(db), db.atomic():
        done = change()
        reassign_units(db, plan_id)
    return done
