"""A plan's PDF (issue 17): a born-digital one reads as the plan's Word file does; a scan, a damaged, encrypted or
over-long file, or one without an annex table, is refused in Vietnamese, naming the file."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from dti_desktop.domain.catalogue import Plan
from dti_desktop.io.annex_grid import Merge
from dti_desktop.io.annex_pdf import MAX_PAGES, SCAN_MESSAGE
from dti_desktop.io.annex_reader import read_annex
from dti_desktop.io.annex_sources import read_source
from dti_desktop.io.workbook_errors import WorkbookError

ANNEXES = Path(__file__).resolve().parents[1] / "fixtures" / "annexes"
PDF = ANNEXES / "dt2025_ke-hoach-36.pdf"
DOCX = ANNEXES / "dt2025_ke-hoach-36.docx"
PLAN = Plan("36/KH-UBND", "2025-02-06", "UBND thành phố Đông Triều", 2025)


def targets(path: Path) -> list:
    return [replace(t, note="") for t in read_annex(path).catalogue(PLAN).targets()]


def outline(path: Path) -> list:
    return [(p.key, p.title, [(g.no, g.title, len(g.targets)) for g in p.groups])
            for p in read_annex(path).catalogue(PLAN).parts]


def refusal(path: Path) -> str:
    with pytest.raises(WorkbookError) as caught:
        read_annex(path)
    return caught.value.summary()


# -- the born-digital plan ---------------------------------------------------------------------------------------
def test_born_digital_pdf_reads_as_the_word_file():
    assert len(targets(PDF)) == 27
    assert targets(PDF) == targets(DOCX)
    assert outline(PDF) == outline(DOCX)  # parts PL1/PL2 with their titles, groups I–IV


def test_plan_fields_come_from_the_pdfs_header_and_the_annex_title():
    fields = read_annex(PDF).plan_fields
    assert fields["number"].value == "36/KH-UBND"
    assert fields["date"].value == "2025-02-06"
    assert fields["issuer"].value == "UBND thành phố Đông Triều"  # "THÀNH PHỐ ĐÔNG / TRIỀU" wrapped in the header
    assert fields["year"].value == "2025"
    assert fields["title"].value == "Kế hoạch thực hiện chuyển đổi số thành phố Đông Triều năm 2025"


def test_pdf_tables_are_grids_like_the_word_tables():
    source = read_source(PDF)
    assert source.document and source.kind == "pdf"
    pl1, pl2, trailing = source.grids
    assert pl1.name == "bảng 1 (trang 2–4)" and pl2.name == "bảng 2 (trang 5–6)"
    assert trailing.name == "phần cuối văn bản" and trailing.rows == []
    # the two-row header: "Mục tiêu 2025" over "Của tỉnh" / "Của thành phố", the other columns merged down
    assert pl1.rows[0][:6] == ["TT", "Mục tiêu", "Cơ quan chủ trì", "Cơ quan phối\nhợp", "Cơ quan theo\ndõi chỉ tiêu",
                               "Mục tiêu 2025"]
    assert pl1.rows[1][5:7] == ["Của tỉnh", "Của thành\nphố"]
    assert Merge(0, 5, 0, 6) in pl1.merges and Merge(0, 0, 1, 0) in pl1.merges and Merge(0, 7, 1, 7) in pl1.merges
    # a group row spans the row after its numeral
    assert pl1.rows[2][:2] == ["I", "Về phát triển dữ liệu số (01 chỉ tiêu, trong đó: 01 chỉ tiêu nâng cao)"]
    assert Merge(2, 1, 2, 7) in pl1.merges
    # cell text with its line breaks as printed
    assert pl1.rows[3][2] == "Phòng Văn hóa và\nThông tin"
    # the header printed again on pages 3 and 4 is kept as rows (the reader skips them)
    assert sum(1 for row in pl1.rows if row[0] == "TT") == 3
    assert len(pl2.rows) == 7 and sum(1 for row in pl2.rows if row[0] == "TT") == 2
    # the page's lines above each table
    assert "Số: 36/KH-UBND" in pl1.lines_before
    assert "Đông Triều, ngày 06 tháng 02 năm 2025" in pl1.lines_before
    assert "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÔNG\nTRIỀU" in pl1.lines_before
    assert pl1.lines_before[-4:] == ["PHỤ LỤC 1:", "CÁC MỤC TIÊU, CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2025",
                                     "(22 mục tiêu triển khai đồng bộ với tỉnh)",
                                     "(Kèm theo Kế hoạch số 36/KH-UBND ngày 06/02/2025 của UBND thành phố)"]
    assert pl2.lines_before[0] == "Ghi chú: Chỉ tiêu có dấu * là chỉ tiêu mới năm 2025."
    assert pl2.lines_before[1] == "PHỤ LỤC 2:"


def test_a_table_broken_over_pages_by_another_writer_reads_whole(tmp_path, qapp):
    """Qt prints the same plan without repeating the header, cuts rows in two at the page's foot and numbers the
    pages: the halves of a row are one row again, the page numbers are not rows."""
    pdf = tmp_path / "qt.pdf"
    _print_with_qt(read_source(DOCX), pdf)
    grids = read_source(pdf).grids
    assert [g.name for g in grids] == ["bảng 1 (trang 1–6)", "bảng 2 (trang 6–8)", "phần cuối văn bản"]

    def slash(t):  # Qt wraps "80/KH-UBND" after the slash; the reader joins a line break with a space
        return replace(t, basis=re.sub(r"/ ", "/", t.basis))

    assert [slash(t) for t in targets(pdf)] == targets(DOCX)
    assert outline(pdf) == outline(DOCX)


def _print_with_qt(source, pdf: Path) -> None:
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    parts = []
    for grid in source.grids[:-1]:
        parts += [f"<p align=center>{html.escape(line)}</p>" for line in grid.lines_before]
        covered: set[tuple[int, int]] = set()
        rows = []
        for r, row in enumerate(grid.rows):
            cells = []
            for c, text in enumerate(row):
                if (r, c) in covered:
                    continue
                span = ""
                if m := grid.merge_at(r, c):
                    covered.update((rr, cc) for rr in range(m.top, m.bottom + 1) for cc in range(m.left, m.right + 1))
                    span = f" rowspan={m.bottom - m.top + 1} colspan={m.right - m.left + 1}"
                cells.append(f"<td{span}>{html.escape(text).replace(chr(10), '<br>')}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        border = 1 if len(grid.rows) > 3 else 0  # the plan's header and signature are borderless
        parts.append(f"<table border={border} cellspacing=0 cellpadding=3 width=100%>{''.join(rows)}</table>")
    document = QTextDocument()
    document.setHtml("<body style='font-family:DejaVu Sans; font-size:9pt'>" + "".join(parts) + "</body>")
    writer = QPdfWriter(str(pdf))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    document.print_(writer)


def test_borders_drawn_as_thin_bars_on_a_turned_page(tmp_path):
    """Word draws borders as thin filled rectangles and places words one by one; a landscape page may be a
    portrait one turned by /Rotate."""
    pdf = tmp_path / "word-like.pdf"
    pdf.write_bytes(_hand_made_pdf())
    grid = read_source(pdf).grids[0]
    assert grid.lines_before == ["PHU LUC 1: CAC MUC TIEU NAM 2025",
                                 "(Kem theo Ke hoach so 12/KH-UBND ngay 03/01/2025 cua UBND xa An Sinh)"]
    assert grid.rows == [["TT", "Muc tieu", "Co quan chu tri", "Muc tieu 2025"],
                         ["1", "Ty le ho so\nxu ly truc tuyen", "Van phong", "90%"],
                         ["2", "Ho so so hoa", "Van phong", "100%"]]
    reading = read_annex(pdf)
    assert [t.local_goal for t in reading.catalogue(PLAN).targets()] == ["90%", "100%"]
    assert reading.plan_fields["number"].value == "12/KH-UBND"


def _hand_made_pdf() -> bytes:
    """One A4 page stored portrait and shown landscape (/Rotate 90): a 4-column table, borders as filled bars."""
    cols = [40, 70, 300, 450, 560]
    rows = [100, 130, 175, 205]  # y of the rulings down from the top of the shown page
    lines = [(200, 40, "PHU LUC 1: CAC MUC TIEU NAM 2025"),
             (120, 60, "(Kem theo Ke hoach so 12/KH-UBND ngay 03/01/2025 cua UBND xa An Sinh)"),
             (45, 120, "TT"), (75, 120, "Muc tieu"), (305, 120, "Co quan chu tri"), (455, 120, "Muc tieu 2025"),
             (45, 150, "1"), (75, 150, "Ty le ho so"), (75, 164, "xu ly truc tuyen"), (305, 150, "Van phong"),
             (455, 150, "90%"), (45, 195, "2"), (75, 195, "Ho so so hoa"), (305, 195, "Van phong"),
             (455, 195, "100%")]
    ops = ["q 0 1 -1 0 595 0 cm"]  # shown (x, y up) to stored: landscape content on the portrait page
    for y in rows:
        ops.append(f"{cols[0]} {595 - y - 0.25} {cols[-1] - cols[0]} 0.5 re f")
    for x in cols:
        ops.append(f"{x - 0.25} {595 - rows[-1]} 0.5 {rows[-1] - rows[0]} re f")
    for x, y, text in lines:
        for i, word in enumerate(text.split(" ")):  # word by word, no space glyphs, as Word writes
            offset = sum(len(w) + 1 for w in text.split(" ")[:i]) * 6.0  # Courier: 0.6 em
            escaped = word.replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 10 Tf 1 0 0 1 {x + offset:.1f} {595 - y} Tm ({escaped}) Tj ET")
    ops.append("Q")
    content = "\n".join(ops).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# -- refusals ----------------------------------------------------------------------------------------------------
def test_a_scanned_pdf_is_refused():
    summary = refusal(ANNEXES / "tu-choi_ban-scan.pdf")
    assert "tu-choi_ban-scan.pdf" in summary
    assert SCAN_MESSAGE in summary
    assert SCAN_MESSAGE.startswith("tệp PDF là bản quét (ảnh), không có lớp chữ để đọc bảng")


def test_a_truncated_pdf_is_refused(tmp_path):
    cut = tmp_path / "ke-hoach-36_tai-do.pdf"
    cut.write_bytes(PDF.read_bytes()[: PDF.stat().st_size * 2 // 3])
    summary = refusal(cut)
    assert "ke-hoach-36_tai-do.pdf" in summary and "không trọn vẹn" in summary


def test_a_damaged_pdf_is_refused(tmp_path):
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 500 + b"\n%%EOF\n")
    summary = refusal(broken)
    assert "hong.pdf" in summary and "tệp PDF bị hỏng" in summary


def test_a_pdf_without_an_annex_table_is_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter

    first_page = tmp_path / "chi-trang-dau.pdf"
    writer = PdfWriter()
    writer.add_page(PdfReader(PDF).pages[0])  # the plan's text, no annex
    writer.write(first_page)
    summary = refusal(first_page)
    assert "chi-trang-dau.pdf" in summary and "không tìm thấy bảng phụ lục chỉ tiêu" in summary


def test_a_password_protected_pdf_is_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter

    locked = tmp_path / "mat-khau.pdf"
    writer = PdfWriter()
    for page in PdfReader(PDF).pages:
        writer.add_page(page)
    writer.encrypt("123456", algorithm="RC4-128")
    writer.write(locked)
    summary = refusal(locked)
    assert "mat-khau.pdf" in summary and "mật khẩu" in summary


def test_a_pdf_too_long_to_be_a_plan_is_refused(tmp_path):
    from pypdf import PdfWriter

    long = tmp_path / "dai.pdf"
    writer = PdfWriter()
    for _ in range(MAX_PAGES + 1):
        writer.add_blank_page(595, 842)
    writer.write(long)
    summary = refusal(long)
    assert "dai.pdf" in summary and f"{MAX_PAGES + 1} trang" in summary


def test_a_pdf_with_only_blank_pages_is_refused(tmp_path):
    from pypdf import PdfWriter

    blank = tmp_path / "trang-trang.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(blank)
    assert "không có chữ nào" in refusal(blank)
