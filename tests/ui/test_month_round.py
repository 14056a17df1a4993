"""The unit's monthly round in the real window (offscreen): the whole month copied and undone, the checklist, the
status proposed from the result, the form at 1366×768 and at 125 %, F8, the month last used, a unit's tabs."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from dti_desktop.domain.periods import Period
from dti_desktop.domain.progress import Status
from dti_desktop.services import month_round, workspace
from dti_desktop.ui import messages
from dti_desktop.ui.checklist_dialog import GO_TO, ChecklistDialog
from dti_desktop.ui.main_window import MainWindow
from dti_desktop.ui.models.workspace_table_model import WorkspaceTableModel
from tests.helpers import close_window, wait_for_tasks
from tests.ui.test_main_window import cell, select

FEBRUARY, MARCH = Period(2025, 2), Period(2025, 3)


def _no_dialogs(monkeypatch):
    def fail(name):
        def unexpected(*args, **kwargs):
            raise AssertionError(f"unexpected dialog: messages.{name}{args[1:]}")
        return unexpected

    for name in ("info", "error", "confirm", "ask_unsaved", "open_file", "open_files", "save_file", "open_path",
                 "choose_folder", "ask_text"):
        monkeypatch.setattr(messages, name, fail(name))


@pytest.fixture
def unit(tmp_path):
    """Mạo Khê with February recorded for three targets, one with an evidence file."""
    from tests.unit_db import UnitDb

    unit = UnitDb(tmp_path / "mao-khe", "UBND phường Mạo Khê")
    evidence = tmp_path / "Biên bản.pdf"
    evidence.write_bytes(b"%PDF-1.4 bien ban " * 50)
    unit.record("6", {0: "92,5"}, Status.HOAN_THANH, [evidence], "Cổng DVC", period=FEBRUARY)
    unit.record("9", {1: "40/50"}, Status.DANG_TRIEN_KHAI, period=FEBRUARY)
    unit.record("13", {0: "64"}, Status.DANG_TRIEN_KHAI, period=FEBRUARY)
    yield unit
    unit.db.close()


@pytest.fixture
def window(qtbot, unit, monkeypatch):
    _no_dialogs(monkeypatch)
    w = MainWindow(unit.db, unit.path, today=date(2025, 3, 10))
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
    close_window(qtbot, w)


def _visible_in_window(window, widget) -> bool:
    """On screen inside the window: shown, not scrolled or clipped away."""
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return False
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()).center())


def test_the_whole_month_is_copied_in_one_action_and_undone_in_one(window, unit):
    assert window.period == MARCH and cell(window, "6", WorkspaceTableModel.COL_STATUS) == "Chưa có kết quả"
    window.round.copy_action.trigger()
    notice = window.notice
    assert notice.isVisible() and notice.text.text().startswith(
        "Đã chép 3 chỉ tiêu từ tháng 02/2025 sang tháng 03/2025 (kèm 1 tệp minh chứng).")
    assert notice.action.isVisible() and notice.action.text() == "Hoàn tác"
    assert cell(window, "6", WorkspaceTableModel.COL_STATUS) == "Hoàn thành"
    assert cell(window, "6", WorkspaceTableModel.COL_EVIDENCE) == "1"
    assert cell(window, "9", WorkspaceTableModel.COL_VALUE) == "80%"
    assert "24 chỉ tiêu chưa có kết quả" in window.banner.text()
    assert window.round.undo_action.isEnabled()
    notice.action.click()  # "Hoàn tác": the whole copy, one action
    assert notice.text.text().startswith("Đã hoàn tác việc chép từ tháng 02/2025: 3 chỉ tiêu trở lại chưa có kết quả")
    assert cell(window, "6", WorkspaceTableModel.COL_STATUS) == "Chưa có kết quả"
    assert "27 chỉ tiêu chưa có kết quả" in window.banner.text() and not window.round.undo_action.isEnabled()


def test_a_target_edited_this_month_is_left_alone_by_the_copy(window, unit, monkeypatch):
    select(window, "13")
    window.form._inputs[0].edit.setText("70")
    assert window.save_entry()
    window.round.copy_action.trigger()
    assert "Giữ nguyên 1 chỉ tiêu đã có kết quả tháng này: 13." in window.notice.text.text()
    assert cell(window, "13", WorkspaceTableModel.COL_VALUE) == "70%"


def test_the_checklist_names_what_to_look_at_and_goes_there(window, monkeypatch):
    window.round.copy_action.trigger()
    shown = []

    def go_to_first_empty(dialog):
        assert isinstance(dialog, ChecklistDialog) and dialog.send_button is None  # checking, not sending
        shown.append([dialog.lines.item(i).text() for i in range(dialog.lines.count())])
        dialog.lines.itemDoubleClicked.emit(dialog.lines.item(0))  # the targets without a result
        assert dialog.choice() == GO_TO
        return True

    monkeypatch.setattr(messages, "run_dialog", go_to_first_empty)
    window.round.check_action.trigger()
    lines = shown[0]
    assert lines[0].startswith("⚠ 3/27 chỉ tiêu đã có kết quả; 24 chỉ tiêu chưa có kết quả: 1, 2, 3")
    assert lines[1:4] == ["✓ Tình trạng và kết quả khớp nhau.", "✓ Chỉ tiêu “Hoàn thành” đều có minh chứng.",
                          "✓ Đánh giá tự điều chỉnh đều có lý do."]
    assert window.current.code == "1"  # the first target it names


def test_the_status_follows_the_result_and_a_contradiction_is_shown_beside_it(window, qtbot):
    select(window, "9")  # a ward: its 95 %
    form = window.form
    assert form.status.currentText() == "Chưa có kết quả" == cell(window, "9", WorkspaceTableModel.COL_STATUS)
    qtbot.keyClicks(form._inputs[1].edit, "40/50")
    assert form.status_value() is Status.DANG_TRIEN_KHAI  # a figure: started
    assert not form.status_note.isVisible()  # nothing to say: the box says it
    form._inputs[1].edit.setText("48/50")
    assert form.status_value() is Status.HOAN_THANH  # at the goal
    form.status.setCurrentIndex(form.status.findData("chua_trien_khai"))  # the officer insists
    assert form.status_value() is Status.CHUA_TRIEN_KHAI
    assert form.status_note.isVisible() and "Kết quả đạt mục tiêu nhưng tình trạng là “Chưa triển khai”" in \
        form.status_note.text()
    assert form.status_fix.isVisible() and form.status_fix.text() == "Đổi thành “Hoàn thành”"
    assert [e.field for e in form.validate()] == ["status"]  # not saved so
    form.status_fix.click()
    assert form.status_value() is Status.HOAN_THANH and not form.status_note.isVisible()
    assert form.validate() == []


def test_a_target_without_a_result_says_so_in_the_form_as_in_the_table(window):
    select(window, "10")
    assert window.form.status.currentText() == "Chưa có kết quả"
    window.form.difficulties.setPlainText("Chưa có kinh phí")  # a result now, without a figure
    assert window.form.status_value() is Status.CHUA_TRIEN_KHAI


def test_the_name_results_save_and_copy_stay_in_view_at_1366x768_and_at_125_percent(window, qtbot):
    form = window.form
    for width, height in ((1366, 768), (1093, 614)):
        window.resize(width, height)
        qtbot.waitUntil(lambda: window.width() == width)
        for code in ("9", "PL2.4", "18"):  # two figures, a goal in words, a long name
            select(window, code)
            qtbot.wait(10)
            for widget in (form.title, form.status, *[w.edit for w in form._inputs], form.save_button,
                           form.copy_button, form.next_button):
                assert _visible_in_window(window, widget), (width, code, widget)


def test_another_target_starts_at_the_top_of_the_form(window, qtbot):
    window.resize(1093, 614)
    select(window, "6")
    bar = window.form.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    select(window, "7")
    assert bar.value() == 0


def test_ctrl_s_saves_says_so_beside_save_and_f8_goes_to_the_next_target_without_a_result(window, qtbot):
    select(window, "13")
    box = window.form._inputs[0].edit
    box.setFocus()
    qtbot.keyClicks(box, "70")
    qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    done = window.form.done_label
    assert done.isVisible() and done.text().startswith("Đã lưu chỉ tiêu 13 lúc ")
    assert _visible_in_window(window, done)
    qtbot.keyClick(window.form._inputs[0].edit, Qt.Key.Key_F8)
    assert window.current.code == "14"  # 13 has its result now
    select(window, "PL2.5")  # the last: F8 goes round to the first without a result
    window.round.next_action.trigger()
    assert window.current.code == "1"
    window.form._inputs[0].edit.setText("50")
    assert not done.isVisible()  # "Đã lưu" is no longer true once something changes


def test_copying_one_target_brings_its_files(window, unit):
    select(window, "6")
    window.form.copy_button.click()
    assert window.form.files.count() == 1 and "chép từ tháng trước, chưa lưu" in window.form.files.item(0).text()
    assert "kèm 1 tệp minh chứng" in window.form.done_label.text()
    assert window.save_entry()
    assert cell(window, "6", WorkspaceTableModel.COL_EVIDENCE) == "1"


def test_the_window_reopens_on_the_plan_and_month_last_used(qtbot, unit, monkeypatch):
    _no_dialogs(monkeypatch)
    first = MainWindow(unit.db, unit.path, today=date(2026, 2, 3))
    first.period_combo.setCurrentIndex(first.period_combo.findData("2025-05"))
    close_window(qtbot, first)
    again = MainWindow(unit.db, unit.path, today=date(2026, 2, 3))
    assert again.ctx.plan.plan.year == 2025 and again.period == Period(2025, 5)  # not 12/2025
    close_window(qtbot, again)


def test_a_unit_sees_only_what_a_unit_does(window, unit):
    tabs = window.tabs
    assert not tabs.isTabVisible(tabs.indexOf(window.district_page))
    assert not tabs.isTabVisible(tabs.indexOf(window.annex_page))
    assert not window.preview_actions["district"].isVisible() and not window.new_year_action.isVisible()
    workspace.set_office_tools(unit.db, True)  # turned on in Settings
    window.show_office_tools(workspace.office_tools_shown(unit.db, window.ctx))
    assert tabs.isTabVisible(tabs.indexOf(window.district_page)) and window.preview_actions["district"].isVisible()


def test_a_consolidating_office_sees_its_tools(qtbot, office, tmp_path, monkeypatch):
    _no_dialogs(monkeypatch)
    db, store = office
    w = MainWindow(db, tmp_path / "office" / "dti.sqlite3", today=date(2025, 4, 25))
    assert w.tabs.isTabVisible(w.tabs.indexOf(w.district_page)) and w.tabs.isTabVisible(w.tabs.indexOf(w.annex_page))
    close_window(qtbot, w)


def test_the_window_is_never_taller_than_the_screen(window, qtbot):
    from dti_desktop.ui.app import show_window

    window.round.copy_action.trigger()  # the notice strip shown, as tall as it gets
    window.showNormal()
    show_window(window, QRect(0, 0, 1366, 768))  # a screen with no taskbar: its title bar had no room
    assert window.isMaximized()
    # 1366x728 at 125 % leaves 1093x582: the window can be that small, the notice and banner included
    assert window.minimumSizeHint().height() <= 582 and window.minimumSizeHint().width() <= 1093


def test_sending_names_how_many_are_empty_and_remembers_the_folder(window, unit, qtbot, monkeypatch, tmp_path):
    from tests.ui.test_submission_and_district import send_after_checklist

    window.round.copy_action.trigger()
    seen, folders, infos = [], [], []
    monkeypatch.setattr(messages, "run_dialog", lambda dialog: send_after_checklist(dialog, seen))
    monkeypatch.setattr(messages, "choose_folder", lambda parent, title, start="": folders.append(start) or str(
        tmp_path / "usb"))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(text))
    (tmp_path / "usb").mkdir()
    window.export_package_action.trigger()
    wait_for_tasks(qtbot, window)
    assert bool(infos)
    assert seen[0].startswith("Tháng 03/2025 còn 24/27 chỉ tiêu chưa có kết quả.")
    assert "3 kết quả, 1 tệp minh chứng" in infos[0]  # the copy kept its evidence
    assert month_round.last_folder(unit.db) == str(tmp_path / "usb") and folders == [""]
    assert window.notice.isVisible() and not window.notice.action.isVisible()  # sent: nothing to undo any more
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-04"))
    assert not window.notice.isVisible()  # it spoke of March
