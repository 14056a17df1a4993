"""Walks the real window through the office's month and counts its actions (issue 19, measured, the office's side).

A throw-away consolidating office (Phòng Văn hóa và Thông tin, thành phố Đông Triều, report day 20) has its 2025
roster of 22 units (imported from a clerk's list); 20 of them sent March 2025 (their packages, made by 20 unit
databases, wait in a USB folder); 2 did not. Today is 20/03/2025, the reporting day (16:00). The walk, with Qt's own test input (a click, a key
or a typed path is one action; nothing is set behind the window's back):

  1. the "Tổng hợp (cơ quan tổng hợp)" tab         -> the month's board: the roster, "Chưa gửi" before any import
  2. "Nhập cả thư mục (USB)…"                       -> the folder dialog
  3. the USB folder's path typed in the dialog
  4. "Chọn"                                         -> 20 packages checked and imported off the GUI thread; the
                                                       tab shows March (the month just imported) and its summary
  5. "Xuất bảng tổng hợp Excel…"                    -> the save dialog, "tong-hop-2025-03.xlsx" proposed
  6. "Lưu"                                          -> the workbook written off the GUI thread
  7. "Đóng" on "Đã xuất bảng tổng hợp"

Then, not counted, the screenshots of the board, all targets × units and the roster window for the doc.
Run under Xvfb at 1366×768 (screenshots of the whole screen into --shots):
  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/office_round.py --shots docs/monthly-round
or offscreen (QT_QPA_PLATFORM=offscreen; the count only, as the test does). Exits 1 when the round takes more
than --limit actions (10) or a step is not reached.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QTabBar  # noqa: E402

from scripts.monthly_round import Walk  # noqa: E402

from dti_desktop.domain.periods import Period  # noqa: E402
from dti_desktop.domain.settings import HOLD_NEW_UNITS, Settings  # noqa: E402
from dti_desktop.domain.units import UnitKind  # noqa: E402
from dti_desktop.services import first_run, packages, roster  # noqa: E402
from dti_desktop.services.app_database import open_app_database  # noqa: E402

MARCH = Period(2025, 3)
TODAY = date(2025, 3, 20)
OFFICE_NOW = datetime(2025, 3, 20, 16, 0).astimezone()  # the reporting day: what came by now is on time
AREA = "thành phố Đông Triều"
WARDS = ["Mạo Khê", "Kim Sơn", "Đông Triều", "Hoàng Quế", "Hồng Phong", "Xuân Sơn", "Yên Thọ", "Hưng Đạo",
         "Đức Chính", "Hoàng Thạch", "Tràng An", "Mạo Khê Tây"]
COMMUNES = ["An Sinh", "Bình Khê", "Tràng Lương", "Bình Dương", "Nguyễn Huệ", "Thủy An", "Việt Dân", "Tân Việt",
            "Hồng Thái Tây", "Yên Đức"]
UNITS = [f"UBND phường {n}" for n in WARDS] + [f"UBND xã {n}" for n in COMMUNES]  # 22; the last two send nothing


def _clock(day: int, hour: int) -> str:
    return datetime(2025, 3, day, hour, 0).astimezone().isoformat(timespec="seconds")


def prepare(folder: Path) -> tuple[Path, Path]:
    """The office with its 2025 roster, and 20 units' March packages on a USB folder: (database, USB folder)."""
    from openpyxl import Workbook

    from tests.unit_db import UnitDb

    usb = folder / "usb"
    usb.mkdir(parents=True)
    for i, name in enumerate(UNITS[:20]):
        packages.now_iso = lambda day=18 + i % 3: _clock(day, 9)  # made between the 18th and the 20th
        unit = UnitDb(folder / "units" / str(i), name)
        unit.record("6", {0: str(70 + i)})
        unit.record("9", {0: "100", 1: f"{40 + i % 10}/50"})
        unit.record("1", {0: "1"} if i % 3 else {0: "0"})
        unit.export(usb)
        unit.db.close()
    db_path = folder / "data" / "dti.sqlite3"
    db = open_app_database(db_path)
    first_run.complete_first_run(db, first_run.FirstRunChoice(
        Settings(unit_name="Phòng Văn hóa và Thông tin", district=AREA, officer_name="Lê Văn Cường", report_day=20,
                 new_units=HOLD_NEW_UNITS), UnitKind.CO_QUAN))
    book = Workbook()
    book.active.title = "Đơn vị"
    book.active.append(["DANH SÁCH CÁC XÃ, PHƯỜNG BÁO CÁO CHUYỂN ĐỔI SỐ NĂM 2025"])
    book.active.append([])
    book.active.append(["TT", "Tên đơn vị", "Ghi chú"])
    for i, name in enumerate(UNITS, 1):
        book.active.append([i, name, ""])
    book.save(folder / "danh-sach-don-vi.xlsx")
    roster.import_list(db, 2025, folder / "danh-sach-don-vi.xlsx", "Lê Văn Cường")
    db.close()
    return db_path, usb


class OfficeWalk(Walk):
    """The office's round: import the USB folder, export the consolidated workbook."""

    def __init__(self, window, shots: Path | None, limit: int, usb: Path) -> None:
        super().__init__(window, shots, limit)
        self.usb = usb

    def type_text(self, edit: QLineEdit, text: str, what: str) -> None:
        """One action: a path typed into a field."""
        self.actions.append(what)
        print(f"{len(self.actions):>2}. {what}", flush=True)
        QTimer.singleShot(0, lambda: (edit.clear(), QTest.keyClicks(edit, text)))

    def script(self):
        w = self.window
        yield lambda: w.isVisible()
        yield lambda: True
        bar = w.tabs.findChild(QTabBar)
        office_tab = w.tabs.indexOf(w.district_page)
        self.click_at(bar, bar.tabRect(office_tab).center(), f"Tab “{w.tabs.tabText(office_tab)}”")
        yield lambda: w.tabs.currentWidget() is w.district_page and w._district is not None
        yield lambda: True
        tab = w.district
        self.shot("11-tong-hop-truoc-khi-nhap")
        self.click(tab.import_folder_button, "“Nhập cả thư mục (USB)…”")
        yield self.modal(QFileDialog)
        dialog = self.modal(QFileDialog)()
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        self.type_text(edit, str(self.usb), "gõ đường dẫn thư mục USB")
        yield lambda: edit.text() == str(self.usb)
        self.shot("12-chon-thu-muc-usb")
        choose = self.button(dialog, "Choose", "Chọn")
        self.click(choose, f"“{choose.text().replace('&', '')}” (thư mục)")
        yield lambda: self.modal()() is None and tab.results.rowCount() > 0 and tab.import_folder_button.isEnabled()
        yield lambda: True
        self.imported = tab.summary.text()
        self.shot("13-da-nhap-20-goi")
        self.click(tab.export_button, "“Xuất bảng tổng hợp Excel…”")
        yield self.modal(QFileDialog)
        saver = self.modal(QFileDialog)()
        save = self.button(saver, "Save", "Lưu")
        self.click(save, f"“{save.text().replace('&', '')}” (tên đề xuất tong-hop-2025-03.xlsx)")
        yield lambda: self.modal()() is not None and "Đã xuất" in self.modal()().windowTitle()
        done = self.modal()()
        self.written = done.text() if hasattr(done, "text") else ""
        self.click(self.button(done, "Đóng", "OK"), "“Đóng” thông báo đã xuất")
        yield lambda: self.modal()() is None
        yield from self.look_around(tab)

    def look_around(self, tab):
        """Screenshots for the doc, not counted: the board of March, all targets × units, a target's detail."""
        tab.inner.setCurrentIndex(1)
        yield lambda: True
        self.shot("16-tinh-hinh-thang-3")
        tab.inner.setCurrentIndex(2)
        yield lambda: tab.consolidation_loaded
        yield lambda: True
        self.shot("17-tong-hop-moi-chi-tieu")
        tab.show_target(next(i for i, t in enumerate(tab.targets) if t.code == "9"))
        yield lambda: True
        self.shot("18-chi-tiet-mot-chi-tieu")

    def click_at(self, widget, point, what: str) -> None:
        self.actions.append(what)
        print(f"{len(self.actions):>2}. {what}", flush=True)
        QTimer.singleShot(0, lambda: QTest.mouseClick(widget, Qt.MouseButton.LeftButton,
                                                      Qt.KeyboardModifier.NoModifier, point))


def roster_shot(window, shots: Path | None) -> None:
    """The roster window, for the doc (opened and closed from a timer; not part of the count)."""
    if shots is None:
        return
    from dti_desktop.ui import messages

    def answer(dialog):
        dialog.show_retired.setChecked(True)
        dialog.resize(1100, 560)
        dialog.show()
        QApplication.processEvents()
        QTest.qWait(300)
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
        picture = dialog.grab() if QGuiApplication.platformName() == "offscreen" else screen.grabWindow(0)
        picture.save(str(shots / "19-danh-sach-don-vi.png"))
        dialog.close()
        return True

    messages.run_dialog = answer
    window.district.manage_roster()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, default=None, help="thư mục ghi ảnh chụp màn hình")
    parser.add_argument("--limit", type=int, default=10, help="số thao tác tối đa (mặc định 10)")
    args = parser.parse_args()
    if args.shots:
        args.shots = args.shots.resolve()
        args.shots.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="vong-thang-co-quan-"))
    os.environ["DTI_DATA_DIR"] = str(folder / "data")
    db_path, usb = prepare(folder)
    os.chdir(folder)  # where the save dialog proposes the workbook
    from dti_desktop.services import district

    real_import = district.import_packages  # the office's clock at 20/03/2025 16:00, as the window's "today"
    district.import_packages = lambda *a, **k: real_import(*a, now=OFFICE_NOW, **k)
    from dti_desktop.ui.app import make_app, show_window, shut_down
    from dti_desktop.ui.main_window import MainWindow

    app = make_app()
    db = open_app_database(db_path)
    window = MainWindow(db, db_path, today=TODAY)
    show_window(window, app.primaryScreen().availableGeometry())
    walk = OfficeWalk(window, args.shots, args.limit, usb)
    walk.start()
    app.exec()
    if not walk.failed:
        roster_shot(window, args.shots)
    workbook = folder / "tong-hop-2025-03.xlsx"
    shut_down(app, window, db)
    if walk.failed:
        print(f"DỪNG: {walk.failed}")
        return 1
    print(f"Sau khi nhập: {walk.imported}")
    print(f"Tổng: {len(walk.actions)} thao tác (giới hạn {args.limit}); bảng tổng hợp: "
          f"{workbook if workbook.exists() else 'không có'}")
    return 0 if workbook.exists() and len(walk.actions) <= args.limit else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.exit(main())
