"""The review dialog: plan fields, every row, doubts highlighted; nothing saved until the officer saves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from dti_desktop.domain.annex_reading import PlanInput, RowKind
from dti_desktop.services import annex_intake
from dti_desktop.ui.annex_review import AnnexReviewDialog
from dti_desktop.ui.models.annex_review_model import AnnexReviewModel

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "annexes"


def _dialog(qtbot, db, name: str) -> AnnexReviewDialog:
    reading = annex_intake.read_file(CORPUS / name)

    def recompute(changed, given):
        return annex_intake.preview(db, changed, given)

    dialog = AnnexReviewDialog(recompute(reading, PlanInput()), recompute)
    qtbot.addWidget(dialog)
    return dialog


def test_review_model_passes_qt_checks(qtmodeltester, seeded_db):
    model = AnnexReviewModel()
    model.set_rows(list(annex_intake.read_file(CORPUS / "dt2025_dan-tu-word.xlsx").rows))
    qtmodeltester.check(model)


def test_missing_fields_block_saving_until_typed(qtbot, seeded_db):
    dialog = _dialog(qtbot, seeded_db, "dt2024_chi-co-bang.xlsx")
    assert not dialog.save_button.isEnabled()
    assert "Thiếu số kế hoạch" in dialog.found["number"].text()
    for name, value in (("number", "7/KH-UBND"), ("date", "20/01/2026"), ("issuer", "UBND xã Yên Tử")):
        dialog.edits[name].setText(value)
        dialog.edits[name].editingFinished.emit()
    assert dialog.save_button.isEnabled()
    dialog.accept()
    result = dialog.result_preview()
    assert result.plan.number == "7/KH-UBND" and result.plan.year == 2024


def test_unchecking_a_target_leaves_it_out(qtbot, seeded_db):
    dialog = _dialog(qtbot, seeded_db, "dt2025_ke-hoach-36.docx")
    row = next(i for i, r in enumerate(dialog.model.rows()) if r.kind is RowKind.TARGET)
    index = dialog.model.index(row, AnnexReviewModel.COL_KEEP)
    assert dialog.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert "sẽ thêm 0, sửa 0, bỏ 1" in dialog.outcome.text().replace("nhập lại ", "")
    dialog.accept()
    assert len(dialog.result_preview().reading.catalogue(dialog.result_preview().plan).targets()) == 26


def test_doubts_are_highlighted_and_filterable(qtbot, seeded_db):
    dialog = _dialog(qtbot, seeded_db, "dt2025_pl1-pl2_mot-sheet.xlsx")
    doubtful = [i for i, r in enumerate(dialog.model.rows()) if r.doubt]
    assert doubtful
    colour = dialog.model.data(dialog.model.index(doubtful[0], 1), Qt.ItemDataRole.BackgroundRole)
    assert colour is not None and colour.color().name() == "#fff3cd"
    dialog.only_doubts.setChecked(True)
    shown = [i for i in range(dialog.model.rowCount()) if not dialog.table.isRowHidden(i)]
    assert shown == doubtful


def test_cancel_gives_no_result(qtbot, seeded_db):
    dialog = _dialog(qtbot, seeded_db, "mc2023_4-cot.xlsx")
    dialog.reject()
    assert dialog.result_preview() is None
