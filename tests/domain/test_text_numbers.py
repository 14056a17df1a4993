"""Vietnamese text folding and number formats."""

from __future__ import annotations

import unicodedata

import pytest

from dti_desktop.domain.numbers import format_number, parse_number
from dti_desktop.domain.text import clean, fold, nfc


def test_fold_drops_marks_and_d_stroke():
    assert fold("Chữ Ký Số") == "chu ky so"
    assert fold("Đông Triều") == "dong trieu"


def test_nfc_and_clean_join_nfd_and_spaces():
    nfd = unicodedata.normalize("NFD", "Phường  Yên   Giang ")
    assert clean(nfd) == "Phường Yên Giang"
    assert nfc(nfd) == unicodedata.normalize("NFC", nfd)


@pytest.mark.parametrize("text, value", [("85,5", 85.5), ("85.5", 85.5), ("1.000", 1000),
                                          ("1.234,5", 1234.5), ("03", 3), ("", None), ("abc", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("value, text", [(1234.5, "1.234,5"), (100, "100"), (33.333, "33,33"), (None, "")])
def test_format_number_uses_decimal_comma(value, text):
    assert format_number(value) == text


def test_name_key_ignores_spelling_but_keeps_every_tone_and_letter():
    from dti_desktop.domain.text import name_key

    same = ["UBND xã Hòa An", "UBND xã Hoà An", "ubnd  XÃ hòa an ", unicodedata.normalize("NFD", "UBND xã Hòa An")]
    assert len({name_key(n) for n in same}) == 1
    assert name_key("UBND phường Thúy") == name_key("UBND phường Thuý")
    assert len({name_key(n) for n in ("UBND xã Hòa An", "UBND xã Hòa Ân", "UBND xã Hòa Án", "UBND xã Hoa An")}) == 4
    assert sorted(["UBND xã Đông Xá", "UBND xã An Sinh", "UBND xã Bình Khê"], key=name_key) == [
        "UBND xã An Sinh", "UBND xã Bình Khê", "UBND xã Đông Xá"]  # ordered as their accent-free forms


def test_shorten_cuts_after_a_whole_word_and_marks_the_cut():
    """A text cut mid-word with no mark ("…; đố") read as a typo in the office's target picker."""
    from dti_desktop.domain.text import shorten

    text = "Đối với UBND thành phố đạt 100%; đối với UBND xã, phường đạt tối thiểu 95%"
    assert shorten(text, 200) == text
    assert shorten(text, 36) == "Đối với UBND thành phố đạt 100%…"  # not "…100%; đố"
    assert all(len(shorten(text, n)) <= n and shorten(text, n).endswith("…") for n in range(2, len(text)))
    assert shorten("Chuyểnđổisốtoàndiện", 8) == "Chuyểnđ…"  # one long word: cut where it must



@pytest.mark.parametrize("one, other", [("thành phố Đông Triều", "TP. Đông Triều"), ("thành phố Đông Triều", "Đông Triều"),
                                        ("tỉnh Quảng Ninh", "Quảng Ninh"), ("TX Quảng Yên", "thị xã  quảng yên"),
                                        ("TP.Đông Triều", "thành phố Đông Triều"), ("", ""),
                                        ("huyện Tĩnh Gia", "Tĩnh Gia")])  # "Tĩnh" is a name, "tỉnh" a level
def test_an_area_is_one_area_however_its_level_is_written(one, other):
    from dti_desktop.domain.text import same_area

    assert same_area(one, other) and same_area(other, one)


@pytest.mark.parametrize("one, other", [("huyện Kỳ Anh", "thị xã Kỳ Anh"), ("tỉnh Bắc Ninh", "thành phố Bắc Ninh"),
                                        ("huyện Cai Lậy", "thị xã Cai Lậy"), ("tỉnh Quảng Ninh", "tỉnh Lạng Sơn"),
                                        ("thành phố Đông Triều", ""), ("huyện X", "thành phố X Y")])
def test_two_areas_of_different_levels_or_names_stay_two(one, other):
    """Same-named districts and towns stood side by side until 2025: one office must not take the other's units."""
    from dti_desktop.domain.text import same_area

    assert not same_area(one, other) and not same_area(other, one)
