"""Reports as Word files (io/docx_writer.py, io/docx_report.py), read back with python-docx (dev only) and opened
by LibreOffice: the same header, sections, appendix, number and date as the PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from dti_desktop.domain.periods import Period
from dti_desktop.domain.progress import Status
from dti_desktop.domain.report_texts import ReportTexts
from dti_desktop.services import report_register, reports

docx = pytest.importorskip("docx")  # requirements-dev: python-docx reads what the program writes
from docx.oxml.ns import qn  # noqa: E402


@pytest.fixture
def month_docx(mao_khe, tmp_path):
    mao_khe.record("17", {0: "31,5"}, Status.DANG_TRIEN_KHAI, notes="Danh sách cấp chữ ký số <& “ngoặc” >")
    report_register.add_document(mao_khe.db, "15/KH-UBND", date(2025, 3, 3), abstract="Chuyển đổi số năm 2025")
    report_register.add_document(mao_khe.db, "42/UBND-VHTT", date(2025, 3, 5), abstract="V/v cài đặt VNeID")
    report_register.save_texts(mao_khe.db, "month", Period(2025, 3), ReportTexts(
        uu_diem="Lãnh đạo phường chỉ đạo sát sao.", de_xuat="Hỗ trợ 02 máy quét tài liệu.\x07"))
    out = tmp_path / "bao-cao.docx"
    reports.write_docx(mao_khe.db, mao_khe.store, "month", Period(2025, 3), out, date(2025, 3, 14), number="5")
    return out


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_word_file_carries_the_frame_number_and_date_as_nd30_writes_them(month_docx):
    document = docx.Document(str(month_docx))
    left, right = ("\n".join(p.text for p in c.paragraphs) for c in document.tables[0].rows[0].cells)
    assert left.split("\n")[:2] == ["UBND THÀNH PHỐ ĐÔNG TRIỀU", "UBND PHƯỜNG MẠO KHÊ"] and "Số: 05/BC-UBND" in left
    assert right.split("\n")[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "Mạo Khê, ngày 14 tháng 3 năm 2025" in right
    borders = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(b.get(qn("w:val")) == "nil" for b in borders)  # the header is a borderless table
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer  # the page number from page 2
    assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_header._element.xml


def test_the_word_file_has_the_sections_group_results_closing_and_appendix(month_docx):
    document = docx.Document(str(month_docx))
    texts = paragraphs(document)
    headings = [t for t in texts if t[:3] in ("I. ", "II.", "III", "IV.", "V. ")]
    assert headings == ["I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG",
                        "IV. NHIỆM VỤ, GIẢI PHÁP THÁNG TỚI", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    body = "\n".join(texts)
    assert "đã ban hành 02 văn bản chỉ đạo, triển khai nhiệm vụ chuyển đổi số (01 Kế hoạch, 01 Công văn), gồm:" in body
    assert "- Kế hoạch số 15/KH-UBND ngày 03/03/2025 về chuyển đổi số năm 2025;" in body
    assert "2. Phát triển chính quyền số: Đã hoàn thành 01/10 chỉ tiêu" in texts
    assert "1. Đề nghị UBND thành phố Đông Triều hỗ trợ 02 máy quét tài liệu." in texts  # numbered, addressed
    closing = next(t for t in texts if t.startswith("Trên đây là báo cáo"))
    assert closing.endswith("UBND phường Mạo Khê./.") and body.count("./.") == 1
    sign = "\n".join(p.text for c in document.tables[1].rows[0].cells for p in c.paragraphs)
    assert "Nơi nhận:" in sign and "TM. ỦY BAN NHÂN DÂN" in sign and "CHỦ TỊCH" in sign
    appendix = texts.index("PHỤ LỤC")
    assert texts[appendix + 2] == "(Kèm theo Báo cáo số 05/BC-UBND ngày 14/03/2025 của UBND phường Mạo Khê)"
    assert document.paragraphs[appendix]._p.pPr.find(qn("w:pageBreakBefore")) is not None


def test_the_appendix_table_repeats_its_header_and_never_splits_a_row(month_docx):
    table = docx.Document(str(month_docx)).tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["TT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Tình trạng, đánh giá",
                                                     "Minh chứng"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    cells = {c.text for row in table.rows for c in row.cells}
    assert "Danh sách cấp chữ ký số <& “ngoặc” >" in cells  # escaped, not markup
    assert len(table.rows) == 1 + 27 + 5  # header, every target, the group rows


def test_every_report_kind_comes_out_as_word(mao_khe, office, tmp_path):
    from dti_desktop.services import district

    for kind in ("quarter", "year", "summary"):
        out = tmp_path / f"{kind}.docx"
        reports.write_docx(mao_khe.db, mao_khe.store, kind, Period(2025, 3), out, date(2025, 3, 14))
        assert docx.Document(str(out)).paragraphs, kind
    db, store = office
    district.import_packages(db, store, [mao_khe.export(tmp_path / "usb").path])
    out = tmp_path / "district.docx"
    reports.write_docx(db, store, "district", Period(2025, 3), out, date(2025, 3, 20))
    assert "PHÒNG VĂN HÓA\nVÀ THÔNG TIN" in docx.Document(str(out)).tables[0].rows[0].cells[0].text


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice (soffice) hoặc pdftotext không có")
def test_libreoffice_opens_the_word_file(month_docx, tmp_path):
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(month_docx)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "bao-cao.pdf"
    body = " ".join(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for expected in ("Số: 05/BC-UBND", "Mạo Khê, ngày 14 tháng 3 năm 2025", "II. KẾT QUẢ THỰC HIỆN",
                     "Trên đây là báo cáo", "Nơi nhận:", "PHỤ LỤC", "TT Chỉ tiêu Mục tiêu"):
        assert expected in body, expected
