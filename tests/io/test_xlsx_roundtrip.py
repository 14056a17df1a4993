"""Catalogue → annex workbook → catalogue is exact; the workbook prints on A4."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from dti_desktop.domain.annex import Catalogue, Group, Part
from dti_desktop.domain.catalogue import Plan, Target
from dti_desktop.io.catalogue_json import read_catalogue
from dti_desktop.io.xlsx_catalogue_export import export_catalogue
from dti_desktop.services.annex_intake import read_catalogue as read_catalogue_workbook
from dti_desktop.storage.catalogue_store import load_catalogue, save_catalogue
from tests.helpers import CATALOGUES

NAMES = sorted(p.name for p in CATALOGUES.glob("*.json"))


@pytest.mark.parametrize("name", NAMES)
def test_round_trip_exact(tmp_path, name):
    catalogue = read_catalogue(CATALOGUES / name)
    path = export_catalogue(catalogue, tmp_path / "c.xlsx")
    assert read_catalogue_workbook(path) == catalogue


def test_round_trip_through_a_fresh_database(tmp_path, db):
    catalogue = read_catalogue(CATALOGUES / "dong-trieu-2025.json")
    export_catalogue(catalogue, tmp_path / "c.xlsx")
    result = save_catalogue(db, read_catalogue_workbook(tmp_path / "c.xlsx"))
    assert load_catalogue(db, result.plan_id) == catalogue
    export_catalogue(load_catalogue(db, result.plan_id), tmp_path / "again.xlsx")
    assert read_catalogue_workbook(tmp_path / "again.xlsx") == catalogue


def test_formula_like_text_stays_text(tmp_path):
    plan = Plan(number="1/KH-UBND", date="2025-01-02", issuer="UBND xã", year=2025, report_day=20)
    tricky = Target(tt="1", text="=HYPERLINK(\"http://x\")", lead="+Phòng", coordinating="@UBND",
                    local_goal="-", deadline="2025-12-31")
    catalogue = Catalogue(plan, (Part("", "", (Group("I", "Dữ liệu số", (tricky,)),)),))
    path = export_catalogue(catalogue, tmp_path / "f.xlsx")
    ws = load_workbook(path)["Phụ lục"]
    cell = ws["B6"]
    assert cell.data_type == "s" and cell.value.startswith("=")
    assert read_catalogue_workbook(path).parts == catalogue.parts


def test_annex_layout_and_a4_print_setup(tmp_path):
    catalogue = read_catalogue(CATALOGUES / "dong-trieu-2025.json")
    ws = load_workbook(export_catalogue(catalogue, tmp_path / "c.xlsx"))["Phụ lục"]
    headers = [ws.cell(4, c).value for c in range(1, 10)]
    assert headers == ["TT", "Mục tiêu", "Cơ quan chủ trì", "Cơ quan phối hợp", "Cơ quan theo dõi chỉ tiêu",
                       "Kết quả năm trước", "Mục tiêu của tỉnh", "Mục tiêu của địa phương", "Mức độ chỉ tiêu"]
    assert ws["A5"].value == "PL1" and ws["A6"].value == "I"
    assert ws["B6"].value.startswith("Về phát triển dữ liệu số")
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$4:$4"
    assert ws["B7"].font.name == "Times New Roman"


def test_export_is_atomic_on_failure(tmp_path, monkeypatch):
    from openpyxl.workbook import workbook

    target = tmp_path / "c.xlsx"
    target.write_bytes(b"previous")

    def boom(self, filename):
        with open(filename, "wb") as handle:
            handle.write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workbook.Workbook, "save", boom)
    with pytest.raises(OSError):
        export_catalogue(read_catalogue(CATALOGUES / "mong-cai-2023.json"), target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["c.xlsx"]


def test_a_workbook_headed_the_old_way_still_imports(seeded_db, tmp_path):
    """The goal column was headed "Mục tiêu của huyện/thành phố" until the reform; such workbooks stay readable."""
    from openpyxl import load_workbook

    from dti_desktop.services.catalogues import export_to_workbook, import_workbook

    path = tmp_path / "cu.xlsx"
    export_to_workbook(seeded_db, path, 2025)
    wb = load_workbook(path)
    sheet = wb["Phụ lục"]
    header = next(c for row in sheet.iter_rows(max_row=12) for c in row if c.value == "Mục tiêu của địa phương")
    header.value = "Mục tiêu của huyện/thành phố"
    wb.save(path)
    catalogue, _ = import_workbook(seeded_db, path)
    nine = next(t for t in catalogue.targets() if t.tt == "9")
    assert sum(1 for _ in catalogue.targets()) == 27 and nine.local_goal == "100%; 95%"


def test_the_sheet_named_phu_luc_is_read_not_an_old_copy_before_it(tmp_path):
    """An officer kept the old annex as a copy placed first and edited "Phụ lục": the copy was read, and the edit
    reported as "không có gì thay đổi"."""
    from dti_desktop.io.workbook_errors import WorkbookError

    catalogue = read_catalogue(CATALOGUES / "dong-trieu-2025.json")
    path = export_catalogue(catalogue, tmp_path / "c.xlsx")
    wb = load_workbook(path)
    old = wb.copy_worksheet(wb["Phụ lục"])
    old.title = "Phụ lục (cũ)"
    wb.move_sheet(old, offset=-wb.index(old))  # first
    edited = wb["Phụ lục"]
    row = next(r for r in range(1, edited.max_row + 1) if str(edited.cell(r, 1).value) == "6")
    edited.cell(row, 2).value = "Tối thiểu 85% hồ sơ (đã sửa)"
    wb.save(path)
    assert any(t.text == "Tối thiểu 85% hồ sơ (đã sửa)" for t in read_catalogue_workbook(path).targets())
    wb["Phụ lục"].title = "Bảng mới"  # two annexes, neither named so: which one is meant cannot be told
    wb.save(path)
    with pytest.raises(WorkbookError) as refused:
        read_catalogue_workbook(path)
    assert "có 2 trang tính cùng mang bảng chỉ tiêu (“Phụ lục (cũ)”, “Bảng mới”)" in refused.value.summary()
