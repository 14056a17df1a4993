"""Pieces of the NĐ 30 frame: the place of the date line, the default recipients, the body's remarks."""

from __future__ import annotations

import pytest

from dti_desktop.domain.admin_doc import closed, default_recipients, difficulty_lines, labelled, place_of


@pytest.mark.parametrize("name, place", [
    ("UBND phường Mạo Khê", "Mạo Khê"), ("UBND xã An Sinh", "An Sinh"), ("thành phố Đông Triều", "Đông Triều"),
    ("tỉnh Quảng Ninh", "Quảng Ninh"), ("TP Uông Bí", "Uông Bí"), ("TP. Hạ Long", "Hạ Long"),
    ("đặc khu Vân Đồn", "Vân Đồn"), ("UBND thị trấn Cái Rồng", "Cái Rồng"),
    ("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"),  # no place word: the whole name, not "nghệ"
])
def test_place_of_the_date_line(name, place):
    assert place_of(name) == place


def test_default_recipients_go_up_not_to_a_placeholder():
    assert default_recipients("Phòng Văn hóa và Thông tin")[0] == "- Phòng Văn hóa và Thông tin (b/c);"
    assert default_recipients("", "tỉnh Quảng Ninh")[0] == "- UBND tỉnh Quảng Ninh (b/c);"
    assert default_recipients("")[-1] == "- Lưu: VT."


def test_a_difficulty_and_its_cause_are_two_punctuated_sentences():
    """Reviewers read "… trực tuyến Nguyên nhân: Hạ tầng …": no full stop, no break before the cause."""
    assert difficulty_lines("Chỉ tiêu 6", "Người dân lớn tuổi chưa quen nộp hồ sơ trực tuyến",
                            "Hạ tầng mạng ở khu 5 còn yếu") == [
        "- Chỉ tiêu 6: Người dân lớn tuổi chưa quen nộp hồ sơ trực tuyến.",
        "Nguyên nhân: Hạ tầng mạng ở khu 5 còn yếu."]


def test_a_difficulty_typed_as_a_list_keeps_its_lines_below_the_label():
    """"Chỉ tiêu II.7: - Đến nay …" glued the list to the label; each item is its own line, under it."""
    assert difficulty_lines("Chỉ tiêu II.7", "- Đến nay còn 5 hồ sơ\r\n-Máy quét hỏng;\v\n  \n", "") == [
        "- Chỉ tiêu II.7:", "+ Đến nay còn 5 hồ sơ.", "+ Máy quét hỏng;"]
    assert difficulty_lines("Chỉ tiêu 9", "", "Thiếu kinh phí:\n- mua máy quét\n- thuê nhân lực") == [
        "- Chỉ tiêu 9:", "Nguyên nhân: Thiếu kinh phí:", "+ mua máy quét.", "+ thuê nhân lực."]
    assert difficulty_lines("Chỉ tiêu 9", " ", "\n") == []
    assert labelled("- Chỉ tiêu 3", "Giảm -5% so với kỳ trước\n-5% là do mất điện") == [
        "- Chỉ tiêu 3: Giảm -5% so với kỳ trước.", "-5% là do mất điện."]  # a negative number is no list item


@pytest.mark.parametrize("last, ending", [("Bổ sung biên chế.", "Bổ sung biên chế./."), ("Không có", "Không có./."),
                                          ("+ Máy quét hỏng; ", "+ Máy quét hỏng./.")])
def test_the_body_closes_after_its_last_word(last, ending):
    assert closed(last) == ending


@pytest.mark.parametrize("name, commune_level, issuer", [
    ("Phường Bãi Cháy", True, "UBND phường Bãi Cháy"),  # typed without "UBND": its People's Committee issues
    ("đặc khu Vân Đồn", True, "UBND đặc khu Vân Đồn"),
    ("UBND xã An Sinh", True, "UBND xã An Sinh"),
    ("Ủy ban nhân dân phường Hà Tu", True, "Ủy ban nhân dân phường Hà Tu"),
    ("Sở Khoa học và Công nghệ", False, "Sở Khoa học và Công nghệ"),  # an agency issues in its own name
    ("Uỷ ban nhân dân phường Hà Tu", True, "Uỷ ban nhân dân phường Hà Tu"),  # the old tone placement
    ("Mạo Khê", True, "UBND phường Mạo Khê"),  # no kind word: the unit's kind is
])
def test_a_commune_level_unit_issues_as_its_peoples_committee(name, commune_level, issuer):
    from dti_desktop.domain.admin_doc import issuing_body, sign_for

    assert issuing_body(name, commune_level, "Phường") == issuer
    assert (sign_for(issuer) == "TM. ỦY BAN NHÂN DÂN") == commune_level
