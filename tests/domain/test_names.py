"""domain.names: the names a unit or an area may have, and why another is refused."""

from __future__ import annotations

import pytest

from dti_desktop.domain.names import checked_name, name_problem
from dti_desktop.domain.text import name_key


@pytest.mark.parametrize("name", [
    "UBND phường Mạo Khê", "UBND xã Hòa Ân", "UBND xã Hoà An", "Phòng Văn hóa và Thông tin", "Phòng VH&TT",
    "thành phố Đông Triều", "TP. Đông Triều", "UBND huyện Ea H'leo", "UBND tỉnh Đắk Lắk", "Phường 1, Quận 3",
    "Trung tâm Văn hóa - Thể thao (cũ)", "Sở Khoa học và Công nghệ", "Công ty Nestlé", "ĐẶC KHU VÂN ĐỒN",
    "UBND xã Quảng Nghĩa", "UBND xã Yên Đức", "UBND phường Mạo  Khê",  # doubled space: clean() makes it one
    "UBND phường Mao Khe\u0302",  # typed NFD (Unikey "tổ hợp"): composed, as every name is
])
def test_names_of_vietnamese_writing_pass(name):
    assert name_problem(name) is None


@pytest.mark.parametrize("name, code", [
    ("UBND phường Mạo Khê\u200b", "U+200B"),          # zero-width space
    ("Phòng Văn hóa và Thông tin\u200c", "U+200C"),   # zero-width non-joiner
    ("UBND\u2060 phường Kim Sơn", "U+2060"),          # word joiner
    ("\u2066UBND phường Kim Sơn\u2069", "U+2066"),    # left-to-right isolate
    ("UBND phường \u202eKim Sơn", "U+202E"),          # right-to-left override
    ("UBND phường Kim Sơn\U000E0041", "U+E0041"),     # tag character
    ("UBND phường Kim\u00ad Sơn", "U+00AD"),          # soft hyphen
    ("\ufeffUBND phường Kim Sơn", "U+FEFF"),          # byte order mark
    ("UBND phường Kim Sơn\ue000", "U+E000"),          # private use
    ("UBND phường Kim So\u034fn", "U+034F"),          # combining grapheme joiner
    ("UBND phường Kim Sơn\ufe0f", "U+FE0F"),          # variation selector
    ("UBND\u3164phường", "U+3164"),                   # Hangul filler
    ("UBND\u2800phường Kim Sơn", "U+2800"),           # Braille blank
    ("\u200b\u200d", "U+200B"),                       # nothing but invisible characters
    ("UBND phường Кim Sơn", "U+041A"),                # Cyrillic К mixed in
    ("АВС", "U+0410"),                                # a whole name of Cyrillic look-alikes
    ("UBND phường Kim Sοn", "U+03BF"),                # Greek omicron
    ("UBND phường Kım Sơn", "U+0131"),                # dotless i
    ("ＵＢＮＤ phường Kim Sơn", "U+FF35"),             # full-width letters
    ("UBND phường ﬁ", "U+FB01"),                      # ligature
    ("UBND phường ①", "U+2460"),                      # circled digit
    ("UBND phường ١", "U+0661"),                      # Arabic-Indic digit
    ("UBND phường Kim Sx\u0301n", "U+0301"),          # a mark no Vietnamese letter carries
])
def test_a_name_with_a_character_printing_as_nothing_or_as_another_is_refused(name, code):
    problem = name_problem(name)
    assert problem is not None and code in problem
    with pytest.raises(ValueError, match=code.replace("+", "\\+")):
        checked_name(name)


def test_checked_name_is_the_clean_name():
    assert checked_name("  UBND phường  Mao Khe\u0302 ") == "UBND phường Mao Khê"


def test_name_key_leaves_out_what_prints_as_nothing():
    key = name_key("UBND phường Mạo Khê")
    for twin in ("UBND phường Mạo Khê\u200b", "\u2066UBND phường Mạo Khê\u2069", "UBND phường Mạo Kh\U000E0041ê"):
        assert name_key(twin) == key
    assert name_key("UBND phường Мạo Khê") != key  # a Cyrillic letter is another name: refused, not folded
