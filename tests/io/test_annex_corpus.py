"""Annexes typed the way clerks and offices make them (tests/fixtures/annexes, see its README) import whole.

Every file of the corpus is read and compared, target by target, with the embedded transcription of the same
plan; every refusal names what is wrong and where. The corpus is made by tests/fixtures/annexes/make_annexes.py
from the seeds, in layouts the program's own export never produces.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from dti_desktop.domain.annex_reading import RowKind
from dti_desktop.io.annex_reader import read_annex
from dti_desktop.io.catalogue_json import read_catalogue
from dti_desktop.io.workbook_errors import WorkbookError

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "annexes"
CATALOGUES = Path(__file__).resolve().parents[2] / "resources" / "catalogues"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
ACCEPTED = [e for e in MANIFEST if not e["refusal"]]
REFUSED = [e for e in MANIFEST if e["refusal"]]


def _targets(catalogue):
    return [replace(t, note="") for t in catalogue.targets()]


@pytest.mark.parametrize("entry", ACCEPTED, ids=[e["file"] for e in ACCEPTED])
def test_corpus_file_imports_whole(entry):
    expected = read_catalogue(CATALOGUES / entry["expect"])
    reading = read_annex(CORPUS / entry["file"])
    got = reading.catalogue(expected.plan)
    assert _targets(got) == _targets(expected)
    groups = [[(g.no, g.title, len(g.targets)) for g in p.groups] for p in got.parts]
    assert groups == [[(g.no, g.title, len(g.targets)) for g in p.groups] for p in expected.parts]
    if "gop-1-bang" not in entry["file"]:  # that clerk relabelled PL1/PL2 as A./B. in one table
        assert got.codes() == expected.codes()
    assert not [r for r in reading.rows if r.kind is RowKind.TARGET and not r.keep]


@pytest.mark.parametrize("entry", [e for e in ACCEPTED if e["plan"]], ids=lambda e: e["file"])
def test_corpus_plan_fields_are_what_the_file_prints(entry):
    fields = read_annex(CORPUS / entry["file"]).plan_fields
    printed = entry["plan"]
    assert fields["number"].value == printed["number"]
    assert fields["date"].value == printed["date"]
    assert fields["year"].value == str(printed["year"])
    issuer = fields["issuer"]
    incomplete = printed["issuer"].split(" ", 1)[-1].lower() in ("thị xã", "thành phố", "huyện", "tỉnh", "xã")
    if not incomplete:  # a place is named: read whole
        assert issuer.value == printed["issuer"] or issuer.value.startswith(printed["issuer"])
    else:  # "UBND thị xã": incomplete, never completed silently
        assert issuer.value == "" or issuer.value.startswith(printed["issuer"] + " ")
        if issuer.value == "":
            assert printed["issuer"] in issuer.doubt


def test_table_alone_has_no_plan_fields_and_says_so():
    reading = read_annex(CORPUS / "dt2024_chi-co-bang.xlsx")
    assert reading.missing_plan_fields() == ["number", "date", "issuer"]
    assert reading.plan_fields["year"].value == "2024"  # "Mục tiêu 2024 của tỉnh" names it


def test_four_column_annex_takes_goals_from_the_text_and_says_so():
    reading = read_annex(CORPUS / "mc2023_4-cot.xlsx")
    assert any("không có cột mục tiêu" in note for note in reading.notes)
    targets = {t.tt: t for t in reading.catalogue(read_catalogue(CATALOGUES / "mong-cai-2023.json").plan).targets()}
    assert targets["30"].local_goal == "dưới 3%; 30 trạm; dưới 10%; trên 60%; tối thiểu 25%"
    assert targets["18"].local_goal == "-" and targets["2"].text.startswith("Tham mưu")  # "- " bullet dropped


def test_skipped_rows_say_why():
    reading = read_annex(CORPUS / "dt2024_lap-tieu-de.xlsx")
    reasons = [r.title for r in reading.rows if r.kind is RowKind.SKIPPED]
    assert any("lặp lại" in r for r in reasons) and any("số trang" in r for r in reasons)
    assert any("ghi chú" in r for r in reasons)


def test_column_map_names_each_field():
    reading = read_annex(CORPUS / "dt2025_pl1-pl2_mot-sheet.xlsx")
    used = {c.field: c for c in reading.columns}
    assert {"tt", "text", "lead", "coordinating", "tracking", "province_goal", "local_goal", "level"} <= set(used)
    assert "tỉnh" in used["province_goal"].header.lower() and "thành phố" in used["local_goal"].header.lower()


@pytest.mark.parametrize("entry", REFUSED, ids=[e["file"] for e in REFUSED])
def test_corpus_refusal_names_the_place(entry):
    with pytest.raises(WorkbookError) as caught:
        read_annex(CORPUS / entry["file"])
    text = caught.value.summary()
    assert text.startswith(f"Không nhập được tệp {entry['file']}")
    refusal = entry["refusal"]
    sheets = refusal["sheet"] if isinstance(refusal["sheet"], list) else [refusal["sheet"]]
    for sheet in filter(None, sheets):
        assert f"“{sheet}”" in text
    if refusal.get("row") and isinstance(refusal["sheet"], str):
        assert f"dòng {refusal['row']}" in text
    if refusal.get("column") and isinstance(refusal["sheet"], str):
        assert f"cột {refusal['column']}" in text
    assert not any(word in text for word in ("Traceback", "Error", "None"))


def test_an_office_s_own_layout_with_numbered_groups(tmp_path):
    """Another office's habits: STT/Nội dung/Đơn vị chủ trì, one goal column "Chỉ tiêu năm 2026", groups numbered
    1, 2 with targets 1.1, 1.2 under them, a Roman group row with a count in another column."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026"])
    ws.append(["(Kèm theo Kế hoạch số 07/KH-UBND ngày 15/01/2026 của UBND xã Yên Tử)"])
    ws.append(["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Chỉ tiêu năm 2026", "Ghi chú"])
    ws.append([1, "Về phát triển dữ liệu số"])
    ws.append(["1.1", "Tỷ lệ hồ sơ được số hóa", "Văn phòng HĐND và UBND", "Các thôn", "≥ 80%", ""])
    ws.append(["1.2", "Số điểm phát wifi miễn phí", "Văn phòng HĐND và UBND", "Các thôn", "10 điểm", ""])
    ws.append(["II", "Về phát triển chính quyền số", "", "", "(01 chỉ tiêu)"])
    ws.append(["2.1", "Tỷ lệ văn bản ký số", "Văn phòng HĐND và UBND", "", "100%", "Mới"])
    wb.save(tmp_path / "xa.xlsx")
    reading = read_annex(tmp_path / "xa.xlsx")
    groups = [(r.no, r.title) for r in reading.rows if r.kind is RowKind.GROUP]
    assert groups == [("1", "Về phát triển dữ liệu số"), ("II", "Về phát triển chính quyền số")]
    assert all(r.doubt for r in reading.rows if r.kind is RowKind.GROUP)  # each said, for the officer to check
    from dti_desktop.domain.catalogue import Plan

    targets = reading.catalogue(Plan("07/KH-UBND", "2026-01-15", "UBND xã Yên Tử", 2026)).targets()
    assert [(t.tt, t.local_goal, t.note) for t in targets] == [("1.1", "≥ 80%", ""), ("1.2", "10 điểm", ""),
                                                              ("2.1", "100%", "Mới")]
    fields = reading.plan_fields
    assert (fields["number"].value, fields["date"].value, fields["issuer"].value, fields["year"].value) == (
        "07/KH-UBND", "2026-01-15", "UBND xã Yên Tử", "2026")


def test_a_word_annex_with_a_numbering_row_and_a_note_inside_the_table(tmp_path):
    """A Word table as offices make it: a numbering row "(1) (2) …" under the header, group rows merged across
    the whole table ("I. Về …"), two goal columns under a merged "Chỉ tiêu năm 2026", and the note as the
    table's last row, merged across."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN\nXÃ YÊN TỬ")
    doc.add_paragraph("Số: 9/KH-UBND")
    doc.add_paragraph("Yên Tử, ngày 20 tháng 01 năm 2026")
    doc.add_paragraph("PHỤ LỤC")
    doc.add_paragraph("CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2026")
    table = doc.add_table(rows=0, cols=6)
    rows = [["TT", "Chỉ tiêu", "Cơ quan chủ trì", "Cơ quan phối hợp", "Chỉ tiêu năm 2026", ""],
            ["", "", "", "", "Tỉnh giao", "Xã"],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            ["I. Về phát triển chính quyền số", "", "", "", "", ""],
            ["1", "Tỷ lệ hồ sơ xử lý trực tuyến toàn trình", "Bộ phận một cửa", "Các thôn", "80%", "85%"],
            ["2", "Tỷ lệ văn bản ký số", "Văn phòng", "", "100%", "100%"],
            ["Ghi chú: chỉ tiêu (5) do tỉnh giao.", "", "", "", "", ""]]
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = value
    grid = table.rows
    for r in (0,):
        for c in range(4):
            grid[r].cells[c].merge(grid[r + 1].cells[c])
    grid[0].cells[4].merge(grid[0].cells[5])
    grid[3].cells[0].merge(grid[3].cells[5])
    grid[6].cells[0].merge(grid[6].cells[5])
    doc.save(tmp_path / "ke-hoach.docx")
    reading = read_annex(tmp_path / "ke-hoach.docx")
    kinds = [(r.kind.value, r.no or (r.target.tt if r.target else "")) for r in reading.rows]
    assert ("group", "I") in kinds and ("target", "1") in kinds and ("target", "2") in kinds
    from dti_desktop.domain.catalogue import Plan

    targets = reading.catalogue(Plan("9/KH-UBND", "2026-01-20", "UBND xã Yên Tử", 2026)).targets()
    assert [(t.tt, t.province_goal, t.local_goal) for t in targets] == [("1", "80%", "85%"), ("2", "100%", "100%")]
    fields = {k: v.value for k, v in reading.plan_fields.items()}
    assert (fields["number"], fields["date"], fields["issuer"], fields["year"]) == (
        "9/KH-UBND", "2026-01-20", "UBND xã Yên Tử", "2026")
