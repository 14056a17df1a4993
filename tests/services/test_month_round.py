"""The unit's monthly round against a real database: the whole month copied forward and undone, the checklist, the
status that agrees with the result, the month the window reopens on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dti_desktop.domain.periods import Period
from dti_desktop.domain.progress import Assessment, Status, parse_value
from dti_desktop.services import month_round, packages, workspace
from dti_desktop.services.history import history
from dti_desktop.storage import attachment_store
from dti_desktop.storage.errors import ConflictError
from dti_desktop.storage.submission_store import LockedError
from tests.conftest import dump
from tests.unit_db import UnitDb

APRIL, MAY = Period(2025, 4), Period(2025, 5)


@pytest.fixture
def unit(tmp_path):
    """April recorded for three targets (one with a file and every note), May for one of them already."""
    unit = UnitDb(tmp_path / "mao-khe", "UBND phường Mạo Khê")
    evidence = tmp_path / "Biên bản.pdf"
    evidence.write_bytes(b"%PDF-1.4 bien ban " * 50)
    unit.record("6", {0: "92,5"}, Status.HOAN_THANH, [evidence], "Cổng DVC", period=APRIL,
                difficulties="Thiếu máy quét", causes="Kinh phí", proposals="Cấp thêm máy")
    unit.record("9", {1: "40/50"}, Status.DANG_TRIEN_KHAI, period=APRIL)
    unit.record("13", {0: "64"}, Status.DANG_TRIEN_KHAI, period=APRIL)
    unit.record("13", {0: "70"}, Status.DANG_TRIEN_KHAI, period=MAY)  # edited this month: left alone
    yield unit
    unit.db.close()


def _rows(unit, period=MAY):
    return {r.code: r for r in workspace.rows(unit.db, unit.ctx, period)}


def _stored_files(unit) -> list:
    return sorted(p for p in unit.store.rglob("*") if p.is_file())


def test_copy_month_fills_every_target_without_a_result_with_last_months(unit):
    files_before = _stored_files(unit)
    result = month_round.copy_month(unit.db, unit.ctx, MAY, "Nguyễn Thị Hoa")
    assert result.copied == ("6", "9") and result.kept == ("13",) and len(result.missing) == 24
    assert result.files == 1
    assert result.summary().startswith("Đã chép 2 chỉ tiêu từ tháng 04/2025 sang tháng 05/2025 (kèm 1 tệp minh "
                                       "chứng). Giữ nguyên 1 chỉ tiêu đã có kết quả tháng này: 13. Tháng 04/2025 "
                                       "chưa có kết quả của 24 chỉ tiêu: 1, 2, 3")
    rows, april = _rows(unit), _rows(unit, APRIL)
    six = rows["6"].entry
    assert (six.status, six.values[0].value, six.evidence_notes, six.difficulties, six.causes, six.proposals) == (
        Status.HOAN_THANH, 92.5, "Cổng DVC", "Thiếu máy quét", "Kinh phí", "Cấp thêm máy")
    assert six.assessment is Assessment.DAT and rows["6"].evidence_count == 1
    assert rows["13"].entry.values[0].value == 70  # the month's own result stays
    # the file by reference: the same stored content, nothing new on disk
    copied = attachment_store.list_attachments(unit.db, six.id)
    original = attachment_store.list_attachments(unit.db, april["6"].entry.id)
    assert [(a.sha256, a.original_name) for a in copied] == [(a.sha256, a.original_name) for a in original]
    assert _stored_files(unit) == files_before
    told = [(h.what, h.new) for h in history(unit.db, six.id, rows["6"].measures)]
    assert ("Chép cả tháng trước", "Chép từ tháng 04/2025") in told and ("Tình trạng", "Hoàn thành") in told
    assert ("Tệp minh chứng", "Biên bản.pdf") in told


def test_copy_month_twice_copies_nothing_more(unit):
    month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa")
    again = month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa")
    assert again.copied == () and again.summary().startswith("Không có chỉ tiêu nào để chép từ tháng 04/2025.")


def test_copy_month_is_one_transaction(unit, monkeypatch):
    before = dump(unit.db)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        raise OSError("ổ đĩa đầy")

    monkeypatch.setattr(attachment_store, "record_attachment", failing)
    with pytest.raises(OSError):
        month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa")
    assert calls and dump(unit.db) == before


def test_a_status_that_contradicted_its_result_is_copied_as_the_result_calls_for(unit):
    row = _rows(unit, APRIL)["9"]
    unit.db.execute("UPDATE progress_entry SET status = 'chua_trien_khai' WHERE id = ?", [row.entry.id])  # older data
    result = month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa")
    assert result.adjusted == ("9",) and "Đổi tình trạng cho khớp với kết quả: 9." in result.summary()
    assert _rows(unit)["9"].entry.status is Status.DANG_TRIEN_KHAI


def test_undo_copy_takes_the_whole_copy_back_in_one_action_and_keeps_the_history(unit, tmp_path):
    month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa")
    copied_id = _rows(unit)["6"].entry.id
    history_rows = unit.db.execute("SELECT count(*) FROM history").fetchone()[0]
    assert month_round.last_copy(unit.db, unit.ctx, MAY) is not None
    undone = month_round.undo_copy(unit.db, unit.ctx, MAY, "Hoa")
    assert undone.cleared == ("6", "9") and undone.kept == ()
    assert undone.summary() == ("Đã hoàn tác việc chép từ tháng 04/2025: 2 chỉ tiêu trở lại chưa có kết quả "
                                "(lịch sử vẫn giữ).")
    rows = _rows(unit)
    assert rows["6"].entry is None and rows["9"].entry is None and rows["6"].evidence_count == 0
    assert rows["13"].entry.values[0].value == 70
    assert unit.db.execute("SELECT count(*) FROM history").fetchone()[0] > history_rows  # added to, never cut
    told = [(h.what, h.old, h.new) for h in history(unit.db, copied_id, rows["6"].measures)]
    assert ("Hoàn tác chép cả tháng", "", "Hoàn tác chép từ tháng 04/2025") in told
    assert ("Tình trạng", "Hoàn thành", "") in told and ("Tệp minh chứng", "Biên bản.pdf", "") in told
    assert month_round.last_copy(unit.db, unit.ctx, MAY) is None
    with pytest.raises(ConflictError, match="không có lần chép cả tháng nào"):
        month_round.undo_copy(unit.db, unit.ctx, MAY, "Hoa")
    # the months counted, the package sent: a target taken back has no result
    assert workspace.monthly(unit.db, unit.ctx)["2025-05"] == {"dang_trien_khai": 1}
    result = packages.export_package(unit.db, unit.store, MAY, tmp_path / "usb")
    assert result.entries == 1 and result.evidence_files == 0


def test_a_target_changed_after_the_copy_stays_when_the_copy_is_undone(unit):
    month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa")
    row = _rows(unit)["9"]
    workspace.save(unit.db, unit.store, replace(row.entry, values={1: parse_value("45/50")}), row.measures, [], "Hoa")
    undone = month_round.undo_copy(unit.db, unit.ctx, MAY, "Hoa")
    assert undone.cleared == ("6",) and undone.kept == ("9",)
    assert "Giữ nguyên 1 chỉ tiêu đã sửa sau khi chép: 9." in undone.summary()
    assert _rows(unit)["9"].entry.values[1].numerator == 45


def test_a_target_taken_back_can_be_given_a_result_again_and_copied_again(unit):
    month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa")
    entry_id = _rows(unit)["6"].entry.id
    month_round.undo_copy(unit.db, unit.ctx, MAY, "Hoa")
    row = _rows(unit)["6"]
    entry = replace(workspace.blank_entry(row, MAY), status=Status.DANG_TRIEN_KHAI, values={0: parse_value("50")})
    saved = workspace.save(unit.db, unit.store, entry, row.measures, [], "Hoa")
    assert saved.id == entry_id and saved.values[0].value == 50  # the same row, its history continued
    assert month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa").copied == ("9",)


def test_a_sent_month_is_neither_copied_into_nor_undone(unit, tmp_path):
    month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa")
    packages.export_package(unit.db, unit.store, MAY, tmp_path / "usb")
    before = dump(unit.db)
    with pytest.raises(LockedError, match="đã gửi"):
        month_round.undo_copy(unit.db, unit.ctx, MAY, "Hoa")
    with pytest.raises(LockedError):
        month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa")
    assert dump(unit.db) == before


def test_january_has_no_month_before_it_in_its_plan(unit):
    with pytest.raises(ConflictError, match="tháng đầu của kế hoạch năm 2025"):
        month_round.copy_month(unit.db, unit.ctx, Period(2025, 1), "Hoa")


def test_check_month_before_sending(unit):
    month_round.copy_month(unit.db, unit.ctx, MAY, "Hoa")
    check = month_round.check_month(unit.db, unit.ctx, MAY, date(2025, 5, 10))
    assert len(check.empty) == 24 and check.contradictions == () and check.done_without_evidence == ()
    assert check.due == date(2025, 5, 15) and check.days_left == 5


def test_saving_a_status_that_contradicts_the_result_is_refused(unit):
    row = _rows(unit)["9"]
    entry = replace(workspace.blank_entry(row, MAY), status=Status.CHUA_TRIEN_KHAI, values={1: parse_value("48/50")})
    before = dump(unit.db)
    with pytest.raises(ValueError, match="Kết quả đạt mục tiêu nhưng tình trạng là “Chưa triển khai”"):
        workspace.save(unit.db, unit.store, entry, row.measures, [], "Hoa")
    assert dump(unit.db) == before


def test_copying_one_target_brings_its_files_by_reference(unit):
    row = _rows(unit)["6"]
    draft = workspace.copy_previous(unit.db, row, MAY)
    carried = workspace.previous_attachments(unit.db, row, MAY)
    assert [a.original_name for a in carried] == ["Biên bản.pdf"]
    files = _stored_files(unit)
    saved = workspace.save(unit.db, unit.store, draft, row.measures, [], "Hoa", carried=tuple(carried))
    assert [a.sha256 for a in attachment_store.list_attachments(unit.db, saved.id)] == [carried[0].sha256]
    assert _stored_files(unit) == files


def test_the_window_reopens_on_the_month_last_used(unit, tmp_path):
    db, ctx = unit.db, unit.ctx
    assert month_round.start_period(db, ctx, date(2026, 3, 1)) is None  # never used: the default applies
    month_round.remember_period(db, ctx.plan.id, MAY)
    assert month_round.start_period(db, ctx, date(2026, 3, 1)) == MAY  # not 12/2025
    packages.export_package(db, unit.store, MAY, tmp_path / "usb")
    assert month_round.start_period(db, ctx, date(2025, 5, 30)) == MAY  # sent, but June has not begun
    assert month_round.start_period(db, ctx, date(2025, 6, 2)) == Period(2025, 6)  # sent: on to the next round


def test_no_printout_says_not_started_and_met(unit):
    """48/50 (96 %, "Đạt") saved "Chưa triển khai" by an older version printed "Chưa triển khai; Đạt"."""
    from dti_desktop.services import reports

    row = _rows(unit, APRIL)["9"]
    workspace.save(unit.db, unit.store, replace(row.entry, values={1: parse_value("48/50")}), row.measures, [], "Hoa")
    unit.db.execute("UPDATE progress_entry SET status = 'chua_trien_khai' WHERE id = ?", [row.entry.id])
    text = " ".join(str(part) for part in reports.build(unit.db, unit.store, "month", APRIL, date(2025, 4, 14)).parts)
    assert "Chưa triển khai; Đạt" not in text and "Hoàn thành; Đạt" in text
