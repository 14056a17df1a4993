"""The annex tree: parts, groups and targets, checked by Qt's model tester, no window."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from dti_desktop.services import annex_edit, catalogues
from dti_desktop.ui.models.annex_tree_model import KIND_ROLE, RAW_ROLE, REPORTED, AnnexTreeModel


def test_annex_tree_passes_qt_model_tester(qtmodeltester, seeded_db):
    model = AnnexTreeModel()
    model.set_annex(annex_edit.editable(seeded_db, catalogues.choose_plan(seeded_db, 2024).id))
    qtmodeltester.check(model)
    model.set_annex(None)
    qtmodeltester.check(model)


def test_annex_tree_rows(seeded_db):
    model = AnnexTreeModel()
    model.set_annex(annex_edit.editable(seeded_db, catalogues.choose_plan(seeded_db, 2025).id))
    assert model.rowCount() == 2
    part = model.index(0, 0)
    assert (part.data()[:15], model.index(0, 1).data()[:10], part.data(KIND_ROLE)) == (
        "PL1  PHỤ LỤC 1:", "PHỤ LỤC 1:", "part")
    group = model.index(1, 0, part)
    assert (group.data()[:29], model.rowCount(group), group.data(Qt.ItemDataRole.FontRole).bold()) == (
        "II  Phát triển chính quyền số", 10, True)
    target = model.index(0, AnnexTreeModel.COL_LOCAL, group)
    assert target.data() == "100%" and target.data(RAW_ROLE).code == "2"
    assert model.index(0, 0, group).data(Qt.ItemDataRole.ToolTipRole) == "Mã chỉ tiêu: 2"
    headless = model.index(0, AnnexTreeModel.COL_TEXT, model.index(1, 0))
    assert headless.data() == "(các chỉ tiêu không có tiêu đề nhóm)"
    assert model.index_of("target", target.data(RAW_ROLE).id).parent() == group.siblingAtColumn(0)
    assert not model.index_of("target", -1).isValid() and model.parent(QModelIndex()) == QModelIndex()
    for row in (part, group, target):  # every role of every column answers, headings included
        for column in range(model.columnCount()):
            for role in (*Qt.ItemDataRole, RAW_ROLE, KIND_ROLE):
                model.index(row.row(), column, row.parent()).data(role)


def test_a_reported_target_is_marked(mao_khe):
    model = AnnexTreeModel()
    model.set_annex(annex_edit.editable(mao_khe.db, mao_khe.ctx.plan.id))
    index = model.index_of("target", next(t.id for t in model.target_items() if t.code == "6"))
    assert index.siblingAtColumn(AnnexTreeModel.COL_REPORTED).data() == REPORTED
