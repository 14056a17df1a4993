"""The window's targets panel: the month's targets (filters, table), the entry form beside it, the target's
details and history. Functions taking the window, which holds the widgets and the target shown (`current`);
saving, copying and the evidence files kept are in entry_actions.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.progress import ProgressEntry, Status
from ..domain.workspace import TargetStatusRow
from ..services import workspace
from . import messages
from .entry_form import EntryForm
from .models.workspace_table_model import NO_ENTRY, RAW_ROLE, WorkspaceTableModel

# The target's text column, in average characters, beside the fixed columns (its full text is in the tooltip and
# the panel); 15 since the result column grew by about as much, so the entry pane keeps its width at 1093 px.
MIN_TEXT_CHARS = 15
MIN_DETAIL_WIDTH = 340  # px: the entry form stays usable
# The longest usual content of the table's fixed columns, which set their widths. A result is often two measures,
# one a share with a decimal (a fraction shows as its share): "100%; 97,5%" ("100; 97" cut those to "100; 9…").
COLUMN_SAMPLES = {WorkspaceTableModel.COL_TT: ("TT▲",), WorkspaceTableModel.COL_GOAL: ("100%; 95%",),
                  WorkspaceTableModel.COL_VALUE: ("100%; 97,5%",),
                  WorkspaceTableModel.COL_STATUS: ("Chưa có kết quả",),
                  WorkspaceTableModel.COL_UPDATED: ("00/00/0000",)}


def build(window) -> QWidget:
    window.status_filter = QComboBox()
    window.status_filter.addItem("Mọi tình trạng", None)
    window.status_filter.addItem("Chưa có kết quả", NO_ENTRY)
    for status in Status:
        window.status_filter.addItem(status.label, status.value)
    window.status_filter.currentIndexChanged.connect(
        lambda: filtered(window, window.model.set_status(window.status_filter.currentData())))
    window.group_filter = QComboBox()
    window.group_filter.currentIndexChanged.connect(
        lambda: filtered(window, window.model.set_group(window.group_filter.currentData())))
    window.search = QLineEdit()
    window.search.setPlaceholderText("Tìm chỉ tiêu (gõ không dấu cũng được: chu ky so)")
    window.search.setClearButtonEnabled(True)
    window.search.textChanged.connect(lambda text: filtered(window, window.model.set_search(text)))
    filters = QHBoxLayout()
    for w in (QLabel("Lọc:"), window.status_filter, window.group_filter):
        filters.addWidget(w)
    filters.addWidget(window.search, 1)
    window.table = _make_table(window)
    window.form = EntryForm(fields=False)  # its fields come a turn later (make_form): the table shows first
    _connect_form(window)
    window.detail_tabs = QTabWidget()
    window.info = QLabel()
    window.info.setWordWrap(True)
    window.info.setTextFormat(Qt.TextFormat.RichText)  # detail.target_details_html: the catalogue's words escaped
    window.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    window.info.setAlignment(Qt.AlignmentFlag.AlignTop)
    window.info_scroll = QScrollArea()
    window.info_scroll.setWidgetResizable(True)
    window.info_scroll.setWidget(window.info)
    window.history_view = QTableView()
    window.history_view.setModel(window.history_model)
    window.history_view.setWordWrap(True)
    # by pixels: a change of a long note makes a row taller than the view, whose middle a row-by-row scroll
    # never showed
    window.history_view.setVerticalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
    window.history_view.horizontalHeader().setStretchLastSection(True)
    window.history_view.verticalHeader().setVisible(False)
    window.detail_tabs.addTab(window.form, "Kết quả tháng")  # it scrolls its middle: the name, results, Save stay
    window.detail_tabs.addTab(window.info_scroll, "Thông tin chỉ tiêu")
    window.detail_tabs.addTab(window.history_view, "Lịch sử")
    window._history_of, window._history_stale = (None, ()), False
    window._info_stale = False
    window.detail_tabs.currentChanged.connect(lambda *args: detail_tab_shown(window, *args))
    window.splitter = QSplitter(Qt.Orientation.Horizontal)
    window.splitter.addWidget(window.table)
    window.splitter.addWidget(window.detail_tabs)
    window.splitter.setStretchFactor(0, 3)
    window.splitter.setStretchFactor(1, 2)
    window.splitter.setSizes([760, 580])
    window.detail_tabs.setMinimumWidth(MIN_DETAIL_WIDTH)
    window.count_label = QLabel()
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.addLayout(filters)
    layout.addWidget(window.splitter, 1)
    layout.addWidget(window.count_label)
    window.model.modelReset.connect(lambda *args: update_count(window, *args))
    window.model.layoutChanged.connect(lambda *args: update_count(window, *args))
    return tab


def _make_table(window) -> QTableView:
    table = QTableView()
    table.setModel(window.model)
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
    table.selectionModel().currentRowChanged.connect(lambda *args: row_changed(window, *args))
    return table


def make_form(window) -> None:
    """The entry form's fields, then the target chosen in the table shown in them (the window's start, a turn after
    the targets are shown: an officer cannot type in the first tenth of a second)."""
    window.form.make_fields()
    show_row(window, window.current)


def _connect_form(window) -> None:
    window.form.save_requested.connect(window.save_entry)
    window.form.copy_previous_requested.connect(window.copy_previous)
    window.form.next_empty_requested.connect(lambda: window.round.next_empty())
    window.form.add_files_requested.connect(lambda: choose_files(window))
    window.form.open_requested.connect(window.open_attachment)
    window.form.remove_requested.connect(window.remove_attachment)
    window.form.dirty_changed.connect(lambda *args: dirty_changed(window, *args))


def choose_files(window) -> None:
    """The form's "Thêm tệp": files chosen, added to the form (copied into the store when saved)."""
    paths = messages.open_files(window, "Chọn tệp minh chứng")
    if paths:
        window.form.add_files([Path(p) for p in paths])


def fill_group_filter(window, rows: list[TargetStatusRow]) -> None:
    current = window.group_filter.currentData()
    window.group_filter.blockSignals(True)
    window.group_filter.clear()
    window.group_filter.addItem("Mọi nhóm", None)
    for label in dict.fromkeys(r.group_label for r in rows):
        window.group_filter.addItem(label, label)
    window.group_filter.setCurrentIndex(max(0, window.group_filter.findData(current)))
    window.group_filter.blockSignals(False)
    window.model.set_group(window.group_filter.currentData())


def update_count(window, *_) -> None:
    window.count_label.setText(f"Hiển thị {window.model.rowCount()}/{window.model.total()} chỉ tiêu")


def select_assignment(window, assignment_id: int | None) -> None:
    for r in range(window.model.rowCount()):
        row = window.model.row_at(r)
        if row.assignment_id == assignment_id:
            if window.table.currentIndex().row() == r:  # already there (rows refreshed in place)
                show_row(window, row)
                return
            window.table.selectionModel().setCurrentIndex(
                window.model.index(r, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            window.table.scrollTo(window.model.index(r, 0))
            return
    show_row(window, None)


def filtered(window, _=None) -> None:
    """After a filter: the table back on the form's target when it shows (a filter that hid it cleared the
    selection, and clearing the filter did not bring it back); the form keeps its target and edits either way."""
    if window.current is not None:
        highlight(window, window.current.assignment_id)
    elif window.model.rowCount():
        window.select_assignment(window.model.row_at(0).assignment_id)


def highlight(window, assignment_id: int) -> None:
    """Put the table's cursor and selection on a target without loading it into the form (its edits stay)."""
    for r in range(window.model.rowCount()):
        if window.model.row_at(r).assignment_id == assignment_id:
            window.table.selectionModel().setCurrentIndex(
                window.model.index(r, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            return


def row_changed(window, current, previous) -> None:
    row = current.data(RAW_ROLE) if current.isValid() else None
    if window.current is not None and row is not None and row.assignment_id == window.current.assignment_id:
        return
    if not window.leave_entry():
        # Back to the target still in the form once the view is done with the click or key: restored at once,
        # the view then selected the row clicked, and the table highlighted another target than the form's.
        # (Selecting the form's own target comes back here and stops at the first test.)
        keep = window.current.assignment_id
        QTimer.singleShot(0, lambda: highlight(window, keep))
        return
    now = window.table.currentIndex()
    if row is not None and (not now.isValid() or now.data(RAW_ROLE).assignment_id != row.assignment_id):
        # "Lưu" reloaded the table and put the selection back on the saved target: go on to the one clicked
        window.select_assignment(row.assignment_id)
        return
    show_row(window, row)


def show_row(window, row: TargetStatusRow | None) -> None:
    window.current = row
    window.detail_tabs.setEnabled(row is not None)
    if not window.form.has_fields:  # the window's start: shown once they are made (make_form)
        return
    if row is None:  # nothing chosen (a filter hid the row just saved): an empty form, not the last one
        window.form.load(ProgressEntry(assignment_id=0, period=window.period.key), (), [])
        window.form.title.setText("Chọn một chỉ tiêu trong bảng bên trái.")
        window.form.set_office_comment("")
        window.info.setText("")
        window._info_stale = False
        window._history_of, window._history_stale = (None, ()), False
        window.history_model.set_rows([])
        dirty_changed(window, False)
        return
    entry = row.entry or workspace.blank_entry(row, window.period)
    measures = row.measures
    window.form.load(entry, measures, workspace.attachments(window.db, entry.id))
    window.form.title.setText(f"{row.code}. {row.target.text}")
    window.form.set_office_comment(window.answers.comment(row.code))
    window._info_stale = True
    window._history_of = (entry.id, measures)
    window._history_stale = True
    detail_tab_shown(window)
    dirty_changed(window, False)


def detail_tab_shown(window, _index: int = -1) -> None:
    """The target's details and history are filled when their tab is shown, not on every change of target
    or month (and not at start-up)."""
    shown = window.detail_tabs.currentWidget()
    if shown is window.info_scroll and window._info_stale and window.current is not None:
        from .detail import target_details_html

        window.info.setText(target_details_html(window.current))
        window._info_stale = False
    elif shown is window.history_view:
        load_history(window)


def load_history(window) -> None:
    """The history tab is filled when it is shown (not on every change of target or month)."""
    if window._history_stale:
        from ..services.history import history

        entry_id, measures = window._history_of
        window.history_model.set_rows(history(window.db, entry_id, measures) if entry_id else [])
        window.history_view.resizeRowsToContents()
        window._history_stale = False


def dirty_changed(window, dirty: bool) -> None:
    name = f"Kết quả tháng{' *' if dirty else ''}"
    if window.detail_tabs.tabText(0) != name:  # a new tab text re-lays out the whole window
        window.detail_tabs.setTabText(0, name)
