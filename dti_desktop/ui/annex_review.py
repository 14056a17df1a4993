"""Review of an annex file before anything is saved: plan fields, the columns used, every row and each doubt.

Data in (a preview, and a function that recomputes it for other plan fields or row choices), a result out (the
preview the officer accepted); the dialog saves nothing. Cancelling writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.annex_reading import PLAN_FIELD_LABELS, AnnexReading, IntakePreview, PlanInput, RowKind
from ..domain.dates import display_date
from .models.annex_review_model import AnnexReviewModel

ERROR_STYLE = "color: #b02a37;"
NOTE_STYLE = "color: #495057;"
_FIELDS = ("number", "date", "issuer", "year")


class AnnexReviewDialog(QDialog):
    """What was found in an annex file; the officer corrects the plan fields, keeps or skips rows, then saves."""

    def __init__(self, preview: IntakePreview, recompute: Callable[[AnnexReading, PlanInput], IntakePreview],
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Xem lại phụ lục trước khi nhập — {preview.reading.file_name}")
        self._recompute = recompute
        self._preview = preview
        self._result: IntakePreview | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.found: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._plan_box(preview.reading))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = AnnexReviewModel(self)
        self.model.set_rows(list(preview.reading.rows))
        self.model.keep_changed.connect(self._update)
        self.only_doubts = QCheckBox(f"Chỉ hiện dòng cần xem lại ({len(preview.reading.doubts)})")
        self.only_doubts.toggled.connect(self._filter)
        self.only_doubts.setEnabled(bool(preview.reading.doubts))
        self.show_skipped = QCheckBox("Hiện cả dòng bỏ qua (ghi chú, tiêu đề lặp lại…)")
        self.show_skipped.setChecked(True)
        self.show_skipped.toggled.connect(self._filter)
        self.table = self._make_table()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        filters = QHBoxLayout()
        filters.addWidget(self.only_doubts)
        filters.addWidget(self.show_skipped)
        filters.addStretch(1)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcome)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Lưu danh mục")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy (không lưu gì)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show(preview)
        self._size_to_screen()

    # -- parts -----------------------------------------------------------------------------------------------
    def _plan_box(self, reading: AnnexReading) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        hints = {"number": "ví dụ 36/KH-UBND", "date": "dd/mm/yyyy", "issuer": "ví dụ UBND xã Yên Tử", "year": "2026"}
        for name in _FIELDS:
            field = reading.plan_fields.get(name)
            value = field.value if field else ""
            edit = QLineEdit(_shown(name, value))
            edit.setPlaceholderText(hints[name])
            edit.setMaxLength(200)
            edit.editingFinished.connect(self._update)
            found = QLabel()
            found.setWordWrap(True)
            found.setTextFormat(Qt.TextFormat.PlainText)
            row = QHBoxLayout()
            row.addWidget(edit, 2)
            row.addWidget(found, 3)
            form.addRow(PLAN_FIELD_LABELS[name] + ":", row)
            self.edits[name], self.found[name] = edit, found
        return box

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        widths = {AnnexReviewModel.COL_KEEP: 44, AnnexReviewModel.COL_PLACE: 96, AnnexReviewModel.COL_KIND: 80,
                  AnnexReviewModel.COL_TT: 40, AnnexReviewModel.COL_LEAD: 170, AnnexReviewModel.COL_GOAL: 175,
                  AnnexReviewModel.COL_DOUBT: 230}
        for col, width in widths.items():
            table.setColumnWidth(col, width)
        header.setSectionResizeMode(AnnexReviewModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        return table

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        width = min(1280, available.width() - 40) if available else 1200
        height = min(800, available.height() - 60) if available else 700
        self.resize(width, height)

    # -- behaviour -------------------------------------------------------------------------------------------
    def given(self) -> PlanInput:
        """The plan fields as now typed."""
        return PlanInput(*(self.edits[name].text().strip() for name in _FIELDS))

    def _update(self) -> None:
        reading = self._preview.reading
        keep = {i: row.keep for i, row in enumerate(self.model.rows())}
        self._show(self._recompute(reading.with_rows_kept(keep), self.given()))

    def _show(self, preview: IntakePreview) -> None:
        self._preview = preview
        reading = preview.reading
        if preview.plan and not self.edits["issuer"].text().strip():  # taken from the stored plan: shown, editable
            self.edits["issuer"].setText(preview.plan.issuer)
        for name in _FIELDS:
            field = reading.plan_fields.get(name)
            missing = next((p for p in preview.problems if p.startswith(("thiếu " + PLAN_FIELD_LABELS[name].lower(),
                                                                        PLAN_FIELD_LABELS[name].lower()))), "")
            if missing:
                self.found[name].setText("⚠ " + missing[:1].upper() + missing[1:])
                self.found[name].setStyleSheet(ERROR_STYLE)
            elif field and field.value and self.edits[name].text().strip() == _shown(name, field.value):
                self.found[name].setText(f"đọc từ {field.where}")
                self.found[name].setStyleSheet(NOTE_STYLE)
            elif field and field.doubt:
                self.found[name].setText(f"⚠ Tệp ghi {field.doubt} ({field.where}); hãy kiểm tra")
                self.found[name].setStyleSheet(ERROR_STYLE)
            else:
                self.found[name].setText("do bạn nhập" if self.edits[name].text().strip() else "")
                self.found[name].setStyleSheet(NOTE_STYLE)
        self.summary.setText("\n".join(self._summary_lines(preview)))
        self.outcome.setText("\n".join(self._outcome_lines(preview)))
        self.outcome.setStyleSheet(ERROR_STYLE if not preview.ready else "")
        self.save_button.setEnabled(preview.ready)

    @staticmethod
    def _summary_lines(preview: IntakePreview) -> list[str]:
        reading = preview.reading
        lines = [f"Bảng phụ lục ở {reading.source}. Các cột đã dùng: "
                 + "; ".join(f"cột {c.column} “{c.header}” → {c.label}" for c in reading.columns) + "."]
        lines += reading.notes
        lines += preview.notes
        return lines

    @staticmethod
    def _outcome_lines(preview: IntakePreview) -> list[str]:
        rows = [r for r in preview.reading.rows if r.keep]
        targets = sum(r.kind is RowKind.TARGET for r in rows)
        groups = sum(r.kind is RowKind.GROUP for r in rows)
        head = f"Sẽ nhập {targets} chỉ tiêu trong {groups} nhóm."
        if preview.plan is None:
            return [head, "Chưa lưu được: " + "; ".join(preview.problems) + "."]
        if preview.blocked:
            return [head, "Không lưu được: " + " ".join(preview.blocked)]
        if preview.existing_plan_id is None:
            return [f"{head} Kế hoạch mới: {preview.plan.label}."]
        if not preview.changes:
            return [f"{head} Kế hoạch {preview.plan.number} đã có; chỉ tiêu không thay đổi."]
        counts = {kind: sum(c.kind == kind for c in preview.changes) for kind in ("thêm", "sửa", "bỏ")}
        detail = "; ".join(f"{c.kind} {c.code}" + (f" ({c.what})" if c.what else "") for c in preview.changes[:12])
        more = f"; … và {len(preview.changes) - 12} thay đổi khác" if len(preview.changes) > 12 else ""
        return [f"{head} Kế hoạch {preview.plan.number} đã có — nhập lại sẽ thêm {counts['thêm']}, sửa "
                f"{counts['sửa']}, bỏ {counts['bỏ']} chỉ tiêu: {detail}{more}."]

    def _filter(self) -> None:
        only, skipped = self.only_doubts.isChecked(), self.show_skipped.isChecked()
        for source_row, row in enumerate(self.model.rows()):
            hidden = (only and not row.doubt) or (not skipped and row.kind is RowKind.SKIPPED and not row.doubt)
            self.table.setRowHidden(source_row, hidden)

    def accept(self) -> None:
        self._update()  # a field typed and not yet left counts
        if not self._preview.ready:
            return
        self._result = self._preview
        super().accept()

    def result_preview(self) -> IntakePreview | None:
        """The preview to save, or None when cancelled."""
        return self._result


def _shown(name: str, value: str) -> str:
    """A plan field as the officer types it: the date as dd/mm/yyyy."""
    return display_date(value) if name == "date" and value else value
