"""The report's own content in the window: the register of documents issued, the officer's texts, Word files."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from dti_desktop.domain.issued_docs import IssuedDocument
from dti_desktop.domain.periods import Period
from dti_desktop.domain.report_texts import ReportTexts, group_key
from dti_desktop.domain.settings import Settings
from dti_desktop.domain.units import UnitKind
from dti_desktop.services import first_run
from dti_desktop.services import report_register as register
from dti_desktop.ui import messages
from dti_desktop.ui.main_window import MainWindow
from dti_desktop.ui.report_dialogs import DocumentRegisterDialog, OfficeReportTextsDialog, ReportTextsDialog
from tests.helpers import close_window, wait_for_tasks

SETTINGS = Settings(unit_name="UBND phường Mạo Khê", district="thành phố Đông Triều", officer_name="Nguyễn Thị Hoa",
                    report_day=20, consolidating_office="Phòng Văn hóa và Thông tin")


def test_register_dialog_adds_edits_and_removes_with_problems_shown_inline(qtbot):
    kept = IssuedDocument("15/KH-UBND", date(2025, 1, 10), "Kế hoạch", "về chuyển đổi số", id=7)
    gone = IssuedDocument("3/UBND-VHTT", date(2025, 2, 1), "Công văn", "", id=8)
    dialog = DocumentRegisterDialog([gone, kept], 2025)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2 and "01 Kế hoạch, 01 Công văn" in dialog.count.text()
    dialog.number.setText("abc")
    assert not dialog.add_or_save() and "không đúng dạng" in dialog.error.text()
    dialog.number.setText("42/UBND-VHTT")
    dialog.issued_on.setDate(QDate(2025, 3, 3))
    dialog.abstract.setText("Triển khai thanh toán không dùng tiền mặt")
    assert dialog.add_or_save() and dialog.table.rowCount() == 3
    dialog.number.setText("15/KH-UBND")
    dialog.issued_on.setDate(QDate(2025, 1, 10))
    assert not dialog.add_or_save() and "đã có trong sổ" in dialog.error.text()
    dialog.table.selectRow(0)  # by date: 15/KH-UBND
    dialog.kind.setCurrentText("Quyết định")
    assert dialog.add_or_save()
    dialog.table.selectRow(1)  # 3/UBND-VHTT
    dialog.remove_selected()
    dialog.accept()
    changes = dialog.result_changes()
    assert [d.number for d in changes.added] == ["42/UBND-VHTT"] and changes.added[0].kind == "Công văn"
    assert changes.added[0].abstract == "về triển khai thanh toán không dùng tiền mặt"
    assert [(d.id, d.kind) for d in changes.edited] == [(7, "Quyết định")] and changes.removed == [8]


def test_texts_dialog_returns_the_texts_tidied_with_tasks_per_group(qtbot):
    start = ReportTexts(uu_diem="Ưu điểm kỳ trước", tasks={group_key("Về phát triển dữ liệu số"): "Việc cũ"})
    dialog = ReportTextsDialog("Nội dung báo cáo tháng 03/2025", start, ["Về phát triển dữ liệu số", "Kinh tế số"],
                               "Nội dung lấy từ báo cáo kỳ trước", "Phòng Văn hóa và Thông tin")
    qtbot.addWidget(dialog)
    assert dialog.edits["uu_diem"].toPlainText() == "Ưu điểm kỳ trước"
    assert dialog.task_edits["Về phát triển dữ liệu số"].toPlainText() == "Việc cũ"
    dialog.edits["de_xuat"].setPlainText("  Hỗ trợ máy quét \n\nĐề nghị Sở tập huấn ")
    dialog.task_edits["Kinh tế số"].setPlainText("Hỗ trợ doanh nghiệp")
    dialog.edits["ton_tai"].setPlainText("x" * 20_001)
    dialog.accept()
    assert dialog.result_texts() is None and "Tồn tại, hạn chế" in dialog.error.text()
    dialog.edits["ton_tai"].clear()
    dialog.accept()
    texts = dialog.result_texts()
    assert texts.de_xuat == "Hỗ trợ máy quét\nĐề nghị Sở tập huấn"
    assert texts.tasks == {group_key("Về phát triển dữ liệu số"): "Việc cũ", "kinh te so": "Hỗ trợ doanh nghiệp"}


def test_office_texts_dialog_has_no_leadership_part_and_keeps_what_it_does_not_show(qtbot):
    """The office's report has no "Công tác lãnh đạo, chỉ đạo": its dialog asks the assessment, the tasks and the
    proposals only."""
    start = ReportTexts(lanh_dao="giữ nguyên", nhiem_vu="Đôn đốc các đơn vị gửi báo cáo đúng hạn.")
    dialog = OfficeReportTextsDialog("Nội dung báo cáo tổng hợp tháng 06/2025", start, ["Về phát triển dữ liệu số"],
                                     addressee="UBND thành phố Đông Triều")
    qtbot.addWidget(dialog)
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["Đánh giá chung", "Nhiệm vụ kỳ tới", "Đề xuất, kiến nghị"] and "lanh_dao" not in dialog.edits
    assert dialog.edits["nhiem_vu"].toPlainText() == "Đôn đốc các đơn vị gửi báo cáo đúng hạn."
    assert dialog.addressee.placeholderText() == "UBND thành phố Đông Triều"
    dialog.edits["ton_tai"].setPlainText("03 đơn vị chưa gửi báo cáo.")
    dialog.edits["de_xuat"].setPlainText("Hỗ trợ kinh phí tập huấn")
    dialog.accept()
    texts = dialog.result_texts()
    assert (texts.ton_tai, texts.de_xuat, texts.lanh_dao) == ("03 đơn vị chưa gửi báo cáo.", "Hỗ trợ kinh phí tập huấn",
                                                              "giữ nguyên")


def test_the_office_writes_its_own_texts_from_its_tab_last_month_offered(qtbot, office, tmp_path, monkeypatch):
    """Tab Tổng hợp → Nội dung báo cáo tổng hợp… opens last month's words to change; they are kept as the office's
    (kind "district"), apart from a unit's monthly report of the same month."""
    db, _ = office
    register.save_texts(db, "district", Period(2025, 3), ReportTexts(uu_diem="Các đơn vị gửi đúng hạn."))
    w = MainWindow(db, tmp_path / "office" / "dti.sqlite3", today=date(2025, 4, 25))
    w.show()
    try:
        w.tabs.setCurrentWidget(w.district_page)
        w.period_combo.setCurrentIndex(w.period_combo.findData("2025-04"))
        seen = []

        def write(dialog):
            seen.append((type(dialog), dialog.windowTitle(), dialog.edits["uu_diem"].toPlainText()))
            dialog.edits["de_xuat"].setPlainText("Hỗ trợ kinh phí tập huấn")
            dialog.accept()
            return True

        monkeypatch.setattr(messages, "run_dialog", write)
        assert w.text_actions["district"].isVisible()  # an office sees it in Báo cáo → Nội dung báo cáo
        qtbot.mouseClick(w.district.texts_button, Qt.MouseButton.LeftButton)
        assert seen == [(OfficeReportTextsDialog, "Nội dung báo cáo tổng hợp tháng 04/2025",
                         "Các đơn vị gửi đúng hạn.")]
        april = register.texts(db, "district", Period(2025, 4))
        assert (april.uu_diem, april.de_xuat) == ("Các đơn vị gửi đúng hạn.", "Hỗ trợ kinh phí tập huấn")
        assert register.texts(db, "month", Period(2025, 4)).is_empty()
        w.text_actions["district"].trigger()  # the menu opens the same, now with April's own words
        assert len(seen) == 2 and seen[1][0] is OfficeReportTextsDialog
    finally:
        close_window(qtbot, w)


@pytest.fixture
def window(qtbot, seeded_db, db_path, monkeypatch):
    first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(SETTINGS, UnitKind.PHUONG))
    w = MainWindow(seeded_db, db_path, today=date(2025, 12, 10))
    w.show()
    qtbot.waitExposed(w)
    yield w
    close_window(qtbot, w)


def test_the_window_saves_the_register_and_the_texts_its_dialogs_return(window, monkeypatch):
    window.period = Period(2025, 3)

    def fill_register(dialog):
        dialog.number.setText("36/KH-UBND")
        dialog.issued_on.setDate(QDate(2025, 3, 6))
        dialog.accept()  # a document typed and not yet added is added on "Lưu sổ"
        return True

    monkeypatch.setattr(messages, "run_dialog", fill_register)
    window.register_action.trigger()
    assert [d.line() for d in register.documents(window.db, "month", Period(2025, 3))] == \
        ["Kế hoạch số 36/KH-UBND ngày 06/03/2025"]

    def fill_texts(dialog):
        dialog.edits["uu_diem"].setPlainText("Chỉ đạo sát sao.")
        dialog.accept()
        return True

    monkeypatch.setattr(messages, "run_dialog", fill_texts)
    window.text_actions["quarter"].trigger()
    assert register.texts(window.db, "quarter", Period(2025, 3)).uu_diem == "Chỉ đạo sát sao."
    assert register.texts(window.db, "month", Period(2025, 3)).is_empty()


def test_a_past_periods_report_is_proposed_with_its_deadline_as_the_command_line_does(window, tmp_path, monkeypatch,
                                                                                     qtbot):
    """The window dated a March report printed in December by the day of printing; `report pdf` by its deadline."""
    from dti_desktop.ui.report_actions import report_day

    window.period = Period(2025, 3)
    assert report_day(window, "month") == date(2025, 3, 20) and report_day(window, "quarter") == date(2025, 3, 15)
    out = tmp_path / "bao-cao.docx"
    monkeypatch.setattr(messages, "save_file", lambda *a: str(out))
    shown = []
    monkeypatch.setattr(messages, "info", lambda parent, title, text: shown.append(text))
    window.docx_actions["month"].trigger()
    wait_for_tasks(qtbot, window)
    assert bool(shown)
    import docx

    texts = [p.text for cell in docx.Document(str(out)).tables[0].rows[0].cells for p in cell.paragraphs]
    assert "Mạo Khê, ngày 20 tháng 3 năm 2025" in texts
