"""The services the command line's handlers call (issue 21): units found by the names officers type, a unit added
with its targets, the backup after an export (a warning, never a failed export) and what a restore kept."""

from __future__ import annotations

import pytest

from dti_desktop.domain.errors import BadInput
from dti_desktop.domain.units import UnitKind
from dti_desktop.services import backups, units
from dti_desktop.storage.errors import StorageError


def test_a_unit_the_office_adds_is_of_its_area_given_its_targets_and_expected(office):
    db, _ = office
    added = units.add_expected(db, "UBND xã Bình Khê", None, None, 2025)
    assert added.unit.kind is UnitKind.XA and added.unit.district == units.own_unit(db).district
    assert added.count > 0 and added.plan.plan.year == 2025 and added.ctx is None
    assert units.find_by_name(db, "ubnd xã bình khê") == added.unit.id  # case ignored, tones kept (name_key)
    assert "UBND xã Bình Khê" in [u.name for u in units.listing(db).units]


def test_unknown_and_ambiguous_names_are_told_in_vietnamese(office):
    db, _ = office
    with pytest.raises(BadInput, match="Không có đơn vị “xã Không Có”"):
        units.find_by_name(db, "xã Không Có")
    units.add_expected(db, "UBND xã Yên Đức", UnitKind.XA, "huyện Kim Sơn", 2025)
    units.add_expected(db, "UBND xã Yên Đức", UnitKind.XA, "huyện Đông Hưng", 2025)
    with pytest.raises(BadInput, match="Có 2 đơn vị tên"):
        units.find_by_name(db, "UBND xã Yên Đức")
    with pytest.raises(BadInput, match="Không có tên đã gộp"):
        units.find_merged_name(db, "UBND xã Yên Đức")


def test_names_merged_and_unmerged_by_what_the_officer_types(office):
    db, _ = office
    units.add_expected(db, "UBND xã Hòa An", UnitKind.XA, None, 2025)
    units.add_expected(db, "UBND xã Hòa Ân", UnitKind.XA, None, 2025)
    assert units.merge_by_names(db, "UBND xã Hòa An", "UBND xã Hòa Ân").startswith("Đã gộp “UBND xã Hòa An”")
    assert units.listing(db).merged == [("UBND xã Hòa An", "UBND xã Hòa Ân")]
    assert units.unmerge_by_name(db, "UBND xã Hòa An").startswith("Đã tách")
    assert units.listing(db).merged == []


def test_the_own_unit_is_set_up_once(mao_khe):
    with pytest.raises(BadInput, match="đã thiết lập cho “UBND phường Mạo Khê”.*dti-cli settings set"):
        units.set_up_own(mao_khe.db, "UBND phường Mới", UnitKind.PHUONG, {}, None, "dti-cli")


def test_the_backup_after_an_export_is_made_or_its_failure_is_a_warning(mao_khe, monkeypatch):
    made = backups.backup_after_export(mao_khe.path)
    assert made.backup is not None and made.problem == "" and made.warning() == ""
    assert backups.backup_after_export(mao_khe.path).backup is None  # nothing changed since: none made again

    def full(*args, **kwargs):
        raise StorageError("ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại")

    monkeypatch.setattr(backups, "start_backup", full)
    failed = backups.backup_after_export(mao_khe.path)
    assert failed.backup is None
    assert failed.warning() == "Gói đã ghi nhưng chưa sao lưu được: ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại"


def test_a_restore_names_the_safety_backup_or_the_damaged_copies_it_kept(mao_khe):
    made = backups.create_backup(mao_khe.path)
    whole = backups.restore(mao_khe.path, made.name)
    assert whole.damaged_copies == () and whole.text().endswith(f"được giữ ở bản {whole.safety.name}.")
    mao_khe.db.close()
    mao_khe.path.unlink()  # its -wal left behind, holding the latest changes
    mao_khe.path.with_name("dti.sqlite3-wal").write_bytes(b"WAL " * 100)
    damaged = backups.restore(mao_khe.path, made.name)
    assert damaged.safety is None and [p.name[-4:] for p in damaged.damaged_copies] == ["-wal"]
    assert all(p.is_file() for p in damaged.damaged_copies)
    assert damaged.text() == (f"Đã khôi phục từ {made.name}. Một bản của dữ liệu hỏng được giữ cạnh tệp dữ liệu: "
                              f"{damaged.damaged_copies[0].name}.")
