"""The window when the year has rolled over: this year's plan if there is one; else the newest, with the banner
saying so and offering the import, and no past December called overdue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dti_desktop.domain.settings import Settings
from dti_desktop.domain.units import UnitKind
from dti_desktop.services import catalogues, first_run
from dti_desktop.storage.catalogue_store import load_catalogue, save_catalogue
from dti_desktop.storage.settings_store import CURRENT_PLAN_CHOSEN_AT, set_setting
from dti_desktop.ui import messages
from dti_desktop.ui.main_window import MainWindow
from tests.helpers import close_window, wait_for_tasks

SETTINGS = Settings(unit_name="UBND phường Mạo Khê", district="thành phố Đông Triều", officer_name="Nguyễn Thị Hoa",
                    report_day=15, consolidating_office="Phòng Văn hóa và Thông tin")
TODAY = date(2026, 12, 4)


@pytest.fixture
def open_window(qtbot, seeded_db, db_path, monkeypatch):
    first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(SETTINGS, UnitKind.PHUONG))
    for name in ("info", "error", "confirm", "ask_unsaved", "open_file", "save_file", "open_path"):
        monkeypatch.setattr(messages, name, _unexpected(name))
    windows = []

    def make(today: date = TODAY) -> MainWindow:
        w = MainWindow(seeded_db, db_path, today=today)
        w.resize(1366, 768)
        w.show()
        qtbot.waitExposed(w)
        windows.append(w)
        return w

    yield make
    for w in windows:
        close_window(qtbot, w)


def _unexpected(name):
    def fail(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: messages.{name}{args[1:]}")
    return fail


def _store_2026_plan(db) -> int:
    catalogue = load_catalogue(db, catalogues.choose_plan(db, 2025).id)
    plan = replace(catalogue.plan, number="12/KH-UBND", date="2026-01-10", year=2026)
    return save_catalogue(db, replace(catalogue, plan=plan)).plan_id


def test_no_plan_this_year_says_so_and_offers_the_import(open_window, monkeypatch):
    window = open_window()
    assert window.ctx.plan.plan.year == 2025
    assert window.period_combo.currentText() == "Tháng 12/2025"
    text = window.banner.text()
    assert text.startswith("Chưa có kế hoạch năm 2026: đang xem kế hoạch 36/KH-UBND năm 2025.")
    assert "quá hạn" not in text and "Kế hoạch năm 2025 đã hết năm, không còn hạn báo cáo." in text
    assert "#f8d7da" not in window.banner_box.styleSheet()  # not red
    assert window.banner_import.isVisible() and window.banner_import.text() == "Nhập danh mục năm 2026…"
    assert not window.banner_open.isVisible()
    asked = []
    monkeypatch.setattr(messages, "open_file", lambda parent, title, *a: asked.append(title))
    window.banner_import.click()  # the menu's own "Nhập danh mục…" runs: its file dialog is asked for
    assert asked == ["Nhập phụ lục chỉ tiêu của kế hoạch (Excel, Word, PDF)"]


def test_this_years_plan_opens_and_last_years_choice_does_not_pin(open_window, seeded_db):
    catalogues.set_current_plan(seeded_db, catalogues.choose_plan(seeded_db, 2025).id)
    set_setting(seeded_db, CURRENT_PLAN_CHOSEN_AT, "2025-03-01T09:00:00+07:00")
    new = _store_2026_plan(seeded_db)
    window = open_window()
    assert window.ctx.plan.id == new and window.period_combo.currentText() == "Tháng 12/2026"
    assert not window.banner_import.isVisible()
    assert window.banner.text().startswith("Báo cáo năm hạn 09/12/2026 (còn 5 ngày)")


def test_a_past_plan_chosen_this_year_is_kept_and_not_called_overdue(open_window, seeded_db, qtbot):
    _store_2026_plan(seeded_db)
    window = open_window()
    window.plan_combo.setCurrentIndex(window.plan_combo.findData(catalogues.choose_plan(seeded_db, 2024).id))
    assert window.ctx.plan.plan.year == 2024 and window.period.key == "2024-12"
    assert window.banner.text().startswith("Kế hoạch năm 2024 đã hết năm, không còn hạn báo cáo. Tháng 12/2024:")
    assert "#e2e3e5" in window.banner_box.styleSheet() and not window.banner_import.isVisible()
    assert window.banner_open.isVisible() and window.banner_open.text() == "Mở kế hoạch năm 2026"
    again = open_window()  # chosen after the 2026 plan arrived: on purpose, so the next start keeps it
    assert again.ctx.plan.plan.year == 2024
    again.banner_open.click()  # back to this year's plan, as if chosen in the list
    assert again.ctx.plan.plan.year == 2026 and not again.banner_open.isVisible()
    assert catalogues.choose_plan(seeded_db, today=TODAY).plan.year == 2026


def test_within_the_plans_year_the_deadline_banner_is_unchanged(open_window):
    window = open_window(date(2025, 3, 10))
    assert window.ctx.plan.plan.year == 2025 and not window.banner_import.isVisible()
    assert window.banner.text().startswith("Báo cáo quý I hạn 15/03/2025")


def test_this_years_plan_imported_from_the_banner_opens_at_once(open_window, monkeypatch, qtbot):
    """The banner asks for this year's plan; once it is imported (reviewed, saved) the window goes on with it."""
    from pathlib import Path

    docx = Path(__file__).resolve().parents[1] / "fixtures" / "annexes" / "dt2025_ke-hoach-36.docx"
    window = open_window()
    infos = []
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(title))

    def as_2026(dialog):
        for name, value in (("number", "12/KH-UBND"), ("date", "10/01/2026"), ("year", "2026")):
            dialog.edits[name].setText(value)
        dialog.accept()
        return True

    monkeypatch.setattr(messages, "run_dialog", as_2026)
    monkeypatch.setattr(messages, "open_file", lambda *a: str(docx))
    window.banner_import.click()
    wait_for_tasks(qtbot, window)
    assert bool(infos)
    assert window.ctx.plan.plan.year == 2026 and window.ctx.plan.plan.number == "12/KH-UBND"
    assert not window.banner_import.isVisible() and "Chưa có kế hoạch năm 2026" not in window.banner.text()
