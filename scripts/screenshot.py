"""Screenshots of the officer's window on the embedded 2025 catalogue, for README and docs/.

Run under a real X server (Xvfb), e.g. (or with QT_QPA_PLATFORM="offscreen:configfile=benchmarks/screen-1366x768.json",
which grabs the window without its frame):
  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py docs/screenshot-main.png
  QT_SCALE_FACTOR=1.25 xvfb-run -a -s "-screen 0 1708x960x24" .venv/bin/python scripts/screenshot.py docs/x.png
  ... scripts/screenshot.py docs/screenshot-overview.png --tab overview
A throw-away database is filled with a few entries first, so colours and values show.
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

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from dti_desktop.domain.periods import Period  # noqa: E402
from dti_desktop.domain.progress import Status  # noqa: E402
from dti_desktop.domain.settings import Settings  # noqa: E402
from dti_desktop.domain.units import UnitKind  # noqa: E402
from dti_desktop.services import first_run, workspace# noqa: E402
from dti_desktop.services.app_database import open_app_database  # noqa: E402
from dti_desktop.ui.app import make_app, shut_down  # noqa: E402
from dti_desktop.ui.main_window import MainWindow  # noqa: E402

SAMPLE = {  # code: (status, values, evidence notes) for February and March 2025
    "2": (Status.DANG_TRIEN_KHAI, {0: "812/1000"}, "Báo cáo của Bộ phận một cửa"),
    "6": (Status.HOAN_THANH, {0: "92,4"}, "Số liệu Cổng dịch vụ công tỉnh"),
    "9": (Status.HOAN_THANH, {1: "97"}, "Hệ thống QLVB&ĐH"),  # a ward: its 95 %, not the city's 100 %
    "13": (Status.DANG_TRIEN_KHAI, {0: "64"}, ""),
    "17": (Status.DANG_TRIEN_KHAI, {0: "31,5"}, "Danh sách cấp chữ ký số"),
    "PL2.5": (Status.DANG_TRIEN_KHAI, {0: "640"}, "Bản đồ số các điểm đã chuẩn hóa"),
    "19": (Status.CHUA_TRIEN_KHAI, {}, ""),
}


def fill(db, db_path: Path, unit: str = "UBND phường Mạo Khê") -> None:
    from dti_desktop.domain.progress import parse_value

    ctx = first_run.complete_first_run(db, first_run.FirstRunChoice(
        Settings(unit_name=unit, district="thành phố Đông Triều", officer_name="Nguyễn Thị Hoa",
                 report_day=15, consolidating_office="Phòng Văn hóa và Thông tin", signatory_name="Phạm Văn Minh",
                 recipients="- UBND thành phố (b/c);\n- Phòng Văn hóa và Thông tin;\n- Lưu: VT."),
        UnitKind.PHUONG))
    for month in (2, 3):
        period = Period(2025, month)
        for row in workspace.rows(db, ctx, period):
            if row.code in SAMPLE:
                status, values, notes = SAMPLE[row.code]
                entry = replace(workspace.blank_entry(row, period), status=status, evidence_notes=notes,
                                values={p: parse_value(v) for p, v in values.items()})
                workspace.save(db, db_path.parent / "evidence", entry, row.measures, [], "Nguyễn Thị Hoa")


def office_with_packages(folder: Path):
    """An office database that imported March packages of Mạo Khê (two revisions) and Kim Sơn."""
    from dti_desktop.services import district, packages

    units = []
    for name in ("UBND phường Mạo Khê", "UBND phường Kim Sơn", "UBND xã An Sinh"):
        path = folder / name / "dti.sqlite3"
        db = open_app_database(path)
        fill(db, path, name)
        units.append((db, path))
    usb = folder / "usb"
    for db, path in units[:2]:
        for month in (2, 3):
            packages.export_package(db, path.parent / "evidence", Period(2025, month), usb)
    db, path = units[0]
    packages.reopen_period(db, Period(2025, 3), "Bổ sung minh chứng")
    packages.export_package(db, path.parent / "evidence", Period(2025, 3), usb)
    office_path = folder / "office" / "dti.sqlite3"
    office = open_app_database(office_path)
    first_run.complete_first_run(office, first_run.FirstRunChoice(
        Settings(unit_name="Phòng Văn hóa và Thông tin", district="thành phố Đông Triều", officer_name="Trần Văn Nam",
                 report_day=15), UnitKind.CO_QUAN))
    from dti_desktop.domain.units import Unit
    from dti_desktop.storage.unit_store import add_unit

    add_unit(office, Unit("UBND xã An Sinh", UnitKind.XA, "thành phố Đông Triều"))
    outcomes = district.import_packages(office, office_path.parent / "evidence", [usb])
    return office, office_path, outcomes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--tab", choices=["targets", "overview", "district"], default="targets")
    args = parser.parse_args()
    app = make_app()
    folder = Path(tempfile.mkdtemp())
    if args.tab == "district":
        db, db_path, outcomes = office_with_packages(folder)
        window = MainWindow(db, db_path, today=date(2025, 4, 25))
        window.period_combo.setCurrentIndex(window.period_combo.findData("2025-03"))
    else:
        db_path = folder / "dti.sqlite3"
        db = open_app_database(db_path)
        fill(db, db_path)
        window = MainWindow(db, db_path, today=date(2025, 3, 10))
    screen = QGuiApplication.primaryScreen().geometry()
    window.setGeometry(0, 0, screen.width(), screen.height())
    window.show()
    window.select_assignment(next(r.assignment_id for r in window.model.rows() if r.code == "9"))
    if args.tab == "overview":
        window.tabs.setCurrentWidget(window.overview)
    if args.tab == "district":
        window.tabs.setCurrentWidget(window.district_page)
        window.district.inner.setCurrentIndex(1)
    return grab_when_shown(app, window, db, args.out)


def grab_when_shown(app, window, db, out: str) -> int:
    """Save the screen (or, with no X server, the window alone without its frame) once the window has settled,
    then close it; the application's exit code."""
    def grab() -> None:
        if QGuiApplication.platformName() == "offscreen":
            window.grab().save(out)
        else:
            QGuiApplication.primaryScreen().grabWindow(0).save(out)
        app.quit()

    QTimer.singleShot(1500, grab)
    code = app.exec()
    shut_down(app, window, db)
    return code


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.exit(main())
