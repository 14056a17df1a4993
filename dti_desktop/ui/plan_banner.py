"""The banner above the window's tabs: the month's deadline or lock, the plan of this year missing or not shown,
and the buttons that fix that. Functions taking the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ..domain.workspace import TargetStatusRow, deadline_info
from ..services import locks, workspace


def build(window) -> QFrame:
    """The banner's frame; its label and buttons are the window's banner, banner_import, banner_open."""
    window.banner = QLabel()
    window.banner.setWordWrap(True)
    window.banner.setTextFormat(Qt.TextFormat.PlainText)  # it names the plan as its annex wrote it
    # offered when there is no plan of this year: the officer imports the annex the office sent
    window.banner_import = QPushButton("Nhập danh mục…")
    window.banner_import.setVisible(False)
    window.banner_import.clicked.connect(lambda: window.import_catalogue())
    # offered on a past year's plan when this year's is stored (just imported, or the officer looked back)
    window.banner_open = QPushButton()
    window.banner_open.setVisible(False)
    window.banner_open.clicked.connect(window.open_this_years_plan)
    window.banner_box = QFrame()
    window.banner_box.setObjectName("banner")
    row = QHBoxLayout(window.banner_box)
    row.setContentsMargins(6, 6, 6, 6)
    row.addWidget(window.banner, 1)
    row.addWidget(window.banner_import, 0, Qt.AlignmentFlag.AlignVCenter)
    row.addWidget(window.banner_open, 0, Qt.AlignmentFlag.AlignVCenter)
    return window.banner_box


def update_banner(window, rows: list[TargetStatusRow]) -> None:
    window.lock = locks.lock_state(window.db, window.ctx, window.period)
    locked = window.lock is not None and window.lock.locked
    writable = not window.read_only  # a read-only copy never writes, whatever the month
    window.form.set_editable(not locked and writable)
    window.save_action.setEnabled(not locked and writable)
    window.reopen_action.setEnabled(locked and writable)
    window.export_package_action.setEnabled(not locked and writable)
    window.round.update(locked)
    no_plan = _no_plan_this_year(window)
    window.banner_import.setVisible(bool(no_plan) and writable)
    window.banner_import.setText(f"Nhập danh mục năm {window.today.year}…")
    window.banner_open.setVisible(this_years_plan(window) is not None
                                  and window.ctx.plan.plan.year != window.today.year)
    window.banner_open.setText(f"Mở kế hoạch năm {window.today.year}")
    lead = f"{no_plan} " if no_plan else ""
    window.answers.refresh()
    if window.lock is not None:
        _set_banner(window, window.answers.banner_colour("#fff3cd" if no_plan else "#cfe2ff"),
                    lead + locks.describe_lock(window.lock) + window.answers.banner_text())
        return
    if not rows:  # "Tất cả chỉ tiêu đã có kết quả" said of none
        note = " Bản chỉ xem không tự phân công: hãy mở kế hoạch này ở bản ghi được." if window.read_only else ""
        _set_banner(window, "#fff3cd" if no_plan else "#e2e3e5",
                    f"{lead}Đơn vị chưa được giao chỉ tiêu nào của kế hoạch này.{note}")
        return
    if window.ctx.plan.plan.year < window.today.year:  # a year gone by: no deadline left to keep, none overdue
        _set_banner(window, "#fff3cd" if no_plan else "#e2e3e5", lead + _past_year_text(window, rows))
        return
    info = deadline_info(window.period, workspace.report_day(window.ctx), window.today, rows)
    colour = "#f8d7da" if info.days_left < 0 and info.missing_codes else "#fff3cd" if info.missing_codes else "#d1e7dd"
    office = window.ctx.settings.consolidating_office
    _set_banner(window, colour, lead + info.text() + (f" Gửi: {office}." if office else ""))


def this_years_plan(window):
    return next((p for p in window._plans if p.plan.year == window.today.year), None)


def open_this_years_plan(window) -> None:
    """The banner's button: this year's plan in the window (as if chosen in the list above)."""
    plan = this_years_plan(window)
    if plan is not None:
        window.plan_combo.setCurrentIndex(window.plan_combo.findData(plan.id))


def _no_plan_this_year(window) -> str:
    """What the banner says first when no plan of this year is stored; "" when one is."""
    year = window.today.year
    if any(p.plan.year == year for p in window._plans):
        return ""
    shown = window.ctx.plan.plan
    if shown.year > year:
        return f"Chưa có kế hoạch năm {year} (đang xem kế hoạch {shown.number} năm {shown.year})."
    return (f"Chưa có kế hoạch năm {year}: đang xem kế hoạch {shown.number} năm {shown.year}. Hãy nhập danh "
            f"mục chỉ tiêu năm {year} do cơ quan tổng hợp gửi (tệp Excel); cơ quan tổng hợp lập danh mục mới ở "
            "Tệp → Lập danh mục năm mới.")


def _past_year_text(window, rows: list[TargetStatusRow]) -> str:
    """A month of a year gone by: what is missing, without a deadline (December was "đã quá hạn 354 ngày")."""
    missing = [r.code for r in rows if r.entry is None]
    head = f"Kế hoạch năm {window.ctx.plan.plan.year} đã hết năm, không còn hạn báo cáo."
    if not missing:
        return f"{head} {window.period.label}: tất cả chỉ tiêu đã có kết quả."
    shown = ", ".join(missing[:12]) + (" …" if len(missing) > 12 else ".")
    return f"{head} {window.period.label}: {len(missing)} chỉ tiêu chưa có kết quả: {shown}"


def _set_banner(window, colour: str, text: str) -> None:
    """Restyle only when the colour changes: a new style sheet re-polishes and re-lays out the window."""
    style = f"QFrame#banner {{ background: {colour}; border-radius: 4px; }}"
    if window.banner_box.styleSheet() != style:
        window.banner_box.setStyleSheet(style)
    window.banner.setText(text)
