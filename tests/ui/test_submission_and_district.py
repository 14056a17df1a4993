"""GUI: the officer sends the month's package; the consolidating office imports and consolidates."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from dti_desktop.ui import messages
from dti_desktop.ui.main_window import MainWindow
from tests.helpers import close_window, wait_for_tasks


def _no_dialogs(monkeypatch):
    for name in ("info", "error", "confirm", "ask_unsaved", "open_file", "open_files", "save_file",
                 "open_path", "choose_folder", "ask_text"):
        monkeypatch.setattr(messages, name, _fail(name))


def _fail(name):
    def fail(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: messages.{name}{args[1:]}")
    return fail


def send_after_checklist(dialog, seen: list | None = None) -> bool:
    """The checklist before sending, answered "Gửi" (its heading noted in `seen`)."""
    from dti_desktop.ui.checklist_dialog import ChecklistDialog

    assert isinstance(dialog, ChecklistDialog), dialog.windowTitle()
    if seen is not None:
        seen.append(dialog.heading.text())
    dialog.send()
    return True


@pytest.fixture
def unit_window(qtbot, mao_khe, monkeypatch):
    _no_dialogs(monkeypatch)
    monkeypatch.setattr(messages, "run_dialog", send_after_checklist)
    w = MainWindow(mao_khe.db, mao_khe.path, today=date(2025, 3, 10))
    w.show()
    yield w
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
    close_window(qtbot, w)


@pytest.fixture
def office_window(qtbot, office, tmp_path, monkeypatch):
    db, store = office
    _no_dialogs(monkeypatch)
    w = MainWindow(db, tmp_path / "office" / "dti.sqlite3", today=date(2025, 4, 25))
    w.show()
    yield w
    close_window(qtbot, w)


def _import_march(office_window, qtbot, folder):
    """The office's tab on March 2025, `folder` imported through it: (the tab, the list its results went to)."""
    office_window.tabs.setCurrentWidget(office_window.district_page)
    office_window.period_combo.setCurrentIndex(office_window.period_combo.findData("2025-03"))
    tab = office_window.district
    done = []
    tab.imported.connect(done.append)
    tab.import_paths([folder])
    wait_for_tasks(qtbot, office_window)
    assert len(done) == 1 and tab.consolidation_loaded
    return tab, done


def test_officer_sends_package_then_reopens(unit_window, qtbot, monkeypatch, tmp_path):
    infos = []
    monkeypatch.setattr(messages, "choose_folder", lambda *a: str(tmp_path / "usb"))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(text))
    unit_window.export_package_action.trigger()
    wait_for_tasks(qtbot, unit_window)
    assert infos
    assert (tmp_path / "usb" / "UBND-phuong-Mao-Khe_2025-03_r1.dtipkg").exists()
    assert unit_window.banner.text().startswith("Đã gửi lần r1 lúc")
    assert not unit_window.form.is_editable() and unit_window.reopen_action.isEnabled()
    assert not unit_window.export_package_action.isEnabled()
    monkeypatch.setattr(messages, "ask_text", lambda *a: "Bổ sung minh chứng")
    unit_window.reopen_action.trigger()
    assert unit_window.form.is_editable() and "lý do: Bổ sung minh chứng" in unit_window.banner.text()
    unit_window.export_package_action.trigger()
    wait_for_tasks(qtbot, unit_window)
    assert len(infos) == 2
    assert (tmp_path / "usb" / "UBND-phuong-Mao-Khe_2025-03_r2.dtipkg").exists()


def test_a_sent_month_can_be_read_and_its_evidence_opened_but_not_changed(unit_window, qtbot, monkeypatch, tmp_path):
    """The whole form was disabled: the files of a month already sent could not even be opened."""
    from tests.ui.test_main_window import select

    infos, opened = [], []
    monkeypatch.setattr(messages, "choose_folder", lambda *a: str(tmp_path / "usb"))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(text))
    monkeypatch.setattr(messages, "open_path", lambda path: opened.append(path) or True)
    unit_window.export_package_action.trigger()
    wait_for_tasks(qtbot, unit_window)
    assert infos
    select(unit_window, "6")  # its evidence: a PDF
    form = unit_window.form
    assert form.files.count() == 1 and form.open_file.isEnabled()
    form.files.setCurrentRow(0)
    form.open_file.click()
    assert len(opened) == 1 and opened[0].read_bytes().startswith(b"%PDF")
    assert not form.status.isEnabled() and not form.add_file.isEnabled() and not form.remove_file.isEnabled()
    assert form.evidence_notes.isReadOnly() and all(w.edit.isReadOnly() for w in form._inputs)
    assert not form.save_button.isEnabled() and not form.files.acceptDrops()


def test_changes_discarded_before_sending_leave_the_form(unit_window, qtbot, monkeypatch, tmp_path):
    """"Không lưu" then the package: the discarded figures stayed in the locked form, which then asked to save
    them at every move and refused to."""
    from tests.ui.test_main_window import select

    infos = []
    monkeypatch.setattr(messages, "choose_folder", lambda *a: str(tmp_path / "usb"))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(text))
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
    select(unit_window, "6")
    stored = unit_window.form._inputs[0].edit.text()
    unit_window.form._inputs[0].edit.setText("70")
    unit_window.export_package_action.trigger()
    wait_for_tasks(qtbot, unit_window)
    assert infos
    assert unit_window.form._inputs[0].edit.text() == stored and not unit_window.form.is_dirty()
    assert unit_window.detail_tabs.tabText(0) == "Kết quả tháng"
    monkeypatch.setattr(messages, "ask_unsaved", _fail("ask_unsaved"))
    select(unit_window, "8")  # no question, no refusal
    assert unit_window.current.code == "8"


def test_sending_an_incomplete_month_asks_naming_how_many_are_empty(unit_window, qtbot, monkeypatch, tmp_path):
    """An empty month was sent (and locked) without a word, and 03/2025 went with 21 of 27 targets empty: the
    window asked only when a month had no result at all. The checklist comes first; the officer can still send."""
    from dti_desktop.ui.checklist_dialog import ChecklistDialog

    asked, infos = [], []

    def later(dialog):
        assert isinstance(dialog, ChecklistDialog)
        asked.append((dialog.heading.text(), dialog.send_button.text(), [dialog.lines.item(i).text()
                                                                         for i in range(dialog.lines.count())]))
        dialog.reject()
        return False

    monkeypatch.setattr(messages, "run_dialog", later)
    monkeypatch.setattr(messages, "choose_folder", lambda *a: str(tmp_path / "usb"))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(text))
    unit_window.export_package_action.trigger()
    heading, button, lines = asked[0]
    assert heading.startswith("Tháng 03/2025 còn 25/27 chỉ tiêu chưa có kết quả.") and heading.endswith("Vẫn gửi?")
    assert button == "Vẫn gửi (25 chỉ tiêu chưa có kết quả)"
    assert lines[0].startswith("⚠ 2/27 chỉ tiêu đã có kết quả; 25 chỉ tiêu chưa có kết quả: 1, 2, 3")
    assert lines[-1] == "✓ Hạn gửi báo cáo tháng 03/2025: 15/03/2025 (còn 5 ngày)."
    assert not (tmp_path / "usb").exists() and unit_window.export_package_action.isEnabled()  # nothing sent
    seen = []
    monkeypatch.setattr(messages, "run_dialog", lambda dialog: send_after_checklist(dialog, seen))
    unit_window.export_package_action.trigger()
    wait_for_tasks(qtbot, unit_window)
    assert infos
    assert (tmp_path / "usb" / "UBND-phuong-Mao-Khe_2025-03_r1.dtipkg").exists() and len(seen) == 1
    unit_window.period_combo.setCurrentIndex(unit_window.period_combo.findData("2025-02"))  # none at all
    unit_window.export_package_action.trigger()
    wait_for_tasks(qtbot, unit_window)
    assert len(infos) == 2
    assert seen[1].startswith("Tháng 02/2025 còn 27/27 chỉ tiêu chưa có kết quả.")


def test_district_workspace_imports_a_folder(office_window, qtbot, mao_khe, kim_son, monkeypatch, tmp_path):
    mao_khe.export(tmp_path / "usb")
    kim_son.export(tmp_path / "usb")
    (tmp_path / "usb" / "la.dtipkg").write_bytes(b"not a zip")
    office_window.tabs.setCurrentWidget(office_window.district_page)
    office_window.period_combo.setCurrentIndex(office_window.period_combo.findData("2025-03"))
    tab = office_window.district
    tab.refresh(office_window.period)
    done, starts = [], []
    tab.imported.connect(done.append)
    monkeypatch.setattr(messages, "choose_folder",
                        lambda parent, title, start="": starts.append(start) or str(tmp_path / "usb"))
    tab.import_folder_button.click()
    wait_for_tasks(qtbot, office_window)  # all targets: off the GUI thread
    assert done and tab.consolidation_loaded
    assert starts == [""]  # the first import: no folder yet; the next month's opens at this one (the USB stick)
    verdicts = {tab.results.index(r, 0).data(): tab.results.index(r, 1).data() for r in range(tab.results.rowCount())}
    assert verdicts == {"UBND-phuong-Kim-Son_2025-03_r1.dtipkg": "Nhận", "UBND-phuong-Mao-Khe_2025-03_r1.dtipkg": "Nhận",
                        "la.dtipkg": "Từ chối"}
    refused = next(r for r in range(tab.results.rowCount()) if tab.results.index(r, 1).data() == "Từ chối")
    tab.results_view.setCurrentIndex(tab.results.index(refused, 0))
    assert "không phải gói báo cáo hợp lệ" in tab.changes.toPlainText()
    assert tab.board_model.rowCount() == 2
    assert tab.board_model.index(0, 3).data().startswith(("Đúng hạn r1", "Muộn r1"))
    assert tab.board_model.index(0, 2).data() == "Chưa gửi"
    assert tab.summary.text().startswith("Đã nhận 2 gói, từ chối 1 gói.")
    tab.target_combo.setCurrentIndex(tab.target_combo.findData("6"))
    assert tab.target_model.rowCount() == 2
    assert "2/2 đơn vị được giao đã báo cáo, 1 đơn vị đạt (50%)" in tab.target_summary.text()
    tab.inner.setCurrentWidget(tab.consolidation_stack)
    tab.show_target(tab.target_combo.currentIndex())  # a table is fitted once on screen (ui/column_fit.py)
    names = tab.target_view.fontMetrics().horizontalAdvance("UBND phường Mạo Khê")
    qtbot.waitUntil(lambda: tab.target_view.columnWidth(0) >= names)
    unit_column = tab.target_view.columnWidth(0)  # unit names are not cut off
    assert unit_column >= tab.target_view.fontMetrics().horizontalAdvance("UBND phường Mạo Khê")
    # the office's view follows the month chosen above it while it is shown
    office_window.period_combo.setCurrentIndex(office_window.period_combo.findData("2025-02"))
    assert tab.period.key == "2025-02" and tab.summary.text().startswith("Tháng 02/2025: 0/2 đơn vị")
    office_window.period_combo.setCurrentIndex(office_window.period_combo.findData("2025-03"))
    out = tmp_path / "tong-hop.xlsx"
    infos = []
    monkeypatch.setattr(messages, "save_file", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(title))
    tab.export_button.click()
    wait_for_tasks(qtbot, office_window)
    assert infos
    assert out.exists() and infos == ["Đã xuất bảng tổng hợp"]
    tab.import_folder_button.click()
    wait_for_tasks(qtbot, office_window)
    assert starts == ["", str(tmp_path / "usb")]


def test_print_preview_paints_the_report(unit_window, monkeypatch, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    painted = []

    def fake_preview(parent, title, paint):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "preview.pdf"))
        painted.append((title, paint(printer)))

    monkeypatch.setattr(messages, "print_preview", fake_preview)
    unit_window.preview_actions["month"].trigger()
    title, pages = painted[0]
    assert title == "Báo cáo tháng 03/2025 — UBND phường Mạo Khê" and pages >= 2
    assert (tmp_path / "preview.pdf").stat().st_size > 10_000


def test_save_report_pdf_off_the_gui_thread(unit_window, qtbot, monkeypatch, tmp_path):
    out = tmp_path / "phieu.pdf"
    infos = []
    monkeypatch.setattr(messages, "save_file", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(text))
    unit_window.pdf_actions["summary"].trigger()
    wait_for_tasks(qtbot, unit_window)
    assert infos
    assert infos[0] == f"Đã ghi {out} (1 trang A4)." and out.read_bytes().startswith(b"%PDF")


def test_restore_from_backup_in_the_window(unit_window, monkeypatch, qtbot):
    from dti_desktop.services import backups

    before = backups.create_backup(unit_window.db_path)
    unit_window.select_assignment(next(r.assignment_id for r in unit_window.model.rows() if r.code == "6"))
    unit_window.form._inputs[0].edit.setText("99")
    assert unit_window.save_entry()
    infos = []
    monkeypatch.setattr(messages, "choose_backup", lambda parent, found: before.name)
    monkeypatch.setattr(messages, "confirm", lambda *a: True)
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(title))
    unit_window.restore_action.trigger()
    wait_for_tasks(qtbot, unit_window)  # off the GUI thread
    assert infos
    assert infos == ["Đã khôi phục"]
    row = next(r for r in unit_window.model.rows() if r.code == "6")
    assert row.entry.values[0].value == 92.5
    assert len(backups.list_backups(unit_window.db_path)) == 2  # the state before the restore was kept


def test_a_read_only_office_window_can_look_but_not_import(qtbot, office, tmp_path, monkeypatch):
    from dti_desktop.storage.database import connect

    db, store = office
    _no_dialogs(monkeypatch)
    w = MainWindow(connect(tmp_path / "office" / "dti.sqlite3", read_only=True), tmp_path / "office" / "dti.sqlite3",
                   today=date(2025, 4, 25), read_only=True)
    qtbot.addWidget(w)
    w.tabs.setCurrentWidget(w.district_page)
    tab = w.district
    assert tab.isEnabled() and tab.inner.isEnabled() and tab.export_button.isEnabled()
    assert not tab.import_files_button.isEnabled() and not tab.import_folder_button.isEnabled()
    tab.import_paths([tmp_path])  # refused quietly: nothing runs
    assert not hasattr(tab, "task")


def test_a_refusal_reads_in_vietnamese(office, tmp_path):
    from dti_desktop.services import district

    db, store = office
    junk = tmp_path / "la.dtipkg"
    junk.write_bytes(b"not a zip at all")
    message = district.import_one(db, store, junk, "thành phố Đông Triều").message
    assert message.endswith("không phải tệp nén zip.") and "File is not" not in message


def test_backup_now_runs_off_the_gui_thread(unit_window, monkeypatch, qtbot):
    import threading

    from dti_desktop.services import backups

    threads, infos = [], []
    real = backups.create_backup
    monkeypatch.setattr(backups, "create_backup", lambda path: (threads.append(threading.current_thread()),
                                                                real(path))[1])
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(title))
    unit_window.backup_action.trigger()
    wait_for_tasks(qtbot, unit_window)
    assert infos
    assert infos == ["Đã sao lưu"] and threads[0] is not threading.main_thread()


def test_office_target_view_reads_whole(office_window, qtbot, mao_khe, tmp_path):
    """The target picker cuts long texts after a word and marks it "…" (it cut "…; đố"), the full text in the
    tooltip; the evidence column gets room (it was left at 100 px); the remarks carry the causes, labelled."""
    from dataclasses import replace

    from dti_desktop.services import workspace
    from dti_desktop.ui.district_tab import PICKER_CHARS
    from tests.unit_db import MARCH

    row = next(r for r in workspace.rows(mao_khe.db, mao_khe.ctx, MARCH) if r.code == "6")
    from dti_desktop.domain.progress import Assessment

    workspace.save(mao_khe.db, mao_khe.store, replace(row.entry, difficulties="Người dân chưa quen",
                                                      causes="Thiếu máy tính", proposals="Bổ sung 02 máy",
                                                      assessment=Assessment.KHONG_DAT, assessment_auto=False,
                                                      override_reason="Số liệu tháng chưa đủ"),
                   row.goal.measures, [], "Hoa")
    mao_khe.export(tmp_path / "usb")
    office_window.resize(1366, 768)
    tab, done = _import_march(office_window, qtbot, tmp_path / "usb")
    tab.inner.setCurrentIndex(2)
    tab.show_target(0)  # a target's detail, as a double-click on its row in the table of all targets opens it
    cut = 0
    for i, target in enumerate(tab.targets):
        shown = tab.target_combo.itemText(i).removeprefix(f"{target.code}. ")
        full = tab.target_combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
        assert full == f"{target.code}. {target.target_text}"
        if shown != target.target_text:
            cut += 1
            assert len(shown) <= PICKER_CHARS and shown.endswith("…")
            kept = shown[:-1]
            assert target.target_text.startswith(kept) and target.target_text[len(kept)] in " ,;:.", shown
    assert cut  # the 2025 catalogue has targets longer than the picker shows
    tab.target_combo.setCurrentIndex(tab.target_combo.findData("6"))
    assert tab.target_combo.toolTip().startswith("6. ")
    model, view = tab.target_model, tab.target_view
    evidence = model.index(0, model.COL_EVIDENCE).data()
    assert evidence == "Số liệu Cổng DVC; Tệp: Biên bản kiểm tra.pdf"  # one line: a second one was cut off
    assert view.columnWidth(model.COL_EVIDENCE) >= view.fontMetrics().horizontalAdvance(evidence) + 8
    # the unit's own judgement, and the office's own beside it
    assert model.index(0, 3).data() == "Chưa đạt (đơn vị tự đánh giá: Số liệu tháng chưa đủ; tính lại: Đạt)"
    assert model.index(0, model.COL_REMARKS).data() == \
        "Khó khăn: Người dân chưa quen; Nguyên nhân: Thiếu máy tính; Đề xuất: Bổ sung 02 máy"
    assert model.index(0, model.COL_REMARKS).data(Qt.ItemDataRole.ToolTipRole).split("\n")[1] == "Nguyên nhân: Thiếu máy tính"


def test_importing_the_same_stick_again_says_already_there(office_window, qtbot, mao_khe, kim_son, tmp_path):
    """Re-importing a stick listed every package "Từ chối" and summed "Đã nhận 0 gói, từ chối 2 gói.", which read as
    a failure: they are "Đã có, bỏ qua", counted apart; a broken file is still refused."""
    mao_khe.export(tmp_path / "usb")
    kim_son.export(tmp_path / "usb")
    tab, done = _import_march(office_window, qtbot, tmp_path / "usb")
    (tmp_path / "usb" / "la.dtipkg").write_bytes(b"not a zip")
    tab.import_paths([tmp_path / "usb"])
    wait_for_tasks(qtbot, office_window)
    assert len(done) == 2
    verdicts = {tab.results.index(r, 0).data(): tab.results.index(r, 1).data() for r in range(tab.results.rowCount())}
    assert verdicts == {"UBND-phuong-Kim-Son_2025-03_r1.dtipkg": "Đã có, bỏ qua",
                        "UBND-phuong-Mao-Khe_2025-03_r1.dtipkg": "Đã có, bỏ qua", "la.dtipkg": "Từ chối"}
    assert tab.summary.text().startswith("Đã nhận 0 gói, bỏ qua 2 gói đã nhập trước đó, từ chối 1 gói. Tháng 03/2025")
    skipped = tab.results.index(0, 1)
    assert skipped.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#e2e3e5"  # not the refusals' red
    tab.results_view.setCurrentIndex(skipped)
    assert tab.changes.toPlainText().startswith("UBND-phuong-Kim-Son_2025-03_r1.dtipkg: đã có, bỏ qua — gói này đã")


def test_a_read_only_office_window_shows_the_plan_chosen_in_it(office, mao_khe, qtbot, tmp_path, monkeypatch):
    """A read-only window never stores its choice of plan; the office's tab read the stored one and raised
    KeyError on the 2024 plan's months, showing the 2025 board meanwhile."""
    from dti_desktop.services import district
    from dti_desktop.storage.database import connect

    db, store = office
    district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path])
    _no_dialogs(monkeypatch)
    viewer = connect(tmp_path / "office" / "dti.sqlite3", read_only=True)
    w = MainWindow(viewer, tmp_path / "office" / "dti.sqlite3", today=date(2025, 4, 25), read_only=True)
    qtbot.addWidget(w)
    w.show()
    w.period_combo.setCurrentIndex(w.period_combo.findData("2025-03"))
    w.tabs.setCurrentWidget(w.district_page)
    assert w.district.summary.text().startswith("Tháng 03/2025: 1/1 đơn vị")
    w.plan_combo.setCurrentIndex(next(i for i in range(w.plan_combo.count()) if "2024" in w.plan_combo.itemText(i)))
    assert w.period.year == 2024 and w.district.period == w.period
    assert w.district.summary.text().startswith(f"{w.period.label}: 0/")
    assert w.district.board_model.rowCount() == 1 and "2024" in w.district.board_model.headerData(
        1, Qt.Orientation.Horizontal)


def test_the_office_merges_two_names_of_one_unit_from_its_tab(office_window, qtbot, monkeypatch, tmp_path):
    """A ward sent r1 under a misspelt name, then r2 under its corrected one: two units on the board until merged."""
    from dataclasses import replace as changed

    from dti_desktop.services import district, packages, workspace
    from tests.unit_db import MARCH, UnitDb

    unit = UnitDb(tmp_path / "unit", "UBND phường Mạo Khe")
    unit.record("6", {0: "95"})
    unit.export(tmp_path / "usb")
    workspace.update_settings(unit.db, changed(unit.ctx.settings, unit_name="UBND phường Mạo Khê"))
    packages.reopen_period(unit.db, MARCH, "Sửa tên")
    unit.export(tmp_path / "usb")
    unit.db.close()
    tab, done = _import_march(office_window, qtbot, tmp_path / "usb")
    assert tab.board_model.rowCount() == 2 and tab.merge_button.isEnabled()
    old, keep = district.merge_candidates(office_window.db)[1]
    asked, told = [], []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, yes="": asked.append(text) or True)
    monkeypatch.setattr(messages, "info", lambda parent, title, text: told.append(text))
    assert tab.merge(old, keep)
    assert asked[0].startswith("Gộp “UBND phường Mạo Khe” vào “UBND phường Mạo Khê”?")
    assert told[0].startswith("Đã gộp") and tab.board_model.rowCount() == 1
    assert tab.board_model.index(0, 3).data().startswith(("Đúng hạn r2", "Muộn r2"))
    assert tab.summary.text().startswith("Tháng 03/2025: 1/1 đơn vị")
