"""The office answers by file (issue 23): accepted, or returned with comments; the unit takes the answer in."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from dti_desktop.domain.progress import Status
from dti_desktop.services import answer_intake, answers, district, locks, trust, workspace
from dti_desktop.storage import submission_store
from dti_desktop.storage.errors import ConflictError
from tests.conftest import dump
from tests.unit_db import MARCH

NOW = datetime(2025, 3, 22, 9, 0, tzinfo=timezone.utc)


def pin_office(office_db, unit, tmp_path) -> None:
    """The unit pins the office's key from its enrolment file (as at set-up)."""
    enrol, _ = trust.export_enrolment(office_db, tmp_path / "co-quan.dtikhoa")
    trust.import_office_key(unit.db, enrol)


def received(office_db, store, unit, tmp_path, folder="usb"):
    outcome = district.import_packages(office_db, store, [unit.export(tmp_path / folder).path])[0]
    assert outcome.accepted, outcome.message
    return outcome


def row_of(office_db, name):
    plan_id = workspace.context(office_db).plan.id
    return next(r for r in answers.month_rows(office_db, plan_id, MARCH) if r.unit == name)


def test_round_trip_return_fix_resend_accept(office, mao_khe, tmp_path):
    db, store = office
    pin_office(db, mao_khe, tmp_path)
    received(db, store, mao_khe, tmp_path)
    assert row_of(db, "UBND phường Mạo Khê").state == answers.WAITING
    returned = answers.answer_unit(db, "UBND phường Mạo Khê", MARCH, answers.RETURNED, "Số liệu chưa khớp",
                                   {"6": "Đề nghị bổ sung minh chứng", "9": "Số liệu không khớp với tháng trước"},
                                   tmp_path / "tra-loi", NOW)
    assert returned.path.name == "UBND-phuong-Mao-Khe_2025-03_r1.dtitraloi"
    row = row_of(db, "UBND phường Mạo Khê")
    assert (row.state, row.text()) == (answers.RETURNED, "Đã trả lại r1 ngày 22/03/2025")

    intake = answer_intake.import_answer(mao_khe.db, returned.path)
    assert "Lý do: Số liệu chưa khớp" in intake.message and "lần gửi sau là r2" in intake.message
    latest = submission_store.latest_submission(mao_khe.db, mao_khe.ctx.unit.id, mao_khe.ctx.plan.id, MARCH.key)
    assert not latest.locked and "trả lại lần gửi r1: Số liệu chưa khớp" in latest.reopen_reason
    shown = answer_intake.month_answer(mao_khe.db, mao_khe.ctx, MARCH)
    assert shown.comments == {"6": "Đề nghị bổ sung minh chứng", "9": "Số liệu không khớp với tháng trước"}
    assert "Chỉ tiêu cần sửa (xếp lên đầu bảng): 6, 9." in shown.text

    mao_khe.record("9", {0: "100", 1: "48/50"})
    resent = mao_khe.export(tmp_path / "usb2")
    assert resent.revision == 2
    district.import_packages(db, store, [resent.path])
    assert row_of(db, "UBND phường Mạo Khê").state == answers.RESENT
    accepted, again = answers.accept_all(db, MARCH, tmp_path / "lo", now=NOW)
    assert [w.revision for w in accepted] == [2] and again == []
    assert row_of(db, "UBND phường Mạo Khê").text() == "Đã tiếp nhận r2 ngày 22/03/2025"

    intake = answer_intake.import_answer(mao_khe.db, accepted[0].path)
    assert intake.message == ("Tháng 03/2025 (lần gửi r2) đã được Phòng Văn hóa và Thông tin tiếp nhận ngày "
                              "22/03/2025.")
    assert answer_intake.month_answer(mao_khe.db, mao_khe.ctx, MARCH).text.startswith(
        "Đã được tiếp nhận ngày 22/03/2025")
    assert locks.lock_state(mao_khe.db, mao_khe.ctx, MARCH).locked
    history = row_of(db, "UBND phường Mạo Khê").history
    assert any("Trả lại r1: Số liệu chưa khớp (tệp UBND-phuong-Mao-Khe_2025-03_r1.dtitraloi" in line for line in history)
    assert any("chỉ tiêu 6: Đề nghị bổ sung minh chứng" in line for line in history)


def test_accepted_only_setting_counts_accepted_packages(office, mao_khe, kim_son, tmp_path):
    db, store = office
    received(db, store, mao_khe, tmp_path)
    received(db, store, kim_son, tmp_path, "usb-ks")
    plan_id = workspace.context(db).plan.id

    def reporting():
        return {name for t in district.consolidated(db, plan_id, MARCH) for name, line in t.lines if line.entry}

    assert reporting() == {"UBND phường Mạo Khê", "UBND phường Kim Sơn"}
    answers.set_accepted_only(db, True)
    assert reporting() == set()
    answers.answer_unit(db, "UBND phường Kim Sơn", MARCH, answers.ACCEPTED, "", {}, tmp_path / "a", NOW)
    assert reporting() == {"UBND phường Kim Sơn"}
    answers.set_accepted_only(db, False)
    assert reporting() == {"UBND phường Mạo Khê", "UBND phường Kim Sơn"}


def test_a_return_needs_a_reason_and_known_targets(office, mao_khe, tmp_path):
    db, store = office
    received(db, store, mao_khe, tmp_path)
    before = dump(db)
    with pytest.raises(ConflictError, match="phải ghi lý do"):
        answers.answer_unit(db, "UBND phường Mạo Khê", MARCH, answers.RETURNED, " ", {}, tmp_path / "a", NOW)
    with pytest.raises(ConflictError, match="Chỉ tiêu 99 không có"):
        answers.answer_unit(db, "UBND phường Mạo Khê", MARCH, answers.RETURNED, "Sai", {"99": "x"}, tmp_path / "a",
                            NOW)
    assert dump(db) == before and not (tmp_path / "a").exists()


def test_answer_file_is_signed_json_with_its_own_domain(office, mao_khe, tmp_path):
    from dti_desktop.io.signature import ANSWER_DOMAIN, FILE_DOMAIN, PACKAGE_DOMAIN, STATEMENT_DOMAIN

    db, store = office
    received(db, store, mao_khe, tmp_path)
    written = answers.answer_unit(db, "UBND phường Mạo Khê", MARCH, answers.ACCEPTED, "", {}, tmp_path / "a", NOW)
    obj = json.loads(written.path.read_text(encoding="utf-8"))
    assert obj["format"] == "dti-answer/1" and obj["state"] == "tiep_nhan" and obj["revision"] == 1
    assert obj["office_public_key"] == trust.own_key(db).public_key and len(obj["package_sha256"]) == 64
    assert len({ANSWER_DOMAIN, FILE_DOMAIN, PACKAGE_DOMAIN, STATEMENT_DOMAIN}) == 4
