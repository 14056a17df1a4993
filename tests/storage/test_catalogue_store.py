"""Saving and loading catalogues: exact round trip, updates, conflicts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dti_desktop.domain.annex import Catalogue
from dti_desktop.io.catalogue_json import read_catalogue
from dti_desktop.storage.catalogue_store import list_plans, load_catalogue, save_catalogue
from dti_desktop.storage.errors import ConflictError
from tests.conftest import dump
from tests.helpers import CATALOGUES


@pytest.fixture
def c2025() -> Catalogue:
    return read_catalogue(CATALOGUES / "dong-trieu-2025.json")


def _with_target(catalogue: Catalogue, index: int, **changes) -> Catalogue:
    part = catalogue.parts[0]
    group = part.groups[1]
    targets = list(group.targets)
    targets[index] = replace(targets[index], **changes)
    groups = list(part.groups)
    groups[1] = replace(group, targets=tuple(targets))
    return replace(catalogue, parts=(replace(part, groups=tuple(groups)),) + catalogue.parts[1:])


def test_save_load_round_trip_is_exact(db, c2025):
    result = save_catalogue(db, c2025)
    assert result.created and result.added == 27
    assert load_catalogue(db, result.plan_id) == c2025


def test_measures_stored_from_goal(db, c2025):
    plan_id = save_catalogue(db, c2025).plan_id
    rows = list(db.query("SELECT m.kind, m.low, m.high FROM measure m JOIN target t ON t.id = m.target_id "
                         "WHERE t.plan_id = ? AND t.code = '12' ORDER BY m.position", [plan_id]))
    assert [(r["kind"], r["low"], r["high"]) for r in rows] == [
        ("percent", 10, None), ("percent", 10, None), ("range", 47, 50), ("percent", 30, None)]


def test_saving_same_catalogue_changes_nothing(db, c2025):
    save_catalogue(db, c2025)
    before = dump(db)
    assert not save_catalogue(db, c2025).changed
    assert dump(db) == before


def test_update_keeps_target_ids(db, c2025):
    plan_id = save_catalogue(db, c2025).plan_id
    ids = dict(db.execute("SELECT code, id FROM target WHERE plan_id = ?", [plan_id]).fetchall())
    changed = _with_target(c2025, 0, text="Nội dung đã sửa")
    result = save_catalogue(db, changed)
    assert (result.updated, result.added, result.removed) == (1, 0, 0)
    assert dict(db.execute("SELECT code, id FROM target WHERE plan_id = ?", [plan_id]).fetchall()) == ids
    assert load_catalogue(db, plan_id) == changed


def test_goal_change_refused_once_results_exist(seeded_db):
    plan_id, _ = _unit_with_result_on_2(seeded_db)
    catalogue = load_catalogue(seeded_db, plan_id)
    before = dump(seeded_db)
    with pytest.raises(ConflictError, match="đã có kết quả"):
        save_catalogue(seeded_db, _with_target(catalogue, 0, local_goal="90%"))
    assert dump(seeded_db) == before


def _unit_with_result_on_2(db):
    """Code "2" (the first target of group II) has a result; returns (plan id, unit id)."""
    from dti_desktop.domain.progress import ProgressEntry
    from dti_desktop.domain.units import Unit, UnitKind
    from dti_desktop.storage.progress_store import save_entry
    from dti_desktop.storage.unit_store import add_unit, assign_plan, assignment_id

    plan = next(p for p in list_plans(db) if p.plan.year == 2025)
    unit = add_unit(db, Unit("UBND xã An Sinh", UnitKind.XA, "", True))
    assign_plan(db, unit.id, plan.id)
    target_id = db.execute("SELECT id FROM target WHERE code = '2' AND plan_id = ?", [plan.id]).fetchone()[0]
    save_entry(db, ProgressEntry(assignment_id(db, unit.id, target_id), "2025-03"), "cán bộ")
    return plan.id, unit.id


def _insert_first_in_group_2(catalogue: Catalogue, target) -> Catalogue:
    """As an amended annex does: the new target takes number 2, every later number moves up by one."""
    def bump(t):
        return replace(t, tt=str(int(t.tt) + 1)) if t.tt.isdigit() and int(t.tt) >= int(target.tt) else t

    parts = []
    for p, part in enumerate(catalogue.parts):
        groups = [replace(g, targets=tuple(bump(t) for t in g.targets)) for g in part.groups]
        if p == 0:
            groups[1] = replace(groups[1], targets=(target,) + groups[1].targets)
        parts.append(replace(part, groups=tuple(groups)))
    return replace(catalogue, parts=tuple(parts))


def test_renumbered_targets_with_results_are_refused_not_moved(seeded_db):
    """A target inserted before others renumbers them: the result of "2" would move to another target."""
    plan_id, _ = _unit_with_result_on_2(seeded_db)
    catalogue = load_catalogue(seeded_db, plan_id)
    first = catalogue.parts[0].groups[1].targets[0]
    inserted = replace(first, text="Tỷ lệ hồ sơ công việc xử lý hoàn toàn trên môi trường số đạt 100%")
    before = dump(seeded_db)
    with pytest.raises(ConflictError, match="Chỉ tiêu 2 đã có kết quả báo cáo, nhưng ở số thứ tự này"):
        save_catalogue(seeded_db, _insert_first_in_group_2(catalogue, inserted))
    assert dump(seeded_db) == before


def test_a_corrected_wording_keeps_the_result(seeded_db):
    plan_id, _ = _unit_with_result_on_2(seeded_db)
    catalogue = load_catalogue(seeded_db, plan_id)
    text = catalogue.parts[0].groups[1].targets[0].text
    save_catalogue(seeded_db, _with_target(catalogue, 0, text=text.replace("Tỷ lệ", "Tỉ lệ", 1) + "."))
    assert seeded_db.execute("SELECT count(*) FROM progress_entry").fetchone()[0] == 1


def test_targets_added_to_the_annex_are_given_to_units_already_on_the_plan(seeded_db):
    """The store saves; re-assigning the units on the plan is the service's (services.catalogues.save_catalogue)."""
    from dti_desktop.services import catalogue_save

    plan_id, unit_id = _unit_with_result_on_2(seeded_db)
    catalogue = load_catalogue(seeded_db, plan_id)
    part = catalogue.parts[0]
    groups = list(part.groups)
    last = groups[1].targets[-1]
    groups[1] = replace(groups[1], targets=groups[1].targets + (replace(last, tt="", text="Chỉ tiêu mới của năm"),))
    added = catalogue_save.save_catalogue(seeded_db, replace(catalogue, parts=(replace(part, groups=tuple(groups)),) + catalogue.parts[1:]))
    assert added.added == 1
    given = seeded_db.execute("SELECT count(*) FROM assignment a JOIN target t ON t.id = a.target_id "
                              "WHERE a.unit_id = ? AND t.text = 'Chỉ tiêu mới của năm'", [unit_id]).fetchone()[0]
    assert given == 1


def test_a_newer_goal_parser_does_not_block_a_reimport(seeded_db):
    """Measure rows stored by an older parser differ from today's for the same goal text: not a goal change."""
    plan_id, _ = _unit_with_result_on_2(seeded_db)
    target_id = seeded_db.execute("SELECT id FROM target WHERE code = '2' AND plan_id = ?", [plan_id]).fetchone()[0]
    seeded_db.execute("UPDATE measure SET op = '>' WHERE target_id = ?", [target_id])  # as an older parser read it
    seeded_db.conn.commit()
    catalogue = load_catalogue(seeded_db, plan_id)
    text = catalogue.parts[0].groups[1].targets[1].text
    save_catalogue(seeded_db, _with_target(catalogue, 1, text=text + "."))  # another target's wording only
    assert seeded_db.execute("SELECT op FROM measure WHERE target_id = ?", [target_id]).fetchone()[0] == ">="


def test_a_newer_goal_parser_keeps_the_figures_recorded_against_the_measures(seeded_db):
    """With a figure recorded, replacing the measure rows (delete, insert) failed a foreign key: the import
    stopped with a traceback, and that catalogue could never be imported again."""
    from dti_desktop.domain.progress import MeasureValue, ProgressEntry
    from dti_desktop.storage.progress_store import load_entry, save_entry

    plan_id, unit_id = _unit_with_result_on_2(seeded_db)
    target_id = seeded_db.execute("SELECT id FROM target WHERE code = '2' AND plan_id = ?", [plan_id]).fetchone()[0]
    assignment = seeded_db.execute("SELECT id FROM assignment WHERE unit_id = ? AND target_id = ?",
                                   [unit_id, target_id]).fetchone()[0]
    entry = load_entry(seeded_db, assignment, "2025-03")
    save_entry(seeded_db, ProgressEntry(assignment, "2025-03", values={0: MeasureValue(value=87.5)}, id=entry.id),
               "cán bộ")
    seeded_db.execute("UPDATE measure SET op = '>' WHERE target_id = ?", [target_id])  # as an older parser read it
    seeded_db.execute("UPDATE plan SET identity = 'cu' WHERE id = ?", [plan_id])  # a database of that version
    seeded_db.conn.commit()
    catalogue = load_catalogue(seeded_db, plan_id)
    save_catalogue(seeded_db, catalogue)
    assert seeded_db.execute("SELECT op FROM measure WHERE target_id = ?", [target_id]).fetchone()[0] == ">="
    assert load_entry(seeded_db, assignment, "2025-03").values[0].value == 87.5


def test_the_same_plan_with_its_issuer_typed_in_another_case_is_not_a_second_plan(db, c2025):
    first = save_catalogue(db, c2025)
    retyped = replace(c2025, plan=replace(c2025.plan, issuer=c2025.plan.issuer.replace("thành phố", "Thành phố")))
    assert retyped.plan.issuer != c2025.plan.issuer
    again = save_catalogue(db, retyped)
    assert again.plan_id == first.plan_id and len([p for p in list_plans(db) if p.plan.year == 2025]) == 1


def test_an_edited_annex_changes_who_reports_on_what(seeded_db):
    """TT 3 taken from the communes and PL2.4 given to them: the import said "sửa 2", and the commune kept 3 and
    never got PL2.4. A target it already reported on stays in its list (its results are not dropped)."""
    from dataclasses import replace as changed

    from dti_desktop.services import catalogue_save

    plan_id, unit_id = _unit_with_result_on_2(seeded_db)

    def codes():
        return {r[0] for r in seeded_db.execute("SELECT t.code FROM assignment a JOIN target t ON t.id = a.target_id "
                                                "WHERE a.unit_id = ? AND t.plan_id = ?", [unit_id, plan_id])}

    assert {"2", "3", "PL2.4"} <= codes()
    def edit(coordinating: dict[str, str]):
        catalogue = load_catalogue(seeded_db, plan_id)
        by_code = dict(zip(catalogue.codes(), catalogue.targets()))
        wanted = {id(by_code[code]): text for code, text in coordinating.items()}
        parts = tuple(changed(part, groups=tuple(changed(group, targets=tuple(
            changed(t, coordinating=wanted[id(t)]) if id(t) in wanted else t for t in group.targets))
            for group in part.groups)) for part in catalogue.parts)
        return catalogue_save.save_catalogue(seeded_db, changed(catalogue, parts=parts))

    result = edit({"2": "Các cơ quan, đơn vị", "3": "Các cơ quan, đơn vị", "PL2.4": "Các doanh nghiệp viễn thông"})
    assert result.updated == 3
    assert "3" not in codes() and "PL2.4" not in codes()  # no longer the communes' to report
    assert "2" in codes()  # taken from them too, but it has a result: it stays
    edit({"3": "Các cơ quan, đơn vị; UBND các xã, phường"})
    assert "3" in codes()  # given back


def test_a_target_moved_to_another_group_is_a_change(db, c2025):
    """Moving TT 9 into group III rewrote the groups and the catalogue's identity, and was reported "no change"."""
    from dataclasses import replace as changed

    save_catalogue(db, c2025)
    part = c2025.parts[0]
    moving = part.groups[1].targets[-1]
    groups = list(part.groups)
    groups[1] = changed(groups[1], targets=groups[1].targets[:-1])
    groups[2] = changed(groups[2], targets=(moving,) + groups[2].targets)
    result = save_catalogue(db, changed(c2025, parts=(changed(part, groups=tuple(groups)),) + c2025.parts[1:]))
    assert result.changed and result.rearranged and (result.added, result.updated, result.removed) == (0, 0, 0)
    assert save_catalogue(db, load_catalogue(db, result.plan_id)).changed is False  # the same again: no change
