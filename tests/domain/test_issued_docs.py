"""The register of issued documents: kinds read from numbers, lines and counts as the seeds write them."""

from __future__ import annotations

from datetime import date

import pytest

from dti_desktop.domain.issued_docs import DocumentError, checked, count_text, kind_of, summary
from dti_desktop.domain.report_texts import ReportTexts, period_key, previous_period
from dti_desktop.domain.periods import Period


@pytest.mark.parametrize("number, kind", [("36/KH-UBND", "Kế hoạch"), ("12/2024/QĐ-UBND", "Quyết định"),
                                          ("945/UBND-VHTT", "Công văn"), ("154/BC-UBND", "Báo cáo"),
                                          ("01/KH-BCĐ", "Kế hoạch"), ("480/TB-UBND", "Thông báo"),
                                          ("19-CTr/TU", "Chương trình"), ("1256", "Công văn")])
def test_kind_of_reads_the_symbol_in_the_number(number, kind):
    assert kind_of(number) == kind


def test_a_document_line_reads_as_seed_003_writes_it():
    doc = checked("145/KH-UBND", date(2024, 4, 3), abstract="Truyền thông, tuyên truyền chuyển đổi số năm 2024")
    assert doc.line() == "Kế hoạch số 145/KH-UBND ngày 03/04/2024 về truyền thông, tuyên truyền chuyển đổi số năm 2024"
    kept = checked("945/UBND-VHTT", date(2024, 4, 10), abstract="V/v tăng cường đảm bảo an ninh mạng.")
    assert kept.line().endswith("V/v tăng cường đảm bảo an ninh mạng") and kept.kind == "Công văn"
    named = checked("1/KH-UBND", date(2024, 4, 10), abstract="UBND tỉnh giao")
    assert named.abstract == "về UBND tỉnh giao"


@pytest.mark.parametrize("number, day, kind, message", [
    ("", date(2025, 1, 2), "", "Chưa nhập số"), ("abc", date(2025, 1, 2), "", "không đúng dạng"),
    ("3/KH", None, "", "Chưa nhập ngày"), ("3/KH", date(2025, 1, 2), "Thư tay", "Loại văn bản")])
def test_an_entry_to_correct_is_refused_in_vietnamese(number, day, kind, message):
    with pytest.raises(DocumentError, match=message):
        checked(number, day, kind)


def test_counts_by_kind_with_two_digits_as_seed_002():
    docs = [checked(n, date(2024, 5, 1)) for n in ("1/KH-UBND", "2/KH-UBND", "3/QĐ-UBND", *(f"{i}/UBND-VHTT" for i in range(10, 22)))]
    assert count_text(docs) == "01 Quyết định, 02 Kế hoạch, 12 Công văn"
    assert summary("UBND phường Mạo Khê", "năm 2024", docs).startswith(
        "Trong năm 2024, UBND phường Mạo Khê đã ban hành 15 văn bản chỉ đạo, triển khai")


def test_report_texts_keys_and_previous_periods():
    assert period_key("quarter", Period(2025, 5)) == "2025-Q2" and period_key("year", Period(2025, 5)) == "2025"
    assert previous_period("quarter", Period(2025, 2)) == Period(2024, 12)
    assert previous_period("quarter", Period(2025, 8)) == Period(2025, 6)
    assert previous_period("month", Period(2025, 1)) == Period(2024, 12)
    tidy = ReportTexts(uu_diem="  a \n\n b ", tasks={"x": " ", "y": "c"}).tidy()
    assert tidy.uu_diem == "a\nb" and tidy.tasks == {"y": "c"}
    with pytest.raises(ValueError, match="Ưu điểm"):
        ReportTexts(uu_diem="x" * 20_001).tidy()
