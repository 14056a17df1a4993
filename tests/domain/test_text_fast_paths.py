"""fold, drop_invisible and name_key take a short way for Vietnamese written in Latin letters (a country's 3,321
names are keyed at every start): it gives what the character-by-character way gives, NFD input, invisible
characters and other alphabets included."""

from __future__ import annotations

import unicodedata

import pytest

from dti_desktop.domain.text import _SPACES, _TONES, clean, drop_invisible, fold, invisible, name_key, nfc

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
SAMPLES = [
    "UBND phường Mạo Khê", "Ủy ban nhân dân xã Tràng Lương", "Hoà An", "Hòa Ân", "TP. Hạ Long (cũ)",
    VIETNAMESE, VIETNAMESE.upper(), unicodedata.normalize("NFD", "Đông Triều, Quảng Ninh"),
    "UBND phường Kim\u200bSơn", "Kim\u034fSơn", "UBND phường Кim Sơn", "Ωmega Ｆull", "São Tomé Ærø ĳ ǅ",
    "  nhiều   khoảng   trắng ", "",
]


def _fold_one_by_one(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", nfc(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def _name_key_one_by_one(text: str) -> str:
    text = "".join(ch for ch in text if not invisible(ch))
    words = []
    for word in unicodedata.normalize("NFD", clean(text).casefold()).split(" "):
        tones = "".join(sorted({c for c in word if c in _TONES}))
        words.append(unicodedata.normalize("NFC", "".join(c for c in word if c not in _TONES) + tones))
    return f"{_fold_one_by_one(text)}\x1f{' '.join(words)}"


@pytest.mark.parametrize("text", SAMPLES)
def test_fold_and_name_key_give_what_the_one_by_one_way_gives(text):
    assert fold(text) == _fold_one_by_one(text)
    assert name_key(text) == _name_key_one_by_one(text)
    assert drop_invisible(text) == "".join(ch for ch in text if not invisible(ch))


def test_the_short_way_still_drops_what_prints_as_nothing():
    assert drop_invisible("Kim\u034fSơn") == "KimSơn" and drop_invisible("Kim\u200bSơn") == "KimSơn"
    assert name_key("UBND phường Kim\u200bSơn") == name_key("UBND phường KimSơn")
    assert fold("Chữ Ký Số") == "chu ky so" and name_key("Hoà An") == name_key("Hòa An") != name_key("Hòa Ân")


def test_every_character_of_plain_writing_is_one_a_name_may_hold():
    from dti_desktop.domain.names import PLAIN_WRITING, char_problem, name_problem

    plain = [chr(c) for c in range(0x20, 0x7f)] + list(VIETNAMESE + VIETNAMESE.upper())
    assert all(PLAIN_WRITING.fullmatch(ch) and char_problem(ch) is None for ch in plain)
    assert not PLAIN_WRITING.fullmatch("UBND phường Кim Sơn") and name_problem("UBND phường Кim Sơn")
    assert name_problem("Kim\u200bSơn") and name_problem("ﬁ") and name_problem(unicodedata.normalize("NFD", "Sơn")) is None
