"""The window's signing-key dialogs: this computer's fingerprint, the office's list of units' keys."""

from __future__ import annotations

from dti_desktop.services import district, trust
from dti_desktop.ui import key_dialogs, messages


def test_own_key_dialog_shows_the_fingerprint_and_exports_the_enrolment(qtbot, kim_son, tmp_path, monkeypatch):
    fp = trust.own_key(kim_son.db).fingerprint
    dialog = key_dialogs.OwnKeyDialog(fp, [("Phòng Văn hóa và Thông tin", "0000 1111 2222 3333")])
    qtbot.addWidget(dialog)
    assert fp in dialog.fingerprint.text() and "Phòng Văn hóa và Thông tin: 0000 1111" in dialog.offices.text()
    told = []
    monkeypatch.setattr(messages, "run_dialog", lambda d: d.choose(key_dialogs.EXPORT) or True)
    monkeypatch.setattr(messages, "save_file", lambda *a, **k: str(tmp_path / "ks.dtikhoa"))
    monkeypatch.setattr(messages, "info", lambda parent, title, text: told.append(text))
    key_dialogs.show_own_key(None, kim_son.db)
    assert (tmp_path / "ks.dtikhoa").is_file() and fp in told[0]


def test_unit_keys_dialog_lists_pins_and_re_pins_with_a_reason(qtbot, office, kim_son, tmp_path, monkeypatch):
    db, store = office
    sent = kim_son.export(tmp_path / "usb").path
    district.import_packages(db, store, [sent])
    rows = trust.unit_keys(db)
    dialog = key_dialogs.UnitKeysDialog(rows, trust.history_lines(db))
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "UBND phường Kim Sơn"
    assert dialog.table.item(0, 1).text() == trust.own_key(kim_son.db).fingerprint
    assert "Ghi nhận khóa — UBND phường Kim Sơn" in dialog.history.toPlainText()

    def answer(d):
        d.table.selectRow(0)
        d.choose(key_dialogs.REPIN)
        return True

    told = []
    monkeypatch.setattr(messages, "run_dialog", answer)
    monkeypatch.setattr(messages, "ask_text", lambda *a: "đơn vị cài lại máy")
    monkeypatch.setattr(messages, "open_file", lambda *a: None)
    monkeypatch.setattr(messages, "info", lambda parent, title, text: told.append(text))
    assert key_dialogs.manage_unit_keys(None, db)
    assert "Đã bỏ khóa đã ghi nhận của UBND phường Kim Sơn" in told[0]
    assert trust.unit_keys(db)[0].fingerprint == "Chưa ghi nhận"
