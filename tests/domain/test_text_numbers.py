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
