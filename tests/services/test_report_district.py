"""The office's report stays a report when many units send: units sharing a line are named together, at most
MAX_NAMED of them, and the tables with a row a unit become counts and the ranking's two ends."""

from __future__ import annotations

from datetime import date

import pytest

from dti_desktop.domain.periods import Period
from dti_desktop.domain.progress import Assessment, Status
from dti_desktop.domain.report_doc import Grid, Para
from dti_desktop.services import district, report_district
from dti_desktop.services.report_district import district_report

MARCH = Period(2025, 3)
WHY = "Cổng DVC tính thiếu hồ sơ"


@pytest.fixture
def two_alike(office, mao_khe, kim_son, tmp_path):
    """Both units set target 6 to Đạt by hand at 50 %, for the same reason."""
    for unit in (mao_khe, kim_son):
        unit.record("6", {0: "50"}, Status.HOAN_THANH, assessment=Assessment.DAT, assessment_auto=False,
                    override_reason=WHY)
    db, store = office
    district.import_packages(db, store, [u.export(tmp_path / "usb").path for u in (mao_khe, kim_son)])
    return db


def _texts(db) -> list[str]:
    return [b.text for b in district_report(db, MARCH, date(2025, 4, 2)).body if isinstance(b, Para)]


def test_units_judged_alike_share_one_line(two_alike):
    said = [t for t in _texts(two_alike) if t.startswith("+ Chỉ tiêu 6,")]
    assert said == [("+ Chỉ tiêu 6, 02 đơn vị — UBND phường Kim Sơn, UBND phường Mạo Khê: Chưa đạt (tính lại; "
                     f"đơn vị tự đánh giá “Đạt”: {WHY})")]


def test_more_units_than_named_are_counted_and_left_to_the_workbook(two_alike, monkeypatch):
    monkeypatch.setattr(report_district, "MAX_NAMED", 1)
    said = [t for t in _texts(two_alike) if t.startswith("+ Chỉ tiêu 6,")]
    assert said == [("+ Chỉ tiêu 6, 02 đơn vị — UBND phường Kim Sơn và 01 đơn vị khác (đủ tên trong bảng Excel "
                     f"tổng hợp): Chưa đạt (tính lại; đơn vị tự đánh giá “Đạt”: {WHY})")]


def test_many_units_are_counted_by_state_and_only_the_rankings_ends_printed(two_alike, monkeypatch):
    monkeypatch.setattr(report_district, "LONG_LIST", 1)
    monkeypatch.setattr(report_district, "RANK_ENDS", 0)
    doc = district_report(two_alike, MARCH, date(2025, 4, 2))
    grids = [b for b in doc.body if isinstance(b, Grid)]
    sending = next(g for g in grids if g.headers[0][0] == "Tình trạng")
    assert [cells for cells, _ in sending.rows] == [("Muộn", "02", "100")]  # received after 15/03
    ranking = next(g for g in grids if g.headers[0][0] == "Hạng")
    assert ranking.rows == ((("…", "02 đơn vị ở giữa bảng xếp hạng"), "group"),)
    texts = [b.text for b in doc.body if isinstance(b, Para)]
    assert "Gửi muộn: UBND phường Kim Sơn, UBND phường Mạo Khê." in texts
    assert not any(g.headers[0][0] == "Đơn vị" for g in grids)  # no row a unit
