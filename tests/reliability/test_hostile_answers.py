"""Hostile answer files (hostile_answers.py): each is refused with a clear message, and the unit's data is unchanged."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from dti_desktop.services import answer_intake, answers, district
from dti_desktop.storage.errors import ConflictError
from tests.conftest import dump
from tests.reliability.hostile_answers import VARIANTS, edited, fields, write
from tests.reliability.hostile_packages import fresh_key, sender_key
from tests.services.test_answers import pin_office
from tests.unit_db import MARCH

NOW = datetime(2025, 3, 22, 9, 0, tzinfo=timezone.utc)
MAO_KHE, KIM_SON = "UBND phường Mạo Khê", "UBND phường Kim Sơn"


@pytest.fixture
def scene(office, mao_khe, kim_son, tmp_path):
    """Both wards sent March and pinned the office; the office returned Mạo Khê's r1 and accepted Kim Sơn's."""
    db, store = office
    for unit in (mao_khe, kim_son):
        pin_office(db, unit, tmp_path)
        assert district.import_packages(db, store, [unit.export(tmp_path / unit.path.parent.name).path])[0].accepted
    mk = answers.answer_unit(db, MAO_KHE, MARCH, answers.RETURNED, "Bổ sung", {"6": "Thiếu minh chứng"},
                             tmp_path / "tra-loi", NOW).path
    ks = answers.answer_unit(db, KIM_SON, MARCH, answers.ACCEPTED, "", {}, tmp_path / "tra-loi", NOW).path
    return db, mk, ks


def refused(unit, path, words: str) -> None:
    before = dump(unit.db)
    with pytest.raises(ConflictError) as caught:
        answer_intake.import_answer(unit.db, path)
    message = str(caught.value)
    assert words in message and "hông thay đổi gì" in message, message
    assert dump(unit.db) == before


@pytest.mark.reliability("Tệp trả lời bị sửa sau khi cơ quan ký (trạng thái, đơn vị, lần gửi, ngày, nhận xét)",
                         "Từ chối “chữ ký của tệp trả lời không hợp lệ”; dữ liệu đơn vị không đổi")
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_forged_answer_is_refused(scene, mao_khe, tmp_path, variant):
    _, mk, _ = scene
    forged = write(tmp_path / f"{variant}.dtitraloi", VARIANTS[variant](fields(mk)))
    refused(mao_khe, forged, "chữ ký của tệp trả lời không hợp lệ")


@pytest.mark.reliability("Tệp trả lời ký lại bằng khóa khác mang tên cơ quan tổng hợp",
                         "Từ chối: khóa khác khóa đã ghi nhận của cơ quan; dữ liệu đơn vị không đổi")
def test_an_answer_signed_by_another_key_under_the_offices_name_is_refused(scene, mao_khe, tmp_path):
    _, mk, _ = scene
    refused(mao_khe, write(tmp_path / "x.dtitraloi", edited(fields(mk), state="tiep_nhan", note="", comments=[]),
                           fresh_key()), "khác khóa đã ghi nhận của Phòng Văn hóa và Thông tin")


@pytest.mark.reliability("Tệp trả lời của cơ quan khác (tên khác, khóa riêng)",
                         "Từ chối: không phải cơ quan tổng hợp đã ghi nhận khóa; dữ liệu đơn vị không đổi")
def test_an_answer_from_another_office_is_refused(scene, mao_khe, tmp_path):
    _, mk, _ = scene
    other = edited(fields(mk), office="Sở Văn hóa, Thể thao và Du lịch", state="tiep_nhan", note="", comments=[])
    refused(mao_khe, write(tmp_path / "x.dtitraloi", other, fresh_key()), "không phải cơ quan tổng hợp đã ghi nhận")


@pytest.mark.reliability("Tệp trả lời của đơn vị khác (thật, do cơ quan ký) nhập ở đơn vị này",
                         "Từ chối: tệp trả lời cho đơn vị khác; dữ liệu đơn vị không đổi")
def test_another_units_answer_is_refused(scene, mao_khe):
    _, _, ks = scene
    refused(mao_khe, ks, f"là tệp trả lời cho đơn vị “{KIM_SON}”")


@pytest.mark.reliability("Tệp trả lời cũ phát lại (trả lời r1 sau khi đơn vị đã gửi r2)",
                         "Từ chối: tệp trả lời đã cũ; dữ liệu đơn vị không đổi")
def test_a_replayed_old_answer_is_refused(scene, mao_khe, tmp_path):
    db, mk, _ = scene
    answer_intake.import_answer(mao_khe.db, mk)
    refused(mao_khe, mk, "đã được nhập lúc")  # the same file twice
    mao_khe.record("6", {0: "95"})
    mao_khe.export(tmp_path / "usb2")
    again = write(tmp_path / "r1-again.dtitraloi", edited(fields(mk), answered_at="2025-03-23T09:00:00+00:00"),
                  sender_key(tmp_path / "office"))  # even signed by the office: r1 is no longer what the unit sent
    refused(mao_khe, again, "nhưng đơn vị đã gửi lần r2: tệp trả lời đã cũ")


def test_an_older_answer_after_a_newer_one_is_refused(scene, mao_khe, tmp_path):
    db, mk, _ = scene
    office_key = sender_key(tmp_path / "office")
    newer = write(tmp_path / "newer.dtitraloi", edited(fields(mk), answered_at="2025-03-25T09:00:00+00:00"),
                  office_key)
    answer_intake.import_answer(mao_khe.db, newer)
    refused(mao_khe, mk, "đã có câu trả lời mới hơn")


@pytest.mark.reliability("Tệp trả lời cho tháng đơn vị chưa gửi, hoặc cho gói khác gói đã gửi (mã băm)",
                         "Từ chối: đơn vị chưa gửi tháng này / gói khác gói đã gửi; dữ liệu đơn vị không đổi")
@pytest.mark.parametrize("change, words", [
    ({"period": "2025-04"}, "nhưng đơn vị chưa gửi tháng này"),
    ({"revision": 3}, "nhưng đơn vị mới gửi đến lần r1"),
    ({"package_sha256": "0" * 64}, "khác gói đơn vị đã gửi"),
])
def test_an_answer_for_what_was_not_sent_is_refused(scene, mao_khe, tmp_path, change, words):
    _, mk, _ = scene
    refused(mao_khe, write(tmp_path / "x.dtitraloi", edited(fields(mk), **change), sender_key(tmp_path / "office")),
            words)


@pytest.mark.reliability("Tệp trả lời có ký tự điều khiển, tên giả dạng, ngày năm 9999, không phải JSON, quá lớn",
                         "Từ chối, nêu trường sai; dữ liệu đơn vị không đổi")
@pytest.mark.parametrize("change, words", [
    ({"note": "Bổ sung\x00"}, "ký tự điều khiển"),
    ({"unit": "UBND phường Mạo\u200b Khê"}, "U+200B"),
    ({"answered_at": "9999-12-31T00:00:00"}, "ngoài khoảng 2000–2100"),
    ({"comments": [{"code": "6", "text": "x" * 20_001}]}, "dài bất thường"),
])
def test_an_answer_with_bad_fields_is_refused(scene, mao_khe, tmp_path, change, words):
    _, mk, _ = scene
    refused(mao_khe, write(tmp_path / "x.dtitraloi", edited(fields(mk), **change), sender_key(tmp_path / "office")),
            words)


@pytest.mark.parametrize("content, words", [(b"\xff\xfe not json", "không phải JSON"),
                                            (b"{" + b" " * (3 * 1024 * 1024) + b"}", "quá lớn")])
def test_a_file_that_is_no_answer_is_refused(scene, mao_khe, tmp_path, content, words):
    path = tmp_path / "x.dtitraloi"
    path.write_bytes(content)
    refused(mao_khe, path, words)


@pytest.mark.reliability("Tệp trả lời khi đơn vị chưa ghi nhận khóa của cơ quan tổng hợp",
                         "Từ chối, hướng dẫn nhập tệp danh mục có chữ ký hoặc tệp đăng ký khóa của cơ quan trước")
def test_no_office_pinned_refuses_and_says_what_to_do(office, mao_khe, tmp_path):
    db, store = office
    district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path])
    path = answers.answer_unit(db, MAO_KHE, MARCH, answers.ACCEPTED, "", {}, tmp_path / "a", NOW).path
    refused(mao_khe, path, "Chưa ghi nhận khóa của cơ quan tổng hợp")
