"""Progress entries: each save appends history (who, when, old → new); evidence by hash."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from dti_desktop.domain.progress import Assessment, MeasureValue, ProgressEntry, Status
from dti_desktop.domain.units import Unit, UnitKind
from dti_desktop.storage.attachment_store import add_attachment, list_attachments, remove_attachment, stored_path
from dti_desktop.storage.catalogue_store import list_plans
from dti_desktop.storage.progress_store import entry_history, load_entry, save_entry
from dti_desktop.storage.unit_store import add_unit, assign_plan, assignment_id


@pytest.fixture
def assignment(seeded_db) -> int:
    plan = next(p for p in list_plans(seeded_db) if p.plan.year == 2025)
    unit = add_unit(seeded_db, Unit("UBND phường Mạo Khê", UnitKind.PHUONG, "thành phố Đông Triều", True))
    assert assign_plan(seeded_db, unit.id, plan.id) == 27
    target_id = seeded_db.execute("SELECT id FROM target WHERE code = '9' AND plan_id = ?", [plan.id]).fetchone()[0]
    return assignment_id(seeded_db, unit.id, target_id)


def test_first_save_records_history(seeded_db, assignment):
    entry = ProgressEntry(assignment, "2025-03", status=Status.DANG_TRIEN_KHAI,
                          values={0: MeasureValue(value=100), 1: MeasureValue(numerator=45, denominator=50)},
                          evidence_notes="Báo cáo số 12/BC-UBND")
    saved = save_entry(seeded_db, entry, "Nguyễn Văn A")
    assert saved.id and saved.values[1].percent == 90
    fields = {h["field"]: (h["old_value"], h["new_value"], h["changed_by"]) for h in entry_history(seeded_db, saved.id)}
    assert fields["status"] == (None, "dang_trien_khai", "Nguyễn Văn A")
    assert fields["value:1"] == (None, "45/50 (90%)", "Nguyễn Văn A")
    assert fields["evidence_notes"][1] == "Báo cáo số 12/BC-UBND"


def test_second_save_records_old_and_new(seeded_db, assignment):
    first = save_entry(seeded_db, ProgressEntry(assignment, "2025-03", values={0: MeasureValue(value=80)}), "A")
    second = save_entry(seeded_db, replace(first, status=Status.HOAN_THANH, assessment=Assessment.DAT,
                                           values={0: MeasureValue(value=100)}), "B")
    changes = [(h["field"], h["old_value"], h["new_value"]) for h in entry_history(seeded_db, second.id)
               if h["changed_by"] == "B"]
    assert ("status", "chua_trien_khai", "hoan_thanh") in changes
    assert ("value:0", "80", "100") in changes
    assert ("assessment", "", "dat") in changes


def test_unchanged_save_writes_nothing(seeded_db, assignment):
    saved = save_entry(seeded_db, ProgressEntry(assignment, "2025-03", proposals="Hỗ trợ kinh phí"), "A")
    count = len(entry_history(seeded_db, saved.id))
    again = save_entry(seeded_db, replace(saved, updated_at=""), "A")
    assert len(entry_history(seeded_db, saved.id)) == count
    assert again.updated_at == saved.updated_at


def test_unknown_measure_refused_and_nothing_written(seeded_db, assignment):
    from dti_desktop.storage.errors import NotFoundError

    with pytest.raises(NotFoundError):
        save_entry(seeded_db, ProgressEntry(assignment, "2025-03", values={7: MeasureValue(value=1)}), "A")
    assert load_entry(seeded_db, assignment, "2025-03") is None


def test_attachment_stored_by_content_hash(seeded_db, assignment, tmp_path):
    entry = save_entry(seeded_db, ProgressEntry(assignment, "2025-03"), "A")
    source = tmp_path / "Biên bản kiểm tra.pdf"
    source.write_bytes(b"%PDF-1.4 minh chung")
    store = tmp_path / "evidence"
    att = add_attachment(seeded_db, store, entry.id, source, "A")
    assert att.sha256 == hashlib.sha256(b"%PDF-1.4 minh chung").hexdigest()
    assert stored_path(store, att.sha256).read_bytes() == b"%PDF-1.4 minh chung"
    assert [a.original_name for a in list_attachments(seeded_db, entry.id)] == ["Biên bản kiểm tra.pdf"]
    source.unlink()  # the store holds its own copy
    remove_attachment(seeded_db, att.id, "A")
    assert list_attachments(seeded_db, entry.id) == []
    assert stored_path(store, att.sha256).exists()
    fields = [(h["field"], h["old_value"], h["new_value"]) for h in entry_history(seeded_db, entry.id)]
    assert ("attachment", None, "Biên bản kiểm tra.pdf") in fields
    assert ("attachment", "Biên bản kiểm tra.pdf", None) in fields


def test_a_change_in_the_third_decimal_is_saved_and_recorded_in_full(seeded_db, assignment):
    first = save_entry(seeded_db, ProgressEntry(assignment, "2025-03", values={0: MeasureValue(value=85.121)}), "A")
    second = save_entry(seeded_db, replace(first, values={0: MeasureValue(value=85.124)}), "B")
    assert load_entry(seeded_db, assignment, "2025-03").values[0].value == 85.124
    rows = [(h["field"], h["old_value"], h["new_value"]) for h in entry_history(seeded_db, second.id)]
    assert ("value:0", "85,121", "85,124") in rows


def test_a_new_entry_records_text_fields_that_are_just_1(seeded_db, assignment):
    saved = save_entry(seeded_db, ProgressEntry(assignment, "2025-03", evidence_notes="1", difficulties="1"), "A")
    fields = {h["field"]: h["new_value"] for h in entry_history(seeded_db, saved.id)}
    assert fields.get("evidence_notes") == "1" and fields.get("difficulties") == "1"
    assert "assessment_auto" not in fields  # the default, not news


@pytest.mark.parametrize("name, expected", [
    ("Quyết định số 12 về việc " + "phê duyệt kế hoạch " * 20 + ".pdf", ".pdf"),  # cut, extension kept
    ("CON.pdf", "_CON.pdf"), ("nul", "_nul"), ("COM1.docx", "_COM1.docx"),  # Windows device names
    ("bao cao.", "bao cao"), ("x" * 199 + " .pdf.", ".pdf"),
])
def test_stored_names_open_on_windows(name, expected):
    from dti_desktop.storage.attachment_store import MAX_NAME, safe_name

    got = safe_name(name)
    assert len(got) <= MAX_NAME and got.endswith(expected) and not got.endswith((" ", "."))
    assert got == expected or expected.startswith(".")


def test_the_same_file_attached_twice_is_listed_once(seeded_db, assignment, tmp_path):
    entry = save_entry(seeded_db, ProgressEntry(assignment, "2025-03"), "A")
    source = tmp_path / "Biên bản.pdf"
    source.write_bytes(b"%PDF-1.4 bien ban")
    first = add_attachment(seeded_db, tmp_path / "evidence", entry.id, source, "A")
    again = add_attachment(seeded_db, tmp_path / "evidence", entry.id, source, "A")
    assert again.id == first.id and len(list_attachments(seeded_db, entry.id)) == 1


def test_a_damaged_stored_file_is_repaired_by_attaching_the_original_again(seeded_db, assignment, tmp_path):
    entry = save_entry(seeded_db, ProgressEntry(assignment, "2025-03"), "A")
    source = tmp_path / "Biên bản.pdf"
    source.write_bytes(b"%PDF-1.4 bien ban " * 100)
    store = tmp_path / "evidence"
    att = add_attachment(seeded_db, store, entry.id, source, "A")
    stored = stored_path(store, att.sha256)
    stored.chmod(0o644)
    stored.write_bytes(b"%PDF-1.4 bien")  # cut short by an earlier copy
    add_attachment(seeded_db, store, entry.id, source, "A")
    assert stored.read_bytes() == source.read_bytes()


def test_a_value_typed_with_many_decimals_is_not_rounded_by_the_next_save(seeded_db, assignment):
    from dti_desktop.domain.progress import parse_value

    first = save_entry(seeded_db, ProgressEntry(assignment, "2025-03", values={0: MeasureValue(value=85.12345)}), "A")
    shown = first.values[0].typed()  # what the entry field shows
    second = save_entry(seeded_db, replace(first, values={0: parse_value(shown)}, proposals="Đề nghị"), "A")
    assert load_entry(seeded_db, assignment, "2025-03").values[0].value == 85.12345
    assert [h["field"] for h in entry_history(seeded_db, second.id) if h["field"].startswith("value")] == ["value:0"]


def test_an_old_text_result_read_back_as_a_number_is_not_a_change(seeded_db, assignment):
    """Stored as the text "3 hệ thống" by an older version; the field now reads it as 3 with a unit."""
    from dti_desktop.domain.progress import parse_value

    first = save_entry(seeded_db, ProgressEntry(assignment, "2025-03", values={0: MeasureValue(text="3 hệ thống")}), "A")
    second = save_entry(seeded_db, replace(first, values={0: parse_value("3 hệ thống")}, proposals="Đề nghị"), "A")
    assert [h["field"] for h in entry_history(seeded_db, second.id)].count("value:0") == 1  # the first save only
