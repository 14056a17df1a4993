"""Main window: the current catalogue's targets, searchable; catalogue import/export."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow,
                               QTableView, QVBoxLayout, QWidget)

from .. import __version__
from ..io.workbook_errors import WorkbookError
from ..services import catalogues
from ..storage.errors import StorageError
from . import messages
from .models.target_table_model import TargetFilterModel, TargetTableModel, rows_of


class MainWindow(QMainWindow):
    """Lists the targets of the chosen plan."""

    def __init__(self, db: sqlite_utils.Database, db_path: Path, parent=None) -> None:
        super().__init__(parent)
        self.db, self.db_path = db, db_path
        self.setWindowTitle("DTI Desktop — Theo dõi chỉ tiêu chuyển đổi số")
        self.model = TargetTableModel(self)
        self.proxy = TargetFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self._build_widgets()
        self._build_menus()
        self.reload_plans()

    # -- construction -------------------------------------------------------
    def _build_widgets(self) -> None:
        self.plan_combo = QComboBox()
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm chỉ tiêu (gõ không dấu cũng được, ví dụ: chu ky so)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Kế hoạch:"))
        top.addWidget(self.plan_combo, 1)
        top.addWidget(self.search, 1)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TargetTableModel.COL_TT, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TargetTableModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        for col, width in ((TargetTableModel.COL_TT, 60), (TargetTableModel.COL_GROUP, 130),
                           (TargetTableModel.COL_LEAD, 190), (TargetTableModel.COL_PROVINCE, 110),
                           (TargetTableModel.COL_LOCAL, 140), (TargetTableModel.COL_LEVEL, 130)):
            self.table.setColumnWidth(col, width)
        # Wrapped text: row heights follow the column widths, which are only known once shown.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        self.import_action = QAction("&Nhập danh mục từ Excel…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+O"))
        self.import_action.triggered.connect(self.import_catalogue)
        self.export_action = QAction("&Xuất danh mục ra Excel…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_catalogue)
        quit_action = QAction("T&hoát", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        for action in (self.import_action, self.export_action, quit_action):
            file_menu.addAction(action)
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        about = QAction("&Giới thiệu", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.table.resizeRowsToContents()

    # -- behaviour ----------------------------------------------------------
    def reload_plans(self, select_id: int | None = None) -> None:
        current = select_id or catalogues.choose_plan(self.db).id
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for summary in catalogues.plans(self.db):
            label = f"Năm {summary.plan.year} — {summary.plan.number} — {summary.plan.locality or summary.plan.issuer}"
            self.plan_combo.addItem(label, summary.id)
        self.plan_combo.setCurrentIndex(max(0, self.plan_combo.findData(current)))
        self.plan_combo.blockSignals(False)
        self._plan_chosen()

    def current_plan_id(self) -> int:
        return self.plan_combo.currentData()

    def _plan_chosen(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id is None:
            return
        catalogue = catalogues.catalogue_of(self.db, plan_id)
        catalogues.set_current_plan(self.db, plan_id)
        self.model.set_rows(rows_of(catalogue))
        self.table.resizeRowsToContents()
        self._update_count()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self.table.resizeRowsToContents()
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"Hiển thị {shown}/{total} chỉ tiêu")

    def import_catalogue(self) -> None:
        path = messages.open_file(self, "Nhập danh mục chỉ tiêu từ Excel")
        if not path:
            return
        try:
            catalogue, result = catalogues.import_workbook(self.db, Path(path))
        except WorkbookError as error:
            messages.error(self, "Không nhập được danh mục", error.summary())
            return
        except (StorageError, OSError) as error:
            messages.error(self, "Không nhập được danh mục", str(error))
            return
        self.reload_plans(result.plan_id)
        messages.info(self, "Đã nhập danh mục",
                      f"Kế hoạch {catalogue.plan.number}: {len(catalogue.targets())} chỉ tiêu.")

    def export_catalogue(self) -> None:
        catalogue = catalogues.catalogue_of(self.db, self.current_plan_id())
        suggested = f"danh-muc-chi-tieu-{catalogue.plan.year}.xlsx"
        path = messages.save_file(self, "Xuất danh mục chỉ tiêu ra Excel", suggested)
        if not path:
            return
        try:
            from ..io.xlsx_catalogue_export import export_catalogue

            export_catalogue(catalogue, Path(path))
        except OSError as error:
            messages.error(self, "Không xuất được danh mục", f"Không ghi được tệp {path}: {error.strerror}")
            return
        messages.info(self, "Đã xuất danh mục", f"Đã ghi {len(catalogue.targets())} chỉ tiêu ra {path}.")

    def show_about(self) -> None:
        size = self.db_path.stat().st_size if self.db_path.exists() else 0
        messages.info(self, "Giới thiệu DTI Desktop",
                      f"DTI Desktop {__version__}\nTheo dõi chỉ tiêu chuyển đổi số — ngoại tuyến.\n\n"
                      f"Dữ liệu: {self.db_path.parent}\nCơ sở dữ liệu: {size / 1024:,.0f} KB".replace(",", "."))
