"""The office's decisions in the "Tổng hợp" tab: held packages accepted or refused, a received package withdrawn, the
rules set in Settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dti_desktop.domain.settings import HOLD_NEW_UNITS, NEW_UNIT_RULES, OVERRIDE_RULES, OVERRIDE_UNIT, Settings
from dti_desktop.services import district, workspace
from dti_desktop.storage import received_store
from dti_desktop.ui import messages
from dti_desktop.ui.district_tab import DistrictTab
from tests.unit_db import MARCH


@pytest.fixture
def tab(qtbot, office, tmp_path):
    db, store = office
    widget = DistrictTab(db, tmp_path / "office" / "dti.sqlite3", store, date(2025, 4, 25))
    qtbot.addWidget(widget)
    widget.refresh(MARCH)
    return widget


def _answers(monkeypatch, confirm=True, text="Không có đơn vị này"):
    said = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: confirm)
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: text)
    monkeypatch.setattr(messages, "info", lambda parent, title, body: said.append((title, body)))
    monkeypatch.setattr(messages, "error", lambda parent, title, body: said.append((title, body)))
    return said


def test_held_packages_are_listed_and_accepted_or_refused_in_the_tab(tab, office, mao_khe, kim_son, tmp_path,
                                                                     monkeypatch):
    db, store = office
    workspace.update_settings(db, replace(workspace.context(db).settings, new_units=HOLD_NEW_UNITS))
    outcomes = district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path,
                                                    kim_son.export(tmp_path / "usb").path])
    assert [o.verdict for o in outcomes] == [district.HELD, district.HELD]
    tab.refresh(MARCH)
    assert tab.inner.tabText(tab.inner.indexOf(tab.held)) == "Gói chờ duyệt (2)"
    assert tab.board_model.rowCount() == 0 and tab.held.model.rowCount() == 2
    assert not tab.held.accept_button.isEnabled()  # nothing chosen yet
    said = _answers(monkeypatch)
    tab.held.view.setCurrentIndex(tab.held.model.index(0, 1))
    assert tab.held.model.index(0, 2).data() == "UBND phường Mạo Khê" and tab.held.accept_button.isEnabled()
    assert tab.held.accept_selected()
    assert said[-1][0] == "Đã nhận gói" and tab.board_model.rowCount() == 1  # the board follows
    assert tab.inner.tabText(tab.inner.indexOf(tab.held)) == "Gói chờ duyệt (1)"
    tab.held.view.setCurrentIndex(tab.held.model.index(0, 1))
    assert tab.held.refuse_selected() and said[-1][0] == "Đã từ chối gói"
    assert tab.held.model.rowCount() == 0 and tab.inner.tabText(tab.inner.indexOf(tab.held)) == "Gói chờ duyệt"
    tab.held.show_all.setChecked(True)
    assert [tab.held.model.index(r, 7).data() for r in range(2)] == ["Đã nhận", "Đã từ chối"]
    assert tab.held.model.index(1, 8).data() == "Không có đơn vị này"
    tab.held.view.setCurrentIndex(tab.held.model.index(1, 1))
    assert not tab.held.refuse_button.isEnabled()  # decided once


def test_a_received_package_is_withdrawn_from_the_board_with_a_reason(tab, office, mao_khe, tmp_path, monkeypatch):
    db, store = office
    assert district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path])[0].accepted
    tab.refresh(MARCH)
    said = _answers(monkeypatch, text="Gửi nhầm đơn vị")
    assert not tab.withdraw_selected() and said[-1][1] == "Hãy chọn ô của một đơn vị và một tháng trong bảng."
    tab.board_view.setCurrentIndex(tab.board_model.index(0, 3))  # March
    assert tab.withdraw_selected()
    assert said[-1][0] == "Đã rút gói" and "Lý do: Gửi nhầm đơn vị" in said[-1][1]
    assert tab.board_model.index(0, 3).data() == "Chưa gửi"
    assert "đã rút 1 gói" in tab.board_model.index(0, 3).data(3)  # the tooltip: kept in the history
    history = received_store.packages(db, workspace.context(db).plan.id, withdrawn=True)
    assert [(p.withdrawn_by, p.withdraw_reason) for p in history] == [("Cán bộ đầu mối", "Gửi nhầm đơn vị")]
    monkeypatch.setattr(messages, "ask_text", lambda *a, **k: None)  # cancelled: nothing happens
    tab.board_view.setCurrentIndex(tab.board_model.index(0, 3))
    assert not tab.withdraw_selected()


def test_a_read_only_window_decides_nothing(tab):
    tab.set_read_only(True)
    assert not tab.withdraw_button.isEnabled() and not tab.held.accept_button.isEnabled()


def test_settings_carry_the_offices_rules(qtbot):
    from dti_desktop.ui.settings_form import SettingsForm

    form = SettingsForm()
    qtbot.addWidget(form)
    texts = [form.unit_overrides.itemText(i) for i in range(form.unit_overrides.count())]
    assert texts == list(OVERRIDE_RULES.values())
    assert form.new_units.currentData() == HOLD_NEW_UNITS and form.settings().unit_overrides == "thap_hon"
    form.set_settings(Settings(unit_name="Phòng VH", unit_overrides=OVERRIDE_UNIT, new_units="nhan_ngay"))
    chosen = form.settings()
    assert (chosen.unit_overrides, chosen.new_units) == (OVERRIDE_UNIT, "nhan_ngay")
    assert form.new_units.currentText() == NEW_UNIT_RULES["nhan_ngay"]
