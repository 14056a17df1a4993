"""The words of a report made from its results (domain.report_words, report_doc, report_table)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dti_desktop.domain.periods import Period
from dti_desktop.domain.report_doc import header_lines, roman
from dti_desktop.domain.report_table import MAX_EVIDENCE, text_widths
from dti_desktop.domain.report_words import (Dated, addressed, changes, counts, group_heading, group_title, numbered,
                                             target_sentence)
from dti_desktop.services.report_common import document_number
from tests.helpers import report_line


@pytest.mark.parametrize("name, lines", [
    ("PHÒNG VĂN HÓA VÀ THÔNG TIN", ["PHÒNG VĂN HÓA", "VÀ THÔNG TIN"]),  # it wrapped "THÔNG / TIN"
    ("ỦY BAN NHÂN DÂN PHƯỜNG HỒNG THÁI ĐÔNG", ["ỦY BAN NHÂN DÂN", "PHƯỜNG HỒNG THÁI ĐÔNG"]),
    ("UBND PHƯỜNG MẠO KHÊ", ["UBND PHƯỜNG MẠO KHÊ"])])
def test_the_issuers_name_breaks_between_phrases(name, lines):
    assert header_lines(name) == lines


@pytest.mark.parametrize("typed, printed", [("5", "05"), ("12", "12"), ("05", "05"), ("", ""), ("7a", "7a")])
def test_numbers_under_ten_have_two_digits_as_nd30_writes_them(typed, printed):
    assert document_number(typed) == printed


def test_group_heading_counts_what_is_done_in_two_digits():
    done = report_line("1", status="hoan_thanh")
    doing = report_line("2", status="dang_trien_khai", assessment="khong_dat")
    title = group_title(("I", "Về phát triển dữ liệu số (03 chỉ tiêu, trong đó: 01 chỉ tiêu nâng cao)"))
    assert title == "Về phát triển dữ liệu số" and roman(4) == "IV"
    assert group_heading(1, title, [Dated(done, Period(2025, 3)), Dated(doing, Period(2025, 3))]) == \
        "1. Về phát triển dữ liệu số: Đã hoàn thành 01/02 chỉ tiêu"


def test_a_targets_sentence_names_the_month_its_figure_is_from_when_not_the_last():
    line = report_line("6", goal="90%", status="dang_trien_khai", assessment="khong_dat")
    sentence = target_sentence(Dated(line, Period(2025, 4)), Period(2025, 6))
    assert sentence.startswith("- Chỉ tiêu 6 (Chỉ tiêu 6): mục tiêu 90%;")
    assert sentence.endswith("đang triển khai, chưa đạt mục tiêu.")
    missing = target_sentence(Dated(replace(line, entry=None), None), Period(2025, 6))
    assert missing == "- Chỉ tiêu 6 (Chỉ tiêu 6): mục tiêu 90%; chưa có kết quả."


def test_what_changed_since_the_report_before():
    now = [Dated(report_line("1"), Period(2025, 6)), Dated(report_line("2"), Period(2025, 6))]
    before = [Dated(report_line("1", status="dang_trien_khai", assessment="khong_dat"), Period(2025, 3)),
              Dated(replace(report_line("2"), entry=None), None)]
    assert changes(now, before, "quý I năm 2025") == (
        "So với quý I năm 2025: hoàn thành thêm 02 chỉ tiêu (chỉ tiêu 1, 2); đạt mục tiêu thêm 02 chỉ tiêu (chỉ tiêu "
        "1, 2); có kết quả lần đầu 01 chỉ tiêu (chỉ tiêu 2).")
    assert changes(now, [Dated(replace(report_line("1"), entry=None), None)], "tháng 02/2025") == ""
    assert counts(now).done == 2 and counts(now).reached == 2


def test_proposals_are_numbered_and_addressed():
    items = [addressed("Hỗ trợ 02 máy quét.", "Phòng Văn hóa và Thông tin"),
             addressed("Đề nghị Sở Khoa học và Công nghệ tập huấn", "Phòng Văn hóa và Thông tin"),
             addressed("Quảng Ninh sớm ban hành hướng dẫn", "UBND tỉnh")]
    assert numbered(items) == ["1. Đề nghị Phòng Văn hóa và Thông tin hỗ trợ 02 máy quét.",
                               "2. Đề nghị Sở Khoa học và Công nghệ tập huấn.",
                               "3. Đề nghị UBND tỉnh Quảng Ninh sớm ban hành hướng dẫn."]


def test_a_long_evidence_note_gets_a_wider_column():
    targets = ["Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình đạt 80%"] * 10
    short = text_widths(targets, ["Báo cáo"] * 10)[1]
    long = text_widths(targets, ["Báo cáo"] * 7 + ["Danh sách hồ sơ, biên bản kiểm tra, số liệu trích từ hệ thống " * 6] * 3)[1]
    assert short < long <= MAX_EVIDENCE
