"""Issue 19, the office's window: the roster window, the month's board of every expected unit, all targets × units
(filters, shares with their denominators, a row's detail on a double-click), the summary following the month
just imported."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt

from dti_desktop.domain.periods import Period
from dti_desktop.services import district, packages, roster
from dti_desktop.services.district_matrix import (
    NOT_ASSIGNED,
    NOT_REACHED,
    NOT_SENT,
    REACHED,
    Consolidation,
)
from dti_desktop.ui import messages
from dti_desktop.ui.district_tab import DistrictTab
from dti_desktop.ui.models.office_models import ConsolidationModel, MonthBoardModel
from dti_desktop.ui.roster_dialog import RosterDialog
from tests.unit_db import MARCH

NOW = datetime.fromisoformat("2025-03-25T09:00:00+07:00")


@pytest.fixture(autouse=True)
def _units_clock(monkeypatch):
    monkeypatch.setattr(packages, "now_iso", lambda: "2025-03-15T09:00:00+07:00")


@pytest.fixture
def tab(qtbot, office, tmp_path):
    db, store = office
    widget = DistrictTab(db, tmp_path / "office" / "dti.sqlite3", store, date(2025, 3, 25))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.refresh(MARCH)
    return widget


def _said(monkeypatch) -> list:
    said = []
    monkeypatch.setattr(messages, "info", lambda parent, title, body: said.append((title, body)))
    monkeypatch.setattr(messages, "error", lambda parent, title, body: said.append((title, body)))
    return said


def test_the_roster_window_edits_the_years_list_and_the_board_follows(tab, monkeypatch, tmp_path):
    assert tab.summary.text().startswith("Tháng 03/2025: 0/0 đơn vị đã gửi báo cáo (hạn 20/03/2025). Chưa có danh "
                                         "sách đơn vị chờ báo cáo")
    book = Workbook()
    for row in (("DANH SÁCH ĐƠN VỊ",), ("TT", "Tên đơn vị"), (1, "UBND phường Mạo Khê"), (), (2, "UBND xã Bình Khê")):
        book.active.append(list(row))
    book.save(tmp_path / "ds.xlsx")
    said = _said(monkeypatch)
    seen = []

    def answer(dialog):
        assert isinstance(dialog, RosterDialog) and dialog.model.rowCount() == 0
        seen.append(dialog.state.text())
        monkeypatch.setattr(messages, "open_file", lambda *a, **k: str(tmp_path / "ds.xlsx"))
        dialog.buttons["import"].click()
        monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "UBND xã Tràng Lương")
        dialog.buttons["add"].click()
        assert dialog.model.rowCount() == 3
        dialog.view.selectRow([dialog.model.index(r, 0).data() for r in range(3)].index("UBND xã Bình Khê"))
        monkeypatch.setattr(messages, "ask_text", lambda *a, **k: "sáp nhập")
        dialog.buttons["retire"].click()
        seen.append(dialog.history.toPlainText())
        return True

    monkeypatch.setattr(messages, "run_dialog", answer)
    tab.roster_button.click()
    assert seen[0].startswith("Chưa có đơn vị nào")
    assert [t for t, _ in said] == ["Danh sách đơn vị"] * 3 and said[0][1].startswith("Đã nhập 2 đơn vị từ ds.xlsx")
    assert "Lập danh sách" in seen[1] and "Thôi theo dõi UBND xã Bình Khê — sáp nhập" in seen[1]
    rows = [tab.month_model.index(r, 0).data() for r in range(tab.month_model.rowCount())]
    assert rows == ["UBND phường Mạo Khê", "UBND xã Tràng Lương"]  # the board before any import: the roster
    assert tab.month_model.index(0, MonthBoardModel.COL_STATE).data() == "Chưa gửi"
    assert tab.month_model.index(0, 5).data() == "20/03/2025" and tab.month_model.index(0, 6).data() == "Quá hạn"
    assert tab.summary.text().startswith("Tháng 03/2025: 0/2 đơn vị đã gửi báo cáo (hạn 20/03/2025; 2 đơn vị muộn")
    assert "Chưa gửi: UBND phường Mạo Khê, UBND xã Tràng Lương." in tab.summary.text()


def test_a_bad_roster_file_is_told_naming_row_and_column(tab, monkeypatch, tmp_path):
    book = Workbook()
    book.active.append(["TT", "Tên đơn vị"])
    book.active.append([1, "UBND xã Bình\u200bKhê"])
    book.save(tmp_path / "sai.xlsx")
    said = _said(monkeypatch)

    def answer(dialog):
        monkeypatch.setattr(messages, "open_file", lambda *a, **k: str(tmp_path / "sai.xlsx"))
        dialog.buttons["import"].click()
        return True

    monkeypatch.setattr(messages, "run_dialog", answer)
    tab.roster_button.click()
    assert said[0][0] == "Không sửa được danh sách"
    assert "sai.xlsx: trang tính “Sheet”, dòng 2, cột B (Tên đơn vị)" in said[0][1] and "U+200B" in said[0][1]


def test_month_board_model_passes_qt_model_tester(qtmodeltester, tab, office, mao_khe, tmp_path):
    db, store = office
    roster.add(db, 2025, "UBND xã Bình Khê", "Lan", now=NOW)
    district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path], now=NOW)
    tab.refresh(MARCH)
    qtmodeltester.check(tab.month_model)
    sent = next(r for r in range(2) if tab.month_model.index(r, 0).data() == "UBND phường Mạo Khê")
    assert [tab.month_model.index(sent, c).data() for c in range(1, 7)] == [
        "Muộn (!)", "r1", "15/03/2025", "25/03/2025", "20/03/2025", "Muộn 5 ngày"]  # (!): 10 days between claim and receipt


def _big(units: int, targets: int) -> Consolidation:
    """A province's table without a database: `units` columns, every fourth target not given to agencies."""
    from dti_desktop.domain.report import TargetAcrossUnits
    from tests.helpers import report_line

    names = [f"UBND xã Số {i:03d}" for i in range(units)]
    rows, states, groups = [], [], []
    for t in range(targets):
        line = report_line(str(t + 1))
        rows.append(TargetAcrossUnits(str(t + 1), f"Chỉ tiêu {t + 1}", "100%", tuple((n, line) for n in names)))
        states.append([(REACHED, NOT_REACHED, NOT_SENT, NOT_ASSIGNED)[(t + u) % 4] for u in range(units)])
        groups.append("I. Hạ tầng" if t < targets // 2 else "II. Dữ liệu")
    return Consolidation(MARCH, names, rows, groups, states)


def test_consolidation_model_passes_qt_model_tester_and_filters(qtmodeltester):
    model = ConsolidationModel()
    c = _big(5, 6)
    model.set_consolidation(c)
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (7, 8)
    assert model.headerData(3, Qt.Orientation.Horizontal) == "xã\nSố 000"  # two short lines, the name whole in the tip
    assert model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "UBND xã Số 000"
    assert model.index(0, 3).data() == "Đạt" and model.index(0, 4).data() == "Chưa đạt"
    assert model.index(0, 5).data() == "Chưa báo cáo" and model.index(0, 6).data() == "Không giao"
    assert model.index(0, 2).data() == "02/04 (50%)"  # reached / given, the denominator said
    assert model.index(6, 1).data() == "Tỷ lệ đạt của đơn vị" and model.index(6, 3).data() == "02/05 (40%)"
    model.set_consolidation(c, group="II. Dữ liệu", unit=1)
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (4, 4)
    assert model.target_index(0) == 3 and model.index(0, 0).data() == "4"
    assert model.index(3, 3).data() == "01/03 (33,3%)"  # unit 1 over group II's targets (not sent counts as given)


def test_a_province_sized_table_stays_quick(qtbot):
    """400 units × 34 targets: filtering and drawing read prepared lists, never the database."""
    from dti_desktop.ui.consolidation_panel import ConsolidationPanel

    panel = ConsolidationPanel()
    qtbot.addWidget(panel)
    panel.resize(1366, 600)
    panel.show()
    c = _big(400, 34)
    started = time.perf_counter()
    panel.set_consolidation(c)
    panel.group.setCurrentIndex(1)
    panel.unit.setCurrentIndex(0)
    panel.view.horizontalScrollBar().setValue(panel.view.horizontalScrollBar().maximum())
    panel.view.viewport().repaint()
    assert time.perf_counter() - started < 1.5
    assert panel.model.columnCount() == 403 and "17 chỉ tiêu × 400 đơn vị" in panel.note.text()


def test_double_click_opens_a_targets_detail_and_the_summary_follows_the_import(qtbot, office, mao_khe, kim_son,
                                                                               tmp_path, monkeypatch):
    from dti_desktop.ui.main_window import MainWindow
    from tests.helpers import close_window, wait_for_tasks

    db, _ = office
    mao_khe.export(tmp_path / "usb")
    kim_son.export(tmp_path / "usb")
    w = MainWindow(db, tmp_path / "office" / "dti.sqlite3", today=date(2025, 4, 25))
    qtbot.addWidget(w)
    w.tabs.setCurrentWidget(w.district_page)
    w.period_combo.setCurrentIndex(w.period_combo.findData("2025-01"))
    tab = w.district
    assert tab.period == Period(2025, 1)
    done = []
    tab.imported.connect(done.append)
    tab.import_paths([tmp_path / "usb"])
    wait_for_tasks(qtbot, w)  # read off the GUI thread
    assert done and tab.consolidation_loaded
    assert w.period == MARCH and tab.period == MARCH  # the month just imported, not January
    assert tab.summary.text().startswith("Đã nhận 2 gói, từ chối 0 gói. Tháng 03/2025: 2/2 đơn vị đã gửi báo cáo")
    tab.inner.setCurrentIndex(2)
    model = tab.consolidation.model
    row = next(r for r in range(model.rowCount() - 1) if model.index(r, 0).data() == "6")
    assert model.index(row, 2).data() == "01/02 (50%)"
    tab.consolidation.view.doubleClicked.emit(model.index(row, 1))
    assert tab.consolidation_stack.currentIndex() == 1 and tab.target_combo.currentData() == "6"
    assert tab.target_model.rowCount() == 2
    close_window(qtbot, w)
