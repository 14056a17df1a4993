"""The office's consolidation of every target at once (targets × units), filtered by group of targets and by unit;
a double-click on a target opens its detail (each unit's result, status, evidence, remarks)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..services.district_matrix import Consolidation
from .models.office_models import ConsolidationModel
from .plain import tip

UNIT_COLUMN_PX = 96  # a unit's column: its cell says Đạt / Chưa đạt / Chưa báo cáo; its full name in the tooltip


class ConsolidationPanel(QWidget):
    """detail_wanted(index of the target in the consolidation) on a double-click."""

    detail_wanted = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = ConsolidationModel(self)
        self.group = QComboBox()
        self.unit = QComboBox()
        self.unit.setMinimumContentsLength(28)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for combo in (self.group, self.unit):
            combo.currentIndexChanged.connect(self._filter)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultSectionSize(UNIT_COLUMN_PX)
        self.view.doubleClicked.connect(self._double_clicked)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Nhóm chỉ tiêu:"))
        bar.addWidget(self.group, 1)
        bar.addWidget(QLabel("Đơn vị:"))
        bar.addWidget(self.unit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)

    loading = False

    def set_loading(self, period) -> None:
        """The month's table is being read (off the GUI thread): say so, keep the old one greyed."""
        self.loading = True
        self.view.setEnabled(False)
        self.note.setText(f"Đang tổng hợp {period.label.lower()}…")

    def set_consolidation(self, c: Consolidation) -> None:
        """A month's table; the filters chosen stay when the group or unit is still there."""
        group, unit = self.group.currentData(), self.unit.currentText()
        for combo in (self.group, self.unit):
            combo.blockSignals(True)
            combo.clear()
        self.group.addItem("Tất cả các nhóm", None)
        for name in c.group_names():
            self.group.addItem(name, name)
            self.group.setItemData(self.group.count() - 1, tip(name), Qt.ItemDataRole.ToolTipRole)
        self.unit.addItem(f"Tất cả {len(c.units)} đơn vị", None)
        for i, name in enumerate(c.units):
            self.unit.addItem(name, i)
        self.group.setCurrentIndex(max(0, self.group.findData(group)) if group else 0)
        self.unit.setCurrentIndex(max(0, self.unit.findText(unit)) if unit else 0)
        for combo in (self.group, self.unit):
            combo.blockSignals(False)
        self._consolidation = c
        self.loading = False
        self.view.setEnabled(True)
        self._filter()

    def _filter(self) -> None:
        c = getattr(self, "_consolidation", None)
        self.model.set_consolidation(c, self.group.currentData(), self.unit.currentData())
        if c is None:
            return
        header = self.view.horizontalHeader()
        self.view.resizeColumnToContents(ConsolidationModel.COL_CODE)
        header.resizeSection(ConsolidationModel.COL_TEXT, 380)
        self.view.resizeColumnToContents(ConsolidationModel.COL_SHARE)
        if self.unit.currentData() is not None:  # one unit: its column as wide as its name
            self.view.resizeColumnToContents(ConsolidationModel.FIRST_UNIT)
        shown = self.model.rowCount() - 1
        self.note.setText(f"{c.period.label}: {shown} chỉ tiêu × {self.model.columnCount() - 3} đơn vị. Mỗi tỷ lệ ghi "
                          "số đạt trên số được giao; dòng cuối là tỷ lệ của từng đơn vị. Nháy đúp một chỉ tiêu để xem "
                          "kết quả, minh chứng, khó khăn, đề xuất của từng đơn vị.")

    def _double_clicked(self, index) -> None:
        target = self.model.target_index(index.row())
        if target is not None:
            self.detail_wanted.emit(target)
