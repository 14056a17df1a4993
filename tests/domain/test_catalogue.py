"""Catalogue rules: codes unique per plan, group kinds, levels, identity."""

from __future__ import annotations

import pytest

from dti_desktop.domain.annex import Catalogue, Group, Part
from dti_desktop.domain.catalogue import GroupKind, Level, Plan, Target, group_kind, level_of
from dti_desktop.io.catalogue_json import read_catalogue
from tests.helpers import CATALOGUES


def _plan() -> Plan:
    return Plan(number="1/KH-UBND", date="2025-01-01", issuer="UBND", year=2025)


def test_codes_plain_tt_in_first_part_prefixed_in_later_parts():
    catalogue = read_catalogue(CATALOGUES / "dong-trieu-2025.json")
    codes = catalogue.codes()
    assert codes[:3] == ["1", "2", "3"] and codes[21] == "22"
    assert codes[22:] == ["PL2.1", "PL2.2", "PL2.3", "PL2.4", "PL2.5"]
    assert len(set(codes)) == len(codes)


def test_codes_group_prefix_where_tt_restarts_per_group():
    catalogue = read_catalogue(CATALOGUES / "dong-trieu-2024.json")
    codes = catalogue.codes()
    assert codes[:4] == ["I.1", "I.2", "I.3", "II.1"]
    assert codes[-1] == "B.6"
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize("title, kind", [
    ("Về phát triển dữ liệu số (01 chỉ tiêu)", GroupKind.DU_LIEU_SO),
    ("Phát triển chính quyền số", GroupKind.CHINH_QUYEN_SO),
    ("Về phát triển kinh tế số", GroupKind.KINH_TE_SO),
    ("Về phát triển xã hội số", GroupKind.XA_HOI_SO),
    ("Hạ tầng số", GroupKind.HA_TANG_SO),
    ("Bảo đảm an toàn thông tin mạng", GroupKind.AN_TOAN_THONG_TIN),
    ("Mục tiêu riêng", GroupKind.OTHER),
])
def test_group_kind_from_heading(title, kind):
    assert group_kind(title) is kind


@pytest.mark.parametrize("text, level", [
    ("*Chỉ tiêu mới", Level.MOI), ("Mục tiêu mới *", Level.MOI), ("Nâng cao", Level.NANG_CAO),
    ("Triển khai đồng bộ với tỉnh", Level.DONG_BO), ("Triển khai đồng bộ", Level.DONG_BO),
    ("Phấn đấu hoàn thành", Level.NONE),
])
def test_level_normalised(text, level):
    assert level_of(text) is level


def test_identity_changes_with_any_target_field():
    t = Target(tt="1", text="A", local_goal="80%")
    a = Catalogue(_plan(), (Part("", "", (Group("I", "Dữ liệu số", (t,)),)),))
    b = Catalogue(_plan(), (Part("", "", (Group("I", "Dữ liệu số", (Target(tt="1", text="A", local_goal="90%"),)),)),))
    assert a.identity() != b.identity()
    assert a.identity() == Catalogue(_plan(), a.parts).identity()


def test_target_goal_falls_back_to_province_goal():
    assert Target(tt="1", text="x", province_goal="50%").goal.measures[0].low == 50
    assert Target(tt="1", text="x", province_goal="50%", local_goal="60%").goal.measures[0].low == 60


def test_a_goal_prints_with_a_space_after_each_semicolon():
    """"100%;100%" (Đông Triều 2025, TT 18) wrapped as "100%;100" / "%" in the report's narrow goal column."""
    assert Target(tt="18", text="Học bạ số", local_goal="100%;100%").goal_text == "100%; 100%"
    assert Target(tt="1", text="X", local_goal="", province_goal="80% ;  90%").goal_text == "80%; 90%"
    assert Target(tt="2", text="X").goal_text == "-"


def test_a_special_zone_is_given_what_every_commune_is_given():
    """Đặc khu Vân Đồn (since 1 July 2025) was entered as "Khác" and missed the targets whose coordinating
    column reads "UBND các xã, phường, đặc khu"."""
    from dti_desktop.domain.units import Unit, UnitKind, role_for

    zone = Unit("UBND đặc khu Vân Đồn", UnitKind.DAC_KHU, "tỉnh Quảng Ninh")
    target = Target(tt="13", text="Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử", lead="Sở Công Thương",
                    coordinating="UBND các xã, phường, đặc khu")
    assert UnitKind.DAC_KHU.commune_level and UnitKind.DAC_KHU.label == "Đặc khu"
    assert role_for(zone, target) == "coordinating"
    assert role_for(zone, Target(tt="1", text="X", lead="Các đặc khu")) == "lead"
