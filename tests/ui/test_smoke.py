"""The bundle's smoke checks (ui/smoke.py, DTI_QUIT_AFTER_SHOW): no dialog waits, each check says how it went."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QTimer

from dti_desktop.ui import messages, smoke


def test_smoke_mode_is_read_from_the_environment(monkeypatch):
    monkeypatch.delenv(smoke.ENV, raising=False)
    assert smoke.mode() == ""
    monkeypatch.setenv(smoke.ENV, "kenh")
    assert smoke.mode() == "kenh"


def test_smoke_errors_stop_on_stderr_and_information_goes_on(monkeypatch, capsys):
    for name in ("error", "info", "ask_second_instance"):  # put back after the test
        monkeypatch.setattr(messages, name, getattr(messages, name))
    smoke.answer_dialogs_on_stderr()
    messages.info(None, "Ổ đĩa đã đầy", "chỉ xem")
    with pytest.raises(SystemExit) as stopped:
        messages.error(None, "Không mở được dữ liệu", "hỏng")
    assert stopped.value.code == smoke.STOPPED_AT_DIALOG
    with pytest.raises(SystemExit):
        messages.ask_second_instance(None, "/du-lieu")
    assert capsys.readouterr().err.splitlines() == ["Ổ đĩa đã đầy: chỉ xem", "Không mở được dữ liệu: hỏng",
                                                     "Thư mục dữ liệu đang được dùng: /du-lieu"]


def test_smoke_overview_without_charts_fails_with_its_code(qapp):
    shown = []
    window = SimpleNamespace(overview=SimpleNamespace(canvas=None),
                             tabs=SimpleNamespace(setCurrentWidget=shown.append))
    assert smoke.check_after_show("tong-quan", qapp, window, guard=None, folder=None) == smoke.NO_CHARTS
    assert shown == [window.overview]


def test_smoke_overview_drawn_lets_the_program_quit_from_its_loop(qtbot):
    drawn, quits = [], []
    canvas = SimpleNamespace(draw=lambda: drawn.append(True))
    window = SimpleNamespace(overview=SimpleNamespace(canvas=canvas), tabs=SimpleNamespace(setCurrentWidget=id),
                             when_ready=lambda slot: QTimer.singleShot(0, slot))  # complete: quits in the next turn
    app = SimpleNamespace(quit=lambda: quits.append(True))  # not the tests' application
    assert smoke.check_after_show("tong-quan", app, window, guard=None, folder=None) is None and drawn == [True]
    qtbot.waitUntil(lambda: quits == [True], timeout=2000)  # quit by the loop once it runs
