"""The focal officer's workspace: the month's targets, the entry form, history, overview."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..domain.numbers import format_number
from ..domain.periods import QUARTER_NAMES, Period
from ..domain.progress import ProgressEntry, Status
from ..domain.validation import evidence_warning
from ..domain.workspace import TargetStatusRow, deadline_info, default_period
from ..paths import evidence_dir
from ..services import catalogues, locks, month_round, workspace
from ..services.errors import KNOWN
from . import messages
from .entry_form import EntryForm
from .messages import error_text
from .models.history_table_model import HistoryTableModel
from .models.workspace_table_model import NO_ENTRY, RAW_ROLE, WorkspaceTableModel
from .plain import html
from .report_actions import report_day

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils


def run_task(*args, **kwargs):
    """ui.tasks, loaded when the first long job starts (start-up time)."""
    from .tasks import run_task as run

    return run(*args, **kwargs)


def register_fonts() -> None:
    from ..io.pdf_render import register_fonts as register

    register()

KNOWN_ERRORS = KNOWN  # known errors (services/errors.py); anything else is a bug, logged and told as unexpected
PDF_NAMES = {"month": "bao-cao-thang", "quarter": "bao-cao-quy", "year": "bao-cao-nam", "summary": "phieu-tong-hop",
             "district": "bao-cao-tong-hop"}  # suggested file names, as the other exports: Vietnamese, no accents
# The target's text column, in average characters, beside the fixed columns (its full text is in the tooltip and
# the panel); 15 since the result column grew by about as much, so the entry pane keeps its width at 1093 px.
MIN_TEXT_CHARS = 15
MIN_DETAIL_WIDTH = 340  # px: the entry form stays usable
# The longest usual content of the table's fixed columns, which set their widths. A result is often two measures,
# one a share with a decimal (a fraction shows as its share): "100%; 97,5%" ("100; 97" cut those to "100; 9…").
COLUMN_SAMPLES = {WorkspaceTableModel.COL_TT: ("TT▲",), WorkspaceTableModel.COL_GOAL: ("100%; 95%",),
                  WorkspaceTableModel.COL_VALUE: ("100%; 97,5%",),
                  WorkspaceTableModel.COL_STATUS: ("Chưa có kết quả",), WorkspaceTableModel.COL_UPDATED: ("00/00/0000",)}
REPORT_KINDS = {"month": "Báo cáo tháng", "quarter": "Báo cáo quý", "year": "Báo cáo năm",
                "summary": "Phiếu tổng hợp (một trang)", "district": "Báo cáo tổng hợp các đơn vị"}


class MainWindow(QMainWindow):
    """One window; every data access goes through dti_desktop.services."""

    def __init__(self, db: sqlite_utils.Database, db_path: Path, today: date | None = None,
                 read_only: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.db, self.db_path = db, Path(db_path)
        self.read_only = read_only
        self._close_pending = False  # closing waits for running work (closeEvent)
        self.store = evidence_dir(self.db_path)
        self.today = today or date.today()
        self.ctx = workspace.context(db, read_only=read_only, today=self.today)
        # the month last used in this plan (the window opened on 12/2025 whatever the officer had left it on)
        self.period = month_round.start_period(db, self.ctx, self.today) or default_period(self.today,
                                                                                            self.ctx.plan.plan.year)
        self._period_of_year: dict[int, Period] = {}  # the month last chosen in each plan year (switching back)
        self.current: TargetStatusRow | None = None
        self.lock = None
        self._overview_stale = True
        self.setWindowTitle("DTI Desktop — Theo dõi chỉ tiêu chuyển đổi số")
        self.model = WorkspaceTableModel(self)
        self.history_model = HistoryTableModel(self)
        self._build()
        self._build_menus()
        self.show_office_tools(workspace.office_tools_shown(db, self.ctx))
        self._fill_plans()
        self._fill_periods()
        self.reload_rows()
        if read_only:
            self._make_read_only()

    def _make_read_only(self) -> None:
        """Everything that writes is switched off; the title and banner say why."""
        for action in (self.save_action, self.import_action, self.export_package_action, self.reopen_action,
                       self.settings_action, self.restore_action, self.new_year_action):
            action.setEnabled(False)
        self.form.set_editable(False)
        self.setWindowTitle(self.windowTitle() + " — CHỈ XEM")

    @property
    def district(self):
        """The consolidating office's workspace, made on first use."""
        if self._district is None:
            from .district_tab import DistrictTab

            self._district = DistrictTab(self.db, self.db_path, self.store, self.today)
            self.district_page.layout().addWidget(self._district)
            self._district.set_read_only(self.read_only)
            from .report_actions import edit_texts

            self._district.texts_wanted.connect(lambda: edit_texts(self, "district"))
            self._district.period_wanted.connect(self._go_to_month)
        return self._district

    def _go_to_month(self, period: Period) -> None:
        """The month the office just imported, when the plan shown has it: its summary follows that month."""
        index = self.period_combo.findData(period.key)
        if index >= 0:
            self.period_combo.setCurrentIndex(index)

    @property
    def annex_editor(self):
        """The "Danh mục chỉ tiêu" tab, where an office drafts an annex; made on first use."""
        if self._annex_editor is None:
            from .annex_editor import AnnexEditor

            self._annex_editor = AnnexEditor(self.db, lambda: self.ctx.settings.who, self.today)
            self._annex_editor.set_read_only(self.read_only)
            self._annex_editor.plan_created.connect(self._plan_created)
            self._annex_editor.catalogue_changed.connect(self._catalogue_edited)
            self._annex_editor.export_requested.connect(self.export_catalogue)
            self.annex_page.layout().addWidget(self._annex_editor)
        return self._annex_editor

    def bring_forward(self) -> None:
        """Another start asked for this window."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- construction -------------------------------------------------------------
    def _build(self) -> None:
        self.unit_label = QLabel()
        self.unit_label.setTextFormat(Qt.TextFormat.RichText)  # HTML made here, the names in it escaped
        self.plan_combo = QComboBox()
        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)
        self.period_combo = QComboBox()
        self.period_combo.currentIndexChanged.connect(self._period_chosen)
        top = QHBoxLayout()
        top.addWidget(self.unit_label)
        top.addStretch(1)
        top.addWidget(QLabel("Kế hoạch:"))
        top.addWidget(self.plan_combo)
        top.addWidget(QLabel("Kỳ báo cáo:"))
        top.addWidget(self.period_combo)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)  # it names the plan as its annex wrote it
        # offered when there is no plan of this year: the officer imports the annex the office sent
        self.banner_import = QPushButton("Nhập danh mục…")
        self.banner_import.setVisible(False)
        self.banner_import.clicked.connect(lambda: self.import_catalogue())
        # offered on a past year's plan when this year's is stored (just imported, or the officer looked back)
        self.banner_open = QPushButton()
        self.banner_open.setVisible(False)
        self.banner_open.clicked.connect(self.open_this_years_plan)
        self.banner_box = QFrame()
        self.banner_box.setObjectName("banner")
        banner_row = QHBoxLayout(self.banner_box)
        banner_row.setContentsMargins(6, 6, 6, 6)
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_import, 0, Qt.AlignmentFlag.AlignVCenter)
        banner_row.addWidget(self.banner_open, 0, Qt.AlignmentFlag.AlignVCenter)
        from .notice import Notice

        self.notice = Notice()  # what an action just did ("Đã chép …" with "Hoàn tác"), where the officer looks
        self.tabs = QTabWidget()
        self.tabs.addTab(self._targets_tab(), "Chỉ tiêu")
        from .overview import OverviewWidget

        self.overview = OverviewWidget()
        self.tabs.addTab(self.overview, "Tổng quan")
        self._district = None  # built when its tab is first opened (start-up time)
        self.district_page = QWidget()
        QVBoxLayout(self.district_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.district_page, "Tổng hợp (cơ quan tổng hợp)")
        self._annex_editor = None  # built when its tab is first opened
        self.annex_page = QWidget()
        QVBoxLayout(self.annex_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.annex_page, "Danh mục chỉ tiêu")
        self.tabs.currentChanged.connect(self._tab_changed)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.banner_box)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _targets_tab(self) -> QWidget:
        self.status_filter = QComboBox()
        self.status_filter.addItem("Mọi tình trạng", None)
        self.status_filter.addItem("Chưa có kết quả", NO_ENTRY)
        for status in Status:
            self.status_filter.addItem(status.label, status.value)
        self.status_filter.currentIndexChanged.connect(
            lambda: self._filtered(self.model.set_status(self.status_filter.currentData())))
        self.group_filter = QComboBox()
        self.group_filter.currentIndexChanged.connect(
            lambda: self._filtered(self.model.set_group(self.group_filter.currentData())))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm chỉ tiêu (gõ không dấu cũng được: chu ky so)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._filtered(self.model.set_search(text)))
        filters = QHBoxLayout()
        for w in (QLabel("Lọc:"), self.status_filter, self.group_filter):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        self.table = self._make_table()
        self.form = EntryForm()
        self._connect_form()
        self.detail_tabs = QTabWidget()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)  # detail.target_details_html: the catalogue's words escaped
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.info_scroll = QScrollArea()
        self.info_scroll.setWidgetResizable(True)
        self.info_scroll.setWidget(self.info)
        self.history_view = QTableView()
        self.history_view.setModel(self.history_model)
        self.history_view.setWordWrap(True)
        # by pixels: a change of a long note makes a row taller than the view, whose middle a row-by-row scroll
        # never showed
        self.history_view.setVerticalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.verticalHeader().setVisible(False)
        self.detail_tabs.addTab(self.form, "Kết quả tháng")  # it scrolls its middle: the name, results, Save stay
        self.detail_tabs.addTab(self.info_scroll, "Thông tin chỉ tiêu")
        self.detail_tabs.addTab(self.history_view, "Lịch sử")
        self._history_of, self._history_stale = (None, ()), False
        self._info_stale = False
        self.detail_tabs.currentChanged.connect(self._detail_tab_shown)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 580])
        self.detail_tabs.setMinimumWidth(MIN_DETAIL_WIDTH)
        self.count_label = QLabel()
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count_label)
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)
        return tab

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(WorkspaceTableModel.COL_TT, Qt.SortOrder.AscendingOrder)
        table.setWordWrap(False)  # one line per target: the full text is in the tooltip and the panel
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(WorkspaceTableModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        # Widths from the font (so they follow the screen's scaling): each column as wide as its header or its
        # longest usual content. The table never gets narrower than all of them plus a readable target text, nor
        # the entry pane than MIN_DETAIL_WIDTH: at 1093 px (1366x768 at 125 %) every column stays in view.
        fm = header.fontMetrics()
        pad = 2 * fm.averageCharWidth() + 4
        fixed = 0
        for col, title in enumerate(WorkspaceTableModel.HEADERS):
            if col != WorkspaceTableModel.COL_TEXT:
                width = max(fm.horizontalAdvance(text) for text in (title, *COLUMN_SAMPLES.get(col, ()))) + pad
                table.setColumnWidth(col, width)
                fixed += width
        table.setMinimumWidth(fixed + fm.averageCharWidth() * MIN_TEXT_CHARS
                              + table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth())
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        return table

    def _connect_form(self) -> None:
        self.form.save_requested.connect(self.save_entry)
        self.form.copy_previous_requested.connect(self.copy_previous)
        self.form.next_empty_requested.connect(lambda: self.round.next_empty())
        self.form.add_files_requested.connect(self._choose_files)
        self.form.open_requested.connect(self.open_attachment)
        self.form.remove_requested.connect(self.remove_attachment)
        self.form.dirty_changed.connect(self._dirty_changed)

    def _build_menus(self) -> None:
        from .month_round import MonthRound

        self.round = MonthRound(self)  # copy the whole month, the checklist, F8
        file_menu = self.menuBar().addMenu("&Tệp")
        self.save_action = self._action("&Lưu kết quả", self.save_entry, QKeySequence.StandardKey.Save)
        self.import_action = self._action("&Nhập danh mục (Excel, Word, PDF)…", self.import_catalogue, "Ctrl+O")
        self.export_action = self._action("&Xuất danh mục ra Excel…", self.export_catalogue, "Ctrl+E")
        self.data_folder_action = self._action("Mở &thư mục dữ liệu", self.open_data_folder)
        for action in (self.save_action, self.round.next_action, self.import_action, self.export_action):
            file_menu.addAction(action)
        self.new_year_action = self._action("&Lập danh mục năm mới từ danh mục này…", self.new_year_catalogue)
        self.edit_catalogue_action = self._action("Soạn, sửa &danh mục chỉ tiêu", self.show_annex_editor)
        file_menu.addAction(self.new_year_action)
        file_menu.addAction(self.edit_catalogue_action)
        file_menu.addAction(self.data_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("T&hoát", self.close, "Ctrl+Q"))
        report = self.menuBar().addMenu("&Báo cáo")
        self.export_package_action = self._action("&Gửi báo cáo tháng (xuất gói)…", self.export_package,
                                                  "Ctrl+Shift+E")
        self.reopen_action = self._action("&Mở lại kỳ đã gửi…", self.reopen_period)
        for action in (self.round.copy_action, self.round.undo_action, None, self.round.check_action):
            report.addAction(action) if action else report.addSeparator()
        report.addAction(self.export_package_action)
        report.addAction(self.reopen_action)
        from .answer_actions import AnswerActions  # the office's answer taken in: menu, drop, returned month

        self.answers = AnswerActions(self, report)
        report.addSeparator()
        preview_menu = report.addMenu("Xem trước và &in")
        pdf_menu = report.addMenu("Lưu báo cáo ra &PDF")
        self.preview_actions, self.pdf_actions = {}, {}
        for kind, label in REPORT_KINDS.items():
            self.preview_actions[kind] = self._action(label, lambda _=False, k=kind: self.preview_report(k))
            self.pdf_actions[kind] = self._action(label, lambda _=False, k=kind: self.save_report_pdf(k))
            preview_menu.addAction(self.preview_actions[kind])
            pdf_menu.addAction(self.pdf_actions[kind])
        self.preview_actions["month"].setShortcut(QKeySequence.StandardKey.Print)
        from .report_actions import add_to_menu  # Word files, the report's texts, the register (issue 20)

        add_to_menu(self, report, REPORT_KINDS)
        toolbar = self.addToolBar("Thao tác")
        toolbar.setObjectName("main-toolbar")
        self.export_package_action.setIconText("Gửi báo cáo tháng")
        self.print_month_action = self._action("In báo cáo tháng…", lambda: self.preview_report("month"))
        for action in (self.save_action, self.round.copy_action, self.round.check_action, self.export_package_action,
                       self.reopen_action, self.print_month_action):
            toolbar.addAction(action)
        tools = self.menuBar().addMenu("&Công cụ")
        self.settings_action = self._action("&Cài đặt…", self.edit_settings, "Ctrl+,")
        tools.addAction(self.settings_action)
        self.backup_action = self._action("&Sao lưu ngay", self.backup_now)
        self.restore_action = self._action("&Khôi phục từ bản sao lưu…", self.restore_backup)
        tools.addAction(self.backup_action)
        tools.addAction(self.restore_action)
        self.own_key_action = self._action("Khóa &ký của máy này…", self.show_own_key)
        tools.addAction(self.own_key_action)
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        help_menu.addAction(self._action("&Giới thiệu", self.show_about))

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    # -- plans, periods, rows -----------------------------------------------------
    def _fill_plans(self) -> None:
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        self._plans = catalogues.plans(self.db)
        for summary in self._plans:
            self.plan_combo.addItem(f"{summary.plan.number} — năm {summary.plan.year}", summary.id)
        self.plan_combo.setCurrentIndex(max(0, self.plan_combo.findData(self.ctx.plan.id)))
        self.plan_combo.blockSignals(False)
        self.unit_label.setText(f"<b>{html(self.ctx.unit.name)}</b>"
                                + (f" — {html(self.ctx.unit.district)}" if self.ctx.unit.district else ""))

    def _fill_periods(self) -> None:
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for month in range(1, 13):
            period = Period(self.ctx.plan.plan.year, month)
            self.period_combo.addItem(period.label, period.key)
        self.period_combo.setCurrentIndex(self.period_combo.findData(self.period.key))
        self.period_combo.blockSignals(False)

    def reload_rows(self, keep: int | None = None) -> None:
        """Re-read the month's rows; reselect the assignment `keep` (or the first row)."""
        rows = workspace.rows(self.db, self.ctx, self.period)
        self.model.set_rows(rows)  # a reset: measured faster here than dataChanged plus re-sorting
        self._fill_group_filter(rows)
        self._update_banner(rows)
        self._overview_stale = True
        if self.tabs.currentWidget() is self.overview:
            self._refresh_overview()
        elif self.tabs.currentWidget() is self.district_page and self._district is not None:
            self._district.refresh(self.period, self.ctx)  # the office's view follows the month chosen above it
        if keep is None and self.model.rowCount():  # the first row shown: a filter may hide the first of all
            keep = self.model.row_at(0).assignment_id
        self.select_assignment(keep)

    def _fill_group_filter(self, rows: list[TargetStatusRow]) -> None:
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        self.group_filter.addItem("Mọi nhóm", None)
        for label in dict.fromkeys(r.group_label for r in rows):
            self.group_filter.addItem(label, label)
        self.group_filter.setCurrentIndex(max(0, self.group_filter.findData(current)))
        self.group_filter.blockSignals(False)
        self.model.set_group(self.group_filter.currentData())

    def _update_banner(self, rows: list[TargetStatusRow]) -> None:
        self.lock = locks.lock_state(self.db, self.ctx, self.period)
        locked = self.lock is not None and self.lock.locked
        writable = not self.read_only  # a read-only copy never writes, whatever the month
        self.form.set_editable(not locked and writable)
        self.save_action.setEnabled(not locked and writable)
        self.reopen_action.setEnabled(locked and writable)
        self.export_package_action.setEnabled(not locked and writable)
        self.round.update(locked)
        no_plan = self._no_plan_this_year()
        self.banner_import.setVisible(bool(no_plan) and writable)
        self.banner_import.setText(f"Nhập danh mục năm {self.today.year}…")
        self.banner_open.setVisible(self._this_years_plan() is not None and self.ctx.plan.plan.year != self.today.year)
        self.banner_open.setText(f"Mở kế hoạch năm {self.today.year}")
        lead = f"{no_plan} " if no_plan else ""
        self.answers.refresh()
        if self.lock is not None:
            self._set_banner(self.answers.banner_colour("#fff3cd" if no_plan else "#cfe2ff"),
                             lead + locks.describe_lock(self.lock) + self.answers.banner_text())
            return
        if not rows:  # "Tất cả chỉ tiêu đã có kết quả" said of none
            note = " Bản chỉ xem không tự phân công: hãy mở kế hoạch này ở bản ghi được." if self.read_only else ""
            self._set_banner("#fff3cd" if no_plan else "#e2e3e5",
                             f"{lead}Đơn vị chưa được giao chỉ tiêu nào của kế hoạch này.{note}")
            return
        if self.ctx.plan.plan.year < self.today.year:  # a year gone by: no deadline left to keep, none overdue
            self._set_banner("#fff3cd" if no_plan else "#e2e3e5", lead + self._past_year_text(rows))
            return
        info = deadline_info(self.period, workspace.report_day(self.ctx), self.today, rows)
        colour = "#f8d7da" if info.days_left < 0 and info.missing_codes else "#fff3cd" if info.missing_codes else "#d1e7dd"
        office = self.ctx.settings.consolidating_office
        self._set_banner(colour, lead + info.text() + (f" Gửi: {office}." if office else ""))

    def _this_years_plan(self):
        return next((p for p in self._plans if p.plan.year == self.today.year), None)

    def open_this_years_plan(self) -> None:
        """The banner's button: this year's plan in the window (as if chosen in the list above)."""
        plan = self._this_years_plan()
        if plan is not None:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan.id))

    def _no_plan_this_year(self) -> str:
        """What the banner says first when no plan of this year is stored; "" when one is."""
        year = self.today.year
        if any(p.plan.year == year for p in self._plans):
            return ""
        shown = self.ctx.plan.plan
        if shown.year > year:
            return f"Chưa có kế hoạch năm {year} (đang xem kế hoạch {shown.number} năm {shown.year})."
        return (f"Chưa có kế hoạch năm {year}: đang xem kế hoạch {shown.number} năm {shown.year}. Hãy nhập danh "
                f"mục chỉ tiêu năm {year} do cơ quan tổng hợp gửi (tệp Excel); cơ quan tổng hợp lập danh mục mới ở "
                "Tệp → Lập danh mục năm mới.")

    def _past_year_text(self, rows: list[TargetStatusRow]) -> str:
        """A month of a year gone by: what is missing, without a deadline (December was "đã quá hạn 354 ngày")."""
        missing = [r.code for r in rows if r.entry is None]
        head = f"Kế hoạch năm {self.ctx.plan.plan.year} đã hết năm, không còn hạn báo cáo."
        if not missing:
            return f"{head} {self.period.label}: tất cả chỉ tiêu đã có kết quả."
        shown = ", ".join(missing[:12]) + (" …" if len(missing) > 12 else ".")
        return f"{head} {self.period.label}: {len(missing)} chỉ tiêu chưa có kết quả: {shown}"

    def _set_banner(self, colour: str, text: str) -> None:
        """Restyle only when the colour changes: a new style sheet re-polishes and re-lays out the window."""
        style = f"QFrame#banner {{ background: {colour}; border-radius: 4px; }}"
        if self.banner_box.styleSheet() != style:
            self.banner_box.setStyleSheet(style)
        self.banner.setText(text)

    def _update_count(self, *_) -> None:
        self.count_label.setText(f"Hiển thị {self.model.rowCount()}/{self.model.total()} chỉ tiêu")

    def select_assignment(self, assignment_id: int | None) -> None:
        for r in range(self.model.rowCount()):
            row = self.model.row_at(r)
            if row.assignment_id == assignment_id:
                if self.table.currentIndex().row() == r:  # already there (rows refreshed in place)
                    self._show_row(row)
                    return
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(r, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(self.model.index(r, 0))
                return
        self._show_row(None)

    def _filtered(self, _=None) -> None:
        """After a filter: the table back on the form's target when it shows (a filter that hid it cleared the
        selection, and clearing the filter did not bring it back); the form keeps its target and edits either way."""
        if self.current is not None:
            self._highlight(self.current.assignment_id)
        elif self.model.rowCount():
            self.select_assignment(self.model.row_at(0).assignment_id)

    def _highlight(self, assignment_id: int) -> None:
        """Put the table's cursor and selection on a target without loading it into the form (its edits stay)."""
        for r in range(self.model.rowCount()):
            if self.model.row_at(r).assignment_id == assignment_id:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(r, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                return

    # -- leaving an entry ------------------------------------------------------------
    def leave_entry(self) -> bool:
        """True when it is fine to show something else: saved, discarded, or nothing to lose."""
        if self.current is None or not self.form.is_dirty():
            return True
        answer = messages.ask_unsaved(self)
        if answer == messages.SAVE:
            return self.save_entry()
        if answer == messages.DISCARD:  # what is stored shows again: discarded edits stayed on screen under the
            self.form.revert()          # month just sent, and asked to be saved at the next move
            return True
        return False

    def _row_changed(self, current, previous) -> None:
        row = current.data(RAW_ROLE) if current.isValid() else None
        if self.current is not None and row is not None and row.assignment_id == self.current.assignment_id:
            return
        if not self.leave_entry():
            # Back to the target still in the form once the view is done with the click or key: restored at once,
            # the view then selected the row clicked, and the table highlighted another target than the form's.
            # (Selecting the form's own target comes back here and stops at the first test.)
            keep = self.current.assignment_id
            QTimer.singleShot(0, lambda: self._highlight(keep))
            return
        now = self.table.currentIndex()
        if row is not None and (not now.isValid() or now.data(RAW_ROLE).assignment_id != row.assignment_id):
            # "Lưu" reloaded the table and put the selection back on the saved target: go on to the one clicked
            self.select_assignment(row.assignment_id)
            return
        self._show_row(row)

    def _period_chosen(self) -> None:
        key = self.period_combo.currentData()
        if key is None or key == self.period.key:
            return
        if not self.leave_entry():
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentIndex(self.period_combo.findData(self.period.key))
            self.period_combo.blockSignals(False)
            return
        self.period = Period.parse(key)
        self._remember_period()
        keep = self.current.assignment_id if self.current else None
        self.current = None
        self.reload_rows(keep)  # stay on the same target in the new month

    def _plan_chosen(self) -> None:
        plan_id = self.plan_combo.currentData()
        if plan_id is None or plan_id == self.ctx.plan.id:
            return
        if not self.leave_entry():
            self.plan_combo.blockSignals(True)
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(self.ctx.plan.id))
            self.plan_combo.blockSignals(False)
            return
        if not self.read_only:
            catalogues.set_current_plan(self.db, plan_id)
        self.ctx = workspace.context(self.db, plan_id=plan_id, read_only=self.read_only)
        self.period = self.period_for_plan_year(self.ctx.plan.plan.year)
        self.current = None
        self._fill_periods()
        self.reload_rows()
        self._remember_period()
        if self._annex_editor is not None and self.tabs.currentWidget() is self.annex_page:
            self._annex_editor.show_plan(self.ctx.plan.id)

    def _remember_period(self) -> None:
        """The month chosen, where the next start opens (in this plan)."""
        if not self.read_only:
            month_round.remember_period(self.db, self.ctx.plan.id, self.period)

    def period_for_plan_year(self, year: int) -> Period:
        """The month to show in a plan of `year`: the one the officer was on in that year (2025 → 2024 → 2025
        comes back to the month left, not to today's), else the default for that year."""
        self._period_of_year[self.period.year] = self.period
        return (self._period_of_year.get(year) or month_round.start_period(self.db, self.ctx, self.today)
                or default_period(self.today, year))  # else the month last used in that plan, at an earlier start

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.leave_entry():
            event.ignore()
            return
        # Work still running (an export, a restore, the automatic backup) ends first: the process would otherwise
        # exit in its middle. ui.tasks is loaded with the first task; not loaded, nothing runs.
        tasks = sys.modules.get(f"{__package__}.tasks")
        if tasks is not None and tasks.running(self):
            event.ignore()
            if not self._close_pending:
                self._close_pending = True
                tasks.finish_then(self, self._close_when_idle)
            return
        event.accept()

    def _close_when_idle(self) -> None:
        self._close_pending = False
        self.close()

    # -- the entry --------------------------------------------------------------------
    def _show_row(self, row: TargetStatusRow | None) -> None:
        self.current = row
        self.detail_tabs.setEnabled(row is not None)
        if row is None:  # nothing chosen (a filter hid the row just saved): an empty form, not the last one
            self.form.load(ProgressEntry(assignment_id=0, period=self.period.key), (), [])
            self.form.title.setText("Chọn một chỉ tiêu trong bảng bên trái.")
            self.form.set_office_comment("")
            self.info.setText("")
            self._info_stale = False
            self._history_of, self._history_stale = (None, ()), False
            self.history_model.set_rows([])
            self._dirty_changed(False)
            return
        entry = row.entry or workspace.blank_entry(row, self.period)
        measures = row.measures
        self.form.load(entry, measures, workspace.attachments(self.db, entry.id))
        self.form.title.setText(f"{row.code}. {row.target.text}")
        self.form.set_office_comment(self.answers.comment(row.code))
        self._info_stale = True
        self._history_of = (entry.id, measures)
        self._history_stale = True
        self._detail_tab_shown()
        self._dirty_changed(False)

    def _detail_tab_shown(self, _index: int = -1) -> None:
        """The target's details and history are filled when their tab is shown, not on every change of target
        or month (and not at start-up)."""
        shown = self.detail_tabs.currentWidget()
        if shown is self.info_scroll and self._info_stale and self.current is not None:
            from .detail import target_details_html

            self.info.setText(target_details_html(self.current))
            self._info_stale = False
        elif shown is self.history_view:
            self._load_history()

    def _load_history(self) -> None:
        """The history tab is filled when it is shown (not on every change of target or month)."""
        if self._history_stale:
            from ..services.history import history

            entry_id, measures = self._history_of
            self.history_model.set_rows(history(self.db, entry_id, measures) if entry_id else [])
            self.history_view.resizeRowsToContents()
            self._history_stale = False

    def _dirty_changed(self, dirty: bool) -> None:
        name = f"Kết quả tháng{' *' if dirty else ''}"
        if self.detail_tabs.tabText(0) != name:  # a new tab text re-lays out the whole window
            self.detail_tabs.setTabText(0, name)

    def save_entry(self) -> bool:
        """Validate, confirm a "hoàn thành" without evidence, save; True when saved (or nothing to save)."""
        if self.current is None or self.read_only:
            return True
        if not self.form.is_dirty():
            if self.current.entry is not None:
                self.statusBar().showMessage("Không có thay đổi nào để lưu.", 4000)
                return True
            # An untouched form of a target with no result: Ctrl+S by mistake recorded "Chưa triển khai", took the
            # target off the banner's list of those without a result and into the next package. Asked, it still can.
            status = Status.CHUA_TRIEN_KHAI.label  # what is recorded: the box says "Chưa có kết quả" until then
            if not messages.confirm(self, "Chưa nhập gì",
                                    f"Chỉ tiêu {self.current.code} chưa có kết quả {self.period.label.lower()} và "
                                    f"chưa nhập gì. Ghi nhận tình trạng “{status}” cho chỉ tiêu này?", "Ghi nhận"):
                return True
        if self.form.validate():
            self.statusBar().showMessage("Chưa lưu: hãy sửa các ô báo lỗi.", 6000)
            self.detail_tabs.setCurrentIndex(0)
            return False
        draft = self.form.draft()
        warning = evidence_warning(draft.status, draft.evidence_notes, self.form.attachment_count())
        self.form.show_evidence_warning(warning)
        if warning and not messages.confirm(self, "Chưa có minh chứng", f"{warning}\nVẫn lưu?", "Vẫn lưu"):
            return False
        try:
            stored = self._copy_evidence()  # off the GUI thread: 4 files of 49 MB froze the window 0,5 s
            if stored is None:
                self.statusBar().showMessage("Đã hủy: chưa lưu.", 6000)
                return False
            workspace.save(self.db, self.store, draft, self.current.measures, [], self.ctx.settings.who,
                           carried=self.form.carried_files(), stored=tuple(stored))
        except KNOWN_ERRORS as error:
            messages.error(self, "Không lưu được", error_text(error))
            return False
        keep, code = self.current.assignment_id, self.current.code
        self.current = None
        self.reload_rows(keep)
        self.round.saved(code)  # beside the Save button, not only in the status bar
        return True

    def _copy_evidence(self) -> list | None:
        """The form's new files copied into the store (ui/evidence_copy.py); None when cancelled."""
        pending = self.form.pending_files()
        if not pending:
            return []
        from .evidence_copy import copy_into_store

        return copy_into_store(self, self.store, pending)

    def copy_previous(self) -> None:
        if self.current is None:
            return
        draft = workspace.copy_previous(self.db, self.current, self.period)
        if draft is None:
            self.statusBar().showMessage(f"Chỉ tiêu {self.current.code} chưa có kết quả "
                                         f"{self.period.previous().label.lower()} để chép.", 6000)
            return
        carried = workspace.previous_attachments(self.db, self.current, self.period)  # its files too
        self.form.load_draft(draft, carried)
        text = (f"Đã chép từ {self.period.previous().label.lower()}" + (f" (kèm {len(carried)} tệp minh chứng)"
                                                                       if carried else "") + "; hãy kiểm tra rồi lưu.")
        self.form.show_done(text)
        self.statusBar().showMessage(text, 6000)

    def _choose_files(self) -> None:
        paths = messages.open_files(self, "Chọn tệp minh chứng")
        if paths:
            self.form.add_files([Path(p) for p in paths])

    def open_attachment(self, attachment) -> None:
        if isinstance(attachment, Path):  # chosen but not saved yet: the original file
            if not attachment.is_file():
                messages.error(self, "Không mở được tệp", f"Không còn tệp {attachment}.")
                return
            messages.open_path(attachment)
            return
        try:
            path = workspace.viewing_copy(self.store, attachment, self.db_path.parent / "xem-tam")
        except OSError as error:
            messages.error(self, "Không mở được tệp", error_text(error))
            return
        messages.open_path(path)

    def remove_attachment(self, attachment) -> None:
        draft = self.form.draft()  # a "hoàn thành" left with no evidence is asked about, as when saving
        warning = evidence_warning(draft.status, draft.evidence_notes, self.form.attachment_count() - 1)
        if not messages.confirm(self, "Xóa tệp minh chứng",
                                f"Xóa “{attachment.original_name}” khỏi minh chứng của chỉ tiêu này?\n"
                                "Việc xóa được ghi vào lịch sử." + (f"\n\n{warning}" if warning else ""), "Xóa"):
            return
        workspace.remove_attachment(self.db, attachment.id, self.ctx.settings.who)
        self.form.set_attachments(workspace.attachments(self.db, attachment.entry_id))
        self.form.show_evidence_warning(warning)
        self._history_of, self._history_stale = (attachment.entry_id, self.current.measures), True
        if self.detail_tabs.currentWidget() is self.history_view:
            self._load_history()
        row = next(r for r in workspace.rows(self.db, self.ctx, self.period)
                   if r.assignment_id == self.current.assignment_id)
        self.model.replace_row(row)

    # -- overview --------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.overview and self._overview_stale:
            self._refresh_overview()
        if self.tabs.widget(index) is self.district_page:
            self.district.refresh(self.period, self.ctx)
        if self.tabs.widget(index) is self.annex_page:
            if not self.leave_entry():  # the annex's changes reload the targets under the form
                self.tabs.setCurrentIndex(0)
                return
            self.annex_editor.show_plan(self.ctx.plan.id)

    # -- the annex editor ------------------------------------------------------------------
    def show_annex_editor(self) -> None:
        self.tabs.setTabVisible(self.tabs.indexOf(self.annex_page), True)  # asked for: shown, even to a unit
        self.tabs.setCurrentWidget(self.annex_page)

    def show_office_tools(self, shown: bool) -> None:
        """The consolidating office's tab, annex editor, drafting actions and consolidated report: a commune or ward
        sees only what a unit does, unless turned on in Settings."""
        for page in (self.district_page, self.annex_page):
            self.tabs.setTabVisible(self.tabs.indexOf(page), shown)
        for action in (self.new_year_action, self.edit_catalogue_action, self.preview_actions["district"],
                       self.pdf_actions["district"], self.docx_actions["district"], self.text_actions["district"]):
            action.setVisible(shown)

    def new_year_catalogue(self) -> None:
        """A new year's annex copied from the plan shown (the editor asks its details)."""
        self.show_annex_editor()
        if self.tabs.currentWidget() is self.annex_page:
            self.annex_editor.copy_plan()

    def _plan_created(self, plan_id: int) -> None:
        """A new year's plan was copied: the window goes on with it."""
        if not self.read_only:
            catalogues.set_current_plan(self.db, plan_id)
        self.ctx = workspace.context(self.db, plan_id=plan_id, read_only=self.read_only)
        self.period = self.period_for_plan_year(self.ctx.plan.plan.year)
        self.current = None
        self._fill_plans()
        self._fill_periods()
        self.reload_rows()

    def _catalogue_edited(self, plan_id: int) -> None:
        """The annex changed: the plan's label, and the targets if it is the plan in use."""
        self._fill_plans()
        if plan_id == self.ctx.plan.id:
            year = self.ctx.plan.plan.year
            self.ctx = workspace.context(self.db, plan_id=plan_id, read_only=self.read_only)
            if self.ctx.plan.plan.year != year:  # its year corrected: the months are the new year's
                self.period = self.period_for_plan_year(self.ctx.plan.plan.year)
                self._fill_periods()
            keep = self.current.assignment_id if self.current else None
            self.current = None
            self.reload_rows(keep)

    def _refresh_overview(self) -> None:
        self.overview.show_data(self.model.rows(), workspace.monthly(self.db, self.ctx),
                                self.ctx.plan.plan.year, self.period.label, self.period.month)
        self._overview_stale = False

    # -- submission --------------------------------------------------------------------
    def export_package(self) -> None:
        if self.read_only or not self.leave_entry():
            return
        if not self.round.confirm_send():  # the checklist; an incomplete month asks, naming how many are empty
            return
        folder = messages.choose_folder(self, f"Chọn nơi lưu gói báo cáo {self.period.label} (ví dụ USB)",
                                        month_round.last_folder(self.db))
        if not folder:
            return
        month_round.remember_folder(self.db, folder)
        from ..services import packages

        db_path, store, period = self.db_path, self.store, self.period
        register_fonts()  # in the GUI thread, before the worker renders the PDF

        def work():
            from ..storage.database import open_database

            own = open_database(db_path)  # this thread's own connection
            try:
                return packages.export_package(own, store, period, Path(folder))
            finally:
                own.close()

        self.package_task = run_task(self, "Đang ghi gói báo cáo…", work, self._package_written,
                                     lambda error: messages.error(self, "Không xuất được gói báo cáo", error_text(error)))

    def _package_written(self, result) -> None:
        self.reload_rows(self.current.assignment_id if self.current else None)
        self.backup_in_background()  # after each export
        messages.info(self, "Đã xuất gói báo cáo",
                      f"Đã ghi {result.path}\n(lần gửi r{result.revision}: {result.entries} kết quả, "
                      f"{result.evidence_files} tệp minh chứng).\n{self.period.label} đã khóa; muốn sửa hãy “Mở lại”.")

    def reopen_period(self) -> None:
        if self.read_only:
            return
        reason = messages.ask_text(self, "Mở lại kỳ đã gửi",
                                   f"Lý do mở lại {self.period.label} (được ghi lại và gửi kèm lần sau):")
        if reason is None:
            return
        from ..services import packages

        try:
            packages.reopen_period(self.db, self.period, reason)
        except KNOWN_ERRORS as error:
            messages.error(self, "Không mở lại được", error_text(error))
            return
        self.reload_rows(self.current.assignment_id if self.current else None)

    # -- printing ----------------------------------------------------------------------
    def preview_report(self, kind: str) -> None:
        """Print preview (with Qt's Print button) of the chosen document for the current period."""
        from ..io.pdf_document import print_document
        from ..services import reports

        if not self.leave_entry():  # the report prints what is saved: unsaved edits first, as before sending
            return
        register_fonts()
        try:
            document = reports.build(self.db, self.store, kind, self.period, report_day(self, kind))
        except KNOWN_ERRORS as error:
            messages.error(self, "Không lập được báo cáo", error_text(error))
            return
        messages.print_preview(self, document.title,
                               lambda printer: print_document(document.parts, printer, resources=document.resources))

    def suggested_pdf_name(self, kind: str) -> str:
        """The file name offered for a report: named by the span it covers (a quarter's report by its quarter,
        a year's by its year), not by the month chosen when it was made."""
        p = self.period
        span = {"quarter": f"{QUARTER_NAMES[p.quarter]}-{p.year}", "year": f"{p.year}"}.get(kind, f"{p.month:02d}-{p.year}")
        return f"{PDF_NAMES[kind]}-{span}.pdf"

    def save_report_pdf(self, kind: str) -> None:
        if not self.leave_entry():  # the report holds what is saved
            return
        suggested = self.suggested_pdf_name(kind)
        path = messages.save_file(self, f"Lưu {REPORT_KINDS[kind].lower()} ra PDF", suggested, messages.PDF_FILTER)
        if not path:
            return
        db_path, store, period, today = self.db_path, self.store, self.period, report_day(self, kind)
        register_fonts()

        def work():
            from ..services import reports
            from ..storage.database import open_database

            own = open_database(db_path)
            try:
                return reports.write_pdf(own, store, kind, period, Path(path), today)
            finally:
                own.close()

        self.pdf_task = run_task(self, "Đang lập báo cáo PDF…", work,
                                 lambda pages: messages.info(self, "Đã lưu PDF", f"Đã ghi {path} ({pages} trang A4)."),
                                 lambda error: messages.error(self, "Không lưu được PDF", error_text(error)))

    # -- backups -------------------------------------------------------------------------
    def backup_in_background(self) -> None:
        """The automatic backup at each start and after each export, skipped when nothing changed. The window stays
        usable meanwhile (a note in the status bar); closing it waits for the backup to end."""
        from ..services import backups

        path = self.db_path
        busy = QLabel("Đang sao lưu tự động…")
        self.statusBar().addPermanentWidget(busy)

        def ended(message: str, ms: int) -> None:
            self.statusBar().removeWidget(busy)
            busy.deleteLater()
            self.statusBar().showMessage(message, ms)

        self.backup_task = run_task(self, "Đang sao lưu tự động…", lambda: backups.start_backup(path),
                                    lambda b: ended(f"Đã sao lưu tự động: {b.name}" if b else
                                                    "Dữ liệu không đổi từ bản sao lưu gần nhất: không cần sao lưu "
                                                    "lại.", 8000),
                                    lambda error: ended(f"Chưa sao lưu được: {error_text(error)}", 15000),
                                    background=True)

    def backup_now(self) -> None:
        """Off the GUI thread: an office's database is hundreds of megabytes."""
        from ..services import backups

        path = self.db_path
        self.backup_task = run_task(
            self, "Đang sao lưu…", lambda: backups.create_backup(path),
            lambda b: messages.info(self, "Đã sao lưu", f"Bản sao lưu {b.name} ở {b.folder}."),
            lambda error: messages.error(self, "Không sao lưu được", error_text(error)))

    def restore_backup(self) -> None:
        from ..services import backups

        if not self.leave_entry():
            return
        found = backups.list_backups(self.db_path)
        if not found:
            messages.info(self, "Khôi phục", "Chưa có bản sao lưu nào.")
            return
        name = messages.choose_backup(self, found)
        if not name or not messages.confirm(
                self, "Khôi phục từ bản sao lưu",
                f"Khôi phục dữ liệu về bản {name}? Trạng thái hiện tại được sao lưu trước, nên không mất gì.",
                "Khôi phục"):
            return
        path = self.db_path  # a safety backup, then the copy back: twice the database, off the GUI thread
        self.restore_task = run_task(self, "Đang khôi phục…", lambda: backups.restore_backup(path, name),
                                     self._restored,
                                     lambda error: messages.error(self, "Không khôi phục được", error_text(error)))

    def _restored(self, result) -> None:
        safety, restored = result
        self.ctx = workspace.context(self.db, today=self.today)
        self.current = None
        self._fill_plans()
        self._fill_periods()
        self.reload_rows()
        before = f"trạng thái trước đó ở bản {safety.name}" if safety else "dữ liệu hỏng trước đó được để riêng"
        messages.info(self, "Đã khôi phục", f"Đã khôi phục từ {restored.name}; {before}.")

    # -- catalogue, settings, about ----------------------------------------------------
    def import_catalogue(self, path: str | None = None) -> None:
        """Read the annex off the GUI thread, show what was found for review, save only what the officer accepts."""
        if not self.leave_entry():  # the plan in use may change under the form
            return
        path = path or messages.open_file(self, "Nhập phụ lục chỉ tiêu của kế hoạch (Excel, Word, PDF)",
                                          messages.ANNEX_FILTER)
        if not path:
            return
        from ..services import annex_intake

        self._annex_file = Path(path)  # its signature, if the office signed it, is checked before the review
        self.import_task = run_task(self, "Đang đọc tệp phụ lục…", lambda: annex_intake.read_file(Path(path)),
                                    self._catalogue_read, self._catalogue_failed)

    def _catalogue_read(self, reading) -> None:
        from ..services import annex_intake
        from .annex_review import AnnexReviewDialog

        def recompute(changed, given):
            return annex_intake.preview(self.db, changed, given)

        from ..services import trust

        source = getattr(self, "_annex_file", None)
        check = trust.check_file(self.db, source) if source else None
        if check and check.warning and not messages.confirm(self, "Chữ ký của tệp danh mục",
                                                            f"{check.message}\n\nVẫn xem và nhập tệp này?", "Xem tiếp"):
            return
        try:
            dialog = AnnexReviewDialog(recompute(reading, annex_intake.PlanInput()), recompute, self)
            if not messages.run_dialog(dialog):
                return
            accepted = dialog.result_preview()
            result = annex_intake.save(self.db, accepted, self.ctx.settings.who)
            if check:
                trust.remember_file_signer(self.db, check, source.name)
        except KNOWN_ERRORS as error:
            self._catalogue_failed(error)
            return
        catalogue = accepted.reading.catalogue(accepted.plan)
        if result.created and catalogue.plan.year == self.today.year and self.ctx.plan.plan.year != self.today.year:
            self._plan_created(result.plan_id)  # this year's plan, which the banner asked for: the window goes on
        self._fill_plans()
        if result.plan_id == self.ctx.plan.id:  # the plan in use: new wording, new targets shown at once
            self.ctx = workspace.context(self.db, plan_id=result.plan_id, read_only=self.read_only)
            keep = self.current.assignment_id if self.current else None
            self.current = None  # shown again, with its new wording
            self.reload_rows(keep)
        else:
            self.reload_rows()  # the banner: this year's plan may have just arrived
        messages.info(self, "Đã nhập danh mục",
                      f"Kế hoạch {catalogue.plan.number} năm {catalogue.plan.year}: {len(catalogue.targets())} chỉ tiêu"
                      + ("" if result.changed else " (không có gì thay đổi)") + "."
                      + (f"\n{check.message}" if check else ""))

    def _catalogue_failed(self, error) -> None:
        messages.error(self, "Không nhập được danh mục", error_text(error))  # a workbook's problems, one a line

    def export_catalogue(self) -> None:
        catalogue = catalogues.catalogue_of(self.db, self.ctx.plan.id)
        path = messages.save_file(self, "Xuất danh mục chỉ tiêu ra Excel", f"danh-muc-chi-tieu-{catalogue.plan.year}.xlsx")
        if not path:
            return
        from ..io.xlsx_catalogue_export import export_catalogue
        from ..services import trust

        try:
            signer = trust.file_signer_fields(self.db)  # read here: the workbook is written on another thread
        except KNOWN_ERRORS as error:
            messages.error(self, "Không xuất được danh mục", error_text(error))
            return
        self.export_task = run_task(
            self, "Đang ghi tệp Excel…", lambda: trust.sign_file(export_catalogue(catalogue, Path(path)), signer),
            lambda _: messages.info(self, "Đã xuất danh mục", f"Đã ghi {len(catalogue.targets())} chỉ tiêu ra {path}."),
            lambda error: messages.error(self, "Không xuất được danh mục", error_text(error)))

    def edit_settings(self) -> None:
        from .dialogs import SettingsDialog

        settings = self.ctx.settings
        while True:  # refused (a unit name already taken, …): the dialog again with what was typed, not lost
            dialog = SettingsDialog(settings, self.ctx.unit.kind, self,
                                    office_tools=workspace.office_tools_shown(self.db, self.ctx))
            if not dialog.exec() or not dialog.settings():
                return
            settings = dialog.settings()
            if self.apply_settings(settings):
                if dialog.office_tools.isChecked() != workspace.office_tools_shown(self.db, self.ctx):
                    workspace.set_office_tools(self.db, dialog.office_tools.isChecked())
                    self.show_office_tools(dialog.office_tools.isChecked())
                return

    def apply_settings(self, settings) -> bool:
        try:
            self.ctx = workspace.update_settings(self.db, settings)
        except KNOWN_ERRORS as error:
            messages.error(self, "Không lưu được cài đặt", error_text(error))
            return False
        self._fill_plans()
        self._update_banner(self.model.rows())
        if self._district is not None and self.tabs.currentWidget() is self.district_page:
            self._district.refresh(self.period, self.ctx)  # its area and reporting day may have changed
        return True

    def open_data_folder(self) -> None:
        messages.open_path(self.db_path.parent)

    def about_text(self) -> str:
        from ..services import trust

        size = sum(p.stat().st_size for p in self.db_path.parent.glob(self.db_path.name + "*") if p.is_file())
        return (f"DTI Desktop {__version__}\nTheo dõi chỉ tiêu chuyển đổi số — chạy ngoại tuyến.\n\n"
                f"Thư mục dữ liệu: {self.db_path.parent}\n"
                f"Mã nhận dạng khóa ký của máy này: {trust.own_fingerprint(self.db)}\n"
                f"Cơ sở dữ liệu: {format_number(size / 1024 / 1024, 1)} MB")

    def show_about(self) -> None:
        messages.info(self, "Giới thiệu DTI Desktop", self.about_text())

    def show_own_key(self) -> None:
        """This computer's signing key: its fingerprint, the enrolment file, a hand-over (ui/key_dialogs.py)."""
        from .key_dialogs import show_own_key

        show_own_key(self, self.db)
