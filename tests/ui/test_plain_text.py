"""Text from packages and workbooks is shown as written, never rendered as HTML (issue 18: rich text in the window).

Unit names, reopen reasons, notes and proposals from packages reached Qt tooltips unescaped, and a <h1> reason,
an <img src=file:…> or a table rendered as such on the board, in the import result and in the per-target table.
Markup is pushed here through a package, a catalogue and an annex workbook, then every label, tooltip and model
of the window is read as Qt would show it.
"""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QMessageBox, QWidget

from dti_desktop.domain.progress import Status
from dti_desktop.domain.units import Unit, UnitKind
from dti_desktop.services import annex_intake, packages
from dti_desktop.storage.unit_store import add_unit
from dti_desktop.ui import messages
from dti_desktop.ui.annex_review import AnnexReviewDialog
from dti_desktop.ui.main_window import MainWindow
from dti_desktop.ui.plain import tip
from tests.helpers import close_window
from tests.ui.test_annex_review import CORPUS
from tests.ui.test_submission_and_district import _import_march, _no_dialogs
from tests.unit_db import AREA, MARCH, UnitDb

SEEN = "Tiêu đề lạ"
LITERAL = f"<h1>{SEEN}</h1>"
MARKUP = f'{LITERAL}<img src="file:///etc/hostname"><table><tr><td>ô</td></tr></table>'


def as_shown(text: str, rich: bool | None = None) -> str:
    """What Qt shows of `text`: a tooltip or an AutoText label renders it as HTML when it looks like HTML."""
    if rich is None:
        rich = QtGui.Qt.mightBeRichText(text)
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _label(label: QLabel) -> str:
    fmt = label.textFormat()
    if fmt == Qt.TextFormat.PlainText:
        return label.text()
    return as_shown(label.text(), True if fmt != Qt.TextFormat.AutoText else None)


def _tooltips(model, parent=QModelIndex()):
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            text = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(text, str) and text:
                yield as_shown(text)
        first = model.index(row, 0, parent)
        if first.isValid() and model.rowCount(first):
            yield from _tooltips(model, first)


def shown(root: QWidget) -> list[tuple[str, str]]:
    """(where, text as shown) for every label, tooltip, combo item tooltip and model tooltip under `root`."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        where = type(widget).__name__
        if widget.toolTip():
            found.append((where, as_shown(widget.toolTip())))
        if isinstance(widget, QLabel):
            found.append((where, _label(widget)))
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                if text := widget.itemData(i, Qt.ItemDataRole.ToolTipRole):
                    found.append((where, as_shown(text)))
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model():
            found += [(type(widget.model()).__name__, text) for text in _tooltips(widget.model())]
    return found


def assert_as_written(root: QWidget, *where: str) -> None:
    """The markup reached each of `where` (a model's class, or a widget's) and shows there as written."""
    reached = [(w, text) for w, text in shown(root) if SEEN in text]
    rendered = [(w, text) for w, text in reached if LITERAL not in text]
    assert not rendered, f"shown as HTML: {rendered}"
    missing = set(where) - {w for w, _ in reached}
    assert not missing, f"the markup never reached {missing}"


def test_tip_escapes_only_what_qt_would_render():
    assert tip("Đúng hạn r2") == "Đúng hạn r2" and tip("") == "" and tip(None) is None
    assert as_shown(tip("a < b và c > d")) == "a < b và c > d"
    assert as_shown(tip(MARKUP)) == MARKUP and as_shown(tip("Lý do\n" + MARKUP)) == "Lý do\n" + MARKUP
    assert as_shown(tip("&lt;b&gt;")) == "&lt;b&gt;"


def test_the_offices_board_results_and_per_target_table_show_package_texts_as_written(qtbot, office, tmp_path,
                                                                                    monkeypatch):
    name = f"{MARKUP} phường Mạo Khê"
    unit = UnitDb(tmp_path / "unit", name)
    unit.record("6", {0: "92"}, Status.HOAN_THANH, notes=MARKUP, difficulties=MARKUP, causes=MARKUP,
                proposals=MARKUP)
    unit.export(tmp_path / "usb")
    packages.reopen_period(unit.db, MARCH, MARKUP)
    unit.record("6", {0: "93"}, Status.HOAN_THANH, notes=MARKUP, difficulties=MARKUP, causes=MARKUP,
                proposals=MARKUP)
    unit.export(tmp_path / "usb")
    unit.db.close()
    db, _store = office
    add_unit(db, Unit(name, UnitKind.PHUONG, AREA))  # a unit the office knows
    _no_dialogs(monkeypatch)
    window = MainWindow(db, tmp_path / "office" / "dti.sqlite3", today=date(2025, 4, 25))
    window.show()
    try:
        tab, done = _import_march(window, qtbot, tmp_path / "usb")
        assert [o.accepted for o in done[0]] == [True, True]
        tab.target_combo.setCurrentIndex(tab.target_combo.findData("6"))
        assert_as_written(window, "ImportResultModel", "BoardModel", "TargetAcrossUnitsModel", "MonthBoardModel",
                          "ConsolidationModel")
    finally:
        close_window(qtbot, window)


def test_the_units_window_shows_a_catalogues_texts_as_written(qtbot, tmp_path, monkeypatch):
    unit = UnitDb(tmp_path / "unit", f"{MARKUP} phường Mạo Khê")
    unit.db.execute("UPDATE target SET text = ? || ' ' || text, lead = ?, local_goal = ? WHERE code = '6'",
                    [MARKUP, MARKUP, f"{MARKUP} hoàn thành"])
    unit.db.execute("UPDATE target_group SET title = ? || ' ' || title", [MARKUP])
    unit.db.conn.commit()
    _no_dialogs(monkeypatch)
    window = MainWindow(unit.db, unit.path, today=date(2025, 3, 10))
    window.show()
    try:
        for r in range(window.model.rowCount()):
            if window.model.row_at(r).code == "6":
                window.table.selectionModel().setCurrentIndex(
                    window.model.index(r, 0), window.table.selectionModel().SelectionFlag.ClearAndSelect)
        for i in range(window.tabs.count()):  # the annex editor is built when its tab first shows
            window.tabs.setCurrentIndex(i)
        window.tabs.setCurrentIndex(0)
        assert_as_written(window, "WorkspaceTableModel", "AnnexTreeModel", "QLabel")
    finally:
        monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
        close_window(qtbot, window)
        unit.db.close()


def test_the_annex_review_shows_a_workbooks_texts_as_written(qtbot, seeded_db, tmp_path):
    book = load_workbook(CORPUS / "dt2025_dan-tu-word.xlsx")
    changed = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and len(cell.value) > 40 and changed < 6:
                    cell.value, changed = f"{MARKUP} {cell.value}", changed + 1
    path = tmp_path / "phu-luc.xlsx"
    book.save(path)

    def recompute(reading, given):
        return annex_intake.preview(seeded_db, reading, given)

    from dti_desktop.domain.annex_reading import PlanInput

    dialog = AnnexReviewDialog(recompute(annex_intake.read_file(path), PlanInput()), recompute)
    qtbot.addWidget(dialog)
    assert_as_written(dialog, "AnnexReviewModel")


def test_message_boxes_show_their_text_as_written(monkeypatch):
    """A refusal's reason, a unit's name: message boxes were left at AutoText."""
    opened = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: opened.append((box.textFormat(), box.text())) or 0)
    messages.info(None, "Đã nhập", MARKUP)
    messages.error(None, "Không nhập được", MARKUP)
    messages.confirm(None, "Gộp đơn vị", MARKUP)
    assert opened == [(Qt.TextFormat.PlainText, MARKUP)] * 3
