"""First-run and Settings dialogs: data in, result out, no database."""

from __future__ import annotations

from dti_desktop.domain.settings import Settings
from dti_desktop.domain.units import Unit, UnitKind
from dti_desktop.services.catalogues import plans
from dti_desktop.ui.dialogs import FirstRunDialog, SettingsDialog


def test_first_run_requires_unit_and_officer(qtbot, seeded_db):
    dialog = FirstRunDialog([], plans(seeded_db))
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.choice() is None
    assert dialog.form.error.text() == "Cần nhập đơn vị và cán bộ đầu mối."
    dialog.form.unit_name.setCurrentText("UBND xã An Sinh")
    dialog.form.officer_name.setText("Trần Văn Bình")
    dialog.form.unit_kind.setCurrentIndex(dialog.form.unit_kind.findData("xa"))
    dialog.accept()
    choice = dialog.choice()
    assert choice.settings.unit_name == "UBND xã An Sinh" and choice.unit_kind is UnitKind.XA
    assert choice.plan_id == plans(seeded_db)[0].id and choice.catalogue_file is None


def test_first_run_report_day_and_district_follow_the_plan(qtbot, seeded_db):
    dialog = FirstRunDialog([], plans(seeded_db))
    qtbot.addWidget(dialog)
    index = next(i for i in range(dialog.plan_combo.count()) if "2024" in dialog.plan_combo.itemText(i))
    dialog.plan_combo.setCurrentIndex(index)
    assert dialog.form.report_day.value() == 20
    assert dialog.form.district.text() == "thành phố Đông Triều"  # filled from the first plan shown


def test_first_run_choose_known_unit_and_workbook(qtbot, seeded_db, tmp_path):
    units = [Unit("UBND phường Yên Giang", UnitKind.PHUONG, "thị xã Quảng Yên", id=7)]
    dialog = FirstRunDialog(units, plans(seeded_db))
    qtbot.addWidget(dialog)
    dialog.form.unit_name.setCurrentIndex(0)
    dialog.form.officer_name.setText("Lê Thị C")
    dialog.from_file.setChecked(True)
    dialog.accept()
    assert dialog.choice() is None and "chọn tệp Excel" in dialog.form.error.text()
    dialog.file_edit.setText(str(tmp_path / "dm.xlsx"))
    dialog.accept()
    assert dialog.choice().existing_unit_id == 7 and dialog.choice().catalogue_file == tmp_path / "dm.xlsx"


def test_settings_dialog_round_trip(qtbot):
    start = Settings(unit_name="UBND xã A", officer_name="B", report_day=20, recipients="- UBND huyện (b/c);")
    dialog = SettingsDialog(start, UnitKind.XA)
    qtbot.addWidget(dialog)
    dialog.form.signatory_name.setText("Phạm Văn D")
    dialog.accept()
    result = dialog.settings()
    assert result.signatory_name == "Phạm Văn D" and result.report_day == 20
    assert result.recipients == "- UBND huyện (b/c);"


def test_first_run_after_a_bad_catalogue_file_keeps_what_was_typed(qtbot, seeded_db, tmp_path, monkeypatch):
    from dti_desktop.ui import app, messages

    bad = tmp_path / "danh-muc.xlsx"
    bad.write_bytes(b"not a workbook")
    seen, errors = [], []

    def exec_(dialog):
        if not seen:  # the officer fills the dialog and picks a broken file
            dialog.form.unit_name.setCurrentText("UBND xã An Sinh")
            dialog.form.officer_name.setText("Trần Văn Bình")
            dialog.file_edit.setText(str(bad))
            dialog.from_file.setChecked(True)
            dialog.accept()
            seen.append("first")
            return dialog.choice() is not None
        seen.append((dialog.form.unit_name.currentText(), dialog.form.officer_name.text(), dialog.file_edit.text()))
        return False

    monkeypatch.setattr(FirstRunDialog, "exec", exec_)
    monkeypatch.setattr(messages, "error", lambda parent, title, text: errors.append(title))
    assert app.first_run(seeded_db) is False
    assert errors == ["Không nhập được danh mục"]
    assert seen[1] == ("UBND xã An Sinh", "Trần Văn Bình", str(bad))


def test_dialog_fields_scroll_and_the_buttons_stay(qtbot, seeded_db):
    from PySide6.QtWidgets import QDialogButtonBox, QScrollArea

    dialog = FirstRunDialog([], plans(seeded_db))
    qtbot.addWidget(dialog)
    layout = dialog.layout()
    assert isinstance(layout.itemAt(0).widget(), QScrollArea)
    assert isinstance(layout.itemAt(layout.count() - 1).widget(), QDialogButtonBox)
