"""Sender binding (issue 18): a package is taken as a unit's only when its installation's key signed it."""

from __future__ import annotations

import json
import zipfile

import pytest

from dti_desktop.services import district, trust, workspace
from dti_desktop.storage import key_store
from tests.conftest import dump
from tests.reliability.hostile_packages import edit_manifest, fresh_key, members, repack, sender_key
from dti_desktop.domain.periods import Period
from dti_desktop.storage.errors import ConflictError
from tests.unit_db import MARCH, UnitDb

APRIL = Period(2025, 4)


def _current_values(db, unit: str) -> dict[str, str]:
    """Code -> the value the office holds now for `unit` in March."""
    plan_id = workspace.context(db).plan.id
    return {t.code: str(line.entry.values if line.entry else None)
            for t in district.consolidated(db, plan_id, MARCH) for name, line in t.lines if name == unit}


def test_a_package_is_signed_by_its_installations_key(mao_khe, tmp_path):
    path = mao_khe.export(tmp_path / "usb").path
    with zipfile.ZipFile(path) as z:
        signature = json.loads(z.read("signature.json"))
        assert "signature.json" not in json.loads(z.read("manifest.json"))["members"]
    key = sender_key(mao_khe.path.parent)
    assert signature["public_key"] == key.public_key and signature["algorithm"] == "Ed25519"
    assert (mao_khe.path.parent / "khoa-ky.json").stat().st_mode & 0o077 == 0  # readable by its account only
    from dti_desktop.io.package_reader import verify_package

    assert verify_package(path).signer == key.public_key


@pytest.mark.reliability("Gói báo cáo: đơn vị khác sửa gói của mình, đổi tên thành đơn vị đã có khóa, tính lại mã băm",
                         "Từ chối “gói không phải từ máy của đơn vị …”; kết quả thật giữ nguyên")
@pytest.mark.parametrize("signed_by", ["khong-ky", "khoa-cua-minh", "khoa-moi"])
def test_a_ward_cannot_replace_another_units_results_with_its_own_package(office, mao_khe, kim_son, tmp_path,
                                                                          signed_by):
    """The issue's finding: Mạo Khê edits its own package, renames it "Kim Sơn", recomputes the manifest's hashes
    (and signs it again, with its own key or a new one, or not at all), and the office replaced Kim Sơn's results."""
    db, store = office
    real = kim_son.export(tmp_path / "usb").path
    assert district.import_packages(db, store, [real])[0].accepted  # Kim Sơn pinned on its first signed package
    before, kept = dump(db), _current_values(db, "UBND phường Kim Sơn")
    own = mao_khe.export(tmp_path / "mk").path
    key = {"khong-ky": None, "khoa-cua-minh": sender_key(mao_khe.path.parent), "khoa-moi": fresh_key()}[signed_by]
    forged = repack(edit_manifest(members(own), unit="UBND phường Kim Sơn", revision=2, reopen_reason="Sửa số liệu"),
                    tmp_path / "forged.dtipkg", key)
    outcome = district.import_packages(db, store, [forged])[0]
    assert not outcome.accepted
    assert "gói không phải từ máy của đơn vị UBND phường Kim Sơn" in outcome.message
    assert dump(db) == before and _current_values(db, "UBND phường Kim Sơn") == kept


def test_first_signed_package_pins_and_says_the_fingerprint(office, kim_son, tmp_path):
    db, store = office
    outcome = district.import_packages(db, store, [kim_son.export(tmp_path / "usb").path])[0]
    fp = sender_key(kim_son.path.parent).fingerprint
    assert f"đã ghi nhận khóa của đơn vị UBND phường Kim Sơn (mã nhận dạng {fp})" in outcome.message
    assert len(fp) == 19 and fp.count(" ") == 3
    [row] = trust.unit_keys(db)
    assert (row.unit, row.fingerprint, row.how) == ("UBND phường Kim Sơn", fp, "gói đầu tiên")
    assert "Ghi nhận khóa — UBND phường Kim Sơn" in trust.history_lines(db)[0]


def test_a_key_pinned_for_one_unit_cannot_speak_for_another(office, mao_khe, tmp_path):
    """Kim Sơn has sent nothing yet: Mạo Khê's key, pinned to Mạo Khê, still cannot sign a package named Kim Sơn."""
    db, store = office
    own = mao_khe.export(tmp_path / "usb").path
    assert district.import_packages(db, store, [own])[0].accepted
    forged = repack(edit_manifest(members(own), unit="UBND phường Kim Sơn"), tmp_path / "ks.dtipkg",
                    sender_key(mao_khe.path.parent))
    outcome = district.import_packages(db, store, [forged])[0]
    assert not outcome.accepted and "ký bằng khóa của máy đơn vị UBND phường Mạo Khê" in outcome.message


def test_an_unsigned_package_of_an_unpinned_unit_is_taken_with_a_warning(office, kim_son, tmp_path):
    """Packages of older versions carry no signature: taken while the unit has no key pinned (docs/security.md)."""
    db, store = office
    real = kim_son.export(tmp_path / "usb").path
    old = repack(members(real), tmp_path / "cu.dtipkg", key=None)
    outcome = district.import_packages(db, store, [old])[0]
    assert outcome.accepted and "gói không có chữ ký" in outcome.message
    assert trust.unit_keys(db)[0].fingerprint == "Chưa ghi nhận"


def test_a_signature_that_does_not_hold_is_refused(office, kim_son, tmp_path):
    db, store = office
    content = members(kim_son.export(tmp_path / "usb").path)
    stale = json.loads(content["signature.json"])
    content = edit_manifest(content, officer="Người khác")  # hashes still right, the signature now of another manifest
    content["signature.json"] = json.dumps(stale).encode()
    with zipfile.ZipFile(tmp_path / "sua.dtipkg", "w") as z:
        for name, data in content.items():
            z.writestr(name, data)
    outcome = district.import_packages(db, store, [tmp_path / "sua.dtipkg"])[0]
    assert not outcome.accepted and "chữ ký của gói không hợp lệ" in outcome.message


def test_a_unit_moves_to_a_new_computer_by_a_hand_over_its_old_key_signs(office, kim_son, tmp_path):
    db, store = office
    district.import_packages(db, store, [kim_son.export(tmp_path / "usb").path])
    new = UnitDb(tmp_path / "may-moi", "UBND phường Kim Sơn")  # the new computer, set up afresh
    enrolment, new_fp = trust.export_enrolment(new.db, tmp_path / "moi.dtikhoa")
    handover, said = trust.export_handover(kim_son.db, enrolment, tmp_path / "ban-giao.dtikhoa")
    assert said == new_fp
    new.record("6", {0: "99"}, period=APRIL)
    from_new = new.export(tmp_path / "usb2", APRIL).path
    refused = district.import_packages(db, store, [from_new])[0]
    assert not refused.accepted and "gói không phải từ máy của đơn vị" in refused.message
    assert "Đã chuyển khóa của UBND phường Kim Sơn sang máy mới" in trust.import_key_file(db, handover)
    assert district.import_packages(db, store, [from_new])[0].accepted
    may = Period(2025, 5)
    kim_son.record("6", {0: "50"}, period=may)
    from_old = kim_son.export(tmp_path / "usb3", may).path  # the old computer, still in use somewhere
    assert "gói không phải từ máy của đơn vị" in district.import_packages(db, store, [from_old])[0].message
    third = UnitDb(tmp_path / "may-ba", "UBND phường Kim Sơn")
    replay, _ = trust.export_handover(kim_son.db, trust.export_enrolment(third.db, tmp_path / "ba.dtikhoa")[0],
                                      tmp_path / "lai.dtikhoa")
    with pytest.raises(ConflictError, match="không phải khóa đã ghi nhận"):  # the old key handed over already
        trust.import_key_file(db, replay)
    unit_id = trust.find_unit(db, "UBND phường Kim Sơn")
    assert [e.action for e in key_store.history(db, unit_id)] == ["ban_giao", "ghi_nhan"]
    new.db.close()
    third.db.close()


def test_enrolment_file_pins_before_the_first_package(office, kim_son, mao_khe, tmp_path):
    db, store = office
    enrolment, fp = trust.export_enrolment(kim_son.db, tmp_path / "kim-son.dtikhoa")
    message = trust.import_key_file(db, enrolment)
    assert f"Đã ghi nhận khóa của đơn vị UBND phường Kim Sơn (mã nhận dạng {fp})" in message
    assert "đã được ghi nhận trước đó" in trust.import_key_file(db, enrolment)
    forged = repack(edit_manifest(members(mao_khe.export(tmp_path / "usb").path), unit="UBND phường Kim Sơn"),
                    tmp_path / "gia.dtipkg", fresh_key())
    assert not district.import_packages(db, store, [forged])[0].accepted  # pinned before it ever sent
    assert district.import_packages(db, store, [kim_son.export(tmp_path / "usb").path])[0].accepted
    other, _ = trust.export_enrolment(mao_khe.db, tmp_path / "mk.dtikhoa")
    tampered = json.loads(other.read_text(encoding="utf-8"))
    tampered["unit"] = "UBND phường Kim Sơn"
    (tmp_path / "sua.dtikhoa").write_text(json.dumps(tampered), encoding="utf-8")
    with pytest.raises(ValueError, match="chữ ký không khớp"):
        trust.import_key_file(db, tmp_path / "sua.dtikhoa")


def test_the_office_re_pins_explicitly_with_a_reason(office, kim_son, tmp_path):
    db, store = office
    district.import_packages(db, store, [kim_son.export(tmp_path / "usb").path])
    unit_id = trust.find_unit(db, "UBND phường Kim Sơn")
    new = UnitDb(tmp_path / "may-moi", "UBND phường Kim Sơn")  # the old computer died: no hand-over possible
    new.record("6", {0: "70"}, period=APRIL)
    sent = new.export(tmp_path / "usb2", APRIL).path
    before = dump(db)
    with pytest.raises(ValueError, match="Cần ghi lý do"):
        trust.repin(db, unit_id, "  ", sent)
    assert dump(db) == before
    message = trust.repin(db, unit_id, "Máy cũ hỏng ổ cứng; đã gọi điện đối chiếu mã", sent)
    assert "Đã ghim lại khóa của UBND phường Kim Sơn" in message and "Máy cũ hỏng" in message
    assert key_store.unit_key(db, unit_id).public_key == sender_key(new.path.parent).public_key
    assert district.import_packages(db, store, [sent])[0].accepted
    line = trust.history_lines(db)[0]
    assert "Ghim lại khóa — UBND phường Kim Sơn" in line and "lý do: Máy cũ hỏng ổ cứng" in line
    assert "Đã bỏ khóa đã ghi nhận của UBND phường Kim Sơn" in trust.repin(db, unit_id, "đơn vị cài lại máy")
    assert key_store.unit_key(db, unit_id) is None
    new.db.close()


def test_merging_a_renamed_unit_carries_its_key(office, tmp_path):
    from dataclasses import replace

    db, store = office
    unit = UnitDb(tmp_path / "unit", "UBND phường Mạo Khe")
    unit.record("6", {0: "95"})
    r1 = unit.export(tmp_path / "usb").path
    unit.ctx = workspace.update_settings(unit.db, replace(unit.ctx.settings, unit_name="UBND phường Mạo Khê"))
    unit.record("6", {0: "96"}, period=APRIL)
    r2 = unit.export(tmp_path / "usb", APRIL).path
    first, second = district.import_packages(db, store, [r1, r2])
    assert second.accepted and "được ký bằng khóa của máy đơn vị UBND phường Mạo Khe" in second.message
    old, kept = trust.find_unit(db, "UBND phường Mạo Khe"), trust.find_unit(db, "UBND phường Mạo Khê")
    assert key_store.unit_key(db, kept) is None
    district.merge_units(db, old, kept)
    assert key_store.unit_key(db, kept).public_key == sender_key(unit.path.parent).public_key
    unit.db.close()


def test_the_key_is_in_every_backup_and_comes_back_with_a_restore(kim_son):
    from dti_desktop.services import backups

    folder = kim_son.path.parent
    key = trust.own_key(kim_son.db)
    made = backups.create_backup(kim_son.path)
    assert sender_key(made.folder) == key
    (folder / "khoa-ky.json").unlink()
    other = trust.own_key(kim_son.db)  # a new key made meanwhile (a fresh installation)
    assert other != key
    backups.restore_backup(kim_son.path, made.name)
    assert trust.own_key(kim_son.db) == key
    [aside] = folder.glob("khoa-ky.json.thay-*")  # the other one kept, never lost
    assert sender_key(folder) == key and aside.read_text(encoding="utf-8").count(other.seed) == 1


def test_the_offices_catalogue_workbook_is_signed_and_checked_by_units(office, kim_son, tmp_path):
    from dti_desktop.services import catalogues

    db, _ = office
    workbook = tmp_path / "danh-muc.xlsx"
    catalogues.export_to_workbook(db, workbook)
    office_fp = trust.own_key(db).fingerprint
    first = trust.check_file(kim_son.db, workbook)
    assert not first.warning and f"Đã kiểm chữ ký của Phòng Văn hóa và Thông tin (mã nhận dạng {office_fp})" in first.message
    catalogues.import_workbook(kim_son.db, workbook)  # pinned when the file is taken
    assert [k.name for k in key_store.office_keys(kim_son.db)] == ["Phòng Văn hóa và Thông tin"]
    again = trust.check_file(kim_son.db, workbook)
    assert not again.first and again.message == f"Đã kiểm chữ ký của Phòng Văn hóa và Thông tin (mã nhận dạng {office_fp})."
    impostor = UnitDb(tmp_path / "gia", "Phòng Văn hóa và Thông tin")  # another computer claiming the office's name
    fake = tmp_path / "gia" / "danh-muc.xlsx"
    catalogues.export_to_workbook(impostor.db, fake)
    assert trust.check_file(kim_son.db, fake).warning and "khác khóa đã ghi nhận" in trust.check_file(kim_son.db, fake).message
    workbook.write_bytes(workbook.read_bytes() + b"\0")
    edited = trust.check_file(kim_son.db, workbook)
    assert edited.warning and "đã bị sửa sau khi ký" in edited.message
    impostor.db.close()
