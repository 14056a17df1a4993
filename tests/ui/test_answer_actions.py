"""GUI, the unit: the office's answer taken in by the menu or dropped onto the window; a returned month shows the
office's reason, its returned targets first with the comment beside them, in the checklist and the history."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from dti_desktop.services import answers, district
from dti_desktop.ui import messages
from dti_desktop.ui.main_window import MainWindow
from tests.helpers import close_window
from tests.services.test_answers import pin_office
from tests.unit_db import MARCH

NOW = datetime(2025, 3, 22, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def returned(office, mao_khe, tmp_path):
    """Mạo Khê's March sent, the office's answer returning it with comments on targets 9 and 6."""
    db, store = office
    pin_office(db, mao_khe, tmp_path)
    assert district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path])[0].accepted
    return answers.answer_unit(db, "UBND phường Mạo Khê", MARCH, answers.RETURNED, "Số liệu chưa khớp",
                               {"9": "Số liệu không khớp với tháng trước", "6": "Đề nghị bổ sung minh chứng"},
                               tmp_path / "tra-loi", NOW).path


@pytest.fixture
def window(qtbot, mao_khe, monkeypatch):
    told = []
    monkeypatch.setattr(messages, "info", lambda parent, title, text: told.append((title, text)))
    monkeypatch.setattr(messages, "error", lambda parent, title, text: told.append((title, text)))
    w = MainWindow(mao_khe.db, mao_khe.path, today=date(2025, 3, 25))
    w.told = told
    w.show()
    yield w
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
    close_window(qtbot, w)


def _drop(window, path) -> QDropEvent:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    # Qt delivers a drop only inside a drag its platform started: the window's filter is handed the event itself
    assert window.answers.eventFilter(window, event) is event.isAccepted()
    return event


def test_a_returned_answer_dropped_reopens_the_month_with_the_offices_comments(returned, window, mao_khe):
    assert window.lock.locked
    _drop(window, returned)
    assert window.told[0][0] == "Cơ quan tổng hợp trả lại báo cáo" and "Lý do: Số liệu chưa khớp" in window.told[0][1]
    assert not window.lock.locked and window.form.is_editable()
    banner = window.banner.text()
    assert "(lý do: Phòng Văn hóa và Thông tin trả lại lần gửi r1: Số liệu chưa khớp)" in banner
    assert "Chỉ tiêu cần sửa (xếp lên đầu bảng): 6, 9." in banner and "lần gửi sau là r2" in banner
    assert [window.model.row_at(i).code for i in range(3)] == ["6", "9", "1"]
    window.select_assignment(window.model.row_at(1).assignment_id)
    assert window.form.office_comment.isVisible()
    assert window.form.office_comment.text() == "Nhận xét của cơ quan tổng hợp: Số liệu không khớp với tháng trước"
    assert window.form.office_comment.textFormat() == Qt.TextFormat.PlainText
    window.detail_tabs.setCurrentWidget(window.history_view)
    rows = [window.history_model.index(r, 2).data() for r in range(window.history_model.rowCount())]
    assert "Phòng Văn hóa và Thông tin: trả lại lần gửi r1 (Số liệu chưa khớp)" in rows
    window.select_assignment(window.model.row_at(2).assignment_id)
    assert not window.form.office_comment.isVisible()
    from dti_desktop.services import month_round

    first = month_round.check_month(mao_khe.db, window.ctx, MARCH, date(2025, 3, 25)).lines()[0]
    assert not first.ok and first.codes == ("6", "9") and "– chỉ tiêu 6: Đề nghị bổ sung minh chứng" in first.text


def test_a_refused_answer_is_told_and_changes_nothing(returned, window, mao_khe, tmp_path, monkeypatch):
    from tests.conftest import dump

    forged = tmp_path / "gia.dtitraloi"
    forged.write_bytes(returned.read_bytes().replace("Số liệu chưa khớp".encode(), "Số liệu đã khớp".encode()))
    before = dump(mao_khe.db)
    monkeypatch.setattr(messages, "open_file", lambda *a, **k: str(forged))
    window.answers.take_action.trigger()
    assert window.told[0][0] == "Không nhận tệp trả lời" and "chữ ký của tệp trả lời không hợp lệ" in window.told[0][1]
    assert dump(mao_khe.db) == before and window.lock.locked


def test_other_files_dropped_are_not_taken_as_answers(window, tmp_path):
    other = tmp_path / "bien-ban.pdf"
    other.write_bytes(b"%PDF")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    assert window.answers.eventFilter(window, event) is False  # passed on (the evidence list takes files)
    assert window.told == []
