"""The office's month read in one go (services/office_month.py): the same board, lines and answer states as read
apart, the current package taken from the month's packages (a withdrawn r2 gives r1 back)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from dti_desktop.services import answers, district, district_board, district_review, office_month, packages, workspace
from tests.unit_db import MARCH

TODAY = date(2025, 3, 25)


def _plan(db):
    ctx = workspace.context(db)
    return ctx.plan.id, workspace.report_day(ctx)


def test_read_gives_what_each_part_gives_apart(office, mao_khe, kim_son, tmp_path):
    db, store = office
    for unit in (mao_khe, kim_son):
        assert district.import_packages(db, store, [unit.export(tmp_path / unit.path.parent.name).path])[0].accepted
    plan_id, day = _plan(db)
    month = office_month.read(db, plan_id, MARCH, day, TODAY)
    apart = district_board.board(db, plan_id, day, TODAY)
    assert month.board.rows() == apart.rows() and month.board.expected == apart.expected
    assert [(r.unit.name, r.cell) for r in month.month_rows] == [(r.unit.name, r.cell) for r in apart.month(MARCH)]
    assert month.answer_rows == answers.month_rows(db, plan_id, MARCH)
    assert [r.state for r in month.answer_rows] == [answers.WAITING, answers.WAITING]
    assert month.accepted_only is False and office_month.units_known(db) == 3  # the office and two units


def test_a_withdrawn_resend_gives_the_first_package_back(office, mao_khe, tmp_path):
    db, store = office
    r1 = mao_khe.export(tmp_path / "usb1").path
    packages.reopen_period(mao_khe.db, MARCH, "Sửa số liệu")
    r2 = mao_khe.export(tmp_path / "usb2").path
    assert all(o.accepted for o in district.import_packages(db, store, [r1, r2]))
    plan_id, day = _plan(db)
    row = office_month.read(db, plan_id, MARCH, day, TODAY).answer_rows[0]
    assert (row.revision, row.state) == (2, answers.WAITING)
    district_review.withdraw(db, row.package_id, "Gửi nhầm", "Cán bộ", datetime(2025, 3, 24, tzinfo=timezone.utc))
    row = office_month.read(db, plan_id, MARCH, day, TODAY).answer_rows[0]
    assert row.revision == 1 and row.state == answers.WAITING and "đã rút: Gửi nhầm" in "\n".join(row.history)
