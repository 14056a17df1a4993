"""Report lines and the figures printed beside them."""

from __future__ import annotations

from dataclasses import replace

from dti_desktop.domain.report import SHARE_BANDS, share_bands


def test_share_bands_count_each_unit_once_at_the_edges():
    labels, counts = share_bands([0, 19.99, 20, 39.9, 40, 60, 79.99, 80, 99.9, 100, 100])
    assert labels == [label for _, _, label in SHARE_BANDS] and labels[0] == "Dưới 20%" and labels[-1] == "100%"
    assert counts == [2, 2, 1, 2, 2, 2]


def test_share_bands_of_no_units_are_all_zero():
    assert share_bands([])[1] == [0] * len(SHARE_BANDS)


def test_a_units_cell_shows_result_status_and_assessment():
    """The consolidated cell hid a Chưa đạt behind its status, and began with a space when there was no result."""
    from dti_desktop.domain.progress import MeasureValue
    from dti_desktop.domain.report import TargetAcrossUnits
    from tests.helpers import report_line

    words = report_line("1", goal="Hoàn thành", assessment="khong_dat", auto=False, reason="Còn 1.100 sim 2G",
                        values={0: MeasureValue(text="Đã Hoàn thành (Còn 1.100 sim 2G)")})
    share = report_line("2", values={0: MeasureValue(value=98)})
    bare = report_line("3", goal="Hoàn thành", assessment="khong_dat")
    unassessed = report_line("4", status="dang_trien_khai", assessment="")
    none = replace(report_line("5"), entry=None)
    t = TargetAcrossUnits("1", "Chỉ tiêu", "100%", (), unassigned=frozenset({"Phòng Kinh tế"}))
    assert t.state_text("xã A", words) == "Đã Hoàn thành (Còn 1.100 sim 2G) (Hoàn thành; Chưa đạt – tự đánh giá)"
    assert t.state_text("xã A", share) == "98% (Hoàn thành; Đạt)"
    assert t.state_text("xã A", bare) == "Hoàn thành; Chưa đạt"  # no leading space, no empty parentheses
    assert t.state_text("xã A", unassessed) == "Đang triển khai"
    assert t.state_text("xã A", none) == "Chưa báo cáo" and t.state_text("Phòng Kinh tế", none) == "Không giao"


def test_an_overridden_assessment_carries_its_reason():
    """The officer's reason for overriding the automatic Đạt/Chưa đạt was in no workbook."""
    from tests.helpers import report_line

    overridden = report_line("1", assessment="khong_dat", auto=False, reason=" Còn 1.100 sim 2G chưa chuyển đổi ")
    assert overridden.assessment_with_reason() == "Chưa đạt (tự đánh giá: Còn 1.100 sim 2G chưa chuyển đổi)"
    assert overridden.assessment_text() == "Chưa đạt"  # the plain label, for the places that show the reason apart
    assert report_line("2").assessment_with_reason() == "Đạt"  # automatic: nothing to explain
    assert report_line("3", auto=False, reason="  ").assessment_with_reason() == "Đạt"
    assert report_line("4", assessment="").assessment_with_reason() == ""
    assert replace(report_line("5"), entry=None).assessment_with_reason() == ""


def test_only_the_localitys_own_targets_print_under_their_own_heading():
    """PL2.x, in an untitled group, read as part of group IV; but an annex with no group headings at all must not
    print its province targets as "the locality's own"."""
    from dti_desktop.domain.report import OWN_TARGETS, ReportLine
    from tests.helpers import report_line

    target = report_line("1").target
    assert ReportLine("PL2.1", "", "", target).heading == ("", OWN_TARGETS)
    assert ReportLine("3", "", "", target).heading == ("", "")
    assert ReportLine("3", "II", "Chính quyền số", target).heading == ("II", "Chính quyền số")



def test_a_lines_result_is_made_once_and_a_changed_copy_makes_its_own(monkeypatch):
    """The office's workbook asks each line's result twice (summary and detail): made once; the line still equals a
    line with the same fields, and a copy with other values does not reuse the cached text."""
    from dti_desktop.domain import report
    from dti_desktop.domain.progress import MeasureValue
    from tests.helpers import report_line

    made = []
    real = report.measure_results
    monkeypatch.setattr(report, "measure_results", lambda *a: made.append(1) or real(*a))
    line = report_line("2", values={0: MeasureValue(value=98)})
    assert line.result_text() == line.result_text() == "98%" and len(made) == 1
    assert line == report_line("2", values={0: MeasureValue(value=98)})
    other = replace(line, entry=replace(line.entry, values={0: MeasureValue(value=75)}))
    assert other.result_text() == "75%" and len(made) == 2
