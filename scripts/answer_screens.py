"""Screenshots of the office's answers (issue 23), for docs/: the office's tab "Trả lời các đơn vị" and a unit's month
the office returned (the reason in the banner, the returned targets first, the comment beside the form).

  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/answer_screens.py docs/screenshot-answer-office.png
  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/answer_screens.py docs/screenshot-answer-unit.png \
      --side unit
Data: scripts/screenshot.py's office (Mạo Khê sent March twice, Kim Sơn once, An Sinh not yet); the office returns Kim
Sơn's March with comments on targets 6 and 17, and Kim Sơn takes the answer in.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtGui import QGuiApplication  # noqa: E402

from dti_desktop.domain.periods import Period  # noqa: E402
from dti_desktop.services import answer_intake, answers, trust  # noqa: E402
from dti_desktop.services.app_database import open_app_database  # noqa: E402
from dti_desktop.ui.app import make_app  # noqa: E402
from dti_desktop.ui.main_window import MainWindow  # noqa: E402
from screenshot import grab_when_shown, office_with_packages  # noqa: E402

MARCH = Period(2025, 3)


def scene(folder: Path):
    from dti_desktop.services import district_review

    office, office_path, _ = office_with_packages(folder)
    for held in sorted(district_review.held_packages(office), key=lambda h: h.revision):  # the office takes them in
        district_review.accept_held(office, office_path.parent / "evidence", held.id, "Trần Văn Nam")
    unit_path = folder / "UBND phường Kim Sơn" / "dti.sqlite3"
    unit = open_app_database(unit_path)
    enrol, _ = trust.export_enrolment(office, folder / "co-quan.dtikhoa")
    trust.import_office_key(unit, enrol)
    written = answers.answer_unit(office, "UBND phường Kim Sơn", MARCH, answers.RETURNED,
                                  "Chưa đủ minh chứng cho hai chỉ tiêu; đề nghị bổ sung và gửi lại trước 28/03/2025.",
                                  {"6": "Đề nghị bổ sung minh chứng (ảnh chụp thống kê của Cổng dịch vụ công).",
                                   "17": "Số liệu không khớp với tháng trước (tháng 02 ghi 31,5%)."},
                                  folder / "tra-loi", datetime(2025, 3, 22, 9, 30, tzinfo=timezone.utc))
    answer_intake.import_answer(unit, written.path)
    return office, office_path, unit, unit_path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--side", choices=["office", "unit"], default="office")
    args = parser.parse_args()
    app = make_app()
    office, office_path, unit, unit_path = scene(Path(tempfile.mkdtemp()))
    if args.side == "office":
        db, window = office, MainWindow(office, office_path, today=date(2025, 3, 25))
    else:
        db, window = unit, MainWindow(unit, unit_path, today=date(2025, 3, 25))
    window.period_combo.setCurrentIndex(window.period_combo.findData(MARCH.key))
    screen = QGuiApplication.primaryScreen().geometry()
    window.setGeometry(0, 0, screen.width(), screen.height())
    window.show()
    if args.side == "office":
        window.tabs.setCurrentWidget(window.district_page)
        tab = window.district
        tab.inner.setCurrentWidget(tab.answers)
        tab.answers.view.selectRow(next(i for i, r in enumerate(tab.answers.model._rows) if r.unit.endswith("Kim Sơn")))
    else:
        window.select_assignment(window.model.row_at(0).assignment_id)
    return grab_when_shown(app, window, db, args.out)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.exit(main())
