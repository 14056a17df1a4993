"""The consolidating office's workspace ("Tổng hợp"): import packages, board, one target across units."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.numbers import format_number
from ..domain.periods import Period
from ..domain.text import shorten
from ..services import district, district_matrix, office_month, workspace
from ..services.errors import KNOWN
from ..services.worker_db import with_own_connection
from . import column_fit, messages
from .messages import error_text
from .answers_panel import TITLE, AnswersPanel
from .column_fit import fit_columns
from .district_decisions import HeldPanel, withdraw_cell
from .consolidation_panel import ConsolidationPanel
from .models.district_models import RAW_ROLE, BoardModel, ImportResultModel, TargetAcrossUnitsModel
from .models.office_models import MonthBoardModel
from .plain import tip
from .tasks import run_task

if TYPE_CHECKING:  # sqlite-utils is imported only when first needed (start-up time)
    import sqlite_utils

HELD_TAB = "Gói chờ duyệt"
RESIZE_ROWS = 60
SYNC_UNITS = 50  # up to this many units the month is read at once (a few ms); more are read in a worker
PICKER_CHARS = 110  # a target's text in the picker, cut after a whole word (the whole text is in its tooltip)


def imported_month(outcomes) -> Period | None:
    """The month most packages of an import were for (the latest of equals), accepted ones only."""
    counts: dict[str, int] = {}
    for o in outcomes:
        if o.accepted and o.period:
            counts[o.period] = counts.get(o.period, 0) + 1
    return Period.parse(max(counts, key=lambda k: (counts[k], k))) if counts else None


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setWordWrap(False)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    # widths from the first rows only: a province's hundreds of units made each refresh measure every cell (0,4 s)
    view.horizontalHeader().setResizeContentsPrecision(RESIZE_ROWS)
    return view


class DistrictTab(QWidget):
    """Everything the office does with units' packages; long imports run off the GUI thread."""

    imported = Signal(list)
    period_wanted = Signal(object)  # the month just imported, for the window to show (its summary follows it)
    consolidated = Signal()  # all targets × units of the month are in (read off the GUI thread)
    month_loaded = Signal()  # the month's board and answers are in the tables
    texts_wanted = Signal()  # the office's own words in its report (the window opens them: ui.report_actions)

    def __init__(self, db: sqlite_utils.Database, db_path: Path, store: Path, today: date, parent=None) -> None:
        super().__init__(parent)
        self.db, self.db_path, self.store, self.today = db, db_path, store, today
        self.period: Period | None = None
        self._ctx: workspace.WorkspaceContext | None = None  # the window's plan and settings, given at refresh
        self.targets = []
        self._generation = 0  # the consolidation asked for last: an older one arriving late is dropped
        self._month_generation = 0  # likewise for the month's board and answers
        self.month_loading = False  # the month is being read in a worker
        self._busy_now = False
        self._note = ""  # what the last import did, before the month's summary
        self.results = ImportResultModel(self)
        self.board_model = BoardModel(self)
        self.target_model = TargetAcrossUnitsModel(self)
        self.month_model = MonthBoardModel(self)
        self._build()

    def _build(self) -> None:
        self.import_files_button = QPushButton("Nhập gói báo cáo…")
        self.import_folder_button = QPushButton("Nhập cả thư mục (USB)…")
        self.export_button = QPushButton("Xuất bảng tổng hợp Excel…")
        self.merge_button = QPushButton("Gộp đơn vị…")
        self.merge_button.setToolTip("Một đơn vị được biết dưới hai tên (tên đã sửa, xã đổi tên): gộp làm một")
        self.merge_button.clicked.connect(self.merge_units)
        self.roster_button = QPushButton("Danh sách đơn vị…")
        self.roster_button.setToolTip("Các đơn vị cơ quan chờ báo cáo trong năm: thêm, đổi tên, thôi theo dõi, gộp, "
                                      "nhập từ tệp Excel; đơn vị ngoài danh sách gửi gói thì gói được giữ chờ duyệt")
        self.roster_button.clicked.connect(self.manage_roster)
        self.keys_button = QPushButton("Khóa các đơn vị…")
        self.keys_button.setToolTip("Mã nhận dạng khóa ký đã ghi nhận của từng đơn vị; nhận tệp đăng ký hay bàn giao "
                                    "khóa; ghim lại khóa có lý do")
        self.keys_button.clicked.connect(self.manage_keys)
        self.texts_button = QPushButton("Nội dung báo cáo tổng hợp…")
        self.texts_button.setToolTip("Đánh giá chung, nhiệm vụ tháng tới và đề xuất, kiến nghị của cơ quan trong báo "
                                     "cáo tổng hợp các đơn vị của tháng đang chọn")
        self.texts_button.clicked.connect(self.texts_wanted)
        self._read_only = False
        self.import_files_button.clicked.connect(self._choose_files)
        self.import_folder_button.clicked.connect(self._choose_folder)
        self.export_button.clicked.connect(self.export_workbook)
        buttons = QHBoxLayout()
        for b in (self.import_files_button, self.import_folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.roster_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.keys_button)
        buttons.addWidget(self.texts_button)
        buttons.addWidget(self.export_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # the area's name, as typed or sent
        self.results_view = _table(self.results)
        self.results_view.selectionModel().currentRowChanged.connect(self._show_changes)
        self.changes = QPlainTextEdit()
        self.changes.setReadOnly(True)
        self.changes.setPlaceholderText("Chọn một gói trong danh sách để xem lý do hoặc các thay đổi so với lần gửi trước.")
        results = QSplitter(Qt.Orientation.Vertical)
        results.addWidget(self.results_view)
        results.addWidget(self.changes)
        self.board_view = _table(self.board_model)
        self.board_view.horizontalHeader().setStretchLastSection(False)
        self.target_combo = QComboBox()
        self.target_combo.currentIndexChanged.connect(self._target_chosen)
        self.target_summary = QLabel()
        self.target_summary.setTextFormat(Qt.TextFormat.PlainText)  # the annex's goal text
        self.target_view = _table(self.target_model)
        header = self.target_view.horizontalHeader()
        for column in (TargetAcrossUnitsModel.COL_EVIDENCE, TargetAcrossUnitsModel.COL_REMARKS):
            # the room beside the short columns, shared: evidence was left at Qt's 100 px and cut to "Số liệu Cổng …"
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        per_target = QWidget()
        layout = QVBoxLayout(per_target)
        back = QPushButton("← Bảng tổng hợp tất cả chỉ tiêu")
        back.clicked.connect(lambda: self.consolidation_stack.setCurrentIndex(0))
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.target_combo)
        layout.addWidget(self.target_summary)
        layout.addWidget(self.target_view, 1)
        self.inner = QTabWidget()
        self.inner.addTab(results, "Kết quả nhập gói")
        self.inner.addTab(self._board_with_actions(), "Tình hình gửi báo cáo")
        self.consolidation = ConsolidationPanel()
        self.consolidation.detail_wanted.connect(self.show_target)
        self.consolidation_stack = QStackedWidget()  # all targets × units; a target's detail on a double-click
        self.consolidation_stack.addWidget(self.consolidation)
        self.consolidation_stack.addWidget(per_target)
        self.inner.addTab(self.consolidation_stack, "Tổng hợp theo chỉ tiêu")
        self.inner.setCurrentIndex(1)  # the board first: the roster, "Chưa gửi" included, before any import
        self.held = HeldPanel(self.db, self.store)
        self.held.decided.connect(lambda: self.period and self.refresh(self.period))
        self.inner.addTab(self.held, HELD_TAB)
        self.answers = AnswersPanel(self.db, self.db_path)
        self.answers.changed.connect(lambda: self.period and self.refresh(self.period))
        self.inner.addTab(self.answers, TITLE)
        outer = QVBoxLayout(self)
        outer.addLayout(buttons)
        outer.addWidget(self.summary)
        outer.addWidget(self.inner, 1)

    def _board_with_actions(self) -> QWidget:
        """The board, and under it the office's action on a cell: withdraw the package counted there."""
        self.withdraw_button = QPushButton("Rút gói đã nhận…")
        self.withdraw_button.setToolTip("Rút gói đang được tính ở ô đã chọn (đơn vị, tháng) khỏi tổng hợp, có lý do; "
                                        "gói vẫn được lưu trong lịch sử")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.month_view = _table(self.month_model)
        self.month_view.doubleClicked.connect(lambda: self.withdraw_button.setFocus())
        self.board_tabs = QTabWidget()  # the month chosen (every expected unit, sent, received, due), the year
        self.board_tabs.addTab(self.month_view, "Tháng đang chọn")
        self.board_tabs.addTab(self.board_view, "Cả năm")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.board_tabs, 1)
        row = QHBoxLayout()
        row.addWidget(self.withdraw_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def withdraw_selected(self) -> bool:
        """Withdraw the package counted in the board's chosen cell (asks for the reason); True when withdrawn."""
        index = self.board_view.currentIndex()
        board = self.board_model.board
        row = self.month_view.currentIndex().data(RAW_ROLE) if self.month_view.currentIndex().isValid() else None
        if self._read_only or board is None or ((not index.isValid() or index.column() == 0) and row is None):
            messages.info(self, "Rút gói đã nhận", "Hãy chọn ô của một đơn vị và một tháng trong bảng.")
            return False
        if index.isValid() and index.column() > 0:
            unit, month = board.units[index.row()], board.months[index.column() - 1]
        else:
            unit, month = row.unit, self.period
        ctx = self._ctx or workspace.context(self.db)
        if not withdraw_cell(self, self.db, unit.name, month, ctx.plan.id):
            return False
        if self.period:
            self.refresh(self.period)
        return True

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """A consolidation still being read is waited for: a QThread deleted while it runs aborts the program."""
        from .tasks import end_all

        end_all(self)
        super().closeEvent(event)

    # -- refreshing ------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        """A read-only copy may look at everything and export the workbook, but not import."""
        self._read_only = read_only
        self.held.set_read_only(read_only)
        self.answers.set_read_only(read_only)
        self._busy(False)

    def _busy(self, busy: bool) -> None:
        """While an import or export runs, no second one may start (it would wait on the first's lock); while the
        month is read, the board's cells are not withdrawn from."""
        self._busy_now = busy
        for button in (self.import_files_button, self.import_folder_button, self.merge_button, self.keys_button,
                       self.withdraw_button, self.texts_button):
            button.setEnabled(not busy and not self._read_only)
        self.withdraw_button.setEnabled(not busy and not self._read_only and not self.month_loading)
        self.export_button.setEnabled(not busy)

    def refresh(self, period: Period, ctx: workspace.WorkspaceContext | None = None, note: str = "") -> None:
        """Board, answers and consolidated view for the month and plan chosen in the window (`ctx`: a read-only
        window never stores its choice of plan, so the stored one is not the one shown; `note`: what an import just
        did, said before the month's summary). Past SYNC_UNITS units the month is read in a worker (a country's
        3,321 units take a second): the tab shows at once, its tables fill when the read ends."""
        self.period, self._note = period, note
        if ctx is not None:
            self._ctx = ctx
        ctx = self._ctx or workspace.context(self.db)
        plan_id, report_day, today = ctx.plan.id, workspace.report_day(ctx), self.today
        self.held.refresh()
        waiting = self.held.pending_count()
        self.inner.setTabText(self.inner.indexOf(self.held), f"{HELD_TAB} ({waiting})" if waiting else HELD_TAB)
        self._generation += 1  # a consolidation still being read is dropped; a new one follows the month's read
        self.consolidation.set_loading(period)
        self._month_generation += 1
        generation = self._month_generation
        if office_month.units_known(self.db) <= SYNC_UNITS:
            self._show_month(generation, ctx, office_month.read(self.db, plan_id, period, report_day, today))
            return
        self.month_loading = True
        for view in (self.month_view, self.board_view, self.answers.view):
            column_fit.hold(view)  # their rows are about to be replaced: not measured if shown meanwhile
        self.withdraw_button.setEnabled(False)
        self.summary.setText(f"{note} Đang đọc tình hình gửi báo cáo {period.label.lower()}…".lstrip())
        db_path = self.db_path

        def work():  # sqlite connections belong to one thread
            return with_own_connection(db_path, lambda own: office_month.read(own, plan_id, period, report_day, today))

        self.month_task = run_task(self, "Đang đọc tình hình gửi báo cáo…", work,
                                   lambda month: self._show_month(generation, ctx, month),
                                   lambda error: generation == self._month_generation and messages.error(
                                       self, "Không đọc được tình hình gửi báo cáo", error_text(error)),
                                   background=True)

    def _show_month(self, generation: int, ctx, month: office_month.OfficeMonth) -> None:
        """The month read (here or in a worker) into the tables; one read for an older request is dropped."""
        if generation != self._month_generation:
            return
        self.month_loading = False
        self._busy(self._busy_now)
        self.board_model.set_board(month.board)
        fit_columns(self.board_view)  # the tables not on screen are fitted when shown
        self.month_model.set_rows(month.month_rows)
        fit_columns(self.month_view)
        self.board_tabs.setTabText(0, month.period.label)
        self.answers.show_rows(ctx.plan.id, month.period, month.answer_rows, month.accepted_only)
        waiting = self.answers.waiting_count()
        self.inner.setTabText(self.inner.indexOf(self.answers), f"{TITLE} ({waiting} chờ)" if waiting else TITLE)
        self._summarise(month.board, month.period, month.month_rows, ctx)
        self.month_loaded.emit()
        # read after the month, not beside it: the tables above were filled with no worker holding the interpreter
        self._load_consolidation(ctx.plan.id, month.period)

    def _load_consolidation(self, plan_id: int, period: Period) -> None:
        """Every target × unit of the month, read in a worker with its own connection: hundreds of units take
        half a second and more (each unit's package read, each line assessed again), the window stays usable."""
        self._generation += 1
        generation, db_path = self._generation, self.db_path
        self.consolidation.set_loading(period)

        def work():  # sqlite connections belong to one thread
            return with_own_connection(db_path, lambda own: district_matrix.consolidation(own, plan_id, period))

        self.matrix_task = run_task(self, "Đang tổng hợp các chỉ tiêu…", work,
                                    lambda matrix: self._show_consolidation(generation, matrix),
                                    lambda error: generation == self._generation and messages.error(
                                        self, "Không tổng hợp được", error_text(error)), background=True)

    @property
    def consolidation_loaded(self) -> bool:
        return not self.consolidation.loading

    def _show_consolidation(self, generation: int, matrix) -> None:
        if generation != self._generation:
            return  # another month or a newer import asked since
        self.consolidation.set_consolidation(matrix)
        self.targets = matrix.targets
        current = self.target_combo.currentIndex()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for i, t in enumerate(self.targets):
            self.target_combo.addItem(f"{t.code}. {shorten(t.target_text, PICKER_CHARS)}", t.code)
            self.target_combo.setItemData(i, tip(f"{t.code}. {t.target_text}"), Qt.ItemDataRole.ToolTipRole)
        self.target_combo.setCurrentIndex(max(0, current))
        self.target_combo.blockSignals(False)
        self._target_chosen()
        self.consolidated.emit()

    def _summarise(self, board, period: Period, month_rows, ctx) -> None:
        expected_rows = [r for r in month_rows if r.expected]  # board.sent(period), from the rows already made
        sent, expected = sum(1 for r in expected_rows if r.cell.revision), len(expected_rows)
        late = sum(1 for r in month_rows if r.expected and r.late)
        due = period.due_date(board.report_day).strftime("%d/%m/%Y")
        text = f"{period.label}: {sent}/{expected} đơn vị đã gửi báo cáo (hạn {due}" + (
            f"; {late} đơn vị muộn hoặc chưa gửi quá hạn). " if late else "). ")
        waiting = [r.unit.name for r in month_rows if r.expected and not r.cell.revision]
        if waiting:
            names = ", ".join(waiting[:5]) + (f" và {len(waiting) - 5} đơn vị khác" if len(waiting) > 5 else "")
            text += f"Chưa gửi: {names}. "
        if not expected:
            text += "Chưa có danh sách đơn vị chờ báo cáo: bấm “Danh sách đơn vị…” để thêm hoặc nhập từ tệp Excel. "
        text += f"Địa bàn: {ctx.settings.district or '(chưa đặt trong Cài đặt)'}."
        self.summary.setText(f"{self._note} {text}" if self._note else text)

    def show_target(self, index: int) -> None:
        """A target's detail: each unit's result, status, assessment, evidence and remarks."""
        self.target_combo.setCurrentIndex(index)
        self.consolidation_stack.setCurrentIndex(1)

    def _target_chosen(self) -> None:
        index = self.target_combo.currentIndex()
        target = self.targets[index] if 0 <= index < len(self.targets) else None
        self.target_model.set_target(target)
        self.target_combo.setToolTip(tip(f"{target.code}. {target.target_text}") if target else "")
        fit_columns(self.target_view, (0, 1, 2, 3))  # unit, result, status, assessment: short, useless cut off
        if target:
            self.target_summary.setText(
                f"Mục tiêu: {target.goal} — {target.reporting}/{target.expected} đơn vị được giao đã báo cáo, "
                f"{target.reached} đơn vị đạt ({format_number(target.share, 1)}%).")

    def _show_changes(self, current, _previous) -> None:
        outcome = current.data(RAW_ROLE) if current.isValid() else None
        if outcome is None:
            self.changes.clear()
            return
        verdict = {district.ACCEPTED: "đã nhận", district.ALREADY: "đã có, bỏ qua"}.get(outcome.verdict, "bị từ chối")
        lines = [f"{outcome.file.name}: {verdict} — {outcome.message}"]
        lines += [f"{code} — {what}: “{old}” → “{new}”" for code, what, old, new in outcome.changes]
        self.changes.setPlainText("\n".join(lines))

    # -- importing -------------------------------------------------------------------
    def _choose_files(self) -> None:
        paths = messages.open_files(self, "Chọn gói báo cáo (.dtipkg)")
        if paths:
            self.import_paths([Path(p) for p in paths])

    def _choose_folder(self) -> None:
        from ..services import month_round

        folder = messages.choose_folder(self, "Chọn thư mục chứa gói báo cáo",
                                        month_round.last_folder(self.db, month_round.LAST_IMPORT_FOLDER))
        if folder:
            if not self._read_only:
                month_round.remember_import_folder(self.db, folder)  # next month's import opens there
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        if self._read_only:
            return
        db_path, store = self.db_path, self.store

        def work():  # sqlite connections belong to one thread
            return with_own_connection(db_path, lambda own: district.import_packages(own, store, paths))

        self._busy(True)
        self.task = run_task(self, "Đang kiểm tra và nhập gói báo cáo…", work, self._imported,
                             lambda error: (self._busy(False), messages.error(self, "Không nhập được",
                                                                             error_text(error))))

    def _imported(self, outcomes) -> None:
        self._busy(False)
        self.results.set_rows(outcomes)
        self.results_view.resizeColumnsToContents()
        self.inner.setCurrentIndex(0)
        month = imported_month(outcomes)
        if month is not None and month != self.period:
            self.period_wanted.emit(month)  # the window shows that month (and refreshes this tab on it)
            if self._ctx is None or self._ctx.plan.plan.year == month.year:
                self.period = month
        if self.period:
            self.refresh(self.period, note=district.import_summary(outcomes))
        else:
            self.summary.setText(district.import_summary(outcomes))
        self.imported.emit(outcomes)

    def manage_roster(self) -> None:
        """The roster of the year shown (ui/roster_dialog.py); the board follows its edits."""
        from .roster_actions import open_roster

        ctx = self._ctx or workspace.context(self.db)
        year = self.period.year if self.period else ctx.plan.plan.year
        if open_roster(self, self.db, year, ctx.settings.who, self._read_only) and self.period:
            self.refresh(self.period)

    def manage_keys(self) -> None:
        """The units' pinned keys, an enrolment or hand-over file, a re-pin (ui/key_dialogs.py)."""
        from .key_dialogs import manage_unit_keys

        if manage_unit_keys(self, self.db) and self.period:
            self.refresh(self.period)

    def merge_units(self) -> None:
        from .dialogs import MergeUnitsDialog

        units, suggested = district.merge_candidates(self.db)
        if len(units) < 2:
            messages.info(self, "Gộp đơn vị", "Chưa có hai đơn vị để gộp.")
            return
        dialog = MergeUnitsDialog(units, suggested, self)
        if dialog.exec() and dialog.merged():
            self.merge(*dialog.merged())

    def merge(self, from_id: int, into_id: int) -> bool:
        """Merge after the officer confirms; the views follow. True when merged."""
        names = {u.id: u.name for u in district.merge_candidates(self.db)[0]}
        if not messages.confirm(self, "Gộp đơn vị", f"Gộp “{names.get(from_id)}” vào “{names.get(into_id)}”?\n"
                                "Tên bỏ không còn trong danh sách; các gói đã nhận theo tên đó được tính cho tên giữ. Gộp nhầm "
                                "thì tách lại được bằng lệnh: unit unmerge \"TÊN BỎ\".",
                                "Gộp"):
            return False
        try:
            done = district.merge_units(self.db, from_id, into_id)
        except KNOWN as error:  # BadInput, a locked database
            messages.error(self, "Không gộp được", error_text(error))
            return False
        messages.info(self, "Đã gộp đơn vị", done)
        if self.period:
            self.refresh(self.period)
        return True

    def export_workbook(self) -> None:
        if self.period is None:
            return
        suggested = f"tong-hop-{self.period.key}.xlsx"
        path = messages.save_file(self, "Xuất bảng tổng hợp", suggested)
        if not path:
            return
        db_path, period, today = self.db_path, self.period, self.today

        def work():
            return with_own_connection(db_path, lambda own: district.export_consolidated(
                own, district.plan_id_for(own, period), period, Path(path), today))

        self._busy(True)
        self.export_task = run_task(self, "Đang ghi bảng tổng hợp…", work,
                                    lambda p: (self._busy(False),
                                               messages.info(self, "Đã xuất bảng tổng hợp", f"Đã ghi {p}.")),
                                    lambda error: (self._busy(False),
                                                   messages.error(self, "Không xuất được", error_text(error))))
