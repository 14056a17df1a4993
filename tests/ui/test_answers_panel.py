"""GUI, the office: the month's answer states, the filter "waiting for my answer", the answer dialog (data in, result
out), the batch written off the GUI thread, the setting "consolidate accepted packages only"."""

from __future__ import annotations

from datetime import date

import pytest

from dti_desktop.domain.answer import ACCEPTED, RETURNED
from dti_desktop.services import answers, district
from dti_desktop.ui import messages
from dti_desktop.ui.answer_dialogs import AnswerDialog
from dti_desktop.ui.main_window import MainWindow
from tests.helpers import close_window
from tests.unit_db import MARCH

TARGETS = [("6", "Tỷ lệ hồ sơ trực tuyến"), ("9", "Văn bản điện tử")]


def test_dialog_gives_accept_or_a_return_with_comments(qtbot):
    dialog = AnswerDialog("UBND phường Mạo Khê", "Tháng 03/2025", 1, TARGETS)
    qtbot.addWidget(dialog)
    assert dialog.result_choice().state == ACCEPTED and not dialog.targets.isEnabled()
    dialog.return_radio.setChecked(True)
    dialog.accept()  # no reason: refused inline, the dialog stays
    assert dialog.result() == 0 and "phải ghi lý do" in dialog.error.text()
    dialog.reason.setPlainText("Số liệu chưa khớp")
    dialog.set_comment("9", "Số liệu không khớp với tháng trước")
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    choice = dialog.result_choice()
    assert (choice.state, choice.note, choice.comments) == (RETURNED, "Số liệu chưa khớp",
                                                            {"9": "Số liệu không khớp với tháng trước"})


def test_model_passes_the_qt_model_tester(qtmodeltester, office, mao_khe, tmp_path):
    from dti_desktop.services import workspace
    from dti_desktop.ui.models.answer_models import AnswerStateModel

    db, store = office
    district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path])
    model = AnswerStateModel()
    model.set_rows(answers.month_rows(db, workspace.context(db).plan.id, MARCH))
    assert model.index(0, 1).data() == "Đã nhận, chờ trả lời"
    qtmodeltester.check(model)


@pytest.fixture
def office_tab(qtbot, office, mao_khe, kim_son, tmp_path, monkeypatch):
    db, store = office
    for unit in (mao_khe, kim_son):
        assert district.import_packages(db, store, [unit.export(tmp_path / unit.path.parent.name).path])[0].accepted
    told = []
    monkeypatch.setattr(messages, "info", lambda parent, title, text: told.append(text))
    w = MainWindow(db, tmp_path / "office" / "dti.sqlite3", today=date(2025, 3, 25))
    w.show()
    w.tabs.setCurrentWidget(w.district_page)
    tab = w.district
    tab.refresh(MARCH)
    tab.told = told
    yield tab
    close_window(qtbot, w)


def test_office_returns_one_and_writes_the_batch(office_tab, qtbot, tmp_path, monkeypatch):
    panel = office_tab.answers
    assert office_tab.inner.tabText(office_tab.inner.indexOf(panel)) == "Trả lời các đơn vị (2 chờ)"
    panel.waiting_only.setChecked(True)
    assert panel.model.rowCount() == 2
    panel.view.setCurrentIndex(panel.model.index([r.unit for r in panel.model._rows].index("UBND phường Mạo Khê"), 0))

    def fill(dialog):
        dialog.return_radio.setChecked(True)
        dialog.reason.setPlainText("Bổ sung minh chứng")
        dialog.set_comment("6", "Đề nghị bổ sung minh chứng")
        dialog.accept()
        return dialog.result() == 1

    monkeypatch.setattr(messages, "run_dialog", fill)
    monkeypatch.setattr(messages, "choose_folder", lambda *a, **k: str(tmp_path / "tra-loi"))
    assert panel.answer_selected()
    assert (tmp_path / "tra-loi" / "UBND-phuong-Mao-Khe_2025-03_r1.dtitraloi").is_file()
    assert [r.unit for r in panel.model._rows] == ["UBND phường Kim Sơn"]  # still filtered: one waiting
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(messages, "choose_folder", lambda *a, **k: str(tmp_path / "lo"))
    with qtbot.waitSignal(panel.changed, timeout=10_000):
        panel.write_batch()
    assert sorted(p.name for p in (tmp_path / "lo").iterdir()) == ["UBND-phuong-Kim-Son_2025-03_r1.dtitraloi",
                                                                   "UBND-phuong-Mao-Khe_2025-03_r1.dtitraloi"]
    assert "Đã tiếp nhận 1 gói và ghi 2 tệp trả lời" in office_tab.told[-1]
    panel.waiting_only.setChecked(False)
    states = {r.unit: r.state for r in panel.model._rows}
    assert states == {"UBND phường Mạo Khê": RETURNED, "UBND phường Kim Sơn": ACCEPTED}
    panel.accepted_only.setChecked(True)
    assert answers.accepted_only(panel.db)
