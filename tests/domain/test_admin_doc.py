"""Pieces of the NĐ 30 frame: the place of the date line and the default recipients."""

from __future__ import annotations

import pytest

from dti_desktop.domain.admin_doc import default_recipients, place_of


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
