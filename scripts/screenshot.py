"""Screenshots of the officer's window on the embedded 2025 catalogue, for README and docs/.

Run under a real X server (Xvfb), e.g.:
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
from dti_desktop.services import workspace  # noqa: E402
from dti_desktop.services.app_database import open_app_database  # noqa: E402
from dti_desktop.ui.app import make_app, shut_down  # noqa: E402
from dti_desktop.ui.main_window import MainWindow  # noqa: E402

SAMPLE = {  # code: (status, values, evidence notes) for February and March 2025
    "2": (Status.DANG_TRIEN_KHAI, {0: "812/1000"}, "Báo cáo của Bộ phận một cửa"),
    "6": (Status.HOAN_THANH, {0: "92,4"}, "Số liệu Cổng dịch vụ công tỉnh"),
    "9": (Status.HOAN_THANH, {0: "100", 1: "97"}, "Hệ thống QLVB&ĐH"),
    "13": (Status.DANG_TRIEN_KHAI, {0: "64"}, ""),
    "17": (Status.DANG_TRIEN_KHAI, {0: "31,5"}, "Danh sách cấp chữ ký số"),
    "19": (Status.CHUA_TRIEN_KHAI, {}, ""),
}


def fill(db, db_path: Path) -> None:
    from dti_desktop.domain.progress import parse_value

    ctx = workspace.complete_first_run(db, workspace.FirstRunChoice(
        Settings(unit_name="UBND phường Mạo Khê", district="thành phố Đông Triều", officer_name="Nguyễn Thị Hoa",
                 report_day=15, consolidating_office="Phòng Văn hóa và Thông tin"), UnitKind.PHUONG))
    for month in (2, 3):
        period = Period(2025, month)
        for row in workspace.rows(db, ctx, period):
            if row.code in SAMPLE:
                status, values, notes = SAMPLE[row.code]
                entry = replace(workspace.blank_entry(row, period), status=status, evidence_notes=notes,
                                values={p: parse_value(v) for p, v in values.items()})
                workspace.save(db, db_path.parent / "evidence", entry, row.goal.measures, [], "Nguyễn Thị Hoa")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--tab", choices=["targets", "overview"], default="targets")
    args = parser.parse_args()
    app = make_app()
    db_path = Path(tempfile.mkdtemp()) / "dti.sqlite3"
    db = open_app_database(db_path)
    fill(db, db_path)
    window = MainWindow(db, db_path, today=date(2025, 3, 10))
    screen = QGuiApplication.primaryScreen().geometry()
    window.setGeometry(0, 0, screen.width(), screen.height())
    window.show()
    window.select_assignment(next(r.assignment_id for r in window.model.rows() if r.code == "9"))
    if args.tab == "overview":
        window.tabs.setCurrentWidget(window.overview)

    def grab() -> None:
        QGuiApplication.primaryScreen().grabWindow(0).save(args.out)
        app.quit()

    QTimer.singleShot(1500, grab)
    code = app.exec()
    shut_down(app, window, db)
    return code


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.exit(main())
