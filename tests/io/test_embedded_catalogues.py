"""The shipped catalogues against the annex headings of the seed documents."""

from __future__ import annotations

import re

import pytest

from dti_desktop.domain.text import fold
from dti_desktop.io.catalogue_json import read_catalogue
from tests.helpers import CATALOGUES

_COUNT = re.compile(r"\((\d+) (?:chỉ tiêu|mục tiêu)")


def _declared(title: str) -> int | None:
    m = _COUNT.search(title)
    return int(m.group(1)) if m else None


@pytest.mark.parametrize("name", sorted(p.name for p in CATALOGUES.glob("*.json")))
def test_every_heading_count_matches_its_targets(name):
    catalogue = read_catalogue(CATALOGUES / name)
    for part in catalogue.parts:
        for group in part.groups:
            if (declared := _declared(group.title)) is not None:
                assert len(group.targets) == declared, (name, group.no, group.title)
        if (declared := _declared(part.title)) is not None:
            assert sum(len(g.targets) for g in part.groups) == declared, (name, part.key)


def test_dong_trieu_2025_groups_and_27_targets():
    catalogue = read_catalogue(CATALOGUES / "dong-trieu-2025.json")
    annex1, annex2 = catalogue.parts
    assert [(g.no, len(g.targets)) for g in annex1.groups] == [("I", 1), ("II", 10), ("III", 4), ("IV", 7)]
    assert sum(len(g.targets) for g in annex2.groups) == 5
    assert len(catalogue.targets()) == 27
    assert catalogue.plan.number == "36/KH-UBND" and catalogue.plan.date == "2025-02-06"


def test_dong_trieu_2025_cells_as_printed():
    targets = read_catalogue(CATALOGUES / "dong-trieu-2025.json").targets()
    t12 = targets[11]
    assert t12.province_goal == "10%; 10%; 47-50%; 30%" and t12.level == "*Chỉ tiêu mới"
    assert t12.lead == "Phòng Tài chính - Kế hoạch; Chi Cục Thống kê thành phố"
    assert targets[15].province_goal == "80&"  # the annex's own typo, kept
    assert targets[9].level == "Triển khai đồng bộ với tỉnh"
    own5 = targets[26]
    assert (own5.previous_result, own5.local_goal, own5.level) == ("500 điểm", "1000 điểm", "Nâng cao")
    assert own5.basis.startswith("KH 88/KH-UBND ngày 18/3/2024")


def test_dong_trieu_2024_results_and_goals():
    catalogue = read_catalogue(CATALOGUES / "dong-trieu-2024.json")
    a, b = catalogue.parts
    assert [(g.no, len(g.targets)) for g in a.groups] == [("I", 3), ("II", 11), ("III", 6), ("IV", 8)]
    assert len(b.groups[0].targets) == 6
    assert catalogue.plan.report_day == 20
    first = a.groups[0].targets[0]
    assert (first.previous_result, first.province_goal, first.local_goal) == (
        "Đang chuẩn bị thực hiện 03 CSDL", "6", "6")


def test_mong_cai_2023_annex():
    catalogue = read_catalogue(CATALOGUES / "mong-cai-2023.json")
    (part,) = catalogue.parts
    assert [len(g.targets) for g in part.groups] == [3, 7, 8, 13]
    assert [t.tt for t in catalogue.targets()] == [str(i) for i in range(1, 32)]
    assert catalogue.plan.report_day == 15


@pytest.mark.parametrize("name", sorted(p.name for p in CATALOGUES.glob("*.json")))
def test_text_is_nfc_and_trimmed(name):
    import unicodedata

    for target in read_catalogue(CATALOGUES / name).targets():
        for value in (target.text, target.lead, target.coordinating, target.local_goal):
            assert value == unicodedata.normalize("NFC", value) == value.strip()
            assert "  " not in value
        assert fold(target.text)
