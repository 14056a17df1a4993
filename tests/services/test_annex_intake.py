"""The intake use case: preview writes nothing, missing plan fields are named, re-imports list their changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dti_desktop.domain.annex_reading import PlanInput, RowKind
from dti_desktop.services import annex_intake
from dti_desktop.services.catalogues import current_catalogue, plans
from tests.conftest import dump

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "annexes"


def test_preview_writes_nothing_and_knows_the_stored_plan(seeded_db):
    reading = annex_intake.read_file(CORPUS / "dt2025_ke-hoach-36.docx")
    before = dump(seeded_db)
    preview = annex_intake.preview(seeded_db, reading)
    assert dump(seeded_db) == before
    assert preview.ready and preview.existing_plan_id is not None
    assert preview.changes == ()  # the same plan, read from the Word file


def test_missing_fields_are_named_with_the_option_to_give_them(seeded_db):
    reading = annex_intake.read_file(CORPUS / "dt2024_chi-co-bang.xlsx")
    preview = annex_intake.preview(seeded_db, reading, command_line=True)
    assert preview.plan is None
    text = " ".join(preview.problems)
    assert "thiếu số kế hoạch" in text and "--number" in text and "--date" in text and "--issuer" in text
    given = PlanInput("12/KH-UBND", "10/01/2026", "UBND xã Yên Tử", "2026")
    ready = annex_intake.preview(seeded_db, reading, given)
    assert ready.ready and ready.existing_plan_id is None
    assert (ready.plan.number, ready.plan.date, ready.plan.year) == ("12/KH-UBND", "2026-01-10", 2026)


@pytest.mark.parametrize("given, word", [(PlanInput(date="31/02/2026"), "ngày ban hành"),
                                         (PlanInput(year="1999"), "năm"), (PlanInput(number="abc"), "số kế hoạch")])
def test_bad_plan_fields_are_refused_by_name(seeded_db, given, word):
    reading = annex_intake.read_file(CORPUS / "dt2025_ke-hoach-36.docx")
    preview = annex_intake.preview(seeded_db, reading, given)
    assert preview.plan is None and any(p.startswith(word) for p in preview.problems)


def test_incomplete_issuer_takes_the_stored_plan_s_and_says_so(seeded_db):
    reading = annex_intake.read_file(CORPUS / "dt2024_phan-A-B.xlsx")  # "của UBND thị xã"
    preview = annex_intake.preview(seeded_db, reading)
    assert preview.plan.issuer == "UBND thị xã Đông Triều"
    assert any("lấy theo kế hoạch 88/KH-UBND" in n for n in preview.notes)
    assert preview.changes == ()  # notes of the transcription kept: the file has no "Ghi chú" column


def test_a_new_year_s_plan_is_saved_with_the_rows_kept(seeded_db):
    reading = annex_intake.read_file(CORPUS / "dt2024_chi-co-bang.xlsx")
    first_target = next(i for i, r in enumerate(reading.rows) if r.kind is RowKind.TARGET)
    reading = reading.with_rows_kept({first_target: False})
    preview = annex_intake.preview(seeded_db, reading, PlanInput("5/KH-UBND", "15/01/2026", "UBND xã Yên Tử", "2026"))
    result = annex_intake.save(seeded_db, preview)
    assert result.created
    saved = current_catalogue(seeded_db, 2026)
    assert len(saved.targets()) == 33 and saved.plan.issuer == "UBND xã Yên Tử"
    assert any(p.plan.year == 2026 for p in plans(seeded_db))


def test_reimport_lists_changes_and_refuses_to_drop_a_target_with_results(seeded_db, tmp_path):
    from openpyxl import load_workbook

    from dti_desktop.services.catalogues import export_to_workbook

    path = export_to_workbook(seeded_db, tmp_path / "a.xlsx", 2025) and tmp_path / "a.xlsx"
    wb = load_workbook(path)
    ws = wb["Phụ lục"]
    row = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value) == "6")
    ws.cell(row, 8).value = "95%"  # the local goal of target 6 raised
    ws.delete_rows(ws.max_row)  # the last target (PL2.5) dropped
    wb.save(path)
    preview = annex_intake.preview(seeded_db, annex_intake.read_file(path))
    kinds = {(c.code, c.kind) for c in preview.changes}
    assert ("6", "sửa") in kinds and ("PL2.5", "bỏ") in kinds
    assert next(c for c in preview.changes if c.code == "6").what == "mục tiêu của địa phương"
    assert preview.ready


def test_parts_relabelled_by_a_clerk_keep_the_stored_codes(seeded_db):
    """"A." / "B." for Phụ lục 1 and 2 in one table: the same targets, so the same codes (PL2.1 …)."""
    preview = annex_intake.preview(seeded_db, annex_intake.read_file(CORPUS / "dt2025_gop-1-bang.xlsx"))
    assert preview.ready and preview.changes == ()
    assert preview.reading.catalogue(preview.plan).codes() == current_catalogue(seeded_db, 2025).codes()
    assert any("“B” → “PL2”" in n for n in preview.notes)


def test_an_import_is_written_in_the_catalogue_history(seeded_db, tmp_path):
    from openpyxl import load_workbook

    from dti_desktop.services.catalogues import export_to_workbook
    from dti_desktop.storage.annex_store import list_history

    export_to_workbook(seeded_db, tmp_path / "a.xlsx", 2025)
    wb = load_workbook(tmp_path / "a.xlsx")
    ws = wb["Phụ lục"]
    row = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value) == "6")
    ws.cell(row, 8).value = "95%"
    wb.save(tmp_path / "a.xlsx")
    preview = annex_intake.preview(seeded_db, annex_intake.read_file(tmp_path / "a.xlsx"))
    annex_intake.save(seeded_db, preview, "Nguyễn Văn A")
    history = list_history(seeded_db, preview.existing_plan_id)
    assert any(h.field == "nhập từ tệp" and h.new_value == "a.xlsx" for h in history)
    goal = next(h for h in history if h.code == "6")
    assert (goal.field, goal.new_value, goal.changed_by) == ("mục tiêu của địa phương", "95%", "Nguyễn Văn A")
