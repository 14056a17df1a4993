"""Every bad package is refused with a clear message; the office database and disk stay untouched."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from dti_desktop.services import district
from tests.conftest import dump
from tests.unit_db import AREA, UnitDb


@pytest.fixture
def good(tmp_path) -> Path:
    unit = UnitDb(tmp_path / "unit", "UBND phường Mạo Khê")
    evidence = tmp_path / "anh.jpg"
    evidence.write_bytes(b"\xff\xd8 anh minh chung")
    unit.record("6", {0: "92"}, files=[evidence])
    path = unit.export(tmp_path / "usb").path
    unit.db.close()  # not left to the garbage collector: closing removes its -wal file mid-test
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def rebuild(path: Path, out: Path, content: dict[str, bytes], fix_manifest=True, infos=None) -> Path:
    """Write a zip with `content`; the manifest's hashes are recomputed unless told not to."""
    content = dict(content)
    if fix_manifest and "manifest.json" in content:
        signature = content.pop("signature.json", None)
        manifest = json.loads(content["manifest.json"])
        manifest["members"] = {n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)}
                               for n, b in content.items() if n != "manifest.json"}
        content["manifest.json"] = json.dumps(manifest).encode()
        if signature is not None:  # signed again by the sender's own key, as a unit editing its own package would
            from dti_desktop.io.signature import package_signature
            from tests.reliability.hostile_packages import key_that_signed

            content["signature.json"] = package_signature(key_that_signed(signature, path.parent.parent),
                                                          content["manifest.json"])
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in content.items():
            z.writestr(infos.get(name, name) if infos else name, data)
    return out


def edit_manifest(content: dict[str, bytes], **changes) -> dict[str, bytes]:
    manifest = json.loads(content["manifest.json"])
    for key, value in changes.items():
        if "." in key:
            outer, inner = key.split(".")
            manifest[outer][inner] = value
        else:
            manifest[key] = value
    return {**content, "manifest.json": json.dumps(manifest).encode()}


def snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def refused(office, path: Path, tmp_path: Path) -> str:
    db, store = office
    before_db, before_files = dump(db), snapshot(tmp_path)
    outcome = district.import_one(db, store, path, AREA)
    assert not outcome.accepted, outcome.message
    assert dump(db) == before_db, "a refused package must not change the database"
    assert snapshot(tmp_path) == before_files, "a refused package must not write files"
    assert outcome.message and outcome.file == path
    return outcome.message


def test_good_package_accepted(office, good):
    db, store = office
    assert district.import_one(db, store, good, AREA).accepted


@pytest.mark.parametrize("read_whole", [True, False])
def test_large_packages_are_streamed_with_the_same_verdicts(office, good, tmp_path, monkeypatch, read_whole):
    """Packages over READ_WHOLE_BYTES are read in chunks instead of at once: same hash, same refusals."""
    from dti_desktop.io import package_reader

    if not read_whole:
        monkeypatch.setattr(package_reader, "READ_WHOLE_BYTES", 0)
    assert package_reader.verify_package(good).sha256 == hashlib.sha256(good.read_bytes()).hexdigest()
    content = members(good)
    content["data.json"] = content["data.json"].replace(b'"hoan_thanh"', b'"xong"').replace(b'"dang_trien_khai"',
                                                                                           b'"xong"')
    bad = rebuild(good, tmp_path / "sua.dtipkg", content)
    assert "tình trạng hoặc đánh giá không hợp lệ" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: đơn vị thuộc địa bàn khác", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_other_district(office, good, tmp_path):
    db, store = office
    message = district.import_one(db, store, good, "huyện Ba Chẽ").message
    assert "thuộc địa bàn “thành phố Đông Triều”, không thuộc “huyện Ba Chẽ”" in message


@pytest.mark.reliability("Gói báo cáo: phiên bản định dạng lạ", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_unknown_format_version(office, good, tmp_path):
    bad = rebuild(good, tmp_path / "v9.dtipkg", edit_manifest(members(good), format="dti-package/9"))
    assert "phiên bản định dạng “dti-package/9” không được hỗ trợ" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: thành phần bị sửa (sai SHA-256)", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_member_hash_mismatch(office, good, tmp_path):
    content = members(good)
    data = json.loads(content["data.json"])
    data["entries"][0]["values"][0]["value"] = 100
    content["data.json"] = json.dumps(data).encode()
    bad = rebuild(good, tmp_path / "sua.dtipkg", content, fix_manifest=False)
    assert "data.json không khớp mã kiểm tra SHA-256" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: thiếu thành phần", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_missing_member(office, good, tmp_path):
    content = members(good)
    del content["bao-cao.xlsx"]
    bad = rebuild(good, tmp_path / "thieu.dtipkg", content, fix_manifest=False)
    assert "thiếu thành phần được kê khai: bao-cao.xlsx" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: thành phần không kê khai", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_unlisted_member(office, good, tmp_path):
    content = members(good)
    content["evidence/" + "b" * 64] = b"%PDF"
    bad = rebuild(good, tmp_path / "them.dtipkg", content, fix_manifest=False)
    assert "không được kê khai: evidence/bbbb" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: thiếu tệp minh chứng", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_evidence_referenced_but_absent(office, good, tmp_path):
    content = {n: b for n, b in members(good).items() if not n.startswith("evidence/")}
    bad = rebuild(good, tmp_path / "mc.dtipkg", content)
    assert "thiếu tệp minh chứng “anh.jpg”" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: tệp minh chứng bị thay nội dung, bảng kê khai tính lại cho khớp",
                         "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_evidence_whose_content_is_not_its_name(office, good, tmp_path):
    """Evidence is filed by its SHA-256: other bytes under that name are refused even when the manifest
    was recomputed to match them."""
    content = members(good)
    name = next(n for n in content if n.startswith("evidence/"))
    bad = rebuild(good, tmp_path / "doi.dtipkg", {**content, name: b"\xff\xd8 anh khac"})
    assert "không khớp mã SHA-256 mang trong tên" in refused(office, bad, tmp_path)


@pytest.mark.parametrize("name", ["../../evil.txt", "/etc/cron.d/evil", "evidence/../../x", "C:\\Windows\\x",
                                  "evidence\\..\\x"])
@pytest.mark.reliability("Gói báo cáo: đường dẫn .., tuyệt đối, ổ đĩa, gạch ngược", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_unsafe_paths(office, good, tmp_path, name):
    content = {**members(good), name: b"x"}
    bad = rebuild(good, tmp_path / "path.dtipkg", content)
    assert "đường dẫn không an toàn" in refused(office, bad, tmp_path)
    assert not (tmp_path.parent / "evil.txt").exists()


@pytest.mark.reliability("Gói báo cáo: liên kết (symlink) trong zip", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_symlink_member(office, good, tmp_path):
    info = zipfile.ZipInfo("evidence/" + "a" * 64)
    info.external_attr = 0o120777 << 16
    content = {**members(good), "evidence/" + "a" * 64: b"/etc/passwd"}
    bad = rebuild(good, tmp_path / "link.dtipkg", content, infos={"evidence/" + "a" * 64: info})
    assert "liên kết (symlink)" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: thành phần lạ (tệp chạy được)", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_strange_member_name(office, good, tmp_path):
    bad = rebuild(good, tmp_path / "la.dtipkg", {**members(good), "run.exe": b"MZ"})
    assert "thành phần lạ “run.exe”" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: bom nén (50 MB từ < 1 MB)", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_zip_bomb(office, good, tmp_path):
    content = {**members(good), "bao-cao.pdf": b"\0" * (50 * 1024 * 1024)}  # replaces the real PDF
    bad = rebuild(good, tmp_path / "bom.dtipkg", content)
    assert bad.stat().st_size < 1024 * 1024
    assert "nghi là bom nén" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: hàng nghìn thành phần nhỏ", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_thousands_of_tiny_members(office, good, tmp_path):
    content = dict(members(good))
    for i in range(2100):
        content[f"evidence/{i:064x}"] = b""
    bad = rebuild(good, tmp_path / "nhieu.dtipkg", content)
    assert "quá nhiều thành phần" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: tệp bị cắt cụt", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_truncated(office, good, tmp_path):
    bad = tmp_path / "cut.dtipkg"
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) * 2 // 3])
    assert "bị cắt cụt" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: không phải zip", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_not_a_zip(office, tmp_path):
    bad = tmp_path / "bao-cao.dtipkg"
    bad.write_text("Kính gửi Phòng VH&TT", encoding="utf-8")
    assert "không phải gói báo cáo hợp lệ" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: tệp 0 byte", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_empty_file(office, tmp_path):
    bad = tmp_path / "rong.dtipkg"
    bad.write_bytes(b"")
    assert "tệp rỗng" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: danh mục khác", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_catalogue_mismatch(office, good, tmp_path):
    bad = rebuild(good, tmp_path / "dm.dtipkg", edit_manifest(members(good), **{"catalogue.identity": "0" * 64}))
    assert "khác với danh mục cơ quan tổng hợp" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: kế hoạch không có", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_unknown_plan(office, good, tmp_path):
    bad = rebuild(good, tmp_path / "kh.dtipkg", edit_manifest(members(good), **{"catalogue.plan_number": "99/KH-UBND"}))
    assert "chưa có kế hoạch 99/KH-UBND" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: kỳ ngoài năm kế hoạch", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_period_outside_plan_year(office, good, tmp_path):
    bad = rebuild(good, tmp_path / "ky.dtipkg", edit_manifest(members(good), period="2024-03"))
    assert "không thuộc năm 2025" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: kỳ sai dạng", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_malformed_period(office, good, tmp_path):
    bad = rebuild(good, tmp_path / "ky2.dtipkg", edit_manifest(members(good), period="tháng 3"))
    assert "không đúng dạng YYYY-MM" in refused(office, bad, tmp_path)


@pytest.mark.parametrize("period", ["2025-03 ", " 2025-03", "2025-\u0660\u0663", "２０２５-03"])
@pytest.mark.reliability("Gói báo cáo: kỳ gần đúng dạng (khoảng trắng, chữ số lạ)",
                         "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_a_period_almost_in_form_is_refused_not_stored_as_sent(office, good, tmp_path, period):
    """"2025-03 " was accepted, stored as sent, never shown on the board, and let a second r1 of March in."""
    bad = rebuild(good, tmp_path / "ky3.dtipkg", edit_manifest(members(good), period=period))
    assert "không đúng dạng YYYY-MM" in refused(office, bad, tmp_path)


@pytest.mark.parametrize("position", [10**9, -1, 50])
@pytest.mark.reliability("Gói báo cáo: vị trí thước đo khổng lồ hoặc âm",
                         "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_a_measure_position_out_of_range_is_refused(office, good, tmp_path, position):
    """A position of 10**9 was accepted; every later view of the target built a list that long (MemoryError)."""
    content = members(good)
    data = json.loads(content["data.json"])
    entry = next(e for e in data["entries"] if e["values"])
    entry["values"][0]["position"] = position
    content["data.json"] = json.dumps(data).encode()
    bad = rebuild(good, tmp_path / "vitri.dtipkg", content)
    assert "vị trí thước đo" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: JSON sai kiểu", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_bad_json_types(office, good, tmp_path):
    content = members(good)
    data = json.loads(content["data.json"])
    data["entries"][0]["status"] = "xong"
    content["data.json"] = json.dumps(data).encode()
    bad = rebuild(good, tmp_path / "kieu.dtipkg", content)
    assert "tình trạng hoặc đánh giá không hợp lệ" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: chỉ tiêu không có trong danh mục", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_unknown_target_code(office, good, tmp_path):
    content = members(good)
    data = json.loads(content["data.json"])
    data["entries"][0]["code"] = "99"
    content["data.json"] = json.dumps(data).encode()
    bad = rebuild(good, tmp_path / "ma.dtipkg", content)
    assert "chỉ tiêu không có trong danh mục: 99" in refused(office, bad, tmp_path)


@pytest.mark.reliability("Gói báo cáo: chữ bắt đầu bằng = trong dữ liệu", "Ghi vào Excel tổng hợp dưới dạng chữ, không thành công thức")
def test_formula_text_from_package_stays_text(office, good, tmp_path):
    from openpyxl import load_workbook

    db, store = office
    content = members(good)
    data = json.loads(content["data.json"])
    data["entries"][0]["evidence_notes"] = '=HYPERLINK("http://x","bấm")'
    content["data.json"] = json.dumps(data).encode()
    pkg = rebuild(good, tmp_path / "ct.dtipkg", content)
    assert district.import_one(db, store, pkg, AREA).accepted
    from dti_desktop.domain.periods import Period
    from dti_desktop.services import workspace

    out = district.export_consolidated(db, workspace.context(db).plan.id, Period(2025, 3), tmp_path / "th.xlsx")
    cells = [c for row in load_workbook(out)["Chi tiết"].iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_cli_verify_reports_and_refuses(good, tmp_path):
    import subprocess
    import sys

    from tests.helpers import ROOT

    ok = subprocess.run([sys.executable, str(ROOT / "main.py"), "package", "verify", str(good)],
                        capture_output=True, text=True, encoding="utf-8")
    assert ok.returncode == 0 and "Gói hợp lệ" in ok.stdout and "UBND phường Mạo Khê" in ok.stdout
    bad = tmp_path / "x.dtipkg"
    bad.write_bytes(b"PK\x03\x04 garbage")
    no = subprocess.run([sys.executable, str(ROOT / "main.py"), "package", "verify", str(bad)],
                        capture_output=True, text=True, encoding="utf-8")
    assert no.returncode == 1 and no.stderr.startswith("Gói bị từ chối: x.dtipkg:") and "Traceback" not in no.stderr


@pytest.mark.parametrize("changes, expected", [
    ({"created_at": "10/03/2025"}, "“created_at” không phải ngày giờ hợp lệ"),
    ({"unit": "\u0000UBND phường Mạo Khê"}, "“unit” chứa ký tự điều khiển"),
    ({"officer": "Cán bộ\nthứ hai"}, "“officer” chứa ký tự điều khiển"),
])
@pytest.mark.reliability("Gói báo cáo: ngày giờ sai dạng, ký tự điều khiển trong tên", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_manifest_text_that_would_break_the_office_later(office, good, tmp_path, changes, expected):
    """Accepted, these stopped the office's board for good (a date it cannot read) or the whole batch (a NUL)."""
    bad = rebuild(good, tmp_path / "la.dtipkg", edit_manifest(members(good), **changes))
    assert expected in refused(office, bad, tmp_path)


@pytest.mark.parametrize("raw, expected", [
    ('"Văn bản \\ud800 số 1"', "chứa ký tự điều khiển hoặc ký tự Unicode hỏng"),  # half a surrogate pair
    ('"Văn bản\\u0000"', "chứa ký tự điều khiển"),
    ("1" * 5000, "không phải JSON hợp lệ (ValueError)"),  # more digits than Python converts
    ("[" * 5000 + "]" * 5000, "không phải JSON hợp lệ (RecursionError)"),
])
@pytest.mark.reliability("Gói báo cáo: JSON hợp lệ nhưng không lưu được (nửa cặp surrogate, NUL, số quá dài, lồng quá sâu)", "Từ chối với lý do tiếng Việt; CSDL và ổ đĩa không đổi")
def test_json_that_parses_but_cannot_be_stored(office, good, tmp_path, raw, expected):
    content = members(good)
    data = json.loads(content["data.json"])
    data["entries"][0]["evidence_notes"] = "@@THAY@@"
    content["data.json"] = json.dumps(data, ensure_ascii=False).replace('"@@THAY@@"', raw).encode()
    bad = rebuild(good, tmp_path / "la.dtipkg", content)
    assert expected in refused(office, bad, tmp_path)


def test_a_refused_package_does_not_stop_the_others_in_its_batch(office, good, tmp_path):
    db, store = office
    content = members(good)
    bad = rebuild(good, tmp_path / "usb" / "zz.dtipkg", edit_manifest(content, unit="\u0000x"))
    outcomes = district.import_packages(db, store, [good, bad])
    assert [o.accepted for o in outcomes] == [True, False]


def _index_only_zip(path: Path, entries: int, announce_zip64: bool = True) -> Path:
    """A zip whose index lists `entries` copies of one tiny member (zip64 end records past 65 535; with
    `announce_zip64` False the plain end record claims one entry, which zipfile ignores for the zip64 one)."""
    import struct

    name = b"a"
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
    entry = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0, 0, 0,
                        0) + name
    with open(path, "wb") as f:
        f.write(local)
        f.write(entry * entries)
        size = entries * len(entry)
        if entries < 0xFFFF:
            f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, entries, entries, size, len(local), 0))
        else:
            at = f.tell()
            f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, entries, entries, size, len(local)))
            f.write(struct.pack("<IIQI", 0x07064B50, 0, at, 1))
            if announce_zip64:
                f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))
            else:
                f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, 46, len(local), 0))
    return path


@pytest.mark.parametrize("entries, announce", [(3000, True), (200_000, True), (200_000, False)])
@pytest.mark.reliability("Gói báo cáo: chỉ mục zip liệt kê hàng trăm nghìn thành phần (kể cả zip64)", "Từ chối trước khi đọc chỉ mục vào bộ nhớ")
def test_a_huge_zip_index_is_refused_before_it_is_read(office, tmp_path, entries, announce, monkeypatch):
    """A 291 MB package can list 6,5 million members: zipfile read them all (2,3 GB) before the count was checked.
    The count now comes from the zip's end record, so zipfile is never asked to read such an index."""
    import zipfile as zf

    bad = _index_only_zip(tmp_path / "chi-muc.dtipkg", entries, announce)
    monkeypatch.setattr(zf, "ZipFile", lambda *a, **k: pytest.fail("the index was read"))
    assert f"quá nhiều thành phần ({entries}, tối đa 2000)" in refused(office, bad, tmp_path)


def test_notes_with_words_line_breaks_are_accepted(office, tmp_path):
    """Text pasted from Word keeps its manual line break (\\v) or page break (\\f): harmless, and the unit's
    month is already locked when the office reads it."""
    unit = UnitDb(tmp_path / "unit", "UBND phường Mạo Khê")
    unit.record("6", {0: "92"}, notes="Dòng một\vdòng hai\fhết")
    path = unit.export(tmp_path / "usb").path
    unit.db.close()
    db, store = office
    assert district.import_one(db, store, path, AREA).accepted
