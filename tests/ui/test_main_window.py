"""The officer's window driven through its real widgets (offscreen)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from dti_desktop.domain.progress import Status
from dti_desktop.domain.settings import Settings
from dti_desktop.domain.units import UnitKind
from dti_desktop.services import first_run, workspace
from dti_desktop.storage.progress_store import load_entry
from dti_desktop.ui import messages
from dti_desktop.ui.main_window import MainWindow
from dti_desktop.ui.models.workspace_table_model import NO_ENTRY, RAW_ROLE, WorkspaceTableModel
from tests.helpers import close_window, wait_for_tasks

SETTINGS = Settings(unit_name="UBND phường Mạo Khê", district="thành phố Đông Triều",
                    officer_name="Nguyễn Thị Hoa", report_day=20, consolidating_office="Phòng Văn hóa và Thông tin")


@pytest.fixture
def window(qtbot, seeded_db, db_path, monkeypatch):
    first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(SETTINGS, UnitKind.PHUONG))
    # No real dialog may ever block a test: every unexpected one fails it.
    for name in ("info", "error", "confirm", "ask_unsaved", "open_file", "open_files", "save_file", "open_path"):
        monkeypatch.setattr(messages, name, _unexpected(name))
    w = MainWindow(seeded_db, db_path, today=date(2025, 3, 10))
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
    close_window(qtbot, w)


def _unexpected(name):
    def fail(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: messages.{name}{args[1:]}")
    return fail


def select(window, code: str) -> None:
    for r in range(window.model.rowCount()):
        if window.model.index(r, 0).data(RAW_ROLE).code == code:
            window.table.selectionModel().setCurrentIndex(
                window.model.index(r, 0), window.table.selectionModel().SelectionFlag.ClearAndSelect)
            return
    raise AssertionError(code)


def cell(window, code: str, col: int) -> str:
    for r in range(window.model.rowCount()):
        if window.model.index(r, 0).data() == code:
            return window.model.index(r, col).data()
    raise AssertionError(code)


def test_window_shows_unit_period_banner_and_27_targets(window):
    assert window.model.rowCount() == 27
    assert window.period_combo.currentText() == "Tháng 03/2025"
    assert "UBND phường Mạo Khê" in window.unit_label.text()
    assert ("Báo cáo quý I hạn 15/03/2025 (còn 5 ngày); báo cáo tháng hạn 20/03/2025 (còn 10 ngày). "
            "27 chỉ tiêu chưa có kết quả") in window.banner.text()  # March ends the quarter: its report is due first
    assert "Gửi: Phòng Văn hóa và Thông tin." in window.banner.text()
    assert window.current.code == "1"


def test_model_passes_qt_model_tester(qtmodeltester, window):
    model = WorkspaceTableModel()
    model.set_rows(window.model.rows())
    qtmodeltester.check(model)


def test_enter_and_save_entry_with_attachment(window, qtbot, tmp_path, seeded_db):
    select(window, "9")  # "Đối với UBND thành phố đạt 100%; đối với UBND xã, phường đạt tối thiểu 95%"
    form = window.form
    assert [w.measure.raw for w in form._inputs] == ["100%", "95%"]
    assert not form._inputs[0].edit.isEnabled()  # the city's figure: a ward neither gives nor is judged on it
    assert "Không áp dụng" in form._inputs[0].edit.placeholderText()
    form.status.setCurrentIndex(form.status.findData("hoan_thanh"))
    qtbot.keyClicks(form._inputs[1].edit, "48/50")
    assert form._inputs[1].computed.text() == "= 96%"
    assert form.auto_label.text() == "Tự động: Đạt"
    evidence = tmp_path / "Văn bản 12-BC.pdf"
    evidence.write_bytes(b"%PDF-1.4 minh chung")
    form.add_files([evidence])
    assert window.detail_tabs.tabText(0) == "Kết quả tháng *"
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert window.detail_tabs.tabText(0) == "Kết quả tháng"
    assert cell(window, "9", WorkspaceTableModel.COL_STATUS) == "Hoàn thành"
    assert cell(window, "9", WorkspaceTableModel.COL_VALUE) == "96%"  # the ward's own figure only
    assert cell(window, "9", WorkspaceTableModel.COL_GOAL) == "95%"
    row9 = next(r for r in window.model.rows() if r.code == "9")
    assert row9.latest_value() == "48/50 (96%)"
    assert cell(window, "9", WorkspaceTableModel.COL_ASSESSMENT) == "Đạt"
    assert cell(window, "9", WorkspaceTableModel.COL_EVIDENCE) == "1"
    assert form.files.item(0).text().startswith("Văn bản 12-BC.pdf (")
    assert window.history_model.rowCount() == 0  # the history tab is filled when it is opened
    window.detail_tabs.setCurrentWidget(window.history_view)
    history = [(window.history_model.index(r, 2).data(), window.history_model.index(r, 4).data())
               for r in range(window.history_model.rowCount())]
    assert ("Tệp minh chứng", "Văn bản 12-BC.pdf") in history and ("Tình trạng", "Hoàn thành") in history
    assert window.history_model.index(0, 1).data() == "Nguyễn Thị Hoa"
    assert "26 chỉ tiêu chưa có kết quả" in window.banner.text()


def test_a_history_row_taller_than_its_view_can_be_read_whole(window, qtbot):
    """Scrolled a row at a time, the middle of a long note's change was never on screen."""
    select(window, "6")
    window.form.evidence_notes.setPlainText(" ".join(f"Công văn số {i}/UBND-VP về hồ sơ trực tuyến;" for i in range(300)))
    assert window.save_entry()
    window.form.causes.setPlainText("Thiếu nhân lực")
    assert window.save_entry()  # more rows below the tall one
    window.detail_tabs.setCurrentWidget(window.history_view)
    qtbot.wait(50)  # the view lays itself out
    view, bar = window.history_view, window.history_view.verticalScrollBar()
    tall = max(range(window.history_model.rowCount()), key=view.rowHeight)
    height, shown = view.rowHeight(tall), view.viewport().height()
    assert height > 2 * shown
    seen = []  # the slices of the row on screen, in the row's own pixels, over every scroll position
    for value in range(bar.minimum(), bar.maximum() + 1, max(1, min(shown // 2, (bar.maximum() + 1) // 50 or 1))):
        bar.setValue(value)
        top = view.visualRect(window.history_model.index(tall, 0)).top()
        seen.append((max(0, -top), min(height, shown - top)))
    reached = 0
    for first, last in sorted(seen):
        if first > reached:
            break
        reached = max(reached, last)
    assert reached >= height - 3, f"rows {reached}..{height} of the change never on screen"  # less its grid line


def test_measures_are_told_apart_and_a_goal_in_words_leaves_its_field_room(window, qtbot):
    """TT 18's two "Mục tiêu 100%" fields looked the same; PL2.4's goal in words, beside its field, squeezed it to
    a few letters."""
    from PySide6.QtWidgets import QLabel

    def captions():
        form = window.form.measure_form
        return [w.text() for w in (form.itemAt(i).widget() for i in range(form.count())) if isinstance(w, QLabel)]

    select(window, "18")
    assert captions() == ["Mục tiêu 1: 100%", "Mục tiêu 2: 100%"]
    select(window, "PL2.4")
    qtbot.wait(20)
    assert captions()[0].startswith("Mục tiêu 1: Hoàn thành phủ sóng vùng lõm")
    assert all(w.edit.width() >= 300 for w in window.form._inputs), [w.edit.width() for w in window.form._inputs]


def test_a_fraction_typed_for_a_count_shows_no_share(window, monkeypatch):
    """PL2.5's goal is "1.000 điểm": 800/1000 is 800 points done, and "= 80%" beside it read as a rate."""
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
    select(window, "PL2.5")
    measure = window.form._inputs[0]
    measure.edit.setText("800/1000")
    assert measure.computed.text() == "" and window.form.auto_label.text() == "Tự động: Chưa đạt"
    select(window, "6")
    window.form._inputs[0].edit.setText("45/50")
    assert window.form._inputs[0].computed.text() == "= 90%"  # a rate keeps its share


def test_validation_refuses_and_saves_nothing(window, qtbot, seeded_db):
    select(window, "6")
    qtbot.keyClicks(window.form._inputs[0].edit, "120")
    window.form.save_button.click()
    assert not window.form._inputs[0].error.isHidden()
    assert window.form._inputs[0].error.text() == "Tỷ lệ phải nằm trong khoảng 0–100%."
    window.form._inputs[0].edit.setText("55/50")
    window.form.save_button.click()
    assert "Tử số (55) không được lớn hơn mẫu số (50)." == window.form._inputs[0].error.text()
    assert load_entry(seeded_db, window.current.assignment_id, "2025-03") is None


def test_override_without_reason_refused(window, seeded_db):
    select(window, "6")
    window.form.override.setChecked(True)
    window.form.save_button.click()
    assert window.form.override_error.text() == "Cần ghi lý do khi tự điều chỉnh đánh giá."
    assert load_entry(seeded_db, window.current.assignment_id, "2025-03") is None


def test_the_override_offered_follows_the_entry_not_the_previous_target(qtbot):
    """Ticking "Tự điều chỉnh" offered whatever the previous target had been overridden to."""
    from dti_desktop.domain.progress import Assessment, ProgressEntry
    from dti_desktop.ui.entry_form import EntryForm

    form = EntryForm()
    qtbot.addWidget(form)
    form.load(ProgressEntry(1, "2025-03", assessment=Assessment.KHONG_DAT, assessment_auto=False,
                            override_reason="Chưa đủ hồ sơ"), (), [])
    assert form.override_value.currentData() == "khong_dat"
    form.load(ProgressEntry(2, "2025-03", assessment=Assessment.KHONG_DAT), (), [])  # judged "Chưa đạt" by its figures
    form.override.setChecked(True)
    assert form.override_value.currentData() == "dat" and form.override_value.isEnabled()
    form.load(ProgressEntry(3, "2025-03", assessment=Assessment.DAT), (), [])
    form.override.setChecked(True)
    assert form.override_value.currentData() == "khong_dat"


def test_completed_without_evidence_asks(window, monkeypatch, seeded_db):
    select(window, "10")  # qualitative ("-")
    window.form.status.setCurrentIndex(window.form.status.findData("hoan_thanh"))
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda *a: asked.append(a[2]) or False)
    assert window.save_entry() is False
    assert "chưa có minh chứng" in asked[0]
    assert load_entry(seeded_db, window.current.assignment_id, "2025-03") is None
    monkeypatch.setattr(messages, "confirm", lambda *a: True)
    assert window.save_entry() is True
    assert load_entry(seeded_db, window.current.assignment_id, "2025-03").status.value == "hoan_thanh"


def test_unsaved_changes_prompt_on_switching_target(window, monkeypatch, seeded_db, qtbot):
    select(window, "5")
    window.form.evidence_notes.setPlainText("Kế hoạch kiểm tra số 3")
    answers = iter([messages.CANCEL, messages.DISCARD])
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: next(answers))
    select(window, "7")
    assert window.current.code == "5" and window.form.is_dirty()  # cancelled: stays
    qtbot.waitUntil(lambda: window.table.currentIndex().data(RAW_ROLE).code == "5")  # once the view is done
    select(window, "7")
    assert window.current.code == "7" and not window.form.is_dirty()  # discarded
    assert load_entry(seeded_db, window.current.assignment_id, "2025-03") is None


def test_cancelling_a_click_leaves_the_table_on_the_target_in_the_form(window, monkeypatch, qtbot):
    """The form stayed on its target but the table highlighted the row clicked."""
    from PySide6.QtTest import QTest

    select(window, "5")
    window.form.evidence_notes.setPlainText("Kế hoạch kiểm tra số 3")
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.CANCEL)
    row7 = next(r for r in range(window.model.rowCount()) if window.model.row_at(r).code == "7")
    QTest.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     window.table.visualRect(window.model.index(row7, 2)).center())
    qtbot.wait(20)
    selected = [window.model.row_at(i.row()).code for i in window.table.selectionModel().selectedRows()]
    assert selected == ["5"] and window.table.currentIndex().data(RAW_ROLE).code == "5"
    assert window.current.code == "5" and window.form.evidence_notes.toPlainText() == "Kế hoạch kiểm tra số 3"


def test_saving_on_switching_target_goes_on_to_the_target_clicked(window, monkeypatch, seeded_db):
    """"Lưu" reloads the table; the table and the form must then both be on the target clicked."""
    select(window, "5")
    saved_id = window.current.assignment_id
    window.form._inputs[0].edit.setText("40")
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.SAVE)
    select(window, "7")
    assert load_entry(seeded_db, saved_id, "2025-03").values[0].value == 40
    assert window.current.code == "7" and window.table.currentIndex().data(RAW_ROLE).code == "7"
    assert not window.form.is_dirty()


def test_unsaved_changes_saved_on_period_switch(window, monkeypatch, seeded_db):
    select(window, "5")
    assignment = window.current.assignment_id
    window.form._inputs[0].edit.setText("40")
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.SAVE)
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-04"))
    assert window.period.key == "2025-04"
    assert load_entry(seeded_db, assignment, "2025-03").values[0].value == 40


def test_close_with_unsaved_changes_can_be_cancelled(window, monkeypatch):
    select(window, "5")
    window.form.causes.setPlainText("Thiếu nhân lực")
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.CANCEL)
    assert window.close() is False and window.isVisible()
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
    assert window.close() is True


def test_filter_by_status_group_and_search(window):
    window.search.setText("chu ky so")
    assert window.model.rowCount() == 1 and window.model.index(0, 0).data() == "17"
    window.search.clear()
    window.group_filter.setCurrentIndex(window.group_filter.findData("III Kinh tế số"))
    assert window.model.rowCount() == 4
    window.group_filter.setCurrentIndex(0)
    select(window, "13")
    window.form._inputs[0].edit.setText("75")
    window.save_entry()
    window.status_filter.setCurrentIndex(window.status_filter.findData("dang_trien_khai"))  # a figure: started
    assert [window.model.index(r, 0).data() for r in range(window.model.rowCount())] == ["13"]
    window.status_filter.setCurrentIndex(window.status_filter.findData(NO_ENTRY))
    assert window.model.rowCount() == 26
    assert window.count_label.text() == "Hiển thị 26/27 chỉ tiêu"


def _selected_codes(window) -> list[str]:
    return [window.model.row_at(i.row()).code for i in window.table.selectionModel().selectedRows()]


def test_the_table_comes_back_to_the_form_s_target_when_a_filter_shows_it_again(window, qtbot):
    select(window, "13")
    window.search.setText("chu ky so")  # hides 13
    assert window.current.code == "13" and _selected_codes(window) == []
    window.search.clear()
    assert _selected_codes(window) == ["13"] and window.current.code == "13"


def test_another_plan_with_a_search_active_opens_on_a_row_that_shows(window):
    """The hidden first row was chosen: an empty form while a matching row was on screen."""
    window.search.setText("chu ky so")
    window.plan_combo.setCurrentIndex(window.plan_combo.findData(
        next(p.id for p in workspace.catalogues.plans(window.db) if p.plan.year == 2024)))
    assert window.model.rowCount() >= 1
    assert window.current is not None and _selected_codes(window) == [window.current.code]
    assert window.current.code == window.model.row_at(0).code


def test_printing_asks_about_unsaved_changes_first(window, monkeypatch):
    """The report prints what is saved: the edits on screen were left out without a word."""
    asked = []
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: asked.append(True) or messages.CANCEL)
    monkeypatch.setattr(messages, "print_preview", _unexpected("print_preview"))
    select(window, "13")
    window.form._inputs[0].edit.setText("85")
    window.preview_report("month")
    window.save_report_pdf("month")
    assert asked == [True, True]


def test_a_result_the_form_refuses_is_not_judged_meanwhile(window):
    select(window, "6")  # a rate
    window.form._inputs[0].edit.setText("1.000")
    assert window.form.auto_label.text() == "Tự động: chưa đánh giá được (có kết quả chưa hợp lệ)"
    window.form._inputs[0].edit.setText("95")
    assert window.form.auto_label.text() == "Tự động: Đạt"


def test_settings_refused_come_back_with_what_was_typed(window, monkeypatch):
    from dti_desktop.storage.errors import ConflictError
    from dti_desktop.ui import dialogs

    shown, errors = [], []

    class Dialog:
        def __init__(self, settings, kind, parent, office_tools=None):
            shown.append(settings)

        def exec(self):
            return len(shown) == 1  # the officer gives up at the second showing

        def settings(self):
            return Settings(**{**SETTINGS.__dict__, "unit_name": "UBND phường Kim Sơn", "officer_name": "Lê Văn Tâm"})

    def taken(db, settings):
        raise ConflictError(f"Đơn vị “{settings.unit_name}” đã có trong danh sách.")

    monkeypatch.setattr(dialogs, "SettingsDialog", Dialog)
    monkeypatch.setattr(workspace, "update_settings", taken)
    monkeypatch.setattr(messages, "error", lambda parent, title, text: errors.append(text))
    window.edit_settings()
    assert len(errors) == 1 and shown[1].officer_name == "Lê Văn Tâm"  # the second dialog holds what was typed


def test_copy_from_previous_month(window, seeded_db):
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-02"))
    select(window, "17")
    window.form._inputs[0].edit.setText("31,5")
    window.form.difficulties.setPlainText("Người dân chưa quen")
    assert window.save_entry()
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-03"))
    select(window, "17")
    window.form.copy_button.click()
    assert window.form._inputs[0].edit.text() == "31,5"
    assert window.form.difficulties.toPlainText() == "Người dân chưa quen"
    assert window.form.is_dirty()
    window.form.revert_button.click()  # "Hoàn tác" goes back to what is stored: nothing for March
    assert window.form._inputs[0].edit.text() == "" and window.form.difficulties.toPlainText() == ""
    assert not window.form.is_dirty()
    window.form.copy_button.click()
    assert window.save_entry()
    assert load_entry(seeded_db, window.current.assignment_id, "2025-03").values[0].value == 31.5


def test_ctrl_s_in_the_form_saves(window, qtbot, seeded_db):
    """One binding of Ctrl+S (the window's action): two made Qt fire neither when the form had focus."""
    select(window, "13")
    box = window.form._inputs[0].edit
    box.setFocus()
    qtbot.keyClicks(box, "75")  # under the goal: "Đang triển khai", no question about evidence
    qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.form.is_dirty()
    assert load_entry(seeded_db, window.current.assignment_id, "2025-03").values[0].value == 75


def test_saving_an_untouched_target_without_a_result_asks_first(window, monkeypatch, seeded_db):
    """Ctrl+S with nothing typed recorded "Chưa triển khai" with today's date: the target left the banner's list of
    those without a result and went into the next package."""
    asked = []
    select(window, "10")
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, yes="": asked.append(text) or False)
    assert window.save_entry() is True  # nothing to save, nothing lost
    assert asked[0].startswith("Chỉ tiêu 10 chưa có kết quả tháng 03/2025 và chưa nhập gì. Ghi nhận tình trạng")
    assert load_entry(seeded_db, window.current.assignment_id, "2025-03") is None
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, yes="": True)
    assert window.save_entry()
    entry = load_entry(seeded_db, window.current.assignment_id, "2025-03")
    assert entry is not None and entry.status.value == "chua_trien_khai"  # recorded when the officer says so
    monkeypatch.setattr(messages, "confirm", _unexpected("confirm"))
    assert window.save_entry()  # saved, untouched: nothing to ask, nothing written
    assert "Không có thay đổi" in window.statusBar().currentMessage()


def test_sorting_by_date_and_result_uses_their_values(window, monkeypatch):
    monkeypatch.setattr(messages, "confirm", lambda *a: True)  # 100 % proposes "Hoàn thành", asked for evidence
    for code, value, when in (("5", "9", "2025-03-09T08:00:00+07:00"), ("7", "31,5", "2025-02-28T08:00:00+07:00"),
                              ("13", "100", "2025-03-10T08:00:00+07:00")):
        select(window, code)
        window.form._inputs[0].edit.setText(value)
        assert window.save_entry()
    # the rows as stored, with their update times set apart (saving stamps them all with today)
    rows = window.model.rows()
    stamped = {"5": "2025-03-09T08:00:00+07:00", "7": "2025-02-28T08:00:00+07:00", "13": "2025-03-10T08:00:00+07:00"}
    window.model.set_rows([replace(r, entry=replace(r.entry, updated_at=stamped[r.code]))
                           if r.code in stamped else r for r in rows])
    window.model.sort(WorkspaceTableModel.COL_UPDATED, Qt.SortOrder.DescendingOrder)
    shown = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert shown[:3] == ["13", "5", "7"]  # 10/03, 09/03, 28/02: by date, not by the dd/MM text
    window.model.sort(WorkspaceTableModel.COL_VALUE, Qt.SortOrder.DescendingOrder)
    shown = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert shown[:3] == ["13", "7", "5"]  # 100 > 31,5 > 9, not "9" > "31,5" > "100"


def test_remove_attachment_asks_and_records(window, monkeypatch, tmp_path):
    select(window, "8")
    f = tmp_path / "anh.png"
    f.write_bytes(b"\x89PNG")
    window.form.add_files([f])
    window.form._inputs[0].edit.setText("91")
    assert window.save_entry()
    window.form.files.setCurrentRow(0)
    monkeypatch.setattr(messages, "confirm", lambda *a: False)
    window.form.remove_file.click()
    assert window.form.files.count() == 1
    monkeypatch.setattr(messages, "confirm", lambda *a: True)
    window.form.remove_file.click()
    assert window.form.files.count() == 0
    assert cell(window, "8", WorkspaceTableModel.COL_EVIDENCE) == ""
    window.detail_tabs.setCurrentWidget(window.history_view)
    assert window.history_model.index(0, 3).data() == "anh.png"  # old value of the removal


def test_open_attachment_uses_a_named_copy(window, monkeypatch, tmp_path):
    select(window, "8")
    f = tmp_path / "Báo cáo.docx"
    f.write_bytes(b"PK docx")
    window.form.add_files([f])
    window.save_entry()
    opened = []
    monkeypatch.setattr(messages, "open_path", lambda p: opened.append(p) or True)
    window.form.files.setCurrentRow(0)
    window.form.open_file.click()
    assert opened[0].name == "Báo cáo.docx" and opened[0].read_bytes() == b"PK docx"


def test_overview_tab_draws_charts(window):
    assert window.overview.canvas is None  # matplotlib not loaded before the tab opens
    window.tabs.setCurrentWidget(window.overview)
    assert window.overview.canvas is not None
    assert len(window.overview.figure.axes) == 3
    assert window.overview.summary.text().startswith("Tháng 03/2025: 27 chỉ tiêu được giao")


def test_settings_change_updates_banner(window):
    window.apply_settings(Settings(**{**SETTINGS.__dict__, "report_day": 15, "consolidating_office": "Sở VH"}))
    assert "hạn 15/03/2025 (còn 5 ngày)" in window.banner.text() and "Gửi: Sở VH." in window.banner.text()


def test_about_names_data_folder(window, db_path):
    from dti_desktop import __version__

    text = window.about_text()
    assert str(db_path.parent) in text and f"DTI Desktop {__version__}\n" in text  # dots kept (0.1.0, paths)
    assert text.rstrip().endswith(" MB") and "chạy ngoại tuyến." in text


def test_export_and_import_catalogue_off_the_gui_thread(window, monkeypatch, qtbot, tmp_path):
    out = tmp_path / "danh-muc.xlsx"
    infos = []
    monkeypatch.setattr(messages, "save_file", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "open_file", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(title))
    reviewed = []

    def review(dialog):  # the officer looks at what was found, then saves
        reviewed.append(dialog.model.rowCount())
        dialog.accept()
        return True

    monkeypatch.setattr(messages, "run_dialog", review)
    window.export_action.trigger()
    wait_for_tasks(qtbot, window)
    assert infos == ["Đã xuất danh mục"]
    window.import_action.trigger()
    wait_for_tasks(qtbot, window)
    assert len(infos) == 2
    assert infos[1] == "Đã nhập danh mục" and reviewed and reviewed[0] > 27


def test_a_new_year_s_plan_from_the_word_file_is_reviewed_then_saved(window, monkeypatch, qtbot):
    """The plan's own .docx, a year the program does not know: reviewed (its fields read from the plan's header),
    saved, and offered in the plan list; cancelling the review writes nothing."""
    from pathlib import Path

    from tests.conftest import dump

    docx = Path(__file__).resolve().parents[1] / "fixtures" / "annexes" / "dt2025_ke-hoach-36.docx"
    infos = []
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append((title, text)))
    shown = []
    monkeypatch.setattr(messages, "run_dialog", lambda dialog: shown.append(dialog.given()) and False)
    before = dump(window.db)
    window.import_catalogue(str(docx))
    wait_for_tasks(qtbot, window)
    assert bool(shown)
    assert shown[0].number == "36/KH-UBND" and shown[0].date == "06/02/2025"  # read from the plan's header
    assert dump(window.db) == before and not infos  # cancelled: nothing written

    def as_2026(dialog):
        dialog.edits["number"].setText("12/KH-UBND")
        dialog.edits["year"].setText("2026")
        dialog.edits["date"].setText("10/01/2026")
        dialog.accept()
        return dialog.result_preview() is not None

    monkeypatch.setattr(messages, "run_dialog", as_2026)
    window.import_catalogue(str(docx))
    wait_for_tasks(qtbot, window)
    assert bool(infos)
    assert infos[0][0] == "Đã nhập danh mục" and "12/KH-UBND năm 2026: 27 chỉ tiêu" in infos[0][1]
    years = [window.plan_combo.itemText(i) for i in range(window.plan_combo.count())]
    assert any("2026" in y for y in years)


def test_a_refused_catalogue_workbook_is_told_with_its_file_sheet_and_row(window, monkeypatch, qtbot, tmp_path):
    """The window loads a workbook's error types only when it reads one; the refusal still names where."""
    import openpyxl

    out = tmp_path / "danh-muc.xlsx"
    infos, errors = [], []
    monkeypatch.setattr(messages, "save_file", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "open_file", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(title))
    monkeypatch.setattr(messages, "error", lambda parent, title, text: errors.append((title, text)))
    window.export_action.trigger()
    wait_for_tasks(qtbot, window)
    assert infos == ["Đã xuất danh mục"]
    book = openpyxl.load_workbook(out)
    sheet = next(ws for ws in book.worksheets if ws.max_row > 5)
    row = next(r for r in range(1, sheet.max_row + 1) if str(sheet.cell(r, 1).value or "").strip() == "1")
    sheet.cell(row, 1).value = "=1+1"  # a formula where the TT goes: refused, never evaluated
    book.save(out)
    window.import_action.trigger()
    wait_for_tasks(qtbot, window)
    assert len(errors) == 1
    title, text = errors[0]
    assert title == "Không nhập được danh mục"
    assert "danh-muc.xlsx" in text and f"dòng {row}" in text and sheet.title in text


def test_switch_plan_assigns_its_targets(window):
    window.plan_combo.setCurrentIndex(window.plan_combo.findData(
        next(p.id for p in workspace.catalogues.plans(window.db) if p.plan.year == 2024)))
    assert window.model.rowCount() == 34
    assert window.period.key == "2024-12" and window.period_combo.count() == 12


def test_drop_files_onto_evidence_list(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    select(window, "6")
    f = tmp_path / "ảnh hiện trường.jpg"
    f.write_bytes(b"\xff\xd8jpeg")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)), QUrl.fromLocalFile(str(tmp_path))])  # a folder is ignored
    event = QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.form.files.dropEvent(event)
    assert window.form.pending_files() == [f]
    assert window.form.files.item(0).text() == "ảnh hiện trường.jpg — chưa lưu"
    assert window.form.is_dirty()


def test_start_path_imports_no_heavy_library(seeded_db, db_path):
    """Start-up time: showing the window needs neither sqlite-utils, openpyxl, numpy, matplotlib,
    the package writer (zipfile), a workbook's error types, the annex tree, the history, the first run nor
    multiprocessing (the single-instance channel opens once the window is up)."""
    from tests.helpers import in_fresh_process

    seeded_db.close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from dti_desktop.ui.app import make_app\n"
        "from dti_desktop.services.app_database import open_app_database\n"
        "from dti_desktop.services import first_run, workspace\n"
        "from dti_desktop.domain.settings import Settings\n"
        "from dti_desktop.domain.units import UnitKind\n"
        f"p = Path({str(db_path)!r}); db = open_app_database(p)\n"
        "first_run.complete_first_run(db, first_run.FirstRunChoice(Settings(unit_name='X', officer_name='Y'),"
        " UnitKind.XA))\n"
        "for name in ('sqlite_utils', 'openpyxl', 'numpy', 'matplotlib', 'dti_desktop.storage.fast_import',"
        " 'zipfile', 'dti_desktop.services.packages', 'difflib', 'html', 'dti_desktop.ui.detail',"
        " 'dti_desktop.io.workbook_errors', 'dti_desktop.domain.annex', 'dti_desktop.io.catalogue_json',"
        " 'dti_desktop.services.history', 'dti_desktop.services.first_run'):"
        " sys.modules.pop(name, None)\n"
        "from dti_desktop.ui.main_window import MainWindow\n"
        "app = make_app(); db = open_app_database(p); w = MainWindow(db, p); w.show(); app.processEvents()\n"
        "print(sorted(n for n in ('sqlite_utils', 'openpyxl', 'numpy', 'matplotlib', 'zipfile',"
        " 'dti_desktop.services.packages', 'multiprocessing.connection', 'difflib', 'html', 'dti_desktop.ui.detail',"
        " 'dti_desktop.io.workbook_errors', 'dti_desktop.domain.annex', 'dti_desktop.io.catalogue_json',"
        " 'dti_desktop.services.history', 'dti_desktop.services.first_run')"
        " if n in sys.modules))\n"
    )
    assert in_fresh_process(code)[-1] == "[]"


def test_a_city_figure_an_older_version_let_a_ward_fill_can_be_cleared_and_is_refused_until_it_is(window, seeded_db):
    from dataclasses import replace

    from dti_desktop.domain.progress import MeasureValue

    row = next(r for r in window.model.rows() if r.code == "9")
    old = replace(workspace.blank_entry(row, window.period), values={0: MeasureValue(value=100),
                                                                     1: MeasureValue(value=97)},
                  status=Status.HOAN_THANH)
    workspace.save(seeded_db, window.store, old, row.goal.measures, [], "Hoa")  # as an older version saved it
    window.reload_rows()
    select(window, "9")
    city, ward = window.form._inputs
    assert city.edit.isEnabled() and city.edit.text() == "100"  # not locked away with its value
    errors = window.form.validate()
    assert [e.field for e in errors] == ["value:0"] and "dành cho cấp khác" in errors[0].message
    city.edit.clear()
    assert window.form.validate() == []
    assert window.form.draft().assessment.value == "dat"


def test_the_missing_reason_error_goes_once_a_reason_is_given_or_the_override_undone(window):
    select(window, "13")
    form = window.form
    form.override.setChecked(True)
    assert any(e.field == "override_reason" for e in form.validate())
    assert form.override_error.isVisible()
    form.override_reason.setText("Số liệu của Sở chưa cập nhật")
    assert not form.override_error.isVisible()
    form.override_reason.setText("")
    form.validate()
    assert form.override_error.isVisible()
    form.override.setChecked(False)
    assert not form.override_error.isVisible()


def test_target_details_are_filled_when_their_tab_is_shown(window):
    """The "Thông tin chỉ tiêu" tab is filled on demand (start-up time), and always for the target chosen."""
    select(window, "9")
    assert window.info.text() == ""  # not built while its tab is hidden
    window.detail_tabs.setCurrentWidget(window.info_scroll)
    assert window.info.text().startswith("<p><b>9.</b> ") and "Cơ quan chủ trì" in window.info.text()
    select(window, "10")  # shown: follows the target at once
    assert window.info.text().startswith("<p><b>10.</b> ")
    window.detail_tabs.setCurrentIndex(0)
    select(window, "9")
    window.detail_tabs.setCurrentWidget(window.info_scroll)
    assert window.info.text().startswith("<p><b>9.</b> ")


# As main.py starts the window: collections off, and (here) quitting once the window is shown.
_STARTED_AS_MAIN_PY = ("import gc, os\n"
                       "gc.disable()\n"
                       "os.environ['DTI_QUIT_AFTER_SHOW'] = '1'\n"
                       "from pathlib import Path\n"
                       "from dti_desktop.ui import app\n")


def test_start_runs_without_collections_and_resumes_them_once_the_window_shows(seeded_db, db_path):
    """main.py starts with the cyclic collector off (start-up time); run_gui turns it back on, with what start-up
    made frozen out of later collections, as soon as the window is shown."""
    from tests.helpers import in_fresh_process

    first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(SETTINGS, UnitKind.PHUONG))
    seeded_db.close()
    code = (
        _STARTED_AS_MAIN_PY +
        "seen = []\n"
        "resume = app.resume_collections\n"
        "app.resume_collections = lambda: (seen.append(gc.isenabled()), resume())\n"
        f"code = app.run_gui(Path({str(db_path)!r}))\n"
        "print(code, seen, gc.isenabled(), gc.get_freeze_count() > 1000)\n"
    )
    assert in_fresh_process(code)[-1] == "0 [False] True True"


def test_the_first_run_dialog_runs_with_collections_on_and_nothing_frozen(seeded_db, db_path):
    """The officer may spend minutes in the first-run dialog (reading a catalogue workbook makes much garbage):
    collections are back on before it, and nothing it left behind is frozen out of them."""
    from tests.helpers import in_fresh_process

    seeded_db.close()
    code = (
        _STARTED_AS_MAIN_PY +
        "from dti_desktop.services.first_run import FirstRunChoice, complete_first_run\n"
        "from dti_desktop.domain.settings import Settings\n"
        "from dti_desktop.domain.units import UnitKind\n"
        "seen = []\n"
        "def first_run(db, parent=None):\n"
        "    seen.append(gc.isenabled())\n"
        "    complete_first_run(db, FirstRunChoice(Settings(unit_name='X', officer_name='Y'),"
        " UnitKind.XA))\n"
        "    return True\n"
        "app.first_run = first_run\n"
        f"code = app.run_gui(Path({str(db_path)!r}))\n"
        "print(code, seen, gc.isenabled(), gc.get_freeze_count())\n"
    )
    assert in_fresh_process(code)[-1] == "0 [True] True 0"


def test_chart_and_printing_modules_load_in_the_background(tmp_path):
    """The first click on "Tổng quan" should only draw, and the first send or print not import the report modules in
    the window's thread (25 ms of a 52 ms stall): they are imported off the GUI thread once the window is up."""
    from tests.helpers import in_fresh_process

    wanted = ("dti_desktop.services.packages", "dti_desktop.services.reports", "dti_desktop.io.pdf_render",
              "matplotlib.backends.backend_qtagg", "matplotlib.figure")
    code = (
        "import sys, threading\n"
        "from dti_desktop.ui.preload import preload_in_background\n"
        f"wanted = {wanted!r}\n"
        "assert not [m for m in wanted if m in sys.modules]\n"
        "import gc\n"
        "t = preload_in_background(); assert t is not threading.current_thread(); t.join(60)\n"
        "print(gc.get_freeze_count() > 10000)\n"
        "print([m for m in wanted if m in sys.modules])\n"
    )
    frozen, loaded = in_fresh_process(code)[-2:]
    assert loaded == repr(list(wanted))
    assert frozen == "True"  # what was loaded is kept out of the collector's sight (stalls of 40-60 ms)


def test_sorting_by_a_column_keeps_the_target_being_edited(window, qtbot):
    select(window, "9")
    window.form.causes.setPlainText("Chưa lưu")
    header = window.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(WorkspaceTableModel.COL_STATUS) + 5, 5))
    assert header.sortIndicatorSection() == WorkspaceTableModel.COL_STATUS
    statuses = [window.model.index(r, WorkspaceTableModel.COL_STATUS).data() for r in range(window.model.rowCount())]
    assert statuses in (sorted(statuses), sorted(statuses, reverse=True))
    assert window.table.currentIndex().data(RAW_ROLE).code == "9"  # the selection followed its row
    assert window.current.code == "9" and window.form.causes.toPlainText() == "Chưa lưu"  # nothing reloaded


def test_everything_fits_a_1366x768_screen_at_125_percent(window, qtbot):
    """1093x614 logical pixels: every table column in view, the target text readable, no sideways scrolling in
    the entry form."""
    select(window, "9")
    window.resize(1093, 614)
    qtbot.waitUntil(lambda: window.width() == 1093)
    header = window.table.horizontalHeader()
    assert header.length() <= window.table.viewport().width()
    assert header.sectionSize(WorkspaceTableModel.COL_TEXT) >= 12 * header.fontMetrics().averageCharWidth()
    scroll = window.form.scroll  # the form's middle scrolls; its head and buttons stay
    assert window.form.body.minimumSizeHint().width() <= scroll.viewport().width()
    assert window.form.minimumSizeHint().width() <= window.detail_tabs.currentWidget().width()


def test_window_is_maximized_on_a_small_or_scaled_screen(qtbot, seeded_db, db_path):
    from PySide6.QtCore import QRect

    from dti_desktop.ui.app import show_window

    first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(SETTINGS, UnitKind.PHUONG))
    for available, maximized in ((QRect(0, 0, 1280, 720), True), (QRect(0, 0, 1366, 728), True),
                                 (QRect(0, 0, 1920, 1040), False)):
        w = MainWindow(seeded_db, db_path, today=date(2025, 3, 10))
        qtbot.addWidget(w)
        show_window(w, available)
        assert w.isMaximized() == maximized
        if not maximized:
            assert (w.width(), w.height()) == (1366, 768)
        w.close()


def test_importing_the_plan_in_use_shows_its_new_wording_at_once(window, monkeypatch, qtbot, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "danh-muc.xlsx"
    infos = []
    monkeypatch.setattr(messages, "save_file", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(title))
    window.export_action.trigger()
    wait_for_tasks(qtbot, window)
    assert len(infos) == 1
    wb = load_workbook(out)
    ws = wb["Phụ lục"]
    cell_3 = next(c for row in ws.iter_rows() for c in row if c.value == "3")
    ws.cell(cell_3.row, cell_3.column + 1).value += " (sửa)"
    wb.save(out)
    select(window, "3")
    monkeypatch.setattr(messages, "open_file", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "run_dialog", lambda dialog: dialog.accept() or True)  # reviewed, saved
    window.import_action.trigger()
    wait_for_tasks(qtbot, window)
    assert len(infos) == 2
    assert window.current.code == "3" and window.current.target.text.endswith("(sửa)")
    assert window.form.title.text().endswith("(sửa)")


def test_removing_the_last_evidence_of_a_completed_target_says_so(window, monkeypatch, tmp_path):
    select(window, "8")
    f = tmp_path / "anh.png"
    f.write_bytes(b"\x89PNG")
    window.form.add_files([f])
    window.form.status.setCurrentIndex(window.form.status.findData("hoan_thanh"))
    window.form._inputs[0].edit.setText("91")
    assert window.save_entry()
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, yes="": asked.append(text) or True)
    window.form.files.setCurrentRow(0)
    window.form.remove_file.click()
    assert "“Hoàn thành” nhưng chưa có minh chứng" in asked[0]
    assert window.form.evidence_error.isVisibleTo(window.form)


def test_a_file_not_yet_saved_opens_from_where_it_was_chosen(window, monkeypatch, tmp_path):
    select(window, "8")
    f = tmp_path / "Biên bản.pdf"
    f.write_bytes(b"%PDF")
    window.form.add_files([f])
    opened = []
    monkeypatch.setattr(messages, "open_path", opened.append)
    window.form.files.setCurrentRow(0)
    window.form.open_file.click()
    assert opened == [f]


def test_pdf_names_suggested_in_vietnamese(window, monkeypatch):
    asked = []
    monkeypatch.setattr(messages, "save_file", lambda parent, title, suggested, *a, **k: asked.append(suggested))
    window.save_report_pdf("month")
    window.save_report_pdf("summary")
    assert asked == ["bao-cao-thang-03-2025.pdf", "phieu-tong-hop-03-2025.pdf"]


def test_quarter_and_year_pdf_names_carry_their_span_not_the_month(window, monkeypatch):
    """A quarter's report is named by its quarter and a year's by its year; the month chosen when it was made
    ("bao-cao-nam-03-2025") read as a March report. Month-long documents keep the month."""
    asked = []
    monkeypatch.setattr(messages, "save_file", lambda parent, title, suggested, *a, **k: asked.append(suggested))
    for kind in ("quarter", "year", "month", "district"):
        window.save_report_pdf(kind)
    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-11"))
    window.save_report_pdf("quarter")
    assert asked == ["bao-cao-quy-I-2025.pdf", "bao-cao-nam-2025.pdf", "bao-cao-thang-03-2025.pdf",
                     "bao-cao-tong-hop-03-2025.pdf", "bao-cao-quy-IV-2025.pdf"]


def test_switching_plans_back_returns_to_the_month_left(window):
    """2025 → 2024 → 2025 lands on the month the officer was on in 2025 (and in 2024), not on today's default."""
    def choose(year: int) -> None:
        window.plan_combo.setCurrentIndex(window.plan_combo.findData(
            next(p.id for p in workspace.catalogues.plans(window.db) if p.plan.year == year)))

    window.period_combo.setCurrentIndex(window.period_combo.findData("2025-07"))
    choose(2024)
    assert window.period.key == "2024-12"  # never visited: the default for a past year
    window.period_combo.setCurrentIndex(window.period_combo.findData("2024-05"))
    choose(2025)
    assert window.period.key == "2025-07" and window.period_combo.currentText() == "Tháng 07/2025"
    assert window.model.rowCount() == 27
    choose(2024)
    assert window.period.key == "2024-05" and window.period_combo.currentData() == "2024-05"


def test_two_measure_results_are_not_cut_in_the_table(window, seeded_db, db_path, qtbot):
    """"100; 97,5%" and "8,5; 12,5%" showed as "100; 9…": the result column is sized from such a result, and still
    every column stays in view at 1093 px (1366x768 at 125 %)."""
    from PySide6.QtWidgets import QStyle

    from dti_desktop.domain.periods import Period
    from dti_desktop.domain.progress import parse_value

    for row in workspace.rows(seeded_db, window.ctx, Period(2025, 3)):
        values = {"9": {0: "100", 1: "39/40"}, "20": {0: "8,5", 1: "1/8"}}.get(row.code)
        if values:
            entry = replace(workspace.blank_entry(row, Period(2025, 3)), status=Status.DANG_TRIEN_KHAI,
                            values={p: parse_value(v) for p, v in values.items()})
            workspace.save(seeded_db, db_path.parent / "evidence", entry, row.goal.measures, [], "Nguyễn Thị Hoa")
    window.reload_rows()
    window.resize(1093, 614)
    qtbot.waitUntil(lambda: window.width() == 1093)
    margin = window.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, window.table) + 1
    room = window.table.columnWidth(WorkspaceTableModel.COL_VALUE) - 2 * margin
    fm = window.table.fontMetrics()
    for code, share in (("9", "; 97,5%"), ("20", "; 12,5%")):
        shown = cell(window, code, WorkspaceTableModel.COL_VALUE)  # "100; 97,5%" (or "100%; 97,5%" with the unit)
        assert shown.endswith(share) and fm.elidedText(shown, Qt.TextElideMode.ElideRight, room) == shown
    assert window.table.horizontalHeader().length() <= window.table.viewport().width()


def test_saving_a_row_the_filter_then_hides_leaves_an_empty_form(window, qtbot):
    """Under "Chưa có kết quả", the saved row leaves the table; the form kept its content, greyed, and the tab
    still said "*", as if the save had not taken."""
    window.status_filter.setCurrentIndex(window.status_filter.findData(NO_ENTRY))
    select(window, "17")
    qtbot.keyClicks(window.form._inputs[0].edit, "31,5")
    qtbot.mouseClick(window.form.save_button, Qt.MouseButton.LeftButton)
    assert all(window.model.row_at(r).code != "17" for r in range(window.model.rowCount()))
    assert window.current is None  # the view keeps no row selected
    assert window.form.title.text().startswith("Chọn một chỉ tiêu") and window.form._inputs == []
    assert window.detail_tabs.tabText(0) == "Kết quả tháng"


def test_the_forms_share_is_cut_never_rounded_up_to_the_goal(window, qtbot):
    """26999/30000 showed "= 90%" beside a 90 % goal, next to "Tự động: Chưa đạt"."""
    select(window, "8")  # 90%
    window.form._inputs[0].edit.setText("26999/30000 phiếu")  # (QTest cannot type "ế")
    assert window.form._inputs[0].computed.text() == "= 89,99%"
    assert window.form.auto_label.text() == "Tự động: Chưa đạt"


def test_every_way_out_of_the_start_closes_the_database_and_releases_the_folder(seeded_db, db_path):
    """main.py exits without the interpreter's teardown, so nothing is closed for the program: the officer who
    cancels the first-run dialog, and a database that cannot be opened, leave the folder closed and unlocked."""
    from tests.helpers import in_fresh_process

    seeded_db.close()
    folder = db_path.parent
    code = (
        _STARTED_AS_MAIN_PY +
        "app.first_run = lambda db, parent=None: False\n"
        f"code = app.run_gui(Path({str(db_path)!r}))\n"
        f"print(code, Path({str(folder / 'dti.lock')!r}).exists(), Path({str(db_path) + '-wal'!r}).exists())\n"
    )
    assert in_fresh_process(code)[-1] == "0 False False"
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA user_version = 99")  # from a newer program: cannot be opened
    conn.close()
    code = (
        _STARTED_AS_MAIN_PY +
        "del os.environ['DTI_QUIT_AFTER_SHOW']  # (it would stop at the message instead)\n"
        "from dti_desktop.ui import messages\n"
        "messages.error = lambda *args: None\n"
        f"code = app.run_gui(Path({str(db_path)!r}))\n"
        f"print(code, Path({str(folder / 'dti.lock')!r}).exists())\n"
    )
    assert in_fresh_process(code)[-1] == "1 False"


def test_a_damaged_database_at_start_is_offered_a_restore(mao_khe, monkeypatch):
    """The window cannot open damaged data, and the officer was told to restore a backup with no way to do it."""
    from dti_desktop.services import backups
    from dti_desktop.storage.errors import SchemaTooNewError, StorageError
    from dti_desktop.ui import app

    made = backups.create_backup(mao_khe.path)
    mao_khe.db.close()
    with open(mao_khe.path, "r+b") as handle:
        handle.write(b"\x5a" * 8192)
    asked, told = [], []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, yes="": asked.append(text) or True)
    monkeypatch.setattr(messages, "choose_backup", lambda parent, found: found[0].name)
    monkeypatch.setattr(messages, "info", lambda parent, title, text: told.append(text))
    assert not app.offer_restore(mao_khe.path, SchemaTooNewError("mới hơn")) and not asked  # newer data: not this
    damaged = StorageError(f"Cơ sở dữ liệu {mao_khe.path} bị hỏng hoặc không phải cơ sở dữ liệu của DTI Desktop.")
    assert app.offer_restore(mao_khe.path, damaged)
    assert "Có 1 bản sao lưu" in asked[0] and told[0].startswith(f"Đã khôi phục dữ liệu từ bản sao lưu {made.name}")
    assert backups.is_whole(mao_khe.path)
    assert not app.offer_restore(mao_khe.path, damaged)  # whole again: a lock or a full disk is no reason to


def test_restoring_damaged_data_from_the_window_goes_on_with_the_restored_file(window, qtbot, monkeypatch, db_path):
    """The damaged file was renamed aside under the window, whose connection kept writing to it: the window showed
    the damaged data after "Đã khôi phục", and what was saved next was gone at the next start."""
    import sqlite3

    from dti_desktop.services import backups

    told = []
    monkeypatch.setattr(messages, "confirm", lambda *args: True)
    monkeypatch.setattr(messages, "info", lambda parent, title, text: told.append(text))
    select(window, "13")
    window.form._inputs[0].edit.setText("10")
    assert window.save_entry()
    made = backups.create_backup(db_path)
    monkeypatch.setattr(messages, "choose_backup", lambda parent, found: made.name)
    select(window, "6")
    window.form._inputs[0].edit.setText("66")
    assert window.save_entry()
    window.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = window.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'progress_period_idx'").fetchone()[0]
    size = window.db.execute("PRAGMA page_size").fetchone()[0]
    with open(db_path, "r+b") as handle:  # an index page damaged: the file still opens
        handle.seek((root - 1) * size)
        handle.write(b"\x07" * 16)
    assert not backups.is_whole(db_path)
    window.restore_backup()
    wait_for_tasks(qtbot, window)
    assert bool(told)
    assert "dữ liệu hỏng trước đó được để riêng" in told[0]
    assert list(db_path.parent.glob("dti.sqlite3.hong-*"))  # a copy kept for whoever supports the officer
    assert next(r for r in window.model.rows() if r.code == "6").entry is None  # the backup's state is shown
    select(window, "8")
    window.form._inputs[0].edit.setText("88")
    assert window.save_entry()
    disk = sqlite3.connect(db_path)
    assert disk.execute("SELECT count(*) FROM progress_entry").fetchone()[0] == 2  # 13 and 8, on the file itself
    assert disk.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    disk.close()


def test_damage_the_window_meets_when_it_reads_a_table_is_offered_a_restore_too(mao_khe):
    """Damage in the settings table opens fine and breaks only when a table is first read: it reached the
    officer as an unexpected error, with no restore offered."""
    import sqlite3

    from dti_desktop.services import backups
    from tests.helpers import in_fresh_process

    backups.create_backup(mao_khe.path)
    mao_khe.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    mao_khe.db.close()
    conn = sqlite3.connect(mao_khe.path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE name = 'setting'"))
    conn.close()
    with open(mao_khe.path, "r+b") as handle:
        for root in roots.values():
            handle.seek((root - 1) * size)
            handle.write(b"\x07" * 8)
    code = (
        _STARTED_AS_MAIN_PY +
        "del os.environ['DTI_QUIT_AFTER_SHOW']  # the offer is made to an officer, not in a smoke test\n"
        "from dti_desktop.ui import messages\n"
        "asked = []\n"
        "messages.confirm = lambda parent, title, text, yes='': asked.append(title) or True\n"
        "messages.choose_backup = lambda parent, found: found[0].name\n"
        "messages.info = lambda *args: None\n"
        "messages.error = lambda parent, title, text: print('LỖI', text)\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "shown = app.show_window\n"
        "def show(window, screen):\n"
        "    shown(window, screen)\n"
        "    QTimer.singleShot(50, QApplication.quit)\n"
        "app.show_window = show\n"
        f"code = app.run_gui(Path({str(mao_khe.path)!r}))\n"
        "print(code, asked)\n"
    )
    assert in_fresh_process(code)[-1] == "0 ['Dữ liệu bị hỏng']"
    assert backups.is_whole(mao_khe.path)


def test_pyside_import_hook_gets_the_answers_it_would_read_without_reading(tmp_path):
    """PySide6's import hook read the source of 35 modules at each start to see whether they name PySide6.
    The window enters them beforehand; every answer must be the one the hook would have read."""
    from tests.helpers import in_fresh_process

    code = (
        "import sys\n"
        "from dti_desktop.domain import dates, report_kinds, validation\n"  # as main.py: plain modules first
        "from dti_desktop.services import app_database, errors, locks, month_round, workspace\n"
        "import PySide6.QtCore\n"
        "feature = sys.modules['shibokensupport.feature']\n"
        "hook_reads = feature._mod_uses_pyside\n"
        "read = []\n"
        "feature._mod_uses_pyside = lambda module: (read.append(module.__name__), hook_reads(module))[1]\n"
        "from dti_desktop.ui import app\n"
        "from dti_desktop.ui.main_window import MainWindow\n"
        "registry = feature.pyside_feature_dict\n"
        "wrong = [n for n, m in list(sys.modules.items()) if n in registry and registry[n] in (0, -1)"
        " and not n.startswith(('PySide6', 'shiboken6')) and (registry[n] == 0) != hook_reads(m)]\n"
        "print(sorted(n for n in read if n.startswith('dti_desktop.') and n != 'dti_desktop.paths'), wrong,"
        " registry['dti_desktop.ui.main_window'], registry['dti_desktop.domain.progress'], registry['pathlib'])\n"
    )
    assert in_fresh_process(code)[-1] == "[] [] 0 -1 -1"
