"""The office's tab past a few dozen units (issue 22: a country's 3,321 communes): the month is read in a worker, the
tab shows at once and says it is reading, the tables fill when the read ends, a read asked for earlier and ending
later is dropped, and an import's summary stays in front of the month's."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from dti_desktop.domain.periods import Period
from dti_desktop.services import district, office_month
from dti_desktop.ui import district_tab
from dti_desktop.ui.district_tab import DistrictTab
from tests.helpers import wait_for_tasks
from tests.unit_db import MARCH


@pytest.fixture
def tab(qtbot, office, mao_khe, kim_son, tmp_path, monkeypatch):
    db, store = office
    sent = [unit.export(tmp_path / unit.path.parent.name).path for unit in (mao_khe, kim_son)]
    assert all(o.accepted for o in district.import_packages(db, store, sent))
    monkeypatch.setattr(district_tab, "SYNC_UNITS", 0)  # read in a worker whatever the size
    widget = DistrictTab(db, tmp_path / "office" / "dti.sqlite3", store, date(2025, 3, 25))
    qtbot.addWidget(widget)
    widget.sent = sent
    yield widget
    wait_for_tasks(qtbot, widget)


def test_month_is_read_in_a_worker_then_fills_the_tables(tab, qtbot, monkeypatch):
    threads = []
    read = office_month.read
    monkeypatch.setattr(office_month, "read", lambda *a: threads.append(threading.current_thread()) or read(*a))
    with qtbot.waitSignal(tab.month_loaded, timeout=20_000):
        tab.refresh(MARCH)
        assert tab.month_loading and tab.summary.text() == "Đang đọc tình hình gửi báo cáo tháng 03/2025…"
        assert tab.board_model.rowCount() == 0 and not tab.withdraw_button.isEnabled()
    assert threads and threads[0] is not threading.main_thread()
    assert not tab.month_loading and tab.withdraw_button.isEnabled()
    assert tab.board_model.rowCount() == 2 and tab.month_model.rowCount() == 2
    assert tab.summary.text().startswith("Tháng 03/2025: 2/2 đơn vị đã gửi báo cáo")
    assert tab.inner.tabText(tab.inner.indexOf(tab.answers)) == "Trả lời các đơn vị (2 chờ)"


def test_an_older_read_ending_later_is_dropped(tab, qtbot):
    loaded = []
    tab.month_loaded.connect(lambda: loaded.append(tab.board_tabs.tabText(0)))
    tab.refresh(Period(2025, 2))
    tab.refresh(MARCH)
    qtbot.waitUntil(lambda: not tab.month_loading, timeout=20_000)
    wait_for_tasks(qtbot, tab)
    assert loaded == ["Tháng 03/2025"] and tab.summary.text().startswith("Tháng 03/2025")


def test_an_import_summary_stays_before_the_month_read_later(tab, qtbot):
    with qtbot.waitSignal(tab.month_loaded, timeout=20_000):
        tab.refresh(MARCH)
    with qtbot.waitSignal(tab.month_loaded, timeout=20_000):
        tab.import_paths(tab.sent[:1])
    assert tab.summary.text().startswith("Đã nhận 0 gói, bỏ qua 1 gói đã nhập trước đó") and \
        "Tháng 03/2025: 2/2 đơn vị" in tab.summary.text()
