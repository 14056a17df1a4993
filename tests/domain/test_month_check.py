"""Status and result agree; the checklist before a month is sent."""

from __future__ import annotations

from datetime import date

import pytest

from dti_desktop.domain.catalogue import GroupKind, Target
from dti_desktop.domain.goals import parse_goal
from dti_desktop.domain.month_check import check_month
from dti_desktop.domain.periods import Period
from dti_desktop.domain.progress import Assessment, ProgressEntry, Status, parse_value
from dti_desktop.domain.validation import agreed_status, proposed_status, status_problem
from dti_desktop.domain.workspace import TargetStatusRow
from tests.helpers import report_line

GOAL_95 = parse_goal("95%").measures
MAY = Period(2025, 5)


def _values(*texts: str) -> dict:
    return {p: parse_value(t) for p, t in enumerate(texts) if t}


@pytest.mark.parametrize("status, assessment, values, problem", [
    (Status.CHUA_TRIEN_KHAI, Assessment.DAT, _values("48/50"), "Kết quả đạt mục tiêu"),
    (Status.CHUA_TRIEN_KHAI, Assessment.KHONG_DAT, _values("40/50"), "Đã có kết quả"),
    (Status.CHUA_TRIEN_KHAI, Assessment.KHONG_DAT, _values("0/50"), None),  # nothing done: not started
    (Status.CHUA_TRIEN_KHAI, Assessment.NONE, _values("Đang thu thập số liệu"), None),  # words say neither
    (Status.DANG_TRIEN_KHAI, Assessment.DAT, _values("48/50"), None),
    (Status.HOAN_THANH, Assessment.KHONG_DAT, _values("40/50"), None),
])
def test_status_problem(status, assessment, values, problem):
    found = status_problem(status, assessment, values)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize("values, status, proposed", [
    (_values("48/50"), Status.CHUA_TRIEN_KHAI, Status.HOAN_THANH),  # at the goal
    (_values("48/50"), Status.DANG_TRIEN_KHAI, Status.HOAN_THANH),
    (_values("48/50"), None, Status.HOAN_THANH),  # no result yet
    (_values("40/50"), Status.CHUA_TRIEN_KHAI, Status.DANG_TRIEN_KHAI),  # a value with "Chưa triển khai"
    (_values("40/50"), None, Status.DANG_TRIEN_KHAI),
    (_values("40/50"), Status.HOAN_THANH, None),  # never a step back
    (_values("40/50"), Status.DANG_TRIEN_KHAI, None),
    (_values("0"), Status.CHUA_TRIEN_KHAI, None),
    (_values("48/50"), Status.HOAN_THANH, None),
])
def test_status_proposed_from_the_result(values, status, proposed):
    assert proposed_status(GOAL_95, values, status) is proposed


def test_a_target_without_a_figure_is_not_proposed_done_by_its_own_status():
    """Such a target is judged by its status: judging it by the status proposed would go round in circles."""
    assert proposed_status(parse_goal("Hoàn thành").measures, {}, Status.CHUA_TRIEN_KHAI) is None


def test_agreed_status_never_leaves_not_started_beside_a_result():
    assert agreed_status(Status.CHUA_TRIEN_KHAI, Assessment.DAT, _values("48/50")) is Status.HOAN_THANH
    assert agreed_status(Status.CHUA_TRIEN_KHAI, Assessment.KHONG_DAT, _values("40/50")) is Status.DANG_TRIEN_KHAI
    assert agreed_status(Status.CHUA_TRIEN_KHAI, Assessment.NONE, {}) is Status.CHUA_TRIEN_KHAI


def test_a_printout_never_says_not_started_and_met():
    """48/50 (96 %, "Đạt") saved "Chưa triển khai" printed "Chưa triển khai; Đạt" and was consolidated so."""
    line = report_line("9", "95%", status="chua_trien_khai", assessment="dat", values=_values("48/50"))
    assert line.status_text() == "Hoàn thành"
    assert report_line("9", "95%", status="dang_trien_khai").status_text() == "Đang triển khai"


def _row(code: str, entry: ProgressEntry | None, files: int = 0) -> TargetStatusRow:
    return TargetStatusRow(1, int(code), code, int(code), "I", GroupKind.CHINH_QUYEN_SO, "Nhóm", "lead",
                           Target(code, f"Chỉ tiêu {code}", local_goal="95%"), entry, files)


def test_checklist_names_what_is_missing_or_contradicts_itself():
    def entry(status, values=(), notes="", auto=True, reason="", assessment=Assessment.NONE):
        return ProgressEntry(1, MAY.key, status=status, values=_values(*values), evidence_notes=notes,
                             assessment_auto=auto, override_reason=reason, assessment=assessment)

    rows = [_row("1", None), _row("2", None),
            _row("3", entry(Status.CHUA_TRIEN_KHAI, ["48/50"], assessment=Assessment.DAT)),
            _row("4", entry(Status.HOAN_THANH)),  # no evidence
            _row("5", entry(Status.HOAN_THANH), files=1),  # a file is evidence
            _row("6", entry(Status.DANG_TRIEN_KHAI, auto=False, assessment=Assessment.DAT)),  # no reason
            _row("7", entry(Status.HOAN_THANH, notes="Quyết định 12/QĐ"))]
    check = check_month(rows, MAY, 20, date(2025, 5, 22))
    assert check.empty == ("1", "2") and not check.complete
    assert [code for code, _ in check.contradictions] == ["3"]
    assert check.done_without_evidence == ("4",) and check.override_without_reason == ("6",)
    assert check.problems == 5 and check.days_left == -2
    assert check.text().splitlines() == [
        "[ ] 5/7 chỉ tiêu đã có kết quả; 2 chỉ tiêu chưa có kết quả: 1, 2.",
        "[ ] 1 chỉ tiêu có tình trạng mâu thuẫn với kết quả: 3 (Kết quả đạt mục tiêu nhưng tình trạng là "
        "“Chưa triển khai”).",
        "[ ] 1 chỉ tiêu “Hoàn thành” chưa có minh chứng (ghi chú hoặc tệp): 4.",
        "[ ] 1 chỉ tiêu tự điều chỉnh đánh giá mà chưa ghi lý do: 6.",
        "[ ] Hạn gửi báo cáo tháng 05/2025: 20/05/2025 (đã quá hạn 2 ngày).",
    ]
    assert check.lines()[0].blocking and check.lines()[0].codes == ("1", "2")


def test_checklist_of_a_month_ready_to_send():
    rows = [_row("1", ProgressEntry(1, MAY.key, status=Status.DANG_TRIEN_KHAI, values=_values("40/50")))]
    check = check_month(rows, MAY, 20, date(2025, 5, 20))
    assert check.complete and check.problems == 0
    assert all(line.ok for line in check.lines())
    assert check.lines()[-1].text == "Hạn gửi báo cáo tháng 05/2025: 20/05/2025 (hạn chót là hôm nay)."


def test_a_month_of_a_year_gone_by_is_not_called_overdue():
    """As the banner: December checked a year later was "đã quá hạn 354 ngày"."""
    check = check_month([], Period(2025, 12), 15, date(2026, 12, 4))
    assert check.lines()[-1].ok and check.lines()[-1].text == "Hạn gửi báo cáo tháng 12/2025: 15/12/2025 (năm 2025 đã qua)."
