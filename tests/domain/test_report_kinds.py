"""The one table of report kinds: names, files offered, who sees which."""

import pytest

from dti_desktop.domain.errors import BadInput
from dti_desktop.domain.periods import Period
from dti_desktop.domain.report_kinds import KEYS, file_name, report_kind, with_texts


def test_report_kinds_keys_in_menu_order():
    assert KEYS == ("month", "quarter", "year", "summary", "district")


def test_report_kinds_only_the_consolidated_report_is_the_office_s():
    assert [key for key in KEYS if report_kind(key).office_only] == ["district"]


def test_report_kinds_summary_has_no_texts_of_its_own():
    assert [k.key for k in with_texts()] == ["month", "quarter", "year", "district"]
    assert report_kind("quarter").texts_word == "quý"


@pytest.mark.parametrize("key, expected", [("month", "bao-cao-thang-05-2025.pdf"),
                                           ("quarter", "bao-cao-quy-II-2025.pdf"),
                                           ("year", "bao-cao-nam-2025.pdf"),
                                           ("summary", "phieu-tong-hop-05-2025.pdf"),
                                           ("district", "bao-cao-tong-hop-05-2025.pdf")])
def test_report_kinds_file_name_by_the_span_covered(key, expected):
    assert file_name(key, Period(2025, 5)) == expected


def test_report_kinds_file_name_word_suffix():
    assert file_name("quarter", Period(2025, 12), ".docx") == "bao-cao-quy-IV-2025.docx"


def test_report_kinds_unknown_kind_is_told_in_vietnamese():
    with pytest.raises(BadInput, match="Loại báo cáo “week” không có"):
        report_kind("week")
