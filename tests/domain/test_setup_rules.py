"""Rules the command line's set-up shares with the dialogs: the kind a name says, settings tidied, deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from dti_desktop.domain.periods import Period
from dti_desktop.domain.settings import Settings, tidy
from dti_desktop.domain.units import UnitKind, kind_from_name


@pytest.mark.parametrize("name, kind", [
    ("UBND phường Mạo Khê", UnitKind.PHUONG), ("Ủy ban nhân dân xã Yên Đức", UnitKind.XA),
    ("UBND thị trấn Mạo Khê", UnitKind.THI_TRAN), ("UBND đặc khu Cô Tô", UnitKind.DAC_KHU),
    ("UBND thị xã Quảng Yên", UnitKind.HUYEN), ("UBND thành phố Đông Triều", UnitKind.HUYEN),
    ("Phường Hồng Gai", UnitKind.PHUONG), ("Phòng Văn hóa và Thông tin", UnitKind.CO_QUAN),
    ("Sở Khoa học và Công nghệ", UnitKind.CO_QUAN), ("Công an phường Mạo Khê", UnitKind.CO_QUAN),
    ("UBND tỉnh Quảng Ninh", None), ("Mạo Khê", None),
])
def test_kind_from_name(name, kind):
    assert kind_from_name(name) is kind


def test_tidy_keeps_settings_as_the_form_does():
    s = tidy(Settings(unit_name="  UBND  phường Mạo Khê ", signatory_title=" KT. CHỦ TỊCH \n\n PHÓ CHỦ TỊCH ",
                      issuer_code=" bc-vhtt ", recipients="- A;\n\n- Lưu: VT. "), UnitKind.PHUONG)
    assert (s.unit_name, s.signatory_title, s.issuer_code, s.recipients) == (
        "UBND phường Mạo Khê", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "VHTT", "- A;\n- Lưu: VT.")
    assert tidy(Settings(unit_name="Phòng Nội vụ", signatory_title=""), UnitKind.CO_QUAN).signatory_title == \
        "TRƯỞNG PHÒNG"
    with pytest.raises(ValueError, match="từ 1 đến 28"):
        tidy(Settings(report_day=0), UnitKind.XA)


@pytest.mark.parametrize("kind, period, due", [
    ("month", Period(2025, 3), date(2025, 3, 20)), ("summary", Period(2025, 3), date(2025, 3, 20)),
    ("district", Period(2025, 3), date(2025, 3, 20)), ("quarter", Period(2025, 4), date(2025, 6, 15)),
    ("year", Period(2025, 2), date(2025, 12, 9)),
])
def test_the_deadline_of_each_report(kind, period, due):
    assert period.deadline(kind, 20) == due
