"""The main window lists the current catalogue, searches without accents, imports and exports."""

from __future__ import annotations

import pytest

from dti_desktop.ui import messages
from dti_desktop.ui.main_window import MainWindow
from dti_desktop.ui.models.target_table_model import RAW_ROLE, TargetTableModel, rows_of


@pytest.fixture
def window(qtbot, seeded_db, db_path):
    w = MainWindow(seeded_db, db_path)
    qtbot.addWidget(w)
    w.show()
    return w


def test_model_passes_qt_model_tester(qtmodeltester, seeded_db):
    from dti_desktop.services.catalogues import current_catalogue

    model = TargetTableModel()
    model.set_rows(rows_of(current_catalogue(seeded_db, 2025)))
    qtmodeltester.check(model)
    assert model.rowCount() == 27
    assert model.index(11, TargetTableModel.COL_PROVINCE).data() == "10%; 10%; 47-50%; 30%"


def test_window_shows_2025_catalogue(window):
    assert window.model.rowCount() == 27
    assert window.proxy.rowCount() == 27
    assert "2025" in window.plan_combo.currentText()
    assert window.count_label.text() == "Hiển thị 27/27 chỉ tiêu"


def test_search_without_accents(window):
    window.search.setText("chu ky so")
    assert window.proxy.rowCount() == 1
    row = window.proxy.index(0, 0).data(RAW_ROLE)
    assert row.code == "17" and "chữ ký số" in row.target.text
    window.search.setText("")
    assert window.proxy.rowCount() == 27


def test_switch_plan(window):
    index = next(i for i in range(window.plan_combo.count()) if "2024" in window.plan_combo.itemText(i))
    window.plan_combo.setCurrentIndex(index)
    assert window.model.rowCount() == 34
    assert window.proxy.index(0, 0).data() == "I.1"


def test_import_refusal_is_shown(window, monkeypatch, tmp_path):
    bad = tmp_path / "rong.xlsx"
    bad.write_bytes(b"")
    shown = []
    monkeypatch.setattr(messages, "open_file", lambda *a, **k: str(bad))
    monkeypatch.setattr(messages, "error", lambda parent, title, text: shown.append((title, text)))
    window.import_catalogue()
    assert shown and shown[0][0] == "Không nhập được danh mục"
    assert "rong.xlsx: tệp rỗng (0 byte)" in shown[0][1]


def test_export_then_import_through_menus(window, monkeypatch, tmp_path, seeded_db):
    out = tmp_path / "xuat.xlsx"
    infos = []
    monkeypatch.setattr(messages, "save_file", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "open_file", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: infos.append(title))
    window.export_action.trigger()
    assert out.exists()
    window.import_action.trigger()
    assert infos == ["Đã xuất danh mục", "Đã nhập danh mục"]
    assert window.model.rowCount() == 27
