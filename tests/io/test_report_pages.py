"""Every report kind of a ward with six months of results and of an office with 20 units, as PDF and Word (issue
20): the structure read back from the PDF's text and the .docx, no heading last on a page, no page holding a row
that fitted on the page before. The data are scripts/report_samples.py's (also the source of docs/ pages)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dti_desktop.domain.periods import Period
from dti_desktop.domain.report_doc import Grid, Heading
from dti_desktop.services import reports
from tests.helpers import ROOT

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo"))
pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfinfo) không có")
MM = 72 / 25.4
LINE = 10  # points: how far the free room at a page's foot, read from the text's boxes, may be off
JUNE = Period(2025, 6)
DAYS = {"month": date(2025, 6, 14), "quarter": date(2025, 6, 15), "year": date(2025, 12, 9),
        "summary": date(2025, 6, 14), "district": date(2025, 6, 25)}


def _samples():
    spec = importlib.util.spec_from_file_location("report_samples", ROOT / "scripts" / "report_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """{kind: (document, pdf, docx)} for the ward's four kinds and the office's report."""
    samples = _samples()
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    ward_db, ward_path = samples.ward(folder)
    office_db, office_path = samples.office(folder, 20)
    for kind, day in DAYS.items():
        db, path = (office_db, office_path) if kind == "district" else (ward_db, ward_path)
        store = path.parent / "evidence"
        pdf, word = folder / f"{kind}.pdf", folder / f"{kind}.docx"
        reports.write_pdf(db, store, kind, JUNE, pdf, day, number="5")
        reports.write_docx(db, store, kind, JUNE, word, day, number="5")
        out[kind] = (reports.build(db, store, kind, JUNE, day, number="5"), pdf, word)
    ward_db.close()
    office_db.close()
    return out


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def page_lines(pdf: Path, page: int) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[1:] if page > 1 and lines and lines[0] == str(page) else lines  # the page number


def words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    boxes, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m and not (float(m.group(4)) < 20 * MM and m.group(5) == str(page)):  # not the page number
            boxes.append((page, *map(float, m.groups()[:4]), m.group(5)))
    return boxes


@pytest.mark.parametrize("kind", list(DAYS))
def test_every_kind_comes_out_as_pdf_and_word(made, kind):
    import docx

    document, pdf, word = made[kind]
    assert page_count(pdf) >= 1 and docx.Document(str(word)).paragraphs
    if kind == "summary":
        assert page_count(pdf) == 1  # a meeting aid: one page


@pytest.mark.parametrize("kind", ["month", "quarter", "year"])
def test_a_wards_report_reads_as_the_seeds_do(made, kind):
    import docx

    document, pdf, word = made[kind]
    body = " ".join(" ".join(page_lines(pdf, p)) for p in range(1, page_count(pdf) + 1))
    texts = [p.text for p in docx.Document(str(word)).paragraphs]
    for text in (body, " ".join(texts)):
        assert "Số: 05/BC-UBND" in text or "Số: 05/BC-UBND" in " ".join(
            c.text for c in docx.Document(str(word)).tables[0].rows[0].cells)
        for expected in ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "II. KẾT QUẢ THỰC HIỆN", "III. ĐÁNH GIÁ CHUNG",
                         "V. ĐỀ XUẤT, KIẾN NGHỊ", "1. Về phát triển dữ liệu số: Đã hoàn thành", "Trên đây là báo cáo",
                         "PHỤ LỤC", "(Kèm theo Báo cáo số 05/BC-UBND ngày "):
            assert expected in text, (kind, expected)
        assert re.search(r"đã hoàn thành \d\d/27 chỉ tiêu", text)
        assert "r1" not in text.split()
    if kind != "month":  # built from its months: the span's months counted, the latest named, the change
        assert "đơn vị đã cập nhật kết quả 03/03 tháng" in body or "06/12 tháng" in body or "06/06" in body
        assert "số liệu mới nhất là của tháng 06/2025" in body
        assert "So với quý I năm 2025:" in body or "So với năm 2024" in body or kind == "year"
    place = {"month": "ngày 14 tháng 6 năm 2025", "quarter": "ngày 15 tháng 6 năm 2025",
             "year": "ngày 09 tháng 12 năm 2025"}[kind]
    assert f"Mạo Khê, {place}" in body


def test_the_offices_report_names_who_did_not_send_and_ranks_only_who_did(made):
    document, pdf, word = made["district"]
    body = " ".join(" ".join(page_lines(pdf, p)) for p in range(1, page_count(pdf) + 1))
    assert "Có 17/20 đơn vị đã gửi báo cáo tháng 06/2025" in body
    assert "03 đơn vị chưa gửi: UBND phường Đức Chính" in body
    assert "Không xếp hạng 03 đơn vị chưa gửi báo cáo" in body and "Số: 05/BC-VHTT" in body
    ranking = next(b for b in document.report.body if isinstance(b, Grid) and b.headers[0][0] == "Hạng")
    assert len(ranking.rows) == 17  # the units that sent
    assert re.search(r"\d\d/\d\d \(\d+(,\d)?%\)", body)  # each share with its denominator
    assert " r1" not in body and "Lần 1" in body


def test_the_offices_report_carries_its_own_words_in_pdf_and_word(made):
    """The office's assessment, next month's tasks and its proposals, numbered and addressed to where it sends,
    after what the units wrote; sections numbered in order in both files."""
    import docx

    document, pdf, word = made["district"]
    body = " ".join(" ".join(page_lines(pdf, p)) for p in range(1, page_count(pdf) + 1))
    paragraphs = " ".join(p.text for p in docx.Document(str(word)).paragraphs)
    for text in (body, paragraphs):
        order = [text.index(h) for h in ("III. XẾP HẠNG", "IV. ĐÁNH GIÁ CHUNG", "1. Ưu điểm", "2. Tồn tại, hạn chế",
                                          "3. Nguyên nhân", "V. KHÓ KHĂN, VƯỚNG MẮC", "VI. ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC",
                                          "VII. NHIỆM VỤ, GIẢI PHÁP THÁNG TỚI", "VIII. ĐỀ XUẤT, KIẾN NGHỊ",
                                          "Trên đây là báo cáo")]
        assert order == sorted(order), text
        assert "Còn 03 đơn vị chưa gửi báo cáo tháng" in text
        assert "1. Đề nghị UBND thành phố Đông Triều bố trí kinh phí tập huấn kỹ năng số" in text
        assert "2. Đề nghị Sở Khoa học và Công nghệ hướng dẫn thống nhất" in text


@pytest.mark.parametrize("kind", ["month", "quarter", "year", "district"])
def test_the_word_files_header_carries_the_pdfs_number_place_and_date(made, kind):
    """NĐ 30's "Số: 05/BC-…" and "Mạo Khê, ngày 09 tháng 12 năm 2025" in the Word file's header table, as in the PDF
    (a past period proposes its deadline: the year's report printed on 09/12 keeps that day)."""
    import docx

    document, pdf, word = made[kind]
    header = " ".join(" ".join(c.text.split()) for c in docx.Document(str(word)).tables[0].rows[0].cells)
    first_page = " ".join(page_lines(pdf, 1))
    number = {"district": "Số: 05/BC-VHTT"}.get(kind, "Số: 05/BC-UBND")
    place = {"month": "Mạo Khê, ngày 14 tháng 6 năm 2025", "quarter": "Mạo Khê, ngày 15 tháng 6 năm 2025",
             "year": "Mạo Khê, ngày 09 tháng 12 năm 2025", "district": "Đông Triều, ngày 25 tháng 6 năm 2025"}[kind]
    for text in (header, first_page):
        assert number in text and place in text, (kind, text)


def _headings(document) -> set[str]:
    return {b.text for b in (*document.report.body, *document.report.appendix) if isinstance(b, Heading)} | {
        "PHỤ LỤC"}


@pytest.mark.parametrize("kind", list(DAYS))
def test_no_heading_ends_a_page(made, kind):
    document, pdf, _ = made[kind]
    headings = _headings(document)
    for page in range(1, page_count(pdf)):
        lines = page_lines(pdf, page)
        assert lines and lines[-1] not in headings, (kind, page, lines[-1])


def _row_tops(boxes, page: int, codes: list[str], column_right: float) -> list[tuple[float, str]]:
    return sorted((b[2], b[5]) for b in boxes if b[0] == page and b[3] <= column_right and b[5] in codes)


@pytest.mark.parametrize("kind", ["month", "quarter", "year", "district"])
def test_no_page_holds_a_row_that_fitted_on_the_page_before(made, kind):
    """A table continued on a page starts with a row that did not fit below the foot of the page before (the
    office's report had a page holding one row, its break predicted and never taken back)."""
    document, pdf, _ = made[kind]
    grids = [b for b in (*document.report.body, *document.report.appendix) if isinstance(b, Grid)
             and b.headers[0][0] == "TT"]
    boxes = words(pdf)
    foot = 842 - 20 * MM
    for grid in grids:
        codes = [cells[0] for cells, _ in grid.rows]
        column_right = 30 * MM + (595 - 45 * MM) * grid.headers[0][1] / 100
        for page in range(2, page_count(pdf) + 1):
            tops = _row_tops(boxes, page, codes, column_right)
            before = [b for b in boxes if b[0] == page - 1]
            if not tops or not _row_tops(boxes, page - 1, codes, column_right):
                continue  # the table does not run on from the page before
            first = 2 if tops[0][1] in {c for c, k in ((cells[0], kind_) for cells, kind_ in grid.rows)
                                         if k == "group"} and len(tops) > 2 else 1
            page_words = [b for b in boxes if b[0] == page]
            height = (tops[first][0] if len(tops) > first else max(b[4] for b in page_words) + 3) - tops[0][0]
            # below the last line there: a line's descent, its cell's padding and rule, read from the text's boxes to
            # within about a line (LINE)
            room = foot - max(b[4] for b in before)
            assert height > room - LINE, f"{kind}: page {page} starts with rows {tops[:first]} that fitted on page " \
                                         f"{page - 1} ({height:.0f} pt, {room:.0f} pt free)"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) không có")
@pytest.mark.parametrize("kind", ["month", "district"])
def test_libreoffice_lays_out_the_word_file_with_no_heading_at_a_page_foot(made, kind, tmp_path):
    document, _, word = made[kind]
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(word)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / f"{kind}.pdf"
    headings = _headings(document)
    for page in range(1, page_count(pdf)):
        lines = page_lines(pdf, page)
        assert lines and lines[-1] not in headings, (kind, page, lines[-1])
    body = " ".join(" ".join(page_lines(pdf, p)) for p in range(1, page_count(pdf) + 1))
    assert "Nơi nhận:" in body and "Số: 05/BC-" in body
