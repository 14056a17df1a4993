"""The window's staged start (issue 22): the month's targets show first, the entry form's fields and the menus' items
come in the next turns of the event loop; once `ready` the window is the one an unstaged start makes, and what the
officer does before that works or waits."""

from __future__ import annotations

import time
from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QToolBar

from dti_desktop.domain.settings import Settings
from dti_desktop.domain.units import UnitKind
from dti_desktop.services import first_run
from dti_desktop.storage.progress_store import load_entry
from dti_desktop.ui import messages, smoke
from dti_desktop.ui.entry_form import EntryForm
from dti_desktop.ui.main_window import MainWindow
from dti_desktop.ui.models.workspace_table_model import RAW_ROLE
from dti_desktop.ui.turns import Turns
from tests.helpers import close_window

SETTINGS = Settings(unit_name="UBND phường Mạo Khê", district="thành phố Đông Triều",
                    officer_name="Nguyễn Thị Hoa", report_day=20, consolidating_office="Phòng Văn hóa và Thông tin")
TODAY = date(2025, 3, 10)


@pytest.fixture
def unit_db(seeded_db):
    first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(SETTINGS, UnitKind.PHUONG))
    return seeded_db


@pytest.fixture
def open_window(qtbot, unit_db, db_path, monkeypatch):
    """Opens windows as the program does (staged) or as the tests do (not), each closed at the end."""
    opened = []

    def make(staged: bool, read_only: bool = False) -> MainWindow:
        window = MainWindow(unit_db, db_path, today=TODAY, read_only=read_only, staged=staged)
        window.resize(1366, 768)
        window.show()
        opened.append(window)
        return window

    yield make
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent: messages.DISCARD)
    for window in opened:
        close_window(qtbot, window)


def menus(window) -> list:
    """Every menu's items, nested, as the officer sees and can use them."""
    def items(menu) -> list:
        return [(a.text(), a.isEnabled(), a.isVisible(), a.shortcut().toString(),
                 items(a.menu()) if a.menu() else None) for a in menu.actions()]

    return items(window.menuBar())


def toolbar(window) -> list:
    bar = window.findChild(QToolBar, "main-toolbar")
    return [(a.text(), a.iconText(), a.isEnabled(), a.shortcut().toString()) for a in bar.actions()]


def what_shows(window) -> dict:
    """What matters of a window, for comparing two."""
    form = window.form
    return {
        "title": window.windowTitle(),
        "unit": window.unit_label.text(),
        "plan": window.plan_combo.currentText(),
        "period": window.period_combo.currentText(),
        "banner": window.banner.text(),
        "tabs": [(window.tabs.tabText(i), window.tabs.isTabVisible(i)) for i in range(window.tabs.count())],
        "rows": [window.model.index(r, c).data() for r in range(window.model.rowCount()) for c in range(9)],
        "count": window.count_label.text(),
        "current": window.current.code if window.current else None,
        "form_title": form.title.text(),
        "form_entry": form.draft(),
        "form_status": form.status.currentText(),
        "form_editable": form.is_editable(),
        "form_dirty": form.is_dirty(),
        "form_tab": window.detail_tabs.tabText(0),
        "menus": menus(window),
        "toolbar": toolbar(window),
    }


def test_the_staged_window_shows_the_month_first_then_becomes_the_same_window(qtbot, open_window):
    whole = open_window(staged=False)
    assert whole.ready and whole.form.has_fields
    staged = open_window(staged=True)
    # shown at once: the frame, the plan and month, the toolbar and the month's targets, the first one chosen
    assert not staged.ready and not staged.form.has_fields
    assert staged.model.rowCount() == 27 and staged.current.code == "1"
    assert staged.period_combo.currentText() == "Tháng 03/2025" and "27 chỉ tiêu" in staged.banner.text()
    assert toolbar(staged) == toolbar(whole)
    assert [title for title, *_ in menus(staged)] == ["&Tệp", "&Báo cáo", "&Công cụ", "Trợ &giúp"]
    assert all(items == [] for *_, items in menus(staged))  # their items a turn later
    with qtbot.waitSignal(staged.built, timeout=5000):
        pass
    assert staged.ready and staged.form.has_fields
    assert what_shows(staged) == what_shows(whole)
    qtbot.waitUntil(lambda: staged.splitter.sizes() == whole.splitter.sizes(), timeout=2000)  # laid out the same


def test_a_read_only_staged_window_never_offers_writing(qtbot, open_window):
    whole = open_window(staged=False, read_only=True)
    staged = open_window(staged=True, read_only=True)
    assert staged.windowTitle().endswith("— CHỈ XEM")  # from the first paint
    assert not staged.save_action.isEnabled() and not staged.export_package_action.isEnabled()
    assert not staged.round.copy_action.isEnabled()
    qtbot.waitUntil(lambda: staged.ready, timeout=5000)
    assert not staged.form.is_editable() and not staged.form.save_button.isEnabled()
    for action in (staged.import_action, staged.settings_action, staged.restore_action, staged.new_year_action):
        assert not action.isEnabled()
    assert what_shows(staged) == what_shows(whole)


def test_a_row_chosen_before_the_form_is_made_is_the_one_it_shows(qtbot, open_window):
    window = open_window(staged=True)
    row = next(r for r in range(window.model.rowCount()) if window.model.index(r, 0).data() == "9")
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.table.visualRect(window.model.index(row, 2)).center())
    assert not window.ready and window.current.code == "9"
    qtbot.waitUntil(lambda: window.ready, timeout=5000)
    assert window.form.title.text().startswith("9. ")
    assert window.table.currentIndex().data(RAW_ROLE).code == "9" and not window.form.is_dirty()


def test_saving_before_the_form_is_made_makes_it_then_saves_as_asked(qtbot, open_window, unit_db, monkeypatch):
    """Ctrl+S (the toolbar's action) as the window appears: the start is completed at once, then the save runs as it
    would a moment later (a target without a result, nothing typed: asked first, then recorded)."""
    window = open_window(staged=True)
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, yes="": asked.append(title) or True)
    monkeypatch.setattr(messages, "info", lambda *a: None)
    window.save_action.trigger()
    assert window.ready and asked[0] == "Chưa nhập gì"
    saved = load_entry(unit_db, window.current.assignment_id, "2025-03")
    assert saved is not None and window.current.code == "1" and window.current.entry is not None


def test_closing_before_the_window_is_complete_closes_it(qtbot, open_window):
    window = open_window(staged=True)
    assert window.close() and not window.isVisible()
    qtbot.waitUntil(lambda: window.ready, timeout=5000)  # its last parts made on the hidden window: nothing fails
    assert not window.isVisible() and not window.form.is_dirty()


def test_an_unbuilt_form_holds_nothing_unsaved_and_keeps_what_it_was_told():
    form = EntryForm(fields=False)
    assert not form.has_fields and not form.is_dirty()
    form.set_editable(False)  # a month sent: said before its fields exist
    form.make_fields()
    assert form.has_fields and not form.is_editable() and not form.save_button.isEnabled()
    assert not form.scroll.viewport().autoFillBackground()  # the page's own background under its fields
    form.deleteLater()


def test_turns_give_the_loop_a_turn_between_parts_and_finish_runs_the_rest(qtbot):
    """Between two parts the loop handles what fell due meanwhile: a timer's tick (a repaint, the freeze probe) and
    the events posted, so a repaint never waits for two parts."""
    ticks, seen = [0], []
    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(1)
    probe.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))

    def part(name: str):
        def run() -> None:
            time.sleep(0.003)  # the window's thread busy: the probe falls due meanwhile
            seen.append((name, ticks[0]))
            QTimer.singleShot(0, lambda: seen.append(("posted", ticks[0])))
        return run

    turns = Turns([part("a"), part("b"), part("c")])
    finished = []
    turns.finished.connect(lambda: finished.append(True))
    probe.start()
    turns.start()
    assert seen == [] and not turns.done  # not one part before the loop runs
    qtbot.waitUntil(lambda: turns.done, timeout=2000)
    probe.stop()
    qtbot.wait(20)  # the last part's posted event too: it came into the second half's list when run late
    names = [name for name, _ in seen if name != "posted"]
    assert names == ["a", "b", "c"] and finished == [True]
    at = [tick for name, tick in seen if name != "posted"]
    assert at[0] < at[1] < at[2]  # the probe ticked between each two
    assert [name for name, _ in seen][:3] == ["a", "posted", "b"]

    seen.clear()
    again = Turns([lambda: seen.append("a"), lambda: (seen.append("b"), again.finish()), lambda: seen.append("c")])
    again.finished.connect(lambda: finished.append(True))
    again.start()
    again.finish()  # what is left, now (a part that finishes it too does not run twice)
    assert seen == ["a", "b", "c"] and again.done and finished == [True, True]
    qtbot.wait(20)
    assert seen == ["a", "b", "c"] and finished == [True, True]


def test_the_smoke_start_quits_once_the_window_is_complete(qtbot, open_window):
    """The start-up benchmark (DTI_QUIT_AFTER_SHOW) times the whole window: it quits after the start's last part."""
    window = open_window(staged=True)
    quits = []
    app = SimpleNamespace(quit=lambda: quits.append(window.ready))
    assert smoke.check_after_show("1", app, window, guard=None, folder=None) is None
    assert quits == []  # shown, not yet complete
    qtbot.waitUntil(lambda: bool(quits), timeout=5000)
    assert quits == [True]


def test_what_waits_for_the_window_runs_once_it_is_complete(qtbot, open_window):
    """The channel for later starts and the backup (ui/app.py) wait for the whole window; a complete one runs them
    in the next turn."""
    staged, whole = open_window(staged=True), open_window(staged=False)
    ran = []
    staged.when_ready(lambda: ran.append(("staged", staged.ready)))
    whole.when_ready(lambda: ran.append(("whole", whole.ready)))
    assert ran == []
    qtbot.waitUntil(lambda: len(ran) == 2, timeout=5000)
    assert sorted(ran) == [("staged", True), ("whole", True)]


def test_the_status_bar_is_in_place_from_the_first_paint(qtbot, open_window):
    """The status bar comes with the frame: made only when the automatic backup first wrote in it ("Đang sao lưu tự
    động…", once the window is complete), it pushed the targets and the entry form up by its height a moment after
    they first showed."""
    window = open_window(staged=True)
    first = window.centralWidget().geometry()
    assert not window.ready and first.height() > 0
    qtbot.waitUntil(lambda: window.ready, timeout=5000)
    window.statusBar().showMessage("Đang sao lưu tự động…")
    qtbot.wait(50)  # a layout request, had the bar been new
    assert window.centralWidget().geometry() == first
