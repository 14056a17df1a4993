"""Walks the real window through an unchanged month's round and counts the officer's actions (issue 19, measured).

A throw-away unit (UBND phường Mạo Khê, the 27 targets of Đông Triều 2025) has April recorded for every target, some
with evidence files, and April sent (so the window reopens on May and the package folder is known). The walk, with
Qt's own test input (a click or a key is one action; nothing is set behind the window's back):

  1. "Chép cả tháng trước" (the toolbar)       -> every target takes April's result and files; a summary shows
  2. "Gửi báo cáo tháng" (the toolbar)          -> the checklist before sending
  3. "Gửi báo cáo" in the checklist             -> the folder dialog, opened on last month's folder
  4. "Choose" in the folder dialog              -> the package is written, the month locked
  5. "Đóng" on "Đã xuất gói báo cáo"
  6. "In báo cáo tháng" (the toolbar)           -> the print preview
  7. Print (the preview's toolbar)              -> the print dialog
  8. "In" in the print dialog                   -> printed (to a PDF file where there is no printer); the preview
                                                   closes by itself

Run under Xvfb at 1366×768 (screenshots of the whole screen, dialogs included, into --shots):
  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/monthly_round.py --shots docs/monthly-round
or offscreen (QT_QPA_PLATFORM=offscreen; the count only, as the test does). Prints one line per action and the
total; exits 1 when the round takes more than --limit actions (15) or a step is not reached.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QFileDialog, QToolBar  # noqa: E402

from dti_desktop.domain.goals import MeasureKind  # noqa: E402
from dti_desktop.domain.periods import Period  # noqa: E402
from dti_desktop.domain.progress import MeasureValue, Status  # noqa: E402
from dti_desktop.domain.settings import Settings  # noqa: E402
from dti_desktop.domain.units import UnitKind  # noqa: E402
from dti_desktop.domain.validation import proposed_status  # noqa: E402
from dti_desktop.services import first_run, month_round, packages, workspace  # noqa: E402
from dti_desktop.services.app_database import open_app_database  # noqa: E402

APRIL, MAY = Period(2025, 4), Period(2025, 5)
TODAY = date(2025, 5, 12)
TIMEOUT_MS = 30_000


def prepare(folder: Path) -> tuple[Path, Path]:
    """A unit with April recorded for all 27 targets and sent; returns (database, the USB folder)."""
    db_path = folder / "data" / "dti.sqlite3"
    db = open_app_database(db_path)
    ctx = first_run.complete_first_run(db, first_run.FirstRunChoice(
        Settings(unit_name="UBND phường Mạo Khê", district="thành phố Đông Triều", officer_name="Nguyễn Thị Hoa",
                 report_day=15, consolidating_office="Phòng Văn hóa và Thông tin", signatory_name="Phạm Văn Minh"),
        UnitKind.PHUONG))
    store = db_path.parent / "evidence"
    for i, row in enumerate(workspace.rows(db, ctx, APRIL)):
        values = {p: _value(m) for p, m in enumerate(row.measures) if m.applies}
        status = proposed_status(row.measures, values, Status.DANG_TRIEN_KHAI) or Status.DANG_TRIEN_KHAI
        files = []
        if i % 3 == 0 or status is Status.HOAN_THANH:
            files = [folder / f"minh-chung-{row.code}.pdf"]
            files[0].write_bytes(b"%PDF-1.4 minh chung " + row.code.encode() * 40)
        entry = replace(workspace.blank_entry(row, APRIL), status=status, values=values,
                        evidence_notes=f"Báo cáo tháng 4 của bộ phận phụ trách chỉ tiêu {row.code}")
        workspace.save(db, store, entry, row.measures, files, "Nguyễn Thị Hoa")
    usb = folder / "usb"
    usb.mkdir()
    packages.export_package(db, store, APRIL, usb)
    month_round.remember_folder(db, str(usb))
    month_round.remember_period(db, ctx.plan.id, APRIL)  # the month last used: sent since, so May opens
    db.close()
    return db_path, usb


def _value(measure) -> MeasureValue:
    if measure.kind is MeasureKind.TEXT:
        return MeasureValue(text="Đang thực hiện theo kế hoạch")
    if measure.kind is MeasureKind.COUNT:
        return MeasureValue(value=max(0.0, (measure.low or 0) - 1))  # under its goal: "Đang triển khai"
    return MeasureValue(value=measure.low if measure.op in (">=", "<=") else min(100.0, (measure.low or 0) + 1))


class Walk:
    """Steps run from a timer, so that they go on inside the modal dialogs' own event loops."""

    def __init__(self, window, shots: Path | None, limit: int) -> None:
        self.window, self.shots, self.limit = window, shots, limit
        self.actions: list[str] = []
        self.failed = ""
        self.printed_to = ""
        self.steps = self.script()
        self.waiting = None
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.ticks = 0

    def start(self) -> None:
        self.timer.start(100)

    def tick(self) -> None:
        self.ticks += 1
        if self.ticks * 100 > TIMEOUT_MS:
            shown = QApplication.activeModalWidget()
            self.fail(f"không tới được bước sau “{self.actions[-1] if self.actions else 'mở cửa sổ'}”"
                      + (f" (đang mở: {type(shown).__name__} “{shown.windowTitle()}”"
                         f"{': ' + shown.text() if hasattr(shown, 'text') else ''})" if shown else ""))
            return
        if self.waiting is not None and not self.waiting():
            return
        try:
            self.waiting = next(self.steps)
        except StopIteration:
            self.timer.stop()
            QTimer.singleShot(300, QApplication.quit)
        except Exception as error:  # noqa: BLE001  (a step that broke: said, not hung)
            self.fail(f"{type(error).__name__}: {error}")

    def fail(self, why: str) -> None:
        self.failed = why
        self.timer.stop()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        QTimer.singleShot(300, QApplication.quit)

    # -- input, as the officer gives it ---------------------------------------------------
    def click(self, widget, what: str) -> None:
        """One action: a left click in the middle of `widget`, given once the current step has returned."""
        self.actions.append(what)
        print(f"{len(self.actions):>2}. {what}", flush=True)
        QTimer.singleShot(0, lambda: QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                                      widget.rect().center()))

    def toolbar_button(self, action):
        bar = self.window.findChild(QToolBar, "main-toolbar")
        return bar.widgetForAction(action)

    def shot(self, name: str) -> None:
        if self.shots is None:
            return
        QApplication.processEvents()
        screen = QGuiApplication.primaryScreen()
        if QGuiApplication.platformName() == "offscreen":
            picture = (QApplication.activeModalWidget() or self.window).grab()
        else:
            picture = screen.grabWindow(0)
        picture.save(str(self.shots / f"{name}.png"))

    @staticmethod
    def modal(kind=QDialog):
        def found():
            widget = QApplication.activeModalWidget()
            return widget if isinstance(widget, kind) and widget.isVisible() else None
        return found

    @staticmethod
    def button(dialog, *texts: str):
        for b in dialog.findChildren(QAbstractButton):
            if b.isVisible() and b.isEnabled() and b.text().replace("&", "") in texts:
                return b
        raise LookupError(f"không thấy nút {texts} trong “{dialog.windowTitle()}”: "
                          f"{[b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]}")

    # -- the round ----------------------------------------------------------------------------
    def script(self):
        w = self.window
        yield lambda: w.isVisible() and w.period == MAY
        yield lambda: True
        self.shot("01-mo-cua-so-thang-5")
        self.click(self.toolbar_button(w.round.copy_action), "Chép cả tháng trước")
        yield lambda: w.notice.isVisible()
        self.shot("02-da-chep-ca-thang")
        self.click(self.toolbar_button(w.export_package_action), "Gửi báo cáo tháng")
        from dti_desktop.ui.checklist_dialog import ChecklistDialog

        yield self.modal(ChecklistDialog)
        checklist = self.modal(ChecklistDialog)()
        self.shot("03-kiem-tra-truoc-khi-gui")
        self.click(checklist.send_button, f"“{checklist.send_button.text()}” trong danh sách kiểm tra")
        yield self.modal(QFileDialog)
        folders = self.modal(QFileDialog)()
        self.shot("04-chon-thu-muc")
        self.click(self.button(folders, "Choose", "Chọn"), "“Chọn” thư mục (mở sẵn ở thư mục lần trước)")
        yield lambda: self.modal()() is not None and "Đã xuất gói" in self.modal()().windowTitle()
        done = self.modal()()
        self.shot("05-da-gui")
        self.sent_text = done.text() if hasattr(done, "text") else ""
        self.click(self.button(done, "Đóng"), "“Đóng” thông báo đã gửi")
        yield lambda: self.modal()() is None
        self.click(self.toolbar_button(w.print_month_action), "In báo cáo tháng")
        from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog

        yield self.modal(QPrintPreviewDialog)
        preview = self.modal(QPrintPreviewDialog)()
        yield lambda: True
        yield lambda: True
        self.shot("06-xem-truoc-khi-in")
        print_button = next(b for bar in preview.findChildren(QToolBar) for a in bar.actions()
                            if a.text().replace("&", "") in ("In", "Print") and (b := bar.widgetForAction(a)))
        self.click(print_button, "In (trong bản xem trước)")
        yield self.modal(QPrintDialog)
        dialog = self.modal(QPrintDialog)()
        self.printer = dialog.printer()
        self.shot("07-hop-thoai-in")
        self.click(self.button(dialog, "In", "Print"), "“In” trong hộp thoại in")
        yield lambda: self.modal()() is None  # printed, the preview closes by itself
        self.printed_to = self.printer.outputFileName()
        self.shot("08-xong")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, default=None, help="thư mục ghi ảnh chụp màn hình")
    parser.add_argument("--limit", type=int, default=15, help="số thao tác tối đa (mặc định 15)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vong-thang-"))
    os.environ["DTI_DATA_DIR"] = str(folder / "data")
    db_path, usb = prepare(folder)
    from dti_desktop.ui.app import make_app, show_window, shut_down
    from dti_desktop.ui.main_window import MainWindow

    app = make_app()
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    db = open_app_database(db_path)
    window = MainWindow(db, db_path, today=TODAY)
    show_window(window, app.primaryScreen().availableGeometry())
    walk = Walk(window, args.shots, args.limit)
    walk.start()
    app.exec()
    sent = sorted(p.name for p in usb.glob("*_2025-05_r1.dtipkg"))
    shut_down(app, window, db)
    if walk.failed:
        print(f"DỪNG: {walk.failed}")
        return 1
    print(f"Tổng: {len(walk.actions)} thao tác (giới hạn {args.limit}); gói đã gửi: {', '.join(sent) or 'không có'}; "
          f"in ra: {walk.printed_to or 'máy in'}")
    return 0 if sent and len(walk.actions) <= args.limit else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.exit(main())
