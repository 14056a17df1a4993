"""Annex files that lie: deep nesting, absurd spans, broken zips, mutated content. Refused with a Vietnamese
reason (WorkbookError) or read; never a crash, never a hang."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from dti_desktop.io.annex_reader import read_annex
from dti_desktop.io.workbook_errors import WorkbookError

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "annexes"
DOCX = CORPUS / "dt2025_ke-hoach-36.docx"


def _docx_with(tmp_path: Path, inserted: str) -> Path:
    source = zipfile.ZipFile(DOCX)
    document = source.read("word/document.xml").decode("utf-8")
    at = document.index("<w:body>") + len("<w:body>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = document[:at] + inserted + document[at:] if info.filename == "word/document.xml" else \
                source.read(info.filename)
            target.writestr(info.filename, data)
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("inserted", [
    "<w:tbl><w:tr><w:tc>" * 3000 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 3000,
    "<w:sdt><w:sdtContent>" * 3000 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 3000,
], ids=["tables-3000-deep", "content-controls-3000-deep"])
def test_deep_nesting_is_refused(tmp_path, inserted):
    with pytest.raises(WorkbookError) as caught:
        read_annex(_docx_with(tmp_path, inserted))
    assert "lồng nhau quá sâu" in caught.value.summary()


def test_absurd_column_span_is_bounded(tmp_path):
    row = ('<w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999999"/><w:vMerge w:val="restart"/></w:tcPr>'
           "<w:p><w:r><w:t>TT</w:t></w:r></w:p></w:tc></w:tr>")
    reading = read_annex(_docx_with(tmp_path, "<w:tbl>" + row * 500 + "</w:tbl>"))  # the real annex still found
    assert len(reading.catalogue(_plan()).targets()) == 27


def _plan():
    from dti_desktop.domain.catalogue import Plan

    return Plan("36/KH-UBND", "2025-02-06", "UBND thành phố Đông Triều", 2025)


def test_a_doctype_in_any_part_is_refused_before_parsing(tmp_path):
    path = _docx_with(tmp_path, "")
    data = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(data, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/styles.xml":
                content = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + content.split(b"?>", 1)[1]
            target.writestr(info.filename, content)
    path.write_bytes(data.getvalue())
    with pytest.raises(WorkbookError) as caught:
        read_annex(path)
    assert "khai báo XML nguy hiểm" in caught.value.summary()


@pytest.mark.parametrize("name", ["dt2025_ke-hoach-36.docx", "dt2024_lap-tieu-de.ods", "dt2025_dan-tu-word.xlsx"])
def test_mutated_content_is_read_or_refused(tmp_path, name):
    """Bytes of the main XML part changed, inserted or cut (seeded): the reader answers every time."""
    rnd = random.Random(17)
    raw = (CORPUS / name).read_bytes()
    main = {"docx": "word/document.xml", "ods": "content.xml", "xlsx": "xl/worksheets/sheet1.xml"}[name[-4:].strip(".")]
    for attempt in range(25):
        source = zipfile.ZipFile(io.BytesIO(raw))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = bytearray(source.read(info.filename))
                if info.filename == main:
                    for _ in range(rnd.randint(1, 20)):
                        at = rnd.randrange(len(data))
                        data[at:at + rnd.randint(0, 20)] = rnd.choice([b"9999", b"-1", b"<", b'"', b"", b"restart"])
                target.writestr(info.filename, bytes(data))
        path = tmp_path / f"{attempt}-{name}"
        path.write_bytes(out.getvalue())
        try:
            read_annex(path)
        except WorkbookError as error:
            assert error.problems and all(p.message for p in error.problems)


def _sheet_of(tmp_path: Path, rows: int, columns: int) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "TT"
    blob = io.BytesIO()
    wb.save(blob)
    source = zipfile.ZipFile(blob)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, data)
                continue
            head, rest = data.split(b"<sheetData>")
            with target.open(info.filename, "w") as sheet:  # streamed: the test itself stays small in memory
                sheet.write(head + b"<sheetData>")
                for r in range(1, rows + 1):
                    sheet.write(b'<row r="%d">' % r + b'<c t="n"><v>1</v></c>' * columns + b"</row>")
                sheet.write(b"</sheetData>" + rest.split(b"</sheetData>")[1])
    path = tmp_path / "rong.xlsx"
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("rows, columns", [(200, 16384), (400_000, 1)], ids=["wide", "long"])
def test_oversized_sheet_refused_before_openpyxl_loads_it(tmp_path, rows, columns):
    import resource
    import time

    path = _sheet_of(tmp_path, rows, columns)
    began, peak = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(WorkbookError) as caught:
        read_annex(path)
    assert time.monotonic() - began < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 100 * 1024  # KB: under 100 MB more
    assert "quá lớn so với một bảng phụ lục" in caught.value.summary()


def test_tests_run_with_lxml_installed():
    """openpyxl parses with lxml when it can, skipping defusedxml: the program's own checks must hold then."""
    import lxml  # noqa: F401 (requirements-dev.txt brings it, through python-docx)


XLSX = CORPUS / "dt2025_dan-tu-word.xlsx"


def _xlsx_with(tmp_path: Path, part: str, change) -> Path:
    source = zipfile.ZipFile(XLSX)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(data) if info.filename == part else data)
    path = tmp_path / "phu-luc.xlsx"
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("part", ["docProps/core.xml", "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml",
                                  "_rels/.rels", "xl/worksheets/sheet1.xml"])
def test_entities_in_any_workbook_part_are_refused_whatever_the_parser(tmp_path, part):
    bomb = b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def add_doctype(data: bytes) -> bytes:
        head, rest = data.split(b"?>", 1) if data.startswith(b"<?xml") else (b"", data)
        return (head + b"?>" if head else b"") + bomb + rest

    assert part in zipfile.ZipFile(XLSX).namelist()
    with pytest.raises(WorkbookError) as caught:
        read_annex(_xlsx_with(tmp_path, part, add_doctype))
    assert "khai báo XML nguy hiểm" in caught.value.summary()


def test_a_shared_formula_in_a_goal_cell_is_refused_with_lxml(tmp_path):
    import re

    def shared(data: bytes) -> bytes:
        text = data.decode("utf-8")
        text = re.sub(r'<c r="H12"[^>]*?(/>|>.*?</c>)', '<c r="H12"><f t="shared" ref="H12:H13" si="0">G12</f>'
                      "<v>1</v></c>", text, count=1)
        text = re.sub(r'<c r="H13"[^>]*?(/>|>.*?</c>)', '<c r="H13"><f t="shared" si="0"/><v>1</v></c>', text, count=1)
        return text.encode("utf-8")

    with pytest.raises(WorkbookError) as caught:
        read_annex(_xlsx_with(tmp_path, "xl/worksheets/sheet1.xml", shared))
    text = caught.value.summary()
    assert "dòng 13, cột H" in text and "công thức" in text
