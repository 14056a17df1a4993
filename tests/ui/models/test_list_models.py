"""The table models not checked elsewhere, each through Qt's model tester with real rows, then emptied again:
the office's board, import results, one target across units and held packages; an entry's and a catalogue's
history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from dti_desktop.domain.annex_edit import CatalogueChange
from dti_desktop.domain.report import TargetAcrossUnits
from dti_desktop.services.history import HistoryItem
from dti_desktop.storage.held_store import HeldPackage
from dti_desktop.ui.models.catalogue_history_model import CatalogueHistoryModel
from dti_desktop.ui.models.district_models import (
    RAW_ROLE,
    BoardModel,
    HeldModel,
    ImportResultModel,
    TargetAcrossUnitsModel,
)
from dti_desktop.ui.models.history_table_model import HistoryTableModel


def _imported(office, mao_khe, tmp_path):
    from dti_desktop.services import district

    db, store = office
    bad = tmp_path / "usb" / "hong.dtipkg"
    good = mao_khe.export(tmp_path / "usb").path
    bad.write_bytes(b"not a zip")
    return district.import_packages(db, store, [good, bad])


def test_import_result_model_passes_qt_model_tester(qtmodeltester, office, mao_khe, tmp_path):
    model = ImportResultModel()
    model.set_rows(_imported(office, mao_khe, tmp_path))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.index(0, 1).data(RAW_ROLE).accepted
    assert model.index(1, 1).data(RAW_ROLE).accepted is False
    assert model.index(0, 3).data() == "03/2025" and model.index(0, 4).data() == "r1"
    model.set_rows([])
    qtmodeltester.check(model)


def test_board_model_passes_qt_model_tester(qtmodeltester, office, mao_khe, tmp_path):
    from dti_desktop.services import catalogues, district_board

    _imported(office, mao_khe, tmp_path)
    db, _store = office
    model = BoardModel()
    qtmodeltester.check(model)  # no board yet
    model.set_board(district_board.board(db, catalogues.choose_plan(db, 2025).id, 20, date(2025, 4, 25)))
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (1, 13)
    assert model.index(0, 0).data() == "UBND phường Mạo Khê" and model.index(0, 3).data().endswith("r1")
    assert model.index(0, 4).data() == "Chưa gửi" and model.index(0, 4).data(Qt.ItemDataRole.BackgroundRole)


def test_target_across_units_model_passes_qt_model_tester(qtmodeltester, mao_khe):
    from dti_desktop.services import workspace
    from dti_desktop.services.month_lines import month_lines
    from tests.unit_db import MARCH

    lines = month_lines(mao_khe.db, mao_khe.store, workspace.context(mao_khe.db), MARCH).lines
    six = next(line for line in lines if line.code == "6")
    seven = next(line for line in lines if line.code == "7")
    model = TargetAcrossUnitsModel()
    model.set_target(TargetAcrossUnits("6", six.target.text, "100%",
                                       (("UBND phường Mạo Khê", six), ("Văn phòng UBND", seven)),
                                       frozenset({"Văn phòng UBND"})))
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "92,5%" and model.index(1, 2).data() == "Không giao"
    model.set_target(None)
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_held_model_passes_qt_model_tester(qtmodeltester):
    held = HeldPackage(7, "ab" * 32, "UBND-xa-Moi_2025-03_r1.dtipkg", "UBND xã Mới", "xa", "thành phố Đông Triều",
                       "2025-03", 1, "2025-04-01T08:00:00+07:00", "2025-04-02T09:30:00+07:00",
                       "đơn vị chưa có trong danh sách")
    model = HeldModel()
    model.set_rows([held])
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "7" and model.index(0, 4).data() == "03/2025"
    assert model.index(0, 6).data() == "02/04/2025 09:30" and model.index(0, 0).data(RAW_ROLE) is held


def test_history_table_model_passes_qt_model_tester(qtmodeltester):
    model = HistoryTableModel()
    model.set_rows([HistoryItem("14/03/2025 09:12", "cán bộ", "Kết quả", "80", "92,5"),
                    HistoryItem("15/03/2025 10:00", "cán bộ", "Tệp minh chứng", "", "<b>Biên bản</b>.pdf")])
    qtmodeltester.check(model)
    assert model.index(1, HistoryTableModel.COL_NEW).data() == "<b>Biên bản</b>.pdf"
    model.set_rows([])
    qtmodeltester.check(model)


def test_catalogue_history_model_passes_qt_model_tester(qtmodeltester, seeded_db):
    from dti_desktop.services import annex_edit, catalogues

    plan_id = catalogues.choose_plan(seeded_db, 2025).id
    target = annex_edit.find_target(seeded_db, plan_id, "6")
    annex_edit.update_target(seeded_db, target.id, replace(target.target, local_goal="95%"), "cán bộ")
    model = CatalogueHistoryModel()
    model.set_rows(annex_edit.history(seeded_db, plan_id))
    qtmodeltester.check(model)
    assert model.rowCount() >= 1 and isinstance(model.index(0, 0).data(RAW_ROLE), CatalogueChange)
    model.set_rows([CatalogueChange("2025-03-14T09:00:00+07:00", "cán bộ", "target", "6", "remove")])
    qtmodeltester.check(model)
    assert model.index(0, CatalogueHistoryModel.COL_WHEN).data() == "14/03/2025 09:00"
