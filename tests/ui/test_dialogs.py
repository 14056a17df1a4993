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
    assert dialog.form.district.text() == "thị xã Đông Triều"  # the 2024 plan's own area (a thị xã then)
    back = next(i for i in range(dialog.plan_combo.count()) if "2025" in dialog.plan_combo.itemText(i))
    dialog.plan_combo.setCurrentIndex(back)  # the 2025 plan sets no day: the default again, not 2024's 20
    assert dialog.form.report_day.value() == 15 and dialog.form.district.text() == "thành phố Đông Triều"



def test_choosing_a_workbook_drops_what_the_built_in_plan_filled_in_but_keeps_what_was_typed(qtbot, seeded_db):
    """A 2026 province plan chosen as a workbook was saved under "thành phố Đông Triều" (the built-in plan's area)
    and its packages were refused at the Sở; the workbook's own area and day are taken instead."""
    dialog = FirstRunDialog([], plans(seeded_db))
    qtbot.addWidget(dialog)
    filled = dialog.form.district.text()
    assert filled == "thành phố Đông Triều"
    dialog.from_file.setChecked(True)
    assert dialog.form.district.text() == "" and dialog.form.report_day.value() == 15
    dialog.embedded.setChecked(True)
    assert dialog.form.district.text() == filled  # back to the built-in plan: its area again
    dialog.form.district.setText("tỉnh Quảng Ninh")  # typed by the officer
    dialog.from_file.setChecked(True)
    assert dialog.form.district.text() == "tỉnh Quảng Ninh"
    other = next(i for i in range(dialog.plan_combo.count()) if i != dialog.plan_combo.currentIndex())
    dialog.plan_combo.setCurrentIndex(other)  # touched while the workbook is chosen: it fills nothing in
    assert dialog.form.district.text() == "tỉnh Quảng Ninh" and dialog.form.report_day.value() == 15
    dialog.form.report_day.setValue(25)  # typed
    dialog.embedded.setChecked(True)
    assert dialog.form.report_day.value() == 25


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


def test_signer_title_follows_the_unit_kind_until_the_officer_types_one(qtbot, seeded_db):
    """A district agency's reports came out signed "CHỦ TỊCH": an agency's head signs them ("TRƯỞNG PHÒNG" for a
    "Phòng …", else "THỦ TRƯỞNG CƠ QUAN"); communes and wards keep "CHỦ TỊCH"; a title typed is never replaced."""
    dialog = FirstRunDialog([], plans(seeded_db))
    qtbot.addWidget(dialog)
    form = dialog.form
    title = form.signatory_title.toPlainText
    assert title() == "CHỦ TỊCH"  # Xã, the first kind
    form.unit_kind.setCurrentIndex(form.unit_kind.findData("co_quan"))
    assert title() == "THỦ TRƯỞNG CƠ QUAN"
    form.unit_name.setCurrentText("Phòng Văn hóa và Thông tin")
    assert title() == "TRƯỞNG PHÒNG"
    form.unit_name.setCurrentText("Trung tâm Truyền thông và Văn hóa")
    assert title() == "THỦ TRƯỞNG CƠ QUAN"
    form.unit_kind.setCurrentIndex(form.unit_kind.findData("phuong"))
    assert title() == "CHỦ TỊCH"
    form.unit_kind.setCurrentIndex(form.unit_kind.findData("co_quan"))
    form.unit_name.setCurrentText("Phòng Văn hóa và Thông tin")
    form.signatory_title.setPlainText("KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG")  # typed: stays whatever follows
    form.unit_kind.setCurrentIndex(form.unit_kind.findData("xa"))
    form.unit_kind.setCurrentIndex(form.unit_kind.findData("co_quan"))
    form.unit_name.setCurrentText("Phòng Nội vụ")
    assert title() == "KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG"
    form.signatory_title.setPlainText("")  # emptied: the printout would say "CHỦ TỊCH"; the kind's default instead
    form.officer_name.setText("Trần Văn Nam")
    dialog.accept()
    assert dialog.choice().settings.signatory_title == "TRƯỞNG PHÒNG"
    assert dialog.choice().unit_kind is UnitKind.CO_QUAN


def test_a_known_agency_picked_at_first_run_brings_its_kind_and_title(qtbot, seeded_db):
    units = [Unit("UBND xã An Sinh", UnitKind.XA, "thành phố Đông Triều", id=3),
             Unit("Phòng Văn hóa và Thông tin", UnitKind.CO_QUAN, "thành phố Đông Triều", id=7)]
    dialog = FirstRunDialog(units, plans(seeded_db))
    qtbot.addWidget(dialog)
    dialog.form.unit_name.setCurrentIndex(1)
    assert dialog.form.kind() is UnitKind.CO_QUAN and dialog.form.signatory_title.toPlainText() == "TRƯỞNG PHÒNG"
    dialog.form.unit_name.setCurrentIndex(0)
    assert dialog.form.kind() is UnitKind.XA and dialog.form.signatory_title.toPlainText() == "CHỦ TỊCH"


def test_settings_keep_the_title_stored_and_default_the_same_way(qtbot):
    """Settings shows what is stored (typed or not); a stored default follows a renamed unit as at first run."""
    typed = SettingsDialog(Settings(unit_name="Phòng Nội vụ", officer_name="B", signatory_title="GIÁM ĐỐC"),
                           UnitKind.CO_QUAN)
    qtbot.addWidget(typed)
    typed.form.unit_name.setCurrentText("Trung tâm Dịch vụ")
    typed.accept()
    assert typed.settings().signatory_title == "GIÁM ĐỐC"
    stored = SettingsDialog(Settings(unit_name="Phòng Nội vụ", officer_name="B", signatory_title="TRƯỞNG PHÒNG"),
                            UnitKind.CO_QUAN)
    qtbot.addWidget(stored)
    stored.form.unit_name.setCurrentText("Trung tâm Dịch vụ")
    assert stored.form.signatory_title.toPlainText() == "THỦ TRƯỞNG CƠ QUAN"
    empty = SettingsDialog(Settings(unit_name="Phòng Nội vụ", officer_name="B", signatory_title=""), UnitKind.CO_QUAN)
    qtbot.addWidget(empty)
    empty.accept()
    assert empty.settings().signatory_title == "TRƯỞNG PHÒNG"
    commune = SettingsDialog(Settings(unit_name="UBND xã A", officer_name="B", signatory_title=""), UnitKind.XA)
    qtbot.addWidget(commune)
    commune.accept()
    assert commune.settings().signatory_title == "CHỦ TỊCH"


def test_merge_units_offers_the_likely_pair_and_refuses_one_name_twice(qtbot):
    from dti_desktop.ui.dialogs import MergeUnitsDialog

    units = [Unit("UBND phường Mạo Khe", UnitKind.PHUONG, "thành phố Đông Triều", False, 3),
             Unit("UBND phường Mạo Khê", UnitKind.PHUONG, "thành phố Đông Triều", False, 7),
             Unit("UBND phường Kim Sơn", UnitKind.PHUONG, "thành phố Đông Triều", False, 5)]
    dialog = MergeUnitsDialog(units, (3, 7))
    qtbot.addWidget(dialog)
    dialog.show()
    assert (dialog.old.currentData(), dialog.keep.currentData()) == (3, 7)
    assert dialog.old.itemText(0) == "UBND phường Mạo Khe (thành phố Đông Triều)"
    dialog.keep.setCurrentIndex(dialog.keep.findData(3))
    dialog.accept()
    assert dialog.merged() is None and dialog.error.text() == "Hãy chọn hai tên khác nhau."
    assert dialog.height() >= dialog.sizeHint().height()  # grown for the message: it cut the explanation above
    dialog.keep.setCurrentIndex(dialog.keep.findData(5))
    dialog.accept()
    assert dialog.merged() == (3, 5)


def test_first_run_proposes_the_kind_from_the_name_until_the_officer_picks_one(qtbot, seeded_db):
    dialog = FirstRunDialog([], plans(seeded_db))
    qtbot.addWidget(dialog)
    dialog.form.unit_name.setCurrentText("UBND phường Mạo Khê")
    assert dialog.form.unit_kind.currentData() == "phuong"  # not "Xã", as before
    dialog.form.unit_name.setCurrentText("UBND xã Yên Đức")
    assert dialog.form.unit_kind.currentData() == "xa"
    dialog.form.unit_kind.setCurrentIndex(dialog.form.unit_kind.findData("co_quan"))  # the officer's own choice
    dialog.form.unit_name.setCurrentText("UBND phường Kim Sơn")
    assert dialog.form.unit_kind.currentData() == "co_quan"
