"""The officer's use cases against a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dti_desktop.domain.periods import Period
from dti_desktop.domain.progress import Assessment, MeasureValue, Status
from dti_desktop.domain.settings import Settings
from dti_desktop.domain.units import UnitKind
from dti_desktop.domain.summary import group_shares, status_counts
from dti_desktop.domain.workspace import deadline_info, default_period
from dti_desktop.services import first_run, workspace
from dti_desktop.services.catalogues import export_to_workbook
from dti_desktop.services.history import history
from tests.conftest import dump

SETTINGS = Settings(unit_name="UBND phường Mạo Khê", district="thành phố Đông Triều",
                    officer_name="Nguyễn Thị Hoa", report_day=20)
MARCH = Period(2025, 3)


@pytest.fixture
def ctx(seeded_db):
    return first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(SETTINGS, UnitKind.PHUONG))


def _row(db, ctx, code, period=MARCH):
    return next(r for r in workspace.rows(db, ctx, period) if r.code == code)


def test_first_run_creates_own_unit_and_assignments(seeded_db, ctx):
    assert not workspace.needs_first_run(seeded_db)
    assert ctx.unit.name == "UBND phường Mạo Khê" and ctx.unit.kind is UnitKind.PHUONG
    assert ctx.plan.plan.year == 2025 and ctx.settings.officer_name == "Nguyễn Thị Hoa"
    rows = workspace.rows(seeded_db, ctx, MARCH)
    assert len(rows) == 27 and all(r.entry is None for r in rows)
    assert {r.role for r in rows} == {"coordinating"}


def test_first_run_with_district_workbook(seeded_db, tmp_path):
    path = tmp_path / "danh-muc.xlsx"
    export_to_workbook(seeded_db, path, 2024)
    ctx = first_run.complete_first_run(
        seeded_db, first_run.FirstRunChoice(SETTINGS, UnitKind.PHUONG, catalogue_file=path))
    assert ctx.plan.plan.number == "88/KH-UBND"


def test_first_run_bad_workbook_changes_nothing(seeded_db, tmp_path):
    from dti_desktop.io.workbook_errors import WorkbookError

    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"")
    before = dump(seeded_db)
    with pytest.raises(WorkbookError):
        first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(SETTINGS, UnitKind.PHUONG, catalogue_file=bad))
    assert dump(seeded_db) == before and workspace.needs_first_run(seeded_db)


def test_save_computes_assessment_and_attaches_evidence(seeded_db, ctx, tmp_path):
    row = _row(seeded_db, ctx, "9")  # 100%; 95%
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(b"%PDF minh chung")
    draft = replace(workspace.blank_entry(row, MARCH), status=Status.HOAN_THANH,
                    values={0: MeasureValue(value=100), 1: MeasureValue(numerator=48, denominator=50)})
    saved = workspace.save(seeded_db, tmp_path / "store", draft, row.goal.measures, [evidence], "Hoa")
    assert saved.assessment is Assessment.DAT and saved.officer == "Hoa"
    row = _row(seeded_db, ctx, "9")
    assert row.evidence_count == 1 and row.latest_value() == "100%; 48/50 (96%)"
    whats = [h.what for h in history(seeded_db, saved.id, row.goal.measures)]
    assert "Tệp minh chứng" in whats and "Kết quả (mục tiêu 2: 95%)" in whats and "Tình trạng" in whats


def test_the_history_tells_two_measures_with_the_same_goal_apart(seeded_db, ctx, tmp_path):
    """TT 18: học bạ số 100%, thanh toán học phí 100%: both were "Kết quả (100%)"."""
    row = _row(seeded_db, ctx, "18")
    assert [m.label() for m in row.goal.measures] == ["100%", "100%"]
    draft = replace(workspace.blank_entry(row, MARCH), status=Status.DANG_TRIEN_KHAI,
                    values={0: MeasureValue(value=80), 1: MeasureValue(value=60)})
    saved = workspace.save(seeded_db, tmp_path / "store", draft, row.goal.measures, [], "Hoa")
    whats = [h.what for h in history(seeded_db, saved.id, row.goal.measures)]
    assert {"Kết quả (mục tiêu 1: 100%)", "Kết quả (mục tiêu 2: 100%)"} <= set(whats)


def test_a_ward_is_judged_on_the_wards_figure_and_a_target_without_one_on_its_status(seeded_db, ctx, tmp_path):
    """TT 9 sets 100 % for the city and 95 % for communes and wards; TT 10 has no figure ("-")."""
    row = _row(seeded_db, ctx, "9")
    assert [m.applies for m in row.measures] == [False, True]
    draft = replace(workspace.blank_entry(row, MARCH), status=Status.DANG_TRIEN_KHAI, values={1: MeasureValue(value=97)})
    assert workspace.save(seeded_db, tmp_path / "store", draft, row.measures, [], "Hoa").assessment is Assessment.DAT
    row = _row(seeded_db, ctx, "10")
    draft = replace(workspace.blank_entry(row, MARCH), status=Status.HOAN_THANH, evidence_notes="Đã kết nối")
    assert workspace.save(seeded_db, tmp_path / "store", draft, row.measures, [], "Hoa").assessment is Assessment.DAT
    saved = workspace.save(seeded_db, tmp_path / "store", replace(_row(seeded_db, ctx, "10").entry,
                                                                   status=Status.DANG_TRIEN_KHAI), row.measures, [], "Hoa")
    assert saved.assessment is Assessment.KHONG_DAT


def test_manual_override_kept(seeded_db, ctx, tmp_path):
    row = _row(seeded_db, ctx, "6")  # 90%
    draft = replace(workspace.blank_entry(row, MARCH), values={0: MeasureValue(value=50)}, status=Status.DANG_TRIEN_KHAI,
                    assessment_auto=False, assessment=Assessment.DAT, override_reason="Số liệu tỉnh xác nhận")
    saved = workspace.save(seeded_db, tmp_path, draft, row.goal.measures, [], "Hoa")
    assert saved.assessment is Assessment.DAT and saved.override_reason == "Số liệu tỉnh xác nhận"
    auto = workspace.save(seeded_db, tmp_path, replace(saved, assessment_auto=True), row.goal.measures, [], "Hoa")
    assert auto.assessment is Assessment.KHONG_DAT and auto.override_reason == ""


def test_copy_previous_month(seeded_db, ctx, tmp_path):
    row = _row(seeded_db, ctx, "17", Period(2025, 2))
    feb = replace(workspace.blank_entry(row, Period(2025, 2)), status=Status.DANG_TRIEN_KHAI,
                  values={0: MeasureValue(value=31.5)}, difficulties="Thiếu thiết bị")
    workspace.save(seeded_db, tmp_path, feb, row.goal.measures, [], "Hoa")
    draft = workspace.copy_previous(seeded_db, _row(seeded_db, ctx, "17"), MARCH)
    assert draft.period == "2025-03" and draft.id is None
    assert draft.values[0].value == 31.5 and draft.difficulties == "Thiếu thiết bị"
    assert workspace.copy_previous(seeded_db, _row(seeded_db, ctx, "17", Period(2025, 2)), Period(2025, 2)) is None


def test_viewing_copy_sanitises_name(seeded_db, ctx, tmp_path):
    from dti_desktop.storage.attachment_store import Attachment, import_file

    source = tmp_path / "a.txt"
    source.write_text("x")
    sha, size = import_file(tmp_path / "store", source)
    att = Attachment(1, 1, sha, '../../etc/passwd:"x"', size, "", "")
    path = workspace.viewing_copy(tmp_path / "store", att, tmp_path / "view")
    assert path.parent.parent == tmp_path / "view" and path.read_text() == "x"
    assert "/" not in path.name and ":" not in path.name


def test_update_settings_renames_unit_in_place(seeded_db, ctx):
    new = workspace.update_settings(seeded_db, replace(ctx.settings, unit_name="UBND phường Mạo Khê (mới)"))
    assert new.unit.id == ctx.unit.id and new.unit.name == "UBND phường Mạo Khê (mới)"


def test_deadline_banner_and_overview_counts(seeded_db, ctx, tmp_path):
    row = _row(seeded_db, ctx, "13")  # 80%
    workspace.save(seeded_db, tmp_path, replace(workspace.blank_entry(row, MARCH), status=Status.HOAN_THANH,
                                                values={0: MeasureValue(value=85)}), row.goal.measures, [], "Hoa")
    rows = workspace.rows(seeded_db, ctx, MARCH)
    info = deadline_info(MARCH, workspace.report_day(ctx), date(2025, 3, 18), rows)
    assert info.due == date(2025, 3, 20) and info.days_left == 2 and len(info.missing_codes) == 26
    assert "còn 2 ngày" in info.text() and "26 chỉ tiêu chưa có kết quả" in info.text()
    assert "quá hạn 3 ngày" in deadline_info(MARCH, 20, date(2025, 3, 23), rows).text()
    counts = status_counts(rows)
    assert counts["Hoàn thành"] == 1 and counts["Chưa có kết quả"] == 26
    economy = next(s for s in group_shares(rows) if s.label == "III Kinh tế số")
    assert (economy.achieved, economy.total) == (1, 4)
    assert workspace.monthly(seeded_db, ctx)["2025-03"] == {"hoan_thanh": 1, "dat": 1}


def test_default_period():
    assert default_period(date(2025, 3, 10), 2025) == Period(2025, 3)
    assert default_period(date(2026, 11, 25), 2025) == Period(2025, 12)
    assert default_period(date(2024, 5, 1), 2025) == Period(2025, 1)


def test_renaming_own_unit_to_a_taken_name_is_refused(seeded_db, ctx):
    from dti_desktop.domain.units import Unit
    from dti_desktop.storage.errors import ConflictError
    from dti_desktop.storage.unit_store import add_unit

    add_unit(seeded_db, Unit("UBND phường Kim Sơn", UnitKind.PHUONG, "thành phố Đông Triều"))
    before = dump(seeded_db)
    with pytest.raises(ConflictError, match="Đã có đơn vị “UBND phường Kim Sơn”"):
        workspace.update_settings(seeded_db, replace(ctx.settings, unit_name="UBND phường Kim Sơn"))
    assert dump(seeded_db) == before


def test_the_too_large_message_names_the_file_as_it_is(tmp_path, monkeypatch):
    from dti_desktop.services import workspace

    f = tmp_path / "bien-ban.hop.mp4"
    f.write_bytes(b"x")
    monkeypatch.setattr(workspace, "MAX_ATTACHMENT_BYTES", 0)
    with pytest.raises(ValueError, match="“bien-ban.hop.mp4”"):
        workspace.check_attachment_size(f)


def test_first_run_from_a_workbook_takes_the_plans_reporting_day(seeded_db, tmp_path):
    """The dialog cannot read the file's day (20 in plan 88/KH-UBND); the default 15 gave deadlines 5 days early."""
    path = tmp_path / "danh-muc.xlsx"
    export_to_workbook(seeded_db, path, 2024)
    ctx = first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(
        replace(SETTINGS, report_day=Settings().report_day), UnitKind.PHUONG, catalogue_file=path))
    assert ctx.plan.plan.report_day == 20 and workspace.report_day(ctx) == 20



def test_first_run_from_a_workbook_takes_the_plans_area_when_none_is_given(seeded_db, tmp_path):
    path = tmp_path / "danh-muc.xlsx"
    export_to_workbook(seeded_db, path, 2024)
    ctx = first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(
        replace(SETTINGS, district=""), UnitKind.PHUONG, catalogue_file=path))
    assert ctx.settings.district == ctx.unit.district == "thị xã Đông Triều"


def test_assessments_made_under_older_rules_are_made_again_once_except_in_sent_months(tmp_path):
    """The form judged by the new rules while the table, printouts and the next package kept the old verdict
    until each entry happened to be saved again."""
    from dti_desktop.services import packages
    from dti_desktop.services.app_database import open_app_database
    from dti_desktop.storage.settings_store import set_setting
    from tests.unit_db import UnitDb

    unit = UnitDb(tmp_path / "mk", "UBND phường Mạo Khê")
    unit.record("9", {1: "97"}, Status.DANG_TRIEN_KHAI)  # a ward's 97 % against its 95 %: Đạt
    unit.record("10", {}, Status.HOAN_THANH, notes="Đã kết nối")  # no figure, completed: Đạt
    unit.record("9", {1: "97"}, Status.DANG_TRIEN_KHAI, period=Period(2025, 2))
    packages.export_package(unit.db, unit.store, Period(2025, 2), tmp_path / "usb")  # February is sent
    # as an older version left them: no verdict, and no record of the rules
    with unit.db.conn:
        unit.db.execute("UPDATE progress_entry SET assessment = ''")
        unit.db.execute("DELETE FROM setting WHERE key = ?", [workspace.RULES_KEY])
    unit.db.close()
    db = open_app_database(unit.path)
    ctx = workspace.context(db)
    march = {r.code: r.entry for r in workspace.rows(db, ctx, MARCH) if r.entry}
    assert march["9"].assessment is Assessment.DAT and march["10"].assessment is Assessment.DAT
    assert "Đánh giá" in [h.what for h in history(db, march["9"].id, ())]
    assert db.execute("SELECT changed_by FROM history WHERE field = 'assessment' ORDER BY id DESC").fetchone()[0] \
        == workspace.RULES_WHO
    february = next(r.entry for r in workspace.rows(db, ctx, Period(2025, 2)) if r.code == "9")
    assert february.assessment is Assessment.NONE  # as it was sent
    before = db.execute("SELECT count(*) FROM history").fetchone()[0]
    with db.conn:
        db.execute("UPDATE progress_entry SET assessment = '' WHERE period = '2025-03'")
    db.close()
    db = open_app_database(unit.path)  # once only: the rules are recorded
    assert db.execute("SELECT count(*) FROM history").fetchone()[0] == before
    set_setting(db, workspace.RULES_KEY, "1")
    assert workspace.reassess_under_current_rules(db) == 2
    db.close()


def test_the_areas_own_peoples_committee_has_no_line_above_its_name(seeded_db):
    """An office set up as "UBND thành phố Đông Triều" in "thành phố Đông Triều" printed that name twice."""
    from dti_desktop.services.reports import frame_for

    ctx = first_run.complete_first_run(seeded_db, first_run.FirstRunChoice(
        replace(SETTINGS, unit_name="UBND thành phố Đông Triều"), UnitKind.HUYEN))
    frame = frame_for(ctx, "Tổng hợp", date(2025, 4, 2))
    assert (frame.parent, frame.issuer) == ("", "UBND THÀNH PHỐ ĐÔNG TRIỀU")
    ward = replace(ctx, unit=replace(ctx.unit, name="UBND phường Mạo Khê", kind=UnitKind.PHUONG))
    assert frame_for(ward, "Tháng 3", date(2025, 4, 2)).parent == "UBND THÀNH PHỐ ĐÔNG TRIỀU"


def test_a_unit_of_another_kind_signs_as_the_head_of_its_body():
    from dti_desktop.domain.settings import default_signatory_title

    assert default_signatory_title(UnitKind.KHAC, "Trung tâm Văn hóa") == "THỦ TRƯỞNG CƠ QUAN"
    assert default_signatory_title(UnitKind.DAC_KHU, "UBND đặc khu Vân Đồn") == "CHỦ TỊCH"
